//! `human-decides`: the computer may propose, a person decides. No automated decisions by
//! statistical or AI techniques, no profiling, and published algorithms where they shape outcomes.

use super::{Check, Ctx, Issue, Report};
use crate::model::{DecisionMaking, DecisionTechnique, ElementRef, Kind};

pub const CHECK: Check = Check {
    id: "human-decides",
    variants: &[
        "automated-decision",
        "profiling",
        "algorithm-not-published",
        "technique-missing",
    ],
    run,
};

enum Automated {
    Decision {
        who: String,
        technique: DecisionTechnique,
    },
    Profiling {
        who: String,
    },
    NotPublished {
        who: String,
        automated: bool,
        technique: DecisionTechnique,
    },
    TechniqueMissing {
        who: String,
        making: DecisionMaking,
    },
}

impl Issue for Automated {
    fn variant(&self) -> &'static str {
        match self {
            Automated::Decision { .. } => "automated-decision",
            Automated::Profiling { .. } => "profiling",
            Automated::NotPublished { .. } => "algorithm-not-published",
            Automated::TechniqueMissing { .. } => "technique-missing",
        }
    }

    fn message(&self) -> String {
        match self {
            Automated::Decision { who, technique } => format!(
                "{who} takes automated decisions with {} techniques",
                technique_words(*technique)
            ),
            Automated::Profiling { who } => format!("{who} profiles people"),
            Automated::NotPublished {
                who,
                automated: true,
                ..
            } => {
                format!("{who} takes automated rule-based decisions without a published algorithm")
            }
            Automated::NotPublished { who, technique, .. } => format!(
                "{who} supports decisions with {} techniques without a published algorithm",
                technique_words(*technique)
            ),
            Automated::TechniqueMissing { who, making } => format!(
                "{who} {} decisions but does not say how (`decision_technique`)",
                if *making == DecisionMaking::Automated {
                    "takes automated"
                } else {
                    "supports"
                }
            ),
        }
    }

    fn help(&self) -> String {
        match self {
            Automated::Decision { .. } => "the policy lets the computer propose and a person decide: make it `decision_making: supported`, with a person taking each decision".into(),
            Automated::Profiling { .. } => "the policy uses no profiling techniques: stop profiling, or take it to the ethics discussion the policy asks for and record the outcome with a waiver".into(),
            Automated::NotPublished { .. } => "publish the decision rules or algorithm (the Algoritmeregister, algoritmes.overheid.nl) and add `algorithm_register:` with its URL".into(),
            Automated::TechniqueMissing { .. } => "add `decision_technique:` (rules, statistical or ai)".into(),
        }
    }

    fn label(&self) -> Option<String> {
        Some(match self {
            Automated::Decision { .. } => "decides without a person".into(),
            Automated::Profiling { .. } => "profiling".into(),
            Automated::NotPublished { .. } => "algorithm not published".into(),
            Automated::TechniqueMissing { .. } => "how?".into(),
        })
    }
}

fn technique_words(t: DecisionTechnique) -> &'static str {
    match t {
        DecisionTechnique::Rules => "rule-based",
        DecisionTechnique::Statistical => "statistical",
        DecisionTechnique::Ai => "AI",
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    for (i, app) in ctx.own_applications() {
        let b = &app.body;
        let element = ElementRef::new(Kind::Application, &app.id);
        let who = || ctx.name(Kind::Application, i);
        if let Some(p) = b.profiling.as_ref().filter(|p| p.value) {
            report.add(
                &Automated::Profiling { who: who() },
                element.clone(),
                "profiling",
                Some(app.at(p.span)),
            );
        }
        let Some(making) = b
            .decision_making
            .as_ref()
            .filter(|m| m.value != DecisionMaking::None)
        else {
            continue;
        };
        let automated = making.value == DecisionMaking::Automated;
        let Some(technique) = &b.decision_technique else {
            report.add(
                &Automated::TechniqueMissing {
                    who: who(),
                    making: making.value,
                },
                element,
                "decision_technique",
                Some(app.at(making.span)),
            );
            continue;
        };
        let statistical = technique.value != DecisionTechnique::Rules;
        if automated && statistical {
            report.add(
                &Automated::Decision {
                    who: who(),
                    technique: technique.value,
                },
                element.clone(),
                "decision_making",
                Some(app.at(making.span)),
            );
        }
        let published = b
            .algorithm_register
            .as_ref()
            .is_some_and(|a| !a.value.trim().is_empty());
        // Automated statistical or AI decisions are an error already; publishing does not mend them.
        if (automated || statistical) && !(automated && statistical) && !published {
            report.add(
                &Automated::NotPublished {
                    who: who(),
                    automated,
                    technique: technique.value,
                },
                element,
                "algorithm_register",
                Some(
                    app.at(b
                        .algorithm_register
                        .as_ref()
                        .map_or(technique.span, |a| a.span)),
                ),
            );
        }
    }
}
