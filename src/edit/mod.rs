//! Editing an incident file as text: new entries, updates and `resolved:` go in as lines
//! shaped like their neighbours, and every other byte (comments, key order, flow or block
//! style, blank lines, line endings) stays as it was. The node tree with byte positions
//! (`load::tree`) says where each list ends; nothing is re-serialized.

mod at;
mod item;
mod lanes;
mod log;
mod meaning;
mod outline;
mod plain;
mod scalar;
mod text;

#[cfg(test)]
mod tests;

use chrono::Duration;

use crate::diagnostics::{Diagnostic, Pos};
use crate::load::tree::{Node, NodeValue, parse_tree};
use crate::model::{State, UpdateStatus};

pub(crate) use at::{AtStyle, format_at};
pub(crate) use meaning::applied;
pub(crate) use scalar::{Context, markdown, quote};
pub(crate) use text::LineChange;

/// One thing to add to an incident file. `at` is the time since `started`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    /// An entry at the end of `service`'s list; the service is added when it has none.
    Entry {
        service: String,
        at: Duration,
        state: State,
        note: Option<String>,
    },
    /// An update at the end of `updates:` (created if missing).
    Update {
        at: Duration,
        status: UpdateStatus,
        body: Option<String>,
    },
    /// `resolved:` set to this timestamp, or added after `started:`.
    Resolved { timestamp: String },
}

/// The new text, the changes as written (a note or body reads back exactly as given here),
/// and the lines added or changed.
#[derive(Debug)]
pub(crate) struct Edited {
    pub text: String,
    pub changes: Vec<Change>,
    pub lines: Vec<LineChange>,
}

/// Applies `changes` to `text`, the incident file `file`.
pub(crate) fn apply(text: &str, file: &str, changes: &[Change]) -> Result<Edited, Diagnostic> {
    let root = parse_tree(text, file)?;
    let doc = Doc {
        text,
        file,
        eol: text::eol_of(text),
        root: &root,
    };
    if !matches!(root.value, NodeValue::Map(_)) || outline::is_flow(text, &root) {
        return Err(doc.error(
            None,
            "the file is not a block mapping of keys",
            "an incident file is `title: ...`, `started: ...`, `services:` ... one key per line",
        ));
    }
    let mut written = changes.to_vec();
    let mut splices = Vec::new();
    lanes::add_entries(&doc, &mut written, &mut splices)?;
    log::add_updates(&doc, &mut written, &mut splices)?;
    log::set_resolved(&doc, &written, &mut splices)?;
    let (text, lines) = text::apply(text, &splices, doc.eol);
    Ok(Edited {
        text,
        changes: written,
        lines,
    })
}

/// The file being edited.
pub(super) struct Doc<'a> {
    text: &'a str,
    file: &'a str,
    eol: &'static str,
    root: &'a Node,
}

impl Doc<'_> {
    fn error(&self, node: Option<&Node>, message: &str, hint: &str) -> Diagnostic {
        let pos = node.map_or(Pos::new(1, 1, 1), |n| n.pos);
        Diagnostic::error(self.file, pos, message).with_hint(hint)
    }

    /// The `at` style of a list: that of its last item that says one.
    fn at_style(&self, list: &Node) -> Option<AtStyle> {
        let NodeValue::Seq(items) = &list.value else {
            return None;
        };
        items.iter().rev().find_map(|item| {
            let (_, at) = item.entry("at")?;
            if at.alias || at.end <= at.start {
                return None;
            }
            AtStyle::of(&self.text[at.start..at.end])
        })
    }

    /// The `at` style of the entries: that of the last service whose list says one.
    fn lanes_at_style(&self) -> Option<AtStyle> {
        let (_, services) = self.root.entry("services")?;
        let NodeValue::Map(pairs) = &services.value else {
            return None;
        };
        pairs.iter().rev().find_map(|(_, lane)| self.at_style(lane))
    }

    /// The column of the keys of `services:` (for lists this file does not have yet).
    fn indent_unit(&self) -> usize {
        let lanes = self.root.entry("services").map(|(_, v)| v);
        match lanes.map(|v| &v.value) {
            Some(NodeValue::Map(pairs))
                if !lanes.is_some_and(|v| outline::is_flow(self.text, v)) =>
            {
                pairs
                    .first()
                    .map_or(2, |(k, _)| text::column(self.text, k.start).max(1))
            }
            _ => 2,
        }
    }
}

/// The last item of a sequence node.
fn last_item(node: &Node) -> Option<&Node> {
    match &node.value {
        NodeValue::Seq(items) => items.last(),
        _ => None,
    }
}

/// Whether the file lists its services as plain ids (`services: [api, db]`, a maintenance
/// under maintenance for its whole window).
pub(crate) fn lists_plain_ids(text: &str, file: &str) -> bool {
    parse_tree(text, file).is_ok_and(|root| {
        root.entry("services")
            .is_some_and(|(_, v)| matches!(v.value, NodeValue::Seq(_)))
    })
}
