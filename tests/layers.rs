//! The layers depend one way. Each top-level module of `src/` has a rank; a module may name
//! (through `crate::…`, in code or docs) only modules of a lower rank. The structure is drawn
//! from the sources themselves, so an upward import fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first. Modules on one line are side by side and may not use each other.
const LAYERS: &[&[&str]] = &[
    &["text"],
    &["syntax"],
    &["model"],
    &["reference", "artifacts"],
    &["graph", "interchange"],
    &["catalogue"],
    &["checks"],
    &["verdict"],
    &["engine"],
    &["figures"],
    &["output"],
    &["cli"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a source file belongs to (`src/checks/ownership.rs` → `checks`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    Some(first.trim_end_matches(".rs").to_owned())
}

/// Every `crate::name` (and `$crate::name`) in a file.
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        rest = after;
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    let mut drawn: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(&src, file).unwrap();
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(own) = rank(&module) else {
            wrong.push(format!(
                "src/{module} is in no layer: add it to LAYERS in tests/layers.rs"
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for used in uses(&text) {
            if used == module {
                continue;
            }
            drawn
                .entry(module.clone())
                .or_default()
                .insert(used.clone());
            match rank(&used) {
                Some(r) if r < own => {}
                _ => wrong.push(format!(
                    "{} uses `crate::{used}`, which is not below `{module}`",
                    file.strip_prefix(&src).unwrap().display()
                )),
            }
        }
    }
    let structure: Vec<String> = drawn
        .iter()
        .map(|(m, used)| {
            format!(
                "{m} → {}",
                used.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "upward imports:\n  {}\n\nthe structure as drawn from the imports:\n  {}",
        wrong.join("\n  "),
        structure.join("\n  ")
    );
}

#[test]
fn the_layer_test_sees_an_upward_import() {
    assert_eq!(
        uses("use crate::checks::Ctx; /// [`crate::model::Kind`]\n$crate::text::x"),
        BTreeSet::from(["checks".to_owned(), "model".to_owned(), "text".to_owned()])
    );
}
