//! The shipped examples: `voorbeeldstad` stays clean (any finding there is a false positive),
//! `fouten` makes every rule fire, and output is the same, byte for byte, on every run.

mod common;

use std::collections::BTreeSet;

use common::{gemmalint, repo};

#[test]
fn voorbeeldstad_has_no_findings() {
    let dir = repo().join("examples/voorbeeldstad");
    let run = gemmalint(&dir, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(run.code, 0, "{}", run.stdout);
    let active: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["waived_by"].is_null() && f["baselined"] == false)
        .collect();
    assert!(
        active.is_empty(),
        "false positives in voorbeeldstad: {active:#?}"
    );
    let s = &json["summary"];
    assert_eq!(
        (
            s["error"].as_u64(),
            s["warning"].as_u64(),
            s["info"].as_u64()
        ),
        (Some(0), Some(0), Some(0))
    );
}

/// The README's "Patterns every municipality has": a bronhouder and its landelijke voorziening,
/// data recorded outside the municipality, an e-Depot, notifications, a form builder that writes
/// into the zaaksysteem, and a waived application GEMMA has no component for. No finding.
#[test]
fn the_patterns_every_municipality_has_pass() {
    let dir = repo().join("tests/fixtures/patterns");
    let run = gemmalint(&dir, &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let s = &json["summary"];
    assert_eq!(
        (
            s["error"].as_u64(),
            s["warning"].as_u64(),
            s["info"].as_u64(),
            s["waived"].as_u64()
        ),
        (Some(0), Some(0), Some(0), Some(2)),
        "{:#}",
        json["findings"]
    );
}

#[test]
fn voorbeeldstad_is_large_enough_to_be_realistic() {
    let dir = repo().join("examples/voorbeeldstad");
    let (files, _) = gemmalint::model::discover(
        &[dir.join("landscape")],
        &gemmalint::model::LoadOptions {
            root: &dir,
            exclude: &[],
        },
    );
    let (model, problems) = gemmalint::model::load(&files, &dir, &mut Default::default());
    assert!(problems.is_empty());
    assert!(files.len() >= 5);
    assert!(model.applications.len() >= 25);
    assert!(model.interfaces.len() >= 10);
    assert!(model.data_objects.len() >= 10);
}

#[test]
fn the_readme_quick_start_runs_from_the_repository_root() {
    let run = gemmalint(repo(), &["check", "examples/voorbeeldstad"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("no findings"), "{}", run.stdout);
}

#[test]
fn checking_one_file_of_a_model_says_why_its_references_are_unknown() {
    let dir = repo().join("examples/voorbeeldstad");
    let one = gemmalint(&dir, &["check", "landscape/koppelingen.yaml"]);
    assert_eq!(one.code, 1, "{}", one.stdout);
    assert!(
        one.stderr
            .contains("only the paths given were loaded, not the whole model (`landscape`)")
            && one.stderr.contains("`gemmalint check` without paths"),
        "{}",
        one.stderr
    );
    // The whole model, given as its path or not at all: no note.
    for args in [&["check", "landscape"][..], &["check"][..]] {
        let whole = gemmalint(&dir, args);
        assert_eq!(whole.code, 0, "{}", whole.stdout);
        assert!(!whole.stderr.contains("note:"), "{}", whole.stderr);
    }
}

#[test]
fn fouten_makes_every_rule_fire() {
    let dir = repo().join("examples/fouten");
    let run = gemmalint(&dir, &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let fired: BTreeSet<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    let registry = gemmalint::checks::registry();
    for card in &registry.cards {
        assert!(
            fired.contains(card.id.as_str()),
            "no finding of `{}` in examples/fouten",
            card.id
        );
    }
}

#[test]
fn two_runs_give_the_same_bytes() {
    for example in ["examples/voorbeeldstad", "examples/fouten"] {
        for format in ["human", "json"] {
            let a = gemmalint(repo(), &["check", example, "--format", format]);
            let b = gemmalint(repo(), &["check", example, "--format", format]);
            assert_eq!(a.stdout, b.stdout, "{example} --format {format}");
        }
    }
}
