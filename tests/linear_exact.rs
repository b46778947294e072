//! §E, the linear loss exactly: the recursion against quadrature and its structure.

use bnn_sgd_verify::paper::linear_exact::*;
use rug::Rational;

struct Case {
    g: Vec<Rational>,
    alpha: Rational,
    a: Rational,
    n: u64,
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "g = {:?}, α = {}, A = {}, n = {}",
            self.g, self.alpha, self.a, self.n
        )
    }
}

impl Case {
    fn input(&self) -> LinearMseInput {
        LinearMseInput::from_g(&self.g, self.alpha.clone(), self.a.clone(), self.n)
    }
    fn quadrature(&self, nodes: usize, prec: u32) -> rug::Float {
        linear_mse_quadrature(&self.g, &self.alpha, &self.a, self.n, nodes, prec).unwrap()
    }
}

fn input(g: &[i64], den: u64, alpha: (i64, i64), a: (i64, i64), n: u64) -> Case {
    Case {
        g: g.iter().map(|&x| Rational::from((x, den))).collect(),
        alpha: Rational::from(alpha),
        a: Rational::from(a),
        n,
    }
}

#[test]
fn recursion_meets_quadrature() {
    for inp in [
        input(&[1], 1, (1, 1), (1, 1), 1),
        input(&[1], 1, (1, 1), (1, 1), 2),
        input(&[3], 2, (1, 2), (3, 2), 3),
        input(&[1, 2], 1, (1, 1), (4, 5), 1),
    ] {
        let ex = linear_mse(&inp.input(), 160, Recursion::Exact).unwrap();
        let qu = inp.quadrature(14, 160);
        let mid = ex.mse.mid();
        let rel = ((mid.clone() - &qu) / &qu).abs();
        println!(
            "{inp:?}: recursion {} quadrature {} rel {}",
            mid.to_f64(),
            qu.to_f64(),
            rel.to_f64()
        );
        assert!(rel.to_f64() < 1e-25, "{inp:?}: {rel}");
        for wrong in [
            Recursion::WithoutCarriedNoise,
            Recursion::OwnCoordinateIndependent,
        ] {
            let w = linear_mse(&inp.input(), 160, wrong).unwrap().mse.mid();
            let rel = ((w - &qu) / &qu).abs().to_f64();
            assert!(rel > 1e-3, "{inp:?} {wrong:?}: {rel}");
        }
    }
}

/// d = 2, n = 2 with unequal g: the first place where Σg_ν⁴ enters (E p_2²); a 6-dimensional
/// rule with 8 nodes per axis.
#[test]
fn recursion_meets_quadrature_where_the_fourth_powers_enter() {
    let inp = input(&[1, 3], 2, (1, 1), (1, 1), 2);
    let ex = linear_mse(&inp.input(), 128, Recursion::Exact)
        .unwrap()
        .mse
        .mid();
    let t = std::time::Instant::now();
    let qu = inp.quadrature(8, 128);
    let rel = ((ex.clone() - &qu) / &qu).abs().to_f64();
    println!(
        "recursion {} quadrature {} rel {rel:.2e} in {:?}",
        ex.to_f64(),
        qu.to_f64(),
        t.elapsed()
    );
    assert!(rel < 1e-10, "{rel}");
}

/// The closed form (geometric sums) against the recursion run step by step: enclosures overlap
/// and agree to 40 digits, for n from 1 to 5000 and three inputs; a dropped term changes both.
#[test]
fn closed_form_meets_the_iterated_recursion() {
    for inp in [
        input(&[1], 1, (1, 1), (1, 1), 1),
        input(&[1, 2, 3], 2, (1, 1), (4, 5), 2),
        input(&[1, 1, 1, 1], 2, (1, 2), (3, 2), 37),
        input(&[1, 3], 2, (2, 1), (1, 1), 5000),
    ] {
        for rec in [Recursion::Exact, Recursion::WithoutCarriedNoise] {
            let a = linear_mse(&inp.input(), 200, rec).unwrap().mse;
            let b = linear_mse_iterated(&inp.input(), 200, rec).unwrap().mse;
            assert!(a.overlaps(&b), "{inp:?} {rec:?}: {a:?} vs {b:?}");
            let rel = ((a.mid() - b.mid()) / b.mid()).abs().to_f64();
            assert!(rel < 1e-40, "{inp:?} {rec:?}: {rel}");
        }
    }
}

/// The leading term is approached: n·E‖e‖²/(α²A⁴‖g‖²) → 8d/9 − 4/45, with the gap shrinking
/// like 1/n (the exact values at n = 10^3 … 10^9).
#[test]
fn the_leading_term_is_the_limit() {
    let inp = |n| {
        LinearMseInput::uniform(
            3,
            Rational::from(1),
            Rational::from(1),
            Rational::from(1),
            n,
        )
    };
    let mut prev_gap = f64::INFINITY;
    for k in 3..=9 {
        let n = 10u64.pow(k);
        let r = linear_mse(&inp(n), 200, Recursion::Exact).unwrap();
        let ratio = (r.mse.mid() / r.leading.mid()).to_f64();
        let gap = (ratio - 1.0).abs();
        println!("n = 10^{k}: exact / leading = {ratio:.12}");
        assert!(
            gap < prev_gap / 5.0,
            "n = 10^{k}: gap {gap} after {prev_gap}"
        );
        prev_gap = gap;
    }
    assert!(prev_gap < 1e-7);
}

mod common;

/// The claim's verdict, and its negative control through the same check: the recursion without
/// the carried noise fails against quadrature of the process.
#[test]
fn claim_confirmed_and_a_dropped_term_fails() {
    use bnn_sgd_verify::claims::linear::check_linear_mse_exact;
    use bnn_sgd_verify::claims::Verdict;
    let ctx = common::ctx("linear-mse-exact");
    let f = check_linear_mse_exact(&ctx, Recursion::Exact);
    assert_eq!(f.verdict, Verdict::Confirmed, "{f:#?}");
    assert!(f.tests.iter().filter(|t| t.negative_control).count() >= 6);
    for wrong in [
        Recursion::WithoutCarriedNoise,
        Recursion::OwnCoordinateIndependent,
    ] {
        let f = check_linear_mse_exact(&ctx, wrong);
        assert_eq!(f.verdict, Verdict::Failed, "{wrong:?}: {f:#?}");
    }
}

/// linear-second-order: the derived c₂ settles the residual; c₂ without its 4/315, or with
/// Σg_ν⁴ replaced by ‖g‖⁴/d (as if g were uniform), does not — through the same check.
#[test]
fn second_order_confirmed_and_wrong_coefficients_fail() {
    use bnn_sgd_verify::claims::linear::check_linear_second_order;
    use bnn_sgd_verify::claims::Verdict;
    let ctx = common::ctx("linear-second-order");
    let f = check_linear_second_order(&ctx, second_order_coefficient);
    assert_eq!(f.verdict, Verdict::Confirmed, "{f:#?}");
    fn without_315(i: &LinearMseInput) -> Rational {
        second_order_with(i, Rational::new())
    }
    fn as_if_uniform(i: &LinearMseInput) -> Rational {
        let u = LinearMseInput::uniform(i.d, i.g2.clone(), i.alpha.clone(), i.big_a.clone(), i.n);
        second_order_coefficient(&u)
    }
    for wrong in [
        without_315 as fn(&LinearMseInput) -> Rational,
        as_if_uniform,
    ] {
        let f = check_linear_second_order(&ctx, wrong);
        assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    }
}

/// thm1-sharp: the bound holds from n₀ on; with 8d/9 in place of 8d/9 − 4/45 (−4/45 dropped) the
/// same check finds the exact values below it.
#[test]
fn sharp_bound_confirmed_and_a_larger_constant_fails() {
    use bnn_sgd_verify::claims::linear::{check_thm1_sharp, leading_c1};
    use bnn_sgd_verify::claims::Verdict;
    let ctx = common::ctx("thm1-sharp");
    let f = check_thm1_sharp(&ctx, leading_c1);
    assert_eq!(f.verdict, Verdict::Confirmed, "{f:#?}");
    fn without_4_45(d: u64) -> Rational {
        Rational::from((8 * d, 9))
    }
    let f = check_thm1_sharp(&ctx, without_4_45);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    // ε_n is of order 1/n: n·ε_n settles
    let inp = |n| {
        LinearMseInput::uniform(
            2,
            Rational::from(1),
            Rational::from(1),
            Rational::from(1),
            n,
        )
    };
    let c1 = leading_c1(2);
    let e6 = sharp_epsilon(&inp(1_000_000), &c1).unwrap().to_f64() * 1e6;
    let e9 = sharp_epsilon(&inp(1_000_000_000), &c1).unwrap().to_f64() * 1e9;
    assert!((e6 - e9).abs() < 1e-3 * e9, "{e6} {e9}");
}

// --- the checks' own guards (mutation answers): each reached by an input that trips it ----------

#[test]
fn the_monte_carlo_cells_draw_from_distinct_streams() {
    use bnn_sgd_verify::claims::linear::{mc_stream, mse_cases};
    let mut seen = std::collections::BTreeSet::new();
    for case in 0..mse_cases().len() {
        for n_index in 0..2 {
            assert!(
                seen.insert(mc_stream(case, n_index)),
                "case {case}, n index {n_index}"
            );
        }
    }
}

#[test]
fn a_wide_enclosure_or_disjoint_paths_are_refused() {
    use bnn_sgd_verify::claims::linear::{closed_form_meets_iteration, narrow_enough};
    use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
    let one = MpInterval::from_int(128, 1);
    let wide = MpInterval::from_rational(128, &Rational::from((1, 3))).add(
        &MpInterval::from_rational(128, &Rational::from((1, 10i64.pow(18)))),
    );
    let hull = one.hull(&wide);
    assert!(narrow_enough(&one, 1e-25).is_ok_and(|w| w < 1e-35));
    let err = narrow_enough(&hull, 1e-25).expect_err("relative width ≈ 2");
    assert!(
        err.starts_with("relative width") && err.ends_with("> 1e-25"),
        "{err}"
    );
    let zero = MpInterval::from_int(128, 0);
    assert!(
        narrow_enough(&zero.hull(&one), 1e-25).is_err(),
        "an enclosure of 0"
    );
    assert!(closed_form_meets_iteration(&one, &hull, 7).is_ok());
    let err = closed_form_meets_iteration(&one, &wide, 7).expect_err("1 vs 1/3");
    assert!(err.starts_with("n = 7: "), "{err}");
}

#[test]
fn settling_is_within_five_percent_and_finite() {
    use bnn_sgd_verify::claims::linear::settles;
    assert!(
        settles(20.0, 21.0),
        "exactly 5 % (0.05·20 = 1 in f64) settles"
    );
    assert!(!settles(20.0, 21.000001));
    assert!(settles(-20.0, -19.5));
    assert!(!settles(f64::NAN, 20.0) && !settles(20.0, f64::NAN) && !settles(20.0, f64::INFINITY));
    assert!(
        settles(0.0, 5e-14) && !settles(0.0, 1e-13),
        "the floor 1e−12·0.05 at r6 = 0"
    );
}

#[test]
fn each_ingredient_of_the_sharp_bound_is_checked() {
    use bnn_sgd_verify::claims::linear::sharp_ingredients;
    use bnn_sgd_verify::paper::normalizer::M_OVER_A2;
    let (m, phi, w) = (M_OVER_A2, PHI2_OVER_S, U2PHI2_OVER_S2);
    assert_eq!(sharp_ingredients(&m, &phi, &w), Ok(()));
    let mut wrong_m = m;
    wrong_m.coeff = |j| {
        if j == 1 {
            Rational::from((1, 14))
        } else {
            (M_OVER_A2.coeff)(j)
        }
    };
    assert_eq!(
        sharp_ingredients(&wrong_m, &phi, &w),
        Err("m/s does not begin 2/3 + s/15".into())
    );
    assert_eq!(
        sharp_ingredients(&m, &w, &w),
        Err("Φ₂/s does not begin 4/3".into())
    );
    assert_eq!(
        sharp_ingredients(&m, &phi, &phi),
        Err("W/s² does not begin 4/5".into())
    );
    // a ratio bound too small for c₂/c₁ = (1/420)/(1/15) = 1/28: use 1/29
    let mut small = m;
    small.ratio = |_| Rational::from((1, 29));
    assert_eq!(
        sharp_ingredients(&small, &phi, &w),
        Err("m/s: c_2 > ρ_1·c_1".into())
    );
    // a ratio bound above 1/28 (true, but the argument needs ≤ 1/28)
    let mut large = m;
    large.ratio = |_| Rational::from((1, 27));
    assert_eq!(
        sharp_ingredients(&large, &phi, &w),
        Err("m/s: ρ_1 > 1/28".into())
    );
    // a constant ratio bound is nonincreasing: 1/28 throughout bounds every c_{j+1}/c_j
    let mut constant = m;
    constant.ratio = |_| Rational::from((1, 28));
    assert_eq!(sharp_ingredients(&constant, &phi, &w), Ok(()));
    // a ratio bound that grows: ρ_1 = 1/28, ρ_2 = 1/27.5 > ρ_1
    let mut growing = m;
    growing.ratio = |j| {
        if j == 1 {
            Rational::from((1, 28))
        } else {
            Rational::from((2, 55))
        }
    };
    assert_eq!(
        sharp_ingredients(&growing, &phi, &w),
        Err("m/s: ρ_2 > ρ_1".into())
    );
    // a vanishing coefficient of Φ₂/s or of W/s²
    let mut zero_phi = phi;
    zero_phi.coeff = |j| {
        if j == 7 {
            Rational::new()
        } else {
            (PHI2_OVER_S.coeff)(j)
        }
    };
    assert_eq!(
        sharp_ingredients(&m, &zero_phi, &w),
        Err("Φ₂/s: coefficient 7 is not positive".into())
    );
    let mut zero_w = w;
    zero_w.coeff = |j| {
        if j == 399 {
            Rational::new()
        } else {
            (U2PHI2_OVER_S2.coeff)(j)
        }
    };
    assert_eq!(
        sharp_ingredients(&m, &phi, &zero_w),
        Err("W/s²: coefficient 399 is not positive".into())
    );
}

/// thm1-sharp compares at n₀, 2n₀, 10n₀ and every power of ten from n₀ to 10⁹, per case: the
/// count in its domain is that, computed here from n₀ alone.
#[test]
fn the_sharp_bound_is_compared_at_every_stated_n() {
    use bnn_sgd_verify::claims::linear::{check_thm1_sharp, leading_c1, mse_cases};
    let ctx = common::ctx("thm1-sharp");
    let f = check_thm1_sharp(&ctx, leading_c1);
    let want: usize = mse_cases()
        .iter()
        .map(|c| {
            let n0 = sharp_n0(&c.input(1), &leading_c1(c.g.len() as u64));
            3 + (1..=9).filter(|&k| 10u64.pow(k) >= n0).count()
        })
        .sum();
    assert!(
        f.domain.contains(&format!("at {want} (case, n)")),
        "{want}: {}",
        f.domain
    );
}

/// linear-mse-exact's evidence reports what it computed: the quadrature's largest relative
/// difference, each control's power at its effect exact/c − 1 and its standard error, and a
/// figure whose Monte Carlo points sit on the exact curve at n = 10 and 100.
#[test]
fn the_mse_evidence_and_figure_report_what_was_computed() {
    use bnn_sgd_verify::claims::linear::{check_linear_mse_exact, mse_cases, MSE_PREC};
    use bnn_sgd_verify::claims::CONTROL_LEVEL;
    use bnn_sgd_verify::stats::power_two_sided;
    let ctx = common::ctx("linear-mse-exact");
    let f = check_linear_mse_exact(&ctx, Recursion::Exact);
    // 1. the quadrature's worst relative difference, recomputed
    let mut worst = 0.0f64;
    for (g, al, a, n) in [
        (vec![(1, 1)], (1, 1), (1, 1), 2u64),
        (vec![(3, 2)], (1, 2), (3, 2), 3),
        (vec![(1, 1), (2, 1)], (1, 1), (4, 5), 1),
    ] {
        let g: Vec<Rational> = g.into_iter().map(Rational::from).collect();
        let (al, a) = (Rational::from(al), Rational::from(a));
        let inp = LinearMseInput::from_g(&g, al.clone(), a.clone(), n);
        let ex = linear_mse(&inp, MSE_PREC, Recursion::Exact).unwrap();
        let qu = linear_mse_quadrature(&g, &al, &a, n, 14, MSE_PREC).unwrap();
        worst = worst.max(((ex.mse.mid() - &qu) / &qu).abs().to_f64());
    }
    let quad = f
        .evidence
        .iter()
        .find(|e| e.name.starts_with("recursion against 14-node"))
        .unwrap();
    assert_eq!(
        quad.value,
        format!("largest relative difference {worst:.1e}")
    );
    // 2. each control's stated power: with r = exact/c and the own and control t statistics of
    // the same sample, se_c = (r − 1)/(t_c − t_own)
    let names = [
        "d = 1, g = (1), α = 1, A = 1",
        "d = 4, g = (1/2, 1/2, 1/2, 1/2), α = 1/2, A = 3/2",
        "d = 3, g = (1/2, 1, 3/2), α = 1, A = 4/5",
    ];
    for (case, name) in mse_cases().iter().zip(names) {
        let ex = linear_mse(&case.input(10), MSE_PREC, Recursion::Exact).unwrap();
        let r = (ex.mse.mid() / ex.leading.mid()).to_f64();
        let t = |prefix: &str| {
            f.tests
                .iter()
                .find(|t| t.name == format!("{prefix} = 1, {name}, n = 10"))
                .unwrap_or_else(|| panic!("{prefix}, {name}: {:#?}", f.tests))
        };
        let own = t("MC / exact");
        let control = t("MC / (the leading term α²A⁴‖g‖²(8d/9 − 4/45)/n)");
        let se = (r - 1.0) / (control.statistic - own.statistic);
        let want = power_two_sided(r - 1.0, se, CONTROL_LEVEL);
        let got = control.power.expect("a stated power");
        assert!(
            ((1.0 - got) - (1.0 - want)).abs() <= 1e-6 * (1.0 - want).max(1e-12),
            "{name}: {got} vs {want}"
        );
        assert!(f
            .tests
            .iter()
            .any(|t| t.name == format!("MC / exact = 1, {name}, n = 100")));
    }
    let d1 = f
        .tests
        .iter()
        .find(|t| t.name.starts_with("MC / (the leading term") && t.name.contains("d = 1,"))
        .unwrap();
    assert!(
        d1.power.unwrap() < 1.0 && d1.power.unwrap() > 0.999,
        "{d1:#?}"
    );
    // 3. the figure: n from 1 to 1000, ten a decade, each once (28 distinct integers); the curves tend to c₁ (within 2 % at n = 1000); each
    // Monte Carlo point is the curve's value times MC/exact, whose 99 % interval holds 1 here
    let fig = &f.figures[0];
    for (case, chunk) in mse_cases().iter().zip(fig.panels[0].series.chunks(3)) {
        let curve = &chunk[0].points;
        assert_eq!(curve.len(), 28);
        assert_eq!((curve[0].x, curve[27].x), (1.0, 1000.0));
        assert!(curve.windows(2).all(|w| w[0].x < w[1].x));
        let c1 = leading_coefficient(case.g.len() as u64).to_f64();
        assert!(
            (curve[27].y / c1 - 1.0).abs() < 0.02,
            "{}: {} vs {c1}",
            chunk[0].label,
            curve[27].y
        );
        for p in &chunk[1].points {
            let on = curve
                .iter()
                .find(|q| q.x == p.x)
                .expect("n = 10 and 100 are on the curve");
            let (lo, hi) = p.ci.expect("a 99 % interval");
            assert!(lo <= p.y && p.y <= hi, "{p:?}");
            // the t interval scaled: symmetric about the point and a few per cent wide
            assert!(
                ((p.y - lo) - (hi - p.y)).abs() <= 1e-9 * p.y && hi - lo < 0.1 * p.y,
                "{p:?}"
            );
            assert!(
                lo <= on.y && on.y <= hi && (p.y / on.y - 1.0).abs() < 0.05,
                "{}: {p:?} vs {on:?}",
                chunk[1].label
            );
        }
    }
}
