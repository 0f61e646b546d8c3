//! `--format json` is a contract for scripts: its shape, its sorting, and positions that point
//! at the right YAML.

mod common;

use common::{TODAY, check_json, repo};

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
    assert!(json["summary"]["rules"].is_object());
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
    assert_eq!(
        json["summary"]["rules"],
        serde_json::json!({}),
        "no rule ran"
    );
}

/// Long because it walks one `check` run's findings once and asks each question of every
/// finding; split, the same run would be made per question.
#[test]
fn each_finding_names_its_element_owner_and_principles() {
    // Added fields (version stays 1): `name`, `owner`, `ownership`, `principles`.
    let dir = repo().join("examples/fouten");
    let (_, json) = check_json(&dir, ".");
    let how = [
        "explicit",
        "business_function",
        "parent_function",
        "source",
        "provider",
        "self",
        "targets",
        "external",
        "ambiguous",
        "unresolved",
        "no_source",
        "none",
    ];
    for f in json["findings"].as_array().unwrap() {
        assert!(f["name"].is_string() || f["name"].is_null(), "{f:#}");
        let ownership = f["ownership"].as_str().unwrap();
        assert!(how.contains(&ownership), "{ownership}");
        match &f["owner"] {
            serde_json::Value::Null => assert!(
                ["external", "ambiguous", "unresolved", "no_source", "none"].contains(&ownership),
                "{f:#}"
            ),
            owner => {
                assert!(owner["id"].is_string() && owner["name"].is_string());
                let via = owner["via"].as_array().unwrap();
                assert_eq!(via.is_empty(), ["explicit", "self"].contains(&ownership));
            }
        }
        for p in f["principles"].as_array().unwrap() {
            for key in ["pack", "principle", "title"] {
                assert!(p[key].is_string(), "{key} in {p:#}");
            }
        }
    }
    let find = |element: &str, rule: &str| {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["element"] == element && f["rule"] == rule)
            .unwrap_or_else(|| panic!("a finding of {rule} on {element}"))
            .clone()
    };
    let through_function = find("application:financieel", "open-standards");
    assert_eq!(
        through_function["name"],
        "Financiële administratie (Kasboek ERP)"
    );
    assert_eq!(through_function["ownership"], "business_function");
    assert_eq!(
        through_function["owner"],
        serde_json::json!({ "id": "team-financien", "name": "Team Financiën",
            "via": ["business_function:bf-financieel-management"] })
    );
    let explicit = find("application:raadsinformatie", "gemma-mapping");
    assert_eq!(explicit["ownership"], "explicit");
    assert_eq!(explicit["owner"]["id"], "griffie");
    let ambiguous = find("application:sociaal-loket", "ownership");
    assert_eq!(ambiguous["ownership"], "ambiguous");
    assert!(ambiguous["owner"].is_null());
    let inherited = find("business_function:bf-woz", "model-integrity");
    assert_eq!(inherited["ownership"], "parent_function");
    assert_eq!(
        inherited["owner"]["via"],
        serde_json::json!(["business_function:bf-belastingen"])
    );
    let provided = find("interface:documenten-api", "rest-api");
    assert_eq!(provided["ownership"], "provider");
    assert_eq!(
        provided["owner"]["via"],
        serde_json::json!(["application:documentbeheer"])
    );
    let waiver = find("waiver:financieel-gesloten-broncode", "waivers");
    assert!(waiver["name"].is_null(), "a waiver has no name");
    assert_eq!(waiver["ownership"], "targets");
    // The packs that are on say which principles; ownership rests on at least one.
    assert!(
        !find("application:sociaal-loket", "ownership")["principles"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_summary_counts_per_rule_the_elements_in_scope_and_where_they_stand() {
    let dir = repo().join("examples/fouten");
    let (_, json) = check_json(&dir, ".");
    let rules = json["summary"]["rules"].as_object().unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(rules.contains_key("ownership") && rules.contains_key("waivers"));
    for (rule, c) in rules {
        let n = |k: &str| c[k].as_u64().unwrap();
        assert_eq!(
            n("in_scope"),
            n("passing") + n("waived") + n("baselined") + n("failing"),
            "{rule}: {c:#}"
        );
        // An element fails when it has an open warning or error; waived when all its
        // shortfalls are explained.
        let elements = |pick: &dyn Fn(&serde_json::Value) -> bool| {
            findings
                .iter()
                .filter(|f| f["rule"] == rule.as_str() && pick(f))
                .map(|f| f["element"].as_str().unwrap())
                .collect::<std::collections::BTreeSet<_>>()
        };
        let failing = elements(&|f| f["waived_by"].is_null() && f["severity"] != "info");
        let waived = elements(&|f| !f["waived_by"].is_null());
        assert_eq!(n("failing"), failing.len() as u64, "{rule}");
        assert_eq!(
            n("waived"),
            waived.difference(&failing).count() as u64,
            "{rule}"
        );
    }
    let waived = &rules["open-source-unless"];
    assert!(waived["waived"].as_u64().unwrap() >= 1, "{waived:#}");
}

#[test]
fn a_clean_landscape_passes_every_rule_it_examines() {
    let dir = repo().join("examples/voorbeeldstad");
    let run = common::gemmalint(&dir, &["check", "--format", "json", "--today", TODAY]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for (rule, c) in json["summary"]["rules"].as_object().unwrap() {
        assert_eq!(c["failing"], 0, "{rule}");
        assert_eq!(
            c["in_scope"].as_u64().unwrap(),
            c["passing"].as_u64().unwrap() + c["waived"].as_u64().unwrap(),
            "{rule}"
        );
    }
}

/// An application that supports many business functions of one team lists the first ten in
/// each finding's `owner.via` and counts the rest: its findings do not each carry every function.
#[test]
fn a_finding_lists_at_most_ten_elements_its_owner_came_through() {
    let dir = tempfile::tempdir().unwrap();
    let functions: Vec<String> = (0..12).map(|b| format!("bf-{b:02}")).collect();
    let mut text =
        String::from("owners:\n  team: { name: Team, kind: team }\nbusiness_functions:\n");
    for f in &functions {
        text.push_str(&format!("  {f}: {{ name: F {f}, owner: team }}\n"));
    }
    let all = functions.join(", ");
    text.push_str(&format!(
        "applications:\n  breed: {{ name: Breed, business_functions: [{all}, {all}] }}\n  smal: {{ name: Smal, business_functions: [bf-00] }}\n"
    ));
    std::fs::write(dir.path().join("a.yaml"), text).unwrap();
    let (_, json) = check_json(dir.path(), ".");
    let findings = json["findings"].as_array().unwrap();
    let of = |element: &'static str| findings.iter().filter(move |f| f["element"] == element);
    // Each function listed twice is a finding of its own on the application.
    assert!(of("application:breed").count() > 12);
    for f in of("application:breed") {
        let via: Vec<&str> = f["owner"]["via"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let first: Vec<String> = functions[..10]
            .iter()
            .map(|f| format!("business_function:{f}"))
            .collect();
        assert_eq!(via, first, "{f:#}");
        assert_eq!(f["owner"]["via_more"], 2, "{f:#}");
    }
    for f in of("application:smal") {
        assert_eq!(
            f["owner"]["via"],
            serde_json::json!(["business_function:bf-00"])
        );
        assert!(f["owner"].get("via_more").is_none(), "{f:#}");
    }
}
