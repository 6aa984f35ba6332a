//! Dates mentioned in the text, absolute, partial and relative, resolved to the calendar.

use crate::text::TextDoc;
use newsloom_model::DateMention;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl Date {
    /// Parses the date part of an ISO 8601 date or date-time ("2025-10-15", "2025-10-15T09:00:00+02:00").
    pub fn parse_iso(s: &str) -> Option<Date> {
        let d = s.get(..10)?;
        let mut parts = d.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }
}

/// Finds the dates of `doc`, resolving relative ones against `anchor` (the publication date).
pub fn find(doc: &TextDoc<'_>, anchor: Option<Date>) -> Vec<DateMention> {
    let _ = (doc, anchor);
    Vec::new()
}
