//! `gemmalint import archimate|softwarecatalogus FILE -o DIR`: turns what a municipality already
//! has into model YAML in a new directory (or, with `--merge`, new files beside the old ones),
//! and says what it did. Every file is written whole or not at all, and never over another.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::Done;
use crate::interchange::landscape::{
    Assigned, Existing, Landscape, assign_ids, counts, file_name, render_kind,
};
use crate::interchange::summary::{self, Summary, Written};
use crate::interchange::{archimate, sha256, softwarecatalogus};
use crate::model::{self, LoadOptions};
use crate::reference::Reference;
use crate::text::{Language, Problem, Sources, read_file};

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub from: ImportFrom,
}

#[derive(Debug, Subcommand)]
pub enum ImportFrom {
    /// An ArchiMate model: an Open Exchange file (.xml, ArchiMate 3.x) or an Archi model (.archimate).
    Archimate(ImportFile),
    /// A GEMMA Softwarecatalogus export of applications ("export applicaties", CSV).
    Softwarecatalogus(ImportFile),
}

#[derive(Debug, Args)]
pub struct ImportFile {
    /// The file to import.
    pub file: PathBuf,
    /// The directory to write the landscape to: new or empty, unless --merge.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: PathBuf,
    /// Add to a directory that holds a landscape: new elements go to new files; no file that
    /// is there is rewritten, and elements already there are left as they are.
    #[arg(long)]
    pub merge: bool,
}

pub fn run(args: &ImportArgs) -> Done {
    let (file, archimate) = match &args.from {
        ImportFrom::Archimate(f) => (f, true),
        ImportFrom::Softwarecatalogus(f) => (f, false),
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let dir = absolute(&cwd, &file.output);
    let mut sources = Sources::default();
    let existing = match prepare(&dir, &file.output, file.merge, &mut sources) {
        Ok(e) => e,
        Err(problems) => return refused(&sources, &problems),
    };
    let reference = Reference::builtin();
    let source = absolute(&cwd, &file.file);
    let shown = file.file.display().to_string();
    let read = if archimate {
        read_archimate(&source, shown.clone(), &reference, &mut sources)
    } else {
        read_catalogue(&source, shown.clone(), &reference, &mut sources)
    };
    let (landscape, summary) = match read {
        Ok(done) => done,
        Err(problem) => return refused(&sources, &[problem]),
    };
    let ids = assign_ids(&landscape, &existing);
    match write_all(&dir, &landscape, &ids) {
        Ok((files, left_alone)) => Done {
            stdout: summary::render(
                &summary,
                &Written {
                    source: &shown,
                    dir: &file.output.display().to_string(),
                    counts: &counts(&landscape, &ids),
                    files: &files,
                    left_alone: &left_alone,
                },
            ),
            code: 0,
        },
        Err(problem) => refused(&sources, &[problem]),
    }
}

fn refused(sources: &Sources, problems: &[Problem]) -> Done {
    let mut done = Done::problems(sources, problems);
    done.stdout.push_str("Nothing was imported.\n");
    done
}

pub(crate) fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

/// The directory to write to: made when it is not there; empty, or for a merge a landscape
/// that loads without problems, whose elements are returned.
fn prepare(
    dir: &Path,
    shown: &Path,
    merge: bool,
    sources: &mut Sources,
) -> Result<Existing, Vec<Problem>> {
    let shown = shown.display().to_string();
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_none()) {
        // Made when there is something to write.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Existing::default()),
        Err(e) => Err(vec![
            Problem::new(format!("cannot use `{shown}` as the directory to write to: {e}"))
                .help("`-o` names a directory, new or empty"),
        ]),
        Ok(true) => Ok(Existing::default()),
        Ok(false) if !merge => Err(vec![
            Problem::new(format!("`{shown}` is not empty; an import writes into a new or empty directory"))
                .help(format!("to add what is new to the landscape in `{shown}` without rewriting any of its files, add `--merge`; or name another directory")),
        ]),
        Ok(false) => existing(dir, sources),
    }
}

/// The landscape already in the directory, for a merge.
fn existing(dir: &Path, sources: &mut Sources) -> Result<Existing, Vec<Problem>> {
    let options = LoadOptions {
        root: dir,
        exclude: &[],
    };
    let (files, mut problems) = model::discover(&[dir.to_path_buf()], &options);
    if files.is_empty() {
        return Ok(Existing::default());
    }
    let (model, loaded) = model::load(&files, dir, sources);
    problems.extend(loaded);
    if problems.is_empty() {
        Ok(Existing::of(&model))
    } else {
        problems.push(
            Problem::new(
                "the landscape in the directory has problems; a merge needs one that loads",
            )
            .help("fix the problems above (`gemmalint check` shows them), then import again"),
        );
        Err(problems)
    }
}

fn read_archimate(
    path: &Path,
    shown: String,
    reference: &Reference,
    sources: &mut Sources,
) -> Result<(Landscape, Summary), Problem> {
    let (file, unreadable) = archimate::read::read_source(path, shown);
    let id = sources.add(file);
    if let Some(problem) = unreadable {
        return Err(problem);
    }
    let file = sources.get(id);
    let parsed = archimate::read::parse(id, file)?;
    Ok(archimate::map(
        &parsed,
        file,
        reference,
        &sha256(&file.text),
    ))
}

fn read_catalogue(
    path: &Path,
    shown: String,
    reference: &Reference,
    sources: &mut Sources,
) -> Result<(Landscape, Summary), Problem> {
    let (file, unreadable) = read_file(path, shown, Language::Other);
    let id = sources.add(file);
    if let Some(why) = unreadable {
        return Err(why.problem(id, &sources.get(id).path));
    }
    let file = sources.get(id);
    softwarecatalogus::import(id, file, reference, &sha256(&file.text))
}

/// Writes one file per kind with new elements: under its own name, or beside a file of that
/// name that is already there (`applicaties-2.yaml`). Returns the files written and those left
/// alone.
fn write_all(
    dir: &Path,
    landscape: &Landscape,
    ids: &[Assigned],
) -> Result<(Vec<String>, Vec<String>), Problem> {
    let mut written = Vec::new();
    let mut left_alone = Vec::new();
    if ids.iter().any(|a| !a.existing) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Problem::new(format!(
                "cannot make the directory `{}`: {e}",
                dir.display()
            ))
            .help("give a directory that can be made and written")
        })?;
    }
    for kind in crate::interchange::KINDS {
        let Some(text) = render_kind(landscape, ids, kind) else {
            continue;
        };
        let base = file_name(kind);
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    format!("{base}.yaml")
                } else {
                    format!("{base}-{n}.yaml")
                }
            })
            .find(|name| std::fs::symlink_metadata(dir.join(name)).is_err())
            .expect("some numbered file name is free");
        if name != format!("{base}.yaml") {
            left_alone.push(format!("{base}.yaml"));
        }
        write_new(dir, &name, &text)?;
        written.push(name);
    }
    Ok((written, left_alone))
}

/// Writes a new file atomically: a temporary file in the same directory, then linked to its
/// name, which fails rather than replace anything (a file, or a symlink leading elsewhere).
pub(crate) fn write_new(dir: &Path, name: &str, text: &str) -> Result<(), Problem> {
    let target = dir.join(name);
    let cannot = |e: std::io::Error| {
        Problem::new(format!("cannot write `{}`: {e}", target.display()))
            .help("check that the directory can be written")
    };
    let temp = write_temporary(dir, name, text).map_err(cannot)?;
    let linked = std::fs::hard_link(&temp, &target);
    let result = match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(cannot(e)),
        // A file system without hard links: rename, after looking once more.
        Err(_) if std::fs::symlink_metadata(&target).is_err() => {
            return std::fs::rename(&temp, &target).map_err(cannot);
        }
        Err(e) => Err(cannot(e)),
    };
    let _ = std::fs::remove_file(&temp);
    result
}

/// Writes the text to a new temporary file beside `name` and returns its path.
pub(crate) fn write_temporary(dir: &Path, name: &str, text: &str) -> std::io::Result<PathBuf> {
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    Ok(temp)
}
