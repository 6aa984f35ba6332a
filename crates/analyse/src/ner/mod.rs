//! Named entities: a tagger trained by the project (see the crate README), then grouping of
//! mentions into entities with canonical names.
//!
//! The tagger is an averaged perceptron over hashed sparse features ([`features`],
//! [`perceptron`]), decoding greedily left to right over BIO tags ([`labels`]) in two stacked
//! stages (the second sees the first stage's tags of the words around each token). Its weights
//! are trained by `examples/ner_train.rs` ([`train`]) and embedded from
//! `models/ner.bin` ([`format`]). After tagging, [`document`] makes labels consistent across
//! the article, strips titles and roles, and merges name variants ([`canonical`]).
//!
//! ```
//! use newsloom_analyse::{ner, text::TextDoc};
//! use newsloom_model::Language;
//! let model = ner::Model::embedded();
//! let doc = TextDoc::new("Angela Merkel visited Paris.", Language::En);
//! let _entities = model.entities(&doc);
//! ```

pub mod apposition;
pub mod canonical;
pub mod consistency;
pub mod corpus;
pub mod document;
pub mod error;
pub mod eval;
pub mod external;
pub mod features;
pub mod format;
pub mod gazetteer;
pub mod grouping;
pub mod hash;
pub mod labels;
pub mod perceptron;
pub mod speech;
pub mod tagger;
pub mod train;
pub mod vocab;
pub mod wordset;

pub use error::Error;
pub use tagger::Tagger;

use crate::text::TextDoc;
use newsloom_model::Entity;

/// The embedded model file.
static EMBEDDED: &[u8] = include_bytes!("../../models/ner.bin");

/// Thresholds of the document-level post-processing.
#[derive(Debug, Clone, Default)]
pub struct NerConfig {
    /// Document-level settings.
    pub document: document::DocumentConfig,
}

/// The entity model.
#[derive(Debug, Clone)]
pub struct Model {
    tagger: Option<Tagger>,
    config: NerConfig,
}

impl Model {
    /// The model whose weights are embedded in the crate; an empty model (finding nothing)
    /// when the embedded file is missing or corrupt.
    pub fn embedded() -> Model {
        Model::from_bytes(EMBEDDED).unwrap_or_else(|_| Model::empty())
    }

    /// A model that finds no entities.
    pub fn empty() -> Model {
        Model {
            tagger: None,
            config: NerConfig::default(),
        }
    }

    /// A model from the bytes of a model file.
    pub fn from_bytes(data: &[u8]) -> Result<Model, Error> {
        let (weights, lexicon) = format::decode(data)?;
        Ok(Model {
            tagger: Some(Tagger::new(weights, lexicon)),
            config: NerConfig::default(),
        })
    }

    /// The same model with other post-processing settings.
    pub fn with_config(mut self, config: NerConfig) -> Model {
        self.config = config;
        self
    }

    /// The tagger, unless the model is empty.
    pub fn tagger(&self) -> Option<&Tagger> {
        self.tagger.as_ref()
    }

    /// The entities of `doc`, each with all its mentions, under canonical names.
    pub fn entities(&self, doc: &TextDoc<'_>) -> Vec<Entity> {
        let Some(tagger) = &self.tagger else {
            return Vec::new();
        };
        document::entities(tagger, doc, &self.config.document)
    }
}

#[cfg(test)]
mod tests;
