//! The intermediate landscape every importer builds: elements with their fields and references
//! between them, before they have ids. Here they get stable kebab-case ids, unique per kind,
//! and become model YAML.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Kind, Model, Named, with_kind};
use crate::syntax::is_id;

/// An element of the landscape being imported, by its position in [`Landscape::items`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef(pub usize);

/// A field's value as the importer found it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Bool(bool),
    /// Another element of the import: written as its id once ids are known.
    Ref(ItemRef),
    List(Vec<Value>),
    /// A nested mapping (`lifecycle`, `archiving`, one entry of `data`).
    Map(Vec<(String, Value)>),
    /// A mapping keyed by other elements (`data:` keyed by data object).
    RefMap(Vec<(ItemRef, Value)>),
    /// An `x-` value that is not text (a list of names, a number).
    Json(serde_json::Value),
}

/// One element, before it has an id.
#[derive(Clone, Debug)]
pub struct Item {
    pub kind: Kind,
    pub name: String,
    /// The id the source carries for it (exported by gemmalint): preferred over a slug.
    pub carried_id: Option<String>,
    /// The source's own key for the element (`x-archimate-id`, `x-softwarecatalogus-id`):
    /// written as that `x-` field, and how a merge recognises an element it wrote before.
    pub source_key: Option<(&'static str, String)>,
    /// The fields in the order they are written (`name` and the source key excluded).
    pub fields: Vec<(String, Value)>,
}

impl Item {
    pub fn new(kind: Kind, name: impl Into<String>) -> Self {
        Item {
            kind,
            name: name.into(),
            carried_id: None,
            source_key: None,
            fields: Vec::new(),
        }
    }

    pub fn set(&mut self, field: &str, value: Value) {
        match self.fields.iter_mut().find(|(k, _)| k == field) {
            Some((_, v)) => *v = value,
            None => self.fields.push((field.to_owned(), value)),
        }
    }

    pub fn get(&self, field: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == field).map(|(_, v)| v)
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }
}

/// Everything an import found, and where it came from.
#[derive(Clone, Debug, Default)]
pub struct Landscape {
    pub items: Vec<Item>,
    /// The source file as the user named it, and its SHA-256, for the files' header.
    pub source: String,
    pub sha256: String,
}

impl Landscape {
    pub fn add(&mut self, item: Item) -> ItemRef {
        self.items.push(item);
        ItemRef(self.items.len() - 1)
    }

    pub fn item(&self, r: ItemRef) -> &Item {
        &self.items[r.0]
    }

    pub fn item_mut(&mut self, r: ItemRef) -> &mut Item {
        &mut self.items[r.0]
    }

    /// Puts every item's fields in the model's order, `x-` fields last and sorted.
    pub fn tidy(&mut self) {
        for item in &mut self.items {
            let order = super::fields::order(item.kind);
            item.fields.sort_by_cached_key(|(k, _)| {
                (
                    k.starts_with("x-"),
                    order.iter().position(|o| o == k),
                    k.clone(),
                )
            });
        }
    }

    /// Keeps the items marked `true`; references to the others are dropped with them.
    pub fn retain(&mut self, keep: &[bool]) {
        let mut new_index = Vec::with_capacity(keep.len());
        let mut next = 0;
        for &k in keep {
            new_index.push(k.then(|| {
                next += 1;
                ItemRef(next - 1)
            }));
        }
        let items = std::mem::take(&mut self.items);
        for (item, &k) in items.into_iter().zip(keep) {
            if k {
                self.items.push(item);
            }
        }
        for item in &mut self.items {
            item.fields.retain_mut(|(_, v)| remap(v, &new_index));
        }
    }
}

/// Rewrites the references in a value to the kept items; false when the value itself goes.
fn remap(value: &mut Value, new_index: &[Option<ItemRef>]) -> bool {
    match value {
        Value::Ref(r) => match new_index[r.0] {
            Some(n) => {
                *r = n;
                true
            }
            None => false,
        },
        Value::List(items) => {
            items.retain_mut(|v| remap(v, new_index));
            true
        }
        Value::Map(entries) => {
            entries.retain_mut(|(_, v)| remap(v, new_index));
            true
        }
        Value::RefMap(entries) => {
            entries.retain_mut(|(r, v)| match new_index[r.0] {
                Some(n) => {
                    *r = n;
                    remap(v, new_index)
                }
                None => false,
            });
            true
        }
        Value::Text(_) | Value::Bool(_) | Value::Json(_) => true,
    }
}

/// The file each kind is written to (the collection names of the example landscape).
pub fn file_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Owner => "organisatie",
        Kind::BusinessFunction => "bedrijfsfuncties",
        Kind::Application => "applicaties",
        Kind::Interface => "koppelingen",
        Kind::DataObject => "gegevens",
        Kind::Standard => "standaarden",
        Kind::Waiver => "afwijkingen",
    }
}

/// What a landscape directory already holds, for `--merge`: per kind, the ids, and the ids by
/// the source key of the element (its `x-archimate-id`, say).
#[derive(Debug, Default)]
pub struct Existing {
    ids: HashMap<Kind, HashMap<String, String>>,
    by_key: HashMap<(Kind, String, String), String>,
}

impl Existing {
    /// The elements of a model that loaded without problems.
    pub fn of(model: &Model) -> Existing {
        let mut existing = Existing::default();
        for kind in Kind::ALL {
            with_kind!(model, kind, |list| {
                for e in list {
                    existing
                        .ids
                        .entry(kind)
                        .or_default()
                        .insert(e.id.clone(), e.body.name().to_owned());
                    for (key, value) in &e.extensions {
                        if let Some(text) = value.as_str() {
                            existing
                                .by_key
                                .insert((kind, key.clone(), text.to_owned()), e.id.clone());
                        }
                    }
                }
            });
        }
        existing
    }

    fn taken(&self, kind: Kind, id: &str) -> bool {
        self.ids.get(&kind).is_some_and(|ids| ids.contains_key(id))
    }

    /// The id of the element this item was imported as before, if it is there.
    fn same_as(&self, item: &Item, candidate: &str) -> Option<String> {
        if let Some((key, value)) = &item.source_key
            && let Some(id) = self
                .by_key
                .get(&(item.kind, (*key).to_owned(), value.clone()))
        {
            return Some(id.clone());
        }
        // Without a source key, the same id and the same name are the same element.
        let name = self.ids.get(&item.kind)?.get(candidate)?;
        (item.source_key.is_none() && *name == item.name).then(|| candidate.to_owned())
    }
}

/// The id each item gets, and whether it is already in the directory (a merge keeps that one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assigned {
    pub id: String,
    pub existing: bool,
}

/// Gives every item an id: the id it carries when that is a valid, free id of its kind, else
/// a slug of its name; `-2`, `-3` … for names that occur more than once, in the order of the
/// source keys so that the same file always gives the same ids.
pub fn assign_ids(landscape: &Landscape, existing: &Existing) -> Vec<Assigned> {
    let mut out: Vec<Option<Assigned>> = vec![None; landscape.items.len()];
    let mut used: HashMap<Kind, BTreeSet<String>> = HashMap::new();
    // Carried ids first: they are what an earlier export said.
    for (i, item) in landscape.items.iter().enumerate() {
        let Some(carried) = item.carried_id.as_deref().filter(|c| is_id(c)) else {
            continue;
        };
        if let Some(id) = existing.same_as(item, carried) {
            used.entry(item.kind).or_default().insert(id.clone());
            out[i] = Some(Assigned { id, existing: true });
        } else if !existing.taken(item.kind, carried)
            && used
                .entry(item.kind)
                .or_default()
                .insert(carried.to_owned())
        {
            out[i] = Some(Assigned {
                id: carried.to_owned(),
                existing: false,
            });
        }
    }
    let mut rest: Vec<usize> = (0..landscape.items.len())
        .filter(|&i| out[i].is_none())
        .collect();
    rest.sort_by_cached_key(|&i| {
        let item = &landscape.items[i];
        (
            slug(&item.name, item.kind),
            item.source_key.as_ref().map(|(_, v)| v.clone()),
            i,
        )
    });
    // First every name's own slug, for the first item that has it; then the others get the
    // first free number, so a numbered duplicate never takes another name's own slug
    // (`Portaal`, `Portaal`, `Portaal-2` → `portaal`, `portaal-3`, `portaal-2`).
    let mut again = Vec::new();
    for i in rest {
        let item = &landscape.items[i];
        let base = slug(&item.name, item.kind);
        if let Some(id) = existing.same_as(item, &base) {
            used.entry(item.kind).or_default().insert(id.clone());
            out[i] = Some(Assigned { id, existing: true });
            continue;
        }
        let taken = used.entry(item.kind).or_default();
        if taken.contains(&base) || existing.taken(item.kind, &base) {
            again.push((i, base));
        } else {
            taken.insert(base.clone());
            out[i] = Some(Assigned {
                id: base,
                existing: false,
            });
        }
    }
    for (i, base) in again {
        let kind = landscape.items[i].kind;
        let taken = used.entry(kind).or_default();
        let id = (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken.contains(id) && !existing.taken(kind, id))
            .expect("some numbered id is free");
        taken.insert(id.clone());
        out[i] = Some(Assigned {
            id,
            existing: false,
        });
    }
    out.into_iter()
        .map(|a| a.expect("every item got an id above"))
        .collect()
}

/// A kebab-case id from a name: lowercase ASCII letters and digits, other letters written in
/// ASCII (`Ĳsselstein` → `ijsselstein`, `Łódź` → `lodz`, `Straße` → `strasse`), everything else
/// as single hyphens, at most 60 characters cut at a hyphen.
pub fn slug(name: &str, kind: Kind) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let ascii = if c.is_ascii() {
            None
        } else {
            deunicode::deunicode_char(c)
        };
        let mut letters = [0u8; 4];
        let text = ascii.unwrap_or_else(|| c.encode_utf8(&mut letters));
        for c in text.chars() {
            match c {
                'a'..='z' | '0'..='9' => out.push(c),
                'A'..='Z' => out.push(c.to_ascii_lowercase()),
                _ if !out.is_empty() && !out.ends_with('-') => out.push('-'),
                _ => {}
            }
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    if out.len() > 60 {
        let cut = out[..60].rfind('-').unwrap_or(60);
        out.truncate(cut);
    }
    if out.is_empty() {
        kind.as_str().replace('_', "-")
    } else {
        out
    }
}

/// The model YAML of one kind: the header, the collection, its new elements sorted by id.
/// `None` when the kind has no new elements.
pub fn render_kind(landscape: &Landscape, ids: &[Assigned], kind: Kind) -> Option<String> {
    let mut items: Vec<(&str, &Item)> = landscape
        .items
        .iter()
        .zip(ids)
        .filter(|(item, a)| item.kind == kind && !a.existing)
        .map(|(item, a)| (a.id.as_str(), item))
        .collect();
    if items.is_empty() {
        return None;
    }
    items.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = format!(
        "# Imported by gemmalint from {} (SHA-256 {}).\n# Edit freely: a later import never rewrites this file.\n\n{}:\n",
        comment_text(&landscape.source),
        landscape.sha256,
        kind.collection()
    );
    for (n, (id, item)) in items.into_iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!("  {id}:\n"));
        write_entry(&mut out, 4, "name", &Value::Text(item.name.clone()), ids);
        // A key twice would be a problem on load: a property that happens to be called like
        // the source key gets a number.
        let mut keys: BTreeSet<String> = BTreeSet::from(["name".to_owned()]);
        let source = item
            .source_key
            .as_ref()
            .map(|(k, v)| ((*k).to_owned(), Value::Text(v.clone())));
        for (key, value) in item.fields.iter().chain(source.as_ref()) {
            let mut unique = key.clone();
            let mut n = 1;
            while keys.contains(&unique) {
                n += 1;
                unique = format!("{key}-{n}");
            }
            write_entry(&mut out, 4, &unique, value, ids);
            keys.insert(unique);
        }
    }
    Some(out)
}

/// Text for a one-line comment: no line breaks or control characters.
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `key: value` at an indent, nested values in block style beneath it.
fn write_entry(out: &mut String, indent: usize, key: &str, value: &Value, ids: &[Assigned]) {
    let pad = " ".repeat(indent);
    let key = scalar(key);
    match value {
        Value::List(items) if items.is_empty() => out.push_str(&format!("{pad}{key}: []\n")),
        Value::List(items) => {
            out.push_str(&format!("{pad}{key}:\n"));
            for item in items {
                out.push_str(&format!("{pad}  - {}\n", inline(item, ids)));
            }
        }
        Value::Map(entries) => {
            out.push_str(&format!("{pad}{key}:\n"));
            for (k, v) in entries {
                write_entry(out, indent + 2, k, v, ids);
            }
        }
        Value::RefMap(entries) => {
            out.push_str(&format!("{pad}{key}:\n"));
            for (r, v) in entries {
                write_entry(out, indent + 2, &ids[r.0].id, v, ids);
            }
        }
        Value::Json(json) if json.is_array() || json.is_object() => {
            out.push_str(&format!("{pad}{key}: {json}\n"));
        }
        other => out.push_str(&format!("{pad}{key}: {}\n", inline(other, ids))),
    }
}

/// A value on one line (a list item, a scalar field).
fn inline(value: &Value, ids: &[Assigned]) -> String {
    match value {
        Value::Text(t) => scalar(t),
        Value::Bool(b) => b.to_string(),
        Value::Ref(r) => ids[r.0].id.clone(),
        Value::Json(serde_json::Value::String(s)) => scalar(s),
        // JSON is YAML: numbers, lists and mappings in flow style.
        Value::Json(json) => json.to_string(),
        Value::List(_) | Value::Map(_) | Value::RefMap(_) => {
            let json = to_json(value, ids);
            json.to_string()
        }
    }
}

fn to_json(value: &Value, ids: &[Assigned]) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::Text(t) => J::String(t.clone()),
        Value::Bool(b) => J::Bool(*b),
        Value::Ref(r) => J::String(ids[r.0].id.clone()),
        Value::List(items) => J::Array(items.iter().map(|v| to_json(v, ids)).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v, ids)))
                .collect(),
        ),
        Value::RefMap(entries) => J::Object(
            entries
                .iter()
                .map(|(r, v)| (ids[r.0].id.clone(), to_json(v, ids)))
                .collect(),
        ),
        Value::Json(j) => j.clone(),
    }
}

/// A text as a YAML scalar: plain when it cannot be read as anything but this text, else
/// double-quoted with escapes.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_plain_safe(text: &str) -> bool {
    const WORDS: [&str; 9] = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    let Some(first) = text.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !WORDS.contains(&text.to_lowercase().as_str())
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '.' | ',' | '(' | ')' | '/' | '_' | '+' | '-' | '\'' | '&'
                )
        })
}

/// How many new and existing elements of each kind.
pub fn counts(landscape: &Landscape, ids: &[Assigned]) -> BTreeMap<(Kind, bool), usize> {
    let mut out = BTreeMap::new();
    for (item, a) in landscape.items.iter().zip(ids) {
        *out.entry((item.kind, a.existing)).or_default() += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case_ids() {
        assert_eq!(
            slug("Zaaksysteem (Open Zaak)", Kind::Application),
            "zaaksysteem-open-zaak"
        );
        assert_eq!(slug("Privé-gegevens", Kind::DataObject), "prive-gegevens");
        assert_eq!(slug("Ĳsselstein", Kind::Owner), "ijsselstein");
        assert_eq!(slug("Łódź Straße", Kind::Owner), "lodz-strasse");
        assert_eq!(slug("  ", Kind::BusinessFunction), "business-function");
        assert!(is_id(&slug(&"lang ".repeat(30), Kind::Application)));
    }

    #[test]
    fn duplicate_names_get_numbers_in_source_key_order() {
        let mut l = Landscape::default();
        for key in ["b", "a"] {
            let mut item = Item::new(Kind::Application, "LAN");
            item.source_key = Some(("x-archimate-id", key.to_owned()));
            l.add(item);
        }
        let ids = assign_ids(&l, &Existing::default());
        assert_eq!(ids[1].id, "lan");
        assert_eq!(ids[0].id, "lan-2");
    }

    #[test]
    fn a_numbered_duplicate_never_takes_another_names_own_slug() {
        let mut l = Landscape::default();
        for (name, key) in [("Portaal", "a"), ("Portaal", "b"), ("Portaal-2", "c")] {
            let mut item = Item::new(Kind::Application, name);
            item.source_key = Some(("x-archimate-id", key.to_owned()));
            l.add(item);
        }
        let ids: Vec<String> = assign_ids(&l, &Existing::default())
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, ["portaal", "portaal-3", "portaal-2"]);
    }

    #[test]
    fn scalars_that_could_be_read_otherwise_are_quoted() {
        assert_eq!(scalar("Zaaksysteem"), "Zaaksysteem");
        for text in [
            "true",
            "No",
            "1.10",
            "a: b",
            "#x",
            "",
            "http://x",
            "tab\there",
            " x",
        ] {
            assert!(scalar(text).starts_with('"'), "{text}");
        }
        assert_eq!(scalar("a\"b\n"), "\"a\\\"b\\n\"");
    }
}
