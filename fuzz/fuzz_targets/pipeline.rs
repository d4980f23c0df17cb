//! Arbitrary bytes through the whole pipeline: decode → normalize → extract → rows.
//!
//! Besides "never panics", every row must keep the row contract on any input: its
//! `text` is a piece of the normalized document, its `line` is a line of the input,
//! and a figure's `value` is a finite number.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static tiqu::Pipeline {
    static PIPELINE: OnceLock<tiqu::Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| tiqu::Pipeline::new(tiqu::dict::Lexicon::builtin()))
}

fuzz_target!(|data: &[u8]| {
    // One pass through the byte-level entry point, exactly as the binary calls it
    // (warnings included); the checks below decode and normalize on their own, which
    // costs a fraction of extraction, so each input is extracted only once.
    let out = pipeline().process_bytes("fuzz", data, None);
    let decoded = tiqu::text::decode::decode(data, None);
    let text = tiqu::text::normalize::normalize(&decoded.text);
    let lines = decoded.text.split('\n').count() as u64;
    for row in &out.rows {
        assert!(
            text.as_str().contains(row.text.as_str()),
            "row text {:?} is not in the normalized text",
            row.text
        );
        assert!(
            (1..=lines).contains(&row.line),
            "line {} outside 1..={lines}",
            row.line
        );
        if let Some(v) = row.value {
            assert!(v.is_finite(), "value {v} of {:?}", row.text);
        }
    }
});
