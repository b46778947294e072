//! The density f_a of the ν-th coordinate of V^ν (proof of Theorem 1).
//!
//! # Formula
//! `f_a(x) = C(a)^{−1}(e^a − e^x)(e^a − e^{−x}) = (cosh a − cosh x)/(a·m(a))` on [−a, a], since
//! `e^{−a}(e^a − e^x)(e^a − e^{−x}) = 2cosh a − 2cosh x` and `e^{−a}C(a) = 2a·m(a)`.
//! Cancellation-free: `cosh a − cosh x = 2 sinh((a+x)/2) sinh((a−x)/2)`.
//! - cdf `F(x) = (cosh a·(x + a) − sinh x − sinh a)/(a·m(a))`;
//! - even moments `E V^{2k} = S_k(a)/(a·m(a))`, `S_k(a) = ∫_{−a}^{a} x^{2k}(cosh a − cosh x)dx
//!   = Σ_{j≥1} 4j a^{2k+2j+1}/((2j)!(2k+1)(2k+2j+1))`, a positive series;
//! - `E V² = (a³cosh a/3 − (a²+2)sinh a + 2a cosh a)/(a cosh a − sinh a) = a²/5 + O(a⁴)`.
//!
//! The sampler draws by rejection from Unif[−a, a]: accept x with probability
//! `(cosh a − cosh x)/(cosh a − 1) = sinh((a+x)/2) sinh((a−x)/2)/sinh²(a/2)`.

use super::normalizer::{drift_constant, drift_constant_mp, NormalizerError};
use crate::rigorous::mpinterval::MpInterval;
use crate::rigorous::series::PositiveSeries;
use rand::RngExt;
use rug::ops::Pow;
use rug::{Integer, Rational};

fn check(a: f64, x: Option<f64>) -> Result<(), NormalizerError> {
    if !a.is_finite() || x.is_some_and(|x| !x.is_finite()) {
        return Err(NormalizerError::NotFinite);
    }
    if a <= 0.0 {
        return Err(NormalizerError::NonPositive(format!("{a}")));
    }
    Ok(())
}

/// f_a(x) in f64 (0 outside [−a, a]).
///
/// # Errors
/// a ≤ 0, non-finite a or x, overflow of m(a).
pub fn pdf(a: f64, x: f64) -> Result<f64, NormalizerError> {
    check(a, Some(x))?;
    if x.abs() >= a {
        return Ok(0.0);
    }
    let num = 2.0 * (0.5 * (a + x)).sinh() * (0.5 * (a - x)).sinh();
    Ok(num / (a * drift_constant(a)?))
}

/// F(x) = P(V ≤ x) in f64. For a ≤ 1 through the variable t = x/a and the series of
/// a·f_a(at) in a², which avoids the cancellation of the closed form.
///
/// # Errors
/// As [`pdf`].
pub fn cdf(a: f64, x: f64) -> Result<f64, NormalizerError> {
    check(a, Some(x))?;
    if x <= -a {
        return Ok(0.0);
    }
    if x >= a {
        return Ok(1.0);
    }
    // symmetric: compute on the left half, where the value is small and accurate
    if x > 0.0 {
        return cdf(a, -x).map(|f| 1.0 - f);
    }
    if a <= 1.0 {
        // F = Σ_k a^{2k}/(2k)! · [(t+1) − (t^{2k+1} + 1)/(2k+1)] / m(a)
        let t = x / a;
        let mut num = 0.0;
        let mut ak = 1.0;
        let mut fact = 1.0;
        let mut tk = t; // t^{2k+1}
        for k in 1..=12 {
            ak *= a * a;
            fact *= ((2 * k - 1) * (2 * k)) as f64;
            tk *= t * t;
            let bracket = (t + 1.0) - (tk + 1.0) / (2 * k + 1) as f64;
            num += ak / fact * bracket;
        }
        Ok((num / drift_constant(a)?).clamp(0.0, 1.0))
    } else {
        let num = a.cosh() * (x + a) - x.sinh() - a.sinh();
        Ok((num / (a * drift_constant(a)?)).clamp(0.0, 1.0))
    }
}

/// F^{−1}(p) by bisection on the monotone cdf (to the last bit of f64).
///
/// # Errors
/// As [`pdf`], and p outside [0, 1].
pub fn inverse_cdf(a: f64, p: f64) -> Result<f64, NormalizerError> {
    check(a, None)?;
    if !(0.0..=1.0).contains(&p) {
        return Err(NormalizerError::NonPositive(format!(
            "probability {p} outside [0, 1]"
        )));
    }
    let (mut lo, mut hi) = (-a, a);
    for _ in 0..200 {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        if cdf(a, mid)? < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo + (hi - lo) / 2.0)
}

/// One draw of V ~ f_a by rejection from Unif[−a, a] (acceptance rate → 2/3 as a → 0).
pub fn sample<R: rand::Rng>(a: f64, rng: &mut R) -> f64 {
    let s2 = (0.5 * a).sinh().powi(2);
    loop {
        let x = super::stdp::uniform_noise(rng, a);
        let accept = (0.5 * (a + x)).sinh() * (0.5 * (a - x)).sinh() / s2;
        if rng.random::<f64>() < accept {
            return x;
        }
    }
}

/// E V² in f64 by the series for a ≤ 1 and the closed form above.
///
/// # Errors
/// As [`pdf`].
pub fn second_moment(a: f64) -> Result<f64, NormalizerError> {
    check(a, None)?;
    if a <= 1.0 {
        // E V² = a² · (S_1/a⁵)(a²) / P(a²), with P = m(a)/a²: both positive series in s = a²
        let s = a * a;
        let horner = |c: Vec<Rational>| c.iter().rev().fold(0.0, |acc, q| acc * s + q.to_f64());
        let num = horner(moment_series(1).coefficients(14));
        let den = horner(super::normalizer::M_OVER_A2.coefficients(14));
        Ok(a * (a * (num / den)))
    } else {
        let (c, s) = (a.cosh(), a.sinh());
        Ok((a * a * a * c / 3.0 - (a * a + 2.0) * s + 2.0 * a * c) / (a * c - s))
    }
}

/// The series `S_k(a)/a^{2k+3} = Σ_{j≥0} 4(j+1)/((2j+2)!(2k+1)(2k+2j+3)) · (a²)^j`.
/// Ratio of consecutive coefficients ≤ 1/((2j+3)(2j+4))·(j+2)/(j+1) ≤ 1/(2(j+1)(2j+3)).
pub fn moment_series(k: usize) -> PositiveSeries {
    // PositiveSeries takes plain fn pointers; k = 1, 2, 3 cover the suite's uses.
    match k {
        1 => PositiveSeries {
            name: "S_1(a)/a^5",
            coeff: |j| moment_coeff(1, j),
            ratio: |j| Rational::from((1, 2 * (j as u64 + 1) * (2 * j as u64 + 3))),
        },
        2 => PositiveSeries {
            name: "S_2(a)/a^7",
            coeff: |j| moment_coeff(2, j),
            ratio: |j| Rational::from((1, 2 * (j as u64 + 1) * (2 * j as u64 + 3))),
        },
        _ => PositiveSeries {
            name: "S_3(a)/a^9",
            coeff: |j| moment_coeff(3, j),
            ratio: |j| Rational::from((1, 2 * (j as u64 + 1) * (2 * j as u64 + 3))),
        },
    }
}

/// The j-th coefficient of S_k(a)/a^{2k+3} (exact).
pub fn moment_coeff(k: usize, j: usize) -> Rational {
    let jj = j + 1; // the series index j ≥ 1 of S_k
    let den = Integer::from(Integer::factorial(2 * jj as u32))
        * Integer::from(2 * k + 1)
        * Integer::from(2 * k + 2 * jj + 1);
    Rational::from((Integer::from(4 * jj), den))
}

/// E V^{2k} over an MPFR interval a > 0 (k = 1, 2, 3): the series S_k with its tail bound, over
/// a·m(a) from the closed form.
pub fn even_moment_mp(
    a: &MpInterval,
    k: usize,
    terms: usize,
) -> Result<MpInterval, crate::rigorous::series::SeriesError> {
    // E V^{2k} = a^{2k+3}·S_k(a²)/(a·m(a)) with a·m(a) = a³·M(a²): two positive series, no
    // cancellation, so the relative accuracy does not depend on the size of a
    let s = a.square();
    let series = moment_series(k).enclose_mp(&s, terms)?;
    let m_over_a2 = super::normalizer::M_OVER_A2.enclose_mp(&s, terms)?;
    let mut a2k = MpInterval::from_int(a.prec(), 1);
    for _ in 0..k {
        a2k = a2k.mul(&s);
    }
    Ok(series.mul(&a2k).div(&m_over_a2))
}

/// E V² by its closed form over an MPFR interval (cancels for small a: give guard bits).
pub fn second_moment_closed_mp(a: &MpInterval) -> MpInterval {
    let p = a.prec();
    let two = MpInterval::from_int(p, 2);
    let (cosh, sinh) = a.cosh_sinh();
    let a2 = a.square();
    let num = a2
        .mul(a)
        .mul(&cosh)
        .div(&MpInterval::from_int(p, 3))
        .sub(&a2.add(&two).mul(&sinh))
        .add(&two.mul(a).mul(&cosh));
    num.div(&a.mul(&cosh).sub(&sinh))
}

/// E|V| by its closed form over an MPFR interval (cancels for small a: give guard bits).
///
/// # Formula
/// The numerator of f_a is e^{2a} + 1 − 2e^a cosh x and ∫_0^a x cosh x = a sinh a − cosh a + 1,
/// so `E|V| = 2∫_0^a x f_a = (a² cosh a − 2a sinh a + 2cosh a − 2)/(2(a cosh a − sinh a))`
/// = 3a/8 + O(a³).
pub fn abs_mean_closed_mp(a: &MpInterval) -> MpInterval {
    let p = a.prec();
    let two = MpInterval::from_int(p, 2);
    let (cosh, sinh) = a.cosh_sinh();
    let num = a
        .square()
        .mul(&cosh)
        .sub(&two.mul(a).mul(&sinh))
        .add(&two.mul(&cosh))
        .sub(&two);
    num.div(&two.mul(&a.mul(&cosh).sub(&sinh)))
}

/// f_a(x) over MPFR intervals (x inside [−a, a]).
pub fn pdf_mp(a: &MpInterval, x: &MpInterval) -> MpInterval {
    let two = MpInterval::from_int(a.prec(), 2);
    let num = two
        .mul(&a.add(x).div(&two).sinh())
        .mul(&a.sub(x).div(&two).sinh());
    num.div(&a.mul(&drift_constant_mp(a)))
}

/// F(x) over MPFR intervals (closed form; give guard bits for small a).
pub fn cdf_mp(a: &MpInterval, x: &MpInterval) -> MpInterval {
    let (cosh_a, sinh_a) = a.cosh_sinh();
    let num = cosh_a.mul(&x.add(a)).sub(&x.sinh()).sub(&sinh_a);
    num.div(&a.mul(&drift_constant_mp(a)))
}

/// Enough series terms for a relative tail below 2^−prec at a (a crude, safe count).
fn moment_terms(a: f64, prec: u32) -> usize {
    // term ratio ≤ a²/(2(j+1)(2j+3)): after j > a the terms fall at least like 1/j²
    let mut terms = 8usize;
    let mut log_term = 0.0f64;
    let a2 = (a * a).max(1e-300);
    for j in 0..100_000usize {
        log_term += (a2 / (2.0 * (j as f64 + 1.0) * (2.0 * j as f64 + 3.0))).log2();
        terms = j + 2;
        if j as f64 > a && log_term < -(prec as f64) - 8.0 {
            break;
        }
    }
    terms
}

/// E V^k to `digits` digits with a rigorous enclosure, for the exact rational a > 0 and
/// 0 ≤ k ≤ 6 (odd moments are 0 by symmetry, exactly).
///
/// # Errors
/// a ≤ 0, k > 6, digits out of range.
pub fn moment_to_digits(
    a: &Rational,
    k: u32,
    digits: u64,
) -> Result<Option<MpInterval>, NormalizerError> {
    if *a <= 0 {
        return Err(NormalizerError::NonPositive(a.to_f64().to_string()));
    }
    if k > 6 {
        return Err(NormalizerError::NoConvergence(format!(
            "moment order {k} above the supported 6"
        )));
    }
    if k % 2 == 1 {
        return Ok(None); // exactly 0
    }
    if k == 0 {
        return Ok(Some(MpInterval::from_int(64, 1)));
    }
    // a below the f64 range has the terms of a tiny a: the series needs few of them
    let af = a.to_f64().max(f64::MIN_POSITIVE);
    // both series are positive: no cancellation, no guard bits for small a
    super::normalizer::enclose(digits, 8, &|p| {
        let am = MpInterval::from_rational(p, a);
        even_moment_mp(&am, (k / 2) as usize, moment_terms(af, p)).unwrap_or_else(|_| {
            MpInterval::new(
                rug::Float::with_val(p, rug::float::Special::NegInfinity),
                rug::Float::with_val(p, rug::float::Special::Infinity),
            )
            .expect("ordered")
        })
    })
    .map(Some)
}

/// f_a(x) to `digits` digits (`None` when |x| ≥ a: exactly 0).
///
/// # Errors
/// a ≤ 0, digits out of range.
pub fn pdf_to_digits(
    a: &Rational,
    x: &Rational,
    digits: u64,
) -> Result<Option<MpInterval>, NormalizerError> {
    if *a <= 0 {
        return Err(NormalizerError::NonPositive(a.to_f64().to_string()));
    }
    if Rational::from(x.abs_ref()) >= *a {
        return Ok(None);
    }
    // f_a(x) = 2 sinh((a+x)/2) sinh((a−x)/2)/(a³·M(a²)): a ± x exact rationals, sinh of them
    // and the positive series M = m(a)/a² are cancellation-free, so no guard bits for small a
    // or for x near ±a (the time does not grow with the exponent of a)
    let (sum, gap) = (Rational::from(a + x), Rational::from(a - x));
    let af = a.to_f64().max(f64::MIN_POSITIVE);
    super::normalizer::enclose(digits, 8, &|p| {
        let half = |q: &Rational| MpInterval::from_rational(p, &Rational::from(q / 2u32)).sinh();
        let am = MpInterval::from_rational(p, a);
        let s = am.square();
        let m_over_a2 = super::normalizer::M_OVER_A2
            .enclose_mp(&s, moment_terms(af, p))
            .unwrap_or_else(|_| crate::rigorous::arith::IntervalArith::entire(&s));
        MpInterval::from_int(p, 2)
            .mul(&half(&sum))
            .mul(&half(&gap))
            .div(&s.mul(&am).mul(&m_over_a2))
    })
    .map(Some)
}

/// The smallest a the cdf is computed for is 10^−MIN_CDF_A_EXPONENT (a bounded cost: about a
/// second there).
pub const MIN_CDF_A_EXPONENT: u32 = 10_000;

/// F(x) to `digits` digits (`Err`-free exact 0 or 1 outside (−a, a), as `Exact`).
///
/// # Errors
/// a ≤ 0, digits out of range.
pub fn cdf_to_digits(
    a: &Rational,
    x: &Rational,
    digits: u64,
) -> Result<Result<MpInterval, u8>, NormalizerError> {
    if *a <= 0 {
        return Err(NormalizerError::NonPositive(a.to_f64().to_string()));
    }
    if *x <= Rational::from(-a) {
        return Ok(Err(0));
    }
    if x >= a {
        return Ok(Err(1));
    }
    // the closed form cancels like (x + a)² and a³: guard bits for both; the cost grows with
    // them, so a is bounded below (see MIN_CDF_A)
    if *a < Rational::from((1, Integer::from(10).pow(MIN_CDF_A_EXPONENT))) {
        return Err(NormalizerError::OutOfRange(format!(
            "the cdf is computed for a ≥ 1e-{MIN_CDF_A_EXPONENT} (its closed form needs guard bits that grow with the exponent of a)"
        )));
    }
    let gap = Rational::from(x + a);
    let guard = super::normalizer::guard_bits_for(a) + 2 * super::normalizer::guard_bits_for(&gap);
    super::normalizer::enclose(digits, guard, &|p| {
        cdf_mp(
            &MpInterval::from_rational(p, a),
            &MpInterval::from_rational(p, x),
        )
    })
    .map(Ok)
}
