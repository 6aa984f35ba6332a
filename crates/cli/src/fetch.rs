//! Fetching `http(s)://` inputs.

use anyhow::{Context, Result};
use std::time::Duration;
use ureq::ResponseExt;

/// The `User-Agent` sent with every request.
pub const USER_AGENT: &str = concat!(
    "newsloom/",
    env!("CARGO_PKG_VERSION"),
    " (+https://example.invalid/newsloom)"
);

/// Time allowed for a whole request, body included.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Most redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;

/// A fetched page.
#[derive(Debug)]
pub struct Fetched {
    /// The body, un-gzipped, at most `limit + 1` bytes.
    pub bytes: Vec<u8>,
    /// The address the body came from, after redirects.
    pub final_url: String,
    /// The `charset` parameter of the `Content-Type` header.
    pub charset: Option<String>,
}

/// An HTTP client with newsloom's settings (timeout, redirects, user agent, size cap).
#[derive(Debug)]
pub struct Fetcher {
    agent: ureq::Agent,
    limit: usize,
}

impl Fetcher {
    /// A client that reads at most `limit + 1` bytes of each body.
    pub fn new(limit: usize) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(USER_AGENT)
            .build();
        Fetcher {
            agent: config.into(),
            limit,
        }
    }

    /// Fetches `url`. HTTP error statuses, too many redirects and network failures are errors.
    pub fn fetch(&self, url: &str) -> Result<Fetched> {
        let response = self.agent.get(url).call().context("fetch failed")?;
        let final_url = response.get_uri().to_string();
        let charset = response.body().charset().map(str::to_string);
        let body = response.into_body().into_reader();
        let bytes = crate::input::read_capped(body, self.limit)
            .context("fetch failed while reading the body")?;
        Ok(Fetched {
            bytes,
            final_url,
            charset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    /// Serves the canned `responses`, one per connection, and returns the base URL and the
    /// request heads it received.
    fn serve(responses: Vec<Vec<u8>>) -> (String, std::thread::JoinHandle<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let handle = std::thread::spawn(move || {
            let mut heads = Vec::new();
            for response in responses {
                let (mut stream, _) = listener.accept().expect("accept");
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut head = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).expect("read") == 0 || line == "\r\n" {
                        break;
                    }
                    head.push_str(&line);
                }
                heads.push(head);
                stream.write_all(&response).expect("write");
            }
            heads
        });
        (format!("http://{addr}"), handle)
    }

    #[test]
    fn follows_redirects_and_keeps_charset_and_final_url() {
        let body = b"<html><body><p>caf\xe9</p></body></html>";
        let mut page = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        page.extend_from_slice(body);
        let redirect = b"HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Length: 0\r\n\
                         Connection: close\r\n\r\n"
            .to_vec();
        let (base, server) = serve(vec![redirect, page]);
        let fetched = Fetcher::new(1000)
            .fetch(&format!("{base}/start"))
            .expect("fetch");
        assert_eq!(fetched.final_url, format!("{base}/final"));
        assert_eq!(
            fetched
                .charset
                .as_deref()
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(fetched.bytes, body);
        let heads = server.join().expect("server");
        assert!(heads[0].starts_with("GET /start "), "{}", heads[0]);
        assert!(heads[0]
            .to_ascii_lowercase()
            .contains(&format!("user-agent: {}", USER_AGENT.to_ascii_lowercase())));
    }

    #[test]
    fn http_errors_are_errors() {
        let (base, server) = serve(vec![
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
        ]);
        let err = Fetcher::new(1000).fetch(&base).expect_err("404");
        assert!(format!("{err:#}").contains("404"), "{err:#}");
        server.join().expect("server");
    }
}
