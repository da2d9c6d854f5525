//! The files as written: strict serde shapes with positions, before any semantic check.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::yaml::Located;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    pub title: Option<Located<String>>,
    pub description: Option<String>,
    pub base_url: Option<Located<String>>,
    pub language: Option<Located<String>>,
    pub timezone: Option<Located<String>>,
    pub theme: Option<Located<String>>,
    pub history_days: Option<Located<i64>>,
    pub cname: Option<Located<String>>,
    pub uptime: Option<Located<RawWeights>>,
    pub services: Option<Vec<Located<RawService>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWeights {
    pub major_outage: Option<Located<f64>>,
    pub partial_outage: Option<Located<f64>>,
    pub degraded: Option<Located<f64>>,
    pub maintenance: Option<Located<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawService {
    pub id: Located<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub group: Option<String>,
    pub since: Option<Located<String>>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIncident {
    pub title: Option<Located<String>>,
    pub kind: Option<Located<String>>,
    pub started: Option<Located<String>>,
    pub resolved: Option<Located<String>>,
    pub impact: Option<Located<String>>,
    pub summary: Option<String>,
    pub services: Option<Located<RawServices>>,
    pub updates: Option<Vec<RawUpdate>>,
    pub postmortem: Option<String>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    pub at: Located<RawAt>,
    pub state: Located<String>,
    pub note: Option<String>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpdate {
    pub at: Located<RawAt>,
    pub status: Located<String>,
    pub body: Option<String>,
}

/// `at` as written: a YAML number (hours) or text (a duration or a timestamp).
#[derive(Debug, Clone, PartialEq)]
pub enum RawAt {
    Hours(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for RawAt {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AtVisitor;
        impl Visitor<'_> for AtVisitor {
            type Value = RawAt;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("hours (9.5), a duration (90m) or a timestamp")
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawAt, E> {
                Ok(RawAt::Hours(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawAt, E> {
                Ok(RawAt::Hours(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawAt, E> {
                Ok(RawAt::Hours(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAt, E> {
                Ok(RawAt::Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(AtVisitor)
    }
}

/// `services:` of an incident: per-service entries, or (maintenance) a plain list of ids.
#[derive(Debug, PartialEq)]
pub enum RawServices {
    Lanes(Vec<(Located<String>, Vec<RawEntry>)>),
    Ids(Vec<Located<String>>),
}

impl<'de> Deserialize<'de> for RawServices {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ServicesVisitor;
        impl<'de> Visitor<'de> for ServicesVisitor {
            type Value = RawServices;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of service id to entries, or a list of service ids")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawServices, A::Error> {
                let mut lanes = Vec::new();
                while let Some(key) = map.next_key::<Located<String>>()? {
                    lanes.push((key, map.next_value()?));
                }
                Ok(RawServices::Lanes(lanes))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawServices, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element()? {
                    ids.push(id);
                }
                Ok(RawServices::Ids(ids))
            }
        }
        deserializer.deserialize_any(ServicesVisitor)
    }
}
