//! What GitHub Pages expects beside the pages: `.nojekyll` (serve the files as they are) and
//! `CNAME` (the custom domain of `cname:`).

use super::job::Job;
use super::plan::Plan;

pub(super) fn jobs<'p>(plan: &'p Plan<'_>, _: &[Job<'p>]) -> Vec<Job<'p>> {
    let mut jobs = vec![Job::bytes(".nojekyll", b"")];
    if let Some(cname) = &plan.moment.site.config.cname {
        jobs.push(Job::new("CNAME", move |_| {
            Ok(format!("{cname}\n").into_bytes())
        }));
    }
    jobs
}
