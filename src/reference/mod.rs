//! The reference models shipped in the binary (`models/`): GEMMA components, business
//! functions and business objects, the basisregistraties and the standards catalogue, with
//! lookups that accept a GEMMA name or Object ID and suggest the closest names otherwise.

mod names;
mod standards;

use serde::Deserialize;

pub use names::{NameIndex, Resolution, normalize_guid};
pub use standards::{Catalogue, CatalogueStandard, StandardRef, StandardsFile};

use crate::syntax;
use crate::text::{FileId, Loc, Problem, Sources, normalize_name};

// The shipped reference models (`models/*.yaml`), compiled to JSON by `build.rs`:
// `COMPILED_MODELS: &[(file name, JSON)]`.
include!(concat!(env!("OUT_DIR"), "/models.rs"));

/// The shipped reference models as written: (file name, text). The tests read them through the
/// syntax layer, with all its checks, and compare the result with the compiled JSON's.
#[cfg(test)]
pub const BUILTIN_MODELS: &[(&str, &str)] = &[
    (
        "gemma-componenten.yaml",
        include_str!("../../models/gemma-componenten.yaml"),
    ),
    (
        "gemma-bedrijfsfuncties.yaml",
        include_str!("../../models/gemma-bedrijfsfuncties.yaml"),
    ),
    (
        "gemma-bedrijfsobjecten.yaml",
        include_str!("../../models/gemma-bedrijfsobjecten.yaml"),
    ),
    (
        "basisregistraties.yaml",
        include_str!("../../models/basisregistraties.yaml"),
    ),
    (
        "standards.yaml",
        include_str!("../../models/standards.yaml"),
    ),
    (
        "gemma-aliases.yaml",
        include_str!("../../models/gemma-aliases.yaml"),
    ),
];

/// What kind of GEMMA application component an entry is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
pub enum ComponentType {
    #[serde(rename = "referentiecomponent")]
    Referentiecomponent,
    #[serde(rename = "buitengemeentelijke-voorziening")]
    Voorziening,
    /// Illustrative or abstract: not normative.
    #[serde(rename = "overig")]
    Other,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub name: String,
    pub object_id: String,
    #[serde(rename = "type")]
    pub kind: ComponentType,
    pub status: Option<String>,
    pub url: Option<String>,
}

impl Component {
    /// Referentiecomponenten and national facilities are normative; the rest is illustration.
    pub fn is_normative(&self) -> bool {
        self.kind != ComponentType::Other
    }

    pub fn is_end_of_support(&self) -> bool {
        self.status.as_deref() == Some("Einde ondersteuning")
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GemmaFunction {
    pub name: String,
    pub object_id: String,
    pub gemma_type: Option<String>,
    #[serde(default)]
    pub parents: Vec<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessObject {
    pub name: String,
    pub object_id: String,
    /// The basisregistratie that is its authentic source, where the sources say so.
    pub basisregistratie: Option<String>,
    pub basisregistratie_basis: Option<String>,
    pub url: Option<String>,
}

/// A fact with the source it rests on.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced {
    pub value: String,
    pub basis: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basisregistratie {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// GEMMA voorzieningen that are the registration's national facility.
    #[serde(default)]
    pub national_facilities: Vec<String>,
    /// GEMMA referentiecomponenten a municipality runs as bronhouder.
    #[serde(default)]
    pub bronhouder_components: Vec<String>,
    pub municipality_is_bronhouder: Option<bool>,
    pub bronhouders: Option<Sourced>,
    pub holder: Option<Sourced>,
    #[serde(default)]
    pub business_objects: Vec<String>,
    pub in_stelsel: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentsFile {
    #[allow(dead_code)]
    source: serde_json::Value,
    components: Vec<Component>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FunctionsFile {
    #[allow(dead_code)]
    source: serde_json::Value,
    business_functions: Vec<GemmaFunction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ObjectsFile {
    #[allow(dead_code)]
    source: serde_json::Value,
    business_objects: Vec<BusinessObject>,
}

/// A name people use for GEMMA components that GEMMA does not give them.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub alias: String,
    pub components: Vec<String>,
    pub basis: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasesFile {
    #[allow(dead_code)]
    source: serde_json::Value,
    aliases: Vec<Alias>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BasisregistratiesFile {
    #[allow(dead_code)]
    source: serde_json::Value,
    basisregistraties: Vec<Basisregistratie>,
}

/// Every reference model, indexed.
#[derive(Clone, Debug)]
pub struct Reference {
    pub components: Vec<Component>,
    pub component_names: NameIndex,
    pub functions: Vec<GemmaFunction>,
    pub function_names: NameIndex,
    pub objects: Vec<BusinessObject>,
    pub object_names: NameIndex,
    pub basisregistraties: Vec<Basisregistratie>,
    pub standards: Catalogue,
    /// Names people use for components that GEMMA does not give them.
    pub aliases: Vec<Alias>,
}

/// Reads one reference file into its type, placing any problem in the file.
#[cfg(test)]
fn read<T: serde::de::DeserializeOwned>(
    sources: &mut Sources,
    path: &str,
    text: &str,
) -> Result<(T, FileId), Problem> {
    use crate::text::{Language, SourceFile};
    let id = sources.add(SourceFile::new(
        path.to_owned(),
        text.to_owned(),
        Language::Yaml,
    ));
    read_registered(sources, id)
}

/// Reads a reference file that is already among the sources.
fn read_registered<T: serde::de::DeserializeOwned>(
    sources: &Sources,
    id: FileId,
) -> Result<(T, FileId), Problem> {
    let file = sources.get(id);
    let text = file.text.as_str();
    let node = syntax::parse_yaml(file).map_err(|e| e.problem(id))?;
    syntax::from_node(&node, text, None)
        .map(|t| (t, id))
        .map_err(|e| {
            let mut p = Problem::new(format!("reference model: {}", e.message)).help_opt(e.help);
            if let Some(span) = e.span {
                p = p.at(Loc::new(id, span));
            }
            p
        })
}

/// Where the shipped models are read from: the JSON compiled into the binary, or (in the tests)
/// the YAML through the syntax layer.
trait Shipped {
    /// A model file by name, with the file it was read from when it has a place.
    fn read<T: serde::de::DeserializeOwned>(
        &mut self,
        name: &str,
    ) -> Result<(T, Option<FileId>), Problem>;
}

/// The models as `build.rs` compiled them.
struct Compiled;

impl Shipped for Compiled {
    fn read<T: serde::de::DeserializeOwned>(
        &mut self,
        name: &str,
    ) -> Result<(T, Option<FileId>), Problem> {
        let (_, json) = COMPILED_MODELS
            .iter()
            .find(|(n, _)| *n == name)
            .expect("build.rs compiles every file in models/");
        serde_json::from_str(json)
            .map(|t| (t, None))
            .map_err(|e| Problem::new(format!("models/{name}: {e}")))
    }
}

/// The models as written, read through the syntax layer with all its checks.
#[cfg(test)]
struct Written<'s>(&'s mut Sources);

#[cfg(test)]
impl Shipped for Written<'_> {
    fn read<T: serde::de::DeserializeOwned>(
        &mut self,
        name: &str,
    ) -> Result<(T, Option<FileId>), Problem> {
        let (_, text) = BUILTIN_MODELS
            .iter()
            .find(|(n, _)| *n == name)
            .expect("every built-in model is listed in BUILTIN_MODELS");
        read(self.0, &format!("<gemmalint>/models/{name}"), text).map(|(t, id)| (t, Some(id)))
    }
}

impl Reference {
    /// The models compiled into the binary. The tests read them, so a failure is a bug.
    /// The shipped models, read once per process (a run that checks many landscapes, such as
    /// the fuzz test, reads them once).
    pub fn builtin() -> Reference {
        static BUILTIN: std::sync::OnceLock<Reference> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(Reference::read_shipped).clone()
    }

    fn read_shipped() -> Reference {
        Reference::read_builtin(&mut Compiled).unwrap_or_else(|p| {
            panic!(
                "a shipped reference model is broken (a bug in gemmalint): {}",
                p.message
            )
        })
    }

    fn read_builtin(from: &mut impl Shipped) -> Result<Reference, Problem> {
        let components: ComponentsFile = from.read("gemma-componenten.yaml")?.0;
        let functions: FunctionsFile = from.read("gemma-bedrijfsfuncties.yaml")?.0;
        let objects: ObjectsFile = from.read("gemma-bedrijfsobjecten.yaml")?.0;
        let registraties: BasisregistratiesFile = from.read("basisregistraties.yaml")?.0;
        let (standards, id): (StandardsFile, _) = from.read("standards.yaml")?;
        let standards = Catalogue::from_file(standards, id)?;
        let aliases: AliasesFile = from.read("gemma-aliases.yaml")?.0;
        let mut reference = Reference::new(
            components.components,
            functions.business_functions,
            objects.business_objects,
            registraties.basisregistraties,
            standards,
        );
        reference.add_aliases(&aliases.aliases);
        reference.aliases = aliases.aliases;
        Ok(reference)
    }

    fn new(
        components: Vec<Component>,
        functions: Vec<GemmaFunction>,
        objects: Vec<BusinessObject>,
        basisregistraties: Vec<Basisregistratie>,
        standards: Catalogue,
    ) -> Reference {
        Reference {
            component_names: NameIndex::new(
                components
                    .iter()
                    .map(|c| (c.name.as_str(), c.object_id.as_str())),
            ),
            function_names: NameIndex::new(
                functions
                    .iter()
                    .map(|c| (c.name.as_str(), c.object_id.as_str())),
            ),
            object_names: NameIndex::new(
                objects
                    .iter()
                    .map(|c| (c.name.as_str(), c.object_id.as_str())),
            ),
            components,
            functions,
            objects,
            basisregistraties,
            standards,
            aliases: Vec::new(),
        }
    }

    /// Short names for components: the curated aliases, and each basisregistratie's code and
    /// aliases for its national facilities and bronhouder components (`BRP`, `LV-BAG`).
    fn add_aliases(&mut self, aliases: &[Alias]) {
        for a in aliases {
            self.component_names.add_alias(&a.alias, &a.components);
        }
        for b in &self.basisregistraties {
            let components: Vec<String> = b
                .national_facilities
                .iter()
                .chain(&b.bronhouder_components)
                .cloned()
                .collect();
            // Its code, its name ("Basisregistratie Personen") and the names people use.
            for name in [&b.code, &b.name].into_iter().chain(&b.aliases) {
                self.component_names.add_alias(name, &components);
            }
        }
    }

    /// A basisregistratie by its code or one of its aliases (case-insensitive).
    pub fn basisregistratie(&self, text: &str) -> Option<usize> {
        let wanted = normalize_name(text).to_lowercase();
        self.basisregistraties.iter().position(|b| {
            b.code.to_lowercase() == wanted
                || b.name.to_lowercase() == wanted
                || b.aliases.iter().any(|a| a.to_lowercase() == wanted)
        })
    }

    /// A standard as `standards:` names it: a catalogue standard by id, alias, name or Object
    /// ID, else a standard of the model's own by id or alias.
    pub fn standard(&self, model: &crate::model::Model, text: &str) -> Option<StandardRef> {
        if let Some(i) = self.standards.find(text) {
            return Some(StandardRef::Catalogue(i));
        }
        model.local_standard(text).map(StandardRef::Local)
    }

    /// The component index by exact name (for names that the reference data itself uses).
    pub fn component_by_name(&self, name: &str) -> Option<usize> {
        match self.component_names.resolve(name) {
            Resolution::Found(i) => Some(i),
            Resolution::Ambiguous(c) => c.first().copied(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_models_load_and_cross_reference() {
        let r = Reference::builtin();
        assert!(r.components.len() > 250);
        for b in &r.basisregistraties {
            for name in b.national_facilities.iter().chain(&b.bronhouder_components) {
                assert!(
                    r.component_by_name(name).is_some(),
                    "{name} of {} is not a GEMMA component",
                    b.code
                );
            }
        }
        assert!(matches!(
            r.component_names.resolve("Zaakregistratiecomponent"),
            Resolution::Found(_)
        ));
        assert!(r.basisregistratie("brp").is_some());
        assert!(r.basisregistratie("LV-BAG").is_some());
    }

    /// A standard is found by the name `gemmalint standards` shows, as well as by id and alias.
    #[test]
    fn standards_are_found_by_their_shown_names() {
        let r = Reference::builtin();
        for (name, id) in [
            ("security.txt", "security-txt"),
            (
                "NL GOV profile for CloudEvents",
                "nl-gov-profile-for-cloudevents",
            ),
            ("security-txt", "security-txt"),
        ] {
            let found = r
                .standards
                .find(name)
                .map(|i| r.standards.get(i).id.as_str());
            assert_eq!(found, Some(id), "{name}");
        }
    }

    /// The JSON `build.rs` compiles gives the reference the YAML gives through the syntax layer
    /// (which also refuses unknown fields, duplicate keys and wrong types, with their place).
    #[test]
    fn the_compiled_models_read_as_the_written_ones() {
        let mut sources = Sources::default();
        let written = Reference::read_builtin(&mut Written(&mut sources)).unwrap_or_else(|p| {
            let place = p.loc.map_or_else(String::new, |l| {
                let (line, column) = sources.line_col(l);
                format!("{}:{line}:{column}: ", sources.get(l.file).path)
            });
            panic!("{place}{}", p.message)
        });
        let compiled = Reference::read_builtin(&mut Compiled).expect("the compiled models read");
        // What was read (the indexes are built from it alike), without places: the compiled
        // models have none.
        let without_places = |r: &Reference| {
            let sources: std::collections::BTreeMap<_, _> = r.standards.sources.iter().collect();
            let text = format!(
                "{:#?}",
                (
                    &r.components,
                    &r.functions,
                    &r.objects,
                    &r.basisregistraties,
                    &r.standards.standards,
                    sources,
                    &r.aliases
                )
            );
            text.lines()
                .filter(|l| {
                    let l = l.trim_start();
                    !(l.starts_with("start: ") || l.starts_with("len: ") || l.starts_with("file: "))
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (compiled, written) = (without_places(&compiled), without_places(&written));
        assert!(compiled.len() > 400_000, "the comparison sees the data");
        assert!(
            compiled == written,
            "the compiled models differ from the written ones"
        );
        assert_eq!(
            COMPILED_MODELS.len(),
            BUILTIN_MODELS.len(),
            "every file in models/ is read"
        );
    }
}
