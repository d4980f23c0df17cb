//! Writers: rows out as CSV, JSON or JSON Lines.
//!
//! Writing is two steps, so that the first can run on every core: an [`Encoder`] turns
//! one document's rows into bytes of the format, and a [`ChunkWriter`] writes those
//! bytes in order with the stream's framing (the CSV header and byte order mark, the
//! JSON array's brackets and commas). A [`Sink`] does both for callers with rows at
//! hand, and flushes after every document so that a pipe sees rows as soon as a
//! document is done. CSV is RFC 4180 (the csv crate quotes), with a leading `'` on text
//! cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`); numbers in
//! `value` are never altered. XLSX ([`xlsx`], the cargo feature `xlsx`) is encoded the
//! same way, into records that the writing thread turns into a workbook.

#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::row::{Cell, Field, Row};
use crate::text::normalize::Meta;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Jsonl,
    /// Records for `xlsx::XlsxWriter`: a line a row (`r` and a JSON array of the
    /// cells), a line a document (`d`, or `c` for a later part of the document before:
    /// `[doc, title, date, entities, metrics]`).
    Xlsx,
}

/// A destination for rows.
pub trait Sink {
    /// Called once before any rows.
    fn begin(&mut self) -> io::Result<()>;
    /// The rows of one document.
    fn write(&mut self, rows: &[Row]) -> io::Result<()>;
    /// Called once after the last document.
    fn finish(&mut self) -> io::Result<()>;
}

/// Make the writer for a format.
pub fn sink_for<'w>(
    format: Format,
    fields: Vec<Field>,
    out: Box<dyn Write + 'w>,
    bom: bool,
) -> Box<dyn Sink + 'w> {
    Box::new(RowSink {
        encoder: Encoder::new(format, fields),
        out: ChunkWriter::new(out, format, bom),
        buf: Vec::new(),
    })
}

/// Format a value as a spreadsheet reads it: integers without a fraction.
pub fn format_value(v: f64) -> String {
    let mut s = String::new();
    push_value(&mut s, v);
    s
}

fn push_value(s: &mut String, v: f64) {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e16 {
        let _ = write!(s, "{}", v as i64);
    } else {
        let _ = write!(s, "{v}");
    }
}

/// A text cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn guard_formula(s: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn needs_guard(s: &str) -> bool {
    // On the first byte: asked of every text cell.
    matches!(s.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@'))
}

/// Turns rows into the bytes of one format, one document at a time; a clone per thread.
///
/// CSV gives records; JSON Lines one object a line; JSON each object preceded by `,\n`,
/// the comma dropped by the [`ChunkWriter`] before the first object of the array.
#[derive(Debug, Clone)]
pub struct Encoder {
    format: Format,
    fields: Vec<Field>,
    cell: String,
}

impl Encoder {
    /// An encoder for a format and its columns.
    pub fn new(format: Format, fields: Vec<Field>) -> Encoder {
        Encoder {
            format,
            fields,
            cell: String::new(),
        }
    }

    /// The format encoded.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The CSV header record; empty for the JSON formats.
    pub fn header(&mut self) -> Vec<u8> {
        if self.format != Format::Csv {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (n, f) in self.fields.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            csv_field(&mut out, f.name().as_bytes());
        }
        out.push(b'\n');
        out
    }

    /// Append the encoding of one document's rows to `out`.
    pub fn encode(&mut self, rows: &[Row], out: &mut Vec<u8>) {
        // Room for the whole document up front: grown by doubling from empty, the buffer
        // was copied a dozen times for each document. The long cells plus the rest of a
        // record (and a JSON object's names) make a close estimate.
        let per_row = match self.format {
            Format::Csv | Format::Xlsx => 48,
            Format::Json | Format::Jsonl => 256,
        };
        out.reserve(
            rows.iter()
                .map(|r| r.doc.len() + r.text.len() + r.context.len() + per_row)
                .sum(),
        );
        match self.format {
            Format::Csv => {
                for row in rows {
                    self.csv_record(row, out);
                }
            }
            Format::Json => {
                for row in rows {
                    out.extend_from_slice(b",\n");
                    self.object(row, out);
                }
            }
            Format::Jsonl => {
                for row in rows {
                    self.object(row, out);
                    out.push(b'\n');
                }
            }
            Format::Xlsx => {
                for row in rows {
                    self.xlsx_record(row, out);
                }
            }
        }
    }

    /// Append the encoding of one document's rows (or of one part's, `continued` for
    /// every part but the first), with what the format says of the document itself:
    /// XLSX's line of the documents sheet.
    pub fn encode_document(
        &mut self,
        doc: &str,
        meta: &Meta,
        rows: &[Row],
        continued: bool,
        out: &mut Vec<u8>,
    ) {
        self.encode(rows, out);
        if self.format != Format::Xlsx {
            return;
        }
        let count = |kind: &str| rows.iter().filter(|r| r.kind == kind).count();
        out.extend_from_slice(if continued { b"c[" } else { b"d[" });
        write_json_str(out, doc);
        for s in [&meta.title, &meta.date] {
            out.push(b',');
            match s {
                Some(s) => write_json_str(out, s),
                None => out.extend_from_slice(b"null"),
            }
        }
        let _ = writeln!(out, ",{},{}]", count("entity"), count("metric"));
    }

    /// One row as an XLSX record: its cells as a JSON array, numbers as numbers.
    fn xlsx_record(&mut self, row: &Row, buf: &mut Vec<u8>) {
        buf.extend_from_slice(b"r[");
        for (n, &f) in self.fields.iter().enumerate() {
            if n > 0 {
                buf.push(b',');
            }
            json_cell(&mut self.cell, row.cell(f), buf);
        }
        buf.extend_from_slice(b"]\n");
    }

    fn csv_record(&mut self, row: &Row, out: &mut Vec<u8>) {
        let start = out.len();
        for (n, &f) in self.fields.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            // One reused buffer for the cells that are not borrowed as they stand.
            let cell: &[u8] = match row.cell(f) {
                Cell::Null => b"",
                Cell::Text(s) if needs_guard(s) => {
                    self.cell.clear();
                    self.cell.push('\'');
                    self.cell.push_str(s);
                    self.cell.as_bytes()
                }
                Cell::Text(s) => s.as_bytes(),
                Cell::Number(v) => {
                    self.cell.clear();
                    push_value(&mut self.cell, v);
                    self.cell.as_bytes()
                }
                Cell::Int(n) => {
                    self.cell.clear();
                    let _ = write!(self.cell, "{n}");
                    self.cell.as_bytes()
                }
            };
            csv_field(out, cell);
        }
        // A record of one empty field would read back as no record at all.
        if out.len() == start {
            out.extend_from_slice(b"\"\"");
        }
        out.push(b'\n');
    }

    fn object(&mut self, row: &Row, buf: &mut Vec<u8>) {
        buf.push(b'{');
        for (n, &f) in self.fields.iter().enumerate() {
            if n > 0 {
                buf.push(b',');
            }
            write_json_str(buf, f.name());
            buf.push(b':');
            json_cell(&mut self.cell, row.cell(f), buf);
        }
        buf.push(b'}');
    }
}

/// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line
/// break (a reader takes `\r` for one too), with its quotes doubled; as it stands
/// otherwise. Written here rather than through a CSV library: per field, that cost more
/// than the rest of the row's encoding.
fn csv_field(out: &mut Vec<u8>, field: &[u8]) {
    if !field
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.extend_from_slice(field);
        return;
    }
    // Most quoted fields are contexts quoted for a comma, with no quote in them: memchr
    // finds that in a few steps, and the field goes out in one copy.
    out.push(b'"');
    let mut rest = field;
    while let Some(p) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=p]);
        out.push(b'"');
        rest = &rest[p + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// A cell as a JSON value (`scratch` is reused for numbers); a number that is not
/// finite is `null`.
fn json_cell(scratch: &mut String, cell: Cell<'_>, buf: &mut Vec<u8>) {
    match cell {
        Cell::Null => buf.extend_from_slice(b"null"),
        Cell::Text(s) => write_json_str(buf, s),
        Cell::Number(v) if v.is_finite() => {
            scratch.clear();
            push_value(scratch, v);
            buf.extend_from_slice(scratch.as_bytes());
        }
        Cell::Number(_) => buf.extend_from_slice(b"null"),
        Cell::Int(n) => {
            let _ = write!(buf, "{n}");
        }
    }
}

fn write_json_str(buf: &mut Vec<u8>, s: &str) {
    // serde_json escapes control characters, quotes and backslashes; the rest is UTF-8.
    serde_json::to_writer(&mut *buf, s).expect("writing to a Vec cannot fail");
}

/// Writes encoded documents in order, with the stream's framing around them.
pub struct ChunkWriter<W: Write> {
    out: W,
    format: Format,
    bom: bool,
    /// No JSON object written yet.
    first: bool,
}

impl<W: Write> ChunkWriter<W> {
    /// A writer of one format; `bom` puts a UTF-8 byte order mark before CSV.
    pub fn new(out: W, format: Format, bom: bool) -> ChunkWriter<W> {
        ChunkWriter {
            out,
            format,
            bom: bom && format == Format::Csv,
            first: true,
        }
    }

    /// Start the stream: the byte order mark and header of CSV, `[` of JSON.
    pub fn begin(&mut self, encoder: &Encoder) -> io::Result<()> {
        match self.format {
            Format::Csv => {
                if self.bom {
                    self.out.write_all("\u{FEFF}".as_bytes())?;
                }
                self.out.write_all(&encoder.clone().header())?;
                self.out.flush()
            }
            Format::Json => self.out.write_all(b"["),
            // XLSX writes its header itself.
            Format::Jsonl | Format::Xlsx => Ok(()),
        }
    }

    /// One document's encoded rows.
    pub fn write_chunk(&mut self, chunk: &[u8]) -> io::Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        if self.format == Format::Json && self.first {
            self.first = false;
            // The array's first object has no comma before it.
            return self.out.write_all(&chunk[1..]);
        }
        self.out.write_all(chunk)
    }

    /// Let a reader see what was written.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// End the stream (`]` of JSON) and flush.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

struct RowSink<W: Write> {
    encoder: Encoder,
    out: ChunkWriter<W>,
    buf: Vec<u8>,
}

impl<W: Write> Sink for RowSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        self.out.begin(&self.encoder)
    }

    fn write(&mut self, rows: &[Row]) -> io::Result<()> {
        self.buf.clear();
        self.encoder.encode(rows, &mut self.buf);
        self.out.write_chunk(&self.buf)?;
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_guards() {
        assert_eq!(format_value(60120000000.0), "60120000000");
        assert_eq!(format_value(1.09), "1.09");
        assert_eq!(format_value(-3.5), "-3.5");
        assert_eq!(guard_formula("=1+1"), "'=1+1");
        assert_eq!(guard_formula("-3.5%"), "'-3.5%");
        assert_eq!(guard_formula("阿里云"), "阿里云");
    }

    #[test]
    fn csv_fields_as_the_csv_crate_writes_them() {
        let fields = [
            "",
            "阿里云",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"",
            "line\nbreak",
            "cr\rx",
            "a\r\n",
            " padded ",
            "'=1+1",
            "“引号”",
            ",",
            "x\"y,z\n",
        ];
        // Every pair of fields as a record, and each field alone (a record of one empty
        // field is the special case).
        let mut records: Vec<Vec<&str>> = fields.iter().map(|f| vec![*f]).collect();
        for a in fields {
            for b in fields {
                records.push(vec![a, b]);
            }
        }
        for record in records {
            let mut want = Vec::new();
            {
                let mut w = csv::WriterBuilder::new()
                    .flexible(true)
                    .from_writer(&mut want);
                w.write_record(&record).unwrap();
                w.flush().unwrap();
            }
            let mut got = Vec::new();
            for (n, f) in record.iter().enumerate() {
                if n > 0 {
                    got.push(b',');
                }
                csv_field(&mut got, f.as_bytes());
            }
            if got.is_empty() {
                got.extend_from_slice(b"\"\"");
            }
            got.push(b'\n');
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap(),
                "{record:?}"
            );
        }
    }
}
