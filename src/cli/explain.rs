//! `gemmalint explain RULE`.

use super::{Done, ExplainArgs};
use crate::engine;
use crate::output::{human, rules};
use crate::text::Problem;

pub fn run(args: &ExplainArgs) -> Done {
    let cwd = std::env::current_dir().unwrap_or_default();
    let (rules, sources, problems) = engine::rules_for(&args.config.choice(), &cwd);
    let registry = rules.registry;
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
