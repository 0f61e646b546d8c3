//! The YAML that landscape files are written in, read without the general parser: block
//! mappings and sequences of one-line values (plain, quoted without escapes, and flow
//! collections on one line), block scalars (`description: >`) as mapping values, and comments.
//! That is nearly every model file, and reading it here is several times faster than through
//! the parser's event stream, which was most of a large landscape's time.
//!
//! The rule that keeps this safe: the tree is the one the parser's events build, byte for
//! byte and span for span, or there is none. At the first thing outside that subset — an
//! anchor, a tag, a kept or indented block scalar, an escape, a plain value over several lines,
//! a tab, anything the parser would reject — it gives up and the file is read by the parser. Tests compare the two
//! on every fixture and on generated text.

use super::{Node, Value, plain};
use crate::text::Span;

/// Reads `text` if it lies wholly within the subset; `None` leaves it to the parser.
pub(super) fn parse(text: &str, max_depth: usize) -> Option<Node> {
    if !printable(text) {
        return None;
    }
    let reader = Reader {
        text,
        b: text.as_bytes(),
        max_depth,
    };
    let first = reader.content_line(0)??;
    let (node, next) = reader.block(first, 0)?;
    // The root must be all there is.
    next.is_none().then_some(node)
}

/// No tab, carriage return or other control character, no byte order mark, and nothing YAML
/// counts as non-printable or as a line break of its own.
fn printable(text: &str) -> bool {
    let ascii_ok = |b: u8| b == b'\n' || (0x20..0x7f).contains(&b);
    if text.bytes().all(ascii_ok) {
        return true;
    }
    text.chars().all(|c| match c {
        c if c.is_ascii() => ascii_ok(c as u8),
        '\u{A0}'..='\u{2027}' | '\u{202A}'..='\u{D7FF}' => true,
        '\u{E000}'..='\u{FFFD}' => c != '\u{FEFF}',
        c => c >= '\u{10000}',
    })
}

/// A line with content: where it starts, how far it is indented, and where it ends (its
/// newline, or the end of the text).
#[derive(Clone, Copy)]
struct Line {
    indent: usize,
    content: usize,
    end: usize,
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    max_depth: usize,
}

/// A node and the next line with content after it (`None` at the end of the text).
type Read = (Node, Option<Line>);

impl Reader<'_> {
    /// The first line at or after `from` (a line start) that holds more than spaces or a
    /// comment. A document marker or directive gives up.
    fn content_line(&self, mut from: usize) -> Option<Option<Line>> {
        let b = self.b;
        while from < b.len() {
            let end = memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |i| from + i);
            let line = &b[from..end];
            let indent = line.iter().take_while(|&&c| c == b' ').count();
            if indent < line.len() && line[indent] != b'#' {
                if indent == 0
                    && (line.starts_with(b"---") || line.starts_with(b"...") || line[0] == b'%')
                {
                    return None;
                }
                return Some(Some(Line {
                    indent,
                    content: from + indent,
                    end,
                }));
            }
            from = end + 1;
        }
        Some(None)
    }

    /// The line after `line`.
    fn after(&self, line: Line) -> Option<Option<Line>> {
        self.content_line(line.end + 1)
    }

    fn is_entry(&self, line: Line) -> bool {
        self.b[line.content] == b'-' && self.space_or_end(line.content + 1)
    }

    /// Whether `i` is a space, a newline or the end of the text.
    fn space_or_end(&self, i: usize) -> bool {
        self.b.get(i).is_none_or(|&c| c == b' ' || c == b'\n')
    }

    /// The block collection that starts at `line`, at its indentation.
    fn block(&self, line: Line, depth: usize) -> Option<Read> {
        if depth + 1 >= self.max_depth {
            return None;
        }
        if self.is_entry(line) {
            self.sequence(line, depth, false)
        } else {
            self.mapping(line, depth)
        }
    }

    fn mapping(&self, first: Line, depth: usize) -> Option<Read> {
        let n = first.indent;
        let mut entries = Vec::new();
        let mut line = Some(first);
        while let Some(l) = line {
            if l.indent < n {
                break;
            }
            if l.indent > n {
                return None;
            }
            let (key, colon) = self.key(l)?;
            let at = self.skip_spaces(colon + 1, l.end);
            let (value, next) = if self.ends_line(at, l.end) {
                match self.after(l)? {
                    Some(m) if m.indent > n => self.block(m, depth + 1)?,
                    Some(m) if m.indent == n && self.is_entry(m) => {
                        if depth + 2 >= self.max_depth {
                            return None;
                        }
                        self.sequence(m, depth + 1, true)?
                    }
                    next => (null(colon), next),
                }
            } else if matches!(self.b[at], b'|' | b'>') {
                self.block_scalar(l, at)?
            } else {
                let (value, end) = self.inline(at, l.end, depth + 1)?;
                if !self.ends_line(self.skip_spaces(end, l.end), l.end) {
                    return None;
                }
                (value, self.after(l)?)
            };
            entries.push((key, value));
            line = next;
        }
        let span = Span::new(first.content, 0);
        Some((
            Node {
                span,
                value: Value::Map(entries),
            },
            line,
        ))
    }

    /// A block scalar (`|` literal, `>` folded) as a mapping's value, whose header is at `at` on
    /// line `l`: clipped (`|`, `>`) or stripped (`|-`, `>-`), its indentation that of its first
    /// line. Left to the parser: a kept one (`+`), an indentation indicator, blank lines before
    /// its first line or holding only spaces, and a folded one with blank or more-indented
    /// lines, or lines ending in spaces (where folding has rules of its own).
    fn block_scalar(&self, l: Line, at: usize) -> Option<Read> {
        let b = self.b;
        let literal = b[at] == b'|';
        let mut i = at + 1;
        let strip = i < l.end && b[i] == b'-';
        if strip {
            i += 1;
        }
        if !self.ends_line(self.skip_spaces(i, l.end), l.end) || (i < l.end && b[i] != b' ') {
            return None;
        }
        // The lines of the scalar: from the first (which sets the indentation) to the first
        // line with text that is indented less.
        let mut lines: Vec<&str> = Vec::new();
        let mut indent = None;
        let mut start = None;
        let mut from = l.end + 1;
        let mut next = None;
        while from < b.len() {
            let end = memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |k| from + k);
            let line = &b[from..end];
            let spaces = line.iter().take_while(|&&c| c == b' ').count();
            if line.is_empty() {
                indent?;
                lines.push("");
            } else if spaces == line.len() {
                return None;
            } else {
                match indent {
                    None if spaces <= l.indent => return None,
                    None => {
                        indent = Some(spaces);
                        start = Some(from + spaces);
                    }
                    Some(n) if spaces < n => {
                        next = Some(Line {
                            indent: spaces,
                            content: from + spaces,
                            end,
                        });
                        break;
                    }
                    Some(_) => {}
                }
                let n = indent.expect("set by the first line");
                if !literal && (spaces > n || line.ends_with(b" ")) {
                    return None;
                }
                lines.push(&self.text[from + n..end]);
            }
            from = end + 1;
        }
        let start = start?;
        // The scalar's place ends where the next text starts (or at the end of the file).
        let stop = next.map_or(b.len(), |n| n.content);
        if let Some(n) = next
            && b[n.content] == b'#'
        {
            return None;
        }
        // Blank lines after the last one are chomped: clipped to one line break, or stripped.
        while lines.last() == Some(&"") {
            lines.pop();
        }
        if !literal && lines.contains(&"") {
            return None;
        }
        let mut text = lines.join(if literal { "\n" } else { " " });
        if !strip {
            text.push('\n');
        }
        let node = Node {
            span: Span::new(start, stop - start),
            value: Value::Str(text),
        };
        Some((node, next))
    }

    /// A block sequence of one-line items. An indentless one (`key:` then `- x` at the key's
    /// own indentation) ends at the next line that is no entry.
    fn sequence(&self, first: Line, depth: usize, indentless: bool) -> Option<Read> {
        let n = first.indent;
        let mut items = Vec::new();
        let mut line = Some(first);
        while let Some(l) = line {
            if l.indent < n {
                break;
            }
            if l.indent > n {
                return None;
            }
            if !self.is_entry(l) {
                if indentless {
                    break;
                }
                return None;
            }
            let at = l.content + 1;
            if at >= l.end || self.b[at] != b' ' {
                return None;
            }
            let at = self.skip_spaces(at, l.end);
            if self.ends_line(at, l.end) || self.is_entry_at(at) {
                return None;
            }
            let (item, end) = self.inline(at, l.end, depth + 1)?;
            if !self.ends_line(self.skip_spaces(end, l.end), l.end) {
                return None;
            }
            items.push(item);
            line = self.after(l)?;
        }
        // An indentless sequence starts where its first item does, an indented one at its
        // first `-` (as the parser's events place them).
        let start = match (indentless, items.first()) {
            (true, Some(item)) => item.span.start as usize,
            _ => first.content,
        };
        Some((
            Node {
                span: Span::new(start, 0),
                value: Value::Seq(items),
            },
            line,
        ))
    }

    fn is_entry_at(&self, i: usize) -> bool {
        self.b[i] == b'-' && self.space_or_end(i + 1)
    }

    /// A key and the position of its `:`.
    fn key(&self, l: Line) -> Option<(Node, usize)> {
        let b = self.b;
        let start = l.content;
        let (key, end) = match b[start] {
            b'"' | b'\'' => self.quoted(start, l.end)?,
            c if indicator(c) => return None,
            _ => {
                // Up to the `:` that a space or the line's end follows.
                let mut i = start;
                loop {
                    if i >= l.end {
                        return None;
                    }
                    match b[i] {
                        b':' if self.space_or_end(i + 1) => break,
                        b'#' if b[i - 1] == b' ' => return None,
                        _ => i += 1,
                    }
                }
                let end = trim_end(b, start, i);
                (self.plain(start, end), end)
            }
        };
        // The parser takes a key of at most 1024 characters.
        if end - start > 1024 {
            return None;
        }
        let colon = self.skip_spaces(end, l.end);
        (colon < l.end && b[colon] == b':' && self.space_or_end(colon + 1)).then_some((key, colon))
    }

    /// A value on one line: a flow collection, a quoted or a plain scalar; and where it ends.
    fn inline(&self, at: usize, end: usize, depth: usize) -> Option<(Node, usize)> {
        match self.b[at] {
            b'[' | b'{' => self.flow(at, end, depth),
            b'"' | b'\'' => self.quoted(at, end),
            c if indicator(c) => None,
            _ => {
                let b = self.b;
                let mut i = at;
                while i < end {
                    match b[i] {
                        // A `: ` in a value is a mapping where none may start.
                        b':' if self.space_or_end(i + 1) => return None,
                        b'#' if b[i - 1] == b' ' => break,
                        _ => i += 1,
                    }
                }
                let stop = trim_end(b, at, i);
                Some((self.plain(at, stop), stop))
            }
        }
    }

    /// A flow sequence or mapping that closes on its own line.
    fn flow(&self, at: usize, end: usize, depth: usize) -> Option<(Node, usize)> {
        if depth + 1 >= self.max_depth {
            return None;
        }
        let b = self.b;
        let is_map = b[at] == b'{';
        let close = if is_map { b'}' } else { b']' };
        let mut seq = Vec::new();
        let mut map = Vec::new();
        let mut i = self.skip_spaces(at + 1, end);
        if i < end && b[i] == close {
            i += 1;
        } else {
            loop {
                let (item, after) = self.flow_item(i, end, depth + 1)?;
                i = self.skip_spaces(after, end);
                if is_map {
                    if i + 1 >= end || b[i] != b':' || b[i + 1] != b' ' {
                        return None;
                    }
                    i = self.skip_spaces(i + 1, end);
                    let (value, after) = self.flow_item(i, end, depth + 1)?;
                    map.push((item, value));
                    i = self.skip_spaces(after, end);
                } else {
                    seq.push(item);
                }
                match b.get(i) {
                    Some(b',') if i < end => {
                        i = self.skip_spaces(i + 1, end);
                        // A trailing comma is left to the parser.
                        if i >= end || b[i] == close {
                            return None;
                        }
                    }
                    Some(&c) if c == close && i < end => {
                        i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        let value = if is_map {
            Value::Map(map)
        } else {
            Value::Seq(seq)
        };
        Some((
            Node {
                span: Span::new(at, 1),
                value,
            },
            i,
        ))
    }

    /// A value inside a flow collection.
    fn flow_item(&self, at: usize, end: usize, depth: usize) -> Option<(Node, usize)> {
        if at >= end {
            return None;
        }
        let b = self.b;
        match b[at] {
            b'[' | b'{' => self.flow(at, end, depth),
            b'"' | b'\'' => self.quoted(at, end),
            c if indicator(c) => None,
            _ => {
                let mut i = at;
                while i < end {
                    match b[i] {
                        b',' | b'[' | b']' | b'{' | b'}' => break,
                        b':' if i + 1 >= end
                            || matches!(b[i + 1], b' ' | b',' | b'[' | b']' | b'{' | b'}') =>
                        {
                            break;
                        }
                        b'#' if b[i - 1] == b' ' => return None,
                        _ => i += 1,
                    }
                }
                let stop = trim_end(b, at, i);
                Some((self.plain(at, stop), stop))
            }
        }
    }

    /// A quoted scalar on one line, without escapes (`''` in single quotes is one quote).
    fn quoted(&self, at: usize, end: usize) -> Option<(Node, usize)> {
        let b = self.b;
        let quote = b[at];
        let mut i = at + 1;
        let mut doubled = false;
        loop {
            if i >= end {
                return None;
            }
            match b[i] {
                b'\\' if quote == b'"' => return None,
                c if c == quote => {
                    if quote == b'\'' && b.get(i + 1) == Some(&b'\'') && i + 1 < end {
                        doubled = true;
                        i += 2;
                        continue;
                    }
                    break;
                }
                _ => i += 1,
            }
        }
        let inner = &self.text[at + 1..i];
        let text = if doubled {
            inner.replace("''", "'")
        } else {
            inner.to_owned()
        };
        let node = Node {
            span: Span::new(at, i + 1 - at),
            value: Value::Str(text),
        };
        Some((node, i + 1))
    }

    fn plain(&self, start: usize, end: usize) -> Node {
        Node {
            span: Span::new(start, end - start),
            value: plain(&self.text[start..end]),
        }
    }

    fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.b[i] == b' ' {
            i += 1;
        }
        i
    }

    /// Whether the line ends at `i`, or only a comment follows (after a space).
    fn ends_line(&self, i: usize, end: usize) -> bool {
        i >= end || (self.b[i] == b'#' && self.b[i - 1] == b' ')
    }
}

/// An empty value, where the parser's event places it: at the key's `:`.
fn null(colon: usize) -> Node {
    Node {
        span: Span::new(colon, 0),
        value: Value::Null,
    }
}

/// A character that cannot start a plain scalar here (or that this reader leaves to the
/// parser when it does: `-`, `?` and `:` followed by text are plain, but rare in a model).
fn indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

fn trim_end(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && b[end - 1] == b' ' {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{Builder, MAX_DEPTH};
    use super::*;

    /// The fast reading is the parser's tree, or none.
    fn agrees(text: &str) -> bool {
        let Some(fast) = parse(text, MAX_DEPTH) else {
            return false;
        };
        let parsed = Builder::new(text, MAX_DEPTH).build();
        assert_eq!(Ok(&fast), parsed.as_ref(), "{text:?}");
        true
    }

    fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn reads_every_fixture_as_the_parser_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["tests", "examples", "models", "templates"] {
            yaml_files(&root.join(dir), &mut files);
        }
        let mut read = 0;
        for file in &files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            read += usize::from(agrees(&text));
        }
        // Most model files lie within the subset; a change that reads none would pass the
        // comparison above without testing anything.
        assert!(
            files.len() > 100 && read * 2 > files.len(),
            "{read} of {} files read",
            files.len()
        );
    }

    #[test]
    fn reads_the_common_shapes_and_leaves_the_rest() {
        for text in [
            "a: 1\nb:\n  c: x\n  d: [p, q]\ne: {f: g, h: 'i'}\nk:\n- l\n- m\nn:\no: \"p\" # c\n",
            "# c\n\napps:\n  x:\n    name: A   \n    list:\n      - a\n      - [b]\n    empty:\n",
            "a:\n",
            "- a\n- b\n",
            "a: []\nb: {}\nc: ''\nd: 'it''s'\ne: \"\"\n",
            "a:   # nothing\nb: 2\n",
            "a : 1\n'b c' : 2\n\"d\": 3\n",
            "a: Wonen & Zorg\nb: application:*\nc: x#y\nd: x :y\ne: http://x.nl/a?b=c\n",
            "a: [x, [y, z], {k: v}]\nb: { k: [1, 2], l: 'm' }\n",
            "a:\n  - x\n  - y\nb:\n- z\nc: 3\n",
            "a: 1 # c\n  # indented comment\nb: 2\n",
            "a: ✓ zaak\nb: 'ü'\n",
            "x: true\ny: ~\nz: 0x1f\nw: 1e3\nv: 2026-12-31\nu: null\n",
            "a: >\n  one\n  two\nb: 1\n",
            "a: |\n  one\n\n    two # x\n\n\nb: 1\n",
            "a: >- # c\n  one: two\n  # three\n\nb: 1\n",
            "x:\n  a: |-\n    one\n  b: 1\n",
            "a: >\n  one",
            "a: |\n  text\n  # not a comment\nb: 1\n",
        ] {
            assert!(agrees(text), "{text:?} should be read");
        }
        for text in [
            "",
            "# only\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: |+\n  text\n",
            "a: >2\n  text\n",
            "a: >\n  one\n\n  two\n",
            "a: >\n   one\n  two\n",
            "a: |\n\n  text\n",
            "a: |\n    text\n  # c\nb: 1\n",
            "a: \"x\\ny\"\n",
            "a: two\n  lines\n",
            "a: [x,\n  y]\n",
            "a:\n\tb: 1\n",
            "a: 1\r\nb: 2\r\n",
            "---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: b: c\n",
            "- a: 1\n",
            "- - a\n",
            "a: [x, ]\n",
            "a: -1\n",
            "? a\n: b\n",
            "a:\n  b: 1\n    c: 2\n",
            "a:\n    b: 1\n  c: 2\n",
            "a: [x]y\n",
            "a: 'x\n",
            "\u{feff}a: 1\n",
            "a: \u{85}\n",
            "a: {b}\n",
            "a: [b: c]\n",
        ] {
            assert!(parse(text, MAX_DEPTH).is_none(), "{text:?} should be left");
        }
        // Too deep for the budget: left to the parser, which says so.
        let deep = (0..40).fold(String::new(), |mut s, i| {
            s.push_str(&" ".repeat(i * 2));
            s.push_str("k:\n");
            s
        });
        assert!(parse(&deep, MAX_DEPTH).is_none());
    }

    /// Pieces of the text model files are made of, and of the mistakes in them.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "b c",
            "1",
            "true",
            "~",
            "x#y",
            ":",
            ": ",
            "\n",
            "\n  ",
            "\n    ",
            "  ",
            " ",
            "- ",
            "-",
            "[",
            "]",
            "{",
            "}",
            ", ",
            ",",
            "'",
            "''",
            "\"",
            "#",
            " # c",
            "&a ",
            "*a",
            "!!str ",
            "|",
            ">",
            "|-\n  x",
            ">\n  y\n  z",
            "|\n\n",
            "?",
            "\t",
            "é",
            "k: ",
            "\n- ",
            "\nk: ",
            "\n  k: ",
            "\n  - ",
            "---",
            "\\",
        ])
    }

    /// A value as model files write them, now and then with a mistake in it.
    fn value() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "a",
            "zaak-systeem",
            "Wonen & Zorg",
            "1",
            "1.5",
            "true",
            "~",
            "null",
            "x#y",
            "x :y",
            "'q'",
            "'it''s'",
            "\"d\"",
            "\"\"",
            "''",
            "[a, b]",
            "[]",
            "{k: v}",
            "{}",
            "[a, [b]]",
            "{k: [1, 2], l: 'm'}",
            "a # c",
            "é ✓",
            "http://x.nl/a",
            "application:*",
            "b: c",
            "- x",
            "[x, ]",
            "{k}",
            "&a x",
            "*a",
            "!!str 1",
            "|",
            "'x",
            "\"x\\n\"",
            "a  ",
            " a",
        ]);
        prop::collection::vec(word, 1..3).prop_map(|w| w.concat())
    }

    /// A block mapping at `indent`, its values inline or nested, as `next` chooses.
    fn mapping<'v>(
        text: &mut String,
        indent: usize,
        depth: usize,
        next: &mut impl Iterator<Item = u8>,
        values: &mut impl Iterator<Item = &'v String>,
    ) {
        let keys = ["name", "owner", "list", "k y", "'q'", "1", "x"];
        for _ in 0..1 + next.next().unwrap_or(0) % 4 {
            let choice = next.next().unwrap_or(0);
            text.push_str(&" ".repeat(indent));
            text.push_str(keys[usize::from(choice) % keys.len()]);
            match (choice / 8) % 7 {
                0..=2 => {
                    text.push_str(": ");
                    text.push_str(values.next().map_or("v", String::as_str));
                    text.push('\n');
                }
                3 if depth < 4 => {
                    text.push_str(":\n");
                    let deeper = indent + 2 + usize::from(choice / 64) * 2;
                    mapping(text, deeper, depth + 1, next, values);
                }
                4 => {
                    text.push_str(":\n");
                    // Indentless (at the key's indentation) or indented.
                    let at = indent + usize::from(choice / 64 % 2) * 2;
                    for _ in 0..1 + next.next().unwrap_or(0) % 3 {
                        text.push_str(&" ".repeat(at));
                        text.push_str("- ");
                        text.push_str(values.next().map_or("v", String::as_str));
                        text.push('\n');
                    }
                }
                5 => {
                    let headers = ["|", ">", "|-", ">-", "|+", "> # c", "|2"];
                    let header = headers[usize::from(next.next().unwrap_or(0)) % headers.len()];
                    text.push_str(&format!(": {header}\n"));
                    for _ in 0..1 + next.next().unwrap_or(0) % 3 {
                        let shape = next.next().unwrap_or(0);
                        let extra = usize::from(shape.is_multiple_of(4)) * 2;
                        text.push_str(&" ".repeat(indent + 2 + extra));
                        text.push_str(values.next().map_or("v", String::as_str));
                        text.push('\n');
                        if shape.is_multiple_of(5) {
                            text.push('\n');
                        }
                    }
                }
                _ => text.push_str(":   # empty\n"),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn never_reads_otherwise_than_the_parser(pieces in prop::collection::vec(piece(), 0..24)) {
            agrees(&pieces.concat());
        }

        #[test]
        fn never_reads_a_nested_text_otherwise_than_the_parser(
            choices in prop::collection::vec(any::<u8>(), 64),
            values in prop::collection::vec(value(), 16),
            mutation in prop::option::of((any::<prop::sample::Index>(), piece())),
        ) {
            let mut text = String::new();
            let mut next = choices.iter().cycle().copied();
            let mut values = values.iter().cycle();
            mapping(&mut text, 0, 0, &mut next, &mut values);
            if let Some((at, piece)) = mutation {
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                text.insert_str(i, piece);
            }
            agrees(&text);
        }

        #[test]
        fn never_reads_a_model_like_text_otherwise(
            entries in prop::collection::vec((piece(), piece(), piece()), 1..8)
        ) {
            let mut text = String::from("applications:\n");
            for (i, (a, b, c)) in entries.iter().enumerate() {
                text.push_str(&format!("  app-{i}:\n    name: {a}{b}\n    list: [{c}]\n    v:{b}{c}\n"));
            }
            agrees(&text);
        }
    }
}
