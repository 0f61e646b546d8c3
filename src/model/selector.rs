//! Selectors as written: which elements a catalogue standard (`applies_to`) or a pack's field
//! rule (`where`) is about, read and checked against the model's schema. One grammar: a `kind`
//! and conditions that must all hold; a dotted path reaches into a field; a list of values means
//! any of them; a list field matches when it contains the value; `not:` negates each condition
//! under it; the derived keys `realises`, `supports`, `holds`, `processes_personal_data` and
//! `external` ask the graph. Evaluating a selector is the rule catalogue's business.

use serde_json::Value as J;

use super::{FieldPath, Kind, with_kind_type};
use crate::syntax::{Node, Value};
use crate::text::{FileId, Loc, Problem, did_you_mean, shorten};

macro_rules! derived {
    ($($variant:ident = $text:literal),+ $(,)?) => {
        /// A key that asks the graph about an application rather than reading a field.
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        pub enum Derived { $($variant),+ }

        impl Derived {
            pub const ALL: &'static [Derived] = &[$(Derived::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Derived::$variant => $text),+ }
            }

            pub fn parse(word: &str) -> Option<Derived> {
                Derived::ALL.iter().copied().find(|d| d.as_str() == word)
            }
        }
    };
}

derived!(
    Realises = "realises",
    Supports = "supports",
    Holds = "holds",
    ProcessesPersonalData = "processes_personal_data",
    External = "external",
);

/// What a condition reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum On {
    Field(FieldPath),
    Derived(Derived),
}

/// One condition: the value it reads is one of `values` (or, negated, none of them).
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub on: On,
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
    // Generated once per kind: every path in every selector and field rule is checked here.
    static SCHEMAS: [std::sync::OnceLock<J>; Kind::ALL.len()] =
        [const { std::sync::OnceLock::new() }; Kind::ALL.len()];
    SCHEMAS[kind as usize].get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        with_kind_type!(kind, T => generator.into_root_schema_for::<T>()).to_value()
    })
}

/// The top-level fields of an element of a kind, as its schema lists them.
#[cfg(test)]
pub fn fields_of(kind: Kind) -> Vec<String> {
    schema_of(kind)
        .get("properties")
        .and_then(J::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
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
    file: Option<FileId>,
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

fn problem(file: Option<FileId>, node: &Node, message: String, help: String) -> Problem {
    Problem::new(message)
        .at_opt(file.map(|f| Loc::new(f, node.span)))
        .help(help)
}

impl Selector {
    /// Reads `{ kind: …, where: { … } }`; mistakes are problems placed in its file.
    pub fn parse(node: &Node, file: Option<FileId>) -> Result<Selector, Problem> {
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
        kind: &crate::syntax::Sp<String>,
        condition: Option<&Node>,
        file: Option<FileId>,
    ) -> Result<Selector, Problem> {
        let Some(k) = Kind::parse(&kind.value) else {
            let kinds = Kind::ALL.map(Kind::as_str);
            return Err(Problem::new(format!(
                "`{}` is not a kind of element",
                shorten(&kind.value)
            ))
            .at_opt(file.map(|f| Loc::new(f, kind.span)))
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

    /// The selector in words, for messages ("interfaces with `style: rest`").
    pub fn describe(&self) -> String {
        let noun = self.kind.nouns();
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
            let key = match &c.on {
                On::Derived(d @ (Derived::Realises | Derived::Supports | Derived::Holds)) => {
                    let verb = d.as_str().trim_end_matches('s');
                    verbs.push(if c.negated {
                        format!("do not {verb} {values}")
                    } else {
                        format!("{verb} {values}")
                    });
                    continue;
                }
                On::Derived(d) => d.as_str().to_owned(),
                On::Field(path) => path.to_string(),
            };
            // An application that does not say is public-facing by its login (see
            // `Application::public_facing_at`): the description says so.
            let implied =
                if self.kind == Kind::Application && key == "public_facing" && values == "true" {
                    " (or, unstated, a DigiD, eHerkenning or eIDAS login)"
                } else {
                    ""
                };
            fields.push(if c.negated {
                format!("not `{key}: {values}`{implied}")
            } else {
                format!("`{key}: {values}`{implied}")
            });
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

/// Reads a dotted path (`archiving.records`) and checks it against the schema: the path and
/// what the field holds, or a problem that names the fields it could have named.
pub fn check_field_path(
    kind: Kind,
    text: &str,
    at: &Node,
    file: Option<FileId>,
) -> Result<(FieldPath, FieldType), Problem> {
    let path: Vec<String> = text.split('.').map(str::to_owned).collect();
    let (step, known) = match check_path(kind, &path) {
        Ok(field) => {
            let parsed = FieldPath::parse(text)
                .expect("a path the schema knows starts with a field (a test keeps it so)");
            return Ok((parsed, field));
        }
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
    let derived: Vec<&str> = Derived::ALL.iter().map(|d| d.as_str()).collect();
    let candidates = known.iter().map(String::as_str).chain(if step == 0 {
        derived.clone()
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
                    derived.join(", ")
                )
            } else {
                format!("its fields are {}", known.join(", "))
            }
        }),
    ))
}

fn read_conditions(
    node: &Node,
    file: Option<FileId>,
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
        let head = path_text.split('.').next().unwrap_or_default();
        let on = if let Some(derived) = Derived::parse(head) {
            // The derived keys ask the graph about an application.
            if kind != Kind::Application || path_text.contains('.') {
                return Err(problem(
                    file,
                    key,
                    format!(
                        "the derived key `{head}` is read for applications only, and as a whole"
                    ),
                    "select `kind: application`, or use a field of the element".into(),
                ));
            }
            let field = match derived {
                Derived::ProcessesPersonalData | Derived::External => FieldType::Bool,
                _ => FieldType::Any,
            };
            check_value(&field, &path_text, value, file)?;
            On::Derived(derived)
        } else {
            let (path, field) = check_field_path(kind, &path_text, key, file)?;
            check_value(&field, &path_text, value, file)?;
            On::Field(path)
        };
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
            on,
            values,
            negated,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> Vec<String> {
        text.split('.').map(str::to_owned).collect()
    }

    fn node(value: Value) -> Node {
        Node {
            span: crate::text::Span::new(0, 1),
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
        let file = Some(FileId(0));
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
}
