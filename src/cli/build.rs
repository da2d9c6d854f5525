//! `statusgen build`: render the site into a folder.

use std::time::Instant as Clock;

use super::args::BuildArgs;
use super::{Failure, Outcome, open_site, resolve_now};
use crate::output;
use crate::render::{BuildOptions, render_site};

pub fn run(args: &BuildArgs, quiet: bool) -> Outcome {
    let started = Clock::now();
    let now = resolve_now(args.now.now.as_deref())?;
    let base_url = args
        .base_url
        .as_deref()
        .map(normalize_base_url)
        .transpose()
        .map_err(Failure::Usage)?;
    let root = &args.site.site;
    let (site, _) = open_site(root)?;
    output::check_target(&args.output, root).map_err(Failure::Failed)?;
    let files =
        render_site(&site, root, &BuildOptions { now, base_url }).map_err(Failure::Failed)?;
    let files = output::dedup(files);
    let written = output::write_site(&args.output, root, &files).map_err(Failure::Failed)?;
    if !quiet {
        println!(
            "Built {} incident{} into {}: {} files, {} KB in {} ms",
            site.incidents.len(),
            super::plural(site.incidents.len()),
            args.output.display(),
            written.files,
            written.bytes / 1024,
            started.elapsed().as_millis()
        );
    }
    Ok(())
}

fn normalize_base_url(url: &str) -> Result<String, String> {
    let ok =
        (url.starts_with("https://") || url.starts_with("http://")) && url.len() > "https://".len();
    if !ok {
        return Err(format!(
            "--base-url '{url}' is not an absolute URL: write e.g. https://user.github.io/status/"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}
