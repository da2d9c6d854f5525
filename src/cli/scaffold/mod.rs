//! The files `new` and `init` write. The texts live beside this module as the files users
//! get, with `@name@` holes; the functions here fill them in. Pure: no I/O.

use chrono::Duration;

use crate::model::{Instant, SiteZone};

pub const STATUS_YAML: &str = include_str!("status.yaml");
pub const GITIGNORE: &str = include_str!("gitignore");
const EXAMPLE_INCIDENT: &str = include_str!("example-incident.yaml");
const WORKFLOW: &str = include_str!("workflow.yml");
const INCIDENT: &str = include_str!("incident.yaml");
const MAINTENANCE: &str = include_str!("maintenance.yaml");

/// The slug of the example incident `init` writes.
pub const EXAMPLE_SLUG: &str = "slow-logins";

/// What a new incident file says.
pub struct IncidentDraft<'a> {
    pub title: &'a str,
    pub started: Instant,
    /// `(id, name)` of each affected service.
    pub services: &'a [(String, String)],
    /// The first update, in the site's language.
    pub body: &'a str,
}

/// What a new maintenance file says.
pub struct MaintenanceDraft<'a> {
    pub title: &'a str,
    pub start: Instant,
    pub end: Instant,
    /// When the window is announced: "now", unless that is not before the window.
    pub announced: Instant,
    pub services: &'a [(String, String)],
    /// The announcement, in the site's language.
    pub body: &'a str,
}

pub fn incident(draft: &IncidentDraft, zone: SiteZone) -> String {
    let mut lanes = String::new();
    for (i, (id, _)) in draft.services.iter().enumerate() {
        lanes.push_str(&format!(
            "  {id}:\n    - {{ at: 0, state: major_outage }}\n"
        ));
        if i == 0 {
            lanes.push_str("    # - { at: 1.5, state: partial_outage, note: what works again }\n");
            lanes.push_str("    # - { at: 2, state: operational }\n");
        }
    }
    fill(
        INCIDENT,
        &[
            ("title", &yaml_string(draft.title)),
            ("started", &timestamp(zone, draft.started)),
            (
                "later",
                &timestamp(zone, draft.started + Duration::hours(2)),
            ),
            ("lanes", &lanes),
            ("body", &one_line(draft.body)),
        ],
    )
}

pub fn maintenance(draft: &MaintenanceDraft, zone: SiteZone) -> String {
    let ids: Vec<&str> = draft.services.iter().map(|(id, _)| id.as_str()).collect();
    // An announcement comes before the window; a window already begun is announced at its
    // start, hour 0, since nothing may come earlier but announcements.
    let announced = if draft.announced < draft.start {
        timestamp(zone, draft.announced)
    } else {
        "0".to_string()
    };
    let hours = (draft.end - draft.start).num_seconds() as f64 / 3600.0;
    fill(
        MAINTENANCE,
        &[
            ("title", &yaml_string(draft.title)),
            ("start", &timestamp(zone, draft.start)),
            ("end", &timestamp(zone, draft.end)),
            ("ids", &ids.join(", ")),
            ("first", ids.first().copied().unwrap_or("service")),
            ("announced", &announced),
            ("hours", &format_hours(hours)),
            ("body", &one_line(draft.body)),
        ],
    )
}

/// The example incident of a new site: resolved two days before `now`, so it shows in the
/// uptime bars and the history, whatever the day.
pub fn example_incident(now: Instant) -> String {
    let zone = SiteZone::default();
    let day = zone.date_of(now) - Duration::days(2);
    let started = zone.start_of_day(day) + Duration::hours(14) + Duration::minutes(5);
    fill(
        EXAMPLE_INCIDENT,
        &[
            ("started", &timestamp(zone, started)),
            ("resolved", &timestamp(zone, started + Duration::hours(2))),
        ],
    )
}

/// The GitHub Pages workflow, pinned to this version of statusgen.
pub fn workflow() -> String {
    fill(WORKFLOW, &[("version", env!("CARGO_PKG_VERSION"))])
}

/// A title made from a slug: `api-outage` → `Api outage`.
pub fn title_from_slug(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An instant as written in incident files: the site's wall-clock time with its offset,
/// `2026-11-25T18:31:00+09:00` (never `Z`, so the offset is plain to see).
pub fn timestamp(zone: SiteZone, t: Instant) -> String {
    zone.local(t).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// One line of text as a YAML scalar: plain when that reads back as the same string,
/// double-quoted otherwise.
pub fn yaml_string(text: &str) -> String {
    const KEYWORDS: [&str; 11] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    let safe = |c: char| c.is_alphanumeric() || " -_.,()/'&+!?".contains(c);
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text.chars().all(safe)
        && !text.ends_with(' ')
        && !KEYWORDS.contains(&text.to_ascii_lowercase().as_str());
    if plain {
        return text.to_string();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Replaces every `@key@` of `template` with its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in values {
        out = out.replace(&format!("@{key}@"), value);
    }
    out
}

/// Text for a block scalar line: no line breaks.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `2`, `1.5`, `0.25`.
fn format_hours(hours: f64) -> String {
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests;
