//! Dictionaries: the entity lexicon and its matcher.
//!
//! Entities that a list can hold (places, companies, products, organizations) live in
//! `dictionaries/*.tsv`, embedded at build time; a user's `--dict FILE` goes through the
//! same loader. Matching is leftmost-longest, so 阿里云 is one company and never 阿里 +
//! 云, and 中国石化 is never the country 中国.
//!
//! The matcher is a trie walked only where a table of character pairs says a form may
//! start ([`trie`]). It took the place of daachorse's character-wise Aho-Corasick
//! automaton, which finds the same matches: that automaton's 1.4 MB table was read at
//! every character, and inside the whole pipeline, whose other stages push it out of
//! cache, the scan ran at half the speed it reached alone. `build.rs` builds the
//! built-in dictionaries' trie ahead of time with the same code ([`terms`], [`trie`]) and
//! the binary reads it at start; with `--dict` the trie is built at start. `build.rs`
//! also reads the built-in lines into entries and forms ([`tsv`], the loader's own
//! code), so start-up takes them finished; the maps a `--dict` file is added with are
//! built only then.
//!
//! ASCII case is folded by matching lower-cased forms against the text read with its
//! ASCII letters lower-cased (by the trie, as it reads each character): ASCII
//! lower-casing keeps every byte offset, so matches fall on the original text as they
//! are.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

pub mod pairs;
pub mod terms;
pub mod trie;
pub mod tsv;

use self::pairs::PairFilter;
use self::trie::PairTrie;

use crate::text::normalize::fold_str;

/// The trie of the built-in dictionaries, built by `build.rs` with [`terms`] and [`trie`].
static BUILTIN_TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_trie.bin"));

/// The built-in dictionaries' entries and forms, read by `build.rs` with [`tsv`]: the
/// index of a [`tsv::Snapshot`] and its text.
static BUILTIN_LEXICON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_lexicon.bin"));
static BUILTIN_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_names.txt"));

// `BUILTIN_FINGERPRINT`: the fingerprint of that trie's keys.
include!(concat!(env!("OUT_DIR"), "/builtin_fingerprint.rs"));

/// The entity types of the SPEC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Company,
    Organization,
    Person,
    City,
    Province,
    Country,
    Region,
    Product,
}

impl EntityType {
    /// Every type, in the SPEC's order.
    pub const ALL: [EntityType; 8] = [
        EntityType::Company,
        EntityType::Organization,
        EntityType::Person,
        EntityType::City,
        EntityType::Province,
        EntityType::Country,
        EntityType::Region,
        EntityType::Product,
    ];

    /// The type's name in rows.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Company => "company",
            EntityType::Organization => "organization",
            EntityType::Person => "person",
            EntityType::City => "city",
            EntityType::Province => "province",
            EntityType::Country => "country",
            EntityType::Region => "region",
            EntityType::Product => "product",
        }
    }

    /// Parse a type name.
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Places: what a government or a data centre is named after.
    pub fn is_place(self) -> bool {
        matches!(
            self,
            EntityType::City | EntityType::Province | EntityType::Country | EntityType::Region
        )
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name held by the lexicon, by the mentions that found it and by their rows: a
/// mention or a row takes it by a count or a pointer, not by a copy (a document names
/// hundreds of entities, each once in a mention and once in a row).
///
/// The built-in dictionaries' names point into the text the binary holds, so start-up
/// allocates none of their twenty thousand and copying one touches no count that every
/// thread shares; a name read from a file or made by a rule is counted ([`Arc`]).
#[derive(Clone)]
pub struct Name(NameRepr);

#[derive(Clone)]
enum NameRepr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Name {
    /// A name that lives as long as the program: no allocation, no count.
    pub const fn from_static(s: &'static str) -> Name {
        Name(NameRepr::Static(s))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            NameRepr::Static(s) => s,
            NameRepr::Shared(s) => s,
        }
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        to_name(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        to_name(&s)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// As the text hashes, so that a map keyed by names is asked with a `&str`.
impl std::hash::Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The [`Name`] of `s`, counted; the empty name is a static one (most codes and parents
/// are empty), so it costs no allocation.
pub fn to_name(s: &str) -> Name {
    if s.is_empty() {
        return Name::from_static("");
    }
    Name(NameRepr::Shared(Arc::from(s)))
}

/// One entity of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub canonical: Name,
    pub etype: EntityType,
    pub code: Name,
    pub parent: Name,
    /// Also a common word (美的, 小米): reported only where the context makes it a name.
    pub needs_context: bool,
}

/// A malformed line in a dictionary file.
#[derive(Debug, Clone, PartialEq)]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

impl std::error::Error for DictError {}

/// The dictionaries shipped in the binary, as (file name, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "places_cn.tsv",
        include_str!("../../dictionaries/places_cn.tsv"),
    ),
    (
        "countries.tsv",
        include_str!("../../dictionaries/countries.tsv"),
    ),
    (
        "world_places.tsv",
        include_str!("../../dictionaries/world_places.tsv"),
    ),
    (
        "regions.tsv",
        include_str!("../../dictionaries/regions.tsv"),
    ),
    (
        "organizations.tsv",
        include_str!("../../dictionaries/organizations.tsv"),
    ),
    (
        "companies.tsv",
        include_str!("../../dictionaries/companies.tsv"),
    ),
    (
        "companies_more.tsv",
        include_str!("../../dictionaries/companies_more.tsv"),
    ),
    (
        "products.tsv",
        include_str!("../../dictionaries/products.tsv"),
    ),
];

/// rustc's FxHash for the loader's maps and the unit table: the tables' own names need
/// no defence against chosen collisions, and SipHash was a seventh of start-up.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

/// Collects entries from TSV files; later entries override earlier ones.
#[derive(Debug, Default, Clone)]
pub struct LexiconBuilder {
    collected: tsv::Collected<Entry, (Name, EntityType), Name, BuildHasherDefault<FxHasher>>,
    /// The built-in dictionaries' patterns beyond their forms, as `build.rs` found them:
    /// good while nothing else is added.
    spaced: Option<Vec<(Name, usize)>>,
}

impl LexiconBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder holding the built-in dictionaries: the entries `build.rs` read from
    /// them, without the maps that adding a file needs (those are built if one is).
    pub fn builtin() -> Self {
        // The snapshot and the built-in files are checked by tests; a bad one is a bug.
        let snapshot = tsv::Snapshot::read(BUILTIN_NAMES, BUILTIN_LEXICON)
            .expect("the built-in entries build.rs wrote");
        // The snapshot's strings are slices of the binary's own text: names as they are.
        let name = Name::from_static;
        let entries = snapshot
            .entries
            .iter()
            .map(|&(canonical, etype, code, parent, needs_context)| Entry {
                canonical: name(canonical),
                etype: EntityType::parse(etype).unwrap_or_else(|| {
                    panic!("built-in dictionary: unknown type {etype:?} of {canonical}")
                }),
                code: name(code),
                parent: name(parent),
                needs_context,
            })
            .collect();
        let (term_order, term_entry) = snapshot
            .terms
            .iter()
            .map(|&(term, entry)| (name(term), entry as usize))
            .unzip();
        let spaced = snapshot
            .spaced
            .iter()
            .map(|&(pattern, term)| (name(pattern), term as usize))
            .collect();
        LexiconBuilder {
            collected: tsv::Collected::from_parts(entries, term_order, term_entry),
            spaced: Some(spaced),
        }
    }

    /// Read one TSV file (see `dictionaries/README.md`).
    pub fn add_tsv(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        self.spaced = None;
        self.collected
            .index(|e| (Name::clone(&e.canonical), e.etype));
        let entry = |c: &tsv::Columns<'_>| {
            let etype = EntityType::parse(c.etype).ok_or_else(|| {
                format!("unknown type {:?}; one of company, organization, person, city, province, country, region, product", c.etype)
            })?;
            let needs_context = tsv::needs_context(c.flags)?;
            let canonical = to_name(c.canonical);
            let entry = Entry {
                canonical: Name::clone(&canonical),
                etype,
                code: to_name(c.code),
                parent: to_name(c.parent),
                needs_context,
            };
            Ok(((canonical, etype), entry))
        };
        self.collected
            .add_lines(lines(text), entry, fold_str)
            .map_err(|(line, reason)| DictError {
                file: file.to_string(),
                line,
                reason,
            })
    }

    /// Number of entries so far.
    pub fn len(&self) -> usize {
        self.collected.entries.len()
    }

    /// True when no entry was added.
    pub fn is_empty(&self) -> bool {
        self.collected.entries.is_empty()
    }

    /// Build the matcher.
    pub fn build(self) -> Lexicon {
        let LexiconBuilder { collected, spaced } = self;
        let builtin = spaced.is_some();
        let found: Vec<(Name, usize)> = match spaced {
            Some(spaced) => collected
                .term_order
                .iter()
                .cloned()
                .zip(0..)
                .chain(spaced)
                .collect(),
            None => terms::patterns(&collected.term_order, |s| collected.is_term(s)),
        };
        let pattern_entry: Vec<u32> = found
            .iter()
            .map(|(_, t)| collected.term_entry[*t] as u32)
            .collect();
        let patterns: Vec<Name> = found.into_iter().map(|(p, _)| p).collect();
        let pattern_info = patterns
            .iter()
            .zip(pattern_entry)
            .map(|(p, entry)| PatternInfo {
                entry,
                latin: latin_test(p),
            })
            .collect();
        let matcher = if patterns.is_empty() {
            None
        } else if builtin || terms::fingerprint(&collected.term_order) == BUILTIN_FINGERPRINT {
            // The built-in dictionaries' trie, built by build.rs from these terms.
            PairTrie::from_bytes(BUILTIN_TRIE).or_else(|| Some(matcher(&patterns)))
        } else {
            Some(matcher(&patterns))
        };
        Lexicon {
            entries: collected.entries,
            patterns,
            pattern_info,
            matcher,
        }
    }
}

/// The lines of `text` as `str::lines` gives them, before its `\r` is taken off: split
/// where memchr finds a line break, as start-up reads some twenty thousand lines.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain([text.len()])
        .filter_map(move |end| {
            let line = (from < end || end < text.len()).then(|| &text[from..end]);
            from = end + 1;
            line
        })
}

/// Build the matcher over `patterns` (valued by pattern index).
fn matcher(patterns: &[Name]) -> PairTrie {
    PairTrie::new(&terms::keys(patterns.iter().map(|p| &**p)))
}

/// The ready dictionaries: entries and the matcher over all their forms.
#[derive(Clone)]
pub struct Lexicon {
    entries: Vec<Entry>,
    patterns: Vec<Name>,
    /// By pattern index, what a match needs: read for every match, so kept beside
    /// each other rather than behind each pattern's string.
    pattern_info: Vec<PatternInfo>,
    /// Over the ASCII-lower-cased forms, valued by pattern index; `None` when there is
    /// no form at all.
    matcher: Option<PairTrie>,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("entries", &self.entries.len())
            .field("patterns", &self.patterns.len())
            .finish_non_exhaustive()
    }
}

/// A dictionary form found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DictMatch {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

impl Lexicon {
    /// The built-in dictionaries.
    pub fn builtin() -> Lexicon {
        LexiconBuilder::builtin().build()
    }

    /// An entry by index.
    pub fn entry(&self, idx: usize) -> &Entry {
        &self.entries[idx]
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every surface form, for `--dump-terms`.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(|p| &**p)
    }

    /// Find an entry by its canonical name and type.
    pub fn lookup(&self, canonical: &str, etype: EntityType) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| &*e.canonical == canonical && e.etype == etype)
    }

    /// Every dictionary mention in `text`, leftmost-longest, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<DictMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut out = Vec::new();
        matcher.for_each_match(text, |start, end, p| {
            self.keep(text, start, end, p, &mut out)
        });
        out
    }

    /// [`Lexicon::find`], and in the same pass over the text, for each of `also`, every
    /// position where it lets a match of another matcher start (the time expressions',
    /// the entity rules'), in order.
    pub fn find_marking<const N: usize>(
        &self,
        text: &str,
        also: [&PairFilter; N],
    ) -> (Vec<DictMatch>, [Vec<usize>; N]) {
        let Some(matcher) = &self.matcher else {
            return (Vec::new(), also.map(|f| f.starts(text)));
        };
        let mut out = Vec::new();
        let mut marked: [Vec<usize>; N] = std::array::from_fn(|_| Vec::new());
        matcher.for_each_match_marking(
            text,
            also,
            |i, at| marked[i].push(at),
            |start, end, p| self.keep(text, start, end, p, &mut out),
        );
        (out, marked)
    }

    /// A match of pattern `p` kept in `out`, unless it fails its Latin tests.
    #[inline(always)]
    fn keep(&self, text: &str, start: usize, end: usize, p: u32, out: &mut Vec<DictMatch>) {
        let info = self.pattern_info[p as usize];
        if info.latin == 0
            || latin_ok(
                info.latin,
                &self.patterns[p as usize],
                text.as_bytes(),
                start,
                end,
            )
        {
            out.push(DictMatch {
                start,
                end,
                entry: info.entry as usize,
            });
        }
    }
}

/// A pattern's entry, and which of [`latin_ok`]'s tests its matches must pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PatternInfo {
    entry: u32,
    latin: u8,
}

/// The pattern is empty: it never stands.
const LATIN_EMPTY: u8 = 1;
/// It starts with a letter or digit: the text before must not continue it.
const LATIN_STARTS: u8 = 2;
/// It ends with a letter or digit: the text after must not continue it.
const LATIN_ENDS: u8 = 4;
/// A short acronym: the text must have its case.
const LATIN_CASE: u8 = 8;

/// The tests [`latin_ok`] makes of a pattern's matches, worked out once per pattern; most
/// patterns are Chinese and need none.
fn latin_test(pat: &str) -> u8 {
    let pb = pat.as_bytes();
    let (Some(first), Some(last)) = (pb.first(), pb.last()) else {
        return LATIN_EMPTY;
    };
    let mut tests = 0;
    if first.is_ascii_alphanumeric() {
        tests |= LATIN_STARTS;
    }
    if last.is_ascii_alphanumeric() {
        tests |= LATIN_ENDS;
    }
    if pb.iter().all(|b| b.is_ascii())
        && pb.len() <= 3
        && pb.iter().any(|b| b.is_ascii_alphabetic())
    {
        tests |= LATIN_CASE;
    }
    tests
}

/// A Latin form must stand as a word (SAP not inside SAPPHIRE, Arm not inside Army),
/// and a short acronym must match its case (IDC, not idc inside a word or URL).
fn latin_ok(tests: u8, pat: &str, text: &[u8], start: usize, end: usize) -> bool {
    if tests & LATIN_EMPTY != 0 {
        return false;
    }
    if tests & LATIN_STARTS != 0 && start > 0 && text[start - 1].is_ascii_alphanumeric() {
        return false;
    }
    if tests & LATIN_ENDS != 0 && end < text.len() && text[end].is_ascii_alphanumeric() {
        return false;
    }
    if tests & LATIN_CASE != 0 {
        return &text[start..end] == pat.as_bytes();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_trim_as_str_trim() {
        for cp in 0..=0xFFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}a"),
                format!("中{c}"),
                format!("{c}中"),
                format!("{c}{c}"),
                format!("é{c}"),
            ] {
                assert_eq!(terms::trim(&s), s.trim(), "U+{cp:04X} in {s:?}");
            }
        }
        for s in [
            "",
            " ",
            "中文",
            " 中文 ",
            "a\u{3000}",
            "\u{2003}b",
            "𠀀",
            "x𠀀",
        ] {
            assert_eq!(terms::trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn lines_as_str_lines_gives_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\nb",
            "a\r\nb\r\n",
            "a\r",
            "\n\n",
            "x\ty\n\tz",
        ] {
            let ours: Vec<&str> = lines(text).map(|l| l.trim_end_matches('\r')).collect();
            let std: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    fn lex(tsv: &str) -> Lexicon {
        let mut b = LexiconBuilder::new();
        b.add_tsv("test.tsv", tsv).unwrap();
        b.build()
    }

    #[test]
    fn leftmost_longest_and_one_canonical() {
        let l = lex("阿里巴巴集团\tcompany\t阿里巴巴|阿里|Alibaba\n阿里云\tcompany\t\t\t阿里巴巴集团\n中国\tcountry\t\tCN\n中国石化\tcompany\t中石化\n");
        let text = "阿里云与阿里巴巴、阿里和中国石化在中国";
        let found: Vec<(&str, &str)> = l
            .find(text)
            .iter()
            .map(|m| (&text[m.start..m.end], &*l.entry(m.entry).canonical))
            .collect();
        assert_eq!(
            found,
            vec![
                ("阿里云", "阿里云"),
                ("阿里巴巴", "阿里巴巴集团"),
                ("阿里", "阿里巴巴集团"),
                ("中国石化", "中国石化"),
                ("中国", "中国")
            ]
        );
    }

    #[test]
    fn latin_forms_stand_as_words() {
        let l = lex("SAP\tcompany\nPolarDB\tproduct\t\t\t阿里云\nArm\tcompany\n");
        let text = "SAPPHIRE 和 SAP、polardb 与 Army 以及 Arm";
        let found: Vec<&str> = l.find(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, vec!["SAP", "polardb", "Arm"]);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let mut b = LexiconBuilder::new();
        let e = b
            .add_tsv("mine.tsv", "# c\n好的\tcompany\n坏的\tplanet\n")
            .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("mine.tsv", 3));
        assert!(e.reason.contains("unknown type"));
        let e = b.add_tsv("mine.tsv", "只有一列\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn later_entries_override() {
        let mut b = LexiconBuilder::new();
        b.add_tsv("a.tsv", "小米\tcompany\t\t\t\tctx\n").unwrap();
        b.add_tsv("user.tsv", "小米\tcompany\t小米集团\n").unwrap();
        let l = b.build();
        let m = l.find("小米集团");
        assert_eq!(m.len(), 1);
        assert!(!l.entry(m[0].entry).needs_context);
    }

    #[test]
    fn mixed_forms_match_with_spaces() {
        let l = lex("LG新能源\tcompany\n骁龙870\tproduct\n");
        let text = "与LG 新能源合作,搭载骁龙 870";
        let found: Vec<&str> = l.find(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, vec!["LG 新能源", "骁龙 870"]);
        assert_eq!(terms::space_scripts("vivo X系列"), "vivo X 系列");
    }

    /// The built-in trie is the one `build.rs` made from the library's own terms, and it
    /// finds what a trie built now finds, and what a leftmost-longest Aho-Corasick
    /// automaton over the same keys finds.
    #[test]
    fn builtin_trie_is_built_ahead() {
        let b = LexiconBuilder::builtin();
        assert_eq!(
            terms::fingerprint(&b.collected.term_order),
            BUILTIN_FINGERPRINT,
            "build.rs reads other dictionaries or forms than the library"
        );
        let ahead = PairTrie::from_bytes(BUILTIN_TRIE).expect("the trie build.rs wrote");
        let lex = b.build();
        let keys = terms::keys(lex.patterns.iter().map(|p| &**p));
        let now = PairTrie::new(&keys);
        assert_eq!(ahead, now);
        let automaton = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build_with_values(keys.clone())
            .expect("automaton");
        // Forms next to each other, inside each other's neighbours, cut short and
        // run together, so that longest and leftmost both have something to choose.
        let mut text = String::new();
        for (i, (k, _)) in keys.iter().enumerate().step_by(3) {
            let cut: String = k
                .chars()
                .take(k.chars().count().saturating_sub(i % 2))
                .collect();
            text.push_str(&cut);
            text.push_str(["的", "", "在", "国"][i % 4]);
        }
        let mut found = Vec::new();
        now.for_each_match(&text, |s, e, v| found.push((s, e, v)));
        let want: Vec<(usize, usize, u32)> = automaton
            .leftmost_find_iter(&text)
            .map(|m| (m.start(), m.end(), m.value()))
            .collect();
        assert!(want.len() > 3000);
        assert_eq!(found, want);
    }

    /// The entries `build.rs` wrote are the ones the loader reads from the same files,
    /// and the lexicon built from them is the same.
    #[test]
    fn builtin_entries_are_read_ahead() {
        let ahead = LexiconBuilder::builtin();
        let mut now = LexiconBuilder::new();
        for (name, text) in BUILTIN {
            now.add_tsv(name, text).unwrap();
        }
        assert!(ahead.len() > 10_000);
        assert_eq!(ahead.collected.entries, now.collected.entries);
        assert_eq!(ahead.collected.term_order, now.collected.term_order);
        assert_eq!(ahead.collected.term_entry, now.collected.term_entry);
        let (ahead, now) = (ahead.build(), now.build());
        assert_eq!(ahead.patterns, now.patterns);
        assert_eq!(ahead.pattern_info, now.pattern_info);
    }

    /// A file added to the built-in dictionaries overrides their entries and claims
    /// their forms, as it would had they been read at start.
    #[test]
    fn a_file_added_to_the_builtin_overrides_it() {
        let mut b = LexiconBuilder::builtin();
        let before = b.len();
        b.add_tsv(
            "mine.tsv",
            "阿里云\tcompany\t\t\t我的集团\n阿里巴巴集团\tcompany\t阿里\t\t\n新名字\torganization\t阿里巴巴\n",
        )
        .unwrap();
        assert_eq!(b.len(), before + 1);
        let lex = b.build();
        let aliyun = lex.lookup("阿里云", EntityType::Company).unwrap();
        assert_eq!(&*lex.entry(aliyun).parent, "我的集团");
        let text = "阿里巴巴与阿里云";
        let found: Vec<&str> = lex
            .find(text)
            .iter()
            .map(|m| &*lex.entry(m.entry).canonical)
            .collect();
        assert_eq!(found, ["新名字", "阿里云"]);
    }

    /// build.rs folds forms with its own copy of the SPEC's fold.
    #[test]
    fn term_fold_is_the_text_fold() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                terms::fold_char(c),
                crate::text::normalize::fold_width(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn builtin_dictionaries_load() {
        let b = LexiconBuilder::builtin();
        assert!(!b.is_empty());
    }

    /// The shipped dictionaries cover what the first version promises: every
    /// provincial-level and prefecture-level division, the world's countries, and broad
    /// lists of companies, products and organizations.
    #[test]
    fn builtin_dictionary_sizes() {
        let lex = Lexicon::builtin();
        let count = |t: EntityType, pred: &dyn Fn(&Entry) -> bool| {
            lex.entries()
                .iter()
                .filter(|e| e.etype == t && pred(e))
                .count()
        };
        let cn = |e: &Entry| e.code.len() == 6;
        let provincial = |e: &Entry| cn(e) && e.code.ends_with("0000");
        let prefecture = |e: &Entry| cn(e) && e.code.ends_with("00") && !e.code.ends_with("0000");
        let county = |e: &Entry| cn(e) && !e.code.ends_with("00");
        let provinces =
            count(EntityType::Province, &provincial) + count(EntityType::City, &provincial);
        assert_eq!(provinces, 34, "provincial-level divisions");
        assert!(
            count(EntityType::City, &prefecture) >= 330,
            "prefecture-level cities"
        );
        assert!(
            count(EntityType::City, &county) >= 2800,
            "county-level divisions"
        );
        assert!(
            count(EntityType::Country, &|e| e.code.len() == 2) >= 240,
            "countries"
        );
        assert!(
            count(EntityType::City, &|e| e.code.is_empty()) >= 300,
            "world cities"
        );
        assert!(count(EntityType::Company, &|_| true) >= 3000, "companies");
        assert!(
            count(EntityType::Product, &|e| !e.parent.is_empty()) >= 500,
            "products with an owner"
        );
        assert!(
            count(EntityType::Organization, &|_| true) >= 400,
            "organizations"
        );
        assert!(count(EntityType::Region, &|_| true) >= 50, "regions");
        for canonical in [
            "广东",
            "杭州",
            "阿里云",
            "阿里巴巴集团",
            "飞天",
            "PolarDB",
            "国家发展和改革委员会",
            "珠三角",
        ] {
            assert!(
                lex.entries().iter().any(|e| &*e.canonical == canonical),
                "{canonical}"
            );
        }
    }
}
