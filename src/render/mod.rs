//! Rendering: plan every output file as a job, render the jobs in parallel, hand the files to
//! the writer. A pure function of the site, its theme and "now": nothing here reads a file.

mod block;
mod calendar;
pub mod feeds;
mod format;
mod i18n;
mod links;
mod pages;
mod plan;
mod recovery_html;
mod recovery_view;
mod scope;
mod templates;
mod timeline;
mod uptime_view;
mod view;

use crate::model::{Incident, Instant, Phase, Site};
use crate::output::{OutputFile, Sink};
use crate::parallel::{self, Counter};
use crate::project::Project;
use format::Formatter;
use pages::{Job, PageData};
use view::{Card, Viewer};

pub use block::{Block, BlockRenderer};
pub use plan::{EMBED_PATH, PAGE_SIZE, RECENT_ON_HOME};
pub use scope::{Scope, changes};

/// Renders the site and hands each file to `sink` as soon as it is ready, from several
/// threads at once; pages are counted in `counter`.
pub fn render(project: &Project, sink: &dyn Sink, counter: &Counter) -> Result<(), String> {
    render_scoped(project, sink, counter, &Scope::All, &Reuse::default())
}

/// [`render`], rendering only the pages in `scope`; cards of incidents outside it come from
/// `reuse` (kept by `serve` between builds at one "now").
pub fn render_scoped(
    project: &Project,
    sink: &dyn Sink,
    counter: &Counter,
    scope: &Scope,
    reuse: &Reuse,
) -> Result<(), String> {
    let (site, theme) = (&project.site, project.theme()?);
    prepare(project, scope, reuse, |p| {
        let todo: Vec<&Job> = p
            .jobs
            .iter()
            .filter(|job| p.plan.in_scope(job, scope))
            .collect();
        let feed_input = feeds::FeedInput {
            site,
            now: project.now,
            base_url: p.plan.base_url,
        };
        // The feeds and the API are made on one thread while the pages use the others.
        let (pages, feeds) = parallel::join(
            || parallel::try_for_each_counted(&todo, counter, |job| sink.write(p.render(job)?)),
            || feeds::files(&feed_input),
        );
        pages?;
        for file in housekeeping(site, p.plan.base_url, &p.jobs) {
            sink.write(file)?;
        }
        for file in feeds {
            sink.write(file)?;
        }
        for (path, bytes) in &theme.statics {
            sink.write(OutputFile::new(path, bytes.clone()))?;
        }
        reuse.keep(&p.plan.visible, &p.plan.cards);
        Ok(())
    })?
}

/// Prepares a build, then hands `f` a function that renders the page at an output path:
/// for measuring one page, and for tools that need a few pages, not the whole site.
pub fn with_pages<R>(
    project: &Project,
    f: impl FnOnce(&dyn Fn(&str) -> Result<Vec<u8>, String>) -> R,
) -> Result<R, String> {
    prepare(project, &Scope::All, &Reuse::default(), |p| {
        f(&|path| match p.jobs.iter().find(|job| job.path == path) {
            Some(job) => p.render(job).map(|file| file.bytes),
            None => Err(format!("no page at {path}")),
        })
    })
}

/// Everything a build shares between its pages, made once.
struct Prepared<'a> {
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
    project: &Project,
    scope: &Scope,
    reuse: &Reuse,
    f: impl FnOnce(&Prepared) -> R,
) -> Result<R, String> {
    let (site, now, theme) = (&project.site, project.now, project.theme()?);
    let strings = i18n::strings(theme, &site.config.language)?;
    let base_url = site.config.base_url.clone();
    let viewer = Viewer {
        site,
        now,
        fmt: Formatter {
            zone: site.config.zone,
            strings: &strings,
        },
        strings: &strings,
    };
    let site_view = viewer.site_view(base_url.clone());
    let templates =
        templates::Templates::new(theme, &[("site", &site_view), ("t", strings.map())])?;
    let visible = newest_first(site, now);
    let cards: Vec<Card> = parallel::map(&visible, |i| reuse.card(i, scope, || viewer.card(i)));
    let plan = plan::Plan::new(&viewer, visible, cards, base_url.as_deref());
    let jobs = plan.jobs();
    Ok(f(&Prepared {
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
            crate::escape::xml_escape(&location)
        ));
    }
    sitemap.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", sitemap.into_bytes())
}
