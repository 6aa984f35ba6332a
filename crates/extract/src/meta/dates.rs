//! Dates: machine dates (ISO 8601, RFC 2822), written dates in five languages, and dates in
//! URL paths, all normalised to `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS±HH:MM`.
//!
//! *What it does*: finds the first plausible calendar date in a string.
//! *Why*: pages give dates in every shape; the record wants one.
//! *Example*: `"14. Oktober 2030, 09:30 Uhr"` → `"2030-10-14T09:30:00"`.

use super::vocab;

/// Bounds of a plausible publication date.
#[derive(Debug, Clone, Copy)]
pub struct DateConfig {
    /// Earliest year accepted.
    pub min_year: i32,
    /// Latest year accepted.
    pub max_year: i32,
    /// Largest absolute UTC offset accepted, in minutes.
    pub max_offset_minutes: i32,
}

impl DateConfig {
    /// The defaults: years 1990–2100, offsets up to ±14:00.
    pub const DEFAULT: DateConfig = DateConfig {
        min_year: 1990,
        max_year: 2100,
        max_offset_minutes: 14 * 60,
    };
}

impl Default for DateConfig {
    fn default() -> Self {
        DateConfig::DEFAULT
    }
}

/// A validated calendar date with an optional time and UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Hour, minute, second.
    pub time: Option<(u8, u8, u8)>,
    /// Offset from UTC in minutes, when given.
    pub offset: Option<i32>,
}

impl DateTime {
    /// The ISO 8601 form: a date, or a date-time with the offset when one was given.
    pub fn to_iso(&self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        let Some((h, m, s)) = self.time else {
            return date;
        };
        let mut out = format!("{date}T{h:02}:{m:02}:{s:02}");
        if let Some(off) = self.offset {
            let sign = if off < 0 { '-' } else { '+' };
            out.push_str(&format!(
                "{sign}{:02}:{:02}",
                off.abs() / 60,
                off.abs() % 60
            ));
        }
        out
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_date(year: i32, month: u8, day: u8, cfg: &DateConfig) -> bool {
    (cfg.min_year..=cfg.max_year).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
}

fn make(
    year: i32,
    month: u8,
    day: u8,
    time: Option<(u8, u8, u8)>,
    offset: Option<i32>,
    cfg: &DateConfig,
) -> Option<DateTime> {
    if !valid_date(year, month, day, cfg) {
        return None;
    }
    if let Some((h, m, s)) = time {
        if h > 23 || m > 59 || s > 59 {
            return None;
        }
    }
    if offset.is_some_and(|o| o.abs() > cfg.max_offset_minutes) {
        return None;
    }
    // An offset without a time says nothing.
    let offset = if time.is_some() { offset } else { None };
    Some(DateTime {
        year,
        month,
        day,
        time,
        offset,
    })
}

/// Normalises a date given in any supported form (machine or written) to ISO 8601.
pub fn normalize(s: &str) -> Option<String> {
    parse(s, &DateConfig::DEFAULT).map(|d| d.to_iso())
}

/// Parses a machine date, else the first written date in `s`.
pub fn parse(s: &str, cfg: &DateConfig) -> Option<DateTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    parse_iso(s, cfg).or_else(|| find_written(s, cfg))
}

/// Reads `n` ASCII digits at `*i`.
fn digits(b: &[u8], i: &mut usize, n: usize) -> Option<u32> {
    if *i + n > b.len() || !b[*i..*i + n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = b[*i..*i + n]
        .iter()
        .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    *i += n;
    Some(v)
}

/// ISO 8601 / RFC 3339: `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:MM]]`, also with `/` or `.`
/// between the date parts, or compact `YYYYMMDD`.
pub fn parse_iso(s: &str, cfg: &DateConfig) -> Option<DateTime> {
    let b = s.trim().as_bytes();
    let mut i = 0;
    let year = digits(b, &mut i, 4)? as i32;
    let (month, day) = match b.get(i) {
        Some(&sep @ (b'-' | b'/' | b'.')) => {
            i += 1;
            let m = digits(b, &mut i, 2).or_else(|| digits(b, &mut i, 1))?;
            if b.get(i) != Some(&sep) {
                return None;
            }
            i += 1;
            let d = digits(b, &mut i, 2).or_else(|| digits(b, &mut i, 1))?;
            (m, d)
        }
        Some(d) if d.is_ascii_digit() => {
            let m = digits(b, &mut i, 2)?;
            let d = digits(b, &mut i, 2)?;
            (m, d)
        }
        _ => return None,
    };
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
    let mut time = None;
    let mut offset = None;
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        i += 1;
        let h = digits(b, &mut i, 2)?;
        let m = if b.get(i) == Some(&b':') {
            i += 1;
            digits(b, &mut i, 2)?
        } else {
            digits(b, &mut i, 2).unwrap_or(0)
        };
        let mut sec = 0;
        if b.get(i) == Some(&b':') {
            i += 1;
            sec = digits(b, &mut i, 2)?;
        }
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        time = Some((
            u8::try_from(h).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(sec).ok()?,
        ));
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        offset = parse_offset(b, &mut i);
    }
    make(year, month, day, time, offset, cfg)
}

/// `Z`, `UTC`, `GMT`, `±HH`, `±HHMM`, `±HH:MM` at `*i`.
fn parse_offset(b: &[u8], i: &mut usize) -> Option<i32> {
    let rest = &b[*i..];
    if rest.first().is_some_and(|c| *c == b'Z' || *c == b'z') {
        *i += 1;
        return Some(0);
    }
    for zone in [&b"UTC"[..], b"GMT"] {
        if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(zone) {
            *i += 3;
            if matches!(b.get(*i), Some(b'+' | b'-')) {
                return parse_offset(b, i);
            }
            return Some(0);
        }
    }
    let sign = match rest.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    let mut j = *i + 1;
    let h = digits(b, &mut j, 2)? as i32;
    if b.get(j) == Some(&b':') {
        j += 1;
    }
    let m = digits(b, &mut j, 2).unwrap_or(0) as i32;
    *i = j;
    Some(sign * (h * 60 + m))
}

/// A token of a written date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
    Punct(char),
}

fn tokenize(s: &str) -> (Vec<Tok<'_>>, Vec<usize>) {
    let mut out = Vec::new();
    let mut pos = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_whitespace() {
            pos.push(start);
        }
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                chars.next();
            }
            let text = &s[start..end];
            if text.len() <= 4 {
                let v = text
                    .bytes()
                    .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
                out.push(Tok::Num(v, text.len()));
            } else {
                out.push(Tok::Punct('#'));
            }
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(Tok::Word(&s[start..end]));
        } else if !c.is_whitespace() {
            out.push(Tok::Punct(c));
        }
    }
    (out, pos)
}

fn month_of(word: &str) -> Option<u8> {
    let lower = word.to_lowercase();
    vocab::months::ALL
        .iter()
        .flat_map(|l| l.iter())
        .find(|(name, _)| *name == lower)
        .map(|(_, m)| *m)
}

fn is_filler(t: &Tok<'_>) -> bool {
    match t {
        Tok::Word(w) => {
            let lower = w.to_lowercase();
            vocab::DATE_FILLER_WORDS.contains(&lower.as_str())
        }
        Tok::Punct(c) => matches!(c, ',' | '.' | 'º' | '°'),
        Tok::Num(..) => false,
    }
}

fn ordinal_suffix(t: Option<&Tok<'_>>) -> bool {
    matches!(t, Some(Tok::Word(w)) if matches!(w.to_lowercase().as_str(), "st" | "nd" | "rd" | "th" | "er" | "o"))
}

/// Skips filler tokens from `i`.
fn skip_fillers(toks: &[Tok<'_>], mut i: usize) -> usize {
    while i < toks.len() && is_filler(&toks[i]) {
        i += 1;
    }
    i
}

/// Reads an optional time ("09:30", "9.30", "09h30", "9:30 pm", "09:30 +02:00") at or after
/// token `i`; `s` and `pos` locate the tokens in the text for the offset that may follow.
fn read_time(
    toks: &[Tok<'_>],
    pos: &[usize],
    s: &str,
    i: usize,
) -> (Option<(u8, u8, u8)>, Option<i32>) {
    let i = skip_fillers(toks, i);
    let (Some(Tok::Num(h, hl)), Some(sep), Some(Tok::Num(m, 2))) =
        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
    else {
        return (None, None);
    };
    let sep_ok = matches!(sep, Tok::Punct(':' | '.'))
        || matches!(sep, Tok::Word(w) if w.eq_ignore_ascii_case("h"));
    if *hl > 2 || !sep_ok {
        return (None, None);
    }
    let mut j = i + 3;
    let mut sec = 0;
    if let (Some(Tok::Punct(':')), Some(Tok::Num(s, 2))) = (toks.get(j), toks.get(j + 1)) {
        sec = *s;
        j += 2;
    }
    let mut hour = *h;
    if let Some(Tok::Word(w)) = toks.get(j) {
        let w = w.to_lowercase();
        if w == "pm" && hour < 12 {
            hour += 12;
        } else if w == "am" && hour == 12 {
            hour = 0;
        }
    }
    let time = match (u8::try_from(hour), u8::try_from(*m), u8::try_from(sec)) {
        (Ok(h), Ok(m), Ok(s)) => Some((h, m, s)),
        _ => None,
    };
    let offset = pos.get(i).and_then(|&p| offset_after_time(&s[p..]));
    (time, offset)
}

/// The explicit offset after a time that starts `tail`: `Z`, `UTC`, `GMT`, `±HH:MM`.
fn offset_after_time(tail: &str) -> Option<i32> {
    let b = tail.as_bytes();
    let mut i = 0;
    let mut seps = 0;
    while i < b.len() && (b[i].is_ascii_digit() || (matches!(b[i], b':' | b'.' | b'h') && seps < 2))
    {
        if !b[i].is_ascii_digit() {
            seps += 1;
        }
        i += 1;
    }
    let skip_spaces = |i: &mut usize| {
        while *i < b.len() && b[*i] == b' ' {
            *i += 1;
        }
    };
    skip_spaces(&mut i);
    let word_len = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let word = &tail[i..i + word_len];
    if word.eq_ignore_ascii_case("am") || word.eq_ignore_ascii_case("pm") {
        i += word_len;
        skip_spaces(&mut i);
    }
    let off = parse_offset(b, &mut i)?;
    // "Z" or "UTC" must stand alone, not start a word.
    if b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(off)
}

/// Finds the first written date in `s`: "14 October 2030", "October 14, 2030",
/// "14 de octubre de 2030", "14. Oktober 2030", "14/10/2030 09:30", "Tue, 14 Oct 2030 09:30:00
/// +0000", or an ISO date inside text.
pub fn find_written(s: &str, cfg: &DateConfig) -> Option<DateTime> {
    let (toks, pos) = tokenize(s);
    for (i, tok) in toks.iter().enumerate() {
        let found = match tok {
            Tok::Num(d, dl) if *dl <= 2 => {
                day_month_year(&toks, i, *d, cfg).or_else(|| numeric_date(&toks, i, cfg))
            }
            Tok::Num(_, 4) if toks.get(i + 1) == Some(&Tok::Punct('-')) => {
                if let Some(dt) = parse_iso(&s[pos[i]..], cfg) {
                    return Some(dt);
                }
                None
            }
            Tok::Word(w) => month_day_year(&toks, i, w, cfg),
            _ => None,
        };
        if let Some((y, m, d, next)) = found {
            let (time, offset) = read_time(&toks, &pos, s, next);
            if let Some(dt) = make(y, m, d, time, offset, cfg) {
                return Some(dt);
            }
            if let Some(dt) = make(y, m, d, None, None, cfg) {
                return Some(dt);
            }
        }
    }
    None
}

fn year_at(toks: &[Tok<'_>], i: usize) -> Option<i32> {
    match toks.get(i) {
        Some(Tok::Num(y, 4)) => Some(*y as i32),
        _ => None,
    }
}

/// `D[.][º|st] [de] MONTH [de|,] YYYY`.
fn day_month_year(
    toks: &[Tok<'_>],
    i: usize,
    d: u32,
    cfg: &DateConfig,
) -> Option<(i32, u8, u8, usize)> {
    let mut j = i + 1;
    if ordinal_suffix(toks.get(j)) {
        j += 1;
    }
    j = skip_fillers(toks, j);
    let Some(Tok::Word(w)) = toks.get(j) else {
        return None;
    };
    let m = month_of(w)?;
    j = skip_fillers(toks, j + 1);
    let y = year_at(toks, j)?;
    let d = u8::try_from(d).ok()?;
    valid_date(y, m, d, cfg).then_some((y, m, d, j + 1))
}

/// `MONTH D[st][,] YYYY`.
fn month_day_year(
    toks: &[Tok<'_>],
    i: usize,
    w: &str,
    cfg: &DateConfig,
) -> Option<(i32, u8, u8, usize)> {
    let m = month_of(w)?;
    let mut j = skip_fillers(toks, i + 1);
    let Some(Tok::Num(d, dl)) = toks.get(j) else {
        return None;
    };
    if *dl > 2 {
        return None;
    }
    j += 1;
    if ordinal_suffix(toks.get(j)) {
        j += 1;
    }
    j = skip_fillers(toks, j);
    let y = year_at(toks, j)?;
    let d = u8::try_from(*d).ok()?;
    valid_date(y, m, d, cfg).then_some((y, m, d, j + 1))
}

/// `D/M/YYYY`, `D.M.YYYY`, `D-M-YYYY` (day first unless that is impossible).
fn numeric_date(toks: &[Tok<'_>], i: usize, cfg: &DateConfig) -> Option<(i32, u8, u8, usize)> {
    let (Some(Tok::Num(a, _)), Some(Tok::Punct(s1)), Some(Tok::Num(b, bl)), Some(Tok::Punct(s2))) = (
        toks.get(i),
        toks.get(i + 1),
        toks.get(i + 2),
        toks.get(i + 3),
    ) else {
        return None;
    };
    if s1 != s2 || !matches!(s1, '/' | '.' | '-') || *bl > 2 {
        return None;
    }
    let y = year_at(toks, i + 4)?;
    let (a, b) = (u8::try_from(*a).ok()?, u8::try_from(*b).ok()?);
    let (d, m) = if b > 12 { (b, a) } else { (a, b) };
    valid_date(y, m, d, cfg).then_some((y, m, d, i + 5))
}

/// A date in a URL path: `/2030/10/14/`, `/2030-10-14-slug`, `/20301014/`.
pub fn from_url(url: &str, cfg: &DateConfig) -> Option<DateTime> {
    let path_start = url.find("://").map_or(0, |p| p + 3);
    let path = &url[path_start..];
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').collect();
    for (k, seg) in segs.iter().enumerate() {
        if seg.len() == 4 && seg.bytes().all(|c| c.is_ascii_digit()) {
            let y: i32 = seg.parse().ok()?;
            let m = segs.get(k + 1).and_then(|s| parse_small(s));
            let d = segs.get(k + 2).and_then(|s| parse_small(s));
            if let (Some(m), Some(d)) = (m, d) {
                if let Some(dt) = make(y, m, d, None, None, cfg) {
                    return Some(dt);
                }
            }
        }
        let b = seg.as_bytes();
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && seg.is_char_boundary(10) {
            if let Some(dt) = parse_iso(&seg[..10], cfg) {
                if b.len() == 10 || !b[10].is_ascii_digit() {
                    return Some(dt);
                }
            }
        }
        if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
            if let Some(dt) = parse_iso(seg, cfg) {
                return Some(dt);
            }
        }
    }
    None
}

fn parse_small(s: &str) -> Option<u8> {
    (s.len() <= 2 && !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<String> {
        normalize(s)
    }

    #[test]
    fn iso_dates_keep_their_offset() {
        assert_eq!(n("2030-10-14").as_deref(), Some("2030-10-14"));
        assert_eq!(
            n("2030-10-14T09:30:00Z").as_deref(),
            Some("2030-10-14T09:30:00+00:00")
        );
        assert_eq!(
            n("2030-10-14T09:30:00.123+02:00").as_deref(),
            Some("2030-10-14T09:30:00+02:00")
        );
        assert_eq!(
            n("2030-10-14T09:30-0500").as_deref(),
            Some("2030-10-14T09:30:00-05:00")
        );
        assert_eq!(
            n("2030-10-14 09:30:05").as_deref(),
            Some("2030-10-14T09:30:05")
        );
        assert_eq!(n("20301014").as_deref(), Some("2030-10-14"));
    }

    #[test]
    fn impossible_and_out_of_range_dates_are_rejected() {
        assert_eq!(n("2030-02-30"), None);
        assert_eq!(n("1985-01-01"), None);
        assert_eq!(n("2101-01-01"), None);
        assert_eq!(n("2030-13-01"), None);
        assert_eq!(n("2030-10-14T25:00:00"), None);
        assert_eq!(n("2028-02-29").as_deref(), Some("2028-02-29"));
        assert_eq!(n("2030-02-29"), None);
    }

    #[test]
    fn written_dates_in_five_languages() {
        assert_eq!(n("14 October 2030").as_deref(), Some("2030-10-14"));
        assert_eq!(
            n("Published October 14, 2030").as_deref(),
            Some("2030-10-14")
        );
        assert_eq!(
            n("Oct. 14th, 2030 at 9:30 pm").as_deref(),
            Some("2030-10-14T21:30:00")
        );
        assert_eq!(
            n("Publié le 14 octobre 2030 à 09h30").as_deref(),
            Some("2030-10-14T09:30:00")
        );
        assert_eq!(n("1er mars 2031").as_deref(), Some("2031-03-01"));
        assert_eq!(n("14 de octubre de 2030").as_deref(), Some("2030-10-14"));
        assert_eq!(
            n("14. Oktober 2030, 09:30 Uhr").as_deref(),
            Some("2030-10-14T09:30:00")
        );
        assert_eq!(n("3. März 2030").as_deref(), Some("2030-03-03"));
        assert_eq!(n("14 ottobre 2030").as_deref(), Some("2030-10-14"));
        assert_eq!(
            n("14/10/2030 09:30").as_deref(),
            Some("2030-10-14T09:30:00")
        );
        assert_eq!(n("14.10.2030").as_deref(), Some("2030-10-14"));
        assert_eq!(n("10/14/2030").as_deref(), Some("2030-10-14"));
    }

    #[test]
    fn rfc_2822_dates_keep_their_offset() {
        assert_eq!(
            n("Tue, 14 Oct 2030 09:30:00 +0000").as_deref(),
            Some("2030-10-14T09:30:00+00:00")
        );
        assert_eq!(
            n("14 Oct 2030 09:30 GMT").as_deref(),
            Some("2030-10-14T09:30:00+00:00")
        );
    }

    #[test]
    fn text_without_dates_gives_none() {
        assert_eq!(n("By Anna Reyes"), None);
        assert_eq!(n("May the best team win in 2030"), None);
        assert_eq!(n("31 June 2030"), None);
    }

    #[test]
    fn dates_in_url_paths() {
        let cfg = DateConfig::DEFAULT;
        let iso = |u: &str| from_url(u, &cfg).map(|d| d.to_iso());
        assert_eq!(
            iso("https://x.test/world/2030/10/14/gaza-deal/").as_deref(),
            Some("2030-10-14")
        );
        assert_eq!(
            iso("https://x.test/2030-10-14-gaza-deal").as_deref(),
            Some("2030-10-14")
        );
        assert_eq!(
            iso("https://x.test/news/20301014/story.html").as_deref(),
            Some("2030-10-14")
        );
        assert_eq!(iso("https://x.test/news/123456/story.html"), None);
        assert_eq!(iso("https://x.test/2030/99/99/x"), None);
        assert_eq!(iso("https://x.test/2030-10-1é/x"), None);
    }
}
