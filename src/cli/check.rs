//! `statusgen check`: validate and summarise.

use super::args::CheckArgs;
use super::{Outcome, open_site, plural, resolve_now, summary_of_problems};

/// With `quiet`, only the problems are printed.
pub fn run(args: &CheckArgs, quiet: bool) -> Outcome {
    resolve_now(args.now.now.as_deref())?;
    let (site, report) = open_site(&args.site.site)?;
    if quiet {
        return Ok(());
    }
    let services = site.services.len();
    let incidents = site.incidents.len();
    println!(
        "{services} service{}, {incidents} incident{}, {}",
        plural(services),
        plural(incidents),
        summary_of_problems(&report)
    );
    Ok(())
}
