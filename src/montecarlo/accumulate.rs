//! A cell's replicates summed exactly as they finish: memory O(d) per thread (plus the cell's
//! O(n) flow table) whatever the replicate count, and sums that do not depend on the thread
//! count, the order of completion or the split into shards (they are exact, see
//! [`ExactSum`]), so that shards merge to the same bytes as one run.

use super::{replicate_tabled, CellSummary, FlowTable, Problem, Progress, ReplicateErrors};
use crate::paper::stdp::StdpParams;
use crate::rigorous::exact_sum::ExactSum;
use crate::streams::stream;
use rayon::prelude::*;
use rug::Float;
use serde::{Deserialize, Serialize};

/// The first replicate (by index) whose error became non-finite, and the step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Divergence {
    pub replicate: u64,
    pub step: u64,
}

impl std::fmt::Display for Divergence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "replicate {} diverged at step {} (the error ‖θ − Z‖² is not finite)",
            self.replicate, self.step
        )
    }
}

/// Exact sums over replicates of the squared errors and of their squares (the fourth moment of
/// the error, which the standard error of an rmse needs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellSums {
    pub count: u64,
    pub sup: ExactSum,
    pub sup_sq: ExactSum,
    pub terminal: ExactSum,
    pub terminal_sq: ExactSum,
    pub diverged: Option<Divergence>,
}

impl CellSums {
    fn add(&mut self, replicate: u64, e: &ReplicateErrors) {
        if let Some(step) = e.diverged_at {
            self.merge_divergence(Divergence { replicate, step });
            return;
        }
        self.count += 1;
        self.sup.add(e.sup_sq);
        self.sup_sq.add_square(e.sup_sq);
        self.terminal.add(e.terminal_sq);
        self.terminal_sq.add_square(e.terminal_sq);
    }

    fn merge_divergence(&mut self, d: Divergence) {
        if self.diverged.is_none_or(|old| d.replicate < old.replicate) {
            self.diverged = Some(d);
        }
    }

    /// Adds another cell's sums (exact; any order gives the same result).
    pub fn merge(&mut self, o: &CellSums) {
        self.count += o.count;
        self.sup.merge(&o.sup);
        self.sup_sq.merge(&o.sup_sq);
        self.terminal.merge(&o.terminal);
        self.terminal_sq.merge(&o.terminal_sq);
        if let Some(d) = o.diverged {
            self.merge_divergence(d);
        }
    }

    /// The two rmse with delta-method standard errors: `√m` and `se(m)/(2√m)` with
    /// `m = Σs/N`, `var = (Σs² − (Σs)²/N)/(N − 1)`, evaluated at 256 bits from the exact sums
    /// (no cancellation), rounded once to f64.
    ///
    /// # Errors
    /// The first divergence, if a replicate diverged.
    pub fn summary(&self) -> Result<CellSummary, Divergence> {
        if let Some(d) = self.diverged {
            return Err(d);
        }
        let rms = |s: &ExactSum, sq: &ExactSum| -> (f64, f64) {
            let n = self.count.max(1);
            let p = 256;
            let mean = Float::with_val(p, s.as_float() / n);
            let var = (Float::with_val(p, sq.as_float())
                - Float::with_val(p, &mean * s.as_float()))
                / (n.saturating_sub(1).max(1));
            let var = if var < 0 { Float::new(p) } else { var };
            let r = Float::with_val(p, mean.sqrt_ref());
            let se = if r > 0 {
                Float::with_val(p, (var / n).sqrt()) / (2u32 * r.clone())
            } else {
                Float::new(p)
            };
            (r.to_f64(), se.to_f64())
        };
        let (rs, rs_se) = rms(&self.sup, &self.sup_sq);
        let (rt, rt_se) = rms(&self.terminal, &self.terminal_sq);
        Ok(CellSummary {
            reps: self.count,
            rmse_sup: rs,
            rmse_sup_se: rs_se,
            rmse_terminal: rt,
            rmse_terminal_se: rt_se,
        })
    }
}

/// The replicates `r < reps` with `r mod shards = shard` of one cell, each on its own stream
/// (seed, experiment, cell, r), run in parallel and summed exactly.
pub fn run_cell_sums(
    problem: &Problem,
    params: &StdpParams,
    key: (u64, &str, u64),
    reps: u64,
    (shard, shards): (u64, u64),
    progress: Option<&Progress>,
) -> CellSums {
    let (seed, experiment, cell) = key;
    let table = FlowTable::new(problem, params.n);
    (0..reps)
        .into_par_iter()
        .filter(|r| r % shards == shard)
        .fold(CellSums::default, |mut acc, r| {
            let mut rng = stream(seed, experiment, cell, r);
            let e = replicate_tabled(problem, params, &mut rng, table.as_ref());
            acc.add(r, &e);
            if let Some(p) = progress {
                p.tick();
            }
            acc
        })
        .reduce(CellSums::default, |mut a, b| {
            a.merge(&b);
            a
        })
}
