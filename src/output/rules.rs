//! `gemmalint rules` and `gemmalint explain`: rendered from the rule cards and the packs.

use serde::Serialize;

use crate::catalogue::Severity;
use crate::catalogue::{Card, Citation, Registry};

/// The default severities of a rule's variants, strongest first ("error, warning").
pub fn severities(card: &Card) -> String {
    let mut s: Vec<Severity> = card.variants.iter().map(|v| v.severity).collect();
    s.sort_by(|a, b| b.cmp(a));
    s.dedup();
    s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

fn principle_line(c: &Citation) -> String {
    match &c.principle.track {
        Some(track) => format!("{track}: {}", c.principle.title),
        None => c.principle.title.clone(),
    }
}

/// The principles a rule enforces, or what it is for when it enforces none.
fn principles(registry: &Registry, card: &Card) -> Vec<String> {
    let cited: Vec<String> = registry
        .citations(&card.id)
        .iter()
        .map(principle_line)
        .collect();
    match cited.is_empty() {
        true if card.id == "model-integrity" => vec!["— (model hygiene)".into()],
        true => vec!["—".into()],
        false => cited,
    }
}

pub fn list_human(registry: &Registry, settings: &crate::catalogue::Settings) -> String {
    let width = registry
        .cards
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(10);
    let mut out = String::new();
    for card in &registry.cards {
        let severities = if settings.is_enabled(&card.id) {
            severities(card)
        } else {
            "off".to_owned()
        };
        out.push_str(&format!(
            "{:width$}  {:<20}  {}\n",
            card.id, severities, card.title
        ));
        for p in principles(registry, card) {
            out.push_str(&format!("{:width$}  {:<20}  ↳ {p}\n", "", ""));
        }
    }
    out.push_str(&format!(
        "\n{} rules. `gemmalint explain <rule>` shows what a rule checks, why, and how to fix or waive it.\n",
        registry.cards.len()
    ));
    out
}

/// The README's rule table.
pub fn list_markdown(registry: &Registry) -> String {
    let mut out = String::from(
        "| rule | checks (variant: default severity) | principle |\n| --- | --- | --- |\n",
    );
    for card in &registry.cards {
        let variants = card
            .variants
            .iter()
            .map(|v| format!("{} ({}: {})", v.description, v.id, v.severity))
            .collect::<Vec<_>>()
            .join("; ");
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            card.id,
            variants.replace('|', "\\|"),
            principles(registry, card).join("; ").replace('|', "\\|")
        ));
    }
    out
}

#[derive(Serialize)]
struct JsonRule<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    scope: &'a str,
    waivable: bool,
    variants: Vec<JsonVariant<'a>>,
    principles: Vec<JsonPrinciple<'a>>,
}

#[derive(Serialize)]
struct JsonVariant<'a> {
    id: &'a str,
    severity: Severity,
    description: &'a str,
}

#[derive(Serialize)]
struct JsonPrinciple<'a> {
    pack: &'a str,
    id: &'a str,
    track: Option<&'a str>,
    title: &'a str,
    quote: Option<&'a str>,
}

pub fn list_json(registry: &Registry) -> String {
    let rules: Vec<JsonRule> = registry
        .cards
        .iter()
        .map(|card| JsonRule {
            id: &card.id,
            title: &card.title,
            summary: &card.summary,
            scope: &card.scope,
            waivable: card.waivable,
            variants: card
                .variants
                .iter()
                .map(|v| JsonVariant {
                    id: &v.id,
                    severity: v.severity,
                    description: &v.description,
                })
                .collect(),
            principles: registry
                .citations(&card.id)
                .into_iter()
                .map(|c| JsonPrinciple {
                    pack: &c.pack.id,
                    id: &c.principle.id,
                    track: c.principle.track.as_deref(),
                    title: &c.principle.title,
                    quote: c.principle.quote.as_deref(),
                })
                .collect(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rules).expect("rules serialise to JSON");
    text.push('\n');
    text
}

fn indent(text: &str, by: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wraps prose at a width, keeping paragraphs.
fn wrap(text: &str, width: usize, by: &str) -> String {
    let mut out = Vec::new();
    for paragraph in text.trim().split("\n\n") {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push(format!("{by}{line}"));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            out.push(format!("{by}{line}"));
        }
        out.push(String::new());
    }
    out.pop();
    out.join("\n")
}

pub fn explain(registry: &Registry, card: &Card) -> String {
    let mut out = format!("{} — {}\n\n", card.id, card.title);
    out.push_str(&wrap(&card.summary, 96, ""));
    out.push_str("\n\n");
    let citations = registry.citations(&card.id);
    if citations.is_empty() {
        out.push_str("Principle: none — this rule keeps the model itself sound.\n\n");
    }
    for c in &citations {
        out.push_str(&format!("Principle ({}", c.pack.title));
        if let Some(track) = &c.principle.track {
            out.push_str(&format!(", spoor {track}"));
        }
        out.push_str(&format!("):\n  {}\n", c.principle.title));
        if let Some(quote) = &c.principle.quote {
            out.push_str(&wrap(&format!("“{}”", quote.trim()), 94, "  "));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&format!("Scope:\n{}\n\n", wrap(&card.scope, 94, "  ")));
    out.push_str(&format!(
        "What it checks:\n{}\n\n",
        wrap(&card.docs.what, 94, "  ")
    ));
    out.push_str(&format!(
        "Why it matters:\n{}\n\n",
        wrap(&card.docs.why, 94, "  ")
    ));
    out.push_str("Variants (default severity):\n");
    let w = card.variants.iter().map(|v| v.id.len()).max().unwrap_or(0);
    for v in &card.variants {
        out.push_str(&format!(
            "  {:w$}  {:<7}  {}\n",
            v.id,
            v.severity.as_str(),
            v.description
        ));
    }
    if !card.parameters.is_empty() {
        out.push_str("\nParameters:\n");
        for p in &card.parameters {
            out.push_str(&format!(
                "  {} (default {}): {}\n",
                p.name, p.default, p.description
            ));
        }
    }
    if !card.docs.example.trim().is_empty() {
        out.push_str(&format!(
            "\nExample — the rule fires:\n{}\n",
            indent(&card.docs.example, "    ")
        ));
        out.push_str(&format!(
            "\nFix — the rule is silent:\n{}\n",
            indent(&card.docs.fix, "    ")
        ));
        for (path, text) in &card.docs.files {
            out.push_str(&format!("\n  {path}:\n{}\n", indent(text, "    ")));
        }
    }
    out.push_str(if card.waivable {
        "\nA deviation can be explained with a waiver (`waivers:` in the model) that names this rule, the target and, optionally, the finding's key.\n"
    } else {
        "\nFindings of this rule cannot be waived: fix the model.\n"
    });
    out
}
