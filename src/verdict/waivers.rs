//! The waiver stage ("pas toe of leg uit"): after every check has run, waivers in force silence
//! the findings they explain, and the `waivers` rule reports on the waivers themselves —
//! incomplete, expired, expiring, stale, or for a rule that cannot be waived. A waiver that is
//! not in force silences nothing.

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

use strum::{IntoStaticStr, VariantNames};

use super::Judge;
use crate::checks::{Finding, Issue, Report, Said};
use crate::graph::EdgeKind;
use crate::model::{Elem, Element, ElementRef, Field, Kind, Waiver};

/// The rule whose findings this stage reports.
pub const RULE: &str = "waivers";

/// The variants of the `waivers` rule (its card lists them).
pub const VARIANTS: &[&str] = Unexplained::VARIANTS;

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Unexplained {
    Incomplete { missing: Vec<Field> },
    Expired { expired: String },
    Expiring { expires: String, days: i64 },
    Stale { rule: String },
    NotWaivable { rule: String },
}

impl Issue for Unexplained {
    fn say(&self, who: &str) -> Said {
        match self {
            Unexplained::Incomplete { missing } => {
                let add: Vec<&str> = missing
                    .iter()
                    .map(|m| match m {
                        Field::Reason => "`reason:` (why the deviation is acceptable)",
                        Field::Decision => "`decision:` (who decided, and when)",
                        _ => "`target:` (the `kind:id` of the elements it is for)",
                    })
                    .collect();
                let words: Vec<&str> = missing.iter().map(|m| m.as_str()).collect();
                Said::new(
                    format!(
                        "{who} gives no {}, so it silences nothing",
                        words.join(" and no ")
                    ),
                    format!(
                        "a deviation is explained (\"pas toe of leg uit\"): add {}",
                        add.join(" and ")
                    ),
                    "incomplete waiver",
                )
            }
            Unexplained::Expired { expired } => Said::new(
                format!("{who} expired on {expired} and silences nothing"),
                "fix what it waived, or renew the decision and move `expires:` to a new date",
                "expired",
            ),
            Unexplained::Expiring { expires, days } => Said::new(
                if *days == 0 {
                    format!("{who} expires today ({expires})")
                } else {
                    format!(
                        "{who} expires on {expires}, in {days} day{}",
                        if *days == 1 { "" } else { "s" }
                    )
                },
                "plan the renewal of the decision, or the fix, before it expires",
                "expires soon",
            ),
            Unexplained::Stale { rule } => Said::new(
                format!("{who} matches no finding of `{rule}`"),
                "the deviation is gone (or the target or key changed): remove the waiver, or correct its `target` or `key`",
                "matches nothing",
            ),
            Unexplained::NotWaivable { rule } => Said::new(
                format!("{who} is for `{rule}`, which cannot be waived"),
                "fix the model instead: a broken reference or a broken waiver cannot be explained away",
                "cannot be waived",
            ),
        }
    }
}

/// A waiver's key, with a standard written by alias or name replaced by its id
/// (`Digikoppeling` → `digikoppeling`, `missing:WCAG 2.1` → `missing:digitoegankelijk…`).
fn canonical_key(judge: &Judge, written: &str) -> Option<String> {
    let standard = |text: &str| {
        judge
            .reference
            .standards
            .find(text)
            .map(|i| judge.reference.standards.get(i).id.clone())
    };
    standard(written).or_else(|| {
        let (variant, rest) = written.split_once(':')?;
        Some(format!("{variant}:{}", standard(rest)?))
    })
}

/// Whether a waiver's `key` (as written, or made canonical) names the finding.
fn key_matches(waiver: &Waiver, canonical: Option<&str>, finding: &Finding) -> bool {
    waiver.key.as_ref().is_none_or(|k| {
        finding.key_matches(&k.value) || canonical.is_some_and(|k| finding.key_matches(k))
    })
}

/// Which waivers may apply to a finding, by (rule, element) and by (rule, kind) for `kind:*`.
struct Index<'m> {
    /// By rule, kind and id of the element waived.
    by_element: HashMap<(&'m str, Kind, &'m str), Vec<usize>>,
    /// `kind:*` waivers without a `key`, by rule and kind.
    by_kind: HashMap<(&'m str, Kind), Vec<usize>>,
    /// `kind:*` waivers with a `key`, by rule, kind and key (as written and made canonical):
    /// a finding looks up the three keys that name it, not every such waiver of its rule.
    by_kind_key: HashMap<(&'m str, Kind, String), Vec<usize>>,
    /// Per waiver: its key made canonical.
    keys: Vec<Option<String>>,
}

impl<'m> Index<'m> {
    fn new(judge: &Judge<'m>) -> Self {
        let (model, graph) = (judge.model, judge.graph);
        // Waivers in id order, so the same waiver wins every run.
        let mut order: Vec<usize> = (0..model.waivers.len()).collect();
        order.sort_by(|&a, &b| model.waivers[a].id.cmp(&model.waivers[b].id));
        let mut index = Index {
            by_element: HashMap::new(),
            by_kind: HashMap::new(),
            by_kind_key: HashMap::new(),
            keys: model
                .waivers
                .iter()
                .map(|w| {
                    w.body
                        .key
                        .as_ref()
                        .and_then(|k| canonical_key(judge, &k.value))
                })
                .collect(),
        };
        for i in order {
            let rule = model.waivers[i].body.rule.value.as_str();
            let n = graph.node(Kind::Waiver, i);
            for (t, e) in graph.out(n) {
                if matches!(e.kind, EdgeKind::Waives)
                    && let Some(target) = graph.elem(t)
                {
                    let key = (rule, target.kind, model.id(target));
                    // Waivers come in order: one naming an element twice is at the list's end.
                    let list = index.by_element.entry(key).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
            let written = model.waivers[i].body.key.as_ref().map(|k| k.value.as_str());
            let push = |list: &mut Vec<usize>| {
                if list.last() != Some(&i) {
                    list.push(i);
                }
            };
            for &kind in &graph.wildcard_targets[i] {
                match written {
                    None => push(index.by_kind.entry((rule, kind)).or_default()),
                    Some(written) => {
                        let canonical = index.keys[i].clone().filter(|k| k != written);
                        for k in std::iter::once(written.to_owned()).chain(canonical) {
                            push(index.by_kind_key.entry((rule, kind, k)).or_default());
                        }
                    }
                }
            }
        }
        index
    }

    /// The waivers that match a finding, in id order.
    fn matching(&self, judge: &Judge, finding: &Finding) -> Vec<usize> {
        let rule = finding.rule.as_str();
        let mut found: Vec<usize> = self
            .by_element
            .get(&(rule, finding.element.kind, finding.element.id.as_str()))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| {
                key_matches(
                    &judge.model.waivers[i].body,
                    self.keys[i].as_deref(),
                    finding,
                )
            })
            .chain(
                self.by_kind
                    .get(&(rule, finding.element.kind))
                    .into_iter()
                    .flatten()
                    .copied(),
            )
            .collect();
        if !self.by_kind_key.is_empty() {
            // The keys that name this finding (see `Finding::key_matches`).
            let kind = finding.element.kind;
            let mut keys = vec![finding.variant.to_owned()];
            if let Some(d) = &finding.discriminator {
                keys.push(d.clone());
                keys.push(format!("{}:{d}", finding.variant));
            }
            for key in keys {
                if let Some(list) = self.by_kind_key.get(&(rule, kind, key)) {
                    found.extend_from_slice(list);
                }
            }
        }
        let model = judge.model;
        found.sort_by(|&a, &b| model.waivers[a].id.cmp(&model.waivers[b].id));
        found.dedup();
        found
    }
}

/// Where one waiver stands on the day of the run. The `waivers` rule reports from it and the
/// waiver register shows it, so the two never disagree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    /// The fields it needs but lacks (or leaves empty): `reason`, `decision`, `target`.
    pub incomplete: Vec<Field>,
    /// Its `rule` names a rule gemmalint knows.
    pub rule_known: bool,
    /// Its rule can be waived (`model-integrity` and `waivers` cannot).
    pub waivable: bool,
    /// Every target it names is in the model (an unknown one is model-integrity's finding).
    pub targets_known: bool,
    /// Days from the run's date to `expires` (negative once expired); `None` without `expires`.
    pub days_left: Option<i64>,
    /// Expired: past its `expires` date.
    pub expired: bool,
    /// In force and expiring within `expiry_warning_days`.
    pub expiring: bool,
    /// Matches no finding of its rule while the rule is on.
    pub stale: bool,
    /// Complete and not expired: it silences the findings it matches.
    pub in_force: bool,
}

/// A waiver's status in one word, most pressing first.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Lacks a reason, decision or target: silences nothing.
    Incomplete,
    /// For a rule that does not exist or cannot be waived (it silences nothing), or naming a
    /// target the model lacks (model-integrity's finding).
    Invalid,
    /// Past its `expires` date: silences nothing.
    Expired,
    /// Matches no finding: the deviation is gone, or its target or key is wrong.
    Stale,
    /// In force, but expires within the warning period.
    Expiring,
    /// In force.
    Active,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Incomplete => "incomplete",
            Status::Invalid => "invalid",
            Status::Expired => "expired",
            Status::Stale => "stale",
            Status::Expiring => "expiring",
            Status::Active => "active",
        }
    }
}

impl Standing {
    pub fn status(&self) -> Status {
        if !self.incomplete.is_empty() {
            Status::Incomplete
        } else if !self.rule_known || !self.waivable || !self.targets_known {
            Status::Invalid
        } else if self.expired {
            Status::Expired
        } else if self.stale {
            Status::Stale
        } else if self.expiring {
            Status::Expiring
        } else {
            Status::Active
        }
    }
}

/// Findings matched against the waivers by one thread at a time.
const CHUNK: usize = 4096;

/// Marks the findings that waivers in force silence, and returns where each waiver stands (by
/// index) and the `waivers` rule's findings.
pub fn apply(judge: &Judge, findings: &mut [Finding]) -> (Vec<Standing>, Vec<Finding>) {
    let model = judge.model;
    let index = Index::new(judge);
    let in_force: Vec<bool> = model.waivers.iter().map(|w| in_force(judge, w)).collect();
    // The findings are matched in chunks, in parallel; each chunk says which waivers it used.
    let used_by_chunk: Vec<Vec<usize>> = findings
        .par_chunks_mut(CHUNK)
        .map(|chunk| {
            let mut used = Vec::new();
            // A rule's findings come together: its card is looked up once for them.
            let mut last: Option<(&str, bool)> = None;
            for finding in chunk {
                let waivable = match last {
                    Some((rule, waivable)) if rule == finding.rule => waivable,
                    _ => {
                        let rule = judge.registry.card(&finding.rule);
                        let waivable = rule.is_some_and(|c| c.waivable);
                        last = rule.map(|c| (c.id.as_str(), waivable));
                        waivable
                    }
                };
                for i in index.matching(judge, finding) {
                    used.push(i);
                    if waivable && in_force[i] && finding.waived_by.is_none() {
                        finding.waived_by =
                            Some(ElementRef::new(Kind::Waiver, &model.waivers[i].id));
                    }
                }
            }
            used
        })
        .collect();
    let mut used = vec![false; model.waivers.len()];
    for i in used_by_chunk.into_iter().flatten() {
        used[i] = true;
    }
    let standings: Vec<Standing> = model
        .waivers
        .iter()
        .enumerate()
        .map(|(i, w)| standing(judge, i, w, used[i]))
        .collect();
    let mut report = Report::new(RULE, model);
    for (i, w) in model.waivers.iter().enumerate() {
        judge_waiver(&mut report, i, w, &standings[i]);
    }
    (standings, report.findings)
}

/// Where one waiver stands.
fn standing(judge: &Judge, i: usize, w: &Element<Waiver>, used: bool) -> Standing {
    let b = &w.body;
    let card = judge.registry.card(&b.rule.value);
    let days_left = b.expires.as_ref().map(|expires| {
        judge
            .today
            .0
            .until(expires.value.0)
            .map_or(0, |span| i64::from(span.get_days()))
    });
    let expired = b.expires.as_ref().is_some_and(|e| e.value < judge.today);
    let waivable = card.is_some_and(|c| c.waivable);
    let incomplete = unexplained(b);
    let me = Elem::new(Kind::Waiver, i);
    let targets_known = !crate::checks::shared::reference_broken(judge.graph, me, Field::Target);
    Standing {
        in_force: incomplete.is_empty() && !expired,
        expiring: !expired && days_left.is_some_and(|d| d <= judge.expiry_warning_days),
        stale: waivable
            && !expired
            && !used
            && targets_known
            && !b.target.is_empty()
            && judge.settings.is_enabled(&b.rule.value),
        incomplete,
        rule_known: card.is_some(),
        waivable,
        targets_known,
        days_left,
        expired,
    }
}

/// The `waivers` rule's findings about one waiver.
fn judge_waiver(report: &mut Report, i: usize, w: &Element<Waiver>, standing: &Standing) {
    let b = &w.body;
    let me = Elem::new(Kind::Waiver, i);
    report.examined(me);
    if let Some(&first) = standing.incomplete.first() {
        let missing = standing.incomplete.clone();
        report.add(Unexplained::Incomplete { missing }, me, first, w.loc());
    }
    if !standing.rule_known {
        return; // an unknown rule is model-integrity's
    }
    let rule = b.rule.value.clone();
    if !standing.waivable {
        let issue = Unexplained::NotWaivable { rule };
        report.add(issue, me, Field::Rule, w.at(b.rule.span));
        return;
    }
    if let Some(expires) = &b.expires {
        if standing.expired {
            let issue = Unexplained::Expired {
                expired: expires.value.to_string(),
            };
            report.add(issue, me, Field::Expires, w.at(expires.span));
            return;
        }
        if standing.expiring {
            let issue = Unexplained::Expiring {
                expires: expires.value.to_string(),
                days: standing.days_left.unwrap_or(0),
            };
            report.add(issue, me, Field::Expires, w.at(expires.span));
        }
    }
    if standing.stale {
        report.add(Unexplained::Stale { rule }, me, Field::Target, w.loc());
    }
}

/// The fields a waiver needs but lacks (or leaves empty): `reason`, `decision`, `target`.
fn unexplained(b: &Waiver) -> Vec<Field> {
    let empty = |text: &Option<crate::syntax::Sp<String>>| {
        text.as_ref().is_none_or(|t| t.value.trim().is_empty())
    };
    let mut missing = Vec::new();
    if empty(&b.reason) {
        missing.push(Field::Reason);
    }
    if empty(&b.decision) {
        missing.push(Field::Decision);
    }
    if b.target.is_empty() {
        missing.push(Field::Target);
    }
    missing
}

/// Complete and not past its `expires` date (an incomplete waiver silences nothing).
fn in_force(judge: &Judge, w: &Element<Waiver>) -> bool {
    unexplained(&w.body).is_empty()
        && w.body
            .expires
            .as_ref()
            .is_none_or(|e| e.value >= judge.today)
}
