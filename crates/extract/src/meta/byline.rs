//! Bylines: from "By Anna Reyes and Tom Clarke, Staff Reporters | Updated 14 October" to
//! `["Anna Reyes", "Tom Clarke"]`.
//!
//! *What it does*: strips the byline prefix ("By", "Par", "Por", "Von", "di", "A cura di",
//! "Texte :"), splits names on commas and conjunctions in five languages, and drops roles,
//! places, dates, "Updated …", e-mails, handles, agencies and the site's own name.
//! *Why*: authors must be persons only, one per entry.
//! *Example*: "Von Jonas Weber und Lena Vogt, Berlin" → `["Jonas Weber", "Lena Vogt"]`.

use super::text::{fold, starts_upper};
use super::vocab;

/// Thresholds of byline parsing.
#[derive(Debug, Clone, Copy)]
pub struct BylineConfig {
    /// Longest byline text considered, in characters.
    pub max_byline_chars: usize,
    /// Fewest words in a person's name.
    pub min_name_words: usize,
    /// Most words in a person's name.
    pub max_name_words: usize,
    /// Longest name, in characters.
    pub max_name_chars: usize,
    /// Most authors kept.
    pub max_authors: usize,
}

impl BylineConfig {
    /// Defaults.
    pub const DEFAULT: BylineConfig = BylineConfig {
        max_byline_chars: 300,
        min_name_words: 2,
        max_name_words: 5,
        max_name_chars: 60,
        max_authors: 10,
    };
}

/// Characters that end a byline segment ("Por Lucía Ferrer | Madrid").
const SEGMENT_BREAKS: &[char] = &['|', '•', '·', '—', '–', '/', '\n', ';', '(', ')', '[', ']'];

/// The byte length of a byline prefix at the start of `text` ("By ", "Par ", "Texte : "), when
/// one is there and is followed by a capitalised word.
pub fn prefix_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    for lang in vocab::byline_prefixes::ALL {
        for p in *lang {
            let n = p.len();
            if bytes.len() <= n
                || !text.is_char_boundary(n)
                || !bytes[..n].eq_ignore_ascii_case(p.as_bytes())
            {
                continue;
            }
            if !matches!(bytes[n], b' ' | b':' | b'\t') && !text[n..].starts_with('\u{a0}') {
                continue;
            }
            let rest = text[n..].trim_start_matches(|c: char| {
                c.is_whitespace() || c == ':' || c == '-' || c == '\u{a0}'
            });
            if starts_upper(rest) && rest.chars().next().is_some_and(char::is_alphabetic) {
                return Some(text.len() - rest.len());
            }
        }
    }
    None
}

/// Parses a byline. With `require_prefix`, only text introduced by a byline prefix counts
/// (for free text found near the headline). `site` names are never authors.
pub fn parse(
    text: &str,
    require_prefix: bool,
    site: Option<&str>,
    cfg: &BylineConfig,
) -> Vec<String> {
    let text = crate::dom::collapse_whitespace(text);
    if text.is_empty() || text.chars().count() > cfg.max_byline_chars {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for (k, segment) in text.split(SEGMENT_BREAKS).map(str::trim).enumerate() {
        if segment.is_empty() {
            continue;
        }
        let prefix = prefix_len(segment);
        if prefix.is_none() && (require_prefix && k == 0 || !out.is_empty()) {
            if require_prefix && k == 0 {
                return out;
            }
            continue;
        }
        let rest = &segment[prefix.unwrap_or(0)..];
        let before = out.len();
        for name in split_names(rest, cfg) {
            if is_site(&name, site) {
                continue;
            }
            push_unique(&mut out, name);
        }
        if out.len() == before && require_prefix {
            break;
        }
        if out.len() >= cfg.max_authors {
            out.truncate(cfg.max_authors);
            break;
        }
    }
    out
}

/// Cleans one name given by structured data (JSON-LD, meta): may hold several names ("Anna
/// Reyes and Tom Clarke"), a prefix, or a role.
pub fn parse_structured(text: &str, site: Option<&str>, cfg: &BylineConfig) -> Vec<String> {
    if text.starts_with("http://") || text.starts_with("https://") || text.starts_with('/') {
        return Vec::new();
    }
    parse(text, false, site, cfg)
}

fn is_site(name: &str, site: Option<&str>) -> bool {
    site.is_some_and(|s| {
        let (a, b) = (fold(name), fold(s));
        !b.is_empty() && (a == b || a.contains(b.as_str()))
    })
}

/// Adds `name` unless already there (case-insensitively).
pub fn push_unique(list: &mut Vec<String>, name: String) {
    let key = fold(&name);
    if !key.is_empty() && !list.iter().any(|n| fold(n) == key) {
        list.push(name);
    }
}

fn lower_in(word: &str, list: &[&str]) -> bool {
    let lower = word.to_lowercase();
    list.contains(&lower.as_str())
}

fn is_role(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    vocab::roles::ALL.iter().any(|l| lower_in(w, l))
}

/// Splits the part after the prefix into names and validates each.
fn split_names(rest: &str, cfg: &BylineConfig) -> Vec<String> {
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut closed = false;
    let finish = |current: &mut Vec<&str>, closed: &mut bool, names: &mut Vec<String>| {
        if let Some(name) = finalize(current, cfg) {
            names.push(name);
        }
        current.clear();
        *closed = false;
    };
    let mut words = rest.split_whitespace().peekable();
    while let Some(raw) = words.next() {
        let ends_clause = raw.ends_with(',') || raw.ends_with(':');
        let word = raw.trim_matches(|c: char| {
            matches!(c, ',' | ':' | '"' | '\'' | '«' | '»' | '“' | '”' | '*')
        });
        let lower = word.to_lowercase();
        if word.is_empty() || word.contains('@') || word.starts_with("http") {
            // E-mails and handles: skipped; a clause end still separates names.
        } else if word.chars().any(|c| c.is_ascii_digit())
            || vocab::BYLINE_STOP_WORDS.contains(&lower.as_str())
            || vocab::WEEKDAYS.iter().any(|l| l.contains(&lower.as_str()))
            || (is_month(&lower)
                && words
                    .peek()
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())))
        {
            // Dates and "Updated …": nothing after is a name.
            finish(&mut current, &mut closed, &mut names);
            return names;
        } else if vocab::NAME_CONJUNCTIONS.contains(&lower.as_str()) {
            finish(&mut current, &mut closed, &mut names);
            continue;
        } else if !closed {
            let particle = vocab::NAME_PARTICLES.contains(&lower.as_str());
            if starts_upper(word) || (particle && !current.is_empty()) || is_initial(word) {
                current.push(word);
            } else {
                // "envoyée spéciale à Bruxelles", "in Berlin": the name is over.
                closed = true;
            }
        }
        if ends_clause {
            finish(&mut current, &mut closed, &mut names);
        }
    }
    finish(&mut current, &mut closed, &mut names);
    names
}

fn is_month(lower: &str) -> bool {
    vocab::months::ALL
        .iter()
        .any(|l| l.iter().any(|(m, _)| *m == lower))
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Validates a would-be name and returns it cleaned.
fn finalize(words: &[&str], cfg: &BylineConfig) -> Option<String> {
    let mut words: Vec<&str> = words.to_vec();
    // Trailing roles and particles: "Anna Reyes Staff Reporter", "Jonas Weber aus".
    while let Some(last) = words.last() {
        if is_role(last) || lower_in(last, vocab::NAME_PARTICLES) {
            words.pop();
        } else {
            break;
        }
    }
    let first = words.first()?;
    if lower_in(first, vocab::LEADING_ARTICLES)
        || lower_in(first, vocab::NAME_PARTICLES) && words.len() < 3
    {
        return None;
    }
    if words.len() < cfg.min_name_words || words.len() > cfg.max_name_words {
        return None;
    }
    if words
        .iter()
        .any(|w| is_role(w) || lower_in(w, vocab::ORG_WORDS))
    {
        return None;
    }
    let name = words.join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    if name.chars().count() > cfg.max_name_chars
        || vocab::NON_PERSONS.contains(&fold(name).as_str())
    {
        return None;
    }
    // "AP Auto", "Reuters Staff": an agency inside is not a person.
    if words.iter().any(|w| lower_in(w, vocab::NON_PERSONS)) {
        return None;
    }
    if name.chars().any(|c| c.is_alphabetic()) && !name.chars().any(char::is_lowercase) {
        return Some(title_case(name));
    }
    Some(name.to_string())
}

/// "ANNA REYES" → "Anna Reyes" (for all-caps bylines).
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<String> {
        parse(s, false, None, &BylineConfig::DEFAULT)
    }

    #[test]
    fn english_bylines() {
        assert_eq!(
            p("By Anna Reyes and Tom Clarke"),
            vec!["Anna Reyes", "Tom Clarke"]
        );
        assert_eq!(
            p("By Anna Reyes, Tom Clarke and Sam O'Neil"),
            vec!["Anna Reyes", "Tom Clarke", "Sam O'Neil"]
        );
        assert_eq!(
            p("By Anna Reyes, Staff Reporter | Updated 14 October 2030"),
            vec!["Anna Reyes"]
        );
        assert_eq!(p("BY ANNA REYES"), vec!["Anna Reyes"]);
        assert_eq!(
            p("Anna Reyes (@annareyes) anna@planet.test"),
            vec!["Anna Reyes"]
        );
        assert_eq!(p("By Reuters"), Vec::<String>::new());
        assert_eq!(p("By The Associated Press"), Vec::<String>::new());
        assert_eq!(p("By Anna Reyes, Correspondent"), vec!["Anna Reyes"]);
        assert_eq!(p("By Tom Krisher, AP Auto Writer"), vec!["Tom Krisher"]);
        assert_eq!(p("Reuters November 19, 2019"), Vec::<String>::new());
        assert_eq!(
            p("Mike Wuerthele and Malcolm Owen Monday, November 18, 2019"),
            vec!["Mike Wuerthele", "Malcolm Owen"]
        );
        assert_eq!(p("By Theresa May"), vec!["Theresa May"]);
    }

    #[test]
    fn french_bylines() {
        assert_eq!(
            p("Par Claire Dubois, envoyée spéciale à Bruxelles"),
            vec!["Claire Dubois"]
        );
        assert_eq!(
            p("Par Claire Dubois et Jean-Marc Leroy"),
            vec!["Claire Dubois", "Jean-Marc Leroy"]
        );
        assert_eq!(p("Texte : Claire Dubois"), vec!["Claire Dubois"]);
        assert_eq!(p("Par Rédaction"), Vec::<String>::new());
        assert_eq!(p("Par Claire Dubois avec AFP"), vec!["Claire Dubois"]);
    }

    #[test]
    fn spanish_bylines() {
        assert_eq!(p("Por Lucía Ferrer | Madrid"), vec!["Lucía Ferrer"]);
        assert_eq!(
            p("Por Lucía Ferrer y Pablo de la Fuente"),
            vec!["Lucía Ferrer", "Pablo de la Fuente"]
        );
        assert_eq!(
            p("Lucía Ferrer, corresponsal en París"),
            vec!["Lucía Ferrer"]
        );
    }

    #[test]
    fn german_bylines() {
        assert_eq!(
            p("Von Jonas Weber und Lena Vogt, Berlin"),
            vec!["Jonas Weber", "Lena Vogt"]
        );
        assert_eq!(p("Von Jonas Weber, Redakteur"), vec!["Jonas Weber"]);
        assert_eq!(p("Von dpa"), Vec::<String>::new());
    }

    #[test]
    fn italian_bylines() {
        assert_eq!(p("di Giulia Romano"), vec!["Giulia Romano"]);
        assert_eq!(
            p("A cura di Giulia Romano e Marco Bianchi"),
            vec!["Giulia Romano", "Marco Bianchi"]
        );
        assert_eq!(p("Redazione"), Vec::<String>::new());
    }

    #[test]
    fn prefix_is_required_for_free_text() {
        let c = BylineConfig::DEFAULT;
        assert_eq!(
            parse("The President said", true, None, &c),
            Vec::<String>::new()
        );
        assert_eq!(parse("By Anna Reyes", true, None, &c), vec!["Anna Reyes"]);
        assert_eq!(parse("Paris is calm", true, None, &c), Vec::<String>::new());
    }

    #[test]
    fn site_names_and_urls_are_not_authors() {
        let c = BylineConfig::DEFAULT;
        assert_eq!(
            parse("Planet Staff", false, Some("The Planet"), &c),
            Vec::<String>::new()
        );
        assert_eq!(
            parse_structured("https://planet.test/authors/anna", None, &c),
            Vec::<String>::new()
        );
        assert_eq!(
            parse_structured("Anna Reyes", Some("The Planet"), &c),
            vec!["Anna Reyes"]
        );
    }

    #[test]
    fn dedupes_case_insensitively_keeping_order() {
        let mut v = vec!["Anna Reyes".to_string()];
        push_unique(&mut v, "ANNA REYES".into());
        push_unique(&mut v, "Tom Clarke".into());
        assert_eq!(v, vec!["Anna Reyes", "Tom Clarke"]);
    }
}
