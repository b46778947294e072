//! The subcommands' bodies: validate what the parser cannot, call the library, write the files,
//! print what `report` renders.

use super::{
    AuditArgs, AuditFormat, BenchArgs, CalibrateArgs, EvalArgs, LossArgs, MergeArgs, ProveArgs,
    SimulateArgs, SweepArgs, UsageError,
};
use bnn_sgd_verify::claims::certificate::read_capped;
use bnn_sgd_verify::claims::{find, registry, Audit};
use bnn_sgd_verify::eval::{evaluate, validate, EvalRequest};
use bnn_sgd_verify::montecarlo::sweep::{
    merge as merge_parts, run_shard, Grid, Part, SweepCell, SweepResult,
};
use bnn_sgd_verify::montecarlo::{avx512_memcpy_hint, Progress, SimulateError, SimulateRequest};
use bnn_sgd_verify::paper::loss::{LossKind, LossParams};
use bnn_sgd_verify::report::files::{check_out_dir, write_report, Manifest, SCHEMA};
use bnn_sgd_verify::report::{commands, Report};
use std::path::Path;
use std::process::ExitCode;

fn usage<T>(msg: impl Into<String>) -> Result<T, UsageError> {
    Err(UsageError(msg.into()))
}

/// With `VERIFY_DRY_RUN` set, each subcommand stops after parsing and validating its input, before
/// any work or file (the hostile-input tests throw random argument vectors at it this way).
fn dry_run() -> bool {
    std::env::var_os("VERIFY_DRY_RUN").is_some()
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// clap's error: help and version print as they are (exit 0); a usage error becomes one line
/// (clap's message up to its usage block: a missing argument is named on the lines after the
/// first) and exit 2.
pub fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.to_string();
    let line = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let line = if line.is_empty() {
        "invalid usage"
    } else {
        &line
    };
    eprintln!("verify: {}", line.trim_start_matches("error: "));
    ExitCode::from(2)
}

/// The claims that have range statements, from the registry.
fn provable_ids() -> String {
    let ids: Vec<&str> = bnn_sgd_verify::claims::registry::provable()
        .map(|c| c.id)
        .collect();
    ids.join(", ")
}

/// The long help of `verify prove ID`.
pub fn prove_help() -> String {
    format!(
        "The claim id (see 'verify list'). Claims with range statements: {}",
        provable_ids()
    )
}

fn set_threads(threads: Option<u64>) -> Result<(), UsageError> {
    if let Some(t) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(t as usize)
            .build_global()
            .map_err(|e| UsageError(format!("cannot start {t} threads: {e}")))?;
    }
    Ok(())
}

pub fn audit(args: &AuditArgs) -> Result<ExitCode, UsageError> {
    set_threads(args.run.threads)?;
    if let Some(only) = &args.only {
        if let Some(bad) = only.iter().find(|id| find(id).is_none()) {
            return usage(format!("unknown claim id '{bad}' (see 'verify list')"));
        }
    }
    if dry_run() {
        return Ok(ExitCode::SUCCESS);
    }
    check_out_dir(&args.out).map_err(UsageError)?;
    let count = registry()
        .iter()
        .filter(|c| {
            args.only
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|i| i == c.id))
        })
        .count();
    let progress = Progress::counting(count as u64, args.quiet, "claims");
    let mut started = false;
    let result = Audit::run_with(
        args.profile,
        args.run.seed,
        args.only.as_deref(),
        &mut |c| {
            if started {
                progress.tick();
            }
            started = true;
            progress.running(c.id);
        },
    );
    progress.finish();
    let report = match Report::new(&result) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("verify: cannot render the report: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let manifest = Manifest {
        schema: SCHEMA,
        tool: env!("CARGO_PKG_NAME").into(),
        version: env!("CARGO_PKG_VERSION").into(),
        profile: args.profile.name().into(),
        seed: args.run.seed,
        claims: result.claims.iter().map(|c| c.id.to_string()).collect(),
        files: vec![],
    };
    write_report(&args.out, &report.files(), manifest).map_err(UsageError)?;
    print!(
        "{}",
        match args.format {
            AuditFormat::Markdown => &report.markdown,
            AuditFormat::Json => &report.json,
            AuditFormat::Text => &report.text,
        }
    );
    Ok(exit(result.failed()))
}

pub fn list(json: bool) -> Result<ExitCode, UsageError> {
    print!("{}", commands::list(registry(), json));
    Ok(ExitCode::SUCCESS)
}

pub fn eval(args: &EvalArgs) -> Result<ExitCode, UsageError> {
    let req = EvalRequest {
        quantity: args.quantity,
        a: args.a.clone(),
        n: args.n,
        scaling: args.scaling,
        x: args.x.clone(),
        k: args.k.map(|k| k as u32),
        digits: args.digits,
        d: args.d,
        g: args.g.clone(),
        alpha: args.alpha.clone(),
        loss: args.loss,
    };
    if dry_run() {
        validate(&req).map_err(|e| UsageError(e.to_string()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let ev = evaluate(&req).map_err(|e| UsageError(e.to_string()))?;
    print!("{}", commands::eval(&ev, args.format.json()));
    Ok(ExitCode::SUCCESS)
}

pub fn prove(args: &ProveArgs) -> Result<ExitCode, UsageError> {
    use bnn_sgd_verify::claims::statements::prove_claim;
    use bnn_sgd_verify::rigorous::prover::{Certificate, CERTIFICATE_FORMAT};
    let Some(claim) = find(&args.id) else {
        return usage(format!(
            "unknown claim id '{}' (see 'verify list')",
            args.id
        ));
    };
    if claim.range_statements.is_empty() {
        return usage(format!(
            "claim '{}' has no range statement for the prover (provable: {})",
            args.id,
            provable_ids()
        ));
    }
    if dry_run() {
        return Ok(ExitCode::SUCCESS);
    }
    let proofs = prove_claim(claim.range_statements, args.engine);
    let mut all = true;
    for cp in &proofs {
        println!("{}", cp.statement.description);
        println!("  {}", cp.summary(true));
        for u in cp.proof.undecided.iter().take(5) {
            println!(
                "  undecided box {:?}–{:?}: g(centre) ∈ [{}, {}]{}",
                u.lo,
                u.hi,
                u.centre_value.0,
                u.centre_value.1,
                if u.counterexample {
                    " — COUNTEREXAMPLE"
                } else {
                    ""
                }
            );
        }
        all &= cp.holds();
    }
    if let Some(path) = &args.certificate {
        let cert = Certificate {
            format: CERTIFICATE_FORMAT.into(),
            claim: claim.id.into(),
            statements: proofs
                .iter()
                .map(|cp| cp.proof.certificate.clone())
                .collect(),
        };
        let body = serde_json::to_string(&cert).expect("serializable");
        std::fs::write(path, body)
            .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))?;
        println!("certificate written to {}", path.display());
    }
    Ok(exit(!all))
}

pub fn check_certificate(file: &Path) -> Result<ExitCode, UsageError> {
    use bnn_sgd_verify::claims::certificate::{
        check_certificate, read_capped, CERTIFICATE_MAX_BYTES,
    };
    if dry_run() {
        return Ok(ExitCode::SUCCESS);
    }
    let t = std::time::Instant::now();
    let bad = |e: bnn_sgd_verify::claims::certificate::CertificateError| {
        UsageError(format!("{}: {e}", file.display()))
    };
    let text = read_capped(file, CERTIFICATE_MAX_BYTES).map_err(bad)?;
    let check = check_certificate(&text).map_err(bad)?;
    for s in &check.statements {
        match &s.result {
            Ok((boxes, engine)) => println!(
                "{}: {boxes} boxes by {engine}, re-checked by the other engine: every box holds",
                s.id
            ),
            Err(e) => println!("{}: REJECTED: {e}", s.id),
        }
    }
    for x in &check.extra {
        println!(
            "{x}: REJECTED: not a statement of {} (or repeated)",
            check.claim.id
        );
    }
    let holds = check.holds();
    println!(
        "claim {}: {} ({:.3} s)",
        check.claim.id,
        if holds {
            "every range statement certified"
        } else {
            "NOT certified"
        },
        t.elapsed().as_secs_f64()
    );
    Ok(exit(!holds))
}

/// The loss parameters given on the command line, each refused when the loss does not read it.
fn loss_params(loss: LossKind, args: &LossArgs) -> Result<LossParams, UsageError> {
    let d = LossParams::default();
    let given = [
        ("gnorm", args.gnorm),
        ("w", args.w),
        ("c", args.c),
        ("big-g", args.big_g),
        ("s-star", args.s_star),
    ];
    let takes = loss.parameters();
    if let Some((name, _)) = given
        .iter()
        .find(|(name, v)| v.is_some() && !takes.contains(name))
    {
        let known: String = takes.iter().map(|t| format!("--{t}, ")).collect();
        return usage(format!(
            "--{name} does not apply to --loss {} (it takes {known}--z0)",
            loss.name()
        ));
    }
    Ok(LossParams {
        g_norm: args.gnorm.unwrap_or(d.g_norm),
        w: args.w.unwrap_or(d.w),
        c: args.c.unwrap_or(d.c),
        big_g: args.big_g.unwrap_or(d.big_g),
        s_star: args.s_star.unwrap_or(d.s_star),
        z0: args.z0,
    })
}

pub fn simulate(args: &SimulateArgs) -> Result<ExitCode, UsageError> {
    let req = SimulateRequest {
        kind: args.loss,
        d: args.d as usize,
        n: args.n,
        reps: args.reps,
        alpha: args.process.alpha,
        big_a: args.process.a,
        scaling: args.process.scaling,
        seed: args.run.seed,
        loss: loss_params(args.loss, &args.params)?,
        g: args.g.clone(),
    };
    req.validate().map_err(|e| UsageError(e.to_string()))?;
    req.cost()
        .check(args.force)
        .map_err(|e| UsageError(e.to_string()))?;
    if dry_run() {
        return Ok(ExitCode::SUCCESS);
    }
    set_threads(args.run.threads)?;
    if args.loss == LossKind::Quadratic {
        eprintln!("verify: warning: the quadratic loss breaks (3.6) (unbounded gradient); the scheme can blow up");
    }
    let t = std::time::Instant::now();
    let (s, prediction) = match bnn_sgd_verify::montecarlo::simulate(&req, args.quiet) {
        Ok(r) => r,
        Err(SimulateError::Diverged(d)) => {
            eprintln!("verify: the simulation diverged: {d}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return usage(e.to_string()),
    };
    let secs = t.elapsed().as_secs_f64();
    print!(
        "{}",
        commands::simulate(&req, &s, prediction, args.format.json())
    );
    let steps = args.reps as f64 * args.n as f64 * args.d as f64;
    eprintln!("{:.3} s, {:.3e} coordinate-steps/s", secs, steps / secs);
    Ok(ExitCode::SUCCESS)
}

pub fn bench(args: &BenchArgs) -> Result<ExitCode, UsageError> {
    if !(args.work.is_finite() && args.work >= 1.0) {
        return usage("--work must be a finite number ≥ 1");
    }
    if args.loss.contains(&LossKind::Quadratic) {
        return usage("--loss quadratic cannot be benchmarked (known: linear, ridge, logcosh)");
    }
    let ds: Vec<usize> = args.d.iter().map(|&d| d as usize).collect();
    // every cell runs at least 4 replicates, on 1 and 2 threads, engine and floor, `runs` times
    let steps: f64 = ds
        .iter()
        .map(|&d| args.work.max(4.0 * args.n as f64 * d as f64))
        .sum::<f64>()
        * 4.0
        * args.runs as f64
        * args.loss.len() as f64;
    let cost = bnn_sgd_verify::montecarlo::simulate::Cost {
        coordinate_steps: steps,
        seconds: steps / 2e8,
        bytes: 8.0 * args.n as f64,
    };
    cost.check(args.force)
        .map_err(|e| UsageError(e.to_string()))?;
    if dry_run() {
        return Ok(ExitCode::SUCCESS);
    }
    let rows = bnn_sgd_verify::montecarlo::bench(
        &args.loss,
        &ds,
        args.n,
        &[1, 2],
        args.runs as usize,
        args.work,
    );
    print!(
        "{}",
        commands::bench(&rows, args.n, args.runs as usize, args.format.json())
    );
    if let Some(h) = avx512_memcpy_hint() {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        eprintln!("{h}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The grid of `verify sweep`: from a grid file, or from the flags (one loss).
fn sweep_grid(args: &SweepArgs) -> Result<Grid, UsageError> {
    if let Some(path) = &args.grid {
        let text = read_capped(path, 1 << 20)
            .map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
        return Grid::from_file(&text).map_err(|e| UsageError(format!("{}: {e}", path.display())));
    }
    let (Some(loss), Some(reps)) = (args.loss, args.reps) else {
        return usage("give --grid FILE, or --loss with --d, --n and --reps");
    };
    let p = loss_params(loss, &args.params)?;
    let mut cells = vec![];
    for &d in &args.d {
        for &n in &args.n {
            cells.push(SweepCell {
                loss: loss.name().into(),
                d: d as usize,
                n,
                reps,
                alpha: args.process.alpha,
                a: args.process.a,
                scaling: args.process.scaling.name().into(),
                gnorm: p.g_norm,
                w: p.w,
                c: p.c,
                big_g: p.big_g,
                s_star: p.s_star,
                z0: p.z0,
            });
        }
    }
    Ok(Grid { cells })
}

fn sweep_exit(r: &SweepResult) -> ExitCode {
    for (i, c) in r.cells.iter().enumerate() {
        if let Err(d) = c {
            eprintln!("verify: cell {i} diverged: {d}");
        }
    }
    exit(r.diverged())
}

pub fn sweep(args: &SweepArgs) -> Result<ExitCode, UsageError> {
    let grid = sweep_grid(args)?;
    grid.validate(args.run.seed, args.force)
        .map_err(|e| UsageError(e.to_string()))?;
    if dry_run() {
        return Ok(ExitCode::SUCCESS);
    }
    let (shard, shards) = args.shard.unwrap_or((0, 1));
    let part_path = args.out.join(format!("part-{shard}.json"));
    if args.shard.is_some() {
        check_out_dir(&args.out).map_err(UsageError)?;
    }
    set_threads(args.run.threads)?;
    let part = run_shard(&grid, args.run.seed, shard, shards, args.quiet);
    if args.shard.is_some() {
        let body = serde_json::to_string(&part).expect("serializable") + "\n";
        let tmp = args.out.join(format!(".part-{shard}.json.tmp"));
        std::fs::write(&tmp, body)
            .and_then(|()| std::fs::rename(&tmp, &part_path))
            .map_err(|e| UsageError(format!("cannot write {}: {e}", part_path.display())))?;
        eprintln!(
            "verify: shard {shard} of {shards} written to {}",
            part_path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let result = merge_parts(&[part]).map_err(UsageError)?;
    print!("{}", commands::sweep(&result, args.format.json()));
    Ok(sweep_exit(&result))
}

pub fn merge(args: &MergeArgs) -> Result<ExitCode, UsageError> {
    let mut parts = vec![];
    for path in &args.parts {
        let text = read_capped(path, 1 << 30)
            .map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
        let part: Part = serde_json::from_str(&text)
            .map_err(|e| UsageError(format!("{} is not a sweep part: {e}", path.display())))?;
        parts.push(part);
    }
    let result = merge_parts(&parts).map_err(UsageError)?;
    if dry_run() {
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", commands::sweep(&result, args.format.json()));
    Ok(sweep_exit(&result))
}

pub fn calibrate(args: &CalibrateArgs) -> Result<ExitCode, UsageError> {
    use bnn_sgd_verify::claims::calibration::{calibrate, statistical_claims, Calibration};
    use bnn_sgd_verify::report::calibration as render;
    set_threads(args.threads)?;
    let result = if let Some(files) = &args.merge {
        let mut merged: Option<Calibration> = None;
        for path in files {
            let text = read_capped(path, 1 << 26)
                .map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
            let part: Calibration = serde_json::from_str(&text).map_err(|e| {
                UsageError(format!("{} is not a calibration file: {e}", path.display()))
            })?;
            match merged.as_mut() {
                None => merged = Some(part),
                Some(m) => m
                    .merge(&part)
                    .map_err(|e| UsageError(format!("{}: {e}", path.display())))?,
            }
        }
        if dry_run() {
            return Ok(ExitCode::SUCCESS);
        }
        merged.expect("at least one file")
    } else {
        if let Some(only) = &args.only {
            if let Some(bad) = only.iter().find(|id| find(id).is_none()) {
                return usage(format!("unknown claim id '{bad}' (see 'verify list')"));
            }
        }
        if args.first_seed.checked_add(args.seeds - 1).is_none() {
            return usage("the seed range passes 2^64 − 1");
        }
        if dry_run() {
            return Ok(ExitCode::SUCCESS);
        }
        let claims = statistical_claims(args.profile, args.first_seed, args.only.as_deref());
        if claims.is_empty() {
            return usage("none of these claims has statistical tests");
        }
        let progress = Progress::counting(args.seeds, false, "seeds");
        let c = calibrate(
            args.profile,
            args.first_seed,
            args.seeds,
            &claims,
            &mut |seed| {
                if seed > args.first_seed {
                    progress.tick();
                }
                progress.running(&format!("seed {seed}"));
            },
        )
        .map_err(|e| UsageError(e.to_string()))?;
        progress.finish();
        c
    };
    match args.format {
        AuditFormat::Text => print!("{}", render::text(&result)),
        AuditFormat::Markdown => print!("{}", render::markdown(&result)),
        AuditFormat::Json => print!("{}", render::json(&result)),
    }
    Ok(ExitCode::SUCCESS)
}
