//! The standards catalogue (`models/standards.yaml`), extended by the model's own `standards:`.
//! A standard is named by its id or an alias, case-insensitively; families (`zgw-apis`) and
//! their members satisfy each other.

use foldhash::{HashMap, HashMapExt};

use serde::Deserialize;

use crate::model::selector::Selector;
use crate::model::{Kind, StandardStatus};
use crate::syntax::Node;
use crate::text::{FileId, Loc, Problem, Sources, closest, normalize_name};

/// One standard in the catalogue.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
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
    /// The primary page the status was read from, with the date of the decision that set it.
    pub status_source: Option<StatusSource>,
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
    /// `applies_to`, read.
    #[serde(skip)]
    #[schemars(skip)]
    pub selector: Option<Selector>,
}

/// Where a standard's status was read: a primary page, and what it says.
#[derive(Clone, Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusSource {
    pub url: String,
    /// forum | nora-fs | staatsblad | staatscourant | other
    pub kind: String,
    /// The date the page was read.
    pub read_on: String,
    /// The date of the decision that set the status, where the page shows it.
    pub decided: Option<String>,
    /// What is known of that date, and from where, when the page does not show it.
    pub decided_basis: Option<String>,
    /// The page's own words.
    pub quote: String,
}

/// What one source says a standard's status is.
#[derive(Clone, Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceStatement {
    pub source: String,
    pub status: String,
    pub note: Option<String>,
}

/// A standards catalogue file: the shipped `models/standards.yaml`, or a municipality's own
/// (`[models] standards` in gemmalint.toml).
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardsFile {
    /// Where the file's data comes from (required in the shipped catalogue, optional in a user's).
    #[allow(dead_code)]
    #[serde(default)]
    source: serde_json::Value,
    #[serde(default)]
    sources: HashMap<String, SourceInfo>,
    standards: Vec<CatalogueStandard>,
}

/// Where a status statement comes from.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
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
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    pub standards: Vec<CatalogueStandard>,
    pub sources: HashMap<String, SourceInfo>,
    by_key: HashMap<String, usize>,
    /// member → the families it belongs to
    families_of: HashMap<usize, Vec<usize>>,
    /// family → its members that the catalogue holds
    members_of: HashMap<usize, Vec<usize>>,
}

impl Catalogue {
    fn read_registered(sources: &Sources, id: FileId) -> Result<Catalogue, Problem> {
        let (file, id): (StandardsFile, _) = super::read_registered(sources, id)?;
        Catalogue::from_file(file, Some(id))
    }

    /// A catalogue from its file, read: each `applies_to` read as a selector. `id` places the
    /// problems (the shipped catalogue, compiled to JSON, has no place: a problem there is a bug).
    pub(super) fn from_file(
        mut file: StandardsFile,
        id: Option<FileId>,
    ) -> Result<Catalogue, Problem> {
        for s in &mut file.standards {
            if let Some(node) = &s.applies_to {
                let selector = Selector::parse(node, id)?;
                // Only applications and interfaces list the standards they implement.
                if !matches!(selector.kind, Kind::Application | Kind::Interface) {
                    let at = node.get("kind").map_or(node.span, |k| k.span);
                    return Err(Problem::new(format!(
                        "`applies_to` of the standard `{}` selects {}s, which do not implement standards",
                        s.id,
                        selector.kind.noun()
                    ))
                    .at_opt(id.map(|id| Loc::new(id, at)))
                    .help("select `kind: application` or `kind: interface`"));
                }
                s.selector = Some(selector);
            }
        }
        Ok(Catalogue::new(file.standards, file.sources))
    }

    /// Adds a user's catalogue file (`[models] standards` in the config): its standards are added,
    /// and one with the id of a shipped standard replaces it.
    pub fn extend(&mut self, sources: &Sources, id: FileId) -> Result<(), Problem> {
        let other = Catalogue::read_registered(sources, id)?;
        let mut standards = std::mem::take(&mut self.standards);
        let mut at: HashMap<String, usize> = standards
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        for s in other.standards {
            match at.get(&s.id) {
                Some(&i) => standards[i] = s,
                None => {
                    at.insert(s.id.clone(), standards.len());
                    standards.push(s);
                }
            }
        }
        let mut all_sources = std::mem::take(&mut self.sources);
        all_sources.extend(other.sources);
        *self = Catalogue::new(standards, all_sources);
        Ok(())
    }

    /// Whether `open-standards` requires it: mandatory, and the sources agree.
    pub fn is_enforced(&self, i: usize) -> bool {
        let s = &self.standards[i];
        s.selector.is_some()
            && s.conflicts.is_none()
            && matches!(
                s.status,
                StandardStatus::WettelijkVerplicht | StandardStatus::Verplicht
            )
    }

    fn new(standards: Vec<CatalogueStandard>, sources: HashMap<String, SourceInfo>) -> Catalogue {
        let mut by_key = HashMap::new();
        for (i, s) in standards.iter().enumerate() {
            by_key.insert(s.id.to_lowercase(), i);
        }
        for (i, s) in standards.iter().enumerate() {
            for alias in &s.aliases {
                by_key
                    .entry(normalize_name(alias).to_lowercase())
                    .or_insert(i);
            }
        }
        // The names `gemmalint standards` shows (`security.txt`) are found as they are shown.
        for (i, s) in standards.iter().enumerate() {
            by_key
                .entry(normalize_name(&s.name).to_lowercase())
                .or_insert(i);
        }
        let mut catalogue = Catalogue {
            standards,
            sources,
            by_key,
            families_of: HashMap::new(),
            members_of: HashMap::new(),
        };
        for (i, s) in catalogue.standards.iter().enumerate() {
            for m in &s.members {
                if let Some(member) = catalogue.find(m) {
                    catalogue.families_of.entry(member).or_default().push(i);
                    catalogue.members_of.entry(i).or_default().push(member);
                }
            }
        }
        catalogue
    }

    /// A standard by id or alias (case-insensitive, white space collapsed; a GEMMA Object ID works too).
    pub fn find(&self, text: &str) -> Option<usize> {
        let key = normalize_name(text).to_lowercase();
        self.by_key
            .get(&key)
            .copied()
            .or_else(|| super::normalize_guid(text).and_then(|g| self.by_key.get(&g).copied()))
    }

    pub fn get(&self, i: usize) -> &CatalogueStandard {
        &self.standards[i]
    }

    /// The ids of the standards closest to an unknown name: first those whose id, alias or name
    /// contains every word of it, then by similar spelling of id, alias or name (`WCAG 2.1` → the Digitoegankelijk standard).
    pub fn suggest(&self, text: &str) -> Vec<String> {
        let wanted = text.to_lowercase();
        let words: Vec<&str> = wanted
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 1)
            .collect();
        let mut out: Vec<String> = Vec::new();
        let mut push = |id: &str| {
            if !out.iter().any(|o| o == id) && out.len() < 3 {
                out.push(id.to_owned());
            }
        };
        // Every word appears in an id, alias or name, preferring stronger statuses.
        let mut containing: Vec<&CatalogueStandard> = self
            .standards
            .iter()
            .filter(|s| {
                !words.is_empty()
                    && words.iter().all(|w| {
                        s.id.contains(w)
                            || s.name.to_lowercase().contains(w)
                            || s.aliases.iter().any(|a| a.to_lowercase().contains(w))
                    })
            })
            .collect();
        containing.sort_by_key(|s| (s.status, s.id.len()));
        let keys: Vec<(&str, &str)> = self
            .standards
            .iter()
            .flat_map(|s| {
                std::iter::once((s.id.as_str(), s.id.as_str()))
                    .chain(std::iter::once((s.name.as_str(), s.id.as_str())))
                    .chain(s.aliases.iter().map(move |a| (a.as_str(), s.id.as_str())))
            })
            .collect();
        // A name that holds every word written is the stronger hint than a similar spelling.
        for s in containing {
            push(&s.id);
        }
        for name in closest(text, keys.iter().map(|(k, _)| *k), 3) {
            if let Some((_, id)) = keys.iter().find(|(k, _)| *k == name) {
                push(id);
            }
        }
        out
    }

    /// The standards whose implementation satisfies `want`: itself, its members (a family),
    /// and its families (a member). A handful, whatever the catalogue's size.
    pub fn satisfying(&self, want: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(want)
            .chain(self.members_of.get(&want).into_iter().flatten().copied())
            .chain(self.families_of.get(&want).into_iter().flatten().copied())
    }

    /// Whether implementing `have` satisfies the standard `want`: the same, a member of the
    /// family `want`, or the family of the member `want`.
    pub fn satisfies(&self, have: usize, want: usize) -> bool {
        have == want
            || self
                .members_of
                .get(&want)
                .is_some_and(|m| m.contains(&have))
            || self
                .families_of
                .get(&want)
                .is_some_and(|f| f.contains(&have))
    }
}
