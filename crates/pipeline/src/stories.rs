//! Stories over the store: assigning stored articles to stories, and building story records.
//!
//! The story index is kept next to the store ([`STATE_FILE`], see [`state`]): an assignment
//! run loads it, adds only the articles stored since, records their assignments, and appends
//! them to the file. When the file is missing, damaged, or out of date (another model, an
//! article changed since it was written, assignments that disagree with the store's), the
//! index is rebuilt instead by replaying every stored article in id order — a deterministic
//! replay that reproduces the recorded assignments — and the file is written anew.

pub mod state;

pub use state::STATE_FILE;

use newsloom_store::{
    ArticleStatus, ExportFilter, Store, StoreError, StoredArticle, StoryAssignment,
};
use newsloom_stories::cluster::Link;
use newsloom_stories::{ArticleRef, Explanation, FeatureConfig, Story, StoryConfig, StoryIndex};
use serde::{Deserialize, Serialize};
use state::{BatchRef, StateError};
use std::collections::{HashMap, HashSet};

/// Assigns every stored article without a story to one; returns (assigned, stories created).
pub fn assign_new(store: &mut Store) -> Result<(usize, usize), StoreError> {
    let report = assign(store)?;
    Ok((report.assigned, report.created))
}

/// What an assignment run did.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignReport {
    /// Articles given a story by this run.
    pub assigned: usize,
    /// Stories this run created.
    pub created: usize,
    /// Articles added to the story index by this run (the new ones when the saved index was
    /// used; every stored article when the store was replayed).
    pub processed: usize,
    /// Where the story index came from.
    pub index: IndexSource,
}

/// Where an assignment run's story index came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexSource {
    /// The saved index ([`STATE_FILE`]), extended with the new articles.
    Saved,
    /// The index kept in memory by the previous run in this process (the file unchanged since).
    Memory,
    /// A replay of every stored article, because the saved index could not be used (why).
    Replayed(String),
}

/// Assigns every stored article without a story to one, resuming from the saved story index
/// when it can (see the [module documentation](self)).
pub fn assign(store: &mut Store) -> Result<AssignReport, StoreError> {
    let cfg = FeatureConfig::default();
    let fingerprint = state::fingerprint(&cfg);
    let path = state::path(store.dir());
    let seq = store.last_seq();
    let recorded: HashMap<i64, i64> = store.story_ids_by_article()?.into_iter().collect();
    let mut run = Run {
        cfg,
        recorded: &recorded,
        rows: Vec::new(),
        created: 0,
        processed: 0,
        last_id: 0,
    };
    let resumed = match open_saved(&path, &fingerprint) {
        Ok((index, saved, source)) => match check(store, &index, &saved, &recorded)? {
            Ok(changed) => Ok((index, changed, saved, source)),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    let (index, source, saved) = match resumed {
        Ok((mut index, changed, saved, source)) => {
            run.last_id = saved.last_id;
            for id in changed {
                if let Some(stored) = store.get(id)? {
                    run.step(&mut index, &stored);
                }
            }
            (index, source, Some(saved))
        }
        Err(reason) => {
            if !matches!(reason, StateError::Missing) {
                tracing::warn!("{reason}: replaying the stored articles");
            }
            let mut index = StoryIndex::new();
            let filter = ExportFilter {
                include_duplicates: true,
                ..ExportFilter::default()
            };
            for row in store.export(&filter)? {
                run.step(&mut index, &row?);
            }
            (index, IndexSource::Replayed(reason.to_string()), None)
        }
    };
    let assigned = run.rows.len();
    store.set_stories(&run.rows)?;
    // The index is saved after the assignments are committed: a file never claims articles
    // whose assignment the store lacks.
    let written = match saved {
        Some(saved) if index.len() > saved.len => state::append(
            &path,
            saved.valid_len,
            &BatchRef {
                seq,
                last_id: run.last_id,
                entries: index.entries(saved.len),
            },
        ),
        Some(_) => Ok(()),
        None => state::write_full(
            &path,
            &fingerprint,
            &BatchRef {
                seq,
                last_id: run.last_id,
                entries: index.entries(0),
            },
        ),
    };
    match written {
        Ok(()) => memory::keep(
            &path,
            &fingerprint,
            index,
            Saved {
                last_id: run.last_id,
                seq,
                valid_len: 0,
                len: 0,
            },
        ),
        Err(e) => tracing::warn!(
            "saving the story index to {}: {e} (the next run replays the store)",
            path.display()
        ),
    }
    Ok(AssignReport {
        assigned,
        created: run.created,
        processed: run.processed,
        index: source,
    })
}

/// The saved index: kept in memory by the previous run in this process when the file is as
/// that run left it, else read from the file and rebuilt.
fn open_saved(
    path: &std::path::Path,
    fingerprint: &str,
) -> Result<(StoryIndex, Saved, IndexSource), StateError> {
    if let Some((index, saved)) = memory::take(path, fingerprint) {
        return Ok((index, saved, IndexSource::Memory));
    }
    let loaded = state::load(path, fingerprint)?;
    if loaded.dropped_tail {
        tracing::warn!("the saved story index ends in a damaged record: ignoring it");
    }
    let saved = Saved {
        last_id: loaded.last_id,
        seq: loaded.seq,
        valid_len: loaded.valid_len,
        len: loaded.entries.len(),
    };
    let mut index = StoryIndex::new();
    for entry in loaded.entries {
        index
            .restore_entry(entry)
            .map_err(|e| StateError::Corrupt(e.to_string()))?;
    }
    Ok((index, saved, IndexSource::Saved))
}

/// Checks a saved index against the store; returns the ids of the articles it has not seen,
/// or why it cannot be used.
fn check(
    store: &Store,
    index: &StoryIndex,
    saved: &Saved,
    recorded: &HashMap<i64, i64>,
) -> Result<Result<Vec<i64>, StateError>, StoreError> {
    if saved.seq > store.last_seq() {
        return Ok(Err(StateError::Stale(
            "it is newer than the store (a store restored from a backup?)".into(),
        )));
    }
    let changed = store.articles_changed(saved.last_id, saved.seq)?;
    if let Some(id) = changed.iter().find(|&&id| id <= saved.last_id) {
        return Ok(Err(StateError::Stale(format!(
            "article {id} changed since it was saved"
        ))));
    }
    // Every article up to `last_id` was indexed and recorded: the two must agree.
    let mut seen = 0;
    for (&id, &story) in recorded {
        if id > saved.last_id {
            continue;
        }
        seen += 1;
        if index.story_of(&id.to_string()).map(|s| s as i64) != Some(story) {
            return Ok(Err(StateError::Stale(format!(
                "article {id} is in story {story} in the store, not in the saved index"
            ))));
        }
    }
    if seen != index.len() {
        return Ok(Err(StateError::Stale(format!(
            "it holds {} articles, the store has {seen} assigned up to article {}",
            index.len(),
            saved.last_id
        ))));
    }
    Ok(Ok(changed))
}

/// Where the saved index ends.
#[derive(Debug, Clone, Copy)]
struct Saved {
    /// The last article id it has seen.
    last_id: i64,
    /// The store's change counter it is up to date with.
    seq: i64,
    /// Where the file's sound part ends (the next batch goes there).
    valid_len: u64,
    /// Its number of entries.
    len: usize,
}

/// The index of the last run on each store, kept in memory so that a long-running process
/// (the server assigns after every ingest) does not read the file back each time. An entry is
/// used only while the file has the length and modification time that run left it with.
mod memory {
    use super::Saved;
    use newsloom_stories::StoryIndex;
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;
    use std::time::SystemTime;

    /// Stores whose index is kept at once.
    const CAPACITY: usize = 8;

    struct Kept {
        path: PathBuf,
        fingerprint: String,
        len: u64,
        modified: SystemTime,
        index: StoryIndex,
        saved: Saved,
    }

    static KEPT: Mutex<Vec<Kept>> = Mutex::new(Vec::new());

    /// The file's length and modification time.
    fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
        let meta = std::fs::metadata(path).ok()?;
        Some((meta.len(), meta.modified().ok()?))
    }

    /// Takes the index kept for `path`, when the file is as the run that kept it left it.
    pub(super) fn take(path: &Path, fingerprint: &str) -> Option<(StoryIndex, Saved)> {
        let mut kept = KEPT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let i = kept.iter().position(|k| k.path == path)?;
        let k = kept.remove(i);
        if k.fingerprint != fingerprint || stamp(path)? != (k.len, k.modified) {
            return None;
        }
        let saved = Saved {
            valid_len: k.len,
            len: k.index.len(),
            ..k.saved
        };
        Some((k.index, saved))
    }

    /// Keeps `index`, just saved to `path`, for the next run.
    pub(super) fn keep(path: &Path, fingerprint: &str, index: StoryIndex, saved: Saved) {
        let Some((len, modified)) = stamp(path) else {
            return;
        };
        let mut kept = KEPT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.retain(|k| k.path != path);
        if kept.len() >= CAPACITY {
            kept.remove(0);
        }
        kept.push(Kept {
            path: path.to_path_buf(),
            fingerprint: fingerprint.to_string(),
            len,
            modified,
            index,
            saved,
        });
    }
}

/// One assignment run's progress.
struct Run<'r> {
    cfg: FeatureConfig,
    recorded: &'r HashMap<i64, i64>,
    rows: Vec<StoryAssignment>,
    created: usize,
    processed: usize,
    last_id: i64,
}

impl Run<'_> {
    /// Adds one stored article to the index, and records its assignment unless the store has
    /// one already (an article assigned by an earlier run that the index had not kept).
    fn step(&mut self, index: &mut StoryIndex, row: &StoredArticle) {
        self.last_id = self.last_id.max(row.id);
        let mut r = ArticleRef::from_article(&row.id.to_string(), &row.article, &self.cfg);
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
                return;
            }
        };
        self.processed += 1;
        if self.recorded.contains_key(&row.id) {
            return;
        }
        self.created += usize::from(assignment.new_story);
        let why = Why {
            matched: assignment.matched.as_deref().and_then(|m| m.parse().ok()),
            explanation: assignment.explanation,
        };
        let explanation = match serde_json::to_string(&why) {
            Ok(json) => Some(json),
            Err(e) => {
                tracing::warn!("explanation of article {}: {e}", row.id);
                None
            }
        };
        self.rows.push(StoryAssignment {
            article_id: row.id,
            story_id: assignment.story_id as i64,
            score: assignment.score,
            link: link_name(assignment.link).to_string(),
            explanation,
        });
    }
}

/// What `story_members.explanation` holds: the explanation of the assignment and the article
/// matched.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Why {
    /// The best-matching article of the story when the article joined it (for editions and
    /// duplicates, the article it is an edition or copy of); `None` for a story's first article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched: Option<i64>,
    /// What matched.
    #[serde(flatten)]
    pub explanation: Explanation,
}

/// One article of a story, with why it is there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// The article row.
    pub article_id: i64,
    /// Its headline.
    pub title: Option<String>,
    /// Its language code.
    pub language: String,
    /// Its outlet.
    pub site: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// How it joined: `new`, `similar`, `edition`, `duplicate`.
    pub link: String,
    /// Its similarity to the matched article (1 for editions and duplicates).
    pub score: f64,
    /// The matched article and what matched (absent when the store holds none).
    pub why: Option<Why>,
}

/// The articles of story `id` with why each joined it, in article id order (empty when there
/// is no such story). An explanation the store cannot parse is left out with a warning.
pub fn members(store: &Store, id: i64) -> Result<Vec<Member>, StoreError> {
    let mut out = Vec::new();
    for m in store.story_members(id)? {
        let why = m.explanation.as_deref().and_then(|json| {
            serde_json::from_str::<Why>(json)
                .map_err(|e| tracing::warn!("explanation of article {}: {e}", m.article_id))
                .ok()
        });
        let stored = store.get(m.article_id)?;
        let article = stored.as_ref().map(|s| &s.article);
        out.push(Member {
            article_id: m.article_id,
            title: article.and_then(|a| a.title.clone()),
            language: article
                .map(|a| a.language.code().to_string())
                .unwrap_or_default(),
            site: article.and_then(|a| a.site_name.clone()),
            published: article.and_then(|a| a.published.clone()),
            link: m.link,
            score: m.score,
            why,
        });
    }
    Ok(out)
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
