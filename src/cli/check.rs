//! `gemmalint check`: runs the engine and renders its outcome.

use super::{CheckArgs, ColorChoice, Done, FailOn, Format};
use crate::config::ConfigChoice;
use crate::engine::{self, CheckOptions};
use crate::finding::Severity;
use crate::model::Date;
use crate::output::{self, Summary, human};
use crate::problem::Problem;

pub fn run(args: &CheckArgs, color: ColorChoice) -> Done {
    let cwd = std::env::current_dir().unwrap_or_default();
    let today = match args.today.as_deref().map(Date::parse) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => return usage(&format!("--today: {e}"), color),
    };
    let options = CheckOptions {
        paths: args.paths.clone(),
        config: if args.config.no_config {
            ConfigChoice::None
        } else if let Some(file) = &args.config.config {
            ConfigChoice::File(file.clone())
        } else {
            ConfigChoice::Search
        },
        today,
        cwd,
    };
    let mut outcome = engine::check(&options);
    outcome.problems.sort_by_cached_key(|p| {
        p.loc.map(|l| {
            let (file, line, col) = output::position(&outcome.sources, l);
            (file, line, col)
        })
    });
    let summary = Summary::of(&outcome.findings, outcome.problems.len());
    let stdout = match args.format {
        Format::Json => output::json::render(
            &outcome.sources,
            &outcome.problems,
            &outcome.findings,
            summary,
        ),
        Format::Human => {
            let m = &outcome.model;
            let checked = format!(
                "Checked {} application{}, {} interface{} and {} data object{}",
                m.applications.len(),
                if m.applications.len() == 1 { "" } else { "s" },
                m.interfaces.len(),
                if m.interfaces.len() == 1 { "" } else { "s" },
                m.data_objects.len(),
                if m.data_objects.len() == 1 { "" } else { "s" },
            );
            human::render(
                &outcome.sources,
                &outcome.problems,
                &outcome.findings,
                summary,
                &checked,
                human::Style {
                    color: color.enabled(),
                    width: terminal_width(),
                },
            )
        }
    };
    let code = if outcome.has_problems() {
        2
    } else {
        let threshold = match args.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        };
        let failing = threshold.is_some_and(|t| {
            outcome
                .findings
                .iter()
                .any(|f| f.is_active() && f.severity >= t)
        });
        u8::from(failing)
    };
    Done { stdout, code }
}

fn usage(message: &str, color: ColorChoice) -> Done {
    let _ = color;
    Done {
        stdout: human::problem(
            &crate::source::Sources::default(),
            &Problem::new(message.to_owned()).help("write the date as YYYY-MM-DD"),
        ),
        code: 2,
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100)
}
