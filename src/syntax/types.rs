//! Field types that keep their place: [`Sp`] (a value and its span), [`OneOrMany`] (a list that
//! also takes a single value) and [`IdMap`] (id → element, in document order, duplicates kept).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};

use super::{ONE_OR_MANY, SPANNED};
use crate::text::Span;

/// The pattern of every id.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";

/// A value and the span of the YAML that wrote it.
#[derive(Clone, Debug, Default)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl<T> Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SpVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpVisitor<T> {
            type Value = Sp<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sp<T>, A::Error> {
                let missing = || de::Error::custom("internal: span without value");
                let start: u64 = seq.next_element()?.ok_or_else(missing)?;
                let len: u64 = seq.next_element()?.ok_or_else(missing)?;
                let value: T = seq.next_element()?.ok_or_else(missing)?;
                Ok(Sp {
                    value,
                    span: Span::new(start as usize, len as usize),
                })
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Sp<T>, D::Error> {
                // Another deserializer than ours: the value without a place.
                Ok(Sp {
                    value: T::deserialize(d)?,
                    span: Span::default(),
                })
            }
        }
        d.deserialize_newtype_struct(SPANNED, SpVisitor(PhantomData))
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A list that may also be written as its single value (`processing_register: VR-0042`).
#[derive(Clone, Debug, PartialEq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<T> Deref for OneOrMany<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a OneOrMany<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                Vec::<T>::deserialize(d).map(OneOrMany)
            }
        }
        d.deserialize_newtype_struct(ONE_OR_MANY, ListVisitor(PhantomData))
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        json_schema!({
            "anyOf": [item, { "type": "array", "items": item }]
        })
    }
}

/// id → value, in document order, every key with its span, duplicates kept for reporting.
#[derive(Clone, Debug)]
pub struct IdMap<V>(pub Vec<(Sp<String>, V)>);

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap(Vec::new())
    }
}

impl<V> IdMap<V> {
    pub fn iter(&self) -> impl Iterator<Item = (&Sp<String>, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for IdMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = IdMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from id to element")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(key) = map.next_key::<Sp<String>>()? {
                    let value = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(IdMap(entries))
            }
        }
        d.deserialize_map(MapVisitor(PhantomData))
    }
}

impl<V: Serialize> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&k.value, v)?;
        }
        map.end()
    }
}

impl<V: JsonSchema> JsonSchema for IdMap<V> {
    fn schema_name() -> Cow<'static, str> {
        format!("IdMap_{}", V::schema_name()).into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": { "pattern": ID_PATTERN },
            "additionalProperties": generator.subschema_for::<V>(),
        })
    }
}

/// Whether a text is a well-formed id.
pub fn is_id(text: &str) -> bool {
    let mut bytes = text.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
}

/// The id a malformed one was probably meant to be (`Zaak_Systeem` → `zaak-systeem`).
pub fn as_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{from_node, parse_yaml};
    use crate::text::{Language, SourceFile};

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Thing {
        name: Sp<String>,
        #[serde(default)]
        tags: OneOrMany<Sp<String>>,
        #[serde(default)]
        parts: IdMap<Sp<bool>>,
        count: Option<Sp<u32>>,
    }

    fn read(text: &str) -> Result<Thing, crate::syntax::DeError> {
        let file = SourceFile::new("t.yaml".into(), text.into(), Language::Yaml);
        let node = parse_yaml(&file).unwrap();
        from_node(&node, text, None)
    }

    #[test]
    fn reads_values_with_their_spans() {
        let text = "name: 1.10\ntags: solo\nparts: {a: true, b: false, x-note: 1}\nx-cmdb: 12\n";
        let thing = read(text).unwrap();
        assert_eq!(thing.name.value, "1.10");
        assert_eq!(
            &text[thing.name.span.start as usize..thing.name.span.end()],
            "1.10"
        );
        assert_eq!(thing.tags.len(), 1);
        assert_eq!(thing.parts.len(), 2, "`x-` keys are extensions, not ids");
        assert!(thing.count.is_none());
    }

    #[test]
    fn every_error_of_a_value_at_once() {
        let text = "name: [a]\nnmae: b\ncount: lots\nparts: {a: maybe}\n";
        let file = SourceFile::new("t.yaml".into(), text.into(), Language::Yaml);
        let node = parse_yaml(&file).unwrap();
        let errors = crate::syntax::from_node_all::<Thing>(&node, text, None).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[1].contains("nmae"), "{messages:?}");
        assert!(
            !messages.iter().any(|m| m.contains("missing")),
            "`name` was wrong, not missing: {messages:?}"
        );
        let fine = "name: ok\n";
        let file = SourceFile::new("t.yaml".into(), fine.into(), Language::Yaml);
        let node = parse_yaml(&file).unwrap();
        assert!(crate::syntax::from_node_all::<Thing>(&node, fine, None).is_ok());
    }

    #[test]
    fn every_wrong_value_of_a_list_at_once() {
        let text = "name: a\nparts: {a: true}\ncount: [1, x, y]\n";
        let file = SourceFile::new("t.yaml".into(), text.into(), Language::Yaml);
        let node = parse_yaml(&file).unwrap();
        let errors = crate::syntax::from_node_all::<Thing>(&node, text, None).unwrap_err();
        assert_eq!(
            errors.len(),
            1,
            "a list where one value belongs: {errors:?}"
        );

        #[derive(serde::Deserialize, Debug)]
        struct Counts {
            #[allow(dead_code, reason = "read for its errors")]
            counts: OneOrMany<Sp<u32>>,
        }
        let text = "counts: [1, x, 2, y]\n";
        let file = SourceFile::new("t.yaml".into(), text.into(), Language::Yaml);
        let node = parse_yaml(&file).unwrap();
        let errors = crate::syntax::from_node_all::<Counts>(&node, text, None).unwrap_err();
        let found: Vec<&str> = errors
            .iter()
            .map(|e| {
                let s = e.span.expect("placed");
                &text[s.start as usize..s.end()]
            })
            .collect();
        assert_eq!(found, ["x", "y"], "{errors:?}");
    }

    #[test]
    fn errors_point_at_the_value_and_suggest() {
        let text = "name: a\nnmae: b\n";
        let e = read(text).unwrap_err();
        assert_eq!(e.message, "unknown key `nmae`");
        assert_eq!(e.help.as_deref(), Some("did you mean `name`?"));
        assert_eq!(e.span, Some(Span::new(8, 4)));

        let e = read("name: a\ncount: lots\n").unwrap_err();
        assert_eq!(
            e.message,
            "expected a whole number for `count`, found `lots`"
        );
        assert_eq!(e.span, Some(Span::new(15, 4)));

        let e = read("name: a\nparts: {b: yes}\n").unwrap_err();
        assert!(e.message.contains("`true` or `false`"), "{}", e.message);

        let e = read("name: a\nname: b\n").unwrap_err();
        assert!(e.message.contains("appears twice"));
        assert_eq!(e.first, Some(Span::new(0, 4)));

        let e = read("name: a\nparts: {b: true, b: false}\n").unwrap_err();
        assert!(e.message.contains("`b` appears twice"), "{}", e.message);

        let e = read("name: true\n").unwrap_err();
        assert_eq!(
            e.help.as_deref(),
            Some("put it in quotes if you mean the text")
        );

        let e = read("tags: [a]\n").unwrap_err();
        assert_eq!(e.message, "the required key `name` is missing");
    }

    #[test]
    fn ids() {
        assert!(is_id("zaak-systeem-2"));
        assert!(!is_id("Zaak"));
        assert!(!is_id("-a"));
        assert!(!is_id(""));
        assert_eq!(as_id("Zaak_Systeem "), "zaak-systeem");
    }
}
