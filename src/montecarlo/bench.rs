//! Throughput: the engine against the floor of its random numbers (`verify bench`). The
//! figure of merit is engine rate / floor rate, where the floor is the same ChaCha8 streams
//! delivering the same uniforms, drawn in blocks and converted as the engine converts them.

use super::kernels::draw_block;
use super::{replicate_tabled, FlowTable, Problem};
use crate::paper::loss::{LossKind, LossParams};
use crate::paper::normalizer::Scaling;
use crate::paper::stdp::StdpParams;
use crate::streams::stream;
use rayon::prelude::*;

/// Seconds for `reps` replicates of one cell on a pool of `threads` threads.
pub fn time_engine(problem: &Problem, params: &StdpParams, reps: u64, threads: usize) -> f64 {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let t = std::time::Instant::now();
    // the terminal errors summed, not collected: memory O(d) per thread whatever `reps` is
    let table = FlowTable::new(problem, params.n);
    let out: f64 = pool.install(|| {
        (0..reps)
            .into_par_iter()
            .map(|r| {
                let mut rng = stream(7, "bench", 0, r);
                replicate_tabled(problem, params, &mut rng, table.as_ref()).terminal_sq
            })
            .sum()
    });
    std::hint::black_box(out);
    t.elapsed().as_secs_f64()
}

/// Seconds for the same generator alone to deliver `reps·n·d` uniforms (one stream per
/// replicate, drawn in blocks and converted as the engine converts them) on `threads` threads.
pub fn time_floor(d: usize, n: u64, reps: u64, threads: usize, h: f64) -> f64 {
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
                    draw_block(&mut rng, &mut bits, &mut u, std::hint::black_box(h));
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
            // an even count, so that two threads get equal shares
            let reps = ((work / (n as f64 * d as f64) / 2.0).ceil() as u64).max(2) * 2;
            let steps = reps as f64 * n as f64 * d as f64;
            // engine and floor alternate, and so do the thread counts within each run, so a drift
            // of the machine's speed hits all of them alike
            let mut e = vec![vec![]; threads.len()];
            let mut f = vec![vec![]; threads.len()];
            for _ in 0..runs {
                for (k, &t) in threads.iter().enumerate() {
                    e[k].push(steps / time_engine(&problem, &params, reps, t));
                    f[k].push(steps / time_floor(d, n, reps, t, params.half_width()));
                }
            }
            for ((&t, e), f) in threads.iter().zip(e).zip(f) {
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

/// A hint for machines where glibc's memcpy is the AVX-512 one: called inside rand_core's
/// `fill_bytes` (the copy of ChaCha's buffer into the engine's draw buffer), it slowed the whole
/// engine by 20–25 % on the machines this suite was measured on, while the floor's copy is
/// inlined; glibc's own tunable `Prefer_No_AVX512` avoids it (same results, bit for bit).
/// `None` when the CPU lacks AVX-512 or the tunable is already set.
pub fn avx512_memcpy_hint() -> Option<&'static str> {
    #[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
    {
        let set = std::env::var("GLIBC_TUNABLES").is_ok_and(|t| t.contains("Prefer_No_AVX512"));
        if std::arch::is_x86_feature_detected!("avx512f") && !set {
            return Some(
                "note: this CPU has AVX-512, and glibc's AVX-512 memcpy (inside rand_core's fill_bytes) \
                 can cost the engine 20-25 %; compare with GLIBC_TUNABLES=glibc.cpu.hwcaps=Prefer_No_AVX512 \
                 (README, Performance)",
            );
        }
    }
    None
}
