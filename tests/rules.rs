//! Per rule, a fixture landscape in `tests/fixtures/rules/<rule-id>/`: every element whose id
//! starts with `bad-` must get a finding of that rule, and no element whose id starts with `ok-`
//! may. The human output of each fixture is kept as a snapshot.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TODAY, gemmalint, repo};

/// `check --format json` on a fixture, with its own gemmalint.toml when it has one.
fn check_json(dir: &Path) -> (i32, serde_json::Value) {
    let config = if dir.join("gemmalint.toml").exists() {
        "--config=gemmalint.toml"
    } else {
        "--no-config"
    };
    let run = gemmalint(
        dir,
        &["check", ".", "--format", "json", config, "--today", TODAY],
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    (
        run.code,
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout)),
    )
}
use gemmalint::model::{self, Kind, LoadOptions};
use gemmalint::text::Sources;

/// Every element id in a fixture, as `kind:id`.
fn element_ids(dir: &Path) -> BTreeSet<String> {
    let (mut files, problems) = model::discover(
        &[dir.to_path_buf()],
        &LoadOptions {
            root: dir,
            exclude: &[],
        },
    );
    assert!(problems.is_empty(), "{problems:?}");
    // Catalogue files the fixture's config names are reference data, not model files.
    let config_file = dir.join("gemmalint.toml");
    if config_file.exists() {
        let (config, problems) = gemmalint::catalogue::config::load(
            &gemmalint::catalogue::config::ConfigChoice::File(config_file),
            dir,
            dir,
            &mut Sources::default(),
        );
        assert!(problems.is_empty(), "{problems:?}");
        let skip: Vec<_> = config
            .standards_files
            .iter()
            .map(|(p, _)| model::lexical(p))
            .collect();
        files.retain(|f| !skip.contains(&model::lexical(f)));
    }
    let (model, problems) = model::load(&files, dir, &mut Sources::default());
    assert!(
        problems.is_empty(),
        "the fixture {} loads without problems: {problems:?}",
        dir.display()
    );
    let mut ids = BTreeSet::new();
    for kind in Kind::ALL {
        for id in model.ids(kind) {
            ids.insert(format!("{kind}:{id}"));
        }
    }
    ids
}

fn fixture_dirs() -> Vec<std::path::PathBuf> {
    let root = repo().join("tests/fixtures/rules");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures/rules exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_rule_has_a_fixture() {
    let registry = gemmalint::checks::registry();
    let fixtures: BTreeSet<String> = fixture_dirs()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for card in &registry.cards {
        assert!(
            fixtures.contains(&card.id),
            "rule `{}` has no fixture in tests/fixtures/rules/",
            card.id
        );
    }
    for f in &fixtures {
        assert!(
            registry.card(f).is_some(),
            "tests/fixtures/rules/{f} is not a rule"
        );
    }
}

#[test]
fn bad_elements_fire_and_ok_elements_stay_quiet() {
    for dir in fixture_dirs() {
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        let ids = element_ids(&dir);
        let (code, json) = check_json(&dir);
        assert_ne!(code, 2, "{rule}: the fixture has problems: {json:#}");
        let fired: BTreeSet<String> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule.as_str())
            .map(|f| f["element"].as_str().unwrap().to_owned())
            .collect();
        let bad: Vec<&String> = ids
            .iter()
            .filter(|id| id.split_once(':').unwrap().1.starts_with("bad-"))
            .collect();
        let ok: Vec<&String> = ids
            .iter()
            .filter(|id| id.split_once(':').unwrap().1.starts_with("ok-"))
            .collect();
        assert!(!bad.is_empty(), "{rule}: the fixture has no bad- element");
        assert!(!ok.is_empty(), "{rule}: the fixture has no ok- element");
        for id in bad {
            assert!(
                fired.contains(id),
                "{rule}: `{id}` must fire but did not; findings of {rule}: {fired:?}"
            );
        }
        for id in ok {
            assert!(
                !fired.contains(id),
                "{rule}: `{id}` must stay quiet but fired"
            );
        }
    }
}

#[test]
fn human_output_of_each_fixture() {
    for dir in fixture_dirs() {
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        let config = if dir.join("gemmalint.toml").exists() {
            "--config=gemmalint.toml"
        } else {
            "--no-config"
        };
        let run = gemmalint(
            &dir,
            &[
                "check",
                ".",
                config,
                "--today",
                TODAY,
                "--fail-on",
                "never",
                "--rule",
                &rule,
            ],
        );
        assert_eq!(run.code, 0, "{rule}: {}", run.stdout);
        insta::assert_snapshot!(format!("rule-{rule}"), run.stdout);
    }
}
