//! tiqu (提取, "extract") reads Chinese business and technology news and turns it into
//! rows a person can sort and sum: one row per entity mention (company, organization,
//! person, city, province, country, region, product) with its canonical name, and one
//! row per figure with its value in base units, its unit code, what it measures, whose
//! it is and when.
//!
//! The pipeline, one module a stage:
//! [`input`] (paths → sources) → [`text::decode`] (bytes → text) →
//! [`text::normalize`] (visible text, with a map back to the input's lines) →
//! [`dict`] and [`extract`] (mentions: entities, figures, attribution) → [`row`] →
//! [`sink`] (CSV, JSON, JSON Lines). [`blocks`] reads a document too long to hold at
//! once in parts; [`run`] drives the pipeline over many inputs on every core, writing
//! rows in input order.
//!
//! ```
//! let pipeline = tiqu::Pipeline::new(tiqu::dict::Lexicon::builtin());
//! let doc = pipeline.process_bytes("-", "阿里云全年营收601.2亿元".as_bytes(), None);
//! let revenue = doc.rows.iter().find(|r| r.kind == "metric").unwrap();
//! assert_eq!(revenue.value, Some(60120000000.0));
//! assert_eq!(revenue.unit.as_deref(), Some("CNY"));
//! ```

pub mod blocks;
pub mod dict;
pub mod extract;
pub mod input;
pub mod row;
pub mod run;
pub mod sink;
pub mod text;

use std::ops::Range;
use std::sync::Arc;

use encoding_rs::Encoding;

use crate::dict::Lexicon;
use crate::extract::Extractor;
use crate::row::{Row, RowFilter};
use crate::text::normalize::Meta;

/// Everything needed to turn a document into rows, built once and shared.
#[derive(Debug, Clone)]
pub struct Pipeline {
    extractor: Extractor,
    /// Also write bare numbers (`--numbers`).
    pub numbers: bool,
    /// Which rows to keep.
    pub filter: RowFilter,
}

/// One part of a document read in parts ([`blocks`]): decoded text that starts where
/// reading can start over ([`text::normalize::resume_point`]), of which only the rows
/// that start in `keep` are this part's; the text around `keep` is there so that a
/// name, a figure or a sentence cut by the part's edges is still read whole.
#[derive(Debug, Clone)]
pub struct Part<'a> {
    /// The decoded text.
    pub text: &'a str,
    /// Whether the document starts with this part (only then is front matter read).
    pub first: bool,
    /// The document's format, as decided at its start.
    pub html: bool,
    /// Byte range of `text` whose rows this part gives.
    pub keep: Range<usize>,
    /// Lines of the document before `text` starts, added to every row's `line`.
    pub lines_before: u64,
}

/// The outcome of one document.
#[derive(Debug, Clone)]
pub struct DocOutput {
    pub rows: Vec<Row>,
    /// Warnings to print with the document's name (malformed bytes).
    pub warnings: Vec<String>,
    /// The document's metadata (which every row also carries; here also for a
    /// document that gave no rows).
    pub meta: Arc<Meta>,
}

impl Pipeline {
    /// A pipeline over a lexicon.
    pub fn new(lexicon: Lexicon) -> Pipeline {
        Pipeline {
            extractor: Extractor::new(lexicon),
            numbers: false,
            filter: RowFilter::default(),
        }
    }

    /// The extractor in use.
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// Decode, normalize and extract one document's bytes.
    pub fn process_bytes(
        &self,
        doc: &str,
        bytes: &[u8],
        encoding: Option<&'static Encoding>,
    ) -> DocOutput {
        let decoded = text::decode::decode(bytes, encoding);
        let mut warnings = Vec::new();
        if decoded.malformed > 0 {
            warnings.push(format!(
                "{} malformed byte sequence{} replaced (read as {})",
                decoded.malformed,
                if decoded.malformed == 1 { "" } else { "s" },
                decoded.encoding.name()
            ));
        }
        let mut out = self.process_document(doc, &decoded.text, None);
        warnings.append(&mut out.warnings);
        out.warnings = warnings;
        out
    }

    /// Normalize and extract one part of a long document: the rows that start in
    /// `part.keep`, with `line` counted in the whole document.
    pub fn process_part(&self, doc: &str, part: &Part<'_>) -> Vec<Row> {
        let text = text::normalize::normalize_part(part.text, part.first, Some(part.html));
        let mut mentions = self.extractor.extract(&text, self.numbers);
        let keep = |pos: usize| part.keep.contains(&text.source_offset(pos));
        mentions.entities.retain(|m| keep(m.start));
        mentions.figures.retain(|f| keep(f.start));
        mentions.numbers.retain(|n| keep(n.start));
        let mut rows = row::build_rows(doc, &text, mentions, &self.filter);
        for r in &mut rows {
            r.line += part.lines_before;
        }
        rows
    }

    /// Normalize and extract one decoded document.
    pub fn process_text(&self, doc: &str, source: &str) -> Vec<Row> {
        let text = text::normalize::normalize(source);
        let mentions = self.extractor.extract(&text, self.numbers);
        row::build_rows(doc, &text, mentions, &self.filter)
    }

    /// Normalize and extract one decoded document whose format may be known: `Some(true)`
    /// reads it as HTML (a JSON Lines document's `html`), `None` recognizes it from its
    /// content as [`Pipeline::process_text`] does.
    pub fn process_document(&self, doc: &str, source: &str, html: Option<bool>) -> DocOutput {
        let text = text::normalize::normalize_part(source, true, html);
        let mentions = self.extractor.extract(&text, self.numbers);
        let rows = row::build_rows(doc, &text, mentions, &self.filter);
        let meta = rows
            .first()
            .map_or_else(|| Arc::new(text.meta().clone()), |r| Arc::clone(&r.meta));
        // An empty page or one of only markup is worth a note: a crawl that saved
        // nothing looks the same as an article that names nothing.
        let mut warnings = Vec::new();
        if text.as_str().trim().is_empty() {
            warnings.push("no text (empty, whitespace or markup only)".to_string());
        }
        DocOutput {
            rows,
            warnings,
            meta,
        }
    }
}
