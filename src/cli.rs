//! The command line: clap's flags turned into one ready [`Config`], once.
//!
//! Nothing past this module sees clap types: `main` runs a `Config`.

use std::path::PathBuf;

use clap::{CommandFactory, Parser, ValueEnum};
use encoding_rs::Encoding;

use tiqu::dict::{EntityType, LexiconBuilder};
use tiqu::row::{Field, RowFilter};
use tiqu::run::InputFormat;
use tiqu::sink::Format;
use tiqu::Pipeline;

const EXAMPLES: &str = "\
Examples:
  One article, on standard input or named:
    curl -s URL | tiqu --format jsonl
    tiqu article.html
  A directory, walked in sorted order, to CSV (--bom for Excel) or to a workbook:
    tiqu --bom -o rows.csv crawl/
    tiqu --format xlsx -o rows.xlsx crawl/
  Documents as JSON Lines in a pipe, {\"id\": ..., \"text\": ...} a line (or \"html\"),
  every row's doc the document's id:
    zcat docs.jsonl.gz | tiqu --input jsonl --format jsonl > rows.jsonl
  Choose the columns, the document's title and date among them:
    tiqu --format json --fields doc,title,date,kind,text,value,unit seeds/";

/// Extract entities and figures from Chinese business and technology news.
#[derive(Debug, Parser)]
#[command(name = "tiqu", version, about, after_help = EXAMPLES)]
pub struct Args {
    /// Files or directories to read; none or `-` reads standard input.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    pub format: FormatArg,

    /// How inputs hold documents: each input one document, or JSON Lines of
    /// {"id": ..., "text": ...} or {"id": ..., "html": ...}, one document a line, the id
    /// written as every row's `doc`.
    #[arg(long, value_enum, default_value_t = InputArg::Documents)]
    pub input: InputArg,

    /// Write rows to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Read every input in this encoding (gbk, gb18030, big5, utf-16le, ...).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Also write every number that is part of no figure, as rows of kind `number`.
    #[arg(long)]
    pub numbers: bool,

    /// Add or override dictionary entries from a TSV file (see dictionaries/README.md).
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,

    /// Report only these entity types (comma-separated: company,product,...).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub types: Vec<String>,

    /// Choose and order the columns (comma-separated field names); besides the default
    /// sixteen, the document's title, date, author and url.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub fields: Vec<String>,

    /// Start CSV output with a UTF-8 byte order mark (for Excel).
    #[arg(long)]
    pub bom: bool,

    /// Print every dictionary term, one a line, and exit.
    #[arg(long)]
    pub dump_terms: bool,

    /// Worker threads (default: one per core; 1 reads the inputs one after the other).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// No progress bar (errors and warnings are still written to stderr).
    #[arg(short, long)]
    pub quiet: bool,

    /// Print a completion script for SHELL and exit.
    #[arg(long, value_enum, value_name = "SHELL", hide = true)]
    pub generate_completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff) and exit.
    #[arg(long, hide = true)]
    pub generate_man: bool,
}

impl Args {
    /// What `--generate-completions` or `--generate-man` asks to print, made from the
    /// flags defined here; `None` for a run.
    pub fn generated(&self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        if let Some(shell) = self.generate_completions {
            clap_complete::generate(shell, &mut Args::command(), "tiqu", &mut out);
        } else if self.generate_man {
            clap_mangen::Man::new(Args::command())
                .render(&mut out)
                .expect("writing to a Vec cannot fail");
        } else {
            return None;
        }
        Some(out)
    }
}

/// Output formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
    Jsonl,
    /// A workbook (needs -o FILE): a sheet of rows, a sheet of documents.
    Xlsx,
}

/// Input forms on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    Documents,
    Jsonl,
}

/// Everything a run needs, ready.
pub struct Config {
    pub pipeline: Pipeline,
    pub paths: Vec<PathBuf>,
    pub input: InputFormat,
    pub format: Format,
    pub fields: Vec<Field>,
    pub output: Option<PathBuf>,
    pub encoding: Option<&'static Encoding>,
    pub bom: bool,
    pub dump_terms: bool,
    pub threads: usize,
    /// No progress bar.
    pub quiet: bool,
}

impl Config {
    /// Check the flags and build the dictionaries; an error here is bad usage.
    pub fn from_args(args: Args) -> Result<Config, String> {
        let encoding = match &args.encoding {
            None => None,
            Some(name) => Some(tiqu::text::decode::encoding_for_label(name).ok_or_else(|| {
                format!(
                    "unknown encoding {name:?} (try utf-8, gbk, gb18030, big5, utf-16le, utf-16be)"
                )
            })?),
        };
        if encoding.is_some() && args.input == InputArg::Jsonl {
            return Err(
                "--encoding reads documents, not --input jsonl (JSON Lines are UTF-8)".into(),
            );
        }
        let mut fields = Vec::new();
        for name in args
            .fields
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            fields.push(Field::parse(name).ok_or_else(|| {
                let all: Vec<&str> = Field::SELECTABLE.iter().map(|f| f.name()).collect();
                format!("unknown field {name:?}; fields are {}", all.join(","))
            })?);
        }
        if fields.is_empty() {
            fields = Field::ALL.to_vec();
        }
        let mut types = Vec::new();
        for t in args
            .types
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            if EntityType::parse(t).is_none() {
                return Err(format!("unknown entity type {t:?}; types are company,organization,person,city,province,country,region,product"));
            }
            types.push(t.to_string());
        }
        if args.format == FormatArg::Xlsx {
            if !cfg!(feature = "xlsx") {
                return Err("this tiqu was built without XLSX (cargo feature `xlsx`)".into());
            }
            if args.output.is_none() {
                return Err("--format xlsx writes a workbook to a file: give -o FILE.xlsx".into());
            }
        }
        let mut lexicon = LexiconBuilder::builtin();
        for path in &args.dicts {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("{}: {}", path.display(), tiqu::input::io_reason(&e, path)))?;
            lexicon
                .add_tsv(&path.to_string_lossy(), &text)
                .map_err(|e| e.to_string())?;
        }
        let mut pipeline = Pipeline::new(lexicon.build());
        pipeline.numbers = args.numbers;
        pipeline.filter = RowFilter { types };
        Ok(Config {
            pipeline,
            paths: args.paths,
            input: match args.input {
                InputArg::Documents => InputFormat::Documents,
                InputArg::Jsonl => InputFormat::Jsonl,
            },
            format: match args.format {
                FormatArg::Csv => Format::Csv,
                FormatArg::Json => Format::Json,
                FormatArg::Jsonl => Format::Jsonl,
                FormatArg::Xlsx => Format::Xlsx,
            },
            fields,
            output: args.output,
            encoding,
            bom: args.bom,
            dump_terms: args.dump_terms,
            quiet: args.quiet,
            threads: args.threads.map_or_else(
                || std::thread::available_parallelism().map_or(1, |n| n.get()),
                usize::from,
            ),
        })
    }
}
