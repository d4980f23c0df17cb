//! Properties of normalization and of the whole pipeline, over generated input.
//!
//! The generators mix pieces of real articles (names from the dictionaries, numbers in
//! every notation, units, markup, front matter fences, URLs, entities, control and
//! full-width characters) with arbitrary characters or bytes, so that most cases give
//! rows and reach the extractors' edges, not only the decoder's. Each property runs
//! 10,000 cases.

use proptest::prelude::*;
use proptest::test_runner::Config;

use tiqu::text::normalize::{fold_str, normalize};

use crate::util::pipeline;

const CASES: u32 = 10_000;

fn config() -> Config {
    Config {
        cases: CASES,
        ..Config::default()
    }
}

/// Pieces of plain text: no markup in them.
const PLAIN: &[&str] = &[
    "阿里云",
    "阿里巴巴",
    "阿里",
    "腾讯",
    "广东",
    "杭州",
    "杭州市",
    "浙江",
    "中国",
    "珠三角",
    "张涛",
    "表示",
    "董事长",
    "飞天",
    "PolarDB",
    "SAP",
    "IDC",
    "营收",
    "全年",
    "同比增长",
    "净利润",
    "PUE",
    "省电",
    "约",
    "近",
    "超过",
    "以上",
    "截至",
    "2021年",
    "2021财年",
    "12月10日",
    "第57名",
    "倚天710",
    "601.2",
    "601．2",
    "１２",
    "0",
    "1",
    "9",
    "2",
    "2000",
    "1.09",
    "两千",
    "十二",
    "百分之五十",
    "三点五",
    "〇",
    "亿",
    "万",
    "万亿",
    "千万",
    "元",
    "亿元",
    "美元",
    "%",
    "％",
    "个百分点",
    "倍",
    "家",
    "个",
    "度",
    "万度",
    "千瓦时",
    "平方公里",
    "亩",
    "吨",
    "GB",
    "年",
    "小时",
    "成",
    "至",
    "-",
    "~",
    "、",
    "，",
    "。",
    "：",
    ",",
    ".",
    "(",
    ")",
    "“",
    "”",
    " ",
    "\n",
    "\r\n",
    "\t",
    "\u{3000}",
    "\u{A0}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{1b}",
    "\u{7}",
    "\u{7f}",
    "\u{FFFD}",
    "ＰＵＥ",
    "#",
    "*",
    "**",
    "!",
    ":",
    "title:",
    "'",
];

/// Pieces of markup and the things normalization removes or rewrites.
const MARKUP: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"a>b\">",
    "</div>",
    "<br/>",
    "<span>",
    "</span>",
    "<a href=\"",
    "\">",
    "</a>",
    "<img src=\"1639130914.png\" alt=\"图\">",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<title>",
    "</title>",
    "<meta charset=\"gbk\">",
    "<",
    ">",
    "&amp;",
    "&nbsp;",
    "&#20013;",
    "&#x4e2d;",
    "&copy",
    "&bogus;",
    "&#0;",
    "&#x110000;",
    "&",
    "---\n",
    "\n---\n",
    "...\n",
    "title: '",
    "date: 2021\n",
    "http://a.b/2021/10.html",
    "https://x.y/?q=1亿",
    "www.example.com/5G",
    "[阿里云](http://x/1)",
    "![图](a.png)",
    "[",
    "]",
    "](",
    "ｈｔｔｐ：／／ｘ",
    "＜ｐ＞",
    "＆ａｍｐ；",
];

fn piece(set: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(set).prop_map(str::to_string)
}

/// Plain text: article pieces and arbitrary characters.
fn plain_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![4 => piece(PLAIN), 1 => any::<char>().prop_map(String::from)],
        0..48,
    )
    .prop_map(|v| v.concat())
}

/// Anything a document may hold: plain pieces, markup, arbitrary characters.
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => piece(PLAIN),
            3 => piece(MARKUP),
            1 => any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// Bytes: a document in some encoding, with arbitrary bytes spliced in, or just bytes.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let encoded = (document(), 0..6usize).prop_map(|(doc, enc)| match enc {
        0 => doc.into_bytes(),
        1 => encoding_rs::GBK.encode(&doc).0.into_owned(),
        2 => encoding_rs::BIG5.encode(&doc).0.into_owned(),
        3 => doc.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        4 => doc.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        _ => {
            let mut b = vec![0xFF, 0xFE];
            b.extend(doc.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }
    });
    prop_oneof![
        3 => (encoded, prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4))
            .prop_map(|(mut b, splices)| {
                for (at, byte) in splices {
                    let at = at.index(b.len() + 1);
                    b.insert(at, byte);
                }
                b
            }),
        1 => prop::collection::vec(any::<u8>(), 0..512),
    ]
}

/// Text with no markup once read as ASCII: no `<`, `&` or `[`, no URL, no front matter.
fn is_plain(s: &str) -> bool {
    let folded = fold_str(s);
    let lower = folded.to_ascii_lowercase();
    !folded.contains(['<', '&', '['])
        && !lower.contains("http://")
        && !lower.contains("https://")
        && !lower.contains("www.")
        && folded.lines().find(|l| !l.trim().is_empty()).map(str::trim) != Some("---")
}

proptest! {
    #![proptest_config(config())]

    /// Normalization is idempotent on plain text: for any `x` without markup (see
    /// [`is_plain`]), `normalize(normalize(x)) == normalize(x)`. (It is not idempotent
    /// on markup: `&amp;lt;` gives `&lt;` and then `<`, `ｈｔｔｐ：／／` folds into a URL
    /// that the second pass drops.)
    #[test]
    fn normalize_is_idempotent_on_plain_text(x in plain_text().prop_filter("plain", |x| is_plain(x))) {
        let once = normalize(&x);
        let twice = normalize(once.as_str());
        prop_assert_eq!(twice.as_str(), once.as_str());
        // And it only maps characters one by one: it never adds any.
        prop_assert!(once.as_str().chars().count() <= x.chars().count());
    }

    /// Every character of the normalized text maps to a position in the source, in
    /// order, and its line is a line of the source.
    #[test]
    fn the_offset_map_stays_inside_the_source(x in document()) {
        let text = normalize(&x);
        let lines = x.split('\n').count();
        let mut last = 0;
        for (pos, _) in text.as_str().char_indices() {
            let off = text.source_offset(pos);
            // A line break for a block tag at the very end maps to one past the end.
            prop_assert!(off <= x.len(), "offset {} of {} bytes", off, x.len());
            prop_assert!(off >= last, "offsets go back: {} after {}", off, last);
            last = off;
            prop_assert!((1..=lines).contains(&text.line_of(pos)));
        }
    }

    /// Every row's `line` is a line of the input (1 ..= its number of lines).
    #[test]
    fn every_line_is_a_line_of_the_input(x in document()) {
        let lines = x.split('\n').count() as u64;
        for row in pipeline().process_text("p", &x) {
            prop_assert!((1..=lines).contains(&row.line), "line {} of {} in {:?}", row.line, lines, row);
        }
    }

    /// Every row's `text` stands in the normalized document, and its `context` around it.
    #[test]
    fn every_text_is_in_the_normalized_document(x in document()) {
        let text = normalize(&x);
        for row in pipeline().process_text("p", &x) {
            prop_assert!(!row.text.is_empty());
            prop_assert!(text.as_str().contains(&row.text), "{:?} not in {:?}", row.text, text.as_str());
            prop_assert!(!row.context.chars().any(char::is_control), "context {:?}", row.context);
        }
    }

    /// A metric's `value` is a finite number; an entity has none.
    #[test]
    fn every_value_is_finite(x in document()) {
        for row in pipeline().process_text("p", &x) {
            match row.kind {
                "metric" | "number" => {
                    let v = row.value.expect("a metric has a value");
                    prop_assert!(v.is_finite(), "{:?}", row);
                }
                _ => prop_assert_eq!(row.value, None),
            }
        }
    }

    /// The same bytes, rows and messages alike, whatever the thread count: a few
    /// generated documents (some of them raw bytes) run on one thread and on three.
    #[test]
    fn output_does_not_depend_on_the_thread_count(
        docs in prop::collection::vec(document(), 1..5),
        raw in bytes(),
    ) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (n, d) in docs.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{n:02}.md")), d).expect("write");
        }
        std::fs::write(dir.path().join("raw.txt"), &raw).expect("write");
        let run = |threads: usize| {
            let opts = tiqu::run::RunOptions {
                pipeline: pipeline(),
                input: tiqu::run::InputFormat::Documents,
                encoding: None,
                encoder: tiqu::sink::Encoder::new(
                    tiqu::sink::Format::Jsonl,
                    tiqu::row::Field::ALL.to_vec(),
                ),
                bom: false,
                threads,
                blocks: tiqu::blocks::BlockOptions::default(),
                limits: tiqu::run::Limits::for_threads(threads),
            };
            let items = tiqu::input::walk(&[dir.path()]).items;
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let ok = tiqu::run::run(&opts, items, &mut out, &mut err).expect("run");
            (out, err, ok)
        };
        let one = run(1);
        prop_assert!(one.2);
        prop_assert!(one == run(3), "one thread and three differ");
    }

    /// The pipeline never panics on arbitrary bytes, and its rows keep the contract.
    #[test]
    fn the_pipeline_never_panics_on_bytes(b in bytes()) {
        let out = pipeline().process_bytes("p", &b, None);
        let decoded = tiqu::text::decode::decode(&b, None);
        let lines = decoded.text.split('\n').count() as u64;
        for row in &out.rows {
            prop_assert!((1..=lines).contains(&row.line));
            prop_assert!(row.value.is_none_or(f64::is_finite));
        }
        prop_assert_eq!(out.warnings.iter().any(|w| w.contains("malformed")), decoded.malformed > 0);
    }
}

/// Keys and texts over a few characters (one of them above U+FFFF), so that forms
/// share prefixes, nest and run into each other.
fn few_chars(max: usize, chars: &[char]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(chars.to_vec()), 0..max)
        .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(config())]

    /// The lexicon's trie finds what a leftmost-longest Aho-Corasick automaton over the
    /// same (lower-case) keys finds in the lower-cased text, in the same order.
    #[test]
    fn the_trie_matches_as_an_automaton_does(
        keys in prop::collection::vec(few_chars(5, &['阿', '里', '云', 'a', 'b', '𠀋']), 1..12),
        text in few_chars(40, &['阿', '里', '云', 'a', 'b', 'A', 'B', '𠀋']),
    ) {
        let mut keyed: Vec<(String, u32)> = Vec::new();
        for k in keys {
            if !k.is_empty() && !keyed.iter().any(|(x, _)| *x == k) {
                let v = keyed.len() as u32;
                keyed.push((k, v));
            }
        }
        prop_assume!(!keyed.is_empty());
        let trie = tiqu::dict::trie::PairTrie::new(&keyed);
        let automaton = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build_with_values(keyed.clone())
            .unwrap();
        let mut found = Vec::new();
        trie.for_each_match(&text, |s, e, v| found.push((s, e, v)));
        let want: Vec<(usize, usize, u32)> = automaton
            .leftmost_find_iter(text.to_ascii_lowercase())
            .map(|m| (m.start(), m.end(), m.value()))
            .collect();
        prop_assert_eq!(found, want);
        // And the same after the trip through bytes that build.rs's trie takes.
        let read = tiqu::dict::trie::PairTrie::from_bytes(&trie.to_bytes());
        prop_assert_eq!(read.as_ref(), Some(&trie));
    }
}

/// Where idempotence stops: markup that a first pass turns into markup.
#[test]
fn normalize_is_not_idempotent_on_markup() {
    const CASES: &[(&str, &str, &str)] = &[
        // (input, once, twice)
        ("&amp;lt;", "&lt;", "<"),
        ("ｈｔｔｐ：／／ｘ 文", "http://x 文", " 文"),
        ("＆ａｍｐ；", "&amp;", "&"),
    ];
    for &(input, once, twice) in CASES {
        let first = normalize(input);
        assert_eq!(first.as_str(), once, "{input}");
        assert_eq!(normalize(first.as_str()).as_str(), twice, "{input}");
    }
}
