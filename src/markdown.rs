//! Markdown to safe HTML: the only place pulldown-cmark and the sanitizer (ammonia) are used.
//! Incident files are untrusted input, so everything they say goes through [`to_html`].

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("div", ["class", "id"])
        .add_tag_attributes("sup", ["class", "id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .link_rel(Some("noopener noreferrer nofollow"))
        .attribute_filter(keep_attribute);
    builder
});

/// Renders Markdown (tables, strikethrough, footnotes, task lists) and sanitizes the result:
/// no script, event handler, `javascript:` URL, frame or style survives, and images from
/// another origin are dropped so a page never loads anything from elsewhere.
pub(crate) fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let parser = Parser::new_ext(markdown, options);
    // Raw HTML needs a `<` and tables (whose alignment comes out as style attributes) a `|`.
    // Without either, the only unsafe things Markdown can say are link and image URLs,
    // which are checked event by event: much cheaper than parsing the HTML again.
    if !markdown.contains(['<', '|']) {
        html::push_html(
            &mut raw,
            SafeEvents {
                inner: parser,
                skip_image: 0,
            },
        );
        return raw;
    }
    html::push_html(&mut raw, parser);
    CLEANER.clean(&raw).to_string()
}

/// Events of HTML-free Markdown, with links made like the sanitizer makes them and unsafe
/// link or image URLs removed.
struct SafeEvents<'a> {
    inner: Parser<'a>,
    /// Inside an image that was dropped: its alt text is dropped too.
    skip_image: usize,
}

impl<'a> Iterator for SafeEvents<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let event = self.inner.next()?;
            match event {
                Event::Start(Tag::Image { ref dest_url, .. })
                    if self.skip_image > 0 || !safe_image(dest_url) =>
                {
                    self.skip_image += 1;
                }
                Event::End(TagEnd::Image) if self.skip_image > 0 => self.skip_image -= 1,
                _ if self.skip_image > 0 => {}
                Event::Start(Tag::Link {
                    dest_url, title, ..
                }) => {
                    if !safe_link(&dest_url) {
                        return Some(Event::Html("<a>".into()));
                    }
                    let title = if title.is_empty() {
                        String::new()
                    } else {
                        format!(" title=\"{}\"", crate::escape::markdown_attribute(&title))
                    };
                    let tag = format!(
                        "<a href=\"{}\"{title} rel=\"noopener noreferrer nofollow\">",
                        crate::escape::markdown_attribute(&dest_url)
                    );
                    return Some(Event::Html(tag.into()));
                }
                Event::End(TagEnd::Link) => return Some(Event::Html("</a>".into())),
                other => return Some(other),
            }
        }
    }
}

/// Relative URLs and the schemes people link to from a status page.
fn safe_link(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(scheme) => ["http", "https", "mailto", "tel", "ftp", "ftps"]
            .contains(&scheme.to_ascii_lowercase().as_str()),
    }
}

/// Only images of the site itself: nothing is loaded from another origin.
fn safe_image(url: &str) -> bool {
    scheme(url).is_none() && !url.trim_start().starts_with("//")
}

/// The scheme of an absolute URL, as browsers read it (`JaVaScRiPt:` included).
fn scheme(url: &str) -> Option<&str> {
    let url = url.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    let end = url.find([':', '/', '?', '#'])?;
    (url.as_bytes()[end] == b':' && end > 0).then(|| &url[..end])
}

/// Markdown reduced to plain text on one line, for summaries, titles and feeds' excerpts.
pub(crate) fn to_plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn keep_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let remote = || {
        let v = value.trim_start().to_ascii_lowercase();
        v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//")
    };
    match (element, attribute) {
        ("img", "src") if remote() => None,
        ("input", "type") if value != "checkbox" => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_extensions() {
        let html = to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nnote[^1]\n\n[^1]: source",
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains(r#"type="checkbox""#), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }

    #[test]
    fn strips_everything_executable() {
        // Blank lines end HTML blocks, so the Markdown link is parsed as a link.
        let hostile = r##"<script>alert(1)</script>
<img src=x onerror="alert(2)">

[click](javascript:alert(3)) and <a href="JaVaScRiPt:alert(7)">x</a>

<iframe src="https://evil.example"></iframe>
<a href="#" onclick="alert(4)" style="position:fixed">x</a>
<style>body{display:none}</style>
<svg onload=alert(5)><script>alert(6)</script></svg>
<object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example"><input type="text" name="q"></form>
<meta http-equiv="refresh" content="0;url=https://evil.example">

![remote](https://tracker.example/pixel.gif)"##;
        let html = to_html(hostile).to_ascii_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "onload",
            "javascript:",
            "<iframe",
            "style=",
            "<style",
            "<object",
            "<embed",
            "<form",
            "<meta",
            "tracker.example",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn html_free_markdown_is_checked_without_the_sanitizer() {
        let html = to_html(
            "[a](javascript:alert(1)) [b]( JaVaScRiPt:alert(2)) [c](data:text/html,x) \
             [ok](https://example.com/?a=1&b=\"2\") [rel](../x.html) [m](mailto:ops@example.com)\n\n\
             ![pixel](https://tracker.example/p.gif) ![proto](//tracker.example/p.gif) ![local](logo.png)\n\n\
             - [x] done\n\n**bold** `code`",
        );
        let lower = html.to_ascii_lowercase();
        for bad in [
            "javascript:",
            "data:text",
            "tracker.example",
            "onerror",
            "style=",
        ] {
            assert!(!lower.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains(r#"<a href="https://example.com/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer nofollow">ok</a>"#), "{html}");
        assert!(
            html.contains(r#"<a href="../x.html" rel="noopener noreferrer nofollow">rel</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"href="mailto:ops@example.com""#), "{html}");
        assert!(
            html.contains(r#"<img src="logo.png" alt="local" />"#),
            "{html}"
        );
        assert!(html.contains(r#"<a>a</a>"#), "{html}");
        assert!(
            html.contains("<strong>bold</strong>") && html.contains(r#"type="checkbox""#),
            "{html}"
        );
    }

    #[test]
    fn both_paths_agree_on_plain_markdown() {
        let text = "Some **bold** text with [a link](https://example.com/).";
        let fast = to_html(text);
        let mut raw = String::new();
        html::push_html(&mut raw, Parser::new(text));
        assert_eq!(fast.trim(), CLEANER.clean(&raw).to_string().trim());
    }

    #[test]
    fn plain_text_flattens() {
        assert_eq!(
            to_plain_text("**Bold** and `code`\n\nnext"),
            "Bold and code next"
        );
    }
}
