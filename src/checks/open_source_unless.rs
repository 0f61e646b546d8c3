//! `open-source-unless`: open source unless a waiver explains why not. A licence counts as open
//! source when its SPDX expression can be satisfied with OSI- or FSF-approved licences alone.

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::artifacts::{Found, PcDefect, Publiccode};
use crate::model::{Development, Elem, Field, Kind};
use crate::syntax::Sp;
use crate::text::{Loc, shorten};

pub(super) const CHECK: Check = Check::of::<Closed>(run);

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Closed {
    LicenseUnknown {
        written: bool,
    },
    NotOpenSource {
        licence: String,
    },
    CustomWithoutSource,
    LicenseDiffers {
        licence: String,
        path: String,
        publiccode: String,
    },
    PubliccodeUrl {
        url: String,
    },
    PubliccodeNotFound {
        path: String,
    },
    PubliccodeOutsideRoot {
        path: String,
    },
    InvalidPubliccode {
        path: String,
        defect: PcDefect,
    },
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
                "add `license:` with its SPDX expression (EUPL-1.2, MIT OR Apache-2.0), or `proprietary`; or `publiccode:` with the path of its publiccode.yml",
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
            Closed::LicenseDiffers {
                licence,
                path,
                publiccode,
            } => Said::new(
                format!(
                    "{who} has the licence `{licence}`, but its publiccode.yml `{path}` says `{publiccode}`"
                ),
                "make the two agree: the publiccode.yml is the publisher's own statement of the licence; if the municipality uses the software under another licence, keep that in `license:` and ask the publisher to correct the file",
                "differs from the publiccode.yml",
            ),
            Closed::PubliccodeUrl { url } => Said::new(
                format!(
                    "the publiccode.yml of {who} is a URL (`{}`): gemmalint records it but never fetches it, so its licence is not compared",
                    shorten(url)
                ),
                "to have it read, keep a copy inside the model root and name its path; otherwise nothing needs doing",
                "not fetched",
            ),
            Closed::PubliccodeNotFound { path } => Said::new(
                format!("the publiccode.yml `{path}` of {who} does not exist"),
                "correct the path; it is relative to the model root",
                "not found",
            ),
            Closed::PubliccodeOutsideRoot { path } => Said::new(
                format!(
                    "the publiccode.yml `{path}` of {who} lies outside the model root, so it is not read"
                ),
                "keep the file inside the model root and give a relative path (no `..`, no absolute path, no symlink out)",
                "outside the model root",
            ),
            Closed::InvalidPubliccode { path, defect } => Said::new(
                format!(
                    "the publiccode.yml `{path}` of {who} is not a valid publiccode.yml: {}",
                    reason(defect)
                ),
                match defect {
                    PcDefect::Version01 => {
                        "rewrite it in the current format (publiccode.yml 0.7, https://yml.publiccode.tools); if it is the publisher's file, ask them to"
                    }
                    PcDefect::InvalidLicense { .. } => {
                        "write `legal.license` as an SPDX expression, such as `EUPL-1.2` or `EUPL-1.2+`"
                    }
                    _ => {
                        "correct the file after the standard (https://yml.publiccode.tools); if it is the publisher's file, ask them to"
                    }
                },
                label(defect),
            ),
        }
    }
}

/// The label at a publiccode.yml's defect.
fn label(defect: &PcDefect) -> String {
    match defect {
        PcDefect::Unreadable(_) => "cannot be read".into(),
        PcDefect::NotAMapping => "not publiccode.yml".into(),
        PcDefect::NoVersion => "no `publiccodeYmlVersion`".into(),
        PcDefect::Version01 => "the 0.1 format".into(),
        PcDefect::UnknownVersion(_) => "unknown version".into(),
        PcDefect::Missing(key) => format!("no `{key}`"),
        PcDefect::NotOneOf { key, .. } => format!("not a `{key}` of the standard"),
        PcDefect::InvalidLicense { .. } => "not an SPDX expression".into(),
        PcDefect::NotText(_) => "not text".into(),
    }
}

/// What is wrong with a publiccode.yml, in a few words.
fn reason(defect: &PcDefect) -> String {
    match defect {
        PcDefect::Unreadable(why) => why.clone(),
        PcDefect::NotAMapping => "it is not a mapping of publiccode.yml keys".into(),
        PcDefect::NoVersion => {
            "it has no `publiccodeYmlVersion`, so it is not a publiccode.yml".into()
        }
        PcDefect::Version01 => "it is in the 0.1 format (`publiccode-yaml-version`), from before the standard's 0.2; gemmalint reads 0 and 0.2 to 0.7".into(),
        PcDefect::UnknownVersion(v) => format!(
            "`publiccodeYmlVersion: {}` is not a version gemmalint reads (0, 0.2 to 0.7)",
            shorten(v)
        ),
        PcDefect::Missing(key) => format!("it has no `{key}`, which every publiccode.yml has"),
        PcDefect::NotOneOf {
            key,
            value,
            allowed,
        } => format!(
            "`{key}: {}` is not one of {}",
            shorten(value),
            allowed.join(", ")
        ),
        PcDefect::InvalidLicense { license, reason } => format!(
            "`legal.license: {}` is not an SPDX expression ({reason})",
            shorten(license)
        ),
        PcDefect::NotText(key) => format!("`{key}` is not text"),
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
    for (i, app) in ctx.model.applications.iter().enumerate() {
        if app.body.is_retired() {
            continue;
        }
        let me = Elem::new(Kind::Application, i);
        let own = !app.body.is_external();
        let publiccode = publiccode(ctx, report, me, own);
        if !own {
            continue;
        }
        report.examined(me);
        licence(ctx, report, me, publiccode);
        let b = &app.body;
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

/// The application's publiccode.yml, when it was read; reports a path that leaves the root or
/// leads nowhere (for every application) and what makes the file unusable (for its own).
fn publiccode<'a>(
    ctx: &'a Ctx,
    report: &mut Report,
    me: Elem,
    own: bool,
) -> Option<&'a Publiccode> {
    let app = &ctx.model.applications[me.index];
    let written = app.body.publiccode.as_ref()?;
    let path = written.value.clone();
    let issue = match ctx.artifacts.publiccode(&written.value)? {
        Found::Read(pc) => {
            let shown = ctx.sources.get(pc.file).path.clone();
            for d in pc.defects.iter().filter(|_| own) {
                let issue = Closed::InvalidPubliccode {
                    path: shown.clone(),
                    defect: d.value.clone(),
                };
                let unreadable = matches!(d.value, PcDefect::Unreadable(_));
                let loc = if unreadable && ctx.sources.get(pc.file).text.is_empty() {
                    app.at(written.span)
                } else {
                    Loc::new(pc.file, d.span)
                };
                report
                    .add(issue, me, Field::Publiccode, loc)
                    .related(app.at(written.span), "the application names the file here");
            }
            return Some(pc);
        }
        Found::Url if own => Closed::PubliccodeUrl { url: path },
        Found::Url => return None,
        Found::Missing => Closed::PubliccodeNotFound { path },
        Found::Outside => Closed::PubliccodeOutsideRoot { path },
    };
    report.add(issue, me, Field::Publiccode, app.at(written.span));
    None
}

/// The licence: given, open source (or waived), and the same as its publiccode.yml says. Where
/// the model gives none (or `unknown`), the publiccode.yml's is the licence.
fn licence(ctx: &Ctx, report: &mut Report, me: Elem, publiccode: Option<&Publiccode>) {
    let app = &ctx.model.applications[me.index];
    let stated = publiccode.and_then(|pc| pc.license.as_ref().map(|l| (pc, l)));
    let given = app
        .body
        .license
        .as_ref()
        .filter(|l| l.value.trim() != UNKNOWN);
    let (licence, loc): (&Sp<String>, Loc) = match (given, stated) {
        (Some(l), Some((pc, stated))) => {
            if !same_licence(&l.value, &stated.value) {
                let issue = Closed::LicenseDiffers {
                    licence: l.value.trim().to_owned(),
                    path: ctx.sources.get(pc.file).path.clone(),
                    publiccode: stated.value.clone(),
                };
                report
                    .add(issue, me, Field::License, app.at(l.span))
                    .related(
                        Loc::new(pc.file, stated.span),
                        "the publiccode.yml says this",
                    );
                return;
            }
            (l, app.at(l.span))
        }
        (Some(l), None) => (l, app.at(l.span)),
        (None, Some((pc, stated))) => (stated, Loc::new(pc.file, stated.span)),
        (None, None) => {
            let written = app.body.license.as_ref();
            let issue = Closed::LicenseUnknown {
                written: written.is_some(),
            };
            let loc = written.map_or(app.loc(), |l| app.at(l.span));
            report.add(issue, me, Field::License, loc);
            return;
        }
    };
    if is_open_source(&licence.value) == Some(false) {
        let issue = Closed::NotOpenSource {
            licence: licence.value.trim().to_owned(),
        };
        report.add(issue, me, Field::License, loc);
    }
}

/// Whether two licence texts say the same: the same SPDX expression up to the order of the
/// operands of `AND` and `OR` and the grouping of a run of one operator (`A OR B OR C`), so
/// `MIT OR Apache-2.0` is `Apache-2.0 OR MIT` but `(A AND B) OR C` is not `A AND (B OR C)`. A
/// text that is not SPDX (model-integrity's to report) is taken to agree.
fn same_licence(model: &str, publiccode: &str) -> bool {
    if model.trim() == PROPRIETARY {
        return false;
    }
    match (canonical(model), canonical(publiccode)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// An SPDX expression written one way: the operands of each operator flattened and sorted.
fn canonical(text: &str) -> Option<String> {
    /// A licence, or an operator over its operands (each written canonically).
    enum Term {
        Licence(String),
        Op(String, Vec<String>),
    }
    impl Term {
        fn text(&self) -> String {
            match self {
                Term::Licence(l) => l.clone(),
                Term::Op(op, operands) => format!("({})", operands.join(&format!(" {op} "))),
            }
        }
    }
    let expr = spdx::Expression::parse(text.trim()).ok()?;
    // The nodes come in postfix order: an operator follows its two operands.
    let mut stack: Vec<Term> = Vec::new();
    for node in expr.iter() {
        match node {
            spdx::expression::ExprNode::Req(r) => stack.push(Term::Licence(r.req.to_string())),
            spdx::expression::ExprNode::Op(op) => {
                let op = format!("{op:?}");
                let right = stack.pop()?;
                let left = stack.pop()?;
                let mut operands = Vec::new();
                for term in [left, right] {
                    match term {
                        // `A OR (B OR C)` is `A OR B OR C`.
                        Term::Op(inner, list) if inner == op => operands.extend(list),
                        other => operands.push(other.text()),
                    }
                }
                operands.sort();
                stack.push(Term::Op(op, operands));
            }
        }
    }
    let last = stack.pop()?;
    stack.is_empty().then(|| last.text())
}

#[cfg(test)]
mod tests {
    use super::{is_open_source, same_licence};

    #[test]
    fn the_same_licence_in_another_order_but_not_another_grouping() {
        assert!(same_licence("MIT OR Apache-2.0", "Apache-2.0 OR MIT"));
        assert!(same_licence(
            "MIT OR (Apache-2.0 OR BSD-3-Clause)",
            "(BSD-3-Clause OR MIT) OR Apache-2.0"
        ));
        assert!(same_licence(
            "(MIT AND Apache-2.0) OR (BSD-3-Clause AND ISC)",
            "(ISC AND BSD-3-Clause) OR (Apache-2.0 AND MIT)"
        ));
        assert!(same_licence("EUPL-1.2", "EUPL-1.2"));
        assert!(!same_licence("EUPL-1.2", "EUPL-1.2+"));
        assert!(!same_licence(
            "(MIT AND Apache-2.0) OR BSD-3-Clause",
            "MIT AND (Apache-2.0 OR BSD-3-Clause)"
        ));
        assert!(!same_licence("MIT AND Apache-2.0", "MIT OR Apache-2.0"));
        assert!(same_licence("niet spdx", "MIT"));
    }

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
        assert_eq!(is_open_source("EUPL-1.2+"), Some(true));
    }

    #[test]
    fn licences_agree_in_any_order() {
        use super::same_licence;
        assert!(same_licence("MIT OR Apache-2.0", "Apache-2.0 OR MIT"));
        assert!(same_licence("EUPL-1.2", "EUPL-1.2"));
        assert!(!same_licence("EUPL-1.2", "EUPL-1.2+"));
        assert!(!same_licence("proprietary", "EUPL-1.2"));
        assert!(!same_licence("MIT AND Apache-2.0", "MIT OR Apache-2.0"));
        assert!(same_licence("EUPL 1.2", "EUPL-1.2"));
    }
}
