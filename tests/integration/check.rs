//! `statusgen check` (and `status` on valid sites): one invalid fixture per rule of the input format
//! §4 with its diagnostics snapshotted *and* asserted (so a blindly accepted snapshot cannot
//! hide a regression), robustness cases generated in temp dirs, valid fixtures using every
//! spelling of §3, and the repository's own site.

use std::io::Write as _;
use std::time::{Duration, Instant};

use crate::common::{
    TempDir, assert_contains, basic_site, expect_states, fixture, headlines, last_line, locations,
    repo_root, run, run_in, states,
};

// ---------------------------------------------------------------------------------------------
// Helpers

/// Runs `check` on `tests/fixtures/invalid/NAME` (a relative path, as a user would type it),
/// asserts the exit code and the absence of a panic, and snapshots stderr as `NAME`.
fn check_fixture(name: &str, code: i32) -> (String, String) {
    let site = format!("tests/fixtures/invalid/{name}");
    assert!(
        fixture(format!("invalid/{name}")).is_dir(),
        "no fixture {site}"
    );
    let (actual, stdout, stderr) = run(["check", site.as_str()]);
    assert!(
        !stderr.contains("panicked"),
        "check {site} panicked:\n{stderr}"
    );
    assert_eq!(
        actual, code,
        "exit code of check {site}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    insta::assert_snapshot!(name, stderr);
    (stdout, stderr)
}

/// An invalid fixture: exit 1, nothing on stdout, the problem count last on stderr.
fn check_errors(name: &str) -> String {
    let (stdout, stderr) = check_fixture(name, 1);
    assert_eq!(
        stdout, "",
        "check prints no summary on stdout when there are errors"
    );
    stderr
}

/// A fixture with exactly one problem: its headline starts with `error: HEADLINE`, it points
/// at `location` (exactly; or, when `location` ends with ':', at any column of that line), and
/// its hint contains `help`.
#[track_caller]
fn single_error(name: &str, headline: &str, location: &str, help: &str) -> String {
    let stderr = check_errors(name);
    let heads = headlines(&stderr);
    assert_eq!(heads.len(), 1, "one diagnostic expected:\n{stderr}");
    assert!(
        heads[0].starts_with(&format!("error: {headline}")),
        "headline of:\n{stderr}"
    );
    let locs = locations(&stderr);
    assert_eq!(locs.len(), 1, "one location expected:\n{stderr}");
    if location.ends_with(':') {
        assert!(
            locs[0].starts_with(location),
            "expected --> {location}COL in:\n{stderr}"
        );
    } else {
        assert_eq!(locs[0], location, "location in:\n{stderr}");
    }
    let hints: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("= help: "))
        .collect();
    assert_eq!(hints.len(), 1, "one hint expected:\n{stderr}");
    assert!(
        hints[0].contains(help),
        "expected {help:?} in the hint of:\n{stderr}"
    );
    assert_eq!(last_line(&stderr), "1 problem");
    stderr
}

/// `(file, line, col)` of a `--> file:line:col` location (line and col 0 when absent).
fn parse_location(loc: &str) -> (String, u32, u32) {
    let mut parts = loc.rsplitn(3, ':');
    let (col, line, file) = (parts.next(), parts.next(), parts.next());
    match (
        file,
        line.and_then(|l| l.parse().ok()),
        col.and_then(|c| c.parse().ok()),
    ) {
        (Some(file), Some(line), Some(col)) => (file.to_string(), line, col),
        _ => (loc.to_string(), 0, 0),
    }
}

/// `status SITE --now NOW --json`: exit 0, nothing on stderr; returns stdout.
fn status_json(site: &str, now: &str) -> String {
    let (code, stdout, stderr) = run(["status", site, "--now", now, "--json"]);
    assert_eq!(code, 0, "status {site} --now {now}\nstderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stdout
}

/// `check` on a valid fixture: exit 0, nothing on stderr, `summary` on stdout.
fn check_valid(name: &str, summary: &str) {
    let site = format!("tests/fixtures/valid/{name}");
    let (code, stdout, stderr) = run(["check", site.as_str()]);
    assert_eq!(code, 0, "check {site}\nstderr:\n{stderr}");
    assert_eq!(stderr, "", "a valid site has nothing to say on stderr");
    assert_eq!(stdout, format!("{summary}\n"));
}

/// Asserts the states of every service at each `(now, [(id, state)])`.
#[track_caller]
fn assert_states_at(site: &str, cases: &[(&str, &[(&str, &str)])]) {
    for (now, expected) in cases {
        let json = status_json(site, now);
        assert_eq!(
            states(&json),
            expect_states(expected),
            "states of {site} at {now}:\n{json}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Malformed YAML and wrong types

#[test]
fn malformed_yaml_bad_indentation() {
    single_error(
        "malformed-yaml-indent",
        "invalid YAML",
        "incidents/outage.yaml:8:4",
        "check the indentation",
    );
}

#[test]
fn malformed_yaml_unclosed_bracket() {
    single_error(
        "malformed-yaml-bracket",
        "invalid YAML: unclosed bracket '{'",
        "incidents/outage.yaml:6:7",
        "check the indentation",
    );
}

#[test]
fn malformed_yaml_tab_indentation() {
    // The tab is column 1; the parser reports the column after it (see the report).
    single_error(
        "tab-indent",
        "invalid YAML: a tab in the indentation",
        "incidents/outage.yaml:5:",
        "indent with spaces",
    );
}

#[test]
fn malformed_yaml_second_document() {
    single_error(
        "multiple-documents",
        "more than one YAML document in this file",
        "incidents/outage.yaml:",
        "remove the `---` line",
    );
}

#[test]
fn wrong_type_services_in_status_yaml() {
    // `services: 5` where a list is expected.
    single_error(
        "wrong-type-services",
        "wrong type: expected a list",
        "status.yaml:3:11",
        "check this value",
    );
}

#[test]
fn wrong_type_title_in_incident() {
    // `title: [a]` where text is expected; same wording problem as above.
    single_error("wrong-type-title", "", "incidents/outage.yaml:1:8", "");
}

#[test]
fn wrong_type_services_in_incident() {
    let stderr = single_error(
        "wrong-type-incident-services",
        "wrong type",
        "incidents/outage.yaml:4:",
        "check this value against the format",
    );
    assert_contains(&stderr, &["integer", "a mapping of service id to entries"]);
}

#[test]
fn wrong_type_at() {
    let stderr = single_error(
        "wrong-type-at",
        "wrong type",
        "incidents/outage.yaml:6:",
        "check this value against the format",
    );
    assert_contains(
        &stderr,
        &["sequence", "hours (9.5), a duration (90m) or a timestamp"],
    );
}

// ---------------------------------------------------------------------------------------------
// Unknown keys, services, states, statuses, kinds, impacts

#[test]
fn unknown_key_in_incident() {
    single_error(
        "unknown-key-incident",
        "unknown key 'resolvd'",
        "incidents/outage.yaml:3:1",
        "did you mean 'resolved'?",
    );
}

#[test]
fn unknown_key_in_entry() {
    single_error(
        "unknown-key-entry",
        "unknown key 'colour'",
        "incidents/outage.yaml:7:48",
        "expected one of: at, state, note",
    );
}

#[test]
fn unknown_key_in_status_yaml() {
    single_error(
        "unknown-key-config",
        "unknown key 'theme_color'",
        "status.yaml:3:1",
        "expected one of: title, description, base_url, language, timezone, theme",
    );
}

#[test]
fn unknown_service_suggests_the_close_one() {
    let stderr = single_error(
        "unknown-service",
        "unknown service 'apii'",
        "incidents/outage.yaml:8:3",
        "did you mean 'api'?",
    );
    // The caret covers the whole id.
    assert_contains(&stderr, &["8 |   apii:\n  |   ^^^^\n"]);
}

#[test]
fn unknown_state_suggests_the_close_one() {
    single_error(
        "unknown-state",
        "unknown state 'degradded'",
        "incidents/outage.yaml:7:23",
        "did you mean 'degraded'?",
    );
}

#[test]
fn unknown_update_status() {
    single_error(
        "unknown-update-status",
        "unknown incident status 'investigatng'",
        "incidents/outage.yaml:10:13",
        "did you mean 'investigating'?",
    );
}

#[test]
fn maintenance_status_in_an_incident() {
    single_error(
        "wrong-kind-update-status",
        "unknown incident status 'in_progress'",
        "incidents/outage.yaml:10:13",
        "'in_progress' is a maintenance status; incidents use investigating, identified, monitoring, resolved",
    );
}

#[test]
fn unknown_kind() {
    single_error(
        "unknown-kind",
        "unknown kind 'maintenence'",
        "incidents/outage.yaml:2:7",
        "did you mean 'maintenance'?",
    );
}

#[test]
fn unknown_impact() {
    single_error(
        "unknown-impact",
        "unknown impact 'severe'",
        "incidents/outage.yaml:4:9",
        "expected one of: none, minor, major, critical",
    );
}

// ---------------------------------------------------------------------------------------------
// Time: order, window, spellings

#[test]
fn at_going_backwards_within_a_service() {
    single_error(
        "at-backwards-service",
        "entry at hour 2 does not come after the one before it (hour 3)",
        "incidents/outage.yaml:8:13",
        "list entries in time order",
    );
}

#[test]
fn at_going_backwards_within_updates() {
    // 1.5 then 80m (1.33 h).
    single_error(
        "at-backwards-updates",
        "update at hour 1.33 does not come after the one before it (hour 1.5)",
        "incidents/outage.yaml:12:9",
        "list entries in time order",
    );
}

#[test]
fn entry_before_the_start() {
    single_error(
        "at-before-start-entry",
        "entry at hour -1 is before the start",
        "incidents/outage.yaml:6:13",
        "hour 0 is `started`",
    );
}

#[test]
fn update_before_the_start_of_an_incident() {
    // Written as an absolute time half an hour before `started`.
    single_error(
        "at-before-start-update",
        "update at hour -0.5 is before the start",
        "incidents/outage.yaml:9:9",
        "hour 0 is `started`",
    );
}

#[test]
fn maintenance_entry_before_its_window() {
    // Only a maintenance's updates may come early; its `-48h` announcement is fine.
    single_error(
        "maintenance-entry-before-window",
        "entry at hour -0.5 is before the start",
        "incidents/db-upgrade.yaml:7:13",
        "only a maintenance's updates (its announcements) may come before the window",
    );
}

#[test]
fn entry_after_resolved() {
    single_error(
        "at-after-resolved",
        "entry at hour 5 is after `resolved` (hour 4)",
        "incidents/outage.yaml:7:13",
        "move `resolved` later",
    );
}

#[test]
fn resolved_before_started() {
    single_error(
        "resolved-before-started",
        "resolved is before started",
        "incidents/outage.yaml:3:11",
        "an incident ends after it starts",
    );
}

#[test]
fn bad_at_text() {
    single_error(
        "bad-at-text",
        "'soon' is neither hours (9.5), a duration (90m, 43h11m, 2d3h) nor a timestamp",
        "incidents/outage.yaml:7:13",
        "write hours since the start (9.5), a duration",
    );
}

#[test]
fn duration_units_out_of_order() {
    single_error(
        "bad-duration-order",
        "'3h2d' is not a duration: write units from largest to smallest",
        "incidents/outage.yaml:7:13",
        "for example `2d3h`, not `3h2d`",
    );
}

#[test]
fn bad_started_timestamp() {
    single_error(
        "bad-started",
        "'March 1st, 10am' is not a timestamp",
        "incidents/outage.yaml:2:10",
        "write it as 2022-10-15T15:30:00+09:00",
    );
}

#[test]
fn naive_time_in_a_dst_gap() {
    // 02:30 does not exist in Europe/Berlin on 2024-03-31.
    single_error(
        "dst-gap",
        "2024-03-31T02:30:00 does not exist in Europe/Berlin",
        "incidents/outage.yaml:7:13",
        "clocks skip this hour",
    );
}

#[test]
fn resolved_incident_with_a_service_still_down_is_a_warning() {
    let (stdout, stderr) = check_fixture("not-operational-at-end", 0);
    assert_eq!(stdout, "3 services, 1 incident, 0 problems, 1 warning\n");
    assert_eq!(
        headlines(&stderr),
        ["warning: 'web' is still not operational at its last entry of a resolved incident"]
    );
    assert_eq!(locations(&stderr), ["incidents/outage.yaml:10:23"]);
    assert_contains(&stderr, &["= help: add `{ at: ..., state: operational }`"]);
    assert!(!stderr.contains("error:"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Slugs, duplicates, required keys, the shape of `services`

#[test]
fn two_files_with_one_slug() {
    let stderr = single_error(
        "duplicate-slug",
        "two files with the slug 'outage'",
        "incidents/2024/outage.yml",
        "incidents/2023/outage.yaml has the same file name",
    );
    assert!(
        !stderr.contains("outage.yml:"),
        "a file-level problem has no line:\n{stderr}"
    );
}

#[test]
fn bad_slug() {
    single_error(
        "bad-slug",
        "bad slug 'Bad_Slug'",
        "incidents/Bad_Slug.yaml",
        "rename it to match [a-z0-9][a-z0-9-]*, e.g. 'bad-slug'",
    );
}

#[test]
fn duplicate_key() {
    single_error(
        "duplicate-key",
        "duplicate key 'title'",
        "incidents/outage.yaml:4:1",
        "a key may appear only once",
    );
}

#[test]
fn missing_title() {
    single_error(
        "missing-title",
        "missing required key 'title'",
        "incidents/outage.yaml:1:1",
        "add `title: ...`",
    );
}

#[test]
fn missing_started() {
    single_error(
        "missing-started",
        "missing required key 'started'",
        "incidents/outage.yaml:1:1",
        "add `started: ",
    );
}

#[test]
fn missing_services() {
    single_error(
        "missing-services",
        "missing required key 'services'",
        "incidents/outage.yaml:1:1",
        "list what was affected",
    );
}

#[test]
fn empty_services() {
    single_error(
        "empty-services",
        "no services",
        "incidents/outage.yaml:4:11",
        "name at least",
    );
}

#[test]
fn service_without_entries() {
    single_error(
        "empty-lane",
        "'web' has no entries",
        "incidents/outage.yaml:8:3",
        "add at least `- { at: 0, state: major_outage }`",
    );
}

#[test]
fn plain_list_of_services_in_an_incident() {
    single_error(
        "plain-list-in-incident",
        "a plain list of services is only for maintenance",
        "incidents/outage.yaml:5:11",
        "give each service its states",
    );
}

#[test]
fn maintenance_without_resolved() {
    single_error(
        "maintenance-without-resolved",
        "a maintenance needs `resolved`",
        "incidents/db-upgrade.yaml:",
        "add `resolved: ...`",
    );
}

#[test]
fn no_incidents_folder() {
    single_error(
        "no-incidents-dir",
        "the site has no incidents/ folder",
        "incidents/",
        "Create incidents/ there",
    );
}

// ---------------------------------------------------------------------------------------------
// status.yaml

#[test]
fn bad_timezone_suggests_the_close_one() {
    single_error(
        "bad-timezone",
        "unknown timezone 'Asia/Seul'",
        "status.yaml:2:11",
        "did you mean 'Asia/Seoul'?",
    );
}

#[test]
fn status_yaml_services_problems() {
    let stderr = check_errors("config-services");
    assert_eq!(
        headlines(&stderr),
        [
            "error: missing required key 'title'",
            "error: bad service id 'Web_Site'",
            "error: duplicate service id 'api'",
        ]
    );
    assert_eq!(
        locations(&stderr),
        ["status.yaml:1:1", "status.yaml:5:9", "status.yaml:7:9"]
    );
    assert_contains(&stderr, &["e.g. 'web-site'", "already defined on line 3"]);
    assert_eq!(last_line(&stderr), "3 problems");
}

#[test]
fn status_yaml_bad_values() {
    let stderr = check_errors("config-values");
    assert_eq!(
        headlines(&stderr),
        [
            "error: base_url 'example.github.io/status' is not an absolute URL",
            "error: unknown language 'kr'",
            "error: history_days is 0, outside 1 to 366",
            "error: cname 'https://status.example.com' is not a host name",
        ]
    );
    assert_eq!(
        locations(&stderr),
        [
            "status.yaml:2:11",
            "status.yaml:3:11",
            "status.yaml:4:15",
            "status.yaml:5:8"
        ]
    );
    assert_contains(
        &stderr,
        &["did you mean 'ko'?", "from 1 to 366 (", "no https://"],
    );
    assert_eq!(last_line(&stderr), "4 problems");
}

// ---------------------------------------------------------------------------------------------
// Several errors at once

#[test]
fn every_error_is_reported_sorted_by_file_then_line() {
    let stderr = check_errors("many-errors");
    let locs = locations(&stderr);
    assert_eq!(
        locs,
        [
            "incidents/a-first.yaml:4:9",
            "incidents/a-first.yaml:6:3",
            "incidents/a-first.yaml:9:23",
            "incidents/a-first.yaml:12:9",
            "incidents/b-second.yaml:6:13",
            "incidents/c-third.yaml:4:11",
            "incidents/c-third.yaml:5:17",
            "incidents/d-fourth.yaml:5:7",
            "status.yaml:3:11",
        ]
    );
    // Sorted by (file, line, col) numerically, not as text (12 after 9).
    let parsed: Vec<_> = locs.iter().copied().map(parse_location).collect();
    let mut sorted = parsed.clone();
    sorted.sort();
    assert_eq!(parsed, sorted);
    let heads = headlines(&stderr);
    for expected in [
        "error: unknown impact 'huge'",
        "error: unknown service 'apii'",
        "error: unknown state 'degradded'",
        "error: update at hour 5 is after `resolved` (hour 4)",
        "error: entry at hour -2 is before the start",
        "error: resolved is before started",
        "error: unknown service 'dbb'",
        "error: invalid YAML: unclosed bracket '{'",
        "error: unknown language 'kr'",
    ] {
        assert!(
            heads.contains(&expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert_contains(
        &stderr,
        &[
            "did you mean 'api'?",
            "did you mean 'degraded'?",
            "did you mean 'db'?",
        ],
    );
    // One problem per entry: going backwards before the start is reported once.
    assert_eq!(heads.len(), 9);
    assert_eq!(last_line(&stderr), "9 problems");
    // Same input, same output: the order is stable from run to run.
    let (_, _, again) = run(["check", "tests/fixtures/invalid/many-errors"]);
    assert_eq!(again, stderr);
}

// ---------------------------------------------------------------------------------------------
// Generated at test time: encodings, empty and huge files, alias bombs, symlink loops

/// `check` on a temp site, with a deadline: every case must end, with an error or a clear
/// skip, never with a panic.
fn check_temp(site: &TempDir, timeout: Duration) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let (code, stdout, stderr) = run_in(site.path(), ["check", "."], timeout);
    let elapsed = started.elapsed();
    assert!(!stderr.contains("panicked"), "check panicked:\n{stderr}");
    (code, stdout, stderr, elapsed)
}

#[test]
fn generated_file_that_is_not_utf8() {
    let site = basic_site("not-utf8");
    site.write("incidents/cafe.yaml", b"title: caf\xe9\n");
    let (code, stdout, stderr, _) = check_temp(&site, Duration::from_secs(60));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(headlines(&stderr), ["error: the file is not UTF-8"]);
    assert_eq!(locations(&stderr), ["incidents/cafe.yaml:1:11"]);
    assert_contains(&stderr, &["= help: save it as UTF-8"]);
    assert_eq!(last_line(&stderr), "1 problem");
    insta::assert_snapshot!("generated-not-utf8", stderr);
}

#[test]
fn generated_empty_files() {
    let site = basic_site("empty");
    site.write("incidents/empty.yaml", "");
    site.write("incidents/blank.yaml", "  \n\n");
    let (code, stdout, stderr, _) = check_temp(&site, Duration::from_secs(60));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        headlines(&stderr),
        ["error: the file is empty", "error: the file is empty"]
    );
    assert_eq!(
        locations(&stderr),
        ["incidents/blank.yaml:1:1", "incidents/empty.yaml:1:1"]
    );
    assert_contains(
        &stderr,
        &["= help: write the incident (title, started, services) or delete"],
    );
    assert_eq!(last_line(&stderr), "2 problems");
    insta::assert_snapshot!("generated-empty-files", stderr);
}

/// A "billion laughs" document: `a0` is ten items, each next anchor ten aliases of the one
/// before, so full expansion of `a9` would be 10^10 nodes.
fn alias_bomb(levels: usize) -> String {
    let mut yaml = String::from("&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]");
    let mut lines = vec![yaml.clone()];
    for i in 1..levels {
        let aliases = vec![format!("*a{}", i - 1); 10].join(", ");
        yaml = format!("&a{i} [{aliases}]");
        lines.push(yaml.clone());
    }
    lines.join("\n")
}

#[test]
fn generated_alias_bomb_as_top_level_keys() {
    let site = basic_site("bomb-top");
    let mut text = String::new();
    for (i, line) in alias_bomb(10).lines().enumerate() {
        text.push_str(&format!("a{i}: {line}\n"));
    }
    text.push_str("title: *a9\n");
    site.write("incidents/bomb.yaml", text);
    let (code, _, stderr, elapsed) = check_temp(&site, Duration::from_secs(30));
    assert_eq!(code, 1, "{stderr}");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    assert_eq!(locations(&stderr).len(), 1, "{stderr}");
    assert!(
        locations(&stderr)[0].starts_with("incidents/bomb.yaml:"),
        "{stderr}"
    );
    assert_eq!(last_line(&stderr), "1 problem");
}

#[test]
fn generated_alias_bomb_inside_known_keys() {
    let site = basic_site("bomb-nested");
    let mut text = String::from(
        "title: Boom\nstarted: 2024-03-01T10:00:00+09:00\nservices:\n  api:\n    - { at: 0, state: major_outage }\nupdates:\n",
    );
    for line in alias_bomb(10).lines() {
        text.push_str(&format!("  - {line}\n"));
    }
    text.push_str("summary: *a9\n");
    site.write("incidents/bomb.yaml", text);
    let (code, _, stderr, elapsed) = check_temp(&site, Duration::from_secs(30));
    assert_eq!(code, 1, "{stderr}");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    assert!(
        locations(&stderr)
            .iter()
            .all(|l| l.starts_with("incidents/bomb.yaml:")),
        "{stderr}"
    );
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn generated_alias_bomb_in_status_yaml() {
    let site = basic_site("bomb-config");
    let mut text = String::from("title: Boom\nservices:\n");
    for line in alias_bomb(10).lines() {
        text.push_str(&format!("  - {line}\n"));
    }
    site.write("status.yaml", text);
    let (code, _, stderr, elapsed) = check_temp(&site, Duration::from_secs(30));
    assert_eq!(code, 1, "{stderr}");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    assert!(
        locations(&stderr)
            .iter()
            .any(|l| l.starts_with("status.yaml:")),
        "{stderr}"
    );
}

#[test]
fn generated_50_mb_file_is_refused_by_size() {
    let site = basic_site("huge");
    let path = site.join("incidents/huge.yaml");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let line = format!("# {}\n", "x".repeat(61)); // 64 bytes
    let chunk = line.repeat(16 * 1024); // 1 MiB
    for _ in 0..50 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    file.flush().unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 50 * 1024 * 1024);
    let (code, stdout, stderr, elapsed) = check_temp(&site, Duration::from_secs(30));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    assert_eq!(headlines(&stderr).len(), 1, "{stderr}");
    assert!(
        headlines(&stderr)[0].starts_with("error: file is "),
        "{stderr}"
    );
    assert_contains(
        &stderr,
        &[" MiB, over the ", " MiB limit", "--> incidents/huge.yaml"],
    );
    // The valid file next to it was still read: one problem only.
    assert_eq!(last_line(&stderr), "1 problem");
}

#[cfg(unix)]
#[test]
fn generated_symlink_loop_is_skipped_with_a_warning() {
    let site = basic_site("loop");
    std::os::unix::fs::symlink("..", site.join("incidents/loop")).unwrap();
    let (code, stdout, stderr, _) = check_temp(&site, Duration::from_secs(30));
    assert_eq!(
        code, 0,
        "a skipped loop is a warning, not an error:\n{stderr}"
    );
    assert_eq!(stdout, "3 services, 1 incident, 0 problems, 1 warning\n");
    assert_eq!(headlines(&stderr).len(), 1, "{stderr}");
    assert!(headlines(&stderr)[0].starts_with("warning: "), "{stderr}");
    assert_eq!(locations(&stderr), ["incidents/loop"]);
}

#[cfg(unix)]
#[test]
fn generated_symlink_loops_do_not_hide_or_repeat_other_files() {
    let site = basic_site("loops");
    site.write(
        "incidents/2024/typo.yaml",
        "title: Typo\nstarted: 2024-04-01T10:00:00+09:00\nservices:\n  web:\n    - { at: 0, state: degradded }\n",
    );
    std::os::unix::fs::symlink("..", site.join("incidents/2024/up")).unwrap();
    std::os::unix::fs::symlink("../..", site.join("incidents/2024/top")).unwrap();
    let (code, _, stderr, _) = check_temp(&site, Duration::from_secs(30));
    assert_eq!(code, 1, "{stderr}");
    // The error of the real file is reported once, not once per path through a loop.
    let typos = headlines(&stderr)
        .into_iter()
        .filter(|h| *h == "error: unknown state 'degradded'")
        .count();
    assert_eq!(typos, 1, "{stderr}");
    assert_contains(
        &stderr,
        &["--> incidents/2024/typo.yaml:5:23", "--> incidents/2024/up"],
    );
    assert_contains(&stderr, &["--> incidents/2024/top"]);
    assert_eq!(last_line(&stderr), "1 problem, 2 warnings");
}

#[test]
fn generated_crlf_line_endings_keep_positions() {
    let site = basic_site("crlf");
    site.write(
        "incidents/crlf.yaml",
        "title: CRLF\r\nstarted: 2024-04-01T10:00:00+09:00\r\nservices:\r\n  apii:\r\n    - { at: 0, state: major_outage }\r\n",
    );
    let (code, _, stderr, _) = check_temp(&site, Duration::from_secs(60));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(locations(&stderr), ["incidents/crlf.yaml:4:3"]);
    assert_contains(&stderr, &["4 |   apii:\n", "did you mean 'api'?"]);
    assert!(
        !stderr.contains('\r'),
        "the source line is printed without its CR"
    );
}

#[test]
fn generated_utf8_bom_is_accepted() {
    let site = basic_site("bom");
    site.write(
        "incidents/bom.yaml",
        "\u{feff}title: BOM\nstarted: 2024-04-01T10:00:00+09:00\nresolved: 2024-04-01T11:00:00+09:00\nservices:\n  web:\n    - { at: 0, state: degraded }\n    - { at: 30m, state: operational }\n",
    );
    let (code, stdout, stderr, _) = check_temp(&site, Duration::from_secs(60));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "3 services, 2 incidents, 0 problems\n");
}

// ---------------------------------------------------------------------------------------------
// Usage errors

#[test]
fn check_says_with_v_what_the_site_shows_at_now() {
    let (code, stdout, stderr) = run(["-v", "check", ".", "--now", "2022-10-17T10:30:00+09:00"]);
    assert_eq!(code, 0, "{stderr}");
    assert_contains(
        &stdout,
        &[
            "at 2022-10-17T10:30:00+09:00 (Asia/Seoul): Minor Service Outage (minor); 1 ongoing, 0 upcoming, 0 resolved, 0 not public yet",
        ],
    );
    let site = "tests/fixtures/valid/maintenance";
    let (_, before, _) = run(["-v", "check", site, "--now", "2000-01-01T00:00:00Z"]);
    assert_contains(
        &before,
        &["0 ongoing, 0 upcoming, 0 resolved, 2 not public yet"],
    );
    let (_, quiet, _) = run(["check", site, "--now", "2000-01-01T00:00:00Z"]);
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
}

#[test]
fn bad_now_is_a_usage_error() {
    let site = "tests/fixtures/valid/at-spellings";
    for command in ["check", "status"] {
        let (code, stdout, stderr) = run([command, site, "--now", "tomorrow"]);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert_eq!(stdout, "");
        assert_contains(&stderr, &["--now 'tomorrow' is not a time", "RFC 3339"]);
    }
}

#[test]
fn site_that_is_not_a_folder_is_a_usage_error() {
    let missing = "tests/fixtures/no-such-site";
    let (code, stdout, stderr) = run(["check", missing]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert_contains(&stderr, &["tests/fixtures/no-such-site is not a folder"]);

    let file = "tests/fixtures/valid/at-spellings/status.yaml";
    let (code, _, stderr) = run(["check", file]);
    assert_eq!(code, 2, "{stderr}");
    assert_contains(&stderr, &["status.yaml is not a folder"]);
}

// ---------------------------------------------------------------------------------------------
// Valid fixtures

#[test]
fn valid_every_spelling_of_at() {
    let site = "tests/fixtures/valid/at-spellings";
    check_valid("at-spellings", "3 services, 1 incident, 0 problems");
    // started 2024-03-01 10:00 KST; see the comments in the fixture for each entry's hour.
    assert_states_at(
        site,
        &[
            // 0.5 h: api at 0; web's first entry (90m) not reached; db's first (03:00Z) neither.
            (
                "2024-03-01T10:30:00+09:00",
                &[
                    ("api", "major_outage"),
                    ("web", "operational"),
                    ("db", "operational"),
                ],
            ),
            // one minute before 90m
            (
                "2024-03-01T02:29:00Z",
                &[
                    ("api", "major_outage"),
                    ("web", "operational"),
                    ("db", "operational"),
                ],
            ),
            // 2.5 h: decimal hours, 90m, and 03:00Z (= 12:00 KST) all reached
            (
                "2024-03-01T12:30:00+09:00",
                &[
                    ("api", "partial_outage"),
                    ("web", "degraded"),
                    ("db", "major_outage"),
                ],
            ),
            // 5 h: web's absolute time with an offset
            (
                "2024-03-01T15:00:00+09:00",
                &[
                    ("api", "partial_outage"),
                    ("web", "partial_outage"),
                    ("db", "major_outage"),
                ],
            ),
            // 12.5 h: web's naive 20:00 is read in Asia/Seoul; under_maintenance = maintenance
            (
                "2024-03-01T22:30:00+09:00",
                &[
                    ("api", "partial_outage"),
                    ("web", "operational"),
                    ("db", "maintenance"),
                ],
            ),
            // 43.5 h: 43h11m, degraded_performance = degraded; db's "14" (a string) passed
            (
                "2024-03-03T05:30:00+09:00",
                &[
                    ("api", "degraded"),
                    ("web", "operational"),
                    ("db", "operational"),
                ],
            ),
            // 51.5 h: 2d3h
            (
                "2024-03-03T13:30:00+09:00",
                &[
                    ("api", "operational"),
                    ("web", "operational"),
                    ("db", "operational"),
                ],
            ),
        ],
    );
    let json = status_json(site, "2024-03-01T12:30:00+09:00");
    insta::assert_snapshot!("valid-at-spellings-status", json);
}

#[test]
fn valid_maintenance_with_announcements() {
    let site = "tests/fixtures/valid/maintenance";
    check_valid("maintenance", "3 services, 2 incidents, 0 problems");
    // The window is 02:00-04:00 KST on 03-10; an API incident 03:00-03:30 overlaps it.
    assert_states_at(
        site,
        &[
            // announced (-48h, and 03-09 12:00), not started: nothing is down yet
            (
                "2024-03-09T13:00:00+09:00",
                &[
                    ("api", "operational"),
                    ("db", "operational"),
                    ("web", "operational"),
                ],
            ),
            // inside the window: `services: [db, api]` means maintenance for both
            (
                "2024-03-10T02:30:00+09:00",
                &[
                    ("api", "maintenance"),
                    ("db", "maintenance"),
                    ("web", "operational"),
                ],
            ),
            // the worst state wins while the incident overlaps the maintenance
            (
                "2024-03-10T03:10:00+09:00",
                &[
                    ("api", "major_outage"),
                    ("db", "maintenance"),
                    ("web", "operational"),
                ],
            ),
            // the incident recovered at 20m; the maintenance goes on
            (
                "2024-03-10T03:40:00+09:00",
                &[
                    ("api", "maintenance"),
                    ("db", "maintenance"),
                    ("web", "operational"),
                ],
            ),
            // the end of the window
            (
                "2024-03-10T04:00:00+09:00",
                &[
                    ("api", "operational"),
                    ("db", "operational"),
                    ("web", "operational"),
                ],
            ),
        ],
    );
    let json = status_json(site, "2024-03-10T03:10:00+09:00");
    insta::assert_snapshot!("valid-maintenance-status", json);
}

#[test]
fn valid_site_without_status_yaml_infers_services() {
    let site = "tests/fixtures/valid/no-config";
    assert!(!fixture("valid/no-config/status.yaml").exists());
    check_valid("no-config", "3 services, 2 incidents, 0 problems");
    // In order of first appearance, name = id; naive timestamps are UTC by default.
    let json = status_json(site, "2024-01-05T08:30:00Z");
    assert_contains(&json, &["\"now\": \"2024-01-05T08:30:00Z\""]);
    assert_contains(&json, &["\"id\": \"web\",\n      \"name\": \"web\""]);
    assert_contains(&json, &["\"id\": \"api\",\n      \"name\": \"api\""]);
    assert_contains(&json, &["\"id\": \"cache\",\n      \"name\": \"cache\""]);
    assert_states_at(
        site,
        &[
            (
                "2024-01-05T08:30:00Z",
                &[
                    ("web", "major_outage"),
                    ("api", "partial_outage"),
                    ("cache", "operational"),
                ],
            ),
            (
                "2024-01-05T09:10:00Z",
                &[
                    ("web", "operational"),
                    ("api", "partial_outage"),
                    ("cache", "operational"),
                ],
            ),
            (
                "2024-02-01T10:30:00Z",
                &[
                    ("web", "operational"),
                    ("api", "operational"),
                    ("cache", "degraded"),
                ],
            ),
        ],
    );
    insta::assert_snapshot!("valid-no-config-status", json);
}

#[test]
fn valid_naive_times_across_dst_in_berlin() {
    let site = "tests/fixtures/valid/dst-berlin";
    check_valid("dst-berlin", "2 services, 2 incidents, 0 problems");
    assert_states_at(
        site,
        &[
            // 01:00 CET: still at hour 0
            (
                "2024-03-31T00:00:00Z",
                &[("api", "major_outage"), ("web", "operational")],
            ),
            // naive 01:30 is CET (00:30Z), naive 03:30 is CEST (01:30Z): one real hour apart
            (
                "2024-03-31T01:29:00Z",
                &[("api", "partial_outage"), ("web", "operational")],
            ),
            (
                "2024-03-31T01:30:00Z",
                &[("api", "degraded"), ("web", "operational")],
            ),
            (
                "2024-03-31T01:45:00Z",
                &[("api", "degraded"), ("web", "operational")],
            ),
            (
                "2024-03-31T03:00:00Z",
                &[("api", "operational"), ("web", "operational")],
            ),
            // autumn: naive 01:00 is CEST (23:00Z on the 26th), naive 04:00 is CET (03:00Z)
            (
                "2024-10-26T23:30:00Z",
                &[("api", "operational"), ("web", "major_outage")],
            ),
            (
                "2024-10-27T02:59:00Z",
                &[("api", "operational"), ("web", "major_outage")],
            ),
            (
                "2024-10-27T03:00:00Z",
                &[("api", "operational"), ("web", "operational")],
            ),
        ],
    );
    // "now" is shown in the site's zone, with the offset of that moment.
    let spring = status_json(site, "2024-03-31T01:45:00Z");
    assert_contains(&spring, &["\"now\": \"2024-03-31T03:45:00+02:00\""]);
    let winter = status_json(site, "2024-03-31T00:45:00Z");
    assert_contains(&winter, &["\"now\": \"2024-03-31T01:45:00+01:00\""]);
    insta::assert_snapshot!("valid-dst-berlin-status", spring);
}

#[test]
fn valid_resolution_by_update_and_ongoing() {
    let site = "tests/fixtures/valid/resolution";
    check_valid("resolution", "2 services, 2 incidents, 0 problems");
    assert_states_at(
        site,
        &[
            (
                "2024-05-01T10:30:00Z",
                &[("api", "major_outage"), ("web", "operational")],
            ),
            (
                "2024-05-01T12:00:00Z",
                &[("api", "degraded"), ("web", "operational")],
            ),
            // the `resolved` update at 3 h ends the first incident
            (
                "2024-05-01T13:00:00Z",
                &[("api", "operational"), ("web", "operational")],
            ),
            (
                "2024-05-02T11:00:00Z",
                &[("api", "operational"), ("web", "partial_outage")],
            ),
            // the second is ongoing: its last state holds
            (
                "2025-01-01T00:00:00Z",
                &[("api", "operational"), ("web", "degraded")],
            ),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// The repository's own site

#[test]
fn repository_site_checks_clean() {
    let root = repo_root();
    let (code, stdout, stderr) = run_in(&root, ["check", "."], crate::common::DEFAULT_TIMEOUT);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(stdout, "13 services, 1 incident, 0 problems\n");
}

/// `-q` prints the problems and nothing else: no summary line for a clean site.
#[test]
fn quiet_check_prints_only_problems() {
    let root = repo_root();
    let (code, stdout, stderr) =
        run_in(&root, ["-q", "check", "."], crate::common::DEFAULT_TIMEOUT);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let (_, _, loud) = run(["check", "tests/fixtures/invalid/many-errors"]);
    let (code, stdout, quiet) = run(["-q", "check", "tests/fixtures/invalid/many-errors"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(quiet, loud, "the same problems, the same way");
}

const KAKAO: [&str; 13] = [
    "kakaotalk",
    "daum",
    "kakaomap",
    "kakao-t",
    "piccoma",
    "melon",
    "gift",
    "channel",
    "login",
    "kakaopay",
    "kakao-games",
    "kakao-webtoon",
    "zigzag",
];

fn repo_states(now: &str) -> Vec<(String, String)> {
    let root = repo_root();
    let json = status_json(root.to_str().expect("a UTF-8 path"), now);
    let found = states(&json);
    let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, KAKAO, "the services of status.yaml, in its order");
    found
}

#[test]
fn repository_site_at_hour_43() {
    let found = repo_states("2022-10-17T10:30:00+09:00");
    for (id, state) in &found {
        match id.as_str() {
            "kakaotalk" => assert_eq!(state, "degraded", "kakaotalk"),
            "kakaopay" | "kakao-games" | "kakao-webtoon" | "zigzag" => {
                assert_eq!(state, "operational", "{id}")
            }
            _ => assert!(
                state == "degraded" || state == "partial_outage",
                "{id} is {state}: 8 services work but are not fully recovered"
            ),
        }
    }
}

#[test]
fn repository_site_after_recovery() {
    let found = repo_states("2022-10-21T00:00:00+09:00");
    assert!(
        found.iter().all(|(_, state)| state == "operational"),
        "{found:?}"
    );
}

#[test]
fn repository_site_at_the_start() {
    let found = repo_states("2022-10-15T15:30:00+09:00");
    assert!(
        found.iter().all(|(_, state)| state == "major_outage"),
        "{found:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Behaviour once wrong and fixed: each states what the spec asks for.

#[test]
fn a_bad_last_entry_adds_no_false_warning() {
    let site = basic_site("bad-last-at");
    site.write(
        "incidents/outage.yaml",
        "title: API outage\nstarted: 2024-03-01T10:00:00+09:00\nresolved: 2024-03-01T14:00:00+09:00\nservices:\n  api:\n    - { at: 0, state: major_outage }\n    - { at: soon, state: operational }\n",
    );
    let (code, _, stderr, _) = check_temp(&site, Duration::from_secs(60));
    assert_eq!(code, 1);
    assert_eq!(
        headlines(&stderr).len(),
        1,
        "only the `at` error:\n{stderr}"
    );
}

#[test]
fn a_wrong_type_is_reported_as_such() {
    for name in ["wrong-type-services", "wrong-type-title"] {
        let (_, _, stderr) = run(["check", &format!("tests/fixtures/invalid/{name}")]);
        assert!(stderr.starts_with("error: wrong type"), "{name}:\n{stderr}");
        assert!(!stderr.contains("indentation"), "{name}:\n{stderr}");
    }
}

#[test]
fn a_dst_gap_says_why() {
    let (_, _, stderr) = run(["check", "tests/fixtures/invalid/dst-gap"]);
    assert_contains(&stderr, &["does not exist in Europe/Berlin"]);
}

#[test]
fn a_second_document_is_named_plainly() {
    let (_, _, stderr) = run(["check", "tests/fixtures/invalid/multiple-documents"]);
    assert!(!stderr.contains("from_str"), "{stderr}");
}

#[test]
fn no_services_is_reported_alongside_other_errors() {
    let site = basic_site("no-services");
    site.write(
        "incidents/outage.yaml",
        "title: \"\"\nstarted: 2024-03-01T10:00:00+09:00\nservices: {}\n",
    );
    let (_, _, stderr, _) = check_temp(&site, Duration::from_secs(60));
    assert_eq!(
        headlines(&stderr),
        ["error: the title is empty", "error: no services"],
        "{stderr}"
    );
}

#[test]
fn a_notice_affects_no_service_when_it_says_its_impact() {
    let site = basic_site("notice");
    let notice = "title: New sender address for notifications\nstarted: 2024-03-01T10:00:00+09:00\nresolved: 2024-03-01T10:00:00+09:00\nimpact: none\nservices: []\n";
    site.write("incidents/notice.yaml", notice);
    site.write(
        "incidents/news.yaml",
        notice.replace("services: []", "services: {}"),
    );
    let (code, stdout, stderr, _) = check_temp(&site, Duration::from_secs(60));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "3 services, 3 incidents, 0 problems\n");
    site.write("incidents/news.yaml", notice.replace("impact: none\n", ""));
    let (code, _, stderr, _) = check_temp(&site, Duration::from_secs(60));
    assert_eq!(code, 1);
    assert_contains(
        &stderr,
        &[
            "error: no services",
            "or write `impact:` for a notice that affects none",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// What a build would refuse, check refuses too

/// A theme that is missing, a template that does not compile and a static folder where the
/// build writes a page: each passed `check` and failed `build`.
#[test]
fn check_refuses_what_build_refuses_in_themes_and_static_files() {
    let missing = basic_site("check-theme-missing");
    let config = std::fs::read_to_string(missing.join("status.yaml")).unwrap();
    missing.write("status.yaml", format!("{config}theme: nope\n"));

    let broken = basic_site("check-template-broken");
    broken.write("themes/custom/templates/404.html", "{% if %}\n");
    broken.write("status.yaml", format!("{config}theme: custom\n"));

    let clash = basic_site("check-static-clash");
    clash.write("static/index.html/x", "x\n");

    for (site, says) in [
        (&missing, "nope"),
        (&broken, "does not compile"),
        (&clash, "static/index.html/x"),
    ] {
        let root = site.path().to_str().unwrap();
        let (checked, _, check_err) = run(["check", root]);
        let out = site.join("out");
        let (built, _, build_err) = run(["build", root, "-o", out.to_str().unwrap()]);
        assert_eq!((checked, built), (1, 1), "{check_err}\n{build_err}");
        assert!(check_err.contains(says), "check of {root}:\n{check_err}");
        assert!(build_err.contains(says), "build of {root}:\n{build_err}");
    }
    let (_, _, clash_err) = run(["check", clash.path().to_str().unwrap()]);
    assert_contains(
        &clash_err,
        &["index.html (a page the build writes)", "hint: rename"],
    );
}
