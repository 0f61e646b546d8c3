//! The rule catalogue as a whole: cards and checks agree, every card is registered and
//! documented, each documented example fires and its fix does not, every principle quote is the
//! policy's own words, and the README's rule table is rendered from the cards.

use std::collections::BTreeSet;
use std::path::Path;

use gemmalint::catalogue::config::ConfigChoice;
use gemmalint::checks::RULES;
use gemmalint::engine::{self, CheckOptions};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_card_file_is_registered_under_its_own_name() {
    let mut files = BTreeSet::new();
    for entry in std::fs::read_dir(repo().join("rules/cards")).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(
            path.extension().and_then(|e| e.to_str()),
            Some("toml"),
            "{} is not a card",
            path.display()
        );
        files.insert(path.file_stem().unwrap().to_string_lossy().into_owned());
    }
    let registered: BTreeSet<String> = RULES.iter().map(|r| r.id.to_owned()).collect();
    assert_eq!(files, registered, "rules/cards and checks::RULES differ");
    let registry = gemmalint::checks::registry();
    let mut seen = BTreeSet::new();
    for card in &registry.cards {
        assert!(
            seen.insert(card.id.clone()),
            "the card id `{}` is used twice",
            card.id
        );
    }
    for rule in RULES {
        assert!(
            registry.card(rule.id).is_some(),
            "rules/cards/{}.toml has another id inside",
            rule.id
        );
    }
}

#[test]
fn every_card_has_a_check_with_the_same_variants_and_complete_docs() {
    let registry = gemmalint::checks::registry();
    for card in &registry.cards {
        let rule = RULES
            .iter()
            .find(|r| r.id == card.id)
            .unwrap_or_else(|| panic!("the card `{}` has no rule", card.id));
        // `waivers` has no check: the waiver stage reports its variants.
        let variants = rule
            .check
            .map_or(gemmalint::verdict::waivers::VARIANTS, |c| c.variants);
        let on_card: BTreeSet<&str> = card.variants.iter().map(|v| v.id.as_str()).collect();
        let in_check: BTreeSet<&str> = variants.iter().copied().collect();
        assert_eq!(
            on_card, in_check,
            "`{}`: the card's variants and the check's differ",
            card.id
        );
        assert_eq!(
            on_card.len(),
            card.variants.len(),
            "`{}` lists a variant twice",
            card.id
        );
        for (heading, text) in [
            ("what", &card.docs.what),
            ("why", &card.docs.why),
            ("example", &card.docs.example),
            ("fix", &card.docs.fix),
            ("summary", &card.summary),
            ("scope", &card.scope),
        ] {
            assert!(
                text.trim().len() > 20,
                "`{}` has no real {heading}",
                card.id
            );
        }
        for v in &card.variants {
            assert!(
                !v.description.trim().is_empty(),
                "`{}`/{} has no description",
                card.id,
                v.id
            );
        }
    }
    for rule in RULES {
        assert!(
            registry.card(rule.id).is_some(),
            "the rule `{}` has no card",
            rule.id
        );
    }
}

/// Runs one rule on a model written into a temporary directory.
fn run_rule(
    rule: &str,
    model: &str,
    files: &std::collections::BTreeMap<String, String>,
) -> (usize, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("model.yaml"), model).unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    let outcome = engine::check(&CheckOptions {
        paths: vec![dir.path().join("model.yaml")],
        config: ConfigChoice::None,
        today: Some("2026-11-28".to_owned()),
        baseline: None,
        only: vec![rule.to_owned()],
        cwd: dir.path().to_path_buf(),
    });
    assert!(
        outcome.problems.is_empty(),
        "`{rule}` docs: the model has problems: {:?}",
        outcome.problems
    );
    let active: Vec<String> = outcome
        .verdict
        .findings
        .iter()
        .filter(|f| f.rule == rule && f.is_active())
        .map(|f| f.message.clone())
        .collect();
    (active.len(), active)
}

#[test]
fn every_documented_example_fires_and_its_fix_does_not() {
    let registry = gemmalint::checks::registry();
    for card in &registry.cards {
        let (n, _) = run_rule(&card.id, &card.docs.example, &card.docs.files);
        assert!(n > 0, "the example of `{}` does not fire", card.id);
        let (n, messages) = run_rule(&card.id, &card.docs.fix, &card.docs.files);
        assert_eq!(n, 0, "the fix of `{}` still fires: {messages:?}", card.id);
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_quote_is_the_policy_s_own_words() {
    let policy =
        std::fs::read_to_string(repo().join("rules/packs/nijmegen-2020-2024/policy.txt")).unwrap();
    let body: String = policy
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let policy = collapse(&body);
    let registry = gemmalint::checks::registry();
    for pack in &registry.packs {
        for p in &pack.principles {
            if let Some(quote) = &p.quote {
                assert!(
                    policy.contains(&collapse(quote)),
                    "{}/{}: the quote is not in the policy text: {quote}",
                    pack.id,
                    p.id
                );
            }
            // The Nijmegen pack's titles are the policy's headings; the GEMMA pack's are labels.
            if pack.id == "nijmegen-2020-2024" {
                assert!(
                    policy.contains(&collapse(&p.title)),
                    "{}/{}: the title is not in the policy text",
                    pack.id,
                    p.id
                );
            }
            assert!(
                p.rules.is_empty() != p.not_checkable.is_none(),
                "{}/{}: a principle either names its rules or says why it cannot be checked",
                pack.id,
                p.id
            );
            for rule in &p.rules {
                assert!(
                    registry.card(&rule.value).is_some(),
                    "{}/{} cites the unknown rule `{}`",
                    pack.id,
                    p.id,
                    rule.value
                );
            }
        }
        for rule in &pack.rules {
            assert!(
                registry.card(&rule.value).is_some(),
                "{} switches on the unknown rule `{}`",
                pack.id,
                rule.value
            );
        }
    }
}

#[test]
fn every_rule_but_model_integrity_cites_a_principle_of_the_policy() {
    let registry = gemmalint::checks::registry();
    for card in &registry.cards {
        let cited = registry
            .citations(&card.id)
            .iter()
            .any(|c| c.pack.id == "nijmegen-2020-2024");
        assert_eq!(
            cited,
            card.id != "model-integrity",
            "`{}` is cited by no principle of the policy: add it to the `rules` of the principle it enforces in rules/packs/nijmegen-2020-2024/pack.toml",
            card.id
        );
    }
}

#[test]
fn the_readme_rule_table_is_rendered_from_the_cards() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let registry = gemmalint::checks::registry();
    let table = gemmalint::output::rules::list_markdown(&registry);
    assert!(
        readme.contains(&table),
        "README.md's rule table is out of date; replace it with the output of `gemmalint rules --format markdown`:\n{table}"
    );
}

#[test]
fn every_card_has_a_dutch_title_for_the_reports() {
    // Reports are Dutch by default; a rule's title is translated on its card.
    for card in &gemmalint::checks::registry().cards {
        let nl = card
            .title_nl
            .as_deref()
            .unwrap_or_else(|| panic!("`{}` has no `title_nl`", card.id));
        assert!(
            !nl.trim().is_empty() && !nl.contains("TODO"),
            "`{}`: title_nl",
            card.id
        );
    }
}
