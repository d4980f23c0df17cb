//! Figures: numbers with what makes them a measure.
//!
//! The reader stops only where a number can start (an ASCII digit, a sign, a Chinese
//! numeral, 百分之, a currency sign), never inside a name (倚天710), a time (2021年,
//! 11:24), a model number (8255C, 5G) or an ordinal (第57名). At each such place it reads
//! the number, then what follows it: a magnitude standing apart (`12 万亿韩元`) or a
//! letter one (`15k`), a classifier or a physical unit (longest first: 千瓦时 before
//! 千瓦), a percent form (%, 百分之, 成, 折), qualifiers before and after (近, 超过, 余,
//! 以上), the smaller parts that complete an amount (五元三毛, 一小时三十分钟, 三米九,
//! 一吨半), and a second number that makes a range (1至2亿元 gives two figures). A number
//! with a magnitude but no unit takes the natural unit of the quantity its clause names
//! (年产值120亿 → CNY).
//!
//! With `numbers`, every number that ends up in no figure is kept as a bare number
//! (ranks, articles such as 一个, vague quantities), except those inside dates, names and
//! versions, which are not numbers of the text at all.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::text::{ends_with_word, starts_with_word};

use super::attribute::MetricKeys;
use super::charset::CharSet;
use super::number::{read_magnitude, read_number, starts_number, ReadOptions};
use super::time::TimeSpan;
use super::units::{Unit, UnitTable};
use super::{BareNumber, EntityMention, Figure, Qualifier};

/// Qualifier words before a number, longest first within each reading.
const QUALIFIERS_BEFORE: &[(&str, Qualifier)] = &[
    ("不少于", Qualifier::Min),
    ("不低于", Qualifier::Min),
    ("不超过", Qualifier::Max),
    ("不超", Qualifier::Max),
    ("跌破", Qualifier::Under),
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
    ("低于", Qualifier::Under),
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
    ("破", Qualifier::Over),
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

/// Currency signs and words written before the amount. A sign (`$`, `US$`) or an ISO
/// code takes only digits after it; a word (港币) any number (港币两千九百六十元).
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
    ("GBP", "GBP"),
    ("人民币", "CNY"),
    ("人民幣", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("港币", "HKD"),
    ("港幣", "HKD"),
    ("港元", "HKD"),
    ("欧元", "EUR"),
    ("歐元", "EUR"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("日圓", "JPY"),
    ("英镑", "GBP"),
    ("英鎊", "GBP"),
    ("$", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₩", "KRW"),
];

/// The characters a figure can start with: a number, a percent prefix (百分之), a
/// currency sign or word, 翻/打 of 翻番 and 打对折, 米 of 米级, 亿 after a qualifier.
/// Every other character is passed over with one look-up.
fn figure_starts() -> &'static CharSet {
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = CharSet::from_fn(starts_number);
        set.insert_firsts(CURRENCY_SIGNS.iter().map(|(sign, _)| *sign));
        for c in "翻打米亿億".chars().chain(PERCENT_OPENERS.chars()) {
            set.insert(c);
        }
        set
    })
}

/// The first characters of the currency signs and words.
fn currency_firsts() -> &'static CharSet {
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = CharSet::empty();
        set.insert_firsts(CURRENCY_SIGNS.iter().map(|(sign, _)| *sign));
        set
    })
}

/// The magnitudes that open 百分之, 千分之, 万分之 (and their traditional forms).
const PERCENT_OPENERS: &str = "百千万萬佰仟十拾";

/// A unit followed by one of these characters is the start of a word, not a unit:
/// 5周年 (an anniversary), 3年级, 20年代, 3元素, 三元电池, 1期项目 (a phase), 两升一降.
const UNIT_WORD_STARTS: &[(&str, &str)] = &[
    ("年", "级代底初末中度轻报"),
    ("周", "年边期岁"),
    ("度", "过假"),
    ("天", "津然下空"),
    ("元", "素件器旦宇电锂材组化"),
    ("名", "单额字称义牌"),
    ("条", "件例款"),
    ("项", "目"),
    ("股", "份东权票"),
    ("期", "间货待望限项工"),
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
    ("升", "一二两三四五六七八九级值温"),
    ("面", "积料膜板向对临貌值孔罩"),
    ("架", "构势子"),
    ("个钟", "表楼声"),
    ("個鐘", "表樓聲"),
];

/// Words before a duration that make it a time relative to now (近2年, 过去5年), and
/// after it (十二年前, 3年后, 近2年来). A span (一天内签下) is a length of time.
const RELATIVE_BEFORE: &[&str] = &[
    "近", "过去", "未来", "最近", "今后", "这", "再过", "此后", "之后", "前", "后", "近些", "近几",
];
const RELATIVE_AFTER: &[&str] = &[
    "前", "后", "来", "以来", "之前", "之后", "间", "里", "平均", "多来", "多前", "多后",
];

/// Words before 一 + classifier that make it a count (仅有一家) and not an article (一家企业).
const COUNTING_ONE: &[&str] = &[
    "仅", "只", "仅有", "只有", "唯一", "共", "共有", "至少", "超过", "不到", "近", "第",
];

/// Words before 一 + unit that make the unit a price's denominator (多少钱一斤, 5元一吨).
const PER_UNIT_BEFORE: &[&str] = &["钱", "元", "块", "美元"];

/// Words of a clause that make a bare 块 money (花费我三块) rather than pieces.
const MONEY_WORDS: &[&str] = &[
    "钱", "花", "价", "卖", "买", "付", "售", "费", "赚", "工资", "薪", "元", "贵", "便宜", "成本",
    "收费", "罚",
];

/// Characters after 打 that make it a verb (打开, 打造, 三打一): not dozens.
const DOZEN_NOT_BEFORE: &str =
    "开造通破击败赢算响印卡电工包折出入进下上起动扫听探理压拼扰扮车球架分";

/// Range separators, longest first (1万元--5万元, 2——3万港币, 1至2亿元, 3~5倍).
const RANGE_SEPARATORS: &[&str] = &[
    "--", "——", "－－", "至", "到", "~", "～", "-", "—", "－", "–", "〜",
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
    /// Not a number where it stands (the parts of a version 1.1.0): neither a figure
    /// nor, with `numbers`, a bare number.
    reject: bool,
    /// A pair of digits (三五百块, 两三个) is a range: the upper end over the lower, by
    /// which the value is multiplied to give the second figure.
    upper_ratio: Option<f64>,
}

impl Read {
    /// This read with a unit, its value and its end.
    fn with_unit(
        &self,
        end: usize,
        value: f64,
        code: impl Into<String>,
        class: impl Into<String>,
        factor: f64,
    ) -> Read {
        Read {
            end,
            value,
            unit: Some((code.into(), class.into())),
            factor_used: factor,
            ..self.clone()
        }
    }

    fn class(&self) -> &str {
        self.unit.as_ref().map_or("", |u| u.1.as_str())
    }
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
    let starts = figure_starts();
    let mut figures: Vec<Figure> = Vec::new();
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
        // Up to the next blocked span nothing above changes: step over the characters
        // that start no figure without asking again (most of the text).
        let limit = blocked.get(bi).map_or(text.len(), |b| b.0);
        // A three-byte character (all of Han) is asked about by its code point, put
        // together from the bytes; the character itself is decoded only where one starts.
        while i < limit {
            let b0 = bytes[i];
            if (0xE0..0xF0).contains(&b0) && i + 2 < bytes.len() {
                let cp = (u32::from(b0 & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F);
                if starts.contains_bmp(cp) {
                    break;
                }
                i += 3;
            } else if b0 < 0x80 {
                if starts.contains(b0 as char) {
                    break;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if starts.contains(c) {
                    break;
                }
                i += c.len_utf8();
            }
        }
        if i >= limit {
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let rest = &text[i..];
        let blocked_here = &blocked[bi..];
        // 翻番 and 翻两番: a multiple with no digits; 打对折: half price.
        if c == '翻' || c == '打' {
            if let Some((x, unit, class, len)) = word_figure(rest) {
                figures.push(figure(i, i + len, i, x, unit, class, None));
                i += len;
                continue;
            }
        }
        // Percent written before its number: 百分之五十, 千分之三, 百 分 之 2.4.
        if let Some((scale, plen)) = percent_prefix(rest) {
            let p = i + plen;
            let value = read_numeral(text, p, units, blocked_here, true, true)
                .map(|n| (n.value, n.end, n.upper));
            if let Some((v, mut end, upper)) = value {
                let q = qualifier_before(text, i);
                let start = q.map_or(i, |(s, _)| s);
                let mut q = q.map(|(_, q)| q);
                for (w, wq) in QUALIFIERS_AFTER {
                    if starts_with_word(&text[end..], w) && !matches!(*w, "多" | "余") {
                        q = q.or(Some(*wq));
                        end += w.len();
                        break;
                    }
                }
                figures.push(figure(start, end, i, tidy(v * scale), "%", "percent", q));
                // 百分之二三十: a pair is a range of two.
                if let Some(u) = upper {
                    figures.push(figure(start, end, i, tidy(u * scale), "%", "percent", q));
                }
                i = end;
                continue;
            }
        }
        // A currency sign before the amount: ¥100, US$ 5亿, 人民币4810亿元, 港币两千元.
        if let Some((code, slen)) = currency_sign(text, i) {
            let k = skip_spaces(text, i + slen, 1);
            if let Some(mut r) = read_at(text, k, units, blocked_here) {
                if !r.reject && (r.unit.is_none() || r.class() == "money") {
                    let q = qualifier_before(text, i);
                    r.start = q.map_or(i, |(s, _)| s);
                    r.qualifier = r.qualifier.or(q.map(|(_, q)| q));
                    // The word before names the currency that a plain 元 after leaves open.
                    // 港幣三個一毫四: after a currency word, 個 is the dollar and 毫 its tenth.
                    if r.unit.is_none() && !code_is_sign(&text[i..i + slen]) {
                        if let Some((add, e)) = hao(text, r.end) {
                            r.value += add;
                            r.end = e;
                        }
                    }
                    let suffix = r.unit.take().map(|u| u.0);
                    let unit = match suffix {
                        Some(u) if u != "CNY" => u,
                        _ => code.to_string(),
                    };
                    r.unit = Some((unit, "money".into()));
                    let end = r.end;
                    figures.push(to_figure(r, i));
                    i = end;
                    continue;
                }
            }
        }
        // Only a number, 米 or a bare 亿 after a qualifier (近亿元) starts a figure; the
        // qualifier is looked up only then, never at every character.
        let starts = starts_number(c)
            || c == '米'
            || ("亿億".contains(c) && qualifier_before(text, i).is_some());
        if !starts || !number_may_start(text, i) {
            i += c.len_utf8();
            continue;
        }
        // Inside a model name or a code: 8255C, A15, sh603138, Win11.
        if c.is_ascii_digit()
            && i > 0
            && (bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] == b'_')
        {
            i = skip_word(text, i);
            continue;
        }
        let read = match c {
            '米' => metre_lead(text, i),
            '半' => half_lead(text, i, units).or_else(|| read_at(text, i, units, blocked_here)),
            _ => read_at(text, i, units, blocked_here),
        };
        let Some(first) = read else {
            i += c.len_utf8();
            continue;
        };
        if first.end <= i {
            i += c.len_utf8();
            continue;
        }
        if first.reject {
            i = first.end;
            continue;
        }
        // An ordinal or a rank (第57名, 排名前三) is a number but not a figure; the top
        // of a ranking that counts (排名前10家) is a count.
        match ordinal_before(text, i) {
            Some(Ordinal::Rank) => {
                if numbers {
                    bare.push(bare_number(text, &first));
                }
                i = first.end;
                continue;
            }
            Some(Ordinal::Top) if first.class() != "count" => {
                if numbers {
                    bare.push(bare_number(text, &first));
                }
                i = first.end;
                continue;
            }
            _ => {}
        }
        // A model's number before a count (Polestar 2 用户, DALL·E 2 则): a name.
        if first.class() == "count" && model_before(text, i) {
            if numbers {
                bare.push(bare_number(text, &first));
            }
            i = first.end;
            continue;
        }
        // A range: 1至2亿元, 10%-20%, 3~5倍, 5到10家.
        if let Some(b) = range_after(text, &first, units, blocked_here) {
            let mut a = first.clone();
            if a.unit.is_none() && b.unit.is_some() {
                // 1至2亿元, 一千到两千万元: the first number borrows the magnitude it
                // lacks and the unit from the second, unless the magnitude would lift it
                // above the second (8500到3万港元 is 8500 and 30000).
                a.unit = b.unit.clone();
                if b.magnitude > a.magnitude {
                    let f = b.magnitude / a.magnitude;
                    if a.value * f <= b.value / b.factor_used * (1.0 + 1e-9) {
                        a.value *= f;
                        a.magnitude = b.magnitude;
                    }
                }
                a.value *= b.factor_used;
            }
            if a.unit.is_some() && b.unit.is_some() && a.class() == b.class() {
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
        let end = first.end;
        if first.unit.is_some() {
            let anchor = first.num_start;
            if accept(text, &first) {
                match first.upper_ratio {
                    // 三五百块, 两三个: the two digits are the ends of a range.
                    Some(ratio) => {
                        let lower = Read {
                            vague: false,
                            ..first.clone()
                        };
                        let upper = Read {
                            value: first.value * ratio,
                            ..lower.clone()
                        };
                        figures.push(to_figure(lower, anchor));
                        figures.push(to_figure(upper, anchor));
                    }
                    None => figures.push(to_figure(first, anchor)),
                }
            } else if numbers {
                bare.push(bare_number(text, &first));
            }
        } else if let Some(f) = unitless(text, keys, &first, &figures) {
            // Named indicators (PUE 1.09) and quantities with a natural unit.
            figures.push(f);
        } else if numbers && !word_one(text, &first, units) {
            bare.push(bare_number(text, &first));
            if let Some(ratio) = first.upper_ratio {
                bare.push(BareNumber {
                    value: first.value * ratio,
                    ..bare_number(text, &first)
                });
            }
        }
        i = end;
    }
    (figures, bare)
}

/// The bare number of a read that makes no figure: the number itself (and the qualifier
/// words inside it, as in 十余万), not the word it starts (5周年).
fn bare_number(text: &str, r: &Read) -> BareNumber {
    if r.unit.is_some() {
        // The number without the unit it was read with (第57名: 57; 不足一个月: 1).
        if let Some(n) = read_number(&text[r.num_start..], ReadOptions::default()) {
            return BareNumber {
                start: r.num_start,
                end: r.num_start + n.len,
                value: tidy(n.value),
            };
        }
    }
    BareNumber {
        start: r.num_start,
        end: r.end.max(r.num_start),
        value: tidy(r.value),
    }
}

/// 一 that begins a word (一切, 一看, 一下, 一些, 统一的): no number at all.
fn word_one(text: &str, r: &Read, units: &UnitTable) -> bool {
    if &text[r.num_start..r.end] != "一" {
        return false;
    }
    let rest = &text[r.end..];
    rest.chars().next().is_some_and(|c| ONE_WORDS.contains(c)) && units.longest_at(rest).is_none()
}

/// Characters that make a word with a 一 before them (一切, 一看, 一下, 一些, 一起, 一直,
/// 一般, 一样, 一定, 一旦, 一致…): 一 there is no number.
const ONE_WORDS: &str = "切看下些起直般样定旦致律体同向边共贯再概流线带路经举味心时道番齐应并己统";

fn figure(
    start: usize,
    end: usize,
    anchor: usize,
    value: f64,
    unit: impl Into<String>,
    class: impl Into<String>,
    q: Option<Qualifier>,
) -> Figure {
    Figure {
        start,
        end,
        value,
        // A read's own strings move in; a code written here is copied.
        unit: unit.into(),
        class: class.into(),
        qualifier: q,
        anchor,
        metric: String::new(),
        metric_key: String::new(),
        subject: crate::dict::to_name(""),
        period: String::new(),
    }
}

/// A value rounded to 15 significant digits, so that scaling by a factor leaves no
/// binary noise in the rows (28nm is 2.8e-8 m, not 2.8000000000000003e-8).
fn tidy(v: f64) -> f64 {
    // An integer of at most 15 digits is its own rounding (and most values are such).
    if !v.is_finite() || v == 0.0 || (v.fract() == 0.0 && v.abs() < 1e15) {
        return v;
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

fn to_figure(r: Read, anchor: usize) -> Figure {
    let (unit, class) = r.unit.unwrap_or_default();
    let q = r.qualifier.or(if r.vague {
        Some(Qualifier::Approx)
    } else {
        None
    });
    figure(r.start, r.end, anchor, tidy(r.value), unit, class, q)
}

/// Figures written as words: 翻番 (2 x), 翻两番 (4 x), 打对折 (50 %).
fn word_figure(s: &str) -> Option<(f64, &'static str, &'static str, usize)> {
    for (w, x, unit, class) in [
        ("翻了一番", 2.0, "x", "multiple"),
        ("翻一番", 2.0, "x", "multiple"),
        ("翻番", 2.0, "x", "multiple"),
        ("翻了两番", 4.0, "x", "multiple"),
        ("翻两番", 4.0, "x", "multiple"),
        ("翻了三番", 8.0, "x", "multiple"),
        ("翻三番", 8.0, "x", "multiple"),
        ("打对折", 50.0, "%", "percent"),
        ("打對折", 50.0, "%", "percent"),
    ] {
        if starts_with_word(s, w) {
            return Some((x, unit, class, w.len()));
        }
    }
    None
}

/// 百分之, 千分之, 万分之, 百万分之 … (traditional 佰 仟 萬 too, spaces allowed between
/// the characters: 百 分 之): the factor from the number after it to percent, and the
/// bytes up to that number.
fn percent_prefix(s: &str) -> Option<(f64, usize)> {
    // 百分之, 千分之, 万分之 (and their spaced and traditional forms) open with a magnitude.
    if !s.starts_with(|c: char| PERCENT_OPENERS.contains(c)) {
        return None;
    }
    let (den, len) = read_magnitude(s, ReadOptions::default())?;
    if den < 100.0 {
        return None;
    }
    let p = skip_spaces(s, len, 3);
    let p = s[p..].strip_prefix('分').map(|_| p + '分'.len_utf8())?;
    let p = skip_spaces(s, p, 3);
    let p = s[p..].strip_prefix('之').map(|_| p + '之'.len_utf8())?;
    Some((100.0 / den, skip_spaces(s, p, 3)))
}

fn currency_sign(text: &str, i: usize) -> Option<(&'static str, usize)> {
    let rest = &text[i..];
    // Most characters start no sign: a cheap look at the first one skips the table.
    let first = rest.chars().next()?;
    if !currency_firsts().contains(first) {
        return None;
    }
    for (sign, code) in CURRENCY_SIGNS {
        if starts_with_word(rest, sign) {
            let after = &rest[sign.len()..];
            let after = after.strip_prefix(' ').unwrap_or(after);
            let ascii_sign = sign.bytes().all(|b| b.is_ascii_alphabetic());
            if ascii_sign && i > 0 && text.as_bytes()[i - 1].is_ascii_alphabetic() {
                return None;
            }
            let word = !sign.is_ascii() && sign.chars().count() > 1;
            let digits = after.starts_with(|c: char| c.is_ascii_digit());
            let numeral = word
                && after
                    .chars()
                    .next()
                    .is_some_and(|c| starts_number(c) && !"-+.半".contains(c));
            if digits || numeral {
                return Some((code, sign.len()));
            }
        }
    }
    None
}

/// A number may start here: not in the middle of another number or word.
fn number_may_start(text: &str, i: usize) -> bool {
    let c = text[i..].chars().next().unwrap_or(' ');
    let next_digit = text.as_bytes().get(i + 1).is_some_and(u8::is_ascii_digit);
    if c == '.' && !next_digit {
        return false;
    }
    let mut before = text[..i].chars().rev();
    let Some(p) = before.next() else {
        return true;
    };
    let pp = before.next();
    if p.is_ascii_digit() {
        return false;
    }
    if c == '.' && p == '.' {
        return false;
    }
    // 3.5 and 2/3 are read whole: no number starts inside them. After an ellipsis
    // (...9) or a slash that makes no fraction (14/28nm) one may.
    if (p == '.' || p == '/') && pp.is_some_and(|x| x.is_ascii_digit()) {
        let run = text[..i - 1]
            .bytes()
            .rev()
            .take(64)
            .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
            .count();
        let from = i - 1 - run;
        return read_number(&text[from..], ReadOptions::default()).is_none_or(|n| from + n.len < i);
    }
    if c == '-' || c == '+' {
        // A sign, not a dash between words or a range's separator.
        return !(p.is_ascii_alphanumeric() || p == '%' || p == '-');
    }
    if c == '.' {
        return !p.is_ascii_alphanumeric();
    }
    true
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

/// Skip at most `max` spaces (ASCII or ideographic) at `i`.
fn skip_spaces(text: &str, mut i: usize, max: usize) -> usize {
    for _ in 0..max {
        match text[i..].chars().next() {
            Some(c @ (' ' | '\u{3000}')) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// A plain integer at `i` after a Latin word and one space (Polestar 2, Windows 11):
/// the number of a model's name.
fn model_before(text: &str, i: usize) -> bool {
    let num_plain = text[i..].bytes().take_while(u8::is_ascii_digit).count();
    if num_plain == 0 || text.as_bytes().get(i + num_plain) == Some(&b'.') {
        return false;
    }
    let Some(before) = text[..i].strip_suffix(' ') else {
        return false;
    };
    let letters = before
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    letters >= 2 || (letters == 1 && before[..before.len() - 1].ends_with(['·', '-']))
}

enum Ordinal {
    /// 第57名, No.1, #3: not a figure.
    Rank,
    /// 排名前三: a figure only with a classifier (排名前10家).
    Top,
}

fn ordinal_before(text: &str, i: usize) -> Option<Ordinal> {
    let before = text[..i].trim_end_matches(' ');
    if before.ends_with('第') || before.ends_with("No.") || before.ends_with('#') {
        Some(Ordinal::Rank)
    } else if before.ends_with("排名前") || before.ends_with("排行前") {
        Some(Ordinal::Top)
    } else {
        None
    }
}

/// The qualifier word that ends right before `i` (one space allowed), if any.
fn qualifier_before(text: &str, i: usize) -> Option<(usize, Qualifier)> {
    // The last characters of the words: before most numbers stands none of them, and
    // the words need not be tried one by one.
    static LASTS: OnceLock<CharSet> = OnceLock::new();
    let lasts = LASTS.get_or_init(|| {
        let mut set = CharSet::empty();
        set.insert_lasts(QUALIFIERS_BEFORE.iter().map(|(w, _)| *w));
        set
    });
    let before = &text[..i];
    let trimmed = before.strip_suffix(' ').unwrap_or(before);
    if !trimmed
        .chars()
        .next_back()
        .is_some_and(|c| lasts.contains(c))
    {
        return None;
    }
    for (w, q) in QUALIFIERS_BEFORE {
        if ends_with_word(trimmed, w) {
            // 近 in 最近, 超 in 高超: only a qualifier when it starts its word.
            if w.chars().count() == 1 {
                let prev = trimmed[..trimmed.len() - w.len()].chars().next_back();
                if prev.is_some_and(|p| "最接将附靠临亲邻打突通经不越跨".contains(p))
                {
                    continue;
                }
            }
            return Some((trimmed.len() - w.len(), *q));
        }
    }
    None
}

/// A number as read at the start of a figure, before its unit.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: f64,
    end: usize,
    /// The magnitude applied (601.2亿 → 1e8), 1 when none.
    magnitude: f64,
    /// Any magnitude character (十 百 千 万 亿 …) is part of the numeral.
    has_magnitude: bool,
    vague: bool,
    /// Written in ASCII digits only.
    ascii: bool,
    /// The upper end of a pair (三五百: 500), before any magnitude standing apart.
    upper: Option<f64>,
}

/// Read the number at `i`: digits or numerals (cut where a name or a date starts), 兆 as
/// 10^12 where the numeral or the money after it says so, a magnitude character that
/// starts a unit left to the unit (5千瓦), and a letter magnitude (15k, 1.2M). With
/// `qualified`, a bare magnitude (超万家, 破亿) is a number too.
fn read_numeral(
    text: &str,
    i: usize,
    units: &UnitTable,
    blocked: &[(usize, usize)],
    qualified: bool,
    expected: bool,
) -> Option<Num> {
    let rest = &text[i..];
    let opts = ReadOptions {
        lone_numerals: expected,
        ..ReadOptions::default()
    };
    let Some(mut n) = read_number(rest, opts).filter(|n| n.len > 0) else {
        // 超万家, 近百亿元, 破亿: a magnitude alone after a qualifier, unless it starts
        // a unit (超千瓦 is not 1000 瓦).
        if !qualified || units.longest_at(rest).is_some() {
            return None;
        }
        let (f, len) = read_magnitude(rest, opts)?;
        return Some(Num {
            value: f,
            end: i + len,
            magnitude: f,
            has_magnitude: true,
            vague: false,
            ascii: false,
            upper: None,
        });
    };
    // 兆 is 10^12 where more of the numeral follows it (五兆六十二亿) or money does
    // (1.85兆日元); before a physical unit it is mega (兆瓦), which the unit reads.
    // Both readings agree up to the first 兆, so only a 兆 within the plain reading or
    // right after it (past the up to four spaces a magnitude may stand apart by, 1.85
    // 兆日元) can make the other one longer: without one it is not read.
    let near = &rest.as_bytes()[..(n.len + 16).min(rest.len())];
    if holds(near, "兆") {
        let zhao = ReadOptions {
            zhao_trillion: true,
            ..opts
        };
        if let Some(z) = read_number(rest, zhao) {
            if z.len > n.len && zhao_is_trillion(rest, z.len, units) {
                n = z;
            }
        }
    }
    // A number may not run into a name or a date: cut it at the first blocked span.
    // `blocked` is sorted by start: only the spans starting inside the number matter.
    if let Some(&(bs, _)) = blocked
        .iter()
        .take_while(|(bs, _)| *bs < i + n.len)
        .find(|(bs, be)| *bs > i && *be > *bs)
    {
        n = read_number(&rest[..bs - i], opts)?;
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
                    && read_magnitude(unit_text, opts).is_none_or(|(_, ml)| ml < l)
            }) {
                if let Some(shorter) = read_number(&rest[..cut], opts) {
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
    let ascii = rest[..n.len]
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+'));
    if ascii {
        let decimal = rest[..n.len].contains('.');
        if let Some((f, len)) = letter_magnitude(text, k, units, decimal) {
            value *= f;
            magnitude *= f;
            k += len;
        }
    }
    Some(Num {
        value,
        end: k,
        magnitude,
        has_magnitude: n.magnitude || magnitude != 1.0,
        vague: n.vague,
        ascii,
        upper: n.upper.filter(|_| n.value > 0.0),
    })
}

/// Whether the 兆 in the first `len` bytes of `rest` (read as 10^12) is a trillion: more
/// numerals with 亿 or 万 follow it, or money does.
fn zhao_is_trillion(rest: &str, len: usize, units: &UnitTable) -> bool {
    let Some(p) = rest[..len].find('兆') else {
        return false;
    };
    let tail = &rest[p + '兆'.len_utf8()..len];
    if tail.contains(['亿', '億', '万', '萬']) {
        return true;
    }
    tail.is_empty()
        && units
            .longest_at(&rest[len..])
            .is_some_and(|(u, _)| u.class == "money")
}

/// A letter magnitude after ASCII digits: 15k, 100K, 1.2M, 30w (万), .0012G (G only after
/// a decimal: 5G is a network). A unit that starts with the letter wins (5kg, 3MB, 10W),
/// and the letter must end its word; one space may stand before it when nothing else
/// follows (52.5 k).
fn letter_magnitude(
    text: &str,
    k: usize,
    units: &UnitTable,
    decimal: bool,
) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    let mut p = k;
    let spaced = b.get(p) == Some(&b' ');
    if spaced {
        p += 1;
    }
    let f = match b.get(p)? {
        b'k' | b'K' => 1e3,
        b'M' => 1e6,
        b'w' => 1e4,
        b'G' if decimal => 1e9,
        _ => return None,
    };
    if units.longest_at(&text[p..]).is_some() {
        return None;
    }
    match text[p + 1..].chars().next() {
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => None,
        Some(c)
            if spaced
                && !(c.is_whitespace() || c.is_ascii_punctuation() || "，。；、".contains(c)) =>
        {
            None
        }
        _ => Some((f, p + 1 - k)),
    }
}

/// One digit at `p` that ends its numeral (三米九, 七成六, 两毛五): its value and end.
fn one_digit(text: &str, p: usize) -> Option<(u8, usize)> {
    let c = text[p..].chars().next()?;
    let d = if c.is_ascii_digit() {
        c as u8 - b'0'
    } else {
        let i = "零一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .or(match c {
                '〇' => Some(0),
                '两' | '兩' => Some(2),
                '壹' => Some(1),
                '贰' | '貳' => Some(2),
                '叁' | '參' => Some(3),
                '肆' => Some(4),
                '伍' => Some(5),
                '陆' | '陸' => Some(6),
                '柒' => Some(7),
                '捌' => Some(8),
                '玖' => Some(9),
                _ => None,
            })?;
        i as u8
    };
    let end = p + c.len_utf8();
    // The digit must end the numeral: not 三米九十, not 3米95.
    let next = text[end..].chars().next();
    if next.is_some_and(|n| {
        n.is_ascii_digit()
            || n == '.'
            || (!c.is_ascii_digit() && starts_number(n) && !"-+".contains(n))
    }) {
        return None;
    }
    Some((d, end))
}

/// Read one figure whose number starts at `i`: the number, magnitude, unit and
/// qualifiers. Returns a read without unit when no unit follows.
fn read_at(text: &str, i: usize, units: &UnitTable, blocked: &[(usize, usize)]) -> Option<Read> {
    let qb = qualifier_before(text, i);
    let num = read_numeral(text, i, units, blocked, qb.is_some(), false)?;
    let bytes = text.as_bytes();
    let k = num.end;
    let mut r = Read {
        start: qb.map_or(i, |q| q.0),
        num_start: i,
        end: k,
        value: num.value,
        unit: None,
        qualifier: qb.map(|q| q.1),
        magnitude: num.magnitude,
        vague: num.vague,
        factor_used: 1.0,
        reject: false,
        upper_ratio: num.upper.map(|u| u / num.value),
    };
    // A version (1.1.0) or a dotted code: not a figure.
    if bytes.get(k) == Some(&b'.') && bytes.get(k + 1).is_some_and(|b| b.is_ascii_digit()) {
        r.end = skip_word(text, k);
        r.reject = true;
        return Some(r);
    }
    // 三八折, 7 2 折: two digits of a discount.
    if let Some((p, end)) = two_digit_discount(text, i, k) {
        return Some(r.with_unit(end, p, "%", "percent", 1.0));
    }
    let mut value = num.value;
    let mut magnitude = num.magnitude;
    // After a letter magnitude (15k元) the unit follows right away: 700M 天线 is a band.
    let lettered =
        num.ascii && num.magnitude != 1.0 && !text[i..k].contains(|c: char| !c.is_ascii());
    let mut j = if lettered { k } else { skip_spaces(text, k, 4) };
    // 200多名, 1000余家, 十来个, 十 余 万, 三十万多亿.
    let mut mid_qual = None;
    for (w, q) in [
        ("余", Qualifier::Over),
        ("多", Qualifier::Over),
        ("来", Qualifier::Approx),
    ] {
        if starts_with_word(&text[j..], w) {
            let after = skip_spaces(text, j + w.len(), 2);
            if units.longest_at(&text[after..]).is_some()
                || read_magnitude(&text[after..], ReadOptions::default()).is_some()
            {
                mid_qual = Some(q);
                j = after;
            }
            break;
        }
    }
    if mid_qual.is_none()
        && j > k
        && units.longest_at(&text[j..]).is_none()
        && read_magnitude(&text[j..], ReadOptions::default()).is_none()
    {
        // Spaces lead to nothing: the number ends where it ends.
        j = k;
    }
    r.qualifier = r.qualifier.or(mid_qual);
    // 77个亿: the magnitude with a classifier in between.
    let mut unit_at = j;
    let mut colloquial_money = false;
    if ["个亿", "个万", "個億", "個萬"]
        .iter()
        .any(|w| starts_with_word(&text[j..], w))
    {
        unit_at = j + '个'.len_utf8();
        colloquial_money = true;
    }
    // 3个半月, 一个半小时, 五個半分鐘.
    if let Some((f, end)) = and_a_half(text, unit_at, units) {
        return Some(r.with_unit(end, (value + 0.5) * f, "s", "duration", f));
    }
    // A magnitude standing apart (12 万亿, 1.432 亿, 十多万, 三十万多亿), unless the unit
    // itself starts with it (千瓦), and never after a numeral that has its own (五十千).
    let mut unit = units.longest_at(&text[unit_at..]);
    if unit.is_none() && (!num.has_magnitude || mid_qual.is_some() || colloquial_money) {
        if let Some((f, len)) = read_magnitude(&text[unit_at..], ReadOptions::default()) {
            value *= f;
            magnitude *= f;
            unit_at += len;
            unit = units.longest_at(&text[unit_at..]);
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
    r.value = value;
    r.magnitude = magnitude;
    if unit.is_none_or(|(u, _)| u.class == "count") {
        if let Some(end) = spaced_points(text, unit_at) {
            return Some(r.with_unit(end, value, "pp", "percent", 1.0));
        }
    }
    let Some((u, ulen)) = unit else {
        return Some(no_unit(text, r, &num, k, unit_at, colloquial_money, units));
    };
    let unit_text = &text[unit_at..unit_at + ulen];
    let after_unit = &text[unit_at + ulen..];
    if let Some((_, starts)) = UNIT_WORD_STARTS.iter().find(|(u, _)| *u == unit_text) {
        if after_unit
            .chars()
            .next()
            .is_some_and(|c| starts.contains(c))
        {
            r.end = k;
            return Some(r);
        }
    }
    // 高镍三元, 三元与磷酸铁锂: the ternary battery chemistry, not three yuan.
    if unit_text == "元" && &text[i..k] == "三" {
        let prev = text[..r.start].chars().next_back();
        let next = after_unit.chars().next();
        if prev.is_some_and(|c| "镍锂钴".contains(c))
            || next.is_some_and(|c| "正前与和及、体系".contains(c))
        {
            r.end = k;
            return Some(r);
        }
    }
    let u: &Unit = u;
    let mut end = unit_at + ulen;
    // Borrowed from the table until the read takes them: copied once, at the end.
    let mut code: Cow<'_, str> = Cow::Borrowed(&u.code);
    let mut class: Cow<'_, str> = Cow::Borrowed(&u.class);
    let mut value = value * u.factor;
    let factor = u.factor;
    match unit_text {
        // 块 is money when its smaller parts follow (三块五, 一块二角), when it has
        // decimals (3.04块), or when the clause is about money and no noun follows
        // (花费我三块); otherwise pieces (三块屏幕).
        "块" | "塊" => {
            let sub = jiao_fen(text, end, true);
            let next_han = text[end..].chars().next().is_some_and(is_han);
            let money = sub.is_some()
                || num.value.fract() != 0.0
                || (!next_han && money_clause(text, r.start) && !next_is_qualified_noun(text, end));
            if money {
                code = "CNY".into();
                class = "money".into();
                if let Some((add, e)) = sub {
                    value += add;
                    end = e;
                }
            }
        }
        // 五元三毛, 123元1角1分; 三万元欧元 (the currency named after a plain 元).
        "元" | "圆" | "圓" => {
            if let Some((cu, cl)) = units
                .longest_at(&text[end..])
                .filter(|(cu, _)| cu.class == "money" && cu.code != "CNY")
            {
                code = Cow::Borrowed(&cu.code);
                end += cl;
            } else if let Some((add, e)) = jiao_fen(text, end, false) {
                value += add;
                end = e;
            }
        }
        // 两美元又三美分.
        "美元" | "欧元" | "歐元" => {
            if let Some((add, e)) = cents(text, end) {
                value += add;
                end = e;
            }
        }
        // 三米九: the digit after 米 is tenths.
        "米" => {
            if let Some((d, e)) = one_digit(text, end).filter(|(d, _)| *d > 0) {
                if !text[e..]
                    .chars()
                    .next()
                    .is_some_and(|c| c == '半' || units.longest_at(&text[e..]).is_some())
                {
                    value += d as f64 / 10.0;
                    end = e;
                }
            }
        }
        _ => {}
    }
    // 一吨半, 两米半, 一年半, 两天半; not 56家半导体, 1011股半年报.
    if text[end..].starts_with('半')
        && class != "money"
        && class != "percent"
        && end == unit_at + ulen
        && !half_starts_word(text, end + '半'.len_utf8(), units)
    {
        value += 0.5 * factor;
        end += '半'.len_utf8();
    }
    // 一小时三十分钟, 兩小時十分, 一小時零十五秒.
    if class == "duration" && (factor == 3600.0 || factor == 60.0) {
        if let Some((add, e)) = duration_tail(text, end, factor, units) {
            value += add;
            end = e;
        }
    }
    let mut qualifier = r.qualifier;
    for (w, q) in QUALIFIERS_AFTER {
        if starts_with_word(&text[end..], w) {
            // 多 and 余 after a unit only with durations (1年多, 3天余).
            if matches!(*w, "多" | "余") && class != "duration" {
                continue;
            }
            qualifier = qualifier.or(Some(*q));
            end += w.len();
            break;
        }
    }
    r.qualifier = qualifier;
    Some(r.with_unit(end, value, code, class, factor))
}

/// A read whose number has no unit after it: percent as 成 (七成六, 三成半) or 折,
/// money in 毛/角/分钱 alone (两毛五, 2角, 3分钱), minutes with seconds (五分三十秒,
/// 五分半鐘), spoken money (77个亿), 一半 (0.5), or a bare number.
fn no_unit(
    text: &str,
    mut r: Read,
    num: &Num,
    k: usize,
    unit_at: usize,
    colloquial_money: bool,
    units: &UnitTable,
) -> Read {
    let after = &text[unit_at..];
    if let Some((p, len)) = tenths_percent(after, r.value) {
        return r.with_unit(unit_at + len, p, "%", "percent", 1.0);
    }
    // 六 点 五 成, 十 成: spaces before 成 or 折.
    let spaced = skip_spaces(text, unit_at, 4);
    if spaced > unit_at {
        if let Some((p, len)) = tenths_percent(&text[spaced..], r.value) {
            return r.with_unit(spaced + len, p, "%", "percent", 1.0);
        }
    }
    // 五打, 十打苹果: dozens (a bare number; 一打开 is a verb).
    if let Some(tail) = after.strip_prefix('打') {
        let next = tail.chars().next();
        let ok = match next {
            None => true,
            Some(c) if !is_han(c) => !c.is_ascii_digit(),
            Some(c) => r.value != 1.0 && !starts_number(c) && !DOZEN_NOT_BEFORE.contains(c),
        };
        if ok && r.value > 0.0 && r.value.fract() == 0.0 {
            r.value *= 12.0;
            r.upper_ratio = None;
            r.end = unit_at + '打'.len_utf8();
            return r;
        }
    }
    if unit_at == k && !num.has_magnitude {
        if let Some((v, end)) = small_money(text, k, r.value, num.ascii) {
            return r.with_unit(end, v, "CNY", "money", 1.0);
        }
        if let Some((v, end)) = minutes(text, k, r.value, units) {
            return r.with_unit(end, v, "s", "duration", 60.0);
        }
        // 一半: a half.
        if &text[r.num_start..k] == "一"
            && after.starts_with('半')
            && units.longest_at(&after['半'.len_utf8()..]).is_none()
        {
            r.value = 0.5;
            r.end = k + '半'.len_utf8();
            return r;
        }
    }
    let end = if unit_at > k && r.magnitude != num.magnitude {
        unit_at
    } else {
        k
    };
    if colloquial_money && r.magnitude != num.magnitude {
        // 77个亿 is spoken money: nobody counts anything else in 个亿.
        return r.with_unit(end, r.value, "CNY", "money", 1.0);
    }
    r.end = end;
    r
}

/// 9成 is 90 %, 七成六 76 %, 三成半 35 %; 八折 is 80 %, 八五折 85 %, 七 五 折 75 %.
/// Returns the percent and the bytes read.
fn tenths_percent(after: &str, value: f64) -> Option<(f64, usize)> {
    let c = after.chars().next()?;
    if c != '成' && c != '折' {
        return None;
    }
    let len = c.len_utf8();
    let next = after[len..].chars().next();
    let blocked = if c == '成' {
        "为立功本交长效果绩员都型熟就品份分"
    } else {
        "合旧算叠扣线射腾"
    };
    if next.is_some_and(|n| blocked.contains(n)) || value <= 0.0 {
        return None;
    }
    if c == '成' && value <= 10.0 {
        // 七成六, 七成 六: a digit after 成 is the next place; 三成半 is 35.
        if after[len..].starts_with('半') {
            return Some((value * 10.0 + 5.0, len + '半'.len_utf8()));
        }
        let p = skip_spaces(after, len, 1);
        if let Some((d, e)) = one_digit(after, p) {
            let tail = after[e..].chars().next();
            if value.fract() == 0.0 && tail.is_none_or(|t| !is_han(t) || "的左右以上".contains(t))
            {
                return Some((value * 10.0 + d as f64, e));
            }
        }
    }
    if value <= 10.0 {
        Some((value * 10.0, len))
    } else if value < 100.0 && c == '折' {
        Some((value, len))
    } else {
        None
    }
}

/// Two single digits before 折 (三八折, 五五折, 7 2 折): the discount as a percent.
fn two_digit_discount(text: &str, i: usize, k: usize) -> Option<(f64, usize)> {
    // The 折 stands at most two spaces, a digit and two spaces after the first digit
    // (16 bytes): most numbers have none there, and are passed over on that alone.
    let near = &text.as_bytes()[k.min(text.len())..(k + 16 + '折'.len_utf8()).min(text.len())];
    if !holds(near, "折") {
        return None;
    }
    let (d1, e1) = one_digit_any(text, i)?;
    if e1 != k || d1 == 0 {
        return None;
    }
    let p = skip_spaces(text, k, 2);
    let (d2, e2) = one_digit_any(text, p)?;
    let q = skip_spaces(text, e2, 2);
    let tail = text[q..].strip_prefix('折')?;
    if tail
        .chars()
        .next()
        .is_some_and(|n| "合旧算叠扣线射腾".contains(n))
    {
        return None;
    }
    Some((d1 as f64 * 10.0 + d2 as f64, q + '折'.len_utf8()))
}

/// Whether a few bytes of text hold `word`: a plain scan, as the slices are short (a
/// searcher set up for each of them cost more than the scan).
fn holds(near: &[u8], word: &str) -> bool {
    near.windows(word.len()).any(|w| w == word.as_bytes())
}

/// One digit, ASCII or Chinese, whatever follows it.
fn one_digit_any(text: &str, p: usize) -> Option<(u8, usize)> {
    let c = text[p..].chars().next()?;
    let end = p + c.len_utf8();
    if c.is_ascii_digit() {
        return Some((c as u8 - b'0', end));
    }
    let n = read_number(&text[p..end], ReadOptions::default())?;
    (n.len == c.len_utf8() && n.value.fract() == 0.0 && (0.0..10.0).contains(&n.value))
        .then_some((n.value as u8, end))
}

/// The 角/毛 and 分 after a yuan amount, or the digits standing for them: 五元三毛 (.3),
/// 123元1角1分 (.11), 三块五 (.5), 五块七毛八 (.78), 三块零四 (.04), 三块四分 (.04); 钱
/// may close them. `elide`: a bare digit may stand for 角 (after 块). Returns the amount
/// added and the end.
fn jiao_fen(text: &str, j: usize, elide: bool) -> Option<(f64, usize)> {
    let mut p = j;
    let zero = text[p..].starts_with('零');
    if zero {
        p += '零'.len_utf8();
    }
    let (d1, e1) = one_digit(text, p)?;
    let rest = &text[e1..];
    let (add, mut end) = if !zero && (rest.starts_with('角') || rest.starts_with('毛')) {
        let mut e = e1 + '角'.len_utf8();
        let mut add = d1 as f64 / 10.0;
        if let Some((d2, e2)) = one_digit(text, e) {
            add += d2 as f64 / 100.0;
            e = e2;
            if text[e..].starts_with('分') && !text[e..].starts_with("分之") {
                e += '分'.len_utf8();
            }
        }
        (add, e)
    } else if rest.starts_with('分') && !rest.starts_with("分之") && !rest.starts_with("分钟")
    {
        (d1 as f64 / 100.0, e1 + '分'.len_utf8())
    } else if zero {
        (d1 as f64 / 100.0, e1)
    } else if elide {
        // 三块五: the digit must stand alone (not 三块五个, 三块五十).
        let next = rest.chars().next();
        if next.is_some_and(|c| is_han(c) && !"钱的左右以上多到至".contains(c)) {
            return None;
        }
        (d1 as f64 / 10.0, e1)
    } else {
        return None;
    };
    if text[end..].starts_with('钱') {
        end += '钱'.len_utf8();
    }
    Some((add, end))
}

/// A sign or a code (`$`, `USD`), not a currency word (港币).
fn code_is_sign(sign: &str) -> bool {
    sign.is_ascii() || sign.chars().count() == 1
}

/// 個一毫四 after a Cantonese amount: 個 (the dollar) with 毫 (tenths) and a digit
/// (hundredths) after it. Returns the amount added and the end.
fn hao(text: &str, j: usize) -> Option<(f64, usize)> {
    let c = text[j..].chars().next().filter(|c| "个個".contains(*c))?;
    let p = j + c.len_utf8();
    let (d1, e1) = one_digit(text, p)?;
    let mut e = text[e1..]
        .strip_prefix('毫')
        .map(|_| e1 + '毫'.len_utf8())?;
    let mut add = d1 as f64 / 10.0;
    if let Some((d2, e2)) = one_digit(text, e) {
        add += d2 as f64 / 100.0;
        e = e2;
    }
    Some((add, e))
}

/// Cents after dollars or euros: 两美元又三美分, 5欧元20欧分.
fn cents(text: &str, j: usize) -> Option<(f64, usize)> {
    let mut p = j;
    for w in ["又", "零", "和"] {
        if starts_with_word(&text[p..], w) {
            p += w.len();
            break;
        }
    }
    let n = read_number(&text[p..], ReadOptions::default())?;
    let e = p + n.len;
    let rest = &text[e..];
    let w = ["美分", "欧分", "歐分"]
        .into_iter()
        .find(|w| starts_with_word(rest, w))?;
    (n.value > 0.0 && n.value < 100.0).then_some((n.value / 100.0, e + w.len()))
}

/// Money in 毛, 角 or 分钱 alone: 两毛 (0.2), 五毛钱, 两毛五 (0.25), 2角, 两角五分, 3分钱.
/// 三角 (a triangle), 五分 (points) and 毛利 are not money.
fn small_money(text: &str, k: usize, value: f64, ascii: bool) -> Option<(f64, usize)> {
    if value <= 0.0 || value >= 10.0 || value.fract() != 0.0 {
        return None;
    }
    let rest = &text[k..];
    let closes = |e: usize| -> bool {
        text[e..]
            .chars()
            .next()
            .is_none_or(|c| !is_han(c) || "的左右以上以下多".contains(c))
    };
    if rest.starts_with("分钱") || rest.starts_with("分錢") {
        return Some((value / 100.0, k + "分钱".len()));
    }
    let mao = rest.starts_with('毛');
    if !(mao || rest.starts_with('角')) {
        return None;
    }
    let mut e = k + '毛'.len_utf8();
    let mut v = value / 10.0;
    let mut fen = false;
    if let Some((d, e2)) = one_digit(text, e) {
        v += d as f64 / 100.0;
        e = e2;
        if text[e..].starts_with('分') {
            e += '分'.len_utf8();
            fen = true;
        } else if !mao {
            // 两角五 without 分 is not said.
            return None;
        }
    }
    let mut qian = false;
    if text[e..].starts_with('钱') {
        e += '钱'.len_utf8();
        qian = true;
    }
    let ok = if mao {
        qian || closes(e)
    } else {
        qian || fen || (ascii && closes(e))
    };
    ok.then_some((v, e))
}

/// Minutes written 分 with seconds or a half after them: 五分三十秒 (330 s), 五分半鐘
/// (330 s), 一分半钟. A bare 五分 is points or cents, not read here.
fn minutes(text: &str, k: usize, value: f64, units: &UnitTable) -> Option<(f64, usize)> {
    let rest = text[k..].strip_prefix('分')?;
    let e = k + '分'.len_utf8();
    if value < 0.0 || rest.starts_with('之') {
        return None;
    }
    for w in ["半钟", "半鐘"] {
        if starts_with_word(rest, w) {
            return Some(((value + 0.5) * 60.0, e + w.len()));
        }
    }
    // 五分半: a minute and a half said short, ending its phrase.
    if let Some(tail) = rest.strip_prefix('半') {
        if value < 60.0 && tail.chars().next().is_none_or(|c| !is_han(c)) {
            return Some(((value + 0.5) * 60.0, e + '半'.len_utf8()));
        }
    }
    let (add, end) = duration_tail(text, e, 60.0, units)?;
    Some((value * 60.0 + add, end))
}

/// After an hour or a minute: the smaller units that complete it (一小时三十分钟,
/// 兩小時十分, 一小時零十五秒, 五分三十秒). Returns the seconds added and the end.
fn duration_tail(text: &str, j: usize, factor: f64, units: &UnitTable) -> Option<(f64, usize)> {
    let mut p = j;
    let mut level = factor;
    let mut add = 0.0;
    let mut any = false;
    loop {
        let mut q = p;
        for w in ["零", "又"] {
            if starts_with_word(&text[q..], w) {
                q += w.len();
                break;
            }
        }
        let Some(n) = read_number(&text[q..], ReadOptions::default()) else {
            break;
        };
        if n.vague || n.value < 0.0 || n.len == 0 {
            break;
        }
        let after = q + n.len;
        let rest = &text[after..];
        let (f, ulen) = match units
            .longest_at(rest)
            .filter(|(u, _)| u.class == "duration")
        {
            Some((u, l)) => (u.factor, l),
            // 兩小時十分: a bare 分 after hours is minutes, when it ends the phrase.
            None if rest.starts_with('分')
                && level > 60.0
                && rest['分'.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !is_han(c)) =>
            {
                (60.0, '分'.len_utf8())
            }
            None => break,
        };
        if f >= level {
            break;
        }
        add += n.value * f;
        level = f;
        p = after + ulen;
        any = true;
    }
    any.then_some((add, p))
}

/// 个半 or 個半 before a duration at `j` (3个半月, 一个半小时, 五個半分鐘): the unit's
/// factor and the end.
fn and_a_half(text: &str, j: usize, units: &UnitTable) -> Option<(f64, usize)> {
    let w = ["个半", "個半"]
        .into_iter()
        .find(|w| starts_with_word(&text[j..], w))?;
    let after = j + w.len();
    // 个月, 个小时, 个钟头: the unit with its 个.
    let tail: String = text[after..].chars().take(4).collect();
    let with_ge = format!("个{tail}");
    if let Some((u, l)) = units.longest_at(&with_ge) {
        if u.class == "duration" && l > "个".len() {
            return Some((u.factor, after + l - "个".len()));
        }
    }
    if let Some((u, l)) = units.longest_at(&text[after..]) {
        return (u.class == "duration").then_some((u.factor, after + l));
    }
    // 一個半鐘: 鐘 alone is an hour after 個半.
    let c = text[after..].chars().next()?;
    ("钟鐘".contains(c)).then_some((3600.0, after + c.len_utf8()))
}

/// 米九 (1.9 m), 米六到三米九: metres with their leading 一 left out.
fn metre_lead(text: &str, i: usize) -> Option<Read> {
    let p = i + '米'.len_utf8();
    let prev = text[..i].chars().next_back();
    if prev.is_some_and(|c| is_han(c) && !"高长宽深约近有是为到至".contains(c)) {
        return None;
    }
    let (d, end) = one_digit(text, p).filter(|(d, _)| *d > 0)?;
    let tail = text[end..].chars().next();
    if tail.is_some_and(|c| is_han(c) && !"左右到至以的".contains(c))
        || text[p..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let mut r = Read {
        start: i,
        num_start: i,
        end,
        value: 1.0 + d as f64 / 10.0,
        unit: Some(("m".into(), "length".into())),
        qualifier: None,
        magnitude: 1.0,
        vague: false,
        factor_used: 1.0,
        reject: false,
        upper_ratio: None,
    };
    if text[end..].starts_with("左右") {
        r.qualifier = Some(Qualifier::Approx);
        r.end += "左右".len();
    }
    Some(r)
}

/// 半 before a unit: 半小时, 半天, 半个月, 半年 (not 上半年), 半個鐘, 半日 (durations),
/// 半成 (5 %), 半折 (50 %); 半个 alone is the number 0.5.
fn half_lead(text: &str, i: usize, units: &UnitTable) -> Option<Read> {
    let p = i + '半'.len_utf8();
    let prev = text[..i].chars().next_back();
    if prev.is_some_and(|c| {
        "上下前后大多一两二三四五六七八九十个個过".contains(c) || c.is_ascii_digit()
    }) {
        return None;
    }
    let qb = qualifier_before(text, i);
    let base = Read {
        start: qb.map_or(i, |q| q.0),
        num_start: i,
        end: p,
        value: 0.5,
        unit: None,
        qualifier: qb.map(|q| q.1),
        magnitude: 1.0,
        vague: false,
        factor_used: 1.0,
        reject: false,
        upper_ratio: None,
    };
    let rest = &text[p..];
    if rest.starts_with('成') {
        return Some(base.with_unit(p + '成'.len_utf8(), 5.0, "%", "percent", 1.0));
    }
    if rest.starts_with('折') {
        return Some(base.with_unit(p + '折'.len_utf8(), 50.0, "%", "percent", 1.0));
    }
    if rest.starts_with('日') && !rest['日'.len_utf8()..].starts_with(|c: char| is_han(c)) {
        return Some(base.with_unit(p + '日'.len_utf8(), 43200.0, "s", "duration", 86400.0));
    }
    if let Some((u, l)) = units.longest_at(rest) {
        if u.class == "duration" {
            let unit_text = &rest[..l];
            let next = rest[l..].chars().next();
            let word = UNIT_WORD_STARTS
                .iter()
                .any(|(w, s)| *w == unit_text && next.is_some_and(|n| s.contains(n)));
            if !word {
                return Some(base.with_unit(p + l, 0.5 * u.factor, "s", "duration", u.factor));
            }
        }
    }
    if rest.starts_with('个') || rest.starts_with('個') {
        // 半个: the number 0.5, a figure of nothing.
        return Some(Read { end: p, ..base });
    }
    None
}

/// 半 before `p` starts a word of its own (半导体, 半私密, 半年报): not a half.
fn half_starts_word(text: &str, p: usize, units: &UnitTable) -> bool {
    text[p..]
        .chars()
        .next()
        .is_some_and(|c| "导私径岛数价场路程身封透自公".contains(c))
        || units.longest_at(&text[p..]).is_some()
}

/// The percentage-point word written with spaces between its characters (六   个 百 分点,
/// 2.4 个百分 点): its end.
fn spaced_points(text: &str, j: usize) -> Option<usize> {
    let mut p = j;
    let mut first = true;
    for set in ["个個", "百", "分", "点點"] {
        let q = skip_spaces(text, p, 4);
        match text[q..].chars().next() {
            Some(c) if set.contains(c) => p = q + c.len_utf8(),
            _ if first => {
                first = false;
                continue;
            }
            _ => return None,
        }
        first = false;
    }
    Some(p)
}

/// A count that ends a quoted name after words of its own (“人才新政18条”, “开放十条”):
/// the name of a policy, not a figure.
fn quoted_name(text: &str, r: &Read) -> bool {
    if !text[r.end..].starts_with(['”', '」', '》']) {
        return false;
    }
    let before = &text[clause_start_within(text, r.start, CLAUSE_WINDOW)..r.start];
    match before.rfind(['“', '「', '《']) {
        Some(q) => before[q..].chars().skip(1).any(is_han),
        None => false,
    }
}

/// The clause before `pos` talks about money (花费, 价格, 工资…).
fn money_clause(text: &str, pos: usize) -> bool {
    let clause = &text[clause_start_within(text, pos, CLAUSE_WINDOW)..pos];
    MONEY_WORDS.iter().any(|w| clause.contains(w))
}

/// A qualifier after the unit leads on to a noun (3块以上的屏幕): pieces, not money.
fn next_is_qualified_noun(text: &str, end: usize) -> bool {
    for (w, _) in QUALIFIERS_AFTER {
        if starts_with_word(&text[end..], w) {
            let rest = &text[end + w.len()..];
            let rest = rest.strip_prefix('的').unwrap_or(rest);
            return rest.chars().next().is_some_and(is_han);
        }
    }
    false
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
            ("兆", 1e12),
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
                .is_some_and(|c| c.is_ascii_digit() || "万亿千百萬億兆".contains(c))
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

/// The second number of a range right after `first`.
fn range_after(
    text: &str,
    first: &Read,
    units: &UnitTable,
    blocked: &[(usize, usize)],
) -> Option<Read> {
    let mut j = skip_spaces(text, first.end, 1);
    // 1万(含)-5万元: an inclusive mark after the first end.
    for w in ["(含)", "（含）"] {
        if starts_with_word(&text[j..], w) {
            j += w.len();
        }
    }
    let rest = &text[j..];
    let sep = RANGE_SEPARATORS.iter().find(|s| rest.starts_with(**s))?;
    let k = skip_spaces(text, j + sep.len(), 1);
    let c = text[k..].chars().next()?;
    if !(starts_number(c) || c == '米') || c == '-' || c == '+' {
        return None;
    }
    if blocked
        .iter()
        .take_while(|(bs, _)| *bs <= k)
        .any(|(_, be)| k < *be)
    {
        return None;
    }
    let second = if c == '米' {
        metre_lead(text, k)?
    } else {
        read_at(text, k, units, blocked)?
    };
    if second.reject {
        return None;
    }
    second.unit.as_ref()?;
    Some(second)
}

/// A figure with a unit is kept unless it is a time relative to now (近2年, 十二年前),
/// an article (一家企业, 一度), a price's denominator (多少钱一斤) or a lone 零 (零部件).
fn accept(text: &str, r: &Read) -> bool {
    let Some((_, class)) = &r.unit else {
        return false;
    };
    let num = &text[r.num_start..r.end];
    if num.starts_with('零')
        && !num.starts_with("零点")
        && !num.starts_with("零點")
        && r.value == 0.0
    {
        return false;
    }
    if class == "duration" {
        let before = text[..r.start].trim_end_matches(' ');
        let before_num = text[..r.num_start].trim_end_matches(' ');
        let after = text[r.end..].trim_start_matches(' ');
        // Before a qualifier only a word of two characters or more (此后不到3年);
        // 释放后不足一个月 is a length of time.
        if RELATIVE_BEFORE.iter().any(|w| {
            ends_with_word(before_num, w) || (ends_with_word(before, w) && w.chars().count() > 1)
        }) || RELATIVE_AFTER.iter().any(|w| starts_with_word(after, w))
        {
            return false;
        }
        // 二○一八年, 一九九八年: a year written digit by digit is a date.
        if num.ends_with('年')
            && num
                .chars()
                .take_while(|c| "〇○零一二三四五六七八九".contains(*c))
                .count()
                >= 4
        {
            return false;
        }
    }
    let one = num.starts_with('一')
        && !["一百", "一千", "一万", "一亿", "一十", "一点"]
            .iter()
            .any(|w| starts_with_word(num, w))
        && r.value == r.factor_used;
    let before = text[..r.start].trim_end_matches(' ');
    if one && class == "count" && !COUNTING_ONE.iter().any(|w| ends_with_word(before, w)) {
        return false;
    }
    if class == "count" && quoted_name(text, r) {
        return false;
    }
    // 一度 (once) is an adverb; 一度电 is a kilowatt-hour.
    if num == "一度" {
        return false;
    }
    if one && class != "count" && PER_UNIT_BEFORE.iter().any(|w| ends_with_word(before, w)) {
        return false;
    }
    r.value.is_finite()
}

/// A figure with no unit written: a named indicator (PUE 1.09), or a quantity whose
/// clause names what it measures (年产值120亿 → CNY, 常住人口减少9.6万 → 人). A natural
/// percent is no unit for a number in 万 or 亿: such a figure takes the unit of the
/// figure before it in its sentence (…减少9.6万人, 吉林省减少13.37万 → 人).
fn unitless(text: &str, keys: &MetricKeys, r: &Read, before: &[Figure]) -> Option<Figure> {
    // The indicator stands at most 16 characters before its value.
    let clause = &text[clause_start_within(text, r.start, 80)..r.start];
    // Each indicator holds a U or a u: most clauses have neither, and are passed over
    // without setting up a search for each word.
    let indicators: &[&str] = if memchr::memchr2(b'U', b'u', clause.as_bytes()).is_some() {
        &["PUE", "WUE", "CUE", "pue"]
    } else {
        &[]
    };
    for ind in indicators {
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
    let clause = &text[clause_start_within(text, r.start, CLAUSE_WINDOW)..r.start];
    let with = |unit: &str, class: &str| {
        to_figure(
            Read {
                unit: Some((unit.to_string(), class.to_string())),
                ..r.clone()
            },
            r.num_start,
        )
    };
    if let Some((_, _, Some(unit))) = keys.nearest(clause) {
        let class = crate::row::unit_class(unit);
        if class == "percent" && r.magnitude >= 1e4 {
            let sentence = sentence_start(text, r.start);
            let prev = before
                .iter()
                .rev()
                .find(|f| f.end <= r.start && f.start >= sentence)?;
            if prev.class == "percent" || prev.class.is_empty() {
                return None;
            }
            return Some(with(&prev.unit, &prev.class));
        }
        return Some(with(unit, class));
    }
    // 120亿! standing alone: in business news an amount in 亿 with nothing after it is
    // money.
    let next = text[r.end..].chars().next();
    if r.magnitude >= 1e8 && next.is_none_or(|c| !is_han(c) && !c.is_ascii_alphanumeric()) {
        return Some(with("CNY", "money"));
    }
    None
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Where the sentence holding `pos` starts (after the last 。 ! ? or line break), looking
/// back at most four clause windows.
fn sentence_start(text: &str, pos: usize) -> usize {
    let mut from = pos.saturating_sub(4 * CLAUSE_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..pos]
        .rfind(['。', '!', '?', '\n', '！', '？'])
        .map_or(from, |p| {
            from + p + text[from + p..].chars().next().map_or(1, char::len_utf8)
        })
}

/// How far back the figure reader looks for the words of a clause, in bytes (some 80
/// characters): a text without punctuation costs the same per number as any other.
const CLAUSE_WINDOW: usize = 240;

/// Where the clause holding `pos` starts, looking back at most `max` bytes.
fn clause_start_within(text: &str, pos: usize, max: usize) -> usize {
    let mut from = pos.saturating_sub(max);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from + clause_start(&text[from..], pos - from)
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
    use crate::extract::number::tests::{zh, Lcg};
    use crate::extract::time::find_times;
    use crate::text::normalize::fold_str;

    /// Figures of a text as (text, value, unit, qualifier), the text width-folded first as
    /// the pipeline does.
    fn figs_q(text: &str) -> Vec<(String, f64, String, Option<Qualifier>)> {
        let text = fold_str(text);
        let units = UnitTable::builtin();
        let keys = MetricKeys::builtin();
        let times = find_times(&text);
        let (f, _) = find_figures(&text, &units, &keys, &[], &times, false);
        f.into_iter()
            .map(|f| {
                (
                    text[f.start..f.end].to_string(),
                    f.value,
                    f.unit,
                    f.qualifier,
                )
            })
            .collect()
    }

    fn figs(text: &str) -> Vec<(String, f64, String)> {
        figs_q(text)
            .into_iter()
            .map(|(t, v, u, _)| (t, v, u))
            .collect()
    }

    /// Bare numbers with `numbers` on, as (text, value).
    fn bare(text: &str) -> Vec<(String, f64)> {
        let units = UnitTable::builtin();
        let keys = MetricKeys::builtin();
        let times = find_times(text);
        let (_, b) = find_figures(text, &units, &keys, &[], &times, true);
        b.into_iter()
            .map(|b| (text[b.start..b.end].to_string(), b.value))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
    }

    /// (text, figure text, value, unit): each text must give that figure.
    fn check_table(cases: &[(&str, &str, f64, &str)]) {
        let mut bad = Vec::new();
        for (text, want_text, value, unit) in cases {
            let got = figs(text);
            let want_text = fold_str(want_text);
            if !got
                .iter()
                .any(|(t, v, u)| *t == want_text && close(*v, *value) && u == unit)
            {
                bad.push(format!(
                    "{text}: want {want_text} = {value} {unit}, got {got:?}"
                ));
            }
        }
        assert!(bad.is_empty(), "{} failing:\n{}", bad.len(), bad.join("\n"));
    }

    #[test]
    fn tidy_leaves_integers_and_rounds_noise() {
        for v in [
            1.0,
            -7.0,
            601.2e8,
            999_999_999_999_999.0,
            1e15,
            2.5,
            0.1 + 0.2,
            28e-9,
            1.0 / 3.0,
        ] {
            let slow: f64 = format!("{v:.14e}").parse().unwrap();
            assert_eq!(tidy(v).to_bits(), slow.to_bits(), "{v}");
        }
        assert_eq!(tidy(0.1 + 0.2), 0.3);
    }

    #[test]
    fn figures_table() {
        check_table(&[
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
            ("哪吒V两款车型", "两款", 2.0, "款"),
            ("占 56 家半导体设备制造商", "56 家", 56.0, "家"),
            ("1011股半年报", "1011股", 1011.0, "股"),
            ("等待一年半时间", "一年半", 47304000.0, "s"),
            ("走过了 10 个年头", "10 个年头", 315360000.0, "s"),
            ("一天内签下订单", "一天", 86400.0, "s"),
            ("187.41万吨标准煤", "187.41万吨标准煤", 1874100.0, "t"),
            ("达到260wh/kg", "260wh/kg", 260.0, "Wh/kg"),
        ]);
    }

    /// The forms of numbers: ASCII and full-width digits with grouping and decimals,
    /// Chinese numerals in every script, the two mixed, signs.
    #[test]
    fn number_forms() {
        check_table(&[
            ("1,200万元", "1,200万元", 1.2e7, "CNY"),
            ("营收１，２００．５亿元", "1,200.5亿元", 1.2005e11, "CNY"),
            ("６０１．２亿元", "601.2亿元", 6.012e10, "CNY"),
            ("壹佰贰拾元", "壹佰贰拾元", 120.0, "CNY"),
            ("肆佰叁拾萬圆整", "肆佰叁拾萬圆", 4.3e6, "CNY"),
            ("税额共计壹仟玖佰圆整", "壹仟玖佰圆", 1900.0, "CNY"),
            (
                "四十九兆九千五百九十二億元",
                "四十九兆九千五百九十二億元",
                4.99592e13,
                "CNY",
            ),
            ("3万5千元", "3万5千元", 35000.0, "CNY"),
            ("1.2万亿元", "1.2万亿元", 1.2e12, "CNY"),
            ("四千三百万元", "四千三百万元", 4.3e7, "CNY"),
            ("十几家企业", "十几家", 10.0, "家"),
            ("下降-3.5%", "-3.5%", -3.5, "%"),
            ("增速为负3.9%", "负3.9%", -3.9, "%"),
            ("+5.2%", "+5.2%", 5.2, "%"),
            ("15k元", "15k元", 15000.0, "CNY"),
            ("十 余 万人", "十 余 万人", 1e5, "人"),
            ("一千多万元", "一千多万元", 1e7, "CNY"),
            ("三十万多亿元", "三十万多亿元", 3e13, "CNY"),
            ("客户数量已超万家", "超万家", 1e4, "家"),
            ("规模近百亿元", "近百亿元", 1e10, "CNY"),
            ("3/4英寸", "3/4英寸", 0.01905, "m"),
        ]);
    }

    /// Every row of SPEC's unit table, compound magnitudes, currency words and signs.
    #[test]
    #[allow(clippy::approx_constant)] // 3.14 is an amount of money, not π
    fn units_table() {
        check_table(&[
            ("100元", "100元", 100.0, "CNY"),
            ("人民币100", "人民币100", 100.0, "CNY"),
            ("100元人民币", "100元人民币", 100.0, "CNY"),
            ("100美元", "100美元", 100.0, "USD"),
            ("50欧元", "50欧元", 50.0, "EUR"),
            ("30港元", "30港元", 30.0, "HKD"),
            ("3.14港幣", "3.14港幣", 3.14, "HKD"),
            ("港币两千九百六十元", "港币两千九百六十元", 2960.0, "HKD"),
            ("1000日元", "1000日元", 1000.0, "JPY"),
            ("20英镑", "20英镑", 20.0, "GBP"),
            ("5万韩元", "5万韩元", 5e4, "KRW"),
            ("3亿新台币", "3亿新台币", 3e8, "TWD"),
            ("三万元欧元", "三万元欧元", 3e4, "EUR"),
            ("价格为￥300", "￥300", 300.0, "CNY"),
            ("价格为¥300", "¥300", 300.0, "CNY"),
            ("售价$20", "$20", 20.0, "USD"),
            ("US$5亿", "US$5亿", 5e8, "USD"),
            ("HK$100", "HK$100", 100.0, "HKD"),
            ("46.85元/股", "46.85元", 46.85, "CNY"),
            ("5%", "5%", 5.0, "%"),
            ("5％", "5%", 5.0, "%"),
            ("3个百分点", "3个百分点", 3.0, "pp"),
            ("六個百分點", "六個百分點", 6.0, "pp"),
            ("六   个 百 分点", "六   个 百 分点", 6.0, "pp"),
            ("2.4   个百分 点", "2.4   个百分 点", 2.4, "pp"),
            ("千分之三", "千分之三", 0.3, "%"),
            ("万分之五", "万分之五", 0.05, "%"),
            ("百分之百", "百分之百", 100.0, "%"),
            ("百 分 之 2.4", "百 分 之 2.4", 2.4, "%"),
            ("萬分之肆", "萬分之肆", 0.04, "%"),
            ("七成", "七成", 70.0, "%"),
            ("七成六", "七成六", 76.0, "%"),
            ("三成半", "三成半", 35.0, "%"),
            ("半成", "半成", 5.0, "%"),
            ("八折", "八折", 80.0, "%"),
            ("八五折", "八五折", 85.0, "%"),
            ("三八折", "三八折", 38.0, "%"),
            ("八点五折", "八点五折", 85.0, "%"),
            ("打对折", "打对折", 50.0, "%"),
            ("3倍", "3倍", 3.0, "x"),
            ("翻了一番", "翻了一番", 2.0, "x"),
            ("翻两番", "翻两番", 4.0, "x"),
            ("100度电", "100度电", 100.0, "kWh"),
            ("500万千瓦时", "500万千瓦时", 5e6, "kWh"),
            ("10亿千瓦时", "10亿千瓦时", 1e9, "kWh"),
            ("3MWh", "3MWh", 3000.0, "kWh"),
            ("100兆瓦", "100兆瓦", 1e8, "W"),
            ("2吉瓦", "2吉瓦", 2e9, "W"),
            ("20万平方米", "20万平方米", 2e5, "m2"),
            ("30公顷", "30公顷", 3e5, "m2"),
            ("100立方米", "100立方米", 100.0, "m3"),
            ("5升", "5升", 0.005, "m3"),
            ("1.6万吨", "1.6万吨", 16000.0, "t"),
            ("50公斤", "50公斤", 50.0, "kg"),
            ("5千克", "5千克", 5.0, "kg"),
            ("100米", "100米", 100.0, "m"),
            ("3千米", "3千米", 3000.0, "m"),
            ("3千兆瓦", "3千兆瓦", 3e9, "W"),
            ("1千兆字节", "1千兆字节", 1e9, "B"),
            ("100千兆比特", "100千兆比特", 100.0, "Gbit"),
            ("3公里", "3公里", 3000.0, "m"),
            ("三公裏", "三公裏", 3000.0, "m"),
            ("身高168CM", "168CM", 1.68, "m"),
            ("5毫米", "5毫米", 0.005, "m"),
            ("100公尺", "100公尺", 100.0, "m"),
            ("10英尺", "10英尺", 3.048, "m"),
            ("27英寸", "27英寸", 0.6858, "m"),
            ("5英里", "5英里", 8046.72, "m"),
            ("5TB", "5TB", 5e12, "B"),
            ("3PB", "3PB", 3e15, "B"),
            ("1EB", "1EB", 1e18, "B"),
            ("1.2亿人次", "1.2亿人次", 1.2e8, "人次"),
            ("3万家", "3万家", 3e4, "家"),
            ("1.8GHz", "1.8GHz", 1.8, "GHz"),
        ]);
    }

    /// Money subunits, colloquial halves and trailing digits.
    #[test]
    #[allow(clippy::approx_constant)] // 3.14 is an amount of money, not π
    fn spoken_amounts() {
        check_table(&[
            ("五毛", "五毛", 0.5, "CNY"),
            ("五毛钱", "五毛钱", 0.5, "CNY"),
            ("2角", "2角", 0.2, "CNY"),
            ("两毛五", "两毛五", 0.25, "CNY"),
            ("两角五分", "两角五分", 0.25, "CNY"),
            ("3分钱", "3分钱", 0.03, "CNY"),
            ("三块五", "三块五", 3.5, "CNY"),
            ("最多一块二", "最多一块二", 1.2, "CNY"),
            ("十块钱", "十块钱", 10.0, "CNY"),
            ("十块三毛", "十块三毛", 10.3, "CNY"),
            ("至少三块零四", "至少三块零四", 3.04, "CNY"),
            ("五块七毛八", "五块七毛八", 5.78, "CNY"),
            ("3.04块以上", "3.04块以上", 3.04, "CNY"),
            ("花费我三块", "三块", 3.0, "CNY"),
            ("五元三毛", "五元三毛", 5.3, "CNY"),
            ("123元1角1分", "123元1角1分", 123.11, "CNY"),
            (
                "一百三十五块六角七分钱",
                "一百三十五块六角七分钱",
                135.67,
                "CNY",
            ),
            ("两美元又三美分", "两美元又三美分", 2.03, "USD"),
            ("港幣三個一毫四", "港幣三個一毫四", 3.14, "HKD"),
            ("集成电路产量1074亿块", "1074亿块", 1.074e11, "块"),
            ("三块屏幕", "三块", 3.0, "块"),
            ("一吨半", "一吨半", 1.5, "t"),
            ("两米半", "两米半", 2.5, "m"),
            ("三米九", "三米九", 3.9, "m"),
            ("身高米八", "米八", 1.8, "m"),
            ("两天半", "两天半", 216000.0, "s"),
            ("一年半", "一年半", 47304000.0, "s"),
        ]);
    }

    /// Durations in seconds, with the traditional forms.
    #[test]
    fn durations() {
        check_table(&[
            ("30秒", "30秒", 30.0, "s"),
            ("5分钟", "5分钟", 300.0, "s"),
            ("2小时", "2小时", 7200.0, "s"),
            ("2小時", "2小時", 7200.0, "s"),
            ("3天", "3天", 259200.0, "s"),
            ("2周", "2周", 1209600.0, "s"),
            ("6个月", "6个月", 15552000.0, "s"),
            ("3年", "3年", 94608000.0, "s"),
            ("半小时", "半小时", 1800.0, "s"),
            ("半天", "半天", 43200.0, "s"),
            ("半个月", "半个月", 1296000.0, "s"),
            ("半個鐘", "半個鐘", 1800.0, "s"),
            ("一个半小时", "一个半小时", 5400.0, "s"),
            ("一個半鐘", "一個半鐘", 5400.0, "s"),
            ("五個半分鐘", "五個半分鐘", 330.0, "s"),
            ("两个钟头", "两个钟头", 7200.0, "s"),
            ("十二個鐘", "十二個鐘", 43200.0, "s"),
            ("一小时三十分钟", "一小时三十分钟", 5400.0, "s"),
            ("兩小時十分", "兩小時十分", 7800.0, "s"),
            ("一小時零十五秒", "一小時零十五秒", 3615.0, "s"),
            ("五分三十秒", "五分三十秒", 330.0, "s"),
            ("五分半鐘", "五分半鐘", 330.0, "s"),
            ("2小时以上", "2小时以上", 7200.0, "s"),
            ("释放后不足一个月", "不足一个月", 2592000.0, "s"),
        ]);
    }

    #[test]
    fn qualifiers() {
        use Qualifier::*;
        const CASES: &[(&str, &str, Option<Qualifier>)] = &[
            ("近6000家", "近6000家", Some(Approx)),
            ("约30%", "约30%", Some(Approx)),
            ("30%左右", "30%左右", Some(Approx)),
            ("超过100家", "超过100家", Some(Over)),
            ("逾1000家", "逾1000家", Some(Over)),
            ("300余家", "300余家", Some(Over)),
            ("200多名", "200多名", Some(Over)),
            ("10年以上", "10年以上", Some(Over)),
            ("5%以下", "5%以下", Some(Under)),
            ("不到10家", "不到10家", Some(Under)),
            ("最高300倍", "最高300倍", Some(Max)),
            ("最低5%", "最低5%", Some(Min)),
            ("至少3家", "至少3家", Some(Min)),
            ("百分之五十以上", "百分之五十以上", Some(Over)),
            ("十几家", "十几家", Some(Approx)),
            ("100家", "100家", None),
        ];
        for (text, want, q) in CASES {
            let got = figs_q(text);
            assert!(
                got.iter().any(|(t, _, _, gq)| t == want && gq == q),
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
            ("两到三万港元", 2e4, 3e4, "HKD"),
            ("1万-5万元", 1e4, 5e4, "CNY"),
            ("1万元--5万元", 1e4, 5e4, "CNY"),
            ("1万(含)-5万元", 1e4, 5e4, "CNY"),
            ("2——3万港币", 2e4, 3e4, "HKD"),
            ("从8500到3万港元", 8500.0, 3e4, "HKD"),
            ("一千到两千万元人民币", 1e7, 2e7, "CNY"),
            ("七千到九千亿元", 7e11, 9e11, "CNY"),
            ("10~15k元", 1e4, 1.5e4, "CNY"),
            ("五元六角-五元七毛八分", 5.6, 5.78, "CNY"),
            ("米六到三米九", 1.6, 3.9, "m"),
            ("三五百元", 300.0, 500.0, "CNY"),
            ("四五千块钱", 4000.0, 5000.0, "CNY"),
            ("两三家", 2.0, 3.0, "家"),
            ("百分之二三十", 20.0, 30.0, "%"),
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
            "汽车零部件",
            "一度遭遇低潮",
            "呈现两升一降态势",
            "高镍三元与磷酸铁锂",
            "三元电池",
            "公司1-3期项目",
            "多少钱一斤",
            "长三角",
            "比赛得了5分",
            "五十千",
            "上半年",
            "半导体",
            "一打开",
            "成千上万",
            "通过万达",
            "电话13812345678",
            "Polestar 2 用户",
            "DALL·E 2 则引入",
            "二○一八年七月四日",
            "一九九八年",
            "推出“人才新政18条”",
        ];
        for text in CASES {
            let got = figs(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    /// `numbers`: every number that is part of no figure is a bare number; dates,
    /// versions and numbers inside figures are not.
    #[test]
    fn bare_numbers() {
        const CASES: &[(&str, &[f64])] = &[
            ("第57名", &[57.0]),
            ("排名前三的品牌", &[3.0]),
            ("一个", &[1.0]),
            ("40k", &[40000.0]),
            ("1.2M", &[1.2e6]),
            ("30w上下", &[3e5]),
            ("十几万", &[1e5]),
            ("二十几万", &[2e5]),
            ("五百 余万", &[5e6]),
            ("一半", &[0.5]),
            ("半个", &[0.5]),
            ("半百", &[50.0]),
            ("百三", &[130.0]),
            ("萬九", &[19000.0]),
            ("五兆六十二亿四万五千二", &[5006200045200.0]),
            ("2e5", &[2e5]),
            ("2^5", &[32.0]),
            (".5", &[0.5]),
            ("...9", &[9.0]),
            ("1 4/3的美梦,1/2的努力", &[1.0 + 4.0 / 3.0, 0.5]),
            ("五十打", &[600.0]),
            ("三百 五又三分之一", &[350.0 + 1.0 / 3.0]),
            ("5k-20k", &[5000.0, 20000.0]),
            ("一切都好,一看就懂", &[]),
            ("不是一,这是九", &[1.0, 9.0]),
            ("数量不是一却是五", &[1.0, 5.0]),
            ("此后3年", &[3.0]),
            ("营收601.2亿元", &[]),
            ("2021年12月10日", &[]),
            ("版本1.1.0", &[]),
        ];
        for (text, want) in CASES {
            let got = bare(text);
            let values: Vec<f64> = got.iter().map(|b| b.1).collect();
            assert_eq!(values.len(), want.len(), "{text}: {got:?}");
            assert!(
                values.iter().zip(want.iter()).all(|(a, b)| close(*a, *b)),
                "{text}: {got:?}"
            );
        }
        // Without the flag nothing is bare.
        let units = UnitTable::builtin();
        let keys = MetricKeys::builtin();
        let (_, b) = find_figures("第57名 40k", &units, &keys, &[], &[], false);
        assert!(b.is_empty());
    }

    /// Every slice of a text full of the forms read here gives sane figures: spans
    /// inside the text on character boundaries, finite values, no panic.
    #[test]
    fn any_slice_is_safe() {
        let text = "营收601.2亿元,港币两千九百六十元,三块五毛,两毛五,五分三十秒,一個半鐘,\
            米六到三米九,七成六,三八折,百 分 之 2.4,萬分之肆,1万(含)-5万元,10~15k元,\
            三五百块,超万家,十 余 万,四十九兆九千五百九十二億元,2^-1,1 3/5,.5,...9,\
            一吨半,半小时,打对折,翻两番,Polestar 2 用户,“开放十条”,14/28nm,700M 天,\
            二○一八年,1.1.0,-3.5%,负3.9%,$20,300美圆,US$ 5亿,6   个 百 分点,一打开";
        let units = UnitTable::builtin();
        let keys = MetricKeys::builtin();
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        for (a, &from) in bounds.iter().enumerate() {
            for &to in bounds[a..]
                .iter()
                .step_by(7)
                .chain(std::iter::once(&text.len()))
            {
                let t = &text[from..to];
                let times = find_times(t);
                let (f, b) = find_figures(t, &units, &keys, &[], &times, true);
                for x in &f {
                    assert!(x.start <= x.end && x.end <= t.len(), "{t:?}: {x:?}");
                    assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
                    assert!(x.value.is_finite(), "{t:?}: {x:?}");
                }
                for x in &b {
                    assert!(x.start <= x.end && x.end <= t.len(), "{t:?}: {x:?}");
                    assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
                    assert!(x.value.is_finite(), "{t:?}: {x:?}");
                }
            }
        }
    }

    /// Full-width digits as the normalizer leaves them: ASCII.
    fn full_width(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                '.' => '．',
                ',' => '，',
                _ => c,
            })
            .collect()
    }

    fn grouped(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (k, ch) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        out
    }

    /// A random value formatted in each form, with a unit, reads back the same value
    /// through the figure reader: ASCII digits (grouped or not), full-width digits,
    /// Chinese numerals, and each with the magnitudes 万 and 亿.
    #[test]
    fn generated_figures_read_back() {
        // (unit as written, code, factor)
        const UNITS: &[(&str, &str, f64)] = &[
            ("元", "CNY", 1.0),
            ("美元", "USD", 1.0),
            ("港元", "HKD", 1.0),
            ("%", "%", 1.0),
            ("倍", "x", 1.0),
            ("家", "家", 1.0),
            ("台", "台", 1.0),
            ("人次", "人次", 1.0),
            ("吨", "t", 1.0),
            ("公斤", "kg", 1.0),
            ("千瓦", "W", 1000.0),
            ("千瓦时", "kWh", 1.0),
            ("平方米", "m2", 1.0),
            ("平方公里", "m2", 1e6),
            ("立方米", "m3", 1.0),
            ("公里", "m", 1000.0),
            ("小时", "s", 3600.0),
            ("天", "s", 86400.0),
            ("GB", "B", 1e9),
        ];
        let units = UnitTable::builtin();
        let keys = MetricKeys::builtin();
        let mut rng = Lcg(0x6669_6775);
        let limits = [100u64, 10_000, 1_000_000, 100_000_000, 10_000_000_000];
        let mut bad = Vec::new();
        for round in 0..4000 {
            let n = 2 + rng.below(limits[round % limits.len()]);
            let (unit, code, factor) = UNITS[rng.below(UNITS.len() as u64) as usize];
            let small = n % 10_000;
            let frac = rng.below(100);
            let forms: Vec<(String, f64)> = vec![
                (n.to_string(), n as f64),
                (grouped(n), n as f64),
                (full_width(&grouped(n)), n as f64),
                (zh(n, true), n as f64),
                (
                    format!("{small}.{frac:02}万"),
                    (small * 100 + frac) as f64 * 100.0,
                ),
                (
                    full_width(&format!("{small}.{frac:02}亿")),
                    (small * 100 + frac) as f64 * 1e6,
                ),
                (
                    format!("{}万", zh(small.max(2), true)),
                    small.max(2) as f64 * 1e4,
                ),
                (
                    format!("{}亿", zh(small.max(2), false)),
                    small.max(2) as f64 * 1e8,
                ),
            ];
            for (num, value) in forms {
                let text = fold_str(&format!("数据显示为{num}{unit}。")).into_owned();
                let times = find_times(&text);
                let (got, _) = find_figures(&text, &units, &keys, &[], &times, false);
                let want = value * factor;
                let ok = got.len() == 1 && close(got[0].value, want) && got[0].unit == code;
                if !ok {
                    let seen: Vec<_> = got
                        .iter()
                        .map(|f| (text[f.start..f.end].to_string(), f.value, f.unit.clone()))
                        .collect();
                    bad.push(format!("{text}: want {want} {code}, got {seen:?}"));
                }
            }
        }
        assert!(
            bad.is_empty(),
            "{} failing, e.g.:\n{}",
            bad.len(),
            bad[..bad.len().min(20)].join("\n")
        );
    }
}
