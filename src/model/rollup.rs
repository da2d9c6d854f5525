//! The one page-wide status: what the banner, the API, the embed, the badges and `statusgen
//! status` all say, so no two of them can disagree.

use super::state::State;

/// The page's status from its services' states, by Atlassian Statuspage's published rules
/// ("Top-level status and incident impact calculations"): every service alike gives the
/// "system" wording, a mix is blended down one step. Maintenance with nothing worse is its own
/// level, as real Statuspage pages serve it (indicator `maintenance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Overall {
    AllOperational,
    UnderMaintenance,
    PartiallyDegraded,
    DegradedSystem,
    MinorOutage,
    PartialSystemOutage,
    MajorSystemOutage,
}

impl Overall {
    pub const ALL: [Overall; 7] = [
        Overall::AllOperational,
        Overall::UnderMaintenance,
        Overall::PartiallyDegraded,
        Overall::DegradedSystem,
        Overall::MinorOutage,
        Overall::PartialSystemOutage,
        Overall::MajorSystemOutage,
    ];

    pub fn of(states: &[State]) -> Overall {
        let any = |s: State| states.contains(&s);
        let all = |s: State| !states.is_empty() && states.iter().all(|x| *x == s);
        if all(State::MajorOutage) {
            Overall::MajorSystemOutage
        } else if any(State::MajorOutage) || all(State::PartialOutage) {
            Overall::PartialSystemOutage
        } else if any(State::PartialOutage) {
            Overall::MinorOutage
        } else if all(State::Degraded) && states.len() > 1 {
            Overall::DegradedSystem
        } else if any(State::Degraded) {
            Overall::PartiallyDegraded
        } else if any(State::Maintenance) {
            Overall::UnderMaintenance
        } else {
            Overall::AllOperational
        }
    }

    /// The name of the level, for UI strings (`overall_NAME`) and markup.
    pub fn as_str(self) -> &'static str {
        match self {
            Overall::AllOperational => "all_operational",
            Overall::UnderMaintenance => "under_maintenance",
            Overall::PartiallyDegraded => "partially_degraded",
            Overall::DegradedSystem => "degraded_system",
            Overall::MinorOutage => "minor_outage",
            Overall::PartialSystemOutage => "partial_system_outage",
            Overall::MajorSystemOutage => "major_system_outage",
        }
    }

    /// Statuspage's `status.indicator`.
    pub fn indicator(self) -> &'static str {
        match self {
            Overall::AllOperational => "none",
            Overall::UnderMaintenance => "maintenance",
            Overall::PartiallyDegraded | Overall::DegradedSystem | Overall::MinorOutage => "minor",
            Overall::PartialSystemOutage => "major",
            Overall::MajorSystemOutage => "critical",
        }
    }

    /// Statuspage's `status.description`, word for word.
    pub fn description(self) -> &'static str {
        match self {
            Overall::AllOperational => "All Systems Operational",
            Overall::UnderMaintenance => "Service Under Maintenance",
            Overall::PartiallyDegraded => "Partially Degraded Service",
            Overall::DegradedSystem => "Degraded System Service",
            Overall::MinorOutage => "Minor Service Outage",
            Overall::PartialSystemOutage => "Partial System Outage",
            Overall::MajorSystemOutage => "Major System Outage",
        }
    }

    /// The state whose colour and icon show the level: Statuspage colours by indicator
    /// (none green, maintenance blue, minor yellow, major orange, critical red).
    pub fn colour(self) -> State {
        match self.indicator() {
            "maintenance" => State::Maintenance,
            "minor" => State::Degraded,
            "major" => State::PartialOutage,
            "critical" => State::MajorOutage,
            _ => State::Operational,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use State::*;

    fn case(states: &[State]) -> (&'static str, &'static str) {
        let o = Overall::of(states);
        (o.indicator(), o.description())
    }

    #[test]
    fn follows_statuspage() {
        assert_eq!(case(&[]), ("none", "All Systems Operational"));
        assert_eq!(
            case(&[Operational, Operational]),
            ("none", "All Systems Operational")
        );
        assert_eq!(
            case(&[MajorOutage, MajorOutage]),
            ("critical", "Major System Outage")
        );
        assert_eq!(case(&[MajorOutage]), ("critical", "Major System Outage"));
        assert_eq!(
            case(&[MajorOutage, Operational]),
            ("major", "Partial System Outage")
        );
        assert_eq!(
            case(&[PartialOutage, PartialOutage]),
            ("major", "Partial System Outage")
        );
        assert_eq!(
            case(&[PartialOutage, Degraded]),
            ("minor", "Minor Service Outage")
        );
        assert_eq!(
            case(&[Degraded, Degraded]),
            ("minor", "Degraded System Service")
        );
        assert_eq!(case(&[Degraded]), ("minor", "Partially Degraded Service"));
        assert_eq!(
            case(&[Degraded, Operational]),
            ("minor", "Partially Degraded Service")
        );
    }

    #[test]
    fn maintenance_alone_is_its_own_level() {
        assert_eq!(
            case(&[Maintenance, Operational]),
            ("maintenance", "Service Under Maintenance")
        );
        assert_eq!(
            case(&[Maintenance, Degraded]),
            ("minor", "Partially Degraded Service")
        );
        assert_eq!(Overall::of(&[Maintenance]).colour(), Maintenance);
    }

    #[test]
    fn colours_follow_the_indicator() {
        assert_eq!(
            Overall::of(&[MajorOutage, Operational]).colour(),
            PartialOutage
        );
        assert_eq!(
            Overall::of(&[PartialOutage, Operational]).colour(),
            Degraded
        );
        assert_eq!(Overall::of(&[MajorOutage]).colour(), MajorOutage);
        assert_eq!(Overall::of(&[Operational]).colour(), Operational);
    }
}
