//! A finding: the model breaks a rule. Findings are data, never errors; their identity (rule,
//! element, field, key) is what waivers and baselines match, never a line number.

use crate::catalogue::Severity;
use crate::model::{ElementRef, FieldPath};
use crate::text::{Loc, Related};

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
    pub field: FieldPath,
    /// One sentence: what is wrong.
    pub message: String,
    /// What to do, or how to explain the deviation with a waiver.
    pub help: String,
    pub loc: Option<Loc>,
    /// The label at `loc`.
    pub label: Option<String>,
    pub related: Vec<Related>,
    /// The waiver that silences it.
    pub waived_by: Option<ElementRef>,
    pub baselined: bool,
}

/// What waivers and baselines match a finding by: never its place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity {
    pub rule: String,
    /// `kind:id`.
    pub element: String,
    pub field: String,
    pub key: String,
}

impl Finding {
    /// The variant, and what tells this finding apart from others of its variant.
    pub fn key(&self) -> String {
        match &self.discriminator {
            Some(d) => format!("{}:{d}", self.variant),
            None => self.variant.to_owned(),
        }
    }

    pub fn identity(&self) -> Identity {
        Identity {
            rule: self.rule.clone(),
            element: self.element.to_string(),
            field: self.field.to_string(),
            key: self.key(),
        }
    }

    /// Neither waived nor baselined: it counts, and may fail the gate.
    pub fn is_active(&self) -> bool {
        self.waived_by.is_none() && !self.baselined
    }

    /// Whether a waiver's or baseline's `key` names this finding: the whole key, the variant,
    /// or the discriminator (a standard id).
    pub fn key_matches(&self, key: &str) -> bool {
        key == self.variant
            || self.discriminator.as_deref() == Some(key)
            || key.split_once(':').is_some_and(|(variant, rest)| {
                variant == self.variant && self.discriminator.as_deref() == Some(rest)
            })
    }

    /// A second place the finding points at.
    pub fn related(&mut self, loc: Loc, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            loc,
            message: message.into(),
        });
        self
    }
}
