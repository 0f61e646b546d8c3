//! `open-source-unless`: open source unless a waiver explains why not. A licence counts as open
//! source when its SPDX expression can be satisfied with OSI- or FSF-approved licences alone.

use super::{Check, Ctx, Issue, Report};
use crate::model::{Development, ElementRef, Kind};

pub const CHECK: Check = Check {
    id: "open-source-unless",
    variants: &[
        "license-unknown",
        "not-open-source",
        "custom-without-source",
    ],
    run,
};

enum Closed {
    Unknown { who: String, written: bool },
    NotOpen { who: String, licence: String },
    CustomWithoutSource { who: String },
}

impl Issue for Closed {
    fn variant(&self) -> &'static str {
        match self {
            Closed::Unknown { .. } => "license-unknown",
            Closed::NotOpen { .. } => "not-open-source",
            Closed::CustomWithoutSource { .. } => "custom-without-source",
        }
    }

    fn message(&self) -> String {
        match self {
            Closed::Unknown { who, written: true } => format!("the licence of {who} is unknown"),
            Closed::Unknown {
                who,
                written: false,
            } => format!("{who} does not say under which licence it is used"),
            Closed::NotOpen { who, licence } => {
                format!("{who} is not open source (licence `{licence}`)")
            }
            Closed::CustomWithoutSource { who } => {
                format!("{who} is built for the municipality but its source code is not published")
            }
        }
    }

    fn help(&self) -> String {
        match self {
            Closed::Unknown { .. } => "add `license:` with its SPDX expression (EUPL-1.2, MIT OR Apache-2.0), or `proprietary`".into(),
            Closed::NotOpen { .. } => "the policy is open source unless: choose an open-source alternative, or explain the choice with a waiver (`rule: open-source-unless`) that gives the reason and the decision".into(),
            Closed::CustomWithoutSource { .. } => "publish the code and add `source_code:` with its URL, or `publiccode:` with the path of its publiccode.yml".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(
            match self {
                Closed::Unknown { .. } => "licence unknown",
                Closed::NotOpen { .. } => "not open source",
                Closed::CustomWithoutSource { .. } => "custom, source not published",
            }
            .into(),
        )
    }
}

const UNKNOWN: &str = "unknown";
const PROPRIETARY: &str = "proprietary";
/// Licence words that are not SPDX expressions but say something definite.
pub const LICENCE_WORDS: &[&str] = &[PROPRIETARY, UNKNOWN];

/// Whether a licence text is open source: `Some(true/false)`, or `None` when it is not SPDX
/// (model-integrity reports that) or unknown.
pub fn is_open_source(licence: &str) -> Option<bool> {
    match licence.trim() {
        UNKNOWN => None,
        PROPRIETARY => Some(false),
        text => spdx::Expression::parse(text).ok().map(|expr| {
            expr.evaluate(|req| {
                req.license
                    .id()
                    .is_some_and(|id| id.is_osi_approved() || id.is_fsf_free_libre())
            })
        }),
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    for (i, app) in ctx.own_applications() {
        let b = &app.body;
        let element = ElementRef::new(Kind::Application, &app.id);
        let who = || ctx.name(Kind::Application, i);
        match &b.license {
            None => {
                report.add(
                    &Closed::Unknown {
                        who: who(),
                        written: false,
                    },
                    element.clone(),
                    "license",
                    Some(app.loc()),
                );
            }
            Some(licence) if licence.value.trim() == "unknown" => {
                report.add(
                    &Closed::Unknown {
                        who: who(),
                        written: true,
                    },
                    element.clone(),
                    "license",
                    Some(app.at(licence.span)),
                );
            }
            Some(licence) => {
                if is_open_source(&licence.value) == Some(false) {
                    report.add(
                        &Closed::NotOpen {
                            who: who(),
                            licence: licence.value.trim().to_owned(),
                        },
                        element.clone(),
                        "license",
                        Some(app.at(licence.span)),
                    );
                }
            }
        }
        let custom = b
            .development
            .as_ref()
            .is_some_and(|d| d.value == Development::Custom);
        if custom && b.source_code.is_none() && b.publiccode.is_none() {
            let loc = b.development.as_ref().map_or(app.loc(), |d| app.at(d.span));
            report.add(
                &Closed::CustomWithoutSource { who: who() },
                element,
                "source_code",
                Some(loc),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_open_source;

    #[test]
    fn open_source_means_osi_or_fsf_approved() {
        assert_eq!(is_open_source("EUPL-1.2"), Some(true));
        assert_eq!(is_open_source("MIT OR Apache-2.0"), Some(true));
        assert_eq!(is_open_source("proprietary"), Some(false));
        assert_eq!(is_open_source("LicenseRef-Leverancier"), Some(false));
        assert_eq!(is_open_source("MIT OR LicenseRef-Leverancier"), Some(true));
        assert_eq!(
            is_open_source("MIT AND LicenseRef-Leverancier"),
            Some(false)
        );
        assert_eq!(is_open_source("unknown"), None);
        assert_eq!(is_open_source("GPL"), None);
    }
}
