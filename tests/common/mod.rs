//! Shared helpers for the integration tests: run the real binary and read its JSON.

#![allow(dead_code)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

/// The date every test runs on, so nothing rots with the calendar.
pub const TODAY: &str = "2026-11-28";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `gemmalint` with the arguments in a directory, without colours.
pub fn gemmalint(dir: &Path, args: &[&str]) -> Run {
    let output = cargo_bin_cmd!("gemmalint")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "100")
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: output
            .status
            .code()
            .expect("the binary exits, it is not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// `check --format json` on a path, with a fixed date and no config.
pub fn check_json(dir: &Path, path: &str) -> (i32, serde_json::Value) {
    let run = gemmalint(
        dir,
        &[
            "check",
            path,
            "--format",
            "json",
            "--no-config",
            "--today",
            TODAY,
        ],
    );
    assert!(
        run.stderr.is_empty(),
        "nothing on stderr, got: {}",
        run.stderr
    );
    let json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}):\n{}", run.stdout));
    (run.code, json)
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
