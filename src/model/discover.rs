//! Finding the model files: directories walked recursively in sorted order, skipping hidden
//! files, what `.gitignore` ignores and the `exclude` globs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::paths::{display_path, lexical};
use crate::text::Problem;

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
    if paths.is_empty() {
        return (files, problems);
    }
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
