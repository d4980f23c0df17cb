#!/usr/bin/env python3
"""Run tiqu over a dataset with Spark and write its rows as Parquet.

Every partition of documents is piped through one tiqu process with ``RDD.pipe``:
the documents go in as JSON Lines (``{"id": ..., "text": ...}``, one a line) and
``tiqu --input jsonl --format jsonl`` gives one JSON object a row, whose ``doc`` is
the document's id. The rows are read with a fixed schema (``value`` a double,
``line`` a long) and written as Parquet.

Input is either

* a directory of articles (``--input DIR``, walked recursively; hidden files and
  files starting with ``_`` are skipped, as Hadoop does): each file is a document
  whose id is its path relative to DIR, or
* a JSON Lines dataset (``--jsonl PATH``, a file, a directory or a glob): each line
  is a document, given to tiqu as it is.

The tiqu binary has to be on every executor; see README.md beside this file for the
ways to put it there (``--files`` or ``SparkContext.addFile``, or installed).

    spark-submit --files target/release/tiqu examples/spark/tiqu_spark.py \
        --input crawl/ --output rows.parquet
"""

import argparse
import json
import os
import shlex
import sys
from urllib.parse import urlparse

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

# tiqu's default fields (SPEC order), then the document's metadata.
FIELDS = [
    "doc", "kind", "type", "text", "canonical", "value", "unit", "metric", "line",
    "context", "subject", "period", "qualifier", "metric_key", "code", "parent",
    "title", "date", "author", "url",
]

SCHEMA = StructType(
    [
        StructField(
            name,
            DoubleType() if name == "value" else LongType() if name == "line" else StringType(),
            True,
        )
        for name in FIELDS
    ]
)


def decode(data):
    """A file's bytes as text for the JSON line.

    tiqu detects encodings itself when it reads files; JSON Lines carry text, so the
    decoding is done here: a byte order mark decides, then UTF-8, then GB18030 (which
    reads GBK and GB2312 too), the legacy encoding of Chinese news sites.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def path_of(uri):
    """The path part of a Hadoop URI (file:/a/b, hdfs://host/a/b) or a local path."""
    parsed = urlparse(uri)
    return parsed.path if parsed.scheme else os.path.abspath(uri)


def directory_documents(sc, directory, partitions):
    """Each file under `directory` as a JSON line, its id its path relative to it."""
    sc._jsc.hadoopConfiguration().set(
        "mapreduce.input.fileinputformat.input.dir.recursive", "true"
    )
    root = path_of(directory).rstrip("/")

    def to_line(item):
        uri, data = item
        rel = os.path.relpath(path_of(uri), root)
        return json.dumps({"id": rel, "text": decode(data)}, ensure_ascii=False)

    return sc.binaryFiles(directory, minPartitions=partitions).map(to_line)


def jsonl_documents(sc, path, partitions):
    """The lines of a JSON Lines dataset, as they are."""
    return sc.textFile(path, minPartitions=partitions)


def tiqu_command(sc, installed=None, name="tiqu", threads=1):
    """The command each partition is piped through.

    A binary shipped with ``--files`` or ``addFile`` is in the working directory of
    every executor (``./tiqu``); in local mode (``local[*]``, not ``local-cluster``)
    the executors are the driver, which keeps shipped files in its own directory
    (``SparkFiles.get``). ``installed`` is a
    binary already at that path on every machine.
    """
    if installed:
        exe = installed
    elif sc.master == "local" or sc.master.startswith("local["):
        exe = SparkFiles.get(name)
    else:
        exe = "./" + name
    # One thread: Spark runs a task a core already.
    return " ".join(
        [
            shlex.quote(exe),
            "--input jsonl --format jsonl --quiet",
            "--threads", str(threads),
            "--fields", ",".join(FIELDS),
        ]
    )


def run(spark, output, directory=None, jsonl=None, tiqu=None, installed=None,
        partitions=None, threads=1):
    """Extract the rows of a directory or a JSON Lines dataset into Parquet at `output`.

    `tiqu` is a binary on the driver to ship to the executors (``addFile``); with
    neither it nor `installed`, the binary is expected to have been shipped with
    ``spark-submit --files .../tiqu``. Returns the number of rows written.
    """
    sc = spark.sparkContext
    partitions = partitions or sc.defaultParallelism
    name = "tiqu"
    if tiqu:
        sc.addFile(os.path.abspath(tiqu))
        name = os.path.basename(tiqu)
    if directory is not None:
        documents = directory_documents(sc, directory, partitions)
    else:
        documents = jsonl_documents(sc, jsonl, partitions)
    # Small files are packed into few partitions: spread them over the cores.
    if documents.getNumPartitions() < partitions:
        documents = documents.repartition(partitions)
    command = tiqu_command(sc, installed=installed, name=name, threads=threads)
    # tiqu exits 1 when some line was not a document (it names the line on the
    # executor's stderr and goes on): the rows of the others are kept.
    rows = documents.pipe(command, env={"LC_ALL": "C.UTF-8"}, checkCode=False)
    frame = spark.read.schema(SCHEMA).json(rows)
    frame.write.mode("overwrite").parquet(output)
    return spark.read.parquet(output).count()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", metavar="DIR", help="a directory of articles")
    source.add_argument("--jsonl", metavar="PATH", help="a JSON Lines dataset")
    parser.add_argument("--output", required=True, metavar="PATH", help="Parquet to write")
    ship = parser.add_mutually_exclusive_group()
    ship.add_argument("--tiqu", metavar="BINARY", help="ship this binary to the executors")
    ship.add_argument(
        "--tiqu-installed", metavar="PATH", help="the binary's path on every executor"
    )
    parser.add_argument("--partitions", type=int, help="partitions of documents")
    parser.add_argument("--threads", type=int, default=1, help="tiqu's threads per task")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, local[*])")
    args = parser.parse_args(argv)

    builder = SparkSession.builder.appName("tiqu")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        n = run(
            spark,
            args.output,
            directory=args.input,
            jsonl=args.jsonl,
            tiqu=args.tiqu,
            installed=args.tiqu_installed,
            partitions=args.partitions,
            threads=args.threads,
        )
        print(f"tiqu_spark: {n} rows written to {args.output}", file=sys.stderr)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
