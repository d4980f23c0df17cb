//! The pattern of the time expressions [`super::time`] finds, as a regular expression.
//!
//! `build.rs` includes this file (it uses nothing but `std`) and compiles the pattern
//! into the anchored automaton the library searches with, and the filter of where a
//! match can start; compiling it at start took a small article's run a seventh of its
//! instructions, and building the lazy automaton's states as the text asked for them
//! another tenth.

/// The whole pattern: one time expression or span of them, or a clock time.
pub fn pattern() -> String {
    let cn_digit = "[〇○零一二三四五六七八九]";
    let month_num = "(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
    let range = "\\s?[-－—–~～至到]\\s?";
    let year = format!("(?:(?:19|20)[0-9]{{2}}|{cn_digit}{{4}})\\s?(?:财年|财政年度|年度|年)");
    let fiscal = "(?:FY\\s?[0-9]{2,4})";
    let rel_year =
        "(?:今年|去年|明年|前年|后年|本年|当年|同年|上年|次年|全年|上一年|下一年|近年|今明两年)";
    let month = format!("(?:{month_num}(?:{range}{month_num})?\\s?月份?)");
    let day = "(?:(?:[12][0-9]|3[01]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\\s?[日号])";
    let quarter =
        "(?:(?:第|前)?[一二三四1-4两]\\s?季度|Q[1-4]|[上下]半年|年初|年底|年末|年中|上半月|下半月)";
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
    format!("{one}(?:\\s?(?:至|到|-|—|－|~|～)\\s?{dated}(?:\\s?{suffix})?)?|(?P<clock>{clock})")
}
