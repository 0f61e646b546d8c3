//! `--format markdown`: a summary for a CI job page (`$GITHUB_STEP_SUMMARY`) or a pull request
//! comment. Model text is escaped, so a name cannot inject Markdown or HTML.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::ci::Report;
use super::clean;
use crate::catalogue::Severity;
use crate::checks::Finding;

/// Escapes model text for a Markdown table cell or line: no HTML, no links or images, no
/// table breaks, no @-mentions. Code spans (backticks) stay, so ids read as code.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => out.push_str("&#64;"),
            '\\' | '[' | ']' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Model text that quotes ids and values in code spans, as messages do (`` `zaak` ``): the plain
/// parts escaped as [`esc`] does, the code parts kept as code spans with their content literal
/// (an entity there would show as written) and `|` escaped for a table cell. With an odd number
/// of backticks (one came from the model), every backtick is escaped and nothing is code.
pub(crate) fn esc_spans(text: &str) -> String {
    let text = clean(text);
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return esc(&text).replace('`', "\\`");
    }
    let mut out = String::with_capacity(text.len());
    for (i, part) in parts.iter().enumerate() {
        if i.is_multiple_of(2) {
            out.push_str(&esc(part));
        } else if !part.is_empty() {
            out.push('`');
            out.push_str(&part.replace(['\n', '\r'], " ").replace('|', "\\|"));
            out.push('`');
        }
    }
    out
}

/// The summary written as it is made: the findings' rows in parallel chunks, in order.
pub fn write<W: Write>(out: &mut W, report: &Report) -> io::Result<()> {
    let mut text = String::from("## gemmalint\n\n");
    if !report.problems.is_empty() {
        problems(report, &mut text);
        return out.write_all(text.as_bytes());
    }
    headline(report, &mut text);
    out.write_all(text.as_bytes())?;
    findings(report, out)?;
    if report.stale.is_empty() {
        return Ok(());
    }
    let mut text =
        String::from("\n**Fixed since the baseline** (remove these entries from it):\n\n");
    for e in report.stale {
        text.push_str(&format!(
            "- {} {} — {}\n",
            esc_spans(&format!("`{}`", e.rule)),
            esc(&e.element),
            esc_spans(&e.message)
        ));
    }
    out.write_all(text.as_bytes())
}

fn problems(report: &Report, out: &mut String) {
    let n = report.summary.problems;
    out.push_str(&format!(
        "**{n} problem{} in the input**: no rule has run.\n\n",
        if n == 1 { "" } else { "s" }
    ));
    for p in report.problems {
        let place = p.loc.map_or_else(String::new, |l| {
            let place = report.place(l);
            format!("{}:{}:{} — ", esc(&place.path), place.line, place.column)
        });
        out.push_str(&format!("- {place}{}\n", esc_spans(&p.message)));
    }
}

/// The verdict and the counts in one line.
fn headline(report: &Report, out: &mut String) {
    let s = report.summary;
    let verdict = if s.error > 0 {
        "❌"
    } else if s.warning > 0 {
        "⚠️"
    } else {
        "✅"
    };
    out.push_str(&format!(
        "{verdict} **{}, {}, {} info** · {} waived · {} baselined",
        super::plural(s.error, "error"),
        super::plural(s.warning, "warning"),
        s.info,
        s.waived,
        s.baselined
    ));
    if s.baseline_stale > 0 {
        out.push_str(&if s.baseline_stale == 1 {
            " · 1 baseline entry no longer matches".to_owned()
        } else {
            format!(" · {} baseline entries no longer match", s.baseline_stale)
        });
    }
    out.push_str("\n\n");
}

/// A table of counts per rule, and the active findings folded away under it.
fn findings<W: Write>(report: &Report, out: &mut W) -> io::Result<()> {
    let active: Vec<&Finding> = report.findings.iter().filter(|f| f.is_active()).collect();
    let mut per_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for f in &active {
        let counts = per_rule.entry(f.rule.as_str()).or_default();
        counts[match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    if per_rule.is_empty() {
        return Ok(());
    }
    let mut text =
        String::from("| rule | errors | warnings | info |\n| --- | ---: | ---: | ---: |\n");
    for (rule, [e, w, i]) in &per_rule {
        text.push_str(&format!("| `{rule}` | {e} | {w} | {i} |\n"));
    }
    text.push_str("\n<details><summary>Findings</summary>\n\n");
    text.push_str("| severity | place | element | finding |\n| --- | --- | --- | --- |\n");
    out.write_all(text.as_bytes())?;
    super::stream::in_order(out, active.len(), |range, bytes| {
        let mut text = String::new();
        for f in &active[range] {
            let place = f.loc.map_or_else(String::new, |l| {
                let p = report.place(l);
                format!("{}:{}", esc(&p.path), p.line)
            });
            text.push_str(&format!(
                "| {} | {place} | {} | {} |\n",
                f.severity,
                esc(&f.element.to_string()),
                esc_spans(&f.message)
            ));
        }
        bytes.extend_from_slice(text.as_bytes());
        Ok(())
    })?;
    out.write_all(b"\n</details>\n")
}
