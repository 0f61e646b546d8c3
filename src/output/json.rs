//! `--format json`: the stable contract of DESIGN.md (version 1), sorted as the findings are.
//! Fields are only ever added: each finding's element name, owner and principles, and the
//! per-rule figures in the summary, come from [`crate::figures`], as the reports do.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Summary, position};
use crate::checks::Finding;
use crate::figures::{Counts, Figures, FindingFacts, How, OwnerRef, PrincipleRef};
use crate::text::Problem;
use crate::text::Sources;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: JsonSummary<'a>,
    problems: Vec<JsonProblem>,
    findings: Findings<'a>,
    /// What the applications' publiccode.yml files say; left out when none was read.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    publiccode: &'a [super::software::Software],
}

/// The findings, each made as it is written: a large report never holds them all converted.
struct Findings<'a> {
    sources: &'a Sources,
    findings: &'a [Finding],
    facts: &'a [FindingFacts],
}

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.findings
                .iter()
                .zip(self.facts)
                .map(|(f, facts)| finding(self.sources, f, facts)),
        )
    }
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    #[serde(flatten)]
    counts: Summary,
    /// Per rule that ran: the elements in scope, and how many pass, are waived, are
    /// baselined and fail.
    rules: BTreeMap<&'a str, Counts>,
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
    /// The element's name (`null` for a waiver, or an element the model lacks).
    name: Option<&'a str>,
    /// The element's one owner, and the elements it came through.
    owner: Option<&'a OwnerRef>,
    /// How the owner was found: explicit, business_function, parent_function, source,
    /// provider, self, targets — or why there is none: ambiguous, unresolved, none.
    ownership: How,
    /// The principles the rule enforces, from every pack that cites it.
    principles: &'a [PrincipleRef],
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
    figures: &Figures,
) -> String {
    // About 1.4 KB a finding: sized once, so a large report is not copied as it grows.
    let mut bytes = Vec::with_capacity(4096 + findings.len() * 1_500);
    write(
        &mut bytes, sources, problems, findings, summary, software, figures,
    )
    .expect("writing JSON into memory does not fail");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

/// The report written as it is made (to a file: no copy of a large report in memory).
pub fn write<W: std::io::Write>(
    mut out: W,
    sources: &Sources,
    problems: &[Problem],
    findings: &[Finding],
    summary: Summary,
    software: &[super::software::Software],
    figures: &Figures,
) -> std::io::Result<()> {
    let facts = figures.finding_facts();
    let report = Report {
        version: 1,
        summary: JsonSummary {
            counts: summary,
            rules: figures
                .compliance
                .rules
                .iter()
                .map(|r| (r.rule.as_str(), r.counts))
                .collect(),
        },
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
        findings: Findings {
            sources,
            findings: if problems.is_empty() { findings } else { &[] },
            facts: &facts,
        },
        publiccode: software,
    };
    serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
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

fn finding<'a>(sources: &Sources, f: &'a Finding, facts: &'a FindingFacts) -> JsonFinding<'a> {
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
        name: facts.name.as_deref(),
        owner: facts.owner.as_ref(),
        ownership: facts.ownership,
        principles: facts.principles.as_slice(),
    }
}
