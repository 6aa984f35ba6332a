//! The newsloom corpus store: articles kept durably in SQLite and searchable through a tantivy
//! full-text index with an analyser per language.
//!
//! A store is a directory holding `store.sqlite` (the source of truth: records, version history,
//! duplicate groups, entity and quote tables) and `index/` (the full-text index, rebuildable
//! from SQLite at any time). Articles go in by batches: one SQLite transaction and one index
//! commit per batch. The same content put twice is stored once; a changed article under a known
//! URL is updated with its previous version kept; exact and near copies (MinHash over word
//! 5-shingles) are grouped under their canonical article.
//!
//! ```
//! use newsloom_model::{Article, Language};
//! use newsloom_store::{PutStatus, SearchQuery, SourceInfo, Store};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let mut store = Store::open(dir.path())?;
//!
//! let mut article = Article::new("feed.xml");
//! article.url = Some("https://example.com/vote".into());
//! article.title = Some("Voters head to the polls".into());
//! article.language = Language::En;
//! article.published = Some("2024-06-09".into());
//! article.text = "The elections were held on Sunday across the country.".into();
//! let info = SourceInfo { source: "feed.xml".into(), ..SourceInfo::default() };
//!
//! let outcomes = store.put_batch(vec![(article.clone(), info.clone())])?;
//! assert_eq!(outcomes[0].status, PutStatus::Inserted);
//! // Idempotent: the same content again changes nothing.
//! let again = store.put_batch(vec![(article, info)])?;
//! assert_eq!(again[0].status, PutStatus::Unchanged);
//!
//! // English stemming: "election" finds "elections".
//! let results = store.search(&SearchQuery::new("election").lang(Language::En))?;
//! assert_eq!(results.hits[0].id, outcomes[0].id);
//! println!("{}", results.hits[0].snippet.render_brackets());
//! # Ok(())
//! # }
//! ```
//!
//! # Durability
//!
//! The database runs in WAL mode with `synchronous = FULL`: a batch whose `put_batch` returned
//! is on disk, and survives a `kill -9` and a power cut alike (with `NORMAL`, a power cut could
//! roll back the last batches; with one fsync per batch of hundreds of articles, `FULL` costs
//! next to nothing). The index is reconciled from SQLite on open, so an index commit lost to a
//! crash is redone, never doubled (see the `index` module).
//!
//! # Concurrency
//!
//! One process writes a store at a time: a second [`Store::open`] on the same directory fails
//! with [`StoreError::Locked`]. A `Store` is `Send` but not `Sync`.

mod analysers;
mod date;
mod dedup;
mod error;
mod export;
mod facets;
mod index;
mod keys;
mod queries;
mod records;
mod schema;
mod search;

use std::path::{Path, PathBuf};

use newsloom_model::Article;
use rusqlite::{Connection, OptionalExtension};

pub use date::is_iso_date;
pub use dedup::DedupConfig;
pub use error::StoreError;
pub use export::{write_csv, write_jsonl, Export, ExportFilter};
pub use facets::{FacetCount, Facets, NAME_FACET_DOCS};
#[cfg(feature = "parquet")]
mod parquet_export;
#[cfg(feature = "parquet")]
pub use parquet_export::write_parquet;
pub use queries::{EntityFilter, EntityStat, MonthCount, QuoteRecord, Stats};
pub use records::{
    ArticleStatus, ArticleVersion, PutOutcome, PutStatus, SourceInfo, StoredArticle,
};
pub use schema::SCHEMA_VERSION;
mod stories;
pub use search::{push_html_escaped, SearchHit, SearchQuery, SearchResults, Snippet};
pub use stories::{StoryAssignment, StoryFilter, StorySummary};

use error::SqlContext;
use index::CorpusIndex;
use records::{stored_from_row, BatchWriter, STORED_COLUMNS};

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "store.sqlite";
/// The index directory's name inside the data directory.
pub const INDEX_DIR: &str = "index";

/// Settings of a store.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreOptions {
    /// Memory budget of the index writer, in bytes, shared by its threads.
    pub writer_memory_bytes: usize,
    /// SQLite page cache, in KiB.
    pub cache_kib: u32,
    /// Duplicate detection.
    pub dedup: DedupConfig,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            writer_memory_bytes: 128 * 1024 * 1024,
            cache_kib: 64 * 1024,
            dedup: DedupConfig::default(),
        }
    }
}

/// An open corpus store. See the [crate documentation](crate).
pub struct Store {
    dir: PathBuf,
    db_path: PathBuf,
    conn: Connection,
    index: CorpusIndex,
    options: StoreOptions,
    /// The highest `seq` committed to SQLite.
    db_seq: i64,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the store in `dir` with default options, creating the directory and an empty
    /// store if needed, migrating an older schema, and indexing any rows the index is missing.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_with(dir, StoreOptions::default())
    }

    /// Opens the store in `dir` with the given options.
    pub fn open_with(dir: &Path, options: StoreOptions) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        check_writable(dir)?;
        let db_path = dir.join(DATABASE_FILE);
        let mut conn = Connection::open(&db_path).db(&db_path)?;
        configure(&conn, &db_path, options.cache_kib)?;
        schema::migrate(&mut conn, &db_path, schema::MIGRATIONS)?;
        let db_seq = last_seq(&conn, &db_path)?;
        let mut index = CorpusIndex::open(&dir.join(INDEX_DIR), options.writer_memory_bytes)?;
        if index.indexed_seq > db_seq {
            // The index claims rows SQLite never committed: it belongs to another database.
            tracing::warn!("index is ahead of the database: rebuilding");
            index.clear()?;
        }
        let reindexed = index.reconcile(&conn, &db_path)?;
        if reindexed > 0 {
            tracing::info!(
                rows = reindexed,
                "indexed rows missing from the full-text index"
            );
        }
        Ok(Store {
            dir: dir.to_path_buf(),
            db_path,
            conn,
            index,
            options,
            db_seq,
        })
    }

    /// Opens an existing store for reading only: no lock is taken, so any number of readers can
    /// run while one process writes; nothing is migrated or reconciled (a store whose index lags
    /// behind its database shows the rows indexed so far until a writer opens it).
    pub fn open_read_only(dir: &Path) -> Result<Store, StoreError> {
        let db_path = dir.join(DATABASE_FILE);
        if !db_path.exists() {
            return Err(StoreError::io(
                &db_path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        let conn = Connection::open_with_flags(
            &db_path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .db(&db_path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .db(&db_path)?;
        let version: i64 = conn
            .query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))
            .unwrap_or(0);
        if version != i64::from(SCHEMA_VERSION) {
            return Err(StoreError::NeedsMigration {
                path: db_path.clone(),
                found: version,
                expected: SCHEMA_VERSION,
            });
        }
        let db_seq = last_seq(&conn, &db_path)?;
        let index = CorpusIndex::open_read_only(&dir.join(INDEX_DIR))?;
        Ok(Store {
            dir: dir.to_path_buf(),
            db_path,
            conn,
            index,
            options: StoreOptions::default(),
            db_seq,
        })
    }

    /// Makes what other writers committed since this store was opened visible to it (a reader
    /// opened with [`Store::open_read_only`] otherwise keeps the index as it found it; the
    /// database side always reads the latest commit).
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        self.index.refresh()?;
        self.db_seq = last_seq(&self.conn, &self.db_path)?;
        Ok(())
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Stores a batch of articles in one SQLite transaction and one index commit.
    ///
    /// Returns one outcome per article, in order. Articles later in the batch see the earlier
    /// ones (a copy of an article in the same batch is a duplicate of it).
    pub fn put_batch(
        &mut self,
        articles: Vec<(Article, SourceInfo)>,
    ) -> Result<Vec<PutOutcome>, StoreError> {
        if self.index.indexed_seq < self.db_seq {
            // A previous index commit failed after its SQLite commit: catch up first.
            self.index.reconcile(&self.conn, &self.db_path)?;
        }
        let started = std::time::Instant::now();
        // Documents are staged in the index writer while SQLite works (its threads index
        // them meanwhile) but only committed after the SQLite commit.
        let (outcomes, staged) = match self.write_records(articles) {
            Ok(done) => done,
            Err(e) => {
                self.index.rollback();
                return Err(e);
            }
        };
        let written = started.elapsed();
        if staged > 0 {
            self.index.commit(self.db_seq)?;
        }
        tracing::debug!(
            articles = outcomes.len(),
            indexed = staged,
            sqlite_ms = written.as_millis() as u64,
            index_commit_ms = (started.elapsed() - written).as_millis() as u64,
            "batch stored"
        );
        Ok(outcomes)
    }

    /// The SQLite half of [`Store::put_batch`]: one transaction, committed on return; each
    /// change is staged in the index writer (uncommitted). Returns the outcomes and the number
    /// of staged changes.
    fn write_records(
        &mut self,
        articles: Vec<(Article, SourceInfo)>,
    ) -> Result<(Vec<PutOutcome>, usize), StoreError> {
        let path = self.db_path.clone();
        let tx = self.conn.transaction().db(&path)?;
        let mut writer = BatchWriter {
            tx: &tx,
            path: &path,
            dedup: &self.options.dedup,
            now: date::now_rfc3339(),
            seq: self.db_seq,
        };
        let mut outcomes = Vec::with_capacity(articles.len());
        let mut staged = 0;
        for (article, info) in articles {
            let (outcome, job) = writer.put(article, info)?;
            outcomes.push(outcome);
            if let Some(job) = job {
                self.index.stage(&job)?;
                staged += 1;
            }
        }
        let seq = writer.seq;
        if seq != self.db_seq {
            tx.execute("UPDATE meta SET value = ?1 WHERE key = 'last_seq'", [seq])
                .db(&path)?;
        }
        tx.commit().db(&path)?;
        self.db_seq = seq;
        Ok((outcomes, staged))
    }

    /// The article with row id `id`, with its bookkeeping; `None` when there is no such row.
    pub fn get(&self, id: i64) -> Result<Option<StoredArticle>, StoreError> {
        let sql = format!("SELECT {STORED_COLUMNS} FROM articles a WHERE a.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).db(&self.db_path)?;
        let mut rows = stmt.query([id]).db(&self.db_path)?;
        let Some(row) = rows.next().db(&self.db_path)? else {
            return Ok(None);
        };
        let mut stored = stored_from_row(row, &self.db_path)?;
        self.fill_bookkeeping(&mut stored)?;
        Ok(Some(stored))
    }

    /// The id of the article known under `url` (page or canonical URL, normalised).
    pub fn find_url(&self, url: &str) -> Result<Option<i64>, StoreError> {
        let Some(key) = keys::url_key(url) else {
            return Ok(None);
        };
        self.conn
            .prepare_cached("SELECT article_id FROM article_urls WHERE url = ?1")
            .db(&self.db_path)?
            .query_row([key], |r| r.get(0))
            .optional()
            .db(&self.db_path)
    }

    /// The earlier versions of article `id`, oldest first.
    pub fn versions(&self, id: i64) -> Result<Vec<ArticleVersion>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT replaced_at, updated, source, fetched_at, raw_hash, record FROM versions
                 WHERE article_id = ?1 ORDER BY id",
            )
            .db(&self.db_path)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    SourceInfo {
                        source: r.get(2)?,
                        fetched_at: r.get(3)?,
                        raw_hash: r.get(4)?,
                    },
                    r.get::<_, String>(5)?,
                ))
            })
            .db(&self.db_path)?;
        let mut out = Vec::new();
        for row in rows {
            let (replaced_at, updated, source, record) = row.db(&self.db_path)?;
            out.push(ArticleVersion {
                replaced_at,
                updated,
                source,
                article: records::parse_record(&record, id, &self.db_path)?,
            });
        }
        Ok(out)
    }

    /// Empties the full-text index and rebuilds it from SQLite; returns the documents indexed.
    pub fn rebuild_index(&mut self) -> Result<usize, StoreError> {
        self.index.clear()?;
        self.index.reconcile(&self.conn, &self.db_path)
    }

    /// Fills `duplicates` and `versions`.
    fn fill_bookkeeping(&self, stored: &mut StoredArticle) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE duplicate_of = ?1 ORDER BY id")
            .db(&self.db_path)?;
        stored.duplicates = stmt
            .query_map([stored.id], |r| r.get(0))
            .db(&self.db_path)?
            .collect::<Result<_, _>>()
            .db(&self.db_path)?;
        stored.versions = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM versions WHERE article_id = ?1")
            .db(&self.db_path)?
            .query_row([stored.id], |r| r.get(0))
            .db(&self.db_path)?;
        Ok(())
    }
}

/// Fails with [`StoreError::ReadOnly`] when `dir` cannot be written.
fn check_writable(dir: &Path) -> Result<(), StoreError> {
    let probe = dir.join(".newsloom-write-probe");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(&probe)
        .map_err(|e| StoreError::io(dir, e))?;
    std::fs::remove_file(&probe).map_err(|e| StoreError::io(&probe, e))
}

/// WAL journal, FULL sync (see the crate docs), a page cache, and a busy timeout.
fn configure(conn: &Connection, path: &Path, cache_kib: u32) -> Result<(), StoreError> {
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .db(path)?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(mode, "SQLite refused WAL mode");
    }
    conn.execute_batch(&format!(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -{cache_kib};"
    ))
    .db(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .db(path)?;
    Ok(())
}

fn last_seq(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    conn.query_row("SELECT value FROM meta WHERE key = 'last_seq'", [], |r| {
        r.get(0)
    })
    .db(path)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod crash_tests {
    use super::*;
    use newsloom_model::Language;

    fn article(url: &str, text: &str) -> (Article, SourceInfo) {
        let mut a = Article::new(url);
        a.url = Some(url.into());
        a.language = Language::En;
        a.text = text.into();
        (a, SourceInfo::default())
    }

    /// A kill -9 after the SQLite commit and before the index commit: the next open indexes
    /// the committed rows, exactly once.
    #[test]
    fn rows_committed_before_a_crash_are_indexed_once_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store
            .put_batch(vec![article(
                "https://a.example/1",
                "The harbour reopened.",
            )])
            .unwrap();
        // The crash window: records committed, index never told.
        store
            .write_records(vec![
                article("https://a.example/2", "The harbour flooded."),
                article("https://a.example/1", "The harbour reopened at dawn."),
            ])
            .unwrap();
        assert_eq!(store.index.num_docs(), 1);
        drop(store);

        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.index.num_docs(), 2);
        let results = store.search(&SearchQuery::new("harbour")).unwrap();
        assert_eq!(results.total, 2, "each article indexed exactly once");
        assert_eq!(store.search(&SearchQuery::new("dawn")).unwrap().total, 1);
        drop(store);

        // Reopening again re-indexes nothing.
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.index.indexed_seq, store.db_seq);
        assert_eq!(store.search(&SearchQuery::new("harbour")).unwrap().total, 2);
    }

    /// An index commit that failed in this process is caught up before the next batch.
    #[test]
    fn a_lagging_index_catches_up_before_the_next_batch() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store
            .write_records(vec![article(
                "https://a.example/1",
                "Storm warning issued.",
            )])
            .unwrap();
        store
            .put_batch(vec![article("https://a.example/2", "Storm passes.")])
            .unwrap();
        assert_eq!(store.search(&SearchQuery::new("storm")).unwrap().total, 2);
    }
}
