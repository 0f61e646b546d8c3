//! YAML text → [`Node`], from the parser's event stream, with budgets against alias bombs and
//! deep nesting. This is the only module that names the YAML parser.

use foldhash::{HashMap, HashMapExt};

use granit_parser::{Event, Parser, ScalarStyle, ScanError};

mod fast;

use super::scalar::{self, Plain};
use super::{Node, Value};
use crate::text::{FileId, Loc, Problem, SourceFile, Span};

/// Model files need about 8 levels; 32 is plenty and keeps every tree shallow.
const MAX_DEPTH: usize = 32;
/// Documents the model points at (OpenAPI, publiccode.yml) nest inline schemas deeper.
const MAX_DOCUMENT_DEPTH: usize = 128;
/// Aliases a file may use, and values they may copy in all.
const MAX_ALIASES: usize = 1_000;
const MAX_ALIAS_NODES: usize = 100_000;

/// Why a YAML file could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
    /// Where the cause likely is, when it is not where the parser stopped (an unclosed `[`).
    pub cause: Option<(Span, String)>,
}

impl YamlError {
    /// The problem to report for a file that does not parse.
    pub fn problem(self, file: FileId) -> Problem {
        let problem = Problem::new(self.message)
            .help_opt(self.help)
            .at(Loc::new(file, self.span));
        match self.cause {
            Some((span, why)) => problem.related(Loc::new(file, span), why),
            None => problem,
        }
    }

    fn new(message: impl Into<String>, span: Span, help: &str) -> Self {
        YamlError {
            message: message.into(),
            span,
            help: Some(help.to_owned()),
            cause: None,
        }
    }
}

fn options(max_depth: usize) -> granit_parser::Options {
    let mut options = granit_parser::Options::default();
    options.flow_nesting_limit = max_depth + 1;
    options.block_nesting_limit = max_depth + 1;
    options.emit_comments = false;
    options
}

/// Parses one YAML document. An empty file (or one with only comments) is `Null`.
pub fn parse_yaml(file: &SourceFile) -> Result<Node, YamlError> {
    parse_with(file, MAX_DEPTH)
}

/// Parses a document the model points at (an OpenAPI document, in YAML or JSON; a
/// publiccode.yml), which may nest deeper than a model file.
pub fn parse_yaml_document(file: &SourceFile) -> Result<Node, YamlError> {
    parse_with(file, MAX_DOCUMENT_DEPTH)
}

fn parse_with(file: &SourceFile, max_depth: usize) -> Result<Node, YamlError> {
    let text = file.text.as_str();
    if let Some(node) = fast::parse(text, max_depth) {
        return Ok(node);
    }
    // Tabs are fine inside block scalars and JSON; only when the parser fails is a tab in the
    // indentation the likely cause, and the clearer thing to say.
    Builder::new(text, max_depth).build().map_err(|e| {
        if text.contains('\t')
            && let Some(problem) = tab_indentation(text, e.span.start as usize)
        {
            problem
        } else {
            e
        }
    })
}

/// YAML forbids tabs in indentation; the parser's message about it is hard to read. A tab
/// indenting the line where the parser failed, or a line next to it, is the likely cause; a
/// tab elsewhere (in a block scalar, say) is not.
fn tab_indentation(text: &str, error_at: usize) -> Option<YamlError> {
    let error_line = text[..error_at.min(text.len())].matches('\n').count();
    let mut offset = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        if number + 1 < error_line {
            offset += line.len();
            continue;
        }
        // The scanner may stop at the end of the line before the tab.
        if number > error_line + 1 {
            break;
        }
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            let rest = line[indent..].trim_end();
            // A tab before a comment or on a blank line is harmless.
            if !rest.is_empty() && !rest.starts_with('#') {
                return Some(YamlError::new(
                    "a tab is used for indentation; YAML indents with spaces only",
                    Span::new(offset + tab, 1),
                    "replace the tab with spaces (two per level is usual)",
                ));
            }
        }
        offset += line.len();
    }
    None
}

/// The anchors that aliases name, from a first pass over the events (only when the text may
/// hold both): an anchor nothing names costs no copy of its value.
fn aliased(text: &str, max_depth: usize) -> foldhash::HashSet<usize> {
    let mut aliased = foldhash::HashSet::default();
    if !may_alias(text) {
        return aliased;
    }
    for event in Parser::new_from_str_with_options(text, options(max_depth)) {
        match event {
            Ok((Event::Alias(id), _)) => {
                aliased.insert(id);
            }
            Ok(_) => {}
            // The real pass reports the error.
            Err(_) => break,
        }
    }
    aliased
}

/// Whether the text may hold an anchor and an alias: a `&` and a `*`, each followed by a
/// character an anchor's name may hold. `Wonen & Zorg` or a waiver's `application:*` is neither.
fn may_alias(text: &str) -> bool {
    let bytes = text.as_bytes();
    let named = |sign: u8| {
        memchr::memchr_iter(sign, bytes).any(|i| {
            bytes.get(i + 1).is_some_and(|b| {
                !matches!(
                    b,
                    b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}'
                )
            })
        })
    };
    named(b'&') && named(b'*')
}

/// A collection being built, with what it needs when it ends.
struct Open {
    node: Node,
    anchor: usize,
    /// A mapping's key, waiting for its value.
    key: Option<Node>,
}

struct Builder<'a> {
    text: &'a str,
    max_depth: usize,
    stack: Vec<Open>,
    anchors: HashMap<usize, Node>,
    /// The anchors some alias names: only those keep a copy of their value.
    aliased: foldhash::HashSet<usize>,
    aliases: usize,
    alias_nodes: usize,
    documents: usize,
    root: Option<Node>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, max_depth: usize) -> Self {
        Builder {
            text,
            max_depth,
            stack: Vec::new(),
            anchors: HashMap::new(),
            aliased: aliased(text, max_depth),
            aliases: 0,
            alias_nodes: 0,
            documents: 0,
            root: None,
        }
    }

    fn span(&self, span: &granit_parser::Span) -> Span {
        let start = self.offset(&span.start);
        let end = self.offset(&span.end).max(start);
        Span::new(start, end - start)
    }

    /// The byte offset of a marker (the parser gives one for text input).
    fn offset(&self, marker: &granit_parser::Marker) -> usize {
        marker.byte_offset().unwrap_or_else(|| {
            self.text
                .char_indices()
                .nth(marker.index())
                .map_or(self.text.len(), |(i, _)| i)
        })
    }

    fn build(mut self) -> Result<Node, YamlError> {
        for event in Parser::new_from_str_with_options(self.text, options(self.max_depth)) {
            let (event, span) = event.map_err(|e| self.scan_error(&e))?;
            let at = self.span(&span);
            match event {
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(YamlError::new(
                            "the file holds more than one YAML document (`---`)",
                            at,
                            "put each document in its own file",
                        ));
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let tag = tag
                        .as_deref()
                        .map(|t| (t.is_yaml_core_schema(), t.suffix().to_owned()));
                    let value = resolve(&value, style, tag.as_ref(), at)?;
                    self.add(Node { span: at, value }, anchor)?;
                }
                Event::SequenceStart(_, anchor, ref tag)
                | Event::MappingStart(_, anchor, ref tag) => {
                    let is_seq = matches!(event, Event::SequenceStart(..));
                    if let Some(t) = tag.as_deref() {
                        if !t.is_yaml_core_schema() {
                            return Err(unsupported_tag(at));
                        }
                        let fits = if is_seq { "seq" } else { "map" };
                        if t.suffix() != fits {
                            return Err(tag_does_not_fit(
                                t.suffix(),
                                if is_seq { "a list" } else { "a mapping" },
                                at,
                            ));
                        }
                    }
                    self.open(at, anchor, is_seq)?;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let open = self
                        .stack
                        .pop()
                        .expect("the parser balances start and end events");
                    self.add(open.node, open.anchor)?;
                }
                Event::Alias(id) => self.alias(id, at)?,
                _ => {}
            }
        }
        Ok(self.root.unwrap_or(Node {
            span: Span::default(),
            value: Value::Null,
        }))
    }

    /// A sequence or mapping starts: it is built on the stack, within the depth budget.
    fn open(&mut self, at: Span, anchor: usize, is_seq: bool) -> Result<(), YamlError> {
        if self.stack.len() >= self.max_depth {
            return Err(self.too_deep(Span::new(at.start as usize, 1)));
        }
        let value = if is_seq {
            Value::Seq(Vec::new())
        } else {
            Value::Map(Vec::new())
        };
        self.stack.push(Open {
            node: Node { span: at, value },
            anchor,
            key: None,
        });
        Ok(())
    }

    /// An alias: a copy of its anchor's value, placed where the alias is used, within the
    /// alias budget.
    fn alias(&mut self, id: usize, at: Span) -> Result<(), YamlError> {
        self.aliases += 1;
        let copied = self.anchors.get(&id).cloned();
        if copied.is_none() && self.stack.iter().any(|open| open.anchor == id) {
            return Err(YamlError::new(
                "a recursive alias: it stands inside the value its own anchor names",
                at,
                "a model value cannot contain itself: write the values out instead of the alias",
            ));
        }
        let Some(mut node) = copied else {
            return Err(YamlError::new(
                "an alias names no anchor",
                at,
                "define the anchor (`&name`) before the alias (`*name`)",
            ));
        };
        self.alias_nodes += count(&node);
        // What aliases may add grows with the file, never beyond a node per byte of it.
        let budget = MAX_ALIAS_NODES.max(self.text.len());
        if self.aliases > MAX_ALIASES.max(self.text.len() / 64) || self.alias_nodes > budget {
            return Err(YamlError::new(
                "the YAML uses too many aliases, or aliases that expand too far",
                at,
                "write the values out instead of repeating them through aliases",
            ));
        }
        node.span = at;
        self.add(node, 0)
    }

    /// Puts a finished node into its parent (or makes it the document), and remembers an anchored one.
    fn add(&mut self, node: Node, anchor: usize) -> Result<(), YamlError> {
        if anchor != 0 && self.aliased.contains(&anchor) {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(open) => match &mut open.node.value {
                Value::Seq(items) => items.push(node),
                Value::Map(entries) => match open.key.take() {
                    None => open.key = Some(node),
                    Some(key) => entries.push((key, node)),
                },
                _ => unreachable!("only collections are open"),
            },
        }
        Ok(())
    }

    fn too_deep(&self, at: Span) -> YamlError {
        let help = if self.max_depth == MAX_DEPTH {
            "a landscape model needs about 8 levels; flatten the structure"
        } else {
            "move deeply nested parts into `components` and refer to them with `$ref`"
        };
        YamlError::new(
            format!(
                "the YAML is nested more than {} levels deep",
                self.max_depth
            ),
            at,
            help,
        )
    }

    fn scan_error(&self, e: &ScanError) -> YamlError {
        let start = self.offset(e.marker());
        let len = self.text[start.min(self.text.len())..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        let info = e.info();
        let (message, help) = if info.contains("recursion limit") || info.contains("nesting") {
            return self.too_deep(Span::new(start, len));
        } else if info.contains("tab") {
            (
                format!("invalid YAML: {info}"),
                "YAML indents with spaces only; replace the tab",
            )
        } else if let Some(error) = self.unclosed_flow(start, len, &info) {
            return error;
        } else {
            (
                format!("invalid YAML: {info}"),
                "fix the YAML syntax here; your editor's YAML support shows the structure",
            )
        };
        YamlError::new(message, Span::new(start, len), help)
    }

    /// The parser stops where an unclosed `[` or `{` becomes impossible, often lines later (at
    /// the next `key:`). The open flow collection is the cause: name it, and say how to close it.
    fn unclosed_flow(&self, start: usize, len: usize, info: &str) -> Option<YamlError> {
        let open = self.stack.last()?.node.span.start as usize;
        let bracket = *self.text.as_bytes().get(open)?;
        let (close, what) = match bracket {
            b'[' => (']', "list"),
            b'{' => ('}', "mapping"),
            _ => return None,
        };
        let line = |at: usize| self.text[..at.min(self.text.len())].matches('\n').count() + 1;
        let opened_on = line(open);
        if opened_on == line(start) {
            return None;
        }
        Some(YamlError {
            message: format!(
                "invalid YAML: the `{}` on line {opened_on} is never closed ({info})",
                bracket as char
            ),
            span: Span::new(start, len),
            help: Some(format!(
                "end the {what} opened on line {opened_on} with `{close}`"
            )),
            cause: Some((
                Span::new(open, 1),
                format!("this `{}` is never closed", bracket as char),
            )),
        })
    }
}

/// Values in a subtree, for the alias budget.
fn count(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(count).sum(),
        Value::Map(entries) => entries.iter().map(|(k, v)| count(k) + count(v)).sum(),
        _ => 0,
    }
}

/// A core tag on a value it does not fit (`!!str` on a mapping, `!!int abc`).
fn tag_does_not_fit(tag: &str, found: &str, at: Span) -> YamlError {
    YamlError::new(
        format!("the tag `!!{tag}` does not fit {found}"),
        at,
        "remove the tag: model files use plain values (`!!str` keeps a scalar as text)",
    )
}

fn unsupported_tag(at: Span) -> YamlError {
    YamlError::new(
        "unsupported YAML tag",
        at,
        "model files use plain values; remove the tag (`!!str` is the only one that is useful: it keeps a value as text)",
    )
}

/// What a scalar is, by the YAML 1.2 core schema: quoted scalars are always text; a plain
/// scalar is null, a boolean (`true`/`false` only), a number, or else text.
fn resolve(
    text: &str,
    style: ScalarStyle,
    tag: Option<&(bool, String)>,
    at: Span,
) -> Result<Value, YamlError> {
    if let Some((core, suffix)) = tag {
        let value = plain(text);
        let fits = match (*core, suffix.as_str()) {
            (true, "str") => return Ok(Value::Str(text.to_owned())),
            (true, "null") => matches!(value, Value::Null),
            (true, "bool") => matches!(value, Value::Bool(_)),
            (true, "int") => matches!(value, Value::Int(_)),
            (true, "float") => matches!(value, Value::Float(_) | Value::Int(_)),
            (true, "map" | "seq") => false,
            _ => return Err(unsupported_tag(at)),
        };
        return if fits {
            Ok(value)
        } else {
            Err(tag_does_not_fit(
                suffix,
                &format!("`{}`", crate::text::shorten(text)),
                at,
            ))
        };
    }
    Ok(match style {
        ScalarStyle::Plain => plain(text),
        _ => Value::Str(text.to_owned()),
    })
}

fn plain(text: &str) -> Value {
    match scalar::plain(text) {
        Plain::Null => Value::Null,
        Plain::Bool(b) => Value::Bool(b),
        Plain::Int(i) => Value::Int(i),
        Plain::Float(f) => Value::Float(f),
        Plain::Str => Value::Str(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Language;

    fn parse(text: &str) -> Result<Node, YamlError> {
        parse_yaml(&SourceFile::new(
            "t.yaml".into(),
            text.into(),
            Language::Yaml,
        ))
    }

    #[test]
    fn only_a_named_sign_may_be_an_anchor_or_an_alias() {
        assert!(!may_alias("name: Wonen & Zorg\ntarget: application:*\n"));
        assert!(!may_alias("a: R&D\nb: [x, *]\n"));
        assert!(may_alias("a: &x 1\nb: *x\n"));
        assert!(may_alias("a: &x\n  k: 1\nb: [*x]\n"));
        let node = parse("a: &x 1\nb: *x\nc: Wonen & Zorg\n").unwrap();
        assert_eq!(node.get("b").unwrap().value, Value::Int(1));
    }

    #[test]
    fn spans_slice_back_to_the_text() {
        let text = "a:\n  b: \"Zaak ✓\"\n  c: 1.10\n  d: [x, 'y']\n";
        let node = parse(text).unwrap();
        let a = node.get("a").unwrap();
        let b = a.get("b").unwrap();
        assert_eq!(&text[b.span.start as usize..b.span.end()], "\"Zaak ✓\"");
        let c = a.get("c").unwrap();
        assert_eq!(&text[c.span.start as usize..c.span.end()], "1.10");
        let key = &a.as_map().unwrap()[1].0;
        assert_eq!(&text[key.span.start as usize..key.span.end()], "c");
        let Value::Seq(items) = &a.get("d").unwrap().value else {
            panic!()
        };
        assert_eq!(
            &text[items[1].span.start as usize..items[1].span.end()],
            "'y'"
        );
    }

    #[test]
    fn resolves_plain_scalars_by_the_core_schema() {
        let node = parse("a: yes\nb: true\nc: 12\nd: 1.5\ne: ~\nf: '12'\ng: 2026-12-31\nh: !!str 12\ni: 0x1f\nj: 1e3\n").unwrap();
        assert_eq!(node.get("a").unwrap().value, Value::Str("yes".into()));
        assert_eq!(node.get("b").unwrap().value, Value::Bool(true));
        assert_eq!(node.get("c").unwrap().value, Value::Int(12));
        assert_eq!(node.get("d").unwrap().value, Value::Float(1.5));
        assert_eq!(node.get("e").unwrap().value, Value::Null);
        assert_eq!(node.get("f").unwrap().value, Value::Str("12".into()));
        assert_eq!(
            node.get("g").unwrap().value,
            Value::Str("2026-12-31".into())
        );
        assert_eq!(node.get("h").unwrap().value, Value::Str("12".into()));
        assert_eq!(node.get("i").unwrap().value, Value::Int(31));
        assert_eq!(node.get("j").unwrap().value, Value::Float(1000.0));
    }

    #[test]
    fn keeps_duplicate_keys() {
        let node = parse("a: 1\na: 2\n").unwrap();
        assert_eq!(node.as_map().unwrap().len(), 2);
    }

    #[test]
    fn aliases_are_copied_to_where_they_are_used() {
        let text = "a: &x {b: 1}\nc: *x\n";
        let node = parse(text).unwrap();
        let c = node.get("c").unwrap();
        assert_eq!(c.get("b").unwrap().value, Value::Int(1));
        assert_eq!(&text[c.span.start as usize..c.span.end()], "*x");
    }

    #[test]
    fn empty_and_comment_only_files_are_null() {
        assert_eq!(parse("").unwrap().value, Value::Null);
        assert_eq!(parse("# nothing\n").unwrap().value, Value::Null);
    }

    #[test]
    fn rejects_hostile_input_with_a_position() {
        let e = parse(&("- ".repeat(20_000) + "x")).unwrap_err();
        assert!(e.message.contains("nested"), "{}", e.message);
        let e = parse(&"[".repeat(20_000)).unwrap_err();
        assert!(e.message.contains("nested"), "{}", e.message);
        let e = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(e.message.contains("tab"));
        assert_eq!(e.span.start, 3);
        // Tabs inside a block scalar, or as white space in JSON, are valid YAML.
        let n = parse("a: |\n  one\n  \ttwo\n").unwrap();
        assert_eq!(n.get("a").and_then(Node::as_str), Some("one\n\ttwo\n"));
        assert!(parse("{\n\t\"openapi\": \"3.0.3\"\n}\n").is_ok());
        // The scanner stops at the end of the line before a tab-indented one.
        let e = parse("applications:\n  x:\n    name: A\n\towner: b\n").unwrap_err();
        assert!(e.message.contains("tab"), "{}", e.message);
        assert_eq!(e.span.start, 31);
        // A tab far from where the parser fails is not blamed for it.
        let e = parse("a: [x}\nb: |\n  one\n  \ttwo\nc: {\n").unwrap_err();
        assert!(!e.message.contains("tab"), "{}", e.message);
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(", ")
            ));
        }
        let e = parse(&bomb).unwrap_err();
        assert!(e.message.contains("aliases"), "{}", e.message);
        let e = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(e.message.contains("more than one"));
        let e = parse("a: !custom 1\n").unwrap_err();
        assert!(e.message.contains("tag"));
    }
}
