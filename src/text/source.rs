//! The text of every file gemmalint reads, with its display path, so that every problem and
//! finding can point at a line and column and miette can show the snippet.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use miette::NamedSource;

use super::{FileId, Loc, Problem, Span};

/// Files larger than this are refused: a landscape file is a few megabytes at most.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What kind of text a file holds, for the snippet's syntax and for messages.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Language {
    Yaml,
    Toml,
    Other,
}

/// One file's text and the byte offsets where its lines start.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as users see it: relative to the model root, with `/` separators.
    pub path: String,
    pub text: Arc<String>,
    pub language: Language,
    /// Where it was read from (none for text built into the binary): what `-o` may not overwrite.
    pub origin: Option<PathBuf>,
    line_starts: Arc<Vec<u32>>,
    /// Whether the text is ASCII, so that a column is a byte count: a long line with many
    /// findings on it (a list of thousands on one line) is not counted again for each.
    ascii: bool,
    /// The text as snippets show it (see [`super::mask`]), made once on first use.
    masked: OnceLock<Arc<String>>,
}

impl SourceFile {
    pub fn new(path: String, text: String, language: Language) -> Self {
        let line_starts = line_starts(text.as_bytes());
        SourceFile {
            ascii: text.is_ascii(),
            path,
            text: Arc::new(text),
            language,
            origin: None,
            line_starts: Arc::new(line_starts),
            masked: OnceLock::new(),
        }
    }

    /// Whether the text is ASCII: a column is then a byte count.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Where each line starts (byte offsets): shared with the snippets drawn from this file.
    pub fn line_starts(&self) -> Arc<Vec<u32>> {
        Arc::clone(&self.line_starts)
    }

    fn from(mut self, path: &Path) -> Self {
        self.origin = Some(path.to_path_buf());
        self
    }

    /// 1-based line and column of a byte offset; columns count Unicode scalar values.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            .max(1);
        let start = self.line_starts[line - 1] as usize;
        let column = match self.ascii {
            true => offset - start,
            false => self
                .text
                .get(start..offset)
                .map_or(offset - start, |s| s.chars().count()),
        } + 1;
        (line, column)
    }

    /// The byte offset of a 1-based line and column (columns in Unicode scalar values).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let start = start as usize;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e as usize);
        let line_text = self.text[start..end].trim_end_matches(['\n', '\r']);
        line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(start + line_text.len(), |(i, _)| start + i)
    }

    /// The text of a span, if it lies on char boundaries inside the file.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end()).unwrap_or("")
    }

    /// The file for miette's snippets, with unsafe characters masked (see [`super::mask`]).
    pub fn named_source(&self) -> NamedSource<Arc<String>> {
        let text = Arc::clone(self.masked.get_or_init(|| match super::mask(&self.text) {
            Some(masked) => Arc::new(masked),
            None => Arc::clone(&self.text),
        }));
        let source = NamedSource::new(super::clean(&self.path), text);
        match self.language {
            Language::Yaml => source.with_language("yaml"),
            Language::Toml => source.with_language("toml"),
            Language::Other => source,
        }
    }
}

/// Where each line starts: after a line feed, and after a carriage return that no line feed
/// follows (YAML reads a lone `\r` as a line break too).
fn line_starts(text: &[u8]) -> Vec<u32> {
    let mut starts = vec![0u32];
    for i in memchr::memchr2_iter(b'\n', b'\r', text) {
        if text[i] == b'\n' || text.get(i + 1) != Some(&b'\n') {
            starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
    }
    // Kept for every file until the report is written.
    starts.shrink_to_fit();
    starts
}

/// Why a file could not be read as text. The problem is placed once the file has its id.
#[derive(Debug)]
pub enum Unreadable {
    TooLarge {
        bytes: u64,
    },
    Io(std::io::Error),
    /// A directory, a pipe or a device: never opened (a pipe would wait for ever).
    NotAFile {
        directory: bool,
    },
    /// Kept (lossily) so the problem can show where the bad bytes are.
    NotUtf8 {
        at: usize,
    },
}

impl Unreadable {
    /// Why, in one sentence.
    pub fn message(&self, shown: &str) -> String {
        match self {
            Unreadable::TooLarge { bytes } => format!(
                "`{}` is {} MiB; files larger than {} MiB are refused",
                super::clean(shown),
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Unreadable::Io(e) => format!("cannot read `{}`: {e}", super::clean(shown)),
            Unreadable::NotAFile { directory: true } => {
                format!("`{}` is a directory, not a file", super::clean(shown))
            }
            Unreadable::NotAFile { directory: false } => format!(
                "`{}` is not a regular file (a pipe, socket or device), so it is not read",
                super::clean(shown)
            ),
            Unreadable::NotUtf8 { .. } => "the file is not UTF-8 text".to_owned(),
        }
    }

    /// The problem, placed in the file when it has a place.
    pub fn problem(&self, file: FileId, shown: &str) -> Problem {
        let problem = Problem::new(self.message(shown));
        match self {
            Unreadable::NotUtf8 { at } => problem
                .at(Loc::new(file, Span::new(*at, 1)))
                .label("this byte is not UTF-8")
                .help("save the file as UTF-8 (without a byte order mark is best)"),
            // The file itself is the place: its name is in the JSON `file`, at line 1.
            Unreadable::TooLarge { .. } => problem.at(Loc::new(file, Span::new(0, 0))).help(
                "split the landscape into several files, or leave this one out with `exclude`",
            ),
            Unreadable::Io(_) => problem.at(Loc::new(file, Span::new(0, 0))).help(
                "check that the file can be read (its permissions, or that it is a regular file)",
            ),
            Unreadable::NotAFile { .. } => problem
                .at(Loc::new(file, Span::new(0, 0)))
                .help("name a file, such as `specs/zaken.yaml`"),
        }
    }
}

/// Reads a file as UTF-8 text. A file that cannot be read is still returned (empty, or lossy
/// when it is not UTF-8), with why.
pub fn read_file(
    path: &Path,
    shown: String,
    language: Language,
) -> (SourceFile, Option<Unreadable>) {
    let empty = |shown| SourceFile::new(shown, String::new(), language).from(path);
    let bytes = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            let directory = meta.is_dir();
            return (empty(shown), Some(Unreadable::NotAFile { directory }));
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return (
                empty(shown),
                Some(Unreadable::TooLarge { bytes: meta.len() }),
            );
        }
        _ => std::fs::read(path),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return (empty(shown), Some(Unreadable::Io(e))),
    };
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(shown, text, language).from(path), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (
                SourceFile::new(shown, text, language).from(path),
                Some(Unreadable::NotUtf8 { at }),
            )
        }
    }
}

/// Every file read in one run.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).expect("fewer than 4 billion files"))
    }

    /// The id the next added file gets.
    pub fn next_id(&self) -> FileId {
        FileId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"))
    }

    /// Reads a file (config, pack, baseline, catalogue) and keeps it for diagnostics: its id and
    /// text, or the problem that it cannot be read, placed in it where that applies.
    pub fn read(
        &mut self,
        path: &Path,
        shown: String,
        language: Language,
    ) -> Result<(FileId, Arc<String>), Problem> {
        let (file, unreadable) = read_file(path, shown, language);
        let text = Arc::clone(&file.text);
        let shown = file.path.clone();
        let id = self.add(file);
        match unreadable {
            None => Ok((id, text)),
            Some(why) => Err(why.problem(id, &shown)),
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// The files read from disk in this run, by where they were read from.
    pub fn origins(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().filter_map(|f| f.origin.as_deref())
    }

    /// 1-based line and column of a location.
    pub fn line_col(&self, loc: Loc) -> (usize, usize) {
        self.get(loc.file).line_col(loc.span.start as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("a.yaml".into(), "a: é\nbc: ✓x\n".into(), Language::Yaml);
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (1, 4));
        let x = file.text.find('x').unwrap();
        assert_eq!(file.line_col(x), (2, 6));
        assert_eq!(file.offset_of(2, 6), x);
        assert_eq!(file.offset_of(9, 1), file.text.len());
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_yaml_reads_it() {
        let file = SourceFile::new(
            "a.yaml".into(),
            "a: 1\rb: 2\r\nc: 3\n".into(),
            Language::Yaml,
        );
        assert_eq!(file.line_col(5), (2, 1));
        assert_eq!(file.line_col(11), (3, 1));
        assert_eq!(file.offset_of(2, 1), 5);
        assert_eq!(
            file.offset_of(2, 9),
            9,
            "the column stops before the line break"
        );
    }
}
