//! Bytes to UTF-8: BOM, HTTP charset, `<meta>` charset, and detection when the declaration is
//! missing or wrong. The output is always valid UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many leading bytes are searched for a `<meta charset>` declaration.
const META_PRESCAN_BYTES: usize = 4096;
/// How many leading bytes are given to the detector (it runs at about 9 MB/s).
const DETECTOR_SAMPLE_BYTES: usize = 64 * 1024;

/// A decoded document.
#[derive(Debug)]
pub struct Decoded {
    /// The document as UTF-8.
    pub text: String,
    /// The encoding that was used.
    pub encoding: &'static Encoding,
    /// Problems survived (wrong declaration, malformed bytes).
    pub warnings: Vec<String>,
}

/// Decodes `bytes`, trusting in turn a BOM, the HTTP charset, the `<meta>` charset, then detection.
/// A declared charset that the bytes contradict (for example UTF-8 declared but the bytes are
/// not valid UTF-8) is overridden by detection, with a warning.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    let mut warnings = Vec::new();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], encoding, warnings);
    }
    let declared = http_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok()
        || std::str::from_utf8(&bytes[..bytes.len().min(DETECTOR_SAMPLE_BYTES)])
            .is_err_and(|e| e.error_len().is_none());
    let encoding = match declared {
        // UTF-16 declared in an ASCII-compatible document is a lie by construction.
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
            if valid_utf8 {
                UTF_8
            } else {
                WINDOWS_1252
            }
        }
        Some(enc) if enc == UTF_8 && !valid_utf8 => {
            let detected = detect(bytes);
            warnings.push(format!(
                "declared charset utf-8 does not match the bytes; decoded as {}",
                detected.name()
            ));
            detected
        }
        Some(enc) if enc != UTF_8 && valid_utf8 && has_multibyte(bytes) => {
            warnings.push(format!(
                "declared charset {} but the bytes are utf-8; decoded as utf-8",
                enc.name()
            ));
            UTF_8
        }
        Some(enc) => enc,
        None if valid_utf8 => UTF_8,
        None => detect(bytes),
    };
    finish(bytes, encoding, warnings)
}

fn finish(bytes: &[u8], encoding: &'static Encoding, mut warnings: Vec<String>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(format!(
            "malformed {} bytes replaced with U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding,
        warnings,
    }
}

fn has_multibyte(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b >= 0x80)
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(DETECTOR_SAMPLE_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, true)
}

/// Finds `<meta charset="x">` or `<meta http-equiv="Content-Type" content="...; charset=x">`
/// in the first bytes of a document.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + pos;
        from = at + 7;
        // Only inside a <meta ...> tag.
        let tag_start = lower[..at].iter().rposition(|&b| b == b'<')?;
        if !lower[tag_start..].starts_with(b"<meta") || lower[tag_start..at].contains(&b'>') {
            continue;
        }
        let mut rest = &lower[from..];
        while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = rest {
            rest = tail;
        }
        let Some(tail) = rest.strip_prefix(b"=") else {
            continue;
        };
        let tail: &[u8] = {
            let mut t = tail;
            while let [b' ' | b'"' | b'\'' | b'\t', r @ ..] = t {
                t = r;
            }
            t
        };
        let end = tail
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'>' | b'/' | b'\t' | b'\n'))
            .unwrap_or(tail.len());
        if let Some(enc) = Encoding::for_label(&tail[..end]) {
            return Some(enc);
        }
    }
    None
}

/// True when the text looks like markup rather than a plain-text dump.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let trimmed = head.trim_start();
    if trimmed.starts_with("<!doctype")
        || trimmed.starts_with("<html")
        || trimmed.starts_with("<?xml")
    {
        return true;
    }
    [
        "<html", "<head", "<body", "<div", "<p>", "<p ", "<meta", "<article", "<title",
    ]
    .iter()
    .filter(|tag| head.contains(*tag))
    .count()
        >= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let d = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", Some("windows-1252"));
        assert_eq!(d.text, "café");
    }

    #[test]
    fn meta_charset_is_used() {
        let html = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xE9 \x80</body>";
        let d = decode(html, None);
        assert!(d.text.contains("café €"), "{}", d.text);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn http_equiv_charset_is_used() {
        let html =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">\xA4";
        let d = decode(html, None);
        assert!(d.text.ends_with('€'), "{}", d.text);
    }

    #[test]
    fn wrong_utf8_declaration_is_detected() {
        let html = b"<meta charset=utf-8><p>Le caf\xE9 de la r\xE9publique \xE0 l'\xE9t\xE9</p>";
        let d = decode(html, None);
        assert!(d.text.contains("café de la république"), "{}", d.text);
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn latin1_declared_but_utf8_bytes() {
        let d = decode("<meta charset=iso-8859-1><p>café</p>".as_bytes(), None);
        assert!(d.text.contains("café"));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Breadcrumb\nKushner met Hamas\nEnglish"));
    }
}
