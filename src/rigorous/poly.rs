//! Multivariate polynomials with exact rational coefficients, and their expectation under
//! independent variables with given moments: enough to expand a product of noise terms and
//! take its mean exactly.

use rug::Rational;
use std::collections::BTreeMap;

/// `Σ c · Π x_v^{e_v}`, keyed by the exponent vector.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Poly {
    pub vars: usize,
    pub terms: BTreeMap<Vec<u32>, Rational>,
}

impl Poly {
    /// The zero polynomial in `vars` variables.
    pub fn zero(vars: usize) -> Self {
        Poly {
            vars,
            terms: BTreeMap::new(),
        }
    }
    /// `c · x_v`.
    pub fn var(vars: usize, v: usize, c: Rational) -> Self {
        let mut e = vec![0; vars];
        e[v] = 1;
        let mut p = Poly::zero(vars);
        p.terms.insert(e, c);
        p
    }
    /// The sum, exact.
    pub fn add(&self, o: &Poly) -> Poly {
        let mut p = self.clone();
        for (e, c) in &o.terms {
            *p.terms.entry(e.clone()).or_default() += c;
        }
        p.terms.retain(|_, c| *c != 0);
        p
    }
    /// `c · self`, exact.
    pub fn scale(&self, c: &Rational) -> Poly {
        let mut p = self.clone();
        p.terms.values_mut().for_each(|x| *x *= c);
        p.terms.retain(|_, c| *c != 0);
        p
    }
    /// The product, exact.
    pub fn mul(&self, o: &Poly) -> Poly {
        let mut p = Poly::zero(self.vars);
        for (e1, c1) in &self.terms {
            for (e2, c2) in &o.terms {
                let e: Vec<u32> = e1.iter().zip(e2).map(|(a, b)| a + b).collect();
                *p.terms.entry(e).or_default() += Rational::from(c1 * c2);
            }
        }
        p.terms.retain(|_, c| *c != 0);
        p
    }
    /// `E[p]` for independent variables with `E x^k = moment(k)`, exact.
    pub fn expectation(&self, moment: &dyn Fn(u32) -> Rational) -> Rational {
        self.terms
            .iter()
            .map(|(e, c)| e.iter().fold(c.clone(), |acc, &k| acc * moment(k)))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_and_takes_means() {
        // (x + y)² with E x² = E y² = 1/3, E x = E y = 0: 2/3
        let x = Poly::var(2, 0, Rational::from(1));
        let y = Poly::var(2, 1, Rational::from(1));
        let s = x.add(&y);
        let m = |k: u32| {
            if k % 2 == 1 {
                Rational::new()
            } else {
                Rational::from((1, k + 1))
            }
        };
        assert_eq!(s.mul(&s).expectation(&m), Rational::from((2, 3)));
        // (x − x) is zero
        assert!(x.add(&x.scale(&Rational::from(-1))).terms.is_empty());
    }
}
