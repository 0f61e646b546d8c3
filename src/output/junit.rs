//! `--format junit`: a test suite per rule, a failing test case per finding, a passing test
//! case for a rule without findings; waived and baselined findings are skipped test cases.
//! When the input has problems no rule has run, so the report holds only the `input` suite.
//! Written to the Jenkins/JUnit 5 schema, which CI servers validate against.

use std::collections::BTreeMap;
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::ci::Report;
use super::clean;
use crate::checks::Finding;

/// What one test case says.
enum Outcome {
    Passed,
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
        Outcome::Failed {
            message: clean(&f.message),
            kind: f.severity.as_str().to_owned(),
            text: clean(&format!("{}help: {}", place.unwrap_or_default(), f.help)),
        }
    };
    Case {
        name: clean(&format!("{} {} [{}]", f.element, f.field, f.key())),
        classname: clean(&format!("gemmalint.{}", f.rule)),
        outcome,
    }
}

fn write_suite(w: &mut Writer<Vec<u8>>, name: &str, cases: &[Case]) -> io::Result<()> {
    let failures = cases
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Failed { .. }))
        .count();
    let skipped = cases
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Skipped(_)))
        .count();
    w.create_element("testsuite")
        .with_attribute(("name", name))
        .with_attribute(("tests", cases.len().to_string().as_str()))
        .with_attribute(("failures", failures.to_string().as_str()))
        .with_attribute(("errors", "0"))
        .with_attribute(("skipped", skipped.to_string().as_str()))
        .write_inner_content(|w| {
            for case in cases {
                let element = w
                    .create_element("testcase")
                    .with_attribute(("name", case.name.as_str()))
                    .with_attribute(("classname", case.classname.as_str()));
                match &case.outcome {
                    Outcome::Passed => {
                        element.write_empty()?;
                    }
                    Outcome::Skipped(why) => {
                        element.write_inner_content(|w| {
                            w.create_element("skipped")
                                .write_text_content(BytesText::new(why))?;
                            Ok(())
                        })?;
                    }
                    Outcome::Failed {
                        message,
                        kind,
                        text,
                    } => {
                        element.write_inner_content(|w| {
                            w.create_element("failure")
                                .with_attribute(("message", message.as_str()))
                                .with_attribute(("type", kind.as_str()))
                                .write_text_content(BytesText::new(text))?;
                            Ok(())
                        })?;
                    }
                }
            }
            Ok(())
        })?;
    Ok(())
}

pub fn render(report: &Report, enabled: &[String]) -> String {
    let suites = if report.problems.is_empty() {
        rule_suites(report, enabled)
    } else {
        // No rule has run: a passing case per rule would claim what nobody checked.
        vec![("input".to_owned(), problem_cases(report))]
    };
    write(&suites)
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
fn rule_suites(report: &Report, enabled: &[String]) -> Vec<(String, Vec<Case>)> {
    let mut suites = Vec::new();
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in report.findings {
        by_rule.entry(f.rule.as_str()).or_default().push(f);
    }
    for rule in enabled {
        let findings = by_rule.remove(rule.as_str()).unwrap_or_default();
        let cases = if findings.is_empty() {
            vec![Case {
                name: clean(&format!("{rule}: no findings")),
                classname: clean(&format!("gemmalint.{rule}")),
                outcome: Outcome::Passed,
            }]
        } else {
            findings.iter().map(|f| case_for(report, f)).collect()
        };
        suites.push((rule.clone(), cases));
    }
    suites
}

fn write(suites: &[(String, Vec<Case>)]) -> String {
    let all: Vec<&Case> = suites.iter().flat_map(|(_, c)| c).collect();
    let failures = all
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Failed { .. }))
        .count();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| {
            w.create_element("testsuites")
                .with_attribute(("name", "gemmalint"))
                .with_attribute(("tests", all.len().to_string().as_str()))
                .with_attribute(("failures", failures.to_string().as_str()))
                .with_attribute(("errors", "0"))
                .write_inner_content(|w| {
                    for (name, cases) in suites {
                        write_suite(w, name, cases)?;
                    }
                    Ok(())
                })
                .map(|_| ())
        });
    written.expect("writing XML into memory does not fail");
    let text = String::from_utf8(w.into_inner()).expect("the XML writer writes UTF-8");
    // Whatever the model's text holds, the document stays well-formed XML.
    let mut text = crate::text::xml_safe(&text).into_owned();
    text.push('\n');
    text
}
