//! `gemmalint report`: the reports on the examples as snapshots, their figures against the
//! check's own JSON, model text that tries to be HTML, Markdown or a formula, the output file,
//! and the HTML in a real browser (axe-core, WCAG 2.1 AA).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TODAY, gemmalint, repo};
use serde_json::Value;

fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/reports")
}

/// `report WHICH --format FORMAT` in a directory (its config, if any), on a fixed date.
fn report(dir: &Path, which: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", which, "--format", format, "--today", TODAY];
    args.extend(extra);
    let run = gemmalint(dir, &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

fn fixture_report(which: &str, format: &str) -> String {
    report(&fixture(), which, format, &[".", "--no-config"])
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

#[test]
fn markdown_reports_of_the_examples() {
    for name in ["voorbeeldstad", "fouten"] {
        for which in ["ownership", "compliance", "waivers"] {
            let text = report(&example(name), which, "markdown", &[]);
            insta::assert_snapshot!(format!("{which}-{name}-md"), text);
        }
    }
}

#[test]
fn english_compliance_report_glosses_the_quotes() {
    let text = report(
        &example("voorbeeldstad"),
        "compliance",
        "markdown",
        &["--lang", "en"],
    );
    assert!(
        text.starts_with("# Compliance: Gemeente Voorbeeldstad"),
        "{text}"
    );
    // The quote stays in Dutch; an English gloss follows it.
    assert!(
        text.contains(
            "> We gebruiken de door de VNG en gemeenten opgestelde GEMMA bedrijfsfuncties"
        )
    );
    assert!(text.contains("*English gloss: We use the GEMMA business functions"));
    assert!(text.contains("Ownership through business functions (`ownership`)"));
    let dutch = report(&example("voorbeeldstad"), "compliance", "markdown", &[]);
    assert!(dutch.contains("Eigenaarschap via bedrijfsfuncties (`ownership`)"));
    assert!(!dutch.contains("English gloss"));
}

#[test]
fn csv_reports_of_the_examples() {
    for which in ["ownership", "compliance", "waivers"] {
        let text = report(&example("fouten"), which, "csv", &[]);
        insta::assert_snapshot!(format!("{which}-fouten-csv"), text);
    }
}

#[test]
fn json_reports() {
    for name in ["voorbeeldstad", "fouten"] {
        let text = report(&example(name), "waivers", "json", &[]);
        insta::assert_snapshot!(format!("waivers-{name}-json"), text);
    }
    insta::assert_snapshot!(
        "ownership-fixture-json",
        fixture_report("ownership", "json")
    );
    // The long per-element table is the CSV's snapshot; here the rest.
    let mut compliance = json(&fixture_report("compliance", "json"));
    let elements = compliance["elements"].as_array().unwrap().len();
    compliance["elements"] = format!("{elements} rows, as in the CSV").into();
    insta::assert_snapshot!(
        "compliance-fixture-json",
        serde_json::to_string_pretty(&compliance).unwrap()
    );
}

/// Every cell of a CSV report, parsed as a spreadsheet would read it.
fn cells(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark for Excel");
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn no_csv_cell_starts_like_a_formula() {
    let mut neutralised = 0;
    for which in ["ownership", "compliance", "waivers"] {
        for (lang, delimiter) in [("nl", b';'), ("en", b',')] {
            let text = report(
                &fixture(),
                which,
                "csv",
                &[".", "--no-config", "--lang", lang],
            );
            let rows = cells(&text, delimiter);
            let width = rows[0].len();
            for row in &rows {
                assert_eq!(row.len(), width, "{which}: {row:?}");
                for cell in row {
                    // Numbers gemmalint writes itself (days until expiry) may be negative.
                    if cell.parse::<i64>().is_ok() {
                        continue;
                    }
                    let first = cell.chars().next();
                    assert!(
                        !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                        "{which}/{lang}: a formula-like cell {cell:?}"
                    );
                    if cell.starts_with("'=") || cell.starts_with("'@") || cell.starts_with("'+") {
                        neutralised += 1;
                    }
                }
            }
        }
    }
    assert!(
        neutralised >= 6,
        "the fixture's formulas are all there: {neutralised}"
    );
    let waivers = fixture_report("waivers", "csv");
    assert!(waivers.contains(r#""'=HYPERLINK(""https://example.invalid"") is geen reden""#));
    assert!(waivers.contains("'@Raad 2026-01-01"));
    assert!(waivers.contains("'-2+3: geen pakket beschikbaar"));
}

#[test]
fn html_shows_model_text_as_text() {
    for which in ["ownership", "compliance", "waivers"] {
        let html = fixture_report(which, "html");
        assert!(
            !html.contains("<script") && !html.contains("<img") && !html.contains("<b>"),
            "{which}: model text became HTML"
        );
        assert!(
            !html.contains("https://example") && !html.contains("href=\"http"),
            "{which}: no links out"
        );
    }
    let ownership = fixture_report("ownership", "html");
    assert!(
        ownership.contains(
            "&lt;script&gt;alert(1)&lt;&#x2f;script&gt;&lt;img src=x onerror=alert(2)&gt;"
        )
    );
    assert!(ownership.contains("&lt;script&gt;alert(&#x27;eigenaar&#x27;)&lt;&#x2f;script&gt;"));
    let markdown = fixture_report("ownership", "markdown");
    assert!(!markdown.contains("<script") && !markdown.contains("[links](https"));
    assert!(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn html_is_one_self_contained_page_without_scripts() {
    for which in ["ownership", "compliance", "waivers"] {
        let html = report(&example("fouten"), which, "html", &[]);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
        for outside in [
            "<script",
            "<link",
            "src=\"http",
            "href=\"http",
            "@import",
            "url(",
        ] {
            assert!(!html.contains(outside), "{which}: {outside}");
        }
        assert!(html.contains("@media print"));
    }
    let english = report(
        &example("voorbeeldstad"),
        "compliance",
        "html",
        &["--lang", "en"],
    );
    assert!(english.contains("<html lang=\"en\">"));
    assert!(
        english.contains("<blockquote lang=\"nl\">"),
        "quotes are marked as Dutch"
    );
}

/// Per rule, the counts of `check --format json`.
fn check_rules(dir: &Path, extra: &[&str]) -> (Value, Value) {
    let mut args = vec!["check", "--format", "json", "--today", TODAY];
    args.extend(extra);
    let run = gemmalint(dir, &args);
    let check = json(&run.stdout);
    (check["summary"]["rules"].clone(), check)
}

/// One test over three landscapes and a baseline, long because every report is compared with
/// the same `check` run: split, the runs would be repeated per comparison.
#[test]
fn the_figures_are_the_check_s_own() {
    // With a baseline, too: a report counts baselined findings as the gate does.
    let kept = tempfile::tempdir().unwrap();
    let baseline = kept.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let run = gemmalint(
        &example("fouten"),
        &["baseline", "-o", baseline, "--today", TODAY],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    for (dir, extra) in [
        (example("voorbeeldstad"), vec![]),
        (example("fouten"), vec![]),
        (example("fouten"), vec!["--baseline", baseline]),
        (fixture(), vec![".", "--no-config"]),
    ] {
        let (rules, check) = check_rules(&dir, &extra);
        let compliance = json(&report(&dir, "compliance", "json", &extra));
        let mut seen = BTreeMap::new();
        for r in compliance["rules"].as_array().unwrap() {
            let id = r["rule"]["id"].as_str().unwrap();
            assert_eq!(r["counts"], rules[id], "{}: {id}", dir.display());
            seen.insert(id.to_owned(), ());
        }
        assert_eq!(seen.len(), rules.as_object().unwrap().len());
        // A principle resting on one rule has that rule's scope, or the scope of the one thing
        // it cites the rule's findings about (IMP052: the applications PDF/A applies to); it
        // falls short no more often than the rule (less when it cites only some variants).
        let registry = gemmalint::checks::registry();
        for pack in compliance["packs"].as_array().unwrap() {
            for p in pack["principles"].as_array().unwrap() {
                if let [rule] = p["rules"].as_array().unwrap().as_slice() {
                    let whole = &rules[rule["id"].as_str().unwrap()];
                    let about_one_thing = registry
                        .principle(p["pack"].as_str().unwrap(), p["id"].as_str().unwrap())
                        .is_some_and(|c| c.principle.rules.iter().all(|r| r.value.contains(':')));
                    if about_one_thing {
                        assert!(
                            p["counts"]["in_scope"].as_u64() <= whole["in_scope"].as_u64(),
                            "{p:#}"
                        );
                    } else {
                        assert_eq!(p["counts"]["in_scope"], whole["in_scope"], "{p:#}");
                    }
                    assert!(
                        p["counts"]["failing"].as_u64() <= whole["failing"].as_u64(),
                        "{p:#}"
                    );
                }
            }
        }

        // The open findings of the ownership report are the check's active ones, and each
        // sits with the owner the check names.
        let ownership = json(&report(&dir, "ownership", "json", &extra));
        let active: Vec<&Value> = check["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["waived_by"].is_null() && f["baselined"] == false)
            .collect();
        let mut listed = 0;
        for s in ownership["owners"].as_array().unwrap() {
            for f in s["findings"].as_array().unwrap() {
                listed += 1;
                let element = f["element"]["element"].as_str().unwrap();
                assert!(
                    active
                        .iter()
                        .any(|a| a["element"] == element && a["owner"]["id"] == s["owner"]["id"]),
                    "{element} under {}",
                    s["owner"]["id"]
                );
            }
        }
        listed += ownership["findings_without_owner"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(listed, active.len(), "{}", dir.display());
        assert_eq!(ownership["totals"]["open_findings"], active.len());

        // What the report lists without an owner is what `ownership` finds missing.
        let missing: std::collections::BTreeSet<&str> = check["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "ownership" && f["key"] == "missing-owner")
            .map(|f| f["element"].as_str().unwrap())
            .collect();
        let unowned: std::collections::BTreeSet<&str> = ownership["unowned"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["how"] == "none")
            .map(|u| u["element"].as_str().unwrap())
            .collect();
        assert_eq!(unowned, missing, "{}", dir.display());

        // The register's statuses are the `waivers` rule's findings.
        let register = json(&report(&dir, "waivers", "json", &extra));
        for w in register["waivers"].as_array().unwrap() {
            let element = w["waiver"]["element"].as_str().unwrap();
            let keys: Vec<&str> = check["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] == "waivers" && f["element"] == element)
                .map(|f| f["key"].as_str().unwrap())
                .collect();
            let status = w["status"].as_str().unwrap();
            let expected: &[&str] = match status {
                "active" => &[],
                "expiring" => &["expiring"],
                "expired" => &["expired"],
                "stale" => &["stale"],
                "incomplete" => &["incomplete"],
                _ => {
                    // Invalid: a rule that cannot be waived, or one that does not exist
                    // (`model-integrity` reports that).
                    let unknown = check["findings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|f| f["rule"] == "model-integrity" && f["element"] == element);
                    assert!(unknown || keys.contains(&"not-waivable"), "{element}");
                    &[]
                }
            };
            for key in expected {
                assert!(keys.contains(key), "{element} is {status}: {keys:?}");
            }
            if status == "active" {
                assert!(keys.is_empty(), "{element} is active: {keys:?}");
            }
        }
    }
}

#[test]
fn ownership_follows_the_hierarchy_and_says_how() {
    let o = json(&fixture_report("ownership", "json"));
    let owners: Vec<(&str, u64)> = o["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["owner"]["id"].as_str().unwrap(),
                s["depth"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        owners,
        [("gemeente", 0), ("afd-script", 1), ("team-formule", 2)]
    );
    let afd = &o["owners"][1];
    let how = |list: &str, id: &str| {
        afd[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["id"] == id)
            .map(|h| h["how"].clone())
    };
    assert_eq!(
        how("business_functions", "bf-balie"),
        Some("parent_function".into())
    );
    assert_eq!(
        how("business_functions", "bf-dienstverlening"),
        Some("explicit".into())
    );
    assert_eq!(
        how("applications", "script-app"),
        Some("business_function".into())
    );
    assert_eq!(o["ambiguous"][0]["application"]["id"], "dubbel-app");
    assert_eq!(o["ambiguous"][0]["candidates"].as_array().unwrap().len(), 2);
    let unowned: Vec<&str> = o["unowned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(unowned, ["wees-app", "aanvraag"]);
}

#[test]
fn the_register_gives_every_status() {
    let r = json(&fixture_report("waivers", "json"));
    let statuses: Vec<(&str, &str)> = r["waivers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["waiver"]["id"].as_str().unwrap(),
                w["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("onvolledig", "incomplete"),
            ("verlopen", "expired"),
            ("overbodig", "stale"),
            ("dubbel-bijna-verlopen", "expiring"),
            ("formule-actief", "active"),
        ]
    );
    assert_eq!(r["waivers"][3]["days_left"], 33);
    assert_eq!(r["waivers"][4]["explains"][0]["id"], "formule-app");
}

#[test]
fn a_report_is_written_atomically_and_never_onto_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("landschap.yaml");
    std::fs::copy(fixture().join("landscape.yaml"), &model).unwrap();
    let before = std::fs::read(&model).unwrap();
    let run = gemmalint(
        dir.path(),
        &[
            "report",
            "ownership",
            "landschap.yaml",
            "--no-config",
            "-o",
            "landschap.yaml",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("this run read as input"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(&model).unwrap(), before);

    let run = gemmalint(
        dir.path(),
        &[
            "report",
            "compliance",
            "landschap.yaml",
            "--no-config",
            "--format",
            "html",
            "-o",
            "rapport.html",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "The compliance report is in rapport.html.\n");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    assert!(
        std::fs::read_to_string(dir.path().join("rapport.html"))
            .unwrap()
            .contains("</html>")
    );
}

#[test]
fn check_and_baseline_never_write_onto_their_input_either() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture().join("landscape.yaml"),
        dir.path().join("landschap.yaml"),
    )
    .unwrap();
    let baseline = gemmalint(
        dir.path(),
        &[
            "baseline",
            "landschap.yaml",
            "--no-config",
            "-o",
            "basis.json",
        ],
    );
    assert_eq!(baseline.code, 0, "{}", baseline.stdout);
    let before = std::fs::read(dir.path().join("basis.json")).unwrap();
    let run = gemmalint(
        dir.path(),
        &[
            "check",
            "landschap.yaml",
            "--no-config",
            "--baseline",
            "basis.json",
            "--format",
            "json",
            "-o",
            "basis.json",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("this run read as input"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read(dir.path().join("basis.json")).unwrap(),
        before
    );
}

#[test]
fn two_runs_give_the_same_bytes() {
    for format in ["html", "csv", "json", "markdown"] {
        let a = report(&example("fouten"), "compliance", format, &[]);
        let b = report(&example("fouten"), "compliance", format, &[]);
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn a_report_on_bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "applications:\n  x:\n    naam: X\n",
    )
    .unwrap();
    let run = gemmalint(
        dir.path(),
        &[
            "report",
            "compliance",
            "a.yaml",
            "--no-config",
            "-o",
            "r.md",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("No report written"), "{}", run.stdout);
    assert!(!dir.path().join("r.md").exists());
}

/// The accessibility harness (`tests/a11y`). It is skipped, with the reason printed, only when
/// the browser is absent outside CI; with `CI=true` it must run (`.ci/run` installs it), and with
/// a browser but without the harness's npm packages the test says how to install them.
fn harness() -> Option<PathBuf> {
    let dir = repo().join("tests/a11y");
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let absent = if !node {
        Some("node is not installed")
    } else if !chromium.exists() {
        Some("Chromium is not installed")
    } else {
        None
    };
    if let Some(why) = absent {
        assert!(!ci, "CI=true: the accessibility check must run, but {why}");
        eprintln!("skipping the accessibility check: {why}");
        return None;
    }
    assert!(
        dir.join("node_modules/axe-core/axe.min.js").exists(),
        "the accessibility check needs its npm packages: run `bash tests/a11y/install.sh` once"
    );
    Some(dir)
}

/// Runs the axe-core check on one HTML file; panics with what it found.
fn axe(harness: &Path, html: &Path) {
    let result = Command::new("node")
        .arg(harness.join("axe-check.mjs"))
        .arg(html)
        .arg("--screenshot")
        .arg(html.with_extension("png"))
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&result.stderr);
    let what = html.display();
    let summary: Value =
        serde_json::from_slice(&result.stdout).unwrap_or_else(|e| panic!("{what}: {e}\n{stderr}"));
    assert_eq!(
        result.status.code(),
        Some(0),
        "{what}: {stderr}\n{:#}",
        summary["violations"]
    );
    assert_eq!(summary["violations"], serde_json::json!([]));
    assert_eq!(summary["screenshot"]["blank"], false, "{what}: {stderr}");
    assert_eq!(
        summary["page"]["scripts"], 0,
        "{what}: model text never becomes a script"
    );
    assert_eq!(summary["externalRequests"], serde_json::json!([]));
}

#[test]
fn html_reports_meet_wcag_2_1_aa_in_a_browser() {
    let Some(harness) = harness() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let cases: Vec<(PathBuf, &str, Vec<&str>)> = vec![
        (example("voorbeeldstad"), "compliance", vec![]),
        (example("voorbeeldstad"), "compliance", vec!["--lang", "en"]),
        (example("fouten"), "compliance", vec![]),
        (example("fouten"), "ownership", vec![]),
        (example("fouten"), "waivers", vec!["--lang", "en"]),
        (fixture(), "ownership", vec![".", "--no-config"]),
        (fixture(), "waivers", vec![".", "--no-config"]),
    ];
    let files: Vec<PathBuf> = cases
        .iter()
        .enumerate()
        .map(|(i, (dir, which, extra))| {
            let html = out.path().join(format!("{i}-{which}.html"));
            std::fs::write(&html, report(dir, which, "html", extra)).unwrap();
            html
        })
        .collect();
    // Two browsers at a time: CI has two cores.
    std::thread::scope(|s| {
        for half in files.chunks(files.len().div_ceil(2)) {
            let harness = &harness;
            s.spawn(move || half.iter().for_each(|html| axe(harness, html)));
        }
    });
}

/// A principle that only an information finding enforces (logging) is not met by an element
/// that has the finding: the report once said 100% where most applications did not log.
#[test]
fn an_information_finding_falls_short_of_the_principle_it_alone_enforces() {
    let dir = tempfile::tempdir().unwrap();
    let model = "owners:\n  team: { name: Team, kind: team }\nbusiness_functions:\n  bf: { name: F, owner: team }\napplications:\n  logt:\n    name: Logt\n    business_functions: [bf]\n    personal_data: true\n    processing_register: VR-1\n    standards: [logboek-dataverwerkingen]\n  logt-niet:\n    name: Logt niet\n    business_functions: [bf]\n    personal_data: true\n    processing_register: VR-2\n";
    std::fs::write(dir.path().join("m.yaml"), model).unwrap();
    let figures = json(&report(
        dir.path(),
        "compliance",
        "json",
        &[".", "--no-config"],
    ));
    let logging = figures["packs"]
        .as_array()
        .expect("packs")
        .iter()
        .flat_map(|pack| pack["principles"].as_array().expect("principles"))
        .find(|p| p["id"] == "cg-logging")
        .expect("the logging principle");
    assert_eq!(logging["counts"]["in_scope"], 2, "{logging:#}");
    assert_eq!(logging["counts"]["passing"], 1, "{logging:#}");
    assert_eq!(logging["counts"]["failing"], 1, "{logging:#}");
}

/// The bronhouder's registration and its landelijke voorziening both hold a BAG object as
/// source: one chain, so the bronhouder's owner owns it, as `check` (silent on it) agrees.
/// Income data only taken from the Inlichtingenbureau is someone else's, with that source.
/// A data object with two sources (single-source's finding) still has an owner when both
/// sources have the same one, is ambiguous when they differ, and has none when its only source
/// is retired; none of it is "a reference that does not resolve" (a blind test was told so).
#[test]
fn two_sources_or_a_retired_one_are_not_broken_references_in_the_ownership_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "owners:\n  team-a: { name: Team A, kind: team }\n  team-b: { name: Team B, kind: team }\n\
         business_functions:\n  bf-a: { name: A, owner: team-a }\n  bf-b: { name: B, owner: team-b }\n\
         applications:\n\
         \x20 dms: { name: DMS, business_functions: [bf-a], data: { document: { role: source }, dossier: { role: source } } }\n\
         \x20 zaak: { name: Zaak, business_functions: [bf-a], data: { document: { role: source } } }\n\
         \x20 crm: { name: CRM, business_functions: [bf-b], data: { dossier: { role: source } } }\n\
         \x20 oud: { name: Oud, business_functions: [bf-a], lifecycle: { status: retired }, data: { historisch: { role: source } } }\n\
         \x20 bi: { name: BI, business_functions: [bf-a], data: { historisch: { role: copy, from: oud, sync: daily } } }\n\
         data_objects:\n  document: { name: Document }\n  dossier: { name: Dossier }\n  historisch: { name: Historische zaak }\n",
    )
    .unwrap();
    let o = json(&report(
        dir.path(),
        "ownership",
        "json",
        &[".", "--no-config"],
    ));
    let team_a = &o["owners"][0];
    assert_eq!(team_a["owner"]["id"], "team-a");
    let document = team_a["data_objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "document")
        .unwrap_or_else(|| panic!("both sources are Team A's: {o:#}"));
    assert_eq!(document["via"].as_array().unwrap().len(), 2, "{o:#}");
    let ambiguous = o["ambiguous"].as_array().unwrap();
    assert_eq!(ambiguous.len(), 1, "{o:#}");
    assert_eq!(ambiguous[0]["application"]["id"], "dossier");
    assert_eq!(ambiguous[0]["candidates"].as_array().unwrap().len(), 2);
    let unowned = o["unowned"].as_array().unwrap();
    assert_eq!(unowned.len(), 1, "{o:#}");
    assert_eq!(
        (&unowned[0]["id"], &unowned[0]["how"]),
        (&"historisch".into(), &"no_source".into())
    );
    let md = report(dir.path(), "ownership", "markdown", &[".", "--no-config"]);
    assert!(!md.contains("verwijzing klopt niet"), "{md}");
}

#[test]
fn a_bronhouder_owns_what_its_landelijke_voorziening_also_holds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "owners:\n  team-geo: { name: Team Geo, kind: team }\n\
         business_functions:\n  bf-bag: { name: BAG-beheer, owner: team-geo }\n\
         applications:\n\
         \x20 bag-beheer: { name: BAG-beheer, business_functions: [bf-bag], data: { adres: { role: source } } }\n\
         \x20 lv-bag: { name: LV BAG, external: true, data: { adres: { role: source } } }\n\
         \x20 inlichtingenbureau: { name: Inlichtingenbureau, external: true }\n\
         \x20 bijstand:\n    name: Bijstand\n    business_functions: [bf-bag]\n\
         \x20   data: { inkomen: { role: query, from: inlichtingenbureau }, adres: { role: query, from: bag-beheer } }\n\
         data_objects:\n  adres: { name: Adres }\n  inkomen: { name: Inkomensgegevens }\n",
    )
    .unwrap();
    let o = json(&report(
        dir.path(),
        "ownership",
        "json",
        &[".", "--no-config"],
    ));
    let geo = &o["owners"][0];
    assert_eq!(geo["owner"]["id"], "team-geo");
    let adres = geo["data_objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "adres")
        .unwrap_or_else(|| panic!("adres is Team Geo's: {o:#}"));
    assert_eq!(adres["how"], "source");
    assert_eq!(adres["via"][0]["id"], "bag-beheer");
    assert_eq!(adres["via"].as_array().unwrap().len(), 1);
    let external = o["external"].as_array().unwrap();
    assert_eq!(external.len(), 1, "{o:#}");
    assert_eq!(external[0]["id"], "inkomen");
    assert_eq!(external[0]["via"][0]["id"], "inlichtingenbureau");
    let unowned = o["unowned"].as_array().unwrap();
    assert!(
        unowned
            .iter()
            .all(|u| u["id"] != "adres" && u["id"] != "inkomen"),
        "{o:#}"
    );
}
