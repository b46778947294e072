//! The functions whose ranges the prover bounds (see `claims::statements`), each written once
//! against [`IntervalArith`], so that inari and MPFR evaluate the same formula.
//!
//! Near 0 the closed forms cancel (C(a) ≈ 4a³/3 from terms of size 1), so every function is
//! written through the exact positive series with their rigorous tail bounds: monotone in the
//! argument, hence sharp on wide boxes.

use super::normalizer::{c_coefficient, C_OVER_A3, EXCESS_OVER_A4, M_OVER_A2};
use crate::rigorous::arith::IntervalArith;
use crate::rigorous::series::PositiveSeries;
use rug::Rational;

/// R(a)/a³ = (C(a)/(2a) − 2a²/3)/a³ = Σ_j c_{j+4}/2 · a^j; ratio 2(j+3)/((j+5)(j+2)).
pub const REMAINDER_OVER_A3: PositiveSeries = PositiveSeries {
    name: "(C(a)/(2a) − 2a²/3)/a³ in a",
    coeff: |j| c_coefficient(j + 4) / 2u32,
    ratio: |j| Rational::from((2 * (j as u64 + 3), (j as u64 + 5) * (j as u64 + 2))),
};

/// C(a)/a³ over a box `[a]`.
pub fn c_over_a3<I: IntervalArith>(b: &[I]) -> I {
    b[0].series(&C_OVER_A3, 64)
}

/// (C(a)/(2a) − 2a²/3)/a³ over a box `[a]`.
pub fn taylor_remainder_over_a3<I: IntervalArith>(b: &[I]) -> I {
    b[0].series(&REMAINDER_OVER_A3, 40)
}

/// P₂(s) = (m(√s) − 2s/3)/s² = n(κ_n − 2A²/3)/A⁴ over a box `[s]`, s = A²/n.
pub fn drift_excess_over_a4<I: IntervalArith>(b: &[I]) -> I {
    b[0].series(&EXCESS_OVER_A4, 32)
}

/// (1 − s/28)·P₂(s) over a box `[s]`.
pub fn drift_excess_damped<I: IntervalArith>(b: &[I]) -> I {
    let s = &b[0];
    let factor = s.int(1).minus(&s.over(&s.int(28)));
    factor.times(&s.series(&EXCESS_OVER_A4, 32))
}

/// S(y) = sinh(y)/y for y ≥ 0 (increasing; S(0) = 1), by its values at the ends.
fn sinhc<I: IntervalArith>(y: &I) -> I {
    let at = |v: Option<I>| match v {
        Some(v) => v.sinh().over(&v),
        None => y.int(1),
    };
    let (lo, hi) = y.positive_ends();
    at(lo).hull(&at(hi))
}

/// g(a, t) = a³f_a(at)/(a²(1 − t²)) = a²S(a(1+t)/2)S(a(1−t)/2)/(2m(a)) over a box `[a] × [t]`;
/// g > 1/2 says f_a(x) ≥ (a² − x²)/(2a³).
pub fn density_ratio<I: IntervalArith>(b: &[I]) -> I {
    let (a, t) = (&b[0], &b[1]);
    let half = a.rational(&Rational::from((1, 2)));
    let one = a.int(1);
    let p = sinhc(&a.times(&one.plus(t)).times(&half));
    let q = sinhc(&a.times(&one.minus(t)).times(&half));
    let s = a.sqr();
    let m = s.times(&s.series(&M_OVER_A2, 48));
    s.times(&p).times(&q).over(&a.int(2).times(&m))
}
