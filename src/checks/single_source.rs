//! `single-source`: data is recorded once and asked at the source. A held data object has
//! exactly one source; queries, copies and relays name where they get it, through an
//! interface; a basisregistratie object comes from its national facility or the municipality's
//! own registration as bronhouder.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::cell::RefCell;

use petgraph::graph::NodeIndex;
use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::graph::{EdgeKind, GNode, Holding};
use crate::model::{DataRole, Elem, Field, Kind};
use crate::text::Loc;

pub(super) const CHECK: Check = Check::of::<Duplicated>(run);

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Duplicated {
    NoSource {
        holders: usize,
    },
    TwoSources {
        /// The applications, in the order the model declares them (those off the chain).
        sources: Vec<String>,
        /// A basisregistratie's chain among them, counted as one source: its bronhouder's
        /// registration, then its landelijke voorziening.
        chain: Vec<String>,
    },
    FromMissing {
        object: String,
        role: DataRole,
    },
    SourceWithFrom {
        object: String,
        from: String,
    },
    CopyWithoutSync {
        object: String,
    },
    CopyOfCopy {
        object: String,
        from: String,
    },
    FromNotHolder {
        object: String,
        from: String,
        itself: bool,
    },
    FromWithoutInterface {
        object: String,
        from: String,
        app_id: String,
        why: Unbacked,
    },
    WrongSourceForBasisregistratie {
        object: String,
        registration: String,
        national: Vec<String>,
        bronhouder: Vec<String>,
    },
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

impl Issue for Duplicated {
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per variant, with its message, help and label, is the shape every rule has"
    )]
    fn say(&self, who: &str) -> Said {
        match self {
            Duplicated::NoSource { holders } => Said::new(
                format!(
                    "{who} is used by {holders} application{} but has no source of truth",
                    if *holders == 1 { "" } else { "s" }
                ),
                "make the application that records it `role: source`, and let the others `query` it or keep a `copy` `from` it; data recorded outside the municipality is taken `from:` the external application (`external: true`) that records it",
                "no source",
            ),
            Duplicated::TwoSources { sources, chain } if !chain.is_empty() => Said::new(
                format!(
                    "{who} has {} sources of truth: {}, beside the basisregistratie's chain {}",
                    number(sources.len() + 1),
                    crate::text::quoted_all(sources),
                    chain
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(" → ")
                ),
                format!(
                    "the bronhouder's registration and its landelijke voorziening are one chain, and stay; let {} query the registration (`role: query, from: {}`) or keep a copy with `sync:`",
                    crate::text::quoted_all(sources),
                    chain[0]
                ),
                format!("`{}` declares itself the source", sources[0]),
            ),
            Duplicated::TwoSources { sources, .. } => Said::new(
                format!(
                    "{who} has {} sources of truth: {}",
                    number(sources.len()),
                    crate::text::quoted_all(sources)
                ),
                "keep one source: let the other applications query it (`role: query, from: <source>`) or keep a copy with `sync:`",
                format!("`{}` declares itself the source", sources[0]),
            ),
            Duplicated::FromMissing { object, role } => Said::new(
                format!("{who} has `{object}` as `{role}` but does not say where it gets it from"),
                "add `from:` with the application it asks or copies from",
                "no `from`",
            ),
            Duplicated::SourceWithFrom { object, from } => Said::new(
                format!("{who} is the source of `{object}` but also says it gets it from `{from}`"),
                "a source records the data itself: remove `from:`, or make it a `query` or `copy`",
                "a source has no `from`",
            ),
            Duplicated::CopyWithoutSync { object } => Said::new(
                format!(
                    "{who} keeps a copy of `{object}` without saying how often it is refreshed"
                ),
                "add `sync:` (realtime, hourly, daily, weekly, monthly or manual) so it is clear whether the copy is current enough for its purpose",
                "no `sync`",
            ),
            Duplicated::CopyOfCopy { object, from } => Said::new(
                format!("{who} copies `{object}` from `{from}`, which itself only keeps a copy"),
                "copy from the source itself, so errors are not copied on and stale data does not age twice",
                "only a copy",
            ),
            Duplicated::FromNotHolder {
                object,
                itself: true,
                ..
            } => Said::new(
                format!("{who} says it gets `{object}` from itself"),
                "name the application it asks or copies from; if it records the data itself, make it `role: source`",
                "itself",
            ),
            Duplicated::FromNotHolder { object, from, .. } => Said::new(
                format!("{who} gets `{object}` from `{from}`, which does not have `{object}`"),
                format!(
                    "correct `from:`, or declare `{object}` in the `data:` of `{from}` (as its source, or as what it takes from the source)"
                ),
                "does not have it",
            ),
            Duplicated::FromWithoutInterface {
                object,
                from,
                app_id,
                why,
            } => {
                let list = |v: &[String]| {
                    v.iter()
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let (message, help) = match why {
                    Unbacked::NoInterface => (
                        format!("{who} gets `{object}` from `{from}`, but no interface connects the two"),
                        format!(
                            "add an interface with `provider: {from}` and `consumers: [{app_id}]` (or the other way round) that carries it, or correct `from:`"
                        ),
                    ),
                    Unbacked::NotCarried(interfaces) => (
                        format!(
                            "{who} gets `{object}` from `{from}`, but the interface between them ({}) does not carry it",
                            list(interfaces)
                        ),
                        format!(
                            "add `{object}` to `data_objects` of `{}`, or add an interface that carries it",
                            interfaces[0]
                        ),
                    ),
                    Unbacked::Retired(interfaces) => (
                        format!(
                            "{who} gets `{object}` from `{from}`, but the only interface between them ({}) is retired",
                            list(interfaces)
                        ),
                        "data cannot come through a retired interface: add the interface that replaced it, or correct `from:`".to_owned(),
                    ),
                };
                Said::new(message, help, "no interface")
            }
            Duplicated::WrongSourceForBasisregistratie {
                object,
                registration,
                national,
                bronhouder,
            } => {
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
                Said::new(
                    format!(
                        "{who} declares itself the source of `{object}`, a {registration} object, but is neither the national facility nor the municipality's registration as bronhouder"
                    ),
                    help,
                    "not an authentic source",
                )
            }
        }
    }
}

/// One application's holding of the data object at hand.
struct Held<'a> {
    app: usize,
    node: NodeIndex,
    holding: &'a Holding,
    loc: Loc,
}

/// What is known about one data object's holders while its holdings are checked.
struct Object<'a> {
    id: &'a str,
    node: NodeIndex,
    /// Every application that holds it (retired ones too), and those that hold only a copy.
    holders: HashSet<NodeIndex>,
    copiers: HashSet<NodeIndex>,
    /// No source at all: `no-source` tells the whole story.
    sourceless: bool,
}

fn run(ctx: &Ctx, report: &mut Report) {
    let links = Links::new(ctx);
    for j in 0..ctx.model.data_objects.len() {
        let me = Elem::new(Kind::DataObject, j);
        let (held, object) = holdings(ctx, me);
        if held.is_empty() {
            continue;
        }
        report.examined(me);
        let sources: Vec<&Held> = held
            .iter()
            .filter(|h| h.holding.role == DataRole::Source)
            .collect();
        let registration =
            ctx.graph
                .out(object.node)
                .find_map(|(r, e)| match (&e.kind, ctx.graph.weight(r)) {
                    (EdgeKind::AuthenticIn, GNode::Basisregistratie(i)) => Some(i),
                    _ => None,
                });
        let chain = registration.is_some_and(|r| one_chain(ctx, r, &sources));
        if !chain {
            sources_of(ctx, report, me, &held, &sources, &object, registration);
        }
        if let Some(r) = registration {
            for h in &sources {
                wrong_source(ctx, report, r, h, object.id);
            }
        }
        for h in &held {
            holding(ctx, &links, report, h, &object);
        }
    }
}

/// The applications (not retired) that hold a data object, in the order the model declares
/// them so that messages read like the YAML, and what is known about all its holders.
fn holdings<'a>(ctx: &Ctx<'a>, me: Elem) -> (Vec<Held<'a>>, Object<'a>) {
    let graph = ctx.graph;
    let d = graph.node_of(me);
    let mut held: Vec<Held> = Vec::new();
    let mut retired_source = false;
    let mut holders = HashSet::new();
    let mut copiers = HashSet::new();
    for (a, edge) in graph.inc(d) {
        let EdgeKind::Holds(holding) = &edge.kind else {
            continue;
        };
        let Some(app) = graph.element_of(a, Kind::Application) else {
            continue;
        };
        holders.insert(a);
        if holding.role == DataRole::Copy {
            copiers.insert(a);
        }
        if ctx.retired(a) {
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
    held.sort_by_key(|h| (h.loc.file, h.loc.span.start));
    let object = &ctx.model.data_objects[me.index];
    // An application that takes it `from` an external one (the Inlichtingenbureau, the
    // Omgevingsloket) names its source: outside the municipality, where nothing is declared.
    let from_outside = held.iter().any(|h| {
        h.holding
            .from
            .and_then(|f| graph.element_of(f, Kind::Application))
            .is_some_and(|f| ctx.model.applications[f].body.is_external())
    });
    let has_source = retired_source
        || object.body.basisregistratie.is_some()
        || from_outside
        || held.iter().any(|h| h.holding.role == DataRole::Source);
    let object = Object {
        id: &object.id,
        node: d,
        holders,
        copiers,
        // Without any source, no-source is the finding: a `from` naming an application that
        // does not hold it is part of that story, not another one.
        sourceless: !has_source,
    };
    (held, object)
}

/// No source of truth, or two. Of a basisregistratie's sources, those off its chain come first:
/// the finding points at the one that does not belong, not at the bronhouder.
fn sources_of(
    ctx: &Ctx,
    report: &mut Report,
    me: Elem,
    held: &[Held],
    sources: &[&Held],
    object: &Object,
    registration: Option<usize>,
) {
    let model = ctx.model;
    let mut sources = sources.to_vec();
    if let Some(r) = registration {
        sources.sort_by_key(|h| {
            let (national, bronhouder) = chain_sides(ctx, r, h.node);
            national != bronhouder
        });
    }
    match sources.as_slice() {
        [] if object.sourceless => {
            let issue = Duplicated::NoSource {
                holders: held.len(),
            };
            let f = report.add(issue, me, Field::Source, model.loc(me));
            for h in held {
                let app = &model.applications[h.app].id;
                f.related(h.loc, format!("`{app}` has it as `{}`", h.holding.role));
            }
        }
        [first, rest @ ..] if !rest.is_empty() => {
            let id = |h: &&Held| model.applications[h.app].id.clone();
            let chain = registration
                .map(|r| chain_of(ctx, r, &sources))
                .unwrap_or_default();
            let issue = Duplicated::TwoSources {
                sources: sources
                    .iter()
                    .filter(|h| !chain.contains(&h.app))
                    .map(id)
                    .collect(),
                chain: chain
                    .iter()
                    .map(|&a| model.applications[a].id.clone())
                    .collect(),
            };
            let f = report.add(issue, me, Field::Source, first.loc);
            for h in rest {
                let app = &model.applications[h.app].id;
                let says = if chain.first() == Some(&h.app) {
                    format!(
                        "`{app}` records it as bronhouder: one chain with the landelijke voorziening"
                    )
                } else if chain.contains(&h.app) {
                    format!("`{app}` is the landelijke voorziening: one chain with the bronhouder")
                } else {
                    format!("`{app}` also declares itself the source")
                };
                f.related(h.loc, says);
            }
        }
        _ => {}
    }
}

/// The sides of a basisregistratie's chain an application stands on, by the GEMMA components
/// it realises: the national facility, the municipality's registration as bronhouder.
fn chain_sides(ctx: &Ctx, registration: usize, app: NodeIndex) -> (bool, bool) {
    let r = &ctx.reference.basisregistraties[registration];
    let realises = |names: &[String]| {
        let wanted: Vec<usize> = names
            .iter()
            .filter_map(|n| ctx.reference.component_by_name(n))
            .collect();
        ctx.graph
            .out(app)
            .any(|(c, e)| match (&e.kind, ctx.graph.weight(c)) {
                (EdgeKind::Realises, GNode::GemmaComponent(k)) => wanted.contains(&k),
                _ => false,
            })
    };
    (
        realises(&r.national_facilities),
        realises(&r.bronhouder_components),
    )
}

/// Two sources of a basisregistratie object that are one chain, not two sources of truth: the
/// municipality's registration as bronhouder (the BAG-beheer that records the BAG) and the
/// registration's national facility (the LV BAG it delivers to).
fn one_chain(ctx: &Ctx, registration: usize, sources: &[&Held]) -> bool {
    sources.len() == 2 && !chain_of(ctx, registration, sources).is_empty()
}

/// Among a basisregistratie object's sources, its chain (by application index): the bronhouder's
/// registration, then the landelijke voorziening, one of each; otherwise empty.
fn chain_of(ctx: &Ctx, registration: usize, sources: &[&Held]) -> Vec<usize> {
    let mut bronhouder = Vec::new();
    let mut national = Vec::new();
    for h in sources {
        match chain_sides(ctx, registration, h.node) {
            (true, false) => national.push(h.app),
            (false, true) => bronhouder.push(h.app),
            _ => {}
        }
    }
    match (bronhouder.as_slice(), national.as_slice()) {
        ([b], [n]) => vec![*b, *n],
        _ => Vec::new(),
    }
}

fn number(n: usize) -> String {
    if n == 2 {
        "two".to_owned()
    } else {
        n.to_string()
    }
}

/// A basisregistratie object's source realises the national facility or a bronhouder component.
fn wrong_source(ctx: &Ctx, report: &mut Report, registration: usize, h: &Held, object: &str) {
    let r = &ctx.reference.basisregistraties[registration];
    let me = Elem::new(Kind::Application, h.app);
    if ctx.reference_broken(me, Field::ReferenceComponents) {
        return;
    }
    let known = r
        .national_facilities
        .iter()
        .chain(&r.bronhouder_components)
        .any(|name| ctx.reference.component_by_name(name).is_some());
    if !known {
        return;
    }
    let (national, bronhouder) = chain_sides(ctx, registration, h.node);
    let realises = national || bronhouder;
    if !realises {
        let quoted = |names: &[String]| names.iter().map(|n| format!("`{n}`")).collect();
        let issue = Duplicated::WrongSourceForBasisregistratie {
            object: object.to_owned(),
            registration: r.code.clone(),
            national: quoted(&r.national_facilities),
            bronhouder: quoted(&r.bronhouder_components),
        };
        let app = &ctx.model.applications[h.app];
        report.add(
            issue,
            me,
            Field::Data.at(object),
            app.at(h.holding.role_span),
        );
    }
}

/// The checks on one application's use of one data object.
fn holding(ctx: &Ctx, links: &Links, report: &mut Report, h: &Held, object: &Object) {
    let model = ctx.model;
    let app = &model.applications[h.app];
    if app.body.is_external() {
        return;
    }
    let me = Elem::new(Kind::Application, h.app);
    let field = Field::Data.at(object.id);
    let holding = h.holding;
    let object_id = object.id.to_owned();
    match (holding.role, &holding.from_written) {
        (DataRole::Source, Some(from)) => {
            let issue = Duplicated::SourceWithFrom {
                object: object_id,
                from: from.value.clone(),
            };
            report.add(issue, me, field, app.at(from.span));
            return;
        }
        (DataRole::Source, None) => return,
        (role, None) => {
            let issue = Duplicated::FromMissing {
                object: object_id,
                role,
            };
            report.add(issue, me, field, app.at(holding.role_span));
            return;
        }
        _ => {}
    }
    if holding.role == DataRole::Copy && holding.sync.is_none() {
        let issue = Duplicated::CopyWithoutSync {
            object: object_id.clone(),
        };
        report.add(issue, me, field.clone(), app.at(holding.role_span));
    }
    let Some(from) = holding.from else { return };
    let from_span = holding
        .from_written
        .as_ref()
        .map_or(holding.role_span, |f| f.span);
    let Some(from_index) = ctx.graph.element_of(from, Kind::Application) else {
        return;
    };
    let from_app = &model.applications[from_index];
    let from_id = from_app.id.clone();
    if ctx.retired(from) {
        return;
    }
    // A national facility or partner does not declare what it holds; the others must.
    let from_holds = object.holders.contains(&from);
    let external = from_app.body.is_external();
    if from != h.node && !from_holds && !external && object.sourceless {
        // No-source covers it: nothing here to back with an interface either.
        return;
    }
    if from == h.node || (!from_holds && !external) {
        let issue = Duplicated::FromNotHolder {
            object: object_id,
            from: from_id,
            itself: from == h.node,
        };
        report.add(issue, me, field, app.at(from_span));
        return;
    }
    if holding.role == DataRole::Copy && object.copiers.contains(&from) {
        let issue = Duplicated::CopyOfCopy {
            object: object_id.clone(),
            from: from_id.clone(),
        };
        report.add(issue, me, field.clone(), app.at(from_span));
    }
    if let Err(why) = links.backed(h.node, from, object.node) {
        let issue = Duplicated::FromWithoutInterface {
            object: object_id,
            from: from_id,
            app_id: app.id.clone(),
            why,
        };
        report.add(issue, me, field, app.at(from_span));
    }
}

/// The interfaces that connect two applications (one provides, the other consumes), found once
/// per pair.
struct Links<'c, 'a> {
    ctx: &'c Ctx<'a>,
    between: RefCell<HashMap<(NodeIndex, NodeIndex), Vec<NodeIndex>>>,
    /// (application, interface) for every `consumers` entry: whether an application consumes
    /// an interface is a lookup, however many interfaces either side has.
    consumes: HashSet<(NodeIndex, NodeIndex)>,
    /// How many interfaces each application provides or consumes.
    degree: HashMap<NodeIndex, usize>,
}

impl<'c, 'a> Links<'c, 'a> {
    fn new(ctx: &'c Ctx<'a>) -> Self {
        let graph = ctx.graph;
        let mut consumes = HashSet::new();
        let mut degree = HashMap::new();
        for a in ctx
            .model
            .elems(Kind::Application)
            .map(|me| graph.node_of(me))
        {
            let mut n = 0;
            for (i, e) in graph.out(a) {
                match e.kind {
                    EdgeKind::Consumes => {
                        consumes.insert((a, i));
                        n += 1;
                    }
                    EdgeKind::Provides => n += 1,
                    _ => {}
                }
            }
            degree.insert(a, n);
        }
        Links {
            ctx,
            between: RefCell::new(HashMap::new()),
            consumes,
            degree,
        }
    }

    /// Interfaces one of the two provides and the other consumes, in a stable order.
    fn between(&self, a: NodeIndex, b: NodeIndex) -> Vec<NodeIndex> {
        let key = (a.min(b), a.max(b));
        if let Some(found) = self.between.borrow().get(&key) {
            return found.clone();
        }
        let graph = self.ctx.graph;
        let degree = |n: NodeIndex| self.degree.get(&n).copied().unwrap_or(0);
        // Walk the side with fewer interfaces; ask about the other through the provider index
        // and the consumer set.
        let (few, many) = if degree(a) <= degree(b) {
            (a, b)
        } else {
            (b, a)
        };
        let mut found: Vec<NodeIndex> = graph
            .out(few)
            .filter(|(_, e)| matches!(e.kind, EdgeKind::Provides | EdgeKind::Consumes))
            .map(|(i, _)| i)
            .filter(|&i| {
                let provider = graph.provider(i);
                (provider == Some(few) && self.consumes.contains(&(many, i)))
                    || (provider == Some(many) && self.consumes.contains(&(few, i)))
            })
            .collect();
        found.sort();
        found.dedup();
        self.between.borrow_mut().insert(key, found.clone());
        found
    }

    /// An interface between the two applications, either way round, that is not retired and
    /// carries the data object (or does not say what it carries).
    fn backed(&self, app: NodeIndex, from: NodeIndex, object: NodeIndex) -> Result<(), Unbacked> {
        let ctx = self.ctx;
        let graph = ctx.graph;
        let mut not_carried = Vec::new();
        let mut retired = Vec::new();
        for i in self.between(app, from) {
            let Some(index) = graph.element_of(i, Kind::Interface) else {
                continue;
            };
            let interface = &ctx.model.interfaces[index];
            if interface.body.is_retired() {
                // Lifecycle reports a retired interface on a consumer that is not external.
                let reported = [app, from].into_iter().any(|c| {
                    graph.provider(i) != Some(c)
                        && graph
                            .element_of(c, Kind::Application)
                            .is_some_and(|a| !ctx.model.applications[a].body.is_external())
                });
                retired.push((interface.id.clone(), reported));
                continue;
            }
            let me = Elem::new(Kind::Interface, index);
            let carries = interface.body.data_objects.is_empty()
                || ctx.reference_broken(me, Field::DataObjects)
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
            // Only retired interfaces connect them: lifecycle reports the dependency on them,
            // unless the side that consumes them is external.
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
}
