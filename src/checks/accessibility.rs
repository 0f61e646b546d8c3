//! `accessibility`: websites and apps for residents and businesses are accessible to everyone:
//! an accessibility statement, and the Digitoegankelijk standard (EN 301 549 with WCAG 2.1).

use super::{Check, Ctx, Issue, Report, implements, misspelt_standard_might_be};
use crate::model::{ElementRef, Kind};

pub const CHECK: Check = Check {
    id: "accessibility",
    variants: &["no-statement", "standard-missing"],
    run,
};

/// The accessibility standard, which this rule (not `open-standards`) owns.
pub const STANDARD: &str = "digitoegankelijk-en-301-549-met-wcag-2-1";

enum Inaccessible {
    NoStatement { who: String },
    StandardMissing { who: String },
}

impl Issue for Inaccessible {
    fn variant(&self) -> &'static str {
        match self {
            Inaccessible::NoStatement { .. } => "no-statement",
            Inaccessible::StandardMissing { .. } => "standard-missing",
        }
    }

    fn message(&self) -> String {
        match self {
            Inaccessible::NoStatement { who } => {
                format!("{who} is public-facing but has no accessibility statement")
            }
            Inaccessible::StandardMissing { who } => {
                format!(
                    "{who} is public-facing but does not implement the accessibility standard (EN 301 549 with WCAG 2.1)"
                )
            }
        }
    }

    fn help(&self) -> String {
        match self {
            Inaccessible::NoStatement { .. } => "add `accessibility_statement:` with the URL of its toegankelijkheidsverklaring (in the register of digitoegankelijk.nl); it is a legal obligation for public websites and apps".into(),
            Inaccessible::StandardMissing { .. } => format!("add `{STANDARD}` to `standards:` once it meets the standard, or plan the work; the standard is wettelijk verplicht"),
        }
    }

    fn label(&self) -> Option<String> {
        Some(match self {
            Inaccessible::NoStatement { .. } => "no accessibility statement".into(),
            Inaccessible::StandardMissing { .. } => "not Digitoegankelijk".into(),
        })
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let Some(standard) = ctx.reference.standards.find(STANDARD) else {
        return;
    };
    for (i, app) in ctx.own_applications() {
        let b = &app.body;
        let Some(public) = b.public_facing.as_ref().filter(|p| p.value) else {
            continue;
        };
        let element = ElementRef::new(Kind::Application, &app.id);
        let who = || ctx.name(Kind::Application, i);
        if b.accessibility_statement
            .as_ref()
            .is_none_or(|s| s.value.trim().is_empty())
        {
            let span = b
                .accessibility_statement
                .as_ref()
                .map_or(public.span, |s| s.span);
            report.add(
                &Inaccessible::NoStatement { who: who() },
                element.clone(),
                "accessibility_statement",
                Some(app.at(span)),
            );
        }
        // A misspelt standard might be this one: model-integrity reports it.
        if !implements(ctx, Kind::Application, i, standard)
            && !misspelt_standard_might_be(ctx, &element, |k| {
                ctx.reference.standards.satisfies(k, standard)
            })
        {
            report.add(
                &Inaccessible::StandardMissing { who: who() },
                element,
                "standards",
                Some(app.at(public.span)),
            );
        }
    }
}
