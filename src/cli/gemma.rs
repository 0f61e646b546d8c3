//! `gemmalint gemma TEXT`: find the GEMMA name or Object ID to write in the model.

use super::{Done, GemmaArgs, ListFormat};
use crate::output::gemma::{self, Hit};
use crate::reference::Reference;

pub fn run(args: &GemmaArgs) -> Done {
    let reference = Reference::builtin();
    let r = &reference;
    let mut hits = Vec::new();
    // What the text names, in any kind; only when it names nothing, what is spelt like it (so
    // `perceel` finds the bedrijfsobject KadastraalPerceel, not a bedrijfsfunctie that merely
    // starts alike).
    let text = args.text.as_str();
    let named = [
        r.component_names.search_named(text),
        r.function_names.search_named(text),
        r.object_names.search_named(text),
    ];
    let [components, functions, objects] = if named.iter().all(Vec::is_empty) {
        [
            r.component_names.search_close(text),
            r.function_names.search_close(text),
            r.object_names.search_close(text),
        ]
    } else {
        named
    };
    for i in components {
        let c = &r.components[i];
        let kind = match c.kind {
            crate::reference::ComponentType::Referentiecomponent => "referentiecomponent",
            crate::reference::ComponentType::Voorziening => "buitengemeentelijke voorziening",
            crate::reference::ComponentType::Other => "component (overig, niet normatief)",
        };
        hits.push(Hit {
            kind,
            name: &c.name,
            object_id: &c.object_id,
            status: c.status.as_deref(),
        });
    }
    for i in functions {
        let f = &r.functions[i];
        hits.push(Hit {
            kind: "bedrijfsfunctie",
            name: &f.name,
            object_id: &f.object_id,
            status: None,
        });
    }
    for i in objects {
        let o = &r.objects[i];
        hits.push(Hit {
            kind: "bedrijfsobject",
            name: &o.name,
            object_id: &o.object_id,
            status: None,
        });
    }
    let wanted = args.text.trim().to_lowercase();
    let aliases: Vec<&crate::reference::Alias> = r
        .aliases
        .iter()
        .filter(|a| a.alias.to_lowercase() == wanted)
        .collect();
    let stdout = match args.format {
        ListFormat::Human => gemma::human(&args.text, &hits, &aliases),
        ListFormat::Markdown => gemma::markdown(&hits),
        ListFormat::Json => gemma::json(&hits),
    };
    Done { stdout, code: 0 }
}
