//! Small string matchers shared by the metadata heuristics (no regex: plain loops).

/// True when `hay` contains `needle` ignoring ASCII case (`needle` must be lower-case).
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    if h.len() < n.len() {
        return false;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The words of a class or id attribute: split on anything not alphanumeric and at camelCase
/// boundaries ("ArticleHeader-dek" → "Article", "Header", "dek").
pub fn attr_words(value: &str) -> impl Iterator<Item = &str> {
    let bytes = value.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i <= bytes.len() {
            let at = i;
            i += 1;
            let boundary = at == bytes.len()
                || !bytes[at].is_ascii_alphanumeric()
                || (at > start
                    && bytes[at].is_ascii_uppercase()
                    && bytes[at - 1].is_ascii_lowercase());
            if boundary {
                // Only ASCII alphanumerics lie in start..at, so both ends are char boundaries.
                let word = (start < at).then(|| &value[start..at]);
                start = if at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                    at
                } else {
                    at + 1
                };
                if word.is_some() {
                    return word;
                }
            }
        }
        None
    })
}

/// True when one of the words of `value` equals one of `words` (ASCII case ignored).
pub fn has_word(value: &str, words: &[&str]) -> bool {
    attr_words(value).any(|w| words.iter().any(|v| w.eq_ignore_ascii_case(v)))
}

/// True when `value` contains one of `needles` ignoring ASCII case.
pub fn has_substring(value: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| contains_ci(value, n))
}

/// A comparison key: lower-case letters and digits only, words separated by one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// True when `a` and `b` say the same thing: equal once folded, one a long prefix of the other
/// (a truncated meta description), or sharing nearly all their words.
pub fn similar(a: &str, b: &str, min_ratio: f32) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    if fa.is_empty() || fb.is_empty() {
        return false;
    }
    if fa == fb {
        return true;
    }
    let (short, long) = if fa.len() <= fb.len() {
        (&fa, &fb)
    } else {
        (&fb, &fa)
    };
    let ratio = short.len() as f32 / long.len() as f32;
    if ratio < min_ratio {
        return false;
    }
    if long.starts_with(short.as_str()) {
        return true;
    }
    let long_words: std::collections::HashSet<&str> = long.split(' ').collect();
    let short_words: Vec<&str> = short.split(' ').collect();
    let shared = short_words
        .iter()
        .filter(|w| long_words.contains(*w))
        .count();
    shared as f32 >= short_words.len() as f32 * min_ratio.max(0.8)
}

/// The first `n` characters of `s` (at most).
pub fn char_prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// True when the first letter of `s` is upper-case.
pub fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attr_words_split_on_punctuation_and_camel_case() {
        let words: Vec<_> = attr_words("c-byline__author ArticleHeader-dek x").collect();
        let odd: Vec<_> = attr_words("widget \u{fffd}lambda_5 é").collect();
        assert_eq!(odd, vec!["widget", "lambda", "5"]);
        assert_eq!(
            words,
            vec!["c", "byline", "author", "Article", "Header", "dek", "x"]
        );
        assert!(has_word("article-lead big", &["lead"]));
        assert!(!has_word("leaderboard", &["lead"]));
    }

    #[test]
    fn contains_ignores_ascii_case() {
        assert!(contains_ci("Main-BreadCrumb", "breadcrumb"));
        assert!(!contains_ci("crumb", "breadcrumb"));
    }

    #[test]
    fn similar_accepts_truncated_descriptions() {
        let full = "The minister resigned on Tuesday after weeks of pressure from his own party.";
        assert!(similar(
            full,
            "The minister resigned on Tuesday after weeks of pressure…",
            0.6
        ));
        assert!(!similar(
            full,
            "Something else entirely happened in the city.",
            0.6
        ));
    }
}
