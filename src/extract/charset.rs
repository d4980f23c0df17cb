//! A set of characters answered with one memory load: the scanners' "can anything start
//! here?" test.
//!
//! The figure reader and the entity rules walk the text a character at a time, and most
//! characters start nothing. Asking each of them the full question (a dozen prefix
//! comparisons against word tables) was the largest cost of extraction; a bitmap of the
//! Basic Multilingual Plane (8 KiB) answers it first. Characters beyond the plane are
//! rare in news text, so the set keeps them in a short sorted list.

/// A set of characters: a bitmap of the Basic Multilingual Plane plus a sorted list of
/// the others.
#[derive(Clone)]
pub struct CharSet {
    bmp: Box<[u64; 1024]>,
    astral: Vec<char>,
}

impl Default for CharSet {
    fn default() -> CharSet {
        CharSet::empty()
    }
}

impl CharSet {
    /// The characters for which `member` is true, over the whole plane, plus `extra`.
    pub fn from_fn(member: impl Fn(char) -> bool) -> CharSet {
        let mut set = CharSet::empty();
        for cp in 0..=0xFFFFu32 {
            if let Some(c) = char::from_u32(cp) {
                if member(c) {
                    set.insert(c);
                }
            }
        }
        set
    }

    /// The characters of `chars`.
    pub fn of(chars: &str) -> CharSet {
        let mut set = CharSet::empty();
        for c in chars.chars() {
            set.insert(c);
        }
        set
    }

    /// An empty set.
    pub fn empty() -> CharSet {
        CharSet {
            bmp: Box::new([0; 1024]),
            astral: Vec::new(),
        }
    }

    /// Add `c`.
    pub fn insert(&mut self, c: char) {
        let cp = c as u32;
        if cp <= 0xFFFF {
            self.bmp[(cp >> 6) as usize] |= 1 << (cp & 63);
        } else if let Err(at) = self.astral.binary_search(&c) {
            self.astral.insert(at, c);
        }
    }

    /// Add the first character of each word.
    pub fn insert_firsts<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for w in words {
            if let Some(c) = w.chars().next() {
                self.insert(c);
            }
        }
    }

    /// True if `c` is in the set.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        if cp <= 0xFFFF {
            self.bmp[(cp >> 6) as usize] & (1 << (cp & 63)) != 0
        } else {
            self.astral.binary_search(&c).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_others() {
        let mut set = CharSet::from_fn(|c| c.is_ascii_digit());
        set.insert_firsts(["人民币", "US$", "𠀀字"]);
        for c in ['0', '9', '人', 'U', '𠀀'] {
            assert!(set.contains(c), "{c}");
        }
        for c in ['a', '民', '$', '\u{FFFF}', '𠀁', '\0'] {
            assert!(!set.contains(c), "{c}");
        }
    }
}
