//! The forms the dictionary automaton is built over: from a TSV line's names to the
//! keys the automaton holds. This file uses nothing but `std`, because `build.rs`
//! includes it too: the build script builds the built-in dictionaries' automaton ahead
//! of time with this same code, and the library takes that automaton when its own terms
//! have the same [`fingerprint`] (the built-in dictionaries without `--dict`).

use std::borrow::Cow;
use std::collections::HashSet;

/// Whether a TSV line holds an entry: neither blank nor a `#` comment.
pub fn is_entry_line(line: &str) -> bool {
    !(trim(line).is_empty() || line.trim_start().starts_with('#'))
}

/// `str::trim`, with the common case answered from the end bytes alone: a cell that
/// starts with a byte no whitespace starts with and ends with a character that cannot
/// be whitespace is returned as it is. Start-up trims some hundred thousand cells, and
/// `str::trim` decodes and looks up both end characters of each.
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    // The first bytes of whitespace: U+0009..U+000D and the space; C2 (U+0085, U+00A0),
    // E1 (U+1680), E2 (U+2000..U+205F), E3 (U+3000).
    let may_start_space = |x: u8| matches!(x, 0x09..=0x0D | b' ' | 0xC2 | 0xE1..=0xE3);
    let n = b.len();
    let plain = match (b.first(), b.last()) {
        (Some(&first), Some(&last)) if !may_start_space(first) => {
            if last < 0x80 {
                !may_start_space(last)
            } else {
                // The last character starts at n-2 (two bytes), n-3 (three) or n-4.
                let may_end_in_two_byte_space = n >= 2 && b[n - 2] == 0xC2;
                let may_end_in_three_byte_space = n >= 3 && matches!(b[n - 3], 0xE1..=0xE3);
                !(may_end_in_two_byte_space || may_end_in_three_byte_space)
            }
        }
        _ => false,
    };
    if plain {
        s
    } else {
        s.trim()
    }
}

/// The names of an entry from its canonical and aliases columns: its canonical name
/// (column 1), then its aliases (column 3, separated by `|`), empty ones left out.
pub fn forms<'a>(canonical: &'a str, aliases: &'a str) -> impl Iterator<Item = &'a str> {
    std::iter::once(trim(canonical))
        .chain(trim(aliases).split('|').map(trim))
        .filter(|f| !f.is_empty())
}

/// One character as the SPEC reads it: full-width ASCII as ASCII, the ideographic and
/// no-break spaces as a space (the same as `text::normalize::fold_width`; a test holds
/// the two equal on every character).
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// A form as the automaton matches it.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A form with one space wherever ASCII letters or digits meet Chinese characters.
///
/// Crawled tech news puts a space between Latin and Chinese (LG 新能源, 骁龙 870,
/// vivo X 系列): each mixed form also matches written that way.
pub fn space_scripts(term: &str) -> Cow<'_, str> {
    if term.is_ascii() || !term.bytes().any(|b| b.is_ascii_alphanumeric()) {
        // Nothing to space (most forms): no need to walk the characters.
        return Cow::Borrowed(term);
    }
    let mut out = String::with_capacity(term.len() + 4);
    let mut prev: Option<char> = None;
    for c in term.chars() {
        if let Some(p) = prev {
            let (pa, ca) = (p.is_ascii_alphanumeric(), c.is_ascii_alphanumeric());
            let (ph, ch) = (
                !p.is_ascii() && p.is_alphanumeric(),
                !c.is_ascii() && c.is_alphanumeric(),
            );
            if (pa && ch) || (ph && ca) {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// The patterns of a list of folded terms (in the order they were first named): every
/// term, then the spaced form of each mixed one that is not a term itself; each with
/// the index of the term it stands for.
pub fn patterns<S>(terms: &[S], is_term: impl Fn(&str) -> bool) -> Vec<(S, usize)>
where
    S: Clone + AsRef<str> + From<String>,
{
    let mut out: Vec<(S, usize)> = terms.iter().cloned().zip(0..).collect();
    for (i, term) in terms.iter().enumerate() {
        if let Cow::Owned(spaced) = space_scripts(term.as_ref()) {
            if spaced != term.as_ref() && !is_term(&spaced) {
                out.push((S::from(spaced), i));
            }
        }
    }
    out
}

/// The automaton's keys: the patterns lower-cased (ASCII case is folded by matching
/// a lower-cased text), each valued by its pattern's index. Of patterns equal but for
/// case the first stands for all, as the lowest pattern won in aho-corasick.
pub fn keys<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Vec<(String, u32)> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut keyed = Vec::new();
    for (i, p) in patterns.into_iter().enumerate() {
        let key = p.to_ascii_lowercase();
        if seen.insert(key.clone()) {
            keyed.push((key, i as u32));
        }
    }
    keyed
}

/// A fingerprint of the folded terms, in order (FNV-1a): the keys, and so the
/// automaton, follow from them.
pub fn fingerprint<S: AsRef<str>>(terms: &[S]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for t in terms {
        t.as_ref().bytes().for_each(&mut eat);
        eat(0xFF);
    }
    (terms.len() as u64)
        .to_le_bytes()
        .into_iter()
        .for_each(&mut eat);
    h
}
