//! `gemmalint explain RULE`.

use super::{Done, ExplainArgs};
use crate::output::{human, rules};
use crate::problem::Problem;
use crate::registry::Registry;
use crate::source::Sources;

pub fn run(args: &ExplainArgs) -> Done {
    let registry =
        Registry::builtin().expect("the built-in rule cards and packs are checked by the tests");
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
                    &Sources::default(),
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
