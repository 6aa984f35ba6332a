//! Recognising date expressions: one left-to-right pass over each sentence's tokens, trying
//! at every token, in order, a numeric date, a day-first date, a month-first date or month,
//! a weekday, a relative day word, a relative unit ("last week") and a year after a lead word.
//! A match consumes its tokens; modifiers written before their head ("last March") are found
//! by looking back from the head, never into a previous match.

use super::calendar::day_exists_in_some_year;
use super::resolve::{Expr, Modifier};
use super::vocab::{NameCase, Vocab};
use super::{Date, DatesConfig, Words};
use crate::text::TokenKind;
use std::ops::{Range, RangeInclusive};

/// A recognised date expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Tokens of the mention.
    pub tokens: Range<usize>,
    /// What it says.
    pub expr: Expr,
    /// Index of its sentence.
    pub sentence: usize,
}

/// Finds every date expression of the document behind `words`, in text order.
pub fn recognise(words: &Words<'_>, vocab: &Vocab, config: &DatesConfig) -> Vec<Found> {
    let mut out = Vec::new();
    for (si, sentence) in words.doc().sentences.iter().enumerate() {
        let scanner = Scanner {
            w: words,
            v: vocab,
            cfg: config,
            sent: sentence.tokens.clone(),
        };
        let mut i = sentence.tokens.start;
        let mut floor = i;
        while i < sentence.tokens.end {
            match scanner.at(i, floor) {
                Some((tokens, expr)) if tokens.start >= floor && tokens.end > i => {
                    i = tokens.end;
                    floor = i;
                    out.push(Found {
                        tokens,
                        expr,
                        sentence: si,
                    });
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// A month name at a token.
struct MonthTok {
    month: u32,
    /// Token after the name (and after an abbreviation's period).
    next: usize,
    abbreviation: bool,
    /// Written with a prefix ("mid-October").
    prefixed: bool,
    /// The name (after any prefix) starts with a capital.
    capital: bool,
    /// Lower-case name, without prefix or period.
    name: &'static str,
}

type Match = (Range<usize>, Expr);

/// Recognition inside one sentence.
struct Scanner<'s, 'a> {
    w: &'s Words<'a>,
    v: &'s Vocab,
    cfg: &'s DatesConfig,
    sent: Range<usize>,
}

impl Scanner<'_, '_> {
    fn at(&self, i: usize, floor: usize) -> Option<Match> {
        self.numeric(i)
            .or_else(|| self.day_first(i, floor))
            .or_else(|| self.month_first(i, floor))
            .or_else(|| self.weekday(i, floor))
            .or_else(|| self.day_word(i))
            .or_else(|| self.unit(i, floor))
            .or_else(|| self.bare_year(i))
    }

    fn in_sent(&self, i: usize) -> bool {
        self.sent.contains(&i)
    }

    fn is(&self, i: usize, kind: TokenKind) -> bool {
        self.in_sent(i) && self.w.kind(i) == Some(kind)
    }

    /// Only quotes and punctuation precede token `i` in its sentence.
    fn sentence_initial(&self, i: usize) -> bool {
        (self.sent.start..i)
            .all(|k| matches!(self.w.kind(k), Some(TokenKind::Quote | TokenKind::Punct)))
    }

    /// The word before `i` in the sentence, lower case ("" at the start).
    fn previous(&self, i: usize) -> &str {
        if i > self.sent.start {
            self.w.lower(i - 1)
        } else {
            ""
        }
    }

    /// Whether a month or weekday name at `i` is written as a date in this language.
    fn name_case_ok(&self, i: usize, capital: bool, with_number: bool) -> bool {
        match self.v.name_case {
            NameCase::Capitalised => capital,
            NameCase::Lower => !capital || with_number || self.sentence_initial(i),
        }
    }

    /// `2030-10-14`, `2030/10/14`, `14/10/2030`, `14-10-2030` and `14.10.2030`.
    fn numeric(&self, i: usize) -> Option<Match> {
        if !self.is(i, TokenKind::Number) {
            return None;
        }
        let t = self.w.text(i);
        if t.contains('.') {
            let mut parts = t.split('.');
            let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || d.len() > 2 || m.len() > 2 || y.len() != 4 {
                return None;
            }
            let date = self.numeric_date(number(y)?, number(m)?, number(d)?)?;
            return Some((i..i + 1, Expr::Full(date)));
        }
        let last = i + 4;
        if !self.in_sent(last) || !(i + 1..=last).all(|k| self.w.glued(k)) {
            return None;
        }
        let sep = self.w.text(i + 1);
        if !matches!(sep, "-" | "/") || self.w.text(i + 3) != sep {
            return None;
        }
        if !self.is(i + 2, TokenKind::Number) || !self.is(last, TokenKind::Number) {
            return None;
        }
        let (a, b, c) = (t, self.w.text(i + 2), self.w.text(last));
        if b.len() > 2 {
            return None;
        }
        let date = if a.len() == 4 && c.len() <= 2 {
            self.numeric_date(number(a)?, number(b)?, number(c)?)?
        } else if c.len() == 4 && a.len() <= 2 {
            let (a, b) = (number(a)?, number(b)?);
            let month_first = self.v.numeric_month_first
                && if self.cfg.english_day_first {
                    b > 12 && a <= 12
                } else {
                    a <= 12
                };
            let (day, month) = if month_first { (b, a) } else { (a, b) };
            self.numeric_date(number(c)?, month, day)?
        } else {
            return None;
        };
        Some((i..last + 1, Expr::Full(date)))
    }

    fn numeric_date(&self, year: u32, month: u32, day: u32) -> Option<Date> {
        let year = i32::try_from(year).ok()?;
        if !self.cfg.attached_years.contains(&year) {
            return None;
        }
        Date::new(year, month, day)
    }

    /// A day number ("8", "8th", "1er", "1°", "3."): the day and the token after it.
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        if !self.is(i, TokenKind::Number) {
            return None;
        }
        let t = self.w.text(i).trim_end_matches(['°', 'º', 'ª']);
        if t.len() > 2 {
            return None;
        }
        let day = number(t)?;
        if !(1..=31).contains(&day) {
            return None;
        }
        let mut next = i + 1;
        if self.in_sent(next) && self.w.glued(next) {
            let suffix = self.is(next, TokenKind::Word)
                && self.v.ordinal_suffixes.contains(&self.w.lower(next));
            let period = self.v.ordinal_period && self.w.text(next) == ".";
            if suffix || period {
                next += 1;
            }
        }
        Some((day, next))
    }

    /// A year in `range` at `i`.
    fn year_at(&self, i: usize, range: &RangeInclusive<i32>) -> Option<i32> {
        if !self.is(i, TokenKind::Number) {
            return None;
        }
        let t = self.w.text(i);
        if t.len() != 4 {
            return None;
        }
        let y = i32::try_from(number(t)?).ok()?;
        range.contains(&y).then_some(y)
    }

    /// A year right after a month or day ("2030", ", 2030", "de 2030"): year and next token.
    fn year_after(&self, i: usize, comma: bool) -> Option<(i32, usize)> {
        let mut k = i;
        let joiner =
            (comma && self.w.text(k) == ",") || self.v.year_joiners.contains(&self.w.lower(k));
        if joiner && self.in_sent(k) {
            k += 1;
        }
        let y = self.year_at(k, &self.cfg.attached_years)?;
        Some((y, k + 1))
    }

    fn month_at(&self, i: usize) -> Option<MonthTok> {
        if !self.is(i, TokenKind::Word) {
            return None;
        }
        let raw = self.w.lower(i);
        let had_period = raw.ends_with('.');
        let mut name = raw.trim_end_matches('.');
        let mut prefix_len = 0;
        for p in self.v.month_prefixes {
            if let Some(rest) = name.strip_prefix(p) {
                name = rest;
                prefix_len = p.len();
                break;
            }
        }
        let capital = self
            .w
            .text(i)
            .get(prefix_len..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase);
        let tok = |&(n, month): &(&'static str, u32), next, abbreviation| MonthTok {
            month,
            next,
            abbreviation,
            prefixed: prefix_len > 0,
            capital,
            name: n,
        };
        if let Some(entry) = self.v.months.iter().find(|(n, _)| *n == name) {
            return Some(tok(entry, i + 1, false));
        }
        let entry = self
            .v
            .month_abbreviations
            .iter()
            .find(|(n, _)| *n == name)?;
        let mut next = i + 1;
        let mut period = had_period;
        if !period && self.in_sent(next) && self.w.glued(next) && self.w.text(next) == "." {
            period = true;
            next += 1;
        }
        if self.v.abbreviation_needs_period && !period {
            return None;
        }
        Some(tok(entry, next, true))
    }

    /// Day, optional joiner, month, optional year: "8 October", "1er décembre 2030",
    /// "15 de septiembre", "3. Februar", "1° gennaio 2027".
    fn day_first(&self, i: usize, floor: usize) -> Option<Match> {
        let (day, mut k) = self.day_at(i)?;
        if self.v.day_month_joiners.contains(&self.w.lower(k)) && self.month_at(k + 1).is_some() {
            k += 1;
        }
        let m = self.month_at(k)?;
        if !self.name_case_ok(k, m.capital, true) || !day_exists_in_some_year(m.month, day) {
            return None;
        }
        if let Some((year, end)) = self.year_after(m.next, true) {
            return Some((i..end, Expr::Full(Date::new(year, m.month, day)?)));
        }
        let (range, modifier) = self.modifiers(i, m.next, floor);
        Some((
            range,
            Expr::DayMonth {
                month: m.month,
                day,
                modifier,
                weekday: None,
            },
        ))
    }

    /// "October 8", "October 8, 2030", "October 2030", "septiembre de 2030", and a month alone
    /// when something marks it as a date ("in March", "last March", "mars dernier").
    fn month_first(&self, i: usize, floor: usize) -> Option<Match> {
        let m = self.month_at(i)?;
        if self.v.month_day_order {
            if let Some((day, after)) = self.day_at(m.next) {
                if !self.name_case_ok(i, m.capital, true) || !day_exists_in_some_year(m.month, day)
                {
                    return None;
                }
                if let Some((year, end)) = self.year_after(after, true) {
                    return Some((i..end, Expr::Full(Date::new(year, m.month, day)?)));
                }
                return Some((
                    i..after,
                    Expr::DayMonth {
                        month: m.month,
                        day,
                        modifier: None,
                        weekday: None,
                    },
                ));
            }
        }
        if let Some((year, end)) = self.year_after(m.next, false) {
            if self.name_case_ok(i, m.capital, true) {
                return Some((
                    i..end,
                    Expr::MonthYear {
                        year,
                        month: m.month,
                    },
                ));
            }
        }
        if m.abbreviation || !self.name_case_ok(i, m.capital, false) {
            return None;
        }
        let (range, modifier) = self.modifiers(i, m.next, floor);
        let expr = Expr::Month {
            month: m.month,
            modifier,
        };
        let modified = modifier.is_some();
        let prev = self.previous(i);
        let marked = if self.v.ambiguous_months.contains(&m.name) {
            self.v.strict_leads.contains(&prev)
        } else {
            self.v.name_case == NameCase::Lower || self.v.month_leads.contains(&prev)
        };
        (modified || m.prefixed || marked).then_some((range, expr))
    }

    /// A weekday with its modifier and part of the day ("on Tuesday", "mardi dernier",
    /// "el martes por la noche", "am Sonntagabend", "lunedì sera"), or the date it introduces
    /// ("Tuesday, 8 October").
    fn weekday(&self, i: usize, floor: usize) -> Option<Match> {
        if !self.is(i, TokenKind::Word) {
            return None;
        }
        let w = self.w.lower(i);
        let weekday = self
            .v
            .weekdays
            .iter()
            .find(|(n, _)| *n == w)
            .map(|&(_, d)| d)
            .or_else(|| self.compound_weekday(w))?;
        if self.v.habitual_before.contains(&self.previous(i)) {
            return None;
        }
        // A following date wins: "Tuesday, 8 October", "Dienstag, den 3. Februar".
        for j in i + 1..=i + 1 + self.cfg.weekday_date_gap {
            if let Some((range, expr)) = self.day_first(j, j).or_else(|| self.month_first(j, j)) {
                match expr {
                    Expr::Full(_) => return Some((i..range.end, expr)),
                    Expr::DayMonth {
                        month,
                        day,
                        modifier,
                        ..
                    } => {
                        let expr = Expr::DayMonth {
                            month,
                            day,
                            modifier,
                            weekday: Some(weekday),
                        };
                        return Some((i..range.end, expr));
                    }
                    _ => {}
                }
            }
            let skippable = self.w.text(j) == "," || self.v.articles.contains(&self.w.lower(j));
            if !self.in_sent(j) || !skippable {
                break;
            }
        }
        if !self.name_case_ok(i, self.w.capitalised(i), false) {
            return None;
        }
        let (mut range, mut modifier) = self.modifiers(i, i + 1, floor);
        if let Some(end) = self.part_of_day(range.end) {
            range.end = end;
        }
        if modifier.is_none() {
            if let Some((end, m)) = self.modifier_after(range.end) {
                range.end = end;
                modifier = Some(m);
            }
        }
        Some((range, Expr::Weekday { weekday, modifier }))
    }

    /// A weekday glued to a part of the day ("sonntagabend").
    fn compound_weekday(&self, w: &str) -> Option<u32> {
        if !self.v.compound_weekdays {
            return None;
        }
        self.v.weekdays.iter().find_map(|&(n, d)| {
            let rest = w.strip_prefix(n)?;
            self.v
                .parts_of_day
                .iter()
                .any(|p| p.len() == 1 && p[0] == rest)
                .then_some(d)
        })
    }

    /// "yesterday", "aujourd'hui", "pasado mañana", "heute Abend", "ieri sera".
    fn day_word(&self, i: usize) -> Option<Match> {
        let (phrase, offset) = self
            .v
            .day_words
            .iter()
            .filter(|(p, _)| self.in_sent(i + p.len() - 1) && self.w.matches(i, p))
            .max_by_key(|(p, _)| p.len())?;
        if self.w.capitalised(i) && !self.sentence_initial(i) {
            return None; // "USA Today", "am Morgen", "das Heute"
        }
        if phrase.len() == 1 {
            let prev = self.previous(i);
            let blocked = self
                .v
                .day_word_blockers
                .iter()
                .any(|(word, before)| *word == phrase[0] && before.contains(&prev));
            if blocked {
                return None;
            }
        }
        let mut end = i + phrase.len();
        if let Some(e) = self.part_of_day(end) {
            end = e;
        }
        Some((i..end, Expr::DayOffset(*offset)))
    }

    /// A week, month or year with a modifier ("last week", "le mois prochain", "letztes Jahr").
    fn unit(&self, i: usize, floor: usize) -> Option<Match> {
        let w = self.w.lower(i);
        let &(_, unit) = self.v.units.iter().find(|(n, _)| *n == w)?;
        let (range, modifier) = self.modifiers(i, i + 1, floor);
        let offset = modifier?.offset();
        Some((range, Expr::UnitOffset { unit, offset }))
    }

    /// A year alone after a lead word ("in 2027", "seit 2020", "nel 2027").
    fn bare_year(&self, i: usize) -> Option<Match> {
        let year = self.year_at(i, &self.cfg.bare_years)?;
        if !self.v.year_leads.contains(&self.previous(i)) {
            return None;
        }
        // "the 2000s" and "2030-31" are not the year.
        if self.in_sent(i + 1) && self.w.glued(i + 1) && self.w.kind(i + 1) == Some(TokenKind::Word)
        {
            return None;
        }
        Some((i..i + 1, Expr::Year(year)))
    }

    /// Extends the head `start..end` with a modifier before it (not reaching below `floor`) or
    /// after it.
    fn modifiers(
        &self,
        start: usize,
        end: usize,
        floor: usize,
    ) -> (Range<usize>, Option<Modifier>) {
        if let Some((s, m)) = self.modifier_before(start, floor) {
            return (s..end, Some(m));
        }
        if let Some((e, m)) = self.modifier_after(end) {
            return (start..e, Some(m));
        }
        (start..end, None)
    }

    fn modifier_before(&self, i: usize, floor: usize) -> Option<(usize, Modifier)> {
        let lowest = floor.max(self.sent.start);
        self.v
            .modifiers_before
            .iter()
            .filter(|(p, _)| i >= lowest + p.len() && self.w.matches(i - p.len(), p))
            .max_by_key(|(p, _)| p.len())
            .map(|&(p, m)| (i - p.len(), m))
    }

    fn modifier_after(&self, i: usize) -> Option<(usize, Modifier)> {
        self.v
            .modifiers_after
            .iter()
            .filter(|(p, _)| i + p.len() <= self.sent.end && self.w.matches(i, p))
            .max_by_key(|(p, _)| p.len())
            .map(|&(p, m)| (i + p.len(), m))
    }

    fn part_of_day(&self, i: usize) -> Option<usize> {
        self.v
            .parts_of_day
            .iter()
            .filter(|p| i + p.len() <= self.sent.end && self.w.matches(i, p))
            .map(|p| i + p.len())
            .max()
    }
}

/// A plain run of ASCII digits (at most 4) as a number.
fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}
