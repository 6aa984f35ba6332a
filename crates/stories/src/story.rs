//! The story record: what a reader sees of one story — its titles per language, outlets,
//! articles, dates, main entities, key quotes by speaker, cited sources and timeline.

use crate::cluster::StoryId;
use crate::features::{FeatureConfig, Features};
use crate::idf::TermStats;
use crate::normalise::entity_key;
use crate::similarity::Similarity;
use crate::timeline::{self, Event, TimelineConfig};
use newsloom_model::{Article, EntityLabel, QuoteKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Settings of the story record.
#[derive(Debug, Clone)]
pub struct StoryConfig {
    /// Entities listed.
    pub max_entities: usize,
    /// Quotes kept per speaker.
    pub max_quotes_per_speaker: usize,
    /// Speakers listed.
    pub max_speakers: usize,
    /// Timeline settings.
    pub timeline: TimelineConfig,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            max_entities: 20,
            max_quotes_per_speaker: 3,
            max_speakers: 10,
            timeline: TimelineConfig::default(),
        }
    }
}

/// An entity of the story, merged across articles by its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryEntity {
    /// The name most articles use (the longest on ties).
    pub name: String,
    /// The cross-language key ("germany", a surname).
    pub key: String,
    /// The label most articles give it.
    pub label: EntityLabel,
    /// Articles naming it.
    pub articles: usize,
    /// Mentions across articles.
    pub mentions: usize,
}

/// One quote of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryQuote {
    /// The quoted words.
    pub text: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The article quoting it.
    pub article_id: String,
    /// The article's language.
    pub language: String,
}

/// A speaker's quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerQuotes {
    /// The speaker's name (as the first quoting article resolved it).
    pub speaker: String,
    /// Quotes in all articles.
    pub total: usize,
    /// The key quotes: direct before indirect, longer first, one per distinct text.
    pub quotes: Vec<StoryQuote>,
}

/// A source cited by the story's articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySource {
    /// The source's name.
    pub name: String,
    /// Articles citing it.
    pub articles: usize,
}

/// The story record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// The story's id.
    pub id: StoryId,
    /// Language code → the title of the language's most central article (highest summed
    /// similarity to the other articles of the story).
    pub titles: BTreeMap<String, String>,
    /// Languages of the articles.
    pub languages: Vec<String>,
    /// Outlets (site names).
    pub outlets: Vec<String>,
    /// The articles, in the order given.
    pub article_ids: Vec<String>,
    /// Earliest publication date (ISO 8601 as given).
    pub first_seen: Option<String>,
    /// Latest publication date.
    pub last_seen: Option<String>,
    /// Main entities, by articles naming them then mentions.
    pub entities: Vec<StoryEntity>,
    /// Key quotes grouped by speaker, most quoted speaker first.
    pub quotes: Vec<SpeakerQuotes>,
    /// Sources cited, most cited first.
    pub sources: Vec<StorySource>,
    /// Dated events, merged across articles and languages, by date.
    pub timeline: Vec<Event>,
}

impl Story {
    /// Builds the record of a story from its analysed articles (`(id, article)`).
    pub fn build(id: StoryId, members: &[(&str, &Article)], cfg: &StoryConfig) -> Story {
        let fcfg = FeatureConfig::default();
        let features: Vec<Features> = members
            .iter()
            .map(|(_, a)| Features::from_article(a, &fcfg))
            .collect();
        let mut stats = TermStats::new();
        for f in &features {
            stats.observe(f);
        }
        let sim = Similarity::new();
        let centrality: Vec<f64> = (0..members.len())
            .map(|i| {
                (0..members.len())
                    .filter(|&j| j != i)
                    .map(|j| sim.score(&features[i], &features[j], &stats))
                    .sum()
            })
            .collect();
        let mut best_by_lang: BTreeMap<String, (f64, String)> = BTreeMap::new();
        for (i, (_, a)) in members.iter().enumerate() {
            let Some(title) = a.title.as_ref().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            let lang = a.language.code().to_string();
            let c = centrality[i];
            match best_by_lang.get(&lang) {
                Some((b, _)) if *b >= c => {}
                _ => {
                    best_by_lang.insert(lang, (c, title.trim().to_string()));
                }
            }
        }
        let languages: BTreeSet<String> = members
            .iter()
            .map(|(_, a)| a.language.code().to_string())
            .collect();
        let outlets: BTreeSet<String> = members
            .iter()
            .filter_map(|(_, a)| a.site_name.clone())
            .collect();
        let published: Vec<&str> = members
            .iter()
            .filter_map(|(_, a)| a.published.as_deref())
            .collect();
        let mut events = Vec::new();
        for (aid, a) in members {
            events.extend(timeline::events_of(aid, a, &cfg.timeline));
        }
        Story {
            id,
            titles: best_by_lang.into_iter().map(|(l, (_, t))| (l, t)).collect(),
            languages: languages.into_iter().collect(),
            outlets: outlets.into_iter().collect(),
            article_ids: members.iter().map(|(aid, _)| aid.to_string()).collect(),
            first_seen: published.iter().min().map(|s| s.to_string()),
            last_seen: published.iter().max().map(|s| s.to_string()),
            entities: entities(members, cfg.max_entities),
            quotes: quotes(members, cfg),
            sources: sources(members),
            timeline: timeline::merge(events, &cfg.timeline),
        }
    }
}

fn entities(members: &[(&str, &Article)], max: usize) -> Vec<StoryEntity> {
    #[derive(Default)]
    struct Acc {
        names: HashMap<String, usize>,
        labels: HashMap<EntityLabelKey, usize>,
        articles: usize,
        mentions: usize,
    }
    type EntityLabelKey = u8;
    let label_key = |l: EntityLabel| match l {
        EntityLabel::Person => 0u8,
        EntityLabel::Organisation => 1,
        EntityLabel::Location => 2,
        EntityLabel::Misc => 3,
    };
    let labels = [
        EntityLabel::Person,
        EntityLabel::Organisation,
        EntityLabel::Location,
        EntityLabel::Misc,
    ];
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    for (_, a) in members {
        let mut seen = BTreeSet::new();
        for e in &a.entities {
            let key = entity_key(&e.name, e.label);
            let x = acc.entry(key.clone()).or_default();
            *x.names.entry(e.name.clone()).or_insert(0) += 1;
            *x.labels.entry(label_key(e.label)).or_insert(0) += 1;
            x.mentions += e.mentions.len();
            if seen.insert(key) {
                x.articles += 1;
            }
        }
    }
    let mut out: Vec<StoryEntity> = acc
        .into_iter()
        .filter_map(|(key, x)| {
            let name = x
                .names
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then(a.0.len().cmp(&b.0.len()))
                        .then(b.0.cmp(a.0))
                })
                .map(|(n, _)| n.clone())?;
            let label = x
                .labels
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .and_then(|(l, _)| labels.get(usize::from(*l)).copied())?;
            Some(StoryEntity {
                name,
                key,
                label,
                articles: x.articles,
                mentions: x.mentions,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.key.cmp(&b.key))
    });
    out.truncate(max);
    out
}

fn quotes(members: &[(&str, &Article)], cfg: &StoryConfig) -> Vec<SpeakerQuotes> {
    let mut by_speaker: BTreeMap<String, SpeakerQuotes> = BTreeMap::new();
    for (aid, a) in members {
        for q in &a.quotes {
            let Some(name) = q.speaker_entity.as_ref().or(q.speaker.as_ref()) else {
                continue;
            };
            let key = entity_key(name, EntityLabel::Person);
            let entry = by_speaker.entry(key).or_insert_with(|| SpeakerQuotes {
                speaker: name.clone(),
                total: 0,
                quotes: Vec::new(),
            });
            entry.total += 1;
            if !entry.quotes.iter().any(|x| x.text == q.text) {
                entry.quotes.push(StoryQuote {
                    text: q.text.clone(),
                    kind: q.kind,
                    article_id: aid.to_string(),
                    language: a.language.code().to_string(),
                });
            }
        }
    }
    let mut out: Vec<SpeakerQuotes> = by_speaker.into_values().collect();
    for s in &mut out {
        s.quotes.sort_by(|a, b| {
            let rank = |k: QuoteKind| u8::from(k != QuoteKind::Direct);
            rank(a.kind)
                .cmp(&rank(b.kind))
                .then(b.text.chars().count().cmp(&a.text.chars().count()))
        });
        s.quotes.truncate(cfg.max_quotes_per_speaker);
    }
    out.sort_by(|a, b| b.total.cmp(&a.total).then(a.speaker.cmp(&b.speaker)));
    out.truncate(cfg.max_speakers);
    out
}

fn sources(members: &[(&str, &Article)]) -> Vec<StorySource> {
    let mut count: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (_, a) in members {
        let names: BTreeSet<(String, String)> = a
            .sources
            .iter()
            .map(|s| {
                (
                    crate::normalise::word_key(s.name.trim()),
                    s.name.trim().to_string(),
                )
            })
            .collect();
        for (key, name) in names {
            count.entry(key).or_insert((name, 0)).1 += 1;
        }
    }
    let mut out: Vec<StorySource> = count
        .into_values()
        .map(|(name, articles)| StorySource { name, articles })
        .collect();
    out.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
    out
}
