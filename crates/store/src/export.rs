//! Export: stream stored articles out, as JSON lines or flattened CSV.

use std::collections::VecDeque;
use std::io::Write;

use newsloom_model::Language;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use crate::error::SqlContext;
use crate::queries::ArticleConditions;
use crate::records::{stored_from_row, ArticleStatus, StoredArticle, STORED_COLUMNS};
use crate::{Store, StoreError};

/// Rows read from SQLite at a time.
const EXPORT_CHUNK: usize = 256;

/// Which articles [`Store::export`] yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// Only articles published on or after this ISO 8601 date.
    pub since: Option<String>,
    /// Only articles published on or before this ISO 8601 date.
    pub until: Option<String>,
    /// Only articles in this language.
    pub language: Option<Language>,
    /// Only articles of this site (name or host).
    pub site: Option<String>,
    /// Also yield exact duplicates (near-duplicates, whose text differs, always come).
    pub include_duplicates: bool,
}

/// An iterator over stored articles in id order, reading in chunks.
#[derive(Debug)]
pub struct Export<'s> {
    store: &'s Store,
    sql: String,
    params: Vec<Value>,
    last_id: i64,
    buffer: VecDeque<StoredArticle>,
    done: bool,
}

impl Store {
    /// Every stored article passing `filter`, in id order, read lazily.
    pub fn export(&self, filter: &ExportFilter) -> Result<Export<'_>, StoreError> {
        let mut c = ArticleConditions::new(
            filter.since.as_deref(),
            filter.until.as_deref(),
            filter.language.as_ref(),
            filter.site.as_deref(),
        )?;
        if !filter.include_duplicates {
            c.sql.push("a.status != 'duplicate'".into());
        }
        let sql = format!(
            "SELECT {STORED_COLUMNS} FROM articles a WHERE a.id > ? AND {} ORDER BY a.id LIMIT {}",
            c.clause(),
            EXPORT_CHUNK
        );
        Ok(Export {
            store: self,
            sql,
            params: c.params,
            last_id: 0,
            buffer: VecDeque::new(),
            done: false,
        })
    }
}

impl Export<'_> {
    fn fill(&mut self) -> Result<(), StoreError> {
        let db = &self.store.db_path;
        let mut stmt = self.store.conn.prepare_cached(&self.sql).db(db)?;
        let mut params = vec![Value::Integer(self.last_id)];
        params.extend(self.params.iter().cloned());
        let mut rows = stmt.query(params_from_iter(params)).db(db)?;
        let mut n = 0;
        while let Some(row) = rows.next().db(db)? {
            let mut stored = stored_from_row(row, db)?;
            self.store.fill_bookkeeping(&mut stored)?;
            self.last_id = stored.id;
            self.buffer.push_back(stored);
            n += 1;
        }
        if n < EXPORT_CHUNK {
            self.done = true;
        }
        Ok(())
    }
}

impl Iterator for Export<'_> {
    type Item = Result<StoredArticle, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() && !self.done {
            if let Err(e) = self.fill() {
                self.done = true;
                return Some(Err(e));
            }
        }
        self.buffer.pop_front().map(Ok)
    }
}

/// Writes each article as one JSON line; returns how many were written.
pub fn write_jsonl<W: Write>(
    articles: impl IntoIterator<Item = Result<StoredArticle, StoreError>>,
    mut out: W,
) -> Result<usize, StoreError> {
    let mut n = 0;
    for article in articles {
        serde_json::to_writer(&mut out, &article?)
            .map_err(|e| StoreError::Export(e.to_string()))?;
        out.write_all(b"\n")
            .map_err(|e| StoreError::Export(e.to_string()))?;
        n += 1;
    }
    out.flush().map_err(|e| StoreError::Export(e.to_string()))?;
    Ok(n)
}

/// The CSV columns of [`write_csv`]. List-valued columns hold JSON arrays.
pub const CSV_COLUMNS: [&str; 20] = [
    "id",
    "status",
    "duplicate_of",
    "url",
    "canonical_url",
    "site_name",
    "title",
    "standfirst",
    "authors",
    "published",
    "modified",
    "language",
    "section",
    "entities",
    "quotes",
    "first_seen",
    "updated",
    "source",
    "fetched_at",
    "text",
];

/// Writes the articles as CSV with a header row ([`CSV_COLUMNS`]); lists (authors, section,
/// entity names, quotes as `{speaker, text}`) are JSON arrays inside their cell. Returns how
/// many articles were written.
pub fn write_csv<W: Write>(
    articles: impl IntoIterator<Item = Result<StoredArticle, StoreError>>,
    out: W,
) -> Result<usize, StoreError> {
    let fail = |e: &dyn std::fmt::Display| StoreError::Export(e.to_string());
    let json = |v: &serde_json::Value| v.to_string();
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS).map_err(|e| fail(&e))?;
    let mut n = 0;
    for stored in articles {
        let s = stored?;
        let a = &s.article;
        let (status, of) = match s.status {
            ArticleStatus::Canonical => ("canonical", None),
            ArticleStatus::Duplicate { of } => ("duplicate", Some(of)),
            ArticleStatus::NearDuplicate { of, .. } => ("near_duplicate", Some(of)),
        };
        let entities: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        let quotes: Vec<serde_json::Value> = a
            .quotes
            .iter()
            .map(|q| serde_json::json!({ "speaker": q.speaker_entity.as_ref().or(q.speaker.as_ref()), "text": q.text }))
            .collect();
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let record = [
            s.id.to_string(),
            status.to_string(),
            of.map(|o| o.to_string()).unwrap_or_default(),
            opt(&a.url),
            opt(&a.canonical_url),
            opt(&a.site_name),
            opt(&a.title),
            opt(&a.standfirst),
            json(&serde_json::json!(a.authors)),
            opt(&a.published),
            opt(&a.modified),
            a.language.code().to_string(),
            json(&serde_json::json!(a.section)),
            json(&serde_json::json!(entities)),
            json(&serde_json::Value::Array(quotes)),
            s.first_seen.clone(),
            s.updated.clone(),
            s.source.source.clone(),
            opt(&s.source.fetched_at),
            a.text.clone(),
        ];
        w.write_record(&record).map_err(|e| fail(&e))?;
        n += 1;
    }
    w.flush().map_err(|e| fail(&e))?;
    Ok(n)
}
