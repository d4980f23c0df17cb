//! Text stages: decoding bytes and normalizing the decoded document.
//!
//! Also the two ways untrusted text that is not article text (file names, JSON Lines
//! ids, metadata) is kept from carrying control characters into rows and messages,
//! where a terminal would act on them.

pub mod decode;
pub mod normalize;

/// `s` with each control character written as a Rust escape (`\u{1b}`, `\t`): for names
/// that identify a document (a path, an id), which must stay distinct and readable.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` with each control character made a space: for metadata read as text (a title,
/// an author), as the article's own text is.
pub fn blank_controls(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_escaped_or_blanked() {
        const CASES: &[(&str, &str, &str)] = &[
            // (input, escaped, blanked)
            ("a.txt", "a.txt", "a.txt"),
            ("ctl\u{1b}[31m.txt", "ctl\\u{1b}[31m.txt", "ctl [31m.txt"),
            ("标题\u{7}\t\n", "标题\\u{7}\\t\\n", "标题   "),
            ("\u{9b}x\u{7f}", "\\u{9b}x\\u{7f}", " x "),
        ];
        for &(input, escaped, blanked) in CASES {
            assert_eq!(escape_controls(input), escaped, "{input:?}");
            assert_eq!(blank_controls(input), blanked, "{input:?}");
        }
    }
}
