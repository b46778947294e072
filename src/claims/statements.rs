//! The range statements the prover establishes for the claims (`verify prove ID`), each written
//! once as a formula and implemented in both interval arithmetics (inari and MPFR), so that a
//! certificate from one is re-checked by the other.
//!
//! Near 0 the closed forms cancel (C(a) ≈ 4a³/3 from terms of size 1), so every statement is
//! written through the exact positive series with their rigorous tail bounds: monotone in the
//! argument, hence sharp on wide boxes.

use crate::paper::normalizer::{C_OVER_A3, EXCESS_OVER_A4, M_OVER_A2};
use crate::rigorous::mpinterval::MpInterval;
use crate::rigorous::prover::{prove, recheck, Budget, Engine, Proof, Rejection, Statement};
use crate::rigorous::series::PositiveSeries;
use inari::Interval;
use rug::Rational;

/// The claims that have range statements.
pub const PROVABLE: [&str; 4] = ["c-closed-form", "c-taylor", "drift-limit", "density-fa"];

const ENTIRE: Interval = Interval::ENTIRE;

fn iv(x: f64) -> Interval {
    Interval::try_from((x, x)).expect("finite")
}

/// R(a)/a³ = (C(a)/(2a) − 2a²/3)/a³ = Σ_j c_{j+4}/2 · a^j; ratio 2(j+3)/((j+5)(j+2)).
pub const REMAINDER_OVER_A3: PositiveSeries = PositiveSeries {
    name: "(C(a)/(2a) − 2a²/3)/a³ in a",
    coeff: |j| crate::paper::normalizer::c_coefficient(j + 4) / 2u32,
    ratio: |j| Rational::from((2 * (j as u64 + 3), (j as u64 + 5) * (j as u64 + 2))),
};

fn series_inari(s: &PositiveSeries, x: Interval, terms: usize) -> Interval {
    s.enclose_inari(x, terms).unwrap_or(ENTIRE)
}

fn series_mp(s: &PositiveSeries, x: &MpInterval, terms: usize) -> MpInterval {
    s.enclose_mp(x, terms).unwrap_or_else(|_| {
        let p = x.prec();
        MpInterval::new(
            rug::Float::with_val(p, rug::float::Special::NegInfinity),
            rug::Float::with_val(p, rug::float::Special::Infinity),
        )
        .expect("ordered")
    })
}

// C(a)/a³ > 1 on [2^−20, 8]: C(a) > a³ > 0.
fn c_pos_inari(b: &[Interval]) -> Interval {
    series_inari(&C_OVER_A3, b[0], 64)
}
fn c_pos_mp(b: &[MpInterval]) -> MpInterval {
    series_mp(&C_OVER_A3, &b[0], 64)
}

// 2/3 < R(a)/a³ < 4/3 on [2^−20, 1 − 2^−10].
fn taylor_inari(b: &[Interval]) -> Interval {
    series_inari(&REMAINDER_OVER_A3, b[0], 40)
}
fn taylor_mp(b: &[MpInterval]) -> MpInterval {
    series_mp(&REMAINDER_OVER_A3, &b[0], 40)
}

// P₂(s) = (m(√s) − 2s/3)/s² = n(κ_n − 2A²/3)/A⁴ with s = A²/n.
fn p2_lower_inari(b: &[Interval]) -> Interval {
    series_inari(&EXCESS_OVER_A4, b[0], 32)
}
fn p2_lower_mp(b: &[MpInterval]) -> MpInterval {
    series_mp(&EXCESS_OVER_A4, &b[0], 32)
}
fn p2_upper_inari(b: &[Interval]) -> Interval {
    (iv(1.0) - b[0] / iv(28.0)) * series_inari(&EXCESS_OVER_A4, b[0], 32)
}
fn p2_upper_mp(b: &[MpInterval]) -> MpInterval {
    let p = b[0].prec();
    let f = MpInterval::from_int(p, 1).sub(&b[0].div(&MpInterval::from_int(p, 28)));
    f.mul(&series_mp(&EXCESS_OVER_A4, &b[0], 32))
}

/// S(y) = sinh(y)/y over y ≥ 0 (increasing; S(0) = 1), inari.
fn s_inari(y: Interval) -> Interval {
    let at = |v: f64| {
        if v == 0.0 {
            iv(1.0)
        } else {
            iv(v).sinh() / iv(v)
        }
    };
    let lo = at(y.inf().max(0.0));
    let hi = at(y.sup());
    Interval::try_from((lo.inf(), hi.sup())).unwrap_or(ENTIRE)
}

fn s_mp(y: &MpInterval) -> MpInterval {
    let p = y.prec();
    let at = |v: &rug::Float| {
        if v.is_zero() || *v < 0 {
            MpInterval::from_int(p, 1)
        } else {
            let x = MpInterval::new(v.clone(), v.clone()).expect("point");
            x.sinh().div(&x)
        }
    };
    at(y.lo()).hull(&at(y.hi()))
}

// g(a, t) = a³ f_a(at)/(a²(1 − t²)) = a² S(a(1+t)/2) S(a(1−t)/2)/(2 m(a)) > 1/2, i.e.
// f_a(x) ≥ (a² − x²)/(2a³) ≥ 0 on a ∈ [2^−10, 8], |x| ≤ a.
fn density_inari(b: &[Interval]) -> Interval {
    let (a, t) = (b[0], b[1]);
    let half = iv(0.5);
    let one = iv(1.0);
    let p = s_inari(a * (one + t) * half);
    let q = s_inari(a * (one - t) * half);
    let m = a.sqr() * series_inari(&M_OVER_A2, a.sqr(), 48);
    a.sqr() * p * q / (iv(2.0) * m)
}
fn density_mp(b: &[MpInterval]) -> MpInterval {
    let (a, t) = (&b[0], &b[1]);
    let pr = a.prec();
    let half = MpInterval::from_rational(pr, &Rational::from((1, 2)));
    let one = MpInterval::from_int(pr, 1);
    let p = s_mp(&a.mul(&one.add(t)).mul(&half));
    let q = s_mp(&a.mul(&one.sub(t)).mul(&half));
    let s = a.square();
    let m = s.mul(&series_mp(&M_OVER_A2, &s, 48));
    s.mul(&p).mul(&q).div(&MpInterval::from_int(pr, 2).mul(&m))
}

const TWO_M20: f64 = 9.5367431640625e-7; // 2^−20
const TWO_M10: f64 = 9.765625e-4; // 2^−10
const TWO_M6: f64 = 0.015625; // 2^−6

/// The statements of a claim (empty if it has none).
pub fn statements_for(claim: &str) -> Vec<Statement> {
    match claim {
        "c-closed-form" => vec![Statement {
            id: "c-positive",
            description: "C(a)/a³ > 1 (so C(a) > 0) for a ∈ [2^−20, 8]",
            domain: &[(TWO_M20, 8.0)],
            lower: Some(1.0),
            upper: None,
            inari: c_pos_inari,
            mpfr: c_pos_mp,
            mpfr_prec: 128,
        }],
        "c-taylor" => vec![Statement {
            id: "c-taylor-remainder",
            description: "2/3 < (C(a)/(2a) − 2a²/3)/a³ < 4/3 for a ∈ [2^−20, 1 − 2^−10] (a = 1 gives 4/3 exactly)",
            domain: &[(TWO_M20, 1.0 - TWO_M10)],
            lower: Some(2.0 / 3.0),
            upper: Some(4.0 / 3.0),
            inari: taylor_inari,
            mpfr: taylor_mp,
            mpfr_prec: 128,
        }],
        "drift-limit" => vec![
            Statement {
                id: "drift-lower",
                description: "P₂(s) = n(κ_n − 2A²/3)/A⁴ > 1/15 for s = A²/n ∈ [2^−6, 25]",
                domain: &[(TWO_M6, 25.0)],
                lower: Some(1.0 / 15.0),
                upper: None,
                inari: p2_lower_inari,
                mpfr: p2_lower_mp,
                mpfr_prec: 128,
            },
            Statement {
                id: "drift-upper",
                description: "(1 − s/28)·P₂(s) < 1/15 for s = A²/n ∈ [2^−6, 25]",
                domain: &[(TWO_M6, 25.0)],
                lower: None,
                upper: Some(1.0 / 15.0),
                inari: p2_upper_inari,
                mpfr: p2_upper_mp,
                mpfr_prec: 128,
            },
        ],
        "density-fa" => vec![Statement {
            id: "density-lower-bound",
            description: "a³f_a(at)/(a²(1 − t²)) > 1/2, i.e. f_a(x) ≥ (a² − x²)/(2a³) ≥ 0, for a ∈ [2^−10, 8], t = x/a ∈ [−1, 1]",
            domain: &[(TWO_M10, 8.0), (-1.0, 1.0)],
            lower: Some(0.5),
            upper: None,
            inari: density_inari,
            mpfr: density_mp,
            mpfr_prec: 128,
        }],
        _ => vec![],
    }
}

/// A proof of one statement, and the re-check of its certificate by the other engine.
pub struct CheckedProof {
    pub statement: Statement,
    pub proof: Proof,
    pub recheck: Result<(), Rejection>,
    pub recheck_seconds: f64,
}

impl CheckedProof {
    pub fn holds(&self) -> bool {
        self.proof.proved() && self.recheck.is_ok()
    }
    /// One line: boxes, depth, smallest margin, the re-check; with `times`, the seconds too
    /// (kept out of audit reports, which must be byte-identical for a seed).
    pub fn summary(&self, times: bool) -> String {
        let c = &self.proof.certificate;
        let t = |s: f64| {
            if times {
                format!(" in {s:.3} s")
            } else {
                String::new()
            }
        };
        format!(
            "{}: {} boxes ({} evaluated), depth {}, smallest margin {}, by {}{}; re-check by {}: {}{}",
            c.id,
            c.boxes.len(),
            self.proof.evaluations,
            c.max_depth,
            c.smallest_margin,
            c.engine.name(),
            t(self.proof.seconds),
            c.engine.other().name(),
            match &self.recheck {
                Ok(()) => "every box holds".to_string(),
                Err(e) => format!("REJECTED, {e}"),
            },
            t(self.recheck_seconds)
        )
    }
}

/// Proves every statement of a claim and re-checks each certificate.
pub fn prove_claim(claim: &str, engine: Engine) -> Vec<CheckedProof> {
    statements_for(claim)
        .into_iter()
        .map(|st| {
            let proof = prove(&st, engine, Budget::default());
            let t = std::time::Instant::now();
            let recheck = if proof.proved() {
                recheck(&st, &proof.certificate)
            } else {
                Err(Rejection::NotDecided {
                    index: 0,
                    detail: format!("{} boxes undecided", proof.undecided.len()),
                })
            };
            CheckedProof {
                statement: st,
                proof,
                recheck,
                recheck_seconds: t.elapsed().as_secs_f64(),
            }
        })
        .collect()
}

/// Looks up the statement a certificate names.
pub fn find_statement(id: &str) -> Option<Statement> {
    PROVABLE
        .iter()
        .flat_map(|c| statements_for(c))
        .find(|s| s.id == id)
}
