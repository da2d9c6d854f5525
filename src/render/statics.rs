//! Static files, copied as they are: the theme's `static/` with the site's own `static/`
//! over it. Planned last, so that a static file replaces any other at its path.

use super::job::Job;
use super::plan::Plan;

pub(super) fn jobs<'p>(plan: &'p Plan<'_>, _: &[Job<'p>]) -> Vec<Job<'p>> {
    plan.theme
        .statics
        .iter()
        .map(|(path, bytes)| Job::bytes(path.clone(), bytes))
        .collect()
}
