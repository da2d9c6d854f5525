//! A maintenance's `services: [api, db]` (each service in maintenance for the whole window)
//! written out per service, when an entry is added to one of them. Only a list on the key's
//! line, or a block list of ids and nothing else, is rewritten; anything else is left to
//! the user, with a message that says how.

use super::item::{self, ItemStyle};
use super::lanes::{RANK_ENTRY, entry_fields, set_note};
use super::outline::{content_end, is_flow};
use super::text::{Splice, column, line_after};
use super::{Change, Doc};
use crate::diagnostics::Diagnostic;
use crate::load::tree::Node;

pub(super) fn write_out(
    doc: &Doc,
    key: &Node,
    services: &Node,
    ids: &[Node],
    written: &mut [Change],
    splices: &mut Vec<Splice>,
) -> Result<(), Diagnostic> {
    let (stop, trailing) = region(doc, key, services)?;
    let text = lanes(doc, key, ids, written);
    splices.push(Splice::inline(
        key.start,
        stop,
        format!("services:{trailing}{text}"),
        RANK_ENTRY,
    ));
    Ok(())
}

/// Where the list ends, and what follows `services:` on its line that must stay (a comment).
fn region(doc: &Doc, key: &Node, services: &Node) -> Result<(usize, String), Diagnostic> {
    let refuse = || {
        doc.error(
            Some(services),
            "`services:` is a plain list of ids, with comments or other text in it",
            "write it per service first (`api:` then `- { at: 0, state: maintenance }`), then run this again",
        )
    };
    let end = content_end(doc.text, services);
    let key_line_end = line_after(doc.text, key.end);
    let line_end = |from: usize| {
        let next = line_after(doc.text, from + 1);
        doc.text[..next].trim_end_matches(['\n', '\r']).len()
    };
    if is_flow(doc.text, services) {
        if end > key_line_end {
            return Err(refuse());
        }
        let stop = line_end(end);
        return Ok((stop, doc.text[end..stop].to_string()));
    }
    let only_ids = doc.text[key_line_end.min(end)..end].lines().all(|l| {
        let l = l.trim();
        l.starts_with("- ") && !l.contains('#')
    });
    if !only_ids {
        return Err(refuse());
    }
    let colon = key.end + doc.text[key.end..].find(':').map_or(0, |i| i + 1);
    Ok((end, doc.text[colon..line_end(colon)].to_string()))
}

/// Each listed id in maintenance from hour 0, then its new entries; new services last.
fn lanes(doc: &Doc, key: &Node, ids: &[Node], written: &mut [Change]) -> String {
    let indent = " ".repeat(column(doc.text, key.start) + 2);
    let mut order: Vec<String> = ids
        .iter()
        .filter_map(|n| n.scalar().map(String::from))
        .collect();
    let listed = order.len();
    for change in written.iter() {
        if let Change::Entry { service, .. } = change
            && !order.contains(service)
        {
            order.push(service.clone());
        }
    }
    let style = ItemStyle::Flow {
        spaced: true,
        order: vec![],
    };
    let eol = doc.eol;
    let mut text = String::new();
    for (n, id) in order.iter().enumerate() {
        text.push_str(&format!("{eol}{indent}{id}:"));
        if n < listed {
            text.push_str(&format!("{eol}{indent}  - {{ at: 0, state: maintenance }}"));
        }
        for change in written.iter_mut() {
            if !matches!(change, Change::Entry { service, .. } if service == id) {
                continue;
            }
            let fields = entry_fields(change, None);
            let rendered = item::render(&fields, &style, "", eol);
            text.push_str(&format!("{eol}{indent}  - {}", rendered.text));
            set_note(change, rendered.value);
        }
    }
    text
}
