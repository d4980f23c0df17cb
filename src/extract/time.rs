//! Time expressions: the dates, months, quarters and relative times of an article.
//!
//! They matter twice. Their numbers are not figures (2021年, 12月10日, 11:24), and they
//! are the `period` a figure refers to (`1-11月`, `截至2021年底`, `今年 8 月`). Crawled
//! text puts spaces between digits and Chinese (`8 月`, `2022 年 1-4 月`), so every
//! joint allows one.

use std::sync::OnceLock;

use regex::Regex;

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

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let cn_digit = "[〇○零一二三四五六七八九]";
        let month_num = "(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
        let range = "\\s?[-－—–~～至到]\\s?";
        let year = format!("(?:(?:19|20)[0-9]{{2}}|{cn_digit}{{4}})\\s?(?:财年|财政年度|年度|年)");
        let fiscal = "(?:FY\\s?[0-9]{2,4})";
        let rel_year = "(?:今年|去年|明年|前年|后年|本年|当年|同年|上年|次年|全年|上一年|下一年|近年|今明两年)";
        let month = format!("(?:{month_num}(?:{range}{month_num})?\\s?月份?)");
        let day = "(?:(?:[12][0-9]|3[01]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\\s?[日号])";
        let quarter = "(?:(?:第|前)?[一二三四1-4两]\\s?季度|Q[1-4]|[上下]半年|年初|年底|年末|年中|上半月|下半月)";
        let rel = "(?:本月|上月|当月|下月|次月|本周|上周|下周|每年|每月|每天|每日|每季度|每周|目前|当前|现阶段|如今|现如今|当下|眼下|届时|此前|近期|近年来|同期|上年同期|年内|日前|今日|昨日|今天|昨天|明天|今年以来|上半年|下半年|前三季度|一季度|二季度|三季度|四季度|未来几年|近几年|近年)";
        let prefix = "(?:截至|截止到|截止|截至到|到|至|自|从|于)";
        let suffix = "(?:底|末|初|中旬|上旬|下旬|以来|前后|期间)";
        let first_months = "(?:前\\s?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})\\s?个?月)";
        let clock = "(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)";
        let dated = format!(
            "(?:(?:{year}|{fiscal}|{rel_year})\\s?(?:{month}|{quarter}|{first_months})?\\s?{day}?|{month}\\s?{day}?|{first_months}|{quarter}|{rel})"
        );
        let one = format!("(?:{prefix}\\s?)?{dated}(?:\\s?{suffix})?");
        // A span of time: 2021年3月至2024年3月, 2022年—2027年.
        Regex::new(&format!("{one}(?:\\s?(?:至|到|-|—|－|~|～)\\s?{dated}(?:\\s?{suffix})?)?|(?P<clock>{clock})")).expect("time pattern")
    })
}

/// Every time expression in `text`, in order.
pub fn find_times(text: &str) -> Vec<TimeSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // The match alone (a DFA), not its groups (a slower engine): a clock time is the
    // only alternative written in digits and colons alone.
    for m in pattern().find_iter(text) {
        let (mut start, end) = (m.start(), m.end());
        let clock =
            m.as_str().contains(':') && m.as_str().bytes().all(|b| b.is_ascii_digit() || b == b':');
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
