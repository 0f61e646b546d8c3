//! Finding the model files, reading them (in parallel) and turning them into typed elements,
//! collecting every problem of every file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::{Element, Kind, Model};
use crate::problem::{Problem, did_you_mean};
use crate::source::{FileId, Language, Loc, SourceFile, Sources, Span};
use crate::tree::{self, Node, Value, as_id, from_node, is_id};

/// Files larger than this are refused: a landscape is a few megabytes at most.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Stands for "the file being read" in a problem made before the file has its id.
pub const THIS_FILE: FileId = FileId(u32::MAX);
/// Problems shown per file before "N more".
const MAX_PROBLEMS_PER_FILE: usize = 50;

/// Where the model lives and what to leave out.
#[derive(Clone, Debug)]
pub struct LoadOptions<'a> {
    /// The model root: displayed paths are relative to it.
    pub root: &'a Path,
    /// Globs (relative to the root) of files to leave out.
    pub exclude: &'a [String],
}

/// The model files under the given paths: directories walked recursively in sorted order for
/// `*.yaml` / `*.yml`, skipping hidden files, what `.gitignore` ignores and the `exclude` globs.
/// A file reached twice is listed once.
pub fn discover(paths: &[PathBuf], options: &LoadOptions<'_>) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let overrides = match exclude_overrides(options) {
        Ok(o) => o,
        Err(p) => return (files, vec![p]),
    };
    for path in paths {
        if !path.exists() {
            problems.push(
                Problem::new(format!(
                    "`{}` does not exist",
                    display_path(path, options.root)
                ))
                .help("give a model file or a directory of model files"),
            );
            continue;
        }
        if path.is_file() {
            if seen.insert(lexical(path)) {
                files.push(path.clone());
            }
            continue;
        }
        // The exclude globs are relative to the root, so the walk must see paths under it as
        // the root is written: both made absolute, `./` and `..` resolved.
        let mut walk = ignore::WalkBuilder::new(lexical(path));
        walk.hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .require_git(false)
            .ignore(false)
            .parents(true)
            .follow_links(false)
            .overrides(overrides.clone())
            .sort_by_file_name(|a, b| a.cmp(b));
        let mut found = false;
        for entry in walk.build() {
            match entry {
                Ok(entry) => {
                    let p = entry.path();
                    let is_yaml = p
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| e == "yaml" || e == "yml");
                    if entry.file_type().is_some_and(|t| t.is_file()) && is_yaml {
                        found = true;
                        if seen.insert(lexical(p)) {
                            files.push(p.to_path_buf());
                        }
                    }
                }
                Err(e) => problems.push(Problem::new(format!(
                    "cannot read the model directory: {e}"
                ))),
            }
        }
        // A gate that checks nothing must not pass: an empty directory is a mistake in a path.
        if !found {
            problems.push(
                Problem::new(format!(
                    "`{}` holds no model files (`*.yaml` or `*.yml`)",
                    display_path(path, options.root)
                ))
                .help("name the directory that holds the landscape; hidden files, what `.gitignore` ignores and the `exclude` globs are left out"),
            );
        }
    }
    (files, problems)
}

fn exclude_overrides(options: &LoadOptions<'_>) -> Result<ignore::overrides::Override, Problem> {
    let mut builder = ignore::overrides::OverrideBuilder::new(lexical(options.root));
    for written in options.exclude {
        let glob = written;
        // `./landscape/oud/**` and `a/../landscape/oud/**` mean `landscape/oud/**`.
        let mut parts: Vec<&str> = Vec::new();
        for part in glob.split('/') {
            match part {
                "." | "" if !parts.is_empty() || part == "." => {}
                ".." if parts.last().is_some_and(|p| *p != "..") => {
                    parts.pop();
                }
                other => parts.push(other),
            }
        }
        let glob = parts.join("/");
        if glob.is_empty() || glob == "/" {
            return Err(Problem::new(format!(
                "the exclude pattern `{written}` names the whole model root"
            ))
            .help("exclude a directory or files under the root (`landscape/archief/**`)"));
        }
        builder.add(&format!("!{glob}")).map_err(|e| {
            Problem::new(format!(
                "the exclude pattern `{glob}` is not a valid glob: {e}"
            ))
        })?;
    }
    builder
        .build()
        .map_err(|e| Problem::new(format!("the exclude patterns are not valid: {e}")))
}

/// A path with `.` and `..` resolved by their names alone (symlinks are not followed).
pub fn lexical(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The path as users see it: relative to the root, with `/` separators.
pub fn display_path(path: &Path, root: &Path) -> String {
    let full = lexical(path);
    let root = lexical(root);
    let shown = full.strip_prefix(&root).map_or(full.as_path(), |p| p);
    let text = shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if shown.is_absolute() && !text.starts_with('/') && cfg!(unix) {
        format!("/{}", text.trim_start_matches('/'))
    } else {
        text
    }
}

/// Reads a file as UTF-8 text. A file that is not UTF-8 is kept (lossily) so its problem can
/// show where the bad bytes are; the problem's place names [`THIS_FILE`].
pub fn read_source(
    path: &Path,
    shown: String,
    language: Language,
) -> (SourceFile, Option<Problem>) {
    let bytes = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return (
                SourceFile::new(shown.clone(), String::new(), language),
                Some(Problem::new(format!(
                    "`{shown}` is {} MiB; model files larger than {} MiB are refused",
                    meta.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ))),
            );
        }
        _ => std::fs::read(path),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            return (
                SourceFile::new(shown.clone(), String::new(), language),
                Some(Problem::new(format!("cannot read `{shown}`: {e}"))),
            );
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(shown, text, language), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let problem = Problem::new("the file is not UTF-8 text")
                .at(Loc::new(THIS_FILE, Span::new(at, 1)))
                .label("this byte is not UTF-8")
                .help("save the file as UTF-8 (without a byte order mark is best)");
            (SourceFile::new(shown, text, language), Some(problem))
        }
    }
}

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
    // Each file is read, parsed and typed on one thread, its tree dropped there; the files get
    // their ids in order, so elements know their file before the results are gathered.
    let base = sources.len();
    let read: Vec<(SourceFile, FileParts, Vec<Referenced>)> = files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let id = FileId(u32::try_from(base + i).expect("fewer than 4 billion files"));
            let (file, problem) = read_source(path, display_path(path, root), Language::Yaml);
            let mut parts = FileParts::default();
            if let Some(mut problem) = problem {
                if let Some(loc) = &mut problem.loc {
                    loc.file = id;
                }
                parts.problems.push(problem);
                return (file, parts, Vec::new());
            }
            match tree::parse_yaml(&file) {
                Ok(node) => {
                    let referenced = referenced_files(&node, id);
                    let mut parts = read_model_file(id, &file.text, &node);
                    parts.has_collections = node.as_map().is_some_and(|m| {
                        m.iter()
                            .any(|(k, _)| k.as_str().and_then(Kind::from_collection).is_some())
                    });
                    (file, parts, referenced)
                }
                Err(e) => {
                    parts.problems.push(
                        Problem::new(e.message)
                            .help_opt(e.help)
                            .at(Loc::new(id, e.span)),
                    );
                    (file, parts, Vec::new())
                }
            }
        })
        .collect();

    // Files that others name as `specification:` or `publiccode:` are not model files, unless
    // they hold collections: then the reference is the mistake, and dropping the file would
    // silently drop its elements.
    let mut read = read;
    let referenced: Vec<Referenced> = read
        .iter_mut()
        .flat_map(|(_, _, r)| std::mem::take(r))
        .collect();
    let mut problems = Vec::new();
    let mut parts = Vec::with_capacity(read.len());
    for (file, part, _) in &read {
        let naming: Vec<&Referenced> = referenced.iter().filter(|r| r.path == file.path).collect();
        if naming.is_empty() {
            continue;
        }
        if part.has_collections {
            for r in naming {
                problems.push(
                    Problem::new(format!(
                        "`{}` is a model file, not a {}",
                        file.path,
                        if r.field == "specification" {
                            "specification"
                        } else {
                            "publiccode.yml"
                        }
                    ))
                    .at(r.loc)
                    .help(format!(
                        "name the {} file in `{}:`; `{}` holds elements of the landscape",
                        if r.field == "specification" {
                            "OpenAPI or AsyncAPI"
                        } else {
                            "publiccode.yml"
                        },
                        r.field,
                        file.path
                    )),
                );
            }
        }
    }
    let referenced: HashSet<&str> = referenced.iter().map(|r| r.path.as_str()).collect();
    let read: Vec<(SourceFile, FileParts)> = read.into_iter().map(|(f, p, _)| (f, p)).collect();
    for (file, part) in read {
        let is_model = part.has_collections || !referenced.contains(file.path.as_str());
        sources.add(file);
        if is_model {
            parts.push(part);
        }
    }

    let mut model = Model::default();
    for mut part in parts {
        if part.problems.len() > MAX_PROBLEMS_PER_FILE {
            let more = part.problems.len() - MAX_PROBLEMS_PER_FILE;
            let loc = part.problems[MAX_PROBLEMS_PER_FILE].loc;
            part.problems.truncate(MAX_PROBLEMS_PER_FILE);
            let mut p = Problem::new(format!("… and {more} more problems in this file"));
            p.more = more;
            p.loc = loc.map(|l| Loc::new(l.file, Span::new(l.span.start as usize, 0)));
            part.problems.push(p);
        }
        problems.extend(part.problems);
        model.owners.extend(part.model.owners);
        model
            .business_functions
            .extend(part.model.business_functions);
        model.applications.extend(part.model.applications);
        model.interfaces.extend(part.model.interfaces);
        model.data_objects.extend(part.model.data_objects);
        model.standards.extend(part.model.standards);
        model.waivers.extend(part.model.waivers);
    }
    for (kind, id, first, again) in model.build_index() {
        problems.push(
            Problem::new(format!("the {} id `{id}` is defined twice", kind.noun()))
                .at(again)
                .label("defined again here")
                .related(first, "first defined here")
                .help(format!(
                    "ids are unique per kind; rename one of them or merge the two {}s",
                    kind.noun()
                )),
        );
    }
    (model, problems)
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

/// A path written in the model as a display path, if it stays inside the model root by its
/// name alone (not absolute, never above the root through `..`).
pub fn inside_root(path: &str) -> Option<String> {
    let path = Path::new(path);
    if path.is_absolute() || path.has_root() {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
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
        let Some(name) = key.as_str() else {
            parts
                .problems
                .push(Problem::new("a collection name must be text").at(Loc::new(id, key.span)));
            continue;
        };
        if tree_is_extension(name) {
            continue;
        }
        if let Some(first) = seen.insert(name, key.span) {
            parts.problems.push(
                Problem::new(format!(
                    "the collection `{name}` appears twice in this file"
                ))
                .at(Loc::new(id, key.span))
                .label("again here")
                .related(Loc::new(id, first), "first here")
                .help("merge the two into one"),
            );
            continue;
        }
        let Some(kind) = Kind::from_collection(name) else {
            let collections = Kind::ALL.map(Kind::collection);
            parts.problems.push(
                Problem::new(format!("unknown collection `{}`", tree::shorten(name)))
                    .at(Loc::new(id, key.span))
                    .help(did_you_mean(name, collections).unwrap_or_else(|| {
                        format!(
                            "a model file holds these collections: {}; keys starting with `x-` are kept as extensions",
                            collections.join(", ")
                        )
                    })),
            );
            continue;
        };
        let elements = match &value.value {
            Value::Null => continue,
            Value::Map(elements) => elements,
            _ => {
                parts.problems.push(
                    Problem::new(format!(
                        "`{name}` must map ids to elements, but holds {}",
                        value.describe()
                    ))
                    .at(Loc::new(
                        id,
                        if value.span.len > 0 {
                            value.span
                        } else {
                            key.span
                        },
                    ))
                    .help(format!(
                        "write each element under its id: `{name}:` then `  my-id:` then its fields"
                    )),
                );
                continue;
            }
        };
        let m = &mut parts.model;
        let p = &mut parts.problems;
        match kind {
            Kind::Owner => read_elements(id, src, elements, kind, &mut m.owners, p),
            Kind::BusinessFunction => {
                read_elements(id, src, elements, kind, &mut m.business_functions, p)
            }
            Kind::Application => read_elements(id, src, elements, kind, &mut m.applications, p),
            Kind::Interface => read_elements(id, src, elements, kind, &mut m.interfaces, p),
            Kind::DataObject => read_elements(id, src, elements, kind, &mut m.data_objects, p),
            Kind::Standard => read_elements(id, src, elements, kind, &mut m.standards, p),
            Kind::Waiver => read_elements(id, src, elements, kind, &mut m.waivers, p),
        }
    }
    parts
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
            problems.push(
                Problem::new(format!(
                    "`{}` is not a valid {} id",
                    tree::shorten(&id),
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
        match from_node::<T>(body, src, Some(key.span)) {
            Ok(value) => out.push(Element {
                id,
                id_span: key.span,
                file,
                body: value,
                extensions: extensions(body),
            }),
            Err(e) => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_stay_inside_the_root_by_name() {
        assert_eq!(inside_root("specs/a.yaml").as_deref(), Some("specs/a.yaml"));
        assert_eq!(inside_root("./specs/../b.yaml").as_deref(), Some("b.yaml"));
        assert_eq!(inside_root("../b.yaml"), None);
        assert_eq!(inside_root("/etc/passwd"), None);
    }
}

/// Where a file the model references (`specification:`, `publiccode:`) is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileCheck {
    /// Inside the model root: its full path.
    Inside(PathBuf),
    /// Inside the root by name, but not there.
    Missing,
    /// Absolute, above the root through `..`, or out of it through a symlink: never opened.
    Outside,
}

/// Checks a referenced path against the model root without opening the file.
pub fn inside_root_file(root: &Path, written: &str) -> FileCheck {
    let Some(relative) = inside_root(written) else {
        return FileCheck::Outside;
    };
    let full = root.join(&relative);
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), full.canonicalize()) else {
        return FileCheck::Missing;
    };
    if !real.starts_with(&real_root) {
        return FileCheck::Outside;
    }
    if real.is_file() {
        FileCheck::Inside(real)
    } else {
        FileCheck::Missing
    }
}
