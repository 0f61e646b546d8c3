//! `archiving-by-design`: records are kept durably from the moment they are made — an
//! application that creates records names where they are archived: a DMS or an e-Depot.

use super::{Check, Ctx, Issue, Report};
use crate::graph::{EdgeKind, GNode};
use crate::model::{ElementRef, Kind};

pub const CHECK: Check = Check {
    id: "archiving-by-design",
    variants: &["no-destination", "destination-not-archive"],
    run,
};

/// The referentiecomponenten that archive records.
pub const ARCHIVES: &[&str] = &["Documentbeheercomponent", "Archiefbeheercomponent"];

enum Unarchived {
    NoDestination { who: String },
    NotArchive { who: String, destination: String },
}

impl Issue for Unarchived {
    fn variant(&self) -> &'static str {
        match self {
            Unarchived::NoDestination { .. } => "no-destination",
            Unarchived::NotArchive { .. } => "destination-not-archive",
        }
    }

    fn message(&self) -> String {
        match self {
            Unarchived::NoDestination { who } => {
                format!("{who} creates records but does not say where they are archived")
            }
            Unarchived::NotArchive { who, destination } => format!(
                "{who} archives its records in `{destination}`, which is neither a DMS nor an e-Depot"
            ),
        }
    }

    fn help(&self) -> String {
        match self {
            Unarchived::NoDestination { .. } => "add `archiving: { destination: [...] }` with the applications that archive its records: a DMS (Documentbeheercomponent) or an e-Depot (Archiefbeheercomponent)".into(),
            Unarchived::NotArchive { .. } => "archive in an application that realises the Documentbeheercomponent or the Archiefbeheercomponent, or map the destination to one of them if it is one".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(match self {
            Unarchived::NoDestination { .. } => "records without a destination".into(),
            Unarchived::NotArchive { .. } => "not a DMS or e-Depot".into(),
        })
    }
}

/// Whether an application realises a component that archives records (or might: an
/// unresolved component counts as present).
fn is_archive(ctx: &Ctx, app: usize) -> bool {
    let graph = ctx.graph;
    let n = graph.node(Kind::Application, app);
    let element = ElementRef::new(Kind::Application, &ctx.model.applications[app].id);
    graph.has_unresolved(&element, "reference_components")
        || graph.out(n).any(|(c, e)| match (&e.kind, graph.weight(c)) {
            (EdgeKind::Realises, GNode::GemmaComponent(j)) => {
                ARCHIVES.contains(&ctx.reference.components[j].name.as_str())
            }
            _ => false,
        })
}

fn run(ctx: &Ctx, report: &mut Report) {
    let graph = ctx.graph;
    for (i, app) in ctx.own_applications() {
        let Some(archiving) = &app.body.archiving else {
            continue;
        };
        let Some(records) = archiving.records.as_ref().filter(|r| r.value) else {
            continue;
        };
        let element = ElementRef::new(Kind::Application, &app.id);
        let who = || ctx.name(Kind::Application, i);
        // A DMS or e-Depot archives its own records.
        if is_archive(ctx, i) {
            continue;
        }
        if archiving.destination.is_empty() {
            report.add(
                &Unarchived::NoDestination { who: who() },
                element,
                "archiving.destination",
                Some(app.at(records.span)),
            );
            continue;
        }
        let n = graph.node(Kind::Application, i);
        for (d, edge) in graph.out(n) {
            if !matches!(edge.kind, EdgeKind::ArchivesTo) {
                continue;
            }
            let Some(j) = graph.element_of(d, Kind::Application) else {
                continue;
            };
            if !is_archive(ctx, j) {
                let f = report.add(
                    &Unarchived::NotArchive {
                        who: who(),
                        destination: ctx.model.applications[j].id.clone(),
                    },
                    element.clone(),
                    "archiving.destination",
                    Some(edge.loc),
                );
                f.discriminator = Some(ctx.model.applications[j].id.clone());
            }
        }
    }
}
