//! "Now": a time the user gave (`--now`, or `now` of book.toml), else `SOURCE_DATE_EPOCH`,
//! else the clock. Resolved here only and handed to everything else, so builds are
//! reproducible.

use crate::model::time::{Instant, SiteZone, from_unix, parse_timestamp};
use crate::project::Setting;

/// Why "now" could not be resolved: always a value the user gave, so a usage error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum NowError {
    #[error("{} is not a time: use RFC 3339, e.g. 2022-10-17T10:30:00+09:00", .0.quoted())]
    NotATime(Setting),
    #[error("SOURCE_DATE_EPOCH '{0}' is not a number of seconds since 1970")]
    NotSeconds(String),
}

/// Resolves "now" from a given time, the environment value of `SOURCE_DATE_EPOCH`, or the
/// clock.
pub(crate) fn resolve_now(
    given: Option<&Setting>,
    source_date_epoch: Option<&str>,
) -> Result<Instant, NowError> {
    if let Some(setting) = given {
        return parse_timestamp(&setting.text, SiteZone::default())
            .map_err(|_| NowError::NotATime(setting.clone()));
    }
    if let Some(text) = source_date_epoch.filter(|t| !t.trim().is_empty()) {
        return text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(from_unix)
            .ok_or_else(|| NowError::NotSeconds(text.to_string()));
    }
    Ok(chrono::Utc::now())
}

/// [`resolve_now`] with the process environment.
pub(crate) fn now(given: Option<&Setting>) -> Result<Instant, NowError> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    resolve_now(given, epoch.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Origin;

    #[test]
    fn a_given_time_beats_the_environment() {
        let flag = |text| Setting::new("now", text, Origin::CommandLine);
        let t = resolve_now(Some(&flag("2022-10-17T10:30:00+09:00")), Some("0")).unwrap();
        assert_eq!(t.timestamp(), 1665970200);
        assert_eq!(resolve_now(None, Some("1665970200")).unwrap(), t);
        assert_eq!(
            resolve_now(Some(&flag("tomorrow")), None)
                .unwrap_err()
                .to_string(),
            "--now 'tomorrow' is not a time: use RFC 3339, e.g. 2022-10-17T10:30:00+09:00"
        );
        let book = Setting::new("now", "tomorrow", Origin::BookToml);
        assert!(
            resolve_now(Some(&book), None)
                .unwrap_err()
                .to_string()
                .starts_with(
                    "now = \"tomorrow\" in [preprocessor.statusgen] of book.toml is not a time"
                )
        );
        assert_eq!(
            resolve_now(None, Some("x")),
            Err(NowError::NotSeconds("x".into()))
        );
    }
}
