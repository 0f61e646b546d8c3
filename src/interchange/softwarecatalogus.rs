//! The GEMMA Softwarecatalogus "export applicaties" CSV onto applications: name, description,
//! supplier, licence, hosting and the reference components, whose Object IDs (a JSON array in
//! the `referentieComponenten` cell, names in its `_`-twin) resolve through the shipped GEMMA
//! model. Columns are found by name, in any order; what is not mapped is kept as `x-` fields.

use std::collections::HashMap;

use super::landscape::{Item, Landscape, Value};
use super::summary::{Summary, Unresolved};
use crate::model::Kind;
use crate::reference::{Reference, Resolution};
use crate::text::{FileId, Loc, Problem, SourceFile, Span};

/// Columns kept as `x-` fields: (column, field). JSON arrays stay lists.
const KEPT: &[(&str, &str)] = &[
    ("website", "x-website"),
    ("type", "x-softwarecatalogus-type"),
    ("hostingJurisdictie", "x-hosting-jurisdictie"),
    ("hostingLocatie", "x-hosting-locatie"),
    ("aanbieder", "x-softwarecatalogus-aanbieder"),
    ("_diensten", "x-softwarecatalogus-diensten"),
    ("_koppelingen", "x-softwarecatalogus-koppelingen"),
    ("_compliancy", "x-softwarecatalogus-compliancy"),
    ("_standaardVersies", "x-softwarecatalogus-standaardversies"),
    ("_moduleVersies", "x-softwarecatalogus-moduleversies"),
    ("_gebruiken", "x-softwarecatalogus-gebruiken"),
    (
        "geregistreerdDoor",
        "x-softwarecatalogus-geregistreerd-door",
    ),
];

/// Columns read into fields or kept above; the rest of the export's columns are left out.
const MAPPED: &[&str] = &[
    "id",
    "naam",
    "beschrijvingKort",
    "beschrijvingLang",
    "_aanbieder",
    "licentietype",
    "licentie",
    "cloudDienstverleningsmodel",
    "referentieComponenten",
    "_referentieComponenten",
    "standaardenGemma",
];

/// Left out on purpose: personal data of a supplier's contact, and images.
const NOT_IMPORTED: &[(&str, &str)] = &[
    (
        "contactpersoon",
        "a supplier's contact person is personal data",
    ),
    (
        "_contactpersoon",
        "a supplier's contact person is personal data",
    ),
    ("logo", "an image"),
];

/// One row's cells by column name.
struct Row<'r> {
    cells: &'r csv::StringRecord,
    columns: &'r HashMap<String, usize>,
}

impl Row<'_> {
    fn get(&self, column: &str) -> Option<&str> {
        let i = *self.columns.get(column)?;
        self.cells.get(i).map(str::trim).filter(|c| !c.is_empty())
    }

    /// A cell holding a JSON array (or one bare value): its texts.
    fn list(&self, column: &str) -> Result<Vec<String>, String> {
        let Some(cell) = self.get(column) else {
            return Ok(Vec::new());
        };
        if !cell.starts_with('[') {
            return Ok(vec![cell.to_owned()]);
        }
        let json: serde_json::Value =
            serde_json::from_str(cell).map_err(|e| format!("is not a JSON list: {e}"))?;
        Ok(json
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| match v {
                serde_json::Value::String(s) => Some(s.trim().to_owned()),
                serde_json::Value::Object(o) => o
                    .get("naam")
                    .or_else(|| o.get("name"))
                    .and_then(|n| n.as_str())
                    .map(str::to_owned),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            })
            .filter(|s| !s.is_empty())
            .collect())
    }
}

/// Reads the export, or says why it is not one.
pub fn import(
    file: FileId,
    source: &SourceFile,
    reference: &Reference,
    sha256: &str,
) -> Result<(Landscape, Summary), Problem> {
    let text = source.text.as_str();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_problem(file, source, &e))?
        .clone();
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim_start_matches('\u{feff}').trim().to_owned(), i))
        .collect();
    check_header(file, text, &columns)?;
    let mut landscape = Landscape {
        source: source.path.clone(),
        sha256: sha256.to_owned(),
        ..Landscape::default()
    };
    let mut summary = Summary::new("Softwarecatalogus export");
    let mut rows = 0;
    for record in reader.records() {
        let record = record.map_err(|e| csv_problem(file, source, &e))?;
        rows += 1;
        let row = Row {
            cells: &record,
            columns: &columns,
        };
        let line = record.position().map_or(0, csv::Position::line);
        match application(&row, reference, &mut summary, line) {
            Some(item) => {
                landscape.add(item);
            }
            None => summary.skip("row", "no `naam`"),
        }
    }
    summary.read = vec![(rows, "row")];
    landscape.tidy();
    for column in columns.keys() {
        if !MAPPED.contains(&column.as_str()) && !KEPT.iter().any(|(c, _)| c == column) {
            let why = NOT_IMPORTED
                .iter()
                .find(|(c, _)| c == column)
                .map_or("no counterpart in the landscape", |(_, why)| why);
            summary.skip(format!("column `{column}`"), why);
        }
    }
    Ok((landscape, summary))
}

/// The header must be this export's: comma-separated, with `naam`.
fn check_header(file: FileId, text: &str, columns: &HashMap<String, usize>) -> Result<(), Problem> {
    let first_line = text.lines().next().unwrap_or("");
    let at = Loc::new(file, Span::new(0, first_line.len()));
    if columns.contains_key("naam") {
        return Ok(());
    }
    let problem = if first_line.contains(';') && !first_line.contains(',') {
        Problem::new("the columns are separated by `;`, not `,`")
            .help("this happens when a spreadsheet saves the export again; use the file as the Softwarecatalogus gave it, or save it as CSV with commas")
    } else if first_line.contains("Pakket Naam") || first_line.contains("Leverancier Naam") {
        Problem::new("this is an export of the old Softwarecatalogus (before 2025), which gemmalint does not read")
            .help("export the applications again from the current Softwarecatalogus (\"export applicaties\")")
    } else {
        Problem::new("this is not a Softwarecatalogus export of applications: it has no `naam` column")
            .help("export the applications from the Softwarecatalogus (\"export applicaties\"); its header starts with \"id\",\"naam\",\"beschrijvingKort\"")
    };
    Err(problem.at(at).label("the header"))
}

fn csv_problem(file: FileId, source: &SourceFile, e: &csv::Error) -> Problem {
    let offset = e.position().map_or(0, |p| p.byte() as usize);
    let line_end = source.text[offset.min(source.text.len())..]
        .find('\n')
        .map_or(source.text.len(), |i| offset + i);
    let help = match e.kind() {
        csv::ErrorKind::UnequalLengths { .. } => {
            "every row must have as many cells as the header; a cell with a line break or a comma must be quoted"
        }
        csv::ErrorKind::Utf8 { .. } => "save the file as UTF-8",
        _ => "export the file again from the Softwarecatalogus",
    };
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} cells, the header {expected_len}"),
        _ => format!("the file cannot be read as CSV: {e}"),
    };
    Problem::new(message)
        .at(Loc::new(
            file,
            Span::new(offset, line_end.saturating_sub(offset)),
        ))
        .help(help)
}

/// One row as an application.
fn application(row: &Row, reference: &Reference, summary: &mut Summary, line: u64) -> Option<Item> {
    let name = row.get("naam")?;
    let mut item = Item::new(Kind::Application, name);
    let shown = format!("application `{}`", crate::text::shorten(name));
    if let Some(d) = row
        .get("beschrijvingKort")
        .or_else(|| row.get("beschrijvingLang"))
    {
        item.set("description", Value::Text(d.to_owned()));
    }
    if let Some(s) = row.get("_aanbieder") {
        item.set("supplier", Value::Text(s.to_owned()));
    }
    reference_components(row, reference, summary, &shown, &mut item, line);
    license(row, &mut item, summary, &shown);
    hosting(row, &mut item, summary, line);
    standards(row, reference, &mut item, summary, line);
    for (column, field) in KEPT {
        match row.list(column) {
            Ok(values)
                if values.len() == 1 && !row.get(column).is_some_and(|c| c.starts_with('[')) =>
            {
                item.set(field, Value::Text(values[0].clone()));
            }
            Ok(values) if values.is_empty() => {}
            Ok(values) => item.set(
                field,
                Value::Json(values.into_iter().map(serde_json::Value::String).collect()),
            ),
            Err(why) => {
                summary.note(format!(
                    "line {line}, column `{column}` {why}; kept as text"
                ));
                item.set(field, Value::Text(row.get(column).unwrap_or("").to_owned()));
            }
        }
    }
    if let Some(id) = row.get("id") {
        item.source_key = Some(("x-softwarecatalogus-id", id.to_owned()));
    }
    Some(item)
}

/// The GEMMA reference components: by Object ID, else by the name in the `_`-twin.
fn reference_components(
    row: &Row,
    reference: &Reference,
    summary: &mut Summary,
    shown: &str,
    item: &mut Item,
    line: u64,
) {
    let ids = row.list("referentieComponenten").unwrap_or_else(|why| {
        summary.note(format!("line {line}, column `referentieComponenten` {why}"));
        Vec::new()
    });
    let names = row.list("_referentieComponenten").unwrap_or_default();
    let index = &reference.component_names;
    let mut out = Vec::new();
    for i in 0..ids.len().max(names.len()) {
        let (id, name) = (ids.get(i), names.get(i));
        let by_id = id.map(|id| index.resolve(id));
        let by_name = name.map(|n| index.resolve(n));
        let written = match (by_id, by_name) {
            (Some(Resolution::Found(k)), _)
            | (_, Some(Resolution::Found(k) | Resolution::WrongCase(k))) => {
                index.name(k).to_owned()
            }
            (_, Some(Resolution::Ambiguous(_))) => name.cloned().unwrap_or_default(),
            _ => {
                let written = name.or(id).cloned().unwrap_or_default();
                summary.unresolved.insert(Unresolved {
                    element: shown.to_owned(),
                    what: "reference component",
                    written: written.clone(),
                    suggestions: name.map(|n| index.suggest(n)).unwrap_or_default(),
                    kept_as: None,
                });
                written
            }
        };
        if !out.contains(&Value::Text(written.clone())) {
            out.push(Value::Text(written));
        }
    }
    if !out.is_empty() {
        item.set("reference_components", Value::List(out));
    }
}

/// `licentietype` and `licentie` as an SPDX expression, `proprietary` or `unknown`; a licence
/// the catalogue names without a version (GPL, BSD) stays `unknown`, never guessed.
fn license(row: &Row, item: &mut Item, summary: &mut Summary, shown: &str) {
    let kind = row.get("licentietype").map(str::to_lowercase);
    let named = row.get("licentie");
    let spdx = named.and_then(|l| {
        let l = l.to_lowercase();
        if l.contains("eupl") {
            Some("EUPL-1.2")
        } else if l.starts_with("mit") {
            Some("MIT")
        } else if l.contains("apache") {
            Some("Apache-2.0")
        } else {
            None
        }
    });
    let license = match (kind.as_deref(), spdx) {
        (_, Some(spdx)) => spdx,
        (Some("closed source"), None) => "proprietary",
        (Some("open source"), None) => {
            summary.note(format!(
                "{shown} is open source, but the export does not say which licence{}; written as `unknown`",
                named.map_or_else(String::new, |n| format!(" exactly (`{n}`)"))
            ));
            "unknown"
        }
        _ => return,
    };
    item.set("license", Value::Text(license.to_owned()));
    if let Some(n) = named {
        item.set("x-softwarecatalogus-licentie", Value::Text(n.to_owned()));
    }
}

/// `cloudDienstverleningsmodel` as `hosting` when the catalogue names one model only.
fn hosting(row: &Row, item: &mut Item, summary: &mut Summary, line: u64) {
    let models = match row.list("cloudDienstverleningsmodel") {
        Ok(m) => m,
        Err(why) => {
            summary.note(format!(
                "line {line}, column `cloudDienstverleningsmodel` {why}"
            ));
            return;
        }
    };
    let hosting = |m: &str| match m.to_lowercase().as_str() {
        "saas" | "software-as-a-service" => Some("saas"),
        "iaas" | "paas" => Some("cloud"),
        m if m.starts_with("on-premise") => Some("on-premise"),
        _ => None,
    };
    if let [one] = models.as_slice()
        && let Some(h) = hosting(one)
    {
        item.set("hosting", Value::Text(h.to_owned()));
    } else if models.len() > 1 {
        summary.guess("applications offered in several hosting models: `hosting` left out");
    }
    if !models.is_empty() {
        item.set(
            "x-softwarecatalogus-hosting",
            Value::Json(models.into_iter().map(serde_json::Value::String).collect()),
        );
    }
}

/// `standaardenGemma` (GEMMA Object IDs of standards) as catalogue standards where the shipped
/// catalogue knows them; the rest kept as an `x-` field.
fn standards(row: &Row, reference: &Reference, item: &mut Item, summary: &mut Summary, line: u64) {
    let ids = row.list("standaardenGemma").unwrap_or_else(|why| {
        summary.note(format!("line {line}, column `standaardenGemma` {why}"));
        Vec::new()
    });
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        match reference.standards.find(&id) {
            Some(i) => {
                let s = Value::Text(reference.standards.get(i).id.clone());
                if !known.contains(&s) {
                    known.push(s);
                }
            }
            None => unknown.push(serde_json::Value::String(id)),
        }
    }
    if !known.is_empty() {
        item.set("standards", Value::List(known));
    }
    if !unknown.is_empty() {
        summary.skip_n(
            "standard (GEMMA Object ID)",
            "not in the shipped standards catalogue; kept as `x-softwarecatalogus-standaarden`",
            unknown.len(),
        );
        item.set(
            "x-softwarecatalogus-standaarden",
            Value::Json(unknown.into()),
        );
    }
}
