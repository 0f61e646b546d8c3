//! `gemma-mapping`: every application of the municipality realises a normative GEMMA component
//! (a referentiecomponent or national facility) and supports a business function.

use super::{Check, Ctx, Issue, Report};
use crate::graph::{EdgeKind, GNode};
use crate::model::{ElementRef, Kind};

pub const CHECK: Check = Check {
    id: "gemma-mapping",
    variants: &["no-reference-component", "no-business-function"],
    run,
};

enum Unmapped {
    NoComponent {
        who: String,
        only_illustrative: bool,
    },
    NoFunction {
        who: String,
    },
}

impl Issue for Unmapped {
    fn variant(&self) -> &'static str {
        match self {
            Unmapped::NoComponent { .. } => "no-reference-component",
            Unmapped::NoFunction { .. } => "no-business-function",
        }
    }

    fn message(&self) -> String {
        match self {
            Unmapped::NoComponent {
                who,
                only_illustrative: true,
            } => {
                format!("{who} realises only illustrative GEMMA components, no referentiecomponent")
            }
            Unmapped::NoComponent { who, .. } => {
                format!("{who} realises no GEMMA referentiecomponent")
            }
            Unmapped::NoFunction { who } => format!("{who} supports no business function"),
        }
    }

    fn help(&self) -> String {
        match self {
            Unmapped::NoComponent { .. } => "add `reference_components:` with the GEMMA referentiecomponent(s) or national facility it realises, by name or Object ID (GEMMA Online and the Softwarecatalogus list them)".into(),
            Unmapped::NoFunction { .. } => "add `business_functions:` with the ids of the bedrijfsfuncties it supports; they also decide who owns it".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(match self {
            Unmapped::NoComponent { .. } => "no referentiecomponent".into(),
            Unmapped::NoFunction { .. } => "no business function".into(),
        })
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let graph = ctx.graph;
    for (i, app) in ctx.own_applications() {
        let n = graph.node(Kind::Application, i);
        let element = ElementRef::new(Kind::Application, &app.id);
        let who = || ctx.name(Kind::Application, i);
        // An unresolved name counts as present: model-integrity reports it.
        let unresolved = graph.has_unresolved(&element, "reference_components");
        let realised: Vec<usize> = graph
            .out(n)
            .filter(|(_, e)| matches!(e.kind, EdgeKind::Realises))
            .filter_map(|(c, _)| match graph.weight(c) {
                GNode::GemmaComponent(j) => Some(j),
                _ => None,
            })
            .collect();
        let normative = realised
            .iter()
            .any(|&j| ctx.reference.components[j].is_normative());
        if !normative && !unresolved {
            let loc = app
                .body
                .reference_components
                .first()
                .map_or(app.loc(), |c| app.at(c.span));
            report.add(
                &Unmapped::NoComponent {
                    who: who(),
                    only_illustrative: !realised.is_empty(),
                },
                element.clone(),
                "reference_components",
                Some(loc),
            );
        }
        if app.body.business_functions.is_empty() {
            report.add(
                &Unmapped::NoFunction { who: who() },
                element,
                "business_functions",
                Some(app.loc()),
            );
        }
    }
}
