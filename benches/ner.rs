//! NER-only and end-to-end (NER + geo + actors + attribution + stance) throughput of the
//! default model of models.toml, on the seed article and on documents rebuilt from the
//! CoNLL-2003 test file, at batch sizes 1, 8, 32 and with 1 and 2 libtorch threads.
//!
//! ```text
//! cargo bench --bench ner                      # all of it
//! DETENTE_BENCH_DOCS=32 cargo bench --bench ner -- 'ner/'
//! ```
//! Throughput is reported in sub-word tokens per second (`elem/s`); the header printed
//! first gives each input's document and token counts, so docs/s = docs / time.
//! The corpus is the first `$DETENTE_BENCH_DOCS` (default 16) CoNLL test documents
//! (`$DETENTE_CONLL_TEST` moves the file; if it is missing only the seed article is run).
//! Under `cargo test` every benchmark runs once on 2 documents.

#[path = "common/corpus.rs"]
mod corpus;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use detente::config::ModelsFile;
use detente::ner::tokenize::WordTokenizer;
use detente::ner::transformer::{NerOptions, TransformerNer};
use detente::ner::words::split_words;
use detente::ner::Recognizer;
use detente::Tagger;

const THREADS: [usize; 2] = [1, 2];
const BATCHES: [usize; 3] = [1, 8, 32];

/// Whether criterion is benchmarking (`cargo bench`) rather than smoke-testing (`cargo test`).
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The named inputs: the seed article and (when the file is there) the CoNLL corpus.
fn inputs() -> Vec<(String, Vec<String>)> {
    let mut out = vec![("seed".to_string(), vec![corpus::SEED_ARTICLE.to_string()])];
    let n = if bench_mode() {
        std::env::var("DETENTE_BENCH_DOCS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(16usize)
    } else {
        2
    };
    match corpus::conll_documents(&corpus::conll_test_path()) {
        Ok(mut docs) => {
            docs.truncate(n.max(1));
            out.push((format!("conll{}", docs.len()), docs));
        }
        Err(e) => eprintln!("note: CoNLL corpus skipped: {e}"),
    }
    out
}

/// Model tokens (sub-words, no specials) of the documents.
fn token_count(docs: &[String], tok: &WordTokenizer) -> u64 {
    docs.iter()
        .map(|d| {
            let words = split_words(d);
            let strs: Vec<&str> = words.iter().map(|w| &d[w.start..w.end]).collect();
            tok.encode_words(&strs).map_or(0, |e| e.ids.len() as u64)
        })
        .sum()
}

fn benches(c: &mut Criterion) {
    let file = match ModelsFile::load(&ModelsFile::locate(None)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("note: NER benches skipped: {e}");
            return;
        }
    };
    let (name, entry, dir) = match file.entry(None) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("note: NER benches skipped: {e}");
            return;
        }
    };
    let mut ner = match TransformerNer::load(&name, &entry, &dir, NerOptions::default()) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("note: NER benches skipped (model `{name}` not loadable): {e}");
            return;
        }
    };
    let tok = WordTokenizer::from_dir(&dir, &name, entry.lowercase)
        .expect("tokenizer loads with the model");
    let inputs = inputs();
    for (label, docs) in &inputs {
        eprintln!(
            "input {label}: {} docs, {} tokens, {} bytes",
            docs.len(),
            token_count(docs, &tok),
            docs.iter().map(String::len).sum::<usize>()
        );
    }
    let configure = |g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>| {
        g.sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .sampling_mode(SamplingMode::Flat);
    };

    let mut group = c.benchmark_group("ner");
    configure(&mut group);
    for (label, docs) in &inputs {
        let texts: Vec<&str> = docs.iter().map(String::as_str).collect();
        group.throughput(Throughput::Elements(token_count(docs, &tok)));
        for threads in THREADS {
            tch::set_num_threads(threads as i32);
            for batch in BATCHES {
                ner.set_batch_size(batch);
                group.bench_function(format!("{label}/t{threads}/b{batch}"), |b| {
                    b.iter(|| ner.recognize_batch(&texts).expect("NER runs"))
                });
            }
        }
    }
    group.finish();
    drop(ner);

    let mut group = c.benchmark_group("e2e");
    configure(&mut group);
    for batch in BATCHES {
        let tagger = Tagger::builder()
            .models_file(file.source.clone())
            .model(name.clone())
            .batch_size(batch)
            .build()
            .expect("the model loaded above loads again");
        for (label, docs) in &inputs {
            let texts: Vec<&str> = docs.iter().map(String::as_str).collect();
            group.throughput(Throughput::Elements(token_count(docs, &tok)));
            for threads in THREADS {
                tch::set_num_threads(threads as i32);
                group.bench_function(format!("{label}/t{threads}/b{batch}"), |b| {
                    b.iter(|| {
                        for r in tagger.analyze_batch(&texts) {
                            r.expect("pipeline runs");
                        }
                    })
                });
            }
        }
    }
    group.finish();
}

criterion_group!(ner_benches, benches);
criterion_main!(ner_benches);
