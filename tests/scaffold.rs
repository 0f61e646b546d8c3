//! `tools/new-rule` keeps up with the packs: run on a copy of the files it changes, it adds the
//! rule to the principle named (or starts one), makes the card rest on it, lists the module, and
//! writes nothing when the rule is there already.

use std::fs;
use std::path::Path;
use std::process::Command;

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to.parent().expect("a parent")).expect("make the directory");
    fs::copy(from, to).expect("copy a file");
}

/// A copy of what the scaffold reads and writes, or `None` where Python is missing (outside CI).
fn copy_of_the_repository() -> Option<tempfile::TempDir> {
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "python3 is needed to run tools/new-rule"
        );
        eprintln!("skipped: no python3 to run tools/new-rule");
        return None;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    for file in [
        "src/checks/mod.rs",
        "rules/packs/gemma/pack.toml",
        "rules/cards/lifecycle.toml",
    ] {
        copy(&repo.join(file), &dir.path().join(file));
    }
    fs::create_dir_all(dir.path().join("tests/fixtures/rules")).expect("fixtures");
    Some(dir)
}

fn new_rule(root: &Path, args: &[&str]) -> std::process::Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/new-rule");
    Command::new("python3")
        .arg(script)
        .args(args)
        .env("GEMMALINT_ROOT", root)
        .output()
        .expect("tools/new-rule runs")
}

fn toml(path: &Path) -> toml::Table {
    fs::read_to_string(path)
        .expect("the file is there")
        .parse()
        .expect("it is TOML")
}

fn cited_by(pack: &toml::Table, principle: &str) -> Vec<String> {
    pack["principles"]
        .as_array()
        .expect("principles")
        .iter()
        .find(|p| p["id"].as_str() == Some(principle))
        .and_then(|p| p.get("rules"))
        .and_then(|r| r.as_array())
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_new_rule_rests_on_the_principle_named() {
    let Some(dir) = copy_of_the_repository() else {
        return;
    };
    let root = dir.path();
    let run = new_rule(
        root,
        &[
            "hosting-known",
            "--pack",
            "gemma",
            "--principle",
            "nap10-levenscyclus",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pack = toml(&root.join("rules/packs/gemma/pack.toml"));
    assert_eq!(
        cited_by(&pack, "nap10-levenscyclus"),
        ["lifecycle", "hosting-known"]
    );
    // No other principle took it.
    let citing = pack["principles"]
        .as_array()
        .expect("principles")
        .iter()
        .filter(|p| p.to_string().contains("hosting-known"))
        .count();
    assert_eq!(citing, 1);
    let card = toml(&root.join("rules/cards/hosting-known.toml"));
    assert_eq!(
        card["variants"][0]["rests_on"].as_str(),
        Some("gemma/nap10-levenscyclus")
    );
    let list = fs::read_to_string(root.join("src/checks/mod.rs")).expect("the rule list");
    assert!(list.contains("mod hosting_known;"), "{list}");
    assert!(
        list.contains("hosting_known = \"hosting-known\","),
        "{list}"
    );
    assert!(root.join("src/checks/hosting_known.rs").is_file());
    assert!(
        root.join("tests/fixtures/rules/hosting-known/landscape.yaml")
            .is_file()
    );

    // Again: nothing is written, and it says why.
    let before = fs::read_to_string(root.join("rules/packs/gemma/pack.toml")).expect("the pack");
    let again = new_rule(
        root,
        &["hosting-known", "--principle", "nap10-levenscyclus"],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("writes nothing"));
    assert_eq!(
        fs::read_to_string(root.join("rules/packs/gemma/pack.toml")).expect("the pack"),
        before
    );
}

#[test]
fn without_a_principle_a_new_one_is_started() {
    let Some(dir) = copy_of_the_repository() else {
        return;
    };
    let root = dir.path();
    let run = new_rule(root, &["exit-plan"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pack = toml(&root.join("rules/packs/gemma/pack.toml"));
    assert_eq!(cited_by(&pack, "exit-plan"), ["exit-plan"]);
    let card = toml(&root.join("rules/cards/exit-plan.toml"));
    assert_eq!(
        card["variants"][0]["rests_on"].as_str(),
        Some("gemma/exit-plan")
    );
    // A principle that is not there is refused.
    let unknown = new_rule(root, &["other-rule", "--principle", "bestaat-niet"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("has no principle `bestaat-niet`"));
}
