//! `decoupled-components`: components talk through standardised interfaces — no shared
//! databases, and every interface names the standard it follows.

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::model::{Elem, Field, Kind};

pub(super) const CHECK: Check = Check::of::<Coupled>(run);

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Coupled {
    DatabaseInterface,
    NoStandard,
}

impl Issue for Coupled {
    fn say(&self, who: &str) -> Said {
        match self {
            Coupled::DatabaseInterface => Said::new(
                format!("{who} couples applications through a database"),
                "an application reading another's database breaks whenever that database changes: offer an API (REST, with an OpenAPI document) instead",
                "a database coupling",
            ),
            Coupled::NoStandard => Said::new(
                format!("{who} names no standard"),
                "add `standards:` with the standard(s) the interface follows (`gemmalint standards` lists them; a ZGW or Haal Centraal API, OpenAPI, Digikoppeling, StUF, …)",
                "no standard",
            ),
        }
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    for (i, interface) in ctx.model.interfaces.iter().enumerate() {
        if !ctx.interface_in_scope(i) {
            continue;
        }
        let me = Elem::new(Kind::Interface, i);
        report.examined(me);
        let b = &interface.body;
        if ctx.database_coupling(i) {
            let loc = b
                .style
                .as_ref()
                .map_or(interface.loc(), |s| interface.at(s.span));
            report.add(Coupled::DatabaseInterface, me, Field::Style, loc);
            // A database coupling has no standard by nature; that finding says it all.
            continue;
        }
        if b.standards.is_empty() {
            report.add(Coupled::NoStandard, me, Field::Standards, interface.loc());
        }
    }
}
