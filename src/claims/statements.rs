//! The range statements the prover establishes for the claims (`verify prove ID`): the bounds
//! and domains, each over a function of `paper::ranges` that is written once and evaluated by
//! both interval engines, so that a certificate from one is re-checked by the other.

use super::types::{Context, Evidence, Finding, Verdict};
use crate::paper::ranges::{
    c_over_a3, density_ratio, drift_excess_damped, drift_excess_over_a4, taylor_remainder_over_a3,
};
use crate::rigorous::mpinterval::MpInterval;
use crate::rigorous::prover::{prove, recheck, Budget, Engine, Proof, Rejection, Statement};
use inari::Interval;

const TWO_M20: f64 = 9.5367431640625e-7; // 2^−20
const TWO_M10: f64 = 9.765625e-4; // 2^−10
const TWO_M6: f64 = 0.015625; // 2^−6

/// C(a)/a³ > 1 (so C(a) > 0) on [2^−20, 8].
pub static C_POSITIVE: [Statement; 1] = [Statement {
    id: "c-positive",
    description: "C(a)/a³ > 1 (so C(a) > 0) for a ∈ [2^−20, 8]",
    domain: &[(TWO_M20, 8.0)],
    lower: Some(1.0),
    upper: None,
    inari: c_over_a3::<Interval>,
    mpfr: c_over_a3::<MpInterval>,
    mpfr_prec: 128,
}];

/// 2/3 < R(a)/a³ < 4/3 on [2^−20, 1 − 2^−10].
pub static C_TAYLOR: [Statement; 1] = [Statement {
    id: "c-taylor-remainder",
    description:
        "2/3 < (C(a)/(2a) − 2a²/3)/a³ < 4/3 for a ∈ [2^−20, 1 − 2^−10] (a = 1 gives 4/3 exactly)",
    domain: &[(TWO_M20, 1.0 - TWO_M10)],
    lower: Some(2.0 / 3.0),
    upper: Some(4.0 / 3.0),
    inari: taylor_remainder_over_a3::<Interval>,
    mpfr: taylor_remainder_over_a3::<MpInterval>,
    mpfr_prec: 128,
}];

/// 1/15 < P₂(s) and (1 − s/28)P₂(s) < 1/15 on s = A²/n ∈ [2^−6, 25].
pub static DRIFT_BRACKET: [Statement; 2] = [
    Statement {
        id: "drift-lower",
        description: "P₂(s) = n(κ_n − 2A²/3)/A⁴ > 1/15 for s = A²/n ∈ [2^−6, 25]",
        domain: &[(TWO_M6, 25.0)],
        lower: Some(1.0 / 15.0),
        upper: None,
        inari: drift_excess_over_a4::<Interval>,
        mpfr: drift_excess_over_a4::<MpInterval>,
        mpfr_prec: 128,
    },
    Statement {
        id: "drift-upper",
        description: "(1 − s/28)·P₂(s) < 1/15 for s = A²/n ∈ [2^−6, 25]",
        domain: &[(TWO_M6, 25.0)],
        lower: None,
        upper: Some(1.0 / 15.0),
        inari: drift_excess_damped::<Interval>,
        mpfr: drift_excess_damped::<MpInterval>,
        mpfr_prec: 128,
    },
];

/// f_a(x) ≥ (a² − x²)/(2a³) on a ∈ [2^−10, 8], |x| ≤ a.
pub static DENSITY_LOWER_BOUND: [Statement; 1] = [Statement {
    id: "density-lower-bound",
    description: "a³f_a(at)/(a²(1 − t²)) > 1/2, i.e. f_a(x) ≥ (a² − x²)/(2a³) ≥ 0, for a ∈ [2^−10, 8], t = x/a ∈ [−1, 1]",
    domain: &[(TWO_M10, 8.0), (-1.0, 1.0)],
    lower: Some(0.5),
    upper: None,
    inari: density_ratio::<Interval>,
    mpfr: density_ratio::<MpInterval>,
    mpfr_prec: 128,
}];

/// A proof of one statement, and the re-check of its certificate by the other engine.
pub struct CheckedProof {
    pub statement: Statement,
    pub proof: Proof,
    pub recheck: Result<(), Rejection>,
    pub recheck_seconds: f64,
}

impl CheckedProof {
    pub fn holds(&self) -> bool {
        self.proof.proved() && self.recheck.is_ok()
    }
    /// One line: boxes, depth, smallest margin, the re-check; with `times`, the seconds too
    /// (kept out of audit reports, which must be byte-identical for a seed).
    pub fn summary(&self, times: bool) -> String {
        let c = &self.proof.certificate;
        let t = |s: f64| {
            if times {
                format!(" in {s:.3} s")
            } else {
                String::new()
            }
        };
        format!(
            "{}: {} boxes ({} evaluated), depth {}, smallest margin {}, by {}{}; re-check by {}: {}{}",
            c.id,
            c.boxes.len(),
            self.proof.evaluations,
            c.max_depth,
            c.smallest_margin,
            c.engine.name(),
            t(self.proof.seconds),
            c.engine.other().name(),
            match &self.recheck {
                Ok(()) => "every box holds".to_string(),
                Err(e) => format!("REJECTED, {e}"),
            },
            t(self.recheck_seconds)
        )
    }
}

/// Proves every statement of a claim and re-checks each certificate.
pub fn prove_claim(statements: &[Statement], engine: Engine) -> Vec<CheckedProof> {
    statements
        .iter()
        .map(|&st| {
            let proof = prove(&st, engine, Budget::default());
            let t = std::time::Instant::now();
            let recheck = if proof.proved() {
                recheck(&st, &proof.certificate)
            } else {
                Err(Rejection::NotDecided {
                    index: 0,
                    detail: format!("{} boxes undecided", proof.undecided.len()),
                })
            };
            CheckedProof {
                statement: st,
                proof,
                recheck,
                recheck_seconds: t.elapsed().as_secs_f64(),
            }
        })
        .collect()
}

impl Context {
    /// Adds the proofs of the claim's range statements to its finding (boxes, depth, margin,
    /// the re-check by the other engine); a statement that is not proved fails the finding.
    pub fn with_range_proof(&self, mut finding: Finding) -> Finding {
        if finding.verdict == Verdict::Failed {
            return finding;
        }
        for cp in prove_claim(self.claim.range_statements, Engine::Inari) {
            finding.evidence.push(Evidence::new(
                format!("range proof: {}", cp.statement.description),
                cp.summary(false),
            ));
            if !cp.holds() {
                return Finding::failed(
                    finding.domain,
                    format!("range statement {} not proved", cp.statement.id),
                    finding.evidence,
                );
            }
        }
        finding
    }
}
