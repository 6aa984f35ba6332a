//! Search: per-language stemming, accent folding, filters, snippets, paging.
#![allow(clippy::unwrap_used)]

mod common;

use common::{article, info, with_entity, with_quote};
use newsloom_model::{EntityLabel, Language};
use newsloom_store::{SearchQuery, Store, StoreError};

fn corpus() -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut articles = vec![
        article(
            "https://en.example/1",
            Language::En,
            "Vote day",
            "The election was held on Sunday in the north.",
        ),
        article(
            "https://fr.example/1",
            Language::Fr,
            "Scrutin",
            "L'élection présidentielle a eu lieu dimanche à Besançon.",
        ),
        article(
            "https://es.example/1",
            Language::Es,
            "Votación",
            "La elección se celebró el domingo en el norte.",
        ),
        article(
            "https://de.example/1",
            Language::De,
            "Abstimmung",
            "Die Wahl fand am Sonntag im Norden statt.",
        ),
        article(
            "https://it.example/1",
            Language::It,
            "Voto",
            "La elezione si è tenuta domenica nel nord.",
        ),
        article(
            "https://xx.example/1",
            Language::Other("pt".into()),
            "Eleição",
            "A eleição foi realizada no domingo.",
        ),
    ];
    articles[0].published = Some("2024-01-15".into());
    articles[1].published = Some("2024-02-10T08:00:00+01:00".into());
    articles[2].published = Some("2024-03-05".into());
    articles[3].published = Some("2024-04-20".into());
    articles[4].published = Some("2024-05-01".into());
    articles[0].site_name = Some("The Example Times".into());
    articles[1] = with_quote(
        with_entity(articles[1].clone(), "Emmanuel Macron", EntityLabel::Person),
        "Emmanuel Macron",
        "Nous avons gagné",
    );
    let batch = articles.into_iter().map(|a| (a, info("fixture"))).collect();
    let ids = store
        .put_batch(batch)
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    (dir, store, ids)
}

fn ids(store: &Store, q: &SearchQuery) -> Vec<i64> {
    let mut v: Vec<i64> = store.search(q).unwrap().hits.iter().map(|h| h.id).collect();
    v.sort();
    v
}

#[test]
fn each_language_finds_its_stemmed_forms() {
    let (_dir, store, id) = corpus();
    for (lang, query, expected) in [
        (Language::En, "elections", id[0]),
        (Language::Fr, "élections", id[1]),
        (Language::Es, "elecciones", id[2]),
        (Language::De, "Wahlen", id[3]),
        (Language::It, "elezioni", id[4]),
    ] {
        let q = SearchQuery::new(query).lang(lang.clone());
        assert_eq!(ids(&store, &q), vec![expected], "{lang} {query}");
    }
}

#[test]
fn without_a_language_every_analyser_is_tried() {
    let (_dir, store, id) = corpus();
    assert_eq!(ids(&store, &SearchQuery::new("Wahlen")), vec![id[3]]);
    assert_eq!(ids(&store, &SearchQuery::new("elezioni")), vec![id[4]]);
    // With a language, other languages' articles are out.
    assert!(ids(&store, &SearchQuery::new("Wahlen").lang(Language::En)).is_empty());
}

#[test]
fn accents_fold_both_ways() {
    let (_dir, store, id) = corpus();
    assert_eq!(ids(&store, &SearchQuery::new("besancon")), vec![id[1]]);
    assert_eq!(ids(&store, &SearchQuery::new("BESANÇON")), vec![id[1]]);
    // Unstemmed languages still fold: "eleicao" finds "eleição".
    assert_eq!(ids(&store, &SearchQuery::new("eleicao")), vec![id[5]]);
    assert_eq!(
        ids(
            &store,
            &SearchQuery::new("eleicao").lang(Language::Other("pt".into()))
        ),
        vec![id[5]]
    );
}

#[test]
fn date_filters_are_inclusive_of_the_named_period() {
    let (_dir, store, id) = corpus();
    let all = SearchQuery::new("");
    assert_eq!(store.search(&all).unwrap().total, 6);
    assert_eq!(
        ids(&store, &all.clone().since("2024-03").until("2024-04")),
        vec![id[2], id[3]]
    );
    assert_eq!(
        ids(&store, &all.clone().until("2024-02-10")),
        vec![id[0], id[1]]
    );
    assert_eq!(
        ids(&store, &all.clone().since("2024-05-01T00:00:00Z")),
        vec![id[4]]
    );
    let err = store.search(&all.since("last week")).unwrap_err();
    assert!(matches!(err, StoreError::InvalidQuery(_)), "{err}");
}

#[test]
fn empty_text_lists_newest_first() {
    let (_dir, store, id) = corpus();
    let hits = store.search(&SearchQuery::new("").limit(2)).unwrap().hits;
    assert_eq!(
        hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![id[4], id[3]]
    );
}

#[test]
fn site_entity_and_speaker_filters() {
    let (_dir, store, id) = corpus();
    assert_eq!(
        ids(&store, &SearchQuery::new("").site("en.example")),
        vec![id[0]]
    );
    assert_eq!(
        ids(&store, &SearchQuery::new("").site("www.EN.example")),
        vec![id[0]]
    );
    assert_eq!(
        ids(&store, &SearchQuery::new("").site("the example times")),
        vec![id[0]]
    );
    assert_eq!(
        ids(&store, &SearchQuery::new("").entity("macron")),
        vec![id[1]]
    );
    assert_eq!(
        ids(&store, &SearchQuery::new("").entity("Emmanuel Macron")),
        vec![id[1]]
    );
    assert!(ids(&store, &SearchQuery::new("").entity("Macron Emmanuel")).is_empty());
    assert_eq!(
        ids(&store, &SearchQuery::new("dimanche").speaker("Macron")),
        vec![id[1]]
    );
    assert!(ids(&store, &SearchQuery::new("sunday").speaker("Macron")).is_empty());
    // A filter without a searchable word matches nothing, and says why.
    let none = store.search(&SearchQuery::new("").entity(" -- ")).unwrap();
    assert_eq!(none.total, 0);
    assert!(none
        .warnings
        .iter()
        .any(|w| w.contains("no searchable words")));
}

#[test]
fn hits_carry_metadata_and_a_highlighted_snippet() {
    let (_dir, store, id) = corpus();
    let results = store
        .search(&SearchQuery::new("élections").lang(Language::Fr))
        .unwrap();
    let hit = &results.hits[0];
    assert_eq!(hit.id, id[1]);
    assert_eq!(hit.url.as_deref(), Some("https://fr.example/1"));
    assert_eq!(hit.site.as_deref(), Some("fr.example"));
    assert_eq!(hit.language, Language::Fr);
    assert_eq!(hit.published.as_deref(), Some("2024-02-10T08:00:00+01:00"));
    assert!(hit.score > 0.0);
    assert!(
        hit.snippet
            .render_brackets()
            .contains("L'[élection] présidentielle"),
        "{}",
        hit.snippet.render_brackets()
    );
}

#[test]
fn title_matches_rank_first_and_paging_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut batch = Vec::new();
    for i in 0..5 {
        let text = format!("Report number {i} mentions the harbour once among other words.");
        batch.push((
            article(
                &format!("https://p.example/{i}"),
                Language::En,
                "Other",
                &text,
            ),
            info("f"),
        ));
    }
    batch.push((
        article(
            "https://p.example/t",
            Language::En,
            "Harbour reopens",
            "Boats are back.",
        ),
        info("f"),
    ));
    let out = store.put_batch(batch).unwrap();
    let results = store.search(&SearchQuery::new("harbour").limit(2)).unwrap();
    assert_eq!(results.total, 6);
    assert_eq!(results.hits.len(), 2);
    assert_eq!(results.hits[0].id, out[5].id);
    let page3 = store
        .search(&SearchQuery::new("harbour").limit(2).offset(4))
        .unwrap();
    assert_eq!(page3.hits.len(), 2);
    let count_only = store.search(&SearchQuery::new("harbour").limit(0)).unwrap();
    assert_eq!((count_only.total, count_only.hits.len()), (6, 0));
}

#[test]
fn malformed_query_text_is_searched_leniently() {
    let (_dir, store, id) = corpus();
    let results = store
        .search(&SearchQuery::new("\"election").lang(Language::En))
        .unwrap();
    assert_eq!(results.hits.first().map(|h| h.id), Some(id[0]));
}
