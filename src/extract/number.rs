//! The numeral reader: reads one number at the start of a string, the way figures are
//! written in Chinese business news — ASCII digits with `.` decimals and `,` grouping
//! (601.2, 69,800), Chinese numerals in every common script (两千亿, 四千三百万, 壹佰贰拾,
//! 兩萬, 廿, 二〇二一), the two mixed (601.2亿, 3万5千, 1,200万), spoken elisions (一万三 =
//! 13000), decimals with 点, fractions with 分之, and the vague forms that stand for a
//! lower bound (十几, 数十亿, 上百). The metric reader calls it wherever [`starts_number`]
//! is true and decides itself what the number is (a money amount, a unit's count, a
//! year…); this module only reads, never past the end of the number. A unit that begins
//! with a magnitude character (千瓦, 千克, 兆瓦) is the caller's to split off by reading a
//! shorter slice, and qualifiers (多 余 来 左右) and 半 are the caller's to read. Reading
//! looks at no more than a kilobyte, is linear in what it reads, and never panics.

/// A number read at the start of a string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    /// The value with magnitudes applied (601.2亿 → 60120000000.0).
    pub value: f64,
    /// Bytes of the input consumed.
    pub len: usize,
    /// A vague quantity read as its lower bound (十几 → 10, 数十亿 → 1e9, 上百 → 100, 几十万 → 1e5).
    pub vague: bool,
    /// Any Chinese numeral or magnitude character was used (not only ASCII digits).
    pub chinese: bool,
    /// A magnitude (十 百 千 万 亿 万亿 兆 …) was applied after the leading digits.
    pub magnitude: bool,
    /// Only ASCII digits, no sign, separator, decimal point or magnitude (2021, 603138): callers use it to rule out years and codes.
    pub plain_digits: bool,
    /// The upper end of a number that opens with two neighbouring digits (三五百 is 300
    /// to 500, 两三个 2 to 3, 七八十万 700000 to 800000); `value` is the lower end.
    pub upper: Option<f64>,
}

/// Options for reading.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// 兆 read as 10^12 (money); otherwise 兆 is not read at all (the caller reads 兆瓦 = MW itself).
    pub zhao_trillion: bool,
    /// A number is expected here (after 百分之, 分之): 参 陆 伍 肆 拾 俩 幺 standing alone
    /// are numerals, not the words they usually are (参加, 大陆, 收拾).
    pub lone_numerals: bool,
}

/// Read the longest number at the very start of `s`; None if `s` does not start with one.
///
/// What is left to the caller: qualifiers (三十多 is read as 30 with the length of 三十;
/// 多 余 来 左右 以上 are never consumed; [`read_magnitude`] reads the 万 of 十多万),
/// 半 (一吨半: 1 is read), 点 not followed by a digit (三点半: 3 is read), percent
/// prefixes (百分之, 千分之, 万分之: None) and unit letters (40k: 40). Read here: `a/b`
/// of whole numbers (3/5, 1 3/5; not 2021/12/10), `e` exponents (2e5, 12.32e+14), `^`
/// powers (2^5), `.5`, and the bare magnitudes of 百三 (130), 千一 (1100), 萬九 (19000),
/// 半百 (50).
pub fn read_number(s: &str, opts: ReadOptions) -> Option<Numeral> {
    // Nothing real is this long: look no further, so a call costs O(LIMIT) at most even
    // when a caller steps through a megabyte of digits one position at a time.
    let full = s;
    let mut cut = s.len().min(LIMIT);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let s = &s[..cut];
    let n = read_cut(s, opts)?;
    (n.len < LIMIT / 2 || full.len() == s.len()).then_some(n)
}

/// Bytes looked at by one read; a number read to half of it is refused as nonsense.
const LIMIT: usize = 1024;

fn read_cut(s: &str, opts: ReadOptions) -> Option<Numeral> {
    if is_percent_prefix(s) {
        return None;
    }
    let (neg, body) = read_sign(s)?;
    let out = read_value(s, body, opts)?;
    let text = &s[body..out.end];
    // A lone character that is far more often a word than a numeral (参加, 大陆, 队伍, 收拾).
    let mut it = text.chars();
    if let (Some(c), None) = (it.next(), it.next()) {
        if LONE_WORDS.contains(&c) && !opts.lone_numerals {
            return None;
        }
    }
    let value = if neg { -out.value } else { out.value };
    let upper = pair_upper(s, body, out.end, opts).map(|u| if neg { -u } else { u });
    if !value.is_finite() {
        return None;
    }
    let chinese = text.chars().any(|c| !c.is_ascii() && !is_ws(c));
    let magnitude = text
        .chars()
        .any(|c| matches!(class(c, opts), Ch::Small(_) | Ch::Big(_) | Ch::Tens(_)));
    let plain_digits = body == 0 && text.bytes().all(|b| b.is_ascii_digit());
    Some(Numeral {
        value,
        len: out.end,
        vague: out.vague,
        chinese,
        magnitude,
        plain_digits,
        upper,
    })
}

/// The upper end of a numeral at `body..end` that opens with a pair of digits (三五百,
/// 两三个): the same numeral read from its second digit (五百, 三), which must end where
/// the whole does.
fn pair_upper(s: &str, body: usize, end: usize, opts: ReadOptions) -> Option<f64> {
    let (c1, n1) = at(s, body)?;
    let (c2, _) = at(s, n1)?;
    let (d1, d2) = (pair_digit(c1)?, pair_digit(c2)?);
    if !(d2 == d1 + 1 || (d1, d2) == (3, 5)) {
        return None;
    }
    let up = read_value(s, n1, opts)?;
    (up.end == end).then_some(up.value)
}

/// True if `c` can start a number (ASCII digit, sign, `.` of .5, Chinese numeral, 两,
/// 数/几/上 for vague forms, financial numerals, the magnitudes of 百三 and 萬九, 半 of 半百…).
pub fn starts_number(c: char) -> bool {
    if c.is_ascii_digit() || matches!(c, '-' | '+' | '\u{2212}' | '.' | '半') {
        return true;
    }
    matches!(
        class(c, ReadOptions::default()),
        Ch::Digit(_)
            | Ch::Small(_)
            | Ch::Big(4)
            | Ch::Tens(_)
            | Ch::Ji
            | Ch::Shu
            | Ch::Shang
            | Ch::Neg
    )
}

/// Read a Chinese numeral string in full (for tests and callers); None unless all of `s` is one number.
///
/// 兆 is read as 10^12 here.
pub fn parse_number(s: &str) -> Option<f64> {
    let n = read_number(
        s,
        ReadOptions {
            zhao_trillion: true,
            ..ReadOptions::default()
        },
    )?;
    (n.len == s.len()).then_some(n.value)
}

/// Read a bare magnitude at the start of `s`: at most one of 十 百 千 (拾 佰 仟), then at
/// most two of 万 亿 (萬 億, 兆 with `zhao_trillion`), e.g. 万 → 1e4, 千万 → 1e7, 万亿 →
/// 1e12. Returns the factor and the bytes read. For callers that read a qualifier between
/// a number and its magnitude (十多万, 500余亿, 三十万多亿) or before a bare magnitude
/// (破亿, 近千万, 过万), which [`read_number`] does not read.
pub fn read_magnitude(s: &str, opts: ReadOptions) -> Option<(f64, usize)> {
    let mut exp = 0u32;
    let mut pos = 0;
    if let Some((c, next)) = at(s, 0) {
        if let Ch::Small(e) = class(c, opts) {
            exp += e;
            pos = next;
        }
    }
    if let Some((e, _, end)) = big_chain(s, pos, opts) {
        exp += e;
        pos = end;
    }
    (pos > 0).then(|| (pow10(exp), pos))
}

// ---------------------------------------------------------------------------------------
// Characters

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ch {
    /// A Chinese digit 0–9 (any script).
    Digit(u8),
    /// 廿 卅 卌: a tens digit with 十 built in.
    Tens(u8),
    /// 十 百 千: the exponent 1, 2, 3.
    Small(u32),
    /// 万 亿 兆: the exponent 4, 8, 12.
    Big(u32),
    Point,
    Ji,
    Shu,
    Shang,
    Neg,
    Other,
}

fn class(c: char, opts: ReadOptions) -> Ch {
    use Ch::*;
    match c {
        '零' | '〇' => Digit(0),
        '一' | '壹' | '幺' | '弌' => Digit(1),
        '二' | '两' | '兩' | '贰' | '貳' | '弍' | '俩' | '倆' => Digit(2),
        '三' | '叁' | '參' | '参' | '弎' => Digit(3),
        '四' | '肆' => Digit(4),
        '五' | '伍' => Digit(5),
        '六' | '陆' | '陸' => Digit(6),
        '七' | '柒' => Digit(7),
        '八' | '捌' => Digit(8),
        '九' | '玖' => Digit(9),
        '十' | '拾' => Small(1),
        '百' | '佰' => Small(2),
        '千' | '仟' => Small(3),
        '万' | '萬' => Big(4),
        '亿' | '億' => Big(8),
        '兆' if opts.zhao_trillion => Big(12),
        '廿' => Tens(2),
        '卅' => Tens(3),
        '卌' => Tens(4),
        '点' | '點' => Point,
        '几' | '幾' => Ji,
        '数' | '數' => Shu,
        '上' => Shang,
        '负' | '負' => Neg,
        _ => Other,
    }
}

/// Characters read alone only as part of a longer numeral.
const LONE_WORDS: &[char] = &['参', '參', '陆', '陸', '伍', '肆', '拾', '俩', '倆', '幺'];

/// The nine plain digits 一 to 九. A match, not a search of a string of the digits: asked
/// of every number.
fn plain_digit(c: char) -> Option<u8> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Digits written one by one (二〇二一, 一九九八): the plain script only.
fn run_digit(c: char) -> Option<u8> {
    match c {
        '〇' | '零' | '○' => Some(0),
        '幺' => Some(1),
        _ => plain_digit(c),
    }
}

/// Digits that make an approximate pair (三四十, 两三个, 七八成).
fn pair_digit(c: char) -> Option<u8> {
    match c {
        '两' | '兩' => Some(2),
        _ => plain_digit(c),
    }
}

/// Digits after 点 (两 is not one: 一点两小时 is not 1.2).
fn frac_digit(c: char) -> Option<u8> {
    if matches!(c, '两' | '兩' | '俩' | '倆') {
        return None;
    }
    match class(c, ReadOptions::default()) {
        Ch::Digit(d) => Some(d),
        _ => None,
    }
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}')
}

/// The char at byte `i` and the byte after it.
fn at(s: &str, i: usize) -> Option<(char, usize)> {
    s.get(i..)?.chars().next().map(|c| (c, i + c.len_utf8()))
}

/// Skip at most four spaces (some texts space out numerals: 三千 八百 九十六 万).
fn skip_ws(s: &str, mut i: usize) -> usize {
    for _ in 0..4 {
        match at(s, i) {
            Some((c, next)) if is_ws(c) => i = next,
            _ => break,
        }
    }
    i
}

fn is_percent_prefix(s: &str) -> bool {
    let mut it = s.chars();
    matches!(
        (it.next(), it.next(), it.next()),
        (
            Some('百' | '佰' | '千' | '仟' | '万' | '萬'),
            Some('分'),
            Some('之')
        )
    )
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn pow10(e: u32) -> f64 {
    POW10
        .get(e as usize)
        .copied()
        .unwrap_or_else(|| 10f64.powi(e as i32))
}

/// A run of 万/亿 (two at most: 万亿, 万万, 亿亿) at `i`: the summed exponent, the last
/// one's exponent and the end.
fn big_chain(s: &str, i: usize, opts: ReadOptions) -> Option<(u32, u32, usize)> {
    let (c, end) = at(s, i)?;
    let Ch::Big(e1) = class(c, opts) else {
        return None;
    };
    if let Some((c2, end2)) = at(s, end) {
        if let Ch::Big(e2) = class(c2, opts) {
            if e2 >= e1 {
                return Some((e1 + e2, e2, end2));
            }
        }
    }
    Some((e1, e1, end))
}

/// `-`, `+`, `−` right before a numeral, or 负 (spaces may follow it). Returns the sign and
/// where the number proper starts; None when a sign leads to no number.
fn read_sign(s: &str) -> Option<(bool, usize)> {
    let (c, next) = at(s, 0)?;
    let (neg, body) = match c {
        '-' | '\u{2212}' => (true, next),
        '+' => (false, next),
        '负' | '負' => (true, skip_ws(s, next)),
        _ => return Some((false, 0)),
    };
    let (c2, after2) = at(s, body)?;
    let ok = c2.is_ascii_digit()
        || (c2 == '.' && body == next && at(s, after2).is_some_and(|(c3, _)| c3.is_ascii_digit()))
        || matches!(
            class(c2, ReadOptions::default()),
            Ch::Digit(_) | Ch::Small(1) | Ch::Tens(_) | Ch::Ji | Ch::Shu | Ch::Shang
        );
    ok.then_some((neg, body))
}

// ---------------------------------------------------------------------------------------
// Reading

/// What a read produced (before the sign).
#[derive(Clone, Copy, Debug)]
struct Out {
    value: f64,
    end: usize,
    vague: bool,
    /// A decimal or fraction part: such a number cannot be a fraction's denominator.
    decimal: bool,
}

/// A number, with fractions (三分之一, 一又二分之一, 3/5, 1 3/5) or a power (2^5) after it.
fn read_value(s: &str, start: usize, opts: ReadOptions) -> Option<Out> {
    let w = read_core(s, start, opts)?;
    if let Some(f) = fraction(s, &w, opts) {
        return Some(f);
    }
    let b = s.as_bytes();
    let ascii_int = s[start..w.end].bytes().all(|c| c.is_ascii_digit());
    if b.get(start)
        .is_some_and(|c| c.is_ascii_digit() || *c == b'.')
    {
        if let Some(p) = power(s, &w) {
            return Some(p);
        }
    }
    if ascii_int {
        if let Some((v, end)) = slash_fraction(s, w.end) {
            return Some(Out {
                value: v,
                end,
                vague: false,
                decimal: true,
            });
        }
        // 1 3/5: a whole number, one space, a fraction.
        if b.get(w.end) == Some(&b' ') && b.get(w.end + 1).is_some_and(u8::is_ascii_digit) {
            let q = w.end + 1;
            let mut k = q;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            if let Ok(num) = s[q..k].parse::<f64>() {
                if let Some((v, end)) = slash_fraction_of(s, num, k) {
                    return Some(Out {
                        value: w.value + v,
                        end,
                        vague: false,
                        decimal: true,
                    });
                }
            }
        }
    }
    // W又X分之Y
    if !w.vague && !w.decimal {
        let p = skip_ws(s, w.end);
        if let Some(('又', next)) = at(s, p) {
            let p = skip_ws(s, next);
            if let Some(x) = read_core(s, p, opts) {
                if let Some(f) = fraction(s, &x, opts) {
                    return Some(Out {
                        value: w.value + f.value,
                        end: f.end,
                        vague: f.vague,
                        decimal: true,
                    });
                }
            }
        }
    }
    Some(w)
}

/// `/D` at `i` after the numerator read before it (3/5): the quotient and the end.
fn slash_fraction(s: &str, i: usize) -> Option<(f64, usize)> {
    let mut k = i;
    while k > 0 && s.as_bytes()[k - 1].is_ascii_digit() {
        k -= 1;
    }
    let num: f64 = s[k..i].parse().ok()?;
    slash_fraction_of(s, num, i)
}

/// The denominator of `num/D` at `i` (on the `/`): a whole number, not zero, that ends
/// the number (2021/12/10 and 1/2.5 are not fractions).
fn slash_fraction_of(s: &str, num: f64, i: usize) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    if b.get(i) != Some(&b'/') {
        return None;
    }
    let d0 = i + 1;
    let mut k = d0;
    while k < b.len() && b[k].is_ascii_digit() {
        k += 1;
    }
    if k == d0 || k - d0 > 6 {
        return None;
    }
    if b.get(k)
        .is_some_and(|c| matches!(c, b'/' | b'.' | b',' | b'-' | b':') || c.is_ascii_alphanumeric())
    {
        return None;
    }
    let den: f64 = s[d0..k].parse().ok()?;
    (den != 0.0).then(|| (num / den, k))
}

/// `^E` after an ASCII number (2^5, 2.5^-1, 1.1^--23: the signs of the exponent multiply).
fn power(s: &str, w: &Out) -> Option<Out> {
    let b = s.as_bytes();
    if b.get(w.end) != Some(&b'^') {
        return None;
    }
    let mut k = w.end + 1;
    let mut neg = false;
    while let Some(&c @ (b'+' | b'-')) = b.get(k) {
        neg ^= c == b'-';
        k += 1;
    }
    let e = read_ascii(s, k, true)?;
    if b.get(e.end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let exp = if neg { -e.value } else { e.value };
    let v = w.value.powf(exp);
    v.is_finite().then_some(Out {
        value: v,
        end: e.end,
        vague: false,
        decimal: true,
    })
}

/// X分之Y after the denominator `x` (a whole number); Y may carry a sign.
fn fraction(s: &str, x: &Out, opts: ReadOptions) -> Option<Out> {
    if x.vague || x.decimal || x.value < 1.0 || x.value.fract() != 0.0 {
        return None;
    }
    let p = skip_ws(s, x.end);
    let Some(('分', next)) = at(s, p) else {
        return None;
    };
    let p = skip_ws(s, next);
    let Some(('之', next)) = at(s, p) else {
        return None;
    };
    let p = skip_ws(s, next);
    let (neg, body) = match at(s, p)? {
        ('-' | '\u{2212}' | '负' | '負', n) => (true, n),
        ('+', n) => (false, n),
        _ => (false, p),
    };
    let y = read_core(s, body, opts)?;
    let v = y.value / x.value;
    Some(Out {
        value: if neg { -v } else { v },
        end: y.end,
        vague: y.vague,
        decimal: true,
    })
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    /// One Chinese digit.
    Zh,
    /// Two neighbouring digits, an approximation (三四 → 3).
    Pair,
    /// 几, 数, 上 standing for a digit.
    Ji,
    /// ASCII digits.
    Ascii {
        ndig: usize,
        frac: bool,
        grouped: bool,
    },
    /// Chinese digits written one by one (二〇二一).
    Run,
    /// A number with a 点 decimal part.
    Dec,
}

/// A number that no magnitude has taken yet.
#[derive(Clone, Debug)]
struct Pend {
    value: f64,
    /// The exact decimal text, when there is one (601.2, 12.5), for exact scaling.
    lit: Option<String>,
    kind: Kind,
    end: usize,
    /// Spaces separate it from the magnitude before it.
    after_ws: bool,
    vague: bool,
    /// Written 两: never a units digit (三十两 is 30 taels, 一百零两 is not 102).
    liang: bool,
}

impl Pend {
    fn fractional(&self) -> bool {
        matches!(self.kind, Kind::Dec | Kind::Ascii { frac: true, .. })
    }
    fn scaled(&self, e: u32) -> f64 {
        match &self.lit {
            Some(l) => format!("{l}e{e}").parse().unwrap_or(f64::INFINITY),
            None => self.value * pow10(e),
        }
    }
}

const NONE: u32 = 99;

/// The state of reading an integer written with magnitudes.
struct St {
    /// Terms at or above the largest 万/亿 read so far.
    total: f64,
    /// The exponent that `total` was last raised to by 万/亿 (0: none yet).
    top: u32,
    /// Terms since the last 万/亿 (below 10^4).
    section: f64,
    /// The last 十/百/千 exponent in `section` (NONE: none); the next must be smaller.
    sec_last: u32,
    /// The last magnitude's exponent (for 一万三 = 13000); None before any.
    last_mag: Option<u32>,
    /// Spaces came before the last magnitude (一百 五 十 二: elision across spaces).
    mag_ws: bool,
    /// A 零 since the last magnitude (一千零五 is 1005, not 1500).
    after_zero: bool,
    /// 0: free; 1: a decimal took 十/百/千, only 万/亿 may follow; 2: nothing may follow.
    lock: u8,
    any_big: bool,
    vague: bool,
    /// A Chinese digit or 十 has been read (a 点 decimal needs one: 3点5 is a clock time).
    has_zh: bool,
    /// An ASCII digit has been read (elision across spaces is for Chinese numerals only).
    ascii: bool,
    decimal: bool,
    pend: Option<Pend>,
}

impl St {
    fn fresh(&self) -> bool {
        self.total == 0.0 && self.section == 0.0 && self.top == 0 && self.last_mag.is_none()
    }

    /// The value the pending number adds if the number ends with it; None if it cannot end it.
    fn trailing(&self, p: &Pend) -> Option<f64> {
        let Some(m) = self.last_mag else {
            return (p.kind != Kind::Ji).then_some(p.value);
        };
        if p.kind == Kind::Dec {
            return Some(p.value);
        }
        if self.after_zero {
            return match p.kind {
                Kind::Zh | Kind::Pair | Kind::Ji if !p.liang => Some(p.value),
                Kind::Ascii {
                    frac: false,
                    grouped: false,
                    ..
                } if p.value < pow10(m.saturating_sub(1)) => Some(p.value),
                _ => None,
            };
        }
        // 一百 五 十 二 spaces every part; 三百 五 (= 350) spaces only the elided digit,
        // which a number in Chinese numerals alone may do (2万 5 is 20000 and 5).
        if p.after_ws && !self.mag_ws && (self.ascii || p.kind != Kind::Zh) {
            return None;
        }
        if p.liang && m < 3 {
            return None;
        }
        match p.kind {
            // 一万三 = 13000, 两千四百五 = 2450: the next lower place.
            Kind::Zh | Kind::Pair => Some(p.value * pow10(m - 1)),
            Kind::Ji => Some(0.0),
            // 3万4000 fills the places below 万 exactly.
            Kind::Ascii {
                ndig,
                frac: false,
                grouped: false,
            } if ndig as u32 == m => Some(p.value),
            _ => None,
        }
    }

    /// The value if reading stopped here; None if it cannot stop here.
    fn current(&self) -> Option<f64> {
        let t = match &self.pend {
            Some(p) => self.trailing(p)?,
            None => 0.0,
        };
        Some(self.total + self.section + t)
    }

    /// Can `p` take a magnitude (not a 零, not a decimal in the middle of a number)?
    fn takes_magnitude(&self, p: &Pend) -> bool {
        match p.kind {
            Kind::Zh | Kind::Pair | Kind::Ji => p.value > 0.0 || p.kind == Kind::Ji,
            // Mid-number digits are never grouped nor fractional (read_ascii without `full`).
            Kind::Ascii { .. } => true,
            Kind::Run | Kind::Dec => self.fresh(),
        }
    }

    fn apply_small(&mut self, e: u32, ws: bool) -> bool {
        let Some(p) = self.pend.as_ref() else {
            return false;
        };
        if self.lock != 0 || e >= self.sec_last || !self.takes_magnitude(p) {
            return false;
        }
        // Before 十/百/千 in the middle of a number only a single digit fits (3万5千).
        if let Kind::Ascii { ndig, .. } = p.kind {
            if ndig > 1 && !self.fresh() {
                return false;
            }
        }
        let frac = p.fractional();
        self.section += p.scaled(e);
        self.vague |= p.vague;
        self.pend = None;
        self.sec_last = e;
        self.last_mag = Some(e);
        self.mag_ws = ws;
        self.after_zero = false;
        self.has_zh = true;
        if frac {
            self.lock = 1;
        }
        true
    }

    fn apply_big(&mut self, e: u32, last: u32, ws: bool) -> bool {
        if self.lock == 2 {
            return false;
        }
        let (v, frac) = match self.pend.as_ref() {
            Some(p) => {
                if !self.takes_magnitude(p) || self.lock != 0 {
                    return false;
                }
                if p.fractional() {
                    if !self.fresh() {
                        return false;
                    }
                    (None, true)
                } else {
                    (Some(self.section + p.value), false)
                }
            }
            None if self.section != 0.0 => (Some(self.section), self.lock == 1),
            None => return false,
        };
        let m = pow10(e);
        match v {
            // A decimal taking 万/亿 right away (601.2亿): scaled exactly.
            None => {
                self.total = self.pend.as_ref().map_or(0.0, |p| p.scaled(e));
                self.top = e;
            }
            Some(v) if self.top == 0 || e > self.top => {
                self.total = (self.total + v) * m;
                self.top = e;
            }
            Some(v) if e < self.top && v < pow10(self.top - e) => self.total += v * m,
            Some(_) => return false,
        }
        if let Some(p) = self.pend.take() {
            self.vague |= p.vague;
        }
        self.section = 0.0;
        self.sec_last = NONE;
        self.last_mag = Some(last);
        self.mag_ws = ws;
        self.after_zero = false;
        self.any_big = true;
        if frac || self.lock == 1 {
            self.lock = 2;
        }
        true
    }

    /// A 点 decimal at `q`; returns where it ends.
    fn point(&mut self, s: &str, q: usize) -> Option<usize> {
        if self.lock != 0 || self.vague || !self.has_zh {
            return None;
        }
        let int = match &self.pend {
            Some(p) if p.kind == Kind::Zh => self.trailing(p)?,
            Some(_) => return None,
            None if self.last_mag.is_some() => 0.0,
            None => return None,
        } + self.total
            + self.section;
        let (_, next) = at(s, q)?;
        let mut i = skip_ws(s, next);
        let mut digits = String::new();
        while let Some((c, n)) = at(s, i) {
            match frac_digit(c) {
                Some(d) => {
                    digits.push((b'0' + d) as char);
                    i = n;
                }
                None => break,
            }
        }
        if digits.is_empty() {
            return None;
        }
        // 三点三十分 is a clock time.
        if let Some((c, _)) = at(s, i) {
            if class(c, ReadOptions::default()) == Ch::Small(1) {
                return None;
            }
        }
        let (value, lit) = if int.fract() == 0.0 && int < 9.0e15 {
            let l = format!("{}.{}", int as u64, digits);
            (l.parse().ok()?, Some(l))
        } else {
            (int + format!("0.{digits}").parse::<f64>().ok()?, None)
        };
        self.pend = Some(Pend {
            value,
            lit,
            kind: Kind::Dec,
            end: i,
            after_ws: false,
            vague: false,
            liang: false,
        });
        self.total = 0.0;
        self.section = 0.0;
        self.top = 0;
        self.sec_last = NONE;
        self.last_mag = None;
        self.after_zero = false;
        self.decimal = true;
        if self.any_big {
            self.lock = 2;
        }
        Some(i)
    }
}

/// ASCII digits at `i`: with `full`, `,` groups of three and a `.` decimal part too.
fn read_ascii(s: &str, i: usize, full: bool) -> Option<Pend> {
    let b = s.as_bytes();
    let n = b.len();
    let mut j = i;
    while j < n && b[j].is_ascii_digit() {
        j += 1;
    }
    // .5 and -.5: a decimal written without its leading zero.
    let bare_point =
        j == i && full && b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
    if j == i && !bare_point {
        return None;
    }
    let ndig = j - i;
    let mut lit = if bare_point {
        String::from("0")
    } else {
        String::from(&s[i..j])
    };
    let mut grouped = false;
    if full && ndig <= 3 {
        while j + 4 <= n
            && b[j] == b','
            && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
            && (j + 4 == n || !b[j + 4].is_ascii_digit())
        {
            lit.push_str(&s[j + 1..j + 4]);
            j += 4;
            grouped = true;
        }
    }
    let mut frac = false;
    if full && j + 1 < n && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        let k0 = j;
        j += 1;
        while j < n && b[j].is_ascii_digit() {
            j += 1;
        }
        lit.push_str(&s[k0..j]);
        frac = true;
    }
    // Scientific notation: 2e5, -127.32e13, 12.32e+14, 2.789e-1 (not 5e03 in a code).
    if full {
        if let Some((exp, end)) = exponent(s, j) {
            lit.push('e');
            lit.push_str(&exp);
            j = end;
            frac = true;
        }
    }
    let value: f64 = lit.parse().unwrap_or(f64::INFINITY);
    Some(Pend {
        value,
        lit: Some(lit),
        kind: Kind::Ascii {
            ndig,
            frac,
            grouped,
        },
        end: j,
        after_ws: false,
        vague: false,
        liang: false,
    })
}

/// `e`/`E`, an optional sign and digits at `j`, ending the word: the exponent's text
/// (sign included) and where it ends.
fn exponent(s: &str, j: usize) -> Option<(String, usize)> {
    let b = s.as_bytes();
    if !matches!(b.get(j), Some(b'e' | b'E')) {
        return None;
    }
    let mut k = j + 1;
    let mut exp = String::new();
    if let Some(&c @ (b'+' | b'-')) = b.get(k) {
        exp.push(c as char);
        k += 1;
    }
    let d0 = k;
    while k < b.len() && b[k].is_ascii_digit() {
        k += 1;
    }
    // At most three exponent digits, and the word ends there (5e03b is a hash, not a number).
    if k == d0
        || k - d0 > 3
        || b.get(k)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    {
        return None;
    }
    exp.push_str(&s[d0..k]);
    Some((exp, k))
}

/// A Chinese digit at `i` (not 零 in the middle of a number): one digit, or a pair.
fn read_zh_digit(s: &str, i: usize, d: u8, after_ws: bool) -> Pend {
    let (c, end) = at(s, i).expect("a digit at i");
    if let (Some(d1), Some((c2, end2))) = (pair_digit(c), at(s, end)) {
        if let Some(d2) = pair_digit(c2) {
            if d2 == d1 + 1 || (d1, d2) == (3, 5) {
                return Pend {
                    value: d1 as f64,
                    lit: None,
                    kind: Kind::Pair,
                    end: end2,
                    after_ws,
                    vague: true,
                    liang: false,
                };
            }
        }
    }
    let liang = matches!(c, '两' | '兩' | '俩' | '倆');
    Pend {
        value: d as f64,
        lit: None,
        kind: Kind::Zh,
        end,
        after_ws,
        vague: false,
        liang,
    }
}

/// A magnitude that leaves out its leading 一, with the next place elided: 百三 = 130,
/// 千一 = 1100, 萬九 = 19000; and 半百 = 50. Returns the value, the end, and whether a
/// 万/亿 may still follow (百二萬 = 1200000). 万一 (in case) is a word, and so is a
/// magnitude followed by more numerals (千三百 is not read here).
fn magnitude_lead(s: &str, start: usize, opts: ReadOptions) -> Option<(f64, usize, bool)> {
    let (c, next) = at(s, start)?;
    if c == '半' {
        return match at(s, next) {
            Some(('百' | '佰', end)) => Some((50.0, end, false)),
            _ => None,
        };
    }
    let e = match class(c, opts) {
        Ch::Small(e) if e >= 2 => e,
        Ch::Big(4) => 4,
        _ => return None,
    };
    let (c2, end) = at(s, next)?;
    let Ch::Digit(d) = class(c2, opts) else {
        return None;
    };
    if d == 0
        || (e == 4 && d == 1)
        || matches!(c2, '两' | '兩' | '俩' | '倆')
        || LONE_WORDS.contains(&c2)
    {
        return None;
    }
    if let Some((c3, _)) = at(s, end) {
        match class(c3, opts) {
            Ch::Digit(_) | Ch::Small(_) | Ch::Tens(_) | Ch::Point | Ch::Ji => return None,
            Ch::Big(_) if e == 4 => return None,
            _ => {}
        }
    }
    Some((pow10(e) + d as f64 * pow10(e - 1), end, e < 4))
}

/// An integer written with magnitudes, with a 点 decimal part; no sign, no fraction.
fn read_core(s: &str, start: usize, opts: ReadOptions) -> Option<Out> {
    let mut st = St {
        total: 0.0,
        top: 0,
        section: 0.0,
        sec_last: NONE,
        last_mag: None,
        mag_ws: false,
        after_zero: false,
        lock: 0,
        any_big: false,
        vague: false,
        has_zh: false,
        ascii: false,
        decimal: false,
        pend: None,
    };
    let mut best: Option<Out> = None;
    let mut pos;

    // The leading token.
    let (c, next) = at(s, start)?;
    let next_class = at(s, next).map(|(c2, _)| class(c2, opts));
    let cls = class(c, opts);
    if c.is_ascii_digit() || c == '.' {
        let p = read_ascii(s, start, true)?;
        st.ascii = true;
        pos = p.end;
        st.pend = Some(p);
    } else if cls == Ch::Digit(0) && next_class == Some(Ch::Small(1)) {
        // 零十 = 10
        st.after_zero = true;
        st.has_zh = true;
        st.last_mag = Some(1);
        pos = next;
    } else if let Ch::Digit(d) = cls {
        st.has_zh = true;
        // Digits one by one: three or more, or with a zero (二〇二一, 一九九八).
        let mut run = String::new();
        let mut i = start;
        let mut zero = false;
        while let Some((c2, n2)) = at(s, i) {
            match run_digit(c2) {
                Some(v) => {
                    zero |= v == 0;
                    run.push((b'0' + v) as char);
                    i = n2;
                }
                None => break,
            }
        }
        let nrun = run.len();
        if nrun >= 3 || (nrun == 2 && zero) {
            let value = run.parse().unwrap_or(f64::INFINITY);
            st.pend = Some(Pend {
                value,
                lit: Some(run),
                kind: Kind::Run,
                end: i,
                after_ws: false,
                vague: false,
                liang: false,
            });
            pos = i;
        } else {
            let p = read_zh_digit(s, start, d, false);
            pos = p.end;
            st.pend = Some(p);
        }
    } else if cls == Ch::Small(1) {
        st.section = 10.0;
        st.sec_last = 1;
        st.last_mag = Some(1);
        st.has_zh = true;
        pos = next;
        best = Some(Out {
            value: 10.0,
            end: pos,
            vague: false,
            decimal: false,
        });
    } else if let Ch::Tens(t) = cls {
        st.section = t as f64 * 10.0;
        st.sec_last = 1;
        st.last_mag = Some(1);
        st.has_zh = true;
        pos = next;
        best = Some(Out {
            value: st.section,
            end: pos,
            vague: false,
            decimal: false,
        });
    } else if matches!(cls, Ch::Ji | Ch::Shu | Ch::Shang) {
        // 几十, 数百, 上千: only right before a magnitude (上 not before 十).
        let ok = match next_class {
            Some(Ch::Small(e)) => cls != Ch::Shang || e > 1,
            Some(Ch::Big(_)) => true,
            _ => false,
        };
        if !ok {
            return None;
        }
        st.pend = Some(Pend {
            value: 1.0,
            lit: None,
            kind: Kind::Ji,
            end: next,
            after_ws: false,
            vague: true,
            liang: false,
        });
        pos = next;
    } else if let Some((v, end, may_take_big)) = magnitude_lead(s, start, opts) {
        st.section = v;
        st.sec_last = 0;
        st.has_zh = true;
        st.lock = if may_take_big { 0 } else { 2 };
        pos = end;
        best = Some(Out {
            value: v,
            end,
            vague: false,
            decimal: false,
        });
    } else {
        return None;
    }

    loop {
        let q = skip_ws(s, pos);
        let ws = q > pos;
        let Some((c, next)) = at(s, q) else { break };
        let cls = class(c, opts);
        let advanced = if st.pend.is_some() {
            match cls {
                Ch::Small(e) if st.apply_small(e, ws) => Some(next),
                Ch::Big(_) => match big_chain(s, q, opts) {
                    Some((e, last, end)) if st.apply_big(e, last, ws) => Some(end),
                    _ => None,
                },
                Ch::Point => st.point(s, q),
                _ => None,
            }
        } else if st.lock == 2 {
            None
        } else {
            match cls {
                Ch::Big(_) => match big_chain(s, q, opts) {
                    Some((e, last, end)) if st.apply_big(e, last, ws) => Some(end),
                    _ => None,
                },
                _ if st.lock != 0 => None,
                Ch::Digit(0) if st.last_mag.is_some() => {
                    // 零 marks a skipped place; it does not end a number.
                    st.after_zero = true;
                    pos = next;
                    continue;
                }
                Ch::Digit(d) if st.last_mag.is_some() => {
                    st.pend = Some(read_zh_digit(s, q, d, ws));
                    st.has_zh = true;
                    pos = st.pend.as_ref().map_or(next, |p| p.end);
                    continue;
                }
                _ if c.is_ascii_digit() && st.last_mag.is_some() => {
                    st.ascii = true;
                    let mut p = read_ascii(s, q, false)?;
                    p.after_ws = ws;
                    pos = p.end;
                    st.pend = Some(p);
                    continue;
                }
                // 一千零十 = 1010; 五百卅四 = 534.
                Ch::Small(1) if st.after_zero && st.sec_last > 1 => {
                    st.section += 10.0;
                    st.sec_last = 1;
                    st.last_mag = Some(1);
                    st.mag_ws = ws;
                    st.after_zero = false;
                    Some(next)
                }
                Ch::Tens(t) if st.sec_last > 1 && st.last_mag.is_some() => {
                    st.section += t as f64 * 10.0;
                    st.sec_last = 1;
                    st.last_mag = Some(1);
                    st.mag_ws = ws;
                    st.after_zero = false;
                    Some(next)
                }
                // 十几, 二十几万, 一百零几万: 几 as a digit, read as 0.
                Ch::Ji if st.last_mag.is_some() => {
                    st.pend = Some(Pend {
                        value: 0.0,
                        lit: None,
                        kind: Kind::Ji,
                        end: next,
                        after_ws: ws,
                        vague: true,
                        liang: false,
                    });
                    pos = next;
                    continue;
                }
                // 十数万
                Ch::Shu
                    if st.last_mag == Some(1)
                        && matches!(
                            at(s, next).map(|(c2, _)| class(c2, opts)),
                            Some(Ch::Big(_))
                        ) =>
                {
                    st.pend = Some(Pend {
                        value: 0.0,
                        lit: None,
                        kind: Kind::Ji,
                        end: next,
                        after_ws: ws,
                        vague: true,
                        liang: false,
                    });
                    pos = next;
                    continue;
                }
                Ch::Point => st.point(s, q),
                _ => None,
            }
        };
        match advanced {
            Some(end) => {
                pos = end;
                if let Some(v) = st.current() {
                    best = Some(Out {
                        value: v,
                        end: pos,
                        vague: st.vague || st.pend.as_ref().is_some_and(|p| p.vague),
                        decimal: st.decimal,
                    });
                }
            }
            None => break,
        }
    }
    if let Some(p) = st.pend.as_ref() {
        if let Some(t) = st.trailing(p) {
            let v = st.total + st.section + t;
            best = Some(Out {
                value: v,
                end: p.end,
                vague: st.vague || p.vague,
                decimal: st.decimal,
            });
        }
    }
    best
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The whole input is consumed.
    const ALL: usize = usize::MAX;

    fn opts() -> ReadOptions {
        ReadOptions::default()
    }

    fn close(a: f64, b: f64) -> bool {
        a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
    }

    /// (input, value, bytes consumed or ALL), read without zhao_trillion.
    const CASES: &[(&str, f64, usize)] = &[
        // ASCII digits, decimals, grouping, signs
        ("0", 0.0, ALL),
        ("7", 7.0, ALL),
        ("2021", 2021.0, ALL),
        ("603138", 603138.0, ALL),
        ("601.2", 601.2, ALL),
        ("01.10", 1.1, ALL),
        ("69,800", 69800.0, ALL),
        ("69,800元", 69800.0, 6),
        ("1,000,000", 1e6, ALL),
        ("10,000.233", 10000.233, ALL),
        ("21,57", 21.0, 2),
        ("2,3个", 2.0, 1),
        ("1,2345", 1.0, 1),
        ("1234,567", 1234.0, 4),
        ("1, 234", 1.0, 1),
        ("-3.5", -3.5, ALL),
        ("+5", 5.0, ALL),
        ("-10000", -10000.0, ALL),
        ("\u{2212}7", -7.0, ALL),
        ("1.1.0", 1.1, 3),
        ("3.", 3.0, 1),
        ("3.x", 3.0, 1),
        ("5G", 5.0, 1),
        ("40k", 40.0, 2),
        ("2/3", 2.0 / 3.0, ALL),
        ("1e5", 1e5, ALL),
        ("2e5", 2e5, ALL),
        ("-127.32e13", -1.2732e15, ALL),
        ("12.32e+14", 1.232e15, ALL),
        ("-12e-1", -1.2, ALL),
        ("2.7890e-1", 0.2789, ALL),
        ("5e03b", 5.0, 1),
        ("3e", 3.0, 1),
        ("2e1234", 2.0, 1),
        (".5", 0.5, ALL),
        ("-.5", -0.5, ALL),
        (".23456000", 0.23456, ALL),
        ("2^5", 32.0, ALL),
        ("2^-1", 0.5, ALL),
        ("-2.5^-1", -0.4, ALL),
        ("-1.1^--23", -8.954302432552389, ALL),
        ("3/5", 0.6, ALL),
        ("-3/2", -1.5, ALL),
        ("16/5", 3.2, ALL),
        ("1 3/5", 1.6, ALL),
        ("1/2的", 0.5, 3),
        ("1/0", 1.0, 1),
        ("2021/12/10", 2021.0, 4),
        ("1/2.5", 1.0, 1),
        ("3/4G", 3.0, 1),
        ("百三", 130.0, ALL),
        ("千三", 1300.0, ALL),
        ("千一", 1100.0, ALL),
        ("萬九", 19000.0, ALL),
        ("百二萬", 1.2e6, ALL),
        ("半百", 50.0, ALL),
        ("三百 五", 350.0, ALL),
        ("三百 五又三分之一", 350.0 + 1.0 / 3.0, ALL),
        ("1 2", 1.0, 1),
        ("3点5", 3.0, 1),
        // Chinese numerals
        ("一", 1.0, ALL),
        ("二", 2.0, ALL),
        ("两", 2.0, ALL),
        ("十", 10.0, ALL),
        ("十二", 12.0, ALL),
        ("一十二", 12.0, ALL),
        ("二十", 20.0, ALL),
        ("九十九", 99.0, ALL),
        ("一百零五", 105.0, ALL),
        ("一百五十二", 152.0, ALL),
        ("一千零一", 1001.0, ALL),
        ("一千零五十", 1050.0, ALL),
        ("两千亿", 2e11, ALL),
        ("四千三百万", 4.3e7, ALL),
        ("一亿二千万", 1.2e8, ALL),
        ("四亿五千六百四十二万零一十五", 456420015.0, ALL),
        ("一百零一万一千", 1011000.0, ALL),
        ("一万二百五十", 10250.0, ALL),
        ("九百万零四百", 9000400.0, ALL),
        ("四千万零六千", 40006000.0, ALL),
        ("负四百零五亿零四百零四万", -40504040000.0, ALL),
        (
            "四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二",
            4569831148725382.0,
            ALL,
        ),
        ("四万万", 4e8, ALL),
        ("一万亿", 1e12, ALL),
        ("二十一万亿", 2.1e13, ALL),
        ("一亿亿", 1e16, ALL),
        ("五十千", 50.0, 6),
        ("一百零十万", 1.1e6, ALL),
        ("一万零十二", 10012.0, ALL),
        ("零十", 10.0, ALL),
        ("零", 0.0, ALL),
        ("〇", 0.0, ALL),
        ("零个", 0.0, 3),
        ("二〇二一", 2021.0, ALL),
        ("二○二一年", 2021.0, 12),
        ("一九九八年", 1998.0, 12),
        ("幺零", 10.0, ALL),
        ("负三十二", -32.0, ALL),
        ("負三十二", -32.0, ALL),
        ("负 三", -3.0, ALL),
        ("十一五", 11.0, 6),
        ("九年八吨", 9.0, 3),
        ("一只", 1.0, 3),
        // traditional and financial scripts, 廿 卅 卌
        ("兩萬", 2e4, ALL),
        ("三億", 3e8, ALL),
        ("三點五", 3.5, ALL),
        ("兩千四百五", 2450.0, ALL),
        ("壹佰贰拾", 120.0, ALL),
        ("肆佰陸拾", 460.0, ALL),
        ("貳佰零參", 203.0, ALL),
        ("參萬肆仟伍佰陸拾柒", 34567.0, ALL),
        ("玖拾陸", 96.0, ALL),
        ("叁仟", 3000.0, ALL),
        ("参万", 30000.0, ALL),
        ("陆拾", 60.0, ALL),
        ("拾萬零五十六", 100056.0, ALL),
        ("拾壹", 11.0, ALL),
        ("壹", 1.0, ALL),
        ("貳", 2.0, ALL),
        ("俩千", 2000.0, ALL),
        ("廿", 20.0, ALL),
        ("廿三", 23.0, ALL),
        ("卅", 30.0, ALL),
        ("卅三", 33.0, ALL),
        ("卌", 40.0, ALL),
        ("五百卅四", 534.0, ALL),
        ("一萬零卌", 10040.0, ALL),
        // elision: a digit after magnitude M is digit × M/10
        ("一万三", 13000.0, ALL),
        ("两千四百五", 2450.0, ALL),
        ("三万四", 34000.0, ALL),
        ("一亿五", 1.5e8, ALL),
        ("两百五", 250.0, ALL),
        ("十万八", 108000.0, ALL),
        ("九十二万四", 924000.0, ALL),
        ("一千陆", 1600.0, ALL),
        ("一千零五", 1005.0, ALL),
        ("五亿零六", 500000006.0, ALL),
        ("一百二十万五", 1205000.0, ALL),
        ("一万两", 12000.0, ALL),
        ("三十两", 30.0, 6),
        ("一百两", 100.0, 6),
        ("一百零两", 100.0, 6),
        ("一千零二", 1002.0, ALL),
        ("两万两千", 22000.0, ALL),
        // digits with Chinese magnitudes
        ("601.2亿", 6.012e10, ALL),
        ("1.2万亿", 1.2e12, ALL),
        ("4.78万亿", 4.78e12, ALL),
        ("3万5千", 35000.0, ALL),
        ("5万4千6百", 54600.0, ALL),
        ("5亿1万4千6百", 500014600.0, ALL),
        ("3千万", 3e7, ALL),
        ("7000万", 7e7, ALL),
        ("7000万度", 7e7, 7),
        ("10万亿", 1e13, ALL),
        ("10万万", 1e9, ALL),
        ("2.5亿", 2.5e8, ALL),
        ("12万", 120000.0, ALL),
        ("1,200万", 1.2e7, ALL),
        ("1,100.9亿", 110090000000.0, ALL),
        ("11.92亿", 1192000000.0, ALL),
        ("1.5千万", 1.5e7, ALL),
        ("3万4000", 34000.0, ALL),
        ("3万4", 30000.0, 4),
        ("3万40000", 30000.0, 4),
        ("25万6千", 256000.0, ALL),
        ("1千零1", 1001.0, ALL),
        ("1千零20", 1020.0, ALL),
        ("2千零30万", 20300000.0, ALL),
        ("3万4000亿", 3.4e12, ALL),
        ("5千瓦", 5000.0, 4),
        ("5兆瓦", 5.0, 1),
        ("2.5万3千", 25000.0, 6),
        // decimals with 点
        ("三点五", 3.5, ALL),
        ("零点五", 0.5, ALL),
        ("负六点六", -6.6, ALL),
        ("十五点七", 15.7, ALL),
        ("十点二三三", 10.233, ALL),
        ("一百五十四点零", 154.0, ALL),
        ("两千万点五五四四", 20000000.5544, ALL),
        ("两千三点一", 2300.1, ALL),
        ("四百亿点零五零", 40000000000.05, ALL),
        ("十二点五亿", 1.25e9, ALL),
        ("三点五亿", 3.5e8, ALL),
        ("一点二万亿", 1.2e12, ALL),
        ("三点半", 3.0, 3),
        ("三点", 3.0, 3),
        ("三点三十分", 3.0, 3),
        ("两百点两", 200.0, 6),
        ("一点两小时", 1.0, 3),
        // fractions
        ("三分之一", 1.0 / 3.0, ALL),
        ("二分之一", 0.5, ALL),
        ("五分之壹", 0.2, ALL),
        ("一百分之二", 0.02, ALL),
        ("一千分之一", 0.001, ALL),
        ("一百万分之五", 5e-6, ALL),
        ("二十五分之一百四十四", 5.76, ALL),
        ("四千二分之三", 3.0 / 4200.0, ALL),
        ("3分之1", 1.0 / 3.0, ALL),
        ("负3分之负一百五十七", 157.0 / 3.0, ALL),
        ("负一又二分之一", -1.5, ALL),
        ("一千零十又3分之1", 1010.0 + 1.0 / 3.0, ALL),
        ("五 分之 一", 0.2, ALL),
        ("3分之后", 3.0, 1),
        ("十分重要", 10.0, 3),
        ("二分之", 2.0, 3),
        // spaced-out numerals
        ("7 万5 千4 百", 75400.0, ALL),
        ("1000  万", 1e7, ALL),
        ("二十 億", 2e9, ALL),
        ("三千 八百 九十六 万 四千 九百 六十五", 38964965.0, ALL),
        ("三千 九百 六十五 ", 3965.0, 23),
        ("一百 五 十 二", 152.0, ALL),
        ("四百 点 五", 400.5, ALL),
        ("负 1200000", -1200000.0, ALL),
        ("2万 一年", 20000.0, 4),
        ("3万 5", 30000.0, 4),
        // qualifiers, 半 and units are the caller's
        ("三十多", 30.0, 6),
        ("十余万", 10.0, 3),
        ("500余万", 500.0, 3),
        ("二十左右", 20.0, 6),
        ("十来个", 10.0, 3),
        ("一吨半", 1.0, 3),
        ("一半", 1.0, 3),
        ("5%", 5.0, 1),
        ("一\u{301}", 1.0, 3),
    ];

    /// Vague forms: (input, lower bound, bytes or ALL).
    const VAGUE: &[(&str, f64, usize)] = &[
        ("十几", 10.0, ALL),
        ("几十", 10.0, ALL),
        ("数十", 10.0, ALL),
        ("数百", 100.0, ALL),
        ("几百", 100.0, ALL),
        ("数千", 1000.0, ALL),
        ("数万", 1e4, ALL),
        ("上百", 100.0, ALL),
        ("上千", 1000.0, ALL),
        ("上万", 1e4, ALL),
        ("上亿", 1e8, ALL),
        ("上百万", 1e6, ALL),
        ("数十亿", 1e9, ALL),
        ("数亿元", 1e8, 6),
        ("几十万", 1e5, ALL),
        ("几万", 1e4, ALL),
        ("二十几", 20.0, ALL),
        ("十几万", 1e5, ALL),
        ("十几亿", 1e9, ALL),
        ("二十几万", 2e5, ALL),
        ("一百零几万", 1e6, ALL),
        ("三千四百五十几万", 34500000.0, ALL),
        ("肆拾幾亿", 4e9, ALL),
        ("十数万", 1e5, ALL),
        ("一二十", 10.0, ALL),
        ("三四十", 30.0, ALL),
        ("七八十万", 7e5, ALL),
        ("两三个", 2.0, 6),
        ("一两个", 1.0, 6),
        ("十七八", 17.0, ALL),
        ("三五天", 3.0, 6),
        ("成千上万", 0.0, 0), // does not start with a number
    ];

    /// Inputs that do not start with a number.
    const NONE: &[&str] = &[
        "",
        "几",
        "几个",
        "数",
        "数据",
        "数以万计",
        "上",
        "上海",
        "上十",
        "万",
        "亿",
        "千万",
        "百万",
        "万一",
        "亿万",
        "百",
        "千",
        "百度",
        "百分之五十",
        "千分之三",
        "万分之五",
        "萬分之五",
        "百分之",
        "点五",
        "點",
        "半",
        "多",
        "abc",
        "-",
        "-x",
        "+",
        "- 1",
        "万一",
        "千万人",
        "千三百",
        "百零",
        "百两",
        "半",
        "半个",
        "./5",
        "负",
        "负责",
        "几乎",
        "参加",
        "参",
        "陆续",
        "伍",
        "拾",
        "俩人",
        "幺",
        "亿亿亿",
        "兆",
        "兆瓦",
        "分之一",
        "之",
        "又",
        "，1",
    ];

    #[test]
    fn table() {
        let mut bad = Vec::new();
        for &(input, value, len) in CASES {
            let want_len = if len == ALL { input.len() } else { len };
            match read_number(input, opts()) {
                Some(n) if close(n.value, value) && n.len == want_len && !n.vague => {}
                got => bad.push(format!(
                    "{input:?}: got {got:?}, want {value} len {want_len}"
                )),
            }
        }
        assert!(
            bad.is_empty(),
            "{} of {} cases:\n{}",
            bad.len(),
            CASES.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn vague_table() {
        for &(input, value, len) in VAGUE {
            if len == 0 {
                assert!(read_number(input, opts()).is_none(), "{input:?}");
                continue;
            }
            let n = read_number(input, opts()).unwrap_or_else(|| panic!("{input:?}: nothing read"));
            let want_len = if len == ALL { input.len() } else { len };
            assert!(
                close(n.value, value),
                "{input:?}: value {} want {value}",
                n.value
            );
            assert_eq!(n.len, want_len, "{input:?}: len");
            assert!(n.vague, "{input:?}: vague");
        }
        // 上千 inside 成千上万 is read where 上 starts.
        let s = "成千上万";
        let n = read_number(&s[6..], opts()).unwrap();
        assert_eq!((n.value, n.vague), (1e4, true));
    }

    #[test]
    fn pairs_have_an_upper_end() {
        // (input, lower, upper)
        let cases: &[(&str, f64, f64)] = &[
            ("三五百", 300.0, 500.0),
            ("四五千", 4000.0, 5000.0),
            ("两三个", 2.0, 3.0),
            ("一两个", 1.0, 2.0),
            ("七八十万", 7e5, 8e5),
            ("三四十", 30.0, 40.0),
            ("一二十", 10.0, 20.0),
        ];
        for &(input, lo, hi) in cases {
            let n = read_number(input, opts()).unwrap_or_else(|| panic!("{input:?}"));
            assert!(close(n.value, lo) && n.vague, "{input:?}: {n:?}");
            assert!(n.upper.is_some_and(|u| close(u, hi)), "{input:?}: {n:?}");
        }
        for input in ["三十五", "十七八", "五五", "3万", "两千"] {
            assert_eq!(read_number(input, opts()).unwrap().upper, None, "{input:?}");
        }
    }

    #[test]
    fn lone_numerals_where_a_number_is_expected() {
        let expect = ReadOptions {
            lone_numerals: true,
            ..ReadOptions::default()
        };
        for (input, value) in [("肆", 4.0), ("陆", 6.0), ("拾", 10.0), ("伍", 5.0)] {
            assert_eq!(read_number(input, opts()), None, "{input:?}");
            assert_eq!(
                read_number(input, expect).map(|n| n.value),
                Some(value),
                "{input:?}"
            );
        }
    }

    #[test]
    fn none_table() {
        for &input in NONE {
            assert_eq!(read_number(input, opts()), None, "{input:?}");
        }
    }

    #[test]
    fn zhao() {
        let t = ReadOptions {
            zhao_trillion: true,
            ..ReadOptions::default()
        };
        let cases: &[(&str, f64, usize)] = &[
            ("1.85兆", 1.85e12, ALL),
            ("五兆六十二亿四万五千二", 5006200045200.0, ALL),
            ("五十五兆一十二亿四万五千二", 55001200045200.0, ALL),
            ("3兆元", 3e12, 4),
        ];
        for &(input, value, len) in cases {
            let n = read_number(input, t).unwrap();
            assert!(close(n.value, value), "{input:?}: {}", n.value);
            assert_eq!(
                n.len,
                if len == ALL { input.len() } else { len },
                "{input:?}"
            );
        }
        assert_eq!(read_number("1.85兆", opts()).map(|n| n.len), Some(4));
        assert_eq!(parse_number("五兆"), Some(5e12));
    }

    #[test]
    fn flags() {
        let r = |s: &str| read_number(s, opts()).unwrap();
        // (input, chinese, magnitude, plain_digits)
        let cases: &[(&str, bool, bool, bool)] = &[
            ("2021", false, false, true),
            ("603138", false, false, true),
            ("0123", false, false, true),
            ("2,021", false, false, false),
            ("-2021", false, false, false),
            ("+2021", false, false, false),
            ("2021.5", false, false, false),
            ("12万", true, true, false),
            ("601.2亿", true, true, false),
            ("二〇二一", true, false, false),
            ("十二", true, true, false),
            ("三点五", true, false, false),
            ("三分之一", true, false, false),
            ("廿三", true, true, false),
            ("负10000", false, false, false),
            ("上百", true, true, false),
        ];
        for &(input, chinese, magnitude, plain) in cases {
            let n = r(input);
            assert_eq!(
                (n.chinese, n.magnitude, n.plain_digits),
                (chinese, magnitude, plain),
                "{input:?}"
            );
        }
    }

    #[test]
    fn starts() {
        for c in "0123456789-+−.负負零〇一二两兩三四五六七八九幺壹贰貳叁參参肆伍陆陸柒捌玖十拾廿卅卌几幾数數上俩百千万萬佰仟半".chars() {
            assert!(starts_number(c), "{c}");
        }
        for c in "亿億兆点點分之多余 ,a%元○".chars() {
            assert!(!starts_number(c), "{c}");
        }
    }

    #[test]
    fn parse_full() {
        assert_eq!(parse_number("一百零五"), Some(105.0));
        assert_eq!(parse_number("601.2亿"), Some(60120000000.0));
        assert_eq!(parse_number("三十多"), None);
        assert_eq!(parse_number("百分之五"), None);
        assert_eq!(parse_number(""), None);
        assert!(close(parse_number("三分之一").unwrap(), 1.0 / 3.0));
    }

    #[test]
    fn magnitude_words() {
        let m = |s: &str| read_magnitude(s, opts());
        assert_eq!(m("万"), Some((1e4, 3)));
        assert_eq!(m("千万元"), Some((1e7, 6)));
        assert_eq!(m("万亿"), Some((1e12, 6)));
        assert_eq!(m("亿"), Some((1e8, 3)));
        assert_eq!(m("十"), Some((10.0, 3)));
        assert_eq!(m("兆"), None);
        assert_eq!(
            read_magnitude(
                "兆",
                ReadOptions {
                    zhao_trillion: true,
                    ..ReadOptions::default()
                }
            ),
            Some((1e12, 3))
        );
        assert_eq!(m("元"), None);
        assert_eq!(m(""), None);
    }

    #[test]
    fn exact_values() {
        // Scaled from the decimal text, not by multiplying an inexact double.
        for (s, v) in [
            ("601.2亿", 60120000000.0),
            ("1.2万亿", 1.2e12),
            ("0.3万", 3000.0),
            ("1.1万", 11000.0),
            ("三点三亿", 330000000.0),
        ] {
            assert_eq!(read_number(s, opts()).unwrap().value, v, "{s}");
        }
    }

    #[test]
    fn pathological() {
        // 400 digits: infinite as f64, so nothing; 300 digits: finite.
        assert_eq!(read_number(&"9".repeat(400), opts()), None);
        let n = read_number(&"9".repeat(300), opts()).unwrap();
        assert!(n.value.is_finite() && n.len == 300);
        assert_eq!(read_number(&"亿".repeat(10_000), opts()), None);
        let s = format!("一{}", "亿".repeat(10_000));
        let n = read_number(&s, opts()).unwrap();
        assert_eq!((n.value, n.len), (1e16, 9));
        let s = "一万".repeat(50_000);
        let n = read_number(&s, opts()).unwrap();
        assert!(n.value.is_finite() && n.len < 20);
        let s = "二".repeat(100_000);
        assert!(read_number(&s, opts()).is_none_or(|n| n.value.is_finite()));
        let s = format!("1{}", ",000".repeat(50_000));
        assert!(read_number(&s, opts()).is_none_or(|n| n.value.is_finite()));
        let s = "零".repeat(10_000);
        assert!(read_number(&s, opts()).is_none_or(|n| n.value.is_finite()));
        // A long run costs at most LIMIT bytes per call, wherever the caller starts.
        let s = "1".repeat(1_000_000);
        let t = std::time::Instant::now();
        for i in (0..s.len()).step_by(97) {
            let r = read_number(&s[i..], opts());
            assert!(r.is_none_or(|n| n.value.is_finite() && n.len < 400));
        }
        assert!(t.elapsed().as_secs() < 5);
        assert_eq!(
            read_number(&format!("{}万", "0".repeat(300)), opts()).map(|n| n.value),
            Some(0.0)
        );
        // Every slice of a mixed text, on char boundaries.
        let text = "营收601.2亿元，同比增长百分之五十，约两千亿；一万三千〇二〇二一 3万5千瓦 負十几 上百 ②①\u{301}\u{200d}-,.负 数十亿 三分之一又 点 兆 ";
        for (i, _) in text.char_indices() {
            for zhao in [false, true] {
                if let Some(n) = read_number(
                    &text[i..],
                    ReadOptions {
                        zhao_trillion: zhao,
                        ..ReadOptions::default()
                    },
                ) {
                    assert!(n.len > 0 && n.len <= text.len() - i);
                    assert!(text[i..].is_char_boundary(n.len));
                    assert!(n.value.is_finite());
                }
            }
        }
    }

    // --- property-style checks over generated values --------------------------------

    /// A small deterministic generator for the property checks (here and in `metric`).
    pub(crate) struct Lcg(pub(crate) u64);
    impl Lcg {
        pub(crate) fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        pub(crate) fn below(&mut self, n: u64) -> u64 {
            ((self.next() << 31) ^ self.next()) % n
        }
    }

    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

    /// A group below 10^4; `zero_first`: a 零 goes before it if it does not fill 千.
    fn zh_group(g: u64, zero_first: bool, leading: bool, short_ten: bool, out: &mut String) {
        let d = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
        let units = ["千", "百", "十", ""];
        let mut started = false;
        let mut gap = zero_first;
        for k in 0..4 {
            if d[k] == 0 {
                if started {
                    gap = true;
                }
                continue;
            }
            if gap {
                out.push('零');
            }
            gap = false;
            if !(leading && !started && k == 2 && d[k] == 1 && short_ten) {
                out.push(DIGITS[d[k] as usize]);
            }
            out.push_str(units[k]);
            started = true;
        }
    }

    /// Standard Chinese numerals for n < 10^16.
    pub(crate) fn zh(n: u64, short_ten: bool) -> String {
        if n == 0 {
            return "零".into();
        }
        let mut out = String::new();
        let yi = n / 100_000_000;
        let (wan, ge) = (n / 10_000 % 10_000, n % 10_000);
        let mut leading = true;
        let mut prev_zero = false;
        if yi > 0 {
            out.push_str(&zh(yi, short_ten));
            out.push('亿');
            leading = false;
        }
        if wan > 0 {
            zh_group(wan, !leading && wan < 1000, leading, short_ten, &mut out);
            out.push('万');
            leading = false;
        } else if !leading {
            prev_zero = true;
        }
        if ge > 0 {
            zh_group(
                ge,
                !leading && (prev_zero || ge < 1000),
                leading,
                short_ten,
                &mut out,
            );
        }
        out
    }

    #[test]
    fn formatter_sanity() {
        assert_eq!(zh(105, true), "一百零五");
        assert_eq!(zh(12, true), "十二");
        assert_eq!(zh(12, false), "一十二");
        assert_eq!(zh(10250, true), "一万零二百五十");
        assert_eq!(zh(100000005, true), "一亿零五");
        assert_eq!(zh(456420015, true), "四亿五千六百四十二万零一十五");
        assert_eq!(
            zh(4569831148725382, true),
            "四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二"
        );
    }

    fn check(s: &str, want: f64) {
        let n = read_number(s, opts()).unwrap_or_else(|| panic!("{s:?}: nothing read"));
        assert_eq!(n.len, s.len(), "{s:?}: len");
        assert!(close(n.value, want), "{s:?}: {} want {want}", n.value);
    }

    #[test]
    fn generated_round_trips() {
        let mut rng = Lcg(0x7469_7175);
        let limits = [
            10u64,
            100,
            1_000,
            10_000,
            100_000,
            1_000_000,
            100_000_000,
            10_000_000_000,
            1_000_000_000_000,
            9_000_000_000_000_000,
        ];
        for i in 0..20_000 {
            let n = rng.below(limits[i % limits.len()]);
            let v = n as f64;
            // ASCII digits, and grouped by threes
            check(&n.to_string(), v);
            let digits = n.to_string();
            let mut grouped = String::new();
            for (k, ch) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(ch);
            }
            check(&grouped, v);
            // Chinese numerals, with 十 or 一十 for a leading ten
            check(&zh(n, true), v);
            check(&zh(n, false), v);
            // digits with a magnitude: 123.4万, 56.78亿, 3千万
            let m = n % 10_000_000;
            check(&format!("{}.{}万", m / 10, m % 10), m as f64 * 1e3);
            check(&format!("{}.{:02}亿", m / 100, m % 100), m as f64 * 1e6);
            check(&format!("{}万亿", m % 10_000), (m % 10_000) as f64 * 1e12);
            // Chinese numerals with a 点 decimal part, and a magnitude after it
            let frac = rng.below(1000);
            let fs: String = format!("{frac:03}")
                .chars()
                .map(|c| DIGITS[c as usize - '0' as usize])
                .collect();
            let int = n % 100_000;
            let want: f64 = format!("{int}.{frac:03}").parse().unwrap();
            check(&format!("{}点{}", zh(int, true), fs), want);
            if int < 10_000 {
                check(&format!("{}点{}亿", zh(int, true), fs), want * 1e8);
            }
            // negative
            check(&format!("负{}", zh(n, true)), -v);
        }
    }

    #[test]
    fn generated_elisions() {
        let mags = [("十", 1u32), ("百", 2), ("千", 3), ("万", 4), ("亿", 8)];
        for (a, da) in DIGITS.iter().enumerate().skip(1) {
            for &(m, e) in &mags {
                for (b, db) in DIGITS.iter().enumerate().skip(1) {
                    let s = format!("{da}{m}{db}");
                    let want = a as f64 * pow10(e) + b as f64 * pow10(e - 1);
                    check(&s, want);
                }
            }
        }
    }
}
