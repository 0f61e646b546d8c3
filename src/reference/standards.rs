//! The standards catalogue (`models/standards.yaml`), extended by the model's own `standards:`.
//! A standard is named by its id or an alias, case-insensitively; families (`zgw-apis`) and
//! their members satisfy each other.

use std::collections::HashMap;

use serde::Deserialize;

use crate::model::StandardStatus;
use crate::problem::{Problem, closest};
use crate::source::Sources;
use crate::tree::Node;

/// One standard in the catalogue.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueStandard {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub status: StandardStatus,
    /// The date of the source the status rests on.
    pub status_as_of: Option<String>,
    /// The sources the status rests on.
    #[serde(default)]
    pub status_basis: Vec<String>,
    #[serde(default)]
    pub statuses_by_source: Vec<SourceStatement>,
    /// Every source of the status is secondary: enforced more gently, and said so.
    #[serde(default)]
    pub secondary_only: bool,
    /// Sources of one period disagree: not enforced.
    pub conflicts: Option<String>,
    pub note: Option<String>,
    /// For a family: its member ids.
    #[serde(default)]
    pub members: Vec<String>,
    /// A mandated standard whose transport is not REST (Digikoppeling ebMS2 / WUS, iStandaarden).
    #[serde(default)]
    pub permits_non_rest: bool,
    pub permits_non_rest_basis: Option<String>,
    pub url: Option<String>,
    pub beheerder: Option<String>,
    /// The elements the `open-standards` rule requires it of.
    pub applies_to: Option<Node>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceStatement {
    pub source: String,
    pub status: String,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StandardsFile {
    #[allow(dead_code)]
    source: serde_json::Value,
    sources: HashMap<String, SourceInfo>,
    standards: Vec<CatalogueStandard>,
}

/// Where a status statement comes from.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceInfo {
    pub what: String,
    pub repository: Option<String>,
    pub commit: Option<String>,
    pub url: Option<String>,
    pub path: Option<String>,
    pub date: Option<String>,
    pub kind: String,
}

/// A standard in the catalogue or one the model adds.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StandardRef {
    Catalogue(usize),
    /// Index into the model's `standards`.
    Local(usize),
}

/// The shipped catalogue, indexed by id and alias.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub standards: Vec<CatalogueStandard>,
    pub sources: HashMap<String, SourceInfo>,
    by_key: HashMap<String, usize>,
    /// member → the families it belongs to
    families_of: HashMap<usize, Vec<usize>>,
}

impl Catalogue {
    pub fn read(sources: &mut Sources, path: &str, text: &str) -> Result<Catalogue, Problem> {
        let file: StandardsFile = super::read(sources, path, text)?;
        Ok(Catalogue::new(file.standards, file.sources))
    }

    fn new(standards: Vec<CatalogueStandard>, sources: HashMap<String, SourceInfo>) -> Catalogue {
        let mut by_key = HashMap::new();
        for (i, s) in standards.iter().enumerate() {
            by_key.insert(s.id.to_lowercase(), i);
        }
        for (i, s) in standards.iter().enumerate() {
            for alias in &s.aliases {
                by_key
                    .entry(super::normalize_name(alias).to_lowercase())
                    .or_insert(i);
            }
        }
        let mut families_of: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, s) in standards.iter().enumerate() {
            for m in &s.members {
                if let Some(&member) = by_key.get(&m.to_lowercase()) {
                    families_of.entry(member).or_default().push(i);
                }
            }
        }
        Catalogue {
            standards,
            sources,
            by_key,
            families_of,
        }
    }

    /// A standard by id or alias (case-insensitive, white space collapsed; a GEMMA Object ID works too).
    pub fn find(&self, text: &str) -> Option<usize> {
        let key = super::normalize_name(text).to_lowercase();
        self.by_key
            .get(&key)
            .copied()
            .or_else(|| super::normalize_guid(text).and_then(|g| self.by_key.get(&g).copied()))
    }

    pub fn get(&self, i: usize) -> &CatalogueStandard {
        &self.standards[i]
    }

    /// The closest ids for an unknown standard.
    pub fn suggest(&self, text: &str) -> Vec<String> {
        closest(text, self.standards.iter().map(|s| s.id.as_str()), 3)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Whether implementing `have` satisfies the standard `want`: the same, a member of the
    /// family `want`, or the family of the member `want`.
    pub fn satisfies(&self, have: usize, want: usize) -> bool {
        have == want
            || self.standards[want]
                .members
                .iter()
                .any(|m| self.find(m) == Some(have))
            || self
                .families_of
                .get(&want)
                .is_some_and(|f| f.contains(&have))
    }
}
