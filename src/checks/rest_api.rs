//! `rest-api`: interfaces are REST unless a mandated standard says otherwise or someone else
//! provides them; a REST interface has an OpenAPI 3 document, inside the model root.

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::artifacts::{Defect, Found};
use crate::graph::{EdgeKind, GNode};
use crate::model::{Elem, Field, InterfaceStyle, Kind};
use crate::reference::StandardRef;

pub(super) const CHECK: Check = Check::of::<Deviation>(run);

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Deviation {
    NotRest { style: Option<InterfaceStyle> },
    NoSpecification,
    SpecificationNotFound { path: String },
    SpecificationOutsideRoot { path: String },
    InvalidSpecification { path: String, defect: Defect },
}

impl Issue for Deviation {
    fn say(&self, who: &str) -> Said {
        match self {
            Deviation::NotRest { style: None } => Said::new(
                format!("{who} does not say its `style`, so it is not known to be REST"),
                "add `style:` (rest, soap, graphql, messaging, file, database or other)",
                "not REST",
            ),
            Deviation::NotRest { style: Some(style) } => Said::new(
                format!("{who} is a `{style}` interface, not REST"),
                "Common Ground asks for APIs that follow the NL API Design Rules: plan a REST API; or name the mandated standard that requires this style under `standards:` (a Digikoppeling profile such as `digikoppeling-koppelvlakstandaard-wus` or `-ebms2` — the `digikoppeling` family alone also has a REST profile — or an iStandaard such as `iwmo`); or explain the deviation with a waiver",
                "not REST",
            ),
            Deviation::NoSpecification => Said::new(
                format!("{who} is a REST interface without an OpenAPI specification"),
                "add `specification:` with the path of its OpenAPI document inside the model root",
                "no OpenAPI document",
            ),
            Deviation::SpecificationNotFound { path } => Said::new(
                format!("the specification `{path}` of {who} does not exist"),
                "correct the path; it is relative to the model root",
                "not found",
            ),
            Deviation::SpecificationOutsideRoot { path } => Said::new(
                format!(
                    "the specification `{path}` of {who} lies outside the model root, so it is not read"
                ),
                "keep the document inside the model root and give a relative path (no `..`, no absolute path, no symlink out)",
                "outside the model root",
            ),
            Deviation::InvalidSpecification { path, defect } => Said::new(
                format!(
                    "the specification `{path}` of {who} is not a valid OpenAPI 3 document: {}",
                    defect.reason()
                ),
                match defect {
                    Defect::Swagger2 => "convert the Swagger 2.0 document to OpenAPI 3 (for example with swagger2openapi), or ask the supplier for an OpenAPI 3 export",
                    _ => "an OpenAPI 3 document has `openapi: 3.x.y`, `info` with `title` and `version`, and `paths`",
                },
                "not OpenAPI 3",
            ),
        }
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let (model, graph) = (ctx.model, ctx.graph);
    for (i, interface) in model.interfaces.iter().enumerate() {
        let b = &interface.body;
        // Not retired, not offered by someone else, provider resolved; not a database coupling.
        if !ctx.interface_in_scope(i) || ctx.database_coupling(i) {
            continue;
        }
        let me = Elem::new(Kind::Interface, i);
        report.examined(me);
        let style = b.style.as_ref().map(|s| s.value);
        if style != Some(InterfaceStyle::Rest) {
            let mandated = graph.out(graph.node_of(me)).any(|(s, e)| {
                matches!(e.kind, EdgeKind::Implements)
                    && matches!(graph.weight(s), GNode::Standard(StandardRef::Catalogue(k)) if ctx.reference.standards.get(k).permits_non_rest)
            });
            let misspelt = ctx.standard_may_be_misspelt(me, |k| {
                ctx.reference.standards.get(k).permits_non_rest
            });
            if !mandated && !misspelt {
                let loc = b
                    .style
                    .as_ref()
                    .map_or(interface.loc(), |s| interface.at(s.span));
                report.add(Deviation::NotRest { style }, me, Field::Style, loc);
            }
            continue;
        }
        let Some(spec) = &b.specification else {
            let loc = interface.loc();
            report.add(Deviation::NoSpecification, me, Field::Specification, loc);
            continue;
        };
        let path = spec.value.clone();
        let issue = match ctx.artifacts.specification(&spec.value) {
            None | Some(Found::Read(Ok(()))) => continue,
            Some(Found::Outside) => Deviation::SpecificationOutsideRoot { path },
            Some(Found::Missing) => Deviation::SpecificationNotFound { path },
            Some(Found::Read(Err(defect))) => Deviation::InvalidSpecification {
                path,
                defect: defect.clone(),
            },
        };
        report.add(issue, me, Field::Specification, interface.at(spec.span));
    }
}
