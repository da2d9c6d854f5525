//! Status badges: `badge.svg` for the whole site and `badges/ID.svg` per service ([`svg`]),
//! and shields.io endpoint JSON `badges/ID.json` so a README can show a shields badge of any
//! style ([`shields`]). Both say a state the same way: [`look`].

pub mod shields;
pub mod svg;

use crate::model::State;

/// The label half: shields' grey with white text (7.5:1).
const LABEL_FILL: &str = "#555555";
const LIGHT_TEXT: &str = "#ffffff";
const DARK_TEXT: &str = "#1f2328";

/// How a state looks on a badge: message, fill, text colour, and shields' named colour.
struct Look {
    message: &'static str,
    fill: &'static str,
    text: &'static str,
    shields: &'static str,
}

fn look(state: State) -> Look {
    let (message, fill, text, shields) = match state {
        State::Operational => ("operational", "#1a7f37", LIGHT_TEXT, "brightgreen"),
        State::Maintenance => ("maintenance", "#0969da", LIGHT_TEXT, "blue"),
        State::Degraded => ("degraded", "#f1c232", DARK_TEXT, "yellow"),
        State::PartialOutage => ("partial outage", "#f0883e", DARK_TEXT, "orange"),
        State::MajorOutage => ("major outage", "#cf222e", LIGHT_TEXT, "red"),
    };
    Look {
        message,
        fill,
        text,
        shields,
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
