//! End to end over the seed articles in `fixtures/`: concrete rows, every input
//! encoding, standard input, each output format, directories, `-o`, and exit statuses.

use serde_json::Value;

use crate::util::{fixture, fixture_path, rows_of, s, without_doc, Dir, ENCODED_SEED, SEEDS};

/// The SPEC's header, in its order.
const HEADER: &str =
    "doc,kind,type,text,canonical,value,unit,metric,line,context,subject,period,qualifier,metric_key,code,parent";

/// All five seeds run as one directory, JSON Lines.
fn seed_rows() -> Vec<Value> {
    let dir = Dir::new();
    for seed in SEEDS {
        dir.copy_fixture(&format!("seeds/{seed}"));
    }
    let out = dir.command().args(["--format", "jsonl", "seeds"]).run();
    out.expect_code(0);
    out.rows()
}

fn row_with<'a>(rows: &'a [Value], kind: &str, text: &str) -> &'a Value {
    rows.iter()
        .find(|r| s(r, "kind") == kind && s(r, "text") == text)
        .unwrap_or_else(|| panic!("no {kind} row with text {text:?}"))
}

#[test]
fn concrete_entities() {
    let rows = seed_rows();
    const CASES: &[(&str, &str, &str)] = &[
        // (text, type, canonical)
        ("阿里云", "company", "阿里云"),
        ("广东", "province", "广东"),
        ("杭州", "city", "杭州"),
    ];
    for &(text, rtype, canonical) in CASES {
        let r = row_with(&rows, "entity", text);
        eqnice!(
            (rtype, canonical),
            (s(r, "type"), s(r, "canonical")),
            "entity {text}"
        );
    }
    let guangdong = row_with(&rows, "entity", "广东");
    assert_eq!(s(guangdong, "code"), "440000");
}

#[test]
fn concrete_metrics() {
    let rows = seed_rows();
    const CASES: &[(&str, &str, &str, f64)] = &[
        // (text, type, unit, value)
        ("1.09", "ratio", "ratio", 1.09),
        ("601.2亿元", "money", "CNY", 60120000000.0),
        ("7000万度", "energy", "kWh", 70000000.0),
    ];
    for &(text, rtype, unit, value) in CASES {
        let r = row_with(&rows, "metric", text);
        eqnice!(
            (rtype, unit, Some(value)),
            (s(r, "type"), s(r, "unit"), r["value"].as_f64()),
            "metric {text}"
        );
    }
    assert_eq!(s(row_with(&rows, "metric", "1.09"), "metric"), "PUE");
    // 601．2亿元 is written with a full-width point in the article; `text` reads it as ASCII.
    let seed2 = String::from_utf8(fixture("seeds/002_05820d54f4f20727.txt")).unwrap();
    assert!(seed2.contains("601．2亿元") && !seed2.contains("601.2亿元"));
}

/// Every encoded copy gives the UTF-8 article's rows, `doc` aside.
#[test]
fn every_encoding_gives_the_same_rows() {
    let dir = Dir::new();
    let utf8 = dir.copy_fixture(&format!("seeds/{ENCODED_SEED}"));
    let want = dir.command().args(["--format", "jsonl", &utf8]).run();
    want.expect_code(0);
    let want = without_doc(&want.rows());
    assert!(want.len() > 20, "the seed gives rows: {want:#?}");
    let stem = ENCODED_SEED.trim_end_matches(".txt");
    for copy in ["gb18030", "utf16le-bom", "utf16be"] {
        let rel = dir.copy_fixture(&format!("encodings/{stem}.{copy}.txt"));
        let out = dir.command().args(["--format", "jsonl", &rel]).run();
        out.expect_code(0);
        assert_eq!(out.stderr, "", "{copy}: no warning expected");
        eqnice!(want, without_doc(&out.rows()), "{copy}");
        assert!(out.rows().iter().all(|r| r["doc"] == rel.as_str()));
    }
}

/// The fixtures are what their names say they are.
#[test]
fn encoded_fixtures_are_what_they_say() {
    let stem = ENCODED_SEED.trim_end_matches(".txt");
    let utf16le = fixture(&format!("encodings/{stem}.utf16le-bom.txt"));
    assert_eq!(&utf16le[..2], b"\xFF\xFE");
    let utf16be = fixture(&format!("encodings/{stem}.utf16be.txt"));
    assert_ne!(&utf16be[..2], b"\xFE\xFF", "the UTF-16BE copy has no BOM");
    let gb = fixture(&format!("encodings/{stem}.gb18030.txt"));
    assert!(std::str::from_utf8(&gb).is_err());
    let text = String::from_utf8(fixture(&format!("seeds/{ENCODED_SEED}"))).unwrap();
    assert_eq!(
        encoding_rs::GB18030.decode_without_bom_handling(&gb).0,
        text
    );
}

#[test]
fn stdin_gives_the_same_rows_with_doc_dash() {
    let dir = Dir::new();
    let rel = dir.copy_fixture(&format!("seeds/{ENCODED_SEED}"));
    let file = dir.command().args(["--format", "jsonl", &rel]).run();
    let bytes = fixture(&format!("seeds/{ENCODED_SEED}"));
    for args in [&["--format", "jsonl"][..], &["--format", "jsonl", "-"][..]] {
        let out = dir.command().args(args).stdin(bytes.clone()).run();
        out.expect_code(0);
        let rows = out.rows();
        assert!(rows.iter().all(|r| r["doc"] == "-"), "{args:?}");
        eqnice!(without_doc(&file.rows()), without_doc(&rows), "{args:?}");
    }
}

#[test]
fn csv_has_the_spec_header_and_the_same_rows() {
    let dir = Dir::new();
    let rel = dir.copy_fixture("seeds/002_05820d54f4f20727.txt");
    let jl = dir.command().args(["--format", "jsonl", &rel]).run();
    let csv_out = dir.command().args(["--format", "csv", &rel]).run();
    let default_out = dir.command().arg(&rel).run();
    csv_out.expect_code(0);
    assert_eq!(csv_out.stdout, default_out.stdout, "CSV is the default");
    assert_eq!(csv_out.stdout.lines().next(), Some(HEADER));
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let rows = jl.rows();
    assert_eq!(records.len(), rows.len());
    // Cell by cell: text the same (a formula guard aside), numbers the same, null empty.
    for (rec, row) in records.iter().zip(&rows) {
        for (name, cell) in header.iter().zip(rec.iter()) {
            let want = match &row[name.as_str()] {
                Value::Null => String::new(),
                Value::String(t) if t.starts_with(['=', '+', '-', '@']) => format!("'{t}"),
                Value::String(t) => t.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, want, "field {name} of {row}");
        }
    }
}

#[test]
fn json_is_one_array_of_the_same_rows() {
    let dir = Dir::new();
    let rel = dir.copy_fixture("seeds/004_d4ca8a07cc4b6b2d.txt");
    let jl = dir.command().args(["--format", "jsonl", &rel]).run();
    let js = dir.command().args(["--format", "json", &rel]).run();
    js.expect_code(0);
    let array: Value = serde_json::from_str(&js.stdout).expect("one JSON document");
    let array = array.as_array().expect("an array");
    assert!(!array.is_empty());
    eqnice!(jl.rows(), *array);
    // JSON and JSON Lines keep the SPEC's field order.
    let first_line = jl.stdout.lines().next().unwrap();
    let keys: Vec<&str> = HEADER.split(',').collect();
    let mut at = 0;
    for k in keys {
        let p = first_line[at..]
            .find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k} out of order in {first_line}"));
        at += p;
    }
}

#[test]
fn empty_json_output_is_an_empty_array() {
    let dir = Dir::new();
    let out = dir.command().args(["--format", "json"]).stdin("").run();
    out.expect_code(0);
    assert_eq!(
        serde_json::from_str::<Value>(&out.stdout).unwrap(),
        Value::Array(vec![])
    );
}

#[test]
fn a_directory_is_walked_in_sorted_order() {
    let dir = Dir::new();
    // Created out of order, nested, with a hidden file that is skipped.
    let article = fixture(&format!("seeds/{ENCODED_SEED}"));
    for rel in [
        "d/b.txt",
        "d/a/z.txt",
        "d/c.txt",
        "d/a/y.txt",
        "d/.hidden.txt",
    ] {
        dir.create(rel, &article);
    }
    let out = dir.command().args(["--format", "jsonl", "d"]).run();
    out.expect_code(0);
    let mut docs: Vec<String> = Vec::new();
    for r in out.rows() {
        let d = s(&r, "doc").to_string();
        if docs.last() != Some(&d) {
            docs.push(d);
        }
    }
    eqnice!(
        vec!["d/a/y.txt", "d/a/z.txt", "d/b.txt", "d/c.txt"],
        docs.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[test]
fn several_paths_keep_command_line_order() {
    let dir = Dir::new();
    let a = dir.copy_fixture("seeds/003_4a3986f7133450c2.txt");
    let b = dir.copy_fixture("seeds/001_8afaf9658154520d.txt");
    let out = dir.command().args(["--format", "jsonl", &a, &b]).run();
    out.expect_code(0);
    let rows = out.rows();
    let first_b = rows.iter().position(|r| r["doc"] == b.as_str()).unwrap();
    assert!(rows[..first_b].iter().all(|r| r["doc"] == a.as_str()));
    assert!(rows[first_b..].iter().all(|r| r["doc"] == b.as_str()));
}

#[test]
fn a_missing_file_beside_a_good_one_is_exit_1() {
    let dir = Dir::new();
    let good = dir.copy_fixture(&format!("seeds/{ENCODED_SEED}"));
    let alone = dir.command().args(["--format", "jsonl", &good]).run();
    let out = dir
        .command()
        .args(["--format", "jsonl", "no-such-article.txt", &good])
        .run();
    out.expect_code(1);
    eqnice!(
        alone.rows(),
        out.rows(),
        "the good file's rows are all there"
    );
    eqnice!(
        vec!["tiqu: no-such-article.txt: no such file or directory"],
        out.stderr_lines()
    );
}

#[test]
fn bad_usage_is_exit_2() {
    let dir = Dir::new();
    let good = dir.copy_fixture(&format!("seeds/{ENCODED_SEED}"));
    for args in [
        &["--no-such-flag", &good][..],
        &["--format", "xml", &good][..],
        &["--format"][..],
        &["--fields", "doc,colour", &good][..],
        &["--types", "planet", &good][..],
        &["--encoding", "klingon", &good][..],
    ] {
        let out = dir.command().args(args).run();
        out.expect_code(2);
        assert_eq!(out.stdout, "", "{args:?}: nothing on stdout");
        assert!(!out.stderr.is_empty(), "{args:?}: a reason on stderr");
    }
}

#[test]
fn help_and_version_are_exit_0() {
    let dir = Dir::new();
    for flag in ["--help", "--version"] {
        let out = dir.command().arg(flag).run();
        out.expect_code(0);
        assert!(out.stdout.contains("tiqu"), "{flag}");
    }
}

#[test]
fn output_file() {
    let dir = Dir::new();
    let good = dir.copy_fixture(&format!("seeds/{ENCODED_SEED}"));
    let out = dir
        .command()
        .args(["--format", "jsonl", "-o", "rows.jsonl", &good])
        .run();
    out.expect_code(0);
    assert_eq!(out.stdout, "", "rows go to the file, not stdout");
    let written = std::fs::read_to_string(dir.path().join("rows.jsonl")).unwrap();
    let stdout = dir.command().args(["--format", "jsonl", &good]).run();
    assert_eq!(written, stdout.stdout);
    // An output file that cannot be created is named on stderr.
    let out = dir
        .command()
        .args(["-o", "no/such/dir/rows.csv", &good])
        .run();
    out.expect_code(1);
    assert!(
        out.stderr.contains("no/such/dir/rows.csv"),
        "{}",
        out.stderr
    );
}

/// `line` is the line of the input file where the mention starts, checked by hand:
/// `grep -n` on the fixtures gives these lines.
#[test]
fn line_is_the_input_line() {
    let rows = seed_rows();
    const CASES: &[(&str, &str, &str, u64)] = &[
        // Front matter title: line 1 is blank, line 2 is `---`.
        ("seeds/000_863d71056fe8c9f4.txt", "entity", "广东", 3),
        // Markdown: the first sentence with figures, on line 8.
        ("seeds/001_8afaf9658154520d.txt", "metric", "28倍", 8),
        ("seeds/001_8afaf9658154520d.txt", "metric", "420平方公里", 8),
        // HTML: the paragraph's source line, after the front matter.
        ("seeds/002_05820d54f4f20727.txt", "metric", "601.2亿元", 16),
        ("seeds/004_d4ca8a07cc4b6b2d.txt", "metric", "202个", 18),
    ];
    for &(doc, kind, text, line) in CASES {
        let r = rows_of(&rows, doc)
            .into_iter()
            .find(|r| s(r, "kind") == kind && s(r, "text") == text)
            .unwrap_or_else(|| panic!("{doc}: no {kind} {text}"));
        assert_eq!(r["line"].as_u64(), Some(line), "{doc}: {text}");
    }
}

/// In the Markdown seed every row's text stands on its own `line` of the file.
#[test]
fn markdown_rows_stand_on_their_line() {
    let dir = Dir::new();
    let rel = dir.copy_fixture("seeds/001_8afaf9658154520d.txt");
    let out = dir.command().args(["--format", "jsonl", &rel]).run();
    let source = std::fs::read_to_string(fixture_path(&rel)).unwrap();
    let lines: Vec<String> = source
        .lines()
        .map(|l| tiqu::text::normalize::fold_str(l).into_owned())
        .collect();
    let rows = out.rows();
    assert!(rows.len() > 20);
    for r in &rows {
        let line = r["line"].as_u64().unwrap() as usize;
        assert!(
            lines[line - 1].contains(s(r, "text")),
            "line {line} does not hold {:?}: {}",
            s(r, "text"),
            lines[line - 1]
        );
    }
}

/// Rows of a seed read on its own, and inside a directory, are the same.
#[test]
fn rows_do_not_depend_on_the_neighbours() {
    let all = seed_rows();
    let dir = Dir::new();
    for seed in SEEDS {
        let rel = dir.copy_fixture(&format!("seeds/{seed}"));
        let alone = dir.command().args(["--format", "jsonl", &rel]).run().rows();
        let together: Vec<Value> = rows_of(&all, &rel).into_iter().cloned().collect();
        eqnice!(alone, together, "{seed}");
    }
}

/// A CSV text cell that a spreadsheet would run as a formula gets a leading `'`; the
/// number in `value` and every JSON field stay as they are.
#[test]
fn csv_guards_formulas_and_json_does_not() {
    let dir = Dir::new();
    dir.create("mine.tsv", "=SUM(A1)\tcompany\n@cmd\tcompany\n");
    dir.create(
        "a.txt",
        "公司=SUM(A1)和@cmd宣布，营收下降-3.5%，增长+5%。\n",
    );
    let args = ["--dict", "mine.tsv", "a.txt"];
    let csv_out = dir.command().args(args).run();
    csv_out.expect_code(0);
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |text: &str, field: usize| {
        records
            .iter()
            .find(|r| &r[3] == text)
            .unwrap_or_else(|| panic!("no row {text:?}: {records:?}"))[field]
            .to_string()
    };
    assert_eq!(cell("'=SUM(A1)", 4), "'=SUM(A1)", "canonical guarded too");
    assert_eq!(cell("'@cmd", 2), "company");
    assert_eq!(
        cell("'-3.5%", 5),
        "-3.5",
        "value is a number, never guarded"
    );
    assert_eq!(cell("'+5%", 5), "5");
    let jl = dir.command().arg("--format").arg("jsonl").args(args).run();
    let rows = jl.rows();
    for text in ["=SUM(A1)", "@cmd", "-3.5%", "+5%"] {
        assert!(
            rows.iter().any(|r| s(r, "text") == text),
            "{text} in {rows:#?}"
        );
    }
}

#[test]
fn bom_and_fields() {
    let dir = Dir::new();
    let rel = dir.copy_fixture(&format!("seeds/{ENCODED_SEED}"));
    let plain = dir.command().arg(&rel).run();
    let bom = dir.command().args(["--bom", &rel]).run();
    bom.expect_code(0);
    assert_eq!(bom.stdout, format!("\u{FEFF}{}", plain.stdout));
    // --fields chooses and orders the columns, in every format.
    let picked = dir
        .command()
        .args(["--fields", "text,value,doc", &rel])
        .run();
    picked.expect_code(0);
    assert_eq!(picked.stdout.lines().next(), Some("text,value,doc"));
    let jl = dir
        .command()
        .args(["--fields", "text,value,doc", "--format", "jsonl", &rel])
        .run();
    let full = dir.command().args(["--format", "jsonl", &rel]).run().rows();
    let rows = jl.rows();
    assert_eq!(rows.len(), full.len());
    for (r, f) in rows.iter().zip(&full) {
        let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3);
        assert_eq!(
            (&r["text"], &r["value"], &r["doc"]),
            (&f["text"], &f["value"], &f["doc"])
        );
    }
    assert!(jl.stdout.starts_with("{\"text\":"));
}
