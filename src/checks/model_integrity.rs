//! `model-integrity`: every reference resolves, no `parent` cycles, GEMMA names are exact and
//! normative, licences are SPDX. This rule alone owns unresolved references.

use petgraph::algo::tarjan_scc;
use petgraph::graph::NodeIndex;

use super::{Check, Ctx, Issue, Report};
use crate::graph::{EdgeKind, GNode, GemmaCaveat, Target};
use crate::model::{ElementRef, Kind};
use crate::tree::shorten;

pub const CHECK: Check = Check {
    id: "model-integrity",
    variants: &[
        "unknown-reference",
        "unknown-gemma-name",
        "unknown-standard",
        "unknown-basisregistratie",
        "unknown-rule",
        "parent-cycle",
        "invalid-license",
        "missing-file",
        "ambiguous-gemma-name",
        "non-normative-component",
        "end-of-support-component",
    ],
    run,
};

enum Broken {
    UnknownTarget {
        who: String,
        text: String,
        suggestions: Vec<String>,
    },
    UnknownElement {
        who: String,
        target: Kind,
        text: String,
        suggestions: Vec<String>,
    },
    UnknownTargetKind {
        who: String,
        text: String,
        suggestions: Vec<String>,
    },
    UnknownGemma {
        who: String,
        what: &'static str,
        text: String,
        suggestions: Vec<String>,
        right: Option<String>,
    },
    UnknownStandard {
        who: String,
        text: String,
        suggestions: Vec<String>,
    },
    UnknownBasisregistratie {
        who: String,
        text: String,
        suggestions: Vec<String>,
        known: String,
    },
    UnknownRule {
        who: String,
        text: String,
        suggestion: Option<String>,
    },
    ParentCycle {
        who: String,
        cycle: Vec<String>,
    },
    InvalidLicense {
        who: String,
        text: String,
        reason: String,
        suggestion: Option<String>,
    },
    MissingFile {
        who: String,
        field: &'static str,
        text: String,
        outside: bool,
    },
    Ambiguous {
        who: String,
        text: String,
        candidates: Vec<(String, String, Option<String>)>,
    },
    NonNormative {
        who: String,
        text: String,
        suggestions: Vec<String>,
    },
    EndOfSupport {
        who: String,
        text: String,
    },
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => format!(
            "{} or `{last}`",
            init.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn did_you_mean(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!("did you mean {}? ", list(items))
    }
}

impl Issue for Broken {
    fn variant(&self) -> &'static str {
        match self {
            Broken::UnknownElement { .. }
            | Broken::UnknownTargetKind { .. }
            | Broken::UnknownTarget { .. } => "unknown-reference",
            Broken::UnknownGemma { .. } => "unknown-gemma-name",
            Broken::UnknownStandard { .. } => "unknown-standard",
            Broken::UnknownBasisregistratie { .. } => "unknown-basisregistratie",
            Broken::UnknownRule { .. } => "unknown-rule",
            Broken::ParentCycle { .. } => "parent-cycle",
            Broken::InvalidLicense { .. } => "invalid-license",
            Broken::MissingFile { .. } => "missing-file",
            Broken::Ambiguous { .. } => "ambiguous-gemma-name",
            Broken::NonNormative { .. } => "non-normative-component",
            Broken::EndOfSupport { .. } => "end-of-support-component",
        }
    }

    fn discriminator(&self) -> Option<String> {
        match self {
            Broken::UnknownElement { text, .. }
            | Broken::UnknownTarget { text, .. }
            | Broken::UnknownTargetKind { text, .. }
            | Broken::UnknownGemma { text, .. }
            | Broken::UnknownStandard { text, .. }
            | Broken::Ambiguous { text, .. }
            | Broken::NonNormative { text, .. }
            | Broken::EndOfSupport { text, .. } => Some(text.clone()),
            _ => None,
        }
    }

    fn message(&self) -> String {
        match self {
            Broken::UnknownElement {
                who, target, text, ..
            } => {
                format!(
                    "{who} refers to the {} `{}`, which is not defined",
                    target.noun(),
                    shorten(text)
                )
            }
            Broken::UnknownTarget { who, text, .. } => {
                format!("{who} targets `{}`, which is not defined", shorten(text))
            }
            Broken::UnknownTargetKind { who, text, .. } => {
                format!(
                    "{who} targets `{}`, which is not a `kind:id`",
                    shorten(text)
                )
            }
            Broken::UnknownGemma {
                who,
                what,
                text,
                right: Some(_),
                ..
            } => {
                format!(
                    "{who} names the {what} `{}` in the wrong case",
                    shorten(text)
                )
            }
            Broken::UnknownGemma {
                who, what, text, ..
            } => {
                format!(
                    "{who} names the {what} `{}`, which GEMMA does not have",
                    shorten(text)
                )
            }
            Broken::UnknownStandard { who, text, .. } => {
                format!(
                    "{who} implements `{}`, which is not in the standards catalogue",
                    shorten(text)
                )
            }
            Broken::UnknownBasisregistratie { who, text, .. } => {
                format!(
                    "{who} names the basisregistratie `{}`, which does not exist",
                    shorten(text)
                )
            }
            Broken::UnknownRule { who, text, .. } => {
                format!(
                    "{who} is for the rule `{}`, which does not exist",
                    shorten(text)
                )
            }
            Broken::ParentCycle { who, cycle } => format!(
                "the parents of {who} form a cycle: {}",
                cycle
                    .iter()
                    .chain(std::iter::once(&cycle[0]))
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
            Broken::InvalidLicense {
                who, text, reason, ..
            } => {
                format!(
                    "the licence `{}` of {who} is not an SPDX expression: {reason}",
                    shorten(text)
                )
            }
            Broken::MissingFile {
                who,
                field,
                text,
                outside: true,
            } => {
                format!(
                    "the {field} `{}` of {who} lies outside the model root, so it is not read",
                    shorten(text)
                )
            }
            Broken::MissingFile {
                who,
                field,
                text,
                outside: false,
            } => {
                format!("the {field} `{}` of {who} does not exist", shorten(text))
            }
            Broken::Ambiguous {
                who,
                text,
                candidates,
            } => format!(
                "{who} names `{}`, which is the name of {} different GEMMA elements",
                shorten(text),
                candidates.len()
            ),
            Broken::NonNormative { who, text, .. } => format!(
                "{who} realises `{}`, an illustrative GEMMA component that is not a referentiecomponent",
                shorten(text)
            ),
            Broken::EndOfSupport { who, text } => format!(
                "{who} realises `{}`, a GEMMA component with status \"Einde ondersteuning\"",
                shorten(text)
            ),
        }
    }

    fn help(&self) -> String {
        match self {
            Broken::UnknownElement { target, suggestions, .. } => format!(
                "{}define it under `{}:` or correct the id",
                did_you_mean(suggestions),
                target.collection()
            ),
            Broken::UnknownTarget { suggestions, .. } => format!(
                "{}correct the target, or remove it if the element is gone",
                did_you_mean(suggestions)
            ),
            Broken::UnknownTargetKind { suggestions, .. } => format!(
                "{}write a target as `kind:id` or `kind:*`, with kind one of {}",
                did_you_mean(suggestions),
                Kind::ALL.map(|k| format!("`{k}`")).join(", ")
            ),
            Broken::UnknownGemma { right: Some(right), .. } => {
                format!("GEMMA names match exactly: write `{right}`")
            }
            Broken::UnknownGemma { suggestions, what, .. } => format!(
                "{}use the exact GEMMA name or its Object ID; GEMMA Online lists every {what}",
                did_you_mean(suggestions)
            ),
            Broken::UnknownStandard { suggestions, .. } => format!(
                "{}use the id or an alias of a standard in the catalogue (`gemmalint standards` lists them), or add the municipality's own standard under `standards:`",
                did_you_mean(suggestions)
            ),
            Broken::UnknownBasisregistratie { suggestions, known, .. } => {
                format!("{}the basisregistraties are {known}", did_you_mean(suggestions))
            }
            Broken::UnknownRule { suggestion, .. } => format!(
                "{}`gemmalint rules` lists the rules",
                suggestion.as_ref().map_or(String::new(), |s| format!("{s} "))
            ),
            Broken::ParentCycle { .. } => "an element cannot be its own ancestor: remove one `parent` from the cycle".into(),
            Broken::InvalidLicense { suggestion, .. } => format!(
                "{}write an SPDX licence expression (see https://spdx.org/licenses/), `proprietary`, `unknown` or `LicenseRef-…`",
                suggestion.as_ref().map_or(String::new(), |s| format!("did you mean `{s}`? "))
            ),
            Broken::MissingFile { outside: true, .. } => {
                "give a path relative to the model root, inside it (no `..`, no absolute path, no symlink out)".into()
            }
            Broken::MissingFile { .. } => "correct the path; it is relative to the model root".into(),
            Broken::Ambiguous { candidates, .. } => format!(
                "use the Object ID of the one you mean (GEMMA Online shows each at https://www.gemmaonline.nl/index.php/GEMMA/id-<Object ID>): {}",
                candidates
                    .iter()
                    .map(|(_, id, note)| match note {
                        Some(n) => format!("`{id}` ({n})"),
                        None => format!("`{id}`"),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Broken::NonNormative { suggestions, .. } => format!(
                "it does not count as a referentiecomponent; name the normative component it stands for{}",
                if suggestions.is_empty() { String::new() } else { format!(", such as {}", list(suggestions)) }
            ),
            Broken::EndOfSupport { .. } => {
                "GEMMA no longer supports this component; map the application to its successor".into()
            }
        }
    }

    fn label(&self) -> Option<String> {
        Some(
            match self {
                Broken::UnknownElement { .. } | Broken::UnknownTarget { .. } => "not defined",
                Broken::UnknownTargetKind { .. } => "not a `kind:id`",
                Broken::UnknownGemma { right: Some(_), .. } => "wrong case",
                Broken::UnknownGemma { .. } => "not a GEMMA name",
                Broken::UnknownStandard { .. } => "not in the catalogue",
                Broken::UnknownBasisregistratie { .. } => "not a basisregistratie",
                Broken::UnknownRule { .. } => "no such rule",
                Broken::ParentCycle { .. } => "closes the cycle",
                Broken::InvalidLicense { .. } => "not SPDX",
                Broken::MissingFile { outside: true, .. } => "outside the model root",
                Broken::MissingFile { .. } => "not found",
                Broken::Ambiguous { .. } => "ambiguous",
                Broken::NonNormative { .. } => "not normative",
                Broken::EndOfSupport { .. } => "einde ondersteuning",
            }
            .to_owned(),
        )
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let who = |e: &ElementRef| {
        let index = ctx
            .model
            .find(e.kind, &e.id)
            .expect("findings name elements of the model");
        ctx.name(e.kind, index)
    };
    for u in &ctx.graph.unresolved {
        let w = who(&u.element);
        let issue = match &u.target {
            Target::Element(_) if u.element.kind == Kind::Waiver => Broken::UnknownTarget {
                who: w,
                text: u.text.clone(),
                suggestions: u.suggestions.clone(),
            },
            Target::Element(kind) => Broken::UnknownElement {
                who: w,
                target: *kind,
                text: u.text.clone(),
                suggestions: u.suggestions.clone(),
            },
            Target::KindWord => Broken::UnknownTargetKind {
                who: w,
                text: u.text.clone(),
                suggestions: u.suggestions.clone(),
            },
            Target::GemmaComponent | Target::GemmaFunction | Target::GemmaObject => {
                Broken::UnknownGemma {
                    who: w,
                    what: match u.target {
                        Target::GemmaComponent => "GEMMA component",
                        Target::GemmaFunction => "GEMMA bedrijfsfunctie",
                        _ => "GEMMA bedrijfsobject",
                    },
                    text: u.text.clone(),
                    suggestions: u.suggestions.clone(),
                    right: u.right_spelling.clone(),
                }
            }
            Target::Standard => Broken::UnknownStandard {
                who: w,
                text: u.text.clone(),
                suggestions: u.suggestions.clone(),
            },
            Target::Basisregistratie => Broken::UnknownBasisregistratie {
                who: w,
                text: u.text.clone(),
                suggestions: u.suggestions.clone(),
                known: ctx
                    .reference
                    .basisregistraties
                    .iter()
                    .filter(|b| b.in_stelsel)
                    .map(|b| format!("`{}` ({})", b.code, b.name))
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        };
        report.add(&issue, u.element.clone(), u.field.clone(), Some(u.loc));
    }

    for note in &ctx.graph.gemma_notes {
        let w = who(&note.element);
        let issue = match &note.caveat {
            GemmaCaveat::Ambiguous(candidates) => Broken::Ambiguous {
                who: w,
                text: note.text.clone(),
                candidates: candidates.clone(),
            },
            GemmaCaveat::NonNormative(suggestions) => Broken::NonNormative {
                who: w,
                text: note.text.clone(),
                suggestions: suggestions.clone(),
            },
            GemmaCaveat::EndOfSupport => Broken::EndOfSupport {
                who: w,
                text: note.text.clone(),
            },
        };
        report.add(
            &issue,
            note.element.clone(),
            note.field.clone(),
            Some(note.loc),
        );
    }

    parent_cycles(ctx, report);
    waiver_rules(ctx, report);
    licences(ctx, report);
    publiccode_files(ctx, report);
}

fn parent_cycles(ctx: &Ctx, report: &mut Report) {
    // Only owners and business functions have parents: look at those nodes alone.
    let mut parents: petgraph::graph::DiGraph<NodeIndex, ()> = petgraph::graph::DiGraph::new();
    let mut small: std::collections::HashMap<NodeIndex, NodeIndex> =
        std::collections::HashMap::new();
    let mut node = |g: &mut petgraph::graph::DiGraph<NodeIndex, ()>, n: NodeIndex| {
        *small.entry(n).or_insert_with(|| g.add_node(n))
    };
    for kind in [Kind::Owner, Kind::BusinessFunction] {
        for i in 0..ctx.model.ids(kind).len() {
            let n = ctx.graph.node(kind, i);
            for (t, e) in ctx.graph.out(n) {
                if matches!(e.kind, EdgeKind::PartOf) {
                    let (a, b) = (node(&mut parents, n), node(&mut parents, t));
                    parents.add_edge(a, b, ());
                }
            }
        }
    }
    for scc in tarjan_scc(&parents) {
        let is_cycle = scc.len() > 1 || parents.contains_edge(scc[0], scc[0]);
        if !is_cycle {
            continue;
        }
        let scc: Vec<NodeIndex> = scc.into_iter().map(|s| parents[s]).collect();
        let GNode::Element(kind, _) = ctx.graph.weight(scc[0]) else {
            continue;
        };
        // Walk the cycle from its smallest id, so the message is the same every run.
        let start = *scc
            .iter()
            .min_by_key(|&&n| match ctx.graph.weight(n) {
                GNode::Element(k, i) => ctx.model.describe(k, i).1.to_owned(),
                _ => String::new(),
            })
            .expect("a cycle has members");
        let mut cycle = Vec::new();
        let mut at = start;
        let mut edge_loc = None;
        while let GNode::Element(k, i) = ctx.graph.weight(at) {
            cycle.push(ctx.model.describe(k, i).1.to_owned());
            let Some((next, edge)) = ctx
                .graph
                .out(at)
                .find(|(t, e)| matches!(e.kind, EdgeKind::PartOf) && scc.contains(t))
            else {
                break;
            };
            if edge_loc.is_none() {
                edge_loc = Some(edge.loc);
            }
            at = next;
            if at == start || cycle.len() > scc.len() {
                break;
            }
        }
        let element = ElementRef::new(kind, cycle[0].clone());
        let index = ctx
            .model
            .find(kind, &cycle[0])
            .expect("the members of a cycle are elements");
        report.add(
            &Broken::ParentCycle {
                who: ctx.name(kind, index),
                cycle,
            },
            element,
            "parent",
            edge_loc,
        );
    }
}

fn waiver_rules(ctx: &Ctx, report: &mut Report) {
    for (i, w) in ctx.model.waivers.iter().enumerate() {
        if ctx.registry.card(&w.body.rule.value).is_none() {
            report.add(
                &Broken::UnknownRule {
                    who: ctx.name(Kind::Waiver, i),
                    text: w.body.rule.value.clone(),
                    suggestion: ctx.registry.suggest_rule(&w.body.rule.value),
                },
                ElementRef::new(Kind::Waiver, &w.id),
                "rule",
                Some(w.at(w.body.rule.span)),
            );
        }
    }
}

/// The SPDX expression a licence written loosely was probably meant to be.
fn licence_suggestion(text: &str) -> Option<String> {
    // `EUPL 1.2` → `EUPL-1.2`
    let joined = text.split_whitespace().collect::<Vec<_>>().join("-");
    if let Some(id) = spdx::license_id(&joined) {
        return Some(id.name.to_owned());
    }
    // `Apache 2.0 or MIT` → `Apache-2.0 OR MIT`, through spdx's lax reading
    if spdx::Expression::parse_mode(text, spdx::ParseMode::LAX).is_ok() {
        let words: Vec<String> = text
            .split_whitespace()
            .map(|word| match word.to_uppercase().as_str() {
                op @ ("AND" | "OR" | "WITH") => op.to_owned(),
                _ => spdx::imprecise_license_id(word.trim_end_matches('+'))
                    .map_or_else(|| word.to_owned(), |(id, _)| id.name.to_owned()),
            })
            .collect();
        let candidate = words.join(" ");
        if candidate != text && spdx::Expression::parse(&candidate).is_ok() {
            return Some(candidate);
        }
    }
    spdx::imprecise_license_id(text).map(|(id, _)| id.name.to_owned())
}

fn licences(ctx: &Ctx, report: &mut Report) {
    for (i, app) in ctx.model.applications.iter().enumerate() {
        let Some(licence) = &app.body.license else {
            continue;
        };
        let text = licence.value.trim();
        if super::open_source_unless::LICENCE_WORDS.contains(&text) {
            continue;
        }
        if let Err(e) = spdx::Expression::parse(text) {
            let suggestion = licence_suggestion(text);
            // Point at the offending token inside the value (after an opening quote).
            let file = ctx.sources.get(app.file);
            let raw = file.slice(licence.span);
            let quote = usize::from(raw.starts_with('"') || raw.starts_with('\''));
            let lead = raw.len() - raw.trim_start_matches(['"', '\'']).trim_start().len();
            let start = licence.span.start as usize + lead.max(quote) + e.span.start;
            let len = e.span.end.saturating_sub(e.span.start).max(1);
            let span = if start + len <= licence.span.end() {
                crate::source::Span::new(start, len)
            } else {
                licence.span
            };
            report.add(
                &Broken::InvalidLicense {
                    who: ctx.name(Kind::Application, i),
                    text: text.to_owned(),
                    reason: e.reason.to_string(),
                    suggestion,
                },
                ElementRef::new(Kind::Application, &app.id),
                "license",
                Some(app.at(span)),
            );
        }
    }
}

fn publiccode_files(ctx: &Ctx, report: &mut Report) {
    for (i, app) in ctx.model.applications.iter().enumerate() {
        let Some(path) = &app.body.publiccode else {
            continue;
        };
        let outside = match crate::model::inside_root_file(ctx.root, &path.value) {
            crate::model::FileCheck::Inside(_) => continue,
            crate::model::FileCheck::Missing => false,
            crate::model::FileCheck::Outside => true,
        };
        report.add(
            &Broken::MissingFile {
                who: ctx.name(Kind::Application, i),
                field: "publiccode",
                text: path.value.clone(),
                outside,
            },
            ElementRef::new(Kind::Application, &app.id),
            "publiccode",
            Some(app.at(path.span)),
        );
    }
}
