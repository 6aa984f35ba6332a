//! Corpus-wide listings: top entities with monthly counts, quotes by speaker, store statistics.
//!
//! Entities and quotes are counted over canonical articles only: exact and near copies of a
//! story (syndicated wire copy) would otherwise count once per outlet that ran it.

use newsloom_model::{EntityLabel, Language, QuoteKind};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};
use serde::Serialize;

use crate::date::parse_iso;
use crate::error::SqlContext;
use crate::keys::site_key;
use crate::records::label_code;
use crate::{Store, StoreError};

/// Which entities [`Store::entities`] lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityFilter {
    /// Only this label.
    pub label: Option<EntityLabel>,
    /// Only names containing this text (case-insensitive for ASCII).
    pub name: Option<String>,
    /// Only articles in this language.
    pub language: Option<Language>,
    /// Only articles of this site (name or host).
    pub site: Option<String>,
    /// Only articles published on or after this ISO 8601 date.
    pub since: Option<String>,
    /// Only articles published on or before this ISO 8601 date.
    pub until: Option<String>,
    /// How many entities.
    pub limit: usize,
}

impl Default for EntityFilter {
    fn default() -> Self {
        EntityFilter {
            label: None,
            name: None,
            language: None,
            site: None,
            since: None,
            until: None,
            limit: 20,
        }
    }
}

/// An entity across the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityStat {
    /// Canonical name.
    pub name: String,
    /// Label.
    pub label: EntityLabel,
    /// Articles mentioning it.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
    /// Articles and mentions per month of publication, oldest first (undated articles are
    /// counted in the totals only).
    pub by_month: Vec<MonthCount>,
}

/// Counts for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Articles.
    pub articles: u64,
    /// Mentions.
    pub mentions: u64,
}

/// A quote with where and when it appeared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRecord {
    /// The article's row id.
    pub article_id: i64,
    /// The article's URL.
    pub url: Option<String>,
    /// The article's publication date.
    pub published: Option<String>,
    /// The speaker as written.
    pub speaker: Option<String>,
    /// The speaker's canonical entity name.
    pub speaker_entity: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speech verb.
    pub cue: Option<String>,
}

/// Counts and sizes of a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Rows in all (canonical, duplicates, near-duplicates).
    pub articles: u64,
    /// Canonical articles.
    pub canonical: u64,
    /// Exact duplicates.
    pub duplicates: u64,
    /// Near-duplicates.
    pub near_duplicates: u64,
    /// Earlier versions kept.
    pub versions: u64,
    /// Rows per language code, most first.
    pub by_language: Vec<(String, u64)>,
    /// Rows per site, most first (the top [`Stats::TOP_SITES`]).
    pub by_site: Vec<(String, u64)>,
    /// The earliest publication date.
    pub earliest: Option<String>,
    /// The latest publication date.
    pub latest: Option<String>,
    /// Documents in the full-text index.
    pub indexed_docs: u64,
    /// Bytes of the full-text index on disk.
    pub index_bytes: u64,
    /// Bytes of the database (with its write-ahead log) on disk.
    pub database_bytes: u64,
}

impl Stats {
    /// How many sites [`Stats::by_site`] lists.
    pub const TOP_SITES: usize = 20;
}

/// SQL conditions on `articles a` shared by listings and export.
#[derive(Debug, Default)]
pub(crate) struct ArticleConditions {
    pub sql: Vec<String>,
    pub params: Vec<Value>,
}

impl ArticleConditions {
    pub(crate) fn new(
        since: Option<&str>,
        until: Option<&str>,
        language: Option<&Language>,
        site: Option<&str>,
    ) -> Result<ArticleConditions, StoreError> {
        let mut c = ArticleConditions::default();
        if let Some(since) = since {
            let d = parse_date(since, "since")?;
            c.push("a.published_ts >= ?", Value::Integer(d.start));
        }
        if let Some(until) = until {
            let d = parse_date(until, "until")?;
            c.push("a.published_ts < ?", Value::Integer(d.end));
        }
        if let Some(language) = language {
            c.push("a.language = ?", Value::Text(language.code().to_string()));
        }
        if let Some(site) = site {
            let key = site_key(site);
            c.sql.push("(lower(a.site) = ? OR a.host = ?)".into());
            c.params.push(Value::Text(key.clone()));
            c.params.push(Value::Text(key));
        }
        Ok(c)
    }

    pub(crate) fn push(&mut self, sql: &str, value: Value) {
        self.sql.push(sql.to_string());
        self.params.push(value);
    }

    /// `AND`-joined conditions, or `1` when there are none.
    pub(crate) fn clause(&self) -> String {
        if self.sql.is_empty() {
            "1".into()
        } else {
            self.sql.join(" AND ")
        }
    }
}

fn parse_date(value: &str, what: &str) -> Result<crate::date::DateRange, StoreError> {
    parse_iso(value)
        .ok_or_else(|| StoreError::InvalidQuery(format!("{what} date {value:?} is not ISO 8601")))
}

fn label_from_code(code: &str) -> EntityLabel {
    match code {
        "PER" => EntityLabel::Person,
        "ORG" => EntityLabel::Organisation,
        "LOC" => EntityLabel::Location,
        _ => EntityLabel::Misc,
    }
}

impl Store {
    /// The most mentioned entities (by articles, then mentions) with monthly counts.
    pub fn entities(&self, filter: &EntityFilter) -> Result<Vec<EntityStat>, StoreError> {
        let db = &self.db_path;
        let mut c = ArticleConditions::new(
            filter.since.as_deref(),
            filter.until.as_deref(),
            filter.language.as_ref(),
            filter.site.as_deref(),
        )?;
        c.sql.push("a.status = 'canonical'".into());
        if let Some(label) = filter.label {
            c.push("e.label = ?", Value::Text(label_code(label).into()));
        }
        if let Some(name) = &filter.name {
            c.push("e.name LIKE '%' || ? || '%'", Value::Text(name.clone()));
        }
        let top_sql = format!(
            "SELECT e.name, e.label, COUNT(DISTINCT e.article_id), SUM(e.mentions)
             FROM entity_mentions e JOIN articles a ON a.id = e.article_id
             WHERE {} GROUP BY e.name, e.label ORDER BY 3 DESC, 4 DESC, e.name LIMIT ?",
            c.clause()
        );
        let mut params = c.params.clone();
        params.push(Value::Integer(filter.limit as i64));
        let mut stmt = self.conn.prepare(&top_sql).db(db)?;
        let top = stmt
            .query_map(params_from_iter(params), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .db(db)?
            .collect::<Result<Vec<_>, _>>()
            .db(db)?;

        let month_sql = format!(
            "SELECT e.month, COUNT(DISTINCT e.article_id), SUM(e.mentions)
             FROM entity_mentions e JOIN articles a ON a.id = e.article_id
             WHERE {} AND e.name = ? AND e.label = ? AND e.month IS NOT NULL
             GROUP BY e.month ORDER BY e.month",
            c.clause()
        );
        let mut stmt = self.conn.prepare(&month_sql).db(db)?;
        let mut out = Vec::with_capacity(top.len());
        for (name, label, articles, mentions) in top {
            let mut params = c.params.clone();
            params.push(Value::Text(name.clone()));
            params.push(Value::Text(label.clone()));
            let by_month = stmt
                .query_map(params_from_iter(params), |r| {
                    Ok(MonthCount {
                        month: r.get(0)?,
                        articles: r.get::<_, i64>(1)? as u64,
                        mentions: r.get::<_, i64>(2)? as u64,
                    })
                })
                .db(db)?
                .collect::<Result<Vec<_>, _>>()
                .db(db)?;
            out.push(EntityStat {
                name,
                label: label_from_code(&label),
                articles: articles as u64,
                mentions: mentions as u64,
                by_month,
            });
        }
        Ok(out)
    }

    /// Quotes, newest articles first; with `speaker`, only quotes whose speaker (as written or
    /// resolved) contains it (case-insensitive for ASCII).
    pub fn quotes(
        &self,
        speaker: Option<&str>,
        limit: usize,
    ) -> Result<Vec<QuoteRecord>, StoreError> {
        let db = &self.db_path;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT q.article_id, a.url, a.published, q.speaker, q.speaker_entity, q.text,
                        q.kind, q.cue
                 FROM quotes q JOIN articles a ON a.id = q.article_id
                 WHERE ?1 IS NULL
                    OR q.speaker LIKE '%' || ?1 || '%'
                    OR q.speaker_entity LIKE '%' || ?1 || '%'
                 ORDER BY a.published_ts IS NULL, a.published_ts DESC, a.id DESC, q.ordinal
                 LIMIT ?2",
            )
            .db(db)?;
        let rows = stmt
            .query_map(rusqlite::params![speaker, limit as i64], |r| {
                Ok(QuoteRecord {
                    article_id: r.get(0)?,
                    url: r.get(1)?,
                    published: r.get(2)?,
                    speaker: r.get(3)?,
                    speaker_entity: r.get(4)?,
                    text: r.get(5)?,
                    kind: if r.get::<_, String>(6)? == "indirect" {
                        QuoteKind::Indirect
                    } else {
                        QuoteKind::Direct
                    },
                    cue: r.get(7)?,
                })
            })
            .db(db)?;
        rows.collect::<Result<Vec<_>, _>>().db(db)
    }

    /// Counts and sizes.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let db = &self.db_path;
        let count = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .db(db)
                .map(|n| n as u64)
        };
        let grouped = |sql: &str| -> Result<Vec<(String, u64)>, StoreError> {
            let mut stmt = self.conn.prepare(sql).db(db)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
                })
                .db(db)?;
            rows.collect::<Result<Vec<_>, _>>().db(db)
        };
        let published_at = |order: &str| -> Result<Option<String>, StoreError> {
            self.conn
                .query_row(
                    &format!(
                        "SELECT published FROM articles WHERE published_ts IS NOT NULL
                         ORDER BY published_ts {order} LIMIT 1"
                    ),
                    [],
                    |r| r.get(0),
                )
                .optional()
                .db(db)
        };
        let database_bytes = [db.to_path_buf(), db.with_extension("sqlite-wal")]
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        Ok(Stats {
            articles: count("SELECT COUNT(*) FROM articles")?,
            canonical: count("SELECT COUNT(*) FROM articles WHERE status = 'canonical'")?,
            duplicates: count("SELECT COUNT(*) FROM articles WHERE status = 'duplicate'")?,
            near_duplicates: count(
                "SELECT COUNT(*) FROM articles WHERE status = 'near_duplicate'",
            )?,
            versions: count("SELECT COUNT(*) FROM versions")?,
            by_language: grouped(
                "SELECT language, COUNT(*) FROM articles GROUP BY language ORDER BY 2 DESC, 1",
            )?,
            by_site: grouped(&format!(
                "SELECT site, COUNT(*) FROM articles WHERE site IS NOT NULL
                 GROUP BY site ORDER BY 2 DESC, 1 LIMIT {}",
                Stats::TOP_SITES
            ))?,
            earliest: published_at("ASC")?,
            latest: published_at("DESC")?,
            indexed_docs: self.index.num_docs(),
            index_bytes: self.index.size_bytes(),
            database_bytes,
        })
    }
}
