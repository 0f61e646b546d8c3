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
    /// Overrides the config's `today`.
    pub today: Option<Date>,
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
    let today = options.today.or(config.today).unwrap_or_else(local_today);

    let paths: Vec<PathBuf> = if !options.paths.is_empty() {
        options
            .paths
            .iter()
            .map(|p| absolute(&options.cwd, p))
            .collect()
    } else if !config.model.is_empty() {
        config.model.clone()
    } else if config.root.join("landscape").is_dir() {
        vec![config.root.join("landscape")]
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
    let (files, found) = model::discover(&paths, &load_options);
    problems.extend(found);
    let (model, loaded) = model::load(&files, &config.root, &mut sources);
    problems.extend(loaded);

    let reference = match Reference::builtin(&mut sources) {
        Ok(r) => Some(r),
        Err(p) => {
            problems.push(p);
            None
        }
    };

    let selected = config.select_packs(&mut registry, &mut sources, &mut problems);
    let packs: Vec<_> = selected.iter().filter_map(|id| registry.pack(id)).collect();
    let tables: Vec<SettingSource> = config
        .file
        .map(|file| SettingSource {
            file,
            settings: &config.rules,
        })
        .into_iter()
        .collect();
    let settings = Settings::resolve(&registry, &packs, &tables, &mut problems);

    let mut findings = Vec::new();
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
    }
    Outcome {
        sources,
        registry,
        problems,
        findings,
        model,
        root: config.root,
        today,
    }
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}
