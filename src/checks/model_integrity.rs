//! `model-integrity`: every reference resolves, no `parent` cycles, GEMMA names are exact and
//! normative, licences are SPDX. This rule alone reports unresolved references; suggestions
//! are made here, once per distinct unknown name.

use foldhash::{HashMap, HashMapExt};

use petgraph::algo::kosaraju_scc;
use petgraph::graph::NodeIndex;
use strum::{IntoStaticStr, VariantNames};

use super::{Check, Ctx, Issue, Report, Said};
use crate::graph::{EdgeKind, GemmaCaveat, Target, Unresolved};
use crate::model::{Elem, Field, Kind};
use crate::text::{Span, Suggester, closest, quoted_list, shorten, suggestion};

pub(super) const CHECK: Check = Check::of::<Broken>(run);

/// What an unknown reference was meant to name.
enum Meant {
    /// An element of this kind.
    Element(Kind),
    /// A waiver's target.
    Target,
    /// A waiver's target with no (known) kind word.
    TargetKind,
}

#[derive(IntoStaticStr, VariantNames)]
#[strum(serialize_all = "kebab-case")]
enum Broken {
    UnknownReference {
        meant: Meant,
        text: String,
        suggestions: Vec<String>,
    },
    UnknownGemmaName {
        what: &'static str,
        text: String,
        suggestions: Vec<String>,
    },
    GemmaNameCase {
        what: &'static str,
        text: String,
        right: String,
    },
    UnknownStandard {
        text: String,
        suggestions: Vec<String>,
    },
    UnknownBasisregistratie {
        text: String,
        suggestions: Vec<String>,
        known: String,
    },
    UnknownRule {
        text: String,
        suggestion: Option<String>,
    },
    ParentCycle {
        cycle: Vec<String>,
    },
    InvalidLicense {
        text: String,
        reason: String,
        suggestion: Option<String>,
    },
    AmbiguousGemmaName {
        text: String,
        candidates: Vec<(String, String, Option<String>)>,
    },
    NonNormativeComponent {
        text: String,
        suggestions: Vec<String>,
    },
    EndOfSupportComponent {
        text: String,
    },
    RepeatedEntry {
        text: String,
        times: usize,
        field: String,
    },
}

/// "did you mean …? " before a help sentence, or nothing.
fn hint(names: &[String]) -> String {
    suggestion(names).map_or_else(String::new, |s| format!("{s} "))
}

impl Issue for Broken {
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per variant, with its message, help and label, is the shape every rule has"
    )]
    fn say(&self, who: &str) -> Said {
        match self {
            Broken::UnknownReference {
                meant: Meant::Element(target),
                text,
                suggestions,
            } => Said::new(
                format!(
                    "{who} refers to the {} `{}`, which is not defined",
                    target.noun(),
                    shorten(text)
                ),
                format!(
                    "{}define it under `{}:` or correct the id",
                    hint(suggestions),
                    target.collection()
                ),
                "not defined",
            ),
            Broken::UnknownReference {
                meant: Meant::Target,
                text,
                suggestions,
            } => Said::new(
                format!("{who} targets `{}`, which is not defined", shorten(text)),
                format!(
                    "{}correct the target, or remove it if the element is gone",
                    hint(suggestions)
                ),
                "not defined",
            ),
            Broken::UnknownReference {
                meant: Meant::TargetKind,
                text,
                suggestions,
            } => Said::new(
                format!(
                    "{who} targets `{}`, which is not a `kind:id`",
                    shorten(text)
                ),
                format!(
                    "{}write a target as `kind:id` or `kind:*`, with kind one of {}",
                    hint(suggestions),
                    Kind::ALL.map(|k| format!("`{k}`")).join(", ")
                ),
                "not a `kind:id`",
            ),
            Broken::GemmaNameCase { what, text, right } => Said::new(
                format!(
                    "{who} names the {what} `{}` in another case than GEMMA's",
                    shorten(text)
                ),
                format!(
                    "it is read as `{right}`; write it so, as GEMMA does, so that tools that match names exactly (an export, the Softwarecatalogus) find it too"
                ),
                "wrong case",
            ),
            Broken::UnknownGemmaName {
                what,
                text,
                suggestions,
            } => Said::new(
                format!(
                    "{who} names the {what} `{}`, which GEMMA does not have",
                    shorten(text)
                ),
                format!(
                    "{}use the exact GEMMA name or its Object ID; GEMMA Online lists every {what}",
                    hint(suggestions)
                ),
                "not a GEMMA name",
            ),
            Broken::UnknownStandard { text, suggestions } => Said::new(
                format!(
                    "{who} implements `{}`, which is not in the standards catalogue",
                    shorten(text)
                ),
                format!(
                    "{}use the id or an alias of a standard in the catalogue (`gemmalint standards` lists them), or add the municipality's own standard under `standards:`",
                    hint(suggestions)
                ),
                "not in the catalogue",
            ),
            Broken::UnknownBasisregistratie {
                text,
                suggestions,
                known,
            } => Said::new(
                format!(
                    "{who} names the basisregistratie `{}`, which does not exist",
                    shorten(text)
                ),
                format!("{}the basisregistraties are {known}", hint(suggestions)),
                "not a basisregistratie",
            ),
            Broken::UnknownRule { text, suggestion } => Said::new(
                format!(
                    "{who} is for the rule `{}`, which does not exist",
                    shorten(text)
                ),
                format!(
                    "{}`gemmalint rules` lists the rules",
                    suggestion
                        .as_ref()
                        .map_or(String::new(), |s| format!("{s} "))
                ),
                "no such rule",
            ),
            Broken::ParentCycle { cycle } => Said::new(
                format!("the parents of {who} form a cycle: {}", cycle_text(cycle)),
                "an element cannot be its own ancestor: remove one `parent` from the cycle",
                "closes the cycle",
            ),
            Broken::InvalidLicense {
                text,
                reason,
                suggestion,
            } => Said::new(
                format!(
                    "the licence `{}` of {who} is not an SPDX expression: {reason}",
                    shorten(text)
                ),
                format!(
                    "{}write an SPDX licence expression (see https://spdx.org/licenses/), `proprietary`, `unknown` or `LicenseRef-…`",
                    suggestion
                        .as_ref()
                        .map_or(String::new(), |s| format!("did you mean `{s}`? "))
                ),
                "not SPDX",
            ),
            Broken::AmbiguousGemmaName { text, candidates } => Said::new(
                format!(
                    "{who} names `{}`, which is the name of {} different GEMMA elements",
                    shorten(text),
                    candidates.len()
                ),
                format!(
                    "use the Object ID of the one you mean (GEMMA Online shows each at https://www.gemmaonline.nl/index.php/GEMMA/id-<Object ID>): {}",
                    candidates
                        .iter()
                        .map(|(_, id, note)| match note {
                            Some(n) => format!("`{id}` ({n})"),
                            None => format!("`{id}`"),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "ambiguous",
            ),
            Broken::NonNormativeComponent { text, suggestions } => Said::new(
                format!(
                    "{who} realises `{}`, an illustrative GEMMA component that is not a referentiecomponent",
                    shorten(text)
                ),
                format!(
                    "it does not count as a referentiecomponent; name the normative component it stands for{}",
                    if suggestions.is_empty() {
                        String::new()
                    } else {
                        format!(", such as {}", quoted_list(suggestions))
                    }
                ),
                "not normative",
            ),
            Broken::EndOfSupportComponent { text } => Said::new(
                format!(
                    "{who} realises `{}`, a GEMMA component with status \"Einde ondersteuning\"",
                    shorten(text)
                ),
                "GEMMA no longer supports this component; map the application to its successor",
                "einde ondersteuning",
            ),
            Broken::RepeatedEntry { text, times, field } => Said::new(
                format!(
                    "{who} lists `{}` {} in `{field}`",
                    shorten(text),
                    if *times == 2 {
                        "twice".to_owned()
                    } else {
                        format!("{times} times")
                    }
                ),
                "keep one entry: a list names each value once (the others are ignored)",
                "again",
            ),
        }
    }

    fn key(&self) -> Option<String> {
        match self {
            Broken::UnknownReference { text, .. }
            | Broken::UnknownGemmaName { text, .. }
            | Broken::GemmaNameCase { text, .. }
            | Broken::UnknownStandard { text, .. }
            | Broken::AmbiguousGemmaName { text, .. }
            | Broken::NonNormativeComponent { text, .. }
            | Broken::EndOfSupportComponent { text }
            | Broken::RepeatedEntry { text, .. } => Some(text.clone()),
            _ => None,
        }
    }
}

/// Suggestions for unknown names: one index per kind of target, one answer per distinct name.
struct Suggestions<'c, 'a> {
    ctx: &'c Ctx<'a>,
    ids: HashMap<Kind, Suggester>,
    answers: HashMap<(Kind, String), Vec<String>>,
}

impl<'c, 'a> Suggestions<'c, 'a> {
    fn new(ctx: &'c Ctx<'a>) -> Self {
        Suggestions {
            ctx,
            ids: HashMap::new(),
            answers: HashMap::new(),
        }
    }

    /// The ids of a kind closest to an unknown one.
    fn ids(&mut self, kind: Kind, text: &str) -> Vec<String> {
        let key = (kind, text.to_owned());
        if let Some(found) = self.answers.get(&key) {
            return found.clone();
        }
        let model = self.ctx.model;
        let index = self
            .ids
            .entry(kind)
            .or_insert_with(|| Suggester::new(model.ids(kind)));
        let found: Vec<String> = index
            .closest(text, 3)
            .into_iter()
            .map(str::to_owned)
            .collect();
        self.answers.insert(key, found.clone());
        found
    }

    /// For an unresolved reference: what it might have meant.
    fn broken(&mut self, u: &Unresolved) -> Broken {
        let r = self.ctx.reference;
        let text = u.text.clone();
        match &u.target {
            Target::Element(kind) if u.element.kind == Kind::Waiver => {
                let id = text.split_once(':').map_or("", |(_, id)| id.trim());
                let suggestions = self
                    .ids(*kind, id)
                    .into_iter()
                    .map(|s| format!("{kind}:{s}"))
                    .collect();
                Broken::UnknownReference {
                    meant: Meant::Target,
                    text,
                    suggestions,
                }
            }
            Target::Element(kind) => Broken::UnknownReference {
                meant: Meant::Element(*kind),
                suggestions: self.ids(*kind, &text),
                text,
            },
            Target::KindWord => {
                let suggestions = match text.split_once(':') {
                    Some((word, id)) => closest(word, Kind::ALL.map(Kind::as_str), 2)
                        .into_iter()
                        .map(|k| format!("{k}:{id}"))
                        .collect(),
                    None => Vec::new(),
                };
                Broken::UnknownReference {
                    meant: Meant::TargetKind,
                    text,
                    suggestions,
                }
            }
            Target::GemmaComponent | Target::GemmaFunction | Target::GemmaObject => {
                let (index, what) = match u.target {
                    Target::GemmaComponent => (&r.component_names, "GEMMA component"),
                    Target::GemmaFunction => (&r.function_names, "GEMMA bedrijfsfunctie"),
                    _ => (&r.object_names, "GEMMA bedrijfsobject"),
                };
                let suggestions = index.suggest(&text);
                Broken::UnknownGemmaName {
                    what,
                    text,
                    suggestions,
                }
            }
            Target::Standard => Broken::UnknownStandard {
                text,
                suggestions: u.suggestions.clone(),
            },
            Target::Basisregistratie => {
                let codes = r.basisregistraties.iter().map(|b| b.code.as_str());
                Broken::UnknownBasisregistratie {
                    suggestions: closest(&text, codes, 3)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                    text,
                    known: r
                        .basisregistraties
                        .iter()
                        .filter(|b| b.in_stelsel)
                        .map(|b| format!("`{}` ({})", b.code, b.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            }
        }
    }
}

fn run(ctx: &Ctx, report: &mut Report) {
    for kind in Kind::ALL {
        for me in ctx.model.elems(kind) {
            report.examined(me);
        }
    }
    let mut suggestions = Suggestions::new(ctx);
    for u in &ctx.graph.unresolved {
        let issue = suggestions.broken(u);
        report.add(issue, u.element, u.field.clone(), u.loc);
    }
    for note in &ctx.graph.gemma_notes {
        let text = note.text.clone();
        let issue = match &note.caveat {
            GemmaCaveat::Ambiguous(candidates) => Broken::AmbiguousGemmaName {
                text,
                candidates: candidates.clone(),
            },
            GemmaCaveat::NonNormative(suggestions) => Broken::NonNormativeComponent {
                text,
                suggestions: suggestions.clone(),
            },
            GemmaCaveat::EndOfSupport => Broken::EndOfSupportComponent { text },
            GemmaCaveat::WrongCase { what, right } => Broken::GemmaNameCase {
                what,
                text,
                right: right.clone(),
            },
        };
        report.add(issue, note.element, note.field, note.loc);
    }
    for r in &ctx.graph.repeated {
        let issue = Broken::RepeatedEntry {
            text: r.text.clone(),
            times: r.times,
            field: r.field.to_string(),
        };
        report
            .add(issue, r.element, r.field.clone(), r.again)
            .related(r.first, "first here");
    }
    parent_cycles(ctx, report);
    waiver_rules(ctx, report);
    licences(ctx, report);
}

/// The cycle from its first member back to it; a long one by its first ten and a count.
fn cycle_text(cycle: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut parts: Vec<String> = cycle
        .iter()
        .take(SHOWN)
        .map(|id| format!("`{id}`"))
        .collect();
    if cycle.len() > SHOWN + 2 {
        parts.push(format!("… {} more", cycle.len() - SHOWN));
    } else {
        parts.extend(cycle.iter().skip(SHOWN).map(|id| format!("`{id}`")));
    }
    parts.push(format!("`{}`", cycle[0]));
    parts.join(" → ")
}

fn parent_cycles(ctx: &Ctx, report: &mut Report) {
    // Only owners and business functions have parents: look at those nodes alone.
    let mut parents: petgraph::graph::DiGraph<NodeIndex, ()> = petgraph::graph::DiGraph::new();
    let mut small: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut node = |g: &mut petgraph::graph::DiGraph<NodeIndex, ()>, n: NodeIndex| {
        *small.entry(n).or_insert_with(|| g.add_node(n))
    };
    for kind in [Kind::Owner, Kind::BusinessFunction] {
        for me in ctx.model.elems(kind) {
            let n = ctx.graph.node_of(me);
            for (t, e) in ctx.graph.out(n) {
                if matches!(e.kind, EdgeKind::PartOf) {
                    let (a, b) = (node(&mut parents, n), node(&mut parents, t));
                    parents.add_edge(a, b, ());
                }
            }
        }
    }
    // Kosaraju's walk keeps its own stack: a chain of 30,000 parents must not overflow a thread's.
    for scc in kosaraju_scc(&parents) {
        let is_cycle = scc.len() > 1 || parents.contains_edge(scc[0], scc[0]);
        if !is_cycle {
            continue;
        }
        let members: foldhash::HashSet<NodeIndex> = scc.into_iter().map(|s| parents[s]).collect();
        let id = |n: NodeIndex| ctx.graph.elem(n).map_or("", |e| ctx.model.id(e));
        // Walk the cycle from its smallest id, so the message is the same every run.
        let start = *members
            .iter()
            .min_by_key(|&&n| id(n))
            .expect("a cycle has members");
        let Some(first) = ctx.graph.elem(start) else {
            continue;
        };
        let mut cycle = Vec::new();
        let mut at = start;
        let mut edge_loc = None;
        while ctx.graph.elem(at).is_some() {
            cycle.push(id(at).to_owned());
            let Some((next, edge)) = ctx
                .graph
                .out(at)
                .find(|(t, e)| matches!(e.kind, EdgeKind::PartOf) && members.contains(t))
            else {
                break;
            };
            if edge_loc.is_none() {
                edge_loc = Some(edge.loc);
            }
            at = next;
            if at == start || cycle.len() > members.len() {
                break;
            }
        }
        let loc = edge_loc.unwrap_or_else(|| ctx.model.loc(first));
        report.add(Broken::ParentCycle { cycle }, first, Field::Parent, loc);
    }
}

fn waiver_rules(ctx: &Ctx, report: &mut Report) {
    for (i, w) in ctx.model.waivers.iter().enumerate() {
        let rule = &w.body.rule;
        if ctx.registry.card(&rule.value).is_none() {
            let issue = Broken::UnknownRule {
                text: rule.value.clone(),
                suggestion: ctx.registry.suggest_rule(&rule.value),
            };
            let me = Elem::new(Kind::Waiver, i);
            report.add(issue, me, Field::Rule, w.at(rule.span));
        }
    }
}

/// The SPDX expression a licence written loosely was probably meant to be.
fn licence_suggestion(text: &str) -> Option<String> {
    // `Proprietary` → `proprietary`: the words gemmalint reads are lowercase.
    if let Some(word) = super::open_source_unless::LICENCE_WORDS
        .iter()
        .find(|w| w.eq_ignore_ascii_case(text))
    {
        return Some((*word).to_owned());
    }
    // `EUPL 1.2` → `EUPL-1.2`
    let joined = text.split_whitespace().collect::<Vec<_>>().join("-");
    if let Some(id) = spdx::license_id(&joined) {
        return Some(id.name.to_owned());
    }
    // `Apache 2.0 or MIT` → `Apache-2.0 OR MIT`, through spdx's lax reading
    if spdx::Expression::parse_mode(text, spdx::ParseMode::LAX).is_ok() {
        let words: Vec<String> = text
            .split_whitespace()
            .map(|word| match word.to_uppercase().as_str() {
                op @ ("AND" | "OR" | "WITH") => op.to_owned(),
                _ => spdx::imprecise_license_id(word.trim_end_matches('+'))
                    .map_or_else(|| word.to_owned(), |(id, _)| id.name.to_owned()),
            })
            .collect();
        let candidate = words.join(" ");
        if candidate != text && spdx::Expression::parse(&candidate).is_ok() {
            return Some(candidate);
        }
    }
    spdx::imprecise_license_id(text).map(|(id, _)| id.name.to_owned())
}

fn licences(ctx: &Ctx, report: &mut Report) {
    for (i, app) in ctx.model.applications.iter().enumerate() {
        let Some(licence) = &app.body.license else {
            continue;
        };
        let text = licence.value.trim();
        if super::open_source_unless::LICENCE_WORDS.contains(&text) {
            continue;
        }
        if let Err(e) = spdx::Expression::parse(text) {
            // Point at the offending token inside the value (after an opening quote).
            let raw = ctx.sources.get(app.file).slice(licence.span);
            let quote = usize::from(raw.starts_with('"') || raw.starts_with('\''));
            let lead = raw.len() - raw.trim_start_matches(['"', '\'']).trim_start().len();
            let start = licence.span.start as usize + lead.max(quote) + e.span.start;
            let len = e.span.end.saturating_sub(e.span.start).max(1);
            let span = if start + len <= licence.span.end() {
                Span::new(start, len)
            } else {
                licence.span
            };
            let issue = Broken::InvalidLicense {
                text: text.to_owned(),
                reason: e.reason.to_string(),
                suggestion: licence_suggestion(text),
            };
            let me = Elem::new(Kind::Application, i);
            report.add(issue, me, Field::License, app.at(span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::licence_suggestion;

    #[test]
    fn a_licence_written_nearly_right_gets_its_spelling() {
        assert_eq!(
            licence_suggestion("Proprietary").as_deref(),
            Some("proprietary")
        );
        assert_eq!(licence_suggestion("UNKNOWN").as_deref(), Some("unknown"));
        assert_eq!(licence_suggestion("EUPL 1.2").as_deref(), Some("EUPL-1.2"));
    }
}
