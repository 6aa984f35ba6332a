//! newsloom's story-linking stage: which articles, in whichever language, report the same
//! story.
//!
//! - [`Features`] are computed once per analysed article (entity keys folded across languages,
//!   normalised numbers, resolved dates, quote speakers, capitalised words, text terms).
//! - [`Similarity`] compares two articles into a score in [0, 1] with an [`Explanation`].
//! - [`StoryIndex`] assigns articles to stories online, through an inverted index.
//! - [`Story`] is the story record (titles per language, outlets, entities, quotes, sources,
//!   [`timeline`]).
//!
//! ```
//! use newsloom_model::{Article, Language};
//! use newsloom_stories::{ArticleRef, FeatureConfig, StoryIndex};
//! let cfg = FeatureConfig::default();
//! let mut index = StoryIndex::new();
//! let mut a = Article::new("a");
//! a.language = Language::En;
//! a.text = "Germany extends travel warning for Brussels until 14 June, health ministry says.".into();
//! let first = index.add(&ArticleRef::from_article("a", &a, &cfg)).unwrap();
//! assert!(first.new_story);
//! ```

pub mod cluster;
pub mod features;
pub mod fit;
pub mod idf;
pub mod lexicon;
pub mod normalise;
pub mod numbers;
pub mod similarity;
pub mod story;
pub mod timeline;

pub use cluster::{
    ArticleRef, Assignment, ClusterConfig, Decision, IndexEntry, StoryError, StoryId, StoryIndex,
};
pub use features::{FeatureConfig, Features};
pub use idf::TermStats;
pub use similarity::{Components, Explanation, Similarity};
pub use story::{Story, StoryConfig};
pub use timeline::{Event, EventSource};
