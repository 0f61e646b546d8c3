//! One run of `gemmalint check`: config → model files → reference models → graph → rules →
//! waivers. Problems stop the run before any rule (a half-loaded graph misleads).

use std::path::{Path, PathBuf};

use crate::checks::{self, Ctx};
use crate::config::{self, ConfigChoice};
use crate::finding::Finding;
use crate::graph::Graph;
use crate::model::{self, Date, LoadOptions, Model};
use crate::problem::Problem;
use crate::reference::Reference;
use crate::registry::{Registry, SettingSource, Settings};
use crate::source::Sources;

/// What the user asked for.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Model files or directories; empty: the config's `model`, else `./landscape`.
    pub paths: Vec<PathBuf>,
    pub config: ConfigChoice,
    /// Overrides the config's `today` (YYYY-MM-DD, as the user wrote it).
    pub today: Option<String>,
    /// A baseline file: the findings it records do not fail the check.
    pub baseline: Option<PathBuf>,
    /// Run only these rules (empty: all that are on).
    pub only: Vec<String>,
    /// The working directory that relative paths start from.
    pub cwd: PathBuf,
}

/// Everything a run produced, for the outputs.
pub struct Outcome {
    pub sources: Sources,
    pub registry: Registry,
    pub problems: Vec<Problem>,
    pub findings: Vec<Finding>,
    pub model: Model,
    pub root: PathBuf,
    pub today: Date,
    /// Baseline entries that matched no finding.
    pub stale: Vec<crate::baseline::Entry>,
    /// The rules that ran.
    pub enabled: Vec<String>,
    /// Whether a baseline was applied.
    pub with_baseline: bool,
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
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    let mut registry =
        Registry::builtin().expect("the built-in rule cards and packs are checked by the tests");

    let start = options
        .paths
        .first()
        .map_or(options.cwd.clone(), |p| absolute(&options.cwd, p));
    let config = config::load(
        &options.config,
        &start,
        &options.cwd,
        &mut sources,
        &mut problems,
    );
    let config_failed = !problems.is_empty();
    let given_today = match options.today.as_deref().map(Date::parse) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            problems
                .push(Problem::new(format!("--today: {e}")).help("write the date as YYYY-MM-DD"));
            None
        }
        None => None,
    };
    let today = given_today.or(config.today).unwrap_or_else(local_today);

    // Without its `exclude` or `model`, the config would load files the user left out.
    let model_unknown = config.failed.iter().any(|k| k == "model" || k == "exclude");
    let paths: Vec<PathBuf> = if model_unknown {
        Vec::new()
    } else if !options.paths.is_empty() {
        options
            .paths
            .iter()
            .map(|p| absolute(&options.cwd, p))
            .collect()
    } else if !config.model.is_empty() {
        config.model.clone()
    } else if config.root.join("landscape").is_dir() {
        vec![config.root.join("landscape")]
    } else if config_failed {
        // The config's own problem says what is wrong; its `model` may be what failed.
        Vec::new()
    } else {
        problems.push(Problem::new("no model given").help(
            "name a model file or directory (`gemmalint check landscape`), set `model` in gemmalint.toml, or keep the model in ./landscape",
        ));
        Vec::new()
    };

    let load_options = LoadOptions {
        root: &config.root,
        exclude: &config.exclude,
    };
    let (mut files, found) = model::discover(&paths, &load_options);
    problems.extend(found);
    // Reference models the config names are not model files.
    let reference_files: Vec<PathBuf> = config
        .standards_files
        .iter()
        .map(|(p, _)| model::lexical(p))
        .collect();
    files.retain(|f| !reference_files.contains(&model::lexical(f)));
    // The reference models parse while the model files do.
    let mut reference_sources = Sources::default();
    let ((model, loaded), reference) = rayon::join(
        || model::load(&files, &config.root, &mut sources),
        || Reference::builtin(&mut reference_sources),
    );
    problems.extend(loaded);
    let offset = sources.append(reference_sources);
    let mut reference = match reference {
        Ok(r) => Some(r),
        Err(mut p) => {
            if let Some(loc) = &mut p.loc {
                loc.file.0 += offset;
            }
            problems.push(p);
            None
        }
    };
    if let Some(reference) = &mut reference {
        for (path, written) in &config.standards_files {
            let shown = crate::model::display_path(path, &config.root);
            if !path.is_file() {
                let mut p = Problem::new(format!(
                    "the standards catalogue `{}` does not exist",
                    written.value
                ))
                .help("`[models] standards` names files relative to gemmalint.toml");
                if let Some(file) = config.file {
                    p = p.at(crate::source::Loc::new(file, written.span));
                }
                problems.push(p);
                continue;
            }
            let read = sources.read(path, shown, crate::source::Language::Yaml);
            let extended = read.and_then(|(id, _)| reference.standards.extend(&sources, id));
            if let Err(p) = extended {
                problems.push(p);
            }
        }
    }

    let before = problems.len();
    let mut settings = rule_settings(&config, &mut registry, &mut sources, &mut problems);
    // A rule of a pack that did not load is not unknown; the pack's problem says why.
    let packs_loaded = problems.len() == before && !config.failed.iter().any(|k| k == "packs");
    // Only with everything loaded: a standard may be missing because its catalogue, the
    // config's `[models]` or the model file that defines it failed.
    if problems.is_empty()
        && let Some(reference) = &reference
    {
        registry.check_field_rule_standards(reference, &model, &mut problems);
    }
    if !options.only.is_empty() {
        for rule in &options.only {
            if packs_loaded && registry.card(rule).is_none() {
                problems.push(
                    Problem::new(format!(
                        "--rule: unknown rule `{}`",
                        crate::tree::shorten(rule)
                    ))
                    .help(
                        registry
                            .suggest_rule(rule)
                            .unwrap_or_else(|| "`gemmalint rules` lists the rules".into()),
                    ),
                );
            }
        }
        settings.only(&options.only);
    }

    let baseline = options.baseline.as_ref().and_then(|path| {
        let full = absolute(&options.cwd, path);
        let shown = crate::model::display_path(&full, &config.root);
        crate::baseline::Baseline::read(&full, shown, &mut sources)
            .map_err(|p| problems.push(p))
            .ok()
    });
    let enabled: Vec<String> = registry
        .rule_ids()
        .filter(|r| settings.is_enabled(r))
        .map(str::to_owned)
        .collect();
    let mut findings = Vec::new();
    let mut stale = Vec::new();
    if problems.is_empty()
        && let Some(reference) = &reference
    {
        let graph = Graph::build(&model, reference);
        let ctx = Ctx {
            model: &model,
            graph: &graph,
            reference,
            registry: &registry,
            sources: &sources,
            settings: &settings,
            today,
            root: &config.root,
            expiry_warning_days: config.expiry_warning_days,
        };
        findings = checks::run(&ctx);
        if let Some(baseline) = &baseline {
            stale = baseline.apply(&mut findings);
        }
    }
    Outcome {
        sources,
        registry,
        problems,
        findings,
        model,
        root: config.root,
        today,
        with_baseline: baseline.is_some(),
        stale,
        enabled,
    }
}

/// The registry as the config sees it: the built-in cards plus the field rules of the packs it
/// selects, and which rules are on. For `rules` and `explain`.
pub fn registry_for(
    choice: &ConfigChoice,
    cwd: &Path,
) -> (Registry, Settings, Sources, Vec<Problem>) {
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    let mut registry =
        Registry::builtin().expect("the built-in rule cards and packs are checked by the tests");
    let config = config::load(choice, cwd, cwd, &mut sources, &mut problems);
    let settings = rule_settings(&config, &mut registry, &mut sources, &mut problems);
    (registry, settings, sources, problems)
}

/// The packs the config selects (their field rules compiled), and the rules' severities.
fn rule_settings(
    config: &config::Config,
    registry: &mut Registry,
    sources: &mut Sources,
    problems: &mut Vec<Problem>,
) -> Settings {
    let before = problems.len();
    let selected = config.select_packs(registry, sources, problems);
    registry.add_field_rules(&selected, problems);
    let packs_incomplete = problems.len() > before || config.failed.iter().any(|k| k == "packs");
    let packs: Vec<_> = selected.iter().filter_map(|id| registry.pack(id)).collect();
    let tables: Vec<SettingSource> = config
        .file
        .map(|file| SettingSource {
            file,
            settings: &config.rules,
            packs_incomplete,
        })
        .into_iter()
        .collect();
    Settings::resolve(registry, &packs, &tables, problems)
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}
