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
