//! Machine-readable outputs: the Statuspage v2 API, Atom feeds, badges.
//!
//! Everything here is a pure function of the site and "now": no clock, no randomness, so two
//! builds of the same input at the same "now" are byte-identical. Ids are hashes of slugs and
//! service ids, so they survive rebuilds and reordering.

mod api;
mod atom;
mod badge;
mod components;

use super::i18n::Strings;
use crate::model::time::format_rfc3339;
use crate::model::{Incident, Instant, Phase, Site};
use crate::output::OutputFile;

/// What every machine-readable output needs to know.
pub struct FeedInput<'a> {
    pub site: &'a Site,
    pub now: Instant,
    /// Absolute, ending in `/`, when known.
    pub base_url: Option<&'a str>,
    /// The site's UI strings: the words of automatic updates.
    pub strings: &'a Strings,
}

pub fn files(input: &FeedInput) -> Vec<OutputFile> {
    let mut files = api::files(input);
    files.extend(atom::files(input));
    files.extend(badge::files(input));
    files
}

impl FeedInput<'_> {
    /// An instant as RFC 3339 with the site's offset.
    fn timestamp(&self, t: Instant) -> String {
        format_rfc3339(self.site.config.zone.local(t))
    }

    /// Incidents and maintenance public at "now", newest first (by start, then slug), as the
    /// pages list them.
    fn visible(&self) -> Vec<&Incident> {
        let mut visible: Vec<&Incident> = self
            .site
            .incidents
            .iter()
            .filter(|i| i.phase(self.now) != Phase::Hidden)
            .collect();
        visible.sort_by(|a, b| (b.started, &b.slug).cmp(&(a.started, &a.slug)));
        visible
    }

    /// When the site last changed as far as "now" shows it: the latest change of any visible
    /// incident, or "now" itself for a site without incidents.
    fn last_change(&self) -> Instant {
        self.visible()
            .iter()
            .map(|i| last_change(i, self.now))
            .max()
            .unwrap_or(self.now)
    }
}

/// The latest moment at or before `now` at which `incident` changed: its publication, an
/// update, a service's state change or its resolution.
fn last_change(incident: &Incident, now: Instant) -> Instant {
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

/// The text of an update: as written, or the site's words for an automatic one.
fn body_of<'a>(posted: &crate::model::Posted<'a>, strings: &'a Strings) -> &'a str {
    match posted.written {
        Some(update) => &update.body,
        None => strings.get(match posted.status {
            crate::model::UpdateStatus::InProgress => "auto_in_progress",
            _ => "auto_completed",
        }),
    }
}

/// FNV-1a, 64 bits: small, stable across Rust versions and platforms (unlike `DefaultHasher`),
/// and plenty for ids that only need to differ within one site.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        // A separator byte that cannot occur in UTF-8 keeps ("ab", "c") apart from ("a", "bc").
        let bytes = if i == 0 { &[][..] } else { &[0xff][..] };
        for byte in bytes.iter().chain(part.as_bytes()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// A 12-character lowercase base-36 id, the shape of Statuspage's ids (`rhznvxg4v7yh`).
fn short_id(kind: &str, key: &[&str]) -> String {
    const LEN: u32 = 12;
    let mut parts = vec![kind];
    parts.extend_from_slice(key);
    let mut n = fnv1a(&parts) % 36_u64.pow(LEN);
    let mut out = vec![b'0'; LEN as usize];
    for slot in out.iter_mut().rev() {
        *slot = b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A deterministic `urn:uuid:` (RFC 9562 version 8, the "custom" version) for Atom ids of a
/// site without `base_url`: an absolute IRI that stays the same from build to build.
fn urn_uuid(key: &[&str]) -> String {
    let high = fnv1a(&[&["statusgen-atom-a"], key].concat());
    let low = fnv1a(&[&["statusgen-atom-b"], key].concat());
    let high = (high & !0xf000) | 0x8000; // version 8
    let low = (low & !(0b11 << 62)) | (0b10 << 62); // RFC 9562 variant
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

/// Characters XML 1.0 forbids even escaped (most C0 controls) are dropped, so untrusted text
/// can never make a feed or badge unparsable.
fn xml_text(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect();
    super::xml_escape(&clean)
}

/// A small site for the unit tests: two grouped services, two lone ones, one incident with a
/// postmortem and one maintenance announced two days ahead.
#[cfg(test)]
pub(super) mod fixture {
    use crate::model::time::{hours, parse_timestamp};
    use crate::model::{
        Config, Entry, Incident, Instant, Kind, Lane, Service, Site, SiteZone, State, Update,
        UpdateStatus,
    };

    pub fn t(text: &str) -> Instant {
        parse_timestamp(text, SiteZone::default()).unwrap()
    }

    fn lane(service: &str, start: Instant, entries: &[(f64, State)]) -> Lane {
        Lane {
            service: service.into(),
            entries: entries
                .iter()
                .map(|(h, state)| Entry {
                    at: start + hours(*h).unwrap(),
                    state: *state,
                    note: None,
                })
                .collect(),
        }
    }

    fn updates(start: Instant, list: &[(f64, UpdateStatus, &str)]) -> Vec<Update> {
        list.iter()
            .map(|(h, status, body)| Update {
                at: start + hours(*h).unwrap(),
                status: *status,
                body: format!("{body}\n"),
            })
            .collect()
    }

    fn service(id: &str, group: Option<&str>) -> Service {
        Service {
            name: format!("The {id}"),
            group: group.map(String::from),
            ..Service::inferred(id)
        }
    }

    pub fn site() -> Site {
        use State::*;
        use UpdateStatus::*;
        let outage_start = t("2024-03-01T00:00:00Z");
        let outage = Incident {
            slug: "outage".into(),
            file: "incidents/outage.yaml".into(),
            title: "API <down> & out".into(),
            kind: Kind::Incident,
            started: outage_start,
            resolved: None,
            impact: None,
            summary: Some("The **API** failed.".into()),
            lanes: vec![
                lane(
                    "api",
                    outage_start,
                    &[(0.0, MajorOutage), (2.0, PartialOutage), (4.0, Operational)],
                ),
                lane("web", outage_start, &[(0.0, Degraded), (4.0, Operational)]),
            ],
            updates: updates(
                outage_start,
                &[
                    (0.25, Investigating, "Looking <script>alert(1)</script>"),
                    (1.0, Identified, "Found *it*"),
                    (3.0, Monitoring, "Fixed"),
                    (4.0, Resolved, "Done"),
                ],
            ),
            postmortem: Some("Why".into()),
        };
        let window = t("2024-03-10T00:00:00Z");
        let upgrade = Incident {
            slug: "upgrade".into(),
            file: "incidents/upgrade.yaml".into(),
            title: "Database upgrade".into(),
            kind: Kind::Maintenance,
            started: window,
            resolved: Some(window + hours(2.0).unwrap()),
            impact: None,
            summary: None,
            lanes: vec![lane("db", window, &[(0.0, Maintenance)])],
            updates: updates(
                window,
                &[
                    (-48.0, Scheduled, "Planned"),
                    (0.0, InProgress, "Started"),
                    (2.0, Completed, "Done"),
                ],
            ),
            postmortem: None,
        };
        let mut cdn = service("cdn", None);
        cdn.since = Some(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        Site {
            config: Config {
                title: "Example".into(),
                zone: SiteZone::parse("Asia/Seoul").unwrap(),
                ..Config::default()
            },
            services: vec![
                service("api", Some("Core")),
                service("db", None),
                service("web", Some("Core")),
                cdn,
            ],
            incidents: vec![outage, upgrade],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_look_like_statuspage_ids_and_are_stable() {
        let id = short_id("component", &["kakaotalk"]);
        assert_eq!(id.len(), 12);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        );
        assert_eq!(id, short_id("component", &["kakaotalk"]));
        assert_ne!(id, short_id("component", &["daum"]));
        assert_ne!(id, short_id("group", &["kakaotalk"]));
        assert_ne!(short_id("x", &["ab", "c"]), short_id("x", &["a", "bc"]));
        // Pinned: a change here changes every published id.
        assert_eq!(fnv1a(&["a"]), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn urn_uuids_are_version_8() {
        let id = urn_uuid(&["Kakao", "feed.xml"]);
        assert_eq!(id, urn_uuid(&["Kakao", "feed.xml"]));
        assert_ne!(id, urn_uuid(&["Kakao", "incidents/x/"]));
        let uuid = id.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<&str> = uuid.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('8'), "{id}");
        assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{id}");
    }

    #[test]
    fn xml_text_escapes_and_drops_forbidden_characters() {
        assert_eq!(
            xml_text("a<b>&\u{7}\"c'\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\n"
        );
    }
}
