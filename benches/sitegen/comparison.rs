//! The workload statusgen is compared with cState on: the same incidents written for both
//! tools. Its shape, draw for draw in distribution (not in bytes): 13 systems in 4 categories;
//! incidents spread evenly over ten years up to [`END`]; about 80% incidents (1–3 systems, 3
//! minutes to 6 hours, disrupted or down), 10% maintenance (30 minutes to 4 hours) and 10%
//! notices (impact `none`, six minutes of `degraded`); 2–4 updates of plain sentences; a
//! postmortem for about one in five `down` incidents; and 3 open at the end (down, disrupted,
//! a maintenance in its window). Every file sits directly in `incidents/`, in flow style.

use std::fmt::Write as _;

use super::rng::Rng;
use super::time::{DAY, HOUR, MINUTE, civil_from_days, days_from_civil};

/// The moment the sites are built at (`--now`).
pub(super) const NOW: &str = "2025-07-01T00:00:00Z";
/// The last incident starts before noon of this day (UTC); the three open ones end there.
const END: (i64, i64, i64) = (2025, 6, 30);
/// Ten years of 365.25 days, in minutes.
const SPAN_MINUTES: i64 = 3_652 * 24 * 60 + 12 * 60;
const OPEN: usize = 3;

/// (name, category, description)
const SYSTEMS: [(&str, &str, &str); 13] = [
    ("API", "Core Platform", "Public REST API."),
    ("Web App", "Core Platform", "Browser application."),
    ("Dashboard", "Core Platform", "Admin dashboard."),
    ("Authentication", "Core Platform", "Login, SSO and tokens."),
    ("Search", "Core Platform", "Full-text search."),
    ("Primary Database", "Data", "Main relational store."),
    ("Object Storage", "Data", "Uploads and attachments."),
    ("Cache", "Data", "In-memory cache tier."),
    ("CDN", "Edge", "Static asset delivery."),
    ("DNS", "Edge", "Authoritative name servers."),
    ("Email Delivery", "Integrations", "Transactional e-mail."),
    ("Webhooks", "Integrations", "Outgoing webhook delivery."),
    ("Billing", "Integrations", "Payments and invoices."),
];

const PROBLEMS: [&str; 12] = [
    "Elevated error rates",
    "Increased latency",
    "Partial outage",
    "Degraded performance",
    "Connectivity issues",
    "Failed requests",
    "Delayed processing",
    "Intermittent timeouts",
    "Login failures",
    "Stale data served",
    "Queue backlog",
    "Service unavailable",
];
const MAINTENANCE: [&str; 6] = [
    "Scheduled maintenance",
    "Planned database upgrade",
    "Network maintenance window",
    "Certificate rotation",
    "Storage migration",
    "Kernel patching",
];
const NOTICES: [&str; 6] = [
    "New status page features",
    "Change to support hours",
    "Upcoming API deprecation",
    "Post-incident review published",
    "Monitoring improvements",
    "New region available",
];
const SENTENCES: [&str; 12] = [
    "We are investigating reports of problems affecting some customers.",
    "Engineers have been engaged and are working on a mitigation.",
    "The issue has been traced to a recent configuration change.",
    "A fix has been deployed and we are monitoring the results.",
    "Error rates have returned to normal levels.",
    "Some requests may have been retried automatically.",
    "Customers may need to refresh the page to see the latest data.",
    "We will provide another update within thirty minutes.",
    "Traffic has been shifted away from the affected zone.",
    "Queued work is being processed and should complete shortly.",
    "No data was lost during this incident.",
    "We apologise for the inconvenience this has caused.",
];
const INCIDENT_STAGES: [&str; 4] = ["investigating", "identified", "monitoring", "resolved"];
const MAINTENANCE_STAGES: [&str; 3] = ["scheduled", "in_progress", "completed"];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Incident,
    Maintenance,
    Notice,
}

/// A generated incident file.
pub(super) struct File {
    pub(super) name: String,
    pub(super) text: String,
}

pub(super) fn status_yaml() -> String {
    let mut out = String::from(
        "title: Benchmark Status\nbase_url: https://status.example.com/\nlanguage: en\n\
         timezone: UTC\nhistory_days: 90\nservices:\n",
    );
    for (name, category, description) in SYSTEMS {
        let _ = writeln!(
            out,
            "  - id: {}\n    name: \"{name}\"\n    group: \"{category}\"\n    description: \"{description}\"",
            slugify(name)
        );
    }
    out
}

/// File `index` of a site of `total`: the last [`OPEN`] are the open ones, the others spread
/// evenly over the ten years, each at a random minute of its own slot.
pub(super) fn generate(rng: &mut Rng, index: usize, total: usize) -> File {
    let end = days_from_civil(END.0, END.1, END.2) * DAY + 12 * HOUR;
    let open = OPEN.min(total);
    let history = total - open;
    if index >= history {
        let j = index - history;
        let start = end - 2 * (j as i64 + 1) * HOUR;
        let (kind, severity) = match j % 3 {
            0 => (Kind::Incident, Some(Severity::Down)),
            1 => (Kind::Incident, Some(Severity::Disrupted)),
            _ => (Kind::Maintenance, None),
        };
        return make(rng, index, start, kind, severity, true);
    }
    let slot = (index as f64 + rng.unit()) / history.max(1) as f64;
    let start = end - SPAN_MINUTES * MINUTE + (slot * SPAN_MINUTES as f64) as i64 * MINUTE;
    let kind = match rng.unit() {
        r if r < 0.8 => Kind::Incident,
        r if r < 0.9 => Kind::Maintenance,
        _ => Kind::Notice,
    };
    make(rng, index, start, kind, None, false)
}

#[derive(Clone, Copy, PartialEq)]
enum Severity {
    Disrupted,
    Down,
}

fn make(
    rng: &mut Rng,
    index: usize,
    start: i64,
    kind: Kind,
    severity: Option<Severity>,
    open: bool,
) -> File {
    let count = *rng.pick(&[1, 1, 1, 2, 2, 3]);
    let affected = sample(rng, count, SYSTEMS.len());
    let names: Vec<&str> = affected.iter().map(|&i| SYSTEMS[i].0).collect();
    let (title, text) = match kind {
        Kind::Notice => notice(rng, start, names[0]),
        _ => timed(rng, start, kind, severity, open, &names),
    };
    let date = civil_from_days(start.div_euclid(DAY));
    let stem: String = slugify(&title).chars().take(40).collect();
    File {
        name: format!(
            "{:04}-{:02}-{:02}-{}-{index:06}.yaml",
            date.0,
            date.1,
            date.2,
            stem.trim_matches('-')
        ),
        text,
    }
}

/// A notice: one system degraded for six minutes, impact `none`.
fn notice(rng: &mut Rng, start: i64, system: &str) -> (String, String) {
    let title = rng.pick(&NOTICES).to_string();
    let text = format!(
        "title: \"{title}\"\nstarted: {}\nresolved: {}\nimpact: none\nsummary: \"{}\"\n\
         services:\n  {}:\n    - {{ at: 0, state: degraded }}\n    - {{ at: 0.1, state: operational }}\n",
        timestamp(start),
        timestamp(start + 6 * MINUTE),
        paragraph(rng, 3),
        slugify(system)
    );
    (title, text)
}

/// An incident or a maintenance, with its lanes and updates.
fn timed(
    rng: &mut Rng,
    start: i64,
    kind: Kind,
    severity: Option<Severity>,
    open: bool,
    names: &[&str],
) -> (String, String) {
    let maintenance = kind == Kind::Maintenance;
    let (title, minutes, stages): (String, i64, &[&str]) = if maintenance {
        let title = format!("{}: {}", rng.pick(&MAINTENANCE), names[0]);
        let minutes = *rng.pick(&[30, 60, 90, 120, 240_i64]);
        (title, minutes, &MAINTENANCE_STAGES)
    } else {
        let title = format!("{}: {}", rng.pick(&PROBLEMS), names.join(", "));
        (title, rng.range(3, 360) as i64, &INCIDENT_STAGES)
    };
    let severity = match (maintenance, severity) {
        (true, _) => None,
        (false, Some(given)) => Some(given),
        (false, None) => {
            Some(*rng.pick(&[Severity::Disrupted, Severity::Disrupted, Severity::Down]))
        }
    };
    let mut text = format!("title: \"{title}\"\n");
    if maintenance {
        text.push_str("kind: maintenance\n");
    }
    let _ = writeln!(text, "started: {}", timestamp(start));
    if !open || maintenance {
        // An open maintenance is in its planned window at "now".
        let planned = if open { 3 * DAY } else { minutes * MINUTE };
        let _ = writeln!(text, "resolved: {}", timestamp(start + planned));
    }
    let (chosen, fractions) = stages_and_times(rng, stages, open);
    let postmortem =
        (severity == Some(Severity::Down) && !open && rng.chance(0.2)).then(|| paragraph(rng, 4));
    if maintenance {
        let ids: Vec<String> = names.iter().map(|n| slugify(n)).collect();
        let _ = writeln!(text, "services: [{}]", ids.join(", "));
    } else {
        lanes(&mut text, names, severity, minutes, open);
    }
    text.push_str("updates:\n");
    for (stage, fraction) in chosen.iter().zip(fractions) {
        let _ = writeln!(
            text,
            "  - {{ at: {}, status: {stage}, body: \"{}\" }}",
            hours(minutes as f64 * fraction / 60.0),
            paragraph(rng, 2)
        );
    }
    if let Some(postmortem) = postmortem {
        let _ = writeln!(text, "postmortem: \"{postmortem}\"");
    }
    (title, text)
}

/// The stages an incident went through and when, as fractions of its duration: the first
/// and last with 0–2 of the middle ones when resolved; the first 1–3 when open.
fn stages_and_times(
    rng: &mut Rng,
    stages: &[&'static str],
    open: bool,
) -> (Vec<&'static str>, Vec<f64>) {
    let count = rng.range(2, 4) as usize;
    if open {
        let chosen = stages[..(count - 1).max(1)].to_vec();
        let n = chosen.len();
        let times = (0..n).map(|i| i as f64 / (n + 1) as f64).collect();
        return (chosen, times);
    }
    let middle = stages.len() - 2;
    let mut picked = sample(rng, (count - 2).min(middle), middle);
    picked.sort_unstable();
    let mut chosen = vec![stages[0]];
    chosen.extend(picked.iter().map(|&i| stages[i + 1]));
    chosen.push(stages[stages.len() - 1]);
    let n = chosen.len();
    let times = (0..n).map(|i| i as f64 / (n - 1) as f64).collect();
    (chosen, times)
}

/// Each system: its first state at 0, `degraded` halfway, `operational` at the end.
fn lanes(text: &mut String, names: &[&str], severity: Option<Severity>, minutes: i64, open: bool) {
    let first = match severity {
        Some(Severity::Down) => "major_outage",
        _ => "partial_outage",
    };
    text.push_str("services:\n");
    for name in names {
        let _ = writeln!(
            text,
            "  {}:\n    - {{ at: 0, state: {first} }}",
            slugify(name)
        );
        let _ = writeln!(
            text,
            "    - {{ at: {}, state: degraded }}",
            hours(minutes as f64 / 120.0)
        );
        if !open {
            let _ = writeln!(
                text,
                "    - {{ at: {}, state: operational }}",
                hours(minutes as f64 / 60.0)
            );
        }
    }
}

/// `k` distinct indices below `n`, in the order drawn.
fn sample(rng: &mut Rng, k: usize, n: usize) -> Vec<usize> {
    let mut picked = Vec::with_capacity(k);
    while picked.len() < k {
        let i = rng.below(n as u64) as usize;
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked
}

/// `k` distinct sentences.
fn paragraph(rng: &mut Rng, k: usize) -> String {
    let picked: Vec<&str> = sample(rng, k, SENTENCES.len())
        .into_iter()
        .map(|i| SENTENCES[i])
        .collect();
    picked.join(" ")
}

/// Hours rounded to four decimals, written as a float (`0.0`, `2.0583`).
fn hours(h: f64) -> String {
    let rounded = (h * 10_000.0).round() / 10_000.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.1}")
    } else {
        format!("{rounded}")
    }
}

/// `2015-07-01T19:56:00Z`.
fn timestamp(unix: i64) -> String {
    let (y, mo, d) = civil_from_days(unix.div_euclid(DAY));
    let secs = unix.rem_euclid(DAY);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:00Z",
        secs / HOUR,
        secs % HOUR / MINUTE
    )
}

/// `Primary Database` → `primary-database`.
fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
