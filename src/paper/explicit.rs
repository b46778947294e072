//! Theorem 1 with an explicit constant, along a corrected chain (beyond the paper).
//!
//! # Formula
//! With a = A_n = A/√n, κ = (2/3)A²α, κ_n = n·m(a), σ² = a²/3, Φ₂ = Eφ(U)², W = E[U²φ(U)²],
//! G = sup‖∇L‖, λ the Lipschitz constant of ∇L:
//! ```text
//! √E sup_t‖Z^n_t − Z_t‖² ≤ e^{κλ}·(C + M + δ)
//!   C = ακ_nλ√d·a(1 + 1/√3) + αG|κ_n − 2A²/3|          (bias: coupling V^ν with V; bias-b)
//!   M = 2√(n·A₀/(1 − B₀))                                 (Doob; E‖D‖² ≤ E‖Δθ‖² ≤ A₀/(1 − B₀))
//!   δ = κG/n                                              (delta-order)
//!   A₀ = α²[4G²(W + (d − 1)σ²Φ₂) + λ²d³a⁴Φ₂ + 2dΦ₂(4G²σ² + λ²d²a⁴)],  B₀ = 4α²G²dΦ₂ < 1
//! ```
//! The steps, argued by hand (README): ΔL = X + P with X = L(θ + U) − L(θ) = ∇L(θ)·U + R,
//! |R| ≤ λ‖U‖²/2 ≤ λda²/2, and P past-measurable with E P² ≤ 4G²σ² + λ²d²a⁴ + 2G²E‖Δθ_{ℓ−1}‖²;
//! E[(g·U)²‖φ(U)‖²] = ‖g‖²W + (d − 1)‖g‖²σ²Φ₂ exactly; so y_ℓ = E‖Δθ_ℓ‖² ≤ A₀ + B₀y_{ℓ−1}, and
//! Lemma 2 (corrected, Coq) with y_0 = 0 gives y_ℓ ≤ A₀/(1 − B₀). ‖c^n − b^n/n‖ ≤
//! (ακ_n/n)λ√d·a(1 + 1/√3): replace the ν-th uniform coordinate of V by W ~ f_a (E|W − V_ν| ≤ a)
//! and ‖E∇L(z + V) − ∇L(z)‖ ≤ λ√(E‖V‖²) = λ√d·a/√3. Then Minkowski and Grönwall (Coq).

use super::linear_exact::NoiseMoments;
use super::normalizer::{drift_mp, Scaling};
use crate::rigorous::mpinterval::MpInterval;
use rug::Rational;

/// The inputs of the explicit bound.
#[derive(Clone, Debug)]
pub struct Thm1Input {
    pub d: u64,
    pub n: u64,
    pub alpha: Rational,
    pub big_a: Rational,
    /// G = sup‖∇L‖.
    pub g: Rational,
    /// λ, the Lipschitz constant of ∇L.
    pub lambda: Rational,
}

/// The bound and its parts, enclosed.
#[derive(Clone, Debug)]
pub struct Thm1Bound {
    pub bias: MpInterval,
    pub martingale: MpInterval,
    pub lag: MpInterval,
    pub gronwall: MpInterval,
    /// B₀ (must be < 1).
    pub contraction: MpInterval,
    pub total: MpInterval,
}

/// Why the bound cannot be evaluated.
#[derive(Clone, Debug, PartialEq)]
pub enum Thm1Error {
    /// n < n₀: B₀ = 4α²G²dΦ₂ is not certainly below 1.
    BelowN0 { n: u64, n0: u64 },
    /// A parameter is zero or negative (d, n ≥ 1; α, A > 0; G, λ ≥ 0).
    Invalid(String),
    /// The noise moments' series did not converge.
    Moments(String),
}

impl std::fmt::Display for Thm1Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Thm1Error::BelowN0 { n, n0 } => {
                write!(f, "n = {n} is below n₀ = {n0} (B₀ = 4α²G²dΦ₂ must be < 1)")
            }
            Thm1Error::Invalid(s) => write!(f, "invalid input: {s}"),
            Thm1Error::Moments(s) => write!(f, "noise moments: {s}"),
        }
    }
}

impl std::error::Error for Thm1Error {}

const PREC: u32 = 128;

fn contraction(inp: &Thm1Input, n: u64) -> Result<MpInterval, Thm1Error> {
    let s = Rational::from(&inp.big_a * &inp.big_a) / Rational::from(n);
    let mom = NoiseMoments::at(&s, PREC).map_err(|e| Thm1Error::Moments(e.to_string()))?;
    let q = |r: &Rational| MpInterval::from_rational(PREC, r);
    Ok(q(&(Rational::from(4 * inp.d)
        * Rational::from(&inp.alpha * &inp.alpha)
        * Rational::from(&inp.g * &inp.g)))
    .mul(&mom.phi2))
}

/// The smallest n with B₀ certainly below 1 (B₀ decreases in n), by doubling and bisection.
pub fn thm1_n0(inp: &Thm1Input) -> Result<u64, Thm1Error> {
    let one = MpInterval::from_int(PREC, 1);
    let ok = |n: u64| -> Result<bool, Thm1Error> { Ok(contraction(inp, n)?.certainly_lt(&one)) };
    let mut hi = 1u64;
    while !ok(hi)? {
        if hi > 1 << 50 {
            return Err(Thm1Error::Invalid("n₀ beyond 2^50".into()));
        }
        hi *= 2;
    }
    let mut lo = hi / 2; // !ok(lo) or lo = 0
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if ok(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(hi)
}

/// The explicit bound on √E sup_t‖Z^n_t − Z_t‖², enclosed.
///
/// # Errors
/// [`Thm1Error::BelowN0`] when n < n₀, with the n₀ needed; invalid inputs.
pub fn thm1_bound(inp: &Thm1Input) -> Result<Thm1Bound, Thm1Error> {
    if inp.d == 0 || inp.n == 0 || inp.alpha <= 0 || inp.big_a <= 0 || inp.g < 0 || inp.lambda < 0 {
        return Err(Thm1Error::Invalid(
            "need d, n ≥ 1, α, A > 0 and G, λ ≥ 0".into(),
        ));
    }
    let b0 = contraction(inp, inp.n)?;
    let one = MpInterval::from_int(PREC, 1);
    if !b0.certainly_lt(&one) {
        return Err(Thm1Error::BelowN0 {
            n: inp.n,
            n0: thm1_n0(inp)?,
        });
    }
    let q = |r: &Rational| MpInterval::from_rational(PREC, r);
    let s = Rational::from(&inp.big_a * &inp.big_a) / Rational::from(inp.n);
    let mom = NoiseMoments::at(&s, PREC).map_err(|e| Thm1Error::Moments(e.to_string()))?;
    let (d, n) = (q(&Rational::from(inp.d)), q(&Rational::from(inp.n)));
    let (alpha, g, lambda) = (q(&inp.alpha), q(&inp.g), q(&inp.lambda));
    let a = q(&s).sqrt();
    let a4 = q(&Rational::from(&s * &s));
    let a_big = q(&inp.big_a);
    let kappa_n = drift_mp(&a_big, inp.n, Scaling::Sqrt);
    let limit = a_big.square().mul_rational(&Rational::from((2, 3)));
    let excess = kappa_n.sub(&limit).abs();
    // C = ακ_nλ√d·a(1 + 1/√3) + αG|κ_n − 2A²/3|
    let coupling = one.add(&one.div(&MpInterval::from_int(PREC, 3).sqrt()));
    let bias = alpha
        .mul(&kappa_n)
        .mul(&lambda)
        .mul(&d.sqrt())
        .mul(&a)
        .mul(&coupling)
        .add(&alpha.mul(&g).mul(&excess));
    // A₀
    let g2 = g.square();
    let l2 = lambda.square();
    let d_1 = d.sub(&one);
    let term1 = MpInterval::from_int(PREC, 4)
        .mul(&g2)
        .mul(&mom.u2phi2.add(&d_1.mul(&mom.sigma2).mul(&mom.phi2)));
    let term2 = l2.mul(&d.square().mul(&d)).mul(&a4).mul(&mom.phi2);
    let term3 = MpInterval::from_int(PREC, 2).mul(&d).mul(&mom.phi2).mul(
        &MpInterval::from_int(PREC, 4)
            .mul(&g2)
            .mul(&mom.sigma2)
            .add(&l2.mul(&d.square()).mul(&a4)),
    );
    let a0 = alpha.square().mul(&term1.add(&term2).add(&term3));
    let martingale = MpInterval::from_int(PREC, 2).mul(&n.mul(&a0).div(&one.sub(&b0)).sqrt());
    let kappa = a_big
        .square()
        .mul(&alpha)
        .mul_rational(&Rational::from((2, 3)));
    let lag = kappa.mul(&g).div(&n);
    let gronwall = kappa.mul(&lambda).exp();
    let total = gronwall.mul(&bias.add(&martingale).add(&lag));
    Ok(Thm1Bound {
        bias,
        martingale,
        lag,
        gronwall,
        contraction: b0,
        total,
    })
}
