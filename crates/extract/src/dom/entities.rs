//! Character references (`&amp;`, `&#233;`, `&#x20AC;`, legacy `&nbsp` without `;`).

use super::entity_table::{LEGACY, NAMED};

/// Windows-1252 meanings of the C1 range, which HTML applies to numeric references 0x80–0x9F.
const C1_REMAP: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// Longest entity name in the table.
const MAX_NAME: usize = 32;

/// Appends `raw` to `out` with character references decoded. `in_attribute` applies the
/// attribute rule for legacy references followed by `=` or an alphanumeric.
pub fn decode_into(raw: &str, out: &mut String, in_attribute: bool) {
    let bytes = raw.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(pos) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + pos;
        out.push_str(&raw[last..amp]);
        match decode_one(&raw[amp + 1..], in_attribute) {
            Some((consumed, text)) => {
                text.push_to(out);
                i = amp + 1 + consumed;
            }
            None => {
                out.push('&');
                i = amp + 1;
            }
        }
        last = i;
    }
    out.push_str(&raw[last..]);
}

/// Decodes `raw`, borrowing nothing: a convenience over [`decode_into`].
pub fn decode(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    decode_into(raw, &mut out, false);
    out
}

enum Decoded {
    Char(char),
    Str(&'static str),
}

impl Decoded {
    fn push_to(self, out: &mut String) {
        match self {
            Decoded::Char(c) => out.push(c),
            Decoded::Str(s) => out.push_str(s),
        }
    }
}

/// Decodes the reference starting just after `&`; returns bytes consumed and the text.
fn decode_one(rest: &str, in_attribute: bool) -> Option<(usize, Decoded)> {
    let bytes = rest.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (radix, start) = match bytes.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = bytes[start..]
            .iter()
            .take_while(|b| {
                if radix == 16 {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let mut end = start + digits;
        let value =
            u32::from_str_radix(&rest[start..end].chars().take(8).collect::<String>(), radix)
                .unwrap_or(0x110000);
        if bytes.get(end) == Some(&b';') {
            end += 1;
        }
        let c = match value {
            0 => '\u{FFFD}',
            0x80..=0x9F => C1_REMAP[(value - 0x80) as usize],
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((end, Decoded::Char(c)));
    }
    let name_len = bytes
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &rest[..name_len];
    if bytes.get(name_len) == Some(&b';') {
        if let Ok(idx) = NAMED.binary_search_by(|(n, _)| n.cmp(&name)) {
            return Some((name_len + 1, Decoded::Str(NAMED[idx].1)));
        }
    }
    // Legacy references without `;`: the longest legacy name that prefixes the run.
    for len in (2..=name_len.min(6)).rev() {
        let candidate = &rest[..len];
        if LEGACY.binary_search(&candidate).is_ok() {
            let next = bytes.get(len).copied();
            if in_attribute
                && matches!(next, Some(b'=') | Some(b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z'))
            {
                return None;
            }
            let idx = NAMED.binary_search_by(|(n, _)| n.cmp(&candidate)).ok()?;
            return Some((len, Decoded::Str(NAMED[idx].1)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_numeric_and_legacy() {
        assert_eq!(
            decode("caf&eacute; &amp; th&#233; &#x20AC;5 &hellip;"),
            "café & thé €5 …"
        );
        assert_eq!(decode("a&nbspb"), "a\u{a0}b");
        assert_eq!(decode("&#150;"), "\u{2013}");
        assert_eq!(decode("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(decode("&#0;&#99999999999;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn attribute_rule_keeps_query_strings() {
        let mut out = String::new();
        decode_into("?a=1&copy=2&amp;b", &mut out, true);
        assert_eq!(out, "?a=1&copy=2&b");
    }
}
