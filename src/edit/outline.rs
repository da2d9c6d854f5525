//! Where nodes of the tree end in the text, and how a list writes its items: what is needed
//! to add an item after the last one, looking like it.

use super::text::{column, line_of, line_start};
use crate::load::tree::{Node, NodeValue};

/// Whether `node` is a flow collection (`[...]`, `{...}`).
pub(super) fn is_flow(text: &str, node: &Node) -> bool {
    matches!(node.value, NodeValue::Seq(_) | NodeValue::Map(_))
        && !node.alias
        && matches!(text.as_bytes().get(node.start), Some(b'[' | b'{'))
}

/// The byte just past the last character of `node`: its closing bracket, the last character
/// of its last scalar (a block scalar's trailing blank lines are not its content).
pub(super) fn content_end(text: &str, node: &Node) -> usize {
    if node.alias {
        return node.end;
    }
    match &node.value {
        NodeValue::Scalar(value) => {
            let end = node.start + text[node.start..node.end].trim_end().len();
            let end = end.max(node.start);
            // A block scalar kept with `+` (`|+`) owns its trailing blank lines: they are in
            // its value, so what is added goes after them. A quoted one writes them as escapes.
            let kept = value.len() - value.trim_end_matches('\n').len();
            if kept > 1 && !text[node.start..].starts_with(['"', '\'']) {
                past_line_ends(text, end, kept).min(node.end.max(end))
            } else {
                end
            }
        }
        NodeValue::Null => node.end,
        _ if is_flow(text, node) => flow_close(text, node),
        NodeValue::Seq(items) => items
            .iter()
            .map(|n| content_end(text, n))
            .max()
            .unwrap_or(node.end),
        NodeValue::Map(pairs) => pairs
            .iter()
            .flat_map(|(k, v)| [content_end(text, k), content_end(text, v)])
            .max()
            .unwrap_or(node.end),
    }
}

/// Just past the `count`-th line ending after `from`.
fn past_line_ends(text: &str, from: usize, count: usize) -> usize {
    (0..count).fold(from, |at, _| {
        text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
    })
}

/// Just past the bracket closing the flow collection that opens at `node.start`. Scalars
/// (whose bytes the parser gave) are skipped whole, so a `]` inside a string is no closer.
fn flow_close(text: &str, node: &Node) -> usize {
    let mut skips: Vec<(usize, usize)> = node
        .descendants()
        .into_iter()
        .skip(1)
        .filter(|n| n.alias || matches!(n.value, NodeValue::Scalar(_) | NodeValue::Null))
        .map(|n| (n.start, n.end))
        .filter(|(s, e)| e > s)
        .collect();
    skips.sort_unstable();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut skip = 0;
    let mut i = node.start;
    while i < bytes.len() {
        while skip < skips.len() && skips[skip].1 <= i {
            skip += 1;
        }
        if skip < skips.len() && skips[skip].0 == i {
            i = skips[skip].1;
            continue;
        }
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                i += text[i..].find('\n').unwrap_or(text.len() - i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    text.len()
}

/// How the items of a block sequence begin: `    - ` (the text before the first item on
/// its line), or one made from the dash's column when the item starts on a later line.
pub(super) fn dash_prefix(text: &str, item: &Node) -> String {
    let before = &text[line_start(text, item.start)..item.start];
    let mut chars = before.trim_start_matches(' ').chars();
    if chars.next() == Some('-') && !before.is_empty() && chars.all(|c| c == ' ' || c == '\t') {
        return before.replace('\t', " ");
    }
    let dash = text[..item.start]
        .trim_end()
        .strip_suffix('-')
        .map(|rest| rest.len());
    let col = dash.map_or(column(text, item.start).saturating_sub(2), |at| {
        column(text, at)
    });
    format!("{}- ", " ".repeat(col))
}

/// Whether a list keeps a blank line between its items: the line before its last item (of
/// two or more) is blank. New items then get one too.
pub(super) fn blank_between(text: &str, items: &[&Node]) -> bool {
    let [.., _, last] = items else {
        return false;
    };
    let start = line_start(text, last.start);
    start > 0 && line_of(text, start - 1).trim().is_empty()
}

/// The keys of a mapping node, in the order written.
pub(super) fn keys(node: &Node) -> Vec<String> {
    match &node.value {
        NodeValue::Map(pairs) => pairs
            .iter()
            .filter_map(|(k, _)| k.scalar().map(String::from))
            .collect(),
        _ => vec![],
    }
}

/// Whether the value of `key` is written as a block scalar (`|`, `>`).
pub(super) fn is_block_scalar(text: &str, key: &Node, value: &Node) -> bool {
    if value.start < key.end {
        return false;
    }
    let between = &text[key.end..value.start];
    between
        .trim_start()
        .trim_start_matches(':')
        .trim_start()
        .starts_with(['|', '>'])
}

/// Whether a flow mapping writes `{ a: 1 }` rather than `{a: 1}`.
pub(super) fn spaced_braces(text: &str, node: &Node) -> bool {
    text[node.start + 1..].starts_with([' ', '\t', '\r', '\n'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tree::parse_tree;

    fn lane<'a>(root: &'a Node, id: &str) -> &'a Node {
        root.entry("services").unwrap().1.entry(id).unwrap().1
    }

    #[test]
    fn ends_of_block_and_flow_lists() {
        let text = "services:\n  api:\n    - { at: 0, state: \"a]}\" }   # c\n    - at: 1\n      state: x\n      note: |\n        # heading\n\n  db: [ {at: 0, state: y}, # ]\n    {at: 1, state: z} ]  # after\nnext: 1\n";
        let root = parse_tree(text, "t.yaml").unwrap();
        let api = lane(&root, "api");
        assert_eq!(
            &text[..content_end(text, api)],
            &text[..text.find("# heading").unwrap() + 9]
        );
        let db = lane(&root, "db");
        let end = content_end(text, db);
        assert_eq!(&text[end - 4..end], "z} ]");
        let NodeValue::Seq(items) = &api.value else {
            panic!()
        };
        let first_end = content_end(text, &items[0]);
        assert_eq!(&text[first_end - 3..first_end], "\" }");
        assert_eq!(dash_prefix(text, &items[0]), "    - ");
        assert_eq!(dash_prefix(text, &items[1]), "    - ");
        assert_eq!(keys(&items[1]), ["at", "state", "note"]);
        assert!(spaced_braces(text, &items[0]));
    }

    #[test]
    fn a_kept_block_scalar_ends_after_its_blank_lines() {
        let text = "u:\n  - at: 0\n    body: |+\n      keep\n\n\n  # c\n  - at: 1\n    body: |\n      clip\n\n\nnext: 1\n";
        let root = parse_tree(text, "t.yaml").unwrap();
        let NodeValue::Seq(items) = &root.entry("u").unwrap().1.value else {
            panic!()
        };
        let kept = content_end(text, &items[0]);
        assert_eq!(&text[kept..], &text[text.find("  # c").unwrap()..]);
        let clipped = content_end(text, &items[1]);
        assert_eq!(&text[..clipped], &text[..text.find("clip").unwrap() + 4]);
    }

    #[test]
    fn dash_on_its_own_line() {
        let text = "l:\n  -\n    at: 0\n";
        let root = parse_tree(text, "t.yaml").unwrap();
        let NodeValue::Seq(items) = &root.entry("l").unwrap().1.value else {
            panic!()
        };
        assert_eq!(dash_prefix(text, &items[0]), "  - ");
    }
}
