//! Text analysers: one per language, chosen by the article's language.
//!
//! Each language analyser is `SimpleTokenizer → RemoveLongFilter → LowerCaser →
//! AsciiFoldingFilter → Stemmer(language)`; articles in other or unknown languages get the same
//! chain without the stemmer. Names (entities, speakers, sources), quotes and sections use the
//! unstemmed chain too, so "Macron" matches "macron" and "Élysée" matches "Elysee" but nothing
//! is conflated by a stemmer of the wrong language. Site and language codes are single
//! lower-cased keywords.

use newsloom_model::Language;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language as StemLanguage, LowerCaser, RawTokenizer, RemoveLongFilter,
    SimpleTokenizer, Stemmer, TextAnalyzer, TokenizerManager,
};

/// Field-name suffixes of the per-language text fields, in a fixed order; the last one
/// (`xx`) holds every article in a language without a stemmer.
pub(crate) const LANG_KEYS: [&str; 6] = ["en", "fr", "es", "de", "it", "xx"];

/// The analyser of unstemmed text: names, quotes, sections, and languages without a stemmer.
pub(crate) const PLAIN: &str = "newsloom_plain";

/// The analyser of keyword fields (site, language): the whole value, lower-cased.
pub(crate) const KEYWORD: &str = "newsloom_keyword";

/// Tokens longer than this many bytes are dropped (URLs, base64 junk).
const MAX_TOKEN_BYTES: usize = 40;

/// The position of `language`'s fields in [`LANG_KEYS`].
pub(crate) fn lang_slot(language: &Language) -> usize {
    match language {
        Language::En => 0,
        Language::Fr => 1,
        Language::Es => 2,
        Language::De => 3,
        Language::It => 4,
        Language::Other(_) | Language::Unknown => 5,
    }
}

/// The analyser name of a [`LANG_KEYS`] slot.
pub(crate) fn analyser_name(slot: usize) -> String {
    match LANG_KEYS.get(slot) {
        Some(key) if slot < 5 => format!("newsloom_{key}"),
        _ => PLAIN.to_string(),
    }
}

fn stemmer_of(slot: usize) -> Option<StemLanguage> {
    match slot {
        0 => Some(StemLanguage::English),
        1 => Some(StemLanguage::French),
        2 => Some(StemLanguage::Spanish),
        3 => Some(StemLanguage::German),
        4 => Some(StemLanguage::Italian),
        _ => None,
    }
}

fn text_analyser(stemmer: Option<StemLanguage>) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match stemmer {
        Some(language) => builder.filter(Stemmer::new(language)).build(),
        None => builder.build(),
    }
}

/// Registers every analyser under its name.
pub(crate) fn register(manager: &TokenizerManager) {
    for slot in 0..5 {
        manager.register(&analyser_name(slot), text_analyser(stemmer_of(slot)));
    }
    manager.register(PLAIN, text_analyser(None));
    manager.register(
        KEYWORD,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// The tokens `analyser` makes of `text`.
pub(crate) fn tokens(manager: &TokenizerManager, analyser: &str, text: &str) -> Vec<String> {
    let Some(mut analyser) = manager.get(analyser) else {
        return Vec::new();
    };
    let mut stream = analyser.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse(slot: usize, text: &str) -> Vec<String> {
        let manager = TokenizerManager::default();
        register(&manager);
        tokens(&manager, &analyser_name(slot), text)
    }

    #[test]
    fn each_language_stems_plural_and_singular_alike() {
        for (slot, plural, singular) in [
            (0, "elections", "election"),
            (1, "élections", "élection"),
            (2, "elecciones", "elección"),
            (3, "Wahlen", "Wahl"),
            (4, "elezioni", "elezione"),
        ] {
            assert_eq!(analyse(slot, plural), analyse(slot, singular), "{plural}");
        }
    }

    #[test]
    fn plain_folds_accents_without_stemming() {
        assert_eq!(analyse(5, "Élysée elections"), vec!["elysee", "elections"]);
    }
}
