//! Put/get, idempotence, updates, duplicates and near-duplicates.
#![allow(clippy::unwrap_used)]

mod common;

use common::{article, body, info, with_entity, with_quote};
use newsloom_model::{EntityLabel, Language};
use newsloom_store::{ArticleStatus, PutStatus, Store};

#[test]
fn round_trip_put_get() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut a = article("https://example.com/a", Language::En, "Title", &body(1, 3));
    a.published = Some("2024-05-01T10:00:00+02:00".into());
    a.authors = vec!["Jane Doe".into()];
    let a = with_quote(
        with_entity(a, "Jane Doe", EntityLabel::Person),
        "Jane Doe",
        "Yes.",
    );
    let out = store.put_batch(vec![(a.clone(), info("x.warc"))]).unwrap();
    assert_eq!(out[0].status, PutStatus::Inserted);
    let stored = store.get(out[0].id).unwrap().unwrap();
    assert_eq!(stored.article, a);
    assert_eq!(stored.status, ArticleStatus::Canonical);
    assert_eq!(stored.source.source, "x.warc");
    assert_eq!(stored.first_seen, stored.updated);
    assert!(stored.duplicates.is_empty());
    assert!(store.get(out[0].id + 100).unwrap().is_none());
    assert_eq!(
        store.find_url("http://www.example.com/a/").unwrap(),
        Some(out[0].id)
    );
}

#[test]
fn same_content_twice_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = article("https://example.com/a", Language::En, "Title", &body(2, 3));
    let first = store.put_batch(vec![(a.clone(), info("one"))]).unwrap();
    // Same batch and a later batch, even from another input file.
    let again = store
        .put_batch(vec![(a.clone(), info("two")), (a.clone(), info("three"))])
        .unwrap();
    for o in &again {
        assert_eq!(o.status, PutStatus::Unchanged);
        assert_eq!(o.id, first[0].id);
    }
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, 1);
    assert_eq!(stats.indexed_docs, 1);
    assert_eq!(stats.versions, 0);
}

#[test]
fn articles_without_urls_are_idempotent_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut a = article("x", Language::En, "T", &body(3, 2));
    a.url = None;
    let first = store.put_batch(vec![(a.clone(), info("f"))]).unwrap();
    let again = store.put_batch(vec![(a, info("f"))]).unwrap();
    assert_eq!(again[0].status, PutStatus::Unchanged);
    assert_eq!(again[0].id, first[0].id);
}

#[test]
fn update_keeps_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let v1 = article(
        "https://example.com/story",
        Language::En,
        "Old title",
        &body(4, 3),
    );
    let id = store.put_batch(vec![(v1.clone(), info("v1"))]).unwrap()[0].id;
    let mut v2 = v1.clone();
    v2.title = Some("New title".into());
    v2.text.push_str("\n\nCorrection: the vote was postponed.");
    // Found under its canonical URL this time.
    v2.url = Some("https://example.com/story?utm=rss".into());
    v2.canonical_url = Some("https://example.com/story".into());
    let out = store.put_batch(vec![(v2.clone(), info("v2"))]).unwrap();
    assert_eq!(out[0].id, id);
    assert_eq!(out[0].status, PutStatus::Updated);
    let stored = store.get(id).unwrap().unwrap();
    assert_eq!(stored.article, v2);
    assert_eq!(stored.versions, 1);
    let history = store.versions(id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].article, v1);
    assert_eq!(history[0].source.source, "v1");
    assert_eq!(store.stats().unwrap().articles, 1);
    // The index holds the new version only.
    let hits = store
        .search(&newsloom_store::SearchQuery::new("postponed"))
        .unwrap();
    assert_eq!(hits.total, 1);
    assert_eq!(store.stats().unwrap().indexed_docs, 1);
    // Putting v2 again changes nothing.
    let out = store.put_batch(vec![(v2, info("v2"))]).unwrap();
    assert_eq!(out[0].status, PutStatus::Unchanged);
}

#[test]
fn exact_duplicate_under_another_url() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let text = body(5, 4);
    let a = article("https://wire.example/story", Language::En, "Wire", &text);
    // Different case, spacing and punctuation: same normalised text.
    let b = article(
        "https://paper.example/story",
        Language::En,
        "Paper",
        &text.to_uppercase().replace(". ", " ; "),
    );
    let out = store
        .put_batch(vec![(a, info("1")), (b, info("2"))])
        .unwrap();
    assert_eq!(out[0].status, PutStatus::Inserted);
    assert_eq!(out[1].status, PutStatus::Duplicate { of: out[0].id });
    let canonical = store.get(out[0].id).unwrap().unwrap();
    assert_eq!(canonical.duplicates, vec![out[1].id]);
    let dup = store.get(out[1].id).unwrap().unwrap();
    assert_eq!(dup.status, ArticleStatus::Duplicate { of: out[0].id });
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.duplicates), (2, 1));
    assert_eq!(stats.indexed_docs, 1, "duplicates are not indexed twice");
}

#[test]
fn near_duplicate_with_an_edited_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let text = body(6, 10);
    let mut paragraphs: Vec<String> = text.split("\n\n").map(str::to_string).collect();
    paragraphs[3] = "This paragraph was rewritten by the local desk with new details.".into();
    let edited = paragraphs.join("\n\n");
    let unrelated = body(7, 10);
    let out = store
        .put_batch(vec![
            (
                article("https://wire.example/1", Language::En, "A", &text),
                info("1"),
            ),
            (
                article("https://paper.example/1", Language::En, "B", &edited),
                info("2"),
            ),
            (
                article("https://other.example/1", Language::En, "C", &unrelated),
                info("3"),
            ),
        ])
        .unwrap();
    assert_eq!(out[0].status, PutStatus::Inserted);
    assert_eq!(out[1].status, PutStatus::NearDuplicate { of: out[0].id });
    assert_eq!(out[2].status, PutStatus::Inserted);
    let near = store.get(out[1].id).unwrap().unwrap();
    match near.status {
        ArticleStatus::NearDuplicate { of, similarity } => {
            assert_eq!(of, out[0].id);
            assert!((0.7..1.0).contains(&similarity), "{similarity}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store.get(out[0].id).unwrap().unwrap().duplicates,
        vec![out[1].id]
    );
    // Near-duplicates stay searchable (their text differs) and point to their canonical.
    let hits = store
        .search(&newsloom_store::SearchQuery::new("rewritten local desk"))
        .unwrap();
    assert_eq!(hits.hits[0].id, out[1].id);
    assert_eq!(hits.hits[0].duplicate_of, Some(out[0].id));
}

#[test]
fn short_texts_are_never_near_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let out = store
        .put_batch(vec![
            (
                article(
                    "https://a.example/1",
                    Language::En,
                    "A",
                    "Storm hits the coast.",
                ),
                info("1"),
            ),
            (
                article(
                    "https://b.example/1",
                    Language::En,
                    "B",
                    "Storm hits the coast today.",
                ),
                info("2"),
            ),
        ])
        .unwrap();
    assert_eq!(out[1].status, PutStatus::Inserted);
}

#[test]
fn changes_since_a_sequence_number_name_new_and_updated_articles() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.last_seq(), 0);
    let a = article("https://example.com/a", Language::En, "A", &body(11, 3));
    let b = article("https://example.com/b", Language::En, "B", &body(12, 3));
    let ids: Vec<i64> = store
        .put_batch(vec![(a.clone(), info("x")), (b, info("x"))])
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    let seq = store.last_seq();
    assert!(seq >= 2);
    assert!(store.articles_changed(ids[1], seq).unwrap().is_empty());
    // Unchanged content: nothing changes.
    store.put_batch(vec![(a.clone(), info("y"))]).unwrap();
    assert_eq!(store.last_seq(), seq);
    // A new article and an update of the first.
    let c = article("https://example.com/c", Language::En, "C", &body(13, 3));
    let mut a2 = a;
    a2.text.push_str(" Updated.");
    let out = store
        .put_batch(vec![(c, info("z")), (a2, info("z"))])
        .unwrap();
    assert_eq!(out[1].status, PutStatus::Updated);
    assert!(store.last_seq() > seq);
    assert_eq!(
        store.articles_changed(ids[1], seq).unwrap(),
        vec![ids[0], out[0].id]
    );
    // Everything after article 0 at counter 0.
    assert_eq!(store.articles_changed(0, 0).unwrap().len(), 3);
}

#[test]
fn story_ids_by_article_follow_the_assignments() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let out = store
        .put_batch(vec![
            (
                article("https://example.com/a", Language::En, "A", &body(21, 3)),
                info("x"),
            ),
            (
                article("https://example.com/b", Language::En, "B", &body(22, 3)),
                info("x"),
            ),
        ])
        .unwrap();
    assert!(store.story_ids_by_article().unwrap().is_empty());
    let row = |article_id: i64, story_id: i64| newsloom_store::StoryAssignment {
        article_id,
        story_id,
        score: 1.0,
        link: "new".into(),
        explanation: Some("{\"long\": \"explanation\"}".into()),
    };
    store
        .set_stories(&[row(out[1].id, 7), row(out[0].id, 3)])
        .unwrap();
    assert_eq!(
        store.story_ids_by_article().unwrap(),
        vec![(out[0].id, 3), (out[1].id, 7)]
    );
}
