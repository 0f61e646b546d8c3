//! Policy packs (`rules/packs/<pack>/pack.toml`): a policy's principles in its own words, the
//! rules that enforce each, severity overrides and declarative field rules.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{Level, field_rule::FieldRule};
use crate::syntax::{self, Sp};
use crate::text::FileId;

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
    /// What the pack rests on: `law`, `reference-architecture` (GEMMA, NORA, national policy)
    /// or `municipality` (one municipality's own policy; the default).
    #[serde(default)]
    pub kind: PackKind,
    /// For a municipality's policy: the period it covers ("2020-2024").
    pub period: Option<String>,
    /// Where the principles come from.
    pub source: String,
    #[serde(default)]
    pub principles: Vec<Principle>,
    /// Severity overrides, as `[rules]` in the config.
    #[serde(default)]
    pub severity: syntax::IdMap<RuleSetting>,
    /// The pack's own declarative rules.
    #[serde(default)]
    pub field_rules: Vec<FieldRule>,
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
    /// An English gloss of the quote, for reports in English: an aid to the reader, never a
    /// quotation (the quote stays in its own words).
    pub gloss: Option<String>,
    /// The rules that enforce it: a rule id (`privacy-by-design`), or one of its variants
    /// (`privacy-by-design/no-dpia`) when the principle is the ground of that variant alone.
    #[serde(default)]
    pub rules: Vec<Sp<String>>,
    /// Why a principle cannot be checked against a landscape model.
    pub not_checkable: Option<String>,
}

/// What a pack rests on.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PackKind {
    /// The law: acts, decrees, the AVG.
    Law,
    /// GEMMA, NORA, Common Ground and national policy: what every municipality shares.
    ReferenceArchitecture,
    /// One municipality's own policy.
    #[default]
    Municipality,
}

impl PackKind {
    /// In a sentence: "law", "GEMMA/NORA", "municipal policy".
    pub fn words(self) -> &'static str {
        match self {
            PackKind::Law => "law",
            PackKind::ReferenceArchitecture => "GEMMA/NORA",
            PackKind::Municipality => "municipal policy",
        }
    }
}

impl Principle {
    /// Whether the principle cites a rule — as a whole, or (with `variant`) that variant.
    /// A principle that names some variants of a rule cites those only.
    pub fn cites(&self, rule: &str, variant: Option<&str>) -> bool {
        self.rules.iter().any(|r| match r.value.split_once('/') {
            None => r.value == rule,
            Some((r, v)) => r == rule && variant.is_none_or(|want| want == v),
        })
    }
}

/// A principle as it applies to one rule.
#[derive(Clone, Debug)]
pub struct Citation<'a> {
    pub pack: &'a Pack,
    pub principle: &'a Principle,
}
