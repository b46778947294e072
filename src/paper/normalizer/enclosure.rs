//! The rigorous functions: outward-rounded MPFR intervals (closed forms with guard bits), exact
//! rationals (the series with its tail bound), inari enclosures, and enclosures to a requested
//! number of digits; and the (non-rigorous) quadrature of the defining integral.

use super::*;
use crate::rigorous::gauss_legendre::{integrate_converged, Quadrature};
use crate::rigorous::mpinterval::MpInterval;
use crate::rigorous::series::RationalEnclosure;
use inari::Interval;
use rug::ops::Pow;
use rug::Float;

// ---------------------------------------------------------------------------------------------
// Outward-rounded MPFR intervals: closed forms with guard bits.

/// C(a) over an interval a > 0 by the closed form `2(a−1)e^{2a} + 2(a+1)`.
/// Rigorous at any precision; the relative width is about `2^{−prec}/a³` for small a, so the
/// caller supplies guard bits (see [`enclose_to_digits`]).
pub fn normalizer_mp(a: &MpInterval) -> MpInterval {
    let p = a.prec();
    let one = MpInterval::from_int(p, 1);
    let two = MpInterval::from_int(p, 2);
    let e2a = two.mul(a).exp();
    two.mul(&a.sub(&one)).mul(&e2a).add(&two.mul(&a.add(&one)))
}

/// C(a) by the second closed form `4e^a (a cosh a − sinh a)` with cosh, sinh from e^{±a}.
pub fn normalizer_mp_hyperbolic(a: &MpInterval) -> MpInterval {
    let p = a.prec();
    let (cosh, sinh) = a.cosh_sinh();
    MpInterval::from_int(p, 4)
        .mul(&a.exp())
        .mul(&a.mul(&cosh).sub(&sinh))
}

/// m(a) = e^{−a} C(a)/(2a) over an interval, from the closed form of C.
pub fn drift_constant_mp(a: &MpInterval) -> MpInterval {
    let two = MpInterval::from_int(a.prec(), 2);
    a.neg().exp().mul(&normalizer_mp(a)).div(&two.mul(a))
}

/// A_n = A/√n or A/∛n over intervals.
pub fn noise_half_width_mp(big_a: &MpInterval, n: u64, scaling: Scaling) -> MpInterval {
    let nn = MpInterval::from_rational(big_a.prec(), &Rational::from(n));
    let root = match scaling {
        Scaling::Sqrt => nn.sqrt(),
        Scaling::Cuberoot => nn.cbrt(),
    };
    big_a.div(&root)
}

/// κ_n = n·m(A_n) over intervals.
pub fn drift_mp(big_a: &MpInterval, n: u64, scaling: Scaling) -> MpInterval {
    let an = noise_half_width_mp(big_a, n, scaling);
    MpInterval::from_rational(big_a.prec(), &Rational::from(n)).mul(&drift_constant_mp(&an))
}

/// The limit 2A²/3 of κ_n under the √-scaling (the ODE's coefficient (2/3)A²).
pub fn drift_limit_mp(big_a: &MpInterval) -> MpInterval {
    big_a.square().mul_rational(&Rational::from((2, 3)))
}

/// κ_n − 2A²/3 over intervals.
pub fn drift_excess_mp(big_a: &MpInterval, n: u64, scaling: Scaling) -> MpInterval {
    drift_mp(big_a, n, scaling).sub(&drift_limit_mp(big_a))
}

// ---------------------------------------------------------------------------------------------
// Exact rationals: the series with its tail bound.

/// Terms needed so that the tail is below 2^−(bits) relative, for series argument x.
fn terms_for_bits(
    series: &PositiveSeries,
    x: &Rational,
    bits: u32,
) -> Result<usize, NormalizerError> {
    let tol = Rational::from((1, Integer::from(1) << bits));
    series
        .terms_for(x, &tol, 4000)
        .ok_or_else(|| NormalizerError::NoConvergence(format!("{} at x = {x}", series.name)))
}

/// An exact enclosure of C(a) for rational a > 0: `a³ · [S_K, S_K + tail]`.
///
/// # Errors
/// `NonPositive` for a ≤ 0; `NoConvergence` if more than 4000 terms would be needed (a ≳ 600).
pub fn normalizer_rational(a: &Rational, bits: u32) -> Result<RationalEnclosure, NormalizerError> {
    if *a <= 0 {
        return Err(NormalizerError::NonPositive(a.to_string()));
    }
    let k = terms_for_bits(&C_OVER_A3, a, bits)?;
    let e = C_OVER_A3.enclose_rational(a, k)?;
    let a3 = Rational::from(a * a) * a;
    Ok(e.scaled(&a3))
}

/// An exact enclosure of m(a) for rational a > 0: `a² · P(a²)`.
///
/// # Errors
/// As [`normalizer_rational`].
pub fn drift_constant_rational(
    a: &Rational,
    bits: u32,
) -> Result<RationalEnclosure, NormalizerError> {
    if *a <= 0 {
        return Err(NormalizerError::NonPositive(a.to_string()));
    }
    let s = Rational::from(a * a);
    let k = terms_for_bits(&M_OVER_A2, &s, bits)?;
    let e = M_OVER_A2.enclose_rational(&s, k)?;
    Ok(e.scaled(&s))
}

/// An exact enclosure of κ_n − 2A²/3 under the √-scaling: `(A⁴/n) · P₂(A²/n)`.
///
/// # Errors
/// `NonPositive` for A ≤ 0, `ZeroSteps` for n = 0.
pub fn drift_excess_rational(
    big_a: &Rational,
    n: u64,
    bits: u32,
) -> Result<RationalEnclosure, NormalizerError> {
    if *big_a <= 0 {
        return Err(NormalizerError::NonPositive(big_a.to_string()));
    }
    if n == 0 {
        return Err(NormalizerError::ZeroSteps);
    }
    let s = Rational::from(big_a * big_a) / Rational::from(n);
    let k = terms_for_bits(&EXCESS_OVER_A4, &s, bits)?;
    let e = EXCESS_OVER_A4.enclose_rational(&s, k)?;
    let scale = Rational::from(big_a * big_a) * &s;
    Ok(e.scaled(&scale))
}

// ---------------------------------------------------------------------------------------------
// inari: fast f64 enclosures.

/// C(a) enclosed with inari: the series (with tail bound) for a ≤ 1, the closed form above.
pub fn normalizer_inari(a: Interval) -> Interval {
    if a.sup() <= 1.0 {
        let q = C_OVER_A3
            .enclose_inari(a, 30)
            .expect("a ≤ 1 keeps the majorant convergent");
        q * a.powi(3)
    } else {
        let one = Interval::try_from((1.0, 1.0)).unwrap();
        let two = Interval::try_from((2.0, 2.0)).unwrap();
        two * (a - one) * (two * a).exp() + two * (a + one)
    }
}

/// m(a) enclosed with inari: `a² P(a²)` for a ≤ 1, `e^{−a}C(a)/(2a)` above.
pub fn drift_constant_inari(a: Interval) -> Interval {
    if a.sup() <= 1.0 {
        let s = a.sqr();
        M_OVER_A2
            .enclose_inari(s, 16)
            .expect("s ≤ 1 keeps the majorant convergent")
            * s
    } else {
        let two = Interval::try_from((2.0, 2.0)).unwrap();
        (-a).exp() * normalizer_inari(a) / (two * a)
    }
}

// ---------------------------------------------------------------------------------------------
// Quadrature of the defining integral (MPFR Gauss–Legendre, non-rigorous).

/// `∫_{−a}^{a} (e^a − e^x)(e^a − e^{−x}) dx` by Gauss–Legendre at `prec` bits, the integrand
/// written as `expm1(a − x)·expm1(a + x)` (the same product, free of cancellation).
pub fn normalizer_quadrature(a: &Float, prec: u32) -> Quadrature {
    let a = Float::with_val(prec, a);
    let f = |x: &Float| {
        let u = Float::with_val(prec, &a - x).exp_m1();
        let v = Float::with_val(prec, &a + x).exp_m1();
        u * v
    };
    let lo = Float::with_val(prec, -&a);
    let tol = Float::with_val(prec, 2u32).pow(-(prec as i32) + 8);
    integrate_converged(&f, &lo, &a, prec, &tol, 8, 512)
}

// ---------------------------------------------------------------------------------------------
// Enclosures to a requested number of digits.

/// Bits lost to cancellation in the closed forms at a: about 3·log2(1/a) below 1.
pub fn guard_bits_for(a: &Rational) -> u32 {
    let lg = Float::with_val(64, a).log2().to_f64();
    if lg < 0.0 {
        (3.0 * -lg).ceil() as u32 + 8
    } else {
        8
    }
}

/// Validates a rational a and encloses it at `prec` bits.
fn a_interval(a: &Rational, prec: u32) -> MpInterval {
    MpInterval::from_rational(prec, a)
}

fn check_rational_a(a: &Rational) -> Result<(), NormalizerError> {
    if *a <= 0 {
        return Err(NormalizerError::NonPositive(a.to_f64().to_string()));
    }
    Ok(())
}

/// C(a) to `digits` significant digits with a rigorous enclosure, for the exact rational a.
///
/// # Errors
/// `NonPositive`, `Digits`, `NoConvergence`.
pub fn normalizer_to_digits(a: &Rational, digits: u64) -> Result<MpInterval, NormalizerError> {
    check_rational_a(a)?;
    enclose(digits, guard_bits_for(a), &|p| {
        normalizer_mp(&a_interval(a, p))
    })
}

/// m(a) to `digits` digits, rigorous.
///
/// # Errors
/// As [`normalizer_to_digits`].
pub fn drift_constant_to_digits(a: &Rational, digits: u64) -> Result<MpInterval, NormalizerError> {
    check_rational_a(a)?;
    enclose(digits, guard_bits_for(a), &|p| {
        drift_constant_mp(&a_interval(a, p))
    })
}

fn drift_guard(big_a: &Rational, n: u64, scaling: Scaling) -> u32 {
    // A_n ≈ A n^{-1/2} or A n^{-1/3}; the excess κ_n − 2A²/3 loses log2(κ_n/excess) ≈ log2(10n/A²)
    let lg_n = (n as f64).log2();
    let lg_a = Float::with_val(64, big_a).log2().to_f64();
    let lg_an = lg_a
        - match scaling {
            Scaling::Sqrt => lg_n / 2.0,
            Scaling::Cuberoot => lg_n / 3.0,
        };
    let cancel_c = if lg_an < 0.0 { 3.0 * -lg_an } else { 0.0 };
    let cancel_excess = (lg_n + 4.0 - 2.0 * lg_a).max(0.0);
    (cancel_c + cancel_excess).ceil() as u32 + 16
}

/// A function of (A, n) under a scaling to `digits` digits, with the drift's guard bits.
fn drift_quantity_to_digits(
    big_a: &Rational,
    n: u64,
    scaling: Scaling,
    digits: u64,
    f: fn(&MpInterval, u64, Scaling) -> MpInterval,
) -> Result<MpInterval, NormalizerError> {
    check_rational_a(big_a)?;
    if n == 0 {
        return Err(NormalizerError::ZeroSteps);
    }
    enclose(digits, drift_guard(big_a, n, scaling), &|p| {
        f(&a_interval(big_a, p), n, scaling)
    })
}

/// κ_n to `digits` digits, rigorous.
///
/// # Errors
/// `NonPositive`, `ZeroSteps`, `Digits`, `NoConvergence`.
pub fn drift_to_digits(
    big_a: &Rational,
    n: u64,
    scaling: Scaling,
    digits: u64,
) -> Result<MpInterval, NormalizerError> {
    drift_quantity_to_digits(big_a, n, scaling, digits, drift_mp)
}

/// κ_n − 2A²/3 to `digits` digits, rigorous.
///
/// # Errors
/// As [`drift_to_digits`].
pub fn drift_excess_to_digits(
    big_a: &Rational,
    n: u64,
    scaling: Scaling,
    digits: u64,
) -> Result<MpInterval, NormalizerError> {
    drift_quantity_to_digits(big_a, n, scaling, digits, drift_excess_mp)
}
