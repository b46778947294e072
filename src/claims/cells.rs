//! The Monte Carlo cells of §D and the line fits on them, shared by the rate and constant
//! claims.

use super::{Series, StatTest, AUDIT_LEVEL};
use crate::montecarlo::{run_cell, Problem, ReplicateErrors};
use crate::paper::loss::{LossKind, LossParams};
use crate::paper::normalizer::Scaling;
use crate::paper::stdp::StdpParams;
use crate::stats::{ols, LineFit};

/// One cell of a Monte Carlo grid: the loss, d, n and the scaling.
#[derive(Clone, Copy)]
pub(super) struct CellSpec {
    pub(super) kind: LossKind,
    pub(super) d: usize,
    pub(super) n: u64,
    pub(super) scaling: Scaling,
}

/// The replicates of one cell (α = A = 1).
pub(super) fn cell_errors(
    spec: CellSpec,
    reps: u64,
    seed: u64,
    experiment: &str,
    cell_id: u64,
    lp: &LossParams,
) -> Vec<ReplicateErrors> {
    let problem = Problem::new(spec.kind, spec.d, lp, 1.0, 1.0);
    let params = StdpParams {
        alpha: 1.0,
        big_a: 1.0,
        n: spec.n,
        scaling: spec.scaling,
    };
    run_cell(&problem, &params, seed, experiment, cell_id, reps, None)
}

pub(super) fn fit_line(xs: &[f64], ys: &[f64]) -> Option<LineFit> {
    ols(
        &xs.iter().map(|v| v.ln()).collect::<Vec<_>>(),
        &ys.iter().map(|v| v.ln()).collect::<Vec<_>>(),
    )
    .ok()
}

/// The claim's own slope test (H0: slope = `own`) and its negative controls (H0: slope = each
/// of `controls`), all on the same fit.
pub(super) fn slope_tests(
    name: &str,
    test: &str,
    f: &LineFit,
    own: (f64, &str),
    controls: &[(f64, &str)],
) -> Vec<StatTest> {
    let one = |s0: f64, label: String, control: bool| {
        StatTest::new(
            label,
            test,
            (f.slope - s0) / f.slope_se,
            f.slope_p(s0),
            control,
        )
    };
    let mut v = vec![one(own.0, format!("{name}: slope = {}", own.1), false)];
    v.extend(
        controls
            .iter()
            .map(|&(s0, label)| one(s0, format!("{name}: slope = {label}"), true)),
    );
    v
}

pub(super) fn ci_string(f: &LineFit) -> String {
    let (lo, hi) = f.slope_ci(AUDIT_LEVEL);
    format!("{:.4} [{:.4}, {:.4}]", f.slope, lo, hi)
}

/// The data as markers and the fitted line through them, for the log-log figure.
pub(super) fn data_and_fit(
    name: &str,
    what: &str,
    xs: &[f64],
    ys: &[f64],
    f: &LineFit,
) -> [Series; 2] {
    [
        Series {
            label: format!("{name}: {what}"),
            points: xs.iter().copied().zip(ys.iter().copied()).collect(),
            line: false,
            dashed: false,
        },
        line_series(format!("{name}: fit, slope {:.3}", f.slope), f, xs, false),
    ]
}

/// The fitted line as a series on the log-log figure.
pub(super) fn line_series(label: String, f: &LineFit, xs: &[f64], dashed: bool) -> Series {
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    Series {
        label,
        points: vec![
            (x0, (f.intercept + f.slope * x0.ln()).exp()),
            (x1, (f.intercept + f.slope * x1.ln()).exp()),
        ],
        line: true,
        dashed,
    }
}
