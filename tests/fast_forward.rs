//! The lean BERT forward pass (`src/ner/encoder.rs`) against rust-bert's own forward over the
//! same weights, on a tiny randomly initialised BERT token classifier built here: the same
//! entities on padded and unpadded batches and multi-window documents, scores equal to
//! float rounding.
#![cfg(feature = "transformer")]

use std::path::Path;

use detente::config::{Architecture, ModelEntry};
use detente::ner::transformer::{NerOptions, TransformerNer};
use detente::ner::Recognizer;
use tch::{Device, Tensor};

mod tiny_model;

use tiny_model::CONLL;

fn make_model(dir: &Path, seed: i64) {
    tiny_model::make_model_with(dir, CONLL, seed, 4, |name, t| {
        // Larger weights make the random classifier's outputs varied and contextual.
        if name.contains("word_embeddings") || name.contains("query") || name.contains("key") {
            t.copy_(&Tensor::randn(t.size(), (tch::Kind::Float, Device::Cpu)));
        }
        if name == "classifier.weight" {
            t.copy_(&(Tensor::randn(t.size(), (tch::Kind::Float, Device::Cpu)) * 2.0));
        }
    });
}

fn text(words: usize, salt: usize) -> String {
    let pool = [
        "Iran", "said", "the", "talks", "with", "US", "minister", "Zarif", ",", "Kerry", "3.5",
        "Iraq's", ".",
    ];
    (0..words)
        .map(|i| pool[(i * 7 + salt + i / 3) % pool.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn lean_forward_matches_rust_bert_forward() {
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), 7);
    let entry = ModelEntry {
        architecture: Architecture::Bert,
        path: ".".into(),
        lowercase: true,
        max_length: 48,
        stride: 12,
        precision: Default::default(),
        labels: Default::default(),
        description: None,
    };
    // Mixed lengths: padded batches, single windows, documents cut into several windows.
    let texts: Vec<String> = (0..40).map(|i| text(3 + (i * 13) % 90, i)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    for batch in [1, 5, 32] {
        let opts = NerOptions {
            batch_size: batch,
            threads: Some(1),
            ..Default::default()
        };
        let mut ner = TransformerNer::load("tiny", &entry, dir.path(), opts).unwrap();
        assert!(
            ner.fast_forward(),
            "a BERT with gelu must get the lean forward"
        );
        let fast = ner.recognize_batch(&refs).unwrap();
        ner.set_fast_forward(false);
        assert!(!ner.fast_forward());
        let reference = ner.recognize_batch(&refs).unwrap();
        let total: usize = reference.iter().map(Vec::len).sum();
        assert!(
            total > 20,
            "the random model should find entities, got {total}"
        );
        for (i, (a, b)) in reference.iter().zip(&fast).enumerate() {
            assert_eq!(a.len(), b.len(), "text {i}, batch {batch}");
            for (x, y) in a.iter().zip(b) {
                assert_eq!(
                    (x.span(), x.label),
                    (y.span(), y.label),
                    "text {i}, batch {batch}"
                );
                // fp32 scores: the two forwards sum in different orders (fused vs separate
                // kernels, whose blocking depends on the CPU and the batch), so scores differ
                // in the fourth decimal on some machines (1.3e-4 seen on an EPYC); spans and
                // labels above must be equal
                assert!(
                    (x.score - y.score).abs() < 1e-3,
                    "text {i}: {} vs {}",
                    x.score,
                    y.score
                );
            }
        }
    }
}
