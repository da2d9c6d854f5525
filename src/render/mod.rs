//! Rendering: a pure function of an opened site (model, theme, "now"); nothing here reads a
//! file. A build plans every output file as a job — pages, feeds, the API, badges,
//! static files alike — makes the jobs in parallel and hands each file to the sink.

mod block;
mod calendar;
pub(crate) mod error;
mod format;
mod i18n;
mod ids;
mod incremental;
mod job;
mod links;
mod moment;
mod placeholders;
mod plan;
mod recovery_html;
mod recovery_view;
mod templates;
mod timeline;
mod ui;
mod uptime_view;
mod view;

#[cfg(test)]
mod fixture;

// The outputs: each makes its files as jobs of the plan. A new output is a module here and
// a line in `OUTPUTS`.
mod api;
mod badges;
mod feeds;
mod housekeeping;
mod pages;
mod sitemap;
mod statics;

use crate::model::Instant;
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::parallel::{self, Counter};
use crate::project::Project;
use crate::theme::Theme;
use job::Job;
use moment::Moment;
use plan::Plan;
use view::Card;

pub(crate) use block::{Block, BlockRenderer};
pub(crate) use error::{BlockError, RenderError};
#[cfg(feature = "serve")]
pub(crate) use incremental::changes;
pub(crate) use incremental::{Reuse, Scope};
pub(crate) use ui::Ui;

/// An output: given the plan and the jobs of the outputs before it, its own jobs.
type Output = for<'p, 'a> fn(&'p Plan<'a>, &[Job<'p>]) -> Vec<Job<'p>>;

/// Every output of a build, in order. The sitemap lists the pages planned before it; static
/// files come last, so that one replaces any other file at its path.
const OUTPUTS: &[Output] = &[
    pages::jobs,
    feeds::jobs,
    api::jobs,
    badges::svg::jobs,
    badges::shields::jobs,
    housekeeping::jobs,
    sitemap::jobs,
    statics::jobs,
];

/// Renders the site and hands each file to `sink` as soon as it is ready, from several
/// threads at once; files are counted in `counter`.
pub fn render(project: &Project, sink: &dyn Sink, counter: &Counter) -> Result<(), RenderError> {
    render_scoped(project, sink, counter, &Scope::All, &Reuse::default())
}

/// [`render`], making only the files in `scope`; cards of incidents outside it come from
/// `reuse` (kept by `serve` between builds at one "now").
pub(crate) fn render_scoped(
    project: &Project,
    sink: &dyn Sink,
    counter: &Counter,
    scope: &Scope,
    reuse: &Reuse,
) -> Result<(), RenderError> {
    let (site, now, theme) = (&project.site, project.now, theme_of(project)?);
    prepare(site, now, theme, scope, reuse, |plan, jobs| {
        let todo: Vec<&Job> = jobs
            .iter()
            .filter(|job| plan.in_scope(&job.reach, scope))
            .collect();
        parallel::try_for_each_counted(&todo, counter, |job| {
            let file = OutputFile::new(&job.path, job.make()?);
            Ok::<_, RenderError>(sink.write(file)?)
        })?;
        reuse.keep(&plan.moment.visible, &plan.cards);
        Ok(())
    })?
}

/// Prepares a build, then hands `f` a function that makes the file at an output path: for
/// measuring one page, and for tools that need a few files, not the whole site.
pub fn with_files<R>(
    project: &Project,
    f: impl FnOnce(&dyn Fn(&str) -> Result<Vec<u8>, RenderError>) -> R,
) -> Result<R, RenderError> {
    let (site, now, theme) = (&project.site, project.now, theme_of(project)?);
    prepare(
        site,
        now,
        theme,
        &Scope::All,
        &Reuse::default(),
        |_, jobs| {
            f(&|path| match jobs.iter().find(|job| job.path == path) {
                Some(job) => Ok(job.make()?),
                None => Err(RenderError::NoFile(path.to_string())),
            })
        },
    )
}

/// Makes what the jobs share, plans them, and hands both to `f`.
fn prepare<R>(
    site: &Site,
    now: Instant,
    theme: &Theme,
    scope: &Scope,
    reuse: &Reuse,
    f: impl FnOnce(&Plan, &[Job]) -> R,
) -> Result<R, RenderError> {
    let (ui, moment) = parallel::join(|| Ui::new(theme), || Moment::new(site, now));
    let ui = ui?;
    let viewer = ui.viewer(site, now);
    let globals = viewer.globals(moment.overall);
    let templates =
        templates::Templates::new(theme, &[("site", &globals), ("t", ui.strings.map())])?;
    let cards: Vec<Card> =
        parallel::map(&moment.visible, |i| reuse.card(i, scope, || viewer.card(i)));
    let mut plan = Plan::new(moment, viewer, templates, theme, cards);
    let jobs = plan_jobs(&plan);
    if let Some((file, inside)) = job::folder_clash(&jobs) {
        return Err(RenderError::Clash(clash_message(theme, file, inside)));
    }
    let made = f(&plan, &jobs);
    drop(jobs);
    parallel::drop_all(std::mem::take(&mut plan.cards));
    Ok(made)
}

fn verify_depth(theme: &Theme) -> Verify {
    let builtin = |path: &String| {
        crate::theme::builtin_files()
            .iter()
            .any(|(file, _)| file.strip_prefix("static/") == Some(path.as_str()))
    };
    if theme.origins.values().any(|o| !o.starts_with("built-in")) {
        Verify::Render
    } else if theme.statics.keys().any(|path| !builtin(path)) {
        Verify::Plan
    } else {
        Verify::Compile
    }
}

fn theme_of(project: &Project) -> Result<&Theme, RenderError> {
    project.theme().map_err(RenderError::Theme)
}

/// Says which of two clashing paths is a static file, and what to do.
fn clash_message(theme: &Theme, file: &str, inside: &str) -> String {
    let named = |path: &str| {
        if theme.statics.contains_key(path) {
            format!("static/{path} (a static file)")
        } else {
            format!("{path} (a page the build writes)")
        }
    };
    format!(
        "{} needs a folder where the build writes {}\n  = hint: rename or move the static file; \
         a static file may replace a page at its own path, not turn it into a folder",
        named(inside),
        named(file)
    )
}

/// How far `check` goes to refuse what a build would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verify {
    /// The UI strings parse and the templates compile (the built-in theme renders).
    Compile,
    /// Also plan every file: the site's static files can clash with the pages.
    Plan,
    /// Also render every file: the site's own templates can fail on its data.
    Render,
}

/// What `check` asks of the theme so that it refuses what a build would. Only what the site
/// brings can fail beyond compiling: its own templates on its data, its own static files
/// where the build writes pages.
pub(crate) fn verify(project: &Project) -> Result<(), RenderError> {
    let theme = theme_of(project)?;
    match verify_depth(theme) {
        Verify::Compile => {
            Ui::new(theme)?;
            templates::Templates::new(theme, &[])?;
            Ok(())
        }
        Verify::Plan => with_files(project, |_| ()),
        Verify::Render => render(project, &crate::output::Discard, &Counter::default()),
    }
}

/// The jobs of every output, a later one replacing an earlier one at the same path.
fn plan_jobs<'p>(plan: &'p Plan<'_>) -> Vec<Job<'p>> {
    let mut jobs = Vec::new();
    for output in OUTPUTS {
        let more = output(plan, &jobs);
        jobs.extend(more);
    }
    job::last_of_each_path(&mut jobs);
    jobs
}
