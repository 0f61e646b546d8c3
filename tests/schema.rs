//! `gemmalint schema`: the JSON Schemas compile as draft-07 and accept the real examples, so
//! yaml-language-server completes and checks the files an architect edits.

mod common;

use common::{gemmalint, repo};
use gemmalint::text::{Language, SourceFile};

fn schema(which: &str) -> serde_json::Value {
    let run = gemmalint(repo(), &["schema", which]);
    assert_eq!(run.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    schema
}

fn yaml_as_json(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let file = SourceFile::new(path.display().to_string(), text, Language::Yaml);
    gemmalint::syntax::parse_yaml(&file).unwrap().to_json()
}

fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn the_model_schema_accepts_every_model_file_of_the_examples() {
    let validator = jsonschema::draft7::new(&schema("model")).expect("the model schema compiles");
    for example in ["examples/voorbeeldstad/landscape", "examples/fouten"] {
        let mut files = Vec::new();
        yaml_files(&repo().join(example), &mut files);
        for file in files {
            let json = yaml_as_json(&file);
            if json.get("openapi").is_some() || json.get("swagger").is_some() {
                continue;
            }
            let errors: Vec<String> = validator
                .iter_errors(&json)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        }
    }
}

#[test]
fn the_model_schema_rejects_what_the_loader_rejects() {
    let validator = jsonschema::draft7::new(&schema("model")).unwrap();
    let bad = serde_json::json!({ "applications": { "zaak": { "name": "Zaak", "ownr": "x" } } });
    assert!(!validator.is_valid(&bad), "unknown key");
    let bad = serde_json::json!({ "applications": { "Zaak_Systeem": { "name": "Zaak" } } });
    assert!(!validator.is_valid(&bad), "malformed id");
    let bad = serde_json::json!({ "interfaces": { "i": { "name": "I", "provider": "a", "style": "SOAP" } } });
    assert!(!validator.is_valid(&bad), "unknown enum value");
    let ok = serde_json::json!({ "applications": { "zaak": { "name": "Zaak", "x-cmdb": 12, "processing_register": "VR-1" } } });
    assert!(
        validator.is_valid(&ok),
        "extension keys and one-or-many lists"
    );
}

#[test]
fn the_config_and_pack_schemas_accept_the_shipped_files() {
    let config = jsonschema::draft7::new(&schema("config")).expect("the config schema compiles");
    let text =
        std::fs::read_to_string(repo().join("examples/voorbeeldstad/gemmalint.toml")).unwrap();
    let json = gemmalint::syntax::parse_toml(&text).unwrap().to_json();
    assert!(config.is_valid(&json));
    assert!(!config.is_valid(&serde_json::json!({ "modle": ["landscape"] })));

    let pack = jsonschema::draft7::new(&schema("pack")).expect("the pack schema compiles");
    for name in ["gemma", "nijmegen-2020-2024"] {
        let text =
            std::fs::read_to_string(repo().join(format!("rules/packs/{name}/pack.toml"))).unwrap();
        let json = gemmalint::syntax::parse_toml(&text).unwrap().to_json();
        let errors: Vec<String> = pack.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

#[test]
fn the_standards_schema_accepts_the_shipped_catalogue() {
    let validator =
        jsonschema::draft7::new(&schema("standards")).expect("the standards schema compiles");
    for file in [
        "models/standards.yaml",
        "tests/fixtures/rules/open-standards/catalogus.yaml",
    ] {
        let json = yaml_as_json(&repo().join(file));
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
    }
}
