//! The `tiqu` binary: parse the command line, run the pipeline over every input, and
//! report each bad input on stderr without stopping the others.
//!
//! Exit status: 0 when every input was read, 1 when some could not be, 2 for bad
//! usage; a closed pipe (`tiqu dir | head`) ends the run quietly with 0.
//!
//! A run over more than a handful of files shows a progress bar on stderr when stderr
//! is a terminal (and the rows do not go to the same terminal), unless `--quiet`.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use tiqu::blocks::BlockOptions;
use tiqu::input;
use tiqu::run::{Limits, RunOptions, Tally};
use tiqu::sink::Encoder;
#[cfg(feature = "xlsx")]
use tiqu::sink::Format;

/// What the run calls as documents are written: the progress bar, or nothing.
type Progress<'a> = Box<dyn FnMut(&Tally) + 'a>;

fn main() -> ExitCode {
    let args = match cli::Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Some(text) = args.generated() {
        let mut out = io::stdout().lock();
        return match out.write_all(&text).and_then(|_| out.flush()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                eprintln!("tiqu: writing output: {e}");
                ExitCode::from(1)
            }
            _ => ExitCode::SUCCESS,
        };
    }
    let config = match cli::Config::from_args(args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("tiqu: {msg}");
            return ExitCode::from(2);
        }
    };
    let result = run(&config);
    // The dictionaries go with the process: freeing their strings one by one at exit
    // cost a tenth of a small article's run. Every output is flushed by now.
    std::mem::forget(config);
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tiqu: writing output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Run over every input; Ok(false) when some input could not be read.
fn run(config: &cli::Config) -> io::Result<bool> {
    // The output is created first, so that a path that cannot be written is said
    // before any work.
    let file = match &config.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("tiqu: {}: {}", path.display(), input::io_reason(&e, path));
                return Ok(false);
            }
        },
        None => None,
    };
    let text_out = |file: Option<std::fs::File>| -> Box<dyn Write> {
        match file {
            Some(f) => Box::new(io::BufWriter::with_capacity(64 << 10, f)),
            None => Box::new(io::BufWriter::with_capacity(64 << 10, io::stdout().lock())),
        }
    };
    if config.dump_terms {
        let mut out = text_out(file);
        let lex = config.pipeline.extractor().lexicon();
        let mut terms: Vec<&str> = lex.terms().collect();
        terms.sort_unstable();
        for t in terms {
            writeln!(out, "{t}")?;
        }
        return out.flush().map(|_| true);
    }
    let opts = RunOptions {
        pipeline: &config.pipeline,
        input: config.input,
        encoding: config.encoding,
        encoder: Encoder::new(config.format, config.fields.clone()),
        bom: config.bom,
        threads: config.threads,
        blocks: BlockOptions::default(),
        limits: Limits::for_threads(config.threads),
    };
    let items = input::walk(&config.paths).items;
    let rows_to_terminal = file.is_none() && io::stdout().is_terminal();
    let bar =
        (!config.quiet && items.len() > HANDFUL && io::stderr().is_terminal() && !rows_to_terminal)
            .then(|| Bar::new(items.len() as u64));
    let (err, mut progress): (Box<dyn Write>, Progress<'_>) = match &bar {
        Some(b) => (Box::new(b.stderr()), Box::new(|t: &Tally| b.update(t))),
        None => (Box::new(io::stderr()), Box::new(|_: &Tally| {})),
    };
    #[cfg(feature = "xlsx")]
    if config.format == Format::Xlsx {
        let file = file.expect("Config requires -o for XLSX");
        let mut book = tiqu::sink::xlsx::XlsxWriter::new(file, config.fields.clone())?;
        let ok = tiqu::run::run_with_progress(&opts, items, &mut book, err, &mut progress)?;
        drop(progress);
        if let Some(b) = &bar {
            b.bar.set_message("saving the workbook");
            b.bar.tick();
        }
        book.close()?;
        if let Some(b) = bar {
            b.finish();
        }
        return Ok(ok);
    }
    let ok = tiqu::run::run_with_progress(&opts, items, text_out(file), err, &mut progress);
    drop(progress);
    if let Some(b) = bar {
        b.finish();
    }
    ok
}

/// More inputs than this show a progress bar.
const HANDFUL: usize = 8;

/// The progress bar: inputs done of all, MB/s, errors so far.
struct Bar {
    bar: ProgressBar,
    start: Instant,
    /// When it was last drawn (it is drawn at most four times a second).
    last: std::cell::Cell<Option<Instant>>,
}

impl Bar {
    fn new(inputs: u64) -> Bar {
        let bar =
            ProgressBar::with_draw_target(Some(inputs), ProgressDrawTarget::stderr_with_hz(4));
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}  {elapsed}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        Bar {
            bar,
            start: Instant::now(),
            last: std::cell::Cell::new(None),
        }
    }

    /// Called after every unit written: cheap unless a quarter second has passed.
    fn update(&self, t: &Tally) {
        let now = Instant::now();
        if let Some(last) = self.last.get() {
            if now - last < Duration::from_millis(250) && t.inputs_done < t.inputs {
                return;
            }
        }
        self.last.set(Some(now));
        let secs = (now - self.start).as_secs_f64().max(0.001);
        self.bar.set_position(t.inputs_done);
        self.bar.set_message(format!(
            "{:.1} MB/s  {} error{}",
            t.bytes as f64 / 1e6 / secs,
            t.errors,
            if t.errors == 1 { "" } else { "s" }
        ));
    }

    /// Messages go out above the bar, which is drawn again below them.
    fn stderr(&self) -> BarStderr {
        BarStderr {
            bar: self.bar.clone(),
            buf: Vec::new(),
        }
    }

    fn finish(self) {
        self.bar.finish_and_clear();
    }
}

/// Standard error while a bar is drawn: each flushed message is written with the bar
/// taken away.
struct BarStderr {
    bar: ProgressBar,
    buf: Vec<u8>,
}

impl Write for BarStderr {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let buf = std::mem::take(&mut self.buf);
        self.bar.suspend(|| {
            let mut err = io::stderr().lock();
            err.write_all(&buf).and_then(|_| err.flush())
        })
    }
}

impl Drop for BarStderr {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
