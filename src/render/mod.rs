//! Rendering: plan every output file as a job, render the jobs in parallel, hand the files to
//! the writer. Nothing here touches the disk but reading the theme and `static/`.

mod calendar;
pub mod feeds;
mod format;
mod i18n;
mod pages;
mod recovery_view;
mod templates;
pub mod theme;
mod timeline;
mod uptime_view;
mod view;

use std::path::Path;

use crate::model::{Incident, Instant, Phase, Site};
use crate::output::OutputFile;
use crate::parallel;
use format::Formatter;
use pages::{
    HistoryPage, IncidentPage, IndexPage, Job, PageData, PageMeta, Pagination, PlainPage,
    ServicePage,
};
use view::{IncidentCard, Viewer};

/// Incidents per history page: pages stay small however long the history grows.
pub const HISTORY_PAGE_SIZE: usize = 50;
/// Resolved incidents listed on the home page.
pub const RECENT_ON_HOME: usize = 10;

pub struct BuildOptions {
    pub now: Instant,
    /// Overrides `base_url` of status.yaml.
    pub base_url: Option<String>,
}

/// Renders the whole site in memory.
pub fn render_site(
    site: &Site,
    root: &Path,
    options: &BuildOptions,
) -> Result<Vec<OutputFile>, String> {
    render_site_counted(site, root, options, &parallel::Counter::default())
}

/// [`render_site`], counting rendered pages in `counter` for a progress display.
pub fn render_site_counted(
    site: &Site,
    root: &Path,
    options: &BuildOptions,
    counter: &parallel::Counter,
) -> Result<Vec<OutputFile>, String> {
    let theme = theme::load_theme(root, &site.config.theme)?;
    let strings = i18n::strings(&theme, &site.config.language)?;
    let base_url = options
        .base_url
        .clone()
        .or_else(|| site.config.base_url.clone());
    let viewer = Viewer {
        site,
        now: options.now,
        fmt: Formatter {
            zone: site.config.zone,
            strings: &strings,
        },
        strings: &strings,
    };
    let site_view = viewer.site_view(base_url.clone());
    let templates =
        templates::Templates::new(&theme, &[("site", &site_view), ("t", strings.map())])?;

    let visible: Vec<&Incident> = newest_first(site, options.now);
    let cards: Vec<IncidentCard> = parallel::map(&visible, |i| viewer.card(i));
    let jobs = plan(&viewer, &visible, &cards, base_url.as_deref());

    let rendered = parallel::map_counted(&jobs, counter, |job| {
        templates
            .render(job.template, &job.data)
            .map(|html| OutputFile::new(&job.path, html.into_bytes()))
    });
    let mut files = rendered.into_iter().collect::<Result<Vec<_>, _>>()?;
    files.extend(
        theme
            .statics
            .iter()
            .map(|(path, bytes)| OutputFile::new(path, bytes.clone())),
    );
    files.extend(housekeeping(site, base_url.as_deref(), &jobs));
    files.extend(feeds::files(&feeds::FeedInput {
        site,
        now: options.now,
        base_url: base_url.as_deref(),
    }));
    files.extend(crate::output::read_static_dir(&root.join("static"))?);
    Ok(files)
}

fn newest_first(site: &Site, now: Instant) -> Vec<&Incident> {
    let mut visible: Vec<&Incident> = site
        .incidents
        .iter()
        .filter(|i| i.phase(now) != Phase::Hidden)
        .collect();
    visible.sort_by(|a, b| (b.started, &b.slug).cmp(&(a.started, &a.slug)));
    visible
}

fn meta(kind: &'static str, path: &str, title: String, base_url: Option<&str>) -> PageMeta {
    let canonical = base_url.map(|b| format!("{b}{}", path.trim_end_matches("index.html")));
    PageMeta {
        kind,
        path: path.to_string(),
        root: pages::root_of(path),
        title,
        canonical,
    }
}

fn plan(
    v: &Viewer,
    visible: &[&Incident],
    cards: &[IncidentCard],
    base_url: Option<&str>,
) -> Vec<Job> {
    let s = v.strings;
    let services = v.services();
    let mut jobs = Vec::new();
    let in_phase = |phase: &str| {
        cards
            .iter()
            .filter(|c| c.phase == phase)
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut upcoming = in_phase("upcoming");
    upcoming.reverse();
    jobs.push(Job {
        path: "index.html".into(),
        template: "index.html",
        data: PageData::Index(Box::new(IndexPage {
            page: meta("index", "index.html", v.site.config.title.clone(), base_url),
            groups: v.groups(&services),
            ongoing: in_phase("ongoing"),
            upcoming,
            recent: in_phase("resolved")
                .into_iter()
                .take(RECENT_ON_HOME)
                .collect(),
        })),
    });
    for (incident, card) in visible.iter().zip(cards) {
        let path = view::incident_url(&incident.slug);
        jobs.push(Job {
            template: "incident.html",
            data: PageData::Incident(Box::new(IncidentPage {
                page: meta("incident", &path, card.title.clone(), base_url),
                incident: card.clone(),
                detail: v.detail(incident),
                timeline: v.timeline(incident),
            })),
            path,
        });
    }
    jobs.extend(history_jobs(v, visible, cards, base_url));
    for service in services {
        let path = view::service_url(&service.id);
        let incidents = visible
            .iter()
            .zip(cards)
            .filter(|(i, _)| i.lane(&service.id).is_some())
            .map(|(_, c)| c.clone())
            .take(HISTORY_PAGE_SIZE)
            .collect();
        jobs.push(Job {
            template: "service.html",
            data: PageData::Service(ServicePage {
                page: meta("service", &path, service.name.clone(), base_url),
                service,
                incidents,
            }),
            path,
        });
    }
    let mut not_found = meta(
        "404",
        "404.html",
        s.get("not_found_title").to_string(),
        base_url,
    );
    // GitHub Pages serves 404.html at any depth, so its links must not be relative.
    not_found.root = base_url.map_or_else(|| "/".to_string(), url_path);
    jobs.push(Job {
        path: "404.html".into(),
        template: "404.html",
        data: PageData::Plain(PlainPage { page: not_found }),
    });
    jobs
}

fn history_jobs(
    v: &Viewer,
    visible: &[&Incident],
    cards: &[IncidentCard],
    base_url: Option<&str>,
) -> Vec<Job> {
    let title = v.strings.get("history_title");
    let chunks: Vec<&[IncidentCard]> = if cards.is_empty() {
        vec![&[]]
    } else {
        cards.chunks(HISTORY_PAGE_SIZE).collect()
    };
    let total = chunks.len();
    let path_of = |n: usize| {
        if n == 1 {
            "history/index.html".to_string()
        } else {
            format!("history/page/{n}/index.html")
        }
    };
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            let path = path_of(n);
            let first = i * HISTORY_PAGE_SIZE;
            let incidents = &visible[first..first + chunk.len()];
            Job {
                template: "history.html",
                data: PageData::History(HistoryPage {
                    months: pages::by_month(
                        &v.fmt,
                        incidents,
                        chunk,
                        v.now,
                        &pages::root_of(&path),
                    ),
                    page: meta("history", &path, title.to_string(), base_url),
                    pagination: Pagination {
                        current: n,
                        total,
                        newer: (n > 1).then(|| path_of(n - 1)),
                        older: (n < total).then(|| path_of(n + 1)),
                    },
                }),
                path,
            }
        })
        .collect()
}

/// `.nojekyll`, `CNAME` and `sitemap.xml`: what GitHub Pages and crawlers expect.
fn housekeeping(site: &Site, base_url: Option<&str>, jobs: &[Job]) -> Vec<OutputFile> {
    let mut files = vec![OutputFile::new(".nojekyll", Vec::new())];
    if let Some(cname) = &site.config.cname {
        files.push(OutputFile::new("CNAME", format!("{cname}\n").into_bytes()));
    }
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for job in jobs.iter().filter(|j| j.path != "404.html") {
        let location = format!(
            "{}{}",
            base_url.unwrap_or(""),
            job.path.trim_end_matches("index.html")
        );
        sitemap.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&location)
        ));
    }
    sitemap.push_str("</urlset>\n");
    files.push(OutputFile::new("sitemap.xml", sitemap.into_bytes()));
    files
}

/// The path part of an absolute URL: `https://x.github.io/status/` → `/status/`.
fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/')
        .map_or_else(|| "/".to_string(), |i| rest[i..].to_string())
}

pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Languages a site can choose: the built-in ones plus any `i18n/*.yaml` of its themes.
pub fn languages(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = theme::builtin_files()
        .iter()
        .filter_map(|(path, _)| {
            path.strip_prefix("i18n/")?
                .strip_suffix(".yaml")
                .map(String::from)
        })
        .collect();
    if let Ok(themes) = std::fs::read_dir(root.join("themes")) {
        for theme in themes.flatten() {
            let Ok(files) = std::fs::read_dir(theme.path().join("i18n")) else {
                continue;
            };
            for file in files.flatten() {
                let path = file.path();
                if matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml")
                ) {
                    out.extend(path.file_stem().and_then(|s| s.to_str()).map(String::from));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths() {
        assert_eq!(url_path("https://user.github.io/status/"), "/status/");
        assert_eq!(url_path("https://status.example.com/"), "/");
    }
}
