//! Reading under a byte cap, un-gzipping when the data starts with the gzip magic bytes.

use flate2::read::MultiGzDecoder;
use std::io::{self, Read};

/// The two bytes every gzip stream starts with.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Reads at most `limit + 1` bytes of `reader` (so that an oversized input is recognisable),
/// un-gzipping it first when it starts with the gzip magic bytes; the cap applies to the
/// decompressed bytes, so a decompression bomb stops at the cap.
pub fn read_capped(mut reader: impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut head = [0u8; 2];
    let mut filled = 0;
    while filled < head.len() {
        match reader.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let whole = (&head[..filled]).chain(reader);
    let mut out = Vec::new();
    if head[..filled] == GZIP_MAGIC {
        MultiGzDecoder::new(whole)
            .take(cap)
            .read_to_end(&mut out)
            .map_err(|err| io::Error::new(err.kind(), format!("cannot gunzip: {err}")))?;
    } else {
        whole.take(cap).read_to_end(&mut out)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data).expect("gzip in memory");
        enc.finish().expect("gzip in memory")
    }

    #[test]
    fn gunzips_every_member_and_stops_one_byte_over_the_cap() {
        let mut two = gzip(b"one ");
        two.extend(gzip(b"two"));
        assert_eq!(read_capped(&two[..], 1000).expect("read"), b"one two");
        let data = vec![b'x'; 100];
        assert_eq!(read_capped(&gzip(&data)[..], 10).expect("read").len(), 11);
        assert_eq!(read_capped(&data[..], 100).expect("read").len(), 100);
        assert!(read_capped(&[0x1f, 0x8b, 0, 1][..], 10).is_err());
    }
}
