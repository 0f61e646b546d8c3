//! A problem: the input cannot be used (bad YAML, a wrong type, a bad config). Problems are
//! collected, never thrown, so that one run shows every problem of every file.

use crate::source::Loc;

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

/// The "did you mean" of every unknown name: the closest candidates, best first.
pub fn closest<'a, I>(word: &str, candidates: I, max: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let score = strsim::jaro_winkler(&lower, &c.to_lowercase());
            (score >= 0.8).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

/// "did you mean `a`?" / "did you mean `a` or `b`?", or `None` when nothing is close.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let found = closest(word, candidates, 3);
    match found.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        [init @ .., last] => Some(format!(
            "did you mean {} or `{last}`?",
            init.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["owner", "name", "business_functions"];
        assert_eq!(
            did_you_mean("ownr", keys).as_deref(),
            Some("did you mean `owner`?")
        );
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}
