//! The formal layer: theorems of `formal/*.v`, proved in Coq (with Coquelicot and Interval) and
//! kernel-checked by `cargo test --test formal`. A claim lists the theorems that back it; the
//! audit reports them beside its verdict. The audit itself does not run Coq: a theorem named here
//! is one that the test suite compiles, checks for `Admitted` and prints the assumptions of.

use serde::Serialize;

/// Which side of a range statement a theorem re-proves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Lower,
    Upper,
}

/// A theorem of the formal layer.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct CoqTheorem {
    /// The file under `formal/`, e.g. `Normalizer.v`.
    pub file: &'static str,
    /// The theorem's name in that file.
    pub theorem: &'static str,
    /// The domain it reaches, in words.
    pub domain: &'static str,
    /// The range statement of the Rust prover (`claims::statements`) it re-proves, and which bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backs: Option<(&'static str, Side)>,
}

impl CoqTheorem {
    /// `Module.theorem`, as Coq names it.
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.file.trim_end_matches(".v"), self.theorem)
    }
}

/// A theorem with no range statement behind it.
const fn thm(file: &'static str, theorem: &'static str, domain: &'static str) -> CoqTheorem {
    CoqTheorem {
        file,
        theorem,
        domain,
        backs: None,
    }
}

/// A theorem that re-proves one bound of a range statement of the Rust prover.
const fn backs(
    file: &'static str,
    theorem: &'static str,
    domain: &'static str,
    statement: &'static str,
    side: Side,
) -> CoqTheorem {
    CoqTheorem {
        file,
        theorem,
        domain,
        backs: Some((statement, side)),
    }
}

pub static C_CLOSED_FORM: [CoqTheorem; 3] = [
    thm("Normalizer.v", "c_closed_form_integral", "every real a"),
    thm("Normalizer.v", "c_closed_form_hyperbolic", "every real a"),
    backs(
        "Normalizer.v",
        "c_positive",
        "every a > 0",
        "c-positive",
        Side::Lower,
    ),
];

pub static C_TAYLOR: [CoqTheorem; 3] = [
    backs(
        "Normalizer.v",
        "c_taylor_lower",
        "every a > 0",
        "c-taylor-remainder",
        Side::Lower,
    ),
    backs(
        "Normalizer.v",
        "c_taylor_upper",
        "0 < a < 1",
        "c-taylor-remainder",
        Side::Upper,
    ),
    thm(
        "Normalizer.v",
        "c_taylor_at_one",
        "a = 1 (the upper bound attained)",
    ),
];

pub static M_SERIES: [CoqTheorem; 3] = [
    thm("Normalizer.v", "m_series_identity", "every real a ≠ 0"),
    thm(
        "Normalizer.v",
        "m_series_coefficients",
        "every real a ≠ 0, every coefficient: (1 + (−1)ⁿ)n/(n+1)!",
    ),
    thm("Normalizer.v", "m_series_lower", "every a > 0"),
];

pub static DRIFT_LIMIT: [CoqTheorem; 3] = [
    backs(
        "Drift.v",
        "drift_lower",
        "every s = A²/n > 0",
        "drift-lower",
        Side::Lower,
    ),
    backs(
        "Drift.v",
        "drift_upper",
        "s = A²/n ∈ (0, 25]",
        "drift-upper",
        Side::Upper,
    ),
    thm("Drift.v", "drift_limit_lower_kappa", "every A > 0, n > 0"),
];

pub static DENSITY_FA: [CoqTheorem; 3] = [
    backs(
        "Density.v",
        "density_lower_bound",
        "every a > 0, t ∈ (−1, 1)",
        "density-lower-bound",
        Side::Lower,
    ),
    thm("Density.v", "density_nonneg", "every a > 0, |x| ≤ a"),
    thm("Density.v", "density_normalised", "every a > 0"),
];

pub static PHI_MEAN_ZERO: [CoqTheorem; 1] = [thm("Density.v", "phi_mean_zero", "every real a")];

pub static IBP_IDENTITY: [CoqTheorem; 1] = [thm(
    "Density.v",
    "ibp_identity",
    "every a > 0 and every h with a continuous derivative",
)];

pub static GRONWALL: [CoqTheorem; 1] = [thm(
    "Gronwall.v",
    "gronwall_inequality",
    "every Riemann-integrable ε bounded above on [0, T], γ ≥ 0, K ≥ 0",
)];

pub static DELTA_ORDER: [CoqTheorem; 2] = [
    thm(
        "Delta.v",
        "delta_order",
        "every differentiable coordinate with |Z′_ν| ≤ K, every n ≥ 1, t ≥ 0",
    ),
    thm(
        "Delta.v",
        "mean_value_bound",
        "every f differentiable on [min(t, s), max(t, s)] with |f′| ≤ K",
    ),
];

pub static LEMMA2: [CoqTheorem; 3] = [
    thm(
        "Lemma2.v",
        "lemma2_corrected",
        "every n, a, x with b ≥ 0, b ≠ 1",
    ),
    thm("Lemma2.v", "lemma2_b_one", "b = 1: x_n ≤ x_0 + n·a"),
    thm(
        "Lemma2.v",
        "lemma2_fails_for_negative_b",
        "a counterexample with b = −1",
    ),
];

/// The theorems in words for a report: `Normalizer.c_positive (every a > 0); …`.
pub fn describe(theorems: &[CoqTheorem]) -> String {
    theorems
        .iter()
        .map(|t| format!("{} ({})", t.qualified(), t.domain))
        .collect::<Vec<_>>()
        .join("; ")
}
