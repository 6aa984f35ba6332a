//! The full-text index: its tantivy schema, document building, commits, and reconciliation
//! with SQLite.
//!
//! SQLite is the source of truth. Every article row carries a `seq` that grows with each insert
//! or change; every tantivy commit records, in its payload, the highest `seq` it contains.
//! Documents are keyed by article id and always written as *delete id, then add*, so
//! re-indexing a row is idempotent. On open (and before each batch, if the previous index commit
//! failed) every row with a `seq` above the payload's is re-indexed: a crash between the SQLite
//! commit and the tantivy commit loses nothing and duplicates nothing.

use std::path::{Path, PathBuf};

use newsloom_model::Article;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED,
};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::analysers::{self, lang_slot, LANG_KEYS};
use crate::error::{IndexContext, SqlContext};
use crate::keys::{article_host, site_key};
use crate::records::{parse_record, ArticleStatus, IndexJob};
use crate::StoreError;

/// Bump when the tantivy schema or an analyser changes: the next open rebuilds the index.
pub(crate) const INDEX_VERSION: u32 = 1;

/// Rows re-indexed per commit during reconciliation.
const RECONCILE_CHUNK: usize = 1000;

/// The index's fields.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub id: Field,
    /// Title per language slot (see [`LANG_KEYS`]).
    pub title: Vec<Field>,
    /// Standfirst and body text per language slot.
    pub body: Vec<Field>,
    pub entities: Field,
    pub speakers: Field,
    pub quotes: Field,
    pub sources: Field,
    pub section: Field,
    pub site: Field,
    pub language: Field,
    pub url: Field,
    pub published: Field,
}

fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |analyser: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyser)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysers::KEYWORD)
            .set_index_option(IndexRecordOption::Basic),
    );
    let id = b.add_i64_field("id", INDEXED | FAST | STORED);
    let mut title = Vec::new();
    let mut body = Vec::new();
    for (slot, key) in LANG_KEYS.iter().enumerate() {
        let analyser = analysers::analyser_name(slot);
        title.push(b.add_text_field(&format!("title_{key}"), text(&analyser)));
        body.push(b.add_text_field(&format!("body_{key}"), text(&analyser)));
    }
    let fields = Fields {
        id,
        title,
        body,
        entities: b.add_text_field("entities", text(analysers::PLAIN)),
        speakers: b.add_text_field("speakers", text(analysers::PLAIN)),
        quotes: b.add_text_field("quotes", text(analysers::PLAIN)),
        sources: b.add_text_field("sources", text(analysers::PLAIN)),
        section: b.add_text_field("section", text(analysers::PLAIN)),
        site: b.add_text_field("site", keyword.clone()),
        language: b.add_text_field("language", keyword.clone()),
        url: b.add_text_field("url", keyword),
        published: b.add_date_field(
            "published",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
    };
    (b.build(), fields)
}

/// What each commit records.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    seq: i64,
    index_version: u32,
}

/// The tantivy side of the store: one writer, one manually reloaded reader.
pub(crate) struct CorpusIndex {
    pub path: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// `None` when the store was opened read-only.
    writer: Option<IndexWriter>,
    /// The highest article `seq` the committed index contains.
    pub indexed_seq: i64,
}

impl CorpusIndex {
    /// Opens (or creates) the index in `path`; an index of another version or schema is
    /// discarded and recreated empty, to be refilled by [`CorpusIndex::reconcile`].
    pub(crate) fn open(path: &Path, memory_budget: usize) -> Result<CorpusIndex, StoreError> {
        Self::open_mode(path, Some(memory_budget))
    }

    /// Opens an existing index for reading only: no writer, no lock, nothing created.
    pub(crate) fn open_read_only(path: &Path) -> Result<CorpusIndex, StoreError> {
        Self::open_mode(path, None)
    }

    fn open_mode(path: &Path, memory_budget: Option<usize>) -> Result<CorpusIndex, StoreError> {
        if memory_budget.is_none() {
            let (schema, fields) = build_schema();
            let Some((index, indexed_seq)) = open_existing(path, &schema)? else {
                return Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    id: 0,
                    detail:
                        "no usable full-text index: open the store for writing once to rebuild it"
                            .into(),
                });
            };
            analysers::register(index.tokenizers());
            let reader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
                .idx(path)?;
            return Ok(CorpusIndex {
                path: path.to_path_buf(),
                index,
                reader,
                fields,
                writer: None,
                indexed_seq,
            });
        }
        let memory_budget = memory_budget.unwrap_or_default();
        std::fs::create_dir_all(path).map_err(|e| StoreError::io(path, e))?;
        let (schema, fields) = build_schema();
        let (index, indexed_seq) = match open_existing(path, &schema)? {
            Some(found) => found,
            None => {
                clear_dir(path)?;
                let dir =
                    MmapDirectory::open(path).map_err(|e| StoreError::index(path, e.into()))?;
                (Index::create(dir, schema, Default::default()).idx(path)?, 0)
            }
        };
        analysers::register(index.tokenizers());
        let writer = Some(index.writer(memory_budget).idx(path)?);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .idx(path)?;
        Ok(CorpusIndex {
            path: path.to_path_buf(),
            index,
            reader,
            fields,
            writer,
            indexed_seq,
        })
    }

    fn writer(&self) -> Result<&IndexWriter, StoreError> {
        self.writer.as_ref().ok_or_else(|| StoreError::ReadOnly {
            path: self.path.clone(),
        })
    }

    /// Writes the jobs and commits them as containing everything up to `seq`.
    pub(crate) fn apply(&mut self, jobs: &[IndexJob], seq: i64) -> Result<(), StoreError> {
        for job in jobs {
            if let Err(e) = self.stage(job) {
                self.rollback();
                return Err(e);
            }
        }
        self.commit(seq)
    }

    /// Queues one change in the writer (delete the id, then add it back unless it is an exact
    /// duplicate); nothing is visible or durable until [`CorpusIndex::commit`].
    pub(crate) fn stage(&self, job: &IndexJob) -> Result<(), StoreError> {
        let writer = self.writer()?;
        writer.delete_term(Term::from_field_i64(self.fields.id, job.id));
        if job.status.is_indexed() {
            writer
                .add_document(self.document(job.id, &job.article))
                .idx(&self.path)?;
        }
        Ok(())
    }

    /// Commits what is staged as containing every row up to `seq`; on failure the staged
    /// changes are dropped (SQLite still has them: reconciliation redoes them).
    pub(crate) fn commit(&mut self, seq: i64) -> Result<(), StoreError> {
        let result = self.try_commit(seq);
        if result.is_err() {
            self.rollback();
        }
        result
    }

    /// Drops every staged, uncommitted change.
    pub(crate) fn rollback(&mut self) {
        let Some(writer) = self.writer.as_mut() else {
            return;
        };
        if let Err(e) = writer.rollback() {
            tracing::warn!(error = %e, "rolling back the index writer failed");
        }
    }

    fn try_commit(&mut self, seq: i64) -> Result<(), StoreError> {
        let payload = serde_json::to_string(&Payload {
            seq,
            index_version: INDEX_VERSION,
        })
        .map_err(|e| StoreError::Encode(e.to_string()))?;
        let path = self.path.clone();
        let writer = self
            .writer
            .as_mut()
            .ok_or(StoreError::ReadOnly { path: path.clone() })?;
        let mut prepared = writer.prepare_commit().idx(&path)?;
        prepared.set_payload(&payload);
        prepared.commit().idx(&self.path)?;
        self.reader.reload().idx(&self.path)?;
        self.indexed_seq = seq;
        Ok(())
    }

    /// Reloads the reader: commits made since (by this or another process) become searchable.
    pub(crate) fn refresh(&mut self) -> Result<(), StoreError> {
        self.reader.reload().idx(&self.path)
    }

    /// Indexes every row of `conn` changed after the index's last commit; returns how many.
    pub(crate) fn reconcile(&mut self, conn: &Connection, db: &Path) -> Result<usize, StoreError> {
        let mut total = 0;
        loop {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT id, status, duplicate_of, similarity, seq, record FROM articles
                     WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                )
                .db(db)?;
            let rows = stmt
                .query_map(params![self.indexed_seq, RECONCILE_CHUNK as i64], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, Option<f64>>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })
                .db(db)?;
            let mut jobs = Vec::new();
            let mut max_seq = self.indexed_seq;
            for row in rows {
                let (id, status, of, similarity, seq, record) = row.db(db)?;
                let status = ArticleStatus::from_columns(&status, of, similarity);
                let article = parse_record(&record, id, db)?;
                jobs.push(IndexJob {
                    id,
                    status,
                    article,
                });
                max_seq = max_seq.max(seq);
            }
            if jobs.is_empty() {
                return Ok(total);
            }
            total += jobs.len();
            self.apply(&jobs, max_seq)?;
        }
    }

    /// Empties the index; a following [`CorpusIndex::reconcile`] refills it from SQLite.
    pub(crate) fn clear(&mut self) -> Result<(), StoreError> {
        self.writer()?.delete_all_documents().idx(&self.path)?;
        self.apply(&[], 0)
    }

    /// Number of documents in the committed index.
    pub(crate) fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Bytes on disk.
    pub(crate) fn size_bytes(&self) -> u64 {
        dir_size(&self.path)
    }

    /// The document of one article, in the fields of its language.
    fn document(&self, id: i64, article: &Article) -> TantivyDocument {
        let f = &self.fields;
        let slot = lang_slot(&article.language);
        let mut doc = TantivyDocument::default();
        doc.add_i64(f.id, id);
        if let Some(title) = &article.title {
            doc.add_text(f.title[slot], title);
        }
        if let Some(standfirst) = &article.standfirst {
            doc.add_text(f.body[slot], standfirst);
        }
        doc.add_text(f.body[slot], &article.text);
        for entity in &article.entities {
            doc.add_text(f.entities, &entity.name);
        }
        for quote in &article.quotes {
            doc.add_text(f.quotes, &quote.text);
            for speaker in [&quote.speaker, &quote.speaker_entity]
                .into_iter()
                .flatten()
            {
                doc.add_text(f.speakers, speaker);
            }
        }
        for source in &article.sources {
            doc.add_text(f.sources, &source.name);
        }
        for crumb in &article.section {
            doc.add_text(f.section, crumb);
        }
        if let Some(site) = &article.site_name {
            doc.add_text(f.site, site_key(site));
        }
        if let Some(host) = article_host(article) {
            doc.add_text(f.site, host);
        }
        doc.add_text(f.language, article.language.code());
        for url in [&article.url, &article.canonical_url].into_iter().flatten() {
            doc.add_text(f.url, url);
        }
        if let Some(range) = article
            .published
            .as_deref()
            .and_then(crate::date::parse_iso)
        {
            doc.add_date(f.published, DateTime::from_timestamp_secs(range.start));
        }
        doc
    }
}

/// Opens an existing index of the current version and schema, with its committed `seq`.
fn open_existing(path: &Path, schema: &Schema) -> Result<Option<(Index, i64)>, StoreError> {
    let dir = MmapDirectory::open(path).map_err(|e| StoreError::index(path, e.into()))?;
    if !Index::exists(&dir).map_err(|e| StoreError::index(path, e.into()))? {
        return Ok(None);
    }
    let index = match Index::open(dir) {
        Ok(index) => index,
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "unreadable index: rebuilding");
            return Ok(None);
        }
    };
    if &index.schema() != schema {
        tracing::warn!(path = %path.display(), "index schema changed: rebuilding");
        return Ok(None);
    }
    let metas = index.load_metas().idx(path)?;
    let payload = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str::<Payload>(p).ok());
    match payload {
        Some(p) if p.index_version == INDEX_VERSION => Ok(Some((index, p.seq))),
        // An index that never committed a payload holds nothing we can vouch for.
        None if metas.segments.is_empty() => Ok(Some((index, 0))),
        _ => {
            tracing::warn!(path = %path.display(), "index version changed: rebuilding");
            Ok(None)
        }
    }
}

/// Removes everything in `path` (the index directory only).
fn clear_dir(path: &Path) -> Result<(), StoreError> {
    let entries = std::fs::read_dir(path).map_err(|e| StoreError::io(path, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(path, e))?;
        let p = entry.path();
        let removed = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        removed.map_err(|e| StoreError::io(&p, e))?;
    }
    Ok(())
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
