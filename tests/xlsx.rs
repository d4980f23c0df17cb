//! `--format xlsx`: the workbook read back (calamine) cell by cell against the JSON
//! Lines of the same run: numbers as numbers, Chinese text intact, the formula guard of
//! CSV; the sheet of documents; and the usage error without `-o`.

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;

use crate::util::{s, Dir, SEEDS};

/// The SPEC's sixteen fields, the header of the rows sheet by default.
const HEADER: [&str; 16] = [
    "doc",
    "kind",
    "type",
    "text",
    "canonical",
    "value",
    "unit",
    "metric",
    "line",
    "context",
    "subject",
    "period",
    "qualifier",
    "metric_key",
    "code",
    "parent",
];

/// The cells of one sheet, row by row.
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> =
        open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

/// The text a spreadsheet cell should hold for a JSON string: CSV's formula guard.
fn guarded(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One JSON field as the workbook's cell must hold it.
fn same_cell(json: &Value, cell: &Data) -> bool {
    match (json, cell) {
        (Value::Null, Data::Empty) => true,
        // An empty text is a blank cell.
        (Value::String(t), Data::Empty) => t.is_empty(),
        (Value::String(t), Data::String(c)) => &guarded(t) == c,
        (Value::Number(n), Data::Float(f)) => n.as_f64() == Some(*f),
        (Value::Number(n), Data::Int(i)) => n.as_f64() == Some(*i as f64),
        _ => false,
    }
}

/// The seeds written to `rows.xlsx`, and the same rows as JSON Lines to compare with.
fn seeds_workbook() -> (Dir, Vec<Value>) {
    let dir = Dir::new();
    for seed in SEEDS {
        dir.copy_fixture(&format!("seeds/{seed}"));
    }
    dir.command()
        .args(["--format", "xlsx", "-o", "rows.xlsx", "seeds"])
        .run()
        .expect_code(0);
    let rows = dir
        .command()
        .args(["--format", "jsonl", "seeds"])
        .run()
        .rows();
    (dir, rows)
}

#[test]
fn xlsx_reads_back_with_numbers_and_chinese() {
    let (dir, want) = seeds_workbook();
    let rows = sheet(&dir.path().join("rows.xlsx"), "rows");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, HEADER);
    assert_eq!(rows.len() - 1, want.len(), "one sheet row a row");
    for (n, (cells, row)) in rows[1..].iter().zip(&want).enumerate() {
        for (field, cell) in HEADER.iter().zip(cells) {
            assert!(
                same_cell(&row[field], cell),
                "row {n}, {field}: JSON {} but cell {cell:?}",
                row[field]
            );
        }
    }
    // Real numbers, that sum and sort, and Chinese as written.
    let value = HEADER.iter().position(|f| *f == "value").unwrap();
    let line = HEADER.iter().position(|f| *f == "line").unwrap();
    let text = HEADER.iter().position(|f| *f == "text").unwrap();
    let revenue = rows
        .iter()
        .find(|r| r[text] == Data::String("601.2亿元".into()))
        .expect("the revenue row");
    assert_eq!(revenue[value], Data::Float(60120000000.0));
    assert!(matches!(revenue[line], Data::Float(l) if l >= 1.0));
    assert!(rows
        .iter()
        .any(|r| r[text] == Data::String("阿里云".into())));
}

#[test]
fn xlsx_documents_sheet() {
    let (dir, rows) = seeds_workbook();
    let docs = sheet(&dir.path().join("rows.xlsx"), "documents");
    let header: Vec<String> = docs[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["doc", "title", "date", "entities", "metrics"]);
    assert_eq!(docs.len() - 1, SEEDS.len());
    for (cells, seed) in docs[1..].iter().zip(SEEDS) {
        let doc = format!("seeds/{seed}");
        assert_eq!(cells[0], Data::String(doc.clone()));
        let count = |kind: &str| {
            rows.iter()
                .filter(|r| s(r, "doc") == doc && s(r, "kind") == kind)
                .count() as f64
        };
        assert_eq!(cells[3], Data::Float(count("entity")), "{doc} entities");
        assert_eq!(cells[4], Data::Float(count("metric")), "{doc} metrics");
    }
    // The first seed's front matter has its title and date.
    assert_eq!(
        docs[1][1],
        Data::String("阿里云加大在广东投入,从珠三角向粤东、粤西、粤北辐射".into())
    );
    assert!(matches!(&docs[1][2], Data::String(d) if d.contains("2021")));
}

/// A document above the threshold for reading in parts is one line of the documents
/// sheet, with the counts of all its parts.
#[test]
fn xlsx_long_document_is_one_document() {
    let dir = Dir::new();
    let para = "<p>阿里云全年营收601.2亿元，同比增长50%，腾讯在深圳投资2亿元。</p>\n";
    let mut doc = String::from("---\ntitle: 长文\n---\n");
    while doc.len() < (9 << 20) {
        doc.push_str(para);
    }
    dir.create("long.txt", &doc);
    dir.create("short.txt", para);
    dir.command()
        .args([
            "--format",
            "xlsx",
            "-o",
            "rows.xlsx",
            "long.txt",
            "short.txt",
        ])
        .run()
        .expect_code(0);
    let docs = sheet(&dir.path().join("rows.xlsx"), "documents");
    assert_eq!(docs.len(), 3, "{docs:?}");
    assert_eq!(docs[1][0], Data::String("long.txt".into()));
    assert_eq!(docs[1][1], Data::String("长文".into()));
    let paras = (doc.len() / para.len()) as f64;
    assert!(
        matches!(docs[1][4], Data::Float(m) if m >= 2.0 * paras && m <= 3.0 * paras),
        "{:?} metrics for {paras} paragraphs",
        docs[1][4]
    );
    assert_eq!(docs[2][0], Data::String("short.txt".into()));
}

#[test]
fn xlsx_without_output_is_a_usage_error() {
    let dir = Dir::new();
    dir.create("a.txt", "阿里云全年营收601.2亿元");
    let out = dir.command().args(["--format", "xlsx", "a.txt"]).run();
    out.expect_code(2);
    assert!(out.stdout.is_empty(), "no workbook on stdout");
    assert!(out.stderr.contains("-o"), "{}", out.stderr);
}

/// `--fields` chooses the workbook's columns too, the metadata among them.
#[test]
fn xlsx_chosen_fields() {
    let dir = Dir::new();
    dir.create(
        "a.txt",
        "---\ntitle: 标题\nauthor: 张涛\n---\n阿里云全年营收601.2亿元\n",
    );
    dir.command()
        .args([
            "--format",
            "xlsx",
            "-o",
            "rows.xlsx",
            "--fields",
            "text,value,title,author,url",
            "a.txt",
        ])
        .run()
        .expect_code(0);
    let rows = sheet(&dir.path().join("rows.xlsx"), "rows");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["text", "value", "title", "author", "url"]);
    assert!(rows.iter().any(|r| r[..4]
        == [
            Data::String("601.2亿元".into()),
            Data::Float(60120000000.0),
            Data::String("标题".into()),
            Data::String("张涛".into()),
        ]
        && r.get(4).is_none_or(|c| *c == Data::Empty)));
}

/// A cell from an article that looks like a formula starts with `'` in CSV and in the
/// workbook; the figure's value stays a number.
#[test]
fn formula_cells_from_an_article_are_guarded_in_csv_and_xlsx() {
    let dir = Dir::new();
    dir.create(
        "a.txt",
        "---\ntitle: '=HYPERLINK(\"http://example.com\",\"阿里云\")'\n---\n阿里云营收下降-3.5%，腾讯增长+5%。\n",
    );
    let fields = "doc,kind,text,value,title";
    let csv_out = dir.command().args(["--fields", fields, "a.txt"]).run();
    csv_out.expect_code(0);
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let minus = records
        .iter()
        .find(|r| &r[2] == "'-3.5%")
        .unwrap_or_else(|| panic!("no guarded -3.5%: {records:?}"));
    assert_eq!(&minus[3], "-3.5", "value never guarded");
    assert!(records.iter().all(|r| r[4].starts_with("'=HYPERLINK(")));
    assert!(records.iter().any(|r| &r[2] == "'+5%"));

    dir.command()
        .args([
            "--fields", fields, "--format", "xlsx", "-o", "a.xlsx", "a.txt",
        ])
        .run()
        .expect_code(0);
    let rows = sheet(&dir.path().join("a.xlsx"), "rows");
    let minus = rows
        .iter()
        .find(|r| r[2] == Data::String("'-3.5%".into()))
        .unwrap_or_else(|| panic!("no guarded -3.5%: {rows:?}"));
    assert_eq!(minus[3], Data::Float(-3.5));
    for r in &rows[1..] {
        assert!(
            matches!(&r[4], Data::String(t) if t.starts_with("'=HYPERLINK(")),
            "{r:?}"
        );
    }
    let docs = sheet(&dir.path().join("a.xlsx"), "documents");
    assert!(matches!(&docs[1][1], Data::String(t) if t.starts_with("'=HYPERLINK(")));
    // JSON keeps the text as it is.
    let jl = dir
        .command()
        .args(["--fields", fields, "--format", "jsonl", "a.txt"])
        .run()
        .rows();
    assert!(jl.iter().any(|r| s(r, "text") == "-3.5%"));
}
