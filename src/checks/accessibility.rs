//! `accessibility`: websites and apps for residents and businesses are accessible to everyone:
//! an accessibility statement, and the Digitoegankelijk standard (EN 301 549 with WCAG 2.1).

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::model::{Elem, Field, Kind};

pub(super) const CHECK: Check = Check::of::<Inaccessible>(run);

/// The accessibility standard, which this rule (not `open-standards`) owns.
pub const STANDARD: &str = "digitoegankelijk-en-301-549-met-wcag-2-1";

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Inaccessible {
    /// `by_login`: public-facing by its login, not by `public_facing: true`.
    NoStatement {
        by_login: bool,
    },
    StandardMissing {
        by_login: bool,
    },
}

/// Why an application is public-facing, when it does not say so itself.
fn because(by_login: bool) -> &'static str {
    if by_login {
        " (residents or businesses log in to it with DigiD, eHerkenning or eIDAS)"
    } else {
        ""
    }
}

impl Issue for Inaccessible {
    fn say(&self, who: &str) -> Said {
        match self {
            Inaccessible::NoStatement { by_login } => Said::new(
                format!(
                    "{who} is public-facing{} but has no accessibility statement",
                    because(*by_login)
                ),
                "add `accessibility_statement:` with the URL of its toegankelijkheidsverklaring (in the register of digitoegankelijk.nl); it is a legal obligation for public websites and apps",
                "no accessibility statement",
            ),
            Inaccessible::StandardMissing { by_login } => Said::new(
                format!(
                    "{who} is public-facing{} but does not implement the accessibility standard (EN 301 549 with WCAG 2.1)",
                    because(*by_login)
                ),
                format!(
                    "add `{STANDARD}` to `standards:` once it meets the standard, or plan the work; the standard is wettelijk verplicht"
                ),
                "not Digitoegankelijk",
            ),
        }
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    let Some(standard) = ctx.reference.standards.find(STANDARD) else {
        return;
    };
    for (i, app) in ctx.own_applications() {
        let b = &app.body;
        let Some(public) = b.public_facing_at() else {
            continue;
        };
        let by_login = b.public_facing.is_none();
        let me = Elem::new(Kind::Application, i);
        report.examined(me);
        if b.accessibility_statement
            .as_ref()
            .is_none_or(|s| super::shared::is_placeholder(&s.value))
        {
            let span = b
                .accessibility_statement
                .as_ref()
                .map_or(public, |s| s.span);
            let field = Field::AccessibilityStatement;
            report.add(
                Inaccessible::NoStatement { by_login },
                me,
                field,
                app.at(span),
            );
        }
        let misspelt =
            ctx.standard_may_be_misspelt(me, |k| ctx.reference.standards.satisfies(k, standard));
        if !ctx.implements(me, standard) && !misspelt {
            let loc = app.at(public);
            report.add(
                Inaccessible::StandardMissing { by_login },
                me,
                Field::Standards,
                loc,
            );
        }
    }
}
