//! `gemmalint init`: a new landscape repository that passes its own check, CI jobs that the CI
//! systems' own schemas accept, and nothing written when a file is in the way. Also the
//! baseline workflow and the generated completions and man page.

mod common;

use std::process::Command;

use common::{gemmalint, repo};

#[test]
fn init_in_an_empty_directory_then_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let run = gemmalint(dir.path(), &["init", "--name", "Gemeente Testdorp"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    for file in [
        "gemmalint.toml",
        "beleid/eigen-beleid.toml",
        "landscape/organisatie.yaml",
        "landscape/applicaties.yaml",
        ".github/workflows/gemmalint.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} is written");
    }
    let org = std::fs::read_to_string(dir.path().join("landscape/organisatie.yaml")).unwrap();
    assert!(org.contains("name: Gemeente Testdorp"));
    let check = gemmalint(dir.path(), &["check"]);
    assert_eq!(
        check.code, 0,
        "the starter landscape passes: {}",
        check.stdout
    );
    assert!(check.stdout.contains("no findings"), "{}", check.stdout);
}

/// The starter pack is cited as a draft until its source is filled in: a finding never quotes
/// an unfinished template as the municipality's adopted policy.
#[test]
fn the_starter_pack_is_a_draft_until_its_source_is_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let run = gemmalint(dir.path(), &["init", "--name", "Gemeente Testdorp"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let draft = "Informatiebeleid Gemeente Testdorp (concept: nog niet ingevuld)";
    let explain = gemmalint(dir.path(), &["explain", "ownership"]);
    assert!(explain.stdout.contains(draft), "{}", explain.stdout);
    let pack = dir.path().join("beleid/eigen-beleid.toml");
    let text = std::fs::read_to_string(&pack).unwrap();
    let start = text.find("source = \"Vul in").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    let filled = format!(
        "{}source = \"Informatiebeleid 2026-2030, vastgesteld 1 maart 2026\"{}",
        &text[..start],
        &text[end..]
    );
    std::fs::write(&pack, filled).unwrap();
    let explain = gemmalint(dir.path(), &["explain", "ownership"]);
    assert!(!explain.stdout.contains("concept"), "{}", explain.stdout);
    assert!(
        explain
            .stdout
            .contains("Informatiebeleid Gemeente Testdorp"),
        "{}",
        explain.stdout
    );
}

#[test]
fn init_writes_nothing_when_a_file_exists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "target/\n").unwrap();
    let run = gemmalint(dir.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("`.gitignore`"), "{}", run.stdout);
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "nothing else was written");
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "target/\n"
    );
}

/// Validates a file with PyPI's check-jsonschema and one of its built-in schemas (installed by
/// `.ci/run`); without it, outside CI, the check is skipped with a note.
fn check_jsonschema(builtin: &str, file: &std::path::Path) {
    match Command::new("check-jsonschema")
        .args(["--builtin-schema", builtin])
        .arg(file)
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "{} is not valid for {builtin}:\n{}{}",
            file.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!(
                "note: check-jsonschema is not installed; the workflow schema check is skipped (`.ci/run` installs it)"
            );
        }
        Err(e) => panic!("check-jsonschema is needed in CI: {e}"),
    }
}

#[test]
fn the_generated_ci_jobs_are_valid_and_run_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(gemmalint(dir.path(), &["init"]).code, 0);
    let github = dir.path().join(".github/workflows/gemmalint.yml");
    let gitlab = dir.path().join(".gitlab-ci.yml");
    check_jsonschema("vendor.github-workflows", &github);
    check_jsonschema("vendor.gitlab-ci", &gitlab);
    let github = std::fs::read_to_string(github).unwrap();
    assert!(github.contains(&format!(
        "cargo install --locked --git {}",
        env!("CARGO_PKG_REPOSITORY")
    )));
    assert!(
        github.contains("--format sarif")
            && github.contains("upload-sarif")
            && github.contains("GITHUB_STEP_SUMMARY")
    );
    let gitlab = std::fs::read_to_string(gitlab).unwrap();
    assert!(
        gitlab.contains("codequality: gl-code-quality-report.json")
            && gitlab.contains("--format markdown")
    );
    // pre-commit has no schema in check-jsonschema: check the shape its docs give.
    let hooks = std::fs::read_to_string(dir.path().join(".pre-commit-config.yaml")).unwrap();
    let file =
        gemmalint::text::SourceFile::new("p.yaml".into(), hooks, gemmalint::text::Language::Yaml);
    let json = gemmalint::syntax::parse_yaml(&file).unwrap().to_json();
    let hook = &json["repos"][0]["hooks"][0];
    assert_eq!(json["repos"][0]["repo"], "local");
    assert_eq!(hook["language"], "system");
    assert_eq!(hook["entry"], "gemmalint check");
    assert_eq!(hook["pass_filenames"], false);
}

#[test]
fn the_readme_shows_the_ci_jobs_that_init_writes() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for (path, text) in gemmalint::cli::init::files("Gemeente Voorbeeld") {
        if path.contains(".github/")
            || path == ".gitlab-ci.yml"
            || path == ".pre-commit-config.yaml"
        {
            assert!(
                readme.contains(&text),
                "README.md does not show the {path} that init writes"
            );
        }
    }
}

#[test]
fn a_baseline_fails_only_new_findings_wherever_the_yaml_moves() {
    let dir = tempfile::tempdir().unwrap();
    let examples = repo().join("examples/fouten");
    copy(&examples, dir.path());
    let taken = gemmalint(dir.path(), &["baseline", "-o", "baseline.json"]);
    assert_eq!(taken.code, 0, "{}", taken.stdout);
    let clean = gemmalint(
        dir.path(),
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(clean.code, 0, "everything is baselined: {}", clean.stdout);
    let json: serde_json::Value = serde_json::from_str(&clean.stdout).unwrap();
    assert_eq!(json["summary"]["error"], 0);
    assert!(json["summary"]["baselined"].as_u64().unwrap() > 10);

    // Move YAML around (a file's elements in reverse order, comment lines on top), fix one
    // finding and add one new violation.
    let file = dir
        .path()
        .join("landscape/applicaties/publieksdiensten.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let moved = format!("# verplaatst\n# en nog eens\n\n{text}");
    std::fs::write(
        &file,
        moved.replace("license: EUPL 1.2", "license: EUPL-1.2"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("landscape/nieuw.yaml"),
        "applications:\n  nieuwe-app:\n    name: Nieuwe app\n    owner: team-bestaat-niet\n",
    )
    .unwrap();
    let run = gemmalint(
        dir.path(),
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let failing: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["baselined"] == false && f["waived_by"].is_null() && f["severity"] == "error")
        .map(|f| f["element"].as_str().unwrap())
        .collect();
    assert_eq!(
        failing,
        vec!["application:nieuwe-app"],
        "only the new violation fails"
    );
    assert_eq!(
        json["summary"]["baseline_stale"], 1,
        "the fixed licence is no longer in the model"
    );
    let human = gemmalint(dir.path(), &["check", "--baseline", "baseline.json"]);
    assert!(human.stdout.contains("no longer match"), "{}", human.stdout);
}

/// `baseline = "FILE"` in gemmalint.toml: `check` and the reports apply it without a flag (so
/// the CI jobs `init` writes need no change), `gemmalint baseline` records every finding anew,
/// and a baseline the config names but nobody wrote is a problem that says how to write it.
#[test]
fn the_config_names_the_baseline_for_every_job() {
    let dir = tempfile::tempdir().unwrap();
    copy(&repo().join("examples/fouten"), dir.path());
    let config = dir.path().join("gemmalint.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("baseline = \"accepted.json\"\n{text}")).unwrap();
    let missing = gemmalint(dir.path(), &["check"]);
    assert_eq!(missing.code, 2, "{}", missing.stdout);
    assert!(
        missing
            .stdout
            .contains("the baseline `accepted.json` does not exist")
            && missing
                .stdout
                .contains("gemmalint baseline -o accepted.json"),
        "{}",
        missing.stdout
    );
    let taken = gemmalint(dir.path(), &["baseline", "-o", "accepted.json"]);
    assert_eq!(taken.code, 0, "{}", taken.stdout);
    let check = gemmalint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    assert!(
        json["summary"]["baselined"].as_u64().unwrap() > 10,
        "{}",
        json["summary"]
    );
    // Taken again with the config's baseline in force, it still records every finding.
    let again = gemmalint(dir.path(), &["baseline", "-o", "again.json"]);
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("again.json")).unwrap(),
        std::fs::read_to_string(dir.path().join("accepted.json")).unwrap()
    );
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let dir = repo();
    let bash = gemmalint(dir, &["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("--baseline") && bash.stdout.contains("explain"));
    let man = gemmalint(dir, &["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH gemmalint"), "a roff man page");
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
