//! Rule cards (`rules/cards/<id>.toml`): everything a user reads about a rule — its title,
//! scope, variants with their default severities, and docs.

use serde::Deserialize;

use super::Severity;

/// One rule, as its card describes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub title: String,
    /// The title in Dutch, for reports in Dutch (the default language of reports).
    #[serde(default)]
    pub title_nl: Option<String>,
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
    /// What the default severity rests on: a principle of a pack that rests on law or on GEMMA
    /// (`wettelijk-kader/avg-30-register`), `model` (the model's own soundness) or `advice`
    /// (nothing makes it mandatory: reported as information).
    pub rests_on: Option<String>,
}

/// What a variant's default severity rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestsOn<'a> {
    Principle { pack: &'a str, principle: &'a str },
    Model,
    Advice,
}

impl Variant {
    /// What its default rests on, read; `None` when the card does not say.
    pub fn rests_on(&self) -> Option<RestsOn<'_>> {
        match self.rests_on.as_deref()? {
            "model" => Some(RestsOn::Model),
            "advice" => Some(RestsOn::Advice),
            other => other
                .split_once('/')
                .map(|(pack, principle)| RestsOn::Principle { pack, principle }),
        }
    }
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
