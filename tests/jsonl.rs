//! `--input jsonl`: documents as JSON Lines, ids as `doc`, bad lines named; and the
//! document metadata fields (`title`, `date`, `author`, `url`) in every format.

use serde_json::{json, Value};

use crate::util::{fixture, rows_of, s, without_doc, Dir, SEEDS};

/// The seeds as JSON Lines documents, ids alternately strings and numbers.
fn seed_lines() -> (String, Vec<Value>) {
    let mut lines = String::new();
    let mut ids = Vec::new();
    for (n, seed) in SEEDS.iter().enumerate() {
        let text = String::from_utf8(fixture(&format!("seeds/{seed}"))).unwrap();
        let id = if n % 2 == 0 {
            json!(format!("seed-{n}"))
        } else {
            json!(1000 + n)
        };
        lines.push_str(&json!({"id": id, "text": text}).to_string());
        lines.push('\n');
        ids.push(id);
    }
    (lines, ids)
}

/// The id as a row's `doc`: a string as it is, a number as JSON writes it.
fn doc_of(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn jsonl_ids_round_trip() {
    let dir = Dir::new();
    let (lines, ids) = seed_lines();
    dir.create("docs.jsonl", &lines);
    let from_file = dir
        .command()
        .args(["--input", "jsonl", "--format", "jsonl", "docs.jsonl"])
        .run();
    from_file.expect_code(0);
    assert!(from_file.stderr.is_empty(), "{}", from_file.stderr);
    let from_stdin = dir
        .command()
        .args(["--input", "jsonl", "--format", "jsonl"])
        .stdin(lines.clone())
        .run();
    from_stdin.expect_code(0);
    eqnice!(from_file.rows(), from_stdin.rows());
    let rows = from_file.rows();
    for (seed, id) in SEEDS.iter().zip(&ids) {
        let rel = dir.copy_fixture(&format!("seeds/{seed}"));
        let want = dir.command().args(["--format", "jsonl", &rel]).run().rows();
        let got: Vec<Value> = rows_of(&rows, &doc_of(id)).into_iter().cloned().collect();
        assert!(!got.is_empty(), "rows of {id}");
        eqnice!(without_doc(&want), without_doc(&got), "{seed} as {id}");
    }
    // Every row is one of the ids, in the order of the lines.
    let docs: Vec<String> = ids.iter().map(doc_of).collect();
    let mut seen: Vec<&str> = rows.iter().map(|r| s(r, "doc")).collect();
    seen.dedup();
    assert_eq!(seen, docs);
}

#[test]
fn jsonl_bad_lines_are_named_and_the_others_read() {
    let dir = Dir::new();
    let good =
        |id: u32| json!({"id": id, "text": "阿里云全年营收601.2亿元，同比增长50%。"}).to_string();
    let lines = [
        good(1),
        "{\"id\": 2, \"text\": ".to_string(),
        json!({"id": 3}).to_string(),
        String::new(),
        json!({"id": [4], "text": "x"}).to_string(),
        good(6),
    ];
    dir.create("docs.jsonl", lines.join("\n"));
    let out = dir
        .command()
        .args(["--input", "jsonl", "--format", "jsonl", "docs.jsonl"])
        .run();
    out.expect_code(1);
    let errors = out.stderr_lines();
    assert_eq!(errors.len(), 3, "{}", out.stderr);
    for (e, line) in errors.iter().zip([2, 3, 5]) {
        assert!(
            e.starts_with(&format!("tiqu: docs.jsonl: line {line}: ")),
            "{e}"
        );
    }
    let rows = out.rows();
    let docs: Vec<&str> = rows.iter().map(|r| s(r, "doc")).collect();
    assert!(docs.contains(&"1") && docs.contains(&"6"), "{docs:?}");
    assert!(docs.iter().all(|d| *d == "1" || *d == "6"));
}

/// `html` is read as HTML, with its head's metadata; the object's own `title`, `date`,
/// `author` and `url` come first.
#[test]
fn jsonl_html_and_metadata() {
    let dir = Dir::new();
    let html = "<html><head><title>页面标题</title><meta name=\"author\" content=\"张涛\"><meta property=\"og:url\" content=\"https://example.com/a\"></head><body><p>腾讯在深圳投资2亿元。</p></body></html>";
    let lines = [
        json!({"id": "a", "html": html}).to_string(),
        json!({"id": "b", "html": html, "title": "数据集标题", "date": "2021-12-10"}).to_string(),
    ];
    let out = dir
        .command()
        .args([
            "--input",
            "jsonl",
            "--format",
            "jsonl",
            "--fields",
            "doc,text,title,date,author,url",
        ])
        .stdin(lines.join("\n"))
        .run();
    out.expect_code(0);
    let rows = out.rows();
    let a = rows_of(&rows, "a");
    let b = rows_of(&rows, "b");
    assert!(!a.is_empty() && a.len() == b.len());
    for r in a {
        assert_eq!(
            r,
            &json!({"doc": "a", "text": r["text"], "title": "页面标题", "date": null,
                    "author": "张涛", "url": "https://example.com/a"})
        );
    }
    for r in b {
        assert_eq!(
            (s(r, "title"), s(r, "date"), s(r, "author")),
            ("数据集标题", "2021-12-10", "张涛")
        );
    }
}

/// The metadata fields are chosen with --fields in every format, and are not in the
/// default sixteen.
#[test]
fn metadata_fields_in_every_format() {
    let dir = Dir::new();
    dir.create(
        "a.txt",
        "---\ntitle: 阿里云加大在广东投入\ndate: 2021-12-10\nauthor: 张涛\nurl: https://example.com/a\n---\n阿里云全年营收601.2亿元\n",
    );
    let default = dir.command().arg("a.txt").run();
    assert!(!default.stdout.lines().next().unwrap().contains("title"));
    let fields = ["--fields", "doc,title,date,author,url,text"];
    let csv_out = dir.command().args(fields).arg("a.txt").run();
    csv_out.expect_code(0);
    let lines: Vec<&str> = csv_out.stdout.lines().collect();
    assert_eq!(lines[0], "doc,title,date,author,url,text");
    assert!(
        lines[1].starts_with("a.txt,阿里云加大在广东投入,2021-12-10,张涛,https://example.com/a,")
    );
    for format in ["json", "jsonl"] {
        let out = dir
            .command()
            .args(fields)
            .args(["--format", format, "a.txt"])
            .run();
        out.expect_code(0);
        let rows: Vec<Value> = if format == "json" {
            serde_json::from_str(&out.stdout).unwrap()
        } else {
            out.rows()
        };
        assert!(!rows.is_empty());
        for r in &rows {
            assert_eq!(
                (s(r, "title"), s(r, "date"), s(r, "author"), s(r, "url")),
                (
                    "阿里云加大在广东投入",
                    "2021-12-10",
                    "张涛",
                    "https://example.com/a"
                ),
                "{format}"
            );
        }
    }
}
