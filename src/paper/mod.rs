//! The paper's objects, each in the arithmetics it needs.

pub mod data_model;
pub mod density;
pub mod explicit;
pub mod flow;
pub mod gronwall;
pub mod linear_exact;
pub mod linear_moments;
pub mod loss;
pub mod normalizer;
pub mod ranges;
pub mod stdp;
