//! What `serve` adds to the HTML it serves (never to `build` output): the live-reload script,
//! a Content-Security-Policy that lets that script run, and the banner of a broken build.
//!
//! The built pages forbid scripts with a CSP meta tag, and inline scripts would need
//! `'unsafe-inline'`; so the script is a same-origin file and the policy gains exactly
//! `script-src 'self'` and `connect-src 'self'` (for its long poll).

use std::borrow::Cow;

use crate::escape::xml_escape;

/// Where the served pages load the reload script from.
pub(crate) const RELOAD_JS_PATH: &str = "/__statusgen/reload.js";
/// The banner's stylesheet: `style-src 'self'` rules out inline styles.
pub(crate) const OVERLAY_CSS_PATH: &str = "/__statusgen/overlay.css";
/// The long poll: answers with the build version once it differs from `since`.
pub(crate) const VERSION_PATH: &str = "/__statusgen/version";

pub(crate) const RELOAD_JS: &str = include_str!("reload.js");
pub(crate) const OVERLAY_CSS: &str = include_str!("overlay.css");

/// The bytes to serve for the built file at `path`: HTML gets the script (and the banner
/// when the last build failed); everything else is served as built.
pub(crate) fn for_serving<'a>(
    path: &str,
    bytes: &'a [u8],
    version: u64,
    error: Option<&str>,
) -> Cow<'a, [u8]> {
    if !is_html(path) {
        return Cow::Borrowed(bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(html) => Cow::Owned(inject(html, version, error).into_bytes()),
        Err(_) => Cow::Borrowed(bytes),
    }
}

pub(crate) fn is_html(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// Adds the reload script before `</body>`, loosens the CSP for it, and shows `error` (the
/// located diagnostics of the failed build, plain text) in a banner at the top of the page.
pub(crate) fn inject(html: &str, version: u64, error: Option<&str>) -> String {
    let banner = error.map(|error| overlay(KEPT_SITE, error));
    with_script(html, version, banner.as_deref())
}

const KEPT_SITE: &str = "<strong>statusgen: the last change does not build.</strong> \
    This is the last good site; the page reloads when the error is fixed.";
const NO_SITE: &str = "<strong>statusgen: the site does not build.</strong> \
    The page reloads when the error is fixed.";

fn with_script(html: &str, version: u64, banner: Option<&str>) -> String {
    let mut out = rewrite_csp(html);
    if let Some(banner) = banner {
        let link = format!("<link rel=\"stylesheet\" href=\"{OVERLAY_CSS_PATH}\">\n");
        insert_before_close(&mut out, "</head>", &link, false);
        insert_after_body_open(&mut out, banner);
    }
    let script = format!(
        "<script src=\"{RELOAD_JS_PATH}\" data-statusgen-version=\"{version}\"></script>\n"
    );
    insert_before_close(&mut out, "</body>", &script, true);
    out
}

/// The banner of a failed build: `headline` (HTML), then the diagnostics, HTML-escaped.
fn overlay(headline: &str, error: &str) -> String {
    format!(
        "<div id=\"statusgen-error\" role=\"alert\">\n<p>{headline}</p>\n<pre>{}</pre>\n</div>\n",
        xml_escape(error.trim_end())
    )
}

/// A whole page for when there is no good build yet: the error and the reload script.
pub(crate) fn error_page(version: u64, error: &str) -> String {
    let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'\">\n\
<title>statusgen: the site does not build</title>\n</head>\n<body>\n</body>\n</html>\n";
    with_script(page, version, Some(&overlay(NO_SITE, error)))
}

/// Rewrites every `<meta http-equiv="Content-Security-Policy" content="...">` to allow the
/// reload script; a page without one allows scripts already.
fn rewrite_csp(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() + 64);
    let mut done = 0;
    let mut from = 0;
    while let Some(found) = lower[from..].find("<meta") {
        let start = from + found;
        let Some(len) = lower[start..].find('>') else {
            break;
        };
        let end = start + len;
        from = end;
        let tag = &lower[start..end];
        if !tag.contains("content-security-policy") {
            continue;
        }
        let Some(value_start) = tag
            .find("content=\"")
            .map(|i| start + i + "content=\"".len())
        else {
            continue;
        };
        let Some(value_len) = lower[value_start..end].find('"') else {
            continue;
        };
        let value_end = value_start + value_len;
        out.push_str(&html[done..value_start]);
        out.push_str(&allow_self(
            &html[value_start..value_end],
            &["script-src", "connect-src"],
        ));
        done = value_end;
    }
    out.push_str(&html[done..]);
    out
}

/// The policy with `'self'` among the sources of each of `directives` (replacing `'none'`),
/// adding the directives that are missing.
pub(crate) fn allow_self(policy: &str, directives: &[&str]) -> String {
    let mut parts: Vec<String> = policy
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    for directive in directives {
        let existing = parts.iter_mut().find(|p| {
            p.split_ascii_whitespace()
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case(directive))
        });
        match existing {
            Some(part) => {
                let mut tokens: Vec<&str> = part
                    .split_ascii_whitespace()
                    .filter(|t| !t.eq_ignore_ascii_case("'none'"))
                    .collect();
                if !tokens.iter().any(|t| t.eq_ignore_ascii_case("'self'")) {
                    tokens.push("'self'");
                }
                *part = tokens.join(" ");
            }
            None => parts.push(format!("{directive} 'self'")),
        }
    }
    parts.join("; ")
}

/// Inserts `text` before the last `close` tag (case-insensitive), or at the end (`at_end`)
/// or the start of the document when there is none.
fn insert_before_close(html: &mut String, close: &str, text: &str, at_end: bool) {
    match html.to_ascii_lowercase().rfind(close) {
        Some(i) => html.insert_str(i, text),
        None if at_end => html.push_str(text),
        None => html.insert_str(0, text),
    }
}

/// Inserts `text` just inside `<body ...>`, or at the end when there is no body tag.
fn insert_after_body_open(html: &mut String, text: &str) {
    let lower = html.to_ascii_lowercase();
    let body = lower.match_indices("<body").find(|(i, _)| {
        lower[i + "<body".len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c.is_ascii_whitespace())
    });
    match body.and_then(|(i, _)| lower[i..].find('>').map(|end| i + end + 1)) {
        Some(at) => html.insert_str(at, &format!("\n{text}")),
        None => html.push_str(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'\">\n\
<title>T</title>\n</head>\n<body class=\"page-index\">\n<main>hi</main>\n</body>\n</html>\n";

    #[test]
    fn adds_the_script_and_allows_it_in_the_policy() {
        let html = inject(PAGE, 7, None);
        assert!(html.contains(
            "<script src=\"/__statusgen/reload.js\" data-statusgen-version=\"7\"></script>\n</body>"
        ));
        assert!(html.contains(
            "content=\"default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; script-src 'self'; connect-src 'self'\""
        ));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(
            !html.contains("statusgen-error"),
            "no banner without an error"
        );
        assert!(!html.contains(OVERLAY_CSS_PATH));
        // Everything else stays as built.
        assert!(html.starts_with(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        ));
        assert!(html.contains("<body class=\"page-index\">\n<main>hi</main>\n"));
    }

    #[test]
    fn loosens_existing_directives_without_duplicating_them() {
        assert_eq!(
            allow_self(
                "default-src 'none'; script-src 'none'; connect-src 'self' https://x.test",
                &["script-src", "connect-src"]
            ),
            "default-src 'none'; script-src 'self'; connect-src 'self' https://x.test"
        );
        assert_eq!(allow_self("", &["script-src"]), "script-src 'self'");
    }

    #[test]
    fn a_page_without_a_policy_gets_only_the_script() {
        let html = inject("<html><body><p>x</p></body></html>", 1, None);
        assert_eq!(
            html,
            "<html><body><p>x</p><script src=\"/__statusgen/reload.js\" data-statusgen-version=\"1\"></script>\n</body></html>"
        );
    }

    #[test]
    fn non_html_is_served_as_built() {
        let css = b"body { color: red }";
        assert!(
            matches!(for_serving("style.css", css, 3, Some("boom")), Cow::Borrowed(b) if b == css)
        );
        let json = br#"{"page":{"name":"<body>"}}"#;
        assert_eq!(&*for_serving("api/v2/summary.json", json, 3, None), json);
        let svg = b"<svg><script/></svg>";
        assert_eq!(&*for_serving("badge.svg", svg, 3, None), svg);
        let page = for_serving("incidents/a/index.html", PAGE.as_bytes(), 3, None);
        assert!(String::from_utf8_lossy(&page).contains(RELOAD_JS_PATH));
    }

    #[test]
    fn the_banner_escapes_the_error_and_sits_at_the_top() {
        let error = "error: unknown state 'kaput' <b>\n --> incidents/a.yaml:6:23\n";
        let html = inject(PAGE, 2, Some(error));
        let banner = html.find("<div id=\"statusgen-error\"").expect("a banner");
        assert!(html[..banner].ends_with("<body class=\"page-index\">\n"));
        assert!(html.contains(
            "<pre>error: unknown state &apos;kaput&apos; &lt;b&gt;\n --&gt; incidents/a.yaml:6:23</pre>"
        ));
        assert!(!html.contains("<b>"));
        assert!(
            html.contains("<link rel=\"stylesheet\" href=\"/__statusgen/overlay.css\">\n</head>")
        );
        assert!(html.contains(RELOAD_JS_PATH));
    }

    #[test]
    fn the_error_page_shows_the_error_and_reloads() {
        let html = error_page(1, "error: x & y");
        assert!(html.contains("<pre>error: x &amp; y</pre>"));
        assert!(html.contains("script-src 'self'; connect-src 'self'"));
        assert!(html.contains("data-statusgen-version=\"1\""));
        assert!(!html.contains("last good site"));
    }
}
