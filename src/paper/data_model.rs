//! The data model of the single-update claims: inputs x ~ N(0, I_d/d), outputs
//! y = θ*·x + ε with ε ~ N(0, σ²), and the loss L(θ, x, y) = log cosh(y − θ·x) of one sample
//! (∇_θL = −x tanh(y − θ·x), so ‖∇L‖ ≤ ‖x‖ and λ ≤ ‖x‖²).
//!
//! Normal draws by Box–Muller from the keyed ChaCha8 streams (two uniforms per pair).

use super::loss::log_cosh;
use rand::RngExt;

/// y = θ*·x + ε, x ~ N(0, I_d/d), ε ~ N(0, noise_sd²).
#[derive(Clone, Debug, PartialEq)]
pub struct DataModel {
    pub theta_star: Vec<f64>,
    pub noise_sd: f64,
}

/// One training sample.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub x: Vec<f64>,
    pub y: f64,
}

/// A standard normal pair by Box–Muller.
fn normal_pair<R: rand::Rng>(rng: &mut R) -> (f64, f64) {
    // u1 in (0, 1] so that ln u1 is finite
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    let r = (-2.0 * u1.ln()).sqrt();
    let t = std::f64::consts::TAU * u2;
    (r * t.cos(), r * t.sin())
}

impl DataModel {
    pub fn dim(&self) -> usize {
        self.theta_star.len()
    }

    /// Draws one sample.
    pub fn sample<R: rand::Rng>(&self, rng: &mut R) -> Sample {
        let d = self.dim();
        let sd = 1.0 / (d as f64).sqrt();
        let mut x = Vec::with_capacity(d + 1);
        while x.len() < d + 1 {
            let (a, b) = normal_pair(rng);
            x.push(a);
            x.push(b);
        }
        let eps = x[d] * self.noise_sd;
        x.truncate(d);
        for v in x.iter_mut() {
            *v *= sd;
        }
        let y = self
            .theta_star
            .iter()
            .zip(&x)
            .map(|(t, x)| t * x)
            .sum::<f64>()
            + eps;
        Sample { x, y }
    }
}

impl Sample {
    /// L(θ, x, y) = log cosh(y − θ·x).
    pub fn loss(&self, theta: &[f64]) -> f64 {
        log_cosh(self.y - theta.iter().zip(&self.x).map(|(t, x)| t * x).sum::<f64>())
    }

    /// ∂_νL(θ) = −x_ν tanh(y − θ·x).
    pub fn partial(&self, theta: &[f64], nu: usize) -> f64 {
        let r = self.y - theta.iter().zip(&self.x).map(|(t, x)| t * x).sum::<f64>();
        -self.x[nu] * r.tanh()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_have_variance_one_over_d_and_outputs_follow_the_model() {
        let m = DataModel {
            theta_star: vec![1.0, -0.5, 0.25, 2.0],
            noise_sd: 0.0,
        };
        let mut rng = crate::streams::stream(1, "data-model-test", 0, 0);
        let n = 100_000;
        let mut s2 = 0.0;
        for _ in 0..n {
            let s = m.sample(&mut rng);
            s2 += s.x.iter().map(|v| v * v).sum::<f64>();
            let fit: f64 = m.theta_star.iter().zip(&s.x).map(|(t, x)| t * x).sum();
            assert!((fit - s.y).abs() < 1e-12, "noise_sd = 0 gives y = θ*·x");
        }
        // E‖x‖² = 1 (d coordinates of variance 1/d); se of the mean ≈ √(2/(d n))
        let mean = s2 / n as f64;
        assert!(
            (mean - 1.0).abs() < 5.0 * (2.0 / (4.0 * n as f64)).sqrt(),
            "E‖x‖² = {mean}"
        );
    }
}

impl super::loss::Loss for Sample {
    fn dim(&self) -> usize {
        self.x.len()
    }
    fn value_at_sum(&self, z: &[f64], u: &[f64]) -> f64 {
        let fit: f64 = self
            .x
            .iter()
            .zip(z.iter().zip(u))
            .map(|(x, (z, u))| x * (z + u))
            .sum();
        log_cosh(self.y - fit)
    }
    fn gradient(&self, z: &[f64], out: &mut [f64]) {
        let r = (self.y - self.x.iter().zip(z).map(|(x, z)| x * z).sum::<f64>()).tanh();
        for (o, x) in out.iter_mut().zip(&self.x) {
            *o = -x * r;
        }
    }
    /// ‖∇L‖ ≤ ‖x‖.
    fn gradient_bound(&self) -> f64 {
        self.x.iter().map(|x| x * x).sum::<f64>().sqrt()
    }
    /// The Hessian is sech²(·)·x xᵀ: λ = ‖x‖².
    fn lipschitz(&self) -> f64 {
        self.x.iter().map(|x| x * x).sum()
    }
    fn name(&self) -> &'static str {
        "sample log-cosh"
    }
}

impl Sample {
    /// The gradient flow (3.5) of this sample's loss from z for time t, exactly: with
    /// r = x·z − y, r′ = −κ‖x‖² tanh r, so sinh r(t) = sinh r(0)·e^{−κ‖x‖²t}, and z moves along x.
    pub fn flow(&self, z: &[f64], kappa: f64, t: f64) -> Vec<f64> {
        let x2: f64 = self.x.iter().map(|x| x * x).sum();
        if x2 == 0.0 {
            return z.to_vec();
        }
        let r0 = self.x.iter().zip(z).map(|(x, z)| x * z).sum::<f64>() - self.y;
        let r1 = (r0.sinh() * (-kappa * x2 * t).exp()).asinh();
        z.iter()
            .zip(&self.x)
            .map(|(z, x)| z + (r1 - r0) * x / x2)
            .collect()
    }
}

#[cfg(test)]
mod flow_tests {
    use super::*;
    use crate::paper::loss::Loss;

    /// The closed-form flow against classical RK4 on ∇L alone (f64, 4000 steps).
    #[test]
    fn the_closed_form_flow_matches_runge_kutta() {
        let s = Sample {
            x: vec![0.8, -0.3, 1.1],
            y: 2.5,
        };
        let (z0, kappa) = (vec![0.1, 0.4, -0.2], 2.0 / 3.0);
        let f = |z: &[f64]| {
            let mut g = vec![0.0; 3];
            s.gradient(z, &mut g);
            g.iter().map(|v| -kappa * v).collect::<Vec<f64>>()
        };
        let (steps, mut z) = (4000, z0.clone());
        let h = 1.0 / steps as f64;
        let add = |a: &[f64], b: &[f64], c: f64| {
            a.iter()
                .zip(b)
                .map(|(a, b)| a + c * b)
                .collect::<Vec<f64>>()
        };
        for _ in 0..steps {
            let k1 = f(&z);
            let k2 = f(&add(&z, &k1, h / 2.0));
            let k3 = f(&add(&z, &k2, h / 2.0));
            let k4 = f(&add(&z, &k3, h));
            for i in 0..3 {
                z[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
            }
        }
        let exact = s.flow(&z0, kappa, 1.0);
        for i in 0..3 {
            assert!(
                (exact[i] - z[i]).abs() < 1e-12,
                "coordinate {i}: {} vs {}",
                exact[i],
                z[i]
            );
        }
    }
}
