//! An application's publiccode.yml (the Foundation for Public Code / Developers Italia standard,
//! versions 0 and 0.2 to 0.7): what gemmalint uses from it — its licence, software type,
//! maintenance and runtime dependencies — and what makes it not a usable publiccode.yml.

use std::path::Path;

use super::openapi::{entry, scalar_text};
use crate::syntax::{self, Node, Sp, Value};
use crate::text::{FileId, Language, SourceFile, Span};

/// A publiccode.yml is a page or two; anything this large is not one.
const MAX_PUBLICCODE_BYTES: u64 = 1024 * 1024;

/// The versions of the standard (`publiccodeYmlVersion`) gemmalint reads.
const VERSIONS: &[&str] = &[
    "0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.6",
    "0.6.0", "0.7", "0.7.0",
];

/// `softwareType` values of the standard.
const SOFTWARE_TYPES: &[&str] = &[
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
];
const DEVELOPMENT_STATUSES: &[&str] = &["concept", "development", "beta", "stable", "obsolete"];
const MAINTENANCE_TYPES: &[&str] = &["internal", "contract", "community", "none"];

/// The keys every publiccode.yml has (besides `publiccodeYmlVersion`), as dotted paths.
const MANDATORY: &[&str] = &[
    "name",
    "url",
    "platforms",
    "developmentStatus",
    "softwareType",
    "description",
    "legal.license",
    "maintenance.type",
    "localisation.localisationReady",
    "localisation.availableLanguages",
];

/// What gemmalint read from a publiccode.yml.
#[derive(Clone, Debug)]
pub struct Publiccode {
    pub file: FileId,
    /// `publiccodeYmlVersion` as written.
    pub version: Option<String>,
    pub name: Option<String>,
    /// `legal.license` as written, with its place.
    pub license: Option<Sp<String>>,
    pub software_type: Option<String>,
    pub development_status: Option<String>,
    pub maintenance: Maintenance,
    pub depends_on: Vec<Dependency>,
    /// What makes it not a usable publiccode.yml, each at its place in the file.
    pub defects: Vec<Sp<PcDefect>>,
}

#[derive(Clone, Debug, Default)]
pub struct Maintenance {
    /// internal | contract | community | none
    pub kind: Option<String>,
    pub contractors: Vec<Contractor>,
    /// The names of the contact persons.
    pub contacts: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Contractor {
    pub name: String,
    /// The end of the maintenance contract (YYYY-MM-DD).
    pub until: Option<String>,
}

/// A runtime dependency (`dependsOn`).
#[derive(Clone, Debug)]
pub struct Dependency {
    pub kind: DependencyKind,
    pub name: String,
    pub version: Option<String>,
    pub version_min: Option<String>,
    pub version_max: Option<String>,
    pub optional: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum DependencyKind {
    Open,
    Proprietary,
    Hardware,
}

impl DependencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DependencyKind::Open => "open",
            DependencyKind::Proprietary => "proprietary",
            DependencyKind::Hardware => "hardware",
        }
    }
}

/// Why a publiccode.yml is not usable as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PcDefect {
    /// It cannot be read, or is not YAML: what the reader said.
    Unreadable(String),
    /// Not a mapping of keys at all.
    NotAMapping,
    /// A mapping without `publiccodeYmlVersion`.
    NoVersion,
    /// The 0.1 format (`publiccode-yaml-version`), from before the standard's 0.2.
    Version01,
    UnknownVersion(String),
    /// A mandatory key, as a dotted path.
    Missing(&'static str),
    /// A key whose value is not one the standard allows.
    NotOneOf {
        key: &'static str,
        value: String,
        allowed: &'static [&'static str],
    },
    /// `legal.license` is not an SPDX expression.
    InvalidLicense {
        license: String,
        reason: String,
    },
    /// A key whose value is not text.
    NotText(&'static str),
}

pub(super) fn read(full: &Path, shown: String, id: FileId) -> (SourceFile, Publiccode) {
    let (file, why) = super::read_bounded(full, shown, MAX_PUBLICCODE_BYTES, Language::Yaml);
    let mut pc = Publiccode::new(id);
    if let Some(why) = why {
        pc.defect(PcDefect::Unreadable(why), Span::default());
        return (file, pc);
    }
    match syntax::parse_yaml_document(&file) {
        Ok(root) => pc.take(&root, &file),
        Err(e) => pc.defect(PcDefect::Unreadable(e.message), e.span),
    }
    (file, pc)
}

/// Text at a dotted path (`legal.license`), with the node.
fn at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    path.split('.').try_fold(root, |node, key| node.get(key))
}

/// The first key of a mapping: where to point for a key it lacks.
fn head(node: &Node) -> Span {
    node.as_map()
        .and_then(|m| m.first())
        .map_or(node.span, |(k, _)| k.span)
}

impl Publiccode {
    fn new(file: FileId) -> Publiccode {
        Publiccode {
            file,
            version: None,
            name: None,
            license: None,
            software_type: None,
            development_status: None,
            maintenance: Maintenance::default(),
            depends_on: Vec::new(),
            defects: Vec::new(),
        }
    }

    fn defect(&mut self, defect: PcDefect, span: Span) {
        self.defects.push(Sp::new(defect, span));
    }

    /// Reads what gemmalint uses and notes every defect.
    fn take(&mut self, root: &Node, file: &SourceFile) {
        if root.as_map().is_none() {
            self.defect(PcDefect::NotAMapping, root.span);
            return;
        }
        match entry(root, "publiccodeYmlVersion") {
            Some((_, v)) => match scalar_text(v, file) {
                Some(text) if VERSIONS.contains(&text.as_str()) => self.version = Some(text),
                Some(text) => self.defect(PcDefect::UnknownVersion(text), v.span),
                None => self.defect(PcDefect::NotText("publiccodeYmlVersion"), v.span),
            },
            None => match entry(root, "publiccode-yaml-version") {
                Some((k, _)) => self.defect(PcDefect::Version01, k.span),
                None => {
                    self.defect(PcDefect::NoVersion, head(root));
                    return;
                }
            },
        }
        let version_01 =
            self.version.is_none() && self.defects.iter().any(|d| d.value == PcDefect::Version01);
        if !version_01 {
            self.mandatory(root);
        }
        self.name = at(root, "name").and_then(|n| scalar_text(n, file));
        self.software_type = self.one_of(root, "softwareType", SOFTWARE_TYPES, file);
        self.development_status =
            self.one_of(root, "developmentStatus", DEVELOPMENT_STATUSES, file);
        self.maintenance.kind = self.one_of(root, "maintenance.type", MAINTENANCE_TYPES, file);
        self.licence(root);
        self.maintainers(root, file);
        self.dependencies(root, file);
    }

    /// A missing mandatory key is a defect at its parent key (or the file's first key).
    fn mandatory(&mut self, root: &Node) {
        for path in MANDATORY {
            if at(root, path).is_some_and(|v| v.value != Value::Null) {
                continue;
            }
            let parent = path
                .rsplit_once('.')
                .and_then(|(parent, _)| {
                    let (first, _) = path.split_once('.')?;
                    entry(root, first).filter(|_| at(root, parent).is_some())
                })
                .map_or(head(root), |(k, _)| k.span);
            self.defect(PcDefect::Missing(path), parent);
        }
    }

    /// A value that must be one of the standard's words.
    fn one_of(
        &mut self,
        root: &Node,
        key: &'static str,
        allowed: &'static [&'static str],
        file: &SourceFile,
    ) -> Option<String> {
        let node = at(root, key)?;
        let text = scalar_text(node, file)?;
        if !allowed.contains(&text.as_str()) {
            let defect = PcDefect::NotOneOf {
                key,
                value: text.clone(),
                allowed,
            };
            self.defect(defect, node.span);
        }
        Some(text)
    }

    fn licence(&mut self, root: &Node) {
        let Some(node) = at(root, "legal.license") else {
            return;
        };
        match &node.value {
            Value::Str(text) => {
                if let Err(e) = spdx::Expression::parse(text.trim()) {
                    let defect = PcDefect::InvalidLicense {
                        license: text.clone(),
                        reason: e.reason.to_string(),
                    };
                    self.defect(defect, node.span);
                } else {
                    self.license = Some(Sp::new(text.trim().to_owned(), node.span));
                }
            }
            Value::Null => {}
            _ => self.defect(PcDefect::NotText("legal.license"), node.span),
        }
    }

    fn maintainers(&mut self, root: &Node, file: &SourceFile) {
        let list = |key: &str| match at(root, key).map(|n| &n.value) {
            Some(Value::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        let name = |n: &Node| n.get("name").and_then(|v| scalar_text(v, file));
        self.maintenance.contractors = list("maintenance.contractors")
            .iter()
            .filter_map(|c| {
                Some(Contractor {
                    name: name(c)?,
                    until: c.get("until").and_then(|v| scalar_text(v, file)),
                })
            })
            .collect();
        self.maintenance.contacts = list("maintenance.contacts")
            .iter()
            .filter_map(name)
            .collect();
    }

    fn dependencies(&mut self, root: &Node, file: &SourceFile) {
        let text = |n: &Node, key: &str| n.get(key).and_then(|v| scalar_text(v, file));
        for kind in [
            DependencyKind::Open,
            DependencyKind::Proprietary,
            DependencyKind::Hardware,
        ] {
            let Some(Value::Seq(items)) = at(root, "dependsOn")
                .and_then(|d| d.get(kind.as_str()))
                .map(|n| &n.value)
            else {
                continue;
            };
            for item in items {
                let Some(name) = text(item, "name") else {
                    continue;
                };
                self.depends_on.push(Dependency {
                    kind,
                    name,
                    version: text(item, "version"),
                    version_min: text(item, "versionMin"),
                    version_max: text(item, "versionMax"),
                    optional: item.get("optional").map(|o| &o.value) == Some(&Value::Bool(true)),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pc(text: &str) -> Publiccode {
        let file = SourceFile::new("p.yml".into(), text.into(), Language::Yaml);
        let mut pc = Publiccode::new(FileId(0));
        match syntax::parse_yaml_document(&file) {
            Ok(root) => pc.take(&root, &file),
            Err(e) => pc.defect(PcDefect::Unreadable(e.message), e.span),
        }
        pc
    }

    const COMPLETE: &str = "publiccodeYmlVersion: 0.2\nname: Open Zaak\nurl: https://github.com/open-zaak/open-zaak\nplatforms: [web]\ndevelopmentStatus: stable\nsoftwareType: standalone/backend\ndescription: {nl: {shortDescription: x}}\nlegal: {license: EUPL-1.2+}\nmaintenance:\n  type: contract\n  contractors: [{name: Maykin Media}]\nlocalisation: {localisationReady: true, availableLanguages: [nl]}\nintendedAudience: {countries: [nl, NL]}\ndependsOn:\n  open:\n  - {name: PostgreSQL, versionMin: 14.0, optional: true}\n";

    #[test]
    fn reads_what_gemmalint_uses() {
        let p = pc(COMPLETE);
        assert!(p.defects.is_empty(), "{:?}", p.defects);
        assert_eq!(p.version.as_deref(), Some("0.2"));
        assert_eq!(
            p.license.as_ref().map(|l| l.value.as_str()),
            Some("EUPL-1.2+")
        );
        assert_eq!(p.software_type.as_deref(), Some("standalone/backend"));
        assert_eq!(p.maintenance.contractors[0].name, "Maykin Media");
        let d = &p.depends_on[0];
        assert_eq!(
            (d.name.as_str(), d.version_min.as_deref(), d.optional),
            ("PostgreSQL", Some("14.0"), true)
        );
    }

    #[test]
    fn notes_every_defect() {
        let p = pc("dit is geen publiccode");
        assert_eq!(p.defects.len(), 1);
        assert_eq!(p.defects[0].value, PcDefect::NotAMapping);
        let p = pc("name: x\n");
        assert_eq!(p.defects[0].value, PcDefect::NoVersion);
        let p =
            pc("publiccode-yaml-version: \"http://w3id.org/publiccode/version/0.1\"\nname: x\n");
        assert_eq!(p.defects.len(), 1, "{:?}", p.defects);
        assert_eq!(p.defects[0].value, PcDefect::Version01);
        let p = pc(&COMPLETE
            .replace("standalone/backend", "standalone")
            .replace("EUPL-1.2+", "EUPL 1.2"));
        assert_eq!(p.defects.len(), 2, "{:?}", p.defects);
        let p = pc("publiccodeYmlVersion: '0.9'\nlegal: {}\n");
        assert!(
            p.defects
                .iter()
                .any(|d| d.value == PcDefect::Missing("legal.license"))
        );
        assert!(
            p.defects
                .iter()
                .any(|d| d.value == PcDefect::UnknownVersion("0.9".into()))
        );
    }
}
