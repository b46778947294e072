//! The claim registry: every statement of the paper the suite checks, in the order of claims.md
//! (§A–§E), with its stable id, the paper's reference, the statement as printed, the method, the
//! check, and the range statements the prover establishes for it.
//!
//! This is the only place in the crate where a claim id is written. To add a claim: write its
//! check in the family module it belongs to (a `fn(&Context) -> Finding`), then add one entry
//! here; the audit, `verify list`, `verify prove` and the reports take it from there. A claim
//! whose check is not built yet has `check: None` and is reported as `pending`.

use super::formal::{self as coq, CoqTheorem};
use super::statements as st;
use super::types::{Context, Finding};
use super::{
    bias, composition, density, drift, explicit, lemma2, linear, log_taylor, martingale,
    martingale_bounds, normalizer, process, proof_chain, proof_steps, rates, single_update,
    theorem,
};
use crate::paper::gronwall::lemma2_bound_printed;
use crate::paper::linear_exact::{second_order_coefficient, Recursion};
use crate::paper::normalizer::{m_coefficient, Scaling};
use crate::rigorous::prover::Statement;

/// A check: what the suite computes to judge a claim.
pub type Check = fn(&Context) -> Finding;

/// A claim of the paper.
pub struct Claim {
    pub id: &'static str,
    /// Where in the paper: equation number or the place in the proof.
    pub paper_ref: &'static str,
    /// The statement as printed.
    pub statement: &'static str,
    /// How the suite checks it.
    pub method: &'static str,
    /// The check, or `None` while it is not built.
    pub check: Option<Check>,
    /// The range statements of the claim for the branch-and-bound prover (`verify prove`,
    /// certificates); a check includes their proofs through [`Context::with_range_proof`].
    pub range_statements: &'static [Statement],
    /// The theorems of the formal layer (`formal/*.v`) that back the claim, kernel-checked by
    /// `cargo test --test formal`.
    pub coq: &'static [CoqTheorem],
}

impl std::fmt::Debug for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Claim({})", self.id)
    }
}

impl Claim {
    /// Is the check built?
    pub fn built(&self) -> bool {
        self.check.is_some()
    }
}

/// A claim that a later issue builds: listed, reported as pending, never counted as passed.
#[allow(dead_code)] // every claim of claims.md is built; the constructor stays for the next one
const fn pending(
    id: &'static str,
    paper_ref: &'static str,
    statement: &'static str,
    method: &'static str,
) -> Claim {
    Claim {
        id,
        paper_ref,
        statement,
        method,
        check: None,
        range_statements: &[],
        coq: &[],
    }
}

static REGISTRY: [Claim; 32] = [
    // §A. The normalizer and its expansions
    Claim {
        id: "c-closed-form",
        paper_ref: "proof of Thm 1, definition of C(A_n)",
        statement: "C(a) := ∫_{−a}^{a} (e^a − e^x)(e^a − e^{−x}) dx = 2a(e^{2a}+1) + 2 − 2e^{2a}",
        method: "the defining integral integrated symbolically (exact antiderivative in x, x = ±a substituted) and compared with the closed form as exponential-polynomial normal forms; exact Taylor coefficients = 2^m(m−2)/m!; MPFR-interval enclosures of two closed forms and the exact series overlap; MPFR Gauss–Legendre of the integral",
        check: Some(|ctx| {
            ctx.with_range_proof(normalizer::check_closed_form(&normalizer::printed_closed_form(), ctx))
        }),
        range_statements: &st::C_POSITIVE,
        coq: &coq::C_CLOSED_FORM,
    },
    Claim {
        id: "c-taylor",
        paper_ref: "proof of Thm 1, after C(A_n)",
        statement: "C(A_n)/(2A_n) = 2A_n²/3 + O(A_n³)",
        method: "exact coefficients of C(a)/(2a); monotone remainder R(a)/a³ bounded at the end of the range; interval check at grid points",
        check: Some(|ctx| {
            ctx.with_range_proof(normalizer::check_taylor(&normalizer::TaylorClaim::paper(), ctx))
        }),
        range_statements: &st::C_TAYLOR,
        coq: &coq::C_TAYLOR,
    },
    Claim {
        id: "m-series",
        paper_ref: "proof of Thm 1, b^n: e^{−A_n} C(A_n)/(2A_n)",
        statement: "the drift constant m(a) = e^{−a} C(a)/(2a)",
        method: "exact coefficients three ways (closed form, 2cosh a − 2sinh(a)/a, Cauchy product of series) = 4k/(2k+1)!; exact series enclosure vs MPFR-interval closed form",
        check: Some(|ctx| normalizer::check_m_series(m_coefficient, ctx)),
        range_statements: &[],
        coq: &coq::M_SERIES,
    },
    Claim {
        id: "drift-limit",
        paper_ref: "proof of Thm 1: e^{−A_n} n C(A_n)/(2A_n) − 2A²/3 = O(n^{−1/2})",
        statement: "κ_n := n e^{−A_n} C(A_n)/(2A_n) → 2A²/3 at rate O(n^{−1/2})",
        method: "exact coefficient signs of (1 − s/28)P₂(s) with s = A²/n; interval and exact-series enclosures of κ_n − 2A²/3 on an (A, n) grid",
        check: Some(|ctx| {
            ctx.with_range_proof(drift::check_drift_limit(
                &drift::DriftBoundClaim::sharp(Scaling::Sqrt),
                ctx,
            ))
        }),
        range_statements: &st::DRIFT_BRACKET,
        coq: &coq::DRIFT_LIMIT,
    },
    Claim {
        id: "scaling-3.3",
        paper_ref: "(3.3): A_n := n^{−1/3} A",
        statement: "the noise half-width scales as A_n = n^{−1/3} A",
        method: "interval enclosures of κ_n under both scalings; the proved lower bound κ_n ≥ (2/3)A²n^{1/3} under n^{−1/3}",
        check: Some(drift::check_scaling),
        range_statements: &[],
        coq: &[],
    },
    // §B. The density f_A and the integration-by-parts identity
    Claim {
        id: "density-fa",
        paper_ref: "proof of Thm 1: f_{A_n}",
        statement: "f_a(x) = C(a)^{−1}(e^a − e^x)(e^a − e^{−x}) on [−a, a] is a probability density",
        method: "prover over (a, x) with certificate re-checked by MPFR; rigorous Simpson for ∫f_a = 1; E V² three ways; KS test of the sampler with the uniform as negative control",
        check: Some(density::check_density),
        range_statements: &st::DENSITY_LOWER_BOUND,
        coq: &coq::DENSITY_FA,
    },
    Claim {
        id: "phi-mean-zero",
        paper_ref: "proof of Thm 1 (mean of the update)",
        statement: "E φ(U) = 0 for U ~ Unif[−a, a], φ(u) = e^{−u} − e^{u}",
        method: "exact: the antiderivative's difference F(a) − F(−a) vanishes identically; rigorous Simpson encloses 0",
        check: Some(|_| density::check_phi_mean(&density::stdp_factor_form())),
        range_statements: &[],
        coq: &coq::PHI_MEAN_ZERO,
    },
    Claim {
        id: "ibp-identity",
        paper_ref: "proof of Thm 1: b^n, c^n",
        statement: "E[h(U)φ(U)] = −m(a) E[h′(V)], V ~ f_a",
        method: "both sides enclosed by rigorous Simpson for 3 test functions h at 5 values of a; MPFR Gauss–Legendre to 50 digits; m(a) → 2a²/3 as negative control",
        check: Some(|_| density::check_ibp(density::MFactor::Exact)),
        range_statements: &[],
        coq: &coq::IBP_IDENTITY,
    },
    Claim {
        id: "expected-step",
        paper_ref: "[10, Thm 1]; b^n, c^n in the proof of Thm 1",
        statement: "E[Δθ_ν | past] = −α m(A_n) E[∂_νL(θ + V^ν)]",
        method: "Monte Carlo mean of the real update (separable log-cosh, d = 4) against the right side by MPFR quadrature; one-sample t per coordinate; negative controls: m(a) → 2a²/3 and the cuberoot A_n in the prediction",
        check: Some(process::check_expected_step),
        range_statements: &[],
        coq: &[],
    },
    // §C. The process, the limit, and the proof's steps
    Claim {
        id: "update-3.4",
        paper_ref: "(3.4)",
        statement: "Z_{t_ℓ} = Z_{t_{ℓ−1}} + α_n (L(Z_{t_ℓ} + U^{(ℓ)}) − L(Z_{t_{ℓ−1}} + U^{(ℓ−1)}))(e^{−U_{ij}^{(ℓ)}} − e^{U_{ij}^{(ℓ)}})",
        method: "the corrected explicit scheme, implemented separately, coincides bit for bit with (3.2) on the same streams; the printed implicit form, solved by fixed-point iteration, gives another path",
        check: Some(process::check_update_34),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "martingale-difference",
        paper_ref: "(3.7): D^n_{ℓ,ν}",
        statement: "D^n_{ℓ,ν} := α(L(Z_{t_ℓ} + U^{(ℓ)}) − L(Z_{t_{ℓ−1}} + U^{(ℓ−1)}))(e^{−U_ν^{(ℓ)}} − e^{−U_ν^{(ℓ−1)}}) − c^n_ν(Z_{t_{ℓ−1}}) is a martingale difference",
        method: "iid chains: mean of D and robust OLS of D on (U^{(ℓ−1)}_ν/A_n)², for the update's factor φ(U^{(ℓ)}_ν) and for the printed factor",
        check: Some(martingale::check_martingale),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "bias-c-order",
        paper_ref: "proof of Thm 1, after (3.7)",
        statement: "E sup_ℓ ‖C^n_{t_ℓ}‖² = O(n^{−1/2}) as desired",
        method: "C_ℓ = −α(κ_n − 2A²/3)(ℓ/n)g exactly for L = g·z, enclosed for n = 10…10^9; C_ℓ along paths of (3.2) for a kinked and a smooth separable loss (c^n by Gauss–Legendre on the pieces between kinks) against the deterministic bound ακ_nλ√dA_n + α|κ_n − 2A²/3|G",
        check: Some(|ctx| bias::check_bias_order(Scaling::Sqrt, true, ctx)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "bias-sqrt-d",
        paper_ref: "proof of Thm 1, bound on c^n − b^n/n",
        statement: "‖c^n_ν − b^n_ν/n‖ ≤ n^{−1} α κ_n λ A_n, because V^ν is concentrated on [−A_n, A_n]",
        method: "a loss satisfying (3.6) with a kinked gradient at z = 0: the gap E h′(W) − h′(0) = E|W| by its closed form (MPFR intervals) and by rigorous Simpson (inari); ‖c^n − b^n/n‖ against the printed and the corrected bound for d = 1 … 1024 by disjoint enclosures",
        check: Some(|_| bias::check_bias_sqrt_d(true, bias::GradientShape::Kinked)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "gronwall",
        paper_ref: "proof of Thm 1, Grönwall step",
        statement: "ε(t) ≤ γ + K∫_0^t ε(s) ds ⇒ ε(t) ≤ γe^{Kt}, K = (2/3)A²αλ",
        method: "extremal γe^{Kt} meets the hypothesis with equality (intervals); random step functions drawn near the hypothesis's bound, the hypothesis checked exactly first, the conclusion then with certainty; a violator breaks both; K = κλ against the losses' gradient ratios",
        check: Some(proof_steps::check_gronwall_claim),
        range_statements: &[],
        coq: &coq::GRONWALL,
    },
    Claim {
        id: "lemma2",
        paper_ref: "Lemma 2",
        statement: "x_n ≤ a + b x_{n−1}, a, b, x_n ≥ 0 ⇒ x_n ≤ x_0 bⁿ + a(1 − bⁿ)/(1 − b)",
        method: "exact rationals: the induction identity, random admissible sequences, the extremal sequence with equality; b = 1 and b < 0",
        check: Some(|ctx| lemma2::check_lemma2(lemma2_bound_printed, ctx)),
        range_statements: &[],
        coq: &coq::LEMMA2,
    },
    Claim {
        id: "lemma2-use",
        paper_ref: "(3.8) and Lemma 2",
        statement: "(3.8) holds \"for some constants a, b\", and Lemma 2 then bounds (3.8) by a multiple of n^{−1}",
        method: "explicit a_n, b_n derived from (3.2); n₀ with b_n ≤ 1/2 certified by intervals; the recursion and the bound checked on simulated steps of (3.2)",
        check: Some(|ctx| lemma2::check_lemma2_use(&lemma2::StepConstants::derived(), ctx)),
        range_statements: &[],
        coq: &[],
    },
    // §D. Theorem 1
    Claim {
        id: "thm1-rate-n",
        paper_ref: "Theorem 1",
        statement: "√E sup_t ‖Z^n_t − Z_t‖² ≤ c √(d/n)",
        method: "Monte Carlo rmse of sup_ℓ‖θ^{(ℓ)} − Z_{ℓ/n}‖ on an n grid; OLS of log rmse on log n with a Student-t interval per (loss, d); slopes −1/4 and −1 as negative controls; the cuberoot scaling",
        check: Some(rates::check_rate_n),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "thm1-rate-d",
        paper_ref: "Theorem 1",
        statement: "the factor √d in c√(d/n)",
        method: "OLS of log terminal rmse on log d with ‖∇L‖ fixed (linear and ridge losses); slopes 1 (the literal proof's d/√n) and 0 as negative controls; sup/terminal ratio per d",
        check: Some(rates::check_rate_d),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "thm1-constant",
        paper_ref: "Theorem 1",
        statement: "c depends only on α, A, λ",
        method: "L = g·z (λ = 0) at ‖g‖ = 1, 2, 4: OLS of log squared error on log ‖g‖ over replicates; exponent 0 (what the statement implies) as negative control",
        check: Some(theorem::check_constant),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "linear-constant",
        paper_ref: "beyond the paper (L = g·z)",
        statement: "E‖Z^n_1 − Z_1‖² = α²A⁴‖g‖²(8d/9 − 4/45)/n + O(n^{−2})",
        method: "the leading coefficient assembled in exact rationals from the per-step moments; Monte Carlo ratio with a t interval per (d, n); 8d/9 alone and 2/3 in place of 4/5 as negative controls",
        check: Some(theorem::check_linear_constant),
        range_statements: &[],
        coq: &[],
    },
    // §E. The rest of the proof, and beyond the paper (built by later issues)
    Claim {
        id: "linear-mse-exact",
        paper_ref: "beyond the paper (L = g·z)",
        statement: "E‖Z^n_1 − Z_1‖² for L = g·z at every finite n",
        method: "the second moments of (3.2) close into a recursion in ℓ over E‖S‖², E[g·S] and the first two moments of the carried loss difference, with the noise's moments as positive series in A²/n; MPFR intervals; against tensor Gauss–Legendre quadrature of the process and Monte Carlo at n = 10 and 100 (three (g, α, A), one with unequal g); the leading term and a recursion without the carried noise as negative controls",
        check: Some(|ctx| linear::check_linear_mse_exact(ctx, Recursion::Exact)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "linear-second-order",
        paper_ref: "beyond the paper (L = g·z)",
        statement: "E‖Z^n_1 − Z_1‖² = α²A⁴‖g‖²(8d/9 − 4/45)/n + c₂/n² + O(n^{−3}), c₂ a polynomial in α, A, ‖g‖², ‖g‖⁴, Σg_ν⁴ and d",
        method: "c₂ from the expansion of the exact closed form in A²/n (by hand); against the exact values: n·(n²E − n·c₁ − c₂) must settle between n = 10⁶ and 10⁸ (O(1/n)); c₂ with its constant 4/315 dropped as the negative control",
        check: Some(|ctx| linear::check_linear_second_order(ctx, second_order_coefficient)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "thm1-sharp",
        paper_ref: "Theorem 1, \"√(d/n)\"",
        statement: "√E‖Z^n_1 − Z_1‖² ≥ αA²‖g‖√((8d/9 − 4/45)/n)(1 − ε_n) for every n ≥ n₀ (L = g·z): the rate √(d/n) cannot be improved",
        method: "a term-by-term lower bound of the exact closed form with an explicit ε_n = O(1/n) valid for every n ≥ n₀ (s = A²/n < 28), its series ingredients checked exactly; the exact values above it with certainty from n₀ to 10⁹; the bound with 8d/9 in place of 8d/9 − 4/45 as the negative control",
        check: Some(|ctx| linear::check_thm1_sharp(ctx, linear::leading_c1)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "log-taylor",
        paper_ref: "§2, θ = log w",
        statement: "θ ← θ + log(1 + Cφ) ≈ θ + Cφ",
        method: "the bound |log(1+y) − y| ≤ y²/(2(1 − |y|)) by the series (exact coefficient argument) and MPFR enclosures at 160 points; E[C²φ_ν²] exact for L = g·z from enclosed noise moments against Monte Carlo (E[C²]·Eφ² as negative control); the accumulated dropped term along paths, its rate in n (n^{−1/2} as negative control) and the almost-sure bound",
        check: Some(|ctx| log_taylor::check_log_taylor(&rug::Rational::from((1, 2)), ctx)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "single-update-variance",
        paper_ref: "(2.2), Schmidt-Hieber",
        statement: "one update per sample, with the baseline loss from the previous sample",
        method: "data model x ~ N(0, I_d/d), y = θ*·x + ε, L = log cosh(y − θ·x); given a past, E and Var of Δθ_ν by tensor Gauss–Legendre over U (two rules), the mean also as −αm(A)E[∂_νL(θ + V^ν)]; Monte Carlo of (2.2) against both (the same-sample baseline's variance as negative control); exponents in A of drift and noise",
        check: Some(|ctx| single_update::check_single_update(single_update::Baseline::PreviousSample, ctx)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "decomposition",
        paper_ref: "proof of Thm 1",
        statement: "Z^n_t − Z_t = ∫_0^{⌊tn⌋/n}(b(Z^n_s) − b(Z_s))ds + C + M + δ",
        method: "the residual LHS − RHS in polynomial normal form over the step's symbols (the sums' summand and the boundary terms, each zero); one simulated path per loss (linear, separable and ridge log-cosh) with each term computed on its own: ∫b(Z) by Gauss–Legendre along the exact flow, c^n by quadrature against f_{A_n}",
        check: Some(|ctx| proof_chain::check_decomposition(proof_chain::DFactor::Update, ctx)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "bias-b",
        paper_ref: "proof of Thm 1",
        statement: "‖b^n_ν − b_ν‖ ≤ α|κ_n − 2A²/3| sup|∂_νL|",
        method: "b^n_ν − b_ν = −α(κ_n − 2A²/3)∂_νL by the definitions; both sides enclosed (MPFR intervals, two closed forms of C) at random z for three losses; n·|κ_n − 2A²/3| in drift-limit's bracket [A⁴/15, A⁴/(15(1 − A²/(28n)))] (its series proof re-run)",
        check: Some(|ctx| proof_chain::check_bias_b(&rug::Rational::from((2, 3)), ctx)),
        range_statements: &[],
        coq: &coq::DRIFT_LIMIT,
    },
    Claim {
        id: "delta-order",
        paper_ref: "proof of Thm 1",
        statement: "sup‖δ^n‖ = O(1/n)",
        method: "the mean value inequality per coordinate (Coq); L = g·z exactly (sup‖δ^n‖ = (2/3)A²α‖g‖/n); exact flows of two log-cosh losses against (2/3)A²αG/n",
        check: Some(|ctx| proof_chain::check_delta_order(&rug::Rational::from((2, 3)), 1, ctx)),
        range_statements: &[],
        coq: &coq::DELTA_ORDER,
    },
    Claim {
        id: "doob",
        paper_ref: "proof of Thm 1",
        statement: "E sup_ℓ‖M_ℓ‖² ≤ 4E Σ_ν Σ_ℓ D²_{ℓ,ν}",
        method: "Monte Carlo of both sides on the same paths (L = g·z, D from (3.7) with the exact c^n): a paired one-sided t-test of sup‖M‖² − 4ΣD², and of E‖M_n‖² = E ΣD² (orthogonal increments); the constant 1 as negative control",
        check: Some(|ctx| martingale_bounds::check_doob(4.0, ctx)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "proof-rate",
        paper_ref: "(3.8), Lemma 2, Doob",
        statement: "the written chain of the proof yields the rate √(d/n)",
        method: "the chain followed literally, 2√n(a_n/(1 − b_n) + ακ_nG/n), enclosed at d = 8 … 128 (n ≥ n₀) and its d-exponent; the Monte Carlo's √E sup‖M‖², its fitted d-exponent with a 99 % interval and the affine law n·E sup‖M‖² = c₁d + c₀ (the chain's exponent 1 tested as negative control)",
        check: Some(|ctx| martingale_bounds::check_proof_rate(0.5, ctx)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "thm1-explicit",
        paper_ref: "beyond the paper",
        statement: "Theorem 1 with an explicit, computable constant along a corrected chain",
        method: "e^{κλ}[ακ_nλ√dA_n(1 + 1/√3) + αG|κ_n − 2A²/3| + 2√(nA₀/(1 − B₀)) + κG/n] (paper::explicit), enclosed by intervals at every cell of the n-law's grid with n ≥ n₀; the Monte Carlo rmse_sup of each cell tested one-sided against it; a bound shrunk tenfold as negative control (tests)",
        check: Some(|ctx| explicit::check_thm1_explicit(&rug::Rational::from(1), ctx)),
        range_statements: &[],
        coq: &[],
    },
    Claim {
        id: "sgd-composition",
        paper_ref: "§3, θ^{(k,0)} = θ^{(k−1,n)}: learning over samples",
        statement: "over K samples the process tracks the composition of the K per-sample gradient flows",
        method: "the data model's stream of samples; the process run n steps per sample from where it stands against the composed exact flows z_k = Φ_k(z_{k−1}), K = 1 … 32, n = 256 and 1024; the propagation bound Σ_k √E‖ε_k‖² (non-expansive flows of convex losses); the growth exponent in K (one-sided against 1; 0 as negative control)",
        check: Some(|ctx| composition::check_composition(1.0, ctx)),
        range_statements: &[],
        coq: &[],
    },
];

/// Every claim, in the order of claims.md.
pub fn registry() -> &'static [Claim] {
    &REGISTRY
}

/// Finds a claim by id.
pub fn find(id: &str) -> Option<&'static Claim> {
    REGISTRY.iter().find(|c| c.id == id)
}

/// The ids of the claims with range statements (`verify prove`).
pub fn provable() -> impl Iterator<Item = &'static Claim> {
    REGISTRY.iter().filter(|c| !c.range_statements.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_and_provable_read_the_registry() {
        for c in registry() {
            let found = find(c.id).expect("every id is found");
            assert!(std::ptr::eq(found, c));
            assert!(c.built(), "{} has no check", c.id);
            assert_eq!(format!("{c:?}"), format!("Claim({})", c.id));
        }
        assert!(find("no-such-claim").is_none());
        let provable: Vec<&str> = provable().map(|c| c.id).collect();
        let expected: Vec<&str> = registry()
            .iter()
            .filter(|c| !c.range_statements.is_empty())
            .map(|c| c.id)
            .collect();
        assert_eq!(provable, expected);
        assert!(!provable.is_empty() && provable.len() < registry().len());
    }

    /// A claim without a check is not built (every registered claim has one, so only the
    /// constructor of pending claims can show it), and it runs to `pending`, never a pass.
    #[test]
    fn a_pending_claim_is_not_built_and_runs_to_pending() {
        use crate::claims::{Profile, Verdict};
        static LATER: Claim = pending("a-later-claim", "§0", "a statement", "a method");
        assert!(!LATER.built());
        let f = LATER.run(Profile::Quick, 1);
        assert_eq!(f.verdict, Verdict::Pending, "{f:?}");
    }
}
