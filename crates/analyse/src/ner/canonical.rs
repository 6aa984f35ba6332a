//! Cleaning a tagged span into a name: courtesy titles, roles and articles before it
//! ("Mr Witkoff", "President Trump", "M. Macron", "Frau Merkel", "la consigliera Rossi") and
//! possessive endings after it ("Hamas's", "Hamas’") are not part of the name.

use super::vocab::{class, Cues};
use crate::text::TextDoc;
use newsloom_model::EntityLabel;
use std::ops::Range;

/// Possessive tokens split off by the tokeniser.
const POSSESSIVES: &[&str] = &["'s", "’s", "'", "’", "s'", "s’"];

/// True when token `i` is a standalone possessive ending.
pub fn is_possessive(doc: &TextDoc<'_>, i: usize) -> bool {
    POSSESSIVES.contains(&doc.token_text(i))
}

/// True when the token starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The span `tokens` of label `label` without leading titles, roles and articles, and without
/// trailing possessives and punctuation; `None` when nothing of a name is left.
pub fn clean(
    doc: &TextDoc<'_>,
    cues: &Cues,
    tokens: Range<usize>,
    label: EntityLabel,
) -> Option<Range<usize>> {
    let (mut s, mut e) = (tokens.start, tokens.end);
    while s < e {
        let c = cues.classes(doc.token_text(s));
        let next_is_title = s + 1 < e && cues.is_title_or_role(doc.token_text(s + 1));
        let strip = c & class::HONORIFIC != 0
            || (c & class::ROLE != 0 && label == EntityLabel::Person)
            || (c & class::DETERMINER != 0 && next_is_title)
            || !doc.token_text(s).chars().any(char::is_alphanumeric);
        if !strip {
            break;
        }
        s += 1;
    }
    while e > s
        && (is_possessive(doc, e - 1) || !doc.token_text(e - 1).chars().any(char::is_alphanumeric))
    {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    // A lone title or role is not a name.
    if e - s == 1 && cues.is_title_or_role(doc.token_text(s)) {
        return None;
    }
    // A name never ends with an article or a preposition: such a span ran into the words
    // around a name, or is no name at all ("Based on the" opening a quote).
    if is_function_word(cues, doc.token_text(e - 1)) {
        return None;
    }
    Some(s..e)
}

/// Longest lower-case word counted as a function word without being in the cue vocabularies.
const SHORT_FUNCTION_WORD: usize = 3;

/// True for a lower-case article or preposition ("the", "of", "de", "la", "von", "on").
fn is_function_word(cues: &Cues, word: &str) -> bool {
    if !word.chars().all(|c| c.is_alphabetic() && c.is_lowercase()) {
        return false;
    }
    cues.classes(word) & (class::DETERMINER | class::LOC_CUE) != 0
        || word.chars().count() <= SHORT_FUNCTION_WORD
}

/// The byte range of a cleaned span, without a possessive ending glued to its last token
/// ("Hamas’s" kept whole by a tokeniser).
pub fn name_bytes(doc: &TextDoc<'_>, tokens: Range<usize>) -> Range<usize> {
    let mut r = doc.token_bytes(tokens);
    let text = &doc.text[r.clone()];
    for p in ["'s", "’s"] {
        if text.len() > p.len() + 1 && text.ends_with(p) {
            r.end -= p.len();
            break;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsloom_model::Language;

    fn cleaned(text: &str, lang: Language, label: EntityLabel) -> Option<String> {
        let doc = TextDoc::new(text, lang.clone());
        let cues = Cues::new(&lang);
        clean(&doc, &cues, 0..doc.tokens.len(), label)
            .map(|r| doc.text[name_bytes(&doc, r)].to_string())
    }

    #[test]
    fn strips_titles_in_each_language() {
        let p = EntityLabel::Person;
        assert_eq!(
            cleaned("Mr Witkoff", Language::En, p).as_deref(),
            Some("Witkoff")
        );
        assert_eq!(
            cleaned("President Trump's", Language::En, p).as_deref(),
            Some("Trump")
        );
        assert_eq!(
            cleaned("M. Macron", Language::Fr, p).as_deref(),
            Some("Macron")
        );
        assert_eq!(
            cleaned("Sra. Ferrer", Language::Es, p).as_deref(),
            Some("Ferrer")
        );
        assert_eq!(
            cleaned("Frau Merkel", Language::De, p).as_deref(),
            Some("Merkel")
        );
        assert_eq!(
            cleaned("la consigliera Rossi", Language::It, p).as_deref(),
            Some("Rossi")
        );
        assert_eq!(
            cleaned("l'assessora Bianchi", Language::It, p).as_deref(),
            Some("Bianchi")
        );
        assert_eq!(cleaned("Mr", Language::En, p), None);
    }

    #[test]
    fn keeps_organisation_heads_and_strips_possessives() {
        let o = EntityLabel::Organisation;
        assert_eq!(
            cleaned("Hamas's", Language::En, o).as_deref(),
            Some("Hamas")
        );
        assert_eq!(
            cleaned("Ministry of Defence", Language::En, o).as_deref(),
            Some("Ministry of Defence")
        );
    }

    #[test]
    fn spans_ending_in_a_function_word_are_no_names() {
        let m = EntityLabel::Misc;
        assert_eq!(cleaned("Based on the", Language::En, m), None);
        assert_eq!(
            cleaned("Banque de", Language::Fr, EntityLabel::Organisation),
            None
        );
        assert_eq!(
            cleaned(
                "Organisation mondiale de la santé",
                Language::Fr,
                EntityLabel::Organisation
            )
            .as_deref(),
            Some("Organisation mondiale de la santé")
        );
        assert_eq!(
            cleaned("Sharm el-Sheikh", Language::En, EntityLabel::Location).as_deref(),
            Some("Sharm el-Sheikh")
        );
    }
}
