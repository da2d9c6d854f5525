//! `statusgen mdbook`: an mdBook preprocessor. `supports RENDERER` answers mdBook's question
//! by exit code; without arguments the book comes in on stdin and goes out on stdout, with
//! `{{#statusgen ...}}` directives replaced by status and incident blocks.

use std::io::Read as _;

use super::args::{MdbookAction, MdbookArgs};
use super::{Failure, Outcome, open_site, plural};
use crate::mdbook::{self, Request};
use crate::project::{BaseUrl, Options, Origin, Setting};
use crate::render::BlockRenderer;

pub(super) fn run(args: &MdbookArgs) -> Outcome {
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
    let mut request =
        mdbook::parse_request(&input).map_err(|e| Failure::Failed(crate::error::chain(&e)))?;
    let options = options(&request.options)?;
    let root = request.root.join(&request.options.site);
    if !root.is_dir() {
        return Err(Failure::Failed(format!(
            "site = \"{}\" in [preprocessor.statusgen] of book.toml: {} is not a folder",
            request.options.site.display(),
            root.display()
        )));
    }
    let (project, _) = open_site(&root, options)?;
    let renderer =
        BlockRenderer::new(&project).map_err(|e| Failure::Failed(crate::error::chain(&e)))?;
    expand(&mut request, &mut |block| renderer.render(block))?;
    print!("{}", mdbook::book_json(&request.book));
    Ok(())
}

/// Expands the book in place; prints every problem and fails when there is any.
fn expand(
    request: &mut Request,
    render: &mut dyn FnMut(&crate::render::Block) -> Result<String, crate::render::BlockError>,
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

/// How to open the site for the book: `now` and `base-url` of book.toml, which are the
/// book's configuration, so a bad one fails the book's build (exit 1) rather than a usage.
fn options(book: &mdbook::Options) -> Result<Options<'static>, Failure> {
    let setting = |name, text: &String| Setting::new(name, text, Origin::BookToml);
    let now = book.now.as_ref().map(|text| setting("now", text));
    let now = crate::clock::now(now.as_ref()).map_err(|e| Failure::Failed(e.to_string()))?;
    let base_url = match &book.base_url {
        Some(text) => Some(
            BaseUrl::parse(&setting("base-url", text))
                .map_err(|e| Failure::Failed(e.to_string()))?,
        ),
        None => None,
    };
    Ok(Options {
        base_url,
        read_theme: true,
        ..Options::at(now)
    })
}
