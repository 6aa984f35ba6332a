//! A canned HTTP server on 127.0.0.1 for the fetch tests: never any other address.

#![allow(dead_code)]

use newsloom_ingest::{spawn, IngestConfig, IngestStats, RawDoc, Source};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The request path.
    pub path: String,
    /// The request head, lower-cased.
    pub head: String,
    /// When it arrived.
    pub at: Instant,
}

/// A running test server.
pub struct Server {
    /// `http://127.0.0.1:port`.
    pub base: String,
    /// Everything received so far.
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// The requests for `path`, in arrival order.
    pub fn requests(&self, path: &str) -> Vec<Seen> {
        let seen = self.seen.lock().expect("server log");
        seen.iter().filter(|s| s.path == path).cloned().collect()
    }

    /// Every request, in arrival order.
    pub fn all(&self) -> Vec<Seen> {
        self.seen.lock().expect("server log").clone()
    }
}

/// A full response with `status`, extra `headers` and `body`.
pub fn reply(status: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

/// An HTML page.
pub fn html(body: &str) -> Vec<u8> {
    reply(
        "200 OK",
        &[("Content-Type", "text/html; charset=utf-8")],
        body,
    )
}

/// A 404.
pub fn not_found() -> Vec<u8> {
    reply("404 Not Found", &[], "")
}

/// Serves `route(path, head, base)` for every connection, one at a time, forever.
pub fn serve<F>(route: F) -> Server
where
    F: Fn(&str, &str, &str) -> Vec<u8> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let own_base = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Ok(clone) = stream.try_clone() else {
                continue;
            };
            let mut reader = BufReader::new(clone);
            let mut head = String::new();
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if line == "\r\n" => break,
                    Ok(_) => head.push_str(&line),
                }
            }
            let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
            let head = head.to_ascii_lowercase();
            log.lock().expect("server log").push(Seen {
                path: path.clone(),
                head: head.clone(),
                at: Instant::now(),
            });
            let response = route(&path, &head, &own_base);
            // A client that hung up is no concern of the server's.
            let _ = stream.write_all(&response);
        }
    });
    Server { base, seen }
}

/// Settings fit for tests: short intervals and backoffs, a couple of workers.
pub fn test_config() -> IngestConfig {
    let mut config = IngestConfig::default();
    config.fetch.min_interval = Duration::from_millis(20);
    config.fetch.backoff_base = Duration::from_millis(10);
    config.fetch.backoff_max = Duration::from_millis(100);
    config.fetch.timeout = Duration::from_secs(5);
    config.fetch_workers = 3;
    config
}

/// Runs `sources` to the end and returns the documents (sorted by source), the failures'
/// messages and the final counters.
pub fn run(sources: Vec<Source>, config: IngestConfig) -> (Vec<RawDoc>, Vec<String>, IngestStats) {
    let (receiver, handle) = spawn(sources, config);
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for item in receiver {
        match item {
            Ok(doc) => docs.push(doc),
            Err(err) => errors.push(err.to_string()),
        }
    }
    let stats = handle.join().expect("ingestion thread");
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    (docs, errors, stats)
}
