//! `privacy-by-design`: an application that processes personal data is in the
//! verwerkingsregister and logs its processing, so residents can see what was done with their data.

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::graph::EdgeKind;
use crate::model::{Elem, Field, Kind};

pub(super) const CHECK: Check = Check::of::<Unprotected>(run);

/// Standards that log processing: either satisfies the rule.
pub const LOGGING: &[&str] = &["logboek-dataverwerkingen", "verwerkingenlogging"];

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Unprotected {
    ContradictsData { object: String },
    NoProcessingRegister,
    NoLogging,
    NoDpia { why: Dpia },
}

/// What makes a DPIA compulsory for an application.
#[derive(Copy, Clone)]
enum Dpia {
    SpecialCategories,
    Profiling,
}

impl Issue for Unprotected {
    fn say(&self, who: &str) -> Said {
        match self {
            Unprotected::ContradictsData { object } => Said::new(
                format!(
                    "{who} says it processes no personal data, but it has `{object}`, which is personal data"
                ),
                "remove `personal_data: false` (holding, copying or querying personal data is processing it), or correct the data object",
                "contradicts its data",
            ),
            Unprotected::NoProcessingRegister => Said::new(
                format!(
                    "{who} processes personal data but has no entry in the verwerkingsregister"
                ),
                "add `processing_register:` with its entries in the verwerkingsregister (`VR-0042`, or a list)",
                "not in the verwerkingsregister",
            ),
            Unprotected::NoDpia { why } => Said::new(
                match why {
                    Dpia::SpecialCategories => format!(
                        "{who} processes special categories of personal data but names no DPIA"
                    ),
                    Dpia::Profiling => format!("{who} profiles people but names no DPIA"),
                },
                "carry out a data protection impact assessment before the processing (AVG art. 35) and add `dpia:` with its reference or URL",
                "no DPIA",
            ),
            Unprotected::NoLogging => Said::new(
                format!("{who} processes personal data but does not log its processing"),
                "log when, on which grounds and for which purpose personal data is processed: implement `logboek-dataverwerkingen` (Logius) or the GEMMA `verwerkingenlogging` API standard and list it under `standards:`",
                "no logging of processing",
            ),
        }
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let logging: Vec<usize> = LOGGING
        .iter()
        .filter_map(|id| ctx.reference.standards.find(id))
        .collect();
    for (i, app) in ctx.own_applications() {
        let b = &app.body;
        let me = Elem::new(Kind::Application, i);
        if let Some(declared) = b.personal_data.as_ref().filter(|p| !p.value) {
            let n = ctx.graph.node_of(me);
            let personal = ctx.graph.out(n).find_map(|(d, e)| match e.kind {
                EdgeKind::Holds(_) => ctx
                    .graph
                    .element_of(d, Kind::DataObject)
                    .filter(|&j| {
                        ctx.model.data_objects[j]
                            .body
                            .personal_data
                            .as_ref()
                            .is_some_and(|p| p.value)
                    })
                    .map(|j| ctx.model.data_objects[j].id.clone()),
                _ => None,
            });
            if let Some(object) = personal {
                let issue = Unprotected::ContradictsData { object };
                report.add(issue, me, Field::PersonalData, app.at(declared.span));
            }
        }
        let dpia_needed = [
            (&b.special_categories, Dpia::SpecialCategories),
            (&b.profiling, Dpia::Profiling),
        ]
        .into_iter()
        .find_map(|(flag, why)| flag.as_ref().filter(|f| f.value).map(|f| (f.span, why)));
        let has_dpia = b.dpia.as_ref().is_some_and(|d| !d.value.trim().is_empty());
        if let Some((span, why)) = dpia_needed
            && !has_dpia
        {
            report.add(Unprotected::NoDpia { why }, me, Field::Dpia, app.at(span));
        }
        if !ctx.graph.processes_personal_data(ctx.model, i) && dpia_needed.is_none() {
            continue;
        }
        report.examined(me);
        if b.processing_register
            .iter()
            .all(|r| r.value.trim().is_empty())
        {
            let loc = b
                .processing_register
                .first()
                .map_or(app.loc(), |r| app.at(r.span));
            let field = Field::ProcessingRegister;
            report.add(Unprotected::NoProcessingRegister, me, field, loc);
        }
        let misspelt = ctx.standard_may_be_misspelt(me, |have| {
            logging
                .iter()
                .any(|&s| ctx.reference.standards.satisfies(have, s))
        });
        if !misspelt && !logging.iter().any(|&s| ctx.implements(me, s)) {
            report.add(Unprotected::NoLogging, me, Field::Standards, app.loc());
        }
    }
}
