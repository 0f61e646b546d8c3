//! Selectors: which elements a catalogue standard (`applies_to`) or a pack's field rule
//! (`where`) is about. One grammar: a `kind` and conditions that must all hold; a dotted path
//! reaches into a field; a list of values means any of them; a list field matches when it
//! contains the value; `not:` negates each condition under it; the derived keys `realises`,
//! `supports`, `holds`, `processes_personal_data` and `external` ask the graph.

use std::collections::BTreeSet;

use serde_json::Value as J;

use crate::checks::{Ctx, is_external, processes_personal_data};
use crate::graph::{EdgeKind, GNode};
use crate::model::Kind;
use crate::problem::{Problem, did_you_mean};
use crate::source::{FileId, Loc};
use crate::tree::{Node, Value, shorten};

/// Keys that ask the graph rather than a field.
pub const DERIVED: &[&str] = &[
    "realises",
    "supports",
    "holds",
    "processes_personal_data",
    "external",
];

/// One condition: the value at `path` is one of `values` (or, negated, none of them).
#[derive(Clone, Debug)]
pub struct Condition {
    pub path: Vec<String>,
    pub values: Vec<J>,
    pub negated: bool,
}

#[derive(Clone, Debug)]
pub struct Selector {
    pub kind: Kind,
    pub conditions: Vec<Condition>,
}

/// The JSON Schema of an element of a kind.
fn schema_of(kind: Kind) -> J {
    use crate::model::{
        Application, BusinessFunction, DataObject, Interface, LocalStandard, Owner, Waiver,
    };
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    match kind {
        Kind::Owner => generator.into_root_schema_for::<Owner>(),
        Kind::BusinessFunction => generator.into_root_schema_for::<BusinessFunction>(),
        Kind::Application => generator.into_root_schema_for::<Application>(),
        Kind::Interface => generator.into_root_schema_for::<Interface>(),
        Kind::DataObject => generator.into_root_schema_for::<DataObject>(),
        Kind::Standard => generator.into_root_schema_for::<LocalStandard>(),
        Kind::Waiver => generator.into_root_schema_for::<Waiver>(),
    }
    .to_value()
}

/// A field's schema, through `$ref` and the `anyOf [.., null]` of optional fields.
fn resolve<'s>(schema: &'s J, definitions: &'s J) -> &'s J {
    if let Some(name) = schema
        .get("$ref")
        .and_then(J::as_str)
        .and_then(|r| r.rsplit('/').next())
    {
        return definitions
            .get(name)
            .map_or(schema, |d| resolve(d, definitions));
    }
    if let Some(first) = schema
        .get("anyOf")
        .and_then(J::as_array)
        .and_then(|v| v.iter().find(|s| s.get("type") != Some(&J::from("null"))))
    {
        return resolve(first, definitions);
    }
    schema
}

/// What a field can hold, as far as a condition or a required value cares.
#[derive(Debug, PartialEq)]
pub enum FieldType {
    /// One of these words (an enum), alone or in a list.
    OneOf(Vec<String>),
    Bool,
    /// Anything else: text, dates, numbers, `x-` keys, mappings.
    Any,
}

/// Checks a dotted path (`archiving.records`) against the element's schema, step by step, and
/// says what the field holds; on a wrong step, its index and the fields that step could have
/// named. `x-` keys go anywhere.
pub fn check_path(kind: Kind, path: &[String]) -> Result<FieldType, (usize, Vec<String>)> {
    let root = schema_of(kind);
    let definitions = root.get("definitions").cloned().unwrap_or(J::Null);
    let mut at = &root;
    for (i, part) in path.iter().enumerate() {
        if part.starts_with("x-") {
            return Ok(FieldType::Any);
        }
        let properties = resolve(at, &definitions)
            .get("properties")
            .and_then(J::as_object);
        match properties.and_then(|p| p.get(part)) {
            Some(field) => at = field,
            None => {
                return Err((
                    i,
                    properties
                        .map(|p| p.keys().cloned().collect())
                        .unwrap_or_default(),
                ));
            }
        }
    }
    let mut leaf = resolve(at, &definitions);
    // A list (or a one-or-many) holds items of the same type.
    if let Some(items) = leaf.get("items") {
        leaf = resolve(items, &definitions);
    }
    let words = |list: &J| -> Option<Vec<String>> {
        list.as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    if let Some(words) = leaf.get("enum").and_then(words) {
        return Ok(FieldType::OneOf(words));
    }
    if let Some(variants) = leaf.get("oneOf").and_then(J::as_array)
        && let Some(words) = variants
            .iter()
            .map(|v| v.get("const").and_then(J::as_str).map(str::to_owned))
            .collect::<Option<Vec<_>>>()
    {
        return Ok(FieldType::OneOf(words));
    }
    let boolean = J::from("boolean");
    let is_bool = match leaf.get("type") {
        Some(J::Array(types)) => types.contains(&boolean),
        Some(t) => *t == boolean,
        None => false,
    };
    if is_bool {
        return Ok(FieldType::Bool);
    }
    Ok(FieldType::Any)
}

/// A problem for a value that the field can never hold (`hosting: private-cloud`), with the
/// values it can.
pub fn check_value(
    field: &FieldType,
    path: &str,
    value: &Node,
    file: FileId,
) -> Result<(), Problem> {
    let items: Vec<&Node> = match &value.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![value],
    };
    for item in items {
        match (field, &item.value) {
            (FieldType::OneOf(words), Value::Str(word)) if !words.contains(word) => {
                let allowed = words
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(problem(
                    file,
                    item,
                    format!("`{path}` is never `{}`", shorten(word)),
                    match did_you_mean(word, words.iter().map(String::as_str)) {
                        Some(hint) => format!("{hint} Its values are {allowed}"),
                        None => format!("its values are {allowed}"),
                    },
                ));
            }
            (FieldType::OneOf(_), Value::Str(_))
            | (FieldType::Any, _)
            | (FieldType::Bool, Value::Bool(_)) => {}
            (FieldType::OneOf(words), _) => {
                return Err(problem(
                    file,
                    item,
                    format!("`{path}` holds one of {}", words.join(", ")),
                    "write one of its values as text".into(),
                ));
            }
            (FieldType::Bool, _) => {
                return Err(problem(
                    file,
                    item,
                    format!("`{path}` is `true` or `false`"),
                    "write `true` or `false`, without quotes".into(),
                ));
            }
        }
    }
    Ok(())
}

/// The fields an element of a kind has, from its JSON Schema (so they cannot drift apart).
pub fn fields_of(kind: Kind) -> BTreeSet<String> {
    use crate::model::{
        Application, BusinessFunction, DataObject, Interface, LocalStandard, Owner, Waiver,
    };
    let schema = match kind {
        Kind::Owner => schemars::schema_for!(Owner),
        Kind::BusinessFunction => schemars::schema_for!(BusinessFunction),
        Kind::Application => schemars::schema_for!(Application),
        Kind::Interface => schemars::schema_for!(Interface),
        Kind::DataObject => schemars::schema_for!(DataObject),
        Kind::Standard => schemars::schema_for!(LocalStandard),
        Kind::Waiver => schemars::schema_for!(Waiver),
    };
    schema
        .get("properties")
        .and_then(J::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn problem(file: FileId, node: &Node, message: String, help: String) -> Problem {
    Problem::new(message)
        .at(Loc::new(file, node.span))
        .help(help)
}

impl Selector {
    /// Reads `{ kind: …, where: { … } }`; mistakes are problems placed in its file.
    pub fn parse(node: &Node, file: FileId) -> Result<Selector, Problem> {
        let Some(entries) = node.as_map() else {
            return Err(problem(
                file,
                node,
                "a selector is a mapping: `{ kind: application, where: { … } }`".into(),
                "give `kind` and, optionally, `where`".into(),
            ));
        };
        let mut kind = None;
        let mut conditions = Vec::new();
        for (key, value) in entries {
            match key.as_str() {
                Some("kind") => {
                    let word = value.as_str().unwrap_or("");
                    kind = Some(Kind::parse(word).ok_or_else(|| {
                        let kinds = Kind::ALL.map(Kind::as_str);
                        problem(
                            file,
                            value,
                            format!("`{}` is not a kind of element", shorten(word)),
                            did_you_mean(word, kinds)
                                .unwrap_or_else(|| format!("the kinds are {}", kinds.join(", "))),
                        )
                    })?);
                }
                Some("where") => {}
                _ => {
                    return Err(problem(
                        file,
                        key,
                        format!("unknown key `{}` in a selector", key.key_text()),
                        "a selector has `kind` and `where`".into(),
                    ));
                }
            }
        }
        let Some(kind) = kind else {
            return Err(problem(
                file,
                node,
                "a selector needs a `kind`".into(),
                "add `kind: application` (or interface, data_object, …)".into(),
            ));
        };
        if let Some(conditions_node) = node.get("where") {
            read_conditions(conditions_node, file, kind, false, &mut conditions)?;
        }
        Ok(Selector { kind, conditions })
    }

    /// A selector from a `kind` and an optional `where` (a pack's field rule).
    pub fn from_parts(
        kind: &crate::tree::Sp<String>,
        condition: Option<&Node>,
        file: FileId,
    ) -> Result<Selector, Problem> {
        let Some(k) = Kind::parse(&kind.value) else {
            let kinds = Kind::ALL.map(Kind::as_str);
            return Err(Problem::new(format!(
                "`{}` is not a kind of element",
                shorten(&kind.value)
            ))
            .at(Loc::new(file, kind.span))
            .help(
                did_you_mean(&kind.value, kinds)
                    .unwrap_or_else(|| format!("the kinds are {}", kinds.join(", "))),
            ));
        };
        let mut conditions = Vec::new();
        if let Some(node) = condition {
            read_conditions(node, file, k, false, &mut conditions)?;
        }
        Ok(Selector {
            kind: k,
            conditions,
        })
    }

    /// Whether an element (of this selector's kind) is selected.
    pub fn matches(&self, facts: &Facts, index: usize) -> bool {
        self.conditions.iter().all(|c| {
            let value = facts.value(self.kind, index, &c.path);
            c.values.iter().any(|wanted| equals(&value, wanted)) != c.negated
        })
    }

    /// The selector in words, for messages ("interfaces with `style: rest`").
    pub fn describe(&self) -> String {
        let noun = match self.kind {
            Kind::BusinessFunction => "business functions".to_owned(),
            Kind::DataObject => "data objects".to_owned(),
            k => format!("{}s", k.noun()),
        };
        let mut verbs = Vec::new();
        let mut fields = Vec::new();
        for c in &self.conditions {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect();
            let values = match values.as_slice() {
                [one] => one.clone(),
                [init @ .., last] => format!("{} or {last}", init.join(", ")),
                [] => String::new(),
            };
            match (c.path[0].as_str(), c.negated) {
                ("realises" | "supports" | "holds", negated) => {
                    let verb = c.path[0].trim_end_matches('s');
                    verbs.push(if negated {
                        format!("do not {verb} {values}")
                    } else {
                        format!("{verb} {values}")
                    });
                }
                (_, false) => fields.push(format!("`{}: {values}`", c.path.join("."))),
                (_, true) => fields.push(format!("not `{}: {values}`", c.path.join("."))),
            }
        }
        let mut text = noun;
        if !fields.is_empty() {
            text.push_str(&format!(" with {}", fields.join(" and ")));
        }
        if !verbs.is_empty() {
            text.push_str(&format!(" that {}", verbs.join(" and ")));
        }
        text
    }
}

/// A problem for a dotted path that names no field, with the fields it could have named.
pub fn check_field_path(
    kind: Kind,
    path: &[String],
    at: &Node,
    file: FileId,
) -> Result<FieldType, Problem> {
    let (step, known) = match check_path(kind, path) {
        Ok(field) => return Ok(field),
        Err(wrong) => wrong,
    };
    let wrong = &path[step];
    let article = if kind.noun().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let whose = if step == 0 {
        format!("{article} {}", kind.noun())
    } else {
        format!("`{}`", path[..step].join("."))
    };
    let candidates = known.iter().map(String::as_str).chain(if step == 0 {
        DERIVED.to_vec()
    } else {
        Vec::new()
    });
    Err(problem(
        file,
        at,
        format!("{whose} has no field `{}`", shorten(wrong)),
        did_you_mean(wrong, candidates).unwrap_or_else(|| {
            if step == 0 {
                format!(
                    "selectors read the element's fields, `x-` keys, and the derived keys {}",
                    DERIVED.join(", ")
                )
            } else {
                format!("its fields are {}", known.join(", "))
            }
        }),
    ))
}

fn read_conditions(
    node: &Node,
    file: FileId,
    kind: Kind,
    negated: bool,
    out: &mut Vec<Condition>,
) -> Result<(), Problem> {
    let Some(entries) = node.as_map() else {
        return Err(problem(
            file,
            node,
            "`where` is a mapping of conditions".into(),
            "write `where: { field: value }`".into(),
        ));
    };
    for (key, value) in entries {
        let path_text = key.key_text();
        if path_text == "not" {
            if negated {
                return Err(problem(
                    file,
                    key,
                    "`not` inside `not`".into(),
                    "write the condition without the double negation".into(),
                ));
            }
            read_conditions(value, file, kind, true, out)?;
            continue;
        }
        let path: Vec<String> = path_text.split('.').map(str::to_owned).collect();
        if !DERIVED.contains(&path[0].as_str()) {
            let field = check_field_path(kind, &path, key, file)?;
            check_value(&field, &path_text, value, file)?;
        }
        let values = match &value.value {
            Value::Seq(items) => items.iter().map(Node::to_json).collect(),
            Value::Map(_) => {
                return Err(problem(
                    file,
                    value,
                    format!("the condition on `{path_text}` must be a value or a list of values"),
                    "write `field: value` or `field: [a, b]`".into(),
                ));
            }
            _ => vec![value.to_json()],
        };
        out.push(Condition {
            path,
            values,
            negated,
        });
    }
    Ok(())
}

/// Whether a field's value matches a wanted value: a list matches when it contains it; a missing
/// field reads as `false` for the question "is it true?".
pub fn equals(have: &J, wanted: &J) -> bool {
    match have {
        J::Array(items) => items.iter().any(|i| equals(i, wanted)),
        J::Null => matches!(wanted, J::Null | J::Bool(false)),
        J::String(s) => match wanted {
            J::String(w) => s == w,
            J::Bool(b) => s == &b.to_string(),
            J::Number(n) => s == &n.to_string(),
            _ => false,
        },
        other => other == wanted,
    }
}

/// The facts selectors read about elements: a field's value (picked from the typed element)
/// or a derived key (asked of the graph).
pub struct Facts<'c, 'a> {
    ctx: &'c Ctx<'a>,
}

impl<'c, 'a> Facts<'c, 'a> {
    pub fn new(ctx: &'c Ctx<'a>) -> Self {
        Facts { ctx }
    }

    /// A top-level field of an element (or an `x-` extension), as JSON.
    fn field(&self, kind: Kind, index: usize, name: &str) -> J {
        fn get<T: serde::Serialize>(e: &crate::model::Element<T>, name: &str) -> J {
            if name.starts_with("x-") {
                return e.extensions.get(name).cloned().unwrap_or(J::Null);
            }
            crate::tree::pick(&e.body, name).unwrap_or(J::Null)
        }
        let m = self.ctx.model;
        match kind {
            Kind::Owner => get(&m.owners[index], name),
            Kind::BusinessFunction => get(&m.business_functions[index], name),
            Kind::Application => get(&m.applications[index], name),
            Kind::Interface => get(&m.interfaces[index], name),
            Kind::DataObject => get(&m.data_objects[index], name),
            Kind::Standard => get(&m.standards[index], name),
            Kind::Waiver => get(&m.waivers[index], name),
        }
    }

    /// The value at a path: a field (through nested mappings) or a derived key.
    pub fn value(&self, kind: Kind, index: usize, path: &[String]) -> J {
        let graph = self.ctx.graph;
        let n = graph.node(kind, index);
        match path[0].as_str() {
            "realises" => {
                let r = self.ctx.reference;
                J::Array(
                    graph
                        .out(n)
                        .filter(|(_, e)| matches!(e.kind, EdgeKind::Realises))
                        .filter_map(|(c, _)| match graph.weight(c) {
                            GNode::GemmaComponent(j) => Some([
                                r.components[j].name.clone().into(),
                                r.components[j].object_id.clone().into(),
                            ]),
                            _ => None,
                        })
                        .flatten()
                        .collect(),
                )
            }
            "supports" | "holds" => {
                let supports = path[0] == "supports";
                J::Array(
                    graph
                        .out(n)
                        .filter(|(_, e)| {
                            if supports {
                                matches!(e.kind, EdgeKind::Supports)
                            } else {
                                matches!(e.kind, EdgeKind::Holds(_))
                            }
                        })
                        .filter_map(|(t, _)| match graph.weight(t) {
                            GNode::Element(k, i) => {
                                Some(self.ctx.model.describe(k, i).1.to_owned().into())
                            }
                            _ => None,
                        })
                        .collect(),
                )
            }
            "processes_personal_data" => {
                J::Bool(kind == Kind::Application && processes_personal_data(self.ctx, index))
            }
            "external" => J::Bool(
                kind == Kind::Application && is_external(&self.ctx.model.applications[index]),
            ),
            head => {
                let mut value = self.field(kind, index, head);
                for part in &path[1..] {
                    value = value.get(part).cloned().unwrap_or(J::Null);
                }
                value
            }
        }
    }
}
