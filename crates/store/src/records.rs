//! Durable article records: the types callers see, and the per-article write path of a batch
//! (identity by URL, exact and near-duplicate classification, version history).

use std::collections::HashMap;
use std::path::Path;

use newsloom_model::Article;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::date::{month_of, parse_iso};
use crate::dedup::{content_hash, hash128_hex, normalised_words, DedupConfig, Signature};
use crate::error::SqlContext;
use crate::keys::{article_host, article_url_keys};
use crate::StoreError;

/// Where an article came from, kept next to it (and with each of its versions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The input it was read from: a WARC path and offset, a feed URL, a file.
    pub source: String,
    /// When it was fetched, ISO 8601, when known.
    pub fetched_at: Option<String>,
    /// A hash of the raw bytes it was extracted from, when known.
    pub raw_hash: Option<String>,
}

/// What [`Store::put_batch`](crate::Store::put_batch) did with one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PutOutcome {
    /// The article's row id (for `Unchanged`, the existing row).
    pub id: i64,
    /// What happened.
    pub status: PutStatus,
}

/// The fate of one put article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PutStatus {
    /// A new article, stored and indexed.
    Inserted,
    /// Its normalised text equals that of article `of` (under another URL): stored as a row
    /// pointing to `of`, not indexed.
    Duplicate {
        /// The article it copies.
        of: i64,
    },
    /// Its text is nearly that of canonical article `of` (MinHash): stored, indexed, and
    /// grouped under `of`.
    NearDuplicate {
        /// The canonical article of its group.
        of: i64,
    },
    /// Its URL was known and its content changed: the row now holds the new content and the
    /// previous one is kept in the version history.
    Updated,
    /// Already stored with exactly this content: nothing written.
    Unchanged,
}

/// An article's place among its copies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ArticleStatus {
    /// An original (the head of its duplicate group, if it has one).
    Canonical,
    /// An exact copy of article `of`.
    Duplicate {
        /// The article it copies.
        of: i64,
    },
    /// A near copy of canonical article `of`.
    NearDuplicate {
        /// The canonical article.
        of: i64,
        /// Estimated Jaccard similarity of their word 5-shingles.
        similarity: f64,
    },
}

impl ArticleStatus {
    fn column(&self) -> (&'static str, Option<i64>, Option<f64>) {
        match *self {
            ArticleStatus::Canonical => ("canonical", None, None),
            ArticleStatus::Duplicate { of } => ("duplicate", Some(of), None),
            ArticleStatus::NearDuplicate { of, similarity } => {
                ("near_duplicate", Some(of), Some(similarity))
            }
        }
    }

    pub(crate) fn from_columns(
        status: &str,
        of: Option<i64>,
        similarity: Option<f64>,
    ) -> ArticleStatus {
        match (status, of) {
            ("duplicate", Some(of)) => ArticleStatus::Duplicate { of },
            ("near_duplicate", Some(of)) => ArticleStatus::NearDuplicate {
                of,
                similarity: similarity.unwrap_or(0.0),
            },
            _ => ArticleStatus::Canonical,
        }
    }

    /// True for rows that go into the full-text index (all but exact duplicates).
    pub fn is_indexed(&self) -> bool {
        !matches!(self, ArticleStatus::Duplicate { .. })
    }
}

/// An article as stored, with its bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    /// Row id.
    pub id: i64,
    /// Canonical, or a copy of which article.
    pub status: ArticleStatus,
    /// When the store first saw this URL (RFC 3339, UTC).
    pub first_seen: String,
    /// When the content last changed (RFC 3339, UTC).
    pub updated: String,
    /// Where the current version came from.
    pub source: SourceInfo,
    /// Ids of the rows that are exact or near copies of this one.
    pub duplicates: Vec<i64>,
    /// How many earlier versions are kept.
    pub versions: u32,
    /// The record itself.
    pub article: Article,
}

/// An earlier version of an article, kept when it was updated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleVersion {
    /// When this version was replaced (RFC 3339, UTC).
    pub replaced_at: String,
    /// When this version was stored.
    pub updated: String,
    /// Where this version came from.
    pub source: SourceInfo,
    /// The record as it was.
    pub article: Article,
}

/// What the index must do for one row after the batch commits.
pub(crate) struct IndexJob {
    pub id: i64,
    pub status: ArticleStatus,
    pub article: Article,
}

/// The write path of one batch, inside one SQLite transaction.
pub(crate) struct BatchWriter<'t> {
    pub tx: &'t Transaction<'t>,
    pub path: &'t Path,
    pub dedup: &'t DedupConfig,
    pub now: String,
    pub seq: i64,
}

struct Existing {
    id: i64,
    status: ArticleStatus,
    record_hash: String,
}

impl BatchWriter<'_> {
    /// Stores one article; returns the outcome and, when the index must change, the job.
    pub(crate) fn put(
        &mut self,
        article: Article,
        info: SourceInfo,
    ) -> Result<(PutOutcome, Option<IndexJob>), StoreError> {
        let record = to_json(&article)?;
        let record_hash = {
            let mut identity = article.clone();
            identity.source.clear();
            hash128_hex(to_json(&identity)?.as_bytes())
        };
        let words = normalised_words(&article.text);
        let text_hash = content_hash(&words);
        let url_keys = article_url_keys(&article);

        if let Some(existing) = self.find_by_urls(&url_keys)? {
            if existing.record_hash == record_hash {
                return Ok((outcome(existing.id, PutStatus::Unchanged), None));
            }
            self.archive(existing.id)?;
            let (status, signature) = match existing.status {
                ArticleStatus::Canonical => {
                    (ArticleStatus::Canonical, Signature::of(&words, self.dedup))
                }
                _ => self.classify(&words, text_hash.as_deref(), Some(existing.id))?,
            };
            let row = RowValues::new(&article, text_hash);
            self.seq += 1;
            let (status_col, of, similarity) = status.column();
            self.tx
                .prepare_cached(
                    "UPDATE articles SET status = ?2, duplicate_of = ?3, similarity = ?4, url = ?5,
                     canonical_url = ?6, site = ?7, host = ?8, title = ?9, language = ?10,
                     published = ?11, published_ts = ?12, content_hash = ?13, record_hash = ?14,
                     source = ?15, fetched_at = ?16, raw_hash = ?17, updated = ?18, seq = ?19,
                     record = ?20 WHERE id = ?1",
                )
                .db(self.path)?
                .execute(params![
                    existing.id,
                    status_col,
                    of,
                    similarity,
                    article.url,
                    article.canonical_url,
                    row.site,
                    row.host,
                    article.title,
                    article.language.code(),
                    article.published,
                    row.published_ts,
                    row.text_hash,
                    record_hash,
                    info.source,
                    info.fetched_at,
                    info.raw_hash,
                    self.now,
                    self.seq,
                    record,
                ])
                .db(self.path)?;
            self.add_urls(existing.id, &url_keys)?;
            self.clear_derived(existing.id)?;
            self.add_derived(
                existing.id,
                status,
                signature.as_ref(),
                &article,
                row.published_ts,
            )?;
            let job = IndexJob {
                id: existing.id,
                status,
                article,
            };
            return Ok((outcome(existing.id, PutStatus::Updated), Some(job)));
        }

        if url_keys.is_empty() {
            // No URL to tell two stores of the same record apart: the record itself is the key.
            let same: Option<i64> = self
                .tx
                .prepare_cached("SELECT id FROM articles WHERE record_hash = ?1 LIMIT 1")
                .db(self.path)?
                .query_row([&record_hash], |r| r.get(0))
                .optional()
                .db(self.path)?;
            if let Some(id) = same {
                return Ok((outcome(id, PutStatus::Unchanged), None));
            }
        }

        let (status, signature) = self.classify(&words, text_hash.as_deref(), None)?;
        let row = RowValues::new(&article, text_hash);
        self.seq += 1;
        let (status_col, of, similarity) = status.column();
        self.tx
            .prepare_cached(
                "INSERT INTO articles (status, duplicate_of, similarity, url, canonical_url, site,
                 host, title, language, published, published_ts, content_hash, record_hash,
                 source, fetched_at, raw_hash, first_seen, updated, seq, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?17, ?18, ?19)",
            )
            .db(self.path)?
            .execute(params![
                status_col,
                of,
                similarity,
                article.url,
                article.canonical_url,
                row.site,
                row.host,
                article.title,
                article.language.code(),
                article.published,
                row.published_ts,
                row.text_hash,
                record_hash,
                info.source,
                info.fetched_at,
                info.raw_hash,
                self.now,
                self.seq,
                record,
            ])
            .db(self.path)?;
        let id = self.tx.last_insert_rowid();
        self.add_urls(id, &url_keys)?;
        self.add_derived(id, status, signature.as_ref(), &article, row.published_ts)?;
        let put_status = match status {
            ArticleStatus::Canonical => PutStatus::Inserted,
            ArticleStatus::Duplicate { of } => PutStatus::Duplicate { of },
            ArticleStatus::NearDuplicate { of, .. } => PutStatus::NearDuplicate { of },
        };
        let job = IndexJob {
            id,
            status,
            article,
        };
        Ok((outcome(id, put_status), Some(job)))
    }

    fn find_by_urls(&self, keys: &[String]) -> Result<Option<Existing>, StoreError> {
        let mut stmt = self
            .tx
            .prepare_cached(
                "SELECT a.id, a.status, a.duplicate_of, a.similarity, a.record_hash
                 FROM article_urls u JOIN articles a ON a.id = u.article_id WHERE u.url = ?1",
            )
            .db(self.path)?;
        for key in keys {
            let found = stmt
                .query_row([key], |r| {
                    Ok(Existing {
                        id: r.get(0)?,
                        status: ArticleStatus::from_columns(
                            &r.get::<_, String>(1)?,
                            r.get(2)?,
                            r.get(3)?,
                        ),
                        record_hash: r.get(4)?,
                    })
                })
                .optional()
                .db(self.path)?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// Exact duplicate, near duplicate, or canonical; `exclude` is the row being updated.
    fn classify(
        &self,
        words: &[String],
        text_hash: Option<&str>,
        exclude: Option<i64>,
    ) -> Result<(ArticleStatus, Option<Signature>), StoreError> {
        let exclude = exclude.unwrap_or(-1);
        if let Some(hash) = text_hash {
            let first: Option<(i64, String, Option<i64>)> = self
                .tx
                .prepare_cached(
                    "SELECT id, status, duplicate_of FROM articles
                     WHERE content_hash = ?1 AND id != ?2
                     ORDER BY status = 'duplicate', id LIMIT 1",
                )
                .db(self.path)?
                .query_row(params![hash, exclude], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
                .db(self.path)?;
            if let Some((id, status, of)) = first {
                let of = if status == "duplicate" {
                    of.unwrap_or(id)
                } else {
                    id
                };
                return Ok((ArticleStatus::Duplicate { of }, None));
            }
        }
        let Some(signature) = Signature::of(words, self.dedup) else {
            return Ok((ArticleStatus::Canonical, None));
        };
        let mut shared: HashMap<i64, usize> = HashMap::new();
        {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT article_id FROM minhash_bands WHERE band = ?1 AND key = ?2")
                .db(self.path)?;
            for (band, key) in signature.band_keys(self.dedup) {
                let ids = stmt
                    .query_map(params![band, key], |r| r.get::<_, i64>(0))
                    .db(self.path)?;
                for id in ids {
                    let id = id.db(self.path)?;
                    if id != exclude {
                        *shared.entry(id).or_default() += 1;
                    }
                }
            }
        }
        let mut candidates: Vec<(i64, usize)> = shared.into_iter().collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut best: Option<(i64, f64)> = None;
        let mut stmt = self
            .tx
            .prepare_cached("SELECT signature FROM minhash_signatures WHERE article_id = ?1")
            .db(self.path)?;
        for (id, _) in candidates.into_iter().take(MAX_NEAR_CANDIDATES) {
            let bytes: Option<Vec<u8>> = stmt
                .query_row([id], |r| r.get(0))
                .optional()
                .db(self.path)?;
            let Some(bytes) = bytes else { continue };
            let similarity = signature.similarity(&Signature::from_bytes(&bytes));
            if similarity >= self.dedup.near_duplicate_threshold
                && best.is_none_or(|(_, s)| similarity > s)
            {
                best = Some((id, similarity));
            }
        }
        Ok(match best {
            Some((of, similarity)) => (
                ArticleStatus::NearDuplicate { of, similarity },
                Some(signature),
            ),
            None => (ArticleStatus::Canonical, Some(signature)),
        })
    }

    fn add_urls(&self, id: i64, keys: &[String]) -> Result<(), StoreError> {
        let mut stmt = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO article_urls (url, article_id) VALUES (?1, ?2)")
            .db(self.path)?;
        for key in keys {
            stmt.execute(params![key, id]).db(self.path)?;
        }
        Ok(())
    }

    fn archive(&self, id: i64) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO versions (article_id, replaced_at, record_hash, source, fetched_at,
                 raw_hash, first_seen, updated, record)
                 SELECT id, ?2, record_hash, source, fetched_at, raw_hash, first_seen, updated,
                 record FROM articles WHERE id = ?1",
            )
            .db(self.path)?
            .execute(params![id, self.now])
            .db(self.path)?;
        Ok(())
    }

    fn clear_derived(&self, id: i64) -> Result<(), StoreError> {
        for sql in [
            "DELETE FROM minhash_bands WHERE article_id = ?1",
            "DELETE FROM minhash_signatures WHERE article_id = ?1",
            "DELETE FROM entity_mentions WHERE article_id = ?1",
            "DELETE FROM quotes WHERE article_id = ?1",
        ] {
            self.tx
                .prepare_cached(sql)
                .db(self.path)?
                .execute([id])
                .db(self.path)?;
        }
        Ok(())
    }

    /// Signature, bands, entities and quotes: kept for canonical articles only, so copies
    /// neither attract near-duplicate matches nor count twice in listings.
    fn add_derived(
        &self,
        id: i64,
        status: ArticleStatus,
        signature: Option<&Signature>,
        article: &Article,
        published_ts: Option<i64>,
    ) -> Result<(), StoreError> {
        if status != ArticleStatus::Canonical {
            return Ok(());
        }
        if let Some(signature) = signature {
            self.tx
                .prepare_cached(
                    "INSERT INTO minhash_signatures (article_id, signature) VALUES (?1, ?2)",
                )
                .db(self.path)?
                .execute(params![id, signature.to_bytes()])
                .db(self.path)?;
            let mut stmt = self
                .tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO minhash_bands (band, key, article_id) VALUES (?1, ?2, ?3)",
                )
                .db(self.path)?;
            for (band, key) in signature.band_keys(self.dedup) {
                stmt.execute(params![band, key, id]).db(self.path)?;
            }
        }
        let month = published_ts.map(month_of);
        let mut stmt = self
            .tx
            .prepare_cached(
                "INSERT INTO entity_mentions (article_id, name, label, mentions, month)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .db(self.path)?;
        for entity in &article.entities {
            stmt.execute(params![
                id,
                entity.name,
                label_code(entity.label),
                entity.mentions.len().max(1) as i64,
                month
            ])
            .db(self.path)?;
        }
        let mut stmt = self
            .tx
            .prepare_cached(
                "INSERT INTO quotes (article_id, ordinal, speaker, speaker_entity, kind, cue, text,
                 start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .db(self.path)?;
        for (ordinal, quote) in article.quotes.iter().enumerate() {
            let kind = match quote.kind {
                newsloom_model::QuoteKind::Direct => "direct",
                newsloom_model::QuoteKind::Indirect => "indirect",
            };
            stmt.execute(params![
                id,
                ordinal as i64,
                quote.speaker,
                quote.speaker_entity,
                kind,
                quote.cue,
                quote.text,
                quote.start as i64,
                quote.end as i64
            ])
            .db(self.path)?;
        }
        Ok(())
    }
}

/// How many near-duplicate candidates (by shared bands) get their full signature compared.
const MAX_NEAR_CANDIDATES: usize = 32;

fn outcome(id: i64, status: PutStatus) -> PutOutcome {
    PutOutcome { id, status }
}

/// Column values derived from an article.
struct RowValues {
    site: Option<String>,
    host: Option<String>,
    published_ts: Option<i64>,
    text_hash: Option<String>,
}

impl RowValues {
    fn new(article: &Article, text_hash: Option<String>) -> RowValues {
        let host = article_host(article);
        let site = article
            .site_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| host.clone());
        RowValues {
            site,
            host,
            published_ts: article
                .published
                .as_deref()
                .and_then(parse_iso)
                .map(|d| d.start),
            text_hash,
        }
    }
}

/// The CoNLL tag of an entity label, as stored.
pub(crate) fn label_code(label: newsloom_model::EntityLabel) -> &'static str {
    use newsloom_model::EntityLabel as L;
    match label {
        L::Person => "PER",
        L::Organisation => "ORG",
        L::Location => "LOC",
        L::Misc => "MISC",
    }
}

fn to_json(article: &Article) -> Result<String, StoreError> {
    serde_json::to_string(article).map_err(|e| StoreError::Encode(e.to_string()))
}

/// The columns [`stored_from_row`] reads, in order.
pub(crate) const STORED_COLUMNS: &str = "a.id, a.status, a.duplicate_of, a.similarity,
    a.first_seen, a.updated, a.source, a.fetched_at, a.raw_hash, a.record";

/// Builds a [`StoredArticle`] (without duplicates and version count) from a row selected with
/// [`STORED_COLUMNS`].
pub(crate) fn stored_from_row(row: &Row<'_>, path: &Path) -> Result<StoredArticle, StoreError> {
    let read = || -> rusqlite::Result<_> {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<i64>>(2)?,
            row.get::<_, Option<f64>>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
            SourceInfo {
                source: row.get(6)?,
                fetched_at: row.get(7)?,
                raw_hash: row.get(8)?,
            },
            row.get::<_, String>(9)?,
        ))
    };
    let (id, status, of, similarity, first_seen, updated, source, record) = read().db(path)?;
    let article = parse_record(&record, id, path)?;
    Ok(StoredArticle {
        id,
        status: ArticleStatus::from_columns(&status, of, similarity),
        first_seen,
        updated,
        source,
        duplicates: Vec::new(),
        versions: 0,
        article,
    })
}

/// Decodes a stored record.
pub(crate) fn parse_record(record: &str, id: i64, path: &Path) -> Result<Article, StoreError> {
    serde_json::from_str(record).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        id,
        detail: e.to_string(),
    })
}
