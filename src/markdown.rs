//! Markdown to safe HTML: the only place pulldown-cmark and the sanitizer (ammonia) are used.
//! Incident files are untrusted input, so everything they say goes through [`to_html`].

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

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
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    CLEANER.clean(&raw).to_string()
}

/// Markdown reduced to plain text on one line, for summaries, titles and feeds' excerpts.
pub fn to_plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
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
    fn plain_text_flattens() {
        assert_eq!(
            to_plain_text("**Bold** and `code`\n\nnext"),
            "Bold and code next"
        );
    }
}
