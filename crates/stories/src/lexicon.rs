//! A bilingual lexicon from French, Spanish, German and Italian to English, for a text cosine
//! across languages: every term of a non-English article is mapped to the English terms its
//! words translate to, so that `gobierno`, `Regierung` and `government` meet on one key.
//!
//! The word lists (`data/lexicon/{fr,es,de,it}-en.tsv`, folded source word → up to four
//! folded English words) are built from the FreeDict dictionaries packaged by Debian by
//! `data/lexicon/build_lexicon.py` (see the crate README; FreeDict's licence is GPL-2.0+ /
//! GPL-3.0+, noted in `data/lexicon/README.md`). At first use they are keyed by terms — the
//! first `prefix_len` characters of folded words, as [`crate::features`] makes them — so that
//! inflected forms share their stem's translations: a source term maps to the English terms
//! most voted for by the source words that share it.
//!
//! ```
//! use newsloom_model::Language;
//! use newsloom_stories::lexicon::Lexicon;
//! let lexicon = Lexicon::shared(5);
//! assert!(lexicon.translate(&Language::Es, "gobie").unwrap().contains(&"gover".to_string()));
//! assert!(lexicon.translate(&Language::En, "gover").is_none());
//! ```

use crate::idf::FxMap;
use newsloom_model::Language;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The word lists, per source language (`source<TAB>english english …`, one word a line).
const WORD_LISTS: [(Language, &str); 4] = [
    (Language::Fr, include_str!("../data/lexicon/fr-en.tsv")),
    (Language::Es, include_str!("../data/lexicon/es-en.tsv")),
    (Language::De, include_str!("../data/lexicon/de-en.tsv")),
    (Language::It, include_str!("../data/lexicon/it-en.tsv")),
];

/// English terms kept per source term (the most voted; 1–5 measured, 3 best).
pub const MAX_TRANSLATIONS: usize = 3;

/// Words shorter than this are not read (as [`crate::FeatureConfig::min_term_len`]).
const MIN_WORD_LEN: usize = 4;

/// Longest prefix length with a shared table.
const MAX_SHARED_PREFIX: usize = 8;

/// Source term → English terms, per source language.
#[derive(Debug, Default)]
pub struct Lexicon {
    tables: [FxMap<Vec<String>>; 4],
}

impl Lexicon {
    /// The lexicon keyed by terms of `prefix_len` characters, built once per process (for
    /// lengths up to 8; longer ones are built on every call).
    pub fn shared(prefix_len: usize) -> &'static Lexicon {
        static SHARED: [OnceLock<Lexicon>; MAX_SHARED_PREFIX + 1] =
            [const { OnceLock::new() }; MAX_SHARED_PREFIX + 1];
        match SHARED.get(prefix_len) {
            Some(cell) => cell.get_or_init(|| Lexicon::build(prefix_len)),
            None => Box::leak(Box::new(Lexicon::build(prefix_len))),
        }
    }

    /// Builds the lexicon keyed by terms of `prefix_len` characters.
    pub fn build(prefix_len: usize) -> Lexicon {
        let prefix = |w: &str| w.chars().take(prefix_len).collect::<String>();
        let mut lexicon = Lexicon::default();
        for (slot, (_, list)) in WORD_LISTS.iter().enumerate() {
            // Source term → English term → votes (source words giving it).
            let mut votes: HashMap<String, HashMap<String, u32>> = HashMap::new();
            for line in list.lines() {
                let Some((source, english)) = line.split_once('\t') else {
                    continue;
                };
                if source.chars().count() < MIN_WORD_LEN {
                    continue;
                }
                let v = votes.entry(prefix(source)).or_default();
                for e in english
                    .split(' ')
                    .filter(|e| e.chars().count() >= MIN_WORD_LEN)
                {
                    *v.entry(prefix(e)).or_insert(0) += 1;
                }
            }
            let table = &mut lexicon.tables[slot];
            for (source, v) in votes {
                let mut v: Vec<(String, u32)> = v.into_iter().collect();
                if v.is_empty() {
                    continue;
                }
                v.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
                v.truncate(MAX_TRANSLATIONS);
                table.insert(source, v.into_iter().map(|(e, _)| e).collect());
            }
        }
        lexicon
    }

    /// The English terms of a source term in `language`; `None` for English, for languages
    /// without a word list and for terms the lexicon does not know.
    pub fn translate(&self, language: &Language, term: &str) -> Option<&[String]> {
        let slot = WORD_LISTS.iter().position(|(l, _)| l == language)?;
        self.tables[slot].get(term).map(Vec::as_slice)
    }

    /// Number of source terms known in `language`.
    pub fn len(&self, language: &Language) -> usize {
        WORD_LISTS
            .iter()
            .position(|(l, _)| l == language)
            .map_or(0, |slot| self.tables[slot].len())
    }

    /// True when no language has any term.
    pub fn is_empty(&self) -> bool {
        self.tables.iter().all(HashMap::is_empty)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_word_list_is_read() {
        let lexicon = Lexicon::shared(5);
        for (language, _) in &WORD_LISTS {
            assert!(lexicon.len(language) > 1_000, "{language}");
        }
    }

    #[test]
    fn inflected_forms_share_their_terms_translations() {
        let lexicon = Lexicon::shared(5);
        // élections / elezioni → elect.
        let fr = lexicon.translate(&Language::Fr, "elect").unwrap();
        assert!(fr.contains(&"elect".to_string()), "{fr:?}");
        let it = lexicon.translate(&Language::It, "poliz").unwrap();
        assert!(it.contains(&"polic".to_string()), "{it:?}");
        assert!(lexicon.len(&Language::En) == 0);
    }
}
