//! Which service of the target site each imported service is: the one an earlier import
//! marked with its key, else the one of the same name, else a new one with an id made from
//! its name.

use std::collections::HashSet;

use super::slugs::unique;
use super::target::Target;
use super::{DraftService, Origin};
use crate::load::slugify;

#[derive(Debug, Default)]
pub(crate) struct ServiceIds {
    /// The id of each draft service.
    pub ids: Vec<String>,
    /// The key written beside each in `status.yaml`, when it has one.
    pub keys: Vec<Option<String>>,
    /// The draft services that are new to the site, in order.
    pub added: Vec<usize>,
}

pub(crate) fn assign_services(
    services: &[DraftService],
    target: &Target,
    origin: Origin,
) -> ServiceIds {
    let mut out = ServiceIds::default();
    let mut claimed: HashSet<&str> = HashSet::new();
    let mut taken: HashSet<String> = target.services.iter().map(|s| s.id.clone()).collect();
    for (n, service) in services.iter().enumerate() {
        let key = key_of(origin, service);
        let by_key = key
            .as_ref()
            .and_then(|k| target.service_keys.get(k))
            .and_then(|id| target.services.iter().find(|s| &s.id == id));
        let found = by_key
            .filter(|s| !claimed.contains(s.id.as_str()))
            .or_else(|| {
                let free = |s: &&crate::model::Service| !claimed.contains(s.id.as_str());
                let name = service.name.trim();
                let exact = target
                    .services
                    .iter()
                    .filter(free)
                    .find(|s| s.name == service.name);
                exact.or_else(|| {
                    target
                        .services
                        .iter()
                        .filter(free)
                        .find(|s| s.name.trim().to_lowercase() == name.to_lowercase())
                })
            });
        let id = match found {
            Some(existing) => {
                claimed.insert(existing.id.as_str());
                existing.id.clone()
            }
            None => {
                out.added.push(n);
                unique(id_from(service), &mut taken)
            }
        };
        out.ids.push(id);
        out.keys.push(key);
    }
    out
}

/// `statuspage component ID` for Statuspage components, whose names can change; cState
/// systems are known by their names.
fn key_of(origin: Origin, service: &DraftService) -> Option<String> {
    let token = !service.key.is_empty()
        && service
            .key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (origin == Origin::Statuspage && token).then(|| format!("statuspage component {}", service.key))
}

/// An id from the name (`Public API` → `public-api`); names without Latin letters or digits
/// take the source's key instead, as ids appear in URLs.
fn id_from(service: &DraftService) -> String {
    let from_name = slugify(&service.name);
    if from_name != "incident" || service.name.to_ascii_lowercase().contains("incident") {
        return truncate_id(from_name);
    }
    let from_key = slugify(&service.key);
    if from_key != "incident" {
        return truncate_id(from_key);
    }
    "service".into()
}

fn truncate_id(id: String) -> String {
    if id.len() <= 40 {
        return id;
    }
    id[..40].trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Service;

    fn draft(key: &str, name: &str) -> DraftService {
        DraftService {
            key: key.into(),
            name: name.into(),
            description: None,
            group: None,
            since: None,
        }
    }

    #[test]
    fn matched_by_key_then_name_then_made_anew() {
        let target = Target {
            services: vec![
                Service {
                    name: "Public API".into(),
                    ..Service::inferred("api")
                },
                Service::inferred("web"),
            ],
            service_keys: [("statuspage component c1".to_string(), "api".to_string())].into(),
            ..Target::default()
        };
        let services = [
            draft("c1", "API (renamed)"),
            draft("c2", "WEB"),
            draft("c3", "Web"),
            draft("c4", "카카오톡"),
            draft("c5", "Public API"),
        ];
        let ids = assign_services(&services, &target, Origin::Statuspage);
        assert_eq!(ids.ids, ["api", "web", "web-2", "c4", "public-api"]);
        assert_eq!(ids.added, [2, 3, 4]);
        assert_eq!(ids.keys[0].as_deref(), Some("statuspage component c1"));
        let cstate = assign_services(&services[..1], &target, Origin::Cstate);
        assert_eq!(cstate.keys, [None]);
    }
}
