//! Bad input: every way a model, a config or a command line can be unusable. Each case builds its
//! input in a fresh temporary directory, runs the real binary there and checks that
//!
//! - it exits 2 (a *problem*), except for empty and comment-only files, which are an empty model;
//! - the human output names the file and the position (`╭─[a.yaml:4:5]`), and so does the JSON
//!   problem (`file`, `line`, `column`);
//! - the message says what is wrong (and the help, where there is a better spelling, suggests it);
//! - nothing panics and the process is not killed by a signal;
//! - nothing is written: the temporary directory is the same, byte for byte, afterwards.
//!
//! A few representative human outputs are kept as insta snapshots.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{Run, TODAY, gemmalint};
use serde_json::Value;
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A fresh, non-hidden temporary directory (the model walker skips hidden directories).
fn tempdir() -> TempDir {
    tempfile::Builder::new()
        .prefix("gemmalint-bad-input-")
        .tempdir()
        .expect("a temporary directory")
}

/// Writes `bytes` to `rel` inside `dir`, creating parent directories.
fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create the parent directory");
    }
    fs::write(&path, bytes).expect("write the input file");
}

/// What a directory holds, recursively: every entry's relative path and, for files, its bytes.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    Dir,
    File(Vec<u8>),
    Link(std::path::PathBuf),
}

fn tree(dir: &Path) -> BTreeMap<String, Entry> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Entry>) {
        for entry in fs::read_dir(dir).expect("read the directory") {
            let entry = entry.expect("a directory entry");
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let kind = entry.file_type().expect("a file type");
            if kind.is_symlink() {
                out.insert(rel, Entry::Link(fs::read_link(&path).unwrap()));
            } else if kind.is_dir() {
                out.insert(rel, Entry::Dir);
                walk(root, &path, out);
            } else {
                out.insert(rel, Entry::File(fs::read(&path).expect("read the file")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Runs the binary in `dir` and checks what every run must satisfy: no panic, no signal (the
/// helper already refuses a run without an exit code), and nothing written to the directory.
fn run(dir: &Path, args: &[&str]) -> Run {
    let before = tree(dir);
    let run = gemmalint(dir, args);
    let after = tree(dir);
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "gemmalint {args:?} panicked:\nstdout:\n{}\nstderr:\n{}",
        run.stdout,
        run.stderr
    );
    assert!(
        !run.stderr.contains("RUST_BACKTRACE"),
        "gemmalint {args:?} printed a backtrace hint:\n{}",
        run.stderr
    );
    if before != after {
        let changed: Vec<_> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .collect();
        panic!("gemmalint {args:?} changed the directory: {changed:?}");
    }
    run
}

/// Everything the human run printed, on either stream.
fn text(run: &Run) -> String {
    format!("{}{}", run.stdout, run.stderr)
}

/// `check PATH --no-config --today TODAY` in the human format.
fn check_human(dir: &Path, path: &str) -> Run {
    run(dir, &["check", path, "--no-config", "--today", TODAY])
}

/// `check PATH --no-config --today TODAY --format json`, parsed, after checking the envelope.
fn check_json(dir: &Path, path: &str, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", path, "--format", "json", "--today", TODAY];
    args.extend_from_slice(extra);
    json_run(dir, &args)
}

fn json_run(dir: &Path, args: &[&str]) -> (i32, Value) {
    let run = run(dir, args);
    let json: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON on stdout ({e}):\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        )
    });
    assert_eq!(json["version"], 1, "{json:#}");
    let problems = json["problems"].as_array().expect("a problems array");
    // Every listed problem counts once, except the "… and N more" note, which counts N.
    let counted: u64 = problems
        .iter()
        .map(|p| {
            let m = p["message"].as_str().unwrap_or("");
            m.strip_prefix("… and ")
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(1)
        })
        .sum();
    assert_eq!(
        json["summary"]["problems"].as_u64(),
        Some(counted),
        "the summary counts the problems, also those not shown: {json:#}"
    );
    if !problems.is_empty() {
        assert_eq!(
            json["findings"],
            serde_json::json!([]),
            "no rule runs when there are problems"
        );
    }
    (run.code, json)
}

fn problems(json: &Value) -> &Vec<Value> {
    json["problems"].as_array().expect("a problems array")
}

/// The one JSON problem at `file:line:column`.
fn problem_at<'a>(json: &'a Value, file: &str, line: u64, column: u64) -> &'a Value {
    let found: Vec<_> = problems(json)
        .iter()
        .filter(|p| p["file"] == file && p["line"] == line && p["column"] == column)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one problem at {file}:{line}:{column} in {json:#}"
    );
    found[0]
}

fn message(problem: &Value) -> &str {
    problem["message"].as_str().expect("a message")
}

fn help(problem: &Value) -> &str {
    problem["help"].as_str().unwrap_or("")
}

/// The human output's miette header for a position.
fn assert_header(out: &str, file: &str, line: u64, column: u64) {
    let header = format!("─[{file}:{line}:{column}]");
    assert!(
        out.contains(&header),
        "the human output names {header}:\n{out}"
    );
}

/// The common shape of a model case: the human run and the JSON run both exit 2, and each
/// expected problem is at its place in both, with `needle` in its message.
fn assert_model_problems(
    dir: &Path,
    path: &str,
    expected: &[(&str, u64, u64, &str)],
) -> (Run, Value) {
    let human = check_human(dir, path);
    let out = text(&human);
    assert_eq!(human.code, 2, "exit 2 on a problem:\n{out}");
    assert!(
        out.contains("no rule has run"),
        "the summary says no rule ran:\n{out}"
    );

    // `--fail-on never` does not hide a problem.
    let (code, json) = check_json(dir, path, &["--no-config", "--fail-on", "never"]);
    assert_eq!(
        code, 2,
        "exit 2 on a problem in JSON too, even with --fail-on never: {json:#}"
    );
    assert_eq!(problems(&json).len(), expected.len(), "{json:#}");
    for &(file, line, column, needle) in expected {
        assert_header(&out, file, line, column);
        let p = problem_at(&json, file, line, column);
        assert!(
            message(p).contains(needle),
            "the message at {file}:{line} says {needle:?}: {p:#}"
        );
        assert!(
            out.contains(message(p)),
            "the human output has the message {:?}:\n{out}",
            message(p)
        );
    }
    (human, json)
}

/// Regex-escapes a literal for an insta filter.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A snapshot of a human output, with the temporary directory's path (should it ever appear)
/// replaced by `[TMP]`.
fn snapshot(name: &str, dir: &Path, out: &str) {
    let mut filters = vec![(escape(&dir.to_string_lossy()), "[TMP]".to_string())];
    if let Ok(canonical) = dir.canonicalize() {
        filters.insert(
            0,
            (escape(&canonical.to_string_lossy()), "[TMP]".to_string()),
        );
    }
    let filters: Vec<(&str, &str)> = filters
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    insta::with_settings!({ filters => filters, prepend_module_to_snapshot => true }, {
        insta::assert_snapshot!(name, out);
    });
}

/// A model that loads without problems (rules would find things in it, but the cases that use it
/// stop on a problem elsewhere before any rule runs).
const SMALL_MODEL: &str = "applications:\n  zaak:\n    name: Zaak\n";

// ---------------------------------------------------------------------------------------------
// YAML syntax and structure
// ---------------------------------------------------------------------------------------------

#[test]
fn malformed_yaml() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:\n  zaak:\n    name: [unclosed\n",
    );
    let (human, json) = assert_model_problems(dir, ".", &[("a.yaml", 3, 11, "invalid YAML")]);
    assert!(
        help(&problems(&json)[0]).contains("YAML syntax"),
        "{json:#}"
    );
    snapshot("malformed_yaml", dir, &text(&human));
}

#[test]
fn an_unclosed_bracket_is_named_where_it_opens() {
    let tmp = tempdir();
    let dir = tmp.path();
    // The parser stops at `owner:` on line 5; the cause is the `[` on line 4.
    write(
        dir,
        "a.yaml",
        "applications:\n  zaak:\n    name: Zaak\n    functions: [zaakafhandeling, documentbeheer\n    owner: team-zaken\n",
    );
    let (human, json) =
        assert_model_problems(dir, ".", &[("a.yaml", 5, 10, "line 4 is never closed")]);
    let problem = &problems(&json)[0];
    assert!(help(problem).contains("with `]`"), "{json:#}");
    let related = &problem["related"][0];
    assert_eq!(
        (related["line"].as_u64(), related["column"].as_u64()),
        (Some(4), Some(16)),
        "{json:#}"
    );
    snapshot(
        "an_unclosed_bracket_is_named_where_it_opens",
        dir,
        &text(&human),
    );
}

#[test]
fn top_level_list() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", "- zaaksysteem\n- crm\n");
    let (_, json) = assert_model_problems(dir, ".", &[("a.yaml", 1, 1, "must be a mapping")]);
    assert!(message(&problems(&json)[0]).contains("list"), "{json:#}");
}

#[test]
fn tabs_for_indentation() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", "applications:\n\tzaak:\n\t\tname: Zaak\n");
    let (_, json) = assert_model_problems(dir, ".", &[("a.yaml", 2, 1, "tab")]);
    assert!(help(&problems(&json)[0]).contains("spaces"), "{json:#}");
}

#[test]
fn duplicate_key_in_an_element() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:\n  zaak:\n    name: Zaak\n    name: Zaken\n",
    );
    let (human, _) = assert_model_problems(dir, ".", &[("a.yaml", 4, 5, "`name` appears twice")]);
    assert!(
        text(&human).contains("first here"),
        "points at the first one too:\n{}",
        text(&human)
    );
}

#[test]
fn file_is_a_scalar() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", "just some text\n");
    let (_, json) = assert_model_problems(dir, ".", &[("a.yaml", 1, 1, "must be a mapping")]);
    assert!(
        message(&problems(&json)[0]).contains("just some text"),
        "{json:#}"
    );
}

#[test]
fn non_utf8_bytes() {
    let tmp = tempdir();
    let dir = tmp.path();
    // Latin-1 "café": 0xE9 is not UTF-8.
    write(
        dir,
        "a.yaml",
        b"applications:\n  zaak:\n    name: caf\xe9\n",
    );
    let (human, _) = assert_model_problems(dir, ".", &[("a.yaml", 3, 14, "not UTF-8")]);
    snapshot("non_utf8_bytes", dir, &text(&human));
}

// ---------------------------------------------------------------------------------------------
// Empty files: an empty model, not a problem
// ---------------------------------------------------------------------------------------------

fn assert_empty_model(dir: &Path) {
    let human = check_human(dir, ".");
    let out = text(&human);
    assert_eq!(human.code, 0, "an empty file is an empty model:\n{out}");
    assert!(out.contains("Checked 0 applications"), "{out}");
    let (code, json) = check_json(dir, ".", &["--no-config"]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["problems"], serde_json::json!([]), "{json:#}");
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");
}

#[test]
fn empty_file_is_an_empty_model() {
    let tmp = tempdir();
    write(tmp.path(), "a.yaml", "");
    assert_empty_model(tmp.path());
}

#[test]
fn comment_only_file_is_an_empty_model() {
    let tmp = tempdir();
    write(
        tmp.path(),
        "a.yaml",
        "# Het applicatielandschap komt hier.\n\n   # nog niets\n",
    );
    assert_empty_model(tmp.path());
}

// ---------------------------------------------------------------------------------------------
// Keys, types, values
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_key_suggests_the_close_one() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:\n  zaak:\n    name: Zaak\n    ownr: team-zgw\n",
    );
    let (human, json) = assert_model_problems(dir, ".", &[("a.yaml", 4, 5, "unknown key `ownr`")]);
    assert_eq!(
        help(&problems(&json)[0]),
        "did you mean `owner`?",
        "{json:#}"
    );
    assert!(
        text(&human).contains("did you mean `owner`?"),
        "{}",
        text(&human)
    );
    snapshot("unknown_key", dir, &text(&human));
}

#[test]
fn unknown_collection_suggests_the_close_one() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", "aplications:\n  zaak:\n    name: Zaak\n");
    let (human, json) = assert_model_problems(dir, ".", &[("a.yaml", 1, 1, "`aplications`")]);
    assert_eq!(
        help(&problems(&json)[0]),
        "did you mean `applications`?",
        "{json:#}"
    );
    assert!(text(&human).contains("did you mean `applications`?"));
}

#[test]
fn wrong_types() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:\n  een:\n    name: [Zaak, Systeem]\n  twee:\n    name: Twee\n    external: yes\n",
    );
    let (_, json) = assert_model_problems(
        dir,
        ".",
        &[("a.yaml", 3, 5, "a list"), ("a.yaml", 6, 15, "`yes`")],
    );
    let list = problem_at(&json, "a.yaml", 3, 5);
    assert!(
        message(list).contains("text"),
        "says a text belongs there: {list:#}"
    );
    let yes = problem_at(&json, "a.yaml", 6, 15);
    assert!(message(yes).contains("`true` or `false`"), "{yes:#}");
}

#[test]
fn every_problem_of_one_element_at_once() {
    let tmp = tempdir();
    let dir = tmp.path();
    // Three unknown keys and a wrong type in one element (one of them nested), and a required
    // key with the wrong type is not then also reported missing.
    write(
        dir,
        "a.yaml",
        "applications:\n  zaak:\n    name: [Zaak]\n    onwer: team-zgw\n    lifecycle: { status: active, sinse: 2020 }\n    colour: blue\n",
    );
    let (human, _) = assert_model_problems(
        dir,
        ".",
        &[
            ("a.yaml", 3, 5, "a list"),
            ("a.yaml", 4, 5, "unknown key `onwer`"),
            ("a.yaml", 5, 34, "unknown key `sinse`"),
            ("a.yaml", 6, 5, "unknown key `colour`"),
        ],
    );
    assert!(!text(&human).contains("missing"), "{}", text(&human));
}

#[test]
fn a_misspelt_required_key_does_not_hide_the_problems_after_it() {
    let tmp = tempdir();
    let dir = tmp.path();
    // `rol:` leaves its holding without `role`; the holding after it has a wrong value, and the
    // lifecycle before it two: all four in one run (a blind test needed four runs).
    write(
        dir,
        "a.yaml",
        "applications:\n  zaak:\n    name: Zaak\n    lifecycle: { status: uitfaseren, end: 31-12-2028 }\n    data:\n      zaak: { rol: source }\n      klant: { role: bron }\ndata_objects:\n  zaak: { name: Zaak }\n  klant: { name: Klant }\n",
    );
    let (human, _) = assert_model_problems(
        dir,
        ".",
        &[
            ("a.yaml", 4, 26, "unknown value `uitfaseren`"),
            ("a.yaml", 4, 43, "not a date"),
            ("a.yaml", 6, 15, "unknown key `rol`"),
            ("a.yaml", 7, 22, "unknown value `bron`"),
        ],
    );
    assert!(!text(&human).contains("missing"), "{}", text(&human));
}

#[test]
fn every_wrong_value_of_a_list_at_once() {
    let tmp = tempdir();
    let dir = tmp.path();
    // Found by an architect of another municipality: `login: [DigiD, eHerkenning]` said only
    // `DigiD` was wrong, and `eHerkenning` came one run later.
    write(
        dir,
        "a.yaml",
        "applications:\n  loket:\n    name: Loket\n    login: [DigiD, eHerkenning]\n",
    );
    assert_model_problems(
        dir,
        ".",
        &[
            ("a.yaml", 4, 13, "unknown value `DigiD`"),
            ("a.yaml", 4, 20, "unknown value `eHerkenning`"),
        ],
    );
}

#[test]
fn carriage_returns_alone_break_lines_and_never_reach_the_terminal() {
    let tmp = tempdir();
    let dir = tmp.path();
    // Old Mac line endings, and a lone CR in a comment: the problem is on line 4, as YAML counts.
    write(
        dir,
        "a.yaml",
        "applications:\r  zaak:\r    name: Zaak # oud\rnieuw\r    ownr: team-zgw\r",
    );
    let human = check_human(dir, ".");
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    assert!(!out.contains('\r'), "a raw CR reached the output: {out:?}");
    assert!(!out.contains(" 0 │"), "no line number 0: {out}");
    let (_, json) = check_json(dir, ".", &[]);
    let p = &problems(&json)[0];
    assert_eq!(p["line"], 4, "{json:#}");
}

#[test]
fn messages_say_what_is_really_wrong() {
    for (yaml, needle) in [
        ("applications: &a [*a]\n", "recursive alias"),
        (
            "applications:\n  ~:\n    name: x\n",
            "`~` is not a valid application id",
        ),
        (
            "applications:\n  zaak:\n    na\u{200b}me: x\n",
            "`na\\u{200b}me`",
        ),
        (
            "applications: !!str\n  zaak:\n    name: x\n",
            "`!!str` does not fit a mapping",
        ),
        (
            "applications:\n  zaak:\n    name: !!int abc\n",
            "`!!int` does not fit `abc`",
        ),
        (
            "interfaces:\n  a:\n    name: A\n    provider: b\n    specification: \"\"\n",
            "an empty path",
        ),
    ] {
        let tmp = tempdir();
        let dir = tmp.path();
        write(dir, "a.yaml", yaml);
        let (code, json) = check_json(dir, ".", &[]);
        assert_eq!(code, 2, "{yaml:?}: {json:#}");
        let p = &problems(&json)[0];
        assert!(p["line"].as_u64().is_some(), "{yaml:?} has a place: {p:#}");
        // The terminal shows invisible characters as escapes.
        let human = text(&check_human(dir, "."));
        assert!(human.contains(needle), "{yaml:?}: {human}");
    }
}

#[test]
fn a_file_too_large_to_read_is_named_in_the_problem() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", "owners: {}\n");
    let big = fs::File::create(dir.join("groot.yaml")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap();
    let (code, json) = check_json(dir, ".", &[]);
    assert_eq!(code, 2, "{json:#}");
    let p = problem_at(&json, "groot.yaml", 1, 1);
    assert!(message(p).contains("larger than"), "{p:#}");
}

#[test]
fn a_baseline_with_a_byte_order_mark_is_read() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", "applications:\n  zaak:\n    name: Zaak\n");
    let run = gemmalint(
        dir,
        &[
            "baseline",
            ".",
            "--no-config",
            "--today",
            TODAY,
            "-o",
            "b.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(dir.join("b.json")).unwrap());
    fs::write(dir.join("b.json"), bytes).unwrap();
    let (code, json) = check_json(dir, ".", &["--baseline", "b.json"]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["summary"]["problems"], 0, "{json:#}");
}

#[test]
fn impossible_dates() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:
  zaak:
    name: Zaak
    lifecycle: { status: phase-out, end: 2026-02-30 }
waivers:
  zaak-eigenaar:
    rule: ownership
    target: application:zaak
    reason: Eigenaar wordt benoemd
    decision: GMT-besluit 2026-01-12
    expires: 2026-02-30
",
    );
    assert_model_problems(
        dir,
        ".",
        &[
            ("a.yaml", 4, 42, "`2026-02-30` is not a date that exists"),
            ("a.yaml", 11, 14, "`2026-02-30` is not a date that exists"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

#[test]
fn same_id_in_two_files() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:\n  zaaksysteem:\n    name: Zaaksysteem\n",
    );
    write(
        dir,
        "b.yaml",
        "# Nog een bestand\napplications:\n  crm:\n    name: CRM\n  zaaksysteem:\n    name: Zaaksysteem (oud)\n",
    );
    let (human, _) = assert_model_problems(
        dir,
        ".",
        &[(
            "b.yaml",
            5,
            3,
            "the application id `zaaksysteem` is defined twice",
        )],
    );
    let out = text(&human);
    // The first definition, in the other file, is named too.
    assert_header(&out, "a.yaml", 2, 3);
    assert!(out.contains("first defined here"), "{out}");
    snapshot("same_id_in_two_files", dir, &out);
}

/// The JSON problem for a duplicate id should tell where the first definition is, as the human
/// output does: a script or an editor reading the JSON otherwise only learns about `b.yaml`.
#[test]

fn same_id_in_two_files_json_names_both_files() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:\n  zaaksysteem:\n    name: Zaaksysteem\n",
    );
    write(
        dir,
        "b.yaml",
        "applications:\n  zaaksysteem:\n    name: Zaaksysteem (oud)\n",
    );
    let (code, json) = check_json(dir, ".", &["--no-config"]);
    assert_eq!(code, 2);
    let p = problem_at(&json, "b.yaml", 2, 3);
    assert!(
        p.to_string().contains("a.yaml"),
        "the first definition is named: {p:#}"
    );
}

#[test]
fn same_id_twice_in_one_file() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:\n  zaaksysteem:\n    name: Zaaksysteem\n  zaaksysteem:\n    name: Zaaksysteem (oud)\n",
    );
    let (human, _) = assert_model_problems(
        dir,
        ".",
        &[(
            "a.yaml",
            4,
            3,
            "the application id `zaaksysteem` is defined twice",
        )],
    );
    assert!(
        text(&human).contains("first defined here"),
        "{}",
        text(&human)
    );
}

#[test]
fn malformed_id() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        "applications:\n  Zaak_Systeem:\n    name: Zaaksysteem\n",
    );
    let (_, json) = assert_model_problems(
        dir,
        ".",
        &[(
            "a.yaml",
            2,
            3,
            "`Zaak_Systeem` is not a valid application id",
        )],
    );
    let h = help(&problems(&json)[0]);
    assert!(
        h.contains("kebab-case") && h.contains("`zaak-systeem`"),
        "{json:#}"
    );
}

// ---------------------------------------------------------------------------------------------
// Budgets: alias bombs and nesting
// ---------------------------------------------------------------------------------------------

/// "Billion laughs": nine levels of nine aliases each, 9^10 strings when expanded, inside an
/// `x-` field of an application (where any YAML is allowed).
fn alias_bomb() -> String {
    let mut s = String::from("applications:\n  zaak:\n    name: Zaak\n    x-lol:\n");
    s.push_str("      a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=9 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        s.push_str(&format!("      a{i}: &a{i} [{refs}]\n"));
    }
    s
}

#[test]
fn alias_bomb_is_refused() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", alias_bomb());
    let started = std::time::Instant::now();
    let human = check_human(dir, ".");
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    assert!(
        started.elapsed().as_secs() < 10,
        "refused quickly, not expanded"
    );
    let (code, json) = check_json(dir, ".", &["--no-config"]);
    assert_eq!(code, 2);
    assert_eq!(problems(&json).len(), 1, "{json:#}");
    let p = &problems(&json)[0];
    assert_eq!(p["file"], "a.yaml");
    let line = p["line"].as_u64().unwrap();
    assert!(
        (5..=14).contains(&line),
        "the position is in the bomb (lines 5-14): {p:#}"
    );
    assert_header(&out, "a.yaml", line, p["column"].as_u64().unwrap());
    // Valid YAML that is too big: said in the user's terms, not the parser's, and not called a
    // syntax error.
    assert!(message(p).contains("alias"), "{p:#}");
    assert!(!message(p).contains("total_replayed_events"), "{p:#}");
    assert!(!help(p).contains("syntax"), "{p:#}");
}

#[test]
fn nesting_20000_levels_block_style() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", format!("{}x\n", "- ".repeat(20_000)));
    let (_, json) = assert_model_problems(dir, ".", &[("a.yaml", 1, 65, "nested more than")]);
    assert!(help(&problems(&json)[0]).contains("flatten"), "{json:#}");
}

#[test]
fn nesting_20000_levels_flow_style() {
    let tmp = tempdir();
    let dir = tmp.path();
    // Unclosed as well as deep: whichever is reported, it is one problem on line 1.
    write(dir, "a.yaml", format!("{}\n", "[".repeat(20_000)));
    let human = check_human(dir, ".");
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    let (code, json) = check_json(dir, ".", &["--no-config"]);
    assert_eq!(code, 2);
    assert_eq!(problems(&json).len(), 1, "{json:#}");
    let p = &problems(&json)[0];
    assert_eq!(
        (&p["file"], &p["line"]),
        (&Value::from("a.yaml"), &Value::from(1)),
        "{p:#}"
    );
    assert_header(&out, "a.yaml", 1, p["column"].as_u64().unwrap());
    assert!(
        message(p).contains("nested more than") || message(p).contains("invalid YAML"),
        "{p:#}"
    );
}

/// Valid flow-style YAML nested 20,000 deep gets the nesting diagnostic that block style gets,
/// not a syntax error (the parser's own recursion limit must not come first).
#[test]
fn nesting_20000_levels_flow_style_balanced() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "a.yaml",
        format!(
            "applications:\n  zaak:\n    name: Zaak\n    x-deep: {}{}\n",
            "[".repeat(20_000),
            "]".repeat(20_000)
        ),
    );
    let human = check_human(dir, ".");
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    let (code, json) = check_json(dir, ".", &["--no-config"]);
    assert_eq!(code, 2);
    assert_eq!(problems(&json).len(), 1, "{json:#}");
    let p = &problems(&json)[0];
    assert_eq!(
        (&p["file"], &p["line"]),
        (&Value::from("a.yaml"), &Value::from(4)),
        "{p:#}"
    );
    assert_header(&out, "a.yaml", 4, p["column"].as_u64().unwrap());
    assert!(message(p).contains("nested more than"), "{p:#}");
    assert!(!help(p).contains("syntax"), "{p:#}");
}

// ---------------------------------------------------------------------------------------------
// Many problems: every file reported, at most 50 per file
// ---------------------------------------------------------------------------------------------

#[test]
fn several_bad_files_are_all_reported() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "landscape/a.yaml",
        "applications:\n  zaak:\n    name: [unclosed\n",
    );
    write(dir, "landscape/b.yaml", "- zaaksysteem\n");
    write(dir, "landscape/c.yaml", SMALL_MODEL);
    write(
        dir,
        "landscape/d.yaml",
        b"applications:\n  crm:\n    name: caf\xe9\n",
    );
    write(
        dir,
        "landscape/sub/e.yaml",
        "applications:\n  gis:\n    name: GIS\n    ownr: x\n",
    );
    let (human, _) = assert_model_problems(
        dir,
        "landscape",
        &[
            ("landscape/a.yaml", 3, 11, "invalid YAML"),
            ("landscape/b.yaml", 1, 1, "must be a mapping"),
            ("landscape/d.yaml", 3, 14, "not UTF-8"),
            ("landscape/sub/e.yaml", 4, 5, "unknown key `ownr`"),
        ],
    );
    assert!(text(&human).contains("4 problems"), "{}", text(&human));
    snapshot("several_bad_files", dir, &text(&human));
}

/// `n` applications, each with one unknown key (line 3 + 3k, column 5, for the k-th).
fn many_unknown_keys(n: usize) -> String {
    let mut s = String::from("applications:\n");
    for i in 0..n {
        s.push_str(&format!("  app-{i}:\n    name: App {i}\n    ownr: team\n"));
    }
    s
}

#[test]
fn at_most_50_problems_per_file() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", many_unknown_keys(60));
    write(dir, "b.yaml", many_unknown_keys(50));
    let human = check_human(dir, ".");
    let out = text(&human);
    assert_eq!(human.code, 2);
    assert!(out.contains("… and 10 more problems in this file"), "{out}");
    assert_eq!(
        out.matches("and 10 more").count(),
        1,
        "only a.yaml is cut short:\n{out}"
    );
    assert_eq!(
        out.matches("× unknown key `ownr`").count(),
        100,
        "50 of each file"
    );

    let (code, json) = check_json(dir, ".", &["--no-config"]);
    assert_eq!(code, 2);
    let ps = problems(&json);
    let in_file = |f: &str| ps.iter().filter(|p| p["file"] == f).collect::<Vec<_>>();
    let a = in_file("a.yaml");
    let b = in_file("b.yaml");
    assert_eq!(b.len(), 50, "all 50 of b.yaml");
    assert!(b.iter().all(|p| message(p) == "unknown key `ownr`"));
    assert_eq!(a.len(), 51, "50 of a.yaml and the note");
    assert!(a[..50].iter().all(|p| message(p) == "unknown key `ownr`"));
    for (k, p) in a[..50].iter().enumerate() {
        assert_eq!(p["line"], 4 + 3 * k as u64, "in order: {p:#}");
    }
    assert_eq!(message(a[50]), "… and 10 more problems in this file");
    assert_header(&out, "a.yaml", 151, 5);
    assert_header(&out, "b.yaml", 151, 5);
}

/// The count says how many problems the input has: 60 + 50 = 110, not the 100 shown plus the
/// "… and 10 more" note counted as one.
#[test]

fn problem_count_includes_the_ones_not_shown() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", many_unknown_keys(60));
    write(dir, "b.yaml", many_unknown_keys(50));
    let human = check_human(dir, ".");
    assert!(text(&human).contains("✖ 110 problems"), "{}", text(&human));
    let run = run(
        dir,
        &[
            "check",
            ".",
            "--no-config",
            "--today",
            TODAY,
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["summary"]["problems"], 110, "{:#}", json["summary"]);
}

// ---------------------------------------------------------------------------------------------
// Config
// ---------------------------------------------------------------------------------------------

/// A directory with a config and a small landscape; `check landscape` finds the config.
fn config_case(dir: &Path, toml: &str) {
    write(dir, "gemmalint.toml", toml);
    write(dir, "landscape/a.yaml", SMALL_MODEL);
}

#[test]
fn config_unknown_key() {
    let tmp = tempdir();
    let dir = tmp.path();
    config_case(
        dir,
        "model = [\"landscape\"]\nexlude = [\"landscape/archief/**\"]\n",
    );
    let human = run(dir, &["check", "landscape", "--today", TODAY]);
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    assert_header(&out, "gemmalint.toml", 2, 1);
    let (code, json) = json_run(
        dir,
        &["check", "landscape", "--format", "json", "--today", TODAY],
    );
    assert_eq!(code, 2);
    let p = problem_at(&json, "gemmalint.toml", 2, 1);
    assert!(message(p).contains("unknown key `exlude`"), "{p:#}");
    assert_eq!(help(p), "did you mean `exclude`?");
}

#[test]
fn config_unknown_rule_suggests_the_close_one() {
    let tmp = tempdir();
    let dir = tmp.path();
    config_case(
        dir,
        "model = [\"landscape\"]\n\n[rules]\nownershp = \"error\"\n",
    );
    let human = run(dir, &["check", "landscape", "--today", TODAY]);
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    assert_header(&out, "gemmalint.toml", 4, 1);
    assert!(out.contains("did you mean `ownership`?"), "{out}");
    let (code, json) = json_run(
        dir,
        &["check", "landscape", "--format", "json", "--today", TODAY],
    );
    assert_eq!(code, 2);
    let p = problem_at(&json, "gemmalint.toml", 4, 1);
    assert!(message(p).contains("unknown rule `ownershp`"), "{p:#}");
    assert_eq!(help(p), "did you mean `ownership`?");
    snapshot("config_unknown_rule", dir, &out);
}

#[test]
fn config_bad_toml_syntax() {
    let tmp = tempdir();
    let dir = tmp.path();
    config_case(dir, "model = [\"landscape\"\n[rules\n");
    let human = run(dir, &["check", "landscape", "--today", TODAY]);
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    let (code, json) = json_run(
        dir,
        &["check", "landscape", "--format", "json", "--today", TODAY],
    );
    assert_eq!(code, 2);
    assert_eq!(problems(&json).len(), 1, "{json:#}");
    let p = &problems(&json)[0];
    assert_eq!(p["file"], "gemmalint.toml", "{p:#}");
    let line = p["line"].as_u64().expect("a line");
    assert!((1..=2).contains(&line), "{p:#}");
    assert_header(&out, "gemmalint.toml", line, p["column"].as_u64().unwrap());
    assert!(message(p).contains("invalid TOML"), "{p:#}");
}

#[test]
fn config_problems_are_all_reported_and_no_model_given_is_not_added() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "gemmalint.toml",
        "modle = [\"landschap\"]\ntoday = \"2026-13-01\"\n\n[rules]\nownershp = \"error\"\n",
    );
    let (code, json) = json_run(dir, &["check", "--format", "json", "--today", TODAY]);
    assert_eq!(code, 2, "{json:#}");
    let found: Vec<(u64, &str)> = problems(&json)
        .iter()
        .map(|p| (p["line"].as_u64().unwrap_or(0), message(p)))
        .collect();
    assert_eq!(found.len(), 3, "{json:#}");
    assert!(found[0].1.contains("unknown key `modle`"), "{found:?}");
    assert!(
        found[1].1.contains("`2026-13-01` is not a date"),
        "{found:?}"
    );
    assert!(found[2].1.contains("unknown rule `ownershp`"), "{found:?}");
}

#[test]
fn every_bad_rule_setting_and_a_rule_typo_beside_a_missing_pack_in_one_run() {
    let tmp = tempdir();
    let dir = tmp.path();
    // The pack cannot be read, so `[rules]` may name its rules; `ownershp` is still a typo of a
    // built-in rule. Each bad severity is said, not only the table's first.
    write(
        dir,
        "gemmalint.toml",
        "packs = [\"wettelijk-kader\", \"eigen.toml\"]\n\n[rules]\nownershp = \"error\"\nopen-standards = \"fout\"\nrest-api = { severity = \"hoog\" }\nlifecycle = \"warning\"\n",
    );
    write(dir, "a.yaml", SMALL_MODEL);
    let (code, json) = json_run(dir, &["check", "--format", "json", "--today", TODAY]);
    assert_eq!(code, 2, "{json:#}");
    let found: Vec<(u64, &str)> = problems(&json)
        .iter()
        .map(|p| (p["line"].as_u64().unwrap_or(0), message(p)))
        .collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        found[0].1.contains("`eigen.toml` does not exist"),
        "{found:?}"
    );
    assert_eq!(found[1], (4, "unknown rule `ownershp`"), "{found:?}");
    assert!(
        help(&problems(&json)[1]).contains("`ownership`"),
        "{json:#}"
    );
    assert_eq!(found[2].0, 5, "{found:?}");
    assert!(found[2].1.contains("unknown value `fout`"), "{found:?}");
    assert_eq!(found[3].0, 6, "{found:?}");
    assert!(found[3].1.contains("unknown value `hoog`"), "{found:?}");
}

#[test]
fn a_failed_config_entry_does_not_cause_problems_of_its_own() {
    let tmp = tempdir();
    let dir = tmp.path();
    // `packs` cannot be read, so `[rules]` may name a rule of that pack: one problem, not two.
    // `exclude` cannot be read, so the excluded file is not loaded: no problems from it.
    write(
        dir,
        "gemmalint.toml",
        "model = [\"landscape\"]\npacks = [{ path = \"eigen.toml\" }]\nexclude = { a = \"landscape/oud/**\" }\n\n[rules]\neigen-regel = \"warning\"\n",
    );
    write(dir, "landscape/a.yaml", SMALL_MODEL);
    write(
        dir,
        "landscape/oud/kapot.yaml",
        "applications:\n  b: {name: B, nmae: x}\n",
    );
    let (code, json) = json_run(dir, &["check", "--format", "json", "--today", TODAY]);
    assert_eq!(code, 2, "{json:#}");
    let messages: Vec<&str> = problems(&json).iter().map(message).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages.iter().all(|m| m.starts_with("config:")),
        "{messages:#?}"
    );
}

#[test]
fn x_keys_under_a_collection_are_extensions_unless_they_hold_an_element() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "landscape/a.yaml",
        "applications:\n  x-note: hallo\n  zaak:\n    name: Zaak\n",
    );
    let (code, json) = check_json(dir, "landscape", &["--fail-on", "never"]);
    assert_eq!(code, 0, "{json:#}");
    // `x-ray` is a valid id: with a mapping it is an application, checked like any other.
    write(
        dir,
        "landscape/a.yaml",
        "applications:\n  x-ray: { name: Röntgenarchief, hostng: saas }\n",
    );
    let (code, json) = check_json(dir, "landscape", &[]);
    assert_eq!(code, 2, "{json:#}");
    assert_eq!(
        message(problem_at(&json, "landscape/a.yaml", 2, 34)),
        "unknown key `hostng`"
    );
}

#[test]
fn an_exclude_of_the_whole_root_is_a_problem() {
    let tmp = tempdir();
    let dir = tmp.path();
    config_case(dir, "exclude = [\"./\"]\n");
    let (code, json) = check_json(dir, "landscape", &[]);
    assert_eq!(code, 2, "{json:#}");
    assert!(
        message(&problems(&json)[0]).contains("names the whole model root"),
        "{json:#}"
    );
}

#[test]
fn catalogue_applies_to_a_kind_that_lists_no_standards() {
    let tmp = tempdir();
    let dir = tmp.path();
    config_case(
        dir,
        "model = [\"landscape\"]\n\n[models]\nstandards = [\"catalogus.yaml\"]\n",
    );
    write(
        dir,
        "catalogus.yaml",
        "standards:\n  - id: eigen-norm\n    name: Eigen norm\n    status: verplicht\n    applies_to: {kind: data_object}\n",
    );
    let (code, json) = json_run(
        dir,
        &["check", "landscape", "--format", "json", "--today", TODAY],
    );
    assert_eq!(code, 2, "{json:#}");
    let p = problem_at(&json, "catalogus.yaml", 5, 24);
    assert!(
        message(p).contains("selects data objects, which do not implement standards"),
        "{p:#}"
    );
    assert!(help(p).contains("`kind: application`"), "{p:#}");
}

// ---------------------------------------------------------------------------------------------
// Which files are the model
// ---------------------------------------------------------------------------------------------

#[test]
fn a_specification_that_is_a_model_file_keeps_its_elements_and_is_a_problem() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "landscape/koppelingen.yaml",
        "applications:\n  a: {name: A}\n  b: {name: B}\ninterfaces:\n  i:\n    name: I\n    provider: a\n    consumers: [b]\n    style: rest\n    specification: landscape/gegevens.yaml\n",
    );
    write(
        dir,
        "landscape/gegevens.yaml",
        "data_objects:\n  z: {name: Z}\n",
    );
    let (code, json) = check_json(dir, "landscape", &[]);
    assert_eq!(code, 2, "{json:#}");
    assert_eq!(problems(&json).len(), 1, "{json:#}");
    let p = problem_at(&json, "landscape/koppelingen.yaml", 10, 20);
    assert_eq!(
        message(p),
        "`landscape/gegevens.yaml` is a model file, not a specification"
    );
}

#[test]
fn a_directory_without_model_files_is_a_problem() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "landscape/README.md", "# Landschap\n");
    write(dir, "landscape/.verborgen.yaml", SMALL_MODEL);
    let (code, json) = check_json(dir, "landscape", &[]);
    assert_eq!(code, 2, "{json:#}");
    assert_eq!(problems(&json).len(), 1, "{json:#}");
    assert_eq!(
        message(&problems(&json)[0]),
        "`landscape` holds no model files (`*.yaml` or `*.yml`)"
    );
}

#[test]
fn exclude_globs_apply_however_the_path_is_written() {
    let tmp = tempdir();
    let dir = tmp.path();
    config_case(dir, "exclude = [\"landscape/oud/**\"]\n");
    write(
        dir,
        "landscape/oud/kapot.yaml",
        "applications:\n  b: {name: B, nmae: x}\n",
    );
    let absolute = dir.join("landscape");
    for path in [
        "landscape",
        "./landscape",
        "landscape/",
        absolute.to_str().unwrap(),
    ] {
        let run = run(
            dir,
            &["check", path, "--today", TODAY, "--fail-on", "never"],
        );
        assert_eq!(run.code, 0, "{path}: {}{}", run.stdout, run.stderr);
    }
    let inside = dir.join("landscape");
    let run = run(
        &inside,
        &["check", ".", "--today", TODAY, "--fail-on", "never"],
    );
    assert_eq!(run.code, 0, "from inside: {}{}", run.stdout, run.stderr);
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

#[test]
fn today_impossible_date() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", SMALL_MODEL);
    let human = run(dir, &["check", ".", "--no-config", "--today", "2026-02-30"]);
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    assert!(
        out.contains("--today") && out.contains("`2026-02-30` is not a date that exists"),
        "{out}"
    );
}

/// With `--format json`, a script reads stdout as JSON; a bad `--today` should be a problem in
/// that JSON, as a path that does not exist or a bad config is.
#[test]

fn today_impossible_date_json() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(dir, "a.yaml", SMALL_MODEL);
    let (code, json) = json_run(
        dir,
        &[
            "check",
            ".",
            "--no-config",
            "--format",
            "json",
            "--today",
            "2026-02-30",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        message(&problems(&json)[0]).contains("2026-02-30"),
        "{json:#}"
    );
}

#[test]
fn check_a_path_that_does_not_exist() {
    let tmp = tempdir();
    let dir = tmp.path();
    let human = run(dir, &["check", "nope", "--no-config", "--today", TODAY]);
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    assert!(
        out.contains("nope") && out.contains("does not exist"),
        "{out}"
    );
    let (code, json) = json_run(
        dir,
        &[
            "check",
            "nope",
            "--no-config",
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(problems(&json).len(), 1, "{json:#}");
    let p = &problems(&json)[0];
    assert!(
        message(p).contains("nope") && message(p).contains("does not exist"),
        "{p:#}"
    );
    snapshot("path_does_not_exist", dir, &out);
}

#[test]
fn explain_unknown_rule_suggests_the_close_one() {
    let tmp = tempdir();
    let dir = tmp.path();
    let human = run(dir, &["explain", "ownershp"]);
    let out = text(&human);
    assert_eq!(human.code, 2, "{out}");
    assert!(out.contains("unknown rule `ownershp`"), "{out}");
    assert!(out.contains("did you mean `ownership`?"), "{out}");
}

/// `explain` takes a finding as `check` prints it (`rule::finding`), or a finding only one
/// rule has; a finding several rules have names them.
#[test]
fn explain_takes_a_finding_as_check_prints_it() {
    let tmp = tempdir();
    let dir = tmp.path();
    let rule = text(&run(dir, &["explain", "single-source"]));
    for name in ["single-source::two-sources", "two-sources"] {
        let by_finding = run(dir, &["explain", name]);
        assert_eq!(by_finding.code, 0, "{name}: {}", text(&by_finding));
        assert_eq!(text(&by_finding), rule, "{name}");
    }
    let wrong = run(dir, &["explain", "single-source::not-rest"]);
    assert_eq!(wrong.code, 2);
    assert!(text(&wrong).contains("unknown rule `single-source::not-rest`"));
}

/// `explain` says what this repository makes of a variant when it is not the card's default:
/// a blind test read `info` for a finding its own pack had made a warning.
#[test]
fn explain_shows_the_severity_this_repository_sets() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "gemmalint.toml",
        "packs = [\"wettelijk-kader\", \"gemma\"]\n\n[rules]\nprivacy-by-design = { no-logging = \"warning\" }\nhuman-decides = \"off\"\n",
    );
    let privacy = text(&run(dir, &["explain", "privacy-by-design"]));
    let logging = privacy
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("no-logging"))
        .take(3)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(logging.contains("info"), "{logging}");
    assert!(
        logging.contains("here: warning, set in this repository's `[rules]`"),
        "{logging}"
    );
    assert_eq!(privacy.matches("here:").count(), 1, "{privacy}");
    let off = text(&run(dir, &["explain", "human-decides"]));
    assert!(
        off.contains("here: off, set in this repository's `[rules]`"),
        "{off}"
    );
    // Without a config, nothing differs from the cards.
    let plain = text(&run(dir, &["explain", "privacy-by-design", "--no-config"]));
    assert!(!plain.contains("here:"), "{plain}");
}

/// A waiver of another waiver (a deviation from the `waivers` rule explained) used to panic
/// while owners were found: the targeted waiver's owner was not known yet.
#[test]
fn a_waiver_of_a_waiver_has_no_owner_and_no_panic() {
    let tmp = tempdir();
    let dir = tmp.path();
    write(
        dir,
        "m.yaml",
        "waivers:\n  w1: {rule: open-source-unless, target: application:nope, reason: r, decision: d}\n  w0: {rule: waivers, target: 'waiver:w1', reason: r, decision: d}\n",
    );
    let (code, json) = check_json(dir, "m.yaml", &["--no-config"]);
    assert_eq!(code, 1, "{json:#}");
    let w0 = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["element"] == "waiver:w0")
        .collect::<Vec<_>>();
    assert!(w0.iter().all(|f| f["owner"].is_null()), "{json:#}");
    for which in ["ownership", "compliance", "waivers"] {
        let report = run(
            dir,
            &[
                "report",
                which,
                "m.yaml",
                "--no-config",
                "--today",
                TODAY,
                "--format",
                "markdown",
            ],
        );
        assert_eq!(report.code, 0, "{which}: {}", text(&report));
    }
}

#[test]
fn a_parent_chain_of_thirty_thousand_neither_overflows_nor_stalls() {
    // A cycle through every business function, and an owner chain written deepest first: the
    // search for cycles once recursed per link and overflowed its thread's stack at ~22,000.
    let tmp = tempdir();
    let dir = tmp.path();
    let n = 30_000;
    let mut text = String::from("business_functions:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  bf-{i}: {{ name: F{i}, parent: bf-{} }}\n",
            (i + 1) % n
        ));
    }
    text.push_str("owners:\n");
    for i in 0..n {
        match i + 1 < n {
            true => text.push_str(&format!("  o-{i}: {{ name: O{i}, parent: o-{} }}\n", i + 1)),
            false => text.push_str(&format!("  o-{i}: {{ name: O{i} }}\n")),
        }
    }
    write(dir, "m.yaml", text);
    let (code, json) = check_json(dir, "m.yaml", &["--no-config"]);
    assert_eq!(code, 1);
    let cycles: Vec<_> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["key"] == "parent-cycle")
        .collect();
    assert_eq!(cycles.len(), 1, "one cycle, through every function");
    assert_eq!(cycles[0]["element"], "business_function:bf-0");
    let message = cycles[0]["message"].as_str().expect("a message");
    assert!(
        message.ends_with("`bf-9` → … 29990 more → `bf-0`"),
        "{message}"
    );
}
