//! The replicate engine: runs the process (3.2) against its limit (3.5) and accumulates, on
//! the fly and in O(d) memory, the two errors of Theorem 1 for each replicate:
//! `sup_ℓ ‖θ^{(ℓ)} − Z_{ℓ/n}‖²` and `‖θ^{(n)} − Z_1‖²`.
//!
//! Every replicate draws from its own ChaCha8 stream keyed by (seed, experiment, cell,
//! replicate); replicates run on rayon and are collected in replicate order, so every result is
//! byte-identical for any thread count.

use crate::paper::flow::{flow_coefficient, Flow, LinearFlow, RidgeFlow, SeparableFlow};
use crate::paper::loss::{Linear, Loss, Quadratic, RidgeLogCosh, SeparableLogCosh};
use crate::paper::normalizer::Scaling;
use crate::paper::stdp::{Stdp, StdpParams};
use crate::stats::rms_with_se;
use crate::streams::stream;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

/// The test losses of the suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossKind {
    Linear,
    LogCosh,
    Ridge,
    Quadratic,
}

impl LossKind {
    pub fn parse(s: &str) -> Option<LossKind> {
        match s {
            "linear" => Some(LossKind::Linear),
            "logcosh" => Some(LossKind::LogCosh),
            "ridge" => Some(LossKind::Ridge),
            "quadratic" => Some(LossKind::Quadratic),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            LossKind::Linear => "linear",
            LossKind::LogCosh => "logcosh",
            LossKind::Ridge => "ridge",
            LossKind::Quadratic => "quadratic",
        }
    }
}

/// The parameters of a test loss (the defaults of `verify simulate`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossParams {
    /// ‖g‖ of the linear loss (g = (1, …, 1)‖g‖/√d).
    pub g_norm: f64,
    /// w_i and c_i of the separable log-cosh loss.
    pub w: f64,
    pub c: f64,
    /// G and s* of the ridge loss (u = (1, …, 1)/√d).
    pub big_g: f64,
    pub s_star: f64,
    /// z0 = (z0, …, z0).
    pub z0: f64,
}

impl Default for LossParams {
    fn default() -> Self {
        LossParams {
            g_norm: 1.0,
            w: 1.0,
            c: 1.0,
            big_g: 1.0,
            s_star: 1.0,
            z0: 0.0,
        }
    }
}

/// A loss with its exact flow from z0.
pub struct Problem {
    pub kind: LossKind,
    pub loss: Box<dyn Loss>,
    pub flow: Box<dyn Flow>,
    pub z0: Vec<f64>,
}

/// Z_t = z0 e^{−κt} for the quadratic loss ½‖z‖².
struct QuadraticFlow {
    z0: Vec<f64>,
    kappa: f64,
}

impl Flow for QuadraticFlow {
    fn at(&self, t: f64, out: &mut [f64]) {
        let f = (-self.kappa * t).exp();
        for (o, z) in out.iter_mut().zip(&self.z0) {
            *o = z * f;
        }
    }
}

impl Problem {
    /// The loss of `kind` in dimension d with the flow for α and A.
    pub fn new(kind: LossKind, d: usize, p: &LossParams, alpha: f64, big_a: f64) -> Problem {
        let kappa = flow_coefficient(alpha, big_a);
        let z0 = vec![p.z0; d];
        let (loss, flow): (Box<dyn Loss>, Box<dyn Flow>) = match kind {
            LossKind::Linear => {
                let l = Linear::uniform(d, p.g_norm);
                let f = LinearFlow::new(&l, &z0, kappa);
                (Box::new(l), Box::new(f))
            }
            LossKind::LogCosh => {
                let l = SeparableLogCosh::uniform(d, p.w, p.c);
                let f = SeparableFlow::new(&l, &z0, kappa);
                (Box::new(l), Box::new(f))
            }
            LossKind::Ridge => {
                let l = RidgeLogCosh::uniform(d, p.big_g, p.s_star);
                let f = RidgeFlow::new(&l, &z0, kappa);
                (Box::new(l), Box::new(f))
            }
            LossKind::Quadratic => (
                Box::new(Quadratic { d }),
                Box::new(QuadraticFlow {
                    z0: z0.clone(),
                    kappa,
                }),
            ),
        };
        Problem {
            kind,
            loss,
            flow,
            z0,
        }
    }
}

/// The two squared errors of one replicate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplicateErrors {
    pub sup_sq: f64,
    pub terminal_sq: f64,
}

/// One replicate of (3.2) against (3.5), with its own stream.
pub fn replicate<R: rand::Rng>(
    problem: &Problem,
    params: &StdpParams,
    rng: &mut R,
) -> ReplicateErrors {
    let d = problem.z0.len();
    let mut sim = Stdp::new(problem.loss.as_ref(), params, &problem.z0, rng);
    let mut z = vec![0.0; d];
    let n = params.n;
    let mut sup: f64 = 0.0;
    let mut last = 0.0;
    for l in 1..=n {
        sim.step(rng);
        problem.flow.at(l as f64 / n as f64, &mut z);
        let e: f64 = sim
            .theta()
            .iter()
            .zip(&z)
            .map(|(a, b)| (a - b) * (a - b))
            .sum();
        sup = sup.max(e);
        last = e;
    }
    ReplicateErrors {
        sup_sq: sup,
        terminal_sq: last,
    }
}

/// Progress on stderr for long runs: only when stderr is a terminal and not quiet.
pub struct Progress {
    total: u64,
    done: AtomicU64,
    show: bool,
}

impl Progress {
    pub fn new(total: u64, quiet: bool) -> Self {
        Progress {
            total,
            done: AtomicU64::new(0),
            show: !quiet && std::io::stderr().is_terminal(),
        }
    }
    fn tick(&self) {
        let k = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.show && (k % (self.total / 100).max(1) == 0 || k == self.total) {
            eprint!(
                "\r{k}/{} replicates ({}%)",
                self.total,
                100 * k / self.total.max(1)
            );
            if k == self.total {
                eprintln!();
            }
        }
    }
}

/// All replicates of one cell, in replicate order (independent of the thread count).
pub fn run_cell(
    problem: &Problem,
    params: &StdpParams,
    seed: u64,
    experiment: &str,
    cell: u64,
    reps: u64,
    progress: Option<&Progress>,
) -> Vec<ReplicateErrors> {
    (0..reps)
        .into_par_iter()
        .map(|r| {
            let mut rng = stream(seed, experiment, cell, r);
            let out = replicate(problem, params, &mut rng);
            if let Some(p) = progress {
                p.tick();
            }
            out
        })
        .collect()
}

/// The summary of a cell: the two RMS errors with delta-method standard errors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellSummary {
    pub reps: u64,
    pub rmse_sup: f64,
    pub rmse_sup_se: f64,
    pub rmse_terminal: f64,
    pub rmse_terminal_se: f64,
}

pub fn summarize(errors: &[ReplicateErrors]) -> CellSummary {
    let sup: Vec<f64> = errors.iter().map(|e| e.sup_sq).collect();
    let term: Vec<f64> = errors.iter().map(|e| e.terminal_sq).collect();
    let (rs, rs_se) = rms_with_se(&sup);
    let (rt, rt_se) = rms_with_se(&term);
    CellSummary {
        reps: errors.len() as u64,
        rmse_sup: rs,
        rmse_sup_se: rs_se,
        rmse_terminal: rt,
        rmse_terminal_se: rt_se,
    }
}

/// The leading-order prediction of the terminal RMSE for L = g·z under the √-scaling:
/// `α A² ‖g‖ √((8d/9 − 4/45)/n)` (see the claim `linear-constant`).
pub fn linear_prediction(d: usize, n: u64, alpha: f64, big_a: f64, g_norm: f64) -> f64 {
    let c = 8.0 * d as f64 / 9.0 - 4.0 / 45.0;
    alpha * big_a * big_a * g_norm * (c / n as f64).sqrt()
}

/// What `verify simulate` asks for.
#[derive(Clone, Debug)]
pub struct SimulateRequest {
    pub kind: LossKind,
    pub d: usize,
    pub n: u64,
    pub reps: u64,
    pub alpha: f64,
    pub big_a: f64,
    pub scaling: Scaling,
    pub seed: u64,
    pub loss: LossParams,
}

/// Bad simulation input.
#[derive(Clone, Debug, PartialEq)]
pub struct SimulateError(pub String);

impl std::fmt::Display for SimulateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}
impl std::error::Error for SimulateError {}

impl SimulateRequest {
    /// Checks the request: d, n ≥ 1, reps ≥ 2, α, A > 0 and every parameter finite.
    ///
    /// # Errors
    /// A one-line reason.
    pub fn validate(&self) -> Result<(), SimulateError> {
        let bad = |s: String| Err(SimulateError(s));
        if self.d == 0 {
            return bad("--d must be at least 1".into());
        }
        if self.n == 0 {
            return bad("--n must be at least 1".into());
        }
        if self.reps < 2 {
            return bad("--reps must be at least 2 (a standard error needs two replicates)".into());
        }
        for (name, v) in [("--alpha", self.alpha), ("--a", self.big_a)] {
            if !v.is_finite() || v <= 0.0 {
                return bad(format!("{name} must be a positive finite number, got {v}"));
            }
        }
        let p = &self.loss;
        for (name, v) in [
            ("--gnorm", p.g_norm),
            ("--w", p.w),
            ("--c", p.c),
            ("--big-g", p.big_g),
            ("--s-star", p.s_star),
            ("--z0", p.z0),
        ] {
            if !v.is_finite() {
                return bad(format!("{name} must be finite, got {v}"));
            }
        }
        if self.d.checked_mul(8).is_none() || self.d > 1 << 24 {
            return bad(format!("--d {} is beyond the supported 2^24", self.d));
        }
        Ok(())
    }
}

/// Runs a simulation request.
///
/// # Errors
/// As [`SimulateRequest::validate`].
pub fn simulate(
    req: &SimulateRequest,
    quiet: bool,
) -> Result<(CellSummary, Option<f64>), SimulateError> {
    req.validate()?;
    let problem = Problem::new(req.kind, req.d, &req.loss, req.alpha, req.big_a);
    let params = StdpParams {
        alpha: req.alpha,
        big_a: req.big_a,
        n: req.n,
        scaling: req.scaling,
    };
    let progress = Progress::new(req.reps, quiet);
    let errors = run_cell(
        &problem,
        &params,
        req.seed,
        "simulate",
        0,
        req.reps,
        Some(&progress),
    );
    let prediction = (req.kind == LossKind::Linear && req.scaling == Scaling::Sqrt)
        .then(|| linear_prediction(req.d, req.n, req.alpha, req.big_a, req.loss.g_norm));
    Ok((summarize(&errors), prediction))
}
