//! The chart's colours: states differ by pattern as well as colour, so a chart reads in
//! greyscale and for colour-blind readers. The history's month strips paint with them too.

use crate::model::State;

/// The blue of update marks and of a maintenance's edges.
pub const MARK: &str = "#0969da";

/// The patterns of the states in `used` only.
pub fn patterns_for(id: &str, used: &[State]) -> String {
    let all = patterns(id);
    let mut out = String::from("<defs>");
    for piece in all
        .trim_start_matches("<defs>")
        .trim_end_matches("</defs>")
        .split_inclusive("</pattern>")
    {
        if used
            .iter()
            .any(|s| piece.contains(&format!("id=\"{id}-{}\"", s.as_str())))
        {
            out.push_str(piece);
        }
    }
    out.push_str("</defs>");
    if out == "<defs></defs>" {
        out.clear();
    }
    out
}

/// Fills that differ in pattern as well as colour.
pub fn patterns(id: &str) -> String {
    format!(
        concat!(
            "<defs>",
            r##"<pattern id="{id}-maintenance" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="tl-maintenance" width="6" height="6" fill="#b6d8ff"/><circle cx="3" cy="3" r="1.2" fill="#0a4d9c"/></pattern>"##,
            r##"<pattern id="{id}-degraded" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="tl-degraded" width="8" height="8" fill="#f5d36b"/><rect width="2" height="8" fill="#7a5200"/></pattern>"##,
            r##"<pattern id="{id}-partial_outage" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="tl-partial_outage" width="6" height="6" fill="#f59a4f"/><rect width="1.5" height="6" fill="#8a3a08"/><rect width="6" height="1.5" fill="#8a3a08"/></pattern>"##,
            "</defs>"
        ),
        id = id
    )
}

pub fn fill(id: &str, state: State) -> String {
    match state {
        State::Operational => "#8fd19e".to_string(),
        State::MajorOutage => "#b3261e".to_string(),
        other => format!("url(#{id}-{})", other.as_str()),
    }
}
