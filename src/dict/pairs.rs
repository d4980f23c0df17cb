//! Where a match may start: the pairs of characters that can begin one, as a filter.
//!
//! The lexicon's trie asks for a form only where the character and the one after it
//! begin some form, or the character is one by itself; in Chinese news seven positions
//! in eight begin none. The time expressions' automaton, the abbreviated names and the
//! person cues are looked for only where their own filters allow, tested in the same
//! pass over the text. Each test reads one word of a
//! table small enough for the first-level cache, where the matchers' own tables are
//! hundreds of kilobytes and were read at every character.
//!
//! This file uses nothing but `std`: `build.rs` includes it, with the trie, to build
//! the built-in dictionaries' filter and the time pattern's ahead of time.

/// What follows the last character of a text, for the pair test.
pub const END: u32 = u32::MAX;

/// The hash of two characters: a pair's word and bits in a [`PairFilter`], and its
/// first slot in the trie's table of pairs.
#[inline(always)]
pub fn pair_hash(a: u32, b: u32) -> u32 {
    (a.wrapping_mul(0x9E37_79B1) ^ b.wrapping_mul(0x85EB_CA77)).wrapping_mul(0xC2B2_AE3D)
}

/// The character at `i` of valid UTF-8 (`i` on a character's first byte), ASCII
/// letters lower-cased, and its length. The filters and the trie hold lower-case
/// ASCII, so that ASCII case is folded without a copy of the text.
#[inline(always)]
pub fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b[i];
    if b0 < 0x80 {
        (u32::from(b0.to_ascii_lowercase()), 1)
    } else if b0 < 0xE0 {
        ((u32::from(b0 & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            (u32::from(b0 & 0x0F) << 12)
                | (u32::from(b[i + 1] & 0x3F) << 6)
                | u32::from(b[i + 2] & 0x3F),
            3,
        )
    } else {
        (
            (u32::from(b0 & 0x07) << 18)
                | (u32::from(b[i + 1] & 0x3F) << 12)
                | (u32::from(b[i + 2] & 0x3F) << 6)
                | u32::from(b[i + 3] & 0x3F),
            4,
        )
    }
}

/// Little-endian 32-bit words, as `build.rs` writes its tables; `None` if the bytes
/// do not make whole words.
pub fn le_words(bytes: &[u8]) -> Option<Vec<u32>> {
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

/// A character as [`decode`] reads it: ASCII letters lower-cased.
pub fn fold(c: u32) -> u32 {
    match u8::try_from(c) {
        Ok(b) => u32::from(b.to_ascii_lowercase()),
        Err(_) => c,
    }
}

/// The pairs of characters that may begin a match, and the characters that are one.
///
/// A Bloom filter blocked by word: each pair sets two bits of one word, so a test is
/// one read. Of the perf articles' positions that begin no built-in dictionary form,
/// 1.55% pass a 16 KiB filter of the forms' pairs, against 1.45% with one bit a pair in
/// a table four times the size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairFilter {
    /// log2 of the number of words.
    words_log: u32,
    words: Vec<u64>,
    /// Whether any pair was added: a filter of characters alone skips the pair test.
    any_pair: bool,
    /// One bit for each character below U+10000 that is a match by itself; empty when
    /// there is none.
    lone: Vec<u64>,
    /// The characters from U+10000 up that are a match by themselves, in order.
    lone_astral: Vec<u32>,
}

impl PairFilter {
    /// An empty filter of 2^`words_log` words (0 to 16).
    pub fn new(words_log: u32) -> PairFilter {
        let words_log = words_log.min(16);
        PairFilter {
            words_log,
            words: vec![0; 1 << words_log],
            any_pair: false,
            lone: Vec::new(),
            lone_astral: Vec::new(),
        }
    }

    /// A pair's word and its two bits there.
    #[inline(always)]
    fn bits(&self, a: u32, b: u32) -> (usize, u64) {
        let h = pair_hash(a, b);
        // The top bits pick the word; the bottom twelve, the two bits.
        let word = (u64::from(h) << self.words_log >> 32) as usize;
        (word, 1 << (h & 63) | 1 << ((h >> 6) & 63))
    }

    /// Matches may start with `a` followed by `b` (both as [`decode`] reads them).
    pub fn add_pair(&mut self, a: u32, b: u32) {
        let (word, bits) = self.bits(a, b);
        self.words[word] |= bits;
        self.any_pair = true;
    }

    /// `c` alone is a match.
    pub fn add_lone(&mut self, c: u32) {
        if c < 0x10000 {
            self.lone.resize(0x10000 / 64, 0);
            self.lone[c as usize / 64] |= 1 << (c % 64);
        } else if let Err(at) = self.lone_astral.binary_search(&c) {
            self.lone_astral.insert(at, c);
        }
    }

    /// Whether `a` followed by `b` may begin a match of two characters or more.
    #[inline(always)]
    pub fn has_pair(&self, a: u32, b: u32) -> bool {
        if !self.any_pair {
            return false;
        }
        let (word, bits) = self.bits(a, b);
        self.words.get(word).is_some_and(|w| w & bits == bits)
    }

    /// Whether `c` alone is a match.
    #[inline(always)]
    pub fn is_lone(&self, c: u32) -> bool {
        (c < 0x10000
            && self
                .lone
                .get(c as usize / 64)
                .is_some_and(|w| w >> (c % 64) & 1 != 0))
            || (!self.lone_astral.is_empty() && self.lone_astral.binary_search(&c).is_ok())
    }

    /// Whether a match may start with `c` followed by `next` ([`END`] past the text).
    #[inline(always)]
    pub fn may_start(&self, c: u32, next: u32) -> bool {
        self.has_pair(c, next) || self.is_lone(c)
    }

    /// Every position of `text` where a match may start, in order.
    pub fn starts(&self, text: &str) -> Vec<usize> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut chars = text
            .char_indices()
            .map(|(i, _)| (i, decode(b, i).0))
            .peekable();
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map_or(END, |&(_, n)| n);
            if self.may_start(c, next) {
                out.push(at);
            }
        }
        out
    }

    /// The filter as words, for [`PairFilter::read`].
    pub fn write(&self, out: &mut Vec<u32>) {
        out.extend([
            self.words_log,
            self.lone.len() as u32,
            self.lone_astral.len() as u32,
        ]);
        for w in self.words.iter().chain(&self.lone) {
            out.extend([*w as u32, (*w >> 32) as u32]);
        }
        out.extend(&self.lone_astral);
    }

    /// A filter from the words [`PairFilter::write`] wrote at the start of `words`, and
    /// the words after it; `None` if they hold none.
    pub fn read(words: &[u32]) -> Option<(PairFilter, &[u32])> {
        let [words_log, lone, astral] = *words.get(..3)? else {
            return None;
        };
        let (lone, astral) = (lone as usize, astral as usize);
        if words_log > 16 || !(lone == 0 || lone == 0x10000 / 64) {
            return None;
        }
        let table = 1usize << words_log;
        let rest = &words[3..];
        let end = (table + lone) * 2 + astral;
        if rest.len() < end {
            return None;
        }
        let u64s = |w: &[u32]| -> Vec<u64> {
            w.chunks_exact(2)
                .map(|p| u64::from(p[0]) | u64::from(p[1]) << 32)
                .collect()
        };
        let words = u64s(&rest[..table * 2]);
        let filter = PairFilter {
            words_log,
            any_pair: words.iter().any(|w| *w != 0),
            words,
            lone: u64s(&rest[table * 2..(table + lone) * 2]),
            lone_astral: rest[(table + lone) * 2..end].to_vec(),
        };
        Some((filter, &rest[end..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_pairs_and_lone_characters() {
        let mut f = PairFilter::new(6);
        f.add_pair('今' as u32, '年' as u32);
        f.add_pair('q' as u32, '3' as u32);
        f.add_lone('京' as u32);
        f.add_lone('𠀋' as u32);
        assert_eq!(f.starts("去今年京𠀋今"), [3, 9, 12]);
        // ASCII case is folded: Q3 and q3 both pass.
        assert_eq!(f.starts("Q3 q3"), [0, 3]);
        assert_eq!(f.starts(""), Vec::<usize>::new());
        assert!(!f.may_start('今' as u32, END));
    }

    #[test]
    fn round_trips_through_words() {
        let mut f = PairFilter::new(4);
        f.add_pair(1, 2);
        f.add_lone('京' as u32);
        f.add_lone('𠀋' as u32);
        let mut words = Vec::new();
        f.write(&mut words);
        words.push(7);
        let (read, rest) = PairFilter::read(&words).unwrap();
        assert_eq!(read, f);
        assert_eq!(rest, [7]);
        assert_eq!(PairFilter::read(&words[..words.len() - 3]), None);
        assert_eq!(PairFilter::read(&[40, 0, 0]), None);
    }
}
