//! The report templates (`templates/report/`, embedded in the binary) and the environment that
//! renders them. Escaping is automatic and by format: every value printed into an `.html.j2`
//! template is HTML-escaped, every value printed into an `.md.j2` template is Markdown-escaped,
//! and control characters are made visible in both — a template cannot forget it.

use std::sync::OnceLock;

use minijinja::{AutoEscape, Environment, Error, Output, State, UndefinedBehavior, Value};

use crate::text::clean;

macro_rules! templates {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/report/", $name)))),+]
    };
}

const TEMPLATES: &[(&str, &str)] = templates![
    "base.html.j2",
    "charts.html.j2",
    "ownership.html.j2",
    "compliance.html.j2",
    "waivers.html.j2",
    "macros.md.j2",
    "ownership.md.j2",
    "compliance.md.j2",
    "waivers.md.j2",
];

const MARKDOWN: &str = "markdown";

fn escape_for(name: &str) -> AutoEscape {
    let name = name.strip_suffix(".j2").unwrap_or(name);
    if name.ends_with(".html") {
        AutoEscape::Html
    } else if name.ends_with(".md") {
        AutoEscape::Custom(MARKDOWN.into())
    } else {
        AutoEscape::None
    }
}

/// Escapes model text for Markdown: what the check's Markdown escapes, plus emphasis and code
/// marks, so a name cannot restyle the page either.
fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::super::markdown::esc(text).chars() {
        if matches!(c, '*' | '_' | '`' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn format(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_safe() || value.is_none() || value.is_undefined() {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = clean(&value.to_string());
    let written = match state.auto_escape() {
        AutoEscape::Custom(name) if name == MARKDOWN => out.write_str(&markdown(&text)),
        AutoEscape::Html => {
            write!(out, "{}", minijinja::HtmlEscape(&text))
        }
        _ => out.write_str(&text),
    };
    written.map_err(Error::from)
}

/// A share in tenths of a percent, written the language's way: `87,5%` or `87.5%`.
fn percent(state: &State, permille: Option<u64>) -> String {
    let Some(p) = permille else {
        return "–".to_owned();
    };
    let comma = state
        .lookup("lang")
        .is_some_and(|l| l.as_str() == Some("nl"));
    if p % 10 == 0 {
        format!("{}%", p / 10)
    } else {
        format!("{}{}{}%", p / 10, if comma { ',' } else { '.' }, p % 10)
    }
}

/// The share `n` of `total`, in tenths of a percent, or none when `total` is 0.
fn permille(n: u64, total: u64) -> Option<u64> {
    (total > 0).then(|| (n * 1000 + total / 2) / total)
}

/// Text as a Markdown code span, whatever it holds: a fence longer than any run of backticks
/// in it, and table pipes escaped (a code span shows everything else as it is, HTML included).
fn code(text: String) -> Value {
    let text = clean(&text).replace(['\n', '\r'], " ").replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    Value::from_safe_string(format!("{fence}{pad}{text}{pad}{fence}"))
}

/// `#` repeated: a Markdown heading at a level (at most 6).
fn hashes(level: u64) -> Value {
    Value::from_safe_string("#".repeat(level.clamp(1, 6) as usize))
}

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(escape_for);
        env.set_formatter(format);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid");
        env.set_syntax(syntax);
        env.add_filter("percent", percent);
        env.add_function("permille", permille);
        env.add_filter("hashes", hashes);
        env.add_filter("code", code);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("the built-in template {name} parses: {e:#}"));
        }
        env
    })
}

pub fn render<C: serde::Serialize>(name: &str, context: &C) -> Result<String, Error> {
    environment()
        .get_template(name)?
        .render(Value::from(minijinja::value::Serde(context)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        let env = environment();
        for (name, _) in TEMPLATES {
            assert!(env.get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn model_text_is_escaped_by_the_template_s_format() {
        let env = environment();
        let ctx = minijinja::context! { name => "<script>alert(1)</script> | *x* [a](b)\u{1b}" };
        let html = env
            .render_named_str("x.html.j2", "{{ name }}", &ctx)
            .unwrap();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains('\u{1b}'), "{html}");
        let md = env.render_named_str("x.md.j2", "{{ name }}", &ctx).unwrap();
        assert!(
            !md.contains("<script>") && md.contains("\\[a\\](b)"),
            "{md}"
        );
        assert!(md.contains("\\|") && md.contains("\\*x\\*"), "{md}");
    }

    #[test]
    fn percentages_are_written_the_language_s_way() {
        let env = environment();
        let nl = minijinja::context! { lang => "nl", p => 875 };
        let en = minijinja::context! { lang => "en", p => 875 };
        let t = "{{ p | percent }} {{ permille(1, 3) | percent }} {{ permille(0, 0) | percent }}";
        assert_eq!(
            env.render_named_str("x.md.j2", t, nl).unwrap(),
            "87,5% 33,3% –"
        );
        assert_eq!(
            env.render_named_str("x.md.j2", t, en).unwrap(),
            "87.5% 33.3% –"
        );
    }
}
