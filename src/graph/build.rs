//! Building the graph: nodes for every element, edges for every reference that resolves, and
//! a record of every one that does not.

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

use petgraph::graph::{DiGraph, NodeIndex};

use super::{
    Broken, DataSync, Edge, EdgeKind, GNode, GemmaCaveat, GemmaNote, Graph, Holding, Repeated,
    Target, Unresolved,
};
use crate::model::{Application, Elem, Element, Field, FieldPath, Kind, Model, Waiver};
use crate::reference::{ComponentType, Reference, Resolution, StandardRef};
use crate::syntax::Sp;
use crate::text::{Loc, closest};

pub(super) fn build(model: &Model, reference: &Reference) -> Graph {
    // Enough chunks to keep the threads busy, few enough that each is worth a job.
    let jobs = 4 * rayon::current_num_threads();
    let chunk = (model.applications.len().max(model.interfaces.len()) / jobs).clamp(64, 4096);
    build_in_chunks(model, reference, chunk)
}

fn build_in_chunks(model: &Model, reference: &Reference, chunk: usize) -> Graph {
    let mut graph = Graph {
        g: DiGraph::with_capacity(model.len() * 2, 0),
        elements: Default::default(),
        others: HashMap::new(),
        unresolved: Vec::new(),
        gemma_notes: Vec::new(),
        repeated: Vec::new(),
        wildcard_targets: vec![Vec::new(); model.waivers.len()],
        broken: HashMap::new(),
        provider_of: Vec::new(),
        implemented: HashMap::new(),
        owner_of: Vec::new(),
    };
    add_nodes(&mut graph, model);
    // The references are resolved in parts, side by side: the few owners and functions first,
    // the applications and interfaces in chunks, then data objects and waivers. Each part keeps
    // what it found in the order it met it, and the parts are joined in order, so the graph is
    // the one a single pass would build.
    let parts: Vec<Found> = {
        let part = |run: &(dyn Fn(&mut Part) + Sync)| {
            let mut part = Part::new(model, reference, &graph);
            run(&mut part);
            part.found
        };
        let chunks = |n: usize| -> Vec<std::ops::Range<usize>> {
            (0..n)
                .step_by(chunk)
                .map(|start| start..start.saturating_add(chunk).min(n))
                .collect()
        };
        let mut parts = vec![part(&|p| p.owners_and_functions())];
        parts.extend(
            chunks(model.applications.len())
                .par_iter()
                .map(|range| part(&|p| p.applications(range.clone())))
                .collect::<Vec<_>>(),
        );
        parts.extend(
            chunks(model.interfaces.len())
                .par_iter()
                .map(|range| part(&|p| p.interfaces(range.clone())))
                .collect::<Vec<_>>(),
        );
        parts.push(part(&|p| p.data_objects_and_waivers()));
        parts
    };
    let mut edges = Vec::with_capacity(parts.iter().map(|p| p.edges.len()).sum());
    for found in parts {
        for (from, to, edge) in found.edges {
            let to = match to {
                To::Node(n) => n,
                To::Other(node) => other_node(&mut graph, node),
            };
            edges.push((from, to, edge));
        }
        graph.unresolved.extend(found.unresolved);
        graph.gemma_notes.extend(found.gemma_notes);
        graph.repeated.extend(found.repeated);
        for (i, kind) in found.wildcards {
            graph.wildcard_targets[i].push(kind);
        }
    }
    add_by_source(&mut graph.g, edges);
    index(&mut graph);
    graph
}

fn add_nodes(graph: &mut Graph, m: &Model) {
    for kind in Kind::ALL {
        for i in 0..m.count(kind) {
            let n = graph.g.add_node(GNode::Element(kind, i));
            graph.elements[kind as usize].push(n);
        }
    }
    // A local standard is its own node in the standards space too.
    for i in 0..m.standards.len() {
        let n = graph.node(Kind::Standard, i);
        graph
            .others
            .insert(GNode::Standard(StandardRef::Local(i)), n);
    }
}

/// The node of a GEMMA element, standard or basisregistratie, added the first time it is named.
fn other_node(graph: &mut Graph, node: GNode) -> NodeIndex {
    if let Some(&n) = graph.others.get(&node) {
        return n;
    }
    let n = graph.g.add_node(node);
    graph.others.insert(node, n);
    n
}

/// The per-node lookups and the per-element index of broken references.
fn index(g: &mut Graph) {
    let count = g.g.node_count();
    g.provider_of = vec![None; count];
    g.owner_of = vec![None; count];
    for e in g.g.raw_edges() {
        let (from, to) = (e.source(), e.target());
        match e.weight.kind {
            EdgeKind::Provides => {
                g.provider_of[to.index()].get_or_insert(from);
            }
            EdgeKind::Owns => {
                g.owner_of[to.index()].get_or_insert(from);
            }
            EdgeKind::Implements => {
                if let GNode::Standard(StandardRef::Catalogue(k)) = g.g[to] {
                    g.implemented.entry(from).or_default().push(k);
                }
            }
            _ => {}
        }
    }
    // Sorted, each once: "does it implement k" is a binary search, not a scan.
    for standards in g.implemented.values_mut() {
        standards.sort_unstable();
        standards.dedup();
    }
    for (i, u) in g.unresolved.iter().enumerate() {
        g.broken
            .entry(u.element)
            .or_default()
            .push(Broken::Unresolved(i));
    }
    for (i, n) in g.gemma_notes.iter().enumerate() {
        if matches!(n.caveat, GemmaCaveat::Ambiguous(_)) {
            g.broken
                .entry(n.element)
                .or_default()
                .push(Broken::Ambiguous(i));
        }
    }
}

/// Adds the edges with each node's outgoing edges side by side in memory, in the order they
/// were met, and no room to spare. The rules walk every element's outgoing edges many times
/// over; edges added as the references were met would lie scattered, and a walk over them
/// would wait on memory at every step. A node's outgoing edges keep the order they were met in;
/// its incoming edges come by source node (see [`Graph::inc`]).
fn add_by_source(g: &mut DiGraph<GNode, Edge>, mut edges: Vec<(NodeIndex, NodeIndex, Edge)>) {
    // A counting sort of the positions by source (stable: a node's edges keep their order),
    // then each edge moved once.
    let mut starts = vec![0usize; g.node_count() + 1];
    for (from, _, _) in &edges {
        starts[from.index() + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut order = vec![0usize; edges.len()];
    for (i, (from, _, _)) in edges.iter().enumerate() {
        let at = &mut starts[from.index()];
        order[*at] = i;
        *at += 1;
    }
    g.reserve_exact_edges(edges.len());
    // Each edge is taken from where it was met (what is left there is never read) and added
    // in its place in the order.
    let taken = || {
        let nowhere = NodeIndex::end();
        let edge = Edge {
            kind: EdgeKind::Owns,
            loc: Loc::new(crate::text::FileId(0), crate::text::Span::default()),
        };
        (nowhere, nowhere, edge)
    };
    for i in order {
        let (from, to, edge) = std::mem::replace(&mut edges[i], taken());
        g.add_edge(from, to, edge);
    }
}

/// Where an edge goes: an element's node, or a node for a GEMMA element, standard or
/// basisregistratie that is added when the parts are joined.
enum To {
    Node(NodeIndex),
    Other(GNode),
}

impl From<NodeIndex> for To {
    fn from(n: NodeIndex) -> To {
        To::Node(n)
    }
}

/// What one part found, in the order it met it.
#[derive(Default)]
struct Found {
    edges: Vec<(NodeIndex, To, Edge)>,
    unresolved: Vec<Unresolved>,
    gemma_notes: Vec<GemmaNote>,
    repeated: Vec<Repeated>,
    /// Per waiver (by index): a kind its `kind:*` targets.
    wildcards: Vec<(usize, Kind)>,
}

/// One part of the resolution: the model, the reference and the element nodes to read, and
/// what it finds.
struct Part<'a> {
    model: &'a Model,
    reference: &'a Reference,
    graph: &'a Graph,
    /// Standards as written → what they resolve to (or the suggestions for them): the same few
    /// names recur thousands of times.
    standards_seen: HashMap<String, Result<StandardRef, Vec<String>>>,
    found: Found,
}

impl<'a> Part<'a> {
    fn new(model: &'a Model, reference: &'a Reference, graph: &'a Graph) -> Self {
        Part {
            model,
            reference,
            graph,
            standards_seen: HashMap::new(),
            found: Found::default(),
        }
    }

    /// Where an edge to a GEMMA element, standard or basisregistratie goes.
    fn other_node(&self, node: GNode) -> To {
        match self.graph.others.get(&node) {
            Some(&n) => To::Node(n),
            None => To::Other(node),
        }
    }

    fn edge(&mut self, from: NodeIndex, to: impl Into<To>, kind: EdgeKind, loc: Loc) {
        self.found.edges.push((from, to.into(), Edge { kind, loc }));
    }

    fn unresolved(
        &mut self,
        element: Elem,
        field: impl Into<FieldPath>,
        target: Target,
        written: &Sp<String>,
        loc: Loc,
    ) {
        self.found.unresolved.push(Unresolved {
            element,
            field: field.into(),
            target,
            text: written.value.clone(),
            loc,
            suggestions: Vec::new(),
        });
    }

    /// Where a reference written in an element's field is.
    fn at(&self, from: Elem, written: &Sp<String>) -> Loc {
        Loc::new(self.model.loc(from).file, written.span)
    }

    /// Resolves an element reference and adds the edge (from the referring element, or to it
    /// when `towards_referrer`), or records it as unresolved.
    fn link(
        &mut self,
        from: Elem,
        field: impl Into<FieldPath>,
        written: &Sp<String>,
        target: Kind,
        edge: EdgeKind,
        towards_referrer: bool,
    ) -> Option<NodeIndex> {
        let here = self.graph.node_of(from);
        let loc = self.at(from, written);
        match self.model.find(target, &written.value) {
            Some(j) => {
                let there = self.graph.node(target, j);
                if towards_referrer {
                    self.edge(there, here, edge, loc);
                } else {
                    self.edge(here, there, edge, loc);
                }
                Some(there)
            }
            None => {
                self.unresolved(from, field, Target::Element(target), written, loc);
                None
            }
        }
    }

    /// Resolves an element reference without an edge of its own (the `from` of a holding).
    fn resolve_only(
        &mut self,
        from: Elem,
        field: FieldPath,
        written: &Sp<String>,
        target: Kind,
    ) -> Option<NodeIndex> {
        match self.model.find(target, &written.value) {
            Some(j) => Some(self.graph.node(target, j)),
            None => {
                let loc = self.at(from, written);
                self.unresolved(from, field, Target::Element(target), written, loc);
                None
            }
        }
    }

    fn owners_and_functions(&mut self) {
        let m = self.model;
        for (i, e) in m.owners.iter().enumerate() {
            let me = Elem::new(Kind::Owner, i);
            if let Some(p) = &e.body.parent {
                self.link(me, Field::Parent, p, Kind::Owner, EdgeKind::PartOf, false);
            }
        }
        for (i, e) in m.business_functions.iter().enumerate() {
            let me = Elem::new(Kind::BusinessFunction, i);
            if let Some(o) = &e.body.owner {
                self.link(me, Field::Owner, o, Kind::Owner, EdgeKind::Owns, true);
            }
            if let Some(p) = &e.body.parent {
                let edge = EdgeKind::PartOf;
                self.link(me, Field::Parent, p, Kind::BusinessFunction, edge, false);
            }
            if let Some(g) = &e.body.gemma {
                self.gemma(me, Field::Gemma, g, GemmaList::Functions);
            }
        }
    }

    fn applications(&mut self, range: std::ops::Range<usize>) {
        let m = self.model;
        for i in range {
            self.application_edges(i, &m.applications[i]);
        }
    }

    fn interfaces(&mut self, range: std::ops::Range<usize>) {
        let m = self.model;
        for i in range {
            let e = &m.interfaces[i];
            let me = Elem::new(Kind::Interface, i);
            let b = &e.body;
            let provides = EdgeKind::Provides;
            self.link(
                me,
                Field::Provider,
                &b.provider,
                Kind::Application,
                provides,
                true,
            );
            for c in self.distinct(me, Field::Consumers, &b.consumers) {
                let consumes = EdgeKind::Consumes;
                self.link(me, Field::Consumers, c, Kind::Application, consumes, true);
            }
            for d in self.distinct(me, Field::DataObjects, &b.data_objects) {
                let carries = EdgeKind::Carries;
                self.link(me, Field::DataObjects, d, Kind::DataObject, carries, false);
            }
            let standards = self.distinct(me, Field::Standards, &b.standards);
            self.standards(me, standards);
        }
    }

    fn data_objects_and_waivers(&mut self) {
        let m = self.model;
        for (i, e) in m.data_objects.iter().enumerate() {
            let me = Elem::new(Kind::DataObject, i);
            let b = &e.body;
            if let Some(o) = &b.owner {
                self.link(me, Field::Owner, o, Kind::Owner, EdgeKind::Owns, true);
            }
            if let Some(g) = &b.gemma {
                self.gemma(me, Field::Gemma, g, GemmaList::Objects);
            }
            if let Some(code) = &b.basisregistratie {
                let here = self.graph.node_of(me);
                let loc = self.at(me, code);
                match self.reference.basisregistratie(&code.value) {
                    Some(r) => {
                        let there = self.other_node(GNode::Basisregistratie(r));
                        self.edge(here, there, EdgeKind::AuthenticIn, loc);
                    }
                    None => {
                        let target = Target::Basisregistratie;
                        self.unresolved(me, Field::Basisregistratie, target, code, loc);
                    }
                }
            }
        }
        for (i, e) in m.waivers.iter().enumerate() {
            for t in &e.body.target {
                self.waiver_target(i, e, t);
            }
        }
    }

    fn application_edges(&mut self, i: usize, e: &Element<Application>) {
        let me = Elem::new(Kind::Application, i);
        let b = &e.body;
        if let Some(o) = &b.owner {
            self.link(me, Field::Owner, o, Kind::Owner, EdgeKind::Owns, true);
        }
        for f in self.distinct(me, Field::BusinessFunctions, &b.business_functions) {
            let supports = EdgeKind::Supports;
            self.link(
                me,
                Field::BusinessFunctions,
                f,
                Kind::BusinessFunction,
                supports,
                false,
            );
        }
        for c in self.distinct(me, Field::ReferenceComponents, &b.reference_components) {
            self.gemma(me, Field::ReferenceComponents, c, GemmaList::Components);
        }
        let standards = self.distinct(me, Field::Standards, &b.standards);
        self.standards(me, standards);
        if let Some(archiving) = &b.archiving {
            let destination = Field::Archiving.at("destination");
            for d in self.distinct(me, destination, &archiving.destination) {
                let field = Field::Archiving.at("destination");
                let archives = EdgeKind::ArchivesTo;
                self.link(me, field, d, Kind::Application, archives, false);
            }
        }
        let here = self.graph.node_of(me);
        for (key, usage) in b.data.iter() {
            let field = Field::Data.at(key.value.as_str());
            let from = usage.from.as_ref().and_then(|f| {
                self.resolve_only(me, field.clone().then("from"), f, Kind::Application)
            });
            let holding = Holding {
                role: usage.role.value,
                role_span: usage.role.span,
                from,
                from_written: usage.from.clone(),
                sync: usage.sync.as_ref().map(|s| DataSync {
                    value: s.value,
                    span: s.span,
                }),
            };
            let loc = e.at(key.span);
            match self.model.find(Kind::DataObject, &key.value) {
                Some(j) => {
                    let there = self.graph.node(Kind::DataObject, j);
                    self.edge(here, there, EdgeKind::Holds(Box::new(holding)), loc);
                }
                None => {
                    let target = Target::Element(Kind::DataObject);
                    self.unresolved(me, field, target, key, loc);
                }
            }
        }
    }

    /// A list's entries, each value once; a value written again is recorded once, with how
    /// often it was written, so `standards: [a, a, …]` costs one finding, not one per entry.
    fn distinct<'s>(
        &mut self,
        me: Elem,
        field: impl Into<FieldPath>,
        list: &'s [Sp<String>],
    ) -> Vec<&'s Sp<String>> {
        let mut out: Vec<&Sp<String>> = Vec::with_capacity(list.len());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        // Per value written again: its first entry, its second, and how often.
        let mut again: Vec<(usize, usize, usize)> = Vec::new();
        let mut again_at: HashMap<usize, usize> = HashMap::new();
        for (i, entry) in list.iter().enumerate() {
            let first = if list.len() <= 16 {
                list[..i].iter().position(|e| e.value == entry.value)
            } else {
                match seen.entry(entry.value.as_str()) {
                    std::collections::hash_map::Entry::Occupied(o) => Some(*o.get()),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(i);
                        None
                    }
                }
            };
            match first {
                None => out.push(entry),
                Some(first) => match again_at.get(&first) {
                    Some(&k) => again[k].2 += 1,
                    None => {
                        again_at.insert(first, again.len());
                        again.push((first, i, 2));
                    }
                },
            }
        }
        if !again.is_empty() {
            let field = field.into();
            for (first, second, times) in again {
                self.found.repeated.push(Repeated {
                    element: me,
                    field: field.clone(),
                    text: list[first].value.clone(),
                    times,
                    first: self.at(me, &list[first]),
                    again: self.at(me, &list[second]),
                });
            }
        }
        out
    }

    fn standards(&mut self, me: Elem, standards: Vec<&Sp<String>>) {
        let here = self.graph.node_of(me);
        for s in standards {
            let resolved = match self.standards_seen.get(&s.value) {
                Some(r) => r.clone(),
                None => {
                    let r = self
                        .reference
                        .standard(self.model, &s.value)
                        .ok_or_else(|| self.suggest_standard(&s.value));
                    self.standards_seen.insert(s.value.clone(), r.clone());
                    r
                }
            };
            let loc = self.at(me, s);
            match resolved {
                Ok(r) => {
                    let there = self.other_node(GNode::Standard(r));
                    self.edge(here, there, EdgeKind::Implements, loc);
                }
                Err(suggestions) => {
                    self.unresolved(me, Field::Standards, Target::Standard, s, loc);
                    if let Some(u) = self.found.unresolved.last_mut() {
                        u.suggestions = suggestions;
                    }
                }
            }
        }
    }

    /// The closest standards to an unknown one: the catalogue's, then the model's own.
    fn suggest_standard(&self, text: &str) -> Vec<String> {
        let mut suggestions = self.reference.standards.suggest(text);
        let local: Vec<&str> = self.model.ids(Kind::Standard);
        suggestions.extend(closest(text, local, 2).into_iter().map(str::to_owned));
        suggestions
    }

    fn gemma(&mut self, me: Elem, field: Field, written: &Sp<String>, list: GemmaList) {
        let r = self.reference;
        let (index, target) = match list {
            GemmaList::Components => (&r.component_names, Target::GemmaComponent),
            GemmaList::Functions => (&r.function_names, Target::GemmaFunction),
            GemmaList::Objects => (&r.object_names, Target::GemmaObject),
        };
        let loc = self.at(me, written);
        let note = |caveat| GemmaNote {
            element: me,
            field,
            text: written.value.clone(),
            loc,
            caveat,
        };
        let found = match index.resolve(&written.value) {
            Resolution::Found(j) => Some(j),
            Resolution::Ambiguous(candidates) => match agreed(r, list, &candidates) {
                Some(j) => Some(j),
                None => {
                    let described = candidates.iter().map(|&c| describe(r, list, c)).collect();
                    self.found
                        .gemma_notes
                        .push(note(GemmaCaveat::Ambiguous(described)));
                    None
                }
            },
            Resolution::WrongCase(j) => {
                let what = match list {
                    GemmaList::Components => "GEMMA component",
                    GemmaList::Functions => "GEMMA bedrijfsfunctie",
                    GemmaList::Objects => "GEMMA bedrijfsobject",
                };
                let right = index.name(j).to_owned();
                self.found
                    .gemma_notes
                    .push(note(GemmaCaveat::WrongCase { what, right }));
                Some(j)
            }
            Resolution::Unknown => {
                self.unresolved(me, field, target, written, loc);
                None
            }
        };
        let Some(j) = found else { return };
        let here = self.graph.node_of(me);
        let (node, edge) = match list {
            GemmaList::Components => (GNode::GemmaComponent(j), EdgeKind::Realises),
            GemmaList::Functions => (GNode::GemmaFunction(j), EdgeKind::MapsTo),
            GemmaList::Objects => (GNode::GemmaObject(j), EdgeKind::MapsTo),
        };
        let there = self.other_node(node);
        self.edge(here, there, edge, loc);
        // An external application (a regional e-Depot, a partner's system) is modelled with
        // whatever GEMMA names it: that GEMMA calls it illustrative is nothing to act on.
        let external =
            me.kind == Kind::Application && self.model.applications[me.index].body.is_external();
        if let GemmaList::Components = list
            && let Some(caveat) = component_caveat(r, j)
            && !(external && matches!(caveat, GemmaCaveat::NonNormative(_)))
        {
            self.found.gemma_notes.push(note(caveat));
        }
    }

    fn waiver_target(&mut self, i: usize, e: &Element<Waiver>, t: &Sp<String>) {
        let me = Elem::new(Kind::Waiver, i);
        let loc = e.at(t.span);
        let Some((kind_word, id)) = t.value.split_once(':') else {
            self.unresolved(me, Field::Target, Target::KindWord, t, loc);
            return;
        };
        let Some(kind) = Kind::parse(kind_word.trim()) else {
            self.unresolved(me, Field::Target, Target::KindWord, t, loc);
            return;
        };
        let id = id.trim();
        if id == "*" {
            self.found.wildcards.push((i, kind));
            return;
        }
        match self.model.find(kind, id) {
            Some(j) => {
                let here = self.graph.node_of(me);
                let there = self.graph.node(kind, j);
                self.edge(here, there, EdgeKind::Waives, loc);
            }
            None => self.unresolved(me, Field::Target, Target::Element(kind), t, loc),
        }
    }
}

#[derive(Copy, Clone)]
enum GemmaList {
    Components,
    Functions,
    Objects,
}

/// Candidates of one ambiguous name that agree on what gemmalint uses (both `Pand`s are BAG)
/// count as one.
fn agreed(r: &Reference, list: GemmaList, candidates: &[usize]) -> Option<usize> {
    let GemmaList::Objects = list else {
        return None;
    };
    let first = &r.objects[candidates[0]].basisregistratie;
    (first.is_some()
        && candidates
            .iter()
            .all(|&c| &r.objects[c].basisregistratie == first))
    .then_some(candidates[0])
}

/// (name, Object ID, note) of one candidate of an ambiguous name.
fn describe(r: &Reference, list: GemmaList, c: usize) -> (String, String, Option<String>) {
    match list {
        GemmaList::Components => (
            r.components[c].name.clone(),
            r.components[c].object_id.clone(),
            None,
        ),
        GemmaList::Functions => (
            r.functions[c].name.clone(),
            r.functions[c].object_id.clone(),
            None,
        ),
        GemmaList::Objects => (
            r.objects[c].name.clone(),
            r.objects[c].object_id.clone(),
            r.objects[c].basisregistratie.clone(),
        ),
    }
}

/// What to say about a component that resolved: illustrative (with the normative ones to use)
/// or at the end of its support.
fn component_caveat(r: &Reference, j: usize) -> Option<GemmaCaveat> {
    let c = &r.components[j];
    if c.kind == ComponentType::Other {
        let normative: Vec<&str> = r
            .components
            .iter()
            .filter(|c| c.is_normative())
            .map(|c| c.name.as_str())
            .collect();
        // Names that hold the written one (`Zaakafhandelcomponent` → `Generiek
        // zaakafhandelcomponent`) first, then the closest spellings.
        let wanted = c.name.to_lowercase();
        let mut suggestions: Vec<String> = normative
            .iter()
            .filter(|n| n.to_lowercase().contains(&wanted))
            .map(|n| (*n).to_owned())
            .collect();
        for n in closest(&c.name, normative.iter().copied(), 3) {
            if !suggestions.iter().any(|s| s == n) {
                suggestions.push(n.to_owned());
            }
        }
        suggestions.truncate(3);
        Some(GemmaCaveat::NonNormative(suggestions))
    } else if c.is_end_of_support() {
        Some(GemmaCaveat::EndOfSupport)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Sources;

    /// What the graph holds, in its order, as text.
    fn contents(g: &Graph) -> String {
        let edges: Vec<String> =
            g.g.raw_edges()
                .iter()
                .map(|e| {
                    format!(
                        "{:?}->{:?} {:?}",
                        g.g[e.source()],
                        g.g[e.target()],
                        e.weight
                    )
                })
                .collect();
        format!(
            "{edges:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}",
            g.unresolved, g.gemma_notes, g.repeated, g.wildcard_targets
        )
    }

    /// Resolved in chunks of one element, the graph is the one a single pass builds: the same
    /// nodes (GEMMA elements and standards added in the same order), edges, unresolved
    /// references, notes and repeated entries.
    #[test]
    fn chunks_build_the_graph_one_pass_builds() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut text = String::from(
            "owners:\n  team: { name: Team, kind: team }\nbusiness_functions:\n  bf: { name: F, owner: team, gemma: Zaakbehandeling }\nstandards:\n  eigen: { name: Eigen }\napplications:\n",
        );
        for a in 0..12 {
            text.push_str(&format!(
                "  app-{a}:\n    name: App {a}\n    business_functions: [bf, bf, onbekend-{}]\n    reference_components: [{}]\n    standards: [{}, eigen, onbekend-{}, odf]\n    data: {{ zaak: {{ role: copy, from: app-{} }} }}\n",
                a % 3,
                ["Zaakregistratiecomponent", "zaakregistratiecomponent", "Geen component", "API Gateway"][a % 4],
                ["pdf-en-iso", "https-en-hsts", "security.txt"][a % 3],
                a % 2,
                (a + 1) % 13,
            ));
        }
        text.push_str("interfaces:\n");
        for i in 0..12 {
            text.push_str(&format!(
                "  api-{i}: {{ name: API {i}, provider: app-{i}, consumers: [app-{}, nergens], standards: [{}], data_objects: [zaak] }}\n",
                (i + 5) % 12,
                ["digikoppeling", "stuf-bg", "onbekend"][i % 3],
            ));
        }
        text.push_str("data_objects:\n  zaak: { name: Zaak, gemma: Zaak, basisregistratie: BRP }\nwaivers:\n  w: { rule: lifecycle, target: ['application:*', 'interface:api-1', 'application:nergens'], reason: R, decision: D }\n");
        let file = dir.path().join("m.yaml");
        std::fs::write(&file, text).expect("write the model");
        let mut sources = Sources::default();
        let (model, problems) = crate::model::load(&[file], dir.path(), &mut sources);
        assert!(problems.is_empty(), "{problems:?}");
        let reference = Reference::builtin();
        let one_pass = contents(&build_in_chunks(&model, &reference, usize::MAX));
        for chunk in [1, 5] {
            assert_eq!(
                contents(&build_in_chunks(&model, &reference, chunk)),
                one_pass,
                "chunks of {chunk}"
            );
        }
        // The landscape exercises what the parts must join in order.
        for seen in ["Unresolved", "WrongCase", "Standard(Catalogue", "Repeated"] {
            assert!(one_pass.contains(seen), "{seen}");
        }
    }
}
