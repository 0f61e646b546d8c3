//! An ArchiMate model onto the landscape: application components → applications, business
//! functions → business functions, business and data objects → data objects, actors and roles
//! that own something → owners, application interfaces → interfaces, access → data holdings.
//! Elements that carry GEMMA's identity (`GEMMA type`, `Object ID`) are GEMMA's, not the
//! municipality's: they become the references (`reference_components`, `gemma`) of the
//! elements linked to them. Everything left out is counted in the summary.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Access, Concept, GEMMA_TYPE, ID_PROPERTY, OBJECT_ID, Parsed, Relation};
use crate::interchange::fields::{self, Shape};
use crate::interchange::landscape::{Item, ItemRef, Landscape, Value, slug};
use crate::interchange::summary::{Summary, Unresolved};
use crate::model::Kind;
use crate::reference::{NameIndex, Reference, Resolution};
use crate::text::{SourceFile, Span};

/// What a concept is to the landscape.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Role {
    Own(Kind),
    /// A GEMMA element: a reference target, written only where the municipality uses it.
    Gemma(GemmaKind),
    Other,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum GemmaKind {
    Component,
    Function,
    Object,
}

/// One access of an application to a data object, resolved once every relationship is read.
struct Holding<'p> {
    app: ItemRef,
    object: ItemRef,
    relation: &'p Relation,
}

struct Mapper<'p> {
    parsed: &'p Parsed,
    source: &'p SourceFile,
    reference: &'p Reference,
    landscape: Landscape,
    summary: Summary,
    by_id: HashMap<&'p str, usize>,
    roles: Vec<Role>,
    items: Vec<Option<ItemRef>>,
    holdings: Vec<Holding<'p>>,
    /// (from, to): the model shows data going from one application to the other.
    links: HashSet<(ItemRef, ItemRef)>,
}

/// Maps a parsed ArchiMate model onto a landscape, counting what it leaves out.
pub fn map(
    parsed: &Parsed,
    source: &SourceFile,
    reference: &Reference,
    sha256: &str,
) -> (Landscape, Summary) {
    let mut m = Mapper {
        parsed,
        source,
        reference,
        landscape: Landscape {
            source: source.path.clone(),
            sha256: sha256.to_owned(),
            ..Landscape::default()
        },
        summary: Summary::new(parsed.format.describe()),
        by_id: HashMap::new(),
        roles: Vec::new(),
        items: vec![None; parsed.elements.len()],
        holdings: Vec::new(),
        links: HashSet::new(),
    };
    m.summary.read = vec![
        (parsed.elements.len() + parsed.untyped_elements, "element"),
        (parsed.relations.len(), "relationship"),
        (parsed.views, "view"),
    ];
    m.summary.skip_n(
        "property of the model",
        "the landscape has no place for properties of the model as a whole",
        parsed.model_properties,
    );
    m.summary.skip_n(
        "folder tree (organizations)",
        "the landscape is arranged in files, not in folders",
        parsed.organizations,
    );
    m.index();
    m.create_items();
    for r in &parsed.relations {
        m.relation(r);
    }
    m.resolve_holdings();
    m.finish()
}

impl<'p> Mapper<'p> {
    /// "line 12": where in the file something is.
    fn line(&self, span: Span) -> String {
        format!("line {}", self.source.line_col(span.start as usize).0)
    }

    fn index(&mut self) {
        for (i, c) in self.parsed.elements.iter().enumerate() {
            if self.by_id.insert(c.id.as_str(), i).is_some() {
                let at = self.line(c.span);
                self.summary.note(format!(
                    "{at}: the identifier `{}` is used twice; relationships go to this, the later, element",
                    c.id
                ));
            }
        }
        self.roles = self.parsed.elements.iter().map(role).collect();
        self.summary
            .skip_n("view", "the landscape has no diagrams", self.parsed.views);
        self.summary.skip_n(
            "element or relationship without xsi:type",
            "its type is unknown",
            self.parsed.untyped,
        );
        for reference in &self.parsed.undefined_properties {
            self.summary.note(format!(
                "property definition `{reference}` is used but not defined; its values are kept under x-{}-undefined",
                slug(reference, Kind::Application)
            ));
        }
    }

    /// Items for the municipality's own elements, and for the GEMMA functions and objects it
    /// uses directly.
    fn create_items(&mut self) {
        let used = self.used_gemma_and_owners();
        for (i, c) in self.parsed.elements.iter().enumerate() {
            let kind = match self.roles[i] {
                Role::Own(Kind::Owner) if !used[i] => {
                    self.summary.skip(
                        c.kind.clone(),
                        "owns nothing (no assignment to an application, function or object)",
                    );
                    continue;
                }
                Role::Own(kind) => kind,
                Role::Gemma(GemmaKind::Function) if used[i] => Kind::BusinessFunction,
                Role::Gemma(GemmaKind::Object) if used[i] => Kind::DataObject,
                Role::Gemma(_) => {
                    self.summary.skip(
                        format!("GEMMA {}", c.kind),
                        "a GEMMA element: used as the reference of the elements linked to it",
                    );
                    continue;
                }
                Role::Other => {
                    self.summary
                        .skip(c.kind.clone(), "no counterpart in the landscape");
                    continue;
                }
            };
            let item = self.item(c, kind, matches!(self.roles[i], Role::Gemma(_)));
            self.items[i] = Some(self.landscape.add(item));
        }
    }

    /// Per concept: a GEMMA function or object the municipality's elements use directly, or
    /// an actor or role that owns something or is part of an owner.
    fn used_gemma_and_owners(&self) -> Vec<bool> {
        let mut used: Vec<bool> = self
            .parsed
            .elements
            .iter()
            .map(|c| c.property(ID_PROPERTY).is_some())
            .collect();
        for r in &self.parsed.relations {
            let (Some(&s), Some(&t)) = (
                self.by_id.get(r.source.as_str()),
                self.by_id.get(r.target.as_str()),
            ) else {
                continue;
            };
            let (from, to) = (self.roles[s], self.roles[t]);
            let owned = matches!(
                to,
                Role::Own(Kind::Application | Kind::BusinessFunction | Kind::DataObject)
                    | Role::Gemma(GemmaKind::Function | GemmaKind::Object)
            );
            match (from, to, r.kind.as_str()) {
                (Role::Own(Kind::Owner), _, "Assignment") if owned => used[s] = true,
                (Role::Own(Kind::Owner), _, "Association") if owned && is_ownership(r) => {
                    used[s] = true
                }
                (Role::Own(Kind::Owner), Role::Own(Kind::Owner), "Composition" | "Aggregation") => {
                    used[s] = true;
                    used[t] = true;
                }
                (
                    Role::Own(Kind::Application),
                    Role::Gemma(GemmaKind::Function),
                    "Serving" | "Realization",
                )
                | (Role::Own(Kind::Owner), Role::Gemma(GemmaKind::Function), "Assignment")
                | (
                    Role::Own(Kind::Application | Kind::Interface),
                    Role::Gemma(GemmaKind::Object),
                    "Access",
                ) => used[t] = true,
                _ => {}
            }
        }
        used
    }

    /// An item from a concept: its name, description, carried id, properties and specialisations.
    fn item(&mut self, c: &Concept, kind: Kind, from_gemma: bool) -> Item {
        let mut item = Item::new(kind, c.name.trim());
        item.carried_id = c.property(ID_PROPERTY).map(str::to_owned);
        if item.carried_id.is_none() {
            item.source_key = Some(("x-archimate-id", c.id.clone()));
        }
        if let Some(doc) = &c.documentation {
            item.set("description", Value::Text(doc.clone()));
        }
        if from_gemma {
            let reference = self.reference;
            let (field, index) = match kind {
                Kind::BusinessFunction => ("bedrijfsfunctie", &reference.function_names),
                _ => ("bedrijfsobject", &reference.object_names),
            };
            let written = self.gemma_name(c, index, &display(kind, &c.name), field);
            item.set("gemma", Value::Text(written));
        }
        self.properties(c, &mut item);
        self.specialisations(c, &mut item);
        item
    }

    /// The name of a GEMMA element as the shipped GEMMA model writes it: by its Object ID,
    /// else by its name; as found (and listed in the summary) when neither resolves.
    fn gemma_name(
        &mut self,
        c: &Concept,
        index: &NameIndex,
        element: &str,
        what: &'static str,
    ) -> String {
        let by_id = c.property(OBJECT_ID).map(|id| index.resolve(id));
        if let Some(Resolution::Found(i) | Resolution::WrongCase(i)) = by_id {
            return index.name(i).to_owned();
        }
        match index.resolve(&c.name) {
            Resolution::Found(_) | Resolution::Ambiguous(_) => c.name.trim().to_owned(),
            Resolution::WrongCase(i) => index.name(i).to_owned(),
            Resolution::Unknown => {
                self.summary.unresolved.insert(Unresolved {
                    element: element.to_owned(),
                    what,
                    written: c.name.trim().to_owned(),
                    suggestions: index.suggest(&c.name),
                    kept_as: None,
                });
                c.name.trim().to_owned()
            }
        }
    }

    /// Properties that are model fields become those fields when their value fits; the rest
    /// are kept as `x-` fields.
    fn properties(&mut self, c: &Concept, item: &mut Item) {
        let mut extra: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in &c.properties {
            if name == ID_PROPERTY {
                continue;
            }
            // The Dutch name Archi models commonly use for the supplier.
            let name = match name.as_str() {
                "Leverancier" | "leverancier" if item.kind == Kind::Application => "supplier",
                other => other,
            };
            let name = &name.to_owned();
            match fields::shape(item.kind, name) {
                Some(shape) => match fields::check(shape, value) {
                    Ok(()) => set_field(item, name, shape, value),
                    Err(why) => {
                        let key = format!("x-{}", slug(name, item.kind));
                        self.summary.note(format!(
                            "{}: property `{name}` = `{value}` {why}; kept as `{key}`",
                            display(item.kind, &item.name)
                        ));
                        extra.entry(key).or_default().push(value.clone());
                    }
                },
                None => {
                    let key = if name.starts_with("x-") && crate::syntax::is_id(name) {
                        name.clone()
                    } else {
                        format!("x-{}", slug(name, item.kind))
                    };
                    extra.entry(key).or_default().push(value.clone());
                }
            }
        }
        for (key, mut values) in extra {
            let value = if values.len() == 1 {
                extension_value(values.remove(0))
            } else {
                Value::Json(values.into_iter().map(serde_json::Value::String).collect())
            };
            item.set(&key, value);
        }
    }

    /// Specialisations name GEMMA elements: an application's its reference components, a
    /// function's or object's its GEMMA counterpart.
    fn specialisations(&mut self, c: &Concept, item: &mut Item) {
        let reference = self.reference;
        for name in &c.specialisations {
            let (index, field, what) = match item.kind {
                Kind::Application => (
                    &reference.component_names,
                    "reference_components",
                    "reference component",
                ),
                Kind::BusinessFunction => (&reference.function_names, "gemma", "bedrijfsfunctie"),
                Kind::DataObject => (&reference.object_names, "gemma", "bedrijfsobject"),
                _ => continue,
            };
            let resolved = match index.resolve(name) {
                Resolution::Found(_) | Resolution::Ambiguous(_) => Some(name.trim().to_owned()),
                Resolution::WrongCase(i) => Some(index.name(i).to_owned()),
                Resolution::Unknown => None,
            };
            match resolved {
                Some(written) if field == "reference_components" => {
                    push(item, field, Value::Text(written))
                }
                Some(written) => item.set(field, Value::Text(written)),
                None => {
                    self.summary.unresolved.insert(Unresolved {
                        element: display(item.kind, &item.name),
                        what,
                        written: name.clone(),
                        suggestions: index.suggest(name),
                        kept_as: Some("x-archimate-specialisation"),
                    });
                    push(
                        item,
                        "x-archimate-specialisation",
                        Value::Text(name.clone()),
                    );
                }
            }
        }
    }

    /// One relationship onto the items at its ends.
    fn relation(&mut self, r: &'p Relation) {
        let ends = (
            self.by_id.get(r.source.as_str()),
            self.by_id.get(r.target.as_str()),
        );
        let (Some(&s), Some(&t)) = ends else {
            self.summary.skip(
                format!("{} relationship", r.kind),
                "its source or target is not in the file",
            );
            let missing = if ends.0.is_none() {
                &r.source
            } else {
                &r.target
            };
            let at = self.line(r.span);
            self.summary.note(format!(
                "{at}: relationship `{}` points at `{missing}`, which is not in the file; left out",
                r.id
            ));
            return;
        };
        let (from, to) = (self.items[s], self.items[t]);
        let mapped = match (from, to) {
            (Some(a), Some(b)) => self.between_items(r, a, b),
            (Some(a), None) => self.towards_gemma(r, a, t),
            _ => false,
        };
        if !mapped {
            let (sk, tk) = (&self.parsed.elements[s].kind, &self.parsed.elements[t].kind);
            self.summary.skip(
                format!("{} relationship", r.kind),
                format!("means nothing here between {sk} and {tk}"),
            );
        }
    }

    fn between_items(&mut self, r: &'p Relation, a: ItemRef, b: ItemRef) -> bool {
        let (ka, kb) = (self.landscape.item(a).kind, self.landscape.item(b).kind);
        use Kind::{
            Application as App, BusinessFunction as Bf, DataObject as Do, Interface as If, Owner,
        };
        match (ka, kb, r.kind.as_str()) {
            (Owner, App | Bf | Do, "Assignment") => self.set_once(b, "owner", a, "owners"),
            (Owner, App | Bf | Do, "Association") if is_ownership(r) => {
                self.set_once(b, "owner", a, "owners")
            }
            (Owner, Owner, "Composition" | "Aggregation") => {
                self.set_once(b, "parent", a, "parents")
            }
            (Bf, Bf, "Composition" | "Aggregation") => self.set_once(b, "parent", a, "parents"),
            (App, Bf, "Serving" | "Realization") => {
                push_ref(self.landscape.item_mut(a), "business_functions", b)
            }
            (App, If, "Composition" | "Aggregation" | "Assignment") => {
                self.set_once(b, "provider", a, "providers")
            }
            (If, App, "Serving" | "Flow") => push_ref(self.landscape.item_mut(a), "consumers", b),
            (If, Do, "Access") => push_ref(self.landscape.item_mut(a), "data_objects", b),
            (App, Do, "Access") => {
                self.holdings.push(Holding {
                    app: a,
                    object: b,
                    relation: r,
                });
                true
            }
            (App, App, "Flow" | "Serving" | "Triggering") => {
                // No interface to write: the link only tells where read data comes from. Said
                // in the summary, so the connection is not lost in silence.
                self.links.insert((a, b));
                self.summary.skip(
                    format!("{} relationship between two applications", r.kind),
                    "no application interface between them; used only to find where read data comes from (`from:`). Model it as an interface to have it checked",
                );
                true
            }
            _ => false,
        }
    }

    /// A relationship from one of the municipality's elements to a GEMMA element that is not
    /// written itself: the element's GEMMA reference.
    fn towards_gemma(&mut self, r: &Relation, a: ItemRef, t: usize) -> bool {
        const NAMING: [&str; 6] = [
            "Realization",
            "Specialization",
            "Aggregation",
            "Composition",
            "Association",
            "Assignment",
        ];
        if !NAMING.contains(&r.kind.as_str()) {
            return false;
        }
        let kind = self.landscape.item(a).kind;
        let (c, reference) = (&self.parsed.elements[t], self.reference);
        let element = display(kind, &self.landscape.item(a).name);
        match (kind, self.roles[t]) {
            (Kind::Application, Role::Gemma(GemmaKind::Component)) => {
                let name = self.gemma_name(
                    c,
                    &reference.component_names,
                    &element,
                    "reference component",
                );
                let item = self.landscape.item_mut(a);
                if !matches!(item.get("reference_components"), Some(Value::List(l)) if l.contains(&Value::Text(name.clone())))
                {
                    push(item, "reference_components", Value::Text(name));
                }
                true
            }
            (Kind::BusinessFunction, Role::Gemma(GemmaKind::Function)) => {
                let name =
                    self.gemma_name(c, &reference.function_names, &element, "bedrijfsfunctie");
                self.landscape.item_mut(a).set("gemma", Value::Text(name));
                true
            }
            (Kind::DataObject, Role::Gemma(GemmaKind::Object)) => {
                let name = self.gemma_name(c, &reference.object_names, &element, "bedrijfsobject");
                self.landscape.item_mut(a).set("gemma", Value::Text(name));
                true
            }
            _ => false,
        }
    }

    /// Sets a reference field that takes one value; a second one is noted, not written.
    fn set_once(&mut self, on: ItemRef, field: &str, value: ItemRef, plural: &str) -> bool {
        let item = self.landscape.item(on);
        if item.has(field) {
            let shown = display(item.kind, &item.name);
            let other = self.landscape.item(value).name.clone();
            self.summary.note(format!(
                "{shown} has several {plural}; kept the first, not `{other}`"
            ));
        } else {
            self.landscape.item_mut(on).set(field, Value::Ref(value));
        }
        true
    }

    /// Drops interfaces that nothing provides (a provider is required), then hands back the
    /// landscape and the summary.
    fn finish(mut self) -> (Landscape, Summary) {
        let keep: Vec<bool> = self
            .landscape
            .items
            .iter()
            .map(|i| i.kind != Kind::Interface || i.has("provider"))
            .collect();
        for item in self.landscape.items.iter().zip(&keep).filter(|(_, k)| !**k) {
            self.summary.skip(
                "ApplicationInterface",
                "no application provides it (a composition, aggregation or assignment from an application component)",
            );
            self.summary.note(format!(
                "interface `{}` has no provider; left out",
                item.0.name
            ));
        }
        self.landscape.retain(&keep);
        self.landscape.tidy();
        (self.landscape, self.summary)
    }
}

impl Mapper<'_> {
    /// Access relationships as data holdings: write → source, read → query (with `from` where
    /// the model shows where the data comes from), read-write and unspecified → the closest.
    fn resolve_holdings(&mut self) {
        // An interface of one application that another uses links the two.
        for i in &self.landscape.items {
            if let (Some(Value::Ref(provider)), Some(Value::List(consumers))) =
                (i.get("provider"), i.get("consumers"))
            {
                for c in consumers {
                    if let Value::Ref(c) = c {
                        self.links.insert((*provider, *c));
                    }
                }
            }
        }
        let holdings = std::mem::take(&mut self.holdings);
        let writers: HashMap<ItemRef, Vec<ItemRef>> =
            holdings.iter().fold(HashMap::new(), |mut m, h| {
                if h.relation.access == Some(Access::Write) {
                    m.entry(h.object).or_default().push(h.app);
                }
                m
            });
        for h in &holdings {
            let entry = self.holding(h, writers.get(&h.object).map_or(&[][..], Vec::as_slice));
            let item = self.landscape.item_mut(h.app);
            let mut data = match item.fields.iter().position(|(k, _)| k == "data") {
                Some(i) => item.fields.remove(i).1,
                None => Value::RefMap(Vec::new()),
            };
            if let Value::RefMap(entries) = &mut data {
                if entries.iter().any(|(o, _)| *o == h.object) {
                    let note = format!(
                        "{} accesses `{}` more than once; kept the first",
                        display(item.kind, &item.name),
                        self.landscape.item(h.object).name
                    );
                    self.summary.note(note);
                } else {
                    entries.push((h.object, entry));
                }
            }
            self.landscape.item_mut(h.app).set("data", data);
        }
    }

    /// One holding's `role`, `from` and `sync`.
    fn holding(&mut self, h: &Holding, writers: &[ItemRef]) -> Value {
        let r = h.relation;
        if let Some(role) = r
            .property("role")
            .filter(|v| fields::check(Shape::OneOf(crate::model::DataRole::ALL), v).is_ok())
        {
            let mut entry = vec![("role".to_owned(), Value::Text(role.to_owned()))];
            if let Some(from) = r.property("from") {
                let found = self.landscape.items.iter().position(|i| {
                    i.kind == Kind::Application && i.carried_id.as_deref() == Some(from)
                });
                entry.push((
                    "from".to_owned(),
                    found.map_or_else(|| Value::Text(from.to_owned()), |i| Value::Ref(ItemRef(i))),
                ));
            }
            if let Some(sync) = r
                .property("sync")
                .filter(|v| fields::check(Shape::OneOf(crate::model::Sync::ALL), v).is_ok())
            {
                entry.push(("sync".to_owned(), Value::Text(sync.to_owned())));
            }
            return Value::Map(entry);
        }
        let others: Vec<ItemRef> = writers.iter().copied().filter(|w| *w != h.app).collect();
        let query = match r.access {
            Some(Access::Write) => false,
            Some(Access::Read) => true,
            Some(Access::ReadWrite) => {
                self.summary.guess(if others.is_empty() {
                    "read-write access taken as the source"
                } else {
                    "read-write access taken as a query (another application writes the data)"
                });
                !others.is_empty()
            }
            Some(Access::Unspecified) | None => {
                self.summary.guess(if others.is_empty() { "access without read or write taken as the source" } else { "access without read or write taken as a query (another application writes the data)" });
                !others.is_empty()
            }
        };
        if !query {
            return Value::Map(vec![("role".to_owned(), Value::Text("source".to_owned()))]);
        }
        let mut entry = vec![("role".to_owned(), Value::Text("query".to_owned()))];
        if let Some(from) = self.from(h.app, &others) {
            entry.push(("from".to_owned(), Value::Ref(from)));
        }
        Value::Map(entry)
    }

    /// Where a reader gets its data: the writer the model links to it (a flow, serving, or an
    /// interface of the writer that the reader uses), else the only writer.
    fn from(&self, reader: ItemRef, writers: &[ItemRef]) -> Option<ItemRef> {
        let linked: Vec<ItemRef> = writers
            .iter()
            .copied()
            .filter(|w| self.links.contains(&(*w, reader)))
            .collect();
        match (linked.as_slice(), writers) {
            ([one], _) | ([], [one]) => Some(*one),
            _ => None,
        }
    }
}

fn role(c: &Concept) -> Role {
    let gemma = c.property(GEMMA_TYPE).is_some();
    match (c.kind.as_str(), gemma) {
        ("ApplicationComponent", true) => Role::Gemma(GemmaKind::Component),
        ("ApplicationComponent", false) => Role::Own(Kind::Application),
        ("BusinessFunction", true) => Role::Gemma(GemmaKind::Function),
        ("BusinessFunction", false) => Role::Own(Kind::BusinessFunction),
        ("BusinessObject" | "Contract" | "DataObject", true) => Role::Gemma(GemmaKind::Object),
        // A contract is a business object in ArchiMate 3.
        ("BusinessObject" | "Contract" | "DataObject", false) => Role::Own(Kind::DataObject),
        ("BusinessActor" | "BusinessRole", _) => Role::Own(Kind::Owner),
        ("ApplicationInterface", _) => Role::Own(Kind::Interface),
        _ => Role::Other,
    }
}

/// An association that says who owns something (named so: `eigenaar`, `owner`).
fn is_ownership(r: &Relation) -> bool {
    r.name.as_deref().is_some_and(|n| {
        let n = n.to_lowercase();
        n.contains("eigenaar") || n.contains("owner")
    })
}

/// "application `Zaaksysteem`": how the summary names an element.
fn display(kind: Kind, name: &str) -> String {
    format!("{} `{}`", kind.noun(), crate::text::shorten(name))
}

fn set_field(item: &mut Item, key: &str, shape: Shape, text: &str) {
    let value = match shape {
        Shape::Bool => Value::Bool(text == "true"),
        _ => Value::Text(text.to_owned()),
    };
    let (outer, inner) = match key.split_once('.') {
        Some((o, i)) => (o, Some(i)),
        None => (key, None),
    };
    match (inner, shape) {
        (None, Shape::List | Shape::ListOf(_)) => push(item, outer, value),
        (None, _) => item.set(outer, value),
        (Some(inner), _) => {
            let mut map = match item.fields.iter().position(|(k, _)| k == outer) {
                Some(i) => match item.fields.remove(i).1 {
                    Value::Map(m) => m,
                    _ => Vec::new(),
                },
                None => Vec::new(),
            };
            match (map.iter_mut().find(|(k, _)| k == inner), shape) {
                (Some((_, Value::List(l))), Shape::List | Shape::ListOf(_)) => l.push(value),
                (Some((_, v)), _) => *v = value,
                (None, Shape::List | Shape::ListOf(_)) => {
                    map.push((inner.to_owned(), Value::List(vec![value])));
                }
                (None, _) => map.push((inner.to_owned(), value)),
            }
            item.fields.push((outer.to_owned(), Value::Map(map)));
        }
    }
}

/// Appends to a list field, making it when it is not there.
fn push(item: &mut Item, field: &str, value: Value) {
    match item.fields.iter_mut().find(|(k, _)| k == field) {
        Some((_, Value::List(l))) if l.contains(&value) => {}
        Some((_, Value::List(l))) => l.push(value),
        Some((_, other)) => *other = Value::List(vec![value]),
        None => item
            .fields
            .push((field.to_owned(), Value::List(vec![value]))),
    }
}

fn push_ref(item: &mut Item, field: &str, r: ItemRef) -> bool {
    let already = matches!(item.get(field), Some(Value::List(l)) if l.contains(&Value::Ref(r)));
    if !already {
        push(item, field, Value::Ref(r));
    }
    true
}

/// An `x-` value: a list or mapping when gemmalint exported one as JSON, else the text.
fn extension_value(text: String) -> Value {
    let t = text.trim_start();
    if (t.starts_with('[') || t.starts_with('{'))
        && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
    {
        return Value::Json(json);
    }
    Value::Text(text)
}
