//! The newsloom stages joined, shared by the command-line tool and the server:
//!
//! - [`process`]: one raw document (as the ingest crate reads or fetches it) to an extracted,
//!   analysed [`Article`] ready for the store;
//! - [`stories`]: stored articles assigned to stories, and story records built from the store.

pub mod stories;

use newsloom_analyse::Analyser;
use newsloom_extract::{extract, Config, Input};
use newsloom_ingest::RawDoc;
use newsloom_model::Article;
use newsloom_store::SourceInfo;

/// A document that could not be processed: its source and the reason.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{source_name}: {reason}")]
pub struct Failure {
    /// The document's source (path, URL or WARC record).
    pub source_name: String,
    /// Why it failed.
    pub reason: String,
}

/// Extracts and, when `analyser` is given, analyses one raw document.
pub fn process(doc: RawDoc, analyser: Option<&Analyser>) -> Result<(Article, SourceInfo), Failure> {
    let input = Input {
        source: doc.source.clone(),
        bytes: &doc.bytes,
        url: doc.url.clone(),
        http_charset: doc.http_charset.clone(),
        plain_text: doc.plain_text,
        published_fallback: doc.published_hint.clone(),
    };
    let mut article = extract(&input, &Config::default()).map_err(|e| Failure {
        source_name: doc.source.clone(),
        reason: e.to_string(),
    })?;
    if article.title.is_none() {
        article.title = doc.title_hint.clone();
    }
    if let Some(analyser) = analyser {
        analyser.analyse(&mut article, None);
    }
    let info = SourceInfo {
        source: doc.source,
        fetched_at: doc.fetched_at,
        raw_hash: Some(fnv_hex(&doc.bytes)),
    };
    Ok((article, info))
}

/// 64-bit FNV-1a of the raw bytes, in hex: a cheap fingerprint of what was fetched.
pub fn fnv_hex(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_fnv1a() {
        assert_eq!(fnv_hex(b""), "cbf29ce484222325");
        assert_eq!(fnv_hex(b"a"), "af63dc4c8601ec8c");
    }
}
