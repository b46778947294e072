//! Outward-rounded intervals on MPFR floats.
//!
//! inari encloses with f64 endpoints, so its widths stop at about 16 digits. This small type puts
//! the same guarantee on `rug::Float` endpoints at any precision: every operation rounds its lower
//! endpoint toward −∞ and its upper endpoint toward +∞, and every MPFR function used is correctly
//! rounded, so the exact result over the input intervals is always contained.
//!
//! Accuracy: `add`, `sub`, `neg`, `mul`, `div`, `sqrt`, `cbrt`, `exp`, `exp_m1`, `ln` are
//! *tightest* at the working precision (one directed rounding per endpoint, monotone pieces).

use rug::float::Round;
use rug::{Float, Rational};
use std::cmp::Ordering;

/// A closed interval `[lo, hi]` of MPFR floats of one precision, with `lo ≤ hi`.
#[derive(Clone, Debug, PartialEq)]
pub struct MpInterval {
    lo: Float,
    hi: Float,
}

impl MpInterval {
    /// The interval `[lo, hi]`; `None` unless `lo ≤ hi` (NaN endpoints included).
    pub fn new(lo: Float, hi: Float) -> Option<Self> {
        match lo.partial_cmp(&hi) {
            Some(Ordering::Less) | Some(Ordering::Equal) => Some(MpInterval { lo, hi }),
            _ => None,
        }
    }

    /// The tightest enclosure of an exact rational at `prec` bits.
    pub fn from_rational(prec: u32, q: &Rational) -> Self {
        let (lo, _) = Float::with_val_round(prec, q, Round::Down);
        let (hi, _) = Float::with_val_round(prec, q, Round::Up);
        MpInterval { lo, hi }
    }

    /// The point interval of an integer (exact when it fits in `prec` bits, else enclosed).
    pub fn from_int(prec: u32, k: i64) -> Self {
        let (lo, _) = Float::with_val_round(prec, k, Round::Down);
        let (hi, _) = Float::with_val_round(prec, k, Round::Up);
        MpInterval { lo, hi }
    }

    /// The point interval of an f64 (exact when `prec ≥ 53`).
    pub fn from_f64(prec: u32, x: f64) -> Self {
        let (lo, _) = Float::with_val_round(prec, x, Round::Down);
        let (hi, _) = Float::with_val_round(prec, x, Round::Up);
        MpInterval { lo, hi }
    }

    pub fn lo(&self) -> &Float {
        &self.lo
    }
    pub fn hi(&self) -> &Float {
        &self.hi
    }
    pub fn prec(&self) -> u32 {
        self.lo.prec()
    }

    /// The same interval re-rounded outward to `prec` bits.
    pub fn with_prec(&self, prec: u32) -> Self {
        let (lo, _) = Float::with_val_round(prec, &self.lo, Round::Down);
        let (hi, _) = Float::with_val_round(prec, &self.hi, Round::Up);
        MpInterval { lo, hi }
    }

    fn op2(
        &self,
        other: &Self,
        f: impl Fn(&Float, &Float, Round, u32) -> Float,
        lo_pair: (bool, bool),
        hi_pair: (bool, bool),
    ) -> Self {
        let p = self.prec().max(other.prec());
        let pick = |s: bool, x: &Self| if s { x.hi.clone() } else { x.lo.clone() };
        let lo = f(
            &pick(lo_pair.0, self),
            &pick(lo_pair.1, other),
            Round::Down,
            p,
        );
        let hi = f(
            &pick(hi_pair.0, self),
            &pick(hi_pair.1, other),
            Round::Up,
            p,
        );
        MpInterval { lo, hi }
    }

    /// `self + other`, tightest.
    pub fn add(&self, other: &Self) -> Self {
        self.op2(
            other,
            |a, b, r, p| Float::with_val_round(p, a + b, r).0,
            (false, false),
            (true, true),
        )
    }

    /// `self − other`, tightest.
    pub fn sub(&self, other: &Self) -> Self {
        self.op2(
            other,
            |a, b, r, p| Float::with_val_round(p, a - b, r).0,
            (false, true),
            (true, false),
        )
    }

    /// `−self`, exact.
    pub fn neg(&self) -> Self {
        MpInterval {
            lo: Float::with_val(self.prec(), -&self.hi),
            hi: Float::with_val(self.prec(), -&self.lo),
        }
    }

    /// `|self|`, exact: `[mig, mag]`, with 0 as the lower end when the interval contains 0.
    pub fn abs(&self) -> Self {
        let p = self.prec();
        if self.lo >= 0 {
            self.clone()
        } else if self.hi <= 0 {
            self.neg()
        } else {
            let mag = if Float::with_val(p, -&self.lo) > self.hi {
                Float::with_val(p, -&self.lo)
            } else {
                self.hi.clone()
            };
            MpInterval {
                lo: Float::with_val(p, 0),
                hi: mag,
            }
        }
    }

    /// `self · other`, tightest (the four endpoint products, rounded outward).
    pub fn mul(&self, other: &Self) -> Self {
        let p = self.prec().max(other.prec());
        let ends = [
            (&self.lo, &other.lo),
            (&self.lo, &other.hi),
            (&self.hi, &other.lo),
            (&self.hi, &other.hi),
        ];
        let mut lo: Option<Float> = None;
        let mut hi: Option<Float> = None;
        for (a, b) in ends {
            let d = Float::with_val_round(p, a * b, Round::Down).0;
            let u = Float::with_val_round(p, a * b, Round::Up).0;
            lo = Some(match lo {
                Some(l) if l <= d => l,
                _ => d,
            });
            hi = Some(match hi {
                Some(h) if h >= u => h,
                _ => u,
            });
        }
        // NaN arises only from 0·∞, which finite inputs never produce.
        MpInterval {
            lo: lo.expect("four products"),
            hi: hi.expect("four products"),
        }
    }

    /// `self / other`, tightest when `0 ∉ other`; the whole line otherwise.
    pub fn div(&self, other: &Self) -> Self {
        let p = self.prec().max(other.prec());
        if other.contains_zero() {
            return MpInterval {
                lo: Float::with_val(p, rug::float::Special::NegInfinity),
                hi: Float::with_val(p, rug::float::Special::Infinity),
            };
        }
        let recip = MpInterval {
            lo: Float::with_val_round(p, other.hi.clone().recip_ref(), Round::Down).0,
            hi: Float::with_val_round(p, other.lo.clone().recip_ref(), Round::Up).0,
        };
        self.mul(&recip)
    }

    /// Multiplication by an exact rational (the rational is enclosed first).
    pub fn mul_rational(&self, q: &Rational) -> Self {
        self.mul(&MpInterval::from_rational(self.prec(), q))
    }

    fn monotone(&self, f: impl Fn(&mut Float, Round) -> Ordering) -> Self {
        let mut lo = self.lo.clone();
        let mut hi = self.hi.clone();
        f(&mut lo, Round::Down);
        f(&mut hi, Round::Up);
        MpInterval { lo, hi }
    }

    /// e^x, tightest.
    pub fn exp(&self) -> Self {
        self.monotone(|x, r| x.exp_round(r))
    }
    /// e^x − 1, tightest and free of cancellation near 0.
    pub fn exp_m1(&self) -> Self {
        self.monotone(|x, r| x.exp_m1_round(r))
    }
    /// √x for x ≥ 0 (NaN endpoints otherwise), tightest.
    pub fn sqrt(&self) -> Self {
        self.monotone(|x, r| x.sqrt_round(r))
    }
    /// ∛x, tightest.
    pub fn cbrt(&self) -> Self {
        self.monotone(|x, r| x.cbrt_round(r))
    }
    /// ln x for x > 0, tightest.
    pub fn ln(&self) -> Self {
        self.monotone(|x, r| x.ln_round(r))
    }
    /// sinh x, tightest (increasing).
    pub fn sinh(&self) -> Self {
        self.monotone(|x, r| x.sinh_round(r))
    }
    /// asinh x, tightest (increasing).
    pub fn asinh(&self) -> Self {
        self.monotone(|x, r| x.asinh_round(r))
    }
    /// tanh x, tightest (increasing).
    pub fn tanh(&self) -> Self {
        self.monotone(|x, r| x.tanh_round(r))
    }

    /// (cosh x, sinh x) from e^{±x}: `((e^x + e^{−x})/2, (e^x − e^{−x})/2)`. Rigorous; not
    /// tightest (e^x and e^{−x} enter separately), accurate for x away from 0.
    pub fn cosh_sinh(&self) -> (Self, Self) {
        let ex = self.exp();
        let emx = self.neg().exp();
        let two = MpInterval::from_int(self.prec(), 2);
        (ex.add(&emx).div(&two), ex.sub(&emx).div(&two))
    }

    /// x² (tight also when the interval straddles 0).
    pub fn square(&self) -> Self {
        if self.contains_zero() {
            let m = if self.lo.clone().abs() > self.hi.clone().abs() {
                self.lo.clone().abs()
            } else {
                self.hi.clone()
            };
            let hi = Float::with_val_round(self.prec(), m.square_ref(), Round::Up).0;
            MpInterval {
                lo: Float::new(self.prec()),
                hi,
            }
        } else {
            self.mul(self)
        }
    }

    /// Convex hull of two intervals.
    pub fn hull(&self, other: &Self) -> Self {
        let lo = if self.lo <= other.lo {
            self.lo.clone()
        } else {
            other.lo.clone()
        };
        let hi = if self.hi >= other.hi {
            self.hi.clone()
        } else {
            other.hi.clone()
        };
        MpInterval { lo, hi }
    }

    pub fn contains_zero(&self) -> bool {
        self.lo <= 0 && self.hi >= 0
    }

    /// Is the exact rational `q` inside? (Exact comparison.)
    pub fn contains_rational(&self, q: &Rational) -> bool {
        self.lo.partial_cmp(q) != Some(Ordering::Greater)
            && self.hi.partial_cmp(q) != Some(Ordering::Less)
    }

    /// Do the two intervals share a point?
    pub fn overlaps(&self, other: &Self) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Certainly `self < other` (every point of self below every point of other).
    pub fn certainly_lt(&self, other: &Self) -> bool {
        self.hi < other.lo
    }

    /// Certainly `self > 0`.
    pub fn certainly_positive(&self) -> bool {
        self.lo > 0
    }

    /// An upper bound of the width `hi − lo`.
    pub fn width(&self) -> Float {
        Float::with_val_round(self.prec(), &self.hi - &self.lo, Round::Up).0
    }

    /// An upper bound of the relative width `(hi − lo)/min|x|`, +∞ if the interval contains 0.
    pub fn rel_width(&self) -> Float {
        if self.contains_zero() {
            return Float::with_val(self.prec(), rug::float::Special::Infinity);
        }
        let mig = if self.lo > 0 {
            self.lo.clone()
        } else {
            self.hi.clone().abs()
        };
        Float::with_val_round(53, self.width() / mig, Round::Up).0
    }

    /// The midpoint (rounded to nearest).
    pub fn mid(&self) -> Float {
        Float::with_val(self.prec(), &self.lo + &self.hi) / 2u32
    }

    /// Decimal strings `(lo, hi)` with `digits` significant digits, rounded outward, so the
    /// decimal interval contains this one.
    pub fn to_decimal(&self, digits: usize) -> (String, String) {
        (
            decimal(&self.lo, digits, Round::Down),
            decimal(&self.hi, digits, Round::Up),
        )
    }
}

/// `x` as a decimal string of `digits` significant digits, rounded in direction `round`
/// (MPFR's conversion is correctly rounded), in the form `d.ddd` or `d.ddde±N`.
pub fn decimal(x: &Float, digits: usize, round: Round) -> String {
    if x.is_zero() {
        return "0".to_string();
    }
    if !x.is_finite() {
        return x.to_string();
    }
    let s = x.to_string_radix_round(10, Some(digits.max(1)), round);
    normalise_decimal(&s)
}

/// Rewrites MPFR's decimal output into `[-]d.ddd[e±N]` with no trailing zeros in the mantissa.
fn normalise_decimal(s: &str) -> String {
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s),
    };
    let (mant, exp) = match body.find('e') {
        Some(i) => (&body[..i], body[i + 1..].parse::<i64>().unwrap_or(0)),
        None => (body, 0),
    };
    let (int_part, frac_part) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let digits: String = format!("{int_part}{frac_part}");
    let lead = digits.find(|c: char| c != '0');
    let Some(lead) = lead else {
        return "0".to_string();
    };
    // value = 0.digits × 10^(len(int_part) + exp); shift to d.ddd form
    let exp10 = int_part.len() as i64 + exp - lead as i64 - 1;
    let sig = digits[lead..].trim_end_matches('0');
    let sig = if sig.is_empty() { "0" } else { sig };
    let mut out = String::from(sign);
    out.push_str(&sig[..1]);
    if sig.len() > 1 {
        out.push('.');
        out.push_str(&sig[1..]);
    }
    if exp10 != 0 {
        out.push_str(&format!("e{exp10}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise() {
        assert_eq!(normalise_decimal("23.00"), "2.3e1");
        assert_eq!(normalise_decimal("1.21e24"), "1.21e24");
        assert_eq!(normalise_decimal("-0.00125"), "-1.25e-3");
        assert_eq!(normalise_decimal("1.000"), "1");
    }

    #[test]
    fn one_third_is_enclosed() {
        let third = Rational::from((1, 3));
        let x = MpInterval::from_rational(200, &third);
        assert!(x.contains_rational(&third));
        assert!(x.lo() < x.hi());
        let three = MpInterval::from_int(200, 3);
        assert!(x.mul(&three).contains_rational(&Rational::from(1)));
    }
}
