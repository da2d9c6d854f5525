//! The event reader against serde-saphyr: whatever it reads, serde-saphyr reads the same;
//! what it leaves, serde-saphyr is asked.

use std::path::{Path, PathBuf};

use super::read_incident;
use crate::load::raw::{RawAt, RawIncident, RawServices};
use crate::load::yaml;

/// Every incident file of the repository's sites, as a build finds them: the Kakao site,
/// the examples, the fixtures.
fn corpus() -> Vec<(PathBuf, String)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let children = |dir: &Path| -> Vec<PathBuf> {
        let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
        entries.map(|entry| entry.path()).collect()
    };
    let mut sites = vec![repo.to_path_buf()];
    sites.extend(children(&repo.join("examples")));
    for kind in children(&fixtures()) {
        sites.extend(children(&kind));
    }
    sites.retain(|site| site.join("incidents").is_dir());
    sites.sort();
    let files = sites.iter().flat_map(|site| {
        let (files, _) = crate::load::incident_files(site);
        files.into_iter().map(|file| site.join(file))
    });
    files
        .filter_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)))
        .collect()
}

/// `read_incident` and serde-saphyr agree on `text`, and whether the reader took it.
fn agree(text: &str, what: &dyn std::fmt::Display) -> bool {
    let Some(read) = read_incident(text) else {
        return false;
    };
    let parsed = yaml::parse_unlocated::<RawIncident>(text);
    assert_eq!(Some(&read), parsed.as_ref(), "{what}:\n{text}");
    true
}

#[test]
fn the_repository_s_incidents_are_read_as_serde_reads_them() {
    let corpus = corpus();
    assert!(corpus.len() > 50, "{} files", corpus.len());
    let mut taken = 0;
    for (path, text) in &corpus {
        taken += usize::from(agree(text, &path.display()));
    }
    // The Kakao site and the examples are written the plainest way; fixtures of invalid
    // sites are not, on purpose.
    for (path, text) in corpus.iter().filter(|(p, _)| !p.starts_with(fixtures())) {
        assert!(read_incident(text).is_some(), "{} not read", path.display());
    }
    assert!(taken * 4 > corpus.len() * 3, "{taken} of {}", corpus.len());
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn a_plain_incident_is_read_whole() {
    let text = "title: \"Fire: \\\"KR\\\" region\"\nstarted: 2022-10-15T06:33:00Z\n\
                services:\n  talk:\n    - { at: 0, state: major_outage, note: 'Fire' }\n    \
                - at: 9.5\n      state: operational\nupdates:\n  - at: 1h30m\n    \
                status: identified\n    body: |\n      Line one.\n\n      Line two.\n\
                postmortem: >\n  Folded\n  text.\n";
    let read = read_incident(text).unwrap();
    assert_eq!(read.title.unwrap().value, "Fire: \"KR\" region");
    let Some(RawServices::Lanes(lanes)) = read.services.map(|s| s.value) else {
        panic!("lanes")
    };
    assert_eq!(lanes[0].0.value, "talk");
    assert_eq!(lanes[0].1[1].at.value, RawAt::Hours(9.5));
    let update = &read.updates.unwrap()[0];
    assert_eq!(update.at.value, RawAt::Text("1h30m".into()));
    assert_eq!(update.body.as_deref(), Some("Line one.\n\nLine two.\n"));
    assert_eq!(read.postmortem.as_deref(), Some("Folded text.\n"));
    assert!(agree(text, &"whole"));
}

#[test]
fn what_serde_would_read_otherwise_or_refuse_is_left_to_it() {
    for text in [
        "title: ~\n",
        "title:\n",
        "title: NULL\n",
        "title: [a]\n",
        "title: a\ntitle: b\n",
        "titel: a\n",
        "<<: {title: a}\n",
        "title: !!str a\n",
        "title: &t a\nsummary: *t\n",
        "services: {api: [{at: 0x10, state: degraded}]}\n",
        "services: {api: [{at: .inf, state: degraded}]}\n",
        "services: {api: [{at: 1, at: 2, state: degraded}]}\n",
        "services: {api: [{state: degraded}]}\n",
        "services: {api: [{at: 1, state: degraded, color: red}]}\n",
        "services: {api: {at: 1}}\n",
        "services: [api, ~]\n",
        "updates: {at: 1}\n",
        "- title: a\n",
        "title: a\n---\ntitle: b\n",
        "",
    ] {
        assert!(read_incident(text).is_none(), "{text}");
    }
}

#[test]
fn plain_text_that_looks_like_a_number_or_a_boolean_is_kept_as_written() {
    for text in [
        "title: 2022 fire\n",
        "title: yes\nkind: 12\nsummary: 1.50\n",
        "services: {api: [{at: 90m, state: on}]}\n",
        "services: {api: [{at: 2022-10-15T06:33:00Z, state: degraded}]}\n",
        "updates: [{at: \"9.5\", status: identified}]\n",
        "services: [api, 'web', 12]\n",
    ] {
        assert!(agree(text, &"plain"), "{text}");
    }
}

/// Small edits of the repository's incidents, where YAML is most often surprising: each
/// mutant the reader takes must be read as serde-saphyr reads it.
#[test]
fn mutated_incidents_are_read_as_serde_reads_them_or_left_to_it() {
    const PIECES: [&str; 24] = [
        " ", "\n", "\t", "-", ": ", "'", "\"", "#", "&a ", "*a", "!", "~", "[", "]", "{", "}", ",",
        "|", ">", "0", ".5", "y", "null", "? ",
    ];
    const MUTANTS: usize = 200;
    let corpus = corpus();
    let mut rng = fastrand::Rng::with_seed(16);
    let (mut cases, mut taken) = (0, 0);
    for (path, text) in corpus.iter().filter(|(_, t)| t.len() < 6000) {
        for _ in 0..MUTANTS {
            let mut mutant = text.clone();
            for _ in 0..rng.usize(1..=2) {
                let at = (0..=mutant.len())
                    .filter(|&i| mutant.is_char_boundary(i))
                    .nth(rng.usize(..mutant.chars().count()))
                    .unwrap_or(0);
                let cut = if rng.bool() { 0 } else { rng.usize(0..3) };
                let end = (at + cut..=mutant.len())
                    .find(|&i| mutant.is_char_boundary(i))
                    .unwrap_or(mutant.len());
                mutant.replace_range(at..end, PIECES[rng.usize(..PIECES.len())]);
            }
            cases += 1;
            taken += usize::from(agree(&mutant, &format!("{} mutated", path.display())));
        }
    }
    // Not vacuous: many mutants are still plain, and many are not.
    assert!(
        taken * 5 > cases && taken * 10 < cases * 9,
        "{taken} of {cases}"
    );
}

/// serde-saphyr refuses more than 8 MiB of text in one document; so does the reader, though
/// the file it reads may be shorter (`\L` is two bytes written and three read).
#[test]
fn text_past_the_budget_is_left_to_serde_which_refuses_it() {
    let limit = crate::load::yaml::MAX_EXPANDED_BYTES;
    let long = format!("title: {}\n", "a".repeat(limit + 1));
    let escaped = format!("title: \"{}\"\n", "\\L".repeat(limit / 3 + 1));
    for text in [&long, &escaped] {
        assert!(read_incident(text).is_none());
        assert!(yaml::parse_unlocated::<RawIncident>(text).is_none());
    }
    let within = format!("title: {}\n", "a".repeat(limit / 2));
    assert!(agree(&within, &"half the budget"));
}
