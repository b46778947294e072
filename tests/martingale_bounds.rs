//! §E of claims.md, the martingale bounds of the proof: Doob's inequality with its constant 4
//! (doob) and the rate the written chain of bounds gives (proof-rate) — expected verdicts, and the
//! wrong variants (the constant 1, a claimed exponent at the chain's own order) failing through
//! the same checks.

use bnn_sgd_verify::claims::{find, Verdict};

mod common;
use common::{ctx, PROFILE, SEED};

#[test]
fn doob_holds_with_4_and_fails_with_constant_1_through_holm() {
    use bnn_sgd_verify::claims::apply_holm;
    use bnn_sgd_verify::claims::martingale_bounds::check_doob;
    let c = ctx("doob");
    let mut ok = check_doob(4.0, &c);
    apply_holm(&mut [&mut ok]);
    assert_eq!(ok.verdict, Verdict::Supported, "{ok:#?}");
    // the controls (the constant 1 at d = 1, 8, where sup − end is large enough to have power)
    // rejected, each with power ≥ 0.999 at this sample size
    let controls: Vec<_> = ok.tests.iter().filter(|t| t.negative_control).collect();
    assert_eq!(controls.len(), 2);
    assert!(
        controls.iter().all(|t| t.power.unwrap_or(0.0) >= 0.999),
        "{controls:#?}"
    );
    // the wrong constant as the claim: its own one-sided test rejects, and the audit fails it
    let mut bad = check_doob(1.0, &c);
    apply_holm(&mut [&mut bad]);
    assert_eq!(bad.verdict, Verdict::Failed, "{bad:#?}");
}

#[test]
fn the_written_chain_grows_like_d_and_the_monte_carlo_like_root_d() {
    use bnn_sgd_verify::claims::martingale_bounds::{chain_bound, check_proof_rate};
    // the chain's bound, exactly: quadrupling d at n = 4096 multiplies it by more than 4
    let (b32, b128) = (
        chain_bound(32, 4096).unwrap(),
        chain_bound(128, 4096).unwrap(),
    );
    let ratio = b128.mid().to_f64() / b32.mid().to_f64();
    assert!(ratio > 4.0, "chain ratio {ratio}");
    // below n₀ Lemma 2 gives nothing: b_n ≥ 1
    assert!(chain_bound(128, 64).is_none());
    let f = find("proof-rate").unwrap().run(PROFILE, SEED);
    assert_eq!(f.verdict, Verdict::Corrected, "{f:#?}");
    // a claimed exponent at the chain's own order is not refuted by it: the check fails
    let f = check_proof_rate(1.0, &ctx("proof-rate"));
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
}
