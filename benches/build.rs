//! Whole builds of generated sites of 1,000, 10,000 and 100,000 incidents with the release
//! binary: wall time, peak memory, files and bytes written, and `check` alone; for each of two
//! workloads, the project's own synthetic sites and the sites of the comparison with cState.
//!
//! ```text
//! cargo bench --bench build                       # both workloads, all three sizes
//! cargo bench --bench build -- 1000 10000         # chosen sizes (also STATUSGEN_BENCH_SIZES=1000,10000)
//! cargo bench --bench build -- comparison 10000   # one workload (synthetic or comparison)
//! STATUSGEN_BENCH_RUNS=5 cargo bench --bench build -- 1000
//! ```
//!
//! Sites are generated once per generator version under `target/bench-sites/` (see
//! `sitegen`). Each build goes into a new empty folder; its wall time is measured here, its
//! peak RSS and CPU time by GNU time (`/usr/bin/time`). The median of 3 runs is reported (1
//! run from 100,000 incidents on). Nothing is asserted about time: this prints, it does not
//! judge.
//!
//! Every run writes to a folder of its own, and the outputs are deleted only after the last
//! run: on some disks deleting ten thousand files costs far more than writing them (on ext4
//! mounted with `discard`, each deleted file or folder waits for the disk to discard its
//! blocks) and slows down whatever creates files next. CPU time is printed beside wall time
//! for the same reason, and because other work on the machine stretches wall time: it is the
//! part of the build that neither blurs much. Best of all is an idle machine and outputs in
//! memory (`STATUSGEN_BENCH_OUT=/dev/shm/...`).
//!
//! Cargo builds the `statusgen` binary for benchmarks, with the bench profile (release
//! settings), and tells us where: `CARGO_BIN_EXE_statusgen`.

#[path = "build/report.rs"]
mod report;
mod sitegen;

use sitegen::Workload;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// Under `cargo test --benches` the binary is a debug build: one small site is enough.
const TEST_SIZES: [usize; 1] = [100];
const GNU_TIME: &str = "/usr/bin/time";
/// From this size on, one run: the median of three would take minutes.
const ONE_RUN_FROM: usize = 100_000;

const USAGE: &str = "usage: cargo bench --bench build [-- [WORKLOAD...] [SIZE...]]
  WORKLOAD                synthetic or comparison (default: both)
  SIZE                    incidents per site, e.g. 1000 or 10k (default: 1000 10000 100000)
environment:
  STATUSGEN_BENCH_SIZES   comma-separated sizes, when none are given as arguments
  STATUSGEN_BENCH_RUNS    runs per size (default: 3, and 1 from 100000 incidents)
  STATUSGEN_BENCH_OUT     folder for the build outputs (default: target/bench-sites/out;
                          e.g. /dev/shm/statusgen-bench to take the disk out of the numbers)
  STATUSGEN_BENCH_KEEP=1  keep the output folders";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    workloads: Vec<Workload>,
    sizes: Vec<usize>,
    runs: Option<usize>,
    /// Where each run gets a new folder; emptied before each run unless `keep`.
    outputs: PathBuf,
    keep: bool,
}

fn run() -> Result<(), String> {
    let Some(options) = options()? else {
        println!("{USAGE}");
        return Ok(());
    };
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_statusgen"));
    if !bin.is_file() {
        return Err(format!(
            "{} is missing: run this through `cargo bench --bench build`, which builds it",
            bin.display()
        ));
    }
    if !Path::new(GNU_TIME).is_file() {
        return Err(format!(
            "GNU time is not installed at {GNU_TIME}; it measures peak memory: `apt-get install -y time`"
        ));
    }
    println!("{}", report::machine(&bin, &options.outputs));
    // Left by an interrupted run or STATUSGEN_BENCH_KEEP.
    remove(&options.outputs)?;
    let mut rows = Vec::new();
    for &workload in &options.workloads {
        for &size in &options.sizes {
            rows.push(measure(&bin, workload, size, &options)?);
        }
    }
    if !options.keep {
        remove(&options.outputs)?;
        settle_disk();
    }
    println!();
    println!("{}", report::table(&rows));
    println!("load average at the end: {}\n", report::load_average());
    println!("{}", report::phase_table(&rows));
    println!(
        "targets (release, 2 idle cores, empty folder, both workloads): 1,000 ≤ 0.15 s ≤ 100 MB; \
         10,000 ≤ 1.0 s ≤ 250 MB (0.5 s hoped for); 100,000 ≤ 12 s ≤ 1.5 GB; check 10,000 ≤ 0.3 s. \
         Not asserted; wall time is only comparable on an idle machine (see the load average above \
         and the CPU columns)."
    );
    Ok(())
}

/// Sizes from the arguments (cargo adds `--bench`), else the environment, else the default.
fn options() -> Result<Option<Options>, String> {
    let mut sizes = Vec::new();
    let mut workloads = Vec::new();
    let mut bench = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--bench" => bench = true,
            "-h" | "--help" => return Ok(None),
            _ => match Workload::parse(&arg) {
                Some(workload) => workloads.push(workload),
                None => sizes.push(parse_size(&arg)?),
            },
        }
    }
    if workloads.is_empty() {
        workloads = Workload::ALL.to_vec();
    }
    if sizes.is_empty()
        && let Ok(list) = std::env::var("STATUSGEN_BENCH_SIZES")
    {
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            sizes.push(parse_size(item)?);
        }
    }
    if sizes.is_empty() {
        sizes = if bench {
            DEFAULT_SIZES.to_vec()
        } else {
            TEST_SIZES.to_vec()
        };
    }
    let runs = match std::env::var("STATUSGEN_BENCH_RUNS") {
        Ok(text) => Some(
            text.trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("STATUSGEN_BENCH_RUNS '{text}' is not a positive number"))?,
        ),
        Err(_) => None,
    };
    let outputs = std::env::var_os("STATUSGEN_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| sitegen::sites_dir().join("out"));
    let keep = std::env::var("STATUSGEN_BENCH_KEEP").is_ok_and(|v| v == "1");
    Ok(Some(Options {
        workloads,
        sizes,
        runs,
        outputs,
        keep,
    }))
}

/// `1000`, `1_000`, `10k`.
fn parse_size(text: &str) -> Result<usize, String> {
    let clean = text.replace(['_', ','], "").to_ascii_lowercase();
    let (digits, scale) = match clean.strip_suffix('k') {
        Some(digits) => (digits, 1_000),
        None => (clean.as_str(), 1),
    };
    digits
        .parse::<usize>()
        .ok()
        .map(|n| n * scale)
        .filter(|n| *n >= 5)
        .ok_or_else(|| format!("'{text}' is not a site size (5 incidents or more)\n{USAGE}"))
}

/// One workload at one size: the site, its builds and checks.
struct Row {
    workload: Workload,
    incidents: usize,
    build: Measured,
    check: Measured,
    files: u64,
    bytes: u64,
    runs: usize,
    /// (verb, time) of the phase lines the median build printed.
    phases: Vec<(String, String)>,
}

struct Measured {
    wall: Duration,
    peak_rss_kib: u64,
    /// CPU seconds in user and kernel mode, from GNU time.
    user: f64,
    system: f64,
    stdout: String,
}

fn measure(bin: &Path, workload: Workload, size: usize, options: &Options) -> Result<Row, String> {
    let started = Instant::now();
    let label = format!("{} {size}", workload.name());
    eprintln!("[{label}] generating or reusing the site ...");
    let (site, stats) = sitegen::ensure_site(workload, size, sitegen::SEED)?;
    eprintln!(
        "[{label}] site ready: {} ({:.1} s)\n[{label}] {stats}",
        site.display(),
        started.elapsed().as_secs_f64()
    );
    let now = workload.now();
    let runs = options
        .runs
        .unwrap_or(if size >= ONE_RUN_FROM { 1 } else { 3 });
    let time_file = sitegen::sites_dir().join(format!("time-{}-{size}.txt", workload.name()));
    let site_arg = site.to_string_lossy().into_owned();

    let mut builds = Vec::with_capacity(runs);
    let mut written = (0, 0);
    for run in 1..=runs {
        let out = options
            .outputs
            .join(format!("{}-{size}-run{run}", workload.name()));
        let out_arg = out.to_string_lossy().into_owned();
        // Each build starts from an empty folder, as a user's first build does, and (unless
        // the outputs are kept) with the memory of the runs before given back: a machine
        // slow to hand out memory it has not used for a while would otherwise charge every
        // run for its first touch of a new output's pages.
        if !options.keep {
            remove(&options.outputs)?;
        }
        // What the run before wrote or removed is on disk before the clock starts.
        settle_disk();
        let args = ["build", &site_arg, "-o", &out_arg, "--now", now];
        let measured = timed(bin, &args, &time_file)?;
        written = count_files(&out)?;
        eprintln!(
            "[{label}] build {run}/{runs}: {:.3} s wall, {:.2} s user, {:.2} s system, {} MiB",
            measured.wall.as_secs_f64(),
            measured.user,
            measured.system,
            measured.peak_rss_kib / 1024
        );
        builds.push(measured);
    }
    settle_disk();
    let mut checks = Vec::with_capacity(runs);
    for run in 1..=runs {
        let measured = timed(bin, &["check", &site_arg, "--now", now], &time_file)?;
        eprintln!(
            "[{label}] check {run}/{runs}: {:.3} s wall, {:.2} s user",
            measured.wall.as_secs_f64(),
            measured.user
        );
        checks.push(measured);
    }
    let _ = std::fs::remove_file(&time_file);
    let build = median(builds);
    let phases = phases(&build.stdout);
    Ok(Row {
        workload,
        incidents: size,
        build,
        check: median(checks),
        files: written.0,
        bytes: written.1,
        runs,
        phases,
    })
}

/// Runs the binary under GNU time: wall time measured here (to the microsecond, where
/// `%e` has centiseconds); peak RSS (`%M`, KiB) and CPU time (`%U`, `%S`) from GNU time.
fn timed(bin: &Path, args: &[&str], time_file: &Path) -> Result<Measured, String> {
    let started = Instant::now();
    let output = Command::new(GNU_TIME)
        .arg("-f")
        .arg("%e %M %U %S")
        .arg("-o")
        .arg(time_file)
        .arg(bin)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {GNU_TIME}: {e}"))?;
    let wall = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "`statusgen {}` failed ({}):\n{}{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report = std::fs::read_to_string(time_file)
        .map_err(|e| format!("cannot read {}: {e}", time_file.display()))?;
    // GNU time may put a line about the exit status first: ours is the last line.
    let fields: Vec<&str> = report
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    let (Some(kib), Some(user), Some(system)) = (field(1), field(2), field(3)) else {
        return Err(format!("cannot read GNU time's report: {report:?}"));
    };
    Ok(Measured {
        wall,
        peak_rss_kib: kib as u64,
        user,
        system,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    })
}

/// The run with the median wall time (the upper one of an even count).
fn median(mut runs: Vec<Measured>) -> Measured {
    runs.sort_by_key(|m| m.wall);
    runs.swap_remove(runs.len() / 2)
}

/// `      Loaded 1000 incident files (12 ms)` → ("Loaded", "12 ms"), for each phase line.
fn phases(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|line| {
            let verb = line.split_whitespace().next()?;
            let time = line.trim_end().strip_suffix(')')?;
            let time = &time[time.rfind('(')? + 1..];
            Some((verb.to_string(), time.to_string()))
        })
        .collect()
}

/// Regular files under `dir` and their total size.
fn count_files(dir: &Path) -> Result<(u64, u64), String> {
    let (mut files, mut bytes) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let kind = entry
                .file_type()
                .map_err(|e| format!("cannot stat {}: {e}", entry.path().display()))?;
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                files += 1;
                bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    Ok((files, bytes))
}

/// Flushes what earlier runs (and the generator) wrote, so their write-back does not land
/// in the next run's time. Best effort: without `sync` the numbers are only noisier.
fn settle_disk() {
    let _ = Command::new("sync").status();
}

fn remove(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}
