//! `--format junit`: a test suite per rule, a failing test case per finding that fails the
//! check (at or above `--fail-on`), a passing one with the finding as its output below that, a
//! passing test case for a rule without findings; waived and baselined findings are skipped.
//! A report agrees with the exit code: a green gate never shows a red test.
//! When the input has problems no rule has run, so the report holds only the `input` suite.
//! Written to the Jenkins/JUnit 5 schema, which CI servers validate against.

use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_xml::escape::escape;

use super::ci::Report;
use super::clean;
use crate::checks::Finding;

/// What one test case says.
enum Outcome {
    Passed,
    /// A finding below `--fail-on`: a passing case that says what it found.
    Noted(String),
    Failed {
        message: String,
        kind: String,
        text: String,
    },
    Skipped(String),
}

struct Case {
    name: String,
    classname: String,
    outcome: Outcome,
}

fn case_for(report: &Report, f: &Finding) -> Case {
    let outcome = if let Some(waiver) = &f.waived_by {
        Outcome::Skipped(clean(&format!("waived by {waiver}")))
    } else if f.baselined {
        Outcome::Skipped("in the baseline".to_owned())
    } else {
        let place = f.loc.map(|l| {
            let p = report.place(l);
            format!("{}:{}:{}\n", clean(&p.path), p.line, p.column)
        });
        let text = clean(&format!("{}help: {}", place.unwrap_or_default(), f.help));
        if report.fails(f) {
            Outcome::Failed {
                message: clean(&f.message),
                kind: f.severity.as_str().to_owned(),
                text,
            }
        } else {
            let severity = f.severity.as_str();
            Outcome::Noted(format!("{severity}: {}\n{text}", clean(&f.message)))
        }
    };
    Case {
        name: clean(&format!("{} {} [{}]", f.element, f.field, f.key())),
        classname: clean(&format!("gemmalint.{}", f.rule)),
        outcome,
    }
}

/// One test case, at its depth in the document (two spaces a level, as the whole is written).
fn write_case(out: &mut String, case: &Case) {
    let open = format!(
        "    <testcase name=\"{}\" classname=\"{}\"",
        escape(case.name.as_str()),
        escape(case.classname.as_str())
    );
    out.push_str(&open);
    match &case.outcome {
        Outcome::Passed => out.push_str("/>\n"),
        Outcome::Noted(text) => {
            out.push_str(">\n      <system-out>");
            out.push_str(&escape(text.as_str()));
            out.push_str("</system-out>\n    </testcase>\n");
        }
        Outcome::Skipped(why) => {
            out.push_str(">\n      <skipped>");
            out.push_str(&escape(why.as_str()));
            out.push_str("</skipped>\n    </testcase>\n");
        }
        Outcome::Failed {
            message,
            kind,
            text,
        } => {
            out.push_str(&format!(
                ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                escape(message.as_str()),
                escape(kind.as_str()),
                escape(text.as_str())
            ));
        }
    }
}

/// Appends test cases as the document holds them: whatever the model's text holds, the
/// document stays well-formed XML.
fn push_cases(bytes: &mut Vec<u8>, cases: impl Iterator<Item = Case>) {
    let mut text = String::new();
    for case in cases {
        write_case(&mut text, &case);
    }
    bytes.extend_from_slice(crate::text::xml_safe(&text).as_bytes());
}

/// The report written as it is made: the cases of a suite in parallel chunks, in order, so a
/// report of a million findings is never held whole.
pub fn write<W: Write>(out: &mut W, report: &Report, enabled: &[String]) -> io::Result<()> {
    let suites: Vec<Suite> = if report.problems.is_empty() {
        rule_suites(report, enabled)
    } else {
        // No rule has run: a passing case per rule would claim what nobody checked.
        vec![Suite {
            name: "input".to_owned(),
            cases: Cases::Problems,
        }]
    };
    let counts: Vec<(usize, usize, usize)> = suites.iter().map(|s| s.counts(report)).collect();
    let tests: usize = counts.iter().map(|c| c.0).sum();
    let failures: usize = counts.iter().map(|c| c.1).sum();
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    write!(
        out,
        "<testsuites name=\"gemmalint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    )?;
    for (suite, (tests, failures, skipped)) in suites.iter().zip(counts) {
        write!(
            out,
            "\n  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n",
            crate::text::xml_safe(&escape(suite.name.as_str()))
        )?;
        match &suite.cases {
            Cases::Problems => {
                let mut bytes = Vec::new();
                push_cases(&mut bytes, problem_cases(report).into_iter());
                out.write_all(&bytes)?;
            }
            Cases::Passed => {
                let mut bytes = Vec::new();
                push_cases(
                    &mut bytes,
                    std::iter::once(Case {
                        name: clean(&format!("{}: no findings", suite.name)),
                        classname: clean(&format!("gemmalint.{}", suite.name)),
                        outcome: Outcome::Passed,
                    }),
                );
                out.write_all(&bytes)?;
            }
            Cases::Findings(findings) => {
                super::stream::in_order(out, findings.len(), |range, bytes| {
                    push_cases(bytes, findings[range].iter().map(|f| case_for(report, f)));
                    Ok(())
                })?;
            }
        }
        out.write_all(b"  </testsuite>")?;
    }
    out.write_all(b"\n</testsuites>\n")
}

/// A suite and where its cases come from.
struct Suite<'a> {
    name: String,
    cases: Cases<'a>,
}

enum Cases<'a> {
    /// The problems in the input, one failing case each.
    Problems,
    /// One passing case: the rule found nothing.
    Passed,
    /// A case per finding of the rule.
    Findings(Vec<&'a Finding>),
}

impl Suite<'_> {
    /// Its tests, failures and skipped tests.
    fn counts(&self, report: &Report) -> (usize, usize, usize) {
        match &self.cases {
            Cases::Problems => (report.problems.len(), report.problems.len(), 0),
            Cases::Passed => (1, 0, 0),
            Cases::Findings(findings) => {
                let skipped = findings.iter().filter(|f| !f.is_active()).count();
                let failed = findings.iter().filter(|f| report.fails(f)).count();
                (findings.len(), failed, skipped)
            }
        }
    }
}

/// A failing case per problem, named by its place.
fn problem_cases(report: &Report) -> Vec<Case> {
    report
        .problems
        .iter()
        .map(|p| {
            let place = p.loc.map_or_else(
                || "input".to_owned(),
                |l| {
                    let place = report.place(l);
                    format!("{}:{}:{}", clean(&place.path), place.line, place.column)
                },
            );
            Case {
                name: clean(&place),
                classname: "gemmalint.input".to_owned(),
                outcome: Outcome::Failed {
                    message: clean(&p.message),
                    kind: "problem".to_owned(),
                    text: clean(p.help.as_deref().unwrap_or("")),
                },
            }
        })
        .collect()
}

/// A suite per enabled rule: its findings, or one passing case when it found nothing.
fn rule_suites<'a>(report: &Report<'a>, enabled: &[String]) -> Vec<Suite<'a>> {
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in report.findings {
        by_rule.entry(f.rule.as_str()).or_default().push(f);
    }
    enabled
        .iter()
        .map(|rule| Suite {
            name: rule.clone(),
            cases: match by_rule.remove(rule.as_str()) {
                Some(findings) => Cases::Findings(findings),
                None => Cases::Passed,
            },
        })
        .collect()
}
