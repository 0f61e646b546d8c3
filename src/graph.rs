//! The landscape as a graph: elements, standards and GEMMA reference elements as nodes; owns,
//! part-of, supports, realises, provides, consumes, carries, holds, implements, waives as edges,
//! each with the span of the YAML that declared it. References are resolved once, here; what
//! does not resolve is recorded for `model-integrity`, and the rules query the graph.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{DataRole, Element, ElementRef, Kind, LifecycleStatus, Model, Sync};
use crate::reference::{ComponentType, Reference, Resolution, StandardRef};
use crate::source::{Loc, Span};
use crate::tree::Sp;

/// A node of the landscape graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GNode {
    /// An element of the model: its kind and its position in the model's list.
    Element(Kind, usize),
    Standard(StandardRef),
    GemmaComponent(usize),
    GemmaFunction(usize),
    GemmaObject(usize),
    Basisregistratie(usize),
}

/// How an application has a data object.
#[derive(Clone, Debug)]
pub struct Holding {
    pub role: DataRole,
    pub role_span: Span,
    /// The application it gets the data from; `None` when not written or not resolved.
    pub from: Option<NodeIndex>,
    /// The `from` as written, with its span.
    pub from_written: Option<Sp<String>>,
    pub sync: Option<DataSync>,
}

#[derive(Copy, Clone, Debug)]
pub struct DataSync {
    pub value: Sync,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum EdgeKind {
    /// owner → element
    Owns,
    /// child → parent (owners, business functions)
    PartOf,
    /// application → business function
    Supports,
    /// application → GEMMA component
    Realises,
    /// application → interface
    Provides,
    /// application → interface
    Consumes,
    /// interface → data object
    Carries,
    /// application → data object
    Holds(Holding),
    /// element → standard
    Implements,
    /// waiver → element
    Waives,
    /// business function / data object → its GEMMA counterpart
    MapsTo,
    /// data object → the basisregistratie that is its authentic source
    AuthenticIn,
    /// application → the application that archives its records
    ArchivesTo,
}

#[derive(Clone, Debug)]
pub struct Edge {
    pub kind: EdgeKind,
    pub loc: Loc,
}

/// What a reference was meant to name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Element(Kind),
    /// `kind:id` with an unknown kind word.
    KindWord,
    GemmaComponent,
    GemmaFunction,
    GemmaObject,
    Standard,
    Basisregistratie,
}

/// A reference that names nothing.
#[derive(Clone, Debug)]
pub struct Unresolved {
    pub element: ElementRef,
    pub field: String,
    pub target: Target,
    pub text: String,
    pub loc: Loc,
    pub suggestions: Vec<String>,
    /// For a GEMMA name right but for its case: the right spelling.
    pub right_spelling: Option<String>,
}

/// A standard as `standards:` names it: a catalogue standard by id, alias, name or Object ID,
/// else a standard of the model's own by id or alias.
pub fn resolve_standard(reference: &Reference, model: &Model, text: &str) -> Option<StandardRef> {
    if let Some(i) = reference.standards.find(text) {
        return Some(StandardRef::Catalogue(i));
    }
    let wanted = crate::reference::normalize_name(text).to_lowercase();
    model
        .standards
        .iter()
        .position(|s| {
            s.id == wanted
                || s.body
                    .aliases
                    .iter()
                    .any(|a| crate::reference::normalize_name(a).to_lowercase() == wanted)
        })
        .map(StandardRef::Local)
}

/// A GEMMA reference that resolved, but with a caveat.
#[derive(Clone, Debug)]
pub enum GemmaCaveat {
    /// The name belongs to several GEMMA elements that disagree: (name, Object ID, note).
    Ambiguous(Vec<(String, String, Option<String>)>),
    /// An illustrative component, not a referentiecomponent: the closest normative names.
    NonNormative(Vec<String>),
    /// GEMMA status "Einde ondersteuning".
    EndOfSupport,
}

#[derive(Clone, Debug)]
pub struct GemmaNote {
    pub element: ElementRef,
    pub field: String,
    pub text: String,
    pub loc: Loc,
    pub caveat: GemmaCaveat,
}

/// The landscape graph.
pub struct Graph {
    pub g: DiGraph<GNode, Edge>,
    /// Per kind (in [`Kind::ALL`] order), the node of each element.
    elements: [Vec<NodeIndex>; 7],
    others: HashMap<GNode, NodeIndex>,
    pub unresolved: Vec<Unresolved>,
    pub gemma_notes: Vec<GemmaNote>,
    /// `kind:*` waiver targets: (waiver index, kind, place).
    pub wildcard_targets: Vec<(usize, Kind, Loc)>,
}

impl Graph {
    pub fn build(model: &Model, reference: &Reference) -> Graph {
        let mut b = Builder {
            graph: Graph {
                g: DiGraph::with_capacity(model.len() * 2, model.len() * 4),
                elements: Default::default(),
                others: HashMap::new(),
                unresolved: Vec::new(),
                gemma_notes: Vec::new(),
                wildcard_targets: Vec::new(),
            },
            model,
            reference,
            standards_seen: HashMap::new(),
        };
        b.add_nodes();
        b.add_edges();
        b.graph
    }

    /// The node of a model element.
    pub fn node(&self, kind: Kind, index: usize) -> NodeIndex {
        self.elements[kind as usize][index]
    }

    pub fn weight(&self, n: NodeIndex) -> GNode {
        self.g[n]
    }

    /// The element behind a node, if it is one of the given kind.
    pub fn element_of(&self, n: NodeIndex, kind: Kind) -> Option<usize> {
        match self.g[n] {
            GNode::Element(k, i) if k == kind => Some(i),
            _ => None,
        }
    }

    /// Outgoing edges: (target, edge), newest first (the same order every run).
    pub fn out(&self, n: NodeIndex) -> impl Iterator<Item = (NodeIndex, &Edge)> {
        self.g
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (e.target(), e.weight()))
    }

    /// Incoming edges: (source, edge), newest first (the same order every run).
    pub fn inc(&self, n: NodeIndex) -> impl Iterator<Item = (NodeIndex, &Edge)> {
        self.g
            .edges_directed(n, Direction::Incoming)
            .map(|e| (e.source(), e.weight()))
    }

    /// The application that provides an interface (node), when it resolved.
    pub fn provider(&self, interface: NodeIndex) -> Option<NodeIndex> {
        self.inc(interface)
            .find(|(_, e)| matches!(e.kind, EdgeKind::Provides))
            .map(|(p, _)| p)
    }

    /// Whether an element has an unresolved reference in this field (other rules then treat
    /// the reference as present, so one mistake gives one finding).
    pub fn has_unresolved(&self, element: &ElementRef, field: &str) -> bool {
        self.unresolved.iter().any(|u| {
            &u.element == element && (u.field == field || u.field.starts_with(&format!("{field}.")))
        }) || self.gemma_notes.iter().any(|n| {
            &n.element == element
                && n.field == field
                && matches!(n.caveat, GemmaCaveat::Ambiguous(_))
        })
    }
}

struct Builder<'a> {
    graph: Graph,
    model: &'a Model,
    reference: &'a Reference,
    /// Standards as written → what they resolve to: the same few names recur thousands of times.
    standards_seen: HashMap<String, Option<StandardRef>>,
}

impl Builder<'_> {
    fn add_nodes(&mut self) {
        let m = self.model;
        let counts = [
            (Kind::Owner, m.owners.len()),
            (Kind::BusinessFunction, m.business_functions.len()),
            (Kind::Application, m.applications.len()),
            (Kind::Interface, m.interfaces.len()),
            (Kind::DataObject, m.data_objects.len()),
            (Kind::Standard, m.standards.len()),
            (Kind::Waiver, m.waivers.len()),
        ];
        for (kind, count) in counts {
            for i in 0..count {
                let n = self.graph.g.add_node(GNode::Element(kind, i));
                self.graph.elements[kind as usize].push(n);
            }
        }
        // A local standard is its own node in the standards space too.
        for i in 0..m.standards.len() {
            let n = self.graph.node(Kind::Standard, i);
            self.graph
                .others
                .insert(GNode::Standard(StandardRef::Local(i)), n);
        }
    }

    fn other_node(&mut self, node: GNode) -> NodeIndex {
        if let Some(&n) = self.graph.others.get(&node) {
            return n;
        }
        let n = self.graph.g.add_node(node);
        self.graph.others.insert(node, n);
        n
    }

    fn edge(&mut self, from: NodeIndex, to: NodeIndex, kind: EdgeKind, loc: Loc) {
        self.graph.g.add_edge(from, to, Edge { kind, loc });
    }

    fn unresolved(
        &mut self,
        element: ElementRef,
        field: impl Into<String>,
        target: Target,
        written: &Sp<String>,
        loc: Loc,
        suggestions: Vec<String>,
    ) {
        self.graph.unresolved.push(Unresolved {
            element,
            field: field.into(),
            target,
            text: written.value.clone(),
            loc,
            suggestions,
            right_spelling: None,
        });
    }

    /// Resolves an element reference and adds the edge, or records it as unresolved.
    #[allow(clippy::too_many_arguments)]
    fn link<T>(
        &mut self,
        from_kind: Kind,
        from: &Element<T>,
        from_index: usize,
        field: &str,
        written: &Sp<String>,
        target_kind: Kind,
        edge: EdgeKind,
        reversed: bool,
    ) -> Option<NodeIndex> {
        let here = self.graph.node(from_kind, from_index);
        let loc = from.at(written.span);
        match self.model.find(target_kind, &written.value) {
            Some(j) => {
                let there = self.graph.node(target_kind, j);
                if reversed {
                    self.edge(there, here, edge, loc);
                } else {
                    self.edge(here, there, edge, loc);
                }
                Some(there)
            }
            None => {
                let ids = self.model.ids(target_kind);
                let suggestions = crate::problem::closest(&written.value, ids, 3)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                self.unresolved(
                    ElementRef::new(from_kind, &from.id),
                    field,
                    Target::Element(target_kind),
                    written,
                    loc,
                    suggestions,
                );
                None
            }
        }
    }

    fn add_edges(&mut self) {
        let m = self.model;
        for (i, e) in m.owners.iter().enumerate() {
            if let Some(p) = &e.body.parent {
                self.link(
                    Kind::Owner,
                    e,
                    i,
                    "parent",
                    p,
                    Kind::Owner,
                    EdgeKind::PartOf,
                    false,
                );
            }
        }
        for (i, e) in m.business_functions.iter().enumerate() {
            if let Some(o) = &e.body.owner {
                self.link(
                    Kind::BusinessFunction,
                    e,
                    i,
                    "owner",
                    o,
                    Kind::Owner,
                    EdgeKind::Owns,
                    true,
                );
            }
            if let Some(p) = &e.body.parent {
                self.link(
                    Kind::BusinessFunction,
                    e,
                    i,
                    "parent",
                    p,
                    Kind::BusinessFunction,
                    EdgeKind::PartOf,
                    false,
                );
            }
            if let Some(g) = &e.body.gemma {
                self.gemma(
                    Kind::BusinessFunction,
                    e,
                    i,
                    "gemma",
                    g,
                    GemmaList::Functions,
                );
            }
        }
        for (i, e) in m.applications.iter().enumerate() {
            self.application_edges(i, e);
        }
        for (i, e) in m.interfaces.iter().enumerate() {
            let b = &e.body;
            self.link(
                Kind::Interface,
                e,
                i,
                "provider",
                &b.provider,
                Kind::Application,
                EdgeKind::Provides,
                true,
            );
            for c in &b.consumers {
                self.link(
                    Kind::Interface,
                    e,
                    i,
                    "consumers",
                    c,
                    Kind::Application,
                    EdgeKind::Consumes,
                    true,
                );
            }
            for d in &b.data_objects {
                self.link(
                    Kind::Interface,
                    e,
                    i,
                    "data_objects",
                    d,
                    Kind::DataObject,
                    EdgeKind::Carries,
                    false,
                );
            }
            self.standards(Kind::Interface, e, i, &b.standards);
        }
        for (i, e) in m.data_objects.iter().enumerate() {
            let b = &e.body;
            if let Some(o) = &b.owner {
                self.link(
                    Kind::DataObject,
                    e,
                    i,
                    "owner",
                    o,
                    Kind::Owner,
                    EdgeKind::Owns,
                    true,
                );
            }
            if let Some(g) = &b.gemma {
                self.gemma(Kind::DataObject, e, i, "gemma", g, GemmaList::Objects);
            }
            if let Some(code) = &b.basisregistratie {
                let here = self.graph.node(Kind::DataObject, i);
                match self.reference.basisregistratie(&code.value) {
                    Some(r) => {
                        let there = self.other_node(GNode::Basisregistratie(r));
                        self.edge(here, there, EdgeKind::AuthenticIn, e.at(code.span));
                    }
                    None => {
                        let codes = self
                            .reference
                            .basisregistraties
                            .iter()
                            .map(|b| b.code.as_str());
                        let suggestions = crate::problem::closest(&code.value, codes, 3)
                            .into_iter()
                            .map(str::to_owned)
                            .collect();
                        self.unresolved(
                            ElementRef::new(Kind::DataObject, &e.id),
                            "basisregistratie",
                            Target::Basisregistratie,
                            code,
                            e.at(code.span),
                            suggestions,
                        );
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

    fn application_edges(&mut self, i: usize, e: &Element<crate::model::Application>) {
        let b = &e.body;
        if let Some(o) = &b.owner {
            self.link(
                Kind::Application,
                e,
                i,
                "owner",
                o,
                Kind::Owner,
                EdgeKind::Owns,
                true,
            );
        }
        for f in &b.business_functions {
            self.link(
                Kind::Application,
                e,
                i,
                "business_functions",
                f,
                Kind::BusinessFunction,
                EdgeKind::Supports,
                false,
            );
        }
        for c in &b.reference_components {
            self.gemma(
                Kind::Application,
                e,
                i,
                "reference_components",
                c,
                GemmaList::Components,
            );
        }
        self.standards(Kind::Application, e, i, &b.standards);
        if let Some(archiving) = &b.archiving {
            for d in &archiving.destination {
                self.link(
                    Kind::Application,
                    e,
                    i,
                    "archiving.destination",
                    d,
                    Kind::Application,
                    EdgeKind::ArchivesTo,
                    false,
                );
            }
        }
        let here = self.graph.node(Kind::Application, i);
        for (key, usage) in b.data.iter() {
            let field = format!("data.{}", key.value);
            let from = usage.from.as_ref().and_then(|f| {
                self.resolve_only(
                    Kind::Application,
                    e,
                    &format!("{field}.from"),
                    f,
                    Kind::Application,
                )
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
            match self.model.find(Kind::DataObject, &key.value) {
                Some(j) => {
                    let there = self.graph.node(Kind::DataObject, j);
                    self.edge(here, there, EdgeKind::Holds(holding), e.at(key.span));
                }
                None => {
                    let suggestions =
                        crate::problem::closest(&key.value, self.model.ids(Kind::DataObject), 3)
                            .into_iter()
                            .map(str::to_owned)
                            .collect();
                    self.unresolved(
                        ElementRef::new(Kind::Application, &e.id),
                        field,
                        Target::Element(Kind::DataObject),
                        key,
                        e.at(key.span),
                        suggestions,
                    );
                }
            }
        }
    }

    /// Resolves an element reference without an edge of its own (the `from` of a holding).
    fn resolve_only<T>(
        &mut self,
        from_kind: Kind,
        from: &Element<T>,
        field: &str,
        written: &Sp<String>,
        target: Kind,
    ) -> Option<NodeIndex> {
        match self.model.find(target, &written.value) {
            Some(j) => Some(self.graph.node(target, j)),
            None => {
                let suggestions =
                    crate::problem::closest(&written.value, self.model.ids(target), 3)
                        .into_iter()
                        .map(str::to_owned)
                        .collect();
                self.unresolved(
                    ElementRef::new(from_kind, &from.id),
                    field,
                    Target::Element(target),
                    written,
                    from.at(written.span),
                    suggestions,
                );
                None
            }
        }
    }

    fn standards<T>(&mut self, kind: Kind, e: &Element<T>, i: usize, standards: &[Sp<String>]) {
        let here = self.graph.node(kind, i);
        for s in standards {
            let resolved = match self.standards_seen.get(&s.value) {
                Some(r) => *r,
                None => {
                    let r = self.resolve_standard(&s.value);
                    self.standards_seen.insert(s.value.clone(), r);
                    r
                }
            };
            match resolved {
                Some(r) => {
                    let there = self.other_node(GNode::Standard(r));
                    self.edge(here, there, EdgeKind::Implements, e.at(s.span));
                }
                None => {
                    let mut suggestions = self.reference.standards.suggest(&s.value);
                    let local: Vec<&str> = self.model.ids(Kind::Standard);
                    suggestions.extend(
                        crate::problem::closest(&s.value, local, 2)
                            .into_iter()
                            .map(str::to_owned),
                    );
                    self.unresolved(
                        ElementRef::new(kind, &e.id),
                        "standards",
                        Target::Standard,
                        s,
                        e.at(s.span),
                        suggestions,
                    );
                }
            }
        }
    }

    fn resolve_standard(&self, text: &str) -> Option<StandardRef> {
        resolve_standard(self.reference, self.model, text)
    }

    fn gemma<T>(
        &mut self,
        kind: Kind,
        e: &Element<T>,
        i: usize,
        field: &str,
        written: &Sp<String>,
        list: GemmaList,
    ) {
        let r = self.reference;
        let (index, target) = match list {
            GemmaList::Components => (&r.component_names, Target::GemmaComponent),
            GemmaList::Functions => (&r.function_names, Target::GemmaFunction),
            GemmaList::Objects => (&r.object_names, Target::GemmaObject),
        };
        let element = ElementRef::new(kind, &e.id);
        let loc = e.at(written.span);
        let found = match index.resolve(&written.value) {
            Resolution::Found(j) => Some(j),
            Resolution::Ambiguous(candidates) => {
                // Candidates that agree on what gemmalint uses (both `Pand`s are BAG) are one.
                let agree = match list {
                    GemmaList::Objects => {
                        let first = &r.objects[candidates[0]].basisregistratie;
                        first.is_some()
                            && candidates
                                .iter()
                                .all(|&c| &r.objects[c].basisregistratie == first)
                    }
                    _ => false,
                };
                if agree {
                    Some(candidates[0])
                } else {
                    let described = candidates
                        .iter()
                        .map(|&c| match list {
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
                        })
                        .collect();
                    self.graph.gemma_notes.push(GemmaNote {
                        element,
                        field: field.to_owned(),
                        text: written.value.clone(),
                        loc,
                        caveat: GemmaCaveat::Ambiguous(described),
                    });
                    None
                }
            }
            Resolution::WrongCase(j) => {
                self.graph.unresolved.push(Unresolved {
                    element,
                    field: field.to_owned(),
                    target,
                    text: written.value.clone(),
                    loc,
                    suggestions: Vec::new(),
                    right_spelling: Some(index.name(j).to_owned()),
                });
                None
            }
            Resolution::Unknown(suggestions) => {
                self.graph.unresolved.push(Unresolved {
                    element,
                    field: field.to_owned(),
                    target,
                    text: written.value.clone(),
                    loc,
                    suggestions,
                    right_spelling: None,
                });
                None
            }
        };
        let Some(j) = found else { return };
        let here = self.graph.node(kind, i);
        let (node, edge) = match list {
            GemmaList::Components => (GNode::GemmaComponent(j), EdgeKind::Realises),
            GemmaList::Functions => (GNode::GemmaFunction(j), EdgeKind::MapsTo),
            GemmaList::Objects => (GNode::GemmaObject(j), EdgeKind::MapsTo),
        };
        let there = self.other_node(node);
        self.edge(here, there, edge, loc);
        if let GemmaList::Components = list {
            let c = &r.components[j];
            let caveat = if c.kind == ComponentType::Other {
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
                for n in crate::problem::closest(&c.name, normative.iter().copied(), 3) {
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
            };
            if let Some(caveat) = caveat {
                self.graph.gemma_notes.push(GemmaNote {
                    element: ElementRef::new(kind, &e.id),
                    field: field.to_owned(),
                    text: written.value.clone(),
                    loc,
                    caveat,
                });
            }
        }
    }

    fn waiver_target(&mut self, i: usize, e: &Element<crate::model::Waiver>, t: &Sp<String>) {
        let element = ElementRef::new(Kind::Waiver, &e.id);
        let loc = e.at(t.span);
        let Some((kind_word, id)) = t.value.split_once(':') else {
            self.unresolved(element, "target", Target::KindWord, t, loc, Vec::new());
            return;
        };
        let Some(kind) = Kind::parse(kind_word.trim()) else {
            let words = Kind::ALL.map(Kind::as_str);
            let suggestions = crate::problem::closest(kind_word, words, 2)
                .into_iter()
                .map(|k| format!("{k}:{id}"))
                .collect();
            self.unresolved(element, "target", Target::KindWord, t, loc, suggestions);
            return;
        };
        let id = id.trim();
        if id == "*" {
            self.graph.wildcard_targets.push((i, kind, loc));
            return;
        }
        match self.model.find(kind, id) {
            Some(j) => {
                let here = self.graph.node(Kind::Waiver, i);
                let there = self.graph.node(kind, j);
                self.edge(here, there, EdgeKind::Waives, loc);
            }
            None => {
                let suggestions = crate::problem::closest(id, self.model.ids(kind), 3)
                    .into_iter()
                    .map(|s| format!("{kind}:{s}"))
                    .collect();
                self.unresolved(
                    element,
                    "target",
                    Target::Element(kind),
                    t,
                    loc,
                    suggestions,
                );
            }
        }
    }
}

#[derive(Copy, Clone)]
enum GemmaList {
    Components,
    Functions,
    Objects,
}

/// Whether an application or interface is retired.
pub fn is_retired(lifecycle: Option<&Sp<crate::model::Lifecycle>>) -> bool {
    lifecycle_status(lifecycle) == LifecycleStatus::Retired
}

/// The lifecycle status; without `lifecycle`, active.
pub fn lifecycle_status(lifecycle: Option<&Sp<crate::model::Lifecycle>>) -> LifecycleStatus {
    lifecycle
        .and_then(|l| l.status.as_ref())
        .map_or(LifecycleStatus::Active, |s| s.value)
}
