//! One incident file: its shape (resolved, ongoing, maintenance), its services' entries and
//! its updates, as YAML text.

use std::fmt::Write as _;

use super::SERVICES;
use super::rng::Rng;
use super::text::{block, body, postmortem, summary, title, update_body};
use super::time::{DAY, HOUR, MINUTE, duration, hours, timestamp};

/// A generated incident file.
pub(super) struct File {
    pub(super) slug: String,
    /// Unix seconds.
    pub(super) started: i64,
    pub(super) text: String,
}

/// What kind of file incident `index` is: the first few are the special ones.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Still open at "now".
    Ongoing(i64),
    /// A maintenance whose window is after "now", announced before it.
    Upcoming(i64),
    Maintenance,
    Resolved,
}

fn shape_of(rng: &mut Rng, index: usize) -> Shape {
    match index {
        0 => Shape::Ongoing(2 * HOUR + 10 * MINUTE),
        1 => Shape::Ongoing(20 * HOUR),
        2 => Shape::Ongoing(3 * DAY + 5 * HOUR),
        3 => Shape::Upcoming(2 * DAY),
        4 => Shape::Upcoming(6 * DAY),
        _ if rng.chance(0.05) => Shape::Maintenance,
        _ => Shape::Resolved,
    }
}

pub(super) fn generate(rng: &mut Rng, index: usize, now: i64) -> File {
    let shape = shape_of(rng, index);
    // Ten years back from "now", and at least five days back, so even the longest incident
    // (four days) is resolved by then.
    let past = now - 3650 * DAY + rng.below((3650 - 5) as u64 * 24 * 60) as i64 * MINUTE;
    let started = match shape {
        Shape::Ongoing(ago) => now - ago,
        Shape::Upcoming(ahead) => now + ahead - (now % HOUR) + 2 * HOUR,
        Shape::Maintenance | Shape::Resolved => past,
    };
    let services = pick_services(rng);
    let primary = SERVICES[services[0]];
    let maintenance = matches!(shape, Shape::Upcoming(_) | Shape::Maintenance);
    let word = if maintenance {
        *rng.pick(&["upgrade", "migration", "maintenance", "patching"])
    } else {
        *rng.pick(&["errors", "outage", "latency", "degradation", "failures"])
    };
    let slug = format!("{}-{word}-{index}", primary.0);
    let mut text = String::with_capacity(2048);
    let _ = writeln!(text, "title: \"{}\"", title(rng, primary.1, maintenance));
    if maintenance {
        text.push_str("kind: maintenance\n");
    }
    let _ = writeln!(text, "started: {}", timestamp(started));
    match shape {
        Shape::Ongoing(ago) => ongoing(rng, &mut text, &services, ago),
        // An upcoming maintenance is announced before "now", so the site shows it.
        Shape::Upcoming(ahead) => {
            let notice = (ahead / HOUR + 12) as u64;
            maintenance_body(rng, &mut text, &services, started, notice)
        }
        Shape::Maintenance => maintenance_body(rng, &mut text, &services, started, 24),
        Shape::Resolved => resolved(rng, &mut text, &services, started),
    }
    File {
        slug,
        started,
        text,
    }
}

/// 1–3 distinct services, the first one named in the title and slug.
fn pick_services(rng: &mut Rng) -> Vec<usize> {
    let count = match rng.below(10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    let mut picked: Vec<usize> = Vec::with_capacity(count);
    while picked.len() < count {
        let candidate = rng.below(SERVICES.len() as u64) as usize;
        if !picked.contains(&candidate) {
            picked.push(candidate);
        }
    }
    picked
}

/// A resolved incident: its duration, per-service entries ending operational, and updates
/// from investigating to resolved.
fn resolved(rng: &mut Rng, text: &mut String, services: &[usize], started: i64) {
    let minutes = match rng.below(100) {
        0..=49 => rng.range(20, 120),
        50..=84 => rng.range(120, 12 * 60),
        85..=96 => rng.range(12 * 60, 48 * 60),
        _ => rng.range(48 * 60, 96 * 60),
    } as i64;
    let _ = writeln!(text, "resolved: {}", timestamp(started + minutes * MINUTE));
    let worst = *rng.pick(&[
        "major_outage",
        "partial_outage",
        "partial_outage",
        "degraded",
    ]);
    if rng.chance(0.3) {
        let impact = match worst {
            "major_outage" => *rng.pick(&["major", "critical"]),
            "partial_outage" => *rng.pick(&["minor", "major"]),
            _ => "minor",
        };
        let _ = writeln!(text, "impact: {impact}");
    }
    if rng.chance(0.4) {
        block(text, "summary", &summary(rng, services));
    }
    text.push_str("services:\n");
    for (lane, &service) in services.iter().enumerate() {
        // Later services are hit a little after the first one.
        let first = if lane == 0 {
            0
        } else {
            rng.range(0, (minutes / 4) as u64) as i64
        };
        // Operational again at or a little before the resolution.
        let end = minutes - rng.range(0, ((minutes - first) / 4).min(10) as u64) as i64;
        let count = rng.range(2, 5) as usize;
        let states = lane_states(rng, worst, count, true);
        let times = increasing(rng, first, end, states.len(), true);
        lane_entries(
            rng,
            text,
            SERVICES[service].0,
            &states,
            &times,
            Some(started),
        );
    }
    let statuses = match rng.range(2, 4) {
        2 => vec!["investigating", "resolved"],
        3 => vec![
            "investigating",
            *rng.pick(&["identified", "monitoring"]),
            "resolved",
        ],
        _ => vec!["investigating", "identified", "monitoring", "resolved"],
    };
    let first = rng.range(3, 15.min(minutes as u64 / 3)) as i64;
    let times = increasing(rng, first, minutes, statuses.len(), true);
    updates(rng, text, services, &statuses, &times);
    if rng.chance(0.1) {
        block(text, "postmortem", &postmortem(rng, services));
    }
}

/// Open at "now", `ago` seconds after its start: entries and updates so far, no resolution.
fn ongoing(rng: &mut Rng, text: &mut String, services: &[usize], ago: i64) {
    let minutes = ago / MINUTE - 5;
    text.push_str("impact: major\n");
    block(text, "summary", &summary(rng, services));
    text.push_str("services:\n");
    for &service in services {
        let count = rng.range(2, 4) as usize;
        let states = lane_states(rng, "major_outage", count, false);
        let times = increasing(rng, 0, minutes, states.len(), false);
        lane_entries(rng, text, SERVICES[service].0, &states, &times, None);
    }
    let statuses = ["investigating", "identified", "monitoring"];
    let times = increasing(rng, 5, minutes, statuses.len(), false);
    updates(rng, text, services, &statuses, &times);
}

/// A maintenance window of 1–6 hours on a plain list of services, announced at least
/// `notice` hours (and up to six days more) before.
fn maintenance_body(
    rng: &mut Rng,
    text: &mut String,
    services: &[usize],
    started: i64,
    notice: u64,
) {
    let minutes = rng.range(2, 12) as i64 * 30;
    let _ = writeln!(text, "resolved: {}", timestamp(started + minutes * MINUTE));
    if rng.chance(0.5) {
        block(text, "summary", &summary(rng, services));
    }
    let ids: Vec<&str> = services.iter().map(|&s| SERVICES[s].0).collect();
    let _ = writeln!(text, "services: [{}]", ids.join(", "));
    text.push_str("updates:\n");
    let announced = rng.range(notice, notice + 144);
    let service = SERVICES[services[0]].1;
    let _ = writeln!(text, "  - at: -{announced}h\n    status: scheduled");
    body(
        text,
        &format!(
            "We will perform scheduled maintenance on **{service}**. {}\n\n\
             - Start: hour 0 of the window\n- Expected duration: {minutes} minutes\n",
            rng.pick(&[
                "No downtime is expected, but some requests may be slower than usual.",
                "Short interruptions of a few seconds are possible during failover.",
                "Writes will be paused for a few minutes; reads stay available.",
            ])
        ),
    );
    let _ = writeln!(text, "  - at: 0\n    status: in_progress");
    body(
        text,
        "The maintenance has started. We will post an update when it is complete.",
    );
    if rng.chance(0.5) {
        let _ = writeln!(text, "  - at: {}m\n    status: verifying", minutes - 10);
        body(
            text,
            "The work is done and we are verifying that everything works as expected.",
        );
    }
    let _ = writeln!(text, "  - at: {}\n    status: completed", duration(minutes));
    body(
        text,
        &format!("The scheduled maintenance is complete. {service} is operating normally."),
    );
}

/// `count` states starting at `worst`, each different from the one before; operational last
/// when `recovers`.
fn lane_states(
    rng: &mut Rng,
    worst: &'static str,
    count: usize,
    recovers: bool,
) -> Vec<&'static str> {
    let impaired = ["major_outage", "partial_outage", "degraded"];
    let mut states = vec![worst];
    while states.len() < count - usize::from(recovers) {
        let previous = states[states.len() - 1];
        let next = *rng.pick(&impaired);
        if next != previous {
            states.push(next);
        }
    }
    if recovers {
        states.push("operational");
    }
    states
}

/// `count` distinct increasing minutes from `first` to `last`, ending at `last` when
/// `ends_at_last` (a resolution) and starting at `first`.
fn increasing(rng: &mut Rng, first: i64, last: i64, count: usize, ends_at_last: bool) -> Vec<i64> {
    let mut times = vec![first];
    let inner = count - 1 - usize::from(ends_at_last);
    let span = (last - first).max(count as i64 + 1);
    let mut cuts: Vec<i64> = Vec::with_capacity(inner);
    while cuts.len() < inner {
        let t = first + 1 + rng.below((span - 2) as u64) as i64;
        if !cuts.contains(&t) {
            cuts.push(t);
        }
    }
    cuts.sort_unstable();
    times.extend(cuts);
    if ends_at_last {
        times.push(first.max(last).max(times[times.len() - 1] + 1));
    }
    times
}

/// Entries in the flow style of the format's examples; `at` in every spelling the format
/// allows: hours, durations, and (when `started` is known) absolute timestamps.
fn lane_entries(
    rng: &mut Rng,
    text: &mut String,
    id: &str,
    states: &[&str],
    minutes: &[i64],
    started: Option<i64>,
) {
    let _ = writeln!(text, "  {id}:");
    for (state, &m) in states.iter().zip(minutes) {
        let at = if let Some(started) = started.filter(|_| rng.chance(0.05)) {
            timestamp(started + m * MINUTE)
        } else if m % 3 == 0 && rng.chance(0.5) {
            hours(m)
        } else {
            duration(m)
        };
        if rng.chance(0.6) {
            let notes: &[&str] = match *state {
                "operational" => &["fully recovered", "back to normal", "all checks pass"],
                "degraded" => &[
                    "slower than usual",
                    "some requests retry",
                    "queues draining",
                ],
                "partial_outage" => &["some regions fail", "about a third of requests fail"],
                _ => &[
                    "requests time out",
                    "service unreachable",
                    "all requests fail",
                ],
            };
            let note = rng.pick(notes);
            let _ = writeln!(
                text,
                "    - {{ at: {at}, state: {state}, note: \"{note}\" }}"
            );
        } else {
            let _ = writeln!(text, "    - {{ at: {at}, state: {state} }}");
        }
    }
}

fn updates(
    rng: &mut Rng,
    text: &mut String,
    services: &[usize],
    statuses: &[&str],
    minutes: &[i64],
) {
    text.push_str("updates:\n");
    let names: Vec<&str> = services.iter().map(|&s| SERVICES[s].1).collect();
    for (status, &m) in statuses.iter().zip(minutes) {
        let _ = writeln!(text, "  - at: {}\n    status: {status}", duration(m));
        body(text, &update_body(rng, status, &names));
    }
}
