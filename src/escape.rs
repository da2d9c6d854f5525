//! Escaping text into HTML and XML, in one place. Everything an input file says reaches a
//! page, feed or badge through here, the sanitized Markdown of `markdown.rs`, or the
//! template engine's autoescape.

/// `&`, `<`, `>`, `"` and `'` as entities: text that is safe as the content and as a quoted
/// attribute of HTML and XML alike.
pub(crate) fn xml_escape(text: &str) -> String {
    escape_with(text, "&apos;", 8)
}

/// [`xml_escape`] with `'` written `&#39;`, as pulldown-cmark writes it: for the attributes
/// of links made from Markdown.
pub(crate) fn markdown_attribute(text: &str) -> String {
    escape_with(text, "&#39;", 0)
}

/// Untrusted text for XML: escaped, and without the characters XML 1.0 forbids even escaped
/// (most C0 controls), so that no input can make a feed or badge unparsable.
pub(crate) fn xml_text(text: &str) -> String {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    };
    // Bytes first: a control below space, or the lead byte of U+FFFE and U+FFFF, is rare.
    let suspect = text
        .bytes()
        .any(|b| (b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF);
    if !suspect || text.chars().all(allowed) {
        return xml_escape(text);
    }
    let clean: String = text.chars().filter(|c| allowed(*c)).collect();
    xml_escape(&clean)
}

fn escape_with(text: &str, apostrophe: &str, room: usize) -> String {
    let mut out = String::with_capacity(text.len() + room);
    let appended: Result<(), std::convert::Infallible> = escaped_runs(text, apostrophe, |run| {
        out.push_str(run);
        Ok(())
    });
    let Ok(()) = appended;
    out
}

/// Hands `emit` the escaped `text` piece by piece, copying the runs between special
/// characters whole (most text has none, and pages escape a great deal of it), each special
/// character as its entity.
fn escaped_runs<E>(
    text: &str,
    apostrophe: &str,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut done = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => apostrophe,
            _ => continue,
        };
        emit(&text[done..i])?;
        emit(entity)?;
        done = i + 1;
    }
    emit(&text[done..])
}

/// [`xml_escape`] appended to `out`, without a string of its own: for the charts' labels and
/// the sitemap.
pub(crate) fn push_xml(out: &mut String, text: &str) {
    let appended: Result<(), std::convert::Infallible> = escaped_runs(text, "&apos;", |run| {
        out.push_str(run);
        Ok(())
    });
    let Ok(()) = appended;
}

/// Text written escaped as by [`xml_escape`] straight into `write!`, without a string of its
/// own: for the charts, which escape every label and tooltip.
pub(crate) struct Xml<'a>(pub &'a str);

impl std::fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        escaped_runs(self.0, "&apos;", |run| f.write_str(run))
    }
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
        let text = r#"plain, <a href="x">Tom & 'Jerry'</a> 카카오톡>"#;
        assert_eq!(Xml(text).to_string(), xml_escape(text));
        assert_eq!(Xml("").to_string(), "");
    }

    #[test]
    fn xml_text_escapes_and_drops_forbidden_characters() {
        assert_eq!(
            xml_text("a<b>&\u{7}\"c'\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\n"
        );
        assert_eq!(xml_text("\u{FFFF}x\u{FFFE}ｙ\u{EFFF}"), "xｙ\u{EFFF}");
        assert_eq!(xml_text("plain ｙ"), "plain ｙ");
    }
}
