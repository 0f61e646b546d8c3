//! `--format github`: workflow commands that GitHub Actions shows as annotations on the lines
//! of a pull request. Errors come first: GitHub shows only the first few of each kind per step.

use super::ci::Report;
use super::clean;
use crate::catalogue::Severity;

/// Escapes the message part of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for p in report.problems {
        let mut props = vec![format!("title={}", property("gemmalint: input problem"))];
        if let Some(loc) = p.loc {
            let place = report.place(loc);
            props.insert(
                0,
                format!(
                    "file={},line={},col={}",
                    property(&clean(&place.path)),
                    place.line,
                    place.column
                ),
            );
        }
        out.push_str(&format!(
            "::error {}::{}\n",
            props.join(","),
            data(&clean(&p.message))
        ));
    }
    for (severity, command) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "notice"),
    ] {
        for f in report
            .findings
            .iter()
            .filter(|f| f.is_active() && f.severity == severity)
        {
            let mut props = Vec::new();
            if let Some(loc) = f.loc {
                let place = report.place(loc);
                props.push(format!(
                    "file={},line={},col={},endLine={},endColumn={}",
                    property(&clean(&place.path)),
                    place.line,
                    place.column,
                    place.end_line,
                    place.end_column
                ));
            }
            props.push(format!(
                "title={}",
                property(&format!("{} ({})", f.rule, f.variant))
            ));
            out.push_str(&format!(
                "::{command} {}::{}\n",
                props.join(","),
                data(&clean(&format!("{}\nhelp: {}", f.message, f.help)))
            ));
        }
    }
    let s = report.summary;
    out.push_str(&format!(
        "gemmalint: {}, {}, {} info; {} waived, {} baselined, {}\n",
        super::plural(s.error, "error"),
        super::plural(s.warning, "warning"),
        s.info,
        s.waived,
        s.baselined,
        super::plural(s.problems, "problem"),
    ));
    out
}
