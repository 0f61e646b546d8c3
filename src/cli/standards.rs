//! `gemmalint standards`: the catalogue that `standards:` refers to.

use super::{Done, ListFormat, StandardsArgs};
use crate::output::standards;
use crate::reference::Reference;

pub fn run(args: &StandardsArgs) -> Done {
    let reference = Reference::builtin();
    let catalogue = &reference.standards;
    let wanted = args.filter.as_deref().map(str::to_lowercase);
    let selected: Vec<usize> = (0..catalogue.standards.len())
        .filter(|&i| {
            let s = catalogue.get(i);
            wanted.as_ref().is_none_or(|w| {
                s.id.contains(w.as_str())
                    || s.name.to_lowercase().contains(w.as_str())
                    || s.aliases
                        .iter()
                        .any(|a| a.to_lowercase().contains(w.as_str()))
            })
        })
        .collect();
    let stdout = match args.format {
        ListFormat::Json => standards::json(catalogue, &selected),
        ListFormat::Markdown => standards::markdown(catalogue, &selected),
        ListFormat::Human => standards::human(catalogue, &selected),
    };
    Done { stdout, code: 0 }
}
