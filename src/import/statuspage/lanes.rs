//! Per-service states of one incident from its updates' `affected_components`: from each
//! update on, a component is in the update's `new_status`.

use crate::import::{DraftLane, Notes};
use crate::model::{Impact, Instant, State};

/// Lanes under construction, in order of first mention.
#[derive(Debug, Default)]
pub(super) struct Lanes {
    pub lanes: Vec<DraftLane>,
    /// When each lane was first mentioned by an update (`None`: only listed by the incident).
    mentioned: Vec<Option<Instant>>,
}

impl Lanes {
    fn slot(&mut self, service: usize) -> usize {
        match self.lanes.iter().position(|l| l.service == service) {
            Some(n) => n,
            None => {
                self.lanes.push(DraftLane {
                    service,
                    entries: vec![],
                });
                self.mentioned.push(None);
                self.lanes.len() - 1
            }
        }
    }

    /// Listed by the incident: a lane even if no update mentions it.
    pub(super) fn list(&mut self, service: usize) {
        self.slot(service);
    }

    /// `service` is in `state` from `t` on. Times come in order; a second state at the same
    /// instant replaces the first.
    pub(super) fn set(&mut self, service: usize, t: Instant, state: State) {
        let n = self.slot(service);
        self.mentioned[n].get_or_insert(t);
        set_entry(&mut self.lanes[n].entries, t, state);
    }

    /// Lanes no update mentioned get `state` from `start`; lanes whose every mention was
    /// `operational` get that, from their first mention, so they keep their place.
    pub(super) fn fill(
        &mut self,
        start: Instant,
        guess: State,
        subject: &str,
        names: &[String],
        notes: &mut Notes,
    ) {
        for (lane, mentioned) in self.lanes.iter_mut().zip(&self.mentioned) {
            if !lane.entries.is_empty() {
                continue;
            }
            match mentioned {
                Some(t) => lane.entries.push((*t, State::Operational)),
                None => {
                    lane.entries.push((start, guess));
                    notes.warn(
                        subject,
                        format!(
                            "lists '{}' but no update gives its state: {} for the whole incident, from its impact",
                            names[lane.service],
                            guess.as_str()
                        ),
                    );
                }
            }
        }
    }

    /// Every lane back to operational at the resolution.
    pub(super) fn close(&mut self, end: Instant) {
        for lane in &mut self.lanes {
            lane.entries.retain(|(t, _)| *t <= end);
            set_entry(&mut lane.entries, end, State::Operational);
            if lane.entries.is_empty() {
                lane.entries.push((end, State::Operational));
            }
        }
    }
}

fn set_entry(entries: &mut Vec<(Instant, State)>, t: Instant, state: State) {
    if entries.last().is_some_and(|(at, _)| *at == t) {
        entries.pop();
    }
    let current = entries.last().map_or(State::Operational, |(_, s)| *s);
    if state != current {
        entries.push((t, state));
    }
}

/// The state a listed component most likely had when no update says: the one whose impact
/// Statuspage would derive as the incident's.
pub(super) fn state_for(impact: Option<Impact>) -> State {
    match impact {
        Some(Impact::Critical) => State::MajorOutage,
        Some(Impact::Major) => State::PartialOutage,
        Some(Impact::Minor) | None => State::Degraded,
        Some(Impact::None) => State::Operational,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::t;

    #[test]
    fn changes_only_and_the_last_word_at_an_instant() {
        let (a, b, c) = (
            t("2024-01-01T10:00:00Z"),
            t("2024-01-01T11:00:00Z"),
            t("2024-01-01T12:00:00Z"),
        );
        let mut lanes = Lanes::default();
        lanes.set(0, a, State::MajorOutage);
        lanes.set(0, b, State::MajorOutage);
        lanes.set(0, b, State::Degraded);
        lanes.set(1, a, State::Operational);
        lanes.list(2);
        let mut notes = Notes::default();
        let names = vec!["A".to_string(), "B".to_string(), "C".to_string()];
        lanes.fill(a, State::PartialOutage, "incident x", &names, &mut notes);
        lanes.close(c);
        let entries: Vec<&Vec<(Instant, State)>> = lanes.lanes.iter().map(|l| &l.entries).collect();
        assert_eq!(
            entries[0],
            &vec![
                (a, State::MajorOutage),
                (b, State::Degraded),
                (c, State::Operational)
            ]
        );
        assert_eq!(entries[1], &vec![(a, State::Operational)]);
        assert_eq!(
            entries[2],
            &vec![(a, State::PartialOutage), (c, State::Operational)]
        );
        assert_eq!(notes.list.len(), 1);
        assert!(notes.list[0].text.contains("'C'"), "{:?}", notes.list);
    }

    #[test]
    fn closing_at_an_entry_replaces_it() {
        let a = t("2024-01-01T10:00:00Z");
        let mut lanes = Lanes::default();
        lanes.set(0, a, State::MajorOutage);
        lanes.close(a);
        assert_eq!(lanes.lanes[0].entries, vec![(a, State::Operational)]);
    }
}
