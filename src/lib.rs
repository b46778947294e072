//! # bnn-sgd-verify
//!
//! The proof companion of Christensen & Kallsen, "Is Learning in Biological Neural Networks based
//! on Stochastic Gradient Descent?" (arXiv 2309.05102). Every identity, constant and rate of the
//! paper is a [`claims::Claim`] with a stable id in one registry ([`claims::registry()`]); a check
//! turns it into a [`claims::Finding`] with a [`claims::Verdict`] on the rigour ladder (proved,
//! confirmed, supported, corrected, failed; pending while its check is not built).
//!
//! Data flows one way:
//! - [`rigorous`] and [`stats`]: verified numerics and statistical tests that know nothing of the
//!   paper (MPFR intervals and one trait over them and inari's, exact series with tail bounds,
//!   the precision loop, the prover, quadrature; t, TOST, OLS, KS, Holm);
//! - [`paper`]: the paper's objects — the normalizer C(a), the drift constant m(a), κ_n, the
//!   density f_a, the losses and their flows, the update rule, Grönwall and Lemma 2 — in every
//!   arithmetic the suite uses; [`montecarlo`] runs the update rule against its limit;
//! - [`claims`]: one module per family of claims, judging the paper with `paper`;
//! - [`report`] and [`eval`]: renderings of an audit and of single numbers; the `verify` binary
//!   parses the command line and presents.
//!
//! ```
//! use bnn_sgd_verify::claims::{registry, Profile, Verdict};
//! // one claim, checked alone (the audit runs them all): §A's C(a)/(2a) = 2a²/3 + O(a³)
//! let claim = &registry()[1];
//! assert_eq!(claim.statement, "C(A_n)/(2A_n) = 2A_n²/3 + O(A_n³)");
//! let finding = claim.run(Profile::Quick, 1);
//! assert_eq!(finding.verdict, Verdict::Proved);
//! ```

pub mod claims;
pub mod eval;
pub mod montecarlo;
pub mod paper;
pub mod report;
pub mod rigorous;
pub mod stats;
pub mod streams;
