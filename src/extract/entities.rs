//! Entities: dictionary mentions, and the names no dictionary holds.
//!
//! The lexicon finds the names it knows. Rules then find what it cannot: companies and
//! organizations by the form of their names (…有限公司, …研究院, 杭州市政府), and persons by a
//! title or a speech verb next to a surname (副总裁张涛, 张涛表示). A longer name wins
//! over the names inside it, so 重庆瑞方渝美压铸有限公司 is one company and not the city
//! 重庆. Names that are also common words (美的, 小米) are kept only where the context
//! makes them names.

use std::sync::OnceLock;

use crate::dict::pairs::PairFilter;
use crate::dict::trie::PairTrie;
use crate::dict::{to_name, DictMatch, EntityType, FastSet, Lexicon, Name};
use crate::text::{ends_with_word, starts_with_word};

use super::charset::char_set;
use super::EntityMention;

/// Find every entity mention of `text`, in order, without overlaps.
pub fn find_entities(lexicon: &Lexicon, text: &str) -> Vec<EntityMention> {
    let starts = RuleStarts {
        abbreviations: abbreviation_filter().starts(text),
        cues: person_cues().filter().starts(text),
    };
    find_entities_from(lexicon, text, lexicon.find(text), &starts)
}

/// Where the rules that look for single characters and cue words must look: every
/// position where [`abbreviation_filter`] and the person cues' filter let one start,
/// in order. The lexicon's scan marks them as it reads the text
/// ([`Lexicon::find_marking`]), so that the rules do not read every character again.
#[derive(Debug, Clone, Default)]
pub struct RuleStarts {
    pub abbreviations: Vec<usize>,
    pub cues: Vec<usize>,
}

/// The filters of [`RuleStarts`], in its order.
pub fn rule_filters() -> [&'static PairFilter; 2] {
    [abbreviation_filter(), person_cues().filter()]
}

/// [`find_entities`], given the lexicon's matches in `text` ([`Lexicon::find`]) and
/// where the rules must look.
pub fn find_entities_from(
    lexicon: &Lexicon,
    text: &str,
    matches: Vec<DictMatch>,
    starts: &RuleStarts,
) -> Vec<EntityMention> {
    let mut found: Vec<Candidate> = Vec::new();
    for (n, m) in matches.iter().enumerate() {
        let e = lexicon.entry(m.entry);
        // 财政部门 is a department, not the ministry 财政部.
        if text[..m.end].ends_with('部') && text[m.end..].starts_with('门') {
            continue;
        }
        // The agency of a dateline is no mention (中新网6月12日电, 新华社北京10月1日电).
        if is_dateline(&text[m.end..]) {
            continue;
        }
        // A site's call to install or follow it is boilerplate (尽在新浪财经APP, 关注…公众号).
        if ["尽在", "下载", "关注", "打开", "订阅", "扫码"]
            .iter()
            .any(|w| ends_with_word(&text[..m.start], w))
        {
            continue;
        }
        if straddles_words(text, m.start, m.end) {
            continue;
        }
        // 第40000台达到: a classifier after a number belongs to the number, not to a name.
        let prev = text[..m.start].chars().next_back();
        let first = text[m.start..].chars().next().unwrap_or(' ');
        if prev.is_some_and(|p| {
            p.is_ascii_digit() || char_set!("一二三四五六七八九十百千万两几").contains(p)
        }) && char_set!("台家个位名辆座条款项种次件套户所部只张批架艘").contains(first)
        {
            continue;
        }
        if is_county(&e.code)
            && !county_stands_alone(text, m.start, n.checked_sub(1).map(|p| matches[p].end))
        {
            continue;
        }
        found.push(Candidate {
            mention: EntityMention {
                start: m.start,
                end: m.end,
                etype: e.etype,
                canonical: e.canonical.clone(),
                code: e.code.clone(),
                parent: e.parent.clone(),
            },
            needs_context: e.needs_context,
            from_rule: false,
        });
    }
    let dict_spans: Vec<(usize, usize, EntityType)> = found
        .iter()
        .map(|c| (c.mention.start, c.mention.end, c.mention.etype))
        .collect();
    found.extend(
        named_by_form(text, &dict_spans)
            .into_iter()
            .map(|m| Candidate {
                mention: m,
                needs_context: false,
                from_rule: true,
            }),
    );
    found.extend(governments(text, &found));
    found.extend(
        listed_by_code(text, &dict_spans)
            .into_iter()
            .map(|m| Candidate {
                mention: m,
                needs_context: false,
                from_rule: true,
            }),
    );
    found.extend(
        led_by_title(text, &dict_spans)
            .into_iter()
            .map(|m| Candidate {
                mention: m,
                needs_context: false,
                from_rule: true,
            }),
    );
    let resolved = resolve_overlaps(found);
    let resolved = keep_in_context(text, resolved);
    let mut out: Vec<EntityMention> = resolved.into_iter().map(|c| c.mention).collect();
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let (out, mut subsidiary_owners) = subsidiaries(text, out);
    let (mut out, mut owners) = products_by_form(text, out);
    owners.append(&mut subsidiary_owners);
    // A product named with its owner (比亚迪汉) mentions the owner too.
    for m in out.iter().filter(|m| m.etype == EntityType::Product) {
        let inner = &text[m.start..m.end];
        if owners.iter().any(|x: &EntityMention| x.start == m.start) {
            continue;
        }
        let cuts: Vec<usize> = inner
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i > 0)
            .collect();
        for &cut in cuts.iter().rev() {
            let found = lexicon
                .find(&inner[..cut])
                .into_iter()
                .find(|o| o.start == 0 && o.end == cut);
            if let Some(o) = found {
                let e = lexicon.entry(o.entry);
                if e.etype == EntityType::Company {
                    owners.push(EntityMention {
                        start: m.start,
                        end: m.start + cut,
                        etype: e.etype,
                        canonical: e.canonical.clone(),
                        code: e.code.clone(),
                        parent: e.parent.clone(),
                    });
                    break;
                }
            }
        }
    }
    let defined = defined_aliases(text, &out);
    out.extend(defined);
    let listed = listed_companies(text, &out);
    out.extend(listed);
    let short = abbreviations(lexicon, text, &out, &starts.abbreviations);
    out.extend(short);
    let persons = find_persons(text, &out, &starts.cues);
    out.extend(persons);
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut last_end = 0;
    out.retain(|m| {
        let keep = m.start >= last_end;
        if keep {
            last_end = m.end;
        }
        keep
    });
    // A company named inside its product's name is still mentioned (vivo in vivo X Fold).
    out.extend(owners);
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out
}

/// Short names a document defines for itself: 重庆瑞方渝美压铸有限公司(下称“瑞方渝美”).
/// Every later occurrence of the short name is a mention of the same entity.
fn defined_aliases(text: &str, ms: &[EntityMention]) -> Vec<EntityMention> {
    const MARKERS: &[&str] = &[
        "以下简称为",
        "以下简称",
        "下文简称",
        "以下称为",
        "以下称",
        "下称",
        "简称为",
        "简称",
    ];
    let mut out: Vec<EntityMention> = Vec::new();
    for m in ms {
        let rest = &text[m.end..];
        let Some(rest) = rest.strip_prefix('(') else {
            continue;
        };
        let Some(marker) = MARKERS.iter().find(|k| starts_with_word(rest, k)) else {
            continue;
        };
        let rest = &rest[marker.len()..];
        let rest = rest.trim_start_matches([':', ' ']);
        let (quoted, body) = match rest.strip_prefix(['“', '"', '「']) {
            Some(b) => (true, b),
            None => (false, rest),
        };
        let len: usize = body
            .chars()
            .take_while(|c| !"”\"」)),".contains(*c))
            .take(12)
            .map(char::len_utf8)
            .sum();
        let short = &body[..len];
        let n = short.chars().count();
        if !(2..=10).contains(&n) || (!quoted && !body[len..].starts_with(')')) {
            continue;
        }
        let defined_at = text.len() - body.len();
        for p in memchr::memmem::find_iter(text.as_bytes(), short.as_bytes()) {
            let e = p + short.len();
            if p == defined_at
                || ms
                    .iter()
                    .chain(out.iter())
                    .any(|x| p < x.end && x.start < e)
            {
                continue;
            }
            out.push(EntityMention {
                start: p,
                end: e,
                etype: m.etype,
                canonical: m.canonical.clone(),
                code: m.code.clone(),
                parent: m.parent.clone(),
            });
        }
        // The definition itself names the entity too.
        if !ms
            .iter()
            .chain(out.iter())
            .any(|x| defined_at < x.end && x.start < defined_at + len)
        {
            out.push(EntityMention {
                start: defined_at,
                end: defined_at + len,
                etype: m.etype,
                canonical: m.canonical.clone(),
                code: m.code.clone(),
                parent: m.parent.clone(),
            });
        }
    }
    out
}

/// The marks that close a clause for [`listed_companies`].
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        ',' | '。' | ';' | '!' | '?' | '\n' | ':' | '(' | '，' | '；' | '：' | '！' | '？' | '（'
    )
}

/// Names in a list of companies are companies: in 吉利、东风、广汽、上汽乘用车等车企 the
/// unknown 上汽乘用车 stands where the others are known companies.
fn listed_companies(text: &str, ms: &[EntityMention]) -> Vec<EntityMention> {
    let mut out = Vec::new();
    // Only a clause with two 、 or an 等 can hold a list, and most clauses have neither:
    // the 、 and 等 of the whole text are found first (a vector search each), and only
    // the clauses around them are read, back and forth to their marks.
    let b = text.as_bytes();
    let mut seps: Vec<(usize, bool)> = memchr::memmem::find_iter(b, "、")
        .map(|p| (p, false))
        .collect();
    seps.extend(memchr::memmem::find_iter(b, "等").map(|p| (p, true)));
    seps.sort_unstable();
    let mut next_sep = 0;
    // The mentions by where they end, (end, index in `ms`): made for the first clause
    // that is read as a list.
    let mut by_end: Option<Vec<(usize, usize)>> = None;
    while next_sep < seps.len() {
        let at = seps[next_sep].0;
        let clause_start = text[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| ends_clause(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let clause_end = text[at..]
            .char_indices()
            .find(|&(_, c)| ends_clause(c))
            .map_or(text.len(), |(i, _)| at + i);
        let (mut clause_dun, mut clause_deng) = (0usize, false);
        while next_sep < seps.len() && seps[next_sep].0 < clause_end {
            if seps[next_sep].1 {
                clause_deng = true;
            } else {
                clause_dun += 1;
            }
            next_sep += 1;
        }
        let clause = clause_start..clause_end;
        if clause_dun < 2 && !clause_deng {
            continue;
        }
        let body = &text[clause.clone()];
        // 中策橡胶、正泰新能源等工业企业: what a list ends with says what its items are.
        let closing = [
            "企业",
            "公司",
            "厂商",
            "车企",
            "巨头",
            "品牌",
            "运营商",
            "银行",
            "集团",
            "药企",
            "房企",
            "电池厂",
            "投资者",
            "投资方",
            "投资机构",
            "股东",
            "供应商",
            "合作伙伴",
        ];
        let says_companies = body.match_indices('等').any(|(p, _)| {
            // A closing word within the six characters after 等: tried where each of
            // those characters starts, on the text itself.
            let after = &body[p + '等'.len_utf8()..];
            let near = &after[..after.char_indices().nth(6).map_or(after.len(), |(i, _)| i)];
            near.char_indices()
                .any(|(k, _)| closing.iter().any(|w| near[k..].starts_with(w)))
        });
        let opened = ["包括", "例如", "比如", "诸如"]
            .iter()
            .any(|w| body.contains(w));
        if clause_dun < 2 && !(says_companies && (clause_dun > 0 || opened)) {
            continue;
        }
        // Items: what stands between the separators; the last ends at 等, 和 or 及.
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut from = clause.start;
        for (p, _) in body.match_indices('、') {
            items.push((from, clause.start + p));
            from = clause.start + p + '、'.len_utf8();
        }
        let tail = &text[from..clause.end];
        // A one-item list after an opener ends at its 等: 包括天津和谐等23家投资者.
        let single_opened = items.is_empty() && opened;
        let tail_end = if single_opened {
            tail.find('等').unwrap_or(tail.len())
        } else {
            ["等", "和", "与", "及", "以及", "在", "的", "均", "都", "也"]
                .iter()
                .filter_map(|w| tail.find(w))
                .min()
                .unwrap_or(tail.len())
        };
        items.push((from, from + tail_end));
        if let Some(rest) = tail[tail_end..].strip_prefix(['和', '与', '及']) {
            let start = from + tail_end + '和'.len_utf8();
            let end = ["等", "在", "的", ",", "均", "都"]
                .iter()
                .filter_map(|w| rest.find(w))
                .min()
                .unwrap_or(rest.len());
            items.push((start, start + end));
        }
        // The first mention (in `ms` order) that ends where the item ends and starts
        // where it starts (anywhere in it, for a first item that starts its clause).
        let by_end = by_end.get_or_insert_with(|| {
            let mut v: Vec<(usize, usize)> =
                ms.iter().enumerate().map(|(i, m)| (m.end, i)).collect();
            v.sort_unstable();
            v
        });
        let known = |&(s, e): &(usize, usize)| {
            let from = by_end.partition_point(|&(end, _)| end < e);
            by_end[from..]
                .iter()
                .take_while(|&&(end, _)| end == e)
                .map(|&(_, i)| &ms[i])
                .find(|m| m.start >= s && (m.start == s || s == clause.start))
        };
        let (mut companies, mut others) = (0, 0);
        for it in &items {
            match known(it) {
                Some(m) if m.etype == EntityType::Company => companies += 1,
                Some(_) => others += 1,
                None => {}
            }
        }
        if !says_companies && (companies < 2 || others > 0 || companies * 2 < items.len()) {
            continue;
        }
        if says_companies && others > 0 {
            continue;
        }
        // The first item's start is unknown unless a clause or a list word starts it.
        // The first item starts after a word that opens a list (包括天津和谐等23家投资者).
        const OPENERS: &[&str] = &["其中包括", "包括", "例如", "比如", "诸如", "如", "像"];
        if let Some(first) = items.first_mut() {
            let seg = &text[first.0..first.1];
            if let Some((p, w)) = OPENERS
                .iter()
                .filter_map(|w| seg.rfind(w).map(|p| (p, w)))
                .max_by_key(|(p, _)| *p)
            {
                first.0 += p + w.len();
            } else if !says_companies {
                first.0 = first.1;
            }
        }
        let skip_first = if says_companies || items.first().is_some_and(|f| f.0 < f.1) {
            0
        } else {
            1
        };
        for &(s, e) in items.iter().skip(skip_first) {
            let name = &text[s..e];
            let n = name.chars().count();
            // 12家全国性股份制银行 is a count of banks; 万向一二三 is a name.
            let mut cs = name.chars();
            let (c0, c1) = (cs.next().unwrap_or(' '), cs.next().unwrap_or(' '));
            let starts_counted = c0.is_ascii_digit()
                || ("一二三四五六七八九十百千两几数上".contains(c0)
                    && "家个所位大名种类批".contains(c1));
            let clean = !starts_counted
                && name.chars().all(|c| {
                    (is_han(c)
                        && !char_set!("的了是在等对为将把被从以于就也都还这那其该").contains(c))
                        || c.is_ascii_alphanumeric()
                });
            // A known company that starts the item is a shorter name of it (上汽 in 上汽乘用车).
            let blocked = ms.iter().any(|m| {
                m.start < e
                    && s < m.end
                    && !(m.start == s
                        && m.end < e
                        && (m.etype == EntityType::Company || m.etype.is_place()))
            });
            if (2..=8).contains(&n) && clean && !blocked {
                out.push(EntityMention {
                    start: s,
                    end: e,
                    etype: EntityType::Company,
                    canonical: to_name(name),
                    code: to_name(""),
                    parent: to_name(""),
                });
            }
        }
    }
    out
}

/// Bytes of model tokens at the start of `rest`: up to two Latin/digit words, the first
/// glued to the name or one space away (870, 8 Gen1, Pro, EV). A bare number followed by
/// Chinese is a figure or a date (飞天 2021年), not a model.
fn model_tokens(rest: &str) -> usize {
    const EDITIONS: &[&str] = &[
        "Pro", "Max", "Plus", "Ultra", "Mini", "MINI", "Lite", "SE", "EV", "DM-i", "DM", "Air",
        "Gen", "Note", "Fold",
    ];
    let b = rest.as_bytes();
    let mut j = 0;
    let mut tokens = 0;
    while tokens < 2 {
        let mut t = j;
        if b.get(t) == Some(&b' ') {
            t += 1;
        }
        let start = t;
        while t < b.len()
            && (b[t].is_ascii_alphanumeric()
                || (t > start
                    && (b[t] == b'-'
                        || (b[t] == b'+'
                            && !b.get(t + 1).is_some_and(|c| c.is_ascii_alphanumeric())))))
        {
            t += 1;
        }
        if t == start {
            break;
        }
        let tok = &rest[start..t];
        let digits = tok.bytes().all(|c| c.is_ascii_digit());
        let next = rest[t..].chars().next();
        let ok = if digits {
            tok.len() <= 4
                && !next.is_some_and(is_han)
                && !next.is_some_and(|c| c == '.' || c == '%')
        } else {
            tok.as_bytes()[0].is_ascii_digit()
                || EDITIONS.iter().any(|e| starts_with_word(tok, e))
                || (tokens == 0
                    && start == j
                    && tok.as_bytes()[0].is_ascii_uppercase()
                    && tok.len() <= 4)
        };
        if !ok {
            break;
        }
        j = t;
        tokens += 1;
    }
    j
}

/// One-character abbreviations of countries and provinces, and the canonical they stand
/// for. They are read only in the forms where they cannot be anything else.
const ABBREVIATIONS: &[(char, &str, EntityType)] = &[
    ('中', "中国", EntityType::Country),
    ('华', "中国", EntityType::Country),
    ('美', "美国", EntityType::Country),
    ('日', "日本", EntityType::Country),
    ('韩', "韩国", EntityType::Country),
    ('俄', "俄罗斯", EntityType::Country),
    ('乌', "乌克兰", EntityType::Country),
    ('英', "英国", EntityType::Country),
    ('法', "法国", EntityType::Country),
    ('德', "德国", EntityType::Country),
    ('印', "印度", EntityType::Country),
    ('粤', "广东", EntityType::Province),
    ('苏', "江苏", EntityType::Province),
    ('浙', "浙江", EntityType::Province),
    ('皖', "安徽", EntityType::Province),
    ('闽', "福建", EntityType::Province),
    ('赣', "江西", EntityType::Province),
    ('鲁', "山东", EntityType::Province),
    ('豫', "河南", EntityType::Province),
    ('鄂', "湖北", EntityType::Province),
    ('湘', "湖南", EntityType::Province),
    ('冀', "河北", EntityType::Province),
    ('晋', "山西", EntityType::Province),
    ('辽', "辽宁", EntityType::Province),
    ('川', "四川", EntityType::Province),
    ('黔', "贵州", EntityType::Province),
    ('滇', "云南", EntityType::Province),
    ('陕', "陕西", EntityType::Province),
    ('琼', "海南", EntityType::Province),
    ('港', "香港", EntityType::Province),
    ('沪', "上海", EntityType::City),
    ('京', "北京", EntityType::City),
    ('津', "天津", EntityType::City),
    ('渝', "重庆", EntityType::City),
];

/// Words after a pair of abbreviations that make it two places (俄乌冲突, 中美贸易).
const PAIR_RELATIONS: &[&str] = &[
    "冲突",
    "关系",
    "贸易",
    "合作",
    "两国",
    "之间",
    "双方",
    "峰会",
    "战争",
    "谈判",
    "竞争",
    "摩擦",
    "博弈",
    "对话",
    "边境",
    "局势",
    "会谈",
    "协议",
    "三国",
    "两地",
    "交流",
    "经贸",
    "科技战",
    "脱钩",
];

/// Prepositions and verbs before a lone abbreviation (在美建设, 赴美上市, 来华, 在渝).
const ABBREVIATION_BEFORE: &[&str] = &[
    "在",
    "赴",
    "来",
    "访",
    "对",
    "驻",
    "抵",
    "回",
    "离",
    "出口至",
    "销往",
    "进入",
];

/// Abbreviations in their unambiguous forms: after 在/赴/对 (在美建设), as a pair before a
/// relation (俄乌冲突), and as items of a list of such places (美国、日、韩).
/// The spans of a set of mentions, asked "does anything overlap this range?" in
/// logarithmic time: the rules ask it for every candidate, and a document can hold
/// thousands of mentions.
struct Coverage {
    /// Spans by start.
    spans: Vec<(usize, usize)>,
    /// The greatest end among `spans[..=k]`.
    max_end: Vec<usize>,
}

impl Coverage {
    fn new(ms: &[EntityMention]) -> Coverage {
        let mut spans: Vec<(usize, usize)> = ms.iter().map(|m| (m.start, m.end)).collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut end = 0;
        for &(_, e) in &spans {
            end = end.max(e);
            max_end.push(end);
        }
        Coverage { spans, max_end }
    }

    /// True if some span overlaps `s..e`.
    fn overlaps(&self, s: usize, e: usize) -> bool {
        let n = self.spans.partition_point(|&(start, _)| start < e);
        n > 0 && self.max_end[n - 1] > s
    }
}

/// The characters that stand for a country or place on their own, as a filter of
/// characters alone.
fn abbreviation_filter() -> &'static PairFilter {
    static SET: OnceLock<PairFilter> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = PairFilter::new(0);
        for (c, _, _) in ABBREVIATIONS {
            set.add_lone(*c as u32);
        }
        set
    })
}

/// The abbreviated names (美, 中, 俄乌) at `starts`, the positions of their characters.
fn abbreviations(
    lexicon: &Lexicon,
    text: &str,
    ms: &[EntityMention],
    starts: &[usize],
) -> Vec<EntityMention> {
    let coverage = Coverage::new(ms);
    let covered = |s: usize, e: usize| coverage.overlaps(s, e);
    let info = |c: char| ABBREVIATIONS.iter().find(|(a, _, _)| *a == c);
    let mention = |at: usize, c: char| {
        let (_, canonical, etype) = info(c)?;
        let idx = lexicon.lookup(canonical, *etype);
        let (code, parent) = idx.map_or((to_name(""), to_name("")), |i| {
            (
                lexicon.entry(i).code.clone(),
                lexicon.entry(i).parent.clone(),
            )
        });
        Some(EntityMention {
            start: at,
            end: at + c.len_utf8(),
            etype: *etype,
            canonical: to_name(canonical),
            code,
            parent,
        })
    };
    let words = common_words();
    let mut out: Vec<EntityMention> = Vec::new();
    for &at in starts {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        if covered(at, at + c.len_utf8()) || out.iter().any(|m| m.start == at) {
            continue;
        }
        let after = &text[at + c.len_utf8()..];
        let before = &text[..at];
        let prev = before.chars().next_back();
        let next = after.chars().next();
        let forms_word = |a: char, b: char| is_common_pair(words, a, b);
        // A pair: 俄乌冲突, 中美贸易.
        if let Some(n) = next {
            if info(n).is_some_and(|x| x.2 == info(c).map_or(x.2, |y| y.2))
                && n != c
                && !covered(at, at + c.len_utf8() + n.len_utf8())
            {
                let rest = &after[n.len_utf8()..];
                if PAIR_RELATIONS.iter().any(|w| starts_with_word(rest, w)) {
                    out.extend(mention(at, c));
                    out.extend(mention(at + c.len_utf8(), n));
                    continue;
                }
            }
        }
        // After a preposition: 在美建设, 对美出口, 来华.
        if ABBREVIATION_BEFORE
            .iter()
            .any(|w| ends_with_word(before, w))
            && c != '中'
        {
            let joins =
                next.is_some_and(|n| forms_word(c, n)) || prev.is_some_and(|p| forms_word(p, c));
            if !joins && next.is_some_and(is_han) {
                out.extend(mention(at, c));
                continue;
            }
        }
        // A list item: 美国、日、韩为主.
        let item_before = before.ends_with('、');
        let item_after =
            after.starts_with('、') || (item_before && !next.is_some_and(|n| forms_word(c, n)));
        if item_before && item_after
            || (after.starts_with('、') && prev.is_some_and(|p| !is_han(p) || p == '、'))
        {
            let same_kind = ms.iter().any(|m| {
                info(c).is_some_and(|x| x.2 == m.etype)
                    && (m.end + '、'.len_utf8() == at
                        || at + c.len_utf8() + '、'.len_utf8() == m.start)
            });
            let chain = out.iter().any(|m| m.end + '、'.len_utf8() == at);
            if same_kind || chain {
                out.extend(mention(at, c));
            }
        }
    }
    out
}

/// Business lines that, right after a company's name, name one of its companies:
/// 赣锋 + 锂电, 上汽 + 乘用车, 三星 + 人寿, LG + 新能源.
const SUBSIDIARY_TAILS: &[&str] = &[
    "人寿保险",
    "财产保险",
    "汽车电池",
    "动力电池",
    "新能源",
    "锂电",
    "锂业",
    "乘用车",
    "商用车",
    "人寿",
    "财险",
    "物产",
    "重工",
    "证券",
    "保险",
    "电子",
    "化学",
    "能源",
    "科技",
    "建设",
    "地产",
    "置业",
    "物流",
    "医药",
    "生物",
    "材料",
    "光电",
    "半导体",
    "通信",
    "电力",
    "电气",
    "资本",
    "投资",
    "酒店",
    "航空",
    "金融",
    "银行",
    "储能",
    "智能",
    "电池",
    "集团",
];

/// Companies named by their group and a business line (赣锋锂电, 三星人寿); the group is
/// still mentioned inside the name, and becomes the parent.
fn subsidiaries(
    text: &str,
    mut ms: Vec<EntityMention>,
) -> (Vec<EntityMention>, Vec<EntityMention>) {
    let mut owners = Vec::new();
    for k in 0..ms.len() {
        let m = ms[k].clone();
        if m.etype != EntityType::Company {
            continue;
        }
        let next_start = ms.get(k + 1).map_or(text.len(), |n| n.start);
        let rest = &text[m.end..next_start];
        let (gap, rest) = match rest.strip_prefix(' ') {
            Some(r) if m.canonical.is_ascii() || text[m.start..m.end].is_ascii() => (1, r),
            _ => (0, rest),
        };
        let Some(tail) = SUBSIDIARY_TAILS
            .iter()
            .filter(|t| starts_with_word(rest, t))
            .max_by_key(|t| t.len())
        else {
            continue;
        };
        // The tail must end the name: 三星电子股价 yes, 赣锋锂电池 no (a longer word).
        let after = &rest[tail.len()..];
        if after.starts_with(|c: char| is_han(c) && !NAME_STOPS.contains(c))
            && !SUBSIDIARY_FOLLOWERS
                .iter()
                .any(|w| starts_with_word(after, w))
        {
            continue;
        }
        let end = m.end + gap + tail.len();
        owners.push(m.clone());
        ms[k] = EntityMention {
            start: m.start,
            end,
            etype: EntityType::Company,
            canonical: to_name(&text[m.start..end]),
            code: to_name(""),
            parent: m.canonical.clone(),
        };
    }
    (ms, owners)
}

/// Words that may follow a subsidiary's name (赣锋锂电宣布, 三星人寿的).
const SUBSIDIARY_FOLLOWERS: &[&str] = &[
    "宣布",
    "发布",
    "表示",
    "公告",
    "股价",
    "营收",
    "净利润",
    "旗下",
    "董事长",
    "总裁",
    "占",
    "持有",
    "投资",
    "签订",
    "签署",
    "联合",
    "等",
    "也",
    "还",
    "将",
    "已",
    "在",
    "于",
    "与",
    "和",
    "及",
    "公司",
    "股份",
    "有限",
    "集团",
    "子公司",
    "计划",
    "拟",
    "正",
    "获",
];

/// Generic heads that make what stands before them a product's name.
const PRODUCT_HEADS: &[&str] = &[
    "工业互联网平台",
    "互联网平台",
    "超算平台",
    "开放平台",
    "大数据平台",
    "云平台",
    "操作系统",
    "大模型",
    "数据库",
    "处理器",
    "服务器",
    "芯片",
    "平台",
    "系列",
];

/// Latin words after a company that are not a product's name.
const NOT_MODEL_WORDS: &[&str] = &[
    "AI", "IT", "CEO", "CTO", "CFO", "APP", "App", "GDP", "PUE", "IPO", "ETF", "CPU", "GPU", "PC",
    "VS", "vs",
];

/// Products by form: a place before a product (杭州 + 城市大脑), a name before a generic
/// head (飞龙 + 工业互联网平台, after its owner 阿里云), a company's Latin model name
/// (vivo X Fold). Returns the mentions with products merged, and the owners named inside
/// products, which are mentions too.
fn products_by_form(
    text: &str,
    mut ms: Vec<EntityMention>,
) -> (Vec<EntityMention>, Vec<EntityMention>) {
    let mut owners = Vec::new();
    let mut k = 0;
    while k < ms.len() {
        let m = ms[k].clone();
        // A place right before a product is part of the product's name.
        if m.etype.is_place()
            && k + 1 < ms.len()
            && ms[k + 1].start == m.end
            && ms[k + 1].etype == EntityType::Product
        {
            let n = ms.remove(k + 1);
            ms[k] = EntityMention {
                start: m.start,
                end: n.end,
                etype: EntityType::Product,
                canonical: to_name(&text[m.start..n.end]),
                code: to_name(""),
                parent: n.parent,
            };
            continue;
        }
        if !matches!(m.etype, EntityType::Company | EntityType::Product) {
            k += 1;
            continue;
        }
        // A product's model or edition right after it: 骁龙870, 骁龙8 Gen1, 哪吒U Pro, 汉EV.
        if m.etype == EntityType::Product {
            let next_start = ms.get(k + 1).map_or(text.len(), |n| n.start);
            let ext = model_tokens(&text[m.end..next_start]);
            if ext > 0 {
                ms[k] = EntityMention {
                    end: m.end + ext,
                    canonical: if *m.canonical == text[m.start..m.end] {
                        to_name(&text[m.start..m.end + ext])
                    } else {
                        m.canonical.clone()
                    },
                    ..m.clone()
                };
                if text[m.start..m.end + ext] != *m.canonical {
                    ms[k].canonical = to_name(&text[m.start..m.end + ext]);
                }
                k += 1;
                continue;
            }
        }
        let next_start = ms.get(k + 1).map_or(text.len(), |n| n.start);
        let rest = &text[m.end..next_start];
        let mut end = None;
        // A name (Latin word or up to four Chinese characters) and a generic head.
        let latin: usize = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let han_ends: Vec<usize> = rest
            .char_indices()
            .take_while(|(_, c)| is_han(*c) && !NAME_STOPS.contains(*c))
            .map(|(i, c)| i + c.len_utf8())
            .take(4)
            .collect();
        let name_ends: Vec<usize> = if latin > 0 {
            vec![latin]
        } else {
            std::iter::once(0).chain(han_ends.iter().copied()).collect()
        };
        'outer: for &x in name_ends.iter().rev() {
            // After a company a name must stand before the head (阿里云 + 飞龙 + 平台);
            // after a product only the head itself (飞天 + 大数据平台).
            if (x == 0 && m.etype == EntityType::Company)
                || (x > 0 && latin == 0 && m.etype == EntityType::Product)
            {
                continue;
            }
            for head in PRODUCT_HEADS {
                if starts_with_word(&rest[x..], head) && !(x == 0 && *head == "系列") {
                    end = Some(m.end + x + head.len());
                    break 'outer;
                }
            }
        }
        // A company's Latin model name: vivo X Fold, vivo Pad.
        if end.is_none() && m.etype == EntityType::Company {
            let mut j = 0;
            let b = rest.as_bytes();
            let mut tokens = 0;
            loop {
                let mut t = j;
                if b.get(t) == Some(&b' ') {
                    t += 1;
                }
                let tok_start = t;
                while t < b.len() && (b[t].is_ascii_alphanumeric() || b[t] == b'+' || b[t] == b'-')
                {
                    t += 1;
                }
                if t == tok_start || tokens >= 3 {
                    break;
                }
                let tok = &rest[tok_start..t];
                if tokens == 0
                    && (!tok.as_bytes()[0].is_ascii_uppercase() || NOT_MODEL_WORDS.contains(&tok))
                {
                    break;
                }
                tokens += 1;
                j = t;
            }
            // An all-capital acronym names a group company (三星 SDS, 现代 MOBIS), not a product.
            let word = rest[..j].trim_start();
            if tokens == 1
                && (3..=5).contains(&word.len())
                && word.bytes().all(|c| c.is_ascii_uppercase())
            {
                owners.push(m.clone());
                ms[k] = EntityMention {
                    start: m.start,
                    end: m.end + j,
                    etype: EntityType::Company,
                    canonical: to_name(&text[m.start..m.end + j]),
                    code: to_name(""),
                    parent: m.canonical.clone(),
                };
                k += 1;
                continue;
            }
            if tokens > 0 {
                let mut e = j;
                if rest[e..].trim_start_matches(' ').starts_with("系列") {
                    e += rest[e..].len() - rest[e..].trim_start_matches(' ').len();
                    e += "系列".len();
                }
                end = Some(m.end + e);
            }
        }
        if let Some(end) = end {
            let parent = if m.etype == EntityType::Company {
                m.canonical.clone()
            } else {
                m.parent.clone()
            };
            if m.etype == EntityType::Company {
                owners.push(m.clone());
            }
            ms[k] = EntityMention {
                start: m.start,
                end,
                etype: EntityType::Product,
                canonical: to_name(&text[m.start..end]),
                code: to_name(""),
                parent,
            };
        }
        k += 1;
    }
    (ms, owners)
}

fn is_dateline(after: &str) -> bool {
    let mut cut = after.len().min(64);
    while !after.is_char_boundary(cut) {
        cut -= 1;
    }
    // Asked after every dictionary match: most have no 月 in reach, and need no regex
    // (nor its compiling, for a document that has none).
    if !after[..cut].contains('月') {
        return false;
    }
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^\p{Han}{0,6}?\s?[0-9]{1,2}\s?月\s?[0-9]{1,2}\s?日\s?[电讯]")
            .expect("dateline pattern")
    });
    re.is_match(&after[..cut])
}

/// A county-level division (code not ending in 00): its names are short and often
/// stand inside other words (海城市 in 南海城市大脑), so they need a clear left edge.
fn is_county(code: &str) -> bool {
    code.len() == 6 && !code.ends_with("00")
}

/// Common two-character words (`dictionaries/common_words.txt`), each as the pair of its
/// characters ([`pair_key`]).
fn common_words() -> &'static FastSet<u64> {
    // Keyed by the two characters rather than by the word's text: built at every start
    // (a third of the time it took as a set of strings) and asked of every two-character
    // candidate without putting the word together or comparing its bytes. The file
    // holds only pairs; a longer line could never be asked for.
    static WORDS: std::sync::OnceLock<FastSet<u64>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../../dictionaries/common_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut chars = l.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(a), Some(b), None) => Some(pair_key(a, b)),
                    _ => None,
                }
            })
            .collect()
    })
}

/// Two characters as one key. The low half mixes both: FxHash multiplies, so a hash
/// table's bucket (the product's low bits) comes from the key's low bits alone, and
/// with `b` alone there it put every pair ending in the same character together.
fn pair_key(a: char, b: char) -> u64 {
    let (a, b) = (u32::from(a), u32::from(b));
    (u64::from(b) << 32) | u64::from(a ^ b)
}

/// A two-character name whose characters each make a common word with their outer
/// neighbour stands across two words, not as a name: 统信 in 系统信息, 工行 in 加工行业.
fn straddles_words(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let mut chars = name.chars();
    let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else {
        return false;
    };
    let (Some(p), Some(n)) = (
        text[..start].chars().next_back(),
        text[end..].chars().next(),
    ) else {
        return false;
    };
    if !is_han(a) || !is_han(b) || !is_han(p) || !is_han(n) {
        return false;
    }
    let words = common_words();
    is_common_pair(words, p, a) && is_common_pair(words, b, n)
}

/// Whether two characters make one of the common words: asked of every two-character
/// match and around abbreviations.
fn is_common_pair(words: &FastSet<u64>, a: char, b: char) -> bool {
    words.contains(&pair_key(a, b))
}

/// A county name stands alone after a non-Chinese character, a function word or a
/// place name that ends right before it (浙江桐乡).
fn county_stands_alone(text: &str, start: usize, prev_match_end: Option<usize>) -> bool {
    if prev_match_end == Some(start) {
        return true;
    }
    match text[..start].chars().next_back() {
        None => true,
        Some(c) => {
            !is_han(c)
                || char_set!("在于从到至和与及、的省市区县州落赴去来经往位是为将").contains(c)
        }
    }
}

#[derive(Debug, Clone)]
struct Candidate {
    mention: EntityMention,
    needs_context: bool,
    from_rule: bool,
}

/// Longest first; a rule-found name that strictly contains dictionary names replaces them.
fn resolve_overlaps(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by_key(|c| {
        (
            c.mention.start,
            std::cmp::Reverse(c.mention.end),
            c.from_rule,
        )
    });
    let mut by_len: Vec<usize> = (0..cands.len()).collect();
    by_len.sort_by_key(|&i| {
        (
            std::cmp::Reverse(cands[i].mention.end - cands[i].mention.start),
            cands[i].mention.start,
        )
    });
    // Taken spans never overlap, so keyed by start the only ones that can overlap a new
    // span are the last one starting before its end: a logarithmic check per candidate.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut keep = vec![false; cands.len()];
    for i in by_len {
        let (s, e) = (cands[i].mention.start, cands[i].mention.end);
        if taken.range(..e).next_back().is_some_and(|(_, &te)| te > s) {
            continue;
        }
        taken.insert(s, e);
        keep[i] = true;
    }
    cands
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| c)
        .collect()
}

/// Words after a name that make a common word (美的, 小米, 苹果) a company's name.
const NAME_CONTEXT_AFTER: &[&str] = &[
    "集团",
    "公司",
    "股份",
    "科技",
    "旗下",
    "发布",
    "推出",
    "宣布",
    "表示",
    "公告",
    "创始人",
    "董事长",
    "总裁",
    "CEO",
    "手机",
    "汽车",
    "电器",
    "官方",
    "财报",
    "营收",
    "净利润",
    "股价",
    "市值",
    "的产品",
    "的CEO",
    "数据显示",
    "报告",
    "预测",
    "统计",
    "研究",
    "发布的",
    "指出",
    "认为",
    "预计",
    "分析师",
    "地区",
    "省份",
    "区域",
    "城市",
    "等龙头企业",
    "等企业",
    "等公司",
    "等厂商",
    "等车企",
    "等品牌",
    "等巨头",
    "等头部企业",
    "等知名企业",
];

/// A form with a company's ending is a name wherever it stands (苹果公司, 美的集团).
const CERTAIN_ENDINGS: &[&str] = &[
    "公司", "集团", "股份", "科技", "电器", "银行", "汽车", "控股", "电子", "证券",
];

/// Keep a context-needing name when the document also names it unambiguously, when a
/// word after it makes it a name, or when it stands in a list of other names.
fn keep_in_context(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    // Borrowed names, FxHash: asked of every candidate.
    let sure: FastSet<(&str, EntityType)> = cands
        .iter()
        .filter(|c| !c.needs_context)
        .map(|c| (&*c.mention.canonical, c.mention.etype))
        .collect();
    let mut certain: Vec<bool> = cands
        .iter()
        .map(|c| {
            let m = &c.mention;
            let form = &text[m.start..m.end];
            !c.needs_context
                || sure.contains(&(&*m.canonical, m.etype))
                || CERTAIN_ENDINGS.iter().any(|e| ends_with_word(form, e))
                || form.chars().count() >= 4
                || NAME_CONTEXT_AFTER
                    .iter()
                    .any(|w| starts_with_word(&text[m.end..], w))
        })
        .collect();
    // A list: 腾讯、美的、格力 or 东部、中部、西部地区 — a certain neighbour of the same
    // type one separator away makes a name certain, and so on along the list.
    let linked = |i: usize, j: usize| {
        let (a, b) = (&cands[i].mention, &cands[j].mention);
        a.etype == b.etype
            && b.start >= a.end
            && matches!(&text[a.end..b.start], "、" | "," | "和" | "与" | "及" | " ")
    };
    loop {
        let mut changed = false;
        for i in 0..cands.len() {
            if certain[i] {
                continue;
            }
            let by_prev = i > 0 && certain[i - 1] && linked(i - 1, i);
            let by_next = i + 1 < cands.len() && certain[i + 1] && linked(i, i + 1);
            if by_prev || by_next {
                certain[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    cands
        .into_iter()
        .zip(certain)
        .filter(|(_, k)| *k)
        .map(|(c, _)| c)
        .collect()
}

/// Endings that make a run of characters a company's or an organization's name.
const NAME_ENDINGS: &[(&str, EntityType)] = &[
    ("集团股份有限公司", EntityType::Company),
    ("股份有限公司", EntityType::Company),
    ("有限责任公司", EntityType::Company),
    ("集团有限公司", EntityType::Company),
    ("有限公司", EntityType::Company),
    ("控股集团", EntityType::Company),
    ("集团公司", EntityType::Company),
    ("集团", EntityType::Company),
    ("银行", EntityType::Company),
    ("研究院", EntityType::Organization),
    ("研究所", EntityType::Organization),
    ("研究中心", EntityType::Organization),
    ("科学院", EntityType::Organization),
    ("大学", EntityType::Organization),
    ("学院", EntityType::Organization),
    ("协会", EntityType::Organization),
    ("学会", EntityType::Organization),
    ("联合会", EntityType::Organization),
    ("商会", EntityType::Organization),
    ("联盟", EntityType::Organization),
    ("基金会", EntityType::Organization),
    ("委员会", EntityType::Organization),
    ("实验室", EntityType::Organization),
];

/// Characters that end a name when reading backwards from its ending: function words,
/// verbs and measure words that stand before names (与腾讯, 由阿里云, 四家子公司).
const NAME_STOPS: &str = "的与和及在由对向为是了将把被从等以于据让使给跟同并或也都就已还而且其该这那各每、，。；：！？“”‘’《》（）()[]【】「」 \n\t,.;:!?\"'";

/// Words that end a name when reading backwards (欣旺达联合东风集团: 东风集团).
const NAME_STOP_WORDS: &[&str] = &[
    "联合", "携手", "联手", "牵手", "宣布", "发布", "表示", "成立", "签约", "签订", "收购", "投资",
    "入股", "控股", "持有", "通过", "包括", "作为", "旗下", "合作", "以及", "或者", "还有", "其中",
    "目前", "今年", "去年", "日前", "近日", "此前", "此次", "本次", "获悉", "消息", "报道", "介绍",
    "指出", "认为", "称", "来自", "位于", "属于", "加入", "拥有", "推出", "中标", "选择", "支持",
    "设立", "出资", "注资", "组建", "新设", "全资",
];

/// Generic words that are not a name's start (子公司, 合资公司, 该集团, 大集团).
const GENERIC_NAME_HEADS: &[&str] = &[
    "子",
    "合资",
    "母",
    "本",
    "大",
    "新",
    "总",
    "分",
    "控股",
    "上市",
    "国有",
    "民营",
    "外资",
    "商业",
    "股份制",
    "城市商业",
    "农村商业",
    "重点",
    "高等",
    "著名",
    "知名",
    "国内",
    "国外",
    "全球",
    "世界",
    "中外",
    "相关",
    "多家",
    "科研",
    "研究",
];

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Companies and organizations recognized by the ending of their name.
fn named_by_form(text: &str, dict_spans: &[(usize, usize, EntityType)]) -> Vec<EntityMention> {
    let mut out = Vec::new();
    // One pass for all endings; the longest ending at a position wins.
    static ENDINGS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let endings = ENDINGS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(NAME_ENDINGS.iter().map(|(e, _)| *e))
            .expect("name endings")
    });
    for hit in endings.find_iter(text) {
        let (pos, (ending, etype)) = (hit.start(), NAME_ENDINGS[hit.pattern().as_usize()]);
        let end = pos + ending.len();
        // Read the name backwards from the ending.
        let mut start = pos;
        let mut chars = 0;
        let mut cursor = pos;
        while cursor > 0 && chars < 16 {
            let before = &text[..cursor];
            if NAME_STOP_WORDS.iter().any(|w| ends_with_word(before, w)) {
                break;
            }
            // A known name (not a place) that ends here is the start of this name:
            // 东风 + 集团, never 欣旺达联合东风集团.
            if let Some(&(ds, _, _)) = dict_spans
                .iter()
                .find(|(ds, de, t)| *de == cursor && *ds < cursor && !t.is_place())
            {
                start = ds;
                break;
            }
            let c = before.chars().next_back().unwrap_or(' ');
            let ascii_word =
                c.is_ascii_alphabetic() || c == '&' || (c.is_ascii_digit() && chars == 0);
            if !(is_han(c) || ascii_word) || NAME_STOPS.contains(c) {
                break;
            }
            // A count before the name is not part of it: 12家银行, 上百家银行, 6大国有银行.
            if "家个所位大名元亿万".contains(c) {
                let prev = before[..before.len() - c.len_utf8()].chars().next_back();
                if prev.is_some_and(|p| {
                    p.is_ascii_digit() || "一二三四五六七八九十百千万两几数多余上".contains(p)
                }) {
                    break;
                }
            }
            cursor -= c.len_utf8();
            start = cursor;
            chars += 1;
        }
        // Digits or a lone Latin run never start a name here (2021年集团 ...).
        while start < pos && text.as_bytes()[start].is_ascii_digit() {
            start += 1;
        }
        // The dictionary already knows this name with this ending (阿里巴巴集团,
        // 哈尔滨工业大学 in 东北不乏哈尔滨工业大学).
        if dict_spans
            .iter()
            .any(|(ds, de, t)| *de == end && *ds < end && !t.is_place())
        {
            continue;
        }
        // Trim a leading generic head (子公司 has none left, 大集团 neither).
        let name = &text[start..pos];
        let name_chars = name.chars().count();
        if name_chars < 2 {
            continue;
        }
        if GENERIC_NAME_HEADS.contains(&name) {
            continue;
        }
        // A name made only of digits or of one dictionary name that already ends with
        // this ending adds nothing.
        if name.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let starts_generic = GENERIC_NAME_HEADS
            .iter()
            .any(|h| starts_with_word(name, h) && name.len() - h.len() < 3);
        if starts_generic {
            continue;
        }
        out.push(EntityMention {
            start,
            end,
            etype,
            canonical: to_name(&text[start..end]),
            code: to_name(""),
            parent: to_name(""),
        });
    }
    out
}

/// Titles that only a company has (新罗酒店首席执行官李富真).
const CORPORATE_TITLES: &[&str] = &[
    "首席执行官",
    "首席财务官",
    "首席技术官",
    "董事长",
    "CEO",
    "联合创始人",
    "创始人",
];

/// Words before a corporate title that are not a company's name.
const NOT_COMPANY_NAMES: &[&str] = &[
    "公司",
    "集团",
    "本公司",
    "该公司",
    "董事会",
    "前任",
    "现任",
    "时任",
    "新任",
    "副",
    "执行",
    "联席",
    "兼",
    "厂商",
    "企业",
    "机构",
    "平台",
];

/// A company named right before a title only companies have: 新罗酒店首席执行官.
fn led_by_title(text: &str, dict_spans: &[(usize, usize, EntityType)]) -> Vec<EntityMention> {
    // memchr's searchers, built once: they skip through the text on a rare byte of
    // the title, many bytes at a time, where `str::match_indices` goes a few at a time.
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        CORPORATE_TITLES
            .iter()
            .map(|t| memchr::memmem::Finder::new(t.as_bytes()))
            .collect()
    });
    let mut out = Vec::new();
    for finder in finders {
        for pos in finder.find_iter(text.as_bytes()) {
            if dict_spans
                .iter()
                .any(|(ds, de, t)| *de == pos && *ds < pos && !t.is_place())
            {
                continue;
            }
            let mut start = pos;
            let mut chars = 0;
            for (i, c) in text[..pos].char_indices().rev() {
                let before = &text[..i + c.len_utf8()];
                if chars >= 8
                    || !is_han(c)
                    || NAME_STOPS.contains(c)
                    || NAME_STOP_WORDS.iter().any(|w| ends_with_word(before, w))
                {
                    break;
                }
                if dict_spans
                    .iter()
                    .any(|(ds, de, t)| *ds <= i && i < *de && !t.is_place())
                {
                    chars = 0;
                    break;
                }
                start = i;
                chars += 1;
            }
            let name = &text[start..pos];
            let counted = name.starts_with(|c: char| "一二三四五六七八九十两几某多".contains(c));
            if (3..=8).contains(&chars)
                && !counted
                && !NOT_COMPANY_NAMES
                    .iter()
                    .any(|w| ends_with_word(name, w) || name == *w)
            {
                out.push(EntityMention {
                    start,
                    end: pos,
                    etype: EntityType::Company,
                    canonical: to_name(name),
                    code: to_name(""),
                    parent: to_name(""),
                });
            }
        }
    }
    out
}

/// A name followed by its stock code is a listed company: 川恒股份(002895.SZ),
/// 欣旺达(300207), 腾讯控股(00700.HK), 蔚来(NYSE: NIO).
fn listed_by_code(text: &str, dict_spans: &[(usize, usize, EntityType)]) -> Vec<EntityMention> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\((?:(?:SH|SZ|sh|sz|HK|hk|BJ)[:.]?\s?)?[0-9]{5,6}(?:\.(?:SZ|SH|HK|BJ|sz|sh|hk))?\)|\((?:NASDAQ|NYSE|Nasdaq|纳斯达克|纽交所|港交所)\s?[:]?\s?[A-Z]{1,5}\)")
            .expect("stock code pattern")
    });
    let mut out = Vec::new();
    for m in re.find_iter(text) {
        let pos = m.start();
        if dict_spans
            .iter()
            .any(|(_, de, t)| *de == pos && !t.is_place())
        {
            continue;
        }
        let mut start = pos;
        let mut chars = 0;
        for (i, c) in text[..pos].char_indices().rev() {
            let before = &text[..i + c.len_utf8()];
            if chars >= 8
                || !(is_han(c) || c.is_ascii_alphabetic())
                || NAME_STOPS.contains(c)
                || NAME_STOP_WORDS
                    .iter()
                    .any(|w| ends_with_word(before, w) && chars > 0)
            {
                break;
            }
            start = i;
            chars += 1;
        }
        if chars >= 2 {
            out.push(EntityMention {
                start,
                end: pos,
                etype: EntityType::Company,
                canonical: to_name(&text[start..pos]),
                code: to_name(""),
                parent: to_name(""),
            });
        }
    }
    out
}

/// Government bodies named by their place: 杭州市政府, 黑龙江省人民政府, 西安市统计局.
const GOVERNMENT_TAILS: &[&str] = &[
    "人民政府",
    "政府",
    "统计局",
    "发改委",
    "发展和改革委员会",
    "发展改革委",
    "商务厅",
    "商务局",
    "工信厅",
    "工信局",
    "经信委",
    "经信厅",
    "科技厅",
    "科技局",
    "财政厅",
    "财政局",
    "教育厅",
    "教育局",
    "海关",
    "税务局",
    "市场监管局",
    "交通运输厅",
    "公安局",
    "公安厅",
    "能源局",
    "人大",
    "政协",
    "卫健委",
    "大数据局",
    "大数据管理局",
    "国资委",
    "人社厅",
    "人社局",
    "自然资源厅",
    "生态环境厅",
    "生态环境局",
    "住建厅",
    "住建局",
    "农业农村厅",
    "文旅厅",
    "外办",
];

fn governments(text: &str, found: &[Candidate]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for c in found {
        let m = &c.mention;
        if !m.etype.is_place() || c.from_rule {
            continue;
        }
        let mut end = m.end;
        let rest = &text[end..];
        // 杭州 + 市 + 政府: the level character may stand between place and body.
        for level in ["省", "市", "区", "县", "自治区"] {
            if starts_with_word(rest, level)
                && !ends_with_word(&m.canonical, level)
                && !ends_with_word(&text[m.start..m.end], level)
            {
                end += level.len();
                break;
            }
        }
        let rest = &text[end..];
        if let Some(tail) = GOVERNMENT_TAILS
            .iter()
            .filter(|t| starts_with_word(rest, t))
            .max_by_key(|t| t.len())
        {
            let end = end + tail.len();
            out.push(Candidate {
                mention: EntityMention {
                    start: m.start,
                    end,
                    etype: EntityType::Organization,
                    canonical: to_name(&text[m.start..end]),
                    code: to_name(""),
                    parent: m.canonical.clone(),
                },
                needs_context: false,
                from_rule: true,
            });
        }
    }
    out
}

/// The common Chinese surnames, single and compound.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "尉迟", "长孙", "慕容", "宇文", "司徒",
    "夏侯", "轩辕", "端木", "南宫", "西门", "独孤", "公孙", "呼延",
];

/// Titles and roles that stand right before a person's name.
const TITLES_BEFORE: &[&str] = &[
    "总裁",
    "副总裁",
    "高级副总裁",
    "执行副总裁",
    "董事长",
    "副董事长",
    "总经理",
    "副总经理",
    "CEO",
    "首席执行官",
    "CTO",
    "COO",
    "CFO",
    "首席技术官",
    "首席运营官",
    "首席财务官",
    "创始人",
    "联合创始人",
    "董事",
    "主席",
    "副主席",
    "总监",
    "经理",
    "主任",
    "副主任",
    "部长",
    "副部长",
    "局长",
    "副局长",
    "书记",
    "副书记",
    "市长",
    "副市长",
    "省长",
    "副省长",
    "区长",
    "县长",
    "院长",
    "副院长",
    "校长",
    "教授",
    "副教授",
    "研究员",
    "院士",
    "博士",
    "分析师",
    "记者",
    "编辑",
    "作者",
    "发言人",
    "新闻发言人",
    "负责人",
    "总工程师",
    "首席科学家",
    "科学家",
    "合伙人",
    "会长",
    "副会长",
    "秘书长",
    "理事长",
    "总编辑",
    "主编",
    "处长",
    "厅长",
    "总理",
    "总统",
    "首相",
    "大使",
    "行长",
    "副行长",
    "总设计师",
    "架构师",
    "工程师",
    "主持人",
    "首席分析师",
    "高管",
    "掌门人",
    "CMO",
    "总干事",
    "实习生",
    "通讯员",
    "责编",
    "撰文",
    "人士",
    "评论员",
    "评论人",
    "观察人士",
    "经济学家",
    "律师",
    "会计师",
    "投资人",
    "专栏作家",
];

/// Verbs that follow a person's name (张涛表示).
const VERBS_AFTER: &[&str] = &[
    "表示",
    "指出",
    "介绍",
    "认为",
    "透露",
    "强调",
    "坦言",
    "告诉",
    "回应",
    "解释",
    "提到",
    "说道",
    "谈到",
    "直言",
    "称",
    "说",
    "曾表示",
    "也表示",
    "在会上",
    "在接受",
    "接受采访",
    "发表",
    "出席",
    "会见",
    "致辞",
    "演讲",
    "先生",
    "女士",
    "博士",
    "教授",
    "同志",
    "指示",
    "主持",
];

/// Titles that follow a name (沈文忠教授表示).
const TITLES_AFTER: &[&str] = &[
    "教授",
    "院士",
    "博士",
    "研究员",
    "先生",
    "女士",
    "董事长",
    "总经理",
    "总裁",
];

/// Words that follow a byline's name (编辑:曹静来源:电缆网).
const AFTER_BYLINE: &[&str] = &["来源", "出品", "编辑", "摄影", "报道", "校对", "审核"];

/// Characters that do not stand in a given name (verbs, function words, digits).
const NOT_IN_NAME: &str = "的了在是和与及或等对向为将把被从以于也都就已还而且其该这那各每个们表示指出介绍认为说称道提到谈坦言强调透露告诉回应解释发布宣布出席会见致辞演讲主持先生女士总同志曾也又再更最很等中上下年月日时分秒前后内外里间一二三四五六七八九十百千万亿零两几多少大小新老第";

fn is_surname_at(s: &str) -> Option<usize> {
    for cs in COMPOUND_SURNAMES {
        if starts_with_word(s, cs) {
            return Some(cs.len());
        }
    }
    let c = s.chars().next()?;
    char_set!(SURNAMES).contains(c).then_some(c.len_utf8())
}

/// Words that look like a surname and a given name but are not names.
const NOT_NAMES: &[&str] = &[
    "公司", "同时", "方面", "人士", "官方", "总部", "双方", "对此", "此外", "目前", "另外", "于是",
    "随后", "高层", "有关", "相关", "市场", "业内", "业界", "分析", "数据", "报告", "调查", "研究",
    "机构", "专家", "记者", "国家", "全国", "平台", "项目", "企业", "集团", "车企", "银行", "政府",
    "部门", "万家", "时间", "江苏", "常务", "明确", "华为", "谷歌", "苹果", "高通", "信息",
];

/// Characters that do not stand in a name after a title: as [`NOT_IN_NAME`], but
/// numerals may (刘万里, 王一博).
const NOT_IN_NAME_AFTER_TITLE: &str = "的了在是和与及或等对向为将把被从以于也都就已还而且其该这那各每个们表示指出介绍认为说称道提到谈坦言强调透露告诉回应解释发布宣布出席会见致辞演讲主持先生女士同志曾又再更最很中上下年月日时分秒前后第";

fn given_ok(c: char) -> bool {
    is_han(c) && !char_set!(NOT_IN_NAME).contains(c)
}

/// A cue that comes before a name (a title).
const CUE_BEFORE: u32 = 1;
/// A cue that comes after a name (a speech verb, a title).
const CUE_AFTER: u32 = 2;

/// The person cues, valued by their kinds ([`CUE_BEFORE`], [`CUE_AFTER`]). A trie as
/// the lexicon's: its filter of pairs is tested in the lexicon's own pass over the text,
/// and the cues are looked for only where it lets one start. daachorse's automaton with
/// its prefilter, which read the text again, was most of this rule's cost.
fn person_cues() -> &'static PairTrie {
    static CUES: OnceLock<PairTrie> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut kinds: Vec<(&str, u32)> = Vec::new();
        for (words, kind) in [
            (TITLES_BEFORE, CUE_BEFORE),
            (VERBS_AFTER, CUE_AFTER),
            (TITLES_AFTER, CUE_AFTER),
        ] {
            for w in words {
                match kinds.iter_mut().find(|(k, _)| k == w) {
                    Some((_, v)) => *v |= kind,
                    None => kinds.push((w, kind)),
                }
            }
        }
        PairTrie::new(&kinds)
    })
}

/// Persons: a surname and one or two given characters, right after a title or right
/// before a speech verb; then every other occurrence of the same name. The cues are
/// looked for at `starts`, the positions their filter lets through.
fn find_persons(text: &str, entities: &[EntityMention], starts: &[usize]) -> Vec<EntityMention> {
    let coverage = Coverage::new(entities);
    let covered = |s: usize, e: usize| coverage.overlaps(s, e);
    let mut names: Vec<Name> = Vec::new();
    let mut out: Vec<EntityMention> = Vec::new();
    let push = |out: &mut Vec<EntityMention>, names: &mut Vec<Name>, s: usize, e: usize| {
        let written = &text[s..e];
        let canonical = match names.iter().find(|n| &***n == written) {
            Some(n) => Name::clone(n),
            None => {
                names.push(to_name(written));
                Name::clone(&names[names.len() - 1])
            }
        };
        out.push(EntityMention {
            start: s,
            end: e,
            etype: EntityType::Person,
            canonical,
            code: to_name(""),
            parent: to_name(""),
        });
    };
    // A title, optionally a space, then the name; or the name, then a speech verb or a
    // title after it. Every occurrence of both word lists counts (副总裁 and its 总裁
    // both): at each position the lexicon's scan marked for the cues' filter, every cue
    // that starts there. A word on both lists is one key with both kinds. The hits are
    // taken in the order an Aho-Corasick automaton reports them (by end, the longer
    // first), as they were when one found them.
    let cues = person_cues();
    let mut hits: Vec<(usize, usize, u32)> = Vec::new();
    for &at in starts {
        cues.for_each_prefix_at(text, at, |end, kind| hits.push((at, end, kind)));
    }
    hits.sort_unstable_by_key(|&(start, end, _)| (end, start));
    let title_hits: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.2 & CUE_BEFORE != 0)
        .map(|h| (h.0, h.1))
        .collect();
    let verb_hits: Vec<usize> = hits
        .iter()
        .filter(|h| h.2 & CUE_AFTER != 0)
        .map(|h| h.0)
        .collect();
    for &(p, title_end) in &title_hits {
        let title = &text[p..title_end];
        {
            let mut at = p + title.len();
            // 记者 张维, 作者:龚进辉, 责任编辑: 刘万里
            for sep in [":", " ", " "] {
                if starts_with_word(&text[at..], sep) {
                    at += sep.len();
                }
            }
            if let Some(len) = name_at(text, at) {
                if !covered(at, at + len) && !NOT_NAMES.contains(&&text[at..at + len]) {
                    push(&mut out, &mut names, at, at + len);
                }
            }
        }
    }
    // The name, then a speech verb.
    // A name right after an organization is one of its people (…有限公司陆佳颖对…).
    let after_entity = |start: usize| {
        entities
            .iter()
            .any(|m| m.end == start && !m.etype.is_place())
    };
    for &p in &verb_hits {
        {
            for back in [3usize, 2] {
                let Some(start) = nth_char_back(text, p, back) else {
                    continue;
                };
                let cand = &text[start..p];
                let Some(sl) = is_surname_at(cand) else {
                    continue;
                };
                let given: Vec<char> = cand[sl..].chars().collect();
                if given.is_empty() || given.len() > 2 || !given.iter().all(|&c| given_ok(c)) {
                    continue;
                }
                // The character before must not continue a word: a name starts a clause.
                let before = text[..start].chars().next_back();
                if before.is_some_and(|c| is_han(c) && !"，,。、;；:：“\"（(记者和与及".contains(c))
                    && !after_entity(start)
                {
                    continue;
                }
                if !covered(start, p) && !NOT_NAMES.contains(&cand) {
                    push(&mut out, &mut names, start, p);
                }
                break;
            }
        }
    }
    // A dateline's reporters: 中新网杭州8月3日电(张煜欢 雷昱儿).
    for p in memchr::memmem::find_iter(text.as_bytes(), "电(") {
        let inner_start = p + "电(".len();
        let Some(close) = text[inner_start..].find(')') else {
            continue;
        };
        let inner = &text[inner_start..inner_start + close];
        if inner.chars().count() > 24 {
            continue;
        }
        let mut off = inner_start;
        for part in inner.split_inclusive([' ', '、', ',']) {
            let name = part.trim_end_matches([' ', '、', ',']);
            let n = name.chars().count();
            if (2..=4).contains(&n)
                && name.chars().all(is_han)
                && is_surname_at(name).is_some()
                && !covered(off, off + name.len())
            {
                push(&mut out, &mut names, off, off + name.len());
            }
            off += part.len();
        }
    }
    // Every other occurrence of a name found above (memmem, as for the titles).
    for name in names.clone() {
        for p in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
            let e = p + name.len();
            if out.iter().any(|m| m.start < e && p < m.end) || covered(p, e) {
                continue;
            }
            out.push(EntityMention {
                start: p,
                end: e,
                etype: EntityType::Person,
                canonical: name.clone(),
                code: to_name(""),
                parent: to_name(""),
            });
        }
    }
    out
}

/// A name starting at `at`: surname plus one or two given characters.
fn name_at(text: &str, at: usize) -> Option<usize> {
    let s = &text[at..];
    // Foreign names joined by a middle dot: 蒂姆·库克. The dot stands within the first
    // six characters or the part before it is too long; looking no further keeps the
    // rule from reading the rest of the document at every candidate.
    let head = s.char_indices().nth(6).map_or(s, |(i, _)| &s[..i]);
    if let Some(dot) = head.find('·') {
        let (a, b) = (&s[..dot], &s[dot + '·'.len_utf8()..]);
        let a_ok = (1..=5).contains(&a.chars().count()) && a.chars().all(is_han);
        let b_len: usize = b
            .chars()
            .take_while(|&c| is_han(c))
            .take(6)
            .map(char::len_utf8)
            .sum();
        if a_ok && b_len > 0 {
            return Some(dot + '·'.len_utf8() + b_len);
        }
    }
    let sl = is_surname_at(s)?;
    let given: Vec<char> = s[sl..].chars().take(3).collect();
    // After a title the name is expected, so numerals may stand in it (刘万里, 王一博).
    let title_ok = |c: char| is_han(c) && !char_set!(NOT_IN_NAME_AFTER_TITLE).contains(c);
    let n = given.iter().take_while(|&&c| title_ok(c)).count().min(2);
    if n == 0 {
        return None;
    }
    // Three given characters in a row is a word, not a name (董事长马云 is followed by
    // punctuation or a verb; 主任王大明主持 is not common enough to guess).
    let mut len = sl + given[..n].iter().map(|c| c.len_utf8()).sum::<usize>();
    // Prefer the two-character name when a verb starts at its third character.
    if n == 2 {
        let after2 = &s[sl + given[0].len_utf8()..];
        if VERBS_AFTER
            .iter()
            .chain(AFTER_BYLINE)
            .chain(TITLES_AFTER)
            .any(|v| starts_with_word(after2, v))
        {
            len = sl + given[0].len_utf8();
        }
    }
    Some(len)
}

fn nth_char_back(text: &str, p: usize, n: usize) -> Option<usize> {
    let mut it = text[..p].char_indices().rev();
    let mut pos = None;
    for _ in 0..n {
        pos = Some(it.next()?.0);
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::LexiconBuilder;

    fn lex() -> Lexicon {
        let mut b = LexiconBuilder::new();
        b.add_tsv(
            "t.tsv",
            "阿里云\tcompany\t\t\t阿里巴巴集团\n重庆\tcity\t重庆市\t500000\n杭州\tcity\t杭州市\t330100\t浙江\n美的集团\tcompany\t美的\t\t\tctx\n腾讯\tcompany\n格力电器\tcompany\t格力\n黑龙江\tprovince\t黑龙江省\t230000\n",
        )
        .unwrap();
        b.build()
    }

    fn found(text: &str) -> Vec<(String, &'static str)> {
        find_entities(&lex(), text)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.etype.as_str()))
            .collect()
    }

    #[test]
    fn abbreviations_in_unambiguous_forms() {
        let mut b = LexiconBuilder::new();
        b.add_tsv("t.tsv", "美国\tcountry\t\tUS\n日本\tcountry\t\tJP\n韩国\tcountry\t\tKR\n俄罗斯\tcountry\t\tRU\n乌克兰\tcountry\t\tUA\n").unwrap();
        let lex = b.build();
        let cases: &[(&str, &[&str])] = &[
            ("福特在美建设三座电池工厂", &["美国"]),
            ("受俄乌冲突影响", &["俄罗斯", "乌克兰"]),
            ("以欧盟、美国、日、韩为主", &["美国", "日本", "韩国"]),
            ("项目越来越多,美好生活", &[]),
            ("在加快推进", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = find_entities(&lex, text)
                .into_iter()
                .map(|m| m.canonical.to_string())
                .collect();
            assert_eq!(
                got,
                want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn names_across_two_words_are_not_names() {
        assert!(straddles_words(
            "对企业系统信息更新",
            "对企业系".len(),
            "对企业系统信".len()
        ));
        assert!(straddles_words("加工行业", "加".len(), "加工行".len()));
        assert!(!straddles_words(
            "今年腾讯的营收",
            "今年".len(),
            "今年腾讯".len()
        ));
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "重庆瑞方渝美压铸有限公司成立",
                &[("重庆瑞方渝美压铸有限公司", "company")],
            ),
            ("与腾讯集团合作", &[("腾讯集团", "company")]),
            (
                "杭州市政府与阿里云",
                &[("杭州市政府", "organization"), ("阿里云", "company")],
            ),
            ("黑龙江省人民政府", &[("黑龙江省人民政府", "organization")]),
            (
                "阿里云中国区副总裁张涛在会上",
                &[("阿里云", "company"), ("张涛", "person")],
            ),
            (
                "张涛介绍,阿里云",
                &[("张涛", "person"), ("阿里云", "company")],
            ),
            ("美的很好", &[]),
            (
                "腾讯、美的、格力",
                &[
                    ("腾讯", "company"),
                    ("美的", "company"),
                    ("格力", "company"),
                ],
            ),
            ("四家子公司签订", &[]),
            (
                "9月15日晚间,川恒股份(002895.SZ)发公告称",
                &[("川恒股份", "company")],
            ),
            ("公告称,欣旺达(300207)子公司", &[("欣旺达", "company")]),
            (
                "据悉,新罗酒店首席执行官李富真出席",
                &[("新罗酒店", "company"), ("李富真", "person")],
            ),
            ("作为一家云服务厂商创始人", &[]),
        ];
        for (text, want) in cases {
            let got = found(text);
            let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
