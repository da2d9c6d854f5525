//! Adding services to a `status.yaml` someone wrote: new list items go after the last item of
//! its `services:` list, in that list's indentation, and every other byte stays as it was.
//! The planner then reads the result back and checks that it says the same plus the new
//! services before using it.

/// `text` with the items `items(indent)` makes added to its top-level `services:` list (or a
/// `services:` list appended, when there is none); `None` when the list is written in a way
/// text cannot be added to (flow style, `services: [...]`).
pub(crate) fn add_services(text: &str, items: impl Fn(usize) -> String) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(key) = lines.iter().position(|l| is_services_key(l)) else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("services:\n");
        out.push_str(&items(2));
        return Some(out);
    };
    let value = lines[key]["services:".len()..].trim();
    if !(value.is_empty() || value.starts_with('#')) {
        return None;
    }
    let block_end = lines[key + 1..]
        .iter()
        .position(|l| !in_block(l))
        .map_or(lines.len(), |n| key + 1 + n);
    let content = |l: &&str| !l.trim().is_empty() && !l.starts_with('#');
    let last = lines[key + 1..block_end]
        .iter()
        .rposition(content)
        .map_or(key, |n| key + 1 + n);
    let indent = lines[key + 1..block_end]
        .iter()
        .find(|l| l.trim_start().starts_with('-'))
        .map_or(2, |l| l.len() - l.trim_start_matches(' ').len());
    let mut out: String = lines[..=last].concat();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&items(indent));
    out.push_str(&lines[last + 1..].concat());
    Some(out)
}

fn is_services_key(line: &str) -> bool {
    line.strip_prefix("services:")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r', '#']))
}

/// A line that still belongs to the value of a top-level key: indented, a list item at
/// column 0 (YAML allows a key's list there), a comment or blank.
fn in_block(line: &str) -> bool {
    line.trim().is_empty() || line.starts_with([' ', '\t', '-', '#'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(indent: usize) -> String {
        format!(
            "{}- id: new\n{}  name: New\n",
            " ".repeat(indent),
            " ".repeat(indent)
        )
    }

    #[test]
    fn items_go_after_the_last_item_in_its_indentation() {
        let text = "title: T\nservices:\n    - id: api   # first\n      name: API\n\n# about the timezone\ntimezone: UTC\n";
        assert_eq!(
            add_services(text, item).unwrap(),
            "title: T\nservices:\n    - id: api   # first\n      name: API\n    - id: new\n      name: New\n\n# about the timezone\ntimezone: UTC\n"
        );
    }

    #[test]
    fn lists_at_column_zero_and_files_without_a_final_newline() {
        let text = "services:\n- id: api\n  name: API";
        assert_eq!(
            add_services(text, item).unwrap(),
            "services:\n- id: api\n  name: API\n- id: new\n  name: New\n"
        );
    }

    #[test]
    fn a_missing_list_is_appended_and_a_flow_list_is_left_alone() {
        assert_eq!(
            add_services("title: T", item).unwrap(),
            "title: T\nservices:\n  - id: new\n    name: New\n"
        );
        assert_eq!(
            add_services("title: T\nservices:   # none yet\ntimezone: UTC\n", item).unwrap(),
            "title: T\nservices:   # none yet\n  - id: new\n    name: New\ntimezone: UTC\n"
        );
        assert_eq!(add_services("services: [{ id: api }]\n", item), None);
        assert!(
            add_services("services_old: x\n", item)
                .unwrap()
                .ends_with("services:\n  - id: new\n    name: New\n")
        );
    }
}
