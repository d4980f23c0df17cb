//! tiqu's integration tests: one test binary (`autotests = false`), the `tiqu` binary
//! run as a user runs it, plus properties of the library pipeline.
//!
//! - `seeds`: concrete rows from the seed articles, encodings, formats, exit statuses;
//! - `snapshots`: the JSON Lines output of every seed, reviewed with insta;
//! - `bad_input`: inputs that are empty, binary, broken, huge or hostile;
//! - `entities`: names by form, persons, ambiguous short names, nesting, user dictionaries;
//! - `properties`: proptest over normalization and the whole pipeline;
//! - `regression`: inputs that once broke something;
//! - `jsonl`: `--input jsonl` and the document metadata fields;
//! - `xlsx`: `--format xlsx` read back, and the formula guard in CSV and XLSX;
//! - `libreoffice`: a `--bom` CSV converted by LibreOffice, where it is installed;
//! - `generate`: completions, the man page, `--help`, no progress bar in a pipe;
//! - `spark`: the Spark example in local mode, where `pyspark` is installed.

#[macro_use]
mod macros;
mod util;

mod bad_input;
mod entities;
mod generate;
mod jsonl;
#[cfg(feature = "xlsx")]
mod libreoffice;
mod properties;
mod regression;
mod seeds;
mod snapshots;
mod spark;
#[cfg(feature = "xlsx")]
mod xlsx;
