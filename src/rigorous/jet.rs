//! Truncated Taylor jets `(f, f′, f″, f‴, f⁗)` with inari interval entries: forward-mode
//! differentiation to fourth order. Evaluated on an interval X (the variable's jet is
//! `(X, 1, 0, 0, 0)`), the k-th entry encloses f^{(k)} over all of X — what the remainder term of
//! a quadrature rule needs. Evaluated on a point interval, entry 0 encloses f at the point.
//!
//! Accuracy: every entry is an outward-rounded enclosure (inari's operations are rigorous);
//! widths grow with the usual interval dependency.

use super::arith::point as iv;
use inari::Interval;
use std::ops::{Add, Mul, Neg, Sub};

/// Order of the jets: derivatives 0 through 4.
pub const ORDER: usize = 4;

/// `d[k]` encloses the k-th derivative.
#[derive(Clone, Copy, Debug)]
pub struct Jet {
    pub d: [Interval; ORDER + 1],
}

/// Binomial coefficients up to 4.
const BINOM: [[f64; 5]; 5] = [
    [1.0, 0.0, 0.0, 0.0, 0.0],
    [1.0, 1.0, 0.0, 0.0, 0.0],
    [1.0, 2.0, 1.0, 0.0, 0.0],
    [1.0, 3.0, 3.0, 1.0, 0.0],
    [1.0, 4.0, 6.0, 4.0, 1.0],
];

impl Jet {
    /// The independent variable over X.
    pub fn variable(x: Interval) -> Self {
        let z = iv(0.0);
        Jet {
            d: [x, iv(1.0), z, z, z],
        }
    }
    /// A constant (enclosed).
    pub fn constant(c: Interval) -> Self {
        let z = iv(0.0);
        Jet { d: [c, z, z, z, z] }
    }
    pub fn value(&self) -> Interval {
        self.d[0]
    }
    /// Multiplies by an interval constant.
    pub fn scale(&self, c: Interval) -> Self {
        Jet {
            d: self.d.map(|v| v * c),
        }
    }

    /// g(c·x + s) for the variable x (this jet must be the variable), given all derivatives of
    /// g at once (each elementary function is evaluated once): `(g(cx + s))^{(k)} = c^k g^{(k)}`.
    fn of_affine(
        &self,
        c: f64,
        s: f64,
        derivs: impl Fn(Interval) -> [Interval; ORDER + 1],
    ) -> Self {
        let ci = iv(c);
        let y = ci * self.d[0] + iv(s);
        let g = derivs(y);
        let mut d = [iv(0.0); ORDER + 1];
        let mut ck = iv(1.0);
        for (k, dk) in d.iter_mut().enumerate() {
            *dk = ck * g[k];
            ck *= ci;
        }
        Jet { d }
    }

    /// e^{cx} (this jet must be the variable).
    pub fn exp_linear(&self, c: f64) -> Self {
        self.of_affine(c, 0.0, |y| [y.exp(); ORDER + 1])
    }
    /// sinh(cx + s).
    pub fn sinh_affine(&self, c: f64, s: f64) -> Self {
        self.of_affine(c, s, |y| {
            let (sh, ch) = (y.sinh(), y.cosh());
            [sh, ch, sh, ch, sh]
        })
    }
    /// sinh(cx).
    pub fn sinh_linear(&self, c: f64) -> Self {
        self.sinh_affine(c, 0.0)
    }
    /// cosh(cx).
    pub fn cosh_linear(&self, c: f64) -> Self {
        self.of_affine(c, 0.0, |y| {
            let (sh, ch) = (y.sinh(), y.cosh());
            [ch, sh, ch, sh, ch]
        })
    }
    /// sin(cx).
    pub fn sin_linear(&self, c: f64) -> Self {
        self.of_affine(c, 0.0, |y| {
            let (sn, cs) = (y.sin(), y.cos());
            [sn, cs, -sn, -cs, sn]
        })
    }
    /// cos(cx).
    pub fn cos_linear(&self, c: f64) -> Self {
        self.of_affine(c, 0.0, |y| {
            let (sn, cs) = (y.sin(), y.cos());
            [cs, -sn, -cs, sn, cs]
        })
    }
    /// x^p for the variable x (p ≥ 0).
    pub fn powi_var(&self, p: i32) -> Self {
        let x = self.d[0];
        let mut d = [iv(0.0); ORDER + 1];
        let mut coeff = 1.0;
        for (k, dk) in d.iter_mut().enumerate() {
            let e = p - k as i32;
            if e < 0 {
                break;
            }
            *dk = iv(coeff) * if e == 0 { iv(1.0) } else { x.powi(e) };
            coeff *= e as f64;
        }
        Jet { d }
    }
}

impl Add for Jet {
    type Output = Jet;
    fn add(self, o: Jet) -> Jet {
        let mut d = self.d;
        for (a, b) in d.iter_mut().zip(o.d) {
            *a += b;
        }
        Jet { d }
    }
}

impl Sub for Jet {
    type Output = Jet;
    fn sub(self, o: Jet) -> Jet {
        let mut d = self.d;
        for (a, b) in d.iter_mut().zip(o.d) {
            *a -= b;
        }
        Jet { d }
    }
}

impl Neg for Jet {
    type Output = Jet;
    fn neg(self) -> Jet {
        Jet {
            d: self.d.map(|v| -v),
        }
    }
}

/// Leibniz: `(fg)^{(k)} = Σ_j C(k, j) f^{(j)} g^{(k−j)}`.
impl Mul for Jet {
    type Output = Jet;
    fn mul(self, o: Jet) -> Jet {
        let mut d = [iv(0.0); ORDER + 1];
        for (k, dk) in d.iter_mut().enumerate() {
            let mut s = iv(0.0);
            for (j, &binom) in BINOM[k].iter().enumerate().take(k + 1) {
                s += iv(binom) * self.d[j] * o.d[k - j];
            }
            *dk = s;
        }
        Jet { d }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourth_derivative_of_x2_cosh() {
        // (x² cosh x)'''' = x² cosh x + 8x sinh x + 12 cosh x
        let x = 0.7;
        let v = Jet::variable(iv(x));
        let j = v.powi_var(2) * v.cosh_linear(1.0);
        let want = x * x * x.cosh() + 8.0 * x * x.sinh() + 12.0 * x.cosh();
        assert!(
            j.d[4].contains(want) || (j.d[4].mid() - want).abs() < 1e-13,
            "{:?}",
            j.d[4]
        );
        // sin(3x)'''' = 81 sin(3x)
        let s = v.sin_linear(3.0);
        assert!((s.d[4].mid() - 81.0 * (2.1f64).sin()).abs() < 1e-12);
    }
}
