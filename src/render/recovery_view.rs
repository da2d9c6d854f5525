//! The time views of an incident page: the timeline charts, the same facts as a table, the
//! recovery summary and the step-by-step states.

use serde::Serialize;
use std::sync::Arc;

use super::format::TimeMemo;
use super::placeholders::fill_in;
use super::recovery_html::{self, ChangeView, SegmentRow, StepCell, StepView};
use super::timeline::{self, Chart, LaneRef};
use super::view::{StateView, Viewer};
use crate::model::time::format_hours;
use crate::model::{Incident, Kind, Lane};

/// From this many services on, the chart also comes sorted by time to recover; below it the
/// order is plain to see.
pub(super) const SORTABLE: usize = 4;
/// Up to this many lanes, the chart sorted by time to recover is the same chart with its
/// lanes moved by the stylesheet (`.tl-up-N`, `.tl-down-N`, N below it); more lanes come
/// in a second chart.
pub(super) const SORTS_IN_PLACE: usize = 32;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimelineView {
    /// Lanes in catalog order (SVG markup, already escaped); when `sortable` and
    /// `svg_by_recovery` is null, the stylesheet sorts them by time to full recovery under
    /// `.tl-figure:target`.
    pub svg: String,
    /// Whether the chart also comes sorted by time to full recovery: for incidents of
    /// [`SORTABLE`] services or more, when that is not the catalog order already.
    pub sortable: bool,
    /// Lanes sorted by time to full recovery as a chart of its own, for sortable incidents
    /// of more than [`SORTS_IN_PLACE`] services; null otherwise.
    pub svg_by_recovery: Option<String>,
    /// The charts' legend (HTML, escaped): it wraps on narrow screens.
    pub legend_html: String,
    /// The chart as an accessible table (HTML, escaped).
    pub table_html: String,

    pub services: Vec<RecoveryRow>,
    /// "9 of 13 services still impaired, 43 h in."; for a maintenance, its window.
    pub summary: String,
    /// The recovery step by step (HTML, escaped); null before anything happened.
    pub steps_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RecoveryRow {
    pub id: String,
    pub name: String,
    pub state: StateView,
    pub first_improvement: Option<String>,
    pub full_recovery: Option<String>,
    /// The note of the latest entry at "now".
    pub note: Option<String>,
}

/// How many rows each lane of `from` moves to take its place in `to`, the same lanes.
fn moves(from: &[&Lane], to: &[&Lane]) -> Vec<i64> {
    from.iter()
        .enumerate()
        .map(|(row, lane)| {
            let place = to
                .iter()
                .position(|l| std::ptr::eq(*l, *lane))
                .unwrap_or(row);
            place as i64 - row as i64
        })
        .collect()
}

impl Viewer<'_> {
    fn name_of(&self, lane: &Lane) -> String {
        self.site
            .service(&lane.service)
            .map_or_else(|| lane.service.clone(), |s| s.name.clone())
    }

    /// The incident's lanes in catalog order (lanes for unknown services last, as written).
    fn ordered_lanes<'i>(&self, incident: &'i Incident) -> Vec<&'i Lane> {
        let position = |lane: &Lane| {
            self.site
                .services
                .iter()
                .position(|s| s.id == lane.service)
                .unwrap_or(usize::MAX)
        };
        let mut lanes: Vec<&Lane> = incident.lanes.iter().collect();
        lanes.sort_by_key(|l| position(l));
        lanes
    }

    pub(crate) fn timeline(&self, incident: &Incident) -> TimelineView {
        let times = TimeMemo::new(self.fmt);
        let lanes = self.ordered_lanes(incident);
        let chart = |suffix: &str, lanes: &[&Lane], moves: &[i64]| {
            timeline::render(&Chart {
                incident,
                lanes: lanes
                    .iter()
                    .zip(moves)
                    .map(|(lane, &moves)| LaneRef {
                        lane,
                        name: self.name_of(lane),
                        moves,
                    })
                    .collect(),
                now: self.now,
                fmt: self.fmt,
                id: format!("tl-{}{suffix}", incident.slug),
            })
        };
        let mut by_recovery = lanes.clone();
        by_recovery.sort_by_key(|lane| {
            incident
                .recovery(lane, self.now)
                .full_recovery
                .unwrap_or(chrono::Duration::MAX)
        });
        let sortable = lanes.len() >= SORTABLE && by_recovery != lanes;
        let in_place = sortable && lanes.len() <= SORTS_IN_PLACE;
        let moves = if in_place {
            moves(&lanes, &by_recovery)
        } else {
            vec![0; lanes.len()]
        };
        let rows = self.segment_rows(incident, &lanes, &times);
        let steps = self.steps(incident, &lanes, &times);
        let (svg, legend_html) = chart("", &lanes, &moves);
        let count_label = match incident.kind {
            Kind::Incident => "impaired",
            Kind::Maintenance => "in_maintenance",
        };
        TimelineView {
            table_html: recovery_html::table(&rows, self.strings),
            steps_html: (!steps.is_empty())
                .then(|| recovery_html::steps(&steps, self.strings, count_label)),
            svg,
            legend_html,
            sortable,
            svg_by_recovery: (sortable && !in_place)
                .then(|| chart("-r", &by_recovery, &vec![0; lanes.len()]).0),
            services: lanes
                .iter()
                .map(|lane| self.recovery_row(incident, lane))
                .collect(),
            summary: self.recovery_summary(incident),
        }
    }

    /// The chart's bars as rows; a maintenance's cover its whole window, the part after
    /// "now" marked as planned.
    fn segment_rows(
        &self,
        incident: &Incident,
        lanes: &[&Lane],
        times: &TimeMemo,
    ) -> Vec<SegmentRow> {
        let hour = |t| self.fmt.elapsed(t - incident.started);
        let (upto, split) = match (incident.kind, incident.resolved) {
            (Kind::Maintenance, Some(end)) => (end, self.now.clamp(incident.started, end)),
            _ => (self.now, incident.end_at(self.now)),
        };
        let mut rows = Vec::new();
        for lane in lanes {
            let service: Arc<str> = self.name_of(lane).into();
            let first = rows.len();
            let segments = incident.segments(lane, upto);
            for seg in &segments {
                let parts = [
                    (seg.from, seg.to.min(split), false),
                    (seg.from.max(split), seg.to, true),
                ];
                for (from, to, planned) in parts {
                    // A state reached exactly at the end lasted no time: the steps and the
                    // chart tell it; a row "11:00 → 11:00 (0 min)" only reads like a defect.
                    if from >= to {
                        continue;
                    }
                    rows.push(SegmentRow {
                        service: service.clone(),
                        state: self.state(seg.state),
                        planned,
                        from: times.time(from),
                        to: times.time(to),
                        from_hour: hour(from),
                        to_hour: hour(to),
                        duration: self.fmt.duration(to - from),
                        note: seg.note.clone(),
                    });
                }
            }
            // A lane that has nothing but such a state still gets its row.
            if rows.len() == first
                && let Some(seg) = segments.last()
            {
                rows.push(SegmentRow {
                    service: service.clone(),
                    state: self.state(seg.state),
                    planned: false,
                    from: times.time(seg.from),
                    to: times.time(seg.to),
                    from_hour: hour(seg.from),
                    to_hour: hour(seg.to),
                    duration: self.fmt.duration(seg.to - seg.from),
                    note: seg.note.clone(),
                });
            }
        }
        rows
    }

    fn recovery_row(&self, incident: &Incident, lane: &Lane) -> RecoveryRow {
        let r = incident.recovery(lane, self.now);
        RecoveryRow {
            id: lane.service.clone(),
            name: self.name_of(lane),
            state: self.state(incident.lane_state(lane, self.now)),
            first_improvement: r.first_improvement.map(|d| self.fmt.duration(d)),
            full_recovery: r.full_recovery.map(|d| self.fmt.duration(d)),
            note: lane
                .entries
                .iter()
                .rev()
                .find(|e| e.at <= self.now)
                .and_then(|e| e.note.clone()),
        }
    }

    fn recovery_summary(&self, incident: &Incident) -> String {
        if incident.kind == Kind::Maintenance {
            return self.maintenance_summary(incident);
        }
        let end = incident.end_at(self.now);
        let total = incident.lanes.len();
        let impaired = incident.impaired_at(end);
        let resolved = incident.resolved_at().is_some_and(|r| r <= self.now);
        if resolved || impaired == 0 {
            let last = incident
                .lanes
                .iter()
                .filter_map(|l| incident.recovery(l, self.now).full_recovery)
                .max()
                .unwrap_or_default();
            return fill_in(
                self.strings.get("recovery_complete"),
                &[
                    ("{total}", &self.fmt.number(total as i64)),
                    ("{at}", &self.fmt.elapsed(last)),
                ],
            );
        }
        fill_in(
            self.strings.get("recovery_status"),
            &[
                ("{impaired}", &self.fmt.number(impaired as i64)),
                ("{total}", &self.fmt.number(total as i64)),
                ("{at}", &self.fmt.elapsed(end - incident.started)),
            ],
        )
    }

    /// A maintenance in its own words: planned, under way with the time left, or completed.
    fn maintenance_summary(&self, incident: &Incident) -> String {
        let f = &self.fmt;
        let (start, end) = (incident.started, incident.resolved_at().unwrap_or(self.now));
        let when = |t| f.time(t).text;
        if self.now >= end {
            return fill_in(
                self.strings.get("maintenance_done_summary"),
                &[
                    ("{to}", &when(end)),
                    ("{duration}", &f.duration(end - start)),
                ],
            );
        }
        if self.now < start {
            let names: Vec<String> = self
                .ordered_lanes(incident)
                .iter()
                .map(|l| self.name_of(l))
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            return fill_in(
                self.strings.get("maintenance_scheduled_summary"),
                &[
                    ("{services}", &self.strings.list(&names)),
                    ("{from}", &when(start)),
                    ("{to}", &self.window_end(start, end).text),
                ],
            );
        }
        let count = incident.in_maintenance_at(self.now);
        fill_in(
            self.strings.get("maintenance_ongoing_summary"),
            &[
                ("{count}", &f.number(count as i64)),
                ("{total}", &f.number(incident.lanes.len() as i64)),
                ("{to}", &when(end)),
                ("{left}", &f.duration(end - self.now)),
            ],
        )
    }

    fn steps(&self, incident: &Incident, lanes: &[&Lane], times: &TimeMemo) -> Vec<StepView> {
        let steps = incident.steps(self.now);
        let anchor = |at| {
            format!(
                "h-{}",
                format_hours(crate::model::time::hours_since(incident.started, at))
                    .replace('.', "-")
            )
        };
        let anchors: Vec<String> = steps.iter().map(|s| anchor(s.at)).collect();
        // Names and positions once per incident, not once per step.
        let names: Vec<Arc<str>> = incident
            .lanes
            .iter()
            .map(|l| self.name_of(l).into())
            .collect();
        let order: Vec<usize> = lanes
            .iter()
            .map(|lane| {
                incident
                    .lanes
                    .iter()
                    .position(|l| std::ptr::eq(l, *lane))
                    .unwrap_or(0)
            })
            .collect();
        steps
            .iter()
            .enumerate()
            .map(|(i, step)| StepView {
                anchor: anchors[i].clone(),
                hour: self.fmt.elapsed(step.at - incident.started),
                at: times.time(step.at),
                changes: step
                    .changes
                    .iter()
                    .map(|(lane, from, to, note)| ChangeView {
                        service: Arc::clone(&names[*lane]),
                        from: self.state(*from),
                        to: self.state(*to),
                        note: note.clone(),
                    })
                    .collect(),
                states: order
                    .iter()
                    .map(|&k| StepCell {
                        service: Arc::clone(&names[k]),
                        state: self.state(step.states[k]),
                    })
                    .collect(),
                counts: (
                    self.fmt.number(step.impaired as i64),
                    self.fmt.number(order.len() as i64),
                ),
                previous: i.checked_sub(1).map(|p| anchors[p].clone()),
                next: anchors.get(i + 1).cloned(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::State;
    use crate::model::fixtures::incident;

    #[test]
    fn each_lane_moves_by_the_rows_between_its_two_places() {
        let i = incident(
            "x",
            "2022-10-15T06:30:00Z",
            ["a", "b", "c"]
                .iter()
                .map(|s| (*s, vec![(0.0, State::MajorOutage)]))
                .collect(),
        );
        let [a, b, c] = [&i.lanes[0], &i.lanes[1], &i.lanes[2]];
        assert_eq!(moves(&[a, b, c], &[c, a, b]), [1, 1, -2]);
        assert_eq!(moves(&[a, b, c], &[a, b, c]), [0, 0, 0]);
    }

    /// Lanes recovering in reverse order, the first after `n` hours, the last after one.
    fn reversed(n: usize) -> Incident {
        let lanes = (0..n)
            .map(|k| {
                let back = (n - k) as f64;
                (
                    format!("s{k}"),
                    vec![(0.0, State::MajorOutage), (back, State::Operational)],
                )
            })
            .collect::<Vec<_>>();
        incident(
            "x",
            "2022-10-15T06:30:00Z",
            lanes.iter().map(|(s, e)| (s.as_str(), e.clone())).collect(),
        )
    }

    #[test]
    fn few_lanes_sort_in_place_and_many_in_a_second_chart() {
        let ui = crate::render::fixture::ui("en");
        let site = crate::render::fixture::site();
        let few = reversed(SORTS_IN_PLACE);
        let viewer = ui.viewer(&site, few.started + chrono::Duration::days(3));
        let view = viewer.timeline(&few);
        assert!(view.sortable && view.svg_by_recovery.is_none());
        let most = SORTS_IN_PLACE - 1;
        assert!(
            view.svg
                .contains(&format!("<g class=\"tl-lane tl-down-{most}\">"))
        );
        assert!(
            view.svg
                .contains(&format!("<g class=\"tl-lane tl-up-{most}\">"))
        );

        let many = reversed(SORTS_IN_PLACE + 1);
        let view = viewer.timeline(&many);
        let second = view.svg_by_recovery.expect("a second chart");
        assert!(view.sortable);
        for svg in [&view.svg, &second] {
            assert!(
                !svg.contains("tl-up-") && !svg.contains("tl-down-"),
                "{svg}"
            );
        }
    }
}
