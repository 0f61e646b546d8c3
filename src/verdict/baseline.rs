//! Baselines: the findings a team accepts for now, so gemmalint can gate a landscape that
//! already has hundreds of them. A finding's identity is rule + element + field + key — never a
//! line number — so moving YAML around changes nothing.

use foldhash::{HashMap, HashMapExt};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalogue::Severity;
use crate::checks::{Finding, Identity};
use crate::text::{Language, Loc, Problem, SourceFile, Sources, Span};

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub element: String,
    pub field: String,
    pub key: String,
    /// For people reading the file; not matched.
    pub severity: Severity,
    /// For people reading the file; not matched.
    pub message: String,
}

impl Entry {
    pub fn identity(&self) -> Identity {
        Identity {
            rule: self.rule.clone(),
            element: self.element.clone(),
            field: self.field.clone(),
            key: self.key.clone(),
        }
    }
}

/// A baseline file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub generated_by: String,
    /// The `today` of the run that wrote it.
    pub date: String,
    pub findings: Vec<Entry>,
}

impl Baseline {
    /// The findings of a run that a baseline records: not waived (a waiver already explains those).
    pub fn from_findings(findings: &[Finding], date: &str) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .filter(|f| f.waived_by.is_none())
            .map(|f| {
                let Identity {
                    rule,
                    element,
                    field,
                    key,
                } = f.identity();
                Entry {
                    rule,
                    element,
                    field,
                    key,
                    severity: f.severity,
                    message: f.message.clone(),
                }
            })
            .collect();
        entries.sort();
        Baseline {
            version: 1,
            generated_by: format!("gemmalint {}", env!("CARGO_PKG_VERSION")),
            date: date.to_owned(),
            findings: entries,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises to JSON");
        text.push('\n');
        text
    }

    /// Reads a baseline file; a file that cannot be used is a problem, placed where JSON says.
    pub fn read(path: &Path, shown: String, sources: &mut Sources) -> Result<Baseline, Problem> {
        let (id, text) = sources.read(path, shown, Language::Other)?;
        // A byte order mark (some Windows editors write one) is no part of the JSON.
        let bom = text.starts_with('\u{feff}');
        let json = if bom { &text[3..] } else { &text[..] };
        let baseline: Baseline = serde_json::from_str(json).map_err(|e| {
            let file: &SourceFile = sources.get(id);
            let column = e.column() + usize::from(bom && e.line() == 1);
            let offset = file.offset_of(e.line(), column);
            Problem::new(format!("the baseline is not a gemmalint baseline: {e}"))
                .at(Loc::new(id, Span::new(offset, 0)))
                .help("write it with `gemmalint baseline -o FILE`")
        })?;
        if baseline.version != 1 {
            return Err(Problem::new(format!(
                "baseline version {} is not supported",
                baseline.version
            ))
            .at(Loc::new(id, Span::new(0, 0)))
            .help("write it again with this gemmalint: `gemmalint baseline -o FILE`"));
        }
        Ok(baseline)
    }

    /// Marks the findings the baseline accepts, and returns the entries nothing matched.
    /// Each entry accepts one finding of its identity.
    pub fn apply(&self, findings: &mut [Finding]) -> Vec<Entry> {
        let mut left: HashMap<Identity, Vec<&Entry>> = HashMap::new();
        for e in &self.findings {
            left.entry(e.identity()).or_default().push(e);
        }
        for f in findings.iter_mut().filter(|f| f.waived_by.is_none()) {
            if let Some(entries) = left.get_mut(&f.identity())
                && entries.pop().is_some()
            {
                f.baselined = true;
            }
        }
        let mut stale: Vec<Entry> = left.into_values().flatten().cloned().collect();
        stale.sort();
        stale
    }
}
