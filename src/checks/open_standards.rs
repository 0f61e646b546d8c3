//! `open-standards`: "pas toe of leg uit". Every mandatory standard in the catalogue whose
//! `applies_to` selects an element is implemented by it, or a waiver explains why not.

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::catalogue::select::Facts;
use crate::model::selector::{Condition, Selector};
use crate::model::{Elem, Field, Kind, StandardStatus};
use crate::reference::CatalogueStandard;
use crate::text::Loc;

pub(super) const CHECK: Check = Check::of::<Missing>(run);

/// A mandatory standard the element does not implement, by the strength of its status.
#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Missing<'a> {
    WettelijkVerplicht(Lacks<'a>),
    Verplicht(Lacks<'a>),
    /// Every source of the status is secondary.
    Unconfirmed(Lacks<'a>),
}

struct Lacks<'a> {
    standard: &'a CatalogueStandard,
    selected: String,
    basis: String,
}

impl Issue for Missing<'_> {
    fn say(&self, who: &str) -> Said {
        let (Missing::WettelijkVerplicht(l) | Missing::Verplicht(l) | Missing::Unconfirmed(l)) =
            self;
        let s = l.standard;
        let status = match (s.status, s.secondary_only) {
            (StandardStatus::WettelijkVerplicht, false) => "wettelijk verplicht",
            (StandardStatus::WettelijkVerplicht, true) => {
                "wettelijk verplicht (status unconfirmed)"
            }
            (_, false) => "verplicht (pas toe of leg uit)",
            (_, true) => "verplicht (pas toe of leg uit; status unconfirmed)",
        };
        let mut help = format!(
            "add `{}` to `standards:` when it implements it; otherwise explain the deviation with a waiver (`rule: open-standards`, `key: {}`) that gives the reason and the decision. Status: {}",
            s.id, s.id, l.basis
        );
        if s.secondary_only {
            help.push_str(" — this status rests on secondary sources only, so it is reported as a warning; check forumstandaardisatie.nl");
        }
        Said::new(
            format!(
                "{who} does not implement {} (`{}`), {status} for {}",
                s.name, s.id, l.selected
            ),
            help,
            format!("no `{}`", s.id),
        )
    }

    fn key(&self) -> Option<String> {
        let (Missing::WettelijkVerplicht(l) | Missing::Verplicht(l) | Missing::Unconfirmed(l)) =
            self;
        Some(l.standard.id.clone())
    }
}

/// "wettelijk verplicht per FS-2022 (2022-06-24), …": the status and the sources it rests on.
fn basis(ctx: &Ctx, s: &CatalogueStandard) -> String {
    let sources: Vec<String> = s
        .status_basis
        .iter()
        .map(|key| {
            match ctx
                .reference
                .standards
                .sources
                .get(key)
                .and_then(|i| i.date.clone())
            {
                Some(date) => format!("{key} ({date})"),
                None => key.clone(),
            }
        })
        .collect();
    let status = match s.status {
        StandardStatus::WettelijkVerplicht => "wettelijk verplicht",
        StandardStatus::Verplicht => "verplicht",
        other => other.as_str(),
    };
    match &s.status_source {
        Some(read) => {
            let decided = read
                .decided
                .as_ref()
                .map_or_else(String::new, |d| format!(", decided {d}"));
            format!("{status} per {}{decided} (read {})", read.url, read.read_on)
        }
        None => format!("{status} per {}", sources.join(", ")),
    }
}

/// What each condition of the standards' selectors says of each element, asked once: the
/// selectors share conditions (several ask for `public_facing: true`), and reading a field
/// costs more than remembering the answer.
#[derive(Default)]
struct Conditions<'c> {
    /// Each distinct condition, per kind, with its answer per element (by index), once asked.
    seen: Vec<(&'c Condition, Kind, Vec<Option<bool>>)>,
}

impl<'c> Conditions<'c> {
    fn selects(&mut self, facts: &Facts, selector: &'c Selector, i: usize) -> bool {
        let kind = selector.kind;
        selector.conditions.iter().all(|c| {
            let at = match self.seen.iter().position(|(d, k, _)| *k == kind && *d == c) {
                Some(at) => at,
                None => {
                    let count = facts.count(kind);
                    self.seen.push((c, kind, vec![None; count]));
                    self.seen.len() - 1
                }
            };
            *self.seen[at].2[i].get_or_insert_with(|| facts.holds(c, Elem::new(kind, i)))
        })
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let facts = Facts::new(ctx.model, ctx.graph, ctx.reference);
    let catalogue = &ctx.reference.standards;
    // The elements in scope, once for all standards.
    let applications: Vec<usize> = ctx.own_applications().map(|(i, _)| i).collect();
    let interfaces: Vec<usize> = (0..ctx.model.interfaces.len())
        .filter(|&i| ctx.interface_in_scope(i))
        .collect();
    let mut memo = Conditions::default();
    for (k, standard) in catalogue.standards.iter().enumerate() {
        if !catalogue.is_enforced(k) {
            continue;
        }
        let Some(selector) = &standard.selector else {
            continue;
        };
        let candidates = match selector.kind {
            Kind::Application => &applications,
            Kind::Interface => &interfaces,
            _ => continue,
        };
        for &i in candidates {
            if !memo.selects(&facts, selector, i) {
                continue;
            }
            let me = Elem::new(selector.kind, i);
            report.examined_for(me, &standard.id);
            if ctx.implements(me, k)
                || ctx.standard_may_be_misspelt(me, |have| catalogue.satisfies(have, k))
            {
                continue;
            }
            // The label goes on the `standards` list when there is one: that is what lacks it.
            let listed = match selector.kind {
                Kind::Application => ctx.model.applications[i].body.standards.first(),
                _ => ctx.model.interfaces[i].body.standards.first(),
            };
            let id_loc = ctx.model.loc(me);
            let loc = listed.map_or(id_loc, |s| Loc::new(id_loc.file, s.span));
            let lacks = Lacks {
                standard,
                selected: selector.describe(),
                basis: basis(ctx, standard),
            };
            let issue = if standard.secondary_only {
                Missing::Unconfirmed(lacks)
            } else if standard.status == StandardStatus::WettelijkVerplicht {
                Missing::WettelijkVerplicht(lacks)
            } else {
                Missing::Verplicht(lacks)
            };
            report.add(issue, me, Field::Standards, loc);
        }
    }
}
