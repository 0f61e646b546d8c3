//! `gemmalint graph`: the landscape picture as Graphviz DOT or Mermaid. Applications are
//! boxes, interfaces arrows from provider to consumer drawn by style, clusters nest as the owner
//! or function hierarchy does, and elements with open findings are marked in colour *and* in
//! words (`⚠ 2`). Model text is escaped for each language.

use std::fmt::Write;

use crate::catalogue::Severity;
use crate::figures::Lang;
use crate::figures::picture::{Picture, PictureEdge, PictureNode};
use crate::text::clean;

/// Text inside a DOT double-quoted string: backslashes and quotes escaped (Graphviz would read
/// `\n`, `\N`, `\G`… in a label), line breaks as `\n`.
fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Text inside a Mermaid `"…"` label: everything that could end the label, start an entity,
/// or be read as HTML or Markdown is written as an entity code (`#60;`).
fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '"' | '#' | '<' | '>' | '&' | '|' | '`' | '\\' | '[' | ']' | '{' | '}' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The colours of the marks: the HTML report's palette.
const ERROR: &str = "#a4001d";
const WARNING: &str = "#7a4d00";
const LINE: &str = "#4a4a4a";
const REST: &str = "#0645ad";

fn words(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Nl => [
            "Landschap",
            "Pijlen: REST en GraphQL doorgetrokken, SOAP en bestanden gestreept, berichten en gebeurtenissen gestippeld, database dik en rood. Rood kader: open fouten, bruin kader: open waarschuwingen (⚠ aantal). Gestreept kader: extern.",
            "rondom",
            "diepte",
        ],
        Lang::En => [
            "Landscape",
            "Arrows: REST and GraphQL solid, SOAP and file transfer dashed, messaging and events dotted, database thick and red. Red frame: open errors, brown frame: open warnings (⚠ count). Dashed frame: external.",
            "around",
            "depth",
        ],
    }
}

fn title(picture: &Picture, lang: Lang) -> String {
    let [landscape, _, around, depth] = words(lang);
    match &picture.focus {
        Some(f) => format!(
            "{landscape} {around} {} ({}), {depth} {}",
            f.name, f.element, picture.depth
        ),
        None => landscape.to_owned(),
    }
}

fn node_label(n: &PictureNode) -> String {
    let mut label = format!("{}\n{}", n.item.name, n.item.id);
    if n.findings > 0 {
        let _ = write!(label, "\n⚠ {}", n.findings);
    }
    label
}

/// An interface style in the picture's language.
fn style_word(style: &str, lang: Lang) -> &str {
    match (style, lang) {
        ("rest", _) => "REST",
        ("soap", _) => "SOAP",
        ("graphql", _) => "GraphQL",
        ("messaging", Lang::Nl) => "berichten",
        ("events", Lang::Nl) => "gebeurtenissen",
        ("file", Lang::Nl) => "bestanden",
        ("other", Lang::Nl) => "anders",
        ("file", Lang::En) => "file transfer",
        (other, _) => other,
    }
}

fn edge_label(e: &PictureEdge, lang: Lang) -> String {
    let mut label = e.interface.name.clone();
    if let Some(style) = e.style {
        let _ = write!(label, " ({})", style_word(style, lang));
    }
    if e.findings > 0 {
        let _ = write!(label, " ⚠ {}", e.findings);
    }
    label
}

fn mark(worst: Option<Severity>) -> Option<&'static str> {
    match worst {
        Some(Severity::Error) => Some(ERROR),
        Some(Severity::Warning) => Some(WARNING),
        _ => None,
    }
}

/// The picture as Graphviz DOT.
pub fn to_dot(picture: &Picture, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "// gemmalint graph: {}", dot(&title(picture, lang)));
    out.push_str("digraph landschap {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, fontname=\"DejaVu Sans\", fontsize=11, labelloc=t, label=\"{}\\n{}\"];",
        dot(&title(picture, lang)),
        dot(words(lang)[1])
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"{LINE}\", fontname=\"DejaVu Sans\", fontsize=10];"
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"DejaVu Sans\", fontsize=9, color=\"{LINE}\"];"
    );
    dot_clusters(picture, None, 1, &mut out);
    for e in &picture.edges {
        dot_edge(picture, e, lang, &mut out);
    }
    out.push_str("}\n");
    out
}

fn dot_clusters(picture: &Picture, parent: Option<usize>, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for (i, c) in picture.clusters.iter().enumerate() {
        if c.parent != parent {
            continue;
        }
        let _ = writeln!(out, "{pad}subgraph \"cluster_{i}\" {{");
        let _ = writeln!(
            out,
            "{pad}  label=\"{}\"; style=rounded; color=\"#767676\"; fontcolor=\"#1a1a1a\";",
            dot(&c.label)
        );
        dot_clusters(picture, Some(i), depth + 1, out);
        let _ = writeln!(out, "{pad}}}");
    }
    for n in picture.nodes.iter().filter(|n| n.cluster == parent) {
        let mut attrs = vec![format!("label=\"{}\"", dot(&node_label(n)))];
        let mut style = vec!["rounded", "filled"];
        if n.external {
            style.push("dashed");
            attrs.push("fillcolor=\"#f0f0f0\"".into());
        }
        if n.lifecycle == "retired" {
            style.push("dotted");
            attrs.push("fontcolor=\"#4a4a4a\"".into());
        }
        if let Some(colour) = mark(n.worst) {
            attrs.push(format!("color=\"{colour}\", penwidth=2.5"));
        }
        if n.focus {
            style.push("bold");
        }
        attrs.push(format!("style=\"{}\"", style.join(",")));
        let _ = writeln!(
            out,
            "{pad}\"{}\" [{}];",
            dot(&n.item.element),
            attrs.join(", ")
        );
    }
}

fn dot_edge(picture: &Picture, e: &PictureEdge, lang: Lang, out: &mut String) {
    let from = dot(&picture.nodes[e.from].item.element);
    let to = match e.to {
        Some(t) => dot(&picture.nodes[t].item.element),
        None => {
            // Nobody consumes it: the arrow ends in a point.
            let stub = dot(&format!("stub:{}", e.interface.id));
            let _ = writeln!(out, "  \"{stub}\" [shape=point, label=\"\"];");
            stub
        }
    };
    let (style, colour) = match e.style {
        Some("rest" | "graphql") => ("solid", REST),
        Some("soap" | "file") => ("dashed", LINE),
        Some("messaging" | "events") => ("dotted", LINE),
        Some("database") => ("bold", ERROR),
        _ => ("solid", LINE),
    };
    let colour = mark(e.worst).unwrap_or(colour);
    let _ = writeln!(
        out,
        "  \"{from}\" -> \"{to}\" [label=\"{}\", style={style}, color=\"{colour}\", fontcolor=\"#1a1a1a\"];",
        dot(&edge_label(e, lang))
    );
}

/// The picture as a Mermaid flowchart.
pub fn to_mermaid(picture: &Picture, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "%% gemmalint graph: {}",
        mermaid(&title(picture, lang))
    );
    let _ = writeln!(out, "%% {}", mermaid(words(lang)[1]));
    out.push_str("flowchart LR\n");
    mermaid_clusters(picture, None, 1, &mut out);
    let mut red = Vec::new();
    for (k, e) in picture.edges.iter().enumerate() {
        let from = format!("n{}", e.from);
        let to = match e.to {
            Some(t) => format!("n{t}"),
            None => {
                let stub = format!("s{k}");
                let _ = writeln!(out, "  {stub}((\"·\"))");
                stub
            }
        };
        let arrow = match e.style {
            Some("soap" | "file" | "messaging" | "events") => "-.->",
            Some("database") => "==>",
            _ => "-->",
        };
        if e.style == Some("database") || e.worst == Some(Severity::Error) {
            red.push(k.to_string());
        }
        let _ = writeln!(
            out,
            "  {from} {arrow}|\"{}\"| {to}",
            mermaid(&edge_label(e, lang))
        );
    }
    let _ = writeln!(
        out,
        "  classDef error stroke:{ERROR},stroke-width:3px\n  classDef warning stroke:{WARNING},stroke-width:3px\n  classDef external stroke-dasharray:5 5,fill:#f0f0f0\n  classDef focus stroke-width:4px"
    );
    for (class, pick) in [
        (
            "error",
            &(|n: &PictureNode| n.worst == Some(Severity::Error)) as &dyn Fn(&PictureNode) -> bool,
        ),
        ("warning", &|n: &PictureNode| {
            n.worst == Some(Severity::Warning)
        }),
        ("external", &|n: &PictureNode| n.external),
        ("focus", &|n: &PictureNode| n.focus),
    ] {
        let ids: Vec<String> = picture
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| pick(n))
            .map(|(i, _)| format!("n{i}"))
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(out, "  class {} {class}", ids.join(","));
        }
    }
    if !red.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{ERROR},stroke-width:2px",
            red.join(",")
        );
    }
    out
}

fn mermaid_clusters(picture: &Picture, parent: Option<usize>, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for (i, c) in picture.clusters.iter().enumerate() {
        if c.parent != parent {
            continue;
        }
        let _ = writeln!(out, "{pad}subgraph c{i}[\"{}\"]", mermaid(&c.label));
        mermaid_clusters(picture, Some(i), depth + 1, out);
        let _ = writeln!(out, "{pad}end");
    }
    for (i, n) in picture.nodes.iter().enumerate() {
        if n.cluster == parent {
            let label = node_label(n).replace('\n', "<br/>");
            let label: Vec<String> = label.split("<br/>").map(mermaid).collect();
            let _ = writeln!(out, "{pad}n{i}[\"{}\"]", label.join("<br/>"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_text_cannot_break_out_of_a_label() {
        assert_eq!(dot("a\"b\\n"), "a\\\"b\\\\n");
        assert_eq!(mermaid("<b>\"x\"|#"), "#60;b#62;#34;x#34;#124;#35;");
    }
}
