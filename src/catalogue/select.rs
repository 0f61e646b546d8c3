//! Selectors evaluated: whether an element meets a selector's conditions, read from its typed
//! fields or asked of the graph.

use serde_json::Value as J;

use crate::graph::{EdgeKind, GNode, Graph};
use crate::model::selector::{Condition, Derived, On, Selector};
use crate::model::{Elem, Element, FieldPath, Kind, Model, with_kind};
use crate::reference::Reference;

/// Whether a number and a text are the same number (`1.10` and `"1.10"`: YAML reads the
/// former as 1.1).
fn same_number(n: &serde_json::Number, text: &str) -> bool {
    text.trim() == n.to_string()
        || matches!((n.as_f64(), text.trim().parse::<f64>()), (Some(a), Ok(b)) if a == b)
}

/// Whether a field's value matches a wanted value: a list matches when it contains it; a missing
/// field reads as `false` for the question "is it true?".
pub fn equals(have: &J, wanted: &J) -> bool {
    match have {
        J::Array(items) => items.iter().any(|i| equals(i, wanted)),
        J::Null => matches!(wanted, J::Null | J::Bool(false)),
        J::String(s) => match wanted {
            J::String(w) => s == w,
            J::Bool(b) => s == &b.to_string(),
            J::Number(n) => same_number(n, s),
            _ => false,
        },
        // `1`, `1.10` and `true` in the model equal `"1"`, `"1.10"` and `"true"` in a pack.
        J::Number(n) => match wanted {
            J::String(w) => same_number(n, w),
            other => have == other,
        },
        J::Bool(b) => match wanted {
            J::String(w) => w == &b.to_string(),
            other => have == other,
        },
        other => other == wanted,
    }
}

/// The facts selectors read about elements: a field's value (picked from the typed element)
/// or a derived key (asked of the graph).
pub struct Facts<'a> {
    model: &'a Model,
    graph: &'a Graph,
    reference: &'a Reference,
}

impl<'a> Facts<'a> {
    pub fn new(model: &'a Model, graph: &'a Graph, reference: &'a Reference) -> Self {
        Facts {
            model,
            graph,
            reference,
        }
    }

    /// Whether an element (of the selector's kind) is selected.
    pub fn selects(&self, selector: &Selector, index: usize) -> bool {
        let e = Elem::new(selector.kind, index);
        selector.conditions.iter().all(|c| self.holds(c, e))
    }

    /// How many elements of a kind the model has.
    pub fn count(&self, kind: Kind) -> usize {
        self.model.count(kind)
    }

    /// Whether one condition holds for an element.
    pub fn holds(&self, c: &Condition, e: Elem) -> bool {
        if c.on == On::Derived(Derived::Realises) {
            // Asked of every application by the standards' selectors: compared in place, with
            // no list of names made first.
            let r = self.reference;
            let realises = self.realised(e).any(|j| {
                let names = [&r.components[j].name, &r.components[j].object_id];
                names
                    .into_iter()
                    .any(|name| c.values.iter().any(|w| equals(&J::from(name.as_str()), w)))
            });
            return realises != c.negated;
        }
        let value = self.value(e, &c.on);
        c.values.iter().any(|wanted| equals(&value, wanted)) != c.negated
    }

    /// A top-level field of an element (or an `x-` extension), as JSON.
    fn field(&self, e: Elem, name: &str) -> J {
        fn get<T: serde::Serialize>(e: &Element<T>, name: &str) -> J {
            if name.starts_with("x-") {
                return e.extensions.get(name).cloned().unwrap_or(J::Null);
            }
            crate::syntax::pick(&e.body, name).unwrap_or(J::Null)
        }
        with_kind!(self.model, e.kind, |v| get(&v[e.index], name))
    }

    /// What a condition reads: a field (through nested mappings) or a derived key.
    pub fn value(&self, e: Elem, on: &On) -> J {
        match on {
            On::Derived(d) => self.derived(e, *d),
            On::Field(path) => self.path(e, path),
        }
    }

    /// The value at a field path, as the model writes it.
    pub fn path(&self, e: Elem, path: &FieldPath) -> J {
        let steps = path.steps();
        let Some((head, rest)) = steps.split_first() else {
            return J::Null;
        };
        let mut value = self.field(e, head);
        for part in rest {
            value = value.get(part).cloned().unwrap_or(J::Null);
        }
        // Without a `lifecycle`, an element is active (DESIGN.md), as the rules read it.
        if value.is_null() && steps == ["lifecycle", "status"] {
            return J::from("active");
        }
        // An application that does not say, but logs residents or businesses in with DigiD,
        // eHerkenning or eIDAS, is public-facing.
        if value.is_null() && e.kind == Kind::Application && steps == ["public_facing"] {
            let app = &self.model.applications[e.index].body;
            return J::Bool(app.public_facing_at().is_some());
        }
        value
    }

    /// The GEMMA components (by index) an element realises.
    fn realised(&self, e: Elem) -> impl Iterator<Item = usize> + '_ {
        let graph = self.graph;
        graph
            .out(graph.node_of(e))
            .filter(|(_, e)| matches!(e.kind, EdgeKind::Realises))
            .filter_map(|(c, _)| match graph.weight(c) {
                GNode::GemmaComponent(j) => Some(j),
                _ => None,
            })
    }

    fn derived(&self, e: Elem, derived: Derived) -> J {
        let graph = self.graph;
        let n = graph.node_of(e);
        let is_application = e.kind == Kind::Application;
        match derived {
            Derived::Realises => {
                let r = self.reference;
                J::Array(
                    self.realised(e)
                        .flat_map(|j| {
                            [
                                r.components[j].name.clone().into(),
                                r.components[j].object_id.clone().into(),
                            ]
                        })
                        .collect(),
                )
            }
            Derived::Supports | Derived::Holds => {
                let supports = derived == Derived::Supports;
                J::Array(
                    graph
                        .out(n)
                        .filter(|(_, e)| {
                            if supports {
                                matches!(e.kind, EdgeKind::Supports)
                            } else {
                                matches!(e.kind, EdgeKind::Holds(_))
                            }
                        })
                        .filter_map(|(t, _)| graph.elem(t))
                        .map(|t| self.model.id(t).to_owned().into())
                        .collect(),
                )
            }
            Derived::ProcessesPersonalData => {
                J::Bool(is_application && graph.processes_personal_data(self.model, e.index))
            }
            Derived::External => {
                J::Bool(is_application && self.model.applications[e.index].body.is_external())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_equal_their_text_either_way() {
        assert!(equals(&J::from(1), &J::from("1")));
        assert!(equals(&J::from(1.1), &J::from("1.10")));
        assert!(equals(&J::from("1.10"), &J::from(1.1)));
        assert!(equals(&J::from("1"), &J::from(1)));
        assert!(equals(&J::from(true), &J::from("true")));
        assert!(!equals(&J::from(2), &J::from("1")));
        assert!(equals(&J::Null, &J::from(false)));
        assert!(equals(&J::from(vec!["a", "b"]), &J::from("b")));
    }
}
