//! The chart's colours: states differ by pattern as well as colour, so a chart reads in
//! greyscale and for colour-blind readers. The history's month strips paint with them too.

use crate::model::State;
use crate::render::placeholders::fill_in;

/// The blue of update marks and of a maintenance's edges.
pub(super) const MARK: &str = "#0969da";

/// The patterns of the states in `used` only (none for the plain fills of operational and
/// major outage).
pub(crate) fn patterns_for(id: &str, used: &[State]) -> String {
    let mut out = String::new();
    for (state, pattern) in PATTERNS {
        if used.contains(&state) {
            if out.is_empty() {
                out.push_str("<defs>");
            }
            out.push_str(&fill_in(pattern, &[("{id}", id)]));
        }
    }
    if !out.is_empty() {
        out.push_str("</defs>");
    }
    out
}

/// Fills that differ in pattern as well as colour, `{id}` standing for the chart's id.
const PATTERNS: [(State, &str); 3] = [
    (
        State::Maintenance,
        r##"<pattern id="{id}-maintenance" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="tl-maintenance" width="6" height="6" fill="#b6d8ff"/><circle cx="3" cy="3" r="1.2" fill="#0a4d9c"/></pattern>"##,
    ),
    (
        State::Degraded,
        r##"<pattern id="{id}-degraded" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="tl-degraded" width="8" height="8" fill="#f5d36b"/><rect width="2" height="8" fill="#7a5200"/></pattern>"##,
    ),
    (
        State::PartialOutage,
        r##"<pattern id="{id}-partial_outage" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="tl-partial_outage" width="6" height="6" fill="#f59a4f"/><rect width="1.5" height="6" fill="#8a3a08"/><rect width="6" height="1.5" fill="#8a3a08"/></pattern>"##,
    ),
];

pub(crate) fn fill(id: &str, state: State) -> String {
    match state {
        State::Operational => "#8fd19e".to_string(),
        State::MajorOutage => "#b3261e".to_string(),
        other => format!("url(#{id}-{})", other.as_str()),
    }
}
