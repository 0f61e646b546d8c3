//! Every output format on one shared set of findings (`tests/fixtures/formats`): snapshots, and
//! validation against the official schemas — SARIF 2.1.0, the Jenkins/JUnit 5 XSD, GitLab's Code
//! Quality schema — plus what schemas cannot say: relative URIs, columns from 1, unique
//! fingerprints, errors first.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

use common::{TODAY, gemmalint, repo};

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/formats")
}

fn output(format: &str) -> String {
    output_with(format, &[])
}

fn output_with(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["check", "--format", format];
    args.extend_from_slice(extra);
    let run = gemmalint(&fixture(), &args);
    assert_eq!(run.code, 1, "the fixture has an error: {}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

fn schema(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join("tests/schemas").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sarif_is_valid_sarif_2_1_0_that_github_takes() {
    let text = output("sarif");
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft7::new(&schema("sarif-schema-2.1.0.json"))
        .expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules.iter().any(|r| r["id"] == "single-source"
            && r["help"]["text"].as_str().unwrap().contains("eenmalig"))
    );
    let mut fingerprints = BTreeSet::new();
    for result in run["results"].as_array().unwrap() {
        if result["baselineState"] != "absent" {
            let message = result["message"]["text"].as_str().unwrap();
            assert!(
                message.contains("\nhelp: "),
                "views that show only the message still say what to do: {message}"
            );
        }
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let fp = result["partialFingerprints"]["gemmalint/identity/v1"]
            .as_str()
            .unwrap();
        assert!(
            fingerprints.insert(fp.to_owned()),
            "fingerprints are unique: {fp}"
        );
        for loc in result["locations"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(result["relatedLocations"].as_array().into_iter().flatten())
        {
            let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(
                !uri.contains(':') && !uri.starts_with('/') && !uri.contains('\\'),
                "relative uri: {uri}"
            );
            let region = &loc["physicalLocation"]["region"];
            assert!(region["startColumn"].as_u64().unwrap() >= 1);
            assert!(region["startLine"].as_u64().unwrap() >= 1);
        }
    }
    let waived: Vec<&serde_json::Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    assert_eq!(waived.len(), 1);
    let suppression = &waived[0]["suppressions"][0];
    assert_eq!(suppression["kind"], "external");
    assert!(
        suppression["justification"]
            .as_str()
            .unwrap()
            .contains("Geen open-source CRM")
    );
    insta::assert_snapshot!("format-sarif", text);
}

#[test]
fn sarif_fingerprints_ignore_where_the_yaml_is() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let before = gemmalint(dir.path(), &["check", "--format", "sarif"]).stdout;
    // Move the YAML around: comments and blank lines shift every line.
    let path = dir.path().join("landscape/applicaties.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("# verplaatst\n\n\n{text}")).unwrap();
    let after = gemmalint(dir.path(), &["check", "--format", "sarif"]).stdout;
    let prints = |text: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["gemmalint/identity/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(prints(&before), prints(&after));
    assert_ne!(before, after, "the lines did move");
}

#[test]
fn gitlab_code_quality_is_valid_and_leaves_out_waived_findings() {
    let text = output("gitlab");
    let issues: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft7::new(&schema("gitlab-codeclimate.json")).unwrap();
    let mut fingerprints = BTreeSet::new();
    for issue in issues.as_array().unwrap() {
        let errors: Vec<String> = validator
            .iter_errors(issue)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()));
        assert!(["major", "minor", "info"].contains(&issue["severity"].as_str().unwrap()));
        assert!(!issue["location"]["path"].as_str().unwrap().starts_with('/'));
    }
    assert!(
        !text.contains("open-source-unless"),
        "the waived finding is left out"
    );
    insta::assert_snapshot!("format-gitlab", text);
}

/// Validates XML against an XSD with Python's `xmlschema` (installed by `.ci/run`); without
/// it, outside CI, the schema check is skipped with a note (the structure tests still run).
fn validate_xsd(xml: &str, xsd: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let script = "import sys, xmlschema\nerrors = list(xmlschema.XMLSchema(sys.argv[1]).iter_errors(sys.argv[2]))\nfor e in errors: print(e.reason, e.path)\nsys.exit(1 if errors else 0)";
    match Command::new("python3")
        .args(["-c", script])
        .arg(xsd)
        .arg(&file)
        .output()
    {
        Ok(out) if out.status.success() => {}
        Ok(out)
            if String::from_utf8_lossy(&out.stderr).contains("No module named")
                && std::env::var_os("CI").is_none() =>
        {
            eprintln!(
                "note: Python's xmlschema is not installed; the XSD check is skipped (`.ci/run` installs it)"
            );
        }
        Ok(out) => panic!(
            "the JUnit report does not validate against {}:\n{}{}",
            xsd.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("note: python3 is not available ({e}); the XSD check is skipped")
        }
        Err(e) => panic!("python3 is needed to validate JUnit in CI: {e}"),
    }
}

#[test]
fn junit_follows_the_jenkins_schema_with_a_suite_per_rule() {
    let text = output("junit");
    validate_xsd(&text, &repo().join("tests/schemas/jenkins-junit.xsd"));
    assert!(
        text.contains(r#"<testsuite name="single-source" tests="1" failures="1""#),
        "{text}"
    );
    assert!(
        text.contains(r#"<testsuite name="ownership" tests="1" failures="0""#),
        "a passing case for a rule without findings"
    );
    assert!(text.contains("<skipped>waived by waiver:crm-gesloten</skipped>"));
    assert!(
        text.contains("&lt;systeem&gt;") || !text.contains("<systeem>"),
        "model text is escaped"
    );
    // A finding below `--fail-on` passes with its text as output: the report agrees with the
    // exit code. With `--fail-on warning` the same finding fails.
    let warning = text
        .split("<testcase ")
        .find(|case| case.contains("<system-out>warning: "))
        .expect("a warning below the default --fail-on error");
    assert!(!warning.contains("<failure"), "{warning}");
    let strict = output_with("junit", &["--fail-on", "warning"]);
    assert!(!strict.contains("<system-out>warning: "), "{strict}");
    assert!(strict.contains("type=\"warning\""), "{strict}");
    insta::assert_snapshot!("format-junit", text);
}

/// `check --format FORMAT` on a directory holding one model file.
fn one_file_in(name: &str, text: &str, format: &str) -> common::Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    gemmalint(
        dir.path(),
        &[
            "check",
            ".",
            "--no-config",
            "--format",
            format,
            "--today",
            TODAY,
        ],
    )
}

#[test]
fn junit_on_bad_input_has_only_the_input_suite_with_clean_names() {
    // An escape character in the file name reaches the test case's name; raw, it is not XML.
    let run = one_file_in(
        "m\u{1b}.yaml",
        "applications:\n  \"kw\\eaad\":\n    name: x\n",
        "junit",
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    let text = run.stdout;
    validate_xsd(&text, &repo().join("tests/schemas/jenkins-junit.xsd"));
    assert!(!text.contains('\u{1b}'), "{text}");
    assert_eq!(
        text.matches("<testsuite ").count(),
        1,
        "no rule has run, so no rule passed: {text}"
    );
    assert!(!text.contains("no findings"), "{text}");
    insta::assert_snapshot!("format-junit-bad-input", text);
}

/// A baseline whose `n` entries match nothing in the formats fixture.
fn stale_baseline(dir: &Path, n: usize) -> std::path::PathBuf {
    let findings: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "rule": "ownership",
                "element": format!("application:weg-{i}"),
                "field": "owner",
                "key": "missing-owner",
                "severity": "error",
                "message": format!("application `weg-{i}` has no owner"),
            })
        })
        .collect();
    let baseline = serde_json::json!({
        "version": 1,
        "generated_by": "gemmalint",
        "date": TODAY,
        "findings": findings,
    });
    let path = dir.join(format!("stale-{n}.json"));
    std::fs::write(&path, baseline.to_string()).unwrap();
    path
}

#[test]
fn stale_baseline_entries_are_counted_in_good_english() {
    let dir = tempfile::tempdir().unwrap();
    for (n, human, markdown) in [
        (
            1,
            "1 baseline entry no longer matches a finding (fixed: remove it from the baseline):",
            " · 1 baseline entry no longer matches\n",
        ),
        (
            3,
            "3 baseline entries no longer match a finding (fixed: remove them from the baseline):",
            " · 3 baseline entries no longer match\n",
        ),
    ] {
        let baseline = stale_baseline(dir.path(), n);
        let baseline = baseline.to_str().unwrap();
        let run = gemmalint(&fixture(), &["check", "--baseline", baseline]);
        assert!(run.stdout.contains(human), "{}", run.stdout);
        let run = gemmalint(
            &fixture(),
            &["check", "--baseline", baseline, "--format", "markdown"],
        );
        assert!(run.stdout.contains(markdown), "{}", run.stdout);
    }
}

/// A YAML flow mapping on one line of about 2,000 characters: `start` and then `x-` extension
/// keys (which every element allows), closed by `end`.
fn long_line(start: &str, end: &str) -> String {
    let mut line = start.to_owned();
    let mut i = 0;
    while line.len() < 2000 {
        line.push_str(&format!(", x-opvulling-{i}: {}", "x".repeat(20)));
        i += 1;
    }
    line.push_str(end);
    line
}

fn assert_no_line_floods(text: &str) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= 120,
            "a line of {} characters:\n{text}",
            line.chars().count()
        );
    }
}

#[test]
fn human_output_leaves_out_a_problem_snippet_on_a_very_long_line() {
    let dir = tempfile::tempdir().unwrap();
    // An unknown key on the long line; in `b.yaml` a collection written twice, first on a
    // long line (a related place), then on short ones.
    std::fs::write(
        dir.path().join("a.yaml"),
        long_line("applications: {a: {name: A, nmae: x", "}}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        format!(
            "{}\n# later\ninterfaces:\n  i:\n    name: I\n    provider: a\n",
            long_line("interfaces: {j: {name: J, provider: a", "}}")
        ),
    )
    .unwrap();
    let run = gemmalint(dir.path(), &["check", ".", "--no-config", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_no_line_floods(&run.stdout);
    assert!(run.stdout.contains("╭─[a.yaml:1:29]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("help: did you mean `name`?"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("human-long-line-problems", run.stdout);
}

#[test]
fn human_output_leaves_out_a_finding_snippet_on_a_very_long_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        format!(
            "applications:\n  {}\n  b:\n    name: B\n",
            long_line("a: {name: A", "}")
        ),
    )
    .unwrap();
    let run = gemmalint(dir.path(), &["check", ".", "--no-config", "--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_no_line_floods(&run.stdout);
    let text = &run.stdout;
    // `a` on the long line: the header and the help, no snippet.
    assert!(
        text.contains("  × application `a` (A) has no owner\n   ╭─[a.yaml:2:3]\n   ╰────\n  help: add `owner:`"),
        "{text}"
    );
    // `b` just below it: its snippet, without the long line as context.
    assert!(
        text.contains("  × application `b` (B) has no owner\n   ╭─[a.yaml:3:3]\n 3 │   b:\n"),
        "{text}"
    );
}

#[test]
fn github_annotations_put_errors_first_and_escape_their_text() {
    let text = output("github");
    let kinds: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("::"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|k| ["error", "warning", "notice"].iter().position(|o| o == k));
    assert_eq!(kinds, sorted, "errors, then warnings, then notices");
    assert!(kinds.contains(&"error") && kinds.contains(&"warning") && kinds.contains(&"notice"));
    for line in text.lines().filter(|l| l.starts_with("::")) {
        assert!(
            line.contains("file=landscape/")
                || line.contains("file=tests/fixtures/formats/landscape/"),
            "{line}"
        );
        assert!(!line.contains('\n'));
    }
    assert!(
        !text.contains("open-source-unless"),
        "waived findings are left out"
    );
    insta::assert_snapshot!("format-github", text);
}

#[test]
fn markdown_summary_counts_per_rule() {
    let text = output("markdown");
    assert!(text.contains("| `single-source` | 1 | 0 | 0 |"), "{text}");
    insta::assert_snapshot!("format-markdown", text);
}

#[test]
fn markdown_escapes_model_text() {
    let run = one_file_in(
        "m.yaml",
        "applications:\n  kwaad:\n    name: \"<script>alert(1)</script> [klik](javascript:x) ![b](y) @beheer | kolom\"\n",
        "markdown",
    );
    let text = run.stdout;
    assert!(text.contains("kwaad"), "{text}");
    for raw in ["<script>", "[klik](", "![b]", "@beheer", "| kolom"] {
        assert!(
            !text.contains(raw),
            "`{raw}` reaches the Markdown unescaped: {text}"
        );
    }
}

#[test]
fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let run = gemmalint(
        dir.path(),
        &["check", "--format", "sarif", "--output", "gemmalint.sarif"],
    );
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "✖ Checked 2 applications, 1 interface and 1 data object: 1 error, 1 warning, 1 info (1 waived).",
        "{}",
        run.stdout
    );
    assert!(
        lines.len() == 2
            && lines[1].starts_with("The SARIF report is in ")
            && lines[1].ends_with("gemmalint.sarif."),
        "{}",
        run.stdout
    );
    let written = std::fs::read_to_string(dir.path().join("gemmalint.sarif")).unwrap();
    assert!(written.contains("\"version\": \"2.1.0\""));

    // On bad input the terminal gets the line that says so.
    std::fs::write(dir.path().join("landscape/kapot.yaml"), "applications: [\n").unwrap();
    let run = gemmalint(
        dir.path(),
        &["check", "--format", "sarif", "--output", "gemmalint.sarif"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.starts_with(
            "✖ 1 problem in the input: fix it first; no rule has run.\nThe SARIF report is in "
        ),
        "{}",
        run.stdout
    );
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn snippets_show_whole_lines_and_columns_count_characters() {
    let dir = tempfile::tempdir().unwrap();
    // On the first line; on the last line without a newline; after a multibyte text.
    std::fs::write(
        dir.path().join("a.yaml"),
        "applications: {app: {name: X, hostng: saas}}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "applications:\n  app:\n    name: X\n    hostng: saas",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "applications: {app: {name: \"Één\", hostng: saas}}\n",
    )
    .unwrap();
    let run = gemmalint(dir.path(), &["check", ".", "--no-config", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let text = &run.stdout;
    assert!(
        text.contains("1 │ applications: {app: {name: X, hostng: saas}}"),
        "{text}"
    );
    assert!(text.contains("4 │     hostng: saas"), "{text}");
    // `Één` is three characters (five bytes): the header counts characters, as JSON does.
    assert!(text.contains("╭─[c.yaml:1:35]"), "{text}");
}

#[test]
fn snippets_of_windows_files_number_their_lines_and_show_no_carriage_return() {
    let run = one_file_in(
        "crlf.yaml",
        "applications:\r\n  a:\r\n    name: A\r\n    nme: x\r\n    owner: o\r\n",
        "human",
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(!run.stdout.contains('\r'), "{:?}", run.stdout);
    assert!(run.stdout.contains(" 4 │     nme: x\n"), "{}", run.stdout);
    assert!(run.stdout.contains(" 5 │     owner: o\n"), "{}", run.stdout);
}

/// A model whose text holds what XML forbids, and a name that is half Markdown.
const HOSTILE: &str = "applications:\n  kwaad:\n    name: \"K\\uFFFEw\\uFFFFa\\u0001d `<b>` a|b\"\n    license: \"EUPL 1.2\"\n";

#[test]
fn junit_stays_well_formed_whatever_the_model_text() {
    let run = one_file_in("m.yaml", HOSTILE, "junit");
    assert_eq!(run.code, 1, "{}", run.stdout);
    for c in ['\u{fffe}', '\u{ffff}', '\u{1}'] {
        assert!(!run.stdout.contains(c), "{c:?} in the XML");
    }
    let mut reader = quick_xml::Reader::from_str(&run.stdout);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}\n{}", run.stdout),
        }
    }
    validate_xsd(&run.stdout, &repo().join("tests/schemas/jenkins-junit.xsd"));
}

#[test]
fn markdown_code_spans_hold_model_text_literally() {
    let run = one_file_in("m.yaml", HOSTILE, "markdown");
    let text = run.stdout;
    // Inside a code span an entity would show as written; outside, `<b>` must not be HTML.
    assert!(!text.contains("&lt;b&gt;`"), "{text}");
    assert!(!text.contains("<b>") || text.contains("`<b>`"), "{text}");
    assert!(!text.contains("a|b"), "a bare `|` breaks the table: {text}");
}

#[cfg(unix)]
#[test]
fn file_names_are_escaped_for_each_format() {
    // An escape sequence in a file name (it retitles a terminal) and a percent escape.
    let dir = tempfile::tempdir().unwrap();
    let evil = "a\u{1b}]0;pwned\u{7}.yaml";
    let model = "applications:\n  kwaad:\n    name: Kwaad\n    license: \"EUPL 1.2\"\n";
    std::fs::write(dir.path().join(evil), model).unwrap();
    std::fs::write(
        dir.path().join("b%0Ax.yaml"),
        model.replace("kwaad", "ander"),
    )
    .unwrap();
    let run = |format: &str| {
        gemmalint(
            dir.path(),
            &[
                "check",
                ".",
                "--no-config",
                "--format",
                format,
                "--today",
                TODAY,
            ],
        )
        .stdout
    };
    for format in [
        "human", "github", "markdown", "junit", "gitlab", "sarif", "json",
    ] {
        let out = run(format);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "a raw escape in --format {format}: {out:?}"
        );
    }
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let uris: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .map(str::to_owned)
        .collect();
    assert!(uris.iter().any(|u| u == "b%250Ax.yaml"), "{uris:?}");
    assert!(
        uris.iter()
            .all(|u| !u.contains('\u{1b}') && !u.starts_with("//")),
        "{uris:?}"
    );
}

/// A report long enough to be drawn in many parallel chunks lists its findings, and its
/// waived ones, in the same order as the JSON report: nothing lost, doubled or reordered.
#[test]
fn every_format_drawn_in_chunks_keeps_the_order_of_the_findings() {
    let mut text = String::from("applications:\n");
    for i in 0..1500 {
        writeln!(
            text,
            "  app-{i:04}: {{ name: App {i}, license: proprietary }}"
        )
        .unwrap();
    }
    text.push_str("waivers:\n");
    for i in 0..700 {
        writeln!(
            text,
            "  w-{i:04}: {{ rule: open-source-unless, target: 'application:app-{i:04}', reason: R, decision: D, expires: 2027-06-30 }}"
        )
        .unwrap();
    }
    let json: serde_json::Value =
        serde_json::from_str(&one_file_in("a.yaml", &text, "json").stdout).unwrap();
    let said = |f: &serde_json::Value, active: bool| {
        (f["waived_by"].is_null() == active).then(|| {
            format!(
                "{}::{} {}",
                f["rule"].as_str().unwrap(),
                f["key"].as_str().unwrap(),
                f["element"].as_str().unwrap()
            )
        })
    };
    let findings = json["findings"].as_array().unwrap();
    let active: Vec<String> = findings.iter().filter_map(|f| said(f, true)).collect();
    let waived: Vec<String> = findings.iter().filter_map(|f| said(f, false)).collect();
    assert_eq!((active.len(), waived.len()), (3 * 1500 + 800, 700));

    let human = one_file_in("a.yaml", &text, "human").stdout;
    let id = |line: &str| {
        let start = line
            .find("`app-")
            .expect("the message names the application")
            + 1;
        format!("application:{}", &line[start..start + 8])
    };
    let mut lines = human.lines();
    let mut shown_active = Vec::new();
    while let Some(line) = lines.next() {
        if line.starts_with("Explained deviations") {
            break;
        }
        if !line.starts_with(' ') && line.contains("::") {
            let message = lines.find(|l| !l.is_empty()).unwrap();
            shown_active.push(format!("{line} {}", id(message)));
        }
    }
    let shown_waived: Vec<String> = lines
        .take_while(|l| l.starts_with("  - "))
        .map(|l| {
            let mut words = l["  - ".len()..].split(' ');
            let element = words.next().unwrap();
            let rule = words.next().unwrap().trim_matches(['[', ']']);
            format!("{rule}::not-open-source {element}")
        })
        .collect();
    assert_eq!(shown_active, active);
    assert_eq!(shown_waived, waived);

    // The other formats are drawn in the same chunks.
    let checks: Vec<String> = findings
        .iter()
        .filter(|f| f["waived_by"].is_null())
        .map(|f| {
            format!(
                "{}/{}",
                f["rule"].as_str().unwrap(),
                f["key"].as_str().unwrap()
            )
        })
        .collect();
    let gitlab: serde_json::Value =
        serde_json::from_str(&one_file_in("a.yaml", &text, "gitlab").stdout).unwrap();
    let gitlab_checks: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["check_name"].as_str().unwrap())
        .collect();
    assert_eq!(gitlab_checks, checks);
    let junit = one_file_in("a.yaml", &text, "junit").stdout;
    let passing = junit.matches(": no findings\"").count();
    assert_eq!(
        junit.matches("<testcase ").count() - passing,
        findings.len()
    );
    assert_eq!(junit.matches("<skipped>").count(), 700);
    // At the default `--fail-on error`, errors fail their case; the others pass with output.
    let errors = findings
        .iter()
        .filter(|f| f["waived_by"].is_null() && f["severity"] == "error")
        .count();
    assert!(errors > 0 && errors < active.len(), "{errors}");
    assert_eq!(junit.matches("<failure ").count(), errors);
    assert_eq!(junit.matches("<system-out>").count(), active.len() - errors);
    let github = one_file_in("a.yaml", &text, "github").stdout;
    assert_eq!(
        github.lines().filter(|l| l.starts_with("::")).count(),
        active.len()
    );
    let markdown = one_file_in("a.yaml", &text, "markdown").stdout;
    let rows = markdown
        .lines()
        .filter(|l| l.starts_with("| error |") || l.starts_with("| warning |"));
    assert_eq!(rows.count(), active.len());
}
