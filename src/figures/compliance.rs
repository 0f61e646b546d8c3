//! How well each rule and principle is followed. Per rule: the elements it examined, and where
//! each stands — complies, explained by a waiver, baselined, or falls short. Per principle: the
//! same over the rules that enforce it. Per rule and key (a standard): the "pas toe of leg uit"
//! figures. Counted from the verdict alone, so the gate and the reports agree.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;

use serde::Serialize;

use crate::catalogue::{Citation, Registry, Severity};
use crate::checks::Finding;
use crate::model::{Elem, Kind, Model};
use crate::verdict::Verdict;

/// Where an element stands with a rule (or a principle, or a standard). Ordered from good to
/// bad: an element stands where its worst finding puts it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No finding of the rule, or only information.
    Passing,
    /// Every shortfall is explained by a waiver in force ("leg uit").
    Waived,
    /// A shortfall recorded in the baseline: accepted for now, not explained.
    Baselined,
    /// A warning or error that is neither waived nor baselined.
    Failing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passing => "passing",
            Status::Waived => "waived",
            Status::Baselined => "baselined",
            Status::Failing => "failing",
        }
    }

    /// What one finding says about its element: an information finding takes nothing away.
    pub fn of_finding(f: &Finding) -> Option<Status> {
        if f.severity == Severity::Info && f.waived_by.is_none() {
            None
        } else {
            Some(Status::of_cited_finding(f))
        }
    }

    /// What a finding says about its element for a principle that cites its variant by name:
    /// whatever its severity, the element does not do what the principle asks (a principle
    /// whose only variant is information, such as logging, is not 100% met by elements that
    /// all have it).
    pub fn of_cited_finding(f: &Finding) -> Status {
        if f.waived_by.is_some() {
            Status::Waived
        } else if f.baselined {
            Status::Baselined
        } else {
            Status::Failing
        }
    }
}

/// How many elements are in scope, and where they stand.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub in_scope: usize,
    pub passing: usize,
    pub waived: usize,
    pub baselined: usize,
    pub failing: usize,
}

impl Counts {
    pub fn of<'a>(statuses: impl IntoIterator<Item = &'a Status>) -> Counts {
        let mut c = Counts::default();
        for s in statuses {
            c.in_scope += 1;
            match s {
                Status::Passing => c.passing += 1,
                Status::Waived => c.waived += 1,
                Status::Baselined => c.baselined += 1,
                Status::Failing => c.failing += 1,
            }
        }
        c
    }

    /// The share of the elements in scope, in tenths of a percent (rounded), or `None` with
    /// nothing in scope.
    pub fn permille(&self, n: usize) -> Option<usize> {
        (self.in_scope > 0).then(|| (n * 1000 + self.in_scope / 2) / self.in_scope)
    }
}

/// Elements, each with a value, sorted by element, looked up by binary search. A rule examines
/// every element of a large landscape: its figures borrow the verdict's sorted list of them and
/// add a value each, rather than keep a second map of every element per rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElemMap<'k, V> {
    keys: Cow<'k, [Elem]>,
    values: Vec<V>,
}

impl<V> Default for ElemMap<'_, V> {
    fn default() -> Self {
        ElemMap {
            keys: Cow::Borrowed(&[]),
            values: Vec::new(),
        }
    }
}

impl<'k, V> ElemMap<'k, V> {
    /// Each of `keys` (sorted, each once) with the same value.
    pub fn over(keys: &'k [Elem], value: V) -> Self
    where
        V: Clone,
    {
        debug_assert!(keys.is_sorted(), "the elements are sorted");
        ElemMap {
            keys: Cow::Borrowed(keys),
            values: vec![value; keys.len()],
        }
    }

    /// From entries sorted by element, each element once.
    pub fn from_sorted(entries: Vec<(Elem, V)>) -> Self {
        debug_assert!(
            entries.windows(2).all(|w| w[0].0 < w[1].0),
            "the entries are sorted, each element once"
        );
        let (keys, values) = entries.into_iter().unzip::<_, _, Vec<Elem>, Vec<V>>();
        ElemMap {
            keys: Cow::Owned(keys),
            values,
        }
    }

    fn position(&self, e: &Elem) -> Option<usize> {
        self.keys.binary_search(e).ok()
    }

    pub fn get(&self, e: &Elem) -> Option<&V> {
        self.position(e).map(|i| &self.values[i])
    }

    pub fn get_mut(&mut self, e: &Elem) -> Option<&mut V> {
        self.position(e).map(|i| &mut self.values[i])
    }

    pub fn keys(&self) -> std::slice::Iter<'_, Elem> {
        self.keys.iter()
    }

    pub fn values(&self) -> std::slice::Iter<'_, V> {
        self.values.iter()
    }

    pub fn iter(&self) -> std::iter::Zip<std::slice::Iter<'_, Elem>, std::slice::Iter<'_, V>> {
        self.keys.iter().zip(&self.values)
    }
}

impl<'a, V> IntoIterator for &'a ElemMap<'_, V> {
    type Item = (&'a Elem, &'a V);
    type IntoIter = std::iter::Zip<std::slice::Iter<'a, Elem>, std::slice::Iter<'a, V>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<V> IntoIterator for ElemMap<'_, V> {
    type Item = (Elem, V);
    type IntoIter = std::iter::Zip<std::vec::IntoIter<Elem>, std::vec::IntoIter<V>>;

    fn into_iter(self) -> Self::IntoIter {
        self.keys.into_owned().into_iter().zip(self.values)
    }
}

/// One rule: the elements it examined, each with where it stands.
#[derive(Clone, Debug)]
pub struct RuleFigures<'v> {
    pub rule: String,
    pub elements: ElemMap<'v, Status>,
    pub counts: Counts,
    /// What each finding says about its element, with the finding's variant: a principle that
    /// cites some variants of a rule counts only those.
    /// Information findings are marked as such: they count only for a principle that cites
    /// nothing else of the rule.
    pub marks: Vec<(Elem, &'static str, Status, bool)>,
}

/// One element for one rule and key (a standard): where it stands, and the waiver that
/// explains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keyed {
    pub status: Status,
    /// The waiver (by index) that explains the shortfall.
    pub waiver: Option<usize>,
    /// The finding (by index in the verdict) that says it falls short.
    pub finding: Option<usize>,
}

/// The figures of every rule that ran.
#[derive(Clone, Debug, Default)]
pub struct Compliance<'v> {
    /// Sorted by rule id.
    pub rules: Vec<RuleFigures<'v>>,
    /// Per (rule, key): the elements examined for that key (a standard), with where each stands.
    pub keyed: BTreeMap<(String, String), ElemMap<'static, Keyed>>,
    /// Per finding (as the verdict orders them): its element, when the model has it.
    pub finding_elems: Vec<Option<Elem>>,
}

impl<'v> Compliance<'v> {
    pub fn new(model: &Model, verdict: &'v Verdict) -> Compliance<'v> {
        let finding_elems: Vec<Option<Elem>> = verdict
            .findings
            .par_iter()
            .map(|f| {
                model
                    .find(f.element.kind, &f.element.id)
                    .map(|i| Elem::new(f.element.kind, i))
            })
            .collect();
        let mut keyed: BTreeMap<(String, String), ElemMap<'static, Keyed>> = BTreeMap::new();
        let mut rules = Vec::new();
        for (rule, examined) in &verdict.examined {
            let elements = ElemMap::over(&examined.elements, Status::Passing);
            // Sorted by element, then key: each key's elements come in order, each once.
            let mut by_key: BTreeMap<&str, Vec<(Elem, Keyed)>> = BTreeMap::new();
            for (e, key) in &examined.keyed {
                let passing = Keyed {
                    status: Status::Passing,
                    waiver: None,
                    finding: None,
                };
                by_key.entry(key).or_default().push((*e, passing));
            }
            for (key, elements) in by_key {
                keyed.insert(
                    (rule.clone(), key.to_owned()),
                    ElemMap::from_sorted(elements),
                );
            }
            rules.push(RuleFigures {
                rule: rule.clone(),
                elements,
                counts: Counts::default(),
                marks: Vec::new(),
            });
        }
        let mut compliance = Compliance {
            rules,
            keyed,
            finding_elems,
        };
        compliance.judge(model, verdict);
        compliance
    }

    /// Lowers each element's standing by its findings, then counts.
    fn judge(&mut self, model: &Model, verdict: &Verdict) {
        for (i, f) in verdict.findings.iter().enumerate() {
            let Some(elem) = self.finding_elems[i] else {
                continue;
            };
            if let Some(r) = self.rules.iter_mut().find(|r| r.rule == f.rule)
                && let Some(s) = r.elements.get_mut(&elem)
            {
                if let Some(status) = Status::of_finding(f) {
                    *s = (*s).max(status);
                }
                let is_info = f.severity == Severity::Info;
                r.marks
                    .push((elem, f.variant, Status::of_cited_finding(f), is_info));
            }
            let Some(status) = Status::of_finding(f) else {
                continue;
            };
            let Some(key) = &f.discriminator else {
                continue;
            };
            if let Some(k) = self
                .keyed
                .get_mut(&(f.rule.clone(), key.clone()))
                .and_then(|m| m.get_mut(&elem))
                && status > k.status
            {
                k.status = status;
                k.finding = Some(i);
                k.waiver = f
                    .waived_by
                    .as_ref()
                    .and_then(|w| model.find(Kind::Waiver, &w.id));
            }
        }
        for r in &mut self.rules {
            r.counts = Counts::of(r.elements.values());
            r.marks.shrink_to_fit();
        }
    }

    pub fn rule(&self, id: &str) -> Option<&RuleFigures<'v>> {
        self.rules.iter().find(|r| r.rule == id)
    }

    /// The elements examined for one rule and key, with where each stands.
    pub fn keyed(&self, rule: &str, key: &str) -> Option<&ElemMap<'static, Keyed>> {
        self.keyed.get(&(rule.to_owned(), key.to_owned()))
    }
}

/// One principle: the rules that enforce it (of those that ran), and where the elements they
/// examined stand — an element stands where its worst rule puts it.
#[derive(Clone, Debug)]
pub struct PrincipleFigures<'r> {
    pub citation: Citation<'r>,
    pub rules: Vec<String>,
    pub elements: BTreeMap<Elem, Status>,
    pub counts: Counts,
}

/// Every principle that cites a rule that ran (or some of its variants), in the order of the
/// packs and their principles.
pub fn principles<'r>(
    registry: &'r Registry,
    compliance: &Compliance,
) -> Vec<PrincipleFigures<'r>> {
    let mut found: BTreeMap<(usize, usize), PrincipleFigures<'r>> = BTreeMap::new();
    for r in &compliance.rules {
        for citation in registry.citations(&r.rule, None) {
            let Some(key) = position(registry, &citation) else {
                continue;
            };
            let entry = found.entry(key).or_insert_with(|| PrincipleFigures {
                citation: citation.clone(),
                rules: Vec::new(),
                elements: BTreeMap::new(),
                counts: Counts::default(),
            });
            if !entry.rules.contains(&r.rule) {
                entry.rules.push(r.rule.clone());
            }
            for (e, s) in cited_standing(registry, &citation, r, &compliance.keyed) {
                let have = entry.elements.entry(e).or_insert(s);
                *have = (*have).max(s);
            }
        }
    }
    found
        .into_values()
        .map(|mut p| {
            p.counts = Counts::of(p.elements.values());
            p
        })
        .collect()
}

/// Where a citation sits: its pack among the registry's, its principle among the pack's.
fn position(registry: &Registry, citation: &Citation) -> Option<(usize, usize)> {
    let pack = registry
        .packs
        .iter()
        .position(|p| std::ptr::eq(p, citation.pack))?;
    let principle = citation
        .pack
        .principles
        .iter()
        .position(|p| std::ptr::eq(p, citation.principle))?;
    Some((pack, principle))
}

/// Where the rule's elements stand with a principle: by every finding when it cites the whole
/// rule, by the findings of the variants it names otherwise, and only the elements examined for
/// one thing (a standard) when it cites just the findings about that thing.
fn cited_standing<'v>(
    registry: &Registry,
    citation: &Citation,
    r: &RuleFigures<'v>,
    keyed: &BTreeMap<(String, String), ElemMap<'static, Keyed>>,
) -> ElemMap<'v, Status> {
    let principle = citation.principle;
    let cited: Vec<crate::catalogue::Cited> = principle
        .rules
        .iter()
        .map(|x| crate::catalogue::Cited::parse(&x.value))
        .filter(|c| c.rule == r.rule)
        .collect();
    if !cited.is_empty() && cited.iter().all(|c| c.about.is_some()) {
        let mut out: BTreeMap<Elem, Status> = BTreeMap::new();
        for about in cited.iter().filter_map(|c| c.about) {
            for (&e, k) in keyed
                .get(&(r.rule.clone(), about.to_owned()))
                .into_iter()
                .flatten()
            {
                let have = out.entry(e).or_insert(k.status);
                *have = (*have).max(k.status);
            }
        }
        return ElemMap::from_sorted(out.into_iter().collect());
    }
    let whole = principle.rules.iter().any(|x| x.value == r.rule)
        || !principle
            .rules
            .iter()
            .any(|x| x.value.starts_with(&format!("{}/", r.rule)));
    if whole {
        return r.elements.clone();
    }
    // A principle that only information findings enforce (logging, say) counts them as
    // falling short of it: otherwise it would be met by every element, whatever they do. Where
    // it also cites a warning or an error, an information finding is a note, not a shortfall.
    let info = |variant: &str| {
        registry
            .card(&r.rule)
            .and_then(|card| card.variants.iter().find(|v| v.id == variant))
            .is_some_and(|v| v.severity == Severity::Info)
    };
    let info_only = cited.iter().all(|c| c.variant.is_some_and(info));
    let mut out = ElemMap::from_sorted(r.elements.keys().map(|&e| (e, Status::Passing)).collect());
    for &(e, variant, status, is_info) in &r.marks {
        if (!is_info || info_only)
            && principle.cites(&r.rule, Some(variant))
            && let Some(s) = out.get_mut(&e)
        {
            *s = (*s).max(status);
        }
    }
    out
}

/// Applications × rules: per application that any rule examined, where it stands with each rule
/// that examined applications (`None`: out of the rule's scope).
#[derive(Clone, Debug, Default)]
pub struct Matrix {
    pub rules: Vec<String>,
    pub rows: Vec<(usize, Vec<Option<Status>>)>,
}

pub fn matrix(compliance: &Compliance) -> Matrix {
    let rules: Vec<&RuleFigures> = compliance
        .rules
        .iter()
        .filter(|r| r.elements.keys().any(|e| e.kind == Kind::Application))
        .collect();
    let mut apps: Vec<usize> = rules
        .iter()
        .flat_map(|r| r.elements.keys())
        .filter(|e| e.kind == Kind::Application)
        .map(|e| e.index)
        .collect();
    apps.sort_unstable();
    apps.dedup();
    let rows = apps
        .into_iter()
        .map(|a| {
            let e = Elem::new(Kind::Application, a);
            (
                a,
                rules.iter().map(|r| r.elements.get(&e).copied()).collect(),
            )
        })
        .collect();
    Matrix {
        rules: rules.iter().map(|r| r.rule.clone()).collect(),
        rows,
    }
}
