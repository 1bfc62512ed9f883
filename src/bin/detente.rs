//! The `detente` command (feature `cli`): flags only; the work is in the library.
//!
//! ```text
//! detente tag [--json|--jsonl|--html OUT] [--topic FILE] [--model NAME] [--threads N] [FILE]
//! detente models [--models FILE]
//! ```
//! See `detente tag --help` and README.md ("The `detente` command").

#[path = "detente/tag.rs"]
mod tag;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use detente::config::ModelsFile;

#[derive(Parser, Debug)]
#[command(
    name = "detente",
    version,
    about = "Who is involved in a news story, and where each of them stands"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Tag a text file, the example article, or a JSON Lines stream.
    Tag(Box<tag::TagArgs>),
    /// Show where models.toml is searched for, which one is used, and its models.
    Models {
        /// models.toml to use instead of searching.
        #[arg(long, value_name = "FILE")]
        models: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Tag(args) => tag::run(*args),
        Command::Models { models } => show_models(models),
    }
}

/// `detente models`: the search order, the file found, and its entries.
fn show_models(explicit: Option<PathBuf>) -> ExitCode {
    println!("models.toml search order (the first existing file wins):");
    for (i, p) in ModelsFile::search_paths(explicit.as_deref())
        .iter()
        .enumerate()
    {
        let state = if p.is_file() { "found" } else { "missing" };
        println!("  {}. {} ({state})", i + 1, p.display());
    }
    let loaded = ModelsFile::find(explicit.as_deref())
        .and_then(|path| ModelsFile::load(&path).map(|f| (path, f)));
    match loaded {
        Ok((path, file)) => {
            println!("using: {}", path.display());
            for name in file.models.keys() {
                let dir = file
                    .entry(Some(name))
                    .map(|(_, _, d)| d)
                    .unwrap_or_default();
                let mark = if *name == file.default {
                    " (default)"
                } else {
                    ""
                };
                println!("  {name}{mark}: {}", dir.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
