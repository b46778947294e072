//! One statement, two engines: the operations a range statement needs, over inari's f64
//! intervals and over outward-rounded MPFR intervals alike. A statement written once against
//! [`IntervalArith`] is evaluated by both engines, so that the prover's certificate from one is
//! re-checked by the other on the same formula.
//!
//! Accuracy: as the underlying operation (inari's are *tightest* or *accurate* per IEEE 1788;
//! [`MpInterval`]'s are documented there). Constants from rationals are *tightest*.
//!
//! To add an arithmetic: implement this trait for its interval type (and an engine in
//! [`crate::rigorous::prover::Engine`] that calls it).

use super::mpinterval::MpInterval;
use super::series::{rational_to_interval, PositiveSeries};
use inari::Interval;
use rug::{Float, Rational};
use std::ops::{Add, Div, Mul, Neg, Sub};

/// The point interval of an f64 (exact).
///
/// # Panics
/// If `x` is not finite (a programming error: every caller passes a literal or a box corner).
pub fn point(x: f64) -> Interval {
    Interval::try_from((x, x)).expect("finite")
}

/// The interval operations of a range statement.
pub trait IntervalArith: Clone {
    /// The exact rational `q`, enclosed at the precision of `self` (tightest).
    fn rational(&self, q: &Rational) -> Self;
    /// The integer `k`, enclosed at the precision of `self`.
    fn int(&self, k: i64) -> Self {
        self.rational(&Rational::from(k))
    }
    fn plus(&self, other: &Self) -> Self;
    fn minus(&self, other: &Self) -> Self;
    fn times(&self, other: &Self) -> Self;
    fn over(&self, other: &Self) -> Self;
    fn sqr(&self) -> Self;
    fn sinh(&self) -> Self;
    /// The convex hull.
    fn hull(&self, other: &Self) -> Self;
    /// The interval of all reals (what a failed enclosure degrades to: never a false bound).
    fn entire(&self) -> Self;
    /// The lower and upper endpoints as point intervals, `None` where the endpoint is ≤ 0.
    fn positive_ends(&self) -> (Option<Self>, Option<Self>);
    /// The series `s` at `self` with `terms` terms and its tail bound, or [`entire`] when the
    /// tail bound does not apply.
    ///
    /// [`entire`]: IntervalArith::entire
    fn series(&self, s: &PositiveSeries, terms: usize) -> Self;
}

impl IntervalArith for Interval {
    fn rational(&self, q: &Rational) -> Self {
        rational_to_interval(q)
    }
    fn int(&self, k: i64) -> Self {
        point(k as f64)
    }
    fn plus(&self, other: &Self) -> Self {
        self + other
    }
    fn minus(&self, other: &Self) -> Self {
        self - other
    }
    fn times(&self, other: &Self) -> Self {
        self * other
    }
    fn over(&self, other: &Self) -> Self {
        self / other
    }
    fn sqr(&self) -> Self {
        Interval::sqr(*self)
    }
    fn sinh(&self) -> Self {
        Interval::sinh(*self)
    }
    fn hull(&self, other: &Self) -> Self {
        self.convex_hull(*other)
    }
    fn entire(&self) -> Self {
        Interval::ENTIRE
    }
    fn positive_ends(&self) -> (Option<Self>, Option<Self>) {
        let end = |v: f64| (v > 0.0).then(|| point(v));
        (end(self.inf()), end(self.sup()))
    }
    fn series(&self, s: &PositiveSeries, terms: usize) -> Self {
        s.enclose_inari(*self, terms).unwrap_or(Interval::ENTIRE)
    }
}

impl IntervalArith for MpInterval {
    fn rational(&self, q: &Rational) -> Self {
        MpInterval::from_rational(self.prec(), q)
    }
    fn plus(&self, other: &Self) -> Self {
        self.add(other)
    }
    fn minus(&self, other: &Self) -> Self {
        self.sub(other)
    }
    fn times(&self, other: &Self) -> Self {
        self.mul(other)
    }
    fn over(&self, other: &Self) -> Self {
        self.div(other)
    }
    fn sqr(&self) -> Self {
        self.square()
    }
    fn sinh(&self) -> Self {
        MpInterval::sinh(self)
    }
    fn hull(&self, other: &Self) -> Self {
        MpInterval::hull(self, other)
    }
    fn entire(&self) -> Self {
        let p = self.prec();
        MpInterval::new(
            Float::with_val(p, rug::float::Special::NegInfinity),
            Float::with_val(p, rug::float::Special::Infinity),
        )
        .expect("ordered")
    }
    fn positive_ends(&self) -> (Option<Self>, Option<Self>) {
        let end =
            |v: &Float| (*v > 0).then(|| MpInterval::new(v.clone(), v.clone()).expect("point"));
        (end(self.lo()), end(self.hi()))
    }
    fn series(&self, s: &PositiveSeries, terms: usize) -> Self {
        s.enclose_mp(self, terms).unwrap_or_else(|_| self.entire())
    }
}

// Operators on `&MpInterval`, as inari has them on `&Interval`: outward-rounded, as the methods.
macro_rules! mp_binop {
    ($tr:ident, $f:ident) => {
        impl $tr<&MpInterval> for &MpInterval {
            type Output = MpInterval;
            fn $f(self, rhs: &MpInterval) -> MpInterval {
                MpInterval::$f(self, rhs)
            }
        }
    };
}
mp_binop!(Add, add);
mp_binop!(Sub, sub);
mp_binop!(Mul, mul);
mp_binop!(Div, div);

impl Neg for &MpInterval {
    type Output = MpInterval;
    fn neg(self) -> MpInterval {
        MpInterval::neg(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same formula in both engines: each MPFR enclosure overlaps inari's (both contain
    /// the exact value) and is no wider.
    fn both(f: impl Fn(&dyn Fn(i64) -> (Interval, MpInterval)) -> (Interval, MpInterval)) {
        let (i, m) = f(&|k| (point(k as f64), MpInterval::from_int(128, k)));
        let (lo, hi) = (m.lo().to_f64(), m.hi().to_f64());
        assert!(
            !i.is_empty() && lo <= i.sup() && i.inf() <= hi,
            "{i:?} vs {m:?}"
        );
        assert!(hi - lo <= i.wid(), "{i:?} vs {m:?}");
    }

    #[test]
    fn the_trait_and_the_operators_agree_across_engines() {
        // (x + 1/3)·sinh(x)/(x − 1/7) at x = 2, by the trait
        both(|c| {
            let (xi, xm) = c(2);
            let third_i = xi.rational(&Rational::from((1, 3)));
            let third_m = xm.rational(&Rational::from((1, 3)));
            let seventh = Rational::from((1, 7));
            (
                xi.plus(&third_i)
                    .times(&IntervalArith::sinh(&xi))
                    .over(&xi.minus(&xi.rational(&seventh))),
                xm.plus(&third_m)
                    .times(&IntervalArith::sinh(&xm))
                    .over(&xm.minus(&xm.rational(&seventh))),
            )
        });
        // the operators on &MpInterval are the methods
        let (a, b) = (
            MpInterval::from_int(96, 5),
            MpInterval::from_rational(96, &Rational::from((2, 3))),
        );
        assert_eq!(&a + &b, a.add(&b));
        assert_eq!(&a - &b, a.sub(&b));
        assert_eq!(&a * &b, a.mul(&b));
        assert_eq!(&a / &b, a.div(&b));
        assert_eq!(-&a, a.neg());
    }

    #[test]
    fn a_failed_series_enclosure_is_everything_not_a_bound() {
        use crate::rigorous::series::PositiveSeries;
        // Σ x^j (ratio 1): the tail bound needs x < 1
        let geometric = PositiveSeries {
            name: "Σ x^j",
            coeff: |_| Rational::from(1),
            ratio: |_| Rational::from(1),
        };
        let i = point(2.0).series(&geometric, 8);
        assert_eq!(i, Interval::ENTIRE);
        let m = MpInterval::from_int(64, 2).series(&geometric, 8);
        assert!(m.lo().is_infinite() && m.hi().is_infinite());
        let ok = point(0.5).series(&geometric, 40);
        assert!(ok.contains(2.0) && ok.wid() < 1e-9);
    }

    #[test]
    fn positive_ends_drop_nonpositive_endpoints() {
        let (lo, hi) = Interval::try_from((0.0, 3.0)).unwrap().positive_ends();
        assert!(lo.is_none() && hi == Some(point(3.0)));
        let m = MpInterval::new(rug::Float::with_val(64, -1), rug::Float::with_val(64, 2)).unwrap();
        let (lo, hi) = m.positive_ends();
        assert!(lo.is_none() && hi.is_some());
    }
}
