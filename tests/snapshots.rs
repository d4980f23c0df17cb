//! Snapshots of the JSON Lines output of every seed article, in `tests/snapshots/`.
//!
//! A snapshot is the reviewed output: when extraction improves, these change, and the
//! change is read row by row and accepted, either with `cargo insta review` /
//! `cargo insta accept` (cargo-insta) or with `INSTA_UPDATE=always cargo test`, which
//! rewrites the `.snap` files in place for `git diff` to show. Under `CI=true` a
//! missing or different snapshot fails the test and nothing is written.

use crate::util::Dir;

/// Run one seed and compare its JSON Lines with `tests/snapshots/<seed>.snap`.
fn check(seed: &str) {
    let dir = Dir::new();
    let rel = dir.copy_fixture(&format!("seeds/{seed}.txt"));
    let out = dir.command().args(["--format", "jsonl", &rel]).run();
    out.expect_code(0);
    assert_eq!(out.stderr, "", "{seed}: nothing on stderr");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(format!("tiqu --format jsonl {rel}"));
    settings.bind(|| insta::assert_snapshot!(seed, out.stdout));
}

/// One test per seed, so that every changed seed is reported, not only the first.
macro_rules! seeds {
    ($($test:ident => $seed:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($seed);
            }
        )*
    };
}

seeds! {
    seed_000 => "000_863d71056fe8c9f4",
    seed_001 => "001_8afaf9658154520d",
    seed_002 => "002_05820d54f4f20727",
    seed_003 => "003_4a3986f7133450c2",
    seed_004 => "004_d4ca8a07cc4b6b2d",
}
