//! The YAML text as the value mutations see it: `key: value` spans, and values worth trying
//! for each key.

/// A `key: value` in a line, block or flow (`{ at: 0, state: x }`); `start..end` is the
/// value, empty for a key whose value is a block below it.
#[derive(Clone, Debug)]
pub(crate) struct Span {
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// The spans of `text`, in order.
pub(crate) fn spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        line_spans(line, offset, &mut spans);
        offset += line.len();
    }
    spans
}

fn line_spans(line: &str, offset: usize, spans: &mut Vec<Span>) {
    let bytes = line.as_bytes();
    let content_end = line.trim_end_matches(['\n', '\r']).len();
    let mut flow = 0i32;
    let mut i = 0;
    while i < content_end {
        let at_key_start = i == 0
            || matches!(bytes[i - 1], b' ' | b'{' | b',')
                && bytes[..i]
                    .iter()
                    .all(|b| matches!(b, b' ' | b'-' | b'{' | b','))
            || flow > 0 && matches!(bytes[i - 1], b' ' | b'{' | b',');
        match bytes[i] {
            b'{' | b'[' => flow += 1,
            b'}' | b']' => flow -= 1,
            b'#' if i == 0 || bytes[i - 1] == b' ' => return,
            _ => {}
        }
        if at_key_start && is_key_byte(bytes[i]) {
            let key_end = (i..content_end)
                .find(|&j| !is_key_byte(bytes[j]))
                .unwrap_or(content_end);
            if bytes.get(key_end) == Some(&b':')
                && (key_end + 1 == content_end || bytes.get(key_end + 1) == Some(&b' '))
            {
                let start = (key_end + 1..content_end)
                    .find(|&j| bytes[j] != b' ')
                    .unwrap_or(content_end);
                let end = if flow > 0 {
                    (start..content_end)
                        .find(|&j| matches!(bytes[j], b',' | b'}'))
                        .unwrap_or(content_end)
                } else {
                    content_end
                };
                spans.push(Span {
                    key: line[i..key_end].to_string(),
                    start: offset + start,
                    end: offset + end.max(start),
                });
                i = end.max(key_end + 1);
                continue;
            }
            i = key_end.max(i + 1);
            continue;
        }
        i += 1;
    }
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Where `text` has an identifier-shaped value longer than a file name can hold once
/// `.json` is added: a service id that fails in the build's file names.
pub(crate) fn is_long_id(value: &str) -> bool {
    value.len() > 250
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

const TIMESTAMPS: &[&str] = &[
    "2011-12-30T12:00:00",
    "2011-12-29T23:59:59-10:00",
    "2011-12-31T00:00:00+14:00",
    "1970-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2024-02-29T12:00:00Z",
    "2023-02-29T12:00:00Z",
    "2024-03-31T02:30:00",
    "2024-10-27T02:30:00",
    "2016-12-31T23:59:60Z",
    "2024-03-05T09:12:00+14:00",
    "2024-03-05T09:12:00-12:00",
    "2024-03-05T09:12:00+23:59",
    "2024-03-05",
    "2024-03-05T09:12",
    "2024-03-05 09:12:00",
    "2024-03-05T09:12:00.123456789Z",
    "2262-04-12T00:00:00Z",
    "1677-09-21T00:00:00Z",
    "2022-10-15T15:30:00+09:00",
    "2022-10-17T10:30:00+09:00",
    "+2024-03-05T09:12:00Z",
];

const ATS: &[&str] = &[
    "-1",
    "0",
    "-0",
    "0.0000001",
    "1e308",
    "1e309",
    "9999999999",
    "NaN",
    ".nan",
    ".inf",
    "-.inf",
    "1.5h",
    "90m",
    "43h11m",
    "2d3h",
    "0m",
    "-48h",
    "99999d",
    "1e3h",
    "0x10",
    "9223372036854775807",
    "18446744073709551616",
    "5e-324",
    "1_000",
    "24h60m",
    "h",
    "",
];

const ZONES: &[&str] = &[
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "Pacific/Chatham",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Etc/GMT+12",
    "Etc/GMT-14",
    "America/St_Johns",
    "Europe/Dublin",
    "Antarctica/Troll",
    "Asia/Tehran",
    "Europe/Kiev",
    "EST5EDT",
    "UTC",
    "utc",
    "Local",
    "+09:00",
    "Asia/Seoul ",
    "\"\"",
];

const HISTORY_DAYS: &[&str] = &[
    "1",
    "2",
    "3659",
    "3660",
    "3661",
    "0",
    "-1",
    "4294967297",
    "9223372036854775807",
    "9223372036854775808",
    "1.5",
    "\"90\"",
    "0x10",
    "1_000",
    "~",
];

const STATES: &[&str] = &[
    "operational",
    "degraded",
    "partial_outage",
    "major_outage",
    "maintenance",
    "degraded_performance",
    "under_maintenance",
    "Operational",
    "outage",
];

const STATUSES: &[&str] = &[
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "scheduled",
    "in_progress",
    "verifying",
    "completed",
    "postmortem",
];

const LANGUAGES: &[&str] = &[
    "en",
    "ko",
    "ar",
    "he",
    "fa",
    "ja",
    "zh-Hant",
    "sr-Latn",
    "xx",
    "en-US",
    "EN",
    "pt-BR",
    "und",
    "zz-ZZ-x-private",
    "i-klingon",
    "de_DE",
    "",
];

const URLS: &[&str] = &[
    "https://example.com/a b/",
    "http://[::1]:8080/x/",
    "javascript:alert(1)",
    "/relative/",
    "https://例え.jp/status/",
    "https://x.y/?q=1#f",
    "ftp://x/",
    "https://x.y/%2e%2e/",
    "https://user:pw@x.y/",
    "https://x.y",
];

const IDS: &[&str] = &[
    "api",
    "db",
    "web",
    "kakaotalk",
    "API",
    "a--b",
    "-a",
    "0",
    "é",
    "a_b",
    "a.b",
    "\"\"",
];

/// Plain text and Markdown that has broken renderers before, as Rust strings; they are
/// written as JSON strings, which YAML reads as double-quoted scalars.
fn texts() -> Vec<String> {
    vec![
        "<script>alert(1)</script>".into(),
        "[x](javascript:alert(1)) <a href=\"javascript:x\">y</a>".into(),
        "![i](https://evil.example/x.png) <img src=x onerror=alert(1)>".into(),
        "<iframe src=x></iframe><style>*{}</style>".into(),
        "- ".repeat(300),
        "> ".repeat(1000),
        "[^1]\n\n[^1]: [^1] see [^1]".into(),
        format!("|{}\n|{}", "a|".repeat(500), "-|".repeat(500)),
        "```\nunterminated fence".into(),
        "*".repeat(20_000),
        "_a *b _c *d".repeat(500),
        "<!-- unterminated comment".into(),
        "&#0; &#x110000; &#xD800; &bogus; &amp".into(),
        "nul\u{0}byte bell\u{7} esc\u{1b}[31m".into(),
        "line\rbreak\u{85}next\u{2028}sep\u{2029}par".into(),
        "👩‍👩‍👧‍👦 🏳️‍🌈".into(),
        format!("e{}", "\u{301}".repeat(500)),
        "\u{202e}txet lanoitcerid\u{202c} \u{200f}".into(),
        "\u{feff}bom inside".into(),
        "{{ 1 + }} {% raw %} {# #} ${x}".into(),
        "]]> </title> </script> \" ' `".into(),
        "x".repeat(100_000),
        String::new(),
        "   ".into(),
        "# heading\n\n## two\n\n######## seven".into(),
        "1. a\n   1. b\n      1. c\n".repeat(50),
        "<details><summary>s</summary>x</details><svg onload=x>".into(),
        "[a]: <javascript:x> 'title'\n\n[a]".into(),
        "\\".repeat(1000),
        "https://autolink.example/<x>".into(),
    ]
}

/// Values worth trying for `key`, as YAML text for the place of a value; a few of them on
/// every key, for wrong types.
pub(crate) fn candidates(key: &str) -> Vec<String> {
    let mut out: Vec<String> = match key {
        "started" | "resolved" | "since" => TIMESTAMPS.iter().map(|s| s.to_string()).collect(),
        "at" => ATS
            .iter()
            .chain(TIMESTAMPS)
            .map(|s| s.to_string())
            .collect(),
        "timezone" => ZONES.iter().map(|s| s.to_string()).collect(),
        "history_days" => HISTORY_DAYS.iter().map(|s| s.to_string()).collect(),
        "state" => STATES.iter().map(|s| s.to_string()).collect(),
        "status" => STATUSES.iter().map(|s| s.to_string()).collect(),
        "kind" => ["incident", "maintenance", "Maintenance", "outage"]
            .map(String::from)
            .into(),
        "impact" => ["none", "minor", "major", "critical", "maintenance", "huge"]
            .map(String::from)
            .into(),
        "language" => LANGUAGES.iter().map(|s| s.to_string()).collect(),
        "base_url" => URLS.iter().map(|s| s.to_string()).collect(),
        "cname" => ["status.example.com", "a b", "../etc", "例え.jp", "x.y/z"]
            .map(String::from)
            .into(),
        "theme" => ["default", "custom", "../..", "missing", "/etc", "Default"]
            .map(String::from)
            .into(),
        "id" => IDS
            .iter()
            .map(|s| s.to_string())
            .chain([64, 200, 250].map(|n| "a".repeat(n)))
            .collect(),
        _ => texts()
            .iter()
            .map(|t| serde_json::to_string(t).expect("strings are JSON"))
            .collect(),
    };
    out.extend(
        [
            "~",
            "\"\"",
            "[]",
            "{}",
            "true",
            "0",
            "-0",
            "1e309",
            "99999999999999999999999",
            "!!binary aGVsbG8=",
            "!!str 1",
            "!custom x",
            "*nope",
            "'unterminated",
            "\"\\ud800\"",
            "\"\\x00\"",
            "\"\\N\\_\\L\\P\"",
            "|",
            ">-",
            "? complex",
        ]
        .map(String::from),
    );
    out
}

/// A flow sequence `depth` deep, or a nest of anchored lists `depth` deep with `fan` aliases
/// each: small ones are only a wrong type, big ones an alias bomb to be refused.
pub(crate) fn nested(depth: usize, fan: usize, aliases: bool) -> String {
    if !aliases {
        return format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    }
    let mut levels = vec!["&l0 [x, x]".to_string()];
    for level in 1..depth {
        let items = vec![format!("*l{}", level - 1); fan].join(", ");
        levels.push(format!("&l{level} [{items}]"));
    }
    format!("[{}]", levels.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_and_values(text: &str) -> Vec<(String, String)> {
        spans(text)
            .into_iter()
            .map(|s| (s.key, text[s.start..s.end].to_string()))
            .collect()
    }

    #[test]
    fn spans_are_found_in_block_and_flow_lines() {
        let text =
            "title: A: b\nservices:\n  api:\n    - { at: 0, state: major_outage }\n  - id: x # c\n";
        let found = keys_and_values(text);
        let pairs: Vec<(&str, &str)> = found.iter().map(|(k, v)| (&**k, &**v)).collect();
        assert_eq!(
            pairs,
            [
                ("title", "A: b"),
                ("services", ""),
                ("api", ""),
                ("at", "0"),
                ("state", "major_outage "),
                ("id", "x # c"),
            ]
        );
    }

    #[test]
    fn long_ids_are_told_from_long_text() {
        assert!(is_long_id(&"a".repeat(251)));
        assert!(!is_long_id(&"a".repeat(250)));
        assert!(!is_long_id(&"a b".repeat(100)));
    }

    #[test]
    fn nests_are_as_deep_as_asked() {
        assert_eq!(nested(3, 0, false), "[[[1]]]");
        assert_eq!(nested(2, 3, true), "[&l0 [x, x], &l1 [*l0, *l0, *l0]]");
    }
}
