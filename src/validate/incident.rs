//! One incident file: required keys, known names, and time that only moves forward.

use std::collections::HashSet;

use chrono::Duration;

use crate::diagnostics::{Diagnostic, Pos, suggestion};
use crate::load::RawFile;
use crate::load::raw::{RawAt, RawEntry, RawServices, RawUpdate};
use crate::load::yaml::Located;
use crate::load::{is_id, shortened, too_long};
use crate::model::time::{
    At, TimeError, format_hours, hours, parse_at, parse_timestamp, short_number,
};
use crate::model::{
    Entry, Impact, Incident, Instant, Kind, Lane, SiteZone, State, Update, UpdateStatus,
};

const TOP: Pos = Pos {
    line: 1,
    col: 1,
    len: 1,
};

pub(super) fn validate_incident(
    file: &RawFile,
    known: Option<&HashSet<&str>>,
    zone: SiteZone,
) -> (Option<Incident>, Vec<Diagnostic>) {
    let mut c = Checker {
        file: &file.file,
        zone,
        problems: Vec::new(),
    };
    let raw = &file.raw;
    let title = match &raw.title {
        Some(t) if !t.value.trim().is_empty() => Some(t.value.clone()),
        Some(t) => c.err(
            t.pos,
            "the title is empty",
            "say what broke, e.g. `title: Login failures`",
        ),
        None => c.err(
            TOP,
            "missing required key 'title'",
            "add `title: ...`: what users see in lists and feeds",
        ),
    };
    let kind = match &raw.kind {
        None => Kind::Incident,
        Some(k) => Kind::parse(&k.value).unwrap_or_else(|| {
            c.err::<()>(
                k.pos,
                &format!("unknown kind '{}'", k.value),
                &suggestion(&k.value, &Kind::NAMES),
            );
            Kind::Incident
        }),
    };
    let started = match &raw.started {
        Some(s) => c.timestamp(s),
        None => c.err(
            TOP,
            "missing required key 'started'",
            "add `started: 2024-01-31T14:05:00+00:00`: the moment of hour 0",
        ),
    };
    let resolved = raw.resolved.as_ref().and_then(|r| c.timestamp(r));
    if let (Some(start), Some(end), Some(r)) = (started, resolved, &raw.resolved)
        && end < start
    {
        c.err::<()>(
            r.pos,
            "resolved is before started",
            "an incident ends after it starts: check the date and the offset",
        );
    }
    if kind == Kind::Maintenance && raw.resolved.is_none() {
        c.err::<()>(
            raw.kind.as_ref().map_or(TOP, |k| k.pos),
            "a maintenance needs `resolved`: the end of its planned window",
            "add `resolved: ...` with the planned end",
        );
    }
    let impact = raw.impact.as_ref().and_then(|i| {
        Impact::parse(&i.value).or_else(|| {
            c.err(
                i.pos,
                &format!("unknown impact '{}'", i.value),
                &suggestion(&i.value, &Impact::NAMES),
            )
        })
    });
    let (lanes, updates) = match started {
        Some(start) => {
            let end = resolved.filter(|e| *e >= start);
            let window = Window { start, end, kind };
            // An explicit impact with no services is a notice: it affected no listed service.
            let notice = raw.impact.is_some();
            let lanes = c.lanes(raw.services.as_ref(), known, window, notice);
            let updates = c.updates(raw.updates.as_deref().unwrap_or_default(), window);
            (lanes, updates)
        }
        None => (vec![], vec![]),
    };
    let Some(title) = title else {
        return (None, c.problems);
    };
    let Some(started) = started else {
        return (None, c.problems);
    };
    let incident = Incident {
        slug: file.slug.clone(),
        file: file.file.clone(),
        title,
        kind,
        started,
        resolved: resolved.filter(|e| *e >= started),
        impact,
        summary: raw.summary.clone(),
        lanes,
        updates,
        postmortem: raw.postmortem.clone(),
    };
    (Some(incident), c.problems)
}

#[derive(Clone, Copy)]
struct Window {
    start: Instant,
    end: Option<Instant>,
    kind: Kind,
}

struct Checker<'a> {
    file: &'a str,
    zone: SiteZone,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Records an error; returns `None` so a failed check reads as a missing value.
    fn err<T>(&mut self, pos: Pos, message: &str, hint: &str) -> Option<T> {
        self.problems
            .push(Diagnostic::error(self.file, pos, message).with_hint(hint));
        None
    }

    fn timestamp(&mut self, text: &Located<String>) -> Option<Instant> {
        parse_timestamp(&text.value, self.zone).map_err(|e| self.err::<()>(text.pos, &e.to_string(), "write it as 2022-10-15T15:30:00+09:00 (or without the offset, in the site's timezone)")).ok()
    }

    fn at(&mut self, at: &Located<RawAt>, start: Instant) -> Option<Instant> {
        let parsed = match &at.value {
            RawAt::Hours(h) => hours(*h)
                .map(At::Offset)
                .ok_or_else(|| TimeError::OutOfRange(short_number(*h))),
            RawAt::Text(text) => parse_at(text, self.zone),
        };
        match parsed {
            Ok(at) => Some(at.resolve(start)),
            Err(e) => {
                let hint = match e {
                    TimeError::OutOfRange(_) => {
                        "`at` counts from `started`: look for extra digits, or write a timestamp"
                    }
                    TimeError::Spaced { .. } => "a duration is one word: 2h30m, 1d12h",
                    TimeError::Skipped { .. } => {
                        "clocks skip this hour: use a time outside the gap, or write the offset (+01:00)"
                    }
                    TimeError::UnitOrder(_) => "for example `2d3h`, not `3h2d`",
                    TimeError::NotATimestamp(_) | TimeError::NotAnAt(_) => {
                        "write hours since the start (9.5), a duration (90m, 43h11m, 2d3h) or a timestamp"
                    }
                };
                self.err(at.pos, &e.to_string(), hint)
            }
        }
    }

    /// `at` must not precede the start (`early_ok` for announcements) nor follow the end,
    /// and must move forward.
    fn check_order(
        &mut self,
        pos: Pos,
        t: Instant,
        previous: Option<Instant>,
        window: Window,
        early_ok: bool,
        what: &str,
    ) {
        if t < window.start && !early_ok {
            let hint = match window.kind {
                Kind::Maintenance => {
                    "only a maintenance's updates (its announcements) may come before the window"
                }
                Kind::Incident => "hour 0 is `started`: move `started` earlier or this entry later",
            };
            self.err::<()>(
                pos,
                &format!(
                    "{what} at hour {} is before the start",
                    hours_of(t - window.start)
                ),
                hint,
            );
        } else if let Some(end) = window.end.filter(|end| t > *end) {
            self.err::<()>(
                pos,
                &format!(
                    "{what} at hour {} is after `resolved` (hour {})",
                    hours_of(t - window.start),
                    hours_of(end - window.start)
                ),
                "move `resolved` later, or this entry earlier",
            );
        } else if let Some(prev) = previous.filter(|p| t < *p || (t == *p && what == "entry")) {
            self.err::<()>(
                pos,
                &format!(
                    "{what} at hour {} does not come after the one before it (hour {})",
                    hours_of(t - window.start),
                    hours_of(prev - window.start)
                ),
                "list entries in time order, each later than the last",
            );
        }
    }

    fn lanes(
        &mut self,
        services: Option<&Located<RawServices>>,
        known: Option<&HashSet<&str>>,
        window: Window,
        notice: bool,
    ) -> Vec<Lane> {
        let Some(services) = services else {
            self.err::<()>(
                TOP,
                "missing required key 'services'",
                "list what was affected: `services: { api: [{ at: 0, state: major_outage }] }`",
            );
            return vec![];
        };
        let mut lanes = Vec::new();
        match &services.value {
            RawServices::Ids(ids) => {
                if window.kind == Kind::Incident && !(ids.is_empty() && notice) {
                    self.err::<()>(
                        services.pos,
                        "a plain list of services is only for maintenance",
                        "give each service its states: `api: [{ at: 0, state: major_outage }]`",
                    );
                }
                for id in ids {
                    if self.service_id(id, known) {
                        let entries = vec![Entry {
                            at: window.start,
                            state: State::Maintenance,
                            note: None,
                        }];
                        lanes.push(Lane {
                            service: id.value.clone(),
                            entries,
                        });
                    }
                }
            }
            RawServices::Lanes(raw_lanes) => {
                for (id, entries) in raw_lanes {
                    if self.service_id(id, known) {
                        let entries = self.entries(id, entries, window);
                        lanes.push(Lane {
                            service: id.value.clone(),
                            entries,
                        });
                    }
                }
            }
        }
        let written = match &services.value {
            RawServices::Ids(ids) => ids.len(),
            RawServices::Lanes(lanes) => lanes.len(),
        };
        if written == 0 && !notice {
            self.err::<()>(
                services.pos,
                "no services",
                "name at least one affected service, or write `impact:` for a notice that affects none",
            );
        }
        lanes
    }

    fn service_id(&mut self, id: &Located<String>, known: Option<&HashSet<&str>>) -> bool {
        match known {
            Some(known) if !known.contains(id.value.as_str()) => {
                let mut names: Vec<&str> = known.iter().copied().collect();
                names.sort_unstable();
                let hint =
                    match crate::diagnostics::did_you_mean(&id.value, names.iter().copied()) {
                        Some(best) => format!("did you mean '{best}'?"),
                        None => "add it to `services:` in status.yaml, or use one of its ids"
                            .to_string(),
                    };
                self.err::<()>(id.pos, &format!("unknown service '{}'", id.value), &hint);
                false
            }
            None if too_long("service id", &id.value).is_some() => {
                let message = too_long("service id", &id.value).unwrap_or_default();
                let hint = format!(
                    "the id names the service's pages and badges: shorten it, e.g. '{}'",
                    shortened(&id.value)
                );
                self.err::<()>(id.pos, &message, &hint);
                false
            }
            None if !is_id(&id.value) => {
                self.err::<()>(
                    id.pos,
                    &format!("bad service id '{}'", id.value),
                    "ids appear in URLs: use [a-z0-9][a-z0-9-]*",
                );
                false
            }
            _ => true,
        }
    }

    fn entries(&mut self, id: &Located<String>, raw: &[RawEntry], window: Window) -> Vec<Entry> {
        if raw.is_empty() {
            self.err::<()>(
                id.pos,
                &format!("'{}' has no entries", id.value),
                "add at least `- { at: 0, state: major_outage }`",
            );
        }
        let mut entries: Vec<Entry> = Vec::with_capacity(raw.len());
        let mut previous = None;
        for item in raw {
            let e = item;
            let state = State::parse(&e.state.value).or_else(|| {
                self.err(
                    e.state.pos,
                    &format!("unknown state '{}'", e.state.value),
                    &state_hint(&e.state.value),
                )
            });
            let Some(at) = self.at(&e.at, window.start) else {
                continue;
            };
            self.check_order(e.at.pos, at, previous, window, false, "entry");
            previous = Some(at);
            if let Some(state) = state {
                entries.push(Entry {
                    at,
                    state,
                    note: e.note.clone(),
                });
            }
        }
        // Only when every entry was understood: a typo in the last one is error enough.
        let complete = entries.len() == raw.len();
        if let (Some(last), Some(_), Kind::Incident, true) =
            (raw.last(), window.end, window.kind, complete)
            && entries
                .last()
                .is_some_and(|e| e.state != State::Operational)
        {
            self.problems.push(
                    Diagnostic::warning(self.file, last.state.pos, format!("'{}' is still not operational at its last entry of a resolved incident", id.value))
                        .with_hint("add `{ at: ..., state: operational }` when it recovered; the resolution counts as recovery until then"),
                );
        }
        entries.sort_by_key(|e| e.at);
        entries
    }

    fn updates(&mut self, raw: &[RawUpdate], window: Window) -> Vec<Update> {
        let mut out: Vec<Update> = Vec::with_capacity(raw.len());
        let mut previous = None;
        for item in raw {
            let u = item;
            let status = UpdateStatus::parse(&u.status.value, window.kind)
                .or_else(|| self.bad_status(&u.status, window.kind));
            let Some(at) = self.at(&u.at, window.start) else {
                continue;
            };
            let early_ok = window.kind == Kind::Maintenance;
            self.check_order(u.at.pos, at, previous, window, early_ok, "update");
            previous = Some(at);
            if let Some(status) = status {
                out.push(Update {
                    at,
                    status,
                    body: u.body.clone().unwrap_or_default(),
                });
            }
        }
        out.sort_by_key(|u| u.at);
        out
    }
}

impl Checker<'_> {
    fn bad_status(&mut self, status: &Located<String>, kind: Kind) -> Option<UpdateStatus> {
        let names = UpdateStatus::names(kind);
        let other = match kind {
            Kind::Incident => Kind::Maintenance,
            Kind::Maintenance => Kind::Incident,
        };
        let hint = if UpdateStatus::parse(&status.value, other).is_some() {
            format!(
                "'{}' is a {} status; {}s use {}",
                status.value,
                other.as_str(),
                kind.as_str(),
                names.join(", ")
            )
        } else {
            suggestion(&status.value, names)
        };
        let message = format!("unknown {} status '{}'", kind.as_str(), status.value);
        self.err(status.pos, &message, &hint)
    }
}

/// What a state written another way is likely to mean: the words of other status pages and
/// everyday speech (`down`, `ok`, `Degraded Performance`), else the closest name.
fn state_hint(written: &str) -> String {
    let normal = written.trim().to_lowercase().replace([' ', '-'], "_");
    let meant = State::parse(&normal)
        .map(State::as_str)
        .or(match normal.as_str() {
            "down" | "outage" | "offline" | "unavailable" | "major" | "red" | "broken" => {
                Some("major_outage")
            }
            "partial" | "partially_down" | "orange" => Some("partial_outage"),
            "slow" | "degradation" | "yellow" | "minor" => Some("degraded"),
            "up" | "ok" | "okay" | "online" | "fine" | "green" | "normal" | "resolved"
            | "recovered" | "fixed" => Some("operational"),
            "scheduled" | "planned" | "maint" => Some("maintenance"),
            _ => None,
        });
    match meant {
        Some(name) => format!(
            "did you mean '{name}'? states: {}",
            State::NAMES[..5].join(", ")
        ),
        None => suggestion(written, &State::NAMES[..5]),
    }
}

/// Hours for messages: `43`, `9.5`, `-48`, `10.02`.
fn hours_of(d: Duration) -> String {
    format_hours(d.num_seconds() as f64 / 3600.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_written_other_ways_get_the_name_they_mean() {
        for (written, meant) in [
            ("down", "major_outage"),
            ("Outage", "major_outage"),
            ("up", "operational"),
            ("OK", "operational"),
            ("Degraded Performance", "degraded"),
            ("Major Outage", "major_outage"),
            ("partial-outage", "partial_outage"),
            ("Maintenance", "maintenance"),
            ("degradded", "degraded"),
        ] {
            let hint = state_hint(written);
            assert!(
                hint.starts_with(&format!("did you mean '{meant}'?")),
                "{written}: {hint}"
            );
        }
        assert!(state_hint("zzzzzz").starts_with("expected one of: operational"));
    }
}
