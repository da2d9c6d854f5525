//! Incremental rebuilds for `serve`: when an edit changes incidents in place, only their
//! pages and the lists that show them need making again ([`Scope`]), and the cards of the
//! others are kept from the build before ([`Reuse`]).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use super::job::Reach;
use super::plan::Plan;
use super::view::{Card, IncidentCard};
use crate::model::Incident;

/// Which jobs a build makes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Scope {
    #[default]
    All,
    /// Incident pages of these slugs, the history and service pages that list them, and
    /// every page that does not grow with the history (home, feeds, API, badges...).
    #[cfg(feature = "serve")]
    Changed(HashSet<String>),
}

impl Scope {
    /// The slugs of the incidents made again, or `None` when everything is made.
    fn changed(&self) -> Option<&HashSet<String>> {
        match self {
            Scope::All => None,
            #[cfg(feature = "serve")]
            Scope::Changed(slugs) => Some(slugs),
        }
    }
}

/// What must be rendered again after `old` became `new` at the same "now", or `None` when
/// only a full build will do: settings, services, the set of incidents or their order
/// changed (and with them the paging of every list).
#[cfg(feature = "serve")]
pub(crate) fn changes(old: &crate::model::Site, new: &crate::model::Site) -> Option<Scope> {
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
#[cfg(feature = "serve")]
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
    /// Whether a job of this `reach` is to be made in `scope`.
    pub(super) fn in_scope(&self, reach: &Reach, scope: &Scope) -> bool {
        let Some(slugs) = scope.changed() else {
            return true;
        };
        let changed = |i: usize| slugs.contains(&self.moment.visible[i].slug);
        match reach {
            Reach::All => true,
            Reach::Incident(i) => changed(*i),
            Reach::Incidents(range) => range.clone().any(changed),
            // Every page of a service shows its current state and uptime, which any of its
            // incidents can change: all of them, when one of its incidents changed.
            Reach::Service(s) => self.by_service[*s].iter().any(|&i| changed(i)),
        }
    }
}

/// Incident cards kept between builds: in an incremental build only changed incidents get
/// new ones.
#[derive(Debug, Default)]
pub(crate) struct Reuse {
    /// Off for one-off builds, which would only fill it for nothing.
    on: bool,
    cards: Mutex<HashMap<String, Card>>,
}

impl Reuse {
    #[cfg(feature = "serve")]
    pub(crate) fn on() -> Reuse {
        Reuse {
            on: true,
            ..Reuse::default()
        }
    }

    pub(super) fn card(
        &self,
        incident: &Incident,
        scope: &Scope,
        make: impl FnOnce() -> IncidentCard,
    ) -> Card {
        if let Some(slugs) = scope.changed()
            && !slugs.contains(&incident.slug)
            && let Some(card) = self
                .cards
                .lock()
                .ok()
                .and_then(|c| c.get(&incident.slug).cloned())
        {
            return card;
        }
        Arc::new(make())
    }

    pub(super) fn keep(&self, visible: &[&Incident], cards: &[Card]) {
        if !self.on {
            return;
        }
        if let Ok(mut kept) = self.cards.lock() {
            *kept = visible
                .iter()
                .map(|i| i.slug.clone())
                .zip(cards.iter().cloned())
                .collect();
        }
    }
}

#[cfg(all(test, feature = "serve"))]
mod tests {
    use super::*;
    use crate::model::fixtures::incident;
    use crate::model::{Config, Service, Site, State};

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
        let scope = Scope::Changed(["i005".to_string()].into());
        let reuse = Reuse::default();
        let rendered: Vec<String> =
            super::super::prepare(&site, now, &theme, &scope, &reuse, |plan, jobs| {
                jobs.iter()
                    .filter(|job| plan.in_scope(&job.reach, &scope))
                    .map(|job| job.path.clone())
                    .collect()
            })
            .unwrap();
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
