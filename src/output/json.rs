//! `--format json`: the stable contract of DESIGN.md (version 1), sorted as the findings are.

use serde::Serialize;

use super::{Summary, position};
use crate::checks::Finding;
use crate::text::Problem;
use crate::text::Sources;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: Summary,
    problems: Vec<JsonProblem>,
    findings: Vec<JsonFinding<'a>>,
    /// What the applications' publiccode.yml files say; left out when none was read.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    publiccode: &'a [super::software::Software],
}

#[derive(Serialize)]
struct JsonProblem {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    /// Other places the problem involves (the first definition of a duplicate id).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    element: String,
    field: String,
    key: String,
    message: &'a str,
    help: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    related: Vec<JsonRelated>,
    waived_by: Option<String>,
    baselined: bool,
}

#[derive(Serialize)]
struct JsonRelated {
    file: String,
    line: usize,
    column: usize,
    message: String,
}

pub fn render(
    sources: &Sources,
    problems: &[Problem],
    findings: &[Finding],
    summary: Summary,
    software: &[super::software::Software],
) -> String {
    let report = Report {
        version: 1,
        summary,
        problems: problems
            .iter()
            .map(|p| {
                let (file, line, column) = match p.loc {
                    Some(loc) => {
                        let (f, l, c) = position(sources, loc);
                        (Some(f), Some(l), Some(c))
                    }
                    None => (None, None, None),
                };
                JsonProblem {
                    file,
                    line,
                    column,
                    message: p.message.clone(),
                    help: p.help.clone(),
                    related: p.related.iter().map(|r| related(sources, r)).collect(),
                }
            })
            .collect(),
        findings: if problems.is_empty() {
            findings.iter().map(|f| finding(sources, f)).collect()
        } else {
            Vec::new()
        },
        publiccode: software,
    };
    let mut text = serde_json::to_string_pretty(&report).expect("the report serialises to JSON");
    text.push('\n');
    text
}

fn related(sources: &Sources, r: &crate::text::Related) -> JsonRelated {
    let (file, line, column) = position(sources, r.loc);
    JsonRelated {
        file,
        line,
        column,
        message: r.message.clone(),
    }
}

fn finding<'a>(sources: &Sources, f: &'a Finding) -> JsonFinding<'a> {
    let (file, line, column) = match f.loc {
        Some(loc) => {
            let (file, l, c) = position(sources, loc);
            (Some(file), Some(l), Some(c))
        }
        None => (None, None, None),
    };
    JsonFinding {
        rule: &f.rule,
        severity: f.severity.as_str(),
        element: f.element.to_string(),
        field: f.field.to_string(),
        key: f.key(),
        message: &f.message,
        help: &f.help,
        file,
        line,
        column,
        related: f.related.iter().map(|r| related(sources, r)).collect(),
        waived_by: f.waived_by.as_ref().map(ToString::to_string),
        baselined: f.baselined,
    }
}
