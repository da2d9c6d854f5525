//! The documents of Statuspage's public API v2, as far as an import reads them. Every field
//! may be missing or null: real pages leave many out, and other keys are ignored.

use serde::Deserialize;

/// Any of `summary.json`, `components.json`, `incidents.json`, `scheduled-maintenances.json`
/// (and their `unresolved`, `upcoming`, `active` variants): they differ by which lists they
/// hold.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Document {
    pub page: Option<Page>,
    pub components: Option<Vec<Component>>,
    pub incidents: Option<Vec<Incident>>,
    pub scheduled_maintenances: Option<Vec<Incident>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Page {
    pub name: Option<String>,
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Component {
    pub id: Option<String>,
    pub name: Option<String>,
    pub position: Option<i64>,
    pub description: Option<String>,
    pub group_id: Option<String>,
    #[serde(default)]
    pub group: bool,
    pub start_date: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Incident {
    pub id: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub resolved_at: Option<String>,
    pub impact: Option<String>,
    pub started_at: Option<String>,
    pub incident_updates: Option<Vec<IncidentUpdate>>,
    pub components: Option<Vec<Component>>,
    pub postmortem_body: Option<String>,
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct IncidentUpdate {
    pub status: Option<String>,
    pub body: Option<String>,
    pub created_at: Option<String>,
    pub display_at: Option<String>,
    pub affected_components: Option<Vec<AffectedComponent>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct AffectedComponent {
    pub code: Option<String>,
    pub name: Option<String>,
    pub new_status: Option<String>,
}
