//! Documents as JSON Lines (`--input jsonl`): one JSON object a line, each a document.
//!
//! This is how a dataset reaches tiqu from a pipeline (a crawl's export, a Spark job's
//! partition piped through the binary): `{"id": 17, "text": "..."}` or
//! `{"id": "a-17", "html": "<html>..."}`. The `id`, a string or a number, is the `doc`
//! of the document's rows, so that rows can be joined back to the dataset. `html` is
//! read as HTML; `text` is read like any document, its format recognized from its
//! content (a Markdown export with front matter stays Markdown). When an object has
//! both, `html` is read. String fields `title`, `date`, `author` and `url` of the
//! object are the document's metadata, before what the document itself says.
//!
//! A line that is not such an object is one error naming the input and the line; the
//! other lines are still read. Blank lines are skipped.

use serde_json::Value;

use crate::text::normalize::Meta;

/// One document read from a line.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonDocument {
    /// The `id`, as the `doc` of the rows (a number as JSON writes it: `17`, `2.5`).
    pub id: String,
    /// The document's text or HTML.
    pub body: String,
    /// The body came as `html`.
    pub html: bool,
    /// Metadata the object gives.
    pub meta: Meta,
}

/// Read one line (without its line break) as a document.
pub fn parse_line(line: &[u8]) -> Result<JsonDocument, String> {
    let line = std::str::from_utf8(line).map_err(|e| {
        format!(
            "not UTF-8 (at byte {}); JSON Lines are UTF-8",
            e.valid_up_to()
        )
    })?;
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(mut obj) = value else {
        return Err("not a JSON object".into());
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) => crate::text::escape_controls(s),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err("\"id\" is neither a string nor a number".into()),
        None => return Err("no \"id\"".into()),
    };
    let (key, html) = if obj.contains_key("html") {
        ("html", true)
    } else if obj.contains_key("text") {
        ("text", false)
    } else {
        return Err(format!("document {id}: no \"text\" or \"html\""));
    };
    let body = match obj.remove(key) {
        Some(Value::String(s)) => s,
        _ => return Err(format!("document {id}: \"{key}\" is not a string")),
    };
    let field = |k: &str| match obj.get(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => {
            Some(crate::text::blank_controls(s.trim()))
        }
        _ => None,
    };
    Ok(JsonDocument {
        id,
        body,
        html,
        meta: Meta {
            title: field("title"),
            date: field("date"),
            author: field("author"),
            url: field("url"),
        },
    })
}

/// The metadata of a document read from JSON: the object's own, then the document's.
pub fn overlay(object: &Meta, document: &Meta) -> Meta {
    Meta {
        title: object.title.clone().or_else(|| document.title.clone()),
        date: object.date.clone().or_else(|| document.date.clone()),
        author: object.author.clone().or_else(|| document.author.clone()),
        url: object.url.clone().or_else(|| document.url.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line, and `Ok(id, html)` or `Err(part of the reason)`.
    type Case = (&'static str, Result<(&'static str, bool), &'static str>);

    #[test]
    fn lines() {
        const CASES: &[Case] = &[
            (r#"{"id": "a-1", "text": "阿里云"}"#, Ok(("a-1", false))),
            (r#"{"id": 17, "html": "<p>阿里云</p>"}"#, Ok(("17", true))),
            (r#"{"id": 2.5, "text": "x"}"#, Ok(("2.5", false))),
            (
                r#"{"id": 1, "text": "x", "html": "<p>x</p>"}"#,
                Ok(("1", true)),
            ),
            (
                r#"{"id": 1, "text": "x", "extra": [1, 2]}"#,
                Ok(("1", false)),
            ),
            (r#"{"id": 1, "text": "x""#, Err("not JSON")),
            (r#"[1, 2]"#, Err("not a JSON object")),
            (r#"{"text": "x"}"#, Err("no \"id\"")),
            (
                r#"{"id": null, "text": "x"}"#,
                Err("neither a string nor a number"),
            ),
            (r#"{"id": 3}"#, Err("document 3: no \"text\" or \"html\"")),
            (r#"{"id": 3, "text": 5}"#, Err("\"text\" is not a string")),
        ];
        for (line, want) in CASES {
            let got = parse_line(line.as_bytes());
            match (want, &got) {
                (Ok((id, html)), Ok(d)) => {
                    assert_eq!((d.id.as_str(), d.html), (*id, *html), "{line}")
                }
                (Err(part), Err(reason)) => assert!(reason.contains(part), "{line}: {reason}"),
                _ => panic!("{line}: {got:?}"),
            }
        }
        assert!(parse_line(b"{\"id\": 1, \"text\": \"\xff\"}")
            .unwrap_err()
            .contains("not UTF-8"));
    }

    #[test]
    fn metadata_of_the_object_comes_first() {
        let d = parse_line(r#"{"id": 1, "text": "x", "title": "对象标题", "url": " "}"#.as_bytes())
            .unwrap();
        let doc = Meta {
            title: Some("文中标题".into()),
            url: Some("https://example.com/".into()),
            ..Meta::default()
        };
        let m = overlay(&d.meta, &doc);
        assert_eq!(m.title.as_deref(), Some("对象标题"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/"));
        assert_eq!(m.date, None);
    }
}
