//! XLSX: the rows as a workbook a spreadsheet opens as it is (`--format xlsx -o FILE`).
//!
//! The workbook has a sheet of rows, the chosen fields as columns, `value` and `line`
//! as real numbers (a sum or a sort works at once), the header frozen and filtered, and
//! a sheet of documents: each document's `doc`, title, date and how many entities and
//! metrics it gave. Text cells get the CSV's formula guard (a leading `'` before `=`,
//! `+`, `-`, `@`), so that a workbook written from articles reads the same as their
//! CSV; `value` is never altered.
//!
//! The run loop's workers encode each document as records ([`super::Encoder`] with
//! [`super::Format::Xlsx`]): one line a row, one line a document, each a JSON array.
//! [`XlsxWriter`] reads them on the writing thread, in input order, into worksheets
//! kept in constant memory (each sheet's cells go to a temporary file as rows are
//! finished), so a workbook of a million rows costs no more memory than one of ten.
//! Past Excel's 1,048,576 rows a sheet, rows go on in a sheet `rows 2`, and so on.

use std::fs::File;
use std::io::{self, Write};

use rust_xlsxwriter::{Format as CellFormat, Workbook, XlsxError};
use serde_json::Value;

use super::guard_formula;
use crate::row::Field;

/// Rows of a sheet, the header included (Excel's limit).
const SHEET_ROWS: u32 = 1_048_576;

/// Characters in a cell (Excel's limit).
const CELL_CHARS: usize = 32_767;

/// Columns of the documents sheet, with their widths.
const DOC_COLUMNS: [(&str, f64); 5] = [
    ("doc", 36.0),
    ("title", 48.0),
    ("date", 24.0),
    ("entities", 10.0),
    ("metrics", 10.0),
];

/// Writes the records of [`super::Format::Xlsx`] into a workbook, saved by
/// [`XlsxWriter::close`].
pub struct XlsxWriter {
    workbook: Workbook,
    file: File,
    fields: Vec<Field>,
    rows: Sheets,
    docs: Sheets,
    /// The last document's record, held while its parts may still add to it.
    doc: Option<DocRecord>,
    /// Bytes of a record not ended yet.
    pending: Vec<u8>,
    header: CellFormat,
    integer: CellFormat,
}

struct DocRecord {
    cells: Vec<Value>,
    entities: u64,
    metrics: u64,
}

/// A sequence of sheets of one kind, the next row to write in the last.
struct Sheets {
    name: &'static str,
    /// Workbook indices of the sheets.
    indices: Vec<usize>,
    columns: Vec<(String, f64)>,
    row: u32,
}

impl XlsxWriter {
    /// A writer that will save the workbook to `file`, with `fields` as the columns of
    /// its rows.
    pub fn new(file: File, fields: Vec<Field>) -> io::Result<XlsxWriter> {
        let columns = fields
            .iter()
            .map(|&f| (f.name().to_string(), width(f)))
            .collect();
        let mut w = XlsxWriter {
            workbook: Workbook::new(),
            file,
            fields,
            rows: Sheets::new("rows", columns),
            docs: Sheets::new(
                "documents",
                DOC_COLUMNS
                    .iter()
                    .map(|&(n, w)| (n.to_string(), w))
                    .collect(),
            ),
            doc: None,
            pending: Vec::new(),
            header: CellFormat::new().set_bold(),
            integer: CellFormat::new().set_num_format("#,##0"),
        };
        w.rows.add(&mut w.workbook, &w.header).map_err(other)?;
        w.docs.add(&mut w.workbook, &w.header).map_err(other)?;
        Ok(w)
    }

    /// Write the last document, filter every sheet's header, and save the workbook.
    pub fn close(mut self) -> io::Result<()> {
        self.consume_pending()?;
        self.flush_doc().map_err(other)?;
        for sheets in [&self.rows, &self.docs] {
            sheets.filter(&mut self.workbook).map_err(other)?;
        }
        self.workbook
            .save_to_writer(&mut self.file)
            .map_err(other)?;
        self.file.flush()
    }

    /// Read every record that has ended; keep the start of the next.
    fn consume_pending(&mut self) -> io::Result<()> {
        let Some(end) = self.pending.iter().rposition(|&b| b == b'\n') else {
            return Ok(());
        };
        let rest = self.pending.split_off(end + 1);
        let complete = std::mem::replace(&mut self.pending, rest);
        for line in complete[..end].split(|&b| b == b'\n') {
            self.record(line)?;
        }
        Ok(())
    }

    fn record(&mut self, line: &[u8]) -> io::Result<()> {
        let (&tag, body) = line.split_first().ok_or_else(|| bad("an empty record"))?;
        let cells: Vec<Value> = serde_json::from_slice(body).map_err(|e| bad(&e.to_string()))?;
        match tag {
            b'r' => self.row(&cells).map_err(other),
            b'd' | b'c' => {
                let count = |i: usize| cells.get(i).and_then(Value::as_u64).unwrap_or(0);
                let (entities, metrics) = (count(3), count(4));
                match &mut self.doc {
                    // A later part of the document before: its counts add up.
                    Some(d) if tag == b'c' => {
                        d.entities += entities;
                        d.metrics += metrics;
                        Ok(())
                    }
                    _ => {
                        self.flush_doc().map_err(other)?;
                        self.doc = Some(DocRecord {
                            cells,
                            entities,
                            metrics,
                        });
                        Ok(())
                    }
                }
            }
            _ => Err(bad("an unknown record")),
        }
    }

    fn row(&mut self, cells: &[Value]) -> Result<(), XlsxError> {
        let (sheet, row) = self.rows.next_row(&mut self.workbook, &self.header)?;
        let ws = self.workbook.worksheet_from_index(sheet)?;
        for (col, (cell, field)) in cells.iter().zip(&self.fields).enumerate() {
            let col = col as u16;
            match cell {
                Value::String(s) => {
                    ws.write_string(row, col, cell_text(s))?;
                }
                Value::Number(n) => {
                    let v = n.as_f64().unwrap_or(f64::NAN);
                    if *field == Field::Value && v.fract() == 0.0 && v.abs() < 1e15 {
                        ws.write_number_with_format(row, col, v, &self.integer)?;
                    } else {
                        ws.write_number(row, col, v)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn flush_doc(&mut self) -> Result<(), XlsxError> {
        let Some(d) = self.doc.take() else {
            return Ok(());
        };
        let (sheet, row) = self.docs.next_row(&mut self.workbook, &self.header)?;
        let ws = self.workbook.worksheet_from_index(sheet)?;
        for (col, cell) in d.cells.iter().take(3).enumerate() {
            if let Value::String(s) = cell {
                ws.write_string(row, col as u16, cell_text(s))?;
            }
        }
        ws.write_number(row, 3, d.entities as f64)?;
        ws.write_number(row, 4, d.metrics as f64)?;
        Ok(())
    }
}

impl Write for XlsxWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if buf.contains(&b'\n') {
            self.consume_pending()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Cells go to the workbook as records end; the file is written by `close`.
        Ok(())
    }
}

impl Sheets {
    fn new(name: &'static str, columns: Vec<(String, f64)>) -> Sheets {
        Sheets {
            name,
            indices: Vec::new(),
            columns,
            row: 0,
        }
    }

    /// Start another sheet: its name, column widths, header and frozen first row.
    fn add(&mut self, wb: &mut Workbook, header: &CellFormat) -> Result<(), XlsxError> {
        let name = match self.indices.len() {
            0 => self.name.to_string(),
            n => format!("{} {}", self.name, n + 1),
        };
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(name)?;
        for (col, (title, width)) in self.columns.iter().enumerate() {
            ws.set_column_width(col as u16, *width)?;
            ws.write_string_with_format(0, col as u16, title, header)?;
        }
        ws.set_freeze_panes(1, 0)?;
        self.indices.push(wb.worksheets().len() - 1);
        self.row = 1;
        Ok(())
    }

    /// Where the next row goes: the last sheet, or a new one when it is full.
    fn next_row(
        &mut self,
        wb: &mut Workbook,
        header: &CellFormat,
    ) -> Result<(usize, u32), XlsxError> {
        if self.row >= SHEET_ROWS {
            self.add(wb, header)?;
        }
        let row = self.row;
        self.row += 1;
        Ok((*self.indices.last().expect("a first sheet"), row))
    }

    /// An autofilter over each sheet's header and rows.
    fn filter(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let last_col = self.columns.len().saturating_sub(1) as u16;
        for (n, &i) in self.indices.iter().enumerate() {
            let last_row = if n + 1 == self.indices.len() {
                self.row - 1
            } else {
                SHEET_ROWS - 1
            };
            wb.worksheet_from_index(i)?
                .autofilter(0, 0, last_row, last_col)?;
        }
        Ok(())
    }
}

/// A text cell as written: the formula guard, then cut to Excel's limit.
fn cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    let s = guard_formula(s);
    match s.char_indices().nth(CELL_CHARS) {
        Some((cut, _)) => std::borrow::Cow::Owned(s[..cut].to_string()),
        None => s,
    }
}

/// A column's width in Excel's units (a Chinese character is about two).
fn width(f: Field) -> f64 {
    match f {
        Field::Doc => 30.0,
        Field::Kind => 8.0,
        Field::Type => 12.0,
        Field::Text => 22.0,
        Field::Canonical => 20.0,
        Field::Value => 18.0,
        Field::Unit => 8.0,
        Field::Metric => 14.0,
        Field::Line => 7.0,
        Field::Context => 60.0,
        Field::Subject => 18.0,
        Field::Period => 16.0,
        Field::Qualifier => 10.0,
        Field::MetricKey => 14.0,
        Field::Code => 9.0,
        Field::Parent => 18.0,
        Field::Title => 40.0,
        Field::Date => 22.0,
        Field::Author => 14.0,
        Field::Url => 40.0,
    }
}

fn other(e: XlsxError) -> io::Error {
    io::Error::other(e)
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("xlsx records: {what}"))
}
