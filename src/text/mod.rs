//! The lowest layer: files as text, places in them, problems about them, and the few text
//! helpers every layer shares (suggestions for unknown names, making model text safe to show).

mod clean;
mod order;
mod problem;
mod source;
mod span;
mod suggest;
pub mod timings;

pub use clean::{clean, is_unsafe, mask, normalize_name, shorten, xml_safe};
pub use order::permute;
pub use problem::{Problem, Related};
pub use source::{Language, SourceFile, Sources, Unreadable, read_file};
pub use span::{FileId, Loc, Span};
pub use suggest::{
    Suggester, alike, at_most, closest, did_you_mean, one_of, quoted_all, quoted_list, suggestion,
};
