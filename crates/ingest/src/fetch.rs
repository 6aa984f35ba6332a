//! Polite HTTP fetching: robots.txt, per-host rate limit, retries with backoff, conditional GET,
//! timeouts, size caps, a User-Agent naming newsloom, http/https only, limited redirects.

use crate::config::FetchConfig;
use crate::media::ContentType;
use crate::rate::RateLimiter;
use crate::read::read_capped;
use crate::robots::{robots_url, RobotsCache, RobotsFetch, RobotsRules};
use crate::time::now_rfc3339;
use crate::validators::{ValidatorCache, Validators};
use crate::{IngestError, SkipReason};
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;
use ureq::ResponseExt;
use url::Url;

/// A fetched body with what the response said about it.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL asked for.
    pub requested: String,
    /// The URL the body came from, after redirects.
    pub url: String,
    /// The body, un-gzipped, at most [`FetchConfig::max_body_bytes`].
    pub bytes: Vec<u8>,
    /// The `Content-Type` header, parsed.
    pub content_type: Option<ContentType>,
    /// When it was fetched, RFC 3339.
    pub fetched_at: String,
    /// The response's `ETag` and `Last-Modified`.
    pub validators: Validators,
}

/// What a fetch gave: a body, or a reason it was deliberately not fetched or not kept.
#[derive(Debug, Clone)]
pub enum FetchResult {
    /// A 2xx body.
    Fetched(Fetched),
    /// Left out (robots.txt, not modified, oversized, unsupported scheme).
    Skipped(SkipReason),
}

/// One answer from the server, before deciding what it means.
struct Answer {
    status: u16,
    final_url: String,
    content_type: Option<ContentType>,
    validators: Validators,
    retry_after: Option<Duration>,
    bytes: Vec<u8>,
}

/// The rate-limit key of a URL: `host:port`.
pub fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// A polite HTTP client shared by the fetch threads.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    rate: RateLimiter,
    robots: RobotsCache,
    validators: Arc<dyn ValidatorCache>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    /// A client with `config`, looking up and recording validators in `validators`.
    pub fn new(config: FetchConfig, validators: Arc<dyn ValidatorCache>) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .max_redirects(config.max_redirects)
            .user_agent(config.user_agent.as_str())
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher {
            agent,
            rate: RateLimiter::new(config.min_interval),
            robots: RobotsCache::new(),
            config,
            validators,
        }
    }

    /// The settings in use.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// The per-host rate limiter (for schedulers that pick the host whose turn comes first).
    pub fn rate(&self) -> &RateLimiter {
        &self.rate
    }

    /// Fetches `url` politely. With `conditional`, known validators are sent and a `304`
    /// gives [`SkipReason::NotModified`]; fresh validators are recorded either way.
    pub fn fetch(&self, url: &str, conditional: bool) -> Result<FetchResult, IngestError> {
        let Some(parsed) = Url::parse(url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        else {
            return Ok(FetchResult::Skipped(SkipReason::UnsupportedScheme));
        };
        if self.config.obey_robots && !self.robots_allow(&parsed)? {
            tracing::debug!("{url}: disallowed by robots.txt");
            return Ok(FetchResult::Skipped(SkipReason::RobotsTxt));
        }
        let known = if conditional {
            self.validators.get(url).filter(|v| !v.is_empty())
        } else {
            None
        };
        let answer = self.request(&parsed, known.as_ref(), self.config.max_body_bytes)?;
        match answer.status {
            304 => Ok(FetchResult::Skipped(SkipReason::NotModified)),
            200..=299 => {
                if answer.bytes.len() > self.config.max_body_bytes {
                    return Ok(FetchResult::Skipped(SkipReason::Oversized));
                }
                if !answer.validators.is_empty() {
                    self.validators.put(url, answer.validators.clone());
                }
                Ok(FetchResult::Fetched(Fetched {
                    requested: url.to_string(),
                    url: answer.final_url,
                    bytes: answer.bytes,
                    content_type: answer.content_type,
                    fetched_at: now_rfc3339(),
                    validators: answer.validators,
                }))
            }
            status => Err(IngestError::HttpStatus {
                input: url.to_string(),
                status,
            }),
        }
    }

    /// Looks up (fetching once per origin) whether robots.txt allows `url`.
    fn robots_allow(&self, url: &Url) -> Result<bool, IngestError> {
        if let Some(rules) = self.robots.get(url) {
            return Ok(rules.allows(url));
        }
        let Some(robots) = robots_url(url) else {
            return Ok(true);
        };
        let fetch = match self.request(&robots, None, self.config.max_robots_bytes) {
            Ok(answer) if (200..300).contains(&answer.status) => {
                let mut body = answer.bytes;
                body.truncate(self.config.max_robots_bytes);
                RobotsFetch::Body(body)
            }
            Ok(answer) if answer.status >= 500 => RobotsFetch::Unreachable,
            Ok(_) => RobotsFetch::Unavailable,
            Err(IngestError::Network { message, .. }) if message.contains("redirect") => {
                RobotsFetch::Unavailable
            }
            Err(IngestError::Network { message, .. }) => {
                return Err(IngestError::Network {
                    input: url.to_string(),
                    message: format!("robots.txt unreachable: {message}"),
                })
            }
            Err(err) => return Err(err),
        };
        let rules = RobotsRules::new(&fetch, &self.config.robots_agent);
        if self.config.obey_crawl_delay {
            if let Some(delay) = rules.crawl_delay() {
                self.rate
                    .set_interval(&host_key(url), delay.min(self.config.max_crawl_delay));
            }
        }
        Ok(self.robots.insert(url, rules).allows(url))
    }

    /// Sends a GET, waiting for the host's turn before each attempt and retrying 429, 5xx,
    /// timeouts and broken connections with exponential backoff. Returns the last answer
    /// (whatever its status) or the last network error.
    fn request(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        max_bytes: usize,
    ) -> Result<Answer, IngestError> {
        let host = host_key(url);
        let mut attempt = 0;
        loop {
            self.rate.wait(&host);
            let outcome = self.attempt(url, validators, max_bytes);
            let retryable = match &outcome {
                Ok(answer) => answer.status == 429 || answer.status >= 500,
                Err(err) => is_transient(err),
            };
            if !retryable || attempt >= self.config.max_retries {
                return outcome.map_err(|err| IngestError::Network {
                    input: url.to_string(),
                    message: err.to_string(),
                });
            }
            let backoff = self
                .config
                .backoff_base
                .saturating_mul(1 << attempt.min(16))
                .max(
                    outcome
                        .as_ref()
                        .ok()
                        .and_then(|a| a.retry_after)
                        .unwrap_or_default(),
                )
                .min(self.config.backoff_max);
            tracing::debug!("{url}: retrying in {backoff:?} (attempt {})", attempt + 1);
            std::thread::sleep(backoff);
            attempt += 1;
        }
    }

    fn attempt(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        max_bytes: usize,
    ) -> Result<Answer, ureq::Error> {
        let mut request = self.agent.get(url.as_str());
        if let Some(validators) = validators {
            if let Some(etag) = &validators.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(date) = &validators.last_modified {
                request = request.header("If-Modified-Since", date);
            }
        }
        let response = request.call()?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
        };
        let status = response.status().as_u16();
        let content_type = header("content-type").map(|value| ContentType::parse(&value));
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let retry_after = header("retry-after")
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let final_url = response.get_uri().to_string();
        let bytes = if (200..300).contains(&status) {
            let reader = response.into_body().into_reader();
            read_capped(reader, max_bytes)?
        } else {
            // Drain a little so the connection closes cleanly; the body is not used.
            let mut reader = response.into_body().into_reader().take(64 * 1024);
            let mut sink = Vec::new();
            // An error body that cannot be read changes nothing: the status decides.
            if let Err(err) = reader.read_to_end(&mut sink) {
                tracing::trace!("{url}: error body unreadable: {err}");
            }
            Vec::new()
        };
        Ok(Answer {
            status,
            final_url,
            content_type,
            validators,
            retry_after,
            bytes,
        })
    }
}

/// Timeouts and broken connections are worth another try; DNS, TLS and protocol errors not.
fn is_transient(err: &ureq::Error) -> bool {
    matches!(
        err,
        ureq::Error::Timeout(_)
            | ureq::Error::Io(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::BodyStalled
    )
}
