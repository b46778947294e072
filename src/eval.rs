//! One number of the paper at any precision, with its rigorous enclosure (`verify eval`).

use crate::paper::density;
use crate::paper::normalizer::{
    drift_constant_to_digits, drift_excess_to_digits, drift_limit_mp, drift_to_digits,
    normalizer_to_digits, NormalizerError, Scaling, MAX_DIGITS,
};
use crate::rigorous::decimal::{parse_decimal, DecimalError};
use crate::rigorous::mpinterval::MpInterval;
use crate::rigorous::precision::DecimalEnclosure;
use rug::Rational;
use serde::Serialize;

/// The quantities `verify eval` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Quantity {
    /// C(a).
    Normalizer,
    /// m(a) = e^{−a}C(a)/(2a).
    DriftConstant,
    /// κ_n = n·m(A_n).
    Drift,
    /// f_a(x).
    Density,
    /// F(x) = P(V ≤ x), V ~ f_a.
    Cdf,
    /// E V^k, V ~ f_a.
    Moment,
    /// E‖Z^n_1 − Z_1‖² for L = g·z, exactly (the recursion of `paper::linear_exact`).
    LinearMse,
    /// Theorem 1's explicit bound on √E sup‖Z^n − Z‖² (`paper::explicit`), for n ≥ n₀.
    #[value(name = "thm1-bound")]
    Thm1Bound,
}

impl Quantity {
    /// Parses a quantity name.
    ///
    /// # Errors
    /// `EvalError::UnknownQuantity`.
    pub fn parse(s: &str) -> Result<Quantity, EvalError> {
        <Quantity as clap::ValueEnum>::from_str(s, false)
            .map_err(|_| EvalError::UnknownQuantity(s.to_string()))
    }
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Normalizer => "normalizer",
            Quantity::DriftConstant => "drift-constant",
            Quantity::Drift => "drift",
            Quantity::Density => "density",
            Quantity::Cdf => "cdf",
            Quantity::Moment => "moment",
            Quantity::LinearMse => "linear-mse",
            Quantity::Thm1Bound => "thm1-bound",
        }
    }
    pub fn formula(self) -> &'static str {
        match self {
            Quantity::Normalizer => "C(a) = ∫_{−a}^{a} (e^a − e^x)(e^a − e^{−x}) dx",
            Quantity::DriftConstant => "m(a) = e^{−a} C(a)/(2a)",
            Quantity::Drift => "κ_n = n·m(A_n), A_n = A/√n (sqrt) or A/∛n (cuberoot)",
            Quantity::Density => "f_a(x) = (cosh a − cosh x)/(a·m(a)) on [−a, a]",
            Quantity::Cdf => "F(x) = (cosh a·(x + a) − sinh x − sinh a)/(a·m(a))",
            Quantity::Moment => "E V^k, V ~ f_a",
            Quantity::LinearMse => "E‖Z^n_1 − Z_1‖² for L = g·z, A_n = A/√n (exact recursion)",
            Quantity::Thm1Bound => "√E sup‖Z^n − Z‖² ≤ e^{κλ}[ακ_nλ√dA_n(1 + 1/√3) + αG|κ_n − 2A²/3| + 2√(nA₀/(1 − B₀)) + κG/n], n ≥ n₀",
        }
    }
}

/// Why an evaluation was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum EvalError {
    UnknownQuantity(String),
    BadNumber(String, DecimalError),
    /// An option the quantity does not take (never silently ignored).
    NotApplicable(&'static str, &'static str),
    /// An option the quantity needs.
    Missing(&'static str, &'static str),
    /// Moment order above 6.
    KTooLarge(u32),
    /// linear-mse: g's length is not d, or the cost n·digits is over its bound.
    LinearMse(String),
    /// thm1-bound: n below n₀, or a parameter out of range.
    Thm1(String),
    Normalizer(NormalizerError),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::UnknownQuantity(q) => {
                let known: Vec<&str> = <Quantity as clap::ValueEnum>::value_variants()
                    .iter()
                    .map(|q| q.name())
                    .collect();
                write!(f, "unknown quantity '{q}' (known: {})", known.join(", "))
            }
            EvalError::BadNumber(opt, e) => write!(f, "{opt}: {e}"),
            EvalError::NotApplicable(opt, q) => write!(f, "{opt} does not apply to {q}"),
            EvalError::Missing(opt, q) => write!(f, "{q} needs {opt}"),
            EvalError::KTooLarge(k) => write!(f, "--k must be between 0 and 6, got {k}"),
            EvalError::Normalizer(e) => write!(f, "{e}"),
            EvalError::LinearMse(e) => write!(f, "{e}"),
            EvalError::Thm1(e) => write!(f, "{e}"),
        }
    }
}
impl std::error::Error for EvalError {}

impl From<NormalizerError> for EvalError {
    fn from(e: NormalizerError) -> Self {
        EvalError::Normalizer(e)
    }
}

/// What the user asked for: the quantity, and the numbers as typed (each read as the exact
/// decimal it names).
#[derive(Clone, Debug)]
pub struct EvalRequest {
    pub quantity: Quantity,
    pub a: String,
    pub n: Option<u64>,
    pub scaling: Option<Scaling>,
    pub x: Option<String>,
    pub k: Option<u32>,
    pub digits: u64,
    /// linear-mse: the dimension, g as a comma-separated list of exact decimals (default
    /// (1, …, 1)/√d), and α (default 1).
    pub d: Option<u64>,
    pub g: Option<String>,
    pub alpha: Option<String>,
    /// thm1-bound: the loss (its G and λ at the default parameters).
    pub loss: Option<crate::paper::loss::LossKind>,
}

/// linear-mse's digits (its series take O(digits) terms of exact rationals).
pub const LINEAR_MSE_MAX_DIGITS: u64 = 1000;

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

/// thm1-bound's parts: e^{κλ}·(bias + martingale + lag).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Thm1Parts {
    pub loss: &'static str,
    /// G = sup‖∇L‖ and λ as used (exact rationals).
    pub g: String,
    pub lambda: String,
    pub n0: u64,
    pub bias: ValueEnclosure,
    pub martingale: ValueEnclosure,
    pub lag: ValueEnclosure,
    pub gronwall: ValueEnclosure,
}

/// The answer of `verify eval`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Evaluation {
    /// The version of this JSON's shape.
    pub schema: u32,
    pub quantity: Quantity,
    pub formula: &'static str,
    /// The input as typed (the enclosure is rigorous for this exact decimal).
    pub a: String,
    pub digits: u64,
    pub value: String,
    /// `[lo, hi]`, rounded outward; relative width ≤ 10^{−digits}.
    pub enclosure: [String; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u64>,
    /// linear-mse: d, g as typed (or the default), α as typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub g: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<String>,
    /// linear-mse: the leading term α²A⁴‖g‖²(8d/9 − 4/45)/n.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leading: Option<ValueEnclosure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaling: Option<&'static str>,
    /// thm1-bound: the loss's constants, n₀ and the bound's parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Thm1Parts>,
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

/// Checks a request without computing anything: the numbers parse, the options apply to the
/// quantity and the ones it needs are there. Returns a and x as exact rationals.
///
/// # Errors
/// As [`evaluate`], but for the errors of the computation itself.
pub fn validate(req: &EvalRequest) -> Result<(Rational, Option<Rational>), EvalError> {
    let q = req.quantity;
    let a: Rational = parse_decimal(&req.a).map_err(|e| EvalError::BadNumber("--a".into(), e))?;
    if a <= 0 {
        return Err(NormalizerError::NonPositive(req.a.clone()).into());
    }
    if req.digits == 0 || req.digits > MAX_DIGITS {
        return Err(NormalizerError::Digits(req.digits).into());
    }
    let takes_n = matches!(
        q,
        Quantity::Drift | Quantity::LinearMse | Quantity::Thm1Bound
    );
    if q != Quantity::Thm1Bound && req.loss.is_some() {
        return Err(EvalError::NotApplicable("--loss", q.name()));
    }
    if !takes_n && req.n.is_some() {
        return Err(EvalError::NotApplicable("--n", q.name()));
    }
    if takes_n && req.n.is_none() {
        return Err(EvalError::Missing("--n", q.name()));
    }
    if q != Quantity::Drift && req.scaling.is_some() {
        return Err(EvalError::NotApplicable("--scaling", q.name()));
    }
    if q == Quantity::Thm1Bound {
        if req.g.is_some() {
            return Err(EvalError::NotApplicable("--g", q.name()));
        }
        if req.digits > THM1_MAX_DIGITS {
            return Err(EvalError::Thm1(format!(
                "--digits must be at most {THM1_MAX_DIGITS} for thm1-bound, got {}",
                req.digits
            )));
        }
        thm1_input(req, &a)?;
    } else if q != Quantity::LinearMse {
        for (opt, given) in [
            ("--d", req.d.is_some()),
            ("--g", req.g.is_some()),
            ("--alpha", req.alpha.is_some()),
        ] {
            if given {
                return Err(EvalError::NotApplicable(opt, q.name()));
            }
        }
    } else {
        let n = req.n.unwrap_or(1);
        if n > crate::paper::linear_exact::MAX_N {
            return Err(EvalError::LinearMse(format!(
                "--n must be at most 2^60 for linear-mse, got {n}"
            )));
        }
        if req.digits > LINEAR_MSE_MAX_DIGITS {
            return Err(EvalError::LinearMse(format!(
                "--digits must be at most {LINEAR_MSE_MAX_DIGITS} for linear-mse, got {}",
                req.digits
            )));
        }
        linear_input(req, &a)?;
    }
    if !matches!(q, Quantity::Density | Quantity::Cdf) && req.x.is_some() {
        return Err(EvalError::NotApplicable("--x", q.name()));
    }
    if q != Quantity::Moment && req.k.is_some() {
        return Err(EvalError::NotApplicable("--k", q.name()));
    }
    if req.k.is_some_and(|k| k > 6) {
        return Err(EvalError::KTooLarge(req.k.unwrap_or_default()));
    }
    let x: Option<Rational> = match (&req.x, q) {
        (Some(s), _) => Some(parse_decimal(s).map_err(|e| EvalError::BadNumber("--x".into(), e))?),
        (None, Quantity::Density | Quantity::Cdf) => {
            return Err(EvalError::Missing("--x", q.name()))
        }
        (None, _) => None,
    };
    Ok((a, x))
}

/// thm1-bound's digits (the bound is enclosed at 128 bits).
pub const THM1_MAX_DIGITS: u64 = 30;

/// (G, λ) of a test loss at its default parameters (`LossParams::default()`): linear ‖g‖ = 1,
/// λ = 0; separable log-cosh w = 1: G = √d (as a rational upper bound), λ = 1; ridge G = λ = 1.
fn loss_constants(
    kind: crate::paper::loss::LossKind,
    d: u64,
) -> Result<(Rational, Rational), EvalError> {
    use crate::paper::loss::LossKind;
    match kind {
        LossKind::Linear => Ok((Rational::from(1), Rational::from(0))),
        LossKind::Ridge => Ok((Rational::from(1), Rational::from(1))),
        LossKind::LogCosh => {
            // ⌈√d·2^20⌉/2^20 ≥ √d
            let r = rug::Integer::from(d) << 40u32;
            let s = r.sqrt() + 1u32;
            Ok((
                Rational::from((s, rug::Integer::from(1) << 20u32)),
                Rational::from(1),
            ))
        }
        LossKind::Quadratic => Err(EvalError::Thm1(
            "the quadratic loss breaks (3.6) (∇L is unbounded): Theorem 1 gives no bound".into(),
        )),
    }
}

/// The explicit bound's input from `--loss`, `--d`, `--n`, `--alpha` and A = `--a`.
fn thm1_input(
    req: &EvalRequest,
    a: &Rational,
) -> Result<crate::paper::explicit::Thm1Input, EvalError> {
    let q = req.quantity.name();
    let kind = req.loss.ok_or(EvalError::Missing("--loss", q))?;
    let d = req.d.ok_or(EvalError::Missing("--d", q))?;
    let n = req.n.ok_or(EvalError::Missing("--n", q))?;
    if d == 0 {
        return Err(EvalError::Thm1("--d must be at least 1".into()));
    }
    if n > 1u64 << 60 {
        return Err(EvalError::Thm1(format!(
            "--n must be at most 2^60 for thm1-bound, got {n}"
        )));
    }
    let alpha = match &req.alpha {
        Some(s) => parse_decimal(s).map_err(|e| EvalError::BadNumber("--alpha".into(), e))?,
        None => Rational::from(1),
    };
    if alpha <= 0 {
        return Err(EvalError::Thm1("--alpha must be positive".into()));
    }
    let (g, lambda) = loss_constants(kind, d)?;
    Ok(crate::paper::explicit::Thm1Input {
        d,
        n,
        alpha,
        big_a: a.clone(),
        g,
        lambda,
    })
}

/// The recursion's input from `--d`, `--g`, `--alpha` and A = `--a`, n = `--n`.
fn linear_input(
    req: &EvalRequest,
    a: &Rational,
) -> Result<crate::paper::linear_exact::LinearMseInput, EvalError> {
    use crate::paper::linear_exact::LinearMseInput;
    let q = req.quantity.name();
    let d = req.d.ok_or(EvalError::Missing("--d", q))?;
    if d == 0 {
        return Err(EvalError::LinearMse("--d must be at least 1".into()));
    }
    let alpha = match &req.alpha {
        Some(s) => parse_decimal(s).map_err(|e| EvalError::BadNumber("--alpha".into(), e))?,
        None => Rational::from(1),
    };
    if alpha <= 0 {
        return Err(EvalError::LinearMse(format!(
            "--alpha must be positive, got {}",
            req.alpha.as_deref().unwrap_or("1")
        )));
    }
    let n = req.n.ok_or(EvalError::Missing("--n", q))?;
    match &req.g {
        None => Ok(LinearMseInput::uniform(
            d,
            Rational::from(1),
            alpha,
            a.clone(),
            n,
        )),
        Some(list) => {
            let g = list
                .split(',')
                .map(|x| parse_decimal(x.trim()).map_err(|e| EvalError::BadNumber("--g".into(), e)))
                .collect::<Result<Vec<Rational>, EvalError>>()?;
            if g.len() as u64 != d {
                return Err(EvalError::LinearMse(format!(
                    "--g has {} coordinates, but --d is {d}",
                    g.len()
                )));
            }
            Ok(LinearMseInput::from_g(&g, alpha, a.clone(), n))
        }
    }
}

/// Evaluates a request.
///
/// # Errors
/// Unknown quantity or scaling, a malformed or non-finite number, a ≤ 0, n = 0, digits outside
/// `1..=MAX_DIGITS`, or an option the quantity does not take.
///
/// # Examples
/// ```
/// use bnn_sgd_verify::eval::{evaluate, EvalRequest, Quantity};
/// // C(1/2) = 3 − e to 30 digits, with an outward-rounded enclosure of the exact decimal 0.5
/// let ev = evaluate(&EvalRequest {
///     quantity: Quantity::Normalizer,
///     a: "0.5".into(),
///     n: None,
///     scaling: None,
///     x: None,
///     k: None,
///     digits: 30,
///     d: None,
///     g: None,
///     alpha: None,
///     loss: None,
/// })
/// .unwrap();
/// assert!(ev.value.starts_with("2.81718171540954764639712528647"));
/// let [lo, hi] = ev.enclosure.clone().map(|e| e.parse::<f64>().unwrap());
/// let c = 3.0 - std::f64::consts::E;
/// assert!(lo <= c * (1.0 + 1e-15) && c * (1.0 - 1e-15) <= hi);
/// ```
pub fn evaluate(req: &EvalRequest) -> Result<Evaluation, EvalError> {
    let (a, x) = validate(req)?;
    let q = req.quantity;
    let d = req.digits;
    let mut out = Evaluation {
        schema: crate::report::files::SCHEMA,
        quantity: q,
        formula: q.formula(),
        a: req.a.clone(),
        digits: d,
        x: req.x.clone(),
        k: None,
        value: String::new(),
        enclosure: [String::new(), String::new()],
        n: None,
        scaling: None,
        limit: None,
        excess: None,
        d: None,
        g: None,
        alpha: None,
        leading: None,
        parts: None,
    };
    // an exact value (0 or 1) needs no enclosure loop
    let exact = |v: &str, mut out: Evaluation| {
        out.value = v.to_string();
        out.enclosure = [v.to_string(), v.to_string()];
        Ok(out)
    };
    let x = match q {
        Quantity::Density => match density::pdf_to_digits(&a, x.as_ref().expect("checked"), d)? {
            Some(v) => v,
            None => return exact("0", out),
        },
        Quantity::Cdf => match density::cdf_to_digits(&a, x.as_ref().expect("checked"), d)? {
            Ok(v) => v,
            Err(e) => return exact(if e == 0 { "0" } else { "1" }, out),
        },
        Quantity::Moment => {
            let k = req.k.unwrap_or(2);
            out.k = Some(k);
            if k > 6 {
                return Err(EvalError::KTooLarge(k));
            }
            if k == 0 {
                return exact("1", out);
            }
            match density::moment_to_digits(&a, k, d)? {
                Some(v) => v,
                None => return exact("0", out),
            }
        }
        Quantity::LinearMse => {
            use crate::paper::linear_exact::{leading_term, linear_mse, Recursion};
            let input = linear_input(req, &a)?;
            out.n = Some(input.n);
            out.d = Some(input.d);
            out.g = Some(req.g.clone().unwrap_or_else(|| "(1, …, 1)/√d".into()));
            out.alpha = Some(req.alpha.clone().unwrap_or_else(|| "1".into()));
            // errors do not depend on the precision: surface them once at 64 bits
            linear_mse(&input, 64, Recursion::Exact).map_err(EvalError::LinearMse)?;
            let prec = crate::rigorous::precision::digits_to_bits(d + 4) + 64;
            let leading = MpInterval::from_rational(prec, &leading_term(&input));
            out.leading = Some(DecimalEnclosure::from_interval(&leading, d).into());
            // guard bits for the n steps' roundings
            let guard = 2 * (64 - input.n.leading_zeros());
            crate::rigorous::precision::enclose_to_digits(d, guard, &|p| {
                linear_mse(&input, p, Recursion::Exact)
                    .expect("the recursion's errors do not depend on the precision")
                    .mse
            })
            .map_err(|e| EvalError::LinearMse(e.to_string()))?
        }
        Quantity::Thm1Bound => {
            let input = thm1_input(req, &a)?;
            out.n = Some(input.n);
            out.d = Some(input.d);
            out.alpha = Some(req.alpha.clone().unwrap_or_else(|| "1".into()));
            let b = crate::paper::explicit::thm1_bound(&input)
                .map_err(|e| EvalError::Thm1(e.to_string()))?;
            let n0 = crate::paper::explicit::thm1_n0(&input)
                .map_err(|e| EvalError::Thm1(e.to_string()))?;
            let part =
                |v: &MpInterval| -> ValueEnclosure { DecimalEnclosure::from_interval(v, d).into() };
            out.parts = Some(Thm1Parts {
                loss: req.loss.map(|l| l.name()).unwrap_or(""),
                g: input.g.to_string(),
                lambda: input.lambda.to_string(),
                n0,
                bias: part(&b.bias),
                martingale: part(&b.martingale),
                lag: part(&b.lag),
                gronwall: part(&b.gronwall),
            });
            b.total
        }
        Quantity::Normalizer => normalizer_to_digits(&a, d)?,
        Quantity::DriftConstant => drift_constant_to_digits(&a, d)?,
        Quantity::Drift => {
            let n = req.n.ok_or(EvalError::Missing("--n", q.name()))?;
            let scaling = req.scaling.unwrap_or(Scaling::Sqrt);
            let k = drift_to_digits(&a, n, scaling, d)?;
            let e = drift_excess_to_digits(&a, n, scaling, d)?;
            let prec = crate::rigorous::precision::digits_to_bits(d + 4) + 64;
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
