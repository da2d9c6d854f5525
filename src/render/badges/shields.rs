//! shields.io endpoint JSON, `badges/ID.json` per service, so a README can show a shields
//! badge of any style: `https://img.shields.io/endpoint?url=.../badges/ID.json`.

use serde::Serialize;

use super::{look, message};
use crate::json;
use crate::render::job::Job;
use crate::render::moment::Moment;
use crate::render::plan::Plan;
use crate::render::view::Viewer;

/// A shields.io endpoint response: exactly the keys shields accepts.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Endpoint<'a> {
    schema_version: u8,
    label: &'a str,
    message: &'a str,
    color: &'a str,
    /// Shields' minimum; the badge follows a rebuild within five minutes.
    cache_seconds: u32,
}

pub(crate) fn jobs<'p>(plan: &'p Plan<'_>, _: &[Job<'p>]) -> Vec<Job<'p>> {
    endpoints(&plan.moment, &plan.viewer)
}

fn endpoints<'m>(moment: &'m Moment<'_>, viewer: &'m Viewer<'_>) -> Vec<Job<'m>> {
    moment
        .statuses
        .iter()
        .map(|status| {
            let path = format!("badges/{}.json", status.service.id);
            Job::new(path, move |_| {
                let endpoint = Endpoint {
                    schema_version: 1,
                    label: &status.service.name,
                    message: message(viewer, status.state),
                    color: look(status.state).shields,
                    cache_seconds: 300,
                };
                Ok(json::to_pretty(&endpoint).into_bytes())
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture::{site, t, ui};
    use crate::render::job::files;

    fn build(language: &str) -> Vec<crate::output::OutputFile> {
        let (site, now) = (site(), t("2024-03-01T01:00:00Z"));
        let ui = ui(language);
        files(&endpoints(&Moment::new(&site, now), &ui.viewer(&site, now)))
    }

    #[test]
    fn one_endpoint_per_service_with_exactly_the_keys_shields_reads() {
        let site = site();
        let files = build("en");
        assert_eq!(files.len(), site.services.len());
        assert_eq!(files[0].path, "badges/api.json");
        let api = json::parse(&String::from_utf8(files[0].bytes.clone()).unwrap()).unwrap();
        let keys: Vec<&str> = api
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["schemaVersion", "label", "message", "color", "cacheSeconds"]
        );
        assert_eq!(api["schemaVersion"], 1);
        assert_eq!(api["label"], "The api");
        assert_eq!(api["message"], "major outage");
        assert_eq!(api["color"], "red");
    }

    #[test]
    fn messages_speak_the_site_language() {
        let files = build("ru");
        let api = json::parse(&String::from_utf8(files[0].bytes.clone()).unwrap()).unwrap();
        assert_eq!(api["message"], "серьёзный сбой");
        assert_eq!(api["color"], "red");
    }
}
