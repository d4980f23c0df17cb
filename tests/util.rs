//! Running the `tiqu` binary the way a user does: in a fresh temporary directory, with
//! arguments and, when asked, bytes on standard input.
//!
//! Every test gets its own [`Dir`]; files are created inside it and paths are given
//! relative to it, so that `doc` fields come out the same on every machine.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

/// The seed articles shipped in `fixtures/seeds/`.
pub const SEEDS: [&str; 5] = [
    "000_863d71056fe8c9f4.txt",
    "001_8afaf9658154520d.txt",
    "002_05820d54f4f20727.txt",
    "003_4a3986f7133450c2.txt",
    "004_d4ca8a07cc4b6b2d.txt",
];

/// The seed that `fixtures/encodings/` holds in other encodings.
pub const ENCODED_SEED: &str = "000_863d71056fe8c9f4.txt";

/// A sentence with one entity and one figure of each common kind, for mixing into
/// bad inputs: every good file must still give these rows.
pub const SENTENCE: &str = "阿里云全年营收601.2亿元，同比增长50%，PUE最低可以达到1.09。";

/// The path of a file under `fixtures/`.
pub fn fixture_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// The bytes of a file under `fixtures/`.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = fixture_path(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A temporary directory that is removed when the test ends.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    /// A new, empty directory.
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::Builder::new()
                .prefix("tiqu-test-")
                .tempdir()
                .expect("temporary directory"),
        }
    }

    /// The directory's path.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Write `contents` to `rel` (parents created), returning the full path.
    pub fn create(&self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directories");
        }
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// Copy `fixtures/<rel>` to `<dir>/<rel>`, returning `rel` for the command line.
    pub fn copy_fixture(&self, rel: &str) -> String {
        self.create(rel, fixture(rel));
        rel.to_string()
    }

    /// A `tiqu` command that runs in this directory.
    pub fn command(&self) -> TestCommand {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tiqu"));
        cmd.current_dir(self.path());
        TestCommand { cmd, stdin: None }
    }
}

/// A `tiqu` invocation being built.
pub struct TestCommand {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl TestCommand {
    /// Add arguments.
    pub fn args<I, S>(mut self, args: I) -> TestCommand
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    /// Add one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> TestCommand {
        self.cmd.arg(arg);
        self
    }

    /// Give these bytes on standard input (otherwise it is empty).
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> TestCommand {
        self.stdin = Some(bytes.into());
        self
    }

    /// The underlying command, for tests that drive the pipes themselves.
    pub fn into_command(self) -> Command {
        self.cmd
    }

    /// Run to the end.
    pub fn run(mut self) -> Output {
        self.cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("spawn tiqu");
        let input = self.stdin.take().unwrap_or_default();
        let mut pipe = child.stdin.take().expect("stdin pipe");
        // Write from another thread: a large input and a large output would otherwise
        // each wait for the other.
        let writer = std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
        let out = child.wait_with_output().expect("wait for tiqu");
        writer.join().expect("stdin writer");
        Output {
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            status: out.status,
        }
    }
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: ExitStatus,
}

impl Output {
    /// The exit code (panics when a signal ended the run).
    pub fn code(&self) -> i32 {
        self.status
            .code()
            .unwrap_or_else(|| panic!("tiqu ended by a signal: {self:?}"))
    }

    /// Assert the exit code, showing stderr when it is wrong.
    pub fn expect_code(&self, code: i32) -> &Output {
        assert_eq!(self.code(), code, "exit status; stderr:\n{}", self.stderr);
        self
    }

    /// stdout read as JSON Lines.
    pub fn rows(&self) -> Vec<Value> {
        jsonl(&self.stdout)
    }

    /// stderr's lines.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

/// Parse JSON Lines, one object a line.
pub fn jsonl(s: &str) -> Vec<Value> {
    s.lines()
        .enumerate()
        .map(|(n, line)| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("line {} is not JSON ({e}): {line}", n + 1))
        })
        .collect()
}

/// A row without its `doc` field, to compare the rows of one text read from two places.
pub fn without_doc(rows: &[Value]) -> Vec<Value> {
    rows.iter()
        .map(|r| {
            let mut r = r.clone();
            r.as_object_mut().expect("a row is an object").remove("doc");
            r
        })
        .collect()
}

/// The rows whose `doc` is `doc`.
pub fn rows_of<'a>(rows: &'a [Value], doc: &str) -> Vec<&'a Value> {
    rows.iter().filter(|r| r["doc"] == doc).collect()
}

/// A field as a string ("" for null).
pub fn s<'a>(row: &'a Value, field: &str) -> &'a str {
    row[field].as_str().unwrap_or("")
}

/// The rows of [`SENTENCE`] as `(kind, type, text)`, checked wherever a good file sits
/// beside a bad one.
pub fn assert_sentence_rows(rows: &[&Value], doc: &str) {
    let found = |kind: &str, text: &str| {
        rows.iter()
            .any(|r| s(r, "doc") == doc && s(r, "kind") == kind && s(r, "text") == text)
    };
    for (kind, text) in [
        ("entity", "阿里云"),
        ("metric", "601.2亿元"),
        ("metric", "50%"),
        ("metric", "1.09"),
    ] {
        assert!(
            found(kind, text),
            "{doc}: no {kind} row {text:?} in {rows:#?}"
        );
    }
}

/// The library pipeline with the built-in dictionaries, built once for all tests.
pub fn pipeline() -> &'static tiqu::Pipeline {
    static PIPELINE: OnceLock<tiqu::Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| tiqu::Pipeline::new(tiqu::dict::Lexicon::builtin()))
}
