//! tiqu's integration tests: one test binary (`autotests = false`), the `tiqu` binary
//! run as a user runs it, plus properties of the library pipeline.
//!
//! - `seeds`: concrete rows from the seed articles, encodings, formats, exit statuses;
//! - `snapshots`: the JSON Lines output of every seed, reviewed with insta;
//! - `bad_input`: inputs that are empty, binary, broken, huge or hostile;
//! - `properties`: proptest over normalization and the whole pipeline;
//! - `regression`: inputs that once broke something.

#[macro_use]
mod macros;
mod util;

mod bad_input;
mod properties;
mod regression;
mod seeds;
mod snapshots;
