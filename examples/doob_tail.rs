//! Investigation of the doob orthogonality test's calibration (issue 11, part 7): the paired
//! t of E‖M_n‖² = E Σ‖D_ℓ‖² at d = 8 (n = 1024, 4000 paths, the standard profile) over a range
//! of seeds, and at one seed the sample's skewness, kurtosis and a bootstrap-t p-value.
//!
//!   cargo run --release --example doob_tail -- FIRST LAST [SEED]
//!   cargo run --release --example doob_tail -- drift FIRST LAST
//!
//! The second form estimates the mean of the increments D_ℓ = Δθ^{(ℓ)} − c^n per coordinate
//! (zero if c^n is the exact drift) from the same streams, pooled over the seeds.

use bnn_sgd_verify::claims::martingale_bounds::martingale_paths;
use bnn_sgd_verify::stats::mean_test;
use bnn_sgd_verify::streams::stream;
use rand::RngExt;

fn orth(seed: u64) -> Vec<f64> {
    let paths = martingale_paths(8, 1024, 4000, seed, "doob");
    let scale = paths.iter().map(|p| p.sum_d2).sum::<f64>() / paths.len() as f64;
    paths
        .iter()
        .map(|p| (p.end_m2 - p.sum_d2) / scale)
        .collect()
}

/// Per path: Σ_ν M_n,ν/√d (mean zero when c^n is the drift), from the streams of `orth`.
fn end_sums(seed: u64) -> Vec<f64> {
    use bnn_sgd_verify::paper::loss::Linear;
    use bnn_sgd_verify::paper::normalizer::{drift_constant, Scaling};
    use bnn_sgd_verify::paper::stdp::{Stdp, StdpParams};
    let (d, n) = (8usize, 1024u64);
    let loss = Linear::uniform(d, 1.0);
    let params = StdpParams {
        alpha: 1.0,
        big_a: 1.0,
        n,
        scaling: Scaling::Sqrt,
    };
    let m = drift_constant(params.half_width()).unwrap();
    (0..4000u64)
        .map(|r| {
            let mut rng = stream(seed, "doob", d as u64, r);
            let mut sim = Stdp::new(&loss, &params, &vec![0.0; d], &mut rng);
            for _ in 0..n {
                sim.step(&mut rng);
            }
            // M_n = θ^{(n)} − n·c, c_ν = −αm g_ν
            let s: f64 = sim
                .theta()
                .iter()
                .zip(&loss.g)
                .map(|(t, g)| t + n as f64 * m * g)
                .sum();
            s / (d as f64).sqrt()
        })
        .collect()
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("drift") {
        let r: Vec<u64> = std::env::args()
            .skip(2)
            .map(|a| a.parse().expect("a whole number"))
            .collect();
        let all: Vec<f64> = (r[0]..=r[1]).flat_map(end_sums).collect();
        let t = mean_test(&all, 0.0, 0.01).unwrap();
        println!(
            "{} paths: mean Σ_ν M_n,ν/√d = {:.3e} ± {:.1e} (t = {:.2}); per step {:.2e}",
            all.len(),
            t.mean,
            t.se,
            t.t,
            t.mean / 1024.0
        );
        return;
    }
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a whole number"))
        .collect();
    let (first, last) = (args[0], args[1]);
    let mut ts = vec![];
    for seed in first..=last {
        let t = mean_test(&orth(seed), 0.0, 0.01).expect("a sample").t;
        println!("seed {seed}: t = {t:.3}");
        ts.push(t);
    }
    let n = ts.len() as f64;
    let m = ts.iter().sum::<f64>() / n;
    let sd = (ts.iter().map(|t| (t - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let big = ts.iter().filter(|t| t.abs() > 2.576).count();
    println!(
        "{} seeds: mean t {m:.3}, sd {sd:.3}, |t| > 2.576: {big}",
        ts.len()
    );
    if let Some(&seed) = args.get(2) {
        let x = orth(seed);
        let n = x.len() as f64;
        let mean = x.iter().sum::<f64>() / n;
        let c = |k: i32| x.iter().map(|v| (v - mean).powi(k)).sum::<f64>() / n;
        let (skew, kurt) = (c(3) / c(2).powf(1.5), c(4) / c(2).powi(2));
        let t0 = mean_test(&x, 0.0, 0.01).unwrap().t;
        // bootstrap-t under the null: resample the centred sample, count |t*| ≥ |t|
        let centred: Vec<f64> = x.iter().map(|v| v - mean).collect();
        let mut rng = stream(seed, "doob-bootstrap", 0, 0);
        let (b, mut hits) = (20_000, 0);
        for _ in 0..b {
            let s: Vec<f64> = (0..x.len())
                .map(|_| centred[rng.random_range(0..x.len())])
                .collect();
            if mean_test(&s, 0.0, 0.01).unwrap().t.abs() >= t0.abs() {
                hits += 1;
            }
        }
        println!(
            "seed {seed}: mean {mean:.4}, t {t0:.3}, skewness {skew:.3}, kurtosis {kurt:.2}, bootstrap-t p = {} / {b}",
            hits
        );
    }
}
