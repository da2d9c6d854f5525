//! `statusgen serve`: a local preview that rebuilds and reloads on every change.
//!
//! Without the `serve` cargo feature the command still parses, so scripts and `--help` stay
//! the same, and fails as a usage error (exit 2) saying why.

use super::args::ServeArgs;
use super::terminal::Terminal;
use super::{Failure, Outcome};

#[cfg(feature = "serve")]
pub(super) fn run(args: &ServeArgs, term: &Terminal) -> Outcome {
    let root = &args.site.root;
    crate::project::check_root(root)?;
    // A fixed --now stays for every rebuild; else each rebuild asks the clock, so check
    // SOURCE_DATE_EPOCH once here, where a bad value is a usage error.
    let now = super::resolve_now(args.site.now.as_deref())?;
    let now = args.site.now.is_some().then_some(now);
    let phase = |verb: &str, what: &str, since: std::time::Instant| term.phase(verb, what, since);
    let options = crate::serve::Options {
        root: root.clone(),
        port: args.port,
        now,
        phase: &phase,
    };
    crate::serve::run(&options).map_err(|e| Failure::Failed(crate::error::chain(&e)))
}

#[cfg(not(feature = "serve"))]
pub(super) fn run(_args: &ServeArgs, _term: &Terminal) -> Outcome {
    Err(Failure::Usage(
        "statusgen was built without the serve feature; rebuild it with the default features \
         (cargo install statusgen) to preview a site, or use `statusgen build`"
            .into(),
    ))
}

#[cfg(all(test, not(feature = "serve")))]
mod tests {
    use super::*;

    #[test]
    fn without_the_feature_it_is_a_usage_error() {
        let args = ServeArgs {
            site: super::super::args::SiteArgs {
                root: ".".into(),
                now: None,
            },
            port: 1111,
        };
        match run(&args, &Terminal::new(true, false)) {
            Err(Failure::Usage(message)) => {
                assert!(
                    message.contains("built without the serve feature"),
                    "{message}"
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
