//! Attribution: what a figure measures, whose it is, and when.
//!
//! `metric` is read from the words between the figure and what stands before it in its
//! clause (a name, a time, another figure, a comma); `metric_key` comes from the table
//! in `dictionaries/metric_keys.tsv`. `subject` is the entity that opens the figure's
//! clause or sentence (阿里云全年营收…, 江苏省外贸进出口值…占中国…的13.3%), carried
//! forward through a paragraph whose later sentences name no one (其中…). `period` is
//! the last time expression before the figure in its sentence, or the one in force from
//! earlier in the paragraph (1-11月, … 其中三元电池产量累计82.4GWh).

use std::collections::HashMap;

use crate::dict::EntityType;

use super::metric::clause_start;
use super::time::TimeSpan;
use super::{EntityMention, Figure};

/// The metric-key table.
#[derive(Debug, Clone, Default)]
pub struct MetricKeys {
    /// word → (key, natural unit)
    words: HashMap<String, (String, Option<String>)>,
    max_chars: usize,
}

/// The shipped table.
pub const BUILTIN_METRIC_KEYS: &str = include_str!("../../dictionaries/metric_keys.tsv");

impl MetricKeys {
    /// Parse a metric-key TSV (word, key, natural unit).
    pub fn parse(text: &str) -> Result<MetricKeys, String> {
        let mut t = MetricKeys::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 || cols.len() > 3 || cols[0].is_empty() || cols[1].is_empty() {
                return Err(format!(
                    "metric_keys.tsv:{}: expected word, key and an optional unit",
                    i + 1
                ));
            }
            let unit = cols
                .get(2)
                .map(|u| u.trim())
                .filter(|u| !u.is_empty())
                .map(str::to_string);
            t.max_chars = t.max_chars.max(cols[0].chars().count());
            t.words
                .insert(cols[0].to_string(), (cols[1].to_string(), unit));
        }
        Ok(t)
    }

    /// The built-in table.
    pub fn builtin() -> MetricKeys {
        MetricKeys::parse(BUILTIN_METRIC_KEYS).expect("built-in metric keys")
    }

    /// The table word that ends nearest to the end of `clause` (longest on a tie):
    /// (its start in `clause`, key, natural unit).
    pub fn nearest<'a>(&'a self, clause: &str) -> Option<(usize, &'a str, Option<&'a str>)> {
        let mut best: Option<(usize, usize, &str, Option<&str>)> = None; // (end, start, key, unit)
        let idx: Vec<usize> = clause
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(clause.len()))
            .collect();
        for (a, &s) in idx.iter().enumerate() {
            for &e in idx.iter().skip(a + 1).take(self.max_chars) {
                if let Some((key, unit)) = self.words.get(&clause[s..e]) {
                    let better = match best {
                        None => true,
                        Some((be, bs, _, _)) => e > be || (e == be && s < bs),
                    };
                    if better {
                        best = Some((e, s, key.as_str(), unit.as_deref()));
                    }
                }
            }
        }
        best.map(|(_, s, k, u)| (s, k, u))
    }
}

/// Words that open a clause without naming the quantity (其中, 同时, 我国).
const LEADING_FILLER: &[&str] = &[
    "其中",
    "同时",
    "此外",
    "另外",
    "而",
    "并且",
    "并",
    "且",
    "以及",
    "和",
    "与",
    "及",
    "其",
    "该",
    "我国",
    "全国",
    "国内",
    "据悉",
    "数据显示",
    "显示",
    "的",
    "在",
    "中",
    "为",
    "里",
    "方面",
    "看",
    "来看",
    "从",
];

/// Words between the quantity's name and the number (营收为, 产量达到, 共计).
const TRAILING_FILLER: &[&str] = &[
    "最低可以达到",
    "可以达到",
    "分别为",
    "分别是",
    "分别",
    "约为",
    "达到",
    "达",
    "为",
    "是",
    "共计",
    "合计",
    "总计",
    "超过",
    "实现",
    "完成",
    "突破",
    "增至",
    "升至",
    "降至",
    "提升至",
    "提高至",
    "至",
    "了",
    "已达",
    "已",
    "有",
    "共",
    "可达",
    "可",
    "仅",
    "约",
    "近",
    "高达",
    "将",
    "将会",
    "预计",
    "预计将",
    "约合",
    "的",
    "在",
    "每年可",
    "每年",
    "年",
    "累计达",
    "超",
    "逾",
    "保持",
    "持续",
    "占到",
    "大幅",
    "录得",
    "报",
    "收于",
    "每股",
    " ",
];

/// Fill in metric, metric_key, subject and period of every figure.
pub fn attribute(
    text: &str,
    keys: &MetricKeys,
    entities: &[EntityMention],
    times: &[TimeSpan],
    figures: &mut [Figure],
) {
    let mut carried_subject = String::new();
    let mut carried_period = String::new();
    let mut paragraph_start = 0usize;
    let mut prev_end = 0usize;
    for fi in 0..figures.len() {
        let anchor = figures[fi].anchor.min(figures[fi].start);
        let para = text[..anchor].rfind('\n').map_or(0, |p| p + 1);
        if para != paragraph_start {
            paragraph_start = para;
        }
        let sentence = sentence_start(text, anchor);
        let clause = clause_start(text, anchor);

        // Subject: the entity opening the clause, else the sentence, else carried.
        let is_subject = |m: &&EntityMention| m.etype != EntityType::Person && m.end <= anchor;
        let in_clause = entities
            .iter()
            .filter(is_subject)
            .find(|m| m.start >= clause);
        let in_sentence = entities
            .iter()
            .filter(is_subject)
            .find(|m| m.start >= sentence);
        let earlier = entities
            .iter()
            .filter(is_subject)
            .rfind(|m| m.start >= paragraph_start && m.start < sentence);
        if let Some(m) = in_clause.or(in_sentence) {
            figures[fi].subject = m.canonical.clone();
        } else if let Some(m) = earlier {
            figures[fi].subject = if carried_subject.is_empty() {
                m.canonical.clone()
            } else {
                carried_subject.clone()
            };
        } else {
            figures[fi].subject = carried_subject.clone();
        }
        if !figures[fi].subject.is_empty() {
            carried_subject = figures[fi].subject.clone();
        }

        // Period: the last time before the figure in its sentence, else the one in force.
        // Bases of comparison (比上年同期) never are; 全年 gives way to a precise one.
        let candidates = || {
            times
                .iter()
                .filter(|t| !t.clock && !t.reference && t.end <= anchor)
        };
        let strong = candidates().filter(|t| !t.weak).next_back();
        let last_time = match candidates().next_back() {
            Some(t) if t.weak && strong.is_some_and(|s| s.start >= paragraph_start) => strong,
            other => other,
        };
        match last_time {
            Some(t) if t.start >= sentence => figures[fi].period = text[t.start..t.end].to_string(),
            Some(t) if t.start >= paragraph_start || carried_period.is_empty() => {
                figures[fi].period = text[t.start..t.end].to_string()
            }
            _ => figures[fi].period = carried_period.clone(),
        }
        if !figures[fi].period.is_empty() {
            carried_period = figures[fi].period.clone();
        }

        // Metric: the words between what stands before the figure and the figure.
        let mut from = clause;
        if prev_end > from && prev_end <= anchor {
            from = prev_end;
        }
        let after_entity = entities
            .iter()
            .filter(|m| m.end <= anchor)
            .map(|m| m.end)
            .max()
            .unwrap_or(0);
        let after_time = times
            .iter()
            .filter(|t| t.end <= anchor)
            .map(|t| t.end)
            .max()
            .unwrap_or(0);
        from = from.max(after_entity).max(after_time);
        let words = trim_words(&text[from..anchor]);
        let (metric, key) = match keys.nearest(&text[clause..anchor]) {
            Some((_, key, _)) if !words.is_empty() && words.chars().count() <= 16 => {
                (words.to_string(), key.to_string())
            }
            Some((s, key, _)) => {
                let w = trim_words(&text[clause + s..anchor]);
                (w.to_string(), key.to_string())
            }
            None if words.chars().count() <= 12 => (words.to_string(), String::new()),
            None => (String::new(), String::new()),
        };
        figures[fi].metric = metric;
        figures[fi].metric_key = key;
        if figures[fi].unit == "ratio" && figures[fi].metric_key.is_empty() {
            figures[fi].metric_key = figures[fi].metric.to_ascii_lowercase();
        }
        prev_end = figures[fi].end;
    }
}

fn trim_words(mut s: &str) -> &str {
    loop {
        let before = s;
        s = s.trim_matches(|c: char| {
            c == ' ' || c == '(' || c == ')' || c == '"' || c == '“' || c == '”'
        });
        for w in LEADING_FILLER {
            if let Some(r) = s.strip_prefix(w) {
                s = r;
                break;
            }
        }
        for w in TRAILING_FILLER {
            if let Some(r) = s.strip_suffix(w) {
                s = r;
                break;
            }
        }
        if s == before {
            return s;
        }
    }
}

fn sentence_start(text: &str, pos: usize) -> usize {
    text[..pos]
        .rfind(['。', '!', '?', '\n', ';', '；'])
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_word_wins() {
        let k = MetricKeys::builtin();
        let (_, key, unit) = k.nearest("阿里云全年营收").unwrap();
        assert_eq!((key, unit), ("revenue", Some("CNY")));
        let (_, key, _) = k.nearest("营收同比增长").unwrap();
        assert_eq!(key, "growth");
        assert!(k.nearest("他们说").is_none());
    }

    #[test]
    fn filler_is_trimmed() {
        assert_eq!(trim_words("其中三元电池产量共计"), "三元电池产量");
        assert_eq!(trim_words("同比增长"), "同比增长");
        assert_eq!(trim_words("其PUE最低可以达到"), "PUE");
    }
}
