//! `report.html`: the whole audit in one self-contained file — inline CSS and SVG, no script,
//! no font or image from the network. The verdict table (a coloured badge per verdict), then
//! each claim with its statement as printed, correction, domain, method, evidence, tests and
//! figure, the constants appendix, and how to reproduce the run. Readable on a 390 px screen
//! (the figures' panels stack, the table drops its domain column) and printable.

use super::constants::{constants_text, ConstantRow};
use super::figures::{panel_svg, Palette};
use super::APPENDIX_DIGITS;
use crate::claims::formal::describe;
use crate::claims::{registry, Audit, ClaimResult, Figure, Verdict};

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --fg: #1b1b1b; --muted: #5a5a5a; --rule: #d9d9d9; --bg-soft: #f6f6f4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1260px; padding: 16px; color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.45em; line-height: 1.25; margin: 0.2em 0 0.4em; }
h2 { font-size: 1.2em; border-bottom: 1px solid var(--rule); padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin: 0 0 0.5em; display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
pre { background: var(--bg-soft); padding: 10px; overflow-x: auto; white-space: pre; }
a { color: #0b5cad; }
.meta { color: var(--muted); margin: 0.2em 0; }
.summary { display: flex; flex-wrap: wrap; gap: 6px; margin: 0.6em 0; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 0.85em;
  font-weight: 600; color: #fff; white-space: nowrap; }
.v-proved { background: #1a7f37; } .v-confirmed { background: #2da44e; }
.v-supported { background: #0969da; } .v-corrected { background: #bc4c00; }
.v-failed { background: #cf222e; } .v-pending { background: #6e7781; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); }
th { background: var(--bg-soft); }
td.id code { white-space: nowrap; }
.claim { border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px; margin: 14px 0; }
.claim dl { display: grid; grid-template-columns: 11em 1fr; gap: 4px 12px; margin: 0 0 0.6em; }
.claim dt { font-weight: 600; color: var(--muted); }
.claim dd { margin: 0; overflow-wrap: anywhere; }
.correction { background: #fff4e5; border-left: 3px solid #bc4c00; padding: 2px 8px; }
.evidence li { overflow-wrap: anywhere; }
.tests td { overflow-wrap: break-word; }
.tests td.num { white-space: nowrap; }
.evidence code { white-space: normal; }
.tests { font-size: 0.9em; }
.control { color: var(--muted); font-style: italic; }
figure { margin: 10px 0 0; break-inside: avoid; }
.panels { display: flex; flex-wrap: wrap; gap: 8px; }
.panel { flex: 1 1 420px; max-width: 600px; min-width: 0; }
.panel svg { display: block; width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.92em; margin-top: 4px; }
figcaption strong { color: var(--fg); }
@media (max-width: 640px) {
  body { padding: 10px; font-size: 14px; }
  .verdicts .domain, .verdicts .paper { display: none; }
  .claim dl { grid-template-columns: 1fr; }
  .claim dt { margin-top: 4px; }
  .tests, .tests tbody, .tests tr, .tests td { display: block; }
  .tests tr.head { display: none; }
  .tests tr { border-bottom: 1px solid var(--rule); padding: 4px 0; }
  .tests td { border: none; padding: 1px 4px; }
  .tests td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  .tests td.num { display: inline-block; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .claim { break-inside: auto; border: none; border-top: 1px solid #999; border-radius: 0; }
  .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  pre { white-space: pre-wrap; }
}
"#;

fn badge(v: Verdict) -> String {
    format!("<span class=\"badge v-{0}\">{0}</span>", esc(v.name()))
}

/// The command that reproduces this audit.
pub fn reproduce_command(audit: &Audit) -> String {
    let all = registry().len() == audit.claims.len();
    let mut cmd = format!(
        "verify audit --profile {} --seed {}",
        audit.profile.name(),
        audit.seed
    );
    if !all {
        let ids: Vec<&str> = audit.claims.iter().map(|c| c.id).collect();
        cmd.push_str(&format!(" --only {}", ids.join(",")));
    }
    cmd
}

fn figure_html(f: &Figure, palette: &Palette) -> Result<String, String> {
    let mut s = format!(
        "<figure data-figure=\"{}\">\n<div class=\"panels\">\n",
        esc(&f.name)
    );
    for p in &f.panels {
        s.push_str("<div class=\"panel\">");
        s.push_str(&panel_svg(p, palette)?);
        s.push_str("</div>\n");
    }
    s.push_str(&format!(
        "</div>\n<figcaption><strong>{}.</strong> {} <a href=\"{}.svg\">SVG</a></figcaption>\n</figure>\n",
        esc(&f.title),
        esc(&f.caption),
        esc(&f.name)
    ));
    Ok(s)
}

fn claim_html(c: &ClaimResult, palette: &Palette) -> Result<String, String> {
    let mut s = format!(
        "<article class=\"claim\" id=\"claim-{0}\" data-claim=\"{0}\">\n<h3><code>{0}</code> {1}</h3>\n<dl>\n",
        esc(c.id),
        badge(c.verdict)
    );
    let mut row = |k: &str, v: String| s.push_str(&format!("<dt>{k}</dt><dd>{v}</dd>\n"));
    row("Paper", esc(c.paper_ref));
    row("Statement as printed", esc(c.statement));
    if let Some(corr) = &c.correction {
        row(
            "Correction",
            format!("<div class=\"correction\">{}</div>", esc(corr)),
        );
    }
    row("Domain", esc(&c.domain));
    row("Method", esc(c.method));
    if !c.coq.is_empty() {
        row(
            "Coq",
            format!(
                "{} <span class=\"control\">(kernel-checked by <code>cargo test --test formal</code>, not by this run)</span>",
                esc(&describe(c.coq))
            ),
        );
    }
    if let Some(note) = &c.note {
        row("Note", esc(note));
    }
    s.push_str("</dl>\n");
    if !c.evidence.is_empty() {
        s.push_str("<p><strong>Evidence</strong></p>\n<ul class=\"evidence\">\n");
        for e in &c.evidence {
            s.push_str(&format!(
                "<li>{}: <code>{}</code></li>\n",
                esc(&e.name),
                esc(&e.value)
            ));
        }
        s.push_str("</ul>\n");
    }
    if !c.tests.is_empty() {
        s.push_str("<p><strong>Tests</strong> (level 0.01 after Holm over the audit)</p>\n<div class=\"scroll\"><table class=\"tests\">\n<tr class=\"head\"><th>hypothesis</th><th>test</th><th>statistic</th><th>p</th><th>Holm p</th><th>power</th></tr>\n");
        for t in &c.tests {
            s.push_str(&format!(
                "<tr{}><td>{}{}</td><td data-label=\"test\">{}</td><td class=\"num\" data-label=\"statistic\">{:.3}</td><td class=\"num\" data-label=\"p\">{:.3e}</td><td class=\"num\" data-label=\"Holm p\">{}</td><td class=\"num\" data-label=\"power\">{}</td></tr>\n",
                if t.negative_control {
                    " class=\"control\""
                } else {
                    ""
                },
                if t.negative_control {
                    "negative control: "
                } else if t.equivalence {
                    "equivalence: "
                } else {
                    ""
                },
                esc(&t.name),
                esc(&t.test),
                t.statistic,
                t.p,
                t.p_holm
                    .map(|p| format!("{p:.3e}"))
                    .unwrap_or_else(|| "–".into()),
                t.power
                    .map(|w| format!("{w:.4}"))
                    .unwrap_or_else(|| "–".into())
            ));
        }
        s.push_str("</table></div>\n");
    }
    for f in &c.figures {
        s.push_str(&figure_html(f, palette)?);
    }
    s.push_str("</article>\n");
    Ok(s)
}

/// The HTML report of an audit, with its constants appendix.
///
/// # Errors
/// A figure that cannot be drawn, as one line.
pub fn html(audit: &Audit, rows: &[ConstantRow]) -> Result<String, String> {
    let title = super::TITLE;
    let figures: Vec<&Figure> = audit.claims.iter().flat_map(|c| c.figures.iter()).collect();
    let palette = Palette::of(&figures);
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"meta\">Profile <code>{}</code>, seed <code>{}</code>, {} claims; {} {}.</p>\n<div class=\"summary\">",
        esc(title),
        esc(title),
        audit.profile.name(),
        audit.seed,
        audit.claims.len(),
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION"),
    );
    for (v, n) in audit.summary() {
        s.push_str(&format!(
            "<span class=\"badge v-{}\">{n} {}</span>",
            v.name(),
            v.name()
        ));
    }
    s.push_str("</div>\n</header>\n<main>\n<h2 id=\"verdicts\">Verdicts</h2>\n<div class=\"scroll\"><table class=\"verdicts\">\n<thead><tr><th>claim</th><th class=\"paper\">paper</th><th>verdict</th><th class=\"domain\">domain</th></tr></thead>\n<tbody>\n");
    for c in &audit.claims {
        s.push_str(&format!(
            "<tr id=\"row-{0}\" data-claim=\"{0}\"><td class=\"id\"><a href=\"#claim-{0}\"><code>{0}</code></a></td><td class=\"paper\">{1}</td><td>{2}</td><td class=\"domain\">{3}</td></tr>\n",
            esc(c.id),
            esc(c.paper_ref),
            badge(c.verdict),
            esc(&c.domain)
        ));
    }
    s.push_str("</tbody>\n</table></div>\n<h2 id=\"findings\">Findings</h2>\n");
    for c in &audit.claims {
        s.push_str(&claim_html(c, &palette)?);
    }
    s.push_str(&format!(
        "<h2 id=\"constants\">Appendix: constants at {APPENDIX_DIGITS} digits (outward-rounded enclosures)</h2>\n<pre>{}</pre>\n",
        esc(&constants_text(rows, APPENDIX_DIGITS))
    ));
    s.push_str(&format!(
        "<h2 id=\"reproduce\">Reproduce</h2>\n<p>From a clone of the repository (<code>scripts/prereqs</code> installs what the build needs):</p>\n<pre>cargo run --release --bin {} -- {}</pre>\n<p class=\"meta\">Tool {} {}, report schema {}. The same seed gives the same bytes at any thread count. The Coq theorems are checked by <code>cargo test --test formal</code>, not by the audit.</p>\n</main>\n</body>\n</html>\n",
        "verify",
        esc(&reproduce_command(audit).replacen("verify ", "", 1)),
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION"),
        super::files::SCHEMA
    ));
    Ok(s)
}
