//! `status.yaml`: site settings and the service catalog.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Pos, Report, did_you_mean, one_edit_from};
use crate::language::LanguageError;
use crate::load::raw::{RawConfig, RawWeights};
use crate::load::yaml::Located;
use crate::load::{is_id, shortened, too_long};
use crate::model::{Config, Service, SiteZone, UptimeWeights};

/// The longest uptime history: a year, leap day included.
pub(super) const MAX_HISTORY_DAYS: u32 = 366;

pub(super) fn validate_config(
    raw: Option<&(String, RawConfig)>,
    languages: &[String],
    report: &mut Report,
) -> (Config, Option<Vec<Service>>) {
    let Some((file, raw)) = raw else {
        return (Config::default(), None);
    };
    let mut c = Checker { file, report };
    let mut config = Config::default();
    match &raw.title {
        Some(title) if !title.value.trim().is_empty() => config.title = title.value.clone(),
        Some(title) => c.error(
            title.pos,
            "the title is empty",
            "give the site a title, e.g. `title: Example Status`",
        ),
        None => c.error(
            Pos::new(1, 1, 1),
            "missing required key 'title'",
            "add `title: Example Status` to status.yaml",
        ),
    }
    config.description = raw.description.clone();
    config.base_url = raw.base_url.as_ref().and_then(|u| c.base_url(u));
    if let Some(language) = &raw.language {
        config.language = c.language(language, languages);
    }
    if let Some(zone) = &raw.timezone {
        config.zone = c.zone(zone);
    }
    if let Some(theme) = &raw.theme {
        if is_id(&theme.value) || theme.value == "default" {
            config.theme = theme.value.clone();
        } else {
            c.error(
                theme.pos,
                &format!("bad theme name '{}'", theme.value),
                "a theme is a folder name under themes/, like `default` or `my-theme`",
            );
        }
    }
    if let Some(days) = &raw.history_days {
        match u32::try_from(days.value) {
            Ok(d @ 1..=MAX_HISTORY_DAYS) => config.history_days = d,
            _ => c.error(
                days.pos,
                &format!(
                    "history_days is {}, outside 1 to {MAX_HISTORY_DAYS}",
                    days.value
                ),
                &format!(
                    "the uptime bars show at most a year: use a number of days from 1 to {MAX_HISTORY_DAYS} (90 is usual)"
                ),
            ),
        }
    }
    config.cname = raw.cname.as_ref().and_then(|n| c.cname(n));
    if let Some(weights) = &raw.uptime {
        config.uptime = c.weights(&weights.value);
    }
    let catalog = raw.services.as_ref().map(|services| c.services(services));
    (config, catalog)
}

struct Checker<'a> {
    file: &'a str,
    report: &'a mut Report,
}

impl Checker<'_> {
    fn error(&mut self, pos: Pos, message: &str, hint: &str) {
        self.report
            .push(Diagnostic::error(self.file, pos, message).with_hint(hint));
    }

    fn base_url(&mut self, url: &Located<String>) -> Option<String> {
        let normal = absolute_url(&url.value);
        if normal.is_none() {
            self.error(
                url.pos,
                &format!("base_url '{}' is not an absolute URL", url.value.trim()),
                "write it in full, e.g. `https://user.github.io/status/`",
            );
        }
        normal
    }

    /// `language:` as a BCP 47 tag; its canonical spelling (`pt_br` → `pt-BR`) is kept.
    fn language(&mut self, language: &Located<String>, languages: &[String]) -> String {
        let written = language.value.trim();
        match crate::language::resolve(written, languages) {
            Ok(found) => {
                if let Some((from, to)) = &found.alias {
                    self.report.push(
                        Diagnostic::warning(
                            self.file,
                            language.pos,
                            format!("'{from}' is read as '{to}'"),
                        )
                        .with_hint(alias_hint(from, to)),
                    );
                }
                return found.canonical;
            }
            Err(LanguageError::Malformed) => self.error(
                language.pos,
                &format!("'{written}' is not a language tag"),
                &format!(
                    "write a BCP 47 tag such as `de`, `pt-BR` or `zh-Hant`; languages: {}",
                    languages.join(", ")
                ),
            ),
            Err(LanguageError::Unknown) => {
                let names: Vec<&str> = languages.iter().map(String::as_str).collect();
                let country = crate::language::language_of_country(written)
                    .filter(|code| crate::language::resolve(code, languages).is_ok());
                let close = country
                    .or_else(|| one_edit_from(written, names.iter().copied()))
                    .map(|best| format!("did you mean '{best}'? "))
                    .unwrap_or_default();
                self.error(
                    language.pos,
                    &format!("unknown language '{written}'"),
                    &format!(
                        "{close}languages: {}; a theme adds one as themes/NAME/i18n/{written}.yaml",
                        languages.join(", ")
                    ),
                )
            }
        }
        "en".into()
    }

    fn zone(&mut self, zone: &Located<String>) -> SiteZone {
        if let Some(found) = SiteZone::parse(&zone.value) {
            return found;
        }
        let same_but_case =
            SiteZone::names().find(|name| name.eq_ignore_ascii_case(zone.value.trim()));
        let hint = match same_but_case.or_else(|| did_you_mean(&zone.value, SiteZone::names())) {
            Some(best) => format!("did you mean '{best}'?"),
            None => "use an IANA name such as `Asia/Seoul`, `Europe/Berlin` or `UTC`".into(),
        };
        self.error(
            zone.pos,
            &format!("unknown timezone '{}'", zone.value),
            &hint,
        );
        SiteZone::default()
    }

    fn cname(&mut self, name: &Located<String>) -> Option<String> {
        let text = name.value.trim();
        let ok = !text.is_empty()
            && text.contains('.')
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !ok {
            self.error(
                name.pos,
                &format!("cname '{text}' is not a host name"),
                "write the bare domain, e.g. `status.example.com` (no https://, no path)",
            );
            return None;
        }
        Some(text.to_string())
    }

    fn weights(&mut self, raw: &RawWeights) -> UptimeWeights {
        let mut w = UptimeWeights::default();
        let fields = [
            (&raw.major_outage, &mut w.major_outage),
            (&raw.partial_outage, &mut w.partial_outage),
            (&raw.degraded, &mut w.degraded),
            (&raw.maintenance, &mut w.maintenance),
        ];
        for (value, slot) in fields {
            if let Some(value) = value {
                if (0.0..=1.0).contains(&value.value) {
                    *slot = value.value;
                } else {
                    self.report.push(
                        Diagnostic::error(
                            self.file,
                            value.pos,
                            format!("uptime weight {} is out of range", value.value),
                        )
                        .with_hint(
                            "a weight is the share of the time that counts as down: from 0 to 1",
                        ),
                    );
                }
            }
        }
        w
    }

    fn services(&mut self, raw: &[Located<crate::load::raw::RawService>]) -> Vec<Service> {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let mut out = Vec::new();
        for service in raw {
            let id = &service.value.id;
            if !is_id(&id.value) {
                let hint = format!(
                    "ids appear in URLs: use [a-z0-9][a-z0-9-]*, e.g. '{}'",
                    crate::load::suggested_id(&id.value)
                );
                self.error(id.pos, &format!("bad service id '{}'", id.value), &hint);
                continue;
            }
            if let Some(message) = too_long("service id", &id.value) {
                let hint = format!(
                    "the id names the service's pages and badges: shorten it, e.g. '{}'",
                    shortened(&id.value)
                );
                self.error(id.pos, &message, &hint);
                continue;
            }
            if let Some(line) = seen.insert(&id.value, id.pos.line) {
                self.error(
                    id.pos,
                    &format!("duplicate service id '{}'", id.value),
                    &format!("it is already defined on line {line}"),
                );
                continue;
            }
            let since = service.value.since.as_ref().and_then(|s| {
                let date = NaiveDate::parse_from_str(s.value.trim(), "%Y-%m-%d").ok();
                if date.is_none() {
                    self.error(
                        s.pos,
                        &format!("since '{}' is not a date", s.value),
                        "write the first day with data as YYYY-MM-DD",
                    );
                }
                date
            });
            out.push(Service {
                id: id.value.clone(),
                name: service
                    .value
                    .name
                    .clone()
                    .unwrap_or_else(|| id.value.clone()),
                description: service.value.description.clone(),
                group: service.value.group.clone(),
                since,
            });
        }
        out
    }
}

/// An absolute http(s) URL, ending in `/` so that paths can be appended; `None` if `text`
/// is not one. Used for `base_url` in status.yaml and for `--base-url`.
pub(crate) fn absolute_url(text: &str) -> Option<String> {
    let text = text.trim();
    let ok = (text.starts_with("https://") || text.starts_with("http://"))
        && text
            .split("://")
            .nth(1)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !text.contains(char::is_whitespace);
    ok.then(|| {
        if text.ends_with('/') {
            text.to_string()
        } else {
            format!("{text}/")
        }
    })
}

/// Why an alias is read as it is, and what to write instead.
fn alias_hint(from: &str, to: &str) -> String {
    match from {
        "se" => format!(
            "'se' is Northern Sami in BCP 47; cState uses it for Swedish, and so does statusgen when no theme brings Northern Sami. Write `language: {to}`"
        ),
        _ => format!("write `language: {to}`"),
    }
}
