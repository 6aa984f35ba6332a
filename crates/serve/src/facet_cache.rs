//! Facets of recent searches, kept for a short while: paging through results, the front page
//! and popular searches ask for the same facets again, and on a large store the facets cost
//! far more than the search itself (see BENCHMARKS.md). An entry serves only while no ingest
//! through this server has written since it was computed and for at most [`TTL`] (so that
//! writes by another process, such as `newsloom ingest`, show up soon too).

use newsloom_store::{Facets, SearchQuery};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an entry serves.
pub const TTL: Duration = Duration::from_secs(30);
/// Entries kept at most.
const CAPACITY: usize = 512;

/// The cache.
#[derive(Default)]
pub struct FacetCache {
    entries: Mutex<HashMap<String, (u64, Instant, Facets)>>,
}

/// The key of a query: everything but its page.
fn key(query: &SearchQuery) -> String {
    format!(
        "{}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}",
        query.text, query.lang, query.since, query.until, query.site, query.entity, query.speaker
    )
}

impl FacetCache {
    /// The cached facets of `query` computed at store `generation`, or `compute`'s (then kept).
    pub fn get_or_compute<E>(
        &self,
        query: &SearchQuery,
        generation: u64,
        compute: impl FnOnce() -> Result<Facets, E>,
    ) -> Result<Facets, E> {
        let key = key(query);
        if let Ok(entries) = self.entries.lock() {
            if let Some((g, at, facets)) = entries.get(&key) {
                if *g == generation && at.elapsed() < TTL {
                    return Ok(facets.clone());
                }
            }
        }
        let facets = compute()?;
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY {
                entries.retain(|_, (g, at, _)| *g == generation && at.elapsed() < TTL);
                if entries.len() >= CAPACITY {
                    entries.clear();
                }
            }
            entries.insert(key, (generation, Instant::now(), facets.clone()));
        }
        Ok(facets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_the_same_query_until_the_store_changes() {
        let cache = FacetCache::default();
        let calls = std::cell::Cell::new(0);
        let get = |q: &SearchQuery, g| {
            cache
                .get_or_compute::<()>(q, g, || {
                    calls.set(calls.get() + 1);
                    Ok(Facets::default())
                })
                .unwrap()
        };
        let q = SearchQuery::new("port").limit(10);
        get(&q, 0);
        get(&q.clone().offset(10), 0);
        assert_eq!(
            calls.get(),
            1,
            "another page of the same search reuses the facets"
        );
        get(
            &SearchQuery::new("port").lang(newsloom_model::Language::Fr),
            0,
        );
        assert_eq!(calls.get(), 2, "another filter does not");
        get(&q, 1);
        assert_eq!(calls.get(), 3, "a write invalidates");
    }
}
