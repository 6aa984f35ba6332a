//! Feature hashing: templates and strings to 64-bit keys, keys to weight-table buckets.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Final avalanche of a 64-bit key (murmur3 finaliser).
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The key of `bytes` under template `seed`.
#[inline]
pub fn bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(K);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    finish(h)
}

/// The key of `s` under template `seed`.
#[inline]
pub fn str(seed: u64, s: &str) -> u64 {
    bytes(seed, s.as_bytes())
}

/// The key of two keys together.
#[inline]
pub fn pair(a: u64, b: u64) -> u64 {
    finish(a.rotate_left(23) ^ b.wrapping_mul(K) ^ 0x5851_f42d_4c95_7f2d)
}

/// The key of a template with small integer values.
#[inline]
pub fn ints(seed: u64, values: &[u64]) -> u64 {
    let mut h = finish(seed.wrapping_mul(K) ^ 0x2545_f491_4f6c_dd1d);
    for &v in values {
        h = pair(h, v);
    }
    h
}

/// The bucket of `key` in a table of `2^bits` rows.
#[inline]
pub fn bucket(key: u64, bits: u32) -> u32 {
    (key >> (64 - bits)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_separate_equal_strings() {
        assert_ne!(str(1, "paris"), str(2, "paris"));
        assert_eq!(str(1, "paris"), str(1, "paris"));
        assert!(bucket(u64::MAX, 20) < 1 << 20);
    }
}
