//! Who reports what. Some situations could be reported by more than one rule; each is reported
//! by exactly one, so one mistake gives one finding. Every other rule asks here and stays
//! quiet about it:
//!
//! | situation | reported by | what the other rules do |
//! | --- | --- | --- |
//! | a reference that does not resolve, or an ambiguous GEMMA name | `model-integrity` | treat the reference as present ([`reference_broken`]; also the ownership derivation and the waiver register) |
//! | a business-function `parent` chain with a cycle, or a parent that does not exist | `model-integrity` | `ownership` derives no owner through it |
//! | a standard misspelt so that it might be the one a rule wants | `model-integrity` | treat the standard as implemented |
//! | a referenced file that is missing, outside the model root, given by URL or not what it should be | the rule that reads it: `rest-api` (`specification`), `open-source-unless` (`publiccode`) | — |
//! | a `messaging` or `events` interface | `open-standards` (the NL GOV profile for CloudEvents) | `rest-api` does not ask it to be REST |
//! | something that depends on (or takes data from) a retired application or interface | `lifecycle` | skip the dependency |
//! | a data object with no source, or with two | `single-source` | derive no owner from it (`ownership`) |
//! | an interface that couples applications through a database | `decoupled-components` | do not ask it to be REST (`rest-api`) |
//! | the accessibility standard | `accessibility` | `open-standards` does not enforce it (its catalogue entry has no `applies_to`) |

use petgraph::graph::NodeIndex;

use super::Ctx;
use crate::model::{DataRole, Elem, Field, InterfaceStyle, Kind};

/// A value that stands in for a reference still to come (`dpia: TODO`, `processing_register:
/// n.v.t.`): no reference at all, as the rules that ask for one read it.
pub fn is_placeholder(value: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "",
        "todo",
        "tbd",
        "tbc",
        "fixme",
        "xxx",
        "x",
        "?",
        "??",
        "-",
        "--",
        "...",
        "…",
        "n.v.t.",
        "nvt",
        "n.v.t",
        "n/a",
        "na",
        "onbekend",
        "unknown",
        "volgt",
        "nog niet",
        "nog doen",
        "nog invullen",
        "in te vullen",
        "pm",
        "p.m.",
    ];
    let v = value.trim().to_lowercase();
    PLACEHOLDERS.contains(&v.as_str())
}

/// The element's reference in this field is broken: `model-integrity` reports it, and the
/// asking rule (or stage: ownership, the waiver register) treats the reference as present.
pub fn reference_broken(graph: &crate::graph::Graph, e: Elem, field: Field) -> bool {
    graph.has_unresolved(e, field)
}

impl Ctx<'_> {
    /// See [`reference_broken`].
    pub fn reference_broken(&self, e: Elem, field: Field) -> bool {
        reference_broken(self.graph, e, field)
    }

    /// One of the element's `standards:` did not resolve, and `model-integrity` suggests a
    /// standard that `wanted` accepts (a catalogue index) for it: the asking rule treats the
    /// wanted standard as implemented. A misspelling of something else hides nothing.
    pub fn standard_may_be_misspelt(&self, e: Elem, wanted: impl Fn(usize) -> bool) -> bool {
        self.graph
            .unresolved_of(e)
            .filter(|u| u.field.field == Field::Standards)
            .flat_map(|u| &u.suggestions)
            .filter_map(|s| self.reference.standards.find(s))
            .any(wanted)
    }

    /// The application or interface behind a node is retired: depending on it, or taking data
    /// from it, is `lifecycle`'s finding.
    pub fn retired(&self, n: NodeIndex) -> bool {
        match self.graph.elem(n) {
            Some(Elem {
                kind: Kind::Application,
                index,
            }) => self.model.applications[index].body.is_retired(),
            Some(Elem {
                kind: Kind::Interface,
                index,
            }) => self.model.interfaces[index].body.is_retired(),
            _ => false,
        }
    }

    /// The data object's source is in question (none, two or more, or retired):
    /// `single-source` (or `lifecycle`, for a retired one) reports it, and no owner is derived
    /// from it.
    pub fn source_in_question(&self, object: usize) -> bool {
        let n = self.graph.node(Kind::DataObject, object);
        let mut held = false;
        let mut sources = 0;
        for (a, e) in self.graph.inc(n) {
            let crate::graph::EdgeKind::Holds(h) = &e.kind else {
                continue;
            };
            held = true;
            if h.role == DataRole::Source {
                let live = self
                    .graph
                    .element_of(a, Kind::Application)
                    .is_some_and(|i| !self.model.applications[i].body.is_retired());
                sources += usize::from(live);
            }
        }
        let registration = self.model.data_objects[object]
            .body
            .basisregistratie
            .is_some();
        sources > 1 || (held && sources == 0 && !registration)
    }

    /// The interface couples applications through a database: `decoupled-components`
    /// reports it, and `rest-api` does not ask it to be REST.
    pub fn database_coupling(&self, interface: usize) -> bool {
        self.model.interfaces[interface]
            .body
            .style
            .as_ref()
            .is_some_and(|s| s.value == InterfaceStyle::Database)
    }
}
