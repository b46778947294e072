//! §E of claims.md, log-taylor: the model's additive update drops log(1 + y) − y; the bound
//! |log(1 + y) − y| ≤ c·y²/(1 − |y|) is confirmed with c = 1/2 and fails (an interval
//! counterexample near y = 0) for a smaller c, and the naive mean of the dropped term is rejected.

use bnn_sgd_verify::claims::Verdict;
use rug::Rational;

mod common;
use common::ctx;

#[test]
fn log_taylor_with_a_smaller_constant_fails_and_the_naive_mean_is_rejected() {
    use bnn_sgd_verify::claims::apply_holm;
    use bnn_sgd_verify::claims::log_taylor::check_log_taylor;
    let c = ctx("log-taylor");
    let mut ok = check_log_taylor(&Rational::from((1, 2)), &c);
    apply_holm(&mut [&mut ok]);
    assert_eq!(ok.verdict, Verdict::Confirmed, "{ok:#?}");
    assert_eq!(ok.tests.iter().filter(|t| t.negative_control).count(), 3);
    // c = 2/5 < 1/2: the bound fails near y = 0 (a counterexample found by intervals)
    for bad in [Rational::from((2, 5)), Rational::from((1, 3))] {
        let f = check_log_taylor(&bad, &c);
        assert_eq!(f.verdict, Verdict::Failed, "c = {bad}: {f:#?}");
        assert!(
            f.note.as_deref().unwrap_or("").contains("fails at y"),
            "{:?}",
            f.note
        );
    }
}

/// log-taylor's evidence from closed forms: the bound's largest ratio over the 160 enclosures
/// (→ 1 as y → 0, so 1.000000 at y = ±2⁻⁴⁰); E[C²φ_ν²] = α²(p²Φ₂ + g_ν²W + (‖g‖² − g_ν²)σ²Φ₂)
/// and the naive α²(p² + ‖g‖²σ²)Φ₂ with Φ₂ = sinh(2a)/a − 2, σ² = a²/3 and
/// W = E[U²φ²] = a sinh 2a − cosh 2a + sinh(2a)/(2a) − 2a²/3 (integrated by parts here); the
/// prediction √d(4/9 + 8/(45d)) and the almost-sure bound √d·n·ȳ²/(2(1 − ȳ)),
/// ȳ = 2 sinh(A_n)(a_n/(1 − b_n) + 2√d A_n), at each (d, n); and n·√E‖R_n‖² against √E‖R_n‖².
#[test]
fn log_taylor_evidence_meets_its_closed_forms() {
    use bnn_sgd_verify::claims::log_taylor::check_log_taylor;
    use bnn_sgd_verify::rigorous::format::sci;
    use common::evidence_value;
    let f = check_log_taylor(&Rational::from((1, 2)), &ctx("log-taylor"));
    let bound = evidence_value(&f, "|log(1+y) − y| ≤ y²/(2(1 − |y|))");
    assert!(
        bound.ends_with("largest ratio 1.000000 (→ 1 as y → 0: sharp)"),
        "{bound}"
    );
    let a: f64 = 0.25;
    let (s2, c2) = ((2.0 * a).sinh(), (2.0 * a).cosh());
    let phi2 = s2 / a - 2.0;
    let sigma2 = a * a / 3.0;
    let w = a * s2 - c2 + s2 / (2.0 * a) - 2.0 * a * a / 3.0;
    assert!((w / (0.8 * a.powi(4)) - 1.0).abs() < 0.1, "W ≈ 4a⁴/5: {w}");
    let (p, g_nu2, g2, alpha2) = (0.1f64, 2.25, 0.25 + 1.0 + 2.25, 0.75f64 * 0.75);
    let exact = alpha2 * (p * p * phi2 + g_nu2 * w + (g2 - g_nu2) * sigma2 * phi2);
    let naive = alpha2 * (p * p + g2 * sigma2) * phi2;
    let moments = evidence_value(&f, "L = g·z, g = (1/2, 1, 3/2)");
    let mids: Vec<f64> = moments
        .split("; ")
        .take(2)
        .map(|iv| {
            let (lo, hi) = iv.trim_matches(['[', ']']).split_once(", ").unwrap();
            (lo.parse::<f64>().unwrap() + hi.parse::<f64>().unwrap()) / 2.0
        })
        .collect();
    assert!((mids[0] / exact - 1.0).abs() < 1e-8, "{moments} vs {exact}");
    assert!((mids[1] / naive - 1.0).abs() < 1e-8, "{moments} vs {naive}");
    // the control's effect is the enclosures' ratio − 1, and its power is the z-test's on it
    let control = evidence_value(&f, "the control E[C²φ_ν²] = E[C²]·Eφ²");
    let [effect, se] = common::numbers(&control)[..] else {
        panic!("{control}")
    };
    assert!(
        (effect - (mids[0] / mids[1] - 1.0)).abs() < 1e-8,
        "{control} vs {moments}"
    );
    let t = f.tests.iter().find(|t| t.negative_control).unwrap();
    let power =
        bnn_sgd_verify::stats::power_two_sided(effect, se, bnn_sgd_verify::claims::CONTROL_LEVEL);
    assert_eq!(t.power, Some(power), "{t:?}");
    assert!(
        (t.statistic - effect / se).abs() < 0.05 * t.statistic.abs(),
        "{t:?} against the effect over its se"
    );
    // the dropped term over −E[y²]/2 is 1 + O(|y|): above 1 here (its cubic term, −E[y³]/3 over
    // −E[y²]/2, is positive at seed 1 with its interval), well below 2
    let dropped = evidence_value(&f, "the dropped term");
    let nums: Vec<f64> = common::numbers(&dropped);
    assert!(
        nums[1] > 1.0 && nums[0] > nums[1] && nums[2] > nums[0] && nums[2] < 1.5,
        "{dropped}"
    );
    for d in [1u64, 8] {
        let pred = (4.0 / 9.0 + 8.0 / (45.0 * d as f64)) * (d as f64).sqrt();
        for n in [256u64, 1024, 4096] {
            let e = f
                .evidence
                .iter()
                .find(|e| e.name.starts_with(&format!("d = {d}, n = {n}:")))
                .unwrap_or_else(|| panic!("d = {d}, n = {n}"));
            assert!(
                e.name.ends_with(&format!(
                    "= {pred:.4}; the almost-sure bound √d·n·ȳ²/(2(1 − ȳ))"
                )),
                "{}",
                e.name
            );
            let parts: Vec<&str> = e.value.split("; ").collect();
            let r: f64 = parts[0].split(' ').next().unwrap().parse().unwrap();
            let scaled: f64 = parts[1].parse().unwrap();
            assert!((scaled - r * n as f64).abs() < 6e-4 * scaled, "{}", e.value);
            let an = 1.0 / (n as f64).sqrt();
            let (a_n, b_n) = (
                4.0 * d as f64 * an * an.sinh(),
                2.0 * (d as f64).sqrt() * an.sinh(),
            );
            let ybar = 2.0 * an.sinh() * (a_n / (1.0 - b_n) + 2.0 * (d as f64).sqrt() * an);
            let sure = (d as f64).sqrt() * n as f64 * ybar * ybar / (2.0 * (1.0 - ybar));
            // the enclosures' upper ends against f64: equal to the printed 5 digits
            assert_eq!(parts[2], sci(sure), "d = {d}, n = {n}: {}", e.value);
        }
    }
}

/// log-taylor's slope tests read back against their evidence line: with se = (hi − lo)/(2t) from
/// the printed 99 % interval (df = 199), the own statistic is (slope + 1)/se, the control's
/// (slope + 1/2)/se, and their p-values are the one- and two-sided t tails on 199 df.
#[test]
fn log_taylor_slope_tests_match_their_evidence() {
    use bnn_sgd_verify::claims::log_taylor::check_log_taylor;
    use bnn_sgd_verify::stats::{t_quantile, t_two_sided_p, t_upper_p, wls, z_quantile};
    let f = check_log_taylor(&Rational::from((1, 2)), &ctx("log-taylor"));
    for d in [1, 8] {
        let line = common::evidence_value(&f, &format!("d = {d}: slope of log"));
        let nums: Vec<f64> = common::numbers(&line);
        let (slope, lo, hi) = (nums[0], nums[1], nums[2]);
        let se = (hi - lo) / (2.0 * t_quantile(0.01, 199.0));
        // the fit again, from the printed √E‖R_n‖² and their intervals [√(m ∓ z·2r·se_r)]:
        // se_r = (hi² − lo²)/(4z·r), weights by the relative se_r/r
        let (mut xs, mut ys, mut rel) = (vec![], vec![], vec![]);
        for n in [256f64, 1024.0, 4096.0] {
            let v = common::evidence_value(&f, &format!("d = {d}, n = {n}:"));
            let [r, r_lo, r_hi] = common::numbers(&v)[..3] else {
                panic!("{v}")
            };
            let se_r = (r_hi * r_hi - r_lo * r_lo) / (4.0 * z_quantile(0.01) * r);
            xs.push(n.ln());
            ys.push(r.ln());
            rel.push(se_r / r);
        }
        let (fit, _) = wls(&xs, &ys, &rel, 199.0).unwrap();
        assert!(
            (fit.slope - slope).abs() < 1e-3 && (fit.slope_se / se - 1.0).abs() < 0.02,
            "d = {d}: refitted {} ± {} against {line}",
            fit.slope,
            fit.slope_se
        );
        let own = f
            .tests
            .iter()
            .find(|t| t.name == format!("d = {d}: ‖R_n‖ = O(n^−1) (one-sided: slope ≤ −1)"))
            .unwrap();
        let ctrl = f
            .tests
            .iter()
            .find(|t| t.name == format!("d = {d}: ‖R_n‖ falls like n^−1/2"))
            .unwrap();
        // the printed slope and ends carry 4 decimals: 5·10⁻⁵ each
        let slack = 1e-4 / se;
        assert!(
            (own.statistic - (slope + 1.0) / se).abs() < slack + 0.01 * own.statistic.abs(),
            "d = {d}: {} vs {} ({line})",
            own.statistic,
            (slope + 1.0) / se
        );
        assert!(
            (ctrl.statistic - (slope + 0.5) / se).abs() < slack + 0.01 * ctrl.statistic.abs(),
            "d = {d}: {} vs {} ({line})",
            ctrl.statistic,
            (slope + 0.5) / se
        );
        let want = t_upper_p(own.statistic, 199.0);
        assert!(
            (own.p - want).abs() <= 1e-12 * want.max(1e-300),
            "{} vs {want}",
            own.p
        );
        let want = t_two_sided_p(ctrl.statistic, 199.0);
        assert!(
            (ctrl.p - want).abs() <= 1e-9 * want.max(1e-300),
            "{} vs {want}",
            ctrl.p
        );
        assert!(ctrl.negative_control && !own.negative_control);
    }
}

#[test]
fn log_bound_grid_reaches_both_ends_from_both_sides() {
    use bnn_sgd_verify::claims::log_taylor::log_bound_grid;
    let grid = log_bound_grid();
    assert_eq!(grid.len(), 160);
    let tiny = Rational::from((1, 1u64 << 40));
    let end = Rational::from(1) - &tiny;
    for y in [&tiny, &end] {
        for s in [y.clone(), -y.clone()] {
            assert!(grid.contains(&s), "{s} missing");
        }
    }
    let mut distinct = grid.clone();
    distinct.sort();
    distinct.dedup();
    // ±1/2 come twice (2^−1 = 1 − 2^−1); every other point once, and −y with y
    assert_eq!(distinct.len(), 158);
    assert!(distinct.iter().all(|y| grid.contains(&-y.clone())));
    assert!(distinct.iter().all(|y| y.clone().abs() < 1 && *y != 0));
    // 2^−k and 1 − 2^−k for every k ≤ 40
    for k in 1..=40u32 {
        let t = Rational::from((1, 1u64 << k));
        assert!(
            grid.contains(&t) && grid.contains(&(Rational::from(1) - &t)),
            "k = {k}"
        );
    }
}

#[test]
fn the_paths_use_distinct_streams_apart_from_the_one_step_draws() {
    use bnn_sgd_verify::claims::log_taylor::path_stream;
    let mut keys = vec![0u64];
    for d in [1usize, 8] {
        for ni in 0..3 {
            keys.push(path_stream(d, ni));
        }
    }
    let mut distinct = keys.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), keys.len(), "{keys:?}");
}
