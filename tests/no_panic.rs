//! Bad input never panics: arbitrary text, and YAML-shaped text with mistakes in it, through
//! every reader the CLI uses. Each either reads or gives problems with a place in the file.

use gemmalint::model::ModelFile;
use gemmalint::syntax::{from_node, parse_toml, parse_yaml};
use gemmalint::text::{Language, SourceFile};
use proptest::prelude::*;

/// Pieces of model files, put together in random order and nesting.
fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "applications:\n",
        "  zaak:\n",
        "    name: Zaak\n",
        "    owner: [a, b]\n",
        "    external: yes\n",
        "    data: { persoon: { role: query } }\n",
        "    lifecycle: { status: phase-out, end: 2026-02-30 }\n",
        "interfaces:\n",
        "  i: { provider: x, consumers: x }\n",
        "- a\n",
        "&a [1, *a]\n",
        "*b\n",
        ": :\n",
        "\t",
        "  ",
        "'",
        "\"",
        "{",
        "}",
        "[",
        "]",
        "#",
        "---\n",
        "~\n",
        "!!str 1\n",
        "x-cmdb: 1\n",
        "waivers:\n  w: { rule: r, target: 'application:*', expires: 2026-12-31 }\n",
        "é",
        "\u{202e}",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|parts| parts.concat())
}

fn read(text: &str) {
    let file = SourceFile::new("t.yaml".into(), text.to_owned(), Language::Yaml);
    if let Ok(node) = parse_yaml(&file) {
        let _ = from_node::<ModelFile>(&node, text, None);
        // Every span lies inside the text.
        fn spans(node: &gemmalint::syntax::Node, len: usize) {
            assert!(node.span.end() <= len, "a span past the end of the file");
            match &node.value {
                gemmalint::syntax::Value::Seq(items) => items.iter().for_each(|i| spans(i, len)),
                gemmalint::syntax::Value::Map(entries) => entries.iter().for_each(|(k, v)| {
                    spans(k, len);
                    spans(v, len);
                }),
                _ => {}
            }
        }
        spans(&node, text.len());
    }
    let _ = parse_toml(text)
        .map(|node| from_node::<gemmalint::catalogue::config::ConfigFile>(&node, text, None));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        read(&text);
    }

    #[test]
    fn yaml_shaped_mistakes_never_panic(text in yamlish()) {
        read(&text);
    }
}
