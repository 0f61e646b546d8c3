//! Compiles the built-in policy packs and reference models into the binary.
//! - Every `rules/packs/<pack>/pack.toml` is found here, so adding a pack needs no list to be
//!   edited.
//! - Every `models/*.yaml` is turned into JSON, which a run reads in a millisecond: parsing the
//!   YAML took ~9 ms and ~5 MiB at every start. The scalars read as the syntax layer reads them
//!   (`src/syntax/scalar.rs`, included below), and a unit test checks that the JSON gives the very
//!   reference the YAML gives through the syntax layer, with all its checks.

use std::fmt::Write;
use std::path::Path;

#[path = "src/syntax/scalar.rs"]
#[allow(dead_code)]
mod scalar;

fn main() {
    packs();
    models();
}

fn packs() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest);
    let packs_dir = root.join("rules/packs");
    println!("cargo:rerun-if-changed={}", packs_dir.display());
    let mut packs: Vec<String> = std::fs::read_dir(&packs_dir)
        .expect("rules/packs exists")
        .filter_map(|entry| {
            let path = entry.expect("rules/packs can be read").path();
            path.join("pack.toml")
                .is_file()
                .then(|| path.file_name().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    packs.sort();
    let mut out = String::from(
        "/// Every built-in pack: (name, text), by name.\npub const BUILTIN_PACKS: &[(&str, &str)] = &[\n",
    );
    for pack in &packs {
        let file = packs_dir.join(pack).join("pack.toml");
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(
            out,
            "    ({pack:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("packs.rs");
    std::fs::write(target, out).expect("OUT_DIR can be written");
}

/// `models/<name>.yaml` → `OUT_DIR/models/<name>.json`, and `models.rs` listing them:
/// `COMPILED_MODELS: &[(file name, JSON)]`.
fn models() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let models_dir = Path::new(&manifest).join("models");
    println!("cargo:rerun-if-changed={}", models_dir.display());
    println!("cargo:rerun-if-changed=src/syntax/scalar.rs");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let json_dir = Path::new(&out_dir).join("models");
    std::fs::create_dir_all(&json_dir).expect("OUT_DIR can be written");
    let mut names: Vec<String> = std::fs::read_dir(&models_dir)
        .expect("models/ exists")
        .map(|entry| entry.expect("models/ can be read").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut out = String::from(
        "/// The shipped reference models as JSON: (file name, text), by name.\npub const COMPILED_MODELS: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let path = models_dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a model is UTF-8 text");
        let json = yaml_to_json(&text).unwrap_or_else(|e| panic!("models/{name}: {e}"));
        let target = json_dir.join(name.replace(".yaml", ".json"));
        std::fs::write(
            &target,
            serde_json::to_string(&json).expect("JSON values serialize"),
        )
        .expect("OUT_DIR can be written");
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            target.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("models.rs"), out).expect("OUT_DIR can be written");
}

/// One YAML document as JSON. The shipped models use no anchors, tags or non-text keys, and
/// say each key once; anything else stops the build with the place.
fn yaml_to_json(text: &str) -> Result<serde_json::Value, String> {
    use granit_parser::{Event, Parser, ScalarStyle};
    use serde_json::{Map, Value};
    enum Open {
        Seq(Vec<Value>),
        Map(Map<String, Value>, Option<String>),
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Value> = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| e.to_string())?;
        let at = || format!("line {}", span.start.line());
        let value = match event {
            Event::Scalar(_, _, anchor, tag) if anchor != 0 || tag.is_some() => {
                return Err(format!("{}: a tag or anchor", at()));
            }
            Event::Scalar(text, style, ..) => match style {
                ScalarStyle::Plain => match scalar::plain(&text) {
                    scalar::Plain::Null => Value::Null,
                    scalar::Plain::Bool(b) => Value::Bool(b),
                    scalar::Plain::Int(i) => Value::from(i),
                    scalar::Plain::Float(f) => Value::from(f),
                    scalar::Plain::Str => Value::String(text.into_owned()),
                },
                _ => Value::String(text.into_owned()),
            },
            Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag)
                if anchor != 0 || tag.is_some() =>
            {
                return Err(format!("{}: a tag or anchor", at()));
            }
            Event::SequenceStart(..) => {
                stack.push(Open::Seq(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Open::Map(Map::new(), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(items)) => Value::Array(items),
                Some(Open::Map(entries, _)) => Value::Object(entries),
                None => return Err(format!("{}: an end without a start", at())),
            },
            Event::Alias(_) => return Err(format!("{}: an alias", at())),
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(value),
            Some(Open::Seq(items)) => items.push(value),
            Some(Open::Map(entries, key)) => match key.take() {
                None => match value {
                    Value::String(k) => *key = Some(k),
                    other => return Err(format!("{}: the key `{other}` is not text", at())),
                },
                Some(k) => {
                    if entries.insert(k.clone(), value).is_some() {
                        return Err(format!("{}: the key `{k}` appears twice", at()));
                    }
                }
            },
        }
    }
    Ok(root.unwrap_or(Value::Null))
}
