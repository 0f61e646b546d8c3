//! `--format human`: miette diagnostics with the YAML snippet, a label at the exact value,
//! related places in other files, a help line, and a closing summary.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::{Summary, clean};
use crate::finding::{Finding, Severity};
use crate::problem::{Problem, Related};
use crate::source::{FileId, Loc, Sources};

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
    source: Option<NamedSource<Arc<String>>>,
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

/// Builds a diagnostic at a place, with related places: those in the same file become labels
/// on the same snippet, the others diagnostics of their own.
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
    let file: Option<FileId> = said.loc.map(|l| l.file);
    if let Some(loc) = said.loc {
        let source = sources.get(loc.file);
        shown.source = Some(source.named_source());
        shown.labels.push(LabeledSpan::new_primary_with_span(
            said.label.map(clean),
            loc.span,
        ));
    }
    for r in said.related {
        if Some(r.loc.file) == file {
            shown.labels.push(LabeledSpan::new_with_span(
                Some(clean(&r.message)),
                r.loc.span,
            ));
        } else {
            let source = sources.get(r.loc.file);
            shown.related.push(Shown {
                message: clean(&r.message),
                severity: miette::Severity::Advice,
                code: None,
                help: None,
                source: Some(source.named_source()),
                labels: vec![LabeledSpan::new_primary_with_span(None, r.loc.span)],
                related: Vec::new(),
            });
        }
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

/// The whole report: problems, or active findings; then the waived and baselined ones as a
/// list; then the summary.
pub fn render(
    sources: &Sources,
    problems: &[Problem],
    findings: &[Finding],
    summary: Summary,
    checked: &str,
    style: Style,
) -> String {
    let handler = handler(style);
    let mut out = String::new();
    if !problems.is_empty() {
        for p in problems {
            let shown = build(sources, said_problem(p));
            render_one(&handler, &shown, &mut out);
            out.push('\n');
        }
        let n = summary.problems;
        out.push_str(&format!(
            "{} {n} problem{} in the input: fix {} first; no rule has run.\n",
            paint(style, "✖", Severity::Error),
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" },
        ));
        return out;
    }
    for f in findings.iter().filter(|f| f.is_active()) {
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
                help: Some(&f.help),
                loc: f.loc,
                label: f.label.as_deref(),
                related: &f.related,
            },
        );
        render_one(&handler, &shown, &mut out);
        out.push('\n');
    }
    let quiet: Vec<&Finding> = findings.iter().filter(|f| !f.is_active()).collect();
    if !quiet.is_empty() {
        out.push_str("Explained deviations and accepted findings (they do not fail the check):\n");
        for f in quiet {
            let why = match &f.waived_by {
                Some(w) => w.clone(),
                None => "baseline".to_owned(),
            };
            let place = f.loc.map_or_else(String::new, |l| {
                let (file, line, col) = super::position(sources, l);
                format!(" at {}:{line}:{col}", clean(&file))
            });
            out.push_str(&format!(
                "  - {} [{}] {}{place} (by {why})\n",
                clean(&f.element.to_string()),
                f.rule,
                clean(&f.message)
            ));
        }
        out.push('\n');
    }
    out.push_str(&summary_line(summary, checked, style));
    out
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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
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
