//! File names of imported incidents: the source's own slug when it has one (a cState file
//! name), else the date and the title's words, unique across the site.

use std::collections::HashSet;

use super::DraftIncident;
use crate::model::SiteZone;

/// The source's slug when it has a usable one, else `YYYY-MM-DD-title-words`.
pub(crate) fn base_slug(incident: &DraftIncident, zone: SiteZone) -> String {
    if let Some(slug) = incident.slug.as_deref().map(crate::load::slugify)
        && slug != "incident"
    {
        return truncate(&slug, 80);
    }
    let words = crate::load::slugify(&incident.title);
    let words = if words == "incident" && !incident.title.to_ascii_lowercase().contains("incident")
    {
        incident.kind.as_str().to_string()
    } else {
        truncate(&words, 60)
    };
    format!(
        "{}-{words}",
        zone.date_of(incident.started).format("%Y-%m-%d")
    )
}

/// At most `max` bytes, cut at a hyphen when there is one.
fn truncate(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    cut.rfind('-').map_or(cut, |at| &cut[..at]).to_string()
}

/// `base`, else `base-2`, `base-3`...: slugs are unique across the site.
pub(crate) fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(slug.clone());
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_and_unique() {
        let mut taken: HashSet<String> = ["a".to_string(), "a-2".to_string()].into();
        assert_eq!(unique("a".into(), &mut taken), "a-3");
        assert_eq!(unique("b".into(), &mut taken), "b");
        assert_eq!(truncate("one-two-three", 9), "one-two");
        assert_eq!(truncate("abcdefghij", 4), "abcd");
    }
}
