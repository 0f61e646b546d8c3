//! `gemma-mapping`: every application of the municipality realises a normative GEMMA component
//! (a referentiecomponent or national facility) and supports a business function.

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::graph::{EdgeKind, GNode};
use crate::model::{Elem, Field, Kind};

pub(super) const CHECK: Check = Check::of::<Unmapped>(run);

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Unmapped {
    NoReferenceComponent { only_illustrative: bool },
    NoBusinessFunction,
}

impl Issue for Unmapped {
    fn say(&self, who: &str) -> Said {
        match self {
            Unmapped::NoReferenceComponent { only_illustrative } => Said::new(
                if *only_illustrative {
                    format!(
                        "{who} realises only illustrative GEMMA components, no referentiecomponent"
                    )
                } else {
                    format!("{who} realises no GEMMA referentiecomponent")
                },
                "add `reference_components:` with the GEMMA referentiecomponent(s) or national facility it realises, by name or Object ID (GEMMA Online and the Softwarecatalogus list them)",
                "no referentiecomponent",
            ),
            Unmapped::NoBusinessFunction => Said::new(
                format!("{who} supports no business function"),
                "add `business_functions:` with the ids of the bedrijfsfuncties it supports; they also decide who owns it",
                "no business function",
            ),
        }
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let graph = ctx.graph;
    for (i, app) in ctx.own_applications() {
        let me = Elem::new(Kind::Application, i);
        report.examined(me);
        let n = graph.node_of(me);
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
        if !normative && !ctx.reference_broken(me, Field::ReferenceComponents) {
            let loc = app
                .body
                .reference_components
                .first()
                .map_or(app.loc(), |c| app.at(c.span));
            let only_illustrative = !realised.is_empty();
            report.add(
                Unmapped::NoReferenceComponent { only_illustrative },
                me,
                Field::ReferenceComponents,
                loc,
            );
        }
        if app.body.business_functions.is_empty() {
            report.add(
                Unmapped::NoBusinessFunction,
                me,
                Field::BusinessFunctions,
                app.loc(),
            );
        }
    }
}
