//! A small site for the unit tests of the outputs: two grouped services, two lone ones, one
//! incident with a postmortem and one maintenance announced two days ahead.

use crate::model::time::{hours, parse_timestamp};
use crate::model::{
    Config, Entry, Incident, Instant, Kind, Lane, Service, Site, SiteZone, State, Update,
    UpdateStatus,
};

pub(super) fn t(text: &str) -> Instant {
    parse_timestamp(text, SiteZone::default()).unwrap()
}

/// The built-in theme's words and formats for `language`.
pub(super) fn ui(language: &str) -> crate::render::Ui {
    crate::render::Ui::new(&crate::theme::builtin_for_tests(language)).unwrap()
}

fn lane(service: &str, start: Instant, entries: &[(f64, State)]) -> Lane {
    Lane {
        service: service.into(),
        entries: entries
            .iter()
            .map(|(h, state)| Entry {
                at: start + hours(*h).unwrap(),
                state: *state,
                note: None,
            })
            .collect(),
    }
}

fn updates(start: Instant, list: &[(f64, UpdateStatus, &str)]) -> Vec<Update> {
    list.iter()
        .map(|(h, status, body)| Update {
            at: start + hours(*h).unwrap(),
            status: *status,
            body: format!("{body}\n"),
        })
        .collect()
}

fn service(id: &str, group: Option<&str>) -> Service {
    Service {
        name: format!("The {id}"),
        group: group.map(String::from),
        ..Service::inferred(id)
    }
}

pub(super) fn site() -> Site {
    use State::*;
    use UpdateStatus::*;
    let outage_start = t("2024-03-01T00:00:00Z");
    let outage = Incident {
        slug: "outage".into(),
        file: "incidents/outage.yaml".into(),
        title: "API <down> & out".into(),
        kind: Kind::Incident,
        started: outage_start,
        resolved: None,
        impact: None,
        summary: Some("The **API** failed.".into()),
        lanes: vec![
            lane(
                "api",
                outage_start,
                &[(0.0, MajorOutage), (2.0, PartialOutage), (4.0, Operational)],
            ),
            lane("web", outage_start, &[(0.0, Degraded), (4.0, Operational)]),
        ],
        updates: updates(
            outage_start,
            &[
                (0.25, Investigating, "Looking <script>alert(1)</script>"),
                (1.0, Identified, "Found *it*"),
                (3.0, Monitoring, "Fixed"),
                (4.0, Resolved, "Done"),
            ],
        ),
        postmortem: Some("Why".into()),
    };
    let window = t("2024-03-10T00:00:00Z");
    let upgrade = Incident {
        slug: "upgrade".into(),
        file: "incidents/upgrade.yaml".into(),
        title: "Database upgrade".into(),
        kind: Kind::Maintenance,
        started: window,
        resolved: Some(window + hours(2.0).unwrap()),
        impact: None,
        summary: None,
        lanes: vec![lane("db", window, &[(0.0, Maintenance)])],
        updates: updates(
            window,
            &[
                (-48.0, Scheduled, "Planned"),
                (0.0, InProgress, "Started"),
                (2.0, Completed, "Done"),
            ],
        ),
        postmortem: None,
    };
    let mut cdn = service("cdn", None);
    cdn.since = Some(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    Site {
        config: Config {
            title: "Example".into(),
            zone: SiteZone::parse("Asia/Seoul").unwrap(),
            ..Config::default()
        },
        services: vec![
            service("api", Some("Core")),
            service("db", None),
            service("web", Some("Core")),
            cdn,
        ],
        incidents: vec![outage, upgrade],
    }
}
