//! One run of `gemmalint check`, as stages that each return their result: the config, the
//! rules it selects, the model files and reference models, the files the model points at, the
//! graph, the checks and the verdict. Problems in the input stop the run before any check: a
//! half-loaded graph would mislead.

use std::path::{Path, PathBuf};

use crate::artifacts::Artifacts;
use crate::catalogue::config::{self, Config, ConfigChoice, ConfigKey};
use crate::catalogue::{Registry, SettingSource, Settings};
use crate::checks::{self, Ctx};
use crate::graph::Graph;
use crate::model::{self, Date, LoadOptions, Model, display_path, lexical};
use crate::reference::Reference;
use crate::text::{Language, Loc, Problem, Sources, shorten, timings};
use crate::verdict::{self, Baseline, Judge, Verdict};

/// What the user asked for.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Model files or directories; empty: the config's `model`, else `./landscape`.
    pub paths: Vec<PathBuf>,
    pub config: ConfigChoice,
    /// Overrides the config's `today` (YYYY-MM-DD, as the user wrote it).
    pub today: Option<String>,
    /// The baseline: the findings it records do not fail the check.
    pub baseline: BaselineChoice,
    /// Run only these rules (empty: all that are on).
    pub only: Vec<String>,
    /// The working directory that relative paths start from.
    pub cwd: PathBuf,
}

/// Which baseline a run applies.
#[derive(Clone, Debug)]
pub enum BaselineChoice {
    /// `--baseline FILE`, as typed.
    Given(PathBuf),
    /// The config's `baseline`, if it names one.
    FromConfig,
    /// None (`gemmalint baseline` records every finding anew).
    No,
}

/// Everything a run produced, for the outputs.
pub struct Outcome {
    pub sources: Sources,
    pub registry: Registry,
    pub problems: Vec<Problem>,
    pub verdict: Verdict,
    pub model: Model,
    /// The files the model points at, as they were read.
    pub(crate) artifacts: Artifacts,
    pub root: PathBuf,
    pub today: Date,
    /// The rules that ran.
    pub enabled: Vec<String>,
    /// Their severities, and what set each.
    pub settings: Settings,
    /// Whether a baseline was applied.
    pub with_baseline: bool,
    /// The graph the checks read (`None` when problems stopped the run), for the figures that
    /// reports and the JSON share.
    pub(crate) graph: Option<Graph>,
    /// The reference models the run used.
    pub(crate) reference: Reference,
    /// Days before expiry when a waiver counts as expiring (`[waivers] expiry_warning_days`).
    pub expiry_warning_days: i64,
    /// When paths on the command line stood in for a larger model (the config's `model`, or
    /// `./landscape`): that model's paths, as shown, for the note that says so.
    pub narrowed: Option<String>,
}

impl Outcome {
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }
}

/// The local date, unless the config or command line fixes one.
pub fn local_today() -> Date {
    Date(jiff::ZonedDateTime::now().date())
}

pub fn check(options: &CheckOptions) -> Outcome {
    timings::reset();
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    let start = options
        .paths
        .first()
        .map_or(options.cwd.clone(), |p| absolute(&options.cwd, p));
    let (config, config_problems) = timings::phase("config", || {
        config::load(&options.config, &start, &options.cwd, &mut sources)
    });
    let config_ok = config_problems.is_empty();
    problems.extend(config_problems);
    let today = match today(options.today.as_deref(), &config) {
        Ok(today) => today,
        Err(p) => {
            problems.push(p);
            config.today.unwrap_or_else(local_today)
        }
    };
    let paths = match model_paths(options, &config, config_ok) {
        Ok(paths) => paths,
        Err(p) => {
            problems.extend(p);
            Vec::new()
        }
    };
    let narrowed = narrowed(options, &config, &paths);
    let (model, reference, loaded) = load(&paths, &config, &mut sources);
    problems.extend(loaded);
    let (mut rules, rule_problems) = timings::phase("catalogue", || rules(&config, &mut sources));
    problems.extend(rule_problems);
    let only_problems = only(&options.only, &mut rules);
    // Only with everything loaded: a standard may be missing because its catalogue, the
    // config's `[models]` or the model file that defines it failed.
    if problems.is_empty() {
        rules
            .registry
            .check_field_rule_standards(&reference, &model, &mut problems);
    }
    problems.extend(only_problems);
    let baseline = read_baseline(options, &config, &mut sources, &mut problems);
    let enabled: Vec<String> = rules
        .registry
        .rule_ids()
        .filter(|r| rules.settings.is_enabled(r))
        .map(str::to_owned)
        .collect();
    let (verdict, artifacts, graph) = if problems.is_empty() {
        let (verdict, artifacts, graph) = run(
            &model,
            &reference,
            &rules,
            &config,
            &mut sources,
            today,
            baseline.as_ref(),
        );
        (verdict, artifacts, Some(graph))
    } else {
        (Verdict::default(), Artifacts::default(), None)
    };
    Outcome {
        sources,
        registry: rules.registry,
        settings: rules.settings,
        problems,
        verdict,
        model,
        artifacts,
        root: config.root,
        today,
        with_baseline: baseline.is_some(),
        enabled,
        graph,
        reference,
        expiry_warning_days: config.expiry_warning_days,
        narrowed,
    }
}

/// The `--baseline` file, read (its problem, when it cannot be, goes with the others).
fn read_baseline(
    options: &CheckOptions,
    config: &Config,
    sources: &mut Sources,
    problems: &mut Vec<Problem>,
) -> Option<Baseline> {
    match &options.baseline {
        BaselineChoice::No => None,
        BaselineChoice::Given(path) => {
            let full = absolute(&options.cwd, path);
            let shown = display_path(&full, &config.root);
            Baseline::read(&full, shown, sources)
                .map_err(|p| problems.push(p))
                .ok()
        }
        BaselineChoice::FromConfig => {
            let (full, written) = config.baseline.as_ref()?;
            if !full.is_file() {
                let mut problem = Problem::new(format!(
                    "config: the baseline `{}` does not exist",
                    shorten(&written.value)
                ))
                .help(format!(
                    "write it with `gemmalint baseline -o {}`, or remove `baseline` from gemmalint.toml",
                    shorten(&written.value)
                ));
                if let Some(file) = config.file {
                    problem = problem.at(Loc::new(file, written.span));
                }
                problems.push(problem);
                return None;
            }
            let shown = display_path(full, &config.root);
            Baseline::read(full, shown, sources)
                .map_err(|p| problems.push(p))
                .ok()
        }
    }
}

/// The whole model's paths (as shown), when the paths given on the command line leave part of
/// it out: references into the rest of it are then unknown.
fn narrowed(options: &CheckOptions, config: &Config, given: &[PathBuf]) -> Option<String> {
    if options.paths.is_empty() || given.is_empty() {
        return None;
    }
    let whole = if config.model.is_empty() {
        let landscape = config.root.join("landscape");
        if !landscape.is_dir() {
            return None;
        }
        vec![landscape]
    } else {
        config.model.clone()
    };
    let canonical = |p: &PathBuf| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
    let given: Vec<PathBuf> = given.iter().map(canonical).collect();
    // A directory that holds the whole model (`.`, the repository) is no narrowing.
    if whole
        .iter()
        .map(canonical)
        .all(|w| given.iter().any(|g| w.starts_with(g)))
    {
        return None;
    }
    let shown: Vec<String> = whole
        .iter()
        .map(|p| format!("`{}`", display_path(p, &config.root)))
        .collect();
    Some(shown.join(", "))
}

/// The date all date logic uses: the command line's, the config's, or today.
fn today(given: Option<&str>, config: &Config) -> Result<Date, Problem> {
    match given.map(Date::parse) {
        Some(Ok(d)) => Ok(d),
        Some(Err(e)) => {
            Err(Problem::new(format!("--today: {e}")).help("write the date as YYYY-MM-DD"))
        }
        None => Ok(config.today.unwrap_or_else(local_today)),
    }
}

/// The rule catalogue and which rules are on, at which severity.
pub struct Rules {
    pub registry: Registry,
    pub settings: Settings,
    /// Whether every pack the config names loaded, so that a rule name no loaded pack defines
    /// is really unknown.
    pub packs_complete: bool,
}

/// The built-in rules, the field rules of the packs the config selects, and the severities.
fn rules(config: &Config, sources: &mut Sources) -> (Rules, Vec<Problem>) {
    let mut registry = checks::registry();
    let (selected, mut problems) = config.select_packs(&mut registry, sources);
    problems.extend(registry.add_field_rules(&selected));
    registry.selected = selected.clone();
    let packs_complete = problems.is_empty() && !config.failed.contains(&ConfigKey::Packs);
    let packs: Vec<_> = selected.iter().filter_map(|id| registry.pack(id)).collect();
    let tables: Vec<SettingSource> = config
        .file
        .map(|file| SettingSource {
            file,
            settings: &config.rules,
            packs_incomplete: !packs_complete,
        })
        .into_iter()
        .collect();
    let settings = Settings::resolve(&registry, &packs, &tables, &mut problems);
    (
        Rules {
            registry,
            settings,
            packs_complete,
        },
        problems,
    )
}

/// `--rule ID…`: only these rules run. A name no rule has is a problem (unless a pack that
/// failed to load might have defined it).
fn only(only: &[String], rules: &mut Rules) -> Vec<Problem> {
    if only.is_empty() {
        return Vec::new();
    }
    let problems = only
        .iter()
        .filter(|rule| rules.packs_complete && rules.registry.card(rule).is_none())
        .map(|rule| {
            Problem::new(format!("--rule: unknown rule `{}`", shorten(rule))).help(
                rules
                    .registry
                    .suggest_rule(rule)
                    .unwrap_or_else(|| "`gemmalint rules` lists the rules".into()),
            )
        })
        .collect();
    rules.settings.only(only);
    problems
}

/// The model files and directories to load: the command line's, the config's `model`, or
/// `./landscape`.
fn model_paths(
    options: &CheckOptions,
    config: &Config,
    config_ok: bool,
) -> Result<Vec<PathBuf>, Vec<Problem>> {
    // Without its `exclude` or `model`, the config would load files the user left out.
    if config.failed.contains(&ConfigKey::Model) || config.failed.contains(&ConfigKey::Exclude) {
        return Ok(Vec::new());
    }
    if !options.paths.is_empty() {
        return Ok(options
            .paths
            .iter()
            .map(|p| absolute(&options.cwd, p))
            .collect());
    }
    if !config.model.is_empty() {
        return Ok(config.model.clone());
    }
    let landscape = config.root.join("landscape");
    if landscape.is_dir() {
        return Ok(vec![landscape]);
    }
    if !config_ok {
        // The config's own problem says what is wrong; its `model` may be what failed.
        return Ok(Vec::new());
    }
    Err(vec![Problem::new("no model given").help(
        "name a model file or directory (`gemmalint check landscape`), set `model` in gemmalint.toml, or keep the model in ./landscape",
    )])
}

/// The model files and the reference models (the shipped ones, extended by the config's own
/// standards catalogues), read side by side.
fn load(
    paths: &[PathBuf],
    config: &Config,
    sources: &mut Sources,
) -> (Model, Reference, Vec<Problem>) {
    let load_options = LoadOptions {
        root: &config.root,
        exclude: &config.exclude,
    };
    let (mut files, mut problems, about) =
        timings::phase("discover", || model::discover_placed(paths, &load_options));
    place_on_files(&mut problems, about, &config.root, sources);
    // Reference models the config names are not model files.
    let reference_files: Vec<PathBuf> = config
        .standards_files
        .iter()
        .map(|(p, _)| lexical(p))
        .collect();
    files.retain(|f| !reference_files.contains(&lexical(f)));
    let ((model, loaded), mut reference) = timings::phase("load", || {
        rayon::join(
            || model::load(&files, &config.root, sources),
            || timings::share("reference", Reference::builtin),
        )
    });
    problems.extend(loaded);
    if !config.standards_files.is_empty() {
        timings::phase("standards catalogues", || {
            for (path, written) in &config.standards_files {
                if let Err(p) = extend_catalogue(&mut reference, path, written, config, sources) {
                    problems.push(p);
                }
            }
        });
    }
    (model, reference, problems)
}

/// Adds a standards catalogue the config names (`[models] standards`) to the shipped one.
fn extend_catalogue(
    reference: &mut Reference,
    path: &Path,
    written: &crate::syntax::Sp<String>,
    config: &Config,
    sources: &mut Sources,
) -> Result<(), Problem> {
    if !path.is_file() {
        return Err(Problem::new(format!(
            "the standards catalogue `{}` does not exist",
            written.value
        ))
        .help("`[models] standards` names files relative to gemmalint.toml")
        .at_opt(config.file.map(|file| Loc::new(file, written.span))));
    }
    let shown = display_path(path, &config.root);
    let (id, _) = sources.read(path, shown, Language::Yaml)?;
    reference.standards.extend(sources, id)
}

/// The graph, the files the model points at (added to the sources, so findings can point
/// into them), the checks and the verdict, on input without problems.
fn run(
    model: &Model,
    reference: &Reference,
    rules: &Rules,
    config: &Config,
    sources: &mut Sources,
    today: Date,
    baseline: Option<&Baseline>,
) -> (Verdict, Artifacts, Graph) {
    let first = sources.next_id();
    let (graph, (artifacts, files)) = rayon::join(
        || timings::phase("graph", || Graph::build(model, reference)),
        || timings::share("artifacts", || Artifacts::read(model, &config.root, first)),
    );
    for file in files {
        sources.add(file);
    }
    let sources = &*sources;
    let ctx = Ctx {
        model,
        graph: &graph,
        reference,
        artifacts: &artifacts,
        registry: &rules.registry,
        sources,
        today,
    };
    let checked = timings::phase("rules", || {
        checks::run(&ctx, |rule| rules.settings.is_enabled(rule))
    });
    let judge = Judge {
        model,
        graph: &graph,
        reference,
        registry: &rules.registry,
        settings: &rules.settings,
        sources,
        today,
        expiry_warning_days: config.expiry_warning_days,
    };
    let verdict = timings::phase("waivers and baseline", || {
        verdict::judge(&judge, checked, baseline)
    });
    (verdict, artifacts, graph)
}

/// The rule catalogue as the config sees it, for `rules` and `explain`.
pub fn rules_for(choice: &ConfigChoice, cwd: &Path) -> (Rules, Sources, Vec<Problem>) {
    let mut sources = Sources::default();
    let (config, mut problems) = config::load(choice, cwd, cwd, &mut sources);
    let (rules, more) = rules(&config, &mut sources);
    problems.extend(more);
    (rules, sources, problems)
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}

/// Problems about a file with no text to point into (a dangling symlink, a loop) are placed at
/// the start of that file, so every format can name it.
fn place_on_files(
    problems: &mut [Problem],
    about: Vec<(usize, PathBuf)>,
    root: &Path,
    sources: &mut Sources,
) {
    for (i, path) in about {
        let shown = model::display_path(&path, root);
        let file = sources.add(crate::text::SourceFile::new(
            shown,
            String::new(),
            crate::text::Language::Yaml,
        ));
        if let Some(problem) = problems.get_mut(i).filter(|p| p.loc.is_none()) {
            problem.loc = Some(crate::text::Loc::new(file, crate::text::Span::new(0, 0)));
        }
    }
}
