//! Declarative field rules: a pack's own rules, without Rust. On elements of a kind that match
//! a `where`, require fields to be present, to have certain values, or standards to be
//! implemented. Each gets a card like a built-in rule, so `rules`, `explain` and waivers work.

use serde::Deserialize;

use super::{Card, Docs, Severity, Variant};
use crate::model::selector::{Selector, check_field_path, check_value};
use crate::model::{FieldPath, Kind};
use crate::syntax::{Node, Sp, Value, is_id};
use crate::text::{FileId, Loc, Problem, Span, did_you_mean, shorten};

/// A pack's own rule.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    /// The rule id (unique among all rules; kebab-case).
    pub id: Sp<String>,
    pub title: String,
    /// The id of the principle of this pack that the rule enforces.
    pub principle: Option<Sp<String>>,
    /// error | warning | info
    pub severity: Severity,
    /// The kind of element: application, interface, data_object, business_function, owner.
    pub kind: Sp<String>,
    /// Conditions the element must meet for the rule to apply (the selector grammar).
    #[serde(rename = "where")]
    pub condition: Option<Node>,
    pub require: Requirements,
    /// Why the rule matters, for `explain`.
    pub why: Option<String>,
}

/// What an element the rule applies to must have.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// Fields (dotted paths, `x-` keys too) that must be present and not empty.
    #[serde(default)]
    pub fields: Vec<Sp<String>>,
    /// Field (a dotted path, `x-` keys too) → the value, or list of allowed values, it must have.
    #[schemars(with = "Option<std::collections::BTreeMap<String, serde_json::Value>>")]
    pub values: Option<Node>,
    /// Standards (ids or aliases) the element must implement.
    #[serde(default)]
    pub standards: Vec<Sp<String>>,
}

/// The variants a field rule can report: a required field missing, a required value not held,
/// a required standard not implemented.
pub const VARIANTS: [&str; 3] = ["missing-field", "wrong-value", "missing-standard"];

/// A field rule ready to run.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub rule: FieldRule,
    pub selector: Selector,
    /// `require.fields`, read.
    pub fields: Vec<FieldPath>,
    /// `require.values`, read: (field as written, its path, the allowed values).
    pub values: Vec<(Sp<String>, FieldPath, Node)>,
}

impl Requirements {
    /// The `values` table as (field, wanted) pairs.
    fn values(&self) -> Vec<(Sp<String>, Node)> {
        self.values
            .as_ref()
            .and_then(Node::as_map)
            .into_iter()
            .flatten()
            .map(|(k, v)| (Sp::new(k.key_text(), k.span), v.clone()))
            .collect()
    }
}

impl Compiled {
    /// Checks a pack's field rule against the rules already known; problems point into the
    /// pack (a built-in pack has no file: its problems are bugs the tests catch).
    pub fn compile(
        rule: &FieldRule,
        pack: &str,
        file: Option<FileId>,
        known_rules: &[&str],
        principles: &[&str],
    ) -> Result<Compiled, Problem> {
        check_identity(rule, pack, file, known_rules, principles)?;
        let selector = Selector::from_parts(&rule.kind, rule.condition.as_ref(), file)?;
        let at = |span: Span| file.map(|f| Loc::new(f, span));
        if let Some(values) = &rule.require.values
            && values.as_map().is_none()
        {
            return Err(
                Problem::new("`require.values` maps fields to the values they must have")
                    .help("write `values = { hosting = [\"saas\", \"cloud\"] }`")
                    .at_opt(at(values.span)),
            );
        }
        if let Some(first) = rule.require.standards.first()
            && !matches!(selector.kind, Kind::Application | Kind::Interface)
        {
            return Err(Problem::new(format!(
                "the field rule `{}` requires standards of {}s, which do not implement standards",
                rule.id.value,
                selector.kind.noun()
            ))
            .help("only applications and interfaces list `standards:`; select one of those kinds")
            .at_opt(at(first.span)));
        }
        let values = rule.require.values();
        if rule.require.fields.is_empty() && values.is_empty() && rule.require.standards.is_empty()
        {
            return Err(Problem::new(format!(
                "the field rule `{}` requires nothing, so it can never fire",
                rule.id.value
            ))
            .help("give `require` its `fields`, `values` or `standards`")
            .at_opt(at(rule.id.span)));
        }
        let mut fields = Vec::new();
        for path in &rule.require.fields {
            let (path, _) = check_field_path(selector.kind, &path.value, &path_node(path), file)?;
            fields.push(path);
        }
        let mut checked = Vec::new();
        for (written, wanted) in values {
            let node = path_node(&written);
            let (path, field) = check_field_path(selector.kind, &written.value, &node, file)?;
            check_value(&field, &written.value, &wanted, file)?;
            checked.push((written, path, wanted));
        }
        Ok(Compiled {
            rule: rule.clone(),
            selector,
            fields,
            values: checked,
        })
    }

    /// The card `rules` and `explain` show for it.
    pub fn card(&self, pack: &str) -> Card {
        let r = &self.rule;
        let what = self.summary();
        // Only the variants this rule's requirements can produce.
        let variants = [
            (
                !r.require.fields.is_empty(),
                VARIANTS[0],
                "a required field is missing or empty",
            ),
            (
                !self.values.is_empty(),
                VARIANTS[1],
                "a field does not have a required value",
            ),
            (
                !r.require.standards.is_empty(),
                VARIANTS[2],
                "a required standard is not implemented",
            ),
        ];
        let variants: Vec<(&str, &str)> = variants
            .into_iter()
            .filter(|(used, ..)| *used)
            .map(|(_, id, description)| (id, description))
            .collect();
        Card {
            id: r.id.value.clone(),
            title: r.title.clone(),
            // Written in the pack's own language, which serves both.
            title_nl: None,
            summary: what,
            scope: format!(
                "{} (a field rule of the pack `{pack}`)",
                capitalise(&self.selector.describe())
            ),
            waivable: true,
            variants: variants
                .iter()
                .map(|(id, description)| Variant {
                    id: (*id).to_owned(),
                    severity: r.severity,
                    description: (*description).to_owned(),
                    rests_on: r.principle.as_ref().map(|p| format!("{pack}/{}", p.value)),
                })
                .collect(),
            parameters: Vec::new(),
            docs: Docs {
                what: "A field rule of a pack: it reads the element's fields as the model writes them (a dotted path reaches into a field, and `data.zaak.role` into a mapping by id; `x-` keys at the top level). A field that is absent, empty text or an empty list is missing; a required value must be one of those listed; a required standard is met by the standard, its family or a member of it, as in `standards:`. Applications that are external or retired, retired interfaces and interfaces an external application provides are out of scope, as for the built-in rules; an element without `lifecycle` reads as `lifecycle.status: active`.".to_owned(),
                why: r
                    .why
                    .clone()
                    .unwrap_or_else(|| format!("The pack `{pack}` requires it.")),
                example: String::new(),
                fix: String::new(),
                files: Default::default(),
            },
        }
    }

    /// "Applications with … must have …; implement …."
    fn summary(&self) -> String {
        let r = &self.rule;
        let quoted = |items: Vec<&str>| {
            items
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut what = Vec::new();
        if !r.require.fields.is_empty() {
            let fields = r.require.fields.iter().map(|f| f.value.as_str()).collect();
            what.push(format!("have {}", quoted(fields)));
        }
        for (field, _, value) in &self.values {
            what.push(format!(
                "have `{}` set to {}",
                field.value,
                values_words(value)
            ));
        }
        if !r.require.standards.is_empty() {
            let standards = r
                .require
                .standards
                .iter()
                .map(|s| s.value.as_str())
                .collect();
            what.push(format!("implement {}", quoted(standards)));
        }
        format!(
            "{} must {}.",
            capitalise(&self.selector.describe()),
            what.join("; ")
        )
    }
}

/// A written path as a node, so a problem about it points at it.
fn path_node(path: &Sp<String>) -> Node {
    Node {
        span: path.span,
        value: Value::Str(path.value.clone()),
    }
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

pub fn value_words(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "no value".into(),
        serde_json::Value::String(s) => format!("`{}`", shorten(s)),
        other => format!("`{other}`"),
    }
}

pub fn values_words(node: &Node) -> String {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .map(|i| {
                format!(
                    "`{}`",
                    i.to_json()
                        .as_str()
                        .map_or_else(|| i.to_json().to_string(), str::to_owned)
                )
            })
            .collect::<Vec<_>>()
            .join(" or "),
        _ => format!(
            "`{}`",
            node.to_json()
                .as_str()
                .map_or_else(|| node.to_json().to_string(), str::to_owned)
        ),
    }
}

/// A field rule's id is well-formed and new, and its principle is one of the pack's.
fn check_identity(
    rule: &FieldRule,
    pack: &str,
    file: Option<FileId>,
    known_rules: &[&str],
    principles: &[&str],
) -> Result<(), Problem> {
    let at = |span: Span| file.map(|f| Loc::new(f, span));
    if !is_id(&rule.id.value) {
        return Err(Problem::new(format!(
            "`{}` is not a valid rule id",
            shorten(&rule.id.value)
        ))
        .help("rule ids are lowercase kebab-case")
        .at_opt(at(rule.id.span)));
    }
    if known_rules.contains(&rule.id.value.as_str()) {
        return Err(Problem::new(format!(
            "the pack `{pack}` defines the rule `{}`, which already exists",
            rule.id.value
        ))
        .help("give the field rule an id of its own")
        .at_opt(at(rule.id.span)));
    }
    if let Some(principle) = &rule.principle
        && !principles.contains(&principle.value.as_str())
    {
        return Err(Problem::new(format!(
            "the pack `{pack}` has no principle `{}`",
            shorten(&principle.value)
        ))
        .help(
            did_you_mean(&principle.value, principles.iter().copied())
                .unwrap_or_else(|| "name the `id` of one of the pack's `[[principles]]`".into()),
        )
        .at_opt(at(principle.span)));
    }
    Ok(())
}
