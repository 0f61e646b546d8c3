//! Bringing a landscape in from what a municipality already has — an ArchiMate model (Archi,
//! an exchange file) or a GEMMA Softwarecatalogus export — and taking it out again as an
//! exchange file. Importers build a [`landscape::Landscape`], which becomes model YAML with
//! stable ids, and a [`summary::Summary`] of everything they did and left out.

pub mod archimate;
pub mod fields;
pub mod landscape;
pub mod softwarecatalogus;
pub mod summary;

/// The SHA-256 of a source file, in hex: the written files name it, so a later import can
/// tell whether the source changed.
pub fn sha256(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
