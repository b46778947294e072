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

mod enclosure;
mod float;

pub use crate::rigorous::precision::MAX_DIGITS;
pub use enclosure::*;
pub use float::{drift, drift_constant, normalizer};

use crate::rigorous::mpinterval::MpInterval;
use crate::rigorous::precision::{enclose_to_digits, PrecisionError};
use crate::rigorous::series::{PositiveSeries, SeriesError};
use rug::{Integer, Rational};

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
    /// An argument outside the range a function is computed for (the reason says which).
    OutOfRange(String),
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
            NormalizerError::OutOfRange(s) => write!(f, "{s}"),
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

impl From<PrecisionError> for NormalizerError {
    fn from(e: PrecisionError) -> Self {
        match e {
            PrecisionError::Digits(d) => NormalizerError::Digits(d),
            PrecisionError::ExponentRange => NormalizerError::ExponentRange,
            PrecisionError::NoConvergence(s) => NormalizerError::NoConvergence(s),
        }
    }
}

impl From<SeriesError> for NormalizerError {
    fn from(e: SeriesError) -> Self {
        NormalizerError::Series(e)
    }
}

/// How the noise half-width shrinks with the number of updates n.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
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
        <Scaling as clap::ValueEnum>::from_str(s, false).ok()
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

/// [`enclose_to_digits`] with the normalizer's error type.
///
/// # Errors
/// As [`enclose_to_digits`].
pub fn enclose(
    digits: u64,
    guard_bits: u32,
    f: &dyn Fn(u32) -> MpInterval,
) -> Result<MpInterval, NormalizerError> {
    Ok(enclose_to_digits(digits, guard_bits, f)?)
}
