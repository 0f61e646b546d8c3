//! Which model fields travel as ArchiMate properties (named by their YAML key, `lifecycle.end`
//! for a nested one) and what values they take, so that an import writes only values the model
//! accepts and an export writes what an import reads back.

use crate::model::{
    DecisionMaking, DecisionTechnique, Development, Hosting, InterfaceStyle, Kind, LifecycleStatus,
    Login, Network, OwnerKind,
};

/// The shape of a field's value.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    Text,
    Bool,
    /// `YYYY-MM-DD`.
    Date,
    OneOf(&'static [&'static str]),
    /// A list of texts: one property per item.
    List,
    /// A list of values out of a set (`login`): one property per item.
    ListOf(&'static [&'static str]),
}

use Shape::{Bool, Date, List, ListOf, OneOf, Text};

const OWNER: &[(&str, Shape)] = &[("kind", OneOf(OwnerKind::ALL)), ("contact", Text)];

const BUSINESS_FUNCTION: &[(&str, Shape)] = &[("gemma", Text)];

const APPLICATION: &[(&str, Shape)] = &[
    ("supplier", Text),
    ("external", Bool),
    ("development", OneOf(Development::ALL)),
    ("reference_components", List),
    ("license", Text),
    ("source_code", Text),
    ("publiccode", Text),
    ("hosting", OneOf(Hosting::ALL)),
    ("lifecycle.status", OneOf(LifecycleStatus::ALL)),
    ("lifecycle.end", Date),
    ("public_facing", Bool),
    ("login", ListOf(Login::ALL)),
    ("accessibility_statement", Text),
    ("personal_data", Bool),
    ("special_categories", Bool),
    ("processing_register", List),
    ("dpia", Text),
    ("decision_making", OneOf(DecisionMaking::ALL)),
    ("decision_technique", OneOf(DecisionTechnique::ALL)),
    ("profiling", Bool),
    ("algorithm_register", Text),
    ("archiving.records", Bool),
    ("archiving.destination", List),
    ("standards", List),
];

const INTERFACE: &[(&str, Shape)] = &[
    ("style", OneOf(InterfaceStyle::ALL)),
    ("standards", List),
    ("specification", Text),
    ("network", OneOf(Network::ALL)),
    ("delegated_access", Bool),
    ("lifecycle.status", OneOf(LifecycleStatus::ALL)),
    ("lifecycle.end", Date),
];

const DATA_OBJECT: &[(&str, Shape)] = &[
    ("gemma", Text),
    ("basisregistratie", Text),
    ("personal_data", Bool),
    ("special_categories", Bool),
];

/// The fields of a kind that travel as properties.
pub fn property_fields(kind: Kind) -> &'static [(&'static str, Shape)] {
    match kind {
        Kind::Owner => OWNER,
        Kind::BusinessFunction => BUSINESS_FUNCTION,
        Kind::Application => APPLICATION,
        Kind::Interface => INTERFACE,
        Kind::DataObject => DATA_OBJECT,
        Kind::Standard | Kind::Waiver => &[],
    }
}

/// The shape of a property-borne field, if `key` is one.
pub fn shape(kind: Kind, key: &str) -> Option<Shape> {
    property_fields(kind)
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, s)| *s)
}

/// The order fields are written in: the model's own order (as in DESIGN.md), `x-` fields last.
pub fn order(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Owner => &["kind", "parent", "contact", "description"],
        Kind::BusinessFunction => &["gemma", "owner", "parent", "description"],
        Kind::Application => &[
            "description",
            "owner",
            "supplier",
            "external",
            "development",
            "reference_components",
            "business_functions",
            "license",
            "source_code",
            "publiccode",
            "hosting",
            "lifecycle",
            "public_facing",
            "login",
            "accessibility_statement",
            "personal_data",
            "special_categories",
            "processing_register",
            "dpia",
            "decision_making",
            "decision_technique",
            "profiling",
            "algorithm_register",
            "archiving",
            "standards",
            "data",
        ],
        Kind::Interface => &[
            "description",
            "provider",
            "consumers",
            "style",
            "standards",
            "specification",
            "data_objects",
            "network",
            "delegated_access",
            "lifecycle",
        ],
        Kind::DataObject => &[
            "description",
            "gemma",
            "basisregistratie",
            "owner",
            "personal_data",
            "special_categories",
        ],
        Kind::Standard | Kind::Waiver => &[],
    }
}

/// Whether a text is a value of the shape; the reason when it is not.
pub fn check(shape: Shape, text: &str) -> Result<(), String> {
    match shape {
        Text | List => Ok(()),
        Bool if matches!(text, "true" | "false") => Ok(()),
        Bool => Err("is not `true` or `false`".to_owned()),
        Date => crate::model::Date::parse(text).map(|_| ()),
        OneOf(values) | ListOf(values) if values.contains(&text) => Ok(()),
        OneOf(values) | ListOf(values) => {
            Err(format!("is not one of {}", crate::text::one_of(values)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fields an exchange file carries otherwise: as the element's name or documentation, as a
    /// relationship, or split into their parts (`lifecycle.status`).
    const CARRIED_OTHERWISE: &[&str] = &[
        "name",
        "description",
        "owner",
        "parent",
        "business_functions",
        "data",
        "provider",
        "consumers",
        "data_objects",
        "lifecycle",
        "archiving",
    ];

    #[test]
    fn every_field_of_the_model_travels() {
        for kind in crate::interchange::KINDS {
            for field in crate::model::selector::fields_of(kind) {
                let as_property = property_fields(kind)
                    .iter()
                    .any(|(k, _)| k.split('.').next() == Some(field.as_str()));
                assert!(
                    as_property || CARRIED_OTHERWISE.contains(&field.as_str()),
                    "`{field}` of a {kind:?} is lost in an export: add it to the table"
                );
                assert!(order(kind).contains(&field.as_str()) || field == "name");
            }
        }
    }
}
