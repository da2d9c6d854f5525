//! Sites that are hostile or untidy: links out of the folder, terminal escapes in the files,
//! names too long for a file system, documents that expand past reason, odd spellings of
//! extensions and values. `check` refuses what `build` would, with the place and a hint.

use std::path::Path;
use std::time::Duration;

use crate::common::{
    TempDir, assert_contains, basic_site, headlines, last_line, locations, run_at, run_in,
};

/// `build` of `site` into `out`, at a fixed moment.
fn build_into(site: &TempDir, out: &Path) -> (i32, String, String) {
    let out = out.to_string_lossy().into_owned();
    run_at(
        site.path(),
        &["build", ".", "-o", &out, "--now", "2024-03-12T12:00:00Z"],
    )
}

fn check(site: &TempDir) -> (i32, String, String) {
    let (code, out, err) = run_in(site.path(), ["check", "."], Duration::from_secs(30));
    assert!(!err.contains("panicked"), "check panicked:\n{err}");
    (code, out, err)
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A site whose `static/`, theme and incidents hold links out of it, and one link that
    /// stays inside.
    fn leaky_site() -> TempDir {
        let site = basic_site("links-out");
        site.write(
            "status.yaml",
            format!("{}theme: mine\n", crate::common::STATUS_YAML),
        );
        site.write("themes/mine/static/extra.css", "body {}\n");
        std::fs::create_dir_all(site.join("static")).unwrap();
        symlink("/proc/self/environ", site.join("static/env.txt")).unwrap();
        symlink("/etc/passwd", site.join("static/passwd.txt")).unwrap();
        symlink("/etc/passwd", site.join("themes/mine/static/passwd.css")).unwrap();
        symlink("/etc/passwd", site.join("incidents/leak.yaml")).unwrap();
        symlink("../incidents/outage.yaml", site.join("static/outage.txt")).unwrap();
        site
    }

    #[test]
    fn check_names_every_link_out_of_the_site_and_where_it_points() {
        let site = leaky_site();
        let (code, stdout, stderr) = check(&site);
        assert_eq!(code, 1, "{stdout}{stderr}");
        let mut found = locations(&stderr);
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "incidents/leak.yaml",
                "static/env.txt",
                "static/passwd.txt",
                "themes/mine/static/passwd.css"
            ],
            "{stderr}"
        );
        assert_contains(
            &stderr,
            &[
                "error: this link leads out of the site: it points to /etc/passwd",
                "error: this link leads out of the site: it points to /proc/",
                "= help: a site publishes only its own files",
            ],
        );
        // Nothing of the target is echoed.
        assert!(!stderr.contains("root:"), "{stderr}");
        assert_eq!(last_line(&stderr), "4 problems");
    }

    #[test]
    fn build_refuses_links_out_and_publishes_nothing() {
        let site = leaky_site();
        let out = TempDir::new("links-out-public");
        let public = out.join("public");
        let (code, stdout, stderr) = build_into(&site, &public);
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert_contains(&stderr, &["static/env.txt", "points to /proc/"]);
        assert!(
            !public.exists(),
            "a refused build wrote {}",
            public.display()
        );
    }

    #[test]
    fn links_that_stay_inside_are_published() {
        let site = basic_site("links-in");
        std::fs::create_dir_all(site.join("static")).unwrap();
        std::fs::create_dir_all(site.join("shared")).unwrap();
        site.write(
            "shared/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        symlink("../shared/logo.svg", site.join("static/logo.svg")).unwrap();
        symlink("../shared", site.join("static/shared")).unwrap();
        let out = TempDir::new("links-in-public");
        let (code, _, stderr) = build_into(&site, &out.join("public"));
        assert_eq!(code, 0, "{stderr}");
        assert!(out.join("public/logo.svg").is_file());
        assert!(out.join("public/shared/logo.svg").is_file());
    }

    #[test]
    fn status_yaml_and_theme_strings_that_lead_out_are_refused() {
        let site = basic_site("config-out");
        let elsewhere = TempDir::new("config-out-elsewhere");
        elsewhere.write("status.yaml", "title: Elsewhere\x1b[31m\nnot yaml: [\n");
        std::fs::remove_file(site.join("status.yaml")).unwrap();
        symlink(elsewhere.join("status.yaml"), site.join("status.yaml")).unwrap();
        let (code, _, stderr) = check(&site);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(locations(&stderr), ["status.yaml"], "{stderr}");
        assert!(!stderr.contains("Elsewhere"), "{stderr}");

        let site = basic_site("i18n-out");
        site.write("status.yaml", "title: T\ntheme: mine\nlanguage: fr\n");
        elsewhere.write("fr.yaml", "title: [unclosed\n");
        std::fs::create_dir_all(site.join("themes/mine/i18n")).unwrap();
        symlink(
            elsewhere.join("fr.yaml"),
            site.join("themes/mine/i18n/fr.yaml"),
        )
        .unwrap();
        let (code, _, stderr) = check(&site);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(locations(&stderr), ["themes/mine/i18n/fr.yaml"], "{stderr}");
    }

    #[test]
    fn a_link_loop_ends_with_an_error() {
        let site = basic_site("link-loop");
        std::fs::create_dir_all(site.join("static")).unwrap();
        symlink("b.txt", site.join("static/a.txt")).unwrap();
        symlink("a.txt", site.join("static/b.txt")).unwrap();
        symlink("y.yaml", site.join("incidents/x.yaml")).unwrap();
        symlink("x.yaml", site.join("incidents/y.yaml")).unwrap();
        let (code, _, stderr) = check(&site);
        assert_eq!(code, 1, "{stderr}");
        assert_contains(
            &stderr,
            &["static/a.txt", "static/b.txt", "incidents/x.yaml"],
        );
        let out = TempDir::new("link-loop-public");
        let (code, _, stderr) = build_into(&site, &out.join("public"));
        assert_eq!(code, 1, "{stderr}");
    }

    #[test]
    fn update_does_not_edit_a_file_out_of_the_site() {
        let site = basic_site("update-out");
        let elsewhere = TempDir::new("update-out-elsewhere");
        let target = elsewhere.write("open.yaml", "title: Open\nstarted: 2024-03-01T10:00:00+09:00\nservices:\n  api:\n    - { at: 0, state: major_outage }\n");
        symlink(&target, site.join("incidents/open.yaml")).unwrap();
        let before = std::fs::read_to_string(&target).unwrap();
        let (code, _, stderr) = run_at(site.path(), &["resolve", ".", "open", "--at", "2h"]);
        assert_ne!(code, 0, "{stderr}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), before);
        assert_contains(&stderr, &["incidents/open.yaml", "leads out of the site"]);
    }
}

mod limits {
    use super::*;

    const INCIDENT: &str = "title: T\nstarted: 2024-03-01T10:00:00+09:00\nresolved: 2024-03-01T11:00:00+09:00\nservices:\n  SERVICE:\n    - { at: 0, state: degraded }\n    - { at: 30m, state: operational }\n";

    /// What `check` said, and that `build` refuses the same site without writing.
    fn refused_by_both(site: &TempDir) -> String {
        let (code, _, stderr) = check(site);
        assert_eq!(code, 1, "{stderr}");
        let out = TempDir::new("limits-public");
        let (code, _, build_err) = build_into(site, &out.join("public"));
        assert_eq!(code, 1, "{build_err}");
        assert!(!out.join("public").exists());
        stderr
    }

    #[test]
    fn a_service_id_too_long_for_a_file_name_is_located() {
        let id = "s".repeat(300);
        let site = TempDir::new("long-id");
        site.write(
            "status.yaml",
            format!("title: T\nservices:\n  - id: {id}\n"),
        );
        site.write("incidents/a.yaml", INCIDENT.replace("SERVICE", &id));
        let stderr = refused_by_both(&site);
        assert_contains(
            &stderr,
            &[
                "error: the service id is 300 characters long, over the limit of 64\n --> status.yaml:3:9",
            ],
        );
        assert_eq!(last_line(&stderr), "2 problems", "{stderr}");
        assert_contains(
            &stderr,
            &["= help: the id names the service's pages and badges"],
        );
        // Without a catalog, the incident's own ids are held to the same limit.
        std::fs::remove_file(site.join("status.yaml")).unwrap();
        let stderr = refused_by_both(&site);
        assert_eq!(locations(&stderr), ["incidents/a.yaml:5:3"], "{stderr}");
    }

    #[test]
    fn a_slug_too_long_is_named() {
        let site = basic_site("long-slug");
        let slug = "x".repeat(65);
        site.write(
            format!("incidents/{slug}.yaml"),
            INCIDENT.replace("SERVICE", "api"),
        );
        let stderr = refused_by_both(&site);
        assert_eq!(
            headlines(&stderr),
            ["error: the slug is 65 characters long, over the limit of 64"]
        );
        assert_eq!(locations(&stderr), [format!("incidents/{slug}.yaml")]);
    }

    #[test]
    fn new_refuses_a_slug_too_long() {
        let site = basic_site("new-long");
        let slug = "n".repeat(65);
        let (code, _, stderr) = run_at(site.path(), &["new", &slug, "--services", "api"]);
        assert_eq!(code, 2, "{stderr}");
        assert_contains(
            &stderr,
            &["the slug is 65 characters long, over the limit of 64"],
        );
        assert!(!site.join(format!("incidents/{slug}.yaml")).exists());
    }

    #[test]
    fn history_days_past_a_year_is_located_with_the_range() {
        let site = basic_site("history");
        site.write("status.yaml", "title: T\nhistory_days: 3660\n");
        let stderr = refused_by_both(&site);
        assert_eq!(
            headlines(&stderr),
            ["error: history_days is 3660, outside 1 to 366"]
        );
        assert_eq!(locations(&stderr), ["status.yaml:2:15"]);
        assert_contains(&stderr, &["from 1 to 366 (90 is usual)"]);
        site.write("status.yaml", "title: T\nhistory_days: 366\n");
        let (code, _, stderr) = check(&site);
        assert_eq!(code, 0, "{stderr}");
    }
}

mod sizes {
    use super::*;

    /// 1.15 MB of text whose aliases repeat one long note 200 times: 228 MB expanded.
    fn expanding_incident() -> String {
        let note = "x".repeat(1_140_000);
        let mut text = format!(
            "title: Big\nstarted: 2024-03-01T10:00:00+09:00\nsummary: &note {note}\nservices:\n  api:\n"
        );
        for hour in 0..200 {
            text.push_str(&format!(
                "    - {{ at: {hour}, state: degraded, note: *note }}\n"
            ));
        }
        text
    }

    #[test]
    fn a_document_that_expands_past_the_limit_is_located_in_words() {
        let site = basic_site("expands");
        site.write("incidents/big.yaml", expanding_incident());
        let (code, _, stderr) = check(&site);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(
            headlines(&stderr),
            [
                "error: the document has more bytes of text once its aliases are expanded than the limit of 8 MiB"
            ]
        );
        assert_eq!(locations(&stderr), ["incidents/big.yaml:12:39"]);
        assert_contains(&stderr, &["= help: each `*name` repeats the whole text"]);
        assert!(!stderr.contains("budget breached"), "{stderr}");
        let out = TempDir::new("expands-public");
        let (code, _, stderr) = build_into(&site, &out.join("public"));
        assert_eq!(code, 1, "{stderr}");
        assert!(!out.join("public").exists());
    }
}

mod spellings {
    use super::*;

    const RESOLVED: &str = "title: T\nstarted: 2024-03-01T10:00:00+09:00\nresolved: 2024-03-01T11:00:00+09:00\nservices:\n  web:\n    - { at: 0, state: degraded }\n    - { at: 30m, state: operational }\n";

    #[test]
    fn extensions_in_any_case_are_read_and_edited() {
        let site = basic_site("extensions");
        site.write("incidents/upper.YAML", RESOLVED);
        site.write(
            "incidents/mixed.Yml",
            RESOLVED
                .replace("resolved: 2024-03-01T11:00:00+09:00\n", "")
                .replace("    - { at: 30m, state: operational }\n", ""),
        );
        let (code, stdout, stderr) = check(&site);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout, "3 services, 3 incidents, 0 problems\n");
        let (code, _, stderr) = run_at(site.path(), &["resolve", ".", "mixed", "--at", "2h"]);
        assert_eq!(code, 0, "{stderr}");
        let text = std::fs::read_to_string(site.join("incidents/mixed.Yml")).unwrap();
        assert!(text.contains("resolved: "), "{text}");
        let (code, _, stderr) = run_at(site.path(), &["new", "upper", "--services", "api"]);
        assert_ne!(code, 0, "a slug taken by upper.YAML:\n{stderr}");
        assert_contains(
            &stderr,
            &["incidents/upper.YAML already has the slug 'upper'"],
        );
    }

    #[test]
    fn values_written_another_way_get_a_hint_that_fits() {
        let site = TempDir::new("spellings");
        site.write("status.yaml", "title: T\ntimezone: utc\nlanguage: xx\n");
        site.write(
            "incidents/a.yaml",
            "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: down }\n    - { at: 99999999d, state: degraded }\n    - { at: 1e308, state: degraded }\n    - { at: 2h 30m, state: degraded }\n",
        );
        site.write(
            "incidents/tab.yaml",
            "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n\tapi: []\n",
        );
        site.write("incidents/ünï.yaml", RESOLVED);
        let (code, _, stderr) = check(&site);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(
            headlines(&stderr),
            [
                "error: unknown state 'down'",
                "error: '99999999d' is out of range: `at` is at most 277,777,777 hours (about 31,700 years) before or after the start",
                "error: 1e308 is out of range: `at` is at most 277,777,777 hours (about 31,700 years) before or after the start",
                "error: '2h 30m' has a space inside: write `2h30m`",
                "error: invalid YAML: a tab in the indentation",
                "error: bad slug 'ünï'",
                "error: unknown timezone 'utc'",
                "error: unknown language 'xx'",
            ],
            "{stderr}"
        );
        assert_contains(
            &stderr,
            &[
                "= help: did you mean 'major_outage'?",
                "= help: `at` counts from `started`",
                "= help: a duration is one word",
                "e.g. 'uni'",
                "= help: did you mean 'UTC'?",
                "a theme adds one as themes/NAME/i18n/xx.yaml",
            ],
        );
        assert!(!stderr.contains("did you mean 'bn'"), "{stderr}");
        assert_contains(
            &stderr,
            &["--> incidents/tab.yaml:4:", "= help: indent with spaces"],
        );
    }

    #[test]
    fn escapes_in_a_file_are_shown_not_run() {
        let site = basic_site("escapes");
        site.write("incidents/evil\u{1b}[2J.yaml", "title: x\n");
        site.write(
            "incidents/state.yaml",
            "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: \"\\e]0;owned\\a\" }\n",
        );
        site.write("incidents/raw.yaml", "title: \u{1b}[31mred\n");
        site.write("incidents/nul.yaml", "title: x\u{0}\u{1b}[8m\n");
        let (code, _, stderr) = check(&site);
        assert_eq!(code, 1, "{stderr}");
        assert!(!stderr.contains(['\u{1b}', '\u{0}', '\u{7}']), "{stderr:?}");
        assert_contains(
            &stderr,
            &[
                "error: bad slug 'evil\\u{1b}[2J'\n --> incidents/evil\\u{1b}[2J.yaml\n",
                "--> incidents/state.yaml:5:",
                "error: unknown state '\\u{1b}]0;owned\\u{7}'",
                "1 | title: \\u{1b}[31mred",
                "1 | title: x\\u{0}\\u{1b}[8m",
            ],
        );
    }
}
