//! The features one article is compared by, computed once per article from its analysed
//! record: entity keys, numbers, resolved dates, quote speakers, capitalised words, text terms
//! and title words.
//!
//! ```
//! use newsloom_model::{Article, Entity, EntityLabel, Language};
//! use newsloom_stories::features::{FeatureConfig, Features};
//! let mut a = Article::new("x");
//! a.language = Language::Fr;
//! a.title = Some("L'Allemagne prolonge".into());
//! a.text = "Berlin a annoncé 2 000 tests.".into();
//! let f = Features::from_article(&a, &FeatureConfig::default());
//! assert!(f.numbers.contains_key("2000"));
//! assert!(f.title.contains_key("germany"));
//! ```

use crate::lexicon::Lexicon;
use crate::normalise::{entity_key, fold, word_key};
use crate::numbers::numbers;
use newsloom_model::{Article, EntityLabel, Language};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A family of feature keys; each has its own document frequencies and similarity component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Family {
    /// Entity keys (exonym-mapped, surnames for people).
    Entity,
    /// Normalised numbers.
    Number,
    /// Resolved date values.
    Date,
    /// Quote speakers (surname keys).
    Speaker,
    /// Capitalised words not opening a sentence (folded, exonym-mapped).
    Capitalised,
    /// Text terms: folded word prefixes.
    Term,
    /// Title words: folded word prefixes and capitalised word keys.
    Title,
    /// Text terms in the shared English key space of the [`crate::lexicon::Lexicon`].
    Lexical,
}

impl Family {
    /// Number of families.
    pub const COUNT: usize = 8;
    /// Every family.
    pub const ALL: [Family; Family::COUNT] = [
        Family::Entity,
        Family::Number,
        Family::Date,
        Family::Speaker,
        Family::Capitalised,
        Family::Term,
        Family::Title,
        Family::Lexical,
    ];
}

/// Settings of feature extraction.
#[derive(Debug, Clone)]
pub struct FeatureConfig {
    /// Terms are the first `prefix_len` characters of folded words (a cheap stemmer that works
    /// the same in every language).
    pub prefix_len: usize,
    /// Shorter words are not terms (most function words).
    pub min_term_len: usize,
    /// Capitalised words shorter than this are ignored.
    pub min_capitalised_len: usize,
    /// Only the first `max_text_chars` characters of the text are read for terms, capitalised
    /// words and numbers.
    pub max_text_chars: usize,
    /// The lead is the first `lead_chars` characters of the body (cut at a word boundary).
    pub lead_chars: usize,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            prefix_len: 5,
            min_term_len: 4,
            min_capitalised_len: 3,
            max_text_chars: 20_000,
            lead_chars: 800,
        }
    }
}

/// Key → count, for one family.
pub type Bag = BTreeMap<String, u32>;

/// The comparison features of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Features {
    /// The article's language.
    pub language: Language,
    /// Entity keys with their mention counts.
    pub entities: Bag,
    /// Entity keys of people (a subset of `entities`), for explanations.
    pub people: Bag,
    /// Normalised numbers.
    pub numbers: Bag,
    /// Resolved date values (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub dates: Bag,
    /// Speaker keys of quotes.
    pub speakers: Bag,
    /// Capitalised words not opening a sentence.
    pub capitalised: Bag,
    /// Text terms (title and body).
    pub terms: Bag,
    /// Title words: term prefixes and word keys.
    pub title: Bag,
    /// Entity keys of places (a subset of `entities`).
    #[serde(default)]
    pub places: Bag,
    /// Text terms of the lead (the first [`FeatureConfig::lead_chars`] characters of the body).
    #[serde(default)]
    pub lead: Bag,
    /// Text terms mapped to English terms by the [`Lexicon`] (English terms and terms the
    /// lexicon does not know, names and numbers among them, stay as they are): a key space
    /// shared by the five languages.
    #[serde(default)]
    pub lexical: Bag,
}

impl Features {
    /// Computes the features of an analysed article (entities, quotes and dates come from the
    /// analysis stage; numbers, terms and capitalised words from the text).
    pub fn from_article(article: &Article, cfg: &FeatureConfig) -> Features {
        let mut f = Features {
            language: article.language.clone(),
            ..Features::default()
        };
        for e in &article.entities {
            let key = entity_key(&e.name, e.label);
            if key.chars().count() < 2 {
                continue;
            }
            let n = u32::try_from(e.mentions.len().max(1)).unwrap_or(u32::MAX);
            *f.entities.entry(key.clone()).or_insert(0) += n;
            match e.label {
                EntityLabel::Person => *f.people.entry(key).or_insert(0) += n,
                EntityLabel::Location => *f.places.entry(key).or_insert(0) += n,
                _ => {}
            }
        }
        for d in &article.dates {
            if let Some(v) = &d.value {
                *f.dates.entry(v.clone()).or_insert(0) += 1;
            }
        }
        for q in &article.quotes {
            if let Some(s) = q.speaker_entity.as_deref().or(q.speaker.as_deref()) {
                let key = entity_key(s, EntityLabel::Person);
                if !key.is_empty() {
                    *f.speakers.entry(key).or_insert(0) += 1;
                }
            }
        }
        let text: String = article.text.chars().take(cfg.max_text_chars).collect();
        for n in numbers(&text) {
            *f.numbers.entry(n).or_insert(0) += 1;
        }
        if let Some(title) = &article.title {
            for n in numbers(title) {
                *f.numbers.entry(n).or_insert(0) += 1;
            }
            for_words(title, |word, capitalised| {
                if let Some(t) = term(word, cfg) {
                    *f.title.entry(t.clone()).or_insert(0) += 1;
                    *f.terms.entry(t).or_insert(0) += 1;
                }
                if capitalised && word.chars().count() >= cfg.min_capitalised_len {
                    *f.title.entry(word_key(word)).or_insert(0) += 1;
                }
            });
        }
        let lead_end = text
            .char_indices()
            .nth(cfg.lead_chars)
            .map_or(text.len(), |(i, _)| i);
        for_words_at(&text, |offset, word, capitalised| {
            if let Some(t) = term(word, cfg) {
                if offset < lead_end {
                    *f.lead.entry(t.clone()).or_insert(0) += 1;
                }
                *f.terms.entry(t).or_insert(0) += 1;
            }
            if capitalised && word.chars().count() >= cfg.min_capitalised_len {
                *f.capitalised.entry(word_key(word)).or_insert(0) += 1;
            }
        });
        f.lexical = lexical_terms(&f.language, &f.terms, Lexicon::shared(cfg.prefix_len));
        f
    }

    /// The bag of one family.
    pub fn bag(&self, family: Family) -> &Bag {
        match family {
            Family::Entity => &self.entities,
            Family::Number => &self.numbers,
            Family::Date => &self.dates,
            Family::Speaker => &self.speakers,
            Family::Capitalised => &self.capitalised,
            Family::Term => &self.terms,
            Family::Title => &self.title,
            Family::Lexical => &self.lexical,
        }
    }

    /// The keys of one family.
    pub fn keys(&self, family: Family) -> impl Iterator<Item = &str> {
        self.bag(family).keys().map(String::as_str)
    }
}

/// The keys of the capitalised words of `text` (not opening a sentence), in text order.
pub fn capitalised_keys(text: &str, cfg: &FeatureConfig) -> Vec<String> {
    let mut out = Vec::new();
    for_words(text, |word, capitalised| {
        if capitalised && word.chars().count() >= cfg.min_capitalised_len {
            out.push(word_key(word));
        }
    });
    out
}

/// The terms of `terms` (in `language`) mapped to English terms through the lexicon, each
/// translation counting the source term's count; terms without a translation are kept.
fn lexical_terms(language: &Language, terms: &Bag, lexicon: &Lexicon) -> Bag {
    let mut out = Bag::new();
    for (term, n) in terms {
        match lexicon.translate(language, term) {
            Some(english) => {
                for e in english {
                    *out.entry(e.clone()).or_insert(0) += n;
                }
            }
            None => *out.entry(term.clone()).or_insert(0) += n,
        }
    }
    out
}

/// The term of a word: its folded first characters, when it is long enough and not a number.
fn term(word: &str, cfg: &FeatureConfig) -> Option<String> {
    if word.chars().count() < cfg.min_term_len || word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(fold(word).chars().take(cfg.prefix_len).collect())
}

/// Calls `visit(word, capitalised)` for every alphabetic word of `text`; `capitalised` is true
/// for a word starting with an upper-case letter that does not open a sentence (its previous
/// non-space character is not `.`, `!`, `?`, `:`, a quotation mark, or the start of the text).
fn for_words(text: &str, mut visit: impl FnMut(&str, bool)) {
    for_words_at(text, |_, word, capitalised| visit(word, capitalised));
}

/// [`for_words`] with each word's byte offset in `text`.
fn for_words_at(text: &str, mut visit: impl FnMut(usize, &str, bool)) {
    let mut sentence_start = true;
    let mut word_start: Option<usize> = None;
    let mut word_opens_sentence = true;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
                word_opens_sentence = sentence_start;
            }
            sentence_start = false;
            continue;
        }
        if let Some(s) = word_start.take() {
            let word = &text[s..i];
            let upper = word.chars().next().is_some_and(char::is_uppercase);
            // Long all-capital words are shouting or datelines, not names.
            let shouting = word.chars().count() > 5 && word.chars().all(|c| !c.is_lowercase());
            visit(s, word, upper && !word_opens_sentence && !shouting);
        }
        if matches!(c, '.' | '!' | '?' | ':' | '"' | '«' | '“' | '„' | '\n') {
            sentence_start = true;
        } else if !c.is_whitespace() && !matches!(c, '\'' | '’' | '-') {
            sentence_start = false;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_words_skip_sentence_openers() {
        let mut seen = Vec::new();
        for_words("The talks in Brüssel ended. Then NATO met.", |w, c| {
            if c {
                seen.push(w.to_string());
            }
        });
        assert_eq!(seen, vec!["Brüssel", "NATO"]);
    }

    #[test]
    fn terms_are_folded_prefixes() {
        let cfg = FeatureConfig::default();
        assert_eq!(term("Négociations", &cfg).unwrap(), "negoc");
        assert_eq!(term("und", &cfg), None);
    }

    #[test]
    fn lexical_terms_meet_across_languages() {
        let cfg = FeatureConfig::default();
        let mut es = Article::new("es");
        es.language = Language::Es;
        es.text = "El gobierno anunció nuevas elecciones.".into();
        let mut en = Article::new("en");
        en.language = Language::En;
        en.text = "The government announced new elections.".into();
        let (fes, fen) = (
            Features::from_article(&es, &cfg),
            Features::from_article(&en, &cfg),
        );
        for key in ["gover", "elect"] {
            assert!(fes.lexical.contains_key(key), "{key}: {:?}", fes.lexical);
            assert!(fen.lexical.contains_key(key), "{key}: {:?}", fen.lexical);
        }
        assert_eq!(fen.lexical, fen.terms);
    }
}
