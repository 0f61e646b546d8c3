//! The outputs layer. Library code returns data; only this module and `main.rs` turn it into
//! text, and every text from the input goes through [`crate::text::clean`] on the way.

pub(crate) mod ci;
pub(crate) mod gemma;
pub(crate) mod github;
pub(crate) mod gitlab;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod markdown;
pub mod picture;
pub mod report;
pub mod rules;
pub(crate) mod sarif;
pub(crate) mod schema;
pub(crate) mod software;
pub(crate) mod standards;
pub(crate) mod stream;
pub(crate) mod timings;

pub use crate::text::clean;
pub use crate::verdict::Summary;

use crate::text::{Loc, Sources};

/// "1 error", "3 errors": a count with its noun.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// File, line and column of a place, as every format reports them (1-based, columns in
/// Unicode scalar values).
pub fn position(sources: &Sources, loc: Loc) -> (String, usize, usize) {
    let file = sources.get(loc.file);
    let (line, column) = file.line_col(loc.span.start as usize);
    (file.path.clone(), line, column)
}
