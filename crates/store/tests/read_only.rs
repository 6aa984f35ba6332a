//! Readers open the store without a lock, beside a writer, and cannot write.

mod common;

use common::{article, body, info};
use newsloom_model::Language;
use newsloom_store::{SearchQuery, Store, StoreError};

#[test]
fn a_reader_works_beside_a_writer_and_cannot_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut writer = Store::open(dir.path()).expect("opens for writing");
    let a = article(
        "https://example.test/a",
        Language::En,
        "Harbour strike",
        &body(1, 4),
    );
    writer.put_batch(vec![(a, info("a.html"))]).expect("stores");

    let mut reader = Store::open_read_only(dir.path()).expect("opens beside the writer");
    let hits = reader
        .search(&SearchQuery::new("harbour").limit(5))
        .expect("searches");
    assert_eq!(hits.hits.len(), 1);
    let b = article(
        "https://example.test/b",
        Language::En,
        "Second",
        &body(2, 4),
    );
    match reader.put_batch(vec![(b, info("b.html"))]) {
        Err(StoreError::ReadOnly { .. }) | Err(StoreError::Sqlite { .. }) => {}
        other => panic!("a read-only store wrote: {other:?}"),
    }
    // The writer still works.
    let c = article("https://example.test/c", Language::En, "Third", &body(3, 4));
    writer
        .put_batch(vec![(c, info("c.html"))])
        .expect("writer still stores");
}

#[test]
fn a_missing_store_is_a_clear_error_for_readers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = Store::open_read_only(&dir.path().join("nothing-here")).expect_err("no store");
    assert!(err.to_string().contains("nothing-here"), "{err}");
}
