//! The tables the build benchmark prints, and what they were measured on.

use std::path::Path;
use std::process::Command;

use super::{Row, Workload, sitegen};

pub(super) fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| workload | incidents | build wall | per incident | build user + sys CPU | peak RSS | files | bytes | check wall | check user + sys CPU | check RSS | runs |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let per_incident = row.build.wall.as_secs_f64() * 1e6 / row.incidents as f64;
        out.push_str(&format!(
            "| {} | {} | {:.3} s | {:.0} µs | {:.2} + {:.2} s | {} | {} | {} | {:.3} s | {:.2} + {:.2} s | {} | {} |\n",
            row.workload.name(),
            thousands(row.incidents as u64),
            row.build.wall.as_secs_f64(),
            per_incident,
            row.build.user,
            row.build.system,
            mib(row.build.peak_rss_kib * 1024),
            thousands(row.files),
            mib(row.bytes),
            row.check.wall.as_secs_f64(),
            row.check.user,
            row.check.system,
            mib(row.check.peak_rss_kib * 1024),
            row.runs,
        ));
    }
    out
}

/// The median build's own phase lines, one column per phase.
pub(super) fn phase_table(rows: &[Row]) -> String {
    let mut verbs: Vec<&str> = Vec::new();
    for (verb, _) in rows.iter().flat_map(|r| &r.phases) {
        if !verbs.contains(&verb.as_str()) {
            verbs.push(verb);
        }
    }
    if verbs.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "phases of the median build, as statusgen prints them:\n\n| workload | incidents | {} |\n|---|---:|{}\n",
        verbs.join(" | "),
        "---:|".repeat(verbs.len())
    );
    for row in rows {
        let cells: Vec<&str> = verbs
            .iter()
            .map(|verb| {
                row.phases
                    .iter()
                    .find(|(v, _)| v == verb)
                    .map_or("", |(_, t)| t.as_str())
            })
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            row.workload.name(),
            thousands(row.incidents as u64),
            cells.join(" | ")
        ));
    }
    out
}

/// What the numbers were measured on.
pub(super) fn machine(bin: &Path, outputs: &Path) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map_or("unknown CPU", |(_, name)| name.trim());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_kib: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let version = Command::new(bin)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "machine: {cores} cores (nproc), {cpu}, {:.1} GiB memory, load average {}\n\
         binary: {} ({version}), seed {}, now {}, outputs in {}",
        memory_kib as f64 / 1024.0 / 1024.0,
        load_average(),
        bin.display(),
        sitegen::SEED,
        Workload::ALL
            .map(|w| format!("{} ({})", w.now(), w.name()))
            .join(" and "),
        outputs.display(),
    )
}

/// The 1, 5 and 15 minute load averages: how busy the machine was around the runs.
pub(super) fn load_average() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    load.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / 1024.0 / 1024.0)
}

/// `12345` → `12,345`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
