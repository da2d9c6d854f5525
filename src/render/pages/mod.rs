//! The HTML pages, through the theme's templates: home, embed widget, one page per incident,
//! the history and each service's pages (paged), and 404. The pages that grow with the
//! history are built only when their job runs, so memory stays flat however many incidents
//! a site has.

mod catalog;
mod csp;
mod data;

use catalog::{Catalog, ServicesPage};
use data::{
    EmbedPage, HistoryPage, IncidentPage, IndexPage, PageMeta, Pagination, PlainPage, ServicePage,
};

use super::format::Formatter;
use super::job::{Job, Reach};
use super::links::{self, root_of};
use super::plan::Plan;
use super::uptime_view;
use super::view::{Card, ServiceView};
use crate::model::{Kind, Phase, State};

/// Incidents per history or service page: pages stay small however long the history grows.
pub(super) const PAGE_SIZE: usize = 50;
/// Resolved incidents listed on the home page.
pub(super) const RECENT_ON_HOME: usize = 10;
/// The widget page for iframes; not a page of its own for crawlers (no sitemap entry).
pub(super) const EMBED_PATH: &str = "embed/index.html";

pub(super) fn jobs<'p>(plan: &'p Plan<'_>, _: &[Job<'p>]) -> Vec<Job<'p>> {
    let visible = plan.moment.visible.len();
    let mut jobs = vec![index(plan).listed(), embed(plan)];
    for (i, incident) in plan.moment.visible.iter().enumerate() {
        let make = move |path: &str| plan.page("incident.html", &incident_page(plan, i, path));
        jobs.push(
            Job::new(links::incident_url(&incident.slug), make)
                .reach(Reach::Incident(i))
                .listed(),
        );
    }
    for n in 1..=page_count(visible) {
        let make = move |path: &str| plan.page("history.html", &history_page(plan, n, path));
        jobs.push(
            Job::new(history_path(n), make)
                .reach(Reach::Incidents(page_range(visible, n)))
                .listed(),
        );
    }
    if Catalog::is_large(plan) {
        jobs.extend(catalog_jobs(plan));
    }
    for (s, service) in plan.services.iter().enumerate() {
        for n in 1..=page_count(plan.by_service[s].len()) {
            let make = move |path: &str| plan.page("service.html", &service_page(plan, s, n, path));
            jobs.push(
                Job::new(service_path(&service.id, n), make)
                    .reach(Reach::Service(s))
                    .listed(),
            );
        }
    }
    jobs.push(not_found(plan));
    jobs
}

/// The pages of `services/` that list a large catalog, each page of services made when its
/// job runs.
fn catalog_jobs<'p>(plan: &'p Plan<'_>) -> Vec<Job<'p>> {
    let catalog = std::sync::Arc::new(Catalog::new(plan));
    let total = catalog.page_count();
    (1..=total)
        .map(|n| {
            let catalog = catalog.clone();
            let make = move |path: &str| {
                let title = plan.viewer.strings.get("all_services").to_string();
                let pagination =
                    pagination(n, total, catalog::services_path).worded(&plan.viewer.fmt);
                plan.page(
                    "services.html",
                    &ServicesPage {
                        page: meta(plan, "services", path, title),
                        groups: catalog.page(plan, n),
                        pagination,
                    },
                )
            };
            Job::new(catalog::services_path(n), make).listed()
        })
        .collect()
}

/// A page whose data is made now, while planning: the few pages that do not grow with the
/// history.
fn ready<'p, T>(plan: &'p Plan<'_>, path: &str, template: &'static str, data: T) -> Job<'p>
where
    T: serde::Serialize + Send + Sync + 'p,
{
    Job::new(path, move |_| plan.page(template, &data))
}

fn meta(plan: &Plan, kind: &'static str, path: &str, title: String) -> PageMeta {
    let canonical = plan
        .moment
        .base_url
        .map(|b| format!("{b}{}", path.trim_end_matches("index.html")));
    PageMeta {
        kind,
        path: path.to_string(),
        root: root_of(path),
        title,
        canonical,
        inline: None,
    }
}

fn in_phase<'p>(plan: &'p Plan, phase: Phase) -> impl Iterator<Item = &'p Card> {
    plan.cards
        .iter()
        .zip(&plan.phases)
        .filter(move |(_, p)| **p == phase)
        .map(|(card, _)| card)
}

/// Open incidents, or maintenance under way: never listed together, since maintenance is
/// not an outage.
fn ongoing(plan: &Plan, kind: Kind) -> Vec<Card> {
    plan.cards
        .iter()
        .zip(&plan.phases)
        .zip(&plan.moment.visible)
        .filter(|((_, phase), incident)| **phase == Phase::Ongoing && incident.kind == kind)
        .map(|((card, _), _)| card.clone())
        .collect()
}

/// Announced maintenance, soonest first.
fn upcoming(plan: &Plan) -> Vec<Card> {
    let mut upcoming: Vec<Card> = in_phase(plan, Phase::Upcoming).cloned().collect();
    upcoming.reverse();
    upcoming
}

fn index<'p>(plan: &'p Plan<'_>) -> Job<'p> {
    let title = plan.moment.site.config.title.clone();
    let states: Vec<State> = plan.moment.statuses.iter().map(|s| s.state).collect();
    let large = Catalog::is_large(plan);
    let page = IndexPage {
        page: meta(plan, "index", "index.html", title),
        // A large catalog is summed up; its services are on the pages of `services/`.
        summary: large.then(|| Catalog::new(plan).summary(plan)),
        groups: if large {
            Vec::new()
        } else {
            plan.viewer.groups(&plan.services, &states)
        },
        ongoing: ongoing(plan, Kind::Incident),
        maintenance: ongoing(plan, Kind::Maintenance),
        upcoming: upcoming(plan),
        recent: in_phase(plan, Phase::Resolved)
            .take(RECENT_ON_HOME)
            .cloned()
            .collect(),
    };
    ready(plan, "index.html", "index.html", page)
}

fn embed<'p>(plan: &'p Plan<'_>) -> Job<'p> {
    let title = plan.moment.site.config.title.clone();
    let page = EmbedPage {
        page: meta(plan, "embed", EMBED_PATH, title),
        impaired: services_in(plan, State::is_disrupted).cloned().collect(),
        under_maintenance: services_in(plan, |state| state == State::Maintenance)
            .cloned()
            .collect(),
        ongoing: ongoing(plan, Kind::Incident),
        maintenance: ongoing(plan, Kind::Maintenance),
        upcoming: upcoming(plan),
    };
    ready(plan, EMBED_PATH, "embed.html", page)
}

/// The services whose state passes `keep`, in catalog order.
fn services_in<'p>(
    plan: &'p Plan<'_>,
    keep: impl Fn(State) -> bool,
) -> impl Iterator<Item = &'p ServiceView> {
    plan.services
        .iter()
        .zip(&plan.moment.statuses)
        .filter(move |(_, status)| keep(status.state))
        .map(|(view, _)| view)
}

fn not_found<'p>(plan: &'p Plan<'_>) -> Job<'p> {
    let title = plan.viewer.strings.get("not_found_title").to_string();
    let mut page = meta(plan, "404", "404.html", title);
    // GitHub Pages serves 404.html at any depth, so its links must not be relative, and
    // its stylesheet comes with it: what the output holds, the site's `static/` over the
    // theme's.
    page.root = plan
        .moment
        .base_url
        .map_or_else(|| "/".to_string(), links::url_path);
    let file = |name: &str| plan.theme.statics.get(name).map(Vec::as_slice);
    page.inline = file("style.css").map(|css| csp::Inline::new(css, file("favicon.svg")));
    ready(plan, "404.html", "404.html", PlainPage { page })
}

/// The page of the `i`th visible incident.
fn incident_page(plan: &Plan, i: usize, path: &str) -> IncidentPage {
    let (incident, card) = (plan.moment.visible[i], &plan.cards[i]);
    IncidentPage {
        page: meta(plan, "incident", path, card.title.clone()),
        incident: card.clone(),
        detail: plan.viewer.detail(incident, card),
        timeline: plan.viewer.timeline(incident),
    }
}

/// Page `n` of the history, from 1.
fn history_page(plan: &Plan, n: usize, path: &str) -> HistoryPage {
    let visible = &plan.moment.visible;
    let range = page_range(visible.len(), n);
    let title = plan.viewer.strings.get("history_title").to_string();
    HistoryPage {
        months: data::by_month(
            &plan.viewer.fmt,
            &visible[range.clone()],
            &plan.cards[range],
            plan.moment.now,
        ),
        page: meta(plan, "history", path, title),
        pagination: pagination(n, page_count(visible.len()), history_path).worded(&plan.viewer.fmt),
    }
}

/// Page `n`, from 1, of service `s` (its index in the catalog).
fn service_page(plan: &Plan, s: usize, n: usize, path: &str) -> ServicePage {
    let mine = &plan.by_service[s];
    let incidents = mine[page_range(mine.len(), n)]
        .iter()
        .map(|&i| plan.cards[i].clone())
        .collect();
    let mut service = plan.services[s].clone();
    let days = if n > 1 {
        // The uptime bars are on the first page; later pages list older incidents.
        service.uptime.days.clear();
        Vec::new()
    } else {
        uptime_view::noted_days(&plan.viewer, &service.uptime)
    };
    ServicePage {
        days,
        page: meta(plan, "service", path, service.name.clone()),
        incidents,
        pagination: pagination(n, page_count(mine.len()), |k| service_path(&service.id, k))
            .worded(&plan.viewer.fmt),
        service,
    }
}

fn page_count(items: usize) -> usize {
    items.div_ceil(PAGE_SIZE).max(1)
}

fn page_range(items: usize, n: usize) -> std::ops::Range<usize> {
    let start = ((n - 1) * PAGE_SIZE).min(items);
    start..(start + PAGE_SIZE).min(items)
}

/// Page `n` of `total`, from 1, where `path_of` gives each page's path.
fn pagination(n: usize, total: usize, path_of: impl Fn(usize) -> String) -> Pagination {
    Pagination {
        current: n,
        total,
        newer: (n > 1).then(|| path_of(n - 1)),
        older: (n < total).then(|| path_of(n + 1)),
        label: String::new(),
        position: String::new(),
    }
}

impl Pagination {
    /// With its label and position in the site's language.
    fn worded(mut self, fmt: &Formatter) -> Pagination {
        self.label = fmt.fill("page_n", self.current as i64);
        self.position = format!(
            "{} / {}",
            fmt.number(self.current as i64),
            fmt.number(self.total as i64)
        );
        self
    }
}

pub(super) fn history_path(n: usize) -> String {
    if n == 1 {
        "history/index.html".to_string()
    } else {
        format!("history/page/{n}/index.html")
    }
}

pub(super) fn service_path(id: &str, n: usize) -> String {
    if n == 1 {
        links::service_url(id)
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
        let p = pagination(2, page_count(120), history_path);
        assert_eq!(p.newer.as_deref(), Some("history/index.html"));
        assert_eq!(p.older.as_deref(), Some("history/page/3/index.html"));
    }

    #[test]
    fn pages_are_numbered_in_the_site_language() {
        for (language, label, position) in [
            ("en", "Page 2", "2 / 3"),
            ("bn", "পৃষ্ঠা ২", "২ / ৩"),
            ("ko", "2쪽", "2 / 3"),
        ] {
            let theme = crate::theme::builtin_for_tests(language);
            let ui = crate::render::Ui::new(&theme).unwrap();
            let p = pagination(2, page_count(120), history_path)
                .worded(&ui.formatter(Default::default()));
            assert_eq!((p.label.as_str(), p.position.as_str()), (label, position));
        }
    }
}
