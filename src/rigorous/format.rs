//! Numbers as the reports print them: decimal strings, rounded outward where they stand for an
//! enclosure or a bound, so that a printed figure never claims more than was computed.

use super::mpinterval::{decimal, MpInterval};
use inari::Interval;
use rug::float::Round;
use rug::{Float, Rational};

/// `[lo, hi]` of an enclosure at `digits` significant digits, rounded outward.
pub fn interval_string(x: &MpInterval, digits: usize) -> String {
    let (lo, hi) = x.to_decimal(digits);
    format!("[{lo}, {hi}]")
}

/// `[lo, hi]` of an inari interval, each end as the f64 it is.
pub fn inari_string(x: Interval) -> String {
    format!("[{:e}, {:e}]", x.inf(), x.sup())
}

/// An upper bound, rounded up, at 3 significant digits.
pub fn upper_3(x: &Float) -> String {
    decimal(x, 3, Round::Up)
}

/// A lower bound, rounded down, at 3 significant digits.
pub fn lower_3(x: &Float) -> String {
    decimal(x, 3, Round::Down)
}

/// An exact rational as `p/q` (or `p` when q = 1).
pub fn rational_string(q: &Rational) -> String {
    if *q.denom() == 1 {
        q.numer().to_string()
    } else {
        format!("{}/{}", q.numer(), q.denom())
    }
}

/// A float in scientific notation with 5 significant digits (a statistic, not an enclosure).
pub fn sci(x: f64) -> String {
    format!("{x:.4e}")
}

/// A float with 4 decimals (a statistic, not an enclosure).
pub fn fixed_4(x: f64) -> String {
    format!("{x:.4}")
}

/// `v` with `digits` decimals and a typographic minus sign (U+2212), for labels.
pub fn signed(v: f64, digits: usize) -> String {
    format!("{v:.digits$}").replace('-', "−")
}
