//! `rest-api`: a request-response interface is REST unless a mandated standard says otherwise
//! or someone else provides it; a REST interface has an OpenAPI 3 document inside the model
//! root; and where the NL API Design Rules apply, the document follows the ones a document can
//! show (see `adr`). Messages and events follow CloudEvents instead, and file transfers are
//! their own case: neither is asked to be REST.

mod adr;

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::artifacts::{Content, Defect, Document, Found, Specification};
use crate::catalogue::select::Facts;
use crate::graph::{EdgeKind, GNode};
use crate::model::{Elem, Field, InterfaceStyle, Kind};
use crate::reference::StandardRef;
use crate::syntax::Sp;
use crate::text::{Loc, Span};
use adr::AdrRule;

pub(super) const CHECK: Check = Check::of::<Deviation>(run);

/// The catalogue id of the NL API Design Rules.
const ADR_STANDARD: &str = "rest-api-design-rules";
/// Places shown with one ADR finding; the message counts the others.
const MAX_PLACES: usize = 10;

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Deviation {
    NotRest {
        style: Option<InterfaceStyle>,
    },
    NoSpecification,
    SpecificationUrl {
        url: String,
    },
    SpecificationNotFound {
        path: String,
    },
    SpecificationOutsideRoot {
        path: String,
    },
    InvalidSpecification {
        path: String,
        defect: Defect,
    },
    NotOpenapi {
        path: String,
        kind: Other,
    },
    ExternalRef {
        path: String,
        count: usize,
        first: String,
    },
    AdrViolation(Adr),
    AdrAdvice(Adr),
}

/// A document of another kind than OpenAPI 3.
#[derive(Clone, Copy)]
enum Other {
    Swagger2,
    AsyncApi,
    Wsdl,
}

/// One ADR rule a document breaks, at its first place; `places` counts them all.
struct Adr {
    path: String,
    rule: &'static AdrRule,
    what: String,
    places: usize,
}

impl Issue for Deviation {
    fn say(&self, who: &str) -> Said {
        match self {
            Deviation::NotRest { style: None } => Said::new(
                format!("{who} does not say its `style`, so it is not known to be REST"),
                "add `style:` (rest, soap, graphql, messaging, events, file, database or other)",
                "not REST",
            ),
            Deviation::NotRest { style: Some(style) } => Said::new(
                format!("{who} has `style: {style}`, not REST"),
                "if a mandated standard prescribes this style (a national facility's koppelvlak, say), name it under `standards:`: a Digikoppeling profile such as `digikoppeling-koppelvlakstandaard-ebms2` or `-wus` (the `digikoppeling` family alone also has a REST profile, so it does not say which), a StUF standard such as `stuf-bg`, or an iStandaard such as `iwmo`; otherwise Common Ground asks for a REST API that follows the NL API Design Rules: plan one, or explain the deviation with a waiver",
                "not REST",
            ),
            Deviation::NoSpecification => Said::new(
                format!("{who} is a REST interface without an OpenAPI specification"),
                "add `specification:` with the path of its OpenAPI document inside the model root, or its URL",
                "no OpenAPI document",
            ),
            Deviation::SpecificationUrl { url } => Said::new(
                format!(
                    "the specification of {who} is a URL (`{}`): gemmalint records it but never fetches it, so the document is not checked",
                    crate::text::shorten(url)
                ),
                "to have the document checked (OpenAPI 3, the NL API Design Rules), keep a copy inside the model root and name its path; otherwise nothing needs doing",
                "not fetched",
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
                "an OpenAPI 3 document is YAML or JSON with `openapi: 3.x.y`, `info` with `title` and `version`, and `paths`",
                "not OpenAPI 3",
            ),
            Deviation::NotOpenapi { path, kind } => not_openapi(who, path, *kind),
            Deviation::ExternalRef { path, count, first } => Said::new(
                format!(
                    "the OpenAPI document `{path}` of {who} has {count} `$ref`{} into other documents (the first: `{}`); gemmalint never fetches them, so what they define is not checked",
                    if *count == 1 { "" } else { "s" },
                    crate::text::shorten(first)
                ),
                "bundle the document into one file (for example with `redocly bundle`) and name that file; otherwise nothing needs doing",
                "not followed",
            ),
            Deviation::AdrViolation(a) => adr_said(who, a, "breaks"),
            Deviation::AdrAdvice(a) => adr_said(who, a, "does not follow the advice (SHOULD) of"),
        }
    }

    fn key(&self) -> Option<String> {
        match self {
            Deviation::AdrViolation(a) | Deviation::AdrAdvice(a) => Some(a.rule.id.to_owned()),
            _ => None,
        }
    }
}

fn not_openapi(who: &str, path: &str, kind: Other) -> Said {
    let (what, help) = match kind {
        Other::Swagger2 => (
            "a Swagger 2.0 document, not OpenAPI 3",
            "convert it to OpenAPI 3 (for example with swagger2openapi), or ask the supplier for an OpenAPI 3 export",
        ),
        Other::AsyncApi => (
            "an AsyncAPI document, which describes messages, not a REST API",
            "if the interface sends messages or events, set `style: messaging` or `style: events`; otherwise name its OpenAPI 3 document",
        ),
        Other::Wsdl => (
            "a WSDL, which describes a SOAP service, not a REST API",
            "if the interface is SOAP, set `style: soap`; otherwise name its OpenAPI 3 document",
        ),
    };
    Said::new(
        format!("the specification `{path}` of {who} is {what}"),
        help,
        "not OpenAPI 3",
    )
}

fn adr_said(who: &str, a: &Adr, verb: &str) -> Said {
    let more = match a.places {
        1 => String::new(),
        2 => " (and in 1 more place)".to_owned(),
        n => format!(" (and in {} more places)", n - 1),
    };
    Said::new(
        format!(
            "the OpenAPI document `{}` of {who} {verb} NL API Design Rule `{}` ({}): {}{more}",
            a.path, a.rule.id, a.rule.title, a.what
        ),
        format!(
            "{}; or explain the deviation with a waiver (`rule: rest-api`, `key: {}`)",
            a.rule.fix, a.rule.id
        ),
        a.what.clone(),
    )
}

fn run(ctx: &Ctx, report: &mut Report) {
    let facts = Facts::new(ctx.model, ctx.graph, ctx.reference);
    for (i, interface) in ctx.model.interfaces.iter().enumerate() {
        if interface.body.is_retired() {
            continue;
        }
        let me = Elem::new(Kind::Interface, i);
        let spec = interface.body.specification.as_ref();
        // Not offered by someone else, provider resolved; not a database coupling. A path
        // that leaves the root or leads nowhere is the model's own mistake all the same.
        if !ctx.interface_in_scope(i) || ctx.database_coupling(i) {
            if let Some(spec) = spec {
                misplaced(ctx, report, me, spec);
            }
            continue;
        }
        report.examined(me);
        let rest = style(ctx, report, i, me);
        let Some(spec) = spec else {
            if rest {
                let loc = interface.loc();
                report.add(Deviation::NoSpecification, me, Field::Specification, loc);
            }
            continue;
        };
        if misplaced(ctx, report, me, spec) || !rest {
            continue;
        }
        match ctx.artifacts.specification(&spec.value) {
            Some(Found::Url) => {
                let url = spec.value.clone();
                let issue = Deviation::SpecificationUrl { url };
                report.add(issue, me, Field::Specification, interface.at(spec.span));
            }
            Some(Found::Read(read)) => {
                let adr = adr_applies(ctx, &facts, i, me);
                document(ctx, report, me, spec, read, adr);
            }
            _ => {}
        }
    }
}

/// Whether the interface's style is REST; reports a request-response interface that is not,
/// unless a mandated standard requires its style.
fn style(ctx: &Ctx, report: &mut Report, i: usize, me: Elem) -> bool {
    let interface = &ctx.model.interfaces[i];
    let style = interface.body.style.as_ref().map(|s| s.value);
    match style {
        Some(InterfaceStyle::Rest) => return true,
        // Messages and events are not request and response (events follow the NL GOV profile
        // for CloudEvents, which `open-standards` asks for); nor is a file transferred whole.
        Some(InterfaceStyle::Messaging | InterfaceStyle::Events | InterfaceStyle::File) => {
            return false;
        }
        _ => {}
    }
    let graph = ctx.graph;
    let mandated = graph.out(graph.node_of(me)).any(|(s, e)| {
        matches!(e.kind, EdgeKind::Implements)
            && matches!(graph.weight(s), GNode::Standard(StandardRef::Catalogue(k)) if ctx.reference.standards.get(k).permits_non_rest)
    });
    let misspelt =
        ctx.standard_may_be_misspelt(me, |k| ctx.reference.standards.get(k).permits_non_rest);
    if !mandated && !misspelt {
        let loc = interface
            .body
            .style
            .as_ref()
            .map_or(interface.loc(), |s| interface.at(s.span));
        report.add(Deviation::NotRest { style }, me, Field::Style, loc);
    }
    false
}

/// Reports a specification path that leaves the model root or leads nowhere: whether it did.
fn misplaced(ctx: &Ctx, report: &mut Report, me: Elem, spec: &Sp<String>) -> bool {
    let path = spec.value.clone();
    let issue = match ctx.artifacts.specification(&spec.value) {
        Some(Found::Outside) => Deviation::SpecificationOutsideRoot { path },
        Some(Found::Missing) => Deviation::SpecificationNotFound { path },
        _ => return false,
    };
    let loc = ctx.model.interfaces[me.index].at(spec.span);
    report.add(issue, me, Field::Specification, loc);
    true
}

/// Whether the NL API Design Rules apply to an interface: the catalogue's `applies_to`
/// selects it, or it says it implements them.
fn adr_applies(ctx: &Ctx, facts: &Facts, i: usize, me: Elem) -> bool {
    let catalogue = &ctx.reference.standards;
    let Some(k) = catalogue.find(ADR_STANDARD) else {
        return false;
    };
    let selected = catalogue.is_enforced(k)
        && catalogue
            .get(k)
            .selector
            .as_ref()
            .is_some_and(|s| facts.selects(s, i));
    selected || ctx.implements(me, k)
}

/// The document a REST interface names: OpenAPI 3, and where the ADR applies, its rules.
fn document(
    ctx: &Ctx,
    report: &mut Report,
    me: Elem,
    spec: &Sp<String>,
    read: &Specification,
    adr: bool,
) {
    let path = ctx.sources.get(read.file).path.clone();
    let named = ctx.model.interfaces[me.index].at(spec.span);
    let in_file = |span: Span| Loc::new(read.file, span);
    let (issue, loc) = match &read.content {
        Content::OpenApi(doc) => {
            if adr {
                adr_findings(ctx, report, me, read, doc, &path);
            }
            return;
        }
        Content::Swagger2 { at } => (not(path, Other::Swagger2), in_file(*at)),
        Content::AsyncApi { at } => (not(path, Other::AsyncApi), in_file(*at)),
        Content::Wsdl => (not(path, Other::Wsdl), in_file(Span::default())),
        // A file that cannot be read has nothing to show: point at where the model names it.
        Content::Unusable {
            defect: defect @ Defect::Unreadable(_),
            at,
        } if ctx.sources.get(read.file).text.is_empty() || *at == Span::default() => {
            let defect = defect.clone();
            (Deviation::InvalidSpecification { path, defect }, named)
        }
        Content::Unusable { defect, at } => {
            let defect = defect.clone();
            (
                Deviation::InvalidSpecification { path, defect },
                in_file(*at),
            )
        }
    };
    let same_place = loc == named;
    let finding = report.add(issue, me, Field::Specification, loc);
    if !same_place {
        finding.related(named, "the interface names the document here");
    }
}

fn not(path: String, kind: Other) -> Deviation {
    Deviation::NotOpenapi { path, kind }
}

/// One finding per ADR rule the document breaks, at its first place, with the others as
/// related places; and one note when parts of it lie in documents that are not followed.
fn adr_findings(
    ctx: &Ctx,
    report: &mut Report,
    me: Elem,
    read: &Specification,
    doc: &Document,
    path: &str,
) {
    let file = ctx.sources.get(read.file);
    let external: Vec<&crate::syntax::Node> = doc
        .references()
        .into_iter()
        .filter(|r| r.as_str().is_some_and(|r| !r.starts_with('#')))
        .collect();
    if let Some(first) = external.first() {
        let issue = Deviation::ExternalRef {
            path: path.to_owned(),
            count: external.len(),
            first: first.as_str().unwrap_or_default().to_owned(),
        };
        report.add(
            issue,
            me,
            Field::Specification,
            Loc::new(read.file, first.span),
        );
    }
    for (rule, breaches) in adr::check(doc, file) {
        let adr = Adr {
            path: path.to_owned(),
            rule,
            what: breaches[0].what.clone(),
            places: breaches.len(),
        };
        let issue = if rule.must {
            Deviation::AdrViolation(adr)
        } else {
            Deviation::AdrAdvice(adr)
        };
        let loc = Loc::new(read.file, breaches[0].at);
        let finding = report.add(issue, me, Field::Specification, loc);
        for b in breaches.iter().skip(1).take(MAX_PLACES - 1) {
            finding.related(Loc::new(read.file, b.at), b.what.clone());
        }
    }
}
