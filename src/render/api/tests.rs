//! Shape checks of the Statuspage API: exact key sets of every object of every endpoint, enum
//! values, ordering and the indicator rollup.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::json::{self, Value};
use crate::model::Site;
use crate::render::fixture::{site, t};
use crate::render::job::files;

pub(super) const PAGE_KEYS: &[&str] = &["id", "name", "url", "time_zone", "updated_at"];
pub(super) const STATUS_KEYS: &[&str] = &["indicator", "description"];
pub(super) const COMPONENT_KEYS: &[&str] = &[
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "position",
    "description",
    "showcase",
    "start_date",
    "group_id",
    "page_id",
    "group",
    "only_show_if_degraded",
];
pub(super) const INCIDENT_KEYS: &[&str] = &[
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "monitoring_at",
    "resolved_at",
    "impact",
    "shortlink",
    "started_at",
    "page_id",
    "incident_updates",
    "components",
];
pub(super) const UPDATE_KEYS: &[&str] = &[
    "id",
    "status",
    "body",
    "incident_id",
    "created_at",
    "updated_at",
    "display_at",
    "affected_components",
    "deliver_notifications",
    "custom_tweet",
    "tweet_id",
];
pub(super) const AFFECTED_KEYS: &[&str] = &["code", "name", "old_status", "new_status"];
const COMPONENT_STATUSES: &[&str] = &[
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
];
const INCIDENT_STATUSES: &[&str] = &[
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "postmortem",
];
const MAINTENANCE_STATUSES: &[&str] = &["scheduled", "in_progress", "verifying", "completed"];
const ENDPOINTS: &[&str] = &[
    "summary.json",
    "status.json",
    "components.json",
    "incidents.json",
    "incidents/unresolved.json",
    "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json",
    "scheduled-maintenances/active.json",
];

fn build_site(site: &Site, now: &str) -> BTreeMap<String, Value> {
    let strings = crate::render::i18n::builtin("en");
    files(&endpoints(&Moment::new(site, t(now)), &strings))
        .into_iter()
        .map(|f| {
            let path = f.path.strip_prefix("api/v2/").unwrap().to_string();
            let text = String::from_utf8(f.bytes).unwrap();
            (path, json::parse(&text).unwrap())
        })
        .collect()
}

fn build(now: &str) -> BTreeMap<String, Value> {
    build_site(&site(), now)
}

#[track_caller]
fn keys(value: &Value, expected: &[&str]) {
    let actual: BTreeSet<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = expected.iter().copied().collect();
    assert_eq!(actual, expected, "keys of {value}");
}

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {value}"))
}

fn check_component(c: &Value) {
    if c["group"] == Value::Bool(true) {
        keys(c, &[COMPONENT_KEYS, &["components"]].concat());
        assert!(
            c["components"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
    } else {
        keys(c, COMPONENT_KEYS);
    }
    assert!(COMPONENT_STATUSES.contains(&text(c, "status")), "{c}");
    assert!(c["position"].as_u64().unwrap() >= 1);
}

fn check_incident(i: &Value, maintenance: bool) {
    let (extra, statuses): (&[&str], _) = if maintenance {
        (&["scheduled_for", "scheduled_until"], MAINTENANCE_STATUSES)
    } else {
        (&[], INCIDENT_STATUSES)
    };
    keys(i, &[INCIDENT_KEYS, extra].concat());
    assert!(statuses.contains(&text(i, "status")), "{i}");
    assert!(["none", "minor", "major", "critical"].contains(&text(i, "impact")));
    for c in i["components"].as_array().unwrap() {
        check_component(c);
    }
    let updates = i["incident_updates"].as_array().unwrap();
    for u in updates {
        keys(u, UPDATE_KEYS);
        assert!(statuses.contains(&text(u, "status")), "{u}");
        assert_eq!(u["incident_id"], i["id"]);
        for a in u["affected_components"].as_array().into_iter().flatten() {
            keys(a, AFFECTED_KEYS);
            assert!(COMPONENT_STATUSES.contains(&text(a, "old_status")));
            assert!(COMPONENT_STATUSES.contains(&text(a, "new_status")));
        }
    }
    let times: Vec<&str> = updates.iter().map(|u| text(u, "created_at")).collect();
    let parsed: Vec<_> = times.iter().map(|s| t(s)).collect();
    assert!(
        parsed.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
}

/// Every endpoint, every object in it: exactly Statuspage's keys and enum values.
fn check_shapes(files: &BTreeMap<String, Value>) {
    assert_eq!(
        files.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        ENDPOINTS.iter().copied().collect()
    );
    for (path, value) in files {
        keys(&value["page"], PAGE_KEYS);
        let top: &[&str] = match path.as_str() {
            "summary.json" => &[
                "page",
                "components",
                "incidents",
                "scheduled_maintenances",
                "status",
            ],
            "status.json" => &["page", "status"],
            "components.json" => &["page", "components"],
            p if p.starts_with("incidents") => &["page", "incidents"],
            _ => &["page", "scheduled_maintenances"],
        };
        keys(value, top);
        if let Some(status) = value.get("status") {
            keys(status, STATUS_KEYS);
            // `maintenance` is served by real Statuspage pages (and styled by its widget).
            assert!(
                ["none", "maintenance", "minor", "major", "critical"]
                    .contains(&text(status, "indicator"))
            );
        }
        for c in value["components"].as_array().into_iter().flatten() {
            check_component(c);
        }
        for i in value["incidents"].as_array().into_iter().flatten() {
            check_incident(i, false);
        }
        for m in value["scheduled_maintenances"]
            .as_array()
            .into_iter()
            .flatten()
        {
            check_incident(m, true);
        }
    }
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|i| text(i, "name"))
        .collect()
}

#[test]
fn every_endpoint_has_exactly_statuspage_shapes_at_every_phase() {
    for now in [
        "2024-02-01T00:00:00Z",
        "2024-03-01T01:00:00Z",
        "2024-03-09T00:00:00Z",
        "2024-03-10T01:00:00Z",
        "2024-04-01T00:00:00Z",
    ] {
        check_shapes(&build(now));
    }
}

#[test]
fn an_ongoing_incident_shows_only_what_was_published_by_now() {
    let f = build("2024-03-01T01:00:00Z");
    let summary = &f["summary.json"];
    assert_eq!(names(&summary["incidents"]), ["API <down> & out"]);
    assert_eq!(
        names(&summary["scheduled_maintenances"]),
        Vec::<&str>::new()
    );
    let incident = &summary["incidents"][0];
    assert_eq!(incident["status"], "identified");
    assert_eq!(incident["impact"], "critical");
    assert_eq!(incident["resolved_at"], Value::Null);
    assert_eq!(incident["monitoring_at"], Value::Null);
    assert_eq!(incident["shortlink"], "incidents/outage/");
    assert_eq!(incident["started_at"], "2024-03-01T09:00:00+09:00");
    let updates = incident["incident_updates"].as_array().unwrap();
    let statuses: Vec<&str> = updates.iter().map(|u| text(u, "status")).collect();
    assert_eq!(statuses, ["identified", "investigating"]);
    // The body is the Markdown source as plain text, as Statuspage serves it.
    assert_eq!(updates[1]["body"], "Looking <script>alert(1)</script>");
    let first = &updates[1]["affected_components"];
    assert_eq!(first[0]["name"], "The api");
    assert_eq!(first[0]["old_status"], "operational");
    assert_eq!(first[0]["new_status"], "major_outage");
    assert_eq!(first[1]["new_status"], "degraded_performance");
    assert_eq!(
        f["incidents/unresolved.json"]["incidents"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        f["scheduled-maintenances.json"]["scheduled_maintenances"],
        Value::Array(vec![])
    );
    assert_eq!(summary["status"]["indicator"], "major");
    assert_eq!(summary["status"]["description"], "Partial System Outage");
}

#[test]
fn resolved_incidents_and_maintenance_move_between_endpoints() {
    let f = build("2024-03-09T00:00:00Z");
    assert_eq!(
        f["incidents/unresolved.json"]["incidents"],
        Value::Array(vec![])
    );
    let all = &f["incidents.json"]["incidents"][0];
    assert_eq!(all["status"], "postmortem");
    assert_eq!(all["resolved_at"], "2024-03-01T13:00:00+09:00");
    assert_eq!(all["monitoring_at"], "2024-03-01T12:00:00+09:00");
    assert_eq!(all["incident_updates"].as_array().unwrap().len(), 4);
    let upcoming = &f["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"];
    assert_eq!(names(upcoming), ["Database upgrade"]);
    assert_eq!(upcoming[0]["status"], "scheduled");
    assert_eq!(upcoming[0]["scheduled_for"], "2024-03-10T09:00:00+09:00");
    assert_eq!(upcoming[0]["scheduled_until"], "2024-03-10T11:00:00+09:00");
    assert_eq!(
        f["scheduled-maintenances/active.json"]["scheduled_maintenances"],
        Value::Array(vec![])
    );
    assert_eq!(
        names(&f["summary.json"]["scheduled_maintenances"]),
        ["Database upgrade"]
    );
    assert_eq!(f["status.json"]["status"]["indicator"], "none");

    let f = build("2024-03-10T01:00:00Z");
    let active = &f["scheduled-maintenances/active.json"]["scheduled_maintenances"];
    assert_eq!(active[0]["status"], "in_progress");
    assert_eq!(
        f["summary.json"]["status"]["description"],
        "Service Under Maintenance"
    );
    let db = f["components.json"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "The db")
        .unwrap()
        .clone();
    assert_eq!(db["status"], "under_maintenance");

    let f = build("2024-04-01T00:00:00Z");
    assert_eq!(
        f["scheduled-maintenances.json"]["scheduled_maintenances"][0]["status"],
        "completed"
    );
    assert_eq!(
        f["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"],
        Value::Array(vec![])
    );
}

#[test]
fn groups_come_first_with_their_members_and_worst_state() {
    let f = build("2024-03-01T01:00:00Z");
    let components = f["components.json"]["components"].as_array().unwrap();
    let summary: Vec<(&str, &str, u64)> = components
        .iter()
        .map(|c| {
            (
                text(c, "name"),
                text(c, "status"),
                c["position"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Core", "major_outage", 1),
            ("The api", "major_outage", 1),
            ("The web", "degraded_performance", 2),
            ("The db", "operational", 2),
            ("The cdn", "operational", 3),
        ]
    );
    let group = &components[0];
    assert_eq!(
        group["components"],
        Value::Array(vec![
            components[1]["id"].clone(),
            components[2]["id"].clone()
        ])
    );
    assert_eq!(components[1]["group_id"], group["id"]);
    assert_eq!(components[3]["group_id"], Value::Null);
    assert_eq!(components[4]["start_date"], "2024-01-01");
    assert_eq!(components[4]["created_at"], "2024-01-01T00:00:00+09:00");
    assert_eq!(components[1]["updated_at"], "2024-03-01T09:00:00+09:00");
}

#[test]
fn ids_are_stable_and_distinct() {
    let a = build("2024-03-09T00:00:00Z");
    let b = build("2024-03-09T00:00:00Z");
    assert_eq!(a, b);
    let later = build("2024-04-01T00:00:00Z");
    assert_eq!(
        a["components.json"]["components"][1]["id"],
        later["components.json"]["components"][1]["id"]
    );
    assert_eq!(
        a["incidents.json"]["incidents"][0]["id"],
        later["incidents.json"]["incidents"][0]["id"]
    );
    assert_eq!(
        a["summary.json"]["page"]["id"],
        short_id("page", &["Example"])
    );
    let mut ids = BTreeSet::new();
    for c in a["components.json"]["components"].as_array().unwrap() {
        assert!(ids.insert(text(c, "id").to_string()));
    }
    for u in a["incidents.json"]["incidents"][0]["incident_updates"]
        .as_array()
        .unwrap()
    {
        assert!(ids.insert(text(u, "id").to_string()));
    }
}

#[test]
fn rollup_follows_statuspage() {
    use State::*;
    let case = |states: &[State]| {
        let s = Status::of(crate::model::Overall::of(states));
        (s.indicator, s.description)
    };
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
    assert_eq!(
        case(&[Maintenance, Operational]),
        ("maintenance", "Service Under Maintenance")
    );
}

#[test]
fn base_url_makes_links_absolute() {
    let mut site = site();
    site.config.base_url = Some("https://status.example.com/sub/".into());
    let strings = crate::render::i18n::builtin("en");
    let moment = Moment::new(&site, t("2024-03-09T00:00:00Z"));
    let summary = files(&endpoints(&moment, &strings)).remove(0);
    let value = json::parse(&String::from_utf8(summary.bytes).unwrap()).unwrap();
    assert_eq!(value["page"]["url"], "https://status.example.com/sub");
    assert_eq!(value["page"]["time_zone"], "Asia/Seoul");
    site.config.base_url = None;
    let all = build_site(&site, "2024-03-09T00:00:00Z");
    assert_eq!(all["summary.json"]["page"]["url"], "");
}
