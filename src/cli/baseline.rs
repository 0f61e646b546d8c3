//! `gemmalint baseline -o FILE`: records the current findings (not the waived ones).

use super::{BaselineArgs, Done};
use crate::output::human;
use crate::text::Problem;
use crate::verdict::baseline::Baseline;

pub fn run(args: &BaselineArgs) -> Done {
    let (outcome, cwd) = match super::checked(
        &args.paths,
        &args.config,
        args.today.clone(),
        crate::engine::BaselineChoice::No,
        "No baseline written",
    ) {
        Ok(checked) => checked,
        Err(done) => return done,
    };
    let baseline = Baseline::from_findings(&outcome.verdict.findings, &outcome.today.to_string());
    let path = if args.output.is_absolute() {
        args.output.clone()
    } else {
        cwd.join(&args.output)
    };
    if let Some(problem) =
        super::write::onto_input(&path, &args.output, &outcome.sources, "baseline")
    {
        return Done {
            stdout: human::problem(&outcome.sources, &problem),
            code: 2,
        };
    }
    if let Err(e) = super::write::atomic(&path, baseline.to_json().as_bytes()) {
        let problem = Problem::new(format!(
            "cannot write the baseline to `{}`: {e}",
            path.display()
        ))
        .help("give a path in a directory that exists and can be written; an earlier baseline there is left as it was");
        return Done {
            stdout: human::problem(&outcome.sources, &problem),
            code: 2,
        };
    }
    Done {
        stdout: format!(
            "Wrote {} finding{} to {}. `gemmalint check --baseline {}`, or `baseline = \"{}\"` in gemmalint.toml, now fails only on new ones.\n",
            baseline.findings.len(),
            if baseline.findings.len() == 1 {
                ""
            } else {
                "s"
            },
            args.output.display(),
            args.output.display(),
            args.output.display()
        ),
        code: 0,
    }
}
