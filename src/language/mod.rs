//! Languages: which UI strings a BCP 47 tag gets, and dates and numbers written the way its
//! readers write them (CLDR data, compiled in).
//!
//! The only module that touches ICU4X (`icu_locale_core`, `icu_datetime`, `icu_calendar`,
//! `icu_decimal`): the rest of statusgen sees tags as strings and formatted text.

pub(crate) mod dates;
mod joined;
pub(crate) mod tag;

pub(crate) use dates::{LocalFormats, NoFormats};
pub(crate) use tag::{Language, LanguageError, language_of_country, resolve};
