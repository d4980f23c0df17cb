//! Decoding: bytes of a file into text, whatever the encoding it came in.
//!
//! Crawled Chinese articles arrive in UTF-8, GBK, GB18030, Big5 and UTF-16, with or
//! without a byte order mark, and sometimes with an HTML `<meta charset>` that is wrong.
//! The order here is: a BOM decides; then valid UTF-8; then a sniff for BOM-less UTF-16
//! (NUL bytes in every other position, which no detector looks for); then the declared
//! `<meta charset>` and the statistical guess, keeping whichever decodes cleanly.
//! Malformed bytes never stop a document: each malformed sequence becomes U+FFFD and is
//! counted, so the caller can warn with the file's name.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from a document's bytes.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text, BOM removed.
    pub text: String,
    /// The encoding that was used.
    pub encoding: &'static Encoding,
    /// How many malformed byte sequences were replaced by U+FFFD.
    pub malformed: usize,
}

/// Look up an encoding by a WHATWG label (`gbk`, `gb18030`, `big5`, `utf-16le`, ...).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode `bytes`, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    if let Some(enc) = forced {
        // A BOM still wins over a forced single-byte/legacy encoding only when it
        // names the same family; a user who forces an encoding means it.
        let body = strip_bom_for(enc, bytes);
        return decode_with(enc, body);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..]);
    }
    // encoding_rs's validator: on the perf articles, decoding took a sixth of the
    // instructions it took with `std::str::from_utf8`.
    if let Some(s) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        return Decoded {
            text: s.into_owned(),
            encoding: UTF_8,
            malformed: 0,
        };
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return decode_with(enc, bytes);
    }
    // Mostly-UTF-8 text with a few bad bytes (a crawl that cut a character) stays UTF-8;
    // legacy-encoded Chinese fails UTF-8 at nearly every character instead.
    let utf8 = decode_with(UTF_8, bytes);
    let valid_wide = utf8
        .text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    if valid_wide >= 4 * utf8.malformed {
        return utf8;
    }
    let guessed = guess_legacy(bytes);
    let declared = declared_charset(bytes).filter(|e| *e != guessed);
    let mut best = decode_with(guessed, bytes);
    if let Some(enc) = declared.filter(|_| best.malformed > 0) {
        let other = decode_with(enc, bytes);
        if other.malformed < best.malformed {
            best = other;
        }
    }
    if utf8.malformed < best.malformed {
        best = utf8;
    }
    best
}

fn strip_bom_for<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    }
}

/// Decode with one encoding, counting malformed sequences exactly.
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3))
        .saturating_add(16);
    let mut text = String::with_capacity(cap.min(1 << 30));
    let mut input = bytes;
    let mut malformed = 0usize;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, true);
        input = &input[read..];
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(input.len())
                    .unwrap_or(input.len().saturating_mul(3))
                    .max(16);
                text.reserve(more);
            }
            encoding_rs::DecoderResult::Malformed(_, _) => {
                malformed += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    Decoded {
        text,
        encoding: enc,
        malformed,
    }
}

/// BOM-less UTF-16: in Chinese text most code units have a non-zero high byte, but
/// the ASCII in it (markup, digits, newlines) puts NULs in one of the two positions.
/// The other position is not NUL-free: 一 is U+4E00, so its low byte is 0.
pub(crate) fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    if sample.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += (pair[0] == 0) as usize;
        odd += (pair[1] == 0) as usize;
    }
    let units = sample.len() / 2;
    // A tenth of the units being ASCII is plenty for real articles; the other
    // position must be (nearly) NUL-free.
    if odd * 10 >= units && even * 4 <= odd {
        Some(UTF_16LE)
    } else if even * 10 >= units && odd * 4 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The statistical guess among legacy encodings (GBK/GB18030, Big5, ...).
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // The detector needs only a prefix to be confident; long files cost nothing extra.
    // `last` stays false: chardetng drops every encoding in which the stream ends inside
    // a character, so a 64 KiB prefix cut mid-character, or a crawl that cut the file's
    // last character, would turn GBK into windows-1252 (which never fails, and so would
    // win below with "no malformed bytes").
    detector.feed(&bytes[..bytes.len().min(64 * 1024)], false);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    // GB18030 text often guesses as GBK; encoding_rs's GBK decoder reads both,
    // four-byte sequences included, so the guess is kept as it is.
    enc
}

/// `<meta charset="gbk">` or `<meta http-equiv=... content="text/html; charset=gb2312">`
/// in the first few kilobytes.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_'))
        {
            i += 1;
        }
        if i > start {
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                // A page saved as UTF-16 cannot declare itself in ASCII bytes.
                if enc != UTF_16LE && enc != UTF_16BE {
                    return Some(enc);
                }
            }
        }
        from = i.max(from + pos + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "阿里云全年营收601.2亿元，PUE最低可以达到1.09。\n";

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode(ARTICLE.as_bytes(), None);
        assert_eq!(d.text, ARTICLE);
        assert_eq!(d.malformed, 0);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(ARTICLE.as_bytes());
        assert_eq!(decode(&bom, None).text, ARTICLE);
    }

    #[test]
    fn legacy_and_utf16_round_trip() {
        for enc in [encoding_rs::GB18030, encoding_rs::GBK, encoding_rs::BIG5] {
            let (bytes, _, _) = enc.encode("阿里雲全年營收601.2億元，數據中心");
            let d = decode(&bytes, None);
            assert_eq!(d.malformed, 0, "{}", enc.name());
            assert_eq!(
                d.text,
                "阿里雲全年營收601.2億元，數據中心",
                "{}",
                enc.name()
            );
        }
        let le: Vec<u8> = ARTICLE
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = ARTICLE
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&le, None).text, ARTICLE);
        assert_eq!(decode(&be, None).text, ARTICLE);
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend_from_slice(&le);
        assert_eq!(decode(&le_bom, None).text, ARTICLE);
    }

    #[test]
    fn malformed_bytes_are_counted_not_fatal() {
        let mut bytes = ARTICLE.as_bytes().to_vec();
        bytes.insert(6, 0xFF);
        bytes.push(0xC3);
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.malformed, 2);
        assert!(d.text.contains("601.2亿元"));
    }

    #[test]
    fn gbk_cut_inside_a_character_is_still_gbk() {
        let sentence = "阿里云全年营收601.2亿元，同比增长50%。";
        // A crawl that cut the file's last character: one lead byte of 广 at the end.
        let mut cut = encoding_rs::GBK.encode(&sentence.repeat(3)).0.into_owned();
        cut.push(encoding_rs::GBK.encode("广").0[0]);
        let d = decode(&cut, None);
        assert_eq!((d.encoding, d.malformed), (encoding_rs::GBK, 1));
        assert!(d.text.starts_with(sentence));
        // A file longer than the detector's 64 KiB prefix, cut there inside a character.
        let text = sentence.repeat(4000);
        let last = 64 * 1024 - 1;
        // Pad the start so that a two-byte character starts on the prefix's last byte.
        let mut at = 0;
        let mut lead = 0;
        for c in text.chars() {
            if at > last {
                break;
            }
            if !c.is_ascii() {
                lead = at;
            }
            at += if c.is_ascii() { 1 } else { 2 };
        }
        let mut long = vec![b' '; last - lead];
        long.extend_from_slice(&encoding_rs::GBK.encode(&text).0);
        assert!(long[last] >= 0x81, "the prefix ends on a lead byte");
        let d = decode(&long, None);
        assert_eq!((d.encoding, d.malformed), (encoding_rs::GBK, 0));
    }

    #[test]
    fn lying_meta_charset_loses_to_clean_decoding() {
        let html = "<html><head><meta charset=\"big5\"></head><body>阿里云营收601.2亿元，同比增长50%</body></html>";
        let (gbk, _, _) = encoding_rs::GBK.encode(html);
        let d = decode(&gbk, None);
        assert_eq!(d.malformed, 0);
        assert!(d.text.contains("阿里云营收601.2亿元"));
    }

    #[test]
    fn forced_encoding_is_used() {
        let (gbk, _, _) = encoding_rs::GBK.encode("广东省");
        let d = decode(&gbk, encoding_for_label("gb18030"));
        assert_eq!(d.text, "广东省");
    }
}
