//! New updates at the end of `updates:` (made when missing or empty), and `resolved:`.

use super::item::{self, Fields, ItemStyle};
use super::lanes::flow_append;
use super::outline::{blank_between, content_end, dash_prefix, is_flow};
use super::text::{Splice, column, line_after, line_of, line_start};
use super::{AtStyle, Change, Doc, format_at, last_item};
use crate::diagnostics::Diagnostic;
use crate::load::tree::{Node, NodeValue};

const RANK_UPDATE: u8 = 2;
const RANK_RESOLVED: u8 = 3;

pub(super) fn add_updates(
    doc: &Doc,
    written: &mut [Change],
    splices: &mut Vec<Splice>,
) -> Result<(), Diagnostic> {
    let wanted: Vec<usize> = (0..written.len())
        .filter(|&i| matches!(written[i], Change::Update { .. }))
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let updates = doc.root.entry("updates");
    let last = updates.and_then(|(_, v)| last_item(v));
    let style = updates
        .and_then(|(_, list)| doc.at_style(list))
        .or_else(|| doc.lanes_at_style())
        .unwrap_or(AtStyle::Duration);
    let fields: Vec<Fields> = wanted
        .iter()
        .filter_map(|&i| update_fields(&written[i], style))
        .collect();
    let values = match updates {
        None => missing(doc, &fields, splices),
        Some((key, list)) if list.alias => {
            return Err(doc.error(
                Some(key),
                "`updates:` is an alias of another list",
                "write the updates out in full to add to them with statusgen",
            ));
        }
        Some((key, list)) => match (&list.value, last) {
            (NodeValue::Null, _) => empty(doc, key, list, &fields, splices),
            (NodeValue::Seq(_), Some(last)) => after_last(doc, list, last, &fields, splices),
            (NodeValue::Seq(_), None) => into_empty_flow(doc, list, &fields, splices),
            _ => {
                return Err(doc.error(
                    Some(list),
                    "`updates:` is not a list",
                    "write it as a list: `- at: 0` then `status:` and `body:`",
                ));
            }
        },
    };
    for (i, value) in wanted.into_iter().zip(values) {
        if let Change::Update { body, .. } = &mut written[i] {
            *body = value;
        }
    }
    Ok(())
}

fn update_fields(change: &Change, style: AtStyle) -> Option<Fields> {
    let Change::Update { at, status, body } = change else {
        return None;
    };
    Some(Fields {
        at: format_at(*at, style),
        word_key: "status",
        word: status.as_str().to_string(),
        text_key: "body",
        text: body.clone(),
    })
}

/// No `updates:` key: one at the end of the file.
fn missing(doc: &Doc, fields: &[Fields], splices: &mut Vec<Splice>) -> Vec<Option<String>> {
    let prefix = format!("{}- ", " ".repeat(doc.indent_unit()));
    let (items, values) = item::block_list(fields, &ItemStyle::fresh(), &prefix, false, doc.eol);
    let spaced = doc.root.entry("services").is_some_and(|(key, _)| {
        let start = line_start(doc.text, key.start);
        start > 0 && line_of(doc.text, start - 1).trim().is_empty()
    });
    let gap = if spaced { doc.eol } else { "" };
    let text = format!("{gap}updates:{}{items}", doc.eol);
    splices.push(Splice::lines(document_end(doc), text, RANK_UPDATE));
    values
}

/// Where the document ends: the end of the file, or the line of a `...` (or `---`) marker
/// after the last key, since what follows one is another document.
fn document_end(doc: &Doc) -> usize {
    let mut at = line_after(doc.text, content_end(doc.text, doc.root));
    while at < doc.text.len() {
        let line = line_of(doc.text, at);
        if let Some(rest) = line
            .strip_prefix("...")
            .or_else(|| line.strip_prefix("---"))
            && (rest.trim().is_empty() || rest.trim_start().starts_with('#'))
        {
            return at;
        }
        at = line_after(doc.text, at + 1);
    }
    doc.text.len()
}

/// `updates:` with nothing (or `~`) after it: the items go on the lines after the key.
fn empty(
    doc: &Doc,
    key: &Node,
    null: &Node,
    fields: &[Fields],
    splices: &mut Vec<Splice>,
) -> Vec<Option<String>> {
    let key_col = column(doc.text, key.start);
    let prefix = format!("{}- ", " ".repeat(key_col + doc.indent_unit()));
    let (items, values) = item::block_list(fields, &ItemStyle::fresh(), &prefix, false, doc.eol);
    let at = line_after(doc.text, null.end.max(key.end + 1));
    splices.push(Splice::lines(at, items, RANK_UPDATE));
    values
}

fn after_last(
    doc: &Doc,
    list: &Node,
    last: &Node,
    fields: &[Fields],
    splices: &mut Vec<Splice>,
) -> Vec<Option<String>> {
    let items = match &list.value {
        NodeValue::Seq(items) => items.as_slice(),
        _ => std::slice::from_ref(last),
    };
    let style = ItemStyle::of_list(doc.text, items, "body")
        .unwrap_or_else(|| ItemStyle::of(doc.text, last, "body"));
    if is_flow(doc.text, list) {
        let (text, values) = item::flow_list(fields, &style);
        splices.extend(flow_append(doc, list, last, &text, RANK_UPDATE));
        return values;
    }
    let prefix = dash_prefix(doc.text, last);
    let gap = blank_between(doc.text, &items.iter().collect::<Vec<_>>());
    let (text, values) = item::block_list(fields, &style, &prefix, gap, doc.eol);
    let at = line_after(doc.text, content_end(doc.text, list));
    splices.push(Splice::lines(at, text, RANK_UPDATE));
    values
}

/// `updates: []`: the items go between the brackets.
fn into_empty_flow(
    doc: &Doc,
    list: &Node,
    fields: &[Fields],
    splices: &mut Vec<Splice>,
) -> Vec<Option<String>> {
    let (text, values) = item::flow_list(fields, &ItemStyle::fresh());
    let at = content_end(doc.text, list) - 1;
    splices.push(Splice::inline(at, at, text, RANK_UPDATE));
    values
}

/// `resolved:` set to the timestamp in place, or added on the line after `started:`.
pub(super) fn set_resolved(
    doc: &Doc,
    written: &[Change],
    splices: &mut Vec<Splice>,
) -> Result<(), Diagnostic> {
    let Some(timestamp) = written.iter().find_map(|c| match c {
        Change::Resolved { timestamp } => Some(timestamp),
        _ => None,
    }) else {
        return Ok(());
    };
    if let Some((key, value)) = doc.root.entry("resolved") {
        let colon = key.end + doc.text[key.end..].find(':').map_or(0, |i| i + 1);
        let (start, text) = match value.value {
            NodeValue::Null => (colon, format!(" {timestamp}")),
            _ => (value.start, timestamp.clone()),
        };
        let end = value.end.max(start);
        splices.push(Splice::inline(start, end, text, RANK_RESOLVED));
        return Ok(());
    }
    let Some((key, started)) = doc.root.entry("started") else {
        return Err(doc.error(None, "no `started:` in this file", "add `started:` first"));
    };
    let indent = " ".repeat(column(doc.text, key.start));
    let at = line_after(doc.text, content_end(doc.text, started));
    let text = format!("{indent}resolved: {timestamp}{}", doc.eol);
    splices.push(Splice::lines(at, text, RANK_RESOLVED));
    Ok(())
}
