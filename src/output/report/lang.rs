//! The words of the reports in Dutch and English (`templates/report/words.toml`): headings,
//! labels and the words for statuses and derivations. Model text and quotes are never
//! translated.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::figures::Lang;

const WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/templates/report/words.toml"
));

type Words = BTreeMap<String, BTreeMap<String, String>>;

fn all() -> &'static Words {
    static ALL: OnceLock<Words> = OnceLock::new();
    ALL.get_or_init(|| toml::from_str(WORDS).expect("templates/report/words.toml is valid TOML"))
}

/// Every word of a language, by key.
pub fn words(lang: Lang) -> BTreeMap<String, String> {
    all().get(lang.as_str()).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_word() {
        let nl = words(Lang::Nl);
        let en = words(Lang::En);
        assert!(nl.len() > 50, "{}", nl.len());
        let missing_en: Vec<&String> = nl.keys().filter(|k| !en.contains_key(*k)).collect();
        let missing_nl: Vec<&String> = en.keys().filter(|k| !nl.contains_key(*k)).collect();
        assert!(missing_en.is_empty(), "no English for {missing_en:?}");
        assert!(missing_nl.is_empty(), "no Dutch for {missing_nl:?}");
        for (k, v) in nl.iter().chain(&en) {
            assert!(!v.trim().is_empty(), "{k} is empty");
        }
    }
}
