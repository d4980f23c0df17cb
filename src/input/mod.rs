//! Inputs: the documents named on the command line.
//!
//! A file is one document; a directory is walked recursively in sorted path order,
//! skipping hidden entries and files that are plainly not text; `-` or no path at all is
//! standard input, read as one document. Problems are reported per input and never stop
//! the others. With `--input jsonl` each input holds many documents, one a line
//! ([`jsonl`]).

pub mod jsonl;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file; `explicit` when it was named on the command line (not found by walking),
    /// `regular` when it was seen to be a plain file (not a pipe or a device), so that
    /// opening it cannot wait.
    File {
        path: PathBuf,
        display: String,
        explicit: bool,
        regular: bool,
    },
}

impl Source {
    /// Why this source could not be read, as a person can act on it.
    pub fn reason(&self, e: &std::io::Error) -> String {
        match self {
            Source::File { path, .. } => io_reason(e, path),
            Source::Stdin => e.to_string(),
        }
    }

    /// The error of a failed read of this source.
    pub fn read_error(&self, e: &std::io::Error) -> InputError {
        InputError {
            path: self.display().to_string(),
            reason: self.reason(e),
        }
    }

    /// The `doc` field of this source's rows.
    pub fn display(&self) -> &str {
        match self {
            Source::Stdin => "-",
            Source::File { display, .. } => display,
        }
    }
}

/// Why an input could not be read.
#[derive(Debug)]
pub struct InputError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// What walking the command line's paths gave: sources in order, and the problems met.
#[derive(Debug, Default)]
pub struct Walk {
    pub items: Vec<Result<Source, InputError>>,
}

/// Expand the command line's paths into sources, in order.
pub fn walk<P: AsRef<Path>>(paths: &[P]) -> Walk {
    let mut w = Walk::default();
    if paths.is_empty() {
        w.items.push(Ok(Source::Stdin));
        return w;
    }
    for p in paths {
        let path = p.as_ref();
        if path.as_os_str() == "-" {
            w.items.push(Ok(Source::Stdin));
            continue;
        }
        // A name that is not UTF-8 is still read; rows and messages show it with
        // U+FFFD where its bytes are not text.
        let display = shown(path);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut w),
            Ok(meta) => w.items.push(Ok(Source::File {
                path: path.to_path_buf(),
                display,
                explicit: true,
                regular: meta.is_file(),
            })),
            Err(e) => w.items.push(Err(InputError {
                path: display,
                reason: io_reason(&e, path),
            })),
        }
    }
    w
}

/// A path as rows and messages show it: U+FFFD where its bytes are not UTF-8, and its
/// control characters escaped (a crawled file name can hold a terminal's escape codes).
fn shown(path: &Path) -> String {
    crate::text::escape_controls(&path.to_string_lossy())
}

fn walk_dir(root: &Path, w: &mut Walk) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let display = shown(e.path());
                w.items.push(Ok(Source::File {
                    path: e.path().to_path_buf(),
                    display,
                    explicit: false,
                    regular: e.file_type().is_file(),
                }));
            }
            Err(e) => {
                let path = shown(e.path().unwrap_or(root));
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else if let Some(io) = e.io_error() {
                    io_reason(io, e.path().unwrap_or(root))
                } else {
                    e.to_string()
                };
                w.items.push(Err(InputError { path, reason }));
            }
        }
    }
}

/// A reason a person can act on.
pub fn io_reason(e: &std::io::Error, path: &Path) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => {
            if std::fs::symlink_metadata(path).is_ok() {
                "dangling symbolic link".into()
            } else {
                "no such file or directory".into()
            }
        }
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(p) => s[..p].to_lowercase(),
                None => s,
            }
        }
    }
}

/// Read a source's bytes.
pub fn read_source(source: &Source) -> Result<Vec<u8>, InputError> {
    let read = match source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
        }
        Source::File { path, .. } => std::fs::read(path),
    };
    read.map_err(|e| source.read_error(&e))
}

/// Read the rest of a file already open, `size` long when it was opened: into a buffer
/// of that size and one byte more, so that the second read finds the end at once. (A
/// plain `read_to_end` of a file asks its size again.)
pub fn read_open(source: &Source, file: std::fs::File, size: u64) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(u64::MAX)
        .read_to_end(&mut buf)
        .map_err(|e| source.read_error(&e))?;
    Ok(buf)
}

/// Plainly not text: a known binary signature, or NUL bytes that are not UTF-16.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"%PDF", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1F\x8B", "a gzip file"),
        (b"\x7FELF", "an executable"),
        (b"RIFF", "a RIFF media file"),
        (b"BZh", "a bzip2 file"),
        (b"\xFD7zXZ", "an xz file"),
        (b"7z\xBC\xAF", "a 7z archive"),
        (b"SQLite format 3", "an SQLite database"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(what);
        }
    }
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    // Text has no NUL (looked for many bytes at a time).
    memchr::memchr(0, head)?;
    // UTF-16 without a BOM has its NULs mostly in one position of the pair; the decoder
    // reads it as text, so it must not be turned away here (the same test decides both).
    if crate::text::decode::sniff_utf16(bytes).is_some() {
        return None;
    }
    Some("binary data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_signatures() {
        assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n...."), Some("a PNG image"));
        assert_eq!(binary_kind("阿里云".as_bytes()), None);
        let utf16: Vec<u8> = "abc阿里云123"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(binary_kind(&utf16), None);
        // 一 is U+4E00: a NUL in the other position of the pair does not make it binary.
        let be: Vec<u8> = "<p>一是一，二是二。</p>\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(binary_kind(&be), None);
        assert_eq!(binary_kind(b"ab\0\0\0cd\0\x01\x02\0"), Some("binary data"));
    }
}
