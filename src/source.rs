//! The text of every file gemmalint reads, with its display path, so that every problem and
//! finding can point at a line and column and miette can show the snippet.

use std::sync::Arc;

use miette::{NamedSource, SourceSpan};

/// A byte range in one source file.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    pub fn new(start: usize, len: usize) -> Self {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: u32::try_from(len).unwrap_or(0),
        }
    }

    pub fn end(self) -> usize {
        self.start as usize + self.len as usize
    }
}

impl From<Span> for SourceSpan {
    fn from(span: Span) -> Self {
        (span.start as usize, span.len as usize).into()
    }
}

/// Index of a file in [`Sources`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A place in a file.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

impl Loc {
    pub fn new(file: FileId, span: Span) -> Self {
        Loc { file, span }
    }
}

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
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(path: String, text: String, language: Language) -> Self {
        let mut line_starts = vec![0u32];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        SourceFile {
            path,
            text: Arc::new(text),
            language,
            line_starts,
        }
    }

    /// 1-based line and column of a byte offset; columns count Unicode scalar values.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            .max(1);
        let start = self.line_starts[line - 1] as usize;
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The byte offset of a 1-based line and column (columns in Unicode scalar values).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let start = start as usize;
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(start + line_text.len(), |(i, _)| start + i)
    }

    /// The text of a span, if it lies on char boundaries inside the file.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end()).unwrap_or("")
    }

    /// The file for miette's snippets. Control characters and bidirectional overrides are
    /// replaced by `?` of the same byte length, so spans stay right and the terminal stays safe.
    pub fn named_source(&self) -> NamedSource<Arc<String>> {
        let unsafe_char = |c: char| {
            (c.is_control() && c != '\n' && c != '\t' && c != '\r')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        };
        let text = if self.text.chars().any(unsafe_char) {
            Arc::new(
                self.text
                    .chars()
                    .map(|c| {
                        if unsafe_char(c) {
                            "?".repeat(c.len_utf8())
                        } else {
                            c.to_string()
                        }
                    })
                    .collect(),
            )
        } else {
            Arc::clone(&self.text)
        };
        let source = NamedSource::new(crate::output::clean(&self.path), text);
        match self.language {
            Language::Yaml => source.with_language("yaml"),
            Language::Toml => source.with_language("toml"),
            Language::Other => source,
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

    /// Reads a file (config, pack, baseline, catalogue) and keeps it for diagnostics: its id and
    /// text, or the problem that it cannot be read, placed in it where that applies.
    pub fn read(
        &mut self,
        path: &std::path::Path,
        shown: String,
        language: Language,
    ) -> Result<(FileId, Arc<String>), crate::problem::Problem> {
        let (file, problem) = crate::model::read_source(path, shown, language);
        let text = Arc::clone(&file.text);
        let id = self.add(file);
        match problem {
            None => Ok((id, text)),
            Some(mut p) => {
                if let Some(loc) = &mut p.loc {
                    loc.file = id;
                }
                Err(p)
            }
        }
    }

    /// Moves another set's files in after these; returns the offset their ids shift by.
    pub fn append(&mut self, other: Sources) -> u32 {
        let offset = u32::try_from(self.files.len()).expect("fewer than 4 billion files");
        self.files.extend(other.files);
        offset
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
}
