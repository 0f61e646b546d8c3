//! `gemmalint.toml`: what the user wrote (with spans) → a validated configuration. Found by
//! walking up from the first path (or the working directory) to the first directory holding
//! `.git`; every problem in it is collected.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use std::collections::BTreeSet;

use super::{BUILTIN_PACKS, DEFAULT_PACKS, Level, Pack, Registry, RuleSetting};
use crate::model::{Date, FileCheck, display_path, lexical};
use crate::syntax::{self, IdMap, OneOrMany, Sp};
use crate::text::{FileId, Language, Loc, Problem, Sources, did_you_mean, shorten};

pub const CONFIG_FILE: &str = "gemmalint.toml";
/// Days before a waiver's expiry when it is reported as expiring.
pub const DEFAULT_EXPIRY_WARNING_DAYS: i64 = 90;

/// The configuration file as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Paths to load (model files or directories), relative to this file. Default: `landscape`.
    #[serde(default)]
    pub model: OneOrMany<Sp<String>>,
    /// Globs of files to leave out, relative to this file (`landscape/archief/**`).
    #[serde(default)]
    pub exclude: OneOrMany<Sp<String>>,
    /// Policy packs, in order: a built-in name (`gemma`, `nijmegen-2020-2024`) or a path to your own pack file.
    pub packs: Option<OneOrMany<Sp<String>>>,
    /// The date all date logic uses (YYYY-MM-DD); default: today's local date.
    pub today: Option<Sp<Date>>,
    /// A baseline file (`gemmalint baseline -o FILE`), relative to this file: `check` and the
    /// reports apply it, so the CI jobs and hooks need no `--baseline`; `--baseline FILE`
    /// names another.
    pub baseline: Option<Sp<String>>,
    /// Severity per rule: `"error"`, `"warning"`, `"info"` or `"off"`, or a table per variant with `default`.
    #[serde(default)]
    pub rules: IdMap<RuleSetting>,
    #[serde(default)]
    pub waivers: WaiverSettings,
    #[serde(default)]
    pub models: ModelSettings,
}

/// Reference models of the municipality's own, next to the shipped ones.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelSettings {
    /// Standards catalogue files (the format of `models/standards.yaml`), relative to this file:
    /// their standards are added to the shipped catalogue, and one with the id of a shipped
    /// standard replaces it (to record a newer status, say).
    #[serde(default)]
    pub standards: OneOrMany<Sp<String>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiverSettings {
    /// Report a waiver as expiring this many days before it expires (default 90).
    pub expiry_warning_days: Option<Sp<u32>>,
}

impl JsonSchema for RuleSetting {
    fn schema_name() -> Cow<'static, str> {
        "RuleSetting".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let level = generator.subschema_for::<Level>();
        json_schema!({
            "description": "A level for every variant of the rule, or a table: `default` and levels per variant.",
            "anyOf": [level, { "type": "object", "additionalProperties": level }]
        })
    }
}

/// A top-level entry of the config.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConfigKey {
    Model,
    Exclude,
    Packs,
    Today,
    Baseline,
    Rules,
    Waivers,
    Models,
}

impl ConfigKey {
    fn parse(word: &str) -> Option<ConfigKey> {
        Some(match word {
            "model" => ConfigKey::Model,
            "exclude" => ConfigKey::Exclude,
            "packs" => ConfigKey::Packs,
            "today" => ConfigKey::Today,
            "baseline" => ConfigKey::Baseline,
            "rules" => ConfigKey::Rules,
            "waivers" => ConfigKey::Waivers,
            "models" => ConfigKey::Models,
            _ => return None,
        })
    }
}

/// Where the config comes from.
#[derive(Clone, Debug)]
pub enum ConfigChoice {
    /// Walk up from the first path (or the working directory).
    Search,
    File(PathBuf),
    None,
}

/// The validated configuration.
#[derive(Debug)]
pub struct Config {
    /// The config file, when there is one.
    pub file: Option<FileId>,
    /// The model root: the config's directory, else the working directory.
    pub root: PathBuf,
    /// Model paths from the config, resolved against the root.
    pub model: Vec<PathBuf>,
    pub exclude: Vec<String>,
    pub packs: Vec<Sp<String>>,
    pub today: Option<Date>,
    /// The config's `baseline`, inside the root (whether it exists is asked when it is used:
    /// `gemmalint baseline` writes it), with where the config names it.
    pub baseline: Option<(PathBuf, Sp<String>)>,
    pub rules: IdMap<RuleSetting>,
    pub expiry_warning_days: i64,
    /// Extra standards catalogue files, with where the config names them.
    pub standards_files: Vec<(std::path::PathBuf, Sp<String>)>,
    /// The top-level entries that could not be read (their defaults stand in).
    pub failed: BTreeSet<ConfigKey>,
}

/// The nearest `gemmalint.toml` at or above `start`, not above the first directory holding `.git`.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    up_to_repository(start)
        .dirs
        .iter()
        .map(|d| d.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

/// The directories from `start` (a directory, or a file's directory) upwards, up to and
/// including the first that holds `.git`, which is the repository's root.
pub struct Upwards {
    pub dirs: Vec<PathBuf>,
    pub repository: Option<PathBuf>,
}

pub fn up_to_repository(start: &Path) -> Upwards {
    let start = lexical(start);
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    let mut dirs = Vec::new();
    while let Some(d) = dir {
        dirs.push(d.to_path_buf());
        if d.join(".git").exists() {
            return Upwards {
                dirs,
                repository: Some(d.to_path_buf()),
            };
        }
        dir = d.parent();
    }
    Upwards {
        dirs,
        repository: None,
    }
}

/// Reads and validates the configuration. Problems are collected, and the defaults stand in
/// for whatever could not be read.
pub fn load(
    choice: &ConfigChoice,
    start: &Path,
    cwd: &Path,
    sources: &mut Sources,
) -> (Config, Vec<Problem>) {
    let mut problems = Vec::new();
    let config = read(choice, start, cwd, sources, &mut problems);
    (config, problems)
}

fn read(
    choice: &ConfigChoice,
    start: &Path,
    cwd: &Path,
    sources: &mut Sources,
    problems: &mut Vec<Problem>,
) -> Config {
    let path = match choice {
        ConfigChoice::None => None,
        ConfigChoice::File(p) => {
            let p = if p.is_absolute() {
                p.clone()
            } else {
                cwd.join(p)
            };
            if !p.is_file() {
                problems.push(
                    Problem::new(format!("the config file `{}` does not exist", p.display()))
                        .help("give the path of a gemmalint.toml, or leave out --config to search for one"),
                );
                None
            } else {
                Some(p)
            }
        }
        ConfigChoice::Search => find_config(start),
    };
    let Some(path) = path else {
        return Config::defaults(cwd.to_path_buf());
    };
    let root = lexical(path.parent().unwrap_or(cwd));
    let shown = display_path(&path, &root);
    let mut config = Config::defaults(root.clone());
    let (id, text) = match sources.read(&path, shown, Language::Toml) {
        Ok(read) => read,
        Err(p) => {
            problems.push(p);
            return config;
        }
    };
    config.file = Some(id);
    let node = match syntax::parse_toml(&text) {
        Ok(node) => node,
        Err(e) => {
            problems.push(
                Problem::new(e.message)
                    .at(Loc::new(id, e.span))
                    .help("fix the TOML syntax of the config"),
            );
            return config;
        }
    };
    let Some(written) = read_config_file(&node, &text, id, problems, &mut config.failed) else {
        return config;
    };
    apply(written, &mut config, id, &text, problems);
    config
}

/// What the config file says, checked and resolved against the root.
fn apply(
    written: ConfigFile,
    config: &mut Config,
    id: FileId,
    text: &str,
    problems: &mut Vec<Problem>,
) {
    let (model, model_problems) = model_paths(&written.model, &config.root, id, text);
    if !model_problems.is_empty() {
        // Nothing of a `model` with a bad path is read: not the other paths, not `landscape`.
        config.failed.insert(ConfigKey::Model);
    }
    problems.extend(model_problems);
    config.model = model;
    let exclude_problems = exclude_patterns(&written.exclude, &config.root, id);
    if !exclude_problems.is_empty() {
        config.failed.insert(ConfigKey::Exclude);
    }
    problems.extend(exclude_problems);
    config.exclude = written.exclude.iter().map(|e| e.value.clone()).collect();
    if let Some(packs) = written.packs {
        config.packs = packs.0;
    }
    config.today = written.today.map(|t| t.value);
    if let Some(b) = written.baseline {
        match crate::model::locate(&config.root, &b.value) {
            FileCheck::Outside => {
                config.failed.insert(ConfigKey::Baseline);
                problems.push(outside_root("the baseline", &b, id));
            }
            _ => config.baseline = Some((config.root.join(&b.value), b)),
        }
    }
    config.rules = written.rules;
    for s in &written.models.standards {
        match crate::model::locate(&config.root, &s.value) {
            FileCheck::Outside => {
                config.failed.insert(ConfigKey::Models);
                problems.push(outside_root("the standards catalogue", s, id));
            }
            _ => config
                .standards_files
                .push((config.root.join(&s.value), s.clone())),
        }
    }
    if let Some(days) = written.waivers.expiry_warning_days {
        config.expiry_warning_days = i64::from(days.value);
    }
}

/// A file the config names (`what`) that lies outside the model root: never read.
fn outside_root(what: &str, written: &Sp<String>, file: FileId) -> Problem {
    Problem::new(format!(
        "config: {what} `{}` lies outside the model root, so it is not read",
        shorten(&written.value)
    ))
    .at(Loc::new(file, written.span))
    .help(format!(
        "keep {what} in the repository, under the directory of gemmalint.toml"
    ))
}

/// The config's `model` paths, each inside the model root and there; the others are problems
/// at the value, and are never opened.
fn model_paths(
    written: &[Sp<String>],
    root: &Path,
    file: FileId,
    text: &str,
) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    for m in written {
        let at = |p: Problem| p.at(Loc::new(file, m.span));
        // TOML quotes every string: `model = 5` is a number, not a path.
        let quoted = text
            .get(m.span.start as usize..)
            .is_some_and(|t| t.starts_with('"') || t.starts_with('\''));
        if !quoted {
            problems.push(at(Problem::new(format!(
                "config: expected a path (a quoted string) for `model`, found `{}`",
                shorten(&m.value)
            ))
            .help(
                "write `model = [\"landscape\"]`: paths relative to gemmalint.toml, in quotes",
            )));
            continue;
        }
        match crate::model::locate(root, &m.value) {
            FileCheck::Inside(real) => paths.push(real),
            FileCheck::Outside => problems.push(at(Problem::new(format!(
                "config: the model path `{}` lies outside the model root, so it is not read",
                shorten(&m.value)
            ))
            .help("`model` names paths under the directory of gemmalint.toml; to check a landscape elsewhere, give its path on the command line (`gemmalint check PATH`)"))),
            FileCheck::Missing => {
                let names: Vec<String> = std::fs::read_dir(root)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| !n.starts_with('.'))
                    .collect();
                let help = did_you_mean(&m.value, names.iter().map(String::as_str))
                    .map_or_else(
                        || "give a model file or a directory of model files, relative to gemmalint.toml".to_owned(),
                        |dym| format!("{dym} Paths are relative to gemmalint.toml"),
                    );
                problems.push(at(Problem::new(format!(
                    "config: the model path `{}` does not exist",
                    shorten(&m.value)
                ))
                .help(help)));
            }
        }
    }
    (paths, problems)
}

/// The config's `exclude` globs: valid, under the root, and not a negation (which would read
/// files back in that `exclude` cannot name).
fn exclude_patterns(written: &[Sp<String>], root: &Path, file: FileId) -> Vec<Problem> {
    let mut problems = Vec::new();
    for e in written {
        let at = |p: Problem| p.at(Loc::new(file, e.span));
        let glob = e.value.trim();
        if glob.starts_with('!') {
            problems.push(at(Problem::new(format!(
                "config: the exclude pattern `{}` starts with `!`, which excludes nothing",
                shorten(glob)
            ))
            .help("`exclude` lists only what to leave out: remove the `!`, or narrow another pattern so it no longer covers these files")));
            continue;
        }
        if glob.is_empty() || Path::new(glob).has_root() || glob.starts_with("../") {
            problems.push(at(Problem::new(format!(
                "config: the exclude pattern `{}` is not a path under the model root",
                shorten(glob)
            ))
            .help("write globs relative to gemmalint.toml (`landscape/archief/**`)")));
            continue;
        }
        let mut builder = ignore::overrides::OverrideBuilder::new(root);
        if let Err(err) = builder.add(&format!("!{glob}")) {
            problems.push(at(Problem::new(format!(
                "config: the exclude pattern `{}` is not a valid glob: {err}",
                shorten(glob)
            ))
            .help(
                "`*` matches within a directory, `**` across directories, `?` one character",
            )));
        }
    }
    problems
}

/// The `[rules]` entry without its bad settings, each of which is reported (in place of the
/// table's one problem, last in `problems`); `None` when the entry is not such a table.
fn rules_one_by_one(
    entry: &(syntax::Node, syntax::Node),
    text: &str,
    problems: &mut Vec<Problem>,
    problem: &dyn Fn(syntax::DeError) -> Problem,
) -> Option<(syntax::Node, syntax::Node)> {
    let (key, table) = entry;
    let settings = table.as_map().filter(|_| key.as_str() == Some("rules"))?;
    let first = problems.pop().expect("the table's problem was just pushed");
    let mut kept = Vec::new();
    for setting in settings {
        let alone = syntax::Node {
            span: table.span,
            value: syntax::Value::Map(vec![(
                key.clone(),
                syntax::Node {
                    span: table.span,
                    value: syntax::Value::Map(vec![setting.clone()]),
                },
            )]),
        };
        match syntax::from_node::<ConfigFile>(&alone, text, None) {
            Ok(_) => kept.push(setting.clone()),
            Err(e) => problems.push(problem(e)),
        }
    }
    // Should no setting be wrong alone, the table as a whole is.
    if kept.len() == settings.len() {
        problems.push(first);
        return None;
    }
    let table = syntax::Node {
        span: table.span,
        value: syntax::Value::Map(kept),
    };
    Some((key.clone(), table))
}

/// Reads the config as written, reporting every top-level entry's first problem, not only the
/// file's first: each entry is read on its own, then the entries without problems together.
fn read_config_file(
    node: &syntax::Node,
    text: &str,
    id: FileId,
    problems: &mut Vec<Problem>,
    failed: &mut BTreeSet<ConfigKey>,
) -> Option<ConfigFile> {
    let problem = |e: syntax::DeError| {
        let mut p = Problem::new(format!("config: {}", e.message)).help_opt(e.help);
        if let Some(span) = e.span {
            p = p.at(Loc::new(id, span));
        }
        p
    };
    let Some(entries) = node.as_map() else {
        return syntax::from_node(node, text, None)
            .map_err(|e| problems.push(problem(e)))
            .ok();
    };
    let mut good = Vec::with_capacity(entries.len());
    for entry in entries {
        let alone = syntax::Node {
            span: node.span,
            value: syntax::Value::Map(vec![entry.clone()]),
        };
        match syntax::from_node::<ConfigFile>(&alone, text, None) {
            Ok(_) => good.push(entry.clone()),
            Err(e) => {
                problems.push(problem(e));
                failed.extend(ConfigKey::parse(&entry.0.key_text()));
                // `[rules]` with one bad setting: the others are read (and their problems
                // said) all the same, so one run reports every bad setting.
                if let Some(kept) = rules_one_by_one(entry, text, problems, &problem) {
                    good.push(kept);
                }
            }
        }
    }
    let together = syntax::Node {
        span: node.span,
        value: syntax::Value::Map(good),
    };
    // With problems, the good entries still count: the model they name loads and is checked
    // for problems of its own (no rule runs).
    match syntax::from_node(&together, text, None) {
        Ok(c) => Some(c),
        Err(e) => {
            problems.push(problem(e));
            None
        }
    }
}

impl Config {
    fn defaults(root: PathBuf) -> Config {
        Config {
            file: None,
            root,
            model: Vec::new(),
            exclude: Vec::new(),
            packs: DEFAULT_PACKS
                .iter()
                .map(|p| Sp::new((*p).to_owned(), Default::default()))
                .collect(),
            today: None,
            baseline: None,
            rules: IdMap::default(),
            expiry_warning_days: DEFAULT_EXPIRY_WARNING_DAYS,
            standards_files: Vec::new(),
            failed: BTreeSet::new(),
        }
    }

    /// The packs the config selects: built-in ones by name, the user's own by path.
    pub fn select_packs(
        &self,
        registry: &mut Registry,
        sources: &mut Sources,
    ) -> (Vec<String>, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut selected = Vec::new();
        for name in &self.packs {
            let at = |p: Problem| match self.file {
                Some(f) if name.span.len > 0 => p.at(Loc::new(f, name.span)),
                _ => p,
            };
            let looks_like_path = name.value.contains('/') || name.value.ends_with(".toml");
            if !looks_like_path {
                if registry.pack(&name.value).is_some() {
                    selected.push(name.value.clone());
                } else {
                    let builtin = BUILTIN_PACKS.iter().map(|(n, _)| *n);
                    problems.push(at(Problem::new(format!("unknown pack `{}`", shorten(&name.value)))
                        .help(did_you_mean(&name.value, builtin).unwrap_or_else(|| {
                            format!(
                                "the built-in packs are {}; your own pack is named by its path (`packs/eigen.toml`)",
                                BUILTIN_PACKS.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                            )
                        }))));
                }
                continue;
            }
            let path = match crate::model::inside_root_file(&self.root, &name.value) {
                FileCheck::Inside(path) => path,
                FileCheck::Outside => {
                    problems.push(at(Problem::new(format!(
                        "the pack file `{}` lies outside the model root, so it is not read",
                        shorten(&name.value)
                    ))
                    .help("keep your pack in the repository, under the directory of gemmalint.toml (`beleid/eigen-beleid.toml`)")));
                    continue;
                }
                FileCheck::Missing => {
                    problems.push(at(Problem::new(format!(
                        "the pack file `{}` does not exist",
                        shorten(&name.value)
                    ))
                    .help("pack paths are relative to the config file")));
                    continue;
                }
            };
            match read_pack(&path, &self.root, sources) {
                Ok(pack) => {
                    if registry.pack(&pack.id).is_some() {
                        problems.push(at(Problem::new(format!(
                            "the pack `{}` in `{}` has the id of a pack already loaded",
                            pack.id, name.value
                        ))
                        .help("give your pack an id of its own")));
                        continue;
                    }
                    selected.push(pack.id.clone());
                    registry.packs.push(pack);
                }
                Err(p) => problems.push(p),
            }
        }
        (selected, problems)
    }
}

/// Reads a user's pack file.
fn read_pack(path: &Path, root: &Path, sources: &mut Sources) -> Result<Pack, Problem> {
    let (id, text) = sources.read(path, display_path(path, root), Language::Toml)?;
    let node =
        syntax::parse_toml(&text).map_err(|e| Problem::new(e.message).at(Loc::new(id, e.span)))?;
    syntax::from_node::<Pack>(&node, &text, None)
        .map(|mut pack| {
            pack.file = Some(id);
            // The starter pack `init` writes asks for its source ("Vul in: …"): until that is
            // filled in it is a draft, and is cited as one, never as adopted policy.
            if pack.source.trim_start().starts_with("Vul in") {
                pack.title = format!("{} (concept: nog niet ingevuld)", pack.title);
            }
            pack
        })
        .map_err(|e| {
            let mut p = Problem::new(format!("pack: {}", e.message)).help_opt(e.help);
            if let Some(span) = e.span {
                p = p.at(Loc::new(id, span));
            }
            p
        })
}
