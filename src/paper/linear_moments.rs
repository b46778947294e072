//! The linear loss's leading error constant, derived from the model: for L(z) = g·z,
//! `n·E‖Z^n_1 − Z_1‖² → α²A⁴‖g‖²·(c₁d + c₀)`, with c₁, c₀ computed here from the update rule
//! and the uniform noise alone — the moments integrated, the factor φ's coefficient read off its
//! exponential form, the increments expanded and their means taken exactly.
//!
//! # Formula
//! At leading order in a = A_n = A/√n, the increment of coordinate ν at step ℓ is
//! `Δθ_ν^{(ℓ)} = α (g·U^{(ℓ)} − g·U^{(ℓ−1)}) φ′(0) U^{(ℓ)}_ν`: the carried difference
//! `g·(θ^{(ℓ−1)} − θ^{(ℓ−2)})` is O(a²) and φ's cubic term O(a³), and both, like the bias
//! `n·E Δθ − (Z_1 − z_0) = −α(κ_n − 2A²/3)g = O(1/n)`, enter E‖Z^n_1 − Z_1‖² at O(n^{−2}) only
//! (argued, not computed here). The error's fluctuation is the sum of the centred increments;
//! increments two or more steps apart share no noise, so
//! `E‖Σ_ℓ(Δθ^{(ℓ)} − EΔθ)‖² = n·Σ_ν[Var Δθ_ν^{(ℓ)} + 2 Cov(Δθ_ν^{(ℓ)}, Δθ_ν^{(ℓ+1)})] + O(1)·a⁴`,
//! and with a⁴ = A⁴/n² the coefficient is that bracket over α²a⁴‖g‖².

use super::stdp::stdp_factor_form;
use crate::rigorous::poly::Poly;
use rug::Rational;

/// `E U^k / a^k` for U ~ Unif[−a, a]: `(1/2)∫_{−1}^{1} u^k du`, by the antiderivative
/// `u^{k+1}/(k+1)` at ±1.
pub fn uniform_moment(k: u32) -> Rational {
    let at = |x: i64| Rational::from(x.pow(k + 1)) / (k + 1);
    (at(1) - at(-1)) / 2u32
}

/// φ′(0) of the update's factor φ(u) = e^{−u} − e^{u} (its a¹ Taylor coefficient).
pub fn phi_leading() -> Rational {
    stdp_factor_form().taylor_coefficient(1)
}

/// Δθ_ν at step s ∈ {1, 2} (of steps 0, 1, 2) over α, at leading order, as a polynomial in the
/// noise U^{(s)}_μ (variable s·d + μ, in units of a).
fn increment(g: &[Rational], s: usize, nu: usize, phi1: &Rational) -> Poly {
    let d = g.len();
    let vars = 3 * d;
    let mut loss_difference = Poly::zero(vars);
    for (mu, gm) in g.iter().enumerate() {
        loss_difference = loss_difference
            .add(&Poly::var(vars, s * d + mu, gm.clone()))
            .add(&Poly::var(vars, (s - 1) * d + mu, -gm.clone()));
    }
    loss_difference.mul(&Poly::var(vars, s * d + nu, phi1.clone()))
}

/// The leading coefficient c for the direction g: Σ_ν[Var + 2 Cov at lag 1] / ‖g‖², with the
/// noise moments `moment(k) = E U^k/a^k`.
pub fn leading_coefficient(g: &[Rational], moment: &dyn Fn(u32) -> Rational) -> Rational {
    let (var, cov) = variance_and_lag1_covariance(g, moment);
    var + cov * 2u32
}

/// `(Σ_ν Var Δθ_ν, Σ_ν Cov(Δθ_ν^{(ℓ)}, Δθ_ν^{(ℓ+1)}))` over α²a⁴‖g‖², exactly.
pub fn variance_and_lag1_covariance(
    g: &[Rational],
    moment: &dyn Fn(u32) -> Rational,
) -> (Rational, Rational) {
    let phi1 = phi_leading();
    let norm2: Rational = g.iter().map(|x| Rational::from(x * x)).sum();
    let (mut var_sum, mut cov_sum) = (Rational::new(), Rational::new());
    for nu in 0..g.len() {
        let now = increment(g, 1, nu, &phi1);
        let next = increment(g, 2, nu, &phi1);
        let (m_now, m_next) = (now.expectation(moment), next.expectation(moment));
        let var = now.mul(&now).expectation(moment) - Rational::from(m_now.square_ref());
        let cov = now.mul(&next).expectation(moment) - Rational::from(&m_now * &m_next);
        var_sum += var;
        cov_sum += cov;
    }
    (var_sum / &norm2, cov_sum / norm2)
}

/// `(c₁, c₀)` with c = c₁d + c₀ for every direction g, from d = 1 … 5 with g = (1, …, 1) and
/// unequal g = (1, 2, …, d): the values must be affine in d and the same for every g of the
/// same d (the coefficient depends on ‖g‖² alone).
///
/// # Errors
/// What fails: not affine, or dependent on more than ‖g‖².
pub fn linear_coefficient_from_model(
    moment: &dyn Fn(u32) -> Rational,
) -> Result<(Rational, Rational), String> {
    let ones = |d: usize| vec![Rational::from(1); d];
    let ramp = |d: usize| (1..=d).map(Rational::from).collect::<Vec<_>>();
    let c: Vec<Rational> = (1..=5)
        .map(|d| leading_coefficient(&ones(d), moment))
        .collect();
    let c1 = Rational::from(&c[1] - &c[0]);
    let c0 = Rational::from(&c[0] - &c1);
    for (i, ci) in c.iter().enumerate() {
        let d = i as u32 + 1;
        if *ci != Rational::from(&c1 * d) + &c0 {
            return Err(format!("the coefficient is not affine in d: c({d}) = {ci}"));
        }
        let unequal = leading_coefficient(&ramp(d as usize), moment);
        if unequal != *ci {
            return Err(format!(
                "at d = {d} the coefficient depends on more than ‖g‖²: {unequal} vs {ci}"
            ));
        }
    }
    Ok((c1, c0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_and_phi_come_from_the_model() {
        assert_eq!(uniform_moment(2), Rational::from((1, 3)));
        assert_eq!(uniform_moment(4), Rational::from((1, 5)));
        assert_eq!(uniform_moment(3), Rational::new());
        assert_eq!(phi_leading(), Rational::from(-2));
    }
}
