//! The model file: quantised weights stored sparsely, and the lexicon.
//!
//! Layout (little endian): magic `NLNER\0v5`; `u32` tag count; the two lexicon word sets
//! (`u32` bits, then `2^bits / 64` `u64`); the word classes (`u32` bits, then `2^bits` `u32`);
//! the gazetteer (`u32` count, then sorted `u64` entries: string hash in the high 48 bits,
//! four 4-bit label counts in the low 16); the external name lists in the same form (the four
//! 4-bit fields are the lists of [`super::external::List`]); `u32` stage count (1, or 2 for a stacked second
//! stage); per stage its `u32` bucket bits, `u32` row count and per non-zero row a varint
//! bucket delta, a `u16` mask of non-zero tags and one `i16` per set bit; finally a `u64`
//! checksum of everything before it.

use super::error::Error;
use super::features::Lexicon;
use super::gazetteer::Gazetteer;
use super::hash;
use super::labels::N_TAGS;
use super::perceptron::Quantised;
use super::wordset::{WordClasses, WordSet};

const MAGIC: &[u8; 8] = b"NLNER\0v5";

/// How averaged float weights become `i16`.
#[derive(Debug, Clone, Copy)]
pub struct QuantiseConfig {
    /// Weights are scaled so that this quantile of the absolute non-zero weights maps to
    /// `i16::MAX / 4` (larger ones are clipped at `i16::MAX`).
    pub scale_quantile: f64,
    /// Quantised weights with an absolute value below this are dropped.
    pub prune_below: i16,
}

impl Default for QuantiseConfig {
    fn default() -> Self {
        QuantiseConfig {
            scale_quantile: 0.999,
            prune_below: 1,
        }
    }
}

/// Quantises averaged weights of `2^bits` rows.
pub fn quantise(avg: &[f32], bits: u32, config: &QuantiseConfig) -> Quantised {
    let mut mags: Vec<f32> = avg.iter().map(|w| w.abs()).filter(|&a| a > 0.0).collect();
    let mut q = Quantised::zeros(bits);
    if mags.is_empty() {
        return q;
    }
    let at = ((mags.len() as f64 - 1.0) * config.scale_quantile) as usize;
    let (_, &mut pivot, _) = mags.select_nth_unstable_by(at, |a, b| a.total_cmp(b));
    let scale = f32::from(i16::MAX / 4) / pivot.max(f32::MIN_POSITIVE);
    for (dst, &w) in q.rows.iter_mut().zip(avg) {
        let v = (w * scale)
            .round()
            .clamp(f32::from(i16::MIN + 1), f32::from(i16::MAX)) as i16;
        *dst = if v.abs() < config.prune_below { 0 } else { v };
    }
    q
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_set(out: &mut Vec<u8>, s: &WordSet) {
    put_u32(out, s.bits());
    for w in s.words() {
        out.extend_from_slice(&w.to_le_bytes());
    }
}

/// Serialises a model.
pub fn encode(stages: &[Quantised], lexicon: &Lexicon) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, N_TAGS as u32);
    put_set(&mut out, &lexicon.lower_common);
    put_set(&mut out, &lexicon.first_names);
    put_u32(&mut out, lexicon.contexts.bits());
    for v in lexicon.contexts.values() {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for g in [&lexicon.gazetteer, &lexicon.external] {
        let entries = g.entries();
        put_u32(&mut out, entries.len() as u32);
        for e in entries {
            out.extend_from_slice(&e.to_le_bytes());
        }
    }
    put_u32(&mut out, stages.len() as u32);
    for weights in stages {
        put_table(&mut out, weights);
    }
    let sum = hash::bytes(0, &out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

fn put_table(out: &mut Vec<u8>, weights: &Quantised) {
    put_u32(out, weights.bits);
    let rows: Vec<(usize, &[i16])> = weights
        .rows
        .chunks_exact(N_TAGS)
        .enumerate()
        .filter(|(_, r)| r.iter().any(|&w| w != 0))
        .collect();
    put_u32(out, rows.len() as u32);
    let mut last = 0usize;
    for (b, row) in rows {
        put_varint(out, (b - last) as u64);
        last = b;
        let mask = row
            .iter()
            .enumerate()
            .fold(0u16, |m, (i, &w)| if w != 0 { m | 1 << i } else { m });
        out.extend_from_slice(&mask.to_le_bytes());
        for &w in row.iter().filter(|&&w| w != 0) {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).ok_or(Error::Format("overflow"))?;
        let s = self
            .data
            .get(self.pos..end)
            .ok_or(Error::Format("truncated"))?;
        self.pos = end;
        Ok(s)
    }

    fn u16(&mut self) -> Result<u16, Error> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, Error> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, Error> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn varint(&mut self) -> Result<u64, Error> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error::Format("bad varint"))
    }

    fn set(&mut self) -> Result<WordSet, Error> {
        let bits = self.u32()?;
        if !(6..=30).contains(&bits) {
            return Err(Error::Format("bad word-set size"));
        }
        let n = 1usize << (bits - 6);
        let mut words = Vec::with_capacity(n);
        for _ in 0..n {
            words.push(self.u64()?);
        }
        WordSet::from_parts(bits, words).ok_or(Error::Format("bad word set"))
    }
}

impl Reader<'_> {
    fn gazetteer(&mut self) -> Result<Gazetteer, Error> {
        let n = self.u32()? as usize;
        if n > self.data.len() / 8 {
            return Err(Error::Format("bad gazetteer size"));
        }
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.u64()?);
        }
        Ok(Gazetteer::from_entries(&v))
    }

    fn classes(&mut self) -> Result<WordClasses, Error> {
        let bits = self.u32()?;
        if !(1..=26).contains(&bits) {
            return Err(Error::Format("bad word-class size"));
        }
        let n = 1usize << bits;
        let mut values = Vec::with_capacity(n);
        for _ in 0..n {
            values.push(self.u32()?);
        }
        WordClasses::from_parts(bits, values).ok_or(Error::Format("bad word classes"))
    }
}

/// Parses a model file: the weight tables of the stages and the lexicon.
pub fn decode(data: &[u8]) -> Result<(Vec<Quantised>, Lexicon), Error> {
    if data.len() < MAGIC.len() + 8 || &data[..MAGIC.len()] != MAGIC {
        return Err(Error::Format("not a newsloom NER model"));
    }
    let (body, sum) = data.split_at(data.len() - 8);
    let mut s = [0u8; 8];
    s.copy_from_slice(sum);
    if hash::bytes(0, body) != u64::from_le_bytes(s) {
        return Err(Error::Format("checksum mismatch"));
    }
    let mut r = Reader {
        data: body,
        pos: MAGIC.len(),
    };
    if r.u32()? as usize != N_TAGS {
        return Err(Error::Format("bad tag count"));
    }
    let lexicon = Lexicon {
        lower_common: r.set()?,
        first_names: r.set()?,
        contexts: r.classes()?,
        gazetteer: r.gazetteer()?,
        external: r.gazetteer()?,
    };
    let n_stages = r.u32()?;
    if !(1..=2).contains(&n_stages) {
        return Err(Error::Format("bad stage count"));
    }
    let mut stages = Vec::new();
    for _ in 0..n_stages {
        stages.push(read_table(&mut r)?);
    }
    if r.pos != body.len() {
        return Err(Error::Format("trailing bytes"));
    }
    Ok((stages, lexicon))
}

fn read_table(r: &mut Reader<'_>) -> Result<Quantised, Error> {
    let bits = r.u32()?;
    if !(8..=26).contains(&bits) {
        return Err(Error::Format("bad bucket count"));
    }
    let mut q = Quantised::zeros(bits);
    let n_rows = r.u32()?;
    let mut b = 0usize;
    for _ in 0..n_rows {
        b += r.varint()? as usize;
        let mask = r.u16()?;
        let row = q
            .rows
            .get_mut(b * N_TAGS..(b + 1) * N_TAGS)
            .ok_or(Error::Format("bucket out of range"))?;
        for (t, w) in row.iter_mut().enumerate() {
            if mask & (1 << t) != 0 {
                *w = r.u16()? as i16;
            }
        }
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_corruption() {
        let mut q = Quantised::zeros(8);
        q.rows[5] = 7;
        q.rows[200] = -3;
        let lex = Lexicon::empty(8);
        let bytes = encode(&[q.clone(), q.clone()], &lex);
        let (q2, lex2) = decode(&bytes).expect("decodes");
        assert_eq!(vec![q.clone(), q], q2);
        assert_eq!(lex, lex2);
        let mut bad = bytes.clone();
        bad[20] ^= 1;
        assert!(decode(&bad).is_err());
        assert!(decode(&bytes[..10]).is_err());
    }

    #[test]
    fn quantise_prunes_small_weights() {
        let mut avg = vec![0.0f32; 256 * N_TAGS];
        for w in avg.iter_mut().take(100) {
            *w = 1.0;
        }
        avg[100] = 1e-6;
        let q = quantise(&avg, 8, &QuantiseConfig::default());
        assert!(q.rows[0] > 0);
        assert_eq!(q.rows[100], 0);
    }
}
