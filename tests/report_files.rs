//! The report folder is always consistent: a bad --out is refused before any work, files are
//! listed with their SHA-256 in manifest.json, the previous run's files are removed only when its
//! manifest lists them, and a user's other files are never touched.

mod common;
use common::{scratch, verify};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

fn manifest(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn a_bad_out_is_refused_before_any_work() {
    let dir = scratch("bad");
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    for out in [file.join("sub"), file.clone()] {
        let t = std::time::Instant::now();
        let o = verify(&["--profile", "quick", "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{out:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(o.stdout.is_empty(), "the audit ran");
        assert!(t.elapsed().as_secs_f64() < 3.0, "{:?}", t.elapsed());
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_manifest_lists_every_file_and_stale_files_go_but_a_users_stay() {
    let dir = scratch("manifest");
    let out = dir.to_str().unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    std::fs::write(
        dir.join("thm1-rate-d.svg"),
        "a user's file with a report's name",
    )
    .unwrap();
    let o = verify(&[
        "--profile",
        "quick",
        "--only",
        "martingale-difference,c-taylor",
        "--out",
        out,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let m = manifest(&dir);
    assert_eq!(m["schema"], 1);
    assert_eq!(m["profile"], "quick");
    let files: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"report.json") && files.contains(&"martingale-difference.svg"),
        "{files:?}"
    );
    for f in m["files"].as_array().unwrap() {
        let body = std::fs::read(dir.join(f["name"].as_str().unwrap())).unwrap();
        let hex: String = Sha256::digest(&body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(f["sha256"], hex.as_str(), "{}", f["name"]);
    }
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["schema"], 1);
    // a second run without the figure: the figure goes (the manifest listed it), the rest stays
    let o = verify(&["--profile", "quick", "--only", "c-taylor", "--out", out]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!dir.join("martingale-difference.svg").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(
        dir.join("thm1-rate-d.svg").exists(),
        "never listed, never removed"
    );
    assert!(!std::fs::read_dir(&dir).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with(".verify-")));
    // a manifest that names a path outside the folder removes nothing there
    let outside = scratch("outside");
    std::fs::write(outside.join("keep.txt"), "keep").unwrap();
    let mut m = manifest(&dir);
    m["files"].as_array_mut().unwrap().push(serde_json::json!({
        "name": format!("../{}/keep.txt", outside.file_name().unwrap().to_string_lossy()),
        "sha256": "0"
    }));
    std::fs::write(dir.join("manifest.json"), m.to_string()).unwrap();
    let o = verify(&["--profile", "quick", "--only", "c-taylor", "--out", out]);
    assert_eq!(o.status.code(), Some(0));
    assert!(outside.join("keep.txt").exists());
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&outside).ok();
}
