//! `statusgen build`: render the site into a folder.

use super::args::BuildArgs;
use super::{Outcome, open_site, resolve_now};

pub fn run(args: &BuildArgs, _quiet: bool) -> Outcome {
    let _now = resolve_now(args.now.now.as_deref())?;
    let _ = open_site(&args.site.site)?;
    Err(super::Failure::Failed("build is not available yet".into()))
}
