//! Status badges: `badge.svg` for the whole site and `badges/ID.svg` per service ([`svg`]),
//! and shields.io endpoint JSON `badges/ID.json` so a README can show a shields badge of any
//! style ([`shields`]). Both say a state the same way: [`look`] for colours, [`message`] for
//! words, in the site's language and shields' short lowercase style.

pub(super) mod shields;
pub(super) mod svg;

use super::view::Viewer;
use crate::model::{Overall, State};

/// The label half: shields' grey with white text (7.5:1).
const LABEL_FILL: &str = "#555555";
const LIGHT_TEXT: &str = "#ffffff";
const DARK_TEXT: &str = "#1f2328";

/// How a state looks on a badge: fill, text colour, and shields' named colour.
struct Look {
    fill: &'static str,
    text: &'static str,
    shields: &'static str,
}

fn look(state: State) -> Look {
    let (fill, text, shields) = match state {
        State::Operational => ("#1a7f37", LIGHT_TEXT, "brightgreen"),
        State::Maintenance => ("#0969da", LIGHT_TEXT, "blue"),
        State::Degraded => ("#f1c232", DARK_TEXT, "yellow"),
        State::PartialOutage => ("#f0883e", DARK_TEXT, "orange"),
        State::MajorOutage => ("#cf222e", LIGHT_TEXT, "red"),
    };
    Look {
        fill,
        text,
        shields,
    }
}

/// A badge's message: the state in the site's language (`badge_*` of the UI strings).
fn message<'v>(viewer: &'v Viewer, state: State) -> &'v str {
    viewer.strings.get(badge_key(state))
}

/// The site badge's message: the page-wide level (the API's `status.description`) in the
/// site's language.
fn overall_message(viewer: &Viewer, overall: Overall) -> String {
    viewer
        .strings
        .get(&format!("badge_{}", overall.as_str()))
        .to_string()
}

fn badge_key(state: State) -> &'static str {
    match state {
        State::Operational => "badge_operational",
        State::Maintenance => "badge_maintenance",
        State::Degraded => "badge_degraded",
        State::PartialOutage => "badge_partial_outage",
        State::MajorOutage => "badge_major_outage",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn every_text_meets_wcag_aa_contrast() {
        assert!(contrast(LABEL_FILL, LIGHT_TEXT) >= 4.5);
        for state in State::ALL {
            let l = look(state);
            let ratio = contrast(l.fill, l.text);
            assert!(ratio >= 4.5, "{state:?}: {ratio:.2}");
        }
    }
}
