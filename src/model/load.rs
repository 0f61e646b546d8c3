//! Reading the model files (in parallel) and turning them into typed elements, collecting
//! every problem of every file.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::paths::{display_path, inside_root};
use super::{Element, Kind, Model, with_kind};
use crate::syntax::{self, Node, Value, as_id, from_node_all, is_id};
use crate::text::{
    FileId, Language, Loc, Problem, SourceFile, Sources, Span, did_you_mean, read_file, shorten,
    timings,
};

/// Problems shown per file before "N more".
const MAX_PROBLEMS_PER_FILE: usize = 50;

/// What one file contributes.
#[derive(Default)]
struct FileParts {
    model: Model,
    problems: Vec<Problem>,
    /// Whether its top level names a collection (`applications:` …).
    has_collections: bool,
}

/// Reads the files into one model. Files that other files reference as `specification:` or
/// `publiccode:` are not model files and are left out, unless they hold collections.
pub fn load(files: &[PathBuf], root: &Path, sources: &mut Sources) -> (Model, Vec<Problem>) {
    let mut read = read_all(files, root, sources.next_id());
    let referenced: Vec<Referenced> = read
        .iter_mut()
        .flat_map(|(_, _, r)| std::mem::take(r))
        .collect();
    let mut naming: HashMap<&str, Vec<&Referenced>> = HashMap::new();
    for r in &referenced {
        naming.entry(r.path.as_str()).or_default().push(r);
    }
    let mut problems = Vec::new();
    let mut parts = Vec::with_capacity(read.len());
    for (file, part, _) in read {
        let named = naming.get(file.path.as_str());
        // A file that others name as `specification:` or `publiccode:` is not a model file,
        // unless it holds collections: then the reference is the mistake, and dropping the
        // file would silently drop its elements.
        if part.has_collections {
            problems.extend(
                named
                    .into_iter()
                    .flatten()
                    .map(|r| not_a_model_file(r, &file.path)),
            );
        }
        let is_model = part.has_collections || named.is_none();
        sources.add(file);
        if is_model {
            parts.push(part);
        }
    }
    let mut model = Model::default();
    model.reserve_for(parts.iter().map(|p| &p.model));
    for part in parts {
        problems.extend(at_most_per_file(part.problems));
        model.append(part.model);
    }
    let index = timings::phase("index", || model.build_index());
    problems.extend(index.into_iter().map(|(kind, id, first, again)| {
        Problem::new(format!("the {} id `{id}` is defined twice", kind.noun()))
            .at(again)
            .label("defined again here")
            .related(first, "first defined here")
            .help(format!(
                "ids are unique per kind; rename one of them or merge the two {}s",
                kind.noun()
            ))
    }));
    (model, problems)
}

/// One file read: its text, what it contributes, and the files it names.
type FileRead = (SourceFile, FileParts, Vec<Referenced>);

/// Reads, parses and types each file on one thread, its tree dropped there. The files get their
/// ids in order from `first`, so elements know their file before the results are gathered.
///
/// The largest files start first: one file is parsed by one thread, so a large file started
/// last (a `waivers.yaml` of every exception) would leave the other threads idle at the end.
fn read_all(files: &[PathBuf], root: &Path, first: FileId) -> Vec<FileRead> {
    let sizes: Vec<u64> = files
        .par_iter()
        .map(|path| std::fs::metadata(path).map_or(0, |m| m.len()))
        .collect();
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    // One file per job: files differ in cost, and a run of them on one thread could not be
    // stolen by an idle one.
    let mut read: Vec<(usize, FileRead)> = order
        .into_par_iter()
        .with_max_len(1)
        .map(|i| (i, read_one(i, &files[i], root, first)))
        .collect();
    read.sort_unstable_by_key(|(i, _)| *i);
    read.into_iter().map(|(_, r)| r).collect()
}

/// Reads, parses and types the `i`-th file.
fn read_one(i: usize, path: &Path, root: &Path, first: FileId) -> FileRead {
    let id = FileId(u32::try_from(first.0 as usize + i).expect("fewer than 4 billion files"));
    let (file, unreadable) = timings::share("read", || {
        read_file(path, display_path(path, root), Language::Yaml)
    });
    let mut parts = FileParts::default();
    if let Some(why) = unreadable {
        parts.problems.push(why.problem(id, &file.path));
        return (file, parts, Vec::new());
    }
    match timings::share("parse", || syntax::parse_yaml(&file)) {
        Ok(node) => {
            let referenced = referenced_files(&node, id);
            let mut parts = timings::share("model", || read_model_file(id, &file.text, &node));
            parts.has_collections = node.as_map().is_some_and(|m| {
                m.iter()
                    .any(|(k, _)| k.as_str().and_then(Kind::from_collection).is_some())
            });
            (file, parts, referenced)
        }
        Err(e) => {
            parts.problems.push(e.problem(id));
            (file, parts, Vec::new())
        }
    }
}

/// A model file named as `specification:` or `publiccode:`.
fn not_a_model_file(r: &Referenced, path: &str) -> Problem {
    let (what, instead) = if r.field == "specification" {
        ("specification", "OpenAPI or AsyncAPI")
    } else {
        ("publiccode.yml", "publiccode.yml")
    };
    Problem::new(format!("`{path}` is a model file, not a {what}"))
        .at(r.loc)
        .help(format!(
            "name the {instead} file in `{}:`; `{path}` holds elements of the landscape",
            r.field
        ))
}

/// A file's problems, at most [`MAX_PROBLEMS_PER_FILE`] and then "… and N more".
fn at_most_per_file(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS_PER_FILE {
        let more = problems.len() - MAX_PROBLEMS_PER_FILE;
        let loc = problems[MAX_PROBLEMS_PER_FILE].loc;
        problems.truncate(MAX_PROBLEMS_PER_FILE);
        let mut p = Problem::new(format!("… and {more} more problems in this file"));
        p.more = more;
        p.loc = loc.map(|l| Loc::new(l.file, Span::new(l.span.start as usize, 0)));
        problems.push(p);
    }
    problems
}

/// A file a model file names as `specification:` or `publiccode:`.
struct Referenced {
    /// As a display path.
    path: String,
    /// Where it is named.
    loc: Loc,
    field: &'static str,
}

/// Files named by `specification:` and `publiccode:`.
fn referenced_files(node: &Node, id: FileId) -> Vec<Referenced> {
    let mut out = Vec::new();
    for (collection, field) in [
        ("interfaces", "specification"),
        ("applications", "publiccode"),
    ] {
        let Some(elements) = node.get(collection).and_then(Node::as_map) else {
            continue;
        };
        for (_, element) in elements {
            if let Some(written) = element.get(field)
                && let Some(path) = written.as_str()
                && let Some(inside) = inside_root(path)
            {
                out.push(Referenced {
                    path: inside,
                    loc: Loc::new(id, written.span),
                    field,
                });
            }
        }
    }
    out
}

fn read_model_file(id: FileId, src: &str, node: &Node) -> FileParts {
    let mut parts = FileParts::default();
    let entries = match &node.value {
        Value::Null => return parts,
        Value::Map(entries) => entries,
        _ => {
            parts.problems.push(
                Problem::new(format!(
                    "the top level of a model file must be a mapping of collections, not {}",
                    node.describe()
                ))
                .at(Loc::new(id, Span::new(node.span.start as usize, 1)))
                .help("start the file with a collection key such as `applications:` and put the elements under it"),
            );
            return parts;
        }
    };
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for (key, value) in entries {
        match collection(id, key, value, &mut seen) {
            Ok(Some((kind, elements))) => {
                let (m, p) = (&mut parts.model, &mut parts.problems);
                with_kind!(m, kind, |mut list| read_elements(
                    id, src, elements, kind, list, p
                ));
            }
            Ok(None) => {}
            Err(problem) => parts.problems.push(problem),
        }
    }
    parts
}

/// A collection's kind and its elements, as written.
type Collection<'n> = (Kind, &'n [(Node, Node)]);

/// A top-level entry of a model file: a collection and its elements, nothing (an `x-` key, an
/// empty collection), or the problem with it.
fn collection<'n>(
    id: FileId,
    key: &'n Node,
    value: &'n Node,
    seen: &mut HashMap<&'n str, Span>,
) -> Result<Option<Collection<'n>>, Problem> {
    let Some(name) = key.as_str() else {
        return Err(Problem::new("a collection name must be text").at(Loc::new(id, key.span)));
    };
    if tree_is_extension(name) {
        return Ok(None);
    }
    if let Some(first) = seen.insert(name, key.span) {
        return Err(Problem::new(format!(
            "the collection `{name}` appears twice in this file"
        ))
        .at(Loc::new(id, key.span))
        .label("again here")
        .related(Loc::new(id, first), "first here")
        .help("merge the two into one"));
    }
    let Some(kind) = Kind::from_collection(name) else {
        let collections = Kind::ALL.map(Kind::collection);
        return Err(
            Problem::new(format!("unknown collection `{}`", shorten(name)))
                .at(Loc::new(id, key.span))
                .help(did_you_mean(name, collections).unwrap_or_else(|| {
                    format!(
                        "a model file holds these collections: {}; keys starting with `x-` are kept as extensions",
                        collections.join(", ")
                    )
                })),
        );
    };
    match &value.value {
        Value::Null => Ok(None),
        Value::Map(elements) => Ok(Some((kind, elements))),
        _ => {
            let span = if value.span.len > 0 {
                value.span
            } else {
                key.span
            };
            Err(Problem::new(format!(
                "`{name}` must map ids to elements, but holds {}",
                value.describe()
            ))
            .at(Loc::new(id, span))
            .help(format!(
                "write each element under its id: `{name}:` then `  my-id:` then its fields"
            )))
        }
    }
}

fn tree_is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

fn read_elements<T: DeserializeOwned>(
    file: FileId,
    src: &str,
    elements: &[(Node, Node)],
    kind: Kind,
    out: &mut Vec<Element<T>>,
    problems: &mut Vec<Problem>,
) {
    for (key, body) in elements {
        let id = key.key_text();
        // `x-` keys are extensions everywhere, in a collection too (`x-note: …` under
        // `applications:`); but an `x-` key with a mapping is an element (`x-ray: {name: …}`),
        // since ids may start with `x-`.
        if tree_is_extension(&id) && body.as_map().is_none() {
            continue;
        }
        if !is_id(&id) {
            let suggestion = as_id(&id);
            let help = if is_id(&suggestion) {
                format!(
                    "ids are lowercase kebab-case (a-z, 0-9 and -): did you mean `{suggestion}`?"
                )
            } else {
                "ids are lowercase kebab-case: letters a-z, digits and -, starting with a letter or digit".to_owned()
            };
            // A key that is no text (`~:`, `null:`) is shown as written.
            let written = if id.is_empty() {
                src.get(key.span.start as usize..key.span.end())
                    .filter(|w| !w.is_empty())
                    .unwrap_or("(empty)")
                    .to_owned()
            } else {
                id.clone()
            };
            problems.push(
                Problem::new(format!(
                    "`{}` is not a valid {} id",
                    shorten(&written),
                    kind.noun()
                ))
                .at(Loc::new(file, key.span))
                .help(help),
            );
            continue;
        }
        if !matches!(body.value, Value::Map(_)) {
            problems.push(
                Problem::new(format!(
                    "the {} `{id}` must be a mapping of its fields, not {}",
                    kind.noun(),
                    body.describe()
                ))
                .at(Loc::new(
                    file,
                    if body.span.len > 0 {
                        body.span
                    } else {
                        key.span
                    },
                ))
                .help("write its fields under the id, indented: `name: …`"),
            );
            continue;
        }
        match from_node_all::<T>(body, src, Some(key.span)) {
            Ok(value) => out.push(Element {
                id,
                id_span: key.span,
                file,
                body: value,
                extensions: extensions(body),
            }),
            Err(errors) => {
                for e in errors {
                    let mut problem = Problem::new(e.message)
                        .at(Loc::new(file, e.span.unwrap_or(key.span)))
                        .help_opt(e.help);
                    if let Some(first) = e.first {
                        problem = problem
                            .label("again here")
                            .related(Loc::new(file, first), "first here");
                    }
                    problems.push(problem);
                }
            }
        }
    }
}

fn extensions(body: &Node) -> BTreeMap<String, serde_json::Value> {
    body.as_map()
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| {
            let key = k.as_str()?;
            key.starts_with("x-").then(|| (key.to_owned(), v.to_json()))
        })
        .collect()
}
