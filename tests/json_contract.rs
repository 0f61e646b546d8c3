//! `--format json` is a contract for scripts: its shape, its sorting, and positions that point
//! at the right YAML.

mod common;

use common::{check_json, repo};

#[test]
fn json_output_follows_the_contract() {
    let dir = repo().join("examples/fouten");
    let (code, json) = check_json(&dir, ".");
    assert_eq!(code, 1);
    assert_eq!(json["version"], 1);
    for key in [
        "error",
        "warning",
        "info",
        "waived",
        "baselined",
        "baseline_stale",
        "problems",
    ] {
        assert!(json["summary"][key].is_u64(), "summary.{key}");
    }
    assert_eq!(json["problems"], serde_json::json!([]));
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let mut counted = [0u64; 4];
    for f in findings {
        for key in [
            "rule", "severity", "element", "field", "key", "message", "help",
        ] {
            assert!(f[key].is_string(), "{key} in {f:#}");
        }
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        let element = f["element"].as_str().unwrap();
        assert!(element.contains(':'), "element is kind:id: {element}");
        assert!(
            f["waived_by"].is_null() || f["waived_by"].as_str().unwrap().starts_with("waiver:")
        );
        assert!(f["baselined"].is_boolean());
        assert!(f["related"].is_array());
        if f["file"].is_string() {
            assert!(f["line"].as_u64().unwrap() >= 1);
            assert!(f["column"].as_u64().unwrap() >= 1);
            let file = f["file"].as_str().unwrap();
            assert!(
                !file.starts_with('/') && !file.contains('\\'),
                "file is relative with /: {file}"
            );
        }
        if f["waived_by"].is_null() && f["baselined"] == false {
            let i = ["error", "warning", "info"]
                .iter()
                .position(|s| *s == f["severity"])
                .unwrap();
            counted[i] += 1;
        } else {
            counted[3] += 1;
        }
    }
    assert_eq!(json["summary"]["error"].as_u64().unwrap(), counted[0]);
    assert_eq!(json["summary"]["warning"].as_u64().unwrap(), counted[1]);
    assert_eq!(json["summary"]["info"].as_u64().unwrap(), counted[2]);
}

#[test]
fn findings_are_sorted_by_place_then_rule_element_field_key() {
    let dir = repo().join("examples/fouten");
    let (_, json) = check_json(&dir, ".");
    /// (no place, file, line, column, rule, element, field, key)
    type SortKey = (bool, String, u64, u64, String, String, String, String);
    let keys: Vec<SortKey> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].is_null(),
                f["file"].as_str().unwrap_or("").to_owned(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                f["rule"].as_str().unwrap().to_owned(),
                f["element"].as_str().unwrap().to_owned(),
                f["field"].as_str().unwrap().to_owned(),
                f["key"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn a_finding_points_at_the_exact_yaml_value() {
    // The line and column of every finding with a place land on a non-blank character of the
    // file, so editors and CI annotations put the marker on the YAML that must change.
    let dir = repo().join("examples/fouten");
    let (_, json) = check_json(&dir, ".");
    for f in json["findings"].as_array().unwrap() {
        let Some(file) = f["file"].as_str() else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let line = text
            .lines()
            .nth(f["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let col = f["column"].as_u64().unwrap() as usize;
        let c = line
            .chars()
            .nth(col - 1)
            .unwrap_or_else(|| panic!("column {col} is past the end of `{line}`"));
        assert!(
            !c.is_whitespace(),
            "{file}:{}:{col} points at white space in `{line}`",
            f["line"]
        );
    }
}

#[test]
fn problems_replace_findings_in_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "applications:\n  zaak:\n    naam: Zaak\n",
    )
    .unwrap();
    let (code, json) = check_json(dir.path(), ".");
    assert_eq!(code, 2);
    assert_eq!(json["findings"], serde_json::json!([]));
    let p = &json["problems"][0];
    assert_eq!(p["file"], "a.yaml");
    assert_eq!(p["line"], 3);
    assert_eq!(p["column"], 5);
    assert_eq!(json["summary"]["problems"], 1);
}
