//! §E of claims.md, the martingale bounds of the proof: Doob's inequality with its constant 4
//! (doob) and the rate the written chain of bounds gives (proof-rate) — expected verdicts, and the
//! wrong variants (the constant 1, a claimed exponent at the chain's own order) failing through
//! the same checks.

use bnn_sgd_verify::claims::{find, Verdict};

mod common;
use common::{ctx, PROFILE, SEED};

#[test]
fn doob_holds_with_4_and_fails_with_constant_1_through_holm() {
    use bnn_sgd_verify::claims::apply_holm;
    use bnn_sgd_verify::claims::martingale_bounds::check_doob;
    let c = ctx("doob");
    let mut ok = check_doob(4.0, &c);
    apply_holm(&mut [&mut ok]);
    assert_eq!(ok.verdict, Verdict::Supported, "{ok:#?}");
    // the controls (the constant 1 at d = 1, 8, where sup − end is large enough to have power)
    // rejected, each with power ≥ 0.999 at this sample size
    let controls: Vec<_> = ok.tests.iter().filter(|t| t.negative_control).collect();
    assert_eq!(controls.len(), 2);
    assert!(
        controls.iter().all(|t| t.power.unwrap_or(0.0) >= 0.999),
        "{controls:#?}"
    );
    // the wrong constant as the claim: its own one-sided test rejects, and the audit fails it
    let mut bad = check_doob(1.0, &c);
    apply_holm(&mut [&mut bad]);
    assert_eq!(bad.verdict, Verdict::Failed, "{bad:#?}");
}

#[test]
fn the_written_chain_grows_like_d_and_the_monte_carlo_like_root_d() {
    use bnn_sgd_verify::claims::martingale_bounds::{chain_bound, check_proof_rate};
    // the chain's bound, exactly: quadrupling d at n = 4096 multiplies it by more than 4
    let (b32, b128) = (
        chain_bound(32, 4096).unwrap(),
        chain_bound(128, 4096).unwrap(),
    );
    let ratio = b128.mid().to_f64() / b32.mid().to_f64();
    assert!(ratio > 4.0, "chain ratio {ratio}");
    // below n₀ Lemma 2 gives nothing: b_n ≥ 1
    assert!(chain_bound(128, 64).is_none());
    let f = find("proof-rate").unwrap().run(PROFILE, SEED);
    assert_eq!(f.verdict, Verdict::Corrected, "{f:#?}");
    // a claimed exponent at the chain's own order is not refuted by it: the check fails
    let f = check_proof_rate(1.0, &ctx("proof-rate"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
}

/// The written chain's bound in plain f64 from (3.8)'s constants: a_n = 4d·A_n·sinh A_n,
/// b_n = 2√d·sinh A_n (α = A = G = 1), κ_n = n·m(A_n), bound 2√n(a_n/(1 − b_n) + κ_n/n); the
/// enclosure must hold it, and n = 64 at d = 128 (b_n ≥ 1) gives none.
#[test]
fn chain_bound_meets_the_constants_of_3_8_in_f64() {
    use bnn_sgd_verify::claims::martingale_bounds::chain_bound;
    use bnn_sgd_verify::paper::normalizer::drift_constant;
    for (d, n) in [(8u64, 4096u64), (32, 4096), (128, 4096), (2, 100)] {
        let an = 1.0 / (n as f64).sqrt();
        let a_n = 4.0 * d as f64 * an * an.sinh();
        let b_n = 2.0 * (d as f64).sqrt() * an.sinh();
        let kappa = n as f64 * drift_constant(an).unwrap();
        let want = 2.0 * (n as f64).sqrt() * (a_n / (1.0 - b_n) + kappa / n as f64);
        let got = chain_bound(d, n).unwrap_or_else(|| panic!("d = {d}, n = {n}"));
        let (lo, hi) = (got.lo().to_f64(), got.hi().to_f64());
        assert!(
            lo <= want * (1.0 + 1e-12) && want * (1.0 - 1e-12) <= hi && hi - lo < 1e-15 * want,
            "d = {d}, n = {n}: [{lo}, {hi}] vs {want}"
        );
    }
    assert!(chain_bound(128, 64).is_none() && chain_bound(4, 16).is_none());
    // b_n just below 1: d = 4, n = 17 has 4·sinh(1/√17) = 0.98
    assert!(chain_bound(4, 17).is_some());
}

/// doob's evidence at d = 1 recomputed from the paths: E ΣD², the ratio E sup‖M‖²/E ΣD² and the
/// orthogonality gap, each as printed; and the own test's statistic (the paired mean of
/// (sup‖M‖² − 4ΣD²)/E ΣD² over its standard error).
#[test]
fn doob_evidence_is_recomputed_from_the_paths() {
    use bnn_sgd_verify::claims::martingale_bounds::{check_doob, martingale_paths};
    use bnn_sgd_verify::rigorous::format::sci;
    let c = ctx("doob");
    let f = check_doob(4.0, &c);
    let reps = 2_000u64;
    let paths = martingale_paths(1, 1024, reps, SEED, "doob");
    let scale = paths.iter().map(|p| p.sum_d2).sum::<f64>() / reps as f64;
    let mean = |v: &dyn Fn(&bnn_sgd_verify::claims::martingale_bounds::MartingalePath) -> f64| {
        paths.iter().map(v).sum::<f64>() / reps as f64
    };
    let ratio = mean(&|p| p.sup_m2 / scale);
    let orth = mean(&|p| (p.end_m2 - p.sum_d2) / scale);
    let value = common::evidence_value(&f, "L = g·z, d = 1,");
    assert!(
        value.starts_with(&format!("{}, {ratio:.4} [", sci(scale))),
        "{value} vs {scale}, {ratio}"
    );
    assert!(
        value.contains(&format!("], {orth:.4} [")),
        "{value} vs {orth}"
    );
    // the paired t statistics, recomputed: the own test on (sup‖M‖² − 4ΣD²)/E ΣD², the
    // control on (sup‖M‖² − ΣD²)/E ΣD²
    let paired_t = |k: f64| {
        let v: Vec<f64> = paths
            .iter()
            .map(|p| (p.sup_m2 - k * p.sum_d2) / scale)
            .collect();
        let m = v.iter().sum::<f64>() / reps as f64;
        let sd = (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (reps - 1) as f64).sqrt();
        m / (sd / (reps as f64).sqrt())
    };
    for (k, name) in [(4.0, "d = 1: E sup‖M‖² ≤ 4"), (1.0, "d = 1: E sup‖M‖² ≤ 1")] {
        let t = paired_t(k);
        let test = f.tests.iter().find(|t| t.name.starts_with(name)).unwrap();
        assert!(
            (test.statistic - t).abs() < 1e-9 * t.abs(),
            "{name}: {} vs {t}",
            test.statistic
        );
    }
    // the one-sided p-values on reps − 1 degrees of freedom
    for t in f.tests.iter().filter(|t| t.name.contains("≤")) {
        let want = bnn_sgd_verify::stats::t_upper_p(t.statistic, (reps - 1) as f64);
        assert!(
            (t.p - want).abs() <= 1e-12 * want,
            "{}: {} vs {want}",
            t.name,
            t.p
        );
    }
    // a ratio between 1 and 4 at every d: Doob's constant is not attained, 1 is exceeded
    assert!(ratio > 1.0 && ratio < 4.0, "{ratio}");
    assert_eq!(f.tests.len(), 3 + 3 + 2, "{:#?}", f.tests);
}

/// proof-rate's evidence recomputed: the Monte Carlo √E sup‖M‖² per d from the paths, the chain's
/// local exponent from `chain_bound` at d = 64, 128, the Monte Carlo's d-exponent and the affine
/// law n·E sup‖M‖² = c₁d + c₀ by weighted least squares (standard errors by the delta method),
/// and the control's statistic against the exponent 1.
#[test]
fn proof_rate_evidence_is_recomputed_from_the_paths() {
    use bnn_sgd_verify::claims::martingale_bounds::{chain_bound, martingale_paths};
    use bnn_sgd_verify::rigorous::format::sci;
    use bnn_sgd_verify::stats::{rms_with_se, wls};
    let f = find("proof-rate").unwrap().run(PROFILE, SEED);
    let (n, reps) = (4096u64, 200u64);
    let ds = [8usize, 16, 32, 64, 128];
    let (mut mc, mut rel) = (vec![], vec![]);
    for d in ds {
        let sq: Vec<f64> = martingale_paths(d, n, reps, SEED, "proof-rate")
            .iter()
            .map(|p| p.sup_m2)
            .collect();
        let (rms, se) = rms_with_se(&sq);
        let line = common::evidence_value(&f, &format!("d = {d}, n = {n}"));
        let shown = line.split("; ").nth(1).unwrap();
        assert!(
            shown.starts_with(&format!("{} [", sci(rms))),
            "d = {d}: {line} vs {rms}"
        );
        mc.push(rms);
        rel.push(se / rms);
    }
    let mid = |d: u64| chain_bound(d, n).unwrap().mid().to_f64();
    let local = (mid(128) / mid(64)).ln() / 2f64.ln();
    let exps = common::evidence_value(&f, "d-exponent");
    let xs: Vec<f64> = ds.iter().map(|&d| (d as f64).ln()).collect();
    let ys: Vec<f64> = mc.iter().map(|r| r.ln()).collect();
    let (fit, _) = wls(&xs, &ys, &rel, (reps - 1) as f64).unwrap();
    assert!(
        exps.starts_with(&format!("{local:.4}; {:.4} [", fit.slope)),
        "{exps} vs {local}, {}",
        fit.slope
    );
    let dsf: Vec<f64> = ds.iter().map(|&d| d as f64).collect();
    let sq: Vec<f64> = mc.iter().map(|r| r * r * n as f64).collect();
    let sq_se: Vec<f64> = mc
        .iter()
        .zip(&rel)
        .map(|(r, s)| 2.0 * r * s * r * n as f64)
        .collect();
    let (aff, _) = wls(&dsf, &sq, &sq_se, (reps - 1) as f64).unwrap();
    let law = common::evidence_value(&f, "n·E sup‖M‖² = c₁d + c₀");
    let (c1, rest) = law.split_once(" [").unwrap();
    let c0 = rest
        .split("], ")
        .nth(1)
        .unwrap()
        .split(", ")
        .next()
        .unwrap();
    assert_eq!(c1, format!("{:.4}", aff.slope), "{law}");
    let (lo, hi) = aff.slope_ci(0.01);
    assert!(
        rest.starts_with(&format!("{lo:.4}, {hi:.4}; 199 df], ")),
        "{law} vs [{lo}, {hi}]"
    );
    assert_eq!(c0, format!("{:.4}", aff.intercept), "{law}");
    let control = &f.tests[0];
    assert!(
        control.negative_control && f.tests.len() == 1,
        "{:#?}",
        f.tests
    );
    let t = (fit.slope - 1.0) / fit.slope_se;
    assert!(
        (control.statistic - t).abs() < 1e-9 * t.abs(),
        "{} vs {t}",
        control.statistic
    );
    // its p-value on reps − 1 = 199 degrees of freedom
    let want = fit.slope_p(1.0);
    assert!(
        (control.p - want).abs() <= 1e-9 * want,
        "{} vs {want}",
        control.p
    );
}

/// The paths' sums, pathwise: ‖M_n‖² ≤ sup_ℓ‖M_ℓ‖² (the sup includes ℓ = n), all nonnegative;
/// after one step M_1 = D_1, so ‖M_1‖² = sup = ΣD² exactly (the same sums in the same order).
#[test]
fn martingale_paths_sums_are_pathwise_consistent() {
    use bnn_sgd_verify::claims::martingale_bounds::martingale_paths;
    for d in [1usize, 8] {
        for p in martingale_paths(d, 64, 200, SEED, "doob") {
            assert!(
                0.0 <= p.end_m2 && p.end_m2 <= p.sup_m2 && p.sum_d2 > 0.0,
                "d = {d}: {p:?}"
            );
        }
        for p in martingale_paths(d, 1, 50, SEED, "doob") {
            assert!(
                p.end_m2 == p.sum_d2 && p.sup_m2 == p.sum_d2,
                "d = {d}: {p:?}"
            );
        }
    }
}
