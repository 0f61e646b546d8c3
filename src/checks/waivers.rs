//! Waivers ("pas toe of leg uit"): applying them to the findings, and the `waivers` rule about
//! the waivers themselves — incomplete, expired, expiring, stale or for a rule that cannot be
//! waived. A waiver that is not in force silences nothing.

use std::collections::HashSet;

use super::{Check, Ctx, Issue, Report};
use crate::finding::Finding;
use crate::graph::EdgeKind;
use crate::model::{Element, ElementRef, Kind, Waiver};

pub const RULE: &str = "waivers";

/// The `waivers` rule: its findings come from [`apply`], after every other rule has run.
pub const CHECK: Check = Check {
    id: RULE,
    variants: &["incomplete", "expired", "expiring", "stale", "not-waivable"],
    run: |_, _| {},
};

enum Unexplained {
    Incomplete {
        who: String,
        missing: Vec<&'static str>,
    },
    Expired {
        who: String,
        expired: String,
    },
    Expiring {
        who: String,
        expires: String,
        days: i64,
    },
    Stale {
        who: String,
        rule: String,
    },
    NotWaivable {
        who: String,
        rule: String,
    },
}

impl Issue for Unexplained {
    fn variant(&self) -> &'static str {
        match self {
            Unexplained::Incomplete { .. } => "incomplete",
            Unexplained::Expired { .. } => "expired",
            Unexplained::Expiring { .. } => "expiring",
            Unexplained::Stale { .. } => "stale",
            Unexplained::NotWaivable { .. } => "not-waivable",
        }
    }

    fn message(&self) -> String {
        match self {
            Unexplained::Incomplete { who, missing } => {
                format!(
                    "{who} gives no {}, so it silences nothing",
                    missing.join(" and no ")
                )
            }
            Unexplained::Expired { who, expired } => {
                format!("{who} expired on {expired} and silences nothing")
            }
            Unexplained::Expiring {
                who,
                expires,
                days: 0,
            } => format!("{who} expires today ({expires})"),
            Unexplained::Expiring { who, expires, days } => format!(
                "{who} expires on {expires}, in {days} day{}",
                if *days == 1 { "" } else { "s" }
            ),
            Unexplained::Stale { who, rule } => format!("{who} matches no finding of `{rule}`"),
            Unexplained::NotWaivable { who, rule } => {
                format!("{who} is for `{rule}`, which cannot be waived")
            }
        }
    }

    fn help(&self) -> String {
        match self {
            Unexplained::Incomplete { missing, .. } => {
                let add: Vec<&str> = missing
                    .iter()
                    .map(|m| match *m {
                        "reason" => "`reason:` (why the deviation is acceptable)",
                        "decision" => "`decision:` (who decided, and when)",
                        _ => "`target:` (the `kind:id` of the elements it is for)",
                    })
                    .collect();
                format!("a deviation is explained (\"pas toe of leg uit\"): add {}", add.join(" and "))
            }
            Unexplained::Expired { .. } => "fix what it waived, or renew the decision and move `expires:` to a new date".into(),
            Unexplained::Expiring { .. } => "plan the renewal of the decision, or the fix, before it expires".into(),
            Unexplained::Stale { .. } => "the deviation is gone (or the target or key changed): remove the waiver, or correct its `target` or `key`".into(),
            Unexplained::NotWaivable { .. } => "fix the model instead: a broken reference or a broken waiver cannot be explained away".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(
            match self {
                Unexplained::Incomplete { .. } => "incomplete waiver",
                Unexplained::Expired { .. } => "expired",
                Unexplained::Expiring { .. } => "expires soon",
                Unexplained::Stale { .. } => "matches nothing",
                Unexplained::NotWaivable { .. } => "cannot be waived",
            }
            .into(),
        )
    }
}

/// A waiver's targets, resolved.
struct Targets {
    elements: Vec<ElementRef>,
    kinds: Vec<Kind>,
    unresolved: bool,
    /// The `key` with a standard written by alias or name replaced by its id
    /// (`Digikoppeling` → `digikoppeling`, `missing:WCAG 2.1` → `missing:digitoegankelijk`).
    key: Option<String>,
}

fn targets(ctx: &Ctx, index: usize, waiver: &Element<Waiver>) -> Targets {
    let n = ctx.graph.node(Kind::Waiver, index);
    let elements = ctx
        .graph
        .out(n)
        .filter(|(_, e)| matches!(e.kind, EdgeKind::Waives))
        .filter_map(|(t, _)| match ctx.graph.weight(t) {
            crate::graph::GNode::Element(kind, i) => {
                Some(ElementRef::new(kind, ctx.model.describe(kind, i).1))
            }
            _ => None,
        })
        .collect();
    let kinds = ctx
        .graph
        .wildcard_targets
        .iter()
        .filter(|(w, _, _)| *w == index)
        .map(|(_, k, _)| *k)
        .collect();
    let unresolved = ctx
        .graph
        .has_unresolved(&ElementRef::new(Kind::Waiver, &waiver.id), "target");
    let key = waiver.body.key.as_ref().map(|k| {
        let standard = |text: &str| {
            ctx.reference
                .standards
                .find(text)
                .map(|i| ctx.reference.standards.get(i).id.clone())
        };
        let written = k.value.as_str();
        standard(written)
            .or_else(|| {
                let (variant, rest) = written.split_once(':')?;
                Some(format!("{variant}:{}", standard(rest)?))
            })
            .unwrap_or_else(|| written.to_owned())
    });
    Targets {
        elements,
        kinds,
        unresolved,
        key,
    }
}

fn matches(waiver: &Waiver, targets: &Targets, finding: &Finding) -> bool {
    waiver.rule.value == finding.rule
        && (targets.elements.contains(&finding.element)
            || targets.kinds.contains(&finding.element.kind))
        && waiver.key.as_ref().is_none_or(|k| {
            finding.key_matches(&k.value)
                || targets
                    .key
                    .as_deref()
                    .is_some_and(|k| finding.key_matches(k))
        })
}

/// Marks the findings that waivers in force silence, and returns the `waivers` rule's findings.
pub fn apply(ctx: &Ctx, findings: &mut [Finding]) -> Vec<Finding> {
    let mut report = Report::new(RULE);
    // Waivers in id order, so the same waiver wins every run.
    let mut order: Vec<usize> = (0..ctx.model.waivers.len()).collect();
    order.sort_by(|&a, &b| ctx.model.waivers[a].id.cmp(&ctx.model.waivers[b].id));
    let resolved: Vec<Targets> = ctx
        .model
        .waivers
        .iter()
        .enumerate()
        .map(|(i, w)| targets(ctx, i, w))
        .collect();
    let in_force: Vec<bool> = ctx.model.waivers.iter().map(|w| in_force(ctx, w)).collect();
    let mut used: HashSet<usize> = HashSet::new();
    for finding in findings.iter_mut() {
        let waivable = ctx.registry.card(&finding.rule).is_some_and(|c| c.waivable);
        for &i in &order {
            let w = &ctx.model.waivers[i];
            if !matches(&w.body, &resolved[i], finding) {
                continue;
            }
            used.insert(i);
            if waivable && in_force[i] && finding.waived_by.is_none() {
                finding.waived_by = Some(format!("waiver:{}", w.id));
            }
        }
    }

    for (i, w) in ctx.model.waivers.iter().enumerate() {
        let b = &w.body;
        let element = ElementRef::new(Kind::Waiver, &w.id);
        let who = ctx.name(Kind::Waiver, i);
        let missing = unexplained(b);
        if !missing.is_empty() {
            let field = missing[0];
            report.add(
                &Unexplained::Incomplete {
                    who: who.clone(),
                    missing,
                },
                element.clone(),
                field,
                Some(w.loc()),
            );
        }
        let Some(card) = ctx.registry.card(&b.rule.value) else {
            continue; // an unknown rule is model-integrity's
        };
        if !card.waivable {
            report.add(
                &Unexplained::NotWaivable {
                    who: who.clone(),
                    rule: card.id.clone(),
                },
                element.clone(),
                "rule",
                Some(w.at(b.rule.span)),
            );
            continue;
        }
        if let Some(expires) = &b.expires {
            let days = ctx
                .today
                .0
                .until(expires.value.0)
                .map_or(0, |span| i64::from(span.get_days()));
            if expires.value < ctx.today {
                report.add(
                    &Unexplained::Expired {
                        who: who.clone(),
                        expired: expires.value.to_string(),
                    },
                    element.clone(),
                    "expires",
                    Some(w.at(expires.span)),
                );
                continue;
            }
            if days <= ctx.expiry_warning_days {
                report.add(
                    &Unexplained::Expiring {
                        who: who.clone(),
                        expires: expires.value.to_string(),
                        days,
                    },
                    element.clone(),
                    "expires",
                    Some(w.at(expires.span)),
                );
            }
        }
        let stale = !used.contains(&i)
            && !resolved[i].unresolved
            && !b.target.is_empty()
            && ctx.settings.is_enabled(&card.id);
        if stale {
            report.add(
                &Unexplained::Stale {
                    who,
                    rule: card.id.clone(),
                },
                element,
                "target",
                Some(w.loc()),
            );
        }
    }
    report.findings
}

/// The fields a waiver needs but lacks (or leaves empty): `reason`, `decision`, `target`.
fn unexplained(b: &Waiver) -> Vec<&'static str> {
    let empty = |text: &Option<crate::tree::Sp<String>>| {
        text.as_ref().is_none_or(|t| t.value.trim().is_empty())
    };
    let mut missing = Vec::new();
    if empty(&b.reason) {
        missing.push("reason");
    }
    if empty(&b.decision) {
        missing.push("decision");
    }
    if b.target.is_empty() {
        missing.push("target");
    }
    missing
}

/// Complete and not past its `expires` date (an incomplete waiver silences nothing).
fn in_force(ctx: &Ctx, w: &Element<Waiver>) -> bool {
    unexplained(&w.body).is_empty() && w.body.expires.as_ref().is_none_or(|e| e.value >= ctx.today)
}
