//! The replicate engine: runs the process (3.2) against its limit (3.5) and accumulates, on
//! the fly and in O(d) memory, the two errors of Theorem 1 for each replicate:
//! `sup_ℓ ‖θ^{(ℓ)} − Z_{ℓ/n}‖²` and `‖θ^{(n)} − Z_1‖²`.
//!
//! Every replicate draws from its own ChaCha8 stream keyed by (seed, experiment, cell,
//! replicate); replicates run on rayon and are collected in replicate order, so every result is
//! byte-identical for any thread count.

use crate::paper::flow::{flow_coefficient, Flow, LinearFlow, RidgeFlow, SeparableFlow};
use crate::paper::loss::{log_cosh, log_cosh_block};
use crate::paper::loss::{Linear, Loss, Quadratic, RidgeLogCosh, SeparableLogCosh};
use crate::paper::normalizer::Scaling;
use crate::paper::stdp::{
    stdp_factor, stdp_factor_poly, stdp_factor_poly7, stdp_factor_poly9, Stdp, StdpParams,
    SINH_POLY_MAX,
};
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
    /// The loss's data in the form the engine's inner loop reads (contiguous, no dispatch).
    kernel: Kernel,
}

/// Loss data for the engine's specialised inner loops.
enum Kernel {
    /// g of L = g·z.
    Linear(Vec<f64>),
    /// u, G and s* of L = G log cosh(u·z − s*).
    Ridge(Vec<f64>, f64, f64),
    /// w and c of L = Σ w_i log cosh(z_i − c_i).
    LogCosh(Vec<f64>, Vec<f64>),
    /// Any other loss, through [`Loss::value_at_sum`].
    Generic,
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
        let (loss, flow, kernel): (Box<dyn Loss>, Box<dyn Flow>, Kernel) = match kind {
            LossKind::Linear => {
                let l = Linear::uniform(d, p.g_norm);
                let f = LinearFlow::new(&l, &z0, kappa);
                let k = Kernel::Linear(l.g.clone());
                (Box::new(l), Box::new(f), k)
            }
            LossKind::LogCosh => {
                let l = SeparableLogCosh::uniform(d, p.w, p.c);
                let f = SeparableFlow::new(&l, &z0, kappa);
                let k = Kernel::LogCosh(l.w.clone(), l.c.clone());
                (Box::new(l), Box::new(f), k)
            }
            LossKind::Ridge => {
                let l = RidgeLogCosh::uniform(d, p.big_g, p.s_star);
                let f = RidgeFlow::new(&l, &z0, kappa);
                let k = Kernel::Ridge(l.u.clone(), l.g, l.s_star);
                (Box::new(l), Box::new(f), k)
            }
            LossKind::Quadratic => (
                Box::new(Quadratic { d }),
                Box::new(QuadraticFlow {
                    z0: z0.clone(),
                    kappa,
                }),
                Kernel::Generic,
            ),
        };
        Problem {
            kind,
            loss,
            flow,
            z0,
            kernel,
        }
    }
}

/// The two squared errors of one replicate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplicateErrors {
    pub sup_sq: f64,
    pub terminal_sq: f64,
}

/// One replicate of (3.2) against (3.5), with its own stream: the reference implementation on
/// [`Stdp`] (one draw at a time, the loss through its trait). The engine ([`replicate`]) must
/// agree with it up to the last bits.
pub fn replicate_reference<R: rand::Rng>(
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

/// d uniforms on [−h, h) from one block of the stream: the same numbers, in the same order, as
/// d calls of `h·(2·random::<f64>() − 1)`.
#[inline(always)]
fn draw_block<R: rand::Rng>(rng: &mut R, bits: &mut [u64], u: &mut [f64], h: f64) {
    rng.fill_bytes(bytemuck::cast_slice_mut(bits));
    for (ui, &b) in u.iter_mut().zip(bits.iter()) {
        *ui = h * (2.0 * unit_f64(b) - 1.0);
    }
}

/// Σ w_i(θ_i + u_i) with four partial sums (the chains run in parallel on the FPU).
#[inline(always)]
fn dot_shifted(w: &[f64], theta: &[f64], u: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (w4, wr) = w.split_at(w.len() / 4 * 4);
    let (t4, tr) = theta.split_at(w4.len());
    let (u4, ur) = u.split_at(w4.len());
    for ((w, t), u) in w4
        .chunks_exact(4)
        .zip(t4.chunks_exact(4))
        .zip(u4.chunks_exact(4))
    {
        for k in 0..4 {
            acc[k] = w[k].mul_add(t[k] + u[k], acc[k]);
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for ((w, t), u) in wr.iter().zip(tr).zip(ur) {
        s = w.mul_add(t + u, s);
    }
    s
}

/// Σ w_i log cosh(θ_i + u_i − c_i), eight lanes at a time through [`log_cosh_block`] (the rest
/// through libm), with eight partial sums.
#[inline(always)]
fn separable_log_cosh(w: &[f64], c: &[f64], theta: &[f64], u: &[f64]) -> f64 {
    // zipped exact chunks: no bounds checks inside, so the blocks vectorise (3× faster)
    let mut acc = [0.0f64; 8];
    let blocks = w
        .chunks_exact(8)
        .zip(c.chunks_exact(8))
        .zip(theta.chunks_exact(8))
        .zip(u.chunks_exact(8));
    for (((w8, c8), t8), u8) in blocks {
        let mut y = [0.0f64; 8];
        for l in 0..8 {
            y[l] = t8[l] + u8[l] - c8[l];
        }
        let lc = log_cosh_block(y);
        for l in 0..8 {
            acc[l] = w8[l].mul_add(lc[l], acc[l]);
        }
    }
    let mut s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for i in w.len() / 8 * 8..w.len() {
        s = w[i].mul_add(log_cosh(theta[i] + u[i] - c[i]), s);
    }
    s
}

/// θ_i += inc·φ(u_i) and Σ(θ_i − z_i)², four partial sums; φ by its polynomial when every
/// |u_i| ≤ h ≤ [`SINH_POLY_MAX`], else through [`stdp_factor`]. Written on 4-element arrays so
/// that the compiler maps each block to one AVX register.
#[inline(always)]
fn update_and_error<P: Fn(f64) -> f64>(
    theta: &mut [f64],
    u: &[f64],
    z: &[f64],
    inc: f64,
    poly: Option<P>,
) -> f64 {
    let mut acc = [0.0f64; 4];
    let len4 = theta.len() / 4 * 4;
    let mut i = 0;
    if let Some(phi) = &poly {
        while i < len4 {
            let t: [f64; 4] = theta[i..i + 4].try_into().expect("4");
            let uu: [f64; 4] = u[i..i + 4].try_into().expect("4");
            let zz: [f64; 4] = z[i..i + 4].try_into().expect("4");
            let mut nt = [0.0f64; 4];
            for k in 0..4 {
                nt[k] = t[k] + inc * phi(uu[k]);
                let r = nt[k] - zz[k];
                acc[k] = r.mul_add(r, acc[k]);
            }
            theta[i..i + 4].copy_from_slice(&nt);
            i += 4;
        }
    }
    let mut e = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    while i < theta.len() {
        theta[i] += inc * poly.as_ref().map_or_else(|| stdp_factor(u[i]), |p| p(u[i]));
        let r = theta[i] - z[i];
        e = r.mul_add(r, e);
        i += 1;
    }
    e
}

/// As [`update_and_error`] with the flow fused in: z_i = a_i + b_i·c. (Kept as a second loop on
/// purpose: the same loop with z given by a closure measured 10 % slower — the closure's
/// indexing stops the block from vectorising.)
#[inline(always)]
fn update_and_error_affine<P: Fn(f64) -> f64>(
    theta: &mut [f64],
    u: &[f64],
    a: &[f64],
    b: &[f64],
    c: f64,
    inc: f64,
    poly: Option<P>,
) -> f64 {
    let mut acc = [0.0f64; 4];
    let len4 = theta.len() / 4 * 4;
    let mut i = 0;
    if let Some(phi) = &poly {
        while i < len4 {
            let t: [f64; 4] = theta[i..i + 4].try_into().expect("4");
            let uu: [f64; 4] = u[i..i + 4].try_into().expect("4");
            let aa: [f64; 4] = a[i..i + 4].try_into().expect("4");
            let bb: [f64; 4] = b[i..i + 4].try_into().expect("4");
            let mut nt = [0.0f64; 4];
            for k in 0..4 {
                nt[k] = t[k] + inc * phi(uu[k]);
                let r = nt[k] - (aa[k] + bb[k] * c);
                acc[k] = r.mul_add(r, acc[k]);
            }
            theta[i..i + 4].copy_from_slice(&nt);
            i += 4;
        }
    }
    let mut e = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    while i < theta.len() {
        theta[i] += inc * poly.as_ref().map_or_else(|| stdp_factor(u[i]), |p| p(u[i]));
        let r = theta[i] - (a[i] + b[i] * c);
        e = r.mul_add(r, e);
        i += 1;
    }
    e
}

/// The engine's inner loop for one replicate, generic over the loss evaluation (monomorphised
/// for the linear and ridge kernels). Memory O(d): θ, the noise, its bits and Z_t.
/// The scalar c(ℓ/n), ℓ = 1…n, of an affine flow Z_t = a + c(t)·b, computed once per cell and
/// shared by its replicates (n numbers, not the n × d path).
pub struct FlowTable {
    pub c: Vec<f64>,
}

impl FlowTable {
    /// `None` unless the flow is affine.
    pub fn new(problem: &Problem, n: u64) -> Option<FlowTable> {
        problem.flow.affine_at(0.0)?;
        let c = (1..=n)
            .map(|l| {
                problem
                    .flow
                    .affine_at(l as f64 / n as f64)
                    .map(|x| x.2)
                    .unwrap_or(f64::NAN)
            })
            .collect();
        Some(FlowTable { c })
    }
}

#[inline(always)]
fn run_replicate<R: rand::Rng, F: Fn(&[f64], &[f64]) -> f64, P: Fn(f64) -> f64 + Copy>(
    problem: &Problem,
    params: &StdpParams,
    rng: &mut R,
    loss_value: F,
    poly: Option<P>,
    table: Option<&FlowTable>,
) -> ReplicateErrors {
    let d = problem.z0.len();
    let h = params.half_width();
    let mut theta = problem.z0.clone();
    let mut u = vec![0.0; d];
    let mut u_next = vec![0.0; d];
    let mut bits = vec![0u64; d];
    let mut z = vec![0.0; d];
    draw_block(rng, &mut bits, &mut u, h);
    let mut baseline = loss_value(&theta, &u);
    let (mut sup, mut last) = (0.0f64, 0.0);
    let n = params.n;
    // the flow's line (a, b), looked up once; c(ℓ/n) comes from the cell's table
    let line = table.and_then(|tab| problem.flow.affine_at(0.0).map(|(a, b, _)| (tab, a, b)));
    draw_block(rng, &mut bits, &mut u, h); // U^{(1)}
    for l in 1..=n {
        let current = loss_value(&theta, &u);
        // U^{(ℓ+1)} does not depend on this step: drawing it here lets the CPU overlap the
        // draws with the latency of the loss (same numbers, same order in the stream)
        if l < n {
            draw_block(rng, &mut bits, &mut u_next, h);
        }
        let inc = params.alpha * (current - baseline);
        baseline = current;
        let t = l as f64 / n as f64;
        let e = match line {
            Some((tab, a, b)) => {
                update_and_error_affine(&mut theta, &u, a, b, tab.c[(l - 1) as usize], inc, poly)
            }
            None => {
                problem.flow.at(t, &mut z);
                update_and_error(&mut theta, &u, &z, inc, poly)
            }
        };
        sup = sup.max(e);
        last = e;
        std::mem::swap(&mut u, &mut u_next);
    }
    ReplicateErrors {
        sup_sq: sup,
        terminal_sq: last,
    }
}

/// One replicate of (3.2) against (3.5), with its own stream: the engine. The random numbers
/// are those of [`replicate_reference`], drawn in blocks; the loss sums and the error sums run
/// in four partial sums, so results agree with the reference to the last bits (a test bounds
/// the difference).
pub fn replicate<R: rand::Rng>(
    problem: &Problem,
    params: &StdpParams,
    rng: &mut R,
) -> ReplicateErrors {
    replicate_tabled(
        problem,
        params,
        rng,
        FlowTable::new(problem, params.n).as_ref(),
    )
}

/// [`replicate`] with the cell's flow table (built once by [`run_cell`]).
pub fn replicate_tabled<R: rand::Rng>(
    problem: &Problem,
    params: &StdpParams,
    rng: &mut R,
    table: Option<&FlowTable>,
) -> ReplicateErrors {
    // the shortest polynomial for φ proved on [−A_n, A_n], chosen once per replicate
    let h = params.half_width();
    if h <= 1.0 / 64.0 {
        replicate_with(problem, params, rng, Some(stdp_factor_poly7), table)
    } else if h <= 1.0 / 16.0 {
        replicate_with(problem, params, rng, Some(stdp_factor_poly9), table)
    } else if h <= SINH_POLY_MAX {
        replicate_with(problem, params, rng, Some(stdp_factor_poly), table)
    } else {
        replicate_with::<R, fn(f64) -> f64>(problem, params, rng, None, table)
    }
}

#[inline(always)]
fn replicate_with<R: rand::Rng, P: Fn(f64) -> f64 + Copy>(
    problem: &Problem,
    params: &StdpParams,
    rng: &mut R,
    poly: Option<P>,
    table: Option<&FlowTable>,
) -> ReplicateErrors {
    match &problem.kernel {
        Kernel::Linear(g) => run_replicate(
            problem,
            params,
            rng,
            |t, u| dot_shifted(g, t, u),
            poly,
            table,
        ),
        Kernel::Ridge(w, big_g, s_star) => run_replicate(
            problem,
            params,
            rng,
            |t, u| big_g * log_cosh(dot_shifted(w, t, u) - s_star),
            poly,
            table,
        ),
        Kernel::LogCosh(w, c) => run_replicate(
            problem,
            params,
            rng,
            |t, u| separable_log_cosh(w, c, t, u),
            poly,
            table,
        ),
        Kernel::Generic => {
            let loss = problem.loss.as_ref();
            run_replicate(
                problem,
                params,
                rng,
                |t, u| loss.value_at_sum(t, u),
                poly,
                table,
            )
        }
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

// ---------------------------------------------------------------------------------------------
// Throughput: the engine against the floor of its random numbers.

/// Uniforms on [0, 1) exactly as `rand`'s `StandardUniform` for f64 makes them from one u64:
/// the top 53 bits times 2^−53.
///
/// Computed without an integer-to-float conversion instruction (AVX2 has none for 64-bit
/// integers): x = bits >> 11 < 2^53 is split into x >> 1 < 2^52 and its last bit, each turned
/// exact into a float by the 2^52 exponent trick, so the loop vectorises and the value is
/// bit-identical to `(bits >> 11) as f64 · 2^−53`.
#[inline(always)]
pub fn unit_f64(bits: u64) -> f64 {
    const MAGIC: u64 = 0x4330_0000_0000_0000; // 2^52 as f64 bits
    const TWO52: f64 = 4_503_599_627_370_496.0;
    let hi = f64::from_bits((bits >> 12) | MAGIC) - TWO52;
    let lo = f64::from_bits(((bits >> 11) & 1) | MAGIC) - TWO52;
    (hi * 2.0 + lo) * (1.0 / 9_007_199_254_740_992.0)
}

/// Seconds for `reps` replicates of one cell on a pool of `threads` threads.
pub fn time_engine(problem: &Problem, params: &StdpParams, reps: u64, threads: usize) -> f64 {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let t = std::time::Instant::now();
    let out = pool.install(|| run_cell(problem, params, 7, "bench", 0, reps, None));
    std::hint::black_box(out);
    t.elapsed().as_secs_f64()
}

/// Seconds for the same generator alone to deliver `reps·n·d` uniforms (one stream per
/// replicate, drawn in blocks and converted as the engine converts them) on `threads` threads.
pub fn time_floor(d: usize, n: u64, reps: u64, threads: usize) -> f64 {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let t = std::time::Instant::now();
    let total: f64 = pool.install(|| {
        (0..reps)
            .into_par_iter()
            .map(|r| {
                let mut rng = stream(7, "bench-floor", 0, r);
                let mut bits = vec![0u64; d];
                let mut u = vec![0.0f64; d];
                for _ in 0..n {
                    // the uniforms delivered, exactly as the engine receives them
                    draw_block(&mut rng, &mut bits, &mut u, 1.0);
                    std::hint::black_box(&mut u);
                }
                u[0]
            })
            .sum()
    });
    std::hint::black_box(total);
    t.elapsed().as_secs_f64()
}

/// One row of the benchmark: medians over `runs` of the rates in coordinate-steps (or draws)
/// per second.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BenchRow {
    pub loss: &'static str,
    pub d: usize,
    pub n: u64,
    pub threads: usize,
    pub reps: u64,
    pub engine_rate: f64,
    pub floor_rate: f64,
    pub ratio: f64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// The benchmark of the issue: losses × d × threads at fixed n, `runs` repetitions each.
pub fn bench(
    kinds: &[LossKind],
    ds: &[usize],
    n: u64,
    threads: &[usize],
    runs: usize,
    work: f64,
) -> Vec<BenchRow> {
    let mut rows = vec![];
    for &kind in kinds {
        for &d in ds {
            let problem = Problem::new(kind, d, &LossParams::default(), 1.0, 1.0);
            let params = StdpParams {
                alpha: 1.0,
                big_a: 1.0,
                n,
                scaling: Scaling::Sqrt,
            };
            let reps = ((work / (n as f64 * d as f64)).ceil() as u64).max(4);
            let steps = reps as f64 * n as f64 * d as f64;
            for &t in threads {
                // engine and floor alternate, so a drift of the machine's speed hits both alike
                let (mut e, mut f) = (vec![], vec![]);
                for _ in 0..runs {
                    e.push(steps / time_engine(&problem, &params, reps, t));
                    f.push(steps / time_floor(d, n, reps, t));
                }
                let (er, fr) = (median(e), median(f));
                rows.push(BenchRow {
                    loss: kind.name(),
                    d,
                    n,
                    threads: t,
                    reps,
                    engine_rate: er,
                    floor_rate: fr,
                    ratio: er / fr,
                });
            }
        }
    }
    rows
}
