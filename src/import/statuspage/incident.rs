//! One Statuspage incident or scheduled maintenance as a statusgen incident: its window,
//! resolution, updates and per-service states, made consistent where the source is not.

use chrono::DateTime;

use super::components::{Catalog, affected};
use super::lanes::{Lanes, state_for};
use super::shapes::{Incident, IncidentUpdate};
use super::window::{Window, incident_window, maintenance_window};
use crate::import::markdown_text::from_plain_text;
use crate::import::{Affects, DraftIncident, Notes, to_second};
use crate::model::{Impact, Instant, Kind, State, Update, UpdateStatus};

/// An update as read: its time, mapped status and the components it names.
pub(super) struct Read<'a> {
    pub at: Instant,
    pub status: UpdateStatus,
    pub body: String,
    pub raw: &'a IncidentUpdate,
}

pub(super) fn incident(
    raw: &Incident,
    kind: Kind,
    catalog: &mut Catalog,
    notes: &mut Notes,
) -> Option<DraftIncident> {
    let (id, subject, title) = identify(raw, kind, notes)?;
    let mut updates = read_updates(raw, kind, &subject, notes);
    let mut impact = impact(raw, kind, &subject, notes);
    let window = match kind {
        Kind::Incident => incident_window(raw, &mut updates, &subject, notes)?,
        Kind::Maintenance => maintenance_window(raw, &updates, &subject, notes)?,
    };
    let scope = Scope {
        raw,
        kind,
        window: &window,
        subject: &subject,
    };
    let affects = affects(&scope, &updates, impact, catalog, notes);
    let none = match &affects {
        Affects::Lanes(lanes) => lanes.is_empty(),
        Affects::Window(services) => services.is_empty(),
    };
    if none && impact.is_none() {
        // An incident of no service says so with an explicit impact.
        impact = Some(Impact::None);
    }
    let postmortem = raw
        .postmortem_body
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(from_plain_text);
    if raw.status.as_deref() == Some("postmortem") && postmortem.is_none() {
        notes.warn(
            &subject,
            "has a postmortem on Statuspage, but the public API does not carry its text",
        );
    }
    Some(DraftIncident {
        key: format!("statuspage incident {id}"),
        subject,
        slug: None,
        title,
        kind,
        started: window.start,
        resolved: window.written_end,
        impact,
        summary: None,
        affects,
        updates: updates
            .into_iter()
            .map(|u| Update {
                at: u.at,
                status: u.status,
                body: u.body,
            })
            .collect(),
        postmortem,
    })
}

/// Its id (a plain token: the file's key), how messages name it, and its title.
fn identify(raw: &Incident, kind: Kind, notes: &mut Notes) -> Option<(String, String, String)> {
    let id = raw.id.as_deref().map(str::trim).filter(|id| !id.is_empty());
    let name = raw.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let Some(id) = id else {
        let subject = format!("{} {:?}", kind.as_str(), name.unwrap_or("without a name"));
        notes.skip(&subject, "it has no id");
        return None;
    };
    let subject = format!("{} {id} {:?}", kind.as_str(), name.unwrap_or(""));
    let key_ok = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !key_ok {
        notes.skip(
            &subject,
            "its id is not a plain token, so it cannot be the file's key",
        );
        return None;
    }
    let title = name.map(str::to_string).unwrap_or_else(|| {
        notes.warn(&subject, "it has no name: titled \"Untitled\"");
        "Untitled".into()
    });
    Some((id.to_string(), subject, title))
}

pub(super) fn time(text: Option<&str>) -> Option<Instant> {
    let parsed = DateTime::parse_from_rfc3339(text?.trim()).ok()?;
    Some(to_second(parsed.to_utc()))
}

/// Updates in time order (Statuspage lists them newest first, and not always in order).
fn read_updates<'a>(
    raw: &'a Incident,
    kind: Kind,
    subject: &str,
    notes: &mut Notes,
) -> Vec<Read<'a>> {
    let mut out: Vec<Read> = Vec::new();
    let list = raw.incident_updates.as_deref().unwrap_or_default();
    for update in list.iter().rev() {
        let Some(at) =
            time(update.display_at.as_deref()).or_else(|| time(update.created_at.as_deref()))
        else {
            notes.warn(
                subject,
                "an update has no readable time (display_at, created_at): left out",
            );
            continue;
        };
        let text = update.status.as_deref().unwrap_or("");
        let previous = out.last().map(|u: &Read| u.status);
        let status = map_status(text, kind);
        if let Some(status) = status.filter(|s| s.as_str() != text) {
            notes.warn(
                subject,
                format!(
                    "an update has the status '{text}': imported as {}",
                    status.as_str()
                ),
            );
        }
        let status = status.unwrap_or_else(|| {
            let guess = previous.unwrap_or(match kind {
                Kind::Incident => UpdateStatus::Investigating,
                Kind::Maintenance => UpdateStatus::Scheduled,
            });
            notes.warn(
                subject,
                format!(
                    "an update has the status '{text}': imported as {}",
                    guess.as_str()
                ),
            );
            guess
        });
        let body = from_plain_text(update.body.as_deref().unwrap_or(""));
        out.push(Read {
            at,
            status,
            body,
            raw: update,
        });
    }
    if out.windows(2).any(|w| w[1].at < w[0].at) {
        notes.warn(
            subject,
            "its updates are out of order: imported in time order",
        );
        out.sort_by_key(|u| u.at);
    }
    out
}

/// A status of the other kind is read as its closest match.
fn map_status(text: &str, kind: Kind) -> Option<UpdateStatus> {
    use UpdateStatus::*;
    if let Some(status) = UpdateStatus::parse(text, kind) {
        return Some(status);
    }
    Some(match (kind, text) {
        (Kind::Incident, "postmortem" | "completed") => Resolved,
        (Kind::Incident, "verifying") => Monitoring,
        (Kind::Incident, "in_progress") => Identified,
        (Kind::Incident, "scheduled") => Investigating,
        (Kind::Maintenance, "resolved" | "postmortem") => Completed,
        (Kind::Maintenance, "monitoring") => Verifying,
        (Kind::Maintenance, "investigating" | "identified") => InProgress,
        _ => return None,
    })
}

fn impact(raw: &Incident, kind: Kind, subject: &str, notes: &mut Notes) -> Option<Impact> {
    let text = raw.impact.as_deref()?;
    match (Impact::parse(text), kind, text) {
        (Some(impact), _, _) => Some(impact),
        // Statuspage's impact of scheduled maintenance: statusgen derives it.
        (None, Kind::Maintenance, "maintenance") => None,
        _ => {
            notes.warn(
                subject,
                format!("has the impact '{text}': left to be derived from its states"),
            );
            None
        }
    }
}

/// What the incident did to each service, with what it was read from.
struct Scope<'a> {
    raw: &'a Incident,
    kind: Kind,
    window: &'a Window,
    subject: &'a str,
}

fn affects(
    scope: &Scope,
    updates: &[Read],
    impact: Option<Impact>,
    catalog: &mut Catalog,
    notes: &mut Notes,
) -> Affects {
    let (kind, window, subject) = (scope.kind, scope.window, scope.subject);
    let mut lanes = mentions(scope, updates, catalog, notes);
    let guess = match kind {
        Kind::Incident => state_for(impact),
        Kind::Maintenance => State::Maintenance,
    };
    let names: Vec<String> = catalog.services.iter().map(|s| s.name.clone()).collect();
    // Maintenance is the expected state of a maintenance's services: no guess to report.
    let quiet = &mut Notes::default();
    let report = if kind == Kind::Incident { notes } else { quiet };
    lanes.fill(window.start, guess, subject, &names, report);
    if let Some(end) = window.end {
        lanes.close(end);
    }
    // Maintenance from the start of the window to its end, for every service, is what a
    // plain list of services says.
    let whole = |entries: &[(Instant, State)]| match entries {
        [(from, State::Maintenance), (to, State::Operational)] => {
            *from == window.start && Some(*to) == window.end
        }
        [(from, State::Maintenance)] => *from == window.start && window.end == Some(window.start),
        _ => false,
    };
    if kind == Kind::Maintenance && lanes.lanes.iter().all(|l| whole(&l.entries)) {
        return Affects::Window(lanes.lanes.iter().map(|l| l.service).collect());
    }
    Affects::Lanes(lanes.lanes)
}

/// The incident's components, and each update's `new_status` for the ones it names.
fn mentions(scope: &Scope, updates: &[Read], catalog: &mut Catalog, notes: &mut Notes) -> Lanes {
    let (window, subject) = (scope.window, scope.subject);
    let mut lanes = Lanes::default();
    for component in scope.raw.components.as_deref().unwrap_or_default() {
        if let Some(n) = catalog.service(component, subject, notes) {
            lanes.list(n);
        }
    }
    for update in updates {
        let items = update
            .raw
            .affected_components
            .as_deref()
            .unwrap_or_default();
        for item in items {
            let Some(code) = item.code.as_deref() else {
                continue;
            };
            let component = affected(code, item.name.as_deref());
            let Some(n) = catalog.service(&component, subject, notes) else {
                continue;
            };
            // Announcements before a window say how things are before it, not during.
            if scope.kind == Kind::Maintenance && update.at < window.start {
                lanes.list(n);
                continue;
            }
            let text = item.new_status.as_deref().unwrap_or("");
            let Some(state) = State::parse(text) else {
                let message = format!("gives a component the status '{text}': left out");
                notes.warn(subject, message);
                continue;
            };
            if window.end.is_none_or(|end| update.at <= end) {
                lanes.set(n, update.at, state);
            }
        }
    }
    lanes
}
