//! Machine-readable outputs: the Statuspage v2 API, Atom feeds, badges.

use crate::model::{Instant, Site};
use crate::output::OutputFile;

/// What every machine-readable output needs to know.
pub struct FeedInput<'a> {
    pub site: &'a Site,
    pub now: Instant,
    /// Absolute, ending in `/`, when known.
    pub base_url: Option<&'a str>,
}

pub fn files(_input: &FeedInput) -> Vec<OutputFile> {
    Vec::new()
}
