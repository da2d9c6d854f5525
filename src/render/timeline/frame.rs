//! What a chart is drawn from: the incident, its lanes and "now", and the span of time its
//! width stands for.

use chrono::Duration;

use crate::model::{Incident, Instant, Kind, Lane};
use crate::render::format::Formatter;

/// One lane to draw: the service's lane and its display name.
pub(crate) struct LaneRef<'a> {
    pub lane: &'a Lane,
    pub name: String,
    /// Rows the stylesheet moves the lane by (down when positive) to show the chart in its
    /// other order: one chart holds both orders, not two charts of the same lanes.
    pub moves: i64,
}

pub(crate) struct Chart<'a> {
    pub incident: &'a Incident,
    pub lanes: Vec<LaneRef<'a>>,
    pub now: Instant,
    pub fmt: Formatter<'a>,
    /// Makes pattern and title ids unique when a page holds several charts.
    pub id: String,
}

/// What the right edge of the chart stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Edge {
    /// An open incident: the right edge is "now".
    Now,
    Resolved,
    /// A maintenance whose window has ended.
    Completed,
    /// A maintenance whose window has not ended: the right edge is its planned end, with
    /// "now" inside the window once it has begun.
    Planned(Option<Instant>),
}

/// The time the chart spans.
pub(super) struct Frame {
    pub start: Instant,
    pub end: Instant,
    /// States are real up to here and planned after it (the rest of a maintenance window).
    pub until: Instant,
    pub edge: Edge,
}

impl Frame {
    pub(super) fn of(incident: &Incident, now: Instant) -> Frame {
        let start = incident.started;
        if let (Kind::Maintenance, Some(end)) = (incident.kind, incident.resolved)
            && end > start
        {
            let edge = if now >= end {
                Edge::Completed
            } else {
                Edge::Planned((now >= start).then_some(now))
            };
            return Frame {
                start,
                end,
                until: now.clamp(start, end),
                edge,
            };
        }
        let resolved = incident.resolved_at().is_some_and(|r| r <= now);
        let end = incident.end_at(now).max(start + Duration::minutes(1));
        Frame {
            start,
            end,
            until: end,
            edge: if resolved { Edge::Resolved } else { Edge::Now },
        }
    }

    pub(super) fn frac(&self, t: Instant) -> f64 {
        let span = (self.end - self.start).num_seconds().max(1) as f64;
        ((t - self.start).num_seconds() as f64 / span).clamp(0.0, 1.0)
    }

    /// "Now", when it is inside the chart.
    pub(super) fn now(&self) -> Option<Instant> {
        match self.edge {
            Edge::Now => Some(self.until),
            Edge::Planned(now) => now,
            Edge::Resolved | Edge::Completed => None,
        }
    }
}
