//! log cosh near a slowly moving argument, for the ridge loss L(z) = G log cosh(u·z − s*): the
//! argument x = u·(θ + U) − s* moves by O(A_n) per step, so a Taylor polynomial about a centre
//! x₀, recentred when |x − x₀| exceeds [`RADIUS`], replaces one libm `exp` + `log1p` per step
//! by one short Horner chain.
//!
//! # Formula
//! With T = tanh x₀ and tanh(x₀ + δ) = Σ a_j δ^j, the series of y = tanh solves y′ = 1 − y²:
//! `a₀ = T`, `(j + 1) a_{j+1} = [j = 0] − Σ_{i=0}^{j} a_i a_{j−i}`, and
//! `log cosh(x₀ + δ) = log cosh x₀ + Σ_{k≥1} a_{k−1} δ^k / k`.
//!
//! # Accuracy
//! tanh is analytic on the strip |Im z| < π/2 and |tanh(x + iy)|² = (sinh²x + sin²y)/(sinh²x +
//! cos²y) ≤ tan²y there, so on every disc of radius 1 about a real x₀, |tanh| ≤ tan 1; by Cauchy,
//! |a_j| ≤ tan 1, and the tail after degree [`DEGREE`] is at most
//! `tan 1 · R^{K+1} / ((K + 1)(1 − R))` for |δ| ≤ R, K = DEGREE: below 2^−58 absolute for
//! R = 1/16, K = 13 (proved with inari's outward-rounded `tan` in `tests/performance.rs`, where
//! degree 12 is shown not to suffice). Measured against MPFR there: within a few units of 1e−16
//! of log cosh x, absolute.

use crate::paper::loss::log_cosh;

/// Degree of the Taylor polynomial.
pub const DEGREE: usize = 13;
/// The polynomial serves |x − x₀| ≤ RADIUS; beyond, the centre moves to x (one libm call).
pub const RADIUS: f64 = 1.0 / 16.0;

/// log cosh x by a Taylor polynomial about a centre that follows x.
#[derive(Clone, Debug)]
pub struct LogCoshTaylor {
    centre: f64,
    /// c[0] = log cosh x₀ (libm), c[k] = a_{k−1}/k.
    coeffs: [f64; DEGREE + 1],
    recentres: u64,
}

impl LogCoshTaylor {
    /// The polynomial about x₀.
    pub fn new(x0: f64) -> Self {
        let mut p = LogCoshTaylor {
            centre: x0,
            coeffs: [0.0; DEGREE + 1],
            recentres: 0,
        };
        p.recentre(x0);
        p
    }

    /// The Taylor coefficients of log cosh about x₀ by the recursion of the module docs.
    pub fn coefficients(x0: f64) -> [f64; DEGREE + 1] {
        let mut a = [0.0f64; DEGREE];
        a[0] = x0.tanh();
        for j in 0..DEGREE - 1 {
            let conv: f64 = (0..=j).map(|i| a[i] * a[j - i]).sum();
            let delta = if j == 0 { 1.0 } else { 0.0 };
            a[j + 1] = (delta - conv) / (j + 1) as f64;
        }
        let mut c = [0.0f64; DEGREE + 1];
        c[0] = log_cosh(x0);
        for k in 1..=DEGREE {
            c[k] = a[k - 1] / k as f64;
        }
        c
    }

    fn recentre(&mut self, x: f64) {
        self.centre = x;
        self.coeffs = Self::coefficients(x);
        self.recentres += 1;
    }

    /// log cosh x (see the accuracy in the module docs). NaN and ±∞ give what libm gives.
    #[inline]
    pub fn eval(&mut self, x: f64) -> f64 {
        let d = x - self.centre;
        // a NaN d recentres too (and returns libm's NaN)
        if d.abs() > RADIUS || d.is_nan() {
            self.recentre(x);
            return self.coeffs[0];
        }
        let c = &self.coeffs;
        let mut p = c[DEGREE];
        for k in (1..DEGREE).rev() {
            p = p.mul_add(d, c[k]);
        }
        d.mul_add(p, c[0])
    }

    /// How often the centre has moved (the libm calls), the first included.
    pub fn recentres(&self) -> u64 {
        self.recentres
    }
}
