//! The render plan: every page of the site as a job (output path, template, data), so the
//! jobs can be rendered in parallel and written by one writer.

use serde::Serialize;

use super::recovery_view::TimelineView;
use super::view::{GroupView, IncidentCard, IncidentDetail, ServiceView};

/// Where a page sits, for relative links: `root` leads back to the site root from it.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// `index`, `incident`, `history`, `service` or `404`.
    pub kind: &'static str,
    /// The output path, e.g. `incidents/fire/index.html`.
    pub path: String,
    /// The way back to the site root from this page: `""`, `"../../"`.
    pub root: String,
    pub title: String,
    /// Absolute URL when the site has a `base_url`.
    pub canonical: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexPage {
    pub page: PageMeta,
    pub groups: Vec<GroupView>,
    pub ongoing: Vec<IncidentCard>,
    pub upcoming: Vec<IncidentCard>,
    pub recent: Vec<IncidentCard>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentPage {
    pub page: PageMeta,
    pub incident: IncidentCard,
    pub detail: IncidentDetail,
    pub timeline: TimelineView,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthView {
    pub label: String,
    pub incidents: Vec<IncidentCard>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub newer: Option<String>,
    pub older: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryPage {
    pub page: PageMeta,
    pub months: Vec<MonthView>,
    pub pagination: Pagination,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServicePage {
    pub page: PageMeta,
    pub service: ServiceView,
    pub incidents: Vec<IncidentCard>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlainPage {
    pub page: PageMeta,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PageData {
    Index(IndexPage),
    Incident(Box<IncidentPage>),
    History(HistoryPage),
    Service(ServicePage),
    Plain(PlainPage),
}

pub struct Job {
    pub path: String,
    pub template: &'static str,
    pub data: PageData,
}

/// `../../` for `incidents/x/index.html`: the way back to the root from a page.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Groups cards (newest first) by the month they started in.
pub fn by_month(cards: &[IncidentCard]) -> Vec<MonthView> {
    let mut months: Vec<MonthView> = Vec::new();
    for card in cards {
        match months.last_mut() {
            Some(m) if m.label == card.month => m.incidents.push(card.clone()),
            _ => months.push(MonthView {
                label: card.month.clone(),
                incidents: vec![card.clone()],
            }),
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_lead_back() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("incidents/fire/index.html"), "../../");
        assert_eq!(root_of("history/page/2/index.html"), "../../../");
    }
}
