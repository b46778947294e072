//! One number of the paper at any precision, with its rigorous enclosure (`verify eval`).

use crate::paper::normalizer::{
    drift_constant_to_digits, drift_excess_to_digits, drift_limit_mp, drift_to_digits,
    normalizer_to_digits, DecimalEnclosure, NormalizerError, Scaling, MAX_DIGITS,
};
use crate::rigorous::decimal::{parse_decimal, DecimalError};
use crate::rigorous::mpinterval::MpInterval;
use rug::Rational;
use serde::Serialize;

/// The quantities `verify eval` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quantity {
    /// C(a).
    Normalizer,
    /// m(a) = e^{−a}C(a)/(2a).
    DriftConstant,
    /// κ_n = n·m(A_n).
    Drift,
}

impl Quantity {
    pub const NAMES: [&'static str; 3] = ["normalizer", "drift-constant", "drift"];

    /// Parses a quantity name.
    ///
    /// # Errors
    /// `EvalError::UnknownQuantity`.
    pub fn parse(s: &str) -> Result<Quantity, EvalError> {
        match s {
            "normalizer" => Ok(Quantity::Normalizer),
            "drift-constant" => Ok(Quantity::DriftConstant),
            "drift" => Ok(Quantity::Drift),
            _ => Err(EvalError::UnknownQuantity(s.to_string())),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Normalizer => "normalizer",
            Quantity::DriftConstant => "drift-constant",
            Quantity::Drift => "drift",
        }
    }
    pub fn formula(self) -> &'static str {
        match self {
            Quantity::Normalizer => "C(a) = ∫_{−a}^{a} (e^a − e^x)(e^a − e^{−x}) dx",
            Quantity::DriftConstant => "m(a) = e^{−a} C(a)/(2a)",
            Quantity::Drift => "κ_n = n·m(A_n), A_n = A/√n (sqrt) or A/∛n (cuberoot)",
        }
    }
}

/// Why an evaluation was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum EvalError {
    UnknownQuantity(String),
    BadNumber(String, DecimalError),
    UnknownScaling(String),
    /// An option the quantity does not take (never silently ignored).
    NotApplicable(&'static str, &'static str),
    Normalizer(NormalizerError),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::UnknownQuantity(q) => write!(
                f,
                "unknown quantity '{q}' (known: {})",
                Quantity::NAMES.join(", ")
            ),
            EvalError::BadNumber(opt, e) => write!(f, "{opt}: {e}"),
            EvalError::UnknownScaling(s) => {
                write!(f, "unknown scaling '{s}' (known: sqrt, cuberoot)")
            }
            EvalError::NotApplicable(opt, q) => write!(f, "{opt} does not apply to {q}"),
            EvalError::Normalizer(e) => write!(f, "{e}"),
        }
    }
}
impl std::error::Error for EvalError {}

impl From<NormalizerError> for EvalError {
    fn from(e: NormalizerError) -> Self {
        EvalError::Normalizer(e)
    }
}

/// What the user asked for, as typed.
#[derive(Clone, Debug)]
pub struct EvalRequest {
    pub quantity: String,
    pub a: String,
    pub n: Option<u64>,
    pub scaling: Option<String>,
    pub digits: u64,
}

/// A value with its enclosure, as decimal strings.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ValueEnclosure {
    pub value: String,
    pub enclosure: [String; 2],
}

impl From<DecimalEnclosure> for ValueEnclosure {
    fn from(d: DecimalEnclosure) -> Self {
        ValueEnclosure {
            value: d.value,
            enclosure: [d.lo, d.hi],
        }
    }
}

/// The answer of `verify eval`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Evaluation {
    pub quantity: Quantity,
    pub formula: &'static str,
    /// The input as typed (the enclosure is rigorous for this exact decimal).
    pub a: String,
    pub digits: u64,
    pub value: String,
    /// `[lo, hi]`, rounded outward; relative width ≤ 10^{−digits}.
    pub enclosure: [String; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaling: Option<&'static str>,
    /// 2A²/3, the coefficient of (3.5), which κ_n approaches under the √-scaling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<ValueEnclosure>,
    /// κ_n − 2A²/3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excess: Option<ValueEnclosure>,
}

impl Evaluation {
    pub fn quantity_name(&self) -> &'static str {
        self.quantity.name()
    }
}

/// Evaluates a request.
///
/// # Errors
/// Unknown quantity or scaling, a malformed or non-finite number, a ≤ 0, n = 0, digits outside
/// `1..=MAX_DIGITS`, or an option the quantity does not take.
pub fn evaluate(req: &EvalRequest) -> Result<Evaluation, EvalError> {
    let q = Quantity::parse(&req.quantity)?;
    let a: Rational = parse_decimal(&req.a).map_err(|e| EvalError::BadNumber("--a".into(), e))?;
    if req.digits == 0 || req.digits > MAX_DIGITS {
        return Err(NormalizerError::Digits(req.digits).into());
    }
    if q != Quantity::Drift {
        if req.n.is_some() {
            return Err(EvalError::NotApplicable("--n", q.name()));
        }
        if req.scaling.is_some() {
            return Err(EvalError::NotApplicable("--scaling", q.name()));
        }
    }
    let d = req.digits;
    let mut out = Evaluation {
        quantity: q,
        formula: q.formula(),
        a: req.a.clone(),
        digits: d,
        value: String::new(),
        enclosure: [String::new(), String::new()],
        n: None,
        scaling: None,
        limit: None,
        excess: None,
    };
    let x = match q {
        Quantity::Normalizer => normalizer_to_digits(&a, d)?,
        Quantity::DriftConstant => drift_constant_to_digits(&a, d)?,
        Quantity::Drift => {
            let n = req.n.unwrap_or(1);
            let scaling = match req.scaling.as_deref() {
                None => Scaling::Sqrt,
                Some(s) => Scaling::parse(s).ok_or_else(|| EvalError::UnknownScaling(s.into()))?,
            };
            let k = drift_to_digits(&a, n, scaling, d)?;
            let e = drift_excess_to_digits(&a, n, scaling, d)?;
            let prec = crate::paper::normalizer::digits_to_bits(d + 4) + 64;
            let lim = drift_limit_mp(&MpInterval::from_rational(prec, &a));
            out.n = Some(n);
            out.scaling = Some(scaling.name());
            out.limit = Some(DecimalEnclosure::from_interval(&lim, d).into());
            out.excess = Some(DecimalEnclosure::from_interval(&e, d).into());
            k
        }
    };
    let de = DecimalEnclosure::from_interval(&x, d);
    out.value = de.value;
    out.enclosure = [de.lo, de.hi];
    Ok(out)
}
