//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning takes it — rule metadata from the
//! cards, stable `partialFingerprints`, waived findings as `suppressions` with the waiver's
//! reason, and `baselineState` when a baseline is in use.

use std::collections::BTreeMap;

use serde_sarif::sarif;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::ci::{Report, rule_level};
use super::stream;
use crate::catalogue::Card;
use crate::catalogue::Severity;
use crate::checks::Finding;
use crate::verdict::Entry;

fn level(s: Severity) -> sarif::ResultLevel {
    match s {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info => sarif::ResultLevel::Note,
    }
}

fn level_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(report: &Report, card: &Card) -> sarif::ReportingDescriptor {
    let principles: Vec<String> = report
        .registry
        .citations(&card.id, None)
        .iter()
        .map(|c| match &c.principle.quote {
            Some(q) => format!("{} — “{}”", c.principle.title, q.trim()),
            None => c.principle.title.clone(),
        })
        .collect();
    let mut help = format!(
        "{}\n\nWhy it matters: {}",
        card.docs.what.trim(),
        card.docs.why.trim()
    );
    if !principles.is_empty() {
        help.push_str(&format!("\n\nPrinciple: {}", principles.join("; ")));
    }
    help.push_str(&format!(
        "\n\n`gemmalint explain {}` shows an example and its fix.",
        card.id
    ));
    let mut properties = BTreeMap::new();
    properties.insert(
        "tags".to_owned(),
        serde_json::json!(["gemma", "architecture"]),
    );
    sarif::ReportingDescriptor::builder()
        .id(card.id.clone())
        .name(card.title.clone())
        .short_description(
            sarif::MultiformatMessageString::builder()
                .text(card.summary.trim().to_owned())
                .build(),
        )
        .full_description(
            sarif::MultiformatMessageString::builder()
                .text(card.docs.what.trim().to_owned())
                .build(),
        )
        .help(
            sarif::MultiformatMessageString::builder()
                .text(help.clone())
                .markdown(help)
                .build(),
        )
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(serde_json::json!(level_word(rule_level(
                    report.registry,
                    &card.id
                ))))
                .build(),
        )
        .properties(
            sarif::PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        )
        .build()
}

fn location(
    report: &Report,
    loc: crate::text::Loc,
    message: Option<String>,
    id: Option<i64>,
) -> sarif::Location {
    let place = report.place(loc);
    let region = sarif::Region::builder()
        .start_line(place.line as i64)
        .start_column(place.column as i64)
        .end_line(place.end_line as i64)
        .end_column(place.end_column as i64)
        .byte_offset(place.byte_offset as i64)
        .byte_length(place.byte_length as i64)
        .build();
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(
            sarif::ArtifactLocation::builder()
                .uri(uri(&place.path))
                .build(),
        )
        .region(region)
        .build();
    let mut location = sarif::Location::builder()
        .physical_location(physical)
        .build();
    location.message = message.map(|m| sarif::Message::builder().text(m).build());
    location.id = id;
    location
}

/// What a URI may hold as it is: the unreserved characters and `/`; the rest is
/// percent-encoded (RFC 3986), so `b%0Ax.yaml` never reads as a line break.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A path as a SARIF `uri`: relative to the root, or an absolute `file:` URI for a file outside
/// it.
fn uri(path: &str) -> String {
    let encoded = utf8_percent_encode(path, PATH).to_string();
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

/// Where the run's results go in the log written without them: the run is at depth 3, and a
/// line break is never inside a JSON string, so this line is the run's own `results`.
const RESULTS: &str = "\n      \"results\": []";

/// The log, its results made in parallel and written as they are made.
pub fn write<W: std::io::Write>(mut out: W, report: &Report) -> std::io::Result<()> {
    let cards: Vec<&Card> = report.registry.cards.iter().collect();
    let index = |rule: &str| cards.iter().position(|c| c.id == rule).map(|i| i as i64);
    let fingerprints = report.fingerprints();
    let driver = sarif::ToolComponent::builder()
        .name("gemmalint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(
            cards
                .iter()
                .map(|c| descriptor(report, c))
                .collect::<Vec<_>>(),
        )
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(Vec::new())
        .invocations(vec![invocation(report)])
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    let log = sarif::Sarif::builder()
        .schema(sarif::SCHEMA_URL)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    let text = serde_json::to_string_pretty(&log).map_err(std::io::Error::other)?;
    let at = text
        .find(RESULTS)
        .expect("a run with no results has `results: []` at depth 3")
        + RESULTS.len()
        - "[]".len();
    out.write_all(&text.as_bytes()[..at])?;
    // The findings, then the baseline entries that no longer match: fixed findings, to be
    // removed from the baseline.
    let found = report.findings.len();
    stream::array(&mut out, found + report.stale.len(), 3, |i| {
        let mut result = match i.checked_sub(found) {
            None => result_of(report, &report.findings[i], &fingerprints[i]),
            Some(j) => stale_result(&report.stale[j]),
        };
        let rule = match i.checked_sub(found) {
            None => &report.findings[i].rule,
            Some(j) => &report.stale[j].rule,
        };
        result.rule_index = index(rule);
        result
    })?;
    out.write_all(&text.as_bytes()[at + "[]".len()..])?;
    out.write_all(b"\n")
}

/// One finding as a SARIF result.
fn result_of(report: &Report, f: &Finding, fingerprint: &str) -> sarif::Result {
    let mut partial = BTreeMap::new();
    partial.insert("gemmalint/identity/v1".to_owned(), fingerprint.to_owned());
    let mut result = sarif::Result::builder()
        .rule_id(f.rule.clone())
        .level(level(f.severity))
        .message(
            // Code-scanning views often show only this text: it says what to do as well.
            sarif::Message::builder()
                .text(format!("{}\nhelp: {}", f.message, f.help))
                .build(),
        )
        .partial_fingerprints(partial)
        .build();
    if let Some(loc) = f.loc {
        result.locations = Some(vec![location(report, loc, None, None)]);
    }
    if !f.related.is_empty() {
        result.related_locations = Some(
            f.related
                .iter()
                .enumerate()
                .map(|(i, r)| location(report, r.loc, Some(r.message.clone()), Some(i as i64 + 1)))
                .collect(),
        );
    }
    if let Some(waiver) = &f.waived_by {
        let justification = report.waiver_reasons.get(waiver).map_or_else(
            || waiver.to_string(),
            |reason| format!("{reason} ({waiver})"),
        );
        result.suppressions = Some(vec![
            sarif::Suppression::builder()
                .kind(serde_json::json!("external"))
                .status(serde_json::json!("accepted"))
                .justification(justification)
                .build(),
        ]);
    }
    if report.with_baseline {
        result.baseline_state = Some(serde_json::json!(if f.baselined {
            "unchanged"
        } else {
            "new"
        }));
    }
    let mut properties = BTreeMap::new();
    properties.insert(
        "element".to_owned(),
        serde_json::json!(f.element.to_string()),
    );
    properties.insert("field".to_owned(), serde_json::json!(f.field));
    properties.insert("key".to_owned(), serde_json::json!(f.key()));
    result.properties = Some(
        sarif::PropertyBag::builder()
            .additional_properties(properties)
            .build(),
    );
    result
}

/// A baseline entry that no longer matches a finding.
fn stale_result(entry: &Entry) -> sarif::Result {
    let mut partial = BTreeMap::new();
    partial.insert(
        "gemmalint/identity/v1".to_owned(),
        super::ci::identity_hash(&entry.identity()),
    );
    sarif::Result::builder()
        .rule_id(entry.rule.clone())
        .level(sarif::ResultLevel::Note)
        .message(
            sarif::Message::builder()
                .text(format!(
                    "no longer found (remove it from the baseline): {}",
                    entry.message
                ))
                .build(),
        )
        .partial_fingerprints(partial)
        .baseline_state(serde_json::json!("absent"))
        .build()
}

/// Whether the run succeeded, and the problems in the input as notifications.
fn invocation(report: &Report) -> sarif::Invocation {
    let mut invocation = sarif::Invocation::builder()
        .execution_successful(report.problems.is_empty())
        .build();
    if !report.problems.is_empty() {
        invocation.tool_execution_notifications = Some(
            report
                .problems
                .iter()
                .map(|p| {
                    let text = match &p.help {
                        Some(help) => format!("{}\nhelp: {help}", p.message),
                        None => p.message.clone(),
                    };
                    let mut n = sarif::Notification::builder()
                        .message(sarif::Message::builder().text(text).build())
                        .level(serde_json::json!("error"))
                        .build();
                    if let Some(loc) = p.loc {
                        n.locations = Some(vec![location(report, loc, None, None)]);
                    }
                    n
                })
                .collect(),
        );
    }
    invocation
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_valid_uris() {
        assert_eq!(uri("landscape/a.yaml"), "landscape/a.yaml");
        assert_eq!(uri("b%0Ax.yaml"), "b%250Ax.yaml");
        assert_eq!(uri("a b/ü.yaml"), "a%20b/%C3%BC.yaml");
        assert_eq!(uri("/tmp/x.yaml"), "file:///tmp/x.yaml");
    }
}
