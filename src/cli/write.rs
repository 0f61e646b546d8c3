//! Writing an output file (`-o FILE`): atomically — a temporary file in the same directory,
//! then a rename, so a reader never sees half a report — and never onto a file the run read.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::engine::Outcome;
use crate::text::Problem;

/// The files a run read: model files, config, packs, catalogues, the baseline, and the files the
/// model points at (`specification:`, `publiccode:`).
fn inputs(outcome: &Outcome) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = outcome
        .sources
        .iter()
        .map(|(_, file)| outcome.root.join(&file.path))
        .collect();
    let model = &outcome.model;
    let referenced = model
        .applications
        .iter()
        .filter_map(|a| a.body.publiccode.as_ref())
        .chain(
            model
                .interfaces
                .iter()
                .filter_map(|i| i.body.specification.as_ref()),
        );
    out.extend(referenced.map(|p| outcome.root.join(&p.value)));
    out
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `text` to `path` (relative to `cwd`), atomically, unless the run read that file.
pub fn write_output(
    cwd: &Path,
    path: &Path,
    text: &str,
    outcome: Option<&Outcome>,
) -> Result<PathBuf, Problem> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let cannot = |why: String| {
        Problem::new(format!("cannot write `{}`: {why}", path.display()))
            .help("give a path in a directory that exists and can be written")
    };
    if path.exists()
        && outcome.is_some_and(|o| inputs(o).iter().any(|input| same_file(input, &path)))
    {
        return Err(Problem::new(format!(
            "will not write onto `{}`: the run read it as input",
            path.display()
        ))
        .help("choose another output file; gemmalint never overwrites its input"));
    }
    if path.is_dir() {
        return Err(cannot("it is a directory".into()));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(cwd);
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.gemmalint-{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, &path));
    match written {
        Ok(()) => Ok(path),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(cannot(e.to_string()))
        }
    }
}
