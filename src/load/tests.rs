//! Loading: positions read again for messages, repeated services, ids.

use super::*;

/// Files are parsed without positions; a file with a problem is read again with them.
#[test]
fn positions_come_back_for_the_messages() {
    let root = std::env::temp_dir().join(format!("statusgen-locate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("incidents")).unwrap();
    let text = "title: Fire\nstarted: 2022-10-15T15:30:00+09:00\nservices:\n  talk:\n    - { at: 0, state: major_outrage }\n";
    std::fs::write(root.join("incidents/fire.yaml"), text).unwrap();
    let loaded = load_site(&root);
    assert!(!loaded.incidents[0].located);
    let located = loaded.source.locate(&loaded.incidents[0]).unwrap().unwrap();
    assert!(located.located);
    let (_, report) = crate::validate::validate(loaded, &["en".to_string()]);
    let problem = &report.diagnostics[0];
    assert_eq!(problem.message, "unknown state 'major_outrage'");
    assert_eq!((problem.pos.line, problem.pos.col), (5, 23));
    let _ = std::fs::remove_dir_all(&root);
}

/// A service listed twice, under any spelling of the same key, is the parser's error.
#[test]
fn repeated_services_are_found_as_before() {
    let root = std::env::temp_dir().join(format!("statusgen-repeat-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("incidents")).unwrap();
    let head = "title: Fire\nstarted: 2022-10-15T15:30:00+09:00\nservices:\n";
    let lanes = [
        (
            "twice",
            "  talk: [{ at: 0, state: major_outage }]\n  talk: []\n",
            "talk",
        ),
        ("quoted", "  talk: []\n  \"talk\": []\n", "talk"),
        ("number", "  11: []\n  0xB: []\n", "0xB"),
    ];
    for (name, lanes, _) in lanes {
        std::fs::write(
            root.join(format!("incidents/{name}.yaml")),
            format!("{head}{lanes}"),
        )
        .unwrap();
    }
    let loaded = load_site(&root);
    assert!(loaded.incidents.is_empty());
    let mut messages: Vec<(&str, u32)> = loaded
        .report
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), d.pos.line))
        .collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            ("duplicate key '0xB'", 5),
            ("duplicate key 'talk'", 5),
            ("duplicate key 'talk'", 5)
        ]
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn ids() {
    assert!(is_id("kakao-t"));
    assert!(is_id("2022-fire"));
    assert!(!is_id("-fire"));
    assert!(!is_id("Fire"));
    assert!(!is_id(""));
    assert_eq!(slugify("Kakao_Fire 2022"), "kakao-fire-2022");
    assert_eq!(slugify("ünï"), "n");
    assert_eq!(suggested_id("ünï"), "uni");
    assert_eq!(
        suggested_id("Störung im Rechenzentrum"),
        "storung-im-rechenzentrum"
    );
}

/// Texts that are not on disk are parsed the fast way too, and located from themselves: the
/// import's texts, and one unsaved file among a folder's.
#[test]
fn texts_and_unsaved_edits_are_located_from_their_own_text() {
    let file = "incidents/fire.yaml";
    let wrong = "title: Fire\nstarted: 2022-10-15T15:30:00+09:00\nservices:\n  talk:\n    - { at: 0, state: major_outrage }\n";
    let located = |loaded: Loaded| {
        assert!(!loaded.incidents[0].located);
        let (_, report) = crate::validate::validate(loaded, &["en".to_string()]);
        let problem = &report.diagnostics[0];
        assert_eq!(problem.message, "unknown state 'major_outrage'");
        (problem.file.clone(), problem.pos.line, problem.pos.col)
    };
    let texts = Texts {
        config: None,
        incidents: vec![(file.to_string(), wrong.to_string())],
    };
    assert_eq!(located(load_texts(&texts, None)), (file.to_string(), 5, 23));

    let root = std::env::temp_dir().join(format!("statusgen-unsaved-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("incidents")).unwrap();
    let right = wrong.replace("major_outrage", "major_outage");
    std::fs::write(root.join(file), &right).unwrap();
    // On disk the file is right, and has more lines before the mistake than the edit.
    let edited = format!("# edited\n\n{wrong}");
    let unsaved = Unsaved {
        file,
        text: &edited,
    };
    let mut cache = Cache::default();
    let loaded = load_site_cached(&root, Some(&mut cache), Some(unsaved));
    assert_eq!(located(loaded), (file.to_string(), 7, 23));
    let (_, report) = crate::validate::validate(load_site(&root), &["en".to_string()]);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let _ = std::fs::remove_dir_all(&root);
}

/// What an edit (`update`, `resolve`) would write is held to the size of a file the next
/// build reads, or the edit would write a file no build can read.
#[test]
fn an_unsaved_text_over_the_file_limit_is_refused_as_the_file_would_be() {
    let root = crate::output::tests::temp("unsaved-big");
    std::fs::create_dir_all(root.join("incidents")).unwrap();
    let file = "incidents/a.yaml";
    let start =
        "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api: [{ at: 0, state: degraded }]\n";
    std::fs::write(root.join(file), start).unwrap();
    let body = "a".repeat(MAX_FILE_BYTES as usize);
    let edited = format!("{start}summary: {body}\n");
    let unsaved = Unsaved {
        file,
        text: &edited,
    };
    let loaded = load_site_cached(&root, None, Some(unsaved));
    let errors: Vec<_> = loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("over the 4 MiB limit"),
        "{errors:?}"
    );
    assert!(loaded.incidents.is_empty());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn slugs_over_the_limit_are_refused_with_a_shorter_one() {
    let long = "a".repeat(MAX_ID_CHARS + 1);
    let file = format!("incidents/{long}.yaml");
    let text =
        "title: x\nstarted: 2024-01-01T00:00:00Z\nservices:\n  api: [{ at: 0, state: degraded }]\n";
    let texts = Texts {
        config: None,
        incidents: vec![
            (file.clone(), text.to_string()),
            (format!("incidents/{}.yaml", &long[1..]), text.to_string()),
        ],
    };
    let loaded = load_texts(&texts, None);
    assert_eq!(loaded.incidents.len(), 1);
    let problem = &loaded.report.diagnostics[0];
    assert_eq!(problem.file, file);
    assert_eq!(
        problem.message,
        "the slug is 65 characters long, over the limit of 64"
    );
    assert!(
        problem
            .hint
            .as_deref()
            .unwrap()
            .ends_with(&format!("'{}'", &long[1..]))
    );
}

/// A file whose name is not UTF-8 is walked under a name with U+FFFD; a link out of the site
/// under that very name is refused by the walk and must not be read in its place.
#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_never_reads_a_link_out_of_the_site() {
    use std::os::unix::ffi::OsStrExt;
    let base = crate::output::tests::temp("lossy");
    let (root, outside) = (base.join("site"), base.join("secret.yaml"));
    std::fs::create_dir_all(root.join("incidents")).unwrap();
    std::fs::write(&outside, "title: SECRET-OUTSIDE\n").unwrap();
    let not_utf8 = root
        .join("incidents")
        .join(std::ffi::OsStr::from_bytes(b"\xff"));
    std::fs::create_dir_all(&not_utf8).unwrap();
    std::fs::write(not_utf8.join("x.yaml"), "title: [unclosed\n").unwrap();
    let lossy = root.join("incidents").join("\u{FFFD}");
    std::fs::create_dir_all(&lossy).unwrap();
    std::os::unix::fs::symlink(&outside, lossy.join("x.yaml")).unwrap();
    let loaded = load_site(&root);
    let said: Vec<String> = (loaded.report.diagnostics.iter())
        .map(|d| format!("{}: {} ({:?})", d.file, d.message, d.hint))
        .collect();
    assert!(
        said.iter().all(|d| !d.contains("SECRET-OUTSIDE")),
        "{said:#?}"
    );
    assert!(loaded.incidents.is_empty(), "{said:#?}");
    assert!(
        said.iter()
            .any(|d| d.contains("outside") || d.contains("out of")),
        "the link out is named: {said:#?}"
    );
    let _ = std::fs::remove_dir_all(&base);
}
