//! Rendering: plan every output file as a job, render the jobs in parallel, hand the files to
//! the writer. Nothing here touches the disk but reading the theme and `static/`.

mod axis;
mod block;
mod calendar;
mod chart_axes;
mod csp;
pub mod feeds;
mod format;
mod i18n;
mod legend;
mod pages;
mod plan;
mod recovery_html;
mod recovery_view;
mod scope;
mod templates;
pub mod theme;
mod timeline;
mod timeline_lane;
mod uptime_view;
mod view;

use std::path::Path;

use crate::model::{Incident, Instant, Phase, Site};
use crate::output::OutputFile;
use crate::parallel;
use format::Formatter;
use pages::{Job, PageData};
use view::{Card, Viewer};

pub use block::{Block, BlockRenderer, embed_block};
pub use plan::{EMBED_PATH, PAGE_SIZE, RECENT_ON_HOME};
pub use scope::{Scope, changes};

pub struct BuildOptions {
    pub now: Instant,
    /// Overrides `base_url` of status.yaml.
    pub base_url: Option<String>,
}

/// Renders the whole site in memory, sorted by path.
pub fn render_site(
    site: &Site,
    root: &Path,
    options: &BuildOptions,
) -> Result<Vec<OutputFile>, String> {
    let files = std::sync::Mutex::new(Vec::new());
    render_site_to(
        site,
        root,
        options,
        &parallel::Counter::default(),
        &|file| {
            files.lock().map_err(|e| e.to_string())?.push(file);
            Ok(())
        },
    )?;
    let files = files.into_inner().map_err(|e| e.to_string())?;
    Ok(crate::output::dedup(files))
}

/// Renders the site and hands each file to `sink` as soon as it is ready, from several
/// threads at once; pages are counted in `counter`. Files that share a path (a site's
/// `static/` over the theme's) arrive in order, the winner last.
pub fn render_site_to(
    site: &Site,
    root: &Path,
    options: &BuildOptions,
    counter: &parallel::Counter,
    sink: &(dyn Fn(OutputFile) -> Result<(), String> + Sync),
) -> Result<(), String> {
    render_site_scoped(
        site,
        root,
        options,
        counter,
        sink,
        &Scope::All,
        &Reuse::default(),
    )
}

/// [`render_site_to`], rendering only the pages in `scope`; cards of incidents outside it
/// come from `reuse` (kept by `serve` between builds at one "now").
pub fn render_site_scoped(
    site: &Site,
    root: &Path,
    options: &BuildOptions,
    counter: &parallel::Counter,
    sink: &(dyn Fn(OutputFile) -> Result<(), String> + Sync),
    scope: &Scope,
    reuse: &Reuse,
) -> Result<(), String> {
    prepare(site, root, options, scope, reuse, |p| {
        let todo: Vec<&Job> = p
            .jobs
            .iter()
            .filter(|job| p.plan.in_scope(job, scope))
            .collect();
        let feed_input = feeds::FeedInput {
            site,
            now: options.now,
            base_url: p.plan.base_url,
            strings: p.plan.viewer.strings,
        };
        // The feeds and the API are made on one thread while the pages use the others.
        let (pages, feeds) = parallel::join(
            || parallel::try_for_each_counted(&todo, counter, |job| sink(p.render(job)?)),
            || feeds::files(&feed_input),
        );
        pages?;
        for file in housekeeping(site, p.plan.base_url, &p.jobs) {
            sink(file)?;
        }
        for file in feeds {
            sink(file)?;
        }
        for (path, bytes) in &p.theme.statics {
            sink(OutputFile::new(path, bytes.clone()))?;
        }
        for file in crate::output::read_static_dir(&root.join("static"))? {
            sink(file)?;
        }
        reuse.keep(&p.plan.visible, &p.plan.cards);
        Ok(())
    })?
}

/// Prepares a build, then hands `f` a function that renders the page at an output path:
/// for measuring one page, and for tools that need a few pages, not the whole site.
pub fn with_pages<R>(
    site: &Site,
    root: &Path,
    options: &BuildOptions,
    f: impl FnOnce(&dyn Fn(&str) -> Result<Vec<u8>, String>) -> R,
) -> Result<R, String> {
    prepare(site, root, options, &Scope::All, &Reuse::default(), |p| {
        f(&|path| match p.jobs.iter().find(|job| job.path == path) {
            Some(job) => p.render(job).map(|file| file.bytes),
            None => Err(format!("no page at {path}")),
        })
    })
}

/// Everything a build shares between its pages, made once.
struct Prepared<'a> {
    theme: theme::Theme,
    templates: templates::Templates,
    plan: plan::Plan<'a>,
    jobs: Vec<Job>,
}

impl Prepared<'_> {
    fn render(&self, job: &Job) -> Result<OutputFile, String> {
        let built;
        let data = match &job.data {
            PageData::Deferred(deferred) => {
                built = self.plan.build(*deferred, &job.path);
                &built
            }
            ready => ready,
        };
        let html = self.templates.render(job.template, data)?;
        Ok(OutputFile::new(&job.path, html.into_bytes()))
    }
}

fn prepare<R>(
    site: &Site,
    root: &Path,
    options: &BuildOptions,
    scope: &Scope,
    reuse: &Reuse,
    f: impl FnOnce(&Prepared) -> R,
) -> Result<R, String> {
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
    let visible = newest_first(site, options.now);
    let cards: Vec<Card> = parallel::map(&visible, |i| reuse.card(i, scope, || viewer.card(i)));
    let mut plan = plan::Plan::new(&viewer, visible, cards, base_url.as_deref());
    // What the output will hold: the site's `static/` over the theme's.
    let file = |name: &str| {
        std::fs::read(root.join("static").join(name))
            .ok()
            .or_else(|| theme.statics.get(name).cloned())
    };
    plan.inline =
        file("style.css").map(|css| csp::Inline::new(&css, file("favicon.svg").as_deref()));
    let jobs = plan.jobs();
    Ok(f(&Prepared {
        theme,
        templates,
        plan,
        jobs,
    }))
}

/// Incident cards kept between builds: in an incremental build only changed incidents get
/// new ones.
#[derive(Debug, Default)]
pub struct Reuse {
    /// Off for one-off builds, which would only fill it for nothing.
    on: bool,
    cards: std::sync::Mutex<std::collections::HashMap<String, Card>>,
}

impl Reuse {
    pub fn on() -> Reuse {
        Reuse {
            on: true,
            ..Reuse::default()
        }
    }

    fn card(
        &self,
        incident: &Incident,
        scope: &Scope,
        make: impl FnOnce() -> view::IncidentCard,
    ) -> Card {
        if let Scope::Changed(slugs) = scope
            && !slugs.contains(&incident.slug)
            && let Some(card) = self
                .cards
                .lock()
                .ok()
                .and_then(|c| c.get(&incident.slug).cloned())
        {
            return card;
        }
        std::sync::Arc::new(make())
    }

    fn keep(&self, visible: &[&Incident], cards: &[Card]) {
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

fn newest_first(site: &Site, now: Instant) -> Vec<&Incident> {
    let mut visible: Vec<&Incident> = site
        .incidents
        .iter()
        .filter(|i| i.phase(now) != Phase::Hidden)
        .collect();
    visible.sort_by(|a, b| (b.started, &b.slug).cmp(&(a.started, &a.slug)));
    visible
}

/// `.nojekyll`, `CNAME` and `sitemap.xml`: what GitHub Pages and crawlers expect.
fn housekeeping(site: &Site, base_url: Option<&str>, jobs: &[Job]) -> Vec<OutputFile> {
    let mut files = vec![OutputFile::new(".nojekyll", Vec::new())];
    if let Some(cname) = &site.config.cname {
        files.push(OutputFile::new("CNAME", format!("{cname}\n").into_bytes()));
    }
    // A sitemap lists absolute URLs only: without a base URL there is none to write.
    if let Some(base_url) = base_url {
        files.push(sitemap(base_url, jobs));
    }
    files
}

fn sitemap(base_url: &str, jobs: &[Job]) -> OutputFile {
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for job in jobs
        .iter()
        .filter(|j| j.path != "404.html" && j.path != plan::EMBED_PATH)
    {
        let location = format!("{}{}", base_url, job.path.trim_end_matches("index.html"));
        sitemap.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&location)
        ));
    }
    sitemap.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", sitemap.into_bytes())
}

/// The path part of an absolute URL: `https://x.github.io/status/` → `/status/`.
pub(crate) fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/')
        .map_or_else(|| "/".to_string(), |i| rest[i..].to_string())
}

/// Escapes text for XML and HTML, in one pass.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
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
    fn escapes_markup() {
        assert_eq!(
            xml_escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
        assert_eq!(xml_escape("카카오톡"), "카카오톡");
    }

    #[test]
    fn url_paths() {
        assert_eq!(url_path("https://user.github.io/status/"), "/status/");
        assert_eq!(url_path("https://status.example.com/"), "/");
    }
}
