//! A branch-and-bound prover for `lower < g(x) < upper` on a box in one or two variables, with
//! certificates that the *other* engine re-checks.
//!
//! The prover evaluates g over a box with interval arithmetic; a box is decided when its
//! enclosure lies strictly inside (lower, upper). Otherwise the box is bisected along its
//! relatively widest side, within a budget of boxes and depth. The result is either a
//! certificate — the boxes, each with the enclosure that decided it and its margin — or the boxes
//! that could not be decided, with the worst point value found on them (a counterexample when
//! it certainly violates the statement). A failed or undecided proof is reported, never passed.
//!
//! Re-checking ([`recheck`]) uses the other engine (inari ↔ outward-rounded MPFR): every box is
//! re-evaluated and must be decided again; the stored enclosure must be consistent (it must
//! decide the statement, and contain the other engine's enclosures of g at the box's corners
//! and centre); and the boxes must tile the domain exactly (1-D: contiguous; 2-D: inside the
//! domain, pairwise disjoint interiors, and total area equal to the domain's, in exact
//! rationals). Box corners are f64, i.e. exact dyadic rationals, so tiling is decided exactly.

use super::mpinterval::MpInterval;
use inari::Interval;
use rug::{Float, Rational};
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// The interval arithmetic used to evaluate g.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// inari's f64 intervals (fast).
    Inari,
    /// Outward-rounded MPFR intervals at the statement's precision.
    Mpfr,
}

impl Engine {
    pub fn other(self) -> Engine {
        match self {
            Engine::Inari => Engine::Mpfr,
            Engine::Mpfr => Engine::Inari,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Engine::Inari => "inari",
            Engine::Mpfr => "mpfr",
        }
    }
}

/// A statement `lower < g(x) < upper` for all x in `domain` (one or two variables).
#[derive(Clone, Copy)]
pub struct Statement {
    pub id: &'static str,
    pub description: &'static str,
    pub domain: &'static [(f64, f64)],
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// g enclosed with inari over a box.
    pub inari: fn(&[Interval]) -> Interval,
    /// g enclosed with MPFR intervals over a box (endpoints given at `mpfr_prec` bits).
    pub mpfr: fn(&[MpInterval]) -> MpInterval,
    pub mpfr_prec: u32,
}

/// How much the prover may do.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub max_boxes: usize,
    pub max_depth: u32,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_boxes: 400_000,
            max_depth: 48,
        }
    }
}

/// A decided box of a certificate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertBox {
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// The enclosure of g over the box, as decimal strings rounded outward.
    pub enclosure: [String; 2],
    /// min(enclosure.lo − lower, upper − enclosure.hi), rounded down.
    pub margin: String,
}

/// The certificate of one statement.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementCertificate {
    pub id: String,
    pub description: String,
    pub engine: Engine,
    pub domain: Vec<[f64; 2]>,
    /// Present in every certificate (`null` for no bound), never defaulted.
    #[serde(deserialize_with = "Option::deserialize")]
    pub lower: Option<f64>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub upper: Option<f64>,
    pub max_depth: u32,
    pub smallest_margin: String,
    pub boxes: Vec<CertBox>,
}

/// The certificate file: the claim and its statements.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    pub format: String,
    pub claim: String,
    pub statements: Vec<StatementCertificate>,
}

/// The format tag of certificate files.
pub const CERTIFICATE_FORMAT: &str = "bnn-sgd-verify certificate v1";

/// A box the prover could not decide.
#[derive(Clone, Debug)]
pub struct Undecided {
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// g at the box centre (point enclosure), the best counterexample candidate.
    pub centre_value: (f64, f64),
    /// Does the centre value certainly violate the statement?
    pub counterexample: bool,
}

/// What the prover did for one statement.
#[derive(Clone, Debug)]
pub struct Proof {
    pub certificate: StatementCertificate,
    pub undecided: Vec<Undecided>,
    pub evaluations: usize,
    pub seconds: f64,
}

impl Proof {
    pub fn proved(&self) -> bool {
        self.undecided.is_empty()
    }
}

fn to_iv(lo: f64, hi: f64) -> Interval {
    Interval::try_from((lo, hi)).expect("finite box")
}

/// g over a box with an engine, as (lo, hi) Floats (f64-exact for inari).
fn evaluate(st: &Statement, engine: Engine, lo: &[f64], hi: &[f64]) -> (Float, Float) {
    match engine {
        Engine::Inari => {
            let b: Vec<Interval> = lo.iter().zip(hi).map(|(&l, &h)| to_iv(l, h)).collect();
            let y = (st.inari)(&b);
            if y.is_empty() {
                let nan = Float::with_val(53, rug::float::Special::Nan);
                return (nan.clone(), nan);
            }
            (Float::with_val(53, y.inf()), Float::with_val(53, y.sup()))
        }
        Engine::Mpfr => {
            let p = st.mpfr_prec;
            let b: Vec<MpInterval> = lo
                .iter()
                .zip(hi)
                .map(|(&l, &h)| MpInterval::from_f64(p, l).hull(&MpInterval::from_f64(p, h)))
                .collect();
            let y = (st.mpfr)(&b);
            (y.lo().clone(), y.hi().clone())
        }
    }
}

/// Margin of an enclosure against the bounds (NaN-safe: a NaN enclosure has margin −∞).
fn margin(st_lower: Option<f64>, st_upper: Option<f64>, lo: &Float, hi: &Float) -> Float {
    let mut m = Float::with_val(64, rug::float::Special::Infinity);
    if lo.is_nan() || hi.is_nan() {
        return Float::with_val(64, rug::float::Special::NegInfinity);
    }
    if let Some(l) = st_lower {
        let d = Float::with_val_round(64, lo - l, rug::float::Round::Down).0;
        if d < m {
            m = d;
        }
    }
    if let Some(u) = st_upper {
        let d = Float::with_val_round(64, u - hi.clone(), rug::float::Round::Down).0;
        if d < m {
            m = d;
        }
    }
    m
}

fn dec(x: &Float, round: rug::float::Round) -> String {
    super::mpinterval::decimal(x, 20, round)
}

/// Proves a statement with `engine` within `budget`.
pub fn prove(st: &Statement, engine: Engine, budget: Budget) -> Proof {
    let t0 = Instant::now();
    let dims = st.domain.len();
    let mut stack: Vec<(Vec<f64>, Vec<f64>, u32)> = vec![(
        st.domain.iter().map(|d| d.0).collect(),
        st.domain.iter().map(|d| d.1).collect(),
        0,
    )];
    let mut boxes = vec![];
    let mut undecided = vec![];
    let mut evaluations = 0usize;
    let mut depth_seen = 0;
    let mut smallest: Option<Float> = None;
    while let Some((lo, hi, depth)) = stack.pop() {
        evaluations += 1;
        depth_seen = depth_seen.max(depth);
        let (ylo, yhi) = evaluate(st, engine, &lo, &hi);
        let m = margin(st.lower, st.upper, &ylo, &yhi);
        if m > 0 {
            // the certificate stores the enclosure as decimals rounded outward; its margin is
            // computed from those, so the re-checker finds exactly what is claimed
            let enclosure = [
                dec(&ylo, rug::float::Round::Down),
                dec(&yhi, rug::float::Round::Up),
            ];
            let (clo, chi) = (parse_float(&enclosure[0]), parse_float(&enclosure[1]));
            let m = match (clo, chi) {
                (Ok(l), Ok(h)) => margin(st.lower, st.upper, &l, &h),
                _ => m,
            };
            if m > 0 {
                if smallest.as_ref().is_none_or(|s| m < *s) {
                    smallest = Some(m.clone());
                }
                boxes.push(CertBox {
                    lo,
                    hi,
                    enclosure,
                    margin: dec(&m, rug::float::Round::Down),
                });
                continue;
            }
        }
        // bisect the side whose halves are best decided (the larger worst-child margin); in 1-D
        // there is one side. Within the budget, and only where f64 can still split.
        let split_margin = |k: usize| -> Float {
            let mid = lo[k] + (hi[k] - lo[k]) / 2.0;
            let mut hi1 = hi.clone();
            hi1[k] = mid;
            let mut lo2 = lo.clone();
            lo2[k] = mid;
            let (a1, b1) = evaluate(st, engine, &lo, &hi1);
            let (a2, b2) = evaluate(st, engine, &lo2, &hi);
            let m1 = margin(st.lower, st.upper, &a1, &b1);
            let m2 = margin(st.lower, st.upper, &a2, &b2);
            if m1 < m2 {
                m1
            } else {
                m2
            }
        };
        let k = if dims == 1 {
            0
        } else {
            evaluations += 2 * dims;
            (0..dims)
                .map(|k| (k, split_margin(k)))
                .max_by(|x, y| x.1.partial_cmp(&y.1).unwrap_or(std::cmp::Ordering::Equal))
                .map(|x| x.0)
                .unwrap_or(0)
        };
        let mid = lo[k] + (hi[k] - lo[k]) / 2.0;
        let splittable = mid > lo[k] && mid < hi[k];
        if depth >= budget.max_depth || evaluations + stack.len() >= budget.max_boxes || !splittable
        {
            let c: Vec<f64> = lo.iter().zip(&hi).map(|(l, h)| l + (h - l) / 2.0).collect();
            let (clo, chi) = evaluate(st, engine, &c, &c);
            let violates = st.lower.is_some_and(|l| chi < l) || st.upper.is_some_and(|u| clo > u);
            undecided.push(Undecided {
                lo,
                hi,
                centre_value: (clo.to_f64(), chi.to_f64()),
                counterexample: violates,
            });
            continue;
        }
        let mut hi1 = hi.clone();
        hi1[k] = mid;
        let mut lo2 = lo.clone();
        lo2[k] = mid;
        stack.push((lo2, hi, depth + 1));
        stack.push((lo, hi1, depth + 1));
    }
    Proof {
        certificate: StatementCertificate {
            id: st.id.to_string(),
            description: st.description.to_string(),
            engine,
            domain: st.domain.iter().map(|&(a, b)| [a, b]).collect(),
            lower: st.lower,
            upper: st.upper,
            max_depth: depth_seen,
            smallest_margin: smallest
                .map(|m| dec(&m, rug::float::Round::Down))
                .unwrap_or_else(|| "none".into()),
            boxes,
        },
        undecided,
        evaluations,
        seconds: t0.elapsed().as_secs_f64(),
    }
}

/// Why a certificate was rejected.
#[derive(Clone, Debug, PartialEq)]
pub enum Rejection {
    WrongStatement(String),
    NotATiling(String),
    NotDecided { index: usize, detail: String },
    BadEnclosure { index: usize, detail: String },
    Malformed(String),
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejection::WrongStatement(s) => {
                write!(f, "certificate does not match the statement: {s}")
            }
            Rejection::NotATiling(s) => write!(f, "boxes do not tile the domain: {s}"),
            Rejection::NotDecided { index, detail } => {
                write!(f, "box {index} is not decided by the re-check: {detail}")
            }
            Rejection::BadEnclosure { index, detail } => {
                write!(f, "box {index} carries an invalid enclosure: {detail}")
            }
            Rejection::Malformed(s) => write!(f, "malformed certificate: {s}"),
        }
    }
}
impl std::error::Error for Rejection {}

fn parse_float(s: &str) -> Result<Float, Rejection> {
    Float::parse(s)
        .map(|p| Float::with_val(256, p))
        .map_err(|_| Rejection::Malformed(format!("'{s}' is not a number")))
}

fn rational(x: f64) -> Rational {
    Rational::from_f64(x).unwrap_or_default()
}

impl StatementCertificate {
    /// The certificate's own consistency, before any arithmetic: every box has the domain's
    /// dimension and finite corners, every enclosure end and margin is a number (no NaN), every
    /// margin is finite and positive (a decided box has one), and so is the smallest.
    ///
    /// # Errors
    /// [`Rejection::Malformed`] naming the first field that is not what it must be.
    pub fn validate(&self) -> Result<(), Rejection> {
        let bad = |s: String| Err(Rejection::Malformed(format!("{}: {s}", self.id)));
        if self.domain.is_empty() || self.domain.iter().flatten().any(|x| !x.is_finite()) {
            return bad("the domain must be finite and non-empty".into());
        }
        if self.boxes.is_empty() {
            return bad("no boxes".into());
        }
        let finite_positive = |s: &str| match parse_float(s) {
            Ok(x) => x.is_finite() && x > 0,
            Err(_) => false,
        };
        if !finite_positive(&self.smallest_margin) {
            return bad(format!(
                "smallest_margin '{}' is not a finite positive number",
                self.smallest_margin
            ));
        }
        for (i, b) in self.boxes.iter().enumerate() {
            if b.lo.len() != self.domain.len() || b.hi.len() != self.domain.len() {
                return bad(format!("box {i} has the wrong dimension"));
            }
            if b.lo.iter().chain(&b.hi).any(|x| !x.is_finite()) {
                return bad(format!("box {i} has a corner that is not finite"));
            }
            for e in &b.enclosure {
                if parse_float(e).map_or(true, |x| x.is_nan()) {
                    return bad(format!("box {i}: enclosure end '{e}' is not a number"));
                }
            }
            if !finite_positive(&b.margin) {
                return bad(format!(
                    "box {i}: margin '{}' is not a finite positive number",
                    b.margin
                ));
            }
        }
        Ok(())
    }
}

/// Exact check that the boxes tile the domain.
fn check_tiling(cert: &StatementCertificate) -> Result<(), Rejection> {
    let dims = cert.domain.len();
    for (i, b) in cert.boxes.iter().enumerate() {
        if b.lo.len() != dims || b.hi.len() != dims {
            return Err(Rejection::Malformed(format!(
                "box {i} has the wrong dimension"
            )));
        }
        for k in 0..dims {
            if b.lo[k].partial_cmp(&b.hi[k]) != Some(std::cmp::Ordering::Less)
                || b.lo[k] < cert.domain[k][0]
                || b.hi[k] > cert.domain[k][1]
            {
                return Err(Rejection::NotATiling(format!(
                    "box {i} is empty or leaves the domain"
                )));
            }
        }
    }
    if dims == 1 {
        let mut iv: Vec<(f64, f64)> = cert.boxes.iter().map(|b| (b.lo[0], b.hi[0])).collect();
        iv.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut at = cert.domain[0][0];
        for (lo, hi) in iv {
            if lo != at {
                return Err(Rejection::NotATiling(format!("gap or overlap at {at}")));
            }
            at = hi;
        }
        if at != cert.domain[0][1] {
            return Err(Rejection::NotATiling(format!("ends at {at}")));
        }
        return Ok(());
    }
    // 2-D: exact area and pairwise disjoint interiors
    let area = |lo: &[f64], hi: &[f64]| -> Rational {
        (0..dims).fold(Rational::from(1), |acc, k| {
            acc * (rational(hi[k]) - rational(lo[k]))
        })
    };
    let dom_lo: Vec<f64> = cert.domain.iter().map(|d| d[0]).collect();
    let dom_hi: Vec<f64> = cert.domain.iter().map(|d| d[1]).collect();
    let total = cert
        .boxes
        .iter()
        .fold(Rational::new(), |acc, b| acc + area(&b.lo, &b.hi));
    if total != area(&dom_lo, &dom_hi) {
        return Err(Rejection::NotATiling(
            "areas do not add up to the domain's".into(),
        ));
    }
    let mut order: Vec<usize> = (0..cert.boxes.len()).collect();
    order.sort_by(|&i, &j| cert.boxes[i].lo[0].total_cmp(&cert.boxes[j].lo[0]));
    for (oi, &i) in order.iter().enumerate() {
        let a = &cert.boxes[i];
        for &j in &order[oi + 1..] {
            let b = &cert.boxes[j];
            if b.lo[0] >= a.hi[0] {
                break;
            }
            let overlap = (0..dims).all(|k| a.lo[k] < b.hi[k] && b.lo[k] < a.hi[k]);
            if overlap {
                return Err(Rejection::NotATiling(format!("boxes {i} and {j} overlap")));
            }
        }
    }
    Ok(())
}

/// Re-checks one statement's certificate with the engine other than the one that produced it.
///
/// # Errors
/// The first [`Rejection`] found.
pub fn recheck(st: &Statement, cert: &StatementCertificate) -> Result<(), Rejection> {
    cert.validate()?;
    let domain: Vec<[f64; 2]> = st.domain.iter().map(|&(a, b)| [a, b]).collect();
    if cert.id != st.id
        || cert.description != st.description
        || cert.domain != domain
        || cert.lower != st.lower
        || cert.upper != st.upper
    {
        return Err(Rejection::WrongStatement(format!(
            "{} on {:?} with bounds ({:?}, {:?})",
            cert.id, cert.domain, cert.lower, cert.upper
        )));
    }
    check_tiling(cert)?;
    let engine = cert.engine.other();
    for (i, b) in cert.boxes.iter().enumerate() {
        let slo = parse_float(&b.enclosure[0])?;
        let shi = parse_float(&b.enclosure[1])?;
        // the stored enclosure must decide the statement, with the stored margin
        let m = margin(st.lower, st.upper, &slo, &shi);
        if m <= 0 {
            return Err(Rejection::BadEnclosure {
                index: i,
                detail: "stored enclosure does not decide the statement".into(),
            });
        }
        if parse_float(&b.margin)? > m {
            return Err(Rejection::BadEnclosure {
                index: i,
                detail: "stored margin exceeds what the enclosure gives".into(),
            });
        }
        // the other engine must decide the box on its own
        let (ylo, yhi) = evaluate(st, engine, &b.lo, &b.hi);
        if margin(st.lower, st.upper, &ylo, &yhi) <= 0 {
            return Err(Rejection::NotDecided {
                index: i,
                detail: format!(
                    "{} gives [{}, {}]",
                    engine.name(),
                    ylo.to_f64(),
                    yhi.to_f64()
                ),
            });
        }
        // the stored enclosure must contain g at the corners and centre (by the other engine)
        let dims = b.lo.len();
        let mut points: Vec<Vec<f64>> = (0..(1usize << dims))
            .map(|mask| {
                (0..dims)
                    .map(|k| if mask >> k & 1 == 1 { b.hi[k] } else { b.lo[k] })
                    .collect()
            })
            .collect();
        points.push(
            (0..dims)
                .map(|k| b.lo[k] + (b.hi[k] - b.lo[k]) / 2.0)
                .collect(),
        );
        for p in points {
            let (plo, phi) = evaluate(st, engine, &p, &p);
            if phi < slo || plo > shi {
                return Err(Rejection::BadEnclosure {
                    index: i,
                    detail: format!(
                        "g{p:?} ∈ [{}, {}] lies outside the stored [{}, {}]",
                        plo.to_f64(),
                        phi.to_f64(),
                        b.enclosure[0],
                        b.enclosure[1]
                    ),
                });
            }
        }
    }
    Ok(())
}
