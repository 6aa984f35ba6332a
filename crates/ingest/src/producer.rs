//! The ingestion run: local sources read in order on one thread, URLs fetched by a pool of
//! threads (each host served by one thread at a time and rate-limited), documents handed over a
//! bounded channel.

use crate::config::IngestConfig;
use crate::doc::{Link, Outcome, RawDoc};
use crate::feed::parse_feed;
use crate::fetch::{host_key, FetchResult, Fetched, Fetcher};
use crate::files::{read_page, read_stream, walk};
use crate::read::read_capped;
use crate::sitemap::{parse_sitemap, Sitemap};
use crate::source::{classify_body, BodyKind, Location, Source};
use crate::stats::{IngestStats, SharedStats, SkipReason};
use crate::validators::{MemoryValidatorCache, ValidatorCache};
use crate::warc::WarcReader;
use crate::IngestError;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use url::Url;

/// What [`spawn`] hands back: the documents (and failures, as they happen) and the thread
/// whose result is the final [`IngestStats`].
pub type Spawned = (
    Receiver<Result<RawDoc, IngestError>>,
    JoinHandle<IngestStats>,
);

/// Runs `sources` with `config` on background threads; see [`Ingester::spawn`].
pub fn spawn(sources: Vec<Source>, config: IngestConfig) -> Spawned {
    Ingester::new(config).spawn(sources)
}

/// An ingestion run being set up: configuration, validator cache, live counters.
pub struct Ingester {
    config: IngestConfig,
    validators: Arc<dyn ValidatorCache>,
    stats: SharedStats,
}

impl Ingester {
    /// A run with `config`, an in-memory validator cache and fresh counters.
    pub fn new(config: IngestConfig) -> Self {
        Ingester {
            config,
            validators: Arc::new(MemoryValidatorCache::new()),
            stats: SharedStats::new(),
        }
    }

    /// Uses `cache` for conditional GETs (the store's persistent cache, say).
    pub fn validator_cache(mut self, cache: Arc<dyn ValidatorCache>) -> Self {
        self.validators = cache;
        self
    }

    /// The live counters, updated as the run goes (for progress reports).
    pub fn stats(&self) -> SharedStats {
        self.stats.clone()
    }

    /// Starts the run. Local sources are read in order on one thread; URLs (given directly
    /// or listed by feeds and sitemaps) are fetched by [`IngestConfig::fetch_workers`]
    /// threads. Documents arrive on a channel of [`IngestConfig::channel_capacity`] items, so
    /// producers wait for a slow consumer; every failure is both sent as an `Err` and
    /// recorded in the stats, every skip only counted. Dropping the receiver stops the run.
    /// The returned thread ends, with the final counters, when everything has been sent.
    pub fn spawn(self, sources: Vec<Source>) -> Spawned {
        let (sender, receiver) = sync_channel(self.config.channel_capacity.max(1));
        let shared = Arc::new(Shared {
            fetcher: Fetcher::new(self.config.fetch.clone(), self.validators),
            config: self.config,
            stats: self.stats,
            sender,
            scheduler: Scheduler::default(),
            cancelled: AtomicBool::new(false),
            seen: Mutex::new(HashSet::new()),
        });
        let handle = std::thread::spawn(move || {
            let workers: Vec<_> = (0..shared.config.fetch_workers.max(1))
                .map(|_| {
                    let shared = Arc::clone(&shared);
                    std::thread::spawn(move || worker(&shared))
                })
                .collect();
            for source in &sources {
                if let Source::File(path) | Source::Warc(path) = source {
                    shared.stats.add_local_total(file_len(path));
                }
            }
            for source in sources {
                if shared.is_cancelled() {
                    break;
                }
                shared.produce(source);
            }
            shared.scheduler.close();
            for worker in workers {
                if worker.join().is_err() {
                    tracing::error!("a fetch thread panicked");
                }
            }
            shared.stats.snapshot()
        });
        (receiver, handle)
    }
}

/// How many article URLs one command-line source may still add.
#[derive(Debug)]
struct Budget(AtomicUsize);

impl Budget {
    fn new(limit: usize) -> Arc<Self> {
        Arc::new(Budget(AtomicUsize::new(limit)))
    }

    fn take(&self) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(1)
            })
            .is_ok()
    }
}

/// What to do with a fetched URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JobKind {
    /// A URL named on the command line: feed, sitemap or page, by sniffing.
    Sniff,
    /// An article listed by a feed or sitemap.
    Page,
    /// A feed to expand.
    Feed,
    /// A sitemap (or index) to expand.
    Sitemap,
}

#[derive(Debug)]
struct Job {
    url: String,
    kind: JobKind,
    hint: Link,
    budget: Arc<Budget>,
    depth: u32,
}

struct Shared {
    config: IngestConfig,
    fetcher: Fetcher,
    stats: SharedStats,
    sender: SyncSender<Result<RawDoc, IngestError>>,
    scheduler: Scheduler,
    cancelled: AtomicBool,
    /// URLs (and local sitemap paths) already queued in this run.
    seen: Mutex<HashSet<String>>,
}

impl Shared {
    fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Counts and forwards one outcome; false once the consumer has gone.
    fn emit(&self, outcome: Outcome) -> bool {
        match outcome {
            Outcome::Doc(doc) => {
                self.stats.read();
                self.send(Ok(doc))
            }
            Outcome::Skipped { input, reason } => {
                tracing::debug!("{input}: skipped ({reason})");
                self.stats.skip(reason);
                !self.is_cancelled()
            }
            Outcome::Failed(err) => {
                self.stats.fail(err.input(), err.to_string());
                self.send(Err(err))
            }
        }
    }

    fn send(&self, item: Result<RawDoc, IngestError>) -> bool {
        if self.sender.send(item).is_err() {
            self.cancelled.store(true, Ordering::Relaxed);
            self.scheduler.cancel();
            return false;
        }
        true
    }

    fn skip(&self, input: &str, reason: SkipReason) {
        self.emit(Outcome::Skipped {
            input: input.to_string(),
            reason,
        });
    }

    /// True the first time `key` is seen in this run.
    fn first_time(&self, key: &str) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.insert(key.to_string())
    }

    /// Reads a local source, or queues a remote one.
    fn produce(&self, source: Source) {
        let budget = Budget::new(self.config.expand.max_urls);
        match source {
            Source::Stdin => {
                let stdin = std::io::stdin();
                self.emit(read_stream(
                    "<stdin>",
                    stdin.lock(),
                    self.config.max_file_bytes,
                ));
            }
            Source::File(path) => {
                self.emit(read_page(&path, self.config.max_file_bytes));
                self.stats.add_local_read(file_len(&path));
            }
            Source::Dir(dir) => self.produce_dir(&dir),
            Source::Warc(path) => match WarcReader::open(&path, self.config.warc.clone()) {
                Ok(mut reader) => {
                    let mut counted = 0;
                    while let Some(outcome) = reader.next() {
                        let position = reader.position();
                        self.stats.add_local_read(position.saturating_sub(counted));
                        counted = counted.max(position);
                        if !self.emit(outcome) {
                            break;
                        }
                    }
                    self.stats
                        .add_local_read(file_len(&path).saturating_sub(counted));
                }
                Err(err) => {
                    self.emit(Outcome::Failed(err));
                }
            },
            Source::Feed(Location::Path(path)) => {
                if let Some(bytes) = self.read_document(&path) {
                    let name = path.display().to_string();
                    match parse_feed(&bytes, &name, None) {
                        Ok(links) => self.queue_links(links, &budget),
                        Err(err) => {
                            self.emit(Outcome::Failed(err));
                        }
                    }
                }
            }
            Source::Sitemap(Location::Path(path)) => self.produce_local_sitemap(&path, 0, &budget),
            Source::Feed(Location::Url(url)) => self.queue_root(url, JobKind::Feed, budget),
            Source::Sitemap(Location::Url(url)) => self.queue_root(url, JobKind::Sitemap, budget),
            Source::Url(url) => self.queue_root(url, JobKind::Sniff, budget),
        }
    }

    fn produce_dir(&self, dir: &Path) {
        let (files, failures) = walk(dir);
        for (input, err) in failures {
            self.emit(Outcome::Failed(IngestError::io(input, err)));
        }
        if files.is_empty() {
            tracing::warn!(
                "{}: no .html, .htm, .xhtml or .txt files (optionally .gz) in this directory",
                dir.display()
            );
        }
        let sizes: Vec<u64> = files.iter().map(|f| file_len(f)).collect();
        self.stats.add_local_total(sizes.iter().sum());
        for (file, size) in files.iter().zip(sizes) {
            if !self.emit(read_page(file, self.config.max_file_bytes)) {
                break;
            }
            self.stats.add_local_read(size);
        }
    }

    /// Reads a local feed or sitemap under the document cap; failures are emitted.
    fn read_document(&self, path: &Path) -> Option<Vec<u8>> {
        let name = path.display().to_string();
        let limit = self.config.expand.max_document_bytes;
        match File::open(path).and_then(|file| read_capped(file, limit)) {
            Ok(bytes) if bytes.len() > limit => {
                self.emit(Outcome::Failed(IngestError::TooLarge {
                    input: name,
                    limit,
                }));
                None
            }
            Ok(bytes) => Some(bytes),
            Err(err) => {
                self.emit(Outcome::Failed(IngestError::io(name, err)));
                None
            }
        }
    }

    /// Expands a local sitemap: its URLs are queued; an index's entries are read (local
    /// paths, relative to the index, or `file://` URLs) or queued (http/https URLs).
    fn produce_local_sitemap(&self, path: &Path, depth: u32, budget: &Arc<Budget>) {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.first_time(&key.display().to_string()) {
            self.skip(&path.display().to_string(), SkipReason::DuplicateUrl);
            return;
        }
        let Some(bytes) = self.read_document(path) else {
            return;
        };
        let name = path.display().to_string();
        match parse_sitemap(&bytes, &name) {
            Ok(Sitemap::Urls(links)) => self.queue_links(links, budget),
            Ok(Sitemap::Index(children)) => {
                for child in children {
                    if self.is_cancelled() {
                        return;
                    }
                    if depth + 1 > self.config.expand.max_sitemap_depth {
                        self.skip(&child, SkipReason::SitemapDepth);
                    } else if is_http(&child) {
                        self.queue_child_sitemap(child, depth + 1, budget);
                    } else {
                        let child_path = local_child(path, &child);
                        self.produce_local_sitemap(&child_path, depth + 1, budget);
                    }
                }
            }
            Err(err) => {
                self.emit(Outcome::Failed(err));
            }
        }
    }

    fn queue_root(&self, url: String, kind: JobKind, budget: Arc<Budget>) {
        let Some(host) = Url::parse(&url)
            .ok()
            .filter(|u| u.host_str().is_some())
            .map(|u| host_key(&u))
        else {
            self.emit(Outcome::Failed(IngestError::UnsupportedInput {
                input: url,
                reason: "not a valid http(s) URL".to_string(),
            }));
            return;
        };
        if !self.first_time(&url) {
            self.skip(&url, SkipReason::DuplicateUrl);
            return;
        }
        self.stats.url_queued();
        self.scheduler.push(
            host,
            Job {
                url,
                kind,
                hint: Link::default(),
                budget,
                depth: 0,
            },
        );
    }

    fn queue_child_sitemap(&self, url: String, depth: u32, budget: &Arc<Budget>) {
        let Some(host) = http_host(&url) else {
            self.skip(&url, SkipReason::UnsupportedScheme);
            return;
        };
        if !self.first_time(&url) {
            self.skip(&url, SkipReason::DuplicateUrl);
            return;
        }
        self.stats.url_queued();
        self.scheduler.push(
            host,
            Job {
                url,
                kind: JobKind::Sitemap,
                hint: Link::default(),
                budget: Arc::clone(budget),
                depth,
            },
        );
    }

    /// Queues the article links of a feed or sitemap, each once per run and within the
    /// source's URL budget.
    fn queue_links(&self, links: Vec<Link>, budget: &Arc<Budget>) {
        for link in links {
            let Some(host) = http_host(&link.url) else {
                self.skip(&link.url, SkipReason::UnsupportedScheme);
                continue;
            };
            if !self.first_time(&link.url) {
                self.skip(&link.url, SkipReason::DuplicateUrl);
                continue;
            }
            if !budget.take() {
                self.skip(&link.url, SkipReason::UrlLimit);
                continue;
            }
            self.stats.url_queued();
            self.scheduler.push(
                host,
                Job {
                    url: link.url.clone(),
                    kind: JobKind::Page,
                    hint: link,
                    budget: Arc::clone(budget),
                    depth: 0,
                },
            );
        }
    }

    /// Fetches one URL and handles what it gave.
    fn process(&self, job: Job) {
        let fetched = match self.fetcher.fetch(&job.url, true) {
            Ok(FetchResult::Fetched(fetched)) => fetched,
            Ok(FetchResult::Skipped(reason)) => {
                self.skip(&job.url, reason);
                return;
            }
            Err(err) => {
                self.emit(Outcome::Failed(err));
                return;
            }
        };
        let kind = classify_body(fetched.content_type.as_ref(), &fetched.bytes);
        match (job.kind, kind) {
            (JobKind::Page | JobKind::Sniff, BodyKind::Page | BodyKind::PlainText) => {
                let plain_text = kind == BodyKind::PlainText;
                self.emit(Outcome::Doc(page_doc(fetched, job.hint, plain_text)));
            }
            (JobKind::Sniff | JobKind::Feed, BodyKind::Feed) | (JobKind::Feed, _) => {
                match parse_feed(&fetched.bytes, &job.url, Some(&fetched.url)) {
                    Ok(links) => self.queue_links(links, &job.budget),
                    Err(err) => {
                        self.emit(Outcome::Failed(err));
                    }
                }
            }
            (JobKind::Sniff | JobKind::Sitemap, BodyKind::Sitemap) | (JobKind::Sitemap, _) => {
                self.expand_remote_sitemap(&job, &fetched);
            }
            _ => self.skip(&job.url, SkipReason::NotHtml),
        }
    }

    fn expand_remote_sitemap(&self, job: &Job, fetched: &Fetched) {
        match parse_sitemap(&fetched.bytes, &job.url) {
            Ok(Sitemap::Urls(links)) => self.queue_links(links, &job.budget),
            Ok(Sitemap::Index(children)) => {
                for child in children {
                    if job.depth + 1 > self.config.expand.max_sitemap_depth {
                        self.skip(&child, SkipReason::SitemapDepth);
                        continue;
                    }
                    // Relative entries are resolved against the index's URL.
                    let absolute = Url::parse(&fetched.url)
                        .and_then(|base| base.join(&child))
                        .map(String::from)
                        .unwrap_or(child);
                    self.queue_child_sitemap(absolute, job.depth + 1, &job.budget);
                }
            }
            Err(err) => {
                self.emit(Outcome::Failed(err));
            }
        }
    }
}

/// The document of a fetched page.
fn page_doc(fetched: Fetched, hint: Link, plain_text: bool) -> RawDoc {
    RawDoc {
        source: fetched.requested,
        bytes: fetched.bytes,
        url: Some(fetched.url),
        http_charset: fetched.content_type.and_then(|ct| ct.charset),
        plain_text,
        fetched_at: Some(fetched.fetched_at),
        published_hint: hint.published,
        title_hint: hint.title,
        validators: (!fetched.validators.is_empty()).then_some(fetched.validators),
    }
}

fn is_http(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The rate-limit key of an http(s) URL with a host; `None` for anything else.
fn http_host(text: &str) -> Option<String> {
    Url::parse(text)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .map(|u| host_key(&u))
}

/// A local sitemap index entry: a `file://` URL, an absolute path, or a path relative to the
/// index's directory.
fn local_child(index: &Path, child: &str) -> PathBuf {
    if let Some(path) = Url::parse(child)
        .ok()
        .filter(|u| u.scheme() == "file")
        .and_then(|u| u.to_file_path().ok())
    {
        return path;
    }
    let child = Path::new(child);
    if child.is_absolute() {
        child.to_path_buf()
    } else {
        index.parent().unwrap_or(Path::new(".")).join(child)
    }
}

fn worker(shared: &Shared) {
    while let Some((host, job)) = shared.scheduler.next(&shared.fetcher) {
        shared.process(job);
        shared.stats.url_done();
        shared.scheduler.done(&host);
    }
}

/// The size of a file on disk, 0 when it cannot be read (the read itself reports why).
fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Queues of URLs per host; hands a host to one worker at a time, preferring the host whose
/// rate-limit slot comes first.
#[derive(Default)]
struct Scheduler {
    state: Mutex<SchedulerState>,
    changed: Condvar,
}

#[derive(Default)]
struct SchedulerState {
    queues: HashMap<String, VecDeque<Job>>,
    busy: HashSet<String>,
    in_flight: usize,
    closed: bool,
    cancelled: bool,
}

impl Scheduler {
    fn lock(&self) -> MutexGuard<'_, SchedulerState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn push(&self, host: String, job: Job) {
        self.lock().queues.entry(host).or_default().push_back(job);
        self.changed.notify_all();
    }

    /// No more jobs from the producer (workers may still add some).
    fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }

    fn cancel(&self) {
        self.lock().cancelled = true;
        self.changed.notify_all();
    }

    /// The next job, marking its host busy; `None` when everything is done or cancelled.
    fn next(&self, fetcher: &Fetcher) -> Option<(String, Job)> {
        let mut state = self.lock();
        loop {
            if state.cancelled {
                return None;
            }
            let host = state
                .queues
                .iter()
                .filter(|(host, queue)| !queue.is_empty() && !state.busy.contains(*host))
                .min_by_key(|(host, _)| fetcher.rate().next_slot(host))
                .map(|(host, _)| host.clone());
            if let Some(host) = host {
                let job = state.queues.get_mut(&host).and_then(VecDeque::pop_front);
                if state.queues.get(&host).is_some_and(VecDeque::is_empty) {
                    state.queues.remove(&host);
                }
                if let Some(job) = job {
                    state.busy.insert(host.clone());
                    state.in_flight += 1;
                    return Some((host, job));
                }
                continue;
            }
            if state.closed && state.in_flight == 0 && state.queues.is_empty() {
                self.changed.notify_all();
                return None;
            }
            state = self.changed.wait(state).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn done(&self, host: &str) {
        let mut state = self.lock();
        state.busy.remove(host);
        state.in_flight = state.in_flight.saturating_sub(1);
        drop(state);
        self.changed.notify_all();
    }
}
