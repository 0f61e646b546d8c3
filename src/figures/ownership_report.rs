//! The ownership report: per owner, down the owner hierarchy (organisation → department →
//! team), what it owns and how, what its applications provide and are the source of, its open
//! findings and its waivers; then everything without an owner and every ambiguous ownership.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Figures, How, Item, Lang, RuleRef};
use crate::graph::EdgeKind;
use crate::model::{DataRole, Elem, Kind};
use crate::verdict::waivers::Status as WaiverStatus;

/// An element an owner owns, and how.
#[derive(Clone, Debug, Serialize)]
pub struct Holding {
    #[serde(flatten)]
    pub item: Item,
    pub how: How,
    /// The business functions, parent function or application the ownership came through.
    pub via: Vec<Item>,
}

/// A data object one of the owner's applications is the source of.
#[derive(Clone, Debug, Serialize)]
pub struct SourceOf {
    pub data_object: Item,
    pub application: Item,
}

/// An interface one of the owner's applications provides.
#[derive(Clone, Debug, Serialize)]
pub struct Provided {
    pub interface: Item,
    pub style: Option<&'static str>,
    pub provider: Item,
    pub consumers: Vec<Item>,
}

/// An open finding (neither waived nor baselined).
#[derive(Clone, Debug, Serialize)]
pub struct FindingRow {
    pub rule: RuleRef,
    pub severity: &'static str,
    pub element: Item,
    pub field: String,
    pub message: String,
}

/// A waiver that explains a deviation of one of the owner's elements.
#[derive(Clone, Debug, Serialize)]
pub struct WaiverRow {
    pub waiver: Item,
    pub rule: RuleRef,
    pub status: WaiverStatus,
    pub expires: Option<String>,
}

/// One owner and what it owns.
#[derive(Clone, Debug, Serialize)]
pub struct OwnerSection {
    pub owner: Item,
    pub kind: Option<&'static str>,
    pub contact: Option<String>,
    /// 0 for an owner without a parent.
    pub depth: usize,
    /// Its parents, from the top of the hierarchy down.
    pub path: Vec<Item>,
    pub business_functions: Vec<Holding>,
    pub applications: Vec<Holding>,
    pub data_objects: Vec<Holding>,
    pub sources: Vec<SourceOf>,
    pub interfaces: Vec<Provided>,
    pub findings: Vec<FindingRow>,
    pub waivers: Vec<WaiverRow>,
}

/// An application whose business functions have different owners.
#[derive(Clone, Debug, Serialize)]
pub struct Ambiguity {
    pub application: Item,
    pub candidates: Vec<Candidate>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Candidate {
    pub owner: Item,
    pub via: Vec<Item>,
}

/// An element that should have an owner and has none.
#[derive(Clone, Debug, Serialize)]
pub struct Unowned {
    #[serde(flatten)]
    pub item: Item,
    pub how: How,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct OwnershipTotals {
    pub owners: usize,
    /// Applications the municipality runs (not external, not retired).
    pub applications: usize,
    pub applications_owned: usize,
    /// Of those, without an owner and with more than one.
    pub applications_unowned: usize,
    pub applications_ambiguous: usize,
    /// Elements of every kind without an owner, and with more than one.
    pub unowned: usize,
    pub ambiguous: usize,
    pub open_findings: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct OwnershipReport {
    pub report: &'static str,
    pub today: String,
    pub lang: Lang,
    /// The municipality: the first owner of kind `organisation` without a parent.
    pub organisation: Option<String>,
    pub totals: OwnershipTotals,
    /// Depth first down the owner hierarchy, children by id.
    pub owners: Vec<OwnerSection>,
    pub unowned: Vec<Unowned>,
    pub ambiguous: Vec<Ambiguity>,
    /// Data objects whose authentic source is someone else's: they need no municipal owner.
    pub external: Vec<Holding>,
    /// Open findings on elements without one owner (external applications, standards, …).
    pub findings_without_owner: Vec<FindingRow>,
}

/// The owners depth first: each owner with its depth, children sorted by id. Owners caught in
/// a `parent` cycle (a `model-integrity` finding) start a tree of their own.
fn hierarchy(figures: &Figures) -> Vec<(usize, usize)> {
    let model = figures.model();
    let parent: Vec<Option<usize>> = (0..model.owners.len())
        .map(|o| {
            let graph = figures.outcome.graph.as_ref()?;
            let n = graph.node(Kind::Owner, o);
            graph
                .out(n)
                .find(|(_, e)| matches!(e.kind, EdgeKind::PartOf))
                .and_then(|(p, _)| graph.element_of(p, Kind::Owner))
        })
        .collect();
    let mut children: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (o, p) in parent.iter().enumerate() {
        children.entry(*p).or_default().push(o);
    }
    for list in children.values_mut() {
        list.sort_by(|&a, &b| model.owners[a].id.cmp(&model.owners[b].id));
    }
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    let mut starts: Vec<usize> = children.get(&None).cloned().unwrap_or_default();
    let mut rest: Vec<usize> = (0..model.owners.len()).collect();
    rest.sort_by(|&a, &b| model.owners[a].id.cmp(&model.owners[b].id));
    starts.extend(rest);
    for root in starts {
        let mut stack = vec![(root, 0usize)];
        while let Some((o, depth)) = stack.pop() {
            if !seen.insert(o) {
                continue;
            }
            order.push((o, depth));
            for &c in children.get(&Some(o)).into_iter().flatten().rev() {
                stack.push((c, depth + 1));
            }
        }
    }
    order
}

impl OwnershipReport {
    pub fn new(figures: &Figures, lang: Lang) -> OwnershipReport {
        let model = figures.model();
        let order = hierarchy(figures);
        let mut owners: Vec<OwnerSection> = Vec::new();
        let mut path: Vec<Item> = Vec::new();
        for &(o, depth) in &order {
            path.truncate(depth);
            owners.push(section(figures, lang, o, depth, path.clone()));
            path.push(Item::new(model, Elem::new(Kind::Owner, o)));
        }
        let (unowned, ambiguous, external) = unowned(figures);
        let own_apps: Vec<usize> = own_applications(figures).collect();
        let findings_without_owner = open_findings(figures, lang, |e| {
            e.is_none_or(|e| {
                figures
                    .ownership
                    .as_ref()
                    .is_none_or(|o| o.of(e).owner.is_none())
            })
        });
        let totals = OwnershipTotals {
            owners: model.owners.len(),
            applications: own_apps.len(),
            applications_owned: own_apps
                .iter()
                .filter(|&&a| owner_of(figures, Elem::new(Kind::Application, a)).is_some())
                .count(),
            applications_unowned: unowned
                .iter()
                .filter(|u| u.item.kind == Kind::Application.as_str())
                .count(),
            applications_ambiguous: ambiguous
                .iter()
                .filter(|a| a.application.kind == Kind::Application.as_str())
                .count(),
            unowned: unowned.len(),
            ambiguous: ambiguous.len(),
            open_findings: figures
                .outcome
                .verdict
                .findings
                .iter()
                .filter(|f| f.is_active())
                .count(),
        };
        OwnershipReport {
            report: "ownership",
            today: figures.outcome.today.to_string(),
            lang,
            organisation: figures.organisation(),
            totals,
            owners,
            unowned,
            ambiguous,
            external,
            findings_without_owner,
        }
    }
}

fn owner_of(figures: &Figures, e: Elem) -> Option<usize> {
    figures.ownership.as_ref()?.of(e).owner
}

/// Applications the municipality runs: not external, not retired.
fn own_applications<'f>(figures: &'f Figures) -> impl Iterator<Item = usize> + 'f {
    figures
        .model()
        .applications
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.body.is_external() && !a.body.is_retired())
        .map(|(i, _)| i)
}

/// The elements of a kind an owner owns, by id.
fn holdings(figures: &Figures, owner: usize, kind: Kind) -> Vec<Holding> {
    let model = figures.model();
    let Some(ownership) = &figures.ownership else {
        return Vec::new();
    };
    let mut out: Vec<Holding> = model
        .elems(kind)
        .filter(|&e| ownership.of(e).owner == Some(owner))
        .map(|e| {
            let owned = ownership.of(e);
            let mut via: Vec<Item> = owned.via.iter().map(|&v| Item::new(model, v)).collect();
            via.sort_by(|a, b| a.id.cmp(&b.id));
            Holding {
                item: Item::new(model, e),
                how: owned.how,
                via,
            }
        })
        .collect();
    out.sort_by(|a, b| a.item.id.cmp(&b.item.id));
    out
}

fn section(figures: &Figures, lang: Lang, o: usize, depth: usize, path: Vec<Item>) -> OwnerSection {
    let model = figures.model();
    let owner = &model.owners[o];
    let applications = holdings(figures, o, Kind::Application);
    let apps: BTreeSet<usize> = applications
        .iter()
        .filter_map(|h| model.find(Kind::Application, &h.item.id))
        .collect();
    OwnerSection {
        owner: Item::new(model, Elem::new(Kind::Owner, o)),
        kind: owner.body.kind.as_ref().map(|k| k.value.as_str()),
        contact: owner.body.contact.as_ref().map(|c| c.value.clone()),
        depth,
        path,
        business_functions: holdings(figures, o, Kind::BusinessFunction),
        data_objects: holdings(figures, o, Kind::DataObject),
        sources: sources(figures, &apps),
        interfaces: provided(figures, &apps),
        findings: open_findings(figures, lang, |e| {
            e.is_some_and(|e| owner_of(figures, e) == Some(o))
        }),
        waivers: waivers(figures, lang, o),
        applications,
    }
}

/// The data objects these applications are the source of.
fn sources(figures: &Figures, apps: &BTreeSet<usize>) -> Vec<SourceOf> {
    let model = figures.model();
    let Some(graph) = &figures.outcome.graph else {
        return Vec::new();
    };
    let mut out: Vec<SourceOf> = apps
        .iter()
        .flat_map(|&a| {
            graph
                .out(graph.node(Kind::Application, a))
                .filter(
                    |(_, e)| matches!(&e.kind, EdgeKind::Holds(h) if h.role == DataRole::Source),
                )
                .filter_map(|(d, _)| graph.element_of(d, Kind::DataObject))
                .map(move |d| SourceOf {
                    data_object: Item::new(model, Elem::new(Kind::DataObject, d)),
                    application: Item::new(model, Elem::new(Kind::Application, a)),
                })
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.data_object.id, &a.application.id).cmp(&(&b.data_object.id, &b.application.id))
    });
    out.dedup_by(|a, b| a.data_object == b.data_object && a.application == b.application);
    out
}

/// The interfaces these applications provide, with their consumers.
fn provided(figures: &Figures, apps: &BTreeSet<usize>) -> Vec<Provided> {
    let model = figures.model();
    let Some(graph) = &figures.outcome.graph else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, interface) in model.interfaces.iter().enumerate() {
        let n = graph.node(Kind::Interface, i);
        let Some(provider) = graph
            .provider(n)
            .and_then(|p| graph.element_of(p, Kind::Application))
        else {
            continue;
        };
        if !apps.contains(&provider) {
            continue;
        }
        let mut consumers: Vec<Item> = graph
            .inc(n)
            .filter(|(_, e)| matches!(e.kind, EdgeKind::Consumes))
            .filter_map(|(a, _)| graph.elem(a))
            .map(|a| Item::new(model, a))
            .collect();
        consumers.sort();
        consumers.dedup();
        out.push(Provided {
            interface: Item::new(model, Elem::new(Kind::Interface, i)),
            style: interface.body.style.as_ref().map(|s| s.value.as_str()),
            provider: Item::new(model, Elem::new(Kind::Application, provider)),
            consumers,
        });
    }
    out.sort_by(|a, b| a.interface.id.cmp(&b.interface.id));
    out
}

/// The open findings (neither waived nor baselined) whose element passes `pick`.
fn open_findings(
    figures: &Figures,
    lang: Lang,
    pick: impl Fn(Option<Elem>) -> bool,
) -> Vec<FindingRow> {
    let model = figures.model();
    let registry = figures.registry();
    figures
        .outcome
        .verdict
        .findings
        .iter()
        .zip(&figures.compliance.finding_elems)
        .filter(|(f, e)| f.is_active() && pick(**e))
        .map(|(f, e)| FindingRow {
            rule: RuleRef::new(registry, &f.rule, lang),
            severity: f.severity.as_str(),
            element: e.map_or_else(
                || Item {
                    element: f.element.to_string(),
                    kind: f.element.kind.as_str(),
                    id: f.element.id.clone(),
                    name: String::new(),
                },
                |e| Item::new(model, e),
            ),
            field: f.field.to_string(),
            message: f.message.clone(),
        })
        .collect()
}

/// The waivers that target one of the owner's elements.
fn waivers(figures: &Figures, lang: Lang, owner: usize) -> Vec<WaiverRow> {
    let model = figures.model();
    let Some(graph) = &figures.outcome.graph else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, w) in model.waivers.iter().enumerate() {
        let n = graph.node(Kind::Waiver, i);
        let mine = graph
            .out(n)
            .filter(|(_, e)| matches!(e.kind, EdgeKind::Waives))
            .filter_map(|(t, _)| graph.elem(t))
            .any(|t| owner_of(figures, t) == Some(owner));
        if !mine {
            continue;
        }
        let status = figures
            .outcome
            .verdict
            .waivers
            .get(i)
            .map_or(WaiverStatus::Active, |s| s.status());
        out.push(WaiverRow {
            waiver: Item::new(model, Elem::new(Kind::Waiver, i)),
            rule: RuleRef::new(figures.registry(), &w.body.rule.value, lang),
            status,
            expires: w.body.expires.as_ref().map(|e| e.value.to_string()),
        });
    }
    out.sort_by(|a, b| a.waiver.id.cmp(&b.waiver.id));
    out
}

/// What should have an owner and has none, the applications whose owner is ambiguous, and the
/// data owned outside the municipality.
fn unowned(figures: &Figures) -> (Vec<Unowned>, Vec<Ambiguity>, Vec<Holding>) {
    let model = figures.model();
    let Some(ownership) = &figures.ownership else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let mut external = Vec::new();
    let apps = own_applications(figures).map(|a| Elem::new(Kind::Application, a));
    let candidates = apps
        .chain(model.elems(Kind::BusinessFunction))
        .chain(model.elems(Kind::DataObject));
    let mut unowned = Vec::new();
    let mut ambiguous = Vec::new();
    for e in candidates {
        let owned = ownership.of(e);
        match owned.how {
            How::None | How::Unresolved | How::NoSource => unowned.push(Unowned {
                item: Item::new(model, e),
                how: owned.how,
            }),
            How::External => external.push(Holding {
                item: Item::new(model, e),
                how: owned.how,
                via: owned.via.iter().map(|&v| Item::new(model, v)).collect(),
            }),
            How::Ambiguous => ambiguous.push(Ambiguity {
                application: Item::new(model, e),
                candidates: owned
                    .candidates
                    .iter()
                    .map(|(&o, via)| Candidate {
                        owner: Item::new(model, Elem::new(Kind::Owner, o)),
                        via: via.iter().map(|&v| Item::new(model, v)).collect(),
                    })
                    .collect(),
            }),
            _ => {}
        }
    }
    unowned.sort_by(|a, b| (a.item.kind, &a.item.id).cmp(&(b.item.kind, &b.item.id)));
    ambiguous.sort_by(|a, b| a.application.id.cmp(&b.application.id));
    external.sort_by(|a, b| a.item.id.cmp(&b.item.id));
    (unowned, ambiguous, external)
}
