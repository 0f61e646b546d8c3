//! The checks behind the rules: one module per rule, each a function over the graph that
//! reports the concrete things that are wrong. Severity and waivers are applied here, once.

mod accessibility;
mod archiving_by_design;
mod decoupled_components;
mod gemma_mapping;
mod human_decides;
mod lifecycle;
mod model_integrity;
mod open_source_unless;
mod open_standards;
pub mod ownership;
mod privacy_by_design;
mod rest_api;
mod single_source;
pub mod waivers;

use std::path::Path;

use crate::finding::{Finding, Severity};
use crate::graph::{EdgeKind, GNode, Graph, is_retired};
use crate::model::Date;
use crate::model::{Application, Element, ElementRef, Kind, Model};
use crate::problem::Related;
use crate::reference::Reference;
use crate::reference::StandardRef;
use crate::registry::{Registry, Settings};
use crate::source::{Loc, Sources};

/// Everything a check may look at.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub graph: &'a Graph,
    pub reference: &'a Reference,
    pub registry: &'a Registry,
    pub sources: &'a Sources,
    pub settings: &'a Settings,
    /// The date all date logic uses.
    pub today: Date,
    /// The model root: referenced files must lie inside it.
    pub root: &'a Path,
    /// Days before expiry when a waiver is reported as expiring.
    pub expiry_warning_days: i64,
}

impl Ctx<'_> {
    /// Applications the municipality's own rules look at: not external, not retired.
    pub fn own_applications(&self) -> impl Iterator<Item = (usize, &Element<Application>)> {
        self.model
            .applications
            .iter()
            .enumerate()
            .filter(|(_, a)| !is_external(a) && !is_retired(a.body.lifecycle.as_ref()))
    }

    /// "application `zaaksysteem` (Zaaksysteem)": how a finding names an element.
    pub fn name(&self, kind: Kind, index: usize) -> String {
        let (_, id, name) = self.model.describe(kind, index);
        if kind == Kind::Waiver || name.is_empty() || name == id {
            format!("{} `{id}`", kind.noun())
        } else {
            format!("{} `{id}` ({})", kind.noun(), crate::tree::shorten(name))
        }
    }
}

pub fn is_external(app: &Element<Application>) -> bool {
    app.body.external.as_ref().is_some_and(|e| e.value)
}

/// Interfaces the interface rules look at: not retired, and not provided by an external
/// application (a national facility decides its own interface). An unresolved provider might be
/// external, so such interfaces are left to `model-integrity`.
pub fn interface_in_scope(ctx: &Ctx, index: usize) -> bool {
    let interface = &ctx.model.interfaces[index];
    if is_retired(interface.body.lifecycle.as_ref()) {
        return false;
    }
    let n = ctx.graph.node(Kind::Interface, index);
    match ctx
        .graph
        .provider(n)
        .and_then(|p| ctx.graph.element_of(p, Kind::Application))
    {
        Some(p) => !is_external(&ctx.model.applications[p]),
        None => false,
    }
}

/// Whether an element implements a catalogue standard: by id or alias, or through its family
/// or one of its members.
pub fn implements(ctx: &Ctx, kind: Kind, index: usize, standard: usize) -> bool {
    let n = ctx.graph.node(kind, index);
    ctx.graph.out(n).any(|(s, e)| {
        matches!(e.kind, EdgeKind::Implements)
            && matches!(ctx.graph.weight(s), GNode::Standard(StandardRef::Catalogue(have)) if ctx.reference.standards.satisfies(have, standard))
    })
}

/// Whether one of the element's `standards:` that did not resolve might be a standard `wanted`
/// accepts (a catalogue index): model-integrity suggests it for the misspelling. Then the rule
/// that wants it stays quiet, since model-integrity's finding is the one to fix; a misspelling
/// of something else hides nothing.
pub fn misspelt_standard_might_be(
    ctx: &Ctx,
    element: &ElementRef,
    wanted: impl Fn(usize) -> bool,
) -> bool {
    ctx.graph
        .unresolved
        .iter()
        .filter(|u| &u.element == element && u.field.split('.').next() == Some("standards"))
        .flat_map(|u| &u.suggestions)
        .filter_map(|s| ctx.reference.standards.find(s))
        .any(wanted)
}

/// An application processes personal data when it says so, or holds, copies, queries or
/// relays a data object that is personal data.
pub fn processes_personal_data(ctx: &Ctx, index: usize) -> bool {
    let app = &ctx.model.applications[index];
    if let Some(p) = &app.body.personal_data
        && p.value
    {
        return true;
    }
    let n = ctx.graph.node(Kind::Application, index);
    ctx.graph.out(n).any(|(d, e)| {
        matches!(e.kind, EdgeKind::Holds(_))
            && ctx.graph.element_of(d, Kind::DataObject).is_some_and(|j| {
                ctx.model.data_objects[j]
                    .body
                    .personal_data
                    .as_ref()
                    .is_some_and(|p| p.value)
            })
    })
}

/// The concrete things a rule finds: each builds its own message and help.
pub trait Issue {
    /// The variant id on the rule's card.
    fn variant(&self) -> &'static str;
    fn message(&self) -> String;
    fn help(&self) -> String;
    /// What tells apart several findings of this variant on one field.
    fn discriminator(&self) -> Option<String> {
        None
    }
    /// The label at the finding's place.
    fn label(&self) -> Option<String> {
        None
    }
}

/// The findings of one rule, as its check reports them.
pub struct Report {
    rule: String,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn new(rule: &str) -> Self {
        Report {
            rule: rule.to_owned(),
            findings: Vec::new(),
        }
    }

    /// Reports an issue on an element's field, at a place.
    pub fn add(
        &mut self,
        issue: &dyn Issue,
        element: ElementRef,
        field: impl Into<String>,
        loc: Option<Loc>,
    ) -> &mut Finding {
        self.findings.push(Finding {
            rule: self.rule.clone(),
            variant: issue.variant(),
            discriminator: issue.discriminator(),
            severity: Severity::Error,
            element,
            field: field.into(),
            message: issue.message(),
            help: issue.help(),
            loc,
            label: issue.label(),
            related: Vec::new(),
            waived_by: None,
            baselined: false,
        });
        self.findings.last_mut().expect("just pushed")
    }
}

impl Finding {
    pub fn related(&mut self, loc: Loc, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            loc,
            message: message.into(),
        });
        self
    }
}

/// A rule's check: its id (= card id), the variants it reports, and its logic.
pub struct Check {
    pub id: &'static str,
    pub variants: &'static [&'static str],
    pub run: fn(&Ctx, &mut Report),
}

/// Every check, by rule id. The waivers rule runs after the others (see [`run`]).
pub const CHECKS: &[Check] = &[
    model_integrity::CHECK,
    ownership::CHECK,
    gemma_mapping::CHECK,
    single_source::CHECK,
    rest_api::CHECK,
    open_source_unless::CHECK,
    open_standards::CHECK,
    decoupled_components::CHECK,
    privacy_by_design::CHECK,
    human_decides::CHECK,
    archiving_by_design::CHECK,
    accessibility::CHECK,
    lifecycle::CHECK,
    waivers::CHECK,
];

/// Runs every enabled rule, applies severities and waivers, and returns the findings sorted.
pub fn run(ctx: &Ctx) -> Vec<Finding> {
    use rayon::prelude::*;
    // The rules are independent: run them side by side; the order is restored by the sort.
    let mut findings: Vec<(Finding, bool)> = CHECKS
        .par_iter()
        .filter(|c| c.id != waivers::RULE && ctx.settings.is_enabled(c.id))
        .map(|check| {
            let mut report = Report::new(check.id);
            (check.run)(ctx, &mut report);
            debug_assert!(
                report
                    .findings
                    .iter()
                    .all(|f| check.variants.contains(&f.variant)),
                "{} emitted a variant its Check does not list",
                check.id
            );
            with_severity(ctx, report.findings).collect::<Vec<_>>()
        })
        .flatten()
        .collect();
    if !ctx.registry.field_rules.is_empty() {
        let facts = crate::selector::Facts::new(ctx);
        for (_, rule) in &ctx.registry.field_rules {
            let id = rule.rule.id.value.as_str();
            if !ctx.settings.is_enabled(id) {
                continue;
            }
            let mut report = Report::new(id);
            rule.run(ctx, &facts, &mut report);
            findings.extend(with_severity(ctx, report.findings));
        }
    }
    // Waivers see the findings of variants switched off too: a waiver for one is not stale,
    // only not needed while the variant is off.
    let (mut all, on): (Vec<Finding>, Vec<bool>) = findings.into_iter().unzip();
    let waiver_findings = waivers::apply(ctx, &mut all);
    let mut findings: Vec<Finding> = all
        .into_iter()
        .zip(on)
        .filter_map(|(f, on)| on.then_some(f))
        .collect();
    if ctx.settings.is_enabled(waivers::RULE) {
        findings.extend(with_severity(ctx, waiver_findings).filter_map(|(f, on)| on.then_some(f)));
    }
    sort(ctx.sources, &mut findings);
    findings
}

/// Each finding with the severity the settings give its variant, and whether it is on.
fn with_severity<'a>(
    ctx: &'a Ctx<'a>,
    findings: Vec<Finding>,
) -> impl Iterator<Item = (Finding, bool)> + 'a {
    findings
        .into_iter()
        .map(|mut f| match ctx.settings.severity(&f.rule, f.variant) {
            Some(severity) => {
                f.severity = severity;
                (f, true)
            }
            None => (f, false),
        })
}

/// Sorted by file, line, column, rule, element, field, key; findings without a place last.
pub fn sort(sources: &Sources, findings: &mut [Finding]) {
    findings.sort_by_cached_key(|f| {
        let place = f.loc.map(|l| {
            let (line, col) = sources.line_col(l);
            (sources.get(l.file).path.clone(), line, col)
        });
        (
            place.is_none(),
            place,
            f.rule.clone(),
            f.element.clone(),
            f.field.clone(),
            f.key(),
            f.message.clone(),
        )
    });
}
