//! Looking up GEMMA names: exact after collapsing white space (case-sensitive), or by Object ID
//! (case-insensitive, with or without `id-` or braces). Nothing is matched silently. Names that
//! do not resolve get suggestions the way people name components: by a known alias (`e-Depot`,
//! `BRP`), an abbreviation in GEMMA's own name (`GGK`), the name's initials (`VTH`), the words
//! it contains, and only then by similar spelling.

use foldhash::HashMap;
use std::collections::BTreeSet;

use crate::text::{Suggester, normalize_name};

/// How a written GEMMA reference resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    Found(usize),
    /// The name belongs to several elements.
    Ambiguous(Vec<usize>),
    /// Right but for its case: the element, whose name is the right spelling.
    WrongCase(usize),
    /// No such name or Object ID ([`NameIndex::suggest`] gives the closest names).
    Unknown,
}

/// A GUID in its canonical form (lowercase, no `id-`, no braces), if the text is one.
pub fn normalize_guid(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t
        .strip_prefix("id-")
        .or_else(|| t.strip_prefix("ID-"))
        .unwrap_or(t);
    let t = t
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_lowercase();
    let groups: Vec<&str> = t.split('-').collect();
    let shape_ok = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n)
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()));
    shape_ok.then_some(t)
}

/// Names and Object IDs of one list of GEMMA elements.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    by_name: HashMap<String, Vec<usize>>,
    by_lowercase: HashMap<String, Vec<usize>>,
    by_guid: HashMap<String, usize>,
    names: Vec<String>,
    suggester: Suggester,
    /// Aliases, abbreviations and initials (lowercase) → the elements they name.
    short: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    pub fn new<'a>(entries: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut index = NameIndex::default();
        for (i, (name, guid)) in entries.enumerate() {
            let name = normalize_name(name).into_owned();
            index.by_name.entry(name.clone()).or_default().push(i);
            index
                .by_lowercase
                .entry(name.to_lowercase())
                .or_default()
                .push(i);
            if let Some(guid) = normalize_guid(guid) {
                index.by_guid.insert(guid, i);
            }
            index.names.push(name);
        }
        index.suggester = Suggester::new(index.names.iter().map(String::as_str));
        let abbreviations: Vec<(String, usize)> = index
            .names
            .iter()
            .enumerate()
            .flat_map(|(i, name)| abbreviations(name).into_iter().map(move |a| (a, i)))
            .collect();
        for (a, i) in abbreviations {
            index.add_short(&a, i);
        }
        index
    }

    /// Another name for elements of this index (an alias from `models/gemma-aliases.yaml`, a
    /// basisregistratie's code); names it does not know are left out.
    pub fn add_alias(&mut self, alias: &str, names: &[String]) {
        let found: Vec<usize> = names
            .iter()
            .filter_map(|n| self.by_name.get(normalize_name(n).as_ref()))
            .flatten()
            .copied()
            .collect();
        for i in found {
            self.add_short(alias, i);
        }
    }

    fn add_short(&mut self, short: &str, i: usize) {
        let list = self.short.entry(short.to_lowercase()).or_default();
        if !list.contains(&i) {
            list.push(i);
        }
    }

    /// Elements by what people write for them: a known short name, or a name holding every
    /// word written (at least three letters each, `component` aside). Empty when neither finds any.
    fn by_words(&self, text: &str) -> Vec<usize> {
        let lower = normalize_name(text).to_lowercase();
        let stem = strip_component(&lower);
        for key in [lower.as_str(), stem] {
            if let Some(found) = self.short.get(key) {
                return found.clone();
            }
        }
        let words: Vec<&str> = stem
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && *w != "component")
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        // A short word must begin a word of the name (`gis` is not in `strategische`); a longer
        // one may sit inside a compound (`registratie` in `zaakregistratiecomponent`).
        let mut found: Vec<usize> = (0..self.names.len())
            .filter(|&i| {
                let name = self.names[i].to_lowercase();
                words.iter().all(|w| {
                    if w.chars().count() >= 5 {
                        name.contains(w)
                    } else {
                        name.split(|c: char| !c.is_alphanumeric())
                            .any(|part| part.starts_with(w))
                    }
                })
            })
            .collect();
        // The closest spelling first.
        found.sort_by(|&a, &b| {
            let score = |i: usize| crate::text::alike(&lower, &self.names[i].to_lowercase());
            score(b)
                .total_cmp(&score(a))
                .then_with(|| self.names[a].cmp(&self.names[b]))
        });
        found
    }

    /// Elements whose name, Object ID, abbreviation or alias matches a search text, best first:
    /// for `gemmalint gemma`.
    pub fn search(&self, text: &str) -> Vec<usize> {
        let found = self.search_named(text);
        if found.is_empty() {
            self.search_close(text)
        } else {
            found
        }
    }

    /// The names a text names: by Object ID, whole name, abbreviation, or the words in it.
    pub fn search_named(&self, text: &str) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::new();
        if let Some(guid) = normalize_guid(text) {
            found.extend(self.by_guid.get(&guid));
            return found;
        }
        if let Some(exact) = self.by_lowercase.get(&normalize_name(text).to_lowercase()) {
            found.extend(exact);
        }
        for i in self.by_words(text) {
            if !found.contains(&i) {
                found.push(i);
            }
        }
        found
    }

    /// The names spelt most like the text (for when nothing is named by it).
    pub fn search_close(&self, text: &str) -> Vec<usize> {
        let close: BTreeSet<&str> = self.suggester.closest(text, 5).into_iter().collect();
        self.names
            .iter()
            .enumerate()
            .filter(|(_, n)| close.contains(n.as_str()))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn resolve(&self, text: &str) -> Resolution {
        if let Some(guid) = normalize_guid(text) {
            return match self.by_guid.get(&guid) {
                Some(&i) => Resolution::Found(i),
                None => Resolution::Unknown,
            };
        }
        let name = normalize_name(text);
        match self.by_name.get(name.as_ref()).map(Vec::as_slice) {
            Some([one]) => return Resolution::Found(*one),
            Some(many) if !many.is_empty() => return Resolution::Ambiguous(many.to_vec()),
            _ => {}
        }
        if let Some(&first) = self
            .by_lowercase
            .get(&name.to_lowercase())
            .and_then(|v| v.first())
        {
            return Resolution::WrongCase(first);
        }
        Resolution::Unknown
    }

    /// The closest names to one that did not resolve (none for an unknown Object ID): by alias,
    /// abbreviation, initials or words first, else by spelling.
    pub fn suggest(&self, text: &str) -> Vec<String> {
        if normalize_guid(text).is_some() {
            return Vec::new();
        }
        let mut names: Vec<String> = Vec::new();
        for i in self.by_words(text) {
            let name = &self.names[i];
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        if names.is_empty() {
            names = self
                .suggester
                .closest(&normalize_name(text), 3)
                .into_iter()
                .map(str::to_owned)
                .collect();
        }
        names.truncate(3);
        names
    }

    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }
}

/// `vth-component` → `vth`: what is left when the word "component" is taken off the end.
fn strip_component(lower: &str) -> &str {
    let stem = lower
        .strip_suffix("component")
        .unwrap_or(lower)
        .trim_end_matches(|c: char| c == '-' || c.is_whitespace());
    if stem.is_empty() { lower } else { stem }
}

/// The short names a GEMMA name gives itself: the part before " - " when it is one word
/// (`GGK - Gemeentelijk Gegevensknooppunt`, `LV-BAG - …`), and the initials of its capitalised
/// words when there are at least two (`Vergunning- Toezicht- en Handhavingcomponent` → `VTH`).
fn abbreviations(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((head, _)) = name.split_once(" - ").or_else(|| name.split_once("- "))
        && !head.trim().contains(' ')
        && head.chars().any(char::is_uppercase)
    {
        out.push(head.trim().to_owned());
    }
    if let Some((_, rest)) = name.split_once('(')
        && let Some((inner, _)) = rest.split_once(')')
        && !inner.contains(' ')
        && inner.chars().filter(|c| c.is_uppercase()).count() >= 2
    {
        out.push(inner.to_owned());
    }
    let initials: String = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    if initials.chars().count() >= 2 {
        out.push(initials);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_names_and_guids() {
        let index = NameIndex::new(
            [
                (
                    "Zaakregistratiecomponent",
                    "3E2F0000-0000-0000-0000-000000000001",
                ),
                ("Pand", "00000000-0000-0000-0000-000000000002"),
                ("Pand", "00000000-0000-0000-0000-000000000003"),
            ]
            .into_iter(),
        );
        assert_eq!(
            index.resolve(" Zaakregistratiecomponent "),
            Resolution::Found(0)
        );
        assert_eq!(
            index.resolve("id-3e2f0000-0000-0000-0000-000000000001"),
            Resolution::Found(0)
        );
        assert_eq!(
            index.resolve("{3E2F0000-0000-0000-0000-000000000001}"),
            Resolution::Found(0)
        );
        assert_eq!(
            index.resolve("zaakregistratiecomponent"),
            Resolution::WrongCase(0)
        );
        assert_eq!(index.resolve("Pand"), Resolution::Ambiguous(vec![1, 2]));
        assert_eq!(
            index.resolve("Zaakregistratie component"),
            Resolution::Unknown
        );
        assert_eq!(
            index.suggest("Zaakregistratie component"),
            vec!["Zaakregistratiecomponent".to_owned()]
        );
    }

    #[test]
    fn finds_elements_by_abbreviation_initials_alias_and_words() {
        let mut index = NameIndex::new(
            [
                ("Vergunning- Toezicht- en Handhavingcomponent", ""),
                ("GGK - Gemeentelijk Gegevensknooppunt", ""),
                ("Klantinteractie- en Relatiebeheer (CRM)", ""),
                ("Strategische informatiecomponent", ""),
                ("Geo-informatiecomponent", ""),
            ]
            .into_iter(),
        );
        index.add_alias("GIS", &["Geo-informatiecomponent".to_owned()]);
        index.add_alias("onbekend", &["Bestaat niet".to_owned()]);
        let first = |text: &str| {
            index
                .search(text)
                .first()
                .map(|&i| index.name(i).to_owned())
        };
        assert_eq!(
            first("VTH-component").as_deref(),
            Some("Vergunning- Toezicht- en Handhavingcomponent")
        );
        assert_eq!(
            first("ggk").as_deref(),
            Some("GGK - Gemeentelijk Gegevensknooppunt")
        );
        assert_eq!(
            first("CRM").as_deref(),
            Some("Klantinteractie- en Relatiebeheer (CRM)")
        );
        // An alias, and a short word that does not match inside `strategische`.
        assert_eq!(index.search("GIS"), vec![4]);
        assert_eq!(
            index.suggest("handhaving"),
            vec!["Vergunning- Toezicht- en Handhavingcomponent".to_owned()]
        );
        // An alias for a name the index lacks adds nothing.
        assert!(!index.short.contains_key("onbekend"));
        // An Object ID that is not known suggests nothing.
        assert!(
            index
                .suggest("{00000000-0000-0000-0000-00000000dead}")
                .is_empty()
        );
    }
}
