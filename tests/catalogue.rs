//! The rule catalogue as a whole: cards and checks agree, every card is registered and
//! documented, each documented example fires and its fix does not, every principle quote is the
//! policy's own words, and the README's rule table is rendered from the cards.

mod common;

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
        baseline: gemmalint::engine::BaselineChoice::No,
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

/// The source texts of a built-in pack: every `.txt` in its directory and its `sources/`, without
/// the `#` lines that name where each passage comes from.
fn pack_sources(pack: &str) -> String {
    let dir = repo().join("rules/packs").join(pack);
    let mut files: Vec<std::path::PathBuf> = [dir.clone(), dir.join("sources")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "rules/packs/{pack} has no source texts");
    let text: String = files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    collapse(&text)
}

#[test]
fn every_quote_is_its_pack_s_own_words() {
    let registry = gemmalint::checks::registry();
    for pack in &registry.packs {
        let sources = pack_sources(&pack.id);
        for p in &pack.principles {
            if let Some(quote) = &p.quote {
                assert!(
                    sources.contains(&collapse(quote)),
                    "{}/{}: the quote is not in the pack's source texts: {quote}",
                    pack.id,
                    p.id
                );
            }
            // A municipality's titles are its policy's headings; the others are labels.
            if pack.kind == gemmalint::catalogue::PackKind::Municipality {
                assert!(
                    sources.contains(&collapse(&p.title)),
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
            for cited in &p.rules {
                let cited = gemmalint::catalogue::Cited::parse(&cited.value);
                let (rule, variant) = (cited.rule, cited.variant);
                let card = registry.card(rule).unwrap_or_else(|| {
                    panic!("{}/{} cites the unknown rule `{rule}`", pack.id, p.id)
                });
                if let Some(v) = variant {
                    assert!(
                        card.variant(v).is_some(),
                        "{}/{} cites the unknown variant `{rule}/{v}`",
                        pack.id,
                        p.id
                    );
                }
            }
        }
    }
}

#[test]
fn every_default_rests_on_law_or_gemma_and_every_rule_is_cited_there() {
    use gemmalint::catalogue::{PackKind, RestsOn, Severity};
    let registry = gemmalint::checks::registry();
    for card in &registry.cards {
        for v in &card.variants {
            let what = format!("`{}/{}`", card.id, v.id);
            match v.rests_on() {
                None => panic!("{what} does not say what its default rests on (`rests_on`)"),
                Some(RestsOn::Model) => {}
                Some(RestsOn::Advice) => assert_eq!(
                    v.severity,
                    Severity::Info,
                    "{what} rests on advice alone, so its default is `info`"
                ),
                Some(RestsOn::Principle { pack, principle }) => {
                    let c = registry.principle(pack, principle).unwrap_or_else(|| {
                        panic!("{what} rests on `{pack}/{principle}`, which no pack has")
                    });
                    assert_ne!(
                        c.pack.kind,
                        PackKind::Municipality,
                        "{what}: a default rests on law or GEMMA, never on one municipality's policy"
                    );
                    assert!(
                        c.principle.cites(&card.id, Some(&v.id)),
                        "{what} rests on `{pack}/{principle}`, which does not cite it"
                    );
                }
            }
        }
        let cited = registry.packs.iter().any(|pack| {
            pack.kind != PackKind::Municipality
                && pack.principles.iter().any(|p| p.cites(&card.id, None))
        });
        // model-integrity keeps the model sound; it needs no principle.
        assert!(
            cited || card.id == "model-integrity",
            "`{}` is cited by no principle of the law or GEMMA packs: add it to the `rules` of the principle it enforces",
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

/// Each finding says what its severity rests on: law or GEMMA/NORA by the card's default, or
/// the municipality's own pack where that pack made it stricter (profiling forbidden outright,
/// Logboek Dataverwerkingen required), and it says which pack.
#[test]
fn a_finding_says_what_its_severity_rests_on() {
    let run = common::gemmalint(&repo().join("examples/fouten"), &["check"]);
    // A finding's text: from its code line to the next finding's code line.
    let is_code = |line: &str| !line.starts_with(' ') && line.contains("::") && !line.contains(' ');
    let block = |code: &str| {
        let mut lines = run.stdout.lines().skip_while(|l| *l != code);
        let first = lines
            .next()
            .unwrap_or_else(|| panic!("a finding {code}:\n{}", run.stdout));
        let rest: Vec<&str> = lines.take_while(|l| !is_code(l)).collect();
        format!("{first}\n{}", rest.join("\n"))
    };
    let profiling = block("human-decides::profiling");
    assert!(
        profiling.contains("rests on municipal policy: its severity is set by the pack")
            && profiling.contains("nijmegen-2020-2024"),
        "{profiling}"
    );
    let register = block("privacy-by-design::no-processing-register");
    assert!(register.contains("rests on law: AVG"), "{register}");
}
