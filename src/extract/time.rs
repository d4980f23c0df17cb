//! Time expressions: the dates, months, quarters and relative times of an article.
//!
//! They matter twice. Their numbers are not figures (2021年, 12月10日, 11:24), and they
//! are the `period` a figure refers to (`1-11月`, `截至2021年底`, `今年 8 月`). Crawled
//! text puts spaces between digits and Chinese (`8 月`, `2022 年 1-4 月`), so every
//! joint allows one.
//!
//! The pattern (`time_pattern.rs`) is compiled by `build.rs` into an automaton for
//! anchored searches, and the pairs of characters a match can start with are read off
//! it. The lexicon's scan tests those pairs at every position as it reads the text,
//! and the automaton is asked for a match only there (a few positions in a hundred);
//! run over the whole text, the automaton stepped through every byte and its table did
//! not stay in cache.

use std::sync::OnceLock;

use regex_automata::dfa::dense::DFA;
use regex_automata::dfa::Automaton;
use regex_automata::{Anchored, Input};

use crate::dict::pairs::{le_words, PairFilter};
use crate::text::{ends_with_word, starts_with_word};

/// A time expression found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSpan {
    pub start: usize,
    pub end: usize,
    /// A clock time (11:24): never a period.
    pub clock: bool,
    /// A base of comparison (比上年同期, 较2019年): the figure is not of that time.
    pub reference: bool,
    /// A time that says little when a more precise one is in force (全年, 当年).
    pub weak: bool,
}

/// `build.rs`'s automaton, aligned as the DFA's words must be.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

/// The anchored automaton of the pattern in `time_pattern.rs`, compiled by `build.rs`
/// in this target's byte order.
static ANCHORED: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/time_anchored.dfa")),
};

/// The pairs of characters a time expression can start with, read off that automaton
/// by `build.rs`: a [`PairFilter`] in little-endian words.
static STARTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/time_starts.bin"));

/// The time pattern's automaton, and where it may match.
struct TimeMatcher {
    dfa: DFA<&'static [u32]>,
    starts: PairFilter,
}

/// The time pattern, read from what `build.rs` wrote: reading the automaton checks it,
/// in well under a millisecond, where compiling the pattern took several.
fn matcher() -> &'static TimeMatcher {
    static MATCHER: OnceLock<TimeMatcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        // Written by build.rs for this very build; a unit test reads them too.
        let dfa = DFA::from_bytes(&ANCHORED.bytes)
            .map(|(dfa, _)| dfa)
            .expect("the time automaton build.rs wrote");
        let words = le_words(STARTS).expect("the time starts build.rs wrote");
        let (starts, _) = PairFilter::read(&words).expect("the time starts build.rs wrote");
        TimeMatcher { dfa, starts }
    })
}

/// The pairs of characters a time expression can start with: the lexicon's scan tests
/// them at every position as it reads the text ([`crate::dict::Lexicon::find_marking`]),
/// so that the automaton is asked only there.
pub fn starts() -> &'static PairFilter {
    &matcher().starts
}

/// The spans of the pattern's matches in `text`, leftmost-first as a regex finds them
/// and without overlaps, given every position where [`starts`] lets one start, in
/// order: the automaton is asked for a match anchored at each that the one before
/// does not cover. A match starts at one of them, so the first that gives one is where
/// the leftmost match starts, as an unanchored search would find it.
fn pattern_spans(text: &str, starts: &[usize]) -> Vec<(usize, usize)> {
    let dfa = &matcher().dfa;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut free = 0;
    for &start in starts {
        if start < free || start >= bytes.len() {
            continue;
        }
        let input = Input::new(bytes).range(start..).anchored(Anchored::Yes);
        if let Ok(Some(m)) = dfa.try_search_fwd(&input) {
            if m.offset() > start {
                out.push((start, m.offset()));
                free = m.offset();
            }
        }
    }
    out
}

/// Every time expression in `text`, in order.
pub fn find_times(text: &str) -> Vec<TimeSpan> {
    find_times_from(text, &starts().starts(text))
}

/// Every time expression in `text`, in order, given the positions where [`starts`]
/// lets one start, in order.
pub fn find_times_from(text: &str, starts: &[usize]) -> Vec<TimeSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // The match alone (a DFA), not its groups (a slower engine): a clock time is the
    // only alternative written in digits and colons alone.
    for (mut start, end) in pattern_spans(text, starts) {
        let found = &bytes[start..end];
        let clock = found.contains(&b':') && found.iter().all(|b| b.is_ascii_digit() || *b == b':');
        // Part of a longer number (2021年 inside 12021年) or a model name (A15年?):
        // not a time.
        if start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b'.') {
            continue;
        }
        if clock && end < bytes.len() && bytes[end].is_ascii_digit() {
            continue;
        }
        // Leading whitespace never belongs to the expression.
        while start < end && bytes[start] == b' ' {
            start += 1;
        }
        let written = &text[start..end];
        let before = text[..start].trim_end_matches(' ');
        // 同期 inside 合同期限 is no time.
        if written.starts_with("同期") && (before.ends_with('合') || before.ends_with('共')) {
            continue;
        }
        let after = &text[end..];
        let reference = written.ends_with("同期")
            || [
                "比", "较", "与", "相比", "相较", "对比", "同比", "低于", "高于",
            ]
            .iter()
            .any(|w| ends_with_word(before, w))
            || ["相比", "相较", "同期"]
                .iter()
                .any(|w| starts_with_word(after, w));
        let weak = matches!(
            written,
            "全年" | "当年" | "同年" | "年内" | "今日" | "今天" | "日前" | "近期"
        );
        out.push(TimeSpan {
            start,
            end,
            clock,
            reference,
            weak,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(s: &str) -> Vec<&str> {
        find_times(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    /// The automaton build.rs compiled, asked where its filter lets a time start, finds
    /// what the regex crate finds with the pattern itself: on a text of many kinds of
    /// time, and on every file of the fixtures, raw and normalized; and so do the starts
    /// the lexicon's scan marks.
    #[test]
    fn automaton_finds_what_the_pattern_finds() {
        let re = regex::Regex::new(&super::super::time_pattern::pattern()).unwrap();
        let lexicon = crate::dict::Lexicon::builtin();
        let text = "IT之家 9 月 9 日消息,2021年3月至2024年3月,截至2021年底累计;\
            前7个月同比增长,1-11月我国,二〇二一年 11:24:44 阅读,今年 8 月,\
            合同期限为2022年—2027年,Q3 营收,q3,FY2023 财年,fy2023,上半年与去年同期相比,\
            2021年\u{3000}3月,至 2020 年,于2019年 12 月 1 日,12:30到13:00,一季度,每季度";
        let check = |text: &str| {
            let theirs: Vec<(usize, usize)> =
                re.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(pattern_spans(text, &starts().starts(text)), theirs);
            let (_, [marked]) = lexicon.find_marking(text, [starts()]);
            assert_eq!(pattern_spans(text, &marked), theirs);
            theirs.len()
        };
        assert!(check(text) > 15);
        let (mut files, mut found) = (0, 0);
        let mut dirs = vec![std::path::PathBuf::from("fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(raw) = std::fs::read_to_string(&path) {
                    found += check(crate::text::normalize::normalize(&raw).as_str());
                    found += check(&raw);
                    files += 1;
                }
            }
        }
        assert!(files >= 5 && found > 100, "{files} files, {found} times");
    }

    #[test]
    fn table() {
        const CASES: &[(&str, &[&str])] = &[
            ("2021年11月,我国", &["2021年11月"]),
            ("1-11月,我国动力电池", &["1-11月"]),
            ("IT之家 9 月 9 日消息", &["9 月 9 日"]),
            ("今年 8 月,三元电池", &["今年 8 月"]),
            ("截至2021年底,累计", &["截至2021年底"]),
            ("2021财年营收", &["2021财年"]),
            ("到2019年12月已实现", &["到2019年12月"]),
            ("前7个月,西安市", &["前7个月"]),
            (
                "2018年09月21日 11:24:44 阅读数",
                &["2018年09月21日", "11:24:44"],
            ),
            ("每年可省电7000万度", &["每年"]),
            ("二〇二一年", &["二〇二一年"]),
            ("合同期限为2022年—2027年", &["2022年—2027年"]),
            ("2021年3月至2024年3月", &["2021年3月至2024年3月"]),
            ("3个月的时间", &[]),
            ("10年以上的供货周期", &[]),
        ];
        for (input, want) in CASES {
            assert_eq!(times(input), *want, "{input}");
        }
    }
}
