//! Showing the status elsewhere: the iframe widget `embed/index.html` of a build, and the
//! mdBook preprocessor `statusgen mdbook` fed a book on stdin as mdBook does. The
//! repository's own site is used at hour 43 of the Kakao outage (9 of 13 services impaired)
//! and after it was resolved.

use std::path::Path;

use serde_json::Value;

use crate::common::{
    DEFAULT_TIMEOUT, TempDir, assert_contains, finish, fixture, repo_root, run, statusgen,
};

const HOUR_43: &str = "2022-10-17T10:30:00+09:00";
const AFTER: &str = "2022-10-21T00:00:00+09:00";
const IMPAIRED_AT_43: &[(&str, &str)] = &[
    ("kakaotalk", "degraded"),
    ("daum", "partial_outage"),
    ("kakaomap", "degraded"),
    ("kakao-t", "partial_outage"),
    ("piccoma", "degraded"),
    ("melon", "degraded"),
    ("gift", "partial_outage"),
    ("channel", "partial_outage"),
    ("login", "degraded"),
];

/// Builds the repository's site at `now` and returns its embed page.
fn embed_page(out: &TempDir, now: &str) -> String {
    let public = out.join("public");
    let (code, _, stderr) = run([
        "build".as_ref(),
        repo_root().as_os_str(),
        "-o".as_ref(),
        public.as_os_str(),
        "--now".as_ref(),
        now.as_ref(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(public.join("embed.css").is_file(), "embed.css is written");
    std::fs::read_to_string(public.join("embed/index.html")).expect("embed/index.html")
}

/// Every `href="..."` of the page.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|piece| &piece[..piece.find('"').unwrap()])
        .collect()
}

#[test]
fn embed_shows_what_is_wrong_and_opens_links_in_the_top_window() {
    let out = TempDir::new("embed-43");
    let html = embed_page(&out, HOUR_43);
    assert!(!html.contains("<script"), "no JavaScript:\n{html}");
    assert!(!html.contains("style="), "no inline styles (CSP):\n{html}");
    assert_contains(
        &html,
        &[
            "default-src 'none'; style-src 'self'",
            r#"<link rel="stylesheet" href="../embed.css">"#,
            // One roll-up with the API: some services partly down is a minor outage.
            r#"<p class="banner state-degraded" data-state="degraded" data-indicator="minor">"#,
            r#"<li data-incident="kakao-pangyo-fire" data-phase="ongoing"><a href="../incidents/kakao-pangyo-fire/index.html" target="_top">"#,
        ],
    );
    // Every link leaves the iframe, and leads to a page of the build.
    let anchors = html.matches("<a ").count();
    assert!(anchors >= 11, "{anchors} links:\n{html}");
    assert_eq!(html.matches(r#"target="_top""#).count(), anchors, "{html}");
    let public = out.join("public/embed");
    for href in hrefs(&html) {
        assert!(href.starts_with("../"), "{href}");
        assert!(public.join(href).is_file(), "{href} does not resolve");
    }
    // The 9 impaired services, in catalog order, with their states; no operational one.
    let listed: Vec<(String, String)> = html
        .split("<li data-service=\"")
        .skip(1)
        .map(|piece| {
            let id = &piece[..piece.find('"').unwrap()];
            let state = piece.split("data-state=\"").nth(1).unwrap();
            (
                id.to_string(),
                state[..state.find('"').unwrap()].to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = IMPAIRED_AT_43
        .iter()
        .map(|(id, state)| (id.to_string(), state.to_string()))
        .collect();
    assert_eq!(listed, expected);
    // Each with its state word (Korean site) and icon.
    assert_eq!(html.matches("성능 저하").count(), 5);
    assert_eq!(html.matches("부분 장애").count(), 4);
    assert_eq!(html.matches(r#"<svg class="icon""#).count(), 1 + 9);
}

#[test]
fn embed_is_short_when_all_is_well() {
    let out = TempDir::new("embed-after");
    let html = embed_page(&out, AFTER);
    assert_contains(
        &html,
        &[
            r#"data-state="operational""#,
            "모든 서비스 정상",
            "전체 상태 페이지",
        ],
    );
    assert!(!html.contains("data-service="), "{html}");
    assert!(!html.contains("data-incident="), "{html}");
}

/// Runs `statusgen ARGS` with `input` on stdin; returns (exit code, stdout, stderr).
fn run_with_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    let mut command = statusgen(&repo_root());
    command.args(args);
    finish(command, Some(input), DEFAULT_TIMEOUT)
}

/// `[context, book]` as mdBook 0.5 sends it: a status chapter with an incident sub-chapter.
fn book_input(root: &Path, site: &str, incident: &str) -> String {
    let chapter = |name: &str, content: &str, sub_items: &str| {
        format!(
            r#"{{"Chapter": {{"name": "{name}", "content": {content:?}, "number": [1],
                "sub_items": [{sub_items}], "path": "{name}.md", "source_path": "{name}.md",
                "parent_names": []}}}}"#
        )
    };
    let incident = chapter(
        "incident",
        &format!("# Fire\n\n{{{{#statusgen incident {incident}}}}}\n"),
        "",
    );
    let status = chapter("status", "# Status\n\n{{#statusgen status}}\n", &incident);
    format!(
        r#"[{{"root": {root:?}, "config": {{"book": {{"src": "src"}}, "preprocessor":
            {{"statusgen": {{"command": "statusgen mdbook", "site": "{site}", "now": "{HOUR_43}"}}}}}},
            "renderer": "html", "mdbook_version": "0.5.4"}},
           {{"items": [{status}, "Separator"]}}]"#,
        root = root.display().to_string()
    )
}

#[test]
fn mdbook_supports_html_only() {
    let (code, out, err) = run(["mdbook", "supports", "html"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let (code, out, err) = run(["mdbook", "supports", "epub"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
}

#[test]
fn mdbook_replaces_directives_with_blocks() {
    let input = book_input(&repo_root(), ".", "kakao-pangyo-fire");
    let (code, stdout, stderr) = run_with_stdin(&["mdbook"], &input);
    assert_eq!(code, 0, "{stderr}");
    let book: Value = serde_json::from_str(&stdout).expect("the book comes back as JSON");
    let status = &book["items"][0]["Chapter"];
    let incident = &status["sub_items"][0]["Chapter"];
    assert_eq!(book["items"][1], "Separator");
    assert_eq!(incident["path"], "incident.md");
    let status = status["content"].as_str().unwrap();
    let incident = incident["content"].as_str().unwrap();
    for (id, state) in IMPAIRED_AT_43 {
        assert_contains(
            status,
            &[&format!(r#"data-service="{id}" data-state="{state}""#)],
        );
    }
    assert_contains(
        status,
        &[
            "# Status\n\n\n\n<div class=\"statusgen statusgen-status\" data-state=\"degraded\" data-indicator=\"minor\">",
            r#"data-service="kakaopay" data-state="operational""#,
        ],
    );
    assert_contains(
        incident,
        &[
            r#"<div class="statusgen statusgen-incident" data-incident="kakao-pangyo-fire" data-phase="ongoing">"#,
            "판교 데이터센터 화재로 카카오 서비스 장애",
            "43시간째, 서비스 13개 중 9개가 아직 정상이 아닙니다.",
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline""#,
        ],
    );
    for block in [status, incident] {
        assert!(!block.contains("{{#statusgen"), "{block}");
        // One raw HTML block for Markdown: no blank line inside, no indented line.
        let html = block.split("\n\n\n\n").nth(1).unwrap().trim_end();
        assert!(!html.contains("\n\n"), "{html}");
        assert!(!html.contains("\n "), "{html}");
    }
}

#[test]
fn mdbook_fails_with_the_place_of_an_unknown_incident() {
    let input = book_input(&repo_root(), ".", "kakao-pangyo-fir");
    let (code, stdout, stderr) = run_with_stdin(&["mdbook"], &input);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "", "nothing for mdBook to read");
    assert_contains(
        &stderr,
        &[
            "error: unknown incident 'kakao-pangyo-fir' — did you mean 'kakao-pangyo-fire'?",
            "--> src/incident.md:3:1",
            "3 | {{#statusgen incident kakao-pangyo-fir}}",
            "1 problem in the book at",
        ],
    );
}

#[test]
fn mdbook_fails_on_an_invalid_site_with_its_diagnostics() {
    let site = fixture("invalid/unknown-service");
    let input = book_input(site.parent().unwrap(), "unknown-service", "outage");
    let (code, stdout, stderr) = run_with_stdin(&["mdbook"], &input);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert_contains(
        &stderr,
        &["unknown service 'apii'", "--> incidents/outage.yaml:"],
    );
    let input = book_input(&repo_root(), "no-such-site", "x");
    let (code, _, stderr) = run_with_stdin(&["mdbook"], &input);
    assert_eq!(code, 1, "{stderr}");
    assert_contains(&stderr, &["site = \"no-such-site\"", "is not a folder"]);
}

#[test]
fn mdbook_base_url_is_checked_and_normalized_like_the_command_line_one() {
    let input = book_input(&repo_root(), ".", "kakao-pangyo-fire");
    let with =
        |url: &str| input.replace("\"now\": ", &format!("\"base-url\": \"{url}\", \"now\": "));
    let (code, stdout, stderr) = run_with_stdin(&["mdbook"], &with("https://x.io/status"));
    assert_eq!(code, 0, "{stderr}");
    assert_contains(
        &stdout,
        &["https://x.io/status/incidents/kakao-pangyo-fire/"],
    );
    let (code, stdout, stderr) = run_with_stdin(&["mdbook"], &with("/status/"));
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    assert_contains(
        &stderr,
        &[
            "base-url = \"/status/\" in [preprocessor.statusgen] of book.toml is not an absolute URL",
        ],
    );
}
