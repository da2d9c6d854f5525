//! Incremental rebuilds for `serve`: when an edit changes incidents in place, only their
//! pages and the lists that show them need rendering again.

use std::collections::HashSet;

use super::pages::{Deferred, Job, PageData};
use super::plan::{PAGE_SIZE, Plan};
use crate::model::{Incident, Site};

/// Which pages a build renders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    All,
    /// Incident pages of these slugs, the history and service pages that list them, and
    /// every page that does not grow with the history (home, feeds, API, badges...).
    Changed(HashSet<String>),
}

/// What must be rendered again after `old` became `new` at the same "now", or `None` when
/// only a full build will do: settings, services, the set of incidents or their order
/// changed (and with them the paging of every list).
pub fn changes(old: &Site, new: &Site) -> Option<Scope> {
    if old.config != new.config
        || old.services != new.services
        || old.incidents.len() != new.incidents.len()
    {
        return None;
    }
    let mut changed = HashSet::new();
    for (a, b) in old.incidents.iter().zip(&new.incidents) {
        if !same_place(a, b) {
            return None;
        }
        if a != b {
            changed.insert(b.slug.clone());
        }
    }
    Some(Scope::Changed(changed))
}

/// Same slug, same start and same services: the incident sits in the same lists, at the
/// same position.
fn same_place(a: &Incident, b: &Incident) -> bool {
    a.slug == b.slug
        && a.started == b.started
        && a.kind == b.kind
        && a.lanes
            .iter()
            .map(|l| &l.service)
            .eq(b.lanes.iter().map(|l| &l.service))
        && a.updates.first().map(|u| u.at) == b.updates.first().map(|u| u.at)
        && a.resolved_at() == b.resolved_at()
}

impl Plan<'_> {
    /// Whether `job` is to be rendered in `scope`.
    pub fn in_scope(&self, job: &Job, scope: &Scope) -> bool {
        let Scope::Changed(slugs) = scope else {
            return true;
        };
        let touched = |indices: &[usize]| {
            indices
                .iter()
                .any(|&i| slugs.contains(&self.visible[i].slug))
        };
        match job.data {
            PageData::Deferred(Deferred::Incident(i)) => slugs.contains(&self.visible[i].slug),
            PageData::Deferred(Deferred::History(n)) => {
                let range: Vec<usize> =
                    ((n - 1) * PAGE_SIZE..(n * PAGE_SIZE).min(self.visible.len())).collect();
                touched(&range)
            }
            // Every page of a service shows its current state and uptime, which any of its
            // incidents can change: all of them, when one of its incidents changed.
            PageData::Deferred(Deferred::Service(s, _)) => touched(&self.by_service[s]),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::incident;
    use crate::model::{Config, Service, State};
    use crate::render::view::Viewer;

    fn site(incidents: Vec<Incident>) -> Site {
        Site {
            config: Config::default(),
            services: vec![Service::inferred("api")],
            incidents,
        }
    }

    #[test]
    fn an_edit_in_place_is_incremental() {
        let a = incident(
            "a",
            "2024-01-01T00:00:00Z",
            vec![("api", vec![(0.0, State::MajorOutage)])],
        );
        let b = incident(
            "b",
            "2024-02-01T00:00:00Z",
            vec![("api", vec![(0.0, State::Degraded)])],
        );
        let old = site(vec![a.clone(), b.clone()]);
        let mut edited = b.clone();
        edited.title = "New title".into();
        let new = site(vec![a.clone(), edited]);
        assert_eq!(
            changes(&old, &new),
            Some(Scope::Changed(["b".to_string()].into()))
        );
        assert_eq!(changes(&old, &old), Some(Scope::Changed(HashSet::new())));
    }

    #[test]
    fn a_changed_incident_renders_every_page_of_its_services_and_only_its_list_pages() {
        let incidents: Vec<Incident> = (0..120)
            .map(|i| {
                let day = format!("2024-01-01T{:02}:00:00Z", i % 24);
                let mut incident = incident(
                    &format!("i{i:03}"),
                    &day,
                    vec![("api", vec![(0.0, State::Degraded)])],
                );
                incident.started += chrono::Duration::days(i);
                incident
            })
            .collect();
        let site = site(incidents);
        let now = site.incidents.last().unwrap().started + chrono::Duration::hours(1);
        let theme = crate::theme::builtin_for_tests("en");
        let strings = crate::render::i18n::strings(&theme, "en").unwrap();
        let viewer = Viewer {
            site: &site,
            now,
            fmt: crate::render::format::Formatter {
                zone: site.config.zone,
                strings: &strings,
            },
            strings: &strings,
        };
        let visible: Vec<&Incident> = site.incidents.iter().rev().collect();
        let cards = visible
            .iter()
            .map(|i| std::sync::Arc::new(viewer.card(i)))
            .collect();
        let plan = Plan::new(&viewer, visible, cards, None);
        let scope = Scope::Changed(["i005".to_string()].into());
        let rendered: Vec<String> = plan
            .jobs()
            .into_iter()
            .filter(|job| plan.in_scope(job, &scope))
            .map(|job| job.path)
            .collect();
        // i005 is the 115th newest: on history page 3 only.
        assert!(rendered.contains(&"incidents/i005/index.html".to_string()));
        assert!(
            !rendered
                .iter()
                .any(|p| p.starts_with("incidents/") && p != "incidents/i005/index.html")
        );
        assert!(rendered.contains(&"history/page/3/index.html".to_string()));
        assert!(!rendered.contains(&"history/index.html".to_string()));
        for page in [
            "services/api/index.html",
            "services/api/page/2/index.html",
            "services/api/page/3/index.html",
        ] {
            assert!(
                rendered.contains(&page.to_string()),
                "{page} not rendered again"
            );
        }
        assert!(rendered.contains(&"index.html".to_string()));
    }

    #[test]
    fn moves_and_new_services_need_a_full_build() {
        let a = incident(
            "a",
            "2024-01-01T00:00:00Z",
            vec![("api", vec![(0.0, State::MajorOutage)])],
        );
        let old = site(vec![a.clone()]);
        let mut moved = a.clone();
        moved.started += chrono::Duration::hours(1);
        assert_eq!(changes(&old, &site(vec![moved])), None);
        let mut wider = a.clone();
        wider.lanes.push(wider.lanes[0].clone());
        wider.lanes[1].service = "web".into();
        assert_eq!(changes(&old, &site(vec![wider])), None);
        assert_eq!(changes(&old, &site(vec![])), None);
    }
}
