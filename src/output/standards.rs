//! `gemmalint standards`: the catalogue, as a list for people, Markdown or JSON.

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
                "members": s.members,
                "url": s.url,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).expect("the catalogue serialises to JSON");
    text.push('\n');
    text
}
