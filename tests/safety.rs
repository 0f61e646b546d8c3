//! Nothing the user gave us is overwritten, nothing is written where it should not be, and a
//! write either happens whole or leaves the old file as it was.

mod common;

use std::fs;
use std::path::Path;

use common::gemmalint;

const MODEL: &str = "owners:\n  team-a: { name: Team A, kind: team }\n";

fn landscape() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gemmalint-safety-")
        .tempdir()
        .unwrap();
    fs::create_dir(dir.path().join("landscape")).unwrap();
    fs::write(dir.path().join("landscape/a.yaml"), MODEL).unwrap();
    fs::write(
        dir.path().join("gemmalint.toml"),
        "model = [\"landscape\"]\n",
    )
    .unwrap();
    dir
}

fn refused(dir: &Path, args: &[&str], file: &str, before: &str) {
    let run = gemmalint(dir, args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("which this run read as input"),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read_to_string(dir.join(file)).unwrap(), before);
}

#[test]
fn check_output_never_replaces_an_input() {
    let tmp = landscape();
    let dir = tmp.path();
    refused(
        dir,
        &["check", "--format", "json", "-o", "landscape/a.yaml"],
        "landscape/a.yaml",
        MODEL,
    );
    let config = fs::read_to_string(dir.join("gemmalint.toml")).unwrap();
    refused(
        dir,
        &["check", "-o", "gemmalint.toml"],
        "gemmalint.toml",
        &config,
    );
    // The baseline checked against.
    let run = gemmalint(dir, &["baseline", "-o", "baseline.json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let baseline = fs::read_to_string(dir.join("baseline.json")).unwrap();
    refused(
        dir,
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
            "-o",
            "baseline.json",
        ],
        "baseline.json",
        &baseline,
    );
    refused(
        dir,
        &["baseline", "-o", "landscape/a.yaml"],
        "landscape/a.yaml",
        MODEL,
    );
}

#[test]
fn a_report_that_cannot_be_written_leaves_the_old_one() {
    let tmp = landscape();
    let dir = tmp.path();
    fs::write(dir.join("report.json"), "{\"old\": true}").unwrap();
    // A directory where the report should go: the write fails, nothing else changes.
    let run = gemmalint(dir, &["check", "--format", "json", "-o", "landscape"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("cannot write the report"),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read_dir(dir.join("landscape")).unwrap().count(), 1);
    let run = gemmalint(dir, &["check", "--format", "json", "-o", "report.json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    let leftovers: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_report_written_to_a_file_is_the_report_on_stdout() {
    // JSON to a file is streamed as it is made; it must be byte for byte what stdout shows.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.json");
    let file_arg = file.to_str().unwrap();
    for example in ["examples/voorbeeldstad", "examples/fouten"] {
        let shown = gemmalint(root, &["check", example, "--format", "json"]);
        let written = gemmalint(
            root,
            &["check", example, "--format", "json", "-o", file_arg],
        );
        assert_eq!(shown.code, written.code, "{}", written.stdout);
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            shown.stdout,
            "{example}"
        );
    }
}

#[test]
fn init_refuses_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("afile"), "").unwrap();
    let run = gemmalint(tmp.path(), &["init", "afile"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("is a file, not a directory"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("os error"), "{}", run.stdout);
}

#[test]
fn init_writes_all_files_or_none() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    fs::create_dir(&dir).unwrap();
    // `.github` is a file: the workflow cannot be written, so nothing is.
    fs::write(dir.join(".github"), "").unwrap();
    let run = gemmalint(tmp.path(), &["init", "repo"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stdout.contains("`.github`"), "{}", run.stdout);
    let names: Vec<_> = fs::read_dir(&dir).unwrap().collect();
    assert_eq!(names.len(), 1, "only `.github` is there");
    // Once it is moved aside, init writes every file.
    fs::remove_file(dir.join(".github")).unwrap();
    let run = gemmalint(tmp.path(), &["init", "repo"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(dir.join(".github/workflows/gemmalint.yml").is_file());
    assert!(dir.join("beleid/eigen-beleid.toml").is_file());
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_symlink() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    fs::create_dir(&dir).unwrap();
    let outside = tmp.path().join("outside.toml");
    std::os::unix::fs::symlink(&outside, dir.join("gemmalint.toml")).unwrap();
    let run = gemmalint(tmp.path(), &["init", "repo"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        !outside.exists(),
        "nothing was written outside the directory"
    );
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn report_over_a_symlink_replaces_the_link() {
    let tmp = landscape();
    let dir = tmp.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("precious.txt");
    fs::write(&target, "precious").unwrap();
    std::os::unix::fs::symlink(&target, dir.join("report.json")).unwrap();
    let run = gemmalint(dir, &["check", "--format", "json", "-o", "report.json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
}

/// The config's problems, each with its place: `(file, line, column, message)`.
fn config_problems(dir: &Path, config: &str) -> (String, Vec<(String, u64, u64, String)>) {
    fs::write(dir.join("gemmalint.toml"), config).unwrap();
    let human = gemmalint(dir, &["check"]);
    assert_eq!(human.code, 2, "{}", human.stdout);
    let run = gemmalint(dir, &["check", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let problems = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap_or("").to_owned(),
                p["line"].as_u64().unwrap_or(0),
                p["column"].as_u64().unwrap_or(0),
                p["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (human.stdout, problems)
}

#[test]
fn config_paths_outside_the_root_are_never_opened() {
    let tmp = landscape();
    let dir = tmp.path();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    fs::write(&secret, "api_key: hunter2\n").unwrap();
    for config in [
        format!("model = [\"{}\"]\n", secret.display()),
        "model = [\"../secret.yaml\"]\n".to_owned(),
    ] {
        let (human, problems) = config_problems(dir, &config);
        assert!(!human.contains("hunter2"), "{human}");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let (file, line, column, message) = &problems[0];
        assert_eq!((file.as_str(), *line, *column), ("gemmalint.toml", 1, 10));
        assert!(message.contains("outside the model root"), "{message}");
    }
    // A symlink inside the root that leads out of it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), dir.join("elders")).unwrap();
        let (human, problems) = config_problems(dir, "model = [\"elders\"]\n");
        assert!(!human.contains("hunter2"), "{human}");
        assert!(
            problems[0].3.contains("outside the model root"),
            "{problems:?}"
        );
    }
    let (_, problems) = config_problems(dir, "packs = [\"../pack.toml\"]\n");
    assert!(
        problems[0].3.contains("outside the model root"),
        "{problems:?}"
    );
    assert_eq!(problems[0].0, "gemmalint.toml");
}

#[test]
fn config_values_that_are_wrong_point_at_themselves() {
    let tmp = landscape();
    let dir = tmp.path();
    for (config, column, says) in [
        ("model = [\"landscap\"]\n", 10, "does not exist"),
        ("model = 5\n", 9, "expected a path"),
        (
            "exclude = [\"!landscape/oud.yaml\"]\n",
            12,
            "starts with `!`",
        ),
        ("exclude = [\"landscape/[oud\"]\n", 12, "not a valid glob"),
    ] {
        let (human, problems) = config_problems(dir, config);
        assert_eq!(problems.len(), 1, "{config}: {problems:?}");
        let (file, line, col, message) = &problems[0];
        assert_eq!(
            (file.as_str(), *line, *col),
            ("gemmalint.toml", 1, column),
            "{config}"
        );
        assert!(message.contains(says), "{config}: {message}");
        if config.contains("landscap\"") {
            assert!(human.contains("did you mean `landscape`?"), "{human}");
        }
    }
}

#[cfg(unix)]
#[test]
fn symlinked_model_files_are_read_inside_the_root_and_reported_outside_it() {
    use std::os::unix::fs::symlink;
    let tmp = landscape();
    let dir = tmp.path();
    fs::create_dir(dir.join("gedeeld")).unwrap();
    fs::write(
        dir.join("gedeeld/apps.yaml"),
        "applications:\n  zaak:\n    name: Zaak\n    owner: team-a\n",
    )
    .unwrap();
    // Inside the root: read (and once, though reached twice).
    symlink("../gedeeld/apps.yaml", dir.join("landscape/apps.yaml")).unwrap();
    symlink("../gedeeld", dir.join("landscape/gedeeld")).unwrap();
    let run = gemmalint(dir, &["check", "--format", "json", "--rule", "ownership"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["summary"]["problems"], 0, "{json:#}");
    // Outside the root, and dangling: reported, never read, never skipped in silence.
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("x.yaml"),
        "applications:\n  geheim:\n    name: Geheim\n",
    )
    .unwrap();
    symlink(outside.path().join("x.yaml"), dir.join("landscape/x.yaml")).unwrap();
    symlink("nergens.yaml", dir.join("landscape/weg.yaml")).unwrap();
    let run = gemmalint(dir, &["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let out = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        out.contains("`landscape/x.yaml` is a symlink to") && out.contains("outside the model"),
        "{out}"
    );
    assert!(
        out.contains("`landscape/weg.yaml` is a symlink whose target does not exist"),
        "{out}"
    );
    assert!(!out.contains("Geheim"), "{out}");
    // Each is placed at the link itself, so JSON, SARIF and GitLab can name the file.
    let run = gemmalint(dir, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut placed: Vec<(String, u64)> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_owned(),
                p["line"].as_u64().unwrap(),
            )
        })
        .collect();
    placed.sort();
    assert_eq!(
        placed,
        [
            ("landscape/weg.yaml".to_owned(), 1),
            ("landscape/x.yaml".to_owned(), 1)
        ]
    );
}
