//! The Spark example (`examples/spark/tiqu_spark.py`) in local mode: a directory of
//! articles and a JSON Lines dataset piped through the binary partition by partition,
//! written as Parquet and read back, give the rows the command line gives for the same
//! documents. Skipped, with a message, where `python3` cannot import `pyspark` or there
//! is no `java` (CI need not have either).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use crate::util::{fixture, Dir, SEEDS};

/// Every field, as the example writes them.
const FIELDS: &str = "doc,kind,type,text,canonical,value,unit,metric,line,context,subject,period,qualifier,metric_key,code,parent,title,date,author,url";

/// Runs the example's `run` for both kinds of input in one Spark session, then prints
/// every row of each Parquet output as a JSON line.
const DRIVER: &str = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
import tiqu_spark
from pyspark.sql import SparkSession

spark = (SparkSession.builder.master("local[2]").appName("tiqu-test")
         .config("spark.ui.enabled", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
# The example's functions run on the workers, which import it as the driver did.
spark.sparkContext.addPyFile(sys.argv[1] + "/tiqu_spark.py")
for mode, source in [("directory", {"directory": "seeds"}), ("jsonl", {"jsonl": "docs.jsonl"})]:
    out = mode + ".parquet"
    tiqu_spark.run(spark, out, tiqu=sys.argv[2], partitions=3, **source)
    for row in spark.read.parquet(out).collect():
        print(json.dumps({"mode": mode, "row": row.asDict()}, ensure_ascii=False))
spark.stop()
"#;

fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A row with every number as a double, keys in order, as text to sort and compare
/// (Parquet gives 6.012e10 where JSON Lines give 60120000000).
fn canonical(row: &Value) -> String {
    let map: BTreeMap<&str, Value> = row
        .as_object()
        .expect("a row is an object")
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Value::Number(n) => json!(n.as_f64()),
                other => other.clone(),
            };
            (k.as_str(), v)
        })
        .collect();
    serde_json::to_string(&map).unwrap()
}

fn sorted(rows: &[Value]) -> Vec<String> {
    let mut rows: Vec<String> = rows.iter().map(canonical).collect();
    rows.sort();
    rows
}

#[test]
fn spark_job_gives_the_rows_of_the_cli() {
    if !succeeds("python3", &["-c", "import pyspark"]) {
        println!("skipped spark_job_gives_the_rows_of_the_cli: python3 cannot import pyspark");
        return;
    }
    if !succeeds("java", &["-version"]) {
        println!("skipped spark_job_gives_the_rows_of_the_cli: no java for Spark");
        return;
    }
    let dir = Dir::new();
    // A directory: the seeds and a GB18030 copy of one.
    for seed in SEEDS {
        dir.copy_fixture(&format!("seeds/{seed}"));
    }
    dir.create(
        "seeds/gb18030.txt",
        fixture("encodings/000_863d71056fe8c9f4.gb18030.txt"),
    );
    // A JSON Lines dataset: the seeds by id, an HTML document, and a bad line.
    let mut lines = Vec::new();
    for (n, seed) in SEEDS.iter().enumerate() {
        let text = String::from_utf8(fixture(&format!("seeds/{seed}"))).unwrap();
        lines.push(json!({"id": format!("doc-{n}"), "text": text}).to_string());
    }
    lines.push(
        json!({"id": 99, "html": "<html><head><title>标题</title></head><p>腾讯在深圳投资2亿元。</p></html>"})
            .to_string(),
    );
    lines.push("{\"id\": 100, \"text\": ".to_string());
    dir.create("docs.jsonl", lines.join("\n") + "\n");

    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark");
    let out = Command::new("python3")
        .current_dir(dir.path())
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .args(["-c", DRIVER])
        .arg(&examples)
        .arg(env!("CARGO_BIN_EXE_tiqu"))
        .stdin(Stdio::null())
        .output()
        .expect("run python3");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        out.status.success(),
        "the Spark job failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut spark: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for line in stdout.lines().filter(|l| l.starts_with('{')) {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        spark
            .entry(v["mode"].as_str().unwrap().to_string())
            .or_default()
            .push(v["row"].clone());
    }

    // The command line over the same documents: the directory's files by their
    // relative paths, the dataset as it is (its bad line named, exit 1).
    let files = dir
        .command()
        .args(["--format", "jsonl", "--fields", FIELDS, "seeds"])
        .run();
    files.expect_code(0);
    let files: Vec<Value> = files
        .rows()
        .into_iter()
        .map(|mut r| {
            let doc = r["doc"]
                .as_str()
                .unwrap()
                .trim_start_matches("seeds/")
                .to_string();
            r["doc"] = json!(doc);
            r
        })
        .collect();
    let dataset = dir
        .command()
        .args(["--input", "jsonl", "--format", "jsonl", "--fields", FIELDS])
        .arg("docs.jsonl")
        .run();
    dataset.expect_code(1);
    let dataset = dataset.rows();

    for (mode, cli, documents) in [
        ("directory", &files, SEEDS.len() + 1),
        ("jsonl", &dataset, SEEDS.len() + 1),
    ] {
        let got = spark.get(mode).cloned().unwrap_or_default();
        let docs: std::collections::BTreeSet<&str> =
            got.iter().filter_map(|r| r["doc"].as_str()).collect();
        assert_eq!(docs.len(), documents, "{mode}: documents with rows");
        assert!(!got.is_empty());
        let (want, got) = (sorted(cli), sorted(&got));
        assert_eq!(want.len(), got.len(), "{mode}: rows");
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(w, g, "{mode}");
        }
        println!(
            "spark {mode}: {documents} documents, {} rows, equal to the command line's",
            got.len()
        );
    }
}
