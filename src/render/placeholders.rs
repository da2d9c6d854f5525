//! Placeholders of the UI strings (`{services}`, `{to}`) filled in one pass over the text:
//! a chain of `replace` calls copies the text once per placeholder, and would also replace a
//! placeholder that a filled-in value happens to contain.

/// `text` with each `{name}` of `values` (given with its braces) replaced; other braces are
/// kept as written.
pub(crate) fn fill_in(text: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(text.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let named = tail
            .find('}')
            .map(|close| &tail[..=close])
            .and_then(|key| values.iter().find(|(name, _)| *name == key));
        match named {
            Some((key, value)) => {
                out.push_str(value);
                rest = &tail[key.len()..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill_in;

    #[test]
    fn fills_every_placeholder_once_and_keeps_unknown_braces() {
        let text = "{n} of {total} ({zone}) {unknown} {n} {";
        let filled = fill_in(text, &[("{n}", "3"), ("{total}", "{n}"), ("{zone}", "UTC")]);
        assert_eq!(filled, "3 of {n} (UTC) {unknown} 3 {");
        assert_eq!(fill_in("", &[("{n}", "1")]), "");
        assert_eq!(fill_in("no braces", &[]), "no braces");
        assert_eq!(fill_in("{{n}}", &[("{n}", "1")]), "{1}");
    }
}
