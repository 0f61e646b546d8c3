//! `gemmalint rules`: the built-in rules and those of the packs the config selects.

use super::{Done, ListFormat, RulesArgs};
use crate::engine;
use crate::output::rules;

pub fn run(args: &RulesArgs) -> Done {
    let cwd = std::env::current_dir().unwrap_or_default();
    let (rules, sources, problems) = engine::rules_for(&args.config.choice(), &cwd);
    let (registry, settings) = (rules.registry, rules.settings);
    if !problems.is_empty() {
        return Done::problems(&sources, &problems);
    }
    let stdout = match args.format {
        ListFormat::Human => rules::list_human(&registry, &settings),
        ListFormat::Json => rules::list_json(&registry),
        ListFormat::Markdown => rules::list_markdown(&registry),
    };
    Done { stdout, code: 0 }
}
