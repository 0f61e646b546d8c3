//! The landscape as a picture: applications as boxes, interfaces as arrows from provider to
//! consumer (by style), boxes grouped by owner, business function or GEMMA domain, and elements
//! with open findings marked. Large landscapes need a focus: one element's neighbourhood.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use serde::Serialize;

use super::{Figures, Item};
use crate::catalogue::Severity;
use crate::graph::{EdgeKind, GNode, Graph};
use crate::model::{Elem, Kind, Model};
use crate::text::{closest, shorten};

/// Above this many boxes a drawing needs `--focus` (or a raised `--max-nodes`). Sixty boxes in
/// a dozen clusters is about what a layout keeps readable on one A3 page or one screen:
/// Graphviz then draws boxes about 2 cm wide with 9-point labels, and a Mermaid diagram stays
/// below the few hundred arrows where its layout slows to seconds and lines cross illegibly.
pub const MAX_NODES: usize = 60;

/// How boxes are grouped.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clustering {
    /// The owner hierarchy: organisation → department → team.
    Owner,
    /// The municipality's business functions and their parents; an application is drawn in
    /// the first function it supports (by id).
    BusinessFunction,
    /// GEMMA: the layer of bedrijfsfuncties (Uitvoering, Ondersteuning, …) and the domain under
    /// it (Uitvoering Publieksdiensten, …), through the business functions' `gemma` mapping.
    Domain,
}

pub struct PictureOptions {
    /// `ID`, `application:ID` or `interface:ID`.
    pub focus: Option<String>,
    /// How many interface steps from the focus to draw.
    pub depth: usize,
    pub clustering: Option<Clustering>,
    pub max_nodes: usize,
}

/// Why a picture cannot be drawn as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PictureError {
    /// More boxes than `max_nodes` without a focus narrowing them: the best connected
    /// applications, as focus suggestions.
    TooLarge {
        nodes: usize,
        max: usize,
        suggestions: Vec<String>,
    },
    /// The focus names no application or interface.
    UnknownFocus {
        given: String,
        suggestions: Vec<String>,
    },
    /// A focus with more boxes than `max_nodes`: a smaller depth helps.
    FocusTooLarge { nodes: usize, max: usize },
}

#[derive(Clone, Debug, Serialize)]
pub struct PictureNode {
    pub item: Item,
    pub external: bool,
    pub lifecycle: &'static str,
    /// Open findings (neither waived nor baselined) on the application.
    pub findings: usize,
    /// The worst severity among them.
    pub worst: Option<Severity>,
    pub cluster: Option<usize>,
    pub focus: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PictureEdge {
    pub interface: Item,
    pub style: Option<&'static str>,
    /// Node positions in [`Picture::nodes`]; `to` is `None` for an interface nobody consumes.
    pub from: usize,
    pub to: Option<usize>,
    pub findings: usize,
    pub worst: Option<Severity>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PictureCluster {
    /// Stable and unique: `owner:…`, `business_function:…`, `gemma:…`.
    pub key: String,
    pub label: String,
    pub parent: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Picture {
    /// Sorted by id.
    pub nodes: Vec<PictureNode>,
    /// Sorted by interface id, then consumer.
    pub edges: Vec<PictureEdge>,
    /// Parents before their children.
    pub clusters: Vec<PictureCluster>,
    pub focus: Option<Item>,
    pub depth: usize,
    /// Applications in the landscape.
    pub total: usize,
}

/// Open findings per element: how many, and the worst severity (information aside).
fn findings_per_element(figures: &Figures) -> HashMap<Elem, (usize, Severity)> {
    let mut out: HashMap<Elem, (usize, Severity)> = HashMap::new();
    for (f, e) in figures
        .outcome
        .verdict
        .findings
        .iter()
        .zip(&figures.compliance.finding_elems)
    {
        if let Some(e) = e
            && f.is_active()
            && f.severity > Severity::Info
        {
            let entry = out.entry(*e).or_insert((0, f.severity));
            entry.0 += 1;
            entry.1 = entry.1.max(f.severity);
        }
    }
    out
}

/// Applications joined by interfaces, both ways: the neighbours of each.
fn neighbours(model: &Model, graph: &Graph) -> BTreeMap<usize, BTreeSet<usize>> {
    let mut out: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for i in 0..model.interfaces.len() {
        let (Some(p), consumers) = ends(graph, i) else {
            continue;
        };
        for c in consumers {
            if c != p {
                out.entry(p).or_default().insert(c);
                out.entry(c).or_default().insert(p);
            }
        }
    }
    out
}

/// An interface's provider and consumers (applications), as resolved.
fn ends(graph: &Graph, interface: usize) -> (Option<usize>, Vec<usize>) {
    let n = graph.node(Kind::Interface, interface);
    let provider = graph
        .provider(n)
        .and_then(|p| graph.element_of(p, Kind::Application));
    let mut consumers: Vec<usize> = graph
        .inc(n)
        .filter(|(_, e)| matches!(e.kind, EdgeKind::Consumes))
        .filter_map(|(a, _)| graph.element_of(a, Kind::Application))
        .collect();
    consumers.sort_unstable();
    consumers.dedup();
    (provider, consumers)
}

/// The applications to draw: all, or those within `depth` interface steps of the focus.
fn chosen(
    model: &Model,
    graph: &Graph,
    options: &PictureOptions,
) -> Result<(BTreeSet<usize>, Option<Elem>), PictureError> {
    let Some(focus) = &options.focus else {
        return Ok(((0..model.applications.len()).collect(), None));
    };
    let (kind, id) = match focus.split_once(':') {
        Some(("application", id)) => (Some(Kind::Application), id),
        Some(("interface", id)) => (Some(Kind::Interface), id),
        _ => (None, focus.as_str()),
    };
    let found = [Kind::Application, Kind::Interface]
        .into_iter()
        .filter(|k| kind.is_none_or(|want| want == *k))
        .find_map(|k| model.find(k, id).map(|i| Elem::new(k, i)));
    let Some(elem) = found else {
        let mut ids = model.ids(Kind::Application);
        ids.extend(model.ids(Kind::Interface));
        return Err(PictureError::UnknownFocus {
            given: shorten(focus),
            suggestions: closest(id, ids, 3).into_iter().map(str::to_owned).collect(),
        });
    };
    let start: Vec<usize> = match elem.kind {
        Kind::Interface => {
            let (p, mut c) = ends(graph, elem.index);
            c.extend(p);
            c
        }
        _ => vec![elem.index],
    };
    let around = neighbours(model, graph);
    let mut seen: BTreeSet<usize> = start.iter().copied().collect();
    let mut queue: VecDeque<(usize, usize)> = start.into_iter().map(|a| (a, 0)).collect();
    while let Some((a, d)) = queue.pop_front() {
        if d == options.depth {
            continue;
        }
        for &b in around.get(&a).into_iter().flatten() {
            if seen.insert(b) {
                queue.push_back((b, d + 1));
            }
        }
    }
    Ok((seen, Some(elem)))
}

impl Picture {
    pub fn new(figures: &Figures, options: &PictureOptions) -> Result<Picture, PictureError> {
        let model = figures.model();
        let Some(graph) = figures.outcome.graph.as_ref() else {
            return Ok(Picture {
                nodes: Vec::new(),
                edges: Vec::new(),
                clusters: Vec::new(),
                focus: None,
                depth: options.depth,
                total: model.applications.len(),
            });
        };
        let (apps, focus) = chosen(model, graph, options)?;
        if apps.len() > options.max_nodes {
            return Err(if focus.is_some() {
                PictureError::FocusTooLarge {
                    nodes: apps.len(),
                    max: options.max_nodes,
                }
            } else {
                PictureError::TooLarge {
                    nodes: apps.len(),
                    max: options.max_nodes,
                    suggestions: best_connected(model, graph),
                }
            });
        }
        let marks = findings_per_element(figures);
        let mut order: Vec<usize> = apps.into_iter().collect();
        order.sort_by(|&a, &b| model.applications[a].id.cmp(&model.applications[b].id));
        let position: HashMap<usize, usize> =
            order.iter().enumerate().map(|(p, &a)| (a, p)).collect();
        let mut clusters = Clusters::default();
        let nodes = order
            .iter()
            .map(|&a| {
                let e = Elem::new(Kind::Application, a);
                let app = &model.applications[a].body;
                let (findings, worst) = marks.get(&e).map_or((0, None), |&(n, s)| (n, Some(s)));
                PictureNode {
                    item: Item::new(model, e),
                    external: app.is_external(),
                    lifecycle: app.status().as_str(),
                    findings,
                    worst,
                    cluster: options
                        .clustering
                        .and_then(|c| clusters.place(figures, graph, c, a)),
                    focus: focus == Some(e),
                }
            })
            .collect();
        Ok(Picture {
            nodes,
            edges: edges(figures, graph, &position, &marks),
            clusters: clusters.list,
            focus: focus.map(|e| Item::new(model, e)),
            depth: options.depth,
            total: model.applications.len(),
        })
    }
}

/// The three applications with the most interface neighbours, as focus suggestions.
fn best_connected(model: &Model, graph: &Graph) -> Vec<String> {
    let around = neighbours(model, graph);
    let mut ranked: Vec<(usize, &str)> = around
        .iter()
        .map(|(&a, n)| (n.len(), model.applications[a].id.as_str()))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    ranked
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_owned())
        .collect()
}

/// Every interface between drawn applications, one arrow per consumer.
fn edges(
    figures: &Figures,
    graph: &Graph,
    position: &HashMap<usize, usize>,
    marks: &HashMap<Elem, (usize, Severity)>,
) -> Vec<PictureEdge> {
    let model = figures.model();
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..model.interfaces.len()).collect();
    order.sort_by(|&a, &b| model.interfaces[a].id.cmp(&model.interfaces[b].id));
    for i in order {
        let (Some(p), consumers) = ends(graph, i) else {
            continue;
        };
        let Some(&from) = position.get(&p) else {
            continue;
        };
        let e = Elem::new(Kind::Interface, i);
        let (findings, worst) = marks.get(&e).map_or((0, None), |&(n, s)| (n, Some(s)));
        let edge = |to| PictureEdge {
            interface: Item::new(model, e),
            style: model.interfaces[i]
                .body
                .style
                .as_ref()
                .map(|s| s.value.as_str()),
            from,
            to,
            findings,
            worst,
        };
        if consumers.is_empty() {
            out.push(edge(None));
        }
        let mut to: Vec<usize> = consumers
            .iter()
            .filter_map(|c| position.get(c).copied())
            .collect();
        to.sort_unstable();
        out.extend(to.into_iter().map(|t| edge(Some(t))));
    }
    out
}

/// The clusters met so far, parents before children, each once.
#[derive(Default)]
struct Clusters {
    list: Vec<PictureCluster>,
    by_key: HashMap<String, usize>,
}

impl Clusters {
    /// Interns a path of (key, label) from the top down; returns the innermost cluster.
    fn intern(&mut self, path: Vec<(String, String)>) -> Option<usize> {
        let mut parent = None;
        for (key, label) in path {
            let at = match self.by_key.get(&key) {
                Some(&at) => at,
                None => {
                    self.list.push(PictureCluster {
                        key: key.clone(),
                        label,
                        parent,
                    });
                    self.by_key.insert(key, self.list.len() - 1);
                    self.list.len() - 1
                }
            };
            parent = Some(at);
        }
        parent
    }

    fn place(
        &mut self,
        figures: &Figures,
        graph: &Graph,
        clustering: Clustering,
        app: usize,
    ) -> Option<usize> {
        let model = figures.model();
        let e = Elem::new(Kind::Application, app);
        let path = match clustering {
            Clustering::Owner => {
                let owner = figures.ownership.as_ref()?.of(e).owner?;
                chain(model, graph, Elem::new(Kind::Owner, owner))
            }
            Clustering::BusinessFunction => {
                chain(model, graph, first_function(model, graph, app, |_| true)?)
            }
            Clustering::Domain => domain(figures, graph, app)?,
        };
        self.intern(path)
    }
}

/// An owner or business function and its parents, from the top down, as cluster (key, label).
fn chain(model: &Model, graph: &Graph, start: Elem) -> Vec<(String, String)> {
    let mut path = Vec::new();
    let mut seen = BTreeSet::new();
    let mut at = Some(start);
    while let Some(e) = at {
        if !seen.insert(e) {
            break;
        }
        path.push((model.element_ref(e).to_string(), model.name(e).to_owned()));
        at = graph
            .out(graph.node_of(e))
            .find(|(_, edge)| matches!(edge.kind, EdgeKind::PartOf))
            .and_then(|(p, _)| graph.element_of(p, start.kind))
            .map(|i| Elem::new(start.kind, i));
    }
    path.reverse();
    path
}

/// The first business function (by id) an application supports that passes `pick`.
fn first_function(
    model: &Model,
    graph: &Graph,
    app: usize,
    pick: impl Fn(usize) -> bool,
) -> Option<Elem> {
    graph
        .out(graph.node(Kind::Application, app))
        .filter(|(_, e)| matches!(e.kind, EdgeKind::Supports))
        .filter_map(|(bf, _)| graph.element_of(bf, Kind::BusinessFunction))
        .filter(|&bf| pick(bf))
        .min_by(|&a, &b| {
            model.business_functions[a]
                .id
                .cmp(&model.business_functions[b].id)
        })
        .map(|bf| Elem::new(Kind::BusinessFunction, bf))
}

/// The GEMMA bedrijfsfunctie a business function maps to: its own, or its nearest parent's.
fn gemma_function(graph: &Graph, bf: usize) -> Option<usize> {
    let mut seen = BTreeSet::new();
    let mut at = bf;
    while seen.insert(at) {
        let n = graph.node(Kind::BusinessFunction, at);
        if let Some(j) = graph
            .out(n)
            .find_map(|(t, e)| match (graph.weight(t), &e.kind) {
                (GNode::GemmaFunction(j), EdgeKind::MapsTo) => Some(j),
                _ => None,
            })
        {
            return Some(j);
        }
        at = graph
            .out(n)
            .find(|(_, e)| matches!(e.kind, EdgeKind::PartOf))
            .and_then(|(p, _)| graph.element_of(p, Kind::BusinessFunction))?;
    }
    None
}

/// The GEMMA layer and domain of an application: through the first of its business functions
/// (by id) that maps to GEMMA, up GEMMA's own hierarchy (the first parent where it has several).
fn domain(figures: &Figures, graph: &Graph, app: usize) -> Option<Vec<(String, String)>> {
    let model = figures.model();
    let functions = &figures.outcome.reference.functions;
    let bf = first_function(model, graph, app, |bf| gemma_function(graph, bf).is_some())?;
    let mut at = gemma_function(graph, bf.index)?;
    let by_id: HashMap<&str, usize> = functions
        .iter()
        .enumerate()
        .map(|(j, f)| (f.object_id.as_str(), j))
        .collect();
    let mut up = vec![at];
    let mut seen = BTreeSet::from([at]);
    while let Some(parent) = functions[at]
        .parents
        .iter()
        .filter_map(|p| by_id.get(p.as_str()).copied())
        .min()
    {
        if !seen.insert(parent) {
            break;
        }
        up.push(parent);
        at = parent;
    }
    up.reverse();
    Some(
        up.into_iter()
            .take(2)
            .map(|j| {
                (
                    format!("gemma:{}", functions[j].object_id),
                    functions[j].name.clone(),
                )
            })
            .collect(),
    )
}
