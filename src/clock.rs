//! "Now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock. Injected everywhere else so
//! builds are reproducible.

use crate::model::time::{Instant, SiteZone, from_unix, parse_timestamp};

/// Resolves "now" from the flag, the environment value of `SOURCE_DATE_EPOCH`, or the clock.
pub fn resolve_now(flag: Option<&str>, source_date_epoch: Option<&str>) -> Result<Instant, String> {
    if let Some(text) = flag {
        return parse_timestamp(text, SiteZone::default()).map_err(|_| {
            format!("--now '{text}' is not a time: use RFC 3339, e.g. 2022-10-17T10:30:00+09:00")
        });
    }
    if let Some(text) = source_date_epoch.filter(|t| !t.trim().is_empty()) {
        return text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(from_unix)
            .ok_or_else(|| {
                format!("SOURCE_DATE_EPOCH '{text}' is not a number of seconds since 1970")
            });
    }
    Ok(chrono::Utc::now())
}

/// [`resolve_now`] with the process environment.
pub fn now(flag: Option<&str>) -> Result<Instant, String> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    resolve_now(flag, epoch.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment() {
        let t = resolve_now(Some("2022-10-17T10:30:00+09:00"), Some("0")).unwrap();
        assert_eq!(t.timestamp(), 1665970200);
        assert_eq!(resolve_now(None, Some("1665970200")).unwrap(), t);
        assert!(resolve_now(Some("tomorrow"), None).is_err());
        assert!(resolve_now(None, Some("x")).is_err());
    }
}
