//! `lifecycle`: stop what delivers too little, and do it cleanly. A phase-out has an end date;
//! an end date does not pass unnoticed; nothing new is built on what is being phased out, and
//! nothing depends on (or takes its data from) what is retired. Existing dependencies on a
//! phase-out are listed as a migration list.

use std::collections::HashSet;

use petgraph::graph::NodeIndex;
use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::graph::EdgeKind;
use crate::model::{
    DataRole, Date, Elem, Field, FieldPath, Kind, Lifecycle, LifecycleStatus, lifecycle_status,
};
use crate::syntax::Sp;
use crate::text::Loc;

pub(super) const CHECK: Check = Check::of::<Ageing>(run);

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

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Ageing {
    PhaseOutWithoutEnd,
    EndPassed {
        end: Date,
    },
    PlannedDependsOnPhaseOut {
        how: String,
        /// What it depends on (for `consumes`, the interface): tells several apart.
        on: String,
    },
    DependsOnRetired {
        how: String,
        interface: bool,
        on: String,
    },
    RetiredSource {
        source: String,
    },
    Migration {
        how: String,
        end: Option<Date>,
        on: String,
    },
}

impl Issue for Ageing {
    fn say(&self, who: &str) -> Said {
        match self {
            Ageing::PhaseOutWithoutEnd => Said::new(
                format!("{who} is being phased out but has no end date"),
                "add `end:` to its `lifecycle` with the date it stops, so its dependents can plan their migration",
                "phase-out without an end",
            ),
            Ageing::EndPassed { end } => Said::new(
                format!("{who} should have ended on {end} but is not retired"),
                "retire it (`lifecycle: { status: retired }`) if it has stopped, or move `end:` to the new date",
                "end date passed",
            ),
            Ageing::PlannedDependsOnPhaseOut { how, .. } => Said::new(
                format!("{who} is planned but {how}, which is being phased out"),
                "build the new on its successor instead, so the migration is not made twice",
                "on a phase-out",
            ),
            Ageing::DependsOnRetired { how, interface, .. } => Said::new(
                format!("{who} {how}, which is retired"),
                if *interface {
                    "an interface of a retired application is gone too: retire the interface (`lifecycle: { status: retired }`) and move its consumers to the successor, or give it another provider"
                } else {
                    "move the dependency to the successor, or correct the lifecycle if it is not retired"
                },
                "retired",
            ),
            Ageing::RetiredSource { source } => Said::new(
                format!("{who} is still used, but its source `{source}` is retired"),
                "make the application that now records it `role: source`, and let the others take it from there",
                "source retired",
            ),
            Ageing::Migration { how, end, .. } => Said::new(
                match end {
                    Some(end) => format!("{who} {how}, which is being phased out (end {end})"),
                    None => format!("{who} {how}, which is being phased out"),
                },
                "plan the move to its successor before the end date",
                "to migrate",
            ),
        }
    }

    fn key(&self) -> Option<String> {
        match self {
            Ageing::PlannedDependsOnPhaseOut { on, .. }
            | Ageing::DependsOnRetired { on, .. }
            | Ageing::Migration { on, .. } => Some(on.clone()),
            _ => None,
        }
    }
}

/// One dependency: who depends, on what, how, and where the YAML says so.
struct Dependency {
    /// The element the finding is about: the application or interface that depends.
    dependent: NodeIndex,
    on: NodeIndex,
    via: Via,
    object: Option<String>,
    loc: Loc,
}

impl Dependency {
    /// The field the dependency is written in (`data.<object>` for data).
    fn field(&self) -> FieldPath {
        match (self.via, &self.object) {
            (Via::Consumes | Via::ConsumesFrom(_), _) => Field::Consumes.into(),
            (Via::ArchivesTo, _) => Field::Archiving.at("destination"),
            (Via::ProvidedBy, _) => Field::Provider.into(),
            (Via::DataFrom, Some(object)) => Field::Data.at(object.as_str()),
            (Via::DataFrom, None) => Field::Data.into(),
        }
    }
}

/// The lifecycle of an application or interface node.
fn lifecycle_of<'a>(ctx: &'a Ctx, n: NodeIndex) -> Option<(Elem, Option<&'a Sp<Lifecycle>>)> {
    let e = ctx.graph.elem(n)?;
    match e.kind {
        Kind::Application => Some((e, ctx.model.applications[e.index].body.lifecycle.as_ref())),
        Kind::Interface => Some((e, ctx.model.interfaces[e.index].body.lifecycle.as_ref())),
        _ => None,
    }
}

fn status(ctx: &Ctx, n: NodeIndex) -> Option<LifecycleStatus> {
    lifecycle_of(ctx, n).map(|(_, l)| lifecycle_status(l))
}

/// The id of an application or interface node.
fn id_of(ctx: &Ctx, n: NodeIndex) -> String {
    ctx.graph
        .elem(n)
        .map_or_else(String::new, |e| ctx.model.id(e).to_owned())
}

/// Dependencies of applications on the interfaces they consume (and, through them, on their
/// providers), on where they take data `from`, and on their archiving destinations; of
/// interfaces on their providers. Only those on something phased out or retired.
fn dependencies_on(ctx: &Ctx, ageing: &HashSet<NodeIndex>) -> Vec<Dependency> {
    let g = ctx.graph;
    let mut found: Vec<Dependency> = Vec::new();
    for (i, app) in ctx.model.applications.iter().enumerate() {
        if app.body.is_external() {
            continue;
        }
        let n = g.node(Kind::Application, i);
        for (t, e) in g.out(n) {
            let (on, via, object, loc) = match &e.kind {
                EdgeKind::Consumes => {
                    // The interface itself, or else its provider, is what is ageing.
                    if g.element_of(t, Kind::Interface).is_none() {
                        continue;
                    }
                    let on = match (status(ctx, t), g.provider(t)) {
                        (Some(LifecycleStatus::PhaseOut | LifecycleStatus::Retired), _)
                        | (_, None) => t,
                        // A planned interface is not yet a dependency of its consumers.
                        (Some(LifecycleStatus::Planned), _) => continue,
                        // An interface of a retired provider is reported on the interface.
                        (_, Some(p)) if status(ctx, p) == Some(LifecycleStatus::Retired) => {
                            continue;
                        }
                        (_, Some(p)) => p,
                    };
                    // Reported on the application (it is what migrates), labelled where the
                    // interface lists it as a consumer.
                    let via = if on == t {
                        Via::Consumes
                    } else {
                        Via::ConsumesFrom(t)
                    };
                    (on, via, None, e.loc)
                }
                EdgeKind::ArchivesTo => (t, Via::ArchivesTo, None, e.loc),
                EdgeKind::Holds(h) => {
                    let Some(from) = h.from else { continue };
                    // The object's id is copied only for a dependency that is one.
                    if !ageing.contains(&from) {
                        continue;
                    }
                    let object = g.elem(t).map(|d| ctx.model.id(d).to_owned());
                    let span = h.from_written.as_ref().map_or(h.role_span, |f| f.span);
                    (from, Via::DataFrom, object, Loc::new(e.loc.file, span))
                }
                _ => continue,
            };
            if ageing.contains(&on) {
                found.push(Dependency {
                    dependent: n,
                    on,
                    via,
                    object,
                    loc,
                });
            }
        }
    }
    for i in 0..ctx.model.interfaces.len() {
        let n = g.node(Kind::Interface, i);
        if let Some(p) = g.provider(n).filter(|p| ageing.contains(p))
            && let Some((_, e)) = g
                .inc(n)
                .find(|(q, e)| *q == p && matches!(e.kind, EdgeKind::Provides))
        {
            found.push(Dependency {
                dependent: n,
                on: p,
                via: Via::ProvidedBy,
                object: None,
                loc: e.loc,
            });
        }
    }
    found
}

fn dependencies(ctx: &Ctx, report: &mut Report) {
    let g = ctx.graph;
    // Only dependencies on what is phased out or retired can be findings.
    let ageing: HashSet<NodeIndex> = (0..ctx.model.applications.len())
        .map(|i| g.node(Kind::Application, i))
        .chain((0..ctx.model.interfaces.len()).map(|i| g.node(Kind::Interface, i)))
        .filter(|&n| {
            matches!(
                status(ctx, n),
                Some(LifecycleStatus::PhaseOut | LifecycleStatus::Retired)
            )
        })
        .collect();
    if ageing.is_empty() {
        return;
    }
    for d in dependencies_on(ctx, &ageing) {
        let (Some(mine), Some(theirs)) = (status(ctx, d.dependent), status(ctx, d.on)) else {
            continue;
        };
        if mine == LifecycleStatus::Retired {
            continue;
        }
        // An interface that consumers still use is their migration, not its own; a planned or
        // retired provider is reported on the interface.
        let interface_itself = matches!(d.via, Via::ProvidedBy);
        let theirs_lifecycle = lifecycle_of(ctx, d.on).and_then(|(_, l)| l);
        let how = how(ctx, d.via, d.on, d.object.as_deref());
        // Several dependencies of one element are told apart by what they depend on (for
        // `consumes`, the interface).
        let on = match d.via {
            Via::ConsumesFrom(interface) => id_of(ctx, interface),
            _ => id_of(ctx, d.on),
        };
        let issue = match theirs {
            LifecycleStatus::Retired => Ageing::DependsOnRetired {
                how,
                interface: interface_itself,
                on,
            },
            LifecycleStatus::PhaseOut if mine == LifecycleStatus::Planned => {
                Ageing::PlannedDependsOnPhaseOut { how, on }
            }
            LifecycleStatus::PhaseOut if !interface_itself && mine != LifecycleStatus::PhaseOut => {
                Ageing::Migration {
                    how,
                    end: theirs_lifecycle
                        .and_then(|l| l.end.as_ref())
                        .map(|e| e.value),
                    on,
                }
            }
            _ => continue,
        };
        let (dependent, _) =
            lifecycle_of(ctx, d.dependent).expect("dependents are applications or interfaces");
        report.add(issue, dependent, d.field(), d.loc);
    }
}

fn how(ctx: &Ctx, via: Via, target: NodeIndex, object: Option<&str>) -> String {
    let id = id_of(ctx, target);
    match via {
        Via::Consumes => format!("consumes `{id}`"),
        Via::ConsumesFrom(interface) => {
            format!("consumes `{}`, provided by `{id}`", id_of(ctx, interface))
        }
        Via::ProvidedBy => format!("is provided by `{id}`"),
        Via::DataFrom => format!("gets `{}` from `{id}`", object.unwrap_or("its data")),
        Via::ArchivesTo => format!("archives its records in `{id}`"),
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    // End dates, for applications and interfaces alike.
    let elements = ctx
        .model
        .elems(Kind::Application)
        .chain(ctx.model.elems(Kind::Interface));
    for me in elements {
        report.examined(me);
        let Some((_, Some(lifecycle))) = lifecycle_of(ctx, ctx.graph.node_of(me)) else {
            continue;
        };
        let file = ctx.model.loc(me).file;
        let status = lifecycle_status(Some(lifecycle));
        let field = Field::Lifecycle.at("end");
        if status == LifecycleStatus::PhaseOut && lifecycle.end.is_none() {
            let span = lifecycle.status.as_ref().map_or(lifecycle.span, |s| s.span);
            let loc = Loc::new(file, span);
            report.add(Ageing::PhaseOutWithoutEnd, me, field.clone(), loc);
        }
        if let Some(end) = &lifecycle.end
            && status != LifecycleStatus::Retired
            && end.value < ctx.today
        {
            let issue = Ageing::EndPassed { end: end.value };
            report.add(issue, me, field, Loc::new(file, end.span));
        }
    }
    dependencies(ctx, report);
    retired_sources(ctx, report);
}

/// A retired application that is still the only source of data that others use. This is the
/// data object's finding (its source of truth is gone: a new one must be named); an
/// application that takes the data `from` the retired one has its own (it must move).
fn retired_sources(ctx: &Ctx, report: &mut Report) {
    let g = ctx.graph;
    for (j, object) in ctx.model.data_objects.iter().enumerate() {
        let me = Elem::new(Kind::DataObject, j);
        let mut retired_source = None;
        let mut living_source = false;
        let mut used = false;
        for (a, e) in g.inc(g.node_of(me)) {
            let EdgeKind::Holds(h) = &e.kind else {
                continue;
            };
            let Some(app) = g.element_of(a, Kind::Application) else {
                continue;
            };
            match (h.role, ctx.model.applications[app].body.is_retired()) {
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
            let source = ctx.model.applications[app].id.clone();
            let related = format!("`{source}` is retired");
            let f = report.add(
                Ageing::RetiredSource { source },
                me,
                Field::Source,
                object.loc(),
            );
            f.related(loc, related);
        }
    }
}
