//! `check --timings`: where the time went, per phase, and the peak memory, for the terminal.

use std::time::Duration;

use crate::engine::Outcome;
use crate::text::timings::{self, Clock};

const MIB: u64 = 1024 * 1024;

pub fn render(outcome: &Outcome, total: Duration) -> String {
    let files = outcome.sources.len();
    let model = &outcome.model;
    let mut out = format!(
        "Timings: {} file{}, {} applications, {} interfaces, {} data objects, {} findings; {} thread{}\n",
        files,
        if files == 1 { "" } else { "s" },
        model.applications.len(),
        model.interfaces.len(),
        model.data_objects.len(),
        outcome.verdict.findings.len(),
        rayon::current_num_threads(),
        if rayon::current_num_threads() == 1 {
            ""
        } else {
            "s"
        },
    );
    let phases = timings::phases();
    for (phase, took, clock, peak) in phases.iter().filter(|p| p.2 != Clock::Rule) {
        out.push_str(&format!(
            "  {phase:<22} {:>9.3} s{}\n",
            took.as_secs_f64(),
            match (clock, peak) {
                (Clock::Threads, _) => "  (summed over the threads it ran on)".to_owned(),
                (_, Some(bytes)) => format!("  (peak memory by its end {} MiB)", bytes / MIB),
                _ => String::new(),
            }
        ));
        if *phase == "rules" {
            // Slowest first: where a large landscape spends its checking time.
            let mut rules: Vec<_> = phases.iter().filter(|p| p.2 == Clock::Rule).collect();
            rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            for (rule, took, _, _) in rules {
                out.push_str(&format!("    {rule:<20} {:>9.3} s\n", took.as_secs_f64()));
            }
        }
    }
    out.push_str(&format!(
        "  {:<22} {:>9.3} s\n",
        "total",
        total.as_secs_f64()
    ));
    if let Some(bytes) = timings::peak_memory() {
        out.push_str(&format!("  {:<22} {:>9} MiB\n", "peak memory", bytes / MIB));
    }
    out
}
