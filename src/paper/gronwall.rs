//! The proof's elementary steps: Lemma 2 (a discrete Grönwall bound), Grönwall's inequality as
//! used for ε_n(t), and the constants of (3.8) that feed Lemma 2.
//!
//! # Formula
//! - Lemma 2: `x_n ≤ a + b x_{n−1}` (a, b, x ≥ 0) ⇒ `x_n ≤ B_n := x_0 bⁿ + a(1 − bⁿ)/(1 − b)`,
//!   with `B_n = x_0 + n a` at b = 1. Induction: `B_0 = x_0`, `B_n = a + b B_{n−1}`, and
//!   `x_{n−1} ≤ B_{n−1}` ⇒ `x_n ≤ a + b x_{n−1} ≤ a + b B_{n−1} = B_n` (this step needs b ≥ 0).
//! - Grönwall: `ε(t) ≤ γ + K∫_0^t ε` (ε ≥ 0 continuous) ⇒ `ε(t) ≤ γe^{Kt}`; in the proof
//!   K = (2/3)A²αλ and t ≤ 1 gives the factor e^K.
//! - (3.8): with x_ℓ = ‖θ^{(ℓ)} − θ^{(ℓ−1)}‖, |φ(u)| ≤ 2 sinh A_n, ‖U^{(ℓ)} − U^{(ℓ−1)}‖ ≤ 2√d A_n
//!   and |L(y) − L(y′)| ≤ G‖y − y′‖:
//!   `x_ℓ ≤ αG(x_{ℓ−1} + 2√d A_n)·2√d sinh A_n = a_n + b_n x_{ℓ−1}`,
//!   `a_n = 4dαG A_n sinh A_n`, `b_n = 2√d αG sinh A_n`.

use crate::rigorous::mpinterval::MpInterval;
use rug::{Integer, Rational};

// ---------------------------------------------------------------------------------------------
// Lemma 2

/// Why the printed Lemma 2 bound cannot be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lemma2Error {
    /// b = 1: `(1 − bⁿ)/(1 − b)` is 0/0 as printed.
    Undefined,
}

/// `x_0 bⁿ + a(1 − bⁿ)/(1 − b)` exactly, as printed.
///
/// # Errors
/// `Undefined` at b = 1.
pub fn lemma2_bound_printed(
    x0: &Rational,
    a: &Rational,
    b: &Rational,
    n: u32,
) -> Result<Rational, Lemma2Error> {
    if *b == 1 {
        return Err(Lemma2Error::Undefined);
    }
    let bn = rug::ops::Pow::pow(b.clone(), n);
    let one = Rational::from(1);
    let geometric = Rational::from(&one - &bn) / Rational::from(&one - b);
    Ok(Rational::from(x0 * &bn) + Rational::from(a * &geometric))
}

/// The bound with its b = 1 limit `x_0 + n a` (what Lemma 2 should say for every b ≥ 0).
pub fn lemma2_bound(x0: &Rational, a: &Rational, b: &Rational, n: u32) -> Rational {
    lemma2_bound_printed(x0, a, b, n).unwrap_or_else(|_| x0 + Rational::from(a * Integer::from(n)))
}

/// An admissible sequence: `x_k = u_k (a + b x_{k−1})` with the given fractions `u_k` (in [0, 1]
/// for a, b ≥ 0 this keeps `0 ≤ x_k ≤ a + b x_{k−1}`). `u_k = 1` is the extremal sequence.
pub fn admissible_sequence(
    x0: &Rational,
    a: &Rational,
    b: &Rational,
    fractions: &[Rational],
) -> Vec<Rational> {
    let mut xs = Vec::with_capacity(fractions.len() + 1);
    xs.push(x0.clone());
    for u in fractions {
        let prev = xs.last().expect("x0");
        let next = u * (a + Rational::from(b * prev));
        xs.push(next);
    }
    xs
}

// ---------------------------------------------------------------------------------------------
// Grönwall

/// A continuous function given on pieces `[t_i, t_{i+1}]` by `ε(t) = p_i e^{k_i (t − t_i)} + q_i`,
/// with enclosed parameters, so that values and integrals are outward-rounded enclosures.
#[derive(Clone, Debug)]
pub struct PiecewiseExp {
    /// Breakpoints `t_0 = 0 < t_1 < … < t_P = T`, exact.
    pub knots: Vec<Rational>,
    pub p: Vec<MpInterval>,
    pub q: Vec<MpInterval>,
    pub k: Vec<Rational>,
}

impl PiecewiseExp {
    /// `γ e^{κ t}` on [0, T] as one piece.
    pub fn exponential(gamma: &Rational, kappa: &Rational, t_end: &Rational, prec: u32) -> Self {
        PiecewiseExp {
            knots: vec![Rational::new(), t_end.clone()],
            p: vec![MpInterval::from_rational(prec, gamma)],
            q: vec![MpInterval::from_int(prec, 0)],
            k: vec![kappa.clone()],
        }
    }

    /// The solution of `ε′ = Kε − r(t)` with r piecewise constant (`r_i` on piece i) and
    /// `ε(0) = eps0`: on each piece `ε(t) = (ε_i − r_i/K) e^{K(t − t_i)} + r_i/K`. Such an ε meets
    /// the Grönwall hypothesis with γ ≥ eps0 whenever every r_i ≥ 0, since
    /// `γ + K∫_0^t ε − ε(t) = (γ − eps0) + ∫_0^t r`.
    pub fn from_ode(
        eps0: &Rational,
        big_k: &Rational,
        knots: &[Rational],
        r: &[Rational],
        prec: u32,
    ) -> Self {
        assert!(*big_k > 0 && knots.len() == r.len() + 1);
        let mut p = vec![];
        let mut q = vec![];
        let mut value = MpInterval::from_rational(prec, eps0);
        for (i, ri) in r.iter().enumerate() {
            let c = MpInterval::from_rational(prec, &Rational::from(ri / big_k));
            let pi = value.sub(&c);
            let dt = Rational::from(&knots[i + 1] - &knots[i]);
            let growth = MpInterval::from_rational(prec, &Rational::from(big_k * &dt)).exp();
            value = pi.mul(&growth).add(&c);
            p.push(pi);
            q.push(c);
        }
        PiecewiseExp {
            knots: knots.to_vec(),
            p,
            q,
            k: vec![big_k.clone(); r.len()],
        }
    }

    fn piece(&self, t: &Rational) -> usize {
        let last = self.knots.len() - 2;
        (0..=last)
            .find(|&i| *t <= self.knots[i + 1])
            .unwrap_or(last)
    }

    fn piece_value(&self, i: usize, tau: &Rational) -> MpInterval {
        let prec = self.p[i].prec();
        let e = MpInterval::from_rational(prec, &Rational::from(&self.k[i] * tau)).exp();
        self.p[i].mul(&e).add(&self.q[i])
    }

    /// `∫_0^τ` of piece i started at its knot: `p (e^{kτ} − 1)/k + q τ` (`p τ + q τ` at k = 0).
    fn piece_integral(&self, i: usize, tau: &Rational) -> MpInterval {
        let prec = self.p[i].prec();
        let t = MpInterval::from_rational(prec, tau);
        let exp_part = if self.k[i] == 0 {
            self.p[i].mul(&t)
        } else {
            let kt = MpInterval::from_rational(prec, &Rational::from(&self.k[i] * tau));
            self.p[i]
                .mul(&kt.exp_m1())
                .div(&MpInterval::from_rational(prec, &self.k[i]))
        };
        exp_part.add(&self.q[i].mul(&t))
    }

    /// ε(t), enclosed.
    pub fn value(&self, t: &Rational) -> MpInterval {
        let i = self.piece(t);
        self.piece_value(i, &Rational::from(t - &self.knots[i]))
    }

    /// `∫_0^t ε`, enclosed.
    pub fn integral(&self, t: &Rational) -> MpInterval {
        let i = self.piece(t);
        let mut sum = MpInterval::from_int(self.p[0].prec(), 0);
        for j in 0..i {
            sum = sum
                .add(&self.piece_integral(j, &Rational::from(&self.knots[j + 1] - &self.knots[j])));
        }
        sum.add(&self.piece_integral(i, &Rational::from(t - &self.knots[i])))
    }

    /// The smallest lower endpoint of ε at the knots (ε is monotone on each piece).
    pub fn min_at_knots(&self) -> rug::Float {
        let mut m = self.value(&self.knots[0]).lo().clone();
        for t in &self.knots[1..] {
            let v = self.value(t);
            if *v.lo() < m {
                m = v.lo().clone();
            }
        }
        m
    }
}

/// What the Grönwall check found on a grid.
#[derive(Clone, Debug, Default)]
pub struct GronwallOutcome {
    /// First t where `γ + K∫ε − ε(t) < 0` certainly.
    pub hypothesis_violated_at: Option<Rational>,
    /// First t where `ε(t) > γe^{Kt}` certainly.
    pub conclusion_violated_at: Option<Rational>,
    /// Points where `ε(t)` and `γe^{Kt}` are not separated (equality within the enclosures).
    pub touching: usize,
    /// Widest relative enclosure of `γe^{Kt} − ε(t)` seen.
    pub max_width: f64,
}

/// Checks hypothesis and conclusion of Grönwall's inequality on a grid of t.
pub fn check_gronwall(
    f: &PiecewiseExp,
    gamma: &Rational,
    big_k: &Rational,
    grid: &[Rational],
) -> GronwallOutcome {
    let prec = f.p[0].prec();
    let g = MpInterval::from_rational(prec, gamma);
    let kk = MpInterval::from_rational(prec, big_k);
    let mut out = GronwallOutcome::default();
    for t in grid {
        let eps = f.value(t);
        let hyp = g.add(&kk.mul(&f.integral(t))).sub(&eps);
        if *hyp.hi() < 0 && out.hypothesis_violated_at.is_none() {
            out.hypothesis_violated_at = Some(t.clone());
        }
        let bound = g.mul(&MpInterval::from_rational(prec, &Rational::from(big_k * t)).exp());
        if bound.certainly_lt(&eps) {
            if out.conclusion_violated_at.is_none() {
                out.conclusion_violated_at = Some(t.clone());
            }
        } else if !eps.certainly_lt(&bound) {
            out.touching += 1;
            let w = bound.sub(&eps).width().to_f64() / bound.lo().to_f64().max(f64::MIN_POSITIVE);
            out.max_width = out.max_width.max(w);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The constants of (3.8)

/// `(a_n, b_n)` of (3.8), enclosed: `a_n = 4dαG A_n sinh A_n`, `b_n = 2√d αG sinh A_n`,
/// A_n = A/√n.
pub fn step_constants(
    d: u64,
    alpha: &Rational,
    g: &Rational,
    big_a: &Rational,
    n: u64,
    prec: u32,
) -> (MpInterval, MpInterval) {
    let an = MpInterval::from_rational(prec, big_a)
        .div(&MpInterval::from_rational(prec, &Rational::from(n)).sqrt());
    let sinh = an.sinh();
    let dd = MpInterval::from_rational(prec, &Rational::from(d));
    let ag = MpInterval::from_rational(prec, &Rational::from(alpha * g));
    let a_n = MpInterval::from_int(prec, 4)
        .mul(&dd)
        .mul(&ag)
        .mul(&an)
        .mul(&sinh);
    let b_n = MpInterval::from_int(prec, 2)
        .mul(&dd.sqrt())
        .mul(&ag)
        .mul(&sinh);
    (a_n, b_n)
}

/// The smallest n with `b_n ≤ 1/2` certainly, i.e. `n ≥ (A/asinh(1/(4√d αG)))²`; the answer is
/// certified: `b_{n0} ≤ 1/2` and (for n0 > 1) `b_{n0−1} > 1/2`, both by intervals.
/// `None` if the boundary cannot be separated at 256 bits (an exact tie).
pub fn half_contraction_n0(
    d: u64,
    alpha: &Rational,
    g: &Rational,
    big_a: &Rational,
) -> Option<u64> {
    let prec = 256;
    let c = MpInterval::from_int(prec, 4)
        .mul(&MpInterval::from_rational(prec, &Rational::from(d)).sqrt())
        .mul(&MpInterval::from_rational(prec, &Rational::from(alpha * g)));
    let x = MpInterval::from_rational(prec, big_a)
        .div(&MpInterval::from_int(prec, 1).div(&c).asinh())
        .square();
    let half = MpInterval::from_rational(prec, &Rational::from((1, 2)));
    let b = |n: u64| step_constants(d, alpha, g, big_a, n, prec).1;
    let good = |n: u64| *b(n).hi() <= *half.lo();
    let bad = |n: u64| half.certainly_lt(&b(n));
    // b_n decreases in n; the enclosure of the threshold puts the answer within one of this guess
    let mut n = (x.hi().to_f64().ceil().max(1.0)) as u64;
    for _ in 0..4 {
        if good(n) {
            break;
        }
        n += 1;
    }
    while n > 1 && good(n - 1) {
        n -= 1;
    }
    let certified = good(n) && (n == 1 || bad(n - 1));
    certified.then_some(n)
}
