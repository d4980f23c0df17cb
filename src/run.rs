//! The run loop: every input through the pipeline, on every core, rows written in
//! input order as soon as the documents before them are written.
//!
//! One thread (the caller's) hands out work and writes; `threads` workers read, decode,
//! extract and encode rows into the output format, taking units in batches of a few
//! (the next unit to write, and any large one, on its own). Each unit of work has a sequence
//! number in input order; finished units wait in a reorder window until every unit
//! before them is written, then go out (messages to stderr, rows to the output). A unit
//! is one document, or one part of a document above [`BlockOptions::threshold`]: such a
//! document is read here, a part at a time ([`crate::blocks`]), and its parts are
//! extracted by all the workers at once, so a huge file holds the others up no longer
//! than its own work spread over every core.
//!
//! Memory is bounded by the window, not by the number of inputs: no more than
//! [`Limits::max_units`] units are handed out ahead of the next one to write, and none
//! while the parts and finished output waiting add up to [`Limits::max_bytes`]. Output
//! is flushed whenever the writer would wait, so a pipe sees rows as documents finish.
//! The bytes written do not depend on the number of threads: encoding is a function
//! of one document's rows, and documents are written in input order.
//!
//! With `--input jsonl` ([`InputFormat::Jsonl`]) every input is read here a line at a
//! time, and each line is a unit: a worker parses it and extracts its document, so the
//! documents of one large JSON Lines file are spread over every core like files.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use encoding_rs::Encoding;

use crate::blocks::{malformed_warning, BlockOptions, OwnedPart, PartReader, HEAD_BYTES};
use crate::input::{self, InputError, Source};
use crate::sink::{ChunkWriter, Encoder};
use crate::text::normalize::Meta;
use crate::Pipeline;

/// Bounds of the reorder window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Units handed out ahead of the next one to write.
    pub max_units: usize,
    /// Bytes of parts in flight and finished output waiting, past which no more work
    /// is handed out.
    pub max_bytes: usize,
}

impl Limits {
    /// The default window for a number of workers: 64 units a worker (small articles
    /// keep every core busy behind a slow one) and 32 MiB.
    pub fn for_threads(threads: usize) -> Limits {
        Limits {
            max_units: 64 * threads.max(1),
            max_bytes: 32 << 20,
        }
    }
}

/// How the inputs hold documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Each input is one document.
    #[default]
    Documents,
    /// Each input holds JSON Lines, one document a line ([`input::jsonl`]).
    Jsonl,
}

/// What a run needs besides its inputs.
#[derive(Debug, Clone)]
pub struct RunOptions<'a> {
    pub pipeline: &'a Pipeline,
    /// How the inputs hold documents.
    pub input: InputFormat,
    /// Read every input in this encoding.
    pub encoding: Option<&'static Encoding>,
    /// The output format's encoder.
    pub encoder: Encoder,
    /// A UTF-8 byte order mark before CSV output.
    pub bom: bool,
    /// Worker threads; 1 runs everything on the calling thread.
    pub threads: usize,
    pub blocks: BlockOptions,
    pub limits: Limits,
}

/// How far a run has come, for a progress display: counted as units are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Inputs to read (files and standard input, as walked).
    pub inputs: u64,
    /// Inputs read to their end, or given up.
    pub inputs_done: u64,
    /// Bytes of input read (of decoded text, for a document read in parts).
    pub bytes: u64,
    /// Inputs, and JSON Lines lines, that could not be read.
    pub errors: u64,
}

/// Run over every input, writing rows to `out` and messages to `err`.
///
/// Ok(false) when some input could not be read; an error writing `out` ends the run
/// (the caller treats a broken pipe as a quiet end).
pub fn run<W: Write, E: Write>(
    opts: &RunOptions<'_>,
    items: Vec<Result<Source, InputError>>,
    out: W,
    err: E,
) -> io::Result<bool> {
    run_with_progress(opts, items, out, err, &mut |_| {})
}

/// [`run`], calling `progress` on the writing thread after every unit written (a
/// document, a part of one, a line of JSON Lines, a message): it should be cheap, and
/// draw no more often than a person can read.
pub fn run_with_progress<W: Write, E: Write>(
    opts: &RunOptions<'_>,
    items: Vec<Result<Source, InputError>>,
    out: W,
    err: E,
    progress: &mut dyn FnMut(&Tally),
) -> io::Result<bool> {
    let mut writer = Writer {
        out: ChunkWriter::new(out, opts.encoder.format(), opts.bom),
        err,
        all_ok: true,
        tally: Tally {
            inputs: items.len() as u64,
            ..Tally::default()
        },
        progress,
        last_flush: Instant::now(),
    };
    writer.out.begin(&opts.encoder)?;
    let mut units = Units {
        items: items.into_iter(),
        big: None,
        lines: None,
        opts,
    };
    if opts.threads <= 1 {
        let mut encoder = opts.encoder.clone();
        while let Some(unit) = units.next() {
            let done = match unit {
                Unit::Ready(done) => done,
                Unit::Work(job) => job.run(opts, &mut encoder),
            };
            writer.write(done)?;
            if writer.flush_due_in().is_zero() {
                writer.flush()?;
            }
        }
    } else {
        run_parallel(opts, &mut units, &mut writer)?;
    }
    writer.out.finish()?;
    Ok(writer.all_ok)
}

/// Units handed to a worker at once, and their results sent back at once: a message and
/// a wake-up per article cost more system time than the article's own reading.
const BATCH: usize = 8;

/// The longest that written rows wait in the output buffer while the writer waits for
/// workers; a full buffer is written at once.
const FLUSH_AFTER: Duration = Duration::from_millis(20);

fn run_parallel<W: Write, E: Write>(
    opts: &RunOptions<'_>,
    units: &mut Units<'_, '_>,
    writer: &mut Writer<'_, W, E>,
) -> io::Result<()> {
    let (done_tx, done_rx) = mpsc::channel::<Vec<(usize, Result<Done, Panic>)>>();
    let cancel = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // The job channel belongs to this closure: if the writer unwinds (a worker's
        // panic passed on), the sender is dropped on the way out and the workers' wait
        // for more work ends with it, before the scope joins them.
        let (job_tx, job_rx) = mpsc::channel::<Vec<(usize, Job)>>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..opts.threads {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            let cancel = &cancel;
            let mut encoder = opts.encoder.clone();
            scope.spawn(move || loop {
                let next = job_rx.lock().map(|rx| rx.recv());
                let Ok(Ok(batch)) = next else {
                    return;
                };
                let mut done = Vec::with_capacity(batch.len());
                for (seq, job) in batch {
                    if cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let d = panic::catch_unwind(AssertUnwindSafe(|| job.run(opts, &mut encoder)));
                    let failed = d.is_err();
                    done.push((seq, d));
                    // A panic goes back at once, and the rest of the batch with it undone.
                    if failed {
                        break;
                    }
                }
                if done_tx.send(done).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let result = Window::default().drive(opts, units, writer, &job_tx, &done_rx);
        // Stop the workers: no more jobs, and those queued are skipped.
        cancel.store(true, Ordering::Relaxed);
        drop(job_tx);
        result
    })
}

type Panic = Box<dyn std::any::Any + Send + 'static>;

/// The units handed out and not yet written, in sequence order.
#[derive(Default)]
struct Window {
    /// Slot `i` holds unit `written + i` once it is done.
    slots: VecDeque<Option<Result<Done, Panic>>>,
    /// Sequence number of the next unit to write.
    written: usize,
    /// Bytes of parts in flight plus finished output waiting.
    held: usize,
    /// What each unit in flight counts in `held` until written.
    costs: VecDeque<usize>,
}

impl Window {
    fn drive<W: Write, E: Write>(
        mut self,
        opts: &RunOptions<'_>,
        units: &mut Units<'_, '_>,
        writer: &mut Writer<'_, W, E>,
        jobs: &mpsc::Sender<Vec<(usize, Job)>>,
        done: &mpsc::Receiver<Vec<(usize, Result<Done, Panic>)>>,
    ) -> io::Result<()> {
        let mut exhausted = false;
        let mut batch: Vec<(usize, Job)> = Vec::with_capacity(BATCH);
        let send = |batch: &mut Vec<(usize, Job)>| {
            if batch.is_empty() {
                return Ok(());
            }
            jobs.send(std::mem::replace(batch, Vec::with_capacity(BATCH)))
                .map_err(|_| io::Error::other("worker threads ended"))
        };
        loop {
            // Hand out work while the window has room; the next unit to write is
            // always handed out, however large.
            while !exhausted
                && (self.slots.is_empty()
                    || (self.slots.len() < opts.limits.max_units
                        && self.held < opts.limits.max_bytes))
            {
                let seq = self.written + self.slots.len();
                match units.next() {
                    None => exhausted = true,
                    Some(Unit::Ready(d)) => {
                        self.costs.push_back(0);
                        self.slots.push_back(None);
                        self.finish(seq, Ok(d));
                    }
                    Some(Unit::Work(job)) => {
                        let cost = job.cost();
                        self.held += cost;
                        self.costs.push_back(cost);
                        self.slots.push_back(None);
                        batch.push((seq, job));
                        // The next unit to write goes out at once, the others in
                        // batches; a costly one (a part, standard input) on its own.
                        if batch.len() == BATCH || cost > 0 || seq == self.written {
                            send(&mut batch)?;
                        }
                    }
                }
            }
            // Nothing is held back while the writer waits.
            send(&mut batch)?;
            // Write what is ready, in order.
            while let Some(Some(_)) = self.slots.front() {
                let d = self.slots.pop_front().flatten().expect("a finished unit");
                let cost = self.costs.pop_front().unwrap_or(0);
                self.written += 1;
                let d = match d {
                    Ok(d) => d,
                    Err(p) => {
                        let _ = writer.flush();
                        panic::resume_unwind(p)
                    }
                };
                self.held -= cost + d.rows.len();
                writer.write(d)?;
            }
            if self.slots.is_empty() {
                if exhausted {
                    return Ok(());
                }
                // Everything handed out is written: hand out more.
                continue;
            }
            // Wait for the next unit, flushing first if the wait outlasts what written
            // rows may wait: not at every wait, which came after nearly every document.
            let next = match done.try_recv() {
                Ok(n) => n,
                Err(_) => {
                    let ended = || io::Error::other("worker threads ended");
                    let due_in = writer.flush_due_in();
                    let waited = if due_in.is_zero() {
                        Err(mpsc::RecvTimeoutError::Timeout)
                    } else {
                        done.recv_timeout(due_in)
                    };
                    match waited {
                        Ok(n) => n,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return Err(ended()),
                        Err(mpsc::RecvTimeoutError::Timeout) => {
                            writer.flush()?;
                            done.recv().map_err(|_| ended())?
                        }
                    }
                }
            };
            for (seq, d) in next {
                self.finish(seq, d);
            }
        }
    }

    fn finish(&mut self, seq: usize, d: Result<Done, Panic>) {
        if let Ok(d) = &d {
            self.held += d.rows.len();
        }
        self.slots[seq - self.written] = Some(d);
    }
}

/// A finished unit: what to write, in order.
struct Done {
    /// Lines for stderr, without the newline.
    messages: Vec<String>,
    /// Rows already encoded in the output format.
    rows: Vec<u8>,
    /// Some input could not be read.
    failed: bool,
    /// An input ends with this unit (for the [`Tally`]).
    input_done: bool,
    /// Bytes of input this unit read (for the [`Tally`]).
    bytes: u64,
}

impl Done {
    /// A message that ends its input (the input was read, given up, or skipped).
    fn message(msg: String, failed: bool) -> Done {
        Done {
            messages: vec![msg],
            ..Done::end(failed)
        }
    }

    /// Nothing to write but the end of an input.
    fn end(failed: bool) -> Done {
        Done {
            messages: Vec::new(),
            rows: Vec::new(),
            failed,
            input_done: true,
            bytes: 0,
        }
    }
}

struct Writer<'p, W: Write, E: Write> {
    out: ChunkWriter<W>,
    err: E,
    all_ok: bool,
    tally: Tally,
    progress: &'p mut dyn FnMut(&Tally),
    /// When a reader last could see everything written.
    last_flush: Instant,
}

impl<W: Write, E: Write> Writer<'_, W, E> {
    /// Let a reader see what is written.
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.last_flush = Instant::now();
        Ok(())
    }

    /// How much longer written rows may wait in the buffer (zero: flush now). They wait
    /// at most FLUSH_AFTER, or until the buffer fills, not a write for every document.
    fn flush_due_in(&self) -> Duration {
        FLUSH_AFTER.saturating_sub(self.last_flush.elapsed())
    }

    fn write(&mut self, d: Done) -> io::Result<()> {
        if !d.messages.is_empty() {
            // Rows of the documents before go out before their successor's messages.
            self.flush()?;
            for m in &d.messages {
                let _ = writeln!(self.err, "{m}");
            }
            let _ = self.err.flush();
        }
        self.all_ok &= !d.failed;
        self.tally.inputs_done += u64::from(d.input_done);
        self.tally.bytes += d.bytes;
        self.tally.errors += u64::from(d.failed);
        (self.progress)(&self.tally);
        self.out.write_chunk(&d.rows)
    }
}

/// Work for a worker.
enum Job {
    /// A document to read and extract.
    Whole(Source),
    /// A document to extract from a file already open, with its size then.
    Opened(Source, std::fs::File, u64),
    /// A document already read (standard input).
    Bytes(Source, Vec<u8>),
    /// One part of a long document, with the document's metadata for its rows.
    Part(Arc<str>, Arc<Meta>, OwnedPart),
    /// A line of a JSON Lines input: the input's name, the line's number, its bytes.
    JsonLine(Arc<str>, u64, Vec<u8>),
}

impl Job {
    /// What the job counts in the window before it is done.
    fn cost(&self) -> usize {
        match self {
            Job::Whole(_) | Job::Opened(..) => 0,
            Job::Bytes(_, b) => b.len(),
            Job::Part(_, _, p) => p.text.len(),
            Job::JsonLine(_, _, b) => b.len(),
        }
    }

    fn run(self, opts: &RunOptions<'_>, encoder: &mut Encoder) -> Done {
        match self {
            Job::Whole(source) => {
                let read = input::read_source(&source);
                read_whole(opts, encoder, &source, read)
            }
            Job::Opened(source, file, size) => {
                let read = input::read_open(&source, file, size);
                read_whole(opts, encoder, &source, read)
            }
            Job::Bytes(source, bytes) => whole(opts, encoder, &source, &bytes),
            Job::Part(doc, meta, part) => {
                let mut rows = opts.pipeline.process_part(&doc, &part.as_part());
                for r in &mut rows {
                    r.meta = Arc::clone(&meta);
                }
                let mut buf = Vec::new();
                encoder.encode_document(&doc, &meta, &rows, !part.first, &mut buf);
                Done {
                    rows: buf,
                    input_done: false,
                    bytes: part.keep.len() as u64,
                    ..Done::end(false)
                }
            }
            Job::JsonLine(name, line, bytes) => json_line(opts, encoder, &name, line, &bytes),
        }
    }
}

/// One line of a JSON Lines input: its document's rows, or the reason it is none.
fn json_line(
    opts: &RunOptions<'_>,
    encoder: &mut Encoder,
    name: &str,
    line: u64,
    bytes: &[u8],
) -> Done {
    let d = match input::jsonl::parse_line(bytes) {
        Ok(d) => d,
        Err(reason) => {
            // The input goes on.
            return Done {
                input_done: false,
                ..Done::message(format!("tiqu: {name}: line {line}: {reason}"), true)
            };
        }
    };
    let html = d.html.then_some(true);
    let mut out = opts.pipeline.process_document(&d.id, &d.body, html);
    let meta = Arc::new(input::jsonl::overlay(&d.meta, &out.meta));
    for r in &mut out.rows {
        r.meta = Arc::clone(&meta);
    }
    let mut buf = Vec::new();
    encoder.encode_document(&d.id, &meta, &out.rows, false, &mut buf);
    Done {
        rows: buf,
        input_done: false,
        bytes: bytes.len() as u64,
        ..Done::end(false)
    }
}

/// A document read whole: its rows, or why it could not be read.
fn read_whole(
    opts: &RunOptions<'_>,
    encoder: &mut Encoder,
    source: &Source,
    read: Result<Vec<u8>, InputError>,
) -> Done {
    match read {
        Ok(bytes) => whole(opts, encoder, source, &bytes),
        Err(e) => Done::message(format!("tiqu: {e}"), true),
    }
}

/// One whole document: the checks and messages of the loop, then its rows.
fn whole(opts: &RunOptions<'_>, encoder: &mut Encoder, source: &Source, bytes: &[u8]) -> Done {
    if let Some(d) = not_text(source, bytes) {
        return d;
    }
    let doc = opts
        .pipeline
        .process_bytes(source.display(), bytes, opts.encoding);
    let mut rows = Vec::new();
    encoder.encode_document(source.display(), &doc.meta, &doc.rows, false, &mut rows);
    Done {
        messages: doc
            .warnings
            .iter()
            .map(|w| format!("tiqu: {}: {w}", source.display()))
            .collect(),
        rows,
        bytes: bytes.len() as u64,
        ..Done::end(false)
    }
}

/// A file that is not text: skipped with a note when found by walking a directory,
/// an error when named.
fn not_text(source: &Source, head: &[u8]) -> Option<Done> {
    let kind = input::binary_kind(head)?;
    Some(match source {
        Source::File {
            explicit: false,
            display,
            ..
        } => Done::message(format!("tiqu: {display}: skipped, {kind}"), false),
        other => Done::message(
            format!("tiqu: {}: not text ({kind})", other.display()),
            true,
        ),
    })
}

/// A unit of the run, in input order.
enum Unit {
    /// Nothing left to do but write (a message).
    Ready(Done),
    Work(Job),
}

/// The inputs turned into units, in order; a long document is read here, a part at a time.
struct Units<'o, 'p> {
    items: std::vec::IntoIter<Result<Source, InputError>>,
    big: Option<BigDoc>,
    lines: Option<JsonLines>,
    opts: &'o RunOptions<'p>,
}

/// A JSON Lines input being read, a line at a time.
struct JsonLines {
    name: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    /// Number of the last line read.
    line: u64,
}

impl JsonLines {
    /// Open an input: `Err` with what to write when it cannot be read or is not text.
    fn open(source: &Source) -> Result<JsonLines, Done> {
        let mut reader: Box<dyn BufRead + Send> = match source {
            Source::Stdin => Box::new(io::BufReader::with_capacity(256 << 10, io::stdin())),
            Source::File { path, display, .. } => match std::fs::File::open(path) {
                Ok(f) => Box::new(io::BufReader::with_capacity(256 << 10, f)),
                Err(e) => {
                    let msg = format!("tiqu: {display}: {}", source.reason(&e));
                    return Err(Done::message(msg, true));
                }
            },
        };
        let reason = match reader.fill_buf() {
            Ok(head) => match not_text(source, head) {
                Some(d) => return Err(d),
                None => {
                    return Ok(JsonLines {
                        name: Arc::from(source.display()),
                        reader,
                        line: 0,
                    })
                }
            },
            Err(e) => source.reason(&e),
        };
        Err(Done::message(
            format!("tiqu: {}: {reason}", source.display()),
            true,
        ))
    }

    /// The next line that is not blank, as a job; `None` at the end.
    fn next(&mut self) -> Option<Result<Job, Done>> {
        loop {
            let mut buf = Vec::new();
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    let msg = format!("tiqu: {}: {e}", self.name);
                    return Some(Err(Done::message(msg, true)));
                }
            }
            self.line += 1;
            while buf.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                buf.pop();
            }
            if self.line == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(Job::JsonLine(Arc::clone(&self.name), self.line, buf)));
        }
    }
}

/// A document being read in parts.
struct BigDoc {
    doc: Arc<str>,
    reader: PartReader<Box<dyn Read + Send>>,
}

impl Units<'_, '_> {
    fn next(&mut self) -> Option<Unit> {
        if self.opts.input == InputFormat::Jsonl {
            return self.next_line();
        }
        if let Some(big) = &mut self.big {
            match big.reader.next_part() {
                Some(Ok(part)) => {
                    let meta = Arc::clone(big.reader.meta());
                    return Some(Unit::Work(Job::Part(Arc::clone(&big.doc), meta, part)));
                }
                Some(Err(e)) => {
                    let msg = format!("tiqu: {}: {}", big.doc, e);
                    self.big = None;
                    return Some(Unit::Ready(Done::message(msg, true)));
                }
                None => {
                    let warning = malformed_warning(big.reader.malformed(), big.reader.encoding())
                        .map(|w| format!("tiqu: {}: {w}", big.doc));
                    self.big = None;
                    return Some(Unit::Ready(match warning {
                        Some(w) => Done::message(w, false),
                        None => Done::end(false),
                    }));
                }
            }
        }
        let source = match self.items.next()? {
            Ok(s) => s,
            Err(e) => return Some(Unit::Ready(Done::message(format!("tiqu: {e}"), true))),
        };
        let threshold = self.opts.blocks.threshold;
        let reader: Box<dyn Read + Send> = match &source {
            // A plain file is opened here and its size read from the open file: the
            // worker reads it without looking its path up again.
            Source::File {
                path,
                regular: true,
                ..
            } => {
                let opened = std::fs::File::open(path).and_then(|f| f.metadata().map(|m| (f, m)));
                match opened {
                    Ok((f, m)) if m.is_file() && m.len() > threshold => Box::new(f),
                    Ok((f, m)) if m.is_file() => {
                        return Some(Unit::Work(Job::Opened(source, f, m.len())))
                    }
                    // Not what the walk saw, or not readable: the worker reports why.
                    _ => return Some(Unit::Work(Job::Whole(source))),
                }
            }
            Source::File { path, .. } => {
                match std::fs::metadata(path) {
                    Ok(m) if m.is_file() && m.len() > threshold => {}
                    // Small, or not a plain file: read whole by a worker, which also
                    // reports what cannot be read.
                    _ => return Some(Unit::Work(Job::Whole(source))),
                }
                match std::fs::File::open(path) {
                    Ok(f) => Box::new(f),
                    Err(_) => return Some(Unit::Work(Job::Whole(source))),
                }
            }
            Source::Stdin => Box::new(io::stdin()),
        };
        Some(self.start(source, reader))
    }

    /// The next line of the JSON Lines inputs, opening them in order.
    fn next_line(&mut self) -> Option<Unit> {
        loop {
            if let Some(lines) = &mut self.lines {
                match lines.next() {
                    Some(Ok(job)) => return Some(Unit::Work(job)),
                    Some(Err(done)) => {
                        self.lines = None;
                        return Some(Unit::Ready(done));
                    }
                    None => {
                        self.lines = None;
                        return Some(Unit::Ready(Done::end(false)));
                    }
                }
            }
            let source = match self.items.next()? {
                Ok(s) => s,
                Err(e) => return Some(Unit::Ready(Done::message(format!("tiqu: {e}"), true))),
            };
            match JsonLines::open(&source) {
                Ok(lines) => self.lines = Some(lines),
                Err(done) => return Some(Unit::Ready(done)),
            }
        }
    }

    /// Read a document's start; a long one goes on in parts, a short one whole.
    fn start(&mut self, source: Source, mut reader: Box<dyn Read + Send>) -> Unit {
        let threshold = self.opts.blocks.threshold;
        // Standard input's length is known only by reading it: up to the threshold.
        let want = match &source {
            Source::Stdin => threshold.saturating_add(1),
            Source::File { .. } => HEAD_BYTES as u64,
        };
        let mut head = Vec::new();
        if let Err(e) = (&mut reader).take(want).read_to_end(&mut head) {
            let msg = format!("tiqu: {}: {}", source.display(), source.reason(&e));
            return Unit::Ready(Done::message(msg, true));
        }
        if matches!(source, Source::Stdin) && (head.len() as u64) <= threshold {
            return Unit::Work(Job::Bytes(source, head));
        }
        if let Some(d) = not_text(&source, &head[..head.len().min(HEAD_BYTES)]) {
            return Unit::Ready(d);
        }
        let doc: Arc<str> = Arc::from(source.display());
        self.big = Some(BigDoc {
            doc,
            reader: PartReader::new(head, reader, self.opts.encoding, self.opts.blocks),
        });
        self.next().unwrap_or_else(|| Unit::Ready(Done::end(false)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Lexicon;
    use crate::row::Field;
    use crate::sink::Format;

    struct Dir(std::path::PathBuf);

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn corpus(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("tiqu-run-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let article = "\n---\ntitle: '阿里云加大在广东投入'\n---\n\n<p>阿里云全年营收601.2亿元，同比增长50%。</p>\n<p>浙江省累计建成各类数据中心202个，PUE最低可以达到1.09。</p>\n";
        for i in 0..40 {
            let body = article.repeat(1 + i % 7);
            std::fs::write(dir.join(format!("a{i:02}.txt")), &body).unwrap();
        }
        std::fs::write(dir.join("sub/img.png"), b"\x89PNG\r\n\x1a\n....").unwrap();
        let (gbk, _, _) = encoding_rs::GBK.encode("广东省累计建成数据中心202个");
        let mut bad = gbk.into_owned();
        bad.extend_from_slice(b"\xff\xfe\xff");
        std::fs::write(dir.join("sub/bad.txt"), bad).unwrap();
        std::fs::write(dir.join("big.txt"), article.repeat(400)).unwrap();
        Dir(dir)
    }

    fn run_to_strings(
        dir: &Dir,
        threads: usize,
        blocks: BlockOptions,
        format: Format,
    ) -> (String, String, bool) {
        let pipeline = Pipeline::new(Lexicon::builtin());
        let opts = RunOptions {
            pipeline: &pipeline,
            input: InputFormat::Documents,
            encoding: None,
            encoder: Encoder::new(format, Field::ALL.to_vec()),
            bom: false,
            threads,
            blocks,
            limits: Limits {
                max_units: 3,
                max_bytes: 4096,
            },
        };
        let d = dir.0.to_string_lossy().into_owned();
        let items = input::walk(&[
            d.clone(),
            format!("{d}/missing.txt"),
            format!("{d}/a01.txt"),
        ])
        .items;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let ok = run(&opts, items, &mut out, &mut err).unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
            ok,
        )
    }

    /// Every input is counted once as done, whole or in parts, with its bytes.
    #[test]
    fn tally_counts_inputs_bytes_and_errors() {
        let dir = corpus("tally");
        let pipeline = Pipeline::new(Lexicon::builtin());
        let d = dir.0.to_string_lossy().into_owned();
        let items = input::walk(&[d.clone(), format!("{d}/missing.txt")]).items;
        let total: u64 = items
            .iter()
            .flatten()
            .map(|s| match s {
                Source::File { path, .. } => std::fs::metadata(path).unwrap().len(),
                Source::Stdin => 0,
            })
            .sum();
        for (threads, threshold) in [(1, 8 << 20), (3, 8 << 20), (2, 20_000)] {
            let opts = RunOptions {
                pipeline: &pipeline,
                input: InputFormat::Documents,
                encoding: None,
                encoder: Encoder::new(Format::Jsonl, Field::ALL.to_vec()),
                bom: false,
                threads,
                blocks: BlockOptions {
                    threshold,
                    ..BlockOptions::default()
                },
                limits: Limits::for_threads(threads),
            };
            let mut seen = Vec::new();
            let items = input::walk(&[d.clone(), format!("{d}/missing.txt")]).items;
            run_with_progress(&opts, items, io::sink(), io::sink(), &mut |t| seen.push(*t))
                .unwrap();
            let last = *seen.last().unwrap();
            assert_eq!((last.inputs, last.inputs_done, last.errors), (44, 44, 1));
            // The PNG is skipped unread; parts count their decoded text (ASCII and
            // UTF-8 here, so the same bytes), the GBK file its bytes.
            let png = 12;
            assert_eq!(last.bytes, total - png, "{threads} threads, {threshold}");
            assert!(seen
                .windows(2)
                .all(|w| w[0].inputs_done <= w[1].inputs_done));
        }
    }

    /// The same bytes and messages whatever the number of threads, in parts or whole.
    #[test]
    fn output_does_not_depend_on_threads_or_parts() {
        let dir = corpus("threads");
        let whole = BlockOptions::default();
        let parts = BlockOptions {
            threshold: 20_000,
            block: 3000,
            before: 2000,
            after: 512,
        };
        for format in [Format::Csv, Format::Json, Format::Jsonl] {
            let base = run_to_strings(&dir, 1, whole, format);
            assert!(!base.2, "a missing file fails the run");
            assert!(base.1.contains("missing.txt: no such file"), "{}", base.1);
            assert!(base.1.contains("img.png: skipped"), "{}", base.1);
            assert!(base.0.lines().count() > 1000);
            for threads in [2, 3, 8] {
                assert_eq!(
                    run_to_strings(&dir, threads, whole, format),
                    base,
                    "{threads} threads"
                );
            }
            for threads in [1, 2, 3] {
                assert_eq!(
                    run_to_strings(&dir, threads, parts, format),
                    base,
                    "{threads} threads, parts"
                );
            }
        }
    }
}
