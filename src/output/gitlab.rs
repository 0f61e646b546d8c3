//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues with stable
//! fingerprints). Waived findings are left out; baselined ones too, so merge requests show
//! what is new.

use std::io::{self, Write};

use serde::Serialize;

use super::ci::Report;
use crate::catalogue::Severity;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
    categories: Vec<&'static str>,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The report written as it is made: the issues in parallel chunks, in order.
pub fn write<W: Write>(out: &mut W, report: &Report) -> io::Result<()> {
    let fingerprints = report.fingerprints();
    let active: Vec<usize> = (0..report.findings.len())
        .filter(|&i| report.findings[i].is_active())
        .collect();
    let unplaced = report.unplaced_path();
    // A file and line; without a place, the config file (or the model root) at line 1.
    let at = |loc: Option<crate::text::Loc>| {
        loc.map_or_else(
            || (unplaced.clone(), 1),
            |l| {
                let p = report.place(l);
                (p.path, p.line)
            },
        )
    };
    let finding = |i: usize| {
        let f = &report.findings[i];
        let (path, line) = at(f.loc);
        Issue {
            description: format!("{} ({})", f.message, f.help),
            check_name: format!("{}/{}", f.rule, f.variant),
            fingerprint: fingerprints[i].clone(),
            severity: severity(f.severity),
            location: Location {
                path,
                lines: Lines { begin: line },
            },
            categories: vec!["Style"],
        }
    };
    let problem = |i: usize| {
        let p = &report.problems[i];
        let (path, line) = at(p.loc);
        Issue {
            description: p.message.clone(),
            check_name: "input-problem".into(),
            // A problem has no element: its place and position in the list stand in.
            fingerprint: super::ci::identity_hash(&crate::checks::Identity {
                rule: "problem".into(),
                element: path.clone(),
                field: line.to_string(),
                key: i.to_string(),
            }),
            severity: "blocker",
            location: Location {
                path,
                lines: Lines { begin: line },
            },
            categories: vec!["Bug Risk"],
        }
    };
    let len = active.len() + report.problems.len();
    super::stream::array(out, len, 0, |k| match active.get(k) {
        Some(&i) => finding(i),
        None => problem(k - active.len()),
    })?;
    out.write_all(b"\n")
}
