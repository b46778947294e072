//! The Monte Carlo cells of §D and the line fits on them, shared by the rate and constant
//! claims.

use super::{Point, Series, StatTest, Style, AUDIT_LEVEL, CONTROL_LEVEL};
use crate::montecarlo::{run_cell, Problem, ReplicateErrors};
use crate::paper::loss::{LossKind, LossParams};
use crate::paper::normalizer::Scaling;
use crate::paper::stdp::StdpParams;
use crate::stats::{power_two_sided, rms_interval, tost_slope, wls, LineFit};

/// One cell of a Monte Carlo grid: the loss, d, n and the scaling.
#[derive(Clone, Copy)]
pub struct CellSpec {
    pub kind: LossKind,
    pub d: usize,
    pub n: u64,
    pub scaling: Scaling,
}

/// The replicates of one cell (α = A = 1).
pub fn cell_errors(
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

/// The log-log line through Monte Carlo cells: log rmse on log x, weighted by each cell's
/// standard error of log rmse (se(rmse)/rmse, the delta method), on the replicates' degrees of
/// freedom; with the χ² of the line on k − 2 degrees of freedom. The slope's uncertainty is the
/// cells' sampling error, not the scatter of a few points about a line.
pub fn fit_log_wls(xs: &[f64], rmse: &[f64], se: &[f64], reps: u64) -> Option<(LineFit, f64)> {
    let lx: Vec<f64> = xs.iter().map(|v| v.ln()).collect();
    let ly: Vec<f64> = rmse.iter().map(|v| v.ln()).collect();
    let sy: Vec<f64> = rmse.iter().zip(se).map(|(r, s)| s / r).collect();
    wls(&lx, &ly, &sy, reps.saturating_sub(1) as f64).ok()
}

/// The claim's own slope as an equivalence test (TOST: the slope within ±`margin` of `own`)
/// and its negative controls (H0: slope = each of `controls`), all on the same fit. A control's
/// power is computed at the smallest effect the claim leaves it, |s₀ − own| − margin, with the
/// fit's standard error, at [`CONTROL_LEVEL`].
pub fn slope_tests(
    name: &str,
    test: &str,
    f: &LineFit,
    own: (f64, &str),
    margin: f64,
    controls: &[(f64, &str)],
) -> Vec<StatTest> {
    let (lo, hi) = (own.0 - margin, own.0 + margin);
    let mut v = vec![StatTest::equivalence(
        format!("{name}: slope within ±{margin} of {} (TOST)", own.1),
        test,
        ((f.slope - own.0).abs() - margin) / f.slope_se,
        tost_slope(f, lo, hi),
    )];
    v.extend(controls.iter().map(|&(s0, label)| {
        StatTest::new(
            format!("{name}: slope = {label}"),
            test,
            (f.slope - s0) / f.slope_se,
            f.slope_p(s0),
            true,
        )
        .with_power(power_two_sided(
            ((s0 - own.0).abs() - margin).max(0.0),
            f.slope_se,
            CONTROL_LEVEL,
        ))
    }));
    v
}

/// A negative control "slope = `s0`" whose effect no theory gives: its power is taken at the
/// smallest distance from `s0` the data support, the distance of `s0` from the slope's 99 %
/// interval (0 when inside it).
pub fn slope_control_at_ci_distance(name: String, test: &str, f: &LineFit, s0: f64) -> StatTest {
    let (lo, hi) = f.slope_ci(AUDIT_LEVEL);
    let smallest = if lo <= s0 && s0 <= hi {
        0.0
    } else {
        (lo - s0).abs().min((hi - s0).abs())
    };
    StatTest::new(name, test, (f.slope - s0) / f.slope_se, f.slope_p(s0), true)
        .with_power(power_two_sided(smallest, f.slope_se, CONTROL_LEVEL))
}

pub fn ci_string(f: &LineFit) -> String {
    let (lo, hi) = f.slope_ci(AUDIT_LEVEL);
    format!("{:.4} [{:.4}, {:.4}]", f.slope, lo, hi)
}

/// A cell's root mean square error as a point with its 99 % confidence interval
/// ([`rms_interval`]: the mean square's normal interval, square-rooted).
pub fn rmse_point(x: f64, rmse: f64, se: f64) -> Point {
    let (lo, hi) = rms_interval(rmse, se, AUDIT_LEVEL);
    Point::with_ci(x, rmse, lo, hi)
}

/// The fitted line log y = intercept + slope·log x over the fitted x, as a solid line.
pub fn fit_series(label: String, key: &str, f: &LineFit, xs: &[f64]) -> Series {
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let y = |x: f64| (f.intercept + f.slope * x.ln()).exp();
    Series::xy(label, key, Style::Line, [(x0, y(x0)), (x1, y(x1))])
}

/// A guide line of slope `slope` on log-log axes through (x0, y0), up to x1.
pub fn slope_guide(
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
