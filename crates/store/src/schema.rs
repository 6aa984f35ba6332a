//! The SQLite schema and its migrations.
//!
//! The database records its version in `schema_version`, one row per applied step. Opening a
//! store runs every step newer than the recorded version, in order, each in its own transaction
//! (a failed step leaves the database at the previous version). A database newer than this code
//! is refused with [`StoreError::SchemaTooNew`] rather than misread.
//!
//! To change the schema: append a [`Migration`] to [`MIGRATIONS`] (never edit a published one);
//! if the change affects what is indexed, also bump `INDEX_VERSION` in `index.rs`, which makes
//! the next open rebuild the full-text index from SQLite.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::date::now_rfc3339;
use crate::StoreError;

/// One schema step: it takes a database at `version - 1` to `version`.
pub(crate) struct Migration {
    /// The version this step produces.
    pub version: u32,
    /// What the step does, recorded in `schema_version`.
    pub name: &'static str,
    /// The step itself, run inside a transaction.
    pub apply: fn(&Transaction<'_>) -> rusqlite::Result<()>,
}

/// Every migration, oldest first. Version 0 is an empty database.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "articles, versions, urls, minhash, entities, quotes",
        apply: |tx| tx.execute_batch(V1),
    },
    Migration {
        version: 2,
        name: "story assignments",
        apply: |tx| tx.execute_batch(V2),
    },
];

/// The schema version this code writes.
pub const SCHEMA_VERSION: u32 = 2;

/// Version 2: which story each article belongs to, and why.
const V2: &str = r#"
CREATE TABLE story_members (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id),
    story_id    INTEGER NOT NULL,
    score       REAL NOT NULL,
    link        TEXT NOT NULL,
    explanation TEXT
);
CREATE INDEX story_members_story ON story_members(story_id);
"#;

const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO meta (key, value) VALUES ('last_seq', 0);

-- One row per distinct article URL. `record` is the full Article as JSON (the source of truth);
-- the other columns are copies for lookups and listings.
-- `seq` increases with every insert or change and drives index reconciliation.
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    status        TEXT NOT NULL CHECK (status IN ('canonical', 'duplicate', 'near_duplicate')),
    duplicate_of  INTEGER REFERENCES articles(id),
    similarity    REAL,
    url           TEXT,
    canonical_url TEXT,
    site          TEXT,
    host          TEXT,
    title         TEXT,
    language      TEXT NOT NULL,
    published     TEXT,
    published_ts  INTEGER,
    content_hash  TEXT,
    record_hash   TEXT NOT NULL,
    source        TEXT NOT NULL,
    fetched_at    TEXT,
    raw_hash      TEXT,
    first_seen    TEXT NOT NULL,
    updated       TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    record        TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_record_hash ON articles(record_hash);
CREATE INDEX articles_seq ON articles(seq);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_published ON articles(published_ts);

-- Every normalised URL (page URL and canonical URL) an article is known under.
CREATE TABLE article_urls (
    url        TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id)
) WITHOUT ROWID;

-- Previous versions of updated articles.
CREATE TABLE versions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    replaced_at TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    source      TEXT NOT NULL,
    fetched_at  TEXT,
    raw_hash    TEXT,
    first_seen  TEXT NOT NULL,
    updated     TEXT NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX versions_article ON versions(article_id);

-- MinHash signatures and LSH band keys of canonical articles.
CREATE TABLE minhash_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    signature  BLOB NOT NULL
);
CREATE TABLE minhash_bands (
    band       INTEGER NOT NULL,
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands(article_id);

-- Entities and quotes of canonical articles, for corpus-wide listings.
CREATE TABLE entity_mentions (
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    name         TEXT NOT NULL,
    label        TEXT NOT NULL,
    mentions     INTEGER NOT NULL,
    month        TEXT
);
CREATE INDEX entity_mentions_name ON entity_mentions(name, label);
CREATE INDEX entity_mentions_article ON entity_mentions(article_id);

CREATE TABLE quotes (
    article_id     INTEGER NOT NULL REFERENCES articles(id),
    ordinal        INTEGER NOT NULL,
    speaker        TEXT,
    speaker_entity TEXT,
    kind           TEXT NOT NULL,
    cue            TEXT,
    text           TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);
"#;

const VERSION_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// The version recorded in the database; 0 for a database without a version table.
pub(crate) fn current_version(conn: &Connection) -> rusqlite::Result<u32> {
    let has_table: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if has_table.is_none() {
        return Ok(0);
    }
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )
}

/// Brings the database at `path` up to the last of `migrations`; returns the final version.
pub(crate) fn migrate(
    conn: &mut Connection,
    path: &Path,
    migrations: &[Migration],
) -> Result<u32, StoreError> {
    let supported = migrations.last().map_or(0, |m| m.version);
    let found = current_version(conn).map_err(|e| StoreError::sqlite(path, e))?;
    if found > supported {
        return Err(StoreError::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    for step in migrations.iter().filter(|m| m.version > found) {
        tracing::info!(
            version = step.version,
            name = step.name,
            "migrating store schema"
        );
        let fail = |source| match StoreError::sqlite(path, source) {
            StoreError::Sqlite { source, .. } => StoreError::Migration {
                path: path.to_path_buf(),
                version: step.version,
                source,
            },
            other => other,
        };
        let tx = conn.transaction().map_err(fail)?;
        tx.execute_batch(VERSION_TABLE).map_err(fail)?;
        (step.apply)(&tx).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![step.version, step.name, now_rfc3339()],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(supported)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const TEST_STEPS: &[Migration] = &[
        Migration {
            version: 1,
            name: "create t",
            apply: |tx| tx.execute_batch("CREATE TABLE t (a INTEGER)"),
        },
        Migration {
            version: 2,
            name: "add b",
            apply: |tx| tx.execute_batch("ALTER TABLE t ADD COLUMN b TEXT"),
        },
        Migration {
            version: 3,
            name: "fill b",
            // Fails unless step 2 ran first.
            apply: |tx| tx.execute_batch("UPDATE t SET b = 'x' || a"),
        },
    ];

    #[test]
    fn runs_missing_steps_in_order_from_any_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(
            migrate(&mut conn, Path::new("mem"), &TEST_STEPS[..1]).unwrap(),
            1
        );
        conn.execute("INSERT INTO t (a) VALUES (7)", []).unwrap();
        assert_eq!(migrate(&mut conn, Path::new("mem"), TEST_STEPS).unwrap(), 3);
        let b: String = conn.query_row("SELECT b FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(b, "x7");
        let steps: Vec<u32> = conn
            .prepare("SELECT version FROM schema_version ORDER BY version")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(steps, vec![1, 2, 3]);
        // Idempotent: nothing left to run.
        assert_eq!(migrate(&mut conn, Path::new("mem"), TEST_STEPS).unwrap(), 3);
    }

    #[test]
    fn a_failing_step_leaves_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let broken = [
            Migration {
                version: 1,
                name: "ok",
                apply: |tx| tx.execute_batch("CREATE TABLE t (a INTEGER)"),
            },
            Migration {
                version: 2,
                name: "broken",
                apply: |tx| tx.execute_batch("ALTER TABLE missing ADD COLUMN b TEXT"),
            },
        ];
        let err = migrate(&mut conn, Path::new("mem"), &broken).unwrap_err();
        assert!(
            matches!(err, StoreError::Migration { version: 2, .. }),
            "{err}"
        );
        assert_eq!(current_version(&conn).unwrap(), 1);
    }

    #[test]
    fn refuses_a_newer_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new("mem"), TEST_STEPS).unwrap();
        let err = migrate(&mut conn, Path::new("mem"), &TEST_STEPS[..2]).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::SchemaTooNew {
                    found: 3,
                    supported: 2,
                    ..
                }
            ),
            "{err}"
        );
    }
}
