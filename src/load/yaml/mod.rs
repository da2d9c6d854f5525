//! The one place YAML is parsed: serde-saphyr behind a small API, so that a typo, a duplicate
//! key or an alias bomb becomes a located [`Diagnostic`] and the parser can be swapped here;
//! and, for the plainest files, the events of granit-parser (the parser under serde-saphyr)
//! read directly, in two thirds of the instructions.

mod events;

use std::cell::Cell;

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use crate::diagnostics::{Diagnostic, Pos, suggestion};

pub(crate) use events::{Node, Reader, Scalar};

/// A value with the position of the YAML node it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Located<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Located { value, pos }
    }
}

thread_local! {
    /// Whether [`Located`] values read their positions: off while [`parse_unlocated`] runs.
    static POSITIONS: Cell<bool> = const { Cell::new(true) };
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !POSITIONS.get() {
            return T::deserialize(deserializer).map(|value| Located::new(value, Pos::default()));
        }
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Located {
            value: spanned.value,
            pos: pos_of(spanned.referenced),
        })
    }
}

/// A value with the bytes of the YAML node it came from, for editing files as text. `alias`
/// when the node was written as `*name`: its bytes are then those of the alias.
#[derive(Debug, Clone, PartialEq)]
pub struct Spot<T> {
    pub value: T,
    pub pos: Pos,
    /// Byte offsets in the text: a scalar's whole text (quotes, block content); for a
    /// collection, its first token (`[`, `{`, or nothing for block style).
    pub start: usize,
    pub end: usize,
    pub alias: bool,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spot<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        let start = span.byte_offset().unwrap_or_default() as usize;
        let len = span.byte_len().unwrap_or_default() as usize;
        Ok(Spot {
            value: spanned.value,
            pos: pos_of(spanned.referenced),
            start,
            end: start + len,
            alias: spanned.referenced != spanned.defined,
        })
    }
}

fn pos_of(location: serde_saphyr::Location) -> Pos {
    let len = location.span().len().clamp(1, 200) as u32;
    Pos::new(location.line() as u32, location.column() as u32, len)
}

/// Parses one document of `text`, read from `file`.
pub fn parse<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| to_diagnostic(&e, file, text))
}

/// A faster [`parse`] for the files that have nothing wrong, `None` for the others (where
/// [`parse`] says why): values come without their positions (each [`Located`] is at
/// `Pos::default()`); a merge key (`<<`) fails; and a key repeated in a mapping is handed to
/// the type instead of failing, which derived structs refuse but a map of ids would keep, so
/// callers that read such maps must look for repeats themselves.
pub(crate) fn parse_unlocated<T: DeserializeOwned>(text: &str) -> Option<T> {
    /// Turns positions back on however the parse ends, a panic included.
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            POSITIONS.set(true);
        }
    }
    POSITIONS.set(false);
    let _restore = Restore;
    let mut options = options();
    // Without merges or duplicate checks, a mapping keeps no record of the keys it has seen.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options.merge_keys = serde_saphyr::MergeKeyPolicy::Error;
    serde_saphyr::from_str_with_options(text, options).ok()
}

/// The most bytes of text (keys and values) a document may hold once its aliases are
/// expanded: `*name` repeats the text of its anchor, so a file of one megabyte could
/// otherwise stand for hundreds. Files are at most 4 MiB; none needs more than twice that.
pub(crate) const MAX_EXPANDED_BYTES: usize = 8 * 1024 * 1024;

fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    options.strict_booleans = true;
    options.budget = Some(budget());
    options
}

/// granit-parser's options as serde-saphyr 2.2 derives them from [`options`] (its private
/// `Budget::parser_options`; check it again on each upgrade), so that [`events::Reader`]
/// reads text the same way: its limits of nesting and of a key's length, and no comment
/// events, whatever features another crate turns on.
fn parser_options(budget: &serde_saphyr::Budget) -> granit_parser::Options {
    let block_nesting_limit = granit_parser::Options::default()
        .block_nesting_limit
        .max(budget.max_depth.saturating_add(1));
    granit_parser::options! {
        simple_key_max_lookahead: budget.simple_key_max_lookahead,
        flow_nesting_limit: budget.flow_nesting_limit,
        block_nesting_limit: block_nesting_limit,
        emit_comments: false,
    }
}

/// The parser's limits; text replayed by an alias counts towards its scalar bytes.
fn budget() -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_total_scalar_bytes = MAX_EXPANDED_BYTES;
    budget
}

/// The error itself, out of the wrappers that only add a place to it.
fn innermost(mut error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::AliasError { error: inner, .. } = error {
        error = inner;
    }
    error
}

/// What went over which limit, in words, and what to do about it.
fn breach(file: &str, pos: Pos, breach: &serde_saphyr::budget::BudgetBreach) -> Diagnostic {
    use serde_saphyr::budget::BudgetBreach as B;
    let limits = budget();
    let split = "a status file is a few hundred lines: move logs and data out of it";
    let (what, limit, hint) = match breach {
        B::ScalarBytes { .. } => (
            "bytes of text once its aliases are expanded",
            limits.max_total_scalar_bytes,
            "each `*name` repeats the whole text of its `&name` anchor: write the text once, or anchor something shorter",
        ),
        B::Depth { .. } => (
            "levels of nesting",
            limits.max_depth,
            "a status file nests a few levels deep: check the indentation",
        ),
        B::Aliases { .. } | B::AliasAnchorRatio { .. } => (
            "aliases (`*name`)",
            limits.max_aliases,
            "write the values out instead of repeating aliases",
        ),
        B::Anchors { .. } => ("anchors (`&name`)", limits.max_anchors, split),
        B::Nodes { .. } => ("values", limits.max_nodes, split),
        B::Events { .. } => ("YAML events", limits.max_events, split),
        B::Documents { .. } => (
            "documents",
            limits.max_documents,
            "a file holds one document: remove the `---` lines",
        ),
        B::MergeKeys { .. } => (
            "merge keys (`<<`)",
            limits.max_merge_keys,
            "write the keys out instead of merging them",
        ),
        _ => (
            "anchored text to keep",
            limits.max_recorded_anchor_bytes,
            "write the values out instead of anchoring them",
        ),
    };
    let limit = match breach {
        B::ScalarBytes { .. } => format!("{} MiB", limit / 1024 / 1024),
        _ => limit.to_string(),
    };
    Diagnostic::error(
        file,
        pos,
        format!("the document has more {what} than the limit of {limit}"),
    )
    .with_hint(hint)
}

fn to_diagnostic(error: &serde_saphyr::Error, file: &str, text: &str) -> Diagnostic {
    use serde_saphyr::Error as E;
    let error = error.without_snippet();
    let pos = error
        .location()
        .map(pos_of)
        .unwrap_or_else(|| Pos::new(1, 1, 1));
    match innermost(error) {
        E::Budget { breach: what, .. } => breach(file, pos, what),
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let pos = Pos {
                len: field.chars().count().max(1) as u32,
                ..pos
            };
            Diagnostic::error(file, pos, format!("unknown key '{field}'"))
                .with_hint(suggestion(field, expected))
        }
        E::DuplicateMappingKey { key, .. } => {
            let name = key.as_deref().unwrap_or("?");
            let pos = Pos {
                len: name.chars().count().max(1) as u32,
                ..pos
            };
            Diagnostic::error(file, pos, format!("duplicate key '{name}'"))
                .with_hint("a key may appear only once in a mapping: remove or merge one of them")
        }
        E::SerdeMissingField { field, .. } => {
            Diagnostic::error(file, pos, format!("missing required key '{field}'"))
                .with_hint(format!("add `{field}:` to this mapping"))
        }
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => Diagnostic::error(
            file,
            pos,
            format!(
                "the YAML is too large to read safely: {}",
                plain_message(innermost(error))
            ),
        )
        .with_hint(
            "a status file never needs this many aliases or nodes; expand or remove the anchors",
        ),
        E::Unexpected { expected, .. } => {
            let expected = match *expected {
                "sequence start" => "a list",
                "mapping start" => "a mapping (key: value)",
                "string scalar" => "text",
                other => other,
            };
            Diagnostic::error(file, pos, format!("wrong type: expected {expected}"))
                .with_hint("check this value against the format: quote text, use a list for lists and a mapping for keys")
        }
        E::MultipleDocuments { .. } => {
            Diagnostic::error(file, pos, "more than one YAML document in this file").with_hint(
                "a file holds one document: remove the `---` line, or split the file in two",
            )
        }
        E::SerdeInvalidType { .. } | E::SerdeInvalidValue { .. } | E::InvalidScalar { .. } => {
            let message = plain_message(error);
            let message = message.strip_prefix("invalid type: ").unwrap_or(&message);
            Diagnostic::error(file, pos, format!("wrong type: {message}"))
                .with_hint("check this value against the format: quote text, use a list for lists and a mapping for keys")
        }
        _ if tab_indented(text, pos.line) => {
            Diagnostic::error(file, pos, "invalid YAML: a tab in the indentation").with_hint(
                "indent with spaces: YAML does not allow tabs there (editors can convert them)",
            )
        }
        _ => Diagnostic::error(file, pos, format!("invalid YAML: {}", plain_message(error)))
            .with_hint("check the indentation and quoting on this line and the one before it"),
    }
}

/// Whether line `line` (from 1) of `text` is indented with a tab.
fn tab_indented(text: &str, line: u32) -> bool {
    let Some(text) = text.lines().nth(line.saturating_sub(1) as usize) else {
        return false;
    };
    let indent = &text[..text.len() - text.trim_start().len()];
    indent.contains('\t')
}

/// The parser's message without its own `at line X, column Y` suffix: we print positions
/// ourselves.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    let cut = text.find(" at line ").unwrap_or(text.len());
    text[..cut].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: Located<String>,
        count: Option<u32>,
    }

    #[test]
    fn values_carry_their_position() {
        let doc: Doc = parse("count: 3\ntitle: hello\n", "a.yaml").unwrap();
        assert_eq!(doc.title.value, "hello");
        assert_eq!((doc.title.pos.line, doc.title.pos.col), (2, 8));
    }

    #[test]
    fn unlocated_parse_reads_the_same_values_without_positions() {
        let text = "count: 3\ntitle: hello\n";
        let doc: Doc = parse_unlocated(text).unwrap();
        assert_eq!(doc.title, Located::new("hello".to_string(), Pos::default()));
        assert_eq!(doc.count, Some(3));
        // A text that does not parse gives nothing; positions are read again afterwards.
        assert!(parse_unlocated::<Doc>("title: x\ncuont: 3\n").is_none());
        assert!(parse_unlocated::<Doc>("title: x\ntitle: y\n").is_none());
        type Maps = std::collections::BTreeMap<String, std::collections::BTreeMap<String, u32>>;
        let merged = "a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n";
        assert_eq!(parse::<Maps>(merged, "a.yaml").unwrap()["b"].len(), 2);
        assert!(parse_unlocated::<Maps>(merged).is_none());
        // A map of ids keeps a repeated key: callers look for repeats themselves.
        let repeated = "a: {x: 1, x: 2}\n";
        assert!(parse::<Maps>(repeated, "a.yaml").is_err());
        assert!(parse_unlocated::<Maps>(repeated).is_some());
        let doc: Doc = parse(text, "a.yaml").unwrap();
        assert_eq!((doc.title.pos.line, doc.title.pos.col), (2, 8));
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let d = parse::<Doc>("title: x\ncuont: 3\n", "a.yaml").unwrap_err();
        assert_eq!(d.message, "unknown key 'cuont'");
        assert_eq!((d.pos.line, d.pos.col), (2, 1));
        assert_eq!(d.hint.as_deref(), Some("did you mean 'count'?"));
    }

    #[test]
    fn duplicate_key_is_an_error_at_the_second_one() {
        let d = parse::<Doc>("title: x\ncount: 1\ntitle: y\n", "a.yaml").unwrap_err();
        assert_eq!(d.message, "duplicate key 'title'");
        assert_eq!(d.pos.line, 3);
    }

    #[test]
    fn wrong_type_and_bad_syntax_are_located() {
        let d = parse::<Doc>("title: x\ncount: many\n", "a.yaml").unwrap_err();
        assert!(d.message.starts_with("wrong type"), "{}", d.message);
        assert_eq!(d.pos.line, 2);
        let d = parse::<Doc>("title: \"unclosed\n", "a.yaml").unwrap_err();
        assert!(d.message.starts_with("invalid YAML"), "{}", d.message);
    }

    #[test]
    fn text_expanded_by_aliases_past_the_limit_is_refused_in_words() {
        let big = "x".repeat(1_000_000);
        let mut yaml = format!("a: &a {big}\nb:\n");
        for _ in 0..8 {
            yaml.push_str("  - *a\n");
        }
        type Doc = std::collections::BTreeMap<String, serde_json::Value>;
        let d = parse::<Doc>(&yaml, "a.yaml").unwrap_err();
        assert_eq!(
            d.message,
            "the document has more bytes of text once its aliases are expanded than the limit of 8 MiB"
        );
        assert_eq!((d.pos.line, d.pos.col), (10, 5));
        assert!(
            d.hint.as_deref().unwrap().contains("`*name` repeats"),
            "{d:?}"
        );
        assert!(parse_unlocated::<Doc>(&yaml).is_none());
        // The anchor and seven copies fit.
        let fits = yaml.replacen("  - *a\n", "", 1);
        assert!(parse::<Doc>(&fits, "a.yaml").is_ok());
    }

    #[test]
    fn nesting_past_the_limit_says_so() {
        let yaml = format!("a: {}1{}\n", "[".repeat(70), "]".repeat(70));
        let d = parse::<serde_json::Value>(&yaml, "a.yaml").unwrap_err();
        assert!(
            d.message.contains("levels of nesting than the limit of 64"),
            "{d:?}"
        );
        assert!(d.hint.as_deref().unwrap().contains("indentation"), "{d:?}");
    }

    #[test]
    fn a_tab_in_the_indentation_says_to_indent_with_spaces() {
        let d = parse::<serde_json::Value>("a:\n\tb: 1\n", "a.yaml").unwrap_err();
        assert_eq!(d.message, "invalid YAML: a tab in the indentation");
        assert_eq!(d.pos.line, 2);
        assert!(
            d.hint.as_deref().unwrap().starts_with("indent with spaces"),
            "{d:?}"
        );
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            yaml.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        yaml.push_str("title: boom\n");
        let result =
            parse::<std::collections::BTreeMap<String, serde_json::Value>>(&yaml, "a.yaml");
        let d = result.unwrap_err();
        assert!(
            d.message.contains("too large") || d.message.contains("than the limit of"),
            "{}",
            d.message
        );
    }
}
