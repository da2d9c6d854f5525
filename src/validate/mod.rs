//! Semantic checks: from what the files say to the model, collecting every problem with its
//! place, so one run shows them all.

mod config;
mod incident;

pub(crate) use config::absolute_url;

use std::collections::HashSet;

use crate::diagnostics::Report;
use crate::load::Loaded;
use crate::model::{Service, Site};
use crate::parallel;

/// Checks a loaded site and builds its model. The site is built even when there are errors,
/// as far as it goes; callers look at the report before using it.
pub(crate) fn validate(loaded: Loaded, languages: &[String]) -> (Site, Report) {
    let Loaded {
        source,
        config,
        incidents,
        mut report,
    } = loaded;
    let (config, catalog) = config::validate_config(config.as_ref(), languages, &mut report);
    let known: Option<HashSet<&str>> = catalog
        .as_ref()
        .map(|services| services.iter().map(|s| s.id.as_str()).collect());
    let checked = parallel::map(&incidents, |file| {
        let checked = incident::validate_incident(file, known.as_ref(), config.zone);
        if checked.1.is_empty() || file.located {
            return checked;
        }
        // Parsed without positions: parse it again with them, for the messages.
        match source.locate(file) {
            Some(Ok(file)) => incident::validate_incident(&file, known.as_ref(), config.zone),
            Some(Err(diagnostic)) => (None, vec![diagnostic]),
            None => checked,
        }
    });
    parallel::drop_all(incidents);
    let mut models = Vec::with_capacity(checked.len());
    for (model, diagnostics) in checked {
        report.extend(diagnostics);
        models.extend(model);
    }
    let services = catalog.unwrap_or_else(|| infer_services(&models));
    parallel::sort_by(&mut models, |a, b| {
        (a.started, &a.slug).cmp(&(b.started, &b.slug))
    });
    report.sort();
    (
        Site {
            config,
            services,
            incidents: models,
        },
        report,
    )
}

/// Without a catalog, the services are those the incidents name, in order of first
/// appearance: incidents by start time, services in the order each file lists them.
fn infer_services(incidents: &[crate::model::Incident]) -> Vec<Service> {
    let mut in_time: Vec<&crate::model::Incident> = incidents.iter().collect();
    in_time.sort_by(|a, b| (a.started, &a.file).cmp(&(b.started, &b.file)));
    let mut seen = HashSet::new();
    in_time
        .iter()
        .flat_map(|i| &i.lanes)
        .filter(|lane| seen.insert(lane.service.clone()))
        .map(|lane| Service::inferred(&lane.service))
        .collect()
}
