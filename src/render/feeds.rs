//! Atom 1.0 (RFC 4287) feeds: `feed.xml` for the site and `services/ID/feed.xml` per service,
//! one entry per incident or maintenance, updated with its latest update. Entry content is
//! HTML made by `markdown::to_html` (so sanitized), escaped into `type="html"`. Feeds are read
//! by people: status words and times are in the site's language.
//!
//! Ids must be absolute IRIs that never change. With a `base_url` they are the pages' URLs;
//! without one we cannot know the site's address, so they are `urn:uuid:` URNs hashed from the
//! site title and the page's path (see [`urn_uuid`]): a `tag:` URI would need a domain
//! name or e-mail address we do not have. Links are then relative to the feed's own URL,
//! which Atom allows.

use super::ids::urn_uuid;
use super::job::Job;
use super::moment::{Moment, last_change};
use super::plan::Plan;
use super::view::Viewer;
use crate::escape::xml_text;
use crate::markdown;
use crate::model::Incident;

/// Entries per feed: the most recent, as the API's lists.
const ENTRIES: usize = 50;

/// One feed to write.
struct Spec<'a> {
    /// Where it is written, relative to the site root.
    path: String,
    title: String,
    /// The page it mirrors, relative to the site root (`""` is the home page).
    page: String,
    incidents: Vec<&'a Incident>,
}

pub(super) fn jobs<'p>(plan: &'p Plan<'_>, _: &[Job<'p>]) -> Vec<Job<'p>> {
    feeds(&plan.moment, &plan.viewer)
}

/// `feed.xml` for the site, then `services/ID/feed.xml` for each service, in catalog order,
/// in the words of `viewer`.
fn feeds<'m>(moment: &'m Moment<'_>, viewer: &'m Viewer<'_>) -> Vec<Job<'m>> {
    let site = moment.site;
    let mut jobs = vec![Job::new("feed.xml", move |path| {
        let title = site.config.title.clone();
        let spec = spec(moment, path, title, String::new(), None);
        Ok(feed(moment, viewer, &spec).into_bytes())
    })];
    for (s, service) in site.services.iter().enumerate() {
        let path = format!("services/{}/feed.xml", service.id);
        jobs.push(Job::new(path, move |path| {
            let title = format!("{} · {}", service.name, site.config.title);
            let page = format!("services/{}/", service.id);
            let spec = spec(moment, path, title, page, Some(s));
            Ok(feed(moment, viewer, &spec).into_bytes())
        }));
    }
    jobs
}

/// The feed at `path` of the whole site, or of the service of catalog index `service`.
fn spec<'a>(
    moment: &Moment<'a>,
    path: &str,
    title: String,
    page: String,
    service: Option<usize>,
) -> Spec<'a> {
    let incidents = match service.map(|s| &moment.site.services[s].id) {
        None => moment.visible.clone(),
        Some(id) => moment
            .visible
            .iter()
            .filter(|i| i.lane(id).is_some())
            .copied()
            .collect(),
    };
    Spec {
        path: path.to_string(),
        title,
        page,
        incidents,
    }
}

/// Addresses as seen from one feed file.
struct Links<'a> {
    moment: &'a Moment<'a>,
    /// From the feed's folder to the site root: `./`, `../../`.
    up: String,
}

impl Links<'_> {
    fn href(&self, path: &str) -> String {
        match self.moment.base_url {
            Some(base) => format!("{base}{path}"),
            None => format!("{}{path}", self.up),
        }
    }

    fn id(&self, path: &str) -> String {
        match self.moment.base_url {
            Some(base) => format!("{base}{path}"),
            None => urn_uuid(&[&self.moment.site.config.title, path]),
        }
    }
}

fn feed(moment: &Moment, viewer: &Viewer, spec: &Spec) -> String {
    let depth = spec.path.matches('/').count();
    let links = Links {
        moment,
        up: if depth == 0 {
            "./".into()
        } else {
            "../".repeat(depth)
        },
    };
    let entries: Vec<&Incident> = spec.incidents.iter().take(ENTRIES).copied().collect();
    // Derived from the data shown at "now", never from the clock.
    let updated = entries
        .iter()
        .map(|i| last_change(i, moment.now))
        .max()
        .unwrap_or(moment.last_change);
    let config = &moment.site.config;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_text(&viewer.language.tag)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", xml_text(&links.id(&spec.path))));
    xml.push_str(&format!("  <title>{}</title>\n", xml_text(&spec.title)));
    if let Some(description) = &config.description {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_text(description)
        ));
    }
    xml.push_str(&format!(
        "  <updated>{}</updated>\n",
        moment.timestamp(updated)
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_text(&links.href(&spec.path))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_text(&links.href(&spec.page))
    ));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_text(&config.title)
    ));
    xml.push_str(&format!(
        "  <generator version=\"{}\">statusgen</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for incident in entries {
        xml.push_str(&entry(moment, viewer, &links, incident));
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(moment: &Moment, viewer: &Viewer, links: &Links, incident: &Incident) -> String {
    let page = format!("incidents/{}/", incident.slug);
    let published = incident.published_at();
    let updated = last_change(incident, moment.now);
    format!(
        "  <entry>\n    <id>{id}</id>\n    <title>{title}</title>\n    \
         <published>{published}</published>\n    <updated>{updated}</updated>\n    \
         <link rel=\"alternate\" type=\"text/html\" href=\"{href}\"/>\n    \
         <category term=\"{kind}\" label=\"{kind_label}\"/>\n    \
         <content type=\"html\">{content}</content>\n  </entry>\n",
        id = xml_text(&links.id(&page)),
        title = xml_text(&incident.title),
        published = moment.timestamp(published),
        updated = moment.timestamp(updated),
        href = xml_text(&links.href(&page)),
        kind = incident.kind.as_str(),
        kind_label = xml_text(
            viewer
                .strings
                .get(&format!("kind_{}", incident.kind.as_str()))
        ),
        content = xml_text(&content_html(moment, viewer, incident)),
    )
}

/// The updates published by "now", newest first (automatic ones marked), then the summary:
/// sanitized HTML.
fn content_html(moment: &Moment, viewer: &Viewer, incident: &Incident) -> String {
    let mut html = String::new();
    for update in incident.posted_until(moment.now).iter().rev() {
        let automatic = if update.is_automatic() {
            format!(" · <em>{}</em>", xml_text(viewer.strings.get("automatic")))
        } else {
            String::new()
        };
        html.push_str(&format!(
            "<p><strong>{}</strong> · <time datetime=\"{}\">{}</time>{automatic}</p>\n",
            xml_text(
                viewer
                    .strings
                    .get(&format!("status_{}", update.status.as_str()))
            ),
            moment.timestamp(update.at),
            xml_text(&viewer.fmt.time(update.at).text),
        ));
        html.push_str(&markdown::to_html(viewer.strings.update_text(update)));
    }
    if let Some(summary) = &incident.summary {
        if !html.is_empty() {
            html.push_str("<hr>\n");
        }
        html.push_str(&markdown::to_html(summary));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputFile;
    use crate::render::fixture::{site, t, ui};
    use crate::render::job::files;

    fn build(now: &str, base_url: Option<&str>) -> Vec<OutputFile> {
        build_in("en", now, base_url)
    }

    fn build_in(language: &str, now: &str, base_url: Option<&str>) -> Vec<OutputFile> {
        let mut site = site();
        site.config.base_url = base_url.map(String::from);
        let ui = ui(language);
        let viewer = ui.viewer(&site, t(now));
        files(&feeds(&Moment::new(&site, t(now)), &viewer))
    }

    fn text(files: &[OutputFile], path: &str) -> String {
        let file = files.iter().find(|f| f.path == path).unwrap();
        String::from_utf8(file.bytes.clone()).unwrap()
    }

    /// The text of every `<tag>` element, in order.
    fn all<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        xml.split(open.as_str())
            .skip(1)
            .map(|rest| rest.split(close.as_str()).next().unwrap())
            .collect()
    }

    #[test]
    fn one_feed_for_the_site_and_one_per_service() {
        let files = build("2024-03-09T00:00:00Z", None);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "feed.xml",
                "services/api/feed.xml",
                "services/db/feed.xml",
                "services/web/feed.xml",
                "services/cdn/feed.xml"
            ]
        );
        let site = text(&files, "feed.xml");
        assert_eq!(
            all(&site, "title"),
            ["Example", "Database upgrade", "API &lt;down&gt; &amp; out"]
        );
        assert_eq!(all(&text(&files, "services/db/feed.xml"), "title").len(), 2);
        assert_eq!(
            all(&text(&files, "services/cdn/feed.xml"), "entry").len(),
            0
        );
    }

    #[test]
    fn required_elements_and_deterministic_times() {
        let files = build("2024-03-09T00:00:00Z", None);
        let xml = text(&files, "feed.xml");
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
        // The feed is as new as its newest change: the maintenance's announcement.
        assert_eq!(all(&xml, "updated")[0], "2024-03-08T09:00:00+09:00");
        assert_eq!(all(&xml, "updated")[2], "2024-03-01T13:00:00+09:00");
        assert_eq!(all(&xml, "published")[1], "2024-03-01T09:00:00+09:00");
        let ids = all(&xml, "id");
        assert_eq!(ids.len(), 3);
        assert!(ids.iter().all(|id| id.starts_with("urn:uuid:")), "{ids:?}");
        assert!(
            xml.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"./feed.xml\"/>")
        );
        assert!(xml.contains("href=\"./incidents/outage/\""));
        let service = text(&files, "services/api/feed.xml");
        assert!(service.contains("href=\"../../incidents/outage/\""));
        assert!(service.contains("href=\"../../services/api/feed.xml\""));
        // The same incident keeps its id in every feed.
        assert_eq!(all(&service, "id")[1], ids[2]);
        assert_eq!(files, build("2024-03-09T00:00:00Z", None));
    }

    #[test]
    fn base_url_gives_absolute_ids_and_links() {
        let files = build("2024-03-09T00:00:00Z", Some("https://status.example.com/"));
        let xml = text(&files, "feed.xml");
        assert_eq!(
            all(&xml, "id"),
            [
                "https://status.example.com/feed.xml",
                "https://status.example.com/incidents/upgrade/",
                "https://status.example.com/incidents/outage/"
            ]
        );
        assert!(xml.contains("href=\"https://status.example.com/feed.xml\""));
    }

    #[test]
    fn content_is_sanitized_escaped_and_stops_at_now() {
        let files = build("2024-03-01T01:00:00Z", None);
        let xml = text(&files, "feed.xml");
        let content = xml.split("<content type=\"html\">").nth(1).unwrap();
        let content = content.split("</content>").next().unwrap();
        assert!(!content.contains('<'), "escaped: {content}");
        assert!(
            !content.to_lowercase().contains("&lt;script"),
            "sanitized: {content}"
        );
        assert!(content.contains("&lt;strong&gt;Identified&lt;/strong&gt;"));
        assert!(
            content.contains("March 1, 2024 at 10:00\u{202f}AM GMT+9"),
            "{content}"
        );
        assert!(content.contains("&lt;em&gt;it&lt;/em&gt;"));
        assert!(
            !content.contains("Monitoring"),
            "an update after now leaked: {content}"
        );
        // The summary closes the entry.
        assert!(
            content.contains("&lt;hr&gt;\n&lt;p&gt;The &lt;strong&gt;API"),
            "{content}"
        );
        // Only the incident is public; the maintenance is not announced yet.
        assert_eq!(all(&xml, "entry").len(), 1);
        assert_eq!(all(&xml, "updated")[0], "2024-03-01T10:00:00+09:00");
    }

    #[test]
    fn words_and_times_are_in_the_site_language() {
        let files = build_in("de", "2024-03-01T01:00:00Z", None);
        let xml = text(&files, "feed.xml");
        assert!(xml.contains("xml:lang=\"de\""), "{xml}");
        assert!(
            xml.contains("&lt;strong&gt;Ursache gefunden&lt;/strong&gt;"),
            "{xml}"
        );
        assert!(xml.contains("1. März 2024 um 10:00 GMT+9"), "{xml}");
        assert!(xml.contains("<category term=\"incident\" label=\"Störung\"/>"));
        let ko = text(&build_in("ko", "2024-03-01T01:00:00Z", None), "feed.xml");
        assert!(
            ko.contains("원인 확인") && ko.contains("2024년 3월 1일 오전 10:00 GMT+9"),
            "{ko}"
        );
        assert!(!ko.contains("Identified"));
    }
}
