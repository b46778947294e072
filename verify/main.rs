//! `verify`: the audit of Christensen & Kallsen, claim by claim (see design.md for the contract).
//!
//! Exit codes: 0 when no finding failed, 1 when one did, 2 on bad usage or input (one line on
//! stderr, never a panic).

use bnn_sgd_verify::claims::{registry, Audit, Context, Profile};
use bnn_sgd_verify::eval::{evaluate, EvalRequest};
use bnn_sgd_verify::report;
use clap::{Args, Parser, Subcommand};
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
        /// text or json
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// One number of the paper at any precision, with a rigorous enclosure.
    Eval(EvalArgs),
    /// One claim's range statements by the branch-and-bound prover, re-checked by the other
    /// interval engine.
    Prove {
        /// The claim id (see 'verify list'; provable: c-closed-form, c-taylor, drift-limit, density-fa).
        id: String,
        /// Write the certificate (JSON) to this file.
        #[arg(long)]
        certificate: Option<PathBuf>,
        /// inari | mpfr: the engine that produces the certificate (the other re-checks it).
        #[arg(long, default_value = "inari")]
        engine: String,
    },
    /// The Monte Carlo error of Theorem 1 for one loss, d and n, with standard errors.
    Simulate(SimulateArgs),
    /// Throughput of the Monte Carlo engine against the floor of its random numbers.
    Bench {
        /// Repetitions per measurement (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Updates per replicate.
        #[arg(long, default_value_t = 16384)]
        n: u64,
        /// Coordinate-steps per measurement.
        #[arg(long, default_value_t = 3.2e7)]
        work: f64,
        /// Comma-separated dimensions.
        #[arg(long, value_delimiter = ',', default_value = "1,16,64,256")]
        d: Vec<usize>,
        /// Comma-separated losses.
        #[arg(long, value_delimiter = ',', default_value = "linear,ridge,logcosh")]
        loss: Vec<String>,
        /// text | json
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Re-check a certificate file with the other engine; exit 0 only when every box holds.
    CheckCertificate {
        /// The certificate (JSON) written by 'verify prove --certificate'.
        file: PathBuf,
    },
}

#[derive(Args, Debug, Clone)]
struct AuditArgs {
    /// quick | standard | full
    #[arg(long, default_value = "standard")]
    profile: String,
    /// Seed of every random stream.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (results do not depend on it).
    #[arg(long)]
    threads: Option<usize>,
    /// text | markdown | json (stdout)
    #[arg(long, default_value = "text")]
    format: String,
    /// Only these claim ids (comma-separated).
    #[arg(long, value_delimiter = ',')]
    only: Option<Vec<String>>,
    /// Folder for report.txt, report.md, report.json and the figures (SVG).
    #[arg(long, default_value = "verify-report")]
    out: PathBuf,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// normalizer | drift-constant | drift
    quantity: String,
    /// The argument a (for drift: A), an exact decimal.
    #[arg(long, default_value = "1", allow_hyphen_values = true)]
    a: String,
    /// Number of updates (drift only).
    #[arg(long)]
    n: Option<u64>,
    /// Significant digits, 1 to 100000.
    #[arg(long, default_value_t = 30)]
    digits: u64,
    /// sqrt | cuberoot (drift only).
    #[arg(long)]
    scaling: Option<String>,
    /// The point x (density, cdf), an exact decimal.
    #[arg(long, allow_hyphen_values = true)]
    x: Option<String>,
    /// The moment order k, 0 to 6 (moment; default 2).
    #[arg(long)]
    k: Option<u32>,
    /// text | json
    #[arg(long, default_value = "text")]
    format: String,
}

#[derive(Args, Debug)]
struct SimulateArgs {
    /// linear | logcosh | ridge | quadratic (the last breaks (3.6): allowed with a warning)
    #[arg(long)]
    loss: String,
    /// Dimension d (number of edges).
    #[arg(long)]
    d: usize,
    /// Updates per training sample.
    #[arg(long)]
    n: u64,
    /// Replicates.
    #[arg(long)]
    reps: u64,
    /// Learning rate α.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    alpha: f64,
    /// Noise scale A.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    a: f64,
    /// sqrt (the proof's A_n = A/√n) | cuberoot ((3.3) as printed)
    #[arg(long, default_value = "sqrt")]
    scaling: String,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (results do not depend on it).
    #[arg(long)]
    threads: Option<usize>,
    /// text | json
    #[arg(long, default_value = "text")]
    format: String,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// ‖g‖ of the linear loss.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    gnorm: f64,
    /// w_i of the log-cosh loss.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    w: f64,
    /// c_i of the log-cosh loss.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    c: f64,
    /// G of the ridge loss.
    #[arg(long = "big-g", default_value_t = 1.0, allow_hyphen_values = true)]
    big_g: f64,
    /// s* of the ridge loss.
    #[arg(long = "s-star", default_value_t = 1.0, allow_hyphen_values = true)]
    s_star: f64,
    /// Every coordinate of z0.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    z0: f64,
}

/// A usage or input error: one line on stderr, exit code 2.
struct UsageError(String);

fn usage<T>(msg: impl Into<String>) -> Result<T, UsageError> {
    Err(UsageError(msg.into()))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
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
            // clap's message up to its usage block, on one line (a missing argument is named on
            // the lines after the first)
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
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        None => audit(&cli.audit),
        Some(Command::Audit(args)) => audit(&args),
        Some(Command::List { format }) => list(&format),
        Some(Command::Eval(args)) => eval(&args),
        Some(Command::Prove {
            id,
            certificate,
            engine,
        }) => prove(&id, certificate.as_deref(), &engine),
        Some(Command::CheckCertificate { file }) => check_certificate(&file),
        Some(Command::Simulate(args)) => simulate(&args),
        Some(Command::Bench {
            runs,
            n,
            work,
            d,
            loss,
            format,
        }) => bench(runs, n, work, &d, &loss, &format),
    };
    match result {
        Ok(code) => code,
        Err(UsageError(msg)) => {
            eprintln!("verify: {msg}");
            ExitCode::from(2)
        }
    }
}

fn audit(args: &AuditArgs) -> Result<ExitCode, UsageError> {
    let Some(profile) = Profile::parse(&args.profile) else {
        return usage(format!(
            "unknown profile '{}' (known: quick, standard, full)",
            args.profile
        ));
    };
    if !["text", "markdown", "json"].contains(&args.format.as_str()) {
        return usage(format!(
            "unknown format '{}' (known: text, markdown, json)",
            args.format
        ));
    }
    set_threads(args.threads)?;
    let known: Vec<&str> = registry().iter().map(|c| c.id).collect();
    if let Some(only) = &args.only {
        if let Some(bad) = only.iter().find(|id| !known.contains(&id.as_str())) {
            return usage(format!("unknown claim id '{bad}' (see 'verify list')"));
        }
    }
    let ctx = Context {
        profile,
        seed: args.seed,
    };
    let result = Audit::run(&ctx, args.only.as_deref());
    let text = report::text(&result);
    let mut md = report::markdown(&result);
    // appendix: the paper's constants at 40 digits, outward-rounded (as in the snapshot)
    if let Ok(rows) = bnn_sgd_verify::paper::normalizer::constants_table(44) {
        md.push_str("## Appendix: constants at 40 digits (outward-rounded enclosures)\n\n```\n");
        md.push_str(&report::constants_text(&rows, 40));
        md.push_str("```\n");
    }
    let js = serde_json::to_string_pretty(&report::json(&result)).expect("serializable") + "\n";
    std::fs::create_dir_all(&args.out)
        .map_err(|e| UsageError(format!("cannot create {}: {e}", args.out.display())))?;
    let mut files = vec![
        ("report.txt".to_string(), text.clone()),
        ("report.md".to_string(), md.clone()),
        ("report.json".to_string(), js.clone()),
    ];
    files.extend(report::figures(&result));
    for (name, body) in &files {
        let path = args.out.join(name);
        std::fs::write(&path, body)
            .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))?;
    }
    print!(
        "{}",
        match args.format.as_str() {
            "markdown" => &md,
            "json" => &js,
            _ => &text,
        }
    );
    Ok(if result.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn list(format: &str) -> Result<ExitCode, UsageError> {
    let claims = registry();
    match format {
        "json" => {
            let v: Vec<_> = claims
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id,
                        "paper_ref": c.paper_ref,
                        "statement": c.statement,
                        "method": c.method,
                        "built": c.check.is_some(),
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&v).expect("serializable")
            );
        }
        "text" => {
            let w = claims.iter().map(|c| c.id.len()).max().unwrap_or(0) + 2;
            for c in &claims {
                println!(
                    "{:w$}{:9}{}  —  {}",
                    c.id,
                    if c.check.is_some() {
                        "built"
                    } else {
                        "pending"
                    },
                    c.paper_ref,
                    c.method
                );
            }
        }
        other => return usage(format!("unknown format '{other}' (known: text, json)")),
    }
    Ok(ExitCode::SUCCESS)
}

fn eval(args: &EvalArgs) -> Result<ExitCode, UsageError> {
    if !["text", "json"].contains(&args.format.as_str()) {
        return usage(format!(
            "unknown format '{}' (known: text, json)",
            args.format
        ));
    }
    let req = EvalRequest {
        quantity: args.quantity.clone(),
        a: args.a.clone(),
        n: args.n,
        scaling: args.scaling.clone(),
        x: args.x.clone(),
        k: args.k,
        digits: args.digits,
    };
    let ev = evaluate(&req).map_err(|e| UsageError(e.to_string()))?;
    if args.format == "json" {
        println!("{}", serde_json::to_string(&ev).expect("serializable"));
    } else {
        println!("{}  [{}]", ev.formula, ev.quantity_name());
        let arg = if ev.n.is_some() { "A" } else { "a" };
        println!("{arg} = {}, {} digits", ev.a, ev.digits);
        if let (Some(n), Some(s)) = (ev.n, ev.scaling) {
            println!("n = {n}, scaling {s}");
        }
        println!("value      {}", ev.value);
        println!("enclosure  [{}, {}]", ev.enclosure[0], ev.enclosure[1]);
        if let Some(x) = &ev.x {
            println!("x = {x}");
        }
        if let Some(k) = ev.k {
            println!("k = {k}");
        }
        if let Some(l) = &ev.limit {
            println!("limit 2A²/3          {}", l.value);
        }
        if let Some(x) = &ev.excess {
            println!("excess κ_n − 2A²/3   {}", x.value);
            println!(
                "  enclosure          [{}, {}]",
                x.enclosure[0], x.enclosure[1]
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn prove(
    id: &str,
    certificate: Option<&std::path::Path>,
    engine: &str,
) -> Result<ExitCode, UsageError> {
    use bnn_sgd_verify::claims::statements::{prove_claim, statements_for, PROVABLE};
    use bnn_sgd_verify::rigorous::prover::{Certificate, Engine, CERTIFICATE_FORMAT};
    let engine = match engine {
        "inari" => Engine::Inari,
        "mpfr" => Engine::Mpfr,
        other => return usage(format!("unknown engine '{other}' (known: inari, mpfr)")),
    };
    if registry().iter().all(|c| c.id != id) {
        return usage(format!("unknown claim id '{id}' (see 'verify list')"));
    }
    if statements_for(id).is_empty() {
        return usage(format!(
            "claim '{id}' has no range statement for the prover (provable: {})",
            PROVABLE.join(", ")
        ));
    }
    let proofs = prove_claim(id, engine);
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
    if let Some(path) = certificate {
        let cert = Certificate {
            format: CERTIFICATE_FORMAT.into(),
            claim: id.into(),
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
    Ok(if all {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn check_certificate(file: &std::path::Path) -> Result<ExitCode, UsageError> {
    use bnn_sgd_verify::claims::statements::find_statement;
    use bnn_sgd_verify::rigorous::prover::{recheck, Certificate, CERTIFICATE_FORMAT};
    let body = std::fs::read_to_string(file)
        .map_err(|e| UsageError(format!("cannot read {}: {e}", file.display())))?;
    let cert: Certificate = serde_json::from_str(&body)
        .map_err(|e| UsageError(format!("{} is not a certificate: {e}", file.display())))?;
    if cert.format != CERTIFICATE_FORMAT {
        return usage(format!("unknown certificate format '{}'", cert.format));
    }
    let mut ok = true;
    for sc in &cert.statements {
        let Some(st) = find_statement(&sc.id) else {
            return usage(format!(
                "the certificate names an unknown statement '{}'",
                sc.id
            ));
        };
        let t = std::time::Instant::now();
        match recheck(&st, sc) {
            Ok(()) => println!(
                "{}: {} boxes by {}, re-checked by {}: every box holds ({:.3} s)",
                sc.id,
                sc.boxes.len(),
                sc.engine.name(),
                sc.engine.other().name(),
                t.elapsed().as_secs_f64()
            ),
            Err(e) => {
                ok = false;
                println!("{}: REJECTED: {e}", sc.id);
            }
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn set_threads(threads: Option<usize>) -> Result<(), UsageError> {
    if let Some(t) = threads {
        if t == 0 {
            return usage("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build_global()
            .map_err(|e| UsageError(format!("cannot start {t} threads: {e}")))?;
    }
    Ok(())
}

fn simulate(args: &SimulateArgs) -> Result<ExitCode, UsageError> {
    use bnn_sgd_verify::montecarlo::{simulate, LossKind, LossParams, SimulateRequest};
    use bnn_sgd_verify::paper::normalizer::Scaling;
    let Some(kind) = LossKind::parse(&args.loss) else {
        return usage(format!(
            "unknown loss '{}' (known: linear, logcosh, ridge, quadratic)",
            args.loss
        ));
    };
    let Some(scaling) = Scaling::parse(&args.scaling) else {
        return usage(format!(
            "unknown scaling '{}' (known: sqrt, cuberoot)",
            args.scaling
        ));
    };
    if !["text", "json"].contains(&args.format.as_str()) {
        return usage(format!(
            "unknown format '{}' (known: text, json)",
            args.format
        ));
    }
    set_threads(args.threads)?;
    let req = SimulateRequest {
        kind,
        d: args.d,
        n: args.n,
        reps: args.reps,
        alpha: args.alpha,
        big_a: args.a,
        scaling,
        seed: args.seed,
        loss: LossParams {
            g_norm: args.gnorm,
            w: args.w,
            c: args.c,
            big_g: args.big_g,
            s_star: args.s_star,
            z0: args.z0,
        },
    };
    req.validate().map_err(|e| UsageError(e.to_string()))?;
    if kind == LossKind::Quadratic {
        eprintln!("verify: warning: the quadratic loss breaks (3.6) (unbounded gradient); the scheme can blow up");
    }
    let t = std::time::Instant::now();
    let (s, prediction) = simulate(&req, args.quiet).map_err(|e| UsageError(e.to_string()))?;
    let secs = t.elapsed().as_secs_f64();
    let steps = args.reps as f64 * args.n as f64 * args.d as f64;
    if args.format == "json" {
        let v = serde_json::json!({
            "loss": kind.name(),
            "d": args.d,
            "n": args.n,
            "reps": args.reps,
            "alpha": args.alpha,
            "a": args.a,
            "scaling": scaling.name(),
            "seed": args.seed,
            "z0": args.z0,
            "gnorm": args.gnorm, "w": args.w, "c": args.c, "big_g": args.big_g, "s_star": args.s_star,
            "rmse_sup": s.rmse_sup,
            "rmse_sup_se": s.rmse_sup_se,
            "rmse_terminal": s.rmse_terminal,
            "rmse_terminal_se": s.rmse_terminal_se,
            "prediction_terminal": prediction,
            "coordinate_steps": steps,
        });
        println!("{v}");
    } else {
        println!(
            "loss {}, d = {}, n = {}, {} replicates, α = {}, A = {}, scaling {}, seed {}",
            kind.name(),
            args.d,
            args.n,
            args.reps,
            args.alpha,
            args.a,
            scaling.name(),
            args.seed
        );
        println!(
            "rmse_sup       {:.6e} ± {:.2e}   (√E sup_ℓ ‖θ^(ℓ) − Z_ℓ/n‖², Theorem 1)",
            s.rmse_sup, s.rmse_sup_se
        );
        println!(
            "rmse_terminal  {:.6e} ± {:.2e}   (√E ‖θ^(n) − Z_1‖²)",
            s.rmse_terminal, s.rmse_terminal_se
        );
        match prediction {
            Some(p) => {
                println!("prediction     {p:.6e}   (αA²‖g‖√((8d/9 − 4/45)/n), leading order)")
            }
            None => println!("prediction     none for this loss/scaling"),
        }
    }
    eprintln!("{:.3} s, {:.3e} coordinate-steps/s", secs, steps / secs);
    Ok(ExitCode::SUCCESS)
}

fn bench(
    runs: usize,
    n: u64,
    work: f64,
    ds: &[usize],
    losses: &[String],
    format: &str,
) -> Result<ExitCode, UsageError> {
    use bnn_sgd_verify::montecarlo::{avx512_memcpy_hint, bench, LossKind};
    if runs == 0
        || n == 0
        || !(work.is_finite() && work >= 1.0)
        || ds.iter().any(|&d| d == 0 || d > 1 << 20)
    {
        return usage("--runs, --n, --work and every --d must be positive (d ≤ 2^20)");
    }
    let mut kinds = vec![];
    for l in losses {
        match LossKind::parse(l) {
            Some(k) if k != LossKind::Quadratic => kinds.push(k),
            _ => {
                return usage(format!(
                    "unknown loss '{l}' (known: linear, ridge, logcosh)"
                ))
            }
        }
    }
    if !["text", "json"].contains(&format) {
        return usage(format!("unknown format '{format}' (known: text, json)"));
    }
    let threads: Vec<usize> = vec![1, 2];
    let rows = bench(&kinds, ds, n, &threads, runs, work);
    let hint = || {
        if let Some(h) = avx512_memcpy_hint() {
            use std::io::Write;
            let _ = std::io::stdout().flush();
            eprintln!("{h}");
        }
    };
    if format == "json" {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("serializable")
        );
        hint();
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "engine vs floor, n = {n}, medians of {runs} runs ({} cores available)",
        std::thread::available_parallelism()
            .map(|p| p.get())
            .unwrap_or(1)
    );
    println!(
        "{:9} {:>5} {:>8} {:>7} {:>16} {:>16} {:>7} {:>9} {:>9}",
        "loss",
        "d",
        "threads",
        "reps",
        "engine steps/s",
        "floor draws/s",
        "ratio",
        "2t/1t",
        "floor 2/1"
    );
    for (i, r) in rows.iter().enumerate() {
        // the floor's own scaling is the machine's: when the engine's dips, look at it
        let (scaling, floor_scaling) = if r.threads == 2 && i > 0 {
            let prev = &rows[i - 1];
            (
                format!("{:.2}", r.engine_rate / prev.engine_rate),
                format!("{:.2}", r.floor_rate / prev.floor_rate),
            )
        } else {
            (String::new(), String::new())
        };
        println!(
            "{:9} {:>5} {:>8} {:>7} {:>16.3e} {:>16.3e} {:>6.1}% {:>9} {:>9}",
            r.loss,
            r.d,
            r.threads,
            r.reps,
            r.engine_rate,
            r.floor_rate,
            100.0 * r.ratio,
            scaling,
            floor_scaling
        );
    }
    hint();
    Ok(ExitCode::SUCCESS)
}
