//! Whole builds of fixture sites: page snapshots, theme overrides, hostile input,
//! determinism and atomic replacement of the output.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{
    DEFAULT_TIMEOUT, TempDir, finish, fixture, read_tree, repo_root, run, statusgen,
};

const NOW: &str = "2024-03-12T12:00:00Z";

fn build(site: &Path, out: &Path, now: &str) -> (i32, String, String) {
    run([
        "build".as_ref(),
        site.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--now".as_ref(),
        now.as_ref(),
    ])
}

fn text(tree: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        tree.get(path)
            .unwrap_or_else(|| panic!("{path} was not written"))
            .clone(),
    )
    .unwrap()
}

/// The page with the stylesheet it carries inline (the 404 page) replaced by a mark, once
/// checked to be the theme's: its snapshot then changes with the page, not with the theme.
fn without_inline_css(tree: &BTreeMap<String, Vec<u8>>, html: &str) -> String {
    let Some(start) = html.find("<style>") else {
        return html.to_string();
    };
    let end = html.find("</style>").expect("</style>");
    assert_eq!(&html[start + 7..end], text(tree, "style.css"));
    let hash = html
        .split("&#39;sha256-")
        .nth(1)
        .and_then(|rest| rest.split("&#39;").next())
        .expect("the stylesheet's hash in the CSP");
    format!(
        "{}<style>(style.css)</style>{}",
        &html[..start],
        &html[end + 8..]
    )
    .replace(hash, "(hash of style.css)")
}

#[test]
fn small_site_pages_match_their_snapshots() {
    let out = TempDir::new("build-small");
    let (code, _, stderr) = build(&fixture("build/small"), &out.join("public"), NOW);
    assert_eq!(code, 0, "{stderr}");
    let tree = read_tree(&out.join("public"));
    for page in [
        "index.html",
        "incidents/api-errors/index.html",
        "incidents/db-latency/index.html",
        "incidents/db-upgrade/index.html",
        "history/index.html",
        "services/db/index.html",
        "404.html",
        "sitemap.xml",
    ] {
        insta::assert_snapshot!(
            format!("small-{}", page.replace('/', "-")),
            without_inline_css(&tree, &text(&tree, page))
        );
    }
    assert_eq!(text(&tree, "CNAME"), "status.example.com\n");
    assert!(tree.contains_key(".nojekyll"));
    // The ongoing incident is listed, the upcoming maintenance too; the page says so.
    let index = text(&tree, "index.html");
    assert!(index.contains(r#"data-incident="db-latency" data-phase="ongoing""#));
    assert!(index.contains(r#"data-incident="db-upgrade" data-phase="upcoming""#));
    assert!(index.contains(r#"data-service="db" data-state="degraded""#));
    assert!(index.contains(r#"data-service="api" data-state="operational""#));
}

/// A maintenance window before, during and after it: its own words, colour and window,
/// never the outage vocabulary; the API's `maintenance` indicator; the automatic updates.
#[test]
fn maintenance_pages_before_during_and_after_the_window() {
    for (moment, now) in [
        ("before", "2025-06-13T12:00:00+02:00"),
        ("during", "2025-06-14T03:00:00+02:00"),
        ("after", "2025-06-14T06:00:00+02:00"),
    ] {
        let out = TempDir::new(&format!("build-maintenance-{moment}"));
        let (code, _, stderr) = build(&fixture("build/maintenance"), &out.join("public"), now);
        assert_eq!(code, 0, "{stderr}");
        let tree = read_tree(&out.join("public"));
        for page in [
            "index.html",
            "incidents/database-upgrade/index.html",
            "api/v2/summary.json",
        ] {
            insta::assert_snapshot!(
                format!("maintenance-{moment}-{}", page.replace('/', "-")),
                text(&tree, page)
            );
        }
        let incident = text(&tree, "incidents/database-upgrade/index.html");
        for outage_word in [
            "Recovery timeline",
            "still impaired",
            "Full recovery",
            "Ongoing",
        ] {
            assert!(!incident.contains(outage_word), "{moment}: {outage_word}");
        }
        assert!(
            !text(&tree, "index.html").contains("Ongoing incidents"),
            "{moment}"
        );
        // Outage red nowhere in the chart, "now" included.
        assert!(!incident.contains("#cf222e"), "{moment}: {incident}");
        // The widget lists services under maintenance apart from those not working.
        let embed = text(&tree, "embed/index.html");
        assert!(
            !embed.contains("Services not operating normally"),
            "{moment}: {embed}"
        );
        assert_eq!(
            embed.contains(r#"<h2 id="under-maintenance-title">Services under maintenance</h2>"#),
            moment == "during",
            "{moment}: {embed}"
        );
        assert!(
            text(&tree, "services/database/index.html")
                .contains(">Incidents and maintenance affecting this service</h2>"),
            "{moment}"
        );
        assert!(
            incident.contains("June 14, 2025 at 2:00\u{202f}AM GMT+2</time> – <time datetime=\"2025-06-14T04:00:00+02:00\">4:00\u{202f}AM GMT+2</time>"),
            "{moment}: the planned window, start and end"
        );
    }
}

/// A maintenance of twenty years and an incident open for ten: pages stay small, and their
/// charts have a dozen ticks at most, whatever the span.
#[test]
fn pages_of_long_spans_stay_small() {
    for now in ["2025-03-01T12:00:00+01:00", "2031-01-01T12:00:00+01:00"] {
        let out = TempDir::new("build-long");
        let (code, _, stderr) = build(&fixture("build/long"), &out.join("public"), now);
        assert_eq!(code, 0, "{stderr}");
        let tree = read_tree(&out.join("public"));
        for slug in ["archive-migration", "search-slow"] {
            let page = text(&tree, &format!("incidents/{slug}/index.html"));
            assert!(
                page.len() < 100_000,
                "{slug} at {now}: {} bytes",
                page.len()
            );
            let chart = page
                .split(r#"class="timeline""#)
                .nth(1)
                .and_then(|rest| rest.split("</svg>").next())
                .expect("a chart");
            let labels = chart.matches("<text").count();
            assert!(labels < 60, "{slug} at {now}: {labels} texts in the chart");
        }
    }
}

#[test]
fn links_are_relative_and_resolve_inside_the_output() {
    let out = TempDir::new("build-links");
    let public = out.join("public");
    let (code, _, stderr) = build(&fixture("build/small"), &public, NOW);
    assert_eq!(code, 0, "{stderr}");
    let tree = read_tree(&public);
    let mut checked = 0;
    for (path, bytes) in tree
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && *p != "404.html")
    {
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let target = &piece[..piece.find('"').unwrap()];
                if target.starts_with("https://") || target.starts_with('#') {
                    assert!(
                        !target.starts_with("https://") || html.contains("rel=\"canonical\""),
                        "{path}: {target}"
                    );
                    continue;
                }
                let target = target.split('#').next().unwrap();
                let resolved = Path::new(path).parent().unwrap().join(target);
                let normal = normalize(&resolved);
                assert!(
                    tree.contains_key(&normal),
                    "{path} links to {target}, which is not in the output ({normal})"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn same_input_and_now_give_byte_identical_sites() {
    let out = TempDir::new("build-determinism");
    for name in ["a", "b"] {
        let (code, _, stderr) = build(&repo_root(), &out.join(name), "2022-10-17T10:30:00+09:00");
        assert_eq!(code, 0, "{stderr}");
    }
    let (a, b) = (read_tree(&out.join("a")), read_tree(&out.join("b")));
    assert!(a.len() > 15);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn source_date_epoch_sets_now() {
    let out = TempDir::new("build-epoch");
    let mut command = statusgen(&repo_root());
    command
        .args(["status", ".", "--json"])
        .env("SOURCE_DATE_EPOCH", "1665970200");
    let (_, json, _) = finish(command, None, DEFAULT_TIMEOUT);
    assert!(
        json.contains("\"now\": \"2022-10-17T10:30:00+09:00\""),
        "{json}"
    );
    drop(out);
}

/// A raw `<` in our output always opens a tag, since text is escaped: so scanning tags is
/// enough to find anything executable.
fn executable_bits(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let lower = tag.to_ascii_lowercase();
        let name = lower
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let attributes = attributes(&lower[name.len()..]);
        let get = |key: &str| {
            attributes
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let harmless_link = name == "link"
            && matches!(
                get("rel"),
                Some("stylesheet" | "icon" | "canonical" | "alternate" | "self")
            );
        if [
            "script", "iframe", "object", "embed", "style", "form", "frame", "base", "link",
        ]
        .contains(&name)
            && !harmless_link
        {
            found.push(format!("<{tag}>"));
        }
        if name == "meta" && get("http-equiv") == Some("refresh") {
            found.push(format!("<{tag}>"));
        }
        for (key, value) in &attributes {
            if key.starts_with("on") {
                found.push(format!("event handler {key} in <{tag}>"));
            }
            if key == "style" {
                found.push(format!("style attribute in <{tag}>"));
            }
            let value = value.trim_start();
            if ["href", "src", "action", "xlink:href", "formaction", "data"].contains(&key.as_str())
                && ["javascript:", "vbscript:", "data:text/html"]
                    .iter()
                    .any(|s| value.starts_with(s))
            {
                found.push(format!("{key}={value} in <{tag}>"));
            }
        }
    }
    found
}

/// `src` and `<link href>` values that point at another origin.
fn remote_loads(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let lower = tag.to_ascii_lowercase();
        let is_link = lower.starts_with("link");
        for (key, value) in attributes(&lower) {
            let loads = key == "src"
                || key == "srcset"
                || key == "poster"
                || (is_link
                    && key == "href"
                    && !lower.contains("rel=\"canonical\"")
                    && !lower.contains("rel=\"alternate\"")
                    && !lower.contains("rel=\"self\""));
            if loads && (value.contains("://") || value.starts_with("//")) {
                found.push(value);
            }
        }
    }
    found
}

/// `(name, value)` pairs of a tag's attribute text, quotes respected.
fn attributes(text: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect();
        let mut value = String::new();
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let quote = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != quote {
                    value.push(chars[i]);
                    i += 1;
                }
                i += 1;
            } else {
                while i < chars.len() && !chars[i].is_whitespace() {
                    value.push(chars[i]);
                    i += 1;
                }
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

#[test]
fn hostile_titles_names_and_markdown_run_nothing() {
    let out = TempDir::new("build-hostile");
    let (code, _, stderr) = build(&fixture("build/hostile"), &out.join("public"), NOW);
    assert_eq!(code, 0, "{stderr}");
    let tree = read_tree(&out.join("public"));
    let mut pages = 0;
    for (path, bytes) in &tree {
        if !(path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".svg")) {
            continue;
        }
        let mut html = String::from_utf8_lossy(bytes).into_owned();
        if path == "404.html" {
            // The 404 page carries the theme's own stylesheet inline (no input reaches it);
            // everything else on it is scanned like any page.
            let css = text(&tree, "style.css");
            let inline = format!("<style>{css}</style>");
            assert!(
                html.contains(&inline),
                "404.html carries the theme's stylesheet"
            );
            html = html.replace(&inline, "");
        }
        let bad = executable_bits(&html);
        assert!(
            bad.is_empty(),
            "{path} carries executable content: {bad:#?}"
        );
        assert!(
            remote_loads(&html).is_empty(),
            "{path} loads from another origin: {:?}",
            remote_loads(&html)
        );
        pages += 1;
    }
    assert!(pages >= 5);
    // The text itself survives, escaped, so readers still see what was written.
    let incident = text(&tree, "incidents/xss/index.html");
    assert!(
        incident.contains("&lt;&#x2F;title&gt;&lt;script&gt;")
            || incident.contains("&lt;/title&gt;&lt;script&gt;"),
        "title not shown escaped"
    );
}

#[test]
fn the_scanner_catches_what_it_should() {
    assert!(!executable_bits(r#"<p onclick="x()">"#).is_empty());
    assert!(!executable_bits("<script>alert(1)</script>").is_empty());
    assert!(!executable_bits(r#"<a href="javascript:x">"#).is_empty());
    assert!(!executable_bits(r#"<div style="x">"#).is_empty());
    assert!(executable_bits(r#"<a href="x.html" class="on">online</a>"#).is_empty());
    assert!(executable_bits(r#"<meta name="description" content="&quot; onerror=x">"#).is_empty());
    assert!(!executable_bits(r#"<img src=x onerror=alert(1)>"#).is_empty());
    assert_eq!(
        remote_loads(r#"<img src="https://t.example/p.gif"><a href="https://ok.example/">"#),
        ["https://t.example/p.gif"]
    );
}

#[test]
fn a_theme_overrides_file_by_file_and_adds_a_language() {
    let out = TempDir::new("build-themed");
    let (code, _, stderr) = build(&fixture("build/themed"), &out.join("public"), NOW);
    assert_eq!(code, 0, "{stderr}");
    let tree = read_tree(&out.join("public"));
    let not_found = text(&tree, "404.html");
    assert!(
        not_found.contains(r#"<h1 class="custom-404">Page introuvable</h1>"#),
        "{not_found}"
    );
    assert_eq!(text(&tree, "style.css"), "body { background: #123456; }\n");
    // Templates it does not override come from the built-in theme; its strings override the
    // built-in French key by key.
    let index = text(&tree, "index.html");
    assert!(index.contains("Tout fonctionne"), "{index}");
    assert!(!index.contains("Tous les systèmes sont opérationnels"));
    assert!(index.contains("Incidents résolus et maintenances terminées récemment"));
    assert!(!index.contains("Recently resolved"));
    assert!(tree.contains_key("favicon.svg"));
    // The site's static/ is copied verbatim.
    assert_eq!(text(&tree, "CNAME.txt"), "custom.example.org\n");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let out = TempDir::new("build-atomic");
    let public = out.join("public");
    let (code, _, stderr) = build(&fixture("build/small"), &public, NOW);
    assert_eq!(code, 0, "{stderr}");
    let before = read_tree(&public);

    // Invalid input: exit 1, nothing changed.
    let broken = TempDir::new("build-atomic-site");
    broken.write("incidents/bad.yaml", "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: melted }\n");
    let (code, _, stderr) = build(broken.path(), &public, NOW);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("unknown state 'melted'"), "{stderr}");
    assert_eq!(read_tree(&public), before);

    // A template that fails to render: exit 1, nothing changed.
    let theme = TempDir::new("build-atomic-theme");
    theme.write("status.yaml", "title: T\ntheme: broken\n");
    theme.write("incidents/a.yaml", "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\n");
    theme.write(
        "themes/broken/templates/index.html",
        "{% extends \"base.html\" %}{% block main %}{{ nothing.here }}{% endblock main %}",
    );
    let (code, _, stderr) = build(theme.path(), &public, NOW);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("index.html"),
        "the error names the template: {stderr}"
    );
    assert_eq!(read_tree(&public), before);
    // Beside the output: its lock and the generation the next build writes.
    let mut beside: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [".public.statusgen", "public"].map(std::ffi::OsString::from)
    );
}

#[test]
fn a_static_file_replaces_the_file_made_at_its_path() {
    let site = TempDir::new("build-static-over");
    site.write("status.yaml", "title: T\ncname: status.example.com\n");
    site.write("incidents/a.yaml", "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\n");
    site.write("static/index.html", "<p>mine</p>\n");
    site.write("static/CNAME", "other.example.com\n");
    site.write("static/style.css", "body {}\n");
    let out = TempDir::new("build-static-over-out");
    let (code, stdout, stderr) = build(site.path(), &out.join("public"), NOW);
    assert_eq!(code, 0, "{stderr}");
    let tree = read_tree(&out.join("public"));
    assert_eq!(text(&tree, "index.html"), "<p>mine</p>\n");
    assert_eq!(text(&tree, "CNAME"), "other.example.com\n");
    assert_eq!(text(&tree, "style.css"), "body {}\n");
    assert!(text(&tree, "history/index.html").contains("<html"));
    // Every file is counted once, made or copied.
    let files = tree.len() - 1; // the .statusgen marker is not made by a job
    assert!(
        stdout.contains(&format!("Rendered {files} files")),
        "{files} files:\n{stdout}"
    );
    assert!(stdout.contains(&format!("Wrote {files} files")), "{stdout}");
}

#[test]
fn a_theme_that_cannot_be_read_stops_the_build() {
    let out = TempDir::new("build-theme-errors");
    let site = TempDir::new("build-theme-errors-site");
    site.write("status.yaml", "title: T\ntheme: missing\n");
    site.write("incidents/a.yaml", "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\n");
    let (code, _, stderr) = build(site.path(), &out.join("public"), NOW);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: theme 'missing' not found"),
        "{stderr}"
    );
    site.write("status.yaml", "title: T\ntheme: mine\nlanguage: fr\n");
    site.write("themes/mine/i18n/fr.yaml", "title: [unclosed\n");
    let (code, _, stderr) = build(site.path(), &out.join("public"), NOW);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: themes/mine/i18n/fr.yaml:1:8:"),
        "{stderr}"
    );
    assert!(!out.join("public").exists());
    // `check` refuses what `build` refuses, the theme's files too.
    let (code, _, stderr) = run(["check".as_ref(), site.path().as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: themes/mine/i18n/fr.yaml:1:8:"),
        "{stderr}"
    );
}

#[test]
fn a_bad_base_url_is_a_usage_error_before_anything_is_read() {
    let out = TempDir::new("build-bad-base-url");
    let public = out.join("public");
    let args = [
        "build",
        "no-such-site",
        "-o",
        public.to_str().unwrap(),
        "--base-url",
        "example.com/status",
    ];
    let (code, stdout, stderr) = run(args);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert_eq!(
        stderr,
        "error: --base-url 'example.com/status' is not an absolute URL: write e.g. https://user.github.io/status/\n"
    );
    assert!(!public.exists());
}

#[test]
fn refuses_folders_that_are_not_its_own() {
    let out = TempDir::new("build-refuse");
    let docs = out.write("docs/notes.md", "mine");
    let (code, _, stderr) = build(&fixture("build/small"), &out.join("docs"), NOW);
    assert_eq!(code, 1);
    assert!(stderr.contains("not empty"), "{stderr}");
    assert_eq!(std::fs::read_to_string(docs).unwrap(), "mine");
    // Nor into the site itself.
    let site = TempDir::new("build-refuse-site");
    site.write("incidents/a.yaml", "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api:\n    - { at: 0, state: degraded }\n");
    let (code, _, stderr) = build(site.path(), site.path(), NOW);
    assert_eq!(code, 1);
    assert!(stderr.contains("contains the site"), "{stderr}");
}

#[test]
fn the_kakao_site_says_what_the_facts_say() {
    let out = TempDir::new("build-kakao");
    let (code, _, stderr) = build(&repo_root(), &out.join("h43"), "2022-10-17T10:30:00+09:00");
    assert_eq!(code, 0, "{stderr}");
    let index = std::fs::read_to_string(out.join("h43/index.html")).unwrap();
    let state_of = |html: &str, id: &str| {
        let key = format!("data-service=\"{id}\" data-state=\"");
        let at = html.find(&key).unwrap_or_else(|| panic!("no {id}")) + key.len();
        html[at..at + html[at..].find('"').unwrap()].to_string()
    };
    assert_eq!(state_of(&index, "kakaotalk"), "degraded");
    for id in [
        "daum", "kakaomap", "kakao-t", "piccoma", "melon", "gift", "channel", "login",
    ] {
        let state = state_of(&index, id);
        assert!(
            state == "degraded" || state == "partial_outage",
            "{id} is {state}"
        );
    }
    for id in ["kakaopay", "kakao-games", "kakao-webtoon", "zigzag"] {
        assert_eq!(state_of(&index, id), "operational", "{id}");
    }
    assert!(index.contains("data-phase=\"ongoing\""));
    let incident =
        std::fs::read_to_string(out.join("h43/incidents/kakao-pangyo-fire/index.html")).unwrap();
    assert!(incident.contains("43시간째, 서비스 13개 중 9개가 아직 정상이 아닙니다."));
    // Nothing after hour 43 is shown: no later update, no postmortem.
    assert!(!incident.contains("+49.2 h") && !incident.contains("사후 분석"));
    assert_eq!(
        incident.matches("<g class=\"tl-lane").count(),
        13,
        "13 lanes, drawn once for both orders"
    );

    let (code, _, stderr) = build(&repo_root(), &out.join("end"), "2022-10-21T00:00:00+09:00");
    assert_eq!(code, 0, "{stderr}");
    let index = std::fs::read_to_string(out.join("end/index.html")).unwrap();
    assert!(index.matches("data-state=\"operational\"").count() >= 13);
    assert!(
        !index.contains("data-state=\"degraded\"")
            && !index.contains("data-state=\"partial_outage\"")
    );
    let incident =
        std::fs::read_to_string(out.join("end/incidents/kakao-pangyo-fire/index.html")).unwrap();
    assert!(
        incident.contains("127시간 30분"),
        "the duration reads 127 h 30 min"
    );
    assert!(incident.contains("data-phase=\"resolved\""));
    assert!(incident.contains("사후 분석"));
    let mut charts = 0;
    for (start, _) in incident.match_indices("<svg xmlns") {
        let len = incident[start..].find("</svg>").unwrap() + "</svg>".len();
        let svg = &incident[start..start + len];
        assert!(len < 60_000, "a chart is {len} bytes");
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"));
        if doc.root_element().attribute("class") == Some("timeline") {
            charts += 1;
            let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
            assert!(title.text().unwrap().contains("판교 데이터센터 화재"));
            assert!(doc.descendants().any(|n| n.has_tag_name("desc")));
        }
    }
    assert_eq!(
        charts, 1,
        "one chart, in catalog order and by time to recover"
    );
    // Sorted by time to recover, the lanes take every row once: Kakao Games (row 10) first,
    // KakaoTalk (row 0) twelfth.
    let mut rows: Vec<i64> = Vec::new();
    for (row, (at, _)) in incident.match_indices("<g class=\"tl-lane").enumerate() {
        let class = &incident[at + 10..at + incident[at..].find("\">").unwrap()];
        let moves = match class.strip_prefix("tl-lane tl-") {
            Some(m) if m.starts_with("up-") => -m[3..].parse::<i64>().unwrap(),
            Some(m) => m.strip_prefix("down-").unwrap().parse().unwrap(),
            None => 0,
        };
        rows.push(row as i64 + moves);
    }
    assert_eq!(rows[10], 0, "{rows:?}");
    assert_eq!(rows[0], 11, "{rows:?}");
    rows.sort();
    assert_eq!(rows, (0..13).collect::<Vec<i64>>());
    assert!(incident.contains("<figure class=\"tl-figure tl-default\" id=\"by-recovery\">"));
}

#[test]
fn the_resolved_kakao_page_stays_small_and_keeps_every_change() {
    let out = TempDir::new("build-kakao-size");
    let (code, _, stderr) = build(&repo_root(), out.path(), "2022-10-25T00:00:00+09:00");
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(out.join("incidents/kakao-pangyo-fire/index.html")).unwrap();
    assert!(page.len() <= 100_000, "the page is {} bytes", page.len());
    let source =
        std::fs::read_to_string(repo_root().join("incidents/2022/kakao-pangyo-fire.yaml")).unwrap();
    let entries = source.matches("state:").count();
    let steps = &page[page.find("<ol class=\"steps\">").unwrap()..];
    let steps = &steps[..steps.find("</ol>").unwrap()];
    assert_eq!(steps.matches(" → <strong class=\"state-").count(), entries);
    let rows = steps.matches("<p class=\"cells\"").count();
    assert!(rows > 0);
    assert_eq!(steps.matches("<i class=\"").count(), rows * 13);
    assert_eq!(steps.matches("\" title=\"").count(), entries);
    // A state reached exactly at the resolution lasted no time: no "0 min" row.
    assert!(!page.contains("<td>0분</td>"), "a zero-length row");
    assert!(
        page.contains("카카오톡 채널: 정상"),
        "its change is still told"
    );
}

#[test]
fn an_incident_without_updates_has_no_updates_heading() {
    let site = crate::common::basic_site("build-no-updates");
    let out = TempDir::new("build-no-updates-out");
    let (code, _, stderr) = build(site.path(), out.path(), NOW);
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(out.join("incidents/outage/index.html")).unwrap();
    assert!(page.contains("<h1>API outage</h1>"), "{page}");
    assert!(
        !page.contains("<li class=\"update"),
        "the incident has no updates"
    );
    assert!(
        !page.contains("id=\"updates-title\""),
        "an empty Updates section"
    );
}
