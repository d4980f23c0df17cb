//! Rows: the SPEC's row contract, built from a document's mentions.
//!
//! One row per mention, in the order the mentions stand in the text. The first ten
//! fields are the SPEC's, then `subject`, `period`, `qualifier`, `metric_key`, `code`
//! and `parent`; every writer carries them in this order. A field that does not apply
//! to a row's kind is `None` (empty in CSV, `null` in JSON); a field that applies but
//! has nothing to say is an empty string.
//!
//! Four more fields may be chosen with `--fields` but are not written by default (the
//! SPEC's sixteen stay as they are): the document's `title`, `date`, `author` and `url`,
//! from its front matter or HTML head, the same on every row of the document.

use std::borrow::Cow;
use std::sync::Arc;

use crate::dict::Name;
use crate::extract::Mentions;
use crate::text::normalize::{Meta, Text};

/// A row field, in SPEC order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Doc,
    Kind,
    Type,
    Text,
    Canonical,
    Value,
    Unit,
    Metric,
    Line,
    Context,
    Subject,
    Period,
    Qualifier,
    MetricKey,
    Code,
    Parent,
    Title,
    Date,
    Author,
    Url,
}

impl Field {
    /// The default fields, in the SPEC's order.
    pub const ALL: [Field; 16] = [
        Field::Doc,
        Field::Kind,
        Field::Type,
        Field::Text,
        Field::Canonical,
        Field::Value,
        Field::Unit,
        Field::Metric,
        Field::Line,
        Field::Context,
        Field::Subject,
        Field::Period,
        Field::Qualifier,
        Field::MetricKey,
        Field::Code,
        Field::Parent,
    ];

    /// Every field `--fields` may choose: the default ones, then the document's
    /// metadata.
    pub const SELECTABLE: [Field; 20] = [
        Field::Doc,
        Field::Kind,
        Field::Type,
        Field::Text,
        Field::Canonical,
        Field::Value,
        Field::Unit,
        Field::Metric,
        Field::Line,
        Field::Context,
        Field::Subject,
        Field::Period,
        Field::Qualifier,
        Field::MetricKey,
        Field::Code,
        Field::Parent,
        Field::Title,
        Field::Date,
        Field::Author,
        Field::Url,
    ];

    /// The field's name in headers and JSON keys.
    pub fn name(self) -> &'static str {
        match self {
            Field::Doc => "doc",
            Field::Kind => "kind",
            Field::Type => "type",
            Field::Text => "text",
            Field::Canonical => "canonical",
            Field::Value => "value",
            Field::Unit => "unit",
            Field::Metric => "metric",
            Field::Line => "line",
            Field::Context => "context",
            Field::Subject => "subject",
            Field::Period => "period",
            Field::Qualifier => "qualifier",
            Field::MetricKey => "metric_key",
            Field::Code => "code",
            Field::Parent => "parent",
            Field::Title => "title",
            Field::Date => "date",
            Field::Author => "author",
            Field::Url => "url",
        }
    }

    /// Parse a field name (any of [`Field::SELECTABLE`]).
    pub fn parse(s: &str) -> Option<Field> {
        Field::SELECTABLE.into_iter().find(|f| f.name() == s)
    }
}

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Text(&'a str),
    Number(f64),
    Int(u64),
}

/// One output row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The document's path or name, shared by all its rows.
    pub doc: Arc<str>,
    pub kind: &'static str,
    /// An entity type or a figure's class; the entity types are never copied.
    pub rtype: Cow<'static, str>,
    pub text: String,
    /// Shared with the lexicon entry or the mention, as are `code`, `parent` and
    /// `subject`.
    pub canonical: Option<Name>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub metric: Option<String>,
    pub line: u64,
    pub context: String,
    pub subject: Option<Name>,
    pub period: Option<String>,
    pub qualifier: Option<&'static str>,
    pub metric_key: Option<String>,
    pub code: Option<Name>,
    pub parent: Option<Name>,
    /// The document's metadata, shared by all its rows.
    pub meta: Arc<Meta>,
}

impl Row {
    /// The value of one field.
    pub fn cell(&self, f: Field) -> Cell<'_> {
        // Owned and shared strings alike.
        fn opt<S: std::ops::Deref<Target = str>>(o: &Option<S>) -> Cell<'_> {
            o.as_deref().map_or(Cell::Null, Cell::Text)
        }
        match f {
            Field::Doc => Cell::Text(&self.doc),
            Field::Kind => Cell::Text(self.kind),
            Field::Type => Cell::Text(&self.rtype),
            Field::Text => Cell::Text(&self.text),
            Field::Canonical => opt(&self.canonical),
            Field::Value => self.value.map_or(Cell::Null, Cell::Number),
            Field::Unit => opt(&self.unit),
            Field::Metric => opt(&self.metric),
            Field::Line => Cell::Int(self.line),
            Field::Context => Cell::Text(&self.context),
            Field::Subject => opt(&self.subject),
            Field::Period => opt(&self.period),
            Field::Qualifier => self.qualifier.map_or(Cell::Null, Cell::Text),
            Field::MetricKey => opt(&self.metric_key),
            Field::Code => opt(&self.code),
            Field::Parent => opt(&self.parent),
            Field::Title => opt(&self.meta.title),
            Field::Date => opt(&self.meta.date),
            Field::Author => opt(&self.meta.author),
            Field::Url => opt(&self.meta.url),
        }
    }
}

/// The SPEC's class of a unit code.
pub fn unit_class(unit: &str) -> &'static str {
    match unit {
        "%" | "pp" => "percent",
        "x" => "multiple",
        "kWh" => "energy",
        "W" => "power",
        "m2" => "area",
        "m3" => "volume",
        "t" | "kg" => "mass",
        "m" => "length",
        "s" => "duration",
        "B" => "data",
        "ratio" => "ratio",
        u if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => "money",
        u if !u.is_empty() && u.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) => "count",
        _ => "other",
    }
}

/// Which rows to write.
#[derive(Debug, Clone, Default)]
pub struct RowFilter {
    /// Entity types to report; empty means all.
    pub types: Vec<String>,
}

/// Build the rows of one document, in text order. The mentions are taken: their strings
/// move into the rows.
pub fn build_rows(doc: &str, text: &Text, mentions: Mentions, filter: &RowFilter) -> Vec<Row> {
    let s = text.as_str();
    let spaces = Spaces::of(s);
    let meta = Arc::new(text.meta().clone());
    let doc: Arc<str> = Arc::from(doc);
    let mut rows: Vec<(usize, usize, Row)> = Vec::new();
    let entities = mentions.entities.len();
    let figures = mentions.figures.len();
    rows.reserve(entities + figures + mentions.numbers.len());
    for (n, e) in mentions.entities.into_iter().enumerate() {
        if !filter.types.is_empty() && !filter.types.iter().any(|t| t == e.etype.as_str()) {
            continue;
        }
        rows.push((
            e.start,
            n,
            Row {
                doc: Arc::clone(&doc),
                kind: "entity",
                rtype: Cow::Borrowed(e.etype.as_str()),
                text: s[e.start..e.end].to_string(),
                canonical: Some(e.canonical),
                value: None,
                unit: None,
                metric: None,
                line: text.line_of(e.start) as u64,
                context: context(s, &spaces, e.start, e.end),
                subject: None,
                period: None,
                qualifier: None,
                metric_key: None,
                code: Some(e.code),
                parent: Some(e.parent),
                meta: Arc::clone(&meta),
            },
        ));
    }
    let base = entities;
    for (n, f) in mentions.figures.into_iter().enumerate() {
        rows.push((
            f.start,
            base + n,
            Row {
                doc: Arc::clone(&doc),
                kind: "metric",
                rtype: Cow::Owned(f.class),
                text: s[f.start..f.end].to_string(),
                canonical: None,
                value: Some(f.value),
                unit: Some(f.unit),
                metric: Some(f.metric),
                line: text.line_of(f.start) as u64,
                context: context(s, &spaces, f.start, f.end),
                subject: Some(f.subject),
                period: Some(f.period),
                qualifier: Some(f.qualifier.map_or("", |q| q.as_str())),
                metric_key: Some(f.metric_key),
                code: None,
                parent: None,
                meta: Arc::clone(&meta),
            },
        ));
    }
    let base = base + figures;
    for (n, b) in mentions.numbers.into_iter().enumerate() {
        rows.push((
            b.start,
            base + n,
            Row {
                doc: Arc::clone(&doc),
                kind: "number",
                rtype: Cow::Borrowed("number"),
                text: s[b.start..b.end].to_string(),
                canonical: None,
                value: Some(b.value),
                unit: Some(String::new()),
                metric: None,
                line: text.line_of(b.start) as u64,
                context: context(s, &spaces, b.start, b.end),
                subject: None,
                period: None,
                qualifier: None,
                metric_key: None,
                code: None,
                parent: None,
                meta: Arc::clone(&meta),
            },
        ));
    }
    rows.sort_by_key(|(start, n, _)| (*start, *n));
    rows.into_iter().map(|(_, _, r)| r).collect()
}

/// Up to 20 characters either side of a mention, on one line.
fn context(s: &str, spaces: &Spaces, start: usize, end: usize) -> String {
    const SIDE: usize = 20;
    let from = chars_back(s, start, SIDE);
    let to = chars_forward(s, end, SIDE);
    spaces.one_line(s, from, to)
}

/// Where the whitespace characters of a normalized text start. Normalizing leaves no
/// control character but the line break and no space but U+0020, U+1680 and
/// U+2000..U+205F (it folds the others), so their first bytes are a space, a line break,
/// E1 or E2: memchr finds those in one pass over the document, and a context window
/// with none of them in it (most are) is copied as it stands instead of being read
/// byte by byte.
struct Spaces(Vec<u32>);

impl Spaces {
    fn of(s: &str) -> Spaces {
        let b = s.as_bytes();
        let mut at: Vec<u32> = memchr::memchr3_iter(b' ', b'\n', 0xE2, b)
            .filter(|&i| space_or_control_len(b, i) > 0)
            .map(|i| i as u32)
            .collect();
        // U+1680, the only one starting with E1, is rare: looked for apart, in order.
        if memchr::memchr(0xE1, b).is_some() {
            at.extend(
                memchr::memchr_iter(0xE1, b)
                    .filter(|&i| space_or_control_len(b, i) > 0)
                    .map(|i| i as u32),
            );
            at.sort_unstable();
        }
        Spaces(at)
    }

    /// `s[from..to]` on one line, as [`one_line`] makes it, from the whitespace found.
    fn one_line(&self, s: &str, from: usize, to: usize) -> String {
        let lo = self.0.partition_point(|&p| (p as usize) < from);
        let hi = lo + self.0[lo..].partition_point(|&p| (p as usize) < to);
        let here = &self.0[lo..hi];
        if here.is_empty() {
            return s[from..to].to_string();
        }
        let b = s.as_bytes();
        let mut out = String::with_capacity(to - from);
        let mut copied = from;
        let mut k = 0;
        while k < here.len() {
            let i = here[k] as usize;
            // The run: the whitespace characters that follow each other from here.
            let mut j = i + space_or_control_len(b, i);
            k += 1;
            while k < here.len() && here[k] as usize == j {
                j += space_or_control_len(b, j);
                k += 1;
            }
            let j = j.min(to);
            out.push_str(&s[copied..i]);
            // One space for the run, none at either end.
            if !out.is_empty() && j < to {
                out.push(' ');
            }
            copied = j;
        }
        out.push_str(&s[copied..to]);
        out
    }
}

/// `window` on one line: each run of whitespace and control characters one space, none
/// at either end. The definition, read byte by byte on any text; rows use
/// [`Spaces::one_line`], which gives the same on normalized text.
#[cfg(test)]
fn one_line(window: &str) -> String {
    let b = window.as_bytes();
    let mut out = String::new();
    // b[..copied] is in `out` already, as it goes out.
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if !MAY_START_SPACE[b[i] as usize] {
            i += 1;
            continue;
        }
        let n = space_or_control_len(b, i);
        if n == 0 {
            i += 1;
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(b.len());
        }
        // `copied` and `i` both stand where a character starts.
        out.push_str(&window[copied..i]);
        let mut j = i + n;
        while j < b.len() {
            match space_or_control_len(b, j) {
                0 => break,
                m => j += m,
            }
        }
        // One space for the run, none at either end.
        if !out.is_empty() && j < b.len() {
            out.push(' ');
        }
        copied = j;
        i = j;
    }
    if copied == 0 {
        return window.to_string();
    }
    out.push_str(&window[copied..]);
    out
}

/// The offset `n` characters before `at` (or 0): counted on the bytes, as every
/// character has one byte that is not a continuation byte (`10xxxxxx`). Eight bytes are
/// counted at a time while the place is further back than that.
fn chars_back(s: &str, at: usize, n: usize) -> usize {
    let b = &s.as_bytes()[..at];
    let mut left = n;
    let mut i = at;
    while i >= 8 {
        let starts = char_starts(&b[i - 8..i]);
        if starts >= left {
            break;
        }
        left -= starts;
        i -= 8;
    }
    while i > 0 {
        i -= 1;
        if b[i] & 0xC0 != 0x80 {
            left -= 1;
            if left == 0 {
                return i;
            }
        }
    }
    0
}

/// The offset `n` characters after `at` (or the end of `s`), eight bytes at a time while
/// the place is further on than that.
fn chars_forward(s: &str, at: usize, n: usize) -> usize {
    let b = s.as_bytes();
    let mut seen = 0;
    let mut i = at;
    while i + 8 <= b.len() {
        let starts = char_starts(&b[i..i + 8]);
        if seen + starts > n {
            break;
        }
        seen += starts;
        i += 8;
    }
    for (k, &x) in b[i..].iter().enumerate() {
        if x & 0xC0 != 0x80 {
            if seen == n {
                return i + k;
            }
            seen += 1;
        }
    }
    b.len()
}

/// How many of eight bytes start a character: those that are not `10xxxxxx`.
#[inline]
fn char_starts(eight: &[u8]) -> usize {
    let w = u64::from_le_bytes(<[u8; 8]>::try_from(eight).unwrap_or_default());
    // Bit 7 of each byte whose top bits are 10.
    let continuation = w & !(w << 1) & 0x8080_8080_8080_8080;
    8 - continuation.count_ones() as usize
}

/// The bytes that can start a whitespace or control character (see
/// [`space_or_control_len`]); a Han character's first byte (E4..E9) never does.
#[cfg(test)]
static MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b <= 0x20 || matches!(b, 0x7F | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    t
};

/// The length in bytes of the whitespace or control character that starts at `b[i]`, or
/// 0 when none does. A continuation byte (`10xxxxxx`) starts none.
#[inline]
fn space_or_control_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied();
    match b[i] {
        0..=0x20 | 0x7F => 1,
        // U+0080..U+00A0: C1 controls, NEL and the no-break space.
        0xC2 if at(1).is_some_and(|x| x <= 0xA0) => 2,
        // U+1680, the ogham space mark.
        0xE1 if at(1) == Some(0x9A) && at(2) == Some(0x80) => 3,
        // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F.
        0xE2 => match (at(1), at(2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        // U+3000, the ideographic space.
        0xE3 if at(1) == Some(0x80) && at(2) == Some(0x80) => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_classes() {
        const CASES: &[(&str, &str)] = &[
            ("CNY", "money"),
            ("KRW", "money"),
            ("%", "percent"),
            ("pp", "percent"),
            ("x", "multiple"),
            ("kWh", "energy"),
            ("家", "count"),
            ("人次", "count"),
            ("GHz", "other"),
            ("ratio", "ratio"),
        ];
        for (u, c) in CASES {
            assert_eq!(unit_class(u), *c, "{u}");
        }
    }

    #[test]
    fn space_or_control_by_bytes_agrees_with_char() {
        // Every character of the first two planes, alone and between two Han characters.
        for cp in 0..0x2_0000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let want = c.is_whitespace() || c.is_control();
            let alone = c.to_string();
            let found = |b: &[u8]| {
                (0..b.len())
                    .any(|i| MAY_START_SPACE[b[i] as usize] && space_or_control_len(b, i) > 0)
            };
            assert_eq!(found(alone.as_bytes()), want, "U+{cp:04X}");
            let framed = format!("中{c}文");
            assert_eq!(found(framed.as_bytes()), want, "U+{cp:04X}");
            if want {
                assert_eq!(
                    space_or_control_len(alone.as_bytes(), 0),
                    alone.len(),
                    "U+{cp:04X}"
                );
            }
        }
    }

    #[test]
    fn character_walks_agree_with_char_indices() {
        let s = "a中文b😀,é 12亿元\n末";
        let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        for &at in &starts {
            for n in 1..=12 {
                let back = s[..at]
                    .char_indices()
                    .rev()
                    .nth(n - 1)
                    .map_or(0, |(i, _)| i);
                let fwd = s[at..]
                    .char_indices()
                    .nth(n)
                    .map_or(s.len(), |(i, _)| at + i);
                assert_eq!(chars_back(s, at, n), back, "back {n} from {at}");
                assert_eq!(chars_forward(s, at, n), fwd, "forward {n} from {at}");
            }
        }
    }

    #[test]
    fn one_line_by_bytes_agrees_with_chars() {
        fn by_chars(w: &str) -> String {
            let mut out = String::new();
            let mut last_space = false;
            for c in w.chars() {
                let c = if c.is_whitespace() || c.is_control() {
                    ' '
                } else {
                    c
                };
                if c == ' ' && last_space {
                    continue;
                }
                last_space = c == ' ';
                out.push(c);
            }
            out.trim().to_string()
        }
        let pieces = [
            "", " ", "  ", "\n", "\t\r\n", "\u{3000}", "\u{a0}", "\u{85}", "\u{1680}", "\u{2009}",
            "\u{2028}", "\u{205f}", "\u{7f}", "\u{9b}", "中", "文", "a", "1", "\u{2010}", "\u{a9}",
            "😀", "é",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let w = format!("{a}{b}x{c}{a}");
                    assert_eq!(one_line(&w), by_chars(&w), "{w:?}");
                }
            }
        }
    }

    #[test]
    fn character_steps_as_one_at_a_time() {
        fn back_one_by_one(s: &str, at: usize, n: usize) -> usize {
            s[..at]
                .char_indices()
                .rev()
                .nth(n - 1)
                .map_or(0, |(i, _)| i)
        }
        fn forward_one_by_one(s: &str, at: usize, n: usize) -> usize {
            s[at..]
                .char_indices()
                .nth(n)
                .map_or(s.len(), |(i, _)| at + i)
        }
        let texts = [
            "",
            "a",
            "阿里云全年营收601.2亿元, 同比增长50%。",
            "PUE 1.09 and 7000万度 of electricity saved 𝄞𝄞 ok",
            "。。。。。。。。。。。。。。。。。。。。。。。。。。。。",
            "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
        ];
        for t in texts {
            for (at, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
                for n in [1, 2, 7, 8, 9, 20, 64] {
                    assert_eq!(
                        chars_back(t, at, n),
                        back_one_by_one(t, at, n),
                        "{t:?} {at} {n}"
                    );
                }
                for n in [0, 1, 7, 8, 9, 20, 64] {
                    let got = chars_forward(t, at, n);
                    assert_eq!(got, forward_one_by_one(t, at, n), "{t:?} {at} {n}");
                }
            }
        }
    }

    #[test]
    fn normalized_text_has_whitespace_only_where_spaces_look() {
        // What `Spaces` relies on, for every character of the plane.
        let mut doc = String::new();
        for cp in 0..=0xFFFFu32 {
            if let Some(c) = char::from_u32(cp) {
                doc.push(c);
                doc.push('文');
            }
        }
        let text = crate::text::normalize::normalize(&doc);
        let b = text.as_str().as_bytes();
        for i in 0..b.len() {
            if MAY_START_SPACE[b[i] as usize] && space_or_control_len(b, i) > 0 {
                assert!(matches!(b[i], b' ' | b'\n' | 0xE1 | 0xE2), "{:?}", &b[i..]);
            }
        }
    }

    #[test]
    fn spaces_give_the_one_line_of_every_window() {
        let sources = [
            "第一行\n阿里云\n第三行",
            "  Asahi Linux 在 Apple M1 下运行首个三角形渲染  整理\n\n\n",
            "“引号”里 有\u{3000}全角空格\t制表符\r回车\u{2003}em空格\u{1680}ogham\u{00A0}nbsp",
            "a\u{2028}b\u{2029}c\u{202F}d\u{205F}e\u{200B}f \u{85} g\u{7F}h\u{1}i",
            "",
            " ",
        ];
        for source in sources {
            let text = crate::text::normalize::normalize(source);
            let s = text.as_str();
            let spaces = Spaces::of(s);
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            for (x, &from) in bounds.iter().enumerate() {
                for &to in &bounds[x..] {
                    assert_eq!(
                        spaces.one_line(s, from, to),
                        one_line(&s[from..to]),
                        "{s:?} {from}..{to}"
                    );
                }
            }
        }
    }

    #[test]
    fn context_is_one_line() {
        let s = "第一行\n阿里云\n第三行";
        assert_eq!(
            context(s, &Spaces::of(s), "第一行\n".len(), "第一行\n阿里云".len()),
            "第一行 阿里云 第三行"
        );
    }
}
