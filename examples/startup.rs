//! Start-up cost of the knowledge detente loads: the embedded dictionaries (Phoenix actor
//! files + detente's supplement, agents) parsed and indexed, then a first analysis.
//!
//! ```text
//! cargo run --release --example startup
//! ```
//! Prints wall-clock times and the process's resident memory (Linux `/proc/self/status`)
//! before and after. Each run is a fresh process, so the times are cold (parse included).

use std::time::Instant;

use detente::{Analyzer, Dictionary};

fn rss_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

fn main() {
    let rss0 = rss_kib("VmRSS:").unwrap_or(0);
    let t0 = Instant::now();
    let actors = Dictionary::shipped();
    let agents = Dictionary::phoenix_agents();
    let load = t0.elapsed();
    let rss1 = rss_kib("VmRSS:").unwrap_or(0);
    let t1 = Instant::now();
    let analyzer = Analyzer::new();
    let text = "U.S. Senator Tom Cotton said President Donald Trump will not meet Iranian analyst Foad Izadi.";
    let a = analyzer.analyze(text, Vec::new());
    let first = t1.elapsed();
    println!(
        "dictionaries: {} actor entries, {} agent entries",
        actors.len(),
        agents.len()
    );
    println!("load + index: {:.1} ms", load.as_secs_f64() * 1e3);
    println!(
        "Analyzer::new + first analysis (no entities): {:.1} ms ({} actors)",
        first.as_secs_f64() * 1e3,
        a.actors.len()
    );
    println!(
        "resident memory: {:.1} MiB before, {:.1} MiB after the dictionaries (+{:.1} MiB); peak {:.1} MiB",
        rss0 as f64 / 1024.0,
        rss1 as f64 / 1024.0,
        (rss1.saturating_sub(rss0)) as f64 / 1024.0,
        rss_kib("VmHWM:").unwrap_or(0) as f64 / 1024.0
    );
}
