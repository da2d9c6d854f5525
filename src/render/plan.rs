//! What the jobs of one build share, made once before any of them runs: the site at "now",
//! the views every page lists, the compiled templates.

use serde::Serialize;

use super::error::TemplateError;
use super::moment::Moment;
use super::templates::Templates;
use super::view::{Card, ServiceView, Viewer};
use crate::model::Phase;
use crate::theme::Theme;

pub(super) struct Plan<'a> {
    pub moment: Moment<'a>,
    pub viewer: Viewer<'a>,
    pub templates: Templates,
    pub theme: &'a Theme,
    /// One card per visible incident, in the order of `moment.visible`.
    pub cards: Vec<Card>,
    /// The phase of each visible incident at "now", same order.
    pub phases: Vec<Phase>,
    /// Every service as pages show it, in catalog order.
    pub services: Vec<ServiceView>,
    /// For each service (catalog order), indices into `moment.visible` of its incidents.
    pub by_service: Vec<Vec<usize>>,
}

impl<'a> Plan<'a> {
    pub(super) fn new(
        moment: Moment<'a>,
        viewer: Viewer<'a>,
        templates: Templates,
        theme: &'a Theme,
        cards: Vec<Card>,
    ) -> Plan<'a> {
        let services = viewer.services(&moment.statuses);
        let mut by_service = vec![Vec::new(); services.len()];
        let position: std::collections::HashMap<&str, usize> = services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        for (i, incident) in moment.visible.iter().enumerate() {
            for lane in &incident.lanes {
                if let Some(&s) = position.get(lane.service.as_str()) {
                    by_service[s].push(i);
                }
            }
        }
        let phases = moment.visible.iter().map(|i| i.phase(moment.now)).collect();
        Plan {
            moment,
            viewer,
            templates,
            theme,
            cards,
            phases,
            services,
            by_service,
        }
    }

    /// The theme's `template` rendered with `data`.
    pub(super) fn page(
        &self,
        template: &str,
        data: &impl Serialize,
    ) -> Result<Vec<u8>, TemplateError> {
        self.templates.render_bytes(template, data)
    }
}
