//! `gemmalint report ownership|compliance|waivers`: the reports for management, from the same
//! run and the same figures as `check`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{ConfigArgs, Done};
use crate::engine::Outcome;
use crate::figures::{ComplianceReport, Figures, Lang, OwnershipReport, WaiverRegister};
use crate::output::human;
use crate::output::report::{self, Document, ReportFormat};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    pub which: ReportKind,
    /// Model files or directories (default: `model` in gemmalint.toml, else ./landscape).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Markdown)]
    pub format: ReportFormatArg,
    /// The report's language: headings, rule titles and status words (principles are quoted in
    /// their own words; `en` adds an English gloss).
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// Write the report to this file instead of the terminal.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date all date logic uses (YYYY-MM-DD), instead of today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Count the findings recorded in this baseline (`gemmalint baseline`) as baselined, as
    /// `check --baseline FILE` does, so the report and the gate agree.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// Per owner, down the owner hierarchy: what it owns and how, its open findings and waivers;
    /// then what has no owner or an ambiguous one.
    Ownership,
    /// Per principle and rule: in scope, complying, explained, falling short; applications ×
    /// rules; "pas toe of leg uit" per mandatory standard.
    Compliance,
    /// The waiver register: every explained deviation with its status.
    Waivers,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// Markdown, for a wiki, a pull request or a document.
    Markdown,
    /// One self-contained, accessible HTML page (no scripts, nothing external), for reading
    /// and printing.
    Html,
    /// The report's figures as JSON.
    Json,
    /// A table for Excel or LibreOffice (`;`-separated in Dutch, `,` in English).
    Csv,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Dutch.
    Nl,
    /// English.
    En,
}

impl ReportKind {
    fn word(self) -> &'static str {
        match self {
            ReportKind::Ownership => "ownership",
            ReportKind::Compliance => "compliance",
            ReportKind::Waivers => "waiver",
        }
    }
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

/// The report of an outcome without problems.
pub fn render(outcome: &Outcome, which: ReportKind, format: ReportFormatArg, lang: Lang) -> String {
    let figures = Figures::new(outcome);
    let format = match format {
        ReportFormatArg::Markdown => ReportFormat::Markdown,
        ReportFormatArg::Html => ReportFormat::Html,
        ReportFormatArg::Json => ReportFormat::Json,
        ReportFormatArg::Csv => ReportFormat::Csv,
    };
    match which {
        ReportKind::Ownership => report::render(
            Document::Ownership(&OwnershipReport::new(&figures, lang)),
            format,
        ),
        ReportKind::Compliance => report::render(
            Document::Compliance(&ComplianceReport::new(&figures, lang)),
            format,
        ),
        ReportKind::Waivers => report::render(
            Document::Waivers(&WaiverRegister::new(&figures, lang)),
            format,
        ),
    }
}

pub fn run(args: &ReportArgs) -> Done {
    let (outcome, cwd) = match super::checked(
        &args.paths,
        &args.config,
        args.today.clone(),
        args.baseline.clone().map_or(
            crate::engine::BaselineChoice::FromConfig,
            crate::engine::BaselineChoice::Given,
        ),
        "No report written",
    ) {
        Ok(checked) => checked,
        Err(done) => return done,
    };
    let text = render(&outcome, args.which, args.format, args.lang.into());
    match &args.output {
        None => Done {
            stdout: text,
            code: 0,
        },
        Some(path) => match super::write::output(&cwd, path, &text, &outcome.sources, "report") {
            Ok(_) => Done {
                stdout: format!(
                    "The {} report is in {}.\n",
                    args.which.word(),
                    path.display()
                ),
                code: 0,
            },
            Err(problem) => Done {
                stdout: human::problem(&outcome.sources, &problem),
                code: 2,
            },
        },
    }
}
