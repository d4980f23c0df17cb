//! Dictionary lines into entries and forms, as both the loader and `build.rs` read them.
//!
//! An entry line's columns ([`columns`]), and what a run of lines adds up to
//! ([`Collected`]): a later line with the same canonical name and type replaces the
//! entry, and a later entry's form claims that form. The build script reads the built-in
//! dictionaries with this code and writes what they add up to as a [`Snapshot`], so
//! that start-up takes finished entries instead of parsing, hashing and indexing some
//! twenty thousand lines (that was two fifths of one small article's run). This file uses
//! nothing but `std` and [`super::terms`], because `build.rs` includes it too.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

use super::terms;

/// An entry line's columns, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns<'a> {
    pub canonical: &'a str,
    /// Not checked here: the loader knows the types.
    pub etype: &'a str,
    /// `|`-separated.
    pub aliases: &'a str,
    pub code: &'a str,
    pub parent: &'a str,
    /// Comma-separated; see [`needs_context`].
    pub flags: &'a str,
}

/// The columns of an entry line (see [`terms::is_entry_line`]), or what is wrong with it.
pub fn columns(line: &str) -> Result<Columns<'_>, String> {
    // At most six columns are allowed; a seventh is counted only.
    let mut cols = [""; 6];
    let mut ncols = 0;
    for col in line.split('\t') {
        if ncols < cols.len() {
            cols[ncols] = col;
        }
        ncols += 1;
    }
    if ncols < 2 {
        return Err("expected at least two tab-separated columns: canonical, type".into());
    }
    if ncols > 6 {
        return Err(format!(
            "{ncols} columns; at most six (canonical, type, aliases, code, parent, flags)"
        ));
    }
    let canonical = terms::trim(cols[0]);
    if canonical.is_empty() {
        return Err("empty canonical name".into());
    }
    Ok(Columns {
        canonical,
        etype: terms::trim(cols[1]),
        aliases: terms::trim(cols[2]),
        code: terms::trim(cols[3]),
        parent: terms::trim(cols[4]),
        flags: terms::trim(cols[5]),
    })
}

/// Whether the flags column marks a common word (`ctx`), or the flag it does not know.
pub fn needs_context(flags: &str) -> Result<bool, String> {
    let mut ctx = false;
    for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match flag {
            "ctx" => ctx = true,
            other => return Err(format!("unknown flag {other:?}; known: ctx")),
        }
    }
    Ok(ctx)
}

/// What dictionary lines read in order add up to: entries `E` keyed by `K` (canonical
/// name and type), and the folded forms `S` in the order first named, each with the
/// entry that claimed it last.
///
/// The maps can be left out ([`Collected::from_parts`]) and built when the first line
/// is added: a run that adds nothing to the built-in entries never needs them.
#[derive(Debug, Clone)]
pub struct Collected<E, K, S, H> {
    pub entries: Vec<E>,
    pub term_order: Vec<S>,
    pub term_entry: Vec<usize>,
    by_key: HashMap<K, usize, H>,
    terms: HashMap<S, usize, H>,
    /// The maps hold every entry and form.
    indexed: bool,
}

impl<E, K, S, H> Default for Collected<E, K, S, H>
where
    H: Default,
{
    fn default() -> Self {
        Collected {
            entries: Vec::new(),
            term_order: Vec::new(),
            term_entry: Vec::new(),
            by_key: HashMap::default(),
            terms: HashMap::default(),
            indexed: true,
        }
    }
}

impl<E, K, S, H> Collected<E, K, S, H>
where
    K: Hash + Eq,
    S: Hash + Eq + Clone + Borrow<str> + for<'a> From<&'a str>,
    H: BuildHasher + Default,
{
    /// Entries and forms read before, without their maps.
    pub fn from_parts(entries: Vec<E>, term_order: Vec<S>, term_entry: Vec<usize>) -> Self {
        Collected {
            entries,
            term_order,
            term_entry,
            by_key: HashMap::default(),
            terms: HashMap::default(),
            indexed: false,
        }
    }

    /// Room for this many more lines (about two forms each).
    pub fn reserve(&mut self, lines: usize) {
        self.entries.reserve(lines);
        self.by_key.reserve(lines);
        self.terms.reserve(lines * 2);
        self.term_order.reserve(lines * 2);
        self.term_entry.reserve(lines * 2);
    }

    /// Build the maps if [`Collected::from_parts`] left them out; `key` gives an
    /// entry's key.
    pub fn index(&mut self, key: impl Fn(&E) -> K) {
        if self.indexed {
            return;
        }
        self.by_key.reserve(self.entries.len());
        for (i, e) in self.entries.iter().enumerate() {
            self.by_key.insert(key(e), i);
        }
        self.terms.reserve(self.term_order.len());
        for (i, t) in self.term_order.iter().enumerate() {
            self.terms.insert(S::clone(t), i);
        }
        self.indexed = true;
    }

    /// Add an entry, or replace the one with the same key; its index. The maps must be
    /// built ([`Collected::index`]).
    fn upsert(&mut self, key: K, entry: E) -> usize {
        debug_assert!(self.indexed);
        // One look-up per line (the entry API).
        match self.by_key.entry(key) {
            std::collections::hash_map::Entry::Occupied(o) => {
                let idx = *o.get();
                self.entries[idx] = entry;
                idx
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(self.entries.len());
                self.entries.push(entry);
                self.entries.len() - 1
            }
        }
    }

    /// The folded form `folded` now stands for entry `idx`.
    fn claim(&mut self, folded: &str, idx: usize) {
        debug_assert!(self.indexed);
        match self.terms.get(folded) {
            Some(&t) => self.term_entry[t] = idx,
            None => {
                let term = S::from(folded);
                self.terms.insert(S::clone(&term), self.term_order.len());
                self.term_order.push(term);
                self.term_entry.push(idx);
            }
        }
    }

    /// Add the entry lines of one file (the others are skipped): `entry` makes an
    /// entry and its key from a line's columns, or says what is wrong with them, and
    /// `fold` folds each of the entry's forms. The maps must be built. The first wrong
    /// line ends the reading: its number (from 1) and what is wrong.
    pub fn add_lines<'t, F: AsRef<str>>(
        &mut self,
        lines: impl IntoIterator<Item = &'t str>,
        mut entry: impl FnMut(&Columns<'t>) -> Result<(K, E), String>,
        fold: impl Fn(&'t str) -> F,
    ) -> Result<(), (usize, String)> {
        for (i, raw) in lines.into_iter().enumerate() {
            let line = raw.trim_end_matches('\r');
            if !terms::is_entry_line(line) {
                continue;
            }
            let c = columns(line).and_then(|c| entry(&c).map(|e| (c, e)));
            let (c, (key, e)) = c.map_err(|reason| (i + 1, reason))?;
            let idx = self.upsert(key, e);
            for form in terms::forms(c.canonical, c.aliases) {
                self.claim(fold(form).as_ref(), idx);
            }
        }
        Ok(())
    }

    /// Whether `s` is a folded form of some entry. The maps must be built.
    pub fn is_term(&self, s: &str) -> bool {
        debug_assert!(self.indexed);
        self.terms.contains_key(s)
    }
}

/// The built-in dictionaries as `build.rs` read them: the entries, the folded forms in
/// the order first named with the entry of each, and the patterns beyond the forms (the
/// spaced forms of [`terms::patterns`]) with the form each stands for.
///
/// Written in two parts: every string one after another, as text (the binary holds it
/// with `include_str!`, checked as UTF-8 when it is built: checking it at start was most
/// of reading the snapshot), and an index that gives each string as where it starts and
/// ends in that text, all numbers little-endian `u32`s.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot<'a> {
    /// Canonical name, type, code, parent, common word.
    pub entries: Vec<(&'a str, &'a str, &'a str, &'a str, bool)>,
    pub terms: Vec<(&'a str, u32)>,
    pub spaced: Vec<(&'a str, u32)>,
}

impl<'a> Snapshot<'a> {
    /// The text and the index [`Snapshot::read`] reads back.
    pub fn write(&self) -> (String, Vec<u8>) {
        fn num(out: &mut Vec<u8>, n: usize) {
            out.extend_from_slice(&u32::try_from(n).expect("under 4 GiB").to_le_bytes());
        }
        let mut texts = String::new();
        let mut index = Vec::new();
        let mut text = |index: &mut Vec<u8>, s: &str| {
            num(index, texts.len());
            texts.push_str(s);
            num(index, texts.len());
        };
        num(&mut index, self.entries.len());
        for &(canonical, etype, code, parent, ctx) in &self.entries {
            for s in [canonical, etype, code, parent] {
                text(&mut index, s);
            }
            index.push(u8::from(ctx));
        }
        for list in [&self.terms, &self.spaced] {
            num(&mut index, list.len());
            for &(s, n) in list {
                text(&mut index, s);
                num(&mut index, n as usize);
            }
        }
        (texts, index)
    }

    /// Read what [`Snapshot::write`] wrote; `None` if the index is not one of the text.
    pub fn read(texts: &'a str, index: &'a [u8]) -> Option<Snapshot<'a>> {
        struct Cursor<'b> {
            texts: &'b str,
            rest: &'b [u8],
        }
        impl<'b> Cursor<'b> {
            fn bytes(&mut self, n: usize) -> Option<&'b [u8]> {
                let (head, rest) = (self.rest.get(..n)?, self.rest.get(n..)?);
                self.rest = rest;
                Some(head)
            }
            fn num(&mut self) -> Option<u32> {
                Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
            }
            fn text(&mut self) -> Option<&'b str> {
                let (from, to) = (self.num()? as usize, self.num()? as usize);
                self.texts.get(from..to)
            }
        }
        let mut c = Cursor { texts, rest: index };
        let mut snap = Snapshot::default();
        let n = c.num()? as usize;
        snap.entries.reserve(n.min(index.len()));
        for _ in 0..n {
            let (canonical, etype, code, parent) = (c.text()?, c.text()?, c.text()?, c.text()?);
            let ctx = c.bytes(1)?[0] != 0;
            snap.entries.push((canonical, etype, code, parent, ctx));
        }
        for list in [&mut snap.terms, &mut snap.spaced] {
            let n = c.num()? as usize;
            list.reserve(n.min(index.len()));
            for _ in 0..n {
                list.push((c.text()?, c.num()?));
            }
        }
        c.rest.is_empty().then_some(snap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_of_lines() {
        let c = columns(" 阿里云 \tcompany\t 阿里 | Aliyun \t\t阿里巴巴集团\tctx").unwrap();
        assert_eq!(
            (c.canonical, c.etype, c.aliases, c.code, c.parent, c.flags),
            (
                "阿里云",
                "company",
                "阿里 | Aliyun",
                "",
                "阿里巴巴集团",
                "ctx"
            )
        );
        assert_eq!(needs_context(c.flags), Ok(true));
        assert_eq!(needs_context(" , "), Ok(false));
        for (line, reason) in [
            ("阿里云", "expected at least two tab-separated columns"),
            ("\tcompany", "empty canonical name"),
            ("a\tb\tc\td\te\tf\tg", "7 columns; at most six"),
        ] {
            let got = columns(line).unwrap_err();
            assert!(got.starts_with(reason), "{line:?}: {got}");
        }
        assert_eq!(
            needs_context("ctx,loud").unwrap_err(),
            "unknown flag \"loud\"; known: ctx"
        );
    }

    #[test]
    fn snapshot_reads_back_what_it_wrote() {
        let snap = Snapshot {
            entries: vec![
                ("阿里云", "company", "", "阿里巴巴集团", false),
                ("杭州", "city", "330100", "", true),
            ],
            terms: vec![("阿里云", 0), ("杭州", 1), ("aliyun", 0)],
            spaced: vec![("lg 新能源", 2)],
        };
        let (texts, index) = snap.write();
        assert_eq!(Snapshot::read(&texts, &index), Some(snap));
        // Cut short, with bytes left over, or for another text: not a snapshot.
        assert_eq!(Snapshot::read(&texts, &index[..index.len() - 1]), None);
        assert_eq!(
            Snapshot::read(&texts, &[index.as_slice(), &[0]].concat()),
            None
        );
        assert_eq!(Snapshot::read(&texts[..6], &index), None);
        assert_eq!(Snapshot::read("", &[]), None);
        // The first name ending inside its first character (past the count of entries
        // and where the name starts), then at its end.
        let mut inside = index.clone();
        inside[8..12].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(Snapshot::read(&texts, &inside), None);
        inside[8..12].copy_from_slice(&3u32.to_le_bytes());
        assert_eq!(Snapshot::read(&texts, &inside).unwrap().entries[0].0, "阿");
    }

    #[test]
    fn later_lines_replace_and_claim() {
        let mut c: Collected<(&str, u8), &str, String, std::collections::hash_map::RandomState> =
            Collected::default();
        let a = c.upsert("阿里", ("阿里", 1));
        c.claim("阿里", a);
        let b = c.upsert("阿里巴巴", ("阿里巴巴", 1));
        c.claim("阿里", b);
        c.claim("alibaba", b);
        assert_eq!(c.upsert("阿里", ("阿里", 2)), a);
        assert_eq!(c.entries, [("阿里", 2), ("阿里巴巴", 1)]);
        assert_eq!(c.term_order, ["阿里", "alibaba"]);
        assert_eq!(c.term_entry, [b, b]);
        assert!(c.is_term("alibaba") && !c.is_term("阿里巴巴"));
        // Read back without maps, then indexed when more is added: the same state.
        let mut d: Collected<(&str, u8), &str, String, std::collections::hash_map::RandomState> =
            Collected::from_parts(
                c.entries.clone(),
                c.term_order.clone(),
                c.term_entry.clone(),
            );
        d.index(|e| e.0);
        assert_eq!(d.upsert("阿里巴巴", ("阿里巴巴", 3)), b);
        assert!(d.is_term("阿里"));
    }
}
