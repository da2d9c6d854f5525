//! Components as services: in the page's order (by `position`, each group followed by its
//! members), group components as `group:` names, and components that incidents mention but
//! the page no longer lists added at the end.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::shapes::Component;
use crate::import::{DraftService, Notes};

#[derive(Debug, Default)]
pub(super) struct Catalog {
    pub services: Vec<DraftService>,
    /// Component id → index in `services`.
    index: HashMap<String, usize>,
    /// Group component ids: never services.
    groups: HashSet<String>,
    /// Whether the page's component list was given: only then is a missing one "deleted".
    listed: bool,
    /// (component id, old name) pairs already reported as renamed.
    renamed: HashSet<(String, String)>,
}

impl Catalog {
    pub(super) fn new(components: &[Component], listed: bool) -> Catalog {
        let mut catalog = Catalog {
            listed,
            ..Catalog::default()
        };
        let by_id: HashMap<&str, &Component> = components
            .iter()
            .filter_map(|c| Some((c.id.as_deref()?, c)))
            .collect();
        let group_name = |id: &str| {
            by_id
                .get(id)
                .filter(|g| g.group)
                .map(|g| g.name.clone().unwrap_or_default())
        };
        // Top level: groups and components outside any (known) group.
        let mut tops: Vec<&Component> = components
            .iter()
            .filter(|c| c.group || c.group_id.as_deref().and_then(group_name).is_none())
            .collect();
        tops.sort_by_key(|c| c.position.unwrap_or(i64::MAX));
        for top in tops {
            let Some(id) = top.id.as_deref() else {
                continue;
            };
            if !top.group {
                catalog.add(top, None);
                continue;
            }
            catalog.groups.insert(id.to_string());
            let mut members: Vec<&Component> = components
                .iter()
                .filter(|c| !c.group && c.group_id.as_deref() == Some(id))
                .collect();
            members.sort_by_key(|c| c.position.unwrap_or(i64::MAX));
            for member in members {
                catalog.add(member, top.name.clone());
            }
        }
        catalog
    }

    fn add(&mut self, component: &Component, group: Option<String>) -> Option<usize> {
        let id = component.id.as_deref()?;
        if let Some(&n) = self.index.get(id) {
            return Some(n);
        }
        let name = component
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(id);
        self.services.push(DraftService {
            key: id.to_string(),
            name: name.to_string(),
            description: component
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string),
            group: group.filter(|g| !g.trim().is_empty()),
            since: component
                .start_date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        });
        self.index.insert(id.to_string(), self.services.len() - 1);
        Some(self.services.len() - 1)
    }

    /// The service of a component an incident names, by id; `name` is what the incident
    /// called it. A component the page no longer lists becomes a service of its own.
    pub(super) fn service(
        &mut self,
        component: &Component,
        subject: &str,
        notes: &mut Notes,
    ) -> Option<usize> {
        let id = component.id.as_deref()?;
        if self.groups.contains(id) || component.group {
            notes.warn(
                subject,
                format!("names the group component '{}' as affected: its members are what statusgen tracks, so it was left out", component.name.as_deref().unwrap_or(id)),
            );
            return None;
        }
        if let Some(&n) = self.index.get(id) {
            self.report_rename(n, component.name.as_deref(), subject, notes);
            return Some(n);
        }
        let n = self.add(component, None)?;
        if self.listed {
            notes.warn(
                subject,
                format!(
                    "names the component '{}' ({id}), which the page no longer lists: imported as a service of that name",
                    self.services[n].name
                ),
            );
        }
        Some(n)
    }

    fn report_rename(&mut self, n: usize, old: Option<&str>, subject: &str, notes: &mut Notes) {
        let current = &self.services[n];
        let Some(old) = old
            .map(str::trim)
            .filter(|o| !o.is_empty() && *o != current.name)
        else {
            return;
        };
        if self.renamed.insert((current.key.clone(), old.to_string())) {
            notes.warn(
                subject,
                format!(
                    "calls the component {} '{old}'; it is '{}' now, and imported under that name",
                    current.key, current.name
                ),
            );
        }
    }
}

/// An affected component (`code`, `name`) in the shape of a component.
pub(super) fn affected(code: &str, name: Option<&str>) -> Component {
    Component {
        id: Some(code.to_string()),
        name: name.map(str::to_string),
        ..Component::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(
        id: &str,
        name: &str,
        position: i64,
        group_id: Option<&str>,
        group: bool,
    ) -> Component {
        Component {
            id: Some(id.into()),
            name: Some(name.into()),
            position: Some(position),
            group_id: group_id.map(str::to_string),
            group,
            ..Component::default()
        }
    }

    #[test]
    fn page_order_with_groups_followed_by_their_members() {
        let components = [
            component("m2", "Member two", 2, Some("g"), false),
            component("solo", "Solo", 2, None, false),
            component("g", "Group", 1, None, true),
            component("m1", "Member one", 1, Some("g"), false),
            component("lost", "Lost group member", 3, Some("gone"), false),
        ];
        let catalog = Catalog::new(&components, true);
        let names: Vec<(&str, Option<&str>)> = catalog
            .services
            .iter()
            .map(|s| (s.name.as_str(), s.group.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("Member one", Some("Group")),
                ("Member two", Some("Group")),
                ("Solo", None),
                ("Lost group member", None)
            ]
        );
    }

    #[test]
    fn deleted_renamed_and_group_components_are_reported() {
        let components = [
            component("g", "Group", 1, None, true),
            component("a", "API", 2, None, false),
        ];
        let mut catalog = Catalog::new(&components, true);
        let mut notes = Notes::default();
        assert_eq!(
            catalog.service(&affected("a", Some("Old API")), "incident x", &mut notes),
            Some(0)
        );
        assert_eq!(
            catalog.service(&affected("a", Some("Old API")), "incident y", &mut notes),
            Some(0)
        );
        assert_eq!(
            catalog.service(&affected("d", Some("Legacy")), "incident x", &mut notes),
            Some(1)
        );
        assert_eq!(
            catalog.service(&affected("g", Some("Group")), "incident x", &mut notes),
            None
        );
        assert_eq!(catalog.services[1].name, "Legacy");
        let texts: Vec<&str> = notes.list.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].contains("'Old API'") && texts[0].contains("'API' now"));
        assert!(texts[1].contains("no longer lists"));
        assert!(texts[2].contains("group component"));
    }
}
