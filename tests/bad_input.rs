//! Inputs that are empty, not text, broken, huge or hostile, each beside a good file.
//!
//! The SPEC's rules: a file that cannot be read or is not text (named on the command
//! line) is named on stderr with the reason and makes the status 1; a document with
//! malformed bytes is read anyway, with a warning giving the count, status unchanged;
//! a binary file met while walking a directory is skipped with a one-line note; bad
//! usage is status 2. In every case the good file's rows are all still written.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value;

use crate::util::{assert_sentence_rows, rows_of, s, Dir, Output, SENTENCE};

/// Run `--format jsonl` on `bad` (a path in `dir`) and on `good.txt` holding
/// [`SENTENCE`], in that order; check the good file's rows and return the run.
fn beside_good(dir: &Dir, bad: &str) -> Output {
    dir.create("good.txt", SENTENCE);
    let out = dir
        .command()
        .args(["--format", "jsonl", bad, "good.txt"])
        .run();
    let rows = out.rows();
    assert_sentence_rows(&rows_of(&rows, "good.txt"), "good.txt");
    out
}

/// The rows of one document only.
fn doc_rows(out: &Output, doc: &str) -> Vec<Value> {
    out.rows().into_iter().filter(|r| r["doc"] == doc).collect()
}

/// Inputs with no text at all: read, no rows, no error; only a note names them.
#[test]
fn documents_without_text_are_read_and_give_no_rows() {
    const CASES: &[(&str, &str)] = &[
        ("empty", ""),
        ("whitespace only", " \n\t\r\n\u{3000}\n  "),
        (
            "only tags",
            "<html><head></head><body><div><p></p><br/></div></body></html>",
        ),
        ("only front matter", "---\ndate: 2021-12-10\n---\n"),
    ];
    for (name, contents) in CASES {
        let dir = Dir::new();
        dir.create("bad.txt", contents);
        let out = beside_good(&dir, "bad.txt");
        out.expect_code(0);
        assert!(doc_rows(&out, "bad.txt").is_empty(), "{name}");
        assert_eq!(
            out.stderr, "tiqu: bad.txt: no text (empty, whitespace or markup only)\n",
            "{name}"
        );
    }
}

/// An input with no text is named on stderr with the reason; the status stays 0.
#[test]
fn documents_without_text_are_noted() {
    for contents in ["", " \n\t\n", "<div><p></p></div>"] {
        let dir = Dir::new();
        dir.create("bad.txt", contents);
        let out = beside_good(&dir, "bad.txt");
        out.expect_code(0);
        assert!(
            out.stderr.lines().any(|l| l.starts_with("tiqu: bad.txt: ")),
            "{contents:?}: {}",
            out.stderr
        );
    }
}

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

#[test]
fn a_png_named_on_the_command_line_is_an_error() {
    let dir = Dir::new();
    dir.create("image.png", PNG);
    let out = beside_good(&dir, "image.png");
    out.expect_code(1);
    eqnice!(
        vec!["tiqu: image.png: not text (a PNG image)"],
        out.stderr_lines()
    );
    assert!(doc_rows(&out, "image.png").is_empty());
}

#[test]
fn a_png_met_while_walking_is_skipped_with_a_note() {
    let dir = Dir::new();
    dir.create("d/image.png", PNG);
    dir.create(
        "d/a.out",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00",
    );
    dir.create("d/good.txt", SENTENCE);
    let out = dir.command().args(["--format", "jsonl", "d"]).run();
    out.expect_code(0);
    eqnice!(
        vec![
            "tiqu: d/a.out: skipped, an executable",
            "tiqu: d/image.png: skipped, a PNG image",
        ],
        out.stderr_lines()
    );
    assert_sentence_rows(&out.rows().iter().collect::<Vec<_>>(), "d/good.txt");
}

/// A directory where a file is expected is walked.
#[test]
fn a_directory_in_place_of_a_file_is_walked() {
    let dir = Dir::new();
    dir.create("article.txt/inside.txt", SENTENCE);
    let out = beside_good(&dir, "article.txt");
    out.expect_code(0);
    assert_sentence_rows(
        &out.rows().iter().collect::<Vec<_>>(),
        "article.txt/inside.txt",
    );
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_an_error() {
    let dir = Dir::new();
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("link.txt")).unwrap();
    let out = beside_good(&dir, "link.txt");
    out.expect_code(1);
    eqnice!(
        vec!["tiqu: link.txt: dangling symbolic link"],
        out.stderr_lines()
    );
    // Met while walking, it is an input that could not be read too.
    dir.create("d/good.txt", SENTENCE);
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("d/link.txt")).unwrap();
    let out = dir.command().args(["--format", "jsonl", "d"]).run();
    out.expect_code(1);
    eqnice!(
        vec!["tiqu: d/link.txt: dangling symbolic link"],
        out.stderr_lines()
    );
    assert_sentence_rows(&out.rows().iter().collect::<Vec<_>>(), "d/good.txt");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_error() {
    let dir = Dir::new();
    std::os::unix::fs::symlink("b.txt", dir.path().join("a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", dir.path().join("b.txt")).unwrap();
    let out = beside_good(&dir, "a.txt");
    out.expect_code(1);
    eqnice!(
        vec!["tiqu: a.txt: too many levels of symbolic links"],
        out.stderr_lines()
    );
    // A directory that links back to its parent is walked once.
    dir.create("d/good.txt", SENTENCE);
    std::os::unix::fs::symlink("..", dir.path().join("d/up")).unwrap();
    let out = dir.command().args(["--format", "jsonl", "d"]).run();
    out.expect_code(1);
    eqnice!(vec!["tiqu: d/up: symbolic link loop"], out.stderr_lines());
    let rows = out.rows();
    assert_sentence_rows(&rows.iter().collect::<Vec<_>>(), "d/good.txt");
    assert!(rows.iter().all(|r| r["doc"] == "d/good.txt"), "{rows:#?}");
    let revenue = rows.iter().filter(|r| s(r, "text") == "601.2亿元").count();
    assert_eq!(revenue, 1, "the file is read once");
}

/// A file whose name is not UTF-8, found by walking: read, `doc` written lossily.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_inside_a_directory() {
    use std::os::unix::ffi::OsStrExt;
    let dir = Dir::new();
    let name = std::ffi::OsStr::from_bytes(b"d/\xff\xfename.txt");
    dir.create(name, SENTENCE);
    let out = dir.command().args(["--format", "jsonl", "d"]).run();
    out.expect_code(0);
    assert_sentence_rows(
        &out.rows().iter().collect::<Vec<_>>(),
        "d/\u{FFFD}\u{FFFD}name.txt",
    );
}

/// The same file named on the command line: read like any other, its name shown with
/// U+FFFD where its bytes are not text.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_on_the_command_line() {
    use std::os::unix::ffi::OsStrExt;
    let dir = Dir::new();
    let name = std::ffi::OsStr::from_bytes(b"\xff\xfename.txt");
    dir.create(name, SENTENCE);
    dir.create("good.txt", SENTENCE);
    let out = dir
        .command()
        .args(["--format", "jsonl"])
        .arg(name)
        .arg("good.txt")
        .run();
    out.expect_code(0);
    assert_sentence_rows(
        &out.rows().iter().collect::<Vec<_>>(),
        "\u{FFFD}\u{FFFD}name.txt",
    );
}

#[test]
fn invalid_utf8_inside_an_article_is_a_warning() {
    let dir = Dir::new();
    let mut bytes = format!("{SENTENCE}\n第二段：").into_bytes();
    // Three sequences: two bytes that never start a character, and a lead byte cut off.
    bytes.extend_from_slice(b"\xff\xfe\xc3");
    bytes.extend_from_slice(format!("\n{SENTENCE}\n").as_bytes());
    dir.create("bad.txt", &bytes);
    let out = beside_good(&dir, "bad.txt");
    out.expect_code(0);
    eqnice!(
        vec!["tiqu: bad.txt: 3 malformed byte sequences replaced (read as UTF-8)"],
        out.stderr_lines()
    );
    let rows = doc_rows(&out, "bad.txt");
    assert_sentence_rows(&rows.iter().collect::<Vec<_>>(), "bad.txt");
    assert_eq!(
        rows.iter().filter(|r| s(r, "text") == "601.2亿元").count(),
        2
    );
    assert!(
        rows.iter().any(|r| r["line"] == 3),
        "the line after the bad bytes"
    );
}

#[test]
fn gbk_cut_inside_a_character() {
    let dir = Dir::new();
    let text = format!("{SENTENCE}\n{SENTENCE}广");
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let cut = &bytes[..bytes.len() - 1];
    dir.create("bad.txt", cut);
    let out = beside_good(&dir, "bad.txt");
    out.expect_code(0);
    eqnice!(
        vec!["tiqu: bad.txt: 1 malformed byte sequence replaced (read as GBK)"],
        out.stderr_lines()
    );
    let rows = doc_rows(&out, "bad.txt");
    assert_sentence_rows(&rows.iter().collect::<Vec<_>>(), "bad.txt");
    assert!(rows.iter().any(|r| r["line"] == 2));
}

/// GB18030's four-byte sequences (a character outside GBK) read without a warning.
#[test]
fn gb18030_four_byte_sequences() {
    let dir = Dir::new();
    let text = format!("𠀀{SENTENCE}€");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    assert!(bytes.len() > encoding_rs::GBK.encode(SENTENCE).0.len() + 4);
    dir.create("bad.txt", &bytes);
    let out = beside_good(&dir, "bad.txt");
    out.expect_code(0);
    assert_eq!(out.stderr, "");
    assert_sentence_rows(
        &doc_rows(&out, "bad.txt").iter().collect::<Vec<_>>(),
        "bad.txt",
    );
}

#[test]
fn utf16_without_a_bom() {
    let text = format!("<p>{SENTENCE}</p>\n<p>一是一，二是二。{SENTENCE}</p>\n");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [("le", le), ("be", be)] {
        let dir = Dir::new();
        dir.create("bad.txt", &bytes);
        let out = beside_good(&dir, "bad.txt");
        out.expect_code(0);
        assert_eq!(out.stderr, "", "{name}");
        let rows = doc_rows(&out, "bad.txt");
        assert_sentence_rows(&rows.iter().collect::<Vec<_>>(), "bad.txt");
        assert!(rows.iter().any(|r| r["line"] == 2), "{name}");
    }
}

/// `<meta charset>` that names the wrong encoding, both ways round.
#[test]
fn a_meta_charset_that_lies() {
    let page = |charset: &str| {
        format!(
            "<html><head><meta charset=\"{charset}\"><title>标题</title></head>\n<body><p>{SENTENCE}</p></body></html>"
        )
    };
    let cases: [(&str, Vec<u8>); 3] = [
        (
            "says big5, is GBK",
            encoding_rs::GBK.encode(&page("big5")).0.into_owned(),
        ),
        ("says gbk, is UTF-8", page("gbk").into_bytes()),
        (
            "http-equiv says utf-8, is GBK",
            encoding_rs::GBK
                .encode(&page("utf-8").replace(
                    "<meta charset=\"utf-8\">",
                    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">",
                ))
                .0
                .into_owned(),
        ),
    ];
    for (name, bytes) in cases {
        let dir = Dir::new();
        dir.create("bad.html", &bytes);
        let out = beside_good(&dir, "bad.html");
        out.expect_code(0);
        assert_eq!(out.stderr, "", "{name}");
        assert_sentence_rows(
            &doc_rows(&out, "bad.html").iter().collect::<Vec<_>>(),
            "bad.html",
        );
    }
}

/// Size of the generated huge inputs: 50 MB, or 4 MB in a debug build (about ten times
/// slower), so that the test stays under ten seconds either way.
fn huge() -> usize {
    if cfg!(debug_assertions) {
        4 << 20
    } else {
        50 << 20
    }
}

/// A file of one huge line: the sentence at both ends, plain words between.
#[test]
fn a_huge_file_on_one_line() {
    let dir = Dir::new();
    let filler = "数据中心建设持续推进，";
    let mut text = String::with_capacity(huge() + 2 * SENTENCE.len());
    text.push_str(SENTENCE);
    while text.len() < huge() {
        text.push_str(filler);
    }
    text.push_str(SENTENCE);
    dir.create("bad.txt", &text);
    drop(text);
    let out = beside_good(&dir, "bad.txt");
    out.expect_code(0);
    let rows = doc_rows(&out, "bad.txt");
    assert!(rows.iter().all(|r| r["line"] == 1));
    assert_eq!(
        rows.iter().filter(|r| s(r, "text") == "601.2亿元").count(),
        2,
        "the figure at the start and at the end"
    );
}

/// The same size, but the whole line is mentions and figures.
#[test]
fn a_huge_file_on_one_line_full_of_mentions() {
    let dir = Dir::new();
    let copies = huge() / SENTENCE.len();
    dir.create("bad.txt", SENTENCE.repeat(copies));
    let out = beside_good(&dir, "bad.txt");
    out.expect_code(0);
    let rows = doc_rows(&out, "bad.txt");
    assert_eq!(
        rows.iter().filter(|r| s(r, "text") == "601.2亿元").count(),
        copies
    );
}

#[test]
fn html_nested_a_hundred_thousand_deep() {
    let dir = Dir::new();
    let depth = 100_000;
    let mut page = String::new();
    for n in 0..depth {
        page.push_str(if n % 2 == 0 {
            "<div>"
        } else {
            "<span class=\"x\">"
        });
    }
    page.push_str(SENTENCE);
    for n in (0..depth).rev() {
        page.push_str(if n % 2 == 0 { "</div>" } else { "</span>" });
    }
    dir.create("bad.html", page);
    let out = beside_good(&dir, "bad.html");
    out.expect_code(0);
    assert_sentence_rows(
        &doc_rows(&out, "bad.html").iter().collect::<Vec<_>>(),
        "bad.html",
    );
}

/// What an unterminated comment or `<script>` holds is not text, up to the end.
#[test]
fn unterminated_comment_or_script() {
    for open in [
        "<!-- 营收9亿元 ",
        "<script>var s = '营收9亿元';",
        "<style>p{}",
        "<p title=\"营收9亿元",
    ] {
        let dir = Dir::new();
        dir.create(
            "bad.html",
            format!("<p>{SENTENCE}</p>\n{open}{}", "x ".repeat(1000)),
        );
        let out = beside_good(&dir, "bad.html");
        out.expect_code(0);
        let rows = doc_rows(&out, "bad.html");
        assert_sentence_rows(&rows.iter().collect::<Vec<_>>(), "bad.html");
        assert!(
            !rows.iter().any(|r| s(r, "text") == "9亿元"),
            "{open}: {rows:#?}"
        );
    }
}

/// A metric row's value is a JSON number, never null (inf or NaN would be null).
fn assert_values_finite(rows: &[Value]) {
    for r in rows {
        if s(r, "kind") == "metric" {
            let v = r["value"].as_f64();
            assert!(v.is_some_and(f64::is_finite), "value of {r}");
        }
    }
}

#[test]
fn a_number_with_400_digits() {
    let digits = "9".repeat(400);
    let inputs = [
        format!("营收{digits}亿元。"),
        format!("增长{digits}.{digits}%，共{digits}家企业，"),
        format!("０．{}１元，{digits}e308吨", "0".repeat(400)),
        format!("{}亿元", "一".repeat(400)),
    ];
    for text in inputs {
        let dir = Dir::new();
        dir.create("bad.txt", format!("{text}\n{SENTENCE}"));
        let out = beside_good(&dir, "bad.txt");
        out.expect_code(0);
        let rows = doc_rows(&out, "bad.txt");
        assert_values_finite(&rows);
        assert_sentence_rows(&rows.iter().collect::<Vec<_>>(), "bad.txt");
    }
}

#[test]
fn ten_thousand_percent_signs() {
    let dir = Dir::new();
    let text = format!(
        "{}{SENTENCE}{}50{}",
        "%".repeat(10_000),
        "％".repeat(10_000),
        "%".repeat(10_000),
    );
    dir.create("bad.txt", text);
    let out = beside_good(&dir, "bad.txt");
    out.expect_code(0);
    let rows = doc_rows(&out, "bad.txt");
    assert_values_finite(&rows);
    assert_sentence_rows(&rows.iter().collect::<Vec<_>>(), "bad.txt");
}

/// 百分之 ten thousand times reads as 5,000 figures 百分之百 (100%) in one clause.
#[test]
fn ten_thousand_baifenzhi() {
    let dir = Dir::new();
    dir.create("bad.txt", format!("{}{SENTENCE}", "百分之".repeat(10_000)));
    let out = beside_good(&dir, "bad.txt");
    out.expect_code(0);
    let rows = doc_rows(&out, "bad.txt");
    assert_values_finite(&rows);
    assert!(!rows.iter().any(|r| s(r, "metric") == "分之"));
}

/// One row per mention, however many.
fn repeated_word(times: usize) {
    let dir = Dir::new();
    dir.create("bad.txt", "阿里云".repeat(times));
    let out = beside_good(&dir, "bad.txt");
    out.expect_code(0);
    let rows = doc_rows(&out, "bad.txt");
    assert_eq!(rows.len(), times);
    assert!(rows.iter().all(|r| s(r, "canonical") == "阿里云"));
}

#[test]
fn a_dictionary_word_repeated_twenty_thousand_times() {
    repeated_word(20_000);
}

/// A million mentions in one document.
#[test]
fn a_dictionary_word_repeated_a_million_times() {
    repeated_word(if cfg!(debug_assertions) {
        100_000
    } else {
        1_000_000
    });
}

/// `tiqu dir | head -n 1`: the reader goes away; tiqu ends quietly.
#[test]
fn stdout_closed_early() {
    let dir = Dir::new();
    let seed = crate::util::fixture("seeds/000_863d71056fe8c9f4.txt");
    for n in 0..40 {
        dir.create(format!("d/{n:02}.txt"), &seed);
    }
    for format in ["csv", "jsonl", "json"] {
        let mut cmd = dir.command().args(["--format", format, "d"]).into_command();
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert!(!line.is_empty());
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            let ok = out.status.code() == Some(0) || out.status.signal() == Some(13);
            assert!(ok, "{format}: {:?}, stderr: {stderr}", out.status);
        }
        #[cfg(not(unix))]
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
    }
}

#[test]
fn empty_stdin() {
    let dir = Dir::new();
    const HEADER: &str = "doc,kind,type,text,canonical,value,unit,metric,line,context,subject,period,qualifier,metric_key,code,parent\n";
    for (format, want) in [("csv", HEADER), ("jsonl", ""), ("json", "[]\n")] {
        let out = dir.command().args(["--format", format]).stdin("").run();
        out.expect_code(0);
        assert_eq!(out.stdout, want, "{format}");
        assert_eq!(
            out.stderr, "tiqu: -: no text (empty, whitespace or markup only)\n",
            "{format}"
        );
    }
}

/// A malformed `--dict` file is bad usage, found before any input is read.
#[test]
fn a_malformed_user_dictionary() {
    let dir = Dir::new();
    dir.create("good.txt", SENTENCE);
    const CASES: &[(&str, &str)] = &[
        (
            "好的\tcompany\n# 注释\n坏的\tplanet\n",
            "tiqu: mine.tsv:3: unknown type \"planet\"",
        ),
        (
            "只有一列\n",
            "tiqu: mine.tsv:1: expected at least two tab-separated columns",
        ),
        (
            "好的\tcompany\t\t\t\tloud\n",
            "tiqu: mine.tsv:1: unknown flag \"loud\"",
        ),
        ("a\tcompany\tb\tc\td\te\tf\n", "tiqu: mine.tsv:1: 7 columns"),
        ("\tcompany\n", "tiqu: mine.tsv:1: empty canonical name"),
    ];
    for (tsv, want) in CASES {
        dir.create("mine.tsv", tsv);
        let out = dir
            .command()
            .args([
                "--dict",
                "mine.tsv",
                "-o",
                "rows.csv",
                "missing.txt",
                "good.txt",
            ])
            .run();
        out.expect_code(2);
        assert_eq!(out.stdout, "");
        let lines = out.stderr_lines();
        assert_eq!(lines.len(), 1, "one message: {lines:?}");
        assert!(lines[0].starts_with(want), "{tsv:?}: {}", lines[0]);
        // No work began: the missing input was not looked at, no output file made.
        assert!(!out.stderr.contains("missing.txt"));
        assert!(!dir.path().join("rows.csv").exists());
    }
    // A dictionary file that does not exist is bad usage too.
    let out = dir.command().args(["--dict", "nope.tsv", "good.txt"]).run();
    out.expect_code(2);
    eqnice!(
        vec!["tiqu: nope.tsv: no such file or directory"],
        out.stderr_lines()
    );
    // A good one is used.
    dir.create("mine.tsv", "全年营收\tcompany\n");
    let out = dir
        .command()
        .args(["--format", "jsonl", "--dict", "mine.tsv", "good.txt"])
        .run();
    out.expect_code(0);
    assert!(out.rows().iter().any(|r| s(r, "canonical") == "全年营收"));
}

/// Raw control characters in an article (terminal escapes, bells) never reach any
/// cell of any format.
#[test]
fn output_never_contains_raw_control_characters() {
    let dir = Dir::new();
    let text = "阿里云\x1b[31m全年营收\x07601.2亿元\x1b]0;标题\x07，同比增长50%\x7f，\u{9b}PUE最低1.09\x08\x0b\x0c。\r\n广东\x1b杭州\n";
    dir.create("ctrl.txt", text);
    // In front matter and HTML too.
    dir.create(
        "ctrl.html",
        format!("---\ntitle: '阿里云\x07\x1b[0m'\n---\n<p title=\"\x1b\">{text}</p>&#27;&#7;&#x9b;阿里云"),
    );
    for doc in ["ctrl.txt", "ctrl.html"] {
        let jsonl = dir.command().args(["--format", "jsonl", doc]).run();
        jsonl.expect_code(0);
        let rows = jsonl.rows();
        assert!(
            rows.iter().any(|r| s(r, "text") == "601.2亿元"),
            "{doc}: {rows:#?}"
        );
        for r in &rows {
            for (field, v) in r.as_object().unwrap() {
                if let Some(t) = v.as_str() {
                    assert!(!t.chars().any(char::is_control), "{doc}: {field} = {t:?}");
                }
            }
        }
        for format in ["csv", "json", "jsonl"] {
            let out = dir.command().args(["--format", format, doc]).run();
            out.expect_code(0);
            let raw = out.stdout.chars().find(|&c| c.is_control() && c != '\n');
            assert_eq!(raw, None, "{doc} as {format}");
        }
        let csv_out = dir.command().args(["--format", "csv", doc]).run();
        let mut reader = csv::Reader::from_reader(csv_out.stdout.as_bytes());
        for rec in reader.records() {
            for cell in rec.unwrap().iter() {
                assert!(
                    !cell.chars().any(char::is_control),
                    "{doc}: CSV cell {cell:?}"
                );
            }
        }
    }
}

/// Names and metadata are untrusted too: a file name, a JSON Lines id and a title that
/// hold terminal escapes reach no cell and no message raw. Names keep them escaped
/// (`\u{1b}`), so that two documents stay apart; metadata turns them into spaces.
#[cfg(unix)]
#[test]
fn control_characters_in_names_and_metadata() {
    let dir = Dir::new();
    let name = "d/ctl\u{1b}[31m\u{7}.md";
    dir.create(
        name,
        format!("---\ntitle: '标题\u{7}\u{1b}[0m'\nauthor: \"记者&#27;张三\"\n---\n{SENTENCE}"),
    );
    std::os::unix::fs::symlink("nowhere", dir.path().join("d/dangling\u{1b}.txt")).unwrap();
    dir.create(
        "docs.jsonl",
        format!(
            "{{\"id\": \"a\\u001b[2Jb\", \"title\": \"t\\u0007x\", \"text\": \"{SENTENCE}\"}}\n"
        ),
    );
    let fields = "doc,title,author,kind,text";
    let no_raw = |what: &str, out: &Output| {
        let raw = |t: &str| t.chars().find(|&c| c.is_control() && c != '\n');
        assert_eq!(raw(&out.stdout), None, "{what}: {}", out.stdout);
        assert_eq!(raw(&out.stderr), None, "{what}: {}", out.stderr);
    };
    for format in ["csv", "json", "jsonl"] {
        let out = dir
            .command()
            .args(["--format", format, "--fields", fields, "d"])
            .run();
        out.expect_code(1);
        no_raw(format, &out);
        // In JSON the escape's backslash is itself escaped.
        let written = if format == "csv" {
            "ctl\\u{1b}[31m\\u{7}.md"
        } else {
            "ctl\\\\u{1b}[31m\\\\u{7}.md"
        };
        assert!(out.stdout.contains(written), "{}", out.stdout);
        assert!(out.stdout.contains("标题"), "{}", out.stdout);
        assert!(
            out.stderr
                .contains("dangling\\u{1b}.txt: dangling symbolic link"),
            "{}",
            out.stderr
        );
        let out = dir
            .command()
            .args(["--input", "jsonl", "--format", format, "--fields", fields])
            .arg("docs.jsonl")
            .run();
        out.expect_code(0);
        no_raw(format, &out);
        let written = if format == "csv" {
            "a\\u{1b}[2Jb"
        } else {
            "a\\\\u{1b}[2Jb"
        };
        assert!(out.stdout.contains(written), "{}", out.stdout);
    }
    // JSON Lines rows: the title's bell became a space, the author's escape too.
    let rows = dir
        .command()
        .args(["--format", "jsonl", "--fields", fields, "d"])
        .run()
        .rows();
    assert!(
        rows.iter().all(|r| s(r, "title") == "标题  [0m"),
        "{rows:?}"
    );
    assert!(
        rows.iter().all(|r| s(r, "author") == "记者 张三"),
        "{rows:?}"
    );
}
