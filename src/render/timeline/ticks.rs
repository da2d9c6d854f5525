//! The ticks of the timeline's two axes: time since the start, and the clock in the site's
//! timezone. Each axis uses one unit at a time, at most a dozen labels at any span (from
//! minutes to decades), dates where the day changes and years where the year does.

use std::sync::{Arc, Mutex};

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::model::Instant;
use crate::render::format::Formatter;

/// At most this many labels on a wide chart, and on a phone.
pub(super) const MAX_WIDE: usize = 12;
pub(super) const MAX_NARROW: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Minute,
    Hour,
    Day,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Step {
    pub unit: Unit,
    pub every: u32,
}

const fn step(unit: Unit, every: u32) -> Step {
    Step { unit, every }
}

use Unit::{Day, Hour, Minute, Month, Year};

/// Steps since the start: hours up to a day, then days, months and years.
const ELAPSED: [Step; 24] = [
    step(Minute, 1),
    step(Minute, 2),
    step(Minute, 5),
    step(Minute, 10),
    step(Minute, 15),
    step(Minute, 30),
    step(Hour, 1),
    step(Hour, 2),
    step(Hour, 3),
    step(Hour, 6),
    step(Hour, 12),
    step(Hour, 24),
    step(Day, 2),
    step(Day, 7),
    step(Day, 14),
    step(Month, 1),
    step(Month, 2),
    step(Month, 3),
    step(Month, 6),
    step(Year, 1),
    step(Year, 2),
    step(Year, 5),
    step(Year, 10),
    step(Year, 20),
];

/// Steps of the clock: round local times, midnights, Mondays, month and year starts.
const CLOCK: [Step; 26] = [
    step(Minute, 1),
    step(Minute, 2),
    step(Minute, 5),
    step(Minute, 10),
    step(Minute, 15),
    step(Minute, 30),
    step(Hour, 1),
    step(Hour, 2),
    step(Hour, 3),
    step(Hour, 6),
    step(Hour, 12),
    step(Day, 1),
    step(Day, 2),
    step(Day, 7),
    step(Day, 14),
    step(Month, 1),
    step(Month, 2),
    step(Month, 3),
    step(Month, 6),
    step(Year, 1),
    step(Year, 2),
    step(Year, 5),
    step(Year, 10),
    step(Year, 20),
    step(Year, 50),
    step(Year, 100),
];

impl Step {
    fn approx(self) -> Duration {
        let n = i64::from(self.every);
        match self.unit {
            Minute => Duration::minutes(n),
            Hour => Duration::hours(n),
            Day => Duration::days(n),
            Month => Duration::days(30 * n),
            Year => Duration::days(365 * n),
        }
    }
}

/// One labelled tick: where (0 at the start, 1 at the end), its text, and the date or year
/// it starts, if any.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    pub frac: f64,
    pub text: String,
    pub context: Option<String>,
}

/// The first step of `steps` giving at most `max` ticks, and its ticks.
fn choose(
    steps: &[Step],
    start: Instant,
    end: Instant,
    max: usize,
    ticks: impl FnMut(Step) -> Vec<Instant>,
) -> (Step, Vec<Instant>) {
    // A step has at least one tick less than its estimate (a DST day has 23 hours, a month
    // 31 days where the estimate counts 30): past `max + 2` it is certainly too fine.
    choose_below(steps, (start, end), max, max as i64 + 2, ticks)
}

/// [`choose`], trying only the steps estimated at `try_up_to` ticks or fewer: a one-minute
/// step over decades must never be generated.
fn choose_below(
    steps: &[Step],
    (start, end): (Instant, Instant),
    max: usize,
    try_up_to: i64,
    mut ticks: impl FnMut(Step) -> Vec<Instant>,
) -> (Step, Vec<Instant>) {
    let span = (end - start).max(Duration::seconds(1));
    for &s in steps {
        let estimate = span.num_seconds() / s.approx().num_seconds();
        if estimate > try_up_to {
            continue;
        }
        let list = ticks(s);
        if list.len() <= max {
            return (s, list);
        }
    }
    let last = steps[steps.len() - 1];
    (last, ticks(last))
}

/// Ticks since the start: `start`, `start + step`, ... up to `end`.
pub(super) fn elapsed_ticks(start: Instant, end: Instant, s: Step) -> Vec<Instant> {
    let mut out = Vec::new();
    for n in 0.. {
        let k = n * s.every;
        let t = match s.unit {
            Month => start.checked_add_months(Months::new(k)),
            Year => start.checked_add_months(Months::new(k * 12)),
            _ => Some(start + s.approx() * n as i32),
        };
        match t {
            Some(t) if t <= end => out.push(t),
            _ => break,
        }
    }
    out
}

/// Round moments of the local clock inside `[start, end]`.
pub(super) fn clock_ticks(f: &Formatter, start: Instant, end: Instant, s: Step) -> Vec<Instant> {
    let zone = f.zone;
    let (first, last) = (zone.date_of(start), zone.date_of(end));
    let mut out = Vec::new();
    let mut push = |t: Option<Instant>| {
        if let Some(t) = t.filter(|t| *t >= start && *t <= end) {
            out.push(t);
        }
    };
    match s.unit {
        Minute | Hour => {
            let minutes = match s.unit {
                Hour => s.every * 60,
                _ => s.every,
            };
            // Reading a wall-clock time in the zone is monotonic: a later local time never
            // resolves to an earlier instant. So no tick before the local time of `start`
            // can fall inside, and the first past `end` ends the walk; a short span costs its
            // own ticks, not those of whole days.
            let from = zone.local(start).naive_local();
            let step = i64::from(minutes) * 60;
            'days: for date in days(first, last) {
                let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
                let skip = (from - midnight).num_seconds().max(0);
                let first_k = u32::try_from((skip + step - 1) / step).unwrap_or(u32::MAX);
                for k in first_k..(1440 / minutes) {
                    let naive = midnight + Duration::minutes(i64::from(k * minutes));
                    // A local time skipped by a DST change has no tick.
                    match zone.resolve(naive) {
                        Some(t) if t > end => break 'days,
                        t => push(t),
                    }
                }
            }
        }
        Day => {
            for date in days(first, last) {
                let keep = match s.every {
                    7 => date.weekday() == chrono::Weekday::Mon,
                    14 => date.weekday() == chrono::Weekday::Mon && date.iso_week().week() % 2 == 1,
                    n => date.num_days_from_ce() % n as i32 == 0,
                };
                if keep {
                    push(Some(zone.start_of_day(date)));
                }
            }
        }
        Month | Year => {
            let months = if s.unit == Year {
                12 * s.every
            } else {
                s.every
            };
            let mut date = first.with_day(1).unwrap_or(first);
            while date <= last {
                let index = date.year() as i64 * 12 + i64::from(date.month0());
                if index.rem_euclid(i64::from(months)) == 0 {
                    push(Some(zone.start_of_day(date)));
                }
                date = match date.checked_add_months(Months::new(1)) {
                    Some(next) => next,
                    None => break,
                };
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn days(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |d| *d <= last)
}

fn frac(start: Instant, end: Instant, t: Instant) -> f64 {
    let span = (end - start).num_seconds().max(1) as f64;
    ((t - start).num_seconds() as f64 / span).clamp(0.0, 1.0)
}

/// Labels of the wide layout and of phones, and the step of each.
type Both = ((Vec<Label>, Vec<Label>), [Step; 2]);

/// The labels of both layouts, wide and phone, from `label`: the phone's axis tries again the
/// steps the wide one tried, so each step's ticks are made once, and its labels once when
/// both layouts keep the same step.
fn both(
    steps: &[Step],
    (start, end): (Instant, Instant),
    mut ticks: impl FnMut(Step) -> Vec<Instant>,
    label: impl Fn(Step, &[Instant]) -> Vec<Label>,
) -> Both {
    let mut made: Vec<(Step, Vec<Instant>)> = Vec::new();
    let mut once = |s: Step| {
        if let Some((_, list)) = made.iter().find(|(step, _)| *step == s) {
            return list.clone();
        }
        let list = ticks(s);
        made.push((s, list.clone()));
        list
    };
    let (wide_step, wide_ticks) = choose(steps, start, end, MAX_WIDE, &mut once);
    let (narrow_step, narrow_ticks) = choose(steps, start, end, MAX_NARROW, &mut once);
    let wide = label(wide_step, &wide_ticks);
    let narrow = if narrow_step == wide_step {
        wide.clone()
    } else {
        label(narrow_step, &narrow_ticks)
    };
    ((wide, narrow), [wide_step, narrow_step])
}

/// Labels of the axis of time since the start: `start`, `+12 h`, `+24 h`...
#[cfg(test)]
pub(super) fn elapsed_labels(
    f: &Formatter,
    start: Instant,
    end: Instant,
    max: usize,
) -> Vec<Label> {
    let (s, ticks) = choose(&ELAPSED, start, end, max, |s| elapsed_ticks(start, end, s));
    elapsed_texts(f, (start, end), s, &ticks)
}

/// Labels of the axis of time since the start (`start`, `+12 h`, `+24 h`...), of the wide
/// layout and of phones.
pub(super) fn elapsed_both(f: &Formatter, start: Instant, end: Instant) -> ElapsedAxis {
    let span = (end - start).num_seconds();
    f.memo.elapsed_axes.get(span, || {
        both(
            &ELAPSED,
            (start, end),
            |s| elapsed_ticks(start, end, s),
            |s, ticks| elapsed_texts(f, (start, end), s, ticks),
        )
    })
}

/// The labels of the axis of time since the start, wide and on phones.
pub(crate) type ElapsedAxis = Arc<(Vec<Label>, Vec<Label>)>;

/// Axes of time since the start by length of span, in slots that keep the last one each.
/// Steps of whole minutes, hours and days are counted from the start: such an axis depends
/// on the length of its span alone, and incidents of one length come back often. Month and
/// year steps follow the calendar: those axes are not kept.
pub(crate) struct ElapsedMemo {
    slots: Box<[ElapsedSlot]>,
}

/// One kept axis with the span length, in seconds, it was made for.
type ElapsedSlot = Mutex<Option<(i64, ElapsedAxis)>>;

const ELAPSED_SLOTS: usize = 1024;

impl Default for ElapsedMemo {
    fn default() -> ElapsedMemo {
        ElapsedMemo {
            slots: (0..ELAPSED_SLOTS).map(|_| Mutex::new(None)).collect(),
        }
    }
}

impl ElapsedMemo {
    /// The axis of a span of `span` seconds, from `make` (which also says the steps it
    /// used) unless kept.
    fn get(&self, span: i64, make: impl FnOnce() -> Both) -> ElapsedAxis {
        let slot = &self.slots[(span.unsigned_abs() % ELAPSED_SLOTS as u64) as usize];
        if let Ok(kept) = slot.lock()
            && let Some((seconds, axis)) = &*kept
            && *seconds == span
        {
            return axis.clone();
        }
        let (labels, steps) = make();
        let axis = Arc::new(labels);
        let from_the_start = |s: Step| !matches!(s.unit, Month | Year);
        if steps.iter().all(|s| from_the_start(*s))
            && let Ok(mut kept) = slot.lock()
        {
            *kept = Some((span, axis.clone()));
        }
        axis
    }
}

fn elapsed_texts(
    f: &Formatter,
    (start, end): (Instant, Instant),
    s: Step,
    ticks: &[Instant],
) -> Vec<Label> {
    let key = match s.unit {
        Minute => "duration_min",
        Hour => "duration_h",
        Day => "duration_d",
        Month => "duration_mo",
        Year => "duration_y",
    };
    ticks
        .iter()
        .enumerate()
        .map(|(n, t)| Label {
            frac: frac(start, end, *t),
            text: if n == 0 {
                f.strings.get("axis_start").to_string()
            } else {
                let mut text = String::from("+");
                text.push_str(&f.fill(key, n as u32 * s.every));
                text
            },
            context: None,
        })
        .collect()
}

/// Labels of the clock axis: times with the date where the day changes; dates with the
/// year where it changes (when the span crosses years); months with their year; years.
#[cfg(test)]
pub(super) fn clock_labels(f: &Formatter, start: Instant, end: Instant, max: usize) -> Vec<Label> {
    let (s, ticks) = choose(&CLOCK, start, end, max, |s| clock_ticks(f, start, end, s));
    clock_texts(f, (start, end), s, &ticks)
}

/// Labels of the clock axis (times with the date where the day changes, dates, months,
/// years), of the wide layout and of phones.
pub(super) fn clock_both(f: &Formatter, start: Instant, end: Instant) -> (Vec<Label>, Vec<Label>) {
    both(
        &CLOCK,
        (start, end),
        |s| clock_ticks(f, start, end, s),
        |s, ticks| clock_texts(f, (start, end), s, ticks),
    )
    .0
}

fn clock_texts(
    f: &Formatter,
    (start, end): (Instant, Instant),
    s: Step,
    ticks: &[Instant],
) -> Vec<Label> {
    let zone = f.zone;
    let crosses_years = zone.date_of(start).year() != zone.date_of(end).year();
    let mut previous: Option<NaiveDate> = None;
    ticks
        .iter()
        .map(|t| {
            let date = zone.date_of(*t);
            let new_day = previous.is_none_or(|p| p != date);
            let new_year = previous.is_none_or(|p| p.year() != date.year());
            previous = Some(date);
            let (text, context) = match s.unit {
                Minute | Hour => {
                    let day = || {
                        if crosses_years && new_year {
                            f.date_short(date)
                        } else {
                            f.day(*t)
                        }
                    };
                    (f.clock(*t), new_day.then(day))
                }
                Day => (f.day(*t), (crosses_years && new_year).then(|| f.year(*t))),
                Month => (f.month_alone(*t), new_year.then(|| f.year(*t))),
                Year => (f.year(*t), None),
            };
            Label {
                frac: frac(start, end, *t),
                text,
                context,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "ticks_tests.rs"]
mod tests;
