//! The JSON API under `/api/v1`. Every route here is described in the OpenAPI document
//! ([`crate::openapi`]), and a test checks that the two agree.

use crate::error::ApiError;
use crate::params::{self, SearchParams};
use crate::{ingest, AppState};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::routing::{get, post};
use axum::{Json, Router};
use newsloom_model::EntityLabel;
use newsloom_store::{EntityFilter, SearchQuery, Store, StoryFilter};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

/// The largest `min_articles` of a story listing.
pub const MAX_MIN_ARTICLES: u64 = 1_000_000;

/// Hits the facets of a search are counted over.
pub const FACET_DOCS: usize = 500;

/// Every route of the API: method and path under `/api/v1`, as the OpenAPI document lists them.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/health"),
    ("get", "/stats"),
    ("get", "/search"),
    ("get", "/articles/{id}"),
    ("get", "/entities"),
    ("get", "/entities/{name}"),
    ("get", "/quotes"),
    ("get", "/stories"),
    ("get", "/stories/{id}"),
    ("post", "/ingest"),
    ("get", "/openapi.json"),
];

/// The API's routes (nested under `/api/v1`).
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/stats", get(stats))
        .route("/search", get(search))
        .route("/articles/{id}", get(article))
        .route("/entities", get(entities))
        .route("/entities/{name}", get(entity))
        .route("/quotes", get(quotes))
        .route("/stories", get(stories))
        .route("/stories/{id}", get(story))
        .route("/ingest", post(ingest::handler))
        .route("/openapi.json", get(openapi))
        .with_state(state)
}

/// Query parameters whose errors are JSON like every other error.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(t)| ApiQuery(t))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// A numeric id from the path.
pub fn parse_id(raw: &str, what: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|&id| id >= 0)
        .ok_or_else(|| ApiError::bad_request(format!("{what} id {raw:?} is not a number")))
}

async fn health(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let articles = state.read(|s| Ok(s.stats()?.articles)).await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "articles": articles,
    })))
}

async fn stats(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let stats = state.read(|s| Ok(s.stats()?)).await?;
    Ok(Json(serde_json::to_value(stats).unwrap_or_default()))
}

async fn search(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> Result<Json<Value>, ApiError> {
    let checked = p.check(state.limits())?;
    let with_facets = p.facets.unwrap_or(true);
    let worker = state.clone();
    let value = state
        .read(move |s| {
            let results = s.search(&checked.query)?;
            let facets = if with_facets {
                Some(worker.facets(s, &checked.query)?)
            } else {
                None
            };
            let hits: Vec<Value> = results
                .hits
                .iter()
                .map(|h| {
                    let mut v = serde_json::to_value(h).unwrap_or_default();
                    v["snippet_html"] =
                        Value::String(h.snippet.render_escaped("<mark>", "</mark>"));
                    v
                })
                .collect();
            Ok(json!({
                "total": results.total,
                "page": checked.page,
                "per_page": checked.per_page,
                "hits": hits,
                "facets": facets,
                "warnings": results.warnings,
            }))
        })
        .await?;
    Ok(Json(value))
}

/// The article record with what the store knows around it: its story, and which of its
/// language editions the store holds.
pub fn article_value(store: &Store, id: i64) -> Result<Value, ApiError> {
    let Some(stored) = store.get(id)? else {
        return Err(ApiError::not_found(format!("no article {id}")));
    };
    let story = store.story_of(id)?.map(|a| a.story_id);
    let mut editions = Vec::new();
    for e in &stored.article.editions {
        let held = match &e.url {
            Some(url) => store.find_url(url)?,
            None => None,
        };
        editions.push(json!({"language": e.language, "url": e.url, "article_id": held}));
    }
    let mut value = serde_json::to_value(&stored).unwrap_or_default();
    value["story_id"] = json!(story);
    value["editions"] = Value::Array(editions);
    Ok(value)
}

async fn article(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&raw, "article")?;
    Ok(Json(state.read(move |s| article_value(s, id)).await?))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EntitiesParams {
    label: Option<String>,
    name: Option<String>,
    lang: Option<String>,
    site: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
}

/// An entity label parameter (`PER`, `ORG`, `LOC`, `MISC`, or a word for one).
pub fn label(value: &Option<String>) -> Result<Option<EntityLabel>, ApiError> {
    let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match v.to_ascii_lowercase().as_str() {
        "per" | "person" | "people" => Ok(Some(EntityLabel::Person)),
        "org" | "organisation" | "organization" => Ok(Some(EntityLabel::Organisation)),
        "loc" | "location" | "place" => Ok(Some(EntityLabel::Location)),
        "misc" => Ok(Some(EntityLabel::Misc)),
        _ => Err(ApiError::bad_request(format!(
            "parameter label: {v:?} is not PER, ORG, LOC or MISC"
        ))),
    }
}

async fn entities(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<EntitiesParams>,
) -> Result<Json<Value>, ApiError> {
    let limits = state.limits();
    let filter = EntityFilter {
        label: label(&p.label)?,
        name: params::text(&p.name, "name", limits)?,
        language: params::language(&p.lang)?,
        site: params::text(&p.site, "site", limits)?,
        since: params::date(&p.since, "since")?,
        until: params::date(&p.until, "until")?,
        limit: params::page_size(p.limit, 20, limits)?,
    };
    let list = state.read(move |s| Ok(s.entities(&filter)?)).await?;
    Ok(Json(json!({ "entities": list })))
}

/// One entity: its counts by month, its quotes, its stories and latest articles.
/// One entity with what the store holds around it.
#[derive(Debug, serde::Serialize)]
pub struct EntityDetail {
    /// Counts, by month too.
    pub entity: newsloom_store::EntityStat,
    /// Its quotes, newest first.
    pub quotes: Vec<newsloom_store::QuoteRecord>,
    /// Stories mentioning it.
    pub stories: Vec<newsloom_store::StorySummary>,
    /// Its latest articles.
    pub articles: Vec<newsloom_store::SearchHit>,
}

/// The entity named `name` (case-insensitive, exact).
pub fn entity_detail(store: &Store, name: &str) -> Result<EntityDetail, ApiError> {
    let candidates = store.entities(&EntityFilter {
        name: Some(name.to_string()),
        limit: 100,
        ..EntityFilter::default()
    })?;
    let Some(stat) = candidates
        .into_iter()
        .find(|e| e.name.to_lowercase() == name.to_lowercase())
    else {
        return Err(ApiError::not_found(format!("no entity named {name:?}")));
    };
    let quotes: Vec<_> = store
        .quotes(Some(&stat.name), 50)?
        .into_iter()
        .filter(|q| {
            q.speaker_entity.as_deref() == Some(stat.name.as_str())
                || q.speaker.as_deref() == Some(stat.name.as_str())
        })
        .collect();
    let stories = store.stories(&StoryFilter {
        entity: Some(stat.name.clone()),
        min_articles: 1,
        limit: 20,
        ..StoryFilter::default()
    })?;
    let articles = store
        .search(&SearchQuery::new("").entity(stat.name.clone()).limit(20))
        .map(|r| r.hits)
        .unwrap_or_default();
    Ok(EntityDetail {
        entity: stat,
        quotes,
        stories,
        articles,
    })
}

async fn entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let name = params::text(&Some(name), "name", state.limits())?
        .ok_or_else(|| ApiError::not_found("no entity has an empty name"))?;
    let detail = state.read(move |s| entity_detail(s, &name)).await?;
    Ok(Json(serde_json::to_value(detail).unwrap_or_default()))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct QuotesParams {
    speaker: Option<String>,
    limit: Option<usize>,
}

async fn quotes(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<QuotesParams>,
) -> Result<Json<Value>, ApiError> {
    let speaker = params::text(&p.speaker, "speaker", state.limits())?;
    let limit = params::page_size(p.limit, 20, state.limits())?;
    let list = state
        .read(move |s| Ok(s.quotes(speaker.as_deref(), limit)?))
        .await?;
    Ok(Json(json!({ "quotes": list })))
}

/// The parameters of a story listing.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct StoriesParams {
    /// Stories with an article published on or after.
    pub since: Option<String>,
    /// Stories with an article in this language.
    pub lang: Option<String>,
    /// Stories mentioning this entity.
    pub entity: Option<String>,
    /// Stories of at least this many articles.
    pub min_articles: Option<u64>,
    /// How many.
    pub limit: Option<usize>,
}

impl StoriesParams {
    /// The store filter, checked.
    pub fn filter(&self, state: &AppState) -> Result<StoryFilter, ApiError> {
        let limits = state.limits();
        Ok(StoryFilter {
            since: params::date(&self.since, "since")?,
            language: params::language(&self.lang)?.map(|l| l.code().to_string()),
            entity: params::text(&self.entity, "entity", limits)?,
            min_articles: match self.min_articles {
                Some(n) if n > MAX_MIN_ARTICLES => {
                    return Err(ApiError::bad_request(format!(
                        "min_articles {n} is over {MAX_MIN_ARTICLES}"
                    )))
                }
                n => n.unwrap_or(1),
            },
            limit: params::page_size(self.limit, 20, limits)?,
        })
    }
}

async fn stories(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<StoriesParams>,
) -> Result<Json<Value>, ApiError> {
    let filter = p.filter(&state)?;
    let list = state.read(move |s| Ok(s.stories(&filter)?)).await?;
    Ok(Json(json!({ "stories": list })))
}

/// The story record with each member's assignment and its explanation.
pub fn story_value(store: &Store, id: i64) -> Result<Value, ApiError> {
    let Some(story) = newsloom_pipeline::stories::build(store, id)? else {
        return Err(ApiError::not_found(format!("no story {id}")));
    };
    let members: Vec<Value> = store
        .story_members(id)?
        .into_iter()
        .map(|m| {
            json!({
                "article_id": m.article_id,
                "score": m.score,
                "link": m.link,
                "explanation": m.explanation.as_deref()
                    .and_then(|e| serde_json::from_str::<Value>(e).ok()),
            })
        })
        .collect();
    let mut value = serde_json::to_value(&story).unwrap_or_default();
    value["members"] = Value::Array(members);
    Ok(value)
}

async fn story(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&raw, "story")?;
    Ok(Json(state.read(move |s| story_value(s, id)).await?))
}

async fn openapi() -> Json<Value> {
    Json(crate::openapi::openapi_document())
}
