//! The rule layer alone (geo → actors → attribution → stance, [`detente::Analyzer`]) with the
//! entities given, in bytes of text per second: the seed article with its gold entities
//! (`../shared/seed/gold.json`, countries given as LOCATION as a CoNLL model would) and the
//! CoNLL-2003 test documents with their gold entities. Needs no model and no libtorch
//! (`cargo bench --no-default-features --bench rules` works too).
//!
//! ```text
//! cargo bench --bench rules
//! ```

#[path = "common/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use detente::span::CharIndex;
use detente::{Analyzer, Entity, Label};

/// Documents with their entities.
type Docs = Vec<(String, Vec<Entity>)>;

/// Seed article + gold entities, when `../shared/seed/gold.json` is there.
fn seed() -> Option<(String, Vec<Entity>)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/gold.json");
    let gold: serde_json::Value =
        match std::fs::read_to_string(&path).map(|s| serde_json::from_str(&s)) {
            Ok(Ok(v)) => v,
            _ => {
                eprintln!("note: {} not readable; seed input skipped", path.display());
                return None;
            }
        };
    let text = gold["text"].as_str()?.to_string();
    let ix = CharIndex::new(&text);
    let ents = gold["entities"]
        .as_array()?
        .iter()
        .filter_map(|g| {
            let label = match g["label"].as_str().and_then(Label::parse)? {
                Label::Country => Label::Location,
                l => l,
            };
            let span =
                ix.span_from_chars(g["start"].as_u64()? as usize, g["end"].as_u64()? as usize);
            Some(Entity::new(&text, span, label, 0.9))
        })
        .collect();
    Some((text, ents))
}

/// CoNLL test documents + gold entities.
fn conll() -> Docs {
    match corpus::conll_gold_documents(&corpus::conll_test_path()) {
        Ok(docs) => docs
            .into_iter()
            .map(|d| {
                let ix = CharIndex::new(&d.text);
                let ents = d
                    .entities
                    .iter()
                    .filter_map(|(s, e, t)| {
                        Some(Entity::new(
                            &d.text,
                            ix.span_from_bytes(*s, *e),
                            Label::parse(t)?,
                            0.9,
                        ))
                    })
                    .collect();
                (d.text, ents)
            })
            .collect(),
        Err(e) => {
            eprintln!("note: CoNLL corpus skipped: {e}");
            Vec::new()
        }
    }
}

fn benches(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let mut inputs: Vec<(&str, Docs)> = Vec::new();
    if let Some(s) = seed() {
        inputs.push(("seed", vec![s]));
    }
    let docs = conll();
    if !docs.is_empty() {
        inputs.push(("conll", docs));
    }
    let mut group = c.benchmark_group("rules");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for (label, docs) in &inputs {
        let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
        eprintln!(
            "input {label}: {} docs, {} entities, {bytes} bytes",
            docs.len(),
            docs.iter().map(|(_, e)| e.len()).sum::<usize>()
        );
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(*label, |b| {
            b.iter_batched(
                || docs.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>(),
                |ents| {
                    docs.iter()
                        .zip(ents)
                        .map(|((t, _), e)| analyzer.analyze(t, e).actors.len())
                        .sum::<usize>()
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(rule_benches, benches);
criterion_main!(rule_benches);
