//! The verdict layer: what the checks found, judged — each finding at the severity the
//! settings give its variant, waivers applied (the `waivers` rule's own findings with them), the
//! baseline applied, sorted.

pub mod baseline;
pub mod waivers;

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::collections::BTreeMap;

use crate::catalogue::{Registry, Settings, Severity};
use crate::checks::{Checked, Examined, Finding};
use crate::graph::Graph;
use crate::model::{Date, Model};
use crate::reference::Reference;
use crate::text::Sources;

pub use baseline::{Baseline, Entry};

/// What the verdict stages read.
pub struct Judge<'a> {
    pub model: &'a Model,
    pub graph: &'a Graph,
    pub reference: &'a Reference,
    pub registry: &'a Registry,
    pub settings: &'a Settings,
    pub sources: &'a Sources,
    pub today: Date,
    /// Days before expiry when a waiver is reported as expiring.
    pub expiry_warning_days: i64,
}

/// The findings to report, and what the rules examined.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Sorted by file, line, column, rule, element, field, key; findings without a place last.
    pub findings: Vec<Finding>,
    /// Per rule that ran: the elements it examined (and for which key), sorted.
    pub examined: BTreeMap<String, Examined>,
    /// Baseline entries that matched no finding.
    pub stale: Vec<Entry>,
    /// Per waiver (by index): where it stands, for the waiver register.
    pub waivers: Vec<waivers::Standing>,
}

/// Judges what the checks found.
pub fn judge(judge: &Judge, checked: Vec<Checked>, baseline: Option<&Baseline>) -> Verdict {
    // Each rule's scope is settled on its own thread.
    let settled: Vec<(String, Examined, Vec<Finding>)> = checked
        .into_par_iter()
        .map(|c| {
            let mut scope = c.examined;
            scope.elements.extend(c.findings.iter().filter_map(|f| {
                judge
                    .model
                    .find(f.element.kind, &f.element.id)
                    .map(|index| crate::model::Elem::new(f.element.kind, index))
            }));
            scope.settle();
            (c.rule, scope, c.findings)
        })
        .collect();
    let mut examined = BTreeMap::new();
    let mut gathered = Vec::with_capacity(settled.len());
    for (rule, scope, findings) in settled {
        examined.insert(rule, scope);
        gathered.push(findings);
    }
    let mut all = concat(gathered);
    // Waivers see the findings of variants switched off too: a waiver for one is not stale,
    // only not needed while the variant is off.
    let on = with_severities(judge.settings, &mut all);
    let (standings, waiver_findings) = waivers::apply(judge, &mut all);
    // In place: a second vector of every finding would be the run's largest allocation.
    keep_on(&mut all, on);
    let mut findings = all;
    if judge.settings.is_enabled(waivers::RULE) {
        // The waiver stage examines every waiver.
        let all_waivers = (0..judge.model.waivers.len())
            .map(|i| crate::model::Elem::new(crate::model::Kind::Waiver, i));
        let all_waivers = Examined {
            elements: all_waivers.collect(),
            keyed: Vec::new(),
        };
        examined.insert(waivers::RULE.to_owned(), all_waivers);
        let mut own = waiver_findings;
        let on = with_severities(judge.settings, &mut own);
        keep_on(&mut own, on);
        findings.append(&mut own);
    }
    let stale = baseline.map_or_else(Vec::new, |b| b.apply(&mut findings));
    sort(judge.sources, &mut findings);
    Verdict {
        findings,
        examined,
        stale,
        waivers: standings,
    }
}

/// The rules' findings in one vector: the largest rule's, grown once to hold the others. A new
/// vector of them all would hold every finding twice for a moment, the run's largest
/// allocation. The order of the rules does not matter: `sort` orders the findings.
fn concat(mut parts: Vec<Vec<Finding>>) -> Vec<Finding> {
    let total = parts.iter().map(Vec::len).sum::<usize>();
    let Some(largest) = (0..parts.len()).max_by_key(|&i| parts[i].len()) else {
        return Vec::new();
    };
    let mut all = parts.swap_remove(largest);
    all.reserve_exact(total - all.len());
    for mut part in parts {
        all.append(&mut part);
    }
    all
}

/// Keeps the findings whose variant is on (`on[i]` for `findings[i]`).
fn keep_on(findings: &mut Vec<Finding>, on: Vec<bool>) {
    let mut on = on.into_iter();
    // `retain` visits every element once, in order.
    findings.retain(|_| on.next().expect("one flag per finding"));
}

/// Gives each finding the severity the settings give its variant; says which are on.
fn with_severities(settings: &Settings, findings: &mut [Finding]) -> Vec<bool> {
    // The settings are asked once per variant, not once per finding; a variant's findings
    // mostly come together, so the last answer is tried first.
    let mut known: HashMap<(&str, &str), Option<Severity>> = HashMap::new();
    let mut last: Option<((&str, &str), Option<Severity>)> = None;
    let severities: Vec<Option<Severity>> = findings
        .iter()
        .map(|f| {
            let variant = (f.rule.as_str(), f.variant);
            if let Some((v, s)) = last
                && v == variant
            {
                return s;
            }
            let s = *known
                .entry(variant)
                .or_insert_with(|| settings.severity(&f.rule, f.variant));
            last = Some((variant, s));
            s
        })
        .collect();
    for (f, severity) in findings.iter_mut().zip(&severities) {
        if let Some(severity) = severity {
            f.severity = *severity;
        }
    }
    severities.iter().map(Option::is_some).collect()
}

/// Sorted by file, line, column, rule, element, field, key; findings without a place last.
pub fn sort(sources: &Sources, findings: &mut [Finding]) {
    // By file path, then place: a byte offset orders a file's places as line and column do, so
    // no line or column is counted and nothing is copied to sort.
    let mut by_path: Vec<(&str, usize)> = sources
        .iter()
        .map(|(id, f)| (f.path.as_str(), id.0 as usize))
        .collect();
    by_path.sort_unstable();
    let mut rank = vec![0usize; sources.len()];
    for (r, (_, id)) in by_path.into_iter().enumerate() {
        rank[id] = r;
    }
    let place = |f: &Finding| f.loc.map(|l| (rank[l.file.0 as usize], l.span.start));
    // A stable sort of the findings themselves would take a buffer of half of them; their
    // positions are sorted instead, and the findings then moved once.
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.par_sort_by(|&a, &b| {
        let (a, b) = (&findings[a], &findings[b]);
        let (pa, pb) = (place(a), place(b));
        (pa.is_none(), pa)
            .cmp(&(pb.is_none(), pb))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.element.cmp(&b.element))
            .then_with(|| a.field.to_string().cmp(&b.field.to_string()))
            .then_with(|| a.key().cmp(&b.key()))
            .then_with(|| a.message.cmp(&b.message))
    });
    crate::text::permute(findings, order);
}

/// Counts for the closing summary and the JSON contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub waived: usize,
    pub baselined: usize,
    pub baseline_stale: usize,
    pub problems: usize,
}

impl Summary {
    pub fn of(findings: &[Finding], problems: usize, baseline_stale: usize) -> Summary {
        use crate::catalogue::Severity;
        let mut s = Summary {
            problems,
            baseline_stale,
            ..Summary::default()
        };
        for f in findings {
            if f.waived_by.is_some() {
                s.waived += 1;
            } else if f.baselined {
                s.baselined += 1;
            } else {
                match f.severity {
                    Severity::Error => s.error += 1,
                    Severity::Warning => s.warning += 1,
                    Severity::Info => s.info += 1,
                }
            }
        }
        s
    }
}
