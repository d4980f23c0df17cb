//! What is generated from the command line's definition (completion scripts, the man
//! page, `--help`'s examples), and the progress bar that a piped run never shows.

use crate::util::Dir;

#[test]
fn completions_and_man_page_are_generated() {
    let dir = Dir::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = dir.command().args(["--generate-completions", shell]).run();
        out.expect_code(0);
        assert!(out.stdout.len() > 500, "{shell}: {}", out.stdout);
        for flag in ["format", "input", "fields", "quiet"] {
            assert!(out.stdout.contains(flag), "{shell} completes --{flag}");
        }
    }
    let bad = dir.command().args(["--generate-completions", "tcsh"]).run();
    bad.expect_code(2);
    let man = dir.command().arg("--generate-man").run();
    man.expect_code(0);
    assert!(man.stdout.starts_with(".ie") || man.stdout.contains(".TH tiqu 1"));
    assert!(man.stdout.contains(".TH tiqu"), "{}", man.stdout);
    for part in ["SYNOPSIS", "\\-\\-input", "\\-\\-format", "jsonl", "xlsx"] {
        assert!(man.stdout.contains(part), "the man page has {part}");
    }
}

/// `--help` shows the three ways tiqu is run.
#[test]
fn help_shows_the_three_ways() {
    let out = Dir::new().command().arg("--help").run();
    out.expect_code(0);
    for example in [
        "| tiqu --format jsonl",
        "-o rows.csv crawl/",
        "--format xlsx -o rows.xlsx",
        "| tiqu --input jsonl --format jsonl",
    ] {
        assert!(out.stdout.contains(example), "--help shows {example:?}");
    }
    // Generation flags are for packagers, not in the help.
    assert!(!out.stdout.contains("generate"));
}

/// Standard error that is not a terminal never gets a progress bar, with or without
/// --quiet: only the messages.
#[test]
fn no_progress_bar_when_piped() {
    let dir = Dir::new();
    for n in 0..30 {
        dir.create(format!("many/{n:02}.txt"), "阿里云全年营收601.2亿元。\n");
    }
    dir.create("many/zz.png", b"\x89PNG\r\n\x1a\n....");
    for quiet in [&[][..], &["--quiet"][..], &["-q"][..]] {
        let out = dir
            .command()
            .args(quiet)
            .args(["-o", "rows.csv", "many"])
            .run();
        out.expect_code(0);
        assert_eq!(out.stderr, "tiqu: many/zz.png: skipped, a PNG image\n");
    }
}
