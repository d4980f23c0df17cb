//! Micro-benchmarks of the pipeline's stages, in bytes per second of the input each
//! stage reads: decoding, normalization, the dictionary scan, the entity rules, times,
//! the figure reader, attribution, rows and their encoding, and one document end to
//! end. The input is the seed articles in `fixtures/` (HTML with front matter), read
//! as one batch so that the numbers compare with `bench/run`'s.
//!
//!     cargo bench --bench stages
//!
//! Shared instances (the lexicon, the unit and metric tables) are built once, as in a
//! run; `lexicon_build` measures that start-up cost by itself.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};

use tiqu::dict::Lexicon;
use tiqu::extract::attribute::MetricKeys;
use tiqu::extract::units::UnitTable;
use tiqu::extract::{entities, metric, time, Extractor};
use tiqu::row::{Field, RowFilter};
use tiqu::sink::{Encoder, Format};
use tiqu::text::{decode, normalize};
use tiqu::Pipeline;

fn main() {
    divan::main();
}

/// The seed articles, as files hold them.
static FILES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/seeds")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("a seed"))
        .collect()
});

static GBK: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|b| {
            let s = String::from_utf8_lossy(b);
            encoding_rs::GBK.encode(&s).0.into_owned()
        })
        .collect()
});

static DECODED: LazyLock<Vec<String>> =
    LazyLock::new(|| FILES.iter().map(|b| decode::decode(b, None).text).collect());

static TEXTS: LazyLock<Vec<normalize::Text>> =
    LazyLock::new(|| DECODED.iter().map(|s| normalize::normalize(s)).collect());

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new(Lexicon::builtin()));

static UNITS: LazyLock<UnitTable> = LazyLock::new(UnitTable::builtin);

static KEYS: LazyLock<MetricKeys> = LazyLock::new(MetricKeys::builtin);

fn bytes_of<T: AsRef<[u8]>>(items: &[T]) -> BytesCount {
    BytesCount::new(items.iter().map(|b| b.as_ref().len()).sum::<usize>())
}

fn text_bytes() -> BytesCount {
    BytesCount::new(TEXTS.iter().map(|t| t.as_str().len()).sum::<usize>())
}

fn lexicon() -> &'static Lexicon {
    PIPELINE.extractor().lexicon()
}

#[divan::bench]
fn decode_utf8(b: Bencher) {
    b.counter(bytes_of(&FILES)).bench(|| {
        for f in FILES.iter() {
            black_box(decode::decode(black_box(f), None));
        }
    });
}

#[divan::bench]
fn decode_gbk(b: Bencher) {
    b.counter(bytes_of(&GBK)).bench(|| {
        for f in GBK.iter() {
            black_box(decode::decode(black_box(f), None));
        }
    });
}

#[divan::bench]
fn normalize(b: Bencher) {
    b.counter(bytes_of(&DECODED)).bench(|| {
        for s in DECODED.iter() {
            black_box(normalize::normalize(black_box(s)));
        }
    });
}

#[divan::bench]
fn dictionary_scan(b: Bencher) {
    let lex = lexicon();
    b.counter(text_bytes()).bench(|| {
        for t in TEXTS.iter() {
            black_box(lex.find(black_box(t.as_str())));
        }
    });
}

#[divan::bench]
fn entity_rules(b: Bencher) {
    let lex = lexicon();
    b.counter(text_bytes()).bench(|| {
        for t in TEXTS.iter() {
            black_box(entities::find_entities(lex, black_box(t.as_str())));
        }
    });
}

#[divan::bench]
fn times(b: Bencher) {
    b.counter(text_bytes()).bench(|| {
        for t in TEXTS.iter() {
            black_box(time::find_times(black_box(t.as_str())));
        }
    });
}

#[divan::bench]
fn figure_reader(b: Bencher) {
    let lex = lexicon();
    let found: Vec<_> = TEXTS
        .iter()
        .map(|t| {
            let s = t.as_str();
            (entities::find_entities(lex, s), time::find_times(s))
        })
        .collect();
    b.counter(text_bytes()).bench(|| {
        for (t, (ents, times)) in TEXTS.iter().zip(&found) {
            black_box(metric::find_figures(
                black_box(t.as_str()),
                &UNITS,
                &KEYS,
                ents,
                times,
                false,
            ));
        }
    });
}

#[divan::bench]
fn extract_all(b: Bencher) {
    let ex: &Extractor = PIPELINE.extractor();
    b.counter(text_bytes()).bench(|| {
        for t in TEXTS.iter() {
            black_box(ex.extract(black_box(t), false));
        }
    });
}

#[divan::bench(args = [Format::Csv, Format::Jsonl])]
fn rows_and_encoding(b: Bencher, format: Format) {
    let mentions: Vec<_> = TEXTS
        .iter()
        .map(|t| PIPELINE.extractor().extract(t, false))
        .collect();
    let filter = RowFilter::default();
    let mut encoder = Encoder::new(format, Field::ALL.to_vec());
    let mut out = Vec::new();
    // The rows take the mentions, so each iteration gets a copy made outside the timing.
    b.counter(text_bytes())
        .with_inputs(|| mentions.clone())
        .bench_local_values(|mentions| {
            out.clear();
            for (t, m) in TEXTS.iter().zip(mentions) {
                let rows = tiqu::row::build_rows("fixtures/seeds/doc.txt", t, m, &filter);
                encoder.encode(&rows, &mut out);
            }
            black_box(out.len());
        });
}

#[divan::bench]
fn document_end_to_end(b: Bencher) {
    b.counter(bytes_of(&FILES)).bench(|| {
        for f in FILES.iter() {
            black_box(PIPELINE.process_bytes("doc", black_box(f), None));
        }
    });
}

/// Start-up: the built-in dictionaries' entries and trie, read as `build.rs` wrote them.
#[divan::bench(sample_count = 20)]
fn lexicon_build() -> Lexicon {
    Lexicon::builtin()
}
