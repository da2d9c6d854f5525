//! Edits of real and odd files: the repository's Kakao incident, the examples, what `new`
//! writes, and valid files with CRLF, tabs, comments, anchors, flow lists, no final newline.

use chrono::Duration;

use super::*;
use crate::diagnostics::Report;
use crate::load::raw::RawIncident;
use crate::load::{Loaded, RawFile, yaml};
use crate::model::{Incident, Kind};

fn m(minutes: i64) -> Duration {
    Duration::minutes(minutes)
}

fn entry(service: &str, minutes: i64, state: State, note: Option<&str>) -> Change {
    Change::Entry {
        service: service.into(),
        at: m(minutes),
        state,
        note: note.map(String::from),
    }
}

fn update(minutes: i64, status: UpdateStatus, body: Option<&str>) -> Change {
    Change::Update {
        at: m(minutes),
        status,
        body: body.map(String::from),
    }
}

#[track_caller]
fn edit(text: &str, changes: &[Change]) -> Edited {
    match apply(text, "incidents/t.yaml", changes) {
        Ok(edited) => edited,
        Err(d) => panic!("{}", crate::diagnostics::render_diagnostic(&d, Some(text))),
    }
}

/// The incident `text` describes, with no catalog; panics on any error.
#[track_caller]
fn model(text: &str) -> Incident {
    let raw = match yaml::parse::<RawIncident>(text, "incidents/t.yaml") {
        Ok(raw) => raw,
        Err(d) => panic!(
            "{}\n{text}",
            crate::diagnostics::render_diagnostic(&d, Some(text))
        ),
    };
    let loaded = Loaded {
        config: None,
        incidents: vec![std::sync::Arc::new(RawFile {
            slug: "t".into(),
            file: "incidents/t.yaml".into(),
            raw,
        })],
        report: Report::default(),
    };
    let (site, report) = crate::validate::validate(loaded, &["en".to_string()]);
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| crate::diagnostics::render_diagnostic(d, Some(text)))
        .collect();
    assert!(errors.is_empty(), "{}\n{text}", errors.join("\n"));
    site.incidents.into_iter().next().expect("one incident")
}

/// Every line of `old` is in `new`, byte for byte and in order; the others are `added`.
#[track_caller]
fn assert_only_added(old: &str, new: &str, added: usize) {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut next = 0;
    for line in &old_lines {
        // The old last line may have gained a line ending.
        let found = new_lines[next..]
            .iter()
            .position(|l| l == line || (!line.ends_with('\n') && l.trim_end() == *line));
        let Some(found) = found else {
            panic!("line {line:?} lost or changed:\n{new}");
        };
        next += found + 1;
    }
    assert_eq!(new_lines.len(), old_lines.len() + added, "{new}");
}

fn expected(old: &Incident, changes: &[Change]) -> Incident {
    applied(old, changes, Default::default())
}

/// Applies `changes`; checks that only `added` lines were added and that the result reads
/// back as the old incident plus the changes as written.
#[track_caller]
fn check(old: &str, changes: &[Change], added: usize) -> String {
    let before = model(old);
    let edited = edit(old, changes);
    assert_only_added(old, &edited.text, added);
    assert_eq!(
        model(&edited.text),
        expected(&before, &edited.changes),
        "{}",
        edited.text
    );
    edited.text
}

const KAKAO: &str = include_str!("../../incidents/2022/kakao-pangyo-fire.yaml");

/// The Kakao incident as it stood before it was resolved: no `resolved:`, no last update.
fn kakao_open() -> String {
    let cut = KAKAO.find("  - at: 127.5\n").unwrap();
    let end = KAKAO.find("postmortem:").unwrap();
    let text = format!("{}{}", &KAKAO[..cut], &KAKAO[end..]);
    text.replace("resolved: 2022-10-20T23:00:00+09:00\n", "")
}

#[test]
fn kakao_gets_entries_and_an_update_in_its_own_style() {
    let old = kakao_open();
    let changes = [
        entry("channel", 128 * 60 + 30, State::Operational, None),
        entry(
            "kakaotalk",
            106 * 60,
            State::Degraded,
            Some("사진 전송 지연: 일부"),
        ),
        update(
            128 * 60 + 30,
            UpdateStatus::Monitoring,
            Some("모든 서비스가 복구되었습니다.\n\n- 카카오톡 채널\n"),
        ),
    ];
    let new = check(&old, &changes, 8);
    assert!(new.contains(
        "    - { at: 105, state: operational, note: 톡서랍 포함 전 기능 복구 }\n    - { at: 106, state: degraded, note: \"사진 전송 지연: 일부\" }\n  daum:\n"
    ));
    assert!(new.contains(
        "    - { at: 127.5, state: operational, note: 전 기능 복구 }\n    - { at: 128.5, state: operational }\n"
    ));
    assert!(new.contains(
        "      정상화되었습니다. 카카오톡 채널의 상담 채팅·주문 접수 기능을 마지막으로 복구하고 있습니다.\n  - at: 128.5\n    status: monitoring\n    body: |\n      모든 서비스가 복구되었습니다.\n\n      - 카카오톡 채널\n\npostmortem:"
    ), "{new}");
}

#[test]
fn kakao_resolves_after_started() {
    let old = kakao_open();
    let changes = [Change::Resolved {
        timestamp: "2022-10-20T23:00:00+09:00".into(),
    }];
    let new = check(&old, &changes, 1);
    assert!(new.contains(
        "started: 2022-10-15T15:30:00+09:00\nresolved: 2022-10-20T23:00:00+09:00\nimpact: critical\n"
    ));
}

#[test]
fn examples_get_durations_and_a_new_service() {
    let old = include_str!("../../examples/github-pages/incidents/payments-outage.yaml")
        .replace("resolved: 2025-05-20T19:30:00+02:00\n", "");
    let old = old[..old.find("  - at: 1h25m").unwrap()].to_string()
        + &old[old.find("postmortem:").unwrap()..];
    let changes = [
        entry("payments", 80, State::Degraded, Some("slow")),
        entry("api", 80, State::Degraded, None),
        update(
            80,
            UpdateStatus::Identified,
            Some("Some payments are slow."),
        ),
    ];
    let new = check(&old, &changes, 6);
    assert!(new.contains("    - { at: 1h15m, state: operational }\n    - { at: 1h20m, state: degraded, note: slow }\n  dashboard:"));
    assert!(new.contains("    - { at: 1h15m, state: operational }\n  api:\n    - { at: 1h20m, state: degraded }\nupdates:"), "{new}");
    assert!(
        new.contains(
            "  - at: 1h20m\n    status: identified\n    body: Some payments are slow.\npostmortem:"
        ),
        "{new}"
    );
}

#[test]
fn what_new_writes_keeps_its_comments() {
    let lanes = vec![("api".to_string(), State::MajorOutage, None)];
    let draft = crate::cli::scaffold::incident(
        &crate::cli::scaffold::IncidentDraft {
            title: "API down",
            started: crate::model::time::parse_timestamp(
                "2026-11-25T09:31:00Z",
                Default::default(),
            )
            .unwrap(),
            lanes: &lanes,
            status: UpdateStatus::Investigating,
            body: "We are investigating problems with API.",
        },
        Default::default(),
    );
    let changes = [
        entry("api", 30, State::PartialOutage, Some("what works again")),
        update(30, UpdateStatus::Identified, Some("Found it.")),
    ];
    let new = check(&draft, &changes, 5);
    assert!(new.contains(
        "    - { at: 0, state: major_outage }\n    - { at: 30m, state: partial_outage, note: what works again }\n    # - { at: 1.5,"
    ), "{new}");
    assert!(new.contains("      We are investigating problems with API.\n  - at: 30m\n    status: identified\n    body: |\n      Found it.\n  # - at: 0.5\n"), "{new}");
}

#[test]
fn crlf_tabs_and_no_final_newline() {
    let old = "title: \"tab\tinside\"\r\nstarted: 2024-01-01T00:00:00Z\r\nservices:\r\n  api:\r\n    - at: 0\r\n      state: degraded\r\n      note: \"a\tb\"\r\nupdates:\r\n  - at: 0\r\n    status: investigating\r\n    body: |\r\n      Text\twith a tab.";
    let changes = [
        entry("api", 61, State::Operational, Some("back")),
        update(61, UpdateStatus::Resolved, Some("Fixed.\nAll good.")),
    ];
    let new = check(old, &changes, 8);
    assert!(new.ends_with("      Text\twith a tab.\r\n  - at: 1h1m\r\n    status: resolved\r\n    body: |\r\n      Fixed.\r\n      All good.\r\n"), "{new:?}");
    assert!(new.contains("      note: \"a\tb\"\r\n    - at: 1h1m\r\n      state: operational\r\n      note: back\r\nupdates:"), "{new:?}");
}

#[test]
fn comments_between_and_after_entries_stay_put() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    # first\n    - { at: 0, state: degraded }   # trailing\n\n    # between\n    - {at: 1h, state: partial_outage}\n    # after the last\n\n# about updates\nupdates:\n  - at: 0\n    status: investigating\n    body: \"# not a comment\"\n  # a commented update\n";
    let changes = [
        entry("api", 90, State::Operational, None),
        update(90, UpdateStatus::Resolved, Some("# Heading\nText")),
    ];
    let new = check(old, &changes, 6);
    assert!(new.contains("    - {at: 1h, state: partial_outage}\n    - {at: 1h30m, state: operational}\n    # after the last\n"), "{new}");
    assert!(new.contains("    body: \"# not a comment\"\n  - at: 1h30m\n    status: resolved\n    body: |\n      # Heading\n      Text\n  # a commented update\n"), "{new}");
}

#[test]
fn empty_and_missing_updates() {
    let base = "title: x\nstarted: 2024-01-01T00:00:00Z\n\nservices:\n   api:\n      - { at: 0, state: degraded }\n";
    let changes = [update(
        5,
        UpdateStatus::Investigating,
        Some("Looking: now."),
    )];
    let new = check(base, &changes, 6);
    assert!(new.ends_with("      - { at: 0, state: degraded }\n\nupdates:\n   - at: 5m\n     status: investigating\n     body: |\n       Looking: now.\n"), "{new}");
    let with_null = format!("{base}updates:\npostmortem: later\n");
    let new = check(&with_null, &changes, 4);
    assert!(new.contains("updates:\n   - at: 5m\n     status: investigating\n     body: |\n       Looking: now.\npostmortem: later\n"), "{new}");
    let with_flow = format!("{base}updates: []  # none yet\n");
    let edited = edit(&with_flow, &changes);
    assert!(
        edited.text.ends_with(
            "updates: [{ at: 5m, status: investigating, body: \"Looking: now.\" }]  # none yet\n"
        ),
        "{}",
        edited.text
    );
    assert_eq!(edited.lines.len(), 1);
    assert!(!edited.lines[0].added);
}

#[test]
fn flow_lists_grow_inside_their_brackets() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api: [{at: 0, state: degraded}]\n  db: [\n    { at: 0, state: degraded },\n    { at: 1, state: partial_outage }\n  ]\n  web: [\n    {at: 0, state: degraded},\n  ]\nupdates: [{at: 0, status: investigating, body: \"a, b\"}]\n";
    let changes = [
        entry("api", 60, State::Operational, Some("ok, fine")),
        entry("db", 120, State::Operational, None),
        entry("web", 60, State::Operational, None),
        update(120, UpdateStatus::Resolved, Some("Done.")),
    ];
    let edited = edit(old, &changes);
    let new = &edited.text;
    assert!(
        new.contains(
            "  api: [{at: 0, state: degraded}, {at: 1, state: operational, note: \"ok, fine\"}]\n"
        ),
        "{new}"
    );
    assert!(
        new.contains(
            "    { at: 1, state: partial_outage },\n    { at: 2, state: operational }\n  ]\n"
        ),
        "{new}"
    );
    assert!(
        new.contains("    {at: 0, state: degraded},\n    {at: 1, state: operational},\n  ]\n"),
        "{new}"
    );
    assert!(
        new.contains("body: \"a, b\"}, {at: 2, status: resolved, body: Done.}]\n"),
        "{new}"
    );
    assert_eq!(model(new), expected(&model(old), &edited.changes));
}

#[test]
fn flow_services_mapping_gets_a_new_service() {
    let old =
        "title: x\nstarted: 2024-01-01T00:00:00Z\nservices: {api: [{at: 0, state: degraded}]}\n";
    let edited = edit(old, &[entry("db", 30, State::MajorOutage, None)]);
    assert_eq!(
        edited.text,
        "title: x\nstarted: 2024-01-01T00:00:00Z\nservices: {api: [{at: 0, state: degraded}], db: [{at: 30m, state: major_outage}]}\n"
    );
    assert_eq!(model(&edited.text), expected(&model(old), &edited.changes));
}

#[test]
fn hostile_notes_and_bodies_read_back() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\nupdates:\n  - at: 0\n    status: investigating\n    body: hi\n";
    let hostile = "a: b # c \"d\" 'e' `f` $(g) ; h\nnext line\t tab";
    let changes = [
        entry("api", 10, State::MajorOutage, Some(hostile)),
        entry("new-one", 10, State::Degraded, Some("- [x] {y}")),
        update(10, UpdateStatus::Identified, Some(hostile)),
        update(
            11,
            UpdateStatus::Identified,
            Some("   leading spaces\nsecond\n\n\n"),
        ),
    ];
    let new = check(old, &changes, 13);
    assert!(
        new.contains("    body: |2\n         leading spaces\n      second\n"),
        "{new}"
    );
    assert!(new.contains("      next line\t tab\n"), "{new}");
}

#[test]
fn block_mapping_entries_keep_their_key_order() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n  - state: degraded\n    at: 0\n    note: slow\n  db:\n  - state: degraded\n    at: 0\n";
    let changes = [
        entry("api", 60, State::Operational, None),
        entry("web", 60, State::Degraded, Some("new")),
    ];
    let new = check(old, &changes, 6);
    assert!(
        new.contains("    note: slow\n  - state: operational\n    at: 1h\n  db:\n"),
        "{new}"
    );
    assert!(
        new.ends_with("    at: 0\n  web:\n  - state: degraded\n    at: 1h\n    note: new\n"),
        "{new}"
    );
}

#[test]
fn maintenance_plain_list_is_written_out_per_service() {
    let old = "title: m\nkind: maintenance\nstarted: 2024-01-01T02:00:00Z\nresolved: 2024-01-01T04:00:00Z\nservices: [api, db]   # both\nupdates:\n  - at: -2h\n    status: scheduled\n";
    let changes = [
        entry("db", 90, State::Degraded, Some("warming up")),
        entry("web", 90, State::Degraded, None),
        update(90, UpdateStatus::Verifying, None),
    ];
    let edited = edit(old, &changes);
    assert!(edited.text.contains("services:   # both\n  api:\n    - { at: 0, state: maintenance }\n  db:\n    - { at: 0, state: maintenance }\n    - { at: 1h30m, state: degraded, note: warming up }\n  web:\n    - { at: 1h30m, state: degraded }\nupdates:\n"), "{}", edited.text);
    assert!(
        edited
            .text
            .ends_with("    status: scheduled\n  - at: 1h30m\n    status: verifying\n")
    );
    let before = model(old);
    assert_eq!(before.kind, Kind::Maintenance);
    assert_eq!(model(&edited.text), expected(&before, &edited.changes));

    let block = old.replace(
        "services: [api, db]   # both\n",
        "services:\n  - api\n  - db\n",
    );
    let edited = edit(&block, &changes[..1]);
    assert!(
        edited
            .text
            .contains("services:\n  api:\n    - { at: 0, state: maintenance }\n  db:\n"),
        "{}",
        edited.text
    );
    assert_eq!(model(&edited.text), expected(&before, &edited.changes));

    let commented = old.replace(
        "services: [api, db]   # both\n",
        "services:\n  - api\n  # keep me\n  - db\n",
    );
    let err = apply(&commented, "incidents/t.yaml", &changes[..1]).unwrap_err();
    assert!(err.message.contains("plain list"), "{}", err.message);
}

#[test]
fn resolved_is_set_in_place() {
    let old = "title: m\nkind: maintenance\nstarted: 2024-01-01T02:00:00Z\nresolved: \"2024-01-01T04:00:00Z\"  # planned\nservices: [api]\n";
    let changes = [Change::Resolved {
        timestamp: "2024-01-01T03:10:00+00:00".into(),
    }];
    let edited = edit(old, &changes);
    assert!(
        edited
            .text
            .contains("\nresolved: 2024-01-01T03:10:00+00:00  # planned\n")
    );
    let empty = "title: x\nstarted: 2024-01-01T02:00:00Z\nresolved:\nservices:\n  api: [{at: 0, state: degraded}]\n";
    let edited = edit(empty, &changes);
    assert!(
        edited
            .text
            .contains("\nresolved: 2024-01-01T03:10:00+00:00\nservices:")
    );
}

#[test]
fn aliases_are_refused_with_a_place() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api: &lane\n    - { at: 0, state: degraded }\n  db: *lane\n";
    let err = apply(
        old,
        "incidents/t.yaml",
        &[entry("db", 60, State::Operational, None)],
    )
    .unwrap_err();
    assert!(err.message.contains("alias"), "{}", err.message);
    assert_eq!(err.pos.line, 6);
    // The anchored list itself is text like any other; the commands compare the result with
    // what was asked and refuse when the alias changed too.
    let edited = edit(old, &[entry("api", 60, State::Operational, None)]);
    let read = model(&edited.text);
    assert_eq!(read.lane("db").unwrap().entries.len(), 2);
}
