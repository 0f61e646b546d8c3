//! The figures layer: who owns what, how well each rule and principle is followed, the "pas toe
//! of leg uit" overview per mandatory standard, the waiver register and the landscape as a
//! picture — counted once from a run's outcome. The JSON contract and every report read these
//! figures, so the gate and the reports never disagree. Nothing here writes text for people:
//! the documents carry ids, names and codes, and `output` words them.

pub mod compliance;
mod compliance_report;
pub mod owners;
mod ownership_report;
pub mod picture;
mod register;

use serde::Serialize;

use crate::catalogue::Registry;
use crate::engine::Outcome;
use crate::model::{Elem, Kind, Model};

pub use compliance::{Compliance, Counts, Status};
pub use compliance_report::{
    ComplianceReport, Explained, PackPrinciples, PrincipleRow, RuleRow, StandardRow,
};
pub use owners::{How, Owned, Ownership};
pub use ownership_report::{OwnerSection, OwnershipReport};
pub use register::{WaiverEntry, WaiverRegister};

/// The language of a report: Dutch by default, English on request.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// A rule's title in the report's language: the card's Dutch title in Dutch; a field rule's
/// title (written in its pack's language) in both.
pub fn rule_title(registry: &Registry, rule: &str, lang: Lang) -> String {
    registry.card(rule).map_or_else(
        || rule.to_owned(),
        |card| match (lang, &card.title_nl) {
            (Lang::Nl, Some(nl)) => nl.clone(),
            _ => card.title.clone(),
        },
    )
}

/// An element as documents name it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Item {
    /// `kind:id`
    pub element: String,
    pub kind: &'static str,
    pub id: String,
    pub name: String,
}

impl Item {
    pub fn new(model: &Model, e: Elem) -> Item {
        let id = model.id(e).to_owned();
        Item {
            element: format!("{}:{id}", e.kind),
            kind: e.kind.as_str(),
            name: if e.kind == Kind::Waiver {
                id.clone()
            } else {
                model.name(e).to_owned()
            },
            id,
        }
    }
}

/// A rule as documents name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleRef {
    pub id: String,
    pub title: String,
}

impl RuleRef {
    pub fn new(registry: &Registry, rule: &str, lang: Lang) -> RuleRef {
        RuleRef {
            id: rule.to_owned(),
            title: rule_title(registry, rule, lang),
        }
    }
}

/// A principle a rule enforces: its pack and its id there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrincipleRef {
    pub pack: String,
    pub principle: String,
    pub title: String,
}

/// The principles that cite a rule (with a variant: those that cite that variant).
pub fn principles_of(registry: &Registry, rule: &str, variant: Option<&str>) -> Vec<PrincipleRef> {
    refs(registry.citations(rule, variant))
}

fn refs(citations: Vec<crate::catalogue::Citation>) -> Vec<PrincipleRef> {
    citations
        .into_iter()
        .map(|c| PrincipleRef {
            pack: c.pack.id.clone(),
            principle: c.principle.id.clone(),
            title: c.principle.title.clone(),
        })
        .collect()
}

/// The elements an owner came through that one finding lists: an application that supports a
/// thousand business functions of one team has a thousand findings at most, and each listing
/// them all would make the report grow with the square. `report ownership` lists them all.
pub const MOST_VIA_LISTED: usize = 10;

/// An element's owner, as the JSON and the reports give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OwnerRef {
    pub id: String,
    pub name: String,
    /// The elements the owner came through (`kind:id`, the first [`MOST_VIA_LISTED`] in the
    /// model's order), empty when written on the element.
    pub via: Vec<String>,
    /// How many more it came through than `via` lists; left out when none are left out.
    #[serde(skip_serializing_if = "is_zero")]
    pub via_more: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything counted from one run.
pub struct Figures<'a> {
    pub outcome: &'a Outcome,
    /// `None` when problems in the input stopped the run before the graph.
    pub ownership: Option<Ownership>,
    pub compliance: Compliance<'a>,
}

/// What the JSON adds to one finding: its element's name and owner, and the principles its
/// rule enforces.
#[derive(Clone, Debug)]
pub struct FindingFacts {
    pub name: Option<String>,
    pub owner: Option<OwnerRef>,
    pub ownership: How,
    /// Shared by every finding of the same rule and variant.
    pub principles: std::sync::Arc<Vec<PrincipleRef>>,
}

impl<'a> Figures<'a> {
    pub fn new(outcome: &'a Outcome) -> Figures<'a> {
        let (ownership, compliance) = rayon::join(
            || {
                outcome
                    .graph
                    .as_ref()
                    .map(|graph| Ownership::new(&outcome.model, graph))
            },
            || Compliance::new(&outcome.model, &outcome.verdict),
        );
        Figures {
            outcome,
            ownership,
            compliance,
        }
    }

    pub fn model(&self) -> &Model {
        &self.outcome.model
    }

    pub fn registry(&self) -> &Registry {
        &self.outcome.registry
    }

    pub fn item(&self, e: Elem) -> Item {
        Item::new(self.model(), e)
    }

    /// The owner of an element, when it has exactly one.
    pub fn owner(&self, e: Elem) -> Option<OwnerRef> {
        let owned = self.ownership.as_ref()?.of(e);
        let model = self.model();
        let o = owned.owner?;
        Some(OwnerRef {
            id: model.owners[o].id.clone(),
            name: model.owners[o].body.name.value.clone(),
            via: owned
                .via
                .iter()
                .take(MOST_VIA_LISTED)
                .map(|&v| model.element_ref(v).to_string())
                .collect(),
            via_more: owned.via.len().saturating_sub(MOST_VIA_LISTED),
        })
    }

    /// The municipality's name: the first owner of kind `organisation` without a parent.
    pub fn organisation(&self) -> Option<String> {
        self.model()
            .owners
            .iter()
            .find(|o| {
                o.body.parent.is_none()
                    && o.body
                        .kind
                        .as_ref()
                        .is_some_and(|k| k.value == crate::model::OwnerKind::Organisation)
            })
            .map(|o| o.body.name.value.clone())
    }

    pub fn how(&self, e: Elem) -> How {
        self.ownership.as_ref().map_or(How::None, |o| o.of(e).how)
    }

    /// The facts the JSON adds to each finding, made one finding at a time.
    pub fn finding_facts(&self) -> FactsOf<'_, 'a> {
        let registry = self.registry();
        // The variants some principle cites about one thing only, asked once per variant.
        let mut keyed: foldhash::HashMap<(&str, &'static str), bool> = Default::default();
        for f in &self.outcome.verdict.findings {
            keyed
                .entry((f.rule.as_str(), f.variant))
                .or_insert_with(|| registry.cites_about(&f.rule, f.variant));
        }
        let mut principles = foldhash::HashMap::default();
        for f in &self.outcome.verdict.findings {
            let about = about(&keyed, f);
            principles
                .entry((f.rule.as_str(), f.variant, about))
                .or_insert_with(|| {
                    std::sync::Arc::new(principles_of_finding(registry, &f.rule, f.variant, about))
                });
        }
        FactsOf {
            figures: self,
            keyed,
            principles,
        }
    }
}

/// What a finding is about, where a principle cites its variant's findings about one thing.
fn about<'f>(
    keyed: &foldhash::HashMap<(&str, &'static str), bool>,
    f: &'f crate::checks::Finding,
) -> Option<&'f str> {
    f.discriminator
        .as_deref()
        .filter(|_| keyed.get(&(f.rule.as_str(), f.variant)) == Some(&true))
}

/// The principles one finding cites (see [`Registry::citations_of_finding`]).
pub fn principles_of_finding(
    registry: &Registry,
    rule: &str,
    variant: &str,
    about: Option<&str>,
) -> Vec<PrincipleRef> {
    refs(registry.citations_of_finding(rule, variant, about))
}

/// A rule, a variant and what a finding of it is about: what decides its principles.
type Cites<'a> = (&'a str, &'static str, Option<&'a str>);

/// The facts of each finding of the verdict, by its position there.
pub struct FactsOf<'f, 'a> {
    figures: &'f Figures<'a>,
    /// Per rule and variant: whether a principle cites its findings about one thing only.
    keyed: foldhash::HashMap<(&'a str, &'static str), bool>,
    /// Per rule, variant and (where a principle cites findings about one thing) what the
    /// finding is about: the principles it enforces, shared by its findings.
    principles: foldhash::HashMap<Cites<'a>, std::sync::Arc<Vec<PrincipleRef>>>,
}

impl FactsOf<'_, '_> {
    /// Every distinct list of principles the findings cite, each once.
    pub fn principle_lists(&self) -> impl Iterator<Item = &std::sync::Arc<Vec<PrincipleRef>>> {
        self.principles.values()
    }

    /// The facts of the verdict's finding `i`.
    pub fn get(&self, i: usize) -> FindingFacts {
        let figures = self.figures;
        let f = &figures.outcome.verdict.findings[i];
        let elem = figures.compliance.finding_elems[i];
        FindingFacts {
            // Waivers have no name of their own.
            name: elem
                .filter(|e| e.kind != Kind::Waiver)
                .map(|e| figures.model().name(e).to_owned()),
            owner: elem.and_then(|e| figures.owner(e)),
            ownership: elem.map_or(How::None, |e| figures.how(e)),
            principles: std::sync::Arc::clone(
                &self.principles[&(f.rule.as_str(), f.variant, about(&self.keyed, f))],
            ),
        }
    }
}
