//! Builds the built-in dictionaries' automaton ahead of time, for start-up.
//!
//! Building the leftmost-longest automaton over the ~20k built-in forms took most of a
//! small article's run; reading a prebuilt one takes well under a millisecond. The forms
//! come from `dictionaries/*.tsv` through `src/dict/terms.rs`, the code the library uses
//! itself; the library takes this automaton only when its own terms have the same
//! fingerprint, and builds one otherwise (a `--dict` file, or a list here that fell
//! behind `dict::BUILTIN`, which a unit test reports).

#[path = "src/dict/terms.rs"]
#[allow(dead_code)]
mod terms;

use std::collections::HashSet;
use std::path::PathBuf;

use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

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
    let mut seen: HashSet<String> = HashSet::new();
    let mut order: Vec<String> = Vec::new();
    for name in BUILTIN {
        let path = format!("dictionaries/{name}");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if !terms::is_entry_line(line) {
                continue;
            }
            for form in terms::line_forms(line) {
                let folded = terms::fold(form);
                if seen.insert(folded.clone()) {
                    order.push(folded);
                }
            }
        }
    }
    let fingerprint = terms::fingerprint(&order);
    let patterns = terms::patterns(&order, |s| seen.contains(s));
    let keys = terms::keys(patterns.iter().map(|(p, _)| p.as_str()));
    let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(keys)
        .expect("the built-in dictionaries' automaton");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("builtin_automaton.bin"), automaton.serialize())
        .expect("writing the automaton");
    std::fs::write(
        out.join("builtin_fingerprint.rs"),
        format!("const BUILTIN_FINGERPRINT: u64 = {fingerprint:#x};\n"),
    )
    .expect("writing the fingerprint");
}
