//! The mdBook preprocessor protocol. mdBook writes `[context, book]` as JSON on stdin and
//! reads the book back from stdout; `{{#statusgen status}}` and `{{#statusgen incident SLUG}}`
//! in a chapter become HTML blocks. The book is walked as plain JSON and only each chapter's
//! `content` is rewritten, so every other field survives as it came, and one walk serves
//! mdBook 0.4 (`sections`) and 0.5 (`items`) alike.

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Pos, did_you_mean, render_diagnostic, suggestion};
use crate::json::{self, Value};
use crate::render::{Block, BlockError};

/// The renderers the blocks are made for: they are HTML.
pub(crate) const RENDERERS: &[&str] = &["html"];

/// Our keys in `[preprocessor.statusgen]`; mdBook's own (`command`, `before`, `renderers`...)
/// sit beside them and are left to mdBook.
const KEYS: &[&str] = &["site", "now", "base-url"];

const DIRECTIVES: &[&str] = &["status", "incident"];

/// `statusgen mdbook supports RENDERER`: mdBook skips the preprocessor when this is false.
pub(crate) fn supports(renderer: &str) -> bool {
    RENDERERS.contains(&renderer)
}

/// `[preprocessor.statusgen]` of book.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Options {
    /// The site folder, relative to the book root; default `.`.
    pub site: PathBuf,
    /// RFC 3339; default `SOURCE_DATE_EPOCH`, else the clock.
    pub now: Option<String>,
    /// Where the status site is published, as written; blocks link to it (default the site's
    /// `base_url`).
    pub base_url: Option<String>,
}

/// What mdBook sent.
#[derive(Debug)]
pub(crate) struct Request {
    /// The book's root folder (`context.root`).
    pub root: PathBuf,
    /// The chapters' folder under the root (`book.src`), to name files in errors.
    pub src: String,
    pub options: Options,
    pub book: Value,
}

/// A directive that could not be expanded, with its place in the chapter.
#[derive(Debug)]
pub(crate) struct Problem {
    // Its place as data: the command prints `rendered`; the tests compare places.
    #[cfg_attr(not(test), allow(dead_code))]
    pub diagnostic: Diagnostic,
    /// Like a compiler's: the message, `--> src/file.md:line:col`, the line and a caret.
    pub rendered: String,
}

/// Why the input mdBook gave, or the table of book.toml, cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RequestError {
    #[error("the input from mdBook is not JSON")]
    NotJson(#[source] json::ParseError),
    #[error("expected [context, book] from mdBook on stdin")]
    NotAPair,
    #[error("the mdBook context has no `root`")]
    NoRoot,
    #[error(
        "unknown key `{key}` in [preprocessor.statusgen] of book.toml — did you mean `{meant}`?"
    )]
    UnknownKey { key: String, meant: String },
    #[error("`{0}` in [preprocessor.statusgen] of book.toml must be a string")]
    NotAString(String),
}

pub(crate) fn parse_request(text: &str) -> Result<Request, RequestError> {
    let input = json::parse(text).map_err(RequestError::NotJson)?;
    let Value::Array(mut pair) = input else {
        return Err(RequestError::NotAPair);
    };
    let (Some(book), Some(context), true) = (pair.pop(), pair.pop(), pair.is_empty()) else {
        return Err(RequestError::NotAPair);
    };
    let root = context
        .get("root")
        .and_then(Value::as_str)
        .ok_or(RequestError::NoRoot)?;
    let config = context.get("config");
    let src = config
        .and_then(|c| c.get("book"))
        .and_then(|b| b.get("src"))
        .and_then(Value::as_str)
        .unwrap_or("src");
    let preprocessors = config.and_then(|c| c.get("preprocessor"));
    Ok(Request {
        root: PathBuf::from(root),
        src: src.trim_end_matches('/').to_string(),
        options: options(our_table(preprocessors))?,
        book,
    })
}

/// `[preprocessor.statusgen]`, or the table of whatever name runs `statusgen`.
fn our_table(preprocessors: Option<&Value>) -> Option<&Value> {
    let tables = preprocessors?.as_object()?;
    tables.get("statusgen").or_else(|| {
        tables.values().find(|t| {
            t.get("command")
                .and_then(Value::as_str)
                .is_some_and(|c| c.contains("statusgen"))
        })
    })
}

fn options(table: Option<&Value>) -> Result<Options, RequestError> {
    let mut options = Options {
        site: PathBuf::from("."),
        now: None,
        base_url: None,
    };
    let Some(table) = table.and_then(Value::as_object) else {
        return Ok(options);
    };
    for (key, value) in table {
        if !KEYS.contains(&key.as_str()) {
            // Not ours, maybe mdBook's; a near miss of ours is a typo.
            if let Some(meant) = did_you_mean(key, KEYS.iter().copied()) {
                return Err(RequestError::UnknownKey {
                    key: key.clone(),
                    meant: meant.to_string(),
                });
            }
            continue;
        }
        let text = value
            .as_str()
            .ok_or_else(|| RequestError::NotAString(key.clone()))?;
        match key.as_str() {
            "site" => options.site = PathBuf::from(text),
            "now" => options.now = Some(text.to_string()),
            _ => options.base_url = Some(text.to_string()),
        }
    }
    Ok(options)
}

/// The book as JSON for mdBook to read back.
pub(crate) fn book_json(book: &Value) -> String {
    json::to_compact(book)
}

/// Expands every directive of every chapter, sub-chapters included, in place. `src` names
/// the chapters' folder in the problems.
pub(crate) fn expand_book(
    book: &mut Value,
    src: &str,
    render: &mut dyn FnMut(&Block) -> Result<String, BlockError>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for key in ["items", "sections"] {
        if let Some(Value::Array(items)) = book.get_mut(key) {
            expand_items(items, src, render, &mut problems);
        }
    }
    problems
}

fn expand_items(
    items: &mut [Value],
    src: &str,
    render: &mut dyn FnMut(&Block) -> Result<String, BlockError>,
    problems: &mut Vec<Problem>,
) {
    // Separators are plain strings and part titles `{"PartTitle": ...}`: only chapters count.
    for chapter in items.iter_mut().filter_map(|item| item.get_mut("Chapter")) {
        let file = chapter_file(chapter, src);
        if let Some(Value::String(content)) = chapter.get_mut("content") {
            let (expanded, found) = expand_text(content, &file, render);
            problems.extend(found.into_iter().map(|diagnostic| Problem {
                rendered: render_diagnostic(&diagnostic, Some(content.as_str())),
                diagnostic,
            }));
            *content = expanded;
        }
        if let Some(Value::Array(sub_items)) = chapter.get_mut("sub_items") {
            expand_items(sub_items, src, render, problems);
        }
    }
}

/// `src/incident.md`, or the chapter's name for a chapter without a file.
fn chapter_file(chapter: &Value, src: &str) -> String {
    let path = ["source_path", "path"]
        .iter()
        .find_map(|key| chapter.get(*key).and_then(Value::as_str));
    match path {
        Some(path) => format!("{src}/{path}"),
        None => format!(
            "chapter '{}'",
            chapter.get("name").and_then(Value::as_str).unwrap_or("?")
        ),
    }
}

/// One chapter's text with its directives replaced, and what went wrong. A directive that
/// fails stays as written.
pub(crate) fn expand_text(
    text: &str,
    file: &str,
    render: &mut dyn FnMut(&Block) -> Result<String, BlockError>,
) -> (String, Vec<Diagnostic>) {
    let mut out = String::with_capacity(text.len());
    let mut problems = Vec::new();
    let mut copied = 0;
    for found in find_directives(text) {
        out.push_str(&text[copied..found.start]);
        let written = &text[found.start..found.end];
        let expanded = found
            .block
            .and_then(|block| render(&block).map_err(|e| (crate::error::chain(&e), None)));
        match expanded {
            // Blank lines around: Markdown takes the block as raw HTML only on lines of its own.
            Ok(html) => {
                out.push_str("\n\n");
                out.push_str(&html);
                out.push_str("\n\n");
            }
            Err((message, hint)) => {
                problems.push(
                    Diagnostic::error(file, position(text, found.start, written), message)
                        .with_hint_opt(hint),
                );
                out.push_str(written);
            }
        }
        copied = found.end;
    }
    out.push_str(&text[copied..]);
    (out, problems)
}

struct Found {
    start: usize,
    end: usize,
    block: Result<Block, (String, Option<String>)>,
}

/// Every `{{#statusgen ...}}` of the text; `\{{#statusgen ...}}` is escaped and left alone
/// (mdBook's `links` preprocessor then drops the backslash, if it runs after this one).
fn find_directives(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find("{{") {
        let start = from + offset;
        from = start + 2;
        let inner = text[from..].trim_start();
        let Some(args) = inner.strip_prefix("#statusgen") else {
            continue;
        };
        let ours = args.is_empty() || args.starts_with(|c: char| c.is_whitespace() || c == '}');
        if !ours || text[..start].ends_with('\\') {
            continue;
        }
        let args_at = text.len() - args.len();
        let line = &args[..args.find('\n').unwrap_or(args.len())];
        let Some(close) = line.find("}}") else {
            found.push(Found {
                start,
                end: args_at,
                block: Err((
                    "unclosed `{{#statusgen` directive".into(),
                    Some("end it with `}}` on the same line".into()),
                )),
            });
            continue;
        };
        found.push(Found {
            start,
            end: args_at + close + 2,
            block: parse_directive(&line[..close]),
        });
        from = args_at + close + 2;
    }
    found
}

fn parse_directive(args: &str) -> Result<Block, (String, Option<String>)> {
    let usage = "write `{{#statusgen status}}` or `{{#statusgen incident SLUG}}`";
    let words: Vec<&str> = args.split_whitespace().collect();
    match words.as_slice() {
        ["status"] => Ok(Block::Status),
        ["incident", slug] => Ok(Block::Incident((*slug).to_string())),
        ["incident"] => Err((
            "`{{#statusgen incident}}` needs the incident's slug".into(),
            Some("write `{{#statusgen incident SLUG}}`: the file name without .yaml".into()),
        )),
        [] => Err((
            "empty `{{#statusgen}}` directive".into(),
            Some(usage.into()),
        )),
        [kind, ..] if DIRECTIVES.contains(kind) => Err((
            format!("too many words in `{{{{#statusgen {}}}}}`", words.join(" ")),
            Some(usage.into()),
        )),
        [kind, ..] => Err((
            format!("unknown statusgen directive '{kind}'"),
            Some(suggestion(kind, DIRECTIVES)),
        )),
    }
}

fn position(text: &str, at: usize, written: &str) -> Pos {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    let len = written.lines().next().unwrap_or("").chars().count();
    Pos::new(line as u32, col as u32, len as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake(block: &Block) -> Result<String, BlockError> {
        match block {
            Block::Status => Ok("<div class=\"status\">\n</div>".into()),
            Block::Incident(slug) if slug == "fire" => Ok(format!("<div>{slug}</div>")),
            Block::Incident(slug) => Err(BlockError::UnknownIncident {
                slug: slug.clone(),
                suggestion: "no incidents".into(),
            }),
        }
    }

    fn chapter(name: &str, content: &str, sub_items: Value) -> Value {
        json::parse(&format!(
            r#"{{"Chapter": {{"name": {name:?}, "content": {content:?}, "number": [1],
                "sub_items": {sub_items}, "path": "{name}.md", "source_path": "{name}.md",
                "parent_names": []}}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn renders_for_html_only() {
        assert!(supports("html"));
        assert!(!supports("markdown"));
        assert!(!supports("epub"));
    }

    #[test]
    fn nested_chapters_of_either_mdbook_are_expanded() {
        let deep = chapter(
            "deep",
            "x {{#statusgen incident fire}} y",
            Value::Array(vec![]),
        );
        let inner = chapter("inner", "{{ #statusgen status }}", Value::Array(vec![deep]));
        let outer = chapter("outer", "# Outer\n", Value::Array(vec![inner]));
        for key in ["items", "sections"] {
            let mut book = json::parse(&format!(
                r#"{{"{key}": [{outer}, "Separator", {{"PartTitle": "Part"}}], "__non_exhaustive": null}}"#
            ))
            .unwrap();
            let problems = expand_book(&mut book, "src", &mut fake);
            assert!(problems.is_empty(), "{problems:?}");
            let text = book_json(&book);
            assert!(
                text.contains(r#""content":"x \n\n<div>fire</div>\n\n y""#),
                "{text}"
            );
            assert!(
                text.contains(r#""content":"\n\n<div class=\"status\">\n</div>\n\n""#),
                "{text}"
            );
            assert!(text.contains(r#""__non_exhaustive":null"#));
            assert!(text.contains(r#""PartTitle":"Part""#));
        }
    }

    #[test]
    fn problems_name_the_chapter_line_and_column() {
        let bad = chapter(
            "incident",
            "# Fire\n\nSee {{#statusgen incident fier}}.\n{{#statusgen staus}}\n",
            Value::Array(vec![]),
        );
        let mut book = json::parse(&format!(r#"{{"items": [{bad}]}}"#)).unwrap();
        let problems = expand_book(&mut book, "src", &mut fake);
        let places: Vec<String> = problems
            .iter()
            .map(|p| {
                let d = &p.diagnostic;
                format!("{}:{}:{}+{}", d.file, d.pos.line, d.pos.col, d.pos.len)
            })
            .collect();
        assert_eq!(places, ["src/incident.md:3:5+28", "src/incident.md:4:1+20"]);
        assert!(problems[0].rendered.contains("unknown incident 'fier'"));
        assert!(
            problems[0]
                .rendered
                .contains("3 | See {{#statusgen incident fier}}.")
        );
        assert!(
            problems[1]
                .rendered
                .contains("unknown statusgen directive 'staus'")
        );
        assert!(problems[1].rendered.contains("did you mean 'status'?"));
        // Failed directives stay as written.
        assert!(book_json(&book).contains("{{#statusgen staus}}"));
    }

    #[test]
    fn other_braces_and_escapes_are_left_alone() {
        let text = "{{#include a.md}} \\{{#statusgen status}} {{#statusgenx y}} {{ plain }}";
        let (out, problems) = expand_text(text, "a.md", &mut fake);
        assert_eq!(out, text);
        assert!(problems.is_empty());
    }

    #[test]
    fn malformed_directives_are_errors() {
        for (text, message) in [
            ("{{#statusgen}}", "empty"),
            ("{{#statusgen incident}}", "needs the incident's slug"),
            ("{{#statusgen status now}}", "too many words"),
            ("{{#statusgen status\n}}", "unclosed"),
        ] {
            let (_, problems) = expand_text(text, "a.md", &mut fake);
            assert_eq!(problems.len(), 1, "{text}");
            assert!(
                problems[0].message.contains(message),
                "{text}: {problems:?}"
            );
        }
    }

    #[test]
    fn options_come_from_book_toml() {
        let request = parse_request(
            r#"[{"root": "/book", "config": {"book": {"src": "pages"}, "preprocessor":
                {"statusgen": {"command": "statusgen mdbook", "site": "../site",
                 "now": "2022-10-17T10:30:00+09:00", "base-url": "https://x.io/s",
                 "before": ["links"]}}}, "renderer": "html", "mdbook_version": "0.5.4"},
               {"items": []}]"#,
        )
        .unwrap();
        assert_eq!(request.root, PathBuf::from("/book"));
        assert_eq!(request.src, "pages");
        assert_eq!(
            request.options,
            Options {
                site: PathBuf::from("../site"),
                now: Some("2022-10-17T10:30:00+09:00".into()),
                base_url: Some("https://x.io/s".into()),
            }
        );
        let defaults = parse_request(r#"[{"root": "/b", "config": {}}, {"sections": []}]"#);
        assert_eq!(defaults.unwrap().options.site, PathBuf::from("."));
        let typo = parse_request(
            r#"[{"root": "/b", "config": {"preprocessor": {"statusgen": {"stie": "x"}}}}, {}]"#,
        );
        assert!(
            matches!(typo, Err(RequestError::UnknownKey { key, meant }) if key == "stie" && meant == "site")
        );
        assert!(matches!(parse_request("{}"), Err(RequestError::NotAPair)));
        assert!(matches!(
            parse_request("[1,"),
            Err(RequestError::NotJson(_))
        ));
    }
}
