//! The graph layer: elements, standards and GEMMA reference elements as nodes; owns, part-of,
//! supports, realises, provides, consumes, carries, holds, implements, waives as edges, each
//! with the span of the YAML that declared it. References are resolved once, here; what does
//! not resolve is recorded, and the rules query the graph.

mod build;

use foldhash::HashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{DataRole, Elem, Field, FieldPath, Kind, Model, Sync};
use crate::reference::{Reference, StandardRef};
use crate::syntax::Sp;
use crate::text::{Loc, Span};

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
    Holds(Box<Holding>),
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
    pub element: Elem,
    pub field: FieldPath,
    pub target: Target,
    pub text: String,
    pub loc: Loc,
    /// For a standard: the catalogue's closest ones (other targets are suggested when reported).
    pub suggestions: Vec<String>,
}

/// A value a list holds more than once: linked once, reported once with its count.
#[derive(Clone, Debug)]
pub struct Repeated {
    pub element: Elem,
    pub field: FieldPath,
    pub text: String,
    pub times: usize,
    /// The first entry, and the second (where the repeat is reported).
    pub first: Loc,
    pub again: Loc,
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
    /// The name in another case than GEMMA's (what it names, and GEMMA's spelling): read as
    /// that name, so the model's links hold, and reported so that it is written exactly.
    WrongCase { what: &'static str, right: String },
}

#[derive(Clone, Debug)]
pub struct GemmaNote {
    pub element: Elem,
    pub field: Field,
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
    /// Entries a list names more than once (only the first is linked).
    pub repeated: Vec<Repeated>,
    /// Per waiver (by index): the kinds of its `kind:*` targets.
    pub wildcard_targets: Vec<Vec<Kind>>,
    /// Per element: its unresolved references and ambiguous GEMMA names (positions in
    /// `unresolved` and `gemma_notes`), so "is this reference broken?" is a lookup.
    broken: HashMap<Elem, Vec<Broken>>,
    /// Per node (by index): the application providing an interface, the owner an element names.
    provider_of: Vec<Option<NodeIndex>>,
    owner_of: Vec<Option<NodeIndex>>,
    /// Per element node: the catalogue standards it names in `standards:`.
    implemented: HashMap<NodeIndex, Vec<usize>>,
}

/// A broken reference of one element.
#[derive(Copy, Clone, Debug)]
enum Broken {
    Unresolved(usize),
    Ambiguous(usize),
}

impl Graph {
    pub fn build(model: &Model, reference: &Reference) -> Graph {
        build::build(model, reference)
    }

    /// The node of a model element.
    pub fn node(&self, kind: Kind, index: usize) -> NodeIndex {
        self.elements[kind as usize][index]
    }

    /// The node of a model element.
    pub fn node_of(&self, e: Elem) -> NodeIndex {
        self.elements[e.kind as usize][e.index]
    }

    /// The model element behind a node, if it is one.
    pub fn elem(&self, n: NodeIndex) -> Option<Elem> {
        match self.g[n] {
            GNode::Element(kind, index) => Some(Elem::new(kind, index)),
            _ => None,
        }
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

    /// Incoming edges: (source, edge), by source node, the last node first (the same order
    /// every run). Edges from different sources are in no other order: ask for one kind of
    /// edge, or sort, rather than take the first.
    pub fn inc(&self, n: NodeIndex) -> impl Iterator<Item = (NodeIndex, &Edge)> {
        self.g
            .edges_directed(n, Direction::Incoming)
            .map(|e| (e.source(), e.weight()))
    }

    /// The application that provides an interface (node), when it resolved.
    pub fn provider(&self, interface: NodeIndex) -> Option<NodeIndex> {
        self.provider_of[interface.index()]
    }

    /// The catalogue standards an element (node) names in `standards:`, as they resolved.
    /// The catalogue standards an element names (by index), sorted, each once.
    pub fn implemented(&self, n: NodeIndex) -> &[usize] {
        self.implemented.get(&n).map_or(&[], Vec::as_slice)
    }

    /// The owner an element names (`owner:`), when it resolved.
    pub fn explicit_owner(&self, n: NodeIndex) -> Option<NodeIndex> {
        self.owner_of[n.index()]
    }

    /// Whether an element has an unresolved reference (or an ambiguous GEMMA name) in this
    /// field.
    pub fn has_unresolved(&self, element: Elem, field: Field) -> bool {
        self.broken.get(&element).is_some_and(|all| {
            all.iter().any(|b| match *b {
                Broken::Unresolved(i) => self.unresolved[i].field.field == field,
                Broken::Ambiguous(i) => self.gemma_notes[i].field == field,
            })
        })
    }

    /// The unresolved references of one element.
    pub fn unresolved_of(&self, element: Elem) -> impl Iterator<Item = &Unresolved> {
        self.broken
            .get(&element)
            .into_iter()
            .flatten()
            .filter_map(|b| match *b {
                Broken::Unresolved(i) => Some(&self.unresolved[i]),
                Broken::Ambiguous(_) => None,
            })
    }

    /// An application processes personal data when it says so, or holds, copies, queries or
    /// relays a data object that is personal data.
    pub fn processes_personal_data(&self, model: &Model, application: usize) -> bool {
        if model.applications[application]
            .body
            .personal_data
            .as_ref()
            .is_some_and(|p| p.value)
        {
            return true;
        }
        let n = self.node(Kind::Application, application);
        self.out(n).any(|(d, e)| {
            matches!(e.kind, EdgeKind::Holds(_))
                && self
                    .element_of(d, Kind::DataObject)
                    .is_some_and(|j| model.data_objects[j].body.is_personal())
        })
    }
}
