//! Tokenisation close to the CoNLL/WikiNEuRal conventions the entity model is trained on:
//! punctuation split off; elided articles (`l'`, `dell'`, `d'`) and English `'s` separate;
//! hyphenated names (`al-Hayya`), numbers with separators (`2,000`, `3,5`, `1.300`), known
//! abbreviations (`Mr.`, `z. B.` parts, `U.S.`) and initials (`J.`) kept whole.

use super::abbreviations::is_abbreviation;
use super::Token;
use newsloom_model::Language;
use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with inner hyphens, apostrophes, periods of abbreviations).
    Word,
    /// Digits (possibly with separators).
    Number,
    /// An opening or closing quotation mark.
    Quote,
    /// Any other punctuation or symbol.
    Punct,
}

/// Characters that are quotation marks in the five languages.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '‘' | '’' | '‚' | '\'' | '‟'
    )
}

/// Elided forms that take an apostrophe and are split from the next word (lower case, with
/// the apostrophe normalised to `'`).
const ELISIONS: &[&str] = &[
    "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'",
    "quoiqu'", "dell'", "all'", "dall'", "nell'", "sull'", "coll'", "un'", "quest'", "quell'",
    "po'", "degl'", "agl'", "negl'", "sugl'", "bell'", "sant'", "tutt'",
];

/// Byte ranges of paragraphs (text between blank lines).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n") {
        if i > start {
            out.push(start..i);
        }
        start = i + 2;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str, lang: &Language) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    let mut space_before = true;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphabetic() {
            // A word: letters, digits, inner hyphens/apostrophes/periods followed by a letter.
            i += 1;
            while i < n {
                let d = chars[i].1;
                if d.is_alphanumeric() || is_mark(d) {
                    i += 1;
                } else if matches!(d, '-' | '\'' | '’' | '.' | '·')
                    && i + 1 < n
                    && chars[i + 1].1.is_alphabetic()
                {
                    if matches!(d, '\'' | '’') {
                        // Elision: split after the apostrophe.
                        let so_far: String = text[byte_at(start)..byte_at(i)].to_lowercase() + "'";
                        if ELISIONS.contains(&so_far.as_str()) {
                            i += 1;
                            break;
                        }
                        // English possessive and contractions: split before the apostrophe.
                        let rest: String = chars[i + 1..n.min(i + 3)].iter().map(|x| x.1).collect();
                        let rest_l = rest.to_lowercase();
                        let clitic = rest_l.starts_with('s')
                            && !rest_l[1..].starts_with(char::is_alphabetic)
                            || rest_l.starts_with("ll")
                            || rest_l.starts_with("re")
                            || rest_l.starts_with("ve")
                            || (rest_l.starts_with('t')
                                && text[byte_at(start)..byte_at(i)].ends_with('n'));
                        if clitic && *lang == Language::En {
                            break;
                        }
                    }
                    if d == '.' {
                        // Only inside dotted abbreviations like U.S. or z.B.
                        let next_is_short = chars
                            .get(i + 2)
                            .is_none_or(|x| x.1 == '.' || !x.1.is_alphabetic());
                        if !next_is_short {
                            break;
                        }
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            // A final period that belongs to the word: abbreviation or initial.
            if i < n && chars[i].1 == '.' {
                let word = &text[byte_at(start)..byte_at(i)];
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                let dotted = word.contains('.');
                if initial || dotted || is_abbreviation(word, lang) {
                    i += 1;
                }
            }
            kind = TokenKind::Word;
        } else if c.is_ascii_digit() || c.is_numeric() {
            i += 1;
            while i < n {
                let d = chars[i].1;
                let separator = matches!(d, ',' | '.' | '\u{202f}' | '\'' | ':')
                    && i + 1 < n
                    && chars[i + 1].1.is_ascii_digit();
                if d.is_numeric() || separator {
                    i += 1;
                } else {
                    break;
                }
            }
            // Ordinals and units glued to numbers stay apart; "1er", "1°", "3." stay together
            // only for the ordinal marks.
            if i < n && matches!(chars[i].1, '°' | 'º' | 'ª') {
                i += 1;
            }
            kind = TokenKind::Number;
        } else if matches!(c, '\'' | '’')
            && !space_before
            && is_clitic(&chars, i)
            && *lang == Language::En
        {
            // English clitics glued to the previous word: 's, 'll, 're, 've, n't handled above.
            i += 1;
            while i < n && chars[i].1.is_alphabetic() {
                i += 1;
            }
            kind = TokenKind::Word;
        } else if is_quote_char(c) {
            i += 1;
            kind = TokenKind::Quote;
        } else {
            i += 1;
            // Ellipses and dashes runs as one token.
            while i < n && chars[i].1 == c && matches!(c, '.' | '-' | '—' | '!' | '?') {
                i += 1;
            }
            kind = TokenKind::Punct;
        }
        tokens.push(Token {
            start: byte_at(start),
            end: byte_at(i),
            kind,
            space_before,
        });
        space_before = false;
    }
    tokens
}

/// True when the apostrophe at `i` starts an English clitic (`'s`, `'ll`, `'re`, `'ve`, `'d`, `'m`).
fn is_clitic(chars: &[(usize, char)], i: usize) -> bool {
    let word: String = chars[i + 1..]
        .iter()
        .map(|x| x.1)
        .take_while(|c| c.is_alphabetic())
        .take(3)
        .collect();
    matches!(
        word.to_lowercase().as_str(),
        "s" | "ll" | "re" | "ve" | "d" | "m" | "t"
    ) && i > 0
        && chars[i - 1].1.is_alphanumeric()
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}
