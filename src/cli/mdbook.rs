//! `statusgen mdbook`: an mdBook preprocessor. `supports RENDERER` answers mdBook's question
//! by exit code; without arguments the book comes in on stdin and goes out on stdout, with
//! `{{#statusgen ...}}` directives replaced by status and incident blocks.

use std::io::Read as _;

use super::args::{MdbookAction, MdbookArgs};
use super::{Failure, Outcome, open_site, plural};
use crate::mdbook::{self, Request};
use crate::model::Instant;
use crate::model::time::{SiteZone, parse_timestamp};
use crate::render::BlockRenderer;

pub fn run(args: &MdbookArgs) -> Outcome {
    match &args.action {
        Some(MdbookAction::Supports { renderer }) if mdbook::supports(renderer) => Ok(()),
        Some(MdbookAction::Supports { .. }) => Err(Failure::No),
        None => preprocess(),
    }
}

fn preprocess() -> Outcome {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| Failure::Failed(format!("cannot read the book from stdin: {e}")))?;
    let mut request = mdbook::parse_request(&input).map_err(Failure::Failed)?;
    let now = now(request.options.now.as_deref())?;
    let root = request.root.join(&request.options.site);
    if !root.is_dir() {
        return Err(Failure::Failed(format!(
            "site = \"{}\" in [preprocessor.statusgen] of book.toml: {} is not a folder",
            request.options.site.display(),
            root.display()
        )));
    }
    let (site, _) = open_site(&root)?;
    let theme = crate::load::load_theme(&root, &site.config.theme, &site.config.language)
        .map_err(Failure::Failed)?;
    let renderer = BlockRenderer::new(&site, &theme, now, request.options.base_url.clone())
        .map_err(Failure::Failed)?;
    expand(&mut request, &mut |block| renderer.render(block))?;
    print!("{}", mdbook::book_json(&request.book));
    Ok(())
}

/// Expands the book in place; prints every problem and fails when there is any.
fn expand(
    request: &mut Request,
    render: &mut dyn FnMut(&crate::render::Block) -> Result<String, String>,
) -> Outcome {
    let problems = mdbook::expand_book(&mut request.book, &request.src, render);
    if problems.is_empty() {
        return Ok(());
    }
    for problem in &problems {
        eprintln!("{}", problem.rendered);
    }
    let book = request.root.display();
    eprintln!(
        "{} problem{} in the book at {book}",
        problems.len(),
        plural(problems.len())
    );
    Err(Failure::Invalid)
}

/// `now` of book.toml, else `SOURCE_DATE_EPOCH`, else the clock.
fn now(option: Option<&str>) -> Result<Instant, Failure> {
    match option {
        Some(text) => parse_timestamp(text, SiteZone::default()).map_err(|_| {
            Failure::Failed(format!(
                "now = \"{text}\" in [preprocessor.statusgen] of book.toml is not a time: use RFC 3339, e.g. 2022-10-17T10:30:00+09:00"
            ))
        }),
        None => crate::clock::now(None).map_err(Failure::Failed),
    }
}
