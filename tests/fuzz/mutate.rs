//! The mutations: each changes a site's text or files a little, and says what it did.

use crate::files::{Node, SECRET, Site, is_yaml_name};
use crate::rng::Rng;
use crate::text::{self, Span};

/// Tags of defects that are known and not fixed yet. Mutations that would show one are not
/// made, and a disagreement of `check` and `build` that [`known_cause`] recognizes is not a
/// finding, unless `STATUSGEN_FUZZ_HELD_BACK=run`. Empty: every defect the mutations were
/// tagged for is fixed (links out of the site, ids too long for a file name, `.YAML`, a theme
/// `check` did not read, a static file where the build writes a page's folder), and each tag
/// stays on its mutations, so holding one back again is one line.
pub(crate) const HELD_BACK: &[&str] = &[];

/// The held-back defect a failed build's message shows, when `check` passed; `themed` when
/// the site has a `themes/` folder, without which a template's error is the built-in theme's
/// and a finding.
pub(crate) fn known_cause(stderr: &str, themed: bool) -> Option<&'static str> {
    if stderr.contains("File name too long") {
        Some("long-id")
    } else if stderr.contains("File exists") || stderr.contains("Not a directory") {
        Some("static-collision")
    } else if stderr.contains("theme '")
        || themed && (stderr.contains("themes/") || stderr.contains("template"))
    {
        Some("theme-unchecked")
    } else {
        None
    }
}

/// What a mutation did, for the case's log: its name, where, and the tag of a held-back
/// defect it may show.
pub(crate) struct Applied {
    pub name: &'static str,
    pub detail: String,
    pub tag: Option<&'static str>,
}

type Mutation = fn(&mut Site, &mut Rng) -> Option<Applied>;

/// The mutations with their weights.
const MUTATIONS: &[(u32, Mutation)] = &[
    (6, byte_flip),
    (3, bit_flip),
    (5, delete_line),
    (5, duplicate_line),
    (4, swap_lines),
    (3, reindent),
    (2, truncate),
    (4, insert_text),
    (14, replace_value),
    (6, nudge),
    (4, rename_key),
    (5, swap_values),
    (2, alias),
    (2, nest),
    (2, whole_file),
    (3, rename_file),
    (2, delete_file),
    (2, copy_file),
    (2, move_file),
    (2, symlink_outside),
    (2, symlink_inside),
    (2, static_file),
];

/// Applies one mutation to `site`, leaving it as it was when the mutation is not possible
/// or is held back.
pub(crate) fn mutate(site: &mut Site, rng: &mut Rng, held_back: &[&str]) -> Option<Applied> {
    let total: u32 = MUTATIONS.iter().map(|(w, _)| w).sum();
    let mut roll = rng.below(total as usize) as u32;
    let (_, mutation) = MUTATIONS
        .iter()
        .find(|(w, _)| {
            let hit = roll < *w;
            roll = roll.saturating_sub(*w);
            hit
        })
        .expect("the roll is below the total");
    let mut changed = site.clone();
    let applied = mutation(&mut changed, rng)?;
    if applied.tag.is_some_and(|tag| held_back.contains(&tag)) {
        return None;
    }
    *site = changed;
    Some(applied)
}

fn applied(name: &'static str, detail: String) -> Option<Applied> {
    Some(Applied {
        name,
        detail,
        tag: None,
    })
}

/// A file to change the text of: a YAML file most of the time.
fn pick_text(site: &Site, rng: &mut Rng) -> Option<String> {
    let texts = site.texts();
    let yaml: Vec<_> = texts.iter().filter(|p| is_yaml_name(p)).cloned().collect();
    let pool = if !yaml.is_empty() && rng.chance(85) {
        yaml
    } else {
        texts
    };
    (!pool.is_empty()).then(|| rng.pick(&pool).clone())
}

const BYTES: &[u8] = b"\0\xff\x80\xc3\t\r\n :-{}[]\"'&*!|>#%@`,?~\\";

fn byte_flip(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let path = pick_text(site, rng)?;
    let bytes = site.text_mut(&path);
    let at = rng.below(bytes.len().max(1));
    let byte = if rng.chance(70) {
        *rng.pick(BYTES)
    } else {
        rng.byte()
    };
    match bytes.get_mut(at) {
        Some(b) => *b = byte,
        None => bytes.push(byte),
    }
    applied("byte-flip", format!("{path} byte {at} = {byte:#04x}"))
}

fn bit_flip(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let path = pick_text(site, rng)?;
    let bytes = site.text_mut(&path);
    let at = rng.below(bytes.len());
    let bit = rng.below(8);
    *bytes.get_mut(at)? ^= 1 << bit;
    applied("bit-flip", format!("{path} byte {at} bit {bit}"))
}

/// The file's lines, each with its line end.
fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn with_lines(
    site: &mut Site,
    rng: &mut Rng,
    name: &'static str,
    change: impl FnOnce(&mut Vec<Vec<u8>>, &mut Rng) -> Option<String>,
) -> Option<Applied> {
    let path = pick_text(site, rng)?;
    let bytes = site.text_mut(&path);
    let mut lines = lines(bytes);
    if lines.is_empty() {
        return None;
    }
    let detail = change(&mut lines, rng)?;
    *bytes = lines.concat();
    applied(name, format!("{path} {detail}"))
}

fn delete_line(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    with_lines(site, rng, "delete-line", |lines, rng| {
        let at = rng.below(lines.len());
        lines.remove(at);
        Some(format!("line {}", at + 1))
    })
}

/// Duplicated keys and list items come from here.
fn duplicate_line(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    with_lines(site, rng, "duplicate-line", |lines, rng| {
        let at = rng.below(lines.len());
        let mut line = lines[at].clone();
        if !line.ends_with(b"\n") {
            line.push(b'\n');
            lines[at].push(b'\n');
        }
        lines.insert(at, line);
        Some(format!("line {}", at + 1))
    })
}

fn swap_lines(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    with_lines(site, rng, "swap-lines", |lines, rng| {
        let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
        lines.swap(a, b);
        Some(format!("lines {} and {}", a + 1, b + 1))
    })
}

fn reindent(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    with_lines(site, rng, "reindent", |lines, rng| {
        let at = rng.below(lines.len());
        let prefix: &[u8] = rng.pick(&[" ", "  ", "\t", "    "]).as_bytes();
        if rng.chance(50) && lines[at].starts_with(b" ") {
            lines[at].remove(0);
            Some(format!("line {} one space less", at + 1))
        } else {
            lines[at].splice(0..0, prefix.iter().copied());
            Some(format!("line {} indented by {prefix:?}", at + 1))
        }
    })
}

fn truncate(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let path = pick_text(site, rng)?;
    let bytes = site.text_mut(&path);
    let at = rng.below(bytes.len());
    bytes.truncate(at);
    applied("truncate", format!("{path} at byte {at}"))
}

const INSERTS: &[&str] = &[
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "\u{feff}",
    "\t",
    "unknown_key: 1\n",
    "<<: *a\n",
    "<<: {title: merged}\n",
    "? [a, b]\n: c\n",
    "!!map\n",
    "&a\n",
    "*a\n",
    "\0",
    "\r",
    "\u{85}",
    "title: second\n",
    "services: {}\n",
    "- \n",
    "#",
    "'",
    "\"",
    "{",
    "[",
];

fn insert_text(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    with_lines(site, rng, "insert-text", |lines, rng| {
        let at = rng.below(lines.len() + 1);
        let text = *rng.pick(INSERTS);
        let indent: Vec<u8> = match lines.get(at) {
            Some(line) if rng.chance(50) => {
                line.iter().take_while(|&&b| b == b' ').copied().collect()
            }
            _ => vec![],
        };
        lines.insert(at, [indent, text.as_bytes().to_vec()].concat());
        Some(format!("{text:?} before line {}", at + 1))
    })
}

/// A `key: value` of a YAML file of the site, with the file's text.
fn pick_span(site: &Site, rng: &mut Rng, valued: bool) -> Option<(String, String, Span)> {
    let yaml: Vec<_> = site
        .texts()
        .into_iter()
        .filter(|p| is_yaml_name(p))
        .collect();
    if yaml.is_empty() {
        return None;
    }
    let path = rng.pick(&yaml).clone();
    let Some(Node::File(bytes)) = site.files.get(&path) else {
        return None;
    };
    let text = String::from_utf8(bytes.clone()).ok()?;
    let spans: Vec<_> = text::spans(&text)
        .into_iter()
        .filter(|s| !valued || s.end > s.start)
        .collect();
    if spans.is_empty() {
        return None;
    }
    let span = rng.pick(&spans).clone();
    Some((path, text, span))
}

fn set_value(site: &mut Site, path: &str, text: &str, span: &Span, value: &str) {
    let changed = format!("{}{value}{}", &text[..span.start], &text[span.end..]);
    *site.text_mut(path) = changed.into_bytes();
}

fn replace_value(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let (path, text, span) = pick_span(site, rng, false)?;
    let mut candidates = text::candidates(&span.key);
    candidates.extend(["a".repeat(251), "a".repeat(300)]);
    let value = if rng.chance(90) {
        rng.pick(&candidates[..candidates.len() - 2]).clone()
    } else {
        rng.pick(&candidates[candidates.len() - 2..]).clone()
    };
    let tag = text::is_long_id(&value).then_some("long-id");
    set_value(site, &path, &text, &span, &value);
    let shown: String = value.chars().take(60).collect();
    Some(Applied {
        name: "replace-value",
        detail: format!("{path} {}: {shown:?} ({} bytes)", span.key, value.len()),
        tag,
    })
}

/// Moves a number or a timestamp a little: a timeline that is most often still valid, and
/// different, so that many cases reach the render with new shapes.
fn nudge(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let (path, text, span) = pick_span(site, rng, true)?;
    let value = text[span.start..span.end].trim();
    let new = if let Ok(number) = value.parse::<f64>() {
        let step = *rng.pick(&[0.25, 0.5, 1.0, 6.0, 24.0, 1000.0]);
        let moved = if rng.chance(50) {
            number + step
        } else {
            number - step
        };
        format!("{moved}")
    } else if value.is_ascii()
        && value.len() >= 13
        && value.as_bytes()[4] == b'-'
        && value.as_bytes()[10] == b'T'
    {
        // The hour's digits of an RFC 3339 timestamp: 00 to 29, a few of them no hour at all.
        let hour = format!("{:02}", rng.below(30));
        format!("{}{hour}{}", &value[..11], &value[13..])
    } else {
        return None;
    };
    set_value(site, &path, &text, &span, &new);
    applied("nudge", format!("{path} {}: {value} -> {new}", span.key))
}

const KEYS: &[&str] = &[
    "title",
    "started",
    "resolved",
    "services",
    "updates",
    "at",
    "state",
    "status",
    "body",
    "note",
    "kind",
    "impact",
    "summary",
    "postmortem",
    "id",
    "name",
    "group",
    "description",
    "since",
    "timezone",
    "history_days",
    "language",
    "theme",
    "cname",
    "base_url",
    "Title",
    "titel",
    "<<",
];

/// Renames a key: an unknown key, a near miss, a duplicate of a sibling or a service key of
/// an incident's `services` (an unknown service, or a long one).
fn rename_key(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let (path, text, span) = pick_span(site, rng, false)?;
    let key_start = text[..span.start].rfind(&format!("{}:", span.key))?;
    let new = if rng.chance(10) {
        "a".repeat(260)
    } else {
        rng.pick(KEYS).to_string()
    };
    let tag = text::is_long_id(&new).then_some("long-id");
    let changed = format!(
        "{}{new}{}",
        &text[..key_start],
        &text[key_start + span.key.len()..]
    );
    *site.text_mut(&path) = changed.into_bytes();
    Some(Applied {
        name: "rename-key",
        detail: format!(
            "{path} {} -> {}",
            span.key,
            new.chars().take(40).collect::<String>()
        ),
        tag,
    })
}

fn swap_values(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let (path_a, text_a, a) = pick_span(site, rng, true)?;
    let (path_b, text_b, b) = pick_span(site, rng, true)?;
    let value_a = text_a[a.start..a.end].to_string();
    let value_b = text_b[b.start..b.end].to_string();
    let long = text::is_long_id(&value_a) || text::is_long_id(&value_b);
    if path_a == path_b {
        if a.start == b.start {
            return None;
        }
        let (first, second, v1, v2) = if a.start < b.start {
            (&a, &b, &value_b, &value_a)
        } else {
            (&b, &a, &value_a, &value_b)
        };
        let text = format!(
            "{}{v1}{}{v2}{}",
            &text_a[..first.start],
            &text_a[first.end..second.start],
            &text_a[second.end..]
        );
        *site.text_mut(&path_a) = text.into_bytes();
    } else {
        set_value(site, &path_a, &text_a, &a, &value_b);
        set_value(site, &path_b, &text_b, &b, &value_a);
    }
    Some(Applied {
        name: "swap-values",
        detail: format!("{path_a} {} <-> {path_b} {}", a.key, b.key),
        tag: long.then_some("long-id"),
    })
}

/// An anchor on one value and an alias to it in another place of the same file.
fn alias(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let (path, text, a) = pick_span(site, rng, true)?;
    let spans: Vec<_> = text::spans(&text)
        .into_iter()
        .filter(|s| s.start != a.start)
        .collect();
    if spans.is_empty() {
        return None;
    }
    let b = rng.pick(&spans).clone();
    let (first, second, anchor_first) = if a.start < b.start {
        (&a, &b, true)
    } else {
        (&b, &a, rng.chance(30))
    };
    let first_value = &text[first.start..first.end];
    let (v1, v2) = if anchor_first {
        (format!("&x {first_value}"), "*x".to_string())
    } else {
        (
            first_value.to_string(),
            format!("*x {}", &text[second.start..second.end]),
        )
    };
    let changed = format!(
        "{}{v1}{}{v2}{}",
        &text[..first.start],
        &text[first.end..second.start],
        &text[second.end..]
    );
    *site.text_mut(&path) = changed.into_bytes();
    applied("alias", format!("{path} {} -> {}", second.key, first.key))
}

/// Deep flow nesting and alias fans, up to bombs that must be refused.
fn nest(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let (path, text, span) = pick_span(site, rng, false)?;
    let aliases = rng.chance(50);
    let depth = if aliases {
        *rng.pick(&[2, 4, 8, 12])
    } else {
        *rng.pick(&[5, 50, 200, 1000, 5000])
    };
    let fan = *rng.pick(&[2, 5, 10]);
    set_value(
        site,
        &path,
        &text,
        &span,
        &text::nested(depth, fan, aliases),
    );
    applied(
        "nest",
        format!(
            "{path} {} depth {depth} fan {fan} aliases {aliases}",
            span.key
        ),
    )
}

/// Whole-file changes: line ends, a byte-order mark, bytes that are not UTF-8, nothing.
fn whole_file(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let path = pick_text(site, rng)?;
    let bytes = site.text_mut(&path);
    let what = match rng.below(5) {
        0 => {
            *bytes = String::from_utf8_lossy(bytes)
                .replace('\n', "\r\n")
                .into_bytes();
            "CRLF line ends"
        }
        1 => {
            bytes.splice(0..0, "\u{feff}".bytes());
            "a byte-order mark"
        }
        2 => {
            let at = rng.below(bytes.len());
            bytes.splice(at..at, [0xff, 0xfe, 0xc3]);
            "bytes that are not UTF-8"
        }
        3 => {
            bytes.clear();
            "emptied"
        }
        _ => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            *bytes = text.replace('\n', "\r").into_bytes();
            "CR line ends"
        }
    };
    applied("whole-file", format!("{path} {what}"))
}

fn incident_files(site: &Site) -> Vec<String> {
    (site.files.keys())
        .filter(|p| p.starts_with("incidents/") && is_yaml_name(p))
        .cloned()
        .collect()
}

fn rename_file(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let files = incident_files(site);
    if files.is_empty() {
        return None;
    }
    let path = rng.pick(&files).clone();
    let (dir, name) = path.rsplit_once('/')?;
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let long = "a".repeat(240);
    let upper: String = (stem.chars().take(1).flat_map(char::to_uppercase))
        .chain(stem.chars().skip(1))
        .collect();
    let new = match rng.below(12) {
        0 => format!("{stem}.YAML"),
        1 => format!("{stem}.Yml"),
        2 => format!("{stem}.yml"),
        3 => format!("{stem}.yaml"),
        4 => stem.to_string(),
        5 => format!("{stem}.txt"),
        6 => format!(".{stem}.yaml"),
        7 => format!("{upper}.yaml"),
        8 => format!("é-{stem}.yaml"),
        9 => format!("{stem} copy.yaml"),
        10 => format!("{long}.yaml"),
        _ => format!("{}.yaml", rng.pick(&["index", "-x", "a--b", "feed", "0"])),
    };
    let tag = (new.ends_with(".YAML") || new.ends_with(".Yml")).then_some("upper-case-extension");
    let node = site.files.remove(&path)?;
    site.files.insert(format!("{dir}/{new}"), node);
    Some(Applied {
        name: "rename-file",
        detail: format!("{path} -> {}", new.chars().take(60).collect::<String>()),
        tag,
    })
}

fn delete_file(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let paths: Vec<_> = site.files.keys().cloned().collect();
    if paths.is_empty() {
        return None;
    }
    let path = rng.pick(&paths).clone();
    site.files.remove(&path);
    applied("delete-file", path)
}

/// A second copy of an incident: under another slug, or the same slug in another folder.
fn copy_file(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let files = incident_files(site);
    if files.is_empty() {
        return None;
    }
    let path = rng.pick(&files).clone();
    let name = path.rsplit_once('/')?.1;
    let new = if rng.chance(50) {
        format!("incidents/copy/{name}")
    } else {
        format!("incidents/copy-{name}")
    };
    let node = site.files.get(&path)?.clone();
    site.files.insert(new.clone(), node);
    applied("copy-file", format!("{path} -> {new}"))
}

fn move_file(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let files = incident_files(site);
    if files.is_empty() {
        return None;
    }
    let path = rng.pick(&files).clone();
    let name = path.rsplit_once('/')?.1;
    let dir = rng.pick(&["a/b/c/d/e/f/g", ".hidden", "é", "x.yaml", "_drafts"]);
    let new = format!("incidents/{dir}/{name}");
    let node = site.files.remove(&path)?;
    site.files.insert(new.clone(), node);
    applied("move-file", format!("{path} -> {new}"))
}

/// A relative link at `at` (a site path) to `target` (a path relative to the site's root;
/// `../outside/...` leaves it).
fn link(site: &mut Site, at: &str, target: &str) {
    let up = "../".repeat(at.matches('/').count());
    site.files
        .insert(at.to_string(), Node::Link(format!("{up}{target}")));
}

/// A link from the site to a file beside it, which holds [`SECRET`]: an incident whose
/// title says it, or plain text.
fn symlink_outside(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let incidents = incident_files(site);
    let incident = incidents.first().and_then(|p| match site.files.get(p) {
        Some(Node::File(bytes)) => Some(bytes.clone()),
        _ => None,
    });
    let theme = (site.files.keys()).find_map(|p| {
        p.strip_prefix("themes/")?
            .split_once('/')
            .map(|(t, _)| t.to_string())
    });
    let mut places = vec!["static/leak.txt".to_string(), "static/sub/leak.css".into()];
    if let Some(theme) = theme {
        places.push(format!("themes/{theme}/static/leak.css"));
    }
    let at = rng.pick(&places).clone();
    let at = match incident {
        Some(bytes) if rng.chance(50) => {
            let text = String::from_utf8_lossy(&bytes);
            let titled = text.replacen("title:", &format!("title: {SECRET} #"), 1);
            site.outside.insert("leak.yaml".into(), titled.into_bytes());
            link(site, "incidents/leak.yaml", "../outside/leak.yaml");
            "incidents/leak.yaml".to_string()
        }
        _ => {
            site.outside
                .insert("leak.txt".into(), format!("{SECRET}\n").into_bytes());
            link(site, &at, "../outside/leak.txt");
            at
        }
    };
    Some(Applied {
        name: "symlink-outside",
        detail: at,
        tag: Some("outside-symlink"),
    })
}

/// Links that stay in the site: to another file, to a folder above (a loop), to nothing.
fn symlink_inside(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let files = incident_files(site);
    let detail = match rng.below(3) {
        0 if !files.is_empty() => {
            let target = rng.pick(&files).clone();
            link(site, "incidents/linked.yaml", &target);
            format!("incidents/linked.yaml -> {target}")
        }
        1 => {
            link(site, "incidents/loop/up", "incidents");
            "incidents/loop/up -> incidents (a loop)".into()
        }
        _ => {
            link(site, "incidents/broken.yaml", "incidents/nowhere.yaml");
            "incidents/broken.yaml -> nothing".into()
        }
    };
    applied("symlink-inside", detail)
}

/// A static file, often where the build writes a page of its own.
fn static_file(site: &mut Site, rng: &mut Rng) -> Option<Applied> {
    let name = rng.pick(&[
        "index.html",
        "feed.xml",
        "404.html",
        "CNAME",
        ".nojekyll",
        ".statusgen",
        "api/v2/summary.json",
        "badges/api.svg",
        "incidents/x/index.html",
        "sitemap.xml",
        "é ü.txt",
        "a%20b.txt",
        "index.html/x",
    ]);
    let path = format!("static/{name}");
    site.files
        .insert(path.clone(), Node::File(b"static <b>file</b>\n".to_vec()));
    applied("static-file", path)
}

#[cfg(test)]
mod tests {
    use super::known_cause;

    #[test]
    fn a_template_error_is_held_back_only_for_the_sites_own_theme() {
        let compile = "error: a template does not compile:\n --> 404.html:3:7";
        assert_eq!(known_cause(compile, true), Some("theme-unchecked"));
        assert_eq!(known_cause(compile, false), None);
        let missing = "error: theme 'nope' not found: there is no s/themes/nope folder";
        assert_eq!(known_cause(missing, false), Some("theme-unchecked"));
        let long = "error: cannot write x/badges/aaa.json: File name too long (os error 36)";
        assert_eq!(known_cause(long, false), Some("long-id"));
        assert_eq!(
            known_cause("error: cannot read x: Permission denied", true),
            None
        );
    }
}
