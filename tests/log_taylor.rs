//! §E of claims.md, log-taylor: the model's additive update drops log(1 + y) − y; the bound
//! |log(1 + y) − y| ≤ c·y²/(1 − |y|) is confirmed with c = 1/2 and fails (an interval
//! counterexample near y = 0) for a smaller c, and the naive mean of the dropped term is rejected.

use bnn_sgd_verify::claims::Verdict;
use rug::Rational;

mod common;
use common::ctx;

#[test]
fn log_taylor_with_a_smaller_constant_fails_and_the_naive_mean_is_rejected() {
    use bnn_sgd_verify::claims::apply_holm;
    use bnn_sgd_verify::claims::log_taylor::check_log_taylor;
    let c = ctx("log-taylor");
    let mut ok = check_log_taylor(&Rational::from((1, 2)), &c);
    apply_holm(&mut [&mut ok]);
    assert_eq!(ok.verdict, Verdict::Confirmed, "{ok:#?}");
    assert_eq!(ok.tests.iter().filter(|t| t.negative_control).count(), 3);
    // c = 2/5 < 1/2: the bound fails near y = 0 (a counterexample found by intervals)
    for bad in [Rational::from((2, 5)), Rational::from((1, 3))] {
        let f = check_log_taylor(&bad, &c);
        assert_eq!(f.verdict, Verdict::Failed, "c = {bad}: {f:#?}");
        assert!(
            f.note.as_deref().unwrap_or("").contains("fails at y"),
            "{:?}",
            f.note
        );
    }
}
