//! Renderings of an audit: a text table (stdout), markdown, JSON and a self-contained HTML page
//! (report files), the figures (SVG, drawn with plotters), the appendix of constants, and the outputs of the other subcommands. They only
//! present; every number in them was decided in `claims` or computed in `paper`.

pub mod calibration;
pub mod commands;
pub mod constants;
pub mod figures;
pub mod files;
pub mod html;

use crate::claims::formal::{describe, CoqTheorem};
use crate::claims::{Audit, ClaimResult, Figure, Verdict};
use constants::{constants_table, constants_text, ConstantRow};
use serde_json::{json, Value};

const TITLE: &str = "Audit of Christensen & Kallsen, \"Is Learning in Biological Neural Networks based on Stochastic Gradient Descent?\" (arXiv 2309.05102)";

fn summary_line(audit: &Audit) -> String {
    let parts: Vec<String> = audit
        .summary()
        .iter()
        .map(|(v, n)| format!("{n} {}", v.name()))
        .collect();
    format!(
        "summary: {} ({} claims)",
        parts.join(", "),
        audit.claims.len()
    )
}

pub(crate) fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

/// The width of the text table's `coq` column.
const COQ_W: usize = 16;

/// The text table's `coq` cell: how many theorems back the claim, and in which file(s).
fn coq_cell(theorems: &[CoqTheorem]) -> String {
    if theorems.is_empty() {
        return "–".into();
    }
    let mut files: Vec<&str> = theorems
        .iter()
        .map(|t| t.file.trim_end_matches(".v"))
        .collect();
    files.dedup();
    format!("{} × {}", theorems.len(), files.join(", "))
}

/// The table printed on stdout: one line per claim, then the corrections and failures in full.
pub fn text(audit: &Audit) -> String {
    let mut out = format!(
        "{TITLE}\nprofile {}, seed {}\n\n",
        audit.profile.name(),
        audit.seed
    );
    let id_w = audit
        .claims
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(2)
        .max(2)
        + 2;
    out.push_str(&format!(
        "{}{}{}{}\n",
        pad("id", id_w),
        pad("verdict", 11),
        pad("coq", COQ_W),
        "domain"
    ));
    for c in &audit.claims {
        out.push_str(&format!(
            "{}{}{}{}\n",
            pad(c.id, id_w),
            pad(c.verdict.name(), 11),
            pad(&coq_cell(c.coq), COQ_W),
            c.domain
        ));
        if let Some(corr) = &c.correction {
            out.push_str(&format!(
                "{}{}correction: {corr}\n",
                pad("", id_w),
                pad("", 11 + COQ_W)
            ));
        }
        if c.verdict == Verdict::Failed {
            if let Some(why) = &c.note {
                out.push_str(&format!(
                    "{}{}why: {why}\n",
                    pad("", id_w),
                    pad("", 11 + COQ_W)
                ));
            }
            for e in &c.evidence {
                out.push_str(&format!(
                    "{}{}{}: {}\n",
                    pad("", id_w),
                    pad("", 11 + COQ_W),
                    e.name,
                    e.value
                ));
            }
        }
    }
    out.push('\n');
    out.push_str(&summary_line(audit));
    out.push('\n');
    out
}

fn markdown_claim(c: &ClaimResult) -> String {
    let mut s = format!(
        "### `{}` — {}\n\n- **paper:** {}\n- **statement as printed:** {}\n- **method:** {}\n- **domain:** {}\n",
        c.id,
        c.verdict.name(),
        c.paper_ref,
        c.statement,
        c.method,
        c.domain
    );
    if let Some(corr) = &c.correction {
        s.push_str(&format!("- **correction:** {corr}\n"));
    }
    if !c.coq.is_empty() {
        s.push_str(&format!(
            "- **Coq** (`formal/`, kernel-checked by `cargo test --test formal`, not by this run): {}\n",
            describe(c.coq)
        ));
    }
    if let Some(note) = &c.note {
        s.push_str(&format!("- **note:** {note}\n"));
    }
    if !c.evidence.is_empty() {
        s.push_str("- **evidence:**\n");
        for e in &c.evidence {
            s.push_str(&format!("  - {}: `{}`\n", e.name, e.value));
        }
    }
    if !c.tests.is_empty() {
        s.push_str("- **tests** (level 0.01 after Holm over the audit):\n");
        for t in &c.tests {
            s.push_str(&format!(
                "  - {}{}: {}, statistic {:.3}, p = {:.3e}, Holm-adjusted p = {}{}\n",
                if t.negative_control {
                    "negative control — "
                } else if t.equivalence {
                    "equivalence — "
                } else {
                    ""
                },
                t.name,
                t.test,
                t.statistic,
                t.p,
                t.p_holm
                    .map(|p| format!("{p:.3e}"))
                    .unwrap_or_else(|| "–".into()),
                t.power
                    .map(|w| format!(
                        ", power {w:.4} at level {:.1e}",
                        crate::claims::CONTROL_LEVEL
                    ))
                    .unwrap_or_default()
            ));
        }
    }
    for f in &c.figures {
        let name = f.name();
        s.push_str(&format!("\n![{name}]({name}.svg)\n"));
    }
    s.push('\n');
    s
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The markdown report: a table, then each claim in full.
pub fn markdown(audit: &Audit) -> String {
    let mut out = format!(
        "# {TITLE}\n\nProfile `{}`, seed `{}`.\n\n| id | paper | verdict | Coq theorems | domain |\n|---|---|---|---|---|\n",
        audit.profile.name(),
        audit.seed
    );
    for c in &audit.claims {
        out.push_str(&format!(
            "| `{}` | {} | **{}** | {} | {} |\n",
            c.id,
            md_cell(c.paper_ref),
            c.verdict.name(),
            if c.coq.is_empty() {
                "–".to_string()
            } else {
                c.coq
                    .iter()
                    .map(|t| format!("`{}`", t.qualified()))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            md_cell(&c.domain)
        ));
    }
    out.push_str(&format!("\n{}\n\n## Findings\n\n", summary_line(audit)));
    for c in &audit.claims {
        out.push_str(&markdown_claim(c));
    }
    out
}

/// The JSON report: `{paper, profile, seed, claims: [...], summary: {verdict: count}}`.
pub fn json(audit: &Audit) -> Value {
    let summary: serde_json::Map<String, Value> = audit
        .summary()
        .into_iter()
        .map(|(v, n)| (v.name().to_string(), json!(n)))
        .collect();
    json!({
        "schema": files::SCHEMA,
        "paper": "Christensen & Kallsen, arXiv 2309.05102",
        "profile": audit.profile,
        "seed": audit.seed,
        "claims": audit.claims,
        "summary": summary,
    })
}

/// The digits of the constants appendix.
pub const APPENDIX_DIGITS: usize = 40;

/// The markdown appendix: the paper's constants at [`APPENDIX_DIGITS`] digits, outward-rounded.
fn markdown_appendix(rows: &[ConstantRow]) -> String {
    format!(
        "## Appendix: constants at {APPENDIX_DIGITS} digits (outward-rounded enclosures)\n\n```\n{}```\n",
        constants_text(rows, APPENDIX_DIGITS)
    )
}

/// The constants as JSON: `[{quantity, argument, enclosure: [lo, hi]}]`, outward-rounded.
fn json_appendix(rows: &[ConstantRow]) -> Value {
    rows.iter()
        .map(|r| {
            let (lo, hi) = r.enclosure.to_decimal(APPENDIX_DIGITS);
            json!({"quantity": r.quantity, "argument": r.argument, "enclosure": [lo, hi]})
        })
        .collect()
}

/// The files of an audit report: `report.txt`, `report.md`, `report.json` and `report.html`
/// (the last three with the constants appendix), and one SVG per figure.
pub struct Report {
    pub text: String,
    pub markdown: String,
    pub json: String,
    pub html: String,
    pub figures: Vec<(String, String)>,
}

impl Report {
    /// Renders an audit with its appendix of constants.
    ///
    /// # Errors
    /// A figure that cannot be drawn, as one line.
    pub fn new(audit: &Audit) -> Result<Report, String> {
        let rows =
            constants_table(APPENDIX_DIGITS as u64 + 4).expect("the appendix's digits are valid");
        let mut md = markdown(audit);
        md.push_str(&markdown_appendix(&rows));
        let mut js = json(audit);
        js["constants"] = json_appendix(&rows);
        Ok(Report {
            text: text(audit),
            markdown: md,
            json: serde_json::to_string_pretty(&js).expect("serializable") + "\n",
            html: html::html(audit, &rows)?,
            figures: figures::figures(audit)?,
        })
    }

    /// Every file as (name, contents).
    pub fn files(&self) -> Vec<(String, &str)> {
        let mut v = vec![
            ("report.txt".to_string(), self.text.as_str()),
            ("report.md".to_string(), self.markdown.as_str()),
            ("report.json".to_string(), self.json.as_str()),
            ("report.html".to_string(), self.html.as_str()),
        ];
        v.extend(self.figures.iter().map(|(n, b)| (n.clone(), b.as_str())));
        v
    }
}

/// The names of an audit's figure files.
pub fn figure_names(audit: &Audit) -> Vec<String> {
    audit
        .claims
        .iter()
        .flat_map(|c| c.figures.iter().map(Figure::name))
        .map(|n| format!("{n}.svg"))
        .collect()
}
