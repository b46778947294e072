//! The appendix of constants: C(a), m(a), κ_n and κ_n − 2A²/3 at representative arguments, as
//! outward-rounded enclosures (the report's appendix and a snapshot).

use super::pad;
use crate::paper::normalizer::{
    drift_constant_to_digits, drift_excess_to_digits, drift_to_digits, normalizer_to_digits,
    NormalizerError, Scaling,
};
use crate::rigorous::mpinterval::MpInterval;
use rug::Rational;

/// One row of the constants table: a quantity at an argument, with its rigorous enclosure.
#[derive(Clone, Debug)]
pub struct ConstantRow {
    pub quantity: &'static str,
    pub argument: String,
    pub enclosure: MpInterval,
}

/// C(a), m(a), κ_n and κ_n − 2A²/3 at representative arguments, each enclosed to relative width
/// ≤ 10^{−digits−2}.
///
/// # Errors
/// `Digits` outside `1..=MAX_DIGITS`.
pub fn constants_table(digits: u64) -> Result<Vec<ConstantRow>, NormalizerError> {
    let mut rows = vec![];
    let points: [(&str, Rational); 7] = [
        ("2^-20", Rational::from((1, 1 << 20))),
        ("1/1000", Rational::from((1, 1000))),
        ("1/10", Rational::from((1, 10))),
        ("1/2", Rational::from((1, 2))),
        ("1", Rational::from(1)),
        ("2", Rational::from(2)),
        ("8", Rational::from(8)),
    ];
    for (name, a) in &points {
        rows.push(ConstantRow {
            quantity: "C(a)",
            argument: format!("a = {name}"),
            enclosure: normalizer_to_digits(a, digits)?,
        });
    }
    for (name, a) in &points {
        rows.push(ConstantRow {
            quantity: "m(a)",
            argument: format!("a = {name}"),
            enclosure: drift_constant_to_digits(a, digits)?,
        });
    }
    let one = Rational::from(1);
    for (name, n) in [
        ("1", 1u64),
        ("10", 10),
        ("10^3", 1000),
        ("10^6", 1_000_000),
        ("10^9", 1_000_000_000),
    ] {
        rows.push(ConstantRow {
            quantity: "κ_n (A_n = A/√n)",
            argument: format!("A = 1, n = {name}"),
            enclosure: drift_to_digits(&one, n, Scaling::Sqrt, digits)?,
        });
        rows.push(ConstantRow {
            quantity: "κ_n − 2A²/3 (√)",
            argument: format!("A = 1, n = {name}"),
            enclosure: drift_excess_to_digits(&one, n, Scaling::Sqrt, digits)?,
        });
    }
    for (name, n) in [("10", 10u64), ("10^3", 1000), ("10^6", 1_000_000)] {
        rows.push(ConstantRow {
            quantity: "κ_n (A_n = A/∛n)",
            argument: format!("A = 1, n = {name}"),
            enclosure: drift_to_digits(&one, n, Scaling::Cuberoot, digits)?,
        });
    }
    Ok(rows)
}

/// The constants table: each enclosure as two decimal strings of `digits` significant digits,
/// rounded outward (so the printed interval contains the exact value).
pub fn constants_text(rows: &[ConstantRow], digits: usize) -> String {
    let qw = rows
        .iter()
        .map(|r| r.quantity.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let aw = rows
        .iter()
        .map(|r| r.argument.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut out = String::new();
    for r in rows {
        let (lo, hi) = r.enclosure.to_decimal(digits);
        out.push_str(&format!(
            "{}{}[{lo}, {hi}]\n",
            pad(r.quantity, qw),
            pad(&r.argument, aw)
        ));
    }
    out
}
