//! ISO 8601 dates to Unix seconds and back, for the `published` column and range filters.
//!
//! Only the forms the extraction stage writes are accepted: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and
//! `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]` (a space may replace the `T`). A date without a
//! time zone is taken as UTC.

use std::time::{SystemTime, UNIX_EPOCH};

/// A parsed date: the first second it covers and the first second after it.
///
/// `2024-03` covers March 2024, so `start` is 2024-03-01T00:00:00Z and `end` 2024-04-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateRange {
    /// Unix seconds of the first instant covered.
    pub start: i64,
    /// Unix seconds of the first instant after the range.
    pub end: i64,
}

/// True when `value` is an ISO 8601 date or date-time that search filters accept (`2030`,
/// `2030-10`, `2030-10-08`, `2030-10-08T11:20:00+01:00`).
pub fn is_iso_date(value: &str) -> bool {
    parse_iso(value).is_some()
}

/// Parses an ISO 8601 date or date-time; `None` when it is not one.
pub(crate) fn parse_iso(value: &str) -> Option<DateRange> {
    let s = value.trim();
    let bytes = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = num(0, 4)?;
    if bytes.len() == 4 {
        let start = days_from_civil(year, 1, 1) * 86_400;
        return Some(DateRange {
            start,
            end: days_from_civil(year + 1, 1, 1) * 86_400,
        });
    }
    if bytes.get(4) != Some(&b'-') {
        return None;
    }
    let month = num(5, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if bytes.len() == 7 {
        let (ny, nm) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        return Some(DateRange {
            start: days_from_civil(year, month, 1) * 86_400,
            end: days_from_civil(ny, nm, 1) * 86_400,
        });
    }
    if bytes.get(7) != Some(&b'-') {
        return None;
    }
    let day = num(8, 2)?;
    if !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let midnight = days_from_civil(year, month, day) * 86_400;
    if bytes.len() == 10 {
        return Some(DateRange {
            start: midnight,
            end: midnight + 86_400,
        });
    }
    if !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) || bytes.get(13) != Some(&b':') {
        return None;
    }
    let hour = num(11, 2)?;
    let minute = num(14, 2)?;
    let mut pos = 16;
    let mut second = 0;
    let mut precision = 60;
    if bytes.get(pos) == Some(&b':') {
        second = num(17, 2)?;
        pos = 19;
        precision = 1;
        if bytes.get(pos) == Some(&b'.') || bytes.get(pos) == Some(&b',') {
            pos += 1;
            while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match bytes.get(pos) {
        None => 0,
        Some(b'Z' | b'z') if pos + 1 == bytes.len() => 0,
        Some(sign @ (b'+' | b'-')) => {
            let oh = num(pos + 1, 2)?;
            let om = match bytes.get(pos + 3) {
                Some(b':') => num(pos + 4, 2)?,
                Some(_) => num(pos + 3, 2)?,
                None => 0,
            };
            let rest = &s[pos + 1..];
            if !matches!(rest.len(), 2 | 4 | 5) {
                return None;
            }
            let secs = oh * 3600 + om * 60;
            if *sign == b'+' {
                secs
            } else {
                -secs
            }
        }
        _ => return None,
    };
    let start = midnight + hour * 3600 + minute * 60 + second - offset;
    Some(DateRange {
        start,
        end: start + precision,
    })
}

/// The current time as RFC 3339 in UTC (`2024-03-05T14:07:00Z`).
pub(crate) fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    format_rfc3339(secs)
}

/// Formats Unix seconds as RFC 3339 in UTC.
pub(crate) fn format_rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// `YYYY-MM` of Unix seconds, in UTC.
pub(crate) fn month_of(secs: i64) -> String {
    let (y, m, _) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}")
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let day = parse_iso("2024-03-05").unwrap();
        assert_eq!(format_rfc3339(day.start), "2024-03-05T00:00:00Z");
        assert_eq!(day.end - day.start, 86_400);
        let month = parse_iso("2024-02").unwrap();
        assert_eq!(format_rfc3339(month.end), "2024-03-01T00:00:00Z");
        let year = parse_iso("2023").unwrap();
        assert_eq!(format_rfc3339(year.end), "2024-01-01T00:00:00Z");
    }

    #[test]
    fn applies_offsets() {
        let t = parse_iso("2024-03-05T14:07:09+02:00").unwrap();
        assert_eq!(format_rfc3339(t.start), "2024-03-05T12:07:09Z");
        let t = parse_iso("2024-03-05T14:07:09.123Z").unwrap();
        assert_eq!(format_rfc3339(t.start), "2024-03-05T14:07:09Z");
        let t = parse_iso("2024-03-05 14:07-0500").unwrap();
        assert_eq!(format_rfc3339(t.start), "2024-03-05T19:07:00Z");
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "March 2024",
            "2024-13",
            "2024-02-30",
            "2024-03-05T25:00",
            "20240305",
        ] {
            assert!(parse_iso(s).is_none(), "{s}");
        }
    }

    #[test]
    fn month_of_and_epoch() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            month_of(parse_iso("1999-12-31T23:59:59Z").unwrap().start),
            "1999-12"
        );
    }
}
