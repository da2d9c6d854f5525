//! `statusgen import statuspage` on inputs built by the tests: stdin, hostile text in every
//! field, and documents that cannot be read.

use crate::common::{
    DEFAULT_TIMEOUT, TempDir, assert_contains, finish, read_tree, repo_root, run, statusgen,
};
use crate::import::states_at;

/// A page whose every component name, incident title and update body is one of `texts`:
/// each incident takes its component down for an hour.
fn hostile_document(texts: &[&str]) -> String {
    let components: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(n, name)| {
            let name = serde_json::json!(name);
            format!("{{\"id\": \"c{n}\", \"name\": {name}, \"position\": {n}, \"group\": false}}")
        })
        .collect();
    let incidents: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let text = serde_json::json!(text);
            let day = n % 9 + 1;
            let update = |status: &str, at: &str, state: &str| {
                format!("{{\"status\": \"{status}\", \"body\": {text}, \"display_at\": \"2024-05-0{day}T{at}:00:00Z\", \"affected_components\": [{{\"code\": \"c{n}\", \"name\": {text}, \"new_status\": \"{state}\"}}]}}")
            };
            format!(
                "{{\"id\": \"i{n}\", \"name\": {text}, \"status\": \"resolved\", \"impact\": \"minor\", \"started_at\": \"2024-05-0{day}T10:00:00Z\", \"resolved_at\": \"2024-05-0{day}T11:00:00Z\", \"incident_updates\": [{}, {}]}}",
                update("resolved", "11", "operational"),
                update("investigating", "10", "major_outage")
            )
        })
        .collect();
    format!(
        "{{\"page\": {{\"name\": \"</title><script>alert(3)</script>\", \"time_zone\": \"Etc/UTC\"}}, \"components\": [{}], \"incidents\": [{}]}}",
        components.join(","),
        incidents.join(",")
    )
}

#[test]
fn stdin_and_hostile_text() {
    let dir = TempDir::new("import-sp-hostile");
    let site = dir.join("status");
    let hostile = [
        "key: value # not a comment",
        "- leading dash",
        "\"quoted\" and 'single'",
        "yes",
        "null",
        "123",
        "&anchor *alias !tag",
        "tab\there\nnew line",
        "<script>alert(1)</script><img src=x onerror=alert(2)>",
        "카카오톡 🚒",
    ];
    let document = hostile_document(&hostile);
    let mut command = statusgen(&repo_root());
    command.args([
        "import",
        "statuspage",
        "-",
        "--into",
        &site.to_string_lossy(),
    ]);
    let (code, stdout, stderr) = finish(command, Some(&document), DEFAULT_TIMEOUT);
    assert_eq!(code, 0, "{stderr}");
    assert_contains(
        &stdout,
        &["10 services (10 new), 10 incidents", "0 problems"],
    );
    let out = dir.join("public");
    let (code, _, stderr) = run([
        "build",
        &site.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--now",
        "2024-06-01T00:00:00Z",
    ]);
    assert_eq!(code, 0, "{stderr}");
    for (path, bytes) in read_tree(&out) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        if path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".xml") {
            assert!(
                !text.contains("<script") && !text.contains("<img src=x"),
                "{path} runs something:\n{text}"
            );
        }
    }
    let statuses = states_at(&site, "2024-05-01T10:30:00Z");
    assert_eq!(
        statuses.iter().filter(|(_, s)| s == "major_outage").count(),
        2,
        "{statuses:?}"
    );
    let api = std::fs::read_to_string(out.join("api/v2/components.json")).unwrap();
    for name in hostile {
        assert!(
            api.contains(&serde_json::json!(name).to_string()),
            "{name:?} comes back unchanged in the API"
        );
    }
}

#[test]
fn unreadable_inputs_say_where_and_write_nothing() {
    let dir = TempDir::new("import-sp-bad");
    dir.write(
        "bad.json",
        "{\n  \"incidents\": [\n    {\"id\": 3}\n  ]\n}\n",
    );
    dir.write("other.json", "{\"hello\": 1}\n");
    let site = dir.join("site");
    let run = |file: &str| {
        run([
            "import",
            "statuspage",
            &dir.join(file).to_string_lossy(),
            "--into",
            &site.to_string_lossy(),
        ])
    };
    let (code, _, stderr) = run("bad.json");
    assert_eq!(code, 1);
    assert_contains(
        &stderr,
        &["bad.json:3:12: invalid type: integer `3`, expected a string"],
    );
    let (code, _, stderr) = run("other.json");
    assert_eq!(code, 1);
    assert_contains(&stderr, &["other.json: not a Statuspage API v2 document"]);
    let (code, _, stderr) = run("missing.json");
    assert_eq!(code, 1);
    assert_contains(&stderr, &["cannot read"]);
    assert!(!site.exists(), "nothing written");
}
