//! Output formats. Library code returns data; only this module and `main.rs` turn it into text.

pub mod ci;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod rules;
pub mod sarif;
pub mod standards;

use crate::finding::{Finding, Severity};
use crate::source::{Loc, Sources};

/// Counts for the closing summary and the JSON contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub waived: usize,
    pub baselined: usize,
    pub baseline_stale: usize,
    pub problems: usize,
}

impl Summary {
    pub fn of(findings: &[Finding], problems: usize) -> Summary {
        let mut s = Summary {
            problems,
            ..Summary::default()
        };
        for f in findings {
            if f.waived_by.is_some() {
                s.waived += 1;
            } else if f.baselined {
                s.baselined += 1;
            } else {
                match f.severity {
                    Severity::Error => s.error += 1,
                    Severity::Warning => s.warning += 1,
                    Severity::Info => s.info += 1,
                }
            }
        }
        s
    }
}

/// File, line and column of a place, as every format reports them (1-based, columns in
/// Unicode scalar values).
pub fn position(sources: &Sources, loc: Loc) -> (String, usize, usize) {
    let file = sources.get(loc.file);
    let (line, column) = file.line_col(loc.span.start as usize);
    (file.path.clone(), line, column)
}

/// Model text is data: control characters (and bidirectional overrides) never reach a terminal raw.
pub fn clean(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_unsafe(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("plain ✓"), "plain ✓");
    }
}
