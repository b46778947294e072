//! The losses of the suite and assumption (3.6): ∇L bounded (by G) and Lipschitz (with λ).
//!
//! # Formula
//! - linear `L(z) = g·z`: G = ‖g‖, λ = 0.
//! - separable log-cosh `L(z) = Σ w_i log cosh(z_i − c_i)`: ∇L = (w_i tanh(z_i − c_i)),
//!   G = ‖w‖, λ = max |w_i| (the Hessian is diag(w_i sech²)).
//! - ridge log-cosh `L(z) = G log cosh(u·z − s*)`, ‖u‖ = 1: ∇L = G tanh(u·z − s*) u, so
//!   ‖∇L‖ ≤ G for every d, λ = G (Hessian G sech²(·) u uᵀ).
//! - quadratic `L(z) = ½‖z‖²`: breaks (3.6) (∇L unbounded); allowed only with a warning.
//!
//! # Adding a loss
//! Implement [`Loss`] for it (and [`Flow`] for its exact gradient flow in `paper::flow`), then add
//! one arm to [`LossKind`] and to [`LossKind::build`]: the command line (`--loss`), the Monte
//! Carlo engine and the audit take it from there. [`Loss::structure`] is optional: it lets the
//! engine use a specialised inner loop.

use super::flow::{flow_coefficient, Flow, LinearFlow, QuadraticFlow, RidgeFlow, SeparableFlow};

/// log cosh x without overflow: |x| + log1p(e^{−2|x|}) − log 2.
pub fn log_cosh(x: f64) -> f64 {
    let a = x.abs();
    a + (-2.0 * a).exp().ln_1p() - std::f64::consts::LN_2
}

/// A loss L: R^d → R with the constants of (3.6).
pub trait Loss: Sync + Send {
    /// The dimension d.
    fn dim(&self) -> usize;
    /// L(z + u), without forming z + u (the update evaluates the loss at θ + U every step).
    fn value_at_sum(&self, z: &[f64], u: &[f64]) -> f64;
    /// L(z).
    fn value(&self, z: &[f64]) -> f64 {
        self.value_at_sum(z, &vec![0.0; z.len()])
    }
    /// ∇L(z) into `out`.
    fn gradient(&self, z: &[f64], out: &mut [f64]);
    /// G = sup ‖∇L‖ (∞ when (3.6) fails).
    fn gradient_bound(&self) -> f64;
    /// λ, the Lipschitz constant of ∇L.
    fn lipschitz(&self) -> f64;
    /// A short name for reports.
    fn name(&self) -> &'static str;
    /// Does the loss satisfy (3.6)? A `Some(reason)` is a warning to print.
    fn assumption_warning(&self) -> Option<&'static str> {
        None
    }
    /// The loss's form, where it has one that the Monte Carlo engine's specialised inner loops
    /// exploit; [`Structure::General`] (the default) runs through [`Loss::value_at_sum`].
    fn structure(&self) -> Structure<'_> {
        Structure::General
    }
}

/// The form of a loss, as the engine's inner loops read it.
#[derive(Clone, Copy, Debug)]
pub enum Structure<'a> {
    /// `L(z) = g·z`.
    Linear { g: &'a [f64] },
    /// `L(z) = G log cosh(u·z − s*)`.
    Ridge { u: &'a [f64], g: f64, s_star: f64 },
    /// `L(z) = Σ w_i log cosh(z_i − c_i)`.
    SeparableLogCosh { w: &'a [f64], c: &'a [f64] },
    /// Anything else.
    General,
}

/// `L(z) = g·z`.
#[derive(Clone, Debug)]
pub struct Linear {
    pub g: Vec<f64>,
}

impl Linear {
    /// g = (1, …, 1)·scale/√d, so ‖g‖ = scale.
    pub fn uniform(d: usize, norm: f64) -> Self {
        Linear {
            g: vec![norm / (d as f64).sqrt(); d],
        }
    }
}

impl Loss for Linear {
    fn dim(&self) -> usize {
        self.g.len()
    }
    fn value_at_sum(&self, z: &[f64], u: &[f64]) -> f64 {
        self.g
            .iter()
            .zip(z.iter().zip(u))
            .map(|(g, (z, u))| g * (z + u))
            .sum()
    }
    fn gradient(&self, _z: &[f64], out: &mut [f64]) {
        out.copy_from_slice(&self.g);
    }
    fn gradient_bound(&self) -> f64 {
        self.g.iter().map(|g| g * g).sum::<f64>().sqrt()
    }
    fn lipschitz(&self) -> f64 {
        0.0
    }
    fn name(&self) -> &'static str {
        "linear"
    }
    fn structure(&self) -> Structure<'_> {
        Structure::Linear { g: &self.g }
    }
}

/// `L(z) = Σ w_i log cosh(z_i − c_i)`.
#[derive(Clone, Debug)]
pub struct SeparableLogCosh {
    pub w: Vec<f64>,
    pub c: Vec<f64>,
}

impl SeparableLogCosh {
    /// w_i = w, c_i = c.
    pub fn uniform(d: usize, w: f64, c: f64) -> Self {
        SeparableLogCosh {
            w: vec![w; d],
            c: vec![c; d],
        }
    }
}

impl Loss for SeparableLogCosh {
    fn dim(&self) -> usize {
        self.w.len()
    }
    fn value_at_sum(&self, z: &[f64], u: &[f64]) -> f64 {
        let mut s = 0.0;
        for i in 0..self.w.len() {
            s += self.w[i] * log_cosh(z[i] + u[i] - self.c[i]);
        }
        s
    }
    fn gradient(&self, z: &[f64], out: &mut [f64]) {
        for i in 0..self.w.len() {
            out[i] = self.w[i] * (z[i] - self.c[i]).tanh();
        }
    }
    fn gradient_bound(&self) -> f64 {
        self.w.iter().map(|w| w * w).sum::<f64>().sqrt()
    }
    fn lipschitz(&self) -> f64 {
        self.w.iter().fold(0.0, |m, w| m.max(w.abs()))
    }
    fn name(&self) -> &'static str {
        "logcosh"
    }
    fn structure(&self) -> Structure<'_> {
        Structure::SeparableLogCosh {
            w: &self.w,
            c: &self.c,
        }
    }
}

/// `L(z) = G log cosh(u·z − s*)` with ‖u‖ = 1.
#[derive(Clone, Debug)]
pub struct RidgeLogCosh {
    pub u: Vec<f64>,
    pub g: f64,
    pub s_star: f64,
}

impl RidgeLogCosh {
    /// u = (1, …, 1)/√d.
    pub fn uniform(d: usize, g: f64, s_star: f64) -> Self {
        RidgeLogCosh {
            u: vec![1.0 / (d as f64).sqrt(); d],
            g,
            s_star,
        }
    }
    fn projection(&self, z: &[f64], u: &[f64]) -> f64 {
        self.u
            .iter()
            .zip(z.iter().zip(u))
            .map(|(w, (z, u))| w * (z + u))
            .sum()
    }
}

impl Loss for RidgeLogCosh {
    fn dim(&self) -> usize {
        self.u.len()
    }
    fn value_at_sum(&self, z: &[f64], u: &[f64]) -> f64 {
        self.g * log_cosh(self.projection(z, u) - self.s_star)
    }
    fn gradient(&self, z: &[f64], out: &mut [f64]) {
        let t =
            self.g * (self.u.iter().zip(z).map(|(a, b)| a * b).sum::<f64>() - self.s_star).tanh();
        for (o, w) in out.iter_mut().zip(&self.u) {
            *o = t * w;
        }
    }
    fn gradient_bound(&self) -> f64 {
        self.g.abs()
    }
    fn lipschitz(&self) -> f64 {
        self.g.abs()
    }
    fn name(&self) -> &'static str {
        "ridge"
    }
    fn structure(&self) -> Structure<'_> {
        Structure::Ridge {
            u: &self.u,
            g: self.g,
            s_star: self.s_star,
        }
    }
}

/// `L(z) = ½‖z‖²`: ∇L = z is unbounded, so (3.6) fails and the scheme can blow up.
#[derive(Clone, Debug)]
pub struct Quadratic {
    pub d: usize,
}

impl Loss for Quadratic {
    fn dim(&self) -> usize {
        self.d
    }
    fn value_at_sum(&self, z: &[f64], u: &[f64]) -> f64 {
        0.5 * z.iter().zip(u).map(|(z, u)| (z + u) * (z + u)).sum::<f64>()
    }
    fn gradient(&self, z: &[f64], out: &mut [f64]) {
        out.copy_from_slice(z);
    }
    fn gradient_bound(&self) -> f64 {
        f64::INFINITY
    }
    fn lipschitz(&self) -> f64 {
        1.0
    }
    fn name(&self) -> &'static str {
        "quadratic"
    }
    fn assumption_warning(&self) -> Option<&'static str> {
        Some(
            "the quadratic loss breaks (3.6): its gradient is unbounded and the scheme can blow up",
        )
    }
}

/// `L(z) = λ Σ_ν h(z_ν)` with `h′(t) = min(|t|, r)`: a gradient with a kink at every z_ν = 0
/// (and at ±r), the loss that shows the bias term's √d (bias-sqrt-d, bias-c-order). ∇L is
/// λ-Lipschitz (each h′ is piecewise linear with slopes 0, ±1) and ‖∇L‖ ≤ λr√d, so (3.6) holds;
/// with r = 1/√d, G = λ for every d.
#[derive(Clone, Debug)]
pub struct KinkedSeparable {
    pub d: usize,
    pub lambda: f64,
    pub r: f64,
}

impl KinkedSeparable {
    /// h′(t) = min(|t|, r).
    pub fn slope(&self, t: f64) -> f64 {
        t.abs().min(self.r)
    }
    /// The points where h′ is not differentiable.
    pub fn kinks(&self) -> [f64; 3] {
        [-self.r, 0.0, self.r]
    }
    /// h(t) = ∫_0^t h′ = sign(t)(min(|t|, r)²/2 + r·max(|t| − r, 0)).
    fn h(&self, t: f64) -> f64 {
        let m = t.abs().min(self.r);
        t.signum() * (0.5 * m * m + self.r * (t.abs() - self.r).max(0.0))
    }
}

impl Loss for KinkedSeparable {
    fn dim(&self) -> usize {
        self.d
    }
    fn value_at_sum(&self, z: &[f64], u: &[f64]) -> f64 {
        self.lambda * z.iter().zip(u).map(|(z, u)| self.h(z + u)).sum::<f64>()
    }
    fn gradient(&self, z: &[f64], out: &mut [f64]) {
        for (o, &t) in out.iter_mut().zip(z) {
            *o = self.lambda * self.slope(t);
        }
    }
    fn gradient_bound(&self) -> f64 {
        self.lambda * self.r * (self.d as f64).sqrt()
    }
    fn lipschitz(&self) -> f64 {
        self.lambda
    }
    fn name(&self) -> &'static str {
        "kinked"
    }
}

/// The test losses of the suite: the names `--loss` takes, and how each is built with its flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LossKind {
    /// L(z) = g·z with g = ‖g‖(1, …, 1)/√d.
    Linear,
    /// L(z) = Σ w log cosh(z_i − c).
    #[value(name = "logcosh")]
    LogCosh,
    /// L(z) = G log cosh(u·z − s*) with u = (1, …, 1)/√d.
    Ridge,
    /// L(z) = ½‖z‖² (breaks (3.6): allowed with a warning).
    Quadratic,
}

impl LossKind {
    /// Parses a loss name.
    pub fn parse(s: &str) -> Option<LossKind> {
        <LossKind as clap::ValueEnum>::from_str(s, false).ok()
    }
    /// The loss's name on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            LossKind::Linear => "linear",
            LossKind::LogCosh => "logcosh",
            LossKind::Ridge => "ridge",
            LossKind::Quadratic => "quadratic",
        }
    }
    /// The parameters of [`LossParams`] this loss reads (by their command-line names); z0 is
    /// read by every loss.
    pub fn parameters(self) -> &'static [&'static str] {
        match self {
            LossKind::Linear => &["gnorm"],
            LossKind::LogCosh => &["w", "c"],
            LossKind::Ridge => &["big-g", "s-star"],
            LossKind::Quadratic => &[],
        }
    }
    /// The loss in dimension d with its exact flow from z0 = (p.z0, …) for α and A.
    pub fn build(
        self,
        d: usize,
        p: &LossParams,
        alpha: f64,
        big_a: f64,
    ) -> (Box<dyn Loss>, Box<dyn Flow>) {
        let kappa = flow_coefficient(alpha, big_a);
        let z0 = vec![p.z0; d];
        match self {
            LossKind::Linear => {
                let l = Linear::uniform(d, p.g_norm);
                let f = LinearFlow::new(&l, &z0, kappa);
                (Box::new(l), Box::new(f))
            }
            LossKind::LogCosh => {
                let l = SeparableLogCosh::uniform(d, p.w, p.c);
                let f = SeparableFlow::new(&l, &z0, kappa);
                (Box::new(l), Box::new(f))
            }
            LossKind::Ridge => {
                let l = RidgeLogCosh::uniform(d, p.big_g, p.s_star);
                let f = RidgeFlow::new(&l, &z0, kappa);
                (Box::new(l), Box::new(f))
            }
            LossKind::Quadratic => (
                Box::new(Quadratic { d }),
                Box::new(QuadraticFlow { z0, kappa }),
            ),
        }
    }
}

/// The parameters of the test losses (the defaults of `verify simulate`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossParams {
    /// ‖g‖ of the linear loss (g = (1, …, 1)‖g‖/√d).
    pub g_norm: f64,
    /// w_i and c_i of the separable log-cosh loss.
    pub w: f64,
    pub c: f64,
    /// G and s* of the ridge loss (u = (1, …, 1)/√d).
    pub big_g: f64,
    pub s_star: f64,
    /// z0 = (z0, …, z0).
    pub z0: f64,
}

impl Default for LossParams {
    fn default() -> Self {
        LossParams {
            g_norm: 1.0,
            w: 1.0,
            c: 1.0,
            big_g: 1.0,
            s_star: 1.0,
            z0: 0.0,
        }
    }
}
