//! `newsloom serve`: the JSON API and the web reader over a newsloom store, from one process.
//!
//! - `/api/v1/…`: search (with facets), articles, entities, quotes, stories, stats, health,
//!   a token-protected ingest, and the OpenAPI document describing all of them
//!   (`/api/v1/openapi.json`). Errors are JSON: `{"error": {"code", "message"}}`.
//! - `/`, `/search`, `/article/{id}`, `/story/{id}`, `/entity/{name}`, …: the web reader,
//!   server-rendered HTML that needs no JavaScript, with a strict Content-Security-Policy.
//!
//! Reads go through a small pool of read-only stores (no lock: `newsloom ingest` can run
//! beside the server); an ingest request opens the store for writing for its own duration.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let config = newsloom_serve::ServeConfig::new("./newsloom-data".into());
//! let listener = tokio::net::TcpListener::bind(config.addr).await?;
//! newsloom_serve::serve(listener, newsloom_serve::AppState::new(config)).await
//! # }
//! ```

mod api;
mod error;
mod facet_cache;
mod ingest;
mod openapi;
mod params;
mod pool;
mod security;
mod web;

use axum::Router;
use newsloom_analyse::Analyser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::net::TcpListener;

pub use error::ApiError;
pub use openapi::openapi_document;

/// Every route of the JSON API: method and path under `/api/v1`.
pub fn api_routes() -> &'static [(&'static str, &'static str)] {
    api::ROUTES
}

/// Where the server listens by default: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Size, length and time limits of the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body (an ingested page), in bytes.
    pub max_body_bytes: usize,
    /// Longest search text or name parameter, in characters.
    pub max_query_chars: usize,
    /// Largest page of results.
    pub max_page_size: usize,
    /// Deepest page of results (`page × per_page`).
    pub max_offset: usize,
    /// Longest time a read request may take.
    pub request_timeout: Duration,
    /// Longest time an ingest request may take (fetching included).
    pub ingest_timeout: Duration,
    /// Most documents one ingest request may store (a feed URL can list many).
    pub max_ingest_docs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 4 * 1024 * 1024,
            max_query_chars: 500,
            max_page_size: 100,
            max_offset: 10_000,
            request_timeout: Duration::from_secs(10),
            ingest_timeout: Duration::from_secs(120),
            max_ingest_docs: 50,
        }
    }
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The data directory of the store.
    pub data: PathBuf,
    /// The address to bind.
    pub addr: SocketAddr,
    /// The bearer token that `POST /api/v1/ingest` requires; without one, ingest is disabled.
    pub token: Option<String>,
    /// Limits.
    pub limits: Limits,
}

impl ServeConfig {
    /// Defaults for the store in `data`: loopback, port 8080, no ingest token.
    pub fn new(data: PathBuf) -> Self {
        ServeConfig {
            data,
            addr: DEFAULT_ADDR
                .parse()
                .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8080))),
            token: None,
            limits: Limits::default(),
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    config: ServeConfig,
    readers: pool::Readers,
    /// One ingest at a time (a store has one writer).
    writer: tokio::sync::Mutex<()>,
    analyser: OnceLock<Analyser>,
    /// Reads running at once: one per pooled reader, so that readers are reused rather than
    /// opened under load (excess requests wait their turn without a thread each).
    reads: tokio::sync::Semaphore,
    facets: facet_cache::FacetCache,
}

impl AppState {
    /// State for `config`; nothing is opened until the first request.
    pub fn new(config: ServeConfig) -> Self {
        let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
        let readers = (parallel * 2).clamp(2, pool::MAX_IDLE);
        AppState(Arc::new(Inner {
            readers: pool::Readers::new(config.data.clone()),
            reads: tokio::sync::Semaphore::new(readers),
            facets: facet_cache::FacetCache::default(),
            config,
            writer: tokio::sync::Mutex::new(()),
            analyser: OnceLock::new(),
        }))
    }

    fn limits(&self) -> &Limits {
        &self.0.config.limits
    }

    fn analyser(&self) -> &Analyser {
        self.0.analyser.get_or_init(Analyser::new)
    }

    /// The facets of `query` over `store`, from the cache when they are fresh.
    fn facets(
        &self,
        store: &newsloom_store::Store,
        query: &newsloom_store::SearchQuery,
    ) -> Result<newsloom_store::Facets, ApiError> {
        self.0
            .facets
            .get_or_compute(query, self.0.readers.generation(), || {
                store.facets(query, api::FACET_DOCS).map_err(ApiError::from)
            })
    }

    /// Runs `f` on a pooled read-only store on the blocking thread pool.
    async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&newsloom_store::Store) -> Result<T, ApiError> + Send + 'static,
    {
        let timeout = self.limits().request_timeout;
        let work = async {
            let _permit = self
                .0
                .reads
                .acquire()
                .await
                .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
            let state = self.clone();
            tokio::task::spawn_blocking(move || state.0.readers.with(f))
                .await
                .map_err(|e| ApiError::internal(format!("request task failed: {e}")))?
        };
        tokio::time::timeout(timeout, work).await.map_err(|_| {
            ApiError::timeout(format!("the request took over {} s", timeout.as_secs_f64()))
        })?
    }
}

/// The whole application: API, web reader, static files, security headers and limits.
pub fn router(state: AppState) -> Router {
    let limits = state.limits().clone();
    let api = api::routes(state.clone());
    let web = web::routes(state.clone());
    security::layers(
        Router::new()
            .nest("/api/v1", api)
            .merge(web)
            .fallback(error::not_found),
        &limits,
    )
}

/// Serves `state` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Binds `config.addr`, calls `ready` with the bound address, and serves until Ctrl-C or
/// SIGTERM, on a runtime of its own (for callers without one, like the command-line tool).
pub fn run_blocking(config: ServeConfig, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = TcpListener::bind(config.addr).await.map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot listen on {}: {e}", config.addr))
        })?;
        ready(listener.local_addr()?);
        serve(listener, AppState::new(config)).await
    })
}
