//! Verified numerics that know nothing of the paper: outward-rounded MPFR intervals and one
//! trait over them and inari's ([`arith`]), exact rational series with tail bounds, exponential
//! polynomials, Taylor jets, exact decimal input and outward-rounded decimal output, the
//! precision loop, a branch-and-bound prover, a rigorous Simpson rule and a high-precision
//! Gauss–Legendre quadrature.

pub mod arith;
pub mod decimal;
pub mod exact_sum;
pub mod exppoly;
pub mod exppoly2;
pub mod format;
pub mod gauss_legendre;
pub mod jet;
pub mod mpinterval;
pub mod poly;
pub mod precision;
pub mod prover;
pub mod series;
pub mod simpson;
