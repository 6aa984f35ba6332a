//! Search facets: how the best hits of a search spread over languages, sites, months, entities
//! and speakers, so that a reader can narrow a search by clicking.
//!
//! Facets are counted over the best [`Store::facets`] `max_docs` hits, not the whole result set:
//! bounded work per request whatever the store's size (the counts are exact whenever the search
//! has no more hits than that). Entities and speakers, which cost a row per name per article,
//! are counted over the best [`NAME_FACET_DOCS`] of those.

use rusqlite::params;
use serde::Serialize;
use tantivy::collector::TopDocs;

use crate::error::{IndexContext, SqlContext};
use crate::search::doc_id;
use crate::{SearchQuery, Store, StoreError};

/// Values listed per facet.
const TOP_VALUES: usize = 10;
/// Hits the entity and speaker facets are counted over, at most.
pub const NAME_FACET_DOCS: usize = 50;

/// One value of a facet and how many hits have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value: a language code, a site, a `YYYY-MM` month, a name.
    pub value: String,
    /// Hits with this value.
    pub count: u64,
}

/// The facets of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Hits the counts are taken over (at most the `max_docs` asked for).
    pub counted: u64,
    /// Hits the entity and speaker counts are taken over (at most [`NAME_FACET_DOCS`]).
    pub counted_names: u64,
    /// Languages, most hits first.
    pub languages: Vec<FacetCount>,
    /// Sites, most hits first.
    pub sites: Vec<FacetCount>,
    /// Months of publication, newest first.
    pub months: Vec<FacetCount>,
    /// People, organisations and places, most hits first.
    pub entities: Vec<FacetCount>,
    /// Quote speakers, most hits first.
    pub speakers: Vec<FacetCount>,
}

impl Store {
    /// The facets of `query` (its limit and offset are ignored), counted over its best
    /// `max_docs` hits.
    pub fn facets(&self, query: &SearchQuery, max_docs: usize) -> Result<Facets, StoreError> {
        let compiled = self.compile(query)?;
        let path = &self.index.path;
        let searcher = self.index.reader.searcher();
        let addresses = searcher
            .search(
                &compiled.combined,
                &TopDocs::with_limit(max_docs.max(1)).order_by_score(),
            )
            .idx(path)?;
        let mut ids = Vec::with_capacity(addresses.len());
        for (_, address) in addresses {
            if let Some(id) = doc_id(&searcher, address, path)? {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            return Ok(Facets::default());
        }
        let name_ids = serde_json::to_string(&ids[..ids.len().min(NAME_FACET_DOCS)])
            .map_err(|e| StoreError::Encode(e.to_string()))?;
        let counted_names = ids.len().min(NAME_FACET_DOCS) as u64;
        let ids = serde_json::to_string(&ids).map_err(|e| StoreError::Encode(e.to_string()))?;
        let in_ids = "SELECT value FROM json_each(?1)";
        Ok(Facets {
            counted: self.count_query(
                &format!("SELECT '', count(*) FROM articles WHERE id IN ({in_ids})"),
                &ids,
            )?
            .first()
            .map_or(0, |c| c.count),
            counted_names,
            languages: self.count_query(
                &format!(
                    "SELECT language, count(*) FROM articles WHERE id IN ({in_ids})
                     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP_VALUES}"
                ),
                &ids,
            )?,
            sites: self.count_query(
                &format!(
                    "SELECT coalesce(site, host), count(*) FROM articles
                     WHERE id IN ({in_ids}) AND coalesce(site, host) IS NOT NULL
                     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP_VALUES}"
                ),
                &ids,
            )?,
            months: self.count_query(
                &format!(
                    "SELECT substr(published, 1, 7), count(*) FROM articles
                     WHERE id IN ({in_ids}) AND length(published) >= 7
                     GROUP BY 1 ORDER BY 1 DESC LIMIT 24"
                ),
                &ids,
            )?,
            entities: self.count_query(
                &format!(
                    "SELECT name, count(DISTINCT article_id) FROM entity_mentions
                     WHERE article_id IN ({in_ids}) AND label IN ('PER', 'ORG', 'LOC')
                     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP_VALUES}"
                ),
                &name_ids,
            )?,
            speakers: self.count_query(
                &format!(
                    "SELECT coalesce(speaker_entity, speaker), count(DISTINCT article_id) FROM quotes
                     WHERE article_id IN ({in_ids}) AND coalesce(speaker_entity, speaker) IS NOT NULL
                     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP_VALUES}"
                ),
                &name_ids,
            )?,
        })
    }

    fn count_query(&self, sql: &str, ids: &str) -> Result<Vec<FacetCount>, StoreError> {
        let db = &self.db_path;
        let mut stmt = self.conn.prepare_cached(sql).db(db)?;
        let rows = stmt
            .query_map(params![ids], |r| {
                Ok(FacetCount {
                    value: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    count: r.get::<_, i64>(1)?.max(0) as u64,
                })
            })
            .db(db)?;
        rows.collect::<Result<Vec<_>, _>>().db(db)
    }
}
