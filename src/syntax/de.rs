//! A serde deserializer over [`Node`]: typed structs read from the tree, every error placed at
//! the value (or key) that caused it, with the user's words and a "did you mean".

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Expected, IntoDeserializer,
    MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};

use super::{Node, Value};
use crate::text::Span;
use crate::text::{closest, did_you_mean, suggestion};
use crate::text::{one_of, shorten};

/// Newtype name through which [`crate::syntax::Sp`] asks for the span of its value.
pub const SPANNED: &str = "$gemmalint::Spanned";
/// Newtype name through which [`crate::syntax::OneOrMany`] accepts one value where a list belongs.
pub const ONE_OR_MANY: &str = "$gemmalint::OneOrMany";

/// A value that does not fit the expected type, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    pub message: String,
    pub span: Option<Span>,
    pub help: Option<String>,
    /// For a duplicate key: the first occurrence.
    pub first: Option<Span>,
    /// For a required key that is missing: its name.
    pub missing: Option<&'static str>,
    /// For an unknown key: the keys it may have been meant as.
    pub meant: Vec<&'static str>,
}

impl DeError {
    pub fn new(message: impl Into<String>) -> Self {
        DeError {
            message: message.into(),
            span: None,
            help: None,
            first: None,
            missing: None,
            meant: Vec::new(),
        }
    }

    /// Places the error, unless a deeper value already did.
    pub fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

/// serde's names for what it expected, in the words of a landscape's author.
fn expected_words(exp: &dyn Expected) -> String {
    let text = exp.to_string();
    match text.as_str() {
        "a string" | "a borrowed string" | "a character" | "string" => "a text value".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        "a sequence" => "a list".to_owned(),
        "a map" => "a mapping".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "i128" => "a whole number".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "u128" => "a whole number, 0 or more".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        t if t.starts_with("struct ") => "a mapping".to_owned(),
        t if t.starts_with("enum ") || t == "variant identifier" => {
            "one of the allowed values".to_owned()
        }
        _ => text,
    }
}

fn unexpected_words(unexp: Unexpected<'_>) -> String {
    match unexp {
        Unexpected::Bool(b) => format!("`{b}`"),
        Unexpected::Unsigned(n) => format!("the number `{n}`"),
        Unexpected::Signed(n) => format!("the number `{n}`"),
        Unexpected::Float(n) => format!("the number `{n}`"),
        Unexpected::Char(c) => format!("`{c}`"),
        Unexpected::Str(s) => format!("`{}`", shorten(s)),
        Unexpected::Unit | Unexpected::Option => "nothing (an empty value)".to_owned(),
        Unexpected::Seq => "a list".to_owned(),
        Unexpected::Map | Unexpected::StructVariant => "a mapping".to_owned(),
        other => other.to_string(),
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        DeError::new(format!(
            "expected {}, found {}",
            expected_words(exp),
            unexpected_words(unexp)
        ))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        DeError::new(format!(
            "{} is not valid here: expected {}",
            unexpected_words(unexp),
            expected_words(exp)
        ))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let help = match did_you_mean(variant, expected.iter().copied()) {
            Some(dym) => format!("{dym} Allowed values: {}", one_of(expected)),
            None => format!("allowed values: {}", one_of(expected)),
        };
        DeError::new(format!("unknown value `{}`", shorten(variant))).with_help(help)
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let meant = closest(field, expected.iter().copied(), 3);
        let help = match suggestion(&meant) {
            Some(dym) => dym,
            None if expected.is_empty() => {
                "this mapping takes no keys; keys starting with `x-` are kept as extensions".into()
            }
            None => format!(
                "allowed keys: {}; keys starting with `x-` are kept as extensions",
                one_of(expected)
            ),
        };
        let mut e = DeError::new(format!("unknown key `{}`", shorten(field))).with_help(help);
        e.meant = meant;
        e
    }

    fn missing_field(field: &'static str) -> Self {
        let mut e = DeError::new(format!("the required key `{field}` is missing"))
            .with_help(format!("add `{field}:` to this element"));
        e.missing = Some(field);
        e
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(format!("the key `{field}` appears twice"))
    }
}

/// Reads a typed value from a node. `key` is the span of the mapping key that holds the node,
/// used for errors about the node as a whole (a missing key).
pub fn from_node<T: DeserializeOwned>(
    node: &Node,
    src: &str,
    key: Option<Span>,
) -> Result<T, DeError> {
    T::deserialize(NodeDe::new(node, src, key))
}

/// Reads a typed value from a node and, when it does not fit, says every problem at once: after
/// each error the mapping entry it lies in is taken out and the value read again, so an element
/// with three unknown keys and a wrong type reports all four. A required key that was taken out
/// is not reported missing.
pub fn from_node_all<T: DeserializeOwned>(
    node: &Node,
    src: &str,
    key: Option<Span>,
) -> Result<T, Vec<DeError>> {
    /// More than this in one element is noise: the first ones tell the story.
    const AT_MOST: usize = 20;
    let first = match from_node::<T>(node, src, key) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let mut errors = vec![first];
    let mut rest = node.clone();
    // The keys taken out, and those the unknown ones among them were meant as: neither is
    // then reported missing (`naam:` is "did you mean `name`?", not also "`name` is missing").
    let mut covered: Vec<String> = Vec::new();
    let mut last = errors[0].clone();
    // Each round takes out what the last error was about; bounded, since each takes one out.
    for _ in 0..AT_MOST * 4 {
        if errors.len() >= AT_MOST {
            break;
        }
        let Some(span) = last.span else { break };
        let Some(name) = remove_entry_at(&mut rest, span) else {
            break;
        };
        covered.push(name);
        covered.extend(last.meant.iter().map(|m| (*m).to_owned()));
        match from_node::<T>(&rest, src, key) {
            Ok(_) => break,
            // A key taken out (or the one an unknown key was meant as) is now missing: that is
            // no new problem. Its mapping is taken out next, so the problems after it are found.
            Err(e) if e.missing.is_some_and(|m| covered.iter().any(|r| r == m)) => last = e,
            Err(e) if errors.contains(&e) => break,
            Err(e) => {
                errors.push(e.clone());
                last = e;
            }
        }
    }
    Err(errors)
}

/// Takes out the innermost mapping entry whose key or value holds `span`; its key's text.
fn remove_entry_at(node: &mut Node, span: Span) -> Option<String> {
    let within =
        |outer: Span| outer.len > 0 && outer.start <= span.start && span.end() <= outer.end();
    match &mut node.value {
        Value::Seq(items) => {
            if let Some(name) = items.iter_mut().find_map(|n| remove_entry_at(n, span)) {
                return Some(name);
            }
            // A value in a list (`login: [DigiD, eHerkenning]`): that value alone is taken
            // out, so the next wrong one is reported too. No key was taken out.
            let at = items.iter().position(|n| {
                !matches!(n.value, Value::Seq(_) | Value::Map(_)) && within(n.span)
            })?;
            items.remove(at);
            Some(String::new())
        }
        Value::Map(entries) => {
            for (_, v) in entries.iter_mut() {
                if let Some(name) = remove_entry_at(v, span) {
                    return Some(name);
                }
            }
            let at = entries
                .iter()
                .position(|(k, v)| within(k.span) || within(v.span))?;
            let (k, _) = entries.remove(at);
            Some(k.key_text())
        }
        _ => None,
    }
}

/// The deserializer over one node.
#[derive(Clone, Copy)]
pub struct NodeDe<'a> {
    node: &'a Node,
    src: &'a str,
    key: Option<Span>,
    /// The key's text, so a type error can name the field.
    key_name: Option<&'a str>,
}

impl<'a> NodeDe<'a> {
    pub fn new(node: &'a Node, src: &'a str, key: Option<Span>) -> Self {
        NodeDe {
            node,
            src,
            key,
            key_name: None,
        }
    }

    /// Where an error about the whole node goes: block mappings and empty values have no
    /// useful span of their own, so their key is labelled instead.
    fn anchor(&self) -> Span {
        match (&self.node.value, self.key) {
            (Value::Map(_) | Value::Seq(_) | Value::Null, Some(key)) => key,
            _ => self.node.span,
        }
    }

    fn wrong_type(&self, expected: &str) -> DeError {
        let message = match self.key_name {
            Some(key) => format!(
                "expected {expected} for `{}`, found {}",
                shorten(key),
                self.node.describe()
            ),
            None => format!("expected {expected}, found {}", self.node.describe()),
        };
        DeError::new(message).at(self.anchor())
    }

    /// The source text of a plain scalar, so `version: 1.10` reads as "1.10" where text belongs.
    fn raw(&self) -> String {
        let span = self.node.span;
        match self.src.get(span.start as usize..span.end()) {
            // An alias (`*year`) stands for its value.
            Some(text) if !text.is_empty() && !text.starts_with('*') => text.to_owned(),
            _ => match &self.node.value {
                Value::Bool(b) => b.to_string(),
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                _ => String::new(),
            },
        }
    }

    /// A mapping (an empty value reads as an empty one): duplicate keys are problems, `x-`
    /// keys extensions.
    fn mapping<'de, V: Visitor<'de>>(
        self,
        visitor: V,
        expected: &str,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Map(entries) => {
                check_duplicate_keys(entries)?;
                visitor.visit_map(MapDe::new(entries, self.src, true))
            }
            Value::Null => visitor.visit_map(MapDe::new(&[], self.src, true)),
            _ => return Err(self.wrong_type(expected)),
        }
        .map_err(|e| e.at(self.anchor()))
    }

    fn visit_int<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Int(i) => visitor.visit_i64(i),
            _ => Err(self.wrong_type("a whole number")),
        }
        .map_err(|e: DeError| e.at(self.node.span))
    }
}

impl<'de> Deserializer<'de> for NodeDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.anchor();
        match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(_) => return self.visit_int(visitor),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(items) => visitor.visit_seq(SeqDe::new(items, self.src)),
            Value::Map(entries) => visitor.visit_map(MapDe::new(entries, self.src, false)),
        }
        .map_err(|e| e.at(span))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Bool(b) => visitor
                .visit_bool(*b)
                .map_err(|e: DeError| e.at(self.node.span)),
            Value::Str(s)
                if matches!(
                    s.to_lowercase().as_str(),
                    "yes" | "no" | "on" | "off" | "y" | "n" | "true" | "false"
                ) =>
            {
                Err(self.wrong_type("`true` or `false`").with_help(
                    "YAML 1.2 knows only `true` and `false` (lowercase, without quotes)",
                ))
            }
            _ => Err(self.wrong_type("`true` or `false`")),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_i128<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }
    fn deserialize_u128<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.visit_int(v)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(v)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Int(i) => visitor.visit_f64(i as f64),
            Value::Float(f) => visitor.visit_f64(f),
            _ => return Err(self.wrong_type("a number")),
        }
        .map_err(|e: DeError| e.at(self.node.span))
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(s) => visitor.visit_str(s),
            // `2024` and `1.10` are text where text belongs; `true` is almost surely a mistake.
            Value::Int(_) | Value::Float(_) => visitor.visit_str(&self.raw()),
            Value::Bool(_) => {
                return Err(self
                    .wrong_type("a text value")
                    .with_help("put it in quotes if you mean the text"));
            }
            _ => return Err(self.wrong_type("a text value")),
        }
        .map_err(|e: DeError| e.at(self.node.span))
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
        Err(self.wrong_type("text"))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
        Err(self.wrong_type("text"))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.wrong_type("nothing")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match name {
            SPANNED => visitor.visit_seq(SpannedDe { de: self, step: 0 }),
            ONE_OR_MANY => match &self.node.value {
                Value::Seq(items) => visitor.visit_seq(SeqDe::new(items, self.src)),
                Value::Null => visitor.visit_seq(SeqDe::new(&[], self.src)),
                Value::Map(_) => visitor
                    .visit_seq(SeqDe::new(std::slice::from_ref(self.node), self.src))
                    .map_err(|e| {
                        // A mapping where one value or a list was meant: say the list too.
                        let whole = "a text value, found a mapping";
                        if e.message.ends_with(whole)
                            && e.span.is_some_and(|s| s.start == self.node.span.start)
                        {
                            let message = e
                                .message
                                .replace(whole, "a text value or a list of them, found a mapping");
                            DeError { message, ..e }
                        } else {
                            e
                        }
                    }),
                _ => visitor.visit_seq(SeqDe::new(std::slice::from_ref(self.node), self.src)),
            }
            .map_err(|e| e.at(self.anchor())),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Seq(items) => visitor
                .visit_seq(SeqDe::new(items, self.src))
                .map_err(|e| e.at(self.anchor())),
            _ => Err(self.wrong_type("a list")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Id-keyed maps (`data:`, `[rules]`).
        self.mapping(visitor, "a mapping")
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.mapping(visitor, "a mapping of keys and values")
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(_) | Value::Bool(_) | Value::Int(_) | Value::Float(_) => visitor
                .visit_enum(UnitVariant { de: self })
                .map_err(|e: DeError| e.at(self.node.span)),
            Value::Map(entries) if entries.len() == 1 => {
                let (key, value) = &entries[0];
                visitor
                    .visit_enum(MapVariant {
                        key: NodeDe::new(key, self.src, None),
                        value: NodeDe::new(value, self.src, Some(key.span)),
                    })
                    .map_err(|e| e.at(self.anchor()))
            }
            _ => Err(self.wrong_type("one of the allowed values")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

fn check_duplicate_keys(entries: &[(Node, Node)]) -> Result<(), DeError> {
    // Small mappings (an element's fields): comparing each key with the ones before is
    // cheapest. Large ones (an id map, `x-` keys by the thousand): a set of the keys seen.
    const SMALL: usize = 16;
    let mut seen: std::collections::HashMap<&str, &Node> = std::collections::HashMap::new();
    for (i, (key, _)) in entries.iter().enumerate() {
        let Some(text) = key.as_str() else { continue };
        let first = if entries.len() <= SMALL {
            entries[..i]
                .iter()
                .find(|(k, _)| k.as_str() == Some(text))
                .map(|(k, _)| k)
        } else {
            match seen.entry(text) {
                std::collections::hash_map::Entry::Occupied(o) => Some(*o.get()),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(key);
                    None
                }
            }
        };
        if let Some(first) = first {
            let mut e = DeError::new(format!(
                "the key `{}` appears twice in this mapping",
                shorten(text)
            ))
            .with_help("remove one of them; YAML keeps only one value per key")
            .at(key.span);
            e.first = Some(first.span);
            return Err(e);
        }
    }
    Ok(())
}

/// Hands [`crate::syntax::Sp`] the span (start, length) and then the value.
struct SpannedDe<'a> {
    de: NodeDe<'a>,
    step: u8,
}

impl<'de> SeqAccess<'de> for SpannedDe<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.step += 1;
        let span = self.de.node.span;
        match self.step {
            1 => seed
                .deserialize(u64::from(span.start).into_deserializer())
                .map(Some),
            2 => seed
                .deserialize(u64::from(span.len).into_deserializer())
                .map(Some),
            3 => seed.deserialize(self.de).map(Some),
            _ => Ok(None),
        }
    }
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
    src: &'a str,
}

impl<'a> SeqDe<'a> {
    fn new(items: &'a [Node], src: &'a str) -> Self {
        SeqDe {
            items: items.iter(),
            src,
        }
    }
}

impl<'de> SeqAccess<'de> for SeqDe<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(item) => seed
                .deserialize(NodeDe::new(item, self.src, None))
                .map(Some)
                .map_err(|e| e.at(item.span)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    src: &'a str,
    /// In a mapping with fixed keys, `x-` keys are extensions: kept in the tree, not read here.
    skip_extensions: bool,
    current: Option<&'a (Node, Node)>,
}

impl<'a> MapDe<'a> {
    fn new(entries: &'a [(Node, Node)], src: &'a str, skip_extensions: bool) -> Self {
        MapDe {
            entries: entries.iter(),
            src,
            skip_extensions,
            current: None,
        }
    }
}

pub(crate) fn is_extension_key(key: &Node) -> bool {
    key.as_str().is_some_and(|k| k.starts_with("x-"))
}

impl<'de> MapAccess<'de> for MapDe<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        loop {
            let Some(entry) = self.entries.next() else {
                return Ok(None);
            };
            if self.skip_extensions && is_extension_key(&entry.0) {
                continue;
            }
            self.current = Some(entry);
            let key = &entry.0;
            if matches!(key.value, Value::Seq(_) | Value::Map(_) | Value::Null) {
                return Err(DeError::new("a key must be a plain word or text").at(key.span));
            }
            return seed
                .deserialize(NodeDe::new(key, self.src, None))
                .map(Some)
                .map_err(|e| e.at(key.span));
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, value) = self
            .current
            .take()
            .expect("serde asks for a value only after a key");
        let mut de = NodeDe::new(value, self.src, Some(key.span));
        de.key_name = key.as_str();
        seed.deserialize(de).map_err(|e| e.at(value.span))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct UnitVariant<'a> {
    de: NodeDe<'a>,
}

impl<'de, 'a> EnumAccess<'de> for UnitVariant<'a> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let value = seed.deserialize(self.de)?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant<'_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, DeError> {
        Err(self.de.wrong_type("a mapping"))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, DeError> {
        Err(self.de.wrong_type("a list"))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, DeError> {
        Err(self.de.wrong_type("a mapping"))
    }
}

struct MapVariant<'a> {
    key: NodeDe<'a>,
    value: NodeDe<'a>,
}

impl<'de, 'a> EnumAccess<'de> for MapVariant<'a> {
    type Error = DeError;
    type Variant = NodeDe<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, NodeDe<'a>), DeError> {
        let value = seed.deserialize(self.key)?;
        Ok((value, self.value))
    }
}

impl<'de> VariantAccess<'de> for NodeDe<'_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.node.value {
            Value::Null => Ok(()),
            _ => Err(self.wrong_type("nothing")),
        }
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_struct("", fields, visitor)
    }
}
