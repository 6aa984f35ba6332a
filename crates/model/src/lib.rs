//! The newsloom record types: plain data shared by every pipeline stage, with no I/O.
//!
//! The central type is [`Article`], the structured record that `newsloom extract` prints as one
//! JSON line per document. Its JSON field names are a contract: fields may be added, never renamed.
//!
//! ```
//! use newsloom_model::{Article, Language};
//! let mut article = Article::new("page.html");
//! article.title = Some("Headline".into());
//! article.language = Language::En;
//! let json = serde_json::to_string(&article).unwrap();
//! assert!(json.contains("\"language\":\"en\""));
//! ```

mod language;
mod span;

pub use language::Language;
pub use span::Span;

use serde::{Deserialize, Serialize};

/// One article, as extracted (and later analysed) from one input document.
///
/// Character offsets anywhere in the record count Unicode scalar values of [`Article::text`],
/// end exclusive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The input path or URL the record was made from.
    pub source: String,
    /// The page's URL (given by the user, found in the page, or the fetched address).
    pub url: Option<String>,
    /// The canonical URL the page declares.
    pub canonical_url: Option<String>,
    /// The publication's name ("The Daily Planet").
    pub site_name: Option<String>,
    /// The headline, without the site-name suffix of `<title>`.
    pub title: Option<String>,
    /// The dek / subtitle / chapô, when the page has one.
    pub standfirst: Option<String>,
    /// Person names only: no "By", no roles, no "Staff", no dates.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 (a date, or a date-time with offset).
    pub published: Option<String>,
    /// Last modification date, ISO 8601.
    pub modified: Option<String>,
    /// ISO 639-1 code of the article's language, `und` when unknown.
    pub language: Language,
    /// Breadcrumb trail, outermost first, without the home link.
    pub section: Vec<String>,
    /// This article in other languages.
    pub editions: Vec<Edition>,
    /// Body paragraphs separated by `"\n\n"`.
    pub text: String,
    /// Named entities (filled by the analysis stage).
    pub entities: Vec<Entity>,
    /// Quotes and their speakers (filled by the analysis stage).
    pub quotes: Vec<Quote>,
    /// Sources the reporting cites (filled by the analysis stage).
    pub sources: Vec<Source>,
    /// Dates mentioned in the text, resolved to the calendar (filled by the analysis stage).
    pub dates: Vec<DateMention>,
    /// What went wrong but was survived: bad charset, truncation, limits hit.
    pub warnings: Vec<String>,
    /// Where each metadata field came from (`"title": "json-ld"`, …), for debugging and trust.
    #[serde(default, skip_serializing_if = "Provenance::is_empty")]
    pub provenance: Provenance,
}

impl Article {
    /// An empty record for the given source.
    pub fn new(source: impl Into<String>) -> Self {
        Article {
            source: source.into(),
            ..Article::default()
        }
    }

    /// The body paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.split("\n\n").filter(|p| !p.is_empty())
    }
}

/// The same article in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    /// The edition's language (ISO 639-1, or a BCP 47 tag when the page gives a region).
    pub language: String,
    /// Where the edition lives; `None` when only its existence is known (a text dump's menu).
    pub url: Option<String>,
}

/// Entity labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityLabel {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// An organisation.
    #[serde(rename = "ORG")]
    Organisation,
    /// A place.
    #[serde(rename = "LOC")]
    Location,
    /// Anything else named.
    #[serde(rename = "MISC")]
    Misc,
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Start offset (chars).
    pub start: usize,
    /// End offset (chars, exclusive).
    pub end: usize,
    /// The mention as written.
    pub text: String,
}

/// A named entity with all its mentions, under its canonical name within the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name ("Steve Witkoff" for "Witkoff", "Mr Witkoff").
    pub name: String,
    /// The entity's label.
    pub label: EntityLabel,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// Whether a quote is verbatim or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Verbatim words in quotation marks.
    Direct,
    /// Reported speech ("said that …").
    Indirect,
}

/// A quote and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words.
    pub text: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker as named in the text, `None` when the text does not say.
    pub speaker: Option<String>,
    /// The canonical name of the speaker's entity, when resolved.
    pub speaker_entity: Option<String>,
    /// The speech verb or cue ("said", "a déclaré").
    pub cue: Option<String>,
    /// Start offset (chars).
    pub start: usize,
    /// End offset (chars, exclusive).
    pub end: usize,
}

/// What kind of source a report cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A news outlet.
    Outlet,
    /// A news agency.
    Agency,
    /// An official or government body.
    Official,
    /// Another organisation.
    Organisation,
    /// A named person.
    Person,
    /// A report, document, filing.
    Document,
    /// Unnamed sources.
    Anonymous,
}

/// An attribution of the reporting itself ("according to Axios, which cited three sources").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The source's name.
    pub name: String,
    /// What kind of source.
    pub kind: SourceKind,
    /// The attribution as written.
    pub text: String,
    /// Start offset (chars).
    pub start: usize,
    /// End offset (chars, exclusive).
    pub end: usize,
    /// What this source itself relied on.
    pub cites: Vec<String>,
}

/// A date mentioned in the text, resolved to the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// The date as written.
    pub text: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` when it can't be resolved.
    pub value: Option<String>,
    /// Start offset (chars).
    pub start: usize,
    /// End offset (chars, exclusive).
    pub end: usize,
}

/// Where each metadata field came from: field name → origin ("json-ld", "opengraph", "dom", …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance(pub std::collections::BTreeMap<String, String>);

impl Provenance {
    /// Records that `field` came from `origin`.
    pub fn set(&mut self, field: &str, origin: &str) {
        self.0.insert(field.to_string(), origin.to_string());
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn json_field_names_are_the_contract() {
        let article = Article::new("x.html");
        let value = serde_json::to_value(&article).unwrap();
        for field in [
            "source",
            "url",
            "canonical_url",
            "site_name",
            "title",
            "standfirst",
            "authors",
            "published",
            "modified",
            "language",
            "section",
            "editions",
            "text",
            "entities",
            "quotes",
            "sources",
            "dates",
            "warnings",
        ] {
            assert!(value.get(field).is_some(), "missing field {field}");
        }
        assert_eq!(value["language"], "und");
    }

    #[test]
    fn entity_labels_serialise_as_conll_tags() {
        assert_eq!(
            serde_json::to_string(&EntityLabel::Person).unwrap(),
            "\"PER\""
        );
        assert_eq!(
            serde_json::to_string(&EntityLabel::Organisation).unwrap(),
            "\"ORG\""
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let mut a = Article::new("x");
        a.text = "One.\n\nTwo.".into();
        assert_eq!(a.paragraphs().collect::<Vec<_>>(), vec!["One.", "Two."]);
    }
}
