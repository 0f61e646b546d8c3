//! What an import did, for the person who ran it: what it wrote per kind, what it skipped and
//! why, the GEMMA names that did not resolve (with suggestions), what it had to guess, and the
//! command to run next. Nothing is dropped without being counted here.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Kind;
use crate::text::{clean, quoted_list, shorten};

/// Notes shown before "… and N more".
const MAX_NOTES: usize = 20;

/// A GEMMA reference that the shipped GEMMA model does not know.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unresolved {
    /// The element that names it ("application `Zaaksysteem`").
    pub element: String,
    /// What it was meant to be ("reference component").
    pub what: &'static str,
    pub written: String,
    pub suggestions: Vec<String>,
    /// The `x-` field it was kept in instead of the GEMMA field (an Archi specialisation need
    /// not name a GEMMA element), so `check` does not report it; `None`: written as found.
    pub kept_as: Option<&'static str>,
}

/// The account of one import.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// What the source is ("ArchiMate exchange file").
    pub format: &'static str,
    /// What the source held: (count, singular noun), in reading order.
    pub read: Vec<(usize, &'static str)>,
    /// (what, why) → how many were left out.
    pub skipped: BTreeMap<(String, String), usize>,
    pub unresolved: BTreeSet<Unresolved>,
    /// What had to be guessed → how many times.
    pub guessed: BTreeMap<String, usize>,
    /// Everything else worth knowing: dangling references, values kept as `x-` fields.
    pub notes: BTreeSet<String>,
}

impl Summary {
    pub fn new(format: &'static str) -> Self {
        Summary {
            format,
            ..Summary::default()
        }
    }

    pub fn skip(&mut self, what: impl Into<String>, why: impl Into<String>) {
        *self.skipped.entry((what.into(), why.into())).or_default() += 1;
    }

    pub fn skip_n(&mut self, what: impl Into<String>, why: impl Into<String>, n: usize) {
        if n > 0 {
            *self.skipped.entry((what.into(), why.into())).or_default() += n;
        }
    }

    pub fn guess(&mut self, what: impl Into<String>) {
        *self.guessed.entry(what.into()).or_default() += 1;
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.insert(note.into());
    }
}

/// What was written, for the rendering.
pub struct Written<'a> {
    /// Where the source was (as the user named it) and where the landscape went.
    pub source: &'a str,
    pub dir: &'a str,
    /// (kind, already there) → count.
    pub counts: &'a BTreeMap<(Kind, bool), usize>,
    /// The files written, by name in the directory.
    pub files: &'a [String],
    /// Files of a merge that were already there and left alone.
    pub left_alone: &'a [String],
}

/// The summary as text, closing with the command to run next.
pub fn render(summary: &Summary, written: &Written) -> String {
    let mut out = format!(
        "Imported {} ({}) into {}:\n",
        clean(written.source),
        summary.format,
        clean(written.dir)
    );
    if !summary.read.is_empty() {
        let read: Vec<String> = summary
            .read
            .iter()
            .map(|(n, noun)| format!("{n} {noun}{}", if *n == 1 { "" } else { "s" }))
            .collect();
        out.push_str(&format!("  read:    {}\n", read.join(", ")));
    }
    out.push_str(&format!(
        "  written: {}\n",
        per_kind(written.counts, false).unwrap_or_else(|| "nothing".to_owned())
    ));
    if let Some(kept) = per_kind(written.counts, true) {
        out.push_str(&format!("  already there (left as they are): {kept}\n"));
    }
    for file in written.files {
        out.push_str(&format!("    {}\n", clean(file)));
    }
    if !written.left_alone.is_empty() {
        out.push_str(&format!(
            "  not rewritten (new elements went to new files): {}\n",
            written
                .left_alone
                .iter()
                .map(|f| clean(f))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    render_skipped(&mut out, summary);
    render_unresolved(&mut out, summary);
    render_guessed(&mut out, summary);
    render_notes(&mut out, summary);
    let nothing_there = !written.counts.keys().any(|(_, existing)| *existing);
    if written.files.is_empty() && nothing_there {
        out.push_str("\nNothing to check: the file holds nothing the landscape has (applications, business functions, owners, interfaces, data objects) that is not there already.\n");
    } else {
        out.push_str(&format!(
            "\nNext: gemmalint check {}\n",
            shell_word(written.dir)
        ));
    }
    out
}

/// "2 owners, 1 application" for new (or existing) elements, in the kinds' order.
fn per_kind(counts: &BTreeMap<(Kind, bool), usize>, existing: bool) -> Option<String> {
    let parts: Vec<String> = Kind::ALL
        .iter()
        .filter_map(|&k| {
            let n = *counts.get(&(k, existing))?;
            Some(format!(
                "{n} {}",
                if n == 1 {
                    k.noun().to_owned()
                } else {
                    k.nouns()
                }
            ))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn render_skipped(out: &mut String, summary: &Summary) {
    if summary.skipped.is_empty() {
        return;
    }
    out.push_str("\nLeft out:\n");
    for ((what, why), n) in &summary.skipped {
        out.push_str(&format!("  {n:>4} × {}: {}\n", clean(what), why));
    }
}

fn render_unresolved(out: &mut String, summary: &Summary) {
    if summary.unresolved.is_empty() {
        return;
    }
    out.push_str("\nGEMMA names that did not resolve (written as found, so `check` reports them, unless kept in an `x-` field):\n");
    for u in &summary.unresolved {
        let hint = if u.suggestions.is_empty() {
            String::new()
        } else {
            format!(" — did you mean {}?", quoted_list(&u.suggestions))
        };
        let kept = u.kept_as.map_or_else(String::new, |field| {
            format!(", kept as `{field}`, which `check` does not read")
        });
        out.push_str(&format!(
            "  {}: {} `{}`{kept}{hint}\n",
            clean(&u.element),
            u.what,
            clean(&shorten(&u.written))
        ));
    }
}

fn render_guessed(out: &mut String, summary: &Summary) {
    if summary.guessed.is_empty() {
        return;
    }
    out.push_str("\nGuessed (check these):\n");
    for (what, n) in &summary.guessed {
        out.push_str(&format!("  {n:>4} × {what}\n"));
    }
}

fn render_notes(out: &mut String, summary: &Summary) {
    if summary.notes.is_empty() {
        return;
    }
    out.push_str("\nNotes:\n");
    for note in summary.notes.iter().take(MAX_NOTES) {
        out.push_str(&format!("  - {}\n", clean(note)));
    }
    if summary.notes.len() > MAX_NOTES {
        out.push_str(&format!(
            "  … and {} more\n",
            summary.notes.len() - MAX_NOTES
        ));
    }
}

/// A path as one word a shell reads back unchanged.
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'))
    {
        text.to_owned()
    } else {
        format!("'{}'", clean(text).replace('\'', r"'\''"))
    }
}
