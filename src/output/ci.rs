//! What every CI format needs besides the findings: rule metadata, waiver reasons, stable
//! fingerprints, and paths relative to the repository so annotations land on the right file.

use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

use super::Summary;
use crate::catalogue::Registry;
use crate::catalogue::Severity;
use crate::checks::{Finding, Identity};
use crate::model::ElementRef;
use crate::text::Problem;
use crate::text::{Loc, Sources};
use crate::verdict::baseline::Entry;

/// One run's results, ready for any format (JSON reads the findings alone).
pub struct Report<'a> {
    pub sources: &'a Sources,
    pub registry: &'a Registry,
    /// The severities, and what set each: what a finding rests on.
    pub settings: &'a crate::catalogue::Settings,
    pub problems: &'a [Problem],
    pub findings: &'a [Finding],
    /// Baseline entries that no longer match a finding.
    pub stale: &'a [Entry],
    pub summary: Summary,
    /// The model root relative to the repository root (`""` or `architectuur/`), so paths in
    /// CI annotations are relative to the checkout.
    pub repo_prefix: &'a str,
    /// A waiver → its reason, for SARIF suppressions.
    pub waiver_reasons: &'a BTreeMap<ElementRef, String>,
    /// Whether a baseline was given (SARIF then marks every result new or unchanged).
    pub with_baseline: bool,
    /// What was checked, for the human summary line.
    pub model: &'a crate::model::Model,
    /// What the applications' publiccode.yml files say, for the human report.
    pub software: &'a [super::software::Software],
    /// The least severity that fails the check (`--fail-on`; `None` for `never`): JUnit marks
    /// only those findings failed.
    pub fails_from: Option<Severity>,
}

/// A place in the terms of CI formats: repository-relative path, 1-based lines and columns
/// (Unicode scalar values), and the byte range.
pub struct Place {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_offset: usize,
    pub byte_length: usize,
}

impl Report<'_> {
    /// Whether a finding fails the check: active, and at or above `--fail-on`.
    pub fn fails(&self, f: &Finding) -> bool {
        f.is_active() && self.fails_from.is_some_and(|t| f.severity >= t)
    }

    /// Where a format that needs a file puts what has no place (a path on the command line
    /// that does not exist): the config file when one was read, else the model root.
    pub fn unplaced_path(&self) -> String {
        let config = self
            .sources
            .iter()
            .find(|(_, f)| f.path.rsplit('/').next() == Some("gemmalint.toml"));
        match config {
            Some((_, f)) => format!("{}{}", self.repo_prefix, f.path),
            None if self.repo_prefix.is_empty() => ".".to_owned(),
            None => self.repo_prefix.trim_end_matches('/').to_owned(),
        }
    }

    pub fn place(&self, loc: Loc) -> Place {
        let file = self.sources.get(loc.file);
        let (line, column) = file.line_col(loc.span.start as usize);
        let (end_line, end_column) = file.line_col(loc.span.end());
        Place {
            // A file outside the model root is shown by its absolute path, without the prefix.
            path: if std::path::Path::new(&file.path).is_absolute() {
                file.path.clone()
            } else {
                format!("{}{}", self.repo_prefix, file.path)
            },
            line,
            column,
            end_line,
            end_column: if (end_line, end_column) == (line, column) {
                column + 1
            } else {
                end_column
            },
            byte_offset: loc.span.start as usize,
            byte_length: loc.span.len as usize,
        }
    }

    /// A stable fingerprint per finding, from its identity (never its line), unique in the
    /// report: identical identities are numbered in order.
    pub fn fingerprints(&self) -> Vec<String> {
        use rayon::prelude::*;
        // The hashes in parallel; the numbering in order.
        let prints: Vec<String> = self.findings.par_iter().map(fingerprint).collect();
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(prints.len());
        let numbers: Vec<usize> = prints
            .iter()
            .map(|p| {
                let n = seen.entry(p.as_str()).or_insert(0);
                *n += 1;
                *n
            })
            .collect();
        drop(seen);
        prints
            .into_iter()
            .zip(numbers)
            .map(|(p, n)| if n == 1 { p } else { format!("{p}-{n}") })
            .collect()
    }
}

/// The hash of a finding's identity: rule, element, field, key.
pub fn fingerprint(f: &Finding) -> String {
    identity_hash(&f.identity())
}

pub fn identity_hash(identity: &Identity) -> String {
    let mut h = Sha256::new();
    let Identity {
        rule,
        element,
        field,
        key,
    } = identity;
    for part in [rule, element, field, key] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The strongest default severity of a rule, for formats that describe rules.
pub fn rule_level(registry: &Registry, rule: &str) -> Severity {
    registry
        .card(rule)
        .and_then(|c| c.variants.iter().map(|v| v.severity).max())
        .unwrap_or(Severity::Warning)
}
