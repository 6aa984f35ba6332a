//! Numbers in running text, normalised so that they compare across languages: `2,000`,
//! `2.000` and `2 000` are all `2000`; `2,5` and `2.5` are `2.5`; `3 millions` and
//! `3 Millionen` are `3000000`; `12 %`, `12 per cent`, `12 Prozent` are `12%`.
//!
//! ```
//! use newsloom_stories::numbers::numbers;
//! assert_eq!(numbers("Plus de 1 203 130 cas, soit 2,5 %"), vec!["1203130", "2.5%"]);
//! ```

/// Characters that group thousands or mark decimals between digits.
const SEPARATORS: &[char] = &[',', '.', ' ', '\u{a0}', '\u{202f}', '\''];

/// Scale words after a number, per language (folded, lower-case), with their multiplier.
pub const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("tausend", 1e3),
    ("mil", 1e3),
    ("mille", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("mio", 1e6),
    ("millionen", 1e6),
    ("millon", 1e6),
    ("millones", 1e6),
    ("milione", 1e6),
    ("milioni", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("milliarde", 1e9),
    ("milliarden", 1e9),
    ("mrd", 1e9),
    ("miliardo", 1e9),
    ("miliardi", 1e9),
];

/// Percent words and signs after a number, per language (folded, lower-case; multi-word
/// phrases are matched word by word).
pub const PERCENT: &[&str] = &[
    "%",
    "percent",
    "per cent",
    "pour cent",
    "por ciento",
    "prozent",
    "per cento",
];

/// The normalised numbers of `text`, in text order (repeats kept). Digit groups that are
/// neither a plain number, a grouped number nor a decimal (`12.04.20`, phone numbers) are
/// skipped.
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        // Collect digit groups joined by single separators.
        let mut groups: Vec<String> = vec![String::new()];
        let mut seps: Vec<char> = Vec::new();
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                if let Some(g) = groups.last_mut() {
                    g.push(c);
                }
                j += 1;
            } else if SEPARATORS.contains(&c)
                && j + 1 < chars.len()
                && chars[j + 1].is_ascii_digit()
                // A space only groups thousands: exactly three digits must follow.
                && (!c.is_whitespace() || run_of_digits(&chars, j + 1) == 3)
            {
                seps.push(c);
                groups.push(String::new());
                j += 1;
            } else {
                break;
            }
        }
        if j < chars.len() && chars[j].is_alphabetic() {
            // "3G", "2nd": not a quantity we compare.
            i = skip_word(&chars, j);
            continue;
        }
        if let Some(value) = parse_groups(&groups, &seps) {
            let (value, percent, end) = apply_suffix(value, &chars, j);
            out.push(format_number(value, percent));
            i = end;
        } else {
            i = j;
        }
    }
    out
}

fn run_of_digits(chars: &[char], from: usize) -> usize {
    chars[from..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

fn skip_word(chars: &[char], from: usize) -> usize {
    from + chars[from..]
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .count()
}

/// Reads digit groups: all groups after the first of three digits → thousands grouping; one
/// `.` or `,` otherwise → decimal; a final decimal after thousands groups (`1.203,5`) too.
fn parse_groups(groups: &[String], seps: &[char]) -> Option<f64> {
    let first = groups.first()?;
    if seps.is_empty() {
        return first.parse().ok();
    }
    let grouped = |gs: &[String]| first.len() <= 3 && gs.iter().skip(1).all(|g| g.len() == 3);
    let all_same = seps.iter().all(|s| *s == seps[0]);
    if grouped(groups) && (all_same || seps.len() == 1) {
        if seps.len() == 1 && matches!(seps[0], '.' | ',') && first == "0" {
            // "0,500" is a decimal.
            return format!("0.{}", groups[1]).parse().ok();
        }
        return groups.concat().parse().ok();
    }
    let last = seps.len() - 1;
    if matches!(seps[last], '.' | ',') {
        let int_groups = &groups[..=last];
        let int_seps = &seps[..last];
        let int_ok = int_seps.is_empty()
            || (grouped(int_groups)
                && int_seps
                    .iter()
                    .all(|s| *s == int_seps[0] && *s != seps[last]));
        if int_ok {
            return format!("{}.{}", int_groups.concat(), groups[last + 1])
                .parse()
                .ok();
        }
    }
    None
}

/// Applies a scale word ("million") and a percent marker after the number at `from`.
fn apply_suffix(mut value: f64, chars: &[char], from: usize) -> (f64, bool, usize) {
    let mut pos = from;
    let mut percent = false;
    let mut words = following_words(chars, from, 3);
    if let Some((w, end)) = words.first() {
        if let Some((_, m)) = SCALES.iter().find(|(s, _)| s == w) {
            value *= m;
            pos = *end;
            words.remove(0);
        }
    }
    for n in (1..=2).rev() {
        if words.len() >= n {
            let phrase: Vec<&str> = words[..n].iter().map(|(w, _)| w.as_str()).collect();
            if PERCENT.contains(&phrase.join(" ").as_str()) {
                percent = true;
                pos = words[n - 1].1;
                break;
            }
        }
    }
    (value, percent, pos)
}

/// Up to `n` folded words after `from` (a `%` sign counts as a word), with their end offsets.
fn following_words(chars: &[char], from: usize, n: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while out.len() < n && i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '.') {
            if chars[i] == '.' && !out.is_empty() {
                return out;
            }
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        if chars[i] == '%' {
            out.push(("%".to_string(), i + 1));
            i += 1;
            continue;
        }
        let end = skip_word(chars, i);
        if end == i {
            break;
        }
        let word: String = chars[i..end].iter().collect();
        out.push((crate::normalise::fold(&word), end));
        i = end;
    }
    out
}

fn format_number(value: f64, percent: bool) -> String {
    let mut s = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if percent {
        s.push('%');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groupings_agree() {
        assert_eq!(numbers("2,000 people"), vec!["2000"]);
        assert_eq!(numbers("2.000 Menschen"), vec!["2000"]);
        assert_eq!(numbers("2 000 personnes"), vec!["2000"]);
        assert_eq!(numbers("1,203,130 cases"), vec!["1203130"]);
        assert_eq!(numbers("1.203,5 Euro"), vec!["1203.5"]);
    }

    #[test]
    fn decimals_scales_and_percents() {
        assert_eq!(numbers("2,5 Prozent"), vec!["2.5%"]);
        assert_eq!(numbers("2.5 per cent"), vec!["2.5%"]);
        assert_eq!(numbers("3 millions d'euros"), vec!["3000000"]);
        assert_eq!(numbers("3 Millionen Euro"), vec!["3000000"]);
        assert_eq!(numbers("1,5 miliardi"), vec!["1500000000"]);
        assert_eq!(numbers("12 %"), vec!["12%"]);
    }

    #[test]
    fn skips_codes_and_dotted_dates() {
        assert_eq!(numbers("COVID-19 and 5G"), vec!["19"]);
        assert!(numbers("am 12.04.20").is_empty());
    }
}
