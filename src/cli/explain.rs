//! `gemmalint explain RULE`.

use super::{Done, ExplainArgs};
use crate::catalogue::{Card, Registry};
use crate::engine;
use crate::output::{human, rules};
use crate::text::Problem;

pub fn run(args: &ExplainArgs) -> Done {
    let cwd = std::env::current_dir().unwrap_or_default();
    let (rules, sources, problems) = engine::rules_for(&args.config.choice(), &cwd);
    let registry = rules.registry;
    let settings = rules.settings;
    if !problems.is_empty() {
        return Done::problems(&sources, &problems);
    }
    match named(&registry, &args.rule) {
        Ok(card) => Done {
            stdout: rules::explain(&registry, &settings, card),
            code: 0,
        },
        Err(rules_having) => {
            let name = crate::output::clean(&args.rule);
            let problem = if rules_having.is_empty() {
                Problem::new(format!("unknown rule `{name}`")).help(
                    registry
                        .suggest_rule(&args.rule)
                        .unwrap_or_else(|| "`gemmalint rules` lists the rules".to_owned()),
                )
            } else {
                let each: Vec<String> = rules_having
                    .iter()
                    .map(|r| format!("`{r}::{name}`"))
                    .collect();
                Problem::new(format!("`{name}` is a finding of several rules"))
                    .help(format!("name one as `rule::finding`: {}", each.join(", ")))
            };
            Done {
                stdout: human::problem(&sources, &problem),
                code: 2,
            }
        }
    }
}

/// The rule a user named: by its id, by a finding's code as `check` prints it
/// (`single-source::two-sources`), or by a finding that only one rule has (`two-sources`).
/// Otherwise the rules that have a finding of that name (none, or several).
fn named<'a>(registry: &'a Registry, name: &str) -> Result<&'a Card, Vec<&'a str>> {
    let name = name.trim();
    if let Some(card) = registry.card(name) {
        return Ok(card);
    }
    let has = |card: &Card, variant: &str| card.variants.iter().any(|v| v.id == variant);
    if let Some((rule, variant)) = name.split_once("::") {
        return registry
            .card(rule)
            .filter(|card| has(card, variant))
            .ok_or_else(Vec::new);
    }
    let having: Vec<&Card> = registry.cards.iter().filter(|c| has(c, name)).collect();
    match having.as_slice() {
        [card] => Ok(card),
        _ => Err(having.iter().map(|c| c.id.as_str()).collect()),
    }
}
