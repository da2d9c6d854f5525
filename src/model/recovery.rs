//! How an incident unfolded: each service's states as segments, how long each took to
//! improve and to recover, and the steps at which anything changed.

use chrono::Duration;

use super::incident::{Incident, Lane};
use super::state::State;
use super::time::Instant;

/// A stretch of time in one state.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub from: Instant,
    pub to: Instant,
    pub state: State,
    pub note: Option<String>,
}

/// Per-service recovery times, measured from the incident's start.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Recovery {
    /// The first time the service got better than it was.
    pub first_improvement: Option<Duration>,
    /// When it became operational for good; `None` while still impaired at "now".
    pub full_recovery: Option<Duration>,
}

/// One moment at which some service changed state.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub at: Instant,
    /// (lane index, state before, state after, note of the entry).
    pub changes: Vec<(usize, State, State, Option<String>)>,
    /// Every lane's state from this moment on, in lane order.
    pub states: Vec<State>,
    pub impaired: usize,
}

impl Incident {
    /// The lane's states from the start to `end_at(now)`, as contiguous segments. Time before
    /// its first entry is operational, as is everything from the resolution on.
    pub fn segments(&self, lane: &Lane, now: Instant) -> Vec<Segment> {
        let end = self.end_at(now);
        let mut out: Vec<Segment> = Vec::new();
        let mut cursor = self.started;
        let mut state = State::Operational;
        let mut note = None;
        for entry in lane.entries.iter().filter(|e| e.at <= end) {
            if entry.at > cursor {
                out.push(Segment {
                    from: cursor,
                    to: entry.at,
                    state,
                    note: note.take(),
                });
            }
            cursor = cursor.max(entry.at);
            state = entry.state;
            note = entry.note.clone();
        }
        // A state reached exactly at the end still shows, with no width.
        out.push(Segment {
            from: cursor,
            to: end,
            state,
            note,
        });
        merge_same_state(out)
    }

    pub fn recovery(&self, lane: &Lane, now: Instant) -> Recovery {
        let end = self.end_at(now);
        let resolved = self.resolved_at().filter(|r| *r <= now);
        let mut worst_so_far = State::Operational;
        let mut first_improvement = None;
        let mut recovered_at = None;
        for entry in lane.entries.iter().filter(|e| e.at <= end) {
            if entry.state < worst_so_far
                && first_improvement.is_none()
                && worst_so_far.is_impaired()
            {
                first_improvement = Some(entry.at - self.started);
            }
            worst_so_far = worst_so_far.max(entry.state);
            recovered_at = (entry.state == State::Operational).then_some(entry.at);
        }
        let touched = worst_so_far.is_impaired();
        let full = match (recovered_at, resolved) {
            (Some(at), _) => Some(at),
            (None, Some(r)) if touched => Some(r),
            _ => None,
        };
        Recovery {
            first_improvement: first_improvement.or_else(|| full.map(|t| t - self.started)),
            full_recovery: full.map(|t| t - self.started),
        }
    }

    /// Every moment up to `now` at which a service changed state, with the states after it.
    pub fn steps(&self, now: Instant) -> Vec<Step> {
        let mut steps: Vec<Step> = Vec::new();
        let mut states = vec![State::Operational; self.lanes.len()];
        for at in self.change_points(now) {
            let mut changes = Vec::new();
            for (i, lane) in self.lanes.iter().enumerate() {
                let after = self.lane_state(lane, at);
                if after != states[i] {
                    let note = lane
                        .entries
                        .iter()
                        .find(|e| e.at == at)
                        .and_then(|e| e.note.clone());
                    changes.push((i, states[i], after, note));
                    states[i] = after;
                }
            }
            if !changes.is_empty() {
                let impaired = states.iter().filter(|s| s.is_impaired()).count();
                steps.push(Step {
                    at,
                    changes,
                    states: states.clone(),
                    impaired,
                });
            }
        }
        steps
    }

    /// How many services are impaired at `t`.
    pub fn impaired_at(&self, t: Instant) -> usize {
        self.lanes
            .iter()
            .filter(|l| self.lane_state(l, t).is_impaired())
            .count()
    }

    /// How many of its services are under maintenance at `t`.
    pub fn in_maintenance_at(&self, t: Instant) -> usize {
        self.lanes
            .iter()
            .filter(|l| self.lane_state(l, t) == State::Maintenance)
            .count()
    }
}

fn merge_same_state(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for s in segments {
        match out.last_mut() {
            Some(last) if last.state == s.state && last.to == s.from && s.note.is_none() => {
                last.to = s.to
            }
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::incident::tests::incident;
    use crate::model::time::hours;

    fn fire() -> Incident {
        let mut i = incident(
            "fire",
            "2022-10-15T06:30:00Z",
            vec![
                (
                    "talk",
                    vec![
                        (0.0, State::MajorOutage),
                        (9.5, State::PartialOutage),
                        (43.0, State::Degraded),
                        (105.0, State::Operational),
                    ],
                ),
                (
                    "pay",
                    vec![(0.0, State::MajorOutage), (22.0, State::Operational)],
                ),
                (
                    "chan",
                    vec![(0.0, State::MajorOutage), (49.0, State::PartialOutage)],
                ),
            ],
        );
        i.resolved = Some(i.started + hours(127.5).unwrap());
        i
    }

    fn h(i: &Incident, x: f64) -> Instant {
        i.started + hours(x).unwrap()
    }

    #[test]
    fn segments_stop_at_now_while_ongoing() {
        let i = fire();
        let segs = i.segments(&i.lanes[0], h(&i, 43.0));
        let states: Vec<State> = segs.iter().map(|s| s.state).collect();
        assert_eq!(
            states,
            [State::MajorOutage, State::PartialOutage, State::Degraded]
        );
        assert_eq!(segs.last().unwrap().to, h(&i, 43.0));
    }

    #[test]
    fn segments_end_at_the_resolution() {
        let i = fire();
        let segs = i.segments(&i.lanes[2], h(&i, 200.0));
        assert_eq!(segs.last().unwrap().to, h(&i, 127.5));
        assert_eq!(segs.last().unwrap().state, State::PartialOutage);
    }

    #[test]
    fn recovery_times() {
        let i = fire();
        let talk = i.recovery(&i.lanes[0], h(&i, 200.0));
        assert_eq!(talk.first_improvement, hours(9.5));
        assert_eq!(talk.full_recovery, hours(105.0));
        let chan_now = i.recovery(&i.lanes[2], h(&i, 43.0));
        assert_eq!(
            chan_now,
            Recovery {
                first_improvement: None,
                full_recovery: None
            }
        );
        // Never operational in its lane: the resolution is its recovery.
        let chan = i.recovery(&i.lanes[2], h(&i, 200.0));
        assert_eq!(chan.full_recovery, hours(127.5));
        assert_eq!(chan.first_improvement, hours(49.0));
    }

    #[test]
    fn steps_list_changes_and_impaired_counts() {
        let i = fire();
        let steps = i.steps(h(&i, 43.0));
        let hours_of: Vec<f64> = steps
            .iter()
            .map(|s| (s.at - i.started).num_minutes() as f64 / 60.0)
            .collect();
        assert_eq!(hours_of, [0.0, 9.5, 22.0, 43.0]);
        assert_eq!(steps[0].impaired, 3);
        assert_eq!(steps[2].impaired, 2);
        assert_eq!(
            steps[3].changes,
            vec![(0, State::PartialOutage, State::Degraded, None)]
        );
        assert_eq!(i.impaired_at(h(&i, 43.0)), 2);
        let all = i.steps(h(&i, 200.0));
        assert_eq!(all.last().unwrap().impaired, 0);
    }
}
