//! Certificates bound to their claim: every kind of tampering a hostile referee tried is
//! rejected — a malformed file with exit 2, a well-formed certificate that does not prove its
//! claim with exit 1 — and the harmless rewrites (reordering, re-serialising, splitting a box,
//! widening an enclosure that still decides) are still accepted.

use bnn_sgd_verify::claims::certificate::{check_certificate, CertificateError};
use bnn_sgd_verify::claims::find;
use bnn_sgd_verify::claims::statements::prove_claim;
use bnn_sgd_verify::rigorous::prover::{Certificate, Engine, CERTIFICATE_FORMAT};
use serde_json::{json, Value};
use std::process::Command;
use std::sync::OnceLock;

mod common;

/// The certificate `verify prove ID --certificate` writes, as JSON.
fn certificate(id: &str) -> Value {
    let claim = find(id).expect("registered");
    let cert = Certificate {
        format: CERTIFICATE_FORMAT.into(),
        claim: id.into(),
        statements: prove_claim(claim.range_statements, Engine::Inari)
            .into_iter()
            .map(|cp| cp.proof.certificate)
            .collect(),
    };
    serde_json::to_value(cert).expect("serializable")
}

fn drift() -> &'static Value {
    static C: OnceLock<Value> = OnceLock::new();
    C.get_or_init(|| certificate("drift-limit"))
}
fn density() -> &'static Value {
    static C: OnceLock<Value> = OnceLock::new();
    C.get_or_init(|| certificate("density-fa"))
}
fn taylor() -> &'static Value {
    static C: OnceLock<Value> = OnceLock::new();
    C.get_or_init(|| certificate("c-taylor"))
}

/// The CLI's exit code for a certificate text: 2 malformed, 1 not proving its claim, 0 proved.
fn exit_code(text: &str) -> (i32, String) {
    match check_certificate(text) {
        Err(e) => (2, e.to_string()),
        Ok(c) if c.holds() => (0, String::new()),
        Ok(c) => (
            1,
            format!(
                "{:?} extra {:?}",
                c.statements
                    .iter()
                    .filter_map(|s| s.result.as_ref().err().map(|e| e.to_string()))
                    .collect::<Vec<_>>(),
                c.extra
            ),
        ),
    }
}

fn tampered(base: &Value, f: impl Fn(&mut Value)) -> String {
    let mut v = base.clone();
    f(&mut v);
    serde_json::to_string(&v).expect("serializable")
}

/// The statement `id` of a certificate.
fn statement<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["statements"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["id"] == id)
        .expect("statement present")
}

fn middle_box(v: &mut Value, id: &str) -> Value {
    let boxes = statement(v, id)["boxes"].as_array().unwrap();
    boxes[boxes.len() / 2].clone()
}

#[test]
fn the_untouched_certificates_prove_their_claims() {
    for v in [drift(), density(), taylor()] {
        let text = serde_json::to_string(v).unwrap();
        assert_eq!(exit_code(&text), (0, String::new()), "{}", v["claim"]);
    }
}

#[test]
fn tampering_is_rejected() {
    // (kind, expected exit code, the tampered text)
    let cases: Vec<(&str, i32, String)> = vec![
        (
            "no statements at all",
            1,
            tampered(drift(), |v| v["statements"] = json!([])),
        ),
        (
            "drift-upper removed",
            1,
            tampered(drift(), |v| {
                v["statements"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|s| s["id"] != "drift-upper")
            }),
        ),
        (
            "drift-lower removed",
            1,
            tampered(drift(), |v| {
                v["statements"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|s| s["id"] != "drift-lower")
            }),
        ),
        (
            "drift-upper replaced by a second drift-lower",
            1,
            tampered(drift(), |v| {
                let lower = statement(v, "drift-lower").clone();
                *statement(v, "drift-upper") = lower;
            }),
        ),
        (
            "claim relabelled to another claim",
            1,
            tampered(drift(), |v| v["claim"] = json!("c-taylor")),
        ),
        (
            "claim relabelled to an unknown id",
            2,
            tampered(drift(), |v| v["claim"] = json!("no-such-claim")),
        ),
        (
            "claim relabelled to a claim without range statements",
            2,
            tampered(taylor(), |v| v["claim"] = json!("lemma2")),
        ),
        (
            "another claim's statement appended",
            1,
            tampered(taylor(), |v| {
                let other = drift()["statements"][0].clone();
                v["statements"].as_array_mut().unwrap().push(other);
            }),
        ),
        (
            "the same statement twice",
            1,
            tampered(taylor(), |v| {
                let s = v["statements"][0].clone();
                v["statements"].as_array_mut().unwrap().push(s);
            }),
        ),
        (
            "a margin given as the string NaN",
            2,
            tampered(taylor(), |v| {
                v["statements"][0]["boxes"][0]["margin"] = json!("NaN")
            }),
        ),
        (
            "a margin given as a number",
            2,
            tampered(taylor(), |v| {
                v["statements"][0]["boxes"][0]["margin"] = json!(0.5)
            }),
        ),
        (
            "a corner given as a string",
            2,
            tampered(taylor(), |v| {
                v["statements"][0]["boxes"][0]["lo"] = json!(["0.5"])
            }),
        ),
        (
            "a negative margin",
            2,
            tampered(taylor(), |v| {
                v["statements"][0]["boxes"][0]["margin"] = json!("-1e-3")
            }),
        ),
        (
            "an unknown field",
            2,
            tampered(taylor(), |v| v["signed_by"] = json!("a referee")),
        ),
        (
            "an unknown engine",
            2,
            tampered(taylor(), |v| v["statements"][0]["engine"] = json!("gmp")),
        ),
        (
            "another format version",
            2,
            tampered(taylor(), |v| {
                v["format"] = json!("bnn-sgd-verify certificate v0")
            }),
        ),
        (
            "a missing field",
            2,
            tampered(taylor(), |v| {
                v["statements"][0].as_object_mut().unwrap().remove("lower");
            }),
        ),
        (
            "a margin larger than the enclosure gives",
            1,
            tampered(taylor(), |v| {
                v["statements"][0]["boxes"][0]["margin"] = json!("1e3")
            }),
        ),
        (
            "a weaker bound",
            1,
            tampered(taylor(), |v| v["statements"][0]["lower"] = json!(0.5)),
        ),
        (
            "a smaller domain",
            1,
            tampered(taylor(), |v| {
                v["statements"][0]["domain"][0][1] = json!(0.5);
                v["statements"][0]["boxes"][0]["hi"][0] = json!(0.5);
            }),
        ),
        (
            "a changed description",
            1,
            tampered(taylor(), |v| {
                v["statements"][0]["description"] = json!("2/3 < R(a)/a³ < 4/3 for all a > 0")
            }),
        ),
        (
            "a shrunk enclosure",
            1,
            tampered(density(), |v| {
                let b = middle_box(v, "density-lower-bound");
                let lo: f64 = b["enclosure"][0].as_str().unwrap().parse().unwrap();
                let hi: f64 = b["enclosure"][1].as_str().unwrap().parse().unwrap();
                let boxes = statement(v, "density-lower-bound")["boxes"]
                    .as_array_mut()
                    .unwrap();
                let n = boxes.len() / 2;
                boxes[n]["enclosure"][0] = json!(format!("{:e}", hi - (hi - lo) / 100.0));
            }),
        ),
        (
            "a box removed",
            1,
            tampered(density(), |v| {
                let boxes = statement(v, "density-lower-bound")["boxes"]
                    .as_array_mut()
                    .unwrap();
                let n = boxes.len() / 3;
                boxes.remove(n);
            }),
        ),
        (
            "a box moved onto its neighbour",
            1,
            tampered(density(), |v| {
                let boxes = statement(v, "density-lower-bound")["boxes"]
                    .as_array_mut()
                    .unwrap();
                boxes[1] = boxes[0].clone();
            }),
        ),
        (
            "an enclosure that does not decide",
            1,
            tampered(density(), |v| {
                let boxes = statement(v, "density-lower-bound")["boxes"]
                    .as_array_mut()
                    .unwrap();
                boxes[0]["enclosure"][0] = json!("0.25");
            }),
        ),
        ("truncated JSON", 2, {
            let t = serde_json::to_string(taylor()).unwrap();
            t[..t.len() / 2].to_string()
        }),
    ];
    assert!(cases.len() >= 15);
    let mut wrong = vec![];
    for (kind, want, text) in &cases {
        let (got, why) = exit_code(text);
        if got != *want {
            wrong.push(format!("{kind}: exit {got}, want {want} ({why})"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn harmless_rewrites_are_accepted() {
    let cases: Vec<(&str, String)> = vec![
        (
            "statements reordered",
            tampered(drift(), |v| {
                v["statements"].as_array_mut().unwrap().reverse()
            }),
        ),
        (
            "boxes reordered",
            tampered(density(), |v| {
                statement(v, "density-lower-bound")["boxes"]
                    .as_array_mut()
                    .unwrap()
                    .reverse()
            }),
        ),
        (
            "re-serialised with indentation",
            serde_json::to_string_pretty(taylor()).unwrap(),
        ),
        (
            "a box split in two",
            tampered(density(), |v| {
                let boxes = statement(v, "density-lower-bound")["boxes"]
                    .as_array_mut()
                    .unwrap();
                let b = boxes.remove(0);
                let (lo, hi) = (b["lo"][1].as_f64().unwrap(), b["hi"][1].as_f64().unwrap());
                let mid = lo + (hi - lo) / 2.0;
                let (mut left, mut right) = (b.clone(), b);
                left["hi"][1] = json!(mid);
                right["lo"][1] = json!(mid);
                boxes.push(left);
                boxes.push(right);
            }),
        ),
        (
            "an enclosure widened but still deciding",
            tampered(taylor(), |v| {
                let b = &mut v["statements"][0]["boxes"][0];
                let lo: f64 = b["enclosure"][0].as_str().unwrap().parse().unwrap();
                let hi: f64 = b["enclosure"][1].as_str().unwrap().parse().unwrap();
                // 2/3 < lo ≤ hi < 4/3: give away half of each side's room, and state the margin left
                let (lo2, hi2) = (lo - (lo - 2.0 / 3.0) / 2.0, hi + (4.0 / 3.0 - hi) / 2.0);
                b["enclosure"] = json!([format!("{lo2:e}"), format!("{hi2:e}")]);
                let m = ((lo2 - 2.0 / 3.0).min(4.0 / 3.0 - hi2)) / 2.0;
                b["margin"] = json!(format!("{m:e}"));
            }),
        ),
    ];
    for (kind, text) in &cases {
        assert_eq!(exit_code(text), (0, String::new()), "{kind}");
    }
}

#[test]
fn the_cli_maps_the_verdicts_to_exit_codes() {
    let dir = std::env::temp_dir().join(format!("verify-certificates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let run = |p: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_verify"))
            .args(["check-certificate", p.to_str().unwrap()])
            .output()
            .expect("runs")
    };
    let good = write("good.json", &serde_json::to_string(taylor()).unwrap());
    assert_eq!(run(&good).status.code(), Some(0));
    let empty = write(
        "empty.json",
        &tampered(taylor(), |v| v["statements"] = json!([])),
    );
    let o = run(&empty);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("NOT certified"));
    let nan = write(
        "nan.json",
        &tampered(taylor(), |v| {
            v["statements"][0]["boxes"][0]["margin"] = json!("NaN")
        }),
    );
    let o = run(&nan);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // /dev/zero is read through the size cap, not to the end
    let t = std::time::Instant::now();
    let o = run(std::path::Path::new("/dev/zero"));
    assert_eq!(o.status.code(), Some(2));
    assert!(t.elapsed().as_secs_f64() < 5.0);
    assert!(matches!(
        bnn_sgd_verify::claims::certificate::read_capped(std::path::Path::new("/dev/zero"), 1024),
        Err(CertificateError::TooLarge)
    ));
    std::fs::remove_dir_all(&dir).ok();
}

/// The size cap is inclusive (a file of exactly `cap` bytes is read, one more byte is refused)
/// and every error says what went wrong.
#[test]
fn the_cap_is_exact_and_errors_say_why() {
    use bnn_sgd_verify::claims::certificate::read_capped;
    let dir = std::env::temp_dir().join(format!("cap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("c.json");
    std::fs::write(&path, "x".repeat(64)).unwrap();
    assert_eq!(read_capped(&path, 64).unwrap().len(), 64);
    assert_eq!(read_capped(&path, 63), Err(CertificateError::TooLarge));
    std::fs::remove_dir_all(&dir).ok();
    for (e, want) in [
        (CertificateError::TooLarge, "MiB"),
        (CertificateError::Read("gone".into()), "gone"),
        (
            CertificateError::NotACertificate("bad".into()),
            "not a certificate",
        ),
        (CertificateError::UnknownFormat("v0".into()), "v0"),
        (CertificateError::UnknownClaim("x-y".into()), "x-y"),
        (
            CertificateError::NoRangeStatements("z".into()),
            "no range statements",
        ),
        (CertificateError::Malformed("NaN".into()), "NaN"),
    ] {
        assert!(e.to_string().contains(want), "{e:?}: {e}");
    }
}

/// A statement with a false bound is not proved, its summary says so, and a claim carrying it
/// fails through `with_range_proof`; a finding that already failed is returned as it was.
#[test]
fn a_false_range_statement_fails_its_claim() {
    use bnn_sgd_verify::claims::{Finding, Verdict};
    let c = find("c-taylor").unwrap();
    let good = prove_claim(c.range_statements, Engine::Inari);
    assert!(good.iter().all(|cp| cp.holds()));
    let s = good[0].summary(false);
    assert!(
        s.contains("boxes") && s.contains("every box holds") && !s.contains(" s;"),
        "{s}"
    );
    let mut wrong = c.range_statements[0];
    wrong.lower = Some(0.7); // R(a)/a³ → 2/3 as a → 0: 0.7 is false near 0
    let bad = prove_claim(&[wrong], Engine::Inari);
    assert!(!bad[0].holds());
    assert!(
        bad[0].summary(false).contains("REJECTED"),
        "{}",
        bad[0].summary(false)
    );
    // a proof the other engine rejects does not hold, nor a re-checked proof that is not one
    let mut rejected = prove_claim(c.range_statements, Engine::Inari).remove(0);
    assert!(rejected.proof.proved());
    rejected.recheck = Err(bnn_sgd_verify::rigorous::prover::Rejection::Malformed(
        "the other engine refuses".into(),
    ));
    assert!(!rejected.holds());
    let mut unproved = prove_claim(&[wrong], Engine::Inari).remove(0);
    assert!(!unproved.proof.proved());
    unproved.recheck = Ok(());
    assert!(!unproved.holds());
    let ctx = common::ctx("c-taylor");
    let ok = ctx.with_range_proof(Finding::new(Verdict::Proved, "d"));
    assert_eq!(ok.verdict, Verdict::Proved);
    assert!(ok
        .evidence
        .iter()
        .any(|e| e.name.starts_with("range proof")));
    let failed = Finding::failed("d", "its own reason", vec![]);
    let kept = ctx.with_range_proof(failed.clone());
    assert_eq!((kept.verdict, kept.note), (Verdict::Failed, failed.note));
}

/// The simplest fraction within 1e−12 of x (continued fractions), as the descriptions write it:
/// "2/3", "1/15", "25", "−1".
fn fraction_text(x: f64) -> String {
    let (sign, mut y) = (if x < 0.0 { "−" } else { "" }, x.abs());
    let (mut h0, mut h1, mut k0, mut k1) = (0f64, 1f64, 1f64, 0f64);
    for _ in 0..40 {
        let a = y.floor();
        (h0, h1) = (h1, a * h1 + h0);
        (k0, k1) = (k1, a * k1 + k0);
        if (h1 / k1 - x.abs()).abs() < 1e-12 || y - a < 1e-12 {
            break;
        }
        y = 1.0 / (y - a);
    }
    if k1 == 1.0 {
        format!("{sign}{h1}")
    } else {
        format!("{sign}{h1}/{k1}")
    }
}

/// A domain end as the descriptions write it: 2^−k, 1 − 2^−k, or a fraction.
fn end_text(x: f64) -> String {
    for k in 1..=30 {
        let p = 2f64.powi(-k);
        if x == p {
            return format!("2^−{k}");
        }
        if x == 1.0 - p && k > 1 {
            return format!("1 − 2^−{k}");
        }
    }
    fraction_text(x)
}

/// What a statement's description must name: its lower and upper bounds and every domain end.
fn description_mismatches(
    description: &str,
    lower: Option<f64>,
    upper: Option<f64>,
    domain: &[(f64, f64)],
) -> Vec<String> {
    let mut want: Vec<String> = lower.into_iter().chain(upper).map(fraction_text).collect();
    for &(a, b) in domain {
        want.push(format!("[{}, {}]", end_text(a), end_text(b)));
    }
    want.into_iter()
        .filter(|w| !description.contains(w.as_str()))
        .collect()
}

/// Statement texts cannot drift from their bounds: every range statement's description names
/// its bounds and its domain as the prover holds them (the same numbers tests/formal.rs ties to
/// the paper and to Coq). A description with a changed constant is caught by the same function.
#[test]
fn statement_descriptions_name_their_bounds_and_domains() {
    assert_eq!(fraction_text(2.0 / 3.0), "2/3");
    assert_eq!(fraction_text(1.0 / 15.0), "1/15");
    assert_eq!(end_text(1.0 - 1.0 / 1024.0), "1 − 2^−10");
    let mut seen = 0;
    for c in bnn_sgd_verify::claims::registry() {
        for st in c.range_statements {
            let missing = description_mismatches(st.description, st.lower, st.upper, st.domain);
            assert!(
                missing.is_empty(),
                "{}: '{}' lacks {missing:?}",
                st.id,
                st.description
            );
            seen += 1;
        }
    }
    assert!(seen >= 5, "{seen} statements");
    // the negative control: the printed constants changed in the text only
    let st = find("c-taylor").unwrap().range_statements[0];
    let drifted = st.description.replace("4/3", "5/3");
    assert_eq!(
        description_mismatches(&drifted, st.lower, st.upper, st.domain),
        vec!["4/3".to_string()]
    );
    let drifted = st.description.replace("2^−20", "2^−16");
    assert_eq!(
        description_mismatches(&drifted, st.lower, st.upper, st.domain).len(),
        1
    );
}
