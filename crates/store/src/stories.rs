//! Story assignments: which story each article belongs to (computed by the stories stage and
//! kept here), and the listings built on them.

use crate::error::SqlContext;
use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// One article's story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryAssignment {
    /// The article row.
    pub article_id: i64,
    /// Its story.
    pub story_id: i64,
    /// Similarity to the story when assigned (1 for the first article, editions, duplicates).
    pub score: f64,
    /// How it was linked: `new`, `similar`, `edition`, `duplicate`.
    pub link: String,
    /// Why (the matched entities, numbers, dates, terms), as JSON.
    pub explanation: Option<String>,
}

/// A story in a listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    /// Story id.
    pub id: i64,
    /// How many articles.
    pub articles: u64,
    /// Languages, most articles first.
    pub languages: Vec<String>,
    /// Outlets.
    pub sites: Vec<String>,
    /// Earliest publication date.
    pub first_seen: Option<String>,
    /// Latest publication date.
    pub last_seen: Option<String>,
    /// The title of its first article.
    pub title: Option<String>,
}

/// Filters of [`Store::stories`].
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    /// Only stories with an article published on or after this date.
    pub since: Option<String>,
    /// Only stories with an article in this language.
    pub language: Option<String>,
    /// Only stories with an article mentioning this entity (name contains, case-insensitive).
    pub entity: Option<String>,
    /// Only stories with at least this many articles.
    pub min_articles: u64,
    /// Most stories returned.
    pub limit: usize,
}

impl Store {
    /// The store's change counter: it grows with every article inserted or changed, so a
    /// caller that remembers it can later ask what changed since ([`Store::articles_changed`]).
    pub fn last_seq(&self) -> i64 {
        self.db_seq
    }

    /// Ids of the articles added after row `after_id` or changed after change counter
    /// `after_seq` (see [`Store::last_seq`]), in id order: what a persisted story index saved
    /// at (`after_id`, `after_seq`) has not seen.
    pub fn articles_changed(&self, after_id: i64, after_seq: i64) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE id > ?1 OR seq > ?2 ORDER BY id")
            .db(&self.db_path)?;
        let rows = stmt
            .query_map(params![after_id, after_seq], |r| r.get(0))
            .db(&self.db_path)?;
        rows.collect::<Result<Vec<i64>, _>>().db(&self.db_path)
    }

    /// Records story assignments (replacing earlier ones of the same articles), in one
    /// transaction.
    pub fn set_stories(&mut self, rows: &[StoryAssignment]) -> Result<(), StoreError> {
        let path = self.db_path.clone();
        let tx = self.conn.transaction().db(&path)?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO story_members (article_id, story_id, score, link, explanation)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id,
                       score = excluded.score, link = excluded.link, explanation = excluded.explanation",
                )
                .db(&path)?;
            for r in rows {
                stmt.execute(params![
                    r.article_id,
                    r.story_id,
                    r.score,
                    r.link,
                    r.explanation
                ])
                .db(&path)?;
            }
        }
        tx.commit().db(&path)
    }

    /// The story of every assigned article, by article id.
    pub fn story_assignments(&self) -> Result<Vec<StoryAssignment>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id, story_id, score, link, explanation FROM story_members ORDER BY article_id")
            .db(&self.db_path)?;
        let rows = stmt.query_map([], assignment).db(&self.db_path)?;
        rows.collect::<Result<Vec<_>, _>>().db(&self.db_path)
    }

    /// The story article `article_id` belongs to, when it has been assigned one.
    pub fn story_of(&self, article_id: i64) -> Result<Option<StoryAssignment>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id, story_id, score, link, explanation FROM story_members WHERE article_id = ?1")
            .db(&self.db_path)?;
        stmt.query_row([article_id], assignment)
            .optional()
            .db(&self.db_path)
    }

    /// `(article id, story id)` of every assigned article, by article id: the story table
    /// without its scores and explanations (cheap to read on every ingest).
    pub fn story_ids_by_article(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id, story_id FROM story_members ORDER BY article_id")
            .db(&self.db_path)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .db(&self.db_path)?;
        rows.collect::<Result<Vec<_>, _>>().db(&self.db_path)
    }

    /// The articles of story `id` with their assignments, in article id order.
    pub fn story_members(&self, id: i64) -> Result<Vec<StoryAssignment>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id, story_id, score, link, explanation FROM story_members WHERE story_id = ?1 ORDER BY article_id")
            .db(&self.db_path)?;
        let rows = stmt.query_map([id], assignment).db(&self.db_path)?;
        rows.collect::<Result<Vec<_>, _>>().db(&self.db_path)
    }

    /// Stories, largest and most recent first.
    pub fn stories(&self, filter: &StoryFilter) -> Result<Vec<StorySummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT m.story_id, count(*), group_concat(a.language, '|'), group_concat(coalesce(a.site, ''), '|'),
                        min(a.published), max(a.published), min(a.id)
                 FROM story_members m JOIN articles a ON a.id = m.article_id
                 WHERE m.story_id IN (
                     SELECT m2.story_id FROM story_members m2 JOIN articles a2 ON a2.id = m2.article_id
                     WHERE (?1 IS NULL OR a2.published >= ?1) AND (?2 IS NULL OR a2.language = ?2)
                       AND (?3 IS NULL OR a2.id IN (SELECT e.article_id FROM entity_mentions e WHERE lower(e.name) LIKE '%' || lower(?3) || '%')))
                 GROUP BY m.story_id HAVING count(*) >= ?4
                 ORDER BY count(*) DESC, max(a.published) DESC LIMIT ?5",
            )
            .db(&self.db_path)?;
        let rows = stmt
            .query_map(
                params![
                    filter.since,
                    filter.language,
                    filter.entity,
                    filter.min_articles as i64,
                    filter.limit.max(1) as i64
                ],
                |r| {
                    let split = |s: Option<String>| -> Vec<String> {
                        let mut counts: Vec<(String, usize)> = Vec::new();
                        for part in s.unwrap_or_default().split('|').filter(|p| !p.is_empty()) {
                            match counts.iter_mut().find(|(k, _)| k == part) {
                                Some((_, n)) => *n += 1,
                                None => counts.push((part.to_string(), 1)),
                            }
                        }
                        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
                        counts.into_iter().map(|(k, _)| k).collect()
                    };
                    Ok((
                        StorySummary {
                            id: r.get(0)?,
                            articles: r.get::<_, i64>(1)? as u64,
                            languages: split(r.get(2)?),
                            sites: split(r.get(3)?),
                            first_seen: r.get(4)?,
                            last_seen: r.get(5)?,
                            title: None,
                        },
                        r.get::<_, i64>(6)?,
                    ))
                },
            )
            .db(&self.db_path)?;
        let mut out = Vec::new();
        for row in rows {
            let (mut summary, first_id) = row.db(&self.db_path)?;
            summary.title = self.get(first_id)?.and_then(|s| s.article.title);
            out.push(summary);
        }
        Ok(out)
    }
}

/// A `story_members` row selected as `article_id, story_id, score, link, explanation`.
fn assignment(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoryAssignment> {
    Ok(StoryAssignment {
        article_id: r.get(0)?,
        story_id: r.get(1)?,
        score: r.get(2)?,
        link: r.get(3)?,
        explanation: r.get(4)?,
    })
}
