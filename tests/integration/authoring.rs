//! Authoring commands: `new`, `init`, `completions`, the help texts, and the example sites.

use crate::common::{
    TempDir, assert_checks_clean, assert_contains, basic_site, read, repo_root, run, run_at,
};

#[test]
fn new_incident_passes_check_as_written() {
    let site = basic_site("new-incident");
    let (code, out, err) = run_at(
        site.path(),
        &[
            "new",
            ".",
            "web-errors",
            "--services",
            "web,db",
            "--title",
            "Website: errors",
            "--now",
            "2026-11-25T09:31:00Z",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_contains(&out, &["created incidents/web-errors.yaml"]);
    let text = read(site.join("incidents/web-errors.yaml"));
    assert_contains(
        &text,
        &[
            "title: \"Website: errors\"\n",
            // status.yaml says Asia/Seoul: "now" is written in it, with the offset.
            "started: 2026-11-25T18:31:00+09:00\n",
            "  web:\n    - { at: 0, state: major_outage }\n",
            "  db:\n    - { at: 0, state: major_outage }\n",
            "status: investigating",
            "Website and Database",
        ],
    );
    assert_checks_clean(site.path());
    let (code, out, _) = run_at(
        site.path(),
        &["status", ".", "--now", "2026-11-25T09:32:00Z", "--json"],
    );
    assert_eq!(code, 0);
    assert_contains(&out, &["\"state\": \"major_outage\""]);
}

#[test]
fn new_defaults_to_the_first_service_and_a_title_from_the_slug() {
    let site = basic_site("new-defaults");
    let (code, _, err) = run_at(site.path(), &["new", "db-slow"]);
    assert_eq!(code, 0, "{err}");
    let text = read(site.join("incidents/db-slow.yaml"));
    assert_contains(&text, &["title: Db slow\n", "  api:\n"]);
    assert_checks_clean(site.path());
}

#[test]
fn new_maintenance_passes_check_as_written() {
    let site = basic_site("new-maintenance");
    let (code, _, err) = run_at(
        site.path(),
        &[
            "new",
            "db-upgrade",
            "--services",
            "db",
            "--maintenance",
            "--start",
            "2026-12-01T02:00",
            "--end",
            "2026-12-01T04:00",
            "--now",
            "2026-11-25T18:31:00+09:00",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = read(site.join("incidents/db-upgrade.yaml"));
    assert_contains(
        &text,
        &[
            "kind: maintenance\n",
            "started: 2026-12-01T02:00:00+09:00\n",
            "resolved: 2026-12-01T04:00:00+09:00\n",
            "services: [db]\n",
            "  - at: 2026-11-25T18:31:00+09:00\n    status: scheduled\n",
        ],
    );
    assert_checks_clean(site.path());
    // Announced, so upcoming at "now"; the build lists it in the API.
    let out = site.join("out");
    let (code, _, err) = run_at(
        site.path(),
        &[
            "build",
            ".",
            "-o",
            "out",
            "--now",
            "2026-11-26T00:00:00+09:00",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_contains(
        &read(out.join("api/v2/scheduled-maintenances/upcoming.json")),
        &["Db upgrade"],
    );
}

#[test]
fn new_maintenance_needs_its_window() {
    let site = basic_site("new-window");
    let (code, _, err) = run_at(
        site.path(),
        &["new", "x", "--maintenance", "--start", "2026-12-01"],
    );
    assert_eq!(code, 2, "{err}");
    assert_contains(&err, &["--end"]);
    let (code, _, err) = run_at(
        site.path(),
        &[
            "new",
            "x",
            "--maintenance",
            "--start",
            "2026-12-02",
            "--end",
            "2026-12-01",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_contains(&err, &["--end must come after --start"]);
    assert!(!site.join("incidents/x.yaml").exists());
}

#[test]
fn new_refuses_to_overwrite_or_to_reuse_a_slug() {
    let site = basic_site("new-overwrite");
    site.write("incidents/2023/old-one.yml", "title: kept\n");
    for slug in ["outage", "old-one"] {
        let (code, _, err) = run_at(site.path(), &["new", slug, "--services", "api"]);
        assert_eq!(code, 1, "{slug}: {err}");
        assert_contains(&err, &["already has the slug"]);
    }
    assert_eq!(
        read(site.join("incidents/outage.yaml")),
        crate::common::OUTAGE_YAML
    );
    assert_eq!(
        read(site.join("incidents/2023/old-one.yml")),
        "title: kept\n"
    );
}

#[test]
fn new_follows_year_folders() {
    let site = TempDir::new("new-years");
    site.write("status.yaml", crate::common::STATUS_YAML);
    site.write("incidents/2024/outage.yaml", crate::common::OUTAGE_YAML);
    let (code, out, err) = run_at(
        site.path(),
        // 2026-12-31 23:30 UTC is already 2027 in Seoul, the site's timezone.
        &["new", "late", "--now", "2026-12-31T23:30:00Z"],
    );
    assert_eq!(code, 0, "{err}");
    assert_contains(&out, &["created incidents/2027/late.yaml"]);
    assert_checks_clean(site.path());
}

#[test]
fn new_checks_its_arguments() {
    let site = basic_site("new-args");
    let (code, _, err) = run_at(site.path(), &["new", "API_Down"]);
    assert_eq!(code, 2);
    assert_contains(&err, &["bad slug 'API_Down'", "try 'api-down'"]);
    let (code, _, err) = run_at(site.path(), &["new", "x", "--services", "api,wbe"]);
    assert_eq!(code, 2);
    assert_contains(&err, &["unknown service 'wbe'", "did you mean 'web'?"]);
    let (code, _, err) = run_at(site.path(), &["new", "x", "--now", "soon"]);
    assert_eq!(code, 2);
    assert_contains(&err, &["--now 'soon'"]);
    assert!(!site.join("incidents/x.yaml").exists());
}

#[test]
fn new_without_a_catalog_needs_services() {
    let site = TempDir::new("new-no-catalog");
    site.write("incidents/outage.yaml", crate::common::OUTAGE_YAML);
    let (code, _, err) = run_at(site.path(), &["new", "x"]);
    assert_eq!(code, 2);
    assert_contains(&err, &["--services"]);
    let (code, _, err) = run_at(site.path(), &["new", "x", "--services", "queue"]);
    assert_eq!(code, 0, "{err}");
    assert_checks_clean(site.path());
}

#[test]
fn new_stops_on_a_broken_status_yaml_and_outside_a_site() {
    let site = basic_site("new-broken");
    site.write("status.yaml", "title: x\ntimezone: Asia/Seuol\n");
    let (code, _, err) = run_at(site.path(), &["new", "x", "--services", "api"]);
    assert_eq!(code, 1);
    assert_contains(&err, &["status.yaml:2"]);
    let empty = TempDir::new("new-nowhere");
    let (code, _, err) = run_at(empty.path(), &["new", "x", "--services", "api"]);
    assert_eq!(code, 2);
    assert_contains(&err, &["is not a site", "statusgen init"]);
    assert!(!empty.join("incidents").exists());
}

/// `init DIR [FLAGS]` into a fresh folder, then check and build it.
fn init_and_build(label: &str, flags: &[&str]) -> TempDir {
    let tmp = TempDir::new(label);
    let mut args = vec!["init", "site"];
    args.extend(flags);
    let (code, out, err) = run_at(tmp.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert_contains(
        &out,
        &["status.yaml", "incidents/slow-logins.yaml", ".gitignore"],
    );
    assert_checks_clean(&tmp.join("site"));
    let (code, _, err) = run_at(&tmp.join("site"), &["build", "-q"]);
    assert_eq!(code, 0, "{err}");
    let index = read(tmp.join("site/public/index.html"));
    assert_contains(&index, &["Example Status", "Website", "Login"]);
    assert!(
        tmp.join("site/public/incidents/slow-logins/index.html")
            .is_file()
    );
    assert_eq!(
        read(tmp.join("site/.gitignore")).lines().last(),
        Some("public/")
    );
    tmp
}

#[test]
fn init_builds_at_once() {
    let tmp = init_and_build("init", &[]);
    assert!(!tmp.join("site/.github").exists());
    assert!(!tmp.join("site/themes").exists());
}

#[test]
fn init_github_pages_writes_the_workflows() {
    let tmp = init_and_build("init-pages", &["--github-pages"]);
    let workflow = read(tmp.join("site/.github/workflows/status.yml"));
    let version = format!("statusgen/statusgen@v{}", env!("CARGO_PKG_VERSION"));
    assert_contains(
        &workflow,
        &[
            "actions/configure-pages@v5",
            "actions/upload-pages-artifact@v3",
            "actions/deploy-pages@v4",
            "pages: write",
            "id-token: write",
            "cron:",
            "workflow_dispatch",
            "workflow_run:",
            "workflows: [Status update]",
            "SOURCE_DATE_EPOCH",
            &version,
            "base-url: ${{ steps.pages.outputs.base_url }}/",
        ],
    );
    let form = read(tmp.join("site/.github/workflows/status-update.yml"));
    assert_contains(
        &form,
        &["name: Status update", "workflow_dispatch:", &version],
    );
    // The example site carries the very files init writes.
    for name in ["status.yml", "status-update.yml"] {
        let example = read(
            repo_root()
                .join("examples/github-pages/.github/workflows")
                .join(name),
        );
        let written = read(tmp.join("site/.github/workflows").join(name));
        assert_eq!(
            example, written,
            "examples/github-pages/.github/workflows/{name} differs from what `init --github-pages` writes: copy it over"
        );
    }
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let tmp = TempDir::new("init-full");
    tmp.write("site/notes.txt", "mine");
    let (code, _, err) = run_at(tmp.path(), &["init", "site", "--github-pages"]);
    assert_eq!(code, 1);
    assert_contains(&err, &["is not empty"]);
    assert!(!tmp.join("site/status.yaml").exists());
    assert_eq!(read(tmp.join("site/notes.txt")), "mine");
    // A fresh `git init` does not count.
    tmp.write("repo/.git/HEAD", "ref: refs/heads/main\n");
    let (code, _, err) = run_at(tmp.path(), &["init", "repo"]);
    assert_eq!(code, 0, "{err}");
    assert_checks_clean(&tmp.join("repo"));
}

#[test]
fn init_theme_copies_every_built_in_file() {
    let tmp = init_and_build("init-theme", &["--theme"]);
    let theme = tmp.join("site/themes/default");
    let builtin = statusgen::internals::builtin_files();
    assert!(!builtin.is_empty());
    for (path, bytes) in builtin {
        let copied = std::fs::read(theme.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(copied == *bytes, "{path} differs from the built-in file");
    }
}

#[test]
fn init_theme_alone_goes_into_an_existing_site_once() {
    let site = basic_site("init-theme-site");
    let (code, out, err) = run_at(site.path(), &["init", ".", "--theme"]);
    assert_eq!(code, 0, "{err}");
    assert_contains(&out, &["copied the built-in theme"]);
    let count = statusgen::internals::builtin_files().len();
    assert_contains(&out, &[&format!("({count} files)")]);
    assert_checks_clean(site.path());
    let (code, _, err) = run_at(site.path(), &["init", ".", "--theme"]);
    assert_eq!(code, 1);
    assert_contains(&err, &["themes/default already exists"]);
    // With other flags it is a new site, which needs an empty folder.
    let other = basic_site("init-theme-pages");
    let (code, _, _) = run_at(other.path(), &["init", ".", "--theme", "--github-pages"]);
    assert_eq!(code, 1);
    assert!(!other.join("themes").exists());
}

#[test]
fn completions_print_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = run(["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert_contains(&out, &["statusgen", "init", "github-pages", "maintenance"]);
    }
    let (code, _, _) = run(["completions", "tcsh"]);
    assert_eq!(code, 2);
}

#[test]
fn every_command_has_examples_in_its_help() {
    let (_, top, _) = run(["--help"]);
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(
        commands.contains(&"new") && commands.contains(&"init"),
        "{top}"
    );
    for command in commands {
        let (code, out, err) = run([command, "--help"]);
        assert_eq!(code, 0, "{command}: {err}");
        assert!(
            out.contains("Example") || out.contains("In book.toml:"),
            "`statusgen {command} --help` shows no examples:\n{out}"
        );
    }
}

#[test]
fn examples_pass_check() {
    let examples = repo_root().join("examples");
    let mut checked = Vec::new();
    for name in ["minimal", "github-pages"] {
        assert_checks_clean(&examples.join(name));
        checked.push(name);
    }
    // Every other example that is a site at its top (docs-embed is a book around one).
    for entry in std::fs::read_dir(&examples)
        .expect("examples/ exists")
        .flatten()
    {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.join("incidents").is_dir() && !checked.contains(&name.as_str()) {
            assert_checks_clean(&path);
        }
    }
}
