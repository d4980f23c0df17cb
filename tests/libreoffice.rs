//! The CSV of `--bom` as a spreadsheet program reads it: LibreOffice, headless, turns
//! it into a workbook with the Chinese intact, the byte order mark not in the first
//! header cell, and `value` read as numbers. Skipped, with a message, where neither
//! `libreoffice` nor `soffice` is installed.
//!
//! Excel takes the encoding from the byte order mark; LibreOffice's headless
//! conversion (7.4) does not look at it and reads the file in its default encoding
//! (`ï»¿doc`, Chinese as Latin-1), so it is told UTF-8, as a person picks it in the
//! import dialog.

use std::path::PathBuf;
use std::process::Command;

use calamine::Data;

use crate::util::{Dir, ENCODED_SEED};
use crate::xlsx::sheet;

/// The LibreOffice program on PATH.
fn office() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["libreoffice", "soffice"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

#[test]
fn bom_csv_converts_in_libreoffice() {
    let Some(office) = office() else {
        println!("skipped bom_csv_converts_in_libreoffice: no libreoffice or soffice on PATH");
        return;
    };
    let dir = Dir::new();
    let rel = dir.copy_fixture(&format!("seeds/{ENCODED_SEED}"));
    dir.command()
        .args(["--bom", "-o", "rows.csv", &rel])
        .run()
        .expect_code(0);
    // A profile of its own, so that a desktop session or another test cannot hold it.
    let profile = format!("file://{}", dir.path().join("profile").display());
    let status = Command::new(&office)
        .current_dir(dir.path())
        .args([
            &format!("-env:UserInstallation={profile}"),
            "--headless",
            // Comma, double quote, UTF-8.
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "xlsx",
            "--outdir",
            "converted",
            "rows.csv",
        ])
        .output()
        .expect("run LibreOffice");
    let book = dir.path().join("converted/rows.xlsx");
    assert!(
        book.is_file(),
        "{} made no workbook: {status:?}",
        office.display()
    );
    let rows = sheet(&book, "rows");
    let csv = std::fs::read_to_string(dir.path().join("rows.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        rows[0][0],
        Data::String("doc".into()),
        "the BOM is not in the header"
    );
    let text = header.iter().position(|h| h == "text").unwrap();
    let context = header.iter().position(|h| h == "context").unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() - 1, records.len());
    for (cells, record) in rows[1..].iter().zip(&records) {
        for col in [text, context] {
            // A figure's text alone (100%, 1.09) is read as a number, as a spreadsheet
            // reads CSV; what has Chinese in it must come through as it is written.
            if record[col].is_ascii() {
                continue;
            }
            // LibreOffice reads a leading `'` as the mark of text, as Excel does.
            let want = record[col].trim_start_matches('\'');
            let got = cells[col].to_string();
            assert!(
                got == want || got == record[col],
                "column {}: {got:?} for {want:?}",
                header[col]
            );
        }
    }
    assert!(rows
        .iter()
        .any(|r| r[text] == Data::String("阿里云".into())));
    let value = header.iter().position(|h| h == "value").unwrap();
    assert!(rows
        .iter()
        .any(|r| matches!(r[value], Data::Float(v) if v == 70000000.0)));
}
