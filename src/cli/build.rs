//! `statusgen build`: load → validate → render → write, one line per phase.

use std::time::Instant as Clock;

use super::args::BuildArgs;
use super::terminal::Terminal;
use super::{Failure, Outcome, plural, print_report, resolve_now, summary_of_problems};
use crate::render::{BuildOptions, render_site_to};
use crate::{load, output, parallel, render, validate};

pub fn run(args: &BuildArgs, term: &Terminal) -> Outcome {
    let started = Clock::now();
    let now = resolve_now(args.now.now.as_deref())?;
    let base_url = args
        .base_url
        .as_deref()
        .map(normalize_base_url)
        .transpose()
        .map_err(Failure::Usage)?;
    let root = &args.site.site;
    if !root.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a folder",
            root.display()
        )));
    }
    output::check_target(&args.output, root).map_err(Failure::Failed)?;

    let phase = Clock::now();
    let loaded = load::load_site(root);
    let files = loaded.incidents.len();
    term.phase(
        "Loaded",
        &format!("{files} incident file{}", plural(files)),
        phase,
    );

    let phase = Clock::now();
    let (site, report) = validate::validate(loaded, &render::languages(root));
    print_report(&report, root)?;
    let (services, incidents) = (site.services.len(), site.incidents.len());
    term.phase(
        "Validated",
        &format!(
            "{services} service{}, {incidents} incident{}, {}",
            plural(services),
            plural(incidents),
            summary_of_problems(&report)
        ),
        phase,
    );
    term.detail(&format!(
        "now: {} ({})",
        crate::model::time::format_rfc3339(site.config.zone.local(now)),
        site.config.zone.name()
    ));

    let phase = Clock::now();
    let staging = output::Staging::create(&args.output, root).map_err(Failure::Failed)?;
    let progress = term.progress("Rendering");
    let options = BuildOptions { now, base_url };
    // Pages are written as they are rendered: each phase line gets its share of the time.
    let writing = parallel::WallShare::default();
    render_site_to(&site, root, &options, progress.counter(), &|file| {
        writing.time(|| staging.write(&file))
    })
    .map_err(Failure::Failed)?;
    let pages = progress
        .counter()
        .done
        .load(std::sync::atomic::Ordering::Relaxed);
    drop(progress);
    let rendering = phase.elapsed().saturating_sub(writing.total());
    term.phase_took("Rendered", &format!("{pages} pages"), rendering);
    term.detail(&format!(
        "theme: {}, language: {}",
        site.config.theme, site.config.language
    ));

    let phase = Clock::now();
    let written = staging.commit().map_err(Failure::Failed)?;
    term.phase_took(
        "Wrote",
        &format!(
            "{} files, {} KB to {}",
            written.files,
            written.bytes / 1024,
            args.output.display()
        ),
        writing.total() + phase.elapsed(),
    );
    term.phase(
        "Finished",
        &format!(
            "{} at {}",
            site.config.title,
            crate::model::time::format_rfc3339(site.config.zone.local(now))
        ),
        started,
    );
    Ok(())
}

fn normalize_base_url(url: &str) -> Result<String, String> {
    validate::absolute_url(url).ok_or_else(|| {
        format!(
            "--base-url '{url}' is not an absolute URL: write e.g. https://user.github.io/status/"
        )
    })
}
