//! The claim registry: every statement of the paper the suite checks, with a stable id, and the
//! findings the checks produce.
//!
//! A claim whose check is not built yet is listed with the verdict [`Verdict::Pending`]: shown,
//! never hidden, and never counted as passed.

pub mod density;
pub mod normalizer;
pub mod process;
pub mod proof_steps;
pub mod statements;
pub mod theorem;

use serde::Serialize;

/// How far a finding goes (the rigour ladder of design.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Exact or outward-rounded arithmetic establishes the statement on the stated domain.
    Proved,
    /// High-precision floating point or property tests agree, without rigorous error bounds.
    Confirmed,
    /// A statistical test did not reject, and a negative control was rejected at the same size.
    Supported,
    /// The printed statement is false or a typo; the finding gives and establishes the correction.
    Corrected,
    /// A check that should hold did not.
    Failed,
    /// The check of this claim is not built yet.
    Pending,
}

impl Verdict {
    pub const ALL: [Verdict; 6] = [
        Verdict::Proved,
        Verdict::Confirmed,
        Verdict::Supported,
        Verdict::Corrected,
        Verdict::Failed,
        Verdict::Pending,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Proved => "proved",
            Verdict::Confirmed => "confirmed",
            Verdict::Supported => "supported",
            Verdict::Corrected => "corrected",
            Verdict::Failed => "failed",
            Verdict::Pending => "pending",
        }
    }
}

/// How much work an audit may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Seconds: what `cargo test` runs.
    Quick,
    /// The default audit: at most a minute on 2 cores.
    Standard,
    /// Minutes: larger grids.
    Full,
}

impl Profile {
    pub fn parse(s: &str) -> Option<Profile> {
        match s {
            "quick" => Some(Profile::Quick),
            "standard" => Some(Profile::Standard),
            "full" => Some(Profile::Full),
            _ => None,
        }
    }
    /// The value for this profile: the quick, standard or full one.
    pub fn pick<T>(self, quick: T, standard: T, full: T) -> T {
        match self {
            Profile::Quick => quick,
            Profile::Standard => standard,
            Profile::Full => full,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Profile::Quick => "quick",
            Profile::Standard => "standard",
            Profile::Full => "full",
        }
    }
}

/// What every check receives.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub profile: Profile,
    pub seed: u64,
}

/// One named piece of evidence: a decimal string (never a raw float that changes between
/// machines in the last digit).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub name: String,
    pub value: String,
}

impl Evidence {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Evidence {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The level of every statistical test of an audit (after Holm's correction).
pub const AUDIT_LEVEL: f64 = 0.01;

/// One statistical test behind a finding. The audit adjusts the p-values by Holm's method over
/// all tests of the audit — separately for the claims' own tests (which must not reject) and
/// for the negative controls (which must reject) — and decides the finding on the adjusted ones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatTest {
    pub name: String,
    /// The test and its sample size, e.g. "one-sample t, n = 4000".
    pub test: String,
    pub statistic: f64,
    pub p: f64,
    /// A negative control: a deliberately wrong variant that the test must reject.
    pub negative_control: bool,
    /// The Holm-adjusted p-value, filled in by the audit.
    pub p_holm: Option<f64>,
}

impl StatTest {
    pub fn new(
        name: impl Into<String>,
        test: impl Into<String>,
        statistic: f64,
        p: f64,
        negative_control: bool,
    ) -> Self {
        StatTest {
            name: name.into(),
            test: test.into(),
            statistic,
            p,
            negative_control,
            p_holm: None,
        }
    }
}

/// Data of a figure for the report (rendered to SVG by `report`; not part of the JSON).
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// Points and lines on log-log axes.
    LogLog {
        name: String,
        title: String,
        x_label: String,
        y_label: String,
        series: Vec<Series>,
    },
    /// Histograms of samples, overlaid.
    Histogram {
        name: String,
        title: String,
        x_label: String,
        samples: Vec<(String, Vec<f64>)>,
    },
}

/// One series of a log-log figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    /// Draw as a line (fit or prediction) instead of markers.
    pub line: bool,
    pub dashed: bool,
}

/// What a check established about one claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub verdict: Verdict,
    /// Where the finding holds: the range, the points, the sample sizes.
    pub domain: String,
    /// For `corrected`: the statement that holds in place of the printed one.
    pub correction: Option<String>,
    /// A remark that is not a correction (a sharper rate, a misprint that does not change the claim).
    pub note: Option<String>,
    pub evidence: Vec<Evidence>,
    /// The statistical tests (empty for exact and interval findings).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<StatTest>,
    /// Figures for the report.
    #[serde(skip)]
    pub figures: Vec<Figure>,
}

impl Finding {
    pub fn pending() -> Self {
        Finding {
            verdict: Verdict::Pending,
            domain: "not checked yet".into(),
            correction: None,
            note: None,
            evidence: vec![],
            tests: vec![],
            figures: vec![],
        }
    }

    /// A failed finding that says which step failed.
    pub fn failed(
        domain: impl Into<String>,
        why: impl Into<String>,
        evidence: Vec<Evidence>,
    ) -> Self {
        Finding {
            verdict: Verdict::Failed,
            domain: domain.into(),
            correction: None,
            note: Some(why.into()),
            evidence,
            tests: vec![],
            figures: vec![],
        }
    }
}

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
    pub check: Option<fn(&Context) -> Finding>,
}

impl Claim {
    /// The check's finding before the statistical decision (used by the audit, which decides
    /// over all its tests at once).
    pub fn run_raw(&self, ctx: &Context) -> Finding {
        match self.check {
            Some(f) => f(ctx),
            None => Finding::pending(),
        }
    }

    /// The finding of this claim checked alone: its statistical tests are Holm-adjusted within
    /// the claim and decided at [`AUDIT_LEVEL`].
    pub fn run(&self, ctx: &Context) -> Finding {
        let f = self.run_raw(ctx);
        let mut one = [ClaimResult::from_finding(self, f)];
        apply_holm(&mut one);
        let [r] = one;
        Finding {
            verdict: r.verdict,
            domain: r.domain,
            correction: r.correction,
            note: r.note,
            evidence: r.evidence,
            tests: r.tests,
            figures: r.figures,
        }
    }
}

/// The ids of claims.md, in the catalogue's order (§A–§D).
pub const CATALOGUE: [&str; 20] = [
    "c-closed-form",
    "c-taylor",
    "m-series",
    "drift-limit",
    "scaling-3.3",
    "density-fa",
    "phi-mean-zero",
    "ibp-identity",
    "expected-step",
    "update-3.4",
    "martingale-difference",
    "bias-c-order",
    "bias-sqrt-d",
    "gronwall",
    "lemma2",
    "lemma2-use",
    "thm1-rate-n",
    "thm1-rate-d",
    "thm1-constant",
    "linear-constant",
];

/// Every claim of claims.md, in the catalogue's order: the built checks, and the others as
/// pending.
pub fn registry() -> Vec<Claim> {
    let mut built = normalizer::claims();
    built.extend(density::claims());
    built.extend(process::claims());
    built.extend(proof_steps::claims());
    built.extend(theorem::claims());
    let mut claims: Vec<Claim> = pending_claims()
        .into_iter()
        .filter(|p| built.iter().all(|b| b.id != p.id))
        .collect();
    claims.extend(built);
    let rank = |id: &str| {
        CATALOGUE
            .iter()
            .position(|c| *c == id)
            .unwrap_or(usize::MAX)
    };
    claims.sort_by_key(|c| rank(c.id));
    claims
}

/// Finds a claim by id.
pub fn find(id: &str) -> Option<Claim> {
    registry().into_iter().find(|c| c.id == id)
}

fn pending(
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
    }
}

/// The claims whose checks other issues build.
fn pending_claims() -> Vec<Claim> {
    vec![
        pending(
            "density-fa",
            "proof of Thm 1: f_{A_n}",
            "f_a(x) = C(a)^{-1}(e^a − e^x)(e^a − e^{-x}) on [−a, a] is a probability density",
            "prover over (a, x) for f_a ≥ 0; rigorous quadrature for ∫f_a = 1; KS test of a sampler",
        ),
        pending(
            "phi-mean-zero",
            "proof of Thm 1 (mean of the update)",
            "E φ(U) = 0 for U ~ Unif[−a, a], φ(u) = e^{-u} − e^{u}",
            "odd integrand, enclosed by rigorous quadrature",
        ),
        pending(
            "ibp-identity",
            "proof of Thm 1: b^n, c^n",
            "E[h(U)φ(U)] = −m(a) E[h′(V)], V ~ f_a",
            "both sides enclosed by rigorous quadrature for several h and a; MPFR Gauss–Legendre",
        ),
        pending(
            "expected-step",
            "[10, Thm 1]; b^n, c^n",
            "E[Δθ_ν | past] = −α m(A_n) E[∂_ν L(θ + V^ν)]",
            "Monte Carlo mean of the real update against the high-precision right side",
        ),
        pending(
            "update-3.4",
            "(3.4)",
            "Z_{t_ℓ} = Z_{t_{ℓ−1}} + α_n (L(Z_{t_ℓ} + U^{(ℓ)}) − L(Z_{t_{ℓ−1}} + U^{(ℓ−1)}))(e^{−U_{ij}} − e^{U_{ij}})",
            "the corrected explicit scheme coincides step by step with (3.2)",
        ),
        pending(
            "martingale-difference",
            "(3.7), D^n_{ℓ,ν}",
            "D^n_{ℓ,ν} with the factor (e^{−U^{(ℓ)}} − e^{−U^{(ℓ−1)}}) is a martingale difference",
            "regression of D on functions of U^{(ℓ−1)}; the printed factor as the rejected variant",
        ),
        pending(
            "bias-c-order",
            "proof of Thm 1, after (3.7)",
            "E sup‖C‖² = O(n^{−1/2}) as desired",
            "sup‖C‖ exactly for L = g·z over a range of n",
        ),
        pending(
            "bias-sqrt-d",
            "proof of Thm 1, bound on c^n − b^n/n",
            "‖c^n_ν − b^n_ν/n‖ ≤ n^{−1} α κ_n λ A_n",
            "the corner of the box and a loss attaining the Lipschitz bound",
        ),
        pending(
            "gronwall",
            "proof of Thm 1, Grönwall step",
            "ε(t) ≤ γ + K∫_0^t ε ⇒ ε(t) ≤ γe^{Kt}, K = (2/3)A²αλ",
            "extremal case with equality; random admissible functions; a violating function",
        ),
        pending(
            "lemma2",
            "Lemma 2",
            "x_n ≤ a + b x_{n−1} ⇒ x_n ≤ x_0 bⁿ + a(1 − bⁿ)/(1 − b)",
            "exact rational arithmetic on random instances and the equality case",
        ),
        pending(
            "lemma2-use",
            "(3.8) and Lemma 2",
            "(3.8) with constants a, b, then Lemma 2, gives a bound O(1/n)",
            "explicit a_n, b_n and the n from which b_n ≤ 1/2",
        ),
        pending(
            "thm1-rate-n",
            "Theorem 1",
            "√E sup_t ‖Z^n_t − Z_t‖² ≤ c √(d/n)",
            "log-log slope in n with a confidence interval",
        ),
        pending(
            "thm1-rate-d",
            "Theorem 1",
            "the √d in the bound",
            "slope in d of the terminal error with ‖∇L‖ fixed",
        ),
        pending(
            "thm1-constant",
            "Theorem 1",
            "c depends only on α, A, λ",
            "errors at ‖g‖ = 1, 2, 4 for L = g·z (λ = 0)",
        ),
        pending(
            "linear-constant",
            "beyond the paper (L = g·z)",
            "E‖Z^n_1 − Z_1‖² = α²A⁴‖g‖²(8d/9 − 4/45)/n + O(n^{−2})",
            "exact leading coefficient in rationals; Monte Carlo ratio with a CI",
        ),
    ]
}

/// One claim's result in an audit.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimResult {
    pub id: &'static str,
    pub paper_ref: &'static str,
    pub statement: &'static str,
    pub method: &'static str,
    pub verdict: Verdict,
    pub domain: String,
    pub correction: Option<String>,
    pub note: Option<String>,
    pub evidence: Vec<Evidence>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<StatTest>,
    #[serde(skip)]
    pub figures: Vec<Figure>,
}

/// Holm's correction over all statistical tests of an audit, in two families (the claims' own
/// tests; the negative controls), then the decision: a finding fails if one of its own tests
/// rejects, or one of its negative controls does not, at [`AUDIT_LEVEL`] after adjustment.
pub fn apply_holm(claims: &mut [ClaimResult]) {
    for control in [false, true] {
        let idx: Vec<(usize, usize)> = claims
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                c.tests
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.negative_control == control)
                    .map(move |(j, _)| (i, j))
            })
            .collect();
        let p: Vec<f64> = idx.iter().map(|&(i, j)| claims[i].tests[j].p).collect();
        for (k, adj) in crate::stats::holm(&p).into_iter().enumerate() {
            let (i, j) = idx[k];
            claims[i].tests[j].p_holm = Some(adj);
        }
    }
    for c in claims.iter_mut() {
        if c.tests.is_empty() || c.verdict == Verdict::Failed || c.verdict == Verdict::Pending {
            continue;
        }
        let bad: Vec<String> = c
            .tests
            .iter()
            .filter(|t| {
                let p = t.p_holm.unwrap_or(t.p);
                if t.negative_control {
                    p.is_nan() || p >= AUDIT_LEVEL
                } else {
                    p.is_nan() || p < AUDIT_LEVEL
                }
            })
            .map(|t| {
                format!(
                    "{} ({}): Holm-adjusted p = {:.3e}{}",
                    t.name,
                    t.test,
                    t.p_holm.unwrap_or(t.p),
                    if t.negative_control {
                        ", negative control not rejected"
                    } else {
                        ", rejected"
                    }
                )
            })
            .collect();
        if !bad.is_empty() {
            c.verdict = Verdict::Failed;
            c.note = Some(format!(
                "statistical decision at level {AUDIT_LEVEL} after Holm: {}",
                bad.join("; ")
            ));
        }
    }
}

impl ClaimResult {
    pub fn from_finding(c: &Claim, f: Finding) -> Self {
        ClaimResult {
            id: c.id,
            paper_ref: c.paper_ref,
            statement: c.statement,
            method: c.method,
            verdict: f.verdict,
            domain: f.domain,
            correction: f.correction,
            note: f.note,
            evidence: f.evidence,
            tests: f.tests,
            figures: f.figures,
        }
    }
}

/// The result of checking a set of claims.
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    pub profile: Profile,
    pub seed: u64,
    pub claims: Vec<ClaimResult>,
}

impl Audit {
    /// Runs the claims (all, or those in `only`) in registry order.
    pub fn run(ctx: &Context, only: Option<&[String]>) -> Audit {
        let claims = registry()
            .into_iter()
            .filter(|c| only.is_none_or(|ids| ids.iter().any(|i| i == c.id)))
            .map(|c| {
                let f = c.run_raw(ctx);
                ClaimResult::from_finding(&c, f)
            })
            .collect();
        let mut claims: Vec<ClaimResult> = claims;
        apply_holm(&mut claims);
        Audit {
            profile: ctx.profile,
            seed: ctx.seed,
            claims,
        }
    }

    /// The count of claims per verdict, in ladder order (every verdict present, zeros included).
    pub fn summary(&self) -> Vec<(Verdict, usize)> {
        Verdict::ALL
            .iter()
            .map(|&v| (v, self.claims.iter().filter(|c| c.verdict == v).count()))
            .collect()
    }

    /// Did any check fail?
    pub fn failed(&self) -> bool {
        self.claims.iter().any(|c| c.verdict == Verdict::Failed)
    }
}
