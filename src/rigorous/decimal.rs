//! Exact decimal input: a string such as `0.1`, `-2.5e-3` or `7` becomes the exact rational it
//! names, so that enclosures are rigorous for the number the user typed, not for its nearest
//! binary float.

use rug::{Integer, Rational};

/// Why a decimal string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecimalError {
    Empty,
    NotFinite(String),
    Malformed(String),
    ExponentTooLarge(String),
}

impl std::fmt::Display for DecimalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecimalError::Empty => write!(f, "empty number"),
            DecimalError::NotFinite(s) => write!(f, "'{s}' is not a finite number"),
            DecimalError::Malformed(s) => write!(f, "'{s}' is not a decimal number"),
            DecimalError::ExponentTooLarge(s) => {
                write!(f, "'{s}': exponent beyond ±100000 is not supported")
            }
        }
    }
}
impl std::error::Error for DecimalError {}

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` exactly.
///
/// # Errors
/// `NotFinite` for nan/inf spellings, `Malformed` for anything else that is not of that form,
/// `ExponentTooLarge` when |exponent| > 100000.
pub fn parse_decimal(s: &str) -> Result<Rational, DecimalError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(DecimalError::Empty);
    }
    let lower = t.to_ascii_lowercase();
    let bare = lower.trim_start_matches(['+', '-']);
    if bare.starts_with("nan") || bare.starts_with("inf") {
        return Err(DecimalError::NotFinite(t.to_string()));
    }
    let (neg, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty())
        || !digits_ok(int_part)
        || !digits_ok(frac_part)
    {
        return Err(DecimalError::Malformed(t.to_string()));
    }
    let mut e10: i64 = match exp {
        None => 0,
        Some(e) => {
            let ed = e.trim_start_matches(['+', '-']);
            if ed.is_empty() || !digits_ok(ed) || e.len() - ed.len() > 1 {
                return Err(DecimalError::Malformed(t.to_string()));
            }
            if ed.len() > 6 {
                return Err(DecimalError::ExponentTooLarge(t.to_string()));
            }
            e.parse::<i64>()
                .map_err(|_| DecimalError::Malformed(t.to_string()))?
        }
    };
    if e10.abs() > 100_000 {
        return Err(DecimalError::ExponentTooLarge(t.to_string()));
    }
    let all = format!("{int_part}{frac_part}");
    let n = Integer::from_str_radix(if all.is_empty() { "0" } else { &all }, 10)
        .map_err(|_| DecimalError::Malformed(t.to_string()))?;
    e10 -= frac_part.len() as i64;
    let pow = Integer::from(Integer::u_pow_u(10, e10.unsigned_abs() as u32));
    let mut q = if e10 >= 0 {
        Rational::from(n * pow)
    } else {
        Rational::from((n, pow))
    };
    if neg {
        q = -q;
    }
    Ok(q)
}

/// `count` points, geometric from 2^lo_exp to 2^hi_exp, each rounded (correctly, by MPFR) to 53
/// bits and taken as the exact dyadic rational it is: the same points on every machine.
pub fn geometric_points(count: usize, lo_exp: i32, hi_exp: i32) -> Vec<Rational> {
    (0..count)
        .map(|i| {
            let e = Rational::from(lo_exp)
                + Rational::from(((hi_exp - lo_exp) as i64 * i as i64, (count - 1) as i64));
            let x = rug::Float::with_val(256, &e).exp2();
            let x = rug::Float::with_val(53, &x);
            x.to_rational().expect("finite")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_values() {
        assert_eq!(parse_decimal("0.1").unwrap(), Rational::from((1, 10)));
        assert_eq!(parse_decimal("-2.5e-3").unwrap(), Rational::from((-1, 400)));
        assert_eq!(parse_decimal("7").unwrap(), Rational::from(7));
        assert_eq!(parse_decimal("1E3").unwrap(), Rational::from(1000));
        assert_eq!(parse_decimal(".5").unwrap(), Rational::from((1, 2)));
    }

    #[test]
    fn refusals() {
        for bad in [
            "", "nan", "-inf", "Infinity", "1.2.3", "e5", "1e", "0x10", "1e+-3", "--1",
        ] {
            assert!(parse_decimal(bad).is_err(), "accepted {bad:?}");
        }
        assert!(matches!(
            parse_decimal("1e1000000"),
            Err(DecimalError::ExponentTooLarge(_))
        ));
    }
}
