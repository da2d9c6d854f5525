//! An incident file read event by event, for files written the plainest way (like every
//! file of the examples): the same [`RawIncident`] that serde would make, without positions,
//! or `None` for anything else — an unknown or repeated key, a value of another shape, a
//! null, an anchor, a number spelt as YAML might not read it — which then goes through
//! serde-saphyr.

use super::raw::{RawAt, RawEntry, RawIncident, RawServices, RawUpdate};
use super::yaml::{Located, Node, Reader, Scalar};

/// The incident in `text`, when it is written the plainest way.
pub(crate) fn read_incident(text: &str) -> Option<RawIncident> {
    let mut reader = Reader::document(text)?;
    let incident = incident(&mut reader)?;
    reader.finish()?;
    Some(incident)
}

fn incident(reader: &mut Reader<'_>) -> Option<RawIncident> {
    let mut incident = RawIncident {
        title: None,
        kind: None,
        started: None,
        resolved: None,
        impact: None,
        summary: None,
        services: None,
        updates: None,
        postmortem: None,
    };
    let mut keys = Keys::new(&[
        "title",
        "kind",
        "started",
        "resolved",
        "impact",
        "summary",
        "services",
        "updates",
        "postmortem",
    ]);
    map(reader)?;
    while let Some(key) = field(reader, &mut keys)? {
        match key {
            "title" => incident.title = Some(located(text(reader)?)),
            "kind" => incident.kind = Some(located(text(reader)?)),
            "started" => incident.started = Some(located(text(reader)?)),
            "resolved" => incident.resolved = Some(located(text(reader)?)),
            "impact" => incident.impact = Some(located(text(reader)?)),
            "summary" => incident.summary = Some(text(reader)?),
            "services" => incident.services = Some(located(services(reader)?)),
            "updates" => incident.updates = Some(seq(reader, update)?),
            "postmortem" => incident.postmortem = Some(text(reader)?),
            _ => return None,
        }
    }
    Some(incident)
}

fn services(reader: &mut Reader<'_>) -> Option<RawServices> {
    match reader.next()? {
        Node::MapStart => {
            let mut lanes = Vec::new();
            while let Some(id) = key(reader, |id| Some(id.to_string()))? {
                lanes.push((located(id), seq(reader, entry)?));
            }
            Some(RawServices::Lanes(lanes))
        }
        Node::SeqStart => items(reader, |r| text(r).map(located)).map(RawServices::Ids),
        _ => None,
    }
}

fn entry(reader: &mut Reader<'_>) -> Option<RawEntry> {
    let (at, state, note) = at_word_text(reader, &["at", "state", "note"])?;
    Some(RawEntry { at, state, note })
}

fn update(reader: &mut Reader<'_>) -> Option<RawUpdate> {
    let (at, status, body) = at_word_text(reader, &["at", "status", "body"])?;
    Some(RawUpdate { at, status, body })
}

/// A mapping of `at`, a word and some text, named by `fields` in that order (an entry's
/// `state` and `note`, an update's `status` and `body`): the text may be left out.
fn at_word_text(
    reader: &mut Reader<'_>,
    fields: &'static [&'static str; 3],
) -> Option<(Located<RawAt>, Located<String>, Option<String>)> {
    let (mut at, mut word, mut text_of) = (None, None, None);
    let mut keys = Keys::new(fields);
    map(reader)?;
    while let Some(key) = field(reader, &mut keys)? {
        if key == fields[0] {
            at = Some(located(hours_or_text(reader)?));
        } else if key == fields[1] {
            word = Some(located(text(reader)?));
        } else {
            text_of = Some(text(reader)?);
        }
    }
    Some((at?, word?, text_of))
}

/// The fields of a struct, and those one mapping has given so far: serde refuses a key that
/// is not a field, or a field given twice.
struct Keys {
    fields: &'static [&'static str],
    seen: u32,
}

impl Keys {
    fn new(fields: &'static [&'static str]) -> Keys {
        Keys { fields, seen: 0 }
    }

    /// The field `key` names, unless it is none or was given already.
    fn first(&mut self, key: &str) -> Option<&'static str> {
        let index = self.fields.iter().position(|field| *field == key)?;
        let bit = 1 << index;
        if self.seen & bit != 0 {
            return None;
        }
        self.seen |= bit;
        Some(self.fields[index])
    }
}

fn located<T>(value: T) -> Located<T> {
    Located::new(value, Default::default())
}

fn map(reader: &mut Reader<'_>) -> Option<()> {
    matches!(reader.next()?, Node::MapStart).then_some(())
}

/// The next key of a mapping, as `read` takes it: `Some(None)` at the mapping's end, `None`
/// when it is not text or `read` refuses it.
fn key<T>(reader: &mut Reader<'_>, read: impl FnOnce(&str) -> Option<T>) -> Option<Option<T>> {
    match reader.next()? {
        Node::MapEnd => Some(None),
        Node::Scalar(scalar) => read(scalar.key()?).map(Some),
        _ => None,
    }
}

/// The next field of a struct's mapping, as [`key`] reads it: `None` for a key that is no
/// field or a field given twice.
fn field(reader: &mut Reader<'_>, keys: &mut Keys) -> Option<Option<&'static str>> {
    key(reader, |key| keys.first(key))
}

fn scalar<'t>(reader: &mut Reader<'t>) -> Option<Scalar<'t>> {
    match reader.next()? {
        Node::Scalar(scalar) => Some(scalar),
        _ => None,
    }
}

fn text(reader: &mut Reader<'_>) -> Option<String> {
    scalar(reader)?.text()
}

/// `at`: hours as a plain decimal, or text (a duration or a timestamp).
fn hours_or_text(reader: &mut Reader<'_>) -> Option<RawAt> {
    let scalar = scalar(reader)?;
    match scalar.decimal() {
        Some(hours) => Some(RawAt::Hours(hours)),
        None => scalar.any_text().map(RawAt::Text),
    }
}

/// A sequence, each item read by `item`.
fn seq<'t, T>(
    reader: &mut Reader<'t>,
    item: impl FnMut(&mut Reader<'t>) -> Option<T>,
) -> Option<Vec<T>> {
    matches!(reader.next()?, Node::SeqStart).then_some(())?;
    items(reader, item)
}

/// The items of a sequence whose start was read, up to its end.
fn items<'t, T>(
    reader: &mut Reader<'t>,
    mut item: impl FnMut(&mut Reader<'t>) -> Option<T>,
) -> Option<Vec<T>> {
    let mut items = Vec::new();
    loop {
        match reader.next()? {
            Node::SeqEnd => return Some(items),
            node => {
                reader.unread(node);
                items.push(item(reader)?);
            }
        }
    }
}

#[cfg(test)]
mod tests;
