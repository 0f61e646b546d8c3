//! `rest-api`: interfaces are REST unless a mandated standard says otherwise or someone else
//! provides them; a REST interface has an OpenAPI 3 document, inside the model root.

use std::collections::HashMap;

use super::{Check, Ctx, Issue, Report, interface_in_scope, misspelt_standard_might_be};
use crate::graph::{EdgeKind, GNode};
use crate::model::{ElementRef, FileCheck, InterfaceStyle, Kind, inside_root_file};
use crate::reference::StandardRef;
use crate::source::Language;
use crate::tree::{self, Value};

pub const CHECK: Check = Check {
    id: "rest-api",
    variants: &[
        "not-rest",
        "no-specification",
        "specification-not-found",
        "specification-outside-root",
        "invalid-specification",
    ],
    run,
};

enum Deviation {
    NotRest {
        who: String,
        style: Option<InterfaceStyle>,
    },
    NoSpecification {
        who: String,
    },
    NotFound {
        who: String,
        path: String,
    },
    Outside {
        who: String,
        path: String,
    },
    Invalid {
        who: String,
        path: String,
        reason: String,
    },
}

impl Issue for Deviation {
    fn variant(&self) -> &'static str {
        match self {
            Deviation::NotRest { .. } => "not-rest",
            Deviation::NoSpecification { .. } => "no-specification",
            Deviation::NotFound { .. } => "specification-not-found",
            Deviation::Outside { .. } => "specification-outside-root",
            Deviation::Invalid { .. } => "invalid-specification",
        }
    }

    fn message(&self) -> String {
        match self {
            Deviation::NotRest {
                who,
                style: Some(style),
            } => format!("{who} is a `{style}` interface, not REST"),
            Deviation::NotRest { who, style: None } => {
                format!("{who} does not say its `style`, so it is not known to be REST")
            }
            Deviation::NoSpecification { who } => {
                format!("{who} is a REST interface without an OpenAPI specification")
            }
            Deviation::NotFound { who, path } => {
                format!("the specification `{path}` of {who} does not exist")
            }
            Deviation::Outside { who, path } => {
                format!(
                    "the specification `{path}` of {who} lies outside the model root, so it is not read"
                )
            }
            Deviation::Invalid { who, path, reason } => {
                format!(
                    "the specification `{path}` of {who} is not a valid OpenAPI 3 document: {reason}"
                )
            }
        }
    }

    fn help(&self) -> String {
        match self {
            Deviation::NotRest { style: None, .. } => "add `style:` (rest, soap, graphql, messaging, file, database or other)".into(),
            Deviation::NotRest { .. } => "the policy prefers APIs in the REST style: plan a REST API; or name the mandated standard that requires this style under `standards:` (a Digikoppeling profile such as `digikoppeling-koppelvlakstandaard-wus` or `-ebms2` — the `digikoppeling` family alone also has a REST profile — or an iStandaard such as `iwmo`); or explain the deviation with a waiver".into(),
            Deviation::NoSpecification { .. } => "add `specification:` with the path of its OpenAPI document inside the model root".into(),
            Deviation::NotFound { .. } => "correct the path; it is relative to the model root".into(),
            Deviation::Outside { .. } => "keep the document inside the model root and give a relative path (no `..`, no absolute path, no symlink out)".into(),
            Deviation::Invalid { reason, .. } if reason.contains("Swagger") => "convert the Swagger 2.0 document to OpenAPI 3 (for example with swagger2openapi), or ask the supplier for an OpenAPI 3 export".into(),
            Deviation::Invalid { .. } => "an OpenAPI 3 document has `openapi: 3.x.y`, `info` with `title` and `version`, and `paths`".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(
            match self {
                Deviation::NotRest { .. } => "not REST",
                Deviation::NoSpecification { .. } => "no OpenAPI document",
                Deviation::NotFound { .. } => "not found",
                Deviation::Outside { .. } => "outside the model root",
                Deviation::Invalid { .. } => "not OpenAPI 3",
            }
            .into(),
        )
    }
}

/// What a specification path turned out to be.
#[derive(Clone)]
enum Document {
    Valid,
    Outside,
    Missing,
    Invalid(String),
}

fn run(ctx: &Ctx, report: &mut Report) {
    let (model, graph) = (ctx.model, ctx.graph);
    // Many interfaces may share one document: each is read once.
    let mut documents: HashMap<String, Document> = HashMap::new();
    for (i, interface) in model.interfaces.iter().enumerate() {
        let b = &interface.body;
        // Not retired, not offered by someone else, provider resolved.
        if !interface_in_scope(ctx, i) {
            continue;
        }
        let n = graph.node(Kind::Interface, i);
        let element = ElementRef::new(Kind::Interface, &interface.id);
        let who = || ctx.name(Kind::Interface, i);
        let style = b.style.as_ref().map(|s| s.value);
        // A database coupling is decoupled-components' finding.
        if style == Some(InterfaceStyle::Database) {
            continue;
        }
        if style != Some(InterfaceStyle::Rest) {
            let mandated = graph.out(n).any(|(s, e)| {
                matches!(e.kind, EdgeKind::Implements)
                    && matches!(graph.weight(s), GNode::Standard(StandardRef::Catalogue(k)) if ctx.reference.standards.get(k).permits_non_rest)
            });
            // A misspelt standard might be the mandated one: model-integrity reports it.
            let misspelt = misspelt_standard_might_be(ctx, &element, |k| {
                ctx.reference.standards.get(k).permits_non_rest
            });
            if !mandated && !misspelt {
                let loc = b
                    .style
                    .as_ref()
                    .map_or(interface.loc(), |s| interface.at(s.span));
                report.add(
                    &Deviation::NotRest { who: who(), style },
                    element,
                    "style",
                    Some(loc),
                );
            }
            continue;
        }
        let Some(spec) = &b.specification else {
            report.add(
                &Deviation::NoSpecification { who: who() },
                element,
                "specification",
                Some(interface.loc()),
            );
            continue;
        };
        let loc = Some(interface.at(spec.span));
        let path = spec.value.clone();
        let document = documents
            .entry(spec.value.clone())
            .or_insert_with(|| match inside_root_file(ctx.root, &spec.value) {
                FileCheck::Outside => Document::Outside,
                FileCheck::Missing => Document::Missing,
                FileCheck::Inside(full) => {
                    check_openapi(&full).map_or_else(Document::Invalid, |()| Document::Valid)
                }
            })
            .clone();
        let issue = match document {
            Document::Valid => continue,
            Document::Outside => Deviation::Outside { who: who(), path },
            Document::Missing => Deviation::NotFound { who: who(), path },
            Document::Invalid(reason) => Deviation::Invalid {
                who: who(),
                path,
                reason,
            },
        };
        report.add(&issue, element, "specification", loc);
    }
}

/// The shape every OpenAPI 3 document has; a full validation is the API's own pipeline's job.
fn check_openapi(path: &std::path::Path) -> Result<(), String> {
    let (file, problem) =
        crate::model::read_source(path, path.display().to_string(), Language::Yaml);
    if let Some(p) = problem {
        return Err(p.message);
    }
    let node = tree::parse_yaml(&file).map_err(|e| e.message)?;
    let Value::Map(_) = node.value else {
        return Err("the document is not a mapping".into());
    };
    match node.get("openapi").map(|v| &v.value) {
        Some(Value::Str(v)) if v.starts_with("3.") => {}
        Some(Value::Float(v)) if (3.0..4.0).contains(v) => {}
        Some(Value::Str(v)) => return Err(format!("`openapi: {v}` is not version 3")),
        Some(_) => return Err("`openapi` must be a version text such as \"3.0.3\"".into()),
        None if node.get("swagger").is_some() => {
            return Err("it is a Swagger 2.0 document".into());
        }
        None => return Err("it has no `openapi` version".into()),
    }
    let info = node.get("info").ok_or("it has no `info`")?;
    for key in ["title", "version"] {
        if info.get(key).is_none() {
            return Err(format!("`info` has no `{key}`"));
        }
    }
    if node.get("paths").is_none()
        && node.get("webhooks").is_none()
        && node.get("components").is_none()
    {
        return Err("it has no `paths`".into());
    }
    Ok(())
}
