//! Build a site, import its own `api/v2/*.json` as a Statuspage page, build that: every
//! service is in the same state at every update time, and the titles, statuses, times and
//! bodies of incidents, maintenances and updates are the same.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::common::{TempDir, fixture, repo_root, run};

fn build(site: &Path, out: &Path, now: &str) {
    let (code, _, stderr) = run([
        "build",
        &site.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--now",
        now,
    ]);
    assert_eq!(code, 0, "build {}: {stderr}", site.display());
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Incidents and maintenances of a built site's API, newest first.
fn incidents(api: &Path) -> Vec<Value> {
    let mut all: Vec<Value> = Vec::new();
    for (file, key) in [
        ("incidents.json", "incidents"),
        ("scheduled-maintenances.json", "scheduled_maintenances"),
    ] {
        all.extend(
            read_json(&api.join(file))[key]
                .as_array()
                .unwrap()
                .iter()
                .cloned(),
        );
    }
    all
}

/// Service name → state at `now`.
fn states(site: &Path, now: &str) -> BTreeMap<String, String> {
    let (code, stdout, stderr) = run(["status", &site.to_string_lossy(), "--now", now, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    json["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The text an imported body shows: its escapes and hard-break backslashes gone.
fn shown(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('\\', Some('\n')) => {}
            ('\\', Some(next)) if next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    normal(&out.replace('\u{A0}', " "))
}

/// Plain text as a page shows it: no trailing spaces, one blank line between paragraphs.
fn normal(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if !(line.is_empty() && lines.last().is_none_or(|l| l.is_empty())) {
            lines.push(line);
        }
    }
    lines.join("\n").trim_end().to_string()
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or("")
}

fn round_trip(site: &Path, now: &str, label: &str) {
    let dir = TempDir::new(label);
    let (before, imported, after) = (dir.join("before"), dir.join("imported"), dir.join("after"));
    build(site, &before, now);
    let api = before.join("api/v2");
    let (code, stdout, stderr) = run([
        "import",
        "statuspage",
        &api.to_string_lossy(),
        "--into",
        &imported.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    build(&imported, &after, now);
    let (old, new) = (incidents(&api), incidents(&after.join("api/v2")));
    assert_eq!(old.len(), new.len(), "{label}: incidents and maintenances");
    assert!(!old.is_empty(), "{label}: nothing to compare");
    let mut times = Vec::new();
    for (a, b) in old.iter().zip(&new) {
        let name = text(a, "name");
        assert_eq!(name, text(b, "name"), "{label}: titles");
        // The public API carries no postmortem text, so it cannot come over (the import says so).
        let status = text(a, "status").replace("postmortem", "resolved");
        assert_eq!(status, text(b, "status"), "{label}: status of {name}");
        for key in ["impact", "resolved_at", "scheduled_for", "scheduled_until"] {
            assert_eq!(a.get(key), b.get(key), "{label}: {key} of {name}");
        }
        let (ua, ub) = (
            a["incident_updates"].as_array().unwrap(),
            b["incident_updates"].as_array().unwrap(),
        );
        assert_eq!(ua.len(), ub.len(), "{label}: updates of {name}");
        for (x, y) in ua.iter().zip(ub) {
            assert_eq!(
                text(x, "status"),
                text(y, "status"),
                "{label}: an update of {name}"
            );
            assert_eq!(
                text(x, "display_at"),
                text(y, "display_at"),
                "{label}: an update of {name}"
            );
            assert_eq!(
                normal(text(x, "body")),
                shown(text(y, "body")),
                "{label}: an update of {name}"
            );
            times.push(text(x, "display_at").to_string());
        }
    }
    times.sort();
    times.dedup();
    for t in &times {
        assert_eq!(
            states(site, t),
            states(&imported, t),
            "{label}: states at {t}"
        );
    }
}

#[test]
fn the_kakao_site_comes_back_from_its_own_api() {
    round_trip(&repo_root(), "2022-10-21T00:00:00+09:00", "rt-kakao-end");
    round_trip(&repo_root(), "2022-10-17T10:30:00+09:00", "rt-kakao-43");
}

#[test]
fn fixture_sites_come_back_from_their_own_api() {
    round_trip(&fixture("build/small"), "2024-06-01T00:00:00Z", "rt-small");
    round_trip(
        &fixture("valid/maintenance"),
        "2024-06-01T00:00:00Z",
        "rt-maintenance",
    );
    round_trip(
        &repo_root().join("examples/github-pages"),
        "2025-07-01T00:00:00Z",
        "rt-pages",
    );
}
