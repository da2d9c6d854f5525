//! The render plan: every page as a small job (output path, template, what to show). Jobs
//! for the pages that grow with the history (incidents, history and service pages) only
//! name what they show; their data is built when the job is rendered, so memory stays flat
//! however many incidents a site has.

use super::pages::{
    self, EmbedPage, HistoryPage, IncidentPage, IndexPage, Job, PageData, PageMeta, Pagination,
    PlainPage, ServicePage,
};
use super::view::{self, Card, ServiceView, Viewer};
use crate::model::Incident;

/// Incidents per history or service page: pages stay small however long the history grows.
pub const PAGE_SIZE: usize = 50;
/// Resolved incidents listed on the home page.
pub const RECENT_ON_HOME: usize = 10;
/// The widget page for iframes; not a page of its own for crawlers (no sitemap entry).
pub const EMBED_PATH: &str = "embed/index.html";

/// What the plan and the deferred pages are built from; computed once per build.
pub struct Plan<'a> {
    pub viewer: &'a Viewer<'a>,
    /// Incidents visible at "now", newest first.
    pub visible: Vec<&'a Incident>,
    /// One card per visible incident, same order.
    pub cards: Vec<Card>,
    pub services: Vec<ServiceView>,
    /// For each service (catalog order), indices into `visible` of its incidents.
    pub by_service: Vec<Vec<usize>>,
    pub base_url: Option<&'a str>,
    /// The theme's stylesheet and icon, for the 404 page to carry inline.
    pub inline: Option<super::csp::Inline>,
}

/// A page whose data is built only when it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deferred {
    /// Index into `Plan::visible`.
    Incident(usize),
    /// Page number, from 1.
    History(usize),
    /// Service index in the catalog, page number from 1.
    Service(usize, usize),
}

impl<'a> Plan<'a> {
    pub fn new(
        viewer: &'a Viewer<'a>,
        visible: Vec<&'a Incident>,
        cards: Vec<Card>,
        base_url: Option<&'a str>,
    ) -> Plan<'a> {
        let services = viewer.services();
        let mut by_service = vec![Vec::new(); services.len()];
        let position: std::collections::HashMap<&str, usize> = services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        for (i, incident) in visible.iter().enumerate() {
            for lane in &incident.lanes {
                if let Some(&s) = position.get(lane.service.as_str()) {
                    by_service[s].push(i);
                }
            }
        }
        Plan {
            viewer,
            visible,
            cards,
            services,
            by_service,
            base_url,
            inline: None,
        }
    }

    pub fn meta(&self, kind: &'static str, path: &str, title: String) -> PageMeta {
        let canonical = self
            .base_url
            .map(|b| format!("{b}{}", path.trim_end_matches("index.html")));
        PageMeta {
            kind,
            path: path.to_string(),
            root: pages::root_of(path),
            title,
            canonical,
            inline: None,
        }
    }

    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![self.index_job(), self.embed_job()];
        for (i, incident) in self.visible.iter().enumerate() {
            jobs.push(Job {
                path: view::incident_url(&incident.slug),
                template: "incident.html",
                data: PageData::Deferred(Deferred::Incident(i)),
            });
        }
        for n in 1..=page_count(self.visible.len()) {
            jobs.push(Job {
                path: history_path(n),
                template: "history.html",
                data: PageData::Deferred(Deferred::History(n)),
            });
        }
        for (s, service) in self.services.iter().enumerate() {
            for n in 1..=page_count(self.by_service[s].len()) {
                jobs.push(Job {
                    path: service_path(&service.id, n),
                    template: "service.html",
                    data: PageData::Deferred(Deferred::Service(s, n)),
                });
            }
        }
        jobs.push(self.not_found_job());
        jobs
    }

    fn in_phase(&self, phase: &'static str) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(move |c| c.phase == phase)
    }

    /// Open incidents, or maintenance under way: never listed together, since maintenance is
    /// not an outage.
    fn ongoing(&self, kind: &'static str) -> Vec<Card> {
        self.in_phase("ongoing")
            .filter(|c| c.kind == kind)
            .cloned()
            .collect()
    }

    /// Announced maintenance, soonest first.
    fn upcoming(&self) -> Vec<Card> {
        let mut upcoming: Vec<Card> = self.in_phase("upcoming").cloned().collect();
        upcoming.reverse();
        upcoming
    }

    fn index_job(&self) -> Job {
        Job {
            path: "index.html".into(),
            template: "index.html",
            data: PageData::Index(Box::new(IndexPage {
                page: self.meta("index", "index.html", self.viewer.site.config.title.clone()),
                groups: self.viewer.groups(&self.services),
                ongoing: self.ongoing("incident"),
                maintenance: self.ongoing("maintenance"),
                upcoming: self.upcoming(),
                recent: self
                    .in_phase("resolved")
                    .take(RECENT_ON_HOME)
                    .cloned()
                    .collect(),
            })),
        }
    }

    fn embed_job(&self) -> Job {
        Job {
            path: EMBED_PATH.into(),
            template: "embed.html",
            data: PageData::Embed(Box::new(EmbedPage {
                page: self.meta("embed", EMBED_PATH, self.viewer.site.config.title.clone()),
                impaired: self
                    .services
                    .iter()
                    .filter(|s| s.state.state != "operational")
                    .cloned()
                    .collect(),
                ongoing: self.ongoing("incident"),
                maintenance: self.ongoing("maintenance"),
                upcoming: self.upcoming(),
            })),
        }
    }

    fn not_found_job(&self) -> Job {
        let mut page = self.meta(
            "404",
            "404.html",
            self.viewer.strings.get("not_found_title").to_string(),
        );
        // GitHub Pages serves 404.html at any depth, so its links must not be relative, and
        // its stylesheet comes with it.
        page.root = self
            .base_url
            .map_or_else(|| "/".to_string(), super::url_path);
        page.inline = self.inline.clone();
        Job {
            path: "404.html".into(),
            template: "404.html",
            data: PageData::Plain(PlainPage { page }),
        }
    }

    /// The data of a deferred page.
    pub fn build(&self, deferred: Deferred, path: &str) -> PageData {
        match deferred {
            Deferred::Incident(i) => {
                let (incident, card) = (self.visible[i], &self.cards[i]);
                PageData::Incident(Box::new(IncidentPage {
                    page: self.meta("incident", path, card.title.clone()),
                    incident: card.clone(),
                    detail: self.viewer.detail(incident, card),
                    timeline: self.viewer.timeline(incident),
                }))
            }
            Deferred::History(n) => {
                let range = page_range(self.visible.len(), n);
                let title = self.viewer.strings.get("history_title").to_string();
                PageData::History(HistoryPage {
                    months: pages::by_month(
                        &self.viewer.fmt,
                        &self.visible[range.clone()],
                        &self.cards[range],
                        self.viewer.now,
                    ),
                    page: self.meta("history", path, title),
                    pagination: pagination(n, self.visible.len(), history_path),
                })
            }
            Deferred::Service(s, n) => {
                let service = &self.services[s];
                let mine = &self.by_service[s];
                let incidents = mine[page_range(mine.len(), n)]
                    .iter()
                    .map(|&i| self.cards[i].clone())
                    .collect();
                let mut service = service.clone();
                if n > 1 {
                    // The uptime bars are on the first page; later pages list older incidents.
                    service.uptime.days.clear();
                }
                PageData::Service(ServicePage {
                    page: self.meta("service", path, service.name.clone()),
                    incidents,
                    pagination: pagination(n, mine.len(), |k| service_path(&service.id, k)),
                    service,
                })
            }
        }
    }
}

fn page_count(items: usize) -> usize {
    items.div_ceil(PAGE_SIZE).max(1)
}

fn page_range(items: usize, n: usize) -> std::ops::Range<usize> {
    let start = ((n - 1) * PAGE_SIZE).min(items);
    start..(start + PAGE_SIZE).min(items)
}

fn pagination(n: usize, items: usize, path_of: impl Fn(usize) -> String) -> Pagination {
    let total = page_count(items);
    Pagination {
        current: n,
        total,
        newer: (n > 1).then(|| path_of(n - 1)),
        older: (n < total).then(|| path_of(n + 1)),
    }
}

pub fn history_path(n: usize) -> String {
    if n == 1 {
        "history/index.html".to_string()
    } else {
        format!("history/page/{n}/index.html")
    }
}

pub fn service_path(id: &str, n: usize) -> String {
    if n == 1 {
        view::service_url(id)
    } else {
        format!("services/{id}/page/{n}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_item_once() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(50), 1);
        assert_eq!(page_count(51), 2);
        assert_eq!(page_range(120, 3), 100..120);
        assert_eq!(page_range(0, 1), 0..0);
        let p = pagination(2, 120, history_path);
        assert_eq!(p.newer.as_deref(), Some("history/index.html"));
        assert_eq!(p.older.as_deref(), Some("history/page/3/index.html"));
    }
}
