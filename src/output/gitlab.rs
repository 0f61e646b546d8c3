//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues with stable
//! fingerprints). Waived findings are left out; baselined ones too, so merge requests show
//! what is new.

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

pub fn render(report: &Report) -> String {
    let fingerprints = report.fingerprints();
    let mut issues: Vec<Issue> = report
        .findings
        .iter()
        .zip(fingerprints)
        .filter(|(f, _)| f.is_active())
        .map(|(f, fingerprint)| {
            let (path, line) = f.loc.map_or_else(
                || (report.unplaced_path(), 1),
                |l| {
                    let p = report.place(l);
                    (p.path, p.line)
                },
            );
            Issue {
                description: format!("{} ({})", f.message, f.help),
                check_name: format!("{}/{}", f.rule, f.variant),
                fingerprint,
                severity: severity(f.severity),
                location: Location {
                    path,
                    lines: Lines { begin: line },
                },
                categories: vec!["Style"],
            }
        })
        .collect();
    for (i, p) in report.problems.iter().enumerate() {
        let (path, line) = p.loc.map_or_else(
            || (report.unplaced_path(), 1),
            |l| {
                let place = report.place(l);
                (place.path, place.line)
            },
        );
        issues.push(Issue {
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
        });
    }
    let mut text =
        serde_json::to_string_pretty(&issues).expect("the Code Quality report serialises to JSON");
    text.push('\n');
    text
}
