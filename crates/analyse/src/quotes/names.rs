//! Speaker noun phrases next to a speech verb: a pronoun, a capitalised name span (the fallback
//! when no entity tagger is available), or a role phrase ("the spokeswoman", "Der
//! Staatsanwalt"), read forwards from a token or backwards from one.

use super::cues::{normalise, Gender, Lexicon};
use crate::text::{TextDoc, TokenKind};
use newsloom_model::Language;
use std::ops::Range;

/// Longest speaker phrase, in tokens.
const MAX_NP_TOKENS: usize = 10;
/// Longest parenthesis skipped after a name ("(D-Wis.)").
const PAREN_MAX: usize = 8;
/// Most words between a determiner and the noun of a common speaker phrase.
const COMMON_NP_MAX: usize = 3;

/// Words that never sit inside a common speaker phrase ("an architect who").
const NOT_IN_COMMON_NP: &[&str] = &[
    "who", "which", "whom", "whose", "of", "for", "to", "in", "on", "at", "by", "with", "from",
    "qui", "que", "dont", "quien", "cual", "der", "die", "das", "welche", "welcher", "chi", "cui",
    "il", "quale", "not", "been", "be", "as", "than", "like",
];

/// What a speaker phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    /// A personal pronoun.
    Pronoun,
    /// Headed by a name ("Egyptian spymaster Hassan Rashad").
    Name,
    /// Headed by a role noun with no name ("the spokeswoman").
    Role,
}

/// A speaker phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Np {
    /// Tokens of the whole phrase.
    pub tokens: Range<usize>,
    /// Tokens of the name inside it (honorifics stripped), for [`NpKind::Name`].
    pub name: Option<Range<usize>>,
    /// What the phrase is.
    pub kind: NpKind,
    /// Gender from a pronoun, honorific or role noun.
    pub gender: Gender,
    /// The role noun, lower case, when the phrase has one.
    pub role: Option<String>,
}

fn word<'a>(doc: &TextDoc<'a>, i: usize) -> Option<&'a str> {
    (doc.tokens.get(i)?.kind == TokenKind::Word).then(|| doc.token_text(i))
}

/// True when token `i` can be part of a name: a capitalised word that is not a function
/// word, or a particle-prefixed name such as "al-Hayya".
pub fn is_name_word(doc: &TextDoc<'_>, lex: &Lexicon, i: usize) -> bool {
    let Some(w) = word(doc, i) else {
        return false;
    };
    let upper = w.chars().next().is_some_and(char::is_uppercase)
        || w.split_once('-')
            .is_some_and(|(_, b)| b.chars().next().is_some_and(char::is_uppercase));
    upper && !lex.is_not_name(w)
}

fn is_role(lex: &Lexicon, doc: &TextDoc<'_>, i: usize) -> Option<Gender> {
    word(doc, i).and_then(|w| lex.role(w))
}

fn is_lower_word(doc: &TextDoc<'_>, i: usize) -> bool {
    word(doc, i).is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
}

/// The speaker phrase that ends right before token `end`, not reaching before `lo`.
pub fn np_before(doc: &TextDoc<'_>, lex: &Lexicon, end: usize, lo: usize) -> Option<Np> {
    if end <= lo || end > doc.tokens.len() {
        return None;
    }
    if let Some(g) = word(doc, end - 1).and_then(|w| lex.pronoun(w)) {
        return Some(Np {
            tokens: end - 1..end,
            name: None,
            kind: NpKind::Pronoun,
            gender: g,
            role: None,
        });
    }
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Class {
        Name,
        Particle,
        Role,
    }
    // Classes of the phrase's tokens, right to left.
    let mut classes: Vec<Class> = Vec::new();
    let mut role: Option<(String, Gender)> = None;
    let mut end = end;
    // A parenthesis right before the verb ("Rep. Gwen Moore (D-Wis.) said").
    if end > lo + 2 && doc.token_text(end - 1) == ")" {
        if let Some(open) = (lo..end - 1)
            .rev()
            .take(PAREN_MAX)
            .find(|&k| doc.token_text(k) == "(")
        {
            end = open;
        }
    }
    let mut i = end;
    while i > lo && end - i < MAX_NP_TOKENS {
        let k = i - 1;
        let w = word(doc, k).unwrap_or("");
        let class = if is_name_word(doc, lex, k) {
            Class::Name
        } else if (lex.is_particle(w) || lex.is_conjunction(w))
            && classes.last() == Some(&Class::Name)
            && k > lo
            && (is_name_word(doc, lex, k - 1)
                || (k > lo + 1
                    && word(doc, k - 1).is_some_and(|p| lex.is_particle(p))
                    && is_name_word(doc, lex, k - 2)))
        {
            Class::Particle
        } else if let Some(g) = is_role(lex, doc, k) {
            if role.is_none() {
                role = Some((normalise(w), g));
            }
            Class::Role
        } else {
            break;
        };
        classes.push(class);
        i = k;
    }
    let head_role = classes.first() == Some(&Class::Role);
    let head_name = (classes.first() == Some(&Class::Name)).then(|| {
        let n = classes
            .iter()
            .take_while(|c| matches!(c, Class::Name | Class::Particle))
            .count();
        end - n..end
    });
    // A determiner (or possessive determiner) opens the phrase.
    let mut start = i;
    if start > lo && word(doc, start - 1).is_some_and(|w| lex.is_determiner(w)) {
        start -= 1;
    }
    if classes.is_empty()
        && is_lower_word(doc, end - 1)
        && !lex.is_determiner(doc.token_text(end - 1))
    {
        // A common noun phrase opened by a determiner: "the commission", "the ad's narrator".
        let det = (lo..end - 1)
            .rev()
            .take(COMMON_NP_MAX)
            .find(|&k| word(doc, k).is_some_and(|w| lex.is_determiner(w)));
        if let Some(d) = det {
            let plain = (d + 1..end).all(|k| {
                let w = doc.token_text(k);
                doc.tokens[k].kind == TokenKind::Word
                    && lex.pronoun(w).is_none()
                    && !lex.is_verb(w)
                    && !lex.is_complementiser(w)
                    && !lex.is_conjunction(w)
                    && !NOT_IN_COMMON_NP.contains(&normalise(w).as_str())
                    && !(doc.lang == Language::En && w.ends_with("ly"))
            });
            if plain {
                return Some(Np {
                    tokens: d..end,
                    name: None,
                    kind: NpKind::Role,
                    gender: Gender::Unknown,
                    role: None,
                });
            }
        }
    }
    finish(doc, lex, start..end, head_name, head_role, role)
}

/// The speaker phrase that starts at token `start` (after skipping nothing), not reaching
/// `hi`.
pub fn np_after(doc: &TextDoc<'_>, lex: &Lexicon, start: usize, hi: usize) -> Option<Np> {
    let hi = hi.min(doc.tokens.len());
    if start >= hi {
        return None;
    }
    if let Some(g) = word(doc, start).and_then(|w| lex.pronoun(w)) {
        return Some(Np {
            tokens: start..start + 1,
            name: None,
            kind: NpKind::Pronoun,
            gender: g,
            role: None,
        });
    }
    let mut i = start;
    let has_det = word(doc, i).is_some_and(|w| lex.is_determiner(w));
    if has_det {
        i += 1;
    }
    let mut last_name: Option<Range<usize>> = None;
    let mut run_start: Option<usize> = None;
    let mut role: Option<(String, Gender)> = None;
    let mut head_role = false;
    let mut lower_skipped = 0;
    while i < hi && i - start < MAX_NP_TOKENS {
        if is_name_word(doc, lex, i) {
            run_start.get_or_insert(i);
            head_role = false;
            i += 1;
            continue;
        }
        if let Some(rs) = run_start.take() {
            last_name = Some(rs..i);
        }
        let w = word(doc, i).unwrap_or("");
        let particle = (lex.is_particle(w) || lex.is_conjunction(w))
            && last_name.as_ref().is_some_and(|n| n.end == i)
            && (is_name_word(doc, lex, i + 1)
                || (word(doc, i + 1).is_some_and(|p| lex.is_particle(p))
                    && is_name_word(doc, lex, i + 2)));
        if particle {
            run_start = last_name.take().map(|n| n.start);
            i += 1;
            continue;
        }
        if let Some(g) = is_role(lex, doc, i) {
            if role.is_none() {
                role = Some((normalise(w), g));
            }
            head_role = last_name.is_none();
            i += 1;
            continue;
        }
        // Title words before a name ("Egyptian spymaster Hassan Rashad").
        // Not a verb between two names ("David Pepper called Friday's decision"): a
        // lower-case word ending in -ed or -s right after a name.
        let verb_like = last_name
            .as_ref()
            .is_some_and(|n| n.end == i && n.len() >= 2)
            && (w.ends_with("ed") || w.ends_with('s'))
            && doc.lang == Language::En;
        if is_lower_word(doc, i)
            && !verb_like
            && i + 1 < hi
            && (is_name_word(doc, lex, i + 1)
                || (i + 2 < hi && is_lower_word(doc, i + 1) && is_name_word(doc, lex, i + 2)))
            && !lex.is_particle(w)
            && !lex.is_conjunction(w)
            && !lex.is_verb(w)
            && !lex.is_skippable(w)
            && !NOT_IN_COMMON_NP.contains(&normalise(w).as_str())
            && !lex.is_preposition(w)
        {
            last_name = None;
            i += 1;
            continue;
        }
        // Adjectives between a determiner and a role or name ("the former minister").
        if has_det && last_name.is_none() && is_lower_word(doc, i) && lower_skipped < 2 {
            lower_skipped += 1;
            i += 1;
            continue;
        }
        // Role phrase complements ("ministre de l'Intérieur Gérald Darmanin").
        if role.is_some()
            && last_name.is_none()
            && (lex.is_particle(w) || lex.is_determiner(w))
            && (is_name_word(doc, lex, i + 1)
                || word(doc, i + 1).is_some_and(|p| lex.is_determiner(p)))
        {
            i += 1;
            continue;
        }
        break;
    }
    if let Some(rs) = run_start.take() {
        last_name = Some(rs..i);
    }
    let head_name = if head_role { None } else { last_name };
    let end = head_name.as_ref().map_or(i, |n| n.end.max(start + 1));
    let end = if head_name.is_none() { i } else { end };
    finish(doc, lex, start..end, head_name, head_role, role)
}

fn finish(
    doc: &TextDoc<'_>,
    lex: &Lexicon,
    tokens: Range<usize>,
    name: Option<Range<usize>>,
    head_role: bool,
    role: Option<(String, Gender)>,
) -> Option<Np> {
    if tokens.is_empty() {
        return None;
    }
    let role_gender = role.as_ref().map_or(Gender::Unknown, |r| r.1);
    let role_word = role.map(|r| r.0);
    match name {
        Some(mut n) if !head_role => {
            // Strip honorifics, keeping their gender.
            let mut gender = role_gender;
            while n.len() > 1 {
                let title =
                    word(doc, n.start).and_then(|w| lex.honorific(w).or_else(|| lex.role(w)));
                match title {
                    Some(g) => {
                        if g != Gender::Unknown {
                            gender = g;
                        }
                        n.start += 1;
                    }
                    None => break,
                }
            }
            // An organisation before a role before the name ("Ohio Democratic Party Chairman
            // David Pepper", "Senate Majority Leader Mitch McConnell"): the name follows the
            // last role word.
            if let Some(k) = (n.start..n.end.saturating_sub(1))
                .rev()
                .find(|&k| word(doc, k).and_then(|w| lex.role(w)).is_some())
            {
                let mut s = k + 1;
                while s + 1 < n.end
                    && word(doc, s)
                        .is_some_and(|w| !is_name_word(doc, lex, s) || lex.is_particle(w))
                {
                    s += 1;
                }
                if let Some(g) = word(doc, k).and_then(|w| lex.role(w)) {
                    if g != Gender::Unknown {
                        gender = g;
                    }
                }
                n.start = s;
            }
            if gender == Gender::Unknown {
                if let Some(g) = word(doc, n.start).and_then(super::cues::given_name_gender) {
                    gender = g;
                }
            }
            // German: a determiner and one capitalised noun is a role phrase ("Der
            // Staatsanwalt", "die Polizei"), not a name.
            let det_before = n.start > tokens.start
                && word(doc, n.start - 1).is_some_and(|w| lex.is_determiner(w));
            if doc.lang == Language::De && det_before && n.len() == 1 {
                let g = word(doc, n.start)
                    .and_then(|w| lex.role(w))
                    .unwrap_or(gender);
                return Some(Np {
                    tokens: tokens.start..n.end,
                    name: None,
                    kind: NpKind::Role,
                    gender: g,
                    role: word(doc, n.start).map(normalise),
                });
            }
            Some(Np {
                tokens,
                name: Some(n),
                kind: NpKind::Name,
                gender,
                role: role_word,
            })
        }
        _ => role_word.map(|r| Np {
            tokens,
            name: None,
            kind: NpKind::Role,
            gender: role_gender,
            role: Some(r),
        }),
    }
}
