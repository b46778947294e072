//! The Monte Carlo cells of §D and the line fits on them, shared by the rate and constant
//! claims.

use super::{Point, Series, StatTest, Style, AUDIT_LEVEL};
use crate::montecarlo::{run_cell, Problem, ReplicateErrors};
use crate::paper::loss::{LossKind, LossParams};
use crate::paper::normalizer::Scaling;
use crate::paper::stdp::StdpParams;
use crate::stats::{ols, rms_interval, LineFit};

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

/// A cell's root mean square error as a point with its 99 % confidence interval
/// ([`rms_interval`]: the mean square's normal interval, square-rooted).
pub(super) fn rmse_point(x: f64, rmse: f64, se: f64) -> Point {
    let (lo, hi) = rms_interval(rmse, se, AUDIT_LEVEL);
    Point::with_ci(x, rmse, lo, hi)
}

/// The fitted line log y = intercept + slope·log x over the fitted x, as a solid line.
pub(super) fn fit_series(label: String, key: &str, f: &LineFit, xs: &[f64]) -> Series {
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let y = |x: f64| (f.intercept + f.slope * x.ln()).exp();
    Series::xy(label, key, Style::Line, [(x0, y(x0)), (x1, y(x1))])
}

/// A guide line of slope `slope` on log-log axes through (x0, y0), up to x1.
pub(super) fn slope_guide(
    label: String,
    slope: f64,
    (x0, y0): (f64, f64),
    x1: f64,
    style: Style,
) -> Series {
    Series::xy(
        label,
        "guide",
        style,
        [(x0, y0), (x1, y0 * (x1 / x0).powf(slope))],
    )
}
