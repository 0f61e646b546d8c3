//! Reports as CSV for Excel and LibreOffice: one table per report, headings and status words in
//! the report's language, a byte order mark so both read UTF-8, `;` between fields in Dutch
//! (what Dutch Excel expects) and `,` in English. A cell of model text that a spreadsheet would
//! run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) is neutralised with
//! a leading apostrophe.

use std::collections::BTreeMap;

use super::{Document, lang::words};
use crate::figures::{
    ComplianceReport, Item, Lang, OwnerRef, OwnerSection, OwnershipReport, WaiverRegister,
};

/// A cell: model text (neutralised) or a number gemmalint wrote.
enum Cell {
    Text(String),
    Number(i64),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: usize) -> Cell {
    Cell::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Text a spreadsheet would take for a formula, made inert.
pub fn neutralise(cell: &str) -> String {
    let clean = crate::text::clean(cell);
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{clean}"),
        _ => clean,
    }
}

struct Table {
    words: BTreeMap<String, String>,
    lang: Lang,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(lang: Lang, header: &[&str]) -> Table {
        let words = words(lang);
        let mut t = Table {
            words,
            lang,
            rows: Vec::new(),
        };
        let header = header.iter().map(|k| text(t.word(k))).collect();
        t.rows.push(header);
        t
    }

    fn word(&self, key: &str) -> String {
        self.words
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    fn finish(self) -> String {
        let delimiter = match self.lang {
            Lang::Nl => b';',
            Lang::En => b',',
        };
        let mut out = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for row in self.rows {
            let cells: Vec<String> = row
                .into_iter()
                .map(|c| match c {
                    Cell::Text(s) => neutralise(&s),
                    Cell::Number(n) => n.to_string(),
                })
                .collect();
            out.write_record(&cells)
                .expect("writing CSV to memory cannot fail");
        }
        let bytes = out.into_inner().expect("writing CSV to memory cannot fail");
        let mut text = String::from('\u{feff}');
        text.push_str(&String::from_utf8(bytes).expect("the cells are UTF-8"));
        text
    }
}

pub fn render(doc: Document) -> String {
    match doc {
        Document::Ownership(d) => ownership(d),
        Document::Compliance(d) => compliance(d),
        Document::Waivers(d) => waivers(d),
    }
}

fn owner_cells(owner: Option<&OwnerRef>) -> [Cell; 2] {
    match owner {
        Some(o) => [text(&o.id), text(&o.name)],
        None => [text(""), text("")],
    }
}

fn joined(items: &[Item]) -> String {
    items
        .iter()
        .map(|i| i.element.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One row per element an owner owns or provides, then what has no owner.
fn ownership(d: &OwnershipReport) -> String {
    let mut t = Table::new(
        d.lang,
        &[
            "csv_owner",
            "csv_owner_name",
            "csv_owner_path",
            "csv_kind",
            "csv_id",
            "csv_name",
            "csv_how",
            "csv_via",
            "csv_open_findings",
        ],
    );
    for s in &d.owners {
        owner_rows(&mut t, s);
    }
    for u in &d.unowned {
        let how = t.word(&format!("how_{}", u.how.as_str()));
        let kind = t.word(&format!("kind_{}", u.item.kind));
        t.rows.push(vec![
            text(""),
            text(""),
            text(""),
            text(kind),
            text(&u.item.id),
            text(&u.item.name),
            text(how),
            text(""),
            number(0),
        ]);
    }
    for h in &d.external {
        let how = t.word("how_external");
        let kind = t.word(&format!("kind_{}", h.item.kind));
        t.rows.push(vec![
            text(""),
            text(""),
            text(""),
            text(kind),
            text(&h.item.id),
            text(&h.item.name),
            text(how),
            text(joined(&h.via)),
            number(0),
        ]);
    }
    for a in &d.ambiguous {
        let how = t.word("how_ambiguous");
        let kind = t.word("kind_application");
        let via: Vec<String> = a.candidates.iter().map(|c| c.owner.id.clone()).collect();
        t.rows.push(vec![
            text(""),
            text(""),
            text(""),
            text(kind),
            text(&a.application.id),
            text(&a.application.name),
            text(how),
            text(via.join(" ")),
            number(0),
        ]);
    }
    t.finish()
}

fn owner_rows(t: &mut Table, s: &OwnerSection) {
    let path: Vec<&str> = s.path.iter().map(|p| p.id.as_str()).collect();
    let path = path.join(" > ");
    let findings_of = |id: &str, kind: &str| {
        s.findings
            .iter()
            .filter(|f| f.element.id == id && f.element.kind == kind)
            .count()
    };
    let held = s
        .business_functions
        .iter()
        .chain(&s.applications)
        .chain(&s.data_objects);
    let mut rows = Vec::new();
    for h in held {
        rows.push((
            h.item.clone(),
            t.word(&format!("how_{}", h.how.as_str())),
            joined(&h.via),
        ));
    }
    for p in &s.interfaces {
        rows.push((
            p.interface.clone(),
            t.word("how_provider"),
            p.provider.element.clone(),
        ));
    }
    for (item, how, via) in rows {
        let kind = t.word(&format!("kind_{}", item.kind));
        t.rows.push(vec![
            text(&s.owner.id),
            text(&s.owner.name),
            text(&path),
            text(kind),
            text(&item.id),
            text(&item.name),
            text(how),
            text(via),
            number(findings_of(&item.id, item.kind)),
        ]);
    }
}

/// One row per element and rule (per element and standard for `open-standards`).
fn compliance(d: &ComplianceReport) -> String {
    let mut t = Table::new(
        d.lang,
        &[
            "csv_rule",
            "csv_rule_title",
            "csv_standard",
            "csv_kind",
            "csv_id",
            "csv_name",
            "csv_owner",
            "csv_owner_name",
            "csv_status",
            "csv_waiver",
        ],
    );
    for r in &d.elements {
        let kind = t.word(&format!("kind_{}", r.element.kind));
        let status = t.word(&format!("status_{}", r.status.as_str()));
        let [owner, owner_name] = owner_cells(r.owner.as_ref());
        t.rows.push(vec![
            text(&r.rule.id),
            text(&r.rule.title),
            text(r.key.clone().unwrap_or_default()),
            text(kind),
            text(&r.element.id),
            text(&r.element.name),
            owner,
            owner_name,
            text(status),
            text(r.waiver.clone().unwrap_or_default()),
        ]);
    }
    t.finish()
}

/// One row per waiver, most pressing first.
fn waivers(d: &WaiverRegister) -> String {
    let mut t = Table::new(
        d.lang,
        &[
            "csv_waiver",
            "csv_status",
            "csv_rule",
            "csv_rule_title",
            "csv_targets",
            "csv_key",
            "csv_reason",
            "csv_decision",
            "csv_expires",
            "csv_days_left",
            "csv_owner",
            "csv_owner_name",
            "csv_explains",
        ],
    );
    for w in &d.waivers {
        let status = t.word(&format!("waiver_{}", w.status.as_str()));
        let [owner, owner_name] = owner_cells(w.owner.as_ref());
        t.rows.push(vec![
            text(&w.waiver.id),
            text(status),
            text(&w.rule.id),
            text(&w.rule.title),
            text(w.targets.join(" ")),
            text(w.key.clone().unwrap_or_default()),
            text(w.reason.clone().unwrap_or_default()),
            text(w.decision.clone().unwrap_or_default()),
            text(w.expires.clone().unwrap_or_default()),
            w.days_left.map_or_else(|| text(""), Cell::Number),
            owner,
            owner_name,
            text(joined(&w.explains)),
        ]);
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_neutralised() {
        for cell in ["=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell:?}");
        }
        for cell in ["Zaaksysteem", "a=b", " =1", "", "1"] {
            assert!(!neutralise(cell).starts_with('\''), "{cell:?}");
        }
    }
}
