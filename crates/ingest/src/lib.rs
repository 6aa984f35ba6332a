//! Ingestion sources of newsloom: turn command-line sources into a stream of raw documents.
//!
//! A [`Source`] is parsed from a command-line argument: a page file or a directory of pages, a
//! WARC archive (plain or gzipped per record, as CC-NEWS ships it), an RSS/Atom feed or an XML
//! sitemap (file or URL; they expand to the article URLs they list), or a URL (fetched, then
//! sniffed: feed, sitemap or page). URLs are fetched politely: robots.txt, a per-host rate
//! limit, retries with backoff, conditional GETs through a [`ValidatorCache`], size caps.
//!
//! [`spawn`] runs everything on background threads and hands the documents over a bounded
//! channel, while [`IngestStats`] counts what was read, skipped (with a [`SkipReason`]) and
//! failed.
//!
//! ```no_run
//! use newsloom_ingest::{spawn, IngestConfig, Source};
//!
//! let sources = vec![Source::parse("pages/")?, Source::parse("CC-NEWS.warc.gz")?];
//! let (docs, handle) = spawn(sources, IngestConfig::default());
//! for doc in docs {
//!     match doc {
//!         Ok(doc) => println!("{} ({} bytes)", doc.source, doc.bytes.len()),
//!         Err(err) => eprintln!("{err}"),
//!     }
//! }
//! let stats = handle.join().expect("ingestion thread");
//! println!("read {}, skipped {}", stats.read, stats.skipped_total());
//! # Ok::<(), newsloom_ingest::IngestError>(())
//! ```

mod config;
mod doc;
mod error;
pub mod feed;
pub mod fetch;
pub mod files;
pub mod media;
mod payload;
mod producer;
pub mod rate;
mod read;
pub mod robots;
pub mod sitemap;
pub mod source;
mod stats;
mod time;
pub mod validators;
pub mod warc;

pub use config::{ExpandConfig, FetchConfig, IngestConfig, WarcConfig, USER_AGENT};
pub use doc::{Link, Outcome, RawDoc};
pub use error::IngestError;
pub use fetch::Fetcher;
pub use producer::{spawn, Ingester};
pub use read::read_capped;
pub use source::{Location, Source};
pub use stats::{IngestStats, SharedStats, SkipReason};
pub use time::now_rfc3339;
pub use validators::{MemoryValidatorCache, ValidatorCache, Validators};
pub use warc::WarcReader;
