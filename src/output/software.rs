//! What the applications' own publiccode.yml files say about them — software type, development
//! status, maintenance, runtime dependencies — for the human report and the JSON (`publiccode`).

use serde::Serialize;

use super::clean;
use crate::artifacts::{Artifacts, Dependency, Found, Publiccode};
use crate::model::{ElementRef, Kind, Model};
use crate::text::Sources;

/// One application's publiccode.yml, as read.
#[derive(Serialize)]
pub struct Software {
    /// `application:id`.
    pub element: String,
    /// The application's name in the model.
    #[serde(skip)]
    pub shown: String,
    /// The publiccode.yml, relative to the model root.
    pub file: String,
    /// `publiccodeYmlVersion`.
    pub version: Option<String>,
    pub name: Option<String>,
    pub license: Option<String>,
    pub software_type: Option<String>,
    pub development_status: Option<String>,
    pub maintenance: Maintenance,
    pub depends_on: Vec<Depends>,
}

#[derive(Serialize)]
pub struct Maintenance {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub contractors: Vec<Contractor>,
    pub contacts: Vec<String>,
}

#[derive(Serialize)]
pub struct Contractor {
    pub name: String,
    pub until: Option<String>,
}

#[derive(Serialize)]
pub struct Depends {
    /// open | proprietary | hardware
    pub kind: &'static str,
    pub name: String,
    pub version: Option<String>,
    pub version_min: Option<String>,
    pub version_max: Option<String>,
    pub optional: bool,
}

/// Every application whose publiccode.yml was read, by id.
pub fn of(model: &Model, artifacts: &Artifacts, sources: &Sources) -> Vec<Software> {
    let mut out: Vec<Software> = model
        .applications
        .iter()
        .filter_map(|app| {
            let written = app.body.publiccode.as_ref()?;
            let Found::Read(pc) = artifacts.publiccode(&written.value)? else {
                return None;
            };
            Some(software(
                ElementRef::new(Kind::Application, &app.id),
                app.body.name.value.clone(),
                pc,
                sources,
            ))
        })
        .collect();
    out.sort_by(|a, b| a.element.cmp(&b.element));
    out
}

fn software(element: ElementRef, shown: String, pc: &Publiccode, sources: &Sources) -> Software {
    Software {
        element: element.to_string(),
        shown,
        file: sources.get(pc.file).path.clone(),
        version: pc.version.clone(),
        name: pc.name.clone(),
        license: pc.license.as_ref().map(|l| l.value.clone()),
        software_type: pc.software_type.clone(),
        development_status: pc.development_status.clone(),
        maintenance: Maintenance {
            kind: pc.maintenance.kind.clone(),
            contractors: pc
                .maintenance
                .contractors
                .iter()
                .map(|c| Contractor {
                    name: c.name.clone(),
                    until: c.until.clone(),
                })
                .collect(),
            contacts: pc.maintenance.contacts.clone(),
        },
        depends_on: pc.depends_on.iter().map(depends).collect(),
    }
}

fn depends(d: &Dependency) -> Depends {
    Depends {
        kind: d.kind.as_str(),
        name: d.name.clone(),
        version: d.version.clone(),
        version_min: d.version_min.clone(),
        version_max: d.version_max.clone(),
        optional: d.optional,
    }
}

/// "PostgreSQL ≥ 14.0 (optional)".
fn dependency_text(d: &Depends) -> String {
    let mut text = clean(&d.name);
    match (&d.version, &d.version_min, &d.version_max) {
        (Some(v), _, _) => text.push_str(&format!(" {}", clean(v))),
        (None, Some(min), Some(max)) => {
            text.push_str(&format!(" {} to {}", clean(min), clean(max)));
        }
        (None, Some(min), None) => text.push_str(&format!(" ≥ {}", clean(min))),
        (None, None, Some(max)) => text.push_str(&format!(" ≤ {}", clean(max))),
        (None, None, None) => {}
    }
    if d.kind != "open" {
        text.push_str(&format!(" ({})", d.kind));
    }
    if d.optional {
        text.push_str(" (optional)");
    }
    text
}

/// The block the human report shows after the findings.
pub fn human(list: &[Software]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = String::from("Software described by its publiccode.yml:\n");
    for s in list {
        let what: Vec<String> = [&s.software_type, &s.development_status, &s.license]
            .into_iter()
            .flatten()
            .map(|t| clean(t))
            .collect();
        let file = match &s.version {
            Some(v) => format!("{} ({})", clean(&s.file), clean(v)),
            None => clean(&s.file),
        };
        let what = if what.is_empty() {
            file
        } else {
            format!("{} — {file}", what.join(", "))
        };
        out.push_str(&format!(
            "  - {} ({}): {what}\n",
            clean(&s.element),
            clean(&s.shown)
        ));
        if let Some(kind) = &s.maintenance.kind {
            let mut line = format!("      maintenance: {}", clean(kind));
            let by: Vec<String> = s
                .maintenance
                .contractors
                .iter()
                .map(|c| match &c.until {
                    Some(until) => format!("{} until {}", clean(&c.name), clean(until)),
                    None => clean(&c.name),
                })
                .collect();
            if !by.is_empty() {
                line.push_str(&format!(" by {}", by.join(", ")));
            }
            let contacts: Vec<String> = s.maintenance.contacts.iter().map(|c| clean(c)).collect();
            if !contacts.is_empty() {
                line.push_str(&format!("; contact {}", contacts.join(", ")));
            }
            out.push_str(&line);
            out.push('\n');
        }
        if !s.depends_on.is_empty() {
            let deps: Vec<String> = s.depends_on.iter().map(dependency_text).collect();
            out.push_str(&format!("      depends on: {}\n", deps.join("; ")));
        }
    }
    out.push('\n');
    out
}
