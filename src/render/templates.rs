//! The template engine (tera 2), in one place: compiled once per build, shared by every job.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::error::TemplateError;
use crate::theme::Theme;

pub(super) struct Templates {
    tera: tera::Tera,
    /// The size of the last page of each template: the next one's buffer starts that large
    /// instead of growing (and copying itself) page by page.
    sizes: HashMap<String, AtomicUsize>,
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
        let sizes = theme
            .templates
            .keys()
            .map(|name| (name.clone(), AtomicUsize::new(0)))
            .collect();
        Ok(Templates { tera, sizes })
    }

    pub(super) fn render(
        &self,
        name: &str,
        data: &impl Serialize,
    ) -> Result<String, TemplateError> {
        let context = context(name, data)?;
        self.tera
            .render(name, &context)
            .map_err(|error| TemplateError::Render {
                name: name.to_string(),
                error,
            })
    }

    /// The page as bytes, written straight into its buffer: the engine's `render` would also
    /// check every page's UTF-8 again, made as it is of UTF-8 text.
    pub(super) fn render_bytes(
        &self,
        name: &str,
        data: &impl Serialize,
    ) -> Result<Vec<u8>, TemplateError> {
        let context = context(name, data)?;
        let last = self.sizes.get(name);
        // A little more than the last page: pages of one template differ by a few lines.
        let room = last.map_or(0, |n| n.load(Ordering::Relaxed));
        let mut page = Vec::with_capacity(room + room / 8);
        self.tera
            .render_to(name, &context, &mut page)
            .map_err(|error| TemplateError::Render {
                name: name.to_string(),
                error,
            })?;
        if let Some(last) = last {
            last.store(page.len(), Ordering::Relaxed);
        }
        Ok(page)
    }
}

fn context(name: &str, data: &impl Serialize) -> Result<tera::Context, TemplateError> {
    tera::Context::from_serialize(data).map_err(|error| TemplateError::Data {
        name: name.to_string(),
        error,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::chain;

    #[test]
    fn template_errors_name_the_template_above_teras_report_and_keep_it_as_their_cause() {
        let mut theme = crate::theme::builtin_for_tests("en");
        theme
            .templates
            .insert("x.html".into(), "{{ nope.deeper }}".into());
        let mine = "themes/mine/templates/x.html";
        theme.origins.insert("x.html".into(), mine.into());
        let templates = Templates::new(&theme, &[]).unwrap();
        let error = templates.render("x.html", &()).unwrap_err();
        assert!(matches!(error, TemplateError::Data { .. }), "{error:?}");
        assert!(chain(&error).starts_with("x.html: "), "{error}");
        let data = std::collections::BTreeMap::<String, u8>::new();
        let error = templates.render("x.html", &data).unwrap_err();
        assert!(matches!(error, TemplateError::Render { .. }), "{error:?}");
        assert!(std::error::Error::source(&error).is_some());
        let shown = chain(&error);
        assert!(shown.starts_with("in template x.html:\n"), "{shown}");
        assert_eq!(
            shown.matches("nope").count(),
            error.to_string().matches("nope").count()
        );

        theme.templates.insert("x.html".into(), "{% if %}".into());
        let error = Templates::new(&theme, &[]).err().unwrap();
        let shown = chain(&error);
        assert!(
            shown.starts_with("a template does not compile:\n"),
            "{shown}"
        );
        assert!(
            shown.ends_with(&format!("\n(the site's theme provides: {mine})")),
            "{shown}"
        );
    }
}
