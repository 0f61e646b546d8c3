//! Running the packs' declarative field rules: on the elements a rule's selector picks, each
//! required field present, each required value held, each required standard implemented.

use serde_json::Value as J;
use strum::{IntoStaticStr, VariantNames};

use super::{Checked, Ctx, Issue, Report, Said};
use crate::catalogue::field_rule::{Compiled, value_words, values_words};
use crate::catalogue::select::{Facts, equals};
use crate::graph::EdgeKind;
use crate::model::{Elem, Field, Kind};
use crate::reference::StandardRef;
use crate::syntax::{Node, Value};

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Unmet {
    MissingField {
        field: String,
        title: String,
    },
    WrongValue {
        field: String,
        have: String,
        wanted: String,
        title: String,
    },
    MissingStandard {
        standard: String,
        title: String,
    },
}

impl Issue for Unmet {
    fn say(&self, who: &str) -> Said {
        match self {
            Unmet::MissingField { field, title } => Said::new(
                format!("{who} has no `{field}` ({title})"),
                format!("add `{field}:`, or explain the deviation with a waiver for this rule"),
                format!("no `{field}`"),
            ),
            Unmet::WrongValue {
                field,
                have,
                wanted,
                title,
            } => Said::new(
                format!("{who} has {have} for `{field}`; it must be {wanted} ({title})"),
                format!(
                    "set `{field}` to {wanted}, or explain the deviation with a waiver for this rule"
                ),
                format!("`{field}` not as required"),
            ),
            Unmet::MissingStandard { standard, title } => Said::new(
                format!("{who} does not implement `{standard}` ({title})"),
                format!(
                    "add `{standard}` to `standards:`, or explain the deviation with a waiver for this rule"
                ),
                format!("no `{standard}`"),
            ),
        }
    }

    fn key(&self) -> Option<String> {
        Some(match self {
            Unmet::MissingField { field, .. } | Unmet::WrongValue { field, .. } => field.clone(),
            Unmet::MissingStandard { standard, .. } => standard.clone(),
        })
    }
}

/// Runs every field rule of the selected packs that is on.
pub(super) fn run(ctx: &Ctx, enabled: &dyn Fn(&str) -> bool) -> Vec<Checked> {
    if ctx.registry.field_rules.is_empty() {
        return Vec::new();
    }
    let facts = Facts::new(ctx.model, ctx.graph, ctx.reference);
    ctx.registry
        .field_rules
        .iter()
        .filter(|(_, rule)| enabled(&rule.rule.id.value))
        .map(|(_, rule)| {
            let mut report = Report::new(&rule.rule.id.value, ctx.model);
            check(rule, ctx, &facts, &mut report);
            Checked {
                rule: rule.rule.id.value.clone(),
                findings: report.findings,
                examined: report.examined,
            }
        })
        .collect()
}

/// Whether a field rule looks at an element: as the built-in rules, not at external or retired
/// applications, nor at retired interfaces or interfaces someone else provides.
fn in_scope(ctx: &Ctx, e: Elem) -> bool {
    match e.kind {
        Kind::Application => {
            let a = &ctx.model.applications[e.index].body;
            !a.is_external() && !a.is_retired()
        }
        Kind::Interface => ctx.interface_in_scope(e.index),
        _ => true,
    }
}

/// One finding per unmet requirement per selected element.
fn check(rule: &Compiled, ctx: &Ctx, facts: &Facts, report: &mut Report) {
    let kind = rule.selector.kind;
    let title = &rule.rule.title;
    let standards: Vec<(String, Option<StandardRef>)> = rule
        .rule
        .require
        .standards
        .iter()
        .map(|s| (s.value.clone(), ctx.reference.standard(ctx.model, &s.value)))
        .collect();
    for me in ctx.model.elems(kind) {
        if !in_scope(ctx, me) || !facts.selects(&rule.selector, me.index) {
            continue;
        }
        report.examined(me);
        let loc = ctx.model.loc(me);
        for path in &rule.fields {
            let empty = match facts.path(me, path) {
                J::Null => true,
                J::String(s) => s.trim().is_empty(),
                J::Array(a) => a.is_empty(),
                J::Object(o) => o.is_empty(),
                _ => false,
            };
            if empty {
                let issue = Unmet::MissingField {
                    field: path.to_string(),
                    title: title.clone(),
                };
                report.add(issue, me, path.clone(), loc);
            }
        }
        for (_, path, wanted) in &rule.values {
            let value = facts.path(me, path);
            let allowed: Vec<J> = match &wanted.value {
                Value::Seq(items) => items.iter().map(Node::to_json).collect(),
                _ => vec![wanted.to_json()],
            };
            if !allowed.iter().any(|a| equals(&value, a)) {
                let issue = Unmet::WrongValue {
                    field: path.to_string(),
                    have: value_words(&value),
                    wanted: values_words(wanted),
                    title: title.clone(),
                };
                report.add(issue, me, path.clone(), loc);
            }
        }
        for (written, found) in &standards {
            let ok = match found {
                Some(StandardRef::Catalogue(k)) => ctx.implements(me, *k),
                Some(StandardRef::Local(j)) => {
                    // A standard of the model's own is its element's node.
                    let standard = ctx.graph.node(Kind::Standard, *j);
                    ctx.graph
                        .out(ctx.graph.node_of(me))
                        .any(|(s, e)| s == standard && matches!(e.kind, EdgeKind::Implements))
                }
                None => false,
            };
            if !ok {
                let issue = Unmet::MissingStandard {
                    standard: written.clone(),
                    title: title.clone(),
                };
                report.add(issue, me, Field::Standards, loc);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cards_of_field_rules_name_the_variants_the_runner_reports() {
        use strum::VariantNames;
        for variant in crate::catalogue::field_rule::VARIANTS {
            assert!(
                super::Unmet::VARIANTS.contains(&variant),
                "field rule cards name `{variant}`, which the runner does not report"
            );
        }
    }
}
