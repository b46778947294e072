//! Exponential polynomials in two variables, `Σ c · a^p e^{qa} · x^r e^{sx}` with exact rational
//! c: enough to write an integrand of the paper in x with a parameter a, integrate it over
//! `x ∈ [−a, a]` symbolically, and get an [`ExpPoly`] in a — so that an identity such as
//! `∫_{−a}^{a} (e^a − e^x)(e^a − e^{−x}) dx = 2a(e^{2a}+1) + 2 − 2e^{2a}` is decided for every
//! real a by comparing normal forms, not at points.
//!
//! # Formula
//! `∫ x^r e^{sx} dx = e^{sx} Σ_{j=0}^{r} (−1)^j r!/(r−j)! · x^{r−j}/s^{j+1}` (s ≠ 0) and
//! `x^{r+1}/(r+1)` (s = 0); then x = ±a turns `x^m e^{sx}` into `(±1)^m a^m e^{±sa}`.

use super::exppoly::{ExpPoly, ExpTerm};
use rug::ops::Pow;
use rug::{Integer, Rational};

/// One term `c · a^p e^{qa} · x^r e^{sx}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Term2 {
    pub c: Rational,
    pub p: i32,
    pub q: i64,
    pub r: u32,
    pub s: i64,
}

/// A sum of [`Term2`]s.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpPoly2 {
    pub terms: Vec<Term2>,
}

impl ExpPoly2 {
    /// From `(c, p, q, r, s)` with integer c.
    pub fn new(terms: &[(i64, i32, i64, u32, i64)]) -> Self {
        ExpPoly2 {
            terms: terms
                .iter()
                .map(|&(c, p, q, r, s)| Term2 {
                    c: Rational::from(c),
                    p,
                    q,
                    r,
                    s,
                })
                .collect(),
        }
    }

    /// The product, exact.
    pub fn mul(&self, g: &ExpPoly2) -> Self {
        let mut terms = vec![];
        for t in &self.terms {
            for u in &g.terms {
                terms.push(Term2 {
                    c: Rational::from(&t.c * &u.c),
                    p: t.p + u.p,
                    q: t.q + u.q,
                    r: t.r + u.r,
                    s: t.s + u.s,
                });
            }
        }
        ExpPoly2 { terms }
    }

    /// `∫_{−a}^{a} f(a, x) dx` as an exponential polynomial in a, exact.
    pub fn integrate_x_over_minus_a_to_a(&self) -> ExpPoly {
        let mut out = vec![];
        for t in &self.terms {
            // the antiderivative in x: Σ coefficient · x^m e^{sx}
            let anti: Vec<(Rational, u32)> = if t.s == 0 {
                vec![(Rational::from(1) / (t.r + 1), t.r + 1)]
            } else {
                (0..=t.r)
                    .map(|j| {
                        let falling: Integer = (t.r - j + 1..=t.r).map(Integer::from).product();
                        let sign = if j % 2 == 0 { 1 } else { -1 };
                        let den = Integer::from(t.s).pow(j + 1);
                        (Rational::from((falling * sign, den)), t.r - j)
                    })
                    .collect()
            };
            // F(a) − F(−a)
            for (k, sign) in [(1i64, 1i64), (-1, -1)] {
                for (coef, m) in &anti {
                    let parity = if k < 0 && m % 2 == 1 { -1 } else { 1 };
                    out.push(ExpTerm {
                        c: Rational::from(&t.c * coef) * (sign * parity),
                        p: t.p + *m as i32,
                        q: t.q + k * t.s,
                    });
                }
            }
        }
        ExpPoly { terms: out }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrates_known_integrals() {
        // ∫_{−a}^{a} x e^{x} dx = (a − 1)e^a + (a + 1)e^{−a}
        let f = ExpPoly2::new(&[(1, 0, 0, 1, 1)]);
        let want = ExpPoly::new(&[(1, 1, 1, 1), (-1, 1, 0, 1), (1, 1, 1, -1), (1, 1, 0, -1)]);
        assert!(f
            .integrate_x_over_minus_a_to_a()
            .sub(&want)
            .is_identically_zero());
        // ∫_{−a}^{a} x² dx = 2a³/3, and a wrong answer is not zero
        let g = ExpPoly2::new(&[(1, 0, 0, 2, 0)]);
        assert!(g
            .integrate_x_over_minus_a_to_a()
            .sub(&ExpPoly::new(&[(2, 3, 3, 0)]))
            .is_identically_zero());
        assert!(!g
            .integrate_x_over_minus_a_to_a()
            .sub(&ExpPoly::new(&[(1, 3, 3, 0)]))
            .is_identically_zero());
        // ∫_{−a}^{a} x³ e^{2x} dx against its Taylor coefficients (the series of each side)
        let h = ExpPoly2::new(&[(1, 0, 0, 3, 2)]).integrate_x_over_minus_a_to_a();
        // ∫ x³(1 + 2x + 2x² + …) = 2·2a⁵/5 + … : the a⁵ coefficient is 4/5
        assert_eq!(h.taylor_coefficient(5), Rational::from((4, 5)));
        assert_eq!(h.taylor_coefficient(4), Rational::from(0));
    }
}
