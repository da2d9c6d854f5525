//! The repository's Kakao incident, the examples, and what `new` writes.

use super::*;

const KAKAO: &str = include_str!("../../../incidents/2022/kakao-pangyo-fire.yaml");

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
    let new = check(&old, &changes, 9);
    assert!(new.contains(
        "    - { at: 105, state: operational, note: 톡서랍 포함 전 기능 복구 }\n    - { at: 106, state: degraded, note: \"사진 전송 지연: 일부\" }\n  daum:\n"
    ));
    assert!(new.contains(
        "    - { at: 127.5, state: operational, note: 전 기능 복구 }\n    - { at: 128.5, state: operational }\n"
    ));
    assert!(new.contains(
        "      정상화되었습니다. 카카오톡 채널의 상담 채팅·주문 접수 기능을 마지막으로 복구하고 있습니다.\n\n  - at: 128.5\n    status: monitoring\n    body: |\n      모든 서비스가 복구되었습니다.\n\n      - 카카오톡 채널\n\npostmortem:"
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
    let old = include_str!("../../../examples/github-pages/incidents/payments-outage.yaml")
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
        &crate::cli::scaffold::IncidentText {
            title: "API down",
            started: crate::model::time::parse_timestamp(
                "2026-11-25T09:31:00Z",
                Default::default(),
            )
            .unwrap(),
            lanes,
            status: UpdateStatus::Investigating,
            body: "We are investigating problems with API.".into(),
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
fn a_maintenance_example_completes_early() {
    let old = include_str!("../../../examples/github-pages/incidents/database-upgrade.yaml");
    let cut = old.find("  - at: 2\n").unwrap();
    let old = &old[..cut];
    let changes = [
        update(
            110,
            UpdateStatus::Completed,
            Some("Done: ten minutes early."),
        ),
        Change::Resolved {
            timestamp: "2025-06-14T03:50:00+02:00".into(),
        },
    ];
    let edited = edit(old, &changes);
    assert!(
        edited
            .text
            .contains("\nresolved: 2025-06-14T03:50:00+02:00\n")
    );
    // The last update has a one-line body: so does the new one, though older ones use `|`.
    assert!(edited.text.ends_with(
        "    body: Every cluster runs PostgreSQL 17. We are checking replication and backups.\n  - at: 1h50m\n    status: completed\n    body: \"Done: ten minutes early.\"\n"
    ), "{}", edited.text);
    assert_eq!(model(&edited.text), expected(&model(old), &edited.changes));
}
