//! Tag a news article: entities, actors, stances. The same command as `detente tag` (the
//! `detente` binary, feature `cli`), kept as an example so that `cargo run --example tag` and
//! `target/release/examples/tag --jsonl` keep working without the feature.
//!
//! ```text
//! cargo run --release --example tag -- [--json|--html OUT] [--model NAME] [--topic FILE] [FILE]
//! cargo run --release --example tag -- --jsonl < docs.jsonl > results.jsonl
//! ```
//! See `src/bin/detente/tag.rs` for the flags and exit codes, and `detente::io::jsonl` for the
//! stream protocol.

#[path = "../src/bin/detente/tag.rs"]
mod tag;

use clap::Parser;

#[derive(Parser, Debug)]
#[command(
    name = "tag",
    about = "Who is involved in a news story, and where each of them stands"
)]
struct Cli {
    #[command(flatten)]
    args: tag::TagArgs,
}

fn main() -> std::process::ExitCode {
    tag::run(Cli::parse().args)
}
