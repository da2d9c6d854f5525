//! One new list item (an entry or an update) written like its neighbour: a flow mapping
//! `{ at: 43h, state: degraded }` or a block mapping, keys in the neighbour's order.

use super::outline::{is_block_scalar, is_flow, keys, spaced_braces};
use super::scalar::{self, Context, Encoded};
use crate::load::tree::{Node, NodeValue};

/// The fields of an item: `at`, then `state` or `status`, then maybe `note` or `body`.
#[derive(Debug, Clone)]
pub(super) struct Fields {
    pub at: String,
    pub word_key: &'static str,
    pub word: String,
    pub text_key: &'static str,
    pub text: Option<String>,
}

/// How a list writes its items.
#[derive(Debug, Clone)]
pub(super) enum ItemStyle {
    Flow {
        spaced: bool,
        order: Vec<String>,
    },
    Block {
        order: Vec<String>,
        /// The neighbour writes its text as `|`: so does the new item.
        prefer_block: bool,
    },
}

impl ItemStyle {
    /// The style of `item`, an existing item of the list.
    pub(super) fn of(text: &str, item: &Node, text_key: &str) -> ItemStyle {
        if is_flow(text, item) {
            return ItemStyle::Flow {
                spaced: spaced_braces(text, item),
                order: keys(item),
            };
        }
        let prefer_block = match &item.value {
            NodeValue::Map(pairs) => pairs
                .iter()
                .any(|(k, v)| k.scalar() == Some(text_key) && is_block_scalar(text, k, v)),
            _ => false,
        };
        ItemStyle::Block {
            order: keys(item),
            prefer_block,
        }
    }

    /// The style of a list's items: that of the last one, with text written like the last
    /// item that has some.
    pub(super) fn of_list(text: &str, items: &[Node], text_key: &str) -> Option<ItemStyle> {
        let mut style = ItemStyle::of(text, items.last()?, text_key);
        let with_text = items.iter().rev().find(|i| i.entry(text_key).is_some());
        if let (ItemStyle::Block { prefer_block, .. }, Some(item)) = (&mut style, with_text)
            && let ItemStyle::Block {
                prefer_block: its, ..
            } = ItemStyle::of(text, item, text_key)
        {
            *prefer_block = its;
        }
        Some(style)
    }

    /// Block mappings with `|` for Markdown: how a new list starts.
    pub(super) fn fresh() -> ItemStyle {
        ItemStyle::Block {
            order: vec![],
            prefer_block: true,
        }
    }

    /// The style for a list's item where only a flow item fits (inside `[...]`).
    pub(super) fn as_flow(&self) -> ItemStyle {
        match self {
            ItemStyle::Flow { .. } => self.clone(),
            ItemStyle::Block { order, .. } => ItemStyle::Flow {
                spaced: true,
                order: order.clone(),
            },
        }
    }
}

/// An item's text and the string its `note`/`body` reads back as.
pub(super) struct Rendered {
    pub text: String,
    pub value: Option<String>,
}

/// `fields` in `style`. A flow item is one line without its ending; a block item starts
/// with `prefix` (`    - `) and ends with `eol`.
pub(super) fn render(fields: &Fields, style: &ItemStyle, prefix: &str, eol: &str) -> Rendered {
    match style {
        ItemStyle::Flow { spaced, order } => flow(fields, *spaced, order),
        ItemStyle::Block {
            order,
            prefer_block,
        } => block(fields, prefix, order, *prefer_block, eol),
    }
}

/// Items on lines of their own, each starting with `prefix` (and after a blank line with
/// `gap`), and their texts as they read back.
pub(super) fn block_list(
    fields: &[Fields],
    style: &ItemStyle,
    prefix: &str,
    gap: bool,
    eol: &str,
) -> (String, Vec<Option<String>>) {
    let mut text = String::new();
    let mut values = Vec::new();
    for f in fields {
        if gap {
            text.push_str(eol);
        }
        let rendered = render(f, style, prefix, eol);
        match style {
            ItemStyle::Flow { .. } => text.push_str(&format!("{prefix}{}{eol}", rendered.text)),
            ItemStyle::Block { .. } => text.push_str(&rendered.text),
        }
        values.push(rendered.value);
    }
    (text, values)
}

/// Flow items (for inside `[...]`) joined by `, `, and their texts as they read back.
pub(super) fn flow_list(fields: &[Fields], style: &ItemStyle) -> (String, Vec<Option<String>>) {
    let rendered: Vec<Rendered> = fields
        .iter()
        .map(|f| render(f, &style.as_flow(), "", "\n"))
        .collect();
    let text = rendered
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    (text, rendered.into_iter().map(|r| r.value).collect())
}

fn ordered<'a>(fields: &'a Fields, order: &[String]) -> Vec<&'a str> {
    let present = [
        Some("at"),
        Some(fields.word_key),
        fields.text.as_ref().map(|_| fields.text_key),
    ];
    let present: Vec<&str> = present.into_iter().flatten().collect();
    let mut out: Vec<&str> = order
        .iter()
        .filter_map(|k| present.iter().find(|p| **p == k.as_str()).copied())
        .collect();
    for key in present {
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

fn flow(fields: &Fields, spaced: bool, order: &[String]) -> Rendered {
    let mut parts = Vec::new();
    let mut value = None;
    for key in ordered(fields, order) {
        let text = if key == "at" {
            fields.at.clone()
        } else if key == fields.word_key {
            fields.word.clone()
        } else {
            let text = fields.text.as_deref().unwrap_or_default();
            let text = if key == "body" { text.trim_end() } else { text };
            value = Some(text.to_string());
            scalar::quote(text, Context::Flow)
        };
        parts.push(format!("{key}: {text}"));
    }
    let inner = parts.join(", ");
    let text = if spaced {
        format!("{{ {inner} }}")
    } else {
        format!("{{{inner}}}")
    };
    Rendered { text, value }
}

fn block(
    fields: &Fields,
    prefix: &str,
    order: &[String],
    prefer_block: bool,
    eol: &str,
) -> Rendered {
    let key_col = prefix.chars().count();
    let indent = " ".repeat(key_col);
    let content_indent = " ".repeat(key_col + 2);
    let mut text = String::new();
    let mut value = None;
    for (i, key) in ordered(fields, order).into_iter().enumerate() {
        text.push_str(if i == 0 { prefix } else { &indent });
        let line = if key == "at" {
            format!("at: {}", fields.at)
        } else if key == fields.word_key {
            format!("{key}: {}", fields.word)
        } else {
            let raw = fields.text.as_deref().unwrap_or_default();
            let encoded: Encoded = if key == "body" {
                scalar::markdown(raw, prefer_block)
            } else {
                scalar::inline(raw, Context::Block)
            };
            value = Some(encoded.value().to_string());
            encoded.render(key, &content_indent, eol)
        };
        text.push_str(&line);
        text.push_str(eol);
    }
    Rendered { text, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: Option<&str>) -> Fields {
        Fields {
            at: "43h15m".into(),
            word_key: "status",
            word: "identified".into(),
            text_key: "body",
            text: text.map(String::from),
        }
    }

    #[test]
    fn flow_items_follow_spacing_and_order() {
        let order = vec!["state".to_string(), "at".to_string()];
        let f = Fields {
            word_key: "state",
            word: "degraded".into(),
            text_key: "note",
            ..fields(Some("slow, very"))
        };
        let r = render(
            &f,
            &ItemStyle::Flow {
                spaced: false,
                order,
            },
            "",
            "\n",
        );
        assert_eq!(
            r.text,
            "{state: degraded, at: 43h15m, note: \"slow, very\"}"
        );
        assert_eq!(r.value.as_deref(), Some("slow, very"));
    }

    #[test]
    fn block_items_indent_under_the_dash() {
        let style = ItemStyle::Block {
            order: vec!["at".into(), "status".into(), "body".into()],
            prefer_block: true,
        };
        let r = render(
            &fields(Some("Line one.\nLine two.\n")),
            &style,
            "  - ",
            "\r\n",
        );
        assert_eq!(
            r.text,
            "  - at: 43h15m\r\n    status: identified\r\n    body: |\r\n      Line one.\r\n      Line two.\r\n"
        );
        assert_eq!(r.value.as_deref(), Some("Line one.\nLine two.\n"));
        let r = render(&fields(None), &style, "  - ", "\n");
        assert_eq!(r.text, "  - at: 43h15m\n    status: identified\n");
        assert_eq!(r.value, None);
    }
}
