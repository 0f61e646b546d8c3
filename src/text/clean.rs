//! Model text is data: it never reaches a terminal, a CI log or a report raw. One place decides
//! which characters are unsafe, for every output.

/// Control characters (but line feed and tab), bidirectional overrides, and characters that
/// show nothing (zero-width spaces and joiners, the word joiner, a byte order mark, a soft
/// hyphen): they could move the cursor, recolour a terminal, reorder what a reader sees, or
/// make two different keys look the same.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2060}'..='\u{2064}'
                | '\u{feff}'
                | '\u{ad}'
        )
}

/// Whether the text holds an unsafe character. Printable ASCII, line feed and tab are safe, and
/// most text is only that: those bytes are passed over without decoding characters.
fn has_unsafe(text: &str) -> bool {
    let plain = |b: &u8| matches!(b, b' '..=b'~' | b'\n' | b'\t');
    match text.bytes().position(|b| !plain(&b)) {
        None => false,
        // A character starts at a byte that is not plain ASCII: decode from there.
        Some(at) => text[at..].chars().any(is_unsafe),
    }
}

/// The text with every unsafe character written as an escape (`\u{1b}`).
pub fn clean(text: &str) -> String {
    if !has_unsafe(text) {
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
/// break); a lone one becomes a line feed, the line break YAML reads it as, so it never reaches
/// the terminal raw. `None` when nothing needs replacing.
pub fn mask(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let lone_cr = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    // A byte order mark that starts the file is no trick: it stays, as editors keep it.
    let masked = |i: usize, c: char| {
        is_unsafe(c) && (c != '\r' || lone_cr(i)) && !(i == 0 && c == '\u{feff}')
    };
    let needs = text.char_indices().any(|(i, c)| masked(i, c));
    if !needs {
        return None;
    }
    Some(
        text.char_indices()
            .map(|(i, c)| match c {
                '\r' if lone_cr(i) => "\n".to_owned(),
                c if masked(i, c) => "?".repeat(c.len_utf8()),
                c => c.to_string(),
            })
            .collect(),
    )
}

/// Text that XML 1.0 can hold: the characters it forbids (controls other than tab, line feed
/// and carriage return, U+FFFE, U+FFFF) become U+FFFD. Every XML output goes through it.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let forbidden = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if !text.contains(forbidden) {
        return text.into();
    }
    text.chars()
        .map(|c| if forbidden(c) { '\u{fffd}' } else { c })
        .collect::<String>()
        .into()
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
        assert_eq!(mask("a\rb").as_deref(), Some("a\nb"));
        assert_eq!(xml_safe("a\u{fffe}b\u{1}\tc"), "a\u{fffd}b\u{fffd}\tc");
        assert_eq!(mask("plain\r\n"), None);
    }

    #[test]
    fn unsafe_characters_are_found_after_plain_and_other_text() {
        assert!(!has_unsafe("tab\tand\nline feed, ~ and space"));
        assert!(has_unsafe("delete\u{7f}"));
        assert!(has_unsafe("Zaakgeg\u{e9}vens\u{200b}"));
        assert!(!has_unsafe("Financi\u{eb}le administratie \u{2713}"));
        assert_eq!(clean("\u{eb}\u{202e}x"), "\u{eb}\\u{202e}x");
    }

    proptest::proptest! {
        #[test]
        fn the_plain_text_shortcut_finds_what_every_character_finds(text in "\\PC*|[\\x00-\\x7f\u{ad}\u{200b}\u{202e}\u{feff}é]*") {
            proptest::prop_assert_eq!(has_unsafe(&text), text.chars().any(is_unsafe));
        }
    }
}
