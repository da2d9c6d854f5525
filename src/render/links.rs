//! Where pages live and how pages link to each other: output paths, relative roots, links.

use serde::Serialize;

/// A link as templates show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub title: String,
    pub url: String,
}

pub(super) fn incident_url(slug: &str) -> String {
    format!("incidents/{slug}/index.html")
}

pub(super) fn service_url(id: &str) -> String {
    format!("services/{id}/index.html")
}

/// `../../` for `incidents/x/index.html`: the way back to the root from a page.
pub(super) fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The path part of an absolute URL: `https://x.github.io/status/` → `/status/`.
pub(super) fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/')
        .map_or_else(|| "/".to_string(), |i| rest[i..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_lead_back() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("incidents/fire/index.html"), "../../");
        assert_eq!(root_of("history/page/2/index.html"), "../../../");
    }

    #[test]
    fn url_paths() {
        assert_eq!(url_path("https://user.github.io/status/"), "/status/");
        assert_eq!(url_path("https://status.example.com/"), "/");
    }
}
