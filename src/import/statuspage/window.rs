//! The span of an incident or maintenance: when it starts, when it ends, and whether that
//! end is written as `resolved` (not when later updates follow the one that resolves it).

use chrono::Duration;

use super::incident::{Read, time};
use super::shapes::Incident;
use crate::import::Notes;
use crate::model::{Instant, UpdateStatus};

/// Start, end, and the end to write as `resolved` (none when an update resolves it and
/// later updates follow, which `resolved` would forbid).
pub(super) struct Window {
    pub start: Instant,
    pub end: Option<Instant>,
    pub written_end: Option<Instant>,
}

pub(super) fn incident_window(
    raw: &Incident,
    updates: &mut [Read],
    subject: &str,
    notes: &mut Notes,
) -> Option<Window> {
    let first = updates.first().map(|u| u.at);
    let declared = time(raw.started_at.as_deref()).or_else(|| time(raw.created_at.as_deref()));
    let Some(mut start) = declared.or(first) else {
        notes.skip(
            subject,
            "it has no start time (started_at, created_at) and no updates",
        );
        return None;
    };
    if let Some(first) = first.filter(|f| *f < start) {
        notes.warn(
            subject,
            "its first update comes before started_at: it starts at that update",
        );
        start = first;
    }
    let status = raw.status.as_deref().unwrap_or("");
    if matches!(status, "resolved" | "postmortem" | "completed") {
        return Some(resolution(raw, updates, start, subject, notes));
    }
    for update in updates.iter_mut().filter(|u| u.status.closes()) {
        update.status = UpdateStatus::Monitoring;
        notes.warn(
            subject,
            "is not resolved, yet an update says resolved: imported as monitoring",
        );
    }
    Some(Window {
        start,
        end: None,
        written_end: None,
    })
}

/// The end of a resolved incident: `resolved_at`, else its first resolved update.
fn resolution(
    raw: &Incident,
    updates: &[Read],
    start: Instant,
    subject: &str,
    notes: &mut Notes,
) -> Window {
    let first_closing = updates.iter().find(|u| u.status.closes()).map(|u| u.at);
    let last = updates.last().map(|u| u.at);
    let mut end = match time(raw.resolved_at.as_deref()).or(first_closing) {
        Some(end) => end,
        None => {
            notes.warn(
                subject,
                "is resolved without a time: resolved at its last update",
            );
            last.unwrap_or(start)
        }
    };
    if end < start {
        notes.warn(
            subject,
            "resolved_at comes before it started: resolved at its start",
        );
        end = start;
    }
    let later = last.is_some_and(|l| l > end);
    let written_end = match (later, first_closing == Some(end)) {
        (false, _) => Some(end),
        (true, true) => None,
        (true, false) => {
            notes.warn(
                subject,
                "has updates after resolved_at: resolved at its last update",
            );
            end = last.unwrap_or(end);
            Some(end)
        }
    };
    Window {
        start,
        end: Some(end),
        written_end,
    }
}

pub(super) fn maintenance_window(
    raw: &Incident,
    updates: &[Read],
    subject: &str,
    notes: &mut Notes,
) -> Option<Window> {
    let last = updates.last().map(|u| u.at);
    let start = time(raw.scheduled_for.as_deref()).or_else(|| {
        let fallback = time(raw.started_at.as_deref()).or_else(|| time(raw.created_at.as_deref()));
        notes.warn(
            subject,
            "has no scheduled_for: its window starts at started_at",
        );
        fallback
    });
    let Some(start) = start else {
        notes.skip(subject, "it has no window (scheduled_for, started_at)");
        return None;
    };
    let mut end =
        match time(raw.scheduled_until.as_deref()).or_else(|| time(raw.resolved_at.as_deref())) {
            Some(end) => end,
            None => {
                notes.warn(
                    subject,
                    "has no scheduled_until: its window ends at its last update, or after an hour",
                );
                last.filter(|l| *l > start)
                    .unwrap_or(start + Duration::hours(1))
            }
        };
    if end < start {
        notes.warn(
            subject,
            "scheduled_until comes before scheduled_for: the window ends as it starts",
        );
        end = start;
    }
    if let Some(last) = last.filter(|l| *l > end) {
        notes.warn(
            subject,
            "has updates after scheduled_until: its window ends at its last update",
        );
        end = last;
    }
    Some(Window {
        start,
        end: Some(end),
        written_end: Some(end),
    })
}
