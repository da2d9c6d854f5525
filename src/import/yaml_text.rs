//! YAML text for values that came from elsewhere. Every string is written so that any YAML
//! parser reads back exactly that string: double-quoted with escapes, or, for readable
//! multi-line text, a literal block when the text survives one unchanged.

use std::fmt::Write as _;

/// `text` as a double-quoted YAML scalar: always a string, whatever it looks like.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters YAML does not allow as they are, or that some readers take as line breaks or
/// byte order marks.
fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        | '\u{FFFE}' | '\u{FFFF}')
}

/// An id or name of our own making (`[a-z0-9][a-z0-9-]*`) plain when it cannot be read as
/// anything but that string, else quoted.
pub(crate) fn id(text: &str) -> String {
    const WORDS: [&str; 11] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ];
    let plain = text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !WORDS.contains(&text);
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// Appends `key: value` at `indent` spaces: multi-line text as a literal block when it
/// reads back unchanged, anything else double-quoted.
pub(crate) fn text_field(out: &mut String, indent: usize, key: &str, text: &str) {
    let pad = " ".repeat(indent);
    let Some(chomp) = literal_chomping(text) else {
        let _ = writeln!(out, "{pad}{key}: {}", quoted(text));
        return;
    };
    let _ = writeln!(out, "{pad}{key}: |{chomp}");
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}  {line}");
        }
    }
}

/// The chomping indicator that makes a literal block of `text` read back as `text`, or
/// `None` when a literal block would change it: single lines (quoted is as short), leading
/// spaces or blank-but-not-empty lines (indentation would eat them), more than one final
/// line break, and anything that needs an escape.
fn literal_chomping(text: &str) -> Option<&'static str> {
    let body = text.strip_suffix('\n');
    let lines = body.unwrap_or(text);
    let fits = lines.contains('\n')
        && !lines.starts_with([' ', '\n'])
        && !lines.ends_with('\n')
        && !text.chars().any(|c| c != '\n' && needs_escape(c))
        && lines
            .split('\n')
            .all(|line| line.is_empty() || !line.trim_start_matches(' ').is_empty());
    match (fits, body) {
        (false, _) => None,
        (true, Some(_)) => Some(""),
        (true, None) => Some("-"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::load::yaml;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        value: String,
    }

    /// Hostile text every writer must get across: YAML syntax, look-alikes of other types,
    /// whitespace, control and exotic characters.
    pub(crate) const HOSTILE: &[&str] = &[
        "",
        " ",
        "plain",
        "\"quoted\"",
        "it's",
        "key: value",
        "a #comment",
        "#comment",
        "- item",
        "-",
        "* star",
        "& anchor",
        "*alias",
        "!tag",
        "!!str x",
        "? question",
        "| pipe",
        "> fold",
        "%YAML 1.2",
        "@at",
        "`tick`",
        "{ a: b }",
        "[a, b]",
        "yes",
        "no",
        "No",
        "null",
        "~",
        "true",
        "0x1F",
        "0o17",
        "1e3",
        "12",
        "-12.5",
        ".inf",
        "2024-01-09",
        "2024-01-09T10:00:00Z",
        "---",
        "...",
        "line one\nline two",
        "line one\nline two\n",
        "line one\nline two\n\n",
        "\nleading newline",
        "  leading spaces\nsecond",
        "first\n  indented\nthird",
        "first\n   \nthird",
        "trailing spaces   \nsecond",
        "tab\there",
        "\ttab first",
        "carriage\r\nreturn",
        "nul\0byte",
        "bell\u{7}",
        "del\u{7F}",
        "next line\u{85}here",
        "line\u{2028}separator",
        "bom\u{FEFF}",
        "non\u{FFFE}char",
        "카카오톡 장애 — «quotes» “curly” 🚒",
        "back\\slash",
        "\\n is not a newline",
        "ends with a backslash\\",
        "'single' and \"double\"",
        "key: value\n- item\n# comment\n---\n...",
        "<script>alert(1)</script>",
    ];

    fn read_back(yaml_text: &str) -> String {
        yaml::parse::<Doc>(yaml_text, "t.yaml")
            .unwrap_or_else(|d| panic!("{}\n---\n{yaml_text}", d.message))
            .value
    }

    #[test]
    fn quoted_text_reads_back_exactly() {
        for text in HOSTILE {
            let yaml_text = format!("value: {}\n", quoted(text));
            assert_eq!(read_back(&yaml_text), *text, "{yaml_text}");
        }
    }

    #[test]
    fn text_fields_read_back_exactly_at_any_depth() {
        for text in HOSTILE {
            let mut flat = String::new();
            text_field(&mut flat, 0, "value", text);
            assert_eq!(read_back(&flat), *text, "{flat}");
            let mut nested = String::from("list:\n  - other: 1\n");
            text_field(&mut nested, 4, "value", text);
            let doc: std::collections::BTreeMap<
                String,
                Vec<std::collections::BTreeMap<String, serde_json::Value>>,
            > = yaml::parse(&nested, "t.yaml")
                .unwrap_or_else(|d| panic!("{}\n{nested}", d.message));
            assert_eq!(doc["list"][0]["value"], serde_json::json!(text), "{nested}");
        }
    }

    #[test]
    fn multi_line_text_is_a_readable_literal_block() {
        let mut out = String::new();
        text_field(&mut out, 2, "body", "We are on it.\n\nMore: soon #1\n");
        assert_eq!(out, "  body: |\n    We are on it.\n\n    More: soon #1\n");
        let mut out = String::new();
        text_field(&mut out, 0, "body", "a\nb");
        assert_eq!(out, "body: |-\n  a\n  b\n");
        let mut out = String::new();
        text_field(&mut out, 0, "body", "  code\nb");
        assert_eq!(out, "body: \"  code\\nb\"\n");
    }

    #[test]
    fn ids_are_plain_unless_they_could_be_read_as_something_else() {
        assert_eq!(id("api"), "api");
        assert_eq!(id("web-2"), "web-2");
        for odd in ["yes", "null", "123", "2024-01-09", "0x1f", "n", "-a", "Api"] {
            assert_eq!(id(odd), quoted(odd));
        }
    }
}
