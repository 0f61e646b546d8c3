//! The artifacts layer: the files the model points at (`specification:`, `publiccode:`), read
//! once before any check runs, only inside the model root, never over the network.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::model::{FileCheck, Model, inside_root_file};
use crate::syntax::{self, Value};
use crate::text::{Language, read_file};

/// What a referenced path turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found<T> {
    /// Inside the model root, and read.
    Read(T),
    /// Inside the root by name, but not there.
    Missing,
    /// Absolute, above the root through `..`, or out of it through a symlink: never opened.
    Outside,
}

/// Why a specification is not a usable OpenAPI 3 document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Defect {
    /// The file cannot be read, or is not YAML or JSON: what the reader said.
    Unreadable(String),
    NotAMapping,
    NotVersion3(String),
    VersionNotText,
    Swagger2,
    NoVersion,
    NoInfo,
    InfoWithout(&'static str),
    NoPaths,
}

impl Defect {
    /// Why, in a few words.
    pub fn reason(&self) -> String {
        match self {
            Defect::Unreadable(why) => why.clone(),
            Defect::NotAMapping => "the document is not a mapping".into(),
            Defect::NotVersion3(v) => format!("`openapi: {v}` is not version 3"),
            Defect::VersionNotText => "`openapi` must be a version text such as \"3.0.3\"".into(),
            Defect::Swagger2 => "it is a Swagger 2.0 document".into(),
            Defect::NoVersion => "it has no `openapi` version".into(),
            Defect::NoInfo => "it has no `info`".into(),
            Defect::InfoWithout(key) => format!("`info` has no `{key}`"),
            Defect::NoPaths => "it has no `paths`".into(),
        }
    }
}

/// The files the model points at, by the path as written.
#[derive(Debug, Default)]
pub struct Artifacts {
    specifications: HashMap<String, Found<Result<(), Defect>>>,
    publiccode: HashMap<String, Found<()>>,
}

impl Artifacts {
    /// Reads every referenced file once (many interfaces may share one document).
    pub fn read(model: &Model, root: &Path) -> Artifacts {
        let mut specifications: Vec<&str> = model
            .interfaces
            .iter()
            .filter_map(|i| i.body.specification.as_ref())
            .map(|s| s.value.as_str())
            .collect();
        specifications.sort_unstable();
        specifications.dedup();
        let specifications = specifications
            .par_iter()
            .map(|&written| {
                let found = match inside_root_file(root, written) {
                    FileCheck::Outside => Found::Outside,
                    FileCheck::Missing => Found::Missing,
                    FileCheck::Inside(full) => Found::Read(check_openapi(&full)),
                };
                (written.to_owned(), found)
            })
            .collect();
        let publiccode = model
            .applications
            .iter()
            .filter_map(|a| a.body.publiccode.as_ref())
            .map(|p| {
                let found = match inside_root_file(root, &p.value) {
                    FileCheck::Outside => Found::Outside,
                    FileCheck::Missing => Found::Missing,
                    FileCheck::Inside(_) => Found::Read(()),
                };
                (p.value.clone(), found)
            })
            .collect();
        Artifacts {
            specifications,
            publiccode,
        }
    }

    /// The specification an interface names (as written), when it is one the model names.
    pub fn specification(&self, written: &str) -> Option<&Found<Result<(), Defect>>> {
        self.specifications.get(written)
    }

    /// The publiccode.yml an application names (as written).
    pub fn publiccode(&self, written: &str) -> Option<&Found<()>> {
        self.publiccode.get(written)
    }
}

/// The shape every OpenAPI 3 document has; a full validation is the API's own pipeline's job.
fn check_openapi(path: &Path) -> Result<(), Defect> {
    let (file, unreadable) = read_file(path, path.display().to_string(), Language::Yaml);
    if let Some(why) = unreadable {
        return Err(Defect::Unreadable(why.message(&file.path)));
    }
    let node = syntax::parse_yaml(&file).map_err(|e| Defect::Unreadable(e.message))?;
    let Value::Map(_) = node.value else {
        return Err(Defect::NotAMapping);
    };
    match node.get("openapi").map(|v| &v.value) {
        Some(Value::Str(v)) if v.starts_with("3.") => {}
        Some(Value::Float(v)) if (3.0..4.0).contains(v) => {}
        Some(Value::Str(v)) => return Err(Defect::NotVersion3(v.clone())),
        Some(_) => return Err(Defect::VersionNotText),
        None if node.get("swagger").is_some() => return Err(Defect::Swagger2),
        None => return Err(Defect::NoVersion),
    }
    let info = node.get("info").ok_or(Defect::NoInfo)?;
    for key in ["title", "version"] {
        if info.get(key).is_none() {
            return Err(Defect::InfoWithout(key));
        }
    }
    if node.get("paths").is_none()
        && node.get("webhooks").is_none()
        && node.get("components").is_none()
    {
        return Err(Defect::NoPaths);
    }
    Ok(())
}
