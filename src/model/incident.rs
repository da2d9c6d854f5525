//! One incident or maintenance and the state of its services at any instant.

use super::state::{Impact, Kind, State, UpdateStatus};
use super::time::Instant;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub at: Instant,
    pub state: State,
    pub note: Option<String>,
}

/// The states one service went through during one incident, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub service: String,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub at: Instant,
    pub status: UpdateStatus,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub slug: String,
    /// The file it came from, relative to the site root.
    pub file: String,
    pub title: String,
    pub kind: Kind,
    pub started: Instant,
    /// `resolved` as written; see [`Incident::resolved_at`] for the effective end.
    pub resolved: Option<Instant>,
    pub impact: Option<Impact>,
    pub summary: Option<String>,
    pub lanes: Vec<Lane>,
    pub updates: Vec<Update>,
    pub postmortem: Option<String>,
}

/// Where an incident stands at "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Not yet public: an incident that starts after now, a maintenance not yet announced.
    Hidden,
    /// A maintenance announced and not yet started.
    Upcoming,
    Ongoing,
    Resolved,
}

impl Incident {
    /// `resolved` if written, else the first update that closes it.
    pub fn resolved_at(&self) -> Option<Instant> {
        self.resolved.or_else(|| {
            self.updates
                .iter()
                .find(|u| u.status.closes())
                .map(|u| u.at)
        })
    }

    /// When it was first public: its first update or its start, whichever is earlier.
    pub fn published_at(&self) -> Instant {
        self.updates
            .first()
            .map_or(self.started, |u| u.at.min(self.started))
    }

    pub fn phase(&self, now: Instant) -> Phase {
        match self.resolved_at() {
            Some(end) if end <= now => return Phase::Resolved,
            _ => {}
        }
        if self.started <= now {
            return Phase::Ongoing;
        }
        let announced = match self.kind {
            Kind::Maintenance => self.updates.first().is_none_or(|u| u.at <= now),
            Kind::Incident => false,
        };
        if announced {
            Phase::Upcoming
        } else {
            Phase::Hidden
        }
    }

    /// The end shown at `now`: the resolution if it has happened, else `now` itself.
    pub fn end_at(&self, now: Instant) -> Instant {
        match self.resolved_at() {
            Some(end) if end <= now => end,
            _ => now.max(self.started),
        }
    }

    /// The state this incident gives `lane`'s service at `t`: the last entry at or before
    /// `t`, and operational before the start and from the resolution on.
    pub fn lane_state(&self, lane: &Lane, t: Instant) -> State {
        if t < self.started || self.resolved_at().is_some_and(|end| end <= t) {
            return State::Operational;
        }
        let reached = lane.entries.partition_point(|e| e.at <= t);
        reached
            .checked_sub(1)
            .map_or(State::Operational, |i| lane.entries[i].state)
    }

    pub fn lane(&self, service: &str) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.service == service)
    }

    pub fn state_of(&self, service: &str, t: Instant) -> State {
        self.lane(service)
            .map_or(State::Operational, |lane| self.lane_state(lane, t))
    }

    /// The worst state any service reached up to `now`.
    pub fn worst_state(&self, now: Instant) -> State {
        let end = self.resolved_at();
        self.lanes
            .iter()
            .flat_map(|l| &l.entries)
            .filter(|e| e.at <= now && end.is_none_or(|end| e.at < end))
            .map(|e| e.state)
            .max()
            .unwrap_or(State::Operational)
    }

    /// The impact as written, else derived from the worst state reached, as Statuspage does.
    pub fn impact_at(&self, now: Instant) -> Impact {
        self.impact
            .unwrap_or_else(|| Impact::from_worst_state(self.worst_state(now)))
    }

    /// Updates published by `now`, oldest first.
    pub fn updates_until(&self, now: Instant) -> &[Update] {
        &self.updates[..self.updates.partition_point(|u| u.at <= now)]
    }

    /// Every instant at which some service's state changes, up to `now`, sorted and unique.
    pub fn change_points(&self, now: Instant) -> Vec<Instant> {
        let mut points: Vec<Instant> = self
            .lanes
            .iter()
            .flat_map(|l| l.entries.iter().map(|e| e.at))
            .chain(self.resolved_at())
            .filter(|t| *t <= now && *t >= self.started)
            .collect();
        points.sort();
        points.dedup();
        points
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::time::{SiteZone, hours, parse_timestamp};

    pub(crate) fn t(text: &str) -> Instant {
        parse_timestamp(text, SiteZone::default()).unwrap()
    }

    pub(crate) fn entry(start: Instant, h: f64, state: State) -> Entry {
        Entry {
            at: start + hours(h).unwrap(),
            state,
            note: None,
        }
    }

    pub(crate) fn incident(
        slug: &str,
        start: &str,
        lanes: Vec<(&str, Vec<(f64, State)>)>,
    ) -> Incident {
        let started = t(start);
        Incident {
            slug: slug.into(),
            file: format!("incidents/{slug}.yaml"),
            title: slug.into(),
            kind: Kind::Incident,
            started,
            resolved: None,
            impact: None,
            summary: None,
            lanes: lanes
                .into_iter()
                .map(|(service, entries)| Lane {
                    service: service.into(),
                    entries: entries
                        .into_iter()
                        .map(|(h, s)| entry(started, h, s))
                        .collect(),
                })
                .collect(),
            updates: vec![],
            postmortem: None,
        }
    }

    fn kakao_like() -> Incident {
        let mut i = incident(
            "fire",
            "2022-10-15T06:30:00Z",
            vec![(
                "kakaotalk",
                vec![
                    (0.0, State::MajorOutage),
                    (9.5, State::PartialOutage),
                    (43.0, State::Degraded),
                    (127.5, State::Operational),
                ],
            )],
        );
        i.resolved = Some(i.started + hours(127.5).unwrap());
        i
    }

    #[test]
    fn an_entry_exactly_at_now_counts() {
        let i = kakao_like();
        let at43 = i.started + hours(43.0).unwrap();
        assert_eq!(i.state_of("kakaotalk", at43), State::Degraded);
        assert_eq!(
            i.state_of("kakaotalk", at43 - chrono::Duration::seconds(1)),
            State::PartialOutage
        );
    }

    #[test]
    fn operational_before_start_and_after_resolution() {
        let i = kakao_like();
        assert_eq!(
            i.state_of("kakaotalk", i.started - chrono::Duration::seconds(1)),
            State::Operational
        );
        assert_eq!(i.state_of("kakaotalk", i.started), State::MajorOutage);
        assert_eq!(
            i.state_of("kakaotalk", t("2022-10-21T00:00:00Z")),
            State::Operational
        );
        assert_eq!(i.state_of("daum", i.started), State::Operational);
    }

    #[test]
    fn resolution_comes_from_field_or_first_resolved_update() {
        let mut i = kakao_like();
        i.resolved = None;
        assert_eq!(i.resolved_at(), None);
        let at = i.started + hours(100.0).unwrap();
        i.updates.push(Update {
            at,
            status: UpdateStatus::Monitoring,
            body: String::new(),
        });
        i.updates.push(Update {
            at: at + hours(1.0).unwrap(),
            status: UpdateStatus::Resolved,
            body: String::new(),
        });
        assert_eq!(i.resolved_at(), Some(at + hours(1.0).unwrap()));
        // Resolution makes every service operational, whatever its lane still says.
        assert_eq!(
            i.state_of("kakaotalk", at + hours(2.0).unwrap()),
            State::Operational
        );
        assert_eq!(i.phase(at), Phase::Ongoing);
        assert_eq!(i.phase(at + hours(1.0).unwrap()), Phase::Resolved);
    }

    #[test]
    fn maintenance_is_upcoming_once_announced() {
        let mut m = incident(
            "db",
            "2024-01-10T00:00:00Z",
            vec![("api", vec![(0.0, State::Maintenance)])],
        );
        m.kind = Kind::Maintenance;
        m.resolved = Some(m.started + hours(2.0).unwrap());
        m.updates.push(Update {
            at: m.started - hours(48.0).unwrap(),
            status: UpdateStatus::Scheduled,
            body: String::new(),
        });
        assert_eq!(m.phase(m.started - hours(72.0).unwrap()), Phase::Hidden);
        assert_eq!(m.phase(m.started - hours(1.0).unwrap()), Phase::Upcoming);
        assert_eq!(m.phase(m.started), Phase::Ongoing);
        assert_eq!(
            m.state_of("api", m.started + hours(1.0).unwrap()),
            State::Maintenance
        );
        assert_eq!(m.phase(m.started + hours(2.0).unwrap()), Phase::Resolved);
    }

    #[test]
    fn worst_state_and_derived_impact_only_see_the_past() {
        let i = kakao_like();
        assert_eq!(i.worst_state(i.started), State::MajorOutage);
        assert_eq!(i.impact_at(i.started), Impact::Critical);
        assert_eq!(
            i.worst_state(i.started - chrono::Duration::seconds(1)),
            State::Operational
        );
    }

    #[test]
    fn change_points_stop_at_now() {
        let i = kakao_like();
        let points = i.change_points(i.started + hours(43.0).unwrap());
        assert_eq!(points.len(), 3);
    }
}
