//! The template engine (tera 2), in one place: compiled once per build, shared by every job.

use serde::Serialize;

use crate::theme::Theme;

pub(super) struct Templates {
    tera: tera::Tera,
}

impl Templates {
    /// Compiles every template of the theme; `globals` are visible to all of them.
    pub(super) fn new(
        theme: &Theme,
        globals: &[(&'static str, &dyn erased::Value)],
    ) -> Result<Templates, String> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(|e| template_error(theme, &e))?;
        for (name, value) in globals {
            value.insert_into(tera.global_context(), name);
        }
        Ok(Templates { tera })
    }

    pub(super) fn render(&self, name: &str, data: &impl Serialize) -> Result<String, String> {
        let context = tera::Context::from_serialize(data).map_err(|e| format!("{name}: {e}"))?;
        self.tera
            .render(name, &context)
            .map_err(|e| format!("in template {name}:\n{e}"))
    }
}

/// Data converted into the templates' values once, then shared by every page that shows it
/// (a card is on its incident's page, its month of the history and its services' pages):
/// the engine clones such a value instead of converting it again.
#[derive(Debug, Clone)]
pub(super) struct Prepared(tera::Value);

impl Prepared {
    /// None when the data does not convert: it is then converted (and fails) where used.
    pub(super) fn of(data: &impl Serialize) -> Option<Prepared> {
        tera::Value::try_from_serializable(data).ok().map(Prepared)
    }
}

impl Serialize for Prepared {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

fn template_error(theme: &Theme, error: &tera::Error) -> String {
    let origins: Vec<&str> = theme
        .origins
        .values()
        .map(String::as_str)
        .filter(|o| !o.starts_with("built-in"))
        .collect();
    let mut text = format!("a template does not compile:\n{error}");
    if !origins.is_empty() {
        text.push_str(&format!(
            "\n(the site's theme provides: {})",
            origins.join(", ")
        ));
    }
    text
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
