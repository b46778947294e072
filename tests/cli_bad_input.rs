//! Hostile and extreme input, table-driven: every case gets a clean answer — exit 2 with one line
//! on stderr naming the flag (or exit 1 where a run diverged, or a correct answer) — in bounded
//! time, without a panic, and without leaving a file behind. Then random argument vectors thrown
//! at the parser and its validation only (VERIFY_DRY_RUN: nothing runs).

use proptest::prelude::*;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn verify_in(dir: &PathBuf, args: &[&str], dry: bool) -> (Output, Duration) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_verify"));
    c.args(args).current_dir(dir);
    if dry {
        c.env("VERIFY_DRY_RUN", "1");
    }
    let t = Instant::now();
    let o = c.output().expect("runs");
    (o, t.elapsed())
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("verify-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const MAX: &str = "18446744073709551615";

/// (arguments, expected exit code, a piece of the one stderr line)
fn cases() -> Vec<(Vec<&'static str>, i32, &'static str)> {
    let s = |v: &[&'static str]| v.to_vec();
    let sim = |extra: &[&'static str]| {
        let mut v = vec![
            "simulate", "--loss", "linear", "--d", "4", "--n", "100", "--reps", "4",
        ];
        v.extend_from_slice(extra);
        v
    };
    vec![
        // counts: huge, negative, not integers — refused before any work
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "4", "--n", "100", "--reps", "1e9",
            ]),
            2,
            "--reps",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "4", "--n", "100", "--reps", "1e12",
            ]),
            2,
            "--reps",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "4", "--n", "100", "--reps", MAX,
            ]),
            2,
            "coordinate-steps",
        ),
        (
            s(&[
                "simulate",
                "--loss",
                "linear",
                "--d",
                "4",
                "--n",
                "100",
                "--reps",
                "1000000000000000",
            ]),
            2,
            "coordinate-steps",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "4", "--n", "1e9", "--reps", "4",
            ]),
            2,
            "--n",
        ),
        (
            s(&[
                "simulate",
                "--loss",
                "linear",
                "--d",
                "4",
                "--n",
                "10000000000",
                "--reps",
                "4",
            ]),
            2,
            "GiB",
        ),
        (
            s(&[
                "simulate",
                "--loss",
                "linear",
                "--d",
                "4",
                "--n",
                "1000000000000",
                "--reps",
                "4",
            ]),
            2,
            "GiB",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "4", "--n", MAX, "--reps", "4",
            ]),
            2,
            "GiB",
        ),
        (
            s(&[
                "simulate",
                "--loss",
                "linear",
                "--d",
                "4",
                "--n",
                "1000000000",
                "--reps",
                "4",
            ]),
            2,
            "--force",
        ),
        (
            s(&[
                "simulate",
                "--loss",
                "linear",
                "--d",
                "4",
                "--n",
                "100",
                "--reps",
                "100000000000",
            ]),
            2,
            "--force",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "0", "--n", "100", "--reps", "4",
            ]),
            2,
            "--d",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "16777217", "--n", "100", "--reps", "4",
            ]),
            2,
            "--d",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "-4", "--n", "100", "--reps", "4",
            ]),
            2,
            "--d",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "4", "--n", "0", "--reps", "4",
            ]),
            2,
            "--n",
        ),
        (
            s(&[
                "simulate", "--loss", "linear", "--d", "4", "--n", "100", "--reps", "1",
            ]),
            2,
            "--reps",
        ),
        (
            s(&["simulate", "--loss", "linear", "--d", "4", "--n", "100"]),
            2,
            "--reps",
        ),
        (
            s(&["simulate", "--d", "4", "--n", "100", "--reps", "4"]),
            2,
            "--loss",
        ),
        (
            s(&[
                "simulate", "--loss", "cubic", "--d", "4", "--n", "100", "--reps", "4",
            ]),
            2,
            "--loss",
        ),
        (sim(&["--threads", "100000"]), 2, "--threads"),
        (sim(&["--threads", "0"]), 2, "--threads"),
        (sim(&["--seed", "-1"]), 2, "--seed"),
        (sim(&["--seed", "18446744073709551616"]), 2, "--seed"),
        (sim(&["--scaling", "log"]), 2, "--scaling"),
        (sim(&["--format", "xml"]), 2, "--format"),
        // values: non-finite, out of domain, not applicable
        (sim(&["--alpha", "0"]), 2, "--alpha"),
        (sim(&["--alpha", "-1"]), 2, "--alpha"),
        (sim(&["--alpha", "nan"]), 2, "--alpha"),
        (sim(&["--a", "inf"]), 2, "--a"),
        (sim(&["--a", "-0.5"]), 2, "--a"),
        (sim(&["--z0", "nan"]), 2, "--z0"),
        (sim(&["--gnorm", "-1"]), 2, "--gnorm"),
        (sim(&["--gnorm", "inf"]), 2, "--gnorm"),
        (
            s(&[
                "simulate", "--loss", "ridge", "--d", "4", "--n", "100", "--reps", "4", "--big-g",
                "-1",
            ]),
            2,
            "--big-g",
        ),
        (
            s(&[
                "simulate", "--loss", "ridge", "--d", "4", "--n", "100", "--reps", "4", "--gnorm",
                "5",
            ]),
            2,
            "--gnorm",
        ),
        (
            s(&[
                "simulate", "--loss", "logcosh", "--d", "4", "--n", "100", "--reps", "4", "--w",
                "-2",
            ]),
            2,
            "--w",
        ),
        (
            s(&[
                "simulate", "--loss", "logcosh", "--d", "4", "--n", "100", "--reps", "4",
                "--s-star", "1",
            ]),
            2,
            "--s-star",
        ),
        (
            s(&[
                "simulate",
                "--loss",
                "quadratic",
                "--d",
                "4",
                "--n",
                "100",
                "--reps",
                "4",
                "--w",
                "1",
            ]),
            2,
            "--w",
        ),
        // runs that blow up: exit 1, naming the replicate and the step
        (sim(&["--z0", "1e308"]), 1, "step"),
        (sim(&["--a", "1e300"]), 1, "step"),
        (sim(&["--alpha", "1e308"]), 1, "step"),
        (
            s(&[
                "simulate", "--loss", "ridge", "--d", "4", "--n", "100", "--reps", "4", "--a",
                "1000000",
            ]),
            1,
            "step",
        ),
        // bench
        (s(&["bench", "--n", MAX]), 2, "GiB"),
        (s(&["bench", "--n", "1e10"]), 2, "--n"),
        (s(&["bench", "--n", "10000000000"]), 2, "GiB"),
        (s(&["bench", "--work", MAX]), 2, "coordinate-steps"),
        (s(&["bench", "--work", "nan"]), 2, "--work"),
        (s(&["bench", "--work", "0"]), 2, "--work"),
        (s(&["bench", "--runs", "0"]), 2, "--runs"),
        (s(&["bench", "--d", "16,0"]), 2, "--d"),
        (s(&["bench", "--loss", "quadratic"]), 2, "quadratic"),
        (s(&["bench", "--runs", "1000", "--d", "1024"]), 2, "--force"),
        // eval
        (s(&["eval", "drift", "--a", "1"]), 2, "--n"),
        (s(&["eval", "drift", "--n", "0"]), 2, "--n"),
        (s(&["eval", "normalizer", "--a", "0"]), 2, "positive"),
        (s(&["eval", "normalizer", "--a", "nan"]), 2, "--a"),
        (s(&["eval", "normalizer", "--a", "1e100001"]), 2, "--a"),
        (
            s(&["eval", "normalizer", "--digits", "100001"]),
            2,
            "--digits",
        ),
        (s(&["eval", "normalizer", "--n", "3"]), 2, "--n"),
        (s(&["eval", "density", "--a", "1"]), 2, "--x"),
        (s(&["eval", "moment", "--k", "7"]), 2, "--k"),
        (s(&["eval", "moment", "--k", "-1"]), 2, "--k"),
        (
            s(&["eval", "cdf", "--a", "1e-99999", "--x", "0"]),
            2,
            "1e-10000",
        ),
        (s(&["eval", "normalizer", "--x", "0.5"]), 2, "--x"),
        (s(&["eval", "frobnicate"]), 2, "frobnicate"),
        // prove, certificates, audit, list, sweep, merge
        (s(&["prove", "lemma2"]), 2, "range statement"),
        (s(&["prove", "no-such-claim"]), 2, "no-such-claim"),
        (s(&["prove", "c-taylor", "--engine", "gmp"]), 2, "--engine"),
        (s(&["check-certificate", "/dev/zero"]), 2, "MiB"),
        (s(&["check-certificate", "/no/such/file"]), 2, "cannot read"),
        (s(&["check-certificate"]), 2, "FILE"),
        (s(&["--only", "no-such-claim"]), 2, "no-such-claim"),
        (s(&["--profile", "slow"]), 2, "--profile"),
        (s(&["--threads", "100000"]), 2, "--threads"),
        (s(&["--out", "/proc/version/x"]), 2, "/proc/version"),
        (s(&["list", "--format", "csv"]), 2, "--format"),
        (
            s(&["sweep", "--loss", "linear", "--d", "4", "--n", "100"]),
            2,
            "--reps",
        ),
        (
            s(&[
                "sweep", "--loss", "linear", "--d", "4", "--n", "100", "--reps", "4", "--shard",
                "3/3",
            ]),
            2,
            "--shard",
        ),
        (
            s(&[
                "sweep", "--loss", "linear", "--d", "4", "--n", "100", "--reps", "4", "--shard",
                "1/0",
            ]),
            2,
            "--shard",
        ),
        (
            s(&[
                "sweep", "--loss", "ridge", "--d", "4", "--n", "100", "--reps", "4", "--gnorm", "2",
            ]),
            2,
            "--gnorm",
        ),
        (
            s(&["sweep", "--grid", "/no/such/grid.json"]),
            2,
            "grid.json",
        ),
        (s(&["sweep"]), 2, "--grid"),
        (s(&["merge"]), 2, "PARTS"),
        (s(&["merge", "/dev/zero"]), 2, "/dev/zero"),
        // calibrate
        (s(&["calibrate", "--seeds", "0"]), 2, "--seeds"),
        (s(&["calibrate", "--seeds", "10001"]), 2, "--seeds"),
        (s(&["calibrate", "--seeds", "-3"]), 2, "--seeds"),
        (
            s(&["calibrate", "--first-seed", MAX, "--seeds", "2"]),
            2,
            "2^64",
        ),
        (
            s(&["calibrate", "--only", "no-such-claim"]),
            2,
            "no-such-claim",
        ),
        (
            s(&["calibrate", "--merge", "/no/such/calibration.json"]),
            2,
            "/no/such",
        ),
        (s(&["calibrate", "--merge", "/dev/zero"]), 2, "/dev/zero"),
        (
            s(&["calibrate", "--merge", "a.json", "--seeds", "3"]),
            2,
            "--seeds",
        ),
        (s(&["frobnicate"]), 2, "frobnicate"),
        // the linear loss's g, coordinate by coordinate; linear-mse's options
        (sim(&["--g", "1,2"]), 2, "--g has 2 coordinates"),
        (sim(&["--g", "1,2,3,4", "--gnorm", "2"]), 2, "--gnorm"),
        (sim(&["--g", "1,2,3,nan"]), 2, "--g"),
        (sim(&["--g", "1,2,x,4"]), 2, "--g"),
        (
            s(&[
                "simulate", "--loss", "ridge", "--d", "2", "--n", "10", "--reps", "4", "--g", "1,2",
            ]),
            2,
            "--g applies to --loss linear only",
        ),
        // thm1-bound: below n₀ it names the n₀ it needs; the quadratic loss; missing options
        (
            s(&[
                "eval",
                "thm1-bound",
                "--loss",
                "ridge",
                "--d",
                "256",
                "--n",
                "1024",
            ]),
            2,
            "below n₀ = 1366",
        ),
        (
            s(&[
                "eval",
                "thm1-bound",
                "--loss",
                "quadratic",
                "--d",
                "2",
                "--n",
                "1024",
            ]),
            2,
            "breaks (3.6)",
        ),
        (
            s(&["eval", "thm1-bound", "--d", "2", "--n", "1024"]),
            2,
            "--loss",
        ),
        (
            s(&["eval", "thm1-bound", "--loss", "linear", "--n", "1024"]),
            2,
            "--d",
        ),
        (
            s(&[
                "eval",
                "thm1-bound",
                "--loss",
                "linear",
                "--d",
                "2",
                "--n",
                "1024",
                "--g",
                "1,1",
            ]),
            2,
            "--g does not apply",
        ),
        (
            s(&[
                "eval",
                "thm1-bound",
                "--loss",
                "linear",
                "--d",
                "2",
                "--n",
                "1024",
                "--digits",
                "40",
            ]),
            2,
            "at most 30",
        ),
        (
            s(&["eval", "normalizer", "--loss", "ridge"]),
            2,
            "--loss does not apply",
        ),
        (s(&["eval", "linear-mse", "--n", "10"]), 2, "--d"),
        (s(&["eval", "linear-mse", "--d", "3"]), 2, "--n"),
        (
            s(&["eval", "linear-mse", "--d", "3", "--n", "10", "--g", "1,2"]),
            2,
            "--g has 2 coordinates",
        ),
        (
            s(&[
                "eval",
                "linear-mse",
                "--d",
                "2",
                "--n",
                "10",
                "--g",
                "1,abc",
            ]),
            2,
            "--g",
        ),
        (
            s(&[
                "eval",
                "linear-mse",
                "--d",
                "2",
                "--n",
                "10",
                "--alpha",
                "0",
            ]),
            2,
            "--alpha",
        ),
        (
            s(&[
                "eval",
                "linear-mse",
                "--d",
                "2",
                "--n",
                "10",
                "--digits",
                "5000",
            ]),
            2,
            "--digits",
        ),
        (
            s(&["eval", "linear-mse", "--d", "0", "--n", "10"]),
            2,
            "--d",
        ),
        (s(&["eval", "linear-mse", "--d", "2", "--n", MAX]), 2, "--n"),
        (s(&["eval", "normalizer", "--alpha", "2"]), 2, "--alpha"),
        (s(&["eval", "drift", "--n", "10", "--d", "2"]), 2, "--d"),
    ]
}

#[test]
fn every_hostile_case_gets_a_clean_answer() {
    let dir = scratch("table");
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let t0 = Instant::now();
    let mut wrong = vec![];
    for (args, code, says) in &cases {
        let (o, took) = verify_in(&dir, args, false);
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        // the quadratic loss warns first; the verdict is the last line
        let last = err.trim_end().lines().last().unwrap_or("");
        let lines = err.trim_end().lines().count();
        let ok = o.status.code() == Some(*code)
            && last.starts_with("verify: ")
            && last.contains(says)
            && lines == 1
            && !err.contains("panicked")
            && o.stdout.is_empty()
            && took < Duration::from_secs(5);
        if !ok {
            wrong.push(format!(
                "{args:?}: exit {:?} in {took:?}, stderr {err:?}, want {code} with {says:?}",
                o.status.code()
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
    assert!(t0.elapsed() < Duration::from_secs(30), "{:?}", t0.elapsed());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn extreme_but_valid_input_gets_a_correct_answer_quickly() {
    let dir = scratch("valid");
    // E V² = a²/5 + O(a⁴): at a = 1e−99999 the series path answers at once
    let (o, took) = verify_in(
        &dir,
        &[
            "eval", "moment", "--a", "1e-99999", "--k", "2", "--digits", "30",
        ],
        false,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("value      2e-199999"));
    assert!(took < Duration::from_secs(5), "{took:?}");
    let (o, took) = verify_in(
        &dir,
        &[
            "eval", "density", "--a", "1e-99999", "--x", "0", "--digits", "20",
        ],
        false,
    );
    assert_eq!(o.status.code(), Some(0));
    // f_a(0) = 3/(4a) + O(a)
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("value      7.5e99998"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    // a run whose errors grow to 1e131 without overflowing f64: their squares (1e262) and the
    // squares of those (beyond f64) are summed exactly; it answers, without a panic
    let (o, _) = verify_in(
        &dir,
        &[
            "simulate", "--loss", "linear", "--d", "9", "--n", "400", "--reps", "12", "--a", "40",
            "--quiet",
        ],
        false,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("e131"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Pieces of command lines: subcommands, flags, and values good and bad.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "audit",
            "list",
            "eval",
            "prove",
            "simulate",
            "bench",
            "sweep",
            "merge",
            "check-certificate",
            "normalizer",
            "drift",
            "density",
            "cdf",
            "moment",
            "c-taylor",
            "lemma2",
            "linear",
            "ridge",
            "logcosh",
            "quadratic",
            "sqrt",
            "cuberoot",
            "json",
            "text",
            "quick",
            "full",
            "--a",
            "--n",
            "--d",
            "--k",
            "--x",
            "--reps",
            "--seed",
            "--threads",
            "--digits",
            "--loss",
            "--scaling",
            "--format",
            "--profile",
            "--only",
            "--alpha",
            "--gnorm",
            "--big-g",
            "--w",
            "--z0",
            "--shard",
            "--work",
            "--runs",
            "--force",
            "--quiet",
            "--engine",
            "--grid",
            "--out",
            "-1",
            "0",
            "1",
            "2",
            "1e9",
            "nan",
            "inf",
            "-inf",
            "1e308",
            "1e-400",
            "0.5",
            "3/4",
            "18446744073709551615",
            "99999999999999999999999",
            "",
            "--",
            "-",
            "é",
            "1,2,3",
        ])
        .prop_map(String::from),
        "[ -~]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
    #[test]
    fn random_argument_vectors_are_accepted_or_refused_cleanly(args in prop::collection::vec(word(), 0..7)) {
        let dir = std::env::temp_dir().join(format!("verify-hostile-{}-prop", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (o, took) = verify_in(&dir, &refs, true);
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        prop_assert!(!err.contains("panicked"), "{args:?}: {err}");
        prop_assert!(matches!(o.status.code(), Some(0) | Some(2)), "{args:?}: {:?} {err}", o.status.code());
        if o.status.code() == Some(2) {
            prop_assert_eq!(err.trim_end().lines().count(), 1, "{:?}: {}", args, err);
        }
        prop_assert!(took < Duration::from_secs(5), "{args:?}: {took:?}");
    }
}
