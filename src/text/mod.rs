//! Text stages: decoding bytes and normalizing the decoded document.
//!
//! Also the two ways untrusted text that is not article text (file names, JSON Lines
//! ids, metadata) is kept from carrying control characters into rows and messages,
//! where a terminal would act on them.
//!
//! And the word tests the extraction rules ask of every candidate: does the text before
//! end with, or the text after start with, one of a list of words.

pub mod decode;
pub mod normalize;

/// True if `s` starts with `w`. The rules ask this of lists of words at every candidate,
/// and nearly always the answer is no: the byte where `w` ends is compared first, which
/// settles most of them without a call to compare the whole word (in UTF-8 the last
/// byte of a character tells it from most others; the first byte of a Han character
/// does not).
#[inline]
pub fn starts_with_word(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    match w.len() {
        0 => true,
        n => n <= s.len() && s[n - 1] == w[n - 1] && s[..n] == *w,
    }
}

/// True if `s` ends with `w`: as [`starts_with_word`], the last bytes first, then the
/// first byte of `w` where it would start.
#[inline]
pub fn ends_with_word(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    let (n, m) = (w.len(), s.len());
    match n {
        0 => true,
        _ => n <= m && s[m - 1] == w[n - 1] && s[m - n] == w[0] && s[m - n..] == *w,
    }
}

/// The first of `words` that `s` starts with.
#[inline]
pub fn starts_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words.iter().copied().find(|w| starts_with_word(s, w))
}

/// The first of `words` that `s` ends with.
#[inline]
pub fn ends_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words.iter().copied().find(|w| ends_with_word(s, w))
}

/// `s` with each control character written as a Rust escape (`\u{1b}`, `\t`): for names
/// that identify a document (a path, an id), which must stay distinct and readable.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` with each control character made a space: for metadata read as text (a title,
/// an author), as the article's own text is.
pub fn blank_controls(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tests_agree_with_str() {
        let words = [
            "",
            "同比",
            "比",
            "亿元",
            "元",
            "a",
            "ab",
            "b",
            "比亿",
            "同比增长",
            "长",
        ];
        let texts = [
            "",
            "同比",
            "比",
            "同比增长",
            "增长",
            "亿元",
            "元",
            "a",
            "ab",
            "b",
            "ba",
        ];
        for s in texts {
            for w in words {
                assert_eq!(
                    starts_with_word(s, w),
                    s.starts_with(w),
                    "{s:?} starts {w:?}"
                );
                assert_eq!(ends_with_word(s, w), s.ends_with(w), "{s:?} ends {w:?}");
            }
            let first = |f: fn(&str, &str) -> bool| words[1..].iter().copied().find(|w| f(s, w));
            assert_eq!(
                starts_with_any(s, &words[1..]),
                first(|s, w| s.starts_with(w))
            );
            assert_eq!(ends_with_any(s, &words[1..]), first(|s, w| s.ends_with(w)));
        }
    }

    #[test]
    fn controls_escaped_or_blanked() {
        const CASES: &[(&str, &str, &str)] = &[
            // (input, escaped, blanked)
            ("a.txt", "a.txt", "a.txt"),
            ("ctl\u{1b}[31m.txt", "ctl\\u{1b}[31m.txt", "ctl [31m.txt"),
            ("标题\u{7}\t\n", "标题\\u{7}\\t\\n", "标题   "),
            ("\u{9b}x\u{7f}", "\\u{9b}x\\u{7f}", " x "),
        ];
        for &(input, escaped, blanked) in CASES {
            assert_eq!(escape_controls(input), escaped, "{input:?}");
            assert_eq!(blank_controls(input), blanked, "{input:?}");
        }
    }
}
