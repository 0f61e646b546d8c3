//! Which rules run and at which severity: the card's defaults, then the packs in order, then
//! `[rules]`, then the command line.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;

use super::{Level, Pack, Registry, RuleSetting, Severity};
use crate::syntax::{self, Sp};
use crate::text::{FileId, Loc, Problem, did_you_mean, shorten};

/// Which rules run and at which severity, after card defaults, packs, `[rules]` and the command line.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// (rule, variant) → severity; a missing entry means off.
    levels: HashMap<(String, String), Severity>,
    /// (rule, variant) → what set its severity, when not the card.
    origins: HashMap<(String, String), Origin>,
    enabled: BTreeMap<String, bool>,
}

/// What set a variant's severity: its card's default, a pack (by id), or the config's `[rules]`
/// (or the command line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    #[default]
    Card,
    Pack(String),
    Config,
}

/// One `[rules]`-style table from a file: settings with the file they were written in.
pub struct SettingSource<'a> {
    pub file: FileId,
    pub settings: &'a syntax::IdMap<RuleSetting>,
    /// A pack failed to load, so a rule it would have defined is not unknown: skip such names
    /// quietly (the pack's problem says what to fix).
    pub packs_incomplete: bool,
}

impl Settings {
    /// Resolves severities: the card < the packs, in list order < `[rules]` (and the command line,
    /// given as a last source). Every rule is on at its card's default until something turns it
    /// (or one of its variants) `off`; naming it again with a level turns it back on.
    pub fn resolve(
        registry: &Registry,
        packs: &[&Pack],
        tables: &[SettingSource<'_>],
        problems: &mut Vec<Problem>,
    ) -> Settings {
        let mut s = Settings::default();
        for card in &registry.cards {
            s.enabled.insert(card.id.clone(), true);
            for v in &card.variants {
                s.levels.insert((card.id.clone(), v.id.clone()), v.severity);
            }
        }
        let mut off: HashMap<(String, String), bool> = HashMap::new();
        for pack in packs {
            problems.extend(unknown_rules_of(registry, pack));
            s.apply_pack(registry, pack, &mut off, problems);
        }
        for table in tables {
            for (rule, setting) in table.settings.iter() {
                if registry.card(&rule.value).is_none() {
                    let message = format!("unknown rule `{}`", shorten(&rule.value));
                    if !table.packs_incomplete {
                        problems.push(unknown_rule(registry, message, rule, table.file));
                    } else if let Some(close) = registry.suggest_rule(&rule.value) {
                        // A pack that could not be read may define the rule; a name this close
                        // to a known rule is a typo all the same, and is said now, not next run.
                        problems.push(
                            Problem::new(message)
                                .at(Loc::new(table.file, rule.span))
                                .help(close),
                        );
                    }
                    continue;
                }
                s.enabled.insert(rule.value.clone(), true);
                let file = Some(table.file);
                let origin = Origin::Config;
                s.apply(
                    registry,
                    &rule.value,
                    setting,
                    &mut off,
                    (file, origin),
                    problems,
                );
            }
        }
        for (key, is_off) in off {
            if is_off {
                s.levels.remove(&key);
            }
        }
        s
    }

    /// A pack sets the severities its policy asks for.
    fn apply_pack(
        &mut self,
        registry: &Registry,
        pack: &Pack,
        off: &mut HashMap<(String, String), bool>,
        problems: &mut Vec<Problem>,
    ) {
        for (rule, setting) in pack.severity.iter() {
            let origin = Origin::Pack(pack.id.clone());
            self.apply(
                registry,
                &rule.value,
                setting,
                off,
                (None, origin),
                problems,
            );
        }
    }

    fn apply(
        &mut self,
        registry: &Registry,
        rule: &str,
        setting: &RuleSetting,
        off: &mut HashMap<(String, String), bool>,
        (file, origin): (Option<FileId>, Origin),
        problems: &mut Vec<Problem>,
    ) {
        let Some(card) = registry.card(rule) else {
            return;
        };
        let mut set = |variant: &str, level: Level, this: &mut Settings| {
            let key = (rule.to_owned(), variant.to_owned());
            match level {
                Level::Off => {
                    this.origins.insert(key.clone(), origin.clone());
                    off.insert(key, true);
                }
                Level::On(sev) => {
                    off.insert(key.clone(), false);
                    this.origins.insert(key.clone(), origin.clone());
                    this.levels.insert(key, sev);
                }
            }
        };
        match setting {
            RuleSetting::All(level) => {
                for v in &card.variants {
                    set(&v.id, level.value, self);
                }
            }
            RuleSetting::PerVariant(entries) => {
                // `default` first, so that named variants override it whatever the order.
                for (name, level) in entries.iter().filter(|(n, _)| n.value == "default") {
                    let _ = name;
                    for v in &card.variants {
                        set(&v.id, level.value, self);
                    }
                }
                for (name, level) in entries.iter().filter(|(n, _)| n.value != "default") {
                    if card.variant(&name.value).is_some() {
                        set(&name.value, level.value, self);
                    } else if let Some(file) = file {
                        let ids = card
                            .variants
                            .iter()
                            .map(|v| v.id.as_str())
                            .chain(["default"]);
                        problems.push(
                            Problem::new(format!(
                                "the rule `{rule}` has no variant `{}`",
                                shorten(&name.value)
                            ))
                            .at(Loc::new(file, name.span))
                            .help(
                                did_you_mean(&name.value, ids).unwrap_or_else(|| {
                                    format!("`gemmalint explain {rule}` lists its variants")
                                }),
                            ),
                        );
                    }
                }
            }
        }
    }

    pub fn is_enabled(&self, rule: &str) -> bool {
        self.enabled.get(rule).copied().unwrap_or(false)
    }

    /// The severity of a variant, or `None` when it is off.
    pub fn severity(&self, rule: &str, variant: &str) -> Option<Severity> {
        if !self.is_enabled(rule) {
            return None;
        }
        self.levels
            .get(&(rule.to_owned(), variant.to_owned()))
            .copied()
    }

    /// What set a variant's severity.
    pub fn origin(&self, rule: &str, variant: &str) -> &Origin {
        static CARD: Origin = Origin::Card;
        self.origins
            .get(&(rule.to_owned(), variant.to_owned()))
            .unwrap_or(&CARD)
    }

    /// Keeps only these rules on (and turns them on when a pack left them off).
    pub fn only(&mut self, rules: &[String]) {
        for (rule, enabled) in self.enabled.iter_mut() {
            *enabled = rules.contains(rule);
        }
    }
}

/// The rules (and variants) a user's pack names that do not exist (a built-in pack is checked
/// by the tests).
fn unknown_rules_of(registry: &Registry, pack: &Pack) -> Vec<Problem> {
    let Some(file) = pack.file else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for written in pack.principles.iter().flat_map(|p| p.rules.iter()) {
        let cited = super::pack::Cited::parse(&written.value);
        let (rule, variant) = (cited.rule, cited.variant);
        let Some(card) = registry.card(rule) else {
            let message = format!(
                "the pack `{}` names the unknown rule `{}`",
                pack.id,
                shorten(rule)
            );
            let word = Sp::new(rule.to_owned(), written.span);
            problems.push(unknown_rule(registry, message, &word, file));
            continue;
        };
        if let Some(variant) = variant
            && card.variant(variant).is_none()
        {
            let ids: Vec<&str> = card.variants.iter().map(|v| v.id.as_str()).collect();
            problems.push(
                Problem::new(format!(
                    "the rule `{rule}` has no variant `{}`",
                    shorten(variant)
                ))
                .at(Loc::new(file, written.span))
                .help(
                    did_you_mean(variant, ids).unwrap_or_else(|| {
                        format!("`gemmalint explain {rule}` lists its variants")
                    }),
                ),
            );
        }
    }
    for (rule, _) in pack.severity.iter() {
        if registry.card(&rule.value).is_none() {
            let message = format!(
                "the pack `{}` names the unknown rule `{}`",
                pack.id,
                shorten(&rule.value)
            );
            problems.push(unknown_rule(registry, message, rule, file));
        }
    }
    problems
}

/// A problem about an unknown rule name, with the closest rule ids.
fn unknown_rule(registry: &Registry, message: String, word: &Sp<String>, file: FileId) -> Problem {
    Problem::new(message).at(Loc::new(file, word.span)).help(
        registry
            .suggest_rule(&word.value)
            .unwrap_or_else(|| "`gemmalint rules` lists the rules".to_owned()),
    )
}
