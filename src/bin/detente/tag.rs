//! `detente tag`: flags and wiring only; the work is in `detente::io` and `detente::Tagger`.
//! Shared with `examples/tag.rs`, which takes the same flags without the subcommand.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use detente::io::{ErrorRecord, HtmlReport, InputRecord, StreamObserver, StreamOptions};
use detente::{Analysis, Date, Error, Tagger};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const DEFAULT_ARTICLE: &str = include_str!("../../../examples/data/seed_article.txt");

/// Who is involved in a news story, and where each of them stands.
///
/// Exit status: 0 success (in --jsonl mode also when some lines became error records);
/// 1 fatal error (unreadable file or input, model/libtorch/topic cannot load, output not
/// writable; a closed stdout is not an error); 2 usage error.
#[derive(clap::Args, Debug)]
pub struct TagArgs {
    /// Text file to tag (UTF-8); with --jsonl a JSON Lines file. Without FILE (or with `-`):
    /// --jsonl reads stdin, otherwise the embedded example article is tagged.
    pub file: Option<PathBuf>,
    /// Print JSON instead of tables.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Stream filter: JSON Lines {"id","text"} in, one JSON line per input line out, in order;
    /// a line that cannot be tagged becomes {"id","line","error"} and the run goes on.
    #[arg(long)]
    pub jsonl: bool,
    /// Write an HTML report to this file (`-`: stdout); with --jsonl, one page for all documents.
    #[arg(long, value_name = "OUT.html")]
    pub html: Option<PathBuf>,
    /// Model entry in models.toml (default: the file's default).
    #[arg(long)]
    pub model: Option<String>,
    /// models.toml to use (default: $DETENTE_MODELS, next to the executable, the user data
    /// directory, the build tree; see `detente models`).
    #[arg(long, value_name = "FILE")]
    pub models: Option<PathBuf>,
    /// Topic file (TOML). Default: the embedded US–Iran dialogue topic.
    #[arg(long)]
    pub topic: Option<PathBuf>,
    /// libtorch threads for this process (default: $OMP_NUM_THREADS, else libtorch's choice).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Windows per forward pass.
    #[arg(long, default_value_t = 32)]
    pub batch: usize,
    /// Documents per batch in --jsonl mode (the output is flushed after each batch).
    #[arg(long, default_value_t = 64)]
    pub docs_per_batch: usize,
    /// In --jsonl mode, a longer text (UTF-8 bytes) becomes an error record.
    #[arg(long, default_value_t = 10 << 20)]
    pub max_bytes: usize,
    /// In --jsonl mode, add "meta": {"pid","threads","t_start","t_end"} to every record.
    #[arg(long)]
    pub emit_meta: bool,
    /// Date of the document (with --jsonl: of the lines without a "date"), YYYY-MM-DD:
    /// actor dictionary codes valid at that date apply. Default: the current codes.
    #[arg(long)]
    pub date: Option<Date>,
    /// Extra actor dictionary (TABARI/PETRARCH .actors format) over the shipped Phoenix
    /// files; repeatable.
    #[arg(long, value_name = "FILE")]
    pub dictionary: Vec<PathBuf>,
    /// General English lexicon replacing the embedded one (a copy of data/english.toml,
    /// edited: lemmas, negators, predicate families, condition markers, …).
    #[arg(long, value_name = "FILE")]
    pub english: Option<PathBuf>,
    /// Reported-speech lexicon replacing the embedded one (a copy of data/attribution.toml,
    /// edited: speech verbs, pronouns, source nouns).
    #[arg(long, value_name = "FILE")]
    pub attribution: Option<PathBuf>,
}

/// `--threads`, else a positive `OMP_NUM_THREADS`.
fn threads(args: &TagArgs) -> Option<usize> {
    args.threads.or_else(|| {
        std::env::var("OMP_NUM_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
    })
}

fn build_tagger(args: &TagArgs) -> Result<Tagger, Error> {
    let mut b = Tagger::builder().batch_size(args.batch);
    if let Some(m) = &args.models {
        b = b.models_file(m);
    }
    if let Some(m) = &args.model {
        b = b.model(m);
    }
    if let Some(t) = &args.topic {
        b = b.topic_file(t);
    }
    if let Some(t) = threads(args) {
        b = b.threads(t);
    }
    for d in &args.dictionary {
        b = b.dictionary_file(d);
    }
    if let Some(e) = &args.english {
        b = b.english_file(e);
    }
    if let Some(a) = &args.attribution {
        b = b.attribution_file(a);
    }
    b.build()
}

fn read_text(path: &Path) -> Result<String, String> {
    if path.is_dir() {
        return Err(format!(
            "{} is a directory, not a text file",
            path.display()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not valid UTF-8: invalid byte at offset {}",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Run `detente tag` with parsed flags.
pub fn run(args: TagArgs) -> ExitCode {
    let result = if args.jsonl {
        run_jsonl(&args)
    } else {
        run_file(&args)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `detente tag … | head -1`: the reader went away; end quietly, as ripgrep does.
        Err(Failure::Lib(e)) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// A fatal error of the command.
enum Failure {
    Lib(Error),
    Msg(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Lib(e) => write!(f, "{e}"),
            Failure::Msg(m) => f.write_str(m),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Lib(e)
    }
}

/// Where `--html` writes: a file, or stdout for `-`.
fn html_out(path: &Path) -> Result<Box<dyn Write>, Failure> {
    if path == Path::new("-") {
        return Ok(Box::new(BufWriter::new(std::io::stdout())));
    }
    let f = std::fs::File::create(path)
        .map_err(|e| Failure::Msg(format!("cannot create {}: {e}", path.display())))?;
    Ok(Box::new(BufWriter::new(f)))
}

fn run_file(args: &TagArgs) -> Result<(), Failure> {
    // Read the input before loading the model so that input errors come fast.
    let (text, heading) = match args.file.as_deref() {
        Some(p) if p != Path::new("-") => {
            (read_text(p).map_err(Failure::Msg)?, p.display().to_string())
        }
        Some(_) => {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                .map_err(|e| Failure::Msg(format!("cannot read stdin: {e}")))?;
            (s, "stdin".to_string())
        }
        None => (DEFAULT_ARTICLE.to_string(), "example article".to_string()),
    };
    let tagger = build_tagger(args)?;
    let analysis = tagger.analyze_dated(&text, args.date)?;
    if let Some(path) = &args.html {
        detente::io::write_html(html_out(path)?, &heading, &text, &analysis)?;
        if !args.json {
            return Ok(());
        }
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        let s = serde_json::to_string_pretty(&analysis).map_err(|source| Error::Json { source })?;
        writeln!(out, "{s}").map_err(|source| Error::Output { source })?;
    } else {
        detente::io::write_table(&mut out, &analysis)?;
    }
    out.flush().map_err(|source| Error::Output { source })?;
    Ok(())
}

fn run_jsonl(args: &TagArgs) -> Result<(), Failure> {
    let (input, size): (Box<dyn BufRead>, Option<u64>) = match args.file.as_deref() {
        Some(p) if p != Path::new("-") => {
            let f = std::fs::File::open(p)
                .map_err(|e| Failure::Msg(format!("cannot read {}: {e}", p.display())))?;
            let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            (Box::new(std::io::BufReader::new(f)), size)
        }
        _ => {
            let size = std::fs::metadata("/dev/stdin")
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len());
            (Box::new(std::io::stdin().lock()), size)
        }
    };
    let html = match &args.html {
        Some(p) if p == Path::new("-") => {
            return Err(Failure::Msg(
                "--jsonl writes JSON Lines to stdout: give --html a file, not `-`".into(),
            ))
        }
        Some(p) => Some(HtmlReport::new(html_out(p)?, "detente report")?),
        None => None,
    };
    let tagger = build_tagger(args)?;
    let options = StreamOptions {
        docs_per_batch: args.docs_per_batch.max(1),
        max_text_bytes: args.max_bytes,
        emit_meta: args.emit_meta,
        default_date: args.date,
        ..StreamOptions::default()
    };
    let mut observer = Observer {
        bar: progress_bar(size),
        started: Instant::now(),
        html,
    };
    let stdout = std::io::stdout().lock();
    let summary = detente::io::tag_stream(&tagger, input, stdout, &options, &mut observer)?;
    if let Some(bar) = &observer.bar {
        bar.finish_and_clear();
    }
    if let Some(h) = observer.html.take() {
        h.finish()?;
    }
    if summary.errors > 0 {
        eprintln!(
            "{} of {} line(s) became error records",
            summary.errors, summary.lines
        );
    }
    Ok(())
}

/// A progress bar on stderr when it is a terminal: documents, documents/s, and (when the input
/// size is known) the share of the input done and the ETA.
fn progress_bar(size: Option<u64>) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let (bar, template) = match size {
        Some(n) => (
            ProgressBar::new(n),
            "{spinner} [{elapsed_precise}] {wide_bar} {percent}% {msg} ETA {eta}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} [{elapsed_precise}] {msg}",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Progress, error log (stderr) and HTML report of a `--jsonl` run.
struct Observer {
    bar: Option<ProgressBar>,
    started: Instant,
    html: Option<HtmlReport<Box<dyn Write>>>,
}

impl StreamObserver for Observer {
    fn document(&mut self, _line: u64, input: &InputRecord, a: &Analysis) -> detente::Result<()> {
        match &mut self.html {
            Some(h) => {
                let heading = match &input.id {
                    serde_json::Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                h.document(&heading, &input.text, a)
            }
            None => Ok(()),
        }
    }

    fn error(&mut self, record: &ErrorRecord) {
        let msg = format!("line {}: {}", record.line, record.error);
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }

    fn progress(&mut self, lines: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{lines} docs, {:.1} docs/s", lines as f64 / secs));
            bar.set_position(bytes);
        }
    }
}
