//! Plain-text tables and times for the terminal, as `status`, `update` and `resolve` print
//! them.

use crate::model::{Instant, SiteZone};

/// A time in the site's zone, to the minute: `2022-10-17 10:30 +09:00`.
pub(super) fn clock(zone: SiteZone, t: Instant) -> String {
    zone.local(t).format("%Y-%m-%d %H:%M %:z").to_string()
}

/// `rows` (the header first) in columns two spaces apart; the last column is not padded.
pub(super) fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            line.push_str(&format!("{cell:<w$}  "));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_their_longest_cell_in_characters() {
        let rows = [
            ["SERVICE", "STATE"].map(String::from),
            ["카카오톡", "degraded"].map(String::from),
            ["api", "-"].map(String::from),
        ];
        assert_eq!(
            table(&rows),
            "SERVICE  STATE\n카카오톡     degraded\napi      -\n"
        );
    }
}
