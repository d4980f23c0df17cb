//! Long documents in parts: a file too long to hold at once, read and extracted in
//! blocks of some tens of kilobytes, with the rows the whole file would give but for
//! what reaches further back than a part's context (below).
//!
//! Holding a document costs about thirteen times its size (the decoded text, the
//! normalized text and its four-byte-a-byte offset map, the mentions and the rows), and
//! extraction takes longer per byte the longer the document (measured: 0.5 µs a byte at
//! 1 MB, 2.7 µs at 16 MB), so a 1 GB dump read whole would need gigabytes and hours.
//! Above [`BlockOptions::threshold`] a document is cut instead:
//!
//! - **Where.** A part starts at a *resume point* (`text::normalize::resume_point`):
//!   in HTML, just past a line break or a tag and outside every tag, comment and
//!   `<script>`/`<style>`; in other text, just past a line break. Reading from there
//!   reads on as a reading from the document's start does, so the part's text is the
//!   same as the whole document's from there on. A line break is a paragraph for the
//!   extractors (figures, names and sentences never run across one); a tag end is the
//!   only place a minified page without line breaks can be cut.
//! - **Context.** Each part is read with [`BlockOptions::before`] bytes of the text
//!   before it and [`BlockOptions::after`] bytes after it, and gives only the rows that
//!   start in its own span. A name or figure cut by a part's edge is read whole by the
//!   part it starts in; the subject and period of a figure are found from the sentences
//!   and paragraphs before it, as in the whole document.
//! - **Lines.** Every part knows how many lines came before it, so `line` is the line
//!   in the whole file.
//! - **Decoding.** The encoding is chosen from the file's first megabyte with the same
//!   rules as a whole file (`text::decode::decode`), then the file is decoded as it is
//!   read with encoding_rs's streaming decoder, malformed sequences counted for one
//!   warning at the end.
//! - **Metadata.** The title, date, author and url are read from the first 64 KiB
//!   (`text::normalize::read_meta`: front matter and the HTML head) and carried by
//!   every part's rows, as every row of a whole document carries them.
//!
//! What a document read in parts cannot see: what reaches further back than `before`.
//! A person's name found by its title (董事长张涛) is matched again wherever it recurs in
//! a whole document but only within `before` of that title in parts; a name that needs
//! context (美的) is kept because the document names it unambiguously elsewhere only if
//! that is within the part; a figure's period carried from a time expression further back
//! than `before` is lost. A document below the threshold is always read whole, so
//! articles' rows never depend on this.

use std::io::{self, Read};
use std::ops::Range;
use std::sync::Arc;

use encoding_rs::{Decoder, DecoderResult, Encoding};

use crate::text::normalize::{read_meta, reads_as_html, resume_point, Meta};
use crate::{DocOutput, Part, Pipeline};

/// Where to cut long documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockOptions {
    /// Documents longer than this many bytes are read in parts.
    pub threshold: u64,
    /// Bytes of a part's own text (its rows' span), before it is moved to a resume point.
    pub block: usize,
    /// Bytes of text before a part's span that are read with it.
    pub before: usize,
    /// Bytes of text after a part's span that are read with it.
    pub after: usize,
}

impl Default for BlockOptions {
    /// 8 MiB, 64 KiB blocks, 8 KiB before, 2 KiB after.
    ///
    /// The threshold keeps memory bounded: a document read whole costs about thirteen
    /// times its size, 100 MB at 8 MiB, and every worker may hold one; news articles are
    /// far below it. Extraction slows as a text grows, so parts are small: on a 4 MB
    /// dump of articles, 64 KiB blocks read 3.5 MB/s, 32 KiB 3.0 (the context read
    /// twice weighs more), 256 KiB 2.3. 8 KiB before is several paragraphs (a subject or
    /// period is looked for in the paragraph), 2 KiB after is well past any mention and
    /// its 20-character context.
    fn default() -> Self {
        BlockOptions {
            threshold: 8 << 20,
            block: 64 << 10,
            before: 8 << 10,
            after: 2 << 10,
        }
    }
}

/// The bytes read first from a long document: its encoding and format are decided
/// on them, as on a whole file (`decode` reads at most 64 KiB for its guess).
pub const HEAD_BYTES: usize = 1 << 20;

/// How far a part may run past its block looking for a resume point (a `<script>`
/// with no end in sight); past it the part is cut where it stands.
const MAX_STRETCH: usize = 8;

/// A part that owns its text, handed from the reader to whoever extracts it.
#[derive(Debug, Clone)]
pub struct OwnedPart {
    pub text: String,
    pub first: bool,
    pub html: bool,
    pub keep: Range<usize>,
    pub lines_before: u64,
}

impl OwnedPart {
    /// The part as the pipeline reads it.
    pub fn as_part(&self) -> Part<'_> {
        Part {
            text: &self.text,
            first: self.first,
            html: self.html,
            keep: self.keep.clone(),
            lines_before: self.lines_before,
        }
    }
}

/// Cuts decoded text, pushed as it is decoded, into parts.
#[derive(Debug)]
pub struct Splitter {
    opts: BlockOptions,
    /// Text not yet given out in full: starts at the next part's context, a resume point.
    buf: String,
    /// Lines of the document before `buf`.
    lines: u64,
    /// Where the next part's own span starts in `buf`.
    keep_from: usize,
    html: Option<bool>,
    first: bool,
    done: bool,
}

impl Splitter {
    /// An empty splitter.
    pub fn new(opts: BlockOptions) -> Splitter {
        Splitter {
            opts: BlockOptions {
                block: opts.block.max(1),
                ..opts
            },
            buf: String::new(),
            lines: 0,
            keep_from: 0,
            html: None,
            first: true,
            done: false,
        }
    }

    /// The buffer to append decoded text to.
    pub fn buffer(&mut self) -> &mut String {
        &mut self.buf
    }

    /// Bytes of text held.
    pub fn held(&self) -> usize {
        self.buf.len()
    }

    /// Whether more text is wanted before [`Splitter::next_part`] can give a part.
    pub fn wants_more(&self) -> bool {
        !self.done && self.buf.len() < self.keep_from + self.opts.block + self.opts.after
    }

    /// The next part once enough text is held; `end` says that all text is in.
    pub fn next_part(&mut self, end: bool) -> Option<OwnedPart> {
        if self.done {
            return None;
        }
        let o = self.opts;
        let html = match self.html {
            Some(h) => h,
            None => {
                // Decided on the document's start, as a whole document is.
                if !end && self.buf.len() < HEAD_BYTES {
                    return None;
                }
                let h = reads_as_html(&self.buf);
                self.html = Some(h);
                h
            }
        };
        let s = self.keep_from;
        let target = ceil_char(&self.buf, s + o.block);
        if end && self.buf.len() <= target + o.after {
            self.done = true;
            if !self.first && s >= self.buf.len() {
                return None;
            }
            let text = std::mem::take(&mut self.buf);
            let keep = s..text.len();
            return Some(self.part(text, html, keep));
        }
        if !end && self.buf.len() < target + o.after {
            return None;
        }
        // The next part's context starts at a resume point about `before` ahead of its span.
        let want = target.saturating_sub(o.before).max(s);
        let (c, s_next) =
            match resume_point(&self.buf, html, 0, want).filter(|&c| c < self.buf.len()) {
                Some(c) => {
                    let s_next = ceil_char(&self.buf, target.max(c));
                    if !end && s_next + o.after > self.buf.len() {
                        return None;
                    }
                    (c, s_next)
                }
                None if !end && self.buf.len() < s + MAX_STRETCH * o.block => return None,
                // Nowhere to start over within reach: cut where the block ends.
                None => (target, target),
            };
        let e = ceil_char(&self.buf, s_next + o.after);
        let text = self.buf[..e].to_string();
        let part = self.part(text, html, s..s_next);
        self.lines += count_lines(&self.buf.as_bytes()[..c]);
        self.buf.drain(..c);
        self.keep_from = s_next - c;
        Some(part)
    }

    fn part(&mut self, text: String, html: bool, keep: Range<usize>) -> OwnedPart {
        let first = std::mem::replace(&mut self.first, false);
        OwnedPart {
            text,
            first,
            html,
            keep,
            lines_before: self.lines,
        }
    }
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn count_lines(b: &[u8]) -> u64 {
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

/// Choose a long document's encoding from its first bytes, by the rules for a whole
/// file; also gives the length of a byte order mark to skip.
pub fn choose_encoding(
    head: &[u8],
    forced: Option<&'static Encoding>,
) -> (&'static Encoding, usize) {
    let bom = Encoding::for_bom(head);
    if let Some(enc) = forced {
        // As for a whole file: a BOM is skipped only when it names the forced encoding.
        return match bom {
            Some((b, len)) if b == enc => (enc, len),
            _ => (enc, 0),
        };
    }
    if let Some((enc, len)) = bom {
        return (enc, len);
    }
    // A character cut by the head's end is not malformed UTF-8.
    let cut = match std::str::from_utf8(head) {
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        _ => head.len(),
    };
    (crate::text::decode::decode(&head[..cut], None).encoding, 0)
}

/// Reads a long document from a reader and gives its parts, decoding as it goes.
pub struct PartReader<R> {
    reader: R,
    decoder: Decoder,
    encoding: &'static Encoding,
    raw: Vec<u8>,
    /// Bytes of `raw` not yet decoded start here.
    raw_at: usize,
    eof: bool,
    malformed: usize,
    splitter: Splitter,
    meta: Arc<Meta>,
}

impl<R: Read> PartReader<R> {
    /// A reader over a document whose first bytes `head` were already read from
    /// `reader`; the encoding is chosen on them.
    pub fn new(
        head: Vec<u8>,
        reader: R,
        forced: Option<&'static Encoding>,
        opts: BlockOptions,
    ) -> PartReader<R> {
        let (encoding, bom) = choose_encoding(&head, forced);
        // The metadata sits at the start; a character cut by the end of the slice
        // read for it is replaced, which no title or date reaches.
        let start = &head[bom..head.len().min(bom + (64 << 10))];
        let meta = Arc::new(read_meta(&encoding.decode_without_bom_handling(start).0));
        PartReader {
            reader,
            decoder: encoding.new_decoder_without_bom_handling(),
            encoding,
            raw: head,
            raw_at: bom,
            eof: false,
            malformed: 0,
            splitter: Splitter::new(opts),
            meta,
        }
    }

    /// The document's metadata, for every part's rows.
    pub fn meta(&self) -> &Arc<Meta> {
        &self.meta
    }

    /// The encoding the document is read in.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// Malformed byte sequences replaced so far.
    pub fn malformed(&self) -> usize {
        self.malformed
    }

    /// Bytes held: undecoded input and text not yet given out.
    pub fn held(&self) -> usize {
        self.raw.len() - self.raw_at + self.splitter.held()
    }

    /// The next part; `None` at the end of the document.
    pub fn next_part(&mut self) -> Option<io::Result<OwnedPart>> {
        loop {
            if !self.splitter.wants_more() || self.eof {
                if let Some(p) = self
                    .splitter
                    .next_part(self.eof && self.raw_at >= self.raw.len())
                {
                    return Some(Ok(p));
                }
                if self.eof && self.raw_at >= self.raw.len() {
                    return None;
                }
            }
            if self.raw_at >= self.raw.len() && !self.eof {
                if let Err(e) = self.fill() {
                    return Some(Err(e));
                }
            }
            self.decode_some();
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        const READ: usize = 256 << 10;
        self.raw.clear();
        self.raw_at = 0;
        self.raw.resize(READ, 0);
        let mut n = 0;
        while n < READ {
            match self.reader.read(&mut self.raw[n..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.raw.truncate(n);
                    return Err(e);
                }
            }
        }
        self.raw.truncate(n);
        Ok(())
    }

    /// Decode what is read (all of it, or up to the end when the input ended).
    fn decode_some(&mut self) {
        let last = self.eof;
        let out = self.splitter.buffer();
        loop {
            let input = &self.raw[self.raw_at..];
            let need = self
                .decoder
                .max_utf8_buffer_length_without_replacement(input.len())
                .unwrap_or(input.len().saturating_mul(3))
                .max(16);
            out.reserve(need);
            let (result, read) = self
                .decoder
                .decode_to_string_without_replacement(input, out, last);
            self.raw_at += read;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => continue,
                DecoderResult::Malformed(_, _) => {
                    self.malformed += 1;
                    out.push('\u{FFFD}');
                }
            }
        }
    }
}

/// The warning for a document with malformed bytes, as for a whole file.
pub fn malformed_warning(malformed: usize, encoding: &'static Encoding) -> Option<String> {
    (malformed > 0).then(|| {
        format!(
            "{} malformed byte sequence{} replaced (read as {})",
            malformed,
            if malformed == 1 { "" } else { "s" },
            encoding.name()
        )
    })
}

/// Read a whole document in parts, one after the other: the rows and warnings that
/// the run loop gives for a document above the threshold. Whatever `opts.threshold`
/// says, the document is read in parts (tests force small blocks through this).
pub fn process_in_parts(
    pipeline: &Pipeline,
    doc: &str,
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
    opts: BlockOptions,
) -> DocOutput {
    let head = bytes[..bytes.len().min(HEAD_BYTES)].to_vec();
    let mut reader = PartReader::new(head.clone(), &bytes[head.len()..], encoding, opts);
    let mut rows = Vec::new();
    while let Some(part) = reader.next_part() {
        let part = part.expect("reading from memory cannot fail");
        let start = rows.len();
        rows.extend(pipeline.process_part(doc, &part.as_part()));
        for r in &mut rows[start..] {
            r.meta = Arc::clone(reader.meta());
        }
    }
    DocOutput {
        rows,
        warnings: malformed_warning(reader.malformed(), reader.encoding())
            .into_iter()
            .collect(),
        meta: Arc::clone(reader.meta()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Lexicon;

    fn small(block: usize) -> BlockOptions {
        BlockOptions {
            threshold: 0,
            block,
            before: block.min(2048),
            after: 512,
        }
    }

    /// Parts tile the text: spans are contiguous, in order, and cover everything.
    #[test]
    fn parts_tile_the_document() {
        let text: String = (0..2000)
            .map(|i| format!("<p>第{i}段，阿里云营收{i}亿元。</p>\n"))
            .collect();
        for block in [100, 1000, 7777] {
            let mut sp = Splitter::new(small(block));
            sp.buffer().push_str(&text);
            let mut covered = 0usize;
            let mut base = 0usize;
            let mut lines = 0u64;
            while let Some(p) = sp.next_part(true) {
                assert_eq!(base + p.keep.start, covered, "block {block}");
                assert_eq!(p.lines_before, lines, "block {block}");
                assert!(text[base..].starts_with(&p.text));
                covered = base + p.keep.end;
                // The splitter keeps the text from the next part's context on.
                base = covered - sp.keep_from;
                lines = count_lines(&text.as_bytes()[..base]);
            }
            assert_eq!(covered, text.len(), "block {block}");
        }
    }

    #[test]
    fn resume_points_skip_markup() {
        let html = "<p>a</p>\n<script>\nvar s = '<p>9亿</p>';\n</script>\n<!-- x\ny -->b<br>c";
        let points: Vec<usize> = {
            let mut v = Vec::new();
            let mut at = 0;
            while let Some(p) = resume_point(html, true, 0, at + 1) {
                v.push(p);
                at = p;
            }
            v
        };
        for p in &points {
            let rest = &html[*p..];
            assert!(
                !rest.starts_with("var") && !rest.starts_with("y -->"),
                "{p}: {rest:?}"
            );
        }
        assert!(points.contains(&html.find("b<br>").unwrap()));
    }

    /// A long document read in small parts gives the rows it gives whole.
    #[test]
    fn parts_give_the_rows_of_the_whole() {
        let pipeline = Pipeline::new(Lexicon::builtin());
        let article = "\n---\ntitle: '阿里云加大在广东投入'\ndate: Fri, 10 Dec 2021\n---\n\n<div>\n<p>阿里云全年营收601.2亿元，同比增长50%。</p>\n<p>浙江省累计建成各类数据中心202个，PUE最低可以达到1.09。</p><p>广东省2021年新增\n上市企业近6000家，每年省电7000万度。</p>\n<script>var x = '<p>9亿元</p>';\n</script>\n<p>腾讯、美的和华为在深圳投资1至2亿元。</p>\n</div>\n";
        let mut doc = String::new();
        while doc.len() < 200_000 {
            doc.push_str(article);
        }
        let whole = pipeline.process_bytes("big.txt", doc.as_bytes(), None);
        assert!(whole.rows.len() > 1000);
        for block in [3000, 20_000, 65_536] {
            let parts = process_in_parts(&pipeline, "big.txt", doc.as_bytes(), None, small(block));
            assert_eq!(parts.rows.len(), whole.rows.len(), "block {block}");
            for (a, b) in parts.rows.iter().zip(&whole.rows) {
                assert_eq!(a, b, "block {block}");
            }
        }
    }

    #[test]
    fn legacy_encodings_decode_across_reads() {
        let pipeline = Pipeline::new(Lexicon::builtin());
        let mut doc = String::new();
        // Past the first megabyte, so that characters are cut by reads.
        while doc.len() < 1_100_000 {
            doc.push_str(
                "广东省累计建成数据中心202个。这一段文字里没有数字，只是为了让文件变长一些。\n",
            );
        }
        let (gbk, _, _) = encoding_rs::GBK.encode(&doc);
        let whole = pipeline.process_bytes("gbk.txt", &gbk, None);
        let parts = process_in_parts(&pipeline, "gbk.txt", &gbk, None, BlockOptions::default());
        assert!(parts.warnings.is_empty());
        assert_eq!(parts.rows, whole.rows);
    }
}
