//! Figures: numbers with what makes them a measure.
//!
//! The reader stops only where a number can start (an ASCII digit, a sign, a Chinese
//! numeral, 百分之, a currency sign), never inside a name (倚天710), a time (2021年,
//! 11:24), a model number (8255C, 5G) or an ordinal (第57名). At each such place it reads
//! the number, then what follows it: a magnitude standing apart (`12 万亿韩元`), a
//! classifier or a physical unit (longest first: 千瓦时 before 千瓦), a percent form
//! (%, 百分之, 成, 折), qualifiers before and after (近, 超过, 余, 以上), and a second
//! number that makes a range (1至2亿元 gives two figures). A number with a magnitude but
//! no unit takes the natural unit of the quantity its clause names (年产值120亿 → CNY).

use super::attribute::MetricKeys;
use super::number::{read_number, starts_number, Numeral, ReadOptions};
use super::time::TimeSpan;
use super::units::{Unit, UnitTable};
use super::{BareNumber, EntityMention, Figure, Qualifier};

/// Qualifier words before a number, longest first within each reading.
const QUALIFIERS_BEFORE: &[(&str, Qualifier)] = &[
    ("不少于", Qualifier::Min),
    ("不低于", Qualifier::Min),
    ("不超过", Qualifier::Max),
    ("大约", Qualifier::Approx),
    ("约为", Qualifier::Approx),
    ("约合", Qualifier::Approx),
    ("将近", Qualifier::Approx),
    ("接近", Qualifier::Approx),
    ("近乎", Qualifier::Approx),
    ("大概", Qualifier::Approx),
    ("超过", Qualifier::Over),
    ("超出", Qualifier::Over),
    ("突破", Qualifier::Over),
    ("多于", Qualifier::Over),
    ("不到", Qualifier::Under),
    ("不足", Qualifier::Under),
    ("少于", Qualifier::Under),
    ("未满", Qualifier::Under),
    ("最高", Qualifier::Max),
    ("最多", Qualifier::Max),
    ("高达", Qualifier::Max),
    ("多达", Qualifier::Max),
    ("至多", Qualifier::Max),
    ("最低", Qualifier::Min),
    ("至少", Qualifier::Min),
    ("起码", Qualifier::Min),
    ("约", Qualifier::Approx),
    ("近", Qualifier::Approx),
    ("超", Qualifier::Over),
    ("逾", Qualifier::Over),
    ("过", Qualifier::Over),
];

/// Qualifier words after a figure's unit.
const QUALIFIERS_AFTER: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::Over),
    ("之多", Qualifier::Max),
    ("有余", Qualifier::Over),
    ("以下", Qualifier::Under),
    ("以内", Qualifier::Under),
    ("左右", Qualifier::Approx),
    ("上下", Qualifier::Approx),
    ("多", Qualifier::Over),
    ("余", Qualifier::Over),
];

/// Magnitudes that may stand apart from their number (`12 万亿`, `1.432 亿芯公里`).
const MAGNITUDES: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("百亿", 1e10),
    ("十亿", 1e9),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("亿", 1e8),
    ("万", 1e4),
    ("千", 1e3),
    ("百", 1e2),
];

/// Currency signs written before the amount.
const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
    ("S$", "SGD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("RMB", "CNY"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("HKD", "HKD"),
    ("CNY", "CNY"),
    ("JPY", "JPY"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("港币", "HKD"),
    ("$", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₩", "KRW"),
];

/// A unit followed by one of these characters is the start of a word, not a unit:
/// 5周年 (an anniversary), 3年级, 20年代, 3元素.
const UNIT_WORD_STARTS: &[(&str, &str)] = &[
    ("年", "级代底初末中度轻"),
    ("周", "年边期岁"),
    ("度", "过假"),
    ("天", "津然下空"),
    ("元", "素件器旦宇"),
    ("名", "单额字称义牌"),
    ("条", "件例款"),
    ("项", "目"),
    ("股", "份东权票"),
    ("期", "间货待望限"),
    ("单", "位元"),
    ("位", "于置"),
    ("所", "以有在属"),
    ("处", "理于"),
    ("台", "湾阶"),
    ("人", "民工"),
    ("家", "庭居电"),
    ("米", "饭粒"),
    ("克", "隆服"),
    ("支", "持付"),
    ("根", "据"),
    ("起", "来步"),
    ("口", "罩碑"),
    ("层", "面"),
    ("场", "景"),
    ("种", "子"),
    ("批", "准"),
    ("则", "是"),
    ("次", "日"),
    ("本", "地土"),
    ("头", "部"),
    ("点", ""),
];

/// Words before a duration that make it a time relative to now (近2年, 过去5年), and
/// after it (十二年前, 3年后, 近2年来).
const RELATIVE_BEFORE: &[&str] = &[
    "近", "过去", "未来", "最近", "今后", "这", "再过", "此后", "之后", "前", "后", "近些", "近几",
];
const RELATIVE_AFTER: &[&str] = &[
    "前", "后", "来", "以来", "内", "之内", "之前", "之后", "间", "里", "平均", "多来", "多前",
    "多后",
];

/// Words before 一 + classifier that make it a count (仅有一家) and not an article (一家企业).
const COUNTING_ONE: &[&str] = &[
    "仅", "只", "仅有", "只有", "唯一", "共", "共有", "至少", "超过", "不到", "近", "第",
];

#[derive(Debug, Clone)]
struct Read {
    start: usize,
    num_start: usize,
    end: usize,
    value: f64,
    unit: Option<(String, String)>,
    qualifier: Option<Qualifier>,
    /// A magnitude applied (in the number or standing apart), for ranges and natural units.
    magnitude: f64,
    vague: bool,
    /// The unit's factor, lent to a range's first number when it has no unit.
    factor_used: f64,
}

/// Find the figures (and, when asked, the bare numbers) of `text`.
pub fn find_figures(
    text: &str,
    units: &UnitTable,
    keys: &MetricKeys,
    entities: &[EntityMention],
    times: &[TimeSpan],
    numbers: bool,
) -> (Vec<Figure>, Vec<BareNumber>) {
    let mut blocked: Vec<(usize, usize)> = entities
        .iter()
        .map(|e| (e.start, e.end))
        .chain(times.iter().map(|t| (t.start, t.end)))
        .collect();
    blocked.sort();
    let bytes = text.as_bytes();
    let mut figures = Vec::new();
    let mut bare = Vec::new();
    let mut bi = 0;
    let mut i = 0;
    while i < text.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        while bi < blocked.len() && blocked[bi].1 <= i {
            bi += 1;
        }
        if bi < blocked.len() && blocked[bi].0 <= i {
            i = blocked[bi].1.max(i + 1);
            while !text.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        // 翻番 and 翻两番: a multiple with no digits.
        if c == '翻' {
            if let Some((times_x, len)) = doubling(rest) {
                figures.push(figure(i, i + len, i, times_x, "x", "multiple", None));
                i += len;
                continue;
            }
        }
        // Percent written before its number: 百分之五十, 千分之三.
        if let Some((scale, plen)) = percent_prefix(rest) {
            if let Some(n) = read_number(&rest[plen..], ReadOptions::default()) {
                let end = i + plen + n.len;
                let q = qualifier_before(text, i);
                let start = q.map_or(i, |(s, _)| s);
                figures.push(figure(
                    start,
                    end,
                    i,
                    n.value * scale,
                    "%",
                    "percent",
                    q.map(|(_, q)| q),
                ));
                i = end;
                continue;
            }
        }
        // A currency sign before the amount: ¥100, US$ 5亿, 人民币4810亿元.
        if let Some((code, slen)) = currency_sign(text, i) {
            let mut k = i + slen;
            if bytes.get(k) == Some(&b' ') {
                k += 1;
            }
            if let Some(mut r) = read_at(text, k, units, blocked_from(&blocked, bi)) {
                if r.unit.as_ref().is_none_or(|(_, class)| class == "money") {
                    r.start = i.min(qualifier_before(text, i).map_or(i, |(s, _)| s));
                    r.qualifier = r.qualifier.or(qualifier_before(text, i).map(|(_, q)| q));
                    r.unit = Some((r.unit.map_or(code.to_string(), |(u, _)| u), "money".into()));
                    let end = r.end;
                    push_read(&mut figures, r, i);
                    i = end;
                    continue;
                }
            }
        }
        if !starts_number(c) || !number_may_start(text, i) {
            i += c.len_utf8();
            continue;
        }
        // Inside a model name or a code: 8255C, A15, sh603138, Win11.
        if i > 0 && (bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] == b'_') {
            i = skip_word(text, i);
            continue;
        }
        let Some(first) = read_at(text, i, units, blocked_from(&blocked, bi)) else {
            i += c.len_utf8();
            continue;
        };
        if first.end <= i {
            i += c.len_utf8();
            continue;
        }
        // An ordinal or a rank: 第57名, 排名前三.
        if ordinal_before(text, i) {
            i = first.end;
            continue;
        }
        // A range: 1至2亿元, 10%-20%, 3~5倍, 5到10家.
        if let Some(b) = range_after(text, &first, units, blocked_from(&blocked, bi)) {
            let mut a = first.clone();
            if a.unit.is_none() && b.unit.is_some() {
                // 1至2亿元: the first number borrows the second's magnitude and unit.
                a.unit = b.unit.clone();
                if a.magnitude == 1.0 && b.magnitude != 1.0 {
                    a.value *= b.magnitude;
                }
                a.value *= b.factor_used;
            }
            if a.unit.is_some()
                && b.unit.is_some()
                && a.unit.as_ref().map(|u| &u.1) == b.unit.as_ref().map(|u| &u.1)
            {
                let (start, end) = (a.start, b.end);
                let anchor = a.num_start;
                let mut fa = to_figure(a, anchor);
                let mut fb = to_figure(b, anchor);
                fa.start = start;
                fa.end = end;
                fb.start = start;
                fb.end = end;
                figures.push(fa);
                figures.push(fb);
                i = end;
                continue;
            }
        }
        match first.unit {
            Some(_) => {
                let end = first.end;
                let anchor = first.num_start;
                if accept(text, &first) {
                    figures.push(to_figure(first, anchor));
                }
                i = end;
            }
            None => {
                let end = first.end;
                // Named indicators (PUE 1.09) and quantities with a natural unit.
                if let Some(f) = unitless(text, keys, &first) {
                    figures.push(f);
                } else if numbers && !first.vague {
                    bare.push(BareNumber {
                        start: first.num_start,
                        end,
                        value: first.value,
                    });
                }
                i = end;
            }
        }
    }
    (figures, bare)
}

fn blocked_from(blocked: &[(usize, usize)], bi: usize) -> &[(usize, usize)] {
    &blocked[bi..]
}

fn figure(
    start: usize,
    end: usize,
    anchor: usize,
    value: f64,
    unit: &str,
    class: &str,
    q: Option<Qualifier>,
) -> Figure {
    Figure {
        start,
        end,
        value,
        unit: unit.to_string(),
        class: class.to_string(),
        qualifier: q,
        anchor,
        metric: String::new(),
        metric_key: String::new(),
        subject: String::new(),
        period: String::new(),
    }
}

fn to_figure(r: Read, anchor: usize) -> Figure {
    let (unit, class) = r.unit.unwrap_or_default();
    let q = r.qualifier.or(if r.vague {
        Some(Qualifier::Approx)
    } else {
        None
    });
    figure(r.start, r.end, anchor, r.value, &unit, &class, q)
}

fn push_read(figures: &mut Vec<Figure>, r: Read, anchor: usize) {
    figures.push(to_figure(r, anchor));
}

fn doubling(s: &str) -> Option<(f64, usize)> {
    for (w, x) in [
        ("翻了一番", 2.0),
        ("翻一番", 2.0),
        ("翻番", 2.0),
        ("翻了两番", 4.0),
        ("翻两番", 4.0),
        ("翻了三番", 8.0),
        ("翻三番", 8.0),
    ] {
        if s.starts_with(w) {
            return Some((x, w.len()));
        }
    }
    None
}

fn percent_prefix(s: &str) -> Option<(f64, usize)> {
    for (w, scale) in [("百分之", 1.0), ("千分之", 0.1), ("万分之", 0.01)] {
        if s.starts_with(w) {
            return Some((scale, w.len()));
        }
    }
    None
}

fn currency_sign(text: &str, i: usize) -> Option<(&'static str, usize)> {
    let rest = &text[i..];
    for (sign, code) in CURRENCY_SIGNS {
        if rest.starts_with(sign) {
            let after = &rest[sign.len()..];
            let after = after.strip_prefix(' ').unwrap_or(after);
            let ascii_sign = sign.bytes().all(|b| b.is_ascii_alphabetic());
            if ascii_sign && i > 0 && text.as_bytes()[i - 1].is_ascii_alphabetic() {
                return None;
            }
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                return Some((code, sign.len()));
            }
        }
    }
    None
}

/// A number may start here: not in the middle of another number or word.
fn number_may_start(text: &str, i: usize) -> bool {
    let prev = text[..i].chars().next_back();
    match prev {
        None => true,
        Some(p) => {
            let c = text[i..].chars().next().unwrap_or(' ');
            if p.is_ascii_digit() || p == '.' {
                return false;
            }
            if c == '-' || c == '+' {
                // A sign, not a dash between words or a range's separator.
                return !(p.is_ascii_alphanumeric() || p == '%');
            }
            true
        }
    }
}

fn skip_word(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    while j < b.len()
        && (b[j].is_ascii_alphanumeric() || b[j] == b'.' || b[j] == b'_' || b[j] == b'-')
    {
        j += 1;
    }
    if j == i {
        j += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    j
}

fn ordinal_before(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches(' ');
    before.ends_with('第')
        || before.ends_with("No.")
        || before.ends_with('#')
        || before.ends_with("排名前")
        || before.ends_with("排行前")
}

/// The qualifier word that ends right before `i` (one space allowed), if any.
fn qualifier_before(text: &str, i: usize) -> Option<(usize, Qualifier)> {
    let before = &text[..i];
    let trimmed = before.strip_suffix(' ').unwrap_or(before);
    for (w, q) in QUALIFIERS_BEFORE {
        if trimmed.ends_with(w) {
            // 近 in 最近, 超 in 高超: only a qualifier when it starts its word.
            if w.chars().count() == 1 {
                let prev = trimmed[..trimmed.len() - w.len()].chars().next_back();
                if prev.is_some_and(|p| "最接将附靠临亲邻".contains(p)) {
                    continue;
                }
            }
            return Some((trimmed.len() - w.len(), *q));
        }
    }
    None
}

/// Read one figure whose number starts at `i`: the number, magnitude, unit and
/// qualifiers. Returns a read without unit when no unit follows.
fn read_at(text: &str, i: usize, units: &UnitTable, blocked: &[(usize, usize)]) -> Option<Read> {
    let rest = &text[i..];
    let mut n: Numeral = read_number(rest, ReadOptions::default())?;
    if n.len == 0 {
        return None;
    }
    // A number may not run into a name or a date: cut it at the first blocked span.
    if let Some(&(bs, _)) = blocked
        .iter()
        .find(|(bs, be)| *bs > i && *bs < i + n.len && *be > *bs)
    {
        n = read_number(&rest[..bs - i], ReadOptions::default())?;
    }
    let mut value = n.value;
    let mut magnitude = if n.magnitude {
        magnitude_of(&rest[..n.len])
    } else {
        1.0
    };
    let mut k = i + n.len;
    // A magnitude char that starts a unit belongs to the unit: 5千瓦 is 5 kW.
    if n.magnitude {
        for cut in magnitude_cuts(&rest[..n.len]) {
            if units.longest_at(&text[i + cut..]).is_some_and(|(u, l)| {
                let unit_text = &text[i + cut..i + cut + l];
                u.class != "count"
                    && unit_text.chars().count() >= 2
                    && !starts_with_magnitude_only(unit_text)
            }) {
                if let Some(shorter) = read_number(&rest[..cut], ReadOptions::default()) {
                    if shorter.len == cut {
                        value = shorter.value;
                        magnitude = if shorter.magnitude {
                            magnitude_of(&rest[..cut])
                        } else {
                            1.0
                        };
                        k = i + cut;
                        n = shorter;
                    }
                }
                break;
            }
        }
    }
    let bytes = text.as_bytes();
    // A version (1.1.0) or a dotted code: not a figure.
    if bytes.get(k) == Some(&b'.') && bytes.get(k + 1).is_some_and(|b| b.is_ascii_digit()) {
        return Some(Read {
            start: i,
            num_start: i,
            end: skip_word(text, k),
            value,
            unit: None,
            qualifier: None,
            magnitude,
            vague: true,
            factor_used: 1.0,
        });
    }
    let mut qualifier = qualifier_before(text, i).map(|q| q.1);
    let start = qualifier_before(text, i).map_or(i, |q| q.0);
    let mut j = k;
    if bytes.get(j) == Some(&b' ') {
        j += 1;
    }
    // 200多名, 1000余家, 十来个.
    let mut mid_qual = None;
    for (w, q) in [
        ("余", Qualifier::Over),
        ("多", Qualifier::Over),
        ("来", Qualifier::Approx),
    ] {
        if text[j..].starts_with(w) {
            let after = j + w.len();
            if units.longest_at(&text[after..]).is_some()
                || MAGNITUDES.iter().any(|(m, _)| text[after..].starts_with(m))
            {
                mid_qual = Some(q);
                j = after;
            }
            break;
        }
    }
    // 77个亿: the magnitude with a classifier in between.
    let mut unit_at = j;
    let mut colloquial_money = false;
    if text[j..].starts_with("个亿") || text[j..].starts_with("个万") {
        unit_at = j + "个".len();
        colloquial_money = true;
    }
    // 3个半月, 一个半小时.
    if text[unit_at..].starts_with("个半") {
        let after = unit_at + "个半".len();
        let unit_text = format!(
            "个{}",
            &text[after..text.len().min(after + 12)]
                .chars()
                .take(3)
                .collect::<String>()
        );
        if let Some((u, l)) = units.longest_at(&unit_text) {
            if u.class == "duration" && l > "个".len() {
                let end = after + l - "个".len();
                let u = u.clone();
                return Some(finish(
                    start,
                    i,
                    end,
                    (value + 0.5) * u.factor,
                    &u,
                    qualifier.or(mid_qual),
                    magnitude,
                    n.vague,
                ));
            }
        }
    }
    // A magnitude standing apart, unless the unit itself starts with it (千瓦).
    let mut unit = units.longest_at(&text[unit_at..]);
    if unit.is_none() || unit_at != j {
        for (m, f) in MAGNITUDES {
            if text[unit_at..].starts_with(m) && magnitude == 1.0
                || text[unit_at..].starts_with(m) && unit_at != j
            {
                let after = unit_at + m.len();
                value *= f;
                magnitude *= f;
                unit_at = after;
                unit = units.longest_at(&text[after..]);
                break;
            }
        }
    }
    // 兆 with money is 10^12 (1.85兆日元).
    if unit.is_none() && text[unit_at..].starts_with('兆') {
        if let Some((u, l)) = units.longest_at(&text[unit_at + '兆'.len_utf8()..]) {
            if u.class == "money" {
                value *= 1e12;
                magnitude *= 1e12;
                unit_at += '兆'.len_utf8();
                unit = Some((u, l));
            }
        }
    }
    let Some((u, ulen)) = unit else {
        // No unit: percent as 成 or 折, or a bare number.
        let after = &text[unit_at..];
        if let Some(p) = tenths_percent(after, value) {
            let end = unit_at + '成'.len_utf8();
            let u = Unit {
                code: "%".into(),
                class: "percent".into(),
                factor: 1.0,
            };
            return Some(finish(
                start,
                i,
                end,
                p,
                &u,
                qualifier.or(mid_qual),
                magnitude,
                n.vague,
            ));
        }
        let end = if unit_at > k && magnitude != 1.0 {
            unit_at
        } else {
            k
        };
        if colloquial_money && unit_at > j + "个".len() {
            // 77个亿 is spoken money: nobody counts anything else in 个亿.
            let u = Unit {
                code: "CNY".into(),
                class: "money".into(),
                factor: 1.0,
            };
            return Some(finish(
                start,
                i,
                end,
                value,
                &u,
                qualifier.or(mid_qual),
                magnitude,
                n.vague,
            ));
        }
        return Some(Read {
            start,
            num_start: i,
            end,
            value,
            unit: None,
            qualifier: qualifier.or(mid_qual),
            magnitude,
            vague: n.vague,
            factor_used: 1.0,
        });
    };
    let unit_text = &text[unit_at..unit_at + ulen];
    let after_unit = &text[unit_at + ulen..];
    if let Some((_, starts)) = UNIT_WORD_STARTS.iter().find(|(u, _)| *u == unit_text) {
        if after_unit
            .chars()
            .next()
            .is_some_and(|c| starts.contains(c))
        {
            return Some(Read {
                start,
                num_start: i,
                end: unit_at + ulen,
                value,
                unit: None,
                qualifier,
                magnitude,
                vague: true,
                factor_used: 1.0,
            });
        }
    }
    let mut end = unit_at + ulen;
    let mut half = 0.0;
    // 一吨半, 两个半小时 was above; here 一年半.
    if after_unit.starts_with('半') && u.class != "money" && u.class != "percent" {
        half = 0.5;
        end += '半'.len_utf8();
    }
    for (w, q) in QUALIFIERS_AFTER {
        if text[end..].starts_with(w) {
            // 多 and 余 after a unit only with durations and counts (1年多, 3天余).
            if matches!(*w, "多" | "余") && !(u.class == "duration") {
                continue;
            }
            qualifier = qualifier.or(Some(*q));
            end += w.len();
            break;
        }
    }
    qualifier = qualifier.or(mid_qual);
    let u = u.clone();
    Some(finish(
        start,
        i,
        end,
        (value + half) * u.factor,
        &u,
        qualifier,
        magnitude,
        n.vague,
    ))
}

#[allow(clippy::too_many_arguments)]
fn finish(
    start: usize,
    num_start: usize,
    end: usize,
    value: f64,
    u: &Unit,
    q: Option<Qualifier>,
    magnitude: f64,
    vague: bool,
) -> Read {
    Read {
        start,
        num_start,
        end,
        value,
        unit: Some((u.code.clone(), u.class.clone())),
        qualifier: q,
        magnitude,
        vague,
        factor_used: u.factor,
    }
}

/// 9成 is 90 %, 八折 is 80 %, 八五折 is 85 %.
fn tenths_percent(after: &str, value: f64) -> Option<f64> {
    let c = after.chars().next()?;
    if c != '成' && c != '折' {
        return None;
    }
    let next = after[c.len_utf8()..].chars().next();
    let blocked = if c == '成' {
        "为立功本交长效果绩员都型熟就品份分"
    } else {
        "合旧算叠扣线射腾"
    };
    if next.is_some_and(|n| blocked.contains(n)) || value <= 0.0 {
        return None;
    }
    if value <= 10.0 {
        Some(value * 10.0)
    } else if value < 100.0 && c == '折' {
        Some(value)
    } else {
        None
    }
}

/// The value of the magnitude characters at the end of a numeral (601.2亿 → 1e8).
fn magnitude_of(num: &str) -> f64 {
    let mut m = 1.0;
    let mut s = num;
    loop {
        let mut hit = false;
        for (w, f) in [
            ("万", 1e4),
            ("亿", 1e8),
            ("千", 1e3),
            ("百", 1e2),
            ("萬", 1e4),
            ("億", 1e8),
        ] {
            if let Some(rest) = s.strip_suffix(w) {
                m *= f;
                s = rest;
                hit = true;
                break;
            }
        }
        if !hit
            || !s
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || "万亿千百萬億".contains(c))
        {
            break;
        }
    }
    m
}

/// Byte positions inside a numeral where a trailing magnitude character starts.
fn magnitude_cuts(num: &str) -> Vec<usize> {
    let mut cuts: Vec<usize> = num
        .char_indices()
        .filter(|(_, c)| "千百万亿兆十".contains(*c))
        .map(|(p, _)| p)
        .collect();
    cuts.retain(|&p| p > 0);
    cuts
}

fn starts_with_magnitude_only(unit_text: &str) -> bool {
    MAGNITUDES.iter().any(|(m, _)| unit_text == *m)
}

/// The second number of a range right after `first`.
fn range_after(
    text: &str,
    first: &Read,
    units: &UnitTable,
    blocked: &[(usize, usize)],
) -> Option<Read> {
    let mut j = first.end;
    if text.as_bytes().get(j) == Some(&b' ') {
        j += 1;
    }
    let rest = &text[j..];
    let sep = ["至", "到", "~", "～", "-", "—", "－", "–", "〜"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let mut k = j + sep.len();
    if text.as_bytes().get(k) == Some(&b' ') {
        k += 1;
    }
    let c = text[k..].chars().next()?;
    if !starts_number(c) || c == '-' || c == '+' {
        return None;
    }
    if blocked.iter().any(|(bs, be)| *bs <= k && k < *be) {
        return None;
    }
    let second = read_at(text, k, units, blocked)?;
    second.unit.as_ref()?;
    Some(second)
}

/// A figure with a unit is kept unless it is a time relative to now (近2年, 十二年前)
/// or an article (一家企业).
fn accept(text: &str, r: &Read) -> bool {
    let Some((code, class)) = &r.unit else {
        return false;
    };
    if class == "duration" {
        let before = text[..r.start].trim_end_matches(' ');
        let before_num = text[..r.num_start].trim_end_matches(' ');
        let after = text[r.end..].trim_start_matches(' ');
        if RELATIVE_BEFORE
            .iter()
            .any(|w| before.ends_with(w) || before_num.ends_with(w))
            || RELATIVE_AFTER.iter().any(|w| after.starts_with(w))
        {
            return false;
        }
    }
    if class == "count" {
        let num = &text[r.num_start..];
        if num.starts_with('一')
            && !num.starts_with("一百")
            && !num.starts_with("一千")
            && !num.starts_with("一万")
            && !num.starts_with("一亿")
            && !num.starts_with("一十")
            && r.value == 1.0
        {
            let before = text[..r.start].trim_end_matches(' ');
            if !COUNTING_ONE.iter().any(|w| before.ends_with(w)) {
                return false;
            }
        }
        let _ = code;
    }
    r.value.is_finite()
}

/// A figure with no unit written: a named indicator (PUE 1.09), or a quantity whose
/// clause names what it measures (年产值120亿 → CNY, 常住人口减少9.6万 → 人).
fn unitless(text: &str, keys: &MetricKeys, r: &Read) -> Option<Figure> {
    let clause_start = clause_start(text, r.start);
    let clause = &text[clause_start..r.start];
    for ind in ["PUE", "WUE", "CUE", "pue"] {
        if let Some(p) = clause.rfind(ind) {
            // The indicator and its value stand in one short stretch of the clause.
            if clause[p..].chars().count() <= 16 && r.value > 0.0 && r.value < 10.0 {
                return Some(to_figure(
                    Read {
                        unit: Some(("ratio".into(), "ratio".into())),
                        ..r.clone()
                    },
                    r.num_start,
                ));
            }
        }
    }
    if r.magnitude == 1.0 || r.vague {
        return None;
    }
    if let Some((_, _, Some(unit))) = keys.nearest(clause) {
        let class = crate::row::unit_class(unit);
        return Some(to_figure(
            Read {
                unit: Some((unit.to_string(), class.to_string())),
                ..r.clone()
            },
            r.num_start,
        ));
    }
    // 120亿! standing alone: in business news an amount in 亿 with nothing after it is
    // money.
    let next = text[r.end..].chars().next();
    if r.magnitude >= 1e8 && next.is_none_or(|c| !is_han(c) && !c.is_ascii_alphanumeric()) {
        return Some(to_figure(
            Read {
                unit: Some(("CNY".into(), "money".into())),
                ..r.clone()
            },
            r.num_start,
        ));
    }
    None
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Where the clause holding `pos` starts (after the last , ; 。 ! ? or line break).
pub(crate) fn clause_start(text: &str, pos: usize) -> usize {
    text[..pos]
        .rfind([',', ';', '。', '!', '?', '\n', '、', ':', '；', '，'])
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::time::find_times;

    fn figs(text: &str) -> Vec<(String, f64, String)> {
        let units = UnitTable::builtin();
        let keys = MetricKeys::builtin();
        let times = find_times(text);
        let (f, _) = find_figures(text, &units, &keys, &[], &times, false);
        f.into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.value, f.unit))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn figures_table() {
        const CASES: &[(&str, &str, f64, &str)] = &[
            ("全年营收601.2亿元", "601.2亿元", 60120000000.0, "CNY"),
            ("每年可省电7000万度", "7000万度", 70000000.0, "kWh"),
            ("在近6000家上市企业中", "近6000家", 6000.0, "家"),
            ("两千亿元", "两千亿元", 200000000000.0, "CNY"),
            ("9成用户", "9成", 90.0, "%"),
            ("百分之五十", "百分之五十", 50.0, "%"),
            ("面积420平方公里", "420平方公里", 420000000.0, "m2"),
            ("产量28.2GWh,同比", "28.2GWh", 28200000.0, "kWh"),
            ("增速提高19.1个百分点", "19.1个百分点", 19.1, "pp"),
            ("12 万亿韩元(约", "12 万亿韩元", 12e12, "KRW"),
            ("装机500万千瓦", "500万千瓦", 5e9, "W"),
            ("功率5千瓦", "5千瓦", 5000.0, "W"),
            ("200多名员工", "200多名", 200.0, "名"),
            ("高达300倍", "高达300倍", 300.0, "x"),
            ("3个半月的时间", "3个半月", 9072000.0, "s"),
            ("10年以上的供货周期", "10年以上", 315360000.0, "s"),
            ("5500亩", "5500亩", 5500.0 * 10000.0 / 15.0, "m2"),
            ("每股69,800韩元", "69,800韩元", 69800.0, "KRW"),
            ("1.85兆日元", "1.85兆日元", 1.85e12, "JPY"),
            ("销量翻番", "翻番", 2.0, "x"),
            ("仅有一家企业", "一家", 1.0, "家"),
            ("77个亿的研发", "77个亿", 7.7e9, "CNY"),
        ];
        for (text, want_text, value, unit) in CASES {
            let got = figs(text);
            assert!(
                got.iter()
                    .any(|(t, v, u)| t == want_text && close(*v, *value) && u == unit),
                "{text}: got {got:?}"
            );
        }
    }

    #[test]
    fn ranges_give_two_figures() {
        const CASES: &[(&str, f64, f64, &str)] = &[
            ("1至2亿元", 1e8, 2e8, "CNY"),
            ("10%-20%", 10.0, 20.0, "%"),
            ("3~5倍", 3.0, 5.0, "x"),
            ("5到10家", 5.0, 10.0, "家"),
            ("10 至 14 家", 10.0, 14.0, "家"),
        ];
        for (text, a, b, unit) in CASES {
            let got = figs(text);
            assert_eq!(got.len(), 2, "{text}: {got:?}");
            assert!(
                close(got[0].1, *a)
                    && close(got[1].1, *b)
                    && got[0].2 == *unit
                    && got[1].2 == *unit,
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn not_figures() {
        const CASES: &[&str] = &[
            "2021年12月10日",
            "11:24:44",
            "第57名",
            "十二年前",
            "近2年来",
            "3年后",
            "版本1.1.0",
            "8255C",
            "5G网络",
            "双11",
            "1+3+N",
            "一个AI裁判",
            "一位网友",
            "一套系统",
            "sh603138",
            "100强",
            "过去5年",
        ];
        for text in CASES {
            let got = figs(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }
}
