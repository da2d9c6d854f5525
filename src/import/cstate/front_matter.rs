//! A cState issue file: YAML front matter between `---` lines, then the Markdown body.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Pos, render_diagnostic};
use crate::load::yaml;

/// The keys cState reads; anything else is reported and left out.
#[derive(Debug, Default, Deserialize)]
pub(super) struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub resolved: Option<Flag>,
    #[serde(rename = "resolvedWhen")]
    pub resolved_when: Option<String>,
    pub severity: Option<String>,
    pub affected: Option<OneOrMany>,
    pub informational: Option<Flag>,
    pub draft: Option<Flag>,
}

/// `true`, or the text `"true"`: Hugo sites have both.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum Flag {
    Bool(bool),
    Text(String),
}

impl Flag {
    pub(super) fn is_set(flag: Option<&Flag>) -> bool {
        match flag {
            Some(Flag::Bool(b)) => *b,
            Some(Flag::Text(t)) => matches!(t.trim().to_ascii_lowercase().as_str(), "true" | "yes"),
            None => false,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub(super) fn names(&self) -> Vec<String> {
        match self {
            OneOrMany::One(name) => vec![name.clone()],
            OneOrMany::Many(names) => names.clone(),
        }
    }
}

/// Keys cState or Hugo use that change nothing statusgen shows.
const QUIET: [&str; 8] = [
    "section",
    "lastmod",
    "lastMod",
    "weight",
    "aliases",
    "tags",
    "categories",
    "url",
];
const READ: [&str; 8] = [
    "title",
    "date",
    "resolved",
    "resolvedWhen",
    "severity",
    "affected",
    "informational",
    "draft",
];

/// A file split and its front matter read.
#[derive(Debug)]
pub(super) struct Issue {
    pub front: FrontMatter,
    /// Keys read but without an equivalent: reported.
    pub ignored: Vec<String>,
    pub body: String,
}

/// Splits and reads `text` of the file `name`; an error is located in `text`, for [`rendered`].
/// A problem of [`read`] with the lines of `text` it points at.
pub(super) fn rendered(problem: &Diagnostic, text: &str) -> String {
    render_diagnostic(problem, Some(without_bom(text)))
}

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

pub(super) fn read(name: &str, text: &str) -> Result<Issue, Box<Diagnostic>> {
    let text = without_bom(text);
    let located = |line: u32, message: &str, hint: &str| {
        Box::new(Diagnostic::error(name, Pos::new(line, 1, 3), message).with_hint(hint))
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("").trim_end();
    if first != "---" {
        let hint = match first {
            "+++" => "TOML front matter is not read: convert it to YAML (between --- lines)",
            "{" => "JSON front matter is not read: convert it to YAML (between --- lines)",
            _ => "a cState issue starts with its front matter between --- lines",
        };
        return Err(located(1, "no YAML front matter", hint));
    }
    let mut front = String::new();
    let mut consumed = first.len() + 1;
    let mut closed = false;
    for line in lines {
        consumed += line.len();
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        front.push_str(line);
    }
    if !closed {
        return Err(located(
            1,
            "the front matter is never closed",
            "end it with a line of ---",
        ));
    }
    let shift = |mut d: Diagnostic| {
        d.pos.line += 1;
        Box::new(d)
    };
    let parsed: FrontMatter = yaml::parse(&front, name).map_err(shift)?;
    let keys: BTreeMap<String, serde::de::IgnoredAny> = yaml::parse(&front, name).map_err(shift)?;
    let ignored = keys
        .into_keys()
        .filter(|k| !READ.contains(&k.as_str()) && !QUIET.contains(&k.as_str()))
        .collect();
    let body = text
        .get(consumed.min(text.len())..)
        .unwrap_or("")
        .to_string();
    Ok(Issue {
        front: parsed,
        ignored,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body() {
        let text = "---\ntitle: \"API down!\"\ndate: 2024-12-27T09:43:40.482Z\nresolved: false\nseverity: \"down\"\naffected: [\"API\"]\nautomated: true\nsection: issue\n---\n\nBody {{< track \"x\" >}}\n";
        let issue = read("content/issues/a.md", text).unwrap();
        assert_eq!(issue.front.title.as_deref(), Some("API down!"));
        assert_eq!(
            issue.front.date.as_deref(),
            Some("2024-12-27T09:43:40.482Z")
        );
        assert!(!Flag::is_set(issue.front.resolved.as_ref()));
        assert_eq!(issue.front.affected.unwrap().names(), ["API"]);
        assert_eq!(issue.ignored, ["automated"]);
        assert_eq!(issue.body, "\nBody {{< track \"x\" >}}\n");
    }

    #[test]
    fn naive_dates_stay_text_and_flags_take_strings() {
        let text = "---\ndate: 2018-04-13 15:54:00\nresolved: \"true\"\naffected: Gateway\n---\n";
        let issue = read("a.md", text).unwrap();
        assert_eq!(issue.front.date.as_deref(), Some("2018-04-13 15:54:00"));
        assert!(Flag::is_set(issue.front.resolved.as_ref()));
        assert_eq!(issue.front.affected.unwrap().names(), ["Gateway"]);
    }

    #[test]
    fn errors_are_located_in_the_file() {
        let shown = |text: &str| rendered(&read("content/issues/a.md", text).unwrap_err(), text);
        let error = shown("\u{FEFF}---\ntitle: x\ntitle: y\n---\n");
        assert!(error.contains("duplicate key 'title'"), "{error}");
        assert!(error.contains("content/issues/a.md:3:"), "{error}");
        assert!(error.contains("3 | title: y"), "{error}");
        let error = shown("+++\ntitle = 'x'\n+++\n");
        assert!(error.contains("TOML"), "{error}");
        let error = shown("---\ntitle: x\n");
        assert!(error.contains("never closed"), "{error}");
    }
}
