//! `gemmalint rules`.

use super::{Done, ListFormat, RulesArgs};
use crate::output::rules;
use crate::registry::Registry;

pub fn run(args: &RulesArgs) -> Done {
    let registry =
        Registry::builtin().expect("the built-in rule cards and packs are checked by the tests");
    let stdout = match args.format {
        ListFormat::Human => rules::list_human(&registry),
        ListFormat::Json => rules::list_json(&registry),
        ListFormat::Markdown => rules::list_markdown(&registry),
    };
    Done { stdout, code: 0 }
}
