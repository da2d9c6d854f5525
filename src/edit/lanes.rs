//! New entries under `services:`: at the end of a service's list, as a new service after the
//! last one, or (a maintenance's plain list of ids) by writing the list out per service.

use super::item::{self, Fields, ItemStyle};
use super::outline::{blank_between, content_end, dash_prefix, is_flow};
use super::plain;
use super::text::{Splice, column, line_after, line_of};
use super::{AtStyle, Change, Doc, format_at, last_item};
use crate::diagnostics::Diagnostic;
use crate::load::tree::{Node, NodeValue};

/// Ranks of insertions at one place: entries of a service before a new service after it.
pub(super) const RANK_ENTRY: u8 = 0;
const RANK_NEW_LANE: u8 = 1;

pub(super) fn add_entries(
    doc: &Doc,
    written: &mut [Change],
    splices: &mut Vec<Splice>,
) -> Result<(), Diagnostic> {
    if !written.iter().any(|c| matches!(c, Change::Entry { .. })) {
        return Ok(());
    }
    let Some((key, services)) = doc.root.entry("services") else {
        return Err(doc.error(None, "no `services:` in this file", "add `services:` first"));
    };
    if services.alias {
        return Err(doc.error(
            Some(services),
            "`services:` is an alias of another node",
            "write this incident's services out in full to edit them with statusgen",
        ));
    }
    match &services.value {
        NodeValue::Map(pairs) => lanes(doc, services, pairs, written, splices),
        NodeValue::Seq(ids) => plain::write_out(doc, key, services, ids, written, splices),
        _ => Err(doc.error(
            Some(services),
            "`services:` is neither a mapping nor a list",
            "give each service its entries: `api: [{ at: 0, state: major_outage }]`",
        )),
    }
}

/// Entries of the services of a mapping, existing or new.
fn lanes(
    doc: &Doc,
    services: &Node,
    pairs: &[(Node, Node)],
    written: &mut [Change],
    splices: &mut Vec<Splice>,
) -> Result<(), Diagnostic> {
    let default_style = doc.lanes_at_style();
    let mut new_lanes: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, change) in written.iter_mut().enumerate() {
        let Change::Entry { service, .. } = &*change else {
            continue;
        };
        let service = service.clone();
        match pairs
            .iter()
            .find(|(k, _)| k.scalar() == Some(service.as_str()))
        {
            Some((_, lane)) => {
                let style = doc.at_style(lane).or(default_style);
                let fields = entry_fields(change, style);
                let value = append(doc, lane, &fields, &service, splices)?;
                set_note(change, value);
            }
            None => match new_lanes.iter_mut().find(|(id, _)| *id == service) {
                Some((_, entries)) => entries.push(i),
                None => new_lanes.push((service, vec![i])),
            },
        }
    }
    for (id, entries) in new_lanes {
        add_lane(doc, services, pairs, &id, &entries, written, splices)?;
    }
    Ok(())
}

/// A service new to the incident, after the last one, with the entries `entries` (indices
/// into `written`).
fn add_lane(
    doc: &Doc,
    services: &Node,
    pairs: &[(Node, Node)],
    id: &str,
    entries: &[usize],
    written: &mut [Change],
    splices: &mut Vec<Splice>,
) -> Result<(), Diagnostic> {
    let Some((last_key, last_value)) = pairs.last() else {
        return Err(doc.error(Some(services), "`services:` is empty", "name a service"));
    };
    let at_style = doc.lanes_at_style();
    let item_style =
        last_item(last_value).map_or_else(ItemStyle::fresh, |i| ItemStyle::of(doc.text, i, "note"));
    let items: Vec<Fields> = entries
        .iter()
        .map(|&i| entry_fields(&written[i], at_style))
        .collect();
    let values = if is_flow(doc.text, services) {
        let (list, values) = item::flow_list(&items, &item_style);
        let end = content_end(doc.text, last_value);
        let text = format!(", {id}: [{list}]");
        splices.push(Splice::inline(end, end, text, RANK_NEW_LANE));
        values
    } else {
        let (mut text, values) = new_lane(doc, id, &items, last_key, last_value, &item_style);
        let keys: Vec<&Node> = pairs.iter().map(|(k, _)| k).collect();
        if blank_between(doc.text, &keys) {
            text.insert_str(0, doc.eol);
        }
        let at = line_after(doc.text, content_end(doc.text, services));
        splices.push(Splice::lines(at, text, RANK_NEW_LANE));
        values
    };
    for (&i, value) in entries.iter().zip(values) {
        set_note(&mut written[i], value);
    }
    Ok(())
}

/// The fields of an entry change (a default for anything else, never passed here).
pub(super) fn entry_fields(change: &Change, style: Option<AtStyle>) -> Fields {
    let mut fields = Fields {
        at: String::new(),
        word_key: "state",
        word: String::new(),
        text_key: "note",
        text: None,
    };
    if let Change::Entry {
        at, state, note, ..
    } = change
    {
        fields.at = format_at(*at, style.unwrap_or(AtStyle::Duration));
        fields.word = state.as_str().to_string();
        fields.text = note.clone();
    }
    fields
}

pub(super) fn set_note(change: &mut Change, value: Option<String>) {
    if let Change::Entry { note, .. } = change {
        *note = value;
    }
}

/// Adds one item after the last of `lane`; returns the note as it reads back.
fn append(
    doc: &Doc,
    lane: &Node,
    fields: &Fields,
    service: &str,
    splices: &mut Vec<Splice>,
) -> Result<Option<String>, Diagnostic> {
    let Some(last) = last_item(lane).filter(|_| !lane.alias) else {
        let message = if lane.alias {
            format!("the entries of '{service}' are an alias of another list")
        } else {
            format!("'{service}' has no list of entries to add to")
        };
        return Err(doc.error(
            Some(lane),
            &message,
            "write its entries out as a list, `- { at: 0, state: major_outage }`, then run this again",
        ));
    };
    let style = ItemStyle::of(doc.text, last, "note");
    let fields = std::slice::from_ref(fields);
    if is_flow(doc.text, lane) {
        let (text, mut values) = item::flow_list(fields, &style);
        splices.extend(flow_append(doc, lane, last, &text, RANK_ENTRY));
        return Ok(values.pop().flatten());
    }
    let prefix = dash_prefix(doc.text, last);
    let gap = match &lane.value {
        NodeValue::Seq(items) => blank_between(doc.text, &items.iter().collect::<Vec<_>>()),
        _ => false,
    };
    let (text, mut values) = item::block_list(fields, &style, &prefix, gap, doc.eol);
    let at = line_after(doc.text, content_end(doc.text, lane));
    splices.push(Splice::lines(at, text, RANK_ENTRY));
    Ok(values.pop().flatten())
}

/// `, ITEM` after the last item of a flow collection; on a line of its own when the
/// collection closes on a later line.
pub(super) fn flow_append(
    doc: &Doc,
    collection: &Node,
    last: &Node,
    item: &str,
    rank: u8,
) -> Vec<Splice> {
    let close = content_end(doc.text, collection) - 1;
    let end = content_end(doc.text, last);
    let between = &doc.text[end..close];
    if !between.contains('\n') {
        return vec![Splice::inline(end, end, format!(", {item}"), rank)];
    }
    let own_line = line_of(doc.text, last.start);
    let indent: String = own_line.chars().take_while(|c| c.is_whitespace()).collect();
    let comma_follows = between.trim_start().starts_with(',');
    let mut out = vec![Splice::lines(
        line_after(doc.text, end),
        format!(
            "{indent}{item}{}{}",
            if comma_follows { "," } else { "" },
            doc.eol
        ),
        rank,
    )];
    if !comma_follows {
        out.push(Splice::inline(end, end, ",".into(), rank));
    }
    out
}

/// A new service's key and list, shaped like the last service (`last_key: last_value`).
fn new_lane(
    doc: &Doc,
    id: &str,
    items: &[Fields],
    last_key: &Node,
    last_value: &Node,
    style: &ItemStyle,
) -> (String, Vec<Option<String>>) {
    let indent = " ".repeat(column(doc.text, last_key.start));
    if is_flow(doc.text, last_value) {
        let (list, values) = item::flow_list(items, style);
        return (format!("{indent}{id}: [{list}]{}", doc.eol), values);
    }
    let prefix =
        last_item(last_value).map_or_else(|| format!("{indent}  - "), |i| dash_prefix(doc.text, i));
    let (list, values) = item::block_list(items, style, &prefix, false, doc.eol);
    (format!("{indent}{id}:{}{list}", doc.eol), values)
}
