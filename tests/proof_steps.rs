//! §C of claims.md, the proof's steps: Lemma 2, Grönwall, the constants of (3.8) and the two
//! bias bounds — expected verdicts, property tests, and the negative controls.

use bnn_sgd_verify::claims::bias::*;
use bnn_sgd_verify::claims::lemma2::*;
use bnn_sgd_verify::claims::proof_steps::*;
use bnn_sgd_verify::claims::{find, Verdict};
use bnn_sgd_verify::paper::gronwall::*;
use bnn_sgd_verify::paper::loss::{Linear, Loss, RidgeLogCosh, SeparableLogCosh};
use bnn_sgd_verify::paper::normalizer::Scaling;
use bnn_sgd_verify::paper::stdp::StdpParams;
use proptest::prelude::*;
use rug::ops::Pow;
use rug::Rational;

mod common;
use common::{ctx, PROFILE, SEED};

/// The values of the finding's evidence lines whose name contains `needle`, in order.
fn values_named<'a>(f: &'a bnn_sgd_verify::claims::Finding, needle: &str) -> Vec<&'a str> {
    f.evidence
        .iter()
        .filter(|e| e.name.contains(needle))
        .map(|e| e.value.as_str())
        .collect()
}

#[test]
fn expected_verdicts() {
    for (id, want) in [
        ("bias-c-order", Verdict::Corrected),
        ("bias-sqrt-d", Verdict::Corrected),
        ("gronwall", Verdict::Proved),
        ("lemma2", Verdict::Corrected),
        ("lemma2-use", Verdict::Corrected),
    ] {
        let f = find(id).unwrap().run(PROFILE, SEED);
        assert_eq!(f.verdict, want, "{id}: {f:#?}");
        assert!(!f.evidence.is_empty(), "{id}");
    }
}

/// `gronwall` is proved only through a theorem of the formal layer: the same check for a claim
/// that names no Coq theorem earns `confirmed`.
#[test]
fn gronwall_without_its_coq_theorem_is_only_confirmed() {
    use bnn_sgd_verify::claims::Claim;
    static UNBACKED: Claim = Claim {
        id: "gronwall",
        paper_ref: "",
        statement: "",
        method: "",
        check: Some(check_gronwall_claim),
        range_statements: &[],
        coq: &[],
    };
    let f = UNBACKED.run(PROFILE, SEED);
    assert_eq!(f.verdict, Verdict::Confirmed, "{f:#?}");
    assert!(f.domain.contains("not a proof"), "{}", f.domain);
    let backed = find("gronwall").unwrap().run(PROFILE, SEED);
    assert!(
        backed.domain.contains("Gronwall.gronwall"),
        "{}",
        backed.domain
    );
}

// --- Lemma 2 -----------------------------------------------------------------------------

fn rational(max_num: u64, max_den: u64) -> impl Strategy<Value = Rational> {
    (0..=max_num, 1..=max_den).prop_map(|(p, q)| Rational::from((p, q)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any admissible sequence stays below the bound, exactly; the extremal one meets it.
    #[test]
    fn lemma2_holds_exactly(
        a in rational(50, 30),
        b in rational(80, 30),
        x0 in rational(50, 30),
        fractions in prop::collection::vec(rational(16, 16).prop_map(|u| if u > 1 { Rational::from(1) } else { u }), 1..300),
    ) {
        let n = fractions.len() as u32;
        let xs = admissible_sequence(&x0, &a, &b, &fractions);
        let ext = admissible_sequence(&x0, &a, &b, &vec![Rational::from(1); n as usize]);
        for k in 0..=n {
            let bound = lemma2_bound(&x0, &a, &b, k);
            prop_assert!(xs[k as usize] <= bound, "a = {a}, b = {b}, x0 = {x0}, k = {k}");
            prop_assert_eq!(&ext[k as usize], &bound, "equality, a = {}, b = {}, k = {}", a, b, k);
        }
    }
}

#[test]
fn lemma2_b_equal_one() {
    let (x0, a, one) = (Rational::from(2), Rational::from((1, 3)), Rational::from(1));
    assert_eq!(
        lemma2_bound_printed(&x0, &a, &one, 5),
        Err(Lemma2Error::Undefined)
    );
    assert_eq!(lemma2_bound(&x0, &a, &one, 6), Rational::from(4));
}

/// A wrong closed form (exponent n − 1 on b in the first term) fails the same check.
#[test]
fn lemma2_wrong_closed_form_fails() {
    fn wrong(x0: &Rational, a: &Rational, b: &Rational, n: u32) -> Result<Rational, Lemma2Error> {
        if *b == 1 {
            return Err(Lemma2Error::Undefined);
        }
        let bn = b.clone().pow(n.saturating_sub(1));
        let geo = (Rational::from(1) - b.clone().pow(n)) / (Rational::from(1) - b.clone());
        Ok(Rational::from(x0 * &bn) + Rational::from(a * &geo))
    }
    let f = check_lemma2(wrong, &ctx("lemma2"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    // and a geometric sum one term short
    fn short(x0: &Rational, a: &Rational, b: &Rational, n: u32) -> Result<Rational, Lemma2Error> {
        if *b == 1 {
            return Err(Lemma2Error::Undefined);
        }
        let geo = (Rational::from(1) - b.clone().pow(n.saturating_sub(1)))
            / (Rational::from(1) - b.clone());
        Ok(Rational::from(x0 * &b.clone().pow(n)) + Rational::from(a * &geo))
    }
    assert_eq!(check_lemma2(short, &ctx("lemma2")).verdict, Verdict::Failed);
    // and a bound that holds but is not attained: every admissible sequence stays below it, so
    // only the equality with the extremal sequence refuses it
    fn loose(x0: &Rational, a: &Rational, b: &Rational, n: u32) -> Result<Rational, Lemma2Error> {
        lemma2_bound_printed(x0, a, b, n).map(|v| v + Rational::from((1, 1000)))
    }
    let f = check_lemma2(loose, &ctx("lemma2"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    assert!(
        f.note.as_deref().unwrap_or("").contains("with equality"),
        "{f:#?}"
    );
}

// --- Grönwall ----------------------------------------------------------------------------

#[test]
fn gronwall_violator_breaks_the_conclusion() {
    let (g, k, one) = (Rational::from(1), Rational::from((2, 3)), Rational::from(1));
    let grid: Vec<Rational> = (0..=16).map(|i| Rational::from((i, 16))).collect();
    // γe^{Kt} itself: hypothesis and conclusion hold with equality
    let ok = check_gronwall(&PiecewiseExp::exponential(&g, &k, &one, 160), &g, &k, &grid);
    assert!(
        ok.hypothesis_violated_at.is_none() && ok.conclusion_violated_at.is_none(),
        "{ok:?}"
    );
    // γe^{1.01 Kt}: both fail, so the conclusion check can fail
    let bad = PiecewiseExp::exponential(&g, &(&k * Rational::from((101, 100))), &one, 160);
    let out = check_gronwall(&bad, &g, &k, &grid);
    assert!(out.hypothesis_violated_at.is_some(), "{out:?}");
    assert!(out.conclusion_violated_at.is_some(), "{out:?}");
    // (1.001γ)e^{Kt}: starts above γ, the hypothesis fails at t = 0, and so does the conclusion
    let high = PiecewiseExp::exponential(&Rational::from((1001, 1000)), &k, &one, 160);
    let out = check_gronwall(&high, &g, &k, &grid);
    assert_eq!(out.hypothesis_violated_at, Some(Rational::new()));
    assert_eq!(out.conclusion_violated_at, Some(Rational::new()));
}

#[test]
fn ode_functions_meet_the_hypothesis_exactly() {
    // ε′ = Kε − r with r ≥ 0: γ + K∫ε − ε = (γ − ε0) + ∫r, checked at the knots
    let k = Rational::from(2);
    let knots: Vec<Rational> = (0..=4).map(|i| Rational::from((i, 4))).collect();
    let r = vec![
        Rational::from(1),
        Rational::new(),
        Rational::from((1, 2)),
        Rational::from(3),
    ];
    let eps0 = Rational::from(2);
    let f = PiecewiseExp::from_ode(&eps0, &k, &knots, &r, 200);
    let mut int_r = Rational::new();
    for i in 1..=4 {
        int_r += Rational::from(&r[i - 1] / 4);
        let hyp = bnn_sgd_verify::rigorous::mpinterval::MpInterval::from_rational(200, &eps0)
            .add(
                &bnn_sgd_verify::rigorous::mpinterval::MpInterval::from_rational(200, &k)
                    .mul(&f.integral(&knots[i])),
            )
            .sub(&f.value(&knots[i]));
        // γ = ε0 here, so the slack is exactly ∫r
        assert!(
            hyp.contains_rational(&int_r),
            "knot {i}: {:?}",
            hyp.to_decimal(20)
        );
    }
}

// --- lemma2-use --------------------------------------------------------------------------

#[test]
fn n0_values_are_certified() {
    let one = Rational::from(1);
    assert_eq!(half_contraction_n0(1, &one, &one, &one), Some(17));
    assert_eq!(half_contraction_n0(64, &one, &one, &one), Some(1025));
    // b_n at n0 − 1 and n0 straddle 1/2: 2 sinh(1/4) > 1/2 ≥ 2 sinh(1/√17)
    assert!(2.0 * 0.25f64.sinh() > 0.5 && 2.0 * (1.0 / 17f64.sqrt()).sinh() <= 0.5);
}

#[test]
fn constants_without_d_fail_on_real_steps() {
    let f = check_lemma2_use(&StepConstants::without_d(), &ctx("lemma2-use"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    // and on simulated steps alone (d = 64, ridge loss): a step above a + b x
    let params = StdpParams {
        alpha: 1.0,
        big_a: 1.0,
        n: 2048,
        scaling: Scaling::Sqrt,
    };
    let loss = RidgeLogCosh::uniform(64, 1.0, 1.0);
    let c = simulate_step_bounds(
        &loss,
        &params,
        &StepConstants::without_d(),
        SEED,
        "lemma2-use",
        2,
    );
    assert!(c.recursion_ratio > 1.0, "{c:?}");
}

/// The constructed worst case meets the derived recursion with equality; a weakened factor
/// (sinh A_n → A_n in b, the leading-order "≈" of the correction) breaks it, and a needlessly
/// large coefficient (8 in a) is caught as a factor not shown necessary.
#[test]
fn each_factor_of_the_step_constants_is_necessary() {
    use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
    let p = 256;
    let two = MpInterval::from_int(p, 2);
    let an = MpInterval::from_rational(p, &Rational::from((1, 4)));
    let c = StepConstants::derived();
    for x in [0i64, 3, 1000] {
        let x = MpInterval::from_int(p, x);
        let w = worst_case_step(16, &two, &two, &an, &x);
        let bound =
            c.a.eval_mp(16, &two, &two, &an)
                .add(&c.b.eval_mp(16, &two, &two, &an).mul(&x));
        assert!(w.overlaps(&bound), "x = {x:?}: {w:?} vs {bound:?}");
    }
    let mut weak = StepConstants::derived();
    weak.b = Monomial {
        sinh: 0,
        an: 1,
        ..weak.b
    };
    let f = check_lemma2_use(&weak, &ctx("lemma2-use"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    assert!(
        f.note.as_deref().unwrap_or("").contains("exceeds"),
        "{f:#?}"
    );
    let mut loose = StepConstants::derived();
    loose.a = Monomial {
        coeff: 8,
        ..loose.a
    };
    let f = check_lemma2_use(&loose, &ctx("lemma2-use"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    assert!(f.note.as_deref().unwrap_or("").contains("8 → 4"), "{f:#?}");
    assert_eq!(
        StepConstants::derived().a.weakenings().len()
            + StepConstants::derived().b.weakenings().len(),
        10
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// The recursion x_ℓ ≤ a_n + b_n x_{ℓ−1} and Lemma 2's bound hold on every real step of (3.2).
    #[test]
    fn step_bounds_hold_on_real_steps(
        d in 1usize..48,
        n in 16u64..1500,
        alpha in 0.1f64..2.0,
        big_a in 0.2f64..2.0,
        which in 0u8..3,
        seed in any::<u64>(),
    ) {
        let loss: Box<dyn Loss> = match which {
            0 => Box::new(Linear::uniform(d, 1.0)),
            1 => Box::new(RidgeLogCosh::uniform(d, 1.5, 0.5)),
            _ => Box::new(SeparableLogCosh::uniform(d, 0.7, -0.3)),
        };
        let params = StdpParams { alpha, big_a, n, scaling: Scaling::Sqrt };
        let c = simulate_step_bounds(loss.as_ref(), &params, &StepConstants::derived(), seed, "lemma2-use", 1);
        prop_assert!(c.recursion_ratio <= 1.0 + 1e-12, "recursion {c:?}");
        prop_assert!(c.lemma_ratio <= 1.0 + 1e-12, "lemma {c:?}");
    }
}

// --- bias bounds -------------------------------------------------------------------------

/// Under the printed scaling A_n = A/∛n, n·sup‖C‖ of L = g·z leaves drift-limit's bracket from
/// above (it grows like n^{1/3}): the finding fails at that step, not later along paths.
#[test]
fn bias_order_fails_under_the_printed_scaling() {
    let f = check_bias_order(Scaling::Cuberoot, true, &ctx("bias-c-order"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    assert!(f.domain.starts_with("L = g·z"), "{f:#?}");
    assert!(
        f.note.as_deref().unwrap_or("").contains("leaves [1/15"),
        "{f:#?}"
    );
}

/// The bracket [1/15, 28n/(15(28n − 1))], its membership on each side, and the n it is checked
/// and shown at.
#[test]
fn the_linear_bracket_and_its_grid() {
    use bnn_sgd_verify::claims::Profile;
    use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
    for n in [1u64, 10, 1000, 1 << 40] {
        let (lo, hi) = linear_bracket(n);
        assert_eq!(lo, Rational::from((1, 15)), "n = {n}");
        let want = Rational::from(28 * n) / Rational::from(15 * (28 * n - 1));
        assert_eq!(hi, want, "n = {n}");
        // an interval strictly inside, one across each end, one beyond each end
        let at = |x: &Rational, y: &Rational| {
            MpInterval::new(rug::Float::with_val(256, x), rug::Float::with_val(256, y)).unwrap()
        };
        let mid = Rational::from(&lo + &hi) / 2u32;
        let eps = Rational::from(&hi - &lo) / 4u32;
        let inside = at(&(mid.clone() - &eps), &(mid.clone() + &eps));
        assert!(certainly_in_linear_bracket(&inside, n), "n = {n}");
        let across_lo = at(&(lo.clone() - &eps), &mid);
        let across_hi = at(&mid, &(hi.clone() + &eps));
        assert!(!certainly_in_linear_bracket(&across_lo, n), "n = {n}");
        assert!(!certainly_in_linear_bracket(&across_hi, n), "n = {n}");
        let above = at(
            &(hi.clone() + &eps),
            &(hi.clone() + Rational::from(2u32) * &eps),
        );
        assert!(!certainly_in_linear_bracket(&above, n), "n = {n}");
    }
    assert!(
        linear_bracket(0).1 < linear_bracket(0).0,
        "n = 0: an empty bracket"
    );
    let quick = linear_ns(Profile::Quick);
    assert_eq!(quick, (1..=9).map(|k| 10u64.pow(k)).collect::<Vec<_>>());
    assert_eq!(linear_ns(Profile::Standard), quick);
    assert_eq!(
        linear_ns(Profile::Full),
        (1..=15).map(|k| 10u64.pow(k)).collect::<Vec<_>>()
    );
    assert_eq!(printed_c_rate(), Rational::from((-1, 2)));
    assert!(!rate_suffices(&printed_c_rate()));
    // the evidence shows exactly the n of LINEAR_SHOWN, with G = 1 for both losses in every cell
    let f = check_bias_order(Scaling::Sqrt, true, &ctx("bias-c-order"));
    let shown: Vec<u64> = f
        .evidence
        .iter()
        .filter_map(|e| e.name.strip_prefix("L = g·z, n = "))
        .map(|r| r.split(':').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(shown, LINEAR_SHOWN.to_vec());
    let cells = values_named(&f, "paths: kinked loss");
    assert_eq!(cells.len(), 5);
    for v in cells {
        assert!(
            v.ends_with("; 1, 1"),
            "G of the kinked and the smooth loss: {v}"
        );
    }
    let printed = &f.evidence[0];
    assert!(
        printed.name.contains("n^{1/4}")
            && printed
                .value
                .starts_with("unbounded (10 at n = 10⁴, 100 at n = 10⁸)"),
        "{printed:?}"
    );
}

/// Along paths of the kinked loss sup‖C‖ reaches about 0.27 of the corrected bound: without its
/// √d the bound is exceeded at d = 64 (and the finding fails through the same path check).
#[test]
fn bias_order_bound_without_sqrt_d_fails_along_paths() {
    let f = check_bias_order(Scaling::Sqrt, false, &ctx("bias-c-order"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    assert!(f.note.as_deref().unwrap_or("").contains("kinked"), "{f:#?}");
    assert_eq!(
        check_bias_order(Scaling::Sqrt, true, &ctx("bias-c-order")).verdict,
        Verdict::Corrected
    );
}

#[test]
fn the_printed_rate_does_not_suffice() {
    assert!(!rate_suffices(&Rational::from((-1, 2))));
    assert!(rate_suffices(&Rational::from(-1)));
    assert!(!rate_suffices(&Rational::from((-999, 1000))));
}

/// The corrected bound without √d is exceeded by the kinked loss (d ≥ 16); a smooth gradient
/// refutes nothing (the gap is E W = 0); with both right the printed bound is refuted.
#[test]
fn bias_bound_without_sqrt_d_or_without_a_kink_fails() {
    let f = check_bias_sqrt_d(false, GradientShape::Kinked);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    assert!(
        f.note.as_deref().unwrap_or("").contains("correct"),
        "{f:#?}"
    );
    let f = check_bias_sqrt_d(true, GradientShape::Smooth);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    assert!(
        f.note
            .as_deref()
            .unwrap_or("")
            .contains("nothing shows it false"),
        "{f:#?}"
    );
    let f = check_bias_sqrt_d(true, GradientShape::Kinked);
    assert_eq!(f.verdict, Verdict::Corrected, "{f:#?}");
    assert!(f.domain.contains("d ∈ {16, 64, 256, 1024}"), "{}", f.domain);
}

/// E|W| two ways (closed form, rigorous Simpson), and its limit 3a/8 as a → 0.
#[test]
fn abs_mean_two_ways() {
    for a in [1.0 / 1024.0, 1.0 / 128.0, 0.25, 1.0, 3.0] {
        let (closed, quad) = coordinate_gap(GradientShape::Kinked, a);
        let lo = closed.lo().to_f64();
        let hi = closed.hi().to_f64();
        assert!(
            lo <= quad.sup() && quad.inf() <= hi,
            "a = {a}: [{lo}, {hi}] vs {quad:?}"
        );
        let ratio = (lo + hi) / 2.0 / a;
        // E|W|/a = 3/8 + O(a²), and below 1/2 (E|U|/a for the uniform) for every a
        assert!(ratio < 0.5 && ratio > 0.3, "a = {a}: {ratio}");
        if a < 0.01 {
            assert!((ratio - 0.375).abs() < 1e-4, "a = {a}: {ratio}");
        }
    }
    let (closed, quad) = coordinate_gap(GradientShape::Smooth, 0.25);
    assert!(closed.contains_zero() && quad.contains(0.0), "{quad:?}");
}

#[test]
fn step_functions_are_judged_exactly_and_a_violator_fails() {
    let (g, k) = (Rational::from(1), Rational::from((2, 3)));
    let m = 16u32;
    // the discrete extremal ε_i = γ(1 + K/m)^i meets the hypothesis with equality and stays
    // strictly below γe^{Kt} after t = 0
    let extremal: Vec<Rational> = (0..m)
        .map(|i| {
            let base = Rational::from(1) + Rational::from(&k / m);
            g.clone() * base.pow(i as i32)
        })
        .collect();
    assert_eq!(step_gronwall(&extremal, &g, &k, 128), (true, true, false));
    // 1.5·γe^{Kt} (in rationals above it): breaks the hypothesis, and the conclusion certainly
    let above: Vec<Rational> = (0..m)
        .map(|i| {
            Rational::from((3, 2))
                * (Rational::from(1) + Rational::from(&k * 2u32) / m).pow(i as i32)
        })
        .collect();
    let (hypothesis, holds, fails) = step_gronwall(&above, &g, &k, 128);
    assert!(!hypothesis && !holds && fails);
}

#[test]
fn an_understated_lipschitz_constant_is_caught() {
    // ridge log-cosh with G = 1 has λ = 1: the ratios come close to it, so λ = 1/2 would be refused
    let loss = RidgeLogCosh::uniform(5, 1.0, 0.5);
    let mut rng = bnn_sgd_verify::streams::stream(1, "lipschitz-test", 0, 0);
    let worst = largest_gradient_ratio(&loss, &mut rng, 2000);
    assert!(
        worst > 0.5 && worst <= loss.lipschitz() * (1.0 + 1e-9),
        "{worst}"
    );
}

/// sup‖C‖'s bound ακ_nλ√dA_n + α|κ_n − 2A²/3|G at α, A, λ, G ≠ 1 (the audit's paths use
/// α = A = G = 1, where a misplaced factor of them would not show), against κ_n and its excess
/// enclosed in MPFR: each term and the sum.
#[test]
fn the_corrected_c_bound_has_each_factor() {
    use bnn_sgd_verify::paper::normalizer::{drift_excess_mp, drift_mp};
    use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
    let mid = |x: MpInterval| (x.lo().to_f64() + x.hi().to_f64()) / 2.0;
    for (alpha, big_a, n, d, lambda, g) in [
        (0.5, 2.0, 1000u64, 9usize, 0.3, 0.7),
        (2.0, 0.5, 64, 16, 1.5, 3.0),
        (1.25, 3.0, 4096, 2, 0.1, 0.2),
    ] {
        let params = StdpParams {
            alpha,
            big_a,
            n,
            scaling: Scaling::Sqrt,
        };
        let a_mp = MpInterval::from_f64(256, big_a);
        let kappa = mid(drift_mp(&a_mp, n, Scaling::Sqrt));
        let excess = mid(drift_excess_mp(&a_mp, n, Scaling::Sqrt)).abs();
        let an = big_a / (n as f64).sqrt();
        for with_sqrt_d in [true, false] {
            let root = if with_sqrt_d { (d as f64).sqrt() } else { 1.0 };
            let want = alpha * kappa * lambda * root * an + alpha * excess * g;
            let got = corrected_c_bound(&params, d, lambda, g, with_sqrt_d);
            assert!(
                (got - want).abs() <= 1e-10 * want,
                "α = {alpha}, A = {big_a}, n = {n}, d = {d}, λ = {lambda}, G = {g}, √d: {with_sqrt_d}: {got} vs {want}"
            );
        }
        // the excess term alone is what separates the bound from its first term
        let first = alpha * kappa * lambda * (d as f64).sqrt() * an;
        assert!(
            corrected_c_bound(&params, d, lambda, g, true) - first > 0.5 * alpha * excess * g,
            "the excess term α|κ_n − 2A²/3|G is added"
        );
    }
}

/// A sampled gradient ratio refutes λ only above λ(1 + 1e−9) + 1e−12, and a NaN refutes it.
#[test]
fn a_lipschitz_constant_is_refuted_only_above_its_slack() {
    for lambda in [0.0, 1.0, 2.0, 0.3] {
        let edge = lambda * (1.0 + 1e-9) + 1e-12;
        assert!(!lipschitz_refuted(lambda, lambda), "λ = {lambda}");
        assert!(
            !lipschitz_refuted(edge, lambda),
            "λ = {lambda}: at the edge"
        );
        assert!(
            lipschitz_refuted(edge * (1.0 + 1e-12) + 1e-15, lambda),
            "λ = {lambda}: above the edge"
        );
        assert!(
            lipschitz_refuted(1.25 * lambda + 0.5, lambda),
            "λ = {lambda}"
        );
        assert!(
            !lipschitz_refuted(lambda * (1.0 + 5e-10), lambda),
            "λ = {lambda}"
        );
        assert!(lipschitz_refuted(f64::NAN, lambda), "λ = {lambda}");
    }
    // λ(1 + 1e−9), not λ + 1 + 1e−9 nor λ/(1 + 1e−9)
    assert!(lipschitz_refuted(2.5, 2.0));
    assert!(!lipschitz_refuted(2.0, 2.0));
}

/// The kinked loss's clip min(|t|, r) is inactive on [−A_n, A_n] iff A_n ≤ r, equality included.
#[test]
fn the_kinks_clip_is_inactive_iff_the_half_width_is_at_most_r() {
    let an = Rational::from((1, 128));
    assert!(clip_inactive(&an, &Rational::from((1, 128))));
    assert!(clip_inactive(&an, &Rational::from((1, 32))));
    assert!(!clip_inactive(&an, &Rational::from((1, 129))));
    assert!(!clip_inactive(&Rational::from(1), &Rational::from((1, 2))));
}

/// E h′_ν(y + W), W ~ f_a, by 16-point Gauss–Legendre between the kinks, against a composite
/// Simpson rule on 200 000 panels that knows nothing of them (its error at a kink is O(h²)):
/// the kinked loss (λ ≠ 1, the kink r inside [y − a, y + a] or not) and the separable log-cosh
/// (weights and centres differing by coordinate).
#[test]
fn the_shifted_mean_is_the_gradients_mean_under_the_density() {
    use bnn_sgd_verify::paper::density::pdf;
    use bnn_sgd_verify::paper::loss::KinkedSeparable;
    let rule = path_rule();
    let simpson = |h: &dyn Fn(f64) -> f64, a: f64| -> f64 {
        let m = 200_000;
        let step = 2.0 * a / m as f64;
        (0..=m)
            .map(|i| {
                let t = -a + i as f64 * step;
                let w = if i == 0 || i == m {
                    1.0
                } else if i % 2 == 1 {
                    4.0
                } else {
                    2.0
                };
                w * h(t) * pdf(a, t).unwrap()
            })
            .sum::<f64>()
            * step
            / 3.0
    };
    let kinked = KinkedSeparable {
        d: 3,
        lambda: 0.7,
        r: 0.25,
    };
    for (y, a) in [
        (0.0, 0.1),
        (0.2, 0.1),
        (-0.22, 0.05),
        (0.5, 0.1),
        (0.0, 0.4),
    ] {
        let got = shifted_mean(&kinked, 1, y, a, &rule);
        let want = simpson(&|t: f64| 0.7 * (y + t).abs().min(0.25), a);
        assert!(
            (got - want).abs() <= 1e-9 * want.abs().max(a),
            "kinked, y = {y}, a = {a}: {got} vs {want}"
        );
    }
    let smooth = SeparableLogCosh {
        w: vec![0.5, 1.5, 2.0],
        c: vec![0.3, -0.2, 0.0],
    };
    for (nu, y, a) in [(0, 0.1, 0.2), (1, -0.4, 0.3), (2, 0.05, 0.1)] {
        let (w, c) = (smooth.w[nu], smooth.c[nu]);
        let got = shifted_mean(&smooth, nu, y, a, &rule);
        let want = simpson(&|t: f64| w * (y + t - c).tanh(), a);
        assert!(
            (got - want).abs() <= 1e-10 * want.abs().max(a),
            "log-cosh, ν = {nu}, y = {y}, a = {a}: {got} vs {want}"
        );
    }
}

/// The path check's tolerance and the levelness test, at their edges.
#[test]
fn the_path_bound_and_the_levelness_at_their_edges() {
    assert!(within_c_bound(1.0, 1.0));
    assert!(within_c_bound(1.0 + 5e-10, 1.0));
    assert!(!within_c_bound(1.0 + 2e-9, 1.0));
    assert!(!within_c_bound(2.0, 1.5));
    assert!(!within_c_bound(f64::NAN, 1.0));
    assert!(!within_c_bound(1.0, f64::NAN));
    assert!(level_within_factor_two(1.0, 1.99));
    assert!(level_within_factor_two(4.0, 5.0));
    assert!(!level_within_factor_two(1.0, 2.0));
    assert!(!level_within_factor_two(1.0, 2.5));
    assert!(!level_within_factor_two(0.0, -1.0));
    assert!(!level_within_factor_two(-1.0, 5.0));
    assert!(!level_within_factor_two(f64::NAN, 1.0));
}

/// bias-c-order's path cells, recomputed: the first cell's kinked paths re-run from their own
/// streams give the evidence's max sup‖C‖, and the domain's "largest ratio" is the largest
/// sup‖C‖/bound of the evidence's cells.
#[test]
fn the_bias_order_paths_are_recomputed() {
    use bnn_sgd_verify::paper::loss::KinkedSeparable;
    use bnn_sgd_verify::rigorous::format::sci;
    use bnn_sgd_verify::streams::stream;
    let f = check_bias_order(Scaling::Sqrt, true, &ctx("bias-c-order"));
    let rule = path_rule();
    let (d, n) = (4usize, 1024u64);
    let params = StdpParams {
        alpha: 1.0,
        big_a: 1.0,
        n,
        scaling: Scaling::Sqrt,
    };
    let kinked = KinkedSeparable {
        d,
        lambda: 1.0,
        r: 0.5,
    };
    let paths = PROFILE.pick(2u64, 4, 16);
    let sup = (0..paths)
        .map(|p| {
            let mut rng = stream(SEED, "bias-c-order", (d as u64) << 32 | n, p);
            sup_c_along_path(&kinked, &params, &rule, &mut rng)
        })
        .fold(0.0f64, f64::max);
    let cell = f
        .evidence
        .iter()
        .find(|e| e.name.starts_with("d = 4, n = 1024"))
        .unwrap();
    assert!(
        cell.value.starts_with(&format!("{} (", sci(sup))),
        "{} vs {}",
        sci(sup),
        cell.value
    );
    let num = |s: &str| -> f64 { s.trim().parse().unwrap_or_else(|_| panic!("{s:?}")) };
    let mut worst = 0.0f64;
    for e in f
        .evidence
        .iter()
        .filter(|e| e.name.contains("paths: kinked"))
    {
        for part in e.value.split("; ").take(2) {
            let (s, rest) = part.split_once(" (").unwrap();
            let b = rest.split(", ").next().unwrap();
            worst = worst.max(num(s) / num(b));
        }
    }
    let printed = num(f
        .domain
        .split("largest ratio ")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap());
    assert!(
        (printed - worst).abs() <= 1.5e-3,
        "{printed} vs {worst}: {}",
        f.domain
    );
}

/// Lemma 2's evidence: about one instance in ten has b = 1; the printed form's gap to x0 + na
/// shrinks like 1/m from above (b = 1 + 1/m) and from below (b = 1 − 1/m).
/// The whole number that follows the first `marker` in `text` (up to a space or a comma).
fn number_after(text: &str, marker: &str) -> u64 {
    let rest = text
        .split_once(marker)
        .unwrap_or_else(|| panic!("{marker:?} in {text:?}"))
        .1;
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("a number after {marker:?} in {text:?}"))
}

#[test]
fn lemma2_evidence_b_near_one() {
    let f = check_lemma2(lemma2_bound_printed, &ctx("lemma2"));
    let value = |name: &str| common::evidence_value(&f, name);
    let inst = value("random exact instances");
    let count = number_after(&inst, "");
    let ones = number_after(inst.rsplit("; ").next().unwrap(), "");
    assert!(ones > 0 && ones < count / 4, "{inst}");
    let gaps: Vec<f64> = value("b = 1 + 1/m")
        .split(", ")
        .map(|g| g.parse().unwrap())
        .collect();
    assert_eq!(gaps.len(), 6);
    for (i, pair) in gaps.chunks(2).enumerate() {
        assert!(
            pair[0] > 0.0 && pair[1] < 0.0,
            "signs at m = 10^{}: {gaps:?}",
            1 + 2 * i
        );
    }
    // m = 10³ → 10⁵: the gap falls by about 100 on each side
    for side in 0..2 {
        let r = gaps[2 + side] / gaps[4 + side];
        assert!((80.0..120.0).contains(&r), "{gaps:?}");
    }
}

/// The admissibility test of the b < 0 counterexample: x_k ≤ a + b x_{k−1} at every k.
#[test]
fn admissibility_is_checked_at_every_step() {
    let r = |p: i64, q: i64| Rational::from((p, q));
    let (a, b) = (r(1, 1), r(-1, 2));
    assert!(is_admissible(&[r(0, 1), r(0, 1), r(1, 1)], &a, &b));
    // the first step breaks: x_1 = 2 > a + b·0 = 1
    assert!(!is_admissible(&[r(0, 1), r(2, 1), r(0, 1)], &a, &b));
    // only the second step breaks: x_2 = 1 > 1 + (−1/2)(1) = 1/2
    assert!(!is_admissible(&[r(0, 1), r(1, 1), r(1, 1)], &a, &b));
    // equality is admissible; b > 0 scales the previous term
    assert!(is_admissible(&[r(1, 1), r(3, 1)], &r(1, 1), &r(2, 1)));
    assert!(!is_admissible(&[r(1, 1), r(3, 1)], &r(1, 1), &r(3, 2)));
    assert!(is_admissible(&[], &a, &b) && is_admissible(&[r(5, 1)], &a, &b));
}

/// A monomial c(√d)^p α^q G^r A_n^s (sinh A_n)^t: the f64 value against the MPFR enclosure at
/// α, G, d ≠ 1 (where a misplaced factor shows), and the weakenings take out only factors that
/// are there.
#[test]
fn monomials_evaluate_and_weaken_factor_by_factor() {
    use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
    let m = Monomial {
        coeff: 4,
        sqrt_d: 2,
        alpha: 1,
        g: 2,
        an: 1,
        sinh: 1,
    };
    for (d, alpha, g, an) in [
        (9u64, 0.5, 3.0, 0.1),
        (2, 3.0, 0.25, 0.7),
        (16, 1.5, 1.5, 0.01),
    ] {
        let got = m.eval(d as f64, alpha, g, an);
        let want = 4.0 * d as f64 * alpha * g * g * an * an.sinh();
        let mp = m.eval_mp(
            d,
            &MpInterval::from_f64(128, alpha),
            &MpInterval::from_f64(128, g),
            &MpInterval::from_f64(128, an),
        );
        let (lo, hi) = (mp.lo().to_f64(), mp.hi().to_f64());
        assert!(
            (got - want).abs() <= 1e-13 * want
                && lo <= got * (1.0 + 1e-13)
                && got <= hi * (1.0 + 1e-13),
            "d = {d}, α = {alpha}, G = {g}, A_n = {an}: {got} vs {want}, [{lo}, {hi}]"
        );
    }
    let names: Vec<String> = m.weakenings().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "4 → 2",
            "d → √d",
            "without α",
            "without G",
            "sinh A_n → A_n"
        ]
    );
    let bare = Monomial {
        coeff: 1,
        sqrt_d: 0,
        alpha: 0,
        g: 0,
        an: 1,
        sinh: 0,
    };
    assert!(bare.weakenings().is_empty(), "{:?}", bare.weakenings());
    let one_each = Monomial {
        coeff: 2,
        sqrt_d: 1,
        alpha: 1,
        g: 1,
        an: 0,
        sinh: 1,
    };
    let w = one_each.weakenings();
    assert_eq!(w.len(), 5);
    assert_eq!(w[0].1.coeff, 1);
    assert_eq!(w[1].0, "√d → 1");
    assert_eq!((w[4].1.sinh, w[4].1.an), (0, 1));
}

/// The negative control's constants are the derived ones with every power of √d taken out, in
/// a_n and in b_n.
#[test]
fn the_constants_without_d_drop_d_from_both() {
    let (with, without) = (StepConstants::derived(), StepConstants::without_d());
    for (w, wo) in [(with.a, without.a), (with.b, without.b)] {
        assert!(w.sqrt_d > 0, "{w:?}");
        assert_eq!(wo, Monomial { sqrt_d: 0, ..w });
    }
}

/// The simulated steps' maxima, recomputed from the same streams: x_ℓ/(a + b x_{ℓ−1}),
/// x_ℓ(1 − b)/a (b < 1) and n·x_ℓ, and the number of steps; and the check's acceptance at its
/// edges.
#[test]
fn simulated_step_ratios_are_recomputed() {
    use bnn_sgd_verify::paper::stdp::Stdp;
    use bnn_sgd_verify::streams::stream;
    let d = 4usize;
    let loss = RidgeLogCosh::uniform(d, 1.0, 1.0);
    let params = StdpParams {
        alpha: 1.0,
        big_a: 1.0,
        n: 300,
        scaling: Scaling::Sqrt,
    };
    let consts = StepConstants::derived();
    let c = simulate_step_bounds(&loss, &params, &consts, 5, "steps-test", 3);
    let an = params.half_width();
    let a = consts.a.eval(d as f64, 1.0, loss.gradient_bound(), an);
    let b = consts.b.eval(d as f64, 1.0, loss.gradient_bound(), an);
    assert!(b < 1.0, "b = {b}");
    let (mut rec, mut lem, mut top, mut steps) = (0.0f64, 0.0f64, 0.0f64, 0u64);
    for rep in 0..3 {
        let mut rng = stream(5, "steps-test", d as u64, rep);
        let mut sim = Stdp::new(&loss, &params, &[0.0; 4], &mut rng);
        let mut prev = 0.0;
        for _ in 0..params.n {
            sim.step(&mut rng);
            let x = sim.last_step_norm();
            rec = rec.max(x / (a + b * prev));
            lem = lem.max(x * (1.0 - b) / a);
            top = top.max(x * params.n as f64);
            prev = x;
            steps += 1;
        }
    }
    let close = |u: f64, v: f64| (u - v).abs() <= 1e-12 * v.abs();
    assert!(
        close(c.recursion_ratio, rec)
            && close(c.lemma_ratio, lem)
            && close(c.max_step_times_n, top),
        "{c:?} vs {rec}, {lem}, {top}"
    );
    assert!(lem > 0.0 && c.steps == steps && steps == 900, "{c:?}");
    let at = |r: f64, l: f64| StepCheck {
        recursion_ratio: r,
        lemma_ratio: l,
        ..StepCheck::default()
    };
    assert!(at(1.0 + ROUNDING_SLACK, 1.0).within_bounds());
    assert!(!at(1.0 + 2.0 * ROUNDING_SLACK, 0.5).within_bounds());
    assert!(!at(0.5, 1.0 + 2.0 * ROUNDING_SLACK).within_bounds());
    assert!(!at(f64::NAN, 0.5).within_bounds() && !at(0.5, f64::NAN).within_bounds());
}

/// lemma2-use's evidence: n₀'s approximation 16dα²G²A² recomputed from each cell's constants,
/// and each simulated cell's loss with G = 1 and reps × n steps.
#[test]
fn lemma2_use_evidence_is_recomputed() {
    let f = check_lemma2_use(&StepConstants::derived(), &ctx("lemma2-use"));
    assert_eq!(f.verdict, Verdict::Corrected, "{f:#?}");
    let q = |s: &str| -> Rational { s.trim().parse().unwrap_or_else(|_| panic!("{s:?}")) };
    let mut cells = 0;
    for e in f.evidence.iter().filter(|e| e.name.starts_with("d = ")) {
        // "d = 64, α = 1/3, G = 1, A = 3"
        let part = |key: &str| e.name.split(key).nth(1).unwrap().split(',').next().unwrap();
        let (d, alpha, g, a) = (
            q(part("d = ")),
            q(part("α = ")),
            q(part("G = ")),
            q(part("A = ")),
        );
        let want = Rational::from(16) * d * alpha.clone() * alpha * g.clone() * g * a.clone() * a;
        let got = q(e
            .value
            .split("16dα²G²A² = ")
            .nth(1)
            .unwrap()
            .split(')')
            .next()
            .unwrap());
        assert_eq!(got, want, "{}: {}", e.name, e.value);
        cells += 1;
    }
    assert_eq!(cells, 5);
    let reps = PROFILE.pick(4u64, 16, 64);
    let mut sims = 0;
    for e in f.evidence.iter().filter(|e| e.name.contains(" loss, d = ")) {
        assert!(e.name.contains(", G = 1:"), "{}", e.name);
        let n = number_after(&e.name, "n = ");
        let steps = number_after(&e.value, "over ");
        assert_eq!(steps, reps * n, "{}", e.value);
        sims += 1;
    }
    assert_eq!(sims, 4);
}

/// gronwall's constants: for each of its three losses, K = κλ with κ = 2/3 (α = A = 1), and a
/// sampled gradient ratio that does not exceed λ.
#[test]
fn gronwall_constants_are_kappa_lambda() {
    let f = check_gronwall_claim(&ctx("gronwall"));
    let lines = values_named(&f, "K = κλ");
    assert_eq!(lines.len(), 3, "{f:#?}");
    for v in lines {
        let parts: Vec<f64> = v.split(", ").take(3).map(|x| x.parse().unwrap()).collect();
        let (lambda, worst, k) = (parts[0], parts[1], parts[2]);
        assert!((k - 2.0 / 3.0 * lambda).abs() <= 1e-6, "{v}");
        assert!(worst <= lambda * (1.0 + 1e-6), "{v}");
    }
}
