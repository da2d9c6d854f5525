//! Synthetic status sites for the benchmarks: fixed-seed generators of `status.yaml` and
//! `incidents/`, so every run and every machine measures the same input. Two workloads:
//!
//! - [`Workload::Synthetic`], the project's own: 13 services in 4 groups, incidents spread
//!   over ten years up to [`NOW`], 1–3 services per incident with 2–5 entries each (`at` in
//!   every spelling), 2–4 updates with Markdown bodies (bold, lists, links), about 5%
//!   maintenance (plain service lists, announced before the window, two still upcoming), 3
//!   incidents ongoing at [`NOW`], files in a folder per year.
//! - [`Workload::Comparison`], the workload statusgen is compared with cState on (see
//!   [`comparison`]): shorter files of plain sentences in flow style, all in one folder.
//!
//! Sites are cached under `target/bench-sites/WORKLOAD-N-seedS/` with a stamp file; bump
//! [`GENERATOR_VERSION`] whenever the output changes, so stale sites are regenerated.

mod comparison;
mod incident;
mod rng;
mod text;
mod time;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rng::Rng;
use time::{DAY, OFFSET_SECONDS, civil_from_days};

/// Bump when the generated files change.
pub(crate) const GENERATOR_VERSION: u32 = 2;
/// The seed of every benchmark site.
pub(crate) const SEED: u64 = 13;
/// The moment every site of the synthetic workload is built at (`--now`).
pub(crate) const NOW: &str = "2025-11-25T12:00:00+09:00";

const STAMP: &str = ".bench-site";
const STATS: &str = ".bench-stats";
const BASE_URL: &str = "https://status.bench.example/";

/// (id, name, group)
const SERVICES: [(&str, &str, &str); 13] = [
    ("api", "Public API", "Platform"),
    ("web", "Website", "Platform"),
    ("auth", "Login and SSO", "Platform"),
    ("cdn", "CDN", "Platform"),
    ("chat", "Chat", "Messaging"),
    ("push", "Push notifications", "Messaging"),
    ("email", "Email delivery", "Messaging"),
    ("payments", "Payments", "Payments"),
    ("billing", "Billing", "Payments"),
    ("invoices", "Invoices", "Payments"),
    ("search", "Search", "Data"),
    ("storage", "File storage", "Data"),
    ("analytics", "Analytics", "Data"),
];

/// The kind of site a benchmark builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Workload {
    Synthetic,
    Comparison,
}

impl Workload {
    pub(crate) const ALL: [Workload; 2] = [Workload::Synthetic, Workload::Comparison];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Workload::Synthetic => "synthetic",
            Workload::Comparison => "comparison",
        }
    }

    #[allow(dead_code)] // `benches/parts.rs` shares this module and does not parse names.
    pub(crate) fn parse(text: &str) -> Option<Workload> {
        Workload::ALL.into_iter().find(|w| w.name() == text)
    }

    /// `--now` of its builds.
    pub(crate) fn now(self) -> &'static str {
        match self {
            Workload::Synthetic => NOW,
            Workload::Comparison => comparison::NOW,
        }
    }
}

/// What a generated site holds, counted on the text of its incident files.
#[derive(Debug, Default)]
struct Stats {
    files: usize,
    bytes: usize,
    maintenance: usize,
    notices: usize,
    unresolved: usize,
    entries: usize,
    updates: usize,
    postmortems: usize,
}

impl Stats {
    fn add(&mut self, text: &str) {
        self.files += 1;
        self.bytes += text.len();
        self.maintenance += usize::from(text.contains("\nkind: maintenance"));
        self.notices += usize::from(text.contains("\nimpact: none"));
        self.unresolved += usize::from(!text.contains("\nresolved:"));
        self.entries += text.matches("state: ").count();
        self.updates += text.matches("status: ").count();
        self.postmortems += usize::from(text.contains("\npostmortem:"));
    }

    fn describe(&self) -> String {
        let per_file = |n: usize| n as f64 / self.files.max(1) as f64;
        format!(
            "{} files, {:.1} MiB ({:.0} bytes per file), {} maintenance, {} notices (impact none), \
             {} without `resolved`, {:.2} entries and {:.2} updates per file, {} postmortems",
            self.files,
            self.bytes as f64 / 1024.0 / 1024.0,
            per_file(self.bytes),
            self.maintenance,
            self.notices,
            self.unresolved,
            per_file(self.entries),
            per_file(self.updates),
            self.postmortems
        )
    }
}

/// `target/bench-sites`, beside the folder cargo gives benchmarks for their files.
pub(crate) fn sites_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("bench-sites")
}

/// The site of `incidents` incidents of `workload` for `seed`, generated unless a folder
/// stamped by this generator version is already there; and a line of what it holds.
pub(crate) fn ensure_site(
    workload: Workload,
    incidents: usize,
    seed: u64,
) -> Result<(PathBuf, String), String> {
    let root = sites_dir().join(format!("{}-{incidents}-seed{seed}", workload.name()));
    let stamp = stamp_text(workload, incidents, seed);
    if std::fs::read_to_string(root.join(STAMP)).is_ok_and(|s| s == stamp) {
        let stats = std::fs::read_to_string(root.join(STATS)).unwrap_or_default();
        return Ok((root, stats));
    }
    // Written beside the target and renamed at the end: a half-written site is never reused.
    let partial = root.with_extension("partial");
    for dir in [&root, &partial] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
        }
    }
    let stats = match workload {
        Workload::Synthetic => write_synthetic(&partial, incidents, seed)?,
        Workload::Comparison => write_comparison(&partial, incidents, seed)?,
    }
    .describe();
    write_file(&partial.join(STATS), &stats)?;
    write_file(&partial.join(STAMP), &stamp)?;
    std::fs::rename(&partial, &root)
        .map_err(|e| format!("cannot rename {}: {e}", partial.display()))?;
    Ok((root, stats))
}

fn stamp_text(workload: Workload, incidents: usize, seed: u64) -> String {
    format!(
        "statusgen benchmark site\ngenerator: {GENERATOR_VERSION}\nworkload: {}\nincidents: {incidents}\nseed: {seed}\nnow: {}\n",
        workload.name(),
        workload.now()
    )
}

/// One random stream per incident: incident i is drawn the same whatever N is.
fn rng_for(seed: u64, index: usize) -> Rng {
    Rng::new(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F))
}

fn write_synthetic(root: &Path, incidents: usize, seed: u64) -> Result<Stats, String> {
    write_file(&root.join("status.yaml"), &status_yaml(incidents, seed))?;
    let now = time::now_unix();
    let mut stats = Stats::default();
    for index in 0..incidents {
        let file = incident::generate(&mut rng_for(seed, index), index, now);
        let (year, _, _) = civil_from_days((file.started + OFFSET_SECONDS).div_euclid(DAY));
        let path = root
            .join("incidents")
            .join(year.to_string())
            .join(format!("{}.yaml", file.slug));
        write_file(&path, &file.text)?;
        stats.add(&file.text);
    }
    Ok(stats)
}

fn write_comparison(root: &Path, incidents: usize, seed: u64) -> Result<Stats, String> {
    write_file(&root.join("status.yaml"), &comparison::status_yaml())?;
    let mut stats = Stats::default();
    for index in 0..incidents {
        let file = comparison::generate(&mut rng_for(seed, index), index, incidents);
        write_file(&root.join("incidents").join(&file.name), &file.text)?;
        stats.add(&file.text);
    }
    Ok(stats)
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn status_yaml(incidents: usize, seed: u64) -> String {
    let mut out = format!(
        "# Generated by benches/sitegen (version {GENERATOR_VERSION}): {incidents} incidents, seed {seed}.\n\
         title: Bench Cloud Status\n\
         description: Service health of a synthetic cloud, {incidents} incidents over ten years\n\
         base_url: {BASE_URL}\n\
         language: en\n\
         timezone: Asia/Seoul\n\
         history_days: 90\n\
         services:\n"
    );
    for (id, name, group) in SERVICES {
        let _ = writeln!(
            out,
            "  - id: {id}\n    name: {name}\n    description: The {} service\n    group: {group}",
            name.to_lowercase()
        );
    }
    out
}
