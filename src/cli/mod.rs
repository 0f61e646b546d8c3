//! The command line, declared once: help, the man page and shell completions come from here.

pub mod baseline;
pub mod check;
pub mod completions;
pub mod explain;
pub mod export;
pub mod gemma;
pub mod graph;
pub mod import;
pub mod init;
pub mod report;
pub mod rules;
pub mod schema;
pub mod standards;
mod write;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks a municipal application landscape against the GEMMA reference architecture and the
/// municipality's information policy.
#[derive(Debug, Parser)]
#[command(name = "gemmalint", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// When to use colours: auto (a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the landscape, check it against the rules and report the findings.
    Check(CheckArgs),
    /// Record the current findings in a baseline file: `check --baseline FILE` then fails only on new ones.
    Baseline(BaselineArgs),
    /// Reports for management: who owns what, how well the landscape follows its principles
    /// ("pas toe of leg uit" included), and the waiver register.
    Report(report::ReportArgs),
    /// Draw the landscape as Graphviz DOT or Mermaid: applications, interfaces by style,
    /// clusters, findings marked.
    Graph(graph::GraphArgs),
    /// Start a landscape repository here: config, a starter landscape that passes, CI jobs and a pre-commit hook.
    Init(InitArgs),
    /// List the rules with their default severities and the principles they enforce.
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why, the principle in the policy's words, an example and its fix.
    Explain(ExplainArgs),
    /// Print the JSON Schema (draft-07) of a file format, for editors such as yaml-language-server.
    Schema(SchemaArgs),
    /// List the standards catalogue: the ids and aliases that `standards:` accepts, with their status.
    Standards(StandardsArgs),
    /// Search GEMMA: referentiecomponenten, voorzieningen, bedrijfsfuncties and bedrijfsobjecten by name, abbreviation or Object ID.
    Gemma(GemmaArgs),
    /// Bring a landscape in from an ArchiMate model or a GEMMA Softwarecatalogus export.
    Import(import::ImportArgs),
    /// Write the landscape as an ArchiMate exchange file that Archi imports.
    Export(export::ExportArgs),
    /// Print the shell completion script for a shell.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Model files or directories (default: `model` in gemmalint.toml, else ./landscape).
    pub paths: Vec<PathBuf>,
    /// The baseline file to write.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// The date all date logic uses (YYYY-MM-DD), instead of today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to set up (default: the working directory).
    pub dir: Option<PathBuf>,
    /// The name of the municipality, for the starter landscape.
    #[arg(long, default_value = "Gemeente Voorbeeld")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct StandardsArgs {
    /// Show only standards whose id, name or alias contains this text.
    pub filter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct GemmaArgs {
    /// A name, part of one, an abbreviation (`GGK`, `VTH`, `BRP`) or an Object ID.
    pub text: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Model files or directories (default: `model` in gemmalint.toml, else ./landscape).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The lowest severity that fails the check (exit code 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The date all date logic uses (YYYY-MM-DD), instead of today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Run only this rule (repeat for several); the others stay quiet.
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Write the report to this file and keep only the summary on the terminal.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Findings recorded in this baseline (`gemmalint baseline`) do not fail the check.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print where the time went (per phase) and the peak memory, on stderr.
    #[arg(long)]
    pub timings: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

impl ConfigArgs {
    pub fn choice(&self) -> crate::catalogue::config::ConfigChoice {
        use crate::catalogue::config::ConfigChoice;
        if self.no_config {
            ConfigChoice::None
        } else if let Some(file) = &self.config {
            ConfigChoice::File(file.clone())
        } else {
            ConfigChoice::Search
        }
    }
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this config file instead of searching for gemmalint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no config file.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id (`gemmalint rules` lists them), or a finding as `check` names it
    /// (`single-source::two-sources`, or `two-sources` when one rule has it).
    pub rule: String,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file format.
    #[arg(value_enum, default_value_t = SchemaKind::Model)]
    pub which: SchemaKind,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with the YAML snippet, for people.
    Human,
    /// The stable JSON contract, for scripts and dashboards.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML: a test suite per rule, for Jenkins, Azure DevOps and GitLab test reports.
    Junit,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
    /// A Markdown summary for a CI job page or a pull request comment.
    Markdown,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
    /// A Markdown table (for `rules`: the README's rule table).
    Markdown,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail on findings (problems in the input still exit 2).
    Never,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A model file (applications, interfaces, …).
    Model,
    /// gemmalint.toml
    Config,
    /// A policy pack.
    Pack,
    /// A standards catalogue (models/standards.yaml, or your own under `[models] standards`).
    Standards,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output that goes to stdout.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let forced =
                    std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
                forced || (!no_color && std::io::stdout().is_terminal())
            }
        }
    }
}

/// What a subcommand wants printed and the exit code.
pub struct Done {
    pub stdout: String,
    pub code: u8,
}

/// Checks the landscape for a command that needs it whole (baseline, report, graph, export):
/// the outcome and the working directory, or, when the input has problems, what to print:
/// the problems and that `nothing` ("No report written") came of it.
pub(crate) fn checked(
    paths: &[PathBuf],
    config: &ConfigArgs,
    today: Option<String>,
    baseline: crate::engine::BaselineChoice,
    nothing: &str,
) -> Result<(crate::engine::Outcome, PathBuf), Done> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let outcome = crate::engine::check(&crate::engine::CheckOptions {
        paths: paths.to_vec(),
        config: config.choice(),
        today,
        baseline,
        only: Vec::new(),
        cwd: cwd.clone(),
    });
    if outcome.has_problems() {
        let mut done = Done::problems(&outcome.sources, &outcome.problems);
        done.stdout.push_str(&format!(
            "{nothing}: fix the problems in the input first.\n"
        ));
        return Err(done);
    }
    Ok((outcome, cwd))
}

impl Done {
    /// Problems in the input, drawn for a person: exit 2.
    pub fn problems(sources: &crate::text::Sources, problems: &[crate::text::Problem]) -> Done {
        Done {
            stdout: problems
                .iter()
                .map(|p| crate::output::human::problem(sources, p))
                .collect(),
            code: 2,
        }
    }
}
