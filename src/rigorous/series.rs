//! Power series with exact rational, nonnegative coefficients and a rigorous tail bound.
//!
//! # Formula
//! For `S(x) = Σ_{j≥0} c_j x^j` with `c_j ≥ 0`, `x ≥ 0`, and a ratio bound `ρ_J` such that
//! `c_{j+1} ≤ ρ_J c_j` for every `j ≥ J` (ρ nonincreasing in J), the tail after `K` terms obeys
//!
//! `0 ≤ Σ_{j≥K} c_j x^j ≤ c_K x^K / (1 − ρ_K x)`  whenever `ρ_K x < 1`
//!
//! (a geometric majorant). So the partial sum and the partial sum plus that bound enclose `S(x)`.
//! The same enclosure is offered in exact rationals, in outward-rounded MPFR intervals and in inari
//! intervals: three arithmetics, one mathematical statement.

use super::mpinterval::MpInterval;
use inari::Interval;
use rug::float::Round;
use rug::{Float, Rational};

/// Why a series enclosure could not be formed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeriesError {
    /// `x < 0`: the majorant needs nonnegative terms.
    NegativeArgument,
    /// `ρ_K x ≥ 1`: the geometric majorant diverges; take more terms or a smaller `x`.
    TailDiverges { terms: usize },
}

impl std::fmt::Display for SeriesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeriesError::NegativeArgument => write!(f, "series argument must be nonnegative"),
            SeriesError::TailDiverges { terms } => {
                write!(f, "tail majorant diverges after {terms} terms")
            }
        }
    }
}
impl std::error::Error for SeriesError {}

/// `Σ c_j x^j` given by its exact coefficient `c(j)` and ratio bound `ρ(J)`.
#[derive(Clone, Copy)]
pub struct PositiveSeries {
    /// Name for messages, e.g. `"m(a)/a²  in s = a²"`.
    pub name: &'static str,
    /// The exact coefficient `c_j ≥ 0`.
    pub coeff: fn(usize) -> Rational,
    /// `ρ_J` with `c_{j+1} ≤ ρ_J c_j` for all `j ≥ J`, nonincreasing in `J`.
    pub ratio: fn(usize) -> Rational,
}

/// An exact enclosure `[lo, hi]` of a series value.
#[derive(Clone, Debug, PartialEq)]
pub struct RationalEnclosure {
    pub lo: Rational,
    pub hi: Rational,
}

impl RationalEnclosure {
    pub fn contains(&self, q: &Rational) -> bool {
        &self.lo <= q && q <= &self.hi
    }
    pub fn width(&self) -> Rational {
        Rational::from(&self.hi - &self.lo)
    }
    /// The enclosure of `factor` times the value, for `factor ≥ 0` (exact).
    pub fn scaled(&self, factor: &Rational) -> Self {
        RationalEnclosure {
            lo: Rational::from(&self.lo * factor),
            hi: Rational::from(&self.hi * factor),
        }
    }
    /// The enclosure as an outward-rounded MPFR interval.
    pub fn to_mp(&self, prec: u32) -> MpInterval {
        let lo = MpInterval::from_rational(prec, &self.lo);
        let hi = MpInterval::from_rational(prec, &self.hi);
        lo.hull(&hi)
    }
}

impl PositiveSeries {
    /// The first `n` coefficients, exactly.
    pub fn coefficients(&self, n: usize) -> Vec<Rational> {
        (0..n).map(|j| (self.coeff)(j)).collect()
    }

    /// Exact enclosure `[S_K, S_K + c_K x^K/(1 − ρ_K x)]` with `K = terms`.
    ///
    /// # Errors
    /// `NegativeArgument` for `x < 0`; `TailDiverges` when `ρ_K x ≥ 1`.
    pub fn enclose_rational(
        &self,
        x: &Rational,
        terms: usize,
    ) -> Result<RationalEnclosure, SeriesError> {
        if *x < 0 {
            return Err(SeriesError::NegativeArgument);
        }
        let mut sum = Rational::new();
        let mut pow = Rational::from(1);
        for j in 0..terms {
            sum += Rational::from(&(self.coeff)(j) * &pow);
            pow *= x;
        }
        let q = Rational::from(&(self.ratio)(terms) * x);
        if q >= 1 {
            return Err(SeriesError::TailDiverges { terms });
        }
        let tail = Rational::from(&(self.coeff)(terms) * &pow) / (Rational::from(1) - q);
        let hi = Rational::from(&sum + &tail);
        Ok(RationalEnclosure { lo: sum, hi })
    }

    /// Outward-rounded MPFR enclosure for `x` in an interval `[x_lo, x_hi] ⊂ [0, ∞)`.
    /// Monotone: all terms are nondecreasing in x, so the partial sum is evaluated at both
    /// endpoints and the tail bound at `x_hi`.
    ///
    /// # Errors
    /// As [`PositiveSeries::enclose_rational`].
    pub fn enclose_mp(&self, x: &MpInterval, terms: usize) -> Result<MpInterval, SeriesError> {
        let p = x.prec();
        if *x.lo() < 0 {
            return Err(SeriesError::NegativeArgument);
        }
        let coeffs: Vec<MpInterval> = (0..=terms)
            .map(|j| MpInterval::from_rational(p, &(self.coeff)(j)))
            .collect();
        // Horner on the interval: every partial result is ≥ 0, so interval Horner is exact
        // in its endpoints' monotonicity and tightest up to rounding.
        let mut acc = coeffs[terms - 1].clone();
        for j in (0..terms - 1).rev() {
            acc = acc.mul(x).add(&coeffs[j]);
        }
        let rho = MpInterval::from_rational(p, &(self.ratio)(terms));
        let xhi = MpInterval::new(x.hi().clone(), x.hi().clone()).expect("point");
        let q = rho.mul(&xhi);
        if *q.hi() >= 1 {
            return Err(SeriesError::TailDiverges { terms });
        }
        let mut xk = MpInterval::from_int(p, 1);
        for _ in 0..terms {
            xk = xk.mul(&xhi);
        }
        let one = MpInterval::from_int(p, 1);
        let tail = coeffs[terms].mul(&xk).div(&one.sub(&q));
        let zero_to_tail = MpInterval::new(Float::new(p), tail.hi().clone()).expect("tail ≥ 0");
        Ok(acc.add(&zero_to_tail))
    }

    /// inari enclosure for `x ⊂ [0, ∞)`; the coefficients are enclosed by directed rounding.
    ///
    /// # Errors
    /// As [`PositiveSeries::enclose_rational`].
    pub fn enclose_inari(&self, x: Interval, terms: usize) -> Result<Interval, SeriesError> {
        if x.is_empty() || x.inf() < 0.0 {
            return Err(SeriesError::NegativeArgument);
        }
        let c = |j: usize| rational_to_interval(&(self.coeff)(j));
        let mut acc = c(terms - 1);
        for j in (0..terms - 1).rev() {
            acc = acc * x + c(j);
        }
        let xhi = Interval::try_from((x.sup(), x.sup())).expect("finite");
        let q = rational_to_interval(&(self.ratio)(terms)) * xhi;
        if q.sup() >= 1.0 {
            return Err(SeriesError::TailDiverges { terms });
        }
        let tail =
            c(terms) * xhi.powi(terms as i32) / (Interval::try_from((1.0, 1.0)).unwrap() - q);
        let tail = Interval::try_from((0.0, tail.sup())).expect("tail ≥ 0");
        Ok(acc + tail)
    }

    /// The smallest `K` (up to `max_terms`) whose rational tail bound at `x` is at most
    /// `rel_tol` times the first nonzero partial sum.
    pub fn terms_for(&self, x: &Rational, rel_tol: &Rational, max_terms: usize) -> Option<usize> {
        (1..=max_terms).find(|&k| match self.enclose_rational(x, k) {
            Ok(e) => e.lo > 0 && e.width() <= Rational::from(rel_tol * &e.lo),
            Err(_) => false,
        })
    }
}

/// The tightest f64 interval containing an exact rational.
pub fn rational_to_interval(q: &Rational) -> Interval {
    let lo = Float::with_val_round(53, q, Round::Down)
        .0
        .to_f64_round(Round::Down);
    let hi = Float::with_val_round(53, q, Round::Up)
        .0
        .to_f64_round(Round::Up);
    Interval::try_from((lo, hi)).expect("finite rational")
}
