//! A problem: the input cannot be used (bad YAML, a wrong type, a bad config). Problems are
//! collected, never thrown, so that one run shows every problem of every file.

use super::Loc;

/// A second place that a problem or finding points at ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub loc: Loc,
    pub message: String,
}

/// Input that cannot be used. Any problem means exit code 2 and no rule runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// One sentence: what is wrong.
    pub message: String,
    /// Where; `None` for problems that have no file (a missing path, a bad command line).
    pub loc: Option<Loc>,
    /// The text of the label at `loc`.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    pub related: Vec<Related>,
    /// For the "… and N more" note that closes a file's list: the problems it stands for.
    pub more: usize,
}

impl Problem {
    /// How many problems this entry counts for.
    pub fn count(&self) -> usize {
        if self.more > 0 { self.more } else { 1 }
    }

    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            loc: None,
            label: None,
            help: None,
            related: Vec::new(),
            more: 0,
        }
    }

    pub fn at(mut self, loc: Loc) -> Self {
        self.loc = Some(loc);
        self
    }

    /// Places the problem when there is a place.
    pub fn at_opt(mut self, loc: Option<Loc>) -> Self {
        self.loc = loc.or(self.loc);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn related(mut self, loc: Loc, message: impl Into<String>) -> Self {
        self.related.push(Related {
            loc,
            message: message.into(),
        });
        self
    }
}
