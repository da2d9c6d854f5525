//! Odd but valid files: CRLF, tabs, comments between entries, no final newline, empty or
//! missing `updates:`, flow lists, anchors, a maintenance's plain list.

use super::*;

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

#[test]
fn bodies_follow_the_last_update_that_has_one() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api: [{at: 0, state: degraded}]\nupdates:\n  - at: 0\n    status: investigating\n    body: |\n      Looking.\n  - at: 5m\n    status: identified\n";
    let new = check(
        old,
        &[update(10, UpdateStatus::Monitoring, Some("Better."))],
        4,
    );
    assert!(
        new.ends_with("  - at: 10m\n    status: monitoring\n    body: |\n      Better.\n"),
        "{new}"
    );
}

#[test]
fn blank_lines_between_items_are_kept_up() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\n\n    - { at: 1h, state: partial_outage }\n\n  db:\n    - { at: 0, state: degraded }\n\nupdates:\n  - at: 0\n    status: investigating\n\n  - at: 1h\n    status: identified\n";
    let changes = [
        entry("api", 120, State::Operational, None),
        entry("web", 120, State::Degraded, None),
        update(120, UpdateStatus::Monitoring, None),
        update(121, UpdateStatus::Resolved, Some("Done.")),
    ];
    let new = check(old, &changes, 12);
    assert!(new.contains("    - { at: 1h, state: partial_outage }\n\n    - { at: 2h, state: operational }\n\n  db:\n    - { at: 0, state: degraded }\n\n  web:\n    - { at: 2h, state: degraded }\n\nupdates:\n"), "{new}");
    assert!(new.ends_with("    status: identified\n\n  - at: 2h\n    status: monitoring\n\n  - at: 2h1m\n    status: resolved\n    body: Done.\n"), "{new}");
}

#[test]
fn a_kept_body_keeps_its_blank_lines() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\nupdates:\n  - at: 0\n    status: investigating\n    body: |+\n      Kept.\n\n\n";
    let changes = [update(30, UpdateStatus::Identified, Some("Found."))];
    let new = check(old, &changes, 4);
    assert!(
        new.ends_with(
            "      Kept.\n\n\n  - at: 30m\n    status: identified\n    body: |\n      Found.\n"
        ),
        "{new}"
    );
}

#[test]
fn updates_go_before_a_document_end_marker() {
    let old = "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\n...\n# after the document\n";
    let changes = [update(30, UpdateStatus::Identified, Some("Found."))];
    let new = check(old, &changes, 5);
    assert!(
        new.ends_with("    - { at: 0, state: degraded }\nupdates:\n  - at: 30m\n    status: identified\n    body: |\n      Found.\n...\n# after the document\n"),
        "{new}"
    );
}
