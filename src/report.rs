//! Renderings of an audit: a text table (stdout), markdown and JSON (report files). They only
//! present; every number in them was decided in `claims`.

use crate::claims::{Audit, ClaimResult, Verdict};
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

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
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
        "{}{}{}\n",
        pad("id", id_w),
        pad("verdict", 11),
        "domain"
    ));
    for c in &audit.claims {
        out.push_str(&format!(
            "{}{}{}\n",
            pad(c.id, id_w),
            pad(c.verdict.name(), 11),
            c.domain
        ));
        if let Some(corr) = &c.correction {
            out.push_str(&format!(
                "{}{}correction: {corr}\n",
                pad("", id_w),
                pad("", 11)
            ));
        }
        if c.verdict == Verdict::Failed {
            if let Some(why) = &c.note {
                out.push_str(&format!("{}{}why: {why}\n", pad("", id_w), pad("", 11)));
            }
            for e in &c.evidence {
                out.push_str(&format!(
                    "{}{}{}: {}\n",
                    pad("", id_w),
                    pad("", 11),
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
    if let Some(note) = &c.note {
        s.push_str(&format!("- **note:** {note}\n"));
    }
    if !c.evidence.is_empty() {
        s.push_str("- **evidence:**\n");
        for e in &c.evidence {
            s.push_str(&format!("  - {}: `{}`\n", e.name, e.value));
        }
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
        "# {TITLE}\n\nProfile `{}`, seed `{}`.\n\n| id | paper | verdict | domain |\n|---|---|---|---|\n",
        audit.profile.name(),
        audit.seed
    );
    for c in &audit.claims {
        out.push_str(&format!(
            "| `{}` | {} | **{}** | {} |\n",
            c.id,
            md_cell(c.paper_ref),
            c.verdict.name(),
            md_cell(&c.domain)
        ));
    }
    out.push_str(&format!("\n{}\n\n## Findings\n\n", summary_line(audit)));
    for c in &audit.claims {
        out.push_str(&markdown_claim(c));
    }
    out
}

/// The JSON report: `{profile, seed, claims: [...], summary: {verdict: count}}`.
pub fn json(audit: &Audit) -> Value {
    let summary: serde_json::Map<String, Value> = audit
        .summary()
        .into_iter()
        .map(|(v, n)| (v.name().to_string(), json!(n)))
        .collect();
    json!({
        "paper": "Christensen & Kallsen, arXiv 2309.05102",
        "profile": audit.profile,
        "seed": audit.seed,
        "claims": audit.claims,
        "summary": summary,
    })
}

/// The constants table: each enclosure as two decimal strings of `digits` significant digits,
/// rounded outward (so the printed interval contains the exact value).
pub fn constants_text(rows: &[crate::paper::normalizer::ConstantRow], digits: usize) -> String {
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
