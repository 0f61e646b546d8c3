//! The fields of elements, typed: where a reference or a finding sits in an element
//! (`owner`, `data.persoon`, `lifecycle.end`). Written out only where a person or a file
//! reads them.

use std::fmt;

macro_rules! fields {
    ($($(#[$doc:meta])* $variant:ident = $text:literal),+ $(,)?) => {
        /// A top-level field of an element (or a derived one that findings are about).
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($(#[$doc])* $variant),+
        }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$variant),+];

            /// The key as the model writes it.
            pub fn as_str(self) -> &'static str {
                match self { $(Field::$variant => $text),+ }
            }
        }
    };
}

fields!(
    /// The element as a whole.
    Element = "",
    /// An `x-` key; its name is the path's first step.
    Extension = "x-",
    Name = "name",
    Description = "description",
    Owner = "owner",
    Kind = "kind",
    Parent = "parent",
    Contact = "contact",
    Gemma = "gemma",
    Supplier = "supplier",
    External = "external",
    Development = "development",
    ReferenceComponents = "reference_components",
    BusinessFunctions = "business_functions",
    License = "license",
    SourceCode = "source_code",
    Publiccode = "publiccode",
    Hosting = "hosting",
    Lifecycle = "lifecycle",
    PublicFacing = "public_facing",
    Login = "login",
    AccessibilityStatement = "accessibility_statement",
    PersonalData = "personal_data",
    SpecialCategories = "special_categories",
    Dpia = "dpia",
    ProcessingRegister = "processing_register",
    DecisionMaking = "decision_making",
    DecisionTechnique = "decision_technique",
    Profiling = "profiling",
    AlgorithmRegister = "algorithm_register",
    Archiving = "archiving",
    Standards = "standards",
    Data = "data",
    Provider = "provider",
    Consumers = "consumers",
    Style = "style",
    Specification = "specification",
    DataObjects = "data_objects",
    Network = "network",
    DelegatedAccess = "delegated_access",
    Basisregistratie = "basisregistratie",
    Status = "status",
    Aliases = "aliases",
    Url = "url",
    Rule = "rule",
    Target = "target",
    Key = "key",
    Reason = "reason",
    Decision = "decision",
    Expires = "expires",
    /// Derived: a data object's source of truth (held as `role: source` by applications).
    Source = "source",
    /// Derived: the interfaces an application consumes (listed on the interface).
    Consumes = "consumes",
);

impl Field {
    /// The field a key names (`x-` keys are [`Field::Extension`]).
    pub fn parse(word: &str) -> Option<Field> {
        if word.starts_with("x-") {
            return Some(Field::Extension);
        }
        Field::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == word && !matches!(f, Field::Element | Field::Extension))
    }

    /// The path `field.step`: `Field::Data.at("persoon")` is `data.persoon`.
    pub fn at(self, step: impl Into<String>) -> FieldPath {
        FieldPath {
            field: self,
            rest: vec![step.into()],
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A path into an element: a field and the steps below it (`data.persoon.from`,
/// `archiving.destination`, `x-contract`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath {
    pub field: Field,
    pub rest: Vec<String>,
}

impl FieldPath {
    /// Reads a dotted path; `None` when its first step names no field.
    pub fn parse(text: &str) -> Option<FieldPath> {
        let mut steps = text.split('.');
        let head = steps.next()?;
        let field = Field::parse(head)?;
        let mut rest: Vec<String> = steps.map(str::to_owned).collect();
        if field == Field::Extension {
            rest.insert(0, head.to_owned());
        }
        Some(FieldPath { field, rest })
    }

    /// One step further down.
    pub fn then(mut self, step: impl Into<String>) -> FieldPath {
        self.rest.push(step.into());
        self
    }

    /// The steps as the model writes them (`["data", "persoon"]`, `["x-contract"]`).
    pub fn steps(&self) -> Vec<&str> {
        let head =
            (!matches!(self.field, Field::Element | Field::Extension)).then(|| self.field.as_str());
        head.into_iter()
            .chain(self.rest.iter().map(String::as_str))
            .collect()
    }
}

impl serde::Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<Field> for FieldPath {
    fn from(field: Field) -> Self {
        FieldPath {
            field,
            rest: Vec::new(),
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.steps().join("."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_and_print_as_written() {
        for text in [
            "data.persoon.from",
            "archiving.destination",
            "x-contract",
            "owner",
        ] {
            assert_eq!(FieldPath::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Field::Data.at("zaak").to_string(), "data.zaak");
        assert_eq!(FieldPath::from(Field::Element).to_string(), "");
        assert!(FieldPath::parse("hostng").is_none());
    }

    #[test]
    fn every_field_of_every_kind_is_a_field() {
        use crate::model::{Kind, selector};
        for kind in Kind::ALL {
            for name in selector::fields_of(kind) {
                assert!(
                    Field::parse(&name).is_some(),
                    "{kind}: `{name}` is no Field"
                );
            }
        }
    }
}
