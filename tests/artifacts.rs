//! The files the model points at: read as real ones are written, only inside the model root,
//! within a size bound, and never over the network.

mod common;

use std::path::Path;

use common::{TODAY, check_json, gemmalint, repo};

/// The findings of one rule, as `element key`.
fn fired(json: &serde_json::Value, rule: &str) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            format!(
                "{} {}",
                f["element"].as_str().unwrap(),
                f["key"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn real_world_documents_do_not_trip_the_parser() {
    // OpenAPI 3.1 JSON with tabs, type arrays and 40 levels of inline schema; 3.0.0 YAML with
    // unquoted dates, Unicode regexes and `$ref :`; publiccode.yml version 0 with `EUPL-1.2+`.
    let dir = repo().join("tests/fixtures/artifacts");
    let (code, json) = check_json(&dir, ".");
    assert_ne!(code, 2, "{json:#}");
    for rule in ["rest-api", "open-source-unless", "open-standards"] {
        assert_eq!(fired(&json, rule), Vec::<String>::new(), "{rule}");
    }
    let software = &json["publiccode"][0];
    assert_eq!(software["element"], "application:formulieren");
    assert_eq!(software["version"], "0");
    assert_eq!(software["software_type"], "standalone/web");
    assert_eq!(software["maintenance"]["type"], "community");
    assert_eq!(software["depends_on"][0]["kind"], "proprietary");
    assert_eq!(software["depends_on"][0]["version_min"], "19");
}

const MODEL: &str = "applications:
  register: { name: Register, license: EUPL-1.2 }
  portaal: { name: Portaal, license: EUPL-1.2 }
  maatwerk:
    name: Maatwerk
    development: custom
    license: EUPL-1.2
    publiccode: PUBLICCODE
interfaces:
  register-api:
    name: Register API
    provider: register
    consumers: [portaal]
    style: rest
    specification: SPECIFICATION
";

/// A model root with one REST interface and one application naming the given files.
fn root_with(dir: &Path, specification: &str, publiccode: &str) -> std::path::PathBuf {
    let root = dir.join("root");
    std::fs::create_dir_all(root.join("specs")).unwrap();
    let model = MODEL
        .replace("SPECIFICATION", specification)
        .replace("PUBLICCODE", publiccode);
    std::fs::write(root.join("landschap.yaml"), model).unwrap();
    root
}

/// What leaves the root is a finding, and its text never shows: it was not read.
#[cfg(unix)]
#[test]
fn references_that_leave_the_root_are_findings_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "geheim-buiten-de-modelroot";
    std::fs::write(dir.path().join("buiten.yaml"), format!("{secret}: 1\n")).unwrap();
    std::fs::create_dir_all(dir.path().join("gedeeld")).unwrap();
    std::fs::write(
        dir.path().join("gedeeld/api.yaml"),
        format!("{secret}: 2\n"),
    )
    .unwrap();
    for (specification, publiccode) in [
        ("specs/link.yaml", "specs/link.yaml"),
        ("gedeelde-map/api.yaml", "gedeelde-map/api.yaml"),
        ("../buiten.yaml", "../buiten.yaml"),
        (
            dir.path().join("buiten.yaml").to_str().unwrap(),
            dir.path().join("buiten.yaml").to_str().unwrap(),
        ),
    ] {
        let root = root_with(dir.path(), specification, publiccode);
        let _ = std::fs::remove_file(root.join("specs/link.yaml"));
        let _ = std::fs::remove_file(root.join("gedeelde-map"));
        std::os::unix::fs::symlink("../../buiten.yaml", root.join("specs/link.yaml")).unwrap();
        std::os::unix::fs::symlink("../gedeeld", root.join("gedeelde-map")).unwrap();
        let run = gemmalint(
            &root,
            &[
                "check",
                "landschap.yaml",
                "--no-config",
                "--format",
                "json",
                "--today",
                TODAY,
            ],
        );
        assert!(
            !run.stdout.contains(secret),
            "{specification}: {}",
            run.stdout
        );
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            fired(&json, "rest-api"),
            ["interface:register-api specification-outside-root"],
            "{specification}"
        );
        assert_eq!(
            fired(&json, "open-source-unless"),
            ["application:maatwerk publiccode-outside-root"],
            "{publiccode}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_that_stays_inside_the_root_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = root_with(dir.path(), "specs/actueel.yaml", "publiccode.yml");
    std::fs::write(
        root.join("specs/v1.yaml"),
        "openapi: 3.0.3\ninfo: {title: Register API, version: 1.0.0}\npaths: {}\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("v1.yaml", root.join("specs/actueel.yaml")).unwrap();
    std::fs::write(root.join("publiccode.yml"), "dit is geen publiccode\n").unwrap();
    let (_, json) = check_json(&root, "landschap.yaml");
    assert_eq!(fired(&json, "rest-api"), Vec::<String>::new());
    assert_eq!(
        fired(&json, "open-source-unless"),
        ["application:maatwerk invalid-publiccode"]
    );
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "open-source-unless")
        .unwrap();
    assert_eq!(finding["file"], "publiccode.yml", "points into the file");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn oversized_files_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = root_with(dir.path(), "specs/groot.yaml", "publiccode.yml");
    let mut big = String::from(
        "openapi: 3.0.3\ninfo: {title: A, version: 1.0.0}\npaths: {}\nx-opvulling: |\n",
    );
    while big.len() < 17 * 1024 * 1024 {
        big.push_str("  ................................................................\n");
    }
    std::fs::write(root.join("specs/groot.yaml"), &big).unwrap();
    std::fs::write(root.join("publiccode.yml"), &big[..2 * 1024 * 1024]).unwrap();
    let (_, json) = check_json(&root, "landschap.yaml");
    both_invalid(&json);
    let text = json.to_string();
    assert!(
        text.contains("gemmalint reads such files up to 16384 KiB"),
        "{text}"
    );
    assert!(
        text.contains("gemmalint reads such files up to 1024 KiB"),
        "{text}"
    );
}

/// The specification and the publiccode.yml of `root_with`'s landscape are both reported as
/// unreadable, and nothing else of those two rules fires.
fn both_invalid(json: &serde_json::Value) {
    assert_eq!(
        fired(json, "rest-api"),
        ["interface:register-api invalid-specification"]
    );
    assert_eq!(
        fired(json, "open-source-unless"),
        ["application:maatwerk invalid-publiccode"]
    );
}

/// A directory or a pipe where a file should be is said to be one, and a pipe is never opened
/// (reading it would wait for ever).
#[cfg(unix)]
#[test]
fn a_directory_or_a_pipe_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = root_with(dir.path(), "specs/map", "publiccode.pipe");
    std::fs::create_dir_all(root.join("specs/map")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("publiccode.pipe"))
        .status()
        .unwrap();
    assert!(made.success());
    let (_, json) = check_json(&root, "landschap.yaml");
    both_invalid(&json);
    let text = json.to_string();
    assert!(
        text.contains("`specs/map` is a directory, not a file"),
        "{text}"
    );
    assert!(
        text.contains("`publiccode.pipe` is not a regular file"),
        "{text}"
    );
}

#[test]
fn a_url_is_recorded_and_never_fetched() {
    // Port 9 on the loopback (discard) has nothing listening: a fetch would fail or hang.
    let dir = tempfile::tempdir().unwrap();
    let root = root_with(
        dir.path(),
        "http://127.0.0.1:9/zaken/openapi.yaml",
        "https://127.0.0.1:9/publiccode.yml",
    );
    let started = std::time::Instant::now();
    let (_, json) = check_json(&root, "landschap.yaml");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(
        fired(&json, "rest-api"),
        ["interface:register-api specification-url"]
    );
    assert_eq!(
        fired(&json, "open-source-unless"),
        ["application:maatwerk publiccode-url"]
    );
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "rest-api" || f["rule"] == "open-source-unless")
            .all(|f| f["severity"] == "info"),
        "{json:#}"
    );
}

#[test]
fn a_waiver_names_one_nl_api_design_rule_by_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let root = root_with(dir.path(), "specs/zaken.yaml", "publiccode.yml");
    std::fs::write(
        root.join("specs/zaken.yaml"),
        "openapi: 3.0.3\ninfo: {title: Zaken, version: '1.0', contact: {name: a, url: 'https://a.example', email: a@a.example}}\nservers: [{url: 'https://api.example/zaken/v1'}]\npaths:\n  /Zaken:\n    get:\n      responses: {'200': {description: OK, headers: {API-Version: {schema: {type: string}}}}}\n",
    )
    .unwrap();
    let model = std::fs::read_to_string(root.join("landschap.yaml"))
        .unwrap()
        .replace("    publiccode: publiccode.yml\n", "")
        .replace(
            "    specification:",
            "    standards: [rest-api-design-rules]\n    specification:",
        )
        + "waivers:\n  zaken-pad:\n    rule: rest-api\n    target: interface:register-api\n    key: /core/path-segments-kebab-case\n    reason: Het pad volgt de landelijke standaard\n    decision: Architectuurboard 2026-10-01\n    expires: 2027-12-31\n";
    std::fs::write(root.join("landschap.yaml"), model).unwrap();
    let (_, json) = check_json(&root, "landschap.yaml");
    let findings: Vec<(String, bool)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "rest-api")
        .map(|f| {
            (
                f["key"].as_str().unwrap().to_owned(),
                f["waived_by"].is_string(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [
            ("adr-violation:/core/semver".to_owned(), false),
            (
                "adr-violation:/core/path-segments-kebab-case".to_owned(),
                true
            ),
        ]
    );
}

/// Pieces of OpenAPI documents and publiccode.yml files, put together in random order.
fn documentish() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop::sample::select(vec![
        "openapi: 3.0.3\n",
        "openapi: 3.1\n",
        "swagger: '2.0'\n",
        "info: {title: A, version: 1.0.0}\n",
        "info: {version: [1]}\n",
        "servers: [{url: 'http://x/{v}', variables: {v: {default: a, enum: [b]}}}]\n",
        "paths:\n",
        "  /Zaken/{id}/:\n",
        "    parameters: [{$ref: '#/components/parameters/p'}]\n",
        "    get: {responses: {'200': {$ref: '#/a/b'}, '500': {content: {x: {schema: {$ref: '#'}}}}}}\n",
        "    head: {}\n",
        "components: {schemas: {A: {properties: {datum: {allOf: [{$ref: '#/components/schemas/A'}]}}}}}\n",
        "components: {parameters: {p: {name: a_b, in: query}}}\n",
        "$ref: 'https://example.org/x.yaml#/'\n",
        "publiccodeYmlVersion: 0.2\n",
        "legal: {license: 'EUPL-1.2+ OR'}\n",
        "maintenance: {type: [], contractors: [{name: 1}]}\n",
        "dependsOn: {open: [{name: x, versionMin: 1.0}, 3]}\n",
        "- a\n",
        "&a [1, *a]\n",
        "{\"openapi\": ",
        "\t",
        "  ",
        "'",
        "{",
        "}",
        "[",
        "]",
        "<wsdl:definitions",
        "é",
    ]);
    prop::collection::vec(piece, 0..30).prop_map(|parts| parts.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    /// Whatever a referenced file holds, the run ends with findings, never a panic, and every
    /// finding's place lies inside its file.
    #[test]
    fn arbitrary_referenced_files_never_panic(spec in documentish(), publiccode in documentish()) {
        let dir = tempfile::tempdir().unwrap();
        let root = root_with(dir.path(), "specs/a.yaml", "publiccode.yml");
        std::fs::write(root.join("specs/a.yaml"), &spec).unwrap();
        std::fs::write(root.join("publiccode.yml"), &publiccode).unwrap();
        let model = std::fs::read_to_string(root.join("landschap.yaml"))
            .unwrap()
            .replace("    specification:", "    standards: [rest-api-design-rules]\n    specification:");
        std::fs::write(root.join("landschap.yaml"), model).unwrap();
        let outcome = gemmalint::engine::check(&gemmalint::engine::CheckOptions {
            paths: vec![root.join("landschap.yaml")],
            config: gemmalint::catalogue::config::ConfigChoice::None,
            today: Some(TODAY.to_owned()),
            baseline: gemmalint::engine::BaselineChoice::No,
            only: vec!["rest-api".to_owned(), "open-source-unless".to_owned()],
            cwd: root.clone(),
        });
        proptest::prop_assert!(outcome.problems.is_empty());
        for f in &outcome.verdict.findings {
            if let Some(loc) = f.loc {
                let file = outcome.sources.get(loc.file);
                proptest::prop_assert!(loc.span.end() <= file.text.len(), "{}", f.message);
            }
        }
    }
}
