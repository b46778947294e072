//! The gradient flow (3.5), `dZ/dt = −κ∇L(Z)`, `Z_0 = z0`, `κ = (2/3)A²α`, and its exact
//! solutions for the test losses.
//!
//! # Formula
//! - linear: `Z_t = z0 − κ g t`;
//! - separable log-cosh: `y = z_i − c_i` obeys `y′ = −κ w_i tanh y`, so `sinh y` decays like
//!   `e^{−κ w_i t}`: `z_i(t) = c_i + asinh(sinh(z0_i − c_i) e^{−κ w_i t})`;
//! - ridge log-cosh: `s = u·Z` obeys `s′ = −κG tanh(s − s*)` (‖u‖ = 1), so
//!   `s(t) = s* + asinh(sinh(s0 − s*) e^{−κGt})` and `Z_t = z0 + (s(t) − s0) u`.
//!
//! The closed forms are checked against a classical Runge–Kutta integration in MPFR
//! ([`rk4_mp`]), which knows only ∇L.

use super::loss::{Linear, RidgeLogCosh, SeparableLogCosh};
use rug::ops::NegAssign;
use rug::Float;

/// κ = (2/3)A²α, the coefficient of (3.5).
pub fn flow_coefficient(alpha: f64, big_a: f64) -> f64 {
    2.0 / 3.0 * big_a * big_a * alpha
}

/// An exact solution of (3.5) for one loss and starting point.
pub trait Flow: Sync + Send {
    /// Z_t into `out`.
    fn at(&self, t: f64, out: &mut [f64]);
    /// For flows that move along a fixed line, `Z_t = a + c(t)·b` coordinatewise: `(a, b, c(t))`,
    /// with `a_i + b_i·c` exactly what [`Flow::at`] computes (the engine fuses it into its loop).
    fn affine_at(&self, _t: f64) -> Option<(&[f64], &[f64], f64)> {
        None
    }
}

/// Z_t = z0 e^{−κt} for the quadratic loss ½‖z‖².
pub struct QuadraticFlow {
    pub z0: Vec<f64>,
    pub kappa: f64,
}

impl Flow for QuadraticFlow {
    fn at(&self, t: f64, out: &mut [f64]) {
        let f = (-self.kappa * t).exp();
        for (o, z) in out.iter_mut().zip(&self.z0) {
            *o = z * f;
        }
    }
}

/// Z_t = z0 − κ g t.
pub struct LinearFlow {
    pub z0: Vec<f64>,
    pub velocity: Vec<f64>,
}

impl LinearFlow {
    pub fn new(loss: &Linear, z0: &[f64], kappa: f64) -> Self {
        LinearFlow {
            z0: z0.to_vec(),
            velocity: loss.g.iter().map(|g| -kappa * g).collect(),
        }
    }
}

impl Flow for LinearFlow {
    fn at(&self, t: f64, out: &mut [f64]) {
        for ((o, z), v) in out.iter_mut().zip(&self.z0).zip(&self.velocity) {
            *o = z + v * t;
        }
    }
    fn affine_at(&self, t: f64) -> Option<(&[f64], &[f64], f64)> {
        Some((&self.z0, &self.velocity, t))
    }
}

/// The separable log-cosh flow, coordinate by coordinate; coordinates with identical
/// (w, c, z0) share one evaluation.
pub struct SeparableFlow {
    pub c: Vec<f64>,
    pub sinh0: Vec<f64>,
    pub rate: Vec<f64>,
    uniform: bool,
    zeros: Vec<f64>,
    ones: Vec<f64>,
}

impl SeparableFlow {
    pub fn new(loss: &SeparableLogCosh, z0: &[f64], kappa: f64) -> Self {
        let sinh0: Vec<f64> = z0
            .iter()
            .zip(&loss.c)
            .map(|(z, c)| (z - c).sinh())
            .collect();
        let rate: Vec<f64> = loss.w.iter().map(|w| kappa * w).collect();
        let uniform = (1..z0.len())
            .all(|i| loss.c[i] == loss.c[0] && sinh0[i] == sinh0[0] && rate[i] == rate[0]);
        let d = z0.len();
        SeparableFlow {
            c: loss.c.clone(),
            sinh0,
            rate,
            uniform,
            zeros: vec![0.0; d],
            ones: vec![1.0; d],
        }
    }
}

impl Flow for SeparableFlow {
    fn at(&self, t: f64, out: &mut [f64]) {
        if self.uniform && !out.is_empty() {
            let v = self.c[0] + (self.sinh0[0] * (-self.rate[0] * t).exp()).asinh();
            out.fill(v);
            return;
        }
        for (i, o) in out.iter_mut().enumerate() {
            *o = self.c[i] + (self.sinh0[i] * (-self.rate[i] * t).exp()).asinh();
        }
    }
    fn affine_at(&self, t: f64) -> Option<(&[f64], &[f64], f64)> {
        (self.uniform && !self.c.is_empty()).then(|| {
            let v = self.c[0] + (self.sinh0[0] * (-self.rate[0] * t).exp()).asinh();
            (&self.zeros[..], &self.ones[..], v)
        })
    }
}

/// The ridge flow: only the component along u moves.
pub struct RidgeFlow {
    pub z0: Vec<f64>,
    pub u: Vec<f64>,
    pub s0: f64,
    pub s_star: f64,
    pub rate: f64,
    /// sinh(s0 − s*), computed once.
    sinh0: f64,
}

impl RidgeFlow {
    pub fn new(loss: &RidgeLogCosh, z0: &[f64], kappa: f64) -> Self {
        let s0 = loss.u.iter().zip(z0).map(|(u, z)| u * z).sum();
        RidgeFlow {
            z0: z0.to_vec(),
            u: loss.u.clone(),
            s0,
            s_star: loss.s_star,
            rate: kappa * loss.g,
            sinh0: (s0 - loss.s_star).sinh(),
        }
    }
    /// s(t) = u·Z_t.
    pub fn projection(&self, t: f64) -> f64 {
        self.s_star + (self.sinh0 * (-self.rate * t).exp()).asinh()
    }
}

impl Flow for RidgeFlow {
    fn at(&self, t: f64, out: &mut [f64]) {
        let shift = self.projection(t) - self.s0;
        for ((o, z), u) in out.iter_mut().zip(&self.z0).zip(&self.u) {
            *o = z + u * shift;
        }
    }
    fn affine_at(&self, t: f64) -> Option<(&[f64], &[f64], f64)> {
        Some((&self.z0, &self.u, self.projection(t) - self.s0))
    }
}

/// Classical RK4 for (3.5) in MPFR at `prec` bits with `steps` steps on [0, t_end], using only
/// the gradient `grad(z, out)` (given in MPFR). Returns Z at t_end.
pub fn rk4_mp(
    grad: &dyn Fn(&[Float], &mut [Float]),
    z0: &[f64],
    kappa: f64,
    t_end: f64,
    steps: usize,
    prec: u32,
) -> Vec<Float> {
    let d = z0.len();
    let h = Float::with_val(prec, t_end) / steps as u32;
    let k = Float::with_val(prec, kappa);
    let mut z: Vec<Float> = z0.iter().map(|&x| Float::with_val(prec, x)).collect();
    let mut g = vec![Float::new(prec); d];
    let f = |z: &[Float], g: &mut [Float]| {
        grad(z, g);
        for gi in g.iter_mut() {
            *gi *= &k;
            gi.neg_assign();
        }
    };
    for _ in 0..steps {
        f(&z, &mut g);
        let k1 = g.clone();
        let tmp: Vec<Float> = z
            .iter()
            .zip(&k1)
            .map(|(zi, ki)| Float::with_val(prec, zi + Float::with_val(prec, ki * &h) / 2u32))
            .collect();
        f(&tmp, &mut g);
        let k2 = g.clone();
        let tmp: Vec<Float> = z
            .iter()
            .zip(&k2)
            .map(|(zi, ki)| Float::with_val(prec, zi + Float::with_val(prec, ki * &h) / 2u32))
            .collect();
        f(&tmp, &mut g);
        let k3 = g.clone();
        let tmp: Vec<Float> = z
            .iter()
            .zip(&k3)
            .map(|(zi, ki)| Float::with_val(prec, zi + Float::with_val(prec, ki * &h)))
            .collect();
        f(&tmp, &mut g);
        let k4 = g.clone();
        for i in 0..d {
            let incr = Float::with_val(prec, &k1[i] + Float::with_val(prec, &k2[i] * 2u32))
                + Float::with_val(prec, &k3[i] * 2u32)
                + &k4[i];
            z[i] += Float::with_val(prec, incr * &h) / 6u32;
        }
    }
    z
}
