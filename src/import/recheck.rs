//! The site's check after an import, as `statusgen check` runs it, reusing the parse of the
//! files the import has just written and checked (the loader's cache takes them, by the
//! size and time of each file on disk).

use std::path::Path;

use super::Plan;
use crate::diagnostics::Report;
use crate::load;
use crate::model::Site;

pub(crate) fn check(root: &Path, plan: &Plan) -> (Site, Report) {
    let mut cache = load::Cache::default();
    for file in &plan.parsed {
        cache.remember(root, file.clone());
    }
    let loaded = load::load_site_cached(root, &mut cache);
    let languages = crate::render::languages(root);
    crate::validate::validate(loaded, &languages)
}
