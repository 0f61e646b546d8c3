//! A finding: the model breaks a rule. Findings are data, never errors; their identity (rule,
//! element, field, key) is what waivers and baselines match, never a line number.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::ElementRef;
use crate::problem::Related;
use crate::source::Loc;

/// How bad a finding is. "off" exists only in configuration.
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(word: &str) -> Option<Severity> {
        match word {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The model breaks a rule here.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: String,
    /// Which of the rule's variants (its card lists them with their default severity).
    pub variant: &'static str,
    /// What tells apart several findings of one variant on one field (a standard id).
    pub discriminator: Option<String>,
    pub severity: Severity,
    /// The element whose YAML must change to fix it.
    pub element: ElementRef,
    /// The element-relative field (`data.persoon`, `standards`, `owner`); empty for the element itself.
    pub field: String,
    /// One sentence: what is wrong.
    pub message: String,
    /// What to do, or how to explain the deviation with a waiver.
    pub help: String,
    pub loc: Option<Loc>,
    /// The label at `loc`.
    pub label: Option<String>,
    pub related: Vec<Related>,
    /// `waiver:<id>` of the waiver that silences it.
    pub waived_by: Option<String>,
    pub baselined: bool,
}

impl Finding {
    /// The variant, and what tells this finding apart from others of its variant.
    pub fn key(&self) -> String {
        match &self.discriminator {
            Some(d) => format!("{}:{d}", self.variant),
            None => self.variant.to_owned(),
        }
    }

    /// Neither waived nor baselined: it counts, and may fail the gate.
    pub fn is_active(&self) -> bool {
        self.waived_by.is_none() && !self.baselined
    }

    /// Whether a waiver's or baseline's `key` names this finding: the whole key, the variant,
    /// or the discriminator (a standard id).
    pub fn key_matches(&self, key: &str) -> bool {
        key == self.variant || self.discriminator.as_deref() == Some(key) || key == self.key()
    }
}
