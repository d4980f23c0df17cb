//! Normalization: a decoded document into the plain text the extractors read.
//!
//! The seeds are `.txt` files that hold YAML front matter and raw HTML; other inputs are
//! Markdown or plain text dumps. The format is recognized from the content, never from
//! the file name. What comes out is the visible text: the front matter's `title` (other
//! keys are metadata), the body without tags, comments, `<script>`/`<style>` and URLs,
//! with entities decoded and full-width ASCII read as ASCII. Every byte of the result
//! keeps the offset of the source byte it came from, so a row's `line` is the line of
//! the input file even though tags and front matter were removed.

use std::borrow::Cow;
use std::ops::Range;

/// Metadata read from front matter or HTML `<title>`/`<meta>`; it produces no rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
}

/// The normalized text of one document, with a map back to the decoded source.
#[derive(Debug, Clone)]
pub struct Text {
    text: String,
    /// Where `text` maps back to the source: (offset in `text`, offset in the source) at
    /// each character from which on they advance together, until the next. Every byte
    /// of a character maps to where the character came from; one past the end maps to
    /// the end of the source. A map of every byte took four bytes of memory for each
    /// byte of text and a store for each, for a lookup asked only where a row starts.
    anchors: Vec<(u32, u32)>,
    /// Byte offsets in the source where each line starts.
    line_starts: Vec<u32>,
    meta: Meta,
}

impl Text {
    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Document metadata (title, date, author, url) where the input gave it.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Byte offset in the decoded source of the normalized byte at `pos`.
    pub fn source_offset(&self, pos: usize) -> usize {
        // The start of the character that holds `pos`.
        let mut pos = pos.min(self.text.len());
        while !self.text.is_char_boundary(pos) {
            pos -= 1;
        }
        let k = self.anchors.partition_point(|&(t, _)| t as usize <= pos);
        match k.checked_sub(1).map(|k| self.anchors[k]) {
            Some((t, src)) => src as usize + (pos - t as usize),
            None => 0,
        }
    }

    /// 1-based line of the input where the normalized byte at `pos` came from.
    pub fn line_of(&self, pos: usize) -> usize {
        let off = self.source_offset(pos) as u32;
        match self.line_starts.binary_search(&off) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Normalize a decoded document.
pub fn normalize(source: &str) -> Text {
    normalize_part(source, true, None)
}

/// Normalize one part of a document too long to read at once (`blocks`).
///
/// `first` is the part the document starts with: only there is front matter read.
/// `html` is the document's format as [`reads_as_html`] found it at the document's
/// start; a later part is read the same way whatever tags it holds or lacks. `None`
/// decides from `source` itself, as [`normalize`] does.
pub fn normalize_part(source: &str, first: bool, html: Option<bool>) -> Text {
    // Offsets are u32 to keep the map at four bytes a byte; larger inputs are split
    // into blocks by the caller long before they reach 4 GiB.
    let mut out = Builder::with_capacity(source.len());
    let mut meta = Meta::default();
    let fm = if first { front_matter(source) } else { None };
    let body_start = match fm {
        Some(fm) => {
            for (key, value) in &fm.fields {
                let text = &source[value.clone()];
                match key.as_str() {
                    "title" => {
                        let (inner, start) = unquote(text, value.start);
                        push_plain(&mut out, inner, start, true);
                        out.newline(value.end);
                        meta.title = Some(clean_meta(inner));
                    }
                    "date" => meta.date = Some(clean_meta(unquote(text, 0).0)),
                    "author" => meta.author = Some(clean_meta(unquote(text, 0).0)),
                    "url" | "link" | "source_url" | "permalink" => {
                        meta.url = Some(clean_meta(unquote(text, 0).0))
                    }
                    _ => {}
                }
            }
            fm.body_start
        }
        None => 0,
    };
    let body = &source[body_start..];
    if html.unwrap_or_else(|| looks_like_html(body)) {
        push_html(&mut out, body, body_start, &mut meta);
    } else {
        push_plain(&mut out, body, body_start, true);
    }
    out.map(source.len());
    let mut line_starts = vec![0u32];
    line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| (i + 1) as u32));
    Text {
        text: out.text,
        anchors: out.anchors,
        line_starts,
        meta,
    }
}

/// Whether a document is read as HTML, from its start (front matter skipped); what
/// [`normalize`] decides, for the later parts of a document read in parts.
pub fn reads_as_html(source: &str) -> bool {
    let body_start = front_matter(source).map_or(0, |fm| fm.body_start);
    looks_like_html(&source[body_start..])
}

/// The first position at or after `at_least` where reading `source` can start over
/// and read on as a reading from the document's start would: in HTML, outside every
/// tag, comment and skipped element (`<script>` …) and just past a line break or a
/// tag; in other text, just past a line break. `from` must be such a position (0 is).
/// `None` when there is none.
pub fn resume_point(source: &str, html: bool, from: usize, at_least: usize) -> Option<usize> {
    let b = source.as_bytes();
    let newline_in = |lo: usize, hi: usize| {
        let lo = lo.max(at_least.saturating_sub(1));
        (lo < hi)
            .then(|| b[lo..hi].iter().position(|&c| c == b'\n'))
            .flatten()
            .map(|p| lo + p + 1)
    };
    if !html {
        return newline_in(from, b.len());
    }
    // The same steps as `push_html`, keeping only where markup ends.
    let mut i = from;
    while i < b.len() {
        let lt = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |p| i + p);
        if let Some(p) = newline_in(i, lt) {
            return Some(p);
        }
        if lt == b.len() {
            return None;
        }
        let rest = &b[lt + 1..];
        let is_comment = rest.starts_with(b"!--");
        let is_tag = is_comment
            || rest
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!' || *c == b'?');
        if !is_tag {
            i = lt + 1;
            continue;
        }
        i = if is_comment {
            find_from(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3)
        } else {
            let end = tag_end(b, lt + 1);
            let (tag, closing) = tag_name(&b[lt + 1..end.saturating_sub(1).max(lt + 1)]);
            let name = tag.as_str();
            if !closing && SKIP_TAGS.contains(&name) {
                let close = format!("</{name}");
                find_ci(b, end, close.as_bytes()).map_or(b.len(), |p| tag_end_after(b, p + 2))
            } else {
                end
            }
        };
        if i >= at_least && i < b.len() {
            return Some(i);
        }
    }
    None
}

/// Fold one character as the SPEC reads it: full-width ASCII as ASCII, the ideographic
/// space as a space. Chinese punctuation outside that block (、。“”《》) stays as it is.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Fold a whole string (for dictionary terms and user input).
pub fn fold_str(s: &str) -> Cow<'_, str> {
    // Only characters whose UTF-8 starts with C2 (U+00A0), E3 (U+3000) or EF (U+FF01..)
    // fold: most strings hold none and are borrowed as they are.
    if !s.bytes().any(|b| matches!(b, 0xC2 | 0xE3 | 0xEF)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(fold_width).collect())
}

struct Builder {
    text: String,
    anchors: Vec<(u32, u32)>,
}

impl Builder {
    fn with_capacity(n: usize) -> Self {
        Builder {
            text: String::with_capacity(n),
            anchors: Vec::new(),
        }
    }

    /// The character about to be written at the end of the text comes from `src`: an
    /// anchor unless it continues the last one (text and source advanced alike).
    fn map(&mut self, src: usize) {
        let t = self.text.len();
        let continues = self
            .anchors
            .last()
            .is_some_and(|&(at, from)| from as usize + (t - at as usize) == src);
        if !continues {
            self.anchors.push((t as u32, src as u32));
        }
    }

    fn push(&mut self, c: char, src: usize) {
        let c = match fold_width(c) {
            // Control characters would reach a terminal through `context`; tabs and
            // carriage returns are whitespace like any other.
            '\r' | '\t' | '\u{0B}' | '\u{0C}' => ' ',
            c if c.is_control() && c != '\n' => ' ',
            // Zero-width characters split words invisibly.
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => return,
            c => c,
        };
        self.map(src);
        self.text.push(c);
    }

    /// Append three-byte characters that [`Builder::push`] would keep as they are, each
    /// mapped to its own source offset.
    fn push_three_byte_run(&mut self, run: &str, src: usize) {
        debug_assert!(run.chars().all(|c| c.len_utf8() == 3
            && fold_width(c) == c
            && !"\u{200B}\u{200C}\u{200D}".contains(c)));
        // Each character as long as in the source: one mapping for the run.
        self.map(src);
        self.text.push_str(run);
    }

    /// Append printable ASCII, which [`Builder::push`] would keep as it is, each byte
    /// mapped to its own source offset.
    fn push_ascii_run(&mut self, run: &str, src: usize) {
        debug_assert!(run.bytes().all(|b| (0x20..=0x7E).contains(&b)));
        self.map(src);
        self.text.push_str(run);
    }

    fn newline(&mut self, src: usize) {
        if !self.text.ends_with('\n') && !self.text.is_empty() {
            self.push('\n', src);
        }
    }
}

struct FrontMatter {
    fields: Vec<(String, Range<usize>)>,
    body_start: usize,
}

/// YAML front matter: `---` as the first non-blank line, closed by `---` or `...`.
/// Only top-level `key: value` pairs are read; anything else inside is skipped, and a
/// block that never closes is not front matter (the document is read as text).
fn front_matter(src: &str) -> Option<FrontMatter> {
    let mut pos = 0;
    let mut lines = src.split_inclusive('\n');
    let mut opened = false;
    for line in lines.by_ref() {
        let start = pos;
        pos += line.len();
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t == "---" {
            opened = true;
            break;
        }
        let _ = start;
        return None;
    }
    if !opened {
        return None;
    }
    let mut fields = Vec::new();
    for line in lines {
        let start = pos;
        pos += line.len();
        let t = line.trim_end_matches(['\n', '\r']);
        if t.trim_end() == "---" || t.trim_end() == "..." {
            return Some(FrontMatter {
                fields,
                body_start: pos,
            });
        }
        if t.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some(colon) = t.find(':') {
            let key = t[..colon].trim().to_ascii_lowercase();
            let vstart = start + colon + 1;
            let raw = &src[vstart..start + t.len()];
            let lead = raw.len() - raw.trim_start().len();
            let vs = vstart + lead;
            let ve = start + t.trim_end().len();
            if !key.is_empty() && ve >= vs {
                fields.push((key, vs..ve));
            }
        }
    }
    None
}

/// Strip one pair of YAML quotes; `''` inside single quotes is one quote.
fn unquote(s: &str, start: usize) -> (&str, usize) {
    let b = s.as_bytes();
    if b.len() >= 2 && (b[0] == b'\'' || b[0] == b'"') && b[b.len() - 1] == b[0] {
        (&s[1..s.len() - 1], start + 1)
    } else {
        (s, start)
    }
}

fn clean_meta(s: &str) -> String {
    // Most values hold nothing to decode, fold or blank.
    if !s
        .chars()
        .any(|c| c == '&' || c == '\'' || c.is_control() || fold_width(c) != c)
    {
        return s.trim().to_string();
    }
    let s = fold_str(&decode_entities_str(s.replace("''", "'").trim())).into_owned();
    // Entities can spell control characters too (&#27;).
    super::blank_controls(&s).trim().to_string()
}

/// HTML if a known tag or a comment appears early on.
fn looks_like_html(body: &str) -> bool {
    const TAGS: &[&str] = &[
        "<p",
        "<div",
        "<span",
        "<br",
        "<img",
        "<html",
        "<body",
        "<a ",
        "<h1",
        "<h2",
        "<h3",
        "<table",
        "<li",
        "<ul",
        "<script",
        "<style",
        "<meta",
        "<!--",
        "<section",
        "<article",
        "<strong",
        "<em>",
        "<b>",
        "<tr",
        "<td",
        "<head",
        "<!doctype",
        "<title",
        "<font",
    ];
    // Every tag starts with `<`: compare at those bytes only (comparing every tag at
    // every byte was nine tenths of normalizing an article).
    let head = &body.as_bytes()[..body.len().min(64 * 1024)];
    head.iter()
        .enumerate()
        .filter(|&(_, &c)| c == b'<')
        .any(|(i, _)| TAGS.iter().any(|t| starts_ci(&head[i..], t.as_bytes())))
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "dl",
    "header",
    "footer",
    "nav",
    "hr",
    "title",
    "figure",
    "figcaption",
    "aside",
    "main",
    "option",
    "caption",
    "tbody",
    "thead",
    "body",
    "html",
    "head",
];

/// Elements whose content is not text.
const SKIP_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg", "textarea"];

fn push_html(out: &mut Builder, body: &str, base: usize, meta: &mut Meta) {
    let b = body.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let mut in_title: Option<usize> = None;
    while i < b.len() {
        if b[i] != b'<' {
            // The text up to the next tag, skipped many bytes at a time.
            i = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |p| i + p);
            continue;
        }
        // Flush the text before this '<'.
        let rest = &b[i + 1..];
        let is_comment = rest.starts_with(b"!--");
        let is_tag = is_comment
            || rest
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!' || *c == b'?');
        if !is_tag {
            i += 1;
            continue;
        }
        push_text_run(out, &body[text_start..i], base + text_start);
        if is_comment {
            i = find_from(b, i + 4, b"-->").map_or(b.len(), |p| p + 3);
            text_start = i;
            continue;
        }
        let tag_end = tag_end(b, i + 1);
        let (tag, closing) = tag_name(&b[i + 1..tag_end.saturating_sub(1).max(i + 1)]);
        let name = tag.as_str();
        if !closing && (name == "meta" || name == "link") {
            meta_tag(&body[i..tag_end], meta);
        }
        i = tag_end;
        text_start = i;
        if !closing && SKIP_TAGS.contains(&name) {
            // Skip to the matching close tag; an unterminated one runs to the end.
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).map_or(b.len(), |p| tag_end_after(b, p + 2));
            text_start = i;
            continue;
        }
        if name == "title" {
            if closing {
                if let Some(s) = in_title.take() {
                    let raw = &body[s..text_start.min(body.len())];
                    let raw = raw.rsplit_once("</").map_or(raw, |(a, _)| a);
                    let t = clean_meta(raw);
                    if meta.title.is_none() && !t.is_empty() {
                        meta.title = Some(t);
                    }
                }
            } else {
                in_title = Some(i);
            }
        }
        if BLOCK_TAGS.contains(&name) {
            out.newline(base + i);
        }
    }
    push_text_run(out, &body[text_start..], base + text_start);
}

/// What a `<meta>` or `<link>` tag says of the document, kept where nothing earlier
/// (front matter, an earlier tag) said it. News sites write the same facts under
/// several names: Open Graph (`og:url`), article properties (`article:published_time`),
/// Dublin Core (`DC.date`), schema.org's `itemprop`, and plain `name="author"`.
fn meta_tag(tag: &str, meta: &mut Meta) {
    if let Some(rel) = attr(tag, "rel") {
        if rel.eq_ignore_ascii_case("canonical") && meta.url.is_none() {
            meta.url = attr(tag, "href").map(clean_meta).filter(|u| !u.is_empty());
        }
        return;
    }
    let Some(content) = attr(tag, "content") else {
        return;
    };
    let key = attr(tag, "property")
        .or_else(|| attr(tag, "name"))
        .or_else(|| attr(tag, "itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let slot = match key.as_str() {
        "article:published_time"
        | "og:published_time"
        | "og:release_date"
        | "pubdate"
        | "publishdate"
        | "publish_date"
        | "publish-date"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "datepublished"
        | "sailthru.date"
        | "weibo:article:create_at" => &mut meta.date,
        "author" | "article:author" | "dc.creator" | "byl" | "og:article:author" => {
            &mut meta.author
        }
        "og:url" | "twitter:url" => &mut meta.url,
        _ => return,
    };
    let value = clean_meta(content);
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value);
    }
}

/// The value of attribute `want` in a tag's source (`<meta name="x" content='y'>`),
/// quoted or not; names compare without case.
fn attr<'a>(tag: &'a str, want: &str) -> Option<&'a str> {
    let b = tag.as_bytes();
    let mut i = 1;
    // The tag's own name.
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return None;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let end = b[start..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |p| start + p);
                    i = (end + 1).min(b.len());
                    &tag[start..end]
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    &tag[start..i]
                }
            }
        } else {
            ""
        };
        if name.eq_ignore_ascii_case(want) {
            return Some(value);
        }
    }
}

/// A document's metadata alone, from its start, without building its text: what
/// [`Text::meta`] gives for the document, for a document too long to normalize whole
/// (`blocks` reads it in parts, and only the first holds the front matter and `<head>`).
pub fn read_meta(source: &str) -> Meta {
    let mut meta = Meta::default();
    let body_start = match front_matter(source) {
        Some(fm) => {
            for (key, value) in &fm.fields {
                let (inner, _) = unquote(&source[value.clone()], 0);
                match key.as_str() {
                    "title" => meta.title = Some(clean_meta(inner)),
                    "date" => meta.date = Some(clean_meta(inner)),
                    "author" => meta.author = Some(clean_meta(inner)),
                    "url" | "link" | "source_url" | "permalink" => {
                        meta.url = Some(clean_meta(inner))
                    }
                    _ => {}
                }
            }
            fm.body_start
        }
        None => 0,
    };
    let body = &source[body_start..];
    if !looks_like_html(body) {
        return meta;
    }
    // The tag walk of `push_html`, keeping only `<title>`, `<meta>` and `<link>`.
    let b = body.as_bytes();
    let mut i = 0;
    let mut in_title: Option<usize> = None;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + p;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find_from(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        if !rest
            .first()
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!' || *c == b'?')
        {
            i = lt + 1;
            continue;
        }
        let end = tag_end(b, lt + 1);
        let (tag, closing) = tag_name(&b[lt + 1..end.saturating_sub(1).max(lt + 1)]);
        i = end;
        match tag.as_str() {
            "meta" | "link" if !closing => meta_tag(&body[lt..end], &mut meta),
            "title" if closing => {
                if let Some(s) = in_title.take() {
                    let t = clean_meta(&body[s..lt]);
                    if meta.title.is_none() && !t.is_empty() {
                        meta.title = Some(t);
                    }
                }
            }
            "title" => in_title = Some(end),
            n if !closing && SKIP_TAGS.contains(&n) => {
                let close = format!("</{n}");
                i = find_ci(b, end, close.as_bytes()).map_or(b.len(), |p| tag_end_after(b, p + 2));
            }
            _ => {}
        }
        if i >= b.len() {
            break;
        }
    }
    meta
}

/// Position just past the `>` that ends a tag starting at `from`, honouring quotes.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = 0u8;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            // Quotes only matter inside attribute values (after '=').
            if i > from && b[i - 1] == b'=' {
                quote = c;
            }
        } else if c == b'>' {
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

fn tag_end_after(b: &[u8], from: usize) -> usize {
    tag_end(b, from)
}

/// A tag's name, lower-cased, held in place: every tag of a page is named, and only
/// short names are ever compared. A name too long for the buffer is no tag this reader
/// knows, and reads as the empty name, as a nameless tag (`<!DOCTYPE>`) does.
struct TagName {
    buf: [u8; 16],
    len: usize,
}

impl TagName {
    fn as_str(&self) -> &str {
        // ASCII letters and digits only.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

fn tag_name(inner: &[u8]) -> (TagName, bool) {
    let (closing, rest) = match inner.first() {
        Some(b'/') => (true, &inner[1..]),
        _ => (false, inner),
    };
    let len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let mut name = TagName {
        buf: [0; 16],
        len: 0,
    };
    if len <= name.buf.len() {
        name.buf[..len].copy_from_slice(&rest[..len]);
        name.buf[..len].make_ascii_lowercase();
        name.len = len;
    }
    (name, closing)
}

fn find_from(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Text between tags: entities decoded, URLs dropped.
fn push_text_run(out: &mut Builder, run: &str, base: usize) {
    if run.is_empty() {
        return;
    }
    push_decoded(out, run, base, false);
}

/// Plain text or Markdown: Markdown links and images give their words, entities are
/// decoded, URLs dropped.
fn push_plain(out: &mut Builder, text: &str, base: usize, markdown: bool) {
    push_decoded(out, text, base, markdown);
}

fn push_decoded(out: &mut Builder, s: &str, base: usize, markdown: bool) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let c = b[i];
        if c == b'&' {
            if let Some((ch, len)) = decode_entity(&s[i..]) {
                for ch in ch.chars() {
                    out.push(ch, base + i);
                }
                i += len;
                continue;
            }
        } else if (c == b'h' || c == b'H')
            && (starts_ci(&b[i..], b"http://") || starts_ci(&b[i..], b"https://"))
        {
            // URLs are not read: their digits are not figures.
            let mut j = i;
            while j < b.len()
                && b[j].is_ascii_graphic()
                && !matches!(b[j], b')' | b']' | b'>' | b'"' | b'\'' | b'<')
            {
                j += 1;
            }
            i = j;
            continue;
        } else if c == b'w'
            && starts_ci(&b[i..], b"www.")
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
        {
            let mut j = i;
            while j < b.len()
                && b[j].is_ascii_graphic()
                && !matches!(b[j], b')' | b']' | b'>' | b'"' | b'\'' | b'<')
            {
                j += 1;
            }
            i = j;
            continue;
        } else if markdown && (c == b'[' || (c == b'!' && b.get(i + 1) == Some(&b'['))) {
            if let Some((text, text_off, end)) = markdown_link(s, i) {
                push_decoded(out, text, base + text_off, false);
                i = end;
                continue;
            }
        }
        // A run of printable ASCII that starts nothing above (no entity, URL or link) is
        // copied whole too: folding and control characters never touch it.
        if is_plain_ascii(c) {
            let mut j = i + 1;
            while j < b.len() && is_plain_ascii(b[j]) {
                j += 1;
            }
            out.push_ascii_run(&s[i..j], base + i);
            i = j;
            continue;
        }
        // A run of Han characters and Chinese punctuation, the bulk of an article, is
        // copied whole: width folding and control characters never touch it.
        if kept_three_byte(b, i) {
            let mut j = i + 3;
            while kept_three_byte(b, j) {
                j += 3;
            }
            out.push_three_byte_run(&s[i..j], base + i);
            i = j;
            continue;
        }
        let ch = s[i..].chars().next().unwrap_or('\u{FFFD}');
        out.push(ch, base + i);
        i += ch.len_utf8();
    }
}

/// Whether a three-byte character that [`Builder::push`] keeps as it is starts at
/// `b[j]`: U+1000..U+9FFF (lead bytes E1..E9, Han, kana and the punctuation 、。“”《》)
/// but the ideographic space, which folds, and the zero-width U+200B..U+200D, dropped.
#[inline]
fn kept_three_byte(b: &[u8], j: usize) -> bool {
    // The lead byte alone settles a Han character, the common case; `b` is UTF-8, so
    // two more bytes follow any of these leads.
    match b.get(j) {
        Some(0xE4..=0xE9 | 0xE1) => j + 2 < b.len(),
        Some(0xE3) => b.get(j + 1..j + 3).is_some_and(|r| r != [0x80, 0x80]),
        Some(0xE2) => b
            .get(j + 1..j + 3)
            .is_some_and(|r| !(r[0] == 0x80 && (0x8B..=0x8D).contains(&r[1]))),
        _ => false,
    }
}

/// Printable ASCII other than the bytes that may start an entity, a URL or a Markdown
/// link (`&`, `h`, `H`, `w`, `[`, `!`).
fn is_plain_ascii(c: u8) -> bool {
    (0x20..=0x7E).contains(&c) && !matches!(c, b'&' | b'h' | b'H' | b'w' | b'[' | b'!')
}

fn starts_ci(b: &[u8], p: &[u8]) -> bool {
    b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p)
}

/// `[words](target)` or `![alt](target)` at `i`: the words, their offset, and the end.
fn markdown_link(s: &str, i: usize) -> Option<(&str, usize, usize)> {
    let open = if s.as_bytes()[i] == b'!' { i + 1 } else { i };
    let close = s[open + 1..].find(']')? + open + 1;
    if s[open + 1..close].contains('\n') || s.as_bytes().get(close + 1) != Some(&b'(') {
        return None;
    }
    let end = s[close + 2..].find(')')? + close + 2;
    if s[close + 2..end].contains('\n') {
        return None;
    }
    Some((&s[open + 1..close], open + 1, end + 1))
}

/// Decode all entities of a string (for metadata).
pub fn decode_entities_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s.as_bytes()[i] == b'&' {
            if let Some((ch, len)) = decode_entity(&s[i..]) {
                out.push_str(&ch);
                i += len;
                continue;
            }
        }
        let ch = s[i..].chars().next().unwrap_or('\u{FFFD}');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// One character reference at the start of `s` (`&amp;`, `&#123;`, `&#x4e2d;`, and the
/// legacy forms without `;` that browsers accept), with the bytes it takes.
fn decode_entity(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (digits_from, radix) = match b.get(2) {
            Some(b'x') | Some(b'X') => (3, 16),
            _ => (2, 10),
        };
        let mut j = digits_from;
        while j < b.len() && j - digits_from < 8 && (b[j] as char).is_digit(radix) {
            j += 1;
        }
        if j == digits_from {
            return None;
        }
        let n = u32::from_str_radix(&s[digits_from..j], radix).ok()?;
        let len = if b.get(j) == Some(&b';') { j + 1 } else { j };
        let ch = match n {
            0 => '\u{FFFD}',
            0x80..=0x9F => windows_1252(n),
            _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
        };
        return Some((ch.to_string(), len));
    }
    let mut j = 1;
    while j < b.len() && j < 12 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let name = &s[1..j];
    let semi = b.get(j) == Some(&b';');
    let value = named_entity(name)?;
    if semi {
        Some((value.to_string(), j + 1))
    } else if matches!(
        name,
        "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg" | "AMP" | "LT" | "GT"
    ) {
        Some((value.to_string(), j))
    } else {
        None
    }
}

fn windows_1252(n: u32) -> char {
    match n {
        0x80 => '€',
        0x85 => '…',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x96 => '–',
        0x97 => '—',
        0x99 => '™',
        _ => '\u{FFFD}',
    }
}

/// The named references that occur in news pages; unknown names stay as written.
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "ensp" | "emsp" | "thinsp" => " ",
        "zwj" | "zwnj" | "shy" | "lrm" | "rlm" => "",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "hellip" => "…",
        "mdash" => "—",
        "ndash" => "–",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "middot" => "·",
        "bull" => "•",
        "times" => "×",
        "divide" => "÷",
        "deg" => "°",
        "plusmn" => "±",
        "yen" => "¥",
        "euro" => "€",
        "pound" => "£",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "micro" => "µ",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "permil" => "‰",
        "prime" => "′",
        "Prime" => "″",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "sup2" => "²",
        "sup3" => "³",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "iexcl" => "¡",
        "iquest" => "¿",
        "acute" => "´",
        "uml" => "¨",
        "macr" => "¯",
        "ordf" => "ª",
        "ordm" => "º",
        "not" => "¬",
        "curren" => "¤",
        "brvbar" => "¦",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "ouml" => "ö",
        "uuml" => "ü",
        "auml" => "ä",
        "szlig" => "ß",
        "ccedil" => "ç",
        "ntilde" => "ñ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).as_str().to_string()
    }

    #[test]
    fn three_byte_runs_hold_only_what_push_keeps() {
        // Every three-byte character: copied in a run only if `Builder::push` would
        // write it unchanged, and every Han character is.
        for cp in 0x800u32..=0xFFFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut enc = [0u8; 4];
            let bytes = c.encode_utf8(&mut enc).as_bytes();
            let mut b = Builder::with_capacity(4);
            b.push(c, 0);
            let unchanged = b.text == c.to_string();
            if kept_three_byte(bytes, 0) {
                assert!(unchanged, "U+{cp:04X}");
            }
            if (0x4E00..=0x9FFF).contains(&cp) {
                assert!(kept_three_byte(bytes, 0), "U+{cp:04X}");
            }
        }
        assert_eq!(
            norm("中文、“引号”\u{3000}空格\u{200B}零宽"),
            "中文、“引号” 空格零宽"
        );
    }

    #[test]
    fn table_of_forms() {
        const CASES: &[(&str, &str, &str)] = &[
            ("full width digits", "营收６０１．２亿元", "营收601.2亿元"),
            ("ideographic space", "阿里云\u{3000}飞天", "阿里云 飞天"),
            ("entities", "AT&amp;T&reg; &#20013;&#x56FD; &bogus; &copy 2021", "AT&T® 中国 &bogus; © 2021"),
            ("html tags", "<p>第一段</p><p>第二段<span>内</span></p>", "第一段\n第二段内\n"),
            ("comments and scripts", "<div>a<!-- 601亿 -->b<script>var x='<p>9亿</p>';</script>c<style>p{}</style></div>", "abc\n"),
            ("image attributes are not text", "<p>文<img src=\"a/1639130914.png\" alt=\"image.png\">字</p>", "文字\n"),
            ("urls are not read", "见 https://example.com/2021/10.html 文", "见  文"),
            ("markdown links", "[阿里云](http://x.y/1) 和 ![图](a.png)", "阿里云 和 图"),
            ("unterminated comment", "<p>a</p><!-- b", "a\n"),
            ("quoted > in attribute", "<p title=\"a>b\">文</p>", "文\n"),
        ];
        for (name, input, want) in CASES {
            assert_eq!(norm(input), *want, "{name}");
        }
    }

    #[test]
    fn front_matter_title_is_text_other_keys_are_not() {
        let src = "\n---\ntitle: '阿里云加大在广东投入'\ndate: Fri, 10 Dec 2021\nheadimg: 'http://x/1.png'\n---\n\n<p>正文2021年</p>\n";
        let t = normalize(src);
        assert!(t.as_str().starts_with("阿里云加大在广东投入\n"));
        assert!(!t.as_str().contains("Dec"));
        assert!(t.as_str().contains("正文2021年"));
        assert_eq!(t.meta().title.as_deref(), Some("阿里云加大在广东投入"));
        assert_eq!(t.meta().date.as_deref(), Some("Fri, 10 Dec 2021"));
        // `line` follows the source: the title is on line 3, the body on line 8.
        let title_at = t.as_str().find("阿里云").unwrap();
        assert_eq!(t.line_of(title_at), 3);
        let body_at = t.as_str().find("正文").unwrap();
        assert_eq!(t.line_of(body_at), 8);
    }

    /// `<title>`, `<meta>` and `<link rel=canonical>` fill what front matter left empty;
    /// the first tag to say a thing wins; `read_meta` gives what `normalize` gives.
    #[test]
    fn html_head_gives_metadata() {
        const CASES: &[(&str, &str, [Option<&str>; 4])] = &[
            (
                "head tags",
                "<html><head><title>阿里云 &amp; 广东</title>\n<meta name=\"author\" content=\"张涛\">\n<meta property=\"article:published_time\" content=\"2021-12-10T08:00:00+08:00\" />\n<meta property=og:url content=https://example.com/a.html>\n<meta name=\"description\" content=\"不是元数据\">\n</head><body><p>正文</p></body></html>",
                [Some("阿里云 & 广东"), Some("2021-12-10T08:00:00+08:00"), Some("张涛"), Some("https://example.com/a.html")],
            ),
            (
                "front matter first",
                "---\ntitle: 前言标题\nauthor: '李四'\n---\n<head><title>页面标题</title><meta name=author content='王五'><link rel=\"canonical\" href=\"https://example.com/c\"></head><p>正文</p>",
                [Some("前言标题"), None, Some("李四"), Some("https://example.com/c")],
            ),
            (
                "first of two",
                "<meta name='pubdate' content='2021-01-02'><meta itemprop=\"datePublished\" content=\"2020\"><p>正文</p>",
                [None, Some("2021-01-02"), None, None],
            ),
            (
                "script is not read",
                "<script>var s = '<meta name=\"author\" content=\"x\">';</script><p>正文</p>",
                [None, None, None, None],
            ),
            (
                "a meta tag alone makes HTML",
                "<meta name=author content=x> 只是文字",
                [None, None, Some("x"), None],
            ),
        ];
        for (name, src, want) in CASES {
            let got = normalize(src).meta().clone();
            let want = Meta {
                title: want[0].map(String::from),
                date: want[1].map(String::from),
                author: want[2].map(String::from),
                url: want[3].map(String::from),
            };
            assert_eq!(got, want, "{name}");
            assert_eq!(read_meta(src), want, "{name}: read_meta");
            assert!(!normalize(src).as_str().contains("不是元数据"), "{name}");
        }
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let t = normalize("---\ntitle: x\n没有结束");
        assert!(t.as_str().contains("没有结束"));
    }

    #[test]
    fn tag_names() {
        const CASES: &[(&str, &str, bool)] = &[
            ("DIV class=\"a\"", "div", false),
            ("/P", "p", true),
            ("br/", "br", false),
            ("h2", "h2", false),
            ("!DOCTYPE html", "", false),
            ("abcdefghijklmnop", "abcdefghijklmnop", false),
            ("abcdefghijklmnopq", "", false),
        ];
        for &(inner, name, closing) in CASES {
            let (tag, c) = tag_name(inner.as_bytes());
            assert_eq!((tag.as_str(), c), (name, closing), "{inner}");
        }
    }

    #[test]
    fn offsets_map_every_byte() {
        let src = "<p>１２３&amp;</p>\n<p>广东</p>";
        let t = normalize(src);
        let s = t.as_str();
        let gd = s.find("广东").unwrap();
        assert_eq!(&src[t.source_offset(gd)..t.source_offset(gd) + 6], "广东");
        assert_eq!(t.line_of(gd), 2);
        assert_eq!(t.line_of(s.find('1').unwrap()), 1);
    }

    #[test]
    fn every_character_maps_to_where_it_came_from() {
        let sources = [
            "<p>１２３&amp;</p>\n<p>广东</p>",
            "---\ntitle: 标题\n---\n阿里云全年营收６０１．２亿元，同比增长50%。\u{200B}见[链接](http://x.cn)",
            "<div>A&lt;B&#x4E2D;&nbsp;文\u{3000}字</div><script>x=1</script>\r\n<b>ＰＵＥ １．０９</b>",
            "plain\ttext\u{7}with\u{85}controls 和 中文。",
            "",
        ];
        for src in sources {
            let t = normalize(src);
            let s = t.as_str();
            assert_eq!(t.source_offset(s.len()), src.len(), "{src:?}");
            assert_eq!(t.source_offset(s.len() + 10), src.len(), "{src:?}");
            let mut last = 0;
            for (p, c) in s.char_indices() {
                let o = t.source_offset(p);
                // A line break for a closing tag may map to the end.
                assert!(o >= last && o <= src.len(), "{src:?} {p}");
                last = o;
                // Every byte of the character maps where its first does.
                for k in 1..c.len_utf8() {
                    assert_eq!(t.source_offset(p + k), o, "{src:?} {p}+{k}");
                }
                // What stands there is the character, or what it was folded from.
                let from = src[o..].chars().next().unwrap_or(' ');
                if c.is_alphanumeric() && !from.is_ascii_punctuation() {
                    assert!(
                        from == c || fold_width(from) == c,
                        "{src:?} {p}: {c} from {from}"
                    );
                }
            }
        }
    }
}
