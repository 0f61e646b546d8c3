//! The rule catalogue layer: rule cards, policy packs, field rules, severity settings, the
//! config that selects them, and selectors evaluated against the graph. `rules`, `explain`,
//! the SARIF rule metadata and the README's rule table all render from here.

mod card;
pub mod config;
pub(crate) mod field_rule;
mod pack;
pub(crate) mod select;
mod settings;
mod severity;

pub use card::{Card, Docs, Parameter, RestsOn, Variant};
pub use pack::{Citation, Cited, Pack, PackKind, Principle, RuleSetting};
pub use settings::{Origin, SettingSource, Settings};
pub use severity::{Level, Severity};

use crate::model::{Kind, Model};
use crate::reference::Reference;
use crate::syntax;
use crate::text::{Language, Loc, Problem, SourceFile, closest, did_you_mean, shorten, suggestion};

include!(concat!(env!("OUT_DIR"), "/packs.rs"));

/// The packs used when the config names none: the law, and GEMMA with NORA. Every built-in rule
/// runs without them too; they supply the principles findings cite.
pub const DEFAULT_PACKS: &[&str] = &["wettelijk-kader", "gemma"];

/// All cards and the selected packs.
#[derive(Debug, Default)]
pub struct Registry {
    pub cards: Vec<Card>,
    pub packs: Vec<Pack>,
    /// The field rules of the selected packs, with the pack that defines each.
    pub field_rules: Vec<(String, field_rule::Compiled)>,
    /// The packs the config selects, in order: only their principles are cited.
    pub selected: Vec<String>,
}

fn parse_builtin<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, String> {
    let node = syntax::parse_toml(text).map_err(|e| format!("{path}: {}", e.message))?;
    syntax::from_node(&node, text, None).map_err(|e| {
        let file = SourceFile::new(path.to_owned(), text.to_owned(), Language::Toml);
        let (line, col) = e.span.map_or((0, 0), |s| file.line_col(s.start as usize));
        format!("{path}:{line}:{col}: {}", e.message)
    })
}

impl Registry {
    /// The given cards (id, text), in order, and every built-in pack. Built-in data is checked
    /// by the tests, so a failure here is a bug in gemmalint.
    pub fn new<'a>(
        cards: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Registry, String> {
        let cards = cards
            .into_iter()
            .map(|(id, text)| parse_builtin::<Card>(&format!("rules/cards/{id}.toml"), text))
            .collect::<Result<Vec<_>, _>>()?;
        let packs = BUILTIN_PACKS
            .iter()
            .map(|(id, text)| parse_builtin::<Pack>(&format!("rules/packs/{id}/pack.toml"), text))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Registry {
            cards,
            packs,
            field_rules: Vec::new(),
            selected: Vec::new(),
        })
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.cards.iter().map(|c| c.id.as_str())
    }

    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// Compiles the field rules of the selected packs into cards and runnable rules.
    pub fn add_field_rules(&mut self, selected: &[String]) -> Vec<Problem> {
        let mut problems = Vec::new();
        for pack_id in selected {
            let Some(pack) = self.pack(pack_id).cloned() else {
                continue;
            };
            let principles: Vec<&str> = pack.principles.iter().map(|p| p.id.as_str()).collect();
            for rule in &pack.field_rules {
                let known: Vec<&str> = self.rule_ids().collect();
                match field_rule::Compiled::compile(rule, &pack.id, pack.file, &known, &principles)
                {
                    Ok(compiled) => {
                        self.cards.push(compiled.card(&pack.id));
                        self.field_rules.push((pack.id.clone(), compiled));
                    }
                    Err(p) => problems.push(p),
                }
            }
        }
        problems
    }

    /// Field rules may only require standards the catalogue or the model's own `standards:`
    /// know (both are read after the packs, so this runs once they are there); otherwise every
    /// element would fail them.
    pub fn check_field_rule_standards(
        &self,
        reference: &Reference,
        model: &Model,
        problems: &mut Vec<Problem>,
    ) {
        let standards = &reference.standards;
        for (pack_id, compiled) in &self.field_rules {
            let file = self.pack(pack_id).and_then(|p| p.file);
            for written in &compiled.rule.require.standards {
                if reference.standard(model, &written.value).is_some() {
                    continue;
                }
                // The model's own standards first: a close one there is the likelier meaning.
                let local = model.ids(Kind::Standard);
                let mut suggestions: Vec<String> = closest(&written.value, local, 2)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                suggestions.extend(standards.suggest(&written.value));
                suggestions.truncate(3);
                let p = Problem::new(format!(
                    "the field rule `{}` requires the unknown standard `{}`",
                    compiled.rule.id.value,
                    shorten(&written.value)
                ))
                .help(match suggestion(&suggestions) {
                    None => "name a standard by its id or an alias, from the catalogue (`gemmalint standards TEXT` searches it) or the model's `standards:`".to_owned(),
                    Some(hint) => format!("{hint} `gemmalint standards TEXT` searches the catalogue"),
                })
                .at_opt(file.map(|f| Loc::new(f, written.span)));
                problems.push(p);
            }
        }
    }

    /// The principles of the selected packs that cite a rule (with `variant`, those that cite
    /// that variant), in the order of the packs.
    pub fn citations(&self, rule: &str, variant: Option<&str>) -> Vec<Citation<'_>> {
        self.selected
            .iter()
            .filter_map(|id| self.pack(id))
            .flat_map(|pack| {
                let own = pack
                    .field_rules
                    .iter()
                    .find(|f| f.id.value == rule)
                    .and_then(|f| f.principle.as_ref());
                pack.principles
                    .iter()
                    .filter(move |p| p.cites(rule, variant) || own.is_some_and(|o| o.value == p.id))
                    .map(move |principle| Citation { pack, principle })
            })
            .collect()
    }

    /// The principles of the selected packs that cite one finding: as [`Registry::citations`]
    /// for its variant, less those that cite the variant's findings about another thing
    /// (IMP052 on durable file formats cites `open-standards/verplicht:pdf-en-iso`, not every
    /// missing standard).
    pub fn citations_of_finding(
        &self,
        rule: &str,
        variant: &str,
        about: Option<&str>,
    ) -> Vec<Citation<'_>> {
        self.citations(rule, Some(variant))
            .into_iter()
            .filter(|c| {
                c.principle.cites_finding(rule, variant, about)
                    || c.pack.field_rules.iter().any(|f| {
                        f.id.value == rule
                            && f.principle
                                .as_ref()
                                .is_some_and(|o| o.value == c.principle.id)
                    })
            })
            .collect()
    }

    /// Whether a principle of the selected packs cites a variant's findings about one thing
    /// only, so that its findings' principles depend on what each is about.
    pub fn cites_about(&self, rule: &str, variant: &str) -> bool {
        self.selected
            .iter()
            .filter_map(|id| self.pack(id))
            .flat_map(|pack| pack.principles.iter())
            .any(|p| p.cites_about(rule, variant))
    }

    /// A principle of a built-in or selected pack, by pack id and principle id.
    pub fn principle(&self, pack: &str, principle: &str) -> Option<Citation<'_>> {
        let pack = self.pack(pack)?;
        let principle = pack.principles.iter().find(|p| p.id == principle)?;
        Some(Citation { pack, principle })
    }

    /// "did you mean" for an unknown rule id.
    pub fn suggest_rule(&self, word: &str) -> Option<String> {
        did_you_mean(word, self.rule_ids())
    }
}
