//! `human-decides`: the computer may propose, a person decides. No automated decisions by
//! statistical or AI techniques, no profiling, and published algorithms where they shape outcomes.

use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::model::{DecisionMaking, DecisionTechnique, Elem, Field, Kind};

pub(super) const CHECK: Check = Check::of::<Unattended>(run);

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Unattended {
    AutomatedDecision {
        technique: DecisionTechnique,
        /// Rule-based, but on a profile of the person: UAVG art. 40 does not lift the ban then.
        on_profiling: bool,
    },
    Profiling,
    AlgorithmNotPublished {
        automated: bool,
        technique: DecisionTechnique,
    },
    TechniqueMissing {
        making: DecisionMaking,
    },
}

impl Issue for Unattended {
    fn say(&self, who: &str) -> Said {
        match self {
            Unattended::AutomatedDecision {
                on_profiling: true, ..
            } => Said::new(
                format!("{who} takes automated decisions and profiles people"),
                "the AVG (art. 22) does not allow a decision about a person based solely on automated processing, and art. 40 of the Uitvoeringswet lifts that only for decisions \"anders dan op basis van profilering\": make it `decision_making: supported`, with a person taking each decision, or stop profiling",
                "decides without a person",
            ),
            Unattended::AutomatedDecision { technique, .. } => Said::new(
                format!(
                    "{who} takes automated decisions with {} techniques",
                    technique_words(*technique)
                ),
                "the AVG (art. 22, with art. 40 of the Uitvoeringswet) does not allow a decision about a person based solely on a statistical or AI evaluation of them: make it `decision_making: supported`, with a person taking each decision",
                "decides without a person",
            ),
            Unattended::Profiling => Said::new(
                format!("{who} profiles people"),
                "the AVG asks a DPIA before profiling on which decisions rest (art. 35 lid 3 a; `privacy-by-design` checks that `dpia:` names it); if your municipality does not profile at all, stop, or record the decision to do so with a waiver",
                "profiling",
            ),
            Unattended::AlgorithmNotPublished {
                automated,
                technique,
            } => Said::new(
                if *automated {
                    format!(
                        "{who} takes automated rule-based decisions without a published algorithm"
                    )
                } else {
                    format!(
                        "{who} supports decisions with {} techniques without a published algorithm",
                        technique_words(*technique)
                    )
                },
                "publish the decision rules or algorithm (the Algoritmeregister, algoritmes.overheid.nl) and add `algorithm_register:` with its URL",
                "algorithm not published",
            ),
            Unattended::TechniqueMissing { making } => Said::new(
                format!(
                    "{who} {} decisions but does not say how (`decision_technique`)",
                    if *making == DecisionMaking::Automated {
                        "takes automated"
                    } else {
                        "supports"
                    }
                ),
                "add `decision_technique:` (rules, statistical or ai)",
                "how?",
            ),
        }
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
        let me = Elem::new(Kind::Application, i);
        report.examined(me);
        if let Some(p) = b.profiling.as_ref().filter(|p| p.value) {
            report.add(Unattended::Profiling, me, Field::Profiling, app.at(p.span));
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
            let issue = Unattended::TechniqueMissing {
                making: making.value,
            };
            report.add(issue, me, Field::DecisionTechnique, app.at(making.span));
            continue;
        };
        let statistical = technique.value != DecisionTechnique::Rules;
        let profiles = b.profiling.as_ref().is_some_and(|p| p.value);
        let forbidden = automated && (statistical || profiles);
        if forbidden {
            let issue = Unattended::AutomatedDecision {
                technique: technique.value,
                on_profiling: !statistical,
            };
            report.add(issue, me, Field::DecisionMaking, app.at(making.span));
        }
        let published = b
            .algorithm_register
            .as_ref()
            .is_some_and(|a| !super::shared::is_placeholder(&a.value));
        // Forbidden automated decisions are an error already; publishing does not mend them.
        if (automated || statistical) && !forbidden && !published {
            let span = b
                .algorithm_register
                .as_ref()
                .map_or(technique.span, |a| a.span);
            let issue = Unattended::AlgorithmNotPublished {
                automated,
                technique: technique.value,
            };
            report.add(issue, me, Field::AlgorithmRegister, app.at(span));
        }
    }
}
