//! Dates mentioned in the text, absolute, partial and relative, resolved to the calendar.
//!
//! Recognition ([`recognise`]) is one pass over each sentence's tokens with per-language word
//! lists ([`vocab`]); resolution ([`resolve`]) places partial and relative dates against the
//! anchor (the publication date) with hand-written calendar arithmetic ([`calendar`]) and a
//! simple tense test ([`tense`]). The rules are described in the crate README, section "Dates".
//!
//! ```
//! use newsloom_analyse::dates::{find, Date};
//! use newsloom_analyse::text::TextDoc;
//! use newsloom_model::Language;
//! let doc = TextDoc::new("They met on the night of 8 October, and again last week.", Language::En);
//! let found = find(&doc, Date::parse_iso("2025-10-15"));
//! assert_eq!(found[0].text, "8 October");
//! assert_eq!(found[0].value.as_deref(), Some("2025-10-08"));
//! assert_eq!(found[1].text, "last week");
//! assert_eq!(found[1].value.as_deref(), Some("2025-10"));
//! ```

pub mod calendar;
pub mod recognise;
pub mod resolve;
pub mod tense;
pub mod vocab;

#[cfg(test)]
mod tests;

use crate::text::{TextDoc, TokenKind};
use newsloom_model::DateMention;
use std::ops::RangeInclusive;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl Date {
    /// Parses the date part of an ISO 8601 date or date-time ("2025-10-15", "2025-10-15T09:00:00+02:00").
    pub fn parse_iso(s: &str) -> Option<Date> {
        let d = s.get(..10)?;
        let mut parts = d.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }
}

/// Settings of date recognition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatesConfig {
    /// Years accepted alone after a lead word ("in 2027"); other numbers are counts.
    pub bare_years: RangeInclusive<i32>,
    /// Years accepted next to a month or in a numeric date ("8 October 1871").
    pub attached_years: RangeInclusive<i32>,
    /// Reads English `a/b/yyyy` day first (British usage) unless `b` > 12 forces month first.
    /// The other four languages always read day first.
    pub english_day_first: bool,
    /// Commas and articles skipped between a weekday and the date it introduces
    /// ("Dienstag, den 3. Februar").
    pub weekday_date_gap: usize,
}

impl Default for DatesConfig {
    fn default() -> Self {
        DatesConfig {
            bare_years: 1900..=2100,
            attached_years: 1000..=2999,
            english_day_first: true,
            weekday_date_gap: 2,
        }
    }
}

/// Finds the dates of `doc`, resolving relative ones against `anchor` (the publication date).
pub fn find(doc: &TextDoc<'_>, anchor: Option<Date>) -> Vec<DateMention> {
    find_with(doc, anchor, &DatesConfig::default())
}

/// [`find`] with explicit settings.
pub fn find_with(
    doc: &TextDoc<'_>,
    anchor: Option<Date>,
    config: &DatesConfig,
) -> Vec<DateMention> {
    let vocab = vocab::for_language(&doc.lang);
    let words = Words::new(doc);
    let found = recognise::recognise(&words, vocab, config);
    // The sentence-level tense test runs at most once per sentence.
    let mut tense_cache: Option<(usize, bool)> = None;
    found
        .into_iter()
        .map(|f| {
            let sentence = &doc.sentences[f.sentence];
            let future_sentence = match tense_cache {
                Some((s, fut)) if s == f.sentence => fut,
                _ => {
                    let fut = tense::sentence_is_future(&words, sentence.tokens.clone(), vocab);
                    tense_cache = Some((f.sentence, fut));
                    fut
                }
            };
            let future = future_sentence
                || tense::cue_before(&words, f.tokens.start, sentence.tokens.start, vocab);
            let bytes = doc.token_bytes(f.tokens);
            let (start, end) = doc.char_span(bytes.clone());
            DateMention {
                text: doc.text[bytes].to_string(),
                value: resolve::resolve(f.expr, anchor, future),
                start,
                end,
            }
        })
        .collect()
}

/// The tokens of a document with their lower-case forms (apostrophes normalised to `'`),
/// computed once and shared by recognition and the tense test.
pub struct Words<'a> {
    doc: &'a TextDoc<'a>,
    lower: Vec<String>,
}

impl<'a> Words<'a> {
    /// Lower-cases every token of `doc`.
    pub fn new(doc: &'a TextDoc<'a>) -> Words<'a> {
        let lower = (0..doc.tokens.len())
            .map(|i| doc.token_text(i).to_lowercase().replace('’', "'"))
            .collect();
        Words { doc, lower }
    }

    /// The document.
    pub fn doc(&self) -> &'a TextDoc<'a> {
        self.doc
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.lower.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    /// Lower-case form of token `i` ("" past the end).
    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// Text of token `i` as written ("" past the end).
    pub fn text(&self, i: usize) -> &'a str {
        if i < self.lower.len() {
            self.doc.token_text(i)
        } else {
            ""
        }
    }

    /// Kind of token `i`.
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.doc.tokens.get(i).map(|t| t.kind)
    }

    /// True when token `i` follows the previous one without a space.
    pub fn glued(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| !t.space_before)
    }

    /// True when token `i` starts with an upper-case letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// True when the tokens from `i` on are `phrase`.
    pub fn matches(&self, i: usize, phrase: &[&str]) -> bool {
        i + phrase.len() <= self.lower.len()
            && phrase
                .iter()
                .enumerate()
                .all(|(k, p)| self.lower[i + k] == *p)
    }
}
