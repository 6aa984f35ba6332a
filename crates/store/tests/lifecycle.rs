//! Opening, migrating, reconciling, locking, and environment errors.
#![allow(clippy::unwrap_used)]

mod common;

use common::{article, body, info};
use newsloom_model::Language;
use newsloom_store::{SearchQuery, Store, StoreError, DATABASE_FILE, INDEX_DIR, SCHEMA_VERSION};

#[test]
fn a_version_0_database_is_migrated_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        // A v0 store: a database with no schema_version table (and some unrelated data).
        let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
        conn.execute_batch("CREATE TABLE scratch (x INTEGER); INSERT INTO scratch VALUES (1);")
            .unwrap();
    }
    let mut store = Store::open(dir.path()).unwrap();
    store
        .put_batch(vec![(
            article("https://a.example/1", Language::En, "T", "Text."),
            info("f"),
        )])
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    let versions: Vec<u32> = conn
        .prepare("SELECT version FROM schema_version ORDER BY version")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(versions, (1..=SCHEMA_VERSION).collect::<Vec<_>>());
    let scratch: i64 = conn
        .query_row("SELECT x FROM scratch", [], |r| r.get(0))
        .unwrap();
    assert_eq!(scratch, 1, "migrations keep existing data");
}

#[test]
fn a_newer_database_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    {
        let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
        conn.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, 'future', 'x')",
            [SCHEMA_VERSION + 1],
        )
        .unwrap();
    }
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::SchemaTooNew { found, supported, .. }
            if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{err}"
    );
    assert!(err.to_string().contains("upgrade newsloom"), "{err}");
}

#[test]
fn a_deleted_index_is_rebuilt_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let batch = (0..50)
        .map(|i| {
            let text = format!("{}\n\nharbour {i}", body(i, 2));
            (
                article(&format!("https://a.example/{i}"), Language::En, "T", &text),
                info("f"),
            )
        })
        .collect();
    store.put_batch(batch).unwrap();
    drop(store);
    std::fs::remove_dir_all(dir.path().join(INDEX_DIR)).unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.search(&SearchQuery::new("harbour")).unwrap().total,
        50
    );
    assert_eq!(store.stats().unwrap().indexed_docs, 50);
}

#[test]
fn rows_written_behind_the_index_are_indexed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .put_batch(vec![(
            article(
                "https://a.example/1",
                Language::En,
                "T",
                "Lighthouse keeper.",
            ),
            info("f"),
        )])
        .unwrap();
    drop(store);
    {
        // Another writer (or a crashed run) committed a row and a change the index never saw.
        let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
        let a = article(
            "https://a.example/2",
            Language::En,
            "T",
            "Lighthouse storm.",
        );
        let record = serde_json::to_string(&a).unwrap();
        conn.execute(
            "INSERT INTO articles (status, url, language, record_hash, source, first_seen, updated,
             seq, record) VALUES ('canonical', ?1, 'en', 'h', 'f', 'x', 'x', 2, ?2)",
            rusqlite::params![a.url, record],
        )
        .unwrap();
        // A re-sequenced existing row must be replaced in the index, not added twice.
        conn.execute("UPDATE articles SET seq = 3 WHERE id = 1", [])
            .unwrap();
        conn.execute("UPDATE meta SET value = 3 WHERE key = 'last_seq'", [])
            .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.search(&SearchQuery::new("lighthouse")).unwrap().total,
        2
    );
    assert_eq!(store.stats().unwrap().indexed_docs, 2);
}

#[test]
fn rebuild_index_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .put_batch(vec![(
            article("https://a.example/1", Language::En, "T", "Quay."),
            info("f"),
        )])
        .unwrap();
    assert_eq!(store.rebuild_index().unwrap(), 1);
    assert_eq!(store.rebuild_index().unwrap(), 1);
    assert_eq!(store.search(&SearchQuery::new("quay")).unwrap().total, 1);
}

#[test]
fn a_second_writer_gets_a_locked_error() {
    let dir = tempfile::tempdir().unwrap();
    let _store = Store::open(dir.path()).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
}

#[test]
fn creates_missing_directories() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b/store");
    Store::open(&nested).unwrap();
    assert!(nested.join(DATABASE_FILE).exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(ro.join("probe"), b"x").is_ok() {
        // Running as root (or on a filesystem ignoring modes): the directory is writable.
        eprintln!("SKIPPED: a_read_only_directory_is_a_clear_error (directory writable anyway)");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let err = Store::open(&ro.join("store")).unwrap_err();
    let err2 = Store::open(&ro).unwrap_err();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    for err in [err, err2] {
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
        assert!(err.to_string().contains("ro"), "{err}");
    }
}
