//! How errors are shown. Each module says why it failed in its own typed error (thiserror),
//! with the lower error as its source; the command line prints the whole chain once.

use std::error::Error;

/// The error and each of its causes, outermost first, joined with ": ", e.g. `cannot read
/// x.json: No such file or directory (os error 2)`.
pub(crate) fn chain(error: &dyn Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let said = inner.to_string();
        // Some errors repeat their source in their own message; say it once.
        if !text.ends_with(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read {0}")]
    struct Read(&'static str, #[source] std::io::Error);

    #[derive(Debug, thiserror::Error)]
    #[error("import failed")]
    struct Outer(#[source] Read);

    #[test]
    fn every_cause_is_said_once_outermost_first() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        assert_eq!(
            chain(&Outer(Read("x.json", io))),
            "import failed: cannot read x.json: no such file"
        );
        let plain = std::io::Error::other("disk full");
        assert_eq!(chain(&plain), "disk full");
    }
}
