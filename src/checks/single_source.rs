//! `single-source`: data is recorded once and asked at the source. A held data object has
//! exactly one source; queries, copies and relays name where they get it, through an
//! interface; a basisregistratie object comes from its national facility or the municipality's
//! own registration as bronhouder.

use petgraph::graph::NodeIndex;

use super::{Check, Ctx, Issue, Report, is_external};
use crate::graph::{EdgeKind, GNode, Holding, is_retired};
use crate::model::{DataRole, ElementRef, Kind};
use crate::source::Loc;

pub const CHECK: Check = Check {
    id: "single-source",
    variants: &[
        "no-source",
        "two-sources",
        "from-missing",
        "source-with-from",
        "copy-without-sync",
        "copy-of-copy",
        "from-not-holder",
        "from-without-interface",
        "wrong-source-for-basisregistratie",
    ],
    run,
};

enum Duplicated {
    NoSource {
        object: String,
        holders: usize,
    },
    TwoSources {
        object: String,
        sources: Vec<String>,
    },
    FromMissing {
        who: String,
        object: String,
        role: DataRole,
    },
    SourceWithFrom {
        who: String,
        object: String,
        from: String,
    },
    CopyWithoutSync {
        who: String,
        object: String,
    },
    CopyOfCopy {
        who: String,
        object: String,
        from: String,
    },
    FromNotHolder {
        who: String,
        object: String,
        from: String,
        itself: bool,
    },
    FromWithoutInterface {
        who: String,
        object: String,
        from: String,
        app_id: String,
        why: Unbacked,
    },
    WrongSource {
        who: String,
        object: String,
        registration: String,
        national: Vec<String>,
        bronhouder: Vec<String>,
    },
}

impl Issue for Duplicated {
    fn variant(&self) -> &'static str {
        match self {
            Duplicated::NoSource { .. } => "no-source",
            Duplicated::TwoSources { .. } => "two-sources",
            Duplicated::FromMissing { .. } => "from-missing",
            Duplicated::SourceWithFrom { .. } => "source-with-from",
            Duplicated::CopyWithoutSync { .. } => "copy-without-sync",
            Duplicated::CopyOfCopy { .. } => "copy-of-copy",
            Duplicated::FromNotHolder { .. } => "from-not-holder",
            Duplicated::FromWithoutInterface { .. } => "from-without-interface",
            Duplicated::WrongSource { .. } => "wrong-source-for-basisregistratie",
        }
    }

    fn message(&self) -> String {
        match self {
            Duplicated::NoSource { object, holders } => format!(
                "{object} is used by {holders} application{} but has no source of truth",
                if *holders == 1 { "" } else { "s" }
            ),
            Duplicated::TwoSources { object, sources } => format!(
                "{object} has {} sources of truth: {}",
                if sources.len() == 2 {
                    "two".to_owned()
                } else {
                    sources.len().to_string()
                },
                sources.join(" and ")
            ),
            Duplicated::FromMissing { who, object, role } => {
                format!("{who} has `{object}` as `{role}` but does not say where it gets it from")
            }
            Duplicated::SourceWithFrom { who, object, from } => {
                format!("{who} is the source of `{object}` but also says it gets it from `{from}`")
            }
            Duplicated::CopyWithoutSync { who, object } => {
                format!("{who} keeps a copy of `{object}` without saying how often it is refreshed")
            }
            Duplicated::CopyOfCopy { who, object, from } => {
                format!("{who} copies `{object}` from `{from}`, which itself only keeps a copy")
            }
            Duplicated::FromNotHolder {
                who,
                object,
                itself: true,
                ..
            } => format!("{who} says it gets `{object}` from itself"),
            Duplicated::FromNotHolder {
                who, object, from, ..
            } => format!("{who} gets `{object}` from `{from}`, which does not have `{object}`"),
            Duplicated::FromWithoutInterface {
                who,
                object,
                from,
                why,
                ..
            } => {
                let list = |v: &[String]| {
                    v.iter()
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                match why {
                    Unbacked::NoInterface => {
                        format!(
                            "{who} gets `{object}` from `{from}`, but no interface connects the two"
                        )
                    }
                    Unbacked::NotCarried(interfaces) => format!(
                        "{who} gets `{object}` from `{from}`, but the interface between them ({}) does not carry it",
                        list(interfaces)
                    ),
                    Unbacked::Retired(interfaces) => format!(
                        "{who} gets `{object}` from `{from}`, but the only interface between them ({}) is retired",
                        list(interfaces)
                    ),
                }
            }
            Duplicated::WrongSource {
                who,
                object,
                registration,
                ..
            } => format!(
                "{who} declares itself the source of `{object}`, a {registration} object, but is neither the national facility nor the municipality's registration as bronhouder"
            ),
        }
    }

    fn help(&self) -> String {
        match self {
            Duplicated::NoSource { .. } => "make the application that records it `role: source`; the others `query` it or keep a `copy` `from` it".into(),
            Duplicated::TwoSources { .. } => "keep one source: let the other applications query it (`role: query, from: <source>`) or keep a copy with `sync:`".into(),
            Duplicated::FromMissing { .. } => "add `from:` with the application it asks or copies from".into(),
            Duplicated::SourceWithFrom { .. } => "a source records the data itself: remove `from:`, or make it a `query` or `copy`".into(),
            Duplicated::CopyWithoutSync { .. } => "add `sync:` (realtime, hourly, daily, weekly or manual) so it is clear whether the copy is current enough for its purpose".into(),
            Duplicated::CopyOfCopy { .. } => "copy from the source itself, so errors are not copied on and stale data does not age twice".into(),
            Duplicated::FromNotHolder { itself: true, .. } => {
                "name the application it asks or copies from; if it records the data itself, make it `role: source`".into()
            }
            Duplicated::FromNotHolder { object, from, .. } => format!(
                "correct `from:`, or declare `{object}` in the `data:` of `{from}` (as its source, or as what it takes from the source)"
            ),
            Duplicated::FromWithoutInterface { from, app_id, why: Unbacked::NoInterface, .. } => format!(
                "add an interface with `provider: {from}` and `consumers: [{app_id}]` (or the other way round) that carries it, or correct `from:`"
            ),
            Duplicated::FromWithoutInterface { object, why: Unbacked::NotCarried(interfaces), .. } => format!(
                "add `{object}` to `data_objects` of `{}`, or add an interface that carries it",
                interfaces[0]
            ),
            Duplicated::FromWithoutInterface { why: Unbacked::Retired(_), .. } => {
                "data cannot come through a retired interface: add the interface that replaced it, or correct `from:`".into()
            }
            Duplicated::WrongSource { national, bronhouder, .. } => {
                let mut help = format!(
                    "make it `role: query` (or `copy`) from the application that realises {}",
                    national.join(" or ")
                );
                if !bronhouder.is_empty() {
                    help.push_str(&format!(
                        "; or, if this application is the municipality's own registration as bronhouder, map it to {}",
                        bronhouder.join(" or ")
                    ));
                }
                help
            }
        }
    }

    fn label(&self) -> Option<String> {
        Some(
            match self {
                Duplicated::NoSource { .. } => "no source",
                Duplicated::TwoSources { .. } => "a source",
                Duplicated::FromMissing { .. } => "no `from`",
                Duplicated::SourceWithFrom { .. } => "a source has no `from`",
                Duplicated::CopyWithoutSync { .. } => "no `sync`",
                Duplicated::CopyOfCopy { .. } => "only a copy",
                Duplicated::FromNotHolder { itself: true, .. } => "itself",
                Duplicated::FromNotHolder { .. } => "does not have it",
                Duplicated::FromWithoutInterface { .. } => "no interface",
                Duplicated::WrongSource { .. } => "not an authentic source",
            }
            .into(),
        )
    }
}

struct Held<'a> {
    app: usize,
    node: NodeIndex,
    holding: &'a Holding,
    loc: Loc,
}

fn run(ctx: &Ctx, report: &mut Report) {
    let (model, graph) = (ctx.model, ctx.graph);
    for (j, object) in model.data_objects.iter().enumerate() {
        let d = graph.node(Kind::DataObject, j);
        let mut held: Vec<Held> = Vec::new();
        let mut retired_source = false;
        for (a, edge) in graph.inc(d) {
            let EdgeKind::Holds(holding) = &edge.kind else {
                continue;
            };
            let Some(app) = graph.element_of(a, Kind::Application) else {
                continue;
            };
            if is_retired(model.applications[app].body.lifecycle.as_ref()) {
                // A retired source is lifecycle's finding.
                retired_source |= holding.role == DataRole::Source;
                continue;
            }
            held.push(Held {
                app,
                node: a,
                holding,
                loc: edge.loc,
            });
        }
        if held.is_empty() {
            continue;
        }
        // In the order the model declares them, so messages read like the YAML.
        held.sort_by_key(|h| (h.loc.file, h.loc.span.start));
        let registration = graph
            .out(d)
            .find_map(|(r, e)| match (&e.kind, graph.weight(r)) {
                (EdgeKind::AuthenticIn, GNode::Basisregistratie(i)) => Some(i),
                _ => None,
            });
        let is_registration_object = object.body.basisregistratie.is_some();
        let object_name = ctx.name(Kind::DataObject, j);
        let sources: Vec<&Held> = held
            .iter()
            .filter(|h| h.holding.role == DataRole::Source)
            .collect();
        match sources.as_slice() {
            [] if !retired_source && !is_registration_object => {
                let f = report.add(
                    &Duplicated::NoSource {
                        object: object_name.clone(),
                        holders: held.len(),
                    },
                    ElementRef::new(Kind::DataObject, &object.id),
                    "source",
                    Some(object.loc()),
                );
                for h in &held {
                    f.related(
                        h.loc,
                        format!(
                            "`{}` has it as `{}`",
                            model.applications[h.app].id, h.holding.role
                        ),
                    );
                }
            }
            [first, rest @ ..] if !rest.is_empty() => {
                let names = sources
                    .iter()
                    .map(|h| format!("`{}`", model.applications[h.app].id))
                    .collect();
                let f = report.add(
                    &Duplicated::TwoSources {
                        object: object_name.clone(),
                        sources: names,
                    },
                    ElementRef::new(Kind::DataObject, &object.id),
                    "source",
                    Some(first.loc),
                );
                f.label = Some(format!(
                    "`{}` declares itself the source",
                    model.applications[first.app].id
                ));
                for h in rest {
                    f.related(
                        h.loc,
                        format!(
                            "`{}` also declares itself the source",
                            model.applications[h.app].id
                        ),
                    );
                }
            }
            _ => {}
        }
        if let Some(r) = registration {
            for h in &sources {
                wrong_source(ctx, report, r, h, &object.id);
            }
        }
        // Without any source, no-source is the finding: a `from` naming an application that
        // does not hold it is part of that story, not another one.
        let sourceless = sources.is_empty() && !retired_source && !is_registration_object;
        for h in &held {
            holding(ctx, report, h, &object.id, d, sourceless);
        }
    }
}

/// A basisregistratie object's source realises the national facility or a bronhouder component.
fn wrong_source(ctx: &Ctx, report: &mut Report, registration: usize, h: &Held, object: &str) {
    let r = &ctx.reference.basisregistraties[registration];
    let app = &ctx.model.applications[h.app];
    let element = ElementRef::new(Kind::Application, &app.id);
    if ctx.graph.has_unresolved(&element, "reference_components") {
        return;
    }
    let allowed: Vec<&String> = r
        .national_facilities
        .iter()
        .chain(&r.bronhouder_components)
        .collect();
    if allowed.is_empty() {
        return;
    }
    let realises = ctx
        .graph
        .out(h.node)
        .any(|(c, e)| match (&e.kind, ctx.graph.weight(c)) {
            (EdgeKind::Realises, GNode::GemmaComponent(k)) => allowed
                .iter()
                .any(|name| ctx.reference.component_by_name(name) == Some(k)),
            _ => false,
        });
    if !realises {
        report.add(
            &Duplicated::WrongSource {
                who: ctx.name(Kind::Application, h.app),
                object: object.to_owned(),
                registration: r.code.clone(),
                national: r
                    .national_facilities
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect(),
                bronhouder: r
                    .bronhouder_components
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect(),
            },
            element,
            format!("data.{object}"),
            Some(app.at(h.holding.role_span)),
        );
    }
}

/// Why a `from` is not backed by an interface.
enum Unbacked {
    NoInterface,
    /// Interfaces connect them but list other data objects.
    NotCarried(Vec<String>),
    /// Only retired interfaces connect them, and lifecycle does not report it (their consumer
    /// is external).
    Retired(Vec<String>),
}

/// The checks on one application's use of one data object.
fn holding(ctx: &Ctx, report: &mut Report, h: &Held, object: &str, d: NodeIndex, sourceless: bool) {
    let (model, graph) = (ctx.model, ctx.graph);
    let app = &model.applications[h.app];
    if is_external(app) {
        return;
    }
    let who = || ctx.name(Kind::Application, h.app);
    let element = ElementRef::new(Kind::Application, &app.id);
    let field = format!("data.{object}");
    let holding = h.holding;
    match (holding.role, &holding.from_written) {
        (DataRole::Source, Some(from)) => {
            report.add(
                &Duplicated::SourceWithFrom {
                    who: who(),
                    object: object.to_owned(),
                    from: from.value.clone(),
                },
                element,
                field,
                Some(app.at(from.span)),
            );
            return;
        }
        (DataRole::Source, None) => return,
        (role, None) => {
            report.add(
                &Duplicated::FromMissing {
                    who: who(),
                    object: object.to_owned(),
                    role,
                },
                element,
                field,
                Some(app.at(holding.role_span)),
            );
            return;
        }
        _ => {}
    }
    if holding.role == DataRole::Copy && holding.sync.is_none() {
        report.add(
            &Duplicated::CopyWithoutSync {
                who: who(),
                object: object.to_owned(),
            },
            element.clone(),
            field.clone(),
            Some(app.at(holding.role_span)),
        );
    }
    let Some(from) = holding.from else { return };
    let from_span = holding
        .from_written
        .as_ref()
        .map_or(holding.role_span, |f| f.span);
    let Some(from_index) = graph.element_of(from, Kind::Application) else {
        return;
    };
    let from_app = &model.applications[from_index];
    let from_id = from_app.id.clone();
    // Taking data from a retired application is lifecycle's finding.
    if is_retired(from_app.body.lifecycle.as_ref()) {
        return;
    }
    // A national facility or partner does not declare what it holds; the others must.
    let from_holds = graph
        .out(from)
        .any(|(t, e)| t == d && matches!(e.kind, EdgeKind::Holds(_)));
    if from != h.node && !from_holds && !is_external(from_app) && sourceless {
        // No-source covers it: nothing here to back with an interface either.
        return;
    }
    if from == h.node || (!from_holds && !is_external(from_app)) {
        report.add(
            &Duplicated::FromNotHolder {
                who: who(),
                object: object.to_owned(),
                from: from_id,
                itself: from == h.node,
            },
            element,
            field,
            Some(app.at(from_span)),
        );
        return;
    }
    if holding.role == DataRole::Copy {
        let from_copies = graph.out(from).any(|(t, e)| {
            t == d && matches!(&e.kind, EdgeKind::Holds(other) if other.role == DataRole::Copy)
        });
        if from_copies {
            report.add(
                &Duplicated::CopyOfCopy {
                    who: who(),
                    object: object.to_owned(),
                    from: from_id.clone(),
                },
                element.clone(),
                field.clone(),
                Some(app.at(from_span)),
            );
        }
    }
    if let Err(why) = backed_by_interface(ctx, h.node, from, d) {
        report.add(
            &Duplicated::FromWithoutInterface {
                who: who(),
                object: object.to_owned(),
                from: from_id,
                app_id: app.id.clone(),
                why,
            },
            element,
            field,
            Some(app.at(from_span)),
        );
    }
}

/// An interface between the two applications, either way round, that is not retired and
/// carries the data object (or does not say what it carries).
fn backed_by_interface(
    ctx: &Ctx,
    app: NodeIndex,
    from: NodeIndex,
    object: NodeIndex,
) -> Result<(), Unbacked> {
    let graph = ctx.graph;
    let interfaces = |n: NodeIndex| -> Vec<NodeIndex> {
        graph
            .out(n)
            .filter(|(_, e)| matches!(e.kind, EdgeKind::Provides | EdgeKind::Consumes))
            .map(|(i, _)| i)
            .collect()
    };
    let theirs = interfaces(from);
    let mut not_carried = Vec::new();
    let mut retired = Vec::new();
    for i in interfaces(app).into_iter().filter(|i| theirs.contains(i)) {
        let Some(index) = graph.element_of(i, Kind::Interface) else {
            continue;
        };
        let interface = &ctx.model.interfaces[index];
        // One provides and the other consumes (not two consumers of a third party's interface).
        let provider = graph.provider(i);
        if provider != Some(app) && provider != Some(from) {
            continue;
        }
        if is_retired(interface.body.lifecycle.as_ref()) {
            // Lifecycle reports a retired interface on a consumer that is not external.
            let reported = graph.inc(i).chain(graph.out(i)).any(|(c, e)| {
                matches!(e.kind, EdgeKind::Consumes)
                    && (c == app || c == from)
                    && graph
                        .element_of(c, Kind::Application)
                        .is_some_and(|a| !super::is_external(&ctx.model.applications[a]))
            });
            retired.push((interface.id.clone(), reported));
            continue;
        }
        let element = ElementRef::new(Kind::Interface, &interface.id);
        let carries = interface.body.data_objects.is_empty()
            || ctx.graph.has_unresolved(&element, "data_objects")
            || graph
                .out(i)
                .any(|(t, e)| t == object && matches!(e.kind, EdgeKind::Carries));
        if carries {
            return Ok(());
        }
        not_carried.push(interface.id.clone());
    }
    not_carried.sort();
    retired.sort();
    if not_carried.is_empty() && !retired.is_empty() {
        // Only retired interfaces connect them: lifecycle reports the dependency on them, unless
        // the side that consumes them is external.
        if retired.iter().any(|(_, reported)| *reported) {
            return Ok(());
        }
        return Err(Unbacked::Retired(
            retired.into_iter().map(|(id, _)| id).collect(),
        ));
    }
    Err(if !not_carried.is_empty() {
        Unbacked::NotCarried(not_carried)
    } else {
        Unbacked::NoInterface
    })
}
