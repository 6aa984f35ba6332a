//! End-to-end tests of the story stage on small synthetic articles in several languages,
//! analysed by `newsloom-analyse`.

#![allow(clippy::unwrap_used)]

use newsloom_analyse::Analyser;
use newsloom_model::{Article, Edition, Language};
use newsloom_stories::cluster::Link;
use newsloom_stories::fit::weights::SAME_STORY_THRESHOLD;
use newsloom_stories::{
    ArticleRef, FeatureConfig, Features, Similarity, Story, StoryConfig, StoryIndex, TermStats,
};

const PUBLISHED: &str = "2020-06-03";

/// The same story (Germany extends its travel warning) in five languages, an edited English
/// version, and two unrelated stories.
fn corpus() -> Vec<(&'static str, Language, &'static str, &'static str)> {
    vec![
        ("en", Language::En, "Germany extends travel warning until 14 June",
         "Germany extended its warning against travel to 160 countries until 14 June, Foreign Minister Heiko Maas said in Berlin on Wednesday. \"We cannot yet return to normal,\" Maas said. The warning affects 2,000 tour operators, according to the German Travel Association."),
        ("en2", Language::En, "Berlin keeps travel warning for 160 countries",
         "Foreign Minister Heiko Maas said on Wednesday that Germany will keep its warning against travel to 160 countries until 14 June. About 2,000 tour operators are affected, the German Travel Association said."),
        ("de", Language::De, "Deutschland verlängert Reisewarnung bis 14. Juni",
         "Deutschland verlängert die Reisewarnung für 160 Länder bis zum 14. Juni, sagte Außenminister Heiko Maas am Mittwoch in Berlin. \"Wir können noch nicht zur Normalität zurückkehren\", sagte Maas. Die Warnung betrifft 2.000 Reiseveranstalter, so der Deutsche Reiseverband."),
        ("fr", Language::Fr, "L'Allemagne prolonge son avertissement aux voyageurs jusqu'au 14 juin",
         "L'Allemagne a prolongé son avertissement contre les voyages dans 160 pays jusqu'au 14 juin, a déclaré mercredi à Berlin le ministre des Affaires étrangères Heiko Maas. L'avertissement touche 2 000 voyagistes, selon l'association allemande du voyage."),
        ("es", Language::Es, "Alemania prolonga la advertencia de viaje hasta el 14 de junio",
         "Alemania prolongó su advertencia contra los viajes a 160 países hasta el 14 de junio, dijo el miércoles en Berlín el ministro de Exteriores, Heiko Maas. La advertencia afecta a 2.000 operadores turísticos."),
        ("it", Language::It, "La Germania proroga l'avviso di viaggio fino al 14 giugno",
         "La Germania ha prorogato l'avviso contro i viaggi in 160 paesi fino al 14 giugno, ha detto mercoledì a Berlino il ministro degli Esteri Heiko Maas. L'avviso riguarda 2.000 operatori turistici."),
        ("football", Language::It, "La Juventus vince a Napoli",
         "La Juventus ha battuto il Napoli per 3 a 1 sabato sera allo stadio Maradona. Cristiano Ronaldo ha segnato due gol e l'allenatore Maurizio Sarri ha lodato la squadra."),
        ("wildfire", Language::En, "Wildfires force evacuations in California",
         "Thousands of residents were evacuated in northern California on Sunday as wildfires spread across 45,000 acres, Governor Gavin Newsom said. Firefighters expect strong winds on Monday."),
    ]
}

fn analysed() -> Vec<(String, Article)> {
    let analyser = Analyser::new();
    corpus()
        .into_iter()
        .map(|(id, lang, title, text)| {
            let mut a = Article::new(id);
            a.language = lang;
            a.title = Some(title.to_string());
            a.text = text.to_string();
            a.site_name = Some(format!("site-{id}"));
            a.url = Some(format!("https://news.example/{id}"));
            analyser.analyse(&mut a, Some(PUBLISHED));
            (id.to_string(), a)
        })
        .collect()
}

fn features(articles: &[(String, Article)]) -> (Vec<Features>, TermStats) {
    let cfg = FeatureConfig::default();
    let fs: Vec<Features> = articles
        .iter()
        .map(|(_, a)| Features::from_article(a, &cfg))
        .collect();
    let mut stats = TermStats::new();
    for f in &fs {
        stats.observe(f);
    }
    (fs, stats)
}

#[test]
fn translations_and_edits_score_above_unrelated_articles() {
    let articles = analysed();
    let (fs, stats) = features(&articles);
    let sim = Similarity::new();
    let idx = |id: &str| articles.iter().position(|(i, _)| i == id).unwrap();
    let en = idx("en");
    let edited = sim.score(&fs[en], &fs[idx("en2")], &stats);
    assert!(
        edited >= SAME_STORY_THRESHOLD,
        "edited English pair: {edited}"
    );
    for other in ["de", "fr", "es", "it"] {
        let translated = sim.score(&fs[en], &fs[idx(other)], &stats);
        for unrelated in ["football", "wildfire"] {
            let u = sim.score(&fs[idx(other)], &fs[idx(unrelated)], &stats);
            assert!(
                translated > u + 0.1,
                "en–{other} {translated} vs {other}–{unrelated} {u}"
            );
        }
    }
}

#[test]
fn explanation_names_what_matched() {
    let articles = analysed();
    let (fs, stats) = features(&articles);
    let e = Similarity::new().explain(&fs[0], &fs[2], &stats);
    assert!(e.numbers.contains(&"2000".to_string()), "{e:?}");
    assert!(e.numbers.contains(&"160".to_string()), "{e:?}");
    // "until 14 June" resolves the same way in both languages (the year is the analyser's
    // choice for a bare day and month).
    assert!(e.dates.iter().any(|d| d.ends_with("-06-14")), "{e:?}");
    assert!(
        e.entities.contains(&"maas".to_string()) || e.capitalised.contains(&"maas".to_string()),
        "{e:?}"
    );
    assert!(e.capitalised.contains(&"berlin".to_string()), "{e:?}");
    assert!(e.score > 0.0 && e.score <= 1.0);
    assert!(e.components.crosslingual == 1.0);
}

#[test]
fn incremental_assignment_keeps_earlier_stories() {
    let articles = analysed();
    let cfg = FeatureConfig::default();
    let get = |id: &str| &articles.iter().find(|(i, _)| i == id).unwrap().1;
    let mut index = StoryIndex::new();
    let mut assigned = Vec::new();
    for id in ["en", "de", "fr", "football"] {
        let a = index
            .add(&ArticleRef::from_article(id, get(id), &cfg))
            .unwrap();
        assigned.push((id, a.story_id));
    }
    assert_eq!(index.story_count(), 2);
    assert_eq!(assigned[0].1, assigned[1].1);
    assert_eq!(assigned[0].1, assigned[2].1);
    assert_ne!(assigned[0].1, assigned[3].1);
    let more = index
        .add(&ArticleRef::from_article("wildfire", get("wildfire"), &cfg))
        .unwrap();
    assert!(more.new_story);
    let es = index
        .add(&ArticleRef::from_article("es", get("es"), &cfg))
        .unwrap();
    assert_eq!(es.story_id, assigned[0].1);
    assert_eq!(es.link, Link::Similar);
    for (id, story) in assigned {
        assert_eq!(index.story_of(id), Some(story), "{id} moved");
    }
    assert_eq!(index.members(es.story_id), vec!["en", "de", "fr", "es"]);
}

#[test]
fn hreflang_editions_and_duplicates_link_directly() {
    let articles = analysed();
    let cfg = FeatureConfig::default();
    let mut index = StoryIndex::new();
    let mut football = ArticleRef::from_article("football", &articles[6].1, &cfg);
    football.url = Some("https://www.club.example/it/match".into());
    index.add(&football).unwrap();
    // An unrelated text that declares the football article as its Italian edition.
    let mut edition = articles[7].1.clone();
    edition.url = Some("https://club.example/en/match".into());
    edition.editions = vec![Edition {
        language: "it".into(),
        url: Some("https://club.example/it/match/".into()),
    }];
    let a = index
        .add(&ArticleRef::from_article("edition", &edition, &cfg))
        .unwrap();
    assert_eq!((a.link, a.score, a.new_story), (Link::Edition, 1.0, false));
    assert_eq!(index.story_of("edition"), index.story_of("football"));
    let mut dup = ArticleRef::from_article("dup", &articles[0].1, &cfg);
    dup.duplicate_of = Some("football".into());
    let d = index.add(&dup).unwrap();
    assert_eq!(d.link, Link::Duplicate);
    assert_eq!(index.story_of("dup"), index.story_of("football"));
    assert!(index.add(&dup).is_err());
}

#[test]
fn timeline_merges_one_event_told_in_two_languages() {
    let analyser = Analyser::new();
    let mut en = Article::new("en");
    en.language = Language::En;
    en.site_name = Some("Daily Planet".into());
    en.title = Some("Germany extends travel warning".into());
    en.text = "Germany extends its travel warning. The warning for 160 countries ends on 14 June 2020, Heiko Maas said.".into();
    let mut fr = Article::new("fr");
    fr.language = Language::Fr;
    fr.site_name = Some("Le Quotidien".into());
    fr.title = Some("L'Allemagne prolonge son avertissement".into());
    fr.text = "L'Allemagne prolonge son avertissement. L'avertissement pour 160 pays prend fin le 14 juin 2020, a déclaré Heiko Maas.".into();
    for a in [&mut en, &mut fr] {
        analyser.analyse(a, Some(PUBLISHED));
    }
    let story = Story::build(1, &[("en", &en), ("fr", &fr)], &StoryConfig::default());
    let events: Vec<_> = story
        .timeline
        .iter()
        .filter(|e| e.date == "2020-06-14")
        .collect();
    assert_eq!(events.len(), 1, "{:#?}", story.timeline);
    let sources: Vec<&str> = events[0]
        .sources
        .iter()
        .map(|s| s.article_id.as_str())
        .collect();
    assert_eq!(sources, vec!["en", "fr"]);
    assert_eq!(
        events[0].languages().into_iter().collect::<Vec<_>>(),
        vec!["en", "fr"]
    );
    assert_eq!(story.languages, vec!["en", "fr"]);
    assert_eq!(story.outlets, vec!["Daily Planet", "Le Quotidien"]);
    assert_eq!(story.titles.len(), 2);
    assert!(
        story
            .entities
            .iter()
            .any(|e| e.key == "maas" && e.articles == 2),
        "{:?}",
        story.entities
    );
    let json = serde_json::to_string(&story).unwrap();
    assert!(json.contains("\"timeline\""));
}

#[test]
fn restored_index_assigns_like_the_original() {
    let articles = analysed();
    let cfg = FeatureConfig::default();
    let refs: Vec<ArticleRef> = articles
        .iter()
        .map(|(id, a)| ArticleRef::from_article(id, a, &cfg))
        .collect();
    let (first, rest) = refs.split_at(4);
    let mut original = StoryIndex::new();
    for r in first {
        original.add(r).unwrap();
    }
    // Through JSON, as the pipeline persists it.
    let json = serde_json::to_string(original.entries(0)).unwrap();
    let entries: Vec<newsloom_stories::IndexEntry> = serde_json::from_str(&json).unwrap();
    let mut restored = StoryIndex::new();
    for e in entries {
        restored.restore_entry(e).unwrap();
    }
    assert_eq!(restored.len(), original.len());
    assert_eq!(restored.story_count(), original.story_count());
    assert_eq!(restored.entries(0), original.entries(0));
    for r in rest {
        let a = original.add(r).unwrap();
        let b = restored.add(r).unwrap();
        assert_eq!(a, b, "{}", r.id);
    }
    // The rest joined stories of the first four at least once (the test says something).
    assert!(restored.story_count() < refs.len());
}

#[test]
fn restoring_rejects_entries_out_of_order() {
    let articles = analysed();
    let cfg = FeatureConfig::default();
    let mut index = StoryIndex::new();
    for (id, a) in articles.iter().take(3) {
        index.add(&ArticleRef::from_article(id, a, &cfg)).unwrap();
    }
    let mut entries = index.entries(0).to_vec();
    let mut restored = StoryIndex::new();
    entries[0].story = 2;
    assert!(matches!(
        restored.restore_entry(entries[0].clone()),
        Err(newsloom_stories::StoryError::StoryOutOfOrder { .. })
    ));
    entries[0].story = 1;
    restored.restore_entry(entries[0].clone()).unwrap();
    assert!(matches!(
        restored.restore_entry(entries[0].clone()),
        Err(newsloom_stories::StoryError::DuplicateId(_))
    ));
}
