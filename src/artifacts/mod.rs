//! The artifacts layer: the files the model points at (`specification:`, `publiccode:`), read
//! once before any check runs, only inside the model root, never over the network. The text of
//! every file read is handed back, so findings can point into it.

mod openapi;
mod publiccode;

pub use openapi::{
    Content, Defect, Document, METHODS, Operation, Resolved, Specification, entry, scalar_text,
};
pub use publiccode::{Dependency, PcDefect, Publiccode};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::{FileCheck, Model, display_path, locate};
use crate::text::{FileId, SourceFile};

/// What a referenced path turned out to be.
#[derive(Clone, Debug)]
pub enum Found<T> {
    /// Inside the model root, and read.
    Read(T),
    /// A URL: recorded, never fetched.
    Url,
    /// Inside the root by name, but not there.
    Missing,
    /// Absolute, above the root through `..`, or out of it through a symlink: never opened.
    Outside,
}

/// The files the model points at, by the path as written.
#[derive(Debug, Default)]
pub struct Artifacts {
    specifications: HashMap<String, Found<Specification>>,
    publiccode: HashMap<String, Found<Publiccode>>,
}

/// Where a written reference leads, before anything is opened.
enum Place {
    Url,
    Missing,
    Outside,
    /// Inside the root: the real path, and the path as users see it.
    Inside(PathBuf, String),
}

/// A reference that is not read: where it leads instead.
fn located<T>(place: &Place) -> Found<T> {
    match place {
        Place::Url => Found::Url,
        Place::Missing => Found::Missing,
        Place::Outside | Place::Inside(..) => Found::Outside,
    }
}

/// Whether a reference is a URL (`https://…`, or any `scheme://`): recorded, never fetched.
pub fn is_url(written: &str) -> bool {
    let Some((scheme, _)) = written.trim().split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn place(root: &Path, written: &str) -> Place {
    if is_url(written) {
        return Place::Url;
    }
    // A directory or a pipe is there, but not a file: it is read as one and said so.
    match locate(root, written) {
        FileCheck::Outside => Place::Outside,
        FileCheck::Inside(full) if !full.exists() => Place::Missing,
        FileCheck::Missing => Place::Missing,
        FileCheck::Inside(full) => {
            let shown = display_path(&full, root);
            Place::Inside(full, shown)
        }
    }
}

/// The references of one field, each once, in sorted order (many interfaces may share one
/// document).
fn written<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut paths: Vec<&str> = paths.collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

impl Artifacts {
    /// Reads every referenced file once, in parallel. The files read get their ids in order
    /// from `first`, and are returned for the run's sources.
    pub fn read(model: &Model, root: &Path, first: FileId) -> (Artifacts, Vec<SourceFile>) {
        let specifications = written(
            model
                .interfaces
                .iter()
                .filter_map(|i| i.body.specification.as_ref())
                .map(|s| s.value.as_str()),
        );
        let publiccode = written(
            model
                .applications
                .iter()
                .filter_map(|a| a.body.publiccode.as_ref())
                .map(|p| p.value.as_str()),
        );
        let places: Vec<(bool, &str, Place)> = specifications
            .iter()
            .map(|&w| (true, w, place(root, w)))
            .chain(publiccode.iter().map(|&w| (false, w, place(root, w))))
            .collect();
        // Ids for the files that will be read, in order.
        let mut next = first.0;
        let ids: Vec<Option<FileId>> = places
            .iter()
            .map(|(_, _, p)| {
                matches!(p, Place::Inside(..)).then(|| {
                    next += 1;
                    FileId(next - 1)
                })
            })
            .collect();
        let read: Vec<Read> = places
            .par_iter()
            .zip(ids.par_iter())
            .map(|((is_spec, _, place), id)| match (place, id) {
                (Place::Inside(full, shown), Some(id)) if *is_spec => {
                    let (file, spec) = openapi::read(full, shown.clone(), *id);
                    Read::Specification(Found::Read(spec), Some(file))
                }
                (Place::Inside(full, shown), Some(id)) => {
                    let (file, pc) = publiccode::read(full, shown.clone(), *id);
                    Read::Publiccode(Found::Read(pc), Some(file))
                }
                (other, _) if *is_spec => Read::Specification(located(other), None),
                (other, _) => Read::Publiccode(located(other), None),
            })
            .collect();
        let mut artifacts = Artifacts::default();
        let mut files = Vec::new();
        for ((_, written, _), read) in places.iter().zip(read) {
            let file = match read {
                Read::Specification(found, file) => {
                    artifacts
                        .specifications
                        .insert((*written).to_owned(), found);
                    file
                }
                Read::Publiccode(found, file) => {
                    artifacts.publiccode.insert((*written).to_owned(), found);
                    file
                }
            };
            files.extend(file);
        }
        (artifacts, files)
    }

    /// The specification an interface names (as written), when it is one the model names.
    pub fn specification(&self, written: &str) -> Option<&Found<Specification>> {
        self.specifications.get(written)
    }

    /// The publiccode.yml an application names (as written).
    pub fn publiccode(&self, written: &str) -> Option<&Found<Publiccode>> {
        self.publiccode.get(written)
    }
}

/// One reference, looked up and (when inside the root) read.
enum Read {
    Specification(Found<Specification>, Option<SourceFile>),
    Publiccode(Found<Publiccode>, Option<SourceFile>),
}

/// Reads a referenced file within a size bound: its text (empty when it cannot be read) and
/// why it could not be read, if so.
fn read_bounded(
    path: &Path,
    shown: String,
    max_bytes: u64,
    language: crate::text::Language,
) -> (SourceFile, Option<String>) {
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > max_bytes
    {
        let why = format!(
            "it is {} KiB; gemmalint reads such files up to {} KiB",
            meta.len() / 1024,
            max_bytes / 1024
        );
        return (SourceFile::new(shown, String::new(), language), Some(why));
    }
    let (file, unreadable) = crate::text::read_file(path, shown, language);
    let why = unreadable.map(|u| u.message(&file.path));
    (file, why)
}

#[cfg(test)]
mod tests {
    use super::is_url;

    #[test]
    fn urls_are_recognised_by_their_scheme() {
        assert!(is_url(
            "https://vng-realisatie.github.io/gemma-zaken/api/zaken.yaml"
        ));
        assert!(is_url("HTTP://example.org/a.yaml"));
        assert!(is_url("ftp://example.org/a.yaml"));
        assert!(!is_url("specs/zaken-api.yaml"));
        assert!(!is_url("C:\\specs\\a.yaml"));
        assert!(!is_url("specs/a://b.yaml"));
    }
}
