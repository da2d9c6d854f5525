//! Blocks for other people's pages (the mdBook preprocessor): the current status, or one
//! incident with its recovery timeline. The same views as the site, rendered through the
//! theme's `templates/blocks/*.html` with no page around them.

use serde::Serialize;

use super::error::BlockError;
use super::recovery_view::TimelineView;
use super::templates::Templates;
use super::ui::Ui;
use super::view::{IncidentCard, ServiceView};
use crate::model::{Instant, Phase, Site};
use crate::project::Project;

/// What a block shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// The overall state and every service's state.
    Status,
    /// One incident by slug: summary facts, recovery sentence and timeline.
    Incident(String),
}

#[derive(Serialize)]
struct StatusBlock<'a> {
    root: Option<&'a str>,
    services: Vec<ServiceView>,
}

#[derive(Serialize)]
struct IncidentBlock<'a> {
    root: Option<&'a str>,
    incident: IncidentCard,
    timeline: TimelineView,
}

/// Renders blocks of one site at one "now"; the templates are compiled once.
pub(crate) struct BlockRenderer<'a> {
    site: &'a Site,
    now: Instant,
    /// Links in blocks are absolute, to the site's base URL; without one, blocks do not link.
    base_url: Option<&'a str>,
    ui: Ui,
    templates: Templates,
}

impl<'a> BlockRenderer<'a> {
    pub(crate) fn new(project: &'a Project) -> Result<BlockRenderer<'a>, BlockError> {
        let theme = project.theme().map_err(BlockError::Theme)?;
        let (site, now) = (&project.site, project.now);
        let ui = Ui::new(theme)?;
        let base_url = site.config.base_url.as_deref();
        let globals = ui.viewer(site, now).globals(site.overall_at(now));
        let templates = Templates::new(theme, &[("site", &globals), ("t", ui.strings.map())])?;
        Ok(BlockRenderer {
            site,
            now,
            base_url,
            ui,
            templates,
        })
    }

    /// The block as one run of HTML without blank lines or indented lines, so Markdown
    /// takes it as a single raw HTML block.
    pub(crate) fn render(&self, block: &Block) -> Result<String, BlockError> {
        let viewer = self.ui.viewer(self.site, self.now);
        let root = self.base_url;
        let html = match block {
            Block::Status => self.templates.render(
                "blocks/status.html",
                &StatusBlock {
                    root,
                    services: viewer.services(&self.site.statuses_at(self.now)),
                },
            )?,
            Block::Incident(slug) => {
                let incident = self.site.incident(slug).ok_or_else(|| {
                    let slugs: Vec<&str> = self
                        .site
                        .incidents
                        .iter()
                        .map(|i| i.slug.as_str())
                        .collect();
                    BlockError::UnknownIncident {
                        slug: slug.clone(),
                        suggestion: crate::diagnostics::suggestion(slug, &slugs),
                    }
                })?;
                if incident.phase(self.now) == Phase::Hidden {
                    return Err(BlockError::NotPublic {
                        slug: slug.clone(),
                        at: viewer.fmt.time(self.now).iso.to_string(),
                    });
                }
                let mut timeline = viewer.timeline(incident);
                timeline.svg = with_phone_layout(&timeline.svg);
                self.templates.render(
                    "blocks/incident.html",
                    &IncidentBlock {
                        root,
                        incident: viewer.card(incident),
                        timeline,
                    },
                )?
            }
        };
        Ok(compact(&html))
    }
}

/// The chart with the rule that picks its phone layout, which the site's stylesheet holds:
/// a block lands on a page without it. (Pages of the site forbid inline styles; other
/// people's pages, where blocks go, are theirs to police.)
fn with_phone_layout(svg: &str) -> String {
    const RULE: &str = "<style>@media (max-width: 40rem) { svg.timeline .tl-w { display: none } svg.timeline .tl-n { display: inline } }</style>";
    match svg.find('>') {
        Some(end) => format!("{}{RULE}{}", &svg[..=end], &svg[end + 1..]),
        None => svg.to_string(),
    }
}

/// Drops blank lines and indentation: a blank line ends a Markdown HTML block, and an
/// indented line after one would become a code block. `{{` is written as `{&#123;` so that
/// text from the site (a title) never reads as an mdBook `{{#include}}` further down the line.
fn compact(html: &str) -> String {
    html.lines()
        .map(str::trim_start)
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        .replace("{{", "{&#123;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_in_blocks_bring_their_phone_layout() {
        let svg = with_phone_layout(r#"<svg class="timeline"><title>x</title></svg>"#);
        assert!(
            svg.starts_with(r#"<svg class="timeline"><style>@media (max-width: 40rem)"#),
            "{svg}"
        );
        assert!(svg.ends_with("<title>x</title></svg>"));
    }

    #[test]
    fn compact_blocks_have_no_blank_or_indented_lines() {
        let html = "<div>\n\n    <p>a {{#include x}}</p>\n  \n</div>\n";
        assert_eq!(compact(html), "<div>\n<p>a {&#123;#include x}}</p>\n</div>");
    }
}
