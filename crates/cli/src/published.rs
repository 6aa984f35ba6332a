//! Validation of `--published`: an ISO 8601 date or date-time.

/// Accepts `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM]` (a space instead
/// of `T` is accepted and normalised to `T`); returns the value as the record will hold it.
pub fn parse_published(value: &str) -> Result<String, String> {
    let value = value.trim();
    let bad = || {
        format!(
            "'{value}' is not an ISO 8601 date: expected YYYY-MM-DD or a date-time such as \
             2024-05-01T14:30:00Z"
        )
    };
    let (date, time) = match value.find(['T', 't', ' ']) {
        Some(at) => (&value[..at], Some(&value[at + 1..])),
        None => (value, None),
    };
    check_date(date).ok_or_else(bad)?;
    match time {
        None => Ok(value.to_string()),
        Some(time) => {
            check_time(time).ok_or_else(bad)?;
            Ok(format!("{date}T{time}"))
        }
    }
}

/// Parses exactly `n` ASCII digits at the start of `s`, returning the number and the rest.
fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    let head = s.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &s[n..]))
}

fn check_date(date: &str) -> Option<()> {
    let (year, rest) = digits(date, 4)?;
    let (month, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (rest.is_empty() && (1..=days).contains(&day)).then_some(())
}

fn check_time(time: &str) -> Option<()> {
    let (hour, rest) = digits(time, 2)?;
    let (minute, mut rest) = digits(rest.strip_prefix(':')?, 2)?;
    if hour > 23 || minute > 59 {
        return None;
    }
    if let Some(after) = rest.strip_prefix(':') {
        let (second, after) = digits(after, 2)?;
        if second > 60 {
            return None;
        }
        rest = after;
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return None;
            }
            rest = &fraction[len..];
        }
    }
    check_offset(rest)
}

fn check_offset(offset: &str) -> Option<()> {
    if offset.is_empty() || offset == "Z" || offset == "z" {
        return Some(());
    }
    let rest = offset.strip_prefix(['+', '-'])?;
    let (hours, rest) = digits(rest, 2)?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let (minutes, rest) = digits(rest, 2)?;
    (rest.is_empty() && hours <= 23 && minutes <= 59).then_some(())
}

#[cfg(test)]
mod tests {
    use super::parse_published;

    #[test]
    fn accepts_dates_and_datetimes() {
        for ok in [
            "2024-05-01",
            "2024-02-29",
            "2000-02-29",
            "2024-05-01T14:30",
            "2024-05-01T14:30:59Z",
            "2024-05-01T14:30:59.123+02:00",
            "2024-05-01T14:30:00-0500",
        ] {
            assert_eq!(parse_published(ok).as_deref(), Ok(ok));
        }
        assert_eq!(
            parse_published("2024-05-01 14:30Z").as_deref(),
            Ok("2024-05-01T14:30Z")
        );
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "",
            "yesterday",
            "2024-5-1",
            "2024/05/01",
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-04-31",
            "2024-05-01T",
            "2024-05-01T25:00",
            "2024-05-01T12:60",
            "2024-05-01T12:00:00+2",
            "2024-05-01T12:00:00.Z",
            "01-05-2024",
            "2024-05-01x",
            "२०२४-05-01",
        ] {
            assert!(parse_published(bad).is_err(), "{bad}");
        }
    }
}
