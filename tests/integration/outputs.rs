//! Machine-readable outputs of a whole build: the Statuspage v2 endpoints (exact key sets and
//! enum values of every object), the Atom feeds, the SVG badges and the shields.io endpoint
//! JSON. The repository's own site is built at hour 43 of the Kakao outage and after it was
//! resolved; a scratch site adds a scheduled maintenance.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{DEFAULT_TIMEOUT, TempDir, basic_site, repo_root, run_in};

const HOUR_43: &str = "2022-10-17T10:30:00+09:00";
const AFTER: &str = "2022-10-21T00:00:00+09:00";

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
const PAGE: &[&str] = &["id", "name", "url", "time_zone", "updated_at"];
const COMPONENT: &[&str] = &[
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
const INCIDENT: &[&str] = &[
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
const UPDATE: &[&str] = &[
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
const AFFECTED: &[&str] = &["code", "name", "old_status", "new_status"];
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
const IMPACTS: &[&str] = &["none", "minor", "major", "critical"];
/// Real Statuspage pages also serve `maintenance` (with nothing worse than maintenance).
const INDICATORS: &[&str] = &["none", "maintenance", "minor", "major", "critical"];
/// Every key shields.io's endpoint badge accepts.
const SHIELDS_KEYS: &[&str] = &[
    "schemaVersion",
    "label",
    "message",
    "color",
    "labelColor",
    "isError",
    "namedLogo",
    "logoSvg",
    "logoColor",
    "logoWidth",
    "style",
    "cacheSeconds",
];

/// Builds `site` at `now` into a fresh temp dir.
fn build(site: &Path, now: &str, label: &str) -> TempDir {
    let out = TempDir::new(label);
    let target = out.join("public");
    let args = [
        "build",
        site.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
        "--now",
        now,
    ];
    let (code, _, stderr) = run_in(&repo_root(), args, DEFAULT_TIMEOUT);
    assert_eq!(code, 0, "build at {now} failed:\n{stderr}");
    out
}

fn public(out: &TempDir) -> PathBuf {
    out.join("public")
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn api(dir: &Path, endpoint: &str) -> Value {
    let text = read(dir, &format!("api/v2/{endpoint}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{endpoint}: {e}"))
}

#[track_caller]
fn assert_keys(value: &Value, expected: &[&str], what: &str) {
    let actual: BTreeSet<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = expected.iter().copied().collect();
    assert_eq!(actual, expected, "keys of {what}");
}

#[track_caller]
fn assert_one_of(value: &Value, allowed: &[&str], what: &str) {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {value}"));
    assert!(
        allowed.contains(&text),
        "{what} = {text:?}, not one of {allowed:?}"
    );
}

fn check_component(c: &Value, endpoint: &str) {
    let what = format!("a component in {endpoint}");
    if c["group"].as_bool() == Some(true) {
        assert_keys(c, &[COMPONENT, &["components"]].concat(), &what);
    } else {
        assert_keys(c, COMPONENT, &what);
    }
    assert_one_of(&c["status"], COMPONENT_STATUSES, &what);
    assert!(
        c["position"].is_u64() && c["showcase"].is_boolean(),
        "{what}: {c}"
    );
}

fn check_incident(i: &Value, maintenance: bool, endpoint: &str) {
    let what = format!("an incident in {endpoint}");
    let (extra, statuses): (&[&str], _) = if maintenance {
        (&["scheduled_for", "scheduled_until"], MAINTENANCE_STATUSES)
    } else {
        (&[], INCIDENT_STATUSES)
    };
    assert_keys(i, &[INCIDENT, extra].concat(), &what);
    assert_one_of(&i["status"], statuses, &what);
    assert_one_of(&i["impact"], IMPACTS, &what);
    for c in i["components"].as_array().expect("components") {
        check_component(c, endpoint);
    }
    let updates = i["incident_updates"].as_array().expect("incident_updates");
    for u in updates {
        assert_keys(u, UPDATE, &format!("an update in {endpoint}"));
        assert_one_of(&u["status"], statuses, "an update's status");
        assert_eq!(u["incident_id"], i["id"]);
        for a in u["affected_components"].as_array().into_iter().flatten() {
            assert_keys(a, AFFECTED, "an affected component");
            assert_one_of(&a["old_status"], COMPONENT_STATUSES, "old_status");
            assert_one_of(&a["new_status"], COMPONENT_STATUSES, "new_status");
        }
    }
    let times: Vec<&str> = updates
        .iter()
        .map(|u| u["display_at"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "updates newest first in {endpoint}");
}

/// Every endpoint and every object in it has exactly Statuspage's keys and enum values.
fn check_api(dir: &Path) {
    for endpoint in ENDPOINTS {
        let value = api(dir, endpoint);
        let top: &[&str] = match *endpoint {
            "summary.json" => &[
                "page",
                "components",
                "incidents",
                "scheduled_maintenances",
                "status",
            ],
            "status.json" => &["page", "status"],
            "components.json" => &["page", "components"],
            e if e.starts_with("incidents") => &["page", "incidents"],
            _ => &["page", "scheduled_maintenances"],
        };
        assert_keys(&value, top, endpoint);
        assert_keys(&value["page"], PAGE, &format!("page of {endpoint}"));
        if let Some(status) = value.get("status") {
            assert_keys(status, &["indicator", "description"], "status");
            assert_one_of(&status["indicator"], INDICATORS, "indicator");
        }
        for c in value["components"].as_array().into_iter().flatten() {
            check_component(c, endpoint);
        }
        for i in value["incidents"].as_array().into_iter().flatten() {
            check_incident(i, false, endpoint);
        }
        for m in value["scheduled_maintenances"]
            .as_array()
            .into_iter()
            .flatten()
        {
            check_incident(m, true, endpoint);
        }
    }
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some(ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every SVG parses as XML and is an accessible image; every badge JSON has only shields' keys.
fn check_badges(dir: &Path, services: usize) {
    let svgs = files_under(dir, "svg");
    let badges: Vec<&PathBuf> = svgs
        .iter()
        .filter(|p| p.starts_with(dir.join("badges")) || p.ends_with("badge.svg"))
        .collect();
    assert_eq!(badges.len(), services + 1, "badge.svg and one per service");
    for path in &svgs {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{} is not XML: {e}", path.display()));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg", "{}", path.display());
        if badges.contains(&path) {
            // Named by its <title> (SVG 1.1 has no aria-label).
            assert_eq!(root.attribute("role"), Some("img"), "{}", path.display());
            let title = root
                .children()
                .find(|n| n.is_element())
                .expect("a first child");
            assert!(title.has_tag_name("title"), "{}", path.display());
            assert!(
                title.text().is_some_and(|t| t.contains(": ")),
                "{}",
                path.display()
            );
        }
    }
    let endpoints = files_under(&dir.join("badges"), "json");
    assert_eq!(endpoints.len(), services);
    for path in endpoints {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let object = value.as_object().unwrap();
        for key in object.keys() {
            assert!(
                SHIELDS_KEYS.contains(&key.as_str()),
                "{}: unknown key {key}",
                path.display()
            );
        }
        assert_eq!(value["schemaVersion"], 1);
        assert!(value["label"].is_string() && value["color"].is_string());
        assert!(!value["message"].as_str().unwrap().is_empty());
    }
}

/// An Atom feed: parses, has the required elements, absolute ids; returns the entry titles.
fn check_feed(dir: &Path, rel: &str) -> Vec<String> {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let text = read(dir, rel);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let feed = doc.root_element();
    assert_eq!(
        (feed.tag_name().namespace(), feed.tag_name().name()),
        (Some(ATOM), "feed")
    );
    let child = |node: roxmltree::Node, name: &str| -> Option<String> {
        let found = node.children().find(|n| n.has_tag_name((ATOM, name)))?;
        Some(found.text().unwrap_or("").to_string())
    };
    let absolute = |id: &str| {
        id.split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty())
    };
    for name in ["id", "title", "updated"] {
        assert!(child(feed, name).is_some(), "{rel}: feed has no <{name}>");
    }
    assert!(absolute(&child(feed, "id").unwrap()));
    assert!(
        feed.children()
            .any(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self"))
    );
    let mut titles = Vec::new();
    for entry in feed.children().filter(|n| n.has_tag_name((ATOM, "entry"))) {
        for name in ["id", "title", "updated", "published", "content"] {
            assert!(child(entry, name).is_some(), "{rel}: entry has no <{name}>");
        }
        assert!(absolute(&child(entry, "id").unwrap()), "{rel}: relative id");
        let content = entry
            .children()
            .find(|n| n.has_tag_name((ATOM, "content")))
            .unwrap();
        assert_eq!(content.attribute("type"), Some("html"));
        assert!(
            !content.text().unwrap().contains("<script"),
            "{rel}: unsanitized content"
        );
        assert!(
            entry
                .children()
                .any(|n| n.has_tag_name((ATOM, "link")) && n.attribute("href").is_some())
        );
        titles.push(child(entry, "title").unwrap());
    }
    titles
}

fn component<'v>(summary: &'v Value, name: &str) -> &'v Value {
    summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no component {name}"))
}

#[test]
fn kakao_at_hour_43_is_a_statuspage_with_one_unresolved_incident() {
    let out = build(&repo_root(), HOUR_43, "outputs-43");
    let dir = public(&out);
    check_api(&dir);
    let summary = api(&dir, "summary.json");
    assert_eq!(summary["status"]["indicator"], "minor");
    assert_eq!(summary["page"]["time_zone"], "Asia/Seoul");
    assert_eq!(summary["page"]["updated_at"], HOUR_43);
    assert_eq!(
        component(&summary, "카카오톡")["status"],
        "degraded_performance"
    );
    assert_eq!(component(&summary, "카카오페이")["status"], "operational");
    assert_eq!(component(&summary, "다음")["status"], "partial_outage");
    let leaves = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["group"] == false);
    assert_eq!(leaves.count(), 13);
    let incidents = summary["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1);
    let fire = &incidents[0];
    assert_eq!(fire["status"], "identified");
    assert_eq!(fire["impact"], "critical");
    assert_eq!(fire["resolved_at"], Value::Null);
    // Updates at 0.3, 1.5, 10.1, 24.5 and 43 hours; the one at 49.2 is still in the future.
    let updates = fire["incident_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 5);
    assert_eq!(updates[0]["display_at"], HOUR_43);
    assert_eq!(
        api(&dir, "incidents/unresolved.json")["incidents"][0]["id"],
        fire["id"]
    );
    assert_eq!(
        api(&dir, "scheduled-maintenances.json")["scheduled_maintenances"],
        Value::Array(vec![])
    );

    check_badges(&dir, 13);
    // One story: the banner, the status endpoint, the embed and the badge say the same.
    assert_eq!(summary["status"]["description"], "Minor Service Outage");
    assert!(read(&dir, "badge.svg").contains("status: minor service outage"));
    for page in ["index.html", "embed/index.html"] {
        let html = read(&dir, page);
        assert!(html.contains(r#"data-indicator="minor""#), "{page}");
    }
    assert!(read(&dir, "index.html").contains(">일부 서비스 장애</h2>"));
    // An update lists only the services it changed: at hour 43, KakaoTalk (partial outage →
    // degraded) among them, KakaoPay (operational since hour 22) not.
    let affected: Vec<&str> = updates[0]["affected_components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(affected.contains(&"카카오톡"), "{affected:?}");
    assert!(!affected.contains(&"카카오페이"), "{affected:?}");
    for a in updates[0]["affected_components"].as_array().unwrap() {
        assert_ne!(a["old_status"], a["new_status"], "{a}");
    }
    assert_eq!(
        check_feed(&dir, "feed.xml"),
        ["판교 데이터센터 화재로 카카오 서비스 장애"]
    );
    assert_eq!(check_feed(&dir, "services/kakaotalk/feed.xml").len(), 1);
    let feed = read(&dir, "feed.xml");
    assert!(
        !feed.contains("2022-10-17T16:42"),
        "an update after now leaked into the feed"
    );

    // Byte-identical on a rebuild.
    let again = build(&repo_root(), HOUR_43, "outputs-43-again");
    for rel in [
        "api/v2/summary.json",
        "feed.xml",
        "badge.svg",
        "badges/kakaotalk.json",
    ] {
        assert_eq!(
            read(&dir, rel),
            read(&public(&again), rel),
            "{rel} differs between builds"
        );
    }
}

#[test]
fn kakao_after_resolution_is_all_operational_with_a_postmortem() {
    let out = build(&repo_root(), AFTER, "outputs-after");
    let dir = public(&out);
    check_api(&dir);
    let status = api(&dir, "status.json");
    assert_eq!(status["status"]["indicator"], "none");
    assert_eq!(status["status"]["description"], "All Systems Operational");
    assert_eq!(
        api(&dir, "incidents/unresolved.json")["incidents"],
        Value::Array(vec![])
    );
    let all = api(&dir, "incidents.json");
    let fire = &all["incidents"][0];
    assert_eq!(fire["status"], "postmortem");
    assert_eq!(fire["resolved_at"], "2022-10-20T23:00:00+09:00");
    let updates = fire["incident_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 10);
    assert_eq!(updates[0]["status"], "resolved");
    let components = api(&dir, "components.json");
    assert!(
        components["components"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "operational")
    );
    check_badges(&dir, 13);
    // The badge says what the API says.
    assert!(read(&dir, "badge.svg").contains("status: all systems operational"));
    check_feed(&dir, "feed.xml");
}

#[test]
fn scheduled_maintenance_is_upcoming_then_active() {
    let site = basic_site("outputs-maintenance");
    site.write(
        "incidents/db-upgrade.yaml",
        "title: Database upgrade\nkind: maintenance\nstarted: 2024-04-01T02:00:00+09:00\n\
         resolved: 2024-04-01T04:00:00+09:00\nservices: [db]\nupdates:\n\
         \x20 - { at: -48h, status: scheduled, body: Planned }\n",
    );
    let before = build(
        site.path(),
        "2024-03-31T00:00:00+09:00",
        "outputs-maint-before",
    );
    let dir = public(&before);
    check_api(&dir);
    let upcoming = api(&dir, "scheduled-maintenances/upcoming.json");
    let m = &upcoming["scheduled_maintenances"][0];
    assert_eq!(m["status"], "scheduled");
    assert_eq!(m["scheduled_for"], "2024-04-01T02:00:00+09:00");
    assert_eq!(m["scheduled_until"], "2024-04-01T04:00:00+09:00");
    assert_eq!(
        api(&dir, "summary.json")["scheduled_maintenances"][0]["id"],
        m["id"]
    );
    assert_eq!(
        check_feed(&dir, "services/db/feed.xml"),
        ["Database upgrade"]
    );

    let during = build(
        site.path(),
        "2024-04-01T03:00:00+09:00",
        "outputs-maint-during",
    );
    let dir = public(&during);
    check_api(&dir);
    let active = api(&dir, "scheduled-maintenances/active.json");
    let m = &active["scheduled_maintenances"][0];
    assert_eq!(m["status"], "in_progress");
    // The start of the window is posted by itself, marked as automatic on the page.
    let updates = m["incident_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0]["status"], "in_progress");
    assert_eq!(updates[0]["display_at"], "2024-04-01T02:00:00+09:00");
    assert_eq!(
        updates[0]["body"],
        "Scheduled maintenance is currently in progress. We will provide updates as necessary."
    );
    assert_eq!(
        updates[0]["affected_components"][0]["new_status"],
        "under_maintenance"
    );
    // The announcement changed nothing yet.
    assert_eq!(updates[1]["affected_components"], Value::Null);
    let status = api(&dir, "status.json")["status"].clone();
    assert_eq!(status["indicator"], "maintenance");
    assert_eq!(status["description"], "Service Under Maintenance");
    check_badges(&dir, 3);
    assert!(read(&dir, "badges/db.svg").contains("maintenance"));
    assert!(read(&dir, "badge.svg").contains("status: service under maintenance"));
    let page = read(&dir, "incidents/db-upgrade/index.html");
    assert!(
        page.contains(r#"<span class="tag auto">Automatic</span>"#),
        "{page}"
    );
    let home = read(&dir, "index.html");
    assert!(home.contains(">Maintenance in progress</h2>"), "{home}");
    assert!(!home.contains(">Ongoing incidents</h2>"), "{home}");

    let after = build(
        site.path(),
        "2024-04-01T05:00:00+09:00",
        "outputs-maint-after",
    );
    let dir = public(&after);
    check_api(&dir);
    let m = &api(&dir, "scheduled-maintenances.json")["scheduled_maintenances"][0];
    assert_eq!(m["status"], "completed");
    let updates = m["incident_updates"].as_array().unwrap();
    assert_eq!(updates[0]["status"], "completed");
    assert_eq!(updates[0]["display_at"], "2024-04-01T04:00:00+09:00");
    assert_eq!(
        updates[0]["affected_components"][0]["new_status"],
        "operational"
    );
    assert!(read(&dir, "feed.xml").contains("The scheduled maintenance has been completed."));
    assert_eq!(api(&dir, "status.json")["status"]["indicator"], "none");
}
