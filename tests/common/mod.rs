//! What the claim tests share: the profile and seed they run at, and the context in which the
//! audit checks a claim.

use bnn_sgd_verify::claims::{find, Context, Finding, Profile};

#[allow(dead_code)]
pub const PROFILE: Profile = Profile::Quick;
#[allow(dead_code)]
pub const SEED: u64 = 1;

/// The context in which the audit checks claim `id` (its streams are keyed by the id).
#[allow(dead_code)]
pub fn ctx(id: &str) -> Context {
    find(id)
        .unwrap_or_else(|| panic!("{id} registered"))
        .context(PROFILE, SEED)
}

/// Runs the `verify` binary.
#[allow(dead_code)]
pub fn verify(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_verify"))
        .args(args)
        .output()
        .expect("the verify binary runs")
}

/// A fresh, empty scratch folder for one test.
#[allow(dead_code)]
pub fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("verify-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir writable");
    d
}

/// The value of the finding's first evidence line whose name starts with `prefix` (a test that
/// recomputes the evidence reads it by name; a missing line fails the test).
#[allow(dead_code)]
pub fn evidence_value(f: &Finding, prefix: &str) -> String {
    f.evidence
        .iter()
        .find(|e| e.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no evidence line starting with {prefix:?}"))
        .value
        .clone()
}

/// The numbers in an evidence value, in order: the words between spaces, brackets, parentheses,
/// commas and semicolons that parse as f64 ("0.1477 [0.1246, 0.1707], χ² = 134.9" → 0.1477, 0.1246,
/// 0.1707, 134.9).
#[allow(dead_code)]
pub fn numbers(value: &str) -> Vec<f64> {
    value
        .split([' ', '[', ']', '(', ')', ',', ';'])
        .filter_map(|w| w.parse().ok())
        .collect()
}
