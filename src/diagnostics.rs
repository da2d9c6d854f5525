//! Located problems, rendered the way a compiler renders them: message, `file:line:col`, the
//! source line with a caret under the culprit, and a hint.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file; line and column start at 1, `len` is the caret width in chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub len: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32, len: u32) -> Self {
        Pos { line, col, len }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            pos,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Every problem of a run.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    pub fn merge(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Stable order: by file, then position, errors before warnings, then text.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message).cmp(&(&b.file, b.pos, b.severity, &b.message))
        });
        self.diagnostics.dedup();
    }

    /// Renders every diagnostic, reading the source lines back from the site at `root`: the
    /// files are only read again when something is wrong, so loading keeps no copies.
    pub fn render(&self, root: &Path) -> String {
        let mut sources: BTreeMap<&str, Option<String>> = BTreeMap::new();
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            let source = sources
                .entry(&diagnostic.file)
                .or_insert_with(|| crate::load::source_text(root, &diagnostic.file));
            out.push_str(&render_diagnostic(diagnostic, source.as_deref()));
            out.push('\n');
        }
        out
    }
}

pub(crate) fn render_diagnostic(d: &Diagnostic, source: Option<&str>) -> String {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{label}: {}\n", terminal_safe(&d.message));
    let line_text = source.and_then(|s| source_line(s, d.pos.line));
    let gutter = if d.pos.line > 0 {
        d.pos.line.to_string().len()
    } else {
        1
    };
    let pad = " ".repeat(gutter);
    let file = file_name_safe(&d.file);
    if d.pos.line > 0 {
        let _ = writeln!(out, "{pad}--> {file}:{}:{}", d.pos.line, d.pos.col.max(1));
    } else {
        let _ = writeln!(out, "{pad}--> {file}");
    }
    if let Some(text) = line_text {
        let before = d.pos.col.saturating_sub(1) as usize;
        // Escaped characters are wider on screen: the caret moves and widens with them.
        let indent: String = text
            .chars()
            .take(before)
            .map(|c| match c {
                '\t' => "\t".to_string(),
                c => " ".repeat(terminal_safe(c.encode_utf8(&mut [0; 4])).chars().count()),
            })
            .collect();
        let culprit: String = text.chars().skip(before).take(d.pos.len as usize).collect();
        let width = terminal_safe(&culprit)
            .chars()
            .count()
            .max(d.pos.len as usize)
            .max(1);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {}", d.pos.line, terminal_safe(text));
        let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(width));
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "{pad} = help: {}", terminal_safe(hint));
    }
    out
}

/// `text` with the characters a terminal would act on rather than show (escape sequences,
/// NUL, carriage returns, bidirectional overrides) written out as `\u{1b}`: a site's files
/// are echoed in messages, and must not drive the terminal of whoever reads them. Tabs and
/// line breaks stay.
pub(crate) fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\t' && c != '\n' && acts_on_terminal(c))
}

/// [`terminal_safe`] for a file name, where a tab or a line break is escaped too.
pub(crate) fn file_name_safe(text: &str) -> Cow<'_, str> {
    escape_where(text, acts_on_terminal)
}

fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape_where(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn source_line(source: &str, line: u32) -> Option<&str> {
    if line == 0 {
        return None;
    }
    source
        .lines()
        .nth(line as usize - 1)
        .map(|l| l.trim_end_matches('\r'))
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= (c.chars().count().max(3) / 3).max(1) + 1)
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// [`did_you_mean`] for short words such as language codes, where any two letters are two
/// edits apart: only a candidate one edit away.
pub(crate) fn one_edit_from<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    did_you_mean(word, candidates).filter(|best| strsim::damerau_levenshtein(word, best) <= 1)
}

/// `did you mean 'x'?`, or a list of what is allowed when nothing is close.
pub(crate) fn suggestion(word: &str, candidates: &[&str]) -> String {
    match did_you_mean(word, candidates.iter().copied()) {
        Some(best) => format!("did you mean '{best}'?"),
        None => format!("expected one of: {}", candidates.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_source_line_and_caret() {
        let d = Diagnostic::error(
            "incidents/a.yaml",
            Pos::new(2, 3, 9),
            "unknown service 'kakaotlak'",
        )
        .with_hint("did you mean 'kakaotalk'?");
        let text = render_diagnostic(&d, Some("services:\n  kakaotlak:\n"));
        assert_eq!(
            text,
            "error: unknown service 'kakaotlak'\n --> incidents/a.yaml:2:3\n  |\n2 |   kakaotlak:\n  |   ^^^^^^^^^\n  = help: did you mean 'kakaotalk'?\n"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped_and_the_caret_follows() {
        let d = Diagnostic::error(
            "incidents/\u{1b}[2Jx\n.yaml",
            Pos::new(1, 10, 3),
            "unknown state '\u{1b}]0;pwned\u{7}'",
        )
        .with_hint("no \u{0}here");
        let text = render_diagnostic(&d, Some("state: \u{1b}[1mbad\r\n"));
        assert!(
            !text.contains(['\u{1b}', '\u{0}', '\u{7}', '\r']),
            "{text:?}"
        );
        assert_eq!(
            text,
            "error: unknown state '\\u{1b}]0;pwned\\u{7}'\n --> incidents/\\u{1b}[2Jx\\u{a}.yaml:1:10\n  |\n1 | state: \\u{1b}[1mbad\n  |               ^^^\n  = help: no \\u{0}here\n"
        );
        assert_eq!(terminal_safe("tab\tand\nline"), "tab\tand\nline");
        assert_eq!(terminal_safe("abc\u{202e}cba"), "abc\\u{202e}cba");
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("kakaotlak", ["kakaotalk", "daum"]),
            Some("kakaotalk")
        );
        assert_eq!(
            did_you_mean("degradded", ["degraded", "operational"]),
            Some("degraded")
        );
        assert_eq!(did_you_mean("zzz", ["kakaotalk", "daum"]), None);
    }

    #[test]
    fn sorts_by_file_then_position() {
        let mut report = Report::default();
        report.push(Diagnostic::error("b.yaml", Pos::new(1, 1, 1), "x"));
        report.push(Diagnostic::error("a.yaml", Pos::new(5, 1, 1), "y"));
        report.push(Diagnostic::error("a.yaml", Pos::new(2, 1, 1), "z"));
        report.sort();
        let order: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(order, ["z", "y", "x"]);
    }
}
