//! Stories over the store: assigning stored articles to stories, and building story records.
//!
//! The story index lives in memory: it is rebuilt by replaying the stored articles in id order
//! (a deterministic replay that reproduces the recorded assignments without re-clustering), then
//! the articles without a story are added one by one and their assignments recorded.

use newsloom_store::{ArticleStatus, ExportFilter, Store, StoreError, StoryAssignment};
use newsloom_stories::cluster::Link;
use newsloom_stories::{ArticleRef, FeatureConfig, Story, StoryConfig, StoryIndex};
use std::collections::HashSet;

/// Assigns every stored article without a story to one; returns (assigned, stories created).
pub fn assign_new(store: &mut Store) -> Result<(usize, usize), StoreError> {
    let assigned: HashSet<i64> = store
        .story_assignments()?
        .into_iter()
        .map(|a| a.article_id)
        .collect();
    let filter = ExportFilter {
        include_duplicates: true,
        ..ExportFilter::default()
    };
    let cfg = FeatureConfig::default();
    let mut index = StoryIndex::new();
    let mut rows = Vec::new();
    let mut created = 0;
    for row in store.export(&filter)? {
        let row = row?;
        let mut r = ArticleRef::from_article(&row.id.to_string(), &row.article, &cfg);
        r.duplicate_of = match row.status {
            ArticleStatus::Canonical => None,
            ArticleStatus::Duplicate { of } | ArticleStatus::NearDuplicate { of, .. } => {
                Some(of.to_string())
            }
        };
        let assignment = match index.add(&r) {
            Ok(a) => a,
            Err(err) => {
                tracing::warn!("story assignment of article {}: {err}", row.id);
                continue;
            }
        };
        if assigned.contains(&row.id) {
            continue;
        }
        created += usize::from(assignment.new_story);
        rows.push(StoryAssignment {
            article_id: row.id,
            story_id: assignment.story_id as i64,
            score: assignment.score,
            link: link_name(assignment.link).to_string(),
            explanation: serde_json::to_string(&assignment.explanation).ok(),
        });
    }
    let n = rows.len();
    store.set_stories(&rows)?;
    Ok((n, created))
}

/// The name under which a link kind is stored.
pub fn link_name(l: Link) -> &'static str {
    match l {
        Link::New => "new",
        Link::Similar => "similar",
        Link::Edition => "edition",
        Link::Duplicate => "duplicate",
    }
}

/// The story record of story `id`, or `None` when the store has no such story.
pub fn build(store: &Store, id: i64) -> Result<Option<Story>, StoreError> {
    let members = store.story_members(id)?;
    if members.is_empty() {
        return Ok(None);
    }
    let mut articles = Vec::new();
    for m in &members {
        if let Some(stored) = store.get(m.article_id)? {
            articles.push((m.article_id.to_string(), stored.article));
        }
    }
    let refs: Vec<(&str, &newsloom_model::Article)> =
        articles.iter().map(|(i, a)| (i.as_str(), a)).collect();
    Ok(Some(Story::build(
        id as u64,
        &refs,
        &StoryConfig::default(),
    )))
}

/// The ids of every story in the store, in order of first assignment.
pub fn story_ids(store: &Store) -> Result<Vec<i64>, StoreError> {
    let mut seen = HashSet::new();
    let mut ids = Vec::new();
    for a in store.story_assignments()? {
        if seen.insert(a.story_id) {
            ids.push(a.story_id);
        }
    }
    Ok(ids)
}
