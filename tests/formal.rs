//! The formal layer, kernel-checked: `formal/*.v` compiled by `coqc` (Coq's kernel, with
//! Coquelicot and Interval), every theorem the registry names present and free of `Admitted`,
//! its assumptions printed and restricted to the standard library's, and its statement tied to
//! the Rust prover's statements and to one hand-written specification of the paper's constants.
//!
//! `coqc` missing is a failure, not a skip: `scripts/prereqs --test` installs it.

mod common;

use bnn_sgd_verify::claims::formal::{CoqTheorem, Side};
use bnn_sgd_verify::claims::registry;
use bnn_sgd_verify::rigorous::prover::Statement;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FORMAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/formal");
/// Each file's own limit, and the whole layer's budget (2 cores).
const FILE_TIMEOUT: Duration = Duration::from_secs(150);
const BUDGET: Duration = Duration::from_secs(180);

// ---------------------------------------------------------------------------------------------
// The specification: the paper's constants and formulas, written once, by hand, apart from both
// the Rust registry and the Coq files. A bound mistyped on one side, even if still true, fails.

/// A rational p/q.
type Rat = (i64, i64);

/// A bound of a range statement as the paper (claims.md) gives it, on the prover's domain.
struct BoundSpec {
    statement: &'static str,
    side: Side,
    bound: Rat,
    /// The Rust prover's domain, one interval per variable.
    domain: &'static [(Rat, Rat)],
    coq: &'static str,
}

const TWO_M20: Rat = (1, 1 << 20);
const TWO_M10: Rat = (1, 1 << 10);
const TWO_M6: Rat = (1, 1 << 6);

static BOUNDS: [BoundSpec; 6] = [
    // C(a)/a³ > 1 on [2^−20, 8]
    BoundSpec {
        statement: "c-positive",
        side: Side::Lower,
        bound: (1, 1),
        domain: &[(TWO_M20, (8, 1))],
        coq: "c_positive",
    },
    // 2/3 < R(a)/a³ < 4/3 on [2^−20, 1 − 2^−10]
    BoundSpec {
        statement: "c-taylor-remainder",
        side: Side::Lower,
        bound: (2, 3),
        domain: &[(TWO_M20, (1023, 1024))],
        coq: "c_taylor_lower",
    },
    BoundSpec {
        statement: "c-taylor-remainder",
        side: Side::Upper,
        bound: (4, 3),
        domain: &[(TWO_M20, (1023, 1024))],
        coq: "c_taylor_upper",
    },
    // 1/15 < P₂(s), (1 − s/28)P₂(s) < 1/15 on s ∈ [2^−6, 25]
    BoundSpec {
        statement: "drift-lower",
        side: Side::Lower,
        bound: (1, 15),
        domain: &[(TWO_M6, (25, 1))],
        coq: "drift_lower",
    },
    BoundSpec {
        statement: "drift-upper",
        side: Side::Upper,
        bound: (1, 15),
        domain: &[(TWO_M6, (25, 1))],
        coq: "drift_upper",
    },
    // a³f_a(at)/(a²(1 − t²)) > 1/2 on [2^−10, 8] × [−1, 1]
    BoundSpec {
        statement: "density-lower-bound",
        side: Side::Lower,
        bound: (1, 2),
        domain: &[(TWO_M10, (8, 1)), ((-1, 1), (1, 1))],
        coq: "density_lower_bound",
    },
];

/// The damping of the drift bracket's upper bound: (1 − s/28)·P₂(s).
const DRIFT_DAMPING: i64 = 28;

/// The Coq definitions, as the paper writes them.
static DEFINITIONS: [(&str, &str); 6] = [
    ("C", "2 * a * (exp (2 * a) + 1) + 2 - 2 * exp (2 * a)"),
    ("m", "2 * cosh a - 2 * sinh a / a"),
    ("phi", "exp (- u) - exp u"),
    ("f", "(exp a - exp x) * (exp a - exp (- x)) / C a"),
    (
        "taylor_remainder_over_a3",
        "(C a / (2 * a) - 2 / 3 * a ^ 2) / a ^ 3",
    ),
    ("P2", "(m (sqrt s) - 2 * s / 3) / s ^ 2"),
];

/// Every theorem the registry names, with its statement as the specification reads it.
static STATEMENTS: [(&str, &str); 23] = [
    ("c_closed_form_integral", "forall a : R, RInt (fun x => (exp a - exp x) * (exp a - exp (- x))) (- a) a = C a"),
    ("c_closed_form_hyperbolic", "forall a : R, C a = 4 * exp a * (a * cosh a - sinh a)"),
    ("c_positive", "forall a : R, 0 < a -> 1 < C a / a ^ 3"),
    ("c_taylor_lower", "forall a : R, 0 < a -> 2 / 3 < taylor_remainder_over_a3 a"),
    ("c_taylor_upper", "forall a : R, 0 < a < 1 -> taylor_remainder_over_a3 a < 4 / 3"),
    ("c_taylor_at_one", "taylor_remainder_over_a3 1 = 4 / 3"),
    ("m_series_identity", "forall a : R, a <> 0 -> exp (- a) * C a / (2 * a) = m a"),
    ("m_series_coefficients", "forall a : R, a <> 0 -> is_pseries (fun n => (1 + (-1) ^ n) * INR n / INR (fact (S n))) a (m a)"),
    ("m_series_lower", "forall a : R, 0 < a -> 2 / 3 * a ^ 2 < m a"),
    ("drift_lower", "forall s : R, 0 < s -> 1 / 15 < P2 s"),
    ("drift_upper", "forall s : R, 0 < s <= 25 -> (1 - s / 28) * P2 s < 1 / 15"),
    ("drift_limit_lower_kappa", "forall A n : R, 0 < A -> 0 < n -> A ^ 4 / (15 * n) < n * m (A / sqrt n) - 2 / 3 * A ^ 2"),
    ("density_lower_bound", "forall a t : R, 0 < a -> -1 < t < 1 -> 1 / 2 < a ^ 3 * f a (a * t) / (a ^ 2 * (1 - t ^ 2))"),
    ("density_nonneg", "forall a x : R, 0 < a -> - a <= x <= a -> 0 <= f a x"),
    ("density_normalised", "forall a : R, 0 < a -> RInt (f a) (- a) a = 1"),
    ("phi_mean_zero", "forall a : R, RInt phi (- a) a = 0"),
    ("ibp_identity", "forall (a : R) (h dh : R -> R), 0 < a -> (forall u, is_derive h u (dh u)) -> (forall u, continuous dh u) -> RInt (fun u => h u * phi u) (- a) a / (2 * a) = - m a * RInt (fun v => dh v * f a v) (- a) a"),
    ("gronwall_inequality", "forall (eps : R -> R) (gamma K T M : R), 0 <= gamma -> 0 <= K -> ex_RInt eps 0 T -> (forall t, 0 <= t <= T -> eps t <= M) -> (forall t, 0 <= t <= T -> eps t <= gamma + K * RInt eps 0 t) -> forall t, 0 <= t <= T -> eps t <= gamma * exp (K * t)"),
    ("lemma2_corrected", "forall (x : nat -> R) (a b : R), 0 <= b -> b <> 1 -> (forall k, x (S k) <= a + b * x k) -> forall n, x n <= x 0%nat * b ^ n + a * (1 - b ^ n) / (1 - b)"),
    ("mean_value_bound", "forall (f f' : R -> R) (K t s : R), (forall c, Rmin t s <= c <= Rmax t s -> derivable_pt_lim f c (f' c)) -> (forall c, Rmin t s <= c <= Rmax t s -> Rabs (f' c) <= K) -> Rabs (f s - f t) <= K * Rabs (s - t)"),
    ("delta_order", "forall (f f' : R -> R) (K t : R) (n : nat), (0 < n)%nat -> 0 <= t -> (forall c, derivable_pt_lim f c (f' c)) -> (forall c, Rabs (f' c) <= K) -> Rabs (f (IZR (Int_part (t * INR n)) / INR n) - f t) <= K / INR n"),
    ("lemma2_b_one", "forall (x : nat -> R) (a : R), (forall k, x (S k) <= a + x k) -> forall n, x n <= x 0%nat + INR n * a"),
    ("lemma2_fails_for_negative_b", "exists (x : nat -> R) (a b : R), b < 0 /\\ (forall k, x (S k) <= a + b * x k) /\\ x 0%nat * b ^ 2 + a * (1 - b ^ 2) / (1 - b) < x 2%nat"),
];

/// The axioms a theorem may rest on: the standard library's classical reals
/// (`ClassicalDedekindReals`), the classical logic and functional extensionality that the reals
/// and Coquelicot use, and the kernel's primitive 63-bit integers and binary64 floats with their
/// specifications (`PrimInt63`, `Uint63`, `PrimFloat`, `FloatAxioms`), on which Interval's
/// verified computations run. Anything else fails.
fn axiom_allowed(name: &str) -> bool {
    matches!(
        name,
        "ClassicalDedekindReals.sig_not_dec"
            | "ClassicalDedekindReals.sig_forall_dec"
            | "Classical_Prop.classic"
            | "FunctionalExtensionality.functional_extensionality_dep"
    ) || ["PrimInt63.", "Uint63.", "PrimFloat.", "FloatAxioms."]
        .iter()
        .any(|p| name.starts_with(p))
}

// ---------------------------------------------------------------------------------------------
// Reading the Coq sources

fn sources() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(FORMAL).expect("formal/ exists") {
        let p = e.expect("readable").path();
        if p.extension().is_some_and(|x| x == "v") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            out.insert(name, std::fs::read_to_string(&p).expect("readable .v"));
        }
    }
    out
}

/// The source without its comments `(* … *)` (nested).
fn strip_comments(src: &str) -> String {
    let b = src.as_bytes();
    let (mut out, mut depth, mut i) = (String::new(), 0usize, 0usize);
    while i < b.len() {
        if b[i..].starts_with(b"(*") {
            depth += 1;
            i += 2;
        } else if depth > 0 && b[i..].starts_with(b"*)") {
            depth -= 1;
            i += 2;
        } else {
            if depth == 0 {
                out.push(b[i] as char);
            }
            i += 1;
        }
    }
    // the sources are UTF-8 only inside comments, which are gone
    out
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The statement of `Theorem name : … .` (or `Definition name args := … .`), whitespace
/// normalised; `None` if absent.
fn item(src: &str, keyword: &str, name: &str) -> Option<String> {
    let code = strip_comments(src);
    let head = format!("{keyword} {name} ");
    let start = code.find(&head)? + head.len();
    let rest = &code[start..];
    // the statement ends at the first "." followed by whitespace
    let end = rest
        .char_indices()
        .find(|&(i, c)| c == '.' && rest[i + 1..].starts_with(char::is_whitespace))?
        .0;
    let body = &rest[..end];
    let body = match keyword {
        "Theorem" => body.trim_start().strip_prefix(':')?,
        _ => &body[body.find(":=")? + 2..],
    };
    Some(normalize(body))
}

fn theorem(sources: &BTreeMap<String, String>, t: &CoqTheorem) -> Option<String> {
    item(sources.get(t.file)?, "Theorem", t.theorem)
}

/// The theorems the registry names, each once.
fn registry_theorems() -> Vec<CoqTheorem> {
    let mut seen = std::collections::BTreeSet::new();
    registry()
        .iter()
        .flat_map(|c| c.coq.iter().copied())
        .filter(|t| seen.insert(t.qualified()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Parsing a range theorem: `forall v… : R, LO (<|<=) v [(<|<=) HI] -> … -> concl`

fn parse_rat(s: &str) -> Option<Rat> {
    let s = s.trim();
    match s.split_once(" / ") {
        Some((p, q)) => Some((p.trim().parse().ok()?, q.trim().parse().ok()?)),
        None => Some((s.parse().ok()?, 1)),
    }
}

fn rat_eq(a: Rat, b: Rat) -> bool {
    a.0 as i128 * b.1 as i128 == b.0 as i128 * a.1 as i128
}
fn rat_le(a: Rat, b: Rat) -> bool {
    // denominators positive
    a.0 as i128 * b.1 as i128 <= b.0 as i128 * a.1 as i128
}

/// A parsed range theorem: each variable's closed domain (None = unbounded), and the bound.
#[derive(Debug)]
struct RangeTheorem {
    domain: Vec<(String, Option<Rat>, Option<Rat>)>,
    side: Side,
    bound: Rat,
    conclusion: String,
}

fn parse_range_theorem(statement: &str) -> Result<RangeTheorem, String> {
    let rest = statement
        .strip_prefix("forall ")
        .ok_or("not a forall statement")?;
    let (vars, rest) = rest.split_once(" : R, ").ok_or("variables not of type R")?;
    let vars: Vec<String> = vars.split(' ').map(String::from).collect();
    let parts: Vec<&str> = rest.split(" -> ").collect();
    let (concl, hyps) = parts.split_last().ok_or("no conclusion")?;
    let mut domain: Vec<(String, Option<Rat>, Option<Rat>)> =
        vars.iter().map(|v| (v.clone(), None, None)).collect();
    for h in hyps {
        let toks: Vec<&str> = h.split(' ').collect();
        // LO op v [op HI], where LO, HI are `p` or `p / q`
        let op_at = toks
            .iter()
            .position(|t| *t == "<" || *t == "<=")
            .ok_or(format!("hypothesis `{h}` is not a range"))?;
        let lo = parse_rat(&toks[..op_at].join(" ")).ok_or(format!("`{h}`: lower end"))?;
        let v = toks.get(op_at + 1).ok_or(format!("`{h}`: variable"))?;
        let hi = match toks.get(op_at + 2) {
            Some(&"<") | Some(&"<=") => {
                Some(parse_rat(&toks[op_at + 3..].join(" ")).ok_or(format!("`{h}`: upper end"))?)
            }
            None => None,
            Some(_) => return Err(format!("`{h}` is not a range")),
        };
        let slot = domain
            .iter_mut()
            .find(|d| d.0 == *v)
            .ok_or(format!("`{h}`: unknown variable {v}"))?;
        *slot = (v.to_string(), Some(lo), hi);
    }
    // LB < expr, or expr < UB
    if let Some((lhs, rhs)) = concl.split_once(" < ") {
        if let Some(b) = parse_rat(lhs) {
            return Ok(RangeTheorem {
                domain,
                side: Side::Lower,
                bound: b,
                conclusion: rhs.to_string(),
            });
        }
    }
    if let Some((lhs, rhs)) = concl.rsplit_once(" < ") {
        if let Some(b) = parse_rat(rhs) {
            return Ok(RangeTheorem {
                domain,
                side: Side::Upper,
                bound: b,
                conclusion: lhs.to_string(),
            });
        }
    }
    Err(format!("conclusion `{concl}` is not `B < f` or `f < B`"))
}

fn rust_statement(id: &str) -> Option<&'static Statement> {
    registry()
        .iter()
        .flat_map(|c| c.range_statements.iter())
        .find(|s| s.id == id)
}

fn f64_rat_eq(x: f64, r: Rat) -> bool {
    // the Rust statements' constants are dyadic or k/3, k/15: compare exactly through rounding
    x == r.0 as f64 / r.1 as f64
}

/// The specification against the Rust registry and the Coq sources; every disagreement listed.
fn check_agreement(
    sources: &BTreeMap<String, String>,
    rust: &dyn Fn(&str) -> Option<Statement>,
    damping_rust: f64,
) -> Result<(), Vec<String>> {
    let mut errors = vec![];
    // 1. every Rust range statement has its bounds in the specification, and they agree
    let all_rust: Vec<&Statement> = registry()
        .iter()
        .flat_map(|c| c.range_statements.iter())
        .collect();
    for st in &all_rust {
        let st = rust(st.id).expect("present");
        for (side, value) in [(Side::Lower, st.lower), (Side::Upper, st.upper)] {
            let Some(value) = value else { continue };
            match BOUNDS
                .iter()
                .find(|b| b.statement == st.id && b.side == side)
            {
                None => errors.push(format!(
                    "{}: the {side:?} bound has no specification",
                    st.id
                )),
                Some(spec) => {
                    if !f64_rat_eq(value, spec.bound) {
                        errors.push(format!(
                            "{}: Rust {side:?} bound {value} ≠ specification {}/{}",
                            st.id, spec.bound.0, spec.bound.1
                        ));
                    }
                    if st.domain.len() != spec.domain.len()
                        || st
                            .domain
                            .iter()
                            .zip(spec.domain)
                            .any(|(&(lo, hi), &(slo, shi))| {
                                !f64_rat_eq(lo, slo) || !f64_rat_eq(hi, shi)
                            })
                    {
                        errors.push(format!(
                            "{}: Rust domain {:?} ≠ specification {:?}",
                            st.id, st.domain, spec.domain
                        ));
                    }
                }
            }
        }
    }
    // 2. every specified bound: its Coq theorem is registered against the statement, and its
    //    parsed bound equals the specification, on a domain whose closure contains the prover's
    for spec in &BOUNDS {
        let registered = registry()
            .iter()
            .flat_map(|c| c.coq.iter())
            .find(|t| t.backs == Some((spec.statement, spec.side)));
        let Some(t) = registered else {
            errors.push(format!(
                "{} {:?}: no Coq theorem registered",
                spec.statement, spec.side
            ));
            continue;
        };
        if t.theorem != spec.coq {
            errors.push(format!(
                "{} {:?}: registered {} ≠ specification {}",
                spec.statement, spec.side, t.theorem, spec.coq
            ));
        }
        let Some(text) = theorem(sources, t) else {
            errors.push(format!("{}: not found in formal/{}", t.theorem, t.file));
            continue;
        };
        match parse_range_theorem(&text) {
            Err(e) => errors.push(format!("{}: {e}", t.theorem)),
            Ok(rt) => {
                if rt.side != spec.side || !rat_eq(rt.bound, spec.bound) {
                    errors.push(format!(
                        "{}: Coq bound {:?} {}/{} ≠ specification {:?} {}/{}",
                        t.theorem,
                        rt.side,
                        rt.bound.0,
                        rt.bound.1,
                        spec.side,
                        spec.bound.0,
                        spec.bound.1
                    ));
                }
                if rt.domain.len() != spec.domain.len() {
                    errors.push(format!(
                        "{}: {} variables, specification {}",
                        t.theorem,
                        rt.domain.len(),
                        spec.domain.len()
                    ));
                }
                for ((v, lo, hi), &(slo, shi)) in rt.domain.iter().zip(spec.domain) {
                    let lo_ok = lo.is_none_or(|lo| rat_le(lo, slo));
                    let hi_ok = hi.is_none_or(|hi| rat_le(shi, hi));
                    if !(lo_ok && hi_ok) {
                        errors.push(format!(
                            "{}: Coq domain of {v} [{lo:?}, {hi:?}] does not contain the prover's [{}/{}, {}/{}]",
                            t.theorem, slo.0, slo.1, shi.0, shi.1
                        ));
                    }
                }
                // the registry's words for the domain name the Coq domain's finite ends
                let words: Vec<String> = t
                    .domain
                    .replace('−', "-")
                    .split(|c: char| !(c.is_ascii_digit() || c == '/' || c == '-'))
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect();
                for (v, lo, hi) in &rt.domain {
                    for end in [lo, hi].into_iter().flatten() {
                        let token = if end.1 == 1 {
                            end.0.to_string()
                        } else {
                            format!("{}/{}", end.0, end.1)
                        };
                        if !words.contains(&token) {
                            errors.push(format!(
                                "{}: the registry's domain \"{}\" does not name the end {token} of {v}",
                                t.theorem, t.domain
                            ));
                        }
                    }
                }
                if spec.statement == "drift-upper" {
                    let want = format!("(1 - s / {DRIFT_DAMPING})");
                    if !rt.conclusion.contains(&want) {
                        errors.push(format!(
                            "{}: damping is not {want}: {}",
                            t.theorem, rt.conclusion
                        ));
                    }
                }
            }
        }
    }
    // 3. the Rust damping: (1 − s/28) = drift_excess_damped / drift_excess_over_a4 at s = 1
    let want = 1.0 - 1.0 / DRIFT_DAMPING as f64;
    if (damping_rust - want).abs() > 1e-12 {
        errors.push(format!(
            "Rust damping at s = 1 is {damping_rust}, specification {want}"
        ));
    }
    // 4. the definitions and every registered theorem's statement, as specified
    for (name, body) in DEFINITIONS {
        let found = sources
            .values()
            .find_map(|src| item(src, "Definition", name));
        match found {
            Some(b) if b == normalize(body) => {}
            other => errors.push(format!(
                "Definition {name}: {other:?}, specification {body}"
            )),
        }
    }
    for t in registry_theorems() {
        let spec = STATEMENTS.iter().find(|(n, _)| *n == t.theorem);
        match (spec, theorem(sources, &t)) {
            (None, _) => errors.push(format!("{}: registered but not specified", t.qualified())),
            (_, None) => errors.push(format!("{}: not found in formal/{}", t.qualified(), t.file)),
            (Some((_, s)), Some(found)) if normalize(s) != found => errors.push(format!(
                "{}: statement `{found}` ≠ specification `{}`",
                t.qualified(),
                normalize(s)
            )),
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn damping_rust() -> f64 {
    use bnn_sgd_verify::paper::ranges::{drift_excess_damped, drift_excess_over_a4};
    use inari::{const_interval, Interval};
    let s = [const_interval!(1.0, 1.0)];
    let r: Interval = drift_excess_damped::<Interval>(&s) / drift_excess_over_a4::<Interval>(&s);
    r.mid()
}

fn registry_rust(id: &str) -> Option<Statement> {
    rust_statement(id).copied()
}

#[test]
fn statements_agree_with_the_specification_and_the_rust_prover() {
    let src = sources();
    if let Err(errors) = check_agreement(&src, &registry_rust, damping_rust()) {
        panic!("disagreements:\n  {}", errors.join("\n  "));
    }
}

/// Negative controls: one constant changed on either side fails the agreement.
#[test]
fn a_changed_constant_on_either_side_fails() {
    let src = sources();
    // Coq side: each edit below keeps the file well-formed but changes one constant
    let coq_edits = [
        ("Drift.v", "-> 1 / 15 < P2 s", "-> 1 / 16 < P2 s"),
        ("Drift.v", "(1 - s / 28) * P2 s", "(1 - s / 27) * P2 s"),
        (
            "Drift.v",
            "0 < s <= 25 -> (1 - s / 28)",
            "1 / 32 <= s <= 25 -> (1 - s / 28)",
        ),
        (
            "Normalizer.v",
            "0 < a < 1 -> taylor_remainder_over_a3 a < 4 / 3",
            "0 < a < 1 / 2 -> taylor_remainder_over_a3 a < 4 / 3",
        ),
        (
            "Normalizer.v",
            "2 / 3 < taylor_remainder_over_a3 a",
            "1 / 2 < taylor_remainder_over_a3 a",
        ),
        ("Normalizer.v", "1 < C a / a ^ 3", "1 / 2 < C a / a ^ 3"),
        ("Density.v", "1 / 2 < a ^ 3 * f a", "1 / 3 < a ^ 3 * f a"),
        ("Lemma2.v", "0 <= b -> b <> 1", "0 <= b -> b <> 2"),
        (
            "Delta.v",
            "- f t) <= K / INR n.",
            "- f t) <= K / (2 * INR n).",
        ),
        (
            "Gronwall.v",
            "eps t <= gamma * exp (K * t)",
            "eps t <= gamma * exp (2 * K * t)",
        ),
        (
            "Defs.v",
            "2 * a * (exp (2 * a) + 1) + 2 - 2 * exp (2 * a)",
            "2 * a * (exp (2 * a) + 1) + 2 - 3 * exp (2 * a)",
        ),
    ];
    for (file, from, to) in coq_edits {
        let mut edited = src.clone();
        let text = edited.get_mut(file).expect("file");
        assert!(text.contains(from), "{file} contains `{from}`");
        *text = text.replacen(from, to, 1);
        let result = check_agreement(&edited, &registry_rust, damping_rust());
        assert!(
            result.is_err(),
            "editing {file}: `{from}` → `{to}` was not caught"
        );
    }
    // Rust side: a changed bound or domain end of a prover statement
    type Edit = fn(&mut Statement);
    let rust_edits: [(&str, Edit); 5] = [
        ("c-positive", |s| s.lower = Some(0.5)),
        ("c-taylor-remainder", |s| s.upper = Some(1.5)),
        ("drift-lower", |s| s.lower = Some(1.0 / 16.0)),
        ("drift-upper", |s| s.domain = &[(0.015625, 30.0)]),
        ("density-lower-bound", |s| s.lower = Some(0.25)),
    ];
    for (id, edit) in rust_edits {
        let patched = move |q: &str| {
            let mut s = rust_statement(q).copied()?;
            if q == id {
                edit(&mut s);
            }
            Some(s)
        };
        let result = check_agreement(&src, &patched, damping_rust());
        assert!(
            result.is_err(),
            "editing the Rust statement {id} was not caught"
        );
    }
    // the Rust damping
    assert!(check_agreement(&src, &registry_rust, 1.0 - 1.0 / 27.0).is_err());
}

#[test]
fn range_theorems_parse() {
    let rt = parse_range_theorem("forall s : R, 1 / 64 <= s <= 25 -> (1 - s / 28) * P2 s < 1 / 15")
        .expect("parses");
    assert_eq!(rt.side, Side::Upper);
    assert_eq!(rt.bound, (1, 15));
    assert_eq!(
        rt.domain,
        vec![("s".to_string(), Some((1, 64)), Some((25, 1)))]
    );
    let rt = parse_range_theorem("forall a t : R, 0 < a -> -1 < t < 1 -> 1 / 2 < g a t")
        .expect("parses");
    assert_eq!(rt.side, Side::Lower);
    assert_eq!(rt.domain[1], ("t".to_string(), Some((-1, 1)), Some((1, 1))));
    assert!(parse_range_theorem("forall a : R, 0 < a -> g a = 1").is_err());
}

// ---------------------------------------------------------------------------------------------
// Compiling: Coq's kernel checks every proof.

/// The modules `file` imports from the formal layer.
fn dependencies(src: &str) -> Vec<String> {
    strip_comments(src)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("From Formal Require Import "))
        .flat_map(|l| {
            l.trim_end_matches('.')
                .split_whitespace()
                .map(|m| format!("{m}.v"))
                .collect::<Vec<_>>()
        })
        .collect()
}

struct Compiled {
    file: String,
    seconds: f64,
    ok: bool,
    /// What coqc printed (`Print Assumptions` goes to stdout).
    stdout: String,
    log: String,
}

/// Runs `coqc` on one file in `dir`, killed after `FILE_TIMEOUT`.
fn coqc(dir: &Path, file: &str) -> Compiled {
    let t = Instant::now();
    let mut child = Command::new("coqc")
        .args(["-R", ".", "Formal", file])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("coqc starts");
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break Some(s);
        }
        if t.elapsed() > FILE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = child.wait_with_output().expect("output");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let log = String::from_utf8_lossy(&out.stderr).into_owned() + &stdout;
    Compiled {
        file: file.to_string(),
        seconds: t.elapsed().as_secs_f64(),
        ok: status.is_some_and(|s| s.success()),
        stdout,
        log: if status.is_none() {
            format!("timed out after {} s\n{log}", FILE_TIMEOUT.as_secs())
        } else {
            log
        },
    }
}

/// Compiles every file of `sources` in `dir` on two workers, each file as soon as its imports
/// are built (the longest first among those ready).
fn compile_all(dir: &Path, sources: &BTreeMap<String, String>) -> Vec<Compiled> {
    use std::sync::{Condvar, Mutex};
    let deps: BTreeMap<String, Vec<String>> = sources
        .iter()
        .map(|(f, s)| (f.clone(), dependencies(s)))
        .collect();
    for (f, ds) in &deps {
        for d in ds {
            assert!(
                sources.contains_key(d),
                "{f} imports {d}, which is not in formal/"
            );
        }
    }
    struct State {
        waiting: Vec<String>,
        running: usize,
        done: BTreeMap<String, bool>,
        results: Vec<Compiled>,
    }
    let state = Mutex::new(State {
        waiting: sources.keys().cloned().collect(),
        running: 0,
        done: BTreeMap::new(),
        results: vec![],
    });
    let changed = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let mut st = state.lock().expect("lock");
                let file = loop {
                    // a file whose imports all compiled; the biggest source first
                    let ready = st
                        .waiting
                        .iter()
                        .filter(|f| deps[*f].iter().all(|d| st.done.get(d) == Some(&true)))
                        .max_by_key(|f| sources[*f].len())
                        .cloned();
                    if let Some(f) = ready {
                        st.waiting.retain(|w| *w != f);
                        st.running += 1;
                        break Some(f);
                    }
                    if st.running == 0 {
                        break None; // nothing runs, nothing is ready: done, or blocked by a failure
                    }
                    st = changed.wait(st).expect("lock");
                };
                let Some(file) = file else { return };
                drop(st);
                let c = coqc(dir, &file);
                let mut st = state.lock().expect("lock");
                st.running -= 1;
                st.done.insert(file, c.ok);
                st.results.push(c);
                changed.notify_all();
            });
        }
    });
    let mut st = state.into_inner().expect("lock");
    for f in std::mem::take(&mut st.waiting) {
        st.results.push(Compiled {
            file: f.clone(),
            seconds: 0.0,
            ok: false,
            stdout: String::new(),
            log: format!("not compiled: an import failed ({:?})", deps[&f]),
        });
    }
    st.results
}

fn copy_sources(dir: &Path, sources: &BTreeMap<String, String>) {
    for (f, s) in sources {
        std::fs::write(dir.join(f), s).expect("scratch writable");
    }
}

/// Parses one `Print Assumptions` block: each axiom starts a line (`name : type`, or `name`
/// with its type indented on the next lines).
fn axioms(block: &str) -> Vec<String> {
    block
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(char::is_whitespace))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect()
}

/// The vernacular that leaves a proof open or adds an assumption, outside comments.
fn forbidden_words(src: &str) -> Vec<String> {
    strip_comments(src)
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| {
            matches!(
                *w,
                "Admitted"
                    | "admit"
                    | "Axiom"
                    | "Axioms"
                    | "Parameter"
                    | "Parameters"
                    | "Conjecture"
                    | "Hypothesis"
                    | "Hypotheses"
                    | "Variable"
                    | "Variables"
                    | "Abort"
            )
        })
        .map(String::from)
        .collect()
}

#[test]
fn the_source_and_axiom_checks_can_fail() {
    assert_eq!(
        forbidden_words("Lemma x : False.\nProof. Admitted."),
        ["Admitted"]
    );
    assert_eq!(forbidden_words("Axiom cheat : 1 = 2."), ["Axiom"]);
    assert_eq!(forbidden_words("Proof. admit. Qed."), ["admit"]);
    assert!(
        forbidden_words("(* Admitted in a comment *) Lemma x : True. Proof. exact I. Qed.")
            .is_empty()
    );
    assert!(!axiom_allowed("Formal.Defs.cheat"));
    assert!(!axiom_allowed(
        "Coq.Logic.ClassicalEpsilon.constructive_indefinite_description"
    ));
    assert!(axiom_allowed("ClassicalDedekindReals.sig_forall_dec"));
    assert_eq!(
        axioms("ClassicalDedekindReals.sig_not_dec : forall P : Prop, {~ ~ P} + {~ P}\nFunctionalExtensionality.functional_extensionality_dep\n  : forall (A : Type), A\n"),
        ["ClassicalDedekindReals.sig_not_dec", "FunctionalExtensionality.functional_extensionality_dep"]
    );
}

#[test]
fn formal_layer_compiles_and_rests_on_standard_axioms_only() {
    let found = Command::new("coqc").arg("--version").output();
    assert!(
        found.as_ref().is_ok_and(|o| o.status.success()),
        "coqc is missing: run scripts/prereqs --test (Debian packages coq, libcoq-interval)"
    );
    let src = sources();
    // no proof left open, no assumption added
    for (f, s) in &src {
        let words = forbidden_words(s);
        assert!(words.is_empty(), "formal/{f} contains {words:?}");
    }
    let dir = common::scratch("formal");
    copy_sources(&dir, &src);
    let t = Instant::now();
    let results = compile_all(&dir, &src);
    let wall = t.elapsed();
    println!(
        "formal layer: {:.1} s wall on 2 workers",
        wall.as_secs_f64()
    );
    for c in &results {
        println!(
            "  {:14} {:6.1} s  {}",
            c.file,
            c.seconds,
            if c.ok { "ok" } else { "FAILED" }
        );
    }
    for c in &results {
        assert!(c.ok, "formal/{} did not compile:\n{}", c.file, c.log);
    }
    assert!(
        wall < BUDGET,
        "the formal layer took {wall:?}, over its budget {BUDGET:?}"
    );

    // every registered theorem is a Theorem in its file, and its assumptions are standard
    let theorems = registry_theorems();
    let mut script = String::from("From Formal Require Import ");
    let modules: std::collections::BTreeSet<&str> = theorems
        .iter()
        .map(|t| t.file.trim_end_matches(".v"))
        .collect();
    script += &modules.into_iter().collect::<Vec<_>>().join(" ");
    script += ".\n";
    // one traversal for all: Print Assumptions of a tuple of the proofs visits each constant
    // once (theorem by theorem it takes three times as long)
    for t in &theorems {
        assert!(
            theorem(&src, t).is_some(),
            "{} is not a Theorem of formal/{}",
            t.theorem,
            t.file
        );
    }
    script += &format!(
        "Definition all_theorems := ({}).\nPrint Assumptions all_theorems.\n",
        theorems
            .iter()
            .map(|t| t.qualified())
            .collect::<Vec<_>>()
            .join(", ")
    );
    std::fs::write(dir.join("Assumptions.v"), &script).expect("writable");
    let c = coqc(&dir, "Assumptions.v");
    assert!(c.ok, "Print Assumptions failed:\n{}", c.log);
    println!(
        "Print Assumptions of {} theorems: {:.1} s",
        theorems.len(),
        c.seconds
    );
    let blocks: Vec<&str> = c.stdout.split("Axioms:").skip(1).collect();
    assert!(
        blocks.len() == 1 && !c.stdout.contains("Closed under the global context"),
        "one assumption report:\n{}",
        c.stdout
    );
    let mut seen = std::collections::BTreeSet::new();
    for b in blocks {
        for a in axioms(b) {
            assert!(
                axiom_allowed(&a),
                "a theorem rests on {a}, which is not a standard axiom:\n{script}"
            );
            seen.insert(a);
        }
    }
    println!(
        "axioms used: {}",
        seen.into_iter().collect::<Vec<_>>().join(", ")
    );

    // negative controls: a false statement does not get past the kernel. Interval's tactic on
    // R(a)/a³ < 5/4 (false near a = 1, where R(a)/a³ → 4/3); Lemma 2 with 1 − b misprinted.
    let mutations = [
        (
            "Normalizer.v",
            "1 / 4 <= a <= 1023 / 1024 -> taylor_remainder_over_a3 a < 4 / 3",
            "1 / 4 <= a <= 1023 / 1024 -> taylor_remainder_over_a3 a < 5 / 4",
        ),
        (
            "Lemma2.v",
            "forall n, x n <= x 0%nat * b ^ n + a * (1 - b ^ n) / (1 - b).",
            "forall n, x n <= x 0%nat * b ^ n + a * (1 - b ^ n) / (2 - b).",
        ),
    ];
    for (file, from, to) in mutations {
        let good = src.get(file).expect("file");
        assert!(good.contains(from), "{file} contains `{from}`");
        std::fs::write(dir.join(file), good.replacen(from, to, 1)).expect("writable");
        let c = coqc(&dir, file);
        assert!(!c.ok, "coqc accepted {file} with `{to}`");
        println!(
            "negative control: {file} with `{to}` rejected in {:.1} s",
            c.seconds
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// What `verify list` and the reports print for a claim's theorems: `Module.theorem (domain)`,
/// joined by "; " in the registry's order.
#[test]
fn the_theorems_are_described_by_name_and_domain() {
    use bnn_sgd_verify::claims::formal::describe;
    let c = bnn_sgd_verify::claims::find("c-closed-form").expect("registered");
    assert_eq!(
        describe(c.coq),
        "Normalizer.c_closed_form_integral (every real a); \
         Normalizer.c_closed_form_hyperbolic (every real a); \
         Normalizer.c_positive (every a > 0)"
    );
    assert_eq!(describe(&[]), "");
    for c in registry().iter().filter(|c| !c.coq.is_empty()) {
        let text = describe(c.coq);
        assert_eq!(text.split("; ").count(), c.coq.len(), "{}: {text}", c.id);
        for (part, t) in text.split("; ").zip(c.coq) {
            assert_eq!(
                part,
                format!("{} ({})", t.qualified(), t.domain),
                "{}",
                c.id
            );
        }
    }
}
