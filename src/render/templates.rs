//! The template engine (tera 2), in one place: compiled once per build, shared by every job.

use serde::Serialize;

use super::error::TemplateError;
use crate::theme::Theme;

pub(super) struct Templates {
    tera: tera::Tera,
}

impl Templates {
    /// Compiles every template of the theme; `globals` are visible to all of them.
    pub(super) fn new(
        theme: &Theme,
        globals: &[(&'static str, &dyn erased::Value)],
    ) -> Result<Templates, TemplateError> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(|report| TemplateError::Compile {
            report,
            provided: provided(theme),
        })?;
        for (name, value) in globals {
            value.insert_into(tera.global_context(), name);
        }
        Ok(Templates { tera })
    }

    pub(super) fn render(
        &self,
        name: &str,
        data: &impl Serialize,
    ) -> Result<String, TemplateError> {
        let context = tera::Context::from_serialize(data).map_err(|error| TemplateError::Data {
            name: name.to_string(),
            error,
        })?;
        self.tera
            .render(name, &context)
            .map_err(|error| TemplateError::Render {
                name: name.to_string(),
                error,
            })
    }
}

/// Which templates the site's theme brings, as the line under a compile error says it.
fn provided(theme: &Theme) -> String {
    let origins: Vec<&str> = theme
        .origins
        .values()
        .map(String::as_str)
        .filter(|o| !o.starts_with("built-in"))
        .collect();
    if origins.is_empty() {
        return String::new();
    }
    format!("\n(the site's theme provides: {})", origins.join(", "))
}

/// Lets [`Templates::new`] take values of different types without exposing tera's context.
pub(super) mod erased {
    use serde::Serialize;

    pub(crate) trait Value {
        fn insert_into(&self, context: &mut tera::Context, name: &'static str);
    }

    impl<T: Serialize> Value for T {
        fn insert_into(&self, context: &mut tera::Context, name: &'static str) {
            context.insert(name, self);
        }
    }
}
