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

use super::charset::word_list;
use crate::dict::{to_name, EntityType, Name};

use super::metric::clause_start;
use super::time::TimeSpan;
use super::{EntityMention, Figure};

/// The metric-key table.
#[derive(Clone, Default)]
pub struct MetricKeys {
    /// (word, key, natural unit); the automaton's values index it.
    entries: Vec<(String, String, Option<String>)>,
    /// Every table word, found overlapping in one pass over a clause: a clause is read
    /// once per figure, and trying each of its substrings in a map cost a fifth of
    /// attribution. Character-wise, as the lexicon: a step per Han character, not three.
    matcher: Option<daachorse::CharwiseDoubleArrayAhoCorasick<u32>>,
}

impl std::fmt::Debug for MetricKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricKeys")
            .field("words", &self.entries.len())
            .finish()
    }
}

/// The shipped table.
pub const BUILTIN_METRIC_KEYS: &str = include_str!("../../dictionaries/metric_keys.tsv");

impl MetricKeys {
    /// Parse a metric-key TSV (word, key, natural unit).
    pub fn parse(text: &str) -> Result<MetricKeys, String> {
        let mut at: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<(String, String, Option<String>)> = Vec::new();
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
            let entry = (cols[0].to_string(), cols[1].to_string(), unit);
            // A word given twice keeps its last line, as a later line of a table
            // overrides an earlier one.
            match at.get(cols[0]) {
                Some(&n) => entries[n] = entry,
                None => {
                    at.insert(cols[0].to_string(), entries.len());
                    entries.push(entry);
                }
            }
        }
        let matcher = if entries.is_empty() {
            None
        } else {
            // The words are distinct and not empty (checked above).
            let built = daachorse::CharwiseDoubleArrayAhoCorasick::with_values(
                entries
                    .iter()
                    .enumerate()
                    .map(|(n, (w, _, _))| (w.as_str(), n as u32)),
            );
            Some(built.map_err(|e| format!("metric_keys.tsv: {e}"))?)
        };
        Ok(MetricKeys { entries, matcher })
    }

    /// The built-in table.
    pub fn builtin() -> MetricKeys {
        MetricKeys::parse(BUILTIN_METRIC_KEYS).expect("built-in metric keys")
    }

    /// The table word that ends nearest to the end of `clause` (longest on a tie):
    /// (its start in `clause`, key, natural unit).
    pub fn nearest<'a>(&'a self, clause: &str) -> Option<(usize, &'a str, Option<&'a str>)> {
        let matcher = self.matcher.as_ref()?;
        let mut best: Option<(usize, usize, usize)> = None; // (end, start, entry)
        for m in matcher.find_overlapping_iter(clause) {
            let better = match best {
                None => true,
                Some((be, bs, _)) => m.end() > be || (m.end() == be && m.start() < bs),
            };
            if better {
                best = Some((m.end(), m.start(), m.value() as usize));
            }
        }
        best.map(|(_, s, n)| {
            let (_, key, unit) = &self.entries[n];
            (s, key.as_str(), unit.as_deref())
        })
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
    "可",
    "将",
    "还",
    "也",
    "均",
    "都",
    "已",
    "共",
    "累计共",
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
    "均",
    "都",
    "也",
    "则",
    "就",
    "还",
    "即",
];

/// Words right before a name that make it an object, not the one the figure belongs
/// to (占中国进出口总值的13.3%, 比上年, 据商务部).
const OBLIQUE_BEFORE: &[&str] = &[
    "占", "比", "较", "对", "向", "从", "给", "跟", "同", "据", "被", "把", "经", "由", "自", "至",
    "到", "离", "赴", "于", "超过", "低于", "高于", "相比",
];

/// Words right after a name that make it a source of numbers (协会公布, 数据显示).
const SOURCE_AFTER: &[&str] = &[
    "公布",
    "发布",
    "显示",
    "统计",
    "数据显示",
    "报道",
    "消息",
    "获悉",
    "援引",
    "引述",
    "调查",
    "报告显示",
    "最新数据",
    "记者",
    "讯",
    "通报",
    "电",
];

/// Whether a mention can be what a figure belongs to.
fn subject_like(text: &str, m: &EntityMention) -> bool {
    let before = text[..m.start].trim_end_matches(' ');
    let after = text[m.end..].trim_start_matches(' ');
    // A person speaking (张涛介绍, 黄韬表示) reports figures, they are not his.
    if m.etype == EntityType::Person && word_list!(SPEECH).starting(after).is_some() {
        return false;
    }
    if word_list!(OBLIQUE_BEFORE).ending(before).is_some() {
        return false;
    }
    // 协会(SEAJ)25 日公布: an abbreviation and a date may stand between.
    let after = after.trim_start_matches(|c: char| {
        c == '(' || c.is_ascii_alphanumeric() || c == ')' || c == ' '
    });
    let after_date = after
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '日' || c == '月' || c == ' ');
    let sources = word_list!(SOURCE_AFTER);
    sources.starting(after).is_none() && sources.starting(after_date).is_none()
}

/// [`subject_like`] of each mention, worked out the first time a figure asks: the
/// figures of one clause ask of the same names, and a clause before them is looked at
/// again for each figure that names no one.
struct SubjectLike(Vec<std::cell::Cell<u8>>);

impl SubjectLike {
    const UNKNOWN: u8 = 2;

    fn new(n: usize) -> SubjectLike {
        SubjectLike(vec![std::cell::Cell::new(Self::UNKNOWN); n])
    }

    fn get(&self, text: &str, entities: &[EntityMention], k: usize) -> bool {
        let cell = &self.0[k];
        if cell.get() == Self::UNKNOWN {
            cell.set(subject_like(text, &entities[k]) as u8);
        }
        cell.get() == 1
    }
}

/// The subject of a figure whose clause starts at `clause`: the owner (李健熙的遗产) or
/// else the first subject-like entity of its clause; when the clause names none, the
/// same taken from the nearest clause before it that does. `entities` are in text order.
fn subject_at(
    text: &str,
    entities: &[EntityMention],
    likes: &SubjectLike,
    clause: usize,
    anchor: usize,
) -> Option<Name> {
    let pick = |from: usize, to: usize| {
        let lo = entities.partition_point(|m| m.start < from);
        let mut it = entities[lo..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.start < to)
            .filter(|&(k, m)| m.end <= to && likes.get(text, entities, lo + k))
            .map(|(_, m)| m);
        let first = it.clone().next()?;
        let owner =
            it.find(|m| text[m.end..to].starts_with('的') && !text[m.end..to].starts_with("的是"));
        Some(owner.unwrap_or(first).canonical.clone())
    };
    if let Some(s) = pick(clause, anchor) {
        return Some(s);
    }
    // The nearest subject-like name before the clause; a bounded look back keeps a
    // document of many figures and names linear.
    let hi = entities.partition_point(|m| m.start < clause);
    let last = entities[..hi]
        .iter()
        .enumerate()
        .rev()
        .take(64)
        .find(|&(k, m)| m.end <= clause && likes.get(text, entities, k))
        .map(|(_, m)| m)?;
    let start = clause_start(text, last.start).max(window_start(text, last.start));
    let end = text[last.end..clause.max(last.end)]
        .find([',', ';', '。', '!', '?', '\n'])
        .map_or(clause, |p| last.end + p);
    pick(start, end.min(clause))
}

/// How far back attribution looks for boundaries and words: a clause or sentence
/// longer than this is cut, so that the cost per figure stays bounded.
const LOOK_BACK: usize = 1024;

/// The char boundary at most `LOOK_BACK` bytes before `pos`.
fn window_start(text: &str, pos: usize) -> usize {
    let mut w = pos.saturating_sub(LOOK_BACK);
    while !text.is_char_boundary(w) {
        w += 1;
    }
    w
}

/// Speech verbs after a person's name.
const SPEECH: &[&str] = &[
    "表示",
    "指出",
    "介绍",
    "认为",
    "称",
    "说",
    "透露",
    "强调",
    "坦言",
    "提到",
    "谈到",
    "直言",
    "在会上",
    "发表",
    "预计",
    "告诉",
];

/// Fill in metric, metric_key, subject and period of every figure.
pub fn attribute(
    text: &str,
    keys: &MetricKeys,
    entities: &[EntityMention],
    times: &[TimeSpan],
    figures: &mut [Figure],
) {
    let mut carried_period: Option<(usize, usize)> = None;
    let likes = SubjectLike::new(entities.len());
    let mut paragraph_start = 0usize;
    let mut prev_end = 0usize;
    for f in figures.iter_mut() {
        let anchor = f.anchor.min(f.start);
        let window = window_start(text, anchor);
        let para = text[window..anchor]
            .rfind('\n')
            .map_or(window, |p| window + p + 1);
        if para != paragraph_start {
            paragraph_start = para;
        }
        let sentence = window + sentence_start(&text[window..], anchor - window);
        let clause = window + clause_start(&text[window..], anchor - window);

        // Subject: the owner or first subject-like name of the clause, else of the
        // nearest clause before it that names one.
        f.subject =
            subject_at(text, entities, &likes, clause, anchor).unwrap_or_else(|| to_name(""));

        // Period: the last time before the figure in its sentence, else the one in force.
        // Bases of comparison (比上年同期) never are; 全年 gives way to a precise one.
        let hi = times.partition_point(|t| t.start < anchor);
        // The nearest times before, and the nearest of them that is not weak.
        let mut before = times[..hi]
            .iter()
            .rev()
            .take(32)
            .filter(|t| !t.clock && !t.reference && t.end <= anchor);
        let nearest = before.next();
        let strong = match nearest {
            Some(t) if !t.weak => Some(t),
            _ => before.find(|t| !t.weak),
        };
        let last_time = match nearest {
            Some(t) if t.weak && strong.is_some_and(|s| s.start >= paragraph_start) => strong,
            other => other,
        };
        // A period is a stretch of the text: the one in force is kept as its bounds.
        let period = match last_time {
            Some(t) if t.start >= sentence => Some((t.start, t.end)),
            Some(t) if t.start >= paragraph_start || carried_period.is_none() => {
                Some((t.start, t.end))
            }
            _ => carried_period,
        };
        match period {
            Some((s, e)) => {
                f.period = text[s..e].to_string();
                if s < e {
                    carried_period = Some((s, e));
                }
            }
            None => f.period.clear(),
        }

        // Metric: the words between what stands before the figure and the figure.
        let mut from = clause;
        if prev_end > from && prev_end <= anchor {
            from = prev_end;
        }
        let ei = entities.partition_point(|m| m.start < anchor);
        let after_entity = entities[..ei]
            .iter()
            .rev()
            .take(8)
            .filter(|m| m.end <= anchor)
            .map(|m| m.end)
            .max()
            .unwrap_or(0);
        let after_time = times[..hi]
            .iter()
            .rev()
            .take(8)
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
        f.metric = metric;
        f.metric_key = key;
        if f.unit == "ratio" && f.metric_key.is_empty() {
            f.metric_key = f.metric.to_ascii_lowercase();
        }
        prev_end = f.end;
    }
}

fn trim_words(mut s: &str) -> &str {
    loop {
        let before = s;
        s = s.trim_matches(|c: char| {
            c == ' ' || c == '(' || c == ')' || c == '"' || c == '“' || c == '”'
        });
        if let Some(w) = word_list!(LEADING_FILLER).starting(s) {
            s = &s[w.len()..];
        }
        if let Some(w) = word_list!(TRAILING_FILLER).ending(s) {
            s = &s[..s.len() - w.len()];
        }
        if s == before {
            break;
        }
    }
    // Numerals and the 分之 of a fraction left over from the figure before (百分之百分之百)
    // name no quantity.
    if s.chars()
        .all(|c| "〇零一二三四五六七八九十百千万亿两分之点".contains(c))
    {
        return "";
    }
    s
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

    /// (text, figure text, subject, period)
    const ATTRIBUTION: &[(&str, &str, &str, &str)] = &[
        (
            "阿里巴巴2021财年,阿里云全年营收601.2亿元,同比增长50%。",
            "601.2亿元",
            "阿里云",
            "2021财年",
        ),
        (
            "阿里巴巴2021财年,阿里云全年营收601.2亿元,同比增长50%。",
            "50%",
            "阿里云",
            "2021财年",
        ),
        (
            "1-8月江苏省外贸进出口值32878.4亿元,占中国进出口总值的13.3%。其中,出口20310.4亿元。",
            "13.3%",
            "江苏",
            "1-8月",
        ),
        (
            "1-8月江苏省外贸进出口值32878.4亿元,占中国进出口总值的13.3%。其中,出口20310.4亿元。",
            "20310.4亿元",
            "江苏",
            "1-8月",
        ),
        (
            "日本半导体设备协会(SEAJ)25日公布的数据显示,日本销售额达到2719亿日元。",
            "2719亿日元",
            "日本",
            "",
        ),
        ("增速比上年同期提高19.1个百分点", "19.1个百分点", "", ""),
        (
            "重庆瑞方渝美压铸有限公司(下称“瑞方渝美”)成立。瑞方渝美的人员支出可以节省15%。",
            "15%",
            "重庆瑞方渝美压铸有限公司",
            "",
        ),
        (
            "张涛介绍,阿里云仁和数据中心的PUE最低可以达到1.09。",
            "1.09",
            "阿里云",
            "",
        ),
    ];

    #[test]
    fn subjects_and_periods() {
        let mut b = crate::dict::LexiconBuilder::new();
        b.add_tsv("t.tsv", "阿里巴巴集团\tcompany\t阿里巴巴\n阿里云\tcompany\n江苏\tprovince\t江苏省\t320000\n中国\tcountry\t\tCN\n日本\tcountry\t\tJP\n日本半导体设备协会\torganization\tSEAJ\n").unwrap();
        let ex = crate::extract::Extractor::new(b.build());
        for (text, fig, subject, period) in ATTRIBUTION {
            let t = crate::text::normalize::normalize(text);
            let m = ex.extract(&t, false);
            let f = m
                .figures
                .iter()
                .find(|f| &t.as_str()[f.start..f.end] == *fig)
                .unwrap_or_else(|| panic!("{text}: no {fig}"));
            assert_eq!(
                (&*f.subject, f.period.as_str()),
                (*subject, *period),
                "{text} / {fig}"
            );
        }
    }

    #[test]
    fn filler_is_trimmed() {
        assert_eq!(trim_words("其中三元电池产量共计"), "三元电池产量");
        assert_eq!(trim_words("同比增长"), "同比增长");
        assert_eq!(trim_words("其PUE最低可以达到"), "PUE");
        assert_eq!(trim_words("分之"), "");
        assert_eq!(trim_words("十分之"), "");
        assert_eq!(trim_words("分红"), "分红");
    }
}
