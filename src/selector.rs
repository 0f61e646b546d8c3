//! Selectors: which elements a catalogue standard (`applies_to`) or a pack's field rule
//! (`where`) is about. One grammar: a `kind` and conditions that must all hold; a dotted path
//! reaches into a field; a list of values means any of them; a list field matches when it
//! contains the value; `not:` negates each condition under it; the derived keys `realises`,
//! `supports`, `holds`, `processes_personal_data` and `external` ask the graph.

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
fn schema_of(kind: Kind) -> &'static J {
    use crate::model::{
        Application, BusinessFunction, DataObject, Interface, LocalStandard, Owner, Waiver,
    };
    // Generated once per kind: every path in every selector and field rule is checked here.
    static SCHEMAS: [std::sync::OnceLock<J>; Kind::ALL.len()] =
        [const { std::sync::OnceLock::new() }; Kind::ALL.len()];
    SCHEMAS[kind as usize].get_or_init(|| {
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
    })
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
    // A `$ref` with a description of its own is written `allOf: [$ref]`.
    if let Some([only]) = schema.get("allOf").and_then(J::as_array).map(Vec::as_slice) {
        return resolve(only, definitions);
    }
    schema
}

/// What a field can hold, as far as a condition or a required value cares.
#[derive(Debug, PartialEq)]
pub enum FieldType {
    /// One of these words (an enum), alone or in a list.
    OneOf(Vec<String>),
    Bool,
    /// A mapping (`lifecycle`, `data`): no single value equals it; name a field inside.
    Map,
    /// Anything else: text, dates, numbers, `x-` keys.
    Any,
}

/// Checks a dotted path (`archiving.records`, `data.zaak.role`) against the element's schema,
/// step by step, and says what the field holds; on a wrong step, its index and the fields that
/// step could have named. An `x-` key is read at the top level only, where the model keeps it.
pub fn check_path(kind: Kind, path: &[String]) -> Result<FieldType, (usize, Vec<String>)> {
    let root = schema_of(kind);
    let definitions = root.get("definitions").unwrap_or(&J::Null);
    let mut at = root;
    for (i, part) in path.iter().enumerate() {
        if i == 0 && part.starts_with("x-") {
            return Ok(FieldType::Any);
        }
        let here = resolve(at, definitions);
        let properties = here.get("properties").and_then(J::as_object);
        // A mapping by id (`data:`) takes any id, and its value has the same schema.
        let by_id = here.get("additionalProperties").filter(|a| a.is_object());
        match (properties.and_then(|p| p.get(part)), by_id) {
            (Some(field), _) => at = field,
            (None, Some(value)) if properties.is_none() && !part.starts_with("x-") => at = value,
            (None, _) => {
                return Err((
                    i,
                    properties
                        .map(|p| p.keys().cloned().collect())
                        .unwrap_or_default(),
                ));
            }
        }
    }
    let mut leaf = resolve(at, definitions);
    // A list (or a one-or-many) holds items of the same type.
    if let Some(items) = leaf.get("items") {
        leaf = resolve(items, definitions);
    }
    let words = enum_words(leaf, definitions);
    if !words.is_empty() {
        return Ok(FieldType::OneOf(words));
    }
    let has_type = |wanted: &str| match leaf.get("type") {
        Some(J::Array(types)) => types.iter().any(|t| t == wanted),
        Some(t) => t == wanted,
        None => false,
    };
    if has_type("boolean") {
        return Ok(FieldType::Bool);
    }
    if has_type("object") || leaf.get("properties").is_some() {
        return Ok(FieldType::Map);
    }
    Ok(FieldType::Any)
}

/// The words an enum schema allows, however schemars wrote it: `enum: [..]`, or `oneOf` of
/// `const`s and `enum`s (when only some variants carry docs).
fn enum_words(schema: &J, definitions: &J) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(list) = schema.get("enum").and_then(J::as_array) {
        words.extend(list.iter().filter_map(J::as_str).map(str::to_owned));
    }
    if let Some(c) = schema.get("const").and_then(J::as_str) {
        words.push(c.to_owned());
    }
    if let Some(variants) = schema.get("oneOf").and_then(J::as_array) {
        for v in variants {
            let found = enum_words(resolve(v, definitions), definitions);
            if found.is_empty() {
                return Vec::new(); // not an enum after all
            }
            words.extend(found);
        }
    }
    words
}

/// A problem for a value that the field can never hold (`hosting: private-cloud`), with the
/// values it can. `null` stands for "not given" and fits every field.
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
    if items.is_empty() {
        return Err(problem(
            file,
            value,
            format!("the list of values for `{path}` is empty, so nothing can match it"),
            "give at least one value".into(),
        ));
    }
    for item in items {
        match (field, &item.value) {
            (_, Value::Null) => {}
            (_, Value::Map(_)) => {
                return Err(problem(
                    file,
                    item,
                    format!("the value for `{path}` is a mapping"),
                    "give a value or a list of values; in TOML, quote a dotted path (`\"lifecycle.status\" = \"active\"`) so it is not read as a table".into(),
                ));
            }
            (FieldType::Map, _) => {
                return Err(problem(
                    file,
                    item,
                    format!("`{path}` is a mapping, which no single value equals"),
                    format!("name a field inside it, such as `{path}.<field>`"),
                ));
            }
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
            if wrong.starts_with("x-") {
                "`x-` keys are read at the top level of an element only".to_owned()
            } else if known.is_empty() {
                format!("{whose} has no fields of its own to name")
            } else if step == 0 {
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
        if DERIVED.contains(&path[0].as_str()) {
            // The derived keys ask the graph about an application.
            if kind != Kind::Application || path.len() > 1 {
                return Err(problem(
                    file,
                    key,
                    format!(
                        "the derived key `{}` is read for applications only, and as a whole",
                        path[0]
                    ),
                    "select `kind: application`, or use a field of the element".into(),
                ));
            }
            let field = match path[0].as_str() {
                "processes_personal_data" | "external" => FieldType::Bool,
                _ => FieldType::Any,
            };
            check_value(&field, &path_text, value, file)?;
        } else {
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

/// Whether a number and a text are the same number (`1.10` and `"1.10"`: YAML reads the
/// former as 1.1).
fn same_number(n: &serde_json::Number, text: &str) -> bool {
    text.trim() == n.to_string()
        || matches!((n.as_f64(), text.trim().parse::<f64>()), (Some(a), Ok(b)) if a == b)
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
            J::Number(n) => same_number(n, s),
            _ => false,
        },
        // `1`, `1.10` and `true` in the model equal `"1"`, `"1.10"` and `"true"` in a pack.
        J::Number(n) => match wanted {
            J::String(w) => same_number(n, w),
            other => have == other,
        },
        J::Bool(b) => match wanted {
            J::String(w) => w == &b.to_string(),
            other => have == other,
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
                // Without a `lifecycle`, an element is active (DESIGN.md), as the rules read it.
                if value.is_null() && path.len() == 2 && head == "lifecycle" && path[1] == "status"
                {
                    return J::from("active");
                }
                value
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> Vec<String> {
        text.split('.').map(str::to_owned).collect()
    }

    fn node(value: Value) -> Node {
        Node {
            span: crate::source::Span::new(0, 1),
            value,
        }
    }

    #[test]
    fn paths_are_read_from_the_schema() {
        let words = |kind, p: &str| match check_path(kind, &path(p)) {
            Ok(FieldType::OneOf(words)) => words,
            other => panic!("{p}: {other:?}"),
        };
        assert!(words(Kind::Application, "hosting").contains(&"saas".to_owned()));
        // Through a mapping by id, and enums whose variants are written as `oneOf`.
        assert!(words(Kind::Application, "data.zaak.role").contains(&"source".to_owned()));
        assert!(words(Kind::Application, "decision_making").contains(&"supported".to_owned()));
        assert!(words(Kind::Owner, "kind").contains(&"supplier".to_owned()));
        assert_eq!(
            check_path(Kind::Application, &path("lifecycle")),
            Ok(FieldType::Map)
        );
        assert_eq!(
            check_path(Kind::Application, &path("personal_data")),
            Ok(FieldType::Bool)
        );
        assert_eq!(
            check_path(Kind::Application, &path("x-contract")),
            Ok(FieldType::Any)
        );
        // `x-` keys are kept at the top level only.
        assert_eq!(
            check_path(Kind::Application, &path("lifecycle.x-review")).map_err(|e| e.0),
            Err(1)
        );
        assert_eq!(
            check_path(Kind::Application, &path("hostng")).map_err(|e| e.0),
            Err(0)
        );
    }

    #[test]
    fn values_are_checked_against_the_field() {
        let file = FileId(0);
        let oneof = FieldType::OneOf(vec!["a".into(), "b".into()]);
        let text = |t: &str| node(Value::Str(t.into()));
        assert!(check_value(&oneof, "f", &text("a"), file).is_ok());
        assert!(check_value(&oneof, "f", &text("c"), file).is_err());
        // `null` (not given) fits every field.
        assert!(check_value(&oneof, "f", &node(Value::Null), file).is_ok());
        assert!(check_value(&FieldType::Bool, "f", &node(Value::Null), file).is_ok());
        assert!(check_value(&FieldType::Bool, "f", &text("ja"), file).is_err());
        // Nothing can match an empty list; no single value equals a mapping.
        assert!(check_value(&FieldType::Any, "f", &node(Value::Seq(Vec::new())), file).is_err());
        assert!(check_value(&FieldType::Map, "f", &text("active"), file).is_err());
        assert!(check_value(&FieldType::Any, "f", &node(Value::Map(Vec::new())), file).is_err());
    }

    #[test]
    fn scalars_equal_their_text_either_way() {
        assert!(equals(&J::from(1), &J::from("1")));
        assert!(equals(&J::from(1.1), &J::from("1.10")));
        assert!(equals(&J::from("1.10"), &J::from(1.1)));
        assert!(equals(&J::from("1"), &J::from(1)));
        assert!(equals(&J::from(true), &J::from("true")));
        assert!(!equals(&J::from(2), &J::from("1")));
        assert!(equals(&J::Null, &J::from(false)));
        assert!(equals(&J::from(vec!["a", "b"]), &J::from("b")));
    }
}
