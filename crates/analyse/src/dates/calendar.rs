//! Proleptic Gregorian calendar arithmetic: leap years, month lengths, day numbers and weekdays.
//!
//! Day numbers count days from 1970-01-01 with Howard Hinnant's `days_from_civil` algorithm, so
//! adding days and finding weekdays are plain integer arithmetic.

use super::Date;

/// Weekday index of Monday; weekdays are numbered Monday = 0 … Sunday = 6.
pub const MONDAY: u32 = 0;
/// Weekday of 1970-01-01 (a Thursday), the day number 0.
const EPOCH_WEEKDAY: i64 = 3;
/// Days in a 400-year Gregorian era.
const DAYS_PER_ERA: i64 = 146_097;
/// Days from 0000-03-01 to 1970-01-01.
const EPOCH_SHIFT: i64 = 719_468;

/// True when `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True when `day` exists in `month` of some year (February 29 counts).
pub fn day_exists_in_some_year(month: u32, day: u32) -> bool {
    day >= 1 && day <= days_in_month(2000, month)
}

impl Date {
    /// A date when it exists in the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn day_number(self) -> i64 {
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * DAYS_PER_ERA + doe - EPOCH_SHIFT
    }

    /// The date of day number `z` (days since 1970-01-01).
    pub fn from_day_number(z: i64) -> Date {
        let z = z + EPOCH_SHIFT;
        let era = z.div_euclid(DAYS_PER_ERA);
        let doe = z - era * DAYS_PER_ERA;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
            month: u32::try_from(month).unwrap_or(1),
            day: u32::try_from(day).unwrap_or(1),
        }
    }

    /// Weekday, Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u32 {
        u32::try_from((self.day_number() + EPOCH_WEEKDAY).rem_euclid(7)).unwrap_or(MONDAY)
    }

    /// The date `days` days later (earlier when negative).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_day_number(self.day_number() + days)
    }

    /// Year and month `months` months later (earlier when negative); the day is dropped.
    pub fn add_months(self, months: i32) -> (i32, u32) {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap(2024));
        assert!(is_leap(2000));
        assert!(!is_leap(1900));
        assert!(!is_leap(2025));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2025, 9), 30);
        assert_eq!(days_in_month(2025, 13), 0);
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2028, 2, 29).is_some());
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(d(1970, 1, 1).day_number(), 0);
        assert_eq!(d(2000, 3, 1).day_number(), 11_017);
        assert_eq!(d(1969, 12, 31).day_number(), -1);
        for z in (-800_000..800_000).step_by(97) {
            assert_eq!(Date::from_day_number(z).day_number(), z);
        }
    }

    #[test]
    fn weekdays_are_known() {
        assert_eq!(d(1970, 1, 1).weekday(), 3); // Thursday
        assert_eq!(d(2025, 10, 15).weekday(), 2); // Wednesday
        assert_eq!(d(2030, 10, 16).weekday(), 2); // Wednesday
        assert_eq!(d(2000, 2, 29).weekday(), 1); // Tuesday
        assert_eq!(d(1900, 1, 1).weekday(), 0); // Monday
    }

    #[test]
    fn adding_days_and_months_crosses_boundaries() {
        assert_eq!(d(2024, 2, 28).add_days(1), d(2024, 2, 29));
        assert_eq!(d(2025, 12, 31).add_days(1), d(2026, 1, 1));
        assert_eq!(d(2025, 3, 1).add_days(-1), d(2025, 2, 28));
        assert_eq!(d(2025, 1, 15).add_months(-1), (2024, 12));
        assert_eq!(d(2025, 12, 15).add_months(1), (2026, 1));
        assert_eq!(d(2025, 10, 15).add_months(-22), (2023, 12));
    }
}
