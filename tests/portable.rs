//! Same bytes on another machine: the AVX2 + FMA kernels and the portable code they replace on
//! other targets give byte-identical `simulate`, `sweep` and audit output — and diverge, where a
//! run diverges, at the same replicate and step (`VERIFY_PORTABLE_KERNELS` forces the portable
//! code on an AVX2 build).

use std::process::Command;

/// Exit code, stdout, and stderr when the run failed (a successful run's stderr has timings).
fn run(args: &[&str], portable: bool) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_verify"));
    c.args(args);
    if portable {
        c.env("VERIFY_PORTABLE_KERNELS", "1");
    }
    let o = c.output().expect("runs");
    let err = if o.status.success() { vec![] } else { o.stderr };
    (o.status.code(), o.stdout, err)
}

#[test]
fn the_portable_kernels_give_the_same_bytes() {
    let mut diverged = 0;
    for loss in ["linear", "ridge", "logcosh", "quadratic"] {
        // d = 9: blocks of four and a remainder; A_n = 0.15 (a short polynomial for φ) and
        // A_n = 0.63 (libm), where some losses blow up
        for (a, n) in [("3", "400"), ("40", "4000")] {
            let args = [
                "simulate", "--loss", loss, "--d", "9", "--n", n, "--reps", "12", "--a", a,
                "--format", "json", "--quiet",
            ];
            let fast = run(&args, false);
            assert!(matches!(fast.0, Some(0) | Some(1)), "{args:?}: {fast:?}");
            diverged += usize::from(fast.0 == Some(1));
            assert_eq!(fast, run(&args, true), "{loss}, A = {a}, n = {n}");
        }
    }
    assert!(
        diverged >= 1,
        "the comparison should include a diverging run"
    );
    let sweep = [
        "sweep", "--loss", "ridge", "--d", "4,13", "--n", "300", "--reps", "16", "--quiet",
        "--format", "json",
    ];
    assert_eq!(run(&sweep, false), run(&sweep, true));
    let dir = std::env::temp_dir().join(format!("verify-portable-{}", std::process::id()));
    let out = dir.to_str().unwrap();
    let audit = [
        "--profile",
        "quick",
        "--only",
        "thm1-rate-n,thm1-rate-d,linear-constant",
        "--format",
        "json",
        "--out",
        out,
    ];
    let fast = run(&audit, false);
    assert_eq!(fast.0, Some(0));
    assert_eq!(fast, run(&audit, true));
    std::fs::remove_dir_all(&dir).ok();
}
