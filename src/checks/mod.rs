//! The checks layer: the Rust logic behind each rule. A check reads the graph, reports the
//! concrete things that are wrong as an [`Issue`] per card variant, and the elements it
//! examined. Severities, waivers and baselines are the verdict's business, not a check's.

pub mod finding;
pub(crate) mod shared;

mod field_rules;

// One module per rule, named in `rules!` below (declared here so that `cargo fmt` reaches them).
mod accessibility;
mod archiving_by_design;
mod decoupled_components;
mod gemma_mapping;
mod human_decides;
mod lifecycle;
mod model_integrity;
mod open_source_unless;
mod open_standards;
mod ownership;
mod privacy_by_design;
mod rest_api;
mod single_source;

pub use finding::{Finding, Identity};

use crate::artifacts::{Artifacts, Content, Found};
use crate::catalogue::{Registry, Severity};
use crate::graph::Graph;
use crate::model::{Application, Date, Elem, Element, FieldPath, Kind, Model};
use crate::reference::Reference;
use crate::text::{Loc, Sources};

/// A rule as the code knows it: its card, and the check that finds its findings.
pub struct Rule {
    pub id: &'static str,
    /// The card's text (`rules/cards/<id>.toml`).
    pub card: &'static str,
    /// `None` for `waivers`: the waiver stage, after every check, reports its findings.
    pub check: Option<Check>,
}

/// The logic behind a rule: the variants it can report (its [`Issue`] enum's) and its run.
#[derive(Copy, Clone)]
pub struct Check {
    pub variants: &'static [&'static str],
    pub run: fn(&Ctx, &mut Report),
}

impl Check {
    /// The check of a rule whose findings are the variants of `I`.
    pub const fn of<I: strum::VariantNames>(run: fn(&Ctx, &mut Report)) -> Check {
        Check {
            variants: I::VARIANTS,
            run,
        }
    }
}

macro_rules! rules {
    ($($module:ident = $id:literal,)+ ; $($stage:literal,)*) => {
        /// Every built-in rule, in the order `gemmalint rules` lists them. Adding a rule adds
        /// a line here (`tools/new-rule` writes it); a test holds this list, the cards in
        /// `rules/cards` and the checks' variants together.
        pub const RULES: &[Rule] = &[
            $(Rule {
                id: $id,
                card: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/cards/", $id, ".toml")),
                check: Some($module::CHECK),
            },)+
            $(Rule {
                id: $stage,
                card: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/cards/", $stage, ".toml")),
                check: None,
            },)*
        ];
    };
}

rules! {
    model_integrity = "model-integrity",
    ownership = "ownership",
    gemma_mapping = "gemma-mapping",
    single_source = "single-source",
    rest_api = "rest-api",
    open_source_unless = "open-source-unless",
    open_standards = "open-standards",
    decoupled_components = "decoupled-components",
    privacy_by_design = "privacy-by-design",
    human_decides = "human-decides",
    archiving_by_design = "archiving-by-design",
    accessibility = "accessibility",
    lifecycle = "lifecycle",
    ;
    "waivers",
}

pub use ownership::{
    OwnerOf, Owners, application_owner, business_function_owner, data_object_owner, owned_elsewhere,
};

/// The registry of the built-in rules: every card of [`RULES`] and every built-in pack.
pub fn registry() -> Registry {
    Registry::new(RULES.iter().map(|r| (r.id, r.card)))
        .expect("the built-in rule cards and packs are checked by the tests")
}

/// Everything a check may look at.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub graph: &'a Graph,
    pub reference: &'a Reference,
    /// The files the model points at, read before the checks.
    pub artifacts: &'a Artifacts,
    pub registry: &'a Registry,
    pub sources: &'a Sources,
    /// The date all date logic uses.
    pub today: Date,
}

impl Ctx<'_> {
    /// Applications the municipality's own rules look at: not external, not retired.
    pub fn own_applications(&self) -> impl Iterator<Item = (usize, &Element<Application>)> {
        self.model
            .applications
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.body.is_external() && !a.body.is_retired())
    }

    /// Interfaces the interface rules look at: not retired, and not provided by an external
    /// application (a national facility decides its own interface). An unresolved provider
    /// might be external, so such interfaces are left to `model-integrity`.
    pub fn interface_in_scope(&self, index: usize) -> bool {
        if self.model.interfaces[index].body.is_retired() {
            return false;
        }
        let n = self.graph.node(Kind::Interface, index);
        match self
            .graph
            .provider(n)
            .and_then(|p| self.graph.element_of(p, Kind::Application))
        {
            Some(p) => !self.model.applications[p].body.is_external(),
            None => false,
        }
    }

    /// Whether an element implements a catalogue standard: by id or alias, or through its
    /// family or one of its members, or (an interface) as its specification document shows.
    pub fn implements(&self, e: Elem, standard: usize) -> bool {
        let catalogue = &self.reference.standards;
        let implemented = self.graph.implemented(self.graph.node_of(e));
        catalogue
            .satisfying(standard)
            .any(|have| implemented.binary_search(&have).is_ok())
            || self
                .shown_by_specification(e)
                .is_some_and(|have| catalogue.satisfies(have, standard))
    }

    /// The standard an interface's specification document is written in, as read: an
    /// OpenAPI 3 document is the OpenAPI Specification, whether `standards:` says so or not.
    fn shown_by_specification(&self, e: Elem) -> Option<usize> {
        if e.kind != Kind::Interface {
            return None;
        }
        let written = self.model.interfaces[e.index].body.specification.as_ref()?;
        let Some(Found::Read(spec)) = self.artifacts.specification(&written.value) else {
            return None;
        };
        let id = match spec.content {
            Content::OpenApi(_) => "openapi-specification",
            Content::AsyncApi { .. } => "asyncapi",
            Content::Wsdl => "wsdl",
            Content::Swagger2 { .. } | Content::Unusable { .. } => return None,
        };
        self.reference.standards.find(id)
    }

    /// "application `zaaksysteem` (Zaaksysteem)": how a finding names an element.
    pub fn name(&self, e: Elem) -> String {
        self.model.display(e)
    }
}

/// What one finding says, in its variant's words.
pub struct Said {
    /// One sentence: what is wrong.
    pub message: String,
    /// What to do, or how to explain the deviation.
    pub help: String,
    /// The label at the finding's place.
    pub label: String,
}

impl Said {
    pub fn new(message: String, help: impl Into<String>, label: impl Into<String>) -> Said {
        // Written with `format!`, which leaves room to grow; a landscape's findings are kept
        // until the report is written, so they keep only what they hold.
        let fit = |mut s: String| {
            s.shrink_to_fit();
            s
        };
        Said {
            message: fit(message),
            help: fit(help.into()),
            label: fit(label.into()),
        }
    }
}

/// The concrete things a rule finds: an enum whose variants are the card's variants
/// (`TwoSources` is `two-sources`, through `strum`), each with what it needs to be told.
pub trait Issue {
    /// The message, help and label: one arm per variant. `who` names the element the finding
    /// is about ("data object `klant` (Klant)").
    fn say(&self, who: &str) -> Said;
    /// What tells apart several findings of this variant on one field (a standard id).
    fn key(&self) -> Option<String> {
        None
    }
}

/// What a check examined: elements as a whole, and elements for one key (a standard). An
/// element examined for a key is examined as a whole too. Kept apart because every rule
/// examines thousands of elements and only `open-standards` has keys.
#[derive(Clone, Debug, Default)]
pub struct Examined {
    pub elements: Vec<Elem>,
    pub keyed: Vec<(Elem, String)>,
}

impl Examined {
    /// Sorted, each once, and no larger than that.
    pub fn settle(&mut self) {
        self.elements.sort_unstable();
        self.elements.dedup();
        self.elements.shrink_to_fit();
        self.keyed.sort_unstable();
        self.keyed.dedup();
        self.keyed.shrink_to_fit();
    }
}

/// The findings of one rule, as its check reports them, and what it examined.
pub struct Report<'a> {
    rule: &'a str,
    model: &'a Model,
    pub findings: Vec<Finding>,
    pub examined: Examined,
}

impl<'a> Report<'a> {
    pub fn new(rule: &'a str, model: &'a Model) -> Self {
        Report {
            rule,
            model,
            findings: Vec::new(),
            examined: Examined::default(),
        }
    }

    /// Reports an issue about an element, at a field and a place.
    pub fn add<I>(
        &mut self,
        issue: I,
        element: Elem,
        field: impl Into<FieldPath>,
        loc: Loc,
    ) -> &mut Finding
    where
        I: Issue,
        for<'i> &'i I: Into<&'static str>,
    {
        let said = issue.say(&self.model.display(element));
        let discriminator = issue.key();
        self.findings.push(Finding {
            rule: self.rule.to_owned(),
            variant: (&issue).into(),
            discriminator,
            severity: Severity::Error,
            element: self.model.element_ref(element),
            field: field.into(),
            message: said.message,
            help: said.help,
            loc: Some(loc),
            label: Some(said.label),
            related: Vec::new(),
            waived_by: None,
            baselined: false,
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// The check looked at this element as a whole.
    pub fn examined(&mut self, element: Elem) {
        self.examined.elements.push(element);
    }

    /// The check looked at this element for one key (a standard).
    pub fn examined_for(&mut self, element: Elem, key: &str) {
        self.examined.elements.push(element);
        self.examined.keyed.push((element, key.to_owned()));
    }
}

/// What a run of the checks found: per rule that ran, its findings and what it examined.
pub struct Checked {
    pub rule: String,
    pub findings: Vec<Finding>,
    pub examined: Examined,
}

/// Runs the checks of the rules `enabled` says yes to (built-in, in parallel, then the packs'
/// field rules).
pub fn run(ctx: &Ctx, enabled: impl Fn(&str) -> bool + Sync) -> Vec<Checked> {
    use rayon::prelude::*;
    // One rule per job: they differ in cost, and an idle thread can then take the next one.
    let mut out: Vec<Checked> = RULES
        .par_iter()
        .with_max_len(1)
        .filter(|r| enabled(r.id))
        .filter_map(|r| r.check.map(|check| (r.id, check)))
        .map(|(id, check)| {
            let mut report = Report::new(id, ctx.model);
            crate::text::timings::rule(id, || (check.run)(ctx, &mut report));
            debug_assert!(
                report
                    .findings
                    .iter()
                    .all(|f| check.variants.contains(&f.variant)),
                "{id} emitted a variant its check does not declare"
            );
            Checked {
                rule: id.to_owned(),
                findings: report.findings,
                examined: report.examined,
            }
        })
        .collect();
    out.extend(field_rules::run(ctx, &enabled));
    out
}
