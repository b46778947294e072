//! Exponential polynomials `f(x) = Σ c_i x^{p_i} e^{q_i x}` with exact rational `c_i`, integer
//! `p_i ≥ −1` and integer `q_i`: enough to write the paper's closed forms symbolically, so that
//! one written formula yields both its exact Taylor coefficients and its interval values.
//!
//! # Formula
//! The coefficient of `x^m` in `x^p e^{qx}` is `q^{m−p}/(m−p)!` for `m ≥ p` (zero otherwise).
//! A term with `p = −1` contributes `x^{−1}` at `m = −1`: a closed form that is analytic at 0
//! must have these poles cancel, which [`ExpPoly::pole`] reports exactly.

use super::mpinterval::MpInterval;
use rug::ops::Pow;
use rug::{Integer, Rational};

/// One term `c · x^p · e^{q x}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpTerm {
    pub c: Rational,
    pub p: i32,
    pub q: i64,
}

/// A sum of [`ExpTerm`]s.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpPoly {
    pub terms: Vec<ExpTerm>,
}

impl ExpPoly {
    /// From `(c_num, c_den, p, q)` tuples.
    pub fn new(terms: &[(i64, i64, i32, i64)]) -> Self {
        ExpPoly {
            terms: terms
                .iter()
                .map(|&(n, d, p, q)| ExpTerm {
                    c: Rational::from((n, d)),
                    p,
                    q,
                })
                .collect(),
        }
    }

    /// `e^{s x} · f(x)`, exact.
    pub fn mul_exp(&self, s: i64) -> Self {
        ExpPoly {
            terms: self
                .terms
                .iter()
                .map(|t| ExpTerm {
                    c: t.c.clone(),
                    p: t.p,
                    q: t.q + s,
                })
                .collect(),
        }
    }

    /// `f(x) · x^k`, exact.
    pub fn mul_pow(&self, k: i32) -> Self {
        ExpPoly {
            terms: self
                .terms
                .iter()
                .map(|t| ExpTerm {
                    c: t.c.clone(),
                    p: t.p + k,
                    q: t.q,
                })
                .collect(),
        }
    }

    /// `r · f(x)`, exact.
    pub fn scale(&self, r: &Rational) -> Self {
        ExpPoly {
            terms: self
                .terms
                .iter()
                .map(|t| ExpTerm {
                    c: Rational::from(&t.c * r),
                    p: t.p,
                    q: t.q,
                })
                .collect(),
        }
    }

    /// `f(−x)`, exact: `c x^p e^{qx}` becomes `c (−1)^p x^p e^{−qx}`.
    pub fn reflect(&self) -> Self {
        ExpPoly {
            terms: self
                .terms
                .iter()
                .map(|t| ExpTerm {
                    c: if t.p.rem_euclid(2) == 1 {
                        Rational::from(-&t.c)
                    } else {
                        t.c.clone()
                    },
                    p: t.p,
                    q: -t.q,
                })
                .collect(),
        }
    }

    /// `f · g`, exact.
    pub fn mul(&self, g: &ExpPoly) -> Self {
        let mut terms = vec![];
        for t in &self.terms {
            for u in &g.terms {
                terms.push(ExpTerm {
                    c: Rational::from(&t.c * &u.c),
                    p: t.p + u.p,
                    q: t.q + u.q,
                });
            }
        }
        ExpPoly { terms }
    }

    /// `f − g`, exact.
    pub fn sub(&self, g: &ExpPoly) -> Self {
        let mut terms = self.terms.clone();
        terms.extend(g.scale(&Rational::from(-1)).terms);
        ExpPoly { terms }
    }

    /// An antiderivative, for sums of pure exponentials and constants (`p = 0`):
    /// `∫ c e^{qx} = (c/q) e^{qx}` (q ≠ 0), `∫ c = c x`. `None` if a term has p ≠ 0.
    pub fn antiderivative(&self) -> Option<Self> {
        let mut terms = vec![];
        for t in &self.terms {
            if t.p != 0 {
                return None;
            }
            terms.push(if t.q == 0 {
                ExpTerm {
                    c: t.c.clone(),
                    p: 1,
                    q: 0,
                }
            } else {
                ExpTerm {
                    c: Rational::from(&t.c / t.q),
                    p: 0,
                    q: t.q,
                }
            });
        }
        Some(ExpPoly { terms })
    }

    /// Is f identically zero? Exactly: after collecting terms with equal (p, q) every
    /// coefficient vanishes (the functions x^p e^{qx} are linearly independent).
    pub fn is_identically_zero(&self) -> bool {
        let mut groups: Vec<((i32, i64), Rational)> = vec![];
        for t in &self.terms {
            match groups.iter_mut().find(|(k, _)| *k == (t.p, t.q)) {
                Some((_, acc)) => *acc += &t.c,
                None => groups.push(((t.p, t.q), t.c.clone())),
            }
        }
        groups.iter().all(|(_, c)| *c == 0)
    }

    /// The exact coefficient of `x^m` (m ≥ 0) in the Taylor expansion at 0.
    pub fn taylor_coefficient(&self, m: usize) -> Rational {
        let mut sum = Rational::new();
        for t in &self.terms {
            let k = m as i64 - t.p as i64;
            if k < 0 {
                continue;
            }
            let num = Integer::from(t.q).pow(k as u32);
            let den = Integer::from(Integer::factorial(k as u32));
            sum += &t.c * Rational::from((num, den));
        }
        sum
    }

    /// A bound D on the degree, in m, of `(m+1)!·[x^m]f` over each parity class of m > max p,
    /// for f whose exponents q are all in {−1, 0, 1}; `None` otherwise.
    ///
    /// # Formula
    /// `[x^m] x^p e^{qx} = q^{m−p}/(m−p)!`, so `(m+1)!·[x^m]` is `q^{m−p}·(m+1)(m)…(m−p+1)`: a
    /// polynomial of degree p + 1 in m, times q^{m−p} ∈ {±1} fixed by the parity of m (0 for
    /// q = 0 once m > p). Two such sequences agreeing at D + 1 values of m in a parity class
    /// (beyond max p) agree for every m in it.
    pub fn coefficient_polynomial_degree(&self) -> Option<usize> {
        if self.terms.iter().any(|t| t.q.abs() > 1) {
            return None;
        }
        self.terms.iter().map(|t| (t.p + 1).max(0) as usize).max()
    }

    /// The largest power p of the terms (−1 if there are none).
    pub fn max_power(&self) -> i32 {
        self.terms.iter().map(|t| t.p).max().unwrap_or(-1)
    }

    /// The exact coefficient of `x^{−k}` for k ≥ 1 (nonzero only for k = 1, from p = −1 terms).
    pub fn pole(&self) -> Rational {
        self.terms
            .iter()
            .filter(|t| t.p == -1)
            .fold(Rational::new(), |acc, t| acc + &t.c)
    }

    /// The exact value at a rational x when every exponential e^{qx} with q ≠ 0 drops out (its
    /// polynomial coefficient vanishes at x); `None` otherwise (the value is transcendental then,
    /// or at least not decided here). Example: 2x(e^{2x}+1) + 2 − 2e^{2x} at x = 1 is exactly 4.
    pub fn exact_value_at(&self, x: &Rational) -> Option<Rational> {
        if *x == 0 && self.terms.iter().any(|t| t.p < 0) {
            return None;
        }
        let mut groups: Vec<(i64, Rational)> = vec![];
        for t in &self.terms {
            let v = &t.c * x.clone().pow(t.p);
            match groups.iter_mut().find(|(q, _)| *q == t.q) {
                Some((_, acc)) => *acc += v,
                None => groups.push((t.q, v)),
            }
        }
        if groups.iter().any(|(q, v)| *q != 0 && *v != 0) {
            return None;
        }
        Some(
            groups
                .into_iter()
                .find(|(q, _)| *q == 0)
                .map(|(_, v)| v)
                .unwrap_or_default(),
        )
    }

    /// `f(x)` over an interval x (x must not contain 0 when a term has p < 0).
    pub fn eval_mp(&self, x: &MpInterval) -> MpInterval {
        let prec = x.prec();
        let mut sum = MpInterval::from_int(prec, 0);
        for t in &self.terms {
            let mut term = MpInterval::from_rational(prec, &t.c);
            if t.q != 0 {
                term = term.mul(&MpInterval::from_int(prec, t.q).mul(x).exp());
            }
            if t.p > 0 {
                for _ in 0..t.p {
                    term = term.mul(x);
                }
            } else if t.p < 0 {
                for _ in 0..(-t.p) {
                    term = term.div(x);
                }
            }
            sum = sum.add(&term);
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosh_coefficients() {
        // cosh x = (e^x + e^{-x})/2: coefficients 1, 0, 1/2, 0, 1/24
        let cosh = ExpPoly::new(&[(1, 2, 0, 1), (1, 2, 0, -1)]);
        let want = [(1, 1), (0, 1), (1, 2), (0, 1), (1, 24)];
        for (m, &(n, d)) in want.iter().enumerate() {
            assert_eq!(
                cosh.taylor_coefficient(m),
                Rational::from((n, d)),
                "m = {m}"
            );
        }
    }

    #[test]
    fn sinh_over_x_has_no_pole() {
        // sinh(x)/x = (e^x − e^{−x})/(2x)
        let f = ExpPoly::new(&[(1, 2, -1, 1), (-1, 2, -1, -1)]);
        assert_eq!(f.pole(), 0);
        assert_eq!(f.taylor_coefficient(0), 1);
        assert_eq!(f.taylor_coefficient(2), Rational::from((1, 6)));
    }
}
