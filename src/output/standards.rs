//! `gemmalint standards`: the catalogue, as a list for people, Markdown or JSON.

use crate::model::StandardStatus;
use crate::reference::Catalogue;

pub fn human(catalogue: &Catalogue, selected: &[usize]) -> String {
    let width = selected
        .iter()
        .map(|&i| catalogue.get(i).id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for &i in selected {
        let s = catalogue.get(i);
        out.push_str(&format!(
            "{:width$}  {:<19}  {}",
            s.id,
            s.status.as_str(),
            s.name
        ));
        if !s.members.is_empty() {
            out.push_str(&format!(" (family: {})", s.members.join(", ")));
        }
        out.push('\n');
        // A few: where each status comes from, so it can be checked.
        if selected.len() <= 5 {
            let pad = " ".repeat(width + 2);
            match &s.status_source {
                Some(src) => {
                    out.push_str(&format!(
                        "{pad}status read from {} on {}",
                        src.url, src.read_on
                    ));
                    if let Some(decided) = &src.decided {
                        out.push_str(&format!(", decided {decided}"));
                    }
                    out.push('\n');
                }
                None if !s.status_basis.is_empty() => out.push_str(&format!(
                    "{pad}status from {}{}\n",
                    s.status_basis.join(", "),
                    match (s.secondary_only, s.status) {
                        (false, _) => "",
                        // Only an obligation is enforced; `none` or `aanbevolen` asks nothing.
                        (true, StandardStatus::WettelijkVerplicht | StandardStatus::Verplicht) =>
                            " (secondary sources only: enforced as unconfirmed)",
                        (true, _) => " (secondary sources only)",
                    }
                )),
                None => {}
            }
            if let Some(conflict) = &s.conflicts {
                out.push_str(&format!(
                    "{pad}sources disagree, so not enforced: {conflict}\n"
                ));
            }
        }
    }
    out.push_str(&format!(
        "\n{} of {} standards. `standards:` accepts an id or any alias, case-insensitively; a family and its members satisfy each other.\n",
        selected.len(),
        catalogue.standards.len()
    ));
    out
}

pub fn markdown(catalogue: &Catalogue, selected: &[usize]) -> String {
    let mut out = String::from("| id | status | name | aliases |\n| --- | --- | --- | --- |\n");
    for &i in selected {
        let s = catalogue.get(i);
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            s.id,
            s.status.as_str(),
            s.name.replace('|', "\\|"),
            s.aliases.join(", ").replace('|', "\\|")
        ));
    }
    out
}

pub fn json(catalogue: &Catalogue, selected: &[usize]) -> String {
    let items: Vec<serde_json::Value> = selected
        .iter()
        .map(|&i| {
            let s = catalogue.get(i);
            serde_json::json!({
                "id": s.id,
                "name": s.name,
                "aliases": s.aliases,
                "status": s.status.as_str(),
                "status_as_of": s.status_as_of,
                "status_basis": s.status_basis,
                "status_source": s.status_source,
                "statuses_by_source": s.statuses_by_source,
                "secondary_only": s.secondary_only,
                "conflicts": s.conflicts,
                "note": s.note,
                "members": s.members,
                "url": s.url,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).expect("the catalogue serialises to JSON");
    text.push('\n');
    text
}
