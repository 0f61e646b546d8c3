//! `--format github`: workflow commands that GitHub Actions shows as annotations on the lines
//! of a pull request. Errors come first: GitHub shows only the first few of each kind per step.

use std::io::{self, Write};

use super::ci::Report;
use super::clean;
use crate::catalogue::Severity;
use crate::checks::Finding;

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

/// The workflow commands written as they are made: the findings in parallel chunks, in order.
pub fn write<W: Write>(out: &mut W, report: &Report) -> io::Result<()> {
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
        writeln!(
            out,
            "::error {}::{}",
            props.join(","),
            data(&clean(&p.message))
        )?;
    }
    for (severity, command) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "notice"),
    ] {
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.is_active() && f.severity == severity)
            .collect();
        super::stream::in_order(out, findings.len(), |range, bytes| {
            let mut text = String::new();
            for f in &findings[range] {
                annotation(report, command, f, &mut text);
            }
            bytes.extend_from_slice(text.as_bytes());
            Ok(())
        })?;
    }
    let s = report.summary;
    writeln!(
        out,
        "gemmalint: {}, {}, {} info; {} waived, {} baselined, {}",
        super::plural(s.error, "error"),
        super::plural(s.warning, "warning"),
        s.info,
        s.waived,
        s.baselined,
        super::plural(s.problems, "problem"),
    )
}

/// One finding's workflow command.
fn annotation(report: &Report, command: &str, f: &Finding, out: &mut String) {
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
