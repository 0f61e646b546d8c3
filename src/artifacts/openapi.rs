//! What a `specification:` file is — an OpenAPI 3 document, Swagger 2.0, AsyncAPI, a WSDL — read
//! with a span on every value, and the walks over an OpenAPI document that the rules share:
//! local `$ref`s resolved by JSON Pointer, never a remote one.

use std::path::Path;

use foldhash::{HashMap, HashMapExt};

use crate::syntax::{self, Node, Value};
use crate::text::{FileId, Language, SourceFile, Span};

/// Specifications larger than this are not read: the largest public Dutch ones are a few MiB.
const MAX_SPECIFICATION_BYTES: u64 = 16 * 1024 * 1024;
/// Chains of `$ref` to `$ref` longer than this are taken to be a cycle.
const MAX_REF_CHAIN: usize = 32;

/// A `specification:` file that was read.
#[derive(Clone, Debug)]
pub struct Specification {
    pub file: FileId,
    pub content: Content,
}

/// What the file turned out to be.
#[derive(Clone, Debug)]
pub enum Content {
    /// An OpenAPI 3 document.
    OpenApi(Document),
    /// A Swagger 2.0 document (`swagger: "2.0"`): the key.
    Swagger2 { at: Span },
    /// An AsyncAPI document (`asyncapi:`): the key.
    AsyncApi { at: Span },
    /// A WSDL (XML in the WSDL namespace).
    Wsdl,
    /// Not a usable document: why, and where.
    Unusable { defect: Defect, at: Span },
}

/// Why a specification is not a usable OpenAPI 3 document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Defect {
    /// The file cannot be read, or is not YAML or JSON: what the reader said.
    Unreadable(String),
    NotAMapping,
    NotVersion3(String),
    VersionNotText,
    NoVersion,
    NoInfo,
    InfoWithout(&'static str),
    NoPaths,
    /// XML, but not a WSDL.
    Xml,
}

impl Defect {
    /// Why, in a few words.
    pub fn reason(&self) -> String {
        match self {
            Defect::Unreadable(why) => why.clone(),
            Defect::NotAMapping => "the document is not a mapping of OpenAPI fields".into(),
            Defect::NotVersion3(v) => format!(
                "`openapi: {v}` is not an OpenAPI version 3.0, 3.1 or 3.2 (such as \"3.0.3\")"
            ),
            Defect::VersionNotText => "`openapi` must be a version text such as \"3.0.3\"".into(),
            Defect::NoVersion => "it has no `openapi` version".into(),
            Defect::NoInfo => "it has no `info`".into(),
            Defect::InfoWithout(key) => format!("`info` has no `{key}`"),
            Defect::NoPaths => "it has no `paths`".into(),
            Defect::Xml => "it is an XML document, not OpenAPI".into(),
        }
    }
}

/// An OpenAPI 3 document.
#[derive(Clone, Debug)]
pub struct Document {
    pub root: Node,
    /// `openapi` as written ("3.0.3").
    pub version: String,
    /// The keys of each large mapping (by the path of keys to it, joined with NUL): a
    /// document with thousands of schemas resolves each `$ref` to them without a scan.
    keys: HashMap<String, HashMap<String, usize>>,
}

/// A mapping with more entries than this is indexed.
const INDEXED: usize = 16;

/// The keys of every large mapping under `node`, whose path is `path`.
fn index_keys(node: &Node, path: &mut String, out: &mut HashMap<String, HashMap<String, usize>>) {
    let step = |path: &mut String,
                segment: &str,
                child: &Node,
                out: &mut HashMap<String, HashMap<String, usize>>| {
        if matches!(child.value, Value::Map(_) | Value::Seq(_)) {
            let len = path.len();
            path.push('\0');
            path.push_str(segment);
            index_keys(child, path, out);
            path.truncate(len);
        }
    };
    match &node.value {
        Value::Map(entries) => {
            if entries.len() > INDEXED {
                let mut keys = HashMap::with_capacity(entries.len());
                for (i, (k, _)) in entries.iter().enumerate() {
                    keys.entry(k.key_text()).or_insert(i);
                }
                out.insert(path.clone(), keys);
            }
            for (k, v) in entries {
                if matches!(v.value, Value::Map(_) | Value::Seq(_)) {
                    step(path, &k.key_text(), v, out);
                }
            }
        }
        Value::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                step(path, &i.to_string(), v, out);
            }
        }
        _ => {}
    }
}

/// A value that may be a `$ref`, looked up.
pub enum Resolved<'a> {
    /// The value itself, or the local target of its `$ref`.
    Here(&'a Node),
    /// A `$ref` to another file or a URL: not followed.
    External(&'a str),
    /// A local `$ref` whose target is not in the document.
    Broken,
}

/// The HTTP methods an OpenAPI path item can hold (3.2 adds `query`).
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// One operation of a path item.
pub struct Operation<'a> {
    /// The path key (`/zaken/{uuid}`).
    pub path: &'a Node,
    /// The path item (after a local `$ref`).
    pub item: &'a Node,
    /// The method key (`get`).
    pub method: &'a Node,
    pub operation: &'a Node,
}

pub(super) fn read(full: &Path, shown: String, id: FileId) -> (SourceFile, Specification) {
    let json = full
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let language = if json {
        Language::Other
    } else {
        Language::Yaml
    };
    let (file, why) = super::read_bounded(full, shown, MAX_SPECIFICATION_BYTES, language);
    let content = match why {
        Some(why) => Content::Unusable {
            defect: Defect::Unreadable(why),
            at: Span::default(),
        },
        None => classify(&file, json),
    };
    (file, Specification { file: id, content })
}

/// What a specification's text is.
fn classify(file: &SourceFile, json: bool) -> Content {
    let text = file.text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        let wsdl = [
            "schemas.xmlsoap.org/wsdl",
            "www.w3.org/ns/wsdl",
            ":definitions",
        ]
        .iter()
        .any(|mark| text.contains(mark));
        return if wsdl {
            Content::Wsdl
        } else {
            unusable(Defect::Xml, Span::default())
        };
    }
    // JSON's own parser says best what is wrong with a JSON file; the YAML reader then gives
    // every value its place.
    if json && let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&file.text) {
        let at = file.offset_of(e.line(), e.column());
        let text = e.to_string();
        let why = text.split(" at line ").next().unwrap_or(&text);
        return unusable(
            Defect::Unreadable(format!("invalid JSON: {why}")),
            Span::new(at, 0),
        );
    }
    match syntax::parse_yaml_document(file) {
        Ok(root) => shape(root, file),
        Err(e) => unusable(Defect::Unreadable(e.message), e.span),
    }
}

fn unusable(defect: Defect, at: Span) -> Content {
    Content::Unusable { defect, at }
}

/// The key and value of a mapping entry.
pub fn entry<'a>(node: &'a Node, key: &str) -> Option<(&'a Node, &'a Node)> {
    node.as_map()?
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(k, v)| (k, v))
}

/// A scalar as the document wrote it: `3.0` stays `3.0`, not the number 3.
pub fn scalar_text(node: &Node, file: &SourceFile) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(file.slice(node.span).to_owned()),
        _ => None,
    }
}

/// The place to point at for something the document as a whole lacks: its first key.
fn head(root: &Node) -> Span {
    root.as_map()
        .and_then(|m| m.first())
        .map_or(root.span, |(k, _)| k.span)
}

/// Whether the document has the parts every OpenAPI 3 document has.
fn shape(root: Node, file: &SourceFile) -> Content {
    if root.as_map().is_none() {
        return unusable(Defect::NotAMapping, root.span);
    }
    let version = match entry(&root, "openapi") {
        Some((_, v)) => match (&v.value, scalar_text(v, file)) {
            (Value::Bool(_), _) | (_, None) => return unusable(Defect::VersionNotText, v.span),
            (_, Some(text)) if is_openapi_3(&text) => text,
            (_, Some(text)) => return unusable(Defect::NotVersion3(text), v.span),
        },
        None => {
            if let Some((k, _)) = entry(&root, "swagger") {
                return Content::Swagger2 { at: k.span };
            }
            if let Some((k, _)) = entry(&root, "asyncapi") {
                return Content::AsyncApi { at: k.span };
            }
            return unusable(Defect::NoVersion, head(&root));
        }
    };
    let Some((info_key, info)) = entry(&root, "info") else {
        return unusable(Defect::NoInfo, head(&root));
    };
    for key in ["title", "version"] {
        if info.get(key).is_none() {
            return unusable(Defect::InfoWithout(key), info_key.span);
        }
    }
    if ["paths", "webhooks", "components"]
        .iter()
        .all(|k| root.get(k).is_none())
    {
        return unusable(Defect::NoPaths, head(&root));
    }
    let mut keys = HashMap::new();
    index_keys(&root, &mut String::new(), &mut keys);
    Content::OpenApi(Document {
        root,
        version,
        keys,
    })
}

impl Document {
    /// Follows a value's `$ref` (and the target's, up to a bound) inside this document.
    pub fn resolve<'a>(&'a self, node: &'a Node) -> Resolved<'a> {
        let mut at = node;
        for _ in 0..MAX_REF_CHAIN {
            let Some(reference) = at.get("$ref").and_then(Node::as_str) else {
                return Resolved::Here(at);
            };
            let Some(pointer) = reference.strip_prefix('#') else {
                return Resolved::External(reference);
            };
            match self.pointer(pointer) {
                Some(target) => at = target,
                None => return Resolved::Broken,
            }
        }
        Resolved::Broken
    }

    /// The value a JSON Pointer (`/components/schemas/Zaak`) names, with `~1` and `~0` undone.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        self.pointed(pointer).map(|(_, v)| v)
    }

    /// The value a JSON Pointer names, and the key it is under (none for a list item).
    fn pointed(&self, pointer: &str) -> Option<(Option<&Node>, &Node)> {
        let mut at = (None, &self.root);
        if pointer.is_empty() {
            return Some(at);
        }
        let mut path = String::new();
        for raw in pointer.strip_prefix('/')?.split('/') {
            let step = percent_decoded(raw).replace("~1", "/").replace("~0", "~");
            at = match &at.1.value {
                Value::Map(entries) => {
                    let i = match self.keys.get(&path) {
                        Some(keys) => *keys.get(&step)?,
                        None => entries.iter().position(|(k, _)| k.key_text() == step)?,
                    };
                    let (k, v) = &entries[i];
                    (Some(k), v)
                }
                Value::Seq(items) => (None, items.get(step.parse::<usize>().ok()?)?),
                _ => return None,
            };
            path.push('\0');
            path.push_str(&step);
        }
        Some(at)
    }

    /// Where the target of a local `$ref` lives: the key it is under (`Fout:` in
    /// `components.schemas`), after every `$ref` in the chain. `None` for a value that is no
    /// local `$ref`, or one whose target is not there.
    pub fn target_key(&self, node: &Node) -> Option<Span> {
        let mut at = node;
        let mut key = None;
        for _ in 0..MAX_REF_CHAIN {
            let Some(pointer) = at
                .get("$ref")
                .and_then(Node::as_str)
                .and_then(|r| r.strip_prefix('#'))
            else {
                return key;
            };
            let (k, v) = self.pointed(pointer)?;
            key = k.map(|k| k.span);
            at = v;
        }
        key
    }

    /// Every operation under `paths`, in document order.
    pub fn operations(&self) -> Vec<Operation<'_>> {
        let mut out = Vec::new();
        let Some(paths) = self.root.get("paths").and_then(Node::as_map) else {
            return out;
        };
        for (path, item) in paths {
            let Resolved::Here(item) = self.resolve(item) else {
                continue;
            };
            for (method, operation) in item.as_map().unwrap_or_default() {
                if method.as_str().is_some_and(|m| METHODS.contains(&m)) {
                    out.push(Operation {
                        path,
                        item,
                        method,
                        operation,
                    });
                }
            }
        }
        out
    }

    /// Every `$ref` value in the document, in document order.
    pub fn references(&self) -> Vec<&Node> {
        fn walk<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
            match &node.value {
                Value::Map(entries) => {
                    for (k, v) in entries {
                        if k.as_str() == Some("$ref") && v.as_str().is_some() {
                            out.push(v);
                        } else {
                            walk(v, out);
                        }
                    }
                }
                Value::Seq(items) => items.iter().for_each(|i| walk(i, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &mut out);
        out
    }
}

/// `%7B` → `{`, as JSON Pointers in URI fragments may be written.
fn percent_decoded(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An OpenAPI 3 version as documents write it: `3.0`, `3.1` or `3.2`, with a patch number
/// (`3.0.3`) and perhaps a pre-release (`3.1.0-rc0`).
fn is_openapi_3(text: &str) -> bool {
    let core = text.split(['-', '+']).next().unwrap_or(text);
    let parts: Vec<&str> = core.split('.').collect();
    matches!(parts.as_slice(), ["3", "0" | "1" | "2", rest @ ..] if rest.len() <= 1
        && rest.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openapi_versions_are_3_0_to_3_2() {
        for ok in ["3.0.0", "3.0.3", "3.1.0", "3.1", "3.2.0", "3.1.0-rc0"] {
            assert!(is_openapi_3(ok), "{ok}");
        }
        for wrong in ["3", "3.foo", "3.9.0", "3.0.x", "30.1", "3.0.0.1", "2.0"] {
            assert!(!is_openapi_3(wrong), "{wrong}");
        }
    }

    fn content(text: &str, json: bool) -> Content {
        let file = SourceFile::new("a.yaml".into(), text.into(), Language::Yaml);
        classify(&file, json)
    }

    #[test]
    fn tells_the_kinds_of_document_apart() {
        let ok = "openapi: 3.1.0\ninfo: {title: A, version: 1.0.0}\npaths: {}\n";
        assert!(matches!(content(ok, false), Content::OpenApi(d) if d.version == "3.1.0"));
        let float = "openapi: 3.0\ninfo: {title: A, version: 1.0.0}\npaths: {}\n";
        assert!(matches!(content(float, false), Content::OpenApi(d) if d.version == "3.0"));
        assert!(matches!(
            content("swagger: '2.0'\ninfo: {title: A, version: '1'}\n", false),
            Content::Swagger2 { .. }
        ));
        assert!(matches!(
            content("asyncapi: 2.6.0\n", false),
            Content::AsyncApi { .. }
        ));
        let wsdl = "<?xml version=\"1.0\"?>\n<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"/>\n";
        assert!(matches!(content(wsdl, false), Content::Wsdl));
        assert!(matches!(
            content("dit is geen openapi", false),
            Content::Unusable {
                defect: Defect::NotAMapping,
                ..
            }
        ));
        assert!(matches!(
            content("{\"openapi\": \"3.0.3\",}", true),
            Content::Unusable { defect: Defect::Unreadable(why), .. } if why.starts_with("invalid JSON")
        ));
    }

    #[test]
    fn survives_what_real_documents_hold() {
        // Unquoted dates, regexes with Unicode ranges, a space before the colon of `$ref`.
        let text = "openapi: 3.0.0\ninfo: {title: A, version: 1.0.0}\npaths:\n  /a:\n    get:\n      parameters:\n      - $ref : '#/components/parameters/p'\n      responses: {'200': {description: OK}}\ncomponents:\n  parameters:\n    p: {name: p, in: query, schema: {type: string, pattern: '^[À-ž\\p{L} ]+$', example: 2006-01-02}}\n";
        let Content::OpenApi(doc) = content(text, false) else {
            panic!("not read")
        };
        let ops = doc.operations();
        assert_eq!(ops.len(), 1);
        let p = &ops[0].operation.get("parameters").unwrap();
        let Value::Seq(items) = &p.value else {
            panic!()
        };
        assert!(
            matches!(doc.resolve(&items[0]), Resolved::Here(n) if n.get("name").and_then(Node::as_str) == Some("p"))
        );
    }

    #[test]
    fn json_pointers_unescape() {
        let text = "openapi: 3.0.0\ninfo: {title: A, version: 1.0.0}\npaths:\n  /a/{b}: {get: {responses: {}}}\n";
        let Content::OpenApi(doc) = content(text, false) else {
            panic!()
        };
        assert!(doc.pointer("/paths/~1a~1%7Bb%7D/get").is_some());
        assert!(doc.pointer("/paths/~1x").is_none());
    }
}
