//! `statusgen check`: validate and summarise. The checks do not depend on "now"; with `-v`
//! the summary also says what the site shows at "now", to see before publishing what a build
//! at that moment would make public.

use super::args::CheckArgs;
use super::terminal::Terminal;
use super::{Failure, Outcome, open_site, plural, summary_of_problems};
use crate::model::Phase;
use crate::model::time::format_rfc3339;
use crate::project::Project;

/// With `-q`, only the problems are printed.
pub(super) fn run(args: &CheckArgs, term: &Terminal) -> Outcome {
    let mut options = args.site.options()?;
    options.read_theme = true;
    let (project, report) = open_site(&args.site.root, options)?;
    crate::render::verify(&project).map_err(|e| Failure::Failed(crate::error::chain(&e)))?;
    let site = &project.site;
    let services = site.services.len();
    let incidents = site.incidents.len();
    term.summary(&format!(
        "{services} service{}, {incidents} incident{}, {}",
        plural(services),
        plural(incidents),
        summary_of_problems(&report)
    ));
    term.detail(&shown_at_now(&project));
    Ok(())
}

/// `at 2022-10-17T10:30:00+09:00 (Asia/Seoul): Minor Service Outage (minor); 1 ongoing, 0
/// upcoming, 2 resolved, 1 not public yet`: the page-wide status as `status` and the banner
/// say it.
fn shown_at_now(project: &Project) -> String {
    let (site, now) = (&project.site, project.now);
    let overall = site.overall_at(now);
    let count = |phase| {
        site.incidents
            .iter()
            .filter(|i| i.phase(now) == phase)
            .count()
    };
    format!(
        "at {} ({}): {} ({}); {} ongoing, {} upcoming, {} resolved, {} not public yet",
        format_rfc3339(site.config.zone.local(now)),
        site.config.zone.name(),
        overall.description(),
        overall.indicator(),
        count(Phase::Ongoing),
        count(Phase::Upcoming),
        count(Phase::Resolved),
        count(Phase::Hidden),
    )
}
