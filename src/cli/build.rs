//! `statusgen build`: open (read and check) → render → write, one line per phase.

use std::time::Instant as Clock;

use super::args::BuildArgs;
use super::terminal::Terminal;
use super::{Failure, Outcome, plural, print_report, summary_of_problems};
use crate::model::time::format_rfc3339;
use crate::project::{self, BaseUrl, Origin, Project, Setting};
use crate::{output, render};

pub(super) fn run(args: &BuildArgs, term: &Terminal) -> Outcome {
    let started = Clock::now();
    let mut project = open(args, term)?;
    let site = &project.site;
    let now = format_rfc3339(site.config.zone.local(project.now));
    term.detail(&format!("now: {now} ({})", site.config.zone.name()));

    let phase = Clock::now();
    let waiting = || {
        term.summary(&format!(
            "waiting for another build of {}",
            args.output.display()
        ))
    };
    let staging = output::Staging::create(&args.output, &project.root, &waiting)?;
    let progress = term.progress("Rendering");
    // Files are written as they are rendered: each phase line gets its share of the time.
    let writing = output::Timed::new(&staging);
    render::render(&project, &writing, progress.counter())
        .map_err(|e| Failure::Failed(crate::error::chain(&e)))?;
    let files = progress
        .counter()
        .done
        .load(std::sync::atomic::Ordering::Relaxed);
    drop(progress);
    let wrote = writing.took();
    let rendering = phase.elapsed().saturating_sub(wrote);
    term.phase_took("Rendered", &format!("{files} files"), rendering);
    term.detail(&format!(
        "theme: {}, language: {}",
        site.config.theme, site.config.language
    ));

    let phase = Clock::now();
    let written = staging.commit()?;
    term.phase_took(
        "Wrote",
        &format!(
            "{} files, {} KB to {}",
            written.files,
            written.bytes / 1024,
            args.output.display()
        ),
        wrote + phase.elapsed(),
    );
    term.detail(&format!(
        "unchanged: {} files left as they were, {} files and folders removed",
        written.unchanged, written.removed
    ));
    term.phase(
        "Finished",
        &format!("{} at {now}", site.config.title),
        started,
    );
    // Otherwise freed one by one on this thread, after the clock stopped but before the
    // command returns.
    crate::parallel::drop_all(std::mem::take(&mut project.site.incidents));
    Ok(())
}

/// Reads and checks the site, printing a line for each of the two phases and its problems
/// between them; fails before reading anything when the output folder is not ours.
fn open(args: &BuildArgs, term: &Terminal) -> Result<Project, Failure> {
    let mut options = args.site.options()?;
    options.read_theme = true;
    if let Some(url) = &args.base_url {
        let given = Setting::new("base-url", url, Origin::CommandLine);
        options.base_url = Some(BaseUrl::parse(&given)?);
    }
    let root = &args.site.root;
    project::check_root(root)?;
    output::check_target(&args.output, root)?;

    let (project, report) = Project::open(root, options)?;
    let stats = project.stats;
    let files = stats.incident_files;
    term.phase_took(
        "Loaded",
        &format!("{files} incident file{}", plural(files)),
        stats.reading,
    );
    print_report(&report, root)?;
    let site = &project.site;
    let (services, incidents) = (site.services.len(), site.incidents.len());
    term.phase_took(
        "Validated",
        &format!(
            "{services} service{}, {incidents} incident{}, {}",
            plural(services),
            plural(incidents),
            summary_of_problems(&report)
        ),
        stats.validating,
    );
    Ok(project)
}

impl From<output::OutputError> for Failure {
    fn from(error: output::OutputError) -> Failure {
        Failure::Failed(error.to_string())
    }
}
