//! Investigation of linear-mse-exact's t at d = 1 (issue 11, part 7): over seeds 1–200 at the
//! standard profile its t statistics have sd 1.10 and 5 of their 7 values beyond ±2.576 below
//! (calibration/linear-mse-exact-t-seeds-1-200.txt). This prints, for one seed, the skewness
//! and kurtosis of the sample ‖Z^n_1 − Z_1‖² (100 000 replicates, the audit's stream) and the
//! skewness of the t it implies, γ_t ≈ −γ/√N (Johnson 1978), for each of linear-mse-exact's
//! cases at n = 10.
//!
//!   cargo run --release --example mse_skew -- SEED

use bnn_sgd_verify::claims::linear::{mc_stream, mse_cases};
use bnn_sgd_verify::montecarlo::run_cell;

fn main() {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let reps = 100_000u64;
    for (ci, case) in mse_cases().into_iter().enumerate() {
        let g: Vec<f64> = case.g.iter().map(|x| x.to_f64()).collect();
        let errs = run_cell(
            &case.problem(),
            &case.params(10),
            seed,
            "linear-mse-exact",
            mc_stream(ci, 0),
            reps,
            None,
        );
        let x: Vec<f64> = errs.iter().map(|e| e.terminal_sq).collect();
        let n = x.len() as f64;
        let m = x.iter().sum::<f64>() / n;
        let c = |k: i32| x.iter().map(|v| (v - m).powi(k)).sum::<f64>() / n;
        let (v, g3, g4) = (c(2), c(3), c(4));
        let skew = g3 / v.powf(1.5);
        let kurt = g4 / (v * v);
        println!(
            "d = {}, g = {g:?}: skewness {skew:.2}, kurtosis {kurt:.1}, the t's skewness ≈ {:.4}",
            g.len(),
            -skew / n.sqrt()
        );
    }
}
