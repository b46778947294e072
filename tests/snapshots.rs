//! Snapshot regression: the quick audit's table and the constants at 40 digits. Any change of a
//! number or a verdict fails CI (`CI=true` makes insta fail on a mismatch instead of writing).
//! The numbers are outward-rounded decimal strings of rigorous enclosures, identical on every
//! machine (MPFR is correctly rounded), not raw floats.

use bnn_sgd_verify::claims::{Audit, Profile, CONTROL_POWER, MAX_CONTROLS};
use bnn_sgd_verify::report;
use bnn_sgd_verify::report::constants::{constants_table, constants_text};

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn quick_audit_table() {
    let audit = Audit::run(Profile::Quick, 1, None);
    // every negative control states its power, which reaches CONTROL_POWER, and the audit
    // stays within the number of controls that power is computed for
    let controls: Vec<_> = audit
        .claims
        .iter()
        .flat_map(|r| r.finding.tests.iter().map(move |t| (r.id, t)))
        .filter(|(_, t)| t.negative_control)
        .collect();
    assert!(
        controls.len() <= MAX_CONTROLS,
        "{} controls",
        controls.len()
    );
    for (id, t) in &controls {
        let w = t.power.unwrap_or(f64::NAN);
        assert!(w >= CONTROL_POWER, "{id}: {} has power {w}", t.name);
    }
    settings().bind(|| insta::assert_snapshot!("quick_audit", report::text(&audit)));
}

#[test]
fn constants_at_40_digits() {
    let rows = constants_table(44).expect("valid digits");
    settings().bind(|| insta::assert_snapshot!("constants_40_digits", constants_text(&rows, 40)));
}
