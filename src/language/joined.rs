//! A date and a time of day written as one text the way the language joins them, made from
//! the texts of the two parts. ICU writes `October 17, 2022 at 10:30 AM GMT+9` in one go
//! for several thousand instructions, while a site's pages name the same days and the same
//! times of day again and again: the parts are kept, and only the joining is done anew.
//!
//! How a language joins them is read off ICU's own whole texts and checked on probes across
//! months, days, hours, minutes and offsets; a language whose whole text is not exactly its
//! parts joined (a month taking another form beside a time, say) keeps ICU's whole texts.

use std::sync::Mutex;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Timelike};

/// The text around and between the two parts: `{date} at {time}`, or time first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Joiner {
    before: String,
    between: String,
    after: String,
    time_first: bool,
}

impl Joiner {
    /// How `whole` is made of `date` and `time`, if it holds both apart.
    fn read(whole: &str, date: &str, time: &str) -> Option<Joiner> {
        let (d, t) = (whole.find(date)?, whole.find(time)?);
        let (first, first_len, second, second_len, time_first) = if d + date.len() <= t {
            (d, date.len(), t, time.len(), false)
        } else if t + time.len() <= d {
            (t, time.len(), d, date.len(), true)
        } else {
            return None;
        };
        Some(Joiner {
            before: whole[..first].to_string(),
            between: whole[first + first_len..second].to_string(),
            after: whole[second + second_len..].to_string(),
            time_first,
        })
    }

    pub(super) fn join(&self, date: &str, time: &str) -> String {
        let (first, second) = if self.time_first {
            (time, date)
        } else {
            (date, time)
        };
        let mut out = String::with_capacity(
            self.before.len() + first.len() + self.between.len() + second.len() + self.after.len(),
        );
        for part in [&self.before, first, &self.between, second, &self.after] {
            out.push_str(part);
        }
        out
    }

    /// The joiner that makes `whole(p)` of `date(p)` and `time(p)` for every probe, if one
    /// does.
    pub(super) fn learn(
        whole: impl Fn(DateTime<FixedOffset>) -> String,
        date: impl Fn(DateTime<FixedOffset>) -> String,
        time: impl Fn(DateTime<FixedOffset>) -> String,
    ) -> Option<Joiner> {
        let probes = probes();
        let first = probes.first()?;
        let joiner = Joiner::read(&whole(*first), &date(*first), &time(*first))?;
        probes
            .iter()
            .all(|p| joiner.join(&date(*p), &time(*p)) == whole(*p))
            .then_some(joiner)
    }
}

/// Every month, short and long days, night, morning, noon and evening hours, round and odd
/// minutes, and offsets east, west, whole and fractional.
fn probes() -> Vec<DateTime<FixedOffset>> {
    const DAYS: [u32; 4] = [17, 1, 9, 28];
    const HOURS: [u32; 6] = [15, 0, 9, 12, 23, 1];
    const MINUTES: [u32; 3] = [30, 0, 59];
    const OFFSETS: [i32; 5] = [9 * 3600, 0, -(3 * 3600 + 1800), 5 * 3600 + 2700, -10 * 3600];
    (0..60)
        .filter_map(|i: usize| {
            let zone = FixedOffset::east_opt(OFFSETS[i % OFFSETS.len()])?;
            let day = NaiveDate::from_ymd_opt(2022, (i % 12) as u32 + 1, DAYS[i % DAYS.len()])?;
            let at = day.and_hms_opt(HOURS[i % HOURS.len()], MINUTES[i % MINUTES.len()], 0)?;
            zone.from_local_datetime(&at).single()
        })
        .collect()
}

/// Texts kept in a fixed number of slots, each the last text written there with the key it
/// was written for: memory does not grow with the history.
pub(super) struct Kept<K> {
    slots: Box<[Slot<K>]>,
}

type Slot<K> = Mutex<Option<(K, String)>>;

impl<K: Copy + PartialEq> Kept<K> {
    fn new(slots: usize) -> Kept<K> {
        Kept {
            slots: (0..slots).map(|_| Mutex::new(None)).collect(),
        }
    }

    fn get(&self, slot: usize, key: K, make: impl FnOnce() -> String) -> String {
        let slot = &self.slots[slot % self.slots.len()];
        if let Ok(kept) = slot.lock()
            && let Some((at, text)) = &*kept
            && *at == key
        {
            return text.clone();
        }
        let text = make();
        if let Ok(mut kept) = slot.lock() {
            *kept = Some((key, text.clone()));
        }
        text
    }
}

impl<K> std::fmt::Debug for Kept<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kept({} slots)", self.slots.len())
    }
}

/// Texts by day, a slot per day number: a year and a half of consecutive days fit.
pub(super) type ByDay = Kept<NaiveDate>;

impl Default for ByDay {
    fn default() -> ByDay {
        Kept::new(512)
    }
}

impl ByDay {
    pub(super) fn of_day(&self, day: NaiveDate, make: impl FnOnce() -> String) -> String {
        self.get(day.num_days_from_ce().unsigned_abs() as usize, day, make)
    }
}

/// Texts by minute of the day and offset, a slot per minute: a site's times are in one or
/// two offsets (summer and winter).
pub(super) type ByMinute = Kept<(u32, i32)>;

impl Default for ByMinute {
    fn default() -> ByMinute {
        Kept::new(24 * 60)
    }
}

impl ByMinute {
    pub(super) fn of_minute(
        &self,
        t: DateTime<FixedOffset>,
        make: impl FnOnce() -> String,
    ) -> String {
        let minute = t.hour() * 60 + t.minute();
        let key = (minute, t.offset().local_minus_utc());
        self.get(minute as usize, key, make)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_text_around_and_between_the_parts() {
        let joiner = Joiner::read(
            "October 17, 2022 at 3:30 PM GMT+9",
            "October 17, 2022",
            "3:30 PM GMT+9",
        )
        .unwrap();
        assert_eq!(
            joiner.join("May 1, 2023", "9:05 AM GMT"),
            "May 1, 2023 at 9:05 AM GMT"
        );
        let first = Joiner::read("[15:30] le 17", "17", "15:30").unwrap();
        assert_eq!(first.join("18", "09:00"), "[09:00] le 18");
        assert_eq!(Joiner::read("17 octobre", "18", "15:30"), None);
    }

    #[test]
    fn a_language_whose_whole_text_is_not_its_parts_keeps_the_whole() {
        let date = |t: DateTime<FixedOffset>| t.format("%B %-d").to_string();
        let time = |t: DateTime<FixedOffset>| t.format("%H:%M").to_string();
        let joined = |t: DateTime<FixedOffset>| format!("{} at {}", date(t), time(t));
        assert!(Joiner::learn(joined, date, time).is_some());
        // May is spelled otherwise beside a time: a probe finds it.
        let odd = |t: DateTime<FixedOffset>| {
            format!("{} at {}", date(t), time(t)).replace("May ", "Mai ")
        };
        assert_eq!(Joiner::learn(odd, date, time), None);
    }
}
