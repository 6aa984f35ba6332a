//! The HTTP message inside a WARC `response` record: status, headers and decoded body.

use crate::media::ContentType;
use crate::read::read_capped;
use crate::SkipReason;
use memchr::memmem;
use std::io::Read;

/// A parsed HTTP response.
#[derive(Debug, Default)]
pub struct HttpMessage {
    /// The status code.
    pub status: u16,
    /// The `Content-Type` header, parsed, when present.
    pub content_type: Option<ContentType>,
    /// The body, de-chunked and decompressed.
    pub body: Vec<u8>,
}

/// Parses an HTTP response block: status line, headers (at most `max_header` bytes), body;
/// an unusable message gives the reason to skip it.
/// `Transfer-Encoding: chunked` is undone, and `Content-Encoding` gzip/deflate decoded under
/// `max_body` (Common Crawl stores bodies already decoded, other crawlers may not).
pub fn parse_http(
    block: &[u8],
    max_header: usize,
    max_body: usize,
) -> Result<HttpMessage, SkipReason> {
    let window = &block[..block.len().min(max_header)];
    let (head_len, sep_len) = match memmem::find(window, b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => match memmem::find(window, b"\n\n") {
            Some(i) => (i, 2),
            None => return Err(SkipReason::Corrupt),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut words = status_line.split_whitespace();
    let version = words.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(SkipReason::Corrupt);
    }
    let status: u16 = words
        .next()
        .and_then(|code| code.parse().ok())
        .ok_or(SkipReason::Corrupt)?;
    let mut message = HttpMessage {
        status,
        ..HttpMessage::default()
    };
    let mut chunked = false;
    let mut encoding: Option<String> = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-type") {
            message.content_type = Some(ContentType::parse(value));
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("content-encoding") {
            encoding = Some(value.to_ascii_lowercase());
        }
    }
    let raw = &block[head_len + sep_len..];
    let body = if chunked {
        dechunk(raw, max_body).ok_or(SkipReason::Corrupt)?
    } else {
        raw.to_vec()
    };
    message.body = match encoding.as_deref() {
        None | Some("identity") | Some("") => body,
        Some("gzip") | Some("x-gzip") => decoded(read_capped(&body[..], max_body), max_body)?,
        Some("deflate") => {
            let mut out = Vec::new();
            let cap = u64::try_from(max_body)
                .unwrap_or(u64::MAX)
                .saturating_add(1);
            flate2::read::ZlibDecoder::new(&body[..])
                .take(cap)
                .read_to_end(&mut out)
                .map_err(|_| SkipReason::Corrupt)?;
            decoded(Ok(out), max_body)?
        }
        Some(_) => return Err(SkipReason::UnsupportedEncoding),
    };
    Ok(message)
}

fn decoded(result: std::io::Result<Vec<u8>>, max_body: usize) -> Result<Vec<u8>, SkipReason> {
    let body = result.map_err(|_| SkipReason::Corrupt)?;
    if body.len() > max_body {
        return Err(SkipReason::Oversized);
    }
    Ok(body)
}

/// Undoes `Transfer-Encoding: chunked`; `None` when the framing is broken or the result would
/// exceed `max_body`.
fn dechunk(mut raw: &[u8], max_body: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = memmem::find(raw, b"\n")?;
        let line = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size_text = line.trim().split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        raw = &raw[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        if size > raw.len() || out.len() + size > max_body {
            return None;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size..];
        raw = raw
            .strip_prefix(b"\r\n")
            .or_else(|| raw.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_type_and_body() {
        let block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>x</p>";
        let msg = parse_http(block, 1000, 1000).expect("parse");
        assert_eq!(msg.status, 200);
        let ct = msg.content_type.expect("content type");
        assert_eq!(ct.charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(msg.body, b"<p>x</p>");
    }

    #[test]
    fn undoes_chunking() {
        let block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n";
        assert_eq!(parse_http(block, 1000, 1000).expect("parse").body, b"abcde");
        let broken = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc";
        assert_eq!(
            parse_http(broken, 1000, 1000).err(),
            Some(SkipReason::Corrupt)
        );
    }

    #[test]
    fn refuses_unknown_encodings_and_garbage() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx";
        assert_eq!(
            parse_http(block, 1000, 1000).err(),
            Some(SkipReason::UnsupportedEncoding)
        );
        assert!(parse_http(b"garbage", 1000, 1000).is_err());
        assert!(parse_http(b"FTP 200\r\n\r\n", 1000, 1000).is_err());
    }
}
