//! YAML text → [`Node`] through serde-saphyr, with budgets against alias bombs and deep nesting.
//! This is the only module that names serde-saphyr.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Node, Value};
use crate::source::{SourceFile, Span};

/// Model files need about 8 levels; 32 keeps every thread's stack safe (see crates.md).
const MAX_DEPTH: usize = 32;

/// Why a YAML file could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
        reject_unsupported_tags: true,
        // Duplicates are kept in the tree and reported by us, pointing at both.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_documents: 1,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_nodes: 5_000_000,
            max_events: 20_000_000,
        },
        alias_limits: serde_saphyr::alias_limits! { max_total_replayed_events: 100_000 },
    }
}

/// Parses one YAML document. An empty file (or one with only comments) is `Null`.
pub fn parse_yaml(file: &SourceFile) -> Result<Node, YamlError> {
    let text = file.text.as_str();
    if let Some(problem) = tab_indentation(file) {
        return Err(problem);
    }
    serde_saphyr::from_str_with_options::<SaphyrNode>(text, options())
        .map(|n| n.0)
        .map_err(|e| convert(file, &e))
}

/// YAML forbids tabs in indentation; the parser's message about it is hard to read.
fn tab_indentation(file: &SourceFile) -> Option<YamlError> {
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            let rest = line[indent..].trim_end();
            // A tab before a comment or on a blank line is harmless.
            if !rest.is_empty() && !rest.starts_with('#') {
                return Some(YamlError {
                    message: "a tab is used for indentation; YAML indents with spaces only".into(),
                    span: Span::new(offset + tab, 1),
                    help: Some("replace the tab with spaces (two per level is usual)".into()),
                });
            }
        }
        offset += line.len();
    }
    None
}

struct NoLocationSuffix;

impl serde_saphyr::Localizer for NoLocationSuffix {
    fn attach_location<'b>(&self, base: Cow<'b, str>, _: serde_saphyr::Location) -> Cow<'b, str> {
        base
    }
}

fn convert(file: &SourceFile, e: &serde_saphyr::Error) -> YamlError {
    let span = e.location().map_or(Span::new(0, 0), |loc| {
        let start = file.offset_of(loc.line() as usize, loc.column() as usize);
        let len = loc.span().byte_len().map_or(0, |l| l as usize);
        let len = if start + len <= file.text.len() && file.text.is_char_boundary(start + len) {
            len
        } else {
            0
        };
        Span::new(start, len)
    });
    let (message, help) = match e {
        serde_saphyr::Error::Budget { breach, .. } => budget_message(breach),
        _ => {
            let formatter = serde_saphyr::UserMessageFormatter.with_localizer(&NoLocationSuffix);
            let message = e.render_with_formatter(&formatter);
            (
                format!("invalid YAML: {message}"),
                Some("fix the YAML syntax here; a YAML linter or your editor's YAML support shows the structure".to_owned()),
            )
        }
    };
    YamlError {
        message,
        span,
        help,
    }
}

fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> (String, Option<String>) {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { .. } => (
            format!("the YAML is nested more than {MAX_DEPTH} levels deep"),
            Some("a landscape model needs about 8 levels; flatten the structure".into()),
        ),
        B::Aliases { .. } | B::Anchors { .. } | B::AliasAnchorRatio { .. } => (
            "the YAML uses too many anchors or aliases".into(),
            Some("write the values out instead of repeating them through aliases".into()),
        ),
        B::Documents { .. } => (
            "the file holds more than one YAML document (`---`)".into(),
            Some("put each document in its own file".into()),
        ),
        other => (
            format!("the YAML is too large or expands too far through aliases ({other:?})"),
            Some(
                "split the file, and write values out instead of repeating them through aliases"
                    .into(),
            ),
        ),
    }
}

// --- Node from serde-saphyr: every value through `Spanned` for its byte span. ---

/// A [`Node`] read by serde-saphyr.
struct SaphyrNode(Node);

impl<'de> Deserialize<'de> for SaphyrNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<SaphyrValue>::deserialize(d)?;
        let span = spanned.referenced.span();
        let span = match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) => Span::new(start as usize, len as usize),
            _ => Span::new(span.offset() as usize, 0),
        };
        Ok(SaphyrNode(Node {
            span,
            value: spanned.value.0,
        }))
    }
}

struct SaphyrValue(Value);

impl<'de> Deserialize<'de> for SaphyrValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor).map(SaphyrValue)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Value, E> {
        i128::try_from(v)
            .map(Value::Int)
            .map_err(|_| E::custom("number too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Value, E> {
        String::from_utf8(v.to_vec())
            .map(Value::Str)
            .map_err(|_| E::custom("binary data is not supported"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<SaphyrNode>()? {
            items.push(item.0);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(key) = map.next_key::<SaphyrNode>()? {
            let value = map.next_value::<SaphyrNode>()?;
            entries.push((key.0, value.0));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Language;

    fn parse(text: &str) -> Result<Node, YamlError> {
        parse_yaml(&SourceFile::new(
            "t.yaml".into(),
            text.into(),
            Language::Yaml,
        ))
    }

    #[test]
    fn spans_slice_back_to_the_text() {
        let text = "a:\n  b: \"Zaak ✓\"\n  c: 1.10\n";
        let node = parse(text).unwrap();
        let a = node.get("a").unwrap();
        let b = a.get("b").unwrap();
        assert_eq!(&text[b.span.start as usize..b.span.end()], "\"Zaak ✓\"");
        let c = a.get("c").unwrap();
        assert_eq!(&text[c.span.start as usize..c.span.end()], "1.10");
    }

    #[test]
    fn keeps_duplicate_keys() {
        let node = parse("a: 1\na: 2\n").unwrap();
        assert_eq!(node.as_map().unwrap().len(), 2);
    }

    #[test]
    fn empty_and_comment_only_files_are_null() {
        assert_eq!(parse("").unwrap().value, Value::Null);
        assert_eq!(parse("# nothing\n").unwrap().value, Value::Null);
    }

    #[test]
    fn rejects_hostile_input_with_a_position() {
        let deep = "- ".repeat(20_000) + "x";
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nested"), "{}", e.message);
        let e = parse(&"[".repeat(20_000)).unwrap_err();
        assert!(!e.message.is_empty());
        let e = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(e.message.contains("tab"));
        assert_eq!(e.span.start, 3);
    }
}
