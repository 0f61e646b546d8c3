//! `open-standards`: "pas toe of leg uit". Every mandatory standard in the catalogue whose
//! `applies_to` selects an element is implemented by it, or a waiver explains why not.

use super::{Check, Ctx, Issue, Report, implements, misspelt_standard_might_be};
use crate::model::{ElementRef, Kind, StandardStatus};
use crate::reference::CatalogueStandard;
use crate::selector::Facts;

pub const CHECK: Check = Check {
    id: "open-standards",
    variants: &["wettelijk-verplicht", "verplicht", "unconfirmed"],
    run,
};

struct Missing<'a> {
    who: String,
    standard: &'a CatalogueStandard,
    selected: String,
    basis: String,
}

impl Missing<'_> {
    fn status_words(&self) -> &'static str {
        match (self.standard.status, self.standard.secondary_only) {
            (StandardStatus::WettelijkVerplicht, false) => "wettelijk verplicht",
            (StandardStatus::WettelijkVerplicht, true) => {
                "wettelijk verplicht (status unconfirmed)"
            }
            (_, false) => "verplicht (pas toe of leg uit)",
            (_, true) => "verplicht (pas toe of leg uit; status unconfirmed)",
        }
    }
}

impl Issue for Missing<'_> {
    fn variant(&self) -> &'static str {
        if self.standard.secondary_only {
            "unconfirmed"
        } else if self.standard.status == StandardStatus::WettelijkVerplicht {
            "wettelijk-verplicht"
        } else {
            "verplicht"
        }
    }

    fn discriminator(&self) -> Option<String> {
        Some(self.standard.id.clone())
    }

    fn message(&self) -> String {
        format!(
            "{} does not implement {} (`{}`), {} for {}",
            self.who,
            self.standard.name,
            self.standard.id,
            self.status_words(),
            self.selected
        )
    }

    fn help(&self) -> String {
        let mut help = format!(
            "add `{}` to `standards:` when it implements it; otherwise explain the deviation with a waiver (`rule: open-standards`, `key: {}`) that gives the reason and the decision",
            self.standard.id, self.standard.id
        );
        help.push_str(&format!(". Status: {}", self.basis));
        if self.standard.secondary_only {
            help.push_str(" — this status rests on secondary sources only, so it is reported as a warning; check forumstandaardisatie.nl");
        }
        help
    }

    fn label(&self) -> Option<String> {
        Some(format!("no `{}`", self.standard.id))
    }
}

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
    format!("{status} per {}", sources.join(", "))
}

fn run(ctx: &Ctx, report: &mut Report) {
    let facts = Facts::new(ctx);
    let catalogue = &ctx.reference.standards;
    // The elements in scope, once for all standards.
    let applications: Vec<usize> = ctx.own_applications().map(|(i, _)| i).collect();
    let interfaces: Vec<usize> = (0..ctx.model.interfaces.len())
        .filter(|&i| super::interface_in_scope(ctx, i))
        .collect();
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
            if !selector.matches(&facts, i) {
                continue;
            }
            let (id_loc, id, _) = ctx.model.describe(selector.kind, i);
            // The label goes on the `standards` list when there is one: that is what lacks it.
            let listed = match selector.kind {
                Kind::Application => ctx.model.applications[i]
                    .body
                    .standards
                    .first()
                    .map(|s| s.span),
                _ => ctx.model.interfaces[i]
                    .body
                    .standards
                    .first()
                    .map(|s| s.span),
            };
            let loc = listed.map_or(id_loc, |span| crate::source::Loc::new(id_loc.file, span));
            let element = ElementRef::new(selector.kind, id);
            // A misspelt standard might be this one: model-integrity reports it.
            if implements(ctx, selector.kind, i, k)
                || misspelt_standard_might_be(ctx, &element, |have| {
                    ctx.reference.standards.satisfies(have, k)
                })
            {
                continue;
            }
            let issue = Missing {
                who: ctx.name(selector.kind, i),
                standard,
                selected: selector.describe(),
                basis: basis(ctx, standard),
            };
            report.add(&issue, element, "standards", Some(loc));
        }
    }
}
