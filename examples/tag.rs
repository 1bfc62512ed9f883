//! Tag a news article: entities, actors, stances.
//!
//! ```text
//! cargo run --release --example tag -- [--json] [--model NAME] [--topic FILE] [FILE]
//! cargo run --release --example tag -- --jsonl < docs.jsonl > results.jsonl
//! ```
//! With no FILE the embedded default article (examples/data/seed_article.txt) is tagged.
//! `--jsonl` reads `{"id": ..., "text": ..., "date"?: "YYYY-MM-DD"}` per line from stdin and
//! writes one result per input line, in input order, carrying the same `id`; a line that
//! cannot be processed (bad JSON, no text, a date not YYYY-MM-DD) gets
//! `{"id": ..., "line": N, "error": "..."}` in its place. `--date` dates the FILE (and the
//! JSONL lines without a `"date"`); `--dictionary FILE` adds a TABARI/PETRARCH actor file.
//!
//! Exit codes: 0 success; 1 error (unreadable file, model or topic problem, output not
//! writable, e.g. a closed pipe); 2 usage error;
//! 3 `--jsonl` finished but some lines failed (listed on stderr).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use detente::{Analysis, Date, Tagger};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const DEFAULT_ARTICLE: &str = include_str!("data/seed_article.txt");

#[derive(Parser, Debug)]
#[command(about = "Who is involved in a news story, and where each of them stands")]
struct Args {
    /// Text file to tag (UTF-8). Default: the embedded example article.
    file: Option<PathBuf>,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// Read JSON Lines {"id","text"} from stdin, write JSON Lines to stdout.
    #[arg(long, conflicts_with_all = ["file", "json"])]
    jsonl: bool,
    /// Model entry in models.toml.
    #[arg(long)]
    model: Option<String>,
    /// models.toml to use (default: $DETENTE_MODELS, else the crate's).
    #[arg(long)]
    models: Option<PathBuf>,
    /// Topic file (TOML). Default: the embedded US–Iran dialogue topic.
    #[arg(long)]
    topic: Option<PathBuf>,
    /// libtorch threads (default: libtorch's choice).
    #[arg(long)]
    threads: Option<usize>,
    /// Windows per forward pass.
    #[arg(long, default_value_t = 32)]
    batch: usize,
    /// Date of the document(s), YYYY-MM-DD: dictionary codes valid then apply.
    #[arg(long)]
    date: Option<Date>,
    /// Extra actor dictionary (TABARI/PETRARCH format) over the shipped Phoenix files;
    /// repeatable.
    #[arg(long)]
    dictionary: Vec<PathBuf>,
    /// Documents per pipeline batch in --jsonl mode.
    #[arg(long, default_value_t = 64)]
    docs_per_batch: usize,
}

fn read_text(path: &PathBuf) -> Result<String, String> {
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

fn print_table(out: &mut dyn Write, a: &Analysis) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<28} {:<13} {:>6} {:>6} {:>5} {:<4}",
        "ENTITY", "LABEL", "START", "END", "SCORE", "ISO"
    )?;
    for e in &a.entities {
        writeln!(
            out,
            "{:<28} {:<13} {:>6} {:>6} {:>5.2} {:<4}",
            truncate(&e.text, 28),
            e.label.as_str(),
            e.start,
            e.end,
            e.score,
            e.country.as_deref().unwrap_or("-")
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<3} {:<26} {:<13} {:<4} {:<18} {:<11} {:>4} {:>4}",
        "ID", "ACTOR", "KIND", "ISO", "ROLE", "STANCE", "CONF", "MENT"
    )?;
    for act in &a.actors {
        writeln!(
            out,
            "{:<3} {:<26} {:<13} {:<4} {:<18} {:<11} {:>4.2} {:>4}",
            act.id,
            truncate(&act.name, 26),
            act.kind.as_str(),
            act.country.as_deref().unwrap_or("-"),
            truncate(act.role.as_deref().unwrap_or("-"), 18),
            act.stance.as_str(),
            act.confidence,
            act.mentions.len()
        )?;
        for ev in &act.evidence {
            writeln!(
                out,
                "      {} [{}{}] \"{}\"",
                ev.rule,
                ev.cue,
                if ev.quote { ", quote" } else { "" },
                truncate(&ev.text, 90)
            )?;
        }
    }
    Ok(())
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// One JSONL input line, parsed or failed.
enum Line {
    Doc {
        id: serde_json::Value,
        text: String,
        date: Option<Date>,
    },
    Bad {
        id: serde_json::Value,
        error: String,
    },
}

fn parse_line(line: &str, default_date: Option<Date>) -> Line {
    match serde_json::from_str::<serde_json::Value>(line) {
        Err(e) => Line::Bad {
            id: serde_json::Value::Null,
            error: format!("malformed JSON: {e}"),
        },
        Ok(v) => {
            let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
            let date = match v.get("date") {
                None | Some(serde_json::Value::Null) => Ok(default_date),
                Some(serde_json::Value::String(s)) => s.parse::<Date>().map(Some),
                Some(other) => Err(detente::Error::Input(format!(
                    "\"date\" must be a string YYYY-MM-DD, not {other}"
                ))),
            };
            let date = match date {
                Ok(d) => d,
                Err(e) => {
                    return Line::Bad {
                        id,
                        error: format!("bad \"date\": {e}"),
                    }
                }
            };
            match v.get("text").and_then(|t| t.as_str()) {
                Some(t) => Line::Doc {
                    id,
                    text: t.to_string(),
                    date,
                },
                None => Line::Bad {
                    id,
                    error: "no string field \"text\"".into(),
                },
            }
        }
    }
}

fn run_jsonl(tagger: &Tagger, docs_per_batch: usize, date: Option<Date>) -> Result<usize, String> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let pb = if std::io::stderr().is_terminal() {
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template(
                "{spinner} {pos} docs [{elapsed_precise}, {per_sec}] {msg}",
            )
            .map_err(|e| e.to_string())?,
        );
        pb
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
    };
    let mut failures: Vec<(usize, String)> = Vec::new();
    let mut pending: Vec<(usize, Line)> = Vec::new();
    let flush = |pending: &mut Vec<(usize, Line)>,
                 out: &mut dyn Write,
                 failures: &mut Vec<(usize, String)>|
     -> Result<(), String> {
        let docs: Vec<(&str, Option<Date>)> = pending
            .iter()
            .filter_map(|(_, l)| match l {
                Line::Doc { text, date, .. } => Some((text.as_str(), *date)),
                Line::Bad { .. } => None,
            })
            .collect();
        // One batch for all good lines; if it fails, retry line by line to isolate the culprit.
        let batch = tagger.analyze_batch_dated(&docs);
        let mut results: Vec<Result<Analysis, String>> = match batch {
            Ok(v) => v.into_iter().map(Ok).collect(),
            Err(_) => docs
                .iter()
                .map(|&(t, d)| tagger.analyze_dated(t, d).map_err(|e| e.to_string()))
                .collect(),
        };
        results.reverse();
        for (lineno, l) in pending.drain(..) {
            let json = match l {
                Line::Bad { id, error } => {
                    failures.push((lineno, error.clone()));
                    serde_json::json!({"id": id, "line": lineno, "error": error})
                }
                Line::Doc { id, .. } => match results.pop() {
                    Some(Ok(mut a)) => {
                        a.id = Some(id);
                        serde_json::to_value(&a).map_err(|e| e.to_string())?
                    }
                    Some(Err(error)) => {
                        failures.push((lineno, error.clone()));
                        serde_json::json!({"id": id, "line": lineno, "error": error})
                    }
                    None => return Err("internal: result count mismatch".into()),
                },
            };
            writeln!(out, "{json}").map_err(|e| format!("cannot write output: {e}"))?;
            pb.inc(1);
        }
        out.flush()
            .map_err(|e| format!("cannot write output: {e}"))?;
        Ok(())
    };
    for (i, line) in stdin.lock().lines().enumerate() {
        let lineno = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                pending.push((
                    lineno,
                    Line::Bad {
                        id: serde_json::Value::Null,
                        error: format!("unreadable line: {e}"),
                    },
                ));
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        pending.push((lineno, parse_line(&line, date)));
        if pending.len() >= docs_per_batch.max(1) {
            flush(&mut pending, &mut out, &mut failures)?;
        }
    }
    flush(&mut pending, &mut out, &mut failures)?;
    pb.finish_and_clear();
    for (n, e) in &failures {
        eprintln!("line {n}: {e}");
    }
    Ok(failures.len())
}

fn main() -> ExitCode {
    let args = Args::parse();
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
    if let Some(t) = args.threads {
        b = b.threads(t);
    }
    for d in &args.dictionary {
        b = b.dictionary_file(d);
    }
    // Read the input before loading the model so that input errors come fast.
    let text = match (&args.file, args.jsonl) {
        (_, true) => None,
        (Some(p), false) => match read_text(p) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        },
        (None, false) => Some(DEFAULT_ARTICLE.to_string()),
    };
    let tagger = match b.build() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if args.jsonl {
        return match run_jsonl(&tagger, args.docs_per_batch, args.date) {
            Ok(0) => ExitCode::SUCCESS,
            Ok(n) => {
                eprintln!("{n} line(s) failed");
                ExitCode::from(3)
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let text = text.unwrap_or_default();
    match tagger.analyze_dated(&text, args.date) {
        Ok(a) => {
            if args.json {
                match serde_json::to_string_pretty(&a) {
                    Ok(s) => {
                        if let Err(e) = writeln!(std::io::stdout().lock(), "{s}") {
                            eprintln!("error: cannot write output: {e}");
                            return ExitCode::from(1);
                        }
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::from(1);
                    }
                }
            } else {
                // Write errors (a closed pipe: `tag | head`) are errors, not panics.
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                if let Err(e) = print_table(&mut out, &a).and_then(|()| out.flush()) {
                    eprintln!("error: cannot write output: {e}");
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
