//! The normalizer C(a), the drift constant m(a) and the drift per unit time κ_n
//! (proof of Theorem 1, the definitions of b^n, c^n and f_{A_n}).
//!
//! # Formula
//! - `C(a) = ∫_{−a}^{a} (e^a − e^x)(e^a − e^{−x}) dx = 2a(e^{2a}+1) + 2 − 2e^{2a}`
//!   `= 2(a−1)e^{2a} + 2(a+1) = 4e^a (a cosh a − sinh a) = Σ_{m≥3} 2^m (m−2)/m! · a^m`.
//! - `m(a) = e^{−a} C(a)/(2a) = 2cosh a − 2 sinh(a)/a = Σ_{k≥1} 4k a^{2k}/(2k+1)!`.
//! - `κ_n = n·m(A_n)` with `A_n = A/√n` (the proof's scaling) or `A_n = A/∛n` ((3.3) as printed).
//!   Under √: `κ_n = A² P(A²/n)` with `P(s) = Σ_{k≥1} 4k s^{k−1}/(2k+1)!`, so
//!   `κ_n − 2A²/3 = Σ_{k≥2} 4k A^{2k}/((2k+1)! n^{k−1})`.
//!
//! Every closed form cancels catastrophically for small a (C(a) ≈ 4a³/3 is the difference of
//! terms of size 1), and A_n is small by design; so each arithmetic has a cancellation-free path:
//! the f64 functions switch to the series near 0, the MPFR intervals carry guard bits, and the
//! exact path *is* the series with a rigorous tail bound.

use crate::rigorous::mpinterval::MpInterval;
use crate::rigorous::quadrature::{integrate_converged, Quadrature};
use crate::rigorous::series::{PositiveSeries, RationalEnclosure, SeriesError};
use inari::Interval;
use rug::ops::Pow;
use rug::{Float, Integer, Rational};
use std::sync::OnceLock;

/// Bad arguments of the normalizer functions.
#[derive(Clone, Debug, PartialEq)]
pub enum NormalizerError {
    /// `a ≤ 0` (the noise half-width must be positive).
    NonPositive(String),
    /// NaN or ±∞.
    NotFinite,
    /// `n = 0`.
    ZeroSteps,
    /// The value exceeds the f64 range (f64 functions only).
    Overflow(f64),
    /// Digits outside `1..=MAX_DIGITS`.
    Digits(u64),
    /// The precision loop did not reach the requested width (should not happen; reported, not hidden).
    NoConvergence(String),
    /// A series enclosure could not be formed.
    Series(SeriesError),
    /// The value lies beyond MPFR's exponent range (|log2| ≳ 2^62 is not, but e^{2a} for
    /// a ≳ 1e18 is).
    ExponentRange,
}

impl std::fmt::Display for NormalizerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NormalizerError::NonPositive(a) => write!(f, "a must be positive, got {a}"),
            NormalizerError::NotFinite => write!(f, "a must be a finite number"),
            NormalizerError::ZeroSteps => write!(f, "n must be at least 1"),
            NormalizerError::Overflow(a) => write!(f, "the value at a = {a} exceeds the f64 range"),
            NormalizerError::Digits(d) => {
                write!(f, "digits must be between 1 and {MAX_DIGITS}, got {d}")
            }
            NormalizerError::NoConvergence(s) => write!(f, "precision loop did not converge: {s}"),
            NormalizerError::Series(e) => write!(f, "{e}"),
            NormalizerError::ExponentRange => {
                write!(
                    f,
                    "the value overflows MPFR's exponent range (a is too large)"
                )
            }
        }
    }
}
impl std::error::Error for NormalizerError {}

impl From<SeriesError> for NormalizerError {
    fn from(e: SeriesError) -> Self {
        NormalizerError::Series(e)
    }
}

/// The largest number of decimal digits `eval` accepts.
pub const MAX_DIGITS: u64 = 100_000;

/// How the noise half-width shrinks with the number of updates n.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scaling {
    /// `A_n = A n^{−1/2}`: the scaling the proof uses; κ_n → 2A²/3.
    Sqrt,
    /// `A_n = A n^{−1/3}`: (3.3) as printed; κ_n ~ (2/3)A² n^{1/3} → ∞.
    Cuberoot,
}

impl Scaling {
    pub fn name(self) -> &'static str {
        match self {
            Scaling::Sqrt => "sqrt",
            Scaling::Cuberoot => "cuberoot",
        }
    }
    /// Parses `sqrt` or `cuberoot`.
    pub fn parse(s: &str) -> Option<Scaling> {
        match s {
            "sqrt" => Some(Scaling::Sqrt),
            "cuberoot" => Some(Scaling::Cuberoot),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Exact coefficients.

fn factorial(k: usize) -> Integer {
    Integer::from(Integer::factorial(k as u32))
}

/// The coefficient of a^m in C(a): `2^m (m−2)/m!` for m ≥ 3, zero below.
pub fn c_coefficient(m: usize) -> Rational {
    if m < 3 {
        return Rational::new();
    }
    Rational::from((Integer::from(1) << m as u32) * Integer::from(m - 2)) / factorial(m)
}

/// The coefficient of a^{2k} in m(a): `4k/(2k+1)!` for k ≥ 1, zero for k = 0.
pub fn m_coefficient(k: usize) -> Rational {
    if k == 0 {
        return Rational::new();
    }
    Rational::from((Integer::from(4 * k), factorial(2 * k + 1)))
}

/// `C(a)/a³ = Σ_j c_{j+3} a^j`, a series in a. Ratio `c_{j+4}/c_{j+3} = 2(j+2)/((j+4)(j+1))`,
/// nonincreasing in j, so it serves as ρ_J.
pub const C_OVER_A3: PositiveSeries = PositiveSeries {
    name: "C(a)/a³ in a",
    coeff: |j| c_coefficient(j + 3),
    ratio: |j| Rational::from((2 * (j as u64 + 2), (j as u64 + 4) * (j as u64 + 1))),
};

/// `P(s) = m(a)/a² = Σ_j 4(j+1)/(2j+3)! s^j` with `s = a²`. Ratio `1/(2(j+1)(2j+5))`.
pub const M_OVER_A2: PositiveSeries = PositiveSeries {
    name: "m(a)/a² in s = a²",
    coeff: |j| m_coefficient(j + 1),
    ratio: |j| Rational::from((1, 2 * (j as u64 + 1) * (2 * j as u64 + 5))),
};

/// `P₂(s) = (m(a) − 2a²/3)/a⁴ = Σ_j 4(j+2)/(2j+5)! s^j`. Ratio `1/(2(j+2)(2j+7))`.
pub const EXCESS_OVER_A4: PositiveSeries = PositiveSeries {
    name: "(m(a) − 2a²/3)/a⁴ in s = a²",
    coeff: |j| m_coefficient(j + 2),
    ratio: |j| Rational::from((1, 2 * (j as u64 + 2) * (2 * j as u64 + 7))),
};

// ---------------------------------------------------------------------------------------------
// f64: cancellation-free over the whole finite range.

fn check_a(a: f64) -> Result<(), NormalizerError> {
    if !a.is_finite() {
        return Err(NormalizerError::NotFinite);
    }
    if a <= 0.0 {
        return Err(NormalizerError::NonPositive(format!("{a}")));
    }
    Ok(())
}

fn f64_table(series: &PositiveSeries, n: usize) -> Vec<f64> {
    series.coefficients(n).iter().map(|q| q.to_f64()).collect()
}

fn horner(coeffs: &[f64], x: f64) -> f64 {
    coeffs.iter().rev().fold(0.0, |acc, &c| acc.mul_add(x, c))
}

/// Enough terms of C/a³ for a ≤ 1: the 28th term is below 2^−60 of the sum.
fn c_table() -> &'static [f64] {
    static T: OnceLock<Vec<f64>> = OnceLock::new();
    T.get_or_init(|| f64_table(&C_OVER_A3, 30))
}
/// Enough terms of P(s) for s ≤ 1.
fn p_table() -> &'static [f64] {
    static T: OnceLock<Vec<f64>> = OnceLock::new();
    T.get_or_init(|| f64_table(&M_OVER_A2, 14))
}

/// C(a) in f64.
///
/// # Formula
/// `a ≤ 1`: `a³ Σ c_{j+3} a^j` (Horner, positive terms). `a > 1`: `2(a−1)e^{2a} + 2(a+1)`, a sum
/// of positive terms. Both free of cancellation; measured error ≤ 4 ulp against MPFR.
///
/// # Errors
/// `NonPositive`, `NotFinite`, `Overflow` (a ≳ 351.6).
pub fn normalizer(a: f64) -> Result<f64, NormalizerError> {
    check_a(a)?;
    let c = if a <= 1.0 {
        ((horner(c_table(), a) * a) * a) * a
    } else {
        2.0 * (a - 1.0) * (2.0 * a).exp() + 2.0 * (a + 1.0)
    };
    if c.is_finite() {
        Ok(c)
    } else {
        Err(NormalizerError::Overflow(a))
    }
}

/// m(a) in f64 for a > 1: `(e^a (a−1) + e^{−a}(a+1))/a`, positive terms; the exponential is
/// split as `e^{a/2}·e^{a/2}` beyond 700 so no intermediate overflows before the result does.
fn drift_constant_large(a: f64) -> f64 {
    if a <= 700.0 {
        (a.exp() * (a - 1.0) + (-a).exp() * (a + 1.0)) / a
    } else {
        let h = (0.5 * a).exp();
        h * (h * ((a - 1.0) / a))
    }
}

/// m′(a) = 2 sinh a − 2(a cosh a − sinh a)/a², used for first-order corrections (a > 1).
fn drift_constant_derivative(a: f64) -> f64 {
    2.0 * a.sinh() - 2.0 * (a * a.cosh() - a.sinh()) / (a * a)
}

/// m(a) = e^{−a}C(a)/(2a), the per-step drift constant, in f64.
///
/// # Formula
/// `a ≤ 1`: `(a·P(a²))·a` with P the series of m(a)/a²; `a > 1`: `(e^a(a−1) + e^{−a}(a+1))/a`.
///
/// # Errors
/// `NonPositive`, `NotFinite`, `Overflow` (a ≳ 709.78).
pub fn drift_constant(a: f64) -> Result<f64, NormalizerError> {
    check_a(a)?;
    let m = if a <= 1.0 {
        (a * horner(p_table(), a * a)) * a
    } else {
        drift_constant_large(a)
    };
    if m.is_finite() {
        Ok(m)
    } else {
        Err(NormalizerError::Overflow(a))
    }
}

/// `A/root` as a double-double `(hi, lo)`, where the exact root is `root·(1 + delta)`.
fn quotient_dd(big_a: f64, root: f64, delta: f64) -> (f64, f64) {
    let hi = big_a / root;
    let resid = (-hi).mul_add(root, big_a) / root;
    (hi, resid - hi * delta)
}

/// κ_n = n·m(A_n), the drift per unit time after n updates, in f64.
///
/// # Formula
/// √-scaling with `s = A²/n ≤ 1`: `κ_n = A² P(s)`, no rounding of A_n enters.
/// ∛-scaling with `A_n ≤ 1`: `κ_n = A²·∛n·P(A_n²)`.
/// Otherwise `n·m(A_n)` with A_n carried as a double-double and m corrected to first order.
///
/// # Errors
/// `NonPositive`, `NotFinite`, `ZeroSteps`, `Overflow`.
pub fn drift(big_a: f64, n: u64, scaling: Scaling) -> Result<f64, NormalizerError> {
    check_a(big_a)?;
    if n == 0 {
        return Err(NormalizerError::ZeroSteps);
    }
    let nf = n as f64;
    let k = match scaling {
        Scaling::Sqrt => {
            let s = (big_a * big_a) / nf;
            if s <= 1.0 {
                (big_a * horner(p_table(), s)) * big_a
            } else {
                let r = nf.sqrt();
                let delta = (-r).mul_add(r, nf) / (2.0 * nf);
                let (hi, lo) = quotient_dd(big_a, r, delta);
                nf * (drift_constant_large(hi) + drift_constant_derivative(hi) * lo)
            }
        }
        Scaling::Cuberoot => {
            let c = nf.cbrt();
            let c2 = c * c;
            let c2e = c.mul_add(c, -c2);
            let e = (-c2).mul_add(c, nf) - c2e * c;
            let delta = e / (3.0 * nf);
            let (hi, lo) = quotient_dd(big_a, c, delta);
            if hi <= 1.0 {
                let p = horner(p_table(), hi * hi + 2.0 * hi * lo);
                (big_a * (big_a * (c * p))) * (1.0 + delta)
            } else {
                nf * (drift_constant_large(hi) + drift_constant_derivative(hi) * lo)
            }
        }
    };
    if k.is_finite() {
        Ok(k)
    } else {
        Err(NormalizerError::Overflow(big_a))
    }
}

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
    Ok(RationalEnclosure {
        lo: Rational::from(&e.lo * &a3),
        hi: Rational::from(&e.hi * &a3),
    })
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
    Ok(RationalEnclosure {
        lo: Rational::from(&e.lo * &s),
        hi: Rational::from(&e.hi * &s),
    })
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
    Ok(RationalEnclosure {
        lo: Rational::from(&e.lo * &scale),
        hi: Rational::from(&e.hi * &scale),
    })
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

/// Decimal digits → bits, rounded up.
pub fn digits_to_bits(digits: u64) -> u32 {
    ((digits as f64) * std::f64::consts::LOG2_10).ceil() as u32
}

/// Runs `f` at increasing precision until the enclosure has relative width ≤ 10^{−digits−2}
/// (two spare digits, so the decimal strings can be rounded outward and still meet 10^{−digits}).
///
/// # Errors
/// `Digits` outside `1..=MAX_DIGITS`; `NoConvergence` after eight doublings.
pub fn enclose_to_digits(
    digits: u64,
    guard_bits: u32,
    f: &dyn Fn(u32) -> MpInterval,
) -> Result<MpInterval, NormalizerError> {
    if digits == 0 || digits > MAX_DIGITS {
        return Err(NormalizerError::Digits(digits));
    }
    let target = Float::with_val(64, 10u32).pow(-(digits as i32) - 2);
    let mut prec = digits_to_bits(digits + 2) + guard_bits + 32;
    for _ in 0..8 {
        let x = f(prec);
        if !x.lo().is_finite() || !x.hi().is_finite() {
            return Err(NormalizerError::ExponentRange);
        }
        if x.rel_width() <= target {
            return Ok(x);
        }
        prec = prec.saturating_mul(2);
    }
    Err(NormalizerError::NoConvergence(format!("{digits} digits")))
}

/// Bits lost to cancellation in the closed forms at a: about 3·log2(1/a) below 1.
pub fn guard_bits_for(a: &Rational) -> u32 {
    let lg = Float::with_val(64, a).log2().to_f64();
    if lg < 0.0 {
        (3.0 * -lg).ceil() as u32 + 8
    } else {
        8
    }
}

/// A value of the paper with its enclosure, as decimal strings.
#[derive(Clone, Debug, PartialEq)]
pub struct DecimalEnclosure {
    /// The midpoint rounded to nearest at `digits` significant digits.
    pub value: String,
    /// `[lo, hi]` rounded outward at `digits + 2` significant digits.
    pub lo: String,
    pub hi: String,
}

impl DecimalEnclosure {
    pub fn from_interval(x: &MpInterval, digits: u64) -> Self {
        let (lo, hi) = x.to_decimal(digits as usize + 2);
        DecimalEnclosure {
            value: crate::rigorous::mpinterval::decimal(
                &x.mid(),
                digits as usize,
                rug::float::Round::Nearest,
            ),
            lo,
            hi,
        }
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
    enclose_to_digits(digits, guard_bits_for(a), &|p| {
        normalizer_mp(&a_interval(a, p))
    })
}

/// m(a) to `digits` digits, rigorous.
///
/// # Errors
/// As [`normalizer_to_digits`].
pub fn drift_constant_to_digits(a: &Rational, digits: u64) -> Result<MpInterval, NormalizerError> {
    check_rational_a(a)?;
    enclose_to_digits(digits, guard_bits_for(a), &|p| {
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
    check_rational_a(big_a)?;
    if n == 0 {
        return Err(NormalizerError::ZeroSteps);
    }
    enclose_to_digits(digits, drift_guard(big_a, n, scaling), &|p| {
        drift_mp(&a_interval(big_a, p), n, scaling)
    })
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
    check_rational_a(big_a)?;
    if n == 0 {
        return Err(NormalizerError::ZeroSteps);
    }
    enclose_to_digits(digits, drift_guard(big_a, n, scaling), &|p| {
        drift_excess_mp(&a_interval(big_a, p), n, scaling)
    })
}

// ---------------------------------------------------------------------------------------------
// The table of constants (report appendix and snapshot).

/// One row of the constants table: a quantity at an argument, with its rigorous enclosure.
#[derive(Clone, Debug)]
pub struct ConstantRow {
    pub quantity: &'static str,
    pub argument: String,
    pub enclosure: MpInterval,
}

/// C(a), m(a), κ_n and κ_n − 2A²/3 at representative arguments, each enclosed to relative width
/// ≤ 10^{−digits−2}.
///
/// # Errors
/// `Digits` outside `1..=MAX_DIGITS`.
pub fn constants_table(digits: u64) -> Result<Vec<ConstantRow>, NormalizerError> {
    let mut rows = vec![];
    let points: [(&str, Rational); 7] = [
        ("2^-20", Rational::from((1, 1 << 20))),
        ("1/1000", Rational::from((1, 1000))),
        ("1/10", Rational::from((1, 10))),
        ("1/2", Rational::from((1, 2))),
        ("1", Rational::from(1)),
        ("2", Rational::from(2)),
        ("8", Rational::from(8)),
    ];
    for (name, a) in &points {
        rows.push(ConstantRow {
            quantity: "C(a)",
            argument: format!("a = {name}"),
            enclosure: normalizer_to_digits(a, digits)?,
        });
    }
    for (name, a) in &points {
        rows.push(ConstantRow {
            quantity: "m(a)",
            argument: format!("a = {name}"),
            enclosure: drift_constant_to_digits(a, digits)?,
        });
    }
    let one = Rational::from(1);
    for (name, n) in [
        ("1", 1u64),
        ("10", 10),
        ("10^3", 1000),
        ("10^6", 1_000_000),
        ("10^9", 1_000_000_000),
    ] {
        rows.push(ConstantRow {
            quantity: "κ_n (A_n = A/√n)",
            argument: format!("A = 1, n = {name}"),
            enclosure: drift_to_digits(&one, n, Scaling::Sqrt, digits)?,
        });
        rows.push(ConstantRow {
            quantity: "κ_n − 2A²/3 (√)",
            argument: format!("A = 1, n = {name}"),
            enclosure: drift_excess_to_digits(&one, n, Scaling::Sqrt, digits)?,
        });
    }
    for (name, n) in [("10", 10u64), ("10^3", 1000), ("10^6", 1_000_000)] {
        rows.push(ConstantRow {
            quantity: "κ_n (A_n = A/∛n)",
            argument: format!("A = 1, n = {name}"),
            enclosure: drift_to_digits(&one, n, Scaling::Cuberoot, digits)?,
        });
    }
    Ok(rows)
}
