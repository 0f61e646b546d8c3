//! `open-source-unless`: open source unless a waiver explains why not. A licence counts as open
//! source when its SPDX expression can be satisfied with OSI- or FSF-approved licences alone.

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::model::{Development, Elem, Field, Kind};

pub(super) const CHECK: Check = Check::of::<Closed>(run);

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Closed {
    LicenseUnknown { written: bool },
    NotOpenSource { licence: String },
    CustomWithoutSource,
}

impl Issue for Closed {
    fn say(&self, who: &str) -> Said {
        match self {
            Closed::LicenseUnknown { written } => Said::new(
                if *written {
                    format!("the licence of {who} is unknown")
                } else {
                    format!("{who} does not say under which licence it is used")
                },
                "add `license:` with its SPDX expression (EUPL-1.2, MIT OR Apache-2.0), or `proprietary`",
                "licence unknown",
            ),
            Closed::NotOpenSource { licence } => Said::new(
                format!("{who} is not open source (licence `{licence}`)"),
                "government software is \"open, tenzij\": choose an open-source alternative, or explain the choice with a waiver (`rule: open-source-unless`) that gives the reason and the decision",
                "not open source",
            ),
            Closed::CustomWithoutSource => Said::new(
                format!("{who} is built for the municipality but its source code is not published"),
                "publish the code and add `source_code:` with its URL, or `publiccode:` with the path of its publiccode.yml",
                "custom, source not published",
            ),
        }
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
        let me = Elem::new(Kind::Application, i);
        report.examined(me);
        match &b.license {
            None => {
                let issue = Closed::LicenseUnknown { written: false };
                report.add(issue, me, Field::License, app.loc());
            }
            Some(licence) if licence.value.trim() == UNKNOWN => {
                let issue = Closed::LicenseUnknown { written: true };
                report.add(issue, me, Field::License, app.at(licence.span));
            }
            Some(licence) => {
                if is_open_source(&licence.value) == Some(false) {
                    let issue = Closed::NotOpenSource {
                        licence: licence.value.trim().to_owned(),
                    };
                    report.add(issue, me, Field::License, app.at(licence.span));
                }
            }
        }
        let custom = b
            .development
            .as_ref()
            .is_some_and(|d| d.value == Development::Custom);
        if custom && b.source_code.is_none() && b.publiccode.is_none() {
            let loc = b.development.as_ref().map_or(app.loc(), |d| app.at(d.span));
            report.add(Closed::CustomWithoutSource, me, Field::SourceCode, loc);
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
