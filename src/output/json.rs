//! `--format json`: the stable contract of DESIGN.md (version 1), sorted as the findings are.
//! Fields are only ever added: each finding's element name, owner and principles, and the
//! per-rule figures in the summary, come from [`crate::figures`], as the reports do.

use std::collections::BTreeMap;

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::{Summary, position};
use crate::checks::Finding;
use crate::figures::{Counts, Figures, FindingFacts};
use crate::text::Problem;
use crate::text::Sources;

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
    /// The element's name (`null` for a waiver, or an element the model lacks), its one owner
    /// and the elements it came through, how the owner was found (explicit,
    /// business_function, parent_function, source, provider, self, targets — or why there is
    /// none: ambiguous, unresolved, none), and the principles the rule enforces, from every pack
    /// that cites it.
    #[serde(flatten)]
    facts: FindingFacts,
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
        .collect();
    // The findings are left out when the model could not be read.
    let findings = if problems.is_empty() { findings } else { &[] };
    // As `serde_json::to_writer_pretty` writes the whole report, field by field, so that the
    // findings can be made in parallel and written as they are made.
    out.write_all(b"{\n  \"version\": 1,\n  \"summary\": ")?;
    pretty_at(&mut out, &summary, 1)?;
    out.write_all(b",\n  \"problems\": ")?;
    pretty_at(&mut out, &problems, 1)?;
    out.write_all(b",\n  \"findings\": ")?;
    write_findings(&mut out, sources, findings, figures)?;
    // What the applications' publiccode.yml files say; left out when none was read.
    if !software.is_empty() {
        out.write_all(b",\n  \"publiccode\": ")?;
        pretty_at(&mut out, software, 1)?;
    }
    out.write_all(b"\n}\n")
}

/// Writes `value` as pretty JSON nested `depth` levels deep (two spaces a level).
fn pretty_at<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
    depth: usize,
) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    serde_json::to_writer_pretty(&mut bytes, value).map_err(std::io::Error::other)?;
    out.write_all(&indent(&bytes, depth))
}

/// Pretty JSON moved `depth` levels in: a line break in it is always between tokens (one in a
/// string is written `\n`), so every line after the first gets the indent.
fn indent(bytes: &[u8], depth: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend(std::iter::repeat_n(b' ', 2 * depth));
        }
        out.extend_from_slice(line);
    }
    out
}

/// Findings a thread makes at a time, and the chunks made side by side before they are written:
/// enough to keep both cores busy, little enough that the memory stays small.
const CHUNK: usize = 512;
const CHUNKS_AT_ONCE: usize = 16;

/// The findings array, as `to_writer_pretty` writes it at depth 1: chunks of findings made in
/// parallel, written in order.
fn write_findings<W: Write>(
    out: &mut W,
    sources: &Sources,
    findings: &[Finding],
    figures: &Figures,
) -> std::io::Result<()> {
    if findings.is_empty() {
        return out.write_all(b"[]");
    }
    let facts = figures.finding_facts();
    out.write_all(b"[")?;
    let chunks: Vec<(usize, &[Finding])> = findings
        .chunks(CHUNK)
        .enumerate()
        .map(|(i, c)| (i * CHUNK, c))
        .collect();
    for batch in chunks.chunks(CHUNKS_AT_ONCE) {
        let made: Vec<std::io::Result<Vec<u8>>> = batch
            .par_iter()
            .map(|&(start, chunk)| {
                let mut bytes = Vec::with_capacity(chunk.len() * 1_500);
                for (k, f) in chunk.iter().enumerate() {
                    let i = start + k;
                    bytes.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                    let one = serde_json::to_vec_pretty(&finding(sources, f, facts.get(i)))
                        .map_err(std::io::Error::other)?;
                    bytes.extend(indent(&one, 2));
                }
                Ok(bytes)
            })
            .collect();
        for bytes in made {
            out.write_all(&bytes?)?;
        }
    }
    out.write_all(b"\n  ]")
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

fn finding<'a>(sources: &Sources, f: &'a Finding, facts: FindingFacts) -> JsonFinding<'a> {
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
        facts,
    }
}
