//! The waiver register: every explained deviation ("pas toe of leg uit") with its rule, targets,
//! reason, decision and expiry, its status on the day of the run, and what it explains — what an
//! architecture board reviews each quarter. The status is the verdict's, so the register and the
//! `waivers` rule agree.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Figures, Item, Lang, OwnerRef, RuleRef};
use crate::model::{Elem, Kind};
use crate::verdict::waivers::Status;

#[derive(Clone, Debug, Serialize)]
pub struct WaiverEntry {
    pub waiver: Item,
    pub rule: RuleRef,
    /// The targets as written (`kind:id`, `kind:*`).
    pub targets: Vec<String>,
    /// Per target, the element's name where the model has it.
    pub target_names: Vec<Option<String>>,
    pub key: Option<String>,
    pub reason: Option<String>,
    pub decision: Option<String>,
    pub expires: Option<String>,
    /// Days from the run's date to `expires` (negative once expired).
    pub days_left: Option<i64>,
    pub status: Status,
    /// The one owner of its targets, when they have one.
    pub owner: Option<OwnerRef>,
    /// The findings it silences: their elements, each once.
    pub explains: Vec<Item>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WaiverRegister {
    pub report: &'static str,
    pub today: String,
    pub lang: Lang,
    /// The municipality: the first owner of kind `organisation` without a parent.
    pub organisation: Option<String>,
    /// A waiver counts as expiring this many days before it expires.
    pub expiry_warning_days: i64,
    /// How many waivers have each status (every status, 0 included).
    pub counts: BTreeMap<&'static str, usize>,
    /// Most pressing first (incomplete, invalid, expired, stale, expiring, active), then by
    /// expiry date and id.
    pub waivers: Vec<WaiverEntry>,
}

impl WaiverRegister {
    pub fn new(figures: &Figures, lang: Lang) -> WaiverRegister {
        let model = figures.model();
        let verdict = &figures.outcome.verdict;
        let mut waivers: Vec<WaiverEntry> = model
            .waivers
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let me = Elem::new(Kind::Waiver, i);
                let reference = model.element_ref(me);
                let mut explains: Vec<Item> = verdict
                    .findings
                    .iter()
                    .zip(&figures.compliance.finding_elems)
                    .filter(|(f, _)| f.waived_by.as_ref() == Some(&reference))
                    .filter_map(|(_, e)| e.map(|e| Item::new(model, e)))
                    .collect();
                explains.sort();
                explains.dedup();
                let standing = verdict.waivers.get(i);
                let text = |t: &Option<crate::syntax::Sp<String>>| {
                    t.as_ref().map(|t| t.value.trim().to_owned())
                };
                WaiverEntry {
                    waiver: Item::new(model, me),
                    rule: RuleRef::new(figures.registry(), &w.body.rule.value, lang),
                    targets: w.body.target.iter().map(|t| t.value.clone()).collect(),
                    target_names: w
                        .body
                        .target
                        .iter()
                        .map(|t| {
                            let (kind, id) = t.value.split_once(':')?;
                            let kind = Kind::parse(kind)?;
                            let i = model.find(kind, id)?;
                            Some(model.name(Elem::new(kind, i)).to_owned())
                        })
                        .collect(),
                    key: text(&w.body.key),
                    reason: text(&w.body.reason),
                    decision: text(&w.body.decision),
                    expires: w.body.expires.as_ref().map(|e| e.value.to_string()),
                    days_left: standing.and_then(|s| s.days_left),
                    status: standing.map_or(Status::Active, |s| s.status()),
                    owner: figures.owner(me),
                    explains,
                }
            })
            .collect();
        waivers.sort_by(|a, b| {
            (a.status, a.expires.is_none(), &a.expires, &a.waiver.id).cmp(&(
                b.status,
                b.expires.is_none(),
                &b.expires,
                &b.waiver.id,
            ))
        });
        let mut counts: BTreeMap<&'static str, usize> = [
            Status::Incomplete,
            Status::Invalid,
            Status::Expired,
            Status::Stale,
            Status::Expiring,
            Status::Active,
        ]
        .into_iter()
        .map(|s| (s.as_str(), 0))
        .collect();
        for w in &waivers {
            *counts.entry(w.status.as_str()).or_default() += 1;
        }
        WaiverRegister {
            report: "waivers",
            today: figures.outcome.today.to_string(),
            lang,
            organisation: figures.organisation(),
            expiry_warning_days: figures.outcome.expiry_warning_days,
            counts,
            waivers,
        }
    }
}
