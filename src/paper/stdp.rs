//! The update rule (3.2), with the indices the proof needs: for ℓ = 1, …, n, with
//! θ^{(0)} = θ^{(−1)} = z0 and U^{(0)}, U^{(1)}, … iid Unif[−A_n, A_n]^d,
//!
//! `θ^{(ℓ)}_ν = θ^{(ℓ−1)}_ν + α (L(θ^{(ℓ−1)} + U^{(ℓ)}) − L(θ^{(ℓ−2)} + U^{(ℓ−1)})) φ(U^{(ℓ)}_ν)`,
//! `φ(u) = e^{−u} − e^{u} = −2 sinh u`.
//!
//! The loss is evaluated once per step; its value is the next step's baseline. Memory is O(d):
//! θ and the current noise vector, nothing of the path.

use super::loss::Loss;
use super::normalizer::Scaling;
use crate::rigorous::exppoly::ExpPoly;
use rand::RngExt;

/// |u| up to which [`stdp_factor`] uses its polynomial (A_n = A/√n is below it from n = 4A² on).
pub const SINH_POLY_MAX: f64 = 0.5;

/// The Taylor coefficients 1/(2k+1)! of sinh(u)/u, k = 1…7, rounded to nearest.
pub const SINH_COEFFS: [f64; 7] = [
    1.0 / 6.0,
    1.0 / 120.0,
    1.0 / 5040.0,
    1.0 / 362880.0,
    1.0 / 39916800.0,
    1.0 / 6227020800.0,
    1.0 / 1307674368000.0,
];

/// The polynomials of φ: (terms k, the largest |u| they serve). The omitted tail
/// Σ_{j>k} u^{2j}/(2j+1)! is below 2^−58 relative to sinh(u)/u on each range (proved with
/// outward-rounded intervals in `tests/performance.rs`).
pub const SINH_POLYS: [(usize, f64); 3] = [(3, 1.0 / 64.0), (4, 1.0 / 16.0), (7, SINH_POLY_MAX)];

/// φ(u) = −2u(1 + u²/3! + … + u^{2K}/(2K+1)!) with K = `TERMS` − 1 further terms, branch-free:
/// `u + u·s·P(s)` with s = u², the leading term added last.
#[inline(always)]
fn sinh_poly<const TERMS: usize>(u: f64) -> f64 {
    debug_assert!(TERMS >= 1);
    let s = u * u;
    let mut p = SINH_COEFFS[TERMS - 1];
    let mut k = TERMS - 1;
    while k > 0 {
        k -= 1;
        p = p.mul_add(s, SINH_COEFFS[k]);
    }
    -2.0 * ((p * s) * u + u)
}

/// φ(u) for |u| ≤ [`SINH_POLY_MAX`] = 1/2: degree 15.
///
/// Accuracy: the truncated tail is below 2^−58 relative for |u| ≤ 1/2 (proved by interval
/// arithmetic in `tests/performance.rs`); with Horner's rounding the result is within 2 ulp of
/// −2 sinh u (measured there against MPFR).
#[inline(always)]
pub fn stdp_factor_poly(u: f64) -> f64 {
    sinh_poly::<7>(u)
}

/// φ(u) for |u| ≤ 1/16: degree 9 (tail below 2^−58 relative, proved in the same test).
#[inline(always)]
pub fn stdp_factor_poly9(u: f64) -> f64 {
    sinh_poly::<4>(u)
}

/// φ(u) for |u| ≤ 1/64: degree 7 (tail below 2^−58 relative, proved in the same test).
#[inline(always)]
pub fn stdp_factor_poly7(u: f64) -> f64 {
    sinh_poly::<3>(u)
}

/// φ through the polynomial of `TERMS` ∈ {3, 4, 7} terms (those of [`SINH_POLYS`]), or through
/// [`stdp_factor`] when `TERMS` is 0. The engine is monomorphised on `TERMS`.
#[inline(always)]
pub fn stdp_factor_terms<const TERMS: usize>(u: f64) -> f64 {
    if TERMS == 0 {
        stdp_factor(u)
    } else {
        sinh_poly::<TERMS>(u)
    }
}

/// The shortest proved polynomial for noise in [−h, h], or `None` beyond 1/2.
pub fn stdp_factor_for(h: f64) -> Option<fn(f64) -> f64> {
    if h <= 1.0 / 64.0 {
        Some(stdp_factor_poly7)
    } else if h <= 1.0 / 16.0 {
        Some(stdp_factor_poly9)
    } else if h <= SINH_POLY_MAX {
        Some(stdp_factor_poly)
    } else {
        None
    }
}

/// The STDP factor φ(u) = e^{−u} − e^{u} = −2 sinh u: the short odd polynomial near 0 (where
/// the process lives, |u| ≤ A_n), libm's sinh beyond.
#[inline]
pub fn stdp_factor(u: f64) -> f64 {
    if u.abs() <= SINH_POLY_MAX {
        stdp_factor_poly(u)
    } else {
        -2.0 * u.sinh()
    }
}

/// One draw of Unif[−h, h): `h·(2r − 1)` with r the stream's next f64 in [0, 1). Every uniform
/// of the suite is drawn this way (the engine's block draws reproduce it bit for bit), so paths
/// from different implementations coincide on the same stream.
#[inline]
pub fn uniform_noise<R: rand::Rng>(rng: &mut R, h: f64) -> f64 {
    h * (2.0 * rng.random::<f64>() - 1.0)
}

/// d draws of [`uniform_noise`].
pub fn noise_vector<R: rand::Rng>(rng: &mut R, d: usize, h: f64) -> Vec<f64> {
    (0..d).map(|_| uniform_noise(rng, h)).collect()
}

/// The constants of the scheme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StdpParams {
    pub alpha: f64,
    /// A, the noise scale before rescaling.
    pub big_a: f64,
    /// Updates per training sample.
    pub n: u64,
    pub scaling: Scaling,
}

impl StdpParams {
    /// A_n = A/√n or A/∛n.
    pub fn half_width(&self) -> f64 {
        let n = self.n as f64;
        match self.scaling {
            Scaling::Sqrt => self.big_a / n.sqrt(),
            Scaling::Cuberoot => self.big_a / n.cbrt(),
        }
    }
}

/// The state of (3.2) between two steps.
pub struct Stdp<'a, L: Loss + ?Sized> {
    loss: &'a L,
    alpha: f64,
    half_width: f64,
    theta: Vec<f64>,
    noise: Vec<f64>,
    /// L(θ^{(ℓ−2)} + U^{(ℓ−1)}), the previous step's loss.
    baseline: f64,
    /// α(L(θ^{(ℓ−1)} + U^{(ℓ)}) − baseline) of the last step.
    last_increment: f64,
}

impl<'a, L: Loss + ?Sized> Stdp<'a, L> {
    /// θ^{(0)} = θ^{(−1)} = z0; draws U^{(0)} and sets the baseline L(z0 + U^{(0)}).
    pub fn new<R: rand::Rng>(loss: &'a L, params: &StdpParams, z0: &[f64], rng: &mut R) -> Self {
        let mut s = Stdp {
            loss,
            alpha: params.alpha,
            half_width: params.half_width(),
            theta: z0.to_vec(),
            noise: vec![0.0; z0.len()],
            baseline: 0.0,
            last_increment: 0.0,
        };
        s.draw(rng);
        s.baseline = s.loss.value_at_sum(&s.theta, &s.noise);
        s
    }

    fn draw<R: rand::Rng>(&mut self, rng: &mut R) {
        let h = self.half_width;
        for u in self.noise.iter_mut() {
            *u = uniform_noise(rng, h);
        }
    }

    /// One update: θ^{(ℓ−1)} → θ^{(ℓ)}.
    pub fn step<R: rand::Rng>(&mut self, rng: &mut R) {
        self.draw(rng);
        let current = self.loss.value_at_sum(&self.theta, &self.noise);
        let increment = self.alpha * (current - self.baseline);
        for (t, &u) in self.theta.iter_mut().zip(&self.noise) {
            *t += increment * stdp_factor(u);
        }
        self.baseline = current;
        self.last_increment = increment;
    }

    /// θ^{(ℓ)}.
    pub fn theta(&self) -> &[f64] {
        &self.theta
    }
    /// U^{(ℓ)}, the noise of the last step.
    pub fn noise(&self) -> &[f64] {
        &self.noise
    }
    /// α(L(θ^{(ℓ−1)} + U^{(ℓ)}) − L(θ^{(ℓ−2)} + U^{(ℓ−1)})) of the last step.
    pub fn last_increment(&self) -> f64 {
        self.last_increment
    }
    /// ‖θ^{(ℓ)} − θ^{(ℓ−1)}‖ = |α ΔL|·‖φ(U^{(ℓ)})‖ of the last step.
    pub fn last_step_norm(&self) -> f64 {
        let phi2: f64 = self.noise.iter().map(|&u| stdp_factor(u).powi(2)).sum();
        self.last_increment.abs() * phi2.sqrt()
    }
}

/// Schmidt-Hieber's single-update rule (2.2): one update per training sample k, each with its
/// own loss L^{(k)}; the baseline is the previous sample's loss at the previous point:
/// `θ^{(k)} = θ^{(k−1)} + α (L^{(k−1)}(θ^{(k−1)} + U^{(k)}) − L^{(k−2)}(θ^{(k−2)} + U^{(k−1)})) φ(U^{(k)})`.
/// `losses[j]` is L^{(j)} for j = 0, 1, …; the first baseline uses L^{(0)} at θ^{(0)} + U^{(0)}.
/// With every loss the same this is (3.2) with n = the number of samples.
pub fn single_update_path<R: rand::Rng>(
    losses: &[&dyn Loss],
    alpha: f64,
    half_width: f64,
    z0: &[f64],
    rng: &mut R,
) -> Vec<Vec<f64>> {
    let d = z0.len();
    let draw = |rng: &mut R| noise_vector(rng, d, half_width);
    let mut theta = z0.to_vec();
    let mut baseline = losses
        .first()
        .map(|l| l.value_at_sum(&theta, &draw(rng)))
        .unwrap_or(0.0);
    let mut path = Vec::with_capacity(losses.len());
    for loss in losses {
        let u = draw(rng);
        let current = loss.value_at_sum(&theta, &u);
        let increment = alpha * (current - baseline);
        for (t, &uv) in theta.iter_mut().zip(&u) {
            *t += increment * stdp_factor(uv);
        }
        baseline = current;
        path.push(theta.clone());
    }
    path
}

/// φ(u) = e^{−u} − e^{u}, the factor of the update (2.2)/(3.2), as an exponential polynomial
/// (its exact Taylor coefficients and symbolic antiderivative).
pub fn stdp_factor_form() -> ExpPoly {
    ExpPoly::new(&[(1, 1, 0, -1), (-1, 1, 0, 1)])
}
