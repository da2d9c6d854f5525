//! The files `new` and `init` write. The texts live beside this module as the files users
//! get, with `@name@` holes; the functions here fill them in. Pure: no I/O.

use chrono::Duration;

use crate::edit;
use crate::model::{Instant, SiteZone, State, UpdateStatus};

pub(crate) const STATUS_YAML: &str = include_str!("status.yaml");
pub(crate) const GITIGNORE: &str = include_str!("gitignore");
const EXAMPLE_INCIDENT: &str = include_str!("example-incident.yaml");
const WORKFLOW: &str = include_str!("workflow.yml");
const UPDATE_WORKFLOW: &str = include_str!("status-update.yml");
const INCIDENT: &str = include_str!("incident.yaml");
const MAINTENANCE: &str = include_str!("maintenance.yaml");

/// The slug of the example incident `init` writes.
pub(crate) const EXAMPLE_SLUG: &str = "slow-logins";

/// What a new incident file says.
pub(crate) struct IncidentText<'a> {
    pub title: &'a str,
    pub started: Instant,
    /// Each affected service, its state at hour 0 and a note.
    pub lanes: Vec<(String, State, Option<String>)>,
    /// The first update.
    pub status: UpdateStatus,
    pub body: String,
}

/// What a new maintenance file says.
pub(crate) struct MaintenanceDraft<'a> {
    pub title: &'a str,
    pub start: Instant,
    pub end: Instant,
    /// When the window is announced: "now", unless that is not before the window.
    pub announced: Instant,
    pub services: &'a [(String, String)],
    /// The announcement.
    pub body: &'a str,
}

pub(crate) fn incident(draft: &IncidentText, zone: SiteZone) -> String {
    let mut lanes = String::new();
    for (i, (id, state, note)) in draft.lanes.iter().enumerate() {
        let note = note.as_deref().map_or_else(String::new, |note| {
            format!(", note: {}", edit::quote(note, edit::Context::Flow))
        });
        lanes.push_str(&format!(
            "  {id}:\n    - {{ at: 0, state: {}{note} }}\n",
            state.as_str()
        ));
        if i == 0 {
            lanes.push_str("    # - { at: 1.5, state: partial_outage, note: what works again }\n");
            lanes.push_str("    # - { at: 2, state: operational }\n");
        }
    }
    fill(
        INCIDENT,
        &[
            ("title", &edit::quote(draft.title, edit::Context::Block)),
            ("started", &timestamp(zone, draft.started)),
            (
                "later",
                &timestamp(zone, draft.started + Duration::hours(2)),
            ),
            ("lanes", &lanes),
            ("status", draft.status.as_str()),
            ("body", &body(&draft.body)),
        ],
    )
}

pub(crate) fn maintenance(draft: &MaintenanceDraft, zone: SiteZone) -> String {
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
            ("title", &edit::quote(draft.title, edit::Context::Block)),
            ("start", &timestamp(zone, draft.start)),
            ("end", &timestamp(zone, draft.end)),
            ("ids", &ids.join(", ")),
            ("first", ids.first().copied().unwrap_or("service")),
            ("announced", &announced),
            ("hours", &format_hours(hours)),
            ("body", &body(draft.body)),
        ],
    )
}

/// The example incident of a new site: resolved two days before `now`, so it shows in the
/// uptime bars and the history, whatever the day.
pub(crate) fn example_incident(now: Instant) -> String {
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
pub(crate) fn workflow() -> String {
    fill(WORKFLOW, &[("version", env!("CARGO_PKG_VERSION"))])
}

/// The workflow with the form that posts updates, pinned to this version of statusgen.
pub(crate) fn update_workflow() -> String {
    fill(UPDATE_WORKFLOW, &[("version", env!("CARGO_PKG_VERSION"))])
}

/// A title made from a slug: `api-outage` → `Api outage`.
pub(crate) fn title_from_slug(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An instant as written in incident files: the site's wall-clock time with its offset,
/// `2026-11-25T18:31:00+09:00` (never `Z`, so the offset is plain to see).
pub(crate) fn timestamp(zone: SiteZone, t: Instant) -> String {
    zone.local(t).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Replaces every `@key@` of `template` with its value, in one pass over the template, so
/// a value that itself holds `@key@` (a title, a body) stays as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(open) = rest.find('@') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hole = after.find('@').and_then(|close| {
            let key = &after[..close];
            let (_, value) = values.iter().find(|(k, _)| *k == key)?;
            Some((value, close))
        });
        match hole {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('@');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `body: |` and the Markdown, indented for an update's body.
fn body(markdown: &str) -> String {
    edit::markdown(markdown, true).render("body", "      ", "\n")
}

/// `2`, `1.5`, `0.25`.
fn format_hours(hours: f64) -> String {
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests;
