//! Turning a recognised date expression into a calendar value, given the anchor (the
//! article's publication date) and whether its sentence is about the future.

use super::Date;

/// A word that shifts a month, weekday, date or unit relative to the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    /// "last", "dernier", "pasado", "letzte", "scorso": strictly before the anchor.
    Last,
    /// "next", "prochain", "próximo", "nächste", "prossimo": strictly after the anchor.
    Next,
    /// "this", "cette", "este", "diese", "questo": the anchor's own week, month or year.
    This,
}

impl Modifier {
    /// The unit offset the modifier stands for.
    pub fn offset(self) -> i32 {
        match self {
            Modifier::Last => -1,
            Modifier::Next => 1,
            Modifier::This => 0,
        }
    }
}

/// A calendar unit of a relative expression ("last week").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A week: resolves to the month (`YYYY-MM`) of the anchor shifted by 7 days per step.
    Week,
    /// A month: resolves to `YYYY-MM`.
    Month,
    /// A year: resolves to `YYYY`.
    Year,
}

/// What a date mention says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expr {
    /// A complete date ("October 8, 2030", "2030-10-14").
    Full(Date),
    /// Day and month without a year ("8 October").
    DayMonth {
        /// Month 1–12.
        month: u32,
        /// Day 1–31.
        day: u32,
        /// "le 15 septembre dernier", "el próximo 15 de septiembre".
        modifier: Option<Modifier>,
        /// The weekday written with it ("lundi 4 mai"), Monday = 0: it picks between the
        /// past and the future occurrence when only one of them falls on that weekday.
        weekday: Option<u32>,
    },
    /// Month and year ("October 2030").
    MonthYear {
        /// Year.
        year: i32,
        /// Month 1–12.
        month: u32,
    },
    /// A month alone ("in March", "last March").
    Month {
        /// Month 1–12.
        month: u32,
        /// "last", "next", "this".
        modifier: Option<Modifier>,
    },
    /// A year alone ("in 2027").
    Year(i32),
    /// A day relative to the anchor: yesterday = −1, today = 0, tomorrow = 1.
    DayOffset(i32),
    /// A week, month or year relative to the anchor ("last week" = Week, −1).
    UnitOffset {
        /// The unit.
        unit: Unit,
        /// Steps from the anchor.
        offset: i32,
    },
    /// A weekday ("on Tuesday", "lunedì sera", "next Monday").
    Weekday {
        /// Monday = 0 … Sunday = 6.
        weekday: u32,
        /// "last", "next", "this".
        modifier: Option<Modifier>,
    },
}

/// How far to look for a year in which February 29 exists.
const LEAP_SEARCH_YEARS: i32 = 8;

/// Resolves `expr` to `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Expressions without a year need the
/// anchor (`None` without one). `future` says whether the sentence is about the future: dates
/// without a year then resolve to their next occurrence after the anchor instead of the most
/// recent one on or before it.
pub fn resolve(expr: Expr, anchor: Option<Date>, future: bool) -> Option<String> {
    match expr {
        Expr::Full(d) => Some(ymd(d)),
        Expr::MonthYear { year, month } => Some(ym(year, month)),
        Expr::Year(y) => Some(format!("{y:04}")),
        Expr::DayMonth {
            month,
            day,
            modifier,
            weekday,
        } => {
            let a = anchor?;
            let forward = match modifier {
                Some(Modifier::Next) => true,
                Some(Modifier::Last) => false,
                _ => future,
            };
            let preferred = day_month(a, month, day, forward);
            let by_weekday = weekday.filter(|_| modifier.is_none()).and_then(|w| {
                [preferred, day_month(a, month, day, !forward)]
                    .into_iter()
                    .flatten()
                    .find(|d| d.weekday() == w)
            });
            by_weekday.or(preferred).map(ymd)
        }
        Expr::Month { month, modifier } => {
            let a = anchor?;
            let year = match modifier {
                Some(Modifier::Last) if month < a.month => a.year,
                Some(Modifier::Last) => a.year - 1,
                Some(Modifier::Next) if month > a.month => a.year,
                Some(Modifier::Next) => a.year + 1,
                Some(Modifier::This) => a.year,
                None if future && month >= a.month => a.year,
                None if future => a.year + 1,
                None if month <= a.month => a.year,
                None => a.year - 1,
            };
            Some(ym(year, month))
        }
        Expr::DayOffset(n) => Some(ymd(anchor?.add_days(i64::from(n)))),
        Expr::UnitOffset { unit, offset } => {
            let a = anchor?;
            Some(match unit {
                Unit::Week => {
                    let d = a.add_days(7 * i64::from(offset));
                    ym(d.year, d.month)
                }
                Unit::Month => {
                    let (y, m) = a.add_months(offset);
                    ym(y, m)
                }
                Unit::Year => format!("{:04}", a.year + offset),
            })
        }
        Expr::Weekday { weekday, modifier } => {
            let a = anchor?;
            let aw = i64::from(a.weekday());
            let w = i64::from(weekday);
            let back = (aw - w).rem_euclid(7);
            let ahead = (w - aw).rem_euclid(7);
            let shift = match modifier {
                Some(Modifier::Last) => -(if back == 0 { 7 } else { back }),
                Some(Modifier::Next) => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                _ if future => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                _ => -back,
            };
            Some(ymd(a.add_days(shift)))
        }
    }
}

/// The occurrence of `month`/`day` nearest the anchor: on or before it, or strictly after it
/// when `forward`. February 29 moves on to the nearest leap year in that direction.
fn day_month(anchor: Date, month: u32, day: u32, forward: bool) -> Option<Date> {
    let key = (month, day);
    let here = (anchor.month, anchor.day);
    let mut year = match (forward, key <= here) {
        (false, true) | (true, false) => anchor.year,
        (false, false) => anchor.year - 1,
        (true, true) => anchor.year + 1,
    };
    let step = if forward { 1 } else { -1 };
    for _ in 0..LEAP_SEARCH_YEARS {
        if let Some(d) = Date::new(year, month, day) {
            return Some(d);
        }
        year += step;
    }
    None
}

fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

fn ym(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANCHOR: Date = Date {
        year: 2025,
        month: 10,
        day: 15,
    }; // a Wednesday

    fn r(expr: Expr, future: bool) -> Option<String> {
        resolve(expr, Some(ANCHOR), future)
    }

    #[test]
    fn day_month_goes_back_or_forward() {
        let oct8 = Expr::DayMonth {
            month: 10,
            day: 8,
            modifier: None,
            weekday: None,
        };
        assert_eq!(r(oct8, false).as_deref(), Some("2025-10-08"));
        assert_eq!(r(oct8, true).as_deref(), Some("2026-10-08"));
        let dec1 = Expr::DayMonth {
            month: 12,
            day: 1,
            modifier: None,
            weekday: None,
        };
        assert_eq!(r(dec1, false).as_deref(), Some("2024-12-01"));
        assert_eq!(r(dec1, true).as_deref(), Some("2025-12-01"));
        let same = Expr::DayMonth {
            month: 10,
            day: 15,
            modifier: None,
            weekday: None,
        };
        assert_eq!(r(same, false).as_deref(), Some("2025-10-15"));
        let last = Expr::DayMonth {
            month: 12,
            day: 1,
            modifier: Some(Modifier::Last),
            weekday: None,
        };
        assert_eq!(r(last, true).as_deref(), Some("2024-12-01"));
    }

    #[test]
    fn a_weekday_picks_the_year() {
        // 2025-11-03 is a Monday, 2024-11-03 a Sunday.
        let with = |weekday| Expr::DayMonth {
            month: 11,
            day: 3,
            modifier: None,
            weekday: Some(weekday),
        };
        assert_eq!(r(with(0), false).as_deref(), Some("2025-11-03"));
        assert_eq!(r(with(6), true).as_deref(), Some("2024-11-03"));
        assert_eq!(r(with(2), false).as_deref(), Some("2024-11-03"));
    }

    #[test]
    fn february_29_finds_a_leap_year() {
        let feb29 = Expr::DayMonth {
            month: 2,
            day: 29,
            modifier: None,
            weekday: None,
        };
        assert_eq!(r(feb29, false).as_deref(), Some("2024-02-29"));
        assert_eq!(r(feb29, true).as_deref(), Some("2028-02-29"));
    }

    #[test]
    fn months_follow_modifier_and_tense() {
        let m = |month, modifier| Expr::Month { month, modifier };
        assert_eq!(r(m(3, None), false).as_deref(), Some("2025-03"));
        assert_eq!(r(m(11, None), false).as_deref(), Some("2024-11"));
        assert_eq!(r(m(9, None), true).as_deref(), Some("2026-09"));
        assert_eq!(r(m(10, None), true).as_deref(), Some("2025-10"));
        assert_eq!(
            r(m(10, Some(Modifier::Last)), false).as_deref(),
            Some("2024-10")
        );
        assert_eq!(
            r(m(3, Some(Modifier::Next)), false).as_deref(),
            Some("2026-03")
        );
        assert_eq!(
            r(m(3, Some(Modifier::This)), true).as_deref(),
            Some("2025-03")
        );
    }

    #[test]
    fn weekdays_count_back_and_forward() {
        let w = |weekday, modifier| Expr::Weekday { weekday, modifier };
        assert_eq!(r(w(1, None), false).as_deref(), Some("2025-10-14"));
        assert_eq!(r(w(2, None), false).as_deref(), Some("2025-10-15"));
        assert_eq!(r(w(2, None), true).as_deref(), Some("2025-10-22"));
        assert_eq!(r(w(4, None), true).as_deref(), Some("2025-10-17"));
        assert_eq!(
            r(w(2, Some(Modifier::Last)), false).as_deref(),
            Some("2025-10-08")
        );
        assert_eq!(
            r(w(0, Some(Modifier::Next)), false).as_deref(),
            Some("2025-10-20")
        );
    }

    #[test]
    fn relative_units_and_days() {
        assert_eq!(r(Expr::DayOffset(-1), false).as_deref(), Some("2025-10-14"));
        assert_eq!(r(Expr::DayOffset(20), false).as_deref(), Some("2025-11-04"));
        let u = |unit, offset| Expr::UnitOffset { unit, offset };
        assert_eq!(r(u(Unit::Week, -1), false).as_deref(), Some("2025-10"));
        assert_eq!(r(u(Unit::Week, -3), false).as_deref(), Some("2025-09"));
        assert_eq!(r(u(Unit::Month, 3), false).as_deref(), Some("2026-01"));
        assert_eq!(r(u(Unit::Year, -1), false).as_deref(), Some("2024"));
    }

    #[test]
    fn no_anchor_leaves_relative_dates_unresolved() {
        assert_eq!(resolve(Expr::DayOffset(1), None, false), None);
        assert_eq!(
            resolve(
                Expr::Month {
                    month: 3,
                    modifier: None
                },
                None,
                false
            ),
            None
        );
        assert_eq!(
            resolve(Expr::Year(2027), None, false).as_deref(),
            Some("2027")
        );
    }
}
