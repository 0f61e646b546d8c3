//! `gemmalint rules` and `gemmalint explain`: rendered from the rule cards and the packs. Only
//! the packs in use are quoted; what a default severity rests on is said per variant.

use serde::Serialize;

use crate::catalogue::{Card, Citation, Origin, Registry, RestsOn, Settings, Severity, Variant};

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

/// What a variant's default rests on, in words: "law: Art. 30 lid 1 AVG: …".
pub fn rests_on(registry: &Registry, variant: &Variant) -> String {
    match variant.rests_on() {
        Some(RestsOn::Model) => "the model's own soundness".to_owned(),
        Some(RestsOn::Advice) => "advice: nothing makes it mandatory".to_owned(),
        Some(RestsOn::Principle { pack, principle }) => match registry.principle(pack, principle) {
            Some(c) => format!("{}: {}", c.pack.kind.words(), principle_line(&c)),
            None => format!("{pack}/{principle}"),
        },
        None => "—".to_owned(),
    }
}

/// What a finding's severity rests on, as the human output says it under the help: the card's
/// default (law, GEMMA/NORA, advice or the model's soundness), or the pack or config that set
/// another severity.
/// `None` when the card does not say (a municipality's own field rule: its pack is cited).
pub fn basis(
    registry: &Registry,
    settings: &Settings,
    rule: &str,
    variant: &str,
) -> Option<String> {
    let v = registry.card(rule)?.variant(variant)?;
    let default = settings.severity(rule, variant) == Some(v.severity);
    match settings.origin(rule, variant) {
        // A pack or config that keeps the default adds nothing to what it rests on.
        Origin::Card => v.rests_on.as_ref().map(|_| rests_on(registry, v)),
        _ if default && v.rests_on.is_some() => Some(rests_on(registry, v)),
        Origin::Pack(id) => Some(match registry.pack(id) {
            Some(pack) => format!(
                "{}: its severity is set by the pack `{id}` ({})",
                pack.kind.words(),
                pack.title
            ),
            None => format!("the pack `{id}`"),
        }),
        Origin::Config => Some("its severity set in this repository's `[rules]`".to_owned()),
    }
}

/// What this repository's packs or `[rules]` make of a variant, when it differs from the
/// card's default: "here: warning, set by the pack `x` (…)" or "here: off, …".
fn configured(registry: &Registry, settings: &Settings, rule: &str, v: &Variant) -> Option<String> {
    let here = settings.severity(rule, &v.id);
    if here == Some(v.severity) {
        return None;
    }
    let level = here.map_or("off", Severity::as_str);
    let by = match settings.origin(rule, &v.id) {
        Origin::Pack(id) => match registry.pack(id) {
            Some(pack) => format!("set by the pack `{id}` ({})", pack.title),
            None => format!("set by the pack `{id}`"),
        },
        Origin::Config => "set in this repository's `[rules]`".to_owned(),
        Origin::Card if here.is_none() => "the rule is off".to_owned(),
        Origin::Card => return None,
    };
    Some(format!("here: {level}, {by}"))
}

/// The principles (of the packs in use) a rule enforces.
fn principles(registry: &Registry, card: &Card) -> Vec<String> {
    registry
        .citations(&card.id, None)
        .iter()
        .map(|c| format!("{} — {}", c.pack.title, principle_line(c)))
        .collect()
}

pub fn list_human(registry: &Registry, settings: &Settings) -> String {
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
        "\n{} rules. `gemmalint explain <rule>` shows what a rule checks, why, what it rests on, and how to fix or waive it.\n",
        registry.cards.len()
    ));
    out
}

/// The README's rule table: per variant, its default severity, what that default rests on, and
/// the built-in packs that cite it.
pub fn list_markdown(registry: &Registry) -> String {
    let mut out = String::from(
        "| rule | variant: what it finds | default | rests on | cited by |\n| --- | --- | --- | --- | --- |\n",
    );
    for card in &registry.cards {
        for v in &card.variants {
            let cited: Vec<&str> = registry
                .packs
                .iter()
                .filter(|pack| {
                    pack.principles
                        .iter()
                        .any(|p| p.cites(&card.id, Some(&v.id)))
                })
                .map(|pack| pack.id.as_str())
                .collect();
            out.push_str(&format!(
                "| `{}` | {}: {} | {} | {} | {} |\n",
                card.id,
                v.id,
                v.description.replace('|', "\\|"),
                v.severity,
                rests_on(registry, v).replace('|', "\\|"),
                if cited.is_empty() {
                    "—".to_owned()
                } else {
                    cited
                        .iter()
                        .map(|p| format!("`{p}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ));
        }
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
    rests_on: Option<&'a str>,
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
                    rests_on: v.rests_on.as_deref(),
                })
                .collect(),
            principles: registry
                .citations(&card.id, None)
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

/// Wraps prose at a width, keeping paragraphs and Markdown list items (`- …`, each on its own
/// line, its continuation indented under its text).
fn wrap(text: &str, width: usize, by: &str) -> String {
    let mut out = Vec::new();
    for paragraph in text.trim().split("\n\n") {
        // The paragraph's blocks: running text, or one list item each.
        let mut blocks: Vec<(bool, String)> = Vec::new();
        for l in paragraph.lines() {
            match l.trim_start().strip_prefix("- ") {
                Some(item) => blocks.push((true, item.to_owned())),
                None => match blocks.last_mut() {
                    Some((_, text)) => {
                        text.push(' ');
                        text.push_str(l);
                    }
                    None => blocks.push((false, l.to_owned())),
                },
            }
        }
        for (item, text) in blocks {
            let (first, rest) = if item {
                (format!("{by}- "), format!("{by}  "))
            } else {
                (by.to_owned(), by.to_owned())
            };
            let mut line = String::new();
            let mut prefix = &first;
            for word in text.split_whitespace() {
                if !line.is_empty()
                    && prefix.chars().count() + line.chars().count() + 1 + word.chars().count()
                        > width + by.chars().count()
                {
                    out.push(format!("{prefix}{line}"));
                    line.clear();
                    prefix = &rest;
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            if !line.is_empty() {
                out.push(format!("{prefix}{line}"));
            }
        }
        out.push(String::new());
    }
    out.pop();
    out.join("\n")
}

/// The principles of the packs in use that a rule enforces, each with its quote and the
/// variants it grounds.
fn explain_principles(registry: &Registry, card: &Card, out: &mut String) {
    let citations = registry.citations(&card.id, None);
    if citations.is_empty() {
        out.push_str("Principles: none in the packs in use.\n\n");
        return;
    }
    for c in &citations {
        out.push_str(&format!("Principle ({}", c.pack.title));
        if let Some(track) = &c.principle.track {
            out.push_str(&format!(", {track}"));
        }
        out.push_str(&format!("):\n  {}\n", c.principle.title));
        if let Some(quote) = &c.principle.quote {
            out.push_str(&wrap(&format!("“{}”", quote.trim()), 94, "  "));
            out.push('\n');
        }
        // A variant, and the things its findings must be about when the principle says so
        // (`verplicht` for `pdf-en-iso`).
        let grounds: Vec<String> = card
            .variants
            .iter()
            .filter(|v| c.principle.cites(&card.id, Some(&v.id)))
            .map(|v| {
                let about: Vec<&str> = c
                    .principle
                    .rules
                    .iter()
                    .map(|r| crate::catalogue::Cited::parse(&r.value))
                    .filter(|x| x.rule == card.id && x.variant == Some(v.id.as_str()))
                    .filter_map(|x| x.about)
                    .collect();
                if about.is_empty() {
                    v.id.clone()
                } else {
                    format!("{} for {}", v.id, about.join(", "))
                }
            })
            .collect();
        let narrowed = grounds.iter().any(|g| g.contains(" for "));
        if grounds.len() < card.variants.len() || narrowed {
            out.push_str(&format!("  (grounds: {})\n", grounds.join(", ")));
        }
        out.push('\n');
    }
}

pub fn explain(registry: &Registry, settings: &Settings, card: &Card) -> String {
    let mut out = format!("{} — {}\n\n", card.id, card.title);
    out.push_str(&wrap(&card.summary, 96, ""));
    out.push_str("\n\n");
    explain_principles(registry, card, &mut out);
    out.push_str(&format!("Scope:\n{}\n\n", wrap(&card.scope, 94, "  ")));
    out.push_str(&format!(
        "What it checks:\n{}\n\n",
        wrap(&card.docs.what, 94, "  ")
    ));
    out.push_str(&format!(
        "Why it matters:\n{}\n\n",
        wrap(&card.docs.why, 94, "  ")
    ));
    out.push_str("Variants (default severity; what the default rests on):\n");
    let w = card.variants.iter().map(|v| v.id.len()).max().unwrap_or(0);
    for v in &card.variants {
        out.push_str(&format!(
            "  {:w$}  {:<7}  {}\n  {:w$}           rests on {}\n",
            v.id,
            v.severity.as_str(),
            v.description,
            "",
            rests_on(registry, v)
        ));
        if let Some(here) = configured(registry, settings, &card.id, v) {
            out.push_str(&format!("  {:w$}           {here}\n", ""));
        }
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
