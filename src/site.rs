//! Opening a site folder: load, then validate. The front door of the pipeline.

use std::path::Path;

use crate::diagnostics::Report;
use crate::model::Site;
use crate::{load, validate};

/// A site and everything found wrong with it (warnings included).
pub struct Opened {
    pub site: Site,
    pub report: Report,
}

pub fn open(root: &Path) -> Opened {
    let loaded = load::load_site(root);
    let languages = load::languages(root);
    let (site, report) = validate::validate(loaded, &languages);
    Opened { site, report }
}
