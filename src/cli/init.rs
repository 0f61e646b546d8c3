//! `gemmalint init`: a new landscape repository — config, a starter landscape that passes, a
//! GitHub Actions workflow, a GitLab CI job, a pre-commit hook and a .gitignore. It checks every
//! file first and writes nothing if any of them exists.

use std::path::{Path, PathBuf};

use super::{Done, InitArgs};
use crate::output::{clean, human};
use crate::text::Problem;
use crate::text::Sources;

/// (path in the new repository, template).
const FILES: &[(&str, &str)] = &[
    (
        "gemmalint.toml",
        include_str!("../../templates/init/gemmalint.toml"),
    ),
    (
        "beleid/eigen-beleid.toml",
        include_str!("../../templates/init/eigen-beleid.toml"),
    ),
    (
        "landscape/organisatie.yaml",
        include_str!("../../templates/init/organisatie.yaml"),
    ),
    (
        "landscape/applicaties.yaml",
        include_str!("../../templates/init/applicaties.yaml"),
    ),
    (
        ".github/workflows/gemmalint.yml",
        include_str!("../../templates/init/github-workflow.yml"),
    ),
    (
        ".gitlab-ci.yml",
        include_str!("../../templates/init/gitlab-ci.yml"),
    ),
    (
        ".pre-commit-config.yaml",
        include_str!("../../templates/init/pre-commit-config.yaml"),
    ),
    (".gitignore", include_str!("../../templates/init/gitignore")),
];

/// The files `init` writes, with the name and repository filled in.
pub fn files(name: &str) -> Vec<(&'static str, String)> {
    // A name goes into YAML and TOML: keep it to one plain line.
    let name: String = name
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '\\')
        .collect();
    FILES
        .iter()
        .map(|(path, text)| {
            (
                *path,
                text.replace("{{name}}", name.trim())
                    .replace("{{repository}}", env!("CARGO_PKG_REPOSITORY")),
            )
        })
        .collect()
}

pub fn run(args: &InitArgs) -> Done {
    let cwd = std::env::current_dir().unwrap_or_default();
    let dir: PathBuf = match &args.dir {
        Some(d) if d.is_absolute() => d.clone(),
        Some(d) => cwd.join(d),
        None => cwd,
    };
    let files = files(&args.name);
    let refuse = |problem: Problem| Done {
        stdout: human::problem(&Sources::default(), &problem),
        code: 2,
    };
    if let Some(problem) = not_a_directory(&dir) {
        return refuse(problem);
    }
    let in_the_way: Vec<String> = files
        .iter()
        .flat_map(|(p, _)| in_the_way(&dir, p))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !in_the_way.is_empty() {
        let problem = Problem::new(format!(
            "init writes nothing, because {} already exist{}: {}",
            if in_the_way.len() == 1 {
                "this path"
            } else {
                "these paths"
            },
            if in_the_way.len() == 1 { "s" } else { "" },
            in_the_way
                .iter()
                .map(|p| format!("`{}`", clean(p)))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .help("run `gemmalint init` in an empty directory, or move these aside first (init never writes through a symlink or over a file)");
        return refuse(problem);
    }
    if let Err(e) = write_all_or_none(&dir, &files) {
        let problem = Problem::new(format!("cannot set up `{}`: {e}", dir.display()))
            .help("check that the directory can be written; nothing was left behind");
        return refuse(problem);
    }
    let mut text = format!("Set up a landscape repository in {}:\n", dir.display());
    for (path, _) in &files {
        text.push_str(&format!("  {path}\n"));
    }
    text.push_str(
        "\nNext: `gemmalint check` checks the starter landscape (it passes); add your applications under landscape/.\n",
    );
    Done {
        stdout: text,
        code: 0,
    }
}

/// The problem when the target exists and is not a directory (`gemmalint init afile`).
fn not_a_directory(dir: &Path) -> Option<Problem> {
    let meta = std::fs::metadata(dir).ok()?;
    (!meta.is_dir()).then(|| {
        Problem::new(format!(
            "`{}` is a file, not a directory",
            clean(&dir.display().to_string())
        ))
        .help("give `gemmalint init` a directory: an existing one, or a new one it creates")
    })
}

/// What stops `rel` being written inside `dir`: the file itself, or a parent that is a file or
/// a symlink (even a dangling one), shown relative to `dir`.
fn in_the_way(dir: &Path, rel: &str) -> Vec<String> {
    let mut out = Vec::new();
    let parts: Vec<&str> = rel.split('/').collect();
    let mut path = dir.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            break;
        };
        let last = i + 1 == parts.len();
        if last || meta.file_type().is_symlink() || !meta.is_dir() {
            out.push(parts[..=i].join("/"));
            break;
        }
    }
    out
}

/// Writes every file or none: each into a temporary file beside its place, then all renamed
/// into place; on any failure, what was placed and the directories made are removed again.
fn write_all_or_none(dir: &Path, files: &[(&str, String)]) -> std::io::Result<()> {
    let mut made_dirs: Vec<PathBuf> = Vec::new();
    let mut placed: Vec<PathBuf> = Vec::new();
    let result = (|| {
        let mut staged = Vec::new();
        for (rel, text) in files {
            let full = dir.join(rel);
            let parent = full.parent().unwrap_or(dir).to_path_buf();
            // Make the missing directories one by one, so exactly those can be removed again.
            let mut missing = Vec::new();
            let mut up = parent.as_path();
            while std::fs::symlink_metadata(up).is_err() {
                missing.push(up.to_path_buf());
                match up.parent() {
                    Some(p) => up = p,
                    None => break,
                }
            }
            for d in missing.into_iter().rev() {
                std::fs::create_dir(&d)?;
                made_dirs.push(d);
            }
            staged.push((super::write::staged(&parent, text.as_bytes(), 0o644)?, full));
        }
        for (tmp, full) in staged {
            // `persist_noclobber` never replaces a file that appeared in the meantime.
            tmp.persist_noclobber(&full).map_err(|e| e.error)?;
            placed.push(full);
        }
        Ok(())
    })();
    if result.is_err() {
        for f in placed.iter().rev() {
            let _ = std::fs::remove_file(f);
        }
        for d in made_dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
    result
}
