//! `ownership`: every application, business function and data object has an owner — explicit,
//! inherited through the business function's `parent`, or derived through business functions
//! (applications) and the source application (data objects).

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::{Check, Ctx, Issue, Report, is_external};
use crate::graph::{EdgeKind, Graph, is_retired};
use crate::model::{DataRole, ElementRef, Kind, Model, OwnerKind};

pub const CHECK: Check = Check {
    id: "ownership",
    variants: &[
        "missing-owner",
        "ambiguous-owner",
        "supplier-owner",
        "owner-differs",
    ],
    run,
};

/// How an element comes by its owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnerOf {
    /// Written on the element.
    Explicit(NodeIndex),
    /// From a business function (its own, or a parent's), or the source application.
    Derived(NodeIndex),
    /// Business functions with different owners: owner → the business functions that give it.
    Ambiguous(BTreeMap<NodeIndex, Vec<NodeIndex>>),
    /// An unresolved reference stands in the way: `model-integrity` reports it.
    Unresolved,
    None,
}

/// The explicit owner edge into an element, or whether its `owner:` is written but unresolved.
fn explicit(graph: &Graph, n: NodeIndex, written: bool) -> OwnerOf {
    match graph.inc(n).find(|(_, e)| matches!(e.kind, EdgeKind::Owns)) {
        Some((owner, _)) => OwnerOf::Explicit(owner),
        None if written => OwnerOf::Unresolved,
        None => OwnerOf::None,
    }
}

/// A business function's owner: its own, else its parent's (up the chain).
pub fn business_function_owner(model: &Model, graph: &Graph, index: usize) -> OwnerOf {
    let mut at = index;
    let mut seen = vec![index];
    loop {
        let n = graph.node(Kind::BusinessFunction, at);
        let bf = &model.business_functions[at];
        match explicit(graph, n, bf.body.owner.is_some()) {
            OwnerOf::Explicit(o) if at == index => return OwnerOf::Explicit(o),
            OwnerOf::Explicit(o) => return OwnerOf::Derived(o),
            OwnerOf::Unresolved => return OwnerOf::Unresolved,
            _ => {}
        }
        let parent = graph
            .out(n)
            .find(|(_, e)| matches!(e.kind, EdgeKind::PartOf))
            .and_then(|(p, _)| graph.element_of(p, Kind::BusinessFunction));
        match parent {
            Some(p) if !seen.contains(&p) => {
                seen.push(p);
                at = p;
            }
            // A cycle is model-integrity's; a dangling parent too.
            Some(_) => return OwnerOf::Unresolved,
            None if bf.body.parent.is_some() => return OwnerOf::Unresolved,
            None => return OwnerOf::None,
        }
    }
}

/// An application's owner: explicit, else the one owner of its business functions.
pub fn application_owner(model: &Model, graph: &Graph, index: usize) -> OwnerOf {
    let n = graph.node(Kind::Application, index);
    let app = &model.applications[index];
    match explicit(graph, n, app.body.owner.is_some()) {
        OwnerOf::None => {}
        other => return other,
    }
    derived_application_owner(model, graph, index)
}

/// The owner an application's business functions give it, ignoring an explicit owner.
pub fn derived_application_owner(model: &Model, graph: &Graph, index: usize) -> OwnerOf {
    let n = graph.node(Kind::Application, index);
    let element = ElementRef::new(Kind::Application, &model.applications[index].id);
    if graph.has_unresolved(&element, "business_functions") {
        return OwnerOf::Unresolved;
    }
    let mut owners: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
    let mut unresolved = false;
    for (bf, _) in graph
        .out(n)
        .filter(|(_, e)| matches!(e.kind, EdgeKind::Supports))
    {
        let Some(i) = graph.element_of(bf, Kind::BusinessFunction) else {
            continue;
        };
        match business_function_owner(model, graph, i) {
            OwnerOf::Explicit(o) | OwnerOf::Derived(o) => owners.entry(o).or_default().push(bf),
            OwnerOf::Unresolved => unresolved = true,
            _ => {}
        }
    }
    match owners.len() {
        0 if unresolved => OwnerOf::Unresolved,
        0 => OwnerOf::None,
        1 => OwnerOf::Derived(*owners.keys().next().expect("one owner")),
        _ => OwnerOf::Ambiguous(owners),
    }
}

/// A data object's owner: explicit, else its source application's.
pub fn data_object_owner(model: &Model, graph: &Graph, index: usize) -> OwnerOf {
    let n = graph.node(Kind::DataObject, index);
    match explicit(graph, n, model.data_objects[index].body.owner.is_some()) {
        OwnerOf::None => {}
        other => return other,
    }
    let sources: Vec<usize> = graph
        .inc(n)
        .filter(|(_, e)| matches!(&e.kind, EdgeKind::Holds(h) if h.role == DataRole::Source))
        .filter_map(|(a, _)| graph.element_of(a, Kind::Application))
        .filter(|&a| !is_retired(model.applications[a].body.lifecycle.as_ref()))
        .collect();
    match sources.as_slice() {
        [one] if !is_external(&model.applications[*one]) => {
            match application_owner(model, graph, *one) {
                OwnerOf::Explicit(o) | OwnerOf::Derived(o) => OwnerOf::Derived(o),
                OwnerOf::Unresolved | OwnerOf::Ambiguous(_) => OwnerOf::Unresolved,
                OwnerOf::None => OwnerOf::None,
            }
        }
        // Two sources are single-source's finding.
        [_, _, ..] => OwnerOf::Unresolved,
        // Held, but nobody is its source: single-source reports that, and the source decides the owner.
        [] if graph
            .inc(n)
            .any(|(_, e)| matches!(e.kind, EdgeKind::Holds(_)))
            && model.data_objects[index].body.basisregistratie.is_none() =>
        {
            OwnerOf::Unresolved
        }
        _ => OwnerOf::None,
    }
}

enum Ownerless {
    Missing {
        who: String,
        kind: Kind,
        external_source: bool,
    },
    Ambiguous {
        who: String,
        owners: Vec<String>,
    },
    Supplier {
        who: String,
        owner: String,
    },
    Differs {
        who: String,
        owner: String,
        derived: String,
    },
}

impl Issue for Ownerless {
    fn variant(&self) -> &'static str {
        match self {
            Ownerless::Missing { .. } => "missing-owner",
            Ownerless::Ambiguous { .. } => "ambiguous-owner",
            Ownerless::Supplier { .. } => "supplier-owner",
            Ownerless::Differs { .. } => "owner-differs",
        }
    }

    fn message(&self) -> String {
        match self {
            Ownerless::Missing { who, .. } => format!("{who} has no owner"),
            Ownerless::Ambiguous { who, owners } => format!(
                "{who} supports business functions with different owners ({}), so its owner is ambiguous",
                owners.join(", ")
            ),
            Ownerless::Supplier { who, owner } => {
                format!("{who} is owned by the supplier `{owner}`")
            }
            Ownerless::Differs {
                who,
                owner,
                derived,
            } => format!(
                "{who} is owned by `{owner}`, while its business functions are owned by `{derived}`"
            ),
        }
    }

    fn help(&self) -> String {
        match self {
            Ownerless::Missing { kind: Kind::Application, .. } => "add `owner:` with an owner id, or list the business functions it supports under `business_functions:` and give those an owner: ownership follows the bedrijfsfunctie".into(),
            Ownerless::Missing { kind: Kind::BusinessFunction, .. } => "add `owner:` with the department that owns this bedrijfsfunctie, or a `parent:` function that has one".into(),
            Ownerless::Missing { external_source: true, .. } => "its source is run by someone else, so no owner can be derived: add `owner:` with the department responsible for its use".into(),
            Ownerless::Missing { .. } => "add `owner:`, or declare the application that is its source (`data: { <id>: { role: source } }`) and give that application an owner".into(),
            Ownerless::Ambiguous { .. } => "name the owner explicitly with `owner:`, or have its business functions owned by one owner".into(),
            Ownerless::Supplier { .. } => "the municipality stays responsible for what it outsources: make a department or team the owner and keep the supplier under `supplier:`".into(),
            Ownerless::Differs { .. } => "ownership follows the business function; remove `owner:` to follow it, or keep it if the exception is deliberate".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(
            match self {
                Ownerless::Missing { .. } => "no owner",
                Ownerless::Ambiguous { .. } => "ambiguous owner",
                Ownerless::Supplier { .. } => "a supplier",
                Ownerless::Differs { .. } => "differs from its business functions",
            }
            .into(),
        )
    }
}

fn owner_id(ctx: &Ctx, n: NodeIndex) -> String {
    ctx.graph
        .element_of(n, Kind::Owner)
        .map_or_else(String::new, |i| ctx.model.owners[i].id.clone())
}

fn is_supplier(ctx: &Ctx, n: NodeIndex) -> bool {
    ctx.graph
        .element_of(n, Kind::Owner)
        .and_then(|i| ctx.model.owners[i].body.kind.as_ref())
        .is_some_and(|k| k.value == OwnerKind::Supplier)
}

fn run(ctx: &Ctx, report: &mut Report) {
    let (model, graph) = (ctx.model, ctx.graph);
    for (i, app) in ctx.own_applications() {
        let element = ElementRef::new(Kind::Application, &app.id);
        let who = || ctx.name(Kind::Application, i);
        match application_owner(model, graph, i) {
            OwnerOf::None => {
                report.add(
                    &Ownerless::Missing {
                        who: who(),
                        kind: Kind::Application,
                        external_source: false,
                    },
                    element,
                    "owner",
                    Some(app.loc()),
                );
            }
            OwnerOf::Ambiguous(owners) => {
                let names = owners
                    .keys()
                    .map(|&o| format!("`{}`", owner_id(ctx, o)))
                    .collect();
                let f = report.add(
                    &Ownerless::Ambiguous {
                        who: who(),
                        owners: names,
                    },
                    element,
                    "owner",
                    Some(app.loc()),
                );
                for (&owner, bfs) in &owners {
                    let mut bfs = bfs.clone();
                    bfs.sort();
                    for bf in bfs {
                        if let Some((_, edge)) = graph.inc(bf).find(|(a, e)| {
                            matches!(e.kind, EdgeKind::Supports)
                                && graph.element_of(*a, Kind::Application) == Some(i)
                        }) {
                            f.related(edge.loc, format!("owned by `{}`", owner_id(ctx, owner)));
                        }
                    }
                }
            }
            OwnerOf::Explicit(owner) => {
                let span = app.body.owner.as_ref().map_or(app.id_span, |o| o.span);
                if is_supplier(ctx, owner) {
                    report.add(
                        &Ownerless::Supplier {
                            who: who(),
                            owner: owner_id(ctx, owner),
                        },
                        element.clone(),
                        "owner",
                        Some(app.at(span)),
                    );
                }
                if let OwnerOf::Derived(derived) = derived_application_owner(model, graph, i)
                    && derived != owner
                {
                    report.add(
                        &Ownerless::Differs {
                            who: who(),
                            owner: owner_id(ctx, owner),
                            derived: owner_id(ctx, derived),
                        },
                        element,
                        "owner",
                        Some(app.at(span)),
                    );
                }
            }
            OwnerOf::Derived(_) | OwnerOf::Unresolved => {}
        }
    }
    for (i, bf) in model.business_functions.iter().enumerate() {
        let element = ElementRef::new(Kind::BusinessFunction, &bf.id);
        let who = || ctx.name(Kind::BusinessFunction, i);
        match business_function_owner(model, graph, i) {
            OwnerOf::None => {
                report.add(
                    &Ownerless::Missing {
                        who: who(),
                        kind: Kind::BusinessFunction,
                        external_source: false,
                    },
                    element,
                    "owner",
                    Some(bf.loc()),
                );
            }
            OwnerOf::Explicit(owner) if is_supplier(ctx, owner) => {
                let span = bf.body.owner.as_ref().map_or(bf.id_span, |o| o.span);
                report.add(
                    &Ownerless::Supplier {
                        who: who(),
                        owner: owner_id(ctx, owner),
                    },
                    element,
                    "owner",
                    Some(bf.at(span)),
                );
            }
            _ => {}
        }
    }
    for (i, object) in model.data_objects.iter().enumerate() {
        let element = ElementRef::new(Kind::DataObject, &object.id);
        let who = || ctx.name(Kind::DataObject, i);
        match data_object_owner(model, graph, i) {
            OwnerOf::None => {
                let n = graph.node(Kind::DataObject, i);
                let external_source = graph.inc(n).any(|(a, e)| {
                    matches!(&e.kind, EdgeKind::Holds(h) if h.role == DataRole::Source)
                        && graph
                            .element_of(a, Kind::Application)
                            .is_some_and(|a| is_external(&model.applications[a]))
                }) || object.body.basisregistratie.is_some();
                report.add(
                    &Ownerless::Missing {
                        who: who(),
                        kind: Kind::DataObject,
                        external_source,
                    },
                    element,
                    "owner",
                    Some(object.loc()),
                );
            }
            OwnerOf::Explicit(owner) if is_supplier(ctx, owner) => {
                let span = object
                    .body
                    .owner
                    .as_ref()
                    .map_or(object.id_span, |o| o.span);
                report.add(
                    &Ownerless::Supplier {
                        who: who(),
                        owner: owner_id(ctx, owner),
                    },
                    element,
                    "owner",
                    Some(object.at(span)),
                );
            }
            _ => {}
        }
    }
}
