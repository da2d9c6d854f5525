//! Lines of a file as text: where a line starts and ends, its indentation, and splicing new
//! text in while keeping every other byte.

/// A piece of text to put in place of `start..end` (empty for an insertion). `lines` when it
/// is whole lines inserted at the start of a line; `rank` orders insertions at one place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Splice {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rank: u8,
    pub lines: bool,
}

impl Splice {
    pub(super) fn lines(at: usize, text: String, rank: u8) -> Splice {
        Splice {
            start: at,
            end: at,
            text,
            rank,
            lines: true,
        }
    }

    pub(super) fn inline(start: usize, end: usize, text: String, rank: u8) -> Splice {
        Splice {
            start,
            end,
            text,
            rank,
            lines: false,
        }
    }
}

/// A line of the new text that an edit added or changed (1-based line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineChange {
    pub line: usize,
    pub text: String,
    pub added: bool,
}

/// The line ending the file uses: that of its first line, else `\n`.
pub(crate) fn eol_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

pub(crate) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the line after the one holding the byte before `end`: where a line added
/// after some content goes.
pub(crate) fn line_after(text: &str, end: usize) -> usize {
    let last = end.saturating_sub(1).min(text.len());
    match text[last..].find('\n') {
        Some(i) => last + i + 1,
        None => text.len(),
    }
}

/// Characters between the start of the line and `at`.
pub(crate) fn column(text: &str, at: usize) -> usize {
    text[line_start(text, at)..at].chars().count()
}

/// The line holding `at`, without its line ending.
pub(crate) fn line_of(text: &str, at: usize) -> &str {
    let start = line_start(text, at);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    text[start..end].trim_end_matches('\r')
}

/// Applies `splices` to `text`; returns the new text and its added or changed lines.
pub(crate) fn apply(text: &str, splices: &[Splice], eol: &str) -> (String, Vec<LineChange>) {
    let mut order: Vec<(usize, &Splice)> = splices.iter().enumerate().collect();
    order.sort_by_key(|(i, s)| (s.start, s.rank, *i));
    let mut out = String::with_capacity(text.len() + 256);
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut copied = 0;
    for (_, splice) in order {
        out.push_str(&text[copied..splice.start.max(copied)]);
        copied = copied.max(splice.end);
        let mut piece = splice.text.clone();
        if splice.lines && !out.is_empty() && !out.ends_with('\n') {
            // A file without a final line ending: the old last line gets one.
            piece.insert_str(0, eol);
        }
        let begin = out.len();
        out.push_str(&piece);
        spans.push((begin, out.len(), splice.lines));
    }
    out.push_str(&text[copied..]);
    let changes = changed_lines(&out, &spans);
    (out, changes)
}

fn changed_lines(text: &str, spans: &[(usize, usize, bool)]) -> Vec<LineChange> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .collect();
    let line_of_byte = |b: usize| starts.partition_point(|&s| s <= b).max(1);
    let mut changes: Vec<LineChange> = Vec::new();
    for &(begin, end, whole) in spans {
        let (first, last) = if whole {
            let begin = if text[begin..end].starts_with(['\r', '\n']) {
                line_after(text, begin + 1)
            } else {
                begin
            };
            if begin >= end {
                continue;
            }
            (line_of_byte(begin), line_of_byte(end - 1))
        } else {
            (line_of_byte(begin), line_of_byte(end.max(begin + 1) - 1))
        };
        for line in first..=last {
            if changes.iter().any(|c| c.line == line) {
                continue;
            }
            changes.push(LineChange {
                line,
                text: line_of(text, starts[line - 1]).to_string(),
                added: whole,
            });
        }
    }
    changes.sort_by_key(|c| c.line);
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "a: 1\r\n  b: 2\r\nc";
        assert_eq!(eol_of(text), "\r\n");
        assert_eq!(eol_of("x\ny"), "\n");
        assert_eq!(line_after(text, 4), 6);
        assert_eq!(line_after(text, text.len()), text.len());
        assert_eq!(column(text, 8), 2);
        assert_eq!(line_of(text, 8), "  b: 2");
    }

    #[test]
    fn splices_keep_other_bytes_and_report_lines() {
        let text = "a\nb\nc";
        let splices = [
            Splice::lines(2, "x\n".into(), 0),
            Splice::lines(text.len(), "z\n".into(), 0),
            Splice::inline(0, 1, "A".into(), 0),
        ];
        let (out, lines) = apply(text, &splices, "\n");
        assert_eq!(out, "A\nx\nb\nc\nz\n");
        let shown: Vec<(usize, &str, bool)> = lines
            .iter()
            .map(|l| (l.line, l.text.as_str(), l.added))
            .collect();
        assert_eq!(shown, [(1, "A", false), (2, "x", true), (5, "z", true)]);
    }

    #[test]
    fn equal_places_follow_rank_then_order() {
        let splices = [
            Splice::lines(0, "late\n".into(), 1),
            Splice::lines(0, "first\n".into(), 0),
            Splice::lines(0, "second\n".into(), 0),
        ];
        let (out, _) = apply("end\n", &splices, "\n");
        assert_eq!(out, "first\nsecond\nlate\nend\n");
    }
}
