//! `ownership`: every application, business function and data object has an owner — explicit,
//! inherited through the business function's `parent`, or derived through business functions
//! (applications) and the source application (data objects).

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;
use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::graph::{EdgeKind, Graph};
use crate::model::{DataRole, Elem, Field, Kind, Model, OwnerKind};
use crate::text::{Loc, Span, at_most};

pub(super) const CHECK: Check = Check::of::<Ownerless>(run);

/// How an element comes by its owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnerOf {
    /// Written on the element.
    Explicit(NodeIndex),
    /// From a business function (its own, or a parent's), or the source application.
    Derived(NodeIndex),
    /// Business functions with different owners (or a data object's sources with different
    /// owners): owner → the business functions (or source applications) that give it.
    Ambiguous(BTreeMap<NodeIndex, Vec<NodeIndex>>),
    /// An unresolved reference stands in the way: `model-integrity` reports it.
    Unresolved,
    None,
}

impl OwnerOf {
    /// What a child function inherits from this one.
    fn inherited(&self) -> OwnerOf {
        match self {
            OwnerOf::Explicit(o) | OwnerOf::Derived(o) => OwnerOf::Derived(*o),
            other => other.clone(),
        }
    }
}

/// The explicit owner of an element, or whether its `owner:` is written but unresolved.
fn explicit(graph: &Graph, n: NodeIndex, written: bool) -> OwnerOf {
    match graph.explicit_owner(n) {
        Some(owner) => OwnerOf::Explicit(owner),
        None if written => OwnerOf::Unresolved,
        None => OwnerOf::None,
    }
}

/// The owners of every business function and of every application and data object, each
/// found once: a function without one inherits its parent's, up the chain.
pub struct Owners<'a> {
    model: &'a Model,
    graph: &'a Graph,
    functions: Vec<OwnerOf>,
    /// Each application's owner, found the first time it is asked for: a source application
    /// holding thousands of data objects is asked once per object.
    applications: Vec<std::sync::OnceLock<OwnerOf>>,
}

impl<'a> Owners<'a> {
    pub fn new(model: &'a Model, graph: &'a Graph) -> Self {
        let mut owners = Owners {
            model,
            graph,
            functions: Vec::new(),
            applications: (0..model.applications.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        };
        owners.functions = owners.function_owners();
        owners
    }

    /// Each business function's owner. A chain is walked once: every function on it gets its
    /// answer, so later walks stop where an earlier one passed.
    fn function_owners(&self) -> Vec<OwnerOf> {
        let (model, graph) = (self.model, self.graph);
        let count = model.business_functions.len();
        let mut done: Vec<Option<OwnerOf>> = vec![None; count];
        let mut on_path = vec![false; count];
        for start in 0..count {
            if done[start].is_some() {
                continue;
            }
            let mut path = Vec::new();
            let mut at = start;
            // The owner the functions on the path inherit, and the function that has it.
            let (inherited, holder) = loop {
                if let Some(known) = &done[at] {
                    break (known.inherited(), None);
                }
                if on_path[at] {
                    // A cycle is model-integrity's.
                    break (OwnerOf::Unresolved, None);
                }
                on_path[at] = true;
                path.push(at);
                let n = graph.node(Kind::BusinessFunction, at);
                let bf = &model.business_functions[at];
                match explicit(graph, n, bf.body.owner.is_some()) {
                    OwnerOf::Explicit(o) => break (OwnerOf::Derived(o), Some((at, o))),
                    OwnerOf::Unresolved => break (OwnerOf::Unresolved, None),
                    _ => {}
                }
                let parent = graph
                    .out(n)
                    .find(|(_, e)| matches!(e.kind, EdgeKind::PartOf))
                    .and_then(|(p, _)| graph.element_of(p, Kind::BusinessFunction));
                match parent {
                    Some(p) => at = p,
                    // A dangling parent is model-integrity's.
                    None if bf.body.parent.is_some() => break (OwnerOf::Unresolved, None),
                    None => break (OwnerOf::None, None),
                }
            };
            for &f in &path {
                done[f] = Some(match holder {
                    Some((h, o)) if h == f => OwnerOf::Explicit(o),
                    _ => inherited.clone(),
                });
            }
        }
        done.into_iter()
            .map(|d| d.expect("every function is walked"))
            .collect()
    }

    /// A business function's owner: its own, else its parent's (up the chain).
    pub fn business_function(&self, index: usize) -> &OwnerOf {
        &self.functions[index]
    }

    /// An application's owner: explicit, else the one owner of its business functions.
    pub fn application(&self, index: usize) -> OwnerOf {
        self.applications[index]
            .get_or_init(|| {
                let n = self.graph.node(Kind::Application, index);
                let app = &self.model.applications[index];
                match explicit(self.graph, n, app.body.owner.is_some()) {
                    OwnerOf::None => self.derived_application(index),
                    other => other,
                }
            })
            .clone()
    }

    /// The owner an application's business functions give it, ignoring an explicit owner.
    pub fn derived_application(&self, index: usize) -> OwnerOf {
        let graph = self.graph;
        let me = Elem::new(Kind::Application, index);
        if super::shared::reference_broken(graph, me, Field::BusinessFunctions) {
            return OwnerOf::Unresolved;
        }
        let mut owners: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
        let mut unresolved = false;
        for (bf, _) in graph
            .out(graph.node_of(me))
            .filter(|(_, e)| matches!(e.kind, EdgeKind::Supports))
        {
            let Some(i) = graph.element_of(bf, Kind::BusinessFunction) else {
                continue;
            };
            match self.business_function(i) {
                OwnerOf::Explicit(o) | OwnerOf::Derived(o) => {
                    owners.entry(*o).or_default().push(bf);
                }
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
    pub fn data_object(&self, index: usize) -> OwnerOf {
        let (model, graph) = (self.model, self.graph);
        let n = graph.node(Kind::DataObject, index);
        match explicit(graph, n, model.data_objects[index].body.owner.is_some()) {
            OwnerOf::None => {}
            other => return other,
        }
        let sources: Vec<usize> = sources(graph, n)
            .filter(|&a| !model.applications[a].body.is_retired())
            .collect();
        // The municipality's own source decides: a bronhouder's registration beside the
        // landelijke voorziening that also holds the object (BAG-beheer and LV-BAG) is one
        // chain, and the bronhouder's owner owns the object.
        let own: Vec<usize> = sources
            .iter()
            .copied()
            .filter(|&a| !model.applications[a].body.is_external())
            .collect();
        match own.as_slice() {
            [one] => match self.application(*one) {
                OwnerOf::Explicit(o) | OwnerOf::Derived(o) => OwnerOf::Derived(o),
                OwnerOf::Unresolved | OwnerOf::Ambiguous(_) => OwnerOf::Unresolved,
                OwnerOf::None => OwnerOf::None,
            },
            // Two sources are single-source's finding; their owners still say whose the data
            // is: one owner of them all owns it, several make it ambiguous.
            [_, _, ..] => {
                let mut by_owner: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
                for &a in &own {
                    match self.application(a) {
                        OwnerOf::Explicit(o) | OwnerOf::Derived(o) => by_owner
                            .entry(o)
                            .or_default()
                            .push(graph.node(Kind::Application, a)),
                        _ => return OwnerOf::Unresolved,
                    }
                }
                match by_owner.keys().copied().collect::<Vec<_>>().as_slice() {
                    [one] => OwnerOf::Derived(*one),
                    _ => OwnerOf::Ambiguous(by_owner),
                }
            }
            // So is a held object nobody is the source of (the source decides the owner),
            // unless it comes from someone else's.
            [] if sources.is_empty()
                && graph
                    .inc(n)
                    .any(|(_, e)| matches!(e.kind, EdgeKind::Holds(_)))
                && !owned_elsewhere(model, graph, index) =>
            {
                OwnerOf::Unresolved
            }
            [] => OwnerOf::None,
        }
    }
}

/// An application's owner (see [`Owners`] to ask for many).
pub fn application_owner(model: &Model, graph: &Graph, index: usize) -> OwnerOf {
    Owners::new(model, graph).application(index)
}

/// A business function's owner (see [`Owners`] to ask for many).
pub fn business_function_owner(model: &Model, graph: &Graph, index: usize) -> OwnerOf {
    Owners::new(model, graph).business_function(index).clone()
}

/// A data object's owner (see [`Owners`] to ask for many).
pub fn data_object_owner(model: &Model, graph: &Graph, index: usize) -> OwnerOf {
    Owners::new(model, graph).data_object(index)
}

/// The applications (by index) that declare themselves the source of a data object's node.
fn sources(graph: &Graph, object: NodeIndex) -> impl Iterator<Item = usize> + '_ {
    graph
        .inc(object)
        .filter(|(_, e)| matches!(&e.kind, EdgeKind::Holds(h) if h.role == DataRole::Source))
        .filter_map(|(a, _)| graph.element_of(a, Kind::Application))
}

/// Whether a data object's authentic source is someone else's (a BRK perceel from the Kadaster,
/// a BRP person from the GBA-V, income data from the Inlichtingenbureau): they own it, the
/// municipality only uses it, so it needs no municipal owner. That is so when only external
/// applications are its source; when nobody declares the source, when it is a basisregistratie
/// (its national facility is the source) or when every application that holds it takes it
/// `from` an external one.
pub fn owned_elsewhere(model: &Model, graph: &Graph, index: usize) -> bool {
    let n = graph.node(Kind::DataObject, index);
    let external = |a: usize| model.applications[a].body.is_external();
    let sources: Vec<usize> = sources(graph, n)
        .filter(|&a| !model.applications[a].body.is_retired())
        .collect();
    if !sources.is_empty() {
        return sources.iter().all(|&a| external(a));
    }
    if model.data_objects[index].body.basisregistratie.is_some() {
        return true;
    }
    // Each holding's `from`: `None` where it names none, or no application.
    let froms: Vec<Option<usize>> = graph
        .inc(n)
        .filter_map(|(_, e)| match &e.kind {
            EdgeKind::Holds(h) => Some(h.from.and_then(|f| graph.element_of(f, Kind::Application))),
            _ => None,
        })
        .collect();
    !froms.is_empty() && froms.iter().all(|from| from.is_some_and(external))
}

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Ownerless {
    MissingOwner {
        kind: Kind,
        /// What the owner would come from, that has no owner either (an application's
        /// business functions, a data object's source applications).
        through: Vec<String>,
    },
    AmbiguousOwner {
        owners: Vec<String>,
    },
    SupplierOwner {
        owner: String,
    },
    OwnerDiffers {
        owner: String,
        derived: String,
    },
}

impl Issue for Ownerless {
    fn say(&self, who: &str) -> Said {
        match self {
            Ownerless::MissingOwner { kind, through } => Said::new(
                format!("{who} has no owner"),
                match (kind, through.as_slice()) {
                    (Kind::Application, []) => {
                        "add `owner:` with an owner id, or list the business functions it supports under `business_functions:` and give those an owner: ownership follows the bedrijfsfunctie".to_owned()
                    }
                    (Kind::Application, functions) => format!(
                        "ownership follows the bedrijfsfunctie, and its business functions have no owner either ({}): give {} an `owner:` (or a `parent:` that has one), or add `owner:` here",
                        at_most(&quoted(functions), 5),
                        if functions.len() == 1 { "it" } else { "them" }
                    ),
                    (Kind::BusinessFunction, _) => {
                        "add `owner:` with the department that owns this bedrijfsfunctie, or a `parent:` function that has one".to_owned()
                    }
                    (_, []) => {
                        "add `owner:`, or declare the application that is its source (`data: { <id>: { role: source } }`) and give that application an owner".to_owned()
                    }
                    (_, sources) => format!(
                        "a data object is owned by the owner of its source, and {} no owner either: give {} one, or add `owner:` here",
                        match sources {
                            [one] => format!("its source `{one}` has"),
                            _ => format!("its sources ({}) have", at_most(&quoted(sources), 5)),
                        },
                        if sources.len() == 1 { "it" } else { "them" }
                    ),
                },
                "no owner",
            ),
            Ownerless::AmbiguousOwner { owners } => Said::new(
                format!(
                    "{who} supports business functions with different owners ({}), so its owner is ambiguous",
                    at_most(owners, 10)
                ),
                "name the owner explicitly with `owner:`, or have its business functions owned by one owner",
                "ambiguous owner",
            ),
            Ownerless::SupplierOwner { owner } => Said::new(
                format!("{who} is owned by the supplier `{owner}`"),
                "the municipality stays responsible for what it outsources: make a department or team the owner and keep the supplier under `supplier:`",
                "a supplier",
            ),
            Ownerless::OwnerDiffers { owner, derived } => Said::new(
                format!(
                    "{who} is owned by `{owner}`, while its business functions are owned by `{derived}`"
                ),
                "ownership follows the business function; remove `owner:` to follow it, or keep it if the exception is deliberate",
                "differs from its business functions",
            ),
        }
    }
}

fn quoted(ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| format!("`{id}`")).collect()
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
    let owners = Owners::new(ctx.model, ctx.graph);
    applications(ctx, &owners, report);
    for (i, bf) in ctx.model.business_functions.iter().enumerate() {
        let me = Elem::new(Kind::BusinessFunction, i);
        report.examined(me);
        match owners.business_function(i) {
            OwnerOf::None => {
                let issue = Ownerless::MissingOwner {
                    kind: Kind::BusinessFunction,
                    through: Vec::new(),
                };
                report.add(issue, me, Field::Owner, bf.loc());
            }
            OwnerOf::Explicit(owner) if is_supplier(ctx, *owner) => {
                let span = bf.body.owner.as_ref().map_or(bf.id_span, |o| o.span);
                supplier(ctx, report, me, *owner, span);
            }
            _ => {}
        }
    }
    for (i, object) in ctx.model.data_objects.iter().enumerate() {
        let me = Elem::new(Kind::DataObject, i);
        report.examined(me);
        match owners.data_object(i) {
            OwnerOf::None if !owned_elsewhere(ctx.model, ctx.graph, i) => {
                let through = sources(ctx.graph, ctx.graph.node_of(me))
                    .map(|a| ctx.model.applications[a].id.clone())
                    .collect();
                let issue = Ownerless::MissingOwner {
                    kind: Kind::DataObject,
                    through,
                };
                report.add(issue, me, Field::Owner, object.loc());
            }
            OwnerOf::Explicit(owner) if is_supplier(ctx, owner) => {
                let span = object
                    .body
                    .owner
                    .as_ref()
                    .map_or(object.id_span, |o| o.span);
                supplier(ctx, report, me, owner, span);
            }
            _ => {}
        }
    }
}

fn supplier(ctx: &Ctx, report: &mut Report, me: Elem, owner: NodeIndex, span: Span) {
    let issue = Ownerless::SupplierOwner {
        owner: owner_id(ctx, owner),
    };
    let loc = crate::text::Loc::new(ctx.model.loc(me).file, span);
    report.add(issue, me, Field::Owner, loc);
}

fn applications(ctx: &Ctx, owners: &Owners, report: &mut Report) {
    let graph = ctx.graph;
    for (i, app) in ctx.own_applications() {
        let me = Elem::new(Kind::Application, i);
        report.examined(me);
        match owners.application(i) {
            OwnerOf::None => {
                let mut through: Vec<String> = graph
                    .out(graph.node_of(me))
                    .filter(|(_, e)| matches!(e.kind, EdgeKind::Supports))
                    .filter_map(|(t, _)| graph.element_of(t, Kind::BusinessFunction))
                    .map(|b| ctx.model.business_functions[b].id.clone())
                    .collect();
                through.dedup();
                let issue = Ownerless::MissingOwner {
                    kind: Kind::Application,
                    through,
                };
                report.add(issue, me, Field::Owner, app.loc());
            }
            OwnerOf::Ambiguous(by_owner) => {
                let names = by_owner
                    .keys()
                    .map(|&o| format!("`{}`", owner_id(ctx, o)))
                    .collect();
                let issue = Ownerless::AmbiguousOwner { owners: names };
                let f = report.add(issue, me, Field::Owner, app.loc());
                // Where the application names each function (the first time it does).
                let mut named: foldhash::HashMap<NodeIndex, Loc> = foldhash::HashMap::default();
                for (t, e) in graph.out(graph.node_of(me)) {
                    if matches!(e.kind, EdgeKind::Supports) {
                        named.entry(t).or_insert(e.loc);
                    }
                }
                for (&owner, bfs) in &by_owner {
                    let mut bfs = bfs.clone();
                    bfs.sort();
                    for bf in bfs {
                        if let Some(&loc) = named.get(&bf) {
                            f.related(loc, format!("owned by `{}`", owner_id(ctx, owner)));
                        }
                    }
                }
            }
            OwnerOf::Explicit(owner) => {
                let span = app.body.owner.as_ref().map_or(app.id_span, |o| o.span);
                if is_supplier(ctx, owner) {
                    supplier(ctx, report, me, owner, span);
                }
                if let OwnerOf::Derived(derived) = owners.derived_application(i)
                    && derived != owner
                {
                    let issue = Ownerless::OwnerDiffers {
                        owner: owner_id(ctx, owner),
                        derived: owner_id(ctx, derived),
                    };
                    report.add(issue, me, Field::Owner, app.at(span));
                }
            }
            OwnerOf::Derived(_) | OwnerOf::Unresolved => {}
        }
    }
}
