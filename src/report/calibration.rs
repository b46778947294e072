//! `verify calibrate`'s output: per claim a summary (own tests' largest rejection rate against
//! the level, controls' and equivalence tests' smallest rejection rate), then every test with
//! its Wilson 99 % interval, in text, Markdown or JSON.

use crate::claims::calibration::{wilson, Calibration, Role, Tally};
use crate::claims::{AUDIT_LEVEL, CONTROL_POWER};

fn seeds_text(c: &Calibration) -> String {
    c.seeds
        .iter()
        .map(|(a, b)| format!("{a}…{b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn rate_text(t: &Tally) -> String {
    let (p, lo, hi) = t.rate();
    format!("{p:.3} [{lo:.3}, {hi:.3}]")
}

/// Is the test's record what its role asks? Own tests: the interval does not lie above the
/// level (rejections of a true null at most at the level); controls and equivalence tests: the
/// interval reaches [`CONTROL_POWER`] (power not shown to fall short of it).
pub fn calibrated(t: &Tally) -> bool {
    let (_, lo, hi) = t.rate();
    match t.role {
        Role::Own => lo <= AUDIT_LEVEL,
        Role::Control | Role::Equivalence => hi >= CONTROL_POWER,
    }
}

/// One row per claim: own tests (count, largest rate, how many not calibrated), must-reject
/// tests (count, smallest rate, how many not calibrated).
fn summary_rows(c: &Calibration) -> Vec<[String; 7]> {
    c.claims
        .iter()
        .map(|id| {
            let of = |own: bool| -> Vec<&Tally> {
                c.tallies
                    .iter()
                    .filter(|t| &t.claim == id && (t.role == Role::Own) == own)
                    .collect()
            };
            let (own, must) = (of(true), of(false));
            let max_own = own.iter().map(|t| t.rate().0).fold(f64::NAN, f64::max);
            let min_must = must.iter().map(|t| t.rate().0).fold(f64::NAN, f64::min);
            let bad = |v: &[&Tally]| v.iter().filter(|t| !calibrated(t)).count();
            let opt = |x: f64| {
                if x.is_nan() {
                    "–".to_string()
                } else {
                    format!("{x:.3}")
                }
            };
            [
                id.clone(),
                own.len().to_string(),
                opt(max_own),
                bad(&own).to_string(),
                must.len().to_string(),
                opt(min_must),
                bad(&must).to_string(),
            ]
        })
        .collect()
}

const SUMMARY_HEAD: [&str; 7] = [
    "claim",
    "own tests",
    "largest rate",
    "above the level",
    "controls + equivalence",
    "smallest rate",
    "below 0.999",
];

fn header(c: &Calibration) -> String {
    let m = c.seed_count();
    let (p, lo, hi) = wilson(c.audits_failed.len() as u64, m, AUDIT_LEVEL);
    format!(
        "Calibration: profile {}, {m} seeds ({}), {} tests of {} claims; rates of rejection at level {AUDIT_LEVEL} before Holm, Wilson 99 % intervals.\nAudits (of these claims) with a failed finding after Holm: {} of {m}, rate {p:.3} [{lo:.3}, {hi:.3}]{}.\n",
        c.profile.name(),
        seeds_text(c),
        c.tallies.len(),
        c.claims.len(),
        c.audits_failed.len(),
        if c.audits_failed.is_empty() {
            String::new()
        } else {
            format!(
                " (seeds {})",
                c.audits_failed
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    )
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Own => "own",
        Role::Control => "control",
        Role::Equivalence => "equivalence",
    }
}

fn detail_row(t: &Tally) -> [String; 7] {
    [
        t.claim.clone(),
        role_name(t.role).into(),
        t.test.clone(),
        format!("{}/{}", t.rejections, t.runs),
        rate_text(t),
        format!("{}/{}", t.rejections_holm, t.runs),
        match t.min_power {
            Some(w) => format!("{w:.4}"),
            None => "–".into(),
        },
    ]
}

const DETAIL_HEAD: [&str; 7] = [
    "claim",
    "role",
    "test",
    "rejected",
    "rate [99% CI]",
    "after Holm",
    "min power",
];

/// Plain text: the summary and the tests, tab-separated columns padded to width.
pub fn text(c: &Calibration) -> String {
    let table = |head: &[&str], rows: Vec<Vec<String>>| {
        let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
        for r in &rows {
            for (w, x) in widths.iter_mut().zip(r) {
                *w = (*w).max(x.chars().count());
            }
        }
        let line = |r: Vec<String>| {
            r.iter()
                .zip(&widths)
                .map(|(x, w)| format!("{x}{}", " ".repeat(w - x.chars().count())))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
                + "\n"
        };
        let mut s = line(head.iter().map(|h| h.to_string()).collect());
        for r in rows {
            s.push_str(&line(r));
        }
        s
    };
    both_tables(c, header(c) + "\n", &table)
}

/// Markdown: the same two tables.
pub fn markdown(c: &Calibration) -> String {
    let table = |head: &[&str], rows: Vec<Vec<String>>| {
        let mut s = format!("| {} |\n|{}\n", head.join(" | "), "---|".repeat(head.len()));
        for r in rows {
            s.push_str(&format!(
                "| {} |\n",
                r.iter()
                    .map(|x| x.replace('|', "\\|"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        s
    };
    both_tables(c, header(c).replace('\n', "\n\n"), &table)
}

/// Renders a table from its header and rows (plain text or Markdown).
type TableFn = dyn Fn(&[&str], Vec<Vec<String>>) -> String;

/// The header, then the summary and the detail tables through `table`.
fn both_tables(c: &Calibration, head: String, table: &TableFn) -> String {
    let mut s = head;
    s.push_str(&table(
        &SUMMARY_HEAD,
        summary_rows(c).into_iter().map(|r| r.to_vec()).collect(),
    ));
    s.push('\n');
    s.push_str(&table(
        &DETAIL_HEAD,
        c.tallies.iter().map(|t| detail_row(t).to_vec()).collect(),
    ));
    s
}

/// JSON (the input of `verify calibrate --merge`).
pub fn json(c: &Calibration) -> String {
    serde_json::to_string_pretty(c).expect("serialisable") + "\n"
}
