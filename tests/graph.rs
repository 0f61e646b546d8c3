//! `gemmalint graph`: DOT that Graphviz renders (every clustering, with and without a focus,
//! and with model text that tries to break out of a label), Mermaid, marked findings, and the
//! focus that large landscapes need.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{TODAY, gemmalint, repo};

fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

fn graph(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["graph", "--today", TODAY];
    all.extend(args);
    let run = gemmalint(dir, &all);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    run.stdout
}

/// Graphviz's `dot`, when it is there: with `CI=true` it must be (`.ci/run` installs it).
fn dot_available() -> bool {
    let found = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "CI=true: Graphviz must be installed to check the DOT");
        eprintln!("skipping the Graphviz check: `dot` is not installed");
    }
    found
}

/// Renders DOT with `dot -Tsvg`; panics with Graphviz's words when it cannot.
fn render(text: &str, what: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what}: dot failed: {stderr}\n{text}");
    assert!(stderr.trim().is_empty(), "{what}: dot warns: {stderr}");
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("<svg"), "{what}");
    svg
}

#[test]
fn graphviz_renders_every_picture() {
    if !dot_available() {
        return;
    }
    let fixture = repo().join("tests/fixtures/reports");
    let mut cases: Vec<(PathBuf, Vec<&str>)> = Vec::new();
    for name in ["voorbeeldstad", "fouten"] {
        for cluster in [
            None,
            Some("owner"),
            Some("business-function"),
            Some("domain"),
        ] {
            let mut args = Vec::new();
            if let Some(c) = cluster {
                args.extend(["--cluster", c]);
            }
            cases.push((example(name), args));
        }
    }
    cases.push((
        example("voorbeeldstad"),
        vec!["--focus", "open-zaak", "--depth", "2", "--cluster", "owner"],
    ));
    cases.push((
        example("fouten"),
        vec!["--focus", "interface:zaken-api", "--cluster", "domain"],
    ));
    cases.push((
        fixture.clone(),
        vec![".", "--no-config", "--cluster", "owner"],
    ));
    cases.push((fixture, vec![".", "--no-config", "--lang", "en"]));
    for (dir, args) in cases {
        let what = format!("{} {args:?}", dir.display());
        let svg = render(&graph(&dir, &args), &what);
        // Model text is text in the picture too.
        assert!(!svg.contains("<script"), "{what}");
    }
}

#[test]
fn pictures_of_the_fixture() {
    let fixture = repo().join("tests/fixtures/reports");
    let args = [".", "--no-config", "--cluster", "owner"];
    insta::assert_snapshot!("fixture-dot", graph(&fixture, &args));
    let mut mermaid = args.to_vec();
    mermaid.extend(["--format", "mermaid"]);
    insta::assert_snapshot!("fixture-mermaid", graph(&fixture, &mermaid));
}

#[test]
fn elements_with_findings_are_marked_in_colour_and_words() {
    let dot = graph(&example("fouten"), &[]);
    let line = dot
        .lines()
        .find(|l| l.contains("\"application:leerlingenvervoer\" ["))
        .unwrap();
    assert!(line.contains("⚠ 7") && line.contains("#a4001d"), "{line}");
    let clean = graph(&example("voorbeeldstad"), &[]);
    assert!(
        !clean
            .lines()
            .any(|l| l.contains("\"application:") && l.contains('⚠')),
        "voorbeeldstad has no open findings"
    );
    let database = dot
        .lines()
        .find(|l| l.contains("(database)"))
        .expect("fouten has a database interface");
    assert!(database.contains("style=bold"), "{database}");
}

#[test]
fn a_large_landscape_needs_a_focus() {
    let dir = example("voorbeeldstad");
    let run = gemmalint(&dir, &["graph", "--max-nodes", "10"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("more than the 10 a picture stays legible with"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("--focus documentbeheer"),
        "the best connected application is suggested: {}",
        run.stdout
    );
    let focused = graph(
        &dir,
        &["--max-nodes", "10", "--focus", "website", "--depth", "1"],
    );
    assert!(focused.contains("rondom Website voorbeeldstad.example (application:website)"));
    let too_deep = gemmalint(
        &dir,
        &[
            "graph",
            "--max-nodes",
            "10",
            "--focus",
            "open-zaak",
            "--depth",
            "3",
        ],
    );
    assert_eq!(too_deep.code, 2);
    assert!(
        too_deep.stdout.contains("smaller --depth"),
        "{}",
        too_deep.stdout
    );
}

#[test]
fn an_unknown_focus_is_a_problem_with_a_suggestion() {
    let run = gemmalint(&example("voorbeeldstad"), &["graph", "--focus", "open-zak"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("did you mean `open-zaak`"),
        "{}",
        run.stdout
    );
}
