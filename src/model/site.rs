//! A whole site: configuration, the service catalog and every incident, with the
//! worst-state rollup across incidents.

use chrono::NaiveDate;

use super::incident::Incident;
use super::rollup::Overall;
use super::state::State;
use super::time::{Instant, SiteZone};

/// How much of a day in each state counts as downtime (Statuspage's rule by default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UptimeWeights {
    pub major_outage: f64,
    pub partial_outage: f64,
    pub degraded: f64,
    pub maintenance: f64,
}

impl Default for UptimeWeights {
    fn default() -> Self {
        UptimeWeights {
            major_outage: 1.0,
            partial_outage: 0.3,
            degraded: 0.0,
            maintenance: 0.0,
        }
    }
}

impl UptimeWeights {
    pub fn of(&self, state: State) -> f64 {
        match state {
            State::Operational => 0.0,
            State::Maintenance => self.maintenance,
            State::Degraded => self.degraded,
            State::PartialOutage => self.partial_outage,
            State::MajorOutage => self.major_outage,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    /// Absolute, always ending in `/`.
    pub base_url: Option<String>,
    pub language: String,
    pub zone: SiteZone,
    pub theme: String,
    pub history_days: u32,
    pub cname: Option<String>,
    pub uptime: UptimeWeights,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Status".into(),
            description: None,
            base_url: None,
            language: "en".into(),
            zone: SiteZone::default(),
            theme: "default".into(),
            history_days: 90,
            cname: None,
            uptime: UptimeWeights::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub group: Option<String>,
    /// Uptime before this day is "no data".
    pub since: Option<NaiveDate>,
}

impl Service {
    pub fn inferred(id: &str) -> Service {
        Service {
            id: id.into(),
            name: id.into(),
            description: None,
            group: None,
            since: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub config: Config,
    pub services: Vec<Service>,
    /// Sorted by start, then slug: oldest first.
    pub incidents: Vec<Incident>,
}

/// One service's standing at an instant.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceStatus<'a> {
    pub service: &'a Service,
    pub state: State,
    /// When the current state began, if any incident says.
    pub since: Option<Instant>,
    /// The incident behind a non-operational state (the worst one when several overlap).
    pub incident: Option<&'a Incident>,
}

impl Site {
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// The state of every service at `t`, in catalog order. The worst state wins when several
    /// incidents touch a service at once; ties go to the incident that started first.
    pub fn statuses_at(&self, t: Instant) -> Vec<ServiceStatus<'_>> {
        let mut out: Vec<ServiceStatus> = self
            .services
            .iter()
            .map(|service| ServiceStatus {
                service,
                state: State::Operational,
                since: None,
                incident: None,
            })
            .collect();
        for incident in self.incidents.iter().filter(|i| i.started <= t) {
            let resolved = incident.resolved_at().filter(|end| *end <= t);
            for lane in &incident.lanes {
                let Some(slot) = out.iter_mut().find(|s| s.service.id == lane.service) else {
                    continue;
                };
                let state = incident.lane_state(lane, t);
                if state > slot.state {
                    let began = lane.entries[..lane.entries.partition_point(|e| e.at <= t)]
                        .last()
                        .map(|e| e.at);
                    *slot = ServiceStatus {
                        state,
                        since: began,
                        incident: Some(incident),
                        ..*slot
                    };
                } else if slot.state == State::Operational {
                    // Operational since the latest recovery we know of.
                    let recovered = resolved
                        .or_else(|| lane.entries.iter().rev().find(|e| e.at <= t).map(|e| e.at));
                    if recovered > slot.since {
                        slot.since = recovered;
                    }
                }
            }
        }
        out
    }

    /// The page-wide status at `t`, one roll-up for every output.
    pub fn overall_at(&self, t: Instant) -> Overall {
        let states: Vec<State> = self.statuses_at(t).iter().map(|s| s.state).collect();
        Overall::of(&states)
    }

    pub fn incident(&self, slug: &str) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::incident::tests::{incident, t};
    use crate::model::time::hours;

    fn site(incidents: Vec<Incident>) -> Site {
        Site {
            config: Config::default(),
            services: ["api", "web", "db"]
                .iter()
                .map(|id| Service::inferred(id))
                .collect(),
            incidents,
        }
    }

    #[test]
    fn overlapping_incidents_take_the_worst_state() {
        let a = incident(
            "a",
            "2024-01-01T00:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::Degraded), (5.0, State::Operational)],
            )],
        );
        let b = incident(
            "b",
            "2024-01-01T02:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::MajorOutage), (1.0, State::PartialOutage)],
            )],
        );
        let s = site(vec![a, b]);
        let at = |h: f64| t("2024-01-01T00:00:00Z") + hours(h).unwrap();
        assert_eq!(s.statuses_at(at(1.0))[0].state, State::Degraded);
        let worst = &s.statuses_at(at(2.5))[0];
        assert_eq!(worst.state, State::MajorOutage);
        assert_eq!(worst.incident.unwrap().slug, "b");
        assert_eq!(worst.since, Some(at(2.0)));
        assert_eq!(s.statuses_at(at(3.5))[0].state, State::PartialOutage);
        assert_eq!(s.overall_at(at(3.5)), Overall::MinorOutage);
        assert_eq!(s.statuses_at(at(3.5))[1].state, State::Operational);
    }

    #[test]
    fn recovered_services_say_since_when() {
        let a = incident(
            "a",
            "2024-01-01T00:00:00Z",
            vec![(
                "web",
                vec![(0.0, State::MajorOutage), (2.0, State::Operational)],
            )],
        );
        let s = site(vec![a]);
        let status = &s.statuses_at(t("2024-01-02T00:00:00Z"))[1];
        assert_eq!(status.state, State::Operational);
        assert_eq!(status.since, Some(t("2024-01-01T02:00:00Z")));
    }

    #[test]
    fn default_uptime_weights_follow_statuspage() {
        let w = UptimeWeights::default();
        assert_eq!(w.of(State::MajorOutage), 1.0);
        assert_eq!(w.of(State::PartialOutage), 0.3);
        assert_eq!(w.of(State::Degraded), 0.0);
        assert_eq!(w.of(State::Maintenance), 0.0);
    }
}
