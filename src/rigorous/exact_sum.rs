//! Exact sums of f64 values and of their squares: every finite f64 is an integer multiple of
//! 2^−1074 below 2^1024, its square a multiple of 2^−2148 below 2^2048, so a binary float of
//! 2·(1024 + 1074) + 104 bits holds any sum of fewer than 2^100 of them without rounding. Addition is then associative: a sum does not depend on the order, the thread count
//! or the sharding of its terms, and it rounds once, when read out.

use rug::float::Round;
use rug::ops::AddAssignRound;
use rug::Float;
use serde::{Deserialize, Serialize};

/// Bits that hold any sum of fewer than 2^100 finite f64 values, or of their squares, exactly.
const BITS: u32 = 2 * (1024 + 1074) + 104;

/// An exact sum of f64 values.
#[derive(Clone, Debug, PartialEq)]
pub struct ExactSum(Float);

impl Default for ExactSum {
    fn default() -> Self {
        ExactSum(Float::new(BITS))
    }
}

impl ExactSum {
    /// Adds a finite value, exactly.
    ///
    /// # Panics
    /// If `x` is not finite (a programming error: callers stop at the first non-finite value).
    pub fn add(&mut self, x: f64) {
        assert!(x.is_finite(), "ExactSum takes finite values");
        let dir = self.0.add_assign_round(x, Round::Nearest);
        debug_assert_eq!(dir, std::cmp::Ordering::Equal);
    }
    /// Adds the square of a finite value, exactly (x² may exceed the f64 range; the sum does
    /// not care).
    ///
    /// # Panics
    /// If `x` is not finite.
    pub fn add_square(&mut self, x: f64) {
        assert!(x.is_finite(), "ExactSum takes finite values");
        let sq = Float::with_val(BITS, x).square();
        let dir = self.0.add_assign_round(&sq, Round::Nearest);
        debug_assert_eq!(dir, std::cmp::Ordering::Equal);
    }
    /// Adds another exact sum, exactly.
    pub fn merge(&mut self, other: &ExactSum) {
        self.0 += &other.0;
    }
    /// The exact value.
    pub fn as_float(&self) -> &Float {
        &self.0
    }
    /// The sum rounded to the nearest f64 (correctly rounded: one rounding in all).
    pub fn to_f64(&self) -> f64 {
        self.0.to_f64()
    }
    /// The exact value, as `p·2^e` in hexadecimal (lossless).
    pub fn to_exact_string(&self) -> String {
        self.0.to_string_radix(16, None)
    }
    /// Parses [`ExactSum::to_exact_string`]; `None` unless the value is finite and exact at
    /// this precision.
    pub fn from_exact_string(s: &str) -> Option<ExactSum> {
        let parsed = Float::parse_radix(s, 16).ok()?;
        let (x, dir) = Float::with_val_round(BITS, parsed, Round::Nearest);
        (x.is_finite() && dir == std::cmp::Ordering::Equal).then_some(ExactSum(x))
    }
}

impl Serialize for ExactSum {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_exact_string())
    }
}

impl<'de> Deserialize<'de> for ExactSum {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ExactSum::from_exact_string(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("'{s}' is not an exact sum")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_exact_and_independent_of_order() {
        // 1e300 + 1 − 1e300 is 1 exactly, in any order; in f64 it is 0
        let xs = [1e300, 1.0, -1e300, 5e-324, 3.0e-10];
        let mut a = ExactSum::default();
        xs.iter().for_each(|&x| a.add(x));
        let mut b = ExactSum::default();
        xs.iter().rev().for_each(|&x| b.add(x));
        assert_eq!(a, b);
        assert_eq!(a.to_f64(), 1.0 + 3.0e-10);
        // split into shards and merged
        let (mut c, mut d) = (ExactSum::default(), ExactSum::default());
        c.add(xs[0]);
        c.add(xs[3]);
        d.add(xs[2]);
        d.add(xs[1]);
        d.add(xs[4]);
        d.merge(&c);
        assert_eq!(d, a);
        // the exact string round-trips
        let s = a.to_exact_string();
        assert_eq!(ExactSum::from_exact_string(&s), Some(a));
        assert_eq!(ExactSum::from_exact_string("nan"), None);
        assert_eq!(ExactSum::from_exact_string("1.8p-3"), None);
        // squares beyond the f64 range, exactly
        let mut q = ExactSum::default();
        q.add_square(1e200);
        q.add_square(-1e200);
        q.add_square(3.0);
        let want = Float::with_val(BITS, 1e200).square() * 2u32 + 9u32;
        assert_eq!(q.as_float(), &want);
    }
}
