//! A mutation fuzzer on the stable toolchain (proptest): model files from the examples and the
//! rule fixtures, mutated the way careless and hostile edits mutate them, run through the loader
//! and every output format. For each input it holds that
//!
//! - nothing panics, and the exit code is 0, 1 or 2;
//! - exit 2 means problems, and every problem has a place (file and line);
//! - JSON, SARIF and GitLab output parse as JSON, and JUnit as well-formed XML 1.0;
//! - no raw control character reaches the terminal, a CI log or Markdown.
//!
//! `cargo test` runs one short round. `GEMMALINT_FUZZ_SECONDS=60 cargo test --test fuzz` runs
//! rounds for a minute (`.ci/run` does); a long run: `GEMMALINT_FUZZ_SECONDS=3600 cargo test
//! --release --test fuzz -- --nocapture`. A failure is shrunk to a small input and printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;
use gemmalint::cli::{self, Cli, Command};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Every model file of the examples and the rule fixtures: the corpus.
fn corpus() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("examples"), &mut files);
    walk(&root.join("tests/fixtures/rules"), &mut files);
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .filter(|t| t.len() < 64 * 1024)
        .collect()
}

/// Cases per round: one round is what `cargo test` runs.
const CASES: u32 = 8;

/// One edit to a file: where (a fraction of its length) and what.
#[derive(Clone, Debug)]
enum Edit {
    Insert(f64, &'static str),
    Delete(f64, usize),
    DuplicateLine(f64),
    SwapLines(f64, f64),
    Byte(f64, u8),
}

/// What careless and hostile edits put into YAML.
const TOKENS: &[&str] = &[
    "\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "  ",
    ":",
    ": ",
    "- ",
    "-",
    "#",
    "'",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&a [*a]",
    "!!str ",
    "!!int ",
    "!!map ",
    "!custom ",
    "~",
    "null",
    "---\n",
    "...\n",
    "? ",
    "|\n",
    ">\n",
    "\u{feff}",
    "\u{200b}",
    "\u{202e}",
    "\u{1b}[31m",
    "\u{7}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{0}",
    "é",
    "x-",
    "application:",
    "*",
    "%",
    "`",
    "<script>",
    "\\",
    "2026-02-30",
    "1.10",
    "0x1F",
    ".inf",
    "yes",
    "true",
    "owner: ",
    "role: source",
    "from: ",
    "rule: ",
    "target: 'application:*'",
    "expires: 2026-01-01",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0.0..1.0f64, prop::sample::select(TOKENS)).prop_map(|(a, t)| Edit::Insert(a, t)),
        2 => (0.0..1.0f64, 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        1 => (0.0..1.0f64).prop_map(Edit::DuplicateLine),
        1 => (0.0..1.0f64, 0.0..1.0f64).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        2 => (0.0..1.0f64, any::<u8>()).prop_map(|(a, b)| Edit::Byte(a, b)),
    ]
}

/// A char boundary near a fraction of the text.
fn at(text: &str, fraction: f64) -> usize {
    let mut i = ((text.len() as f64) * fraction) as usize;
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut text = text.to_owned();
    let mut bytes: Option<Vec<u8>> = None;
    for e in edits {
        match e {
            Edit::Insert(a, t) => {
                let i = at(&text, *a);
                text.insert_str(i, t);
            }
            Edit::Delete(a, n) => {
                let i = at(&text, *a);
                let j = at(&text, ((i + n) as f64 / text.len().max(1) as f64).min(1.0));
                text.replace_range(i..j.max(i), "");
            }
            Edit::DuplicateLine(a) | Edit::SwapLines(a, _) => {
                let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
                let i = ((lines.len() as f64) * a) as usize % lines.len();
                if let Edit::SwapLines(_, b) = e {
                    let j = ((lines.len() as f64) * b) as usize % lines.len();
                    lines.swap(i, j);
                } else {
                    let line = lines[i].clone();
                    lines.insert(i, line);
                }
                text = lines.join("\n");
            }
            Edit::Byte(a, b) => {
                // The one edit that may break UTF-8: it is the last.
                let mut raw = text.clone().into_bytes();
                let i = ((raw.len() as f64) * a) as usize;
                if i < raw.len() {
                    raw[i] = *b;
                }
                bytes = Some(raw);
                break;
            }
        }
    }
    bytes.unwrap_or_else(|| text.into_bytes())
}

/// Runs `gemmalint check` in-process on the directory, in one format.
fn check(dir: &Path, format: &str) -> cli::Done {
    let dir = dir.to_string_lossy().into_owned();
    let cli = Cli::try_parse_from([
        "gemmalint",
        "--color",
        "never",
        "check",
        &dir,
        "--no-config",
        "--today",
        "2026-11-28",
        "--format",
        format,
    ])
    .expect("the arguments parse");
    let Command::Check(args) = &cli.command else {
        unreachable!("the command is check")
    };
    cli::check::run(args, cli.color)
}

fn raw_control(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
}

fn xml_well_formed(xml: &str) -> Result<(), String> {
    if let Some(c) = xml.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
    }) {
        return Err(format!("{c:?} is not allowed in XML 1.0"));
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// Every property above, for one mutated file.
fn holds(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("m.yaml"), bytes).expect("write the model file");
    let json = check(dir.path(), "json");
    prop_assert!(json.code <= 2, "exit code {}", json.code);
    let report: serde_json::Value = serde_json::from_str(&json.stdout)
        .map_err(|e| TestCaseError::fail(format!("JSON does not parse: {e}")))?;
    if json.code == 2 {
        let problems = report["problems"].as_array().cloned().unwrap_or_default();
        prop_assert!(!problems.is_empty(), "exit 2 without a problem");
        for p in &problems {
            prop_assert!(
                p["file"].is_string() && p["line"].is_u64(),
                "a problem without a place: {p}"
            );
        }
    }
    for format in ["sarif", "gitlab"] {
        let out = check(dir.path(), format);
        prop_assert_eq!(out.code, json.code);
        serde_json::from_str::<serde_json::Value>(&out.stdout)
            .map_err(|e| TestCaseError::fail(format!("{format} does not parse: {e}")))?;
    }
    let junit = check(dir.path(), "junit");
    xml_well_formed(&junit.stdout)
        .map_err(|e| TestCaseError::fail(format!("JUnit is not well-formed: {e}")))?;
    for format in ["human", "github", "markdown"] {
        let out = check(dir.path(), format);
        prop_assert_eq!(out.code, json.code);
        if let Some(c) = raw_control(&out.stdout) {
            return Err(TestCaseError::fail(format!(
                "a raw {c:?} in --format {format}:\n{}",
                out.stdout
            )));
        }
    }
    Ok(())
}

#[test]
fn mutated_models_never_break_an_output() {
    let corpus = corpus();
    assert!(corpus.len() > 20, "the corpus is the examples and fixtures");
    let seconds: u64 = std::env::var("GEMMALINT_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let strategy = (0..corpus.len(), prop::collection::vec(edit(), 1..6));
    let mut cases = 0u64;
    for round in 0u64.. {
        let config = Config {
            cases: CASES,
            failure_persistence: None,
            ..Config::default()
        };
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&round.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
        let mut runner = TestRunner::new_with_rng(config, rng);
        let outcome = runner.run(&strategy, |(file, edits)| {
            holds(&apply(&corpus[file], &edits))
        });
        if let Err(e) = outcome {
            panic!("round {round}: {e}");
        }
        cases += u64::from(CASES);
        if Instant::now() >= deadline {
            break;
        }
    }
    eprintln!("fuzz: {cases} mutated models, each in seven formats");
}
