//! `statusgen import statuspage`: the hand-written Statuspage documents under
//! tests/fixtures/import/statuspage (a tidy incident and every untidy case: no resolved
//! update, updates out of order, renamed and deleted components, two incidents on one
//! component, bodies missing or full of Markdown look-alikes, group components, a notice,
//! maintenance that overran), second imports, adding to an existing site, and input errors.

use std::path::Path;

use crate::common::{TempDir, assert_contains, basic_site, fixture, read_tree, run, states};

pub(crate) const SUMMARY: &str = "7 services (7 new), 7 incidents, 2 maintenances; wrote 10 files, 0 unchanged; 8 warnings, 0 not imported";

pub(crate) fn import_fixture(site: &Path) -> (i32, String, String) {
    let source = fixture("import/statuspage");
    let (source, site) = (source.to_string_lossy(), site.to_string_lossy());
    run(["import", "statuspage", &source, "--into", &site])
}

/// The states of every service at `now`, by id.
pub(crate) fn states_at(site: &Path, now: &str) -> Vec<(String, String)> {
    let (code, stdout, stderr) = run(["status", &site.to_string_lossy(), "--now", now, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    states(&stdout)
}

fn state_of(site: &Path, now: &str, id: &str) -> String {
    states_at(site, now)
        .into_iter()
        .find(|(s, _)| s == id)
        .unwrap_or_else(|| panic!("no service {id} at {now}"))
        .1
}

fn incident_files(site: &Path) -> Vec<String> {
    read_tree(&site.join("incidents")).into_keys().collect()
}

#[test]
fn statuspage_documents_become_a_site_that_checks() {
    let dir = TempDir::new("import-sp");
    let site = dir.join("status");
    let (code, stdout, stderr) = import_fixture(&site);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_contains(
        &stdout,
        &[SUMMARY, "check: 7 services, 9 incidents, 0 problems"],
    );
    // Every guess is reported with the incident it is about.
    assert_contains(
        &stderr,
        &[
            "incident k8vq5tqq2mh7 \"Webhook delivery delays\": its updates are out of order",
            "incident w4ty7ub2nc9e \"Search results missing recent documents\": calls the component t9wn1c5bq7ld 'Search (beta)'; it is 'Search' now",
            "names the component 'Legacy search' (m8pf4e2ry6wq), which the page no longer lists",
            "names the group component 'Data' as affected",
            "an update has the status 'in_progress': imported as identified",
            "maintenance q9w8e7r6t5y4 \"Managed Postgres major version upgrade\": has updates after scheduled_until",
            "incident x7c8v9b0n1m2 \"Dashboard sign-in failures\": lists 'Dashboard' but no update gives its state: partial_outage",
            "incident j2kl4mn6pq8r \"Slow queries on the new primary\": affects 'Managed Postgres' while incident c6vb8nm1qa3z",
        ],
    );
    let status = std::fs::read_to_string(site.join("status.yaml")).unwrap();
    assert_contains(
        &status,
        &[
            "title: \"Acme Cloud\"\ntimezone: \"America/New_York\"\n",
            "  - id: api  # imported-from: statuspage component rqz5h0m9dk2c\n    name: \"API\"\n    description: \"REST and GraphQL endpoints\"\n    group: \"Platform\"\n  - id: dashboard",
            "description: \"Alerts: \\\"quoted\\\", #hashtag, key: value\"\n    since: 2023-06-01\n",
            "  - id: legacy-search  # imported-from: statuspage component m8pf4e2ry6wq\n",
        ],
    );
    let order: Vec<&str> = status
        .lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "api",
            "dashboard",
            "webhooks",
            "managed-postgres",
            "search",
            "email-notifications",
            "legacy-search"
        ]
    );
    assert_eq!(incident_files(&site).len(), 9);
}

#[test]
fn states_come_from_the_updates_affected_components() {
    let dir = TempDir::new("import-sp-states");
    let site = dir.join("status");
    assert_eq!(import_fixture(&site).0, 0);
    let cases = [
        // The tidy incident, between its updates.
        ("2024-01-09T10:20:00-05:00", "api", "major_outage"),
        ("2024-01-09T10:20:00-05:00", "dashboard", "operational"),
        ("2024-01-09T10:40:00-05:00", "api", "partial_outage"),
        ("2024-01-09T10:40:00-05:00", "dashboard", "degraded"),
        ("2024-01-09T11:45:00-05:00", "api", "operational"),
        // Resolved at resolved_at without a resolved update.
        ("2024-01-22T15:59:00-05:00", "webhooks", "degraded"),
        ("2024-01-22T16:00:00-05:00", "webhooks", "operational"),
        // Renamed and deleted components keep their states.
        ("2024-02-02T09:00:00-05:00", "search", "degraded"),
        ("2024-02-02T09:00:00-05:00", "legacy-search", "degraded"),
        // A component listed without states: from the impact, for the whole incident.
        ("2024-02-27T12:50:00-05:00", "dashboard", "partial_outage"),
        // Two incidents at once: the worse wins, then the one still open.
        (
            "2024-03-12T00:45:00-04:00",
            "managed-postgres",
            "major_outage",
        ),
        (
            "2024-03-12T02:00:00-04:00",
            "managed-postgres",
            "partial_outage",
        ),
        // Maintenance for its window, which the late completed update extended.
        (
            "2024-02-13T01:59:00-05:00",
            "managed-postgres",
            "operational",
        ),
        (
            "2024-02-13T03:35:00-05:00",
            "managed-postgres",
            "maintenance",
        ),
        (
            "2024-02-13T03:41:00-05:00",
            "managed-postgres",
            "operational",
        ),
        ("2024-03-23T02:00:00-04:00", "webhooks", "maintenance"),
    ];
    for (now, id, expected) in cases {
        assert_eq!(state_of(&site, now, id), expected, "{id} at {now}");
    }
}

#[test]
fn plain_text_bodies_read_the_same_on_the_built_pages() {
    let dir = TempDir::new("import-sp-pages");
    let site = dir.join("status");
    assert_eq!(import_fixture(&site).0, 0);
    let out = dir.join("public");
    let (code, _, stderr) = run([
        "build",
        &site.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--now",
        "2024-03-12T12:00:00-04:00",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(
        out.join("incidents/2024-01-09-elevated-api-error-rates/index.html"),
    )
    .unwrap();
    assert_contains(
        &page,
        &[
            "rolling it back.</p>\n<p>Affected:<br />\n- POST /v1/jobs<br />\n- GET /v1/jobs/*</p>",
            "<p>1. rollback started<br />\n2. cache purge next</p>",
        ],
    );
    let updates = &page[page.find("class=\"updates\"").unwrap()..];
    let updates = &updates[..updates.find("</ol>").unwrap()];
    assert!(
        !updates.contains("<li>") && !updates.contains("<em>"),
        "Markdown surprises in:\n{updates}"
    );
    // A notice: no component, no timeline; its body's tags are text.
    let notice =
        std::fs::read_to_string(out.join(
            "incidents/2024-02-20-status-notifications-move-to-a-new-sender-address/index.html",
        ))
        .unwrap();
    assert!(
        !notice.contains("id=\"timeline\""),
        "a notice has no recovery timeline"
    );
    assert_contains(
        &notice,
        &[
            "&lt;b&gt;Nothing&lt;/b&gt; else changes &amp; no action",
            "if you use *our* app.",
        ],
    );
    let postmortem = std::fs::read_to_string(
        out.join("incidents/2024-02-27-dashboard-sign-in-failures/index.html"),
    )
    .unwrap();
    assert_contains(
        &postmortem,
        &[
            "What happened: an expired signing key.<br />",
            "- keys rotate monthly",
        ],
    );
}

#[test]
fn a_second_import_updates_instead_of_duplicating() {
    let dir = TempDir::new("import-sp-again");
    let site = dir.join("status");
    assert_eq!(import_fixture(&site).0, 0);
    let before = read_tree(&site);
    let (code, stdout, stderr) = import_fixture(&site);
    assert_eq!(code, 0, "{stderr}");
    assert_contains(
        &stdout,
        &["7 services (0 new), 7 incidents, 2 maintenances; wrote 0 files, 9 unchanged"],
    );
    assert_eq!(
        read_tree(&site),
        before,
        "an unchanged source changes nothing"
    );

    // The page changed since: a new body and a new title. Without --force nothing is
    // overwritten; with it, the same file is rewritten in place.
    let source = dir.join("source");
    std::fs::create_dir_all(&source).unwrap();
    for name in ["components.json", "incidents.json"] {
        let text = std::fs::read_to_string(fixture("import/statuspage").join(name)).unwrap();
        let text = text.replace("Webhook delivery delays", "Webhook deliveries delayed");
        std::fs::write(source.join(name), text).unwrap();
    }
    let args = |force: bool| {
        let mut args = vec![
            "import".to_string(),
            "statuspage".into(),
            source.to_string_lossy().into_owned(),
            "--into".into(),
            site.to_string_lossy().into_owned(),
        ];
        if force {
            args.push("--force".into());
        }
        args
    };
    let (code, _, stderr) = run(args(false));
    assert_eq!(code, 1, "{stderr}");
    assert_contains(
        &stderr,
        &[
            "not imported: incident k8vq5tqq2mh7 \"Webhook deliveries delayed\": incidents/2024/2024-01-22-webhook-delivery-delays.yaml was imported before and differs now; pass --force to update it",
        ],
    );
    assert_eq!(read_tree(&site), before);
    let (code, stdout, stderr) = run(args(true));
    assert_eq!(code, 0, "{stderr}");
    assert_contains(&stdout, &["wrote 1 file, 6 unchanged"]);
    let file = std::fs::read_to_string(
        site.join("incidents/2024/2024-01-22-webhook-delivery-delays.yaml"),
    )
    .unwrap();
    assert!(
        file.contains("title: \"Webhook deliveries delayed\""),
        "{file}"
    );
    assert_eq!(
        incident_files(&site).len(),
        9,
        "no second file for the same incident"
    );
}

#[test]
fn into_an_existing_site_adds_services_and_never_overwrites_its_files() {
    let site = basic_site("import-into");
    // A file of the user's that has the slug an import would choose.
    let mine = "title: Mine\nstarted: 2024-01-09T10:00:00+09:00\nresolved: 2024-01-09T11:00:00+09:00\nservices:\n  web:\n    - { at: 0, state: degraded }\n    - { at: 1, state: operational }\n";
    site.write(
        "incidents/2024/2024-01-09-elevated-api-error-rates.yaml",
        mine,
    );
    let original = std::fs::read_to_string(site.join("status.yaml")).unwrap();
    let (code, stdout, stderr) = import_fixture(site.path());
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_contains(
        &stdout,
        &[
            "9 services (6 new)",
            "check: 9 services, 11 incidents, 0 problems",
        ],
    );
    let status = std::fs::read_to_string(site.join("status.yaml")).unwrap();
    assert!(
        status.starts_with(&original),
        "what the user wrote stays, byte for byte:\n{status}"
    );
    assert_contains(
        &status,
        &["  - id: dashboard  # imported-from: statuspage component v1c8xw7ltq4p\n"],
    );
    assert!(
        !status.contains("id: api  #"),
        "'API' is the site's api service: not added again"
    );
    assert_eq!(
        std::fs::read_to_string(
            site.join("incidents/2024/2024-01-09-elevated-api-error-rates.yaml")
        )
        .unwrap(),
        mine
    );
    let imported = std::fs::read_to_string(
        site.join("incidents/2024/2024-01-09-elevated-api-error-rates-2.yaml"),
    )
    .unwrap();
    assert!(
        imported.starts_with("# imported-from: statuspage incident p3n2dzh3n1xl\n"),
        "{imported}"
    );
    // The site keeps its timezone: times are written in it.
    assert!(
        imported.contains("started: 2024-01-09T23:55:00+09:00"),
        "{imported}"
    );
}

#[test]
fn files_that_would_not_check_are_not_written_but_reported() {
    // A services: list in flow style cannot be added to: the new services stay out of the
    // catalog, so incidents naming them would not check.
    let site = TempDir::new("import-sp-flow");
    let status = "title: Flow\nservices: [{ id: api, name: API }]\n";
    site.write("status.yaml", status);
    let (code, stdout, stderr) = import_fixture(site.path());
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert_contains(
        &stderr,
        &[
            "warning: status.yaml: its services: list cannot be added to as it is written; add these services to it by hand, then import again:\n      - id: dashboard  # imported-from: statuspage component v1c8xw7ltq4p\n",
            "not imported: incident k8vq5tqq2mh7 \"Webhook delivery delays\": its file would not check, so it was not written:\n    error: unknown service 'webhooks'\n     --> incidents/2024/2024-01-22-webhook-delivery-delays.yaml:7:3",
        ],
    );
    assert_contains(
        &stdout,
        &[
            "1 service (0 new), 1 incident, 0 maintenances; wrote 1 file",
            "8 not imported",
            "check: 1 service, 1 incident, 0 problems",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(site.join("status.yaml")).unwrap(),
        status
    );
    // What was written checks: the notice, which names no service.
    assert_eq!(
        incident_files(site.path()),
        ["2024/2024-02-20-status-notifications-move-to-a-new-sender-address.yaml"]
    );
}
