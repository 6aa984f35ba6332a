//! Hand-written cue words per language — named data for the tagger's gazetteer features and
//! for the document-level post-processing (honorific and role stripping, speech-verb cue).
//!
//! All entries are lower case, without a final period; [`Cues::classes`] matches a token
//! lower-cased and with one final period removed.

mod de;
mod en;
mod es;
mod fr;
mod it;

use newsloom_model::Language;
use std::collections::HashMap;

/// The cue lists of one language.
#[derive(Debug, Clone, Copy)]
pub struct LangVocab {
    /// Courtesy titles written before a name ("Mr", "Mme", "Frau", "Sra", "Dott").
    pub honorifics: &'static [&'static str],
    /// Roles and functions written before a name ("President", "ministre", "assessora").
    pub roles: &'static [&'static str],
    /// Words that end or head organisation names ("Inc", "GmbH", "Party", "Ministero").
    pub org_words: &'static [&'static str],
    /// Common nouns that introduce an organisation's name in apposition ("news outlet
    /// Axios", "le quotidien Le Monde", "die Zeitung Bild").
    pub org_heads: &'static [&'static str],
    /// Prepositions that often precede a place ("in", "à", "nach").
    pub loc_cues: &'static [&'static str],
    /// Reporting verbs whose capitalised subject is likely a person or organisation.
    pub speech_verbs: &'static [&'static str],
    /// Articles and elided articles that may precede a role ("la consigliera Rossi").
    pub determiners: &'static [&'static str],
}

/// The vocabularies of a language (the union of all five for other languages).
pub fn for_language(lang: &Language) -> &'static [LangVocab] {
    static ALL: [LangVocab; 5] = [en::VOCAB, fr::VOCAB, es::VOCAB, de::VOCAB, it::VOCAB];
    match lang {
        Language::En => std::slice::from_ref(&ALL[0]),
        Language::Fr => std::slice::from_ref(&ALL[1]),
        Language::Es => std::slice::from_ref(&ALL[2]),
        Language::De => std::slice::from_ref(&ALL[3]),
        Language::It => std::slice::from_ref(&ALL[4]),
        _ => &ALL,
    }
}

/// Bit flags of the cue classes a word belongs to.
pub mod class {
    /// Courtesy title.
    pub const HONORIFIC: u8 = 1;
    /// Role or function.
    pub const ROLE: u8 = 2;
    /// Organisation word.
    pub const ORG: u8 = 4;
    /// Place preposition.
    pub const LOC_CUE: u8 = 8;
    /// Reporting verb.
    pub const SPEECH: u8 = 16;
    /// Article.
    pub const DETERMINER: u8 = 32;
    /// Noun introducing an organisation name.
    pub const ORG_HEAD: u8 = 64;
}

/// A lookup table from word to cue classes, for one language.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    map: HashMap<String, u8>,
}

impl Cues {
    /// The cue table of `lang`.
    pub fn new(lang: &Language) -> Cues {
        let mut map: HashMap<String, u8> = HashMap::new();
        for v in for_language(lang) {
            let lists: [(&[&str], u8); 7] = [
                (v.honorifics, class::HONORIFIC),
                (v.roles, class::ROLE),
                (v.org_words, class::ORG),
                (v.loc_cues, class::LOC_CUE),
                (v.speech_verbs, class::SPEECH),
                (v.determiners, class::DETERMINER),
                (v.org_heads, class::ORG_HEAD),
            ];
            for (list, flag) in lists {
                for w in list {
                    *map.entry(w.to_string()).or_default() |= flag;
                }
            }
        }
        Cues { map }
    }

    /// The classes of `word` (any case, one final period ignored, `’` read as `'`).
    pub fn classes(&self, word: &str) -> u8 {
        if let Some(&c) = self.map.get(word) {
            return c;
        }
        let trimmed = word.strip_suffix('.').unwrap_or(word);
        let mut key = trimmed.to_lowercase();
        if key.contains('’') {
            key = key.replace('’', "'");
        }
        self.map.get(&key).copied().unwrap_or(0)
    }

    /// True when `word` is a courtesy title or a role.
    pub fn is_title_or_role(&self, word: &str) -> bool {
        self.classes(word) & (class::HONORIFIC | class::ROLE) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_each_language() {
        assert!(Cues::new(&Language::En).is_title_or_role("Mr"));
        assert!(Cues::new(&Language::Fr).is_title_or_role("M."));
        assert!(Cues::new(&Language::Es).is_title_or_role("Sra."));
        assert!(Cues::new(&Language::De).is_title_or_role("Frau"));
        assert!(Cues::new(&Language::It).is_title_or_role("assessora"));
        assert!(!Cues::new(&Language::En).is_title_or_role("Witkoff"));
        assert_ne!(Cues::new(&Language::De).classes("sagte") & class::SPEECH, 0);
    }
}
