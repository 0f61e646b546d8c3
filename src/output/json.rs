//! `--format json`: the stable contract of DESIGN.md (version 1), sorted as the findings are.
//! Fields are only ever added: each finding's element name, owner and principles, and the
//! per-rule figures in the summary, come from [`crate::figures`], as the reports do.

use std::collections::BTreeMap;

use std::io::Write;

use serde::Serialize;
use serde_json::value::RawValue;

use super::{Summary, position, stream};
use crate::checks::Finding;
use crate::figures::{Counts, Figures, FindingFacts, How, OwnerRef, PrincipleRef};
use crate::text::Problem;
use crate::text::{Loc, Sources};

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
    name: Option<String>,
    /// Its one owner and the elements it came through.
    owner: Option<OwnerRef>,
    /// How the owner was found (explicit, business_function, parent_function, source,
    /// provider, self, targets — or why there is none: external, ambiguous, unresolved, no_source,
    /// none).
    ownership: How,
    /// The principles the rule enforces, from every pack that cites it: the same list for
    /// every finding of a variant, formatted once.
    principles: &'a RawValue,
}

#[derive(Serialize)]
struct JsonRelated {
    file: String,
    line: usize,
    column: usize,
    message: String,
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
    let summary = JsonSummary {
        counts: summary,
        rules: figures
            .compliance
            .rules
            .iter()
            .map(|r| (r.rule.as_str(), r.counts))
            .collect(),
    };
    let problems: Vec<JsonProblem> = problems
        .iter()
        .map(|p| {
            let (file, line, column) = place(sources, p.loc);
            JsonProblem {
                file,
                line,
                column,
                message: p.message.clone(),
                help: p.help.clone(),
                related: p.related.iter().map(|r| related(sources, r)).collect(),
            }
        })
        .collect();
    // The findings are left out when the model could not be read.
    let findings = if problems.is_empty() { findings } else { &[] };
    // As `serde_json::to_writer_pretty` writes the whole report, field by field, so that the
    // findings can be made in parallel and written as they are made.
    out.write_all(b"{\n  \"version\": 1,\n  \"summary\": ")?;
    stream::pretty_at(&mut out, &summary, 1)?;
    out.write_all(b",\n  \"problems\": ")?;
    stream::pretty_at(&mut out, &problems, 1)?;
    out.write_all(b",\n  \"findings\": ")?;
    write_findings(&mut out, sources, findings, figures)?;
    // What the applications' publiccode.yml files say; left out when none was read.
    if !software.is_empty() {
        out.write_all(b",\n  \"publiccode\": ")?;
        stream::pretty_at(&mut out, software, 1)?;
    }
    out.write_all(b"\n}\n")
}

/// The findings array at depth 1, made in parallel and written as it is made.
fn write_findings<W: Write>(
    out: &mut W,
    sources: &Sources,
    findings: &[Finding],
    figures: &Figures,
) -> std::io::Result<()> {
    let facts = figures.finding_facts();
    // A finding's principles are a field of an item of the findings array: three levels in.
    // By the list's address (the lists are shared, not compared).
    let address = |list: &std::sync::Arc<Vec<PrincipleRef>>| std::sync::Arc::as_ptr(list) as usize;
    let principles: foldhash::HashMap<usize, Box<RawValue>> = facts
        .principle_lists()
        .map(|list| Ok((address(list), stream::raw_at(list.as_slice(), 3)?)))
        .collect::<std::io::Result<_>>()?;
    stream::array(out, findings.len(), 1, |i| {
        let facts = facts.get(i);
        let raw = &principles[&address(&facts.principles)];
        finding(sources, &findings[i], facts, raw)
    })
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

/// File, line and column of a place, each `None` when there is no place.
fn place(sources: &Sources, loc: Option<Loc>) -> (Option<String>, Option<usize>, Option<usize>) {
    loc.map_or((None, None, None), |loc| {
        let (file, line, column) = position(sources, loc);
        (Some(file), Some(line), Some(column))
    })
}

fn finding<'a>(
    sources: &Sources,
    f: &'a Finding,
    facts: FindingFacts,
    principles: &'a RawValue,
) -> JsonFinding<'a> {
    let (file, line, column) = place(sources, f.loc);
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
        name: facts.name,
        owner: facts.owner,
        ownership: facts.ownership,
        principles,
    }
}
