//! `decoupled-components`: components talk through standardised interfaces — no shared
//! databases, and every interface names the standard it follows.

use super::{Check, Ctx, Issue, Report, interface_in_scope};
use crate::model::{ElementRef, InterfaceStyle, Kind};

pub const CHECK: Check = Check {
    id: "decoupled-components",
    variants: &["database-interface", "no-standard"],
    run,
};

enum Coupled {
    Database { who: String },
    NoStandard { who: String },
}

impl Issue for Coupled {
    fn variant(&self) -> &'static str {
        match self {
            Coupled::Database { .. } => "database-interface",
            Coupled::NoStandard { .. } => "no-standard",
        }
    }

    fn message(&self) -> String {
        match self {
            Coupled::Database { who } => format!("{who} couples applications through a database"),
            Coupled::NoStandard { who } => format!("{who} names no standard"),
        }
    }

    fn help(&self) -> String {
        match self {
            Coupled::Database { .. } => "an application reading another's database breaks whenever that database changes: offer an API (REST, with an OpenAPI document) instead".into(),
            Coupled::NoStandard { .. } => "add `standards:` with the standard(s) the interface follows (`gemmalint standards` lists them; a ZGW or Haal Centraal API, OpenAPI, Digikoppeling, StUF, …)".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(match self {
            Coupled::Database { .. } => "a database coupling".into(),
            Coupled::NoStandard { .. } => "no standard".into(),
        })
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    for (i, interface) in ctx.model.interfaces.iter().enumerate() {
        if !interface_in_scope(ctx, i) {
            continue;
        }
        let b = &interface.body;
        let element = ElementRef::new(Kind::Interface, &interface.id);
        let who = || ctx.name(Kind::Interface, i);
        if let Some(style) = b
            .style
            .as_ref()
            .filter(|s| s.value == InterfaceStyle::Database)
        {
            report.add(
                &Coupled::Database { who: who() },
                element.clone(),
                "style",
                Some(interface.at(style.span)),
            );
        }
        // A database coupling has no standard by nature; that finding says it all.
        let database = b
            .style
            .as_ref()
            .is_some_and(|s| s.value == InterfaceStyle::Database);
        if b.standards.is_empty() && !database {
            report.add(
                &Coupled::NoStandard { who: who() },
                element,
                "standards",
                Some(interface.loc()),
            );
        }
    }
}
