//! `gemmalint check`: runs the engine and renders its outcome in the chosen format.

use std::collections::BTreeMap;

use super::{CheckArgs, ColorChoice, Done, FailOn, Format};
use crate::catalogue::Severity;
use crate::engine::{self, CheckOptions, Outcome};
use crate::figures::Figures;
use crate::model::{ElementRef, Kind};
use crate::output::{self, Summary, ci, human};
use crate::text::{Problem, timings};

pub fn run(args: &CheckArgs, color: ColorChoice) -> Done {
    let mut bytes = Vec::new();
    let (code, written) = write(args, color, &mut bytes);
    written.expect("writing into memory does not fail");
    Done {
        stdout: String::from_utf8(bytes).expect("every format writes UTF-8"),
        code,
    }
}

/// Runs the check and writes its report to `stdout` as it is made (or to `--output`, with a
/// closing line on stdout): the exit code, and whether stdout took everything.
pub fn write(
    args: &CheckArgs,
    color: ColorChoice,
    stdout: &mut dyn std::io::Write,
) -> (u8, std::io::Result<()>) {
    let started = std::time::Instant::now();
    let cwd = std::env::current_dir().unwrap_or_default();
    let options = CheckOptions {
        paths: args.paths.clone(),
        config: args.config.choice(),
        today: args.today.clone(),
        baseline: args.baseline.clone().map_or(
            engine::BaselineChoice::FromConfig,
            engine::BaselineChoice::Given,
        ),
        only: args.rules.clone(),
        cwd: cwd.clone(),
    };
    let mut outcome = engine::check(&options);
    outcome
        .problems
        .sort_by_cached_key(|p| p.loc.map(|l| output::position(&outcome.sources, l)));
    let done = respond(args, color, &outcome, started, &cwd, stdout);
    if let Some(note) = narrowed_note(&outcome) {
        eprint!("{note}");
    }
    // Freeing a large landscape takes a tenth of its run: the process ends without waiting.
    std::thread::spawn(move || drop(outcome));
    done
}

/// The report on stdout, or written to `--output` with a closing line on stdout.
fn respond(
    args: &CheckArgs,
    color: ColorChoice,
    outcome: &Outcome,
    started: std::time::Instant,
    cwd: &std::path::Path,
    stdout: &mut dyn std::io::Write,
) -> (u8, std::io::Result<()>) {
    let mut say = |done: Done| (done.code, stdout.write_all(done.stdout.as_bytes()));
    let summary = Summary::of(
        &outcome.verdict.findings,
        outcome.problems.iter().map(Problem::count).sum(),
        outcome.verdict.stale.len(),
    );
    let code = exit_code(outcome, args.fail_on);
    let style = human::Style {
        color: color.enabled(),
        width: terminal_width(),
    };
    let software = output::software::of(&outcome.model, &outcome.artifacts, &outcome.sources);
    let report = Report {
        format: args.format,
        outcome,
        summary,
        style,
        software: &software,
        fails_from: threshold(args.fail_on),
    };
    match &args.output {
        None => {
            let written = timings::phase("output", || report.emit(&mut *stdout));
            if args.timings {
                eprint!("{}", output::timings::render(outcome, started.elapsed()));
            }
            (code, written)
        }
        Some(path) => {
            let shown = path.as_path();
            let path = if path.is_absolute() {
                path.clone()
            } else {
                cwd.join(path)
            };
            if let Some(problem) =
                super::write::onto_input(&path, shown, &outcome.sources, "report")
            {
                return say(Done {
                    stdout: human::problem(&outcome.sources, &problem),
                    code: 2,
                });
            }
            let written = timings::phase("output", || report.to_file(&path));
            if args.timings {
                eprint!("{}", output::timings::render(outcome, started.elapsed()));
            }
            if let Err(e) = written {
                return say(not_written(outcome, &path, &e));
            }
            let reasons = BTreeMap::new();
            let line = human::closing_line(
                &ci_report(outcome, summary, "", &reasons, &software, None),
                style,
            );
            say(Done {
                stdout: format!(
                    "{line}The {} report is in {}.\n",
                    format_name(args.format),
                    path.display()
                ),
                code,
            })
        }
    }
}

/// When only some of the model was loaded and references into the rest are unknown: a note
/// that says so, and how to check the whole model.
fn narrowed_note(outcome: &Outcome) -> Option<String> {
    let whole = outcome.narrowed.as_ref()?;
    let unknown = outcome
        .verdict
        .findings
        .iter()
        .filter(|f| f.variant == "unknown-reference" && f.waived_by.is_none() && !f.baselined)
        .count();
    (unknown > 0).then(|| {
        format!(
            "note: only the paths given were loaded, not the whole model ({whole}): {} may name elements defined in the rest of it. `gemmalint check` without paths checks the whole model.\n",
            output::plural(unknown, "unknown reference")
        )
    })
}

/// The report could not be written: exit 2, saying why; an earlier file there is untouched.
fn not_written(outcome: &Outcome, path: &std::path::Path, e: &std::io::Error) -> Done {
    let problem = Problem::new(format!(
        "cannot write the report to `{}`: {e}",
        path.display()
    ))
    .help("give a path in a directory that exists and can be written; an earlier report there is left as it was");
    Done {
        stdout: human::problem(&outcome.sources, &problem),
        code: 2,
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Human => "human",
        Format::Json => "JSON",
        Format::Sarif => "SARIF",
        Format::Junit => "JUnit",
        Format::Github => "GitHub",
        Format::Gitlab => "GitLab Code Quality",
        Format::Markdown => "Markdown",
    }
}

/// The least severity that fails the check.
fn threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

fn exit_code(outcome: &Outcome, fail_on: FailOn) -> u8 {
    if outcome.has_problems() {
        return 2;
    }
    u8::from(threshold(fail_on).is_some_and(|t| {
        outcome
            .verdict
            .findings
            .iter()
            .any(|f| f.is_active() && f.severity >= t)
    }))
}

/// The model root relative to the repository root, so CI annotations land on the checkout's files.
fn repo_prefix(root: &std::path::Path) -> String {
    let root = crate::model::lexical(root);
    let Some(repository) = crate::catalogue::config::up_to_repository(&root).repository else {
        return String::new();
    };
    let rel = root
        .strip_prefix(&repository)
        .unwrap_or(std::path::Path::new(""));
    let text = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if text.is_empty() {
        text
    } else {
        format!("{text}/")
    }
}

/// One report to make: its format and what it reports on.
struct Report<'a> {
    format: Format,
    outcome: &'a Outcome,
    summary: Summary,
    style: human::Style,
    software: &'a [output::software::Software],
    fails_from: Option<Severity>,
}

impl Report<'_> {
    /// The report written to `path` atomically, as it is made.
    fn to_file(&self, path: &std::path::Path) -> std::io::Result<()> {
        super::write::atomic_with(path, |w| self.emit(w))
    }

    /// Writes the report as it is made, in every format: the findings in parallel chunks, in
    /// order, so a large report is never held whole.
    fn emit<W: std::io::Write>(&self, mut out: W) -> std::io::Result<()> {
        let outcome = self.outcome;
        if self.format == Format::Json {
            return output::json::write(
                out,
                &outcome.sources,
                &outcome.problems,
                &outcome.verdict.findings,
                self.summary,
                self.software,
                &Figures::new(outcome),
            );
        }
        let reasons: BTreeMap<ElementRef, String> = outcome
            .model
            .waivers
            .iter()
            .filter_map(|w| {
                let waiver = ElementRef::new(Kind::Waiver, &w.id);
                w.body.reason.as_ref().map(|r| (waiver, r.value.clone()))
            })
            .collect();
        let prefix = repo_prefix(&outcome.root);
        let report = ci_report(
            outcome,
            self.summary,
            &prefix,
            &reasons,
            self.software,
            self.fails_from,
        );
        match self.format {
            Format::Sarif => output::sarif::write(out, &report),
            Format::Human | Format::Json => human::write(&mut out, &report, self.style),
            Format::Junit => output::junit::write(&mut out, &report, &outcome.enabled),
            Format::Github => output::github::write(&mut out, &report),
            Format::Gitlab => output::gitlab::write(&mut out, &report),
            Format::Markdown => output::markdown::write(&mut out, &report),
        }
    }
}

fn ci_report<'a>(
    outcome: &'a Outcome,
    summary: Summary,
    repo_prefix: &'a str,
    waiver_reasons: &'a BTreeMap<ElementRef, String>,
    software: &'a [output::software::Software],
    fails_from: Option<Severity>,
) -> ci::Report<'a> {
    ci::Report {
        sources: &outcome.sources,
        registry: &outcome.registry,
        settings: &outcome.settings,
        problems: &outcome.problems,
        findings: &outcome.verdict.findings,
        stale: &outcome.verdict.stale,
        summary,
        repo_prefix,
        waiver_reasons,
        with_baseline: outcome.with_baseline,
        model: &outcome.model,
        software,
        fails_from,
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100)
}
