//! `gemmalint gemma`: GEMMA elements found by a search, for people, Markdown or JSON.

use crate::reference::Alias;
use crate::text::clean;

/// One GEMMA element found.
#[derive(serde::Serialize)]
pub struct Hit<'a> {
    pub kind: &'static str,
    pub name: &'a str,
    pub object_id: &'a str,
    pub status: Option<&'a str>,
}

pub fn human(text: &str, hits: &[Hit], aliases: &[&Alias]) -> String {
    let mut out = String::new();
    for a in aliases {
        out.push_str(&format!(
            "`{}` is not a GEMMA name: in the model, write {} instead ({}).\n\n",
            clean(&a.alias),
            crate::text::quoted_list(&a.components),
            a.basis
        ));
    }
    let width = hits.iter().map(|h| h.kind.len()).max().unwrap_or(0);
    let names = hits
        .iter()
        .map(|h| h.name.chars().count())
        .max()
        .unwrap_or(0);
    for h in hits {
        out.push_str(&format!(
            "{:width$}  {:names$}  {}",
            h.kind, h.name, h.object_id
        ));
        if let Some(status) = h.status {
            out.push_str(&format!("  ({status})"));
        }
        out.push('\n');
    }
    if hits.is_empty() {
        out.push_str(&format!(
            "Nothing in GEMMA matches `{}`. Try part of the name, an abbreviation or the Object ID; GEMMA Online lists every element.\n",
            clean(text)
        ));
    } else {
        out.push_str(&format!(
            "\n{} GEMMA element{}. Write the name or the Object ID in the model: `reference_components:` for components, `gemma:` on a business function or data object.\n",
            hits.len(),
            if hits.len() == 1 { "" } else { "s" }
        ));
    }
    out
}

pub fn markdown(hits: &[Hit]) -> String {
    let mut out = String::from("| kind | name | Object ID | status |\n| --- | --- | --- | --- |\n");
    for h in hits {
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            h.kind,
            h.name.replace('|', "\\|"),
            h.object_id,
            h.status.unwrap_or("")
        ));
    }
    out
}

pub fn json(hits: &[Hit]) -> String {
    let mut text = serde_json::to_string_pretty(hits).expect("the hits serialise to JSON");
    text.push('\n');
    text
}
