//! The precision loop: a value to a requested number of significant digits, with an enclosure
//! that is rigorous at every step (the precision grows until the enclosure is narrow enough),
//! and its decimal strings rounded outward.

use super::mpinterval::{decimal, MpInterval};
use rug::float::Round;
use rug::ops::Pow;
use rug::Float;

/// The largest number of decimal digits the suite computes to.
pub const MAX_DIGITS: u64 = 100_000;

/// Why the precision loop gave up.
#[derive(Clone, Debug, PartialEq)]
pub enum PrecisionError {
    /// Digits outside `1..=MAX_DIGITS`.
    Digits(u64),
    /// An endpoint is not finite: the value lies beyond MPFR's exponent range.
    ExponentRange,
    /// The loop did not reach the requested width (reported, never hidden).
    NoConvergence(String),
}

impl std::fmt::Display for PrecisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrecisionError::Digits(d) => {
                write!(f, "digits must be between 1 and {MAX_DIGITS}, got {d}")
            }
            PrecisionError::ExponentRange => write!(f, "the value overflows MPFR's exponent range"),
            PrecisionError::NoConvergence(s) => write!(f, "precision loop did not converge: {s}"),
        }
    }
}
impl std::error::Error for PrecisionError {}

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
) -> Result<MpInterval, PrecisionError> {
    if digits == 0 || digits > MAX_DIGITS {
        return Err(PrecisionError::Digits(digits));
    }
    let target = Float::with_val(64, 10u32).pow(-(digits as i32) - 2);
    let mut prec = digits_to_bits(digits + 2) + guard_bits + 32;
    for _ in 0..8 {
        let x = f(prec);
        if !x.lo().is_finite() || !x.hi().is_finite() {
            return Err(PrecisionError::ExponentRange);
        }
        if x.rel_width() <= target {
            return Ok(x);
        }
        prec = prec.saturating_mul(2);
    }
    Err(PrecisionError::NoConvergence(format!("{digits} digits")))
}

/// A value with its enclosure, as decimal strings.
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
            value: decimal(&x.mid(), digits as usize, Round::Nearest),
            lo,
            hi,
        }
    }
}
