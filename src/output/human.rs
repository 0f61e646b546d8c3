//! `--format human`: miette diagnostics with the YAML snippet, a label at the exact value,
//! related places in other files, a help line, a closing summary, and the baseline entries that
//! no longer match a finding.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};

pub use super::ci::Report;
use super::{Summary, clean, plural};
use crate::catalogue::Severity;
use crate::checks::Finding;
use crate::model::Model;
use crate::text::{FileId, Loc, SourceFile, Sources, Span};
use crate::text::{Problem, Related};
use crate::verdict::baseline::Entry;

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

#[derive(Debug)]
struct Shown {
    message: String,
    severity: miette::Severity,
    code: Option<String>,
    help: Option<String>,
    source: Option<Snippet>,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown>,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

/// What one diagnostic says, before it is drawn.
struct Said<'a> {
    message: &'a str,
    severity: miette::Severity,
    code: Option<String>,
    help: Option<&'a str>,
    loc: Option<Loc>,
    label: Option<&'a str>,
    related: &'a [Related],
}

/// Lines longer than this (a minified JSON file, a YAML flow mapping on one line) are never
/// drawn: miette prints a snippet's lines whole, and one such line floods the terminal.
const LONGEST_SHOWN_LINE: usize = 400;

/// A file as miette reads it for snippets, leaving out lines longer than [`LONGEST_SHOWN_LINE`].
/// A place on such a line keeps only the frame's header, `file:line:column`; a long line next
/// to a place is left out of the context lines.
#[derive(Debug)]
struct Snippet {
    source: NamedSource<Arc<String>>,
    /// Where the file's lines start, so a line number is a lookup, not a count from the top.
    line_starts: Arc<Vec<u32>>,
    /// The labels' own lines are too long: draw the header and no lines.
    header_only: bool,
    /// The file is ASCII: a column is a byte count, not a count along the line.
    ascii: bool,
}

impl Snippet {
    fn new(file: &SourceFile, span: Span) -> Snippet {
        let source = file.named_source();
        let line_starts = file.line_starts();
        let header_only = covers_long_line(source.inner().as_bytes(), &line_starts, span.into());
        Snippet {
            source,
            line_starts,
            header_only,
            ascii: file.is_ascii(),
        }
    }
}

impl SourceCode for Snippet {
    /// miette asks twice: with no context lines for the header's `line:column` (counted here in
    /// characters, as the JSON output counts them), and with context lines for the snippet,
    /// which always starts at the beginning of a line.
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.source.inner().as_bytes();
        if span.offset() > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let name = self.source.name().to_owned();
        let (first, last) = covered_lines(text, &self.line_starts, *span);
        let line = self
            .line_starts
            .partition_point(|&s| s as usize <= first)
            .saturating_sub(1);
        let header = context_lines_before == 0 && context_lines_after == 0;
        if self.header_only || header {
            let start = span.offset();
            let column = match self.ascii {
                true => start - first,
                false => String::from_utf8_lossy(&text[first..start]).chars().count(),
            };
            let data: &[u8] = if self.header_only {
                &[]
            } else {
                &text[start..last]
            };
            return Ok(Box::new(MietteSpanContents::new_named(
                name,
                data,
                (start, data.len()).into(),
                line,
                column,
                0,
            )));
        }
        if covers_long_line(text, &self.line_starts, *span) {
            // Only a snippet merged from two nearby labels can get here (`build` gives a
            // label on a long line a header of its own); miette then draws them apart.
            return Err(MietteError::OutOfBounds);
        }
        let above = text[..first].strip_suffix(b"\n").unwrap_or_default();
        let before = if first == 0 {
            0
        } else {
            short_lines(above.rsplit(|&b| b == b'\n'), context_lines_before)
        };
        let below = text[last..].strip_prefix(b"\n").unwrap_or_default();
        let after = if last == text.len() {
            0
        } else {
            short_lines(below.split(|&b| b == b'\n'), context_lines_after)
        };
        // Walk out from the covered lines by whole lines.
        let mut start = first;
        for _ in 0..before {
            let upper = &text[..start - 1];
            start = upper.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        }
        let mut end = last;
        for _ in 0..after {
            let lower = &text[end + 1..];
            end = lower
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| end + 1 + i);
        }
        // The last line with its line break (`\r\n` too), as miette expects a line to end: a
        // lone `\r` would read as a break of its own, and a mark at the line's end is kept.
        if text.get(end) == Some(&b'\n') {
            end += 1;
        }
        let data = &text[start..end];
        let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            name,
            data,
            (start, data.len()).into(),
            line - before,
            0,
            lines,
        )))
    }
}

/// The lines a span covers (by index), and the bounds of one line (its start, and its newline
/// or the end of the text), found from where the file's lines start: thousands of findings on
/// one long line (a flow mapping of thousands of entries) each cost a lookup, not a walk along
/// the line. In bytes: a span need not fall on a character boundary.
fn covered(text: &[u8], line_starts: &[u32], span: SourceSpan) -> (usize, usize, usize, usize) {
    let start = span.offset().min(text.len());
    let end = (span.offset() + span.len()).clamp(start, text.len());
    let line_of = |at: usize| {
        line_starts
            .partition_point(|&s| s as usize <= at)
            .saturating_sub(1)
    };
    (start, end, line_of(start), line_of(end))
}

fn line_bounds(text: &[u8], line_starts: &[u32], k: usize) -> (usize, usize) {
    let from = line_starts
        .get(k)
        .map_or(0, |&s| s as usize)
        .min(text.len());
    let to = line_starts
        .get(k + 1)
        .map_or(text.len(), |&next| (next as usize).saturating_sub(1))
        .max(from);
    (from, to)
}

/// The byte range from the start of a span's first line to the end of its last (without the
/// newline).
fn covered_lines(text: &[u8], line_starts: &[u32], span: SourceSpan) -> (usize, usize) {
    let (start, end, first, last) = covered(text, line_starts, span);
    (
        line_bounds(text, line_starts, first).0.min(start),
        line_bounds(text, line_starts, last).1.max(end),
    )
}

fn too_long(line: &[u8]) -> bool {
    // Characters are the bytes that do not continue a UTF-8 sequence; a line of more than four
    // bytes a character's worth is long whatever it holds.
    line.len() > LONGEST_SHOWN_LINE
        && (line.len() > 4 * LONGEST_SHOWN_LINE
            || line.iter().filter(|&&b| b & 0xC0 != 0x80).count() > LONGEST_SHOWN_LINE)
}

fn covers_long_line(text: &[u8], line_starts: &[u32], span: SourceSpan) -> bool {
    let (_, _, first, last) = covered(text, line_starts, span);
    (first..=last).any(|k| {
        let (from, to) = line_bounds(text, line_starts, k);
        too_long(&text[from..to])
    })
}

/// How many of the nearest lines, up to `wanted`, can be shown before a long one.
fn short_lines<'a>(lines: impl Iterator<Item = &'a [u8]>, wanted: usize) -> usize {
    lines.take(wanted).take_while(|l| !too_long(l)).count()
}

/// Related places drawn for one finding; a terminal shows no more, and the rest are counted.
const MOST_RELATED_SHOWN: usize = 10;

/// Builds a diagnostic at a place, with related places: those in the same file become labels
/// on the same snippet, the others (and any on a line too long to draw) diagnostics of their
/// own.
fn build(sources: &Sources, said: Said<'_>) -> Shown {
    let mut shown = Shown {
        message: clean(said.message),
        severity: said.severity,
        code: said.code,
        help: said.help.map(clean),
        source: None,
        labels: Vec::new(),
        related: Vec::new(),
    };
    // Where related places can share the snippet: the file of a place that is drawn.
    let mut shared: Option<FileId> = None;
    if let Some(loc) = said.loc {
        let snippet = Snippet::new(sources.get(loc.file), loc.span);
        if !snippet.header_only {
            shared = Some(loc.file);
        }
        shown.source = Some(snippet);
        shown.labels.push(LabeledSpan::new_primary_with_span(
            said.label.map(clean),
            loc.span,
        ));
    }
    for r in said.related.iter().take(MOST_RELATED_SHOWN) {
        let snippet = Snippet::new(sources.get(r.loc.file), r.loc.span);
        if Some(r.loc.file) == shared && !snippet.header_only {
            shown.labels.push(LabeledSpan::new_with_span(
                Some(clean(&r.message)),
                r.loc.span,
            ));
        } else {
            shown.related.push(Shown {
                message: clean(&r.message),
                severity: miette::Severity::Advice,
                code: None,
                help: None,
                source: Some(snippet),
                labels: vec![LabeledSpan::new_primary_with_span(None, r.loc.span)],
                related: Vec::new(),
            });
        }
    }
    if said.related.len() > MOST_RELATED_SHOWN {
        let more = said.related.len() - MOST_RELATED_SHOWN;
        shown.related.push(Shown {
            message: format!("… and {more} more places (`--format json` lists them all)"),
            severity: miette::Severity::Advice,
            code: None,
            help: None,
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        });
    }
    shown
}

fn said_problem(p: &Problem) -> Said<'_> {
    Said {
        message: &p.message,
        severity: miette::Severity::Error,
        code: None,
        help: p.help.as_deref(),
        loc: p.loc,
        label: p.label.as_deref(),
        related: &p.related,
    }
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_break_words(false)
        .with_show_related_as_nested(true)
        .with_links(false)
        .with_urls(false)
        .without_syntax_highlighting()
}

fn render_one(handler: &GraphicalReportHandler, shown: &Shown, out: &mut String) {
    if handler.render_report(out, shown).is_err() {
        // Rendering into a String does not fail; keep the message if it ever does.
        out.push_str(&shown.message);
        out.push('\n');
    }
}

pub fn problem(sources: &Sources, p: &Problem) -> String {
    let shown = build(sources, said_problem(p));
    let mut out = String::new();
    render_one(
        &handler(Style {
            color: false,
            width: 100,
        }),
        &shown,
        &mut out,
    );
    out
}

/// The whole report, written as it is made: problems, or active findings; then the waived and
/// baselined ones as a list; then the summary; then the baseline entries that no longer match.
/// The findings are drawn in parallel chunks, in order, so a report of a million findings is
/// never held whole.
pub fn write<W: std::io::Write>(
    out: &mut W,
    report: &Report<'_>,
    style: Style,
) -> std::io::Result<()> {
    let handler = handler(style);
    if report.problems.is_empty() {
        findings(report, &handler, out)?;
        out.write_all(super::software::human(report.software).as_bytes())?;
    } else {
        let mut text = String::new();
        for p in report.problems {
            let shown = build(report.sources, said_problem(p));
            render_one(&handler, &shown, &mut text);
            text.push('\n');
        }
        out.write_all(text.as_bytes())?;
    }
    out.write_all(closing_line(report, style).as_bytes())?;
    out.write_all(stale(report.stale).as_bytes())
}

/// The line that closes the report, which is all the terminal shows when the report goes to
/// a file: the problems to fix first, or what was checked and found.
pub fn closing_line(report: &Report<'_>, style: Style) -> String {
    let n = report.summary.problems;
    if n > 0 {
        return format!(
            "{} {n} problem{} in the input: fix {} first; no rule has run.\n",
            paint(style, "✖", Severity::Error),
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" },
        );
    }
    summary_line(report.summary, &checked(report.model), style)
}

fn findings<W: std::io::Write>(
    report: &Report<'_>,
    handler: &GraphicalReportHandler,
    out: &mut W,
) -> std::io::Result<()> {
    let sources = report.sources;
    let active: Vec<&Finding> = report.findings.iter().filter(|f| f.is_active()).collect();
    // What each variant's severity rests on, said under every finding's help.
    let mut bases: HashMap<(&str, &str), Option<String>> = HashMap::new();
    for f in &active {
        bases
            .entry((f.rule.as_str(), f.variant))
            .or_insert_with(|| {
                super::rules::basis(report.registry, report.settings, &f.rule, f.variant)
            });
    }
    super::stream::in_order(out, active.len(), |range, bytes| {
        let mut text = String::new();
        for f in &active[range] {
            let help = match &bases[&(f.rule.as_str(), f.variant)] {
                Some(basis) => format!("{}\nrests on {basis}", f.help),
                None => f.help.clone(),
            };
            let severity = match f.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            };
            let shown = build(
                sources,
                Said {
                    message: &f.message,
                    severity,
                    code: Some(format!("{}::{}", f.rule, f.variant)),
                    help: Some(&help),
                    loc: f.loc,
                    label: f.label.as_deref(),
                    related: &f.related,
                },
            );
            render_one(handler, &shown, &mut text);
            text.push('\n');
        }
        bytes.extend_from_slice(text.as_bytes());
        Ok(())
    })?;
    let quiet: Vec<&Finding> = report.findings.iter().filter(|f| !f.is_active()).collect();
    if quiet.is_empty() {
        return Ok(());
    }
    out.write_all(b"Explained deviations and accepted findings (they do not fail the check):\n")?;
    super::stream::in_order(out, quiet.len(), |range, bytes| {
        let mut text = String::new();
        for f in &quiet[range] {
            let why = match &f.waived_by {
                Some(w) => w.to_string(),
                None => "baseline".to_owned(),
            };
            let place = f.loc.map_or_else(String::new, |l| {
                let (file, line, col) = super::position(sources, l);
                format!(" at {}:{line}:{col}", clean(&file))
            });
            text.push_str(&format!(
                "  - {} [{}] {}{place} (by {why})\n",
                clean(&f.element.to_string()),
                f.rule,
                clean(&f.message)
            ));
        }
        bytes.extend_from_slice(text.as_bytes());
        Ok(())
    })?;
    out.write_all(b"\n")
}

/// Baseline entries that matched no finding: fixed, so they can leave the baseline.
fn stale(entries: &[Entry]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let one = entries.len() == 1;
    let mut out = format!(
        "{} no longer {} a finding (fixed: remove {} from the baseline):\n",
        if one {
            "1 baseline entry".to_owned()
        } else {
            format!("{} baseline entries", entries.len())
        },
        if one { "matches" } else { "match" },
        if one { "it" } else { "them" }
    );
    for e in entries {
        out.push_str(&format!(
            "  - {} [{}] {}\n",
            clean(&e.element),
            clean(&e.rule),
            clean(&e.message)
        ));
    }
    out
}

/// "Checked 3 applications, 1 interface and 2 data objects".
fn checked(model: &Model) -> String {
    format!(
        "Checked {}, {} and {}",
        plural(model.applications.len(), "application"),
        plural(model.interfaces.len(), "interface"),
        plural(model.data_objects.len(), "data object")
    )
}

fn paint(style: Style, text: &str, severity: Severity) -> String {
    if !style.color {
        return text.to_owned();
    }
    let color = match severity {
        Severity::Error => anstyle::AnsiColor::Red,
        Severity::Warning => anstyle::AnsiColor::Yellow,
        Severity::Info => anstyle::AnsiColor::Green,
    };
    let s = anstyle::Style::new().fg_color(Some(color.into())).bold();
    format!("{s}{text}{s:#}")
}

fn summary_line(s: Summary, checked: &str, style: Style) -> String {
    let mut quiet = Vec::new();
    if s.waived > 0 {
        quiet.push(format!("{} waived", s.waived));
    }
    if s.baselined > 0 {
        quiet.push(format!("{} in the baseline", s.baselined));
    }
    let quiet = if quiet.is_empty() {
        String::new()
    } else {
        format!(" ({})", quiet.join(", "))
    };
    if s.error + s.warning + s.info == 0 {
        return format!(
            "{} {checked}: no findings{quiet}.\n",
            paint(style, "✔", Severity::Info)
        );
    }
    let mut parts = Vec::new();
    if s.error > 0 {
        parts.push(plural(s.error, "error"));
    }
    if s.warning > 0 {
        parts.push(plural(s.warning, "warning"));
    }
    if s.info > 0 {
        parts.push(format!("{} info", s.info));
    }
    let mark = if s.error > 0 {
        paint(style, "✖", Severity::Error)
    } else {
        paint(style, "!", Severity::Warning)
    };
    format!("{mark} {checked}: {}{quiet}.\n", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::{LONGEST_SHOWN_LINE, short_lines};
    use crate::text::{Language, SourceFile};
    use miette::SourceSpan;

    fn covers_long_line(text: &[u8], span: SourceSpan) -> bool {
        let file = SourceFile::new(
            "t.yaml".into(),
            String::from_utf8_lossy(text).into_owned(),
            Language::Yaml,
        );
        super::covers_long_line(text, &file.line_starts(), span)
    }

    #[test]
    fn a_line_is_too_long_by_its_characters_not_its_bytes() {
        let fits = "é".repeat(LONGEST_SHOWN_LINE);
        let long = "é".repeat(LONGEST_SHOWN_LINE + 1);
        let span = SourceSpan::from((0, 2));
        assert!(!covers_long_line(fits.as_bytes(), span));
        assert!(covers_long_line(long.as_bytes(), span));
    }

    #[test]
    fn every_line_a_span_covers_counts_and_no_other() {
        let text = format!("kort\n{}\nkort\n", "x".repeat(2000));
        let bytes = text.as_bytes();
        assert!(!covers_long_line(bytes, SourceSpan::from((0, 4))));
        assert!(covers_long_line(bytes, SourceSpan::from((2, 10))));
        assert!(!covers_long_line(bytes, SourceSpan::from((2006, 2))));
        // A span that starts inside a character does not panic.
        assert!(!covers_long_line(
            "é\n".as_bytes(),
            SourceSpan::from((1, 1))
        ));
    }

    #[test]
    fn context_stops_at_a_long_line() {
        let long = "x".repeat(2000);
        let lines = ["kort".as_bytes(), long.as_bytes(), "kort".as_bytes()];
        assert_eq!(short_lines(lines.into_iter(), 1), 1);
        assert_eq!(short_lines(lines.into_iter(), 3), 1);
        assert_eq!(short_lines(lines.into_iter().skip(1), 1), 0);
    }
}
