//! The HTML report's colours and its charts as geometry: a bar per principle (how many of the
//! elements in scope comply, are explained, fall short) and the open findings per owner. The
//! templates draw them as inline SVG, with a text alternative. Axe cannot check the contrast of
//! SVG text, so the palette is checked here.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Document;
use crate::figures::Counts;

/// The report's colours. Every text colour has at least 4.5:1 contrast on every background it
/// is drawn on, and every bar colour at least 3:1 on the page (WCAG 2.1 AA, 1.4.3 and 1.4.11).
#[derive(Debug, Serialize)]
pub struct Palette {
    pub background: &'static str,
    /// Table headings and the legend's background.
    pub header: &'static str,
    /// Every other table row.
    pub stripe: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub link: &'static str,
    /// Table borders and chart axes.
    pub line: &'static str,
    pub passing: &'static str,
    pub waived: &'static str,
    pub baselined: &'static str,
    pub failing: &'static str,
}

pub const PALETTE: Palette = Palette {
    background: "#ffffff",
    header: "#e8eef5",
    stripe: "#f5f7fa",
    text: "#1a1a1a",
    muted: "#4a4a4a",
    link: "#0645ad",
    line: "#767676",
    passing: "#0b6623",
    waived: "#7a4d00",
    baselined: "#5a3d8a",
    failing: "#a4001d",
};

/// The WCAG contrast ratio of two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    fn channel(hex: &str, at: usize) -> f64 {
        let v = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).unwrap_or(0)) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    }
    fn luminance(hex: &str) -> f64 {
        let hex = hex.trim_start_matches('#');
        0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 2) + 0.0722 * channel(hex, 4)
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The width the labels get, and how many characters fit in it at the chart's font size.
const LABEL_WIDTH: u32 = 400;
const LABEL_CHARS: usize = 50;
const BAR_WIDTH: u32 = 360;
const ROW: u32 = 26;
const TOP: u32 = 8;

/// A part of a bar.
#[derive(Debug, Serialize)]
pub struct Segment {
    pub x: u32,
    pub width: u32,
    /// `passing`, `waived`, `baselined`, `failing`: the CSS class that colours it.
    pub class: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct Row {
    /// The label as drawn (shortened to fit); `full` is the whole text.
    pub label: String,
    pub full: String,
    pub y: u32,
    pub segments: Vec<Segment>,
    pub value_x: u32,
    /// For a share chart: the counts behind the bar.
    pub counts: Option<Counts>,
    /// For a count chart: the count.
    pub count: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct Chart {
    /// `principles`, `rules` or `owners`: the template picks its words by it (and makes the
    /// element ids unique with the chart's position).
    pub kind: &'static str,
    pub width: u32,
    pub height: u32,
    pub label_width: u32,
    pub rows: Vec<Row>,
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

fn chart(kind: &'static str, rows: Vec<Row>) -> Chart {
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    Chart {
        kind,
        width: LABEL_WIDTH + BAR_WIDTH + 90,
        height: TOP * 2 + n.saturating_mul(ROW),
        label_width: LABEL_WIDTH,
        rows,
    }
}

fn y(i: usize) -> u32 {
    TOP + u32::try_from(i).unwrap_or(u32::MAX).saturating_mul(ROW)
}

/// A bar per row, split by where the elements in scope stand.
fn shares(rows: Vec<(String, Counts)>) -> Vec<Row> {
    rows.into_iter()
        .enumerate()
        .map(|(i, (label, counts))| {
            let mut x = LABEL_WIDTH;
            let mut segments = Vec::new();
            let total = counts.in_scope.max(1);
            let parts = [
                ("passing", counts.passing),
                ("waived", counts.waived),
                ("baselined", counts.baselined),
                ("failing", counts.failing),
            ];
            let mut used = 0usize;
            for (class, count) in parts {
                if count == 0 {
                    continue;
                }
                used += count;
                // Cumulative rounding, so the parts always add up to the whole bar.
                let end = LABEL_WIDTH
                    + u32::try_from(used * BAR_WIDTH as usize / total).unwrap_or(BAR_WIDTH);
                segments.push(Segment {
                    x,
                    width: end - x,
                    class,
                    count,
                });
                x = end;
            }
            Row {
                full: label.clone(),
                label: shorten(&label),
                y: y(i),
                segments,
                value_x: LABEL_WIDTH + BAR_WIDTH + 8,
                counts: Some(counts),
                count: None,
            }
        })
        .collect()
}

/// A bar per row, as long as its count against the largest.
fn counts(rows: Vec<(String, usize)>) -> Vec<Row> {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    rows.into_iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let width = u32::try_from(n * BAR_WIDTH as usize / max).unwrap_or(BAR_WIDTH);
            Row {
                full: label.clone(),
                label: shorten(&label),
                y: y(i),
                segments: vec![Segment {
                    x: LABEL_WIDTH,
                    width,
                    class: "failing",
                    count: n,
                }],
                value_x: LABEL_WIDTH + width + 8,
                counts: None,
                count: Some(n),
            }
        })
        .collect()
}

/// The charts of a report.
pub fn charts(doc: Document, words: &BTreeMap<String, String>) -> Vec<Chart> {
    match doc {
        Document::Compliance(d) if !d.packs.is_empty() => d
            .packs
            .iter()
            .map(|pack| {
                let rows = pack
                    .principles
                    .iter()
                    .map(|p| (p.title.clone(), p.counts))
                    .collect();
                chart("principles", shares(rows))
            })
            .collect(),
        Document::Compliance(d) => {
            let rows = d
                .rules
                .iter()
                .map(|r| (r.rule.title.clone(), r.counts))
                .collect();
            vec![chart("rules", shares(rows))]
        }
        Document::Ownership(d) => {
            let mut rows: Vec<(String, usize)> = d
                .owners
                .iter()
                .filter(|o| !o.findings.is_empty())
                .map(|o| (o.owner.name.clone(), o.findings.len()))
                .collect();
            if !d.findings_without_owner.is_empty() {
                let label = words.get("without_owner").cloned().unwrap_or_default();
                rows.push((label, d.findings_without_owner.len()));
            }
            if rows.is_empty() {
                Vec::new()
            } else {
                vec![chart("owners", counts(rows))]
            }
        }
        Document::Waivers(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_colour_is_readable_on_every_background() {
        let p = &PALETTE;
        for background in [p.background, p.header, p.stripe] {
            for (name, text) in [
                ("text", p.text),
                ("muted", p.muted),
                ("link", p.link),
                ("passing", p.passing),
                ("waived", p.waived),
                ("baselined", p.baselined),
                ("failing", p.failing),
            ] {
                let ratio = contrast(text, background);
                assert!(ratio >= 4.5, "{name} {text} on {background}: {ratio:.2}");
            }
        }
        for (name, bar) in [
            ("line", p.line),
            ("passing", p.passing),
            ("waived", p.waived),
            ("baselined", p.baselined),
            ("failing", p.failing),
        ] {
            let ratio = contrast(bar, p.background);
            assert!(ratio >= 3.0, "{name} {bar} on the page: {ratio:.2}");
        }
        // White text is drawn on no bar; the bars only need to stand apart from the page.
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }

    #[test]
    fn the_parts_of_a_bar_fill_it_exactly() {
        let rows = shares(vec![(
            "x".into(),
            Counts {
                in_scope: 7,
                passing: 3,
                waived: 1,
                baselined: 0,
                failing: 3,
            },
        )]);
        let s = &rows[0].segments;
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].x, LABEL_WIDTH);
        assert_eq!(s[2].x + s[2].width, LABEL_WIDTH + BAR_WIDTH);
        assert!(s.windows(2).all(|w| w[0].x + w[0].width == w[1].x));
    }
}
