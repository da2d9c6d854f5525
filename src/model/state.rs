//! The vocabulary of states, kinds and statuses, with the spellings the spec allows.

use serde::Serialize;

/// A service's condition. The order is severity: a later variant is worse, so `max` is the
/// worst-state rollup. Maintenance ranks above operational and below any failure: planned
/// work is worth showing, but an outage during maintenance is still an outage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Operational,
    Maintenance,
    Degraded,
    PartialOutage,
    MajorOutage,
}

impl State {
    pub const ALL: [State; 5] = [
        State::Operational,
        State::Maintenance,
        State::Degraded,
        State::PartialOutage,
        State::MajorOutage,
    ];

    pub const NAMES: [&'static str; 7] = [
        "operational",
        "degraded",
        "partial_outage",
        "major_outage",
        "maintenance",
        "degraded_performance",
        "under_maintenance",
    ];

    pub fn parse(text: &str) -> Option<State> {
        Some(match text {
            "operational" => State::Operational,
            "degraded" | "degraded_performance" => State::Degraded,
            "partial_outage" => State::PartialOutage,
            "major_outage" => State::MajorOutage,
            "maintenance" | "under_maintenance" => State::Maintenance,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Operational => "operational",
            State::Maintenance => "maintenance",
            State::Degraded => "degraded",
            State::PartialOutage => "partial_outage",
            State::MajorOutage => "major_outage",
        }
    }

    /// The name Atlassian Statuspage uses for a component status.
    pub fn statuspage_name(self) -> &'static str {
        match self {
            State::Operational => "operational",
            State::Maintenance => "under_maintenance",
            State::Degraded => "degraded_performance",
            State::PartialOutage => "partial_outage",
            State::MajorOutage => "major_outage",
        }
    }

    pub fn is_impaired(self) -> bool {
        self != State::Operational
    }

    /// Degraded or worse: what is "not operating normally". A maintenance is planned, and
    /// said apart.
    pub fn is_disrupted(self) -> bool {
        !matches!(self, State::Operational | State::Maintenance)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Incident,
    Maintenance,
}

impl Kind {
    pub const NAMES: [&'static str; 2] = ["incident", "maintenance"];

    pub fn parse(text: &str) -> Option<Kind> {
        match text {
            "incident" => Some(Kind::Incident),
            "maintenance" => Some(Kind::Maintenance),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Maintenance => "maintenance",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    None,
    Minor,
    Major,
    Critical,
}

impl Impact {
    pub const NAMES: [&'static str; 4] = ["none", "minor", "major", "critical"];

    pub fn parse(text: &str) -> Option<Impact> {
        Some(match text {
            "none" => Impact::None,
            "minor" => Impact::Minor,
            "major" => Impact::Major,
            "critical" => Impact::Critical,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Minor => "minor",
            Impact::Major => "major",
            Impact::Critical => "critical",
        }
    }

    /// Statuspage derives impact from the worst component status it touched.
    pub fn from_worst_state(state: State) -> Impact {
        match state {
            State::Operational | State::Maintenance => Impact::None,
            State::Degraded => Impact::Minor,
            State::PartialOutage => Impact::Major,
            State::MajorOutage => Impact::Critical,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateStatus {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    Scheduled,
    InProgress,
    Verifying,
    Completed,
}

impl UpdateStatus {
    pub const INCIDENT: [&'static str; 4] =
        ["investigating", "identified", "monitoring", "resolved"];
    pub const MAINTENANCE: [&'static str; 4] =
        ["scheduled", "in_progress", "verifying", "completed"];

    pub fn parse(text: &str, kind: Kind) -> Option<UpdateStatus> {
        use UpdateStatus::*;
        let status = match text {
            "investigating" => Investigating,
            "identified" => Identified,
            "monitoring" => Monitoring,
            "resolved" => Resolved,
            "scheduled" => Scheduled,
            "in_progress" => InProgress,
            "verifying" => Verifying,
            "completed" => Completed,
            _ => return None,
        };
        (status.kind() == kind).then_some(status)
    }

    pub fn names(kind: Kind) -> &'static [&'static str] {
        match kind {
            Kind::Incident => &Self::INCIDENT,
            Kind::Maintenance => &Self::MAINTENANCE,
        }
    }

    pub fn kind(self) -> Kind {
        use UpdateStatus::*;
        match self {
            Investigating | Identified | Monitoring | Resolved => Kind::Incident,
            Scheduled | InProgress | Verifying | Completed => Kind::Maintenance,
        }
    }

    /// An update with this status closes its incident or maintenance.
    pub fn closes(self) -> bool {
        matches!(self, UpdateStatus::Resolved | UpdateStatus::Completed)
    }

    pub fn as_str(self) -> &'static str {
        use UpdateStatus::*;
        match self {
            Investigating => "investigating",
            Identified => "identified",
            Monitoring => "monitoring",
            Resolved => "resolved",
            Scheduled => "scheduled",
            InProgress => "in_progress",
            Verifying => "verifying",
            Completed => "completed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_parse_to_the_same_state() {
        assert_eq!(State::parse("degraded_performance"), Some(State::Degraded));
        assert_eq!(State::parse("under_maintenance"), Some(State::Maintenance));
        assert_eq!(State::parse("down"), None);
    }

    #[test]
    fn severity_orders_states() {
        assert!(State::MajorOutage > State::PartialOutage);
        assert!(State::PartialOutage > State::Degraded);
        assert!(State::Degraded > State::Maintenance);
        assert!(State::Maintenance > State::Operational);
    }

    #[test]
    fn update_status_belongs_to_a_kind() {
        assert_eq!(
            UpdateStatus::parse("resolved", Kind::Incident),
            Some(UpdateStatus::Resolved)
        );
        assert_eq!(UpdateStatus::parse("resolved", Kind::Maintenance), None);
        assert_eq!(
            UpdateStatus::parse("in_progress", Kind::Maintenance),
            Some(UpdateStatus::InProgress)
        );
    }
}
