//! `verify`: the audit of Christensen & Kallsen, claim by claim (see design.md for the contract).
//! This file parses the command line and dispatches; `run.rs` does each subcommand through the
//! library, and `report::commands` renders the outputs.
//!
//! Exit codes: 0 when no finding failed, 1 when one did, 2 on bad usage or input (one line on
//! stderr, never a panic).

mod run;

use bnn_sgd_verify::claims::Profile;
use bnn_sgd_verify::eval::Quantity;
use bnn_sgd_verify::paper::loss::LossKind;
use bnn_sgd_verify::paper::normalizer::{Scaling, MAX_DIGITS};
use bnn_sgd_verify::rigorous::prover::Engine;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "verify",
    version,
    about = "Audit of Christensen & Kallsen (arXiv 2309.05102): every claim, with a verdict",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    audit: AuditArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check every claim (the default): a table on stdout, report files in --out.
    Audit(AuditArgs),
    /// The claim ids, paper references, methods and whether each check is built.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// One number of the paper at any precision, with a rigorous enclosure.
    Eval(EvalArgs),
    /// One claim's range statements by the branch-and-bound prover, re-checked by the other
    /// interval engine.
    Prove(ProveArgs),
    /// The Monte Carlo error of Theorem 1 for one loss, d and n, with standard errors.
    Simulate(SimulateArgs),
    /// Throughput of the Monte Carlo engine against the floor of its random numbers.
    Bench(BenchArgs),
    /// A grid of Monte Carlo cells (from flags or a grid file), whole or one shard of it.
    Sweep(SweepArgs),
    /// Merge the part files of a sharded sweep into the result of one run (the same bytes).
    Merge(MergeArgs),
    /// Rerun the statistical findings over many seeds: per test, how often it rejects before
    /// Holm (own tests against the level, controls and equivalence tests against 1).
    Calibrate(CalibrateArgs),
    /// Re-check a certificate file with the other engine; exit 0 only when every box holds.
    CheckCertificate {
        /// The certificate (JSON) written by 'verify prove --certificate'.
        file: PathBuf,
    },
}

/// text | markdown | json
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum AuditFormat {
    Text,
    Markdown,
    Json,
}

/// text | json
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

impl ListFormat {
    fn json(self) -> bool {
        self == ListFormat::Json
    }
}

/// The process's constants, shared by `simulate` and `sweep`.
#[derive(Args, Debug, Clone)]
struct ProcessArgs {
    /// Learning rate α.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    alpha: f64,
    /// Noise scale A.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    a: f64,
    /// A_n = A/√n (the proof's) or A/∛n ((3.3) as printed).
    #[arg(long, value_enum, default_value_t = Scaling::Sqrt)]
    scaling: Scaling,
}

/// The test losses' parameters (each refused for a loss that does not read it), shared by
/// `simulate` and `sweep`.
#[derive(Args, Debug, Clone)]
struct LossArgs {
    /// ‖g‖ ≥ 0 of the linear loss [default: 1].
    #[arg(long, allow_hyphen_values = true)]
    gnorm: Option<f64>,
    /// w_i ≥ 0 of the log-cosh loss [default: 1].
    #[arg(long, allow_hyphen_values = true)]
    w: Option<f64>,
    /// c_i of the log-cosh loss [default: 1].
    #[arg(long, allow_hyphen_values = true)]
    c: Option<f64>,
    /// G ≥ 0 of the ridge loss [default: 1].
    #[arg(long = "big-g", allow_hyphen_values = true)]
    big_g: Option<f64>,
    /// s* of the ridge loss [default: 1].
    #[arg(long = "s-star", allow_hyphen_values = true)]
    s_star: Option<f64>,
    /// Every coordinate of z0.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    z0: f64,
}

/// The options every Monte Carlo subcommand shares.
#[derive(Args, Debug, Clone)]
struct RunArgs {
    /// Seed of every random stream (0 to 2^64 − 1).
    #[arg(long, default_value_t = 1, value_parser = u64_in::<0, { u64::MAX as i128 }>, allow_hyphen_values = true)]
    seed: u64,
    /// Worker threads, 1 to 1024 (results do not depend on it).
    #[arg(long, value_parser = u64_in::<1, 1024>, allow_hyphen_values = true)]
    threads: Option<u64>,
}

#[derive(Args, Debug, Clone)]
struct AuditArgs {
    #[arg(long, value_enum, default_value_t = Profile::Standard)]
    profile: Profile,
    #[command(flatten)]
    run: RunArgs,
    /// What goes to stdout.
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    format: AuditFormat,
    /// Only these claim ids (comma-separated; see 'verify list').
    #[arg(long, value_delimiter = ',')]
    only: Option<Vec<String>>,
    /// Folder for report.txt, report.md, report.json, report.html and the figures (SVG).
    #[arg(long, default_value = "verify-report")]
    out: PathBuf,
    /// No progress bar (it is drawn on stderr only when stderr is a terminal).
    #[arg(long)]
    quiet: bool,
}

#[derive(Args, Debug)]
struct EvalArgs {
    #[arg(value_enum)]
    quantity: Quantity,
    /// The argument a (for drift: A), an exact decimal.
    #[arg(long, default_value = "1", allow_hyphen_values = true)]
    a: String,
    /// Number of updates, 1 to 2^64 − 1 (drift only).
    #[arg(long, value_parser = u64_in::<1, { u64::MAX as i128 }>, allow_hyphen_values = true)]
    n: Option<u64>,
    /// Significant digits, 1 to 100000.
    #[arg(long, default_value_t = 30, value_parser = u64_in::<1, { MAX_DIGITS as i128 }>, allow_hyphen_values = true)]
    digits: u64,
    /// A_n = A/√n (the proof's) or A/∛n ((3.3) as printed); drift only.
    #[arg(long, value_enum)]
    scaling: Option<Scaling>,
    /// The point x (density, cdf), an exact decimal.
    #[arg(long, allow_hyphen_values = true)]
    x: Option<String>,
    /// The moment order k, 0 to 6 (moment; default 2).
    #[arg(long, value_parser = u64_in::<0, 6>, allow_hyphen_values = true)]
    k: Option<u64>,
    /// The dimension d, 1 to 2^32 (linear-mse).
    #[arg(long, value_parser = u64_in::<1, { u32::MAX as i128 }>, allow_hyphen_values = true)]
    d: Option<u64>,
    /// g = g1,…,gd, exact decimals (linear-mse; default (1, …, 1)/√d).
    #[arg(long, allow_hyphen_values = true)]
    g: Option<String>,
    /// The learning rate α, an exact decimal > 0 (linear-mse, thm1-bound; default 1).
    #[arg(long, allow_hyphen_values = true)]
    alpha: Option<String>,
    /// The loss (thm1-bound; its G and λ at the default parameters: linear ‖g‖ = 1, λ = 0;
    /// logcosh w = 1: G = √d, λ = 1; ridge G = λ = 1).
    #[arg(long, value_enum)]
    loss: Option<LossKind>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Args, Debug)]
struct ProveArgs {
    /// The claim id (see 'verify list'; the claims with range statements are listed below).
    #[arg(long_help = run::prove_help())]
    id: String,
    /// Write the certificate (JSON) to this file.
    #[arg(long)]
    certificate: Option<PathBuf>,
    /// The engine that produces the certificate (the other re-checks it).
    #[arg(long, value_enum, default_value_t = Engine::Inari)]
    engine: Engine,
}

#[derive(Args, Debug)]
struct SimulateArgs {
    /// The loss (quadratic breaks (3.6): allowed with a warning).
    #[arg(long, value_enum)]
    loss: LossKind,
    /// Dimension d (number of edges), 1 to 2^24.
    #[arg(long, value_parser = u64_in::<1, { 1 << 24 }>, allow_hyphen_values = true)]
    d: u64,
    /// Updates per training sample, 1 to 2^64 − 1.
    #[arg(long, value_parser = u64_in::<1, { u64::MAX as i128 }>, allow_hyphen_values = true)]
    n: u64,
    /// Replicates, 2 to 2^64 − 1.
    #[arg(long, value_parser = u64_in::<2, { u64::MAX as i128 }>, allow_hyphen_values = true)]
    reps: u64,
    #[command(flatten)]
    process: ProcessArgs,
    #[command(flatten)]
    run: RunArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    params: LossArgs,
    /// g = g1,…,gd of the linear loss, coordinate by coordinate (instead of --gnorm).
    #[arg(
        long,
        value_delimiter = ',',
        allow_hyphen_values = true,
        conflicts_with = "gnorm"
    )]
    g: Option<Vec<f64>>,
    /// Run even when the cost model puts the run above the time or memory budget.
    #[arg(long)]
    force: bool,
}

#[derive(Args, Debug)]
struct SweepArgs {
    /// A grid file (JSON: reps, optional alpha, a, scaling, and per loss its parameters and its
    /// d and n lists); exclusive with the grid flags.
    #[arg(long, conflicts_with_all = ["loss", "d", "n", "reps"])]
    grid: Option<PathBuf>,
    /// The loss (with --d, --n, --reps: a one-loss grid).
    #[arg(long, value_enum, requires_all = ["d", "n", "reps"])]
    loss: Option<LossKind>,
    /// Comma-separated dimensions, each 1 to 2^24.
    #[arg(long, value_delimiter = ',', value_parser = u64_in::<1, { 1 << 24 }>, allow_hyphen_values = true)]
    d: Vec<u64>,
    /// Comma-separated numbers of updates, each 1 to 2^64 − 1.
    #[arg(long, value_delimiter = ',', value_parser = u64_in::<1, { u64::MAX as i128 }>, allow_hyphen_values = true)]
    n: Vec<u64>,
    /// Replicates per cell, 2 to 2^64 − 1.
    #[arg(long, value_parser = u64_in::<2, { u64::MAX as i128 }>, allow_hyphen_values = true)]
    reps: Option<u64>,
    #[command(flatten)]
    process: ProcessArgs,
    #[command(flatten)]
    params: LossArgs,
    /// Run shard K of N (0 ≤ K < N ≤ 10000): the replicates r with r mod N = K; writes
    /// part-K.json into --out for 'verify merge'.
    #[arg(long, value_parser = shard_of)]
    shard: Option<(u64, u64)>,
    /// Folder for the part file (with --shard).
    #[arg(long, default_value = ".")]
    out: PathBuf,
    #[command(flatten)]
    run: RunArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// Run even when the cost model puts the sweep above the time or memory budget.
    #[arg(long)]
    force: bool,
}

#[derive(Args, Debug)]
struct MergeArgs {
    /// The part files of one sweep (part-0.json … part-(N−1).json).
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Args, Debug)]
struct CalibrateArgs {
    #[arg(long, value_enum, default_value_t = Profile::Quick)]
    profile: Profile,
    /// Number of seeds, 1 to 10000.
    #[arg(long, default_value_t = 100, value_parser = u64_in::<1, 10000>, allow_hyphen_values = true)]
    seeds: u64,
    /// The first seed (a shard of a longer calibration starts later), 0 to 2^64 − 1.
    #[arg(long, default_value_t = 1, value_parser = u64_in::<0, { u64::MAX as i128 }>, allow_hyphen_values = true)]
    first_seed: u64,
    /// Only these claim ids (comma-separated; default: every claim with statistical tests).
    #[arg(long, value_delimiter = ',')]
    only: Option<Vec<String>>,
    /// Worker threads, 1 to 1024 (results do not depend on it).
    #[arg(long, value_parser = u64_in::<1, 1024>, allow_hyphen_values = true)]
    threads: Option<u64>,
    /// Merge these calibration files (JSON, from --format json) instead of running.
    #[arg(long, num_args = 1.., conflicts_with_all = ["seeds", "first_seed", "only"])]
    merge: Option<Vec<PathBuf>>,
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    format: AuditFormat,
}

#[derive(Args, Debug)]
struct BenchArgs {
    /// Repetitions per measurement, 1 to 1000 (the median is reported).
    #[arg(long, default_value_t = 5, value_parser = u64_in::<1, 1000>, allow_hyphen_values = true)]
    runs: u64,
    /// Updates per replicate, 1 to 2^64 − 1.
    #[arg(long, default_value_t = 16384, value_parser = u64_in::<1, { u64::MAX as i128 }>, allow_hyphen_values = true)]
    n: u64,
    /// Coordinate-steps per measurement (≥ 1).
    #[arg(long, default_value_t = 3.2e7, allow_hyphen_values = true)]
    work: f64,
    /// Comma-separated dimensions, each 1 to 2^20.
    #[arg(long, value_delimiter = ',', default_value = "1,16,64,256", value_parser = u64_in::<1, { 1 << 20 }>, allow_hyphen_values = true)]
    d: Vec<u64>,
    /// Comma-separated losses (not quadratic).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "linear,ridge,logcosh"
    )]
    loss: Vec<LossKind>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    /// Run even when the cost model puts the benchmark above the time or memory budget.
    #[arg(long)]
    force: bool,
}

/// An integer option in `[LO, HI]`: parsed wide, so that a negative or huge value gets a message
/// naming the range instead of clap's "unexpected argument".
fn u64_in<const LO: i128, const HI: i128>(s: &str) -> Result<u64, String> {
    match s.trim().parse::<i128>() {
        Ok(v) if (LO..=HI).contains(&v) => Ok(v as u64),
        _ => Err(format!("must be an integer from {LO} to {HI}")),
    }
}

/// `K/N` with 0 ≤ K < N ≤ 10000.
fn shard_of(s: &str) -> Result<(u64, u64), String> {
    let msg = || "must be K/N with 0 ≤ K < N ≤ 10000".to_string();
    let (k, n) = s.split_once('/').ok_or_else(msg)?;
    let (k, n) = (
        u64_in::<0, 9999>(k).map_err(|_| msg())?,
        u64_in::<1, 10000>(n).map_err(|_| msg())?,
    );
    if k < n {
        Ok((k, n))
    } else {
        Err(msg())
    }
}

/// A usage or input error: one line on stderr, exit code 2.
pub struct UsageError(pub String);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return run::clap_error(e),
    };
    let result = match cli.command {
        None => run::audit(&cli.audit),
        Some(Command::Audit(args)) => run::audit(&args),
        Some(Command::List { format }) => run::list(format.json()),
        Some(Command::Eval(args)) => run::eval(&args),
        Some(Command::Prove(args)) => run::prove(&args),
        Some(Command::CheckCertificate { file }) => run::check_certificate(&file),
        Some(Command::Calibrate(args)) => run::calibrate(&args),
        Some(Command::Simulate(args)) => run::simulate(&args),
        Some(Command::Bench(args)) => run::bench(&args),
        Some(Command::Sweep(args)) => run::sweep(&args),
        Some(Command::Merge(args)) => run::merge(&args),
    };
    match result {
        Ok(code) => code,
        Err(UsageError(msg)) => {
            eprintln!("verify: {msg}");
            ExitCode::from(2)
        }
    }
}
