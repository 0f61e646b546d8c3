//! `gemmalint init`: a new landscape repository — config, a starter landscape that passes, a
//! GitHub Actions workflow, a GitLab CI job, a pre-commit hook and a .gitignore. It checks every
//! file first and writes nothing if any of them exists.

use std::path::PathBuf;

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
    let existing: Vec<&str> = files
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| dir.join(p).exists())
        .collect();
    if !existing.is_empty() {
        let problem = Problem::new(format!(
            "init writes nothing, because {} already exist{}: {}",
            if existing.len() == 1 {
                "this file"
            } else {
                "these files"
            },
            if existing.len() == 1 { "s" } else { "" },
            existing
                .iter()
                .map(|p| format!("`{}`", clean(p)))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .help("run `gemmalint init` in an empty directory, or move these files aside first");
        return Done {
            stdout: human::problem(&Sources::default(), &problem),
            code: 2,
        };
    }
    for (path, text) in &files {
        let full = dir.join(path);
        let written = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&full, text));
        if let Err(e) = written {
            let problem = Problem::new(format!("cannot write `{}`: {e}", full.display()))
                .help("check that the directory can be written");
            return Done {
                stdout: human::problem(&Sources::default(), &problem),
                code: 2,
            };
        }
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
