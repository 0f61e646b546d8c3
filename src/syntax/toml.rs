//! TOML text → [`Node`], so the config, rule cards and packs get the same spans, unknown-key
//! suggestions and type errors as model files.

use toml::de::{DeTable, DeValue};

use super::{Node, Value};
use crate::text::Span;

/// Why a TOML file could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlError {
    pub message: String,
    pub span: Span,
}

pub fn parse_toml(text: &str) -> Result<Node, TomlError> {
    let table = DeTable::parse(text).map_err(|e| {
        let span = e
            .span()
            .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end - r.start));
        TomlError {
            message: format!("invalid TOML: {}", e.message().trim()),
            span,
        }
    })?;
    let span = table.span();
    Ok(convert_table(
        table.get_ref(),
        Span::new(span.start, span.end - span.start),
    ))
}

fn convert_table(table: &DeTable<'_>, span: Span) -> Node {
    let entries = table
        .iter()
        .map(|(key, value)| {
            let ks = key.span();
            let key = Node {
                span: Span::new(ks.start, ks.end - ks.start),
                value: Value::Str(key.get_ref().to_string()),
            };
            (key, convert(value))
        })
        .collect();
    Node {
        span,
        value: Value::Map(entries),
    }
}

fn convert(value: &toml::Spanned<DeValue<'_>>) -> Node {
    let range = value.span();
    let span = Span::new(range.start, range.end - range.start);
    let value = match value.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map_or_else(|_| Value::Str(i.to_string()), Value::Int),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .map_or_else(|_| Value::Str(f.to_string()), Value::Float),
        DeValue::Boolean(b) => Value::Bool(*b),
        // A TOML date (`today = 2026-11-28`) reads like the same date in quotes.
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => Value::Seq(items.iter().map(convert).collect()),
        DeValue::Table(table) => return convert_table(table, span),
    };
    Node { span, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_with_spans() {
        let text = "today = 2026-11-28\n[rules]\nrest-api = \"error\"\n";
        let node = parse_toml(text).unwrap();
        let today = node.get("today").unwrap();
        assert_eq!(today.as_str(), Some("2026-11-28"));
        assert_eq!(
            &text[today.span.start as usize..today.span.end()],
            "2026-11-28"
        );
        let rest = node.get("rules").unwrap().get("rest-api").unwrap();
        assert_eq!(
            &text[rest.span.start as usize..rest.span.end()],
            "\"error\""
        );
    }

    #[test]
    fn reports_syntax_errors_with_a_span() {
        let e = parse_toml("a = [1,\n").unwrap_err();
        assert!(e.message.starts_with("invalid TOML"));
    }
}
