//! The domain: services, incidents and their states over time. Plain data and pure functions,
//! no I/O, so every rule can be unit-tested without files or templates.

pub(crate) mod incident;
mod posted;
mod recovery;
mod rollup;
pub(crate) mod site;
pub(crate) mod state;
pub(crate) mod time;
pub(crate) mod uptime;

pub(crate) use incident::{Entry, Incident, Lane, Phase, Update};
pub(crate) use posted::Posted;
pub(crate) use recovery::Segment;
pub(crate) use rollup::Overall;
pub(crate) use site::{Config, Service, ServiceStatus, Site, UptimeWeights};
pub(crate) use state::{Impact, Kind, State, UpdateStatus};
pub(crate) use time::{Instant, SiteZone};

/// Small incidents for tests elsewhere in the crate.
#[cfg(test)]
pub(crate) use incident::tests as fixtures;
