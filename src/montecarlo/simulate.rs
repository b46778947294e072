//! `verify simulate`: one cell of the Monte Carlo engine from the command line's request.

use super::{linear_prediction, run_cell, summarize, CellSummary, Problem, Progress};
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
