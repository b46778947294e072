//! The command-line contract of design.md: outputs, JSON keys, exit codes, and bad input
//! (one line on stderr, exit 2, never a panic).

use rug::ops::Pow;
use rug::Float;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn verify(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verify"))
        .args(args)
        .output()
        .expect("the verify binary runs")
}

fn out_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("verify-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}
fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8")
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let cases: &[&[&str]] = &[
        &["eval", "normalizer", "--a", "0"],
        &["eval", "normalizer", "--a", "-1"],
        &["eval", "normalizer", "--a", "nan"],
        &["eval", "normalizer", "--a", "inf"],
        &["eval", "normalizer", "--a", "-inf"],
        &["eval", "normalizer", "--a", "1.2.3"],
        &["eval", "normalizer", "--a", ""],
        &["eval", "normalizer", "--digits", "0"],
        &["eval", "normalizer", "--digits", "100001"],
        &["eval", "normalizer", "--digits", "-5"],
        &["eval", "normalizer", "--n", "3"],
        &["eval", "drift", "--n", "0"],
        &["eval", "drift", "--n", "-3"],
        &["eval", "drift", "--n", "1e3"],
        &["eval", "drift", "--scaling", "cube"],
        &["eval", "drift-constant", "--a", "1e100000"],
        &["eval", "nonsense"],
        &["eval", "normalizer", "--format", "xml"],
        &["--only", "no-such-claim"],
        &["--only", "c-taylor,nope"],
        &["--profile", "slow"],
        &["--format", "yaml"],
        &["--threads", "0"],
        &["--seed", "-1"],
        &["frobnicate"],
        &["list", "--format", "csv"],
        &["bench", "--runs", "0"],
        &["bench", "--d", "16,0"],
        &["bench", "--loss", "quadratic"],
        &["simulate", "--loss", "ridge", "--d", "4", "--n", "0"],
    ];
    for args in cases {
        let o = verify(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: stderr {err:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err:?}");
        assert!(err.starts_with("verify: "), "{args:?}: {err:?}");
        assert!(!err.contains("panicked"), "{args:?}: {err:?}");
        assert!(stdout(&o).is_empty(), "{args:?} printed to stdout");
    }
    // a missing argument is named in that one line (clap puts it on the lines after the first)
    let o = verify(&["simulate", "--loss", "ridge", "--d", "4", "--n", "100"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--reps"), "{:?}", stderr(&o));
}

#[test]
fn out_of_range_integers_name_the_flag_and_its_range() {
    // negative numbers reach the range check (not clap's "unexpected argument '-1'")
    for (args, flag, range) in [
        (
            &["--seed", "-1"][..],
            "--seed",
            "from 0 to 18446744073709551615",
        ),
        (&["eval", "moment", "--k", "-1"], "--k", "from 0 to 6"),
        (&["eval", "moment", "--k", "7"], "--k", "from 0 to 6"),
        (&["eval", "drift", "--n", "-3"], "--n", "from 1 to"),
        (
            &["eval", "normalizer", "--digits", "-5"],
            "--digits",
            "from 1 to 100000",
        ),
        (&["--threads", "-2"], "--threads", "from 1 to 1024"),
        (
            &[
                "simulate", "--loss", "ridge", "--d", "-4", "--n", "10", "--reps", "4",
            ],
            "--d",
            "from 1 to",
        ),
        (
            &[
                "simulate", "--loss", "linear", "--d", "4", "--n", "10", "--reps", "1",
            ],
            "--reps",
            "from 2 to",
        ),
        (&["bench", "--d", "16,-1"], "--d", "from 1 to 1048576"),
        (&["bench", "--runs", "-1"], "--runs", "from 1 to 1000"),
    ] {
        let o = verify(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(flag) && err.contains(range), "{args:?}: {err}");
    }
    // enumerated options name their values
    for (args, values) in [
        (&["--profile", "slow"][..], "quick, standard, full"),
        (
            &["eval", "nonsense"],
            "normalizer, drift-constant, drift, density, cdf, moment",
        ),
        (
            &[
                "simulate", "--loss", "foo", "--d", "4", "--n", "10", "--reps", "4",
            ],
            "linear, logcosh, ridge, quadratic",
        ),
        (&["prove", "c-taylor", "--engine", "gmp"], "inari, mpfr"),
    ] {
        let err = stderr(&verify(args));
        assert!(err.contains(values), "{args:?}: {err}");
    }
}

#[test]
fn every_help_is_complete() {
    // eval's help names all six quantities; prove's names the provable claims (from the registry)
    let eval = stdout(&verify(&["eval", "--help"]));
    for q in [
        "normalizer",
        "drift-constant",
        "drift",
        "density",
        "cdf",
        "moment",
    ] {
        assert!(eval.contains(q), "{q} missing from eval --help");
    }
    let prove = stdout(&verify(&["prove", "--help"]));
    for c in bnn_sgd_verify::claims::registry::provable() {
        assert!(prove.contains(c.id), "{} missing from prove --help", c.id);
    }
    for sub in ["audit", "list", "simulate", "bench", "check-certificate"] {
        let o = verify(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}");
        assert!(stdout(&o).contains("Usage"), "{sub}");
    }
}

#[test]
fn huge_a_is_refused_with_a_reason() {
    let o = verify(&["eval", "normalizer", "--a", "1e99999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("exponent range"), "{}", stderr(&o));
}

/// Parses a decimal string at high precision.
fn big(s: &str) -> Float {
    Float::with_val(
        4000,
        Float::parse(s).unwrap_or_else(|_| panic!("decimal {s:?}")),
    )
}

fn check_enclosure(v: &Value, digits: u64, what: &str) {
    let lo = big(v["enclosure"][0].as_str().unwrap());
    let hi = big(v["enclosure"][1].as_str().unwrap());
    let value = big(v["value"].as_str().unwrap());
    assert!(lo <= hi, "{what}: {v}");
    let rel = Float::with_val(4000, &hi - &lo) / lo.clone().abs();
    let target = Float::with_val(64, 10).pow(-(digits as i32));
    assert!(
        rel <= target,
        "{what}: relative width {} > 1e-{digits}",
        rel.to_f64()
    );
    // the value is correct to the digits asked: within half a unit of its last (digits-th)
    // significant digit of the true value, which lies somewhere in the (much narrower) enclosure
    let exp10 = Float::with_val(64, value.clone().abs())
        .log10()
        .floor()
        .to_f64() as i32;
    let half_unit = Float::with_val(4000, 10).pow(exp10 - digits as i32 + 1) / 2u32;
    let dist = Float::with_val(4000, &value - &lo)
        .abs()
        .max(&Float::with_val(4000, &hi - &value).abs());
    let width = Float::with_val(4000, &hi - &lo);
    assert!(
        dist <= half_unit + width,
        "{what}: value {value} off by more than half a unit of the last digit from [{lo}, {hi}]"
    );
}

#[test]
fn eval_normalizer_json() {
    let o = verify(&[
        "eval",
        "normalizer",
        "--a",
        "0.5",
        "--digits",
        "50",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["quantity"], "normalizer");
    assert_eq!(v["a"], "0.5");
    assert_eq!(v["digits"], 50);
    check_enclosure(&v, 50, "C(1/2)");
    // C(1/2) = 3 − e
    let three_minus_e = Float::with_val(4000, 3) - Float::with_val(4000, 1).exp();
    let lo = big(v["enclosure"][0].as_str().unwrap());
    let hi = big(v["enclosure"][1].as_str().unwrap());
    assert!(lo <= three_minus_e && three_minus_e <= hi);
    assert!(v["value"]
        .as_str()
        .unwrap()
        .starts_with("2.817181715409547646397125286473375022427529063000"));
}

#[test]
fn eval_decimal_input_is_exact() {
    // a = 0.1 is not a binary float; the enclosure is for the decimal 1/10.
    let o = verify(&[
        "eval",
        "drift-constant",
        "--a",
        "0.1",
        "--digits",
        "40",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    check_enclosure(&v, 40, "m(0.1)");
    let a = Float::with_val(4000, 1) / 10u32;
    let m = Float::with_val(4000, a.clone().cosh()) * 2u32
        - Float::with_val(4000, a.clone().sinh()) * 2u32 / &a;
    assert!(
        big(v["enclosure"][0].as_str().unwrap()) <= m
            && m <= big(v["enclosure"][1].as_str().unwrap())
    );
}

#[test]
fn eval_drift_json_has_limit_and_excess() {
    for scaling in ["sqrt", "cuberoot"] {
        let o = verify(&[
            "eval",
            "drift",
            "--a",
            "1",
            "--n",
            "1000",
            "--digits",
            "25",
            "--scaling",
            scaling,
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        for key in [
            "quantity",
            "a",
            "digits",
            "value",
            "enclosure",
            "n",
            "scaling",
            "limit",
            "excess",
        ] {
            assert!(v.get(key).is_some(), "{scaling}: missing {key}: {v}");
        }
        assert_eq!(v["scaling"], scaling);
        assert_eq!(v["n"], 1000);
        check_enclosure(&v, 25, "κ_n");
        check_enclosure(&v["excess"], 25, "excess");
        check_enclosure(&v["limit"], 25, "limit");
        let excess = big(v["excess"]["value"].as_str().unwrap());
        if scaling == "sqrt" {
            // A⁴/(15n) ≤ excess ≤ A⁴/(15n(1 − 1/(28n)))
            let lower = Float::with_val(4000, 1) / 15000u32;
            let upper = Float::with_val(4000, &lower)
                / (Float::with_val(4000, 1) - Float::with_val(4000, 1) / 28000u32);
            assert!(lower <= excess && excess <= upper, "excess {excess}");
        } else {
            assert!(excess > 5, "cuberoot excess {excess}");
        }
    }
}

#[test]
fn eval_ten_thousand_digits_quickly() {
    let t = std::time::Instant::now();
    let o = verify(&[
        "eval",
        "normalizer",
        "--a",
        "0.5",
        "--digits",
        "10000",
        "--format",
        "json",
    ]);
    let dt = t.elapsed().as_secs_f64();
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    check_enclosure(&v, 10_000, "C(1/2) at 10^4 digits");
    assert!(dt < 1.0, "took {dt:.3} s");
}

#[test]
fn eval_text_format() {
    let o = verify(&["eval", "drift", "--a", "2", "--n", "10"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(
        s.contains("value") && s.contains("enclosure") && s.contains("excess"),
        "{s}"
    );
}

#[test]
fn audit_json_contract() {
    let dir = out_dir("json");
    let o = verify(&[
        "audit",
        "--profile",
        "quick",
        "--format",
        "json",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let claims = v["claims"].as_array().unwrap();
    let registered = bnn_sgd_verify::claims::registry().len();
    assert_eq!(claims.len(), registered);
    for c in claims {
        for key in [
            "id",
            "paper_ref",
            "statement",
            "verdict",
            "domain",
            "correction",
            "method",
            "evidence",
        ] {
            assert!(c.get(key).is_some(), "missing {key} in {c}");
        }
    }
    let summary = &v["summary"];
    let total: u64 = [
        "proved",
        "confirmed",
        "supported",
        "corrected",
        "failed",
        "pending",
    ]
    .iter()
    .map(|k| summary[k].as_u64().unwrap())
    .sum();
    assert_eq!(total as usize, registered);
    // the appendix of constants, as in report.md: outward-rounded decimal enclosures
    let constants = v["constants"].as_array().expect("constants appendix");
    assert!(constants.len() >= 20, "{}", constants.len());
    for c in constants {
        let e = c["enclosure"].as_array().expect("enclosure");
        let lo: f64 = e[0].as_str().unwrap().parse().unwrap();
        let hi: f64 = e[1].as_str().unwrap().parse().unwrap();
        assert!(lo <= hi && lo.is_finite(), "{c}");
    }
    assert_eq!(summary["failed"], 0);
    // report files
    for f in ["report.txt", "report.md", "report.json"] {
        assert!(dir.join(f).exists(), "{f}");
    }
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(file, v, "report.json is what stdout printed");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn audit_default_is_audit_and_only_filters() {
    let dir = out_dir("only");
    let o = verify(&[
        "--profile",
        "quick",
        "--only",
        "c-taylor,scaling-3.3",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("c-taylor") && s.contains("scaling-3.3"), "{s}");
    assert!(!s.lines().any(|l| l.starts_with("drift-limit")), "{s}");
    assert!(s.contains("1 proved") && s.contains("1 corrected"), "{s}");
    let md = verify(&[
        "--profile",
        "quick",
        "--only",
        "c-taylor",
        "--format",
        "markdown",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(stdout(&md).starts_with("# Audit"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn audit_is_deterministic_across_threads() {
    let d1 = out_dir("t1");
    let d2 = out_dir("t2");
    let a = verify(&[
        "--profile",
        "quick",
        "--threads",
        "1",
        "--format",
        "json",
        "--out",
        d1.to_str().unwrap(),
    ]);
    let b = verify(&[
        "--profile",
        "quick",
        "--threads",
        "2",
        "--format",
        "json",
        "--out",
        d2.to_str().unwrap(),
    ]);
    assert_eq!(a.stdout, b.stdout);
    // every report file, figures and report.html included: the manifests list their SHA-256
    let m1 = std::fs::read_to_string(d1.join("manifest.json")).unwrap();
    let m2 = std::fs::read_to_string(d2.join("manifest.json")).unwrap();
    assert!(
        m1.contains("report.html") && m1.contains("thm1-rate-n.svg"),
        "{m1}"
    );
    assert_eq!(m1, m2, "report files differ between 1 and 2 threads");
    let _ = std::fs::remove_dir_all(&d1);
    let _ = std::fs::remove_dir_all(&d2);
}

#[test]
fn list_names_every_claim() {
    let o = verify(&["list", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let registered: Vec<&str> = bnn_sgd_verify::claims::registry()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, registered);
    assert!(ids.contains(&"scaling-3.3") && ids.contains(&"linear-constant"));
    let text = stdout(&verify(&["list"]));
    let claim_lines = text.lines().filter(|l| !l.starts_with(' ')).count();
    assert_eq!(claim_lines, registered.len(), "{text}");
    // the Coq theorems that back a claim: a line under it, and a field in the JSON
    let backed = bnn_sgd_verify::claims::registry()
        .iter()
        .filter(|c| !c.coq.is_empty())
        .count();
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("Coq: "))
            .count(),
        backed
    );
    let gronwall = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "gronwall")
        .unwrap();
    assert_eq!(gronwall["coq"][0]["theorem"], "gronwall_inequality");
    assert_eq!(gronwall["coq"][0]["file"], "Gronwall.v");
}

#[test]
fn help_exits_zero() {
    for args in [&["--help"][..], &["eval", "--help"], &["--version"]] {
        let o = verify(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn prove_writes_a_certificate_that_rechecks_and_a_tampered_one_fails() {
    let dir = out_dir("cert");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("c.json");
    let p = path.to_str().unwrap();
    let o = verify(&["prove", "density-fa", "--certificate", p]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = verify(&["check-certificate", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // shrink one enclosure in the file
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let b = &mut v["statements"][0]["boxes"][10]["enclosure"];
    let lo: f64 = b[0].as_str().unwrap().parse().unwrap();
    let hi: f64 = b[1].as_str().unwrap().parse().unwrap();
    b[0] = Value::String(format!("{:e}", hi - (hi - lo) / 100.0));
    std::fs::write(&path, v.to_string()).unwrap();
    let o = verify(&["check-certificate", p]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("REJECTED"));
    // not a certificate at all: exit 2, one line
    std::fs::write(&path, "{").unwrap();
    let o = verify(&["check-certificate", p]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1);
    let o = verify(&["prove", "lemma2"]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eval_density_cdf_moment() {
    let o = verify(&[
        "eval", "density", "--a", "0.7", "--x", "0.1", "--digits", "30", "--format", "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    check_enclosure(&v, 30, "f_0.7(0.1)");
    let o = verify(&[
        "eval", "cdf", "--a", "0.7", "--x", "0", "--digits", "30", "--format", "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let half = big("0.5");
    assert!(
        big(v["enclosure"][0].as_str().unwrap()) <= half
            && half <= big(v["enclosure"][1].as_str().unwrap()),
        "F(0) = 1/2: {v}"
    );
    let o = verify(&[
        "eval", "moment", "--a", "1", "--k", "2", "--digits", "30", "--format", "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    check_enclosure(&v, 30, "E V²");
    // E V² = (cosh 1/3 − 3 sinh 1 + 2 cosh 1)/(cosh 1 − sinh 1) = (7cosh 1/3 − 3 sinh 1)·e
    let one = Float::with_val(4000, 1);
    let want = (Float::with_val(4000, one.cosh_ref()) * 7u32 / 3u32
        - Float::with_val(4000, one.sinh_ref()) * 3u32)
        * Float::with_val(4000, one.exp_ref());
    assert!(
        big(v["enclosure"][0].as_str().unwrap()) <= want
            && want <= big(v["enclosure"][1].as_str().unwrap()),
        "{v}"
    );
    for bad in [
        &["eval", "density", "--a", "1"][..],
        &["eval", "moment", "--a", "1", "--k", "7"],
        &["eval", "moment", "--a", "1", "--x", "0.5"],
        &["eval", "cdf", "--a", "1", "--x", "nan"],
    ] {
        let o = verify(bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{bad:?}");
    }
}

#[test]
fn simulate_json_and_determinism_across_threads() {
    let base = [
        "simulate", "--loss", "ridge", "--d", "16", "--n", "1024", "--reps", "40", "--seed", "3",
        "--format", "json", "--quiet",
    ];
    let one = verify(&[&base[..], &["--threads", "1"]].concat());
    let two = verify(&[&base[..], &["--threads", "2"]].concat());
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert_eq!(one.stdout, two.stdout, "same seed, same bytes");
    let v: Value = serde_json::from_str(&stdout(&one)).unwrap();
    for key in [
        "rmse_sup",
        "rmse_sup_se",
        "rmse_terminal",
        "rmse_terminal_se",
        "prediction_terminal",
        "loss",
        "d",
        "n",
        "reps",
        "alpha",
        "a",
        "scaling",
        "seed",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert!(v["prediction_terminal"].is_null());
    assert!(v["rmse_sup"].as_f64().unwrap() >= v["rmse_terminal"].as_f64().unwrap());
    // the linear loss has a prediction, and the measured error is near it
    let o = verify(&[
        "simulate", "--loss", "linear", "--d", "4", "--n", "2048", "--reps", "400", "--format",
        "json", "--quiet",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let (m, se, p) = (
        v["rmse_terminal"].as_f64().unwrap(),
        v["rmse_terminal_se"].as_f64().unwrap(),
        v["prediction_terminal"].as_f64().unwrap(),
    );
    assert!(
        (m - p).abs() < 4.0 * se + 0.01 * p,
        "rmse {m} ± {se} vs prediction {p}"
    );
    // the quadratic loss is allowed with a warning
    let o = verify(&[
        "simulate",
        "--loss",
        "quadratic",
        "--d",
        "2",
        "--n",
        "64",
        "--reps",
        "4",
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("breaks (3.6)"));
}

#[test]
fn simulate_bad_input() {
    let cases: &[&[&str]] = &[
        &[
            "simulate", "--loss", "cubic", "--d", "2", "--n", "8", "--reps", "4",
        ],
        &[
            "simulate", "--loss", "linear", "--d", "0", "--n", "8", "--reps", "4",
        ],
        &[
            "simulate", "--loss", "linear", "--d", "2", "--n", "0", "--reps", "4",
        ],
        &[
            "simulate", "--loss", "linear", "--d", "2", "--n", "8", "--reps", "1",
        ],
        &[
            "simulate", "--loss", "linear", "--d", "2", "--n", "8", "--reps", "4", "--alpha", "-1",
        ],
        &[
            "simulate", "--loss", "linear", "--d", "2", "--n", "8", "--reps", "4", "--a", "nan",
        ],
        &[
            "simulate", "--loss", "linear", "--d", "2", "--n", "8", "--reps", "4", "--a", "inf",
        ],
        &[
            "simulate",
            "--loss",
            "linear",
            "--d",
            "2",
            "--n",
            "8",
            "--reps",
            "4",
            "--scaling",
            "log",
        ],
        &[
            "simulate", "--loss", "linear", "--d", "2", "--n", "8", "--reps", "4", "--z0", "nan",
        ],
        &["simulate", "--loss", "linear", "--d", "2", "--n", "8"],
        &[
            "simulate", "--loss", "linear", "--d", "-2", "--n", "8", "--reps", "4",
        ],
    ];
    for args in cases {
        let o = verify(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(
            stderr(&o).trim_end().lines().count(),
            1,
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains("panicked"));
    }
}

/// The progress bar is drawn only on a terminal: piped, stderr stays empty (with or without
/// --quiet), and stdout carries only the report.
#[test]
fn audit_progress_never_reaches_pipes() {
    let dir = std::env::temp_dir().join(format!("verify-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for quiet in [false, true] {
        let mut args = vec!["audit", "--profile", "quick", "--only", "c-taylor", "--out"];
        let out = dir.to_str().unwrap();
        args.push(out);
        if quiet {
            args.push("--quiet");
        }
        let o = verify(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(
            o.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!String::from_utf8_lossy(&o.stdout).contains("claims ·"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn eval_thm1_bound_gives_the_explicit_bound_with_its_parts() {
    let o = verify(&[
        "eval",
        "thm1-bound",
        "--loss",
        "ridge",
        "--d",
        "8",
        "--n",
        "4096",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["quantity"], "thm1-bound");
    assert_eq!(v["parts"]["n0"], 43);
    let total: f64 = v["value"].as_str().unwrap().parse().unwrap();
    // the Monte Carlo rmse_sup of this cell is about 0.028 (thm1-explicit): the bound is above it
    assert!(total > 0.4 && total < 0.6, "{total}");
    let part = |k: &str| -> f64 { v["parts"][k]["value"].as_str().unwrap().parse().unwrap() };
    let sum = (part("bias") + part("martingale") + part("lag")) * part("gronwall");
    assert!(
        (sum / total - 1.0).abs() < 1e-12,
        "parts {sum} vs total {total}"
    );
}
