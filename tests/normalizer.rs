//! The normalizer C(a), the drift constant m(a) and κ_n in every arithmetic: f64 in ulps against
//! MPFR, inari and exact-series enclosures against MPFR intervals, quadrature against the closed
//! form. Every assertion prints its inputs.

use bnn_sgd_verify::paper::normalizer::*;
use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
use bnn_sgd_verify::rigorous::precision::DecimalEnclosure;
use inari::Interval;
use proptest::prelude::*;
use rug::ops::Pow;
use rug::{Float, Rational};

/// The f64 ulp of the exact value x (subnormal spacing below the normal range).
fn ulp_of(x: &Float) -> Float {
    let x = x.clone().abs();
    let e = x.get_exp().expect("nonzero finite") - 1; // x ∈ [2^e, 2^{e+1})
    let e = e.max(-1022);
    Float::with_val(64, 1) << (e - 52)
}

/// |got − exact| in ulps of the exact value.
fn ulp_error(got: f64, exact: &Float) -> f64 {
    if exact.is_zero() {
        return if got == 0.0 { 0.0 } else { f64::INFINITY };
    }
    let diff = Float::with_val(256, got) - exact;
    (diff.abs() / ulp_of(exact)).to_f64()
}

/// The exact value of a quantity at an f64 argument, to far beyond f64 precision.
fn exact_c(a: f64) -> Float {
    let q = Rational::from_f64(a).unwrap();
    normalizer_to_digits(&q, 40).unwrap().mid()
}
fn exact_m(a: f64) -> Float {
    let q = Rational::from_f64(a).unwrap();
    drift_constant_to_digits(&q, 40).unwrap().mid()
}
fn exact_kappa(big_a: f64, n: u64, s: Scaling) -> Float {
    let q = Rational::from_f64(big_a).unwrap();
    drift_to_digits(&q, n, s, 40).unwrap().mid()
}

/// a = 2^e with e uniform: covers subnormal a up to the overflow threshold.
fn log_uniform(lo_exp: f64, hi_exp: f64) -> impl Strategy<Value = f64> {
    (lo_exp..hi_exp).prop_map(|e: f64| e.exp2())
}

const MAX_ULP: f64 = 4.0;

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn normalizer_f64_within_4_ulp(a in log_uniform(-1074.0, 8.45)) {
        let got = normalizer(a).unwrap();
        let err = ulp_error(got, &exact_c(a));
        prop_assert!(err <= MAX_ULP, "C({a:e}) = {got:e}: {err} ulp");
    }

    #[test]
    fn drift_constant_f64_within_4_ulp(a in log_uniform(-1074.0, 9.47)) {
        let got = drift_constant(a).unwrap();
        let err = ulp_error(got, &exact_m(a));
        prop_assert!(err <= MAX_ULP, "m({a:e}) = {got:e}: {err} ulp");
    }

    #[test]
    fn drift_sqrt_f64_within_4_ulp(big_a in log_uniform(-40.0, 6.0), n_exp in 0.0f64..60.0) {
        let n = n_exp.exp2() as u64;
        let got = drift(big_a, n, Scaling::Sqrt).unwrap();
        let err = ulp_error(got, &exact_kappa(big_a, n, Scaling::Sqrt));
        prop_assert!(err <= MAX_ULP, "κ_n(A = {big_a:e}, n = {n}) = {got:e}: {err} ulp");
    }

    #[test]
    fn drift_cuberoot_f64_within_4_ulp(big_a in log_uniform(-40.0, 6.0), n_exp in 0.0f64..60.0) {
        let n = n_exp.exp2() as u64;
        let got = drift(big_a, n, Scaling::Cuberoot).unwrap();
        let err = ulp_error(got, &exact_kappa(big_a, n, Scaling::Cuberoot));
        prop_assert!(err <= MAX_ULP, "κ_n^∛(A = {big_a:e}, n = {n}) = {got:e}: {err} ulp");
    }
}

/// A deterministic sweep that reports the largest ulp error of each f64 function (run with
/// `--nocapture` to read it); the same ≤ 4 ulp bound.
#[test]
fn ulp_sweep_reports_maxima() {
    let sweep = |lo: f64, hi: f64, k: usize| -> Vec<f64> {
        (0..k)
            .map(|i| (lo + (hi - lo) * i as f64 / (k - 1) as f64).exp2())
            .collect()
    };
    let mut worst = [(0.0f64, 0.0f64); 4];
    for a in sweep(-1074.0, 8.45, 4000) {
        let e = ulp_error(normalizer(a).unwrap(), &exact_c(a));
        if e > worst[0].0 {
            worst[0] = (e, a);
        }
        if a < 709.0 {
            let e = ulp_error(drift_constant(a).unwrap(), &exact_m(a));
            if e > worst[1].0 {
                worst[1] = (e, a);
            }
        }
    }
    for a in sweep(-30.0, 5.0, 60) {
        for n in [
            1u64,
            2,
            3,
            7,
            10,
            1000,
            12345,
            1 << 20,
            1_000_000_007,
            1 << 40,
        ] {
            for (slot, s) in [(2, Scaling::Sqrt), (3, Scaling::Cuberoot)] {
                let e = ulp_error(drift(a, n, s).unwrap(), &exact_kappa(a, n, s));
                if e > worst[slot].0 {
                    worst[slot] = (e, a * n as f64);
                }
            }
        }
    }
    let names = ["C(a)", "m(a)", "κ_n (sqrt)", "κ_n (cuberoot)"];
    for (name, (e, at)) in names.iter().zip(worst) {
        println!("max ulp error of {name}: {e:.3} (at {at:e})");
        assert!(e <= MAX_ULP, "{name}: {e} ulp at {at:e}");
    }
}

/// The trap the paper's closed form sets: in f64 it is 0 at a = 1e−8 and 2e−4 off at a = 1e−4.
/// The check can fail: the naive formula is far outside 4 ulp where ours is inside.
#[test]
fn naive_closed_form_fails_the_ulp_check() {
    let naive = |a: f64| 2.0 * a * ((2.0 * a).exp() + 1.0) + 2.0 - 2.0 * (2.0 * a).exp();
    assert_eq!(naive(1e-8), 0.0);
    let rel = |a: f64| {
        let ex = exact_c(a).to_f64();
        ((naive(a) - ex) / ex).abs()
    };
    assert!(rel(1e-4) > 1e-5, "naive relative error {}", rel(1e-4));
    assert!(ulp_error(naive(1e-3), &exact_c(1e-3)) > 1e6);
    assert!(ulp_error(normalizer(1e-3).unwrap(), &exact_c(1e-3)) <= MAX_ULP);
}

/// The f64 functions refuse what they cannot answer.
#[test]
fn f64_errors() {
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(normalizer(bad).is_err(), "C({bad})");
        assert!(drift_constant(bad).is_err(), "m({bad})");
        assert!(drift(bad, 10, Scaling::Sqrt).is_err(), "κ({bad})");
    }
    assert_eq!(
        drift(1.0, 0, Scaling::Sqrt),
        Err(NormalizerError::ZeroSteps)
    );
    assert!(matches!(
        normalizer(400.0),
        Err(NormalizerError::Overflow(_))
    ));
    assert!(matches!(
        drift_constant(710.0),
        Err(NormalizerError::Overflow(_))
    ));
    // just below the thresholds the values are finite
    assert!(normalizer(351.0).unwrap().is_finite());
    assert!(drift_constant(709.7).unwrap().is_finite());
}

/// Two paths: inari's enclosure (series near 0, closed form above) and the MPFR interval.
#[test]
fn inari_and_mpfr_enclosures_overlap() {
    for i in 0..200 {
        let a = (-30.0 + 35.0 * i as f64 / 199.0).exp2();
        let ai = Interval::try_from((a, a)).unwrap();
        let q = Rational::from_f64(a).unwrap();
        for (name, inari, mp) in [
            (
                "C",
                normalizer_inari(ai),
                normalizer_to_digits(&q, 30).unwrap(),
            ),
            (
                "m",
                drift_constant_inari(ai),
                drift_constant_to_digits(&q, 30).unwrap(),
            ),
        ] {
            assert!(!inari.is_empty(), "{name}({a:e}): empty inari enclosure");
            let lo = Float::with_val(53, inari.inf());
            let hi = Float::with_val(53, inari.sup());
            assert!(
                lo <= *mp.hi() && *mp.lo() <= hi,
                "{name}({a:e}): inari [{}, {}] vs MPFR {:?}",
                inari.inf(),
                inari.sup(),
                mp.to_decimal(20)
            );
            // inari is near-tight: relative width below 1e−13
            assert!(
                inari.wid() / inari.inf() < 1e-13,
                "{name}({a:e}) width {}",
                inari.wid()
            );
        }
    }
}

/// Two paths: the exact rational series with its tail bound, and the MPFR closed form.
#[test]
fn exact_series_and_closed_form_overlap() {
    for (num, den) in [
        (1, 1_000_000),
        (1, 1000),
        (1, 10),
        (1, 2),
        (1, 1),
        (3, 1),
        (8, 1),
        (20, 1),
    ] {
        let a = Rational::from((num, den));
        let series = normalizer_rational(&a, 200).unwrap();
        let closed = normalizer_to_digits(&a, 50).unwrap();
        assert!(series.to_mp(400).overlaps(&closed), "C({num}/{den})");
        let series_m = drift_constant_rational(&a, 200).unwrap();
        let closed_m = drift_constant_to_digits(&a, 50).unwrap();
        assert!(series_m.to_mp(400).overlaps(&closed_m), "m({num}/{den})");
    }
    // κ_n − 2A²/3, exact series against the interval closed form
    for (a, n) in [(1, 1u64), (1, 1000), (3, 7), (5, 1), (1, 1 << 50)] {
        let big_a = Rational::from(a);
        let ex = drift_excess_rational(&big_a, n, 200).unwrap();
        let mp = drift_excess_to_digits(&big_a, n, Scaling::Sqrt, 40).unwrap();
        assert!(ex.to_mp(400).overlaps(&mp), "excess A = {a}, n = {n}");
    }
}

/// The exact values C(1) = 4 and m(1) = 2/e: an independent anchor for the enclosures.
#[test]
fn anchors() {
    let c1 = normalizer_to_digits(&Rational::from(1), 60).unwrap();
    assert!(
        c1.contains_rational(&Rational::from(4)),
        "{:?}",
        c1.to_decimal(30)
    );
    let m1 = drift_constant_to_digits(&Rational::from(1), 60).unwrap();
    let two_over_e = Float::with_val(400, -1).exp() * 2u32;
    assert!(
        *m1.lo() <= two_over_e && two_over_e <= *m1.hi(),
        "{:?}",
        m1.to_decimal(30)
    );
    // C(1/2) = 3 − e
    let c_half = normalizer_to_digits(&Rational::from((1, 2)), 60).unwrap();
    let three_minus_e = Float::with_val(400, 3) - Float::with_val(400, 1).exp();
    assert!(*c_half.lo() <= three_minus_e && three_minus_e <= *c_half.hi());
}

/// The third path: Gauss–Legendre on the defining integral agrees with the closed form.
#[test]
fn quadrature_agrees_with_closed_form() {
    for a in [1e-6, 0.01, 0.3, 1.0, 2.5, 8.0] {
        let q = normalizer_quadrature(&Float::with_val(53, a), 200);
        let exact = normalizer_to_digits(&Rational::from_f64(a).unwrap(), 50)
            .unwrap()
            .mid();
        let rel = (Float::with_val(200, &q.value - &exact) / &exact).abs();
        assert!(rel < 1e-50, "a = {a}: rel {rel} after {} nodes", q.nodes);
    }
}

/// The two closed forms in MPFR intervals enclose the same numbers; a wrong form does not.
#[test]
fn hyperbolic_form_and_a_wrong_form() {
    let a = MpInterval::from_rational(300, &Rational::from((7, 10)));
    assert!(normalizer_mp(&a).overlaps(&normalizer_mp_hyperbolic(&a)));
    // negative control: 2a(e^{2a} − 1) + 2 − 2e^{2a} (a sign flipped) is disjoint
    let two = MpInterval::from_int(300, 2);
    let one = MpInterval::from_int(300, 1);
    let e2a = two.mul(&a).exp();
    let wrong = two
        .mul(&a)
        .mul(&e2a.sub(&one))
        .add(&two)
        .sub(&two.mul(&e2a));
    assert!(!wrong.overlaps(&normalizer_mp(&a)));
}

/// `enclose_to_digits` meets its width, and outward decimal rounding keeps the value inside.
#[test]
fn digits_contract() {
    for d in [1u64, 5, 30, 200, 2000] {
        let x = normalizer_to_digits(&Rational::from((1, 10)), d).unwrap();
        let target = Float::with_val(64, 10).pow(-(d as i32));
        assert!(x.rel_width() <= target, "digits {d}");
        let de = DecimalEnclosure::from_interval(&x, d);
        let lo = Float::with_val(x.prec() + 64, Float::parse(&de.lo).unwrap());
        let hi = Float::with_val(x.prec() + 64, Float::parse(&de.hi).unwrap());
        assert!(
            lo <= *x.lo() && *x.hi() <= hi,
            "digits {d}: decimal strings do not contain"
        );
        let rel = Float::with_val(x.prec() + 64, &hi - &lo) / &lo;
        assert!(rel <= target, "digits {d}: decimal width {}", rel.to_f64());
    }
    assert_eq!(
        normalizer_to_digits(&Rational::from(1), 0),
        Err(NormalizerError::Digits(0))
    );
    assert_eq!(
        normalizer_to_digits(&Rational::from(1), MAX_DIGITS + 1),
        Err(NormalizerError::Digits(MAX_DIGITS + 1))
    );
    assert!(matches!(
        normalizer_to_digits(&Rational::from(0), 10),
        Err(NormalizerError::NonPositive(_))
    ));
}

/// 10000 digits in well under a second (release and test profiles are optimised).
#[test]
fn ten_thousand_digits_quickly() {
    let t = std::time::Instant::now();
    let x = normalizer_to_digits(&Rational::from((1, 2)), 10_000).unwrap();
    let k = drift_excess_to_digits(&Rational::from(1), 1_000_000, Scaling::Sqrt, 10_000).unwrap();
    let dt = t.elapsed().as_secs_f64();
    println!("C(1/2) and κ_n − 2/3 (n = 10^6) at 10000 digits: {dt:.3} s");
    assert!(x.rel_width() <= Float::with_val(64, 10).pow(-10_000));
    assert!(k.certainly_positive());
    assert!(dt < 1.0, "took {dt} s");
}
