//! Declarative field rules: a pack's own rules, without Rust. On elements of a kind that match
//! a `where`, require fields to be present, to have certain values, or standards to be
//! implemented. Each gets a card like a built-in rule, so `rules`, `explain` and waivers work.

use serde::Deserialize;

use crate::checks::{Ctx, Issue, Report, implements};
use crate::finding::Severity;
use crate::model::{ElementRef, Kind};
use crate::problem::{Problem, did_you_mean};
use crate::reference::StandardRef;
use crate::registry::{Card, Docs, Variant};
use crate::selector::{Facts, Selector};
use crate::source::{FileId, Loc};
use crate::tree::{Node, Sp, shorten};

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

/// A field rule ready to run.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub rule: FieldRule,
    pub selector: Selector,
    /// `require.values`, read: (field, allowed values).
    pub values: Vec<(Sp<String>, Node)>,
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
    /// Checks a pack's field rule against the rules already known; problems point into the pack.
    pub fn compile(
        rule: &FieldRule,
        pack: &str,
        file: Option<FileId>,
        known_rules: &[&str],
        principles: &[&str],
    ) -> Result<Compiled, Problem> {
        let at = |p: Problem, span: crate::source::Span| match file {
            Some(f) => p.at(Loc::new(f, span)),
            None => p,
        };
        if !crate::tree::is_id(&rule.id.value) {
            return Err(at(
                Problem::new(format!(
                    "`{}` is not a valid rule id",
                    shorten(&rule.id.value)
                ))
                .help("rule ids are lowercase kebab-case"),
                rule.id.span,
            ));
        }
        if known_rules.contains(&rule.id.value.as_str()) {
            return Err(at(
                Problem::new(format!(
                    "the pack `{pack}` defines the rule `{}`, which already exists",
                    rule.id.value
                ))
                .help("give the field rule an id of its own"),
                rule.id.span,
            ));
        }
        if let Some(principle) = &rule.principle
            && !principles.contains(&principle.value.as_str())
        {
            return Err(at(
                Problem::new(format!(
                    "the pack `{pack}` has no principle `{}`",
                    shorten(&principle.value)
                ))
                .help(
                    did_you_mean(&principle.value, principles.iter().copied()).unwrap_or_else(
                        || "name the `id` of one of the pack's `[[principles]]`".into(),
                    ),
                ),
                principle.span,
            ));
        }
        let selector = Selector::from_parts(
            &rule.kind,
            rule.condition.as_ref(),
            file.unwrap_or(FileId(0)),
        )?;
        if let Some(values) = &rule.require.values
            && values.as_map().is_none()
        {
            return Err(at(
                Problem::new("`require.values` maps fields to the values they must have")
                    .help("write `values = { hosting = [\"saas\", \"cloud\"] }`"),
                values.span,
            ));
        }
        if let Some(first) = rule.require.standards.first()
            && !matches!(selector.kind, Kind::Application | Kind::Interface)
        {
            return Err(at(
                Problem::new(format!(
                    "the field rule `{}` requires standards of {}s, which do not implement standards",
                    rule.id.value,
                    selector.kind.noun()
                ))
                .help("only applications and interfaces list `standards:`; select one of those kinds"),
                first.span,
            ));
        }
        let values = rule.require.values();
        if rule.require.fields.is_empty() && values.is_empty() && rule.require.standards.is_empty()
        {
            return Err(at(
                Problem::new(format!(
                    "the field rule `{}` requires nothing, so it can never fire",
                    rule.id.value
                ))
                .help("give `require` its `fields`, `values` or `standards`"),
                rule.id.span,
            ));
        }
        let file_id = file.unwrap_or(FileId(0));
        let unplaced = |p: Problem| {
            if file.is_none() {
                Problem { loc: None, ..p }
            } else {
                p
            }
        };
        for path in &rule.require.fields {
            let steps: Vec<String> = path.value.split('.').map(str::to_owned).collect();
            crate::selector::check_field_path(selector.kind, &steps, &path_node(path), file_id)
                .map_err(unplaced)?;
        }
        for (path, wanted) in &values {
            let steps: Vec<String> = path.value.split('.').map(str::to_owned).collect();
            let field =
                crate::selector::check_field_path(selector.kind, &steps, &path_node(path), file_id)
                    .map_err(unplaced)?;
            crate::selector::check_value(&field, &path.value, wanted, file_id).map_err(unplaced)?;
        }
        Ok(Compiled {
            rule: rule.clone(),
            selector,
            values,
        })
    }

    /// The card `rules` and `explain` show for it.
    pub fn card(&self, pack: &str) -> Card {
        let r = &self.rule;
        let mut what = Vec::new();
        if !r.require.fields.is_empty() {
            what.push(format!(
                "have {}",
                r.require
                    .fields
                    .iter()
                    .map(|f| format!("`{}`", f.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for (field, value) in &self.values {
            what.push(format!(
                "have `{}` set to {}",
                field.value,
                values_words(value)
            ));
        }
        if !r.require.standards.is_empty() {
            what.push(format!(
                "implement {}",
                r.require
                    .standards
                    .iter()
                    .map(|s| format!("`{}`", s.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let what = format!(
            "{} must {}.",
            capitalise(&self.selector.describe()),
            what.join("; ")
        );
        // Only the variants this rule's requirements can produce.
        let variants = [
            (
                !r.require.fields.is_empty(),
                "missing-field",
                "a required field is missing or empty",
            ),
            (
                !self.values.is_empty(),
                "wrong-value",
                "a field does not have a required value",
            ),
            (
                !r.require.standards.is_empty(),
                "missing-standard",
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
            summary: what.clone(),
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

    /// Runs the rule: one finding per unmet requirement per selected element.
    pub fn run(&self, ctx: &Ctx, facts: &Facts, report: &mut Report) {
        let kind = self.selector.kind;
        let count = ctx.model.ids(kind).len();
        let standards: Vec<(String, Option<StandardRef>)> = self
            .rule
            .require
            .standards
            .iter()
            .map(|s| {
                let found = crate::graph::resolve_standard(ctx.reference, ctx.model, &s.value);
                (s.value.clone(), found)
            })
            .collect();
        for i in 0..count {
            let in_scope = match kind {
                Kind::Application => {
                    let a = &ctx.model.applications[i];
                    !crate::checks::is_external(a)
                        && !crate::graph::is_retired(a.body.lifecycle.as_ref())
                }
                Kind::Interface => crate::checks::interface_in_scope(ctx, i),
                _ => true,
            };
            if !in_scope || !self.selector.matches(facts, i) {
                continue;
            }
            let (loc, id, _) = ctx.model.describe(kind, i);
            let element = ElementRef::new(kind, id);
            let who = || ctx.name(kind, i);
            for field in &self.rule.require.fields {
                let path: Vec<String> = field.value.split('.').map(str::to_owned).collect();
                let value = facts.value(kind, i, &path);
                let empty = match &value {
                    serde_json::Value::Null => true,
                    serde_json::Value::String(s) => s.trim().is_empty(),
                    serde_json::Value::Array(a) => a.is_empty(),
                    serde_json::Value::Object(o) => o.is_empty(),
                    _ => false,
                };
                if empty {
                    report.add(
                        &Unmet::Field {
                            who: who(),
                            field: field.value.clone(),
                            title: self.rule.title.clone(),
                        },
                        element.clone(),
                        field.value.clone(),
                        Some(loc),
                    );
                }
            }
            for (field, wanted) in &self.values {
                let path: Vec<String> = field.value.split('.').map(str::to_owned).collect();
                let value = facts.value(kind, i, &path);
                let allowed: Vec<serde_json::Value> = match &wanted.value {
                    crate::tree::Value::Seq(items) => items.iter().map(Node::to_json).collect(),
                    _ => vec![wanted.to_json()],
                };
                if !allowed.iter().any(|a| crate::selector::equals(&value, a)) {
                    report.add(
                        &Unmet::Value {
                            who: who(),
                            field: field.value.clone(),
                            have: value_words(&value),
                            wanted: values_words(wanted),
                            title: self.rule.title.clone(),
                        },
                        element.clone(),
                        field.value.clone(),
                        Some(loc),
                    );
                }
            }
            for (written, found) in &standards {
                let ok = match found {
                    Some(StandardRef::Catalogue(k)) => implements(ctx, kind, i, *k),
                    Some(StandardRef::Local(j)) => {
                        // A standard of the model's own is its element's node.
                        let n = ctx.graph.node(kind, i);
                        let standard = ctx.graph.node(Kind::Standard, *j);
                        ctx.graph.out(n).any(|(s, e)| {
                            s == standard && matches!(e.kind, crate::graph::EdgeKind::Implements)
                        })
                    }
                    None => false,
                };
                if !ok {
                    report.add(
                        &Unmet::Standard {
                            who: who(),
                            standard: written.clone(),
                            title: self.rule.title.clone(),
                        },
                        element.clone(),
                        "standards",
                        Some(loc),
                    );
                }
            }
        }
    }
}

/// A written path as a node, so a problem about it points at it.
fn path_node(path: &Sp<String>) -> Node {
    Node {
        span: path.span,
        value: crate::tree::Value::Str(path.value.clone()),
    }
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn value_words(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "no value".into(),
        serde_json::Value::String(s) => format!("`{}`", shorten(s)),
        other => format!("`{other}`"),
    }
}

fn values_words(node: &Node) -> String {
    match &node.value {
        crate::tree::Value::Seq(items) => items
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

enum Unmet {
    Field {
        who: String,
        field: String,
        title: String,
    },
    Value {
        who: String,
        field: String,
        have: String,
        wanted: String,
        title: String,
    },
    Standard {
        who: String,
        standard: String,
        title: String,
    },
}

impl Issue for Unmet {
    fn variant(&self) -> &'static str {
        match self {
            Unmet::Field { .. } => "missing-field",
            Unmet::Value { .. } => "wrong-value",
            Unmet::Standard { .. } => "missing-standard",
        }
    }
    fn discriminator(&self) -> Option<String> {
        Some(match self {
            Unmet::Field { field, .. } | Unmet::Value { field, .. } => field.clone(),
            Unmet::Standard { standard, .. } => standard.clone(),
        })
    }
    fn message(&self) -> String {
        match self {
            Unmet::Field { who, field, title } => format!("{who} has no `{field}` ({title})"),
            Unmet::Value {
                who,
                field,
                have,
                wanted,
                title,
            } => format!("{who} has {have} for `{field}`; it must be {wanted} ({title})"),
            Unmet::Standard {
                who,
                standard,
                title,
            } => format!("{who} does not implement `{standard}` ({title})"),
        }
    }
    fn help(&self) -> String {
        match self {
            Unmet::Field { field, .. } => {
                format!("add `{field}:`, or explain the deviation with a waiver for this rule")
            }
            Unmet::Value { field, wanted, .. } => format!(
                "set `{field}` to {wanted}, or explain the deviation with a waiver for this rule"
            ),
            Unmet::Standard { standard, .. } => format!(
                "add `{standard}` to `standards:`, or explain the deviation with a waiver for this rule"
            ),
        }
    }
    fn label(&self) -> Option<String> {
        Some(match self {
            Unmet::Field { field, .. } => format!("no `{field}`"),
            Unmet::Value { field, .. } => format!("`{field}` not as required"),
            Unmet::Standard { standard, .. } => format!("no `{standard}`"),
        })
    }
}
