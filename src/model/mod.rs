//! The domain: services, incidents and their states over time. Plain data and pure functions,
//! no I/O, so every rule can be unit-tested without files or templates.

mod incident;
mod posted;
mod recovery;
mod rollup;
mod site;
mod state;
pub mod time;
pub mod uptime;

pub use incident::{Entry, Incident, Lane, Phase, Update};
pub use posted::Posted;
pub use recovery::{Recovery, Segment, Step};
pub use rollup::Overall;
pub use site::{Config, Service, ServiceStatus, Site, UptimeWeights};
pub use state::{Impact, Kind, State, UpdateStatus};
pub use time::{At, Instant, SiteZone};

/// Small incidents for tests elsewhere in the crate.
#[cfg(test)]
pub(crate) use incident::tests as fixtures;
