//! The NL API Design Rules (ADR 2.2.2, Logius, 2026-09-29) that can be checked on an OpenAPI
//! document, each under its own ADR id. They follow the Spectral ruleset that is appendix A of
//! the standard, with its known slips mended (see the card of `rest-api`). Runtime halves —
//! what a running API returns — and the functional rules are not checked here.

use std::collections::{BTreeMap, HashSet};

use crate::artifacts::{Document, Resolved, entry, scalar_text};
use crate::syntax::{Node, Value};
use crate::text::{SourceFile, Span};

/// One ADR rule: its id in ADR 2.2.2, its title there, and whether it is a MUST.
#[derive(Debug, PartialEq, Eq)]
pub struct AdrRule {
    pub id: &'static str,
    pub title: &'static str,
    /// MUST (a violation) or SHOULD (advice).
    pub must: bool,
    /// What to do, in one sentence.
    pub fix: &'static str,
}

macro_rules! adr {
    ($name:ident, $id:literal, $title:literal, $must:literal, $fix:literal) => {
        pub const $name: AdrRule = AdrRule {
            id: $id,
            title: $title,
            must: $must,
            fix: $fix,
        };
    };
}

adr!(
    DOC_OPENAPI,
    "/core/doc-openapi",
    "Use OpenAPI Specification for documentation",
    true,
    "make every local `$ref` point at a part of the document, and describe the API's `paths`"
);
adr!(
    PUBLISH_OPENAPI,
    "/core/publish-openapi",
    "Publish OAS document at a standard location in JSON-format",
    true,
    "make the document valid OpenAPI: `servers` with the API's URL, unique `operationId`s and tag names, every path parameter declared and used, server variables declared and used"
);
adr!(
    NO_TRAILING_SLASH,
    "/core/no-trailing-slash",
    "Leave off trailing slashes from URIs",
    true,
    "remove the slash at the end of the path"
);
adr!(
    KEBAB_CASE,
    "/core/path-segments-kebab-case",
    "Use kebab-case in path segments",
    true,
    "write path segments in lowercase letters, digits and hyphens (`/zaak-typen`), without file extensions"
);
adr!(
    CAMEL_CASE,
    "/core/query-keys-camel-case",
    "Use camelCase in query keys",
    true,
    "write query parameter names in lower camelCase (`geboorteDatum`), letters and digits only"
);
adr!(
    VERSION_HEADER,
    "/core/version-header",
    "Return the full version number in a response header",
    true,
    "declare the `API-Version` header in `headers` of every 2xx and 3xx response"
);
adr!(
    URI_VERSION,
    "/core/uri-version",
    "Include the major version number in the URI",
    true,
    "end the server URL with the major version (`https://api.example.nl/zaken/v1`), the major of `info.version`"
);
adr!(
    SEMVER,
    "/core/semver",
    "Adhere to the Semantic Versioning model when releasing API changes",
    true,
    "write `info.version` as MAJOR.MINOR.PATCH (`1.2.0`), quoted in YAML"
);
adr!(
    CONTACT,
    "/core/doc-openapi-contact",
    "Document contact information for publicly available APIs",
    false,
    "add `info.contact` with the `name`, `url` and `email` of the team that maintains the API"
);
adr!(
    PROBLEM_DETAILS,
    "/core/error-handling/problem-details",
    "Use problem details for error responses",
    true,
    "answer 4xx and 5xx responses with `application/problem+json` (RFC 9457) whose schema has `status`, `title` and `detail`"
);
adr!(
    INVALID_INPUT,
    "/core/error-handling/invalid-input",
    "Use status code 400 for invalid input",
    true,
    "document a `400` response for operations that take query parameters or a request body"
);
adr!(
    DATE_FORMAT,
    "/core/date-time/format",
    "Use standard format for date, datetime and time",
    true,
    "use `format: date-time` (with an offset) for a moment and `format: time-local` for a time of day"
);
adr!(
    DATE_ONLY,
    "/core/date-time/date-omit-time-portion",
    "Omit time portion for date fields",
    true,
    "give date fields `type: string` with `format: date`"
);
adr!(
    HTTP_METHODS,
    "/core/http-methods",
    "Only apply standard HTTP methods",
    true,
    "offer only `get`, `put`, `post`, `delete` and `patch` operations"
);
adr!(
    TLS,
    "/core/transport/tls",
    "Secure connections using TLS",
    true,
    "give the server URL with `https://`"
);

/// Every rule this module checks, in the order of the card.
pub const CHECKED: &[&AdrRule] = &[
    &DOC_OPENAPI,
    &PUBLISH_OPENAPI,
    &NO_TRAILING_SLASH,
    &KEBAB_CASE,
    &CAMEL_CASE,
    &VERSION_HEADER,
    &URI_VERSION,
    &SEMVER,
    &CONTACT,
    &PROBLEM_DETAILS,
    &INVALID_INPUT,
    &DATE_FORMAT,
    &DATE_ONLY,
    &HTTP_METHODS,
    &TLS,
];

/// One place where the document breaks an ADR rule, and what is wrong there (a label).
#[derive(Debug)]
pub struct Breach {
    pub rule: &'static AdrRule,
    pub at: Span,
    pub what: String,
}

/// The breaches of a document, by rule in the order of [`CHECKED`], each rule's in document
/// order and once per place.
pub fn check(doc: &Document, file: &SourceFile) -> Vec<(&'static AdrRule, Vec<Breach>)> {
    let mut all = Breaches::default();
    let ops = doc.operations();
    doc_openapi(doc, &mut all);
    servers(doc, file, &mut all);
    unique_names(doc, &ops, file, &mut all);
    path_parameters(doc, &mut all);
    paths(doc, &mut all);
    query_keys(doc, &ops, &mut all);
    responses(doc, &ops, &mut all);
    invalid_input(doc, &ops, &mut all);
    info(doc, file, &mut all);
    schemas(doc, &mut all);
    let mut by_rule: BTreeMap<usize, Vec<Breach>> = BTreeMap::new();
    for b in all.list {
        let order = CHECKED.iter().position(|r| *r == b.rule).unwrap_or(0);
        by_rule.entry(order).or_default().push(b);
    }
    by_rule
        .into_values()
        .map(|mut list| {
            list.sort_by_key(|b| b.at.start);
            (list[0].rule, list)
        })
        .collect()
}

/// Breaches found so far, at most one per rule and place.
#[derive(Default)]
struct Breaches {
    list: Vec<Breach>,
    seen: HashSet<(&'static str, u32)>,
}

impl Breaches {
    fn add(&mut self, rule: &'static AdrRule, at: Span, what: impl Into<String>) {
        if self.seen.insert((rule.id, at.start)) {
            self.list.push(Breach {
                rule,
                at,
                what: what.into(),
            });
        }
    }
}

fn seq(node: Option<&Node>) -> &[Node] {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items,
        _ => &[],
    }
}

fn map(node: Option<&Node>) -> &[(Node, Node)] {
    node.and_then(Node::as_map).unwrap_or_default()
}

/// The first key of the document: where to point for what the document as a whole lacks.
fn head(doc: &Document) -> Span {
    doc.root
        .as_map()
        .and_then(|m| m.first())
        .map_or(doc.root.span, |(k, _)| k.span)
}

/// `/core/doc-openapi`: every local `$ref` resolves, and the API has `paths`.
fn doc_openapi(doc: &Document, all: &mut Breaches) {
    for r in doc.references() {
        let Some(pointer) = r.as_str().and_then(|t| t.strip_prefix('#')) else {
            continue;
        };
        if doc.pointer(pointer).is_none() {
            all.add(
                &DOC_OPENAPI,
                r.span,
                "this `$ref` points at nothing in the document",
            );
        }
    }
    if doc.root.get("paths").is_none() {
        all.add(&DOC_OPENAPI, head(doc), "the document has no `paths`");
    }
}

/// Every `servers` list: the root's, each path item's and each operation's.
fn server_lists(doc: &Document) -> Vec<&Node> {
    let mut lists: Vec<&Node> = doc.root.get("servers").into_iter().collect();
    for (_, item) in map(doc.root.get("paths")) {
        lists.extend(item.get("servers"));
        for (_, op) in map(Some(item)) {
            lists.extend(op.get("servers"));
        }
    }
    lists
}

/// `/core/publish-openapi` (servers present, their variables valid), `/core/uri-version` and
/// `/core/transport/tls` on server URLs.
fn servers(doc: &Document, file: &SourceFile, all: &mut Breaches) {
    match entry(&doc.root, "servers") {
        None => all.add(
            &PUBLISH_OPENAPI,
            head(doc),
            "no `servers`: the document does not say where the API is",
        ),
        Some((k, v)) if seq(Some(v)).is_empty() => {
            all.add(&PUBLISH_OPENAPI, k.span, "`servers` is empty")
        }
        Some(_) => {}
    }
    let major = doc
        .root
        .get("info")
        .and_then(|i| i.get("version"))
        .and_then(|v| scalar_text(v, file))
        .and_then(|v| semver::Version::parse(v.trim()).ok())
        .map(|v| v.major);
    let root_servers = doc.root.get("servers").map(|s| s.span.start);
    for list in server_lists(doc) {
        for server in seq(Some(list)) {
            let Some(url_node) = server.get("url") else {
                continue;
            };
            let Some(url) = url_node.as_str() else {
                continue;
            };
            let url = server_variables(server, url, url_node.span, all);
            if url.to_ascii_lowercase().starts_with("http://") {
                all.add(&TLS, url_node.span, "`http://`: not over TLS");
            }
            if Some(list.span.start) == root_servers {
                uri_version(&url, major, url_node.span, all);
            }
        }
    }
}

/// Checks a server's variables and returns its URL with their defaults filled in.
fn server_variables(server: &Node, url: &str, at: Span, all: &mut Breaches) -> String {
    let variables = map(server.get("variables"));
    let mut filled = String::new();
    let mut rest = url;
    let mut used = Vec::new();
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        used.push(name.to_owned());
        match variables.iter().find(|(k, _)| k.as_str() == Some(name)) {
            Some((_, v)) => filled.push_str(v.get("default").and_then(Node::as_str).unwrap_or("")),
            None => all.add(
                &PUBLISH_OPENAPI,
                at,
                format!("the variable `{{{name}}}` is not declared in `variables`"),
            ),
        }
        rest = &rest[open + close + 1..];
    }
    filled.push_str(rest);
    for (k, v) in variables {
        let name = k.key_text();
        if !used.contains(&name) {
            all.add(
                &PUBLISH_OPENAPI,
                k.span,
                format!("the variable `{name}` is not used in the URL"),
            );
        }
        let default = v.get("default").and_then(Node::as_str);
        let allowed: Vec<&str> = seq(v.get("enum")).iter().filter_map(Node::as_str).collect();
        if let Some(d) = default
            && !allowed.is_empty()
            && !allowed.contains(&d)
        {
            all.add(
                &PUBLISH_OPENAPI,
                k.span,
                format!("the default `{d}` is not in its `enum`"),
            );
        }
    }
    filled
}

/// `/core/uri-version`: a path segment `v<major>`, the major of `info.version` (from 1 on).
fn uri_version(url: &str, major: Option<u64>, at: Span, all: &mut Breaches) {
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => url,
    };
    let versions: Vec<u64> = path
        .split('/')
        .filter_map(|s| s.strip_prefix('v').and_then(|d| d.parse().ok()))
        .collect();
    match (versions.last(), major) {
        (None, _) => all.add(&URI_VERSION, at, "no `/v<major>` in the server URL"),
        (Some(&v), Some(m)) if m >= 1 && v != m => all.add(
            &URI_VERSION,
            at,
            format!("`/v{v}` while `info.version` has major version {m}"),
        ),
        _ => {}
    }
}

/// `/core/publish-openapi`: `operationId`s and tag names are unique.
fn unique_names(
    doc: &Document,
    ops: &[crate::artifacts::Operation],
    file: &SourceFile,
    all: &mut Breaches,
) {
    let mut seen = HashSet::new();
    for op in ops {
        if let Some(id) = op.operation.get("operationId")
            && let Some(text) = scalar_text(id, file)
            && !seen.insert(text.clone())
        {
            all.add(
                &PUBLISH_OPENAPI,
                id.span,
                format!("`{text}` is the operationId of an earlier operation too"),
            );
        }
    }
    let mut tags = HashSet::new();
    for tag in seq(doc.root.get("tags")) {
        if let Some(name) = tag.get("name")
            && let Some(text) = scalar_text(name, file)
            && !tags.insert(text.clone())
        {
            all.add(
                &PUBLISH_OPENAPI,
                name.span,
                format!("the tag `{text}` is defined twice"),
            );
        }
    }
}

/// The path parameters a `parameters` list declares: name and the node of its name.
fn path_params<'a>(doc: &'a Document, list: Option<&'a Node>) -> Vec<(String, &'a Node)> {
    seq(list)
        .iter()
        .filter_map(|p| match doc.resolve(p) {
            Resolved::Here(p) if p.get("in").and_then(Node::as_str) == Some("path") => {
                let name = p.get("name")?;
                Some((name.as_str()?.to_owned(), name))
            }
            _ => None,
        })
        .collect()
}

/// `/core/publish-openapi`: each `{name}` in a path is declared as a path parameter, and each
/// declared path parameter is in the path.
fn path_parameters(doc: &Document, all: &mut Breaches) {
    for (path, item) in map(doc.root.get("paths")) {
        let Resolved::Here(item) = doc.resolve(item) else {
            continue;
        };
        let text = path.key_text();
        let templates: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect();
        let common = path_params(doc, item.get("parameters"));
        let ops = map(Some(item)).iter().filter(|(m, _)| {
            m.as_str()
                .is_some_and(|m| crate::artifacts::METHODS.contains(&m))
        });
        for (_, op) in ops {
            let own = path_params(doc, op.get("parameters"));
            for t in &templates {
                if !common.iter().chain(&own).any(|(n, _)| n == t) {
                    all.add(
                        &PUBLISH_OPENAPI,
                        path.span,
                        format!("`{{{t}}}` is not declared as a path parameter"),
                    );
                }
            }
            for (name, node) in common.iter().chain(&own) {
                if !templates.contains(&name.as_str()) {
                    all.add(
                        &PUBLISH_OPENAPI,
                        node.span,
                        format!("the path parameter `{name}` is not in the path"),
                    );
                }
            }
        }
    }
}

/// Whether a path's segments are kebab-case, as ADR 2.2.2's own pattern has it: lowercase
/// letters, digits and hyphens (and dots after the first segment), `{templates}`, and a last
/// segment that may start with `_`.
fn kebab_case(path: &str) -> bool {
    if path == "/" {
        return true;
    }
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    segments.iter().enumerate().all(|(i, s)| {
        let template = s.len() > 2
            && s.starts_with('{')
            && s.ends_with('}')
            && !s[1..s.len() - 1].contains('}');
        let operation = i == last
            && s.strip_prefix('_').is_some_and(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || (i == 0 && c.is_ascii_digit()))
            });
        let plain = !s.is_empty()
            && s.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (i > 0 && c == '.')
            });
        template || operation || plain
    })
}

/// `/core/no-trailing-slash`, `/core/path-segments-kebab-case` and `/core/http-methods` on the
/// path keys and their operations.
fn paths(doc: &Document, all: &mut Breaches) {
    for (path, item) in map(doc.root.get("paths")) {
        let text = path.key_text();
        if text.len() > 1 && text.ends_with('/') {
            all.add(
                &NO_TRAILING_SLASH,
                path.span,
                format!("`{text}` ends in a slash"),
            );
        }
        if !matches!(text.as_str(), "/openapi.json" | "/openapi.yaml") && !kebab_case(&text) {
            all.add(
                &KEBAB_CASE,
                path.span,
                format!("`{text}` is not kebab-case"),
            );
        }
        for (method, _) in map(Some(item)) {
            let m = method.key_text();
            if matches!(
                m.as_str(),
                "head" | "options" | "trace" | "query" | "additionalOperations"
            ) {
                all.add(
                    &HTTP_METHODS,
                    method.span,
                    format!("`{m}` is not one of get, put, post, delete and patch"),
                );
            }
        }
    }
}

/// Whether a query key is lower camelCase (a leading `$`, as in `$filter`, is allowed).
fn camel_case(name: &str) -> bool {
    let name = name.strip_prefix('$').unwrap_or(name);
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// `/core/query-keys-camel-case`: query parameters of every operation (and of its path item),
/// and API keys sent in the query.
fn query_keys(doc: &Document, ops: &[crate::artifacts::Operation], all: &mut Breaches) {
    let lists = ops
        .iter()
        .flat_map(|op| [op.item.get("parameters"), op.operation.get("parameters")]);
    let schemes = doc
        .root
        .get("components")
        .and_then(|c| c.get("securitySchemes"));
    let params = lists
        .flat_map(seq)
        .chain(map(schemes).iter().map(|(_, v)| v))
        .filter_map(|p| match doc.resolve(p) {
            Resolved::Here(p) => Some(p),
            _ => None,
        });
    for p in params {
        if p.get("in").and_then(Node::as_str) == Some("query")
            && let Some(name) = p.get("name")
            && let Some(text) = name.as_str()
            && !camel_case(text)
        {
            all.add(
                &CAMEL_CASE,
                name.span,
                format!("`{text}` is not lower camelCase"),
            );
        }
    }
}

/// A response status such as `200`, by its first digit.
fn status_class(key: &Node) -> Option<char> {
    let text = key.key_text();
    (text.len() == 3 && text.chars().all(|c| c.is_ascii_digit())).then(|| text.chars().next())?
}

/// `/core/version-header` and `/core/error-handling/problem-details` on each operation's
/// responses (and the responses they refer to, once).
fn responses(doc: &Document, ops: &[crate::artifacts::Operation], all: &mut Breaches) {
    for op in ops {
        for (status, response) in map(op.operation.get("responses")) {
            let Some(class) = status_class(status) else {
                continue;
            };
            let Resolved::Here(target) = doc.resolve(response) else {
                continue;
            };
            // A response another one refers to is reported once, where it is written.
            let at = doc.target_key(response).unwrap_or(status.span);
            let response = target;
            match class {
                '2' | '3' => version_header(response, at, all),
                '4' | '5' => problem_details(doc, response, all),
                _ => {}
            }
        }
    }
}

fn version_header(response: &Node, at: Span, all: &mut Breaches) {
    let declared = map(response.get("headers"))
        .iter()
        .any(|(k, _)| k.key_text().eq_ignore_ascii_case("api-version"));
    if !declared {
        all.add(&VERSION_HEADER, at, "no `API-Version` header");
    }
}

fn problem_details(doc: &Document, response: &Node, all: &mut Breaches) {
    let Some((key, content)) = entry(response, "content") else {
        return;
    };
    let media = map(Some(content));
    let problem: Vec<&Node> = media
        .iter()
        .filter(|(k, _)| {
            matches!(
                k.key_text().as_str(),
                "application/problem+json" | "application/problem+xml"
            )
        })
        .map(|(_, v)| v)
        .collect();
    if !media.is_empty() && problem.is_empty() {
        let types: Vec<String> = media
            .iter()
            .map(|(k, _)| format!("`{}`", k.key_text()))
            .collect();
        all.add(
            &PROBLEM_DETAILS,
            key.span,
            format!("an error answered with {}", types.join(", ")),
        );
    }
    for m in problem {
        let Some((schema_key, schema)) = entry(m, "schema") else {
            continue;
        };
        let Resolved::Here(target) = doc.resolve(schema) else {
            continue;
        };
        let Some(names) = property_names(doc, target) else {
            continue;
        };
        let lacking: Vec<&str> = ["status", "title", "detail"]
            .into_iter()
            .filter(|n| !names.iter().any(|have| have == n))
            .collect();
        if !names.is_empty() && !lacking.is_empty() {
            let at = doc.target_key(schema).unwrap_or(schema_key.span);
            all.add(
                &PROBLEM_DETAILS,
                at,
                format!("the problem schema has no `{}`", lacking.join("`, `")),
            );
        }
    }
}

/// The property names of a schema, through `allOf` and local `$ref`s; `None` when a part lies
/// in another document.
fn property_names(doc: &Document, schema: &Node) -> Option<Vec<String>> {
    let mut names: Vec<String> = map(schema.get("properties"))
        .iter()
        .map(|(k, _)| k.key_text())
        .collect();
    for part in seq(schema.get("allOf")) {
        match doc.resolve(part) {
            Resolved::Here(p) => names.extend(property_names(doc, p)?),
            Resolved::External(_) => return None,
            Resolved::Broken => {}
        }
    }
    Some(names)
}

/// `/core/error-handling/invalid-input`: operations that take input document a `400` — as the
/// rule's "how to test" has it, those that accept query parameters or a request body (every
/// `put`, `post` and `patch`).
fn invalid_input(doc: &Document, ops: &[crate::artifacts::Operation], all: &mut Breaches) {
    for op in ops {
        let method = op.method.key_text();
        let query = [op.item.get("parameters"), op.operation.get("parameters")]
            .into_iter()
            .flat_map(seq)
            .any(|p| match doc.resolve(p) {
                Resolved::Here(p) => p.get("in").and_then(Node::as_str) == Some("query"),
                _ => false,
            });
        let takes_input = match method.as_str() {
            "get" | "delete" => query || op.operation.get("requestBody").is_some(),
            "put" | "post" | "patch" => true,
            _ => false,
        };
        if !takes_input {
            continue;
        }
        let responses = entry(op.operation, "responses");
        let documented = map(responses.map(|(_, v)| v))
            .iter()
            .any(|(k, _)| matches!(k.key_text().as_str(), "400" | "4XX" | "4xx"));
        if !documented {
            let at = responses.map_or(op.method.span, |(k, _)| k.span);
            all.add(
                &INVALID_INPUT,
                at,
                format!("`{method}` takes input but documents no `400`"),
            );
        }
    }
}

/// `/core/semver` and `/core/doc-openapi-contact` on `info`.
fn info(doc: &Document, file: &SourceFile, all: &mut Breaches) {
    let Some((info_key, info)) = entry(&doc.root, "info") else {
        return;
    };
    if let Some(version) = info.get("version") {
        let text = scalar_text(version, file).unwrap_or_default();
        if semver::Version::parse(text.trim()).is_err() {
            all.add(
                &SEMVER,
                version.span,
                format!("`{text}` is not a semantic version"),
            );
        }
    }
    match entry(info, "contact") {
        None => all.add(&CONTACT, info_key.span, "no `contact`"),
        Some((k, contact)) => {
            let lacking: Vec<&str> = ["name", "url", "email"]
                .into_iter()
                .filter(|f| contact.get(f).is_none())
                .collect();
            if !lacking.is_empty() {
                all.add(
                    &CONTACT,
                    k.span,
                    format!("`contact` has no `{}`", lacking.join("`, `")),
                );
            }
        }
    }
}

/// Every schema in the document: the values of `schema` keys and of `components.schemas`.
fn schema_roots(doc: &Document) -> Vec<&Node> {
    fn walk<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
        match &node.value {
            Value::Map(entries) => {
                for (k, v) in entries {
                    if k.as_str() == Some("schema") && v.as_map().is_some() {
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
    let mut out: Vec<&Node> = doc
        .root
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .map(|(_, v)| v)
        .collect();
    walk(&doc.root, &mut out);
    out
}

/// `/core/date-time/format` and `/core/date-time/date-omit-time-portion` on every schema,
/// each physical schema once.
fn schemas(doc: &Document, all: &mut Breaches) {
    let mut seen = HashSet::new();
    let mut stack = schema_roots(doc);
    while let Some(node) = stack.pop() {
        let Resolved::Here(schema) = doc.resolve(node) else {
            continue;
        };
        if !seen.insert(schema.span.start) {
            continue;
        }
        if let Some(format) = schema.get("format") {
            match format.as_str() {
                Some("date-time-local") => all.add(
                    &DATE_FORMAT,
                    format.span,
                    "`date-time-local` has no offset: use `date-time`",
                ),
                Some("time") => all.add(&DATE_FORMAT, format.span, "a time of day is `time-local`"),
                _ => {}
            }
        }
        for (name, property) in map(schema.get("properties")) {
            date_property(doc, name, property, all);
            stack.push(property);
        }
        for key in ["items", "additionalProperties", "not"] {
            stack.extend(schema.get(key).filter(|n| n.as_map().is_some()));
        }
        for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            stack.extend(seq(schema.get(key)));
        }
    }
}

/// Whether a property name says it is a date, as the ADR's ruleset reads names (`datum`,
/// `geboorteDatum`, `start_date`) — but not a moment (`tijdstipDatumTijd`, `createdDateTime`).
fn names_a_date(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.contains("tijd") || lower.contains("time") {
        return false;
    }
    if matches!(name, "date" | "datum") {
        return true;
    }
    ["Date", "Datum", "_date", "_datum", "_Date", "_Datum"]
        .iter()
        .any(|w| {
            name.match_indices(w).any(|(i, _)| {
                let after_word = name[..i]
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                w.starts_with('_') || after_word
            })
        })
}

/// A date property has a `format`, and it is not `date-time`.
fn date_property(doc: &Document, name: &Node, property: &Node, all: &mut Breaches) {
    let text = name.key_text();
    if !names_a_date(&text) {
        return;
    }
    let Resolved::Here(schema) = doc.resolve(property) else {
        return;
    };
    let is_text = match schema.get("type").map(|t| &t.value) {
        None => true,
        Some(Value::Str(t)) => t == "string",
        Some(Value::Seq(ts)) => ts.iter().any(|t| t.as_str() == Some("string")),
        _ => false,
    };
    if !is_text {
        return;
    }
    let mut formats: Vec<&Node> = schema.get("format").into_iter().collect();
    for part in seq(schema.get("allOf")) {
        match doc.resolve(part) {
            Resolved::Here(p) => formats.extend(p.get("format")),
            _ => return,
        }
    }
    match formats.iter().find(|f| f.as_str() == Some("date-time")) {
        Some(f) => all.add(
            &DATE_ONLY,
            f.span,
            format!("`{text}` is a date, not a date-time"),
        ),
        None if formats.is_empty() => {
            all.add(&DATE_ONLY, name.span, format!("`{text}` has no `format`"))
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_follow_the_adr_pattern() {
        for ok in [
            "/",
            "/zaken",
            "/zaak-typen/{uuid}",
            "/zaken/{id}/_zoek",
            "/_zoek",
            "/v1/schema.json",
            "/zaken/",
        ] {
            assert!(kebab_case(ok), "{ok}");
        }
        for bad in [
            "/Zaken",
            "/laatsteWijziging",
            "/zaak_typen",
            "zaken",
            "/zaken//x",
            "/zaken/{id}/_Zoek",
        ] {
            assert!(!kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn query_keys_and_date_names() {
        assert!(camel_case("geboorteDatum") && camel_case("$filter") && camel_case("q"));
        assert!(!camel_case("geboorte__datum") && !camel_case("Naam") && !camel_case("page-size"));
        assert!(
            names_a_date("geboorteDatum") && names_a_date("datum") && names_a_date("start_date")
        );
        assert!(
            !names_a_date("einddatum")
                && !names_a_date("createdDateTime")
                && !names_a_date("update")
        );
    }
}
