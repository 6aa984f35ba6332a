//! `POST /api/v1/ingest`: a page URL to fetch, or a page body, into the store — extracted,
//! analysed, deduplicated, indexed and assigned to a story, like `newsloom ingest` does.
//!
//! It needs the server's token (`Authorization: Bearer …`); a server started without one
//! refuses every write. Bodies are:
//! - JSON: `{"url": "https://…"}` to fetch (a page, or a feed or sitemap whose pages are
//!   fetched, at most [`Limits::max_ingest_docs`](crate::Limits::max_ingest_docs) of them), or
//!   `{"body": "<html>…", "url": "https://…", "plain_text": false}` for a page in hand;
//! - `text/html` or `text/plain`: the page itself, with its URL in `?url=`.

use crate::api::ApiQuery;
use crate::error::ApiError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Json;
use newsloom_ingest::{IngestConfig, Ingester, RawDoc, Source};
use newsloom_model::Article;
use newsloom_store::{PutStatus, SourceInfo, Store};
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// The JSON form of a request.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    /// The page's URL: fetched when there is no body, recorded when there is one.
    pub url: Option<String>,
    /// The page itself.
    pub body: Option<String>,
    /// The body is plain text, not HTML.
    #[serde(default)]
    pub plain_text: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct IngestQuery {
    url: Option<String>,
}

/// One stored document in the answer.
#[derive(Debug, Serialize)]
pub struct Stored {
    id: i64,
    status: PutStatus,
    title: Option<String>,
    language: String,
    story_id: Option<i64>,
}

/// One document that failed.
#[derive(Debug, Serialize)]
pub struct Failed {
    source: String,
    reason: String,
}

/// The answer.
#[derive(Debug, Serialize)]
pub struct IngestResponse {
    stored: Vec<Stored>,
    failed: Vec<Failed>,
    seconds: f64,
}

/// Checks the bearer token in constant time.
fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.0.config.token.as_deref() else {
        return Err(ApiError::forbidden(
            "ingest is disabled: start the server with --token (or NEWSLOOM_TOKEN) to allow it",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| ApiError::unauthorized("missing Authorization: Bearer token"))?;
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let same = a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0;
    if !same {
        return Err(ApiError::unauthorized("wrong token"));
    }
    Ok(())
}

fn http_url(url: &str) -> Result<String, ApiError> {
    match url::Url::parse(url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(u.to_string()),
        _ => Err(ApiError::bad_request(format!(
            "url {url:?} is not an absolute http(s) URL"
        ))),
    }
}

/// The handler.
pub async fn handler(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<IngestQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestResponse>, ApiError> {
    authorise(&state, &headers)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if let Some(u) = query.url.as_deref().filter(|u| !u.trim().is_empty()) {
        http_url(u)?;
    }
    let request = if content_type.starts_with("application/json") {
        serde_json::from_slice::<IngestRequest>(&body)
            .map_err(|e| ApiError::bad_request(format!("the JSON body cannot be read: {e}")))?
    } else if content_type.starts_with("text/html") || content_type.starts_with("text/plain") {
        IngestRequest {
            url: query.url,
            body: Some(String::from_utf8_lossy(&body).into_owned()),
            plain_text: content_type.starts_with("text/plain"),
        }
    } else {
        return Err(ApiError::bad_request(
            "send application/json ({\"url\"} or {\"body\", \"url\"}), text/html or text/plain",
        ));
    };
    let url = request
        .url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .map(http_url)
        .transpose()?;
    let source = match (&request.body, &url) {
        (Some(_), _) => None,
        (None, Some(url)) => Some(Source::Url(url.clone())),
        (None, None) => return Err(ApiError::bad_request("give a url to fetch or a body")),
    };
    if request.body.as_deref().is_some_and(|b| b.trim().is_empty()) {
        return Err(ApiError::bad_request("the body is empty"));
    }
    let _writer = state.0.writer.lock().await;
    let worker = state.clone();
    let started = Instant::now();
    let response = tokio::task::spawn_blocking(move || {
        let docs = match source {
            Some(source) => fetch(source, worker.limits().max_ingest_docs),
            None => vec![Ok(RawDoc {
                source: format!(
                    "POST /api/v1/ingest{}",
                    url.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
                ),
                bytes: request.body.unwrap_or_default().into_bytes(),
                url: url.clone(),
                plain_text: request.plain_text,
                fetched_at: Some(newsloom_ingest::now_rfc3339()),
                ..RawDoc::default()
            })],
        };
        store(&worker, docs, started)
    })
    .await
    .map_err(|e| ApiError::internal(format!("ingest task failed: {e}")))??;
    state.0.readers.invalidate();
    Ok(Json(response))
}

/// Fetches `source`, at most `max` documents.
fn fetch(source: Source, max: usize) -> Vec<Result<RawDoc, Failed>> {
    let (docs, producer) = Ingester::new(IngestConfig::default()).spawn(vec![source]);
    let mut out = Vec::new();
    for doc in docs.iter() {
        out.push(doc.map_err(|e| Failed {
            source: e.input().to_string(),
            reason: e.to_string(),
        }));
        if out.len() >= max {
            break;
        }
    }
    drop(docs);
    let _ = producer.join();
    out
}

fn store(
    state: &AppState,
    docs: Vec<Result<RawDoc, Failed>>,
    started: Instant,
) -> Result<IngestResponse, ApiError> {
    let analyser = state.analyser();
    let mut items: Vec<(Article, SourceInfo)> = Vec::new();
    let mut failed = Vec::new();
    for doc in docs {
        match doc.and_then(|d| {
            newsloom_pipeline::process(d, Some(analyser)).map_err(|f| Failed {
                source: f.source_name,
                reason: f.reason,
            })
        }) {
            Ok(item) => items.push(item),
            Err(f) => failed.push(f),
        }
    }
    let mut stored = Vec::new();
    if !items.is_empty() {
        let summaries: Vec<(Option<String>, String)> = items
            .iter()
            .map(|(a, _)| (a.title.clone(), a.language.code().to_string()))
            .collect();
        let mut store = Store::open(&state.0.config.data)?;
        let outcomes = store.put_batch(items)?;
        newsloom_pipeline::stories::assign_new(&mut store)?;
        for (outcome, (title, language)) in outcomes.into_iter().zip(summaries) {
            stored.push(Stored {
                id: outcome.id,
                status: outcome.status,
                title,
                language,
                story_id: store.story_of(outcome.id)?.map(|a| a.story_id),
            });
        }
    }
    Ok(IngestResponse {
        stored,
        failed,
        seconds: started.elapsed().as_secs_f64(),
    })
}
