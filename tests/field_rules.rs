//! A pack's own field rules (`[[field_rules]]`): on the fixture in `tests/fixtures/field-rules/`,
//! every element whose id starts with `bad-` gets a finding of a field rule and no `ok-` element
//! does; mistakes in a field rule (a field the kind does not have, a value the field never holds,
//! an unknown standard) are problems that point into the pack.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{TODAY, gemmalint, repo};

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/field-rules")
}

/// The pack's field rules, by `--rule`: every built-in rule runs too unless left out.
const FIELD_RULES: &[&str] = &[
    "--rule=bron-heeft-eigenaar",
    "--rule=persoonsgegevens-niet-bij-saas",
    "--rule=rest-met-api-standaard",
    "--rule=tier-1-in-huisstijl",
    "--rule=uitfasering-met-contract",
];

fn check(extra: &[&str]) -> common::Run {
    let mut args = vec!["check", "--today", TODAY];
    args.extend_from_slice(extra);
    args.extend_from_slice(FIELD_RULES);
    gemmalint(&fixture(), &args)
}

#[test]
fn bad_elements_fire_and_ok_elements_stay_quiet() {
    let run = check(&["--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON output");
    let fired: BTreeSet<String> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let element = f["element"].as_str().expect("an element");
            let (_, id) = element.split_once(':').expect("kind:id");
            id.to_owned()
        })
        .collect();
    let expected: BTreeSet<String> = [
        "bad-saas-met-persoonsgegevens",
        "bad-uitfasering-zonder-einde",
        "bad-uitfasering-zonder-contract",
        "bad-rest-zonder-standaard",
        "bad-bron-zonder-eigenaar",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(fired, expected);
    let rules: BTreeSet<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("a rule"))
        .collect();
    assert_eq!(
        rules,
        BTreeSet::from([
            "bron-heeft-eigenaar",
            "persoonsgegevens-niet-bij-saas",
            "rest-met-api-standaard",
            "tier-1-in-huisstijl",
            "uitfasering-met-contract"
        ])
    );
}

#[test]
fn human_output() {
    let run = check(&[]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("field-rules", run.stdout);
}

/// A finding that several field rules have: `explain` names them, to pick one.
#[test]
fn explain_of_a_finding_several_rules_have_names_them() {
    let run = gemmalint(&fixture(), &["explain", "missing-field"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("`missing-field` is a finding of several rules"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("`bron-heeft-eigenaar::missing-field`"),
        "{}",
        run.stdout
    );
    let one = gemmalint(
        &fixture(),
        &["explain", "bron-heeft-eigenaar::missing-field"],
    );
    assert_eq!(one.code, 0, "{}", one.stdout);
}

#[test]
fn explain_shows_a_field_rule_like_a_built_in_one() {
    let run = gemmalint(&fixture(), &["explain", "persoonsgegevens-niet-bij-saas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("wrong-value") && !run.stdout.contains("missing-field"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("We voeren regie op wat we uitbesteden"),
        "{}",
        run.stdout
    );
}

/// Writes the fixture with one field rule replaced by `rule` (and, when given, another model),
/// and returns the problems.
fn problems_with(rule: &str, model: Option<&str>) -> Vec<serde_json::Value> {
    let tmp = tempfile::Builder::new()
        .prefix("gemmalint-field-rules-")
        .tempdir()
        .expect("a temporary directory");
    let dir = tmp.path();
    fs::create_dir_all(dir.join("regels")).expect("create regels/");
    for file in ["gemmalint.toml", "landschap.yaml"] {
        fs::copy(fixture().join(file), dir.join(file)).expect("copy the fixture");
    }
    if let Some(model) = model {
        fs::write(dir.join("landschap.yaml"), model).expect("write the model");
    }
    let pack = "id = \"eigen\"\ntitle = \"Eigen\"\nsource = \"test\"\n\n[[field_rules]]\nid = \"eigen-regel\"\ntitle = \"Eigen regel\"\nseverity = \"warning\"\n";
    fs::write(dir.join("regels/eigen.toml"), format!("{pack}{rule}\n")).expect("write the pack");
    let run = gemmalint(
        dir,
        &[
            "check",
            "--format",
            "json",
            "--today",
            TODAY,
            "--rule",
            "eigen-regel",
        ],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON output");
    json["problems"].as_array().expect("problems").clone()
}

fn assert_problem(rule: &str, message: &str, help: &str, line: u64, column: u64) {
    let problems = problems_with(rule, None);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p["message"], message, "{p:#?}");
    assert!(
        p["help"].as_str().is_some_and(|h| h.contains(help)),
        "help should contain {help:?}: {p:#?}"
    );
    assert_eq!(p["file"], "regels/eigen.toml");
    assert_eq!(
        (p["line"].as_u64(), p["column"].as_u64()),
        (Some(line), Some(column))
    );
}

#[test]
fn a_field_the_kind_does_not_have_is_a_problem() {
    assert_problem(
        "kind = \"application\"\nrequire = { fields = [\"lifecycle.eind\"] }",
        "`lifecycle` has no field `eind`",
        "`end`",
        10,
        23,
    );
    assert_problem(
        "kind = \"application\"\nrequire = { fields = [\"hostng\"] }",
        "an application has no field `hostng`",
        "did you mean `hosting`?",
        10,
        23,
    );
}

#[test]
fn a_value_the_field_never_holds_is_a_problem() {
    assert_problem(
        "kind = \"application\"\nrequire = { values = { hosting = [\"on-premise\", \"private-cloud\"] } }",
        "`hosting` is never `private-cloud`",
        "`on-premise`, `saas`, `cloud`, `shared-service`",
        10,
        49,
    );
    assert_problem(
        "kind = \"application\"\nwhere = { \"lifecycle.status\" = \"phaseout\" }\nrequire = { fields = [\"supplier\"] }",
        "`lifecycle.status` is never `phaseout`",
        "did you mean `phase-out`?",
        10,
        32,
    );
    assert_problem(
        "kind = \"application\"\nrequire = { values = { personal_data = \"ja\" } }",
        "`personal_data` is `true` or `false`",
        "without quotes",
        10,
        40,
    );
}

#[test]
fn a_field_rule_reads_only_what_the_kind_has() {
    assert_problem(
        "kind = \"data_object\"\nwhere = { processes_personal_data = true }\nrequire = { fields = [\"owner\"] }",
        "the derived key `processes_personal_data` is read for applications only, and as a whole",
        "`kind: application`",
        10,
        11,
    );
    assert_problem(
        "kind = \"owner\"\nrequire = { standards = [\"odf\"] }",
        "the field rule `eigen-regel` requires standards of owners, which do not implement standards",
        "only applications and interfaces",
        10,
        26,
    );
    assert_problem(
        "kind = \"application\"\nrequire = { fields = [\"lifecycle.x-review\"] }",
        "`lifecycle` has no field `x-review`",
        "top level",
        10,
        23,
    );
}

#[test]
fn a_value_no_field_can_equal_is_a_problem() {
    // Unquoted, a dotted key is a TOML table: a mapping where a value belongs.
    assert_problem(
        "kind = \"application\"\nrequire = { values = { lifecycle.status = \"active\" } }",
        "the value for `lifecycle` is a mapping",
        "quote a dotted path",
        10,
        24,
    );
    assert_problem(
        "kind = \"application\"\nrequire = { values = { lifecycle = \"active\" } }",
        "`lifecycle` is a mapping, which no single value equals",
        "`lifecycle.<field>`",
        10,
        36,
    );
    assert_problem(
        "kind = \"application\"\nrequire = { values = { hosting = [] } }",
        "the list of values for `hosting` is empty, so nothing can match it",
        "at least one value",
        10,
        34,
    );
    assert_problem(
        "kind = \"owner\"\nwhere = { kind = \"suplier\" }\nrequire = { fields = [\"contact\"] }",
        "`kind` is never `suplier`",
        "did you mean `supplier`?",
        10,
        18,
    );
}

#[test]
fn a_standard_that_failed_to_load_is_not_called_unknown() {
    // The model file that defines `huisstijl` has a problem: that problem alone is reported.
    let problems = problems_with(
        "kind = \"application\"\nrequire = { standards = [\"huisstijl\"] }",
        Some("standards:\n  huisstijl: { name: Huisstijl, statuss: lokaal }\n"),
    );
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["file"], "landschap.yaml");
}

#[test]
fn a_rule_that_requires_nothing_is_a_problem() {
    assert_problem(
        "kind = \"application\"\nrequire = {}",
        "the field rule `eigen-regel` requires nothing, so it can never fire",
        "`fields`, `values` or `standards`",
        6,
        6,
    );
}

#[test]
fn an_unknown_standard_is_a_problem_with_a_suggestion() {
    assert_problem(
        "kind = \"interface\"\nrequire = { standards = [\"api-design-rules\"] }",
        "the field rule `eigen-regel` requires the unknown standard `api-design-rules`",
        "`rest-api-design-rules`",
        10,
        26,
    );
}

#[test]
fn the_fixture_pack_is_in_the_schema_it_documents() {
    // The pack the fixture uses is a real pack file: `gemmalint rules` lists its rules.
    let run = gemmalint(Path::new(&fixture()), &["rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for id in [
        "persoonsgegevens-niet-bij-saas",
        "uitfasering-met-contract",
        "rest-met-api-standaard",
    ] {
        assert!(run.stdout.contains(id), "{id} not listed:\n{}", run.stdout);
    }
}
