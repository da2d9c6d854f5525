//! What each page template sees besides `site` and `t`: one type per kind of page.

use serde::Serialize;

use crate::model::{Incident, Instant};
use crate::render::calendar;
use crate::render::format::Formatter;
use crate::render::recovery_view::TimelineView;
use crate::render::uptime_view::DayNote;
use crate::render::view::{Card, GroupView, IncidentDetail, ServiceView};

/// Where a page sits, for relative links: `root` leads back to the site root from it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct PageMeta {
    /// `index`, `incident`, `history`, `service`, `services`, `embed` or `404`.
    pub kind: &'static str,
    /// The output path, e.g. `incidents/fire/index.html`.
    pub path: String,
    /// The way back to the site root from this page: `""`, `"../../"`.
    pub root: String,
    pub title: String,
    /// Absolute URL when the site has a `base_url`.
    pub canonical: Option<String>,
    /// The stylesheet and icon inside the page (the 404 page only).
    pub inline: Option<super::csp::Inline>,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct IndexPage {
    pub page: PageMeta,
    /// Every service by group; empty when the catalog is summed up in `summary`.
    pub groups: Vec<GroupView>,
    /// The catalog summed up, when it has more services than a page lists.
    pub summary: Option<super::catalog::CatalogSummary>,
    /// Open incidents.
    pub ongoing: Vec<Card>,
    /// Maintenance under way.
    pub maintenance: Vec<Card>,
    pub upcoming: Vec<Card>,
    pub recent: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct IncidentPage {
    pub page: PageMeta,
    pub incident: Card,
    pub detail: IncidentDetail,
    pub timeline: TimelineView,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct MonthView {
    pub label: String,
    /// The month's incidents as bars across its days (SVG markup, escaped).
    pub calendar_svg: String,
    pub incidents: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct Pagination {
    pub current: usize,
    pub total: usize,
    pub newer: Option<String>,
    pub older: Option<String>,
    /// "Page 2", in the site's language.
    pub label: String,
    /// "2 / 3", in the language's digits.
    pub position: String,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct HistoryPage {
    pub page: PageMeta,
    pub months: Vec<MonthView>,
    pub pagination: Pagination,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct ServicePage {
    pub page: PageMeta,
    pub service: ServiceView,
    /// The days of its bars with incidents or maintenance, newest first (first page only).
    pub days: Vec<DayNote>,
    pub incidents: Vec<Card>,
    pub pagination: Pagination,
}

/// The embed widget: what is wrong right now, for an iframe on someone else's page.
#[derive(Debug, Clone, Serialize)]
pub(super) struct EmbedPage {
    pub page: PageMeta,
    /// The services in an outage or degraded, in catalog order: maintenance is listed apart.
    pub impaired: Vec<ServiceView>,
    /// The services under maintenance, in catalog order.
    pub under_maintenance: Vec<ServiceView>,
    pub ongoing: Vec<Card>,
    pub maintenance: Vec<Card>,
    pub upcoming: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct PlainPage {
    pub page: PageMeta,
}

/// Groups incidents (newest first) by the month they started in, with each month's strip.
pub(super) fn by_month(
    f: &Formatter,
    incidents: &[&Incident],
    cards: &[Card],
    now: Instant,
) -> Vec<MonthView> {
    let mut months: Vec<(chrono::NaiveDate, Vec<&Incident>, Vec<Card>)> = Vec::new();
    for (incident, card) in incidents.iter().zip(cards) {
        let month = calendar::month_of(f, incident.started);
        match months.last_mut() {
            Some((m, list, group)) if *m == month => {
                list.push(incident);
                group.push(card.clone());
            }
            _ => months.push((month, vec![incident], vec![card.clone()])),
        }
    }
    months
        .into_iter()
        .map(|(month, mut list, group)| {
            list.reverse();
            MonthView {
                label: group[0].month.clone(),
                calendar_svg: calendar::month_strip(f, month, &list, now),
                incidents: group,
            }
        })
        .collect()
}
