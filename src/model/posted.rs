//! The public log as readers see it: the updates written in the file and, for a maintenance,
//! the ones Statuspage posts by itself when the window starts and ends.

use super::incident::{Incident, Update};
use super::state::{Kind, UpdateStatus};
use super::time::Instant;

/// One entry of the public log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posted<'a> {
    pub at: Instant,
    pub status: UpdateStatus,
    /// The update as written; `None` for one the window implies (posted automatically).
    pub written: Option<&'a Update>,
}

impl Posted<'_> {
    pub fn is_automatic(&self) -> bool {
        self.written.is_none()
    }
}

impl Incident {
    /// The log published by `now`, oldest first. A maintenance gets an automatic "in
    /// progress" at the start of its window unless the file announces the start itself (an
    /// `in_progress` update at or before it), and an automatic "completed" at its end unless
    /// the file has a `completed` update.
    pub fn posted_until(&self, now: Instant) -> Vec<Posted<'_>> {
        let mut out: Vec<Posted> = self
            .updates_until(now)
            .iter()
            .map(|u| Posted {
                at: u.at,
                status: u.status,
                written: Some(u),
            })
            .collect();
        if self.kind != Kind::Maintenance {
            return out;
        }
        let started_by_hand = self
            .updates
            .iter()
            .any(|u| u.status == UpdateStatus::InProgress && u.at <= self.started);
        if self.started <= now && !started_by_hand {
            // Before anything written at the same instant: the window opens first.
            let i = out.partition_point(|p| p.at < self.started);
            out.insert(i, implied(self.started, UpdateStatus::InProgress));
        }
        let completed_by_hand = self
            .updates
            .iter()
            .any(|u| u.status == UpdateStatus::Completed);
        if let Some(end) = self.resolved_at().filter(|end| *end <= now)
            && !completed_by_hand
        {
            let i = out.partition_point(|p| p.at <= end);
            out.insert(i, implied(end, UpdateStatus::Completed));
        }
        out
    }
}

fn implied<'a>(at: Instant, status: UpdateStatus) -> Posted<'a> {
    Posted {
        at,
        status,
        written: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::incident::tests::incident;
    use crate::model::time::hours;
    use crate::model::{Kind, State};

    fn window(updates: &[(f64, UpdateStatus)]) -> Incident {
        let mut m = incident(
            "db",
            "2024-01-10T00:00:00Z",
            vec![("db", vec![(0.0, State::Maintenance)])],
        );
        m.kind = Kind::Maintenance;
        m.resolved = Some(m.started + hours(2.0).unwrap());
        m.updates = updates
            .iter()
            .map(|(h, status)| Update {
                at: m.started + hours(*h).unwrap(),
                status: *status,
                body: String::new(),
            })
            .collect();
        m
    }

    fn log(m: &Incident, h: f64) -> Vec<(f64, &'static str, bool)> {
        m.posted_until(m.started + hours(h).unwrap())
            .iter()
            .map(|p| {
                let at = (p.at - m.started).num_minutes() as f64 / 60.0;
                (at, p.status.as_str(), p.is_automatic())
            })
            .collect()
    }

    #[test]
    fn a_window_posts_its_start_and_end_by_itself() {
        use UpdateStatus::*;
        let m = window(&[(-48.0, Scheduled)]);
        assert_eq!(log(&m, -1.0), [(-48.0, "scheduled", false)]);
        assert_eq!(
            log(&m, 1.0),
            [(-48.0, "scheduled", false), (0.0, "in_progress", true)]
        );
        assert_eq!(
            log(&m, 3.0),
            [
                (-48.0, "scheduled", false),
                (0.0, "in_progress", true),
                (2.0, "completed", true)
            ]
        );
    }

    #[test]
    fn written_updates_of_a_phase_replace_the_automatic_ones() {
        use UpdateStatus::*;
        let m = window(&[(-48.0, Scheduled), (0.0, InProgress), (2.0, Completed)]);
        assert!(log(&m, 3.0).iter().all(|(_, _, auto)| !auto));
        // A start announced late does not hide that the window opened on time.
        let late = window(&[(0.5, InProgress), (1.5, Verifying)]);
        assert_eq!(
            log(&late, 3.0),
            [
                (0.0, "in_progress", true),
                (0.5, "in_progress", false),
                (1.5, "verifying", false),
                (2.0, "completed", true)
            ]
        );
    }

    #[test]
    fn incidents_post_only_what_was_written() {
        let i = incident(
            "x",
            "2024-01-10T00:00:00Z",
            vec![("api", vec![(0.0, State::MajorOutage)])],
        );
        assert!(i.posted_until(i.started + hours(5.0).unwrap()).is_empty());
    }
}
