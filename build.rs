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
//! (`src/extract/time_pattern.rs`) is compiled here into dense forward and reverse
//! automata: compiling it at start, and building its lazy automaton's states as the text
//! asked for them, were a quarter of a small article's remaining run.

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

/// The time pattern's forward and reverse automata (dense DFAs), in the target's byte
/// order, for `extract::time` to read without compiling the pattern.
fn time_automata(out: &std::path::Path) {
    println!("cargo:rerun-if-changed=src/extract/time_pattern.rs");
    // Minimized: a third fewer bytes for the forward automaton, a sixth for the reverse,
    // so less to check at start and to hold in cache, at the same search speed.
    let re = regex_automata::dfa::regex::Regex::builder()
        .dense(regex_automata::dfa::dense::Config::new().minimize(true))
        .build(&time_pattern::pattern())
        .expect("the time pattern");
    let big = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    for (name, dfa) in [
        ("time_forward.dfa", re.forward()),
        ("time_reverse.dfa", re.reverse()),
    ] {
        let (bytes, pad) = if big {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        };
        std::fs::write(out.join(name), &bytes[pad..]).expect("writing the time automata");
    }
}
