//! Escaping text into HTML and XML, in one place. Everything an input file says reaches a
//! page, feed or badge through here, the sanitized Markdown of `markdown.rs`, or the
//! template engine's autoescape.

/// `&`, `<`, `>`, `"` and `'` as entities: text that is safe as the content and as a quoted
/// attribute of HTML and XML alike.
pub fn xml_escape(text: &str) -> String {
    escape_with(text, "&apos;", 8)
}

/// [`xml_escape`] with `'` written `&#39;`, as pulldown-cmark writes it: for the attributes
/// of links made from Markdown.
pub fn markdown_attribute(text: &str) -> String {
    escape_with(text, "&#39;", 0)
}

/// Untrusted text for XML: escaped, and without the characters XML 1.0 forbids even escaped
/// (most C0 controls), so that no input can make a feed or badge unparsable.
pub fn xml_text(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect();
    xml_escape(&clean)
}

fn escape_with(text: &str, apostrophe: &str, room: usize) -> String {
    let mut out = String::with_capacity(text.len() + room);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            xml_escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
        assert_eq!(xml_escape("카카오톡"), "카카오톡");
        assert_eq!(markdown_attribute("it's <b>"), "it&#39;s &lt;b&gt;");
    }

    #[test]
    fn xml_text_escapes_and_drops_forbidden_characters() {
        assert_eq!(
            xml_text("a<b>&\u{7}\"c'\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\n"
        );
    }
}
