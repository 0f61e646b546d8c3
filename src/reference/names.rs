//! Looking up GEMMA names: exact after collapsing white space (case-sensitive), or by Object ID
//! (case-insensitive, with or without `id-` or braces). Nothing is matched silently.

use std::collections::HashMap;

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
#[derive(Debug, Default)]
pub struct NameIndex {
    by_name: HashMap<String, Vec<usize>>,
    by_lowercase: HashMap<String, Vec<usize>>,
    by_guid: HashMap<String, usize>,
    names: Vec<String>,
    suggester: Suggester,
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
        index
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

    /// The closest names to one that did not resolve (none for an unknown Object ID).
    pub fn suggest(&self, text: &str) -> Vec<String> {
        if normalize_guid(text).is_some() {
            return Vec::new();
        }
        self.suggester
            .closest(&normalize_name(text), 3)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }
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
}
