//! `statusgen init`: a new site that builds at once (settings with every option shown, an
//! example incident, `.gitignore`), optionally with a GitHub Pages workflow and the built-in
//! theme copied out for editing.

use std::path::Path;

use super::args::InitArgs;
use super::new::write_new;
use super::scaffold;
use super::{Failure, Outcome, resolve_now};
use crate::load::CONFIG_FILES;

const WORKFLOW_PATH: &str = ".github/workflows/status.yml";
const UPDATE_WORKFLOW_PATH: &str = ".github/workflows/status-update.yml";
const THEME_DIR: &str = "themes/default";

pub(super) fn run(args: &InitArgs, quiet: bool) -> Outcome {
    let dir = &args.dir;
    // `--theme` alone on an existing site only copies the theme out.
    if args.theme && !args.github_pages && is_site(dir) {
        let count = copy_theme(dir)?;
        if !quiet {
            println!(
                "copied the built-in theme to {} ({count} files): edit any of them, delete the rest",
                dir.join(THEME_DIR).display()
            );
        }
        return Ok(());
    }
    refuse_non_empty(dir)?;
    // The example incident is dated from "now" (SOURCE_DATE_EPOCH, else the clock) so the
    // new site shows it in its uptime bars.
    let now = resolve_now(None)?;
    let example = format!("incidents/{}.yaml", scaffold::EXAMPLE_SLUG);
    let mut files = vec![
        ("status.yaml".to_string(), scaffold::STATUS_YAML.to_string()),
        (example, scaffold::example_incident(now)),
        (".gitignore".to_string(), scaffold::GITIGNORE.to_string()),
    ];
    if args.github_pages {
        files.push((WORKFLOW_PATH.to_string(), scaffold::workflow()));
        files.push((
            UPDATE_WORKFLOW_PATH.to_string(),
            scaffold::update_workflow(),
        ));
    }
    for (path, text) in &files {
        write_new(&dir.join(path), text.as_bytes())?;
    }
    let themed = if args.theme {
        Some(copy_theme(dir)?)
    } else {
        None
    };
    if !quiet {
        println!("created a site in {}:", dir.display());
        for (path, _) in &files {
            println!("  {path}");
        }
        if let Some(count) = themed {
            println!("  {THEME_DIR}/ ({count} files of the built-in theme)");
        }
        println!(
            "next: edit status.yaml, then `statusgen check` and `statusgen build` in that folder"
        );
        if args.github_pages {
            println!(
                "then push it to GitHub and set Settings > Pages > Source to \"GitHub Actions\";\npost updates with `statusgen update` or the form in Actions > Status update > Run workflow"
            );
            warn_if_nested(dir);
        }
    }
    Ok(())
}

fn is_site(dir: &Path) -> bool {
    CONFIG_FILES.iter().any(|f| dir.join(f).is_file()) || dir.join("incidents").is_dir()
}

/// A new site goes into a new or empty folder. `.git` does not count, so `git init` may
/// come first.
fn refuse_non_empty(dir: &Path) -> Outcome {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(Failure::Failed(format!(
            "{} exists and is not a folder",
            dir.display()
        )));
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::Failed(format!("cannot read {}: {e}", dir.display())))?;
    let occupied = entries.flatten().any(|entry| entry.file_name() != ".git");
    if occupied {
        let hint = if is_site(dir) {
            " (it is a site already: `statusgen init --theme` alone copies the theme into it)"
        } else {
            ""
        };
        return Err(Failure::Failed(format!(
            "{} is not empty: init writes a new site into a new or empty folder{hint}",
            dir.display()
        )));
    }
    Ok(())
}

/// Writes every file of the built-in theme under `DIR/themes/default/`; returns how many.
fn copy_theme(dir: &Path) -> Result<usize, Failure> {
    let target = dir.join(THEME_DIR);
    if target.exists() {
        return Err(Failure::Failed(format!(
            "{} already exists: not overwriting it (move it away to get a fresh copy)",
            target.display()
        )));
    }
    let files = crate::theme::builtin_files();
    for (path, bytes) in files {
        write_new(&target.join(path), bytes)?;
    }
    Ok(files.len())
}

/// GitHub reads workflows only at the root of a repository.
fn warn_if_nested(dir: &Path) {
    let Ok(dir) = dir.canonicalize() else {
        return;
    };
    if let Some(repo) = dir.ancestors().skip(1).find(|a| a.join(".git").exists()) {
        eprintln!(
            "note: {} is inside the git repository {}: GitHub reads workflows only from the repository root, so move .github/workflows/ there and set SITE in both workflows to this folder",
            dir.display(),
            repo.display()
        );
    }
}
