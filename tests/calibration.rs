//! `verify calibrate`'s arithmetic (issue 11, part 7): the tallies of a run recounted from the
//! audits themselves, Wilson's interval against its defining quadratic, shards merged exactly,
//! and every refusal. Seeds 40…49 at quick: martingale-difference's own test "E D = 0 (update's
//! factor)" has p < 0.01 at seeds 40 and 49 but not after Holm, so the counts before and after
//! Holm differ; thm1-constant brings an equivalence test.

use bnn_sgd_verify::claims::calibration::{
    calibrate, statistical_claims, wilson, Calibration, CalibrationError, Role, Tally, MAX_SEEDS,
};
use bnn_sgd_verify::claims::{Audit, Profile, Verdict, AUDIT_LEVEL};

const FIRST: u64 = 40;
const COUNT: u64 = 10;

fn claims() -> Vec<String> {
    vec!["martingale-difference".into(), "thm1-constant".into()]
}

fn run(first: u64, count: u64) -> Calibration {
    calibrate(Profile::Quick, first, count, &claims(), &mut |_| {}).expect("a valid range")
}

/// Wilson's interval solves (p̂ − π)² = z²π(1 − π)/m for π: each end not clamped to [0, 1] is a
/// root of that quadratic (the second path to the closed form).
fn wilson_residual(k: u64, m: u64, end: f64) -> f64 {
    let z = bnn_sgd_verify::stats::z_quantile(AUDIT_LEVEL);
    let p = k as f64 / m as f64;
    (p - end).powi(2) - z * z * end * (1.0 - end) / m as f64
}

#[test]
fn wilson_ends_are_the_roots_of_its_quadratic() {
    for (k, m) in [(2, 200), (1, 100), (37, 200), (99, 100), (5, 7)] {
        let (p, lo, hi) = wilson(k, m, AUDIT_LEVEL);
        assert_eq!(p, k as f64 / m as f64, "k = {k}, m = {m}");
        assert!(
            0.0 < lo && lo < p && p < hi && hi < 1.0,
            "k = {k}, m = {m}: {lo} {hi}"
        );
        for end in [lo, hi] {
            let r = wilson_residual(k, m, end);
            assert!(
                r.abs() < 1e-13,
                "k = {k}, m = {m}, end {end}: residual {r:e}"
            );
        }
    }
    // 2 of 200 (the log-taylor row of the README): [0.0020, 0.0495]
    let (_, lo, hi) = wilson(2, 200, AUDIT_LEVEL);
    assert!(
        (lo - 0.001955).abs() < 2e-6 && (hi - 0.049513).abs() < 2e-6,
        "{lo} {hi}"
    );
}

#[test]
fn a_tally_rate_is_wilson_of_its_own_counts_at_the_audit_level() {
    let t = Tally {
        claim: "x".into(),
        test: "y".into(),
        role: Role::Own,
        runs: 200,
        rejections: 2,
        rejections_holm: 1,
        min_power: None,
    };
    let (p, lo, hi) = t.rate();
    assert_eq!((p, lo, hi), wilson(2, 200, AUDIT_LEVEL));
    assert_eq!(p, 0.01);
    assert!(wilson_residual(2, 200, lo).abs() < 1e-13 && wilson_residual(2, 200, hi).abs() < 1e-13);
    // the rejections before Holm, not after
    assert_ne!(t.rate(), wilson(1, 200, AUDIT_LEVEL));
}

#[test]
fn the_tallies_recount_the_audits() {
    let mut seen = vec![];
    let cal = calibrate(Profile::Quick, FIRST, COUNT, &claims(), &mut |s| {
        seen.push(s)
    })
    .expect("a valid range");
    let seeds: Vec<u64> = (FIRST..FIRST + COUNT).collect();
    assert_eq!(seen, seeds, "progress is called with each seed, in order");
    assert_eq!(cal.seeds, vec![(FIRST, FIRST + COUNT - 1)]);
    assert_eq!(cal.seed_count(), COUNT);
    assert_eq!(cal.claims, claims());

    // the audits again, counted here
    let audits: Vec<Audit> = seeds
        .iter()
        .map(|&s| Audit::run(Profile::Quick, s, Some(&claims())))
        .collect();
    let failed: Vec<u64> = audits
        .iter()
        .filter(|a| {
            a.claims
                .iter()
                .any(|c| c.finding.verdict == Verdict::Failed)
        })
        .map(|a| a.seed)
        .collect();
    assert_eq!(cal.audits_failed, failed);
    let mut n_tests = 0;
    for c in &audits[0].claims {
        for t in &c.finding.tests {
            n_tests += 1;
            let tally = cal
                .tallies
                .iter()
                .find(|x| x.claim == c.id && x.test == t.name)
                .unwrap_or_else(|| panic!("no tally for {} / {}", c.id, t.name));
            let role = match (t.equivalence, t.negative_control) {
                (true, _) => Role::Equivalence,
                (false, true) => Role::Control,
                (false, false) => Role::Own,
            };
            assert_eq!(tally.role, role, "{} / {}", c.id, t.name);
            let same = |a: &Audit| {
                a.claims
                    .iter()
                    .find(|x| x.id == c.id)
                    .and_then(|x| x.finding.tests.iter().find(|y| y.name == t.name))
                    .cloned()
                    .expect("the same test at every seed")
            };
            let at: Vec<_> = audits.iter().map(same).collect();
            let before = at.iter().filter(|y| y.p < AUDIT_LEVEL).count() as u64;
            let after = at
                .iter()
                .filter(|y| y.p_holm.expect("the audit adjusts") < AUDIT_LEVEL)
                .count() as u64;
            let power = at.iter().filter_map(|y| y.power).reduce(f64::min);
            assert_eq!(
                (
                    tally.runs,
                    tally.rejections,
                    tally.rejections_holm,
                    tally.min_power
                ),
                (COUNT, before, after, power),
                "{} / {}",
                c.id,
                t.name
            );
        }
    }
    assert_eq!(cal.tallies.len(), n_tests, "one tally per test");

    // what seeds 40…49 hold (see the module's comment): the counts differ before and after Holm
    let own = cal
        .tallies
        .iter()
        .find(|x| x.test.starts_with("E D = 0 (update's factor)"))
        .expect("the update's factor test");
    assert_eq!(
        (own.role, own.rejections, own.rejections_holm),
        (Role::Own, 2, 0)
    );
    let controls: Vec<&Tally> = cal.tallies.iter().filter(|x| x.role != Role::Own).collect();
    assert_eq!(controls.len(), 4);
    for x in controls {
        assert_eq!(
            (x.rejections, x.rejections_holm),
            (COUNT, COUNT),
            "{}",
            x.test
        );
    }
    assert!(cal.tallies.iter().any(|x| x.role == Role::Equivalence));
}

#[test]
fn shards_merge_to_the_whole_run() {
    let whole = run(FIRST, COUNT);
    // merged in the wrong order on purpose: the seed list comes out sorted
    let mut merged = run(FIRST + 5, 5);
    merged.merge(&run(FIRST, 5)).expect("disjoint shards merge");
    assert_eq!(
        merged.seeds,
        vec![(FIRST, FIRST + 4), (FIRST + 5, FIRST + 9)]
    );
    assert_eq!(merged.seed_count(), COUNT);
    assert_eq!(merged.audits_failed, whole.audits_failed);
    assert_eq!(merged.tallies.len(), whole.tallies.len());
    for t in &whole.tallies {
        let m = merged
            .tallies
            .iter()
            .find(|x| x.claim == t.claim && x.test == t.test)
            .unwrap_or_else(|| panic!("{} / {} lost in the merge", t.claim, t.test));
        assert_eq!(m, t);
    }
}

#[test]
fn a_merge_adds_counts_keeps_the_least_power_and_the_tests_of_either_part() {
    let tally = |test: &str, runs, rej, holm, power| Tally {
        claim: "c".into(),
        test: test.into(),
        role: Role::Control,
        runs,
        rejections: rej,
        rejections_holm: holm,
        min_power: power,
    };
    let part = |seeds, failed: Vec<u64>, tallies| Calibration {
        profile: Profile::Quick,
        seeds,
        claims: vec!["c".into()],
        audits_failed: failed,
        tallies,
    };
    let mut a = part(
        vec![(11, 20)],
        vec![17],
        vec![
            tally("t1", 10, 7, 5, Some(0.9995)),
            tally("t2", 10, 3, 2, None),
        ],
    );
    let b = part(
        vec![(1, 10)],
        vec![3],
        vec![
            tally("t1", 10, 4, 3, Some(0.9991)),
            tally("t2", 10, 2, 1, Some(0.9999)),
            tally("t3", 10, 1, 1, None),
        ],
    );
    a.merge(&b).expect("disjoint parts merge");
    assert_eq!(a.seeds, vec![(1, 10), (11, 20)]);
    assert_eq!(a.audits_failed, vec![3, 17]);
    assert_eq!(a.seed_count(), 20);
    assert_eq!(
        a.tallies,
        vec![
            tally("t1", 20, 11, 8, Some(0.9991)),
            tally("t2", 20, 5, 3, Some(0.9999)),
            tally("t3", 10, 1, 1, None),
        ]
    );
}

#[test]
fn a_seed_count_sums_the_ranges() {
    let c = Calibration {
        profile: Profile::Standard,
        seeds: vec![(1, 100), (201, 300), (7000, 7000)],
        claims: vec![],
        audits_failed: vec![],
        tallies: vec![],
    };
    assert_eq!(c.seed_count(), 201);
}

#[test]
fn parts_that_do_not_fit_are_refused() {
    let part = |profile, seeds, claims: &[&str]| Calibration {
        profile,
        seeds,
        claims: claims.iter().map(|s| s.to_string()).collect(),
        audits_failed: vec![],
        tallies: vec![],
    };
    let base = || part(Profile::Quick, vec![(1, 10)], &["c"]);
    let refused = |other: Calibration, why: &str| {
        let mut a = base();
        match a.merge(&other) {
            Err(e @ CalibrationError::Mismatch(_)) => {
                // the message is the error's whole text, one line
                let text = e.to_string();
                assert!(text.contains(why) && !text.contains('\n'), "{why}: {text}");
            }
            other => panic!("{why}: {other:?}"),
        }
        assert_eq!(a, base(), "{why}: a refused merge changes nothing");
    };
    refused(part(Profile::Standard, vec![(11, 20)], &["c"]), "profile");
    refused(part(Profile::Quick, vec![(11, 20)], &["d"]), "claims");
    refused(part(Profile::Quick, vec![(11, 20)], &["c", "d"]), "claims");
    // overlaps: inside, at either end, containing
    refused(part(Profile::Quick, vec![(3, 4)], &["c"]), "seeds 3…4");
    refused(part(Profile::Quick, vec![(10, 12)], &["c"]), "seeds 10…12");
    refused(part(Profile::Quick, vec![(0, 1)], &["c"]), "seeds 0…1");
    refused(part(Profile::Quick, vec![(0, 30)], &["c"]), "seeds 0…30");
    refused(
        part(Profile::Quick, vec![(20, 30), (5, 5)], &["c"]),
        "seeds 5…5",
    );
    // adjacent ranges on either side are fine
    for seeds in [vec![(11, 20)], vec![(0, 0)], vec![(0, 0), (11, 11)]] {
        let mut a = base();
        a.merge(&part(Profile::Quick, seeds.clone(), &["c"]))
            .unwrap_or_else(|e| panic!("{seeds:?}: {e}"));
    }
}

#[test]
fn seed_counts_are_bounded_before_any_work() {
    let none: Vec<String> = vec![];
    let refused = |first, count| {
        let mut calls = 0;
        let r = calibrate(Profile::Quick, first, count, &none, &mut |_| calls += 1);
        match r {
            Err(e @ CalibrationError::Seeds(_)) => {
                assert!(!e.to_string().is_empty() && !e.to_string().contains('\n'))
            }
            other => panic!("first {first}, count {count}: {other:?}"),
        }
        assert_eq!(
            calls, 0,
            "first {first}, count {count}: work done before refusing"
        );
    };
    refused(1, 0);
    refused(1, MAX_SEEDS + 1);
    refused(u64::MAX, 2);
    refused(u64::MAX - 8, 10);
    // the largest allowed count, and a range that ends at 2^64 − 1 exactly (no claims: cheap)
    let c = calibrate(Profile::Quick, 1, MAX_SEEDS, &none, &mut |_| {}).expect("MAX_SEEDS");
    assert_eq!(
        (c.seeds.clone(), c.seed_count()),
        (vec![(1, MAX_SEEDS)], MAX_SEEDS)
    );
    let c = calibrate(Profile::Quick, u64::MAX - 9, 10, &none, &mut |_| {}).expect("to 2^64 − 1");
    assert_eq!(c.seeds, vec![(u64::MAX - 9, u64::MAX)]);
    assert!(c.tallies.is_empty() && c.audits_failed.is_empty());
    let text = CalibrationError::Seeds("the number of seeds".into()).to_string();
    assert_eq!(text, "the number of seeds");
}

#[test]
fn the_statistical_claims_are_those_with_tests() {
    let asked: Vec<String> = vec![
        "c-closed-form".into(),
        "thm1-constant".into(),
        "martingale-difference".into(),
    ];
    // registry order, and the exact identity (no statistical test) left out
    assert_eq!(
        statistical_claims(Profile::Quick, 1, Some(&asked)),
        vec!["martingale-difference".to_string(), "thm1-constant".into()]
    );
}
