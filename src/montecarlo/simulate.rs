//! `verify simulate`: one cell of the Monte Carlo engine from the command line's request.

use super::accumulate::{run_cell_sums, Divergence};
use super::{linear_prediction, CellSummary, Problem, Progress};
use crate::paper::loss::{LossKind, LossParams};
use crate::paper::normalizer::Scaling;
use crate::paper::stdp::StdpParams;

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
    /// g of the linear loss coordinate by coordinate (`--g`); `None`: g = (1, …, 1)‖g‖/√d with
    /// ‖g‖ = `loss.g_norm`.
    pub g: Option<Vec<f64>>,
}

/// Why a simulation did not give a result.
#[derive(Clone, Debug, PartialEq)]
pub enum SimulateError {
    /// Bad input, or a cost above the budget (one line; the CLI exits 2).
    Input(String),
    /// A replicate's error became non-finite (the CLI exits 1).
    Diverged(Divergence),
}

impl std::fmt::Display for SimulateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimulateError::Input(s) => write!(f, "{s}"),
            SimulateError::Diverged(d) => write!(f, "the simulation diverged: {d}"),
        }
    }
}
impl std::error::Error for SimulateError {}

/// What a simulation costs before it runs: its coordinate-steps, its estimated seconds on this
/// kind of machine (2 cores; the rates of the README's cost model) and its memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cost {
    pub coordinate_steps: f64,
    pub seconds: f64,
    pub bytes: f64,
}

/// The budget a run may take without `--force`.
pub const BUDGET_SECONDS: f64 = 3600.0;
/// The memory a run may take without `--force` (the flow table is 8n bytes).
pub const BUDGET_BYTES: f64 = 2.0 * (1u64 << 30) as f64;
/// The memory no run may take, forced or not (the machine has 24 GiB).
pub const MAX_BYTES: f64 = 16.0 * (1u64 << 30) as f64;
/// The coordinate-steps no run may take, forced or not (about three weeks on 2 cores).
pub const MAX_STEPS: f64 = 1e15;

impl Cost {
    /// Refuses, with one line naming the budget and the estimate, what exceeds it.
    ///
    /// # Errors
    /// [`SimulateError::Input`].
    pub fn check(&self, force: bool) -> Result<(), SimulateError> {
        let gib = |b: f64| b / (1u64 << 30) as f64;
        if self.bytes > MAX_BYTES {
            return Err(SimulateError::Input(format!(
                "this run needs about {:.1} GiB (the flow table is 8n bytes), above the {:.0} GiB limit: use a smaller --n",
                gib(self.bytes),
                gib(MAX_BYTES)
            )));
        }
        if self.coordinate_steps.is_nan() || self.coordinate_steps > MAX_STEPS {
            return Err(SimulateError::Input(format!(
                "this run is {:.2e} coordinate-steps, above the limit of {MAX_STEPS:.0e} (weeks on 2 cores): use smaller counts",
                self.coordinate_steps
            )));
        }
        if force {
            return Ok(());
        }
        if self.bytes > BUDGET_BYTES {
            return Err(SimulateError::Input(format!(
                "this run needs about {:.1} GiB, above the {:.0} GiB budget (use --force to run it anyway)",
                gib(self.bytes),
                gib(BUDGET_BYTES)
            )));
        }
        if self.seconds > BUDGET_SECONDS {
            return Err(SimulateError::Input(format!(
                "this run is {:.2e} coordinate-steps, an estimated {:.1} hours on 2 cores, above the {:.0}-hour budget (use --force to run it anyway)",
                self.coordinate_steps,
                self.seconds / 3600.0,
                BUDGET_SECONDS / 3600.0
            )));
        }
        Ok(())
    }
}

/// Coordinate-steps per second of the engine on 2 cores (the README's cost model, rounded down).
fn engine_rate(kind: LossKind) -> f64 {
    match kind {
        LossKind::Linear | LossKind::Ridge => 5e8,
        LossKind::LogCosh => 2e8,
        LossKind::Quadratic => 1e8,
    }
}

impl SimulateRequest {
    /// Checks the request: d, n ≥ 1, reps ≥ 2, α, A > 0, every parameter finite, norms,
    /// weights and G not negative.
    ///
    /// # Errors
    /// A one-line reason.
    pub fn validate(&self) -> Result<(), SimulateError> {
        let bad = |s: String| Err(SimulateError::Input(s));
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
        if let Some(g) = &self.g {
            if self.kind != LossKind::Linear {
                return bad(format!(
                    "--g applies to --loss linear only, not {}",
                    self.kind.name()
                ));
            }
            if g.len() != self.d {
                return bad(format!(
                    "--g has {} coordinates, but --d is {}",
                    g.len(),
                    self.d
                ));
            }
            if let Some(x) = g.iter().find(|x| !x.is_finite()) {
                return bad(format!("--g must be finite numbers, got {x}"));
            }
        }
        let p = &self.loss;
        for (name, v, nonnegative) in [
            ("--gnorm", p.g_norm, true),
            ("--w", p.w, true),
            ("--c", p.c, false),
            ("--big-g", p.big_g, true),
            ("--s-star", p.s_star, false),
            ("--z0", p.z0, false),
        ] {
            if !v.is_finite() {
                return bad(format!("{name} must be finite, got {v}"));
            }
            if nonnegative && v < 0.0 {
                return bad(format!("{name} must not be negative, got {v}"));
            }
        }
        if self.d > 1 << 24 {
            return bad(format!("--d {} is beyond the supported 2^24", self.d));
        }
        Ok(())
    }

    /// The loss with its flow, and the constants of the update rule.
    pub fn problem(&self) -> (Problem, StdpParams) {
        let problem = match &self.g {
            Some(g) => Problem::linear(g.clone(), self.loss.z0, self.alpha, self.big_a),
            None => Problem::new(self.kind, self.d, &self.loss, self.alpha, self.big_a),
        };
        let params = StdpParams {
            alpha: self.alpha,
            big_a: self.big_a,
            n: self.n,
            scaling: self.scaling,
        };
        (problem, params)
    }

    /// ‖g‖ of the linear loss: of `g` when given, else `loss.g_norm`.
    pub fn g_norm(&self) -> f64 {
        match &self.g {
            Some(g) => g.iter().map(|x| x * x).sum::<f64>().sqrt(),
            None => self.loss.g_norm,
        }
    }

    /// The cost of the request before it runs.
    pub fn cost(&self) -> Cost {
        let steps = self.reps as f64 * self.n as f64 * self.d as f64;
        Cost {
            coordinate_steps: steps,
            seconds: steps / engine_rate(self.kind),
            // the flow table, and O(d) per thread
            bytes: 8.0 * self.n as f64 + 64.0 * self.d as f64 * 2.0,
        }
    }
}

/// Runs a simulation request.
///
/// # Errors
/// As [`SimulateRequest::validate`].
///
/// # Examples
/// ```
/// use bnn_sgd_verify::montecarlo::{simulate, SimulateRequest};
/// use bnn_sgd_verify::paper::loss::{LossKind, LossParams};
/// use bnn_sgd_verify::paper::normalizer::Scaling;
/// let req = SimulateRequest {
///     kind: LossKind::Linear,
///     d: 4,
///     n: 256,
///     reps: 64,
///     alpha: 1.0,
///     big_a: 1.0,
///     scaling: Scaling::Sqrt,
///     seed: 1,
///     loss: LossParams::default(),
///     g: None,
/// };
/// let (cell, prediction) = simulate(&req, true).unwrap();
/// // the terminal rmse meets the leading-order prediction αA²‖g‖√((8d/9 − 4/45)/n)
/// let p = prediction.unwrap();
/// assert!((cell.rmse_terminal - p).abs() < 3.0 * cell.rmse_terminal_se);
/// // same seed, same numbers
/// assert_eq!(simulate(&req, true).unwrap().0, cell);
/// ```
pub fn simulate(
    req: &SimulateRequest,
    quiet: bool,
) -> Result<(CellSummary, Option<f64>), SimulateError> {
    req.validate()?;
    let (problem, params) = req.problem();
    let progress = Progress::new(req.reps, quiet);
    let sums = run_cell_sums(
        &problem,
        &params,
        (req.seed, "simulate", 0),
        req.reps,
        (0, 1),
        Some(&progress),
    );
    let summary = sums.summary().map_err(SimulateError::Diverged)?;
    let prediction = (req.kind == LossKind::Linear && req.scaling == Scaling::Sqrt)
        .then(|| linear_prediction(req.d, req.n, req.alpha, req.big_a, req.g_norm()));
    Ok((summary, prediction))
}
