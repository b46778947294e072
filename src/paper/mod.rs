//! The paper's objects, each in the arithmetics it needs.

pub mod normalizer;
