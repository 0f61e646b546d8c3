//! `lifecycle`: stop what delivers too little, and do it cleanly. A phase-out has an end date;
//! an end date does not pass unnoticed; nothing new is built on what is being phased out, and
//! nothing depends on (or takes its data from) what is retired. Existing dependencies on a
//! phase-out are listed as a migration list.

use petgraph::graph::NodeIndex;

use super::{Check, Ctx, Issue, Report, is_external};
use crate::graph::{EdgeKind, lifecycle_status};
use crate::model::{DataRole, Date, ElementRef, Kind, Lifecycle, LifecycleStatus};
use crate::source::Loc;
use crate::tree::Sp;

pub const CHECK: Check = Check {
    id: "lifecycle",
    variants: &[
        "phase-out-without-end",
        "end-passed",
        "planned-depends-on-phase-out",
        "depends-on-retired",
        "retired-source",
        "migration",
    ],
    run,
};

/// How one element depends on another.
#[derive(Clone, Copy)]
enum Via {
    Consumes,
    /// Consumes the interface (the node), whose provider is what ages.
    ConsumesFrom(NodeIndex),
    ProvidedBy,
    DataFrom,
    ArchivesTo,
}

enum Ageing {
    NoEnd {
        who: String,
    },
    EndPassed {
        who: String,
        end: Date,
    },
    Planned {
        who: String,
        how: String,
    },
    Retired {
        who: String,
        how: String,
        interface: bool,
    },
    RetiredSource {
        object: String,
        source: String,
    },
    Migration {
        who: String,
        how: String,
        end: Option<Date>,
    },
}

impl Issue for Ageing {
    fn variant(&self) -> &'static str {
        match self {
            Ageing::NoEnd { .. } => "phase-out-without-end",
            Ageing::EndPassed { .. } => "end-passed",
            Ageing::Planned { .. } => "planned-depends-on-phase-out",
            Ageing::Retired { .. } => "depends-on-retired",
            Ageing::RetiredSource { .. } => "retired-source",
            Ageing::Migration { .. } => "migration",
        }
    }

    fn message(&self) -> String {
        match self {
            Ageing::NoEnd { who } => format!("{who} is being phased out but has no end date"),
            Ageing::EndPassed { who, end } => {
                format!("{who} should have ended on {end} but is not retired")
            }
            Ageing::Planned { who, how } => {
                format!("{who} is planned but {how}, which is being phased out")
            }
            Ageing::Retired { who, how, .. } => format!("{who} {how}, which is retired"),
            Ageing::RetiredSource { object, source } => {
                format!("{object} is still used, but its source `{source}` is retired")
            }
            Ageing::Migration {
                who,
                how,
                end: Some(end),
            } => {
                format!("{who} {how}, which is being phased out (end {end})")
            }
            Ageing::Migration {
                who,
                how,
                end: None,
            } => format!("{who} {how}, which is being phased out"),
        }
    }

    fn help(&self) -> String {
        match self {
            Ageing::NoEnd { .. } => "add `end:` to its `lifecycle` with the date it stops, so its dependents can plan their migration".into(),
            Ageing::EndPassed { .. } => "retire it (`lifecycle: { status: retired }`) if it has stopped, or move `end:` to the new date".into(),
            Ageing::Planned { .. } => "build the new on its successor instead, so the migration is not made twice".into(),
            Ageing::Retired { interface: true, .. } => "an interface of a retired application is gone too: retire the interface (`lifecycle: { status: retired }`) and move its consumers to the successor, or give it another provider".into(),
            Ageing::Retired { .. } => "move the dependency to the successor, or correct the lifecycle if it is not retired".into(),
            Ageing::RetiredSource { .. } => "make the application that now records it `role: source`, and let the others take it from there".into(),
            Ageing::Migration { .. } => "plan the move to its successor before the end date".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(match self {
            Ageing::NoEnd { .. } => "phase-out without an end".into(),
            Ageing::EndPassed { .. } => "end date passed".into(),
            Ageing::Planned { .. } => "on a phase-out".into(),
            Ageing::Retired { .. } => "retired".into(),
            Ageing::RetiredSource { .. } => "source retired".into(),
            Ageing::Migration { .. } => "to migrate".into(),
        })
    }
}

/// One dependency: who depends, on what, how, and where the YAML says so.
struct Dependency {
    /// The element the finding is about: the application or interface that depends.
    element: (Kind, usize),
    /// Its node.
    dependent: NodeIndex,
    on: NodeIndex,
    via: Via,
    object: Option<String>,
    loc: Loc,
    /// The field, or `data` for `data.<object>`.
    field: &'static str,
}

/// Dependencies: applications on the interfaces they consume (and, through them, on their
/// providers), on where they take data `from`, and on their archiving destinations; interfaces on
/// their providers.
fn dependencies(ctx: &Ctx, report: &mut Report) {
    let g = ctx.graph;
    let status = |n: NodeIndex| lifecycle_of(ctx, n).map(|(_, _, l)| lifecycle_status(l));
    // Only dependencies on what is phased out or retired can be findings.
    let ageing: std::collections::HashSet<NodeIndex> = (0..ctx.model.applications.len())
        .map(|i| g.node(Kind::Application, i))
        .chain((0..ctx.model.interfaces.len()).map(|i| g.node(Kind::Interface, i)))
        .filter(|&n| {
            matches!(
                status(n),
                Some(LifecycleStatus::PhaseOut | LifecycleStatus::Retired)
            )
        })
        .collect();
    if ageing.is_empty() {
        return;
    }
    let mut found: Vec<Dependency> = Vec::new();
    for (i, app) in ctx.model.applications.iter().enumerate() {
        if is_external(app) {
            continue;
        }
        let n = g.node(Kind::Application, i);
        for (t, e) in g.out(n) {
            match &e.kind {
                EdgeKind::Consumes => {
                    // The interface itself, or else its provider, is what is ageing.
                    if g.element_of(t, Kind::Interface).is_none() {
                        continue;
                    }
                    let provider = g.provider(t);
                    let on = match (status(t), provider) {
                        (Some(LifecycleStatus::PhaseOut | LifecycleStatus::Retired), _)
                        | (_, None) => t,
                        // A planned interface is not yet a dependency of its consumers.
                        (Some(LifecycleStatus::Planned), _) => continue,
                        // An interface of a retired provider is reported on the interface.
                        (_, Some(p)) if status(p) == Some(LifecycleStatus::Retired) => continue,
                        (_, Some(p)) => p,
                    };
                    if !ageing.contains(&on) {
                        continue;
                    }
                    // Reported on the application (it is what migrates), labelled where the
                    // interface lists it as a consumer.
                    found.push(Dependency {
                        element: (Kind::Application, i),
                        dependent: n,
                        on,
                        via: if on == t {
                            Via::Consumes
                        } else {
                            Via::ConsumesFrom(t)
                        },
                        object: None,
                        loc: e.loc,
                        field: "consumes",
                    });
                }
                EdgeKind::ArchivesTo if ageing.contains(&t) => found.push(Dependency {
                    element: (Kind::Application, i),
                    dependent: n,
                    on: t,
                    via: Via::ArchivesTo,
                    object: None,
                    loc: e.loc,
                    field: "archiving.destination",
                }),
                EdgeKind::Holds(h) => {
                    if let Some(from) = h.from.filter(|f| ageing.contains(f)) {
                        let object = g
                            .element_of(t, Kind::DataObject)
                            .map(|j| ctx.model.data_objects[j].id.clone());
                        let span = h.from_written.as_ref().map_or(h.role_span, |f| f.span);
                        found.push(Dependency {
                            element: (Kind::Application, i),
                            dependent: n,
                            on: from,
                            via: Via::DataFrom,
                            field: "data",
                            object,
                            loc: Loc::new(e.loc.file, span),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    for i in 0..ctx.model.interfaces.len() {
        let n = g.node(Kind::Interface, i);
        if let Some((p, e)) = g
            .inc(n)
            .find(|(_, e)| matches!(e.kind, EdgeKind::Provides))
            .filter(|(p, _)| ageing.contains(p))
        {
            found.push(Dependency {
                element: (Kind::Interface, i),
                dependent: n,
                on: p,
                via: Via::ProvidedBy,
                object: None,
                loc: e.loc,
                field: "provider",
            });
        }
    }
    for d in found {
        let (Some(mine), Some(theirs)) = (status(d.dependent), status(d.on)) else {
            continue;
        };
        if mine == LifecycleStatus::Retired {
            continue;
        }
        // An interface that consumers still use is their migration, not its own; a planned or
        // retired provider is reported on the interface.
        let interface_itself = matches!(d.via, Via::ProvidedBy);
        let theirs_lifecycle = lifecycle_of(ctx, d.on).and_then(|(_, _, l)| l);
        let how = how(ctx, d.via, d.on, d.object.as_deref());
        let (dependent_kind, dependent_index, _) =
            lifecycle_of(ctx, d.dependent).expect("dependents are applications or interfaces");
        let who = ctx.name(dependent_kind, dependent_index);
        let issue = match theirs {
            LifecycleStatus::Retired => Ageing::Retired {
                who,
                how,
                interface: interface_itself,
            },
            LifecycleStatus::PhaseOut if mine == LifecycleStatus::Planned => {
                Ageing::Planned { who, how }
            }
            LifecycleStatus::PhaseOut if !interface_itself && mine != LifecycleStatus::PhaseOut => {
                Ageing::Migration {
                    who,
                    how,
                    end: theirs_lifecycle
                        .and_then(|l| l.end.as_ref())
                        .map(|e| e.value),
                }
            }
            _ => continue,
        };
        let (kind, index) = d.element;
        let (_, id, _) = ctx.model.describe(kind, index);
        let on_id = lifecycle_of(ctx, d.on).map_or_else(String::new, |(k, i, _)| {
            ctx.model.describe(k, i).1.to_owned()
        });
        let field = match (d.field, &d.object) {
            ("data", Some(object)) => format!("data.{object}"),
            (field, _) => field.to_owned(),
        };
        let f = report.add(&issue, ElementRef::new(kind, id), field, Some(d.loc));
        // Several dependencies of one element are told apart by what they depend on (for
        // `consumes`, the interface).
        f.discriminator = Some(match d.via {
            Via::ConsumesFrom(interface) => lifecycle_of(ctx, interface)
                .map_or(on_id, |(k, i, _)| ctx.model.describe(k, i).1.to_owned()),
            _ => on_id,
        });
    }
}

/// The lifecycle of an application or interface node.
fn lifecycle_of<'a>(
    ctx: &'a Ctx,
    n: NodeIndex,
) -> Option<(Kind, usize, Option<&'a Sp<Lifecycle>>)> {
    let g = ctx.graph;
    if let Some(i) = g.element_of(n, Kind::Application) {
        return Some((
            Kind::Application,
            i,
            ctx.model.applications[i].body.lifecycle.as_ref(),
        ));
    }
    g.element_of(n, Kind::Interface).map(|i| {
        (
            Kind::Interface,
            i,
            ctx.model.interfaces[i].body.lifecycle.as_ref(),
        )
    })
}

fn how(ctx: &Ctx, via: Via, target: NodeIndex, object: Option<&str>) -> String {
    let id = match lifecycle_of(ctx, target) {
        Some((kind, i, _)) => ctx.model.describe(kind, i).1.to_owned(),
        None => String::new(),
    };
    match via {
        Via::Consumes => format!("consumes `{id}`"),
        Via::ConsumesFrom(interface) => {
            let interface_id = match lifecycle_of(ctx, interface) {
                Some((kind, i, _)) => ctx.model.describe(kind, i).1.to_owned(),
                None => String::new(),
            };
            format!("consumes `{interface_id}`, provided by `{id}`")
        }
        Via::ProvidedBy => format!("is provided by `{id}`"),
        Via::DataFrom => format!("gets `{}` from `{id}`", object.unwrap_or("its data")),
        Via::ArchivesTo => format!("archives its records in `{id}`"),
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let g = ctx.graph;
    // End dates, for applications and interfaces alike.
    let elements = (0..ctx.model.applications.len())
        .map(|i| (Kind::Application, i))
        .chain((0..ctx.model.interfaces.len()).map(|i| (Kind::Interface, i)));
    for (kind, i) in elements {
        let n = g.node(kind, i);
        let Some((_, _, Some(lifecycle))) = lifecycle_of(ctx, n) else {
            continue;
        };
        let (loc, id, _) = ctx.model.describe(kind, i);
        let element = ElementRef::new(kind, id);
        let status = lifecycle_status(Some(lifecycle));
        if status == LifecycleStatus::PhaseOut && lifecycle.end.is_none() {
            let span = lifecycle.status.as_ref().map_or(lifecycle.span, |s| s.span);
            report.add(
                &Ageing::NoEnd {
                    who: ctx.name(kind, i),
                },
                element.clone(),
                "lifecycle.end",
                Some(Loc::new(loc.file, span)),
            );
        }
        if let Some(end) = &lifecycle.end
            && status != LifecycleStatus::Retired
            && end.value < ctx.today
        {
            report.add(
                &Ageing::EndPassed {
                    who: ctx.name(kind, i),
                    end: end.value,
                },
                element,
                "lifecycle.end",
                Some(Loc::new(loc.file, end.span)),
            );
        }
    }

    dependencies(ctx, report);

    // A retired application that is still the only source of data that others use. This is the
    // data object's finding (its source of truth is gone: a new one must be named); an
    // application that takes the data `from` the retired one has its own (it must move).
    for (j, object) in ctx.model.data_objects.iter().enumerate() {
        let d = g.node(Kind::DataObject, j);
        let mut retired_source = None;
        let mut living_source = false;
        let mut used = false;
        for (a, e) in g.inc(d) {
            let EdgeKind::Holds(h) = &e.kind else {
                continue;
            };
            let Some(app) = g.element_of(a, Kind::Application) else {
                continue;
            };
            let retired = lifecycle_status(ctx.model.applications[app].body.lifecycle.as_ref())
                == LifecycleStatus::Retired;
            match (h.role, retired) {
                (DataRole::Source, true) => retired_source = Some((app, e.loc)),
                (DataRole::Source, false) => living_source = true,
                (_, false) => used = true,
                _ => {}
            }
        }
        if let Some((app, loc)) = retired_source
            && used
            && !living_source
        {
            let f = report.add(
                &Ageing::RetiredSource {
                    object: ctx.name(Kind::DataObject, j),
                    source: ctx.model.applications[app].id.clone(),
                },
                ElementRef::new(Kind::DataObject, &object.id),
                "source",
                Some(object.loc()),
            );
            f.related(
                loc,
                format!("`{}` is retired", ctx.model.applications[app].id),
            );
        }
    }
}
