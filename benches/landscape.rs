//! Benchmark: load and check a large generated landscape (5,000 applications, 20,000
//! interfaces, 2,000 data objects over 500 files), against merely parsing the same files. The
//! landscape has what makes real ones slow: an owner hierarchy and business functions seven
//! levels deep, findings (ambiguous owners, proprietary licences, queries without an interface),
//! a waiver for a third of them, and unknown references.
//! For the comparison with the Rego peer at three sizes, whole process and per phase, see
//! `tools/bench`.
//! Run with `cargo bench`; the generated landscape stays in `target/bench-landscape` so the
//! whole binary can be measured too (`/usr/bin/time -v gemmalint check target/bench-landscape`).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use gemmalint::catalogue::config::ConfigChoice;
use gemmalint::engine::{self, CheckOptions};
use gemmalint::text::{Language, SourceFile};
use rayon::prelude::*;

const APPLICATIONS: usize = 5_000;
const INTERFACES: usize = 20_000;
const DATA_OBJECTS: usize = 2_000;
const FILES: usize = 500;
const FUNCTIONS: usize = 100;

const COMPONENTS: &[&str] = &[
    "Zaakregistratiecomponent",
    "Documentbeheercomponent",
    "Klantgeleidingcomponent",
    "Relatiebeheercomponent (CRM)",
    "Financieel component",
    "Burgerzakencomponent",
    "Belastingencomponent",
    "Wmo-component",
    "Inkomenscomponent",
    "Meldingen openbare ruimtecomponent",
];

/// Writes the landscape once; later runs reuse it. One function, long, because each file is
/// written in one pass over the element kinds, in the order a model file has them.
fn landscape() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-landscape");
    if dir.join("done").exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("landscape")).unwrap();
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    std::fs::write(
        dir.join("specs/api.yaml"),
        "openapi: 3.0.3\ninfo: { title: API, version: '1' }\npaths: {}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("gemmalint.toml"),
        "model = [\"landscape\"]\ntoday = \"2026-11-28\"\n",
    )
    .unwrap();
    let per_file = |n: usize| n.div_ceil(FILES);
    for f in 0..FILES {
        let mut y = String::new();
        if f == 0 {
            y.push_str("owners:\n  gemeente: { name: Gemeente, kind: organisation }\n");
            for d in 0..3 {
                writeln!(
                    y,
                    "  afd-{d}: {{ name: Afdeling {d}, kind: department, parent: gemeente }}"
                )
                .unwrap();
            }
            for t in 0..10 {
                writeln!(
                    y,
                    "  team-{t}: {{ name: Team {t}, kind: team, parent: afd-{} }}",
                    t % 3
                )
                .unwrap();
            }
            // A tree seven levels deep: the first ten are owned, the others inherit.
            y.push_str("business_functions:\n");
            for b in 0..FUNCTIONS {
                let owner = if b < 10 {
                    format!("owner: team-{b}")
                } else {
                    format!("parent: bf-{}", b / 2)
                };
                writeln!(
                    y,
                    "  bf-{b}: {{ name: Functie {b}, gemma: Uitvoering Publieksdiensten, {owner} }}"
                )
                .unwrap();
            }
        }
        y.push_str("data_objects:\n");
        for d in
            (f * per_file(DATA_OBJECTS)..((f + 1) * per_file(DATA_OBJECTS)).min(DATA_OBJECTS)).rev()
        {
            writeln!(
                y,
                "  do-{d}:\n    name: Gegevens {d}\n    personal_data: {}",
                d % 3 == 0
            )
            .unwrap();
        }
        y.push_str("applications:\n");
        let mut waivers = String::from("waivers:\n");
        for a in f * per_file(APPLICATIONS)..((f + 1) * per_file(APPLICATIONS)).min(APPLICATIONS) {
            // Every 50th application has two owners through its functions, every 97th names
            // a function that does not exist, every 6th is proprietary (half of those waived).
            let functions = if a % 50 == 0 {
                format!("bf-{}, bf-{}", a % FUNCTIONS, (a + 1) % FUNCTIONS)
            } else if a % 97 == 0 {
                format!("bf-{}, bf-onbekend-{}", a % FUNCTIONS, a % 7)
            } else {
                format!("bf-{}", a % FUNCTIONS)
            };
            let license = if a % 6 == 0 {
                "proprietary"
            } else {
                "EUPL-1.2"
            };
            if a % 12 == 0 {
                writeln!(
                    waivers,
                    "  w-{a}: {{ rule: open-source-unless, target: 'application:app-{a}', reason: Geen open alternatief, decision: B-{a}, expires: 2027-06-30 }}"
                )
                .unwrap();
            }
            let data = if a < DATA_OBJECTS {
                format!("do-{a}: {{ role: source }}")
            } else {
                format!(
                    "do-{}: {{ role: query, from: app-{} }}",
                    a % DATA_OBJECTS,
                    a % DATA_OBJECTS
                )
            };
            writeln!(
                y,
                "  app-{a}:\n    name: Applicatie {a}\n    description: Een gegenereerde applicatie\n    supplier: Leverancier {}\n    \
                 business_functions: [{functions}]\n    reference_components: [{}]\n    license: {license}\n    hosting: saas\n    \
                 processing_register: VR-{a:04}\n    standards: [logboek-dataverwerkingen]\n    x-cmdb: CI{a:06}\n    data:\n      {data}",
                a % 40,
                COMPONENTS[a % COMPONENTS.len()]
            )
            .unwrap();
        }
        y.push_str(&waivers);
        y.push_str("interfaces:\n");
        for i in f * per_file(INTERFACES)..((f + 1) * per_file(INTERFACES)).min(INTERFACES) {
            // The first ones back every query; the rest connect applications at random.
            let (provider, consumer) = if i + DATA_OBJECTS < APPLICATIONS && i >= DATA_OBJECTS {
                (i % DATA_OBJECTS, i)
            } else {
                (i % APPLICATIONS, (i * 7 + 1) % APPLICATIONS)
            };
            writeln!(
                y,
                "  if-{i}:\n    name: Koppeling {i}\n    provider: app-{provider}\n    consumers: [app-{consumer}]\n    style: rest\n    \
                 network: internal\n    standards: [openapi-specification]\n    specification: specs/api.yaml\n    data_objects: [do-{}]",
                provider % DATA_OBJECTS
            )
            .unwrap();
        }
        std::fs::write(dir.join(format!("landscape/part-{f:03}.yaml")), y).unwrap();
    }
    std::fs::write(dir.join("done"), "").unwrap();
    dir
}

fn main() {
    let dir = landscape();
    let bytes: u64 = std::fs::read_dir(dir.join("landscape"))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    eprintln!(
        "landscape: {} ({:.1} MiB in {FILES} files)",
        dir.display(),
        bytes as f64 / (1024.0 * 1024.0)
    );
    divan::main();
}

/// Only the YAML parser (the same one, on the same threads), for comparison.
#[divan::bench(sample_count = 10)]
fn parse_only(bencher: divan::Bencher) {
    let dir = landscape();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("landscape"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    bencher.bench(|| {
        files
            .par_iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                let file = SourceFile::new(p.display().to_string(), text, Language::Yaml);
                gemmalint::syntax::parse_yaml(&file).unwrap()
            })
            .collect::<Vec<_>>()
    });
}

/// Everything `gemmalint check` does: config, discovery, parsing, typing, reference models,
/// graph, every rule, waivers.
#[divan::bench(sample_count = 10)]
fn load_and_check(bencher: divan::Bencher) {
    let dir = landscape();
    let options = CheckOptions {
        paths: Vec::new(),
        config: ConfigChoice::Search,
        today: Some("2026-11-28".to_owned()),
        baseline: gemmalint::engine::BaselineChoice::No,
        only: Vec::new(),
        cwd: dir.clone(),
    };
    bencher.bench(|| {
        let outcome = engine::check(&options);
        assert!(
            outcome.problems.is_empty(),
            "{:?}",
            outcome.problems.first()
        );
        outcome.verdict.findings.len()
    });
}
