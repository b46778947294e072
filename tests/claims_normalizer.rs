//! §A of claims.md: each claim reaches its expected verdict, and each check fails on a
//! deliberately wrong variant of its statement (the negative controls).

use bnn_sgd_verify::claims::drift::*;
use bnn_sgd_verify::claims::normalizer::*;
use bnn_sgd_verify::claims::{find, Finding, Verdict};
use bnn_sgd_verify::paper::normalizer::drift_mp;
use bnn_sgd_verify::paper::normalizer::{m_coefficient, Scaling};
use bnn_sgd_verify::rigorous::exppoly::ExpPoly;
use bnn_sgd_verify::rigorous::format::interval_string;
use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
use rug::ops::Pow;
use rug::{Integer, Rational};

mod common;
use common::{ctx, PROFILE, SEED};

fn run(id: &str) -> Finding {
    find(id)
        .unwrap_or_else(|| panic!("{id} registered"))
        .run(PROFILE, SEED)
}

fn assert_verdict(f: &Finding, want: Verdict, what: &str) {
    assert_eq!(f.verdict, want, "{what}: {f:#?}");
}

#[test]
fn expected_verdicts() {
    for (id, want) in [
        ("c-closed-form", Verdict::Proved),
        ("c-taylor", Verdict::Proved),
        ("m-series", Verdict::Proved),
        ("drift-limit", Verdict::Proved),
        ("scaling-3.3", Verdict::Corrected),
    ] {
        let f = run(id);
        assert_verdict(&f, want, id);
        assert!(!f.domain.is_empty(), "{id} states a domain");
        assert!(!f.evidence.is_empty(), "{id} has evidence");
    }
    let s = run("scaling-3.3");
    assert!(s.correction.as_deref().unwrap().contains("n^{−1/2}"));
    let d = run("drift-limit");
    assert!(d.note.as_deref().unwrap().contains("O(1/n)"));
    // the grid at quick: A ∈ {1/10, 1/2, 1, 2, 5} × 8 values of n, every one inside the bounds
    assert!(
        d.evidence
            .iter()
            .any(|e| e.value == "40 points (A, n), 40 of them also by the exact series"),
        "{:#?}",
        d.evidence
    );
}

/// A lower constant above 1/15 is caught by the grid first (an enclosure leaves the bounds),
/// before the proof's own test; a domain holding no grid point proves nothing.
#[test]
fn drift_grid_catches_a_wrong_bound_and_refuses_an_empty_grid() {
    let claim = DriftBoundClaim {
        lower: Rational::from((1, 14)),
        ..DriftBoundClaim::sharp(Scaling::Sqrt)
    };
    let f = check_drift_limit(&claim, &ctx("drift-limit"));
    assert_eq!(f.verdict, Verdict::Failed);
    assert_eq!(
        f.note.as_deref(),
        Some("an enclosure leaves the bounds"),
        "{f:#?}"
    );
    let claim = DriftBoundClaim {
        a_max: Rational::from((1, 20)),
        ..DriftBoundClaim::sharp(Scaling::Sqrt)
    };
    let f = check_drift_limit(&claim, &ctx("drift-limit"));
    assert_eq!(f.verdict, Verdict::Failed);
    assert!(
        f.note.as_deref().unwrap_or("").contains("no grid point"),
        "{f:#?}"
    );
}

// --- c-closed-form -----------------------------------------------------------------------

#[test]
fn closed_form_with_a_flipped_sign_fails() {
    // 2a(e^{2a} − 1) + 2 − 2e^{2a}
    let wrong = ExpPoly::new(&[(2, 1, 1, 2), (-2, 1, 1, 0), (2, 1, 0, 0), (-2, 1, 0, 2)]);
    let f = check_closed_form(&wrong, &ctx("c-closed-form"));
    assert_verdict(&f, Verdict::Failed, "flipped sign");
    assert!(f.note.unwrap().contains("coefficient of a^1"));
}

#[test]
fn closed_form_with_a_wrong_constant_fails() {
    // 2a(e^{2a}+1) + 3 − 2e^{2a}: differs only in the constant term
    let wrong = ExpPoly::new(&[(2, 1, 1, 2), (2, 1, 1, 0), (3, 1, 0, 0), (-2, 1, 0, 2)]);
    assert_verdict(
        &check_closed_form(&wrong, &ctx("c-closed-form")),
        Verdict::Failed,
        "wrong constant",
    );
}

#[test]
fn a_closed_form_wrong_beyond_the_compared_coefficients_fails_symbolically() {
    // the printed form plus a^81: its Taylor coefficients agree up to a^80, the function differs
    let mut wrong = printed_closed_form();
    wrong
        .terms
        .extend(ExpPoly::new(&[(1, 1, EXACT_DEGREE as i32 + 1, 0)]).terms);
    let f = check_closed_form(&wrong, &ctx("c-closed-form"));
    assert_verdict(&f, Verdict::Failed, "+ a^81");
    assert!(f.note.unwrap().contains("exponential polynomials"));
}

#[test]
fn the_two_forms_of_m_agree_symbolically_and_a_typo_does_not() {
    assert!(drift_constant_form()
        .sub(&drift_constant_hyperbolic_form())
        .is_identically_zero());
    // 2cosh a − sinh(a)/a: a factor 2 dropped
    let typo = ExpPoly::new(&[(1, 1, 0, 1), (1, 1, 0, -1), (-1, 2, -1, 1), (1, 2, -1, -1)]);
    assert!(!drift_constant_form().sub(&typo).is_identically_zero());
    // the degree argument: both forms have (m+1)!·[a^m] of degree ≤ 1 per parity
    assert_eq!(
        drift_constant_form().coefficient_polynomial_degree(),
        Some(1)
    );
    assert_eq!(
        drift_constant_hyperbolic_form().coefficient_polynomial_degree(),
        Some(1)
    );
    // e^{2a} is outside the argument (2^m is no polynomial)
    assert_eq!(printed_closed_form().coefficient_polynomial_degree(), None);
}

#[test]
fn the_symbolic_integral_is_the_printed_form() {
    let p = printed_closed_form();
    let w = defining_integral();
    assert!(p.sub(&w).is_identically_zero());
    for m in 0..=EXACT_DEGREE {
        assert_eq!(p.taylor_coefficient(m), w.taylor_coefficient(m), "a^{m}");
    }
    assert_eq!(
        p.exact_value_at(&Rational::from(1)),
        Some(Rational::from(4))
    );
    assert_eq!(p.exact_value_at(&Rational::from(2)), None);
}

// --- c-taylor ----------------------------------------------------------------------------

#[test]
fn taylor_with_zero_cubic_coefficient_fails() {
    // "C/(2a) = 2a²/3 + O(a⁴)": false, the a³ coefficient is 2/3
    let claim = TaylorClaim {
        order: 4,
        ..TaylorClaim::paper()
    };
    let f = check_taylor(&claim, &ctx("c-taylor"));
    assert_verdict(&f, Verdict::Failed, "O(a⁴)");
    assert!(
        f.evidence.iter().any(|e| e.name == "counterexample"),
        "a certified counterexample: {f:#?}"
    );
}

#[test]
fn taylor_with_wrong_leading_coefficient_fails() {
    let claim = TaylorClaim {
        leading: Rational::from((1, 3)),
        ..TaylorClaim::paper()
    };
    assert_verdict(
        &check_taylor(&claim, &ctx("c-taylor")),
        Verdict::Failed,
        "leading 1/3",
    );
}

#[test]
fn taylor_with_too_small_remainder_constant_fails() {
    // R(1) = 4/3 exactly, so the constant 1 is refuted at a = 1
    let claim = TaylorClaim {
        bound: Rational::from(1),
        ..TaylorClaim::paper()
    };
    let f = check_taylor(&claim, &ctx("c-taylor"));
    assert_verdict(&f, Verdict::Failed, "bound 1");
    // and just above the sharp constant on a longer range it needs more: on (0, 2] 4/3 fails
    let claim = TaylorClaim {
        a_max: Rational::from(2),
        ..TaylorClaim::paper()
    };
    assert_verdict(
        &check_taylor(&claim, &ctx("c-taylor")),
        Verdict::Failed,
        "range (0, 2]",
    );
}

#[test]
fn taylor_on_a_longer_range_with_its_own_constant_holds() {
    // R(a)/a³ ≤ R(2)/8 on (0, 2]: proved with the interval value at a = 2 (not exact there)
    let claim = TaylorClaim {
        a_max: Rational::from(2),
        bound: Rational::from((3267, 1000)), // R(2)/8 = (C(2)/4 − 8/3)/8 ≈ 3.26655
        ..TaylorClaim::paper()
    };
    assert_verdict(
        &check_taylor(&claim, &ctx("c-taylor")),
        Verdict::Proved,
        "(0, 2] with 3.267",
    );
}

#[test]
fn taylor_refuted_at_the_top_of_the_range_names_the_exact_supremum() {
    // R(1)/1³ = 4/3 exactly, so the bound 1 is refuted by the supremum itself, not by the grid
    let claim = TaylorClaim {
        bound: Rational::from(1),
        ..TaylorClaim::paper()
    };
    let f = check_taylor(&claim, &ctx("c-taylor"));
    assert_verdict(&f, Verdict::Failed, "bound 1");
    let note = f.note.clone().unwrap_or_default();
    assert!(
        note.contains("sup R(a)/a^3 over the range exceeds the bound 1"),
        "{f:#?}"
    );
    let sup = f
        .evidence
        .iter()
        .find(|e| e.name == "sup of R(a)/a^3 (at a = 1)");
    assert_eq!(
        sup.map(|e| e.value.as_str()),
        Some("4/3 exactly (C(1) = 4 exactly)"),
        "{f:#?}"
    );
}

#[test]
fn taylor_counterexample_lies_in_the_range() {
    // leading 1/2: R(a) = a²/6 + 2a³/3 + …, so R(a)/a³ > 10 first at a = 1/64 on a = 2^−k
    // (1/(6a) + 2/3 + … is 6.0 at 1/32, 11.3 at 1/64); a counterexample beyond a_max is none
    let claim = TaylorClaim {
        leading: Rational::from((1, 2)),
        bound: Rational::from(10),
        ..TaylorClaim::paper()
    };
    let f = check_taylor(&claim, &ctx("c-taylor"));
    assert_verdict(&f, Verdict::Failed, "leading 1/2");
    let ce = f.evidence.iter().find(|e| e.name == "counterexample");
    assert!(
        ce.is_some_and(|e| e.value.starts_with("a = 1/64:")),
        "the first certified counterexample on a = 2^−k is a = 1/64: {f:#?}"
    );
}

#[test]
fn taylor_at_order_two_with_a_vanishing_coefficient_holds() {
    // 0·a² ≤ R(a) ≤ (4/3)a² on (0, 1]: the coefficient of a^order is 0 (not negative), and the
    // monotonicity argument still applies; R(1) = 4/3 exactly
    let claim = TaylorClaim {
        order: 2,
        ..TaylorClaim::paper()
    };
    let f = check_taylor(&claim, &ctx("c-taylor"));
    assert_verdict(&f, Verdict::Proved, "order 2, bound 4/3");
    assert!(f.domain.contains("0·a^2 ≤"), "{f:#?}");
    // a coefficient that is negative does stop it: leading 1 at order 2 (a² coefficient −1/3)
    let claim = TaylorClaim {
        leading: Rational::from(1),
        order: 2,
        bound: Rational::from(10),
        ..TaylorClaim::paper()
    };
    let f = check_taylor(&claim, &ctx("c-taylor"));
    assert_verdict(&f, Verdict::Failed, "order 2, leading 1");
    assert!(f.note.unwrap_or_default().contains("a^2 is negative"));
}

/// R(1/2)/(1/2)³ between exact rationals: R(a) = Σ_{j≥3} 2^j (j−1)/(j+1)! a^j, so R(1/2) =
/// Σ_{j≥3} (j−1)/(j+1)!, whose terms fall by a factor < 1/2 (j/((j−1)(j+2))), so the tail after
/// j = N is below twice the next term. Independent of the suite's coefficient code.
fn taylor_sup_at_one_half() -> (Rational, Rational) {
    let term = |j: u32| {
        Rational::from((
            Integer::from(j - 1),
            Integer::from(Integer::factorial(j + 1)),
        ))
    };
    let n = 70;
    let sum: Rational = (3..=n).map(term).sum();
    let tail = term(n + 1) * 2u32;
    (Rational::from(&sum * 8u32), (sum + tail) * 8u32)
}

#[test]
fn taylor_on_half_the_range_is_proved_within_1e_minus_40_of_its_sharp_constant() {
    // a_max = 1/2: C(1/2) is transcendental, so the supremum is enclosed by intervals; a bound
    // 1e−40 above the exact series' upper end is proved, 1e−40 below its lower end refuted. The
    // grid runs on a = g/2, g ∈ (0, 1]: a grid reaching beyond 1/2 would see R(a)/a³ above it.
    let (lo, hi) = taylor_sup_at_one_half();
    let eps = Rational::from((1, Integer::from(10).pow(40)));
    let claim = |bound: Rational| TaylorClaim {
        a_max: Rational::from((1, 2)),
        bound,
        ..TaylorClaim::paper()
    };
    let f = check_taylor(&claim(hi.clone() + &eps), &ctx("c-taylor"));
    assert_verdict(&f, Verdict::Proved, "sharp constant + 1e−40 on (0, 1/2]");
    let f = check_taylor(&claim(lo.clone() - &eps), &ctx("c-taylor"));
    assert_verdict(&f, Verdict::Failed, "sharp constant − 1e−40 on (0, 1/2]");
    assert!(f.note.unwrap_or_default().contains("exceeds the bound"));
    assert!(
        (hi - lo) < eps,
        "the series' enclosure is narrower than the margin"
    );
}

#[test]
fn taylor_grid_rejects_a_point_certainly_outside_either_bound() {
    let points: Vec<Rational> = (0..=30)
        .map(|k| Rational::from((1, Integer::from(1) << k)))
        .collect();
    let paper = TaylorClaim::paper();
    let two_thirds = Rational::from((2, 3));
    let ok = taylor_grid(&paper, &two_thirds, &points).expect("the true bounds hold on the grid");
    assert_eq!(ok.name, "largest relative enclosure width");
    // the running maximum of the widths: positive (a broken maximum reports its start, 0) and
    // within the 1e−30 the domain states
    let width: f64 = ok.value.parse().expect("a decimal width");
    assert!(width > 1e-40 && width <= 1e-30, "width {width}");
    // a lower coefficient 1 > 2/3: R(a)/a³ → 2/3 as a → 0, certainly below 1 there
    let low = taylor_grid(&paper, &Rational::from(1), &points).expect_err("lower bound 1");
    assert!(low.contains("outside [1, 4/3]"), "{low}");
    // an upper bound 1 < 4/3 = R(1)
    let high = TaylorClaim {
        bound: Rational::from(1),
        ..TaylorClaim::paper()
    };
    let up = taylor_grid(&high, &two_thirds, &points).expect_err("upper bound 1");
    assert!(up.starts_with("at a = 1:"), "{up}");
}

// --- m-series ----------------------------------------------------------------------------

#[test]
fn m_series_with_even_factorials_fails() {
    fn wrong(k: usize) -> Rational {
        // 4k/(2k)! instead of 4k/(2k+1)!
        if k == 0 {
            Rational::new()
        } else {
            Rational::from((
                Integer::from(4 * k),
                Integer::from(Integer::factorial(2 * k as u32)),
            ))
        }
    }
    assert_verdict(
        &check_m_series(wrong, &ctx("m-series")),
        Verdict::Failed,
        "4k/(2k)!",
    );
}

#[test]
fn m_series_with_one_wrong_coefficient_fails() {
    fn wrong(k: usize) -> Rational {
        // 1/12 for a⁴ instead of 1/15; every other coefficient right
        if k == 2 {
            Rational::from((1, 12))
        } else {
            m_coefficient(k)
        }
    }
    let f = check_m_series(wrong, &ctx("m-series"));
    assert_verdict(&f, Verdict::Failed, "a⁴ coefficient 1/12");
    assert!(f.note.unwrap().contains("a^4"));
}

#[test]
fn the_coefficient_argument_refuses_poles_and_counts_its_checked_coefficients() {
    let m = drift_constant_hyperbolic_form();
    assert_eq!(
        coefficient_argument(&[&drift_constant_form(), &m]),
        Ok((1, 40)),
        "degree ≤ 1 (the a⁻¹ terms), 80/2 coefficients per parity"
    );
    // a pole in either form is refused (cosh(a)/a = 1/a + a/2 + …)
    let pole = ExpPoly::new(&[(1, 2, -1, 1), (1, 2, -1, -1)]);
    for forms in [[&pole, &m], [&m, &pole]] {
        let why = coefficient_argument(&forms).expect_err("a pole");
        assert_eq!(why, "a closed form of m has a pole at 0");
    }
    // a^p alone: degree p + 1, coefficients checked per parity ⌊(80 − p)/2⌋; p = 25 gives
    // 27 = 26 + 1 points for a polynomial of degree 26 (enough), p = 26 gives 27 for 27 (not)
    let a25 = ExpPoly::new(&[(1, 1, 25, 0)]);
    assert_eq!(coefficient_argument(&[&a25]), Ok((26, 27)));
    let a26 = ExpPoly::new(&[(1, 1, 26, 0)]);
    assert_eq!(
        coefficient_argument(&[&a26]),
        Err("27 checked coefficients per parity cannot fix a polynomial of degree 27".into())
    );
    let e2 = ExpPoly::new(&[(1, 1, 0, 2)]);
    assert_eq!(
        coefficient_argument(&[&e2]),
        Err("a closed form of m has an exponent beyond ±a".into())
    );
}

// --- drift-limit -------------------------------------------------------------------------

#[test]
fn drift_bound_under_the_printed_scaling_fails() {
    let f = check_drift_limit(
        &DriftBoundClaim::sharp(Scaling::Cuberoot),
        &ctx("drift-limit"),
    );
    assert_verdict(&f, Verdict::Failed, "cuberoot");
}

#[test]
fn drift_upper_bound_without_the_geometric_factor_fails() {
    let claim = DriftBoundClaim {
        geometric_den: None,
        ..DriftBoundClaim::sharp(Scaling::Sqrt)
    };
    assert_verdict(
        &check_drift_limit(&claim, &ctx("drift-limit")),
        Verdict::Failed,
        "no factor",
    );
}

#[test]
fn drift_upper_bound_with_29_fails() {
    // 1/(1 − s/29) is a hair too small: the s² coefficient 1/420 − 1/435 is positive
    let claim = DriftBoundClaim {
        geometric_den: Some(29),
        ..DriftBoundClaim::sharp(Scaling::Sqrt)
    };
    assert_verdict(
        &check_drift_limit(&claim, &ctx("drift-limit")),
        Verdict::Failed,
        "R = 29",
    );
}

#[test]
fn drift_lower_bound_too_large_fails() {
    let claim = DriftBoundClaim {
        lower: Rational::from((1, 14)),
        ..DriftBoundClaim::sharp(Scaling::Sqrt)
    };
    assert_verdict(
        &check_drift_limit(&claim, &ctx("drift-limit")),
        Verdict::Failed,
        "1/14",
    );
}

#[test]
fn drift_bound_beyond_its_range_fails() {
    // A = 6 > √28: at n = 1 the factor 1 − A²/28 is negative, no bound there
    let claim = DriftBoundClaim {
        a_max: Rational::from(6),
        ..DriftBoundClaim::sharp(Scaling::Sqrt)
    };
    assert_verdict(
        &check_drift_limit(&claim, &ctx("drift-limit")),
        Verdict::Failed,
        "A up to 6",
    );
}

// --- scaling-3.3 -------------------------------------------------------------------------

#[test]
fn divergence_and_convergence_certificates_discriminate() {
    assert!(certify_divergence(Scaling::Cuberoot).is_ok());
    assert!(
        certify_divergence(Scaling::Sqrt).is_err(),
        "√ must not look divergent"
    );
    assert!(certify_convergence(Scaling::Sqrt, &ctx("scaling-3.3")).is_ok());
    assert!(
        certify_convergence(Scaling::Cuberoot, &ctx("scaling-3.3")).is_err(),
        "∛ must not look convergent"
    );
}

#[test]
fn the_all_n_lower_bound_needs_the_right_coefficients() {
    assert!(lower_bound_for_all_n(m_coefficient).is_ok());
    // 4k/(2k)! (a misprinted series): the a² coefficient is 2, not 2/3
    let wrong = |k: usize| {
        Rational::from((
            4 * k as u64,
            Integer::from(Integer::factorial(2 * k as u32)),
        ))
    };
    assert!(lower_bound_for_all_n(wrong)
        .unwrap_err()
        .contains("not 2/3"));
    // a negative a⁶ coefficient breaks the sign argument
    let negative = |k: usize| {
        if k == 3 {
            Rational::from(-1)
        } else {
            m_coefficient(k)
        }
    };
    assert!(lower_bound_for_all_n(negative).unwrap_err().contains("a^6"));
}

// --- drift-limit: the proof's guards, the bounds' end, the figure, the divergence rows ---

fn claim(lower: (u32, u32), geometric_den: Option<u64>, a_max: u32) -> DriftBoundClaim {
    DriftBoundClaim {
        scaling: Scaling::Sqrt,
        lower: Rational::from(lower),
        geometric_den,
        a_max: Rational::from(a_max),
    }
}

/// Each guard of the proof refuses its own wrong statement, with its own reason (the
/// grid catches most of them first, so only here is each guard seen alone).
#[test]
fn each_guard_of_the_drift_proof_names_its_reason() {
    assert!(drift_proof(&claim((1, 15), Some(28), 5)).is_ok());
    let cases = [
        (claim((1, 14), Some(28), 5), "exceeds p₀"),
        (
            claim((1, 16), Some(28), 5),
            "needs the constant 1/15 exactly",
        ),
        (claim((1, 15), None, 5), "without the factor"),
        (claim((1, 15), Some(29), 5), "coefficient of s^1"),
        (claim((1, 15), Some(27), 6), "must be below R"),
        (claim((1, 15), Some(28), 6), "must be below R"),
    ];
    for (c, why) in cases {
        let e = drift_proof(&c).expect_err(why);
        assert!(e.contains(why), "{c:?}: {e}");
    }
    // R = 27 < 28 is weaker than needed and proved (the brackets only get more negative)
    assert!(drift_proof(&claim((1, 15), Some(27), 5)).is_ok());
    let mut cube = claim((1, 15), Some(28), 5);
    cube.scaling = Scaling::Cuberoot;
    assert!(drift_proof(&cube)
        .unwrap_err()
        .contains("only for A_n = A/√n"));
}

/// Where 1 − s/R reaches 0 (A²/n = R) there is no upper bound, not a division by zero.
#[test]
fn the_upper_bound_ends_where_its_factor_does() {
    let c = claim((1, 15), Some(28), 20);
    let (lower, upper) = drift_bounds(&c, &Rational::from(14), 7);
    assert_eq!(lower, Rational::from(14).pow(4) / 7u32 / 15u32);
    assert!(upper.is_none());
    let (_, upper) = drift_bounds(&c, &Rational::from(14), 8);
    // s = 196/8: 1 − s/28 = 1/8
    assert_eq!(upper, Some(Rational::from(14).pow(4) / 8u32 / 15u32 * 8u32));
}

/// The figure draws what the check proves: n(κ_n − 2/3) inside the bracket (its gap to the
/// upper curve O(1/n²): (1/15)/28² − 4·4/9! ≈ 4.1e−5 per 1/n²), κ_n under A/√n equal to
/// 2/3 plus that excess over n, and κ_n under A/∛n above (2/3)n^{1/3}.
#[test]
fn the_kappa_figure_draws_the_proved_bracket() {
    let f = kappa_figure("k");
    let xy = |p: usize, s: usize| -> Vec<(f64, f64)> {
        f.panels[p].series[s]
            .points
            .iter()
            .map(|q| (q.x, q.y))
            .collect()
    };
    let (sqrt, cube, lower) = (xy(0, 0), xy(0, 1), xy(0, 2));
    let (excess, upper) = (xy(1, 0), xy(1, 2));
    assert_eq!(sqrt.len(), 25);
    assert_eq!((sqrt[0].0, sqrt[1].0, sqrt[24].0), (1.0, 3.0, 1e12));
    assert!(sqrt.windows(2).all(|w| w[1].0 > w[0].0));
    for i in 0..25 {
        let n = sqrt[i].0;
        assert!(
            // the points are f64 roundings of 256-bit enclosures: a few ulps of slack
            excess[i].1 >= 1.0 / 15.0 * (1.0 - 1e-14) && excess[i].1 <= upper[i].1 * (1.0 + 1e-14),
            "n = {n}: {} outside [1/15, {}]",
            excess[i].1,
            upper[i].1
        );
        let gap = upper[i].1 - excess[i].1;
        assert!(gap.abs() <= 1e-4 / (n * n) + 1e-15, "n = {n}: gap {gap}");
        let from_excess = 2.0 / 3.0 + excess[i].1 / n;
        assert!((sqrt[i].1 - from_excess).abs() <= 1e-15, "n = {n}");
        assert!(cube[i].1 >= lower[i].1 && lower[i].1 > 0.0, "n = {n}");
    }
}

/// The divergence's evidence rows are those of A = 1, as their names say.
#[test]
fn the_divergence_evidence_is_that_of_a_equal_to_one() {
    let ev = certify_divergence(Scaling::Cuberoot).unwrap();
    assert_eq!(ev.len(), SCALING_N.len());
    let one = MpInterval::from_int(256, 1);
    for (e, &n) in ev.iter().zip(&SCALING_N) {
        assert!(
            e.name.starts_with(&format!("A = 1, n = {n}:")),
            "{}",
            e.name
        );
        let k = interval_string(&drift_mp(&one, n, Scaling::Cuberoot), 10);
        assert!(e.value.starts_with(&k), "n = {n}: {} against {k}", e.value);
    }
}

/// The second paths run on their whole grids (a grid emptied would pass on nothing): 40 points
/// at quick for c-closed-form, m-series and c-taylor.
#[test]
fn the_second_paths_run_on_forty_points() {
    for id in ["c-closed-form", "m-series"] {
        let f = run(id);
        assert!(f.domain.contains("at 40 points"), "{id}: {}", f.domain);
        // the widths the domain states are the largest of the grid's, not a start value
        let w: f64 = f
            .evidence
            .iter()
            .find(|e| e.name == "largest relative enclosure width")
            .map(|e| e.value.parse().expect("a number"))
            .expect("the width's evidence");
        assert!(w > 0.0 && w <= 1e-30, "{id}: width {w}");
    }
    // Gauss–Legendre's deviation is the grid's largest, below 1e−30 and not a start value 0
    let c = run("c-closed-form");
    let q: f64 = c
        .evidence
        .iter()
        .find(|e| {
            e.name
                .starts_with("largest relative deviation of Gauss–Legendre")
        })
        .and_then(|e| e.value.split(' ').next()?.parse().ok())
        .expect("the quadrature's evidence");
    assert!(q > 0.0 && q <= 1e-30, "deviation {q}");
    let t = run("c-taylor");
    let e = t
        .evidence
        .iter()
        .find(|e| e.name.starts_with("grid points where the closed form"))
        .expect("the grid's evidence");
    assert_eq!(e.value, "40", "{t:#?}");
}

/// Three paths agree only if every pair of their enclosures overlaps: one path off by more
/// than its width breaks it, whichever pair it is.
#[test]
fn pairwise_overlap_needs_every_pair() {
    let iv = |lo: f64, hi: f64| {
        MpInterval::new(rug::Float::with_val(64, lo), rug::Float::with_val(64, hi))
            .expect("lo ≤ hi")
    };
    let (a, b, c) = (iv(0.0, 2.0), iv(1.0, 3.0), iv(1.5, 1.8));
    assert!(pairwise_overlap(&[&a, &b, &c]));
    let far = iv(2.5, 4.0);
    for xs in [
        [&a, &b, &far],
        [&far, &a, &b],
        [&a, &far, &c],
        [&c, &b, &far],
    ] {
        let shown: Vec<String> = xs.iter().map(|x| format!("{x:?}")).collect();
        assert!(!pairwise_overlap(&xs), "{shown:?}");
    }
    assert!(pairwise_overlap(&[&a]) && pairwise_overlap(&[]));
}

/// The numerics figure shows what its caption says: on a ∈ [1e−10, 10] (89 points, 8 per
/// decade) the printed closed form in f64 loses every digit below a = 1e−6 and is accurate from
/// a = 1 on, while the suite's f64 path is accurate everywhere.
#[test]
fn the_numerics_figure_shows_the_printed_form_losing_its_digits() {
    let f = numerics_figure("c", &printed_closed_form());
    let xy = |s: usize| -> Vec<(f64, f64)> {
        f.panels[0].series[s]
            .points
            .iter()
            .map(|q| (q.x, q.y))
            .collect()
    };
    let (printed, suite) = (xy(0), xy(1));
    assert_eq!(printed.len(), 89);
    let (a0, a1) = (printed[0].0, printed[88].0);
    assert!(
        (a0 / 1e-10 - 1.0).abs() < 1e-12 && (a1 / 10.0 - 1.0).abs() < 1e-12,
        "{a0} {a1}"
    );
    for w in printed.windows(2) {
        assert!(
            (w[1].0 / w[0].0 / 10f64.powf(0.125) - 1.0).abs() < 1e-12,
            "{w:?}"
        );
    }
    for (&(a, e_printed), &(b, e_suite)) in printed.iter().zip(&suite) {
        assert_eq!(a, b);
        assert!(
            e_suite <= 1e-14,
            "a = {a}: the suite's path has error {e_suite}"
        );
        if a <= 1e-6 {
            assert!(e_printed >= 1.0, "a = {a}: printed error {e_printed}");
        }
        if a >= 1.0 {
            assert!(e_printed <= 1e-13, "a = {a}: printed error {e_printed}");
        }
    }
}

#[test]
fn the_quadrature_guard_fails_above_1e_minus_30_and_passes_at_it() {
    // through a correct quadrature (≈ 1e−60 off) the guard is never reached: test it alone
    let at = |x: f64| quadrature_evidence(&rug::Float::with_val(53, x), 240);
    let above = at(2e-30).expect_err("2e−30 is above the threshold");
    assert!(
        above.starts_with("Gauss–Legendre deviates from the closed form by 2"),
        "{above}"
    );
    assert!(above.ends_with("e-30"), "{above}");
    for x in [1e-30, 3e-61, 0.0] {
        let e = at(x).unwrap_or_else(|why| panic!("deviation {x:e}: {why}"));
        assert_eq!(
            e.name, "largest relative deviation of Gauss–Legendre (≤ nodes)",
            "{x:e}"
        );
        assert!(e.value.ends_with(" (240 nodes)"), "{x:e}: {}", e.value);
        let shown: f64 = e.value.split(' ').next().unwrap().parse().unwrap();
        assert!(shown >= x && shown <= x * 1.01, "{x:e}: {}", e.value);
    }
}
