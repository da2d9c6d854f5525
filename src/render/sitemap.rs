//! `sitemap.xml`: every page planned as listed, by absolute URL. A sitemap lists absolute
//! URLs only: without a base URL there is none to write.

use super::job::Job;
use super::plan::Plan;
use crate::escape::push_xml;

pub(super) fn jobs<'p>(plan: &'p Plan<'_>, earlier: &[Job<'p>]) -> Vec<Job<'p>> {
    let Some(base_url) = plan.moment.base_url else {
        return Vec::new();
    };
    let listed: Vec<String> = earlier
        .iter()
        .filter(|job| job.listed)
        .map(|job| job.path.clone())
        .collect();
    // Written when the job runs, beside the pages, not while the build is being planned.
    vec![Job::new("sitemap.xml", move |_| {
        Ok(sitemap(base_url, listed.iter()).into_bytes())
    })]
}

fn sitemap<'a>(base_url: &str, paths: impl Iterator<Item = &'a String>) -> String {
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        sitemap.push_str("  <url><loc>");
        push_xml(&mut sitemap, base_url);
        push_xml(&mut sitemap, path.trim_end_matches("index.html"));
        sitemap.push_str("</loc></url>\n");
    }
    sitemap.push_str("</urlset>\n");
    sitemap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_absolute_folders_and_escaped() {
        let paths = [
            "index.html".to_string(),
            "incidents/a&b/index.html".to_string(),
        ];
        let xml = sitemap("https://x.io/s/", paths.iter());
        assert!(xml.contains("<url><loc>https://x.io/s/</loc></url>"));
        assert!(xml.contains("<loc>https://x.io/s/incidents/a&amp;b/</loc>"));
    }
}
