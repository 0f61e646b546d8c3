//! The model layer: every element of every model file, merged, with the file and span that
//! declared it. Loading collects every problem; the graph is built from a model without any.

mod discover;
pub mod field;
mod load;
mod paths;
pub(crate) mod selector;
pub mod types;

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;
use std::fmt;

pub use discover::{LoadOptions, discover, discover_placed};
pub use field::{Field, FieldPath};
pub use load::load;
pub use paths::{FileCheck, display_path, inside_root, inside_root_file, lexical, locate};
pub use types::*;

use crate::text::{FileId, Loc, Span, normalize_name};

/// The kinds of element, as written in `kind:id` targets.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Owner,
    BusinessFunction,
    Application,
    Interface,
    DataObject,
    Standard,
    Waiver,
}

/// Per kind (in [`Kind::ALL`] order): the word in `kind:id`, the collection key, the noun.
const WORDS: [(&str, &str, &str); 7] = [
    ("owner", "owners", "owner"),
    (
        "business_function",
        "business_functions",
        "business function",
    ),
    ("application", "applications", "application"),
    ("interface", "interfaces", "interface"),
    ("data_object", "data_objects", "data object"),
    ("standard", "standards", "standard"),
    ("waiver", "waivers", "waiver"),
];

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Owner,
        Kind::BusinessFunction,
        Kind::Application,
        Kind::Interface,
        Kind::DataObject,
        Kind::Standard,
        Kind::Waiver,
    ];

    /// The word in `kind:id` (`application`).
    pub fn as_str(self) -> &'static str {
        WORDS[self as usize].0
    }

    /// The collection key in a model file (`applications`).
    pub fn collection(self) -> &'static str {
        WORDS[self as usize].1
    }

    /// The word in a sentence ("business function").
    pub fn noun(self) -> &'static str {
        WORDS[self as usize].2
    }

    /// The plural in a sentence ("business functions").
    pub fn nouns(self) -> String {
        format!("{}s", self.noun())
    }

    pub fn parse(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == word)
    }

    pub fn from_collection(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.collection() == word)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Runs `$body` with the type alias `$t` set to the element type of `$kind`: the one match over
/// the kinds' types.
macro_rules! with_kind_type {
    ($kind:expr, $t:ident => $body:expr) => {{
        use $crate::model::Kind as K;
        match $kind {
            K::Owner => {
                type $t = $crate::model::Owner;
                $body
            }
            K::BusinessFunction => {
                type $t = $crate::model::BusinessFunction;
                $body
            }
            K::Application => {
                type $t = $crate::model::Application;
                $body
            }
            K::Interface => {
                type $t = $crate::model::Interface;
                $body
            }
            K::DataObject => {
                type $t = $crate::model::DataObject;
                $body
            }
            K::Standard => {
                type $t = $crate::model::LocalStandard;
                $body
            }
            K::Waiver => {
                type $t = $crate::model::Waiver;
                $body
            }
        }
    }};
}
pub(crate) use with_kind_type;

/// Runs `$body` with `$v` bound to the model's list of `$kind`: the one match over the kinds'
/// lists (`with_kind!(model, kind, |v| v.len())`; `mut` for a mutable list).
macro_rules! with_kind {
    ($model:expr, $kind:expr, |mut $v:ident| $body:expr) => {
        $crate::model::with_kind!(@ $model, $kind, $v, $body, mut)
    };
    ($model:expr, $kind:expr, |$v:ident| $body:expr) => {
        $crate::model::with_kind!(@ $model, $kind, $v, $body, )
    };
    (@ $model:expr, $kind:expr, $v:ident, $body:expr, $($m:tt)?) => {{
        use $crate::model::Kind as K;
        match $kind {
            K::Owner => { let $v = & $($m)? $model.owners; $body }
            K::BusinessFunction => { let $v = & $($m)? $model.business_functions; $body }
            K::Application => { let $v = & $($m)? $model.applications; $body }
            K::Interface => { let $v = & $($m)? $model.interfaces; $body }
            K::DataObject => { let $v = & $($m)? $model.data_objects; $body }
            K::Standard => { let $v = & $($m)? $model.standards; $body }
            K::Waiver => { let $v = & $($m)? $model.waivers; $body }
        }
    }};
}
pub(crate) use with_kind;

/// `kind:id`: names an element wherever a target is needed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElementRef {
    pub kind: Kind,
    pub id: String,
}

impl ElementRef {
    pub fn new(kind: Kind, id: impl Into<String>) -> Self {
        ElementRef {
            kind,
            id: id.into(),
        }
    }
}

impl fmt::Display for ElementRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind, self.id)
    }
}

/// An element of this model: its kind and its position in that kind's list.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Elem {
    pub kind: Kind,
    pub index: usize,
}

impl Elem {
    pub fn new(kind: Kind, index: usize) -> Self {
        Elem { kind, index }
    }
}

/// One element: its id, where it was declared, and its fields.
#[derive(Clone, Debug)]
pub struct Element<T> {
    pub id: String,
    /// The span of the id key: where labels about the element as a whole go.
    pub id_span: Span,
    pub file: FileId,
    pub body: T,
    /// `x-` keys at the element's top level, for selectors.
    pub extensions: BTreeMap<String, serde_json::Value>,
}

impl<T> Element<T> {
    /// The place of the element's id.
    pub fn loc(&self) -> Loc {
        Loc::new(self.file, self.id_span)
    }

    /// A place inside this element's file.
    pub fn at(&self, span: Span) -> Loc {
        Loc::new(self.file, span)
    }
}

/// Every element of the landscape, in file order.
#[derive(Debug, Default)]
pub struct Model {
    pub owners: Vec<Element<Owner>>,
    pub business_functions: Vec<Element<BusinessFunction>>,
    pub applications: Vec<Element<Application>>,
    pub interfaces: Vec<Element<Interface>>,
    pub data_objects: Vec<Element<DataObject>>,
    pub standards: Vec<Element<LocalStandard>>,
    pub waivers: Vec<Element<Waiver>>,
    /// Per kind (in [`Kind::ALL`] order): id → position of its first definition.
    index: [HashMap<String, usize>; 7],
    /// The model's own standards by id and by alias (white space collapsed, lowercase).
    local_standards: HashMap<String, usize>,
}

impl Model {
    /// The position of an element in its kind's list.
    pub fn find(&self, kind: Kind, id: &str) -> Option<usize> {
        self.index[kind as usize].get(id).copied()
    }

    /// A standard of the model's own, by its id or an alias (case and white space aside).
    pub fn local_standard(&self, text: &str) -> Option<usize> {
        self.local_standards
            .get(&normalize_name(text).to_lowercase())
            .copied()
    }

    /// How many elements of a kind there are.
    pub fn count(&self, kind: Kind) -> usize {
        with_kind!(self, kind, |v| v.len())
    }

    /// Every element of a kind.
    pub fn elems(&self, kind: Kind) -> impl Iterator<Item = Elem> + use<> {
        (0..self.count(kind)).map(move |i| Elem::new(kind, i))
    }

    /// The ids of one kind, for "did you mean".
    pub fn ids(&self, kind: Kind) -> Vec<&str> {
        with_kind!(self, kind, |v| v.iter().map(|e| e.id.as_str()).collect())
    }

    pub fn id(&self, e: Elem) -> &str {
        with_kind!(self, e.kind, |v| v[e.index].id.as_str())
    }

    /// The element's name (a waiver's rule, as waivers have no name).
    pub fn name(&self, e: Elem) -> &str {
        with_kind!(self, e.kind, |v| v[e.index].body.name())
    }

    /// Where the element is declared (its id).
    pub fn loc(&self, e: Elem) -> Loc {
        with_kind!(self, e.kind, |v| v[e.index].loc())
    }

    pub fn element_ref(&self, e: Elem) -> ElementRef {
        ElementRef::new(e.kind, self.id(e))
    }

    /// "application `zaaksysteem` (Zaaksysteem)": how a finding names an element.
    pub fn display(&self, e: Elem) -> String {
        let (id, name) = (self.id(e), self.name(e));
        if e.kind == Kind::Waiver || name.is_empty() || name == id {
            format!("{} `{id}`", e.kind.noun())
        } else {
            format!("{} `{id}` ({})", e.kind.noun(), crate::text::shorten(name))
        }
    }

    /// Indexes the ids of every kind, and returns the same id defined twice within a kind, as
    /// (kind, id, first definition, the later one).
    fn build_index(&mut self) -> Vec<(Kind, String, Loc, Loc)> {
        let mut twice = Vec::new();
        for kind in Kind::ALL {
            let mut index: HashMap<String, usize> = HashMap::with_capacity(self.count(kind));
            with_kind!(self, kind, |v| {
                for (i, e) in v.iter().enumerate() {
                    match index.get(e.id.as_str()) {
                        Some(&first) => twice.push((kind, e.id.clone(), v[first].loc(), e.loc())),
                        None => {
                            index.insert(e.id.clone(), i);
                        }
                    }
                }
            });
            self.index[kind as usize] = index;
        }
        // Ids first, so an id wins over another standard's alias.
        let mut local = HashMap::new();
        for (i, s) in self.standards.iter().enumerate() {
            local.entry(s.id.clone()).or_insert(i);
        }
        for (i, s) in self.standards.iter().enumerate() {
            for alias in &s.body.aliases {
                local
                    .entry(normalize_name(alias).to_lowercase())
                    .or_insert(i);
            }
        }
        self.local_standards = local;
        twice
    }

    /// Room for the elements of `parts`, so that appending them copies each once and leaves no
    /// slack.
    fn reserve_for<'a>(&mut self, parts: impl Iterator<Item = &'a Model> + Clone) {
        let sum = |count: fn(&Model) -> usize| parts.clone().map(count).sum::<usize>();
        self.owners.reserve_exact(sum(|m| m.owners.len()));
        self.business_functions
            .reserve_exact(sum(|m| m.business_functions.len()));
        self.applications
            .reserve_exact(sum(|m| m.applications.len()));
        self.interfaces.reserve_exact(sum(|m| m.interfaces.len()));
        self.data_objects
            .reserve_exact(sum(|m| m.data_objects.len()));
        self.standards.reserve_exact(sum(|m| m.standards.len()));
        self.waivers.reserve_exact(sum(|m| m.waivers.len()));
    }

    /// Moves another model's elements in after these (before the index is built).
    fn append(&mut self, mut other: Model) {
        self.owners.append(&mut other.owners);
        self.business_functions
            .append(&mut other.business_functions);
        self.applications.append(&mut other.applications);
        self.interfaces.append(&mut other.interfaces);
        self.data_objects.append(&mut other.data_objects);
        self.standards.append(&mut other.standards);
        self.waivers.append(&mut other.waivers);
    }

    pub fn len(&self) -> usize {
        Kind::ALL.iter().map(|&k| self.count(k)).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
