//! The landscape as an Open Group exchange file (3.1 schema, 3.0 namespace) that Archi
//! imports: one element per owner, business function, application, interface and data object;
//! references as relationships; every other field, the GEMMA references among them, and the
//! element's id as properties, so that an import gives the same landscape back.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::ID_PROPERTY;
use super::read::EXCHANGE_NS;
use crate::interchange::fields::property_fields;
use crate::model::{Kind, Model, Named, with_kind};

const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str = "http://www.opengroup.org/xsd/archimate/3.0/ http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd";

struct XmlElement {
    id: String,
    kind: &'static str,
    name: String,
    documentation: Option<String>,
    properties: Vec<(String, String)>,
}

struct XmlRelation {
    kind: &'static str,
    source: String,
    target: String,
    name: Option<&'static str>,
    access: Option<&'static str>,
    properties: Vec<(String, String)>,
}

/// What an export wrote, and the references it could not write.
pub struct Exported {
    pub xml: String,
    pub elements: BTreeMap<Kind, usize>,
    pub relationships: usize,
    /// References to elements that are not in the model (`check` reports them).
    pub dangling: BTreeSet<String>,
}

fn archimate_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Owner => "BusinessActor",
        Kind::BusinessFunction => "BusinessFunction",
        Kind::Application => "ApplicationComponent",
        Kind::Interface => "ApplicationInterface",
        _ => "DataObject",
    }
}

/// The identifier of an element: an XML NCName, which gemmalint ids (`2e-lijn`) need not be.
fn xml_id(kind: Kind, id: &str) -> String {
    format!("id-{}-{id}", kind.as_str().replace('_', "-"))
}

/// The model as an exchange file, named `name`.
pub fn export(model: &Model, name: &str) -> Exported {
    let mut elements = Vec::new();
    let mut counts = BTreeMap::new();
    for kind in crate::interchange::KINDS {
        with_kind!(model, kind, |list| {
            for e in list {
                let body = serde_json::to_value(&e.body).unwrap_or_default();
                elements.push(XmlElement {
                    id: xml_id(kind, &e.id),
                    kind: archimate_type(kind),
                    name: e.body.name().to_owned(),
                    documentation: body
                        .get("description")
                        .and_then(|d| d.as_str())
                        .map(str::to_owned),
                    properties: properties(kind, &e.id, &body, &e.extensions),
                });
                *counts.entry(kind).or_default() += 1;
            }
        });
    }
    let (relations, dangling) = relations(model);
    let xml = render(name, &elements, &relations);
    Exported {
        xml,
        elements: counts,
        relationships: relations.len(),
        dangling,
    }
}

/// The id, the property-borne fields and the `x-` fields as (name, value) properties.
fn properties(
    kind: Kind,
    id: &str,
    body: &serde_json::Value,
    extensions: &BTreeMap<String, serde_json::Value>,
) -> Vec<(String, String)> {
    let mut out = vec![(ID_PROPERTY.to_owned(), id.to_owned())];
    for (key, _) in property_fields(kind) {
        let value = key
            .split('.')
            .try_fold(body, |v, part| v.get(part))
            .filter(|v| !v.is_null());
        match value {
            Some(serde_json::Value::Array(items)) => {
                out.extend(items.iter().map(|i| ((*key).to_owned(), text(i))));
            }
            Some(v) => out.push(((*key).to_owned(), text(v))),
            None => {}
        }
    }
    for (key, value) in extensions {
        out.push((key.clone(), text(value)));
    }
    out
}

fn text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The relationships of an export, and the references that did not resolve.
struct Links<'m> {
    model: &'m Model,
    out: Vec<XmlRelation>,
    dangling: BTreeSet<String>,
}

impl Links<'_> {
    /// A relationship between two elements, unless one of them is not in the model.
    fn link(
        &mut self,
        kind: &'static str,
        from: (Kind, &str),
        to: (Kind, &str),
    ) -> Option<&mut XmlRelation> {
        for (k, id) in [from, to] {
            if self.model.find(k, id).is_none() {
                self.dangling.insert(format!("{k}:{id}"));
                return None;
            }
        }
        self.out.push(XmlRelation {
            kind,
            source: xml_id(from.0, from.1),
            target: xml_id(to.0, to.1),
            name: None,
            access: None,
            properties: Vec::new(),
        });
        self.out.last_mut()
    }

    /// An owner's association with what it owns: ArchiMate has no assignment of an actor to an
    /// application or a data object.
    fn owner(&mut self, owner: &str, to: (Kind, &str)) {
        if let Some(r) = self.link("Association", (Kind::Owner, owner), to) {
            r.name = Some("eigenaar");
        }
    }

    fn owners_and_functions(&mut self) {
        let model = self.model;
        for o in &model.owners {
            if let Some(p) = &o.body.parent {
                self.link(
                    "Composition",
                    (Kind::Owner, p.as_str()),
                    (Kind::Owner, &o.id),
                );
            }
        }
        for f in &model.business_functions {
            let me = (Kind::BusinessFunction, f.id.as_str());
            if let Some(owner) = &f.body.owner {
                self.link("Assignment", (Kind::Owner, owner.as_str()), me);
            }
            if let Some(p) = &f.body.parent {
                self.link("Composition", (Kind::BusinessFunction, p.as_str()), me);
            }
        }
    }

    fn applications(&mut self) {
        let model = self.model;
        for a in &model.applications {
            let me = (Kind::Application, a.id.as_str());
            if let Some(owner) = &a.body.owner {
                self.owner(owner, me);
            }
            for f in &a.body.business_functions {
                self.link("Serving", me, (Kind::BusinessFunction, f.as_str()));
            }
            for (object, used) in a.body.data.iter() {
                let mut props = vec![("role".to_owned(), used.role.as_str().to_owned())];
                if let Some(from) = &used.from {
                    props.push(("from".to_owned(), from.value.clone()));
                }
                if let Some(sync) = &used.sync {
                    props.push(("sync".to_owned(), sync.as_str().to_owned()));
                }
                let source = used.role.value == crate::model::DataRole::Source;
                if let Some(r) = self.link("Access", me, (Kind::DataObject, object.as_str())) {
                    r.access = Some(if source { "Write" } else { "Read" });
                    r.properties = props;
                }
            }
        }
    }

    fn interfaces_and_objects(&mut self) {
        let model = self.model;
        for i in &model.interfaces {
            let me = (Kind::Interface, i.id.as_str());
            self.link(
                "Composition",
                (Kind::Application, i.body.provider.as_str()),
                me,
            );
            for c in &i.body.consumers {
                self.link("Serving", me, (Kind::Application, c.as_str()));
            }
            for d in &i.body.data_objects {
                if let Some(r) = self.link("Access", me, (Kind::DataObject, d.as_str())) {
                    r.access = Some("Read");
                }
            }
        }
        for d in &model.data_objects {
            if let Some(owner) = &d.body.owner {
                self.owner(owner, (Kind::DataObject, &d.id));
            }
        }
    }
}

/// The relationships the model's references stand for; references that do not resolve are
/// left out and listed.
fn relations(model: &Model) -> (Vec<XmlRelation>, BTreeSet<String>) {
    let mut links = Links {
        model,
        out: Vec::new(),
        dangling: BTreeSet::new(),
    };
    links.owners_and_functions();
    links.applications();
    links.interfaces_and_objects();
    (links.out, links.dangling)
}

fn render(name: &str, elements: &[XmlElement], relations: &[XmlRelation]) -> String {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for props in elements
        .iter()
        .map(|e| &e.properties)
        .chain(relations.iter().map(|r| &r.properties))
    {
        names.extend(props.iter().map(|(k, _)| k.as_str()));
    }
    let definitions: BTreeMap<&str, String> = names
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, format!("propid-{}", i + 1)))
        .collect();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = write_model(&mut w, name, elements, relations, &definitions);
    written.expect("writing XML into memory cannot fail");
    let xml = String::from_utf8(w.into_inner()).expect("quick-xml writes the UTF-8 it is given");
    // Attribute values too (a name, an `x-` property): the document stays well-formed.
    let mut xml = crate::text::xml_safe(&xml).into_owned();
    xml.push('\n');
    xml
}

type W = Writer<Vec<u8>>;

fn write_model(
    w: &mut W,
    name: &str,
    elements: &[XmlElement],
    relations: &[XmlRelation],
    definitions: &BTreeMap<&str, String>,
) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("model")
        .with_attributes([
            ("xmlns", EXCHANGE_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
            ("identifier", "id-gemmalint-model"),
        ])
        .write_inner_content(|w| {
            lang_string(w, "name", name)?;
            w.create_element("elements").write_inner_content(|w| {
                for e in elements {
                    write_element(w, e, definitions)?;
                }
                Ok(())
            })?;
            if !relations.is_empty() {
                w.create_element("relationships").write_inner_content(|w| {
                    for (i, r) in relations.iter().enumerate() {
                        write_relation(w, i, r, definitions)?;
                    }
                    Ok(())
                })?;
            }
            if !definitions.is_empty() {
                w.create_element("propertyDefinitions")
                    .write_inner_content(|w| {
                        for (n, id) in definitions {
                            w.create_element("propertyDefinition")
                                .with_attributes([("identifier", id.as_str()), ("type", "string")])
                                .write_inner_content(|w| {
                                    w.create_element("name")
                                        .write_text_content(BytesText::new(n))?;
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn lang_string(w: &mut W, tag: &str, text: &str) -> std::io::Result<()> {
    w.create_element(tag)
        .with_attribute(("xml:lang", "nl"))
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn write_properties(
    w: &mut W,
    properties: &[(String, String)],
    definitions: &BTreeMap<&str, String>,
) -> std::io::Result<()> {
    if properties.is_empty() {
        return Ok(());
    }
    w.create_element("properties").write_inner_content(|w| {
        for (k, v) in properties {
            let id = definitions.get(k.as_str()).map_or("", String::as_str);
            w.create_element("property")
                .with_attribute(("propertyDefinitionRef", id))
                .write_inner_content(|w| lang_string(w, "value", v))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_element(
    w: &mut W,
    e: &XmlElement,
    definitions: &BTreeMap<&str, String>,
) -> std::io::Result<()> {
    w.create_element("element")
        .with_attributes([("identifier", e.id.as_str()), ("xsi:type", e.kind)])
        .write_inner_content(|w| {
            lang_string(w, "name", &e.name)?;
            if let Some(doc) = &e.documentation {
                lang_string(w, "documentation", doc)?;
            }
            write_properties(w, &e.properties, definitions)
        })?;
    Ok(())
}

fn write_relation(
    w: &mut W,
    i: usize,
    r: &XmlRelation,
    definitions: &BTreeMap<&str, String>,
) -> std::io::Result<()> {
    let id = format!("id-relationship-{}", i + 1);
    let mut attributes = vec![
        ("identifier", id.as_str()),
        ("source", r.source.as_str()),
        ("target", r.target.as_str()),
        ("xsi:type", r.kind),
    ];
    if let Some(access) = r.access {
        attributes.push(("accessType", access));
    }
    let element = w.create_element("relationship").with_attributes(attributes);
    if r.name.is_none() && r.properties.is_empty() {
        element.write_empty()?;
        return Ok(());
    }
    element.write_inner_content(|w| {
        if let Some(name) = r.name {
            lang_string(w, "name", name)?;
        }
        write_properties(w, &r.properties, definitions)
    })?;
    Ok(())
}
