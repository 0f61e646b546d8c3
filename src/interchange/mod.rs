//! Bringing a landscape in from what a municipality already has — an ArchiMate model (Archi,
//! an exchange file) or a GEMMA Softwarecatalogus export — and taking it out again as an
//! exchange file. Importers build a [`landscape::Landscape`], which becomes model YAML with
//! stable ids, and a [`summary::Summary`] of everything they did and left out.

pub mod archimate;
pub mod fields;
pub mod landscape;
pub mod softwarecatalogus;
pub mod summary;

use crate::model::Kind;

/// The kinds an import writes and an export reads, in the order of their files.
pub const KINDS: [Kind; 5] = [
    Kind::Owner,
    Kind::BusinessFunction,
    Kind::Application,
    Kind::Interface,
    Kind::DataObject,
];

/// The SHA-256 of a source file, in hex: the written files name it, so a later import can
/// tell whether the source changed.
pub fn sha256(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Reference;
    use crate::text::{FileId, Language, SourceFile};

    /// Every prefix of a fixture (a file cut off anywhere): a problem or a landscape, never a
    /// panic, and whatever is written has valid ids.
    #[test]
    fn cut_off_files_never_panic() {
        let reference = Reference::builtin();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/");
        for name in ["exchange-3.0.xml", "oostdorp.archimate", "applicaties.csv"] {
            let text = std::fs::read_to_string(format!("{dir}{name}")).unwrap();
            let cuts = (0..text.len())
                .step_by(5)
                .filter(|&i| text.is_char_boundary(i));
            for cut in cuts {
                let source = SourceFile::new(name.into(), text[..cut].to_owned(), Language::Other);
                let landscape = if name.ends_with(".csv") {
                    softwarecatalogus::import(FileId(0), &source, &reference, "")
                        .ok()
                        .map(|(l, _)| l)
                } else {
                    archimate::read::parse(FileId(0), &source)
                        .ok()
                        .map(|p| archimate::map(&p, &source, &reference, "").0)
                };
                if let Some(l) = landscape {
                    let ids = landscape::assign_ids(&l, &landscape::Existing::default());
                    assert!(
                        ids.iter().all(|a| crate::syntax::is_id(&a.id)),
                        "{name} cut at {cut}"
                    );
                }
            }
        }
    }
}
