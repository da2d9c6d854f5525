//! A reader of the plainest YAML, event by event, for the files that use nothing else: one
//! document of mappings, sequences and scalars without anchors, aliases, tags or directives.
//! It sits on granit-parser, the parser under serde-saphyr, and skips serde-saphyr's own work
//! per event (key capture, merges, budgets, positions), which is most of the time a file
//! takes. Whatever it does not know for certain to be read the same way by
//! serde-saphyr ends the reading with `None`, and the caller parses the file the full way.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, StrInput};

/// One step of the document.
#[derive(Debug)]
pub(crate) enum Node<'t> {
    Scalar(Scalar<'t>),
    MapStart,
    MapEnd,
    SeqStart,
    SeqEnd,
}

/// A scalar as written: its text (quotes and escapes resolved), and whether it was plain.
#[derive(Debug)]
pub(crate) struct Scalar<'t> {
    text: Cow<'t, str>,
    plain: bool,
}

impl Scalar<'_> {
    /// The text, only when serde-saphyr would read this scalar into a string as it is
    /// written: any scalar but a plain null (`~`, `null` in any case, nothing), which it
    /// refuses as text (or, for `nULL`, might not; that one goes the full way too).
    pub(crate) fn text(self) -> Option<String> {
        if self.plain && nullish(&self.text) {
            return None;
        }
        Some(self.text.into_owned())
    }

    /// A mapping's key as [`Scalar::text`] reads it; not `<<`, which merges a mapping.
    pub(crate) fn key(&self) -> Option<&str> {
        let refused = self.plain && (nullish(&self.text) || self.text == "<<");
        (!refused).then_some(&*self.text)
    }

    /// The text, only when serde-saphyr would read this scalar as text where it could also take
    /// a number (serde's `deserialize_any`): a quoted or block scalar, or a plain one that no
    /// spelling of a null, a boolean or a number could be.
    pub(crate) fn any_text(self) -> Option<String> {
        if self.plain && !surely_text(&self.text) {
            return None;
        }
        Some(self.text.into_owned())
    }

    /// The number, when this is a plain decimal such as `0`, `43` or `127.5`, written the one
    /// way every YAML schema reads as that number: no sign, exponent, leading zero or `_`.
    pub(crate) fn decimal(&self) -> Option<f64> {
        if !self.plain {
            return None;
        }
        let (whole, fraction) = match self.text.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (&*self.text, None),
        };
        let digits = |s: &str, most: usize| {
            !s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit())
        };
        let whole_ok = digits(whole, 15) && (whole == "0" || !whole.starts_with('0'));
        if !whole_ok || fraction.is_some_and(|f| !digits(f, 15)) {
            return None;
        }
        self.text.parse().ok()
    }
}

/// Whether a plain scalar could be a null in any spelling, however unusual.
fn nullish(text: &str) -> bool {
    text.is_empty() || text == "~" || text.eq_ignore_ascii_case("null")
}

/// Whether a plain scalar is text under every schema: not a word YAML 1.1 or 1.2 reads as a
/// null or a boolean (in any case), and either starting with what no number starts with or
/// holding a character no number, radix prefix, exponent, `.inf` or `.nan` has (`90m`,
/// `2022-10-15T06:33:00Z`).
fn surely_text(text: &str) -> bool {
    const WORDS: [&str; 11] = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "inf", "nan",
    ];
    const IN_NUMBERS: &[u8] = b"0123456789abcdefABCDEF.+-_xXoOiInN";
    let Some(first) = text.bytes().next() else {
        return false;
    };
    if nullish(text) || WORDS.iter().any(|word| text.eq_ignore_ascii_case(word)) {
        return false;
    }
    let numeric_start = first.is_ascii_digit() || b"+-.~".contains(&first);
    !numeric_start || text.bytes().any(|b| !IN_NUMBERS.contains(&b))
}

/// The events of one document, or `None` from the first thing this reader does not take.
pub(crate) struct Reader<'t> {
    parser: Parser<'t, StrInput<'t>>,
    peeked: Option<Node<'t>>,
    used: Used,
    /// serde-saphyr's budget: the reader stops a little before it, never after, so that a
    /// document it reads whole is one serde-saphyr reads whole. The budget's other limits
    /// are of things the reader refuses (aliases, anchors, documents, merges) or that the
    /// shapes its callers read cannot reach (depth).
    budget: Used,
}

/// Events, nodes and bytes of scalar text (escapes expanded: `\L` is 2 bytes written, 3
/// read) read so far.
#[derive(Clone, Copy)]
struct Used {
    events: usize,
    nodes: usize,
    text: usize,
}

impl<'t> Reader<'t> {
    /// A reader positioned inside the one document of `text`: after the stream's start and
    /// the document's start (implicit, or `---` without a `%YAML` directive).
    pub(crate) fn document(text: &'t str) -> Option<Reader<'t>> {
        let budget = super::budget();
        let mut reader = Reader {
            parser: Parser::new_from_str_with_options(text, super::parser_options(&budget)),
            peeked: None,
            used: Used {
                events: 0,
                nodes: 0,
                text: 0,
            },
            budget: Used {
                events: budget.max_events,
                nodes: budget.max_nodes,
                text: budget.max_total_scalar_bytes,
            },
        };
        matches!(reader.event()?, Event::StreamStart).then_some(())?;
        matches!(reader.event()?, Event::DocumentStart(_, None)).then_some(())?;
        Some(reader)
    }

    /// The next node, `None` at anything else (and at the document's end).
    pub(crate) fn next(&mut self) -> Option<Node<'t>> {
        if let Some(node) = self.peeked.take() {
            return Some(node);
        }
        let node = match self.event()? {
            Event::Scalar(text, style, 0, None) => Node::Scalar(Scalar {
                text,
                plain: style == ScalarStyle::Plain,
            }),
            Event::MappingStart(_, 0, None) => Node::MapStart,
            Event::MappingEnd => Node::MapEnd,
            Event::SequenceStart(_, 0, None) => Node::SeqStart,
            Event::SequenceEnd => Node::SeqEnd,
            _ => return None,
        };
        if let Node::Scalar(scalar) = &node {
            self.used.text += scalar.text.len();
        }
        if !matches!(node, Node::MapEnd | Node::SeqEnd) {
            self.used.nodes += 1;
        }
        let within = self.used.nodes < self.budget.nodes && self.used.text < self.budget.text;
        within.then_some(node)
    }

    /// Puts `node` back, to be returned by the next [`Reader::next`].
    pub(crate) fn unread(&mut self, node: Node<'t>) {
        self.peeked = Some(node);
    }

    /// The end of the document, and of the stream: no second document.
    pub(crate) fn finish(mut self) -> Option<()> {
        if self.peeked.is_some() {
            return None;
        }
        matches!(self.event()?, Event::DocumentEnd).then_some(())?;
        matches!(self.event()?, Event::StreamEnd).then_some(())
    }

    fn event(&mut self) -> Option<Event<'t>> {
        self.used.events += 1;
        if self.used.events >= self.budget.events {
            return None;
        }
        self.parser.next()?.ok().map(|(event, _span)| event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalars(text: &str) -> Vec<Scalar<'_>> {
        let mut reader = Reader::document(text).unwrap();
        let mut found = Vec::new();
        while let Some(node) = reader.next() {
            if let Node::Scalar(scalar) = node {
                found.push(scalar);
            }
        }
        found
    }

    #[test]
    fn plain_scalars_are_text_unless_null_and_any_text_unless_a_schema_could_read_otherwise() {
        let text = "[api, 'yes', \"0x1F\", yes, NULL, ~, '', 12, 0x1F, .5, 90m, 1h30m, \
                    2022-10-15T06:33:00Z, -1, 1e3, 30d, Inf, -.inf, <<]";
        let some = |s: &str| Some(s.to_string());
        let texts = scalars(text).into_iter().map(Scalar::text);
        let any = scalars(text).into_iter().map(Scalar::any_text);
        let all = |s: &str| (some(s), some(s));
        let only_text = |s: &str| (some(s), None);
        let expected = [
            all("api"),
            all("yes"),
            all("0x1F"),
            only_text("yes"),
            (None, None),
            (None, None),
            all(""),
            only_text("12"),
            only_text("0x1F"),
            only_text(".5"),
            all("90m"),
            all("1h30m"),
            all("2022-10-15T06:33:00Z"),
            only_text("-1"),
            only_text("1e3"),
            only_text("30d"),
            only_text("Inf"),
            only_text("-.inf"),
            all("<<"),
        ];
        let found: Vec<_> = texts.zip(any).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn decimals_are_the_one_spelling_every_schema_agrees_on() {
        let text = "[0, 43, 127.5, 9.50, '1', 007, 1e3, +1, 1_0, .5, 5., 0x10, 1.2.3]";
        let read: Vec<Option<f64>> = scalars(text).iter().map(Scalar::decimal).collect();
        let (none, n) = (None, Some);
        assert_eq!(
            read,
            [
                n(0.0),
                n(43.0),
                n(127.5),
                n(9.5),
                none,
                none,
                none,
                none,
                none,
                none,
                none,
                none,
                none
            ]
        );
    }

    /// How many nodes `text` holds, when it is read whole: one collection or scalar, then
    /// the end of its document and of the stream.
    fn read_whole(text: &str) -> Option<usize> {
        let mut reader = Reader::document(text)?;
        let (mut depth, mut count) = (0usize, 0);
        loop {
            let node = reader.next()?;
            count += 1;
            match node {
                Node::MapStart | Node::SeqStart => depth += 1,
                Node::MapEnd | Node::SeqEnd => depth -= 1,
                Node::Scalar(_) => {}
            }
            if depth == 0 {
                break;
            }
        }
        reader.finish()?;
        Some(count)
    }

    #[test]
    fn a_plain_document_is_read_whole() {
        assert_eq!(read_whole("a: 1\nb: [x, 'y']\n"), Some(9));
        assert_eq!(read_whole("---\na: |\n  text\n...\n"), Some(4));
    }

    #[test]
    fn anchors_aliases_tags_directives_errors_and_more_documents_end_the_reading() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "!!map {a: 1}\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: [1, 2\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\n  b: 2\n",
        ] {
            assert_eq!(read_whole(text), None, "{text}");
        }
    }
}
