//! `statusgen import statuspage` of a synthetic Statuspage page with the release binary: the
//! wall time to import 10,000 incidents into an empty folder (the files written and checked,
//! and the closing `check` of the site), peak memory, and a second import of the same page
//! (every file found by its key and compared, nothing written), beside `check` of the
//! result: on a busy machine both slow down alike, so their ratio still tells.
//!
//! ```text
//! cargo bench --bench import                  # 10,000 incidents
//! cargo bench --bench import -- 1000 10000    # chosen sizes
//! STATUSGEN_BENCH_OUT=/dev/shm/bench cargo bench --bench import   # sites written in memory
//! ```
//!
//! The page is generated once per generator version under `target/bench-sites/` with a fixed
//! seed: 13 components in 4 groups, about 5% scheduled maintenance, 2–4 updates per incident
//! with plain-text bodies and the components' transitions, newest first, as Statuspage
//! serves them. The median of 3 runs is printed; nothing is asserted about time.

#[allow(dead_code)]
#[path = "sitegen/rng.rs"]
mod rng;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use rng::Rng;

const GENERATOR_VERSION: u32 = 1;
const SEED: u64 = 13;
const DEFAULT_SIZES: [usize; 1] = [10_000];
/// Under `cargo test --benches` the binary is a debug build: a small page is enough.
const TEST_SIZES: [usize; 1] = [100];
const RUNS: usize = 3;
const GNU_TIME: &str = "/usr/bin/time";
/// 2015-01-01T00:00:00Z: incidents spread over the ten years after it.
const EPOCH: i64 = 1_420_070_400;

/// (id, name, group id)
const COMPONENTS: [(&str, &str, &str); 13] = [
    ("c0api0000001", "Public API", "g0platform01"),
    ("c0web0000001", "Website", "g0platform01"),
    ("c0auth000001", "Login and SSO", "g0platform01"),
    ("c0cdn0000001", "CDN", "g0platform01"),
    ("c0chat000001", "Chat", "g0messaging1"),
    ("c0push000001", "Push notifications", "g0messaging1"),
    ("c0email00001", "Email delivery", "g0messaging1"),
    ("c0pay0000001", "Payments", "g0payments01"),
    ("c0bill000001", "Billing", "g0payments01"),
    ("c0inv0000001", "Invoices", "g0payments01"),
    ("c0search0001", "Search", "g0data000001"),
    ("c0store00001", "File storage", "g0data000001"),
    ("c0stats00001", "Analytics", "g0data000001"),
];
const GROUPS: [(&str, &str); 4] = [
    ("g0platform01", "Platform"),
    ("g0messaging1", "Messaging"),
    ("g0payments01", "Payments"),
    ("g0data000001", "Data"),
];
const WHAT: [&str; 8] = [
    "Elevated error rates",
    "Increased latency",
    "Degraded performance",
    "Partial outage",
    "Delayed processing",
    "Intermittent failures",
    "Connectivity issues",
    "Timeouts",
];
const SENTENCES: [&str; 10] = [
    "We are investigating reports of errors.",
    "A subset of requests fail with HTTP 503.",
    "The issue has been identified and a fix is being deployed.",
    "Engineers rolled back the latest release.",
    "We are monitoring the results.",
    "Error rates are back to normal levels.",
    "Customers in eu-west may see timeouts of up to 30 s.",
    "Queued jobs will be processed automatically; no action is needed.",
    "The database primary failed over to its replica.",
    "Next update in 30 minutes.",
];
const STATES: [&str; 3] = ["degraded_performance", "partial_outage", "major_outage"];

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let bench = std::env::args().any(|a| a == "--bench");
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(|a| {
            a.replace(['_', ','], "")
                .parse::<usize>()
                .map_err(|_| format!("'{a}' is not a number of incidents"))
        })
        .collect::<Result<_, _>>()?;
    if sizes.is_empty() {
        sizes = if bench {
            DEFAULT_SIZES.to_vec()
        } else {
            TEST_SIZES.to_vec()
        };
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_statusgen"));
    let mut rows = Vec::new();
    for size in sizes {
        rows.push(measure(&bin, size)?);
    }
    println!();
    println!(
        "| incidents | import wall | CPU user + system | per incident | peak RSS | files | second import (unchanged) | `check` of the result | import / check | target |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for row in rows {
        let cpu = row
            .first
            .cpu
            .map_or("-".into(), |(u, s)| format!("{u:.2} s + {s:.2} s"));
        let rss = row
            .first
            .peak_kib
            .map_or("-".into(), |k| format!("{} MiB", k / 1024));
        let wall = row.first.wall.as_secs_f64();
        println!(
            "| {} | {wall:.3} s | {cpu} | {:.0} µs | {rss} | {} | {:.3} s | {:.3} s | {:.1} | < 1 s for 10,000 |",
            thousands(row.incidents),
            wall * 1e6 / row.incidents as f64,
            thousands(row.files),
            row.second.wall.as_secs_f64(),
            row.check.wall.as_secs_f64(),
            wall / row.check.wall.as_secs_f64(),
        );
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    println!(
        "binary: {}; load average {}. Each import ends with `check` of the site it wrote. Not asserted.",
        bin.display(),
        load.join(" ")
    );
    Ok(())
}

struct Row {
    incidents: usize,
    first: Measured,
    files: usize,
    second: Measured,
    check: Measured,
}

#[derive(Clone, Copy)]
struct Measured {
    wall: Duration,
    /// From GNU time, when it is installed.
    peak_kib: Option<u64>,
    cpu: Option<(f64, f64)>,
}

fn measure(bin: &Path, size: usize) -> Result<Row, String> {
    let page = ensure_page(size)?;
    let page_arg = page.to_string_lossy().into_owned();
    let outputs = std::env::var_os("STATUSGEN_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| page.with_file_name("import-out"))
        .join(format!("import-{size}"));
    let _ = std::fs::remove_dir_all(&outputs);
    let mut firsts = Vec::new();
    for run in 1..=RUNS {
        let site = outputs.join(format!("run{run}"));
        let site_arg = site.to_string_lossy().into_owned();
        let args = ["-q", "import", "statuspage", &page_arg, "--into", &site_arg];
        let measured = timed(bin, &args, &outputs.join("time.txt"))?;
        eprintln!(
            "[{size}] import {run}/{RUNS}: {:.3} s",
            measured.wall.as_secs_f64()
        );
        firsts.push(measured);
    }
    firsts.sort_by_key(|m| m.wall);
    let first = firsts[firsts.len() / 2];
    let site = outputs.join("run1");
    let files = count_files(&site.join("incidents"));
    let site_arg = site.to_string_lossy().into_owned();
    let args = ["-q", "import", "statuspage", &page_arg, "--into", &site_arg];
    let second = timed(bin, &args, &outputs.join("time.txt"))?;
    eprintln!("[{size}] second import: {:.3} s", second.wall.as_secs_f64());
    // `check` of the same site, as a yardstick that a busy machine slows down alike.
    let mut checks = Vec::new();
    for _ in 0..RUNS {
        checks.push(timed(
            bin,
            &["-q", "check", &site_arg],
            &outputs.join("time.txt"),
        )?);
    }
    checks.sort_by_key(|m| m.wall);
    let check = checks[checks.len() / 2];
    eprintln!("[{size}] check: {:.3} s", check.wall.as_secs_f64());
    let _ = std::fs::remove_dir_all(&outputs);
    Ok(Row {
        incidents: size,
        first,
        files,
        second,
        check,
    })
}

/// Wall time measured here; peak RSS and CPU time from GNU time when it is installed.
fn timed(bin: &Path, args: &[&str], time_file: &Path) -> Result<Measured, String> {
    let gnu_time = Path::new(GNU_TIME).is_file();
    let mut command = if gnu_time {
        let mut c = Command::new(GNU_TIME);
        c.arg("-f")
            .arg("%M %U %S")
            .arg("-o")
            .arg(time_file)
            .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    if let Some(parent) = time_file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let started = Instant::now();
    let output = command
        .args(args)
        .output()
        .map_err(|e| format!("cannot run statusgen: {e}"))?;
    let wall = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "`statusgen {}` failed:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report = if gnu_time {
        std::fs::read_to_string(time_file).unwrap_or_default()
    } else {
        String::new()
    };
    // GNU time may put a line about the exit status first: ours is the last line.
    let fields: Vec<f64> = report
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    Ok(Measured {
        wall,
        peak_kib: fields.first().map(|k| *k as u64),
        cpu: (fields.len() == 3).then(|| (fields[1], fields[2])),
    })
}

fn count_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                count_files(&e.path())
            } else {
                1
            }
        })
        .sum()
}

fn thousands(n: usize) -> String {
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

/// `target/bench-sites/import-N-seedS/` with `components.json`, `incidents.json` and
/// `scheduled-maintenances.json`, generated unless already there for this version.
fn ensure_page(size: usize) -> Result<PathBuf, String> {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp
        .parent()
        .unwrap_or(tmp)
        .join("bench-sites")
        .join(format!("import-{size}-seed{SEED}"));
    let stamp = dir.join(".bench-page");
    let expected = format!("generator {GENERATOR_VERSION}, {size} incidents, seed {SEED}\n");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == expected) {
        return Ok(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let (incidents, maintenances) = generate(size);
    let page = "\"page\": {\"id\": \"benchpage001\", \"name\": \"Bench Cloud\", \"url\": \"https://status.bench.example\", \"time_zone\": \"Etc/UTC\", \"updated_at\": \"2025-01-01T00:00:00.000Z\"}";
    let files = [
        (
            "components.json",
            format!("{{{page}, \"components\": [{}]}}\n", components()),
        ),
        (
            "incidents.json",
            format!("{{{page}, \"incidents\": [{}]}}\n", incidents.join(",\n")),
        ),
        (
            "scheduled-maintenances.json",
            format!(
                "{{{page}, \"scheduled_maintenances\": [{}]}}\n",
                maintenances.join(",\n")
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    std::fs::write(&stamp, expected).map_err(|e| e.to_string())?;
    Ok(dir)
}

fn components() -> String {
    let mut out = Vec::new();
    for (n, (id, name)) in GROUPS.iter().enumerate() {
        out.push(format!("{{\"id\": \"{id}\", \"name\": \"{name}\", \"status\": \"operational\", \"position\": {}, \"description\": null, \"group_id\": null, \"group\": true}}", n + 1));
    }
    for (n, (id, name, group)) in COMPONENTS.iter().enumerate() {
        out.push(format!("{{\"id\": \"{id}\", \"name\": \"{name}\", \"status\": \"operational\", \"position\": {}, \"description\": \"The {name} service\", \"group_id\": \"{group}\", \"group\": false}}", n % 4 + 1));
    }
    out.join(",\n")
}

fn time(seconds: i64, millis: u64) -> String {
    let t = chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    format!("{}.{millis:03}Z", t.format("%Y-%m-%dT%H:%M:%S"))
}

/// `size` incidents and maintenances, newest first, as Statuspage lists them.
fn generate(size: usize) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng::new(SEED);
    let span = 10 * 365 * 86_400;
    let (mut incidents, mut maintenances) = (Vec::new(), Vec::new());
    for n in 0..size {
        let start = EPOCH + (span * n as i64) / size as i64 + rng.below(3_600) as i64;
        let ongoing = n + 3 >= size;
        if rng.chance(0.05) {
            maintenances.push(maintenance(&mut rng, n, start));
        } else {
            incidents.push(incident(&mut rng, n, start, ongoing));
        }
    }
    incidents.reverse();
    maintenances.reverse();
    (incidents, maintenances)
}

fn body(rng: &mut Rng) -> String {
    let mut text = String::new();
    for i in 0..rng.range(1, 3) {
        if i > 0 {
            text.push_str(if rng.chance(0.3) { "\\n" } else { " " });
        }
        let sentence: &&str = rng.pick(&SENTENCES);
        text.push_str(sentence);
    }
    text
}

fn incident(rng: &mut Rng, n: usize, start: i64, ongoing: bool) -> String {
    let affected: Vec<(&str, &str)> = (0..rng.range(1, 3))
        .map(|_| {
            let (id, name, _) = rng.pick(&COMPONENTS);
            (*id, *name)
        })
        .collect();
    let statuses = ["investigating", "identified", "monitoring", "resolved"];
    let count = rng.range(2, 4) as usize;
    let mut at = start;
    let mut updates = Vec::new();
    for u in 0..count {
        let last = u + 1 == count;
        let status = if last && !ongoing {
            "resolved"
        } else {
            statuses[u.min(2)]
        };
        let mut items = String::new();
        for (i, (code, name)) in affected.iter().enumerate() {
            let state = if status == "resolved" {
                "operational"
            } else {
                STATES[(u + i + n) % 3]
            };
            let _ = write!(
                items,
                "{}{{\"code\": \"{code}\", \"name\": \"{name}\", \"old_status\": \"operational\", \"new_status\": \"{state}\"}}",
                if i > 0 { ", " } else { "" }
            );
        }
        let stamp = time(at, rng.below(1000));
        updates.push(format!("{{\"id\": \"u{n:07}{u}\", \"status\": \"{status}\", \"body\": \"{}\", \"incident_id\": \"i{n:011}\", \"created_at\": \"{stamp}\", \"updated_at\": \"{stamp}\", \"display_at\": \"{stamp}\", \"affected_components\": [{items}], \"deliver_notifications\": true, \"custom_tweet\": null, \"tweet_id\": null}}", body(rng)));
        at += rng.range(300, 7_200) as i64;
    }
    let end = at - 1;
    updates.reverse();
    let resolved = if ongoing {
        "null".into()
    } else {
        format!("\"{}\"", time(end, 0))
    };
    format!(
        "{{\"id\": \"i{n:011}\", \"name\": \"{} of {}\", \"status\": \"{}\", \"created_at\": \"{}\", \"updated_at\": \"{}\", \"monitoring_at\": null, \"resolved_at\": {resolved}, \"impact\": \"{}\", \"shortlink\": \"https://stspg.io/x\", \"started_at\": \"{}\", \"page_id\": \"benchpage001\", \"incident_updates\": [{}], \"components\": []}}",
        rng.pick(&WHAT),
        rng.pick(&COMPONENTS).1,
        if ongoing { "identified" } else { "resolved" },
        time(start, 0),
        time(end, 0),
        rng.pick(&["minor", "major", "critical"]),
        time(start, 0),
        updates.join(", ")
    )
}

fn maintenance(rng: &mut Rng, n: usize, start: i64) -> String {
    let (code, name, _) = *rng.pick(&COMPONENTS);
    let end = start + 7_200;
    let announce = time(start - 172_800, 0);
    let items = |state: &str| {
        format!(
            "[{{\"code\": \"{code}\", \"name\": \"{name}\", \"old_status\": \"operational\", \"new_status\": \"{state}\"}}]"
        )
    };
    let update = |id: &str, status: &str, at: &str, state: &str| {
        format!(
            "{{\"id\": \"{id}\", \"status\": \"{status}\", \"body\": \"Planned work on {name}.\", \"created_at\": \"{at}\", \"display_at\": \"{at}\", \"affected_components\": {}}}",
            items(state)
        )
    };
    format!(
        "{{\"id\": \"m{n:011}\", \"name\": \"Planned maintenance {n}\", \"status\": \"completed\", \"created_at\": \"{announce}\", \"resolved_at\": \"{}\", \"impact\": \"maintenance\", \"started_at\": \"{announce}\", \"scheduled_for\": \"{}\", \"scheduled_until\": \"{}\", \"incident_updates\": [{}, {}, {}], \"components\": []}}",
        time(end, 0),
        time(start, 0),
        time(end, 0),
        update("c", "completed", &time(end, 0), "operational"),
        update("p", "in_progress", &time(start, 0), "under_maintenance"),
        update("s", "scheduled", &announce, "operational"),
    )
}
