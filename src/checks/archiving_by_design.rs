//! `archiving-by-design`: records are kept durably from the moment they are made — an
//! application that creates records names where they are archived: a DMS or an e-Depot. An
//! application that takes decisions without a person creates records (the decisions).

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::graph::{EdgeKind, GNode};
use crate::model::{DecisionMaking, Elem, Field, Kind};

pub(super) const CHECK: Check = Check::of::<Unarchived>(run);

/// The referentiecomponenten that archive records.
pub const ARCHIVES: &[&str] = &[
    "Documentbeheercomponent",
    // Common Ground's place for documents, as Open Zaak's Documenten API is: "Component voor
    // opslag en ontsluiting van documenten en daarbij behorende metadata" (GEMMA).
    "Documentregistratiecomponent",
    "Archiefbeheercomponent",
    // GEMMA's e-Depot as a national or regional facility (an "overig" element, not normative).
    "e-Depotvoorziening",
];

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Unarchived {
    DecisionsNotArchived { says_no_records: bool },
    NoDestination,
    DestinationNotArchive { destination: String },
}

impl Issue for Unarchived {
    fn say(&self, who: &str) -> Said {
        match self {
            Unarchived::DecisionsNotArchived { says_no_records } => Said::new(
                if *says_no_records {
                    format!(
                        "{who} says it creates no records (`archiving.records: false`), but it takes decisions without a person, and decisions are records"
                    )
                } else {
                    format!(
                        "{who} takes decisions without a person (`decision_making: automated`), and decisions are records, but it says nothing about archiving them"
                    )
                },
                "add `archiving: { records: true, destination: [...] }` with the DMS or e-Depot where its decisions are archived, also when they get there through another application such as the zaaksysteem; or explain the deviation with a waiver",
                "decisions without archiving",
            ),
            Unarchived::NoDestination => Said::new(
                format!("{who} creates records but does not say where they are archived"),
                "add `archiving: { destination: [...] }` with the applications that archive its records: a DMS (Documentbeheercomponent, or Common Ground's Documentregistratiecomponent) or an e-Depot (Archiefbeheercomponent, or the e-Depotvoorziening of a national or regional archive)",
                "records without a destination",
            ),
            Unarchived::DestinationNotArchive { destination } => Said::new(
                format!(
                    "{who} archives its records in `{destination}`, which is neither a DMS nor an e-Depot"
                ),
                "archive in an application that realises the Documentbeheercomponent, the Documentregistratiecomponent, the Archiefbeheercomponent or the e-Depotvoorziening, or map the destination to one of them if it is one",
                "not a DMS or e-Depot",
            ),
        }
    }

    fn key(&self) -> Option<String> {
        match self {
            Unarchived::DestinationNotArchive { destination } => Some(destination.clone()),
            Unarchived::NoDestination | Unarchived::DecisionsNotArchived { .. } => None,
        }
    }
}

/// Whether an application realises a component that archives records (or might: an
/// unresolved component counts as present).
fn is_archive(ctx: &Ctx, app: usize) -> bool {
    let graph = ctx.graph;
    let me = Elem::new(Kind::Application, app);
    ctx.reference_broken(me, Field::ReferenceComponents)
        || graph
            .out(graph.node_of(me))
            .any(|(c, e)| match (&e.kind, graph.weight(c)) {
                (EdgeKind::Realises, GNode::GemmaComponent(j)) => {
                    ARCHIVES.contains(&ctx.reference.components[j].name.as_str())
                }
                _ => false,
            })
}

fn run(ctx: &Ctx, report: &mut Report) {
    let graph = ctx.graph;
    // Once per application: many may archive to one.
    let archives: Vec<bool> = (0..ctx.model.applications.len())
        .map(|j| is_archive(ctx, j))
        .collect();
    for (i, app) in ctx.own_applications() {
        // A decision taken without a person is made by this application: a record
        // (archiefbescheiden, art. 1 onder c Archiefwet 1995) that must be archived.
        let automated = app
            .body
            .decision_making
            .as_ref()
            .filter(|d| d.value == DecisionMaking::Automated);
        let archiving = app.body.archiving.as_ref();
        let records = archiving.and_then(|a| a.records.as_ref());
        let creates_records = match records {
            Some(r) => r.value,
            None => automated.is_some(),
        };
        if !creates_records && automated.is_none() {
            continue;
        }
        let me = Elem::new(Kind::Application, i);
        report.examined(me);
        // A DMS or e-Depot archives its own records.
        if archives[i] {
            continue;
        }
        // Where it says it makes records, or that it decides.
        let at = records
            .map(|r| r.span)
            .or(automated.map(|a| a.span))
            .map_or(app.loc(), |s| app.at(s));
        let (Some(archiving), true) = (archiving, creates_records) else {
            let says_no_records = records.is_some();
            let issue = Unarchived::DecisionsNotArchived { says_no_records };
            report.add(issue, me, Field::Archiving, at);
            continue;
        };
        let field = Field::Archiving.at("destination");
        if archiving.destination.is_empty() {
            report.add(Unarchived::NoDestination, me, field, at);
            continue;
        }
        for (d, edge) in graph.out(graph.node_of(me)) {
            if !matches!(edge.kind, EdgeKind::ArchivesTo) {
                continue;
            }
            let Some(j) = graph.element_of(d, Kind::Application) else {
                continue;
            };
            if !archives[j] {
                let destination = ctx.model.applications[j].id.clone();
                let issue = Unarchived::DestinationNotArchive { destination };
                report.add(issue, me, field.clone(), edge.loc);
            }
        }
    }
}
