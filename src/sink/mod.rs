//! Writers: rows out as CSV, JSON or JSON Lines.
//!
//! Each writer gets `begin`, one `write` per document's rows, and `finish`, and flushes
//! after every document so that a pipe sees rows as soon as a document is done. CSV is
//! RFC 4180 (the csv crate quotes), with a leading `'` on text cells that a spreadsheet
//! would run as a formula (`=`, `+`, `-`, `@`); numbers in `value` are never altered.

use std::io::{self, Write};

use crate::row::{Cell, Field, Row};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Jsonl,
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
    match format {
        Format::Csv => Box::new(CsvSink {
            out: csv::WriterBuilder::new().from_writer(BomWriter {
                inner: out,
                pending_bom: bom,
            }),
            fields,
            record: Vec::new(),
        }),
        Format::Json => Box::new(JsonSink {
            out,
            fields,
            lines: false,
            first: true,
            buf: Vec::new(),
        }),
        Format::Jsonl => Box::new(JsonSink {
            out,
            fields,
            lines: true,
            first: true,
            buf: Vec::new(),
        }),
    }
}

/// Format a value as a spreadsheet reads it: integers without a fraction.
pub fn format_value(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A text cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn guard_formula(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

struct CsvSink<W: Write> {
    out: csv::Writer<BomWriter<W>>,
    fields: Vec<Field>,
    record: Vec<String>,
}

/// Writes a UTF-8 byte order mark before the first bytes, when asked.
struct BomWriter<W: Write> {
    inner: W,
    pending_bom: bool,
}

impl<W: Write> Write for BomWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending_bom {
            self.inner.write_all("\u{FEFF}".as_bytes())?;
            self.pending_bom = false;
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        self.out
            .write_record(self.fields.iter().map(|f| f.name()))
            .map_err(csv_io)?;
        self.out.flush()
    }

    fn write(&mut self, rows: &[Row]) -> io::Result<()> {
        for row in rows {
            self.record.clear();
            for &f in &self.fields {
                self.record.push(match row.cell(f) {
                    Cell::Null => String::new(),
                    Cell::Text(s) => guard_formula(s).into_owned(),
                    Cell::Number(v) => format_value(v),
                    Cell::Int(n) => n.to_string(),
                });
            }
            self.out.write_record(&self.record).map_err(csv_io)?;
        }
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

struct JsonSink<W: Write> {
    out: W,
    fields: Vec<Field>,
    lines: bool,
    first: bool,
    buf: Vec<u8>,
}

impl<W: Write> JsonSink<W> {
    fn object(&mut self, row: &Row) {
        self.buf.push(b'{');
        for (n, &f) in self.fields.iter().enumerate() {
            if n > 0 {
                self.buf.push(b',');
            }
            write_json_str(&mut self.buf, f.name());
            self.buf.push(b':');
            match row.cell(f) {
                Cell::Null => self.buf.extend_from_slice(b"null"),
                Cell::Text(s) => write_json_str(&mut self.buf, s),
                Cell::Number(v) if v.is_finite() => {
                    self.buf.extend_from_slice(format_value(v).as_bytes())
                }
                Cell::Number(_) => self.buf.extend_from_slice(b"null"),
                Cell::Int(n) => self.buf.extend_from_slice(n.to_string().as_bytes()),
            }
        }
        self.buf.push(b'}');
    }
}

fn write_json_str(buf: &mut Vec<u8>, s: &str) {
    // serde_json escapes control characters, quotes and backslashes; the rest is UTF-8.
    serde_json::to_writer(&mut *buf, s).expect("writing to a Vec cannot fail");
}

impl<W: Write> Sink for JsonSink<W> {
    fn begin(&mut self) -> io::Result<()> {
        if !self.lines {
            self.out.write_all(b"[")?;
        }
        Ok(())
    }

    fn write(&mut self, rows: &[Row]) -> io::Result<()> {
        self.buf.clear();
        for row in rows {
            if self.lines {
                self.object(row);
                self.buf.push(b'\n');
            } else {
                self.buf
                    .extend_from_slice(if self.first { b"\n" } else { b",\n" });
                self.first = false;
                self.object(row);
            }
        }
        self.out.write_all(&self.buf)?;
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        if !self.lines {
            self.out
                .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
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
}
