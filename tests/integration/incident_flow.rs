//! A whole incident from the terminal: `init` → `new` → three `update`s → `resolve` →
//! `check` → `build`, on a Korean site in Asia/Seoul. The lines `new` wrote stay byte for
//! byte; `status --json` follows every step; the incident page's lanes show the story.

use std::path::Path;

use crate::common::{
    DEFAULT_TIMEOUT, TempDir, assert_checks_clean, assert_contains, expect_states, finish, read,
    run_at, states, statusgen,
};

#[track_caller]
fn ok(result: (i32, String, String)) -> String {
    let (code, out, err) = result;
    assert_eq!(code, 0, "failed:\n{out}{err}");
    out
}

#[track_caller]
fn assert_states(site: &Path, now: &str, expected: &[(&str, &str)]) {
    let json = ok(run_at(site, &["status", ".", "--json", "--now", now]));
    assert_eq!(states(&json), expect_states(expected), "at {now}:\n{json}");
}

/// Every line of `before` is in `after`, unchanged and in order.
#[track_caller]
fn assert_lines_kept(before: &str, after: &str) {
    let mut rest = after.split_inclusive('\n');
    for line in before.split_inclusive('\n') {
        assert!(
            rest.any(|l| l == line),
            "line {line:?} was changed or moved:\n{after}"
        );
    }
}

/// `(service, state, from, to)` of each row of the timeline table.
fn lanes(page: &str) -> Vec<(String, String, String, String)> {
    page.split(r#"<tr><th scope="row">"#)
        .skip(1)
        .map(|row| {
            let service = row.split('<').next().unwrap_or_default().to_string();
            let state = row
                .split(r#"class="state state-"#)
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default()
                .to_string();
            let times: Vec<String> = row
                .split(r#"<time datetime=""#)
                .skip(1)
                .take(2)
                .map(|t| t.split('"').next().unwrap_or_default().to_string())
                .collect();
            (service, state, times[0].clone(), times[1].clone())
        })
        .collect()
}

fn korean_site(tmp: &TempDir) -> std::path::PathBuf {
    ok(run_at(tmp.path(), &["init", "site", "-q"]));
    let site = tmp.join("site");
    let config = read(site.join("status.yaml"))
        .replace("language: en\n", "language: ko\n")
        .replace("timezone: UTC\n", "timezone: Asia/Seoul\n");
    std::fs::write(site.join("status.yaml"), config).expect("writable");
    site
}

#[test]
fn a_whole_incident_from_the_terminal() {
    let tmp = TempDir::new("incident-flow");
    let site = korean_site(&tmp);
    let file = site.join("incidents/api-down.yaml");

    // new: whole minutes, in the site's language.
    ok(run_at(
        &site,
        &[
            "new",
            ".",
            "api-down",
            "--services",
            "api,login=degraded",
            "--title",
            "API down",
            "--now",
            "2026-03-02T09:30:27+09:00",
        ],
    ));
    let original = read(&file);
    assert_contains(
        &original,
        &[
            "started: 2026-03-02T09:30:00+09:00\n",
            "  login:\n    - { at: 0, state: degraded }\n",
            "      API, Login에 문제가 있어 원인을 확인하고 있습니다.\n",
        ],
    );
    assert_states(
        &site,
        "2026-03-02T09:30:00+09:00",
        &[
            ("website", "operational"),
            ("api", "major_outage"),
            ("login", "degraded"),
        ],
    );

    // A dry run shows the lines and writes nothing.
    let first = [
        "update",
        ".",
        "api-down",
        "--set",
        "api=partial_outage:reads: back",
        "--set",
        "website=degraded",
        "--status",
        "identified",
        "--body",
        "Cause found.",
        "--at",
        "25m",
    ];
    let mut dry = first.to_vec();
    dry.push("--dry-run");
    let out = ok(run_at(&site, &dry));
    assert_contains(
        &out,
        &[
            "+     - { at: 25m, state: partial_outage, note: \"reads: back\" }",
            "+   website:",
            "nothing was written (--dry-run)",
        ],
    );
    assert_eq!(read(&file), original);

    // 1: two states (one of a service new to the incident), a status, a body.
    let out = ok(run_at(&site, &first));
    assert_contains(
        &out,
        &[
            "api: major_outage → partial_outage (reads: back)",
            "website: operational → degraded",
            "update: identified",
            "git commit -m 'api-down: identified' -- incidents/api-down.yaml && git push",
        ],
    );
    assert_states(
        &site,
        "2026-03-02T09:55:00+09:00",
        &[
            ("website", "degraded"),
            ("api", "partial_outage"),
            ("login", "degraded"),
        ],
    );
    assert_states(
        &site,
        "2026-03-02T09:54:00+09:00",
        &[
            ("website", "operational"),
            ("api", "major_outage"),
            ("login", "degraded"),
        ],
    );

    // 2: at a timestamp, a status without a body.
    ok(run_at(
        &site,
        &[
            "update",
            ".",
            "api-down",
            "--set",
            "login=operational",
            "--status",
            "monitoring",
            "--at",
            "2026-03-02T10:10:00+09:00",
        ],
    ));
    assert_states(
        &site,
        "2026-03-02T10:10:00+09:00",
        &[
            ("website", "degraded"),
            ("api", "partial_outage"),
            ("login", "operational"),
        ],
    );

    // 3: the body from stdin, hostile to YAML, with a note as hostile.
    let body = "## Still slow\n\nWrites are queued: `retry` later # really.\n\n- \"quoted\" and 'single'\n";
    let mut command = statusgen(&site);
    command.args([
        "update",
        ".",
        "api-down",
        "--set",
        "api=degraded:tab\there # and: colon",
        "--body",
        "-",
        "--at",
        "1h",
    ]);
    let (code, out, err) = finish(command, Some(body), DEFAULT_TIMEOUT);
    assert_eq!(code, 0, "{out}{err}");
    assert_states(
        &site,
        "2026-03-02T10:30:00+09:00",
        &[
            ("website", "degraded"),
            ("api", "degraded"),
            ("login", "operational"),
        ],
    );

    // Mistakes change nothing and say where and what was meant.
    let before = read(&file);
    let (code, _, err) = run_at(
        &site,
        &["update", ".", "api-down", "--set", "apii=operational"],
    );
    assert_eq!(code, 2);
    assert_contains(
        &err,
        &["--set apii=operational: unknown service 'apii' — did you mean 'api'?"],
    );
    let (code, _, err) = run_at(&site, &["update", ".", "api-donw", "--body", "x"]);
    assert_eq!(code, 2);
    assert_contains(&err, &["no incident 'api-donw' — did you mean 'api-down'?"]);
    let (code, _, err) = run_at(
        &site,
        &[
            "update",
            ".",
            "api-down",
            "--set",
            "api=degraded",
            "--at",
            "2h",
        ],
    );
    assert_eq!(code, 2);
    assert_contains(&err, &["api is already degraded"]);
    let (code, _, err) = run_at(
        &site,
        &[
            "update",
            ".",
            "api-down",
            "--set",
            "login=degraded",
            "--at",
            "40m",
        ],
    );
    assert_eq!(code, 2);
    assert_contains(
        &err,
        &["login's last entry is at 2026-03-02 10:10 +09:00 (40m since the start)"],
    );
    assert_eq!(read(&file), before);

    // resolve: everything operational, `resolved:` and the Korean sentence.
    let out = ok(run_at(
        &site,
        &["resolve", ".", "api-down", "--at", "1h30m"],
    ));
    assert_contains(
        &out,
        &[
            "api: degraded → operational",
            "website: degraded → operational",
            "resolved at",
        ],
    );
    let done = read(&file);
    assert_contains(
        &done,
        &[
            "started: 2026-03-02T09:30:00+09:00\nresolved: 2026-03-02T11:00:00+09:00\n",
            "    status: resolved\n    body: |\n      모든 서비스가 정상화되어 장애가 해결되었습니다.\n",
            "    body: |\n      ## Still slow\n\n      Writes are queued: `retry` later # really.\n",
        ],
    );
    assert_lines_kept(&original, &done);
    assert_states(
        &site,
        "2026-03-02T11:00:00+09:00",
        &[
            ("website", "operational"),
            ("api", "operational"),
            ("login", "operational"),
        ],
    );
    let (code, _, err) = run_at(&site, &["resolve", ".", "api-down"]);
    assert_eq!(code, 1);
    assert_contains(&err, &["is resolved already"]);

    // check and build: the page tells the story lane by lane.
    assert_checks_clean(&site);
    ok(run_at(
        &site,
        &[
            "build",
            ".",
            "-o",
            "out",
            "-q",
            "--now",
            "2026-03-02T12:00:00+09:00",
        ],
    ));
    let page = read(site.join("out/incidents/api-down/index.html"));
    let t = |hm: &str| format!("2026-03-02T{hm}:00+09:00");
    let row = |s: &str, state: &str, from: &str, to: &str| {
        (s.to_string(), state.to_string(), t(from), t(to))
    };
    // Recoveries at the resolution itself lasted no time: they get no row.
    let expected = vec![
        row("Website", "operational", "09:30", "09:55"),
        row("Website", "degraded", "09:55", "11:00"),
        row("API", "major_outage", "09:30", "09:55"),
        row("API", "partial_outage", "09:55", "10:30"),
        row("API", "degraded", "10:30", "11:00"),
        row("Login", "degraded", "09:30", "10:10"),
        row("Login", "operational", "10:10", "11:00"),
    ];
    assert_eq!(lanes(&page), expected);
    assert_contains(
        &page,
        &["reads: back", "tab\there # and: colon", "Writes are queued"],
    );
}

#[test]
fn a_maintenance_from_announcement_to_completion() {
    let tmp = TempDir::new("maintenance-flow");
    let site = korean_site(&tmp);
    let file = site.join("incidents/db-upgrade.yaml");
    ok(run_at(
        &site,
        &[
            "new",
            ".",
            "db-upgrade",
            "--maintenance",
            "--services",
            "api,login",
            "--start",
            "2026-03-10T02:00:00+09:00",
            "--end",
            "2026-03-10T04:00:00+09:00",
            "--now",
            "2026-03-08T18:00:00+09:00",
        ],
    ));
    let original = read(&file);
    assert_contains(
        &original,
        &["services: [api, login]\n", "점검을 진행합니다."],
    );
    ok(run_at(
        &site,
        &[
            "update",
            ".",
            "db-upgrade",
            "--status",
            "in_progress",
            "--at",
            "0",
        ],
    ));
    // A state for one service writes the plain list out per service.
    ok(run_at(
        &site,
        &[
            "update",
            ".",
            "db-upgrade",
            "--set",
            "login=degraded:caches warming",
            "--at",
            "1h",
        ],
    ));
    let text = read(&file);
    assert_contains(
        &text,
        &[
            "services:\n  api:\n    - { at: 0, state: maintenance }\n  login:\n    - { at: 0, state: maintenance }\n    - { at: 1h, state: degraded, note: caches warming }\n",
        ],
    );
    assert_states(
        &site,
        "2026-03-10T03:10:00+09:00",
        &[
            ("website", "operational"),
            ("api", "maintenance"),
            ("login", "degraded"),
        ],
    );
    let out = ok(run_at(
        &site,
        &["resolve", ".", "db-upgrade", "--at", "1h30m"],
    ));
    assert_contains(&out, &["completed at", "update: completed"]);
    let done = read(&file);
    assert_contains(
        &done,
        &[
            "resolved: 2026-03-10T03:30:00+09:00\n",
            "    status: completed\n    body: |\n      점검이 완료되었습니다.\n",
        ],
    );
    assert_states(
        &site,
        "2026-03-10T03:30:00+09:00",
        &[
            ("website", "operational"),
            ("api", "operational"),
            ("login", "operational"),
        ],
    );
    assert_checks_clean(&site);
}

#[test]
fn the_repositorys_own_incident_refuses_a_second_resolution_and_edits_as_text() {
    let tmp = TempDir::new("kakao-edit");
    let root = crate::common::repo_root();
    for file in ["status.yaml", "incidents/2022/kakao-pangyo-fire.yaml"] {
        tmp.write(file, read(root.join(file)));
    }
    let (code, _, err) = run_at(tmp.path(), &["resolve", ".", "kakao-pangyo-fire"]);
    assert_eq!(code, 1);
    assert_contains(
        &err,
        &["is resolved already, at 2022-10-20 23:00 +09:00 (127h30m since the start)"],
    );
    // Reopened (no `resolved:`, no last update), it takes an entry as a line of its style.
    let path = tmp.join("incidents/2022/kakao-pangyo-fire.yaml");
    let text = read(&path);
    let cut = text.find("  - at: 127.5\n").expect("the last update");
    let end = text.find("postmortem:").expect("the postmortem");
    let open = format!("{}{}", &text[..cut], &text[end..])
        .replace("resolved: 2022-10-20T23:00:00+09:00\n", "");
    std::fs::write(&path, &open).expect("writable");
    let out = ok(run_at(
        tmp.path(),
        &[
            "update",
            ".",
            "kakao-pangyo-fire",
            "--set",
            "kakaotalk=degraded:톡서랍 지연",
            "--at",
            "2022-10-21T00:00:00+09:00",
            "--dry-run",
        ],
    ));
    assert_contains(
        &out,
        &["+     - { at: 128.5, state: degraded, note: 톡서랍 지연 }"],
    );
    assert_eq!(read(&path), open);
}

#[test]
fn when_every_service_is_back_the_next_step_is_resolve() {
    let tmp = TempDir::new("all-back");
    ok(run_at(tmp.path(), &["init", "site", "-q"]));
    let site = tmp.join("site");
    let new = [
        "new",
        ".",
        "api-down",
        "--services",
        "api,login",
        "--now",
        "2026-03-02T09:30:00Z",
    ];
    ok(run_at(&site, &new));
    let hint = "every service is operational again: `statusgen resolve api-down` resolves it";
    let out = ok(run_at(
        &site,
        &[
            "update",
            ".",
            "api-down",
            "--set",
            "api=operational",
            "--at",
            "10m",
        ],
    ));
    assert!(!out.contains(hint), "{out}");
    let out = ok(run_at(
        &site,
        &[
            "update",
            ".",
            "api-down",
            "--set",
            "login=operational",
            "--at",
            "20m",
        ],
    ));
    assert_contains(&out, &[hint]);

    // A time far ahead is taken, with a note: pages show it only from then on.
    let (code, _, err) = run_at(
        &site,
        &[
            "update",
            ".",
            "api-down",
            "--body",
            "Later.",
            "--at",
            "2999-01-01T00:00:00Z",
            "--dry-run",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_contains(
        &err,
        &[
            "note: --at 2999-01-01T00:00:00Z is 2999-01-01 00:00 +00:00,",
            "pages show it only from then on",
        ],
    );
}
