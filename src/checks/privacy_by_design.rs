//! `privacy-by-design`: an application that processes personal data is in the
//! verwerkingsregister and logs its processing, so residents can see what was done with their data.

use strum::{IntoStaticStr, VariantNames};

use super::shared::is_placeholder;
use super::{Check, Ctx, Issue, Report, Said};
use crate::graph::EdgeKind;
use crate::model::{DataRole, Elem, Field, Kind, Login};
use crate::text::Loc;

pub(super) const CHECK: Check = Check::of::<Unprotected>(run);

/// Standards that log processing: either satisfies the rule.
pub const LOGGING: &[&str] = &["logboek-dataverwerkingen", "verwerkingenlogging"];

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Unprotected {
    ContradictsData { object: String },
    SpecialButNotPersonal,
    NoProcessingRegister { login: Option<IdentifyingLogin> },
    NoLogging,
    NoDpia { why: Dpia },
    SpecialCategoriesUnstated { object: String, source: String },
}

/// A login that hands the application a person's identity: DigiD gives it the BSN, eIDAS a
/// European citizen's identity. Such an application processes personal data, whatever it holds.
#[derive(Clone, Copy)]
enum IdentifyingLogin {
    Digid,
    Eidas,
}

impl IdentifyingLogin {
    fn of(app: &crate::model::Application) -> Option<IdentifyingLogin> {
        app.login.iter().find_map(|l| match l.value {
            Login::Digid => Some(IdentifyingLogin::Digid),
            Login::Eidas => Some(IdentifyingLogin::Eidas),
            _ => None,
        })
    }

    fn says(self) -> &'static str {
        match self {
            IdentifyingLogin::Digid => " (its DigiD login gives it the BSN)",
            IdentifyingLogin::Eidas => " (its eIDAS login gives it the person's identity)",
        }
    }
}

/// What makes a DPIA compulsory for an application.
enum Dpia {
    SpecialCategories,
    Profiling,
    /// It has data objects with `special_categories: true` (all of them, in model order).
    Holds {
        objects: Vec<String>,
    },
}

impl Issue for Unprotected {
    fn key(&self) -> Option<String> {
        match self {
            Unprotected::SpecialCategoriesUnstated { object, .. } => Some(object.clone()),
            _ => None,
        }
    }

    fn say(&self, who: &str) -> Said {
        match self {
            Unprotected::ContradictsData { object } => Said::new(
                format!(
                    "{who} says it processes no personal data, but it has `{object}`, which is personal data"
                ),
                "remove `personal_data: false` (holding, copying or querying personal data is processing it), or correct the data object",
                "contradicts its data",
            ),
            Unprotected::SpecialButNotPersonal => Said::new(
                format!(
                    "{who} says it holds special categories of personal data, and also that it is not personal data"
                ),
                "special categories are personal data: remove `personal_data: false`, or `special_categories: true` if it holds none",
                "contradicts `special_categories`",
            ),
            Unprotected::NoProcessingRegister { login } => Said::new(
                format!(
                    "{who} processes personal data{} but has no entry in the verwerkingsregister",
                    login.map_or("", IdentifyingLogin::says)
                ),
                "add `processing_register:` with the entries in the verwerkingsregister of the processing it serves (`VR-0042`, or a list); a service bus or gateway that passes personal data on (`role: relay`) serves the processing of the applications at its ends: name their entries",
                "not in the verwerkingsregister",
            ),
            Unprotected::NoDpia { why } => Said::new(
                match why {
                    Dpia::SpecialCategories => format!(
                        "{who} processes special categories of personal data but names no DPIA"
                    ),
                    Dpia::Profiling => format!("{who} profiles people but names no DPIA"),
                    Dpia::Holds { objects } => format!(
                        "{who} has {}, which hold{} special categories of personal data, but names no DPIA",
                        crate::text::quoted_all(objects),
                        if objects.len() == 1 { "s" } else { "" }
                    ),
                },
                "carry out a data protection impact assessment before the processing (AVG art. 35) and add `dpia:` with its reference or URL",
                "no DPIA",
            ),
            Unprotected::SpecialCategoriesUnstated { object, source } => Said::new(
                format!(
                    "{who} keeps a copy of `{object}` from `{source}`, which processes special categories of personal data, but nothing says whether the copy holds them, and it names no DPIA"
                ),
                format!(
                    "say it on the data object: `special_categories: true` on `{object}` if it holds them (then every application that has it as source, copy or by querying it names its DPIA), `special_categories: false` if it holds none; or add `dpia:` to this application"
                ),
                "copies data that may be special",
            ),
            Unprotected::NoLogging => Said::new(
                format!(
                    "{who} processes personal data but names no standard for logging its processing"
                ),
                "log when, on which grounds and for which purpose personal data is processed: implement `logboek-dataverwerkingen` (Logius) or the GEMMA `verwerkingenlogging` API standard and list it under `standards:`; logging that is kept another way (the Wet BRP's protocollering, say) is explained with a waiver",
                "no logging standard named",
            ),
        }
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let logging: Vec<usize> = LOGGING
        .iter()
        .filter_map(|id| ctx.reference.standards.find(id))
        .collect();
    special_but_not_personal(ctx, report);
    let special = processes_special(ctx);
    for (i, app) in ctx.own_applications() {
        let b = &app.body;
        let me = Elem::new(Kind::Application, i);
        if let Some(declared) = b.personal_data.as_ref().filter(|p| !p.value) {
            let n = ctx.graph.node_of(me);
            let personal = ctx.graph.out(n).find_map(|(d, e)| match e.kind {
                EdgeKind::Holds(_) => ctx
                    .graph
                    .element_of(d, Kind::DataObject)
                    .filter(|&j| ctx.model.data_objects[j].body.is_personal())
                    .map(|j| ctx.model.data_objects[j].id.clone()),
                _ => None,
            });
            if let Some(object) = personal {
                let issue = Unprotected::ContradictsData { object };
                report.add(issue, me, Field::PersonalData, app.at(declared.span));
            }
        }
        let has_dpia = b.dpia.as_ref().is_some_and(|d| !is_placeholder(&d.value));
        let dpia_needed = dpia_needed(ctx, i);
        let needs_dpia = dpia_needed.is_some();
        if let Some((loc, why)) = dpia_needed
            && !has_dpia
        {
            let f = report.add(Unprotected::NoDpia { why }, me, Field::Dpia, loc);
            if let Some(d) = b.dpia.as_ref().filter(|d| !d.value.trim().is_empty()) {
                let says = format!(
                    "`{}` is a placeholder, not the reference of a DPIA",
                    d.value.trim()
                );
                f.related(app.at(d.span), says);
            }
        }
        if !needs_dpia && !has_dpia && b.special_categories.is_none() {
            for (object, source, loc) in copies_of_special(ctx, i, &special) {
                let field = Field::Data.at(&object);
                let issue = Unprotected::SpecialCategoriesUnstated { object, source };
                report.add(issue, me, field, loc);
            }
        }
        // Unless it says it processes none (then the login is its own contradiction to solve).
        let login = b
            .personal_data
            .is_none()
            .then(|| IdentifyingLogin::of(b))
            .flatten();
        if !ctx.graph.processes_personal_data(ctx.model, i) && !needs_dpia && login.is_none() {
            continue;
        }
        report.examined(me);
        if b.processing_register
            .iter()
            .all(|r| is_placeholder(&r.value))
        {
            let loc = b
                .processing_register
                .first()
                .map_or(app.loc(), |r| app.at(r.span));
            let field = Field::ProcessingRegister;
            report.add(Unprotected::NoProcessingRegister { login }, me, field, loc);
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

/// A data object that says it holds special categories of personal data, and that it is not
/// personal data.
fn special_but_not_personal(ctx: &Ctx, report: &mut Report) {
    for (j, object) in ctx.model.data_objects.iter().enumerate() {
        let b = &object.body;
        if let (Some(personal), Some(special)) = (&b.personal_data, &b.special_categories)
            && !personal.value
            && special.value
        {
            let me = Elem::new(Kind::DataObject, j);
            let at = object.at(personal.span);
            report.add(
                Unprotected::SpecialButNotPersonal,
                me,
                Field::PersonalData,
                at,
            );
        }
    }
}

/// What makes a DPIA compulsory for an application, and where that is written: its own
/// `special_categories` or `profiling`, or a data object with special categories that it has as
/// source, copy or by querying it (a relay passes data on and is covered by its ends).
fn dpia_needed(ctx: &Ctx, i: usize) -> Option<(Loc, Dpia)> {
    let app = &ctx.model.applications[i];
    let b = &app.body;
    let own = [
        (&b.special_categories, Dpia::SpecialCategories),
        (&b.profiling, Dpia::Profiling),
    ]
    .into_iter()
    .find_map(|(flag, why)| {
        flag.as_ref()
            .filter(|f| f.value)
            .map(|f| (app.at(f.span), why))
    });
    if own.is_some() {
        return own;
    }
    let graph = ctx.graph;
    let mut special: Vec<(Loc, String)> = graph
        .out(graph.node_of(Elem::new(Kind::Application, i)))
        .filter_map(|(d, e)| match &e.kind {
            EdgeKind::Holds(h) if h.role != DataRole::Relay => graph
                .element_of(d, Kind::DataObject)
                .filter(|&j| is_special(ctx, j) == Some(true))
                .map(|j| (e.loc, ctx.model.data_objects[j].id.clone())),
            _ => None,
        })
        .collect();
    // In the order the model writes them: placed at the first, every one named.
    special.sort_by_key(|(loc, _)| (loc.file, loc.span.start));
    let loc = special.first()?.0;
    let objects = special.into_iter().map(|(_, id)| id).collect();
    Some((loc, Dpia::Holds { objects }))
}

/// A data object's own `special_categories`, if it says.
fn is_special(ctx: &Ctx, object: usize) -> Option<bool> {
    let body = &ctx.model.data_objects[object].body;
    body.special_categories.as_ref().map(|s| s.value)
}

/// Per application: whether it processes special categories of personal data, by its own
/// `special_categories: true` or by a data object with them that it has (not as a relay).
fn processes_special(ctx: &Ctx) -> Vec<bool> {
    let graph = ctx.graph;
    (0..ctx.model.applications.len())
        .map(|i| {
            let own = &ctx.model.applications[i].body.special_categories;
            own.as_ref().is_some_and(|s| s.value)
                || graph
                    .out(graph.node_of(Elem::new(Kind::Application, i)))
                    .any(|(d, e)| match &e.kind {
                        EdgeKind::Holds(h) if h.role != DataRole::Relay => graph
                            .element_of(d, Kind::DataObject)
                            .is_some_and(|j| is_special(ctx, j) == Some(true)),
                        _ => false,
                    })
        })
        .collect()
}

/// The copies an application keeps of personal data objects that say nothing of special
/// categories, taken from an application that processes them (`special`, per application):
/// (object, source, where).
fn copies_of_special(ctx: &Ctx, i: usize, special: &[bool]) -> Vec<(String, String, Loc)> {
    let graph = ctx.graph;
    graph
        .out(graph.node_of(Elem::new(Kind::Application, i)))
        .filter_map(|(d, e)| {
            let EdgeKind::Holds(h) = &e.kind else {
                return None;
            };
            let j = graph.element_of(d, Kind::DataObject)?;
            let source = graph.element_of(h.from?, Kind::Application)?;
            let object = &ctx.model.data_objects[j];
            let personal = object.body.is_personal();
            (h.role == DataRole::Copy
                && personal
                && special[source]
                && is_special(ctx, j).is_none())
            .then(|| {
                let source = ctx.model.applications[source].id.clone();
                (object.id.clone(), source, e.loc)
            })
        })
        .collect()
}
