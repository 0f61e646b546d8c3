//! `gemmalint explain RULE`.

use super::{Done, ExplainArgs};
use crate::engine;
use crate::output::{human, rules};
use crate::problem::Problem;

pub fn run(args: &ExplainArgs) -> Done {
    let cwd = std::env::current_dir().unwrap_or_default();
    let (registry, _, sources, problems) = engine::registry_for(&args.config.choice(), &cwd);
    if !problems.is_empty() {
        return Done::problems(&sources, &problems);
    }
    match registry.card(&args.rule) {
        Some(card) => Done {
            stdout: rules::explain(&registry, card),
            code: 0,
        },
        None => {
            let help = registry
                .suggest_rule(&args.rule)
                .unwrap_or_else(|| "`gemmalint rules` lists the rules".to_owned());
            Done {
                stdout: human::problem(
                    &sources,
                    &Problem::new(format!(
                        "unknown rule `{}`",
                        crate::output::clean(&args.rule)
                    ))
                    .help(help),
                ),
                code: 2,
            }
        }
    }
}
