//! Finding the model files: directories walked recursively in sorted order, skipping hidden
//! files, what `.gitignore` ignores and the `exclude` globs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::paths::{display_path, lexical};
use crate::text::Problem;

/// Why a symlink met in the walk is not followed.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Refused {
    Outside(PathBuf),
    Dangling,
}

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
    let (files, problems, _) = discover_placed(paths, options);
    (files, problems)
}

/// As [`discover`], with the files some problems are about that have no text to point into
/// (by the problem's position): a dangling symlink, a loop.
pub fn discover_placed(
    paths: &[PathBuf],
    options: &LoadOptions<'_>,
) -> (Vec<PathBuf>, Vec<Problem>, Vec<(usize, PathBuf)>) {
    let mut found = Found::default();
    if paths.is_empty() {
        return (found.files, found.problems, found.about);
    }
    let overrides = match exclude_overrides(options) {
        Ok(o) => o,
        Err(p) => return (found.files, vec![p], Vec::new()),
    };
    for path in paths {
        if !path.exists() {
            found.problems.push(
                Problem::new(format!(
                    "`{}` does not exist",
                    display_path(path, options.root)
                ))
                .help("give a model file or a directory of model files"),
            );
            continue;
        }
        if path.is_file() {
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            if matches!(extension.as_deref(), Some("yaml" | "yml" | "json")) {
                found.add(path);
            } else {
                let shown = display_path(path, options.root);
                let help = if extension.as_deref() == Some("toml") {
                    "a config or pack is not a model file: the config is found by itself (or named with `--config FILE`), packs by the config's `packs`"
                } else {
                    "give a model file (`.yaml`, `.yml`, or `.json`) or a directory of model files"
                };
                found.problems.push(
                    Problem::new(format!(
                        "`{shown}` is not a model file: model files are YAML or JSON"
                    ))
                    .help(help),
                );
            }
            continue;
        }
        // A gate that checks nothing must not pass: an empty directory is a mistake in a path.
        if !walk_dir(path, options, &overrides, &mut found) {
            found.problems.push(
                Problem::new(format!(
                    "`{}` holds no model files (`*.yaml` or `*.yml`)",
                    display_path(path, options.root)
                ))
                .help("name the directory that holds the landscape; hidden files, what `.gitignore` ignores and the `exclude` globs are left out"),
            );
        }
    }
    (found.files, found.problems, found.about)
}

/// The files found so far, each once by where it really is, and the problems met.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    /// Per problem, by its position: the file it is about that has no text to point into (a
    /// dangling symlink, a loop).
    about: Vec<(usize, PathBuf)>,
    seen: HashSet<PathBuf>,
}

impl Found {
    /// A file reached through a symlink too is one file.
    fn add(&mut self, path: &Path) {
        let real = path.canonicalize().unwrap_or_else(|_| lexical(path));
        if self.seen.insert(real) {
            self.files.push(path.to_path_buf());
        }
    }
}

/// Walks one directory for model files; whether it held any.
fn walk_dir(
    path: &Path,
    options: &LoadOptions<'_>,
    overrides: &ignore::overrides::Override,
    found: &mut Found,
) -> bool {
    // The exclude globs are relative to the root, so the walk must see paths under it as the
    // root is written: both made absolute, `./` and `..` resolved.
    let mut walk = ignore::WalkBuilder::new(lexical(path));
    // Symlinks are followed where they stay inside the directory given or the model root; the
    // others are reported, never read and never skipped in silence.
    let allowed: Vec<PathBuf> = [path, options.root]
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let refused: Arc<Mutex<Vec<(PathBuf, Refused)>>> = Arc::default();
    let refused_in_walk = Arc::clone(&refused);
    walk.filter_entry(move |entry| {
        if !entry.path_is_symlink() {
            return true;
        }
        let why = match entry.path().canonicalize() {
            Ok(real) if allowed.iter().any(|a| real.starts_with(a)) => return true,
            Ok(real) => Refused::Outside(real),
            Err(_) => Refused::Dangling,
        };
        refused_in_walk
            .lock()
            .expect("no thread panics while holding the list")
            .push((entry.path().to_path_buf(), why));
        false
    });
    walk.hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(false)
        .parents(true)
        .follow_links(true)
        .overrides(overrides.clone())
        .sort_by_file_name(|a, b| a.cmp(b));
    let mut any = false;
    for entry in walk.build() {
        match entry {
            Ok(entry) => {
                let p = entry.path();
                let is_yaml = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e == "yaml" || e == "yml");
                if entry.file_type().is_some_and(|t| t.is_file()) && is_yaml {
                    any = true;
                    found.add(p);
                }
            }
            Err(e) => {
                let (problem, about) = walk_problem(&e, options.root);
                if let Some(path) = about {
                    found.about.push((found.problems.len(), path));
                }
                found.problems.push(problem);
            }
        }
    }
    let mut refused = std::mem::take(
        &mut *refused
            .lock()
            .expect("the walk is over: nothing else holds the list"),
    );
    refused.sort();
    for (link, why) in refused {
        found.about.push((found.problems.len(), link.clone()));
        found
            .problems
            .push(refused_problem(&link, why, options.root));
    }
    any
}

fn refused_problem(link: &Path, why: Refused, root: &Path) -> Problem {
    let shown = display_path(link, root);
    match why {
        Refused::Outside(real) => Problem::new(format!(
            "`{shown}` is a symlink to `{}`, outside the model, so it is not read",
            display_path(&real, root)
        ))
        .help("keep model files inside the model root, or give that path on the command line (`gemmalint check PATH`)"),
        Refused::Dangling => Problem::new(format!(
            "`{shown}` is a symlink whose target does not exist"
        ))
        .help("remove the symlink, or point it at a model file inside the model root"),
    }
}

/// What went wrong in the walk, in the user's words: a dangling symlink, a symlink loop, or a
/// directory that cannot be read.
fn walk_problem(e: &ignore::Error, root: &Path) -> (Problem, Option<PathBuf>) {
    fn parts(e: &ignore::Error) -> (Option<&Path>, &ignore::Error) {
        match e {
            ignore::Error::WithPath { path, err } => (Some(path), parts(err).1),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                parts(err)
            }
            other => (None, other),
        }
    }
    let (path, inner) = parts(e);
    let shown = path.map(|p| display_path(p, root));
    match (inner, shown) {
        (ignore::Error::Loop { child, .. }, _) => (
            Problem::new(format!(
                "`{}` is a symlink back into a directory above it (a loop), so it is not followed",
                display_path(child, root)
            ))
            .help("remove the symlink; model directories are read once"),
            Some(child.clone()),
        ),
        (_, Some(shown)) if path.is_some_and(|p| p.is_symlink() && !p.exists()) => (
            Problem::new(format!(
                "`{shown}` is a symlink whose target does not exist"
            ))
            .help("remove the symlink, or point it at a model file inside the model root"),
            path.map(Path::to_path_buf),
        ),
        (_, Some(shown)) => (
            Problem::new(format!("cannot read `{shown}`: {inner}"))
                .help("check that the model directory and its files can be read"),
            None,
        ),
        (_, None) => (
            Problem::new(format!("cannot read the model directory: {inner}"))
                .help("check that the model directory and its files can be read"),
            None,
        ),
    }
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
