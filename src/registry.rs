//! The rule registry: rule cards (`rules/cards/<id>.toml`) and policy packs
//! (`rules/packs/<pack>/pack.toml`), compiled into the binary. `rules`, `explain`, the SARIF
//! rule metadata and the README's rule table all render from here.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::finding::Severity;
use crate::problem::{Problem, did_you_mean};
use crate::source::{FileId, Language, Loc, SourceFile};
use crate::tree::{self, Sp};

macro_rules! builtin {
    ($dir:literal, $($id:literal),+ $(,)?) => {
        &[$(($id, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $dir, "/", $id, ".toml")))),+]
    };
}

/// Every built-in rule card: (id, text). Adding a rule adds a line here.
pub const BUILTIN_CARDS: &[(&str, &str)] = builtin!(
    "cards",
    "model-integrity",
    "ownership",
    "gemma-mapping",
    "single-source",
    "rest-api",
    "open-source-unless",
    "open-standards",
    "decoupled-components",
    "privacy-by-design",
    "human-decides",
    "archiving-by-design",
    "accessibility",
    "lifecycle",
    "waivers",
);

/// Every built-in pack: (name, text).
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    (
        "gemma",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rules/packs/gemma/pack.toml"
        )),
    ),
    (
        "nijmegen-2020-2024",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rules/packs/nijmegen-2020-2024/pack.toml"
        )),
    ),
];

/// The packs used when the config names none.
pub const DEFAULT_PACKS: &[&str] = &["gemma", "nijmegen-2020-2024"];

/// One rule, as its card describes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub title: String,
    /// One sentence for `gemmalint rules`.
    pub summary: String,
    /// What the rule looks at.
    pub scope: String,
    /// `model-integrity` and `waivers` cannot be waived.
    #[serde(default = "yes")]
    pub waivable: bool,
    pub variants: Vec<Variant>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    pub docs: Docs,
}

fn yes() -> bool {
    true
}

/// A concrete thing the rule finds, with its default severity.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub id: String,
    pub severity: Severity,
    pub description: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub name: String,
    pub default: String,
    pub description: String,
}

/// The fixed headings of a rule's documentation.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// What it checks.
    pub what: String,
    /// Why it matters here.
    pub why: String,
    /// A model file on which the rule fires.
    pub example: String,
    /// The same model, fixed: the rule is silent.
    pub fix: String,
    /// Files the examples refer to (an OpenAPI document), by path.
    #[serde(default)]
    pub files: std::collections::BTreeMap<String, String>,
}

impl Card {
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }
}

/// A severity as configuration writes it: a level, or "off".
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = String::deserialize(d)?;
        match word.as_str() {
            "off" => Ok(Level::Off),
            other => Severity::parse(other).map(Level::On).ok_or_else(|| {
                de::Error::unknown_variant(other, &["error", "warning", "info", "off"])
            }),
        }
    }
}

/// `rule = "warning"` or `rule = { default = "error", some-variant = "info" }`.
#[derive(Clone, Debug)]
pub enum RuleSetting {
    All(Sp<Level>),
    PerVariant(Vec<(Sp<String>, Sp<Level>)>),
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SettingVisitor;
        impl<'de> Visitor<'de> for SettingVisitor {
            type Value = RuleSetting;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level (error, warning, info, off) or a table of levels per variant")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RuleSetting, E> {
                use serde::de::IntoDeserializer;
                Level::deserialize(v.into_deserializer())
                    .map(|l| RuleSetting::All(Sp::new(l, Default::default())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleSetting, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Sp<String>>()? {
                    out.push((key, map.next_value::<Sp<Level>>()?));
                }
                Ok(RuleSetting::PerVariant(out))
            }
        }
        d.deserialize_any(SettingVisitor)
    }
}

/// A policy pack: its principles and the rules that enforce them.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// The pack's id, as `packs` in gemmalint.toml names it.
    pub id: String,
    pub title: String,
    /// Where the principles come from.
    pub source: String,
    /// The rules this pack switches on.
    #[serde(default)]
    pub rules: Vec<Sp<String>>,
    #[serde(default)]
    pub principles: Vec<Principle>,
    /// Severity overrides, as `[rules]` in the config.
    #[serde(default)]
    pub severity: tree::IdMap<RuleSetting>,
    /// The pack's own declarative rules.
    #[serde(default)]
    pub field_rules: Vec<crate::field_rules::FieldRule>,
    /// The file the pack was read from (user packs), for placing problems.
    #[serde(skip)]
    pub file: Option<FileId>,
}

/// One principle ("uitgangspunt") of a policy, in its own words.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// The principle's id within the pack.
    pub id: String,
    /// The policy's track ("spoor").
    pub track: Option<String>,
    pub title: String,
    /// The policy's exact words.
    pub quote: Option<String>,
    /// The rules that enforce it.
    #[serde(default)]
    pub rules: Vec<Sp<String>>,
    /// Why a principle cannot be checked against a landscape model.
    pub not_checkable: Option<String>,
}

/// A principle as it applies to one rule.
#[derive(Clone, Debug)]
pub struct Citation<'a> {
    pub pack: &'a Pack,
    pub principle: &'a Principle,
}

/// All cards and the selected packs.
#[derive(Debug, Default)]
pub struct Registry {
    pub cards: Vec<Card>,
    pub packs: Vec<Pack>,
    /// The field rules of the selected packs, with the pack that defines each.
    pub field_rules: Vec<(String, crate::field_rules::Compiled)>,
}

fn parse_builtin<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, String> {
    let node = tree::parse_toml(text).map_err(|e| format!("{path}: {}", e.message))?;
    tree::from_node(&node, text, None).map_err(|e| {
        let file = SourceFile::new(path.to_owned(), text.to_owned(), Language::Toml);
        let (line, col) = e.span.map_or((0, 0), |s| file.line_col(s.start as usize));
        format!("{path}:{line}:{col}: {}", e.message)
    })
}

impl Registry {
    /// The built-in cards and every built-in pack. Built-in data is checked by the tests, so a
    /// failure here is a bug in gemmalint.
    pub fn builtin() -> Result<Registry, String> {
        let cards = BUILTIN_CARDS
            .iter()
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
    pub fn add_field_rules(&mut self, selected: &[String], problems: &mut Vec<Problem>) {
        for pack_id in selected {
            let Some(pack) = self.pack(pack_id).cloned() else {
                continue;
            };
            let principles: Vec<&str> = pack.principles.iter().map(|p| p.id.as_str()).collect();
            for rule in &pack.field_rules {
                let known: Vec<&str> = self.rule_ids().collect();
                match crate::field_rules::Compiled::compile(
                    rule,
                    &pack.id,
                    pack.file,
                    &known,
                    &principles,
                ) {
                    Ok(compiled) => {
                        self.cards.push(compiled.card(&pack.id));
                        self.field_rules.push((pack.id.clone(), compiled));
                    }
                    Err(p) => problems.push(p),
                }
            }
        }
    }

    /// Field rules may only require standards the catalogue or the model's own `standards:`
    /// know (both are read after the packs, so this runs once they are there); otherwise every
    /// element would fail them.
    pub fn check_field_rule_standards(
        &self,
        reference: &crate::reference::Reference,
        model: &crate::model::Model,
        problems: &mut Vec<Problem>,
    ) {
        let standards = &reference.standards;
        for (pack_id, compiled) in &self.field_rules {
            let file = self.pack(pack_id).and_then(|p| p.file);
            for written in &compiled.rule.require.standards {
                if crate::graph::resolve_standard(reference, model, &written.value).is_some() {
                    continue;
                }
                // The model's own standards first: a close one there is the likelier meaning.
                let local = model.ids(crate::model::Kind::Standard);
                let mut suggestions: Vec<String> =
                    crate::problem::closest(&written.value, local, 2)
                        .into_iter()
                        .map(str::to_owned)
                        .collect();
                suggestions.extend(standards.suggest(&written.value));
                suggestions.truncate(3);
                let mut p = Problem::new(format!(
                    "the field rule `{}` requires the unknown standard `{}`",
                    compiled.rule.id.value,
                    tree::shorten(&written.value)
                ))
                .help(if suggestions.is_empty() {
                    "name a standard by its id or an alias, from the catalogue (`gemmalint standards TEXT` searches it) or the model's `standards:`".to_owned()
                } else {
                    format!(
                        "did you mean {}? `gemmalint standards TEXT` searches the catalogue",
                        suggestions
                            .iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                });
                if let Some(file) = file {
                    p = p.at(crate::source::Loc::new(file, written.span));
                }
                problems.push(p);
            }
        }
    }

    /// The principles that cite a rule, from every known pack.
    pub fn citations(&self, rule: &str) -> Vec<Citation<'_>> {
        self.packs
            .iter()
            .flat_map(|pack| {
                let own = pack
                    .field_rules
                    .iter()
                    .find(|f| f.id.value == rule)
                    .and_then(|f| f.principle.as_ref());
                pack.principles
                    .iter()
                    .filter(move |p| {
                        p.rules.iter().any(|r| r.value == rule)
                            || own.is_some_and(|o| o.value == p.id)
                    })
                    .map(move |principle| Citation { pack, principle })
            })
            .collect()
    }

    /// "did you mean" for an unknown rule id.
    pub fn suggest_rule(&self, word: &str) -> Option<String> {
        did_you_mean(word, self.rule_ids())
    }
}

/// Which rules run and at which severity, after card defaults, packs, `[rules]` and the command line.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// (rule, variant) → severity; a missing entry means off.
    levels: HashMap<(String, String), Severity>,
    enabled: BTreeMap<String, bool>,
}

/// One `[rules]`-style table from a file: settings with the file they were written in.
pub struct SettingSource<'a> {
    pub file: FileId,
    pub settings: &'a tree::IdMap<RuleSetting>,
    /// A pack failed to load, so a rule it would have defined is not unknown: skip such names
    /// quietly (the pack's problem says what to fix).
    pub packs_incomplete: bool,
}

impl Settings {
    /// Resolves severities: the card < the packs, in list order < `[rules]` (and the command line,
    /// given as a last source). Naming a rule in a settings table turns it on.
    pub fn resolve(
        registry: &Registry,
        packs: &[&Pack],
        tables: &[SettingSource<'_>],
        problems: &mut Vec<Problem>,
    ) -> Settings {
        let mut s = Settings::default();
        for card in &registry.cards {
            s.enabled.insert(card.id.clone(), false);
            for v in &card.variants {
                s.levels.insert((card.id.clone(), v.id.clone()), v.severity);
            }
        }
        let mut off: HashMap<(String, String), bool> = HashMap::new();
        for pack in packs {
            // A user's pack names only rules that exist.
            if let Some(file) = pack.file {
                let named = pack
                    .rules
                    .iter()
                    .chain(pack.principles.iter().flat_map(|p| p.rules.iter()))
                    .chain(pack.severity.iter().map(|(k, _)| k));
                for rule in named {
                    if registry.card(&rule.value).is_none() {
                        problems.push(
                            Problem::new(format!(
                                "the pack `{}` names the unknown rule `{}`",
                                pack.id,
                                tree::shorten(&rule.value)
                            ))
                            .at(Loc::new(file, rule.span))
                            .help(
                                registry.suggest_rule(&rule.value).unwrap_or_else(|| {
                                    "`gemmalint rules` lists the rules".to_owned()
                                }),
                            ),
                        );
                    }
                }
            }
            for rule in pack
                .rules
                .iter()
                .chain(pack.principles.iter().flat_map(|p| p.rules.iter()))
                .chain(pack.field_rules.iter().map(|f| &f.id))
            {
                if let Some(e) = s.enabled.get_mut(&rule.value) {
                    *e = true;
                }
            }
            for (rule, setting) in pack.severity.iter() {
                s.apply(registry, &rule.value, setting, &mut off, None, problems);
            }
        }
        for table in tables {
            for (rule, setting) in table.settings.iter() {
                if registry.card(&rule.value).is_none() {
                    if table.packs_incomplete {
                        continue;
                    }
                    problems.push(
                        Problem::new(format!("unknown rule `{}`", tree::shorten(&rule.value)))
                            .at(Loc::new(table.file, rule.span))
                            .help(
                                registry.suggest_rule(&rule.value).unwrap_or_else(|| {
                                    "`gemmalint rules` lists the rules".to_owned()
                                }),
                            ),
                    );
                    continue;
                }
                s.enabled.insert(rule.value.clone(), true);
                s.apply(
                    registry,
                    &rule.value,
                    setting,
                    &mut off,
                    Some(table.file),
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

    fn apply(
        &mut self,
        registry: &Registry,
        rule: &str,
        setting: &RuleSetting,
        off: &mut HashMap<(String, String), bool>,
        file: Option<FileId>,
        problems: &mut Vec<Problem>,
    ) {
        let Some(card) = registry.card(rule) else {
            return;
        };
        let mut set = |variant: &str, level: Level, this: &mut Settings| {
            let key = (rule.to_owned(), variant.to_owned());
            match level {
                Level::Off => {
                    off.insert(key, true);
                }
                Level::On(sev) => {
                    off.insert(key.clone(), false);
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
                                tree::shorten(&name.value)
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

    /// Keeps only these rules on (and turns them on when a pack left them off).
    pub fn only(&mut self, rules: &[String]) {
        for (rule, enabled) in self.enabled.iter_mut() {
            *enabled = rules.contains(rule);
        }
    }
}
