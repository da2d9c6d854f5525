//! One cState issue as an incident. cState says little about time: a `date`, maybe a
//! `resolvedWhen`, and dates on the updates that need not agree with either. The front
//! matter wins, as it does on the cState page: the incident spans `date` to `resolvedWhen`,
//! and updates dated outside that span are moved to its nearer end.

use super::Systems;
use super::body::{self, Tracked};
use super::dates;
use super::front_matter::{Flag, FrontMatter, Issue};
use crate::import::{Affects, DraftIncident, DraftLane, Notes};
use crate::model::{Impact, Instant, Kind, SiteZone, State, Update, UpdateStatus};

pub(super) fn incident(
    name: &str,
    issue: Issue,
    zone: SiteZone,
    systems: &mut Systems,
    notes: &mut Notes,
) -> Option<DraftIncident> {
    let Issue {
        front,
        ignored,
        body,
    } = issue;
    if Flag::is_set(front.draft.as_ref()) {
        notes.warn(
            name,
            "a draft (draft: true), which Hugo does not publish: not imported",
        );
        return None;
    }
    for key in ignored {
        notes.warn(
            name,
            format!("its front matter key '{key}' has no statusgen equivalent: left out"),
        );
    }
    let stem = crate::import::target::stem(name).unwrap_or_default();
    let title = front
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let title = title.map(str::to_string).unwrap_or_else(|| {
        notes.warn(name, "it has no title: titled after its file name");
        stem.clone()
    });
    let started = start(name, front.date.as_deref(), &stem, zone, notes)?;
    let informational = Flag::is_set(front.informational.as_ref());
    let end = end(name, &front, started, informational, zone, notes);
    let split = body::split(&body);
    if split.undated > 0 {
        let n = split.undated;
        let s = if n == 1 { "" } else { "s" };
        let message = format!(
            "{n} paragraph{s} read like updates (*Status* - text) but carry no {{{{< track \"DATE\" >}}}}: kept in the summary"
        );
        notes.warn(name, message);
    }
    let span = Span { started, end };
    let updates = updates(name, split.updates, span, zone, notes);
    let (affects, impact) = affects(name, &front, informational, span, systems, notes);
    Some(DraftIncident {
        key: format!("cstate {}", name.replace(|c: char| c.is_control(), "?")),
        subject: name.to_string(),
        slug: Some(stem),
        title,
        kind: Kind::Incident,
        started,
        resolved: end,
        impact,
        summary: split.summary,
        affects,
        updates,
        postmortem: None,
    })
}

#[derive(Clone, Copy)]
struct Span {
    started: Instant,
    end: Option<Instant>,
}

/// The severity as the state of every affected system for the incident's span; nothing for
/// an informational post, which cState shows without a state.
fn affects(
    name: &str,
    front: &FrontMatter,
    informational: bool,
    span: Span,
    systems: &mut Systems,
    notes: &mut Notes,
) -> (Affects, Option<Impact>) {
    let names = front
        .affected
        .as_ref()
        .map(|a| a.names())
        .unwrap_or_default();
    if informational {
        if !names.is_empty() {
            notes.warn(name, "an informational post that lists affected systems: they are not marked, as on cState");
        }
        return (Affects::Lanes(vec![]), Some(Impact::None));
    }
    let state = state(name, front.severity.as_deref(), notes);
    let mut lanes: Vec<DraftLane> = Vec::new();
    for affected in names {
        let service = systems.find(&affected, name, notes);
        if lanes.iter().any(|l| l.service == service) {
            continue;
        }
        let mut entries = vec![(span.started, state)];
        if let Some(end) = span.end.filter(|e| *e > span.started) {
            entries.push((end, State::Operational));
        }
        lanes.push(DraftLane { service, entries });
    }
    // An issue of no system says so with an explicit impact.
    let impact = lanes.is_empty().then(|| Impact::from_worst_state(state));
    (Affects::Lanes(lanes), impact)
}

/// `date`, else the date its file name starts with (`2018-04-13-...`).
fn start(
    name: &str,
    date: Option<&str>,
    stem: &str,
    zone: SiteZone,
    notes: &mut Notes,
) -> Option<Instant> {
    if let Some(text) = date {
        if let Some(t) = dates::parse(text, zone) {
            return Some(t);
        }
        notes.warn(name, format!("its date '{text}' is not a date Hugo reads"));
    }
    let from_name = stem.get(..10).and_then(|d| dates::parse(d, zone));
    match from_name {
        Some(t) => {
            notes.warn(
                name,
                "it has no usable date: it starts on the date of its file name, at midnight",
            );
            Some(t)
        }
        None => {
            notes.skip(name, "it has no date, and its file name starts with none");
            None
        }
    }
}

/// The resolution: `resolvedWhen` of a resolved issue; the start, for an informational post.
fn end(
    name: &str,
    front: &FrontMatter,
    started: Instant,
    informational: bool,
    zone: SiteZone,
    notes: &mut Notes,
) -> Option<Instant> {
    let when = front.resolved_when.as_deref();
    let parsed = when.and_then(|w| dates::parse(w, zone));
    if let (Some(text), None) = (when, parsed) {
        notes.warn(
            name,
            format!("its resolvedWhen '{text}' is not a date Hugo reads"),
        );
    }
    if informational {
        return Some(started);
    }
    if !Flag::is_set(front.resolved.as_ref()) {
        if parsed.is_some() {
            notes.warn(name, "resolved: false with a resolvedWhen: ongoing, as cState shows it; set resolved: true in its file to close it");
        }
        return None;
    }
    match parsed {
        Some(end) if end < started => {
            notes.warn(
                name,
                "its resolvedWhen comes before its date: resolved as it starts",
            );
            Some(started)
        }
        Some(end) => Some(end),
        None => {
            notes.warn(
                name,
                "resolved without a resolvedWhen: resolved as it starts",
            );
            Some(started)
        }
    }
}

/// A severity as the state of every affected system for the incident's span.
fn state(name: &str, severity: Option<&str>, notes: &mut Notes) -> State {
    match severity.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("down") => State::MajorOutage,
        Some("disrupted") => State::PartialOutage,
        Some("notice") => State::Maintenance,
        other => {
            let said = other.map_or("no severity".to_string(), |s| format!("the severity '{s}'"));
            notes.warn(name, format!("{said}: read as disrupted (partial_outage)"));
            State::PartialOutage
        }
    }
}

/// Updates oldest first, inside the incident, with statuses from their labels.
fn updates(
    name: &str,
    tracked: Vec<Tracked>,
    span: Span,
    zone: SiteZone,
    notes: &mut Notes,
) -> Vec<Update> {
    let mut out: Vec<Update> = Vec::new();
    for (t, update) in oldest_first(name, tracked, zone, notes) {
        let previous = out.last().map(|u| u.status);
        out.push(update_at(name, t, update, span, previous, notes));
    }
    out.sort_by_key(|u| u.at);
    out
}

/// Dated updates, oldest first: cState lists the newest first, but a file whose dates rise
/// was written oldest first.
fn oldest_first(
    name: &str,
    tracked: Vec<Tracked>,
    zone: SiteZone,
    notes: &mut Notes,
) -> Vec<(Instant, Tracked)> {
    let mut dated: Vec<(Instant, Tracked)> = Vec::new();
    for update in tracked {
        match dates::parse(&update.date, zone) {
            Some(t) => dated.push((t, update)),
            None => notes.warn(
                name,
                format!(
                    "an update is dated '{}', which is not a date Hugo reads: left out",
                    update.date
                ),
            ),
        }
    }
    let pairs = || dated.windows(2);
    let rising = pairs().all(|w| w[0].0 <= w[1].0) && pairs().any(|w| w[0].0 < w[1].0);
    if !rising {
        dated.reverse();
    }
    dated
}

/// One update, moved inside the incident if its date is not.
fn update_at(
    name: &str,
    t: Instant,
    update: Tracked,
    span: Span,
    previous: Option<UpdateStatus>,
    notes: &mut Notes,
) -> Update {
    let at = t
        .max(span.started)
        .min(span.end.unwrap_or(t.max(span.started)));
    if at != t {
        let (side, word) = if t < span.started {
            ("its date", "start")
        } else {
            ("its resolvedWhen", "resolution")
        };
        notes.warn(name, format!("an update dated {} is outside the incident ({side} says otherwise): placed at its {word}", update.date.trim()));
    }
    let (status, exact) = status(update.label.as_deref(), previous);
    if !exact {
        let label = update
            .label
            .as_deref()
            .map_or("an update without a status label".to_string(), |l| {
                format!("the update label '{l}'")
            });
        notes.warn(name, format!("{label} is read as {}", status.as_str()));
    }
    let (status, exact) = if span.end.is_none() && status.closes() {
        let message = "an update says resolved, but the issue is not: read as monitoring";
        notes.warn(name, message);
        (UpdateStatus::Monitoring, false)
    } else {
        (status, exact)
    };
    // A label that is not the status itself stays in the text, so nothing is lost.
    let body = if exact { update.text } else { update.whole };
    Update { at, status, body }
}

/// The status a label names (`exact`), else the one its words suggest, else the previous
/// update's.
fn status(label: Option<&str>, previous: Option<UpdateStatus>) -> (UpdateStatus, bool) {
    use UpdateStatus::*;
    let text = label.map(|l| l.trim().to_lowercase()).unwrap_or_default();
    if let Some(exact) = UpdateStatus::parse(&text, Kind::Incident) {
        return (exact, true);
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let guess = if has(&[
        "resolv",
        "fixed",
        "complete",
        "restored",
        "closed",
        "recovered",
    ]) {
        Resolved
    } else if has(&["monitor", "watch"]) {
        Monitoring
    } else if has(&["identif", "found", "cause"]) {
        Identified
    } else if has(&["investigat"]) {
        Investigating
    } else {
        previous.unwrap_or(Investigating)
    };
    (guess, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_to_statuses() {
        assert_eq!(
            status(Some("Investigating"), None),
            (UpdateStatus::Investigating, true)
        );
        assert_eq!(
            status(Some(" MONITORING "), None),
            (UpdateStatus::Monitoring, true)
        );
        assert_eq!(status(Some("Fixed"), None), (UpdateStatus::Resolved, false));
        assert_eq!(
            status(Some("Update"), Some(UpdateStatus::Identified)),
            (UpdateStatus::Identified, false)
        );
        assert_eq!(
            status(Some("Just began"), None),
            (UpdateStatus::Investigating, false)
        );
        assert_eq!(
            status(None, Some(UpdateStatus::Monitoring)),
            (UpdateStatus::Monitoring, false)
        );
    }
}
