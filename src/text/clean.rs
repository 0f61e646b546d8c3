//! Model text is data: it never reaches a terminal, a CI log or a report raw. One place decides
//! which characters are unsafe, for every output.

/// Control characters (but line feed and tab) and bidirectional overrides: they could move the
/// cursor, recolour a terminal or reorder what a reader sees.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The text with every unsafe character written as an escape (`\u{1b}`).
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

/// A whole file for a snippet: unsafe characters replaced by `?` of the same byte length, so
/// spans stay right. A carriage return before a line feed stays (miette reads `\r\n` as one
/// break). `None` when nothing needs replacing.
pub fn mask(text: &str) -> Option<String> {
    let masked = |c: char| is_unsafe(c) && c != '\r';
    if !text.chars().any(masked) {
        return None;
    }
    Some(
        text.chars()
            .map(|c| {
                if masked(c) {
                    "?".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Collapses runs of white space into one space and trims.
pub fn normalize_name(text: &str) -> std::borrow::Cow<'_, str> {
    let tidy = !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !text.contains(|c: char| c.is_whitespace() && c != ' ')
        && !text.contains("  ");
    if tidy {
        text.into()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ").into()
    }
}

/// Long values are cut in messages; the snippet shows them whole.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("plain ✓"), "plain ✓");
        assert_eq!(mask("a\u{1b}b\r\n").as_deref(), Some("a?b\r\n"));
        assert_eq!(mask("plain\r\n"), None);
    }
}
