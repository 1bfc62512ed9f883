//! Entity-level evaluation on a CoNLL file (conlleval semantics: exact span and type).
//!
//! ```text
//! cargo run --release --example eval_conll -- ../shared/data/conll2003/test.txt
//! ```
//! Prints precision/recall/F1 per type and overall, sentences/s, and as its last line
//! `F1 0.xxxx`. The file is read as one stream of words in its original order, so each
//! sentence is tagged with its neighbours as context, the way articles are tagged.

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use detente::config::ModelsFile;
use detente::ner::conll::{evaluate, read_conll};
use detente::ner::transformer::{NerOptions, TransformerNer};

#[derive(Parser, Debug)]
#[command(about = "Score a detente NER model on a CoNLL-2003 file")]
struct Args {
    /// CoNLL file (`word ... TAG` per line, blank line between sentences).
    file: PathBuf,
    /// Model entry in models.toml (default: the file's default).
    #[arg(long)]
    model: Option<String>,
    /// models.toml to use (default: $DETENTE_MODELS or the crate's).
    #[arg(long)]
    models: Option<PathBuf>,
    /// libtorch threads.
    #[arg(long)]
    threads: Option<usize>,
    /// Windows per forward pass.
    #[arg(long, default_value_t = 32)]
    batch: usize,
    /// Tag each sentence alone instead of in its document stream.
    #[arg(long)]
    no_context: bool,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let file = ModelsFile::load(&ModelsFile::locate(args.models.as_deref()))?;
    let options = NerOptions {
        threads: args.threads,
        batch_size: args.batch,
        ..Default::default()
    };
    let ner = TransformerNer::from_models_file(&file, args.model.as_deref(), options)?;
    let sents = read_conll(&args.file)?;
    let t0 = Instant::now();
    let scores = evaluate(&ner, &sents, !args.no_context)?;
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "model {} on {} ({} sentences)",
        ner.name(),
        args.file.display(),
        sents.len()
    );
    println!(
        "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}",
        "type", "precision", "recall", "F1", "gold", "pred"
    );
    for (t, c) in &scores.per_type {
        println!(
            "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}",
            t,
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold,
            c.pred
        );
    }
    let o = scores.overall;
    println!(
        "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}",
        "overall",
        o.precision(),
        o.recall(),
        o.f1(),
        o.gold,
        o.pred
    );
    println!(
        "{:.1} sentences/s ({:.2}s)",
        sents.len() as f64 / secs,
        secs
    );
    println!("F1 {:.4}", o.f1());
    Ok(())
}
