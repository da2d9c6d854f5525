//! The body of a cState issue: updates are paragraphs ending with `{{< track "DATE" >}}`,
//! most with a leading `*Status* -`; everything else is the summary. `---` lines between
//! updates are cState's separators and go; those inside the rest of the text stay.

/// An update paragraph as written.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tracked {
    /// The `*Status*` label, when the paragraph starts with one.
    pub label: Option<String>,
    /// The paragraph without its label and shortcode.
    pub text: String,
    /// The paragraph without its shortcode (label included).
    pub whole: String,
    pub date: String,
}

#[derive(Debug, Default, PartialEq)]
pub(super) struct Body {
    /// In the order of the file (cState writes the newest first).
    pub updates: Vec<Tracked>,
    pub summary: Option<String>,
    /// Paragraphs of the summary that read like updates (`*Status* - text`) but carry no
    /// date.
    pub undated: usize,
}

#[derive(Debug, PartialEq)]
enum Block {
    Text(String),
    Rule,
}

pub(super) fn split(body: &str) -> Body {
    let blocks = blocks(body);
    let tracked: Vec<Option<Tracked>> = blocks
        .iter()
        .map(|b| match b {
            Block::Text(text) => tracked(text),
            Block::Rule => None,
        })
        .collect();
    let is_text = |n: usize| matches!(blocks[n], Block::Text(_)) && tracked[n].is_none();
    let mut pieces: Vec<&str> = Vec::new();
    let mut kept_text = false;
    for (n, block) in blocks.iter().enumerate() {
        match block {
            Block::Text(text) if tracked[n].is_none() => {
                pieces.push(text);
                kept_text = true;
            }
            Block::Text(_) => kept_text = false,
            Block::Rule => {
                // Kept only between two pieces of the summary.
                let next = (n + 1..blocks.len()).find(|&m| blocks[m] != Block::Rule);
                if kept_text && next.is_some_and(is_text) && pieces.last() != Some(&"---") {
                    pieces.push("---");
                }
            }
        }
    }
    let summary = pieces.join("\n\n");
    let undated = pieces
        .iter()
        .filter(|p| matches!(label(p), (Some(_), rest) if !rest.is_empty()))
        .count();
    Body {
        updates: tracked.into_iter().flatten().collect(),
        summary: (!summary.trim().is_empty()).then_some(summary),
        undated,
    }
}

/// Paragraphs, fenced code blocks (blank lines and all) and thematic breaks.
fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut fence: Option<&str> = None;
    let flush = |current: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !current.is_empty() {
            out.push(Block::Text(current.join("\n")));
            current.clear();
        }
    };
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            current.push(line);
            if trimmed.starts_with(marker)
                && trimmed
                    .trim_end()
                    .trim_start_matches(marker.chars().next().unwrap_or('`'))
                    .is_empty()
            {
                fence = None;
                flush(&mut current, &mut out);
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut current, &mut out);
            fence = Some(&trimmed[..3]);
            current.push(line);
        } else if line.trim().is_empty() {
            flush(&mut current, &mut out);
        } else if current.is_empty() && is_rule(line) {
            out.push(Block::Rule);
        } else {
            current.push(line.trim_end());
        }
    }
    flush(&mut current, &mut out);
    out
}

fn is_rule(line: &str) -> bool {
    let chars: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    chars.len() >= 3
        && matches!(chars[0], '-' | '*' | '_')
        && chars.iter().all(|c| *c == chars[0])
        && line.len() - line.trim_start().len() < 4
}

/// A paragraph ending with `{{< track "DATE" >}}` (or `{{% ... %}}`), as an update.
fn tracked(paragraph: &str) -> Option<Tracked> {
    let text = paragraph.trim_end();
    let close = if text.ends_with(">}}") {
        "<"
    } else if text.ends_with("%}}") {
        "%"
    } else {
        return None;
    };
    let open = text.rfind(&format!("{{{{{close}"))?;
    if open + 3 > text.len() - 3 {
        return None;
    }
    let inner = text[open + 3..text.len() - 3].trim();
    let argument = inner.strip_prefix("track")?;
    if !argument.starts_with(char::is_whitespace) {
        return None;
    }
    let argument = argument.trim();
    let date = ['"', '\'', '`']
        .iter()
        .find_map(|q| argument.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(argument);
    if date.is_empty() || date.contains(['"', '\n']) {
        return None;
    }
    let whole = text[..open].trim().to_string();
    let (label, rest) = label(&whole);
    Some(Tracked {
        label,
        text: rest.to_string(),
        whole,
        date: date.to_string(),
    })
}

/// `*Investigating* - text`, `**Resolved**: text`, `*Resolved* -` then the text on the next
/// line: the label and the text after it. Anything else has no label.
fn label(text: &str) -> (Option<String>, &str) {
    for marker in ["**", "__", "*", "_"] {
        let Some(after_open) = text.strip_prefix(marker) else {
            continue;
        };
        let Some(end) = after_open.find(marker) else {
            continue;
        };
        let label = after_open[..end].trim();
        let bad =
            label.is_empty() || label.chars().count() > 40 || label.contains(['*', '_', '\n']);
        if bad {
            continue;
        }
        let after = after_open[end + marker.len()..].trim_start_matches([' ', '\t']);
        let rest = match after.chars().next() {
            Some('-' | '–' | '—' | ':') => {
                after[after.chars().next().map_or(0, char::len_utf8)..].trim()
            }
            Some('\n') | None => after.trim(),
            Some(_) => continue,
        };
        return (Some(label.to_string()), rest);
    }
    (None, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_newest_first_separators_dropped_and_the_rest_kept() {
        let body = "\n*Post-mortem*\n\nAt 14:01 a Redis instance failed.\n\n\n---\n\n*Update* - Fixed. {{< track \"2018-04-13 17:30:00\" >}}\n\n*Resolved* -\nAll good. {{< track \"2018-05-25 05:54:00\" >}}\n\nPlain text\n{{% track '2024-02-24 10:35:00' %}}\n";
        let split = split(body);
        assert_eq!(
            split.summary.as_deref(),
            Some("*Post-mortem*\n\nAt 14:01 a Redis instance failed.")
        );
        let labels: Vec<(Option<&str>, &str, &str)> = split
            .updates
            .iter()
            .map(|u| (u.label.as_deref(), u.text.as_str(), u.date.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                (Some("Update"), "Fixed.", "2018-04-13 17:30:00"),
                (Some("Resolved"), "All good.", "2018-05-25 05:54:00"),
                (None, "Plain text", "2024-02-24 10:35:00"),
            ]
        );
    }

    #[test]
    fn rules_and_code_inside_the_summary_stay() {
        let body = "Some *markdown*.\n\n---\n\n```\ncode\n\nmore code {{< track \"x\" >}}\n```\n";
        let split = split(body);
        assert!(split.updates.is_empty());
        assert_eq!(split.undated, 0);
        assert_eq!(
            split.summary.as_deref(),
            Some("Some *markdown*.\n\n---\n\n```\ncode\n\nmore code {{< track \"x\" >}}\n```")
        );
    }

    #[test]
    fn what_is_and_is_not_a_label() {
        assert_eq!(
            label("*Investigating* - We are on it."),
            (Some("Investigating".into()), "We are on it.")
        );
        assert_eq!(
            label("**Monitoring**: Watching."),
            (Some("Monitoring".into()), "Watching.")
        );
        assert_eq!(
            label("*Just began* — Shutting down."),
            (Some("Just began".into()), "Shutting down.")
        );
        let emphasis = "*This issue has been escalated to a **severe** status.*";
        assert_eq!(label(emphasis), (None, emphasis));
        let odd = "**Automated system alert* - disruption.*";
        assert_eq!(label(odd), (None, odd));
        assert_eq!(label("*italic* words"), (None, "*italic* words"));
    }

    #[test]
    fn a_body_without_updates_is_all_summary() {
        let body = split("There may be disruptions in the rollout.\n ");
        assert_eq!(
            body.summary.as_deref(),
            Some("There may be disruptions in the rollout.")
        );
        assert!(body.updates.is_empty());
        assert_eq!(split("{{%}}").summary.as_deref(), Some("{{%}}"));
        let untracked =
            split("*Update* - Resolved.\n\n*Investigating* - Looking.\n\n*Post-mortem*\n");
        assert_eq!(untracked.undated, 2);
        assert_eq!(split(""), Body::default());
    }
}
