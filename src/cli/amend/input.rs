//! Reading what a command line says: states, statuses, Markdown from an argument or stdin.

use std::io::Read as _;

use crate::cli::Failure;
use crate::diagnostics::suggestion;
use crate::model::{Kind, State, UpdateStatus};

/// `SERVICE=STATE[:NOTE]` as typed: the id and the state trimmed, and the note when there
/// is one.
pub(in crate::cli) fn split_set(text: &str) -> Option<(&str, &str, Option<&str>)> {
    let (service, rest) = text.split_once('=')?;
    let (state, note) = match rest.split_once(':') {
        Some((state, note)) => (state, Some(note.trim()).filter(|n| !n.is_empty())),
        None => (rest, None),
    };
    Some((service.trim(), state.trim(), note))
}

/// A state as typed, with did-you-mean.
pub(in crate::cli) fn parse_state(text: &str, service: &str) -> Result<State, Failure> {
    State::parse(text.trim()).ok_or_else(|| {
        Failure::Usage(format!(
            "unknown state '{}' for {service} — {}",
            text.trim(),
            suggestion(text.trim(), &State::NAMES[..5])
        ))
    })
}

/// An update status of an incident or a maintenance, with did-you-mean.
pub(in crate::cli) fn parse_status(text: &str, kind: Kind) -> Result<UpdateStatus, Failure> {
    let text = text.trim();
    UpdateStatus::parse(text, kind).ok_or_else(|| {
        let names = UpdateStatus::names(kind);
        let other = match kind {
            Kind::Incident => Kind::Maintenance,
            Kind::Maintenance => Kind::Incident,
        };
        let hint = if UpdateStatus::parse(text, other).is_some() {
            format!(
                "'{text}' is a {} status; {}s use {}",
                other.as_str(),
                kind.as_str(),
                names.join(", ")
            )
        } else {
            suggestion(text, names)
        };
        Failure::Usage(format!(
            "unknown {} status '{text}' — {hint}",
            kind.as_str()
        ))
    })
}

/// `--body`: the text itself, or `-` for standard input. Line endings become `\n`.
pub(in crate::cli) fn read_body(arg: &str) -> Result<String, Failure> {
    let text = if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Failed(format!("cannot read the body from stdin: {e}")))?;
        text
    } else {
        arg.to_string()
    };
    let text = text.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(Failure::Usage(
            "the body is empty: write what users should know, or leave out --body".into(),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(result: Result<impl std::fmt::Debug, Failure>) -> String {
        match result {
            Err(Failure::Usage(message)) => message,
            other => panic!("expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn states_and_statuses_get_did_you_mean() {
        assert_eq!(
            parse_state("degraded_performance", "api").ok(),
            Some(State::Degraded)
        );
        assert_eq!(
            usage(parse_state("degradded", "api")),
            "unknown state 'degradded' for api — did you mean 'degraded'?"
        );
        assert_eq!(
            usage(parse_status("identifed", Kind::Incident)),
            "unknown incident status 'identifed' — did you mean 'identified'?"
        );
        assert!(usage(parse_status("completed", Kind::Incident)).contains("maintenance status"));
    }

    #[test]
    fn sets_split_at_the_first_equals_and_colon() {
        assert_eq!(
            split_set(" api = degraded : slow: very "),
            Some(("api", "degraded", Some("slow: very")))
        );
        assert_eq!(split_set("api=degraded:"), Some(("api", "degraded", None)));
        assert_eq!(split_set("api"), None);
    }

    #[test]
    fn bodies_need_text() {
        assert_eq!(read_body("a\r\nb").ok().as_deref(), Some("a\nb"));
        assert!(usage(read_body("  \n")).contains("empty"));
    }
}
