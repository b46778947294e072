//! Gauss–Legendre quadrature in MPFR at any precision.
//!
//! This is the high-precision, *non-rigorous* path: its evidence is convergence (the `n`- and
//! `2n`-node rules agree), not an error bound. It serves as the second, independent way of
//! computing integrals the suite also knows in closed form.
//!
//! # Formula
//! `∫_lo^hi f ≈ (hi−lo)/2 · Σ_i w_i f(mid + (hi−lo)/2 · x_i)` with `x_i` the roots of the Legendre
//! polynomial `P_n` and `w_i = 2 / ((1 − x_i²) P_n′(x_i)²)`. The roots are found by Newton's
//! method from Tricomi's estimate `cos(π(i − 1/4)/(n + 1/2))`.

use rug::Float;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Nodes and weights of the `n`-point rule on `[−1, 1]` at `prec` bits.
#[derive(Clone, Debug)]
pub struct GaussLegendre {
    pub prec: u32,
    pub nodes: Vec<Float>,
    pub weights: Vec<Float>,
}

/// `(P_n(x), P_{n−1}(x))` by the three-term recurrence `(k+1)P_{k+1} = (2k+1)xP_k − kP_{k−1}`.
fn legendre(n: usize, x: &Float) -> (Float, Float) {
    let p = x.prec();
    let mut p0 = Float::with_val(p, 1);
    let mut p1 = x.clone();
    for k in 1..n {
        let k = k as u32;
        let p2 =
            (Float::with_val(p, x * &p1) * (2 * k + 1) - Float::with_val(p, &p0 * k)) / (k + 1);
        p0 = p1;
        p1 = p2;
    }
    (p1, p0)
}

impl GaussLegendre {
    /// The rule with `n ≥ 1` nodes at `prec` bits (Newton iteration to full precision).
    pub fn new(n: usize, prec: u32) -> Self {
        let wp = prec + 32;
        let mut nodes = Vec::with_capacity(n);
        let mut weights = Vec::with_capacity(n);
        let pi = Float::with_val(wp, rug::float::Constant::Pi);
        for i in 1..=n {
            let guess = Float::with_val(wp, &pi * (i as f64 - 0.25)) / (n as f64 + 0.5);
            let mut x = guess.cos();
            // Quadratic convergence from ~3 correct digits: log2(prec) + a few steps.
            let steps = 6 + (wp as f64).log2().ceil() as usize;
            for _ in 0..steps {
                let (pn, pn1) = legendre(n, &x);
                // P_n'(x) = n (x P_n − P_{n−1}) / (x² − 1)
                let x2m1 = Float::with_val(wp, x.square_ref()) - 1u32;
                let dp = (Float::with_val(wp, &x * &pn) - &pn1) * (n as u32) / &x2m1;
                let dx = Float::with_val(wp, &pn / &dp);
                x -= &dx;
                if dx.is_zero() || dx.get_exp().unwrap_or(0) < -(wp as i32) {
                    break;
                }
            }
            let (pn, pn1) = legendre(n, &x);
            let x2m1 = Float::with_val(wp, x.square_ref()) - 1u32;
            let dp = (Float::with_val(wp, &x * &pn) - &pn1) * (n as u32) / &x2m1;
            let one_m_x2 = Float::with_val(wp, 1u32) - Float::with_val(wp, x.square_ref());
            let w = Float::with_val(wp, 2u32) / (one_m_x2 * Float::with_val(wp, dp.square_ref()));
            nodes.push(Float::with_val(prec, &x));
            weights.push(Float::with_val(prec, &w));
        }
        GaussLegendre {
            prec,
            nodes,
            weights,
        }
    }

    /// `∫_lo^hi f(x) dx` by this rule; `f` receives the node at `prec` bits.
    pub fn integrate(&self, lo: &Float, hi: &Float, f: &dyn Fn(&Float) -> Float) -> Float {
        let p = self.prec;
        let half = Float::with_val(p, hi - lo) / 2u32;
        let mid = Float::with_val(p, hi + lo) / 2u32;
        let mut sum = Float::new(p);
        for (x, w) in self.nodes.iter().zip(&self.weights) {
            let t = Float::with_val(p, &half * x) + &mid;
            sum += Float::with_val(p, w * f(&t));
        }
        sum * half
    }
}

/// The `n`-node rule at `prec` bits, computed once per process and shared.
pub fn cached_rule(n: usize, prec: u32) -> Arc<GaussLegendre> {
    type Rules = HashMap<(usize, u32), Arc<GaussLegendre>>;
    static CACHE: OnceLock<Mutex<Rules>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(rule) = cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&(n, prec))
    {
        return rule.clone();
    }
    let rule = Arc::new(GaussLegendre::new(n, prec));
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert((n, prec), rule.clone());
    rule
}

/// The result of a converged quadrature.
#[derive(Clone, Debug)]
pub struct Quadrature {
    pub value: Float,
    /// Nodes of the finer rule used.
    pub nodes: usize,
    /// `|Q_{2n} − Q_n| / |Q_{2n}|`: the convergence evidence, not a bound.
    pub rel_change: Float,
}

/// Doubles the node count from `n0` until the `n`- and `2n`-node results agree to `rel_tol`
/// (or `max_nodes` is reached; then `rel_change` says how far it got).
pub fn integrate_converged(
    f: &dyn Fn(&Float) -> Float,
    lo: &Float,
    hi: &Float,
    prec: u32,
    rel_tol: &Float,
    n0: usize,
    max_nodes: usize,
) -> Quadrature {
    let mut n = n0.max(2);
    let mut prev = cached_rule(n, prec).integrate(lo, hi, f);
    loop {
        let next = cached_rule(2 * n, prec).integrate(lo, hi, f);
        let change =
            Float::with_val(prec, &next - &prev).abs() / Float::with_val(prec, next.clone().abs());
        if change <= *rel_tol || 2 * n >= max_nodes {
            return Quadrature {
                value: next,
                nodes: 2 * n,
                rel_change: change,
            };
        }
        prev = next;
        n *= 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrates_exp_on_unit_interval() {
        // ∫_0^1 e^x dx = e − 1
        let p = 200;
        let f = |x: &Float| x.clone().exp();
        let q = integrate_converged(
            &f,
            &Float::with_val(p, 0),
            &Float::with_val(p, 1),
            p,
            &Float::with_val(p, 1e-50),
            8,
            256,
        );
        let exact = Float::with_val(p, 1).exp() - 1u32;
        let err = Float::with_val(p, &q.value - &exact).abs();
        assert!(err < 1e-55, "error {err}, nodes {}", q.nodes);
    }
}
