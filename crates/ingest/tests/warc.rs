//! WARC reading: fixtures built here, gzipped per record (CC-NEWS style) and plain.

use flate2::write::GzEncoder;
use flate2::Compression;
use newsloom_ingest::{IngestStats, Outcome, RawDoc, SkipReason, WarcConfig, WarcReader};
use std::io::{Cursor, Write};

/// A `response` record for `url` with an HTML body and the given HTTP Content-Type.
fn response(url: &str, content_type: &str, body: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}");
    record(
        "response",
        url,
        "application/http; msgtype=response",
        http.as_bytes(),
        None,
    )
}

/// A record with the given WARC-Type and block; `length` overrides the Content-Length field.
fn record(
    kind: &str,
    url: &str,
    content_type: &str,
    block: &[u8],
    length: Option<&str>,
) -> Vec<u8> {
    let length = length.map_or_else(|| block.len().to_string(), str::to_string);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n\
         WARC-Record-ID: <urn:uuid:{kind}-{url}>\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

/// The HTTP block of article `n`.
fn article_block(n: usize) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>Article {n}</p></html>")
        .into_bytes()
}

/// Article `n` with a Content-Length off by `delta` bytes.
fn mislabelled(n: usize, delta: isize) -> Vec<u8> {
    let block = article_block(n);
    let length = (block.len() as isize + delta).to_string();
    record(
        "response",
        &format!("https://news.example.invalid/{n}"),
        "application/http",
        &block,
        Some(&length),
    )
}

fn page(n: usize) -> Vec<u8> {
    response(
        &format!("https://news.example.invalid/{n}"),
        "text/html; charset=ISO-8859-1",
        &format!("<html><body><p>Article {n}</p></body></html>"),
    )
}

/// Reads everything, returning the documents and the counters.
fn read_all(bytes: Vec<u8>, config: WarcConfig) -> (Vec<RawDoc>, IngestStats) {
    let reader = WarcReader::new(Cursor::new(bytes), "test.warc.gz", config).expect("open");
    let mut docs = Vec::new();
    let mut stats = IngestStats::default();
    for outcome in reader {
        match outcome {
            Outcome::Doc(doc) => {
                stats.read += 1;
                docs.push(doc);
            }
            Outcome::Skipped { reason, .. } => stats.skip(reason),
            Outcome::Failed(err) => stats
                .failed
                .push((err.input().to_string(), err.to_string())),
        }
    }
    (docs, stats)
}

fn urls(docs: &[RawDoc]) -> Vec<String> {
    docs.iter()
        .map(|d| d.url.clone().unwrap_or_default())
        .collect()
}

#[test]
fn gzipped_per_record_archive_with_every_kind_of_bad_record() {
    let config = WarcConfig {
        max_record_bytes: 4096,
        ..WarcConfig::default()
    };
    let warcinfo = record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
        None,
    );
    let request = record(
        "request",
        "https://news.example.invalid/0",
        "application/http; msgtype=request",
        b"GET / HTTP/1.1\r\n\r\n",
        None,
    );
    let image = response(
        "https://news.example.invalid/logo.png",
        "image/png",
        "\u{1}PNG",
    );
    // Content-Length says more than the member holds: truncated.
    let truncated = mislabelled(90, 500);
    let bad_length = record(
        "response",
        "https://news.example.invalid/bad",
        "application/http",
        b"HTTP/1.1 200 OK\r\n\r\nx",
        Some("twelve"),
    );
    let huge_body = "x".repeat(10_000);
    let huge = response("https://news.example.invalid/huge", "text/html", &huge_body);
    // A member cut in half, followed by intact members.
    let cut = gzip(&page(91));
    let cut = cut[..cut.len() / 2].to_vec();

    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for member in [
        gzip(&warcinfo),
        gzip(&page(1)),
        gzip(&request),
        gzip(&image),
        gzip(&page(2)),
        gzip(&truncated),
        gzip(&page(3)),
        gzip(&bad_length),
        gzip(&page(4)),
        gzip(&huge),
        cut,
        gzip(&page(5)),
    ] {
        offsets.push(file.len());
        file.extend(member);
    }
    let (docs, stats) = read_all(file, config);
    assert_eq!(
        urls(&docs),
        (1..=5)
            .map(|n| format!("https://news.example.invalid/{n}"))
            .collect::<Vec<_>>()
    );
    let first = &docs[0];
    assert_eq!(first.source, format!("test.warc.gz#{}", offsets[1]));
    assert_eq!(first.http_charset.as_deref(), Some("ISO-8859-1"));
    assert_eq!(first.fetched_at.as_deref(), Some("2024-01-02T03:04:05Z"));
    assert_eq!(first.bytes, b"<html><body><p>Article 1</p></body></html>");
    assert!(!first.plain_text);
    assert_eq!(stats.read, 5);
    assert_eq!(stats.skipped(SkipReason::NotResponse), 2, "{stats:?}");
    assert_eq!(stats.skipped(SkipReason::NotHtml), 1, "{stats:?}");
    assert_eq!(stats.skipped(SkipReason::Truncated), 1, "{stats:?}");
    assert_eq!(stats.skipped(SkipReason::Oversized), 1, "{stats:?}");
    // The bad length and the cut member.
    assert_eq!(stats.skipped(SkipReason::Corrupt), 2, "{stats:?}");
    assert!(stats.failed.is_empty());
}

#[test]
fn plain_archive_with_a_bad_length_and_a_truncated_end() {
    let mut file = Vec::new();
    file.extend(page(1));
    file.extend(record(
        "metadata",
        "https://news.example.invalid/1",
        "application/warc-fields",
        b"a: b\r\n",
        None,
    ));
    // Claims fewer bytes than it has: the record end is not where it should be.
    file.extend(mislabelled(90, -7));
    file.extend(page(2));
    // Claims more bytes than it has: swallows the next record, then fails the end check.
    file.extend(mislabelled(91, 40));
    file.extend(page(3));
    let mut last = page(4);
    last.truncate(last.len() - 20);
    file.extend(last);
    let (docs, stats) = read_all(file, WarcConfig::default());
    assert_eq!(
        urls(&docs),
        (1..=3)
            .map(|n| format!("https://news.example.invalid/{n}"))
            .collect::<Vec<_>>()
    );
    assert_eq!(docs[0].source, "test.warc.gz#0");
    assert_eq!(stats.skipped(SkipReason::NotResponse), 1, "{stats:?}");
    assert_eq!(stats.skipped(SkipReason::Corrupt), 2, "{stats:?}");
    assert_eq!(stats.skipped(SkipReason::Truncated), 1, "{stats:?}");
}

#[test]
fn chunked_and_gzip_encoded_payloads_are_decoded() {
    let body = b"<html><p>decoded</p></html>";
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend(gzip(body));
    let mut file = record(
        "response",
        "https://e.invalid/g",
        "application/http",
        &http,
        None,
    );
    let chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<html\r\n1\r\n>\r\n0\r\n\r\n";
    file.extend(record(
        "response",
        "https://e.invalid/c",
        "application/http",
        chunked,
        None,
    ));
    let (docs, _) = read_all(file, WarcConfig::default());
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].bytes, body);
    assert_eq!(docs[1].bytes, b"<html>");
}

/// A small deterministic generator (xorshift64*), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Fuzz-like: random byte corruptions inside one record never panic, and every record after
/// the damaged one is still read (before it too), gzipped or plain.
#[test]
fn random_corruption_never_panics_and_later_records_survive() {
    const RECORDS: usize = 8;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..500 {
        let gzipped = round % 2 == 0;
        let members: Vec<Vec<u8>> = (0..RECORDS)
            .map(|n| if gzipped { gzip(&page(n)) } else { page(n) })
            .collect();
        let victim = rng.below(RECORDS);
        let mut file = Vec::new();
        let mut victim_range = 0..0;
        for (n, member) in members.iter().enumerate() {
            if n == victim {
                victim_range = file.len()..file.len() + member.len();
            }
            file.extend_from_slice(member);
        }
        let flips = 1 + rng.below(6);
        for _ in 0..flips {
            let at = victim_range.start + rng.below(victim_range.len());
            match rng.below(3) {
                0 => file[at] ^= 1 << rng.below(8),
                1 => file[at] = rng.next() as u8,
                _ => file[at] = b'\n',
            }
        }
        // Sometimes cut a piece out of the victim instead.
        if rng.below(4) == 0 {
            let at = victim_range.start + rng.below(victim_range.len());
            let len = rng.below(victim_range.end - at).max(1);
            file.drain(at..at + len);
        }
        let (docs, stats) = read_all(file, WarcConfig::default());
        let got = urls(&docs);
        for n in (0..RECORDS).filter(|&n| n != victim) {
            let want = format!("https://news.example.invalid/{n}");
            assert!(
                got.contains(&want),
                "round {round} (gzip {gzipped}, victim {victim}): lost {want}; {stats:?}"
            );
        }
        assert!(stats.failed.is_empty(), "round {round}: {stats:?}");
        assert!(docs.len() <= RECORDS);
    }
}

#[test]
fn random_garbage_never_panics() {
    let mut rng = Rng(42);
    for _ in 0..300 {
        let len = rng.below(2000);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if rng.below(2) == 0 && bytes.len() > 3 {
            bytes[..3].copy_from_slice(&[0x1f, 0x8b, 0x08]);
        } else if rng.below(2) == 0 {
            bytes.splice(
                0..0,
                b"WARC/1.0\r\nContent-Length: 5\r\n\r\n".iter().copied(),
            );
        }
        let (docs, _) = read_all(bytes, WarcConfig::default());
        assert!(docs.len() <= 1);
    }
}

#[test]
fn an_empty_file_has_no_records() {
    let (docs, stats) = read_all(Vec::new(), WarcConfig::default());
    assert!(docs.is_empty());
    assert_eq!(stats, IngestStats::default());
}
