//! Text as a YAML scalar that reads back as exactly that text: plain when it is safe, a
//! literal block (`|`) for Markdown over several lines, double-quoted otherwise. Every
//! choice is checked by parsing it back.

use serde::Deserialize;

use crate::load::yaml;

/// Where the scalar goes: inside `{ ... }`/`[ ... ]`, or as a block mapping's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    Flow,
    Block,
}

/// A scalar ready to write, and the string it reads back as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Encoded {
    /// Written after `key: ` on the same line.
    Inline { text: String, value: String },
    /// `key: HEADER`, then each line indented (empty lines stay empty).
    Block {
        header: String,
        lines: Vec<String>,
        value: String,
    },
}

impl Encoded {
    pub(crate) fn value(&self) -> &str {
        match self {
            Encoded::Inline { value, .. } | Encoded::Block { value, .. } => value,
        }
    }

    /// `key: VALUE`, with block lines indented by `indent` and ended with `eol`.
    pub(crate) fn render(&self, key: &str, indent: &str, eol: &str) -> String {
        match self {
            Encoded::Inline { text, .. } => format!("{key}: {text}"),
            Encoded::Block { header, lines, .. } => {
                let mut out = format!("{key}: {header}");
                for line in lines {
                    out.push_str(eol);
                    if !line.is_empty() {
                        out.push_str(indent);
                        out.push_str(line);
                    }
                }
                out
            }
        }
    }
}

/// One-line text: plain when safe in `context`, else double-quoted.
pub(crate) fn inline(text: &str, context: Context) -> Encoded {
    Encoded::Inline {
        text: quote(text, context),
        value: text.to_string(),
    }
}

/// `text` as a scalar that reads back as exactly `text` (a title, a note): itself when
/// that is safe in `context`, else double-quoted.
pub(crate) fn quote(text: &str, context: Context) -> String {
    if plain_is_safe(text, context) && reads_back(&plain_doc(text, context), text) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

/// Markdown for a block mapping: trailing blank space is dropped; several lines (or
/// `prefer_block`, when the neighbours use `|`) make a literal block ending in one newline.
pub(crate) fn markdown(text: &str, prefer_block: bool) -> Encoded {
    let text = text.trim_end();
    if prefer_block || text.contains('\n') {
        let value = format!("{text}\n");
        if let Some(block) = literal(&value) {
            return block;
        }
    }
    inline(text, Context::Block)
}

fn literal(value: &str) -> Option<Encoded> {
    let body = value.strip_suffix('\n')?;
    if body.trim().is_empty() || value.chars().any(|c| needs_escape(c) || c == '\r') {
        return None;
    }
    let lines: Vec<String> = body.split('\n').map(String::from).collect();
    let first = lines.iter().find(|l| !l.trim().is_empty())?;
    // Content that begins with a space needs the indentation said explicitly.
    let header = if first.starts_with([' ', '\t']) {
        "|2"
    } else {
        "|"
    };
    let encoded = Encoded::Block {
        header: header.to_string(),
        lines,
        value: value.to_string(),
    };
    let doc = encoded.render("k", "  ", "\n") + "\n";
    reads_back(&doc, value).then_some(encoded)
}

/// Characters YAML cannot carry unescaped.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn plain_is_safe(text: &str, context: Context) -> bool {
    const WORDS: [&str; 12] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", ".nan", ".inf",
    ];
    let Some(first) = text.chars().next() else {
        return false;
    };
    let flow_ok = context == Context::Block || !text.contains([',', '[', ']', '{', '}']);
    !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !first.is_whitespace()
        && !text.ends_with(char::is_whitespace)
        && !text.ends_with(':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text
            .chars()
            .any(|c| needs_escape(c) || c == '\t' || c == '\n')
        && !WORDS.contains(&text.to_ascii_lowercase().as_str())
        && text.parse::<f64>().is_err()
        && flow_ok
}

fn plain_doc(text: &str, context: Context) -> String {
    match context {
        Context::Flow => format!("k: [{{ v: {text} }}]\n"),
        Context::Block => format!("k: {text}\n"),
    }
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `doc` (a mapping with one key, `k`) holds exactly `expected`, anywhere below `k`.
fn reads_back(doc: &str, expected: &str) -> bool {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Any {
        Text(String),
        List(Vec<std::collections::BTreeMap<String, String>>),
    }
    #[derive(Deserialize)]
    struct Doc {
        k: Any,
    }
    match yaml::parse::<Doc>(doc, "check.yaml") {
        Ok(Doc { k: Any::Text(text) }) => text == expected,
        Ok(Doc { k: Any::List(list) }) => {
            list.first().and_then(|m| m.get("v")).map(String::as_str) == Some(expected)
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(e: &Encoded) -> String {
        e.render("k", "  ", "\n")
    }

    #[test]
    fn plain_when_safe() {
        assert_eq!(
            text(&inline("sign-ins slow", Context::Flow)),
            "k: sign-ins slow"
        );
        assert_eq!(
            text(&inline("카카오톡 복구", Context::Flow)),
            "k: 카카오톡 복구"
        );
        assert_eq!(text(&inline("a, b", Context::Block)), "k: a, b");
        assert_eq!(text(&inline("a, b", Context::Flow)), "k: \"a, b\"");
    }

    #[test]
    fn hostile_text_is_quoted_and_reads_back() {
        let cases = [
            "x: y",
            "# not a comment",
            "a #b",
            "\"quoted\" and 'single'",
            "$(rm -rf /) `id`; echo",
            "two\nlines",
            "tab\there",
            "true",
            "42",
            "- item",
            "ends with colon:",
            "nul\u{0}bell\u{7}",
            "line\u{2028}separator",
            " leading space",
            "",
        ];
        for case in cases {
            for context in [Context::Flow, Context::Block] {
                let encoded = inline(case, context);
                assert_eq!(encoded.value(), case);
                let doc = match context {
                    Context::Flow => format!("k: [{{ v: {} }}]\n", &text(&encoded)[3..]),
                    Context::Block => text(&encoded) + "\n",
                };
                assert!(reads_back(&doc, case), "{case:?} as {doc:?}");
            }
        }
    }

    #[test]
    fn markdown_over_lines_is_a_literal_block() {
        let body = "## Cause\n\nA *fire*: power cut.\n  - indented: item\n# heading\n\n\n";
        let encoded = markdown(body, false);
        let Encoded::Block { header, .. } = &encoded else {
            panic!("{encoded:?}")
        };
        assert_eq!(header, "|");
        assert_eq!(
            encoded.value(),
            "## Cause\n\nA *fire*: power cut.\n  - indented: item\n# heading\n"
        );
        let doc = text(&encoded) + "\n";
        assert!(reads_back(&doc, encoded.value()), "{doc}");
    }

    #[test]
    fn markdown_starting_with_spaces_says_its_indentation() {
        let encoded = markdown("    code block\nafter", false);
        let doc = text(&encoded) + "\n";
        assert!(doc.starts_with("k: |2\n"), "{doc}");
        assert!(reads_back(&doc, "    code block\nafter\n"));
    }

    #[test]
    fn one_line_markdown_follows_the_neighbours() {
        assert_eq!(text(&markdown("All good.", false)), "k: All good.");
        assert_eq!(text(&markdown("All good.", true)), "k: |\n  All good.");
        assert_eq!(text(&markdown("a: b", false)), "k: \"a: b\"");
        // Control characters cannot stand in a block: quoted instead.
        let encoded = markdown("bell\u{7}\nnext", false);
        assert!(matches!(encoded, Encoded::Inline { .. }));
        assert_eq!(encoded.value(), "bell\u{7}\nnext");
    }
}
