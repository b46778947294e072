//! `verify sweep` and `verify merge`: a grid of Monte Carlo cells, run whole or in shards on
//! several machines, merged to the same bytes as one run.
//!
//! Shard K of N runs, in every cell, the replicates r with r mod N = K (by key: each replicate
//! has its own stream (seed, "sweep", cell, r), wherever it runs). A shard writes the exact
//! sums of its replicates ([`CellSums`]); sums are exact, so merging them in any grouping gives
//! the same numbers as one run, to the last bit.

use super::accumulate::{run_cell_sums, CellSums, Divergence};
use super::simulate::{Cost, SimulateError, SimulateRequest};
use super::{CellSummary, Progress};
use crate::paper::loss::{LossKind, LossParams};
use crate::paper::normalizer::Scaling;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The version of sweep part files.
pub const PART_SCHEMA: u32 = 1;

/// One cell of a sweep: everything a simulation needs but the seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepCell {
    pub loss: String,
    pub d: usize,
    pub n: u64,
    pub reps: u64,
    pub alpha: f64,
    pub a: f64,
    pub scaling: String,
    pub gnorm: f64,
    pub w: f64,
    pub c: f64,
    pub big_g: f64,
    pub s_star: f64,
    pub z0: f64,
}

impl SweepCell {
    /// The simulation request of this cell.
    ///
    /// # Errors
    /// An unknown loss or scaling name, or what [`SimulateRequest::validate`] refuses.
    pub fn request(&self, seed: u64) -> Result<SimulateRequest, SimulateError> {
        let bad = |s: String| SimulateError::Input(s);
        let kind = LossKind::parse(&self.loss)
            .ok_or_else(|| bad(format!("unknown loss '{}'", self.loss)))?;
        let scaling = Scaling::parse(&self.scaling)
            .ok_or_else(|| bad(format!("unknown scaling '{}'", self.scaling)))?;
        let req = SimulateRequest {
            kind,
            d: self.d,
            n: self.n,
            reps: self.reps,
            alpha: self.alpha,
            big_a: self.a,
            scaling,
            seed,
            loss: LossParams {
                g_norm: self.gnorm,
                w: self.w,
                c: self.c,
                big_g: self.big_g,
                s_star: self.s_star,
                z0: self.z0,
            },
            g: None,
        };
        req.validate()?;
        Ok(req)
    }
}

/// A grid file: common settings and, per loss, its parameters and its d and n lists.
///
/// ```json
/// {"reps": 64, "losses": [{"loss": "linear", "gnorm": 2, "d": [4, 16], "n": [256, 1024]},
///                         {"loss": "ridge", "big_g": 1, "s_star": 0.5, "d": [4], "n": [256]}]}
/// ```
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridFile {
    pub reps: u64,
    #[serde(default = "one")]
    pub alpha: f64,
    #[serde(default = "one")]
    pub a: f64,
    #[serde(default = "sqrt")]
    pub scaling: String,
    pub losses: Vec<LossBlock>,
}

/// One loss of a grid file with its parameters (the defaults of `simulate` where left out).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LossBlock {
    pub loss: String,
    pub d: Vec<usize>,
    pub n: Vec<u64>,
    pub gnorm: Option<f64>,
    pub w: Option<f64>,
    pub c: Option<f64>,
    pub big_g: Option<f64>,
    pub s_star: Option<f64>,
    pub z0: Option<f64>,
}

fn one() -> f64 {
    1.0
}
fn sqrt() -> String {
    "sqrt".into()
}

/// The cells of a grid, in the order d × n per loss (the order that keys their streams).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    pub cells: Vec<SweepCell>,
}

impl Grid {
    /// The grid of a grid file; a parameter that its loss does not read is refused.
    ///
    /// # Errors
    /// Malformed JSON, an unknown loss, or an inapplicable parameter.
    pub fn from_file(text: &str) -> Result<Grid, SimulateError> {
        let f: GridFile = serde_json::from_str(text)
            .map_err(|e| SimulateError::Input(format!("not a grid file: {e}")))?;
        let d = LossParams::default();
        let mut cells = vec![];
        for b in &f.losses {
            let kind = LossKind::parse(&b.loss)
                .ok_or_else(|| SimulateError::Input(format!("unknown loss '{}'", b.loss)))?;
            for (name, v) in [
                ("gnorm", b.gnorm),
                ("w", b.w),
                ("c", b.c),
                ("big-g", b.big_g),
                ("s-star", b.s_star),
            ] {
                if v.is_some() && !kind.parameters().contains(&name) {
                    return Err(SimulateError::Input(format!(
                        "the grid gives {name} to the {} loss, which does not read it",
                        b.loss
                    )));
                }
            }
            for &dd in &b.d {
                for &n in &b.n {
                    cells.push(SweepCell {
                        loss: kind.name().into(),
                        d: dd,
                        n,
                        reps: f.reps,
                        alpha: f.alpha,
                        a: f.a,
                        scaling: f.scaling.clone(),
                        gnorm: b.gnorm.unwrap_or(d.g_norm),
                        w: b.w.unwrap_or(d.w),
                        c: b.c.unwrap_or(d.c),
                        big_g: b.big_g.unwrap_or(d.big_g),
                        s_star: b.s_star.unwrap_or(d.s_star),
                        z0: b.z0.unwrap_or(d.z0),
                    });
                }
            }
        }
        Ok(Grid { cells })
    }

    /// Checks every cell and the whole grid's cost before anything runs.
    ///
    /// # Errors
    /// The first cell refused, or a cost above the budget.
    pub fn validate(&self, seed: u64, force: bool) -> Result<(), SimulateError> {
        if self.cells.is_empty() {
            return Err(SimulateError::Input("the grid has no cells".into()));
        }
        let mut total = Cost {
            coordinate_steps: 0.0,
            seconds: 0.0,
            bytes: 0.0,
        };
        for (i, c) in self.cells.iter().enumerate() {
            let cost = c
                .request(seed)
                .map_err(|e| SimulateError::Input(format!("cell {i}: {e}")))?
                .cost();
            total.coordinate_steps += cost.coordinate_steps;
            total.seconds += cost.seconds;
            total.bytes = total.bytes.max(cost.bytes);
        }
        total.check(force)
    }

    /// SHA-256 of the grid's canonical JSON: what parts must agree on to merge.
    pub fn sha256(&self) -> String {
        let canonical = serde_json::to_string(self).expect("serializable");
        Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// What one shard writes (`part-K.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub schema: u32,
    pub tool: String,
    pub version: String,
    pub seed: u64,
    pub grid_sha256: String,
    pub grid: Grid,
    pub shard: u64,
    pub shards: u64,
    /// One entry per cell, in grid order.
    pub sums: Vec<CellSums>,
}

/// Runs shard `shard` of `shards` of a (validated) grid.
pub fn run_shard(grid: &Grid, seed: u64, shard: u64, shards: u64, quiet: bool) -> Part {
    let total: u64 = grid.cells.iter().map(|c| c.reps.div_ceil(shards)).sum();
    let progress = Progress::new(total, quiet);
    let sums = grid
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (problem, params) = c.request(seed).expect("validated grid").problem();
            run_cell_sums(
                &problem,
                &params,
                (seed, "sweep", i as u64),
                c.reps,
                (shard, shards),
                Some(&progress),
            )
        })
        .collect();
    Part {
        schema: PART_SCHEMA,
        tool: env!("CARGO_PKG_NAME").into(),
        version: env!("CARGO_PKG_VERSION").into(),
        seed,
        grid_sha256: grid.sha256(),
        grid: grid.clone(),
        shard,
        shards,
        sums,
    }
}

/// The result of a sweep: per cell, its summary or its first divergence.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepResult {
    pub seed: u64,
    pub grid: Grid,
    pub cells: Vec<Result<CellSummary, Divergence>>,
}

impl SweepResult {
    /// Did a cell diverge?
    pub fn diverged(&self) -> bool {
        self.cells.iter().any(|c| c.is_err())
    }
}

/// Merges the parts of one sweep: same schema, tool version, seed and grid; every shard of
/// 0..N exactly once.
///
/// # Errors
/// One line naming what does not match, or the shard that is missing or repeated.
pub fn merge(parts: &[Part]) -> Result<SweepResult, String> {
    let first = parts.first().ok_or("no parts to merge")?;
    for p in parts {
        if p.schema != PART_SCHEMA {
            return Err(format!(
                "part {} has schema {}, not {PART_SCHEMA}",
                p.shard, p.schema
            ));
        }
        if p.version != first.version || p.tool != first.tool {
            return Err(format!(
                "part {} comes from {} {}, part {} from {} {}",
                p.shard, p.tool, p.version, first.shard, first.tool, first.version
            ));
        }
        if p.seed != first.seed {
            return Err(format!(
                "part {} has seed {}, part {} seed {}",
                p.shard, p.seed, first.shard, first.seed
            ));
        }
        if p.grid_sha256 != first.grid_sha256
            || p.grid != first.grid
            || p.grid.sha256() != p.grid_sha256
        {
            return Err(format!("part {} is of another grid", p.shard));
        }
        if p.shards != first.shards {
            return Err(format!(
                "part {} is one of {} shards, part {} of {}",
                p.shard, p.shards, first.shard, first.shards
            ));
        }
        if p.sums.len() != p.grid.cells.len() {
            return Err(format!(
                "part {} has {} cells, its grid {}",
                p.shard,
                p.sums.len(),
                p.grid.cells.len()
            ));
        }
    }
    for k in 0..first.shards {
        match parts.iter().filter(|p| p.shard == k).count() {
            1 => {}
            0 => return Err(format!("shard {k} of {} is missing", first.shards)),
            c => return Err(format!("shard {k} appears {c} times")),
        }
    }
    if let Some(p) = parts.iter().find(|p| p.shard >= first.shards) {
        return Err(format!(
            "part {} is beyond {} shards",
            p.shard, first.shards
        ));
    }
    let mut sums = vec![CellSums::default(); first.grid.cells.len()];
    for p in parts {
        for (acc, s) in sums.iter_mut().zip(&p.sums) {
            acc.merge(s);
        }
    }
    for (i, (s, c)) in sums.iter().zip(&first.grid.cells).enumerate() {
        if s.diverged.is_none() && s.count != c.reps {
            return Err(format!(
                "cell {i}: the parts hold {} replicates, the grid {}",
                s.count, c.reps
            ));
        }
    }
    Ok(SweepResult {
        seed: first.seed,
        grid: first.grid.clone(),
        cells: sums.iter().map(CellSums::summary).collect(),
    })
}
