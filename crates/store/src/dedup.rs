//! Duplicate detection: a content hash of the normalised text for exact copies, and MinHash
//! over word 5-shingles with LSH banding for near-copies (syndicated wire stories with small
//! edits).
//!
//! The hashes are our own fixed-seed functions, never `std`'s randomised hasher, so signatures
//! and band keys stored in the database stay valid across runs and builds.

/// Thresholds and sizes of duplicate detection.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupConfig {
    /// Words per shingle.
    pub shingle_words: usize,
    /// MinHash permutations; must equal `bands * rows_per_band`.
    pub permutations: usize,
    /// LSH bands.
    pub bands: usize,
    /// Signature rows per band.
    pub rows_per_band: usize,
    /// Estimated Jaccard similarity at or above which an article is a near-duplicate.
    pub near_duplicate_threshold: f64,
    /// Texts with fewer shingles than this are never near-duplicates (too short to tell).
    pub min_shingles: usize,
}

impl Default for DedupConfig {
    /// 128 permutations in 32 bands of 4: pairs above ~0.5 Jaccard become candidates with high
    /// probability; candidates are then confirmed at 0.7 on the full signature.
    fn default() -> Self {
        DedupConfig {
            shingle_words: 5,
            permutations: 128,
            bands: 32,
            rows_per_band: 4,
            near_duplicate_threshold: 0.7,
            min_shingles: 8,
        }
    }
}

/// The words of `text` as compared for duplicates: lower-cased alphanumeric runs.
pub(crate) fn normalised_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect()
}

/// A 128-bit hash of the normalised text, as 32 hex digits; `None` for a text with no words
/// (empty texts are never duplicates of each other).
pub(crate) fn content_hash(words: &[String]) -> Option<String> {
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    Some(hash128_hex(joined.as_bytes()))
}

/// A 128-bit hash of any bytes, as 32 hex digits.
pub(crate) fn hash128_hex(bytes: &[u8]) -> String {
    let a = hash64(bytes, 0x243F_6A88_85A3_08D3);
    let b = hash64(bytes, 0x1319_8A2E_0370_7344);
    format!("{a:016x}{b:016x}")
}

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signature(pub Vec<u64>);

impl Signature {
    /// The signature of `words`, or `None` when the text has fewer than `min_shingles` shingles.
    pub(crate) fn of(words: &[String], config: &DedupConfig) -> Option<Signature> {
        let k = config.shingle_words.max(1);
        if words.len() < k || words.len() + 1 - k < config.min_shingles {
            return None;
        }
        let word_hashes: Vec<u64> = words
            .iter()
            .map(|w| hash64(w.as_bytes(), 0x452_821E_638D_0137))
            .collect();
        // Permutation i maps a shingle hash h to a_i * h + b_i (mod 2^64), a_i odd: one
        // multiply-add per permutation, which the compiler vectorises.
        let params: Vec<(u64, u64)> = (0..config.permutations as u64)
            .map(|i| {
                let a = mix64(i.wrapping_add(0xA409_3822_299F_31D0)) | 1;
                let b = mix64(i.wrapping_add(0x1357_9BDF_2468_ACE0));
                (a, b)
            })
            .collect();
        let mut mins = vec![u64::MAX; config.permutations];
        for window in word_hashes.windows(k) {
            let shingle = window
                .iter()
                .fold(0x082E_FA98_EC4E_6C89_u64, |h, w| mix64(h ^ w));
            for (min, (a, b)) in mins.iter_mut().zip(&params) {
                *min = (*min).min(a.wrapping_mul(shingle).wrapping_add(*b));
            }
        }
        Some(Signature(mins))
    }

    /// The estimated Jaccard similarity of the two shingle sets.
    pub(crate) fn similarity(&self, other: &Signature) -> f64 {
        if self.0.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    /// One key per LSH band; articles sharing any band key are candidates.
    pub(crate) fn band_keys(&self, config: &DedupConfig) -> Vec<(i64, i64)> {
        self.0
            .chunks(config.rows_per_band.max(1))
            .take(config.bands)
            .enumerate()
            .map(|(band, rows)| {
                let key = rows
                    .iter()
                    .fold(mix64(band as u64 + 1), |h, r| mix64(h ^ r));
                (band as i64, key as i64)
            })
            .collect()
    }

    /// The signature as little-endian bytes, for a BLOB column.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads a signature written by [`Signature::to_bytes`].
    pub(crate) fn from_bytes(bytes: &[u8]) -> Signature {
        Signature(
            bytes
                .chunks_exact(8)
                .map(|c| {
                    let mut b = [0u8; 8];
                    b.copy_from_slice(c);
                    u64::from_le_bytes(b)
                })
                .collect(),
        )
    }
}

/// The splitmix64 finaliser: a fast bijective mixer.
fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seeded 64-bit hash of bytes, stable across platforms and releases.
fn hash64(bytes: &[u8], seed: u64) -> u64 {
    let mut h = mix64(seed ^ bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        h = mix64(h ^ u64::from_le_bytes(b)).rotate_left(17);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = mix64(h ^ u64::from_le_bytes(b) ^ 0xFF);
    }
    mix64(h)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn words(n: usize, salt: &str) -> Vec<String> {
        (0..n).map(|i| format!("w{i}{salt}")).collect()
    }

    #[test]
    fn normalisation_ignores_case_punctuation_and_spacing() {
        let a = content_hash(&normalised_words("The  Minister said: \"No.\"\n\nEnd."));
        let b = content_hash(&normalised_words("the minister said no end"));
        assert_eq!(a, b);
        assert!(content_hash(&normalised_words("  ... ")).is_none());
    }

    #[test]
    fn hashes_are_stable() {
        // Pinned: stored hashes must not change between releases.
        assert_eq!(hash128_hex(b"newsloom").len(), 32);
        assert_eq!(hash128_hex(b"newsloom"), hash128_hex(b"newsloom"));
        assert_ne!(hash128_hex(b"newsloom"), hash128_hex(b"newsloon"));
    }

    #[test]
    fn similar_texts_have_similar_signatures() {
        let config = DedupConfig::default();
        let a = words(400, "");
        let mut b = a.clone();
        for w in b.iter_mut().skip(100).take(20) {
            w.push('x');
        }
        let c = words(400, "other");
        let sa = Signature::of(&a, &config).unwrap();
        let sb = Signature::of(&b, &config).unwrap();
        let sc = Signature::of(&c, &config).unwrap();
        assert!(sa.similarity(&sb) > 0.75, "{}", sa.similarity(&sb));
        assert!(sa.similarity(&sc) < 0.1);
        let shared = sa
            .band_keys(&config)
            .iter()
            .zip(sb.band_keys(&config))
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0);
        assert_eq!(Signature::from_bytes(&sa.to_bytes()), sa);
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(Signature::of(&words(6, ""), &DedupConfig::default()).is_none());
    }
}
