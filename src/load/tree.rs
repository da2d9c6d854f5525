//! Any YAML document as a tree of nodes with their bytes in the text: what `crate::edit`
//! needs to find where a line goes without re-serializing the file.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::yaml::{self, Spot};
use crate::diagnostics::Diagnostic;

pub type Node = Spot<NodeValue>;

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// Any scalar but null, as the parser read it (numbers and booleans as text).
    Scalar(String),
    Null,
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// Parses `text` (read from `file`) into its node tree.
pub fn parse_tree(text: &str, file: &str) -> Result<Node, Diagnostic> {
    yaml::parse::<Node>(text, file)
}

impl Node {
    /// The value of `key` in a mapping, with the key node.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            NodeValue::Map(pairs) => pairs
                .iter()
                .find(|(k, _)| matches!(&k.value, NodeValue::Scalar(s) if s == key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The node's own scalar text, if it is a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// Every node below this one, depth first, keys before their values.
    pub fn descendants(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            match &node.value {
                NodeValue::Seq(items) => stack.extend(items.iter().rev()),
                NodeValue::Map(pairs) => {
                    for (k, v) in pairs.iter().rev() {
                        stack.push(v);
                        stack.push(k);
                    }
                }
                _ => {}
            }
            out.push(node);
        }
        out
    }
}

impl<'de> Deserialize<'de> for NodeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = NodeValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<NodeValue, E> {
        Ok(NodeValue::Scalar(v.to_string()))
    }
    fn visit_bool<E>(self, v: bool) -> Result<NodeValue, E> {
        Ok(NodeValue::Scalar(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<NodeValue, E> {
        Ok(NodeValue::Scalar(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<NodeValue, E> {
        Ok(NodeValue::Scalar(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<NodeValue, E> {
        Ok(NodeValue::Scalar(v.to_string()))
    }
    fn visit_unit<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }
    fn visit_none<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NodeValue, D::Error> {
        NodeValue::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(NodeValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeValue, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key()? {
            pairs.push((key, map.next_value()?));
        }
        Ok(NodeValue::Map(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_know_their_bytes() {
        let text = "title: \"x: y\"\nservices:\n  api:\n    - { at: 0, state: degraded }\n  db: [1, 2]\nupdates:\n";
        let root = parse_tree(text, "a.yaml").unwrap();
        let (_, title) = root.entry("title").unwrap();
        assert_eq!(&text[title.start..title.end], "\"x: y\"");
        assert_eq!(title.scalar(), Some("x: y"));
        let (_, services) = root.entry("services").unwrap();
        let (_, api) = services.entry("api").unwrap();
        let NodeValue::Seq(items) = &api.value else {
            panic!("{api:?}")
        };
        assert_eq!(&text[items[0].start..items[0].end], "{");
        let (_, db) = services.entry("db").unwrap();
        assert_eq!(&text[db.start..db.end], "[");
        let (_, updates) = root.entry("updates").unwrap();
        assert_eq!(updates.value, NodeValue::Null);
    }

    #[test]
    fn aliases_are_marked() {
        let text = "a: &x [1]\nb: *x\n";
        let root = parse_tree(text, "a.yaml").unwrap();
        assert!(!root.entry("a").unwrap().1.alias);
        let (_, b) = root.entry("b").unwrap();
        assert!(b.alias);
        assert_eq!(&text[b.start..b.end], "*x");
    }
}
