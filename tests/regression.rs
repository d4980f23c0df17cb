//! Inputs that once broke something, end to end, each with what went wrong.

use crate::util::{assert_sentence_rows, Dir, SENTENCE};

/// UTF-16BE without a BOM was turned away as "not text (binary data)", status 1:
/// 一 (U+4E00) puts a NUL in the low byte, so both byte positions held NULs.
#[test]
fn utf16be_with_yi_is_text() {
    let dir = Dir::new();
    let text = format!("<p>一是一，二是二。{SENTENCE}</p>\n");
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    dir.create("a.txt", bytes);
    let out = dir.command().args(["--format", "jsonl", "a.txt"]).run();
    out.expect_code(0);
    assert_eq!(out.stderr, "");
    assert_sentence_rows(&out.rows().iter().collect::<Vec<_>>(), "a.txt");
}

/// A GBK file whose last character was cut came out as windows-1252 mojibake, with no
/// warning and without its rows: the detector was told the 64 KiB prefix was the end.
#[test]
fn gbk_with_its_last_character_cut() {
    let dir = Dir::new();
    let text = format!("{SENTENCE}广");
    let bytes = encoding_rs::GBK.encode(&text).0.into_owned();
    dir.create("a.txt", &bytes[..bytes.len() - 1]);
    let out = dir.command().args(["--format", "jsonl", "a.txt"]).run();
    out.expect_code(0);
    assert_eq!(
        out.stderr,
        "tiqu: a.txt: 1 malformed byte sequence replaced (read as GBK)\n"
    );
    assert_sentence_rows(&out.rows().iter().collect::<Vec<_>>(), "a.txt");
}
