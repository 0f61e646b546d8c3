//! The compliance report: per principle and per rule how many elements are in scope, comply,
//! are explained (waived) and fall short; a matrix of applications × rules; and the "pas toe of
//! leg uit" overview per mandatory standard — the table a municipality puts in its annual
//! account.

use std::collections::BTreeMap;

use serde::Serialize;

use super::compliance::{self, Counts, Status};
use super::{Figures, Item, Lang, OwnerRef, PrincipleRef, RuleRef, principles_of};
use crate::model::{Elem, Kind};

/// The rule that owns the "pas toe of leg uit" of the standards catalogue.
const OPEN_STANDARDS: &str = "open-standards";

#[derive(Clone, Debug, Serialize)]
pub struct PrincipleRow {
    pub pack: String,
    pub pack_title: String,
    pub id: String,
    pub track: Option<String>,
    pub title: String,
    /// The policy's own words.
    pub quote: Option<String>,
    /// An English gloss of the quote (not a quotation), when the pack gives one.
    pub gloss: Option<String>,
    pub rules: Vec<RuleRef>,
    pub counts: Counts,
}

/// The principles of one pack that rules enforce, and where the elements they examined stand
/// with the pack as a whole.
#[derive(Clone, Debug, Serialize)]
pub struct PackPrinciples {
    pub id: String,
    pub title: String,
    pub counts: Counts,
    pub principles: Vec<PrincipleRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleRow {
    pub rule: RuleRef,
    pub principles: Vec<PrincipleRef>,
    pub counts: Counts,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatrixRow {
    pub application: Item,
    pub owner: Option<OwnerRef>,
    /// Per rule of the matrix: where the application stands, or `None` out of its scope.
    pub cells: Vec<Option<Status>>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct MatrixDoc {
    pub rules: Vec<RuleRef>,
    pub rows: Vec<MatrixRow>,
}

/// A deviation from a standard that a waiver explains.
#[derive(Clone, Debug, Serialize)]
pub struct Explained {
    pub element: Item,
    pub waiver: Option<Item>,
    pub reason: Option<String>,
    pub decision: Option<String>,
    pub expires: Option<String>,
}

/// An element that neither applies a standard nor explains why not.
#[derive(Clone, Debug, Serialize)]
pub struct Neither {
    pub element: Item,
    pub owner: Option<OwnerRef>,
    /// Recorded in the baseline: accepted for now, still not explained.
    pub baselined: bool,
}

/// One mandatory standard: "pas toe of leg uit".
#[derive(Clone, Debug, Serialize)]
pub struct StandardRow {
    pub id: String,
    pub name: String,
    /// `wettelijk-verplicht` or `verplicht`.
    pub status: &'static str,
    /// Only secondary sources give the status: `check` enforces it as unconfirmed.
    pub unconfirmed: bool,
    pub counts: Counts,
    pub applied: Vec<Item>,
    pub explained: Vec<Explained>,
    pub neither: Vec<Neither>,
}

/// One element with one rule (and, for `open-standards`, one standard): the long table that
/// the CSV gives, for filtering and pivoting in a spreadsheet.
#[derive(Clone, Debug, Serialize)]
pub struct ElementRow {
    pub rule: RuleRef,
    pub key: Option<String>,
    pub element: Item,
    pub owner: Option<OwnerRef>,
    pub status: Status,
    pub waiver: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ComplianceReport {
    pub report: &'static str,
    pub today: String,
    pub lang: Lang,
    /// The municipality: the first owner of kind `organisation` without a parent.
    pub organisation: Option<String>,
    /// Every element some rule examined, where its worst rule puts it.
    pub totals: Counts,
    /// Per pack that is on, in the order of the config: its principles.
    pub packs: Vec<PackPrinciples>,
    pub rules: Vec<RuleRow>,
    pub matrix: MatrixDoc,
    /// `None` when `open-standards` did not run.
    pub standards: Option<Vec<StandardRow>>,
    pub elements: Vec<ElementRow>,
}

impl ComplianceReport {
    pub fn new(figures: &Figures, lang: Lang) -> ComplianceReport {
        let c = &figures.compliance;
        let registry = figures.registry();
        let mut all: BTreeMap<Elem, Status> = BTreeMap::new();
        for r in &c.rules {
            for (&e, &s) in &r.elements {
                let have = all.entry(e).or_insert(s);
                *have = (*have).max(s);
            }
        }
        let packs = packs(registry, c, lang);
        let rules = c
            .rules
            .iter()
            .map(|r| RuleRow {
                rule: RuleRef::new(registry, &r.rule, lang),
                principles: principles_of(registry, &r.rule, None),
                counts: r.counts,
            })
            .collect();
        ComplianceReport {
            report: "compliance",
            today: figures.outcome.today.to_string(),
            lang,
            organisation: figures.organisation(),
            totals: Counts::of(all.values()),
            packs,
            rules,
            matrix: matrix(figures, lang),
            standards: c.rule(OPEN_STANDARDS).map(|_| standards(figures)),
            elements: elements(figures, lang),
        }
    }
}

/// The principles rules enforce, grouped by their pack.
fn packs(
    registry: &crate::catalogue::Registry,
    c: &compliance::Compliance,
    lang: Lang,
) -> Vec<PackPrinciples> {
    let mut out: Vec<(PackPrinciples, BTreeMap<Elem, Status>)> = Vec::new();
    for p in compliance::principles(registry, c) {
        let pack = p.citation.pack;
        let row = PrincipleRow {
            pack: pack.id.clone(),
            pack_title: pack.title.clone(),
            id: p.citation.principle.id.clone(),
            track: p.citation.principle.track.clone(),
            title: p.citation.principle.title.clone(),
            quote: p.citation.principle.quote.clone(),
            gloss: p.citation.principle.gloss.clone(),
            rules: p
                .rules
                .iter()
                .map(|r| RuleRef::new(registry, r, lang))
                .collect(),
            counts: p.counts,
        };
        let at = match out.iter().position(|(g, _)| g.id == pack.id) {
            Some(at) => at,
            None => {
                out.push((
                    PackPrinciples {
                        id: pack.id.clone(),
                        title: pack.title.clone(),
                        counts: Counts::default(),
                        principles: Vec::new(),
                    },
                    BTreeMap::new(),
                ));
                out.len() - 1
            }
        };
        let (group, elements) = &mut out[at];
        group.principles.push(row);
        for (&e, &s) in &p.elements {
            let have = elements.entry(e).or_insert(s);
            *have = (*have).max(s);
        }
    }
    out.into_iter()
        .map(|(mut g, elements)| {
            g.counts = Counts::of(elements.values());
            g
        })
        .collect()
}

fn matrix(figures: &Figures, lang: Lang) -> MatrixDoc {
    let m = compliance::matrix(&figures.compliance);
    let model = figures.model();
    let mut rows: Vec<MatrixRow> = m
        .rows
        .into_iter()
        .map(|(a, cells)| {
            let e = Elem::new(Kind::Application, a);
            MatrixRow {
                application: Item::new(model, e),
                owner: figures.owner(e),
                cells,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.application.id.cmp(&b.application.id));
    MatrixDoc {
        rules: m
            .rules
            .iter()
            .map(|r| RuleRef::new(figures.registry(), r, lang))
            .collect(),
        rows,
    }
}

/// Every mandatory standard the catalogue has `open-standards` enforce, in catalogue order.
fn standards(figures: &Figures) -> Vec<StandardRow> {
    let model = figures.model();
    let catalogue = &figures.outcome.reference.standards;
    let empty = compliance::ElemMap::default();
    let mut out = Vec::new();
    for (k, s) in catalogue.standards.iter().enumerate() {
        if !catalogue.is_enforced(k) {
            continue;
        }
        let entries = figures
            .compliance
            .keyed(OPEN_STANDARDS, &s.id)
            .unwrap_or(&empty);
        let mut row = StandardRow {
            id: s.id.clone(),
            name: s.name.clone(),
            status: s.status.as_str(),
            unconfirmed: s.secondary_only,
            counts: Counts::of(entries.values().map(|k| &k.status)),
            applied: Vec::new(),
            explained: Vec::new(),
            neither: Vec::new(),
        };
        for (&e, keyed) in entries {
            let element = Item::new(model, e);
            match keyed.status {
                Status::Passing => row.applied.push(element),
                Status::Waived => {
                    let w = keyed.waiver.map(|w| &model.waivers[w]);
                    let text = |t: Option<&crate::syntax::Sp<String>>| {
                        t.map(|t| t.value.trim().to_owned())
                    };
                    row.explained.push(Explained {
                        element,
                        waiver: keyed
                            .waiver
                            .map(|w| Item::new(model, Elem::new(Kind::Waiver, w))),
                        reason: w.and_then(|w| text(w.body.reason.as_ref())),
                        decision: w.and_then(|w| text(w.body.decision.as_ref())),
                        expires: w
                            .and_then(|w| w.body.expires.as_ref().map(|e| e.value.to_string())),
                    });
                }
                Status::Baselined | Status::Failing => row.neither.push(Neither {
                    element,
                    owner: figures.owner(e),
                    baselined: keyed.status == Status::Baselined,
                }),
            }
        }
        row.applied
            .sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
        row.explained
            .sort_by(|a, b| (a.element.kind, &a.element.id).cmp(&(b.element.kind, &b.element.id)));
        row.neither
            .sort_by(|a, b| (a.element.kind, &a.element.id).cmp(&(b.element.kind, &b.element.id)));
        out.push(row);
    }
    out
}

fn elements(figures: &Figures, lang: Lang) -> Vec<ElementRow> {
    let c = &figures.compliance;
    let model = figures.model();
    let registry = figures.registry();
    let waivers = waivers_by_element(figures);
    let mut out = Vec::new();
    for r in &c.rules {
        let keyed: Vec<(&String, &compliance::ElemMap<'static, compliance::Keyed>)> = c
            .keyed
            .iter()
            .filter(|((rule, _), _)| *rule == r.rule)
            .map(|((_, key), m)| (key, m))
            .collect();
        let rule = RuleRef::new(registry, &r.rule, lang);
        if keyed.is_empty() {
            for (&e, &status) in &r.elements {
                out.push(ElementRow {
                    rule: rule.clone(),
                    key: None,
                    element: Item::new(model, e),
                    owner: figures.owner(e),
                    status,
                    waiver: waivers.get(&(r.rule.as_str(), e)).map(|w| (*w).to_owned()),
                });
            }
            continue;
        }
        for (key, m) in keyed {
            for (&e, k) in m {
                out.push(ElementRow {
                    rule: rule.clone(),
                    key: Some(key.clone()),
                    element: Item::new(model, e),
                    owner: figures.owner(e),
                    status: k.status,
                    waiver: k.waiver.map(|w| model.waivers[w].id.clone()),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (&a.rule.id, a.element.kind, &a.element.id, &a.key).cmp(&(
            &b.rule.id,
            b.element.kind,
            &b.element.id,
            &b.key,
        ))
    });
    out
}

/// Per (rule, element): the first waiver (by id) that explains one of its findings.
fn waivers_by_element<'f>(figures: &'f Figures) -> BTreeMap<(&'f str, Elem), &'f str> {
    let mut out: BTreeMap<(&str, Elem), &str> = BTreeMap::new();
    for (f, e) in figures
        .outcome
        .verdict
        .findings
        .iter()
        .zip(&figures.compliance.finding_elems)
    {
        if let (Some(e), Some(w)) = (e, &f.waived_by) {
            let have = out.entry((f.rule.as_str(), *e)).or_insert(w.id.as_str());
            if w.id.as_str() < *have {
                *have = w.id.as_str();
            }
        }
    }
    out
}
