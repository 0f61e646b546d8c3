//! ArchiMate in and out: the Open Group exchange file and Archi's `.archimate` read into one
//! form ([`Parsed`]), mapped onto the landscape ([`map`]), and the landscape written as an
//! exchange file that Archi imports ([`write`]).

mod map;
pub mod read;
pub mod write;

use std::collections::BTreeSet;

pub use map::map;

use crate::text::Span;

/// The property that carries a gemmalint id through ArchiMate; import prefers it to a slug.
pub const ID_PROPERTY: &str = "gemmalint id";
/// The properties GEMMA puts on its own elements.
pub const OBJECT_ID: &str = "Object ID";
pub const GEMMA_TYPE: &str = "GEMMA type";

/// Which ArchiMate file it was.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    Exchange,
    Archi,
}

impl SourceFormat {
    pub fn describe(self) -> &'static str {
        match self {
            SourceFormat::Exchange => "ArchiMate exchange file",
            SourceFormat::Archi => "Archi model",
        }
    }
}

/// What an access relationship says the application does with the data.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    ReadWrite,
    /// `Access` in an exchange file, and what the schema means when `accessType` is absent.
    Unspecified,
}

/// An element (not a relationship) as the file has it.
#[derive(Clone, Debug)]
pub struct Concept {
    pub id: String,
    /// The ArchiMate type without a prefix (`ApplicationComponent`).
    pub kind: String,
    pub name: String,
    pub documentation: Option<String>,
    /// (property name, value), in file order.
    pub properties: Vec<(String, String)>,
    /// Archi specialisations (profiles) by name.
    pub specialisations: Vec<String>,
    pub span: Span,
}

impl Concept {
    pub fn property(&self, name: &str) -> Option<&str> {
        property(&self.properties, name)
    }
}

/// The value of the first property of that name.
fn property<'a>(properties: &'a [(String, String)], name: &str) -> Option<&'a str> {
    properties
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A relationship as the file has it.
#[derive(Clone, Debug)]
pub struct Relation {
    pub id: String,
    /// The type without `Relationship` (`Serving`, `Access`).
    pub kind: String,
    pub source: String,
    pub target: String,
    pub access: Option<Access>,
    pub name: Option<String>,
    pub properties: Vec<(String, String)>,
    pub span: Span,
}

impl Relation {
    pub fn property(&self, name: &str) -> Option<&str> {
        property(&self.properties, name)
    }
}

/// An ArchiMate model, read whole.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub format: SourceFormat,
    pub model_name: String,
    pub elements: Vec<Concept>,
    pub relations: Vec<Relation>,
    pub views: usize,
    /// Elements and relationships without `xsi:type`.
    pub untyped: usize,
    /// Of those, the ones in the file's elements.
    pub untyped_elements: usize,
    /// Properties of the model as a whole, and folder trees (`organizations`).
    pub model_properties: usize,
    pub organizations: usize,
    /// Property definitions referred to but not defined.
    pub undefined_properties: BTreeSet<String>,
}

impl Parsed {
    fn new(format: SourceFormat) -> Self {
        Parsed {
            format,
            model_name: String::new(),
            elements: Vec::new(),
            relations: Vec::new(),
            views: 0,
            untyped: 0,
            untyped_elements: 0,
            model_properties: 0,
            organizations: 0,
            undefined_properties: BTreeSet::new(),
        }
    }
}
