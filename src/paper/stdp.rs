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
use rand::RngExt;

/// The STDP factor φ(u) = e^{−u} − e^{u}.
#[inline]
pub fn stdp_factor(u: f64) -> f64 {
    -2.0 * u.sinh()
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
            *u = h * (2.0 * rng.random::<f64>() - 1.0);
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
    let draw = |rng: &mut R| -> Vec<f64> {
        (0..d)
            .map(|_| half_width * (2.0 * rng.random::<f64>() - 1.0))
            .collect()
    };
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
