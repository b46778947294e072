//! The replicate engine: runs the process (3.2) against its limit (3.5) and accumulates, on
//! the fly and in O(d) memory, the two errors of Theorem 1 for each replicate:
//! `sup_ℓ ‖θ^{(ℓ)} − Z_{ℓ/n}‖²` and `‖θ^{(n)} − Z_1‖²`.
//!
//! Every replicate draws from its own ChaCha8 stream keyed by (seed, experiment, cell,
//! replicate); replicates run on rayon and are collected in replicate order, so every result is
//! byte-identical for any thread count.

pub mod accumulate;
pub mod bench;
pub mod kernels;
pub mod logcosh_block;
pub mod logcosh_taylor;
pub mod progress;
pub mod simulate;
pub mod sweep;

pub use bench::{avx512_memcpy_hint, bench, time_engine, time_floor, BenchRow};
pub use kernels::unit_f64;
pub use progress::Progress;
pub use simulate::{simulate, SimulateError, SimulateRequest};

use crate::paper::flow::Flow;
use crate::paper::loss::{log_cosh, Loss, LossKind, LossParams, Structure};
use crate::paper::stdp::{Stdp, StdpParams, SINH_POLY_MAX};
use crate::stats::rms_with_se;
use crate::streams::stream;
use kernels::{
    dot_shifted, draw_block, separable_log_cosh, update_and_error, update_and_error_affine, Line,
    Next,
};
use logcosh_taylor::LogCoshTaylor;
use rayon::prelude::*;

/// A loss with its exact flow from z0, and the loss's data in the form the engine's inner loop
/// reads.
pub struct Problem {
    pub kind: LossKind,
    pub loss: Box<dyn Loss>,
    pub flow: Box<dyn Flow>,
    pub z0: Vec<f64>,
    /// The loss's data in the form the engine's inner loop reads (contiguous, no dispatch).
    kernel: Kernel,
}

/// Loss data for the engine's specialised inner loops (from [`Loss::structure`]).
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

impl Problem {
    /// The loss of `kind` in dimension d with the flow for α and A.
    pub fn new(kind: LossKind, d: usize, p: &LossParams, alpha: f64, big_a: f64) -> Problem {
        let (loss, flow) = kind.build(d, p, alpha, big_a);
        let kernel = match loss.structure() {
            Structure::Linear { g } => Kernel::Linear(g.to_vec()),
            Structure::Ridge { u, g, s_star } => Kernel::Ridge(u.to_vec(), g, s_star),
            Structure::SeparableLogCosh { w, c } => Kernel::LogCosh(w.to_vec(), c.to_vec()),
            Structure::General => Kernel::Generic,
        };
        Problem {
            kind,
            loss,
            flow,
            z0: vec![p.z0; d],
            kernel,
        }
    }
}

impl Problem {
    /// L = g·z for a general g (unequal coordinates allowed), from z0 = (z0, …, z0), with the
    /// flow for α, A.
    pub fn linear(g: Vec<f64>, z0: f64, alpha: f64, big_a: f64) -> Problem {
        let d = g.len();
        let z0 = vec![z0; d];
        let loss = crate::paper::loss::Linear { g: g.clone() };
        let flow = crate::paper::flow::LinearFlow::new(
            &loss,
            &z0,
            crate::paper::flow::flow_coefficient(alpha, big_a),
        );
        Problem {
            kind: LossKind::Linear,
            loss: Box::new(loss),
            flow: Box::new(flow),
            z0,
            kernel: Kernel::Linear(g),
        }
    }
}

/// The two squared errors of one replicate, or the step at which it diverged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplicateErrors {
    pub sup_sq: f64,
    pub terminal_sq: f64,
    /// The first step ℓ whose error ‖θ^{(ℓ)} − Z_{ℓ/n}‖² is not finite (the run stops there and
    /// both errors are NaN): the scheme blew up, or a parameter overflowed f64.
    pub diverged_at: Option<u64>,
}

impl ReplicateErrors {
    fn of_run(sup_sq: f64, terminal_sq: f64, diverged_at: Option<u64>) -> Self {
        match diverged_at {
            None => ReplicateErrors {
                sup_sq,
                terminal_sq,
                diverged_at,
            },
            Some(_) => ReplicateErrors {
                sup_sq: f64::NAN,
                terminal_sq: f64::NAN,
                diverged_at,
            },
        }
    }
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
        if !e.is_finite() {
            return ReplicateErrors::of_run(sup, last, Some(l));
        }
        sup = sup.max(e);
        last = e;
    }
    ReplicateErrors::of_run(sup, last, None)
}

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

/// How the engine evaluates the loss at θ + U: in a pass of its own (`loss_value`), or, for
/// a loss of the form L(z) = outer(w·z) (linear, ridge), through the inner product w·(θ + U)
/// that the update pass of the previous step already summed (see [`update_and_error_affine`]).
struct StepLoss<'w, F, G> {
    loss_value: F,
    outer_of_dot: Option<(&'w [f64], G)>,
}

/// The engine's inner loop for one replicate, monomorphised on the loss evaluation and on the
/// φ polynomial (`TERMS` terms, 0 for libm). Memory O(d): θ, two noise vectors, their bits and
/// (for a flow that is not affine) Z_t.
#[inline(always)]
fn run_replicate<
    R: rand::Rng,
    F: Fn(&[f64], &[f64]) -> f64,
    G: FnMut(f64) -> f64,
    const TERMS: usize,
>(
    problem: &Problem,
    params: &StdpParams,
    rng: &mut R,
    step_loss: StepLoss<'_, F, G>,
    table: Option<&FlowTable>,
) -> ReplicateErrors {
    let d = problem.z0.len();
    let h = params.half_width();
    let StepLoss {
        loss_value,
        mut outer_of_dot,
    } = step_loss;
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
    let mut current = loss_value(&theta, &u);
    for l in 1..=n {
        // U^{(ℓ+1)} does not depend on this step: drawing it before the increment lets the CPU
        // overlap the draws with the latency of the loss (same numbers, same order in the stream)
        if l < n {
            draw_block(rng, &mut bits, &mut u_next, h);
        }
        let inc = params.alpha * (current - baseline);
        baseline = current;
        let e = match (line, &mut outer_of_dot) {
            (Some((tab, a, b)), Some((w, outer))) => {
                let line = Line {
                    a,
                    b,
                    c: tab.c[(l - 1) as usize],
                };
                let next = Some(Next { w, u_next: &u_next });
                let (e, dot) = update_and_error_affine::<TERMS>(&mut theta, &u, line, inc, next);
                // at ℓ = n, u_next is stale and `current` unused
                current = outer(dot);
                e
            }
            (Some((tab, a, b)), None) => {
                let line = Line {
                    a,
                    b,
                    c: tab.c[(l - 1) as usize],
                };
                let (e, _) = update_and_error_affine::<TERMS>(&mut theta, &u, line, inc, None);
                current = loss_value(&theta, &u_next);
                e
            }
            (None, _) => {
                problem.flow.at(l as f64 / n as f64, &mut z);
                let e = update_and_error::<TERMS>(&mut theta, &u, &z, inc);
                current = loss_value(&theta, &u_next);
                e
            }
        };
        if !e.is_finite() {
            return ReplicateErrors::of_run(sup, last, Some(l));
        }
        sup = sup.max(e);
        last = e;
        std::mem::swap(&mut u, &mut u_next);
    }
    ReplicateErrors::of_run(sup, last, None)
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
    // the shortest polynomial for φ proved on [−A_n, A_n] (see `SINH_POLYS`), chosen once per
    // replicate; libm beyond
    let h = params.half_width();
    if h <= 1.0 / 64.0 {
        replicate_with::<R, 3>(problem, params, rng, table)
    } else if h <= 1.0 / 16.0 {
        replicate_with::<R, 4>(problem, params, rng, table)
    } else if h <= SINH_POLY_MAX {
        replicate_with::<R, 7>(problem, params, rng, table)
    } else {
        replicate_with::<R, 0>(problem, params, rng, table)
    }
}

#[inline(always)]
fn replicate_with<R: rand::Rng, const TERMS: usize>(
    problem: &Problem,
    params: &StdpParams,
    rng: &mut R,
    table: Option<&FlowTable>,
) -> ReplicateErrors {
    type NotOfDot = Option<(&'static [f64], fn(f64) -> f64)>;
    match &problem.kernel {
        Kernel::Linear(g) => run_replicate::<R, _, _, TERMS>(
            problem,
            params,
            rng,
            StepLoss {
                loss_value: |t: &[f64], u: &[f64]| dot_shifted(g, t, u),
                outer_of_dot: Some((&g[..], |s: f64| s)),
            },
            table,
        ),
        Kernel::Ridge(w, big_g, s_star) => {
            let loss_value = |t: &[f64], u: &[f64]| big_g * log_cosh(dot_shifted(w, t, u) - s_star);
            // for A_n ≤ 1/16 the argument moves little per step, and log cosh follows it by a
            // Taylor polynomial (recentred by libm when it strays past its radius)
            let mut taylor = (TERMS == 3 || TERMS == 4).then(|| LogCoshTaylor::new(-s_star));
            let outer = move |s: f64| {
                big_g
                    * match &mut taylor {
                        Some(t) => t.eval(s - s_star),
                        None => log_cosh(s - s_star),
                    }
            };
            run_replicate::<R, _, _, TERMS>(
                problem,
                params,
                rng,
                StepLoss {
                    loss_value,
                    outer_of_dot: Some((&w[..], outer)),
                },
                table,
            )
        }
        Kernel::LogCosh(w, c) => run_replicate::<R, _, _, TERMS>(
            problem,
            params,
            rng,
            StepLoss {
                loss_value: |t: &[f64], u: &[f64]| separable_log_cosh(w, c, t, u),
                outer_of_dot: NotOfDot::None,
            },
            table,
        ),
        Kernel::Generic => {
            let loss = problem.loss.as_ref();
            run_replicate::<R, _, _, TERMS>(
                problem,
                params,
                rng,
                StepLoss {
                    loss_value: |t: &[f64], u: &[f64]| loss.value_at_sum(t, u),
                    outer_of_dot: NotOfDot::None,
                },
                table,
            )
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
    let table = FlowTable::new(problem, params.n);
    (0..reps)
        .into_par_iter()
        .map(|r| {
            let mut rng = stream(seed, experiment, cell, r);
            let out = replicate_tabled(problem, params, &mut rng, table.as_ref());
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
