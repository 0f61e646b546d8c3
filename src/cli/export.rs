//! `gemmalint export archimate [PATH…] -o FILE`: the landscape as an ArchiMate exchange file
//! that Archi imports (File › Import › Open Exchange File), written atomically.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::import::absolute;
use super::{ConfigArgs, Done};
use crate::interchange::archimate::write::export;
use crate::model::{Kind, lexical};
use crate::text::{Problem, Sources};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub to: ExportTo,
}

#[derive(Debug, Subcommand)]
pub enum ExportTo {
    /// An ArchiMate Open Exchange file (ArchiMate 3.1), with the GEMMA references and every
    /// field as properties.
    Archimate(ExportFile),
}

#[derive(Debug, Args)]
pub struct ExportFile {
    /// Model files or directories (default: `model` in gemmalint.toml, else ./landscape).
    pub paths: Vec<PathBuf>,
    /// The exchange file to write.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// The model's name in the file (default: the landscape directory's name).
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

pub fn run(args: &ExportArgs) -> Done {
    let ExportTo::Archimate(args) = &args.to;
    let (outcome, cwd) = match super::checked(
        &args.paths,
        &args.config,
        None,
        crate::engine::BaselineChoice::No,
        "Nothing was exported",
    ) {
        Ok(checked) => checked,
        Err(done) => return done,
    };
    let target = absolute(&cwd, &args.output);
    let read_it = outcome
        .sources
        .iter()
        .any(|(_, f)| lexical(&outcome.root.join(&f.path)) == lexical(&target));
    if read_it {
        return problem(
            Problem::new(format!(
                "`{}` is a file of the landscape; export never writes over a file it read",
                args.output.display()
            ))
            .help("name a new file, such as landschap.xml"),
        );
    }
    let name = args.name.clone().unwrap_or_else(|| {
        outcome.root.file_name().map_or_else(
            || "Landschap".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let exported = export(&outcome.model, &name);
    if let Err(p) = replace(&target, &exported.xml) {
        return problem(p);
    }
    let mut text = format!(
        "Exported {} and {} relationships to {}.\n",
        Kind::ALL
            .iter()
            .filter_map(|k| exported.elements.get(k).map(|n| format!(
                "{n} {}",
                if *n == 1 {
                    k.noun().to_owned()
                } else {
                    k.nouns()
                }
            )))
            .collect::<Vec<_>>()
            .join(", "),
        exported.relationships,
        args.output.display()
    );
    if !exported.dangling.is_empty() {
        text.push_str(&format!(
            "Left out {} {} to elements that are not in the landscape (`gemmalint check` lists them).\n",
            exported.dangling.len(),
            if exported.dangling.len() == 1 { "reference" } else { "references" }
        ));
    }
    text.push_str("Open it in Archi with File › Import › Open Exchange File; `gemmalint import archimate` reads it back.\n");
    Done {
        stdout: text,
        code: 0,
    }
}

fn problem(p: Problem) -> Done {
    Done::problems(&Sources::default(), &[p])
}

/// Replaces (or makes) the file whole: a temporary file beside it, then renamed over it. A
/// symlink at the path is replaced, not followed; a device or pipe is written to.
fn replace(target: &std::path::Path, text: &str) -> Result<(), Problem> {
    if target.file_name().is_none() {
        return Err(Problem::new(format!(
            "`{}` names no file",
            target.display()
        )));
    }
    super::write::atomic(target, text.as_bytes()).map_err(|e| {
        Problem::new(format!("cannot write `{}`: {e}", target.display()))
            .help("give a path in a directory that exists and can be written")
    })
}
