//! Verified numerics that know nothing of the paper: outward-rounded MPFR intervals, exact
//! rational series with tail bounds, exponential polynomials, exact decimal input, and a
//! high-precision Gauss–Legendre quadrature.

pub mod decimal;
pub mod exppoly;
pub mod jet;
pub mod mpinterval;
pub mod prover;
pub mod quadrature;
pub mod series;
