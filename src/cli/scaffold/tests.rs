use super::*;
use crate::diagnostics::Report;
use crate::load::raw::{RawConfig, RawIncident};
use crate::load::{Loaded, RawFile, yaml};
use crate::model::time::parse_timestamp;
use crate::model::{State, UpdateStatus};

fn at(text: &str) -> Instant {
    parse_timestamp(text, SiteZone::default()).unwrap()
}

fn seoul() -> SiteZone {
    SiteZone::parse("Asia/Seoul").unwrap()
}

fn services(ids: &[&str]) -> Vec<(String, String)> {
    ids.iter()
        .map(|id| (id.to_string(), id.to_uppercase()))
        .collect()
}

/// Validates `incident` as `incidents/test.yaml` of a site whose status.yaml is `config`;
/// returns the report, warnings included.
fn validate(config: Option<&str>, incident: &str) -> Report {
    let config = config.map(|text| {
        let raw = yaml::parse::<RawConfig>(text, "status.yaml").expect("status.yaml parses");
        ("status.yaml".to_string(), raw)
    });
    let raw = match yaml::parse::<RawIncident>(incident, "incidents/test.yaml") {
        Ok(raw) => raw,
        Err(d) => panic!(
            "{}\n{incident}",
            crate::diagnostics::render_diagnostic(&d, Some(incident))
        ),
    };
    let loaded = Loaded {
        config,
        incidents: vec![std::sync::Arc::new(RawFile {
            slug: "test".into(),
            file: "incidents/test.yaml".into(),
            raw,
            located: true,
        })],
        report: Report::default(),
        ..Loaded::default()
    };
    crate::validate::validate(loaded, &["en".to_string()]).1
}

#[track_caller]
fn assert_clean(report: &Report, text: &str) {
    let rendered: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| crate::diagnostics::render_diagnostic(d, Some(text)))
        .collect();
    assert!(rendered.is_empty(), "{}\n{text}", rendered.join("\n"));
}

#[test]
fn incident_is_valid_and_starts_now_in_the_site_zone() {
    let lanes = vec![
        ("api".to_string(), State::MajorOutage, None),
        (
            "web".to_string(),
            State::Degraded,
            Some("slow: 5 s".to_string()),
        ),
    ];
    let draft = IncidentText {
        title: "Api outage",
        started: at("2026-11-25T09:31:00Z"),
        lanes,
        status: UpdateStatus::Identified,
        body: "We are investigating problems with API and WEB.".into(),
    };
    let text = incident(&draft, seoul());
    assert!(
        text.contains("started: 2026-11-25T18:31:00+09:00\n"),
        "{text}"
    );
    assert!(text.contains("  api:\n    - { at: 0, state: major_outage }\n"));
    assert!(text.contains("  web:\n    - { at: 0, state: degraded, note: \"slow: 5 s\" }\n"));
    assert!(text.contains(
        "    status: identified\n    body: |\n      We are investigating problems with API and WEB.\n"
    ));
    assert!(!text.contains('@'), "a hole is left:\n{text}");
    assert_clean(&validate(None, &text), &text);
}

#[test]
fn maintenance_is_valid_with_its_announcement_before_the_window() {
    let svc = services(&["db", "api"]);
    let draft = MaintenanceDraft {
        title: "Database upgrade",
        start: at("2026-12-01T02:00:00+09:00"),
        end: at("2026-12-01T04:30:00+09:00"),
        announced: at("2026-11-25T18:31:00+09:00"),
        services: &svc,
        body: "DB and API will be under maintenance from 2026-12-01 02:00 to 2026-12-01 04:30 (Asia/Seoul).",
    };
    let text = maintenance(&draft, seoul());
    assert!(text.contains("kind: maintenance\n"));
    assert!(text.contains("services: [db, api]\n"));
    assert!(text.contains("  - at: 2026-11-25T18:31:00+09:00\n    status: scheduled\n"));
    assert!(text.contains("from 2026-12-01 02:00 to 2026-12-01 04:30 (Asia/Seoul)"));
    assert!(text.contains("  # - at: 2.5\n"), "{text}");
    assert!(!text.contains('@'), "a hole is left:\n{text}");
    assert_clean(&validate(None, &text), &text);
}

#[test]
fn maintenance_already_begun_is_announced_at_hour_zero() {
    let svc = services(&["db"]);
    let draft = MaintenanceDraft {
        title: "Late entry",
        start: at("2026-12-01T02:00:00Z"),
        end: at("2026-12-01T04:00:00Z"),
        announced: at("2026-12-01T03:00:00Z"),
        services: &svc,
        body: "Soon.",
    };
    let text = maintenance(&draft, SiteZone::default());
    assert!(
        text.contains("  - at: 0\n    status: scheduled\n"),
        "{text}"
    );
    assert_clean(&validate(None, &text), &text);
}

#[test]
fn init_files_are_valid_together() {
    let text = example_incident(at("2026-03-01T00:30:00Z"));
    assert!(
        text.contains("started: 2026-02-27T14:05:00+00:00\n"),
        "{text}"
    );
    assert!(text.contains("resolved: 2026-02-27T16:05:00+00:00\n"));
    assert_clean(&validate(Some(STATUS_YAML), &text), &text);
}

#[test]
fn every_commented_option_of_status_yaml_is_valid_when_uncommented() {
    let options = ["base_url", "theme", "cname", "uptime", "since"];
    let mut text = STATUS_YAML.to_string();
    for option in options {
        let commented = format!("# {option}: ");
        assert!(text.contains(&commented), "no example of {option}");
        text = text.replace(&commented, &format!("{option}: "));
    }
    let example = example_incident(at("2026-03-01T00:30:00Z"));
    assert_clean(&validate(Some(&text), &example), &example);
}

#[test]
fn workflows_are_pinned_to_this_version() {
    let action = format!("uses: statusgen/statusgen@v{}\n", env!("CARGO_PKG_VERSION"));
    let pages = workflow();
    assert!(pages.contains(&action), "{pages}");
    for action in [
        "actions/configure-pages@v5",
        "actions/upload-pages-artifact@v3",
        "actions/deploy-pages@v4",
    ] {
        assert!(pages.contains(action), "{action} missing");
    }
    let form = update_workflow();
    assert!(form.contains(&action), "{form}");
    assert!(!pages.contains("@version@"));
    assert!(!form.contains("@version@"));
}

#[test]
fn titles_read_back_as_written() {
    let cases = [
        "Api outage",
        "카카오톡 메시지 지연",
        "Login: broken",
        "2022 fire",
        "yes",
        "\"quoted\" #1 \\ back",
        "- dash",
        "ends with space ",
        "tab\there",
    ];
    for title in cases {
        let text = format!("title: {}\n", edit::quote(title, edit::Context::Block));
        let raw: RawIncident = yaml::parse(&text, "t.yaml").unwrap_or_else(|_| panic!("{text}"));
        assert_eq!(raw.title.unwrap().value, title, "{text}");
    }
    assert_eq!(
        edit::quote("Api outage", edit::Context::Block),
        "Api outage"
    );
    assert_eq!(
        edit::quote("Login: broken", edit::Context::Block),
        "\"Login: broken\""
    );
}

#[test]
fn slugs_become_titles() {
    assert_eq!(title_from_slug("api-outage"), "Api outage");
    assert_eq!(title_from_slug("2026-db"), "2026 db");
}

#[test]
fn holes_are_filled_once_and_values_stay_as_written() {
    let lanes = vec![("api".to_string(), State::MajorOutage, None)];
    let draft = IncidentText {
        title: "@lanes@ and @body@",
        started: at("2026-11-25T09:31:00Z"),
        lanes,
        status: UpdateStatus::Investigating,
        body: "Mail me@example.com @status@\n\n- `$(id)`: \"quoted\" # not a comment\n".into(),
    };
    let text = incident(&draft, SiteZone::default());
    assert!(text.contains("title: \"@lanes@ and @body@\"\n"), "{text}");
    let raw: RawIncident = yaml::parse(&text, "t.yaml").unwrap();
    let body = raw.updates.unwrap()[0].body.clone().unwrap();
    assert_eq!(body, draft.body);
    assert_clean(&validate(None, &text), &text);
}
