//! The site at one moment: what every output is made from, computed once per build.
//!
//! Everything made from it is a pure function of the site and "now": no clock, no
//! randomness, so two builds of the same input at the same "now" are byte-identical.

use crate::model::time::format_rfc3339;
use crate::model::{Incident, Instant, Overall, Phase, ServiceStatus, Site, State};

pub(super) struct Moment<'a> {
    pub site: &'a Site,
    pub now: Instant,
    /// Absolute, ending in `/`, when known.
    pub base_url: Option<&'a str>,
    /// Incidents and maintenance public at "now", newest first (by start, then slug): the
    /// order of every list, feed and API endpoint.
    pub visible: Vec<&'a Incident>,
    /// Every service's standing at "now", in catalog order.
    pub statuses: Vec<ServiceStatus<'a>>,
    /// The page-wide status those standings roll up to: what the banner, the API, the embed
    /// and the badges all say.
    pub overall: Overall,
    /// When the site last changed as far as "now" shows it: the latest change of any visible
    /// incident, or "now" itself for a site without incidents.
    pub last_change: Instant,
}

impl<'a> Moment<'a> {
    pub(super) fn new(site: &'a Site, now: Instant) -> Moment<'a> {
        let mut visible: Vec<&Incident> = site
            .incidents
            .iter()
            .filter(|i| i.phase(now) != Phase::Hidden)
            .collect();
        visible.sort_by(|a, b| (b.started, &b.slug).cmp(&(a.started, &a.slug)));
        let last_change = visible
            .iter()
            .map(|i| last_change(i, now))
            .max()
            .unwrap_or(now);
        let statuses = site.statuses_at(now);
        let states: Vec<State> = statuses.iter().map(|s| s.state).collect();
        Moment {
            site,
            now,
            base_url: site.config.base_url.as_deref(),
            visible,
            overall: Overall::of(&states),
            statuses,
            last_change,
        }
    }

    /// An instant as RFC 3339 with the site's offset.
    pub(super) fn timestamp(&self, t: Instant) -> String {
        format_rfc3339(self.site.config.zone.local(t))
    }
}

/// The latest moment at or before `now` at which `incident` changed: its publication, an
/// update, a service's state change or its resolution.
pub(super) fn last_change(incident: &Incident, now: Instant) -> Instant {
    let published = incident.published_at();
    let update = incident.posted_until(now).last().map(|u| u.at);
    let resolved = incident.resolved_at().filter(|end| *end <= now);
    let entry = incident
        .lanes
        .iter()
        .flat_map(|l| &l.entries)
        .map(|e| e.at)
        .filter(|t| *t <= now)
        .max();
    [Some(published), update, resolved, entry]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(published)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture::{site, t};

    #[test]
    fn what_is_public_newest_first_and_the_latest_change() {
        let site = site();
        // The maintenance is announced two days ahead: on the 8th.
        let before = Moment::new(&site, t("2024-03-05T00:00:00Z"));
        let slugs = |m: &Moment| m.visible.iter().map(|i| i.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(&before), ["outage"]);
        let after = Moment::new(&site, t("2024-03-09T00:00:00Z"));
        assert_eq!(slugs(&after), ["upgrade", "outage"]);
        assert_eq!(
            after.timestamp(after.last_change),
            "2024-03-08T09:00:00+09:00"
        );
        assert_eq!(after.statuses.len(), site.services.len());
        let during = Moment::new(&site, t("2024-03-01T01:00:00Z"));
        // One service of four in a major outage: a partial system outage, as the API says.
        assert_eq!(during.overall, Overall::PartialSystemOutage);
    }
}
