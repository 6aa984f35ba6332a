//! Helpers shared by the store's integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use newsloom_model::{Article, Entity, EntityLabel, Language, Mention, Quote, QuoteKind};
use newsloom_store::SourceInfo;

/// A deterministic word salad of `paragraphs` paragraphs, different for each `seed`.
pub fn body(seed: u64, paragraphs: usize) -> String {
    const WORDS: &[&str] = &[
        "government",
        "minister",
        "council",
        "report",
        "budget",
        "city",
        "police",
        "court",
        "market",
        "energy",
        "vote",
        "party",
        "workers",
        "union",
        "health",
        "school",
        "river",
        "bridge",
        "company",
        "shares",
        "prices",
        "inflation",
        "bank",
        "rates",
        "talks",
        "deal",
        "leaders",
        "summit",
        "border",
        "trade",
        "farmers",
        "weather",
        "storm",
        "flood",
        "fire",
        "hospital",
        "doctors",
        "patients",
        "teachers",
        "students",
        "railway",
        "airport",
    ];
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..paragraphs)
        .map(|_| {
            let n = 30 + next() % 20;
            let words: Vec<&str> = (0..n).map(|_| WORDS[next() % WORDS.len()]).collect();
            format!("{}.", words.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// An article with the given URL, language and text.
pub fn article(url: &str, language: Language, title: &str, text: &str) -> Article {
    let mut a = Article::new(url);
    a.url = Some(url.to_string());
    a.language = language;
    a.title = Some(title.to_string());
    a.text = text.to_string();
    a
}

/// Adds an entity (one mention) to the article.
pub fn with_entity(mut a: Article, name: &str, label: EntityLabel) -> Article {
    a.entities.push(Entity {
        name: name.into(),
        label,
        mentions: vec![Mention {
            start: 0,
            end: name.chars().count(),
            text: name.into(),
        }],
    });
    a
}

/// Adds a direct quote by `speaker` to the article.
pub fn with_quote(mut a: Article, speaker: &str, text: &str) -> Article {
    a.quotes.push(Quote {
        text: text.into(),
        kind: QuoteKind::Direct,
        speaker: Some(speaker.into()),
        speaker_entity: Some(speaker.into()),
        cue: Some("said".into()),
        start: 0,
        end: text.chars().count(),
    });
    a
}

/// A source record for tests.
pub fn info(source: &str) -> SourceInfo {
    SourceInfo {
        source: source.into(),
        fetched_at: Some("2024-06-01T00:00:00Z".into()),
        raw_hash: None,
    }
}
