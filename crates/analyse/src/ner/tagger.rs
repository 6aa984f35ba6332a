//! The tagger: quantised weights plus lexicon, tagging a sentence of token strings.

use super::features::{self, Context, Domain, Lexicon};
use super::labels::Tag;
use super::perceptron::{self, Quantised};
use super::vocab::Cues;
use newsloom_model::Language;

/// A loaded tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Weight tables of the stages (the second, when present, is stacked on the first).
    stages: Vec<Quantised>,
    lexicon: Lexicon,
    /// Cue tables by language id (`features::lang_id`).
    cues: Vec<Cues>,
}

impl Tagger {
    /// A tagger from the weights of its stages and its lexicon.
    pub fn new(stages: Vec<Quantised>, lexicon: Lexicon) -> Tagger {
        let cues = [
            Language::En,
            Language::Fr,
            Language::Es,
            Language::De,
            Language::It,
            Language::Unknown,
        ]
        .iter()
        .map(Cues::new)
        .collect();
        Tagger {
            stages,
            lexicon,
            cues,
        }
    }

    /// The cue words of `lang`.
    pub fn cues(&self, lang: &Language) -> &Cues {
        &self.cues[features::lang_id(lang) as usize]
    }

    /// True when `word` was seen mostly in lower case in the training data.
    pub fn is_common_lower(&self, word: &str) -> bool {
        self.lexicon.lower_common.contains(&word.to_lowercase())
    }

    /// BIO tags of a sentence of `words` of an article in `lang`.
    pub fn tag<S: AsRef<str>>(&self, words: &[S], lang: &Language) -> Vec<Tag> {
        self.tag_in(words, lang, Domain::for_articles(lang))
    }

    /// BIO tags of a sentence of `words` in `lang` from `domain`.
    pub fn tag_in<S: AsRef<str>>(&self, words: &[S], lang: &Language, domain: Domain) -> Vec<Tag> {
        let id = features::lang_id(lang);
        let ctx = Context {
            lang: id,
            domain,
            cues: &self.cues[id as usize],
            lexicon: &self.lexicon,
            gazetteer: None,
        };
        let f = features::extract(words, &ctx);
        perceptron::decode_stages(&self.stages, &f)
    }
}
