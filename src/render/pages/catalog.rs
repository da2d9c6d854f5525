//! A large catalog. Up to [`SERVICES_PER_PAGE`] services, the home page lists every service
//! with its bars. Beyond, the home page sums the catalog up — how many services in each
//! state, the groups, the services not operational — and the services with their bars are
//! listed on the pages of `services/`, so that no page grows with the catalog.

use serde::Serialize;

use super::data::{PageMeta, Pagination};
use crate::model::State;
use crate::render::plan::Plan;
use crate::render::view::{ServiceView, StateView, group_members, worst_of};

/// Services the home page lists in full, and services on each page of `services/`.
pub(super) const SERVICES_PER_PAGE: usize = 50;

/// The services in the order the pages list them, group by group.
pub(super) struct Catalog {
    groups: Vec<Group>,
    /// (group, service): indices into `groups` and the plan's services.
    order: Vec<(usize, usize)>,
}

struct Group {
    name: Option<String>,
    state: State,
    members: Vec<usize>,
}

/// Every state of the catalog with how many services are in it, for the home page.
#[derive(Debug, Clone, Serialize)]
pub(super) struct StateCount {
    pub state: StateView,
    /// The number in the language's digits.
    pub count: String,
}

/// A group as the home page of a large catalog lists it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct GroupLine {
    pub name: String,
    /// The worst state of its services.
    pub state: StateView,
    /// "12 services".
    pub count: String,
    /// Where its services begin on the pages of `services/`, from the site root.
    pub url: String,
}

/// The home page's services section for a catalog too large to list.
#[derive(Debug, Clone, Serialize)]
pub(super) struct CatalogSummary {
    /// "500 services".
    pub total: String,
    pub counts: Vec<StateCount>,
    /// The named groups, at most [`SERVICES_PER_PAGE`] of them.
    pub groups: Vec<GroupLine>,
    /// The services in an outage or degraded, at most [`SERVICES_PER_PAGE`], without their
    /// bars: maintenance is listed apart.
    pub impaired: Vec<ServiceView>,
    /// The services under maintenance, likewise.
    pub under_maintenance: Vec<ServiceView>,
    /// The first page of every service: `services/index.html`.
    pub url: String,
}

/// A group, or the part of it, on one page of `services/`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct ListGroup {
    /// `group-3`, on the page where the group begins; null where it goes on.
    pub anchor: Option<String>,
    pub name: Option<String>,
    pub state: StateView,
    pub services: Vec<ServiceView>,
}

/// A page of `services/`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct ServicesPage {
    pub page: PageMeta,
    pub groups: Vec<ListGroup>,
    pub pagination: Pagination,
}

impl Catalog {
    pub(super) fn new(plan: &Plan) -> Catalog {
        let states = states(plan);
        let groups: Vec<Group> = group_members(&plan.services)
            .into_iter()
            .map(|(name, members)| Group {
                state: worst_of(&members, &states),
                name,
                members,
            })
            .collect();
        let order = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| group.members.iter().map(move |&s| (g, s)))
            .collect();
        Catalog { groups, order }
    }

    /// Whether the home page sums the catalog up rather than listing it.
    pub(super) fn is_large(plan: &Plan) -> bool {
        plan.services.len() > SERVICES_PER_PAGE
    }

    pub(super) fn page_count(&self) -> usize {
        self.order.len().div_ceil(SERVICES_PER_PAGE).max(1)
    }

    /// Page `n`, from 1: its groups, each with the services of the page.
    pub(super) fn page(&self, plan: &Plan, n: usize) -> Vec<ListGroup> {
        let start = ((n - 1) * SERVICES_PER_PAGE).min(self.order.len());
        let end = (start + SERVICES_PER_PAGE).min(self.order.len());
        let mut out: Vec<(usize, ListGroup)> = Vec::new();
        for (position, &(g, s)) in self.order.iter().enumerate().take(end).skip(start) {
            let service = plan.services[s].clone();
            match out.last_mut() {
                Some((last, group)) if *last == g => group.services.push(service),
                _ => {
                    let group = &self.groups[g];
                    let begins = self.order.get(position.wrapping_sub(1)).map(|p| p.0) != Some(g);
                    out.push((
                        g,
                        ListGroup {
                            anchor: (begins && group.name.is_some()).then(|| group_anchor(g)),
                            name: group.name.clone(),
                            state: plan.viewer.state(group.state),
                            services: vec![service],
                        },
                    ));
                }
            }
        }
        out.into_iter().map(|(_, group)| group).collect()
    }

    /// The home page's summary of the catalog.
    pub(super) fn summary(&self, plan: &Plan) -> CatalogSummary {
        let fmt = &plan.viewer.fmt;
        let states = states(plan);
        let counts = State::ALL
            .iter()
            .filter_map(|&state| {
                let n = states.iter().filter(|s| **s == state).count();
                (n > 0).then(|| StateCount {
                    state: plan.viewer.state(state),
                    count: fmt.number(n as i64),
                })
            })
            .collect();
        let groups = self
            .groups
            .iter()
            .enumerate()
            .filter_map(|(g, group)| {
                let name = group.name.clone()?;
                let first = self.order.iter().position(|p| p.0 == g)?;
                Some(GroupLine {
                    name,
                    state: plan.viewer.state(group.state),
                    count: fmt.fill("service_count", group.members.len() as i64),
                    url: format!(
                        "{}#{}",
                        services_url(first / SERVICES_PER_PAGE + 1),
                        group_anchor(g)
                    ),
                })
            })
            .take(SERVICES_PER_PAGE)
            .collect();
        CatalogSummary {
            total: fmt.fill("service_count", plan.services.len() as i64),
            counts,
            groups,
            impaired: listed(plan, State::is_disrupted),
            under_maintenance: listed(plan, |state| state == State::Maintenance),
            url: services_url(1),
        }
    }
}

/// The services whose state passes `keep`, at most [`SERVICES_PER_PAGE`], without their bars.
fn listed(plan: &Plan, keep: impl Fn(State) -> bool) -> Vec<ServiceView> {
    super::services_in(plan, keep)
        .take(SERVICES_PER_PAGE)
        .map(|service| {
            let mut service = service.clone();
            service.uptime.days.clear();
            service
        })
        .collect()
}

fn states(plan: &Plan) -> Vec<State> {
    plan.moment.statuses.iter().map(|s| s.state).collect()
}

fn group_anchor(g: usize) -> String {
    format!("group-{}", g + 1)
}

/// The output path of page `n`, from 1, of the list of services.
pub(super) fn services_path(n: usize) -> String {
    if n == 1 {
        "services/index.html".to_string()
    } else {
        format!("services/page/{n}/index.html")
    }
}

/// Page `n` from the site root: a page's path is its link.
fn services_url(n: usize) -> String {
    services_path(n)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::fixtures::incident;
    use crate::model::{Config, Service, Site, SiteZone};
    use crate::render::fixture::t;
    use crate::render::{Reuse, Scope};

    const NOW: &str = "2025-01-01T12:00:00Z";

    fn id(i: usize) -> String {
        format!("service-{i:03}")
    }

    /// `count` services, groups of 40 but the last 20 ungrouped, a year of history, an
    /// outage last month of every tenth service, and the first `down` services down now.
    fn big_site(count: usize, down: usize) -> Site {
        let services = (0..count)
            .map(|i| Service {
                name: format!("Service number {i}"),
                description: Some(format!("What service {i} does for its users")),
                group: (i < count.saturating_sub(20)).then(|| format!("Group {}", i / 40)),
                since: chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
                ..Service::inferred(&id(i))
            })
            .collect();
        let ids: Vec<String> = (0..count).map(id).collect();
        let past_lanes = ids
            .iter()
            .step_by(10)
            .map(|s| {
                (
                    s.as_str(),
                    vec![(0.0, State::MajorOutage), (5.0, State::Operational)],
                )
            })
            .collect();
        let mut past = incident("past", "2024-12-01T00:00:00Z", past_lanes);
        past.resolved = Some(t("2024-12-01T05:00:00Z"));
        let now_lanes = ids[..down]
            .iter()
            .map(|s| (s.as_str(), vec![(0.0, State::PartialOutage)]))
            .collect();
        let mut incidents = vec![past];
        if down > 0 {
            incidents.push(incident("now", "2025-01-01T10:00:00Z", now_lanes));
        }
        Site {
            config: Config {
                title: "Big".into(),
                zone: SiteZone::parse("Europe/Berlin").unwrap(),
                history_days: 366,
                ..Config::default()
            },
            services,
            incidents,
        }
    }

    /// The home page and the pages of `services/` that list services, made.
    fn pages(site: &Site) -> BTreeMap<String, String> {
        let theme = crate::theme::builtin_for_tests("en");
        crate::render::prepare(
            site,
            t(NOW),
            &theme,
            &Scope::All,
            &Reuse::default(),
            |_, jobs| {
                jobs.iter()
                    .filter(|j| {
                        j.path == "index.html"
                            || j.path == "services/index.html"
                            || j.path.starts_with("services/page/")
                    })
                    .map(|j| {
                        (
                            j.path.clone(),
                            String::from_utf8(j.make().unwrap()).unwrap(),
                        )
                    })
                    .collect()
            },
        )
        .unwrap()
    }

    fn rows(html: &str) -> Vec<&str> {
        html.split(r#"<li class="service" data-service=""#)
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect()
    }

    #[test]
    fn a_large_catalog_is_summed_up_at_home_and_listed_on_bounded_pages() {
        let site = big_site(500, 3);
        let pages = pages(&site);
        let home = &pages["index.html"];
        assert!(home.len() < 30_000, "index.html: {} bytes", home.len());
        assert!(home.contains("500 services"));
        assert!(home.contains(r#"<a href="services/index.html">All services →</a>"#));
        // Only the services that are not operational are listed, without bars.
        assert_eq!(rows(home), [id(0), id(1), id(2)]);
        assert!(!home.contains(r#"class="days""#));
        // Ten pages of fifty, every service once, each with its bars.
        let listed: Vec<&str> = (1..=10)
            .flat_map(|n| rows(&pages[&services_path(n)]))
            .collect();
        let mut unique = listed.clone();
        unique.dedup();
        assert_eq!((listed.len(), unique.len()), (500, 500));
        assert!(!pages.contains_key(&services_path(11)));
        for (path, html) in &pages {
            assert!(html.len() < 200_000, "{path}: {} bytes", html.len());
            if path != "index.html" {
                assert_eq!(
                    html.matches(r#"<div class="days""#).count(),
                    rows(html).len()
                );
            }
        }
        // A group's line leads to where the group begins.
        let line = home.split("Group 3</a>").next().unwrap();
        let url = line
            .rsplit("href=\"")
            .next()
            .unwrap()
            .trim_end_matches("\">");
        let (path, anchor) = url.split_once('#').unwrap();
        assert!(pages[path].contains(&format!(r#"id="{anchor}""#)), "{url}");
        assert!(pages[path].contains("Group 3</span>"));
    }

    #[test]
    fn a_large_catalog_lists_maintenance_apart_from_trouble() {
        let mut site = big_site(500, 3);
        let ids = [id(3), id(4)];
        let lanes = ids
            .iter()
            .map(|s| (s.as_str(), vec![(0.0, State::Maintenance)]))
            .collect();
        let mut works = incident("works", "2025-01-01T11:00:00Z", lanes);
        works.kind = crate::model::Kind::Maintenance;
        works.resolved = Some(t("2025-01-01T14:00:00Z"));
        site.incidents.push(works);
        let pages = pages(&site);
        let home = &pages["index.html"];
        let (trouble, maintenance) = home
            .split_once(r#"<h3 id="under-maintenance-title">Services under maintenance</h3>"#)
            .expect(home);
        assert!(
            trouble.contains("Services not operating normally"),
            "{home}"
        );
        assert_eq!(rows(trouble), [id(0), id(1), id(2)]);
        assert_eq!(rows(maintenance), [id(3), id(4)]);
    }

    #[test]
    fn the_home_page_stays_small_when_everything_is_down() {
        let site = big_site(500, 500);
        let pages = pages(&site);
        let home = &pages["index.html"];
        // Fifty rows of services, each with its description and its incident.
        assert!(home.len() < 60_000, "index.html: {} bytes", home.len());
        assert_eq!(rows(home).len(), SERVICES_PER_PAGE);
        assert!(
            home.contains("+480</a>"),
            "the card names 20 services, then a count"
        );
    }

    #[test]
    fn a_catalog_of_a_page_is_listed_in_full_at_home() {
        let site = big_site(SERVICES_PER_PAGE, 1);
        let pages = pages(&site);
        assert_eq!(pages.len(), 1, "{:?}", pages.keys());
        assert_eq!(rows(&pages["index.html"]).len(), SERVICES_PER_PAGE);
    }
}
