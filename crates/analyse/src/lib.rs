//! newsloom's analysis stage: who is in the story, who said what, who reported it citing whom,
//! and when things happened — in English, French, Spanish, German and Italian.
//!
//! [`Analyser::analyse`] fills the analysis fields of an [`Article`]: `language` (declared
//! language checked by detection), `entities`, `quotes`, `sources` and `dates`. It works on a
//! [`text::TextDoc`]: the article text tokenised and split into sentences once, shared by every
//! part.
//!
//! ```
//! use newsloom_analyse::Analyser;
//! use newsloom_model::Article;
//! let analyser = Analyser::new();
//! let mut article = Article::new("x");
//! article.text = "The council met on Tuesday in Lyon. \"We have a deal,\" said Marie Curie.".into();
//! analyser.analyse(&mut article, Some("2030-10-10"));
//! assert_eq!(article.language.code(), "en");
//! ```

pub mod dates;
pub mod language;
pub mod ner;
pub mod quotes;
pub mod sources;
pub mod text;

use newsloom_model::Article;

/// Settings of the analysis stage.
#[derive(Debug, Clone, Default)]
pub struct AnalyseConfig {
    /// Language detection.
    pub language: language::LanguageConfig,
}

/// The analysis stage, with its models loaded once and shared across articles (it is `Sync`).
pub struct Analyser {
    detector: language::Detector,
    ner: ner::Model,
    config: AnalyseConfig,
}

impl Default for Analyser {
    fn default() -> Self {
        Analyser::new()
    }
}

impl Analyser {
    /// Loads the embedded models.
    pub fn new() -> Analyser {
        Analyser::with_config(AnalyseConfig::default())
    }

    /// Loads the embedded models with explicit settings.
    pub fn with_config(config: AnalyseConfig) -> Analyser {
        Analyser {
            detector: language::Detector::new(),
            ner: ner::Model::embedded(),
            config,
        }
    }

    /// Fills `article`'s language, entities, quotes, sources and dates. `published` (ISO 8601)
    /// anchors relative dates when the article has no publication date of its own.
    pub fn analyse(&self, article: &mut Article, published: Option<&str>) {
        let lang = self.detector.decide(article, &self.config.language);
        if lang.is_known() {
            article.language = lang;
        }
        let doc = text::TextDoc::new(&article.text, article.language.clone());
        let entities = self.ner.entities(&doc);
        let quotes = quotes::find(&doc, &entities);
        let sources = sources::find(&doc, &entities);
        let anchor = article
            .published
            .as_deref()
            .or(published)
            .and_then(dates::Date::parse_iso);
        let dates = dates::find(&doc, anchor);
        article.entities = entities;
        article.quotes = quotes;
        article.sources = sources;
        article.dates = dates;
    }
}
