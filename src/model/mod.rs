//! The landscape: every element of every model file, merged, with the file and span that
//! declared it. Loading collects every problem; the graph is built from a model without any.

mod load;
pub mod types;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

pub use load::{
    FileCheck, LoadOptions, THIS_FILE, discover, display_path, inside_root, inside_root_file,
    lexical, load, read_source,
};
pub use types::*;

use crate::source::{FileId, Loc, Span};

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
        match self {
            Kind::Owner => "owner",
            Kind::BusinessFunction => "business_function",
            Kind::Application => "application",
            Kind::Interface => "interface",
            Kind::DataObject => "data_object",
            Kind::Standard => "standard",
            Kind::Waiver => "waiver",
        }
    }

    /// The collection key in a model file (`applications`).
    pub fn collection(self) -> &'static str {
        match self {
            Kind::Owner => "owners",
            Kind::BusinessFunction => "business_functions",
            Kind::Application => "applications",
            Kind::Interface => "interfaces",
            Kind::DataObject => "data_objects",
            Kind::Standard => "standards",
            Kind::Waiver => "waivers",
        }
    }

    pub fn parse(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == word)
    }

    pub fn from_collection(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.collection() == word)
    }

    /// The word in a sentence ("business function").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Owner => "owner",
            Kind::BusinessFunction => "business function",
            Kind::Application => "application",
            Kind::Interface => "interface",
            Kind::DataObject => "data object",
            Kind::Standard => "standard",
            Kind::Waiver => "waiver",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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
}

impl Model {
    /// The position of an element in its kind's list.
    pub fn find(&self, kind: Kind, id: &str) -> Option<usize> {
        self.index[kind as usize].get(id).copied()
    }

    /// The ids of one kind, for "did you mean".
    pub fn ids(&self, kind: Kind) -> Vec<&str> {
        fn ids<T>(v: &[Element<T>]) -> Vec<&str> {
            v.iter().map(|e| e.id.as_str()).collect()
        }
        match kind {
            Kind::Owner => ids(&self.owners),
            Kind::BusinessFunction => ids(&self.business_functions),
            Kind::Application => ids(&self.applications),
            Kind::Interface => ids(&self.interfaces),
            Kind::DataObject => ids(&self.data_objects),
            Kind::Standard => ids(&self.standards),
            Kind::Waiver => ids(&self.waivers),
        }
    }

    /// Where an element was declared and its name.
    pub fn describe(&self, kind: Kind, index: usize) -> (Loc, &str, &str) {
        fn d<T>(v: &[Element<T>], i: usize, name: impl Fn(&T) -> &str) -> (Loc, &str, &str) {
            let e = &v[i];
            (e.loc(), e.id.as_str(), name(&e.body))
        }
        match kind {
            Kind::Owner => d(&self.owners, index, |b| &b.name.value),
            Kind::BusinessFunction => d(&self.business_functions, index, |b| &b.name.value),
            Kind::Application => d(&self.applications, index, |b| &b.name.value),
            Kind::Interface => d(&self.interfaces, index, |b| &b.name.value),
            Kind::DataObject => d(&self.data_objects, index, |b| &b.name.value),
            Kind::Standard => d(&self.standards, index, |b| &b.name.value),
            Kind::Waiver => d(&self.waivers, index, |b| &b.rule.value),
        }
    }

    /// Indexes the ids of every kind, and returns the same id defined twice within a kind, as
    /// (kind, id, first definition, the later one).
    fn build_index(&mut self) -> Vec<(Kind, String, Loc, Loc)> {
        fn add<T>(
            kind: Kind,
            v: &[Element<T>],
            twice: &mut Vec<(Kind, String, Loc, Loc)>,
        ) -> HashMap<String, usize> {
            let mut index: HashMap<String, usize> = HashMap::with_capacity(v.len());
            for (i, e) in v.iter().enumerate() {
                match index.get(e.id.as_str()) {
                    Some(&first) => twice.push((kind, e.id.clone(), v[first].loc(), e.loc())),
                    None => {
                        index.insert(e.id.clone(), i);
                    }
                }
            }
            index
        }
        let mut twice = Vec::new();
        self.index = [
            add(Kind::Owner, &self.owners, &mut twice),
            add(Kind::BusinessFunction, &self.business_functions, &mut twice),
            add(Kind::Application, &self.applications, &mut twice),
            add(Kind::Interface, &self.interfaces, &mut twice),
            add(Kind::DataObject, &self.data_objects, &mut twice),
            add(Kind::Standard, &self.standards, &mut twice),
            add(Kind::Waiver, &self.waivers, &mut twice),
        ];
        twice
    }

    pub fn len(&self) -> usize {
        self.owners.len()
            + self.business_functions.len()
            + self.applications.len()
            + self.interfaces.len()
            + self.data_objects.len()
            + self.standards.len()
            + self.waivers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
