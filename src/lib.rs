//! # bnn-sgd-verify
//!
//! The proof companion of Christensen & Kallsen, "Is Learning in Biological Neural Networks based
//! on Stochastic Gradient Descent?" (arXiv 2309.05102). Every identity, constant and rate of the
//! paper is a [`claims::Claim`] with a stable id; a check turns it into a [`claims::Finding`]
//! with a [`claims::Verdict`] on the rigour ladder (proved, confirmed, supported, corrected,
//! failed; pending while its check is not built).
//!
//! Data flows one way:
//! - [`rigorous`]: verified numerics that know nothing of the paper (MPFR intervals, exact
//!   series with tail bounds, quadrature);
//! - [`paper`]: the paper's objects (the normalizer C(a), the drift constant m(a), κ_n) in every
//!   arithmetic the suite uses;
//! - [`claims`]: one module per family of claims, judging the paper with `paper`;
//! - [`report`]: text, markdown and JSON renderings of an audit; the `verify` binary presents.

pub mod claims;
pub mod eval;
pub mod montecarlo;
pub mod paper;
pub mod report;
pub mod rigorous;
pub mod stats;
pub mod streams;
