//! Plain text as Markdown that renders as the same text. Statuspage's update bodies are
//! plain text; statusgen's are Markdown, where `*`, `_`, `<`, a leading `-` or `1.` and
//! four leading spaces all mean something. Every such character is escaped, and each line
//! break stays a line break.

/// Plain `text` as Markdown showing exactly its words and lines. Runs of blank lines become
/// one paragraph break; leading spaces become no-break spaces (Markdown would drop them or
/// start a code block); trailing spaces go.
pub(crate) fn from_plain_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(escape_line(line));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .iter()
        .map(|lines| lines.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One line: its indentation kept visible, its block markers and inline markup escaped.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let rest = line.trim_start();
    for c in line[..line.len() - rest.len()].chars() {
        let width = if c == '\t' { 4 } else { 1 };
        out.extend(std::iter::repeat_n('\u{A0}', width));
    }
    // A list, heading, quote or setext underline starts the line; an ordered list is digits
    // then `.` or `)`.
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let chars: Vec<char> = rest.chars().collect();
    for (n, &c) in chars.iter().enumerate() {
        let at_start = n == 0 && matches!(c, '#' | '-' | '+' | '=');
        let list_number = digits > 0 && n == digits && matches!(c, '.' | ')');
        let entity = c == '&'
            && chars
                .get(n + 1)
                .is_some_and(|next| next.is_ascii_alphabetic() || *next == '#');
        let markup = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
        );
        if at_start || list_number || entity || markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    /// The text a reader sees in the rendered HTML: tags dropped, entities decoded, hard
    /// breaks as line breaks and paragraphs separated by a blank line.
    fn shown(html: &str) -> String {
        let text = html
            .replace("<br />\n", "\n")
            .replace("<br>\n", "\n")
            .replace("<br>", "\n")
            .replace("</p>\n<p>", "\n\n")
            .replace("<p>", "")
            .replace("</p>", "");
        assert!(!text.contains('<'), "markup left in {html:?}");
        text.trim_end_matches('\n')
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    /// What the plain text should look like: the same lines, indentation as no-break spaces,
    /// one blank line between paragraphs.
    fn expected(text: &str) -> String {
        let mut out: Vec<String> = Vec::new();
        for line in text.replace("\r\n", "\n").split('\n') {
            let line = line.trim_end();
            let rest = line.trim_start();
            let indent: String = line[..line.len() - rest.len()]
                .chars()
                .map(|c| {
                    if c == '\t' {
                        "\u{A0}".repeat(4)
                    } else {
                        "\u{A0}".into()
                    }
                })
                .collect();
            if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
                continue;
            }
            out.push(format!("{indent}{rest}"));
        }
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        out.join("\n")
    }

    const PLAIN: &[&str] = &[
        "We are investigating elevated error rates.",
        "Line one\nLine two\n\nNew paragraph",
        "Steps:\n- restart the app\n- clear the cache\n* or this\n+ or that",
        "1. first\n2) second\n10. tenth",
        "# not a heading\n## nor this",
        "> not a quote",
        "Title\n=====\nSubtitle\n--------",
        "---\n***\n___",
        "    four spaces: not code\n\tnor a tab",
        "*not emphasis* _nor this_ **nor bold** ~~nor struck~~",
        "a_b_c snake_case and 2*3*4",
        "`not code` and ``neither``",
        "[not a link](http://example.com) ![nor an image](x.png) [^1]",
        "[ref]: http://example.com",
        "<script>alert(1)</script> <b>bold?</b> <https://example.com>",
        "AT&T &amp; &#169; &copy; & alone",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "- [ ] task\n- [x] done",
        "back\\slash and \\*escaped\\*",
        "ends with a backslash\\\nnext line",
        "https://example.com/a_b_c?x=1&y=2",
        "카카오톡 메시지 송수신 불가 — 복구 중 *",
        "trailing spaces   \nwindows\r\nline ends",
        "\n\nleading and trailing blank lines\n\n\n",
    ];

    #[test]
    fn plain_text_renders_as_the_same_text() {
        for text in PLAIN {
            let markdown = from_plain_text(text);
            let html = markdown::to_html(&markdown);
            assert_eq!(
                shown(&html),
                expected(text),
                "\ntext: {text:?}\nmarkdown: {markdown:?}\nhtml: {html:?}"
            );
        }
    }

    #[test]
    fn ordinary_prose_is_left_as_it_is() {
        let prose = "We found the cause: a faulty deploy. Error rates are back to normal (99.9%).";
        assert_eq!(from_plain_text(prose), prose);
        assert_eq!(from_plain_text(""), "");
    }
}
