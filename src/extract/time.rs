//! Time expressions: the dates, months, quarters and relative times of an article.
//!
//! They matter twice. Their numbers are not figures (2021年, 12月10日, 11:24), and they
//! are the `period` a figure refers to (`1-11月`, `截至2021年底`, `今年 8 月`). Crawled
//! text puts spaces between digits and Chinese (`8 月`, `2022 年 1-4 月`), so every
//! joint allows one.

use std::sync::OnceLock;

use regex_automata::dfa::dense::DFA;
use regex_automata::dfa::regex::Regex;

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

/// One of `build.rs`'s automata, aligned as the DFA's words must be.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

/// The forward and reverse automata of the pattern in `time_pattern.rs`, compiled by
/// `build.rs` in this target's byte order.
static FORWARD: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/time_forward.dfa")),
};
static REVERSE: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/time_reverse.dfa")),
};

type Automaton = Regex<DFA<&'static [u32]>>;

/// The time pattern, read from the automata `build.rs` wrote: reading them checks
/// them, in well under a millisecond, where compiling the pattern took several.
fn pattern() -> &'static Automaton {
    static RE: OnceLock<Automaton> = OnceLock::new();
    RE.get_or_init(|| {
        // Written by build.rs for this very build; a unit test reads them too.
        let read = |a: &'static Aligned<[u8]>| {
            DFA::from_bytes(&a.bytes)
                .map(|(dfa, _)| dfa)
                .expect("the time automata build.rs wrote")
        };
        Regex::builder().build_from_dfas(read(FORWARD), read(REVERSE))
    })
}

/// Every time expression in `text`, in order.
pub fn find_times(text: &str) -> Vec<TimeSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // The match alone (a DFA), not its groups (a slower engine): a clock time is the
    // only alternative written in digits and colons alone.
    for m in pattern().find_iter(bytes) {
        let (mut start, end) = (m.start(), m.end());
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

    /// The automata build.rs compiled are the pattern's: they find what the regex
    /// crate finds with the pattern itself.
    #[test]
    fn automata_are_the_patterns() {
        let re = regex::Regex::new(&super::super::time_pattern::pattern()).unwrap();
        let text = "IT之家 9 月 9 日消息,2021年3月至2024年3月,截至2021年底累计;\
            前7个月同比增长,1-11月我国,二〇二一年 11:24:44 阅读,今年 8 月,\
            合同期限为2022年—2027年,Q3 营收,FY2023 财年,上半年与去年同期相比";
        let ours: Vec<(usize, usize)> = pattern()
            .find_iter(text.as_bytes())
            .map(|m| (m.start(), m.end()))
            .collect();
        let theirs: Vec<(usize, usize)> =
            re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        assert!(ours.len() > 10, "{ours:?}");
        assert_eq!(ours, theirs);
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
