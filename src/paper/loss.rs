//! The losses of the suite and assumption (3.6): ∇L bounded (by G) and Lipschitz (with λ).
//!
//! # Formula
//! - linear `L(z) = g·z`: G = ‖g‖, λ = 0.
//! - separable log-cosh `L(z) = Σ w_i log cosh(z_i − c_i)`: ∇L = (w_i tanh(z_i − c_i)),
//!   G = ‖w‖, λ = max |w_i| (the Hessian is diag(w_i sech²)).
//! - ridge log-cosh `L(z) = G log cosh(u·z − s*)`, ‖u‖ = 1: ∇L = G tanh(u·z − s*) u, so
//!   ‖∇L‖ ≤ G for every d, λ = G (Hessian G sech²(·) u uᵀ).
//! - quadratic `L(z) = ½‖z‖²`: breaks (3.6) (∇L unbounded); allowed only with a warning.

/// log cosh x without overflow: |x| + log1p(e^{−2|x|}) − log 2.
pub fn log_cosh(x: f64) -> f64 {
    let a = x.abs();
    a + (-2.0 * a).exp().ln_1p() - std::f64::consts::LN_2
}

/// Taylor coefficients 1/k! of e^r, k = 0…14 (nearest f64).
pub const EXP_COEFFS: [f64; 15] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362880.0,
    1.0 / 3628800.0,
    1.0 / 39916800.0,
    1.0 / 479001600.0,
    1.0 / 6227020800.0,
    1.0 / 87178291200.0,
];

/// Terms of the atanh series used by [`log_cosh_block`]: 2z Σ_{j<ATANH_TERMS} z^{2j}/(2j+1).
pub const ATANH_TERMS: usize = 19;

/// Beyond |x| = 40, ln1p(e^{−2|x|}) < 2e−35 lies below the last bit of |x| − ln 2 and the
/// exponential is evaluated at 40 instead (no underflow, no branch).
pub const LOG_COSH_CLAMP: f64 = 40.0;

/// log cosh of 8 numbers at once, without libm and without branches, so that the lanes map to
/// AVX registers (the engine's separable log-cosh kernel): `|x| − ln 2 + ln1p(e^{−2|x|})` with
/// - e^{−2a}: Cody–Waite reduction −2a = k ln 2 + r, |r| ≤ ln2/2, e^r by its Taylor polynomial of
///   degree 14, 2^k through the exponent bits;
/// - ln1p(v) = 2 atanh(z), z = v/(2 + v) ∈ (0, 1/3], by 2z Σ_{j<19} z^{2j}/(2j+1).
///
/// Accuracy: both truncated tails are below 2^−60 relative (proved with intervals in
/// `tests/performance.rs`); the absolute error against MPFR is ≤ 5·10^−16 for all x (measured
/// there) — the absolute accuracy of the libm formula [`log_cosh`], which is what a sum of losses
/// whose differences drive the update needs.
#[inline(always)]
pub fn log_cosh_block(x: [f64; 8]) -> [f64; 8] {
    // ln 2 split as in fdlibm: the high part has 32 trailing zero bits, so k·LN2_HI is exact
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const TWO52_PLUS_BIAS: f64 = 1023.0 + 4_503_599_627_370_496.0;
    let mut a = [0.0f64; 8];
    let mut r = [0.0f64; 8];
    let mut k = [0.0f64; 8];
    for l in 0..8 {
        a[l] = x[l].abs();
        let y = -2.0 * a[l].min(LOG_COSH_CLAMP);
        k[l] = (y * std::f64::consts::LOG2_E).round();
        r[l] = (-k[l]).mul_add(LN2_LO, (-k[l]).mul_add(LN2_HI, y));
    }
    let mut p = [EXP_COEFFS[14]; 8];
    for i in (0..14).rev() {
        for l in 0..8 {
            p[l] = p[l].mul_add(r[l], EXP_COEFFS[i]);
        }
    }
    let mut z = [0.0f64; 8];
    let mut w = [0.0f64; 8];
    for l in 0..8 {
        // 2^k: k + 1023 lands in the low mantissa bits of k + 1023 + 2^52; shift them into the exponent
        let scale = f64::from_bits((k[l] + TWO52_PLUS_BIAS).to_bits() << 52);
        let v = p[l] * scale;
        z[l] = v / (2.0 + v);
        w[l] = z[l] * z[l];
    }
    let mut q = [1.0f64 / (2 * ATANH_TERMS - 1) as f64; 8];
    for j in (0..ATANH_TERMS - 1).rev() {
        let c = 1.0 / (2 * j + 1) as f64;
        for l in 0..8 {
            q[l] = q[l].mul_add(w[l], c);
        }
    }
    let mut out = [0.0f64; 8];
    for l in 0..8 {
        out[l] = (a[l] - std::f64::consts::LN_2) + 2.0 * z[l] * q[l];
    }
    out
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
