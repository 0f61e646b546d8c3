//! Reports for management — ownership, compliance, the waiver register — as Markdown and one
//! self-contained HTML file (both from templates in `templates/report/`), CSV for spreadsheets,
//! and JSON. Every piece of model text is escaped for its format on the way out.

mod chart;
mod csv;
mod lang;
mod templates;

use serde::Serialize;

use crate::figures::{ComplianceReport, Lang, OwnershipReport, WaiverRegister};

pub use chart::{PALETTE, contrast};
pub use lang::words;

/// The format of a report.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
    Json,
    Csv,
}

/// A report, as the figures give it.
#[derive(Copy, Clone)]
pub enum Document<'a> {
    Ownership(&'a OwnershipReport),
    Compliance(&'a ComplianceReport),
    Waivers(&'a WaiverRegister),
}

impl Document<'_> {
    /// The template's name without extension (`ownership`).
    fn name(self) -> &'static str {
        match self {
            Document::Ownership(_) => "ownership",
            Document::Compliance(_) => "compliance",
            Document::Waivers(_) => "waivers",
        }
    }

    fn lang(self) -> Lang {
        match self {
            Document::Ownership(d) => d.lang,
            Document::Compliance(d) => d.lang,
            Document::Waivers(d) => d.lang,
        }
    }

    fn json(self) -> String {
        let text = match self {
            Document::Ownership(d) => serde_json::to_string_pretty(d),
            Document::Compliance(d) => serde_json::to_string_pretty(d),
            Document::Waivers(d) => serde_json::to_string_pretty(d),
        };
        let mut text = text.expect("a report serialises to JSON");
        text.push('\n');
        text
    }
}

/// What every template sees besides the document.
#[derive(Serialize)]
struct Context<'a, D: Serialize> {
    doc: &'a D,
    /// The words of the report's language, by key.
    t: std::collections::BTreeMap<String, String>,
    lang: Lang,
    version: &'static str,
    palette: &'static chart::Palette,
    charts: Vec<chart::Chart>,
}

/// Renders a report in a format.
pub fn render(doc: Document, format: ReportFormat) -> String {
    match format {
        ReportFormat::Json => doc.json(),
        ReportFormat::Csv => csv::render(doc),
        ReportFormat::Markdown => templated(doc, "md"),
        ReportFormat::Html => templated(doc, "html"),
    }
}

fn templated(doc: Document, ext: &str) -> String {
    let lang = doc.lang();
    let t = words(lang);
    let charts = if ext == "html" {
        chart::charts(doc, &t)
    } else {
        Vec::new()
    };
    let name = format!("{}.{ext}.j2", doc.name());
    let version = env!("CARGO_PKG_VERSION");
    let palette = &PALETTE;
    let rendered = match doc {
        Document::Ownership(d) => templates::render(
            &name,
            &Context {
                doc: d,
                t,
                lang,
                version,
                palette,
                charts,
            },
        ),
        Document::Compliance(d) => templates::render(
            &name,
            &Context {
                doc: d,
                t,
                lang,
                version,
                palette,
                charts,
            },
        ),
        Document::Waivers(d) => templates::render(
            &name,
            &Context {
                doc: d,
                t,
                lang,
                version,
                palette,
                charts,
            },
        ),
    };
    rendered.unwrap_or_else(|e| panic!("the built-in template {name} renders: {e:#}"))
}
