//! Investigation of linear-mse-exact's t at d = 1 (issue 11, part 7), continued: over seeds
//! 1–600 its own test "MC / exact = 1, d = 1, n = 10" had sd 1.070 (p = 0.012) and 14 values
//! beyond ±2.576 (calibration/linear-mse-exact-t-seeds-1-600.txt). This re-runs exactly the
//! audit's cell (same stream key, 100 000 replicates, the same `mean_test`) for seeds
//! FIRST..FIRST+COUNT−1 and prints
//! - the t's mean, sd (variance test against 1: (S−1)s² ~ χ²(S−1), normal approximation) and
//!   the count beyond ±2.576 with its binomial expectation;
//! - the pooled MC / exact over all seeds' replicates, with its 99 % CI (a bias in the exact
//!   value would show here, √S times sharper than in one audit);
//! - batch means within each run (10 batches of 10 000): the variance of the batch means
//!   against s²/10 000, which is 1 when the replicates within a run are independent.
//!
//!   cargo run --release --example mse_scan -- CASE N FIRST COUNT    (CASE 0..2, N 10 or 100)

use bnn_sgd_verify::claims::linear::{mc_stream, mse_cases, MSE_PREC};
use bnn_sgd_verify::montecarlo::run_cell;
use bnn_sgd_verify::paper::linear_exact::{linear_mse, Recursion};
use bnn_sgd_verify::stats::mean_test;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|s| s.parse().expect("arguments: CASE N FIRST COUNT"))
        .collect();
    let [case_index, n, first, count] = args[..] else {
        eprintln!("usage: mse_scan CASE N FIRST COUNT");
        std::process::exit(2);
    };
    let cases = mse_cases();
    let case = &cases[case_index as usize];
    let ni = if n == 10 { 0 } else { 1 };
    let exact = linear_mse(&case.input(n), MSE_PREC, Recursion::Exact)
        .expect("recursion")
        .mse
        .mid()
        .to_f64();
    let (problem, params) = (case.problem(), case.params(n));
    let reps = 100_000u64;
    let batches = 10usize;
    let (mut ts, mut batch_ratio) = (vec![], vec![]);
    let (mut pooled_sum, mut pooled_sq, mut pooled_n) = (0.0f64, 0.0f64, 0.0f64);
    for seed in first..first + count {
        let errs = run_cell(
            &problem,
            &params,
            seed,
            "linear-mse-exact",
            mc_stream(case_index as usize, ni),
            reps,
            None,
        );
        let r: Vec<f64> = errs.iter().map(|e| e.terminal_sq / exact).collect();
        let t = mean_test(&r, 1.0, 0.01).expect("sample");
        ts.push(t.t);
        for x in &r {
            pooled_sum += x;
            pooled_sq += x * x;
        }
        pooled_n += r.len() as f64;
        // batch means: their variance over s²/batch_len
        let len = r.len() / batches;
        let means: Vec<f64> = r
            .chunks(len)
            .map(|c| c.iter().sum::<f64>() / c.len() as f64)
            .collect();
        let mm = means.iter().sum::<f64>() / batches as f64;
        let vb = means.iter().map(|m| (m - mm).powi(2)).sum::<f64>() / (batches - 1) as f64;
        let s2 = (t.se * t.se) * r.len() as f64;
        batch_ratio.push(vb / (s2 / len as f64));
    }
    let s = ts.len() as f64;
    let mean = ts.iter().sum::<f64>() / s;
    let var = ts.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / (s - 1.0);
    let z_var = ((s - 1.0) * var - (s - 1.0)) / (2.0 * (s - 1.0)).sqrt();
    let beyond = ts.iter().filter(|t| t.abs() > 2.576).count();
    let lower = ts.iter().filter(|t| **t < -2.576).count();
    let pm = pooled_sum / pooled_n;
    let pv = (pooled_sq / pooled_n - pm * pm) * pooled_n / (pooled_n - 1.0);
    let pse = (pv / pooled_n).sqrt();
    let br = batch_ratio.iter().sum::<f64>() / s;
    println!(
        "case {case_index} (d = {}), n = {n}, seeds {first}..{}: exact {exact:.12e}",
        case.g.len(),
        first + count - 1
    );
    println!(
        "  t: mean {mean:.4} (se {:.4}), sd {:.4} (variance z = {z_var:.2}), |t| > 2.576: {beyond} ({lower} below; expected {:.1})",
        (var / s).sqrt(),
        var.sqrt(),
        0.01 * s
    );
    println!(
        "  pooled MC / exact over {pooled_n:.0} replicates: {pm:.6} [99% CI {:.6}, {:.6}] (z = {:.2})",
        pm - 2.576 * pse,
        pm + 2.576 * pse,
        (pm - 1.0) / pse
    );
    println!(
        "  batch means (10 × 10 000) within a run: var / (s²/10 000) averaged over seeds {br:.4} (se {:.4}; 1 when independent)",
        (batch_ratio.iter().map(|x| (x - br).powi(2)).sum::<f64>() / (s - 1.0) / s).sqrt()
    );
}
