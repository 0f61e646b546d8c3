//! Where a run's time goes, for `gemmalint check --timings`: wall-clock time per phase, and for
//! the phases that run per file in parallel (read, parse, model) the time summed over threads.
//! One run at a time records; recording costs a clock read per phase and per file.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A phase's time: on the wall clock, or summed over the threads that shared it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    Wall,
    Threads,
    /// One rule's check, within `rules` (the checks run side by side).
    Rule,
}

/// One phase: its name, its time, how that was clocked, and the process's peak memory when it
/// ended (for the phases on the wall clock).
pub type Phase = (&'static str, Duration, Clock, Option<u64>);

static PHASES: Mutex<Vec<Phase>> = Mutex::new(Vec::new());

fn record(phase: &'static str, took: Duration, clock: Clock) {
    let peak = if clock == Clock::Wall {
        peak_memory()
    } else {
        None
    };
    let mut phases = PHASES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match phases.iter_mut().find(|(p, _, _, _)| *p == phase) {
        Some((_, total, _, at_end)) => {
            *total += took;
            *at_end = peak.max(*at_end);
        }
        None => phases.push((phase, took, clock, peak)),
    }
}

/// Forgets what an earlier run in this process recorded.
pub fn reset() {
    PHASES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
}

/// Runs one phase on the wall clock.
pub fn phase<T>(phase: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    record(phase, start.elapsed(), Clock::Wall);
    out
}

/// Runs one thread's share of a phase that runs in parallel: the shares are summed.
pub fn share<T>(phase: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    record(phase, start.elapsed(), Clock::Threads);
    out
}

/// Runs one rule's check.
pub fn rule<T>(rule: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    record(rule, start.elapsed(), Clock::Rule);
    out
}

/// The phases in the order they first ran.
pub fn phases() -> Vec<Phase> {
    PHASES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// The process's peak resident memory in bytes, where the system says (Linux).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}
