//! Entities, quotes, stats and export.
#![allow(clippy::unwrap_used)]

mod common;

use common::{article, body, info, with_entity, with_quote};
use newsloom_model::{EntityLabel, Language};
use newsloom_store::{write_csv, write_jsonl, EntityFilter, ExportFilter, Store};

fn corpus() -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut a = article("https://a.example/1", Language::En, "One", &body(1, 3));
    a.published = Some("2024-01-10".into());
    let a = with_quote(
        with_entity(
            with_entity(a, "Ada Lovelace", EntityLabel::Person),
            "Acme",
            EntityLabel::Organisation,
        ),
        "Ada Lovelace",
        "We will build it.",
    );
    let mut b = article("https://b.example/1", Language::Fr, "Deux", &body(2, 3));
    b.published = Some("2024-02-03".into());
    b.site_name = Some("Le Bee".into());
    let b = with_quote(
        with_entity(b, "Ada Lovelace", EntityLabel::Person),
        "Charles Babbage",
        "Non.",
    );
    // An exact copy of `a`: its entities and quotes must not count twice.
    let c = article("https://c.example/1", Language::En, "Copy", &a.text);
    let c = with_entity(c, "Ada Lovelace", EntityLabel::Person);
    let out = store
        .put_batch(vec![(a, info("1")), (b, info("2")), (c, info("3"))])
        .unwrap();
    (dir, store, out.iter().map(|o| o.id).collect())
}

#[test]
fn top_entities_with_monthly_counts() {
    let (_dir, store, _) = corpus();
    let top = store.entities(&EntityFilter::default()).unwrap();
    assert_eq!(top[0].name, "Ada Lovelace");
    assert_eq!((top[0].articles, top[0].mentions), (2, 2));
    let months: Vec<&str> = top[0].by_month.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, vec!["2024-01", "2024-02"]);
    let orgs = store
        .entities(&EntityFilter {
            label: Some(EntityLabel::Organisation),
            ..EntityFilter::default()
        })
        .unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].name, "Acme");
    let feb = store
        .entities(&EntityFilter {
            since: Some("2024-02".into()),
            ..EntityFilter::default()
        })
        .unwrap();
    assert_eq!(feb.len(), 1);
    assert_eq!(feb[0].articles, 1);
    let fr = store
        .entities(&EntityFilter {
            language: Some(Language::Fr),
            site: Some("le bee".into()),
            ..EntityFilter::default()
        })
        .unwrap();
    assert_eq!(fr.len(), 1);
}

#[test]
fn quotes_by_speaker_newest_first() {
    let (_dir, store, ids) = corpus();
    let all = store.quotes(None, 10).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].article_id, ids[1]);
    let ada = store.quotes(Some("lovelace"), 10).unwrap();
    assert_eq!(ada.len(), 1);
    assert_eq!(ada[0].text, "We will build it.");
    assert_eq!(ada[0].url.as_deref(), Some("https://a.example/1"));
    assert_eq!(ada[0].published.as_deref(), Some("2024-01-10"));
}

#[test]
fn stats_count_everything() {
    let (_dir, store, _) = corpus();
    let s = store.stats().unwrap();
    assert_eq!(
        (s.articles, s.canonical, s.duplicates, s.near_duplicates),
        (3, 2, 1, 0)
    );
    assert_eq!(s.by_language[0], ("en".to_string(), 2));
    assert_eq!(s.earliest.as_deref(), Some("2024-01-10"));
    assert_eq!(s.latest.as_deref(), Some("2024-02-03"));
    assert_eq!(s.indexed_docs, 2);
    assert!(s.index_bytes > 0 && s.database_bytes > 0);
}

#[test]
fn export_streams_jsonl_and_csv() {
    let (_dir, store, ids) = corpus();
    let canonical: Vec<i64> = store
        .export(&ExportFilter::default())
        .unwrap()
        .map(|r| r.unwrap().id)
        .collect();
    assert_eq!(canonical, vec![ids[0], ids[1]]);
    let with_dups = ExportFilter {
        include_duplicates: true,
        ..ExportFilter::default()
    };
    assert_eq!(store.export(&with_dups).unwrap().count(), 3);
    let fr = ExportFilter {
        language: Some(Language::Fr),
        ..ExportFilter::default()
    };
    assert_eq!(store.export(&fr).unwrap().count(), 1);

    let mut jsonl = Vec::new();
    assert_eq!(
        write_jsonl(store.export(&with_dups).unwrap(), &mut jsonl).unwrap(),
        3
    );
    let first: serde_json::Value =
        serde_json::from_str(std::str::from_utf8(&jsonl).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(first["article"]["url"], "https://a.example/1");
    assert_eq!(first["duplicates"][0], ids[2]);

    let mut csv = Vec::new();
    assert_eq!(
        write_csv(store.export(&with_dups).unwrap(), &mut csv).unwrap(),
        3
    );
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[2][1], "duplicate");
    assert_eq!(&rows[0][13], r#"["Ada Lovelace","Acme"]"#);
}

#[test]
fn export_pages_through_many_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let batch = (0..600)
        .map(|i| {
            (
                article(
                    &format!("https://a.example/{i}"),
                    Language::En,
                    "T",
                    &body(i, 1),
                ),
                info("f"),
            )
        })
        .collect();
    store.put_batch(batch).unwrap();
    assert_eq!(store.export(&ExportFilter::default()).unwrap().count(), 600);
}
