//! `stats` against independent values: published quantiles (Student t, normal, χ²), sums worked
//! by hand on small samples, and the formulas of each function's `# Formula` section evaluated
//! here apart from the library's code path.

use bnn_sgd_verify::stats::*;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:e}, want {want:e} (tolerance {tol:e})"
    );
}

fn phi(x: f64) -> f64 {
    Normal::new(0.0, 1.0).unwrap().cdf(x)
}

#[test]
fn quantiles_and_p_values_meet_the_tables() {
    // t_{0.975}(10) = 2.228139, t_{0.995}(4) = 4.604095, z_{0.995} = 2.575829, z_{0.975} = 1.959964
    close(t_quantile(0.05, 10.0), 2.228_138_85, 1e-7, "t_0.975(10)");
    close(t_quantile(0.01, 4.0), 4.604_094_87, 1e-7, "t_0.995(4)");
    close(z_quantile(0.01), 2.575_829_30, 1e-7, "z_0.995");
    close(z_quantile(0.05), 1.959_963_98, 1e-7, "z_0.975");
    close(
        t_two_sided_p(2.228_138_85, 10.0),
        0.05,
        1e-8,
        "p(t = t_0.975(10))",
    );
    close(
        t_two_sided_p(-2.228_138_85, 10.0),
        0.05,
        1e-8,
        "p is two-sided",
    );
    close(t_two_sided_p(0.0, 10.0), 1.0, 1e-15, "p(0)");
    close(z_two_sided_p(1.959_963_98), 0.05, 1e-8, "z p");
    close(z_two_sided_p(-2.575_829_30), 0.01, 1e-8, "z p, negative z");
    close(z_two_sided_p(0.0), 1.0, 1e-15, "z p(0)");
    // one-sided: P(T > t)
    close(t_upper_p(2.228_138_85, 10.0), 0.025, 1e-8, "upper p, t > 0");
    close(
        t_upper_p(-2.228_138_85, 10.0),
        0.975,
        1e-8,
        "upper p, t < 0",
    );
    close(t_upper_p(0.0, 10.0), 0.5, 1e-12, "upper p at 0");
    // χ²: the 0.95 quantile of χ²(1) is 3.841459, of χ²(4) 9.487729
    close(chi_squared_sf(3.841_458_82, 1.0), 0.05, 1e-8, "χ²(1)");
    close(chi_squared_sf(9.487_729_04, 4.0), 0.05, 1e-8, "χ²(4)");
    assert!(
        chi_squared_sf(1.0, 0.0).is_nan(),
        "df 0 has no distribution"
    );
}

#[test]
fn mean_test_by_hand() {
    // 1..5: mean 3, s² = 2.5, se = √0.5; t against 2 is √2 on 4 df
    let xs = [1.0, 2.0, 3.0, 4.0, 5.0];
    let m = mean_test(&xs, 2.0, 0.05).unwrap();
    let se = 0.5f64.sqrt();
    assert_eq!(m.n, 5);
    close(m.mean, 3.0, 1e-15, "mean");
    close(m.se, se, 1e-15, "se");
    close(m.t, 2f64.sqrt(), 1e-14, "t");
    // on 4 df, P(|T| < t) = sin θ (1 + cos²θ/2) with tan θ = t/2: at t = √2, 4/(3√3)
    close(
        m.p,
        1.0 - 4.0 / (3.0 * 3f64.sqrt()),
        1e-12,
        "p (t = √2, 4 df)",
    );
    let q = 2.776_445_105; // t_0.975(4)
    close(m.ci.0, 3.0 - q * se, 1e-8, "ci low");
    close(m.ci.1, 3.0 + q * se, 1e-8, "ci high");
    assert_eq!(
        mean_test(&[1.0], 0.0, 0.05).unwrap_err(),
        StatsError::TooFewSamples(1)
    );
    assert_eq!(
        mean_test(&[1.0, f64::NAN], 0.0, 0.05).unwrap_err(),
        StatsError::NotFinite
    );
    assert_eq!(
        mean_test(&[2.0, 2.0, 2.0], 0.0, 0.05).unwrap_err(),
        StatsError::Degenerate
    );
    // two samples are enough
    let two = mean_test(&[1.0, 3.0], 2.0, 0.05).unwrap();
    close(two.se, 1.0, 1e-15, "se of two");
    close(two.t, 0.0, 1e-15, "t of two");
}

#[test]
fn tost_is_the_larger_one_sided_p() {
    let t100 = StudentsT::new(0.0, 1.0, 100.0).unwrap();
    let m = MeanTest {
        n: 101,
        mean: 1.02,
        se: 0.01,
        ci: (0.0, 0.0),
        t: 0.0,
        p: 0.0,
    };
    // (mean − lo)/se = 7, (mean − hi)/se = −3: the upper side decides
    close(
        tost(&m, 0.95, 1.05),
        t100.cdf(-3.0),
        1e-15,
        "tost, upper side",
    );
    // (mean − lo)/se = 2, (mean − hi)/se = −8: the lower side decides
    close(tost(&m, 1.0, 1.1), t100.sf(2.0), 1e-15, "tost, lower side");
    let f = LineFit {
        n: 10,
        intercept: 0.0,
        slope: -0.48,
        slope_se: 0.01,
        df: 100.0,
    };
    close(
        tost_slope(&f, -0.55, -0.45),
        t100.cdf(-3.0),
        1e-15,
        "tost slope, upper",
    );
    close(
        tost_slope(&f, -0.5, -0.3),
        t100.sf(2.0),
        1e-15,
        "tost slope, lower",
    );
    for bad in [
        LineFit { slope_se: 0.0, ..f },
        LineFit {
            slope_se: -1.0,
            ..f
        },
        LineFit { df: 0.0, ..f },
    ] {
        assert!(tost_slope(&bad, -0.55, -0.45).is_nan(), "{bad:?}");
    }
    // the slope's interval and p-value
    let (lo, hi) = f.slope_ci(0.01);
    let q = t100.inverse_cdf(0.995);
    close(lo, -0.48 - q * 0.01, 1e-12, "ci low");
    close(hi, -0.48 + q * 0.01, 1e-12, "ci high");
    close(f.slope_p(-0.5), 2.0 * t100.sf(2.0), 1e-15, "slope p");
    close(
        f.slope_p(-0.46),
        2.0 * t100.sf(2.0),
        1e-15,
        "slope p, other side",
    );
}

#[test]
fn ols_and_its_robust_error_by_hand() {
    // x = 0..4, y = (0, 1, 1, 3, 5): x̄ = 2, ȳ = 2, Sxx = 10, Sxy = 12, slope 1.2, intercept −0.4
    let x = [0.0, 1.0, 2.0, 3.0, 4.0];
    let y = [0.0, 1.0, 1.0, 3.0, 5.0];
    let f = ols(&x, &y).unwrap();
    close(f.slope, 1.2, 1e-14, "slope");
    close(f.intercept, -0.4, 1e-14, "intercept");
    assert_eq!((f.n, f.df), (5, 3.0));
    // residuals 0.4, 0.2, −1.0, −0.2, 0.6: RSS 1.6, s² = 1.6/3, se = √(s²/10)
    let resid = [0.4, 0.2, -1.0, -0.2, 0.6];
    close(
        f.slope_se,
        (1.6f64 / 3.0 / 10.0).sqrt(),
        1e-14,
        "classical se",
    );
    // HC1: √(Σ(x − x̄)²e² · n/(n − 2)) / Sxx
    let meat: f64 = x
        .iter()
        .zip(resid)
        .map(|(a, e)| (a - 2.0) * (a - 2.0) * e * e)
        .sum();
    let r = ols_robust(&x, &y).unwrap();
    close(r.slope, 1.2, 1e-14, "robust slope");
    close(
        r.slope_se,
        (meat * 5.0 / 3.0).sqrt() / 10.0,
        1e-14,
        "HC1 se",
    );
    assert_eq!(
        ols(&x[..2], &y[..2]).unwrap_err(),
        StatsError::TooFewSamples(2)
    );
    assert_eq!(ols(&[1.0; 4], &y[..4]).unwrap_err(), StatsError::Degenerate);
    assert_eq!(
        ols(&[0.0, 1.0, f64::INFINITY], &[0.0, 1.0, 2.0]).unwrap_err(),
        StatsError::NotFinite
    );
    assert_eq!(
        ols(&[0.0, 1.0, 2.0], &[0.0, f64::NAN, 2.0]).unwrap_err(),
        StatsError::NotFinite
    );
}

#[test]
fn wls_by_hand() {
    // x = (0, 1, 2), y = (0, 2, 2), se = (1, 1, 1/2): w = (1, 1, 4), Σw = 6, x̄_w = 9/6 = 1.5,
    // ȳ_w = 10/6; Sxx = 2.25 + 0.25 + 1 = 3.5; Sxy = 1.5·(5/3) + (−0.5)(1/3) + 4·0.5·(1/3) = 3.
    let (f, chi2) = wls(&[0.0, 1.0, 2.0], &[0.0, 2.0, 2.0], &[1.0, 1.0, 0.5], 50.0).unwrap();
    let slope = 3.0 / 3.5;
    let intercept = 10.0 / 6.0 - slope * 1.5;
    close(f.slope, slope, 1e-14, "slope");
    close(f.intercept, intercept, 1e-14, "intercept");
    close(f.slope_se, (1.0f64 / 3.5).sqrt(), 1e-14, "se");
    assert_eq!((f.n, f.df), (3, 50.0));
    let chi: f64 = [(0.0, 0.0, 1.0), (1.0, 2.0, 1.0), (2.0, 2.0, 4.0)]
        .iter()
        .map(|&(x, y, w)| w * (y - intercept - slope * x) * (y - intercept - slope * x))
        .sum();
    close(chi2, chi, 1e-13, "χ²");
    assert!(chi2 > 0.1, "χ² {chi2}");
    assert_eq!(
        wls(&[0.0, 1.0], &[0.0, 1.0], &[1.0, 1.0], 5.0).unwrap_err(),
        StatsError::TooFewSamples(2)
    );
    assert_eq!(
        wls(&[0.0, 1.0, 2.0], &[0.0, 1.0, 2.0], &[1.0, -1.0, 1.0], 5.0).unwrap_err(),
        StatsError::Degenerate
    );
    assert_eq!(
        wls(&[1.0, 1.0, 1.0], &[0.0, 1.0, 2.0], &[1.0, 1.0, 1.0], 5.0).unwrap_err(),
        StatsError::Degenerate
    );
    assert_eq!(
        wls(
            &[0.0, 1.0, 2.0],
            &[0.0, 1.0, 2.0],
            &[1.0, f64::NAN, 1.0],
            5.0
        )
        .unwrap_err(),
        StatsError::NotFinite
    );
}

#[test]
fn holm_by_hand() {
    // p = (0.01, 0.04, 0.03, 0.005), m = 4: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06,
    // 0.04·1 = 0.04 → monotone 0.06
    let adj = holm(&[0.01, 0.04, 0.03, 0.005]);
    for (a, w) in adj.iter().zip([0.03, 0.06, 0.06, 0.02]) {
        close(*a, w, 1e-15, "holm");
    }
    // capped at 1, and a single test is unadjusted
    assert_eq!(holm(&[0.6, 0.7]), vec![1.0, 1.0]);
    assert_eq!(holm(&[0.2]), vec![0.2]);
    assert!(holm(&[]).is_empty());
}

#[test]
fn root_mean_square_and_its_intervals() {
    // squares (1, 4, 9, 16): m = 7.5, s² = (42.25 + 12.25 + 2.25 + 72.25)/3 = 43, se_m = √(43/4)
    let (r, se) = rms_with_se(&[1.0, 4.0, 9.0, 16.0]);
    close(r, 7.5f64.sqrt(), 1e-14, "rms");
    close(
        se,
        (43.0f64 / 4.0).sqrt() / (2.0 * 7.5f64.sqrt()),
        1e-14,
        "rms se",
    );
    assert_eq!(rms_with_se(&[0.0, 0.0, 0.0]), (0.0, 0.0));
    // the interval of the mean square, square-rooted
    let z = 2.575_829_30;
    let (lo, hi) = rms_interval(2.0, 0.1, 0.01);
    close(lo, (4.0 - z * 0.4f64).sqrt(), 1e-7, "rms interval low");
    close(hi, (4.0 + z * 0.4f64).sqrt(), 1e-7, "rms interval high");
    assert_eq!(rms_interval(1.0, 1.0, 0.01).0, 0.0, "clipped at 0");
    // and at rms = 3, where rms·rms = 9 is not rms + rms (at 2 they agree): se_m = 2·3·0.1 = 0.6
    let (lo, hi) = rms_interval(3.0, 0.1, 0.01);
    close(lo, (9.0 - z * 0.6f64).sqrt(), 1e-7, "rms interval low at 3");
    close(
        hi,
        (9.0 + z * 0.6f64).sqrt(),
        1e-7,
        "rms interval high at 3",
    );
}

#[test]
fn rms_ratio_interval_by_hand() {
    // a = (1, 3), b = (2, 2, …) would be degenerate in b; take a = (1, 3, 2), b = (2, 4, 3):
    // ā = 2, b̄ = 3, s_a² = 1, s_b² = 1, s_ab = 1
    let (a, b) = ([1.0, 3.0, 2.0], [2.0, 4.0, 3.0]);
    let (r, lo, hi) = rms_ratio_interval(&a, &b, 0.05).unwrap();
    let var = 0.25 * (1.0 / 4.0 + 1.0 / 9.0 - 2.0 / 6.0) / 3.0;
    let w = 1.959_963_98 * f64::sqrt(var);
    close(r, (2.0f64 / 3.0).sqrt(), 1e-15, "ratio");
    close(lo, r * (-w).exp(), 1e-9, "low");
    close(hi, r * w.exp(), 1e-9, "high");
    assert!(lo < r && r < hi);
    assert_eq!(
        rms_ratio_interval(&a, &b[..2], 0.05).unwrap_err(),
        StatsError::TooFewSamples(3)
    );
    assert_eq!(
        rms_ratio_interval(&a[..1], &b[..1], 0.05).unwrap_err(),
        StatsError::TooFewSamples(1)
    );
    assert_eq!(
        rms_ratio_interval(&[0.0, 0.0], &[1.0, 2.0], 0.05).unwrap_err(),
        StatsError::Degenerate
    );
    assert_eq!(
        rms_ratio_interval(&[1.0, 2.0], &[0.0, 0.0], 0.05).unwrap_err(),
        StatsError::Degenerate
    );
}

#[test]
fn power_and_sample_size_by_their_formulas() {
    let z = 2.575_829_30;
    for (delta, se) in [(0.05, 0.01), (-0.03, 0.01), (0.001, 0.01)] {
        let s: f64 = f64::abs(delta) / se;
        let want = phi(s - z) + phi(-s - z);
        close(power_two_sided(delta, se, 0.01), want, 1e-8, "power");
    }
    close(
        power_two_sided(0.0, 1.0, 0.01),
        0.01,
        1e-8,
        "power at no effect is the level",
    );
    for (d, s, l) in [
        (f64::NAN, 1.0, 0.01),
        (1.0, 0.0, 0.01),
        (1.0, -1.0, 0.01),
        (1.0, f64::INFINITY, 0.01),
        (1.0, 1.0, 0.0),
        (1.0, 1.0, 1.0),
    ] {
        assert!(power_two_sided(d, s, l).is_nan(), "({d}, {s}, {l})");
    }
    // at the lower confidence limit: |diff| − z_ci·se, floored at 0
    let smallest = 0.05 - 1.959_963_98 * 0.01;
    close(
        power_at_lower_limit(-0.05, 0.01, 0.05, 0.01),
        power_two_sided(smallest, 0.01, 0.01),
        1e-8,
        "power at the lower limit",
    );
    close(
        power_at_lower_limit(0.01, 0.01, 0.05, 0.01),
        power_two_sided(0.0, 0.01, 0.01),
        1e-12,
        "lower limit below 0",
    );
    // N = ⌈((z_{1−level/2} + z_power)σ/δ)²⌉: (2.5758 + 3.0902)·2/0.5 = 22.664 → 513.7 → 514
    let zp = 3.090_232_31; // z_0.999
    let want = ((z + zp) * 2.0f64 / 0.5).powi(2).ceil() as u64;
    assert_eq!(sample_size_for_power(2.0, 0.5, 0.01, 0.999), Ok(want));
    assert_eq!(sample_size_for_power(2.0, -0.5, 0.01, 0.999), Ok(want));
    assert_eq!(want, 514);
    for (s, d, l, p) in [
        (1.0, 0.0, 0.01, 0.9),
        (0.0, 1.0, 0.01, 0.9),
        (-1.0, 1.0, 0.01, 0.9),
        (1.0, 1.0, 0.0, 0.9),
        (1.0, 1.0, 1.0, 0.9),
        (1.0, 1.0, 0.01, 0.0),
        (1.0, 1.0, 0.01, 1.0),
    ] {
        assert_eq!(
            sample_size_for_power(s, d, l, p),
            Err(StatsError::Degenerate),
            "({s}, {d}, {l}, {p})"
        );
    }
    assert_eq!(
        sample_size_for_power(f64::NAN, 1.0, 0.01, 0.9),
        Err(StatsError::NotFinite)
    );
    assert_eq!(
        sample_size_for_power(1.0, 1e-300, 0.01, 0.9),
        Err(StatsError::NotFinite)
    );
    // the cap: N ≤ 2⁶³ is a count, N above it is refused (not saturated to u64::MAX). No f64 x
    // has fl(x·x) = 2⁶³ (the neighbours of √2⁶³ square to 2⁶³ ± 2048), so the largest N below
    // and the smallest above are the edge: δ stepped an ulp at a time from σz/√2⁶³
    let (sigma, level, power) = (1.0, 0.01, 0.9);
    let zsum = z_quantile(level) + z_quantile(2.0 * (1.0 - power));
    let n_of = |d: f64| (zsum * sigma / d).powi(2).ceil();
    let cap = 2f64.powi(63);
    let start = zsum * sigma / cap.sqrt();
    let (mut below, mut above) = (start, start);
    while n_of(below) >= cap {
        below = below.next_up();
    }
    while n_of(above) <= cap {
        above = above.next_down();
    }
    assert!(cap - n_of(below) <= 4096.0 && n_of(above) - cap <= 4096.0);
    assert_eq!(
        sample_size_for_power(sigma, below, level, power),
        Ok(n_of(below) as u64),
        "δ = {below:e}, N = {:e}",
        n_of(below)
    );
    assert_eq!(
        sample_size_for_power(sigma, above, level, power),
        Err(StatsError::NotFinite),
        "δ = {above:e}, N = {:e}",
        n_of(above)
    );
    // N ≈ 1.5·2⁶⁴, far below f64's range but above u64's
    assert_eq!(
        sample_size_for_power(
            sigma,
            zsum * sigma / (1.5 * 2f64.powi(64)).sqrt(),
            level,
            power
        ),
        Err(StatsError::NotFinite)
    );
}

#[test]
fn kolmogorov_smirnov_on_a_uniform_grid() {
    // the midpoints (i + ½)/n of [0, 1] are at sup distance ½/n from the uniform cdf
    let n = 200;
    let data: Vec<f64> = (0..n).map(|i| (i as f64 + 0.5) / n as f64).collect();
    let (d, p) = ks_one_sample(data, (0.0, 1.0), &|x| x.clamp(0.0, 1.0));
    close(d, 0.5 / n as f64, 1e-12, "D");
    assert!(p > 0.99, "p {p}");
    // the same points against a shifted cdf are rejected
    let data: Vec<f64> = (0..n).map(|i| (i as f64 + 0.5) / n as f64).collect();
    let (d, p) = ks_one_sample(data, (0.0, 1.0), &|x| (x * x).clamp(0.0, 1.0));
    close(d, 0.25, 0.01, "D against x²");
    assert!(p < 1e-6, "p {p}");
    let (d, p) = ks_one_sample(vec![0.1, f64::NAN, 0.3], (0.0, 1.0), &|x| x);
    assert!(
        d.is_nan() && p.is_nan(),
        "a NaN in the data is never a pass"
    );
}

#[test]
fn errors_read_as_one_line() {
    assert_eq!(
        StatsError::TooFewSamples(1).to_string(),
        "too few samples (1)"
    );
    assert_eq!(StatsError::NotFinite.to_string(), "a sample is not finite");
    assert_eq!(
        StatsError::Degenerate.to_string(),
        "degenerate data (zero variance)"
    );
}

#[test]
fn relative_difference_is_relative_to_the_reference_and_nan_where_undefined() {
    use bnn_sgd_verify::stats::{agrees_relatively, relative_difference};
    assert_eq!(relative_difference(3.0, 2.0), 0.5);
    assert_eq!(relative_difference(1.0, 2.0), 0.5);
    assert_eq!(relative_difference(-3.0, -2.0), 0.5);
    assert_eq!(relative_difference(2.0, 4.0), 0.5); // not |x − r|/|x| = 1
    assert_eq!(relative_difference(5.0, 5.0), 0.0);
    for (x, r) in [
        (1.0, 0.0),
        (f64::NAN, 1.0),
        (1.0, f64::INFINITY),
        (f64::INFINITY, 1.0),
    ] {
        let d = relative_difference(x, r);
        assert!(d.is_nan(), "{x}, {r}: {d}");
        assert!(
            !agrees_relatively(x, r, 1.0),
            "{x}, {r}: a NaN must fail a tolerance"
        );
    }
    assert!(agrees_relatively(3.0, 2.0, 0.5) && !agrees_relatively(3.0, 2.0, 0.4999));
    assert!(agrees_relatively(2.0, 2.0, 0.0) && !agrees_relatively(2.0 + 1e-15, 2.0, 0.0));
}

// Moved from the library's unit tests, so that the mutation group `stats` needs one target.
#[test]
fn the_upper_p_value_is_one_sided() {
    assert!((t_upper_p(0.0, 10.0) - 0.5).abs() < 1e-12);
    for t in [0.3, 1.7, 4.0] {
        assert!(
            (t_upper_p(t, 20.0) + t_upper_p(-t, 20.0) - 1.0).abs() < 1e-12,
            "t = {t}"
        );
    }
    // a large positive t rejects, a large negative one never does
    assert!(t_upper_p(5.0, 100.0) < 1e-5);
    assert!(t_upper_p(-5.0, 100.0) > 0.99999);
}

#[test]
fn holm_keeps_a_nan_and_counts_it() {
    let adj = holm(&[0.01, f64::NAN, 0.02]);
    assert!(adj[1].is_nan());
    assert!(
        (adj[0] - 0.03).abs() < 1e-15 && (adj[2] - 0.04).abs() < 1e-15,
        "{adj:?}"
    );
}

#[test]
fn holm_matches_hand_computation() {
    let adj = holm(&[0.01, 0.04, 0.03, 0.005]);
    // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → max(0.06, 0.04) = 0.06
    let want = [0.03, 0.06, 0.06, 0.02];
    for (a, w) in adj.iter().zip(want) {
        assert!((a - w).abs() < 1e-12, "{adj:?}");
    }
}

#[test]
fn ols_recovers_a_line_and_its_interval_covers() {
    let x: Vec<f64> = (0..20).map(|i| i as f64).collect();
    let y: Vec<f64> = x
        .iter()
        .map(|v| 1.0 - 0.5 * v + if (*v as i32) % 2 == 0 { 0.1 } else { -0.1 })
        .collect();
    let f = ols(&x, &y).unwrap();
    let (lo, hi) = f.slope_ci(0.05);
    assert!(lo < -0.5 && -0.5 < hi, "{f:?}");
    assert!(f.slope_p(-0.25) < 1e-10);
}

#[test]
fn wls_matches_closed_forms_and_its_interval_covers() {
    // noiseless points: the line exactly, χ² = 0, and se = √(1/Σw(x − x̄_w)²) by hand
    let x = [1.0, 2.0, 4.0];
    let se = [1.0, 0.5, 2.0];
    let y: Vec<f64> = x.iter().map(|v| 3.0 + 2.0 * v).collect();
    let (f, chi2) = wls(&x, &y, &se, 100.0).unwrap();
    assert!(
        (f.slope - 2.0).abs() < 1e-12 && (f.intercept - 3.0).abs() < 1e-12,
        "{f:?}"
    );
    assert!(chi2.abs() < 1e-20);
    // w = (1, 4, 1/4), Σw = 21/4, x̄_w = (1 + 8 + 1)/(21/4) = 40/21,
    // Σw(x − x̄_w)² = Σw x² − Σw·x̄_w² = (1 + 16 + 4) − (21/4)(40/21)² = 21 − 400/21
    let want_se = (1.0f64 / (21.0 - 400.0 / 21.0)).sqrt();
    assert!(
        (f.slope_se - want_se).abs() < 1e-14,
        "{} vs {want_se}",
        f.slope_se
    );
    // residuals of ±1 se around y = 1 − x/2
    let x: Vec<f64> = (0..10).map(|i| i as f64).collect();
    let se: Vec<f64> = x.iter().map(|v| 0.1 * (1.0 + v)).collect();
    let y: Vec<f64> = (0..10)
        .map(|i| 1.0 - 0.5 * x[i] + if i % 2 == 0 { se[i] } else { -se[i] })
        .collect();
    let (f, chi2) = wls(&x, &y, &se, 1000.0).unwrap();
    let (lo, hi) = f.slope_ci(0.01);
    assert!(lo < -0.5 && -0.5 < hi, "{f:?}");
    assert!(f.slope_p(-0.2) < 1e-6, "{f:?}");
    // the fit minimises χ², which is 10 at the true line
    assert!(chi2 > 1.0 && chi2 <= 10.0 + 1e-9, "χ² = {chi2}");
    assert!(wls(&x, &y, &[0.0; 10], 10.0).is_err());
}

#[test]
fn t_test_and_tost() {
    let xs: Vec<f64> = (0..1000)
        .map(|i| 1.0 + ((i * 7919) % 1000) as f64 / 1000.0 - 0.4995)
        .collect();
    let m = mean_test(&xs, 1.0, 0.05).unwrap();
    assert!(m.p > 0.5, "{m:?}");
    assert!(tost(&m, 0.95, 1.05) < 1e-6);
    assert!(mean_test(&xs, 1.1, 0.05).unwrap().p < 1e-10);
}

#[test]
fn power_and_sample_size_agree() {
    // N from the formula gives at least the power asked for, N − a few percent less
    let (sigma, delta, level) = (1.3, 0.0345, 0.01 / 64.0);
    let n = sample_size_for_power(sigma, delta, level, 0.999).unwrap();
    let se = |n: u64| sigma / (n as f64).sqrt();
    assert!(power_two_sided(delta, se(n), level) >= 0.999);
    assert!(power_two_sided(delta, se(n * 9 / 10), level) < 0.999);
    // zero effect: the power is the level
    let w = power_two_sided(0.0, 1.0, 0.05);
    assert!((w - 0.05).abs() < 1e-8, "{w}"); // statrs's inverse cdf is accurate to about 1e-9
    assert!(power_two_sided(1.0, 0.0, 0.05).is_nan());
    assert_eq!(
        sample_size_for_power(1.0, 0.0, 0.05, 0.9),
        Err(StatsError::Degenerate)
    );
    assert_eq!(
        sample_size_for_power(f64::NAN, 1.0, 0.05, 0.9),
        Err(StatsError::NotFinite)
    );
    // textbook: σ = δ, level 0.05, power 0.8 → (1.96 + 0.8416)² = 7.85 → 8
    assert_eq!(sample_size_for_power(1.0, 1.0, 0.05, 0.8), Ok(8));
}

/// The slope of y on x with weights w, in exact rational arithmetic on the f64 data (the
/// reference): Σw(x − x̄_w)(y − ȳ_w) / Σw(x − x̄_w)².
fn exact_slope(x: &[f64], y: &[f64], w: &[f64]) -> f64 {
    use rug::Rational;
    let q = |v: f64| Rational::from_f64(v).expect("finite");
    let sw = w.iter().map(|&v| q(v)).sum::<Rational>();
    let mean = |v: &[f64]| {
        v.iter()
            .zip(w)
            .map(|(&a, &b)| q(a) * q(b))
            .sum::<Rational>()
            / &sw
    };
    let (mx, my) = (mean(x), mean(y));
    let (mut sxx, mut sxy) = (Rational::new(), Rational::new());
    for ((&a, &b), &wi) in x.iter().zip(y).zip(w) {
        let (da, db) = (q(a) - &mx, q(b) - &my);
        sxx += q(wi) * Rational::from(&da * &da);
        sxy += q(wi) * da * db;
    }
    (sxy / sxx).to_f64()
}

#[test]
fn line_fits_are_accurate_far_from_the_origin() {
    // centred sums: Σw(x − x̄)(y − ȳ) loses nothing to an offset of x or y, where Σw(x + x̄)(y − ȳ)
    // (equal in exact arithmetic, since Σw(y − ȳ) = 0) multiplies the rounding of Σw(y − ȳ) by 2x̄
    let x: Vec<f64> = (0..20).map(|i| 1e8 + 0.1 * i as f64).collect();
    let y: Vec<f64> = (0..20)
        .map(|i| 1000.0 + 0.05 * i as f64 + 0.01 * (i % 3) as f64)
        .collect();
    let want = exact_slope(&x, &y, &[1.0; 20]);
    // weights 1/se² exact in binary (se = 1/2, 1, 2), so the reference has the same weights
    let se: Vec<f64> = (0..20).map(|i| [0.5, 1.0, 2.0][i % 3]).collect();
    let w: Vec<f64> = se.iter().map(|s| 1.0 / (s * s)).collect();
    let want_w = exact_slope(&x, &y, &w);
    let wls_slope = wls(&x, &y, &se, 100.0).map(|(f, _)| f);
    for (what, f, want) in [
        ("ols", ols(&x, &y), want),
        ("ols_robust", ols_robust(&x, &y), want),
        ("wls", wls_slope, want_w),
    ] {
        let got = f.unwrap().slope;
        assert!(
            ((got - want) / want).abs() < 1e-12,
            "{what} at x = 1e8 + 0.1 i: slope {got:e}, exact {want:e}"
        );
    }
}

#[test]
fn rms_ratio_interval_is_accurate_far_from_the_origin() {
    // the centred sums Σ(a − ā)², Σ(b − b̄)², Σ(a − ā)(b − b̄) at means 10⁶ and spreads of a few
    // units (uncentred, e.g. Σ(a + ā)(a − ā), they are equal in exact arithmetic): the delta
    // method's variance from exact rational arithmetic on the same f64 data (the reference);
    // the half-widths agree to 1e−9, each uncentred sum is 3e−6 to 6e−6 off, and ā·ā → ā + ā
    // (equal at the hand test's ā = 2) a factor 850
    use rug::Rational;
    let u = |i: usize| ((i * 7) % 11) as f64 - 5.0;
    let a: Vec<f64> = (0..20).map(|i| 1e6 + u(i)).collect();
    let b: Vec<f64> = (0..20)
        .map(|i| 1e6 + ((i * 3) % 7) as f64 - 3.0 + 0.5 * u(i))
        .collect();
    let q = |v: f64| Rational::from_f64(v).expect("finite");
    let n = Rational::from(a.len());
    let ma = a.iter().map(|&v| q(v)).sum::<Rational>() / &n;
    let mb = b.iter().map(|&v| q(v)).sum::<Rational>() / &n;
    let (mut vaa, mut vbb, mut vab) = (Rational::new(), Rational::new(), Rational::new());
    for (&x, &y) in a.iter().zip(&b) {
        let (dx, dy) = (q(x) - &ma, q(y) - &mb);
        vaa += Rational::from(&dx * &dx);
        vbb += Rational::from(&dy * &dy);
        vab += dx * dy;
    }
    let k = Rational::from(a.len() - 1);
    let kaa = &k * Rational::from(&ma * &ma);
    let kbb = &k * Rational::from(&mb * &mb);
    let kab = &k * Rational::from(&ma * &mb);
    let var: Rational = (vaa / kaa + vbb / kbb - vab * 2u32 / kab) / 4u32 / &n;
    let w_exact = z_quantile(0.05) * var.to_f64().sqrt();
    let (r, lo, hi) = rms_ratio_interval(&a, &b, 0.05).unwrap();
    for (what, w) in [("upper", (hi / r).ln()), ("lower", -(lo / r).ln())] {
        assert!(
            ((w - w_exact) / w_exact).abs() < 1e-8,
            "{what} half-width {w:e}, exact {w_exact:e}"
        );
    }
}
