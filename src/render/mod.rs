//! Rendering: plan every output file as a job, render the jobs, hand them to the writer.

use std::path::Path;

/// Languages a site can choose: the built-in ones plus any `i18n/*.yaml` of its themes.
pub fn languages(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = crate::validate::BUILTIN_LANGUAGES.iter().map(|s| s.to_string()).collect();
    if let Ok(themes) = std::fs::read_dir(root.join("themes")) {
        for theme in themes.flatten() {
            if let Ok(files) = std::fs::read_dir(theme.path().join("i18n")) {
                for file in files.flatten() {
                    let path = file.path();
                    if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
                        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                            out.push(stem.to_string());
                        }
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
