//! `statusgen import cstate`: cState's own example site (tests/fixtures/import/cstate-example,
//! MIT, with its LICENSE) and a site with the quirks real ones have (cstate-untidy).

use std::path::Path;

use crate::common::{TempDir, assert_contains, fixture, read_tree, run};
use crate::import::states_at;

fn import(source: &str, site: &Path) -> (i32, String, String) {
    let source = fixture(source);
    run([
        "import",
        "cstate",
        &source.to_string_lossy(),
        "--into",
        &site.to_string_lossy(),
    ])
}

fn file(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_cstate_example_site_imports_and_checks() {
    let dir = TempDir::new("import-cstate");
    let site = dir.join("status");
    let (code, stdout, stderr) = import("import/cstate-example", &site);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_contains(
        &stdout,
        &[
            "imported from cState into",
            "5 services (5 new), 14 incidents, 0 maintenances; wrote 15 files, 0 unchanged",
            "0 not imported",
            "check: 5 services, 14 incidents, 0 problems",
        ],
    );
    let subject = |name: &str| format!("warning: content/issues/{name}.md: ");
    assert_contains(
        &stderr,
        &[
            &format!(
                "{}resolved: false with a resolvedWhen: ongoing",
                subject("2018-01-17-sending-dms-impacted")
            ),
            &format!(
                "{}2 paragraphs read like updates",
                subject("2018-01-17-sending-dms-impacted")
            ),
            &format!(
                "{}an update dated 2018-05-25 05:54:00 is outside the incident (its resolvedWhen says otherwise)",
                subject("2018-05-25-us-east-conn-issues")
            ),
            &format!(
                "{}an update dated 2018-06-13 15:54:00 is outside the incident (its date says otherwise)",
                subject("2020-06-13-maintenance-window")
            ),
            &format!(
                "{}the update label 'Just began' is read as investigating",
                subject("2018-06-13-maintenance-window")
            ),
            &format!(
                "{}the update label 'Fixed' is read as resolved",
                subject("2024-07-23-excitement")
            ),
            &format!(
                "{}its front matter key 'automated' has no statusgen equivalent",
                subject("2024-12-27-dns-resolution-api")
            ),
        ],
    );
}

#[test]
fn cstate_issues_become_incident_files() {
    let dir = TempDir::new("import-cstate-files");
    let site = dir.join("status");
    assert_eq!(import("import/cstate-example", &site).0, 0);
    let status = file(&site, "status.yaml");
    assert_contains(
        &status,
        &[
            "title: \"Eggsample Status\"\n",
            "timezone: \"UTC\"\n",
            "  - id: gateway\n    name: \"Gateway\"\n    group: \"North Coast\"\n",
            "  - id: media-proxy\n    name: \"Media Proxy\"\n    description: \"This is the *service* responsible",
        ],
    );
    // Updates newest first in cState, oldest first here; labels that are statuses drop out.
    let guilds = file(
        &site,
        "incidents/2018/2018-04-13-unavailable-guilds-connection-issues.yaml",
    );
    assert_contains(
        &guilds,
        &[
            "# imported-from: cstate content/issues/2018-04-13-unavailable-guilds-connection-issues.md\n",
            "started: 2018-04-13T15:54:00Z\nresolved: 2018-04-13T17:30:00Z\n",
            "summary: |-\n  *Post-mortem*\n\n  At approximately 14:01",
            "  api:\n    - { at: 0, state: major_outage }\n    - { at: 1h36m, state: operational }\n",
            "  - at: 0\n    status: investigating\n    body: \"We're aware of users",
            "  - at: 56m\n    status: monitoring\n",
            "  - at: 1h36m\n    status: monitoring\n    body: \"*Update* - A fix has been implemented",
        ],
    );
    // An informational post: a notice of no service, over as it starts.
    let info = file(
        &site,
        "incidents/2019/2019-10-04-testing-cstate-functions.yaml",
    );
    assert_contains(
        &info,
        &[
            "resolved: 2019-10-04T18:05:00Z\nimpact: none\n",
            "services: []\n",
        ],
    );
    assert!(!info.contains("updates:"), "{info}");
    // A body without updates is the summary.
    let pipeline = file(&site, "incidents/2019/2019-10-08-testing-new-pipeline.yaml");
    assert_contains(
        &pipeline,
        &["summary: \"There may be disruptions in the rollout.\"\n"],
    );
    // The front matter's span wins over contradicting track dates.
    let east = file(&site, "incidents/2018/2018-05-25-us-east-conn-issues.yaml");
    assert_contains(
        &east,
        &[
            "resolved: 2018-05-25T04:13:59Z",
            "  - at: 59s\n    status: resolved\n",
        ],
    );
    // Ongoing issues (resolved: false) are ongoing here too, with notice as maintenance.
    let notice = file(&site, "incidents/2022/2021-02-13-maintenance-window.yaml");
    assert_contains(
        &notice,
        &[
            "started: 2022-02-24T10:35:00Z\nservices:\n  gateway:\n    - { at: 0, state: maintenance }\n",
        ],
    );
    assert!(!notice.contains("resolved:"), "{notice}");
    let now = states_at(&site, "2025-01-01T00:00:00Z");
    assert_eq!(
        now,
        [
            ("gateway", "maintenance"),
            ("backup-gateway", "operational"),
            ("website", "operational"),
            ("api", "major_outage"),
            ("media-proxy", "operational")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn cstate_quirks_names_timezones_drafts_and_unreadable_files() {
    let dir = TempDir::new("import-cstate-untidy");
    let site = dir.join("status");
    let (code, stdout, stderr) = import("import/cstate-untidy", &site);
    assert_eq!(code, 1, "a file could not be imported\n{stdout}\n{stderr}");
    assert_contains(
        &stderr,
        &[
            "warning: content/issues/2024-03-31-lowercase.md: affects 'api': read as the system 'API'",
            "warning: content/issues/2024-03-31-lowercase.md: affects 'network', which config.yml does not list: imported as a service of that name",
            "warning: content/issues/2024-06-01-draft.md: a draft (draft: true), which Hugo does not publish: not imported",
            "warning: content/issues/2024/2024-05-01-no-date.md: it has no usable date: it starts on the date of its file name, at midnight",
            "not imported: content/issues/2024-07-01-toml.md: its front matter cannot be read:",
            "TOML front matter is not read",
            "error: 1 thing not imported",
        ],
    );
    assert_contains(
        &stdout,
        &[
            "4 services (4 new), 2 incidents",
            "1 not imported",
            "check: 4 services, 2 incidents, 0 problems",
        ],
    );
    let status = file(&site, "status.yaml");
    assert_contains(
        &status,
        &[
            "title: \"Untidy: status\"\ndescription: \"Everything about our services\"\ntimezone: \"Europe/Berlin\"\n",
            "  - id: api\n    name: \"API\"\n    group: \"Core\"\n  - id: gateway\n    name: \"Gateway\"\n  - id: website\n",
            "  - id: network\n    name: \"network\"\n",
        ],
    );
    // Naive dates in Hugo's timeZone, across a DST change; a skipped time as Go reads it.
    let lower = file(&site, "incidents/2024/2024-03-31-lowercase.yaml");
    assert_contains(
        &lower,
        &[
            "title: \"Gateway: errors # on 'api' & \\\"network\\\"\"\n",
            "started: 2024-03-31T01:30:00+01:00\nresolved: 2024-03-31T04:30:00+02:00\n",
            "  - at: 0\n    status: investigating\n    body: \"Looking into it.\"\n  - at: 1h15m\n    status: identified\n",
            "  - at: 2h\n    status: resolved\n    body: \"All fixed.\"\n",
        ],
    );
    let no_date = file(&site, "incidents/2024/2024-05-01-no-date.yaml");
    assert_contains(
        &no_date,
        &[
            "started: 2024-05-01T00:00:00+02:00\nresolved: 2024-05-01T06:00:00+02:00\n",
            "  website:\n    - { at: 0, state: maintenance }\n    - { at: 6h, state: operational }\n",
        ],
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
    let page = String::from_utf8(
        read_tree(&out)
            .remove("incidents/2024-03-31-lowercase/index.html")
            .unwrap(),
    )
    .unwrap();
    assert!(!page.contains("<script>alert"), "Markdown is sanitized");
}

#[test]
fn a_second_cstate_import_changes_nothing() {
    let dir = TempDir::new("import-cstate-again");
    let site = dir.join("status");
    assert_eq!(import("import/cstate-example", &site).0, 0);
    let before = read_tree(&site);
    let (code, stdout, stderr) = import("import/cstate-example", &site);
    assert_eq!(code, 0, "{stderr}");
    assert_contains(
        &stdout,
        &["5 services (0 new), 14 incidents, 0 maintenances; wrote 0 files, 14 unchanged"],
    );
    assert_eq!(read_tree(&site), before);
}

#[test]
fn into_a_site_without_status_yaml_its_services_stay_in_the_new_catalog() {
    let dir = TempDir::new("import-cstate-no-config");
    let site = dir.join("site");
    let (code, _, stderr) = run(["init", &site.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::remove_file(site.join("status.yaml")).unwrap();
    let mine = "title: Ours\nstarted: 2024-01-01T10:00:00Z\nresolved: 2024-01-01T11:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\n    - { at: 1, state: operational }\n";
    std::fs::write(site.join("incidents/ours.yaml"), mine).unwrap();
    let (code, stdout, stderr) = import("import/cstate-example", &site);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_contains(&stdout, &["(4 new)", "0 problems"]);
    let status = file(&site, "status.yaml");
    assert_contains(
        &status,
        &["timezone: \"UTC\"\nservices:\n  - id: api\n    name: \"api\"\n"],
    );
    assert_eq!(
        status.matches("- id: api").count(),
        1,
        "cState's 'API' is the site's api"
    );
    assert_eq!(file(&site, "incidents/ours.yaml"), mine);
}
