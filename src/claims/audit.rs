//! Running claims: one claim alone ([`Claim::run`]) or an audit of many ([`Audit::run`]), with
//! Holm's correction over all statistical tests of the run and the decision at [`AUDIT_LEVEL`].

use super::formal::CoqTheorem;
use super::registry::{registry, Claim};
use super::types::{Context, Finding, Profile, Verdict, AUDIT_LEVEL, CONTROL_POWER};
use serde::Serialize;

/// One claim's result in an audit: the claim's registry data and its finding.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimResult {
    pub id: &'static str,
    pub paper_ref: &'static str,
    pub statement: &'static str,
    pub method: &'static str,
    /// The Coq theorems that back the claim (kernel-checked by `cargo test --test formal`).
    pub coq: &'static [CoqTheorem],
    #[serde(flatten)]
    pub finding: Finding,
}

impl ClaimResult {
    pub fn new(c: &Claim, finding: Finding) -> Self {
        ClaimResult {
            id: c.id,
            paper_ref: c.paper_ref,
            statement: c.statement,
            method: c.method,
            coq: c.coq,
            finding,
        }
    }
}

impl std::ops::Deref for ClaimResult {
    type Target = Finding;
    fn deref(&self) -> &Finding {
        &self.finding
    }
}

/// Holm's correction over all statistical tests of an audit, in two families (the claims' own
/// tests, which must not reject; the negative controls and the equivalence tests, which must),
/// then the decision: a finding fails if one of its own tests rejects, or one of its controls or
/// equivalence tests does not, at [`AUDIT_LEVEL`] after adjustment.
pub fn apply_holm(findings: &mut [&mut Finding]) {
    for control in [false, true] {
        let idx: Vec<(usize, usize)> = findings
            .iter()
            .enumerate()
            .flat_map(|(i, f)| {
                f.tests
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.must_reject() == control)
                    .map(move |(j, _)| (i, j))
            })
            .collect();
        let p: Vec<f64> = idx.iter().map(|&(i, j)| findings[i].tests[j].p).collect();
        for (k, adj) in crate::stats::holm(&p).into_iter().enumerate() {
            let (i, j) = idx[k];
            findings[i].tests[j].p_holm = Some(adj);
        }
    }
    for f in findings.iter_mut() {
        if f.tests.is_empty() || f.verdict == Verdict::Failed || f.verdict == Verdict::Pending {
            continue;
        }
        let bad: Vec<String> = f
            .tests
            .iter()
            .filter(|t| {
                let p = t.p_holm.unwrap_or(t.p);
                if t.must_reject() {
                    // a stated power must reach CONTROL_POWER (NaN does not)
                    let underpowered = t.power.is_some_and(|w| w.is_nan() || w < CONTROL_POWER);
                    p.is_nan() || p >= AUDIT_LEVEL || underpowered
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
                    if t.equivalence {
                        ", equivalence not shown".to_string()
                    } else if t.negative_control {
                        match t.power {
                            Some(w) if w.is_nan() || w < CONTROL_POWER => {
                                format!(", negative control underpowered (power {w:.4} < {CONTROL_POWER})")
                            }
                            _ => ", negative control not rejected".to_string(),
                        }
                    } else {
                        ", rejected".to_string()
                    }
                )
            })
            .collect();
        if !bad.is_empty() {
            f.verdict = Verdict::Failed;
            f.note = Some(format!(
                "statistical decision at level {AUDIT_LEVEL} after Holm: {}",
                bad.join("; ")
            ));
        }
    }
}

impl Claim {
    /// The context in which the audit checks this claim.
    pub fn context(&'static self, profile: Profile, seed: u64) -> Context {
        Context::new(profile, seed, self)
    }

    /// The check's finding before the statistical decision (used by the audit, which decides
    /// over all its tests at once).
    pub fn run_raw(&'static self, profile: Profile, seed: u64) -> Finding {
        match self.check {
            Some(check) => check(&self.context(profile, seed)),
            None => Finding::pending(),
        }
    }

    /// The finding of this claim checked alone: its statistical tests are Holm-adjusted within
    /// the claim and decided at [`AUDIT_LEVEL`].
    pub fn run(&'static self, profile: Profile, seed: u64) -> Finding {
        let mut f = self.run_raw(profile, seed);
        apply_holm(&mut [&mut f]);
        f
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
    pub fn run(profile: Profile, seed: u64, only: Option<&[String]>) -> Audit {
        Audit::run_with(profile, seed, only, &mut |_| {})
    }

    /// The same, calling `before` with each claim before it runs (the CLI's progress bar).
    pub fn run_with(
        profile: Profile,
        seed: u64,
        only: Option<&[String]>,
        before: &mut dyn FnMut(&Claim),
    ) -> Audit {
        let mut claims: Vec<ClaimResult> = registry()
            .iter()
            .filter(|c| only.is_none_or(|ids| ids.iter().any(|i| i == c.id)))
            .map(|c| {
                before(c);
                ClaimResult::new(c, c.run_raw(profile, seed))
            })
            .collect();
        apply_holm(
            &mut claims
                .iter_mut()
                .map(|c| &mut c.finding)
                .collect::<Vec<_>>(),
        );
        Audit {
            profile,
            seed,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{StatTest, CONTROL_LEVEL, MAX_CONTROLS};

    fn finding(tests: &[(f64, bool)]) -> Finding {
        Finding::new(Verdict::Supported, "test").with_tests(
            tests
                .iter()
                .enumerate()
                .map(|(i, &(p, control))| StatTest::new(format!("t{i}"), "t", 0.0, p, control))
                .collect(),
        )
    }

    fn decide(mut findings: Vec<Finding>) -> Vec<Finding> {
        apply_holm(&mut findings.iter_mut().collect::<Vec<_>>());
        findings
    }

    /// CONTROL_LEVEL is the level a control meets at Holm's first step in the largest family
    /// an audit may carry: MAX_CONTROLS controls all at p = CONTROL_LEVEL are rejected, and
    /// at twice that level none is (each adjusted p = 2·AUDIT_LEVEL).
    #[test]
    fn the_control_level_is_holms_first_step_over_the_largest_family() {
        const { assert!(CONTROL_LEVEL > 0.0 && CONTROL_LEVEL < AUDIT_LEVEL) };
        let at = |p: f64| decide(vec![finding(&vec![(p, true); MAX_CONTROLS])]);
        let f = at(CONTROL_LEVEL * (1.0 - 1e-12));
        assert_eq!(f[0].verdict, Verdict::Supported, "{:?}", f[0].note);
        let f = at(2.0 * CONTROL_LEVEL);
        assert_eq!(f[0].verdict, Verdict::Failed);
    }

    /// An equivalence test must reject (it is the claim's own evidence, not a control): a
    /// rejecting one keeps the finding, a non-rejecting one fails it, and it is adjusted in the
    /// family of the controls.
    #[test]
    fn an_equivalence_test_must_reject() {
        let eq = |p: f64| {
            Finding::new(Verdict::Supported, "test").with_tests(vec![StatTest::equivalence(
                "slope within ±0.1",
                "TOST",
                0.0,
                p,
            )])
        };
        let t = &eq(0.0).tests[0];
        assert!(t.equivalence && !t.negative_control && t.must_reject());
        let f = decide(vec![eq(1e-9), finding(&[(1e-9, true)])]);
        assert_eq!(f[0].verdict, Verdict::Supported, "{:?}", f[0].note);
        // two in the must-reject family: 1e−9 adjusts to 2e−9
        assert_eq!(f[0].tests[0].p_holm, Some(2e-9));
        let f = decide(vec![eq(0.5)]);
        assert_eq!(f[0].verdict, Verdict::Failed);
    }

    #[test]
    fn a_rejecting_own_test_fails_the_finding() {
        let f = decide(vec![finding(&[(1e-6, false), (1e-9, true)])]);
        assert_eq!(f[0].verdict, Verdict::Failed);
        assert!(
            f[0].note.as_deref().unwrap().contains("rejected"),
            "{:?}",
            f[0].note
        );
    }

    #[test]
    fn an_unrejected_control_fails_the_finding() {
        let f = decide(vec![finding(&[(0.5, false), (0.5, true)])]);
        assert_eq!(f[0].verdict, Verdict::Failed);
        assert!(f[0]
            .note
            .as_deref()
            .unwrap()
            .contains("negative control not rejected"));
    }

    /// A finding that already failed keeps its own note, and a pending one stays pending,
    /// whatever their tests say; an own test at exactly the level does not reject, a control
    /// at exactly the level is not rejected.
    #[test]
    fn failed_and_pending_findings_keep_their_verdicts_and_the_level_is_strict() {
        let mut failed = finding(&[(1e-9, false), (1e-9, true)]);
        failed.verdict = Verdict::Failed;
        failed.note = Some("the check's own reason".into());
        let mut pending = finding(&[(1e-9, false), (1e-9, true)]);
        pending.verdict = Verdict::Pending;
        let f = decide(vec![failed, pending]);
        assert_eq!(f[0].note.as_deref(), Some("the check's own reason"));
        assert_eq!(f[1].verdict, Verdict::Pending);
        let f = decide(vec![finding(&[(AUDIT_LEVEL, false), (1e-9, true)])]);
        assert_eq!(f[0].verdict, Verdict::Supported, "{:?}", f[0].note);
        let f = decide(vec![finding(&[(0.5, false), (AUDIT_LEVEL, true)])]);
        assert_eq!(f[0].verdict, Verdict::Failed);
    }

    /// An audit of one fast claim: only that claim, its summary counted, failed() false; a
    /// failed finding makes failed() true.
    #[test]
    fn an_audit_of_one_claim_is_counted() {
        // the first claim of the registry (c-closed-form, symbolic and fast)
        let id = registry()[0].id;
        let mut a = Audit::run(Profile::Quick, 1, Some(&[id.to_string()]));
        assert_eq!(a.claims.len(), 1);
        assert_eq!(a.claims[0].id, id);
        let summary = a.summary();
        assert_eq!(summary.len(), Verdict::ALL.len());
        assert_eq!(summary.iter().map(|(_, k)| k).sum::<usize>(), 1);
        assert_eq!(
            summary
                .iter()
                .find(|(v, _)| *v == a.claims[0].verdict)
                .unwrap()
                .1,
            1
        );
        assert!(!a.failed());
        a.claims[0].finding.verdict = Verdict::Failed;
        assert!(a.failed());
        assert_eq!(
            a.summary()
                .iter()
                .find(|(v, _)| *v == Verdict::Failed)
                .unwrap()
                .1,
            1
        );
    }

    /// A control that rejects but states a power below CONTROL_POWER (or NaN) fails its
    /// finding; at CONTROL_POWER exactly it passes.
    #[test]
    fn an_underpowered_control_fails_the_finding() {
        for (power, fails) in [
            (0.99, true),
            (f64::NAN, true),
            (CONTROL_POWER, false),
            (1.0, false),
        ] {
            let mut f = finding(&[(0.5, false), (1e-9, true)]);
            f.tests[1] = f.tests[1].clone().with_power(power);
            let f = decide(vec![f]);
            assert_eq!(
                f[0].verdict == Verdict::Failed,
                fails,
                "power {power}: {:?}",
                f[0].note
            );
            if fails {
                assert!(
                    f[0].note.as_deref().unwrap().contains("underpowered"),
                    "{:?}",
                    f[0].note
                );
            }
        }
    }

    #[test]
    fn the_decision_is_on_holm_adjusted_p_values_across_findings() {
        // own tests at p = 0.006 twice: each rejects alone, not after Holm (0.012 ≥ 0.01)
        let f = decide(vec![
            finding(&[(0.006, false), (1e-9, true)]),
            finding(&[(0.006, false), (1e-9, true)]),
        ]);
        assert!(f.iter().all(|f| f.verdict == Verdict::Supported), "{f:#?}");
        assert_eq!(f[0].tests[0].p_holm, Some(0.012));
        // controls at p = 0.006 twice: each rejects alone, not after Holm, so both fail
        let f = decide(vec![
            finding(&[(0.5, false), (0.006, true)]),
            finding(&[(0.5, false), (0.006, true)]),
        ]);
        assert!(f.iter().all(|f| f.verdict == Verdict::Failed), "{f:#?}");
        // a NaN is never a pass
        let f = decide(vec![finding(&[(f64::NAN, false), (1e-9, true)])]);
        assert_eq!(f[0].verdict, Verdict::Failed);
        let f = decide(vec![finding(&[(0.5, false), (f64::NAN, true)])]);
        assert_eq!(f[0].verdict, Verdict::Failed);
    }

    #[test]
    fn passing_tests_keep_the_verdict_and_pending_stays_pending() {
        let f = decide(vec![
            finding(&[(0.5, false), (1e-9, true)]),
            Finding::pending(),
        ]);
        assert_eq!(f[0].verdict, Verdict::Supported);
        assert_eq!(f[1].verdict, Verdict::Pending);
    }

    #[test]
    fn an_audit_with_a_failed_finding_failed() {
        let claim = &crate::claims::registry()[0];
        let audit = Audit {
            profile: Profile::Quick,
            seed: 1,
            claims: vec![
                ClaimResult::new(claim, Finding::new(Verdict::Proved, "d")),
                ClaimResult::new(claim, Finding::failed("d", "why", vec![])),
            ],
        };
        assert!(audit.failed());
        let count = |v| audit.summary().iter().find(|(w, _)| *w == v).unwrap().1;
        assert_eq!((count(Verdict::Proved), count(Verdict::Failed)), (1, 1));
    }
}
