//! Entities the way a user meets them: names no dictionary holds, persons by their
//! title, short names that are also words, nested names, and a user's dictionary.

use crate::util::Dir;

/// (type, text, canonical) of the entity rows of `text` run through stdin.
fn entities(text: &str, args: &[&str]) -> Vec<(String, String, String)> {
    let out = Dir::new()
        .command()
        .args(["--format", "jsonl"])
        .args(args.iter().copied())
        .stdin(text.as_bytes().to_vec())
        .run();
    out.expect_code(0);
    out.rows()
        .into_iter()
        .filter(|r| r["kind"] == "entity")
        .map(|r| {
            (
                r["type"].as_str().unwrap_or_default().to_string(),
                r["text"].as_str().unwrap_or_default().to_string(),
                r["canonical"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn has(rows: &[(String, String, String)], etype: &str, text: &str) -> bool {
    rows.iter().any(|(t, x, _)| t == etype && x == text)
}

#[test]
fn an_unknown_company_by_its_form_is_one_company() {
    let rows = entities("今年5月,重庆瑞方渝美压铸有限公司开始引入阿里云。", &[]);
    assert!(
        has(&rows, "company", "重庆瑞方渝美压铸有限公司"),
        "{rows:?}"
    );
    // The city inside the company's name is no mention of its own.
    assert!(!has(&rows, "city", "重庆"), "{rows:?}");
    assert!(has(&rows, "company", "阿里云"), "{rows:?}");
}

#[test]
fn a_person_by_title_or_speech_verb() {
    let rows = entities(
        "阿里云中国区副总裁张涛在会上发表演讲。张涛介绍,阿里云仁和数据中心规模最大。",
        &[],
    );
    let persons: Vec<&str> = rows
        .iter()
        .filter(|r| r.0 == "person")
        .map(|r| r.1.as_str())
        .collect();
    assert_eq!(persons, ["张涛", "张涛"], "{rows:?}");
}

#[test]
fn short_names_that_are_words_need_context() {
    // 美的 the company in a list of companies, not 美的 the adjective.
    let rows = entities("阿里云与腾讯、美的、格力电器合作。这是很美的风景。", &[]);
    let midea: Vec<_> = rows.iter().filter(|r| r.1 == "美的").collect();
    assert_eq!(midea.len(), 1, "{rows:?}");
    assert_eq!(midea[0].0, "company");
}

#[test]
fn the_longest_name_is_the_mention() {
    let rows = entities("中国石化与阿里云合作,阿里云全年营收601.2亿元。", &[]);
    assert!(has(&rows, "company", "中国石化"), "{rows:?}");
    assert!(!has(&rows, "country", "中国"), "{rows:?}");
    assert!(
        has(&rows, "company", "阿里云") && !has(&rows, "company", "阿里"),
        "{rows:?}"
    );
}

#[test]
fn a_user_dictionary_adds_and_overrides_entries() {
    let dir = Dir::new();
    let dict = dir.create("mine.tsv", "# a user's entries\n瑞方渝美\tcompany\t\t\t重庆瑞方渝美压铸有限公司\n阿里云\tproduct\t\t\t阿里巴巴集团\n");
    let out = dir
        .command()
        .args(["--format", "jsonl", "--dict"])
        .arg(&dict)
        .stdin("瑞方渝美与阿里云合作".as_bytes().to_vec())
        .run();
    out.expect_code(0);
    let rows = out.rows();
    let find = |text: &str| {
        rows.iter()
            .find(|r| r["kind"] == "entity" && r["text"] == text)
            .cloned()
    };
    let added = find("瑞方渝美").expect("the added entry");
    assert_eq!(added["type"], "company");
    assert_eq!(added["parent"], "重庆瑞方渝美压铸有限公司");
    // The user's line claims the form 阿里云 for their own entry.
    let overridden = find("阿里云").expect("the overridden form");
    assert_eq!(overridden["type"], "product");
}

#[test]
fn types_limit_what_is_reported() {
    let rows = entities(
        "阿里云在广东投资,张涛表示。",
        &["--types", "company,person"],
    );
    assert!(
        rows.iter().all(|r| r.0 == "company" || r.0 == "person"),
        "{rows:?}"
    );
    assert!(
        has(&rows, "company", "阿里云") && has(&rows, "person", "张涛"),
        "{rows:?}"
    );
}

#[test]
fn a_malformed_user_dictionary_is_an_error_before_any_work() {
    let dir = Dir::new();
    let dict = dir.create("bad.tsv", "好的\tcompany\n坏的\tplanet\n");
    let out = dir
        .command()
        .args(["--format", "jsonl", "--dict"])
        .arg(&dict)
        .stdin("阿里云".as_bytes().to_vec())
        .run();
    out.expect_code(2);
    assert!(out.rows().is_empty());
    let err = out.stderr_lines().join("\n");
    assert!(err.contains("bad.tsv:2"), "{err}");
}
