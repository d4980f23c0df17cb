//! The `tiqu` binary: parse the command line, run the pipeline over every input, and
//! report each bad input on stderr without stopping the others.
//!
//! Exit status: 0 when every input was read, 1 when some could not be, 2 for bad
//! usage; a closed pipe (`tiqu dir | head`) ends the run quietly with 0.

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use tiqu::blocks::BlockOptions;
use tiqu::input;
use tiqu::run::{Limits, RunOptions};
use tiqu::sink::{Encoder, Format};

fn main() -> ExitCode {
    let args = match cli::Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let config = match cli::Config::from_args(args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("tiqu: {msg}");
            return ExitCode::from(2);
        }
    };
    match run(&config) {
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
    #[cfg(feature = "xlsx")]
    if config.format == Format::Xlsx {
        let file = file.expect("Config requires -o for XLSX");
        let mut book = tiqu::sink::xlsx::XlsxWriter::new(file, config.fields.clone())?;
        let ok = tiqu::run::run(&opts, items, &mut book, io::stderr())?;
        book.close()?;
        return Ok(ok);
    }
    tiqu::run::run(&opts, items, text_out(file), io::stderr())
}
