//! A streaming WARC reader for plain and per-record-gzipped archives (Common Crawl's CC-NEWS).
//!
//! Gzipped archives are read gzip member by gzip member (never through one `GzDecoder` over
//! the whole file, which would stop after the first member). Memory stays bounded: the raw
//! input goes through a fixed buffer, record blocks over [`WarcConfig::max_record_bytes`] are
//! streamed past without being buffered, and header blocks are capped.
//!
//! A damaged record is counted once (truncated or corrupt) and the reader resynchronises: it
//! goes back to one byte after the damaged record's start and scans for the next gzip member
//! (`1f 8b 08`) or the next `WARC/1.` line, so one bad length or one cut member costs one
//! record, not the rest of the file. Candidates found while resynchronising that turn out not
//! to be records are passed over silently.

use crate::config::WarcConfig;
use crate::doc::{Outcome, RawDoc};
use crate::media::ContentType;
use crate::payload::parse_http;
use crate::{IngestError, SkipReason};
use memchr::memmem;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// The first bytes of a gzip member with the deflate method.
const GZIP_MEMBER_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// What every WARC record starts with (`WARC/1.0`, `WARC/1.1`).
const WARC_MAGIC: &[u8] = b"WARC/1.";

/// What ends every record's content block.
const RECORD_END: &[u8] = b"\r\n\r\n";

/// Size of the raw input buffer.
const BUFFER_BYTES: usize = 64 * 1024;

/// Blank lines tolerated before a record's version line.
const MAX_LEADING_NEWLINES: usize = 16;

/// Reads WARC records as [`Outcome`]s: a [`Outcome::Doc`] per usable HTML response, a
/// [`Outcome::Skipped`] per record left out, and a final [`Outcome::Failed`] if the
/// underlying file cannot be read any further.
///
/// ```no_run
/// use newsloom_ingest::{Outcome, WarcConfig, WarcReader};
/// let reader = WarcReader::open("CC-NEWS-20240101.warc.gz", WarcConfig::default())?;
/// for outcome in reader {
///     if let Outcome::Doc(doc) = outcome {
///         println!("{} {:?}", doc.source, doc.url);
///     }
/// }
/// # Ok::<(), newsloom_ingest::IngestError>(())
/// ```
#[derive(Debug)]
pub struct WarcReader<R> {
    stream: ByteStream<R>,
    name: String,
    config: WarcConfig,
    gzip: bool,
    done: bool,
    resyncing: bool,
}

impl WarcReader<File> {
    /// Opens a WARC file, gzipped or not (sniffed from its first bytes).
    pub fn open(path: impl AsRef<Path>, config: WarcConfig) -> Result<Self, IngestError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let file = File::open(path).map_err(|err| IngestError::io(name.clone(), err))?;
        WarcReader::new(file, name, config)
    }
}

impl<R: Read + Seek> WarcReader<R> {
    /// Reads the WARC in `reader`, naming records `name#offset`.
    pub fn new(
        reader: R,
        name: impl Into<String>,
        config: WarcConfig,
    ) -> Result<Self, IngestError> {
        let name = name.into();
        let mut stream = ByteStream::new(reader);
        let head = stream
            .ensure(BUFFER_BYTES)
            .map_err(|err| IngestError::io(name.clone(), err))?;
        // Gzipped when it starts like gzip, or (first member damaged) when it does not start
        // like a plain record but a gzip member begins further on.
        let gzip = head.starts_with(&GZIP_MEMBER_MAGIC[..2])
            || (!head.trim_ascii_start().starts_with(WARC_MAGIC)
                && memmem::find(head, &GZIP_MEMBER_MAGIC).is_some());
        Ok(WarcReader {
            stream,
            name,
            config,
            gzip,
            done: false,
            resyncing: false,
        })
    }

    /// The offset in the archive (as stored, compressed or not) up to which it has been read.
    pub fn position(&self) -> u64 {
        self.stream.position()
    }

    /// True when the archive is gzipped (member by member).
    pub fn is_gzip(&self) -> bool {
        self.gzip
    }

    fn source(&self, offset: u64) -> String {
        format!("{}#{offset}", self.name)
    }

    fn fatal(&mut self, err: io::Error) -> Option<Outcome> {
        self.done = true;
        Some(Outcome::Failed(IngestError::io(self.name.clone(), err)))
    }

    /// Handles a damaged record at `start`: counts it unless already resynchronising, then
    /// moves to the next candidate after `start`. `None` means "keep going".
    fn damaged(&mut self, start: u64, reason: SkipReason) -> Result<Option<Outcome>, io::Error> {
        let report = !self.resyncing;
        self.resyncing = true;
        self.stream.seek_to(start + 1)?;
        let needle: &[u8] = if self.gzip {
            &GZIP_MEMBER_MAGIC
        } else {
            WARC_MAGIC
        };
        if !self.stream.find(needle)? {
            self.done = true;
        }
        Ok(report.then(|| Outcome::Skipped {
            input: self.source(start),
            reason,
        }))
    }

    fn next_gzip(&mut self) -> Option<Outcome> {
        loop {
            let start = self.stream.position();
            match self.stream.ensure(GZIP_MEMBER_MAGIC.len()) {
                Ok([]) => {
                    self.done = true;
                    return None;
                }
                Ok(head) if head.starts_with(&GZIP_MEMBER_MAGIC) => {}
                Ok(_) => match self.damaged(start, SkipReason::Corrupt) {
                    Ok(Some(outcome)) => return Some(outcome),
                    Ok(None) if self.done => return None,
                    Ok(None) => continue,
                    Err(err) => return self.fatal(err),
                },
                Err(err) => return self.fatal(err),
            }
            let result = {
                let decoder = flate2::bufread::GzDecoder::new(&mut self.stream);
                let mut member = BufReader::with_capacity(8 * 1024, decoder);
                read_record(&mut member, &self.config).and_then(|record| {
                    // The rest of the member (the record's trailing CRLFs) must decode too:
                    // this also checks the member's CRC.
                    io::copy(&mut member, &mut io::sink()).map_err(RecordError::from)?;
                    Ok(record)
                })
            };
            match result {
                Ok(record) => {
                    self.resyncing = false;
                    return Some(self.outcome(record, start));
                }
                Err(err) => match self.damaged(start, err.reason()) {
                    Ok(Some(outcome)) => return Some(outcome),
                    Ok(None) if self.done => return None,
                    Ok(None) => continue,
                    Err(err) => return self.fatal(err),
                },
            }
        }
    }

    fn next_plain(&mut self) -> Option<Outcome> {
        loop {
            if let Err(err) = self.stream.skip_newlines(MAX_LEADING_NEWLINES) {
                return self.fatal(err);
            }
            let start = self.stream.position();
            match self.stream.ensure(1) {
                Ok([]) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(err) => return self.fatal(err),
            }
            let result = read_record(&mut self.stream, &self.config).and_then(|record| {
                // A record ends with CRLF CRLF; without it, the file must end or the next
                // record start there: anything else means its Content-Length was wrong.
                if self
                    .stream
                    .ensure(RECORD_END.len())?
                    .starts_with(RECORD_END)
                {
                    self.stream.consume(RECORD_END.len());
                    return Ok(record);
                }
                self.stream.skip_newlines(RECORD_END.len())?;
                match self.stream.ensure(WARC_MAGIC.len())? {
                    [] => Ok(record),
                    next if next.starts_with(WARC_MAGIC) => Ok(record),
                    _ => Err(RecordError::Corrupt),
                }
            });
            match result {
                Ok(record) => {
                    self.resyncing = false;
                    return Some(self.outcome(record, start));
                }
                Err(err) => match self.damaged(start, err.reason()) {
                    Ok(Some(outcome)) => return Some(outcome),
                    Ok(None) if self.done => return None,
                    Ok(None) => continue,
                    Err(err) => return self.fatal(err),
                },
            }
        }
    }

    fn outcome(&self, record: Record, start: u64) -> Outcome {
        let source = self.source(start);
        match record {
            Record::Skip(reason) => Outcome::Skipped {
                input: source,
                reason,
            },
            Record::Page(page) => Outcome::Doc(RawDoc {
                source,
                bytes: page.body,
                url: page.url,
                http_charset: page.charset,
                plain_text: false,
                fetched_at: page.date,
                ..RawDoc::default()
            }),
        }
    }
}

impl<R: Read + Seek> Iterator for WarcReader<R> {
    type Item = Outcome;

    fn next(&mut self) -> Option<Outcome> {
        if self.done {
            return None;
        }
        if self.gzip {
            self.next_gzip()
        } else {
            self.next_plain()
        }
    }
}

/// A record read whole: a page, or a reason to leave it out.
#[derive(Debug)]
enum Record {
    Page(Page),
    Skip(SkipReason),
}

/// The usable content of a response record.
#[derive(Debug)]
struct Page {
    body: Vec<u8>,
    url: Option<String>,
    charset: Option<String>,
    date: Option<String>,
}

/// Why a record could not be read; the reader resynchronises after it.
#[derive(Debug)]
enum RecordError {
    /// The content ended before the announced length.
    Truncated,
    /// Anything else: bad version line, bad length, bad compression, header too long.
    Corrupt,
}

impl RecordError {
    fn reason(&self) -> SkipReason {
        match self {
            RecordError::Truncated => SkipReason::Truncated,
            RecordError::Corrupt => SkipReason::Corrupt,
        }
    }
}

impl From<io::Error> for RecordError {
    fn from(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::UnexpectedEof {
            RecordError::Truncated
        } else {
            RecordError::Corrupt
        }
    }
}

/// The WARC header fields the reader uses.
#[derive(Debug, Default)]
struct Head {
    warc_type: Option<String>,
    content_length: Option<u64>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<ContentType>,
}

/// Reads one record (header block and content block) from `input`, leaving it just after the
/// content block.
fn read_record(input: &mut impl BufRead, config: &WarcConfig) -> Result<Record, RecordError> {
    let head = read_head(input, config.max_header_bytes)?;
    let length = head.content_length.ok_or(RecordError::Corrupt)?;
    let kind = head.warc_type.as_deref().unwrap_or("").to_ascii_lowercase();
    let html_resource =
        kind == "resource" && head.content_type.as_ref().is_some_and(ContentType::is_html);
    let skip = if kind != "response" && !html_resource {
        Some(SkipReason::NotResponse)
    } else if length > config.max_record_bytes {
        Some(SkipReason::Oversized)
    } else {
        None
    };
    if let Some(reason) = skip {
        let skipped = io::copy(&mut input.take(length), &mut io::sink())?;
        if skipped < length {
            return Err(RecordError::Truncated);
        }
        return Ok(Record::Skip(reason));
    }
    // `length` is at most `max_record_bytes`, itself meant to fit in memory.
    let capacity = usize::try_from(length).map_err(|_| RecordError::Corrupt)?;
    let mut block = Vec::with_capacity(capacity);
    input.take(length).read_to_end(&mut block)?;
    if block.len() < capacity {
        return Err(RecordError::Truncated);
    }
    let url = head.target_uri.map(|uri| {
        uri.trim_start_matches('<')
            .trim_end_matches('>')
            .to_string()
    });
    if html_resource {
        return Ok(Record::Page(Page {
            body: block,
            url,
            charset: head.content_type.and_then(|ct| ct.charset),
            date: head.date,
        }));
    }
    let message = match parse_http(&block, config.max_header_bytes, capacity) {
        Ok(message) => message,
        Err(reason) => return Ok(Record::Skip(reason)),
    };
    if !(200..300).contains(&message.status) {
        return Ok(Record::Skip(SkipReason::HttpStatus));
    }
    // A response without a Content-Type is kept: the extractor sniffs.
    if message
        .content_type
        .as_ref()
        .is_some_and(|ct| !ct.is_html())
    {
        return Ok(Record::Skip(SkipReason::NotHtml));
    }
    Ok(Record::Page(Page {
        body: message.body,
        url,
        charset: message.content_type.and_then(|ct| ct.charset),
        date: head.date,
    }))
}

/// Reads the version line and the header fields up to the blank line.
fn read_head(input: &mut impl BufRead, max_bytes: usize) -> Result<Head, RecordError> {
    let mut budget = max_bytes;
    let mut line = Vec::new();
    let mut newlines = 0;
    loop {
        line.clear();
        if !read_line(input, &mut line, &mut budget)? {
            return Err(RecordError::Truncated);
        }
        if trim_eol(&line).is_empty() && newlines < MAX_LEADING_NEWLINES {
            newlines += 1;
            continue;
        }
        break;
    }
    if !line.starts_with(WARC_MAGIC) {
        return Err(RecordError::Corrupt);
    }
    let mut head = Head::default();
    loop {
        line.clear();
        if !read_line(input, &mut line, &mut budget)? {
            return Err(RecordError::Truncated);
        }
        let text = trim_eol(&line);
        if text.is_empty() {
            return Ok(head);
        }
        let text = String::from_utf8_lossy(text);
        let Some((name, value)) = text.split_once(':') else {
            return Err(RecordError::Corrupt);
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => head.warc_type = Some(value.to_string()),
            "content-length" => {
                head.content_length = Some(value.parse().map_err(|_| RecordError::Corrupt)?);
            }
            "warc-target-uri" => head.target_uri = Some(value.to_string()),
            "warc-date" => head.date = Some(value.to_string()),
            "content-type" => head.content_type = Some(ContentType::parse(value)),
            _ => {}
        }
    }
}

/// Appends one line (with its `\n`) to `line`; false at end of input before any byte.
/// Fails as corrupt when the header block exceeds its byte budget.
fn read_line(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    budget: &mut usize,
) -> Result<bool, RecordError> {
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return if line.is_empty() {
                Ok(false)
            } else {
                Err(RecordError::Truncated)
            };
        }
        let (take, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if take > *budget {
            return Err(RecordError::Corrupt);
        }
        *budget -= take;
        line.extend_from_slice(&available[..take]);
        input.consume(take);
        if found {
            return Ok(true);
        }
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The raw input behind a fixed buffer, with absolute positions, scanning and seeking.
#[derive(Debug)]
struct ByteStream<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Absolute offset of `buf[0]`.
    offset: u64,
}

impl<R: Read + Seek> ByteStream<R> {
    fn new(inner: R) -> Self {
        ByteStream {
            inner,
            buf: vec![0; BUFFER_BYTES],
            pos: 0,
            end: 0,
            offset: 0,
        }
    }

    /// The absolute offset of the next unread byte.
    fn position(&self) -> u64 {
        self.offset + self.pos as u64
    }

    /// Makes at least `n` bytes (n ≤ buffer size) available unless the input ends first, and
    /// returns what is available (empty only at the end of input).
    fn ensure(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.pos < n {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.end, 0);
                self.offset += self.pos as u64;
                self.end -= self.pos;
                self.pos = 0;
            }
            let read = match self.inner.read(&mut self.buf[self.end..]) {
                Ok(read) => read,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if read == 0 {
                break;
            }
            self.end += read;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    /// Moves to absolute `offset`, dropping the buffer.
    fn seek_to(&mut self, offset: u64) -> io::Result<()> {
        self.inner.seek(SeekFrom::Start(offset))?;
        self.offset = offset;
        self.pos = 0;
        self.end = 0;
        Ok(())
    }

    /// Moves to the next occurrence of `needle` (true) or to the end of input (false).
    fn find(&mut self, needle: &[u8]) -> io::Result<bool> {
        loop {
            let available = self.ensure(needle.len())?;
            if available.len() < needle.len() {
                self.pos = self.end;
                return Ok(false);
            }
            if let Some(i) = memmem::find(available, needle) {
                self.pos += i;
                return Ok(true);
            }
            // Keep a possible partial match at the end of the buffer.
            self.pos = self.end - (needle.len() - 1);
        }
    }

    /// Skips at most `max` `\r`/`\n` bytes.
    fn skip_newlines(&mut self, max: usize) -> io::Result<()> {
        for _ in 0..max {
            match self.ensure(1)?.first() {
                Some(b'\r' | b'\n') => self.pos += 1,
                _ => break,
            }
        }
        Ok(())
    }
}

impl<R: Read + Seek> Read for ByteStream<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read + Seek> BufRead for ByteStream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.ensure(1)
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.end);
    }
}
