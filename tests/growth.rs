//! No quadratic path: for each dimension of a landscape, eight times the input may take at most
//! 24 times as long (linear is 8, quadratic 64). Not a time limit: the best of three runs at
//! each size, in-process, compared with each other, so a slow or busy machine slows both.
//!
//! Each landscape has what makes real ones slow: findings, waivers, unknown references,
//! repeated entries, deep hierarchies. The run goes through the whole check, JSON and human
//! output included.

use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use clap::Parser;
use gemmalint::cli::{self, Cli, Command};

/// Eight times the input; at most this many times the time.
const SCALE: usize = 8;
const BOUND: f64 = 24.0;

/// What each timed run writes, and whether it checks against a baseline of all its findings.
struct Runs {
    formats: &'static [&'static str],
    baseline: bool,
}

const JSON_AND_HUMAN: Runs = Runs {
    formats: &["json", "human"],
    baseline: false,
};

fn run(dir: &Path, format: &str, baseline: Option<&Path>) -> Duration {
    let dir = dir.to_string_lossy().into_owned();
    let mut argv = vec![
        "gemmalint".to_owned(),
        "--color".into(),
        "never".into(),
        "check".into(),
        dir.clone(),
        "--no-config".into(),
        "--today".into(),
        "2026-11-28".into(),
        "--format".into(),
        format.into(),
    ];
    // A landscape with its own config (a catalogue of its own) is checked with it.
    let config = Path::new(&dir).join("gemmalint.toml");
    if config.exists() {
        argv[5] = "--config".into();
        argv.insert(6, config.to_string_lossy().into_owned());
    }
    if let Some(file) = baseline {
        argv.push("--baseline".into());
        argv.push(file.to_string_lossy().into_owned());
    }
    let cli = Cli::try_parse_from(argv).expect("the arguments parse");
    let Command::Check(args) = &cli.command else {
        unreachable!("the command is check")
    };
    let start = Instant::now();
    let done = cli::check::run(args, cli.color);
    let took = start.elapsed();
    assert!(done.code <= 1, "the landscape loads:\n{}", done.stdout);
    took
}

/// Records every finding of the landscape in `dir` in a baseline file in `into`.
fn baseline(dir: &Path, into: &Path) -> std::path::PathBuf {
    let file = into.join("baseline.json");
    let cli = Cli::try_parse_from([
        "gemmalint",
        "--color",
        "never",
        "baseline",
        &dir.to_string_lossy(),
        "--no-config",
        "--today",
        "2026-11-28",
        "-o",
        &file.to_string_lossy(),
    ])
    .expect("the arguments parse");
    let Command::Baseline(args) = &cli.command else {
        unreachable!("the command is baseline")
    };
    let done = cli::baseline::run(args);
    assert_eq!(done.code, 0, "the baseline is written:\n{}", done.stdout);
    file
}

/// The best of three runs (in each of `runs.formats`) on the files `write` makes for size `n`.
fn time(n: usize, write: &dyn Fn(usize, &Path), runs: &Runs) -> Duration {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(n, dir.path());
    let elsewhere = tempfile::tempdir().expect("a temporary directory");
    let base = runs
        .baseline
        .then(|| baseline(dir.path(), elsewhere.path()));
    (0..3)
        .map(|_| {
            runs.formats
                .iter()
                .map(|f| run(dir.path(), f, base.as_deref()))
                .sum::<Duration>()
        })
        .min()
        .expect("three runs")
}

fn grows_linearly(name: &str, n: usize, write: &dyn Fn(usize, &Path)) {
    grows_linearly_in(name, n, write, &JSON_AND_HUMAN);
}

fn grows_linearly_in(name: &str, n: usize, write: &dyn Fn(usize, &Path), runs: &Runs) {
    // Warm the process (the shipped reference models are read once).
    let _ = time(1, write, runs);
    let small = time(n, write, runs);
    let large = time(n * SCALE, write, runs);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-4);
    eprintln!(
        "{name}: {n} -> {}: {small:?} -> {large:?} ({ratio:.1}x)",
        n * SCALE
    );
    assert!(
        ratio < BOUND,
        "{name}: {SCALE}x the input took {ratio:.1}x the time ({small:?} -> {large:?}); linear is {SCALE}x"
    );
}

fn file(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write a model file");
}

const HEAD: &str = "owners:\n  team-a: { name: Team A, kind: team }\n  team-b: { name: Team B, kind: team }\nbusiness_functions:\n  bf-a: { name: A, owner: team-a }\n  bf-b: { name: B, owner: team-b }\n";

/// `n` applications over `n / 20` files, with findings (ambiguous owners, typos, two sources),
/// waivers, unknown references and repeated standards.
fn applications(n: usize, dir: &Path) {
    file(dir, "a.yaml", HEAD);
    let files = n.div_ceil(20);
    for f in 0..files {
        let mut y = String::from("applications:\n");
        let mut w = String::from("waivers:\n");
        let mut d = String::from("data_objects:\n");
        for a in (f * 20)..((f + 1) * 20).min(n) {
            let bf = if a % 7 == 0 { "[bf-a, bf-b]" } else { "[bf-a]" };
            let owner = if a % 11 == 0 {
                "    owner: team-x\n"
            } else {
                ""
            };
            // Odd applications ask their neighbour (no interface: a finding).
            let query = if a % 2 == 1 {
                format!(
                    "\n      do-{}: {{ role: query, from: app-{} }}",
                    a - 1,
                    a - 1
                )
            } else {
                String::new()
            };
            writeln!(
                y,
                "  app-{a}:\n    name: App {a}\n    business_functions: {bf}\n{owner}    license: proprietary\n    standards: [odf, odf, onbekend-{}]\n    data:\n      do-{a}: {{ role: source }}{query}",
                a % 13,
            )
            .unwrap();
            writeln!(
                d,
                "  do-{a}: {{ name: Gegevens {a}, personal_data: false }}"
            )
            .unwrap();
            if a % 3 == 0 {
                writeln!(
                    w,
                    "  w-{a}: {{ rule: open-source-unless, target: 'application:app-{a}', reason: Geen alternatief, decision: B-{a}, expires: 2027-06-30 }}"
                )
                .unwrap();
            }
        }
        file(dir, &format!("f{f:05}.yaml"), &(y + &w + &d));
    }
}

/// A business-function `parent` chain `n` long, each function supported by an application.
fn parent_chain(n: usize, dir: &Path) {
    let mut y = String::from(
        "owners:\n  team-a: { name: Team A, kind: team }\nbusiness_functions:\n  bf-0: { name: F0, owner: team-a }\n",
    );
    for b in 1..n {
        writeln!(y, "  bf-{b}: {{ name: F{b}, parent: bf-{} }}", b - 1).unwrap();
    }
    y.push_str("applications:\n");
    for a in 0..n {
        writeln!(
            y,
            "  app-{a}: {{ name: App {a}, business_functions: [bf-{a}] }}"
        )
        .unwrap();
    }
    file(dir, "a.yaml", &y);
}

/// One interface consumed by `n` applications, that all take data from its provider.
fn consumers(n: usize, dir: &Path) {
    let mut y = String::from(HEAD);
    y.push_str("data_objects:\n  zaak: { name: Zaak }\napplications:\n  bron: { name: Bron, business_functions: [bf-a], data: { zaak: { role: source } } }\n");
    for a in 0..n {
        writeln!(
            y,
            "  app-{a}: {{ name: App {a}, business_functions: [bf-a], data: {{ zaak: {{ role: query, from: bron }} }} }}"
        )
        .unwrap();
    }
    y.push_str("interfaces:\n  zaken-api:\n    name: Zaken API\n    provider: bron\n    style: rest\n    data_objects: [zaak]\n    consumers:\n");
    for a in 0..n {
        writeln!(y, "      - app-{a}").unwrap();
    }
    file(dir, "a.yaml", &y);
}

/// One application with `n` standards (each named three times) and `n` `x-` keys.
fn one_big_element(n: usize, dir: &Path) {
    let mut y = String::from(HEAD);
    y.push_str("standards:\n");
    for s in 0..n {
        writeln!(y, "  eigen-{s}: {{ name: Eigen {s} }}").unwrap();
    }
    y.push_str("applications:\n  groot:\n    name: Groot\n    business_functions: [bf-a]\n    standards:\n");
    for s in 0..n {
        for _ in 0..3 {
            writeln!(y, "      - eigen-{s}").unwrap();
        }
    }
    for x in 0..n {
        writeln!(y, "    x-k{x}: {x}").unwrap();
    }
    file(dir, "a.yaml", &y);
}

/// A municipality's own catalogue of `n` mandatory standards, each selecting a tenth of 100
/// applications that each name six in seven of them: "does it implement this one" must not
/// scan everything the application names (it did: quadratic in `n`).
fn own_catalogue(n: usize, dir: &Path) {
    let mut c = String::from(
        "sources:\n  EIGEN:\n    what: eigen\n    kind: primary\n    date: '2026-01-01'\nstandards:\n",
    );
    for k in 0..n {
        writeln!(
            c,
            "  - {{ id: eigen-{k}, name: Eigen {k}, status: verplicht, status_as_of: '2026-01-01', status_basis: [EIGEN], applies_to: {{ kind: application, where: {{ x-groep: g{} }} }} }}",
            k % 10
        )
        .unwrap();
    }
    file(dir, "catalogus.yaml", &c);
    file(
        dir,
        "gemmalint.toml",
        "[models]\nstandards = [\"catalogus.yaml\"]\n",
    );
    std::fs::create_dir_all(dir.join("landscape")).expect("a model directory");
    let mut y = String::from(HEAD);
    y.push_str("applications:\n");
    for a in 0..100 {
        let named: Vec<String> = (0..n)
            .filter(|k| k % 7 != a % 7)
            .map(|k| format!("eigen-{k}"))
            .collect();
        writeln!(
            y,
            "  app-{a}:\n    name: App {a}\n    business_functions: [bf-a]\n    x-groep: g{}\n    standards: [{}]",
            a % 10,
            named.join(", ")
        )
        .unwrap();
    }
    file(&dir.join("landscape"), "a.yaml", &y);
}

/// `n` waivers for `n` findings (each application lacks a licence), and `n` that match nothing.
fn waivers(n: usize, dir: &Path) {
    let mut y = String::from(HEAD);
    y.push_str("applications:\n");
    for a in 0..n {
        writeln!(
            y,
            "  app-{a}: {{ name: App {a}, business_functions: [bf-a] }}"
        )
        .unwrap();
    }
    y.push_str("waivers:\n");
    for a in 0..n {
        writeln!(
            y,
            "  w-{a}: {{ rule: open-source-unless, target: 'application:app-{a}', reason: R, decision: D, expires: 2027-06-30 }}\n  v-{a}: {{ rule: lifecycle, target: 'application:app-{a}', reason: R, decision: D, expires: 2027-06-30 }}"
        )
        .unwrap();
    }
    file(dir, "a.yaml", &y);
}

/// One application providing `n` interfaces, each consumed by the next application and
/// carrying a data object it is the source of.
fn interfaces_of_one_application(n: usize, dir: &Path) {
    let mut y = String::from(HEAD);
    y.push_str("applications:\n  hub:\n    name: Hub\n    business_functions: [bf-a]\n    data:\n");
    for i in 0..n {
        writeln!(y, "      do-{i}: {{ role: source }}").unwrap();
    }
    for i in 0..n {
        writeln!(
            y,
            "  app-{i}: {{ name: App {i}, business_functions: [bf-b], data: {{ do-{i}: {{ role: query, from: hub }} }} }}"
        )
        .unwrap();
    }
    y.push_str("data_objects:\n");
    for i in 0..n {
        writeln!(y, "  do-{i}: {{ name: Gegevens {i} }}").unwrap();
    }
    y.push_str("interfaces:\n");
    for i in 0..n {
        writeln!(
            y,
            "  api-{i}: {{ name: API {i}, provider: hub, style: rest, data_objects: [do-{i}], consumers: [app-{i}] }}"
        )
        .unwrap();
    }
    file(dir, "a.yaml", &y);
}

#[test]
fn interfaces_per_application() {
    grows_linearly(
        "interfaces of one application",
        150,
        &interfaces_of_one_application,
    );
}

#[test]
fn findings_in_every_format() {
    grows_linearly_in(
        "every format",
        150,
        &applications,
        &Runs {
            formats: &[
                "json", "human", "sarif", "junit", "github", "gitlab", "markdown",
            ],
            baseline: false,
        },
    );
}

#[test]
fn baseline_entries() {
    grows_linearly_in(
        "baseline",
        150,
        &applications,
        &Runs {
            formats: &["json", "sarif"],
            baseline: true,
        },
    );
}

#[test]
fn applications_files_findings_and_waivers() {
    grows_linearly("applications", 150, &applications);
}

#[test]
fn parent_chain_depth() {
    grows_linearly("parent chain", 150, &parent_chain);
}

#[test]
fn consumers_of_one_interface() {
    grows_linearly("consumers", 150, &consumers);
}

#[test]
fn standards_and_extension_keys_of_one_element() {
    grows_linearly("one element", 300, &one_big_element);
}

#[test]
fn standards_of_a_catalogue_of_ones_own() {
    grows_linearly("own catalogue", 400, &own_catalogue);
}

#[test]
fn waivers_and_their_findings() {
    grows_linearly("waivers", 150, &waivers);
}

/// What an independent sweep found quadratic, each at size `n`: two applications naming `n`
/// business functions of `n` owners on one line (ambiguous owners, a related place each);
/// `n` applications archiving to one; one source of `n` data objects that three applications
/// copy; `n` `application:*` waivers, each with a key that matches nothing; and an OpenAPI
/// document with `n` schemas, each named by a `$ref`.
fn sweep(n: usize, dir: &Path) {
    let mut y = String::from("owners:\n");
    for o in 0..n {
        writeln!(y, "  team-{o}: {{ name: Team {o}, kind: team }}").unwrap();
    }
    y.push_str("business_functions:\n");
    for b in 0..n {
        writeln!(y, "  bf-{b}: {{ name: F{b}, owner: team-{b} }}").unwrap();
        writeln!(y, "  eigen-{b}: {{ name: E{b}, owner: team-0 }}").unwrap();
    }
    let all: Vec<String> = (0..n).map(|b| format!("bf-{b}")).collect();
    let all = all.join(", ");
    // One application that supports `n` functions of one team, each listed twice: `n`
    // findings, each naming the functions its owner came through.
    let own: Vec<String> = (0..n).map(|b| format!("eigen-{b}")).collect();
    let own = own.join(", ");
    writeln!(
        y,
        "applications:\n  eigen:\n    name: Eigen\n    business_functions: [{own}, {own}]"
    )
    .unwrap();
    y.push_str("  archief:\n    name: Archief\n    business_functions: [bf-0]\n    reference_components: [Archiefbeheercomponent]\n");
    for a in 0..2 {
        writeln!(
            y,
            "  breed-{a}:\n    name: Breed {a}\n    business_functions: [{all}]"
        )
        .unwrap();
    }
    for a in 0..n {
        writeln!(
            y,
            "  app-{a}: {{ name: App {a}, business_functions: [bf-{a}], archiving: {{ records: true, destination: [archief] }} }}"
        )
        .unwrap();
    }
    // One source of `n` data objects that three applications copy: the source's owner is
    // asked once per object.
    let data: Vec<String> = (0..n)
        .map(|d| format!("do-{d}: {{ role: source }}"))
        .collect();
    let copies: Vec<String> = (0..n)
        .map(|d| format!("do-{d}: {{ role: copy, from: bron, sync: daily }}"))
        .collect();
    writeln!(
        y,
        "  bron: {{ name: Bron, business_functions: [bf-1], data: {{ {} }} }}",
        data.join(", ")
    )
    .unwrap();
    for c in 0..3 {
        writeln!(
            y,
            "  kopie-{c}: {{ name: Kopie {c}, business_functions: [bf-2], data: {{ {} }} }}",
            copies.join(", ")
        )
        .unwrap();
    }
    y.push_str("data_objects:\n");
    for d in 0..n {
        writeln!(y, "  do-{d}: {{ name: Gegevens {d}, personal_data: true }}").unwrap();
    }
    y.push_str("interfaces:\n  groot-api: { name: Groot, provider: archief, consumers: [app-0], style: rest, specification: spec.json }\nwaivers:\n");
    for w in 0..n {
        writeln!(
            y,
            "  w-{w}: {{ rule: open-source-unless, target: 'application:*', key: sleutel-{w}, reason: R, decision: D, expires: 2027-06-30 }}"
        )
        .unwrap();
    }
    file(dir, "a.yaml", &y);
    // JSON, so that it is not read as a model file.
    let paths: Vec<String> = (0..n)
        .map(|p| {
            format!(
                r##""/v1/ding-{p}": {{"get": {{"responses": {{"200": {{"description": "OK", "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/Ding{p}"}}}}}}}}}}}}}}"##
            )
        })
        .collect();
    let schemas: Vec<String> = (0..n)
        .map(|p| format!(r#""Ding{p}": {{"type": "object"}}"#))
        .collect();
    let spec = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "Groot", "version": "1.0.0"}}, "paths": {{{}}}, "components": {{"schemas": {{{}}}}}}}"#,
        paths.join(", "),
        schemas.join(", ")
    );
    file(dir, "spec.json", &spec);
}

#[test]
fn what_an_independent_sweep_found() {
    grows_linearly("sweep", 1000, &sweep);
}
