//! Reading an ArchiMate model: the Open Group exchange file (3.0 and 3.1 share a namespace) and
//! Archi's own `.archimate` file (plain XML, or a ZIP holding `model.xml`), into one list of
//! concepts and relationships. References are resolved only after the whole file is read, since
//! the schema itself puts `propertyDefinitions` after their use.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use super::{Access, Concept, Parsed, Relation, SourceFormat};
use crate::text::{FileId, Language, Loc, Problem, SourceFile, Span};

/// The exchange format's namespace, for 3.0 and 3.1 alike.
pub const EXCHANGE_NS: &str = "http://www.opengroup.org/xsd/archimate/3.0/";
const EXCHANGE_21_NS: &str = "http://www.opengroup.org/xsd/archimate";
const ARCHI_NS: &str = "http://www.archimatetool.com/archimate";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Files larger than this are refused (the largest GEMMA export is about 14 MB).
const MAX_BYTES: u64 = 256 * 1024 * 1024;
/// XML nodes a file may have: a 15 MB export has about a million.
const MAX_NODES: u32 = 50_000_000;

/// Reads the file as text: a ZIP's `model.xml`, or the file itself. A file that cannot be read
/// is returned empty with the problem.
pub fn read_source(path: &Path, shown: String) -> (SourceFile, Option<Problem>) {
    let empty = |shown: String| SourceFile::new(shown, String::new(), Language::Other);
    let bytes = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_BYTES => {
            let problem = Problem::new(format!(
                "`{shown}` is {} MiB; files larger than {} MiB are refused",
                meta.len() / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ));
            return (empty(shown), Some(problem));
        }
        _ => std::fs::read(path),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            let problem = Problem::new(format!("cannot read `{shown}`: {e}"))
                .help("name an ArchiMate exchange file (.xml) or an Archi model (.archimate)");
            return (empty(shown), Some(problem));
        }
    };
    let (bytes, shown) = if bytes.starts_with(b"PK\x03\x04") {
        match unzip_model(&bytes) {
            Ok(inner) => (inner, format!("{shown} (model.xml)")),
            Err(why) => {
                let problem = Problem::new(format!("`{shown}` is a ZIP file, but {why}"))
                    .help("Archi saves a model with images as a ZIP holding `model.xml`; open it in Archi and save it again, or export it as an Open Exchange file");
                return (empty(shown), Some(problem));
            }
        }
    } else {
        (bytes, shown)
    };
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(shown, text, Language::Other), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let problem = Problem::new(format!("the file is not UTF-8 text (byte {at})"))
                .help("export the model as UTF-8 (Archi and ArchiMedes do by default)");
            (SourceFile::new(shown, text, Language::Other), Some(problem))
        }
    }
}

/// `model.xml` from an Archi ZIP, at most [`MAX_BYTES`] unpacked.
fn unzip_model(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("it cannot be opened: {e}"))?;
    let entry = archive
        .by_name("model.xml")
        .map_err(|_| "it holds no `model.xml`".to_owned())?;
    let mut out = Vec::new();
    entry
        .take(MAX_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("its `model.xml` cannot be unpacked: {e}"))?;
    if out.len() as u64 > MAX_BYTES {
        return Err(format!(
            "its `model.xml` unpacks to more than {} MiB",
            MAX_BYTES / (1024 * 1024)
        ));
    }
    Ok(out)
}

/// Parses the text of an ArchiMate file, or says why it is not one.
pub fn parse(file: FileId, source: &SourceFile) -> Result<Parsed, Problem> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    if !source.text.trim_start().starts_with('<') {
        let first = source.text.lines().next().unwrap_or("");
        return Err(Problem::new("this is not an XML file, so not an ArchiMate model")
            .at(Loc::new(file, Span::new(0, first.len())))
            .help("name an ArchiMate exchange file (.xml) or an Archi model (.archimate); a Softwarecatalogus CSV goes to `gemmalint import softwarecatalogus`"));
    }
    let doc = Document::parse_with_options(&source.text, options)
        .map_err(|e| not_xml(file, source, &e))?;
    let root = doc.root_element();
    let at = |n: Node| Loc::new(file, span(n));
    match (root.tag_name().namespace(), root.tag_name().name()) {
        (Some(EXCHANGE_NS), "model") => Ok(exchange(root)),
        (Some(ARCHI_NS), "model") => Ok(archi(root)),
        (Some(EXCHANGE_21_NS), _) => Err(Problem::new("this is an ArchiMate 2.1 exchange file; gemmalint reads ArchiMate 3.x")
            .at(at(root))
            .help("open it in a tool that reads ArchiMate 2.1 (Archi does) and export it again as an Open Exchange file (ArchiMate 3.1)")),
        (Some(ARCHI_NS), name) => Err(Problem::new(format!("this is one object of an Archi model repository (coArchi `{name}`), not a whole model"))
            .at(at(root))
            .help("open the repository in Archi and save the model as a .archimate file, or export it as an Open Exchange file")),
        (ns, name) if name == "XMI" || ns.is_some_and(|n| n.contains("XMI")) => Err(Problem::new("this is an XMI file (UML), not an ArchiMate model")
            .at(at(root))
            .help("export the model from your tool as an ArchiMate Open Exchange file (.xml), or save it in Archi as .archimate")),
        (ns, name) => Err(Problem::new(format!(
            "this XML file is not an ArchiMate model: its root is `{name}`{}",
            ns.map_or_else(String::new, |n| format!(" in the namespace `{n}`"))
        ))
        .at(at(root))
        .help(format!("an exchange file starts with `<model xmlns=\"{EXCHANGE_NS}\">`, an Archi model with `<archimate:model>`"))),
    }
}

fn not_xml(file: FileId, source: &SourceFile, e: &roxmltree::Error) -> Problem {
    let pos = e.pos();
    let offset = source.offset_of(pos.row as usize, pos.col as usize);
    let help = match e {
        roxmltree::Error::DtdDetected => {
            "ArchiMate files have no DOCTYPE; remove it (gemmalint does not read DTDs, which can hide entity bombs)"
        }
        roxmltree::Error::NodesLimitReached => "the file has more XML nodes than any real model",
        _ => {
            "the file is cut off or damaged; export it again (Archi: File › Export › Model to Open Exchange File)"
        }
    };
    Problem::new(format!("the file is not well-formed XML: {e}"))
        .at(Loc::new(file, Span::new(offset, 1)))
        .label("here")
        .help(help)
}

fn span(n: Node) -> Span {
    let r = n.range();
    // The start tag is where a person looks; the whole element can be megabytes.
    let len = n
        .first_child()
        .map_or(r.len(), |c| c.range().start.saturating_sub(r.start));
    Span::new(r.start, len.min(r.len()))
}

fn xsi_type(n: Node) -> Option<String> {
    let t = n.attribute((XSI_NS, "type"))?;
    // `archimate:ApplicationComponent` in an Archi file; unprefixed in an exchange file.
    Some(t.rsplit(':').next().unwrap_or(t).to_owned())
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The text of one of a node's language strings: Dutch first, then one without a language,
/// then the first.
fn lang_text(n: Node, name: &str) -> Option<String> {
    let strings: Vec<Node> = children(n, name).collect();
    let lang = |c: &Node| c.attribute((XML_NS, "lang")).map(str::to_lowercase);
    let pick = strings
        .iter()
        .find(|c| lang(c).is_some_and(|l| l == "nl" || l.starts_with("nl-")))
        .or_else(|| strings.iter().find(|c| lang(c).is_none()))
        .or_else(|| strings.first())?;
    Some(pick.text().unwrap_or("").to_owned())
}

/// An exchange file: property definitions by id first, then the concepts.
fn exchange(root: Node) -> Parsed {
    let mut parsed = Parsed::new(SourceFormat::Exchange);
    parsed.model_name = lang_text(root, "name").unwrap_or_default();
    let definitions: HashMap<&str, String> = root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "propertyDefinition")
        .filter_map(|d| {
            let id = d.attribute("identifier")?;
            Some((id, lang_text(d, "name").unwrap_or_else(|| id.to_owned())))
        })
        .collect();
    for section in children(root, "elements") {
        for e in children(section, "element") {
            match exchange_concept(e, &definitions, &mut parsed) {
                Some(c) => parsed.elements.push(c),
                None => {
                    parsed.untyped += 1;
                    parsed.untyped_elements += 1;
                }
            }
        }
    }
    for section in children(root, "relationships") {
        for r in children(section, "relationship") {
            exchange_relation(r, &definitions, &mut parsed);
        }
    }
    parsed.views = root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "view")
        .count();
    parsed.model_properties = children(root, "properties")
        .flat_map(|p| children(p, "property"))
        .count();
    parsed.organizations = children(root, "organizations").count();
    parsed
}

/// The properties of a concept: (name, value), with undefined references noted once each.
fn exchange_properties(
    n: Node,
    definitions: &HashMap<&str, String>,
    parsed: &mut Parsed,
) -> (Vec<(String, String)>, Vec<String>) {
    let mut properties = Vec::new();
    let mut specialisations = Vec::new();
    for section in children(n, "properties") {
        for p in children(section, "property") {
            let Some(reference) = p.attribute("propertyDefinitionRef") else {
                continue;
            };
            let value = lang_text(p, "value").unwrap_or_default();
            if reference == "specialization" {
                specialisations.push(value);
                continue;
            }
            let name = match definitions.get(reference) {
                Some(name) => name.clone(),
                None => {
                    parsed.undefined_properties.insert(reference.to_owned());
                    format!("{reference} (undefined)")
                }
            };
            properties.push((name, value));
        }
    }
    (properties, specialisations)
}

fn exchange_concept(
    e: Node,
    definitions: &HashMap<&str, String>,
    parsed: &mut Parsed,
) -> Option<Concept> {
    let kind = xsi_type(e)?;
    let (properties, specialisations) = exchange_properties(e, definitions, parsed);
    Some(Concept {
        id: e.attribute("identifier").unwrap_or("").to_owned(),
        kind,
        name: lang_text(e, "name").unwrap_or_default(),
        documentation: lang_text(e, "documentation").filter(|d| !d.trim().is_empty()),
        properties,
        specialisations,
        span: span(e),
    })
}

fn exchange_relation(r: Node, definitions: &HashMap<&str, String>, parsed: &mut Parsed) {
    let Some(kind) = xsi_type(r) else {
        parsed.untyped += 1;
        return;
    };
    let access = (kind == "Access").then(|| match r.attribute("accessType") {
        Some("Read") => Access::Read,
        Some("Write") => Access::Write,
        Some("ReadWrite") => Access::ReadWrite,
        // The schema's default: access of an unspecified kind.
        _ => Access::Unspecified,
    });
    let (properties, _) = exchange_properties(r, definitions, parsed);
    parsed.relations.push(Relation {
        id: r.attribute("identifier").unwrap_or("").to_owned(),
        kind,
        source: r.attribute("source").unwrap_or("").to_owned(),
        target: r.attribute("target").unwrap_or("").to_owned(),
        access,
        name: lang_text(r, "name").filter(|n| !n.trim().is_empty()),
        properties,
        span: span(r),
    });
}

/// An Archi model: concepts anywhere in its folders, relationships among them by type name.
fn archi(root: Node) -> Parsed {
    let mut parsed = Parsed::new(SourceFormat::Archi);
    parsed.model_name = root.attribute("name").unwrap_or("").to_owned();
    let profiles: HashMap<&str, &str> = children(root, "profile")
        .filter_map(|p| Some((p.attribute("id")?, p.attribute("name")?)))
        .collect();
    for e in root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "element")
    {
        let Some(kind) = xsi_type(e) else {
            parsed.untyped += 1;
            continue;
        };
        if kind.ends_with("DiagramModel") || kind == "SketchModel" || kind == "CanvasModel" {
            parsed.views += 1;
        } else if let Some(relation) = kind.strip_suffix("Relationship") {
            parsed.relations.push(archi_relation(e, relation));
        } else {
            parsed.elements.push(archi_concept(e, kind, &profiles));
        }
    }
    parsed
}

/// Archi's properties: `<property key value/>` (`<properties …/>` in a model repository).
fn archi_properties(n: Node) -> Vec<(String, String)> {
    n.children()
        .filter(|c| c.is_element() && matches!(c.tag_name().name(), "property" | "properties"))
        .filter_map(|p| {
            Some((
                p.attribute("key")?.to_owned(),
                p.attribute("value").unwrap_or("").to_owned(),
            ))
        })
        .collect()
}

fn archi_documentation(n: Node) -> Option<String> {
    children(n, "documentation")
        .next()
        .and_then(|d| d.text())
        .or_else(|| n.attribute("documentation"))
        .filter(|d| !d.trim().is_empty())
        .map(str::to_owned)
}

fn archi_concept(e: Node, kind: String, profiles: &HashMap<&str, &str>) -> Concept {
    let kind = match kind.as_str() {
        // ArchiMate 2 names in old Archi files.
        "Network" => "CommunicationNetwork".to_owned(),
        "InfrastructureService" => "TechnologyService".to_owned(),
        "InfrastructureFunction" => "TechnologyFunction".to_owned(),
        "InfrastructureInterface" => "TechnologyInterface".to_owned(),
        _ => kind,
    };
    let specialisations = e
        .attribute("profiles")
        .into_iter()
        .flat_map(str::split_whitespace)
        .filter_map(|id| profiles.get(id).map(|n| (*n).to_owned()))
        .collect();
    Concept {
        id: e.attribute("id").unwrap_or("").to_owned(),
        kind,
        name: e.attribute("name").unwrap_or("").to_owned(),
        documentation: archi_documentation(e),
        properties: archi_properties(e),
        specialisations,
        span: span(e),
    }
}

fn archi_relation(e: Node, kind: &str) -> Relation {
    let kind = match kind {
        "UsedBy" => "Serving",
        "Realisation" => "Realization",
        "Specialisation" => "Specialization",
        other => other,
    }
    .to_owned();
    // Archi stores the access type as a number and leaves out its default, write.
    let access = (kind == "Access").then(|| match e.attribute("accessType") {
        None | Some("0") => Access::Write,
        Some("1") => Access::Read,
        Some("3") => Access::ReadWrite,
        Some(_) => Access::Unspecified,
    });
    Relation {
        id: e.attribute("id").unwrap_or("").to_owned(),
        kind,
        source: e.attribute("source").unwrap_or("").to_owned(),
        target: e.attribute("target").unwrap_or("").to_owned(),
        access,
        name: e
            .attribute("name")
            .filter(|n| !n.trim().is_empty())
            .map(str::to_owned),
        properties: archi_properties(e),
        span: span(e),
    }
}
