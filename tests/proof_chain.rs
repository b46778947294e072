//! §E of claims.md, the proof's steps between (3.7) and Grönwall: bias-b, delta-order and the
//! decomposition — expected verdicts, and for each a wrong variant (a wrong limit constant, a
//! wrong order, the printed factor in D) that fails through the same check.

use bnn_sgd_verify::claims::proof_chain::*;
use bnn_sgd_verify::claims::{find, Verdict};
use rug::Rational;

mod common;
use common::{ctx, PROFILE, SEED};

#[test]
fn expected_verdicts() {
    for id in ["bias-b", "delta-order", "decomposition"] {
        let f = find(id).unwrap().run(PROFILE, SEED);
        assert_eq!(f.verdict, Verdict::Proved, "{id}: {f:#?}");
        assert!(!f.evidence.is_empty(), "{id}");
    }
}

#[test]
fn bias_b_with_a_wrong_limit_constant_fails() {
    // b_ν = −(1/3)A²α∂_νL: the identity still holds (b is defined with 1/3), but the bound
    // α|κ_n − A²/3|G does not vanish, so it leaves drift-limit's O(1/n) bracket
    for limit in [Rational::from((1, 3)), Rational::from((3, 5))] {
        let f = check_bias_b(&limit, &ctx("bias-b"));
        assert_eq!(f.verdict, Verdict::Failed, "limit {limit}: {f:#?}");
        assert!(
            f.note.as_deref().unwrap_or("").contains("not O(1/n)"),
            "limit {limit}: {:?}",
            f.note
        );
    }
}

#[test]
fn delta_order_with_a_wrong_order_or_constant_fails() {
    let c = ctx("delta-order");
    // O(1/n²): the linear loss's sup‖δ‖ = (2/3)A²α‖g‖/n exceeds it from n = 2 on
    let f = check_delta_order(&Rational::from((2, 3)), 2, &c);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    // the constant 1/3: the linear loss attains 2/3 in the limit
    let f = check_delta_order(&Rational::from((1, 3)), 1, &c);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    // the constant 0.65 < 2/3: caught by the exact comparison even though it is close
    let f = check_delta_order(&Rational::from((13, 20)), 1, &c);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
}

#[test]
fn the_printed_factor_breaks_the_decomposition_symbolically_and_on_paths() {
    let c = ctx("decomposition");
    let f = check_decomposition(DFactor::Printed, &c);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    let shown = format!("{:?}", f.evidence);
    assert!(shown.contains("e^{−U_{ℓ−1}}"), "{shown}");
    // the path stage alone: with the printed factor the residual is of the terms' size
    let (_, rel) = decomposition_paths(DFactor::Printed, &c);
    assert!(rel > 1e-3, "printed factor: relative residual {rel:e}");
    let (_, rel) = decomposition_paths(DFactor::Update, &c);
    assert!(rel < 1e-12, "update's factor: relative residual {rel:e}");
}
