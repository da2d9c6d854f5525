//! The hot inner parts of a build, one at a time, with criterion:
//!
//! ```text
//! cargo bench --bench parts                 # everything
//! cargo bench --bench parts -- timeline     # one group
//! cargo bench --bench parts -- --test       # each once, as a smoke test
//! ```
//!
//! Whole builds are `benches/build.rs`.

mod sitegen;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use statusgen::internals::{
    RawIncident, incidents_by_service, parse_timestamp, parse_yaml, service_history, with_files,
};
use statusgen::{Incident, Instant, Memory, Options, Project, Site, SiteZone};

const KAKAO_FILE: &str = "incidents/2022/kakao-pangyo-fire.yaml";
const KAKAO_TEXT: &str = include_str!("../incidents/2022/kakao-pangyo-fire.yaml");
const KAKAO_SLUG: &str = "kakao-pangyo-fire";
/// After the Kakao incident's resolution: its whole timeline.
const KAKAO_NOW: &str = "2022-10-21T00:00:00+09:00";
/// The "now" of the small fixture's snapshot tests.
const SMALL_NOW: &str = "2024-03-12T12:00:00Z";
/// The synthetic site of the uptime bench: the smallest of `benches/build.rs`.
const SYNTHETIC_INCIDENTS: usize = 1_000;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn small_site() -> PathBuf {
    repo_root().join("tests/fixtures/build/small")
}

fn time(text: &str) -> Instant {
    parse_timestamp(text, SiteZone::default()).expect("a valid RFC 3339 time")
}

/// A site that must have no errors, with its theme: the benches measure the happy path.
fn open_at(root: &Path, now: Instant) -> Project {
    let options = Options {
        read_theme: true,
        ..Options::at(now)
    };
    let (project, report) = Project::open(root, options).expect("the site opens");
    assert!(
        !report.has_errors(),
        "{} has errors:\n{}",
        root.display(),
        report.render(root)
    );
    project
}

/// [`open_at`] for the benches of the model alone, which take their own "now".
fn open(root: &Path) -> Site {
    open_at(root, time(KAKAO_NOW)).site
}

fn kakao(site: &Site) -> &Incident {
    site.incident(KAKAO_SLUG)
        .expect("the repository's site has the Kakao incident")
}

// ---- load ------------------------------------------------------------------------------

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.bench_function("parse_kakao_incident", |b| {
        b.iter(|| {
            parse_yaml::<RawIncident>(black_box(KAKAO_TEXT), KAKAO_FILE)
                .expect("the Kakao incident parses")
        })
    });
    let small = small_site();
    group.bench_function("open_small_site", |b| {
        b.iter(|| Project::open(black_box(&small), Options::at(time(SMALL_NOW))))
    });
    group.finish();
}

// ---- timeline --------------------------------------------------------------------------

fn timeline(c: &mut Criterion) {
    let site = open(&repo_root());
    let incident = kakao(&site);
    let now = time(KAKAO_NOW);
    let mut group = c.benchmark_group("timeline");
    group.bench_function("segments_kakao", |b| {
        b.iter(|| {
            incident
                .lanes
                .iter()
                .map(|lane| incident.segments(lane, black_box(now)))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("recovery_kakao", |b| {
        b.iter(|| {
            incident
                .lanes
                .iter()
                .map(|lane| incident.recovery(lane, black_box(now)))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("steps_kakao", |b| b.iter(|| incident.steps(black_box(now))));
    group.finish();
}

// ---- uptime ----------------------------------------------------------------------------

/// Every service's history of `days` days, as the home page needs it.
fn all_histories(site: &Site, now: Instant, days: u32) -> usize {
    let touching = incidents_by_service(site);
    site.services
        .iter()
        .map(|service| {
            let indices = touching.get(service.id.as_str()).map_or(&[][..], |v| v);
            service_history(site, &service.id, now, days, indices)
                .days
                .len()
        })
        .sum()
}

fn uptime(c: &mut Criterion) {
    let kakao_site = open(&repo_root());
    let kakao_now = time(KAKAO_NOW);
    let (synthetic_root, _) = sitegen::ensure_site(
        sitegen::Workload::Synthetic,
        SYNTHETIC_INCIDENTS,
        sitegen::SEED,
    )
    .unwrap_or_else(|e| panic!("cannot generate the synthetic site: {e}"));
    let synthetic = open(&synthetic_root);
    let synthetic_now = time(sitegen::NOW);
    let mut group = c.benchmark_group("uptime");
    group.bench_function("90_days_kakao_13_services", |b| {
        b.iter(|| all_histories(&kakao_site, black_box(kakao_now), 90))
    });
    group.bench_function("90_days_synthetic_1000_incidents_13_services", |b| {
        b.iter(|| all_histories(&synthetic, black_box(synthetic_now), 90))
    });
    group.finish();
}

// ---- render ----------------------------------------------------------------------------

fn render(c: &mut Criterion) {
    let small = open_at(&small_site(), time(SMALL_NOW));
    let mut group = c.benchmark_group("render");
    group.bench_function("small_site", |b| {
        b.iter(|| {
            let sink = Memory::default();
            statusgen::render(black_box(&small), &sink, &Default::default())
                .expect("the small site renders");
            sink.into_files()
        })
    });
    // One incident page of the repository's site, with the theme, templates and site-wide
    // data made once outside the measured loop.
    let kakao = open_at(&repo_root(), time(KAKAO_NOW));
    with_files(&kakao, |make_file| {
        group.bench_function("kakao_incident_page", |b| {
            b.iter(|| {
                make_file(black_box("incidents/kakao-pangyo-fire/index.html"))
                    .expect("the Kakao incident page renders")
            })
        });
    })
    .expect("the Kakao site prepares");
    group.finish();
}

/// Short runs: these are for comparing before and after a change on a busy 2-core
/// machine, not for publication. `--measurement-time` and friends still override.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = parts;
    config = config();
    targets = load, timeline, uptime, render
}
criterion_main!(parts);
