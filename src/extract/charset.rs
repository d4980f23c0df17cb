//! A set of characters answered with one memory load: the scanners' "can anything start
//! here?" test; and word lists that ask it of their first or last characters before
//! trying their words.
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

    /// Add the last character of each word.
    pub fn insert_lasts<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for w in words {
            if let Some(c) = w.chars().next_back() {
                self.insert(c);
            }
        }
    }

    /// True if the character `cp` of the Basic Multilingual Plane is in the set: for a
    /// scanner that puts the code point together from its bytes.
    #[inline]
    pub fn contains_bmp(&self, cp: u32) -> bool {
        cp <= 0xFFFF && self.bmp[(cp >> 6) as usize] & (1 << (cp & 63)) != 0
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

/// A word list with the sets of its words' first and last characters: "does `s` start
/// (end) with one of the words?" is answered by one lookup for most `s`, and only
/// otherwise by trying the words in order.
pub struct WordList {
    words: &'static [&'static str],
    firsts: CharSet,
    lasts: CharSet,
    /// An empty word starts and ends everything: the sets cannot rule anything out.
    has_empty: bool,
}

impl WordList {
    /// The list of `words`, tried in their order.
    pub fn new(words: &'static [&'static str]) -> WordList {
        let (mut firsts, mut lasts) = (CharSet::empty(), CharSet::empty());
        firsts.insert_firsts(words.iter().copied());
        lasts.insert_lasts(words.iter().copied());
        WordList {
            words,
            firsts,
            lasts,
            has_empty: words.iter().any(|w| w.is_empty()),
        }
    }

    /// The first word, in list order, that `s` starts with.
    #[inline]
    pub fn starting(&self, s: &str) -> Option<&'static str> {
        if !self.has_empty && !s.chars().next().is_some_and(|c| self.firsts.contains(c)) {
            return None;
        }
        crate::text::starts_with_any(s, self.words)
    }

    /// The first word, in list order, that `s` ends with.
    #[inline]
    pub fn ending(&self, s: &str) -> Option<&'static str> {
        if !self.has_empty
            && !s
                .chars()
                .next_back()
                .is_some_and(|c| self.lasts.contains(c))
        {
            return None;
        }
        crate::text::ends_with_any(s, self.words)
    }
}

/// The [`CharSet`] of a constant string, built on first use: asked of nearly every
/// candidate, where `str::contains` walked the whole string each time.
macro_rules! char_set {
    ($chars:expr) => {{
        static SET: std::sync::OnceLock<$crate::extract::charset::CharSet> =
            std::sync::OnceLock::new();
        SET.get_or_init(|| $crate::extract::charset::CharSet::of($chars))
    }};
}
pub(crate) use char_set;

/// The [`WordList`] of a constant list, built on first use.
macro_rules! word_list {
    ($words:expr) => {{
        static LIST: std::sync::OnceLock<$crate::extract::charset::WordList> =
            std::sync::OnceLock::new();
        LIST.get_or_init(|| $crate::extract::charset::WordList::new($words))
    }};
}
pub(crate) use word_list;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_answer_as_trying_each_word() {
        const WORDS: &[&str] = &["超过", "超", "不到", "约", "US$"];
        const WITH_EMPTY: &[&str] = &["超过", ""];
        let list = WordList::new(WORDS);
        let empty = WordList::new(WITH_EMPTY);
        for s in [
            "",
            "超过100",
            "超100",
            "约",
            "不到一半",
            "100超过",
            "将近",
            "$5",
            "US$5",
            "5US$",
        ] {
            let first = WORDS.iter().copied().find(|w| s.starts_with(w));
            let last = WORDS.iter().copied().find(|w| s.ends_with(w));
            assert_eq!(list.starting(s), first, "{s}");
            assert_eq!(list.ending(s), last, "{s}");
            let first = WITH_EMPTY.iter().copied().find(|w| s.starts_with(w));
            let last = WITH_EMPTY.iter().copied().find(|w| s.ends_with(w));
            assert_eq!(empty.starting(s), first, "{s}");
            assert_eq!(empty.ending(s), last, "{s}");
        }
    }

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
        for c in ['0', '人', 'a', '民', '\u{FFFF}'] {
            assert_eq!(set.contains_bmp(c as u32), set.contains(c), "{c}");
        }
        assert!(!set.contains_bmp('𠀀' as u32), "beyond the plane");
    }
}
