//! Reads the built-in dictionaries and builds their matcher, and the time pattern's
//! automata, ahead of time, for start-up.
//!
//! Building the leftmost-longest matcher over the ~20k built-in forms took most of a
//! small article's run (as an automaton, then; it is now a trie, `src/dict/trie.rs`);
//! reading a prebuilt one takes well under a millisecond. Reading the
//! lines themselves into entries and forms was then two fifths of the run; the finished
//! entries are written too (`src/dict/tsv.rs`'s `Snapshot`). The lines are read with
//! `src/dict/tsv.rs` and `src/dict/terms.rs`, the code the library's loader uses itself;
//! the library takes this trie only when its own terms have the same fingerprint,
//! and builds one otherwise (a `--dict` file, or a list here that fell behind
//! `dict::BUILTIN`, which a unit test reports). The time pattern
//! (`src/extract/time_pattern.rs`) is compiled here into a dense automaton for anchored
//! searches, and the pairs of characters a match can start with are read off it
//! (`src/dict/pairs.rs`): compiling it at start, and building its lazy automaton's
//! states as the text asked for them, were a quarter of a small article's remaining run.

#[path = "src/dict/pairs.rs"]
#[allow(dead_code)]
mod pairs;
#[path = "src/dict/terms.rs"]
#[allow(dead_code)]
mod terms;
#[path = "src/extract/time_pattern.rs"]
mod time_pattern;
#[path = "src/dict/trie.rs"]
#[allow(dead_code)]
mod trie;
#[path = "src/dict/tsv.rs"]
#[allow(dead_code)]
mod tsv;

use std::collections::hash_map::RandomState;
use std::path::PathBuf;

use regex_automata::util::primitives::StateID;

/// The time pattern's automaton, as built here.
type Dense = regex_automata::dfa::dense::DFA<Vec<u32>>;

/// The files of `dict::BUILTIN`, in its order.
const BUILTIN: &[&str] = &[
    "places_cn.tsv",
    "countries.tsv",
    "world_places.tsv",
    "regions.tsv",
    "organizations.tsv",
    "companies.tsv",
    "companies_more.tsv",
    "products.tsv",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/dict/terms.rs");
    println!("cargo:rerun-if-changed=src/dict/trie.rs");
    println!("cargo:rerun-if-changed=src/dict/pairs.rs");
    println!("cargo:rerun-if-changed=src/dict/tsv.rs");
    let texts: Vec<(&str, String)> = BUILTIN
        .iter()
        .map(|name| {
            let path = format!("dictionaries/{name}");
            println!("cargo:rerun-if-changed={path}");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            (*name, text)
        })
        .collect();
    // Canonical name, type, code, parent, common word: as the loader reads a line.
    type Fields<'a> = (&'a str, &'a str, &'a str, &'a str, bool);
    let mut collected: tsv::Collected<Fields<'_>, (&str, &str), String, RandomState> =
        tsv::Collected::default();
    /// A line's entry and its key, as the loader makes them (without checking the type).
    fn entry<'t>(c: &tsv::Columns<'t>) -> Result<((&'t str, &'t str), Fields<'t>), String> {
        let ctx = tsv::needs_context(c.flags)?;
        Ok((
            (c.canonical, c.etype),
            (c.canonical, c.etype, c.code, c.parent, ctx),
        ))
    }
    for (name, text) in &texts {
        collected
            .add_lines(text.lines(), entry, terms::fold)
            .unwrap_or_else(|(line, reason)| panic!("dictionaries/{name}:{line}: {reason}"));
    }
    let order = &collected.term_order;
    let fingerprint = terms::fingerprint(order);
    let patterns = terms::patterns(order, |s| collected.is_term(s));
    let keys = terms::keys(patterns.iter().map(|(p, _)| p.as_str()));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(
        out.join("builtin_trie.bin"),
        trie::PairTrie::new(&keys).to_bytes(),
    )
    .expect("writing the trie");
    let snapshot = tsv::Snapshot {
        entries: collected.entries.clone(),
        terms: order
            .iter()
            .zip(&collected.term_entry)
            .map(|(t, &e)| (t.as_str(), e as u32))
            .collect(),
        spaced: patterns[order.len()..]
            .iter()
            .map(|(p, t)| (p.as_str(), *t as u32))
            .collect(),
    };
    let (names, index) = snapshot.write();
    std::fs::write(out.join("builtin_names.txt"), names).expect("writing the entries");
    std::fs::write(out.join("builtin_lexicon.bin"), index).expect("writing the entries");
    time_automata(&out);
    std::fs::write(
        out.join("builtin_fingerprint.rs"),
        format!("const BUILTIN_FINGERPRINT: u64 = {fingerprint:#x};\n"),
    )
    .expect("writing the fingerprint");
}

/// The time pattern's automaton for anchored searches (a dense DFA, in the target's
/// byte order), and the filter of the pairs of characters a time expression can start
/// with, for `extract::time` to read without compiling the pattern.
fn time_automata(out: &std::path::Path) {
    use regex_automata::dfa::{dense, StartKind};
    println!("cargo:rerun-if-changed=src/extract/time_pattern.rs");
    // Minimized: a third fewer bytes, so less to check at start and to hold in cache.
    // Anchored only: a search starts where the filter lets a time start.
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .minimize(true)
                .start_kind(StartKind::Anchored),
        )
        .build(&time_pattern::pattern())
        .expect("the time pattern");
    let big = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let (bytes, pad) = if big {
        dfa.to_bytes_big_endian()
    } else {
        dfa.to_bytes_little_endian()
    };
    std::fs::write(out.join("time_anchored.dfa"), &bytes[pad..])
        .expect("writing the time automaton");
    let mut words = Vec::new();
    time_starts(&dfa).write(&mut words);
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    std::fs::write(out.join("time_starts.bin"), bytes).expect("writing the time starts");
}

/// The pairs of characters that a time expression can start with, and the characters
/// that are one by themselves, read off the automaton: every character that takes the
/// anchored start to a state that is not dead, and every one that can follow it. They
/// go in as the scan reads them, ASCII letters lower-cased (Q3 lets q3 through too,
/// which the automaton then turns away).
fn time_starts(dfa: &Dense) -> pairs::PairFilter {
    use regex_automata::dfa::Automaton;
    use regex_automata::util::start;
    use regex_automata::Anchored;
    let begin = dfa
        .start_state(&start::Config::new().anchored(Anchored::Yes))
        .expect("an anchored start");
    let mut firsts = Vec::new();
    live_chars(dfa, begin, &mut |c, s| firsts.push((c, s)));
    // 57 first characters and 1,433 pairs: 512 words (4 KiB) let fewer than one in a
    // hundred of the other pairs through (by the Bloom filter's formula).
    let mut filter = pairs::PairFilter::new(9);
    for &(c, s) in &firsts {
        // A match is seen one byte late: after the next byte, or at the end.
        let ends_here = dfa.is_match_state(dfa.next_eoi_state(s))
            || (0..=255u8).any(|b| dfa.is_match_state(dfa.next_state(s, b)));
        if ends_here {
            filter.add_lone(pairs::fold(c));
        }
        live_chars(dfa, s, &mut |c2, _| {
            filter.add_pair(pairs::fold(c), pairs::fold(c2))
        });
    }
    filter
}

/// Every character whose UTF-8 bytes take `dfa` from `from` to a state that is not
/// dead, with that state. A byte that leads to a dead state ends the walk of every
/// character that starts with it, so the walk reads only a few thousand transitions.
fn live_chars(dfa: &Dense, from: StateID, found: &mut impl FnMut(u32, StateID)) {
    use regex_automata::dfa::Automaton;
    // The first bytes, the second bytes and the length of each form of UTF-8.
    const FORMS: &[(u8, u8, u8, u8, usize)] = &[
        (0x00, 0x7F, 0, 0, 1),
        (0xC2, 0xDF, 0x80, 0xBF, 2),
        (0xE0, 0xE0, 0xA0, 0xBF, 3),
        (0xE1, 0xEC, 0x80, 0xBF, 3),
        (0xED, 0xED, 0x80, 0x9F, 3),
        (0xEE, 0xEF, 0x80, 0xBF, 3),
        (0xF0, 0xF0, 0x90, 0xBF, 4),
        (0xF1, 0xF3, 0x80, 0xBF, 4),
        (0xF4, 0xF4, 0x80, 0x8F, 4),
    ];
    for &(lo, hi, lo2, hi2, len) in FORMS {
        for b0 in lo..=hi {
            let s0 = dfa.next_state(from, b0);
            if dfa.is_dead_state(s0) {
                continue;
            }
            if len == 1 {
                found(u32::from(b0), s0);
                continue;
            }
            let lead = u32::from(b0) & (0x7F >> len);
            for b1 in lo2..=hi2 {
                let s1 = dfa.next_state(s0, b1);
                if !dfa.is_dead_state(s1) {
                    continuation(dfa, s1, lead << 6 | u32::from(b1 & 0x3F), len - 2, found);
                }
            }
        }
    }
}

/// The rest of a character after its second byte: `left` continuation bytes.
fn continuation(
    dfa: &Dense,
    s: StateID,
    code: u32,
    left: usize,
    found: &mut impl FnMut(u32, StateID),
) {
    use regex_automata::dfa::Automaton;
    if left == 0 {
        found(code, s);
        return;
    }
    for b in 0x80..=0xBFu8 {
        let next = dfa.next_state(s, b);
        if !dfa.is_dead_state(next) {
            continuation(dfa, next, code << 6 | u32::from(b & 0x3F), left - 1, found);
        }
    }
}
