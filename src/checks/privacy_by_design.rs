//! `privacy-by-design`: an application that processes personal data is in the
//! verwerkingsregister and logs its processing, so residents can see what was done with their data.

use super::{
    Check, Ctx, Issue, Report, implements, misspelt_standard_might_be, processes_personal_data,
};
use crate::graph::EdgeKind;
use crate::model::{ElementRef, Kind};

pub const CHECK: Check = Check {
    id: "privacy-by-design",
    variants: &["contradicts-data", "no-processing-register", "no-logging"],
    run,
};

/// Standards that log processing: either satisfies the rule.
pub const LOGGING: &[&str] = &["logboek-dataverwerkingen", "verwerkingenlogging"];

enum Unprotected {
    ContradictsData { who: String, object: String },
    NoRegister { who: String },
    NoLogging { who: String },
}

impl Issue for Unprotected {
    fn variant(&self) -> &'static str {
        match self {
            Unprotected::ContradictsData { .. } => "contradicts-data",
            Unprotected::NoRegister { .. } => "no-processing-register",
            Unprotected::NoLogging { .. } => "no-logging",
        }
    }

    fn message(&self) -> String {
        match self {
            Unprotected::ContradictsData { who, object } => format!(
                "{who} says it processes no personal data, but it has `{object}`, which is personal data"
            ),
            Unprotected::NoRegister { who } => {
                format!("{who} processes personal data but has no entry in the verwerkingsregister")
            }
            Unprotected::NoLogging { who } => {
                format!("{who} processes personal data but does not log its processing")
            }
        }
    }

    fn help(&self) -> String {
        match self {
            Unprotected::ContradictsData { .. } => "remove `personal_data: false` (holding, copying or querying personal data is processing it), or correct the data object".into(),
            Unprotected::NoRegister { .. } => "add `processing_register:` with its entries in the verwerkingsregister (`VR-0042`, or a list)".into(),
            Unprotected::NoLogging { .. } => "log when, on which grounds and for which purpose personal data is processed: implement `logboek-dataverwerkingen` (Logius) or the GEMMA `verwerkingenlogging` API standard and list it under `standards:`".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(match self {
            Unprotected::ContradictsData { .. } => "contradicts its data".into(),
            Unprotected::NoRegister { .. } => "not in the verwerkingsregister".into(),
            Unprotected::NoLogging { .. } => "no logging of processing".into(),
        })
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let logging: Vec<usize> = LOGGING
        .iter()
        .filter_map(|id| ctx.reference.standards.find(id))
        .collect();
    for (i, app) in ctx.own_applications() {
        let b = &app.body;
        let element = ElementRef::new(Kind::Application, &app.id);
        let who = || ctx.name(Kind::Application, i);
        if let Some(declared) = b.personal_data.as_ref().filter(|p| !p.value) {
            let n = ctx.graph.node(Kind::Application, i);
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
                report.add(
                    &Unprotected::ContradictsData { who: who(), object },
                    element.clone(),
                    "personal_data",
                    Some(app.at(declared.span)),
                );
            }
        }
        if !processes_personal_data(ctx, i) {
            continue;
        }
        if b.processing_register
            .iter()
            .all(|r| r.value.trim().is_empty())
        {
            let loc = b
                .processing_register
                .first()
                .map_or(app.loc(), |r| app.at(r.span));
            report.add(
                &Unprotected::NoRegister { who: who() },
                element.clone(),
                "processing_register",
                Some(loc),
            );
        }
        // A misspelt standard might be a logging one: model-integrity reports it.
        let misspelt = misspelt_standard_might_be(ctx, &element, |have| {
            logging
                .iter()
                .any(|&s| ctx.reference.standards.satisfies(have, s))
        });
        if !misspelt
            && !logging
                .iter()
                .any(|&s| implements(ctx, Kind::Application, i, s))
        {
            report.add(
                &Unprotected::NoLogging { who: who() },
                element,
                "standards",
                Some(app.loc()),
            );
        }
    }
}
