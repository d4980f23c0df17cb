//! The lexicon's matcher: a trie of the forms, walked only from the positions whose
//! first two characters begin a form.
//!
//! Leftmost-longest matching (阿里云 and never 阿里 + 云) is the same as walking a trie from
//! each position in turn for the longest form that starts there, and going on after it.
//! Walking from every position costs more than an Aho-Corasick automaton's one step a
//! character, but in Chinese news seven positions in eight begin no form with the
//! character after them. A filter of the pairs of characters that begin a form
//! ([`super::pairs`], 16 KiB) turns those away before the trie (about 900 KiB for the
//! built-in forms) is touched; the automaton's table, larger than that, was read at
//! every character and waited on memory for most of them. The same pass can test other
//! filters at every position and mark where they pass: where a time expression, an
//! abbreviated name or a person cue may start.
//!
//! This file uses nothing but `std` and [`super::pairs`]: `build.rs` includes both to
//! build the built-in dictionaries' trie ahead of time, and writes it in
//! [`PairTrie::to_bytes`]'s form.

use super::pairs::{decode, le_words, pair_hash, PairFilter, END};

/// log2 of the most words of the pair filter: 2^11 words, 16 KiB, small enough for
/// the first-level cache (a 64 KiB table of one bit a pair was not, and its test, asked
/// at every position, took a fifth of the scan's time). A small list takes a word for
/// four of its pairs.
const PAIR_WORDS_LOG: u32 = 11;

/// No value: the node ends no form.
const NO_VALUE: u32 = u32::MAX;

/// The first word of the written form, and its layout's version.
const MAGIC: u32 = 0x7472_6902;

/// One node of the trie: the character that leads to it, where its children are in
/// `nodes` (together, ordered by character), and the value of the form it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Node {
    label: u32,
    first: u32,
    count: u32,
    value: u32,
}

/// Two characters and the node of the trie they lead to from the root (0: an empty slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct PairSlot {
    first: u32,
    second: u32,
    node: u32,
}

/// A trie of forms, searched leftmost-longest, with ASCII case folded: the keys are
/// lower-case, and a text's ASCII letters are read as lower-case (which keeps every
/// byte offset, so matches fall on the text as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairTrie {
    /// The first two characters of each form of two or more, and the forms of one.
    filter: PairFilter,
    /// Those pairs and the node they lead to, by hash (open addressing, a power of two
    /// of slots at most half full): one read where the root's table, the root's child
    /// and its children would be three.
    pair_nodes: Vec<PairSlot>,
    /// The root first, then breadth first: the root's children are `nodes[1..]`.
    nodes: Vec<Node>,
}

/// The first slot of a hash in a table of `slots` (a power of two).
fn slot_of(h: u32, slots: usize) -> usize {
    (h as usize).wrapping_mul(0x9E37_79B9) >> 7 & (slots - 1)
}

impl PairTrie {
    /// The trie of `keys`, each with its value. Empty keys are left out; of keys named
    /// twice, the first one's value stands.
    pub fn new<K: AsRef<str>>(keys: &[(K, u32)]) -> PairTrie {
        // A trie of linked children first, then laid out breadth first.
        let mut kids: Vec<Vec<(u32, usize)>> = vec![Vec::new()];
        let mut values: Vec<u32> = vec![NO_VALUE];
        let mut firsts: Vec<(u32, Option<u32>)> = Vec::new();
        for (key, value) in keys {
            let key = key.as_ref();
            if key.is_empty() {
                continue;
            }
            let mut node = 0;
            for c in key.chars() {
                let c = c as u32;
                node = match kids[node].iter().find(|(l, _)| *l == c) {
                    Some(&(_, next)) => next,
                    None => {
                        kids.push(Vec::new());
                        values.push(NO_VALUE);
                        let next = kids.len() - 1;
                        kids[node].push((c, next));
                        next
                    }
                };
            }
            if values[node] == NO_VALUE {
                values[node] = *value;
            }
            let mut chars = key.chars().map(|c| c as u32);
            firsts.push((chars.next().unwrap_or(0), chars.next()));
        }
        let words_log = (firsts.len() / 4 + 1)
            .next_power_of_two()
            .trailing_zeros()
            .min(PAIR_WORDS_LOG);
        let mut filter = PairFilter::new(words_log);
        for (first, second) in firsts {
            match second {
                Some(second) => filter.add_pair(first, second),
                None => filter.add_lone(first),
            }
        }
        let mut nodes = vec![Node {
            label: 0,
            first: 0,
            count: 0,
            value: values[0],
        }];
        let mut order = vec![0usize];
        let mut at = 0;
        while at < order.len() {
            let mut children = std::mem::take(&mut kids[order[at]]);
            children.sort_unstable();
            nodes[at].first = nodes.len() as u32;
            nodes[at].count = children.len() as u32;
            for (label, child) in children {
                nodes.push(Node {
                    label,
                    first: 0,
                    count: 0,
                    value: values[child],
                });
                order.push(child);
            }
            at += 1;
        }
        // Each root child's children are the pairs.
        let mut found = Vec::new();
        for one in 1..1 + nodes[0].count as usize {
            let n = nodes[one];
            for two in n.first..n.first + n.count {
                found.push((n.label, nodes[two as usize].label, two));
            }
        }
        let slots = (found.len() * 2).next_power_of_two().max(2);
        let mut pair_nodes = vec![PairSlot::default(); slots];
        for (first, second, node) in found {
            let mut at = slot_of(pair_hash(first, second), slots);
            while pair_nodes[at].node != 0 {
                at = (at + 1) & (slots - 1);
            }
            pair_nodes[at] = PairSlot {
                first,
                second,
                node,
            };
        }
        PairTrie {
            filter,
            pair_nodes,
            nodes,
        }
    }

    /// The child of `node` for the character `c`.
    #[inline(always)]
    fn child(&self, node: usize, c: u32) -> Option<usize> {
        let n = self.nodes[node];
        let (first, count) = (n.first as usize, n.count as usize);
        let children = &self.nodes[first..first + count];
        let found = if count <= 8 {
            children.iter().position(|x| x.label == c)
        } else {
            children.binary_search_by_key(&c, |x| x.label).ok()
        };
        found.map(|k| first + k)
    }

    /// The node that the pair `c`, `next` leads to from the root.
    #[inline(always)]
    fn pair_node(&self, c: u32, next: u32) -> Option<usize> {
        let slots = self.pair_nodes.len();
        let mut at = slot_of(pair_hash(c, next), slots);
        loop {
            let slot = self.pair_nodes[at];
            if slot.node == 0 {
                return None;
            }
            if slot.first == c && slot.second == next {
                return Some(slot.node as usize);
            }
            at = (at + 1) & (slots - 1);
        }
    }

    /// The end and value of the longest form that starts with the character `c`, which
    /// ends at `next`, followed by `c2`, which ends at `after` (`END` past the text).
    #[inline(always)]
    fn longest_at(
        &self,
        b: &[u8],
        c: u32,
        next: usize,
        c2: u32,
        after: usize,
    ) -> Option<(usize, u32)> {
        // A form of one character: rare, and none among the built-in ones.
        let mut best = None;
        if self.filter.is_lone(c) {
            best = self.child(0, c).map(|one| (next, self.nodes[one].value));
        }
        if !self.filter.has_pair(c, c2) {
            return best;
        }
        let Some(mut node) = self.pair_node(c, c2) else {
            return best;
        };
        let mut at = after;
        loop {
            let n = self.nodes[node];
            if n.value != NO_VALUE {
                best = Some((at, n.value));
            }
            if n.count == 0 || at >= b.len() {
                return best;
            }
            let (c, w) = decode(b, at);
            match self.child(node, c) {
                Some(child) => {
                    node = child;
                    at += w;
                }
                None => return best,
            }
        }
    }

    /// Every leftmost-longest match in `text`, in order and without overlaps, as
    /// (start, end, value).
    pub fn for_each_match(&self, text: &str, found: impl FnMut(usize, usize, u32)) {
        self.scan(text, [], |_, _| {}, found);
    }

    /// [`PairTrie::for_each_match`], and in the same pass every position of `text`
    /// where one of `also` lets a match start, in order, to `mark` (with the filter's
    /// index).
    pub fn for_each_match_marking<const N: usize>(
        &self,
        text: &str,
        also: [&PairFilter; N],
        mark: impl FnMut(usize, usize),
        found: impl FnMut(usize, usize, u32),
    ) {
        self.scan(text, also, mark, found);
    }

    /// Every form that starts at `start` of `text` (a character boundary), shortest
    /// first, as (end, value).
    pub fn for_each_prefix_at(&self, text: &str, start: usize, mut found: impl FnMut(usize, u32)) {
        let b = text.as_bytes();
        let mut node = 0;
        let mut at = start;
        while at < b.len() {
            let (c, w) = decode(b, at);
            let Some(child) = self.child(node, c) else {
                return;
            };
            node = child;
            at += w;
            if self.nodes[node].value != NO_VALUE {
                found(at, self.nodes[node].value);
            }
        }
    }

    /// The filter of where a form may start.
    pub fn filter(&self) -> &PairFilter {
        &self.filter
    }

    /// The one pass of both: every position is read (for `also`), and a form is looked
    /// for from the positions after the last one found.
    #[inline(always)]
    fn scan<const N: usize>(
        &self,
        text: &str,
        also: [&PairFilter; N],
        mut mark: impl FnMut(usize, usize),
        mut found: impl FnMut(usize, usize, u32),
    ) {
        let b = text.as_bytes();
        if b.is_empty() || (self.nodes[0].count == 0 && N == 0) {
            return;
        }
        let mut at = 0;
        // Where the last form found ends: no form is looked for before it.
        let mut free = 0;
        let (mut c, mut w) = decode(b, 0);
        while at < b.len() {
            let next = at + w;
            let (c2, w2) = if next < b.len() {
                decode(b, next)
            } else {
                (END, 0)
            };
            for (i, f) in also.iter().enumerate() {
                if f.may_start(c, c2) {
                    mark(i, at);
                }
            }
            if at >= free && self.filter.may_start(c, c2) {
                if let Some((end, value)) = self.longest_at(b, c, next, c2, next + w2) {
                    found(at, end, value);
                    if N == 0 {
                        // Nothing else to read inside the form: go on after it.
                        at = end;
                        if at < b.len() {
                            (c, w) = decode(b, at);
                        }
                        continue;
                    }
                    free = end;
                }
            }
            at = next;
            c = c2;
            w = w2;
        }
    }

    /// The trie as bytes (little-endian words), for [`PairTrie::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut words: Vec<u32> =
            vec![MAGIC, self.pair_nodes.len() as u32, self.nodes.len() as u32];
        self.filter.write(&mut words);
        for p in &self.pair_nodes {
            words.extend([p.first, p.second, p.node]);
        }
        for n in &self.nodes {
            words.extend([n.label, n.first, n.count, n.value]);
        }
        words.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    /// A trie from [`PairTrie::to_bytes`]'s form; `None` if the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<PairTrie> {
        let words = le_words(bytes)?;
        let [magic, slots, nodes] = *words.get(..3)? else {
            return None;
        };
        let (slots, nodes) = (slots as usize, nodes as usize);
        if magic != MAGIC || !slots.is_power_of_two() || nodes == 0 {
            return None;
        }
        let (filter, rest) = PairFilter::read(&words[3..])?;
        if rest.len() != slots.checked_mul(3)?.checked_add(nodes.checked_mul(4)?)? {
            return None;
        }
        let (slot_words, node_words) = rest.split_at(slots * 3);
        let pair_nodes: Vec<PairSlot> = slot_words
            .chunks_exact(3)
            .map(|w| PairSlot {
                first: w[0],
                second: w[1],
                node: w[2],
            })
            .collect();
        let nodes: Vec<Node> = node_words
            .chunks_exact(4)
            .map(|w| Node {
                label: w[0],
                first: w[1],
                count: w[2],
                value: w[3],
            })
            .collect();
        // Every child range and pair's node within the nodes, and a free slot to end
        // each probe, so a search can neither index out of them nor probe for ever.
        let within = |first: u32, count: u32| (first as usize).checked_add(count as usize);
        if nodes
            .iter()
            .any(|n| within(n.first, n.count).is_none_or(|end| end > nodes.len()))
            || pair_nodes.iter().any(|p| p.node as usize >= nodes.len())
            || pair_nodes.iter().all(|p| p.node != 0)
        {
            return None;
        }
        Some(PairTrie {
            filter,
            pair_nodes,
            nodes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(trie: &PairTrie, text: &str) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        trie.for_each_match(text, |s, e, v| out.push((s, e, v)));
        out
    }

    fn trie(keys: &[&str]) -> PairTrie {
        let keyed: Vec<(&str, u32)> = keys.iter().copied().zip(0..).collect();
        PairTrie::new(&keyed)
    }

    /// Leftmost first, then longest, and the search goes on after the match.
    #[test]
    fn finds_leftmost_longest() {
        let t = trie(&["阿里", "阿里云", "云计算", "中国", "中国石化", "ab", "abc"]);
        type Found = &'static [(usize, usize, u32)];
        let cases: &[(&str, Found)] = &[
            ("阿里云计算", &[(0, 9, 1)]),
            ("阿里计算", &[(0, 6, 0)]),
            ("在阿里云", &[(3, 12, 1)]),
            ("中国石油", &[(0, 6, 3)]),
            ("中国石化与中国", &[(0, 12, 4), (15, 21, 3)]),
            ("xabcab", &[(1, 4, 6), (4, 6, 5)]),
            ("阿", &[]),
            ("", &[]),
            ("云计", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(&matches(&t, text), want, "{text}");
        }
    }

    /// Forms of one character, below and above U+10000, and after a longer form fails.
    #[test]
    fn finds_single_characters() {
        let t = trie(&["京", "北京大学", "𠀋", "a"]);
        assert_eq!(matches(&t, "京"), [(0, 3, 0)]);
        assert_eq!(matches(&t, "北京大"), [(3, 6, 0)]);
        assert_eq!(matches(&t, "北京大学"), [(0, 12, 1)]);
        assert_eq!(matches(&t, "x𠀋a"), [(1, 5, 2), (5, 6, 3)]);
    }

    /// Every key that starts at a position, shortest first, and none that starts
    /// elsewhere.
    #[test]
    fn finds_every_prefix_at_a_position() {
        let t = trie(&["总裁", "副总裁", "高级副总裁", "副总", "说"]);
        let text = "高级副总裁说";
        let at = |start: usize| {
            let mut out = Vec::new();
            t.for_each_prefix_at(text, start, |end, v| out.push((end, v)));
            out
        };
        assert_eq!(at(0), [(15, 2)]);
        assert_eq!(at(6), [(12, 3), (15, 1)]);
        assert_eq!(at(9), [(15, 0)]);
        assert_eq!(at(15), [(18, 4)]);
        assert!(at(12).is_empty() && at(18).is_empty());
    }

    /// The first of two equal keys stands; an empty key is no form.
    #[test]
    fn first_of_equal_keys_stands() {
        let t = PairTrie::new(&[("", 0), ("上海", 1), ("上海", 2)]);
        assert_eq!(matches(&t, "上海"), [(0, 6, 1)]);
        assert!(matches(&PairTrie::new::<&str>(&[]), "上海").is_empty());
    }

    /// Written and read back, the trie is the same; damaged bytes are refused.
    #[test]
    fn round_trips_through_bytes() {
        let t = trie(&["阿里", "阿里云", "京", "𠀋", "ab"]);
        let bytes = t.to_bytes();
        assert_eq!(PairTrie::from_bytes(&bytes), Some(t));
        assert_eq!(PairTrie::from_bytes(&bytes[..bytes.len() - 4]), None);
        assert_eq!(PairTrie::from_bytes(&bytes[1..]), None);
        let mut bad = bytes.clone();
        let last_node_first = bad.len() - 12;
        bad[last_node_first..last_node_first + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(PairTrie::from_bytes(&bad), None);
    }
}
