//! Dates, times and numbers in a language, from CLDR: the order of day, month and year, month
//! names in the form a date or a heading needs (Russian `17 октября` but `октябрь 2022`), the
//! 12- or 24-hour clock, the offset as that language writes it, and its digits and decimal
//! separator. Always the Gregorian calendar: incident times are compared across languages.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{self, Combo, zone::LocalizedOffsetShort};
use icu_datetime::input::{DateTime as IcuDateTime, Time, UtcOffset, ZonedDateTime};
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_plurals::{PluralCategory, PluralRules};

use super::Language;
use super::joined::{ByDay, ByMinute, Joiner};

type Formatter<F> = FixedCalendarDateTimeFormatter<Gregorian, F>;

/// CLDR has no formats for a language (ICU4X's compiled data lacks it).
#[derive(Debug, thiserror::Error)]
#[error("no date formats for language '{tag}'")]
pub struct NoFormats {
    tag: String,
    #[source]
    cause: Box<dyn std::error::Error + Send + Sync>,
}

fn failed<E: std::error::Error + Send + Sync + 'static>(
    language: &Language,
) -> impl FnOnce(E) -> NoFormats + '_ {
    move |error| NoFormats {
        tag: language.tag.clone(),
        cause: Box::new(error),
    }
}

/// The formats of one language, made once per build and shared by every page.
#[derive(Debug)]
pub struct LocalFormats {
    /// `October 17, 2022 at 10:30 AM GMT+9`
    moment: Formatter<Combo<fieldsets::YMDT, LocalizedOffsetShort>>,
    /// `Oct 17, 10:30 AM`
    short: Formatter<fieldsets::MDT>,
    /// `Oct 17, 2022, 10:30 AM`, for a time of another year than now's
    short_with_year: Formatter<fieldsets::YMDT>,
    /// `October 17, 2022`
    date: Formatter<fieldsets::YMD>,
    /// `Oct 17, 2022`
    date_short: Formatter<fieldsets::YMD>,
    /// `October 2022`, as a heading says it
    month: Formatter<fieldsets::YM>,
    /// `Oct 17`
    day: Formatter<fieldsets::MD>,
    /// `Oct`, as an axis says it
    month_alone: Formatter<fieldsets::M>,
    /// `2022`, as an axis says it
    year: Formatter<fieldsets::Y>,
    /// `10:30 AM`
    clock: NoCalendarFormatter<fieldsets::T>,
    /// `10:30 AM GMT+9`
    clock_offset: Formatter<Combo<fieldsets::T, LocalizedOffsetShort>>,
    numbers: DecimalFormatter,
    plurals: PluralRules,
    /// The clock's texts by minute of the day, written when first asked: charts label the
    /// same round times again and again.
    clocks: Box<[OnceLock<String>]>,
    /// Recent days' texts, `Oct 17` and `October 17, 2022`, and times with their offset,
    /// `10:30 AM GMT+9`: every chart of a day's incidents labels the same days, and moments
    /// are made of them.
    days: ByDay,
    dates: ByDay,
    clock_offsets: ByMinute,
    /// How [`LocalFormats::moment`] and [`LocalFormats::short`] are made of those parts, where
    /// the language's whole texts are exactly its parts joined.
    moment_joiner: Option<Joiner>,
    short_joiner: Option<Joiner>,
    /// Between the parts of a duration: `2 d 3 h`, but `2日3時間` where words are not spaced.
    unit_separator: &'static str,
}

impl LocalFormats {
    pub fn new(language: &Language) -> Result<LocalFormats, NoFormats> {
        let locale = &language.locale;
        let prefs = || icu_datetime::DateTimeFormatterPreferences::from(locale);
        Ok(LocalFormats {
            moment: Formatter::try_new(
                prefs(),
                fieldsets::YMD::long()
                    .with_time_hm()
                    .with_zone(LocalizedOffsetShort),
            )
            .map_err(failed(language))?,
            short: Formatter::try_new(prefs(), fieldsets::MD::medium().with_time_hm())
                .map_err(failed(language))?,
            short_with_year: Formatter::try_new(prefs(), fieldsets::YMD::medium().with_time_hm())
                .map_err(failed(language))?,
            date: Formatter::try_new(prefs(), fieldsets::YMD::long()).map_err(failed(language))?,
            date_short: Formatter::try_new(prefs(), fieldsets::YMD::medium())
                .map_err(failed(language))?,
            month: Formatter::try_new(prefs(), month_fields(language)).map_err(failed(language))?,
            day: Formatter::try_new(prefs(), fieldsets::MD::medium()).map_err(failed(language))?,
            month_alone: Formatter::try_new(prefs(), fieldsets::M::medium())
                .map_err(failed(language))?,
            year: Formatter::try_new(prefs(), fieldsets::Y::medium()).map_err(failed(language))?,
            clock: NoCalendarFormatter::try_new(prefs(), fieldsets::T::hm())
                .map_err(failed(language))?,
            clock_offset: Formatter::try_new(
                prefs(),
                fieldsets::T::hm().with_zone(LocalizedOffsetShort),
            )
            .map_err(failed(language))?,
            numbers: DecimalFormatter::try_new(locale.into(), Default::default())
                .map_err(failed(language))?,
            plurals: PluralRules::try_new_cardinal(locale.into()).map_err(failed(language))?,
            clocks: (0..24 * 60).map(|_| OnceLock::new()).collect(),
            days: ByDay::default(),
            dates: ByDay::default(),
            clock_offsets: ByMinute::default(),
            moment_joiner: None,
            short_joiner: None,
            unit_separator: unit_separator(language),
        }
        .with_joiners())
    }

    fn with_joiners(mut self) -> LocalFormats {
        self.moment_joiner = Joiner::learn(
            |t| self.whole_moment(t),
            |t| self.date(t.date_naive()),
            |t| self.clock_with_offset(t),
        );
        self.short_joiner = Joiner::learn(
            |t| self.whole_short(t),
            |t| self.day(t.date_naive()),
            |t| self.clock(t),
        );
        self
    }

    /// Date, time and offset: `October 17, 2022 at 10:30 AM GMT+9`.
    pub fn moment(&self, t: DateTime<FixedOffset>) -> String {
        match &self.moment_joiner {
            Some(joiner) if date(t.date_naive()).is_some() => {
                let day = self
                    .dates
                    .of_day(t.date_naive(), || self.date(t.date_naive()));
                let time = self
                    .clock_offsets
                    .of_minute(t, || self.clock_with_offset(t));
                joiner.join(&day, &time)
            }
            _ => self.whole_moment(t),
        }
    }

    fn whole_moment(&self, t: DateTime<FixedOffset>) -> String {
        let Some(day) = date(t.date_naive()) else {
            return t.format("%Y-%m-%d %H:%M %:z").to_string();
        };
        let zoned = ZonedDateTime {
            date: day,
            time: time(t),
            zone: offset(t),
        };
        self.moment.format(&zoned).to_string()
    }

    /// Month, day and time, for lists: `Oct 17, 10:30 AM`.
    pub fn short(&self, t: DateTime<FixedOffset>) -> String {
        match &self.short_joiner {
            Some(joiner) if date(t.date_naive()).is_some() => {
                joiner.join(&self.day(t.date_naive()), &self.clock(t))
            }
            _ => self.whole_short(t),
        }
    }

    /// [`LocalFormats::short`] with the year, for a time of another year than now's:
    /// `Oct 17, 2022, 10:30 AM`.
    pub fn short_with_year(&self, t: DateTime<FixedOffset>) -> String {
        date_and_time(t).map_or_else(
            || t.format("%Y-%m-%d %H:%M").to_string(),
            |at| self.short_with_year.format(&at).to_string(),
        )
    }

    fn whole_short(&self, t: DateTime<FixedOffset>) -> String {
        date_and_time(t).map_or_else(
            || t.format("%m-%d %H:%M").to_string(),
            |at| self.short.format(&at).to_string(),
        )
    }

    /// `October 17, 2022`.
    pub fn date(&self, day: NaiveDate) -> String {
        date(day).map_or_else(|| day.to_string(), |d| self.date.format(&d).to_string())
    }

    /// `Oct 17, 2022`, for axes.
    pub fn date_short(&self, day: NaiveDate) -> String {
        date(day).map_or_else(
            || day.to_string(),
            |d| self.date_short.format(&d).to_string(),
        )
    }

    /// `October 2022`, standing alone as a heading.
    pub fn month(&self, day: NaiveDate) -> String {
        date(day).map_or_else(
            || day.format("%Y-%m").to_string(),
            |d| self.month.format(&d).to_string(),
        )
    }

    /// `Oct 17`, for axes.
    pub fn day(&self, day: NaiveDate) -> String {
        self.days.of_day(day, || {
            date(day).map_or_else(
                || day.format("%m-%d").to_string(),
                |d| self.day.format(&d).to_string(),
            )
        })
    }

    /// `Oct`, for axes.
    pub fn month_alone(&self, day: NaiveDate) -> String {
        date(day).map_or_else(
            || day.format("%m").to_string(),
            |d| self.month_alone.format(&d).to_string(),
        )
    }

    /// `2022`, for axes.
    pub fn year(&self, day: NaiveDate) -> String {
        date(day).map_or_else(
            || day.format("%Y").to_string(),
            |d| self.year.format(&d).to_string(),
        )
    }

    /// `10:30 AM` / `10:30`, for axes.
    pub fn clock(&self, t: DateTime<FixedOffset>) -> String {
        let minute = (t.hour() * 60 + t.minute()) as usize;
        match self.clocks.get(minute) {
            Some(kept) => kept
                .get_or_init(|| self.clock.format(&time(t)).to_string())
                .clone(),
            None => self.clock.format(&time(t)).to_string(),
        }
    }

    /// `10:30 AM GMT+9`: a time whose day is already said.
    pub fn clock_with_offset(&self, t: DateTime<FixedOffset>) -> String {
        let Some(day) = date(t.date_naive()) else {
            return t.format("%H:%M %:z").to_string();
        };
        let zoned = ZonedDateTime {
            date: day,
            time: time(t),
            zone: offset(t),
        };
        self.clock_offset.format(&zoned).to_string()
    }

    /// A whole number in the language's digits and grouping: `1,234`, `১৩`.
    pub fn integer(&self, n: i64) -> String {
        self.numbers.format(&Decimal::from(n)).to_string()
    }

    /// A number given in hundredths, with at most two decimals and none trailing: `9.5`,
    /// `9,5`, `99,72`.
    pub fn hundredths(&self, hundredths: i64) -> String {
        let mut n = Decimal::from(hundredths);
        n.multiply_pow10(-2);
        n.trim_end();
        self.numbers.format(&n).to_string()
    }

    /// What joins the parts of a duration in the language: a space, or nothing in the
    /// languages written without spaces between words.
    pub fn unit_separator(&self) -> &'static str {
        self.unit_separator
    }

    /// The CLDR plural category of `n` in the language: `one`, `few`, `many`, `other`...
    pub fn plural(&self, n: i64) -> &'static str {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// A number given in hundredths, with both decimals: `99.70`, `99,70`.
    pub fn fixed2(&self, hundredths: i64) -> String {
        let mut n = Decimal::from(hundredths);
        n.multiply_pow10(-2);
        self.numbers.format(&n).to_string()
    }
}

fn unit_separator(language: &Language) -> &'static str {
    // CLDR's unit lists join `2日3時間` without a space in these languages.
    match language.locale.id.language.as_str() {
        "ja" | "zh" | "yue" | "th" | "lo" | "km" | "my" => "",
        _ => " ",
    }
}

/// Month headings in full (`outubro de 2022`), except where the compiled data is wrong:
/// ICU4X 2.4's long year-month of Portuguese writes the week-based year (`Y`), which is the
/// next year in the last days of December; its medium form (`out. de 2022`) is right.
fn month_fields(language: &Language) -> fieldsets::YM {
    if language.locale.id.language.as_str() == "pt" {
        fieldsets::YM::medium()
    } else {
        fieldsets::YM::long()
    }
}

/// `None` for years ICU4X does not take (far outside any incident's).
fn date(day: NaiveDate) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(day.year(), day.month() as u8, day.day() as u8).ok()
}

fn date_and_time(t: DateTime<FixedOffset>) -> Option<IcuDateTime<Gregorian>> {
    Some(IcuDateTime {
        date: date(t.date_naive())?,
        time: time(t),
    })
}

fn offset(t: DateTime<FixedOffset>) -> UtcOffset {
    UtcOffset::try_from_seconds(t.offset().local_minus_utc()).unwrap_or_default()
}

fn time(t: DateTime<FixedOffset>) -> Time {
    Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0).unwrap_or(Time::start_of_day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::resolve;

    fn formats(tag: &str) -> LocalFormats {
        let available: Vec<String> = ["en", tag].iter().map(|c| c.to_string()).collect();
        LocalFormats::new(&resolve(tag, &available).unwrap()).unwrap()
    }

    /// CLDR keeps `3:30 PM` and `2022 г.` together with no-break spaces; tests read plain ones.
    fn plain(text: String) -> String {
        text.replace(['\u{202f}', '\u{a0}'], " ")
    }

    fn seoul(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn each_language_writes_dates_its_own_way() {
        let t = seoul("2022-10-17T15:30:00+09:00");
        let cases = [
            ("en", "October 17, 2022 at 3:30 PM GMT+9", "Oct 17, 3:30 PM"),
            ("de", "17. Oktober 2022 um 15:30 GMT+9", "17. Okt., 15:30"),
            (
                "ko",
                "2022년 10월 17일 오후 3:30 GMT+9",
                "10월 17일 오후 3:30",
            ),
            (
                "ko-u-hc-h23",
                "2022년 10월 17일 15:30 GMT+9",
                "10월 17일 15:30",
            ),
            ("ru", "17 октября 2022 г. в 15:30 GMT+9", "17 окт., 15:30"),
            (
                "tl",
                "Oktubre 17, 2022 nang 3:30 PM GMT+9",
                "Okt 17, 3:30 PM",
            ),
        ];
        for (tag, moment, short) in cases {
            let f = formats(tag);
            assert_eq!(plain(f.moment(t)), moment, "{tag}");
            assert_eq!(plain(f.short(t)), short, "{tag}");
        }
    }

    #[test]
    fn axes_say_parts_of_a_date() {
        let t = seoul("2022-10-17T15:30:00+09:00");
        let day = t.date_naive();
        let cases = [
            ("en", "Oct", "2022", "3:30 PM GMT+9"),
            ("de", "Okt", "2022", "15:30 GMT+9"),
            ("ko", "10월", "2022년", "오후 3:30 GMT+9"),
            ("ja", "10月", "2022年", "15:30 GMT+9"),
        ];
        for (tag, month, year, clock) in cases {
            let f = formats(tag);
            let got = (
                f.month_alone(day),
                f.year(day),
                plain(f.clock_with_offset(t)),
            );
            assert_eq!(got, (month.into(), year.into(), clock.into()), "{tag}");
        }
    }

    #[test]
    fn month_headings_stand_alone() {
        let day = NaiveDate::from_ymd_opt(2022, 10, 1).unwrap();
        assert_eq!(plain(formats("ru").month(day)), "октябрь 2022 г.");
        assert_eq!(formats("pl").month(day), "październik 2022");
        assert_eq!(formats("lt").month(day), "2022 m. spalis");
        assert_eq!(formats("en").month(day), "October 2022");
        assert_eq!(formats("pl").date(day), "1 października 2022");
    }

    /// Every format of every shipped language writes the calendar year, never the week-based
    /// one, which differs around New Year.
    #[test]
    fn new_year_is_in_the_right_year() {
        let t = seoul("2024-12-31T23:30:00+09:00");
        let shipped = [
            "bn", "de", "en", "es", "fr", "id", "it", "ja", "ko", "lt", "mk", "nl", "pl", "pt",
            "ro", "ru", "sv", "tl", "tr", "uk", "zh-Hans", "zh-Hant",
        ];
        for tag in shipped {
            let f = formats(tag);
            let texts = [f.moment(t), f.date(t.date_naive()), f.month(t.date_naive())];
            for text in texts {
                let ascii: String = text
                    .chars()
                    .map(|c| match c {
                        '০'..='৯' => char::from(b'0' + (c as u32 - '০' as u32) as u8),
                        c => c,
                    })
                    .collect();
                assert!(
                    ascii.contains("2024") && !ascii.contains("2025"),
                    "{tag}: {text}"
                );
            }
        }
    }

    #[test]
    fn numbers_use_the_language_digits_and_separators() {
        assert_eq!(formats("en").hundredths(9972), "99.72");
        assert_eq!(formats("de").hundredths(9972), "99,72");
        assert_eq!(formats("de").hundredths(950), "9,5");
        assert_eq!(formats("en").hundredths(4300), "43");
        assert_eq!(formats("en").fixed2(10000), "100.00");
        assert_eq!(formats("fr").fixed2(9970), "99,70");
        assert_eq!(formats("en").integer(12345), "12,345");
        assert_eq!(formats("bn").integer(13), "১৩");
        assert_eq!(formats("bn-u-nu-latn").integer(13), "13");
    }

    #[test]
    fn plural_categories_follow_the_language() {
        let ru = formats("ru");
        let categories: Vec<&str> = [1, 3, 5, 21, 90].iter().map(|n| ru.plural(*n)).collect();
        assert_eq!(categories, ["one", "few", "many", "one", "many"]);
        assert_eq!(formats("ro").plural(14), "few");
        assert_eq!(formats("ro").plural(90), "other");
        assert_eq!(formats("ko").plural(1), "other");
    }

    /// Moments and short times made of their kept parts say exactly what ICU writes whole, in
    /// every built-in language, over decades, at every kind of offset; and the parts are
    /// used for most languages (a language whose texts are not its parts joined keeps ICU's).
    #[test]
    fn moments_made_of_their_parts_read_as_icu_writes_them_whole() {
        let tags: Vec<String> = crate::theme::builtin_files()
            .iter()
            .filter_map(|(path, _)| path.strip_prefix("i18n/")?.strip_suffix(".yaml"))
            .map(str::to_string)
            .collect();
        assert!(tags.len() >= 22, "{tags:?}");
        let offsets = [
            0,
            9 * 3600,
            -(4 * 3600),
            5 * 3600 + 1800,
            12 * 3600 + 2700,
            -(9 * 3600 + 1800),
        ];
        let mut joined = 0;
        for tag in &tags {
            let f = formats(tag);
            joined +=
                usize::from(f.moment_joiner.is_some()) + usize::from(f.short_joiner.is_some());
            let mut seconds: i64 = 631_152_000; // 1990-01-01
            for n in 0..400 {
                seconds += 4_999_999 + n * 7_919;
                let zone = FixedOffset::east_opt(offsets[n as usize % offsets.len()]).unwrap();
                let t = DateTime::from_timestamp(seconds, 0)
                    .unwrap()
                    .with_timezone(&zone);
                assert_eq!(f.moment(t), f.whole_moment(t), "{tag} at {t}");
                assert_eq!(f.short(t), f.whole_short(t), "{tag} at {t}");
            }
        }
        assert!(
            joined * 4 >= tags.len() * 2 * 3,
            "{joined} of {} joined",
            tags.len() * 2
        );
    }

    /// The last days of December belong to the next week-based year: a short time with its
    /// year must say the calendar year, in every built-in language and its digits.
    #[test]
    fn short_times_with_their_year_say_the_calendar_year() {
        let tags = crate::theme::builtin_files()
            .iter()
            .filter_map(|(path, _)| path.strip_prefix("i18n/")?.strip_suffix(".yaml"));
        for tag in tags {
            let f = formats(tag);
            let digits = |year: i32| -> String {
                year.to_string()
                    .chars()
                    .map(|d| f.integer(i64::from(d.to_digit(10).unwrap_or(0))))
                    .collect()
            };
            for day in [
                "2024-12-30",
                "2024-12-31",
                "2026-12-28",
                "2027-01-01",
                "2027-01-03",
            ] {
                let t = seoul(&format!("{day}T15:30:00+09:00"));
                let text = f.short_with_year(t);
                let year = chrono::Datelike::year(&t);
                assert!(text.contains(&digits(year)), "{tag} {day}: {text}");
                for other in [year - 1, year + 1] {
                    assert!(!text.contains(&digits(other)), "{tag} {day}: {text}");
                }
            }
        }
    }
}
