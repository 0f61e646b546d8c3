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

/// What one entry of a principle's `rules` names: a rule (`open-standards`), one of its
/// variants (`open-standards/verplicht`), or the findings of a variant about one thing
/// (`open-standards/verplicht:pdf-en-iso`: the standard the finding is about).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cited<'a> {
    pub rule: &'a str,
    pub variant: Option<&'a str>,
    pub about: Option<&'a str>,
}

impl<'a> Cited<'a> {
    pub fn parse(written: &'a str) -> Cited<'a> {
        match written.split_once('/') {
            None => Cited {
                rule: written,
                variant: None,
                about: None,
            },
            Some((rule, rest)) => match rest.split_once(':') {
                Some((variant, about)) => Cited {
                    rule,
                    variant: Some(variant),
                    about: Some(about),
                },
                None => Cited {
                    rule,
                    variant: Some(rest),
                    about: None,
                },
            },
        }
    }
}

impl Principle {
    /// Whether the principle cites a rule — as a whole, or (with `variant`) that variant.
    /// A principle that names some variants of a rule cites those only; one that names a
    /// variant's findings about one thing cites that variant.
    pub fn cites(&self, rule: &str, variant: Option<&str>) -> bool {
        self.rules.iter().any(|r| {
            let c = Cited::parse(&r.value);
            c.rule == rule && (variant.is_none() || c.variant.is_none() || c.variant == variant)
        })
    }

    /// Whether the principle cites one finding: its rule, variant and what it is about (its
    /// key's discriminator, such as the standard an `open-standards` finding names).
    pub fn cites_finding(&self, rule: &str, variant: &str, about: Option<&str>) -> bool {
        self.rules.iter().any(|r| {
            let c = Cited::parse(&r.value);
            c.rule == rule
                && c.variant.is_none_or(|v| v == variant)
                && c.about.is_none_or(|a| Some(a) == about)
        })
    }

    /// Whether some entry names the findings of this variant about one thing only.
    pub fn cites_about(&self, rule: &str, variant: &str) -> bool {
        self.rules.iter().any(|r| {
            let c = Cited::parse(&r.value);
            c.rule == rule && c.variant == Some(variant) && c.about.is_some()
        })
    }
}

/// A principle as it applies to one rule.
#[derive(Clone, Debug)]
pub struct Citation<'a> {
    pub pack: &'a Pack,
    pub principle: &'a Principle,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Sp;

    fn principle(rules: &[&str]) -> Principle {
        let mut p: Principle = toml::from_str("id = \"p\"\ntitle = \"P\"").expect("a principle");
        p.rules = rules
            .iter()
            .map(|r| Sp::new((*r).to_owned(), Default::default()))
            .collect();
        p
    }

    #[test]
    fn a_principle_cites_a_rule_a_variant_or_what_its_findings_are_about() {
        let pdf = principle(&["open-standards/verplicht:pdf-en-iso"]);
        assert!(pdf.cites("open-standards", None));
        assert!(pdf.cites("open-standards", Some("verplicht")));
        assert!(!pdf.cites("open-standards", Some("unconfirmed")));
        assert!(pdf.cites_finding("open-standards", "verplicht", Some("pdf-en-iso")));
        assert!(!pdf.cites_finding("open-standards", "verplicht", Some("security-txt")));
        assert!(pdf.cites_about("open-standards", "verplicht"));
        let whole = principle(&["open-standards"]);
        assert!(whole.cites_finding("open-standards", "verplicht", Some("security-txt")));
        assert!(!whole.cites_about("open-standards", "verplicht"));
        assert_eq!(
            Cited::parse("a/b:c"),
            Cited {
                rule: "a",
                variant: Some("b"),
                about: Some("c")
            }
        );
    }
}
