//! Who owns each element, and how that was found: written on it, through its business
//! functions, its parent function, its source application, the application that provides it.
//! The `ownership` rule's own resolution ([`crate::checks::Owners`]) decides the owner; this adds
//! the path it took, for reports and the JSON.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::checks::{OwnerOf, Owners, owned_elsewhere};
use crate::graph::{EdgeKind, Graph};
use crate::model::{DataRole, Elem, Kind, Model};

/// How an element came by its owner (or why it has none).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// `owner:` on the element.
    Explicit,
    /// An application, from the one owner of the business functions it supports.
    BusinessFunction,
    /// A business function, from a parent function up its chain.
    ParentFunction,
    /// A data object, from the application that is its source.
    Source,
    /// An interface, from the application that provides it.
    Provider,
    /// An owner owns itself.
    #[serde(rename = "self")]
    Itself,
    /// A waiver, from the one owner of the elements it targets.
    Targets,
    /// A data object whose authentic source is someone else's (an external application, a
    /// basisregistratie's national facility): owned outside the municipality.
    External,
    /// Business functions with different owners, and no owner written.
    Ambiguous,
    /// A reference on the way does not resolve (`model-integrity` reports it).
    Unresolved,
    /// A data object that is held but has no current source to take an owner from
    /// (`single-source` reports it).
    NoSource,
    /// No owner written, and none to derive.
    None,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Explicit => "explicit",
            How::BusinessFunction => "business_function",
            How::ParentFunction => "parent_function",
            How::Source => "source",
            How::Provider => "provider",
            How::Itself => "self",
            How::Targets => "targets",
            How::External => "external",
            How::Ambiguous => "ambiguous",
            How::Unresolved => "unresolved",
            How::NoSource => "no_source",
            How::None => "none",
        }
    }
}

/// One element's owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owned {
    /// The owner (its index among the model's owners), when there is exactly one.
    pub owner: Option<usize>,
    pub how: How,
    /// The elements the owner came through (business functions, the source application…).
    pub via: Vec<Elem>,
    /// For an ambiguous owner: each candidate owner with the business functions that give it.
    pub candidates: BTreeMap<usize, Vec<Elem>>,
}

impl Owned {
    fn of(owner: Option<usize>, how: How, via: Vec<Elem>) -> Owned {
        Owned {
            owner,
            how,
            via,
            candidates: BTreeMap::new(),
        }
    }

    fn none() -> Owned {
        Owned::of(None, How::None, Vec::new())
    }
}

/// The owner of every element of the model.
pub struct Ownership {
    /// Per kind (in [`Kind::ALL`] order), per element.
    of: [Vec<Owned>; 7],
}

impl Ownership {
    pub fn new(model: &Model, graph: &Graph) -> Ownership {
        let owners = Owners::new(model, graph);
        let mut of: [Vec<Owned>; 7] = Default::default();
        of[Kind::Owner as usize] = (0..model.owners.len())
            .map(|i| Owned::of(Some(i), How::Itself, Vec::new()))
            .collect();
        let holders = explicit_ancestors(graph, model.business_functions.len());
        of[Kind::BusinessFunction as usize] = (0..model.business_functions.len())
            .map(|i| business_function(graph, &owners, &holders, i))
            .collect();
        of[Kind::Application as usize] = (0..model.applications.len())
            .map(|i| application(graph, &owners, i))
            .collect();
        of[Kind::DataObject as usize] = (0..model.data_objects.len())
            .map(|i| data_object(model, graph, &owners, i))
            .collect();
        let applications = &of[Kind::Application as usize];
        of[Kind::Interface as usize] = (0..model.interfaces.len())
            .map(|i| interface(graph, applications, i))
            .collect();
        of[Kind::Standard as usize] = vec![Owned::none(); model.standards.len()];
        let waivers = (0..model.waivers.len())
            .map(|i| waiver(graph, &of, i))
            .collect();
        of[Kind::Waiver as usize] = waivers;
        Ownership { of }
    }

    pub fn of(&self, e: Elem) -> &Owned {
        &self.of[e.kind as usize][e.index]
    }
}

fn owner_index(graph: &Graph, n: NodeIndex) -> Option<usize> {
    graph.element_of(n, Kind::Owner)
}

/// A business function: its own owner, else the first function up its `parent` chain that has
/// one.
fn business_function(graph: &Graph, owners: &Owners, holders: &[Option<usize>], i: usize) -> Owned {
    match owners.business_function(i) {
        OwnerOf::Explicit(o) => Owned::of(owner_index(graph, *o), How::Explicit, Vec::new()),
        OwnerOf::Derived(o) => {
            let via = holders[i]
                .filter(|&h| {
                    graph.explicit_owner(graph.node(Kind::BusinessFunction, h)) == Some(*o)
                })
                .map(|h| vec![Elem::new(Kind::BusinessFunction, h)])
                .unwrap_or_default();
            Owned::of(owner_index(graph, *o), How::ParentFunction, via)
        }
        OwnerOf::Unresolved => Owned::of(None, How::Unresolved, Vec::new()),
        OwnerOf::Ambiguous(_) | OwnerOf::None => Owned::none(),
    }
}

/// Per business function: the nearest function above it with an `owner:` of its own (the one
/// a derived owner comes from). Each chain is walked once, whatever its depth; a cycle has none.
fn explicit_ancestors(graph: &Graph, n: usize) -> Vec<Option<usize>> {
    let parent = |i: usize| {
        graph
            .out(graph.node(Kind::BusinessFunction, i))
            .find(|(_, e)| matches!(e.kind, EdgeKind::PartOf))
            .and_then(|(p, _)| graph.element_of(p, Kind::BusinessFunction))
    };
    let explicit = |i: usize| {
        graph
            .explicit_owner(graph.node(Kind::BusinessFunction, i))
            .is_some()
    };
    let mut holder: Vec<Option<Option<usize>>> = vec![None; n];
    for start in 0..n {
        // Walk up until a function whose answer is known, then answer the path on the way down.
        let mut path = Vec::new();
        let mut on_path = BTreeSet::new();
        let mut at = start;
        let mut answer = loop {
            if let Some(known) = holder[at] {
                break known;
            }
            if !on_path.insert(at) {
                break None;
            }
            path.push(at);
            match parent(at) {
                Some(p) if explicit(p) => break Some(p),
                Some(p) => at = p,
                None => break None,
            }
        };
        while let Some(i) = path.pop() {
            holder[i] = Some(answer);
            if explicit(i) {
                answer = Some(i);
            }
        }
    }
    holder.into_iter().map(Option::flatten).collect()
}

/// The business functions an application supports, as (function node, its owner).
fn supported(graph: &Graph, owners: &Owners, app: usize) -> Vec<(usize, Option<NodeIndex>)> {
    let n = graph.node(Kind::Application, app);
    let mut out: Vec<(usize, Option<NodeIndex>)> = graph
        .out(n)
        .filter(|(_, e)| matches!(e.kind, EdgeKind::Supports))
        .filter_map(|(bf, _)| graph.element_of(bf, Kind::BusinessFunction))
        .map(|bf| {
            let owner = match owners.business_function(bf) {
                OwnerOf::Explicit(o) | OwnerOf::Derived(o) => Some(*o),
                _ => None,
            };
            (bf, owner)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn application(graph: &Graph, owners: &Owners, i: usize) -> Owned {
    match owners.application(i) {
        OwnerOf::Explicit(o) => Owned::of(owner_index(graph, o), How::Explicit, Vec::new()),
        OwnerOf::Derived(o) => {
            let via = supported(graph, owners, i)
                .into_iter()
                .filter(|(_, owner)| *owner == Some(o))
                .map(|(bf, _)| Elem::new(Kind::BusinessFunction, bf))
                .collect();
            Owned::of(owner_index(graph, o), How::BusinessFunction, via)
        }
        OwnerOf::Ambiguous(by_owner) => {
            let candidates = by_owner
                .iter()
                .filter_map(|(&o, bfs)| {
                    let mut bfs: Vec<Elem> = bfs
                        .iter()
                        .filter_map(|&bf| graph.elem(bf))
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    bfs.sort();
                    Some((owner_index(graph, o)?, bfs))
                })
                .collect();
            Owned {
                owner: None,
                how: How::Ambiguous,
                via: Vec::new(),
                candidates,
            }
        }
        OwnerOf::Unresolved => Owned::of(None, How::Unresolved, Vec::new()),
        OwnerOf::None => Owned::none(),
    }
}

fn data_object(model: &Model, graph: &Graph, owners: &Owners, i: usize) -> Owned {
    match owners.data_object(i) {
        OwnerOf::Explicit(o) => Owned::of(owner_index(graph, o), How::Explicit, Vec::new()),
        OwnerOf::Derived(o) => {
            let n = graph.node(Kind::DataObject, i);
            let mut via: Vec<Elem> = graph
                .inc(n)
                .filter(
                    |(_, e)| matches!(&e.kind, EdgeKind::Holds(h) if h.role == DataRole::Source),
                )
                .filter_map(|(a, _)| graph.element_of(a, Kind::Application))
                .filter(|&a| {
                    let body = &model.applications[a].body;
                    !body.is_retired() && !body.is_external()
                })
                .map(|a| Elem::new(Kind::Application, a))
                .collect();
            via.sort();
            via.dedup();
            Owned::of(owner_index(graph, o), How::Source, via)
        }
        OwnerOf::Ambiguous(by_owner) => Owned {
            owner: None,
            how: How::Ambiguous,
            via: Vec::new(),
            candidates: by_owner
                .iter()
                .filter_map(|(&o, sources)| {
                    let mut via: Vec<Elem> =
                        sources.iter().filter_map(|&a| graph.elem(a)).collect();
                    via.sort();
                    via.dedup();
                    Some((owner_index(graph, o)?, via))
                })
                .collect(),
        },
        // No current source to take an owner from (single-source says so), not a reference
        // that does not resolve.
        OwnerOf::Unresolved
            if !has_current_source(model, graph, i)
                && model.data_objects[i].body.owner.is_none() =>
        {
            Owned::of(None, How::NoSource, Vec::new())
        }
        OwnerOf::Unresolved => Owned::of(None, How::Unresolved, Vec::new()),
        OwnerOf::None if owned_elsewhere(model, graph, i) => {
            // Its sources; when nobody says, the applications the data is taken from.
            let n = graph.node(Kind::DataObject, i);
            let holdings = || {
                graph.inc(n).filter_map(|(a, e)| match &e.kind {
                    EdgeKind::Holds(h) => Some((a, h)),
                    _ => None,
                })
            };
            let mut via: Vec<Elem> = holdings()
                .filter(|(_, h)| h.role == DataRole::Source)
                .filter_map(|(a, _)| graph.elem(a))
                .collect();
            if via.is_empty() {
                via = holdings()
                    .filter_map(|(_, h)| h.from.and_then(|f| graph.elem(f)))
                    .collect();
            }
            via.sort();
            via.dedup();
            Owned::of(None, How::External, via)
        }
        OwnerOf::None => Owned::none(),
    }
}

/// Whether an application that is not retired declares itself the source of the data object.
fn has_current_source(model: &Model, graph: &Graph, i: usize) -> bool {
    let n = graph.node(Kind::DataObject, i);
    graph.inc(n).any(|(a, e)| {
        matches!(&e.kind, EdgeKind::Holds(h) if h.role == DataRole::Source)
            && graph
                .element_of(a, Kind::Application)
                .is_some_and(|a| !model.applications[a].body.is_retired())
    })
}

/// An interface belongs to the owner of the application that provides it.
fn interface(graph: &Graph, applications: &[Owned], i: usize) -> Owned {
    let n = graph.node(Kind::Interface, i);
    let Some(provider) = graph
        .provider(n)
        .and_then(|p| graph.element_of(p, Kind::Application))
    else {
        return Owned::of(None, How::Unresolved, Vec::new());
    };
    match applications[provider].owner {
        Some(o) => Owned::of(
            Some(o),
            How::Provider,
            vec![Elem::new(Kind::Application, provider)],
        ),
        None => Owned::none(),
    }
}

/// A waiver belongs to the one owner of the elements it targets by id. A waiver of another
/// waiver (of the `waivers` rule) takes no owner from it: waivers get theirs here, from the
/// elements they explain, and a waiver's owner is not yet known while the others are found.
fn waiver(graph: &Graph, of: &[Vec<Owned>; 7], i: usize) -> Owned {
    let n = graph.node(Kind::Waiver, i);
    let targets: BTreeSet<Elem> = graph
        .out(n)
        .filter(|(_, e)| matches!(e.kind, EdgeKind::Waives))
        .filter_map(|(t, _)| graph.elem(t))
        .filter(|t| t.kind != Kind::Waiver)
        .collect();
    let owners: BTreeSet<Option<usize>> = targets
        .iter()
        .map(|t| of[t.kind as usize][t.index].owner)
        .collect();
    match owners.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(o)] => Owned::of(Some(*o), How::Targets, targets.into_iter().collect()),
        _ => Owned::none(),
    }
}
