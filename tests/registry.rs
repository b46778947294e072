//! The registry against the specification: the ids of claims.md, kept here independently of
//! `src/` (the one copy outside the registry), in the catalogue's order, each registered once;
//! and each id written as a string exactly once in `src/` and `verify/` — in the registry.

use bnn_sgd_verify::claims::{registry, Audit, Profile, Verdict};

/// The ids of claims.md, section by section (the specification).
const SPEC: [(&str, &[&str]); 5] = [
    (
        "A",
        &[
            "c-closed-form",
            "c-taylor",
            "m-series",
            "drift-limit",
            "scaling-3.3",
        ],
    ),
    (
        "B",
        &[
            "density-fa",
            "phi-mean-zero",
            "ibp-identity",
            "expected-step",
        ],
    ),
    (
        "C",
        &[
            "update-3.4",
            "martingale-difference",
            "bias-c-order",
            "bias-sqrt-d",
            "gronwall",
            "lemma2",
            "lemma2-use",
        ],
    ),
    (
        "D",
        &[
            "thm1-rate-n",
            "thm1-rate-d",
            "thm1-constant",
            "linear-constant",
        ],
    ),
    (
        "E",
        &[
            "linear-mse-exact",
            "linear-second-order",
            "thm1-sharp",
            "log-taylor",
            "single-update-variance",
            "decomposition",
            "bias-b",
            "delta-order",
            "doob",
            "proof-rate",
            "thm1-explicit",
            "sgd-composition",
        ],
    ),
];

fn spec_ids() -> Vec<&'static str> {
    SPEC.iter()
        .flat_map(|(_, ids)| ids.iter().copied())
        .collect()
}

#[test]
fn the_registry_is_the_catalogue_in_order() {
    let ids: Vec<&str> = registry().iter().map(|c| c.id).collect();
    assert_eq!(ids, spec_ids());
    for c in registry() {
        assert!(
            !c.paper_ref.is_empty() && !c.statement.is_empty() && !c.method.is_empty(),
            "{}",
            c.id
        );
    }
}

#[test]
fn sections_a_to_d_are_built_and_only_section_e_is_pending() {
    for (section, ids) in SPEC {
        for id in ids {
            let c = registry().iter().find(|c| c.id == *id).expect("registered");
            if section != "E" {
                assert!(c.built(), "{id} (§{section}) must have a check");
            }
        }
    }
}

#[test]
fn a_pending_claim_is_listed_and_never_counted_as_passed() {
    let pending: Vec<String> = registry()
        .iter()
        .filter(|c| !c.built())
        .map(|c| c.id.to_string())
        .collect();
    if pending.is_empty() {
        return;
    }
    let audit = Audit::run(Profile::Quick, 1, Some(&pending));
    assert_eq!(audit.claims.len(), pending.len());
    for c in &audit.claims {
        assert_eq!(c.verdict, Verdict::Pending, "{}", c.id);
        assert!(c.evidence.is_empty(), "{}", c.id);
    }
    let summary = audit.summary();
    let count = |v| summary.iter().find(|(w, _)| *w == v).unwrap().1;
    assert_eq!(count(Verdict::Pending), pending.len());
    assert_eq!(count(Verdict::Proved) + count(Verdict::Supported), 0);
    assert!(!audit.failed());
}

/// Every `.rs` file below `dir`.
fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn each_claim_id_is_written_once_in_src_and_verify() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    sources(&root.join("src"), &mut files);
    sources(&root.join("verify"), &mut files);
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(p).expect("utf-8"),
            )
        })
        .collect();
    for id in spec_ids() {
        let quoted = format!("\"{id}\"");
        let places: Vec<&str> = texts
            .iter()
            .flat_map(|(p, t)| std::iter::repeat_n(p.as_str(), t.matches(&quoted).count()))
            .collect();
        assert_eq!(places.len(), 1, "{id} is written in {places:?}");
        assert!(
            places[0].ends_with("registry.rs"),
            "{id} is written in {places:?}"
        );
    }
}
